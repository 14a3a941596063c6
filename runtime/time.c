/*
 * C port of go1.19 src/runtime/time.go: the runtime timers under package
 * time and the poller's deadlines.
 * built on: all
 *
 * Go keeps a heap per P and lets other Ps mark a timer deleted or
 * modified without taking that P's lock; the heap's owner applies the
 * change later.  gonet has one heap under one lock (timersLock), so every
 * change is applied at once and a timer is only ever seen in Go's stable
 * states: timerNoStatus (never added, or run), timerWaiting (in the heap),
 * timerRunning (being taken off the heap to run) and timerRemoved
 * (deleted).  Go's transient states (timerDeleted, timerRemoving,
 * timerModifying, timerModifiedEarlier, timerModifiedLater, timerMoving)
 * exist to hand a change to the heap's owner; they return with per-P
 * heaps.  Applying a deletion at once is also what lets package time free
 * a stopped Timer: a lazily deleted timer would still be in the heap.
 *
 * Who runs the timers is proc.c's business (the poller, or timerproc);
 * it calls runtime_runtimers and learns the next deadline from it, and
 * runtime/time.c tells it about an earlier deadline with wakeNetPoller.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime2.h"

enum {
	timerNoStatus = 0,
	timerWaiting = 1,
	timerRunning = 2,
	timerRemoved = 3
};

#define maxWhen INT64_MAX

/*
 * timerRun records, on the runner's stack, whose f a thread is running,
 * so that runtime_freetimer can wait for it without touching the timer.
 */
typedef struct timerRun timerRun;
struct timerRun {
	runtime_timer *t;
	timerRun      *next;
};

static struct {
	runtime_mutex	timersLock;
	runtime_timer **t; /* a binary min-heap on when */
	int		n;
	int		cap;
	timerRun       *running; /* fs being run now */
	/* when of the heap's top, 0 if empty: read without the lock. */
	_Atomic int64_t when0;
} timers;

/* updateWhen0 publishes the heap's top; timersLock held. */
static void
updateWhen0(void)
{
	atomic_store(&timers.when0, timers.n > 0 ? timers.t[0]->when : 0);
}

int64_t
runtime_timer0when(void)
{
	return atomic_load(&timers.when0);
}

static void
timerswap(int i, int j)
{
	runtime_timer *t;

	t = timers.t[i];
	timers.t[i] = timers.t[j];
	timers.t[j] = t;
	timers.t[i]->index = i + 1;
	timers.t[j]->index = j + 1;
}

static void
siftupTimer(int i)
{
	int p;

	while (i > 0) {
		p = (i - 1) / 2;
		if (timers.t[p]->when <= timers.t[i]->when)
			break;
		timerswap(i, p);
		i = p;
	}
}

static void
siftdownTimer(int i)
{
	int c, n;

	n = timers.n;
	for (;;) {
		c = 2 * i + 1;
		if (c >= n)
			break;
		if (c + 1 < n && timers.t[c + 1]->when < timers.t[c]->when)
			c++;
		if (timers.t[i]->when <= timers.t[c]->when)
			break;
		timerswap(i, c);
		i = c;
	}
}

/* doaddtimer adds t to the heap.  Called with timersLock held. */
static void
doaddtimer(runtime_timer *t)
{
	if (timers.n == timers.cap) {
		timers.cap = timers.cap * 2 + 16;
		timers.t = runtime_realloc(
		    timers.t, (size_t)timers.cap * sizeof(timers.t[0]));
	}
	timers.t[timers.n] = t;
	t->index = ++timers.n;
	siftupTimer(timers.n - 1);
}

/* dodeltimer removes t from the heap.  Called with timersLock held. */
static void
dodeltimer(runtime_timer *t)
{
	int i, last;

	i = t->index - 1;
	last = --timers.n;
	if (i != last) {
		timers.t[i] = timers.t[last];
		timers.t[i]->index = i + 1;
	}
	timers.t[last] = NULL;
	t->index = 0;
	if (i != last) {
		siftupTimer(i);
		siftdownTimer(i);
	}
}

/*
 * modtimer arms t (when it is new, run or removed) or moves it (when it
 * is waiting) and reports whether it was waiting.  Whoever runs timers is
 * told only if t is now due before every other timer: the one that was
 * first already has somebody waking for it, no later than t.  Go tells
 * it of every new timer and of every one moved earlier (a later move is
 * timerModifiedLater, told to nobody); with one heap the test can be
 * exact, and a read deadline pushed on by every Read wakes nobody.
 */
bool
runtime_modtimer(runtime_timer *t, int64_t when, int64_t period,
    void (*f)(void *, uintptr_t), void *arg, uintptr_t seq)
{
	bool pending, first;

	if (when <= 0)
		runtime_throw("timer when must be positive");
	if (period < 0)
		runtime_throw("timer period must be non-negative");
	runtime_lock(&timers.timersLock);
	pending = t->status == timerWaiting;
	first = timers.n == 0 || when < timers.t[0]->when;
	t->when = when;
	t->period = period;
	t->f = f;
	t->arg = arg;
	t->seq = seq;
	if (pending) {
		siftupTimer(t->index - 1);
		siftdownTimer(t->index - 1);
	} else {
		doaddtimer(t);
		t->status = timerWaiting;
	}
	updateWhen0();
	runtime_unlock(&timers.timersLock);
	if (first)
		runtime_wakeNetPoller(when);
	return pending;
}

bool
runtime_deltimer(runtime_timer *t)
{
	bool pending;

	runtime_lock(&timers.timersLock);
	pending = t->status == timerWaiting;
	if (pending) {
		dodeltimer(t);
		t->status = timerRemoved;
	}
	updateWhen0();
	runtime_unlock(&timers.timersLock);
	return pending;
}

