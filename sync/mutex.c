/*
 * C port of go1.19 src/sync/mutex.go: Mutex with its starvation mode, and
 * the Locker interface.
 *
 * In normal mode a woken waiter competes with newcomers, which usually
 * win (they are already running); a waiter that has waited more than
 * starvationThresholdNs switches the mutex to starvation mode, where
 * Unlock hands it straight to the first waiter (runtime_Semrelease with
 * handoff) and newcomers queue behind.
 */
#include "sync/sync_impl.h"

enum {
	mutexLocked = 1,
	mutexWoken = 2,
	mutexStarving = 4,
	mutexWaiterShift = 3
};

#define starvationThresholdNs 1000000

void
sync_Locker_Lock(sync_Locker l)
{
	l.Lock(l.self);
}

void
sync_Locker_Unlock(sync_Locker l)
{
	l.Unlock(l.self);
}

static int32_t
loadState(sync_Mutex *m)
{
	return atomic_load_explicit(
	    sync_atomic32(&m->state), memory_order_relaxed);
}

static bool
casState(sync_Mutex *m, int32_t old, int32_t new)
{
	return atomic_compare_exchange_strong(
	    sync_atomic32(&m->state), &old, new);
}

static void sync_Mutex_lockSlow(sync_Mutex *m);
static void sync_Mutex_unlockSlow(sync_Mutex *m, int32_t new);

void
sync_Mutex_Lock(sync_Mutex *m)
{
	if (casState(m, 0, mutexLocked))
		return;
	sync_Mutex_lockSlow(m);
}

bool
sync_Mutex_TryLock(sync_Mutex *m)
{
	int32_t old;

	old = loadState(m);
	if ((old & (mutexLocked | mutexStarving)) != 0)
		return false;
	/* There may be waiters, but none is owed the lock: take it. */
	return casState(m, old, old | mutexLocked);
}

/*
 * lockwait is the state lockSlow tries to install from old: locked (unless
 * starving: then it is the first waiter's), one more waiter if we must
 * wait, starving if we have waited too long, without the woken flag we
 * held.
 */
static int32_t
lockwait(int32_t old, bool starving, bool awoke)
{
	int32_t new;

	new = old;
	if ((old & mutexStarving) == 0)
		new |= mutexLocked;
	if ((old & (mutexLocked | mutexStarving)) != 0)
		new += 1 << mutexWaiterShift;
	if (starving && (old & mutexLocked) != 0)
		new |= mutexStarving;
	if (awoke) {
		if ((new &mutexWoken) == 0)
			runtime_throw("sync: inconsistent mutex state");
		new &= ~mutexWoken;
	}
	return new;
}

/*
 * takeHandoff completes a handoff in starvation mode: the mutex is ours,
 * we stop being a waiter, and the last (or a no longer starving) waiter
 * returns the mutex to normal mode.
 */
static void
takeHandoff(sync_Mutex *m, int32_t old, bool starving)
{
	int32_t delta;

	if ((old & (mutexLocked | mutexWoken)) != 0 ||
	    old >> mutexWaiterShift == 0)
		runtime_throw("sync: inconsistent mutex state");
	delta = mutexLocked - (1 << mutexWaiterShift);
	if (!starving || old >> mutexWaiterShift == 1)
		delta -= mutexStarving;
	atomic_fetch_add(sync_atomic32(&m->state), delta);
}

static void
sync_Mutex_lockSlow(sync_Mutex *m)
{
	int64_t waitStartTime;
	int32_t old, new;
	bool	starving, awoke, queueLifo;
	int	iter;

	waitStartTime = 0;
	starving = awoke = false;
	iter = 0;
	old = loadState(m);
	for (;;) {
		/* Spin while it is held in normal mode, if spinning pays. */
		if ((old & (mutexLocked | mutexStarving)) == mutexLocked &&
		    runtime_canSpin(iter)) {
			/* Tell Unlock not to wake anyone: we are awake. */
			if (!awoke && (old & mutexWoken) == 0 &&
			    old >> mutexWaiterShift != 0 &&
			    casState(m, old, old | mutexWoken))
				awoke = true;
			runtime_doSpin();
			iter++;
			old = loadState(m);
			continue;
		}
		new = lockwait(old, starving, awoke);
		if (!casState(m, old, new)) {
			old = loadState(m);
			continue;
		}
		if ((old & (mutexLocked | mutexStarving)) == 0)
			break;
		/* A waiter that already waited goes first in the queue. */
		queueLifo = waitStartTime != 0;
		if (waitStartTime == 0)
			waitStartTime = runtime_nanotime();
		runtime_SemacquireMutex(&m->sema, queueLifo);
		starving = starving ||
		    runtime_nanotime() - waitStartTime > starvationThresholdNs;
		old = loadState(m);
		if ((old & mutexStarving) != 0) {
			takeHandoff(m, old, starving);
			break;
		}
		awoke = true;
		iter = 0;
	}
}

void
sync_Mutex_Unlock(sync_Mutex *m)
{
	int32_t new;

	new = atomic_fetch_sub(sync_atomic32(&m->state), mutexLocked) -
	    mutexLocked;
	if (new != 0)
		sync_Mutex_unlockSlow(m, new);
}

static void
sync_Mutex_unlockSlow(sync_Mutex *m, int32_t new)
{
	int32_t old;

	if (((new + mutexLocked) & mutexLocked) == 0)
		runtime_throw("sync: unlock of unlocked mutex");
	if ((new &mutexStarving) != 0) {
		/* Hand the mutex to the first waiter and let it run. */
		runtime_Semrelease(&m->sema, true);
		return;
	}
	old = new;
	for (;;) {
		/*
		 * Nobody to wake, or someone already took, woke or was
		 * handed the lock.
		 */
		if (old >> mutexWaiterShift == 0 ||
		    (old & (mutexLocked | mutexWoken | mutexStarving)) != 0)
			return;
		new = (old - (1 << mutexWaiterShift)) | mutexWoken;
		if (casState(m, old, new)) {
			runtime_Semrelease(&m->sema, false);
			return;
		}
		old = loadState(m);
	}
}

static void
mutexLock(void *self)
{
	sync_Mutex_Lock(self);
}

static void
mutexUnlock(void *self)
{
	sync_Mutex_Unlock(self);
}

sync_Locker
sync_Mutex_Locker(sync_Mutex *m)
{
	sync_Locker l = { mutexLock, mutexUnlock, m };

	return l;
}
