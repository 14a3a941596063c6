/*
 * gonet package sync: Go 1.19's sync.Mutex, RWMutex, WaitGroup, Once and
 * Cond, on the runtime's semaphores.  Public header.
 *
 * Every type's zero value is ready to use, as in Go:
 * `sync_Mutex mu = {0};`.  None may be copied after first use.  A waiter
 * parks through the runtime, so these work alike from goroutines and from
 * a program's own threads.  Misuse that Go reports with a fatal error or a
 * panic (unlocking an unlocked mutex, a negative WaitGroup counter) ends
 * the process with Go's message (runtime_throw).
 */
#ifndef GONET_SYNC_H
#define GONET_SYNC_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * sync_Locker is Go's Locker interface as a C closure: Lock and Unlock
 * called on self.  sync_Mutex_Locker and friends give the views Go gets
 * by converting *Mutex to Locker.
 */
typedef struct sync_Locker {
	void (*Lock)(void *self);
	void (*Unlock)(void *self);
	void *self;
} sync_Locker;

void sync_Locker_Lock(sync_Locker l);
void sync_Locker_Unlock(sync_Locker l);

/* sync_Mutex is Go's Mutex, with its starvation mode. */
typedef struct sync_Mutex {
	int32_t	 state;
	uint32_t sema;
} sync_Mutex;

void	    sync_Mutex_Lock(sync_Mutex *m);
bool	    sync_Mutex_TryLock(sync_Mutex *m);
void	    sync_Mutex_Unlock(sync_Mutex *m);
sync_Locker sync_Mutex_Locker(sync_Mutex *m);

/* sync_RWMutex is Go's RWMutex: a pending writer blocks new readers. */
typedef struct sync_RWMutex {
	sync_Mutex w;
	uint32_t   writerSem;
	uint32_t   readerSem;
	int32_t	   readerCount;
	int32_t	   readerWait;
} sync_RWMutex;

void	    sync_RWMutex_RLock(sync_RWMutex *rw);
bool	    sync_RWMutex_TryRLock(sync_RWMutex *rw);
void	    sync_RWMutex_RUnlock(sync_RWMutex *rw);
void	    sync_RWMutex_Lock(sync_RWMutex *rw);
bool	    sync_RWMutex_TryLock(sync_RWMutex *rw);
void	    sync_RWMutex_Unlock(sync_RWMutex *rw);
sync_Locker sync_RWMutex_Locker(sync_RWMutex *rw);
/* sync_RWMutex_RLocker is Go's rw.RLocker(): RLock and RUnlock. */
sync_Locker sync_RWMutex_RLocker(sync_RWMutex *rw);

/* sync_WaitGroup is Go's WaitGroup: a counter and its waiters. */
typedef struct sync_WaitGroup {
	uint64_t state; /* counter in the high 32 bits, waiters in the low */
	uint32_t sema;
} sync_WaitGroup;

void sync_WaitGroup_Add(sync_WaitGroup *wg, int delta);
void sync_WaitGroup_Done(sync_WaitGroup *wg);
void sync_WaitGroup_Wait(sync_WaitGroup *wg);

/* sync_Once is Go's Once: f(arg) runs at most once, the others wait. */
typedef struct sync_Once {
	uint32_t   done;
	sync_Mutex m;
} sync_Once;

void sync_Once_Do(sync_Once *o, void (*f)(void *arg), void *arg);

/*
 * sync_Cond is Go's Cond.  Set L before first use, or build one with
 * sync_NewCond, whose result the caller releases with free().
 */
typedef struct sync_notifyList {
	uint32_t wait;
	uint32_t notify;
	uint32_t lock;
	void	*head;
	void	*tail;
} sync_notifyList;

typedef struct sync_Cond {
	sync_Locker	L;
	sync_notifyList notify;
	uintptr_t	checker; /* Go's copyChecker: the Cond's address */
} sync_Cond;

sync_Cond *sync_NewCond(sync_Locker l);
void	   sync_Cond_Wait(sync_Cond *c);
void	   sync_Cond_Signal(sync_Cond *c);
void	   sync_Cond_Broadcast(sync_Cond *c);

#ifdef __cplusplus
}
#endif

#endif /* GONET_SYNC_H */
