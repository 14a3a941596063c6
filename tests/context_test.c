/*
 * C port of go1.19 src/context/x_test.go (the TestXxx wrappers) and the
 * XTestXxx bodies of context_test.go that apply to the part of package
 * context gonet has (no String, and no user-defined Context), plus
 * gonet's own tests (testXxx) of that part.
 */
#include <sys/wait.h>

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context/context_impl.h"
#include "runtime/runtime.h"
#include "sync/sync.h"
#include "time/time.h"
#include "tests/allocs_hook.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

START_TEST(testContextErrors)
{
	ck_assert_str_eq(
	    runtime_error_Error(context_Canceled), "context canceled");
	ck_assert_str_eq(runtime_error_Error(context_DeadlineExceeded),
	    "context deadline exceeded");
	ck_assert(
	    context_DeadlineExceeded->type->Timeout(context_DeadlineExceeded));
	ck_assert(context_DeadlineExceeded->type->Temporary(
	    context_DeadlineExceeded));
}
END_TEST

START_TEST(testContextBackground)
{
	context_Context *bg = context_Background();
	time_Time	 d;

	ck_assert_ptr_eq(bg, context_Background());
	ck_assert_ptr_null(context_Context_Err(bg));
	ck_assert(!context_Context_Deadline(bg, &d));
	context_Cancel(bg);
	context_Free(bg);
	ck_assert_ptr_null(context_Context_Err(bg));
}
END_TEST

START_TEST(testContextWithCancel)
{
	context_Context *parent, *child, *grandchild;

	parent = context_WithCancel(context_Background());
	child = context_WithCancel(parent);
	grandchild = context_WithCancel(child);
	ck_assert_ptr_null(context_Context_Err(grandchild));
	context_Cancel(child);
	ck_assert_ptr_null(context_Context_Err(parent));
	ck_assert_ptr_eq(context_Context_Err(child), context_Canceled);
	ck_assert_ptr_eq(context_Context_Err(grandchild), context_Canceled);
	context_Cancel(child);
	context_Free(grandchild);
	context_Free(child);
	context_Free(parent);
}
END_TEST

/* A parent freed (cancelled) first leaves its children cancelled. */
START_TEST(testContextParentFreedFirst)
{
	context_Context *parent, *child, *late;

	parent = context_WithCancel(context_Background());
	child = context_WithCancel(parent);
	context_Cancel(parent);
	late = context_WithCancel(parent);
	ck_assert_ptr_eq(context_Context_Err(late), context_Canceled);
	context_Free(parent);
	ck_assert_ptr_eq(context_Context_Err(child), context_Canceled);
	context_Free(child);
	context_Free(late);
}
END_TEST

START_TEST(testContextWithDeadline)
{
	context_Context *ctx, *later, *past;
	time_Time	 d, got;

	d = time_Time_Add(time_Now(), 50 * time_Millisecond);
	ctx = context_WithDeadline(context_Background(), d);
	ck_assert(context_Context_Deadline(ctx, &got));
	ck_assert(time_Time_Equal(got, d));
	/* A later deadline cannot extend the parent's. */
	later = context_WithDeadline(ctx, time_Time_Add(d, time_Hour));
	ck_assert(context_Context_Deadline(later, &got));
	ck_assert(time_Time_Equal(got, d));
	/* No error before d; a busy CPU may hold this thread past it. */
	if (context_Context_Err(later) != NULL)
		ck_assert(!time_Time_Before(time_Now(), d));
	time_Sleep(80 * time_Millisecond);
	ck_assert_ptr_eq(context_Context_Err(later), context_DeadlineExceeded);
	ck_assert_ptr_eq(context_Context_Err(ctx), context_DeadlineExceeded);
	context_Free(later);
	context_Free(ctx);
	past = context_WithTimeout(context_Background(), -time_Second);
	ck_assert_ptr_eq(context_Context_Err(past), context_DeadlineExceeded);
	context_Free(past);
}
END_TEST

static void
bump(void *arg)
{
	(*(int *)arg)++;
}

