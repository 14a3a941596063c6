/*
 * C port of go1.19 src/time/sleep_test.go (package time_test).
 *
 * Closures become functions and argument structs, `go f()` runtime_Go.
 * Go collects Timers and channels; here each test frees what it made,
 * once no goroutine or timer still uses it (time/time.h's rules: a
 * Timer is freed with time_Timer_Free, an After channel after a value
 * was received from it).  Where Go selects on an After that may never be
 * received from, the port uses NewTimer and frees it, Go's own advice.
 * runtime.GC has no C counterpart; the loops that call it yield instead.
 */
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime_impl.h"
#include "sync/sync.h"
#include "tests/main_test.h"
#include "time/time.h"

static bool
testingShort(void)
{
	return getenv("GONET_TEST_SHORT") != NULL;
}

static time_Time
recvTime(runtime_hchan *c)
{
	time_Time t;

	runtime_chanrecv1(c, &t);
	return t;
}

/* Interrupt is export_test.go's: a signal must not cut a Sleep short. */
static void
interrupter(void *arg)
{
	time_Sleep(*(time_Duration *)arg / 2);
	kill(getpid(), SIGCHLD);
}

START_TEST(TestSleep)
{
	static time_Duration delay = 100 * time_Millisecond;
	time_Time	     start;
	time_Duration	     duration;

	runtime_Go(interrupter, &delay);
	start = time_Now();
	time_Sleep(delay);
	duration = time_Time_Sub(time_Now(), start);
	ck_assert_msg(duration >= delay, "Sleep(%lld) slept for only %lld",
	    (long long)delay, (long long)duration);
}
END_TEST

/*
 * TestAfterFunc's closure state; every Timer it makes is freed at the end.
 * Go's collector frees them; here the test must know each was stored
 * before freeing it, since the chain can finish before an earlier link has
 * stored the Timer it made: stored counts the stores.
 */
static struct {
	int	       i;
	runtime_hchan *c;
	time_Timer    *timers[12];
	_Atomic int    ntimers;
	sync_WaitGroup stored;
} afterFunc;

/* afterFuncNext starts the next link of the chain and records its Timer. */
static void
afterFuncNext(void (*f)(void *))
{
	sync_WaitGroup_Add(&afterFunc.stored, 1);
	afterFunc.timers[atomic_fetch_add(&afterFunc.ntimers, 1)] =
	    time_AfterFunc(0, f, NULL);
	sync_WaitGroup_Done(&afterFunc.stored);
}

static void
afterFuncF(void *arg)
{
	bool v = true;

	(void)arg;
	afterFunc.i--;
	if (afterFunc.i >= 0) {
		afterFuncNext(afterFuncF);
		time_Sleep(1 * time_Second);
	} else {
		runtime_chansend1(afterFunc.c, &v);
	}
}

START_TEST(TestAfterFunc)
{
	int i;

	afterFunc.i = 10;
	afterFunc.c = runtime_makechan(sizeof(bool), 0);
	afterFuncNext(afterFuncF);
	runtime_chanrecv1(afterFunc.c, NULL);
	sync_WaitGroup_Wait(&afterFunc.stored);
	for (i = 0; i < atomic_load(&afterFunc.ntimers); i++)
		time_Timer_Free(afterFunc.timers[i]);
	runtime_hchan_Free(afterFunc.c);
}
END_TEST

static _Atomic uint32_t stressStop;

static void
stressSleeper(void *arg)
{
	(void)arg;
	/* Go also runs the collector here; yielding is what is left. */
	while (atomic_load(&stressStop) == 0)
		time_Sleep(time_Nanosecond);
}

START_TEST(TestAfterStress)
{
	time_Ticker *ticker;
	int	     i;

	runtime_Go(stressSleeper, NULL);
	ticker = time_NewTicker(1);
	for (i = 0; i < 100; i++)
		recvTime(ticker->C);
	time_Ticker_Stop(ticker);
	atomic_store(&stressStop, 1);
	time_Ticker_Free(ticker);
}
END_TEST

