/*
 * C port of go1.19 src/runtime/proc_test.go: the scheduler tests that
 * apply without a garbage collector or preemption, written against the
 * public goroutine API (runtime_Go, channels, select, Gosched, GOMAXPROCS)
 * so that they hold whether a goroutine is a thread or shares one.  Every
 * wait is bounded (bound below); a spinning goroutine checks the clock.
 * tests/go_tests_status.txt lists the tests of proc_test.go that do not
 * apply, and why.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/net.h"
#include "runtime/netpoll.h"
#include "runtime/runtime_impl.h"
#include "runtime/stack.h"
#include "sync/sync.h"
#include "tests/mockserver.h"
#include "time/time.h"

extern char **environ;

/* No wait in this file lasts longer; a spinner gives up after it too. */
static const time_Duration bound = 10 * time_Second;

/* mustOK is "if err != nil { t.Fatal(err) }", naming the call. */
static void
mustOK(runtime_error *err, const char *what)
{
	if (err != NULL)
		tFatalf("%s: %s", what, tErrStr(err));
}

/* numCPU is Go's runtime.NumCPU: the CPUs this process may run on. */
static int
numCPU(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 1;
	return CPU_COUNT(&set);
}

/* sendWithin sends *elem on c unless d passes first. */
static bool
sendWithin(runtime_hchan *c, const void *elem, time_Duration d)
{
	runtime_scase cases[2];
	time_Timer   *t;
	int	      k;

	t = time_NewTimer(d);
	cases[0] = (runtime_scase){ c, (void *)elem };
	cases[1] = (runtime_scase){ t->C, NULL };
	k = runtime_selectgo(cases, 1, 1, true, NULL);
	time_Timer_Free(t);
	return k == 0;
}

static void
sendBool(runtime_hchan *c, bool v)
{
	runtime_chansend1(c, &v);
}

/* recvAll receives n bools from c, each within bound; all must be true. */
static void
recvAll(runtime_hchan *c, int n, const char *what)
{
	bool ok;
	int  i;

	for (i = 0; i < n; i++) {
		ok = false;
		ck_assert_msg(recvWithin(c, &ok, bound),
		    "%s: no answer in %llds", what,
		    (long long)(bound / time_Second));
		ck_assert_msg(ok, "%s: a goroutine gave up after %llds", what,
		    (long long)(bound / time_Second));
	}
}

/*
 * spinUntil spins until *x equals want, checking the clock every few
 * thousand loads; it reports false if bound passed since start.
 */
static bool
spinUntil(_Atomic uint32_t *x, uint32_t want, time_Time start)
{
	unsigned n;

	for (n = 1; atomic_load(x) != want; n++)
		if (n % 4096 == 0 && time_Since(start) > bound)
			return false;
	return true;
}

/*
 * TestYieldProgress: a goroutine that only yields still sees a send; so
 * does one locked to its thread (TestYieldLockedProgress), which returns
 * locked, as Go's does.
 */
struct yieldArgs {
	runtime_hchan *c, *cack;
	time_Time      start;
	bool	       locked;
};

static void
yielder(void *arg)
{
	struct yieldArgs *a;

	a = arg;
	if (a->locked)
		runtime_LockOSThread();
	for (;;) {
		if (runtime_selectnbrecv(NULL, a->c, NULL)) {
			sendBool(a->cack, true);
			return;
		}
		if (time_Since(a->start) > 2 * bound)
			return; /* the test has failed already */
		runtime_Gosched();
	}
}

static void
testYieldProgress(bool locked)
{
	struct yieldArgs a;
	bool		 v;

	a.c = runtime_makechan(sizeof(bool), 0);
	a.cack = runtime_makechan(sizeof(bool), 0);
	a.start = time_Now();
	a.locked = locked;
	runtime_Go(yielder, &a);
	time_Sleep(10 * time_Millisecond);
	v = true;
	ck_assert_msg(sendWithin(a.c, &v, bound),
	    "the yielding goroutine never took the send");
	ck_assert_msg(recvWithin(a.cack, &v, bound), "no ack");
	runtime_hchan_Free(a.c);
	runtime_hchan_Free(a.cack);
}

START_TEST(TestYieldProgress)
{
	testYieldProgress(false);
}
END_TEST

START_TEST(TestYieldLockedProgress)
{
	testYieldProgress(true);
}
END_TEST

/*
 * TestYieldLocked: a locked goroutine yields and sleeps, and returns
 * still locked.
 */
enum { lockedN = 10 };

static void
yieldLocked(void *arg)
{
	int i;

	runtime_LockOSThread();
	for (i = 0; i < lockedN; i++) {
		runtime_Gosched();
		time_Sleep(time_Millisecond);
	}
	sendBool(arg, true);
}

/* goRecvAll starts fn(c) and receives n trues from it on c. */
static void
goRecvAll(void (*fn)(void *), int n, const char *what)
{
	runtime_hchan *c;

	c = runtime_makechan(sizeof(bool), 0);
	runtime_Go(fn, c);
	recvAll(c, n, what);
	runtime_hchan_Free(c);
}

START_TEST(TestYieldLocked)
{
	goRecvAll(yieldLocked, 1, "TestYieldLocked");
}
END_TEST

/* TestBlockLocked: a locked goroutine blocks in every send. */
static void
blockLocked(void *arg)
{
	int i;

	runtime_LockOSThread();
	for (i = 0; i < lockedN; i++)
		sendBool(arg, true);
	runtime_UnlockOSThread();
}

START_TEST(TestBlockLocked)
{
	goRecvAll(blockLocked, lockedN, "TestBlockLocked");
}
END_TEST

/*
 * TestGoroutineParallelism: P goroutines pass a counter round in turn by
 * spinning, which finishes only if all P run at the same time.
 */
struct parArgs {
	_Atomic uint32_t *x;
	runtime_hchan	 *done;
	time_Time	  start;
	int		  P, p; /* p: the turn this goroutine waits for */
};

static void
parWorker(void *arg)
{
	struct parArgs *a;
	uint32_t	expected;
	int		i;

	a = arg;
	for (i = 0; i < 3; i++) {
		expected = (uint32_t)(a->P * i + a->p);
		if (!spinUntil(a->x, expected, a->start)) {
			sendBool(a->done, false);
			return;
		}
		atomic_store(a->x, expected + 1);
	}
	sendBool(a->done, true);
}

