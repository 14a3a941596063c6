/*
 * C port of go1.19 src/internal/poll/fd_mutex.go (kept in net/, as Go
 * 1.2-1.8 kept it), built on: all.
 */
#include <stdatomic.h>

#include "net/net_impl.h"

/*
 * fdMutex.state packs four things into one word so that a single
 * compare-and-swap moves between any two states:
 *	bit 0		the descriptor is closed (or closing)
 *	bit 1		the read lock is held
 *	bit 2		the write lock is held
 *	bits 3-22	references: one per lock holder or incref
 *	bits 23-42	readers sleeping on rsema
 *	bits 43-62	writers sleeping on wsema
 */
static const uint64_t mutexClosed = 1ull << 0;
static const uint64_t mutexRLock = 1ull << 1;
static const uint64_t mutexWLock = 1ull << 2;
static const uint64_t mutexRef = 1ull << 3;
static const uint64_t mutexRefMask = ((1ull << 20) - 1) << 3;
static const uint64_t mutexRWait = 1ull << 23;
static const uint64_t mutexRMask = ((1ull << 20) - 1) << 23;
static const uint64_t mutexWWait = 1ull << 43;
static const uint64_t mutexWMask = ((1ull << 20) - 1) << 43;

static const char overflowMsg[] =
    "too many concurrent operations on a single file or socket (max 1048575)";

/* net_fdMutex_incref adds a reference; it fails once the fd is closed. */
bool
net_fdMutex_incref(net_fdMutex *mu)
{
	uint64_t old, new;

	for (;;) {
		old = atomic_load(&mu->state);
		if ((old & mutexClosed) != 0)
			return false;
		new = old + mutexRef;
		if ((new &mutexRefMask) == 0)
			runtime_throw(overflowMsg);
		if (atomic_compare_exchange_weak(&mu->state, &old, new))
			return true;
	}
}

/*
 * net_fdMutex_increfAndClose marks the mutex closed and takes a reference
 * for the closer.  Every sleeping reader and writer is woken so that it
 * sees the closed bit and gives up; it reports false if already closed.
 */
bool
net_fdMutex_increfAndClose(net_fdMutex *mu)
{
	uint64_t old, new;

	for (;;) {
		old = atomic_load(&mu->state);
		if ((old & mutexClosed) != 0)
			return false;
		new = (old | mutexClosed) + mutexRef;
		if ((new &mutexRefMask) == 0)
			runtime_throw(overflowMsg);
		/* The sleepers are about to be woken: forget them. */
		new &= ~(mutexRMask | mutexWMask);
		if (atomic_compare_exchange_weak(&mu->state, &old, new)) {
			while ((old & mutexRMask) != 0) {
				old -= mutexRWait;
				runtime_Semrelease(&mu->rsema, false);
			}
			while ((old & mutexWMask) != 0) {
				old -= mutexWWait;
				runtime_Semrelease(&mu->wsema, false);
			}
			return true;
		}
	}
}

/*
 * net_fdMutex_decref drops a reference and reports whether it was the last
 * one of a closed mutex, in which case the caller must close the fd.
 */
bool
net_fdMutex_decref(net_fdMutex *mu)
{
	uint64_t old, new;

	for (;;) {
		old = atomic_load(&mu->state);
		if ((old & mutexRefMask) == 0)
			runtime_throw("inconsistent poll.fdMutex");
		new = old - mutexRef;
		if (atomic_compare_exchange_weak(&mu->state, &old, new))
			return (new &(mutexClosed | mutexRefMask)) ==
			    mutexClosed;
	}
}

/*
 * net_fdMutex_rwlock takes the read (read true) or write lock and a
 * reference, sleeping while another thread holds it; it fails once the
 * mutex is closed, including for a thread woken by the close.
 */
bool
net_fdMutex_rwlock(net_fdMutex *mu, bool read)
{
	uint64_t  mutexBit, mutexWait, mutexMask, old, new;
	uint32_t *mutexSema;

	if (read) {
		mutexBit = mutexRLock;
		mutexWait = mutexRWait;
		mutexMask = mutexRMask;
		mutexSema = &mu->rsema;
	} else {
		mutexBit = mutexWLock;
		mutexWait = mutexWWait;
		mutexMask = mutexWMask;
		mutexSema = &mu->wsema;
	}
	for (;;) {
		old = atomic_load(&mu->state);
		if ((old & mutexClosed) != 0)
			return false;
		if ((old & mutexBit) == 0) {
			/* Free: take it with a reference. */
			new = (old | mutexBit) + mutexRef;
			if ((new &mutexRefMask) == 0)
				runtime_throw(overflowMsg);
		} else {
			/* Held: count ourselves as a sleeper. */
			new = old + mutexWait;
			if ((new &mutexMask) == 0)
				runtime_throw(overflowMsg);
		}
		if (atomic_compare_exchange_weak(&mu->state, &old, new)) {
			if ((old & mutexBit) == 0)
				return true;
			runtime_Semacquire(mutexSema);
			/* The unlocker uncounted us; compete again. */
		}
	}
}

/*
 * net_fdMutex_rwunlock releases the lock and its reference, waking one
 * sleeper, and reports whether the fd must now be closed (see decref).
 */
bool
net_fdMutex_rwunlock(net_fdMutex *mu, bool read)
{
	uint64_t  mutexBit, mutexWait, mutexMask, old, new;
	uint32_t *mutexSema;

	if (read) {
		mutexBit = mutexRLock;
		mutexWait = mutexRWait;
		mutexMask = mutexRMask;
		mutexSema = &mu->rsema;
	} else {
		mutexBit = mutexWLock;
		mutexWait = mutexWWait;
		mutexMask = mutexWMask;
		mutexSema = &mu->wsema;
	}
	for (;;) {
		old = atomic_load(&mu->state);
		if ((old & mutexBit) == 0 || (old & mutexRefMask) == 0)
			runtime_throw("inconsistent poll.fdMutex");
		new = (old & ~mutexBit) - mutexRef;
		if ((old & mutexMask) != 0)
			new -= mutexWait;
		if (atomic_compare_exchange_weak(&mu->state, &old, new)) {
			if ((old & mutexMask) != 0)
				runtime_Semrelease(mutexSema, false);
			return (new &(mutexClosed | mutexRefMask)) ==
			    mutexClosed;
		}
	}
}

/*
 * FD's lock methods.  Whoever drops the last reference after
 * Close destroys the descriptor, so its number cannot be reused under a
 * running call.
 */
runtime_error *
poll_FD_incref(poll_FD *fd)
{
	if (!net_fdMutex_incref(&fd->fdmu))
		return net_ErrClosed;
	return NULL;
}

runtime_error *
poll_FD_decref(poll_FD *fd)
{
	if (net_fdMutex_decref(&fd->fdmu))
		return poll_FD_destroy(fd);
	return NULL;
}

runtime_error *
poll_FD_readLock(poll_FD *fd)
{
	if (!net_fdMutex_rwlock(&fd->fdmu, true))
		return net_ErrClosed;
	return NULL;
}

void
poll_FD_readUnlock(poll_FD *fd)
{
	if (net_fdMutex_rwunlock(&fd->fdmu, true))
		runtime_error_Free(poll_FD_destroy(fd));
}

runtime_error *
poll_FD_writeLock(poll_FD *fd)
{
	if (!net_fdMutex_rwlock(&fd->fdmu, false))
		return net_ErrClosed;
	return NULL;
}

void
poll_FD_writeUnlock(poll_FD *fd)
{
	if (net_fdMutex_rwunlock(&fd->fdmu, false))
		runtime_error_Free(poll_FD_destroy(fd));
}
