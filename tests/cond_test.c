/*
 * C port of go1.19 src/sync/cond_test.go (package sync_test).
 * Closures and channels as in tests/mutex_test.c; Go's t.Error from a
 * goroutine is a flag the test reads, and Go's recovered panic a fatal
 * error watched in a child process.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime.h"
#include "sync/sync.h"
#include "tests/main_test.h"
#include "time/time.h"

/*
 * exited (C only) counts the goroutines still using the condTest: Go's
 * collector keeps it alive for them, here the test waits for them.
 */
typedef struct condTest {
	sync_Mutex     m;
	sync_Cond     *c;
	runtime_hchan *running, *awake;
	bool	       exit;
	sync_WaitGroup exited;
} condTest;

/* condTestInit makes running and awake, Go's chan bool or chan int. */
static void
condTestInit(condTest *ct, size_t runningsize, size_t awakesize, int n)
{
	memset(ct, 0, sizeof(*ct));
	ct->c = sync_NewCond(sync_Mutex_Locker(&ct->m));
	ct->running = runtime_makechan(runningsize, n);
	ct->awake = runtime_makechan(awakesize, n);
}

static void
condTestFree(condTest *ct)
{
	sync_WaitGroup_Wait(&ct->exited);
	runtime_hchan_Free(ct->running);
	runtime_hchan_Free(ct->awake);
	free(ct->c);
}

static void
signalWaiter(void *arg)
{
	condTest *ct;

	ct = arg;
	sync_Mutex_Lock(&ct->m);
	sendTrue(ct->running);
	sync_Cond_Wait(ct->c);
	sendTrue(ct->awake);
	sync_Mutex_Unlock(&ct->m);
	sync_WaitGroup_Done(&ct->exited);
}

START_TEST(TestCondSignal)
{
	condTest ct;
	int	 i, n;

	n = 2;
	condTestInit(&ct, sizeof(bool), sizeof(bool), n);
	sync_WaitGroup_Add(&ct.exited, n);
	for (i = 0; i < n; i++)
		runtime_Go(signalWaiter, &ct);
	for (i = 0; i < n; i++)
		runtime_chanrecv1(ct.running, NULL);
	while (n > 0) {
		ck_assert_msg(!runtime_selectnbrecv(NULL, ct.awake, NULL),
		    "goroutine not asleep");
		sync_Mutex_Lock(&ct.m);
		sync_Cond_Signal(ct.c);
		sync_Mutex_Unlock(&ct.m);
		runtime_chanrecv1(ct.awake, NULL);
		ck_assert_msg(!runtime_selectnbrecv(NULL, ct.awake, NULL),
		    "too many goroutines awake");
		n--;
	}
	sync_Cond_Signal(ct.c);
	condTestFree(&ct);
}
END_TEST

typedef struct genWaiter {
	condTest *ct;
	int	  i;
} genWaiter;

static void
generationWaiter(void *arg)
{
	genWaiter *g;

	g = arg;
	sync_Mutex_Lock(&g->ct->m);
	sendTrue(g->ct->running);
	sync_Cond_Wait(g->ct->c);
	sendInt(g->ct->awake, g->i);
	sync_Mutex_Unlock(&g->ct->m);
	sync_WaitGroup_Done(&g->ct->exited);
}

START_TEST(TestCondSignalGenerations)
{
	enum { n = 100 };
	condTest  ct;
	genWaiter g[n];
	int	  i, a;

	condTestInit(&ct, sizeof(bool), sizeof(int), n);
	for (i = 0; i < n; i++) {
		g[i] = (genWaiter){ &ct, i };
		sync_WaitGroup_Add(&ct.exited, 1);
		runtime_Go(generationWaiter, &g[i]);
		if (i > 0) {
			a = recvInt(ct.awake);
			ck_assert_msg(a == i - 1,
			    "wrong goroutine woke up: want %d, got %d", i - 1,
			    a);
		}
		runtime_chanrecv1(ct.running, NULL);
		sync_Mutex_Lock(&ct.m);
		sync_Cond_Signal(ct.c);
		sync_Mutex_Unlock(&ct.m);
	}
	condTestFree(&ct); /* the last waiter was signalled: it ends */
}
END_TEST