START_TEST(TestAfter)
{
	const time_Duration delay = 100 * time_Millisecond;
	time_Time	    start, end, min;
	time_Duration	    duration;
	runtime_hchan	   *c;

	start = time_Now();
	c = time_After(delay);
	end = recvTime(c);
	runtime_hchan_Free(c);
	duration = time_Time_Sub(time_Now(), start);
	ck_assert_msg(duration >= delay, "After(%lld) slept for only %lld ns",
	    (long long)delay, (long long)duration);
	min = time_Time_Add(start, delay);
	ck_assert_msg(!time_Time_Before(end, min),
	    "After(%lld) expect >= start+delay, got %lld ns early",
	    (long long)delay, (long long)time_Time_Sub(min, end));
}
END_TEST

START_TEST(TestAfterTick)
{
	const int      Count = 10;
	time_Duration  Delta, d, target;
	time_Time      t0;
	runtime_hchan *c;
	int	       i;

	Delta = testingShort() ? 10 * time_Millisecond : 100 * time_Millisecond;
	t0 = time_Now();
	for (i = 0; i < Count; i++) {
		c = time_After(Delta);
		recvTime(c);
		runtime_hchan_Free(c);
	}
	d = time_Since(t0);
	target = Delta * Count;
	ck_assert_msg(d >= target * 9 / 10,
	    "%d ticks of %lld too fast: took %lld, expected %lld", Count,
	    (long long)Delta, (long long)d, (long long)target);
	ck_assert_msg(testingShort() || d <= target * 30 / 10,
	    "%d ticks of %lld too slow: took %lld, expected %lld", Count,
	    (long long)Delta, (long long)d, (long long)target);
}
END_TEST

static void
nothing(void *arg)
{
	(void)arg;
}

static void
sendTrueFunc(void *arg)
{
	sendTrue(arg);
}

/*
 * afterStopOnce is one attempt of TestAfterStop: it returns NULL or the
 * error Go appends, having freed everything (waiting for c2 if need be).
 */
static const char *
afterStopOnce(void)
{
	time_Timer    *t, *t0, *t1;
	runtime_hchan *c1, *c2;
	const char    *err;
	bool	       fired1;

	err = NULL;
	t = time_AfterFunc(100 * time_Millisecond, nothing, NULL);
	t0 = time_NewTimer(50 * time_Millisecond);
	c1 = runtime_makechan(sizeof(bool), 1);
	t1 = time_AfterFunc(150 * time_Millisecond, sendTrueFunc, c1);
	c2 = time_After(200 * time_Millisecond);
	fired1 = false;
	if (!time_Timer_Stop(t0)) {
		err = "failed to stop event 0";
	} else if (!time_Timer_Stop(t1)) {
		err = "failed to stop event 1";
		fired1 = true;
	}
	recvTime(c2);
	if (err != NULL)
		goto out;
	if (runtime_selectnbrecv(NULL, t0->C, NULL)) {
		err = "event 0 was not stopped";
	} else if (runtime_selectnbrecv(NULL, c1, NULL)) {
		err = "event 1 was not stopped";
	} else if (time_Timer_Stop(t1)) {
		err = "Stop returned true twice";
	}
out:
	/* C only: a goroutine t1 started must have sent before c1 goes. */
	if (fired1)
		runtime_chanrecv1(c1, NULL);
	time_Timer_Free(t);
	time_Timer_Free(t0);
	time_Timer_Free(t1);
	runtime_hchan_Free(c1);
	runtime_hchan_Free(c2);
	return err;
}

START_TEST(TestAfterStop)
{
	const char *errs[5];
	int	    i, nerrs;

	/* Inherently timing-bound, as Go says: five failures in a row fail. */
	nerrs = 0;
	for (i = 0; i < 5; i++) {
		errs[nerrs] = afterStopOnce();
		if (errs[nerrs] == NULL)
			break;
		nerrs++;
	}
	for (i = 0; i < nerrs; i++)
		fprintf(stderr, "TestAfterStop: %s\n", errs[i]);
	ck_assert_msg(nerrs < 5, "saw %d errors", nerrs);
}
END_TEST

static const int slots[] = { 5, 3, 6, 6, 6, 1, 1, 2, 7, 9, 4, 8, 0 };

typedef struct afterResult {
	int	  slot;
	time_Time t;
} afterResult;

