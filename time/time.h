/*
 * gonet package time, the sleeping half: Sleep, Timer, After, AfterFunc,
 * Ticker and Tick, parking the caller on runtime timers.  Public header.
 * Time, Duration and their methods are declared in runtime/runtime.h,
 * which this header includes.
 *
 * Memory.  Go collects a stopped or fired Timer; C cannot.  A Timer or
 * Ticker from time_NewTimer, time_AfterFunc or time_NewTicker is the
 * caller's, released with time_Timer_Free or time_Ticker_Free, which stop
 * it, wait until no timer function of it is still running, and free it
 * with its channel C.  Stop is Go's Stop: it only disarms, the value stays
 * usable (Reset), nothing is freed.  time_After's Timer frees itself when
 * it fires; its channel is the caller's, to be freed with
 * runtime_hchan_Free after a value was received from it (freeing it
 * earlier would let the firing timer send on freed memory: use NewTimer
 * and Free where a timeout may be abandoned, as Go's documentation
 * advises for efficiency).  time_Tick's Ticker is never freed, as in Go.
 */
#ifndef GONET_TIME_H
#define GONET_TIME_H

#include <stdbool.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* time_Sleep pauses the calling goroutine for at least d; d <= 0 returns. */
void time_Sleep(time_Duration d);

/*
 * time_Timer is Go's *Timer: C receives the current time_Time when the
 * timer fires (NULL for an AfterFunc timer).  Only C is public; the rest
 * of the value belongs to package time.
 */
typedef struct time_Timer {
	runtime_hchan *C;
} time_Timer;

time_Timer *time_NewTimer(time_Duration d);
/* Stop reports whether it stopped the timer before it fired. */
bool time_Timer_Stop(time_Timer *t);
/* Reset reports whether the timer was still armed (Go's Reset). */
bool	       time_Timer_Reset(time_Timer *t, time_Duration d);
void	       time_Timer_Free(time_Timer *t);
runtime_hchan *time_After(time_Duration d);
/*
 * time_AfterFunc runs f(arg) in its own goroutine once d has passed; the
 * Timer can stop it first.
 */
time_Timer *time_AfterFunc(time_Duration d, void (*f)(void *arg), void *arg);

/* time_Ticker is Go's *Ticker: C receives a time_Time every period. */
typedef struct time_Ticker {
	runtime_hchan *C;
} time_Ticker;

/* time_NewTicker throws on d <= 0, Go's panic. */
time_Ticker *time_NewTicker(time_Duration d);
void	     time_Ticker_Stop(time_Ticker *t);
void	     time_Ticker_Reset(time_Ticker *t, time_Duration d);
void	     time_Ticker_Free(time_Ticker *t);
/* time_Tick is NewTicker(d)->C, never freed; NULL (nil) for d <= 0. */
runtime_hchan *time_Tick(time_Duration d);

#ifdef __cplusplus
}
#endif

#endif /* GONET_TIME_H */
