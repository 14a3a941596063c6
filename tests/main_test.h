/*
 * C port of go1.19 src/net/main_test.go: what every test file shares (the
 * suite list and the fd-leak fixture).
 */
#ifndef GONET_MAIN_TEST_H
#define GONET_MAIN_TEST_H

#include <check.h>

#include "runtime/runtime.h"

/*
 * One Suite per test file, named after it.  make writes the list,
 * tests/suites.h, from TEST_SRCS, so a platform runs the suites of the
 * files its mk/ lists build.
 */
#define SUITE(name) Suite *name##_suite(void);
#include "tests/suites.h"
#undef SUITE

/*
 * newTCase returns a TCase with a timeout and the checked fixture that
 * fails a test which leaves more file descriptors open than it found, the
 * job Go's main_test.go does for sockets.
 */
TCase *newTCase(const char *name);

/*
 * runChild runs f(arg) in a forked child whose stderr is captured into
 * out (at most n - 1 bytes, NUL-terminated), and returns the child's wait
 * status: the one way tests watch a throw or a fault, as Go's tests re-run
 * their binary.  The child exits 0 if f returns.
 */
int runChild(void (*f)(void *), void *arg, char *out, size_t n);

/*
 * crashOutput runs f in a forked child, as Go's tests re-run their binary
 * to watch a fatal error, and returns the child's stderr (malloc'd) if it
 * died, or NULL if f returned and the child exited normally.
 */
char *crashOutput(void (*f)(void));

/* countMaps counts this process's memory mappings, or returns -1. */
long countMaps(void);

/* Channel helpers shared by the goroutine tests: c <- true, c <- v, <-c. */
void sendTrue(runtime_hchan *c);
void sendInt(runtime_hchan *c, int v);
int  recvInt(runtime_hchan *c);
/*
 * recvWithin receives from c into elem (NULL: discard) unless d passes
 * first, Go's select on c and time.After(d); it reports whether it
 * received (a value or a close).
 */
bool recvWithin(runtime_hchan *c, void *elem, time_Duration d);

/*
 * Goroutine mode: with GONET_TEST_IN_GOROUTINE=1 every test body runs
 * inside a goroutine started by runtime_Go while the test's process waits
 * for it on a channel.  Every registration goes through addTest (the
 * macro below catches Check's tcase_add_* macros), which then registers a
 * trampoline in place of the test's own function.  Needs CK_FORK (the
 * default): a failed assertion ends the forked child from whichever
 * thread runs the body, where CK_FORK=no would longjmp across threads.
 */
void addTest(TCase *tc, const TTest *tt, int signal, int allowedExit, int start,
    int end);
#define _tcase_add_test addTest

/* inGoroutineMode reports whether GONET_TEST_IN_GOROUTINE=1 is in force. */
bool inGoroutineMode(void);

/*
 * testprogMain runs the test program name (tests/proc_test.c), as Go's
 * runtime tests run testprog: main calls it when GONET_TESTPROG=name is
 * in the environment, and exits with what it returns.
 */
int testprogMain(const char *name);

/*
 * runTestProg runs this binary afresh as test program name, with one more
 * environment variable (env, or NULL), and returns what it printed on
 * stdout and stderr, malloc'd; *status (if not NULL) gets its wait status.
 * A fresh process is what a child that starts goroutines needs: after a
 * fork only the forking thread lives on, and the parent's Ms are gone.
 */
char *runTestProg(const char *name, const char *env, int *status);

/* progChanThrow is testChanThrows' program (tests/chan_test.c). */
void progChanThrow(void);

/* nelem counts the rows of a static table. */
#ifndef nelem
#define nelem(x) (sizeof(x) / sizeof((x)[0]))
#endif

#endif /* GONET_MAIN_TEST_H */
