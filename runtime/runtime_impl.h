/*
 * gonet runtime: declarations private to runtime/ and to the packages
 * that park goroutines or arm timers themselves (sync, time).  What the
 * other packages need is in runtime/linkname.h, which this includes.
 */
#ifndef GONET_RUNTIME_IMPL_H
#define GONET_RUNTIME_IMPL_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/linkname.h"
#include "runtime/runtime.h"

/*
 * The park/wake boundary (runtime/proc.c).  Go's internal/poll and sync
 * sleep through gopark and wake through goready; so does gonet, so that
 * nothing above runtime/ knows what a goroutine is.  Today a runtime_g is a
 * pthread; an M:N scheduler can replace proc.c behind the same calls.
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

/*
 * Timers, Go's runtime timers (runtime/time.c): f(arg, seq) runs on some
 * thread inside the scheduler, at or after when (runtime_nanotime units),
 * and again every period nanoseconds if period > 0.  A timer's memory must
 * stay valid while it is in the heap: pollDescs embed theirs and are never
 * freed; package time frees a Timer only after stopping it.  Deleting or
 * modifying a timer never waits for a running f; f must tolerate running
 * late (Go's seq).  status and index belong to runtime/time.c; a zeroed
 * timer is a new one.
 */
typedef struct runtime_timer {
	int64_t when;
	int64_t period;
	void (*f)(void *arg, uintptr_t seq);
	void	 *arg;
	uintptr_t seq;
	uint32_t  status; /* Go's timerNoStatus, timerWaiting, ... */
	int	  index;  /* heap slot + 1; 0 when not in the heap */
} runtime_timer;

/* runtime_modtimer arms t, or moves it; it reports whether t was pending. */
bool runtime_modtimer(runtime_timer *t, int64_t when, int64_t period,
    void (*f)(void *, uintptr_t), void *arg, uintptr_t seq);
/* runtime_deltimer disarms t; it reports whether t was still pending. */
bool runtime_deltimer(runtime_timer *t);
/* runtime_freetimer disarms t and waits for a running f (see time.c). */
void runtime_freetimer(runtime_timer *t);
/*
 * What package time links to (Go's time.startTimer and friends, which the
 * runtime provides): t's when, period, f, arg and seq are already set.
 */
void runtime_startTimer(runtime_timer *t);
bool runtime_stopTimer(runtime_timer *t);
bool runtime_resetTimer(runtime_timer *t, int64_t when);
/* runtime_timeSleep parks the caller for ns nanoseconds (time.Sleep). */
void runtime_timeSleep(int64_t ns);
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
 * The runtime's short locks (lock_futex.c, Go's runtime.mutex): a futex
 * word that is 0 unlocked, 1 locked, 2 locked with sleepers; a zeroed
 * runtime_mutex is unlocked.  Never held across a park except through
 * gopark's unlockf.  runtime2.h declares the calls.
 */
typedef struct runtime_mutex {
	_Atomic uint32_t key;
} runtime_mutex;

/*
 * runtime_notifyList is sync.Cond's wait list; sync's own copy of the
 * layout (sync_notifyList) must match, as Go checks with
 * runtime_notifyListCheck.  A zeroed list is empty.
 */
typedef struct runtime_notifyList {
	_Atomic uint32_t wait;
	_Atomic uint32_t notify;
	runtime_mutex	 lock;
	void		*head;
	void		*tail;
} runtime_notifyList;

uint32_t runtime_notifyListAdd(runtime_notifyList *l);
void	 runtime_notifyListWait(runtime_notifyList *l, uint32_t t);
void	 runtime_notifyListNotifyAll(runtime_notifyList *l);
void	 runtime_notifyListNotifyOne(runtime_notifyList *l);

/*
 * Go's sync.runtime_canSpin and runtime_doSpin (proc.c): whether a
 * sync.Mutex may busy-wait its i-th time, and one such wait.
 */
bool runtime_canSpin(int i);
void runtime_doSpin(void);
/* runtime_goyield lets another goroutine run before the caller goes on. */
void runtime_goyield(void);

#endif /* GONET_RUNTIME_IMPL_H */