START_TEST(testContextAfterFunc)
{
	context_Context	  *parent, *ctx;
	context_afterFunc *af, *stopped, *late;
	int		   n = 0, m = 0, k = 0;

	parent = context_WithCancel(context_Background());
	ctx = context_WithCancel(parent);
	af = context_AfterFunc(ctx, bump, &n);
	stopped = context_AfterFunc(ctx, bump, &m);
	ck_assert(context_stop(stopped));
	context_Cancel(parent);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(m, 0);
	context_Cancel(ctx);
	ck_assert_int_eq(n, 1);
	ck_assert(!context_stop(af));
	late = context_AfterFunc(ctx, bump, &k);
	ck_assert_int_eq(k, 1);
	ck_assert(!context_stop(late));
	context_Free(ctx);
	context_Free(parent);
}
END_TEST

static void *
cancelLater(void *arg)
{
	usleep(20 * 1000);
	context_Cancel(arg);
	return NULL;
}

START_TEST(testContextAfterFuncThread)
{
	context_Context	  *ctx;
	context_afterFunc *af;
	pthread_t	   t;
	int		   n = 0;

	ctx = context_WithCancel(context_Background());
	af = context_AfterFunc(ctx, bump, &n);
	pthread_create(&t, NULL, cancelLater, ctx);
	pthread_join(t, NULL);
	ck_assert(!context_stop(af));
	ck_assert_int_eq(n, 1);
	context_Free(ctx);
}
END_TEST

/* isClosed reports whether a receive from c completes at once. */
static bool
isClosed(runtime_hchan *c)
{
	bool ok = true;

	return runtime_selectnbrecv(NULL, c, &ok) && !ok;
}

/* waitDone is a goroutine blocked on <-ctx.Done(); it reports on out. */
static void
waitDone(void *arg)
{
	runtime_hchan **chans = arg;
	bool		ok;

	ok = runtime_chanrecv2(chans[0], NULL);
	runtime_chansend1(chans[1], &ok);
}

/*
 * Done, as in Go: nil for Background, the same open channel until
 * cancel closes it (waking a blocked receiver), closed for a child whose
 * parent is cancelled and for a context whose deadline has passed.
 */
START_TEST(testContextDone)
{
	context_Context *ctx, *child, *dl;
	runtime_hchan	*chans[2];
	bool		 ok;

	ck_assert_ptr_null(context_Context_Done(context_Background()));
	ctx = context_WithCancel(context_Background());
	child = context_WithCancel(ctx);
	chans[0] = context_Context_Done(ctx);
	ck_assert_ptr_nonnull(chans[0]);
	ck_assert_ptr_eq(chans[0], context_Context_Done(ctx));
	ck_assert(!isClosed(chans[0]));
	ck_assert(!isClosed(context_Context_Done(child)));
	chans[1] = runtime_makechan(sizeof(bool), 0);
	runtime_Go(waitDone, chans);
	context_Cancel(ctx);
	ok = true;
	runtime_chanrecv1(chans[1], &ok);
	ck_assert(!ok);
	ck_assert(isClosed(context_Context_Done(child)));
	runtime_hchan_Free(chans[1]);
	context_Free(child);
	context_Free(ctx);

	dl = context_WithTimeout(context_Background(), time_Millisecond);
	time_Sleep(5 * time_Millisecond);
	ck_assert(isClosed(context_Context_Done(dl)));
	ck_assert_ptr_eq(context_Context_Err(dl), context_DeadlineExceeded);
	context_Free(dl);
}
END_TEST

/* Go's test durations. */
static const time_Duration shortDuration = time_Millisecond;
static const time_Duration veryLongDuration = 1000 * time_Hour;

/* quiescent is Go's bound on a wait that should end (no test deadline). */
static time_Duration
quiescent(void)
{
	return 5 * time_Second;
}

/* doneNow reports whether <-ctx.Done() completes at once (Go's select). */
static bool
doneNow(context_Context *ctx)
{
	bool ok;

	return runtime_selectnbrecv(NULL, context_Context_Done(ctx), &ok);
}

START_TEST(TestBackground)
{
	context_Context *c = context_Background();

	ck_assert_ptr_nonnull(c);
	ck_assert_msg(!doneNow(c), "<-c.Done() want nothing (it should block)");
}
END_TEST

START_TEST(TestTODO)
{
	context_Context *c = context_TODO();

	ck_assert_ptr_nonnull(c);
	ck_assert_msg(!doneNow(c), "<-c.Done() want nothing (it should block)");
}
END_TEST

