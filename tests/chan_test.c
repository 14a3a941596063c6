/*
 * C port of go1.19 src/runtime/chan_test.go: channels and select.
 *
 * A Go closure becomes a function and an argument struct; `go f()` is
 * runtime_Go.  Goroutines report failures through flags the test reads,
 * as Go's t.Error from a goroutine is read back by t.Failed.  Until
 * package sync and time.Sleep exist, sync.WaitGroup is played by a
 * channel of struct{} (waitGroup below) and time.Sleep by nanosleep.
 *
 * Go frees a channel when the last goroutine drops it; here every test
 * frees its channels once the goroutines that used them are done.
 *
 * Counts are Go's; GONET_TEST_SHORT=1 and the sanitizer builds use Go's
 * -short counts, the only reductions.  With a thread per goroutine, the
 * 100000 goroutines of the nonblocking select races take about 20 s each
 * here, hence their TCase's longer timeout.
 */
#include <sys/wait.h>

#include <math.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "tests/main_test.h"

#if defined(__SANITIZE_THREAD__) || defined(__SANITIZE_ADDRESS__)
#define CHAN_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer) || __has_feature(address_sanitizer)
#define CHAN_SANITIZER 1
#endif
#endif

/*
 * testingShort is Go's testing.Short: GONET_TEST_SHORT=1, or a sanitizer
 * build, which runs a thread start and every atomic many times slower
 * (100000 goroutines take minutes under TSan).
 */
static bool
testingShort(void)
{
#ifdef CHAN_SANITIZER
	return true;
#else
	return getenv("GONET_TEST_SHORT") != NULL;
#endif
}

/* sleepNs is time.Sleep. */
static void
sleepNs(int64_t ns)
{
	struct timespec ts;

	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	while (nanosleep(&ts, &ts) != 0)
		;
}

/*
 * waitGroup is sync.WaitGroup with a count fixed at creation: Done sends
 * an empty value, Wait receives one per goroutine, then frees the channel.
 */
typedef struct waitGroup {
	runtime_hchan *c;
	int	       n;
} waitGroup;

static void
waitGroup_Init(waitGroup *wg, int n)
{
	wg->c = runtime_makechan(0, n);
	wg->n = n;
}

static void
waitGroup_Done(waitGroup *wg)
{
	runtime_chansend1(wg->c, NULL);
}

static void
waitGroup_Wait(waitGroup *wg)
{
	int i;

	for (i = 0; i < wg->n; i++)
		runtime_chanrecv1(wg->c, NULL);
	runtime_hchan_Free(wg->c);
	wg->c = NULL;
}

/* TestChan's goroutines share one argument block. */
typedef struct chanArgs {
	runtime_hchan *c;
	runtime_hchan *done;
	waitGroup      wg;
	atomic_int     flag;
	int	       L;
} chanArgs;

static void
recvOne(void *arg)
{
	chanArgs *a;
	int	  v;

	a = arg;
	runtime_chanrecv1(a->c, &v);
	atomic_store(&a->flag, 1);
	waitGroup_Done(&a->wg);
}

static void
recvOneOk(void *arg)
{
	chanArgs *a;
	int	  v;

	a = arg;
	(void)runtime_chanrecv2(a->c, &v);
	atomic_store(&a->flag, 1);
	waitGroup_Done(&a->wg);
}

static void
sendZero(void *arg)
{
	chanArgs *a;

	a = arg;
	sendInt(a->c, 0);
	atomic_store(&a->flag, 1);
	waitGroup_Done(&a->wg);
}

static void
recvClosed(void *arg)
{
	chanArgs *a;
	bool	  ok, res;
	int	  v;

	a = arg;
	ok = runtime_chanrecv2(a->c, &v);
	res = v == 0 && ok == false;
	runtime_chansend1(a->done, &res);
}

/*
 * sendSeq sends 0..L-1.  Its caller may return as soon as the last value
 * is received, so the loop works on copies of the arguments.
 */
static void
sendSeq(void *arg)
{
	runtime_hchan *c;
	chanArgs      *a;
	int	       i, L;

	a = arg;
	c = a->c;
	L = a->L;
	for (i = 0; i < L; i++)
		sendInt(c, i);
}

/* recvCount receives L values, counts each, and sends the counts. */
static void
recvCount(void *arg)
{
	chanArgs *a;
	int	 *recv;
	int	  i;

	a = arg;
	recv = calloc((size_t)a->L, sizeof(*recv));
	for (i = 0; i < a->L; i++)
		recv[recvInt(a->c)]++;
	runtime_chansend1(a->done, &recv);
}

