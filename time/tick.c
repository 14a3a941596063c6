/*
 * C port of go1.19 src/time/tick.go: Ticker and Tick, a periodic runtime
 * timer sending on a channel of one value.
 */
#include <stdlib.h>

#include "time/time_impl.h"

/* ticker is the value behind a time_Ticker, the public part first. */
typedef struct ticker {
	time_Ticker   pub;
	runtime_timer r;
} ticker;

time_Ticker *
time_NewTicker(time_Duration d)
{
	ticker *t;

	if (d <= 0)
		runtime_throw("non-positive interval for NewTicker");
	/*
	 * One buffered value: a slow reader misses ticks rather than
	 * receiving a burst of stale ones.
	 */
	t = runtime_malloc(sizeof(*t));
	t->pub.C = runtime_makechan(sizeof(time_Time), 1);
	t->r.when = time_when(d);
	t->r.period = d;
	t->r.f = time_sendTime;
	t->r.arg = t->pub.C;
	runtime_startTimer(&t->r);
	return &t->pub;
}

void
time_Ticker_Stop(time_Ticker *tp)
{
	ticker *t;

	t = (ticker *)tp;
	runtime_stopTimer(&t->r);
}

void
time_Ticker_Reset(time_Ticker *tp, time_Duration d)
{
	ticker *t;

	if (d <= 0)
		runtime_throw("non-positive interval for Ticker.Reset");
	t = (ticker *)tp;
	if (t->r.f == NULL)
		runtime_throw("time: Reset called on uninitialized Ticker");
	runtime_modtimer(&t->r, time_when(d), d, t->r.f, t->r.arg, t->r.seq);
}

void
time_Ticker_Free(time_Ticker *tp)
{
	ticker *t;

	if (tp == NULL)
		return;
	t = (ticker *)tp;
	runtime_freetimer(&t->r);
	runtime_hchan_Free(t->pub.C);
	free(t);
}

runtime_hchan *
time_Tick(time_Duration d)
{
	if (d <= 0)
		return NULL;
	return time_NewTicker(d)->C;
}
