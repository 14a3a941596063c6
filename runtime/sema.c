/*
 * C port of go1.19 src/runtime/sema.go: the semaphores behind package sync
 * (semacquire1 with lifo, semrelease1 with handoff) and the notifyList
 * behind sync.Cond.
 * built on: all
 *
 * Waiters park through runtime_gopark and are woken with runtime_goready,
 * so the sleep itself belongs to the scheduler.  A waiter's sudog is
 * unlinked by whoever readies it, before the ready, and goes back to the
 * sudog cache once the waiter has woken.
 */
#include <stdatomic.h>
#include <stdint.h>

#include "runtime/runtime2.h"

/*
 * A waiter is Go's sudog (runtime2.h).  Go's semaRoot keeps the first
 * waiter of each address in a treap; gonet keeps them in a list linked
 * through next and prev (a root is shared only by the addresses that hash
 * to it, few in practice).  waitlink and waittail chain the other waiters
 * on the same address behind the first; ticket 1 means the releaser
 * handed the count over.
 */
typedef runtime_sudog sudog;

typedef struct semaRoot {
	runtime_mutex	 lock;
	sudog		*head;	/* first waiter of each address */
	_Atomic uint32_t nwait; /* waiters; read without the lock */
} semaRoot;

/* A prime, so the table does not correlate with allocation patterns. */
enum { semTabSize = 251 };

static struct {
	semaRoot root;
	char	 pad[64 - sizeof(semaRoot) % 64];
} semtable[semTabSize];

static semaRoot *
semroot(uint32_t *addr)
{
	return &semtable[((uintptr_t)addr >> 3) % semTabSize].root;
}

/* The callers' counts are plain uint32_t, as in Go; access is atomic. */
static _Atomic uint32_t *
semaword(uint32_t *addr)
{
	return (_Atomic uint32_t *)addr;
}

static bool
cansemacquire(uint32_t *addr)
{
	_Atomic uint32_t *a;
	uint32_t	  v;

	a = semaword(addr);
	v = atomic_load(a);
	while (v != 0) {
		if (atomic_compare_exchange_weak(a, &v, v - 1))
			return true;
	}
	return false;
}

/* replace puts s in t's place in the list of first waiters. */
static void
replace(semaRoot *root, sudog *t, sudog *s)
{
	s->prev = t->prev;
	s->next = t->next;
	if (s->prev != NULL)
		s->prev->next = s;
	else
		root->head = s;
	if (s->next != NULL)
		s->next->prev = s;
}

/* queue adds s, waiting on addr, to root: last, or first when lifo. */
static void
queue(semaRoot *root, uint32_t *addr, sudog *s, bool lifo)
{
	sudog *t;

	s->elem = addr;
	s->next = s->prev = s->waitlink = s->waittail = NULL;
	for (t = root->head; t != NULL; t = t->next) {
		if (t->elem != addr)
			continue;
		if (lifo) {
			replace(root, t, s);
			s->waitlink = t;
			s->waittail = t->waittail != NULL ? t->waittail : t;
			t->waittail = NULL;
			t->next = t->prev = NULL;
		} else {
			if (t->waittail == NULL)
				t->waitlink = s;
			else
				t->waittail->waitlink = s;
			t->waittail = s;
		}
		return;
	}
	s->next = root->head;
	if (root->head != NULL)
		root->head->prev = s;
	root->head = s;
}

/* dequeue removes and returns the first waiter on addr, or NULL. */
static sudog *
dequeue(semaRoot *root, uint32_t *addr)
{
	sudog *s, *t;

	for (s = root->head; s != NULL; s = s->next)
		if (s->elem == addr)
			break;
	if (s == NULL)
		return NULL;
	t = s->waitlink;
	if (t != NULL) {
		replace(root, s, t);
		t->waittail = t->waitlink != NULL ? s->waittail : NULL;
	} else {
		if (s->prev != NULL)
			s->prev->next = s->next;
		else
			root->head = s->next;
		if (s->next != NULL)
			s->next->prev = s->prev;
	}
	s->elem = NULL;
	s->next = s->prev = s->waitlink = s->waittail = NULL;
	return s;
}

/* unlockRoot is goparkunlock's unlockf: the lock is released once parked. */
static bool
unlockRoot(runtime_g *gp, void *arg)
{
	(void)gp;
	runtime_unlock(arg);
	return true;
}

/*
 * semacquire1 waits until *addr > 0 and decrements it.  Registering in
 * nwait before the last try is what keeps a release from being missed:
 * a release after that try sees the waiter and wakes it.
 */
