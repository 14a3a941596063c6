/*
 * gonet tests of goroutine stacks and the context switch (runtime/stack.h).
 * Go's src/runtime/stack_test.go tests stack growth, copying and
 * tracebacks, which C stacks do not have (tests/go_tests_status.txt says
 * why for each); these are gonet's own, on the pieces the M:N scheduler
 * will stand on: two coroutines switching through g0 as Go's scheduler
 * does, registers and floating-point state across switches, migration
 * between threads, deep recursion, overflow, the stack cache and RSS.
 */
#include <fenv.h>
#include <setjmp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runtime/stack.h"
#include "sync/sync.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"
#include "time/time.h"

#if defined(__has_include)
#if __has_include(<valgrind/valgrind.h>)
#include <valgrind/valgrind.h>
#endif
#endif
#ifndef RUNNING_ON_VALGRIND
#define RUNNING_ON_VALGRIND 0
#endif

/* Switches per ping-pong run: each is one mcall plus one gogo. */
enum { pingpongSwitches = 1000000 };

/* The contexts of one thread's test: its own, its g0 and two others. */
struct sched {
	runtime_gctx self;
	runtime_gctx g0;
	runtime_gctx co[2];
	long	     n;	      /* switches each coroutine makes */
	long	     counter; /* advanced in turn by both coroutines */
	long	     bad;     /* the first switch that found state wrong */
	int	     done;
};

static long
nanotime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000L + ts.tv_nsec;
}

/* current is this thread's sched; its coroutines find it here. */
static _Thread_local struct sched *current;

/* enter runs on g0 and resumes the context arg, as Go's execute does. */
static void
enter(void *arg)
{
	runtime_gctx_gogo(&current->g0, arg);
}

static _Thread_local volatile long opaque[8];

/*
 * switchKeeping switches to other with six values live across the switch,
 * values the compiler cannot recompute, so they sit in callee-saved
 * registers or in this frame; it reports whether all came back intact.
 */
static __attribute__((noinline)) int
switchKeeping(struct sched *s, int i, long k)
{
	long a, b, c, d, e, f;

	opaque[0] = k, opaque[1] = ~k, opaque[2] = k * 3, opaque[3] = k ^ i;
	opaque[4] = k + 7, opaque[5] = -k;
	a = opaque[0], b = opaque[1], c = opaque[2], d = opaque[3];
	e = opaque[4], f = opaque[5];
	runtime_gctx_mcall(&s->co[i], &s->g0, enter, &s->co[1 - i]);
	return a == k && b == ~k && c == k * 3 && d == (k ^ i) && e == k + 7 &&
	    f == -k;
}

static const int roundingModes[2] = { FE_UPWARD, FE_DOWNWARD };

/*
 * coroutine i keeps its own rounding mode: fegetround reads the x87
 * control word, and 1.0/3.0 in double is rounded by MXCSR.
 */
static void
coroutine(void *arg)
{
	struct sched   *s;
	volatile double one, three;
	double		third;
	long		k;
	int		i;

	s = current;
	i = (int)(intptr_t)arg;
	fesetround(roundingModes[i]);
	one = 1.0, three = 3.0;
	third = one / three;
	for (k = 0; k < s->n; k++) {
		if (s->counter != 2 * k + i && s->bad < 0)
			s->bad = 2 * k + i;
		s->counter++;
		if (!switchKeeping(s, i, k) && s->bad < 0)
			s->bad = 2 * k + i;
		if ((fegetround() != roundingModes[i] ||
			one / three != third) &&
		    s->bad < 0)
			s->bad = 2 * k + i;
	}
	fesetround(FE_TONEAREST);
	s->done++;
	runtime_gctx_goexit(
	    &s->co[i], &s->g0, enter, s->done == 2 ? &s->self : &s->co[1 - i]);
}

static void
schedInit(struct sched *s, long switches)
{
	int i;

	memset(s, 0, sizeof(*s));
	s->n = switches / 2;
	s->bad = -1;
	runtime_gctx_init(&s->g0, runtime_stackalloc(), NULL, NULL);
	for (i = 0; i < 2; i++)
		runtime_gctx_init(&s->co[i], runtime_stackalloc(), coroutine,
		    (void *)(intptr_t)i);
}