START_TEST(TestWithCancel)
{
	context_Context *c1, *c2, *contexts[2];
	size_t		 i;

	c1 = context_WithCancel(context_Background());
	c2 = context_WithCancel(c1);
	contexts[0] = c1;
	contexts[1] = c2;
	for (i = 0; i < nelem(contexts); i++) {
		ck_assert_msg(context_Context_Done(contexts[i]) != NULL,
		    "c[%zu].Done() == nil want non-nil", i);
		ck_assert_msg(context_Context_Err(contexts[i]) == NULL,
		    "c[%zu].Err() want nil", i);
		ck_assert_msg(!doneNow(contexts[i]),
		    "<-c.Done() want nothing (it should block)");
	}
	context_Cancel(c1); /* Should propagate synchronously. */
	for (i = 0; i < nelem(contexts); i++) {
		ck_assert_msg(doneNow(contexts[i]),
		    "<-c[%zu].Done() blocked, but shouldn't have", i);
		ck_assert_msg(
		    context_Context_Err(contexts[i]) == context_Canceled,
		    "c[%zu].Err() want Canceled", i);
	}
	context_Free(c2);
	context_Free(c1);
}
END_TEST

/* checkCanceled is TestParentFinishesChild's check. */
static void
checkCanceled(context_Context *ctx, const char *name)
{
	ck_assert_msg(
	    doneNow(ctx), "<-%s.Done() blocked, but shouldn't have", name);
	ck_assert_msg(context_Context_Err(ctx) == context_Canceled,
	    "%s.Err() == %s want context canceled", name,
	    runtime_error_Error(context_Context_Err(ctx)));
}

/* A key of Go's tests: its address is the key, as a Go value's type is. */
static const char keyKey[] = "key";

START_TEST(TestParentFinishesChild)
{
	context_Context *parent, *cancelChild, *valueChild, *timerChild, *pre;

	/* parent -> cancelChild; parent -> valueChild -> timerChild */
	parent = context_WithCancel(context_Background());
	cancelChild = context_WithCancel(parent);
	valueChild = context_WithValue(parent, keyKey, "value");
	timerChild = context_WithTimeout(valueChild, veryLongDuration);
	ck_assert(!doneNow(parent));
	ck_assert(!doneNow(cancelChild));
	ck_assert(!doneNow(timerChild));
	ck_assert(!doneNow(valueChild));
	context_Cancel(parent);
	checkCanceled(parent, "parent");
	checkCanceled(cancelChild, "cancelChild");
	checkCanceled(valueChild, "valueChild");
	checkCanceled(timerChild, "timerChild");
	/* WithValue should return a canceled context on a canceled parent. */
	pre = context_WithValue(parent, keyKey, "value");
	checkCanceled(pre, "precanceledChild");
	context_Free(pre);
	context_Free(timerChild);
	context_Free(valueChild);
	context_Free(cancelChild);
	context_Free(parent);
}
END_TEST

/*
 * TestChildFinishesFirst.  Go's parentCancelCtx is false for the child of
 * Background, which no cancel reaches; context_testParent is NULL then.
 */
START_TEST(TestChildFinishesFirst)
{
	context_Context *cancelable, *parents[2], *child, *pc;
	size_t		 i;

	cancelable = context_WithCancel(context_Background());
	parents[0] = context_Background();
	parents[1] = cancelable;
	for (i = 0; i < nelem(parents); i++) {
		child = context_WithCancel(parents[i]);
		ck_assert_msg(!doneNow(parents[i]) && !doneNow(child),
		    "<-Done() want nothing (it should block)");
		pc = i == 0 ? NULL : parents[i];
		ck_assert_msg(context_testParent(child) == pc,
		    "bad linkage: parentCancelCtx(cc.Context) = %p want %p",
		    (void *)context_testParent(child), (void *)pc);
		if (pc != NULL)
			ck_assert_msg(context_testChildren(pc) == 1,
			    "bad linkage: pc.children has %d, want cc alone",
			    context_testChildren(pc));
		context_Cancel(child);
		if (pc != NULL)
			ck_assert_msg(context_testChildren(pc) == 0,
			    "child's cancel didn't remove self from "
			    "pc.children (%d left)",
			    context_testChildren(pc));
		ck_assert_msg(doneNow(child),
		    "<-child.Done() blocked, but shouldn't have");
		ck_assert_msg(context_Context_Err(child) == context_Canceled,
		    "child.Err() want context canceled");
		ck_assert_msg(!doneNow(parents[i]),
		    "<-parent.Done() want nothing (it should block)");
		ck_assert_msg(context_Context_Err(parents[i]) == NULL,
		    "parent.Err() want nil");
		context_Free(child);
	}
	context_Free(cancelable);
}
END_TEST