START_TEST(TestGoroutineParallelism)
{
	struct parArgs	 a[4];
	_Atomic uint32_t x;
	runtime_hchan	*done;
	int		 P, N, old, try, p;

	if (numCPU() == 1) {
		tSkipf("skipping on uniprocessor");
		return;
	}
	P = 4;
	N = 10;
	if (testingShort()) {
		P = 3;
		N = 3;
	}
	old = runtime_GOMAXPROCS(P);
	for (try = 0; try < N; try++) {
		/* Buffered: a worker that gives up never blocks. */
		done = runtime_makechan(sizeof(bool), P);
		atomic_init(&x, 0);
		for (p = 0; p < P; p++) {
			a[p] = (struct parArgs){ &x, done, time_Now(), P, p };
			runtime_Go(parWorker, &a[p]);
		}
		recvAll(done, P, "TestGoroutineParallelism");
		runtime_hchan_Free(done);
	}
	runtime_GOMAXPROCS(old);
}
END_TEST

/*
 * TestGoroutineParallelism2: the same, with the P goroutines started two
 * by two from P/2 parents, optionally after P goroutines that kept the
 * threads busy (load) and with the poller started (netpoll).
 */
struct loadArgs {
	_Atomic uint32_t *x;
	runtime_hchan	 *done;
	time_Time	  start;
	int		  P;
};

static void
loadWorker(void *arg)
{
	struct loadArgs *a;

	a = arg;
	if (atomic_fetch_add(a->x, 1) + 1 == (uint32_t)a->P) {
		sendBool(a->done, true);
		return;
	}
	spinUntil(a->x, (uint32_t)a->P, a->start);
}

static void
parParent(void *arg)
{
	struct parArgs *a;

	a = arg;
	runtime_Go(parWorker, &a[0]);
	runtime_Go(parWorker, &a[1]);
}

static void
loadUp(int P)
{
	struct loadArgs	 la;
	_Atomic uint32_t x;
	runtime_hchan	*done;
	int		 p;

	atomic_init(&x, 0);
	done = runtime_makechan(sizeof(bool), 1);
	la = (struct loadArgs){ &x, done, time_Now(), P };
	for (p = 0; p < P; p++)
		runtime_Go(loadWorker, &la);
	recvAll(done, 1, "TestGoroutineParallelism2 load");
	/* The others leave as soon as they see x == P; let them go. */
	time_Sleep(time_Millisecond);
	runtime_hchan_Free(done);
}

static void
testGoroutineParallelism2(bool load, bool netpoll)
{
	struct parArgs	 a[4];
	net_Listener	*ln;
	_Atomic uint32_t x;
	runtime_hchan	*done;
	int		 P, N, old, try, p;

	P = 4;
	N = testingShort() ? 3 : 10;
	old = runtime_GOMAXPROCS(P);
	for (try = 0; try < N; try++) {
		if (load)
			loadUp(P);
		if (netpoll && net_Listen("tcp", "127.0.0.1:0", &ln) == NULL)
			deferListener(ln);
		done = runtime_makechan(sizeof(bool), P);
		atomic_init(&x, 0);
		for (p = 0; p < P; p++)
			a[p] = (struct parArgs){ &x, done, time_Now(), P, p };
		for (p = 0; p < P / 2; p++)
			runtime_Go(parParent, &a[2 * p]);
		recvAll(done, P, "TestGoroutineParallelism2");
		runtime_hchan_Free(done);
	}
	runtime_GOMAXPROCS(old);
}

START_TEST(TestGoroutineParallelism2)
{
	if (numCPU() == 1) {
		tSkipf("skipping on uniprocessor");
		return;
	}
	testGoroutineParallelism2(true, false);
	testGoroutineParallelism2(false, true);
	testGoroutineParallelism2(true, true);
	tDone();
}
END_TEST

/*
 * TestTimerFairness: two goroutines that send as fast as they can must
 * not keep the main loop's select from seeing its timer.
 */
struct fairArgs {
	runtime_hchan *c, *done;
	sync_WaitGroup exited;
};

static void
fairSender(void *arg)
{
	struct fairArgs *a;
	runtime_scase	 cases[2];
	bool		 v;

	a = arg;
	v = true;
	cases[0] = (runtime_scase){ a->c, &v };
	cases[1] = (runtime_scase){ a->done, NULL };
	while (runtime_selectgo(cases, 1, 1, true, NULL) == 0)
		;
	sync_WaitGroup_Done(&a->exited);
}

START_TEST(TestTimerFairness)
{
	struct fairArgs a = { 0 };
	runtime_scase	cases[2];
	runtime_hchan  *timer;
	time_Time	start;
	int		i, k;

	a.c = runtime_makechan(sizeof(bool), 0);
	a.done = runtime_makechan(sizeof(bool), 0);
	sync_WaitGroup_Add(&a.exited, 2);
	for (i = 0; i < 2; i++)
		runtime_Go(fairSender, &a);
	start = time_Now();
	timer = time_After(20 * time_Millisecond);
	cases[0] = (runtime_scase){ a.c, NULL };
	cases[1] = (runtime_scase){ timer, NULL };
	do
		k = runtime_selectgo(cases, 0, 2, true, NULL);
	while (k == 0 && time_Since(start) <= bound);
	runtime_closechan(a.done);
	sync_WaitGroup_Wait(&a.exited);
	ck_assert_msg(k == 1, "the 20 ms timer did not fire in %llds",
	    (long long)(bound / time_Second));
	runtime_hchan_Free(timer);
	runtime_hchan_Free(a.c);
	runtime_hchan_Free(a.done);
}
END_TEST

/*
 * TestTimerFairness2: two goroutines that trade on one channel between
 * system calls must each still see their own timer.
 */