typedef struct awaitArg {
	int	       slot;
	runtime_hchan *result;
	runtime_hchan *ac;
} awaitArg;

static void
await(void *arg)
{
	awaitArg   *a;
	afterResult r;

	a = arg;
	r.slot = a->slot;
	r.t = recvTime(a->ac);
	runtime_hchan_Free(a->ac);
	runtime_chansend1(a->result, &r);
}

/* testAfterQueuing returns NULL or Go's error text in buf. */
static const char *
testAfterQueuing(time_Duration delta, char *buf, size_t len)
{
	enum { n = nelem(slots) };
	awaitArg       args[n];
	afterResult    r[n];
	runtime_hchan *result;
	time_Time      t0;
	time_Duration  dt, target;
	size_t	       i;

	/* Buffered, so as not to depend on channel queueing order. */
	result = runtime_makechan(sizeof(afterResult), n);
	t0 = time_Now();
	for (i = 0; i < n; i++) {
		args[i] = (awaitArg){ slots[i], result,
			time_After((time_Duration)slots[i] * delta) };
		runtime_Go(await, &args[i]);
	}
	for (i = 0; i < n; i++)
		runtime_chanrecv1(result, &r[i]);
	runtime_hchan_Free(result);
	for (i = 1; i < n; i++)
		if (r[i].slot < r[i - 1].slot) {
			snprintf(buf, len, "After calls returned out of order");
			return buf;
		}
	for (i = 0; i < n; i++) {
		dt = time_Time_Sub(r[i].t, t0);
		target = (time_Duration)r[i].slot * delta;
		if (dt < target - delta / 2 || dt > target + delta * 10) {
			snprintf(buf, len,
			    "After(%lld) arrived at %lld, expected [%lld,%lld]",
			    (long long)target, (long long)dt,
			    (long long)(target - delta / 2),
			    (long long)(target + delta * 10));
			return buf;
		}
	}
	return NULL;
}

START_TEST(TestAfterQueuing)
{
	const int   attempts = 5;
	const char *err;
	char	    buf[200];
	int	    i;

	/* Go retries: this flakes on loaded systems. */
	err = "!=nil";
	for (i = 0; i < attempts && err != NULL; i++) {
		err = testAfterQueuing(
		    (time_Duration)(20 + i * 50) * time_Millisecond, buf,
		    sizeof(buf));
		if (err != NULL)
			fprintf(stderr, "attempt %d failed: %s\n", i, err);
	}
	ck_assert_msg(err == NULL, "%s", err);
}
END_TEST

static _Atomic int stopStressFired;

static void
stopStressFire(void *arg)
{
	(void)arg;
	atomic_fetch_add(&stopStressFired, 1);
}

static void
stopStressOne(void *arg)
{
	time_Timer *timer;

	(void)arg;
	timer = time_AfterFunc(2 * time_Second, stopStressFire, NULL);
	time_Sleep(1 * time_Second);
	time_Timer_Stop(timer);
	time_Timer_Free(timer);
}

START_TEST(TestTimerStopStress)
{
	int i;

	if (testingShort())
		return;
	for (i = 0; i < 100; i++)
		runtime_Go(stopStressOne, NULL);
	time_Sleep(3 * time_Second);
	ck_assert_msg(atomic_load(&stopStressFired) == 0,
	    "%d timers were not stopped", atomic_load(&stopStressFired));
}
END_TEST

static void
gcLoop(void *arg)
{
	int i;

	for (i = 0; i < 100; i++)
		runtime_Gosched();
	sendTrue(arg);
}

START_TEST(TestSleepZeroDeadlock)
{
	runtime_hchan *c, *tmp;
	bool	       v = true;
	int	       i;

	c = runtime_makechan(sizeof(bool), 0);
	runtime_Go(gcLoop, c);
	for (i = 0; i < 100; i++) {
		time_Sleep(0);
		tmp = runtime_makechan(sizeof(bool), 1);
		runtime_chansend1(tmp, &v);
		runtime_chanrecv1(tmp, NULL);
		runtime_hchan_Free(tmp);
	}
	runtime_chanrecv1(c, NULL);
	runtime_hchan_Free(c);
}
END_TEST

