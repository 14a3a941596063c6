/*
 * C port of go1.19 src/runtime/lock_futex.go: the runtime's own mutex
 * over futexsleep/futexwakeup.
 * built on: dragonfly freebsd linux
 *
 * A thread that finds the lock taken spins briefly (the holder is on
 * another CPU and will be done soon), then yields once, then sleeps on the
 * key with the key marked "sleeping" so that the unlocker knows to wake
 * it.  Once a thread has seen "sleeping" it must leave that mark when it
 * takes the lock, because other sleepers may still be queued behind it.
 *
 * Every change of the key is a C11 atomic exchange or compare-and-swap
 * (sequentially consistent, so acquire on lock and release on unlock);
 * ThreadSanitizer models those, so it sees the happens-before the lock
 * gives without annotations.  The futex calls only sleep and wake.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime2.h"

enum {
	mutex_unlocked = 0,
	mutex_locked = 1,
	mutex_sleeping = 2,

	active_spin = 4,
	active_spin_cnt = 30,
	passive_spin = 1
};

/*
 * trylock takes l if it reads unlocked, leaving wait in the key so that a
 * thread that has slept keeps the sleeping mark.
 */
static bool
trylock(runtime_mutex *l, uint32_t wait)
{
	uint32_t old;

	while (atomic_load_explicit(&l->key, memory_order_relaxed) ==
	    mutex_unlocked) {
		old = mutex_unlocked;
		if (atomic_compare_exchange_weak(&l->key, &old, wait))
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
	wait = v;
	spin = 0;
	if (runtime_getncpu() > 1)
		spin = active_spin;
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

/*
 * runtime_unlock releases l.  The wake-up may reach l's memory after
 * another thread has taken, released and recycled it; that is why the
 * objects that embed a runtime_mutex (hchans) are recycled, never given
 * back to the system: a late wake-up is then only spurious.
 */
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