static void
schedFree(struct sched *s)
{
	int i;

	for (i = 0; i < 2; i++) {
		runtime_gctx_destroy(&s->co[i]);
		runtime_stackfree(s->co[i].stack);
	}
	runtime_gctx_destroy(&s->g0);
	runtime_stackfree(s->g0.stack);
}

/* pingpong runs both coroutines to the end and returns ns per switch. */
static double
pingpong(struct sched *s, long switches)
{
	long t0;

	schedInit(s, switches);
	current = s;
	t0 = nanotime();
	runtime_gctx_mcall(&s->self, &s->g0, enter, &s->co[0]);
	return (double)(nanotime() - t0) / (double)switches;
}

START_TEST(testSwitchPingPong)
{
	struct sched s;
	double	     ns;
	long	     a, b;

	runtime_minitSignalStack();
	opaque[6] = 12345, opaque[7] = 67890;
	a = opaque[6], b = opaque[7];
	ns = pingpong(&s, pingpongSwitches);
	ck_assert_msg(s.bad < 0, "switch %ld found its state changed", s.bad);
	ck_assert_msg(s.counter == pingpongSwitches, "counter = %ld, want %d",
	    s.counter, pingpongSwitches);
	ck_assert_msg(s.done == 2, "done = %d, want 2", s.done);
	ck_assert_msg(a == 12345 && b == 67890,
	    "the thread's own registers changed across the run");
	printf("stack: %d switches (mcall + gogo), %.1f ns per switch\n",
	    pingpongSwitches, ns);
	schedFree(&s);
}
END_TEST

/* Deep recursion: a goroutine may use all of its stack but a margin. */
enum { recursionMargin = 32 << 10 };

static uintptr_t recursionFloor;

static __attribute__((noinline)) long
recurse(long depth)
{
	volatile char buf[512];
	long	      r;

	buf[0] = (char)depth;
	buf[sizeof(buf) - 1] = (char)depth;
	if ((uintptr_t)__builtin_frame_address(0) < recursionFloor)
		return depth;
	r = recurse(depth + 1);
	if (buf[0] != (char)depth || buf[sizeof(buf) - 1] != (char)depth)
		return -1;
	return r;
}

static long recursionResult;

static void
deepGoroutine(void *arg)
{
	struct sched *s;

	s = arg;
	recursionFloor = s->co[0].stack.lo + recursionMargin;
	recursionResult = recurse(0);
	runtime_gctx_goexit(&s->co[0], &s->g0, enter, &s->self);
}

START_TEST(testDeepRecursion)
{
	static struct sched s;

	runtime_minitSignalStack();
	memset(&s, 0, sizeof(s));
	current = &s;
	runtime_gctx_init(&s.g0, runtime_stackalloc(), NULL, NULL);
	runtime_gctx_init(&s.co[0], runtime_stackalloc(), deepGoroutine, &s);
	runtime_gctx_mcall(&s.self, &s.g0, enter, &s.co[0]);
	ck_assert_msg(
	    recursionResult > 0, "recursion returned %ld", recursionResult);
	printf("stack: %zu-byte stack, recursion to %ld frames of 512+ bytes\n",
	    runtime_stackSize(), recursionResult);
	runtime_gctx_destroy(&s.co[0]);
	runtime_stackfree(s.co[0].stack);
	runtime_gctx_destroy(&s.g0);
	runtime_stackfree(s.g0.stack);
}
END_TEST

/* recursionLimit is opaque to the compiler, which would reject a sure loop. */
static volatile long recursionLimit = 1L << 40;

static __attribute__((noinline)) long
recurseForever(long depth)
{
	volatile char buf[512];

	buf[0] = (char)depth;
	if (depth > recursionLimit)
		return depth;
	return recurseForever(depth + 1) + buf[0];
}

static void
overflowGoroutine(void *arg)
{
	struct sched *s;

	s = arg;
	recursionResult = recurseForever(0);
	runtime_gctx_goexit(&s->co[0], &s->g0, enter, &s->self);
}

/*
 * overflowChild overflows a goroutine stack; arg's low bit says to take
 * 1100 stacks first, so that the overflowing one is recorded late in the
 * overflow handler's table, and its next bit to fault guards with
 * mprotect, as on a kernel without guard regions.
 */
