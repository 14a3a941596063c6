/*
 * gonet tests of the G/M/P scheduler (runtime/proc.c) that Go's own
 * proc_test.go does not cover, because Go gets them from its compiler or
 * never had plain threads: a system call hands its P off, a goroutine
 * blocked on a socket holds no M, GOMAXPROCS shrinks without a
 * stop-the-world, go statements from many plain threads at once, dead
 * goroutines' stacks are reused, and the idle M's spin misses neither a
 * message nor a timer; a write readies its in-process reader next
 * without starving the run queue; and sysmon's late-tick rule, which is
 * gonet's own (docs/DESIGN.md), fed made-up clocks.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"
#include "runtime/linkname.h"
#include "runtime/runtime_impl.h"
#include "runtime/stack.h"
#include "sync/sync.h"
#include "syscall/syscall.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"
#include "time/time.h"

static int64_t
nanotime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* procStatus reads a number from /proc/self/status ("Threads:"). */
static long
procStatus(const char *key)
{
	char  line[256];
	FILE *f;
	long  v;

	v = -1;
	f = fopen("/proc/self/status", "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, key, strlen(key)) == 0)
			v = strtol(line + strlen(key), NULL, 10);
	fclose(f);
	return v;
}

/* pingPonger bounces n values off an echoing goroutine, then reports. */
struct pingArgs {
	int	       n;
	runtime_hchan *done;
};

static void
echoInts(void *arg)
{
	runtime_hchan **c;
	int		v;

	c = arg;
	for (;;) {
		v = recvInt(c[0]);
		if (v < 0)
			return;
		sendInt(c[1], v);
	}
}

static void
pingPonger(void *arg)
{
	struct pingArgs *a;
	runtime_hchan	*c[2];
	int		 i;

	a = arg;
	c[0] = runtime_makechan(sizeof(int), 0);
	c[1] = runtime_makechan(sizeof(int), 0);
	runtime_Go(echoInts, c);
	for (i = 0; i < a->n; i++) {
		sendInt(c[0], i);
		ck_assert_int_eq(recvInt(c[1]), i);
	}
	sendInt(c[0], -1); /* matched: the echo is done with both */
	runtime_hchan_Free(c[0]);
	runtime_hchan_Free(c[1]);
	sendTrue(a->done);
}

/* sleeper blocks its M in a system call for 300 ms. */
static void
sleeper(void *arg)
{
	struct timespec ts = { 0, 300 * 1000 * 1000 };

	runtime_entersyscall();
	nanosleep(&ts, NULL);
	runtime_exitsyscall();
	sendTrue(arg);
}

/*
 * With one P, a goroutine sleeping in a system call must not stop the
 * others: sysmon hands its P to another M (Go's retake and handoffp).
 */
START_TEST(testEntersyscallHandsOffP)
{
	struct pingArgs a;
	runtime_hchan  *slept;
	int64_t		start, pinged;
	int		old;

	old = runtime_GOMAXPROCS(1);
	slept = runtime_makechan(sizeof(bool), 1);
	a.n = 1000;
	a.done = runtime_makechan(sizeof(bool), 1);
	start = nanotime();
	runtime_Go(sleeper, slept);
	runtime_Go(pingPonger, &a);
	runtime_chanrecv1(a.done, NULL);
	pinged = nanotime() - start;
	runtime_chanrecv1(slept, NULL);
	runtime_GOMAXPROCS(old);
	ck_assert_msg(pinged < 250 * 1000 * 1000,
	    "1000 round trips took %lld ms beside a 300 ms system call",
	    (long long)(pinged / 1000000));
	runtime_hchan_Free(slept);
	runtime_hchan_Free(a.done);
}
END_TEST

/* A hog's calls and a runner that tells it to stop. */
struct hogArgs {
	_Atomic bool   stop;
	int64_t	       ran;
	runtime_hchan *done;
};

/*
 * syscallHog makes short system calls without ever parking, for 2 s or
 * until told to stop.
 */
static void
syscallHog(void *arg)
{
	struct hogArgs *a;
	int64_t		end;
	uintptr_t	r1;

	a = arg;
	end = nanotime() + 2000 * 1000 * 1000;
	while (!atomic_load(&a->stop) && nanotime() < end)
		(void)syscall_Syscall(SYS_getppid, 0, 0, 0, &r1);
	sendTrue(a->done);
}

static void
hogStopper(void *arg)
{
	struct hogArgs *a;

	a = arg;
	a->ran = nanotime();
	atomic_store(&a->stop, true);
	sendTrue(a->done);
}

/*
 * With one P, a goroutine whose system calls are each too short for
 * sysmon to catch still loses its P once its time slice is over (Go's
 * sysretake in retake), so a goroutine queued behind it runs within
 * tens of milliseconds, not when the hog gives up after 2 s.
 */
START_TEST(testSyscallHogLosesP)
{
	struct hogArgs a;
	int64_t	       start;
	int	       old;

	old = runtime_GOMAXPROCS(1);
	atomic_store(&a.stop, false);
	a.ran = 0;
	a.done = runtime_makechan(sizeof(bool), 2);
	start = nanotime();
	runtime_Go(syscallHog, &a);
	runtime_Go(hogStopper, &a);
	runtime_chanrecv1(a.done, NULL);
	runtime_chanrecv1(a.done, NULL);
	runtime_GOMAXPROCS(old);
	ck_assert_msg(a.ran - start < 1000 * 1000 * 1000,
	    "the goroutine behind the hog ran after %lld ms",
	    (long long)((a.ran - start) / 1000000));
	runtime_hchan_Free(a.done);
}
END_TEST

enum { nblocked = 100 };

struct blockedArgs {
	net_Conn      *c;
	runtime_hchan *done;
};

static void
blockedReader(void *arg)
{
	struct blockedArgs *a;
	runtime_error	   *err;
	ptrdiff_t	    n;
	char		    b;

	a = arg;
	err = net_Conn_Read(a->c, &b, 1, &n);
	ck_assert_ptr_nonnull(err);
	runtime_error_Free(err);
	sendTrue(a->done);
}

/*
 * A hundred goroutines blocked in Read hold no M and no P: with
 * GOMAXPROCS=1 another goroutine still runs, and the process has about
 * as many threads as before.
 */
START_TEST(testBlockedGoroutinesHoldNoM)
{
	struct blockedArgs a[nblocked];
	struct pingArgs	   p;
	net_Listener	  *l;
	net_Conn	  *srv[nblocked];
	runtime_hchan	  *done;
	char		  *addr;
	long		   before, during;
	int		   i, old;

	old = runtime_GOMAXPROCS(1);
	ck_assert_ptr_null(net_Listen("tcp", "127.0.0.1:0", &l));
	addr = net_Addr_String(net_Listener_Addr(l));
	done = runtime_makechan(sizeof(bool), nblocked);
	before = procStatus("Threads:");
	for (i = 0; i < nblocked; i++) {
		ck_assert_ptr_null(net_Dial("tcp", addr, &a[i].c));
		ck_assert_ptr_null(net_Listener_Accept(l, &srv[i]));
		a[i].done = done;
		runtime_Go(blockedReader, &a[i]);
	}
	p.n = 1000;
	p.done = runtime_makechan(sizeof(bool), 1);
	runtime_Go(pingPonger, &p);
	runtime_chanrecv1(p.done, NULL);
	during = procStatus("Threads:");
	ck_assert_msg(during - before < 10,
	    "%d blocked goroutines: %ld threads, %ld before", nblocked, during,
	    before);
	for (i = 0; i < nblocked; i++)
		net_Conn_Free(srv[i]); /* the readers see EOF */
	for (i = 0; i < nblocked; i++)
		runtime_chanrecv1(done, NULL);
	for (i = 0; i < nblocked; i++)
		net_Conn_Free(a[i].c);
	runtime_GOMAXPROCS(old);
	free(addr);
	net_Listener_Free(l);
	runtime_hchan_Free(done);
	runtime_hchan_Free(p.done);
}
END_TEST

struct yielderArgs {
	_Atomic int    *stop;
	sync_WaitGroup *wg;
};

static void
yielder(void *arg)
{
	struct yielderArgs *a;
	int		    i;

	a = arg;
	for (i = 0; i < 1000000 && !atomic_load(a->stop); i++)
		runtime_Gosched();
	sync_WaitGroup_Done(a->wg);
}

/*
 * GOMAXPROCS grows and shrinks while goroutines run, with no
 * stop-the-world; every goroutine still finishes, and the setting reads
 * back.
 */
START_TEST(testGOMAXPROCSWhileRunning)
{
	struct yielderArgs a;
	sync_WaitGroup	   wg = { 0 };
	_Atomic int	   stop = 0;
	struct timespec	   ts = { 0, 20 * 1000 * 1000 };
	int		   i, old;

	old = runtime_GOMAXPROCS(4);
	a.stop = &stop;
	a.wg = &wg;
	sync_WaitGroup_Add(&wg, 50);
	for (i = 0; i < 50; i++)
		runtime_Go(yielder, &a);
	nanosleep(&ts, NULL);
	ck_assert_int_eq(runtime_GOMAXPROCS(1), 4);
	nanosleep(&ts, NULL);
	ck_assert_int_eq(runtime_GOMAXPROCS(3), 1);
	nanosleep(&ts, NULL);
	atomic_store(&stop, 1);
	sync_WaitGroup_Wait(&wg);
	ck_assert_int_eq(runtime_GOMAXPROCS(0), 3);
	runtime_GOMAXPROCS(old);
}
END_TEST

/*
 * runPairAt runs fn(arg) in two goroutines with GOMAXPROCS at procs and
 * waits for both, each of which sends once on *done, a channel made here
 * for them and freed once both have sent.
 */
static void
runPairAt(int procs, void (*fn)(void *), void *arg, runtime_hchan **done)
{
	int old;

	*done = runtime_makechan(sizeof(bool), 2);
	old = runtime_GOMAXPROCS(procs);
	runtime_Go(fn, arg);
	runtime_Go(fn, arg);
	runtime_chanrecv1(*done, NULL);
	runtime_chanrecv1(*done, NULL);
	runtime_GOMAXPROCS(old);
	runtime_hchan_Free(*done);
}

/* testShrunkPWorkRuns's pair: how many met, whether the child ran. */
struct shrunkArgs {
	runtime_hchan *done;
	_Atomic int    met, ran;
	int	       pid;	  /* 1 once the goroutine on P1 has shrunk */
	bool	       ranInTime; /* the child ran while it waited */
};

/* spinUntil waits for *v to reach want without parking, up to 5 s. */
static bool
spinUntil(_Atomic int *v, int want)
{
	int64_t end;

	end = nanotime() + 5000LL * 1000 * 1000;
	while (atomic_load(v) < want)
		if (nanotime() > end)
			return false;
	return true;
}

static void
shrunkChild(void *arg)
{
	struct shrunkArgs *a;

	a = arg;
	atomic_store(&a->ran, 1);
}

/*
 * shrunkPair: the two meet, so that one runs on P0 and one on P1; the
 * one on P1 shrinks GOMAXPROCS to 1, starts a goroutine and waits for
 * it without parking.
 */
static void
shrunkPair(void *arg)
{
	struct shrunkArgs *a;

	a = arg;
	atomic_fetch_add(&a->met, 1);
	if (spinUntil(&a->met, 2) && runtime_testPID() == 1) {
		a->pid = 1;
		runtime_GOMAXPROCS(1);
		runtime_Go(shrunkChild, a);
		a->ranInTime = spinUntil(&a->ran, 1);
	}
	sendTrue(a->done);
}

/*
 * A P that GOMAXPROCS shrinks away keeps running its goroutine until that
 * one schedules (there is no stop-the-world to take it), so what the
 * goroutine readies meanwhile sits on a P outside the steal order: the
 * Ps that remain must still steal it (Go's TestSchedLocalQueueEmpty hung
 * so with GOMAXPROCS=5 in the environment).
 */
START_TEST(testShrunkPWorkRuns)
{
	struct shrunkArgs a;

	memset(&a, 0, sizeof(a));
	runPairAt(2, shrunkPair, &a, &a.done);
	ck_assert_msg(a.pid == 1, "the two goroutines never ran at once");
	ck_assert_msg(a.ranInTime,
	    "a goroutine readied on a P that GOMAXPROCS shrank away did not "
	    "run in 5 s");
}
END_TEST

/*
 * testBlockedGoroutineGetsStandIn's goroutines: the reader sleeps in a
 * read(2) of a pipe, which the runtime never hears of, until the writer,
 * queued behind it on its P, writes.
 */
struct standinArgs {
	int	       fd[2];
	runtime_hchan *read, *wrote;
	char	       got;
};

static void
standinWriter(void *arg)
{
	struct standinArgs *a;

	a = arg;
	ck_assert_int_eq(write(a->fd[1], "x", 1), 1);
	sendTrue(a->wrote);
}

static void
standinReader(void *arg)
{
	struct standinArgs *a;

	a = arg;
	runtime_Go(standinWriter, a);
	if (read(a->fd[0], &a->got, 1) != 1)
		a->got = 0;
	sendTrue(a->read);
}

/*
 * With GOMAXPROCS=1, a goroutine asleep in the kernel in a call the
 * runtime never saw (C code's read, sleep or pthread wait) keeps its P;
 * sysmon adds a stand-in P, so that the goroutine it waits for runs, and
 * the count of Ps goes back to the setting once it returns.  Without the
 * stand-in the reader would wait for ever; after 5 s the test writes the
 * byte itself.
 */
START_TEST(testBlockedGoroutineGetsStandIn)
{
	struct standinArgs a;
	bool		   served;
	int		   old, i;

	memset(&a, 0, sizeof(a));
	ck_assert_int_eq(pipe2(a.fd, O_CLOEXEC), 0);
	a.read = runtime_makechan(sizeof(bool), 1);
	a.wrote = runtime_makechan(sizeof(bool), 1);
	old = runtime_GOMAXPROCS(1);
	runtime_Go(standinReader, &a);
	served = recvWithin(a.read, NULL, 5 * time_Second);
	if (!served) {
		ck_assert_int_eq(write(a.fd[1], "y", 1), 1);
		runtime_chanrecv1(a.read, NULL);
	}
	runtime_chanrecv1(a.wrote, NULL);
	for (i = 0; i < 2000 && runtime_testProcs() != 1; i++)
		time_Sleep(time_Millisecond);
	ck_assert_int_eq(runtime_GOMAXPROCS(old), 1);
	close(a.fd[0]);
	close(a.fd[1]);
	runtime_hchan_Free(a.read);
	runtime_hchan_Free(a.wrote);
	ck_assert_msg(served && a.got == 'x',
	    "the goroutine asleep in read(2) was not served by another "
	    "within 5 s");
	ck_assert_msg(i < 2000, "%d Ps in use 2 s after the read returned",
	    runtime_testProcs());
}
END_TEST

/* What testComputingGoroutinesGetNoStandIn's goroutines saw. */
struct computeArgs {
	_Atomic int    running, most;
	runtime_hchan *done;
};

/* computer computes for 100 ms, noting how many others compute too. */
static void
computer(void *arg)
{
	struct computeArgs *a;
	int64_t		    end;
	int		    n, most;

	a = arg;
	atomic_fetch_add(&a->running, 1);
	end = nanotime() + 100 * 1000 * 1000;
	while (nanotime() < end) {
		n = atomic_load(&a->running);
		most = atomic_load(&a->most);
		while (n > most &&
		    !atomic_compare_exchange_weak(&a->most, &most, n))
			;
	}
	atomic_fetch_sub(&a->running, 1);
	sendTrue(a->done);
}

/*
 * A stand-in is for a thread asleep in the kernel, not for one that
 * computes: with GOMAXPROCS=1 two goroutines that never block still run
 * one after the other, 100 ms each (there is no preemption, and slices
 * past forcePreemptNs are exactly what sysmon looks at).
 */
START_TEST(testComputingGoroutinesGetNoStandIn)
{
	struct computeArgs a;

	memset(&a, 0, sizeof(a));
	runPairAt(1, computer, &a, &a.done);
	ck_assert_int_eq(atomic_load(&a.most), 1);
}
END_TEST

enum { nspawners = 8, perSpawner = 2000 };

static void
sendOne(void *arg)
{
	sendTrue(arg);
}

/* spawnCount is perSpawner, a tenth under -short (TSan). */
static int
spawnCount(void)
{
	return testingShort() ? perSpawner / 10 : perSpawner;
}

static void *
spawner(void *arg)
{
	int i;

	for (i = 0; i < spawnCount(); i++)
		runtime_Go(sendOne, arg);
	return NULL;
}

/*
 * go statements from many plain threads at once all run, and all finish.
 * The last wait also keeps the exit cheap under ASan: LeakSanitizer
 * rereads /proc/self/maps for every goroutine stack still registered, and
 * thousands of senders just woken but not yet gone made that take a minute.
 */
START_TEST(testGoFromPlainThreads)
{
	pthread_t	t[nspawners];
	runtime_hchan  *c;
	int		i, before;
	struct timespec ms = { 0, 1000 * 1000 };

	before = runtime_NumGoroutine();
	c = runtime_makechan(sizeof(bool), 0);
	for (i = 0; i < nspawners; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, spawner, c), 0);
	for (i = 0; i < nspawners * spawnCount(); i++)
		runtime_chanrecv1(c, NULL);
	for (i = 0; i < nspawners; i++)
		pthread_join(t[i], NULL);
	for (i = 0; i < 10000 && runtime_NumGoroutine() != before; i++)
		nanosleep(&ms, NULL);
	ck_assert_int_eq(runtime_NumGoroutine(), before);
	runtime_hchan_Free(c);
}
END_TEST

