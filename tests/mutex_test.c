/*
 * C port of go1.19 src/sync/mutex_test.go (package sync_test).
 *
 * A Go closure becomes a function and an argument struct, `go f()` is
 * runtime_Go, and a `chan bool` is a runtime_hchan of bools.  Go frees
 * what its goroutines still use when they are done; here each test waits
 * for its goroutines before its stack or channels go away.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime_impl.h"
#include "sync/sync.h"
#include "tests/main_test.h"
#include "time/time.h"

typedef struct hammer {
	uint32_t      *s;
	sync_Mutex    *m;
	int	       loops;
	runtime_hchan *cdone;
} hammer;

static void
HammerSemaphore(void *arg)
{
	hammer *h;
	int	i;

	h = arg;
	for (i = 0; i < h->loops; i++) {
		runtime_Semacquire(h->s);
		runtime_Semrelease(h->s, false);
	}
	sendTrue(h->cdone);
}

START_TEST(TestSemaphore)
{
	uint32_t s;
	hammer	 h;
	int	 i;

	s = 1;
	h = (hammer){ &s, NULL, 1000, runtime_makechan(sizeof(bool), 0) };
	for (i = 0; i < 10; i++)
		runtime_Go(HammerSemaphore, &h);
	for (i = 0; i < 10; i++)
		runtime_chanrecv1(h.cdone, NULL);
	runtime_hchan_Free(h.cdone);
}
END_TEST

static void
HammerMutex(void *arg)
{
	hammer *h;
	int	i;

	h = arg;
	for (i = 0; i < h->loops; i++) {
		if (i % 3 == 0) {
			if (sync_Mutex_TryLock(h->m))
				sync_Mutex_Unlock(h->m);
			continue;
		}
		sync_Mutex_Lock(h->m);
		sync_Mutex_Unlock(h->m);
	}
	sendTrue(h->cdone);
}

START_TEST(TestMutex)
{
	sync_Mutex m = { 0 };
	hammer	   h;
	int	   i;

	sync_Mutex_Lock(&m);
	ck_assert_msg(
	    !sync_Mutex_TryLock(&m), "TryLock succeeded with mutex locked");
	sync_Mutex_Unlock(&m);
	ck_assert_msg(
	    sync_Mutex_TryLock(&m), "TryLock failed with mutex unlocked");
	sync_Mutex_Unlock(&m);

	h = (hammer){ NULL, &m, 1000, runtime_makechan(sizeof(bool), 0) };
	for (i = 0; i < 10; i++)
		runtime_Go(HammerMutex, &h);
	for (i = 0; i < 10; i++)
		runtime_chanrecv1(h.cdone, NULL);
	runtime_hchan_Free(h.cdone);
}
END_TEST

static void
mutexUnlock(void)
{
	sync_Mutex mu = { 0 };

	sync_Mutex_Unlock(&mu);
}

static void
mutexUnlock2(void)
{
	sync_Mutex mu = { 0 };

	sync_Mutex_Lock(&mu);
	sync_Mutex_Unlock(&mu);
	sync_Mutex_Unlock(&mu);
}

static void
rwmutexUnlock(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_Unlock(&mu);
}

static void
rwmutexUnlock2(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_RLock(&mu);
	sync_RWMutex_Unlock(&mu);
}

static void
rwmutexUnlock3(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_Lock(&mu);
	sync_RWMutex_Unlock(&mu);
	sync_RWMutex_Unlock(&mu);
}

static void
rwmutexRUnlock(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_RUnlock(&mu);
}

static void
rwmutexRUnlock2(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_Lock(&mu);
	sync_RWMutex_RUnlock(&mu);
}

static void
rwmutexRUnlock3(void)
{
	sync_RWMutex mu = { 0 };

	sync_RWMutex_RLock(&mu);
	sync_RWMutex_RUnlock(&mu);
	sync_RWMutex_RUnlock(&mu);
}

static const struct {
	const char *name;
	void (*f)(void);
} misuseTests[] = {
	{ "Mutex.Unlock", mutexUnlock },
	{ "Mutex.Unlock2", mutexUnlock2 },
	{ "RWMutex.Unlock", rwmutexUnlock },
	{ "RWMutex.Unlock2", rwmutexUnlock2 },
	{ "RWMutex.Unlock3", rwmutexUnlock3 },
	{ "RWMutex.RUnlock", rwmutexRUnlock },
	{ "RWMutex.RUnlock2", rwmutexRUnlock2 },
	{ "RWMutex.RUnlock3", rwmutexRUnlock3 },
};

/* Go runs each misuse in a child process and reads its output; so do we. */
START_TEST(TestMutexMisuse)
{
	char *out;

	out = crashOutput(misuseTests[_i].f);
	ck_assert_msg(out != NULL && strstr(out, "unlocked") != NULL,
	    "%s: did not find failure with message about unlocked lock: %s",
	    misuseTests[_i].name, out != NULL ? out : "(exited normally)");
	free(out);
}
END_TEST

typedef struct fairness {
	sync_Mutex     mu;
	runtime_hchan *stop;
	runtime_hchan *stopped; /* C only: stop's user has returned */
	runtime_hchan *done;
} fairness;

static void
fairHolder(void *arg)
{
	fairness *f;

	f = arg;
	for (;;) {
		sync_Mutex_Lock(&f->mu);
		time_Sleep(100 * time_Microsecond);
		sync_Mutex_Unlock(&f->mu);
		if (runtime_selectnbrecv(NULL, f->stop, NULL))
			break;
	}
	sendTrue(f->stopped);
}

static void
fairLocker(void *arg)
{
	fairness *f;
	int	  i;

	f = arg;
	for (i = 0; i < 10; i++) {
		time_Sleep(100 * time_Microsecond);
		sync_Mutex_Lock(&f->mu);
		sync_Mutex_Unlock(&f->mu);
	}
	sendTrue(f->done);
}

START_TEST(TestMutexFairness)
{
	fairness f = { 0 };

	f.stop = runtime_makechan(sizeof(bool), 0);
	f.stopped = runtime_makechan(sizeof(bool), 0);
	f.done = runtime_makechan(sizeof(bool), 1);
	runtime_Go(fairHolder, &f);
	runtime_Go(fairLocker, &f);
	/* On failure the goroutines end with the test's process. */
	ck_assert_msg(recvWithin(f.done, NULL, 10 * time_Second),
	    "can't acquire Mutex in 10 seconds");
	runtime_closechan(f.stop);
	runtime_chanrecv1(f.stopped, NULL);
	runtime_hchan_Free(f.stop);
	runtime_hchan_Free(f.stopped);
	runtime_hchan_Free(f.done);
}
END_TEST

Suite *
mutex_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("mutex");
	tc = newTCase("Mutex");
	tcase_add_test(tc, TestSemaphore);
	tcase_add_test(tc, TestMutex);
	tcase_add_loop_test(tc, TestMutexMisuse, 0, nelem(misuseTests));
	tcase_add_test(tc, TestMutexFairness);
	suite_add_tcase(s, tc);
	return s;
}