/* Receive from an empty channel blocks, in both forms. */
static void
chanRecvBlocks(int chanCap)
{
	chanArgs a1, a2;
	bool	 received;
	int	 v;

	memset(&a1, 0, sizeof(a1));
	memset(&a2, 0, sizeof(a2));
	a1.c = a2.c = runtime_makechan(sizeof(int), chanCap);
	waitGroup_Init(&a1.wg, 1);
	waitGroup_Init(&a2.wg, 1);
	runtime_Go(recvOne, &a1);
	runtime_Go(recvOneOk, &a2);
	sleepNs(time_Millisecond);
	ck_assert_msg(!atomic_load(&a1.flag) && !atomic_load(&a2.flag),
	    "chan[%d]: receive from empty chan", chanCap);
	ck_assert_msg(!runtime_selectnbrecv(&v, a1.c, NULL),
	    "chan[%d]: receive from empty chan", chanCap);
	ck_assert_msg(!runtime_selectnbrecv(&v, a1.c, &received),
	    "chan[%d]: receive from empty chan", chanCap);
	sendInt(a1.c, 0);
	sendInt(a1.c, 0);
	waitGroup_Wait(&a1.wg);
	waitGroup_Wait(&a2.wg);
	runtime_hchan_Free(a1.c);
}

/* Send to a full channel blocks. */
static void
chanSendBlocks(int chanCap)
{
	chanArgs a;
	int	 i, zero;

	memset(&a, 0, sizeof(a));
	a.c = runtime_makechan(sizeof(int), chanCap);
	for (i = 0; i < chanCap; i++)
		sendInt(a.c, i);
	waitGroup_Init(&a.wg, 1);
	runtime_Go(sendZero, &a);
	sleepNs(time_Millisecond);
	ck_assert_msg(
	    atomic_load(&a.flag) == 0, "chan[%d]: send to full chan", chanCap);
	zero = 0;
	ck_assert_msg(!runtime_selectnbsend(a.c, &zero),
	    "chan[%d]: send to full chan", chanCap);
	(void)recvInt(a.c);
	waitGroup_Wait(&a.wg);
	runtime_hchan_Free(a.c);
}

/* A closed channel yields its buffer, then zero values. */
static void
chanRecvClosed(int chanCap)
{
	runtime_hchan *c;
	bool	       ok;
	int	       i, v;

	c = runtime_makechan(sizeof(int), chanCap);
	for (i = 0; i < chanCap; i++)
		sendInt(c, i);
	runtime_closechan(c);
	for (i = 0; i < chanCap; i++) {
		v = recvInt(c);
		ck_assert_msg(v == i, "chan[%d]: received %d, expected %d",
		    chanCap, v, i);
	}
	v = 1;
	runtime_chanrecv1(c, &v);
	ck_assert_msg(
	    v == 0, "chan[%d]: received %d, expected %d", chanCap, v, 0);
	v = 1;
	ok = runtime_chanrecv2(c, &v);
	ck_assert_msg(v == 0 && !ok, "chan[%d]: received %d/%d, expected %d/%d",
	    chanCap, v, ok, 0, false);
	runtime_hchan_Free(c);
}

/* Close unblocks a receive. */
static void
chanCloseUnblocks(int chanCap)
{
	chanArgs a;
	bool	 res;

	memset(&a, 0, sizeof(a));
	a.c = runtime_makechan(sizeof(int), chanCap);
	a.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(recvClosed, &a);
	sleepNs(time_Millisecond);
	runtime_closechan(a.c);
	runtime_chanrecv1(a.done, &res);
	ck_assert_msg(
	    res, "chan[%d]: received non zero from closed chan", chanCap);
	runtime_hchan_Free(a.done);
	runtime_hchan_Free(a.c);
}

/* 100 values arrive whole and in order, through recv1 and recv2. */
static void
chanFIFO(runtime_hchan *c, int chanCap)
{
	chanArgs a;
	bool	 ok;
	int	 i, v;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.L = 100;
	runtime_Go(sendSeq, &a);
	for (i = 0; i < 100; i++) {
		v = recvInt(c);
		ck_assert_msg(v == i, "chan[%d]: received %d, expected %d",
		    chanCap, v, i);
	}
	runtime_Go(sendSeq, &a);
	for (i = 0; i < 100; i++) {
		ok = runtime_chanrecv2(c, &v);
		ck_assert_msg(
		    ok, "chan[%d]: receive failed, expected %d", chanCap, i);
		ck_assert_msg(v == i, "chan[%d]: received %d, expected %d",
		    chanCap, v, i);
	}
}

/* 1000 values from each of 4 senders reach 4 receivers, each P times. */
static void
chanMultiple(runtime_hchan *c, int chanCap)
{
	enum { P = 4, L = 1000 };
	chanArgs a;
	int	 recv[L], *got;
	int	 p, k, n;

	memset(&a, 0, sizeof(a));
	a.c = c;
	a.L = L;
	a.done = runtime_makechan(sizeof(int *), 0);
	for (p = 0; p < P; p++)
		runtime_Go(sendSeq, &a);
	for (p = 0; p < P; p++)
		runtime_Go(recvCount, &a);
	memset(recv, 0, sizeof(recv));
	for (p = 0; p < P; p++) {
		runtime_chanrecv1(a.done, &got);
		for (k = 0; k < L; k++)
			recv[k] += got[k];
		free(got);
	}
	runtime_hchan_Free(a.done);
	n = 0;
	for (k = 0; k < L; k++)
		n += recv[k] != 0;
	ck_assert_msg(
	    n == L, "chan[%d]: received %d values, expected %d", chanCap, n, L);
	for (k = 0; k < L; k++)
		ck_assert_msg(recv[k] == P,
		    "chan[%d]: received %d values, expected %d", chanCap,
		    recv[k], P);
}

