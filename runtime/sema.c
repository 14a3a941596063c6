/*
 * C port, in role, of go1.19 src/runtime/sema.go: the semaphores behind
 * package sync.
 * built on: all (over the futex of os_<GOOS>.c)
 *
 * Go's sema parks goroutines on a treap of waiters keyed by address; with
 * one pthread per goroutine the kernel's futex queue is that treap.  An M:N
 * scheduler would route the sleep below through runtime_gopark and the
 * wake-up through runtime_goready instead.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime_impl.h"

/*
 * The callers' counts are plain uint32_t, as in Go; all access goes
 * through this view, which has the same size and alignment.
 */
static _Atomic uint32_t *
semaword(uint32_t *addr)
{
	return (_Atomic uint32_t *)addr;
}

/* cansemacquire takes one unit of the count if there is one. */
static int
cansemacquire(_Atomic uint32_t *addr)
{
	uint32_t v;

	v = atomic_load(addr);
	while (v != 0) {
		if (atomic_compare_exchange_weak(addr, &v, v - 1))
			return 1;
	}
	return 0;
}

/*
 * runtime_Semacquire waits until *addr > 0 and decrements it.  The sleep
 * happens only while the count reads 0, and every release both raises the
 * count and wakes a sleeper, so a release can never be slept through.
 */
void
runtime_Semacquire(uint32_t *addr)
{
	_Atomic uint32_t *a;

	a = semaword(addr);
	while (!cansemacquire(a))
		runtime_futexsleep(a, 0, -1);
}

/* runtime_Semrelease increments *addr and wakes one waiter, if any. */
void
runtime_Semrelease(uint32_t *addr)
{
	_Atomic uint32_t *a;

	a = semaword(addr);
	atomic_fetch_add(a, 1);
	runtime_futexwakeup(a, 1);
}
