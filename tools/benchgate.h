/*
 * benchgate.h: the gate that holds a benchmark's client threads until
 * all are ready (tools/bench.c's thread build and tools/bench_raw.c).
 *
 * The timing thread calls gateReady, which returns once all n threads
 * wait, reads its clock, then calls gateOpen: the order of the Go
 * program's ready.Wait, time.Now and close(start), so that the dials
 * before the gate are setup and not timed.  The threads sleep on one
 * futex word that gateOpen sets before it wakes them all, so the release
 * is one wake-up each, as pthread_barrier_wait's, and a thread that comes
 * late sees the word and does not sleep.  bench.c's goroutine build has
 * a gate of its own with the same four calls.
 */
#ifndef BENCHGATE_H
#define BENCHGATE_H

#include <linux/futex.h>
#include <sys/syscall.h>

#include <limits.h>
#include <stdatomic.h>
#include <unistd.h>

typedef struct gate {
	_Atomic int waiting; /* threads that reached the gate */
	_Atomic int open;    /* 1 once gateOpen ran */
	int	    n;
} gate;

static inline void
futexWait(_Atomic int *addr, int val)
{
	syscall(SYS_futex, (int *)addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
}

static inline void
futexWakeAll(_Atomic int *addr)
{
	syscall(
	    SYS_futex, (int *)addr, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static inline void
gateInit(gate *g, long n)
{
	atomic_init(&g->waiting, 0);
	atomic_init(&g->open, 0);
	g->n = (int)n;
}

/* gateWait is a client's wait; the last one wakes the timer. */
static inline void
gateWait(gate *g)
{
	if (atomic_fetch_add(&g->waiting, 1) + 1 == g->n)
		futexWakeAll(&g->waiting);
	while (atomic_load(&g->open) == 0)
		futexWait(&g->open, 0);
}

static inline void
gateReady(gate *g)
{
	int w;

	while ((w = atomic_load(&g->waiting)) < g->n)
		futexWait(&g->waiting, w);
}

static inline void
gateOpen(gate *g)
{
	atomic_store(&g->open, 1);
	futexWakeAll(&g->open);
}

#endif /* BENCHGATE_H */