static void
chanLenCap(int chanCap)
{
	runtime_hchan *c;
	int	       i;

	c = runtime_makechan(sizeof(int), chanCap);
	ck_assert_msg(runtime_chanlen(c) == 0 && runtime_chancap(c) == chanCap,
	    "chan[%d]: bad len/cap, expect %d/%d, got %d/%d", chanCap, 0,
	    chanCap, runtime_chanlen(c), runtime_chancap(c));
	for (i = 0; i < chanCap; i++)
		sendInt(c, i);
	ck_assert_msg(
	    runtime_chanlen(c) == chanCap && runtime_chancap(c) == chanCap,
	    "chan[%d]: bad len/cap, expect %d/%d, got %d/%d", chanCap, chanCap,
	    chanCap, runtime_chanlen(c), runtime_chancap(c));
	runtime_hchan_Free(c);
}

START_TEST(TestChan)
{
	runtime_hchan *c;
	int	       N, chanCap;

	N = 200;
	if (testingShort())
		N = 20;
	for (chanCap = 0; chanCap < N; chanCap++) {
		chanRecvBlocks(chanCap);
		chanSendBlocks(chanCap);
		chanRecvClosed(chanCap);
		chanCloseUnblocks(chanCap);
		c = runtime_makechan(sizeof(int), chanCap);
		chanFIFO(c, chanCap);
		chanMultiple(c, chanCap);
		runtime_hchan_Free(c);
		chanLenCap(chanCap);
	}
}
END_TEST

/* The goroutines of the nonblocking race tests. */
typedef struct raceArgs {
	runtime_hchan *c, *c1, *c2, *done;
	atomic_int     failed;
} raceArgs;

static void
nonblockRecv(void *arg)
{
	raceArgs *a;

	a = arg;
	if (!runtime_selectnbrecv(NULL, a->c, NULL))
		atomic_store(&a->failed, 1); /* chan is not ready */
	runtime_chansend1(a->done, NULL);
}

START_TEST(TestNonblockRecvRace)
{
	raceArgs a;
	int	 n, i;

	n = 10000;
	if (testingShort())
		n = 100;
	memset(&a, 0, sizeof(a));
	a.done = runtime_makechan(0, 0);
	for (i = 0; i < n; i++) {
		a.c = runtime_makechan(sizeof(int), 1);
		sendInt(a.c, 1);
		runtime_Go(nonblockRecv, &a);
		runtime_closechan(a.c);
		runtime_chanrecv1(a.c, NULL);
		runtime_chanrecv1(a.done, NULL);
		runtime_hchan_Free(a.c);
		ck_assert_msg(!atomic_load(&a.failed), "chan is not ready");
	}
	runtime_hchan_Free(a.done);
}
END_TEST

/* selectRecv2 is select { case <-c1: case <-c2: default: }. */
static void
selectRecv2(void *arg)
{
	runtime_scase cases[2];
	raceArgs     *a;
	bool	      res;

	a = arg;
	cases[0].c = a->c1;
	cases[0].elem = NULL;
	cases[1].c = a->c2;
	cases[1].elem = NULL;
	res = runtime_selectgo(cases, 0, 2, false, NULL) >= 0;
	runtime_chansend1(a->done, &res);
}

/*
 * nonblockSelectRace runs Go's loop; closeC2 picks TestNonblockSelectRace2,
 * which closes an unbuffered c2 instead of sending on a buffered one.
 */
static void
nonblockSelectRace(bool closeC2)
{
	raceArgs a;
	bool	 res;
	int	 n, i;

	n = 100000;
	if (testingShort())
		n = 1000;
	memset(&a, 0, sizeof(a));
	a.done = runtime_makechan(sizeof(bool), 1);
	for (i = 0; i < n; i++) {
		a.c1 = runtime_makechan(sizeof(int), 1);
		a.c2 = runtime_makechan(sizeof(int), closeC2 ? 0 : 1);
		sendInt(a.c1, 1);
		runtime_Go(selectRecv2, &a);
		if (closeC2)
			runtime_closechan(a.c2);
		else
			sendInt(a.c2, 1);
		(void)runtime_selectnbrecv(NULL, a.c1, NULL);
		runtime_chanrecv1(a.done, &res);
		runtime_hchan_Free(a.c1);
		runtime_hchan_Free(a.c2);
		ck_assert_msg(res, "no chan is ready");
	}
	runtime_hchan_Free(a.done);
}

