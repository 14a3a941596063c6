/*
 * C port of go1.19 src/sync/waitgroup.go: WaitGroup.
 *
 * state packs the counter (high 32 bits) and the number of waiters (low
 * 32 bits) into one word, so that Add can see both at once.  Go's panics
 * for misuse are fatal here (runtime_throw) with Go's messages.
 */
#include "sync/sync_impl.h"

static _Atomic uint64_t *
statep(sync_WaitGroup *wg)
{
	return (_Atomic uint64_t *)&wg->state;
}

void
sync_WaitGroup_Add(sync_WaitGroup *wg, int delta)
{
	uint64_t state;
	int32_t	 v;
	uint32_t w;

	state = atomic_fetch_add(statep(wg), (uint64_t)delta << 32) +
	    ((uint64_t)delta << 32);
	v = (int32_t)(state >> 32);
	w = (uint32_t)state;
	if (v < 0)
		runtime_throw("sync: negative WaitGroup counter");
	if (w != 0 && delta > 0 && v == (int32_t)delta)
		runtime_throw("sync: WaitGroup misuse: Add called concurrently "
			      "with Wait");
	if (v > 0 || w == 0)
		return;
	/*
	 * The counter reached zero with waiters: nothing may change the
	 * state now but us, so it is reset and the waiters released.
	 */
	if (atomic_load(statep(wg)) != state)
		runtime_throw("sync: WaitGroup misuse: Add called concurrently "
			      "with Wait");
	atomic_store(statep(wg), 0);
	for (; w != 0; w--)
		runtime_Semrelease(&wg->sema, false);
}

void
sync_WaitGroup_Done(sync_WaitGroup *wg)
{
	sync_WaitGroup_Add(wg, -1);
}

void
sync_WaitGroup_Wait(sync_WaitGroup *wg)
{
	uint64_t state;

	state = atomic_load(statep(wg));
	for (;;) {
		if ((int32_t)(state >> 32) == 0)
			return;
		if (atomic_compare_exchange_weak(statep(wg), &state, state + 1))
			break;
	}
	runtime_Semacquire(&wg->sema);
	if (atomic_load(statep(wg)) != 0)
		runtime_throw("sync: WaitGroup is reused before previous Wait "
			      "has returned");
}
