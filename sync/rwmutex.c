/*
 * C port of go1.19 src/sync/rwmutex.go: RWMutex.
 *
 * readerCount counts readers; a writer subtracts rwmutexMaxReaders from
 * it, so new readers see it negative and queue, and waits on writerSem
 * for the readerWait readers already inside to leave.
 */
#include "sync/sync_impl.h"

#define rwmutexMaxReaders (1 << 30)

static int32_t
add32(int32_t *p, int32_t delta)
{
	return atomic_fetch_add(sync_atomic32(p), delta) + delta;
}

void
sync_RWMutex_RLock(sync_RWMutex *rw)
{
	if (add32(&rw->readerCount, 1) < 0)
		runtime_SemacquireMutex(&rw->readerSem, false);
}

bool
sync_RWMutex_TryRLock(sync_RWMutex *rw)
{
	int32_t c;

	c = atomic_load(sync_atomic32(&rw->readerCount));
	for (;;) {
		if (c < 0)
			return false;
		if (atomic_compare_exchange_weak(
			sync_atomic32(&rw->readerCount), &c, c + 1))
			return true;
	}
}

static void
sync_RWMutex_rUnlockSlow(sync_RWMutex *rw, int32_t r)
{
	if (r + 1 == 0 || r + 1 == -rwmutexMaxReaders)
		runtime_throw("sync: RUnlock of unlocked RWMutex");
	/* The last reader a writer waits for lets it in. */
	if (add32(&rw->readerWait, -1) == 0)
		runtime_Semrelease(&rw->writerSem, false);
}

void
sync_RWMutex_RUnlock(sync_RWMutex *rw)
{
	int32_t r;

	r = add32(&rw->readerCount, -1);
	if (r < 0)
		sync_RWMutex_rUnlockSlow(rw, r);
}

void
sync_RWMutex_Lock(sync_RWMutex *rw)
{
	int32_t r;

	sync_Mutex_Lock(&rw->w);
	r = add32(&rw->readerCount, -rwmutexMaxReaders) + rwmutexMaxReaders;
	if (r != 0 && add32(&rw->readerWait, r) != 0)
		runtime_SemacquireMutex(&rw->writerSem, false);
}

bool
sync_RWMutex_TryLock(sync_RWMutex *rw)
{
	int32_t zero;

	if (!sync_Mutex_TryLock(&rw->w))
		return false;
	zero = 0;
	if (!atomic_compare_exchange_strong(
		sync_atomic32(&rw->readerCount), &zero, -rwmutexMaxReaders)) {
		sync_Mutex_Unlock(&rw->w);
		return false;
	}
	return true;
}

void
sync_RWMutex_Unlock(sync_RWMutex *rw)
{
	int32_t r, i;

	r = add32(&rw->readerCount, rwmutexMaxReaders);
	if (r >= rwmutexMaxReaders)
		runtime_throw("sync: Unlock of unlocked RWMutex");
	/* Let in the readers that queued behind us. */
	for (i = 0; i < r; i++)
		runtime_Semrelease(&rw->readerSem, false);
	sync_Mutex_Unlock(&rw->w);
}

static void
rwLock(void *self)
{
	sync_RWMutex_Lock(self);
}

static void
rwUnlock(void *self)
{
	sync_RWMutex_Unlock(self);
}

static void
rlockerLock(void *self)
{
	sync_RWMutex_RLock(self);
}

static void
rlockerUnlock(void *self)
{
	sync_RWMutex_RUnlock(self);
}

sync_Locker
sync_RWMutex_Locker(sync_RWMutex *rw)
{
	sync_Locker l = { rwLock, rwUnlock, rw };

	return l;
}

sync_Locker
sync_RWMutex_RLocker(sync_RWMutex *rw)
{
	sync_Locker l = { rlockerLock, rlockerUnlock, rw };

	return l;
}