static void
fairTrader(void *arg)
{
	struct fairArgs *a;
	runtime_scase	 cases[3];
	runtime_hchan	*timer;
	time_Time	 start;
	char		 buf[1];
	bool		 v, in;
	int		 k;

	a = arg;
	start = time_Now();
	timer = time_After(20 * time_Millisecond);
	v = true;
	cases[0] = (runtime_scase){ a->c, &v };
	cases[1] = (runtime_scase){ a->c, &in };
	cases[2] = (runtime_scase){ timer, NULL };
	for (;;) {
		if (read(0, buf, 0) < 0) { /* Go's syscall.Read(0, buf[0:0]) */
		}
		k = runtime_selectgo(cases, 1, 2, true, NULL);
		if (k == 2) {
			runtime_hchan_Free(timer);
			sendBool(a->done, true);
			return;
		}
		if (time_Since(start) > bound) {
			/* The timer may still fire: its channel stays. */
			sendBool(a->done, false);
			return;
		}
	}
}

START_TEST(TestTimerFairness2)
{
	struct fairArgs a = { 0 };
	int		i;

	a.c = runtime_makechan(sizeof(bool), 0);
	a.done = runtime_makechan(sizeof(bool), 2);
	for (i = 0; i < 2; i++)
		runtime_Go(fairTrader, &a);
	recvAll(a.done, 2, "TestTimerFairness2");
	runtime_hchan_Free(a.c);
	runtime_hchan_Free(a.done);
}
END_TEST

/*
 * TestNumGoroutine runs this binary afresh as Go runs its testprog:
 * GONET_TESTPROG names the program, which prints what it is asked.
 */
static void
progNumGoroutine(void)
{
	printf("%d\n", runtime_NumGoroutine());
}

/*
 * NewmFromPlainThread (gonet's): once the runtime has started, the main
 * thread, a plain one, gives itself a working directory of its own and
 * starts the first goroutine, so the first M is started at its request.
 * Prints whether that goroutine began in the process's directory.
 */
struct cwdSeen {
	runtime_hchan *done;
	char	       wd[256];
};

static void
cwdOfG(void *arg)
{
	struct cwdSeen *s;

	s = arg;
	if (getcwd(s->wd, sizeof(s->wd)) == NULL)
		strcpy(s->wd, "(getcwd failed)");
	sendBool(s->done, true);
}

static void
progNewmFromPlainThread(void)
{
	struct cwdSeen s;
	char	       wd[256];
	const char    *own;

	if (getcwd(wd, sizeof(wd)) == NULL) {
		printf("getcwd failed\n");
		return;
	}
	own = strcmp(wd, "/") == 0 ? "/tmp" : "/";
	if (unshare(CLONE_FS) != 0) {
		printf(errno == EPERM ? "skip\n" : "unshare failed\n");
		return;
	}
	if (chdir(own) != 0) {
		printf("chdir failed\n");
		return;
	}
	s.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(cwdOfG, &s);
	runtime_chanrecv1(s.done, NULL);
	runtime_hchan_Free(s.done);
	if (strcmp(s.wd, wd) == 0)
		printf("ok\n");
	else
		printf("goroutine began in %s, not %s\n", s.wd, wd);
}

static const struct {
	const char *name;
	void (*f)(void);
} testprogs[] = {
	{ "NumGoroutine", progNumGoroutine },
	{ "ChanThrow", progChanThrow },
	{ "NewmFromPlainThread", progNewmFromPlainThread },
};

int
testprogMain(const char *name)
{
	size_t i;

	/* Read GOMAXPROCS at start-up, as Go's schedinit does. */
	runtime_GOMAXPROCS(0);
	for (i = 0; i < nelem(testprogs); i++)
		if (strcmp(name, testprogs[i].name) == 0) {
			testprogs[i].f();
			return 0;
		}
	printf("unknown function: %s\n", name);
	return 2;
}

char *
runTestProg(const char *name, const char *env, int *status)
{
	posix_spawn_file_actions_t fa;
	char			   prog[128], *argv[] = { "gonet_test", NULL };
	char			 **envp, *out;
	size_t			   n, got;
	ssize_t			   r;
	pid_t			   pid;
	int			   p[2], st;

	for (n = 0; environ[n] != NULL; n++)
		;
	envp = calloc(n + 3, sizeof(*envp));
	memcpy(envp, environ, n * sizeof(*envp));
	snprintf(prog, sizeof(prog), "GONET_TESTPROG=%s", name);
	envp[n++] = prog;
	if (env != NULL)
		envp[n++] = (char *)env;
	ck_assert_int_eq(pipe(p), 0);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_adddup2(&fa, p[1], 2);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	ck_assert_int_eq(
	    posix_spawn(&pid, "/proc/self/exe", &fa, NULL, argv, envp), 0);
	posix_spawn_file_actions_destroy(&fa);
	free(envp);
	close(p[1]);
	out = malloc(4096);
	got = 0;
	while (got < 4095 && (r = read(p[0], out + got, 4095 - got)) > 0)
		got += (size_t)r;
	out[got] = '\0';
	close(p[0]);
	ck_assert_int_eq(waitpid(pid, &st, 0), pid);
	if (status != NULL)
		*status = st;
	return out;
}

/*
 * gonet has no runtime.Stack to count goroutines in, so the second half
 * checks NumGoroutine against goroutines this test starts and ends.
 */
struct heldArgs {
	runtime_hchan *release;
	sync_WaitGroup started, exited;
};

static void
held(void *arg)
{
	struct heldArgs *a;

	a = arg;
	sync_WaitGroup_Done(&a->started);
	runtime_chanrecv1(a->release, NULL);
	sync_WaitGroup_Done(&a->exited);
}

START_TEST(TestNumGoroutine)
{
	struct heldArgs a = { 0 };
	char	       *out;
	int		before, n, i;

	out = runTestProg("NumGoroutine", NULL, NULL);
	ck_assert_msg(
	    strcmp(out, "1\n") == 0, "want \"1\\n\", got \"%s\"", out);
	free(out);

	before = runtime_NumGoroutine();
	a.release = runtime_makechan(sizeof(bool), 0);
	sync_WaitGroup_Add(&a.started, 5);
	sync_WaitGroup_Add(&a.exited, 5);
	for (i = 0; i < 5; i++)
		runtime_Go(held, &a);
	sync_WaitGroup_Wait(&a.started);
	ck_assert_int_eq(runtime_NumGoroutine(), before + 5);
	runtime_closechan(a.release);
	sync_WaitGroup_Wait(&a.exited);
	/* Done runs before each goroutine returns: give them ten tries. */
	for (i = 0; i < 10 && (n = runtime_NumGoroutine()) != before; i++) {
		runtime_Gosched();
		time_Sleep(time_Millisecond);
	}
	ck_assert_int_eq(runtime_NumGoroutine(), before);
	runtime_hchan_Free(a.release);
}
END_TEST

