/*
 * gonet runtime: what package sync links to beyond the semaphores of
 * runtime/linkname.h, Go's go:linkname'd notifyList calls (runtime/sema.c)
 * and canSpin/doSpin (proc.c), and nothing else of the runtime.  Private:
 * included by sync/ and by runtime/runtime_impl.h.
 */
#ifndef GONET_RUNTIME_LINKNAME_SYNC_H
#define GONET_RUNTIME_LINKNAME_SYNC_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime/linkname.h"

/*
 * The runtime's short locks (lock_futex.c, Go's runtime.mutex): a futex
 * word that is 0 unlocked, 1 locked, 2 locked with sleepers; a zeroed
 * runtime_mutex is unlocked.  Never held across a park except through
 * gopark's unlockf.  runtime2.h declares the calls.
 */
typedef struct runtime_mutex {
	_Atomic uint32_t key;
} runtime_mutex;

/*
 * runtime_notifyList is sync.Cond's wait list; sync's own copy of the
 * layout (sync_notifyList) must match, as Go checks with
 * runtime_notifyListCheck.  A zeroed list is empty.
 */
typedef struct runtime_notifyList {
	_Atomic uint32_t wait;
	_Atomic uint32_t notify;
	runtime_mutex	 lock;
	void		*head;
	void		*tail;
} runtime_notifyList;

uint32_t runtime_notifyListAdd(runtime_notifyList *l);
void	 runtime_notifyListWait(runtime_notifyList *l, uint32_t t);
void	 runtime_notifyListNotifyAll(runtime_notifyList *l);
void	 runtime_notifyListNotifyOne(runtime_notifyList *l);

/*
 * Go's sync.runtime_canSpin and runtime_doSpin (proc.c): whether a
 * sync.Mutex may busy-wait its i-th time, and one such wait.
 */
bool runtime_canSpin(int i);
void runtime_doSpin(void);

#endif /* GONET_RUNTIME_LINKNAME_SYNC_H */
