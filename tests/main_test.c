/*
 * C port of go1.19 src/net/main_test.go: the test binary's main and the
 * leak check that runs around every test.
 */
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/stack.h"
#include "tests/main_test.h"

static int fdsAtSetup;

/*
 * ThreadSanitizer sleeps a second at exit whenever a thread besides the
 * exiting one is alive, so that late races can surface.  Every forked
 * test that leaves an M parked would pay it: 33 of the 34 seconds the
 * udpsock suite took in goroutine mode.  Those threads are parked by
 * then, and their races were reported while they ran.  Only TSan's
 * runtime asks for these options, so other builds need no test for it.
 */
const char *__tsan_default_options(void);

const char *
__tsan_default_options(void)
{
	return "atexit_sleep_ms=0";
}

/*
 * countFds counts this process's open descriptors, leaving out anonymous
 * inodes (epoll, eventfd, timerfd): the poller opens those once and keeps
 * them for the life of the process, which is not a leak.  It leaves out
 * files under /proc too: sysmon reads a thread's state there (stand-in
 * Ps, runtime_threadsleeps) and the plain threads' spin counts runnable
 * threads, each opening and closing a file within microseconds, which
 * this count may catch open.
 */
static int
countFds(void)
{
	DIR	      *d;
	struct dirent *e;
	char	       path[300], target[256];
	ssize_t	       n;
	int	       count;

	d = opendir("/proc/self/fd");
	if (d == NULL)
		return -1;
	count = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || atoi(e->d_name) == dirfd(d))
			continue;
		snprintf(path, sizeof(path), "/proc/self/fd/%s", e->d_name);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		if (strncmp(target, "anon_inode:", 11) == 0 ||
		    strncmp(target, "/proc/", 6) == 0)
			continue;
		count++;
	}
	closedir(d);
	return count;
}

static void
leakSetup(void)
{
	fdsAtSetup = countFds();
}

static void
leakTeardown(void)
{
	int now;

	now = countFds();
	ck_assert_msg(now == fdsAtSetup,
	    "file descriptors leaked: %d open before the test, %d after",
	    fdsAtSetup, now);
}

TCase *
newTCase(const char *name)
{
	TCase *tc;

	tc = tcase_create(name);
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, leakSetup, leakTeardown);
	return tc;
}

bool
recvWithin(runtime_hchan *c, void *elem, time_Duration d)
{
	runtime_scase cases[2];
	time_Timer   *t;
	int	      k;

	t = time_NewTimer(d);
	cases[0] = (runtime_scase){ c, elem };
	cases[1] = (runtime_scase){ t->C, NULL };
	k = runtime_selectgo(cases, 0, 2, true, NULL);
	time_Timer_Free(t);
	return k == 0;
}

void
sendTrue(runtime_hchan *c)
{
	bool v = true;

	runtime_chansend1(c, &v);
}

void
sendInt(runtime_hchan *c, int v)
{
	runtime_chansend1(c, &v);
}

int
recvInt(runtime_hchan *c)
{
	int v;

	runtime_chanrecv1(c, &v);
	return v;
}

int
runChild(void (*f)(void *), void *arg, char *out, size_t n)
{
	int	p[2], status;
	pid_t	pid;
	ssize_t r;
	size_t	got;

	ck_assert_int_eq(pipe2(p, O_CLOEXEC), 0);
	pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		dup2(p[1], 2);
		f(arg);
		_exit(0);
	}
	close(p[1]);
	got = 0;
	while (got < n - 1 &&
	    ((r = read(p[0], out + got, n - 1 - got)) > 0 ||
		(r < 0 && errno == EINTR)))
		if (r > 0)
			got += (size_t)r;
	out[got] = '\0';
	close(p[0]);
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	return status;
}

/* callVoid adapts a plain void function to runChild's f(arg). */
struct voidFunc {
	void (*f)(void);
};

static void
callVoid(void *arg)
{
	((struct voidFunc *)arg)->f();
}

long
countMaps(void)
{
	char  line[512];
	FILE *f;
	long  n;

	n = 0;
	f = fopen("/proc/self/maps", "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		n++;
	fclose(f);
	return n;
}

char *
crashOutput(void (*f)(void))
{
	struct voidFunc vf = { f };
	char	       *out;
	int		status;

	out = malloc(4096);
	ck_assert_ptr_nonnull(out);
	status = runChild(callVoid, &vf, out, 4096);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		free(out);
		return NULL;
	}
	return out;
}

/*
 * Goroutine mode.  Check calls a test as fn(i) and nothing more, so each
 * registered test gets a trampoline of its own from a fixed pool; the
 * trampoline finds its slot by its own address and runs the test's body
 * in a goroutine.  The pool is 4^5 functions, made by the L* macros.
 */
#undef _tcase_add_test /* this file registers through Check itself */

enum { maxTests = 1024 };

static void runInGoroutine(void (*self)(int), int i);