static void
overflowChild(void *arg)
{
	static struct sched s;
	long		    i;

	if (((intptr_t)arg & 2) != 0)
		runtime_sysFaultByMprotect();
	for (i = 0; i < (((intptr_t)arg & 1) != 0 ? 1100 : 0); i++)
		(void)runtime_stackalloc();
	runtime_minitSignalStack();
	current = &s;
	runtime_gctx_init(&s.g0, runtime_stackalloc(), NULL, NULL);
	runtime_gctx_init(
	    &s.co[0], runtime_stackalloc(), overflowGoroutine, &s);
	runtime_gctx_mcall(&s.self, &s.g0, enter, &s.co[0]);
}

START_TEST(testStackOverflow)
{
	char out[4096];
	int  status;

	/*
	 * _i: none first, then more stacks than one block of guards holds;
	 * each with guard regions, then with mprotect.
	 */
	status =
	    runChild(overflowChild, (void *)(intptr_t)_i, out, sizeof(out));
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	    "child status %#x, want death by SIGABRT; stderr:\n%s", status,
	    out);
	ck_assert_msg(
	    strstr(out, "fatal error: goroutine stack overflow\n") != NULL,
	    "stderr lacks the overflow message:\n%s", out);
}
END_TEST

static void
wildFaultChild(void *arg)
{
	static volatile uintptr_t wild = 8;

	(void)arg;
	(void)runtime_stackalloc();
	*(volatile int *)wild = 1;
}

/* A fault outside every guard still kills the process as a fault. */
START_TEST(testOtherFaultForwarded)
{
	char out[4096];
	int  status;

	status = runChild(wildFaultChild, NULL, out, sizeof(out));
	ck_assert_msg(strstr(out, "goroutine stack overflow") == NULL,
	    "a wild pointer was reported as a stack overflow:\n%s", out);
	ck_assert_msg((WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV) ||
		(WIFEXITED(status) && WEXITSTATUS(status) != 0),
	    "child status %#x, want death by SIGSEGV (or a sanitizer's "
	    "report); stderr:\n%s",
	    status, out);
}
END_TEST

static void
stackSizeChild(void *arg)
{
	runtime_stack stk;

	(void)arg;
	setenv("GONET_STACKSIZE", "96K", 1);
	stk = runtime_stackalloc();
	if (runtime_stackSize() != 96 << 10 || stk.hi - stk.lo != 96 << 10) {
		fprintf(stderr, "stack size %zu, want %d\n",
		    runtime_stackSize(), 96 << 10);
		_exit(1);
	}
	runtime_stackfree(stk);
}

START_TEST(testStackSizeEnv)
{
	char out[4096];
	int  status;

	status = runChild(stackSizeChild, NULL, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x; stderr:\n%s", status, out);
}
END_TEST

enum { spanStacks = 2000 };

/*
 * spansChild takes spanStacks stacks and reports on stderr, exiting 1, if
 * the process's mappings grew other than arg says: by at most an eighth
 * of the stacks with guard regions (a span of 64 stacks is one mapping,
 * plus what a sanitizer maps beside it), by at least half with mprotect
 * (each new stack's guard splits the span: two mappings a stack, for
 * every stack the cache did not hold).
 */
static void
spansChild(void *arg)
{
	runtime_stack stk;
	long	      before, grown, i;
	bool	      byMprotect;

	byMprotect = arg != NULL;
	if (byMprotect)
		runtime_sysFaultByMprotect();
	before = countMaps();
	for (i = 0; i < spanStacks; i++) {
		stk = runtime_stackalloc();
		((volatile char *)stk.hi)[-1] = 1;
	}
	grown = countMaps() - before;
	fprintf(stderr, "%d stacks, guards %s: %ld more mappings\n", spanStacks,
	    runtime_sysFaultKeepsMapping() ? "as guard regions" : "by mprotect",
	    grown);
	if (before < 0 || runtime_sysFaultKeepsMapping() == byMprotect ||
	    (byMprotect ? grown < spanStacks / 2 : grown > spanStacks / 8))
		_exit(1);
}

/*
 * Stacks come from spans: where the kernel has guard regions (Linux
 * 6.13), 2000 stacks add a few dozen mappings, so vm.max_map_count does
 * not bound the goroutines a process may have; without them (_i == 1
 * forces that path), every stack adds two, as before spans.
 */
START_TEST(testStackSpans)
{
	char out[4096];
	int  status;

	status = runChild(spansChild, _i == 1 ? "" : NULL, out, sizeof(out));
	printf("stack: %s", out);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x; stderr:\n%s", status, out);
}
END_TEST

/*
 * guardsChild takes more stacks than two spans hold and touches the byte
 * just below each: every one must fault, whether the span's guards came
 * in one batch (the default where the kernel allows) or one by one (arg
 * set: mprotect), and the stack's own lowest byte must not.
 */
enum { guardStacks = 130 };

static sigjmp_buf guardJump;

static void
guardCaught(int sig)
{
	(void)sig;
	siglongjmp(guardJump, 1);
}

/* faults reports whether reading p faults. */
static bool
faults(volatile char *p)
{
	if (sigsetjmp(guardJump, 1) != 0)
		return true;
	(void)*p;
	return false;
}

static void
guardsChild(void *arg)
{
	struct sigaction sa;
	runtime_stack	 stk;
	int		 i, missing;

	if (arg != NULL)
		runtime_sysFaultByMprotect();
	(void)runtime_stackalloc(); /* the handler is installed by now */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = guardCaught;
	sigaction(SIGSEGV, &sa, NULL);
	missing = 0;
	for (i = 0; i < guardStacks; i++) {
		stk = runtime_stackalloc();
		if (faults((volatile char *)stk.lo) ||
		    !faults((volatile char *)stk.lo - 1))
			missing++;
	}
	fprintf(
	    stderr, "%d of %d stacks without a guard\n", missing, guardStacks);
	if (missing != 0)
		_exit(1);
}

/*
 * Every new stack has its guard, however the span installed them (_i ==
 * 1: by mprotect, as on a kernel without guard regions).
 */
START_TEST(testStackGuardEach)
{
	char out[4096];
	int  status;

	status = runChild(guardsChild, _i == 1 ? "" : NULL, out, sizeof(out));
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "child status %#x; stderr:\n%s", status, out);
}
END_TEST

