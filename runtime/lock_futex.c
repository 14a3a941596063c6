/*
 * C port of go1.19 src/runtime/lock_futex.go: the runtime's own short
 * locks (lock, unlock), over the futex of os_linux.c.
 * built on: dragonfly freebsd linux
 *
 * These guard a few instructions (a semaphore's wait queue, a Cond's
 * notify list) and are never held across a park, except that gopark's
 * unlockf may release one after the goroutine is marked waiting, as Go's
 * goparkunlock does.  They block the thread, not the goroutine: under an
 * M:N scheduler that is what Go's runtime locks do too.
 */
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime_impl.h"

enum {
	mutex_unlocked = 0,
	mutex_locked = 1,
	mutex_sleeping = 2,

	active_spin = 4,
	active_spin_cnt = 30,
	passive_spin = 1
};

/* trylock takes l if it is free, leaving wait (locked or sleeping) in it. */
static bool
trylock(runtime_mutex *l, uint32_t wait)
{
	uint32_t v;

	while (atomic_load_explicit(&l->key, memory_order_relaxed) ==
	    mutex_unlocked) {
		v = mutex_unlocked;
		if (atomic_compare_exchange_strong(&l->key, &v, wait))
			return true;
	}
	return false;
}

void
runtime_lock(runtime_mutex *l)
{
	uint32_t v, wait;
	int	 i, spin;

	v = atomic_exchange(&l->key, mutex_locked);
	if (v == mutex_unlocked)
		return;
	/*
	 * A sleeper may have been waiting when we swapped in "locked": keep
	 * what we found, so that our unlock still wakes it.
	 */
	wait = v;
	spin = runtime_getncpu() > 1 ? active_spin : 0;
	for (;;) {
		for (i = 0; i < spin; i++) {
			if (trylock(l, wait))
				return;
			runtime_procyield(active_spin_cnt);
		}
		for (i = 0; i < passive_spin; i++) {
			if (trylock(l, wait))
				return;
			runtime_osyield();
		}
		v = atomic_exchange(&l->key, mutex_sleeping);
		if (v == mutex_unlocked)
			return;
		wait = mutex_sleeping;
		runtime_futexsleep(&l->key, mutex_sleeping, -1);
	}
}

void
runtime_unlock(runtime_mutex *l)
{
	uint32_t v;

	v = atomic_exchange(&l->key, mutex_unlocked);
	if (v == mutex_unlocked)
		runtime_throw("unlock of unlocked lock");
	if (v == mutex_sleeping)
		runtime_futexwakeup(&l->key, 1);
}
