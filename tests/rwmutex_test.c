/*
 * C port of go1.19 src/sync/rwmutex_test.go (package sync_test).
 * Closures and channels as in tests/mutex_test.c; the rows that set
 * GOMAXPROCS set it with runtime_GOMAXPROCS, and each test puts back the
 * value it found, as Go's deferred call does.  Go's panic in a reader or
 * writer becomes a failure flag the test reads.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

#include "runtime/runtime.h"
#include "sync/sync.h"
#include "tests/main_test.h"

typedef struct readers {
	sync_RWMutex   m;
	runtime_hchan *clocked, *cunlock, *cdone;
} readers;

static void
parallelReader(void *arg)
{
	readers *r;

	r = arg;
	sync_RWMutex_RLock(&r->m);
	sendTrue(r->clocked);
	runtime_chanrecv1(r->cunlock, NULL);
	sync_RWMutex_RUnlock(&r->m);
	sendTrue(r->cdone);
}

static void
doTestParallelReaders(int numReaders, int gomaxprocs)
{
	readers r = { 0 };
	int	i;

	runtime_GOMAXPROCS(gomaxprocs);
	r.clocked = runtime_makechan(sizeof(bool), 0);
	r.cunlock = runtime_makechan(sizeof(bool), 0);
	r.cdone = runtime_makechan(sizeof(bool), 0);
	for (i = 0; i < numReaders; i++)
		runtime_Go(parallelReader, &r);
	/* All the RLocks must succeed together. */
	for (i = 0; i < numReaders; i++)
		runtime_chanrecv1(r.clocked, NULL);
	for (i = 0; i < numReaders; i++)
		sendTrue(r.cunlock);
	for (i = 0; i < numReaders; i++)
		runtime_chanrecv1(r.cdone, NULL);
	runtime_hchan_Free(r.clocked);
	runtime_hchan_Free(r.cunlock);
	runtime_hchan_Free(r.cdone);
}

START_TEST(TestParallelReaders)
{
	int old;

	old = runtime_GOMAXPROCS(-1);
	doTestParallelReaders(1, 4);
	doTestParallelReaders(3, 4);
	doTestParallelReaders(4, 2);
	runtime_GOMAXPROCS(old);
}
END_TEST

typedef struct hammerRW {
	sync_RWMutex	rwm;
	int		num_iterations;
	_Atomic int32_t activity; /* readers + 10000 * writers inside */
	_Atomic bool	failed;
	runtime_hchan  *cdone;
} hammerRW;

static void
spin(void)
{
	volatile int i;

	for (i = 0; i < 100; i++)
		;
}

static void
reader(void *arg)
{
	hammerRW *h;
	int32_t	  n;
	int	  i;

	h = arg;
	for (i = 0; i < h->num_iterations; i++) {
		sync_RWMutex_RLock(&h->rwm);
		n = atomic_fetch_add(&h->activity, 1) + 1;
		if (n < 1 || n >= 10000)
			h->failed = true;
		spin();
		atomic_fetch_add(&h->activity, -1);
		sync_RWMutex_RUnlock(&h->rwm);
	}
	sendTrue(h->cdone);
}

static void
writer(void *arg)
{
	hammerRW *h;
	int32_t	  n;
	int	  i;

	h = arg;
	for (i = 0; i < h->num_iterations; i++) {
		sync_RWMutex_Lock(&h->rwm);
		n = atomic_fetch_add(&h->activity, 10000) + 10000;
		if (n != 10000)
			h->failed = true;
		spin();
		atomic_fetch_add(&h->activity, -10000);
		sync_RWMutex_Unlock(&h->rwm);
	}
	sendTrue(h->cdone);
}

static void
HammerRWMutex(int gomaxprocs, int numReaders, int num_iterations)
{
	hammerRW h = { 0 };
	int	 i;

	runtime_GOMAXPROCS(gomaxprocs);
	h.num_iterations = num_iterations;
	h.cdone = runtime_makechan(sizeof(bool), 0);
	runtime_Go(writer, &h);
	for (i = 0; i < numReaders / 2; i++)
		runtime_Go(reader, &h);
	runtime_Go(writer, &h);
	for (; i < numReaders; i++)
		runtime_Go(reader, &h);
	for (i = 0; i < 2 + numReaders; i++)
		runtime_chanrecv1(h.cdone, NULL);
	runtime_hchan_Free(h.cdone);
	ck_assert_msg(!h.failed, "wlock: readers and a writer overlapped");
}