/*
 * testDeadline waits for c's Done, no longer than quiescent, then wants
 * DeadlineExceeded.  Nothing but c's own timer closes Done here.
 */
static void
testDeadline(context_Context *c, const char *name)
{
	ck_assert_msg(recvWithin(context_Context_Done(c), NULL, quiescent()),
	    "%s: context not timed out after 5s", name);
	ck_assert_msg(context_Context_Err(c) == context_DeadlineExceeded,
	    "%s: c.Err() == %s; want context deadline exceeded", name,
	    runtime_error_Error(context_Context_Err(c)));
}

START_TEST(TestDeadline)
{
	context_Context *c, *o;

	c = context_WithDeadline(
	    context_Background(), time_Time_Add(time_Now(), shortDuration));
	testDeadline(c, "WithDeadline");
	context_Free(c);

	o = context_WithDeadline(
	    context_Background(), time_Time_Add(time_Now(), shortDuration));
	c = context_WithDeadline(
	    o, time_Time_Add(time_Now(), veryLongDuration));
	testDeadline(c, "WithDeadline+WithDeadline");
	context_Free(c);
	context_Free(o);

	c = context_WithDeadline(
	    context_Background(), time_Time_Add(time_Now(), -shortDuration));
	testDeadline(c, "WithDeadline+inthepast");
	context_Free(c);

	c = context_WithDeadline(context_Background(), time_Now());
	testDeadline(c, "WithDeadline+now");
	context_Free(c);
}
END_TEST

START_TEST(TestTimeout)
{
	context_Context *c, *o;

	c = context_WithTimeout(context_Background(), shortDuration);
	testDeadline(c, "WithTimeout");
	context_Free(c);

	o = context_WithTimeout(context_Background(), shortDuration);
	c = context_WithTimeout(o, veryLongDuration);
	testDeadline(c, "WithTimeout+WithTimeout");
	context_Free(c);
	context_Free(o);
}
END_TEST

START_TEST(TestCanceledTimeout)
{
	context_Context *o, *c;

	o = context_WithTimeout(context_Background(), time_Second);
	c = context_WithTimeout(o, veryLongDuration);
	context_Cancel(c); /* Should propagate synchronously. */
	ck_assert_msg(doneNow(c), "<-c.Done() blocked, but shouldn't have");
	ck_assert_msg(context_Context_Err(c) == context_Canceled,
	    "c.Err() == %s want context canceled",
	    runtime_error_Error(context_Context_Err(c)));
	context_Free(c);
	context_Free(o);
}
END_TEST

/* TestSimultaneousCancels' goroutine: cancel, then wg.Done. */
/*
 * TestValues.  Go's keys k1, k2 and k3 differ by type or value; here by
 * address.  Go's otherContext rows wrap a context in a type of the
 * test's own, which C cannot define (go_tests_status.txt), and String
 * is not there.
 */
static const char k1[] = "k1", k2[] = "k2", k3[] = "k3";

/* checkValue is one row of Go's check: want "" means no value. */
static void
checkValue(context_Context *c, const char *nm, const char *kn, const void *key,
    const char *want)
{
	const char *v;

	v = context_Context_Value(c, key);
	if (want[0] == '\0')
		ck_assert_msg(
		    v == NULL, "%s.Value(%s) = %s want none", nm, kn, v);
	else
		ck_assert_msg(v != NULL && strcmp(v, want) == 0,
		    "%s.Value(%s) = %s want %s", nm, kn, v ? v : "none", want);
}

static void
checkValues(context_Context *c, const char *nm, const char *v1, const char *v2,
    const char *v3)
{
	checkValue(c, nm, "k1", k1, v1);
	checkValue(c, nm, "k2", k2, v2);
	checkValue(c, nm, "k3", k3, v3);
}