/*
 * 100000 goroutines started and finished one after another reuse their
 * stacks: once the dead gs outnumber what the per-P caches can hold
 * (gfput keeps at most 63 on a P, as Go's does), neither the stacks made
 * nor the mappings grow with the count.  Without reuse every start would
 * make a stack (and, where guards are mprotect'd, two mappings: with
 * guard regions a span of 64 stacks is one, so the stack count is the
 * check that still sees it); the bounds leave room for a few more Ms (a
 * thread stack, a g0 stack, an alternate signal stack and a malloc arena
 * each), which a loaded machine can make the scheduler start meanwhile.
 */
static void
startFinish(runtime_hchan *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		runtime_Go(sendOne, c);
		runtime_chanrecv1(c, NULL);
	}
}

/*
 * startTogether has n goroutines alive at once before any finishes, so
 * that n dead gs exist afterwards.  A sequential warm-up is not enough:
 * a g that starts on one P and is stolen by the other dies into the
 * other P's cache, and only when that cache overflows to the global list
 * does the first P get it back, so the number of gs keeps climbing to
 * about 64 a P for as long as steals happen, which under load (or with
 * the TSan build's shuffled run queues) can be well after 20000 starts.
 * With more dead gs than all the P caches can hold, some are always on
 * the global list or on the starting P, and no start needs a new one.
 */
