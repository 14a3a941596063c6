/*
 * gonet runtime: declarations private to runtime/.  What the other
 * packages need is in runtime/linkname.h, and what sync and time link to
 * in runtime/linkname_sync.h and runtime/linkname_time.h; this includes
 * all three.
 */
#ifndef GONET_RUNTIME_IMPL_H
#define GONET_RUNTIME_IMPL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/linkname.h"
#include "runtime/linkname_sync.h"
#include "runtime/linkname_time.h"
#include "runtime/runtime.h"

/*
 * The park/wake boundary (runtime/proc.c).  Go's internal/poll and sync
 * sleep through gopark and wake through goready; so does gonet, so that
 * nothing above runtime/ knows what a goroutine is.  A runtime_g is a
 * goroutine on the M:N scheduler, or a plain thread parked on its own
 * futex (docs/DESIGN.md); the calls are the same for both.
 */
typedef struct runtime_g runtime_g;

/* runtime_getg returns the calling goroutine (created on first use). */
runtime_g *runtime_getg(void);
/*
 * runtime_gopark marks the caller waiting, then calls unlockf(gp, arg); if
 * that returns false the park is abandoned and gopark returns at once.  A
 * NULL unlockf parks unconditionally (a nil channel parks forever).
 * Otherwise the caller sleeps until some thread calls runtime_goready(gp).
 * While it sleeps, the caller may be chosen to run the poller and the
 * timers on behalf of every sleeping goroutine (docs/DESIGN.md).
 */
void runtime_gopark(bool (*unlockf)(runtime_g *gp, void *arg), void *arg);
/* runtime_goready makes gp runnable; gp must be parked or parking. */
void runtime_goready(runtime_g *gp);

/*
 * The OS sleep primitive under gopark and the semaphores (os_linux.c):
 * futexsleep sleeps while *addr == val, at most ns nanoseconds (ns < 0:
 * no limit), and may return spuriously; futexwakeup wakes up to cnt
 * sleepers on addr.
 */
void runtime_futexsleep(_Atomic uint32_t *addr, uint32_t val, int64_t ns);
void runtime_futexwakeup(_Atomic uint32_t *addr, uint32_t cnt);

/* The timers: runtime/linkname_time.h (included above). */
/* runtime_deltimer disarms t; it reports whether t was still pending. */
bool runtime_deltimer(runtime_timer *t);
/*
 * Between the scheduler (proc.c) and the heap (time.c): runtimers runs
 * the expired timers and returns the next due time (0: none), nexttimer
 * only returns it, and wakeNetPoller tells the scheduler a timer is due
 * at when.
 */
int64_t runtime_runtimers(void);
int64_t runtime_nexttimer(void);
/* runtime_timer0when is nexttimer without the lock, for the scheduler. */
int64_t runtime_timer0when(void);
void	runtime_wakeNetPoller(int64_t when);

/*
 * runtime_netpollWaiterAdded is told by netpoll.c that a g now waits
 * through the poller: a thread asleep for timers alone must poll instead.
 */
void runtime_netpollWaiterAdded(void);

/* runtime_goyield lets another goroutine run before the caller goes on. */
void runtime_goyield(void);

/*
 * Test hooks (proc.c), Go's export_test.go and proc_runtime_test.go: they
 * drive runqput, runqget, runqsteal, runqempty and the steal order on
 * private Ps and throw on a wrong result.
 */
void runtime_RunSchedLocalQueueTest(void);
void runtime_RunSchedLocalQueueStealTest(void);
void runtime_RunSchedLocalQueueEmptyTest(int iters);
void runtime_RunStealOrderTest(void);
/* runtime_testPID is the id of the caller's P, or -1 without one. */
int runtime_testPID(void);
/* runtime_testProcs is the count of Ps in use, stand-ins included. */
int runtime_testProcs(void);
/*
 * runtime_LockOSCounts is export_test.go's LockOSCounts: the caller's
 * LockOSThread count (Go's lockedExt; gonet has no internal count).
 */
uint32_t runtime_LockOSCounts(void);

/*
 * sysmon's late-tick rule (proc.c; docs/DESIGN.md, "sysmon's late ticks"),
 * apart from the clock so that tests can feed it times.  A
 * runtime_sysmonTicks is what the rule remembers: when the first late
 * 20 us tick of the last 100 ms came, and until when sysmon backs off.
 * runtime_sysmonLate judges one sleep of delay microseconds that was due
 * at due and ended at now (nanotime); runtime_sysmonCalm says whether
 * sysmon backs off at now; runtime_sysmonBackoff is its next sleep, in
 * microseconds, before the cap for plain threads' vacancy.
 */
typedef struct runtime_sysmonTicks {
	int64_t late;
	int64_t calm;
} runtime_sysmonTicks;
void runtime_sysmonTicksInit(runtime_sysmonTicks *t);
void runtime_sysmonLate(
    runtime_sysmonTicks *t, int64_t delay, int64_t due, int64_t now);
bool	runtime_sysmonCalm(const runtime_sysmonTicks *t, int64_t now);
int64_t runtime_sysmonBackoff(int64_t delay, int idle, bool calm);

#endif /* GONET_RUNTIME_IMPL_H */