static void
broadcastWaiter(void *arg)
{
	genWaiter *g;

	g = arg;
	sync_Mutex_Lock(&g->ct->m);
	while (!g->ct->exit) {
		sendInt(g->ct->running, g->i);
		sync_Cond_Wait(g->ct->c);
		sendInt(g->ct->awake, g->i);
	}
	sync_Mutex_Unlock(&g->ct->m);
	sendInt(g->ct->running, -1); /* C only: this goroutine is done */
	sync_WaitGroup_Done(&g->ct->exited);
}

START_TEST(TestCondBroadcast)
{
	enum { n = 200 };
	condTest  ct;
	genWaiter g[n];
	bool	  seen[n];
	int	  i, j, w;

	condTestInit(&ct, sizeof(int), sizeof(int), n);
	for (i = 0; i < n; i++) {
		g[i] = (genWaiter){ &ct, i };
		sync_WaitGroup_Add(&ct.exited, 1);
		runtime_Go(broadcastWaiter, &g[i]);
	}
	for (i = 0; i < n; i++) {
		for (j = 0; j < n; j++)
			recvInt(ct.running); /* deadlocks unless n run */
		if (i == n - 1) {
			sync_Mutex_Lock(&ct.m);
			ct.exit = true;
			sync_Mutex_Unlock(&ct.m);
		}
		ck_assert_msg(!runtime_selectnbrecv(NULL, ct.awake, NULL),
		    "goroutine not asleep");
		sync_Mutex_Lock(&ct.m);
		sync_Cond_Broadcast(ct.c);
		sync_Mutex_Unlock(&ct.m);
		memset(seen, 0, sizeof(seen));
		for (j = 0; j < n; j++) {
			w = recvInt(ct.awake);
			ck_assert_msg(!seen[w], "goroutine woke up twice");
			seen[w] = true;
		}
	}
	/* Go's check that nobody sent running again, then their exits. */
	for (j = 0; j < n; j++)
		ck_assert_msg(
		    recvInt(ct.running) == -1, "goroutine did not exit");
	sync_Cond_Broadcast(ct.c);
	condTestFree(&ct);
}
END_TEST

typedef struct raceTest {
	sync_Cond     *c;
	int	       x;
	_Atomic bool   failed;
	runtime_hchan *done;
} raceTest;

static void
race1(void *arg)
{
	raceTest *r;

	r = arg;
	sync_Locker_Lock(r->c->L);
	r->x = 1;
	sync_Cond_Wait(r->c);
	if (r->x != 2)
		r->failed = true; /* want 2 */
	r->x = 3;
	sync_Cond_Signal(r->c);
	sync_Locker_Unlock(r->c->L);
	sendTrue(r->done);
}

static void
race2(void *arg)
{
	raceTest *r;

	r = arg;
	sync_Locker_Lock(r->c->L);
	for (;;) {
		if (r->x == 1) {
			r->x = 2;
			sync_Cond_Signal(r->c);
			break;
		}
		sync_Locker_Unlock(r->c->L);
		runtime_Gosched();
		sync_Locker_Lock(r->c->L);
	}
	sync_Locker_Unlock(r->c->L);
	sendTrue(r->done);
}

static void
race3(void *arg)
{
	raceTest *r;

	r = arg;
	sync_Locker_Lock(r->c->L);
	for (;;) {
		if (r->x == 2) {
			sync_Cond_Wait(r->c);
			if (r->x != 3)
				r->failed = true; /* want 3 */
			break;
		}
		if (r->x == 3)
			break;
		sync_Locker_Unlock(r->c->L);
		runtime_Gosched();
		sync_Locker_Lock(r->c->L);
	}
	sync_Locker_Unlock(r->c->L);
	sendTrue(r->done);
}

