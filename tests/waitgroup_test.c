/*
 * C port of go1.19 src/sync/waitgroup_test.go (package sync_test).
 * Closures and channels as in tests/mutex_test.c; Go's recovered panic
 * is a fatal error here, watched in a child process.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "sync/sync.h"
#include "tests/main_test.h"

typedef struct wgPair {
	sync_WaitGroup *wg1;
	sync_WaitGroup *wg2;
	runtime_hchan  *exited;
} wgPair;

static void
wgWaiter(void *arg)
{
	wgPair *p;
	bool	v = true;

	p = arg;
	sync_WaitGroup_Done(p->wg1);
	sync_WaitGroup_Wait(p->wg2);
	runtime_chansend1(p->exited, &v);
}

static void
testWaitGroup(sync_WaitGroup *wg1, sync_WaitGroup *wg2)
{
	wgPair p;
	int    i, n;

	n = 16;
	sync_WaitGroup_Add(wg1, n);
	sync_WaitGroup_Add(wg2, n);
	p = (wgPair){ wg1, wg2, runtime_makechan(sizeof(bool), n) };
	for (i = 0; i != n; i++)
		runtime_Go(wgWaiter, &p);
	sync_WaitGroup_Wait(wg1);
	for (i = 0; i != n; i++) {
		ck_assert_msg(!runtime_selectnbrecv(NULL, p.exited, NULL),
		    "WaitGroup released group too soon");
		sync_WaitGroup_Done(wg2);
	}
	for (i = 0; i != n; i++)
		runtime_chanrecv1(p.exited, NULL);
	runtime_hchan_Free(p.exited);
}

START_TEST(TestWaitGroup)
{
	sync_WaitGroup wg1 = { 0 }, wg2 = { 0 };
	int	       i;

	/* Several rounds, to see the barrier left in a proper state. */
	for (i = 0; i != 8; i++)
		testWaitGroup(&wg1, &wg2);
}
END_TEST

static void
negativeCounter(void)
{
	sync_WaitGroup wg = { 0 };

	sync_WaitGroup_Add(&wg, 1);
	sync_WaitGroup_Done(&wg);
	sync_WaitGroup_Done(&wg);
}

START_TEST(TestWaitGroupMisuse)
{
	char *out;

	out = crashOutput(negativeCounter);
	ck_assert_msg(out != NULL &&
		strstr(out, "sync: negative WaitGroup counter") != NULL,
	    "Unexpected panic: %s", out != NULL ? out : "(none)");
	free(out);
}
END_TEST

typedef struct wgRace {
	sync_WaitGroup	wg;
	_Atomic int32_t n;
} wgRace;

static void
wgRaceAdd(void *arg)
{
	wgRace *r;

	r = arg;
	atomic_fetch_add(&r->n, 1);
	sync_WaitGroup_Done(&r->wg);
}

START_TEST(TestWaitGroupRace)
{
	wgRace r;
	int    i;

	for (i = 0; i < 1000; i++) {
		memset(&r, 0, sizeof(r));
		sync_WaitGroup_Add(&r.wg, 1);
		runtime_Go(wgRaceAdd, &r);
		sync_WaitGroup_Add(&r.wg, 1);
		runtime_Go(wgRaceAdd, &r);
		sync_WaitGroup_Wait(&r.wg);
		ck_assert_msg(
		    atomic_load(&r.n) == 2, "Spurious wakeup from Wait");
		/*
		 * Go allocates each round afresh.  Reusing r is safe: a Done
		 * touches the WaitGroup only before the Wait it lets return.
		 */
	}
}
END_TEST

struct alignX {
	char	       x;
	sync_WaitGroup wg;
};

static void
alignDone(void *arg)
{
	sync_WaitGroup_Done(&((struct alignX *)arg)->wg);
}

START_TEST(TestWaitGroupAlign)
{
	struct alignX x = { 0 };

	sync_WaitGroup_Add(&x.wg, 1);
	runtime_Go(alignDone, &x);
	sync_WaitGroup_Wait(&x.wg);
}
END_TEST

Suite *
waitgroup_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("waitgroup");
	tc = newTCase("WaitGroup");
	tcase_add_test(tc, TestWaitGroup);
	tcase_add_test(tc, TestWaitGroupMisuse);
	tcase_add_test(tc, TestWaitGroupRace);
	tcase_add_test(tc, TestWaitGroupAlign);
	suite_add_tcase(s, tc);
	return s;
}