/* A freed stack is the next one handed out. */
START_TEST(testStackCacheReuse)
{
	runtime_stack a, b;

	a = runtime_stackalloc();
	runtime_stackfree(a);
	b = runtime_stackalloc();
	ck_assert_msg(a.lo == b.lo && a.hi == b.hi,
	    "stackalloc after stackfree gave [%#lx, %#lx), want [%#lx, %#lx)",
	    (unsigned long)b.lo, (unsigned long)b.hi, (unsigned long)a.lo,
	    (unsigned long)a.hi);
	runtime_stackfree(b);
}
END_TEST

/* rss is the process's resident set, in pages. */
static long
rss(void)
{
	FILE *f;
	long  size, resident;

	f = fopen("/proc/self/statm", "r");
	ck_assert(f != NULL);
	ck_assert(fscanf(f, "%ld %ld", &size, &resident) == 2);
	fclose(f);
	return resident;
}

enum { rssStacks = 1000 };

/*
 * A touched page costs its own page, plus under TSan two of shadow and
 * metadata (ASan's shadow of one page is an eighth of a page).
 */
#if defined(__SANITIZE_THREAD__)
enum { rssPerPage = 4 };
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
enum { rssPerPage = 4 };
#else
enum { rssPerPage = 2 };
#endif
#else
enum { rssPerPage = 2 };
#endif

/*
 * 1000 stacks with one page touched each cost about 1000 pages, not 1000
 * stack sizes: the kernel commits only what is touched.  Besides the
 * touched pages (and their shadow), the process grows by a few dozen
 * pages of its own (on a 6.18 kernel: 1005-1021 pages in the plain
 * build, 2033-2051 under ASan), which rssSlack allows with room; 1000
 * whole stacks would be 64000 pages or more.
 */
enum { rssSlack = rssStacks / 4 };

START_TEST(testStackRSS)
{
	static runtime_stack stk[rssStacks];
	long		     before, grown, pages;
	int		     i;

	if (RUNNING_ON_VALGRIND) {
		printf("stack: testStackRSS skipped: valgrind's own memory per "
		       "registered stack is in the RSS\n");
		return;
	}
	pages = (long)(runtime_stackSize() / (size_t)sysconf(_SC_PAGESIZE));
	before = rss();
	for (i = 0; i < rssStacks; i++) {
		stk[i] = runtime_stackalloc();
		((volatile char *)stk[i].hi)[-1] = 1;
	}
	grown = rss() - before;
	printf("stack: %d stacks of %ld pages, one page touched each: RSS "
	       "+%ld pages\n",
	    rssStacks, pages, grown);
	ck_assert_msg(grown >= rssStacks * 9 / 10 &&
		grown <= rssPerPage * rssStacks + rssSlack,
	    "RSS grew %ld pages for %d stacks touched once, want %d to %d",
	    grown, rssStacks, rssStacks * 9 / 10,
	    rssPerPage * rssStacks + rssSlack);
	for (i = 0; i < rssStacks; i++)
		runtime_stackfree(stk[i]);
}
END_TEST