/*
 * TestPingPongHog: with GOMAXPROCS 1, a pair of goroutines doing much
 * work between hand-offs and a pair doing little must get comparable
 * time.  counter is volatile so that C keeps Go's loop of increments.
 */
struct pairArgs {
	int		  limit;
	volatile int64_t *counter;
	runtime_hchan	 *wake, *done;
	sync_WaitGroup	 *exited;
};

static void
pingPongRun(void *arg)
{
	struct pairArgs *a;
	runtime_scase	 cases[2];
	int		 i;

	a = arg;
	cases[0] = (runtime_scase){ a->done, NULL };
	cases[1] = (runtime_scase){ a->wake, NULL };
	while (runtime_selectgo(cases, 0, 2, true, NULL) == 1) {
		for (i = 0; i < a->limit; i++)
			(*a->counter)++;
		sendBool(a->wake, true);
	}
	sync_WaitGroup_Done(a->exited);
}

START_TEST(TestPingPongHog)
{
	volatile int64_t hogCount = 0, lightCount = 0;
	struct pairArgs	 hog, light;
	sync_WaitGroup	 exited = { 0 };
	runtime_hchan	*done;
	const int64_t	 factor = 20;
	int		 old, i;
	bool		 v;

	if (testingShort()) {
		tSkipf("skipping in -short mode");
		return;
	}
	if (runtime_raceenabled) {
		tSkipf("skipping in -race mode");
		return;
	}
	old = runtime_GOMAXPROCS(1);
	done = runtime_makechan(sizeof(bool), 0);
	hog = (struct pairArgs){ 1000000, &hogCount,
		runtime_makechan(sizeof(bool), 0), done, &exited };
	light = (struct pairArgs){ 1000, &lightCount,
		runtime_makechan(sizeof(bool), 0), done, &exited };
	sync_WaitGroup_Add(&exited, 4);
	for (i = 0; i < 2; i++) {
		runtime_Go(pingPongRun, &hog);
		runtime_Go(pingPongRun, &light);
	}
	v = true;
	ck_assert(sendWithin(hog.wake, &v, bound));
	ck_assert(sendWithin(light.wake, &v, bound));
	time_Sleep(100 * time_Millisecond);
	runtime_closechan(done);
	ck_assert(recvWithin(hog.wake, NULL, bound));
	ck_assert(recvWithin(light.wake, NULL, bound));
	sync_WaitGroup_Wait(&exited);
	runtime_GOMAXPROCS(old);
	ck_assert_msg(
	    !(hogCount / factor > lightCount || lightCount / factor > hogCount),
	    "want hogCount/lightCount in [%g, %lld]; got %lld/%lld = %g",
	    1.0 / (double)factor, (long long)factor, (long long)hogCount,
	    (long long)lightCount, (double)hogCount / (double)lightCount);
	runtime_hchan_Free(hog.wake);
	runtime_hchan_Free(light.wake);
	runtime_hchan_Free(done);
}
END_TEST

/*
 * TestNetpollBreak: a goroutine blocked in the poller for 10 s comes back
 * early once runtime_netpollBreak is called (twice a round, as Go does,
 * in case the scheduler's own poll eats one).  The test thread only spins
 * on flags meanwhile: parked, it would itself wait in the poller for a
 * break that the test's poll may consume.
 */
struct pollArgs {
	_Atomic int state; /* 1: about to poll, 2: the poll returned */
};

static void
longPoll(void *arg)
{
	struct pollArgs *a;
	runtime_gList	 toRun = { 0 };
	runtime_g	*gp;

	a = arg;
	atomic_store(&a->state, 1);
	runtime_netpoll(10 * time_Second, &toRun);
	/* Whatever it collected must still run. */
	while ((gp = runtime_gList_pop(&toRun)) != NULL)
		runtime_goready(gp);
	atomic_store(&a->state, 2);
}

START_TEST(TestNetpollBreak)
{
	struct pollArgs a = { 0 };
	time_Time	start;
	time_Duration	dur;

	if (runtime_GOMAXPROCS(0) == 1) {
		tSkipf("skipping: GOMAXPROCS=1");
		return;
	}
	runtime_netpollGenericInit();
	start = time_Now();
	runtime_Go(longPoll, &a);
	while (atomic_load(&a.state) == 0) {
		usleep(100);
		ck_assert_msg(
		    time_Since(start) <= bound, "the poll never began");
	}
	while (atomic_load(&a.state) != 2) {
		usleep(100);
		runtime_netpollBreak();
		runtime_netpollBreak();
		ck_assert_msg(
		    time_Since(start) <= 2 * bound, "the poll never returned");
	}
	dur = time_Since(start);
	ck_assert_msg(dur <= 5 * time_Second,
	    "netpollBreak did not interrupt netpoll: slept for %lld ms",
	    (long long)(dur / time_Millisecond));
}
END_TEST

/* TestBigGOMAXPROCS: GOMAXPROCS=1024 in the environment is no crash. */
START_TEST(TestBigGOMAXPROCS)
{
	char *out;

	out = runTestProg("NonexistentTest", "GOMAXPROCS=1024", NULL);
	if (strstr(out, "cannot create a thread") != NULL ||
	    strstr(out, "cannot allocate memory") != NULL) {
		free(out);
		tSkipf("failed to create 1024 threads");
		return;
	}
	ck_assert_msg(strstr(out, "unknown function: NonexistentTest") != NULL,
	    "output:\n%s\nwanted:\nunknown function: NonexistentTest", out);
	free(out);
}
END_TEST

/* threadID is gettid(2), which no compiler may cache across a call. */
static long
threadID(void)
{
	return syscall(SYS_gettid);
}

/*
 * getgAfterSwitch is both getg tests' look after the receive: the g back
 * from the park is the one that parked (g1), read at once and again
 * after some control flow, as Go's test reads it; a new thread id counts
 * a move.  runtime_getg is a call into the library, which no compiler
 * can fold into the caller, so reading it here is reading it there.
 */