static void
startTogether(runtime_hchan *c, int n)
{
	int i;

	for (i = 0; i < n; i++)
		runtime_Go(sendOne, c);
	for (i = 0; i < n; i++)
		runtime_chanrecv1(c, NULL);
}

START_TEST(testDeadGoroutinesReuseStacks)
{
	runtime_hchan *c;
	long	       before, after;
	size_t	       made;
	int	       n;

	/*
	 * A tenth under -short (the TSan build) and ASan: each start costs a
	 * fiber or a scan of the stack's shadow there.
	 */
	n = testingShort() || runtime_asanenabled ? 10000 : 100000;
	c = runtime_makechan(sizeof(bool), 0);
	startTogether(c, 64 * (runtime_GOMAXPROCS(0) + 1));
	startFinish(c, n / 5);
	before = countMaps();
	made = runtime_stacksMade();
	startFinish(c, n);
	after = countMaps();
	made = runtime_stacksMade() - made;
	ck_assert_msg(after - before <= 100, "maps: %ld before, %ld after",
	    before, after);
	ck_assert_msg(
	    made <= 100, "%zu stacks made for %d goroutines", made, n);
	runtime_hchan_Free(c);
}
END_TEST

/*
 * outsideEcho is the goroutine side of testIdleSpinOutsidePeer: it echoes
 * n bytes, then waits in a Read that the peer thread's deadline ends.
 */