START_TEST(TestValues)
{
	context_Context *c1, *c2, *c3, *c4;

	checkValues(context_Background(), "c0", "", "", "");
	c1 = context_WithValue(context_Background(), k1, "c1k1");
	checkValues(c1, "c1", "c1k1", "", "");
	c2 = context_WithValue(c1, k2, "c2k2");
	checkValues(c2, "c2", "c1k1", "c2k2", "");
	c3 = context_WithValue(c2, k3, "c3k3");
	checkValues(c3, "c2", "c1k1", "c2k2", "c3k3");
	c4 = context_WithValue(c3, k1, NULL);
	checkValues(c4, "c4", "", "c2k2", "c3k3");
	context_Free(c4);
	context_Free(c3);
	context_Free(c2);
	context_Free(c1);
}
END_TEST

/*
 * TestAllocs: Go's bounds on the allocations each way of making a
 * context takes, freeing included (Go's collector frees for it).
 */
static void
allocsBackground(void *arg)
{
	(void)arg;
	context_Background();
}

static void
allocsWithValue(void *arg)
{
	context_Context *c;

	(void)arg;
	c = context_WithValue(context_Background(), k1, NULL);
	context_Context_Value(c, k1);
	context_Free(c);
}

static void
allocsTimeoutNow(void *arg)
{
	context_Context *c;

	(void)arg;
	c = context_WithTimeout(context_Background(), time_Nanosecond);
	runtime_chanrecv1(context_Context_Done(c), NULL);
	context_Free(c);
}

static void
allocsWithCancel(void *arg)
{
	context_Context *c;

	(void)arg;
	c = context_WithCancel(context_Background());
	context_Cancel(c);
	runtime_chanrecv1(context_Context_Done(c), NULL);
	context_Free(c);
}

static void
allocsTimeoutCancel(void *arg)
{
	context_Context *c;

	(void)arg;
	c = context_WithTimeout(context_Background(), 5 * time_Millisecond);
	context_Cancel(c);
	runtime_chanrecv1(context_Context_Done(c), NULL);
	context_Free(c);
}

START_TEST(TestAllocs)
{
	static const struct {
		const char *desc;
		void (*f)(void *);
		double limit;
	} tests[] = {
		{ "Background()", allocsBackground, 0 },
		{ "WithValue(bg, k1, nil)", allocsWithValue, 3 },
		{ "WithTimeout(bg, 1*time.Nanosecond)", allocsTimeoutNow, 12 },
		{ "WithCancel(bg)", allocsWithCancel, 5 },
		{ "WithTimeout(bg, 5*time.Millisecond)", allocsTimeoutCancel,
		    8 },
	};
	double n;
	size_t i;

	if (testing_AllocsPerRun == NULL) {
		tSkipf("built without tests/allocs_hook.c");
		return;
	}
	for (i = 0; i < nelem(tests); i++) {
		n = testing_AllocsPerRun(
		    testingShort() ? 10 : 100, tests[i].f, NULL);
		if (n < 0) {
			tSkipf("the allocation functions are not wrapped");
			return;
		}
		ck_assert_msg(n <= tests[i].limit, "%s allocs = %g want %d",
		    tests[i].desc, n, (int)tests[i].limit);
	}
}
END_TEST

struct simCancel {
	context_Context *ctx;
	sync_WaitGroup	*wg;
};

static void
simCancel(void *arg)
{
	struct simCancel *sc = arg;

	context_Cancel(sc->ctx);
	sync_WaitGroup_Done(sc->wg);
}

/* simWait is Go's "go func() { wg.Wait(); close(done) }()". */
struct simWait {
	sync_WaitGroup *wg;
	runtime_hchan  *done;
};

static void
simWait(void *arg)
{
	struct simWait *sw = arg;

	sync_WaitGroup_Wait(sw->wg);
	runtime_closechan(sw->done);
}

/* waitOrStuck receives from c unless stuck closes first; true if c won. */
static bool
waitOrStuck(runtime_hchan *c, runtime_hchan *stuck)
{
	runtime_scase cases[2];

	cases[0] = (runtime_scase){ .c = c };
	cases[1] = (runtime_scase){ .c = stuck };
	return runtime_selectgo(cases, 0, 2, true, NULL) == 0;
}

static void
closeStuck(void *arg)
{
	runtime_closechan(arg);
}