static void
semacquire1(uint32_t *addr, bool lifo)
{
	semaRoot *root;
	sudog	 *s;

	if (cansemacquire(addr))
		return;
	root = semroot(addr);
	s = runtime_acquireSudog();
	s->g = runtime_getg();
	s->ticket = 0;
	for (;;) {
		runtime_lock(&root->lock);
		atomic_fetch_add(&root->nwait, 1);
		if (cansemacquire(addr)) {
			atomic_fetch_sub(&root->nwait, 1);
			runtime_unlock(&root->lock);
			break;
		}
		queue(root, addr, s, lifo);
		runtime_gopark(unlockRoot, &root->lock);
		if (s->ticket != 0 || cansemacquire(addr))
			break;
	}
	s->g = NULL;
	runtime_releaseSudog(s);
}

/*
 * semrelease1 increments *addr and readies one waiter.  With handoff, the
 * count is taken on the waiter's behalf (ticket) and the releaser yields,
 * so that a starving sync.Mutex waiter runs at once rather than losing
 * the count to a newcomer.
 */
static void
semrelease1(uint32_t *addr, bool handoff)
{
	semaRoot *root;
	sudog	 *s;
	bool	  handed;

	root = semroot(addr);
	atomic_fetch_add(semaword(addr), 1);
	if (atomic_load(&root->nwait) == 0)
		return;
	runtime_lock(&root->lock);
	if (atomic_load(&root->nwait) == 0) {
		runtime_unlock(&root->lock);
		return;
	}
	s = dequeue(root, addr);
	if (s != NULL)
		atomic_fetch_sub(&root->nwait, 1);
	runtime_unlock(&root->lock);
	if (s == NULL)
		return;
	if (s->ticket != 0)
		runtime_throw("corrupted semaphore ticket");
	if (handoff && cansemacquire(addr))
		s->ticket = 1;
	/* s is the waiter's once it runs: read it before the ready. */
	handed = s->ticket == 1;
	runtime_goready(s->g);
	if (handed)
		runtime_goyield();
}

void
runtime_Semacquire(uint32_t *addr)
{
	semacquire1(addr, false);
}

void
runtime_SemacquireMutex(uint32_t *addr, bool lifo)
{
	semacquire1(addr, lifo);
}

void
runtime_Semrelease(uint32_t *addr, bool handoff)
{
	semrelease1(addr, handoff);
}

/*
 * notifyList is sync.Cond's wait list: a waiter takes a ticket with
 * notifyListAdd before unlocking the Cond's lock, and waits for that
 * ticket in notifyListWait, so a Signal between the two is not lost.
 * wait is the next ticket to hand out, notify the next to wake.
 */
static bool
less(uint32_t a, uint32_t b)
{
	return (int32_t)(a - b) < 0;
}

uint32_t
runtime_notifyListAdd(runtime_notifyList *l)
{
	return atomic_fetch_add(&l->wait, 1);
}

void
runtime_notifyListWait(runtime_notifyList *l, uint32_t t)
{
	sudog *s;

	runtime_lock(&l->lock);
	if (less(t, atomic_load(&l->notify))) {
		runtime_unlock(&l->lock);
		return;
	}
	s = runtime_acquireSudog();
	s->g = runtime_getg();
	s->ticket = t;
	if (l->tail == NULL)
		l->head = s;
	else
		((sudog *)l->tail)->next = s;
	l->tail = s;
	runtime_gopark(unlockRoot, &l->lock);
	s->g = NULL;
	runtime_releaseSudog(s);
}

void
runtime_notifyListNotifyAll(runtime_notifyList *l)
{
	sudog *s, *next;

	if (atomic_load(&l->wait) == atomic_load(&l->notify))
		return;
	runtime_lock(&l->lock);
	s = l->head;
	l->head = NULL;
	l->tail = NULL;
	atomic_store(&l->notify, atomic_load(&l->wait));
	runtime_unlock(&l->lock);
	for (; s != NULL; s = next) {
		next = s->next;
		s->next = NULL;
		runtime_goready(s->g);
	}
}

void
runtime_notifyListNotifyOne(runtime_notifyList *l)
{
	sudog	*p, *s;
	uint32_t t;

	if (atomic_load(&l->wait) == atomic_load(&l->notify))
		return;
	runtime_lock(&l->lock);
	t = atomic_load(&l->notify);
	if (t == atomic_load(&l->wait)) {
		runtime_unlock(&l->lock);
		return;
	}
	atomic_store(&l->notify, t + 1);
	/*
	 * The waiter holding ticket t may not have queued yet; it will see
	 * notify past its ticket and not sleep.
	 */
	for (p = NULL, s = l->head; s != NULL; p = s, s = s->next) {
		if (s->ticket != t)
			continue;
		if (p != NULL)
			p->next = s->next;
		else
			l->head = s->next;
		if (s->next == NULL)
			l->tail = p;
		runtime_unlock(&l->lock);
		s->next = NULL;
		runtime_goready(s->g);
		return;
	}
	runtime_unlock(&l->lock);
}