struct outsideArgs {
	net_Conn      *c;
	int	       n;
	int64_t	       waited; /* ns the last Read took */
	bool	       timedout;
	runtime_hchan *done;
};

static void
outsideEcho(void *arg)
{
	struct outsideArgs *a;
	runtime_error	   *err;
	ptrdiff_t	    n;
	int64_t		    t0;
	char		    b;
	int		    i;

	a = arg;
	for (i = 0; i < a->n; i++) {
		ck_assert_ptr_null(net_Conn_Read(a->c, &b, 1, &n));
		ck_assert_ptr_null(net_Conn_Write(a->c, &b, 1, &n));
	}
	t0 = nanotime();
	err = net_Conn_Read(a->c, &b, 1, &n);
	a->waited = nanotime() - t0;
	a->timedout = err != NULL && net_Error_Timeout(err);
	runtime_error_Free(err);
	sendTrue(a->done);
}

/* outsidePeer is the other side: a thread of its own, not a goroutine. */
struct peerArgs {
	net_Conn *c;   /* its end */
	net_Conn *far; /* the goroutine's end, for the deadline */
	int	  n;
	bool	  ok;
};

static void *
outsidePeer(void *arg)
{
	struct timespec	 ts = { 0, 20 * 1000 * 1000 };
	struct peerArgs *a;
	ptrdiff_t	 n;
	int		 i;
	char		 b;

	a = arg;
	a->ok = true;
	for (i = 0; i < a->n && a->ok; i++) {
		b = (char)i;
		a->ok = net_Conn_Write(a->c, &b, 1, &n) == NULL &&
		    net_Conn_Read(a->c, &b, 1, &n) == NULL && b == (char)i;
	}
	nanosleep(&ts, NULL); /* the goroutine waits in its last Read */
	runtime_error_Free(net_Conn_SetReadDeadline(
	    a->far, time_Time_Add(time_Now(), 50 * time_Millisecond)));
	return NULL;
}