START_TEST(TestSimultaneousCancels)
{
	enum { maxCtx = 101 };
	static struct simCancel sc[maxCtx];
	context_Context	       *m[maxCtx];
	sync_WaitGroup		wg = { 0 };
	runtime_hchan	       *stuck;
	struct simWait		sw;
	time_Timer	       *timer;
	int			n, q, i;

	/* Create a tree of contexts, breadth first, as Go's queue does. */
	n = 0;
	m[n++] = context_WithCancel(context_Background());
	for (q = 0; q < n && n < 100; q++) {
		for (i = 0; i < 4; i++)
			m[n++] = context_WithCancel(m[q]);
	}
	/* Start all the cancels in a random order. */
	sync_WaitGroup_Add(&wg, n);
	for (i = 0; i < n; i++) {
		sc[i] = (struct simCancel){ .ctx = m[i], .wg = &wg };
		runtime_Go(simCancel, &sc[i]);
	}
	stuck = runtime_makechan(0, 0);
	timer = time_AfterFunc(quiescent(), closeStuck, stuck);
	/* Wait on all the contexts. */
	for (i = 0; i < n; i++)
		ck_assert_msg(waitOrStuck(context_Context_Done(m[i]), stuck),
		    "timed out waiting for <-ctx.Done()");
	/* Wait for all the cancel functions to return. */
	sw = (struct simWait){ .wg = &wg, .done = runtime_makechan(0, 0) };
	runtime_Go(simWait, &sw);
	ck_assert_msg(waitOrStuck(sw.done, stuck),
	    "timed out waiting for cancel functions");
	if (!time_Timer_Stop(timer))
		runtime_chanrecv1(stuck, NULL); /* closeStuck has run */
	time_Timer_Free(timer);
	runtime_hchan_Free(sw.done);
	runtime_hchan_Free(stuck);
	for (i = n - 1; i >= 0; i--)
		context_Free(m[i]);
}
END_TEST

/*
 * TestInterlockedCancels' goroutine: <-parent.Done(); cancelChild().  It
 * then says it is done, so that C can free what Go's collector would.
 */
struct interlocked {
	context_Context *parent, *child;
	runtime_hchan	*exited;
};

static void
interlocked(void *arg)
{
	struct interlocked *il = arg;

	runtime_chanrecv1(context_Context_Done(il->parent), NULL);
	context_Cancel(il->child);
	runtime_chansend1(il->exited, NULL);
}

START_TEST(TestInterlockedCancels)
{
	struct interlocked il;

	il.parent = context_WithCancel(context_Background());
	il.child = context_WithCancel(il.parent);
	il.exited = runtime_makechan(0, 0);
	runtime_Go(interlocked, &il);
	context_Cancel(il.parent);
	ck_assert_msg(
	    recvWithin(context_Context_Done(il.child), NULL, quiescent()),
	    "timed out waiting for child.Done()");
	runtime_chanrecv1(il.exited, NULL);
	runtime_hchan_Free(il.exited);
	context_Free(il.child);
	context_Free(il.parent);
}
END_TEST

/*
 * TestLayersCancel and TestLayersTimeout: a random stack of at least 30
 * value, cancel and timeout layers; every value is still found after
 * the innermost context is cancelled through a random layer, or times
 * out.  The seed is the time, as in Go, and failures name it.
 */
enum { minLayers = 30, maxLayers = 256 };

struct layers {
	context_Context *ctxs[maxLayers];
	context_Context *cancels[maxLayers];
	int		*vals[maxLayers];
	int		 nctx, ncancel, nval, ntimer;
};

static void
layersBuild(struct layers *l, unsigned *seed, bool testTimeout)
{
	context_Context *ctx;
	int		 i;

	ctx = context_Background();
	for (i = 0;
	     i < minLayers || l->ntimer == 0 || l->ncancel == 0 || l->nval == 0;
	     i++) {
		ck_assert_msg(l->nctx < maxLayers, "too many layers");
		switch (rand_r(seed) % 3) {
		case 0:
			l->vals[l->nval] = malloc(sizeof(int));
			ctx = context_WithValue(
			    ctx, l->vals[l->nval], l->vals[l->nval]);
			l->nval++;
			break;
		case 1:
			ctx = context_WithCancel(ctx);
			l->cancels[l->ncancel++] = ctx;
			break;
		default:
			ctx = context_WithTimeout(ctx,
			    testTimeout ? shortDuration : veryLongDuration);
			l->cancels[l->ncancel++] = ctx;
			l->ntimer++;
		}
		l->ctxs[l->nctx++] = ctx;
	}
}