enum { returnStacks = 2 * runtime_stackCacheHot };

/*
 * Stacks freed beyond the cache's hot part give their pages back: fully
 * touched, then freed, they leave about one page each resident.
 */
START_TEST(testStackFreeReturnsPages)
{
	static runtime_stack stk[returnStacks];
	long		     before, after, pages, want;
	int		     i;

	pages = (long)(runtime_stackSize() / (size_t)sysconf(_SC_PAGESIZE));
	for (i = 0; i < returnStacks; i++) {
		stk[i] = runtime_stackalloc();
		memset((void *)stk[i].lo, 1, stk[i].hi - stk[i].lo);
	}
	before = rss();
	for (i = 0; i < returnStacks; i++)
		runtime_stackfree(stk[i]);
	after = rss();
	want = (returnStacks - runtime_stackCacheHot) * (pages - 1);
	printf("stack: freeing %d fully touched stacks returned %ld pages "
	       "(%d kept hot)\n",
	    returnStacks, before - after, runtime_stackCacheHot);
	ck_assert_msg(before - after >= want * 9 / 10,
	    "RSS fell %ld pages, want at least %ld", before - after,
	    want * 9 / 10);
}
END_TEST

/*
 * A goroutine parked on one thread resumes on another, as after any park
 * under an M:N scheduler: its frame and registers follow, its
 * thread-locals do not.
 */
static struct {
	struct sched s[2]; /* per thread: self and g0 */
	runtime_gctx g;
	_Atomic int  parked;
	pthread_t    ran[2];
	long	     ok;
} migrate;

static void
signalParked(void *arg)
{
	(void)arg;
	atomic_store(&migrate.parked, 1);
	runtime_gctx_gogo(&migrate.s[0].g0, &migrate.s[0].self);
}

static void
exitOnB(void *arg)
{
	(void)arg;
	runtime_gctx_gogo(&migrate.s[1].g0, &migrate.s[1].self);
}

/*
 * threadSelf is pthread_self through a volatile pointer: glibc declares
 * pthread_self const, so the compiler may reuse the value from before a
 * switch after it, which is exactly what a migrated goroutine must not do.
 */
static pthread_t (*volatile threadSelf)(void) = pthread_self;

static void
migrating(void *arg)
{
	volatile long v;
	long	      keep;

	(void)arg;
	v = 424242;
	keep = v;
	migrate.ran[0] = threadSelf();
	runtime_gctx_mcall(&migrate.g, &migrate.s[0].g0, signalParked, NULL);
	migrate.ran[1] = threadSelf();
	migrate.ok = keep == 424242 && v == 424242;
	runtime_gctx_goexit(&migrate.g, &migrate.s[1].g0, exitOnB, NULL);
}

static void
resumeOnB(void *arg)
{
	(void)arg;
	runtime_gctx_gogo(&migrate.s[1].g0, &migrate.g);
}

static void *
threadB(void *arg)
{
	int i;

	(void)arg;
	runtime_minitSignalStack();
	for (i = 0; i < 10000 && atomic_load(&migrate.parked) == 0; i++)
		usleep(1000);
	if (atomic_load(&migrate.parked) != 0)
		runtime_gctx_mcall(
		    &migrate.s[1].self, &migrate.s[1].g0, resumeOnB, NULL);
	runtime_unminitSignalStack();
	return NULL;
}

static void
startOnA(void *arg)
{
	(void)arg;
	runtime_gctx_gogo(&migrate.s[0].g0, &migrate.g);
}