START_TEST(TestNonblockSelectRace)
{
	nonblockSelectRace(false);
}
END_TEST

START_TEST(TestNonblockSelectRace2)
{
	nonblockSelectRace(true);
}
END_TEST

typedef struct selfArgs {
	runtime_hchan *c;
	waitGroup      wg;
	int	       chanCap;
	int	       p;
	atomic_int     failed;
} selfArgs;

/*
 * selfSelect sends p or receives on one channel.  Go writes its select
 * with the cases in two textual orders; both compile to the same
 * selectgo call (sends first), so one call stands for both.
 */
static void
selfSelect(void *arg)
{
	runtime_scase cases[2];
	selfArgs     *a;
	int	      i, v, p;

	a = arg;
	p = a->p;
	for (i = 0; i < 1000; i++) {
		cases[0].c = a->c;
		cases[0].elem = &p;
		cases[1].c = a->c;
		cases[1].elem = &v;
		if (runtime_selectgo(cases, 1, 1, true, NULL) == 1 &&
		    a->chanCap == 0 && v == p) {
			atomic_store(&a->failed, 1); /* self receive */
			break;
		}
	}
	waitGroup_Done(&a->wg);
}

START_TEST(TestSelfSelect)
{
	static const int chanCaps[] = { 0, 10 };
	selfArgs	 a[2];
	waitGroup	 wg;
	size_t		 k;
	int		 p;

	for (k = 0; k < nelem(chanCaps); k++) {
		waitGroup_Init(&wg, 2);
		for (p = 0; p < 2; p++) {
			memset(&a[p], 0, sizeof(a[p]));
			a[p].wg = wg;
			a[p].chanCap = chanCaps[k];
			a[p].p = p;
		}
		a[0].c = a[1].c = runtime_makechan(sizeof(int), chanCaps[k]);
		for (p = 0; p < 2; p++)
			runtime_Go(selfSelect, &a[p]);
		waitGroup_Wait(&wg);
		runtime_hchan_Free(a[0].c);
		ck_assert_msg(
		    !atomic_load(&a[0].failed) && !atomic_load(&a[1].failed),
		    "self receive");
	}
}
END_TEST

typedef struct stressArgs {
	runtime_hchan *c[4];
	waitGroup      wg;
	int	       N;
	int	       k;
} stressArgs;

typedef struct stressOne {
	stressArgs *s;
	int	    k;
} stressOne;

static void
stressSend(void *arg)
{
	stressOne *o;
	int	   i, zero;

	o = arg;
	zero = 0;
	for (i = 0; i < o->s->N; i++)
		runtime_chansend1(o->s->c[o->k], &zero);
	waitGroup_Done(&o->s->wg);
}

static void
stressRecv(void *arg)
{
	stressOne *o;
	int	   i;

	o = arg;
	for (i = 0; i < o->s->N; i++)
		runtime_chanrecv1(o->s->c[o->k], NULL);
	waitGroup_Done(&o->s->wg);
}

/*
 * stressSelect is one of the two select goroutines: Go's send select
 * lists c[3], c[2], c[0], c[1] and its receive select c[0..3]; the order
 * only names the cases.  A channel that has carried N values becomes nil.
 */
static void
stressSelect(stressArgs *s, bool send, const int order[4])
{
	runtime_scase cases[4];
	int	      n[4], zero, i, j, casi;

	memset(n, 0, sizeof(n));
	zero = 0;
	for (j = 0; j < 4; j++) {
		cases[j].c = s->c[order[j]];
		cases[j].elem = send ? &zero : NULL;
	}
	for (i = 0; i < 4 * s->N; i++) {
		casi = runtime_selectgo(
		    cases, send ? 4 : 0, send ? 0 : 4, true, NULL);
		if (++n[order[casi]] == s->N)
			cases[casi].c = NULL;
	}
	waitGroup_Done(&s->wg);
}

static void
stressSelectSend(void *arg)
{
	static const int order[4] = { 3, 2, 0, 1 };

	stressSelect(arg, true, order);
}

static void
stressSelectRecv(void *arg)
{
	static const int order[4] = { 0, 1, 2, 3 };

	stressSelect(arg, false, order);
}

START_TEST(TestSelectStress)
{
	stressArgs s;
	stressOne  one[4];
	int	   k;

	memset(&s, 0, sizeof(s));
	s.c[0] = runtime_makechan(sizeof(int), 0);
	s.c[1] = runtime_makechan(sizeof(int), 0);
	s.c[2] = runtime_makechan(sizeof(int), 2);
	s.c[3] = runtime_makechan(sizeof(int), 3);
	s.N = 100000;
	if (testingShort())
		s.N /= 10;
	waitGroup_Init(&s.wg, 10);
	for (k = 0; k < 4; k++) {
		one[k].s = &s;
		one[k].k = k;
		runtime_Go(stressSend, &one[k]);
		runtime_Go(stressRecv, &one[k]);
	}
	runtime_Go(stressSelectSend, &s);
	runtime_Go(stressSelectRecv, &s);
	waitGroup_Wait(&s.wg);
	for (k = 0; k < 4; k++)
		runtime_hchan_Free(s.c[k]);
}
END_TEST