static const char *
getgAfterSwitch(runtime_g *g1, long t1, int v, int *moves)
{
	runtime_g *g2, *g3;

	g2 = runtime_getg();
	if (t1 != threadID())
		(*moves)++;
	if (g1 != g2)
		return "g1 != g2";
	if (v == 5) {
		g3 = runtime_getg();
		if (g1 != g3)
			return "g1 != g3";
	}
	return NULL;
}

/*
 * TestGetgThreadSwitch: a goroutine that parks and resumes on another
 * thread must still find itself.  As in Go, the sender locks its thread
 * after the send and returns, so its thread exits and the receiver it
 * readied resumes on another.  Go runs one round and hopes the receiver
 * parks first; with one P here it always does (the sender runs only once
 * the receiver parks), and every round must move.
 */
enum { switchRounds = 20 };

struct getgSwitch {
	runtime_hchan *ch, *done;
	const char    *bad;
	int	       moves;
};

static void
switchSender(void *arg)
{
	int v;

	v = 5;
	runtime_chansend1(arg, &v);
	runtime_LockOSThread();
}

static void
getgThreadSwitch(void *arg)
{
	struct getgSwitch *a;
	runtime_g	  *g1;
	long		   t1;
	int		   i, v;

	a = arg;
	for (i = 0; i < switchRounds && a->bad == NULL; i++) {
		a->ch = runtime_makechan(sizeof(int), 0);
		runtime_Go(switchSender, a->ch);
		g1 = runtime_getg();
		t1 = threadID();
		runtime_chanrecv1(a->ch, &v);
		a->bad = getgAfterSwitch(g1, t1, v, &a->moves);
		runtime_hchan_Free(a->ch);
	}
	sendBool(a->done, true);
}

START_TEST(TestGetgThreadSwitch)
{
	struct getgSwitch a = { 0 };
	int		  old;

	old = runtime_GOMAXPROCS(1);
	a.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(getgThreadSwitch, &a);
	ck_assert(recvWithin(a.done, NULL, bound));
	runtime_GOMAXPROCS(old);
	runtime_hchan_Free(a.done);
	ck_assert_msg(a.bad == NULL, "%s", a.bad);
	ck_assert_msg(a.moves == switchRounds,
	    "the receiver resumed on another thread in %d rounds of %d",
	    a.moves, switchRounds);
}
END_TEST

/*
 * testGetgThreadSwitchBusy (gonet's; TestGetgThreadSwitch before gonet
 * had LockOSThread): the receiver resumes on the thread of a sender that
 * goes on running, not one that exits.  With two Ps the test keeps both
 * busy.  The sender runs beside the receiver, on the other thread, and
 * spins while the receiver parks; a holder the receiver started last
 * takes the receiver's thread and spins until the receiver is back.
 * With no P idle, the send readies the receiver on the sender's P, and
 * nothing can steal it: it resumes on the sender's thread when the
 * sender returns.  A run where it never moved has proved nothing, and
 * says so.  It also found sysmon's wakep for a busy P's queue needed
 * (DESIGN.md, "No preemption").
 */
struct busySwitch {
	_Atomic uint32_t started, ready, back;
	runtime_hchan	*ch, *held;
	time_Time	 start;
	int		 moves;
	const char	*bad;
	runtime_hchan	*done;
};

static void
busySender(void *arg)
{
	struct busySwitch *a;
	time_Time	   t;
	int		   v;

	a = arg;
	atomic_store(&a->started, 1);
	if (spinUntil(&a->ready, 1, a->start)) {
		/* Long enough for the receiver to park, without parking. */
		t = time_Now();
		while (time_Since(t) < time_Millisecond)
			;
	}
	v = 5;
	runtime_chansend1(a->ch, &v);
}

static void
busyHolder(void *arg)
{
	struct busySwitch *a;

	a = arg;
	spinUntil(&a->back, 1, a->start);
	sendBool(a->held, true);
}

static void
getgBusySwitch(void *arg)
{
	struct busySwitch *a;
	runtime_g	  *g1;
	const char	  *bad;
	long		   t1;
	int		   i, v;

	a = arg;
	a->start = time_Now();
	for (i = 0; i < 20 && a->bad == NULL; i++) {
		atomic_store(&a->started, 0);
		atomic_store(&a->ready, 0);
		atomic_store(&a->back, 0);
		a->ch = runtime_makechan(sizeof(int), 0);
		runtime_Go(busySender, a);
		if (!spinUntil(&a->started, 1, a->start))
			a->bad = "the sender never ran beside the receiver";
		runtime_Go(busyHolder, a);
		g1 = runtime_getg();
		t1 = threadID();
		atomic_store(&a->ready, 1);
		runtime_chanrecv1(a->ch, &v);
		atomic_store(&a->back, 1);
		bad = getgAfterSwitch(g1, t1, v, &a->moves);
		if (a->bad == NULL)
			a->bad = bad;
		runtime_hchan_Free(a->ch);
		/* The holder must be gone before the next round resets back. */
		runtime_chanrecv1(a->held, NULL);
	}
	sendBool(a->done, true);
}

START_TEST(testGetgThreadSwitchBusy)
{
	struct busySwitch a = { 0 };
	int		  old;

	old = runtime_GOMAXPROCS(2);
	a.done = runtime_makechan(sizeof(bool), 0);
	a.held = runtime_makechan(sizeof(bool), 0);
	runtime_Go(getgBusySwitch, &a);
	ck_assert(recvWithin(a.done, NULL, 3 * bound));
	runtime_GOMAXPROCS(old);
	runtime_hchan_Free(a.done);
	runtime_hchan_Free(a.held);
	ck_assert_msg(a.bad == NULL, "%s", a.bad);
	ck_assert_msg(a.moves > 0,
	    "the receiver never resumed on another thread: nothing was tested");
}
END_TEST

/*
 * testNonBlockingGoroutineCannotStarvePoller: gonet cannot preempt, so a
 * goroutine that never blocks keeps its thread; the rule is that it must
 * call runtime_Gosched.  This checks that one that does, with GOMAXPROCS
 * 1, cannot keep the poller from handing readiness to the goroutines that
 * wait on sockets: an echo goroutine answers 20 round trips, each within
 * a second, while the spinner spins.
 */