/*
 * A goroutine answering a thread outside the scheduler leaves every P
 * idle between messages, which is when the polling M spins before it
 * sleeps (idlespin, docs/DESIGN.md) once its sleeps are short: every
 * message must still reach the goroutine, and a deadline armed by that
 * thread while the goroutine waits must end the Read when it passes,
 * whether the M is spinning or asleep then.
 */
START_TEST(testIdleSpinOutsidePeer)
{
	struct outsideArgs a;
	struct peerArgs	   p;
	net_Listener	  *l;
	pthread_t	   t;
	char		  *addr;

	ck_assert_ptr_null(net_Listen("tcp", "127.0.0.1:0", &l));
	addr = net_Addr_String(net_Listener_Addr(l));
	ck_assert_ptr_null(net_Dial("tcp", addr, &p.c));
	ck_assert_ptr_null(net_Listener_Accept(l, &a.c));
	a.n = p.n = 2000;
	a.done = runtime_makechan(sizeof(bool), 1);
	p.far = a.c;
	runtime_Go(outsideEcho, &a);
	ck_assert_int_eq(pthread_create(&t, NULL, outsidePeer, &p), 0);
	pthread_join(t, NULL);
	runtime_chanrecv1(a.done, NULL);
	ck_assert_msg(p.ok, "a round trip failed");
	ck_assert_msg(a.timedout, "the last Read did not time out");
	ck_assert_msg(
	    a.waited >= 60 * 1000 * 1000 && a.waited < 2000LL * 1000 * 1000,
	    "the last Read took %lld ns, want its deadline (70 ms)",
	    (long long)a.waited);
	net_Conn_Free(a.c);
	net_Conn_Free(p.c);
	runtime_hchan_Free(a.done);
	free(addr);
	net_Listener_Free(l);
}
END_TEST