typedef struct fairArgs {
	runtime_hchan *c1, *c2, *c3, *c4, *out, *done;
	waitGroup      wg;
} fairArgs;

static void
fairSelect(void *arg)
{
	runtime_scase recvs[4], outs[2];
	fairArgs     *a;
	uint8_t	      b;

	a = arg;
	for (;;) {
		recvs[0] = (runtime_scase){ a->c3, &b };
		recvs[1] = (runtime_scase){ a->c4, &b };
		recvs[2] = (runtime_scase){ a->c1, &b };
		recvs[3] = (runtime_scase){ a->c2, &b };
		runtime_selectgo(recvs, 0, 4, true, NULL);
		outs[0] = (runtime_scase){ a->out, &b };
		outs[1] = (runtime_scase){ a->done, NULL };
		if (runtime_selectgo(outs, 1, 1, true, NULL) == 1)
			break;
	}
	waitGroup_Done(&a->wg);
}

START_TEST(TestSelectFairness)
{
	enum { trials = 10000 };
	fairArgs a;
	uint8_t	 one, two, b;
	double	 r, e;
	int	 i, cnt1, cnt2;

	a.c1 = runtime_makechan(1, trials + 1);
	a.c2 = runtime_makechan(1, trials + 1);
	one = 1;
	two = 2;
	for (i = 0; i < trials + 1; i++) {
		runtime_chansend1(a.c1, &one);
		runtime_chansend1(a.c2, &two);
	}
	a.c3 = runtime_makechan(1, 0);
	a.c4 = runtime_makechan(1, 0);
	a.out = runtime_makechan(1, 0);
	a.done = runtime_makechan(1, 0);
	waitGroup_Init(&a.wg, 1);
	runtime_Go(fairSelect, &a);
	cnt1 = cnt2 = 0;
	for (i = 0; i < trials; i++) {
		runtime_chanrecv1(a.out, &b);
		if (b == 1)
			cnt1++;
		else if (b == 2)
			cnt2++;
		else
			ck_abort_msg("unexpected value %d on channel", b);
	}
	r = (double)cnt1 / trials;
	e = fabs(r - 0.5);
	ck_assert_msg(e <= 4.891676 / (2 * sqrt(trials)),
	    "unfair select: in %d trials, results were %d, %d", trials, cnt1,
	    cnt2);
	runtime_closechan(a.done);
	waitGroup_Wait(&a.wg);
	runtime_hchan_Free(a.c1);
	runtime_hchan_Free(a.c2);
	runtime_hchan_Free(a.c3);
	runtime_hchan_Free(a.c4);
	runtime_hchan_Free(a.out);
	runtime_hchan_Free(a.done);
}
END_TEST

/*
 * Go sends an interface holding a pointer (a GC write-barrier test); a C
 * channel of pointers takes the same paths: a buffered send, then selects
 * with a default on the full channel.
 */
START_TEST(TestChanSendInterface)
{
	typedef struct mt {
		int unused;
	} mt;
	runtime_scase  cases[2];
	runtime_hchan *c;
	mt	       m, other;
	void	      *pm, *pother;

	pm = &m;
	pother = &other;
	c = runtime_makechan(sizeof(void *), 1);
	runtime_chansend1(c, &pm);
	(void)runtime_selectnbsend(c, &pm);
	cases[0] = (runtime_scase){ c, &pm };
	cases[1] = (runtime_scase){ c, &pother };
	(void)runtime_selectgo(cases, 2, 0, false, NULL);
	runtime_hchan_Free(c);
}
END_TEST

typedef struct pseudoArgs {
	runtime_hchan *c, *m;
	int	      *l;
	int	       n;
} pseudoArgs;

static void
pseudoRecv(void *arg)
{
	pseudoArgs *a;
	int	    i;

	a = arg;
	for (i = 0; i < a->n; i++) {
		runtime_Gosched();
		a->l[i] = recvInt(a->c);
	}
	runtime_chansend1(a->m, NULL); /* m.Unlock() */
}

START_TEST(TestPseudoRandomSend)
{
	static const int chanCaps[] = { 0, 1 }; /* times n */
	runtime_scase	 cases[2];
	pseudoArgs	 a;
	size_t		 k;
	int		 n, i, n0, n1, one, zero;
	int		 l[100];

	n = 100;
	one = 1;
	zero = 0;
	for (k = 0; k < nelem(chanCaps); k++) {
		a.c = runtime_makechan(sizeof(int), chanCaps[k] * n);
		a.m = runtime_makechan(0, 0);
		a.l = l;
		a.n = n;
		memset(l, 0, sizeof(l));
		runtime_Go(pseudoRecv, &a);
		for (i = 0; i < n; i++) {
			cases[0] = (runtime_scase){ a.c, &one };
			cases[1] = (runtime_scase){ a.c, &zero };
			(void)runtime_selectgo(cases, 2, 0, true, NULL);
		}
		runtime_chanrecv1(a.m, NULL); /* m.Lock(): wait */
		n0 = n1 = 0;
		for (i = 0; i < n; i++) {
			n0 += (l[i] + 1) % 2;
			n1 += l[i];
		}
		ck_assert_msg(n0 > n / 10 && n1 > n / 10,
		    "Want pseudorandom, got %d zeros and %d ones (chan cap %d)",
		    n0, n1, chanCaps[k] * n);
		runtime_hchan_Free(a.m);
		runtime_hchan_Free(a.c);
	}
}
END_TEST