START_TEST(testSwitchMigrate)
{
	pthread_t b;
	int	  i;

	runtime_minitSignalStack();
	for (i = 0; i < 2; i++)
		runtime_gctx_init(
		    &migrate.s[i].g0, runtime_stackalloc(), NULL, NULL);
	runtime_gctx_init(&migrate.g, runtime_stackalloc(), migrating, NULL);
	ck_assert(pthread_create(&b, NULL, threadB, NULL) == 0);
	runtime_gctx_mcall(
	    &migrate.s[0].self, &migrate.s[0].g0, startOnA, NULL);
	ck_assert(pthread_join(b, NULL) == 0);
	ck_assert_msg(atomic_load(&migrate.parked) == 1, "never parked");
	ck_assert_msg(pthread_equal(migrate.ran[0], pthread_self()),
	    "did not start on thread A");
	ck_assert_msg(
	    pthread_equal(migrate.ran[1], b), "did not resume on thread B");
	ck_assert_msg(migrate.ok, "the goroutine's frame changed in transit");
	runtime_gctx_destroy(&migrate.g);
	runtime_stackfree(migrate.g.stack);
	for (i = 0; i < 2; i++) {
		runtime_gctx_destroy(&migrate.s[i].g0);
		runtime_stackfree(migrate.s[i].g0.stack);
	}
}
END_TEST

/* Ping-pong on two threads at once: each M has its own g0 and state. */
static void *
pingpongThread(void *arg)
{
	runtime_minitSignalStack();
	(void)pingpong(arg, pingpongSwitches / 10);
	runtime_unminitSignalStack();
	return NULL;
}

START_TEST(testSwitchThreads)
{
	static struct sched s[2];
	pthread_t	    t[2];
	int		    i;

	for (i = 0; i < 2; i++)
		ck_assert(
		    pthread_create(&t[i], NULL, pingpongThread, &s[i]) == 0);
	for (i = 0; i < 2; i++) {
		ck_assert(pthread_join(t[i], NULL) == 0);
		ck_assert_msg(
		    s[i].bad < 0 && s[i].counter == pingpongSwitches / 10,
		    "thread %d: bad %ld, counter %ld", i, s[i].bad,
		    s[i].counter);
		schedFree(&s[i]);
	}
}
END_TEST

/*
 * Go's stack_test.go, where it applies to fixed stacks: the goroutines of
 * these tests use their stacks through the public API only (runtime_Go,
 * channels), so they hold whether a goroutine is a thread or shares one.
 */

/* goWait runs f(arg) in a goroutine and waits for it, 60 s at most. */
struct goCall {
	void (*f)(void *);
	void	      *arg;
	runtime_hchan *done;
};

static void
goCallRun(void *p)
{
	struct goCall *c;

	c = p;
	c->f(c->arg);
	sendTrue(c->done);
}

static void
goWait(void (*f)(void *), void *arg)
{
	struct goCall  c = { f, arg, runtime_makechan(sizeof(bool), 1) };
	runtime_scase  cases[2];
	runtime_hchan *timeout;

	timeout = time_After(60 * time_Second);
	runtime_Go(goCallRun, &c);
	cases[0] = (runtime_scase){ c.done, NULL };
	cases[1] = (runtime_scase){ timeout, NULL };
	ck_assert_msg(runtime_selectgo(cases, 0, 2, true, NULL) == 0,
	    "the goroutine did not finish in 60 s");
	runtime_hchan_Free(c.done);
	/* time_After's channel may be freed only after its value came. */
}

/* growStackIter recurses n deep, checking each frame's value after. */
static void
growStackIter(volatile int *p, int n)
{
	volatile int x;

	*p = n + 1;
	if (n == 0)
		return;
	x = 0;
	growStackIter(&x, n - 1);
	ck_assert_msg(x == n, "stack is corrupted");
}

static void
growStack(void *arg)
{
	volatile int x;
	int	     i, n;

	(void)arg;
	n = testingShort() ? 1 << 8 : 1 << 10;
	for (i = 0; i < n; i++) {
		x = 0;
		growStackIter(&x, i);
		ck_assert_msg(x == i + 1, "stack is corrupted");
	}
}

/* growStackLocked is the same on a goroutine locked to its thread. */
static void
growStackLocked(void *arg)
{
	runtime_LockOSThread();
	growStack(arg);
	runtime_UnlockOSThread();
}

/*
 * TestStackGrowth: recursion 1024 frames deep in a goroutine, then in a
 * locked one.  Go's finalizer run is not ported (go_tests_status.txt).
 */
START_TEST(TestStackGrowth)
{
	goWait(growStack, NULL);
	goWait(growStackLocked, NULL);
}
END_TEST