#define L1(X, k) X(k##0) X(k##1) X(k##2) X(k##3)
#define L2(X, k) L1(X, k##0) L1(X, k##1) L1(X, k##2) L1(X, k##3)
#define L3(X, k) L2(X, k##0) L2(X, k##1) L2(X, k##2) L2(X, k##3)
#define L4(X, k) L3(X, k##0) L3(X, k##1) L3(X, k##2) L3(X, k##3)
#define L5(X, k) L4(X, k##0) L4(X, k##1) L4(X, k##2) L4(X, k##3)
#define TRAMPOLINE(k)                                                          \
	static void tramp##k(int i)                                            \
	{                                                                      \
		runInGoroutine(tramp##k, i);                                   \
	}
#define TRAMPOLINE_REF(k) tramp##k,

L5(TRAMPOLINE, t)

static void (*const trampolines[maxTests])(int) = { L5(TRAMPOLINE_REF, t) };

/*
 * The tests that keep running on the calling thread in goroutine mode,
 * and why (docs/DESIGN.md, Tests, lists them too).
 */
static const struct {
	const char *name, *why;
} onCallingThread[] = {
	{ "TestIPv4MulticastListener",
	    "unshare(CLONE_NEWNET) moves one thread, /proc/net shows the main "
	    "thread's namespace, and a goroutine need not stay on a thread" },
	{ "TestIPv6MulticastListener", "as TestIPv4MulticastListener" },
	{ "testPollerStartEMFILE",
	    "it needs a process whose poller has not started, and starting a "
	    "goroutine starts it" },
	{ "testStackSizeEnv",
	    "GONET_STACKSIZE applies at the first stack allocation, which a "
	    "goroutine has already made" },
	{ "TestStackMem",
	    "it measures the RSS the stacks of its goroutines add, and the "
	    "goroutine running the test body adds its own" },
};

static bool
staysOnCallingThread(const char *name)
{
	size_t i;

	for (i = 0; i < nelem(onCallingThread); i++)
		if (strcmp(name, onCallingThread[i].name) == 0)
			return true;
	return false;
}

static const TTest *goTests[maxTests];	/* the tests the pool stands for */
static TTest	    goTTests[maxTests]; /* what Check was given instead */
static int	    ngoTests;

bool
inGoroutineMode(void)
{
	const char *v, *fork;

	v = getenv("GONET_TEST_IN_GOROUTINE");
	fork = getenv("CK_FORK");
	return v != NULL && strcmp(v, "1") == 0 &&
	    (fork == NULL || strcmp(fork, "no") != 0);
}

struct goBody {
	const TTest   *tt;
	int	       i;
	runtime_hchan *done;
};

static void
goBody(void *arg)
{
	struct goBody *b;

	b = arg;
	b->tt->fn(b->i);
	runtime_closechan(b->done);
}

static void
runInGoroutine(void (*self)(int), int i)
{
	struct goBody b;
	int	      k;

	for (k = 0; k < ngoTests && trampolines[k] != self; k++)
		;
	ck_assert_msg(k < ngoTests, "goroutine mode: unknown trampoline");
	b.tt = goTests[k];
	b.i = i;
	b.done = runtime_makechan(1, 0);
	runtime_Go(goBody, &b);
	runtime_chanrecv1(b.done, NULL);
	runtime_hchan_Free(b.done);
}

void
addTest(
    TCase *tc, const TTest *tt, int signal, int allowedExit, int start, int end)
{
	if (inGoroutineMode() && !staysOnCallingThread(tt->name)) {
		if (ngoTests == maxTests) {
			fprintf(stderr,
			    "main_test: more than %d tests: "
			    "grow the trampoline pool\n",
			    maxTests);
			exit(2);
		}
		goTests[ngoTests] = tt;
		goTTests[ngoTests] = *tt;
		goTTests[ngoTests].fn = trampolines[ngoTests];
		tt = &goTTests[ngoTests++];
	}
	_tcase_add_test(tc, tt, signal, allowedExit, start, end);
}

int
main(void)
{
	Suite *(*const suites[])(void) = {
#define SUITE(name) name##_suite,
#include "tests/suites.h"
#undef SUITE
	};
	SRunner *sr;
	size_t	 i;
	int	 failed;

	if (getenv("GONET_TESTPROG") != NULL)
		return testprogMain(getenv("GONET_TESTPROG"));
	if (inGoroutineMode()) {
		fprintf(stderr,
		    "main_test: every test body runs in a "
		    "goroutine (GONET_TEST_IN_GOROUTINE=1) but:\n");
		for (i = 0; i < nelem(onCallingThread); i++)
			if (staysOnCallingThread(onCallingThread[i].name))
				fprintf(stderr, "  %s: %s\n",
				    onCallingThread[i].name,
				    onCallingThread[i].why);
	} else if (getenv("GONET_TEST_IN_GOROUTINE") != NULL &&
	    strcmp(getenv("GONET_TEST_IN_GOROUTINE"), "1") == 0)
		fprintf(stderr,
		    "main_test: GONET_TEST_IN_GOROUTINE ignored: "
		    "it needs CK_FORK\n");
	sr = srunner_create(suites[0]());
	for (i = 1; i < nelem(suites); i++)
		srunner_add_suite(sr, suites[i]());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