struct spinArgs {
	_Atomic bool   stop;
	runtime_hchan *exited;
	time_Time      start;
	_Atomic long   yields;
};

static void
spinner(void *arg)
{
	struct spinArgs *a;

	a = arg;
	while (!atomic_load(&a->stop) && time_Since(a->start) <= 3 * bound) {
		runtime_Gosched();
		atomic_fetch_add(&a->yields, 1);
	}
	sendBool(a->exited, true);
}

struct echoArgs {
	net_Conn      *c;
	runtime_hchan *exited;
};

static void
echoer(void *arg)
{
	struct echoArgs *a;
	ptrdiff_t	 n, nw;
	char		 b[16];

	a = arg;
	while (net_Conn_Read(a->c, b, sizeof(b), &n) == NULL &&
	    net_Conn_Write(a->c, b, (size_t)n, &nw) == NULL)
		;
	sendBool(a->exited, true);
}

START_TEST(testNonBlockingGoroutineCannotStarvePoller)
{
	struct spinArgs a = { 0 };
	struct echoArgs e;
	net_Listener   *ln;
	net_Conn       *c;
	time_Time	t0;
	ptrdiff_t	nw;
	char	       *addr, b;
	int		old, i;

	mustOK(net_Listen("tcp", "127.0.0.1:0", &ln), "Listen");
	deferListener(ln);
	addr = tStr(net_Addr_String(net_Listener_Addr(ln)));
	mustOK(net_Dial("tcp", addr, &c), "Dial");
	deferConn(c);
	mustOK(net_Listener_Accept(ln, &e.c), "Accept");
	deferConn(e.c);
	e.exited = runtime_makechan(sizeof(bool), 1);
	a.exited = runtime_makechan(sizeof(bool), 1);
	a.start = time_Now();
	old = runtime_GOMAXPROCS(1);
	runtime_Go(echoer, &e);
	runtime_Go(spinner, &a);
	/* The round trips begin once the spinner spins. */
	while (atomic_load(&a.yields) == 0 && time_Since(a.start) <= bound)
		time_Sleep(time_Millisecond);
	for (i = 0; i < 20; i++) {
		b = (char)('a' + i);
		t0 = time_Now();
		mustOK(
		    net_Conn_SetReadDeadline(c, time_Time_Add(t0, time_Second)),
		    "SetReadDeadline");
		mustOK(net_Conn_Write(c, &b, 1, &nw), "Write");
		b = 0;
		mustOK(net_Conn_Read(c, &b, 1, &nw), "Read");
		ck_assert_int_eq(b, 'a' + i);
	}
	atomic_store(&a.stop, true);
	ck_assert(recvWithin(a.exited, NULL, bound));
	ck_assert_msg(atomic_load(&a.yields) > 0, "the spinner never ran");
	mustOK(net_Conn_Close(c), "Close");
	ck_assert(recvWithin(e.exited, NULL, bound));
	runtime_GOMAXPROCS(old);
	runtime_hchan_Free(a.exited);
	runtime_hchan_Free(e.exited);
	tDone();
}
END_TEST

/*
 * TestSchedLocalQueue, TestSchedLocalQueueSteal, TestStealOrder: the run
 * queue and the steal order, driven by the runtime's own hooks (Go's
 * export_test.go), which throw on a wrong result.
 */
START_TEST(TestSchedLocalQueue)
{
	runtime_RunSchedLocalQueueTest();
}
END_TEST

START_TEST(TestSchedLocalQueueSteal)
{
	runtime_RunSchedLocalQueueStealTest();
}
END_TEST

/*
 * TestSchedLocalQueueEmpty: a P's queue never looks empty while a g moves
 * from runnext to the ring.  Go also turns its GC off for the test; there
 * is none here.
 */
START_TEST(TestSchedLocalQueueEmpty)
{
	int old, iters;

	if (numCPU() == 1) {
		tSkipf("skipping on uniprocessor");
		return;
	}
	old = runtime_GOMAXPROCS(4);
	iters = testingShort() ? 100 : 100000;
	runtime_RunSchedLocalQueueEmptyTest(iters);
	runtime_GOMAXPROCS(old);
}
END_TEST

START_TEST(TestStealOrder)
{
	runtime_RunStealOrderTest();
}
END_TEST

/*
 * TestLockOSThreadNesting: LockOSThread calls nest, and UnlockOSThread
 * undoes one at a time.  Go's test also checks the runtime's own count,
 * which gonet does not have (go_tests_status.txt).
 */
struct nesting {
	const char    *bad;
	uint32_t       got;
	runtime_hchan *done;
};

/* nestingCount records the first count that is not want. */
static void
nestingCount(struct nesting *n, uint32_t want, const char *bad)
{
	uint32_t e;

	if (n->bad == NULL && (e = runtime_LockOSCounts()) != want) {
		n->bad = bad;
		n->got = e;
	}
}

static void
lockNesting(void *arg)
{
	struct nesting *n;

	n = arg;
	nestingCount(n, 0, "want locked count 0 at the start");
	runtime_LockOSThread();
	runtime_LockOSThread();
	runtime_UnlockOSThread();
	nestingCount(n, 1, "want locked count 1 after two locks and an unlock");
	runtime_UnlockOSThread();
	nestingCount(n, 0, "want locked count 0 after the second unlock");
	sendBool(n->done, true);
}

START_TEST(TestLockOSThreadNesting)
{
	struct nesting n = { NULL, 0, NULL };

	n.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(lockNesting, &n);
	recvAll(n.done, 1, "TestLockOSThreadNesting");
	runtime_hchan_Free(n.done);
	ck_assert_msg(n.bad == NULL, "%s; got %u", n.bad, n.got);
}
END_TEST

/*
 * testLockOSThreadWires (gonet's): a locked goroutine resumes on its own
 * thread after every kind of wait, and no other goroutine runs there
 * while it is locked.  The locked one clears lockedTID before it
 * unlocks, so an other that reads its thread id and then finds
 * lockedTID still equal to it ran there while the lock held.
 */
enum { wiresOthers = 8, wiresRounds = 50 };