START_TEST(TestRWMutex)
{
	sync_RWMutex m = { 0 };
	int	     n, old;

	sync_RWMutex_Lock(&m);
	ck_assert_msg(
	    !sync_RWMutex_TryLock(&m), "TryLock succeeded with mutex locked");
	ck_assert_msg(
	    !sync_RWMutex_TryRLock(&m), "TryRLock succeeded with mutex locked");
	sync_RWMutex_Unlock(&m);
	ck_assert_msg(
	    sync_RWMutex_TryLock(&m), "TryLock failed with mutex unlocked");
	sync_RWMutex_Unlock(&m);
	ck_assert_msg(
	    sync_RWMutex_TryRLock(&m), "TryRLock failed with mutex unlocked");
	ck_assert_msg(
	    sync_RWMutex_TryRLock(&m), "TryRLock failed with mutex rlocked");
	ck_assert_msg(
	    !sync_RWMutex_TryLock(&m), "TryLock succeeded with mutex rlocked");
	sync_RWMutex_RUnlock(&m);
	sync_RWMutex_RUnlock(&m);

	old = runtime_GOMAXPROCS(-1);
	n = getenv("GONET_TEST_SHORT") != NULL ? 5 : 1000;
	HammerRWMutex(1, 1, n);
	HammerRWMutex(1, 3, n);
	HammerRWMutex(1, 10, n);
	HammerRWMutex(4, 1, n);
	HammerRWMutex(4, 3, n);
	HammerRWMutex(4, 10, n);
	HammerRWMutex(10, 1, n);
	HammerRWMutex(10, 3, n);
	HammerRWMutex(10, 10, n);
	HammerRWMutex(10, 5, n);
	runtime_GOMAXPROCS(old);
}
END_TEST

typedef struct rlockerTest {
	sync_RWMutex   wl;
	sync_Locker    rl;
	runtime_hchan *wlocked, *rlocked;
	int	       n;
} rlockerTest;

static void
rlockerLocker(void *arg)
{
	rlockerTest *r;
	int	     i, n;

	/* r dies with the test once the last send is received. */
	r = arg;
	n = r->n;
	for (i = 0; i < n; i++) {
		sync_Locker_Lock(r->rl);
		sync_Locker_Lock(r->rl);
		sendTrue(r->rlocked);
		sync_RWMutex_Lock(&r->wl);
		sendTrue(r->wlocked);
	}
}

START_TEST(TestRLocker)
{
	rlockerTest r = { 0 };
	int	    i;

	r.wlocked = runtime_makechan(sizeof(bool), 1);
	r.rlocked = runtime_makechan(sizeof(bool), 1);
	r.rl = sync_RWMutex_RLocker(&r.wl);
	r.n = 10;
	runtime_Go(rlockerLocker, &r);
	for (i = 0; i < r.n; i++) {
		runtime_chanrecv1(r.rlocked, NULL);
		sync_Locker_Unlock(r.rl);
		ck_assert_msg(!runtime_selectnbrecv(NULL, r.wlocked, NULL),
		    "RLocker() didn't read-lock it");
		sync_Locker_Unlock(r.rl);
		runtime_chanrecv1(r.wlocked, NULL);
		ck_assert_msg(!runtime_selectnbrecv(NULL, r.rlocked, NULL),
		    "RLocker() didn't respect the write lock");
		sync_RWMutex_Unlock(&r.wl);
	}
	/* The goroutine's last send has been received: it is done. */
	runtime_hchan_Free(r.wlocked);
	runtime_hchan_Free(r.rlocked);
}
END_TEST

Suite *
rwmutex_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("rwmutex");
	tc = newTCase("RWMutex");
	tcase_add_test(tc, TestParallelReaders);
	tcase_add_test(tc, TestRWMutex);
	tcase_add_test(tc, TestRLocker);
	suite_add_tcase(s, tc);
	return s;
}