/*
 * The write-poll's tests (proc.c, pollwrote): a pair of goroutines
 * talking over a loopback connection, beside tickers that yield in a
 * loop, counting their turns, so that the run queues are never empty
 * and the P never polls the network for want of work.
 */
struct tickArgs {
	_Atomic long   *ticks;
	_Atomic int    *stop;
	sync_WaitGroup *wg;
};

static void
ticker(void *arg)
{
	struct tickArgs *a;
	int		 i;

	a = arg;
	for (i = 0; i < 10000000 && !atomic_load(a->stop); i++) {
		atomic_fetch_add(a->ticks, 1);
		runtime_Gosched();
	}
	sync_WaitGroup_Done(a->wg);
}

/* echoBytes echoes one byte at a time until its connection ends. */
struct echoArgs {
	net_Conn      *c;
	runtime_hchan *done;
};

static void
echoBytes(void *arg)
{
	struct echoArgs *a;
	runtime_error	*err;
	ptrdiff_t	 n;
	char		 b;

	a = arg;
	while ((err = net_Conn_Read(a->c, &b, 1, &n)) == NULL &&
	    (err = net_Conn_Write(a->c, &b, 1, &n)) == NULL)
		;
	runtime_error_Free(err);
	sendTrue(a->done);
}

/*
 * pairArgs drives the pair: n round trips, or as many as fit in ns if
 * ns is set; quiet counts the round trips in which no ticker ran.
 */
struct pairArgs {
	net_Conn      *c;
	_Atomic long  *ticks;
	int	       n, done, quiet;
	int64_t	       ns;
	runtime_hchan *finished;
};

static void
pairClient(void *arg)
{
	struct pairArgs *a;
	ptrdiff_t	 n;
	int64_t		 end;
	long		 t0;
	char		 b;

	a = arg;
	end = nanotime() + a->ns;
	for (a->done = 0; a->done < a->n; a->done++) {
		if (a->ns != 0 && nanotime() >= end)
			break;
		b = (char)a->done;
		t0 = atomic_load(a->ticks);
		ck_assert_ptr_null(net_Conn_Write(a->c, &b, 1, &n));
		ck_assert_ptr_null(net_Conn_Read(a->c, &b, 1, &n));
		ck_assert_int_eq(b, (char)a->done);
		if (atomic_load(a->ticks) == t0)
			a->quiet++;
	}
	sendTrue(a->finished);
}

/*
 * runPairBesideTickers runs a on one P beside four tickers and returns
 * the tickers' turns meanwhile.
 */
