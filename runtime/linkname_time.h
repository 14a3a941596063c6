/*
 * gonet runtime: what package time links to, Go's go:linkname'd
 * time.startTimer, stopTimer, resetTimer, modTimer and Sleep, which the
 * runtime provides (runtime/time.c), and nothing else of the runtime.
 * Private: included by time/ and by runtime/runtime_impl.h.
 */
#ifndef GONET_RUNTIME_LINKNAME_TIME_H
#define GONET_RUNTIME_LINKNAME_TIME_H

#include <stdbool.h>
#include <stdint.h>

#include "runtime/linkname.h"

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

#endif /* GONET_RUNTIME_LINKNAME_TIME_H */