static const int pn[] = { 2, 3, 7, 11, 13, 17, 19, 23, 27, 31 };

typedef struct consumerArgs {
	runtime_hchan *q, *r;
	waitGroup      wg;
	int	       niter;
	int	       expect;
} consumerArgs;

typedef struct workerArgs {
	consumerArgs *a;
	int	      w;
} workerArgs;

static void
consumerWorker(void *arg)
{
	workerArgs *wa;
	int	    v;

	wa = arg;
	while (runtime_chanrecv2(wa->a->q, &v)) {
		/* Mess with the FIFO-ish order of range, as Go does. */
		if (pn[wa->w % (int)nelem(pn)] == v)
			runtime_Gosched();
		sendInt(wa->a->r, v);
	}
	waitGroup_Done(&wa->a->wg);
}

static void
consumerFeeder(void *arg)
{
	consumerArgs *a;
	int	      i, v;

	a = arg;
	for (i = 0; i < a->niter; i++) {
		v = pn[i % (int)nelem(pn)];
		a->expect += v;
		sendInt(a->q, v);
	}
	runtime_closechan(a->q);
	waitGroup_Wait(&a->wg);
	runtime_closechan(a->r);
}

START_TEST(TestMultiConsumer)
{
	enum { nwork = 23, niter = 271828 };
	consumerArgs a;
	workerArgs   wa[nwork];
	int	     i, n, s, v;

	a.q = runtime_makechan(sizeof(int), nwork * 3);
	a.r = runtime_makechan(sizeof(int), nwork * 3);
	a.niter = niter;
	a.expect = 0;
	waitGroup_Init(&a.wg, nwork);
	for (i = 0; i < nwork; i++) {
		wa[i].a = &a;
		wa[i].w = i;
		runtime_Go(consumerWorker, &wa[i]);
	}
	runtime_Go(consumerFeeder, &a);
	n = s = 0;
	while (runtime_chanrecv2(a.r, &v)) {
		n++;
		s += v;
	}
	ck_assert_msg(n == niter && s == a.expect,
	    "Expected sum %d (got %d) from %d iter (saw %d)", a.expect, s,
	    niter, n);
	runtime_hchan_Free(a.q);
	runtime_hchan_Free(a.r);
}
END_TEST

typedef struct dupArgs {
	runtime_hchan *c, *d, *e;
} dupArgs;

/* dupA is goroutine A: it queues twice on c and once on d. */
static void
dupA(void *arg)
{
	runtime_scase cases[3];
	dupArgs	     *a;

	a = arg;
	cases[0] = (runtime_scase){ a->c, NULL };
	cases[1] = (runtime_scase){ a->c, NULL };
	cases[2] = (runtime_scase){ a->d, NULL };
	(void)runtime_selectgo(cases, 0, 3, true, NULL);
	sendInt(a->e, 9);
}

static void
dupB(void *arg)
{
	dupArgs *a;

	a = arg;
	runtime_chanrecv1(a->c, NULL);
}

START_TEST(TestSelectDuplicateChannel)
{
	dupArgs a;

	a.c = runtime_makechan(sizeof(int), 0);
	a.d = runtime_makechan(sizeof(int), 0);
	a.e = runtime_makechan(sizeof(int), 0);
	runtime_Go(dupA, &a);
	sleepNs(time_Millisecond); /* A queues on c first */
	runtime_Go(dupB, &a);
	sleepNs(time_Millisecond); /* then B */
	sendInt(a.d, 7);	   /* A dequeues itself from c */
	(void)recvInt(a.e);
	sendInt(a.c, 8); /* wakes B, not A's stale sudog */
	runtime_hchan_Free(a.c);
	runtime_hchan_Free(a.d);
	runtime_hchan_Free(a.e);
}
END_TEST

/*
 * gonet's own tests: what Go's compiler and panics guarantee and
 * chan_test.go takes for granted.
 */

