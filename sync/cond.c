/*
 * C port of go1.19 src/sync/cond.go: Cond, on the runtime's notifyList.
 */
#include <stdlib.h>

#include "sync/sync_impl.h"

/* Go's runtime_notifyListCheck, at compile time. */
_Static_assert(sizeof(sync_notifyList) == sizeof(runtime_notifyList),
    "sync_notifyList and runtime_notifyList differ");

static runtime_notifyList *
notifyList(sync_Cond *c)
{
	return (runtime_notifyList *)&c->notify;
}

sync_Cond *
sync_NewCond(sync_Locker l)
{
	sync_Cond *c;

	c = runtime_malloc(sizeof(*c));
	c->L = l;
	return c;
}

/*
 * copyCheck is Go's copyChecker: the first use records the Cond's address,
 * and a Cond found at another address was copied after use.
 */
static void
copyCheck(sync_Cond *c)
{
	_Atomic uintptr_t *p;
	uintptr_t	   self, old;

	p = (_Atomic uintptr_t *)&c->checker;
	self = (uintptr_t)&c->checker;
	old = atomic_load(p);
	if (old == self)
		return;
	if (old == 0 && atomic_compare_exchange_strong(p, &old, self))
		return;
	if (old != self)
		runtime_throw("sync.Cond is copied");
}

void
sync_Cond_Wait(sync_Cond *c)
{
	uint32_t t;

	copyCheck(c);
	/* The ticket is taken under L, so no Signal after Unlock is lost. */
	t = runtime_notifyListAdd(notifyList(c));
	sync_Locker_Unlock(c->L);
	runtime_notifyListWait(notifyList(c), t);
	sync_Locker_Lock(c->L);
}

void
sync_Cond_Signal(sync_Cond *c)
{
	copyCheck(c);
	runtime_notifyListNotifyOne(notifyList(c));
}

void
sync_Cond_Broadcast(sync_Cond *c)
{
	copyCheck(c);
	runtime_notifyListNotifyAll(notifyList(c));
}