static void
layersCheckValues(struct layers *l, unsigned seed, const char *when)
{
	context_Context *ctx;
	const void	*val;
	int		 i;

	ctx = l->ctxs[l->nctx - 1];
	for (i = 0; i < l->nval; i++) {
		val = context_Context_Value(ctx, l->vals[i]);
		ck_assert_msg(val == l->vals[i],
		    "seed=%u: %s: ctx.Value(%p) = %p want %p", seed, when,
		    (void *)l->vals[i], val, (void *)l->vals[i]);
	}
}

static void
testLayers(unsigned seed, bool testTimeout)
{
	static struct layers l;
	context_Context	    *ctx;
	unsigned	     r;
	int		     i;

	memset(&l, 0, sizeof(l));
	r = seed;
	layersBuild(&l, &r, testTimeout);
	ctx = l.ctxs[l.nctx - 1];
	if (!testTimeout)
		ck_assert_msg(!doneNow(ctx),
		    "seed=%u: ctx should not be canceled yet", seed);
	layersCheckValues(&l, seed, "before cancel");
	if (testTimeout) {
		ck_assert_msg(
		    recvWithin(context_Context_Done(ctx), NULL, quiescent()),
		    "seed=%u: ctx should have timed out after %llds", seed,
		    (long long)(quiescent() / time_Second));
		layersCheckValues(&l, seed, "after timeout");
	} else {
		context_Cancel(l.cancels[rand_r(&r) % l.ncancel]);
		ck_assert_msg(
		    doneNow(ctx), "seed=%u: ctx should be canceled", seed);
		layersCheckValues(&l, seed, "after cancel");
	}
	for (i = l.nctx - 1; i >= 0; i--)
		context_Free(l.ctxs[i]);
	for (i = 0; i < l.nval; i++)
		free(l.vals[i]);
}

START_TEST(TestLayersCancel)
{
	testLayers((unsigned)time_Time_UnixNano(time_Now()), false);
}
END_TEST

START_TEST(TestLayersTimeout)
{
	testLayers((unsigned)time_Time_UnixNano(time_Now()), true);
}
END_TEST

/* TestCancelRemoves: a child's cancel takes it out of its parent's list. */
static void
checkChildren(const char *when, context_Context *ctx, int want)
{
	int got;

	got = context_testChildren(ctx);
	ck_assert_msg(got == want, "%s: context has %d children, want %d", when,
	    got, want);
}

START_TEST(TestCancelRemoves)
{
	context_Context *ctx, *child;

	ctx = context_WithCancel(context_Background());
	checkChildren("after creation", ctx, 0);
	child = context_WithCancel(ctx);
	checkChildren("with WithCancel child ", ctx, 1);
	context_Cancel(child);
	checkChildren("after canceling WithCancel child", ctx, 0);
	context_Free(child);
	context_Free(ctx);

	ctx = context_WithCancel(context_Background());
	checkChildren("after creation", ctx, 0);
	child = context_WithTimeout(ctx, 60 * time_Minute);
	checkChildren("with WithTimeout child ", ctx, 1);
	context_Cancel(child);
	checkChildren("after canceling WithTimeout child", ctx, 0);
	context_Free(child);
	context_Free(ctx);
}
END_TEST

START_TEST(TestWithCancelCanceledParent)
{
	context_Context *parent, *c;

	parent = context_WithCancel(context_Background());
	context_Cancel(parent);
	c = context_WithCancel(parent);
	ck_assert_msg(
	    doneNow(c), "child not done immediately upon construction");
	ck_assert_msg(context_Context_Err(c) == context_Canceled,
	    "child not canceled; got = %s, want = context canceled",
	    runtime_error_Error(context_Context_Err(c)));
	context_Free(c);
	context_Free(parent);
}
END_TEST

/*
 * nilParentPanics runs f in a child and reports whether it died of
 * runtime_throw with Go's panic text for a nil parent.
 */
static bool
nilParentPanics(void (*f)(void *))
{
	char out[512];
	int  status;

	status = runChild(f, NULL, out, sizeof out);
	return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT &&
	    strstr(out, "cannot create context from nil parent") != NULL;
}

static void
withCancelNil(void *arg)
{
	(void)arg;
	context_WithCancel(NULL);
}

static void
withDeadlineNil(void *arg)
{
	(void)arg;
	context_WithDeadline(NULL, time_Time_Add(time_Now(), shortDuration));
}

static void
withValueNil(void *arg)
{
	(void)arg;
	context_WithValue(NULL, keyKey, "bar");
}