/* Nil channels: never ready, so non-blocking forms and select skip them. */
START_TEST(testNilChan)
{
	runtime_scase  cases[2];
	runtime_hchan *c;
	bool	       ok;
	int	       v;

	v = 1;
	ck_assert(!runtime_selectnbsend(NULL, &v));
	ck_assert(!runtime_selectnbrecv(&v, NULL, &ok));
	ck_assert_int_eq(runtime_chanlen(NULL), 0);
	ck_assert_int_eq(runtime_chancap(NULL), 0);
	cases[0] = (runtime_scase){ NULL, &v };
	cases[1] = (runtime_scase){ NULL, &v };
	ck_assert_int_eq(runtime_selectgo(cases, 1, 1, false, NULL), -1);
	c = runtime_makechan(sizeof(int), 1);
	sendInt(c, 7);
	cases[1].c = c;
	v = 0;
	ck_assert_int_eq(runtime_selectgo(cases, 1, 1, true, &ok), 1);
	ck_assert(ok);
	ck_assert_int_eq(v, 7);
	runtime_hchan_Free(c);
}
END_TEST

typedef struct foreverArgs {
	int	   op;
	atomic_int returned;
} foreverArgs;

/* blockForever does one operation that must never complete. */
static void
blockForever(void *arg)
{
	foreverArgs *a;
	int	     v;

	a = arg;
	v = 0;
	switch (a->op) {
	case 0:
		runtime_chansend1(NULL, &v);
		break;
	case 1:
		runtime_chanrecv1(NULL, &v);
		break;
	default:
		runtime_selectgo(NULL, 0, 0, true, NULL); /* select {} */
		break;
	}
	atomic_store(&a->returned, 1);
}

/*
 * A send or receive on a nil channel, and an empty select, block forever.
 * The goroutines stay parked until the test process exits.
 */
START_TEST(testNilChanBlocks)
{
	static foreverArgs a[3];
	int		   i;

	for (i = 0; i < 3; i++) {
		a[i].op = i;
		runtime_Go(blockForever, &a[i]);
	}
	sleepNs(20 * time_Millisecond);
	for (i = 0; i < 3; i++)
		ck_assert_msg(
		    !atomic_load(&a[i].returned), "op %d did not block", i);
}
END_TEST

/* Closed channels: receives drain the buffer, then select sees the close. */
START_TEST(testSelectRecvClosed)
{
	runtime_scase  cases[1];
	runtime_hchan *c;
	bool	       ok;
	int	       v;

	c = runtime_makechan(sizeof(int), 1);
	sendInt(c, 5);
	runtime_closechan(c);
	cases[0] = (runtime_scase){ c, &v };
	ck_assert_int_eq(runtime_selectgo(cases, 0, 1, false, &ok), 0);
	ck_assert(ok);
	ck_assert_int_eq(v, 5);
	v = 9;
	ck_assert_int_eq(runtime_selectgo(cases, 0, 1, true, &ok), 0);
	ck_assert(!ok);
	ck_assert_int_eq(v, 0);
	ck_assert(runtime_selectnbrecv(&v, c, &ok));
	ck_assert(!ok);
	runtime_hchan_Free(c);
}
END_TEST

/*
 * A select with more cases than fit its stack arrays, values wider than a
 * word, and a receive into NULL.
 */
START_TEST(testSelectManyCases)
{
	enum { ncases = 100 };
	typedef struct wide {
		char b[200];
	} wide;
	runtime_scase  cases[ncases];
	runtime_hchan *c[ncases];
	wide	       w, got;
	bool	       ok;
	int	       i;

	for (i = 0; i < ncases; i++) {
		c[i] = runtime_makechan(sizeof(wide), 1);
		cases[i] = (runtime_scase){ c[i], &got };
	}
	memset(&w, 'x', sizeof(w));
	runtime_chansend1(c[77], &w);
	ck_assert_int_eq(runtime_selectgo(cases, 0, ncases, true, &ok), 77);
	ck_assert(ok);
	ck_assert(memcmp(&got, &w, sizeof(w)) == 0);
	for (i = 0; i < ncases; i++)
		cases[i].elem = &w;
	ck_assert_int_ge(runtime_selectgo(cases, ncases, 0, true, NULL), 0);
	for (i = 0; i < ncases; i++) {
		if (runtime_chanlen(c[i]) == 1)
			runtime_chanrecv1(c[i], NULL);
		runtime_hchan_Free(c[i]);
	}
}
END_TEST

typedef struct numArgs {
	runtime_hchan *start, *stop;
} numArgs;

static void
numWorker(void *arg)
{
	numArgs *a;

	a = arg;
	runtime_chansend1(a->start, NULL);
	runtime_chanrecv1(a->stop, NULL);
}

/* runtime_NumGoroutine counts runtime_Go's goroutines until they return. */
START_TEST(testNumGoroutine)
{
	numArgs a;
	int	before, i;

	before = runtime_NumGoroutine();
	ck_assert_int_ge(before, 1);
	a.start = runtime_makechan(0, 0);
	a.stop = runtime_makechan(0, 0);
	for (i = 0; i < 3; i++)
		runtime_Go(numWorker, &a);
	for (i = 0; i < 3; i++)
		runtime_chanrecv1(a.start, NULL);
	ck_assert_int_eq(runtime_NumGoroutine(), before + 3);
	runtime_closechan(a.stop);
	for (i = 0; i < 5000 && runtime_NumGoroutine() != before; i++)
		sleepNs(time_Millisecond);
	ck_assert_int_eq(runtime_NumGoroutine(), before);
	runtime_hchan_Free(a.start);
	runtime_hchan_Free(a.stop);
}
END_TEST