static long
runPairBesideTickers(struct pairArgs *a)
{
	struct tickArgs targs;
	struct echoArgs echo;
	sync_WaitGroup	wg = { 0 };
	_Atomic long	ticks = 0;
	_Atomic int	stop = 0;
	net_Listener   *l;
	char	       *addr;
	long		before;
	int		i, old;

	old = runtime_GOMAXPROCS(1);
	ck_assert_ptr_null(net_Listen("tcp", "127.0.0.1:0", &l));
	addr = net_Addr_String(net_Listener_Addr(l));
	ck_assert_ptr_null(net_Dial("tcp", addr, &a->c));
	ck_assert_ptr_null(net_Listener_Accept(l, &echo.c));
	echo.done = runtime_makechan(sizeof(bool), 1);
	runtime_Go(echoBytes, &echo);
	targs = (struct tickArgs){ &ticks, &stop, &wg };
	sync_WaitGroup_Add(&wg, 4);
	for (i = 0; i < 4; i++)
		runtime_Go(ticker, &targs);
	a->ticks = &ticks;
	a->finished = runtime_makechan(sizeof(bool), 1);
	before = atomic_load(&ticks);
	runtime_Go(pairClient, a);
	runtime_chanrecv1(a->finished, NULL);
	before = atomic_load(&ticks) - before;
	atomic_store(&stop, 1);
	sync_WaitGroup_Wait(&wg);
	runtime_GOMAXPROCS(old);
	net_Conn_Free(a->c); /* the echo sees EOF and returns */
	runtime_chanrecv1(echo.done, NULL);
	net_Conn_Free(echo.c);
	runtime_hchan_Free(echo.done);
	runtime_hchan_Free(a->finished);
	free(addr);
	net_Listener_Free(l);
	return before;
}

/*
 * A goroutine's write readies the reader at the other end of its
 * connection next, as a channel send would: with one P and the queues
 * never empty, most round trips run no ticker at all.  Without the
 * write-poll each message waits for the queues to drain, which they
 * never do, or for sysmon's poll 10 ms later.
 */
START_TEST(testWriteReadiesPeerNext)
{
	struct pairArgs a = { .n = 300 };

	runPairBesideTickers(&a);
	ck_assert_int_eq(a.done, 300);
	ck_assert_msg(a.quiet >= 240,
	    "%d of 300 round trips ran no other goroutine, want 240 or more",
	    a.quiet);
}
END_TEST

/*
 * Nor does a pair keep the P to itself: its slice ends after 10 ms, as a
 * channel pair's does (TestPingPongHog), and the tickers run.
 */
START_TEST(testWritePollPairYields)
{
	struct pairArgs a = { .n = 1000000, .ns = 300 * 1000 * 1000 };
	long		ticks;

	ticks = runPairBesideTickers(&a);
	ck_assert_msg(a.done > 100, "%d round trips in 300 ms", a.done);
	ck_assert_msg(ticks >= 30,
	    "the tickers ran %ld times in 300 ms of round trips, want 30 or "
	    "more (four every 10 ms slice)",
	    ticks);
}
END_TEST

/*
 * testSysmonBackoff: sysmon's next sleep, in microseconds.  Without the
 * calm these are Go 1.19's sysmon: 20 us while it finds work, unchanged
 * for its first 50 idle ticks, then doubling up to 10 ms.  The calm
 * (docs/DESIGN.md, "sysmon's late ticks") doubles as idle does.
 */
START_TEST(testSysmonBackoff)
{
	ck_assert_int_eq(runtime_sysmonBackoff(0, 0, false), 20);
	ck_assert_int_eq(runtime_sysmonBackoff(20, 1, false), 20);
	ck_assert_int_eq(runtime_sysmonBackoff(20, 50, false), 20);
	ck_assert_int_eq(runtime_sysmonBackoff(20, 51, false), 40);
	ck_assert_int_eq(runtime_sysmonBackoff(5120, 60, false), 10000);
	ck_assert_int_eq(runtime_sysmonBackoff(10000, 70, false), 10000);
	ck_assert_int_eq(runtime_sysmonBackoff(10000, 0, false), 20);
	ck_assert_int_eq(runtime_sysmonBackoff(20, 0, true), 40);
	ck_assert_int_eq(runtime_sysmonBackoff(640, 3, true), 1280);
	ck_assert_int_eq(runtime_sysmonBackoff(8000, 0, true), 10000);
}
END_TEST

enum { msNs = 1000 * 1000, secNs = 1000 * msNs };

/* lateTick is a 20 us tick that came back at `at`, lateBy ns late. */
static void
lateTick(runtime_sysmonTicks *t, int64_t at, int64_t lateBy)
{
	runtime_sysmonLate(t, 20, at - lateBy, at);
}

/*
 * testSysmonLateTicks: the rule of docs/DESIGN.md, "sysmon's late
 * ticks".  A 20 us tick more than 1 ms late calms sysmon for 100 ms when
 * it comes more than 10 ms after the first late tick of the last 100 ms;
 * longer ticks are not judged.  The first rule, any two late ticks within
 * 100 ms, calmed sysmon on an idle host's stalls (one to three ticks late
 * within a millisecond, about once a second): the first case.
 */