/* resettimer rearms t at when with its own function (Go's resettimer). */
static bool
resettimer(runtime_timer *t, int64_t when)
{
	return runtime_modtimer(t, when, t->period, t->f, t->arg, t->seq);
}

void
runtime_startTimer(runtime_timer *t)
{
	if (t->status != timerNoStatus)
		runtime_throw("addtimer called with initialized timer");
	runtime_modtimer(t, t->when, t->period, t->f, t->arg, t->seq);
}

bool
runtime_stopTimer(runtime_timer *t)
{
	return runtime_deltimer(t);
}

bool
runtime_resetTimer(runtime_timer *t, int64_t when)
{
	return resettimer(t, when);
}

/*
 * runOneTimer takes the expired t off the heap (or moves a periodic t to
 * its next period) and runs f without the lock, so that f may arm timers
 * and ready goroutines.  t may be rearmed, or freed (a sleeper's stack
 * timer), once the lock is dropped, so what f needs is copied first and
 * t is not touched after f.  Called and returns with
 * timersLock held.
 */
static void
runOneTimer(runtime_timer *t, int64_t now)
{
	void (*f)(void *, uintptr_t);
	void	 *arg;
	uintptr_t seq;
	int64_t	  delta;
	timerRun  run, **pp;

	t->status = timerRunning;
	f = t->f;
	arg = t->arg;
	seq = t->seq;
	if (t->period > 0) {
		/* Skip the periods missed, as Go does: no burst of ticks. */
		delta = t->when - now;
		if (__builtin_mul_overflow(
			t->period, 1 + -delta / t->period, &delta) ||
		    __builtin_add_overflow(t->when, delta, &t->when) ||
		    t->when < 0)
			t->when = maxWhen; /* Go wraps, then clamps */
		siftdownTimer(0);
		t->status = timerWaiting;
	} else {
		dodeltimer(t);
		t->status = timerNoStatus;
	}
	run.t = t;
	run.next = timers.running;
	timers.running = &run;
	updateWhen0();
	runtime_unlock(&timers.timersLock);
	f(arg, seq);
	runtime_lock(&timers.timersLock);
	for (pp = &timers.running; *pp != &run; pp = &(*pp)->next)
		;
	*pp = run.next;
}

/* running reports whether some thread is running t's f. */
static bool
running(runtime_timer *t)
{
	timerRun *r;

	for (r = timers.running; r != NULL; r = r->next)
		if (r->t == t)
			return true;
	return false;
}

/*
 * runtime_freetimer disarms t and waits until no thread is still running
 * its f, so that t and what f uses may be freed: Go's collector gives
 * that guarantee for free.  f never blocks (package time's send without
 * waiting, or starting a goroutine), so a yield loop is enough; f must not
 * free its own timer.
 */
void
runtime_freetimer(runtime_timer *t)
{
	runtime_lock(&timers.timersLock);
	if (t->status == timerWaiting)
		dodeltimer(t);
	t->status = timerRemoved;
	while (running(t)) {
		updateWhen0();
		runtime_unlock(&timers.timersLock);
		runtime_osyield();
		runtime_lock(&timers.timersLock);
	}
	updateWhen0();
	runtime_unlock(&timers.timersLock);
}

/*
 * runtime_runtimers runs every expired timer and returns the time the
 * earliest remaining one is due, or 0 when there is none.  Called without
 * the scheduler's lock; several threads may run timers at once.
 */
int64_t
runtime_runtimers(void)
{
	runtime_timer *t;
	int64_t	       now, next;

	now = runtime_nanotime();
	runtime_lock(&timers.timersLock);
	for (;;) {
		next = 0;
		if (timers.n == 0)
			break;
		t = timers.t[0];
		next = t->when;
		if (next > now)
			break;
		runOneTimer(t, now);
	}
	updateWhen0();
	runtime_unlock(&timers.timersLock);
	return next;
}

/* runtime_nexttimer returns when the earliest timer is due, or 0. */
int64_t
runtime_nexttimer(void)
{
	int64_t next;

	runtime_lock(&timers.timersLock);
	next = timers.n > 0 ? timers.t[0]->when : 0;
	updateWhen0();
	runtime_unlock(&timers.timersLock);
	return next;
}

/* goroutineReady is a sleeping goroutine's timer function. */
static void
goroutineReady(void *arg, uintptr_t seq)
{
	(void)seq;
	runtime_goready(arg);
}

struct sleepArg {
	runtime_timer *t;
	int64_t	       when;
};

/*
 * resetForSleep arms the sleep timer only once the goroutine is marked
 * waiting, so the timer cannot ready it before it parks.
 */
static bool
resetForSleep(runtime_g *gp, void *arg)
{
	struct sleepArg *sa;

	(void)gp;
	sa = arg;
	resettimer(sa->t, sa->when);
	return true;
}

/*
 * runtime_timeSleep parks the caller until ns nanoseconds have passed.
 * Go keeps the timer in the g; here it lives on the sleeper's stack,
 * which is valid until the timer has run and readied it.
 */
void
runtime_timeSleep(int64_t ns)
{
	runtime_timer	t = { 0 };
	struct sleepArg sa;

	if (ns <= 0)
		return;
	t.f = goroutineReady;
	t.arg = runtime_getg();
	sa.t = &t;
	/* Go wraps and clamps a negative sum; C must not overflow. */
	if (__builtin_add_overflow(runtime_nanotime(), ns, &sa.when))
		sa.when = maxWhen;
	runtime_gopark(resetForSleep, &sa);
}