static const char *
testReset(time_Duration d)
{
	time_Timer *t0;
	const char *err;

	err = NULL;
	t0 = time_NewTimer(2 * d);
	time_Sleep(d);
	if (!time_Timer_Reset(t0, 3 * d)) {
		err = "resetting unfired timer returned false";
		goto out;
	}
	time_Sleep(2 * d);
	if (runtime_selectnbrecv(NULL, t0->C, NULL)) {
		err = "timer fired early";
		goto out;
	}
	time_Sleep(2 * d);
	if (!runtime_selectnbrecv(NULL, t0->C, NULL)) {
		err = "reset timer did not fire";
		goto out;
	}
	if (time_Timer_Reset(t0, 50 * time_Millisecond))
		err = "resetting expired timer returned true";
out:
	time_Timer_Free(t0);
	return err;
}

START_TEST(TestReset)
{
	const time_Duration unit = 25 * time_Millisecond;
	const time_Duration tries[] = { 1 * unit, 3 * unit, 7 * unit,
		15 * unit };
	const char	   *err;
	size_t		    i;

	/* Go widens the unit until one passes on slow, loaded hardware. */
	err = NULL;
	for (i = 0; i < nelem(tries); i++) {
		err = testReset(tries[i]);
		if (err == NULL)
			return;
	}
	ck_abort_msg("%s", err);
}
END_TEST

static void
bigSleeper(void *arg)
{
	time_Sleep(*(time_Duration *)arg);
	runtime_throw("big sleep returned");
}

/*
 * selectAfter waits for the first of two timers, as Go's select on two
 * Afters, and returns 0 or 1; both are freed.
 */
static int
selectAfter(time_Duration d0, time_Duration d1)
{
	time_Timer   *t0, *t1;
	runtime_scase cases[2];
	int	      chosen;

	t0 = time_NewTimer(d0);
	t1 = time_NewTimer(d1);
	cases[0] = (runtime_scase){ t0->C, NULL };
	cases[1] = (runtime_scase){ t1->C, NULL };
	chosen = runtime_selectgo(cases, 0, 2, true, NULL);
	time_Timer_Free(t0);
	time_Timer_Free(t1);
	return chosen;
}

START_TEST(TestOverflowSleep)
{
	static time_Duration big = INT64_MAX;
	const time_Duration  neg = INT64_MIN;

	runtime_Go(bigSleeper, &big);
	ck_assert_msg(
	    selectAfter(big, 25 * time_Millisecond) == 1, "big timeout fired");
	time_Sleep(neg); /* returns at once */
	ck_assert_msg(selectAfter(neg, 1 * time_Second) == 0,
	    "negative timeout didn't fire");
}
END_TEST

static void
empty(void *arg, uintptr_t seq)
{
	(void)arg;
	(void)seq;
}

/* CheckRuntimeTimerPeriodOverflow, from Go's internal_test.go. */
START_TEST(TestOverflowPeriodRuntimeTimer)
{
	runtime_timer  r = { 0 };
	runtime_hchan *c;

	r.when = runtime_nanotime();
	r.period = INT64_MAX;
	r.f = empty;
	runtime_startTimer(&r);
	/* A heap broken by the overflow would hang this short timer. */
	c = time_After(25 * time_Millisecond);
	recvTime(c);
	runtime_hchan_Free(c);
	runtime_freetimer(&r);
}
END_TEST

/* Zero-duration timers must not be missed (Go issue 44868). */
START_TEST(TestZeroTimer)
{
	time_Timer   *ti;
	time_Time     s;
	time_Duration diff;
	int	      i;

	if (testingShort())
		return;
	for (i = 0; i < 1000000; i++) {
		s = time_Now();
		ti = time_NewTimer(0);
		recvTime(ti->C);
		time_Timer_Free(ti);
		diff = time_Since(s);
		ck_assert_msg(diff <= 2 * time_Second,
		    "Expected time to get value from Timer channel in less "
		    "than 2 sec, took %lld",
		    (long long)diff);
	}
}
END_TEST