/* The operations Go turns into panics, each run in a child process. */
static void
sendClosed(void)
{
	runtime_hchan *c;

	c = runtime_makechan(sizeof(int), 1);
	runtime_closechan(c);
	sendInt(c, 1);
}

static void
closeClosed(void)
{
	runtime_hchan *c;

	c = runtime_makechan(sizeof(int), 1);
	runtime_closechan(c);
	runtime_closechan(c);
}

static void
closeNil(void)
{
	runtime_closechan(NULL);
}

static void
sendBlocked(void *arg)
{
	sendInt(arg, 1);
}

/* A sender blocked on an unbuffered channel throws when it is closed. */
static void
closeBlockedSend(void)
{
	runtime_hchan *c;

	c = runtime_makechan(sizeof(int), 0);
	runtime_Go(sendBlocked, c);
	sleepNs(20 * time_Millisecond);
	runtime_closechan(c);
	sleepNs(5 * time_Second); /* the sender's throw ends the process */
}

static void
selectSendClosed(void)
{
	runtime_scase  cases[1];
	runtime_hchan *c;
	int	       v;

	c = runtime_makechan(sizeof(int), 0);
	runtime_closechan(c);
	v = 1;
	cases[0] = (runtime_scase){ c, &v };
	runtime_selectgo(cases, 1, 0, false, NULL);
}

static void
makechanHuge(void)
{
	runtime_makechan(1 << 16, 0);
}

static void
makechanNegative(void)
{
	runtime_makechan(sizeof(int), -1);
}

static const struct {
	void (*f)(void);
	const char *msg;
} throwTests[] = {
	{ sendClosed, "fatal error: send on closed channel\n" },
	{ closeClosed, "fatal error: close of closed channel\n" },
	{ closeNil, "fatal error: close of nil channel\n" },
	{ closeBlockedSend, "fatal error: send on closed channel\n" },
	{ selectSendClosed, "fatal error: send on closed channel\n" },
	{ makechanHuge,
	    "fatal error: makechan: invalid channel element type\n" },
	{ makechanNegative, "fatal error: makechan: size out of range\n" },
};

/*
 * testChanThrows runs each throwing operation in a fresh process (the
 * ChanThrow test program, row GONET_CHANTHROW), which must die of SIGABRT
 * after printing Go's message.  Not a fork: row 3 needs goroutines in the
 * child, and a forked child of a goroutine has lost the parent's other
 * Ms, one of which may hold the P the new goroutine was handed to.
 */
void
progChanThrow(void)
{
	const char *v;
	int	    i;

	v = getenv("GONET_CHANTHROW");
	i = v != NULL ? atoi(v) : -1;
	if (i < 0 || i >= (int)nelem(throwTests)) {
		printf("ChanThrow: bad GONET_CHANTHROW\n");
		exit(2);
	}
	throwTests[i].f();
}

START_TEST(testChanThrows)
{
	char env[32], *out;
	int  status;

	snprintf(env, sizeof env, "GONET_CHANTHROW=%d", _i);
	out = runTestProg("ChanThrow", env, &status);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	    "child status %#x, want SIGABRT; output %s", status, out);
	ck_assert_str_eq(out, throwTests[_i].msg);
	free(out);
}
END_TEST

Suite *
chan_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("chan");
	tc = newTCase("chan");
	tcase_add_test(tc, TestChan);
	tcase_add_test(tc, TestChanSendInterface);
	tcase_add_test(tc, TestPseudoRandomSend);
	tcase_add_test(tc, TestMultiConsumer);
	suite_add_tcase(s, tc);
	tc = newTCase("nonblock");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, TestNonblockRecvRace);
	tcase_add_test(tc, TestNonblockSelectRace);
	tcase_add_test(tc, TestNonblockSelectRace2);
	suite_add_tcase(s, tc);
	tc = newTCase("select");
	tcase_add_test(tc, TestSelfSelect);
	tcase_add_test(tc, TestSelectStress);
	tcase_add_test(tc, TestSelectFairness);
	tcase_add_test(tc, TestSelectDuplicateChannel);
	suite_add_tcase(s, tc);
	tc = newTCase("gonet");
	tcase_add_test(tc, testNilChan);
	tcase_add_test(tc, testNilChanBlocks);
	tcase_add_test(tc, testSelectRecvClosed);
	tcase_add_test(tc, testSelectManyCases);
	tcase_add_test(tc, testNumGoroutine);
	tcase_add_loop_test(tc, testChanThrows, 0, nelem(throwTests));
	suite_add_tcase(s, tc);
	return s;
}
