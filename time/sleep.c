/*
 * C port of go1.19 src/time/sleep.go: Sleep, Timer, After and AfterFunc,
 * on the runtime's timers (Go's runtimeTimer is runtime_timer itself).
 */
#include <stdlib.h>

#include "time/time_impl.h"

/*
 * timer is the value behind a time_Timer: the public part first, so that
 * a time_Timer pointer is a timer pointer.
 */
typedef struct timer {
	time_Timer    pub;
	runtime_timer r;
	void (*f)(void *); /* AfterFunc's function */
	void *farg;
} timer;

void
time_Sleep(time_Duration d)
{
	runtime_timeSleep(d);
}

int64_t
time_when(time_Duration d)
{
	int64_t t;

	if (d <= 0)
		return runtime_nanotime();
	/* Go wraps and clamps a negative sum; C must not overflow. */
	if (__builtin_add_overflow(runtime_nanotime(), d, &t))
		t = INT64_MAX;
	return t;
}

/*
 * time_sendTime never blocks: the buffer holds one value, and a reader
 * that has not taken the last one does not want a second (Go's rule).
 */
void
time_sendTime(void *c, uintptr_t seq)
{
	time_Time now;

	(void)seq;
	now = time_Now();
	runtime_selectnbsend(c, &now);
}

static timer *
newTimer(time_Duration d, void (*f)(void *, uintptr_t))
{
	timer *t;

	t = runtime_malloc(sizeof(*t));
	t->r.when = time_when(d);
	t->r.f = f;
	t->r.arg = t;
	return t;
}

time_Timer *
time_NewTimer(time_Duration d)
{
	timer *t;

	t = newTimer(d, time_sendTime);
	t->pub.C = runtime_makechan(sizeof(time_Time), 1);
	t->r.arg = t->pub.C;
	runtime_startTimer(&t->r);
	return &t->pub;
}

bool
time_Timer_Stop(time_Timer *tp)
{
	timer *t;

	t = (timer *)tp;
	if (t->r.f == NULL)
		runtime_throw("time: Stop called on uninitialized Timer");
	return runtime_stopTimer(&t->r);
}

bool
time_Timer_Reset(time_Timer *tp, time_Duration d)
{
	timer *t;

	t = (timer *)tp;
	if (t->r.f == NULL)
		runtime_throw("time: Reset called on uninitialized Timer");
	return runtime_resetTimer(&t->r, time_when(d));
}

void
time_Timer_Free(time_Timer *tp)
{
	timer *t;

	if (tp == NULL)
		return;
	t = (timer *)tp;
	runtime_freetimer(&t->r);
	if (t->pub.C != NULL)
		runtime_hchan_Free(t->pub.C);
	free(t);
}

/*
 * afterSend is After's timer function: having sent, nothing refers to
 * the Timer any more (Go's collector would take it), so it frees it.
 */
static void
afterSend(void *arg, uintptr_t seq)
{
	timer *t;

	t = arg;
	time_sendTime(t->pub.C, seq);
	free(t);
}

runtime_hchan *
time_After(time_Duration d)
{
	timer	      *t;
	runtime_hchan *c;

	t = newTimer(d, afterSend);
	c = runtime_makechan(sizeof(time_Time), 1);
	t->pub.C = c;
	runtime_startTimer(&t->r);
	return c;
}

/* goFunc starts AfterFunc's function in a goroutine of its own. */
static void
goFunc(void *arg, uintptr_t seq)
{
	timer *t;

	(void)seq;
	t = arg;
	runtime_newproc(t->f, t->farg);
}

time_Timer *
time_AfterFunc(time_Duration d, void (*f)(void *arg), void *arg)
{
	timer *t;

	t = newTimer(d, goFunc);
	t->f = f;
	t->farg = arg;
	runtime_startTimer(&t->r);
	return &t->pub;
}