struct wires {
	_Atomic long	 lockedTID;
	_Atomic uint32_t stop;
	_Atomic uint32_t intruded, moved;
	runtime_hchan	*ping, *done;
	time_Time	 start;
};

static void
wiresOther(void *arg)
{
	struct wires *w;
	long	      tid;

	w = arg;
	while (atomic_load(&w->stop) == 0 && time_Since(w->start) < bound) {
		tid = threadID();
		if (tid == atomic_load(&w->lockedTID))
			atomic_fetch_add(&w->intruded, 1);
		runtime_Gosched();
		sendBool(w->ping, true);
	}
	sendBool(w->done, true);
}

static void
wiresLocked(void *arg)
{
	struct wires *w;
	long	      tid;
	int	      i;

	w = arg;
	runtime_LockOSThread();
	tid = threadID();
	atomic_store(&w->lockedTID, tid);
	for (i = 0; i < wiresRounds; i++) {
		runtime_chanrecv1(w->ping, NULL); /* a channel */
		if (i % 5 == 0)
			time_Sleep(100 * time_Microsecond); /* a timer */
		runtime_Gosched(); /* the global queue */
		if (threadID() != tid)
			atomic_fetch_add(&w->moved, 1);
	}
	atomic_store(&w->lockedTID, 0);
	runtime_UnlockOSThread();
	atomic_store(&w->stop, 1);
	sendBool(w->done, true);
}

START_TEST(testLockOSThreadWires)
{
	struct wires w = { 0 };
	time_Timer  *t;
	int	     i, k;

	w.ping = runtime_makechan(sizeof(bool), 0);
	w.done = runtime_makechan(sizeof(bool), wiresOthers + 1);
	w.start = time_Now();
	atomic_store(&w.lockedTID, -1);
	runtime_Go(wiresLocked, &w);
	for (i = 0; i < wiresOthers; i++)
		runtime_Go(wiresOther, &w);
	/* The others' last pings find nobody receiving: drain them. */
	t = time_NewTimer(2 * bound);
	for (i = 0; i < wiresOthers + 1;) {
		runtime_scase cases[3] = { { w.done, NULL }, { w.ping, NULL },
			{ t->C, NULL } };

		k = runtime_selectgo(cases, 0, 3, true, NULL);
		ck_assert_msg(k != 2, "the goroutines did not finish");
		if (k == 0)
			i++;
	}
	time_Timer_Free(t);
	ck_assert_msg(atomic_load(&w.moved) == 0,
	    "the locked goroutine resumed on another thread %u times",
	    atomic_load(&w.moved));
	ck_assert_msg(atomic_load(&w.intruded) == 0,
	    "other goroutines ran on the locked thread %u times",
	    atomic_load(&w.intruded));
	runtime_hchan_Free(w.ping);
	runtime_hchan_Free(w.done);
}
END_TEST

/*
 * Go's testprog/lockosthread.go runs these in a fresh process whose main
 * goroutine is locked to the main thread.  Here the test's body runs in
 * a goroutine started for it, which locks itself first (runLockedMain);
 * the body unlocks where Go's main does.
 */
struct lockedMain {
	void (*body)(struct lockedMain *m);
	const char    *bad, *skip;
	runtime_hchan *done;
};

static void
lockedMainRun(void *arg)
{
	struct lockedMain *m;

	m = arg;
	runtime_LockOSThread();
	m->body(m);
	sendBool(m->done, true);
}

static void
runLockedMain(void (*body)(struct lockedMain *m), const char *name)
{
	struct lockedMain m = { body, NULL, NULL, NULL };

	m.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(lockedMainRun, &m);
	recvAll(m.done, 1, name);
	runtime_hchan_Free(m.done);
	if (m.skip != NULL)
		tSkipf("%s", m.skip);
	else
		ck_assert_msg(m.bad == NULL, "%s: %s", name, m.bad);
}

/*
 * tidExists says whether thread tid of this process is still running:
 * its /proc entry is gone once it exits, or shows it a zombie.
 */
static bool
tidExists(long tid)
{
	char  path[64], buf[512], *p;
	FILE *f;
	bool  ok;

	snprintf(path, sizeof(path), "/proc/self/task/%ld/stat", tid);
	if ((f = fopen(path, "r")) == NULL)
		return false;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	/* The state follows the name, which is in parentheses. */
	p = ok ? strrchr(buf, ')') : NULL;
	return p == NULL || strncmp(p, ") Z", 3) != 0;
}

/* A goroutine that locks, says where, and returns locked. */
struct exitLocked {
	_Atomic long   tid;
	runtime_hchan *ready;
};

static void
exitLocked(void *arg)
{
	struct exitLocked *x;

	x = arg;
	runtime_LockOSThread();
	atomic_store(&x->tid, threadID());
	sendBool(x->ready, true);
}

/*
 * LockOSThreadAlt: the thread of a goroutine that returns locked exits,
 * and the goroutine that waited for it never runs there.
 */
static void
lockOSThreadAlt(struct lockedMain *m)
{
	struct exitLocked x;
	long		  sub;
	int		  i;

	x.ready = runtime_makechan(sizeof(bool), 1);
	atomic_store(&x.tid, 0);
	runtime_Go(exitLocked, &x);
	runtime_chanrecv1(x.ready, NULL);
	sub = atomic_load(&x.tid);
	runtime_UnlockOSThread();
	m->bad = "sub thread still running";
	for (i = 0; i < 100; i++) {
		time_Sleep(time_Millisecond);
		if (threadID() == sub) {
			m->bad = "locked thread reused";
			break;
		}
		if (!tidExists(sub)) {
			m->bad = NULL;
			break;
		}
	}
	runtime_hchan_Free(x.ready);
}

START_TEST(TestLockOSThreadExit)
{
	runLockedMain(lockOSThreadAlt, "LockOSThreadAlt");
}
END_TEST

/*
 * LockOSThreadAvoidsStatePropagation: a goroutine gives its thread a
 * working directory of its own and returns locked.  With one P, a
 * goroutine started next would very likely run on that thread, or on
 * one cloned from it, if the thread lived on or made new ones; there it
 * would see /tmp, not the process's "/".
 */