/* useStack uses about n KiB of stack, a 1 KiB frame a level. */
static void
useStack(int n)
{
	volatile char b[1024];

	b[99] = 0;
	if (n == 0)
		return;
	useStack(n - 1 + b[99]);
	b[1] = b[99]; /* no tail call: the frame must stay */
}

struct growingArgs {
	runtime_hchan *c, *done;
};

static void
growing(void *arg)
{
	struct growingArgs *a;
	int		    n;

	a = arg;
	while (runtime_chanrecv2(a->c, &n)) {
		useStack(n);
		sendTrue(a->done);
	}
	sendTrue(a->done);
}

enum { cacheR = 4, cacheG = 200, cacheS = 5 };

static void
stackCache(void *arg)
{
	struct growingArgs a[cacheG];
	runtime_hchan	  *done;
	int		   i, j, k, v;

	(void)arg;
	for (i = 0; i < cacheR; i++) {
		done = runtime_makechan(sizeof(bool), 0);
		for (j = 0; j < cacheG; j++) {
			a[j].c = runtime_makechan(sizeof(int), 0);
			a[j].done = done;
			runtime_Go(growing, &a[j]);
		}
		for (k = 0; k < cacheS; k++) {
			v = 1 << k;
			for (j = 0; j < cacheG; j++)
				runtime_chansend1(a[j].c, &v);
			for (j = 0; j < cacheG; j++)
				runtime_chanrecv1(done, NULL);
		}
		for (j = 0; j < cacheG; j++)
			runtime_closechan(a[j].c);
		for (j = 0; j < cacheG; j++)
			runtime_chanrecv1(done, NULL);
		for (j = 0; j < cacheG; j++)
			runtime_hchan_Free(a[j].c);
		runtime_hchan_Free(done);
	}
}

/*
 * TestStackCache: 200 goroutines at a time grow their stacks, four times
 * over, so that later rounds run on cached stacks.
 */
START_TEST(TestStackCache)
{
	goWait(stackCache, NULL);
}
END_TEST

enum {
	memBatchSize = 32,
	memBatchCount = 256,
	memArraySize = 1024,
	memRecursionDepth = 128
};

/* memRecurse is Go's f: a 1 KiB array a frame, a short sleep at the end. */
static void
memRecurse(int k, volatile char *prev)
{
	volatile char a[memArraySize];

	a[0] = prev[0];
	if (k == 0) {
		time_Sleep(time_Millisecond);
		return;
	}
	memRecurse(k - 1, a);
}

static void
memWorker(void *arg)
{
	volatile char a[memArraySize] = { 0 };

	memRecurse(memRecursionDepth, a);
	sendTrue(arg);
}

/*
 * TestStackMem: 256 batches of 32 goroutines, each 128 KiB deep.  Go
 * bounds the stack memory obtained from the OS (StackSys); gonet has no
 * such statistic, so the bound is on the resident set instead, which
 * counts every page the stacks touched (unchecked under the sanitizers,
 * whose own memory the resident set counts too).  Go's StackInuse half (stack
 * memory still in use once the goroutines are gone) is not ported: cached
 * stacks keep their pages by design (runtime_stackCacheHot).
 */
START_TEST(TestStackMem)
{
	runtime_hchan *c;
	long	       before, consumed, estimate;
	int	       b, i, old;

	if (testingShort())
		return;
	old = runtime_GOMAXPROCS(memBatchSize);
	before = rss() * sysconf(_SC_PAGESIZE);
	for (b = 0; b < memBatchCount; b++) {
		c = runtime_makechan(sizeof(bool), memBatchSize);
		for (i = 0; i < memBatchSize; i++)
			runtime_Go(memWorker, c);
		for (i = 0; i < memBatchSize; i++)
			runtime_chanrecv1(c, NULL);
		/* Let them exit, so that the next batch reuses them. */
		time_Sleep(10 * time_Millisecond);
		runtime_hchan_Free(c);
	}
	consumed = rss() * sysconf(_SC_PAGESIZE) - before;
	runtime_GOMAXPROCS(old);
	estimate = 8L * memBatchSize * memArraySize * memRecursionDepth;
	/* The sanitizers' shadow memory and quarantine swell the RSS. */
	if (runtime_asanenabled || runtime_raceenabled) {
		tLogf("Stack mem: %ld bytes resident, not checked under a "
		      "sanitizer",
		    consumed);
		return;
	}
	ck_assert_msg(consumed <= estimate, "Stack mem: want %ld, got %ld",
	    estimate, consumed);
}
END_TEST

