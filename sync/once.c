/*
 * C port of go1.19 src/sync/once.go: Once.
 *
 * done is set only after f returns, so a caller that sees it set also sees
 * everything f did; callers that arrive while f runs wait on the mutex.
 */
#include "sync/sync_impl.h"

static void
sync_Once_doSlow(sync_Once *o, void (*f)(void *), void *arg)
{
	sync_Mutex_Lock(&o->m);
	if (atomic_load_explicit(
		sync_atomicU32(&o->done), memory_order_relaxed) == 0) {
		f(arg);
		atomic_store(sync_atomicU32(&o->done), 1);
	}
	sync_Mutex_Unlock(&o->m);
}

void
sync_Once_Do(sync_Once *o, void (*f)(void *arg), void *arg)
{
	if (atomic_load(sync_atomicU32(&o->done)) == 0)
		sync_Once_doSlow(o, f, arg);
}