START_TEST(TestTimerModifiedEarlier)
{
	time_Duration past, since;
	time_Timer   *timer, *deadline;
	runtime_scase cases[2];
	time_Time     now;
	int	      i, j, count, fail;

	past = time_Until(time_Unix(0, 0));
	count = 1000;
	fail = 0;
	for (i = 0; i < count; i++) {
		timer = time_NewTimer(time_Hour);
		for (j = 0; j < 10; j++) {
			if (!time_Timer_Stop(timer))
				recvTime(timer->C);
			time_Timer_Reset(timer, past);
		}
		deadline = time_NewTimer(10 * time_Second);
		now = time_Now();
		cases[0] = (runtime_scase){ timer->C, NULL };
		cases[1] = (runtime_scase){ deadline->C, NULL };
		if (runtime_selectgo(cases, 0, 2, true, NULL) == 0) {
			since = time_Since(now);
			if (since > 8 * time_Second) {
				fprintf(stderr, "timer took too long (%lld)\n",
				    (long long)since);
				fail++;
			}
		} else {
			fprintf(stderr, "deadline expired\n");
			fail++;
		}
		time_Timer_Free(deadline);
		time_Timer_Free(timer);
	}
	ck_assert_msg(fail == 0, "%d failures", fail);
}
END_TEST

START_TEST(TestAdjustTimers)
{
	enum { n = 100 };
	time_Timer   *timers[n] = { 0 };
	int	      states[n] = { 0 }, indices[n];
	int	      len, ii, i, j, state;
	unsigned      seed;
	time_Time     now;
	time_Duration dur;

	seed = (unsigned)time_Time_UnixNano(time_Now());
	for (i = 0; i < n; i++) {
		j = rand_r(&seed) % (i + 1); /* rnd.Perm */
		indices[i] = indices[j];
		indices[j] = i;
	}
	len = n;
	while (len != 0) {
		ii = rand_r(&seed) % len;
		i = indices[ii];
		state = states[i]++;
		switch (state) {
		case 0:
			timers[i] = time_NewTimer(0);
			break;
		case 1:
			recvTime(timers[i]->C); /* now idle */
			break;
		case 2:
			if (time_Timer_Reset(timers[i], 1 * time_Minute))
				runtime_throw("shouldn't be active (1)");
			break;
		case 4:
			if (time_Timer_Reset(timers[i], 3 * time_Minute))
				runtime_throw("shouldn't be active (3)");
			break;
		case 6:
			if (time_Timer_Reset(timers[i], 2 * time_Minute))
				runtime_throw("shouldn't be active (2)");
			break;
		case 3:
		case 5:
		case 7:
			if (!time_Timer_Stop(timers[i])) {
				fprintf(stderr,
				    "timer %d state %d Stop returned false\n",
				    i, state);
				recvTime(timers[i]->C);
			}
			break;
		case 8:
			ck_assert_msg(!time_Timer_Reset(timers[i], 0),
			    "timer.Reset returned true");
			break;
		case 9:
			now = time_Now();
			recvTime(timers[i]->C);
			dur = time_Since(now);
			ck_assert_msg(dur <= 750 * time_Millisecond,
			    "timer %d took %lld to complete", i,
			    (long long)dur);
			break;
		case 10:
			time_Timer_Free(timers[i]);
			indices[ii] = indices[--len];
			break;
		}
	}
}
END_TEST

Suite *
sleep_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("sleep");
	tc = newTCase("Sleep");
	tcase_add_test(tc, TestSleep);
	tcase_add_test(tc, TestAfterFunc);
	tcase_add_test(tc, TestAfterStress);
	tcase_add_test(tc, TestAfter);
	tcase_add_test(tc, TestAfterTick);
	tcase_add_test(tc, TestAfterStop);
	tcase_add_test(tc, TestAfterQueuing);
	tcase_add_test(tc, TestTimerStopStress);
	tcase_add_test(tc, TestSleepZeroDeadlock);
	tcase_add_test(tc, TestReset);
	tcase_add_test(tc, TestOverflowSleep);
	tcase_add_test(tc, TestOverflowPeriodRuntimeTimer);
	tcase_add_test(tc, TestZeroTimer);
	tcase_add_test(tc, TestTimerModifiedEarlier);
	tcase_add_test(tc, TestAdjustTimers);
	suite_add_tcase(s, tc);
	return s;
}