START_TEST(TestRace)
{
	sync_Mutex mu = { 0 };
	raceTest   r = { 0 };

	r.c = sync_NewCond(sync_Mutex_Locker(&mu));
	r.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(race1, &r);
	runtime_Go(race2, &r);
	runtime_Go(race3, &r);
	runtime_chanrecv1(r.done, NULL);
	runtime_chanrecv1(r.done, NULL);
	runtime_chanrecv1(r.done, NULL);
	runtime_hchan_Free(r.done);
	free(r.c);
	ck_assert_msg(!r.failed, "want 2, then 3");
}
END_TEST

/*
 * One round of TestCondSignalStealing, on the heap as Go's escapes are;
 * wg (C only) says when the two racing goroutines are done with it.
 */
typedef struct stealing {
	sync_Mutex     m;
	sync_Cond     *cond;
	runtime_hchan *ch;
	bool	       done;
	sync_WaitGroup wg;
} stealing;

static void
firstWaiter(void *arg)
{
	stealing *s;

	s = arg;
	sync_Mutex_Lock(&s->m);
	runtime_chansend1(s->ch, NULL);
	sync_Cond_Wait(s->cond);
	sync_Mutex_Unlock(&s->m);
	runtime_chansend1(s->ch, NULL);
}

static void
broadcaster(void *arg)
{
	stealing *s;

	s = arg;
	sync_Cond_Broadcast(s->cond);
	sync_WaitGroup_Done(&s->wg);
}

static void
secondWaiter(void *arg)
{
	stealing *s;

	s = arg;
	sync_Mutex_Lock(&s->m);
	while (!s->done)
		sync_Cond_Wait(s->cond);
	sync_Mutex_Unlock(&s->m);
	sync_WaitGroup_Done(&s->wg);
}

START_TEST(TestCondSignalStealing)
{
	stealing     *s;
	int	      iters;

	for (iters = 0; iters < 1000; iters++) {
		s = calloc(1, sizeof(*s));
		s->cond = sync_NewCond(sync_Mutex_Locker(&s->m));
		s->ch = runtime_makechan(0, 0);
		runtime_Go(firstWaiter, s);
		runtime_chanrecv1(s->ch, NULL);
		/* Having held m after it, the waiter is inside Wait. */
		sync_Mutex_Lock(&s->m);
		sync_Mutex_Unlock(&s->m);
		/* The new waiter may miss the broadcast; the first may not. */
		sync_WaitGroup_Add(&s->wg, 2);
		runtime_Go(broadcaster, s);
		runtime_Go(secondWaiter, s);
		ck_assert_msg(recvWithin(s->ch, NULL, 2 * time_Second),
		    "First waiter didn't get broadcast.");
		/* Release the second waiter if it missed the broadcast. */
		sync_Mutex_Lock(&s->m);
		s->done = true;
		sync_Mutex_Unlock(&s->m);
		sync_Cond_Broadcast(s->cond);
		sync_WaitGroup_Wait(&s->wg);
		runtime_hchan_Free(s->ch);
		free(s->cond);
		free(s);
	}
}
END_TEST

static void
condCopy(void)
{
	sync_Mutex m = { 0 };
	sync_Cond  c = { 0 }, c2;

	c.L = sync_Mutex_Locker(&m);
	sync_Cond_Signal(&c);
	memcpy(&c2, &c, sizeof(c));
	sync_Cond_Signal(&c2);
}

START_TEST(TestCondCopy)
{
	char *out;

	out = crashOutput(condCopy);
	ck_assert_msg(out != NULL && strstr(out, "sync.Cond is copied") != NULL,
	    "got %s, expect sync.Cond is copied", out != NULL ? out : "nil");
	free(out);
}
END_TEST

Suite *
cond_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("cond");
	tc = newTCase("Cond");
	tcase_add_test(tc, TestCondSignal);
	tcase_add_test(tc, TestCondSignalGenerations);
	tcase_add_test(tc, TestCondBroadcast);
	tcase_add_test(tc, TestRace);
	tcase_add_test(tc, TestCondSignalStealing);
	tcase_add_test(tc, TestCondCopy);
	suite_add_tcase(s, tc);
	return s;
}