START_TEST(TestInvalidDerivedFail)
{
	ck_assert_msg(nilParentPanics(withCancelNil), "expected panic");
	ck_assert_msg(nilParentPanics(withDeadlineNil), "expected panic");
	ck_assert_msg(nilParentPanics(withValueNil), "expected panic");
}
END_TEST

/*
 * TestWithValueChecksKey: a nil key throws Go's panic text.  Go's other
 * row, a key that cannot be compared, has no C counterpart: a pointer
 * always can be.
 */
static void
withValueNilKey(void *arg)
{
	(void)arg;
	context_WithValue(context_Background(), NULL, "bar");
}

START_TEST(TestWithValueChecksKey)
{
	char out[512];
	int  status;

	status = runChild(withValueNilKey, NULL, out, sizeof out);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	    "expected panic");
	ck_assert_msg(strstr(out, "nil key") != NULL,
	    "panic = %s; want \"nil key\"", out);
}
END_TEST

START_TEST(TestDeadlineExceededSupportsTimeout)
{
	ck_assert_msg(context_DeadlineExceeded->type->Timeout != NULL,
	    "DeadlineExceeded does not support Timeout interface");
	ck_assert_msg(
	    context_DeadlineExceeded->type->Timeout(context_DeadlineExceeded),
	    "wrong value for timeout");
}
END_TEST

/*
 * A blocked receiver on Done is woken by the deadline's timer alone, and
 * a context freed before its timer fires leaves nothing behind (the
 * fd-count fixture and the sanitizers watch).
 */
START_TEST(testContextTimerWakesDone)
{
	context_Context *c, *parent;
	runtime_hchan	*chans[2];
	bool		 ok;

	c = context_WithTimeout(context_Background(), 20 * time_Millisecond);
	chans[0] = context_Context_Done(c);
	chans[1] = runtime_makechan(sizeof(bool), 0);
	runtime_Go(waitDone, chans);
	ok = true;
	runtime_chanrecv1(chans[1], &ok);
	ck_assert(!ok);
	ck_assert_ptr_eq(context_Context_Err(c), context_DeadlineExceeded);
	runtime_hchan_Free(chans[1]);
	context_Free(c);

	/* The timer fires after Free, or is stopped by it. */
	parent = context_WithCancel(context_Background());
	c = context_WithTimeout(parent, time_Millisecond);
	context_Free(parent);
	context_Free(c);
	c = context_WithTimeout(context_Background(), time_Millisecond);
	time_Sleep(time_Millisecond);
	context_Free(c);
	time_Sleep(5 * time_Millisecond);
}
END_TEST

Suite *
context_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("context");
	tc = newTCase("context");
	tcase_add_test(tc, testContextErrors);
	tcase_add_test(tc, testContextBackground);
	tcase_add_test(tc, testContextWithCancel);
	tcase_add_test(tc, testContextParentFreedFirst);
	tcase_add_test(tc, testContextWithDeadline);
	tcase_add_test(tc, testContextAfterFunc);
	tcase_add_test(tc, testContextAfterFuncThread);
	tcase_add_test(tc, testContextDone);
	tcase_add_test(tc, testContextTimerWakesDone);
	tcase_add_test(tc, TestBackground);
	tcase_add_test(tc, TestTODO);
	tcase_add_test(tc, TestWithCancel);
	tcase_add_test(tc, TestParentFinishesChild);
	tcase_add_test(tc, TestChildFinishesFirst);
	tcase_add_test(tc, TestDeadline);
	tcase_add_test(tc, TestTimeout);
	tcase_add_test(tc, TestCanceledTimeout);
	tcase_add_test(tc, TestValues);
	tcase_add_test(tc, TestAllocs);
	tcase_add_test(tc, TestSimultaneousCancels);
	tcase_add_test(tc, TestInterlockedCancels);
	tcase_add_test(tc, TestLayersCancel);
	tcase_add_test(tc, TestLayersTimeout);
	tcase_add_test(tc, TestCancelRemoves);
	tcase_add_test(tc, TestWithCancelCanceledParent);
	tcase_add_test(tc, TestWithValueChecksKey);
	tcase_add_test(tc, TestInvalidDerivedFail);
	tcase_add_test(tc, TestDeadlineExceededSupportsTimeout);
	suite_add_tcase(s, tc);
	return s;
}