struct propagation {
	struct lockedMain *m;
	runtime_hchan	  *ready, *done;
	const char	  *bad;
	bool		   refused;
};

static void
taintThread(void *arg)
{
	struct propagation *p;

	p = arg;
	runtime_LockOSThread();
	if (unshare(CLONE_FS) != 0) {
		p->bad = "failed to unshare fs";
		p->refused = errno == EPERM;
	} else if (chdir("/tmp") != 0)
		p->bad = "failed to chdir";
	sendBool(p->ready, true);
}

static void
checkCwd(void *arg)
{
	struct propagation *p;
	char		    wd[64];

	p = arg;
	runtime_LockOSThread();
	if (getcwd(wd, sizeof(wd)) == NULL)
		p->m->bad = "failed to get cwd";
	else if (strcmp(wd, "/") != 0)
		p->m->bad = "bad state from old thread propagated after it "
			    "should have died";
	runtime_chanrecv1(p->done, NULL);
	runtime_UnlockOSThread();
}

static void
lockOSThreadAvoidsStatePropagation(struct lockedMain *m)
{
	struct propagation p = { m, NULL, NULL, NULL, false };
	char		   wd[64];

	if (chdir("/") != 0 || getcwd(wd, sizeof(wd)) == NULL ||
	    strcmp(wd, "/") != 0) {
		m->bad = "failed to chdir to /";
		return;
	}
	p.ready = runtime_makechan(sizeof(bool), 1);
	p.done = runtime_makechan(sizeof(bool), 0);
	runtime_Go(taintThread, &p);
	runtime_chanrecv1(p.ready, NULL);
	if (p.refused) {
		m->skip = "unshare syscall not permitted on this system";
	} else if (p.bad != NULL) {
		m->bad = p.bad;
	} else {
		runtime_Go(checkCwd, &p);
		sendBool(p.done, true);
	}
	runtime_UnlockOSThread();
	runtime_hchan_Free(p.ready);
	runtime_hchan_Free(p.done);
}

START_TEST(TestLockOSThreadAvoidsStatePropagation)
{
	int cwd, old;

	cwd = open(".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	ck_assert_msg(cwd >= 0, "cannot open the working directory");
	old = runtime_GOMAXPROCS(1);
	runLockedMain(lockOSThreadAvoidsStatePropagation,
	    "LockOSThreadAvoidsStatePropagation");
	runtime_GOMAXPROCS(old);
	ck_assert_msg(fchdir(cwd) == 0, "cannot go back to the directory");
	close(cwd);
}
END_TEST

/*
 * LockOSThreadTemplateThreadRace: two goroutines lock at the same moment
 * just after each started another, so that the handoff of their Ps
 * starts Ms from locked threads.  Go races this with a stop-the-world,
 * which gonet does not have (go_tests_status.txt); what is left checks
 * that both get through, in each of several rounds.
 */
struct templateRace {
	time_Time      start;
	runtime_hchan *done;
};

static void
nothing(void *arg)
{
	(void)arg;
}

static void
raceLocker(void *arg)
{
	struct templateRace *r;

	r = arg;
	while (time_Time_Before(time_Now(), r->start))
		;
	runtime_Go(nothing, NULL);
	runtime_LockOSThread();
	runtime_Gosched();
	sendBool(r->done, true);
}

START_TEST(TestLockOSThreadTemplateThreadRace)
{
	struct templateRace r;
	int		    i, iterations, old;

	old = runtime_GOMAXPROCS(4);
	iterations = testingShort() ? 5 : 100;
	r.done = runtime_makechan(sizeof(bool), 0);
	for (i = 0; i < iterations; i++) {
		r.start = time_Time_Add(time_Now(), 10 * time_Millisecond);
		runtime_Go(raceLocker, &r);
		runtime_Go(raceLocker, &r);
		recvAll(r.done, 2, "LockOSThreadTemplateThreadRace");
	}
	runtime_hchan_Free(r.done);
	runtime_GOMAXPROCS(old);
}
END_TEST

/*
 * testNewmFromPlainThread (gonet's): an M started for a plain thread
 * does not take on the state that thread gave itself (the program
 * above).  A fresh process, so that no M exists before it asks.
 */
START_TEST(testNewmFromPlainThread)
{
	char *out;

	out = runTestProg("NewmFromPlainThread", NULL, NULL);
	if (strcmp(out, "skip\n") == 0) {
		free(out);
		tSkipf("unshare syscall not permitted on this system");
	}
	ck_assert_msg(strcmp(out, "ok\n") == 0, "%s", out);
	free(out);
}
END_TEST

Suite *
proc_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("proc");
	tc = newTCase("scheduler");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, TestYieldProgress);
	tcase_add_test(tc, TestYieldLockedProgress);
	tcase_add_test(tc, TestYieldLocked);
	tcase_add_test(tc, TestBlockLocked);
	tcase_add_test(tc, TestGoroutineParallelism);
	tcase_add_test(tc, TestGoroutineParallelism2);
	tcase_add_test(tc, TestTimerFairness);
	tcase_add_test(tc, TestTimerFairness2);
	tcase_add_test(tc, TestNumGoroutine);
	tcase_add_test(tc, TestPingPongHog);
	tcase_add_test(tc, TestNetpollBreak);
	tcase_add_test(tc, TestBigGOMAXPROCS);
	tcase_add_test(tc, TestGetgThreadSwitch);
	tcase_add_test(tc, testGetgThreadSwitchBusy);
	tcase_add_test(tc, TestSchedLocalQueue);
	tcase_add_test(tc, TestSchedLocalQueueSteal);
	tcase_add_test(tc, TestSchedLocalQueueEmpty);
	tcase_add_test(tc, TestStealOrder);
	tcase_add_test(tc, testNonBlockingGoroutineCannotStarvePoller);
	tcase_add_test(tc, TestLockOSThreadNesting);
	tcase_add_test(tc, TestLockOSThreadExit);
	tcase_add_test(tc, TestLockOSThreadAvoidsStatePropagation);
	tcase_add_test(tc, TestLockOSThreadTemplateThreadRace);
	tcase_add_test(tc, testLockOSThreadWires);
	tcase_add_test(tc, testNewmFromPlainThread);
	suite_add_tcase(s, tc);
	return s;
}