/*
 * deepWorker goes deepFrames KiB down its stack, reports from there, and
 * waits, back near its top, for the release that ends it.
 */
enum { deepFrames = 64 };

struct deepArgs {
	runtime_hchan *ready;
	runtime_hchan *release;
	runtime_hchan *done;
};

static void
deepRecurse(int k, volatile char *prev, runtime_hchan *ready)
{
	volatile char a[memArraySize];

	a[0] = prev[0];
	if (k == 0) {
		sendTrue(ready);
		return;
	}
	deepRecurse(k - 1, a, ready);
}

static void
deepWorker(void *arg)
{
	struct deepArgs *d;
	volatile char	 a[memArraySize] = { 0 };

	d = arg;
	deepRecurse(deepFrames, a, d->ready);
	runtime_chanrecv1(d->release, NULL);
	sendTrue(d->done);
}

/*
 * The pages a goroutine touched deep in its stack go back to the kernel
 * when it ends, as Go frees a grown stack (runtime_stackshrink): n
 * goroutines at once each touch about deepFrames KiB, and once they have
 * ended the resident set must have fallen by at least 32 KiB for each
 * (the last may still be on their way out: up to 2 s is allowed).  The
 * resident set is not checked under a sanitizer, as in TestStackMem.
 */
START_TEST(testDeadStacksShrink)
{
	struct deepArgs d;
	long		peak, now, want;
	int		i, n;

	n = 512;
	d.ready = runtime_makechan(sizeof(bool), n);
	d.release = runtime_makechan(sizeof(bool), 0);
	d.done = runtime_makechan(sizeof(bool), n);
	for (i = 0; i < n; i++)
		runtime_Go(deepWorker, &d);
	for (i = 0; i < n; i++)
		runtime_chanrecv1(d.ready, NULL);
	peak = rss() * sysconf(_SC_PAGESIZE);
	runtime_closechan(d.release);
	for (i = 0; i < n; i++)
		runtime_chanrecv1(d.done, NULL);
	want = (long)n * (32 << 10);
	for (i = 0;; i++) {
		now = rss() * sysconf(_SC_PAGESIZE);
		if (peak - now >= want || i == 200 || runtime_asanenabled ||
		    runtime_raceenabled)
			break;
		time_Sleep(10 * time_Millisecond);
	}
	printf("stack: %d goroutines %d KiB deep ended: RSS %ld KiB lower "
	       "after %d ms\n",
	    n, deepFrames, (peak - now) >> 10, 10 * i);
	runtime_hchan_Free(d.ready);
	runtime_hchan_Free(d.release);
	runtime_hchan_Free(d.done);
	if (runtime_asanenabled || runtime_raceenabled)
		return;
	ck_assert_msg(peak - now >= want,
	    "RSS fell by %ld bytes after %d goroutines ended, want %ld",
	    peak - now, n, want);
}
END_TEST

Suite *
stack_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("stack");
	tc = newTCase("switch");
	/* The ucontext fallback under ASan takes ~20 us per switch. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, testSwitchPingPong);
	tcase_add_test(tc, testSwitchMigrate);
	tcase_add_test(tc, testSwitchThreads);
	suite_add_tcase(s, tc);
	tc = newTCase("stack");
	tcase_add_test(tc, testDeepRecursion);
	tcase_add_loop_test(tc, testStackOverflow, 0, 4);
	tcase_add_loop_test(tc, testStackSpans, 0, 2);
	tcase_add_loop_test(tc, testStackGuardEach, 0, 2);
	tcase_add_test(tc, testOtherFaultForwarded);
	tcase_add_test(tc, testStackSizeEnv);
	tcase_add_test(tc, testStackCacheReuse);
	tcase_add_test(tc, testStackRSS);
	tcase_add_test(tc, testStackFreeReturnsPages);
	suite_add_tcase(s, tc);
	tc = newTCase("go");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, TestStackGrowth);
	tcase_add_test(tc, TestStackCache);
	tcase_add_test(tc, TestStackMem);
	tcase_add_test(tc, testDeadStacksShrink);
	suite_add_tcase(s, tc);
	return s;
}