START_TEST(testSysmonLateTicks)
{
	runtime_sysmonTicks t;
	const int64_t	    t0 = 5 * (int64_t)secNs;
	int64_t		    at;
	int		    i;

	runtime_sysmonTicksInit(&t);
	ck_assert(!runtime_sysmonCalm(&t, t0));
	for (i = 0; i < 5; i++) {
		at = t0 + i * (int64_t)secNs;
		lateTick(&t, at, 2 * msNs);
		lateTick(&t, at + msNs / 3, 2 * msNs);
		lateTick(&t, at + msNs * 9 / 10, 2 * msNs);
		ck_assert_msg(!runtime_sysmonCalm(&t, at + msNs),
		    "a stall calmed sysmon (second %d)", i);
	}

	/* A busy machine: a late tick every 3 ms. */
	runtime_sysmonTicksInit(&t);
	for (i = 0; i <= 3; i++) {
		lateTick(&t, t0 + 3 * i * msNs, 2 * msNs);
		ck_assert(!runtime_sysmonCalm(&t, t0 + 3 * i * msNs));
	}
	lateTick(&t, t0 + 12 * msNs, 2 * msNs);
	ck_assert(runtime_sysmonCalm(&t, t0 + 12 * msNs));
	ck_assert(runtime_sysmonCalm(&t, t0 + 111 * msNs));
	ck_assert(!runtime_sysmonCalm(&t, t0 + 112 * msNs));

	/* Two stalls 50 ms apart are a busy machine; 10 ms apart are not. */
	runtime_sysmonTicksInit(&t);
	lateTick(&t, t0, 5 * msNs);
	lateTick(&t, t0 + 10 * msNs, 5 * msNs);
	ck_assert(!runtime_sysmonCalm(&t, t0 + 10 * msNs));
	lateTick(&t, t0 + 50 * msNs, 5 * msNs);
	ck_assert(runtime_sysmonCalm(&t, t0 + 50 * msNs));

	/* 100 ms after the first late tick, the next one starts afresh. */
	runtime_sysmonTicksInit(&t);
	lateTick(&t, t0, 2 * msNs);
	lateTick(&t, t0 + 100 * msNs, 2 * msNs);
	ck_assert(!runtime_sysmonCalm(&t, t0 + 100 * msNs));
	lateTick(&t, t0 + 105 * msNs, 2 * msNs);
	ck_assert(!runtime_sysmonCalm(&t, t0 + 105 * msNs));
	lateTick(&t, t0 + 111 * msNs, 2 * msNs);
	ck_assert(runtime_sysmonCalm(&t, t0 + 111 * msNs));

	/* Late by 1 ms is not late; a 10 ms tick is not judged at all. */
	runtime_sysmonTicksInit(&t);
	runtime_sysmonLate(&t, 10000, t0 - 5 * msNs, t0);
	lateTick(&t, t0 + 20 * msNs, msNs);
	lateTick(&t, t0 + 40 * msNs, 2 * msNs);
	lateTick(&t, t0 + 60 * msNs, msNs);
	runtime_sysmonLate(&t, 10000, t0 + 75 * msNs, t0 + 80 * msNs);
	ck_assert(!runtime_sysmonCalm(&t, t0 + 80 * msNs));
	lateTick(&t, t0 + 90 * msNs, 2 * msNs);
	ck_assert(runtime_sysmonCalm(&t, t0 + 90 * msNs));
}
END_TEST

Suite *
sched_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("sched");
	tc = newTCase("sched");
	tcase_add_test(tc, testEntersyscallHandsOffP);
	tcase_add_test(tc, testSyscallHogLosesP);
	tcase_add_test(tc, testBlockedGoroutinesHoldNoM);
	tcase_add_test(tc, testGOMAXPROCSWhileRunning);
	tcase_add_test(tc, testShrunkPWorkRuns);
	tcase_add_test(tc, testBlockedGoroutineGetsStandIn);
	tcase_add_test(tc, testComputingGoroutinesGetNoStandIn);
	tcase_add_test(tc, testGoFromPlainThreads);
	tcase_add_test(tc, testDeadGoroutinesReuseStacks);
	tcase_add_test(tc, testIdleSpinOutsidePeer);
	tcase_add_test(tc, testWriteReadiesPeerNext);
	tcase_add_test(tc, testWritePollPairYields);
	tcase_add_test(tc, testSysmonBackoff);
	tcase_add_test(tc, testSysmonLateTicks);
	suite_add_tcase(s, tc);
	return s;
}
