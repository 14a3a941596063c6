/*
 * gonet package time, the sleeping half: Sleep, Timer, After, AfterFunc,
 * Ticker and Tick, parking the caller on runtime timers, and the value
 * types Time and Duration with their methods.  Public header; it needs
 * only runtime/chan.h (a Timer's C), and runtime/runtime.h includes it,
 * so programs that include only the runtime's header keep compiling.
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
#include <stdint.h>

#include "runtime/chan.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Time and Duration, the part deadlines use.  A Duration is nanoseconds,
 * as in Go.  A Time carries wall-clock seconds counted from January 1, year 1
 * UTC (Go's internal epoch, so that the zero value is Go's zero Time) and, when
 * it came from time_Now, a monotonic reading that Sub, Before and After
 * prefer, exactly as Go does.
 */
typedef int64_t time_Duration;

#define time_Nanosecond	 ((time_Duration)1)
#define time_Microsecond ((time_Duration)1000 * time_Nanosecond)
#define time_Millisecond ((time_Duration)1000 * time_Microsecond)
#define time_Second	 ((time_Duration)1000 * time_Millisecond)
#define time_Minute	 ((time_Duration)60 * time_Second)
#define time_Hour	 ((time_Duration)60 * time_Minute)

typedef struct time_Time {
	int64_t sec;  /* seconds since January 1, year 1 00:00:00 UTC */
	int32_t nsec; /* [0, 999999999] */
	int64_t mono; /* CLOCK_MONOTONIC nanoseconds + 1; 0 means absent */
} time_Time;

time_Time     time_Now(void);
time_Time     time_Unix(int64_t sec, int64_t nsec);
time_Time     time_Time_Add(time_Time t, time_Duration d);
time_Duration time_Time_Sub(time_Time t, time_Time u);
bool	      time_Time_Before(time_Time t, time_Time u);
bool	      time_Time_After(time_Time t, time_Time u);
bool	      time_Time_Equal(time_Time t, time_Time u);
bool	      time_Time_IsZero(time_Time t);
int64_t	      time_Time_Unix(time_Time t);
int64_t	      time_Time_UnixNano(time_Time t);
time_Duration time_Since(time_Time t);
time_Duration time_Until(time_Time t);
/* time_Duration_String returns Go's d.String() in a malloc'd string. */
char *time_Duration_String(time_Duration d);

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
