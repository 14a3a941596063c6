/*
 * C port of go1.19 src/runtime/proc.go: the G/M/P scheduler.
 * built on: all
 *
 * Goroutines (G) have stacks of their own (stack.c) and run on threads (M)
 * that hold one of GOMAXPROCS processors (P).  Each P has a local run
 * queue with a runnext slot; there is a global queue behind them; an M
 * with nothing to run steals from other Ps, then polls the network, then
 * sleeps on its note.  A goroutine leaves the CPU only by parking
 * (gopark), yielding (Gosched) or returning: there is no preemption in C
 * (docs/DESIGN.md says what that means for a goroutine that never blocks).
 *
 * What differs from Go, and why:
 * - Timers are one heap (runtime/time.c), not one per P: any M in the
 *   scheduler runs the expired ones, and sysmon runs them when every P
 *   is busy, since a goroutine that never parks cannot be preempted to
 *   let its P run them.
 * - Plain threads.  A thread the runtime did not start (main before any
 *   goroutine, a user's pthread) gets a g with plain set and no M.  It
 *   parks on the futex of its status word, like the thread-per-goroutine
 *   runtime before this one, and is woken by whoever readies it: another
 *   thread, a goroutine, or the M that polls the network.  When nobody
 *   is polling, a parking plain thread polls itself (plainpoll), so that
 *   a program without goroutines pays one wake-up per message, as a
 *   blocking read would.
 * - There is no GC, so no stop-the-world: GOMAXPROCS can grow at once and
 *   shrinks as the surplus Ps next schedule or go idle (procresize); the
 *   others steal from a surplus P meanwhile (stealSurplus).
 * - C may sleep in the kernel where the runtime cannot see it, keeping
 *   its P; sysmon then adds a stand-in P (standinlook), where Go's cgo
 *   calls lose theirs as system calls do.
 * - A goroutine that wrote to a connection whose other end this process
 *   reads gets that reader into runnext, as a channel send would
 *   (pollwrote); Go leaves it to whichever P polls next.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/chan.h"
#include "runtime/netpoll.h"
#include "runtime/runtime2.h"

/* Go's _MaxGomaxprocs: the Ps that can ever exist. */
enum { maxGomaxprocs = 1024 };

/* randomOrder and randomEnum: Go's steal order (see gcd below). */
typedef struct randomOrder {
	uint32_t count;
	uint32_t ncoprimes;
	uint32_t coprimes[]; /* the numbers in [1, count] coprime to it */
} randomOrder;

typedef struct randomEnum {
	uint32_t i, count, pos, inc;
} randomEnum;

/* stealOrder is the current order; stealOrders keeps one per count. */
static randomOrder *_Atomic stealOrder;
static randomOrder	   *stealOrders[maxGomaxprocs + 1]; /* sched.lock */

/*
 * forcePollNs is Go's 10 ms of sysmon: it polls the network when nobody
 * has for this long, retakes a P from a call this old even with nothing
 * queued, and sleeps at most this long while every P is idle.
 */
enum { forcePollNs = 10 * 1000 * 1000 };

/* forcePreemptNs is Go's bound on one time slice. */
enum { forcePreemptNs = 10 * 1000 * 1000 };

/*
 * vacancyMax bounds how long the poller role may stay vacant while
 * someone waits on the network or a timer (see plainleave): sysmon looks
 * at least this often then, and polls when nobody has for this long.
 */
enum { vacancyMax = 1000 * 1000 };

/*
 * spinMaxNs is a plain thread's spin length when it starts and after a
 * failure (plainspin, spinjudge); spinjudge may double it.
 */
enum { spinMaxNs = 50 * 1000 };

static struct {
	runtime_mutex	 lock;
	_Atomic uint64_t goidgen;
	/*
	 * lastpoll is when the network was last polled, or 0 while some
	 * thread is blocked in netpoll; pollUntil is when that thread will
	 * wake up on its own (0: never).
	 */
	_Atomic int64_t lastpoll;
	_Atomic int64_t pollUntil;
	/* timersOnly is set while that thread sleeps for timers alone. */
	_Atomic bool timersOnly;

	runtime_m      *midle; /* idle Ms, sleeping on their park note */
	int32_t		nmidle;
	int64_t		mnext;
	runtime_m      *allm;
	runtime_p      *pidle; /* idle Ps */
	_Atomic int32_t npidle;
	_Atomic int32_t nmspinning;

	runtime_gQueue	runq; /* the global run queue */
	_Atomic int32_t runqsize;

	runtime_mutex	gFreeLock;   /* guards both (Go's sched.gFree.lock) */
	runtime_gList	gFree;	     /* dead gs, stacks as they left them */
	runtime_gList	gFreeShrunk; /* dead gs, stacks shrunk */
	_Atomic int32_t gFreeN;	     /* on either list */
	_Atomic int32_t gFreeDirty;  /* on gFree */
	runtime_gList	plainFree; /* gs of plain threads that ended */
	runtime_g      *allgs;

	runtime_mutex  sudoglock; /* the central sudog cache */
	runtime_sudog *sudogcache;

	_Atomic int32_t ngoroutines;

	/*
	 * sysmon sleeps on sysmonnote while every P is idle, with
	 * sysmonwait set; the next system call (or P taken out of a system
	 * call) wakes it.
	 */
	_Atomic uint32_t sysmonwait;
	_Atomic uint32_t sysmonnote;
	/*
	 * idlespinning: an M spins in pollblock with every P idle
	 * (idlespin), so sysmon does not go to sleep on sysmonnote.
	 */
	_Atomic bool idlespinning;
} sched;

/*
 * allp holds every P ever made; gomaxprocs of them are in use: the
 * program's setting (gomaxprocsSet, under sched.lock) plus a stand-in
 * for each P whose M sleeps in a call the runtime never saw (standin).
 */
static runtime_p *_Atomic allp[maxGomaxprocs];
static _Atomic int32_t	  nallp;
static _Atomic int32_t	  gomaxprocs;
static int32_t		  gomaxprocsSet;

/*
 * idlepMask has a bit for each P on the idle list (Go's pMask), so that
 * stealWork and workqueued pass over idle Ps without reading their
 * queues, which pidleput has checked are empty.  Written under
 * sched.lock, read without it.
 */
static _Atomic uint32_t idlepMask[maxGomaxprocs / 32];

static bool
pMask_read(_Atomic uint32_t *mask, int32_t id)
{
	return (atomic_load(&mask[id / 32]) & (1u << (id % 32))) != 0;
}

static void
pMask_set(_Atomic uint32_t *mask, int32_t id)
{
	atomic_fetch_or(&mask[id / 32], 1u << (id % 32));
}

static void
pMask_clear(_Atomic uint32_t *mask, int32_t id)
{
	atomic_fetch_and(&mask[id / 32], ~(1u << (id % 32)));
}

static pthread_once_t schedOnce = PTHREAD_ONCE_INIT;
static pthread_key_t  plainkey;

/*
 * The running g and M of this thread.  They are read only through the
 * out-of-line getters below: a goroutine may resume on another thread
 * after any park, and the compiler must not reuse a thread-local address
 * it computed before the switch.
 */
static _Thread_local runtime_g *g_;
static _Thread_local runtime_m *m_;

static __attribute__((noinline)) runtime_g *
getg(void)
{
	return g_;
}

static __attribute__((noinline)) runtime_m *
getm(void)
{
	return m_;
}

static __attribute__((noinline)) void
setg(runtime_g *gp)
{
	g_ = gp;
}

static void	      schedinit(void);
static _Noreturn void schedule(void);
static void	      runqput(runtime_p *pp, runtime_g *gp, bool next);
static void	      wakep(void);
static void	      startm(runtime_p *pp, bool spinning);
static void	      newsysmon(void);
static void	      startTemplateThread(void);
static void	      stopm(void);
static void	      injectglist(runtime_gList *glist);

void
runtime_gList_push(runtime_gList *l, runtime_g *gp)
{
	gp->schedlink = l->head;
	l->head = gp;
}

runtime_g *
runtime_gList_pop(runtime_gList *l)
{
	runtime_g *gp;

	gp = l->head;
	if (gp != NULL)
		l->head = gp->schedlink;
	return gp;
}

static void
gQueue_pushBack(runtime_gQueue *q, runtime_g *gp)
{
	gp->schedlink = NULL;
	if (q->tail != NULL)
		q->tail->schedlink = gp;
	else
		q->head = gp;
	q->tail = gp;
}

/* gList_pushAll is Go's gList.pushAll: all of q at the front of l. */
static void
gList_pushAll(runtime_gList *l, runtime_gQueue *q)
{
	if (q->head == NULL)
		return;
	q->tail->schedlink = l->head;
	l->head = q->head;
	q->head = q->tail = NULL;
}

static runtime_g *
gQueue_pop(runtime_gQueue *q)
{
	runtime_g *gp;

	gp = q->head;
	if (gp != NULL) {
		q->head = gp->schedlink;
		if (q->head == NULL)
			q->tail = NULL;
	}
	return gp;
}

/* casgstatus moves gp from oldval to newval; anything else is a bug. */
static void
casgstatus(runtime_g *gp, uint32_t oldval, uint32_t newval)
{
	uint32_t old;

	old = oldval;
	if (!atomic_compare_exchange_strong(&gp->atomicstatus, &old, newval)) {
		fprintf(stderr, "runtime: casgstatus: %u -> %u, found %u\n",
		    oldval, newval, old);
		runtime_throw("casgstatus: bad incoming values");
	}
}

/*
 * Notes, Go's one-shot wake-ups for Ms (lock_futex.go): a futex word that
 * is 0 until notewakeup.
 */
static void
notesleep(_Atomic uint32_t *n)
{
	while (atomic_load(n) == 0)
		runtime_futexsleep(n, 0, -1);
}

static void
notewakeup(_Atomic uint32_t *n)
{
	if (atomic_exchange(n, 1) != 0)
		runtime_throw("notewakeup - double wakeup");
	runtime_futexwakeup(n, 1);
}

/* notetsleep sleeps until notewakeup or for ns, and says which. */
static bool
notetsleep(_Atomic uint32_t *n, int64_t ns)
{
	int64_t deadline, now;

	deadline = runtime_nanotime() + ns;
	while (atomic_load(n) == 0) {
		now = runtime_nanotime();
		if (now >= deadline)
			break;
		runtime_futexsleep(n, 0, deadline - now);
	}
	return atomic_load(n) != 0;
}

/* Plain threads: the g of a thread the runtime did not start. */

/* plainexit recycles a plain thread's g when the thread ends. */
static void
plainexit(void *arg)
{
	runtime_g *gp;

	gp = arg;
	setg(NULL); /* a later destructor that parks gets a fresh g */
	runtime_lock(&sched.lock);
	runtime_gList_push(&sched.plainFree, gp);
	runtime_unlock(&sched.lock);
}

/* plaing returns a g for the calling plain thread. */
static runtime_g *
plaing(void)
{
	runtime_g *gp;

	pthread_once(&schedOnce, schedinit);
	runtime_lock(&sched.lock);
	/* Plain gs are recycled among themselves: they have no stack. */
	gp = runtime_gList_pop(&sched.plainFree);
	if (gp != NULL && gp->eventfd == -2)
		gp->eventfd = -1; /* a new thread: may try again */
	if (gp == NULL) {
		gp = runtime_malloc(sizeof(*gp));
		gp->plain = true;
		gp->eventfd = -1;
		gp->alllink = sched.allgs;
		sched.allgs = gp;
	}
	runtime_unlock(&sched.lock);
	gp->schedlink = NULL;
	gp->param = NULL;
	gp->waiting = NULL;
	gp->spinon = false; /* a new thread learns afresh */
	gp->spinback = 0;
	gp->spincool = 0;
	gp->spinlen = spinMaxNs;
	gp->spinshort = false;
	gp->spinwork = false;
	gp->spinbywork = false;
	gp->workback = 0;
	gp->workcool = 0;
	gp->waitdone = 0;
	gp->spinsince = UINT32_MAX; /* no late spin yet */
	gp->spinyields = 0;
	gp->waitslept = false;
	gp->kwaitok = 0; /* a new thread: its mask and id are its own */
	atomic_store(&gp->selectDone, 0);
	atomic_store(&gp->atomicstatus, Grunning);
	if (pthread_setspecific(plainkey, gp) != 0)
		runtime_throw("runtime: pthread_setspecific failed");
	return gp;
}

runtime_g *
runtime_getg(void)
{
	runtime_g *gp;

	gp = getg();
	if (gp == NULL) {
		gp = plaing();
		setg(gp);
	}
	return gp;
}

/* Ps. */

static int32_t
getgomaxprocs(void)
{
	return atomic_load_explicit(&gomaxprocs, memory_order_relaxed);
}

/* pidleput puts pp on the idle list (or retires it).  sched.lock held. */
static void
pidleput(runtime_p *pp)
{
	if (atomic_load(&pp->runqhead) != atomic_load(&pp->runqtail) ||
	    atomic_load(&pp->runnext) != NULL)
		runtime_throw("pidleput: P has non-empty run queue");
	pp->m = NULL;
	if (pp->id >= getgomaxprocs()) {
		/* Beyond GOMAXPROCS: retired until procresize wants it. */
		atomic_store(&pp->status, Pdead);
		return;
	}
	atomic_store(&pp->status, Pidle);
	pMask_set(idlepMask, pp->id);
	pp->link = sched.pidle;
	sched.pidle = pp;
	atomic_fetch_add(&sched.npidle, 1);
}

/* pidleget takes an idle P, or returns NULL.  sched.lock held. */
static runtime_p *
pidleget(void)
{
	runtime_p *pp;

	while ((pp = sched.pidle) != NULL) {
		sched.pidle = pp->link;
		pMask_clear(idlepMask, pp->id);
		atomic_fetch_sub(&sched.npidle, 1);
		if (pp->id < getgomaxprocs())
			return pp;
		atomic_store(&pp->status, Pdead); /* shrunk meanwhile */
	}
	return NULL;
}

/*
 * acquirep associates pp with the current M (Go's acquirep, whose checks
 * are in wirep: hence their messages).
 */
static void
acquirep(runtime_p *pp)
{
	runtime_m *mp;

	mp = getm();
	if (mp->p != NULL)
		runtime_throw("wirep: already in go");
	if (pp->m != NULL || atomic_load(&pp->status) != Pidle)
		runtime_throw("wirep: invalid p state");
	mp->p = pp;
	pp->m = mp;
	atomic_store_explicit(&pp->mtid, mp->procid, memory_order_relaxed);
	atomic_store(&pp->status, Prunning);
}

/* releasep disassociates the current M from its P and returns the P. */
static runtime_p *
releasep(void)
{
	runtime_m *mp;
	runtime_p *pp;

	mp = getm();
	pp = mp->p;
	if (pp == NULL)
		runtime_throw("releasep: invalid arg");
	if (pp->m != mp || atomic_load(&pp->status) != Prunning)
		runtime_throw("releasep: invalid p state");
	mp->p = NULL;
	pp->m = NULL;
	atomic_store(&pp->status, Pidle);
	return pp;
}

/*
 * randomOrder is Go's steal order: start at a random P and step by a
 * number coprime to the count, so one pass meets every P once and
 * thieves spread over the Ps instead of all hitting the same neighbour.
 * A randomOrder is immutable once published: procresize keeps one per
 * count and swaps the pointer, so thieves read it without sched.lock
 * while GOMAXPROCS changes (Go resizes with the world stopped).
 */
static uint32_t
gcd(uint32_t a, uint32_t b)
{
	uint32_t t;

	while (b != 0) {
		t = a % b;
		a = b;
		b = t;
	}
	return a;
}

/* randomOrder_reset fills ord, which has room for count coprimes. */
static void
randomOrder_reset(randomOrder *ord, uint32_t count)
{
	uint32_t i;

	ord->count = count;
	ord->ncoprimes = 0;
	for (i = 1; i <= count; i++)
		if (gcd(i, count) == 1)
			ord->coprimes[ord->ncoprimes++] = i;
}

static randomEnum
randomOrder_start(const randomOrder *ord, uint32_t i)
{
	randomEnum e;

	e.i = 0;
	e.count = ord->count;
	e.pos = i % ord->count;
	e.inc = ord->coprimes[i / ord->count % ord->ncoprimes];
	return e;
}

static bool
randomEnum_done(const randomEnum *e)
{
	return e->i == e->count;
}

static void
randomEnum_next(randomEnum *e)
{
	e->i++;
	e->pos = (e->pos + e->inc) % e->count;
}

static uint32_t
randomEnum_position(const randomEnum *e)
{
	return e->pos;
}

static randomOrder *
randomOrder_new(uint32_t count)
{
	randomOrder *ord;

	ord = runtime_malloc(sizeof(*ord) + count * sizeof(ord->coprimes[0]));
	randomOrder_reset(ord, count);
	return ord;
}

/* setStealOrder publishes the order for nprocs Ps.  sched.lock held. */
static void
setStealOrder(int32_t nprocs)
{
	if (stealOrders[nprocs] == NULL)
		stealOrders[nprocs] = randomOrder_new((uint32_t)nprocs);
	atomic_store(&stealOrder, stealOrders[nprocs]);
}

/*
 * pidletrim takes the idle Ps beyond nprocs off the idle list, so that
 * npidle counts only Ps that can be had (stand-ins come and go often, and
 * standinwanted reads npidle).  sched.lock held.
 */
static void
pidletrim(int32_t nprocs)
{
	runtime_p **link, *pp;

	link = &sched.pidle;
	while ((pp = *link) != NULL) {
		if (pp->id < nprocs) {
			link = &pp->link;
			continue;
		}
		*link = pp->link;
		pMask_clear(idlepMask, pp->id);
		atomic_fetch_sub(&sched.npidle, 1);
		atomic_store(&pp->status, Pdead);
	}
}

/*
 * procresize makes nprocs Ps usable.  New Ps go idle at once, idle Ps
 * beyond nprocs die at once, and running ones retire as they next
 * schedule or go idle (there is no stop-the-world to take them from
 * running goroutines).  sched.lock held.
 */
static void
procresize(int32_t nprocs)
{
	runtime_p *pp;
	int32_t	   i, n;

	atomic_store(&gomaxprocs, nprocs);
	pidletrim(nprocs);
	n = atomic_load(&nallp);
	for (i = 0; i < nprocs; i++) {
		if (i >= n) {
			pp = runtime_malloc(sizeof(*pp));
			pp->id = i;
			atomic_store(&pp->status, Pdead);
			atomic_store(&allp[i], pp);
			atomic_store(&nallp, i + 1);
		}
		pp = atomic_load(&allp[i]);
		if (atomic_load(&pp->status) == Pdead)
			pidleput(pp);
	}
	setStealOrder(nprocs);
}

static void standinsresize(void);

int
runtime_GOMAXPROCS(int n)
{
	int32_t old;

	pthread_once(&schedOnce, schedinit);
	runtime_lock(&sched.lock);
	old = gomaxprocsSet;
	if (n > maxGomaxprocs)
		n = maxGomaxprocs;
	if (n > 0 && n != old) {
		gomaxprocsSet = n;
		standinsresize();
	}
	runtime_unlock(&sched.lock);
	if (n > old)
		wakep();
	return old;
}

/* Run queues. */

static bool
runqempty(runtime_p *pp)
{
	uint32_t   head, tail;
	runtime_g *next;

	/* Go's loop: a g moving from runnext to the ring is seen once. */
	for (;;) {
		head = atomic_load(&pp->runqhead);
		tail = atomic_load(&pp->runqtail);
		next = atomic_load(&pp->runnext);
		if (tail == atomic_load(&pp->runqtail))
			return head == tail && next == NULL;
	}
}

/* globrunqput puts gp on the global queue.  sched.lock held. */
static void
globrunqput(runtime_g *gp)
{
	gQueue_pushBack(&sched.runq, gp);
	atomic_fetch_add(&sched.runqsize, 1);
}

/*
 * globrunqputbatch puts the n gs of q at the tail of the global queue,
 * leaving q empty.  sched.lock held.
 */
static void
globrunqputbatch(runtime_gQueue *q, int32_t n)
{
	if (q->head == NULL)
		return;
	if (sched.runq.tail != NULL)
		sched.runq.tail->schedlink = q->head;
	else
		sched.runq.head = q->head;
	sched.runq.tail = q->tail;
	atomic_fetch_add(&sched.runqsize, n);
	q->head = q->tail = NULL;
}

/* globrunqputlock is globrunqput for a caller without sched.lock. */
static void
globrunqputlock(runtime_g *gp)
{
	runtime_lock(&sched.lock);
	globrunqput(gp);
	runtime_unlock(&sched.lock);
}

/*
 * globrunqget takes a batch from the global queue into pp's, returning
 * one g to run; max bounds the batch (0: no bound).  sched.lock held.
 */
static runtime_g *
globrunqget(runtime_p *pp, int32_t max)
{
	runtime_g *gp, *gp1;
	int32_t	   n, size;

	size = atomic_load(&sched.runqsize);
	if (size == 0)
		return NULL;
	n = size / getgomaxprocs() + 1;
	if (n > size)
		n = size;
	if (max > 0 && n > max)
		n = max;
	if (n > runqSize / 2)
		n = runqSize / 2;
	atomic_fetch_sub(&sched.runqsize, n);
	gp = gQueue_pop(&sched.runq);
	for (n--; n > 0; n--) {
		gp1 = gQueue_pop(&sched.runq);
		runqput(pp, gp1, false);
	}
	return gp;
}

/*
 * randomizeScheduler is Go's: in a TSan build (Go's -race) the run
 * queues take goroutines in a shuffled order, so that a suite passing
 * there cannot be leaning on the order goroutines happen to run in.
 */
#define randomizeScheduler runtime_raceenabled

/*
 * runqshuffle shuffles pp's n ring slots from base on (Fisher-Yates),
 * slots past the published tail that no thief reads yet.  Owner only.
 */
static void
runqshuffle(runtime_p *pp, uint32_t base, uint32_t n)
{
	runtime_g *_Atomic *si, *_Atomic *sj;
	runtime_g *gi;
	uint32_t   i;

	for (i = 1; i < n; i++) {
		si = &pp->runq[(base + i) % runqSize];
		sj = &pp->runq[(base + runtime_fastrandn(i + 1)) % runqSize];
		gi = atomic_load_explicit(si, memory_order_relaxed);
		atomic_store_explicit(si,
		    atomic_load_explicit(sj, memory_order_relaxed),
		    memory_order_relaxed);
		atomic_store_explicit(sj, gi, memory_order_relaxed);
	}
}

/*
 * runqputslow moves half of pp's full ring plus gp to the global queue.
 * It fails if a thief got there first.  Owner only.
 */
static bool
runqputslow(runtime_p *pp, runtime_g *gp, uint32_t h, uint32_t t)
{
	runtime_g     *batch[runqSize / 2 + 1];
	runtime_gQueue q;
	uint32_t       n, i, j;

	n = (t - h) / 2;
	if (n != runqSize / 2)
		runtime_throw("runqputslow: queue is not full");
	for (i = 0; i < n; i++)
		batch[i] = atomic_load_explicit(
		    &pp->runq[(h + i) % runqSize], memory_order_relaxed);
	if (!atomic_compare_exchange_strong(&pp->runqhead, &h, h + n))
		return false;
	batch[n] = gp;
	for (i = 1; randomizeScheduler && i <= n; i++) {
		j = runtime_fastrandn(i + 1);
		gp = batch[i];
		batch[i] = batch[j];
		batch[j] = gp;
	}
	q.head = q.tail = NULL;
	for (i = 0; i <= n; i++)
		gQueue_pushBack(&q, batch[i]);
	runtime_lock(&sched.lock);
	globrunqputbatch(&q, (int32_t)n + 1);
	runtime_unlock(&sched.lock);
	return true;
}

/*
 * runqput puts gp on pp's queue: in runnext when next is true (kicking
 * the old runnext to the tail), else at the tail.  Owner only.
 */
static void
runqput(runtime_p *pp, runtime_g *gp, bool next)
{
	runtime_g *old;
	uint32_t   h, t;

	if (randomizeScheduler && next && runtime_fastrandn(2) == 0)
		next = false;
	if (next) {
		old = atomic_load(&pp->runnext);
		while (!atomic_compare_exchange_weak(&pp->runnext, &old, gp))
			;
		if (old == NULL)
			return;
		gp = old;
	}
	for (;;) {
		h = atomic_load_explicit(&pp->runqhead, memory_order_acquire);
		t = atomic_load_explicit(&pp->runqtail, memory_order_relaxed);
		if (t - h < runqSize) {
			atomic_store_explicit(
			    &pp->runq[t % runqSize], gp, memory_order_relaxed);
			atomic_store_explicit(
			    &pp->runqtail, t + 1, memory_order_release);
			return;
		}
		if (runqputslow(pp, gp, h, t))
			return;
	}
}

/*
 * runqputbatch puts the n gs of q at the tail of pp's queue, publishing
 * them with one store of the tail; those that do not fit go to the
 * global queue.  Owner only.
 */
static void
runqputbatch(runtime_p *pp, runtime_gQueue *q, int32_t n)
{
	uint32_t h, t, t0;

	h = atomic_load_explicit(&pp->runqhead, memory_order_acquire);
	t = t0 = atomic_load_explicit(&pp->runqtail, memory_order_relaxed);
	while (q->head != NULL && t - h < runqSize) {
		atomic_store_explicit(&pp->runq[t % runqSize], gQueue_pop(q),
		    memory_order_relaxed);
		t++;
		n--;
	}
	if (randomizeScheduler)
		runqshuffle(pp, t0, t - t0);
	atomic_store_explicit(&pp->runqtail, t, memory_order_release);
	if (q->head != NULL) {
		runtime_lock(&sched.lock);
		globrunqputbatch(q, n);
		runtime_unlock(&sched.lock);
	}
}

/*
 * runqget takes a g from pp's queue; *inheritTime says it came from
 * runnext and so shares the time slice of the g that readied it.  Owner
 * only.
 */
static runtime_g *
runqget(runtime_p *pp, bool *inheritTime)
{
	runtime_g *next, *gp;
	uint32_t   h, t;

	next = atomic_load(&pp->runnext);
	if (next != NULL &&
	    atomic_compare_exchange_strong(&pp->runnext, &next, NULL)) {
		*inheritTime = true;
		return next;
	}
	*inheritTime = false;
	for (;;) {
		h = atomic_load_explicit(&pp->runqhead, memory_order_acquire);
		t = atomic_load_explicit(&pp->runqtail, memory_order_relaxed);
		if (t == h)
			return NULL;
		gp = atomic_load_explicit(
		    &pp->runq[h % runqSize], memory_order_relaxed);
		if (atomic_compare_exchange_weak_explicit(&pp->runqhead, &h,
			h + 1, memory_order_release, memory_order_relaxed))
			return gp;
	}
}

/*
 * runqgrab copies half of pp's queue into batch[batchHead...] and returns
 * how many; stealRunNextG lets it take runnext too, after giving pp's M a
 * moment to run it itself (Go's 3 us).
 */
static uint32_t
runqgrab(
    runtime_p *pp, runtime_g **batch, uint32_t batchHead, bool stealRunNextG)
{
	runtime_g *next;
	uint32_t   h, t, n, i;

	for (;;) {
		h = atomic_load_explicit(&pp->runqhead, memory_order_acquire);
		t = atomic_load_explicit(&pp->runqtail, memory_order_acquire);
		n = t - h;
		n = n - n / 2;
		if (n == 0) {
			if (!stealRunNextG)
				return 0;
			next = atomic_load(&pp->runnext);
			if (next == NULL)
				return 0;
			if (atomic_load(&pp->status) == Prunning)
				runtime_usleep(3);
			if (!atomic_compare_exchange_strong(
				&pp->runnext, &next, NULL))
				continue;
			batch[batchHead % runqSize] = next;
			return 1;
		}
		if (n > runqSize / 2)
			continue; /* read inconsistent h and t */
		for (i = 0; i < n; i++)
			batch[(batchHead + i) % runqSize] =
			    atomic_load_explicit(&pp->runq[(h + i) % runqSize],
				memory_order_relaxed);
		if (atomic_compare_exchange_weak_explicit(&pp->runqhead, &h,
			h + n, memory_order_release, memory_order_relaxed))
			return n;
	}
}

/* runqsteal moves half of p2's queue to pp's and returns one g of it. */
static runtime_g *
runqsteal(runtime_p *pp, runtime_p *p2, bool stealRunNextG)
{
	runtime_g *batch[runqSize], *gp;
	uint32_t   n, t, h, i;

	t = atomic_load_explicit(&pp->runqtail, memory_order_relaxed);
	n = runqgrab(p2, batch, 0, stealRunNextG);
	if (n == 0)
		return NULL;
	n--;
	gp = batch[n];
	if (n == 0)
		return gp;
	h = atomic_load_explicit(&pp->runqhead, memory_order_acquire);
	if (t - h + n >= runqSize)
		runtime_throw("runqsteal: runq overflow");
	for (i = 0; i < n; i++)
		atomic_store_explicit(&pp->runq[(t + i) % runqSize], batch[i],
		    memory_order_relaxed);
	atomic_store_explicit(&pp->runqtail, t + n, memory_order_release);
	return gp;
}

/* Ms. */

/* mput puts mp on the idle list.  sched.lock held. */
static void
mput(runtime_m *mp)
{
	mp->schedlink = sched.midle;
	sched.midle = mp;
	sched.nmidle++;
}

/* mget takes an idle M, or returns NULL.  sched.lock held. */
static runtime_m *
mget(void)
{
	runtime_m *mp;

	mp = sched.midle;
	if (mp != NULL) {
		sched.midle = mp->schedlink;
		sched.nmidle--;
	}
	return mp;
}

/* mstart1 runs on g0's stack: the M's life from here on is schedule. */
static void
mstart1(void *arg)
{
	runtime_m *mp;

	mp = arg;
	setg(&mp->g0);
	if (mp->nextp != NULL) {
		acquirep(mp->nextp);
		mp->nextp = NULL;
	}
	schedule();
}

/*
 * mdestroy frees what an exiting M owned, back on the thread's own stack:
 * g0's stack and context, the signal stack, the m itself.
 */
static void
mdestroy(runtime_m *mp)
{
	runtime_gctx_destroy(&mp->g0.ctx);
	runtime_stackfree(mp->g0.ctx.stack);
	runtime_unminitSignalStack();
	m_ = NULL;
	g_ = NULL;
	free(mp);
}

/*
 * mstart is an M's thread: it leaves its own stack for g0's at once, and
 * comes back only when mexit ends the M; the thread then returns.
 */
static void *
mstart(void *arg)
{
	runtime_m *mp;

	mp = arg;
	m_ = mp;
	mp->procid = runtime_gettid();
	runtime_minitSignalStack();
	runtime_gctx_mcall(&mp->self, &mp->g0.ctx, mstart1, mp);
	mdestroy(mp);
	return NULL;
}

/*
 * newmHandoff is Go's: the Ms a locked M wants started, for the template
 * thread to start, with the note it sleeps on while there are none.
 */
static struct {
	runtime_mutex	 lock;
	runtime_m	*newm;
	bool		 waiting;
	_Atomic uint32_t wake;
	_Atomic uint32_t haveTemplateThread;
} newmHandoff;

/* allocm makes an M that will run with pp (may be NULL), not started. */
static runtime_m *
allocm(runtime_p *pp, bool spinning)
{
	runtime_m *mp;

	mp = runtime_malloc(sizeof(*mp));
	mp->g0.isg0 = true;
	mp->g0.m = mp;
	/* g0 keeps the state of the M's idle spins (pollblock). */
	mp->g0.spinlen = spinMaxNs;
	mp->g0.spinsince = UINT32_MAX;
	atomic_store(&mp->g0.atomicstatus, Grunning);
	runtime_gctx_init(&mp->g0.ctx, runtime_stackalloc(), NULL, NULL);
	mp->nextp = pp;
	mp->spinning = spinning;
	runtime_lock(&sched.lock);
	mp->id = sched.mnext++;
	mp->alllink = sched.allm;
	sched.allm = mp;
	runtime_unlock(&sched.lock);
	return mp;
}

/*
 * newosproc starts a detached thread running fn(arg) on a 256 KiB stack:
 * an M's (whose g0 has a stack of its own), sysmon's or the template
 * thread's.  It reports whether it could.
 */
static bool
newosproc(void *(*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t      t;
	int	       e;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 256 * 1024);
	e = pthread_create(&t, &attr, fn, arg);
	pthread_attr_destroy(&attr);
	return e == 0;
}

/* newm1 starts mp's thread. */
static void
newm1(runtime_m *mp)
{
	newsysmon();
	if (!newosproc(mstart, mp))
		runtime_throw("newm: cannot create a thread");
}

/*
 * newm starts a thread for a new M, which will run with pp (may be NULL).
 * A new thread inherits its creator's kernel state (namespaces, working
 * directory, signal mask).  A locked M's goroutine may have changed that
 * state, and so may a plain thread, which is the user's own, as a C
 * thread is in Go (newm's incgo case): both have the template thread
 * create it instead.  A forked child has none until a plain thread's
 * newm or a LockOSThread starts it again.
 */
static void
newm(runtime_p *pp, bool spinning)
{
	runtime_m *mp, *cur;

	mp = allocm(pp, spinning);
	cur = getm();
	if (cur != NULL && cur->lockedExt == 0) {
		newm1(mp);
		return;
	}
	if (cur == NULL)
		startTemplateThread();
	runtime_lock(&newmHandoff.lock);
	if (atomic_load(&newmHandoff.haveTemplateThread) == 0)
		runtime_throw("on a locked thread with no template thread");
	mp->schedlink = newmHandoff.newm;
	newmHandoff.newm = mp;
	if (newmHandoff.waiting) {
		newmHandoff.waiting = false;
		notewakeup(&newmHandoff.wake);
	}
	runtime_unlock(&newmHandoff.lock);
}

/*
 * templateThread starts the Ms that locked Ms and plain threads ask for,
 * from a thread whose state nobody changed: it runs no goroutine and
 * holds no P.
 */
static void *
templateThread(void *arg)
{
	runtime_m *mp, *next;

	(void)arg;
	for (;;) {
		runtime_lock(&newmHandoff.lock);
		while ((mp = newmHandoff.newm) != NULL) {
			newmHandoff.newm = NULL;
			runtime_unlock(&newmHandoff.lock);
			for (; mp != NULL; mp = next) {
				next = mp->schedlink;
				mp->schedlink = NULL;
				newm1(mp);
			}
			runtime_lock(&newmHandoff.lock);
		}
		newmHandoff.waiting = true;
		atomic_store(&newmHandoff.wake, 0);
		runtime_unlock(&newmHandoff.lock);
		notesleep(&newmHandoff.wake);
	}
	return NULL;
}

/*
 * startTemplateThread starts the template thread once, from the thread
 * that starts the runtime (schedinit), else the first to ask after a
 * fork: a plain thread's newm, or LockOSThread before it locks.
 */
static void
startTemplateThread(void)
{
	uint32_t zero;

	zero = 0;
	if (atomic_compare_exchange_strong(
		&newmHandoff.haveTemplateThread, &zero, 1) &&
	    !newosproc(templateThread, NULL))
		runtime_throw("runtime: cannot start the template thread");
}

/* mPark sleeps on the M's note until startm or startlockedm wakes it. */
static void
mPark(runtime_m *mp)
{
	notesleep(&mp->park);
	atomic_store(&mp->park, 0);
}

/*
 * stopm puts the M to sleep until startm hands it a P (in nextp), then
 * acquires that P.  Called on g0 without a P.
 */
static void
stopm(void)
{
	runtime_m *mp;

	mp = getm();
	if (mp->p != NULL)
		runtime_throw("stopm holding p");
	if (mp->spinning)
		runtime_throw("stopm spinning");
	runtime_lock(&sched.lock);
	mput(mp);
	runtime_unlock(&sched.lock);
	mPark(mp);
	acquirep(mp->nextp);
	mp->nextp = NULL;
}

/*
 * startm gives pp (or an idle P when pp is NULL) to an idle or new M.
 * spinning says the M is to look for work as a spinning M: the caller has
 * already counted it in nmspinning, and undoes that if there is no P.
 */
static void
startm(runtime_p *pp, bool spinning)
{
	runtime_m *nmp;

	runtime_lock(&sched.lock);
	if (pp == NULL) {
		pp = pidleget();
		if (pp == NULL) {
			runtime_unlock(&sched.lock);
			if (spinning &&
			    atomic_fetch_sub(&sched.nmspinning, 1) <= 0)
				runtime_throw("startm: negative nmspinning");
			return;
		}
	}
	nmp = mget();
	runtime_unlock(&sched.lock);
	if (nmp == NULL) {
		newm(pp, spinning);
		return;
	}
	if (nmp->spinning)
		runtime_throw("startm: m is spinning");
	if (nmp->nextp != NULL)
		runtime_throw("startm: m has p");
	if (spinning && !runqempty(pp))
		runtime_throw("startm: p has runnable gs");
	nmp->spinning = spinning;
	nmp->nextp = pp;
	notewakeup(&nmp->park);
}

/*
 * handoffp finds an M for pp, whose M is leaving it (a system call, or
 * sysmon's retake), or puts pp on the idle list when there is nothing
 * for it to do.
 */
static void
handoffp(runtime_p *pp)
{
	int32_t zero;

	if (!runqempty(pp) || atomic_load(&sched.runqsize) != 0) {
		startm(pp, false);
		return;
	}
	zero = 0;
	if (atomic_load(&sched.nmspinning) + atomic_load(&sched.npidle) == 0 &&
	    atomic_compare_exchange_strong(&sched.nmspinning, &zero, 1)) {
		startm(pp, true);
		return;
	}
	runtime_lock(&sched.lock);
	if (atomic_load(&sched.runqsize) != 0) {
		runtime_unlock(&sched.lock);
		startm(pp, false);
		return;
	}
	/* The last P going idle: make sure someone watches the network. */
	if (atomic_load(&sched.npidle) == getgomaxprocs() - 1 &&
	    atomic_load(&sched.lastpoll) != 0) {
		runtime_unlock(&sched.lock);
		startm(pp, false);
		return;
	}
	pidleput(pp);
	runtime_unlock(&sched.lock);
}

/*
 * wakep starts a spinning M when there is an idle P and nobody is
 * spinning already: whoever spins will find the work just made.
 */
static void
wakep(void)
{
	int32_t zero;

	if (atomic_load(&sched.npidle) == 0)
		return;
	zero = 0;
	if (atomic_load(&sched.nmspinning) != 0 ||
	    !atomic_compare_exchange_strong(&sched.nmspinning, &zero, 1))
		return;
	startm(NULL, true);
}

/* resetspinning ends the M's spinning, handing the search to another. */
static void
resetspinning(void)
{
	runtime_m *mp;

	mp = getm();
	if (!mp->spinning)
		runtime_throw("resetspinning: not a spinning m");
	mp->spinning = false;
	if (atomic_fetch_sub(&sched.nmspinning, 1) <= 0)
		runtime_throw("findrunnable: negative nmspinning");
	wakep();
}

/*
 * stoplockedm parks an M whose g is locked to it (and away) until that g
 * is runnable again, giving its P to another M meanwhile; it returns
 * holding the P that startlockedm handed over.  The write-poll is
 * dropped: its reader was to run on the P this M gives up.
 */
static void
stoplockedm(void)
{
	runtime_m *mp;

	mp = getm();
	if (mp->lockedg == NULL || mp->lockedg->lockedm != mp)
		runtime_throw("stoplockedm: inconsistent locking");
	mp->wrotepd = NULL;
	if (mp->p != NULL)
		handoffp(releasep());
	mPark(mp);
	if (atomic_load(&mp->lockedg->atomicstatus) != Grunnable)
		runtime_throw("stoplockedm: not runnable");
	acquirep(mp->nextp);
	mp->nextp = NULL;
}

/*
 * startlockedm runs gp, found runnable by this M, on the M it is locked
 * to: this M hands that M its P and goes idle.
 */
static void
startlockedm(runtime_g *gp)
{
	runtime_m *mp;

	mp = gp->lockedm;
	if (mp == getm())
		runtime_throw("startlockedm: locked to me");
	if (mp->nextp != NULL)
		runtime_throw("startlockedm: m has p");
	mp->nextp = releasep();
	notewakeup(&mp->park);
	stopm();
}

/* Readying. */

/*
 * plainready wakes a plain thread: its status word is its futex, or, if
 * it is polling the network for everyone, the poll is broken.
 */
static void
plainready(runtime_g *gp)
{
	uint32_t old;

	old = atomic_load(&gp->atomicstatus);
	for (;;) {
		if ((old & ~(uint32_t)(Gpolling | Gdirect)) != Gwaiting)
			runtime_throw("bad g->status in ready");
		if (atomic_compare_exchange_weak(
			&gp->atomicstatus, &old, Grunnable))
			break;
	}
	/*
	 * From here gp may run on: only what outlives it is touched, its
	 * status word and its eventfd (kept with the g, see runtime2.h).
	 */
	if ((old & Gpolling) != 0)
		runtime_netpollBreak();
	else if ((old & Gdirect) != 0)
		runtime_eventfdWrite(gp->eventfd);
	else
		runtime_futexwakeup(&gp->atomicstatus, 1);
}

/* currentp is the P of the calling thread, if it is an M holding one. */
static runtime_p *
currentp(void)
{
	runtime_m *mp;

	mp = getm();
	return mp != NULL ? mp->p : NULL;
}

void
runtime_goready(runtime_g *gp)
{
	runtime_p *pp;

	if (gp->plain) {
		plainready(gp);
		return;
	}
	casgstatus(gp, Gwaiting, Grunnable);
	pp = currentp();
	if (pp != NULL) {
		runqput(pp, gp, true);
	} else {
		globrunqputlock(gp);
	}
	wakep();
}

/*
 * injectglist makes a list from netpoll (or a timer run) runnable: plain
 * threads are woken, goroutines go to the global queue for idle Ps, with
 * an M started for each, and the rest to the caller's own queue.
 */
static void
injectglist(runtime_gList *glist)
{
	runtime_gQueue q, globq;
	runtime_g     *gp;
	runtime_p     *pp;
	int32_t	       n, npidle, i;

	q.head = q.tail = NULL;
	n = 0;
	while ((gp = runtime_gList_pop(glist)) != NULL) {
		if (gp->plain) {
			plainready(gp);
			continue;
		}
		casgstatus(gp, Gwaiting, Grunnable);
		gQueue_pushBack(&q, gp);
		n++;
	}
	if (n == 0)
		return;
	pp = currentp();
	npidle = atomic_load(&sched.npidle);
	if (pp == NULL)
		npidle = n;
	globq.head = globq.tail = NULL;
	for (i = 0; i < npidle && q.head != NULL; i++)
		gQueue_pushBack(&globq, gQueue_pop(&q));
	if (i > 0) {
		runtime_lock(&sched.lock);
		globrunqputbatch(&globq, i);
		runtime_unlock(&sched.lock);
	}
	n -= i;
	for (; i > 0 && atomic_load(&sched.npidle) > 0; i--)
		startm(NULL, false);
	if (q.head != NULL)
		runqputbatch(pp, &q, n);
}

/* Timers: one heap, run by whichever M gets there (see the top). */

/*
 * checkTimers runs the expired timers; it returns when the next one is
 * due (0: none).  The goroutines they ready go to the caller's P.
 */
static int64_t
checkTimers(int64_t now)
{
	int64_t next;

	next = runtime_timer0when();
	if (next == 0 || next > now)
		return next;
	return runtime_runtimers();
}

/*
 * runtime_wakeNetPoller is told by runtime/time.c that a timer is due at
 * when: a thread asleep in netpoll past it is woken to run it, or, with
 * nobody polling, an idle P gets an M.
 */
void
runtime_wakeNetPoller(int64_t when)
{
	int64_t until;

	pthread_once(&schedOnce, schedinit);
	if (atomic_load(&sched.lastpoll) == 0) {
		until = atomic_load(&sched.pollUntil);
		if (until == 0 || until > when)
			runtime_netpollBreak();
	} else {
		wakep();
	}
}

/* The scheduler proper. */

/*
 * stealSurplus is gonet's: stealWork's look at the Ps beyond GOMAXPROCS.
 * Go resizes with the world stopped and empties a P it drops; gonet
 * cannot stop a running goroutine, so a P that GOMAXPROCS shrinks away
 * runs on until its goroutine schedules (retire), and whatever that
 * goroutine readies meanwhile lands on the P's own queue, outside the
 * steal order.  If it then waits for that work without parking (a spin
 * on a flag) nobody else would ever run it.
 */
static runtime_g *
stealSurplus(runtime_p *pp, bool stealRunNextG)
{
	runtime_p *p2;
	runtime_g *gp;
	int32_t	   i, n;

	n = atomic_load(&nallp);
	for (i = getgomaxprocs(); i < n; i++) {
		p2 = atomic_load(&allp[i]);
		if (p2 == NULL || p2 == pp || runqempty(p2))
			continue;
		gp = runqsteal(pp, p2, stealRunNextG);
		if (gp != NULL)
			return gp;
	}
	return NULL;
}

/*
 * stealWork tries 4 times over every other P that is not idle, in random
 * order, and then over the Ps that GOMAXPROCS has shrunk away.
 */
static runtime_g *
stealWork(runtime_p *pp)
{
	randomOrder *ord;
	randomEnum   e;
	runtime_p   *p2;
	runtime_g   *gp;
	int32_t	     k;

	ord = atomic_load(&stealOrder);
	for (k = 0; k < 4; k++) {
		for (e = randomOrder_start(ord, runtime_fastrand());
		     !randomEnum_done(&e); randomEnum_next(&e)) {
			p2 = atomic_load(&allp[randomEnum_position(&e)]);
			if (p2 == NULL || p2 == pp ||
			    pMask_read(idlepMask, p2->id))
				continue;
			gp = runqsteal(pp, p2, k == 3);
			if (gp != NULL)
				return gp;
		}
		if ((gp = stealSurplus(pp, k == 3)) != NULL)
			return gp;
	}
	return NULL;
}

/*
 * plainpollwaiters counts the plain threads waiting on a descriptor
 * through the shared poller (those past the eventfd budget, below):
 * netpollWaiters leaves plain threads out, since most wait in poll(2) on
 * their own descriptor, but these need somebody in netpoll as much as a
 * parked goroutine does.
 */
static _Atomic int32_t plainpollwaiters;

/* pollersNeeded says whether anyone waits through the poller. */
static bool
pollersNeeded(void)
{
	return runtime_netpollWaiting() || atomic_load(&plainpollwaiters) > 0;
}

/* netpollWanted says whether a thread should sleep in netpoll. */
static bool
netpollWanted(int64_t pollUntil)
{
	return runtime_netpollinited() && (pollersNeeded() || pollUntil != 0);
}

/*
 * pollwait is the blocking netpoll of pollblock and plainpoll.  With
 * nobody waiting through the poller the thread is there for the timers
 * alone, and sleeps on the break descriptor only (runtime_netpollSleep):
 * plain threads' descriptors are registered all the same, and in epoll
 * each of their messages would wake it for nothing.  A g that starts
 * waiting through the poller meanwhile sees timersOnly and breaks the
 * sleep (runtime_netpollWaiterAdded), so the next poll watches it; the
 * flag is set before the count is read again, and the waiter counts
 * itself before it reads the flag, so one of the two sees the other.
 */
static void
pollwait(int64_t delay, runtime_gList *list)
{
	list->head = NULL;
	if (delay != 0 && !pollersNeeded()) {
		atomic_store(&sched.timersOnly, true);
		if (!pollersNeeded()) {
			runtime_netpollSleep(delay);
			atomic_store(&sched.timersOnly, false);
			return;
		}
		atomic_store(&sched.timersOnly, false);
	}
	runtime_netpoll(delay, list);
}

void
runtime_netpollWaiterAdded(void)
{
	if (atomic_load(&sched.timersOnly))
		runtime_netpollBreak();
}

/*
 * workqueued reports whether some run queue, a P's or the global one,
 * holds a goroutine: the recheck an M makes when it stops spinning,
 * before it sleeps without a P (Go's checkRunqsNoP, which idle follows
 * with pidleget).  Go looks at the Ps' queues only, having looked at the
 * global one under sched.lock as it let its P go, since Go's go statement
 * always has a P's queue to put its g on.  A plain thread's has no
 * P: it puts its g on the global queue, perhaps just after that look, and
 * its wakep does nothing while this M still counts as spinning, so gonet
 * looks there again.
 */
static bool
workqueued(void)
{
	runtime_p *p2;
	int32_t	   i, n;

	if (atomic_load(&sched.runqsize) != 0)
		return true;
	/* Every P that exists: one GOMAXPROCS shrank away may still run. */
	n = atomic_load(&nallp);
	for (i = 0; i < n; i++) {
		p2 = atomic_load(&allp[i]);
		if (p2 != NULL && !pMask_read(idlepMask, i) && !runqempty(p2))
			return true;
	}
	return false;
}

/*
 * pollspin is gonet's, not Go's: before the one M that polls for everyone
 * sleeps in netpoll, it polls without blocking for up to pollSpinNs, as
 * long as another P is running.  A goroutine running here is likely to
 * ready one soon (a stream's writer, whose reader waits for the rest of a
 * write), and on this kind of guest the sleep and the wake-up of a CPU
 * cost more than the polls: in hand runs the 2 GiB stream went from
 * 2.1-2.9 GiB/s to 4.3-5.0, and its CPU from 1.2-1.4 s to 0.8.  With
 * every P idle the answer comes from outside the process, and there the
 * same polls only delayed the sleep (the two-process ping-pong took 32-34
 * us a round trip against 26-28); idlespin spins there instead, under
 * the rules that learn whether spinning pays.  It returns true if the M
 * should not sleep: it found goroutines (in list), work on a run queue,
 * or a timer earlier than the one the sleep was for.
 */
enum { pollSpinNs = 20 * 1000 };

/*
 * pollfound is one look of pollspin and idlespin: a poll without
 * blocking, and whether it found goroutines (in list), a run queue has
 * work, or a timer earlier than pollUntil, the sleep's end, is armed.
 */
static bool
pollfound(int64_t pollUntil, runtime_gList *list)
{
	int64_t next;

	runtime_netpoll(0, list);
	if (list->head != NULL || workqueued())
		return true;
	next = runtime_timer0when();
	return next != 0 && (pollUntil == 0 || next < pollUntil);
}

static bool
pollspin(int64_t pollUntil, runtime_gList *list)
{
	int64_t start;

	start = 0;
	for (;;) {
		/* Asked first: with every P idle not even the clock is read. */
		if (atomic_load(&sched.npidle) >= getgomaxprocs())
			return false;
		if (start == 0)
			start = runtime_nanotime();
		else if (runtime_nanotime() - start >= pollSpinNs)
			return false;
		if (pollfound(pollUntil, list))
			return true;
		runtime_osyield();
	}
}

/* The M's idle spin, below with the plain threads' spin it shares. */
static bool idlespin(
    runtime_m *mp, int64_t pollUntil, int64_t delay, runtime_gList *list);
static void idlewait(runtime_m *mp, int64_t delay, runtime_gList *list);
static void gfpurgeDirty(runtime_p *pp);

/*
 * pollblock is findrunnable's blocking netpoll, by the one M that won
 * sched.lastpoll.  It returns a g to run with the M holding a P, or NULL
 * when the M found nothing (with or without a P).
 */
static runtime_g *
pollblock(int64_t pollUntil, bool wasSpinning)
{
	runtime_gList list;
	runtime_g    *gp;
	runtime_p    *pp;
	runtime_m    *mp;
	int64_t	      delay, now;
	bool	      spun;

	atomic_store(&sched.pollUntil, pollUntil);
	mp = getm();
	if (mp->p != NULL)
		runtime_throw("findrunnable: netpoll with p");
	if (mp->spinning)
		runtime_throw("findrunnable: netpoll with spinning");
	delay = -1;
	if (pollUntil != 0) {
		delay = pollUntil - runtime_nanotime();
		if (delay < 0)
			delay = 0;
	}
	/*
	 * When the spin stops for goroutines, queued work or an earlier
	 * timer, the M has polled just now and goes to take a P without
	 * another poll.
	 */
	list.head = NULL;
	spun = (delay < 0 || delay > pollSpinNs) && pollersNeeded() &&
	    pollspin(pollUntil, &list);
	if (!spun)
		spun = idlespin(mp, pollUntil, delay, &list);
	if (!spun)
		idlewait(mp, delay, &list);
	/*
	 * The poll ended now, not when it began (Go 1.19 stores the time
	 * before it; later releases read the clock again): after a long
	 * sleep, the earlier time would make sysmon poll again at once.
	 */
	now = runtime_nanotime();
	atomic_store(&sched.pollUntil, 0);
	atomic_store(&sched.lastpoll, now);
	runtime_lock(&sched.lock);
	pp = pidleget();
	runtime_unlock(&sched.lock);
	if (pp == NULL) {
		injectglist(&list);
		checkTimers(now);
		return NULL;
	}
	acquirep(pp);
	/* Plain threads first: they do not need this P. */
	while ((gp = runtime_gList_pop(&list)) != NULL && gp->plain)
		plainready(gp);
	if (gp != NULL) {
		injectglist(&list);
		casgstatus(gp, Gwaiting, Grunnable);
		return gp;
	}
	if (wasSpinning) {
		mp->spinning = true;
		atomic_fetch_add(&sched.nmspinning, 1);
	}
	return NULL;
}

/*
 * canpollnow says whether a poll without blocking may find a goroutine:
 * the poller exists, a goroutine waits on a descriptor, and no M is
 * blocked in netpoll (which would get the events itself).  pollnow and
 * pollwrote ask it.
 */
static bool
canpollnow(void)
{
	return runtime_netpollinited() && runtime_netpollWaiting() &&
	    atomic_load(&sched.lastpoll) != 0;
}

/*
 * runtime_wrote records, for the next schedule of this M, that its g
 * wrote to pd (netpoll.c, runtime_pollWrote).  A plain thread has no M
 * and no run queue to put a reader in, so its write counts as a miss:
 * a connection plain threads write stops asking after wpollTries, and
 * no longer reads the key counter each write.
 */
void
runtime_wrote(runtime_pollDesc *pd, uintptr_t seq, uint32_t peer)
{
	runtime_m *mp;

	mp = getm();
	if (mp == NULL) {
		runtime_pollWroteResult(pd, seq, false);
		return;
	}
	mp->wrotepd = pd;
	mp->wroteseq = seq;
	mp->wrotepeer = peer;
}

/*
 * pollwrote is gonet's write-poll, not Go's.  Two goroutines of this
 * process talking over a loopback connection each make the other
 * readable with a write, and the kernel does that work on the writer's
 * CPU.  In Go the reader then runs on whichever P polls next, the other
 * CPU about half the time, where the socket's buffers and the reader's
 * stack are cold ("Results: where conns1000's second CPU goes").  A
 * channel's receiver goes to the sender's runnext instead, and so does
 * this reader: as the writer's g schedules, its M polls at once, and a g
 * the poll readied on the other end of the connection runs next,
 * inheriting the time slice as a channel's receiver does.  When
 * preemptRunnext has just ended the slice, the reader joins the queue
 * instead: a pair then lets the others run, as a channel pair does, yet
 * its next message is not left for sysmon's poll.  What else the poll
 * found goes to the queues as findrunnable's poll would put it.  A
 * write whose reader cannot be in this process asks for no poll at all
 * (netpoll.c, keysInUse), and a connection stops asking after wpollTries
 * such writes or polls that found nothing of its reader.
 */
static void
pollwrote(runtime_m *mp, runtime_p *pp, bool preempted)
{
	runtime_gList list;
	runtime_g    *gp;
	void	     *pd;

	pd = mp->wrotepd;
	mp->wrotepd = NULL;
	if (!canpollnow())
		return;
	runtime_netpoll(0, &list);
	gp = runtime_netpollpeer(&list, mp->wrotepeer);
	runtime_pollWroteResult(pd, mp->wroteseq, gp != NULL);
	injectglist(&list);
	if (gp != NULL) {
		casgstatus(gp, Gwaiting, Grunnable);
		runqput(pp, gp, !preempted);
	}
}

/* pollnow polls the network without blocking, if nobody is blocked in it. */
static runtime_g *
pollnow(void)
{
	runtime_gList list;
	runtime_g    *gp;

	if (!canpollnow())
		return NULL;
	runtime_netpoll(0, &list);
	while ((gp = runtime_gList_pop(&list)) != NULL && gp->plain)
		plainready(gp);
	if (gp == NULL)
		return NULL;
	injectglist(&list);
	casgstatus(gp, Gwaiting, Grunnable);
	return gp;
}

/* earliest is the earlier of two deadlines, 0 meaning none. */
static int64_t
earliest(int64_t a, int64_t b)
{
	if (a == 0)
		return b;
	if (b == 0)
		return a;
	return a < b ? a : b;
}

/*
 * idle is findrunnable's end: the M gives its P up, rechecks what may
 * have arrived meanwhile, then sleeps in netpoll (one M at most) or on
 * its note.  It returns a g to run, or NULL to search again; either way
 * the M holds a P.
 */
static runtime_g *
idle(void)
{
	runtime_m *mp;
	runtime_p *pp;
	runtime_g *gp;
	bool	   wasSpinning;
	int64_t	   until, pollUntil;

	mp = getm();
	/* Timers first, while the gs they ready can go to our own P. */
	pollUntil = checkTimers(runtime_nanotime());
	if (!runqempty(mp->p))
		return NULL;
	gfpurgeDirty(mp->p);
	runtime_lock(&sched.lock);
	if (atomic_load(&sched.runqsize) != 0) {
		gp = globrunqget(mp->p, 0);
		runtime_unlock(&sched.lock);
		return gp;
	}
	pp = releasep();
	pidleput(pp);
	runtime_unlock(&sched.lock);

	wasSpinning = mp->spinning;
	if (mp->spinning) {
		mp->spinning = false;
		if (atomic_fetch_sub(&sched.nmspinning, 1) <= 0)
			runtime_throw("findrunnable: negative nmspinning");
		/* Work readied while we spun had nobody to wake: look. */
		if (workqueued()) {
			runtime_lock(&sched.lock);
			pp = pidleget();
			runtime_unlock(&sched.lock);
			if (pp != NULL) {
				acquirep(pp);
				mp->spinning = true;
				atomic_fetch_add(&sched.nmspinning, 1);
				return NULL;
			}
		}
		/*
		 * Go's checkTimersNoP: a timer armed while we spun found an
		 * M spinning, so its wakep did nothing; the earliest timer is
		 * read again now that we no longer spin.
		 */
		pollUntil = earliest(pollUntil, runtime_timer0when());
	}
	if (netpollWanted(pollUntil) &&
	    atomic_exchange(&sched.lastpoll, 0) != 0) {
		gp = pollblock(pollUntil, wasSpinning);
		if (gp != NULL || mp->p != NULL)
			return gp;
	} else if (pollUntil != 0 && runtime_netpollinited()) {
		until = atomic_load(&sched.pollUntil);
		if (until == 0 || until > pollUntil)
			runtime_netpollBreak();
	}
	stopm();
	return NULL;
}

/*
 * tickinc adds one to a P's schedtick or syscalltick.  Only the holder of
 * the P writes them (its M, or sysmon in the moment it has retaken the P)
 * and sysmon otherwise only compares them, so Go bumps them with a plain
 * ++; a relaxed load and store is that, where a fetch_add would be a
 * locked read-modify-write on every schedule and every system call.
 */
static void
tickinc(_Atomic uint32_t *tick)
{
	atomic_store_explicit(tick,
	    atomic_load_explicit(tick, memory_order_relaxed) + 1,
	    memory_order_relaxed);
}

/*
 * preemptRunnext honours sysmon's preemption request at the first
 * scheduling point: a g readied into runnext inherits the time slice of
 * the g that readied it, so two goroutines handing a value back and
 * forth would otherwise keep a P to themselves for ever.  Go preempts the
 * running goroutine after 10 ms and queues it globally; C cannot, so the
 * pair is broken here instead, the next g going to the global queue
 * behind whatever waits there (TestPingPongHog).  It says whether it did.
 */
static bool
preemptRunnext(runtime_p *pp)
{
	runtime_g *next;

	if (!atomic_load_explicit(&pp->preempt, memory_order_relaxed) ||
	    !atomic_exchange(&pp->preempt, false))
		return false;
	next = atomic_exchange(&pp->runnext, NULL);
	if (next != NULL)
		globrunqputlock(next);
	/*
	 * The slice ends here, as a preempted g's does in Go: the next g
	 * starts a new one, so sysmon's clock for this P starts again.
	 */
	tickinc(&pp->schedtick);
	return true;
}

/*
 * findrunnable returns a g to run, searching this P's queue, the global
 * queue, the network, and the other Ps, in Go's order; with nothing
 * anywhere it gives the P up and sleeps (idle).
 */
static runtime_g *
findrunnable(bool *inheritTime)
{
	runtime_m *mp;
	runtime_p *pp;
	runtime_g *gp;
	int32_t	   procs;
	bool	   preempted;

	mp = getm();
	for (;;) {
		pp = mp->p;
		*inheritTime = false;
		checkTimers(runtime_nanotime());
		preempted = preemptRunnext(pp);
		if (mp->wrotepd != NULL)
			pollwrote(mp, pp, preempted);
		if (atomic_load_explicit(&pp->schedtick, memory_order_relaxed) %
			    61 ==
			0 &&
		    atomic_load(&sched.runqsize) > 0) {
			runtime_lock(&sched.lock);
			gp = globrunqget(pp, 1);
			runtime_unlock(&sched.lock);
			if (gp != NULL)
				return gp;
		}
		if ((gp = runqget(pp, inheritTime)) != NULL)
			return gp;
		if (atomic_load(&sched.runqsize) != 0) {
			runtime_lock(&sched.lock);
			gp = globrunqget(pp, 0);
			runtime_unlock(&sched.lock);
			if (gp != NULL)
				return gp;
		}
		if ((gp = pollnow()) != NULL)
			return gp;
		procs = getgomaxprocs();
		if (mp->spinning ||
		    2 * atomic_load(&sched.nmspinning) <
			procs - atomic_load(&sched.npidle)) {
			if (!mp->spinning) {
				mp->spinning = true;
				atomic_fetch_add(&sched.nmspinning, 1);
			}
			if ((gp = stealWork(pp)) != NULL)
				return gp;
		}
		if ((gp = idle()) != NULL)
			return gp;
	}
}

/* execute runs gp on the current M; it does not return. */
static _Noreturn void
execute(runtime_g *gp, bool inheritTime)
{
	runtime_m *mp;

	mp = getm();
	mp->curg = gp;
	gp->m = mp;
	casgstatus(gp, Grunnable, Grunning);
	if (!inheritTime)
		tickinc(&mp->p->schedtick);
	setg(gp);
	runtime_gctx_gogo(&mp->g0.ctx, &gp->ctx);
}

/* retire gives up a P that GOMAXPROCS has shrunk away, with its work. */
static void
retire(runtime_m *mp)
{
	runtime_p *pp;
	runtime_g *gp;
	bool	   inherit;

	pp = mp->p;
	if (pp->id < getgomaxprocs())
		return;
	while ((gp = runqget(pp, &inherit)) != NULL)
		globrunqputlock(gp);
	gfpurgeDirty(pp);
	if (mp->spinning) {
		mp->spinning = false;
		atomic_fetch_sub(&sched.nmspinning, 1);
	}
	runtime_lock(&sched.lock);
	pidleput(releasep());
	runtime_unlock(&sched.lock);
	wakep();
	stopm();
}

/*
 * schedule finds a runnable g and runs it: a locked M waits for its own g
 * (stoplockedm), and a g found locked to another M goes to that M
 * (startlockedm).  On g0; never returns.
 */
static _Noreturn void
schedule(void)
{
	runtime_m *mp;
	runtime_g *gp;
	bool	   inheritTime;

	mp = getm();
	setg(&mp->g0);
	if (mp->lockedg != NULL) {
		stoplockedm();
		execute(mp->lockedg, false);
	}
	for (;;) {
		retire(mp);
		if (mp->spinning && !runqempty(mp->p))
			runtime_throw("schedule: spinning with local work");
		gp = findrunnable(&inheritTime);
		if (mp->spinning)
			resetspinning();
		if (gp->lockedm == NULL)
			execute(gp, inheritTime);
		startlockedm(gp);
	}
}

/* dropg ends the association of the M with its current g. */
static void
dropg(runtime_m *mp)
{
	mp->curg->m = NULL;
	mp->curg = NULL;
}

/*
 * mcallenter starts every mcall continuation on g0 (park_m, gosched_m,
 * goyield_m, goexit0, exitsyscall0): g0 runs, gp moves from one status
 * to the next, and the M lets go of it.
 */
static runtime_m *
mcallenter(runtime_g *gp, uint32_t from, uint32_t to)
{
	runtime_m *mp;

	mp = getm();
	setg(&mp->g0);
	casgstatus(gp, from, to);
	dropg(mp);
	return mp;
}

/* park_m is gopark's continuation on g0. */
static void
park_m(void *arg)
{
	runtime_g *gp;
	runtime_m *mp;
	bool (*fn)(runtime_g *, void *);

	gp = arg;
	mp = mcallenter(gp, Grunning, Gwaiting);
	fn = mp->waitunlockf;
	mp->waitunlockf = NULL;
	if (fn != NULL && !fn(gp, mp->waitlock)) {
		casgstatus(gp, Gwaiting, Grunnable);
		execute(gp, true);
	}
	schedule();
}

/*
 * plainpoll is a parked plain thread doing the scheduler's blocking poll
 * for everyone while nobody else does: it wakes with no hand-off when its
 * own descriptor is ready.  Goroutines it finds go to the Ps.
 */
static void
plainpoll(runtime_g *gp)
{
	runtime_gList list;
	runtime_g    *rgp;
	int64_t	      next, delay;
	uint32_t      old;

	next = checkTimers(runtime_nanotime());
	old = Gwaiting;
	delay = -1;
	if (!atomic_compare_exchange_strong(
		&gp->atomicstatus, &old, Gwaiting | Gpolling))
		delay = 0;
	else if (next != 0)
		delay =
		    next > runtime_nanotime() ? next - runtime_nanotime() : 0;
	atomic_store(&sched.pollUntil, next);
	pollwait(delay, &list);
	atomic_store(&sched.pollUntil, 0);
	old = Gwaiting | Gpolling;
	atomic_compare_exchange_strong(&gp->atomicstatus, &old, Gwaiting);
	/* Our own readiness: take it without a futex wake-up. */
	while ((rgp = runtime_gList_pop(&list)) != NULL) {
		if (rgp == gp) {
			casgstatus(gp, Gwaiting, Grunnable);
			continue;
		}
		runtime_gList_push(&list, rgp);
		break;
	}
	injectglist(&list);
	atomic_store(&sched.lastpoll, runtime_nanotime());
	checkTimers(runtime_nanotime());
}

/*
 * plaineventfds counts the eventfds plain gs hold; a g keeps its own for
 * good, so one per thread that ever waited.  A program with a thread per
 * connection would need two descriptors a connection, and run out of them
 * at half its limit (conns10k's echo process did, at 10000 connections
 * and a limit of 20000), so at most runtime_eventfdBudget are made; the
 * threads past it wait through the shared poller instead, as all plain
 * threads did before they polled their own descriptor.
 */
static _Atomic int plaineventfds;

/* plaineventfd gives gp its eventfd, if the budget allows. */
static bool
plaineventfd(runtime_g *gp)
{
	if (gp->eventfd >= 0)
		return true;
	if (gp->eventfd == -2)
		return false;
	if (atomic_fetch_add(&plaineventfds, 1) < runtime_eventfdBudget() &&
	    (gp->eventfd = runtime_eventfdOpen()) >= 0)
		return true;
	atomic_fetch_sub(&plaineventfds, 1);
	gp->eventfd = -2;
	return false;
}

bool
runtime_plainThread(void)
{
	runtime_g *gp;

	gp = getg();
	return gp == NULL || gp->plain;
}

bool
runtime_plainWaitsOwnFd(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	return gp->plain && plaineventfd(gp);
}

/*
 * A plain thread about to sleep in poll(2) may first look at its
 * descriptor for a while (plainspin).  On an idle virtual machine a CPU
 * with nothing to run halts, and waking it costs tens of microseconds,
 * more than a reply on loopback takes; a thread that keeps looking keeps
 * its CPU awake and sees the reply itself.  It pays only while replies
 * come quickly and the CPU is free, so the choice is made per thread, as
 * the haltpoll cpuidle governor makes it for a guest's idle loop:
 *   - a sleep shorter than spinWorthNs turns spinning on (spinon);
 *   - a spin that ran out (spinMaxNs without an answer), or that was
 *     late: one look came more than spinTakenNs after the one before,
 *     the thread was switched out in between (the CPU was taken: another
 *     thread ran that long), and the spin outlasted spinMaxNs, turns it
 *     off for spincool waits, doubling from spinCoolMin to spinCoolMax
 *     with each failure.  A spin that was taken but caught its answer
 *     within spinMaxNs all the same neither cools nor counts as clean;
 *   - a late spin means another thread, perhaps another process, held
 *     this CPU.  Two late spins of one thread fewer than spinLateWindow
 *     spins apart mean it holds it often: then no plain thread spins
 *     until spinquiet, spinQuietNs later, because on a busy machine the
 *     spinner that hurts is the one alone on a CPU, which is never taken
 *     and cannot tell.  A quiet that starts again soon after the last
 *     one ended (within spinQuietAgain of its length) is twice as long,
 *     up to spinQuietMaxNs (spinquietstart): beside a CPU-bound process
 *     a 5 ms quiet ended every 20 ms or so, and the spins between them
 *     came to about one wait in twenty; with no spins at all the loaded
 *     TCP ping-pong took about 4% less CPU in four hand pairs (the
 *     doubling itself measured 0.99x in five rounds, within the swing).
 *     A late spin alone costs that thread only its cooling;
 *   - a gap with no switch in it is not late: the hypervisor ran another
 *     guest on this CPU (steal) or an interrupt ran long, and no thread
 *     of this machine was kept waiting by the spin.  On this host steal
 *     comes in bursts while the guest is busy, and counting its gaps
 *     cooled and quieted the idle ping-pongs' spins in 3 to 9 waits in
 *     100 (each then a sleep and a wake-up of 30 us or more), where a
 *     CPU-bound process on the other CPU gives gaps with a switch in
 *     nine of ten.  So a spin reads the thread's switch count
 *     (runtime_threadswitches, getrusage: about 0.3 us) once before its
 *     first yield, and again at each gap;
 *   - nor is a switch to a kernel thread late: a spin is late only if,
 *     as it ends, the machine has more runnable threads than this
 *     process can account for within its CPUs (spincrowded);
 *   - a spin that caught its answer after being switched out, on a
 *     crowded machine, counts as late too (spinyielded): the peer ran on
 *     this CPU in one of the spin's yields and answered there, as it
 *     would have had the thread slept, so the spin bought nothing and
 *     cost system calls.  Beside a busy loop both sides of a ping-pong
 *     share the free CPU and nearly every spin ends so; idle, almost none.
 * A spin that ran out on a CPU nobody took, and whose sleep then ended
 * soon (within twice the spin), was short of the answer rather than
 * wasted: most often the peer was asleep and its wake-up took longer than
 * the spin.  Cooling then would be a trap: two threads in a conversation
 * each spinning while the other sleeps both fail, and with their pauses
 * in step stay apart, sleeping on every message.  So such a spin doubles
 * the thread's spin length (spinlen) up to spinLongNs instead, as the
 * haltpoll governor grows its poll; a spin at that length which still
 * fails, or a long sleep, cools as above and starts again from spinMaxNs.
 * The gap is the sign, and the switch count only confirms it: the count
 * alone would not do, as sched_yield counts as a switch whenever another
 * thread runs, even for a microsecond (a kernel worker, or the peer
 * answering on this CPU), and a spin that then caught its answer had
 * paid.
 * A thread that ran for spinWorkNs or more since its last wait (spinwork)
 * is a stream's reader or writer, not one side of a conversation, and
 * spins whatever the rules above say, except after a spin of its own of
 * that kind that missed (workback, doubling like spincool); a late spin
 * of that kind that caught its answer is not late.  A busy CPU stops a
 * conversation's spins so that the kernel can bring both threads onto
 * the free CPU, where a message costs no wake-up across CPUs; a stream's
 * two threads have work for both CPUs, and sleeping between its bursts
 * only adds a wake-up and copies of data gone cold.  Beside the busy
 * loop, in hand runs, the 2 GiB stream sleeping so went at 2.1-2.3 GiB/s
 * and 0.85-0.92 s of CPU, spinning at 2.8 and 0.69 s, while the loaded
 * ping-pongs, whose threads run for a few microseconds between waits,
 * were unchanged; in bench-compare's records (docs/PERFORMANCE.md) the
 * loaded stream went from 0.88x gonet-old's rate to 1.16x.  Its cost is
 * bounded: one spin (spinlen, at most spinLongNs) a wait after at least
 * spinWorkNs of work, and fewer the more they miss. There is no spin with one
 * CPU: whoever would answer needs it.
 */
enum {
	spinLongNs = 200 * 1000,
	spinTakenNs = 30 * 1000,
	spinWorthNs = 100 * 1000,
	spinQuietNs = 5 * 1000 * 1000,
	spinQuietMaxNs = 640 * 1000 * 1000,
	spinQuietAgain = 4,
	spinLateWindow = 1000,
	spinCoolMin = 16,
	spinCoolMax = 4096,
	spinWorkNs = 100 * 1000,
	spinYieldSample = 32,
	spinYieldsLate = 2,
	/*
	 * A poll(2) that returns in less than waitQuickNs found its
	 * descriptor ready: a system call's cost, with no sleep and wake-up
	 * in it (waitslept).
	 */
	waitQuickNs = 5 * 1000
};

static _Atomic int64_t spinquiet, spinquietlen;

/*
 * spinquietstart stops every plain thread's spins until now plus the
 * quiet's length: spinQuietNs, or twice the last one's if that ended
 * less than spinQuietAgain of its lengths ago.  Two threads starting one
 * at once may both double it; either length will do.
 */
static void
spinquietstart(int64_t now)
{
	int64_t len;

	len = atomic_load_explicit(&spinquietlen, memory_order_relaxed);
	if (len == 0 || now - atomic_load(&spinquiet) > spinQuietAgain * len)
		len = spinQuietNs;
	else if (len < spinQuietMaxNs)
		len *= 2;
	atomic_store_explicit(&spinquietlen, len, memory_order_relaxed);
	atomic_store(&spinquiet, now + len);
}

/*
 * plainfdwaiters counts the plain threads waiting on their descriptors.
 * A spin keeps one CPU awake for one waiter; with more waiters than CPUs
 * (a server with a thread or a goroutine per connection, spinwaiters)
 * replies arrive while other threads run anyway, and spinners would only
 * take CPU from them and from the clients, so then nobody spins.
 */
static _Atomic int32_t plainfdwaiters;

/*
 * spinwaiters counts everyone waiting on a descriptor for the rule above:
 * plain threads on their own or through the poller, and goroutines.
 */
static int32_t
spinwaiters(void)
{
	return atomic_load_explicit(&plainfdwaiters, memory_order_relaxed) +
	    atomic_load_explicit(&plainpollwaiters, memory_order_relaxed) +
	    (int32_t)runtime_netpollWaiterCount();
}

/*
 * spinpause starts a pause of *cool waits without a spin (*back), and
 * doubles the next one, from spinCoolMin to spinCoolMax.
 */
static void
spinpause(uint16_t *back, uint16_t *cool)
{
	if (*cool < spinCoolMin)
		*cool = spinCoolMin;
	*back = *cool;
	if (*cool < spinCoolMax)
		*cool *= 2;
}

/* spinfailed turns gp's spinning off for a while, longer each time. */
static void
spinfailed(runtime_g *gp)
{
	gp->spinon = false;
	gp->spinlen = spinMaxNs;
	spinpause(&gp->spinback, &gp->spincool);
}

/*
 * spinworkset starts a wait at now: spinwork says whether gp ran for
 * spinWorkNs or more since its last wait ended.
 */
static void
spinworkset(runtime_g *gp, int64_t now)
{
	gp->spinwork = gp->waitdone != 0 && now - gp->waitdone >= spinWorkNs;
}

static void spinjudge(runtime_g *gp, int64_t slept);

/*
 * spinslept learns from a wait's sleep of slept ns: after a spin that ran
 * out, whether the next should be longer (spinjudge); and a short sleep
 * turns spinning on.
 */
static void
spinslept(runtime_g *gp, int64_t slept)
{
	if (gp->spinshort)
		spinjudge(gp, slept);
	if (gp->spinback == 0 && slept < spinWorthNs)
		gp->spinon = true;
}

/* spinallowed says whether gp's next wait should spin first. */
static bool
spinallowed(runtime_g *gp)
{
	gp->spinbywork = false;
	if (runtime_getncpu() < 2 || spinwaiters() > runtime_getncpu())
		return false;
	if (gp->spinwork && gp->workback == 0) {
		gp->spinbywork = true;
		return true;
	}
	if (gp->spinwork)
		gp->workback--;
	if (gp->spinback > 0) {
		gp->spinback--;
		return false;
	}
	return gp->spinon &&
	    atomic_load_explicit(&spinquiet, memory_order_relaxed) <
	    runtime_nanotime();
}

/* plainreadied reports whether someone has readied gp, a plain thread. */
static bool
plainreadied(runtime_g *gp)
{
	return (atomic_load(&gp->atomicstatus) & ~(uint32_t)Gdirect) ==
	    Grunnable;
}

/*
 * pollownfd is runtime_pollfd on the descriptor gp waits for, or, for a
 * look without sleeping, gp's spinprobe if it has one.
 */
static int
pollownfd(runtime_g *gp, bool block)
{
	if (!block && gp->spinprobe != NULL)
		return gp->spinprobe(gp->spinprobearg) ? 1 : 0;
	return runtime_pollfd(
	    runtime_pollDesc_fd(gp->waitpd), gp->waitmode, gp->eventfd, block);
}

/* ownlook is a plain thread's look in a spin: its descriptor, at once. */
static int
ownlook(runtime_g *gp, void *arg)
{
	(void)arg;
	return pollownfd(gp, false);
}

/*
 * spinswitched says whether a gap in a spin was another thread's turn on
 * this CPU: whether the thread has been switched out since *switches was
 * read, which it then reads again.  A gap with no switch in it was the
 * hypervisor's (steal) or an interrupt's: the guest had nothing else to
 * run there, so spinning took nobody's CPU.  Without a first reading (a
 * gap before the first yield) or a count, it says yes, as if taken.
 */
static bool
spinswitched(int64_t *switches)
{
	int64_t before;

	before = *switches;
	if (before < 0)
		return true;
	*switches = runtime_threadswitches();
	return *switches < 0 || *switches != before;
}

/*
 * spincrowded says whether a late spin's CPU is wanted by more threads
 * than the machine can run: a runnable thread of another process, or
 * more runnable threads of this one than CPUs.  Otherwise the switch in
 * the gap went to a kernel thread (ksoftirqd finishing the network's
 * work, which is what the spin waited for, rcu or a kworker: about 100 us
 * each, some 50 times in a run of 20000 connects and aborts) that left
 * nobody waiting, and the spin took no one's CPU.  It reads /proc, some
 * tens of microseconds, so it is asked only of a spin that is otherwise
 * late; if it cannot tell, the spin is late.
 */
static bool
spincrowded(void)
{
	int32_t ours, all;

	if (!runtime_runnable(&ours, &all))
		return true;
	return all > ours || ours > runtime_getncpu();
}

/*
 * spinworked keeps a working thread's spins (spinwork) to those that
 * pay: one that missed stops them for workcool waits, doubling.
 */
static void
spinworked(runtime_g *gp, bool caught)
{
	if (caught)
		gp->workcool = spinCoolMin;
	else
		spinpause(&gp->workback, &gp->workcool);
}

/*
 * spinyielded says whether spins that catch their answers get them by
 * giving up the CPU: whether gp was switched out after the last reading
 * of its switch count (switches, -1 if the spin never yielded), in
 * spinYieldsLate sampled spins in a row, on a crowded machine.  One spin
 * in spinYieldSample, at random, is sampled, since the count costs a
 * system call and such a spin lasts a few microseconds: sampling one in
 * eight cost the idle ping-pongs about 3% in a three-round run, where the
 * rule never fired.  Where it applies nearly every spin meets it.  Idle,
 * a switch to a kernel thread ends a spin now and then (under 0.5% of
 * them), and the run of two keeps those from cooling spins that pay.  The
 * run is kept until a sampled spin is clean, and until then no catch
 * counts as clean (plainspin), so that the unsampled spins between two
 * samples do not undo the cooling.
 */
static bool
spinyielded(runtime_g *gp, int64_t switches)
{
	if (switches < 0 || runtime_fastrandn(spinYieldSample) != 0)
		return false;
	if (!spinswitched(&switches)) {
		gp->spinyields = 0;
		return false;
	}
	if (gp->spinyields < spinYieldsLate)
		gp->spinyields++;
	return gp->spinyields == spinYieldsLate && spincrowded();
}

/*
 * plainspin looks without sleeping (look: a plain thread's descriptor, or
 * for an idle M the poller, idlelook), yielding between looks, until a
 * look finds something, gp (a plain thread) is readied, or gp's spinlen
 * passes.  It returns what look last returned: 1 if it found something.
 */
static int
plainspin(runtime_g *gp, int (*look)(runtime_g *gp, void *arg), void *arg)
{
	int64_t start, last, now, len, switches;
	int	r;
	bool	caught, taken, late;

	len = gp->spinlen;
	start = runtime_nanotime();
	last = start;
	taken = false;
	switches = -1;
	for (;;) {
		r = look(gp, arg);
		caught = r > 0 || plainreadied(gp);
		gp->waitslept = gp->waitslept || !caught;
		now = runtime_nanotime();
		taken = taken ||
		    (now - last > spinTakenNs && spinswitched(&switches));
		last = now;
		if (caught || now - start > len)
			break;
		if (switches < 0)
			switches = runtime_threadswitches();
		runtime_osyield();
	}
	late = taken && now - start > len && !(gp->spinbywork && caught) &&
	    spincrowded();
	if (!late && caught && !gp->spinbywork)
		late = spinyielded(gp, switches);
	if (gp->spinbywork)
		spinworked(gp, caught);
	if (gp->spinsince < UINT32_MAX)
		gp->spinsince++;
	if (late) {
		if (gp->spinsince < spinLateWindow)
			spinquietstart(now);
		gp->spinsince = 0;
	}
	if (late)
		spinfailed(gp);
	else if (!caught)
		gp->spinshort = true; /* judged by the sleep (spinjudge) */
	else {
		gp->spinshort = false; /* no sleep follows to judge it */
		if (!taken && gp->spinyields == 0)
			gp->spincool = spinCoolMin;
	}
	return r;
}

/*
 * spinjudge decides, from the sleep that followed it, about a spin that
 * ran out on an idle CPU: lengthen the next spin, or cool.
 */
static void
spinjudge(runtime_g *gp, int64_t slept)
{
	int64_t len;

	gp->spinshort = false;
	len = gp->spinlen;
	if (len < spinLongNs && slept < 2 * len) {
		gp->spinlen =
		    (uint32_t)(2 * len < spinLongNs ? 2 * len : spinLongNs);
		return;
	}
	spinfailed(gp);
}

/*
 * plainsleepfd is one wait of plainwaitfd: a spin if it pays, else a
 * sleep in poll(2), whose length decides whether the next wait spins and
 * whether the wait slept (waitslept).
 */
static int
plainsleepfd(runtime_g *gp)
{
	int64_t start, slept;
	int	r;

	if (spinallowed(gp)) {
		r = plainspin(gp, ownlook, NULL);
		if (r != 0 || plainreadied(gp)) {
			/*
			 * readied after the spin ran out: no sleep to judge it
			 */
			gp->spinshort = false;
			return r;
		}
	}
	start = runtime_nanotime();
	r = pollownfd(gp, true);
	slept = runtime_nanotime() - start;
	gp->waitslept = gp->waitslept || slept >= waitQuickNs;
	spinslept(gp, slept);
	return r;
}

/*
 * plainwaitfd is a plain thread's wait for its own descriptor: poll(2) on
 * it and on the thread's eventfd, so that the kernel wakes the thread
 * itself when data arrives, as a blocking read would, with no poller in
 * between; Close, deadlines and other wake-ups come through the eventfd.
 * It returns false, having waited for nothing, if there is no eventfd
 * (out of descriptors): the thread then waits as any other plain thread.
 */
static bool
plainwaitfd(runtime_g *gp)
{
	uint32_t old;
	int	 r;

	if (!plaineventfd(gp))
		return false;
	old = Gwaiting;
	if (!atomic_compare_exchange_strong(
		&gp->atomicstatus, &old, Gwaiting | Gdirect))
		return true; /* readied already */
	atomic_fetch_add(&plainfdwaiters, 1);
	gp->waitslept = false;
	spinworkset(gp, runtime_nanotime());
	for (;;) {
		r = plainsleepfd(gp);
		if (plainreadied(gp))
			break;
		if (r > 0 &&
		    runtime_netpollunblockg(gp->waitpd, gp->waitmode, gp)) {
			casgstatus(gp, Gwaiting | Gdirect, Grunnable);
			break;
		}
	}
	atomic_fetch_sub(&plainfdwaiters, 1);
	gp->waitdone = runtime_nanotime();
	return true;
}

/*
 * runtime_plainKernelWaitStart and runtime_plainKernelWaitDone bracket a
 * plain thread's blocking read of pd's descriptor (netpoll_kwait_linux.c)
 * with plainwaitfd's rules, the read standing for the sleep in poll(2):
 * the thread counts as a waiter, spins first while that pays, and learns
 * from how long the read slept whether the next wait should spin.  The
 * spin looks with probe(arg), the read made not to wait, rather than
 * with poll(2): when data comes, the look that sees it has read it, one
 * system call where poll(2) and the read make two.  It returns whether
 * the probe read, and then the blocking read is not made.
 */
bool
runtime_plainKernelWaitStart(
    runtime_pollDesc *pd, bool (*probe)(void *arg), void *arg)
{
	runtime_g *gp;
	int64_t	   now;
	bool	   read;

	gp = runtime_getg();
	atomic_fetch_add(&plainfdwaiters, 1);
	now = runtime_nanotime();
	spinworkset(gp, now);
	read = false;
	if (spinallowed(gp)) {
		gp->waitpd = pd;
		gp->waitmode = 'r';
		gp->spinprobe = probe;
		gp->spinprobearg = arg;
		if (plainspin(gp, ownlook, NULL) != 0)
			read = probe != NULL;
		gp->spinprobe = NULL;
		gp->waitpd = NULL;
		now = runtime_nanotime();
	}
	gp->kwaitstart = now; /* one clock read a wait that does not spin */
	return read;
}

void
runtime_plainKernelWaitDone(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	gp->waitdone = runtime_nanotime();
	spinslept(gp, gp->waitdone - gp->kwaitstart);
	atomic_fetch_sub(&plainfdwaiters, 1);
}

/* idlelookArgs is what idlespin's looks compare against and fill. */
typedef struct idlelookArgs {
	int64_t	       pollUntil;
	runtime_gList *list;
} idlelookArgs;

/* idlelook is pollfound in the form of plainspin's look. */
static int
idlelook(runtime_g *gp, void *arg)
{
	idlelookArgs *a;

	(void)gp;
	a = arg;
	return pollfound(a->pollUntil, a->list) ? 1 : 0;
}

/*
 * idlespin is gonet's, not Go's.  With every P idle nothing in the
 * process will ready a goroutine: the next event is another process's
 * message, and pollspin does not wait for it.  On this kind of guest
 * the sleep in epoll_wait and the wake-up of a halted CPU are most of a
 * two-process round trip, so the M spins first, as a plain thread does
 * before its blocking read, by the same rules (plainspin, spinallowed,
 * spinslept), kept in its g0: spin while sleeps turn out short, stop for
 * a while after spins that run out or are late, none with one CPU or
 * with more waiters than CPUs.  Nobody waiting through the poller means
 * the M sleeps for timers only, and there is nothing to spin for.  It
 * returns true if the M found goroutines, queued work or an earlier
 * timer, and should not sleep.
 */
static bool
idlespin(runtime_m *mp, int64_t pollUntil, int64_t delay, runtime_gList *list)
{
	idlelookArgs a;
	runtime_g   *gp;
	int	     r;

	gp = &mp->g0;
	if (atomic_load(&sched.npidle) < getgomaxprocs() || !pollersNeeded())
		return false;
	spinworkset(gp, runtime_nanotime());
	if ((delay >= 0 && delay <= (int64_t)gp->spinlen) || !spinallowed(gp))
		return false;
	a.pollUntil = pollUntil;
	a.list = list;
	atomic_store(&sched.idlespinning, true);
	r = plainspin(gp, idlelook, &a);
	atomic_store(&sched.idlespinning, false);
	if (r == 0)
		return false;
	gp->waitdone = runtime_nanotime();
	return true;
}

/*
 * idlewait is pollwait, its sleep judged as a plain thread's is: a short
 * one turns the M's spin on, and one after a spin that ran out says
 * whether the next spin should be longer.
 */
static void
idlewait(runtime_m *mp, int64_t delay, runtime_gList *list)
{
	runtime_g *gp;
	int64_t	   start;

	gp = &mp->g0;
	start = runtime_nanotime();
	pollwait(delay, list);
	gp->waitdone = runtime_nanotime();
	spinslept(gp, gp->waitdone - start);
}

/*
 * plainpark parks a plain thread until goready: it waits in poll(2) for
 * its own descriptor, or polls for everyone while nobody else does and
 * the network is worth watching, else it sleeps on its status word.
 */
static void
plainpark(runtime_g *gp)
{
	int64_t next;
	bool	shared;

	shared = false;
	if (gp->waitpd != NULL) {
		if (plainwaitfd(gp))
			return;
		shared = true;
		atomic_fetch_add(&plainpollwaiters, 1);
		runtime_netpollWaiterAdded();
	}
	while ((atomic_load(&gp->atomicstatus) & ~(uint32_t)Gpolling) !=
	    Grunnable) {
		next = runtime_timer0when();
		if (netpollWanted(next) &&
		    atomic_exchange(&sched.lastpoll, 0) != 0) {
			plainpoll(gp);
			continue;
		}
		runtime_futexsleep(&gp->atomicstatus, Gwaiting, -1);
	}
	if (shared)
		atomic_fetch_sub(&plainpollwaiters, 1);
}

/*
 * plainleave is a plain thread leaving gopark, perhaps after polling for
 * everyone.  The role is left vacant rather than handed to an M: the
 * thread usually parks again at its next read and polls again, and the
 * other side of its conversation is woken from that poll, so a
 * conversation between plain threads costs one wake-up per message, not
 * two.  The vacancy is bounded: whoever parks next takes the role, a
 * timer due soon gets an M now, and sysmon polls after vacancyMax.
 */
static void
plainleave(void)
{
	int64_t next;

	next = runtime_timer0when();
	if (next != 0 && next < runtime_nanotime() + vacancyMax &&
	    atomic_load(&sched.lastpoll) != 0)
		wakep();
}

void
runtime_gopark(bool (*unlockf)(runtime_g *gp, void *arg), void *arg)
{
	runtime_g *gp;
	runtime_m *mp;

	gp = runtime_getg();
	if (!gp->plain) {
		if (gp->isg0)
			runtime_throw("gopark on g0");
		mp = gp->m;
		mp->waitunlockf = unlockf;
		mp->waitlock = arg;
		runtime_gctx_mcall(&gp->ctx, &mp->g0.ctx, park_m, gp);
		return;
	}
	runtime_netpollGenericInit();
	casgstatus(gp, Grunning, Gwaiting);
	if (unlockf != NULL && !unlockf(gp, arg)) {
		/* Nobody can know of gp yet: no wake-up can be pending. */
		casgstatus(gp, Gwaiting, Grunning);
		return;
	}
	plainpark(gp);
	atomic_store(&gp->atomicstatus, Grunning);
	plainleave();
}

/* Goroutines. */

/*
 * gfpush and gfpop put a dead g on pp's list and take one off, keeping
 * the list's counts.
 */
static void
gfpush(runtime_p *pp, runtime_g *gp)
{
	runtime_gList_push(&pp->gFree, gp);
	pp->gFreeN++;
	if (gp->stackdirty)
		pp->gFreeDirty++;
}

static runtime_g *
gfpop(runtime_p *pp)
{
	runtime_g *gp;

	gp = runtime_gList_pop(&pp->gFree);
	if (gp != NULL) {
		pp->gFreeN--;
		if (gp->stackdirty)
			pp->gFreeDirty--;
	}
	return gp;
}

/*
 * gfpushGlobalLocked puts the n gs of q on the global list they belong
 * to, unshrunk (dirty) or shrunk, keeping its counts.  gFreeLock held.
 */
static void
gfpushGlobalLocked(runtime_gQueue *q, int32_t n, bool dirty)
{
	gList_pushAll(dirty ? &sched.gFree : &sched.gFreeShrunk, q);
	atomic_fetch_add(&sched.gFreeN, n);
	if (dirty)
		atomic_fetch_add(&sched.gFreeDirty, n);
}

/*
 * gfput keeps a dead g and its stack for the next go statement; past 64
 * on pp's list, half go to the global lists, under their own lock so that
 * goroutines ending do not contend with the scheduler's.  The stack stays
 * as the goroutine left it (stackdirty) until gfshrink.
 */
static void
gfput(runtime_p *pp, runtime_g *gp)
{
	runtime_gQueue dirty, shrunk;
	int32_t	       n, ndirty;

	if (atomic_load(&gp->atomicstatus) != Gdead)
		runtime_throw("gfput: bad status (not Gdead)");
	gp->stackdirty = true;
	gfpush(pp, gp);
	if (pp->gFreeN < 64)
		return;
	dirty.head = dirty.tail = shrunk.head = shrunk.tail = NULL;
	for (n = ndirty = 0; pp->gFreeN >= 32; n++) {
		gp = gfpop(pp);
		if (gp->stackdirty)
			ndirty++;
		gQueue_pushBack(gp->stackdirty ? &dirty : &shrunk, gp);
	}
	runtime_lock(&sched.gFreeLock);
	gfpushGlobalLocked(&dirty, ndirty, true);
	gfpushGlobalLocked(&shrunk, n - ndirty, false);
	runtime_unlock(&sched.gFreeLock);
}

/*
 * gfpopLocked takes a dead g from the global lists, an unshrunk one
 * first: its goroutine ended most recently, and its pages are warm.
 */
static runtime_g *
gfpopLocked(void)
{
	runtime_g *gp;

	if ((gp = runtime_gList_pop(&sched.gFree)) != NULL)
		atomic_fetch_sub(&sched.gFreeDirty, 1);
	else if ((gp = runtime_gList_pop(&sched.gFreeShrunk)) == NULL)
		return NULL;
	atomic_fetch_sub(&sched.gFreeN, 1);
	return gp;
}

/* gfget returns a dead g with a stack, from pp's list or the global ones. */
static runtime_g *
gfget(runtime_p *pp)
{
	runtime_g *gp;

	if (pp != NULL && pp->gFree.head == NULL &&
	    atomic_load(&sched.gFreeN) > 0) {
		runtime_lock(&sched.gFreeLock);
		while (pp->gFreeN < 32 && (gp = gfpopLocked()) != NULL)
			gfpush(pp, gp);
		runtime_unlock(&sched.gFreeLock);
	}
	gp = NULL;
	if (pp != NULL)
		gp = gfpop(pp);
	else if (atomic_load(&sched.gFreeN) > 0) {
		/* A plain thread has no P: it takes from the global lists. */
		runtime_lock(&sched.gFreeLock);
		gp = gfpopLocked();
		runtime_unlock(&sched.gFreeLock);
	}
	if (gp != NULL)
		gp->stackdirty = false;
	return gp;
}

/*
 * malg makes a new g with a stack.  The g lives at the top of its own
 * stack, in the page every goroutine touches first, so an idle goroutine
 * costs that one page and nothing more (gs are never freed).
 */
static runtime_g *
malg(void)
{
	runtime_stack stk;
	runtime_g    *gp;
	uintptr_t     top;

	stk = runtime_stackalloc();
	top = (stk.hi - sizeof(*gp)) & ~(uintptr_t)63;
	gp = (runtime_g *)top;
	memset(gp, 0, sizeof(*gp));
	stk.hi = top;
	gp->stack = stk;
	atomic_store(&gp->atomicstatus, Gdead);
	runtime_lock(&sched.lock);
	gp->alllink = sched.allgs;
	sched.allgs = gp;
	runtime_unlock(&sched.lock);
	return gp;
}

/*
 * groot makes a g's stack a LeakSanitizer root while a goroutine runs on
 * it (stackalloc registers a new stack; a dead g's stays off the list
 * until a go statement reuses it).  LSan walks every mapping for every
 * root at exit: 16000 dead gs kept as roots made one test's exit take 22 s
 * here and pass Check's 60 s in CI, and a stale word in a dead frame could
 * hide a leak.
 */
static void
groot(runtime_g *gp, bool on)
{
	runtime_asanregisterroot(gp->stack.lo, runtime_stackSize(), on);
}

/*
 * stackKeep is how much of a dead goroutine's stack stays resident for
 * the next one: a network goroutine's frames take a few KiB.
 */
enum { stackKeep = 16 << 10 };

/*
 * gfpurgeDirty and gfshrink are where a dead goroutine's deep pages go
 * back (runtime_stackshrink), as Go frees a grown stack when its
 * goroutine exits and the stacks of its global list's dead gs at each
 * collection (markrootFreeGStacks).  Only a system call (a mincore) tells
 * how deep a gonet stack went; made at every exit, it was 18% of the
 * samples of a program starting and ending 100000 goroutines.  So exits
 * leave it to sysmon (gfshrink), which shrinks the global list's; a P
 * about to go idle first moves its own unshrunk gs there (gfpurgeDirty,
 * Go's gfpurge for those gs only), so that they do not keep their pages
 * while it sleeps.  The move makes no system call: an M that makes them
 * while it holds a P, or while it counts as spinning, keeps other Ms
 * from being woken for work readied meanwhile, and a goroutine that never
 * yields then waits with it (TestGetgThreadSwitch).  A busy P's list
 * (fewer than 64) keeps its pages until the P idles: its warm stacks.
 */
static void
gshrink(runtime_g *gp)
{
	runtime_stackshrink(gp->stack, stackKeep);
	gp->stackdirty = false;
}

static void
gfpurgeDirty(runtime_p *pp)
{
	runtime_gQueue dirty;
	runtime_g     *gp, **link;
	int32_t	       n;

	if (pp->gFreeDirty == 0)
		return;
	dirty.head = dirty.tail = NULL;
	n = 0;
	for (link = &pp->gFree.head; (gp = *link) != NULL;) {
		if (!gp->stackdirty) {
			link = &gp->schedlink;
			continue;
		}
		*link = gp->schedlink;
		gQueue_pushBack(&dirty, gp);
		n++;
	}
	pp->gFreeN -= n;
	pp->gFreeDirty = 0;
	runtime_lock(&sched.gFreeLock);
	gfpushGlobalLocked(&dirty, n, true);
	runtime_unlock(&sched.gFreeLock);
}

/*
 * gfshrink, sysmon's part, shrinks up to gfshrinkBatch gs of the global
 * unshrunk list off the lock, so that a go statement meanwhile waits for
 * none of it, and moves them to gFreeShrunk.
 */
enum { gfshrinkNs = forcePollNs, gfshrinkBatch = 512 };

static void
gfshrink(void)
{
	runtime_gQueue batch;
	runtime_g     *gp;
	int32_t	       n;

	batch.head = batch.tail = NULL;
	runtime_lock(&sched.gFreeLock);
	for (n = 0; n < gfshrinkBatch; n++) {
		if ((gp = runtime_gList_pop(&sched.gFree)) == NULL)
			break;
		gQueue_pushBack(&batch, gp);
	}
	atomic_fetch_sub(&sched.gFreeDirty, n);
	atomic_fetch_sub(&sched.gFreeN, n);
	runtime_unlock(&sched.gFreeLock);
	for (gp = batch.head; gp != NULL; gp = gp->schedlink)
		gshrink(gp);
	runtime_lock(&sched.gFreeLock);
	gfpushGlobalLocked(&batch, n, false);
	runtime_unlock(&sched.gFreeLock);
}

/*
 * mexit ends the M of a goroutine that returned while locked to it: the
 * goroutine may have left the thread in a state no other should inherit,
 * so the thread exits rather than going back to the pool.  The M gives
 * its P away, leaves allm, and returns to its thread's own stack, where
 * mstart frees it.  lockedExt stays set, so that an M the handoff starts
 * comes from the template thread, not from this one.
 */
static _Noreturn void
mexit(runtime_m *mp)
{
	runtime_m **pprev;

	handoffp(releasep());
	runtime_lock(&sched.lock);
	for (pprev = &sched.allm; *pprev != mp; pprev = &(*pprev)->alllink)
		if (*pprev == NULL)
			runtime_throw("m not found in allm");
	*pprev = mp->alllink;
	runtime_unlock(&sched.lock);
	runtime_gctx_gogo(&mp->g0.ctx, &mp->self);
}

/* goexit0 finishes a returned goroutine on g0 and schedules another. */
static void
goexit0(void *arg)
{
	runtime_g *gp;
	runtime_m *mp;
	bool	   locked;

	gp = arg;
	mp = mcallenter(gp, Grunning, Gdead);
	runtime_gctx_destroy(&gp->ctx);
	groot(gp, false);
	gp->startfn = NULL;
	gp->startarg = NULL;
	locked = gp->lockedm != NULL;
	gp->lockedm = NULL;
	mp->lockedg = NULL;
	gfput(mp->p, gp);
	if (locked)
		mexit(mp);
	schedule();
}

/* goentry is the first frame of every goroutine. */
static void
goentry(void *arg)
{
	runtime_g *gp;

	gp = arg;
	gp->startfn(gp->startarg);
	atomic_fetch_sub(&sched.ngoroutines, 1);
	gp = getg();
	runtime_gctx_goexit(&gp->ctx, &gp->m->g0.ctx, goexit0, gp);
}

/* goidCacheBatch is how many ids a P takes from sched.goidgen at once. */
enum { goidCacheBatch = 16 };

/*
 * newgoid gives a new goroutine its id, from pp's batch as Go's newproc1
 * does, so that go statements on different Ps do not all update one
 * counter; a plain thread, which has no P, takes a single id.
 */
static int64_t
newgoid(runtime_p *pp)
{
	if (pp == NULL)
		return (int64_t)atomic_fetch_add(&sched.goidgen, 1) + 1;
	if (pp->goidcache == pp->goidcacheend) {
		pp->goidcache =
		    atomic_fetch_add(&sched.goidgen, goidCacheBatch) + 1;
		pp->goidcacheend = pp->goidcache + goidCacheBatch;
	}
	return (int64_t)pp->goidcache++;
}

void
runtime_newproc(void (*fn)(void *), void *arg)
{
	runtime_g *newg;
	runtime_p *pp;
	uintptr_t  lo;

	pthread_once(&schedOnce, schedinit);
	pp = currentp();
	newg = gfget(pp);
	if (newg == NULL)
		newg = malg();
	else
		groot(newg, true);
	newg->startfn = fn;
	newg->startarg = arg;
	newg->param = NULL;
	newg->waiting = NULL;
	atomic_store(&newg->selectDone, 0);
	/* The last goroutine on this stack may have left ASan poison. */
	lo = newg->ctx.asanlow > newg->stack.lo ? newg->ctx.asanlow
						: newg->stack.lo;
	runtime_asanunpoison(lo, newg->stack.hi - lo);
	runtime_gctx_init(&newg->ctx, newg->stack, goentry, newg);
	atomic_fetch_add(&sched.ngoroutines, 1);
	casgstatus(newg, Gdead, Grunnable);
	newg->goid = newgoid(pp);
	if (pp != NULL) {
		runqput(pp, newg, true);
	} else {
		globrunqputlock(newg);
	}
	wakep();
}

void
runtime_Go(void (*fn)(void *), void *arg)
{
	runtime_newproc(fn, arg);
}

/*
 * runtime_NumGoroutine counts the process's main goroutine (its main
 * thread, as in a Go program) and the goroutines runtime_Go started that
 * have not returned; plain threads are not counted.
 */
int
runtime_NumGoroutine(void)
{
	return 1 + atomic_load(&sched.ngoroutines);
}

/* gosched_m puts the yielding g on the global queue (Go's goschedImpl). */
static void
gosched_m(void *arg)
{
	runtime_g *gp;

	gp = arg;
	(void)mcallenter(gp, Grunning, Grunnable);
	globrunqputlock(gp);
	schedule();
}

/* goyield_m puts it at the tail of its own P's queue instead. */
static void
goyield_m(void *arg)
{
	runtime_g *gp;
	runtime_m *mp;

	gp = arg;
	mp = mcallenter(gp, Grunning, Grunnable);
	runqput(mp->p, gp, false);
	schedule();
}

static void
yield(void (*fn)(void *))
{
	runtime_g *gp;

	gp = runtime_getg();
	if (gp->plain || gp->isg0) {
		runtime_osyield();
		return;
	}
	runtime_gctx_mcall(&gp->ctx, &gp->m->g0.ctx, fn, gp);
}

/* runtime_Gosched lets other goroutines run; the caller stays runnable. */
void
runtime_Gosched(void)
{
	yield(gosched_m);
}

/*
 * runtime_goyield lets the goroutines of the caller's P run first; sema.c
 * calls it after handing a semaphore to a waiter.
 */
void
runtime_goyield(void)
{
	yield(goyield_m);
}

/*
 * LockOSThread.  A plain thread is its own OS thread and runs nothing
 * else, so for it both calls do nothing.  Go's dolockOSThread and
 * dounlockOSThread are inline here: with no lockedInt, only these two
 * calls use them.
 */
void
runtime_LockOSThread(void)
{
	runtime_g *gp;
	runtime_m *mp;

	gp = runtime_getg();
	if (gp->plain)
		return;
	/* A new M may be needed while locked: start its maker unlocked. */
	if (atomic_load(&newmHandoff.haveTemplateThread) == 0)
		startTemplateThread();
	mp = gp->m;
	if (mp->lockedExt == UINT32_MAX)
		runtime_throw("LockOSThread nesting overflow");
	mp->lockedExt++;
	mp->lockedg = gp;
	gp->lockedm = mp;
}

void
runtime_UnlockOSThread(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	if (gp->plain || gp->m->lockedExt == 0 || --gp->m->lockedExt != 0)
		return;
	gp->m->lockedg = NULL;
	gp->lockedm = NULL;
}

/* runtime_LockOSCounts: see runtime_impl.h. */
uint32_t
runtime_LockOSCounts(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	return gp->plain ? 0 : gp->m->lockedExt;
}

/*
 * System calls.  A goroutine about to block in the kernel leaves its P in
 * Psyscall; sysmon hands such a P to another M if the call lasts, and the
 * goroutine takes its P back (or another) when the call returns.  Plain
 * threads hold no P and need none of this.
 */
/*
 * sysmonwakelocked (sched.lock held) is the wake-up of Go's
 * entersyscall_sysmon and exitsyscall: sysmon, asleep because every P
 * was idle, has work again.
 */
static void
sysmonwakelocked(void)
{
	if (atomic_load(&sched.sysmonwait) != 0) {
		atomic_store(&sched.sysmonwait, 0);
		notewakeup(&sched.sysmonnote);
	}
}

/* wakesysmon is Go's entersyscall_sysmon. */
static void
wakesysmon(void)
{
	runtime_lock(&sched.lock);
	sysmonwakelocked();
	runtime_unlock(&sched.lock);
}

void
runtime_entersyscall(void)
{
	runtime_g *gp;
	runtime_m *mp;
	runtime_p *pp;

	gp = getg();
	if (gp == NULL || gp->plain || gp->isg0)
		return;
	mp = gp->m;
	pp = mp->p;
	casgstatus(gp, Grunning, Gsyscall);
	if (atomic_load(&sched.sysmonwait) != 0)
		wakesysmon();
	mp->syscalltick =
	    atomic_load_explicit(&pp->syscalltick, memory_order_relaxed);
	pp->m = NULL;
	mp->oldp = pp;
	mp->p = NULL;
	atomic_store(&pp->status, Psyscall);
}

/*
 * exitsyscallfast_reacquired runs when the M got its old P back.  If the
 * tick moved while the call lasted, sysmon retook the P and another M
 * entered a call on it, which this M has just taken the P from: that
 * call is counted as ended too.  Go's tracer is what reads this; gonet
 * has none and keeps the count Go's anyway, so the tick means the same
 * in both.
 */
static void
exitsyscallfast_reacquired(runtime_m *mp)
{
	if (mp->syscalltick !=
	    atomic_load_explicit(&mp->p->syscalltick, memory_order_relaxed))
		tickinc(&mp->p->syscalltick);
}

/* exitsyscallfast takes the old P back, or any idle one. */
static bool
exitsyscallfast(runtime_m *mp, runtime_p *oldp)
{
	uint32_t   s;
	runtime_p *pp;

	s = Psyscall;
	if (oldp != NULL &&
	    atomic_compare_exchange_strong(&oldp->status, &s, Pidle)) {
		acquirep(oldp);
		exitsyscallfast_reacquired(mp);
		return true;
	}
	if (atomic_load(&sched.npidle) == 0)
		return false;
	runtime_lock(&sched.lock);
	pp = pidleget();
	if (pp != NULL)
		sysmonwakelocked();
	runtime_unlock(&sched.lock);
	if (pp == NULL)
		return false;
	acquirep(pp);
	return true;
}

/* exitsyscall0 queues gp, found without a P, and parks the M (on g0). */
static void
exitsyscall0(void *arg)
{
	runtime_g *gp;
	runtime_p *pp;
	bool	   locked;

	gp = arg;
	(void)mcallenter(gp, Gsyscall, Grunnable);
	locked = false;
	runtime_lock(&sched.lock);
	pp = pidleget();
	if (pp == NULL) {
		globrunqput(gp);
		/*
		 * Read before sched.lock goes: from then on gp is another
		 * M's to run, and may lock or unlock itself there.
		 */
		locked = gp->lockedm != NULL;
	} else
		sysmonwakelocked();
	runtime_unlock(&sched.lock);
	if (pp != NULL) {
		acquirep(pp);
		execute(gp, false);
	}
	if (locked) {
		/* gp was locked to this M: wait until it is runnable here. */
		stoplockedm();
		execute(gp, false);
	}
	stopm();
	schedule();
}

void
runtime_exitsyscall(void)
{
	runtime_g *gp;
	runtime_m *mp;
	runtime_p *oldp;

	gp = getg();
	if (gp == NULL || gp->plain || gp->isg0)
		return;
	mp = gp->m;
	oldp = mp->oldp;
	mp->oldp = NULL;
	if (exitsyscallfast(mp, oldp)) {
		tickinc(&mp->p->syscalltick);
		casgstatus(gp, Gsyscall, Grunning);
		return;
	}
	runtime_gctx_mcall(&gp->ctx, &mp->g0.ctx, exitsyscall0, gp);
	/* gp runs again, perhaps on another M: count on the P it holds now. */
	tickinc(&gp->m->p->syscalltick);
}

/* sysmon: the thread without a P that watches the others. */

/*
 * preemptone asks pp to end its time slice at its next scheduling point
 * (Go's preemptone, without the signal Go sends: C cannot stop a
 * goroutine that never reaches one).
 */
static void
preemptone(runtime_p *pp)
{
	atomic_store(&pp->preempt, true);
}

/*
 * Stand-in Ps are gonet's, not Go's.  A goroutine here runs C, which may
 * sleep in the kernel without telling the runtime: nanosleep, a pthread
 * wait, a read of a pipe or a file, a library's own lock.  Its M keeps
 * its P meanwhile, so with GOMAXPROCS=1 no other goroutine, timer or
 * network wake-up is served until the call returns, and if what it waits
 * for is another goroutine's doing, never.  Go meets this only in cgo
 * calls, which enter a system call and so lose their P to sysmon.  sysmon
 * cannot take a P from an M that was never told (the thread may wake and
 * go on with it at any moment); it adds one instead.  A P counts as
 * blocked when its goroutine's slice has lasted forcePreemptNs and its
 * thread is seen asleep in the kernel (runtime_threadsleeps); the count
 * of Ps in use is then the program's setting plus the blocked ones, so
 * as many goroutines run as GOMAXPROCS says, and the stand-in serves
 * timers and the network from the start, as a P handed off from a
 * system call would.  The P stops counting when it schedules or enters a
 * system call, or
 * when its thread is next seen running (looked at every forcePreemptNs),
 * and the Ps beyond the count retire at their next schedule as after any
 * shrink (retire, stealSurplus).
 */

/*
 * standinlook judges pp for the count of blocked Ps: sliceover says that
 * pp runs a goroutine whose slice has lasted forcePreemptNs.  A thread
 * must be seen asleep at two looks in a row, standinAgainNs or more
 * apart, before its P counts: a running thread may sleep for a moment (a
 * page from disk, a lock in the C library) without being stuck.  It
 * returns whether pp's part in the count changed.
 */
enum { standinAgainNs = 1000 * 1000 };

static bool
standinlook(runtime_p *pp, bool sliceover, int64_t now)
{
	bool was, asleep;

	was = atomic_load_explicit(&pp->sysmonBlocked, memory_order_relaxed);
	if (!sliceover) {
		pp->sysmonAsleep = false;
		if (!was)
			return false;
		atomic_store_explicit(
		    &pp->sysmonBlocked, false, memory_order_relaxed);
		return true;
	}
	if (now - pp->sysmonStatewhen <
	    (pp->sysmonAsleep ? standinAgainNs : forcePreemptNs))
		return false;
	pp->sysmonStatewhen = now;
	asleep = runtime_threadsleeps(
	    atomic_load_explicit(&pp->mtid, memory_order_relaxed));
	if (asleep && !was && !pp->sysmonAsleep) {
		pp->sysmonAsleep = true; /* look again */
		return false;
	}
	pp->sysmonAsleep = false;
	if (asleep == was)
		return false;
	atomic_store_explicit(&pp->sysmonBlocked, asleep, memory_order_relaxed);
	return true;
}

/*
 * standinsresize sets the count of Ps in use to the program's setting
 * plus the blocked Ps among them; a blocked P beyond the count is surplus
 * and holds no place.  sched.lock held.
 */
static void
standinsresize(void)
{
	runtime_p *pp;
	int32_t	   i, n, want, blocked;

	want = gomaxprocsSet;
	do {
		n = want;
		blocked = 0;
		for (i = 0; i < n && i < atomic_load(&nallp); i++) {
			pp = atomic_load(&allp[i]);
			blocked += atomic_load_explicit(
			    &pp->sysmonBlocked, memory_order_relaxed);
		}
		want = gomaxprocsSet + blocked;
		if (want > maxGomaxprocs)
			want = maxGomaxprocs;
	} while (want > n);
	if (want != getgomaxprocs())
		procresize(want);
}

/* standinschange applies retake's judgement, and starts a stand-in. */
static void
standinschange(void)
{
	int32_t old;

	runtime_lock(&sched.lock);
	old = getgomaxprocs();
	standinsresize();
	runtime_unlock(&sched.lock);
	if (getgomaxprocs() > old)
		wakep();
}

/*
 * retake looks at every P that exists, GOMAXPROCS's surplus too (a
 * surplus P in a long system call may still hold goroutines).  A time
 * slice that has lasted forcePreemptNs is asked to end (preemptone); in
 * a system call that request cannot be heard, so the P is retaken
 * instead, even though a new call started since sysmon last looked
 * (Go's sysretake): a goroutine that makes short calls without ever
 * parking would otherwise keep its P for as long as it likes.  Other Ps
 * in a system call are handed off once a call has lasted a sysmon tick
 * while there is other work.  It returns how many Ps it retook.
 */
static int
retake(int64_t now)
{
	runtime_p *pp;
	uint32_t   s, t;
	int32_t	   i, n;
	int	   count;
	bool	   sysretake, resize;

	count = 0;
	resize = false;
	n = atomic_load(&nallp);
	for (i = 0; i < n; i++) {
		pp = atomic_load(&allp[i]);
		if (pp == NULL)
			continue;
		s = atomic_load(&pp->status);
		sysretake = false;
		if (s == Prunning || s == Psyscall) {
			t = atomic_load_explicit(
			    &pp->schedtick, memory_order_relaxed);
			if (pp->sysmonSchedtick != t) {
				pp->sysmonSchedtick = t;
				pp->sysmonSchedwhen = now;
			} else if (pp->sysmonSchedwhen + forcePreemptNs <=
			    now) {
				preemptone(pp);
				sysretake = true;
				/*
				 * Go's signal would let pp run what waits in
				 * its queue.  A wakep that found every P busy
				 * gave up (startm), as Go's does, counting on
				 * that; here an idle P's M comes to steal it,
				 * or a goroutine that never yields would hold
				 * it for ever (TestGetgThreadSwitch, 1 to 4
				 * runs in 40 with GOMAXPROCS=5 before).
				 */
				if (s == Prunning && !runqempty(pp))
					wakep();
			}
		}
		resize |= standinlook(pp, s == Prunning && sysretake, now);
		if (s != Psyscall)
			continue;
		t = atomic_load(&pp->syscalltick);
		if (!sysretake && pp->sysmonSyscalltick != t) {
			pp->sysmonSyscalltick = t;
			pp->sysmonSyscallwhen = now;
			continue;
		}
		if (runqempty(pp) &&
		    atomic_load(&sched.nmspinning) +
			    atomic_load(&sched.npidle) >
			0 &&
		    pp->sysmonSyscallwhen + forcePollNs > now)
			continue;
		if (atomic_compare_exchange_strong(&pp->status, &s, Pidle)) {
			count++;
			tickinc(&pp->syscalltick);
			/*
			 * In Go the goroutine's next preemption signal would
			 * start a new slice; with none, the retake starts it,
			 * or a goroutine that keeps finding an idle P would
			 * lose it again at every sysmon tick.
			 */
			if (sysretake)
				pp->sysmonSchedwhen = now;
			handoffp(pp);
		}
	}
	if (resize)
		standinschange();
	return count;
}

/*
 * vacant says that nobody polls while someone needs the poller and may
 * have nobody else to do it: every P is idle (an M going idle would have
 * taken the role, so a plain thread left it), or a plain thread waits
 * through the shared poller.  While some P runs goroutines the vacancy
 * is Go's ordinary state: its M polls when it runs out of work, and
 * sysmon after forcePollNs, at Go's 10 ms tick rather than every
 * vacancyMax, which cost a busy server a thousand wake-ups a second on
 * its CPUs, and a goroutine ping-pong one every millisecond.
 */
static bool
vacant(void)
{
	return atomic_load(&sched.lastpoll) != 0 &&
	    (atomic_load(&sched.npidle) == getgomaxprocs() ||
		atomic_load(&plainpollwaiters) > 0) &&
	    netpollWanted(runtime_timer0when());
}

/*
 * sysmonpoll polls the network when nobody has for forcePollNs, or for
 * vacancyMax while the poller role is vacant, and runs timers that are
 * overdue because every P is busy.
 */
static void
sysmonpoll(int64_t now)
{
	runtime_gList list;
	int64_t	      last, next;

	last = atomic_load(&sched.lastpoll);
	if (runtime_netpollinited() && last != 0 &&
	    last + (vacant() ? vacancyMax : forcePollNs) < now &&
	    atomic_compare_exchange_strong(&sched.lastpoll, &last, now)) {
		runtime_netpoll(0, &list);
		injectglist(&list);
	}
	next = runtime_timer0when();
	if (next != 0 && next < now) {
		if (atomic_load(&sched.npidle) > 0)
			startm(NULL, false);
		else if (next + vacancyMax < now)
			runtime_runtimers();
	}
}

/*
 * sysmonidle is the part of Go's sysmon loop that sleeps while every P is
 * idle: until the next timer or until a system call wakes it, which it
 * reports, and sysmon then ticks at 20 us again.  Go sleeps up to
 * forcegcperiod/2 (60 s); gonet at most forcePollNs, its longest tick
 * anyway, since sysmon is also the backstop that gets overdue timers run
 * for plain threads.  Not while the poller role is vacant: plain threads
 * may be waiting for sysmon to poll for them.  Nor, in gonet, while an M
 * spins with every P idle (idlespin): the spin is there because the next
 * message is expected within microseconds, and then the goroutine's
 * first system call would wake sysmon at once, a futex wake-up and a
 * switch on a CPU the spin or its peer wants, for every message
 * (in hand runs the goroutines' two-process ping-pong took 22-28 us a
 * round trip so, 15-18 without).  sysmon's ticks meanwhile back off as
 * with no work.
 */
static bool
sysmonidle(int64_t now)
{
	int64_t next, sleep;
	bool	woke;

	if (atomic_load(&sched.npidle) != getgomaxprocs() || vacant() ||
	    atomic_load(&sched.idlespinning))
		return false;
	woke = false;
	runtime_lock(&sched.lock);
	if (atomic_load(&sched.npidle) == getgomaxprocs()) {
		next = runtime_timer0when();
		if (next == 0)
			next = INT64_MAX;
		if (next > now) {
			atomic_store(&sched.sysmonwait, 1);
			runtime_unlock(&sched.lock);
			sleep = forcePollNs;
			if (next - now < sleep)
				sleep = next - now;
			woke = notetsleep(&sched.sysmonnote, sleep);
			runtime_lock(&sched.lock);
			atomic_store(&sched.sysmonwait, 0);
			atomic_store(&sched.sysmonnote, 0);
		}
	}
	runtime_unlock(&sched.lock);
	return woke;
}

/*
 * sysmonLateNs, sysmonGapNs and sysmonCalmNs are gonet's, not Go's.  Go's
 * sysmon goes back to a 20 us tick whenever a system call wakes it or it
 * retakes a P.  While CPUs are free that costs nothing a goroutine could
 * use, and on this kind of guest it keeps a conversation's vCPUs from
 * halting between messages (the two-process ping-pong, DESIGN.md); while
 * they are all busy each tick takes a CPU from the goroutines it watches
 * (an HTTP server under wrk spent 4% of its CPU in sysmon's sleeps).  A
 * busy machine shows as late fast ticks, sysmon having waited behind
 * other threads: under wrk 2-4% came back more than sysmonLateNs late,
 * one every few milliseconds.  An idle guest's host also stalls now and
 * then, about once a second, making one to three ticks late within a
 * millisecond.  So sysmon backs off as if idle for sysmonCalmNs, whatever
 * wakes it, when a late tick comes more than sysmonGapNs after the first
 * late one of the last sysmonCalmNs: two stalls that close are a busy
 * machine, not a hiccup.  Only fast ticks (sysmonFastUs, Go's 20 us) are
 * judged: a longer one that woke a halted vCPU is late too.
 */
enum {
	sysmonFastUs = 20,
	sysmonLateNs = 1000 * 1000,
	sysmonGapNs = 10 * 1000 * 1000,
	sysmonCalmNs = 100 * 1000 * 1000,
};

void
runtime_sysmonTicksInit(runtime_sysmonTicks *t)
{
	t->late = INT64_MIN / 2;
	t->calm = 0;
}

void
runtime_sysmonLate(
    runtime_sysmonTicks *t, int64_t delay, int64_t due, int64_t now)
{
	if (delay != sysmonFastUs || now - due <= sysmonLateNs)
		return;
	if (now - t->late >= sysmonCalmNs)
		t->late = now;
	else if (now - t->late > sysmonGapNs)
		t->calm = now + sysmonCalmNs;
}

bool
runtime_sysmonCalm(const runtime_sysmonTicks *t, int64_t now)
{
	return now < t->calm;
}

/*
 * runtime_sysmonBackoff is Go's rule for sysmon's next sleep, in
 * microseconds, with the calm counted as idle.
 */
int64_t
runtime_sysmonBackoff(int64_t delay, int idle, bool calm)
{
	if (idle == 0 && !calm)
		delay = sysmonFastUs;
	else if (idle > 50 || calm)
		delay *= 2;
	if (delay > 10 * 1000)
		delay = 10 * 1000;
	return delay;
}

/* sysmondelay is the sleep before sysmon's next tick, in microseconds. */
static int64_t
sysmondelay(int64_t delay, int idle, bool calm)
{
	delay = runtime_sysmonBackoff(delay, idle, calm);
	if (vacant() && delay > vacancyMax / 1000)
		delay = vacancyMax / 1000;
	return delay;
}

static void *
sysmon(void *arg)
{
	runtime_sysmonTicks ticks;
	int64_t		    delay, now, due, shrunk;
	int		    idle;

	(void)arg;
	idle = 0;
	delay = 0;
	now = 0;
	shrunk = 0;
	runtime_sysmonTicksInit(&ticks);
	for (;;) {
		delay =
		    sysmondelay(delay, idle, runtime_sysmonCalm(&ticks, now));
		due = runtime_nanotime() + delay * 1000;
		runtime_usleep((uint32_t)delay);
		now = runtime_nanotime();
		runtime_sysmonLate(&ticks, delay, due, now);
		if (sysmonidle(now))
			idle = 0;
		/* sysmonidle may have slept until a timer was due. */
		now = runtime_nanotime();
		sysmonpoll(now);
		if (retake(now) != 0)
			idle = 0;
		else
			idle++;
		if (now - shrunk >= gfshrinkNs &&
		    atomic_load(&sched.gFreeDirty) > 0) {
			gfshrink();
			shrunk = now;
		}
	}
	return NULL;
}

/* gomaxprocsenv reads GOMAXPROCS as Go does: a positive number, else ncpu. */
static int32_t
gomaxprocsenv(void)
{
	const char *s;
	char	   *end;
	long	    n;

	n = runtime_getncpu();
	s = getenv("GOMAXPROCS");
	if (s != NULL && *s != '\0') {
		long v = strtol(s, &end, 10);
		if (*end == '\0' && v > 0)
			n = v;
	}
	if (n > maxGomaxprocs)
		n = maxGomaxprocs;
	return (int32_t)n;
}

/*
 * sysmonRunning says sysmon's thread exists; a forked child has none
 * until it starts an M (forkChild).
 */
static _Atomic bool sysmonRunning;

/* newsysmon starts sysmon's thread, unless it runs already. */
static void
newsysmon(void)
{
	if (!atomic_exchange(&sysmonRunning, true) && !newosproc(sysmon, NULL))
		runtime_throw("runtime: cannot start sysmon");
}

/*
 * fork.  A child has only the thread that forked: the other Ms, sysmon
 * and any plain thread are gone.  Go's rule is that the child execs at
 * once; gonet's tests also run code in forked children (runChild), so
 * the child's scheduler forgets the Ms it lost and takes back their Ps
 * with the goroutines queued on them; its first new M starts a sysmon.
 * sched.lock, the two leaf locks of the free lists (gFreeLock,
 * sudoglock) and newmHandoff's are held across the fork so that the
 * child finds the lists consistent and no lock held by a thread it lost.
 * The child still shares the parent's epoll instance, so a child that
 * goes on polling may take events meant for the parent: it must exec, or
 * only wait for what it started itself.
 */
static void
forkPrepare(void)
{
	runtime_lock(&sched.lock);
	runtime_lock(&sched.gFreeLock);
	runtime_lock(&sched.sudoglock);
	runtime_lock(&newmHandoff.lock);
}

/* forkParent lets go of what forkPrepare took, in the other order. */
static void
forkParent(void)
{
	runtime_unlock(&newmHandoff.lock);
	runtime_unlock(&sched.sudoglock);
	runtime_unlock(&sched.gFreeLock);
	runtime_unlock(&sched.lock);
}

static void
forkChild(void)
{
	runtime_m *self;
	runtime_p *pp;
	runtime_g *gp;
	bool	   inherit;
	int32_t	   i;

	self = getm();
	sched.midle = NULL;
	sched.nmidle = 0;
	sched.pidle = NULL;
	atomic_store(&sched.npidle, 0);
	atomic_store(&sched.nmspinning, self != NULL && self->spinning);
	for (i = 0; i < atomic_load(&nallp); i++) {
		pp = atomic_load(&allp[i]);
		if ((self != NULL && self->p == pp) ||
		    atomic_load(&pp->status) == Pdead)
			continue;
		while ((gp = runqget(pp, &inherit)) != NULL)
			globrunqput(gp);
		pp->m = NULL;
		pidleput(pp);
	}
	/* The Ms that slept in the kernel are gone, and their stand-ins. */
	for (i = 0; i < atomic_load(&nallp); i++)
		atomic_store(&atomic_load(&allp[i])->sysmonBlocked, false);
	if (getgomaxprocs() != gomaxprocsSet)
		procresize(gomaxprocsSet);
	atomic_store(&sched.lastpoll, runtime_nanotime());
	atomic_store(&sched.pollUntil, 0);
	forkParent();
	/*
	 * sysmon comes back with the child's first M: a child that only
	 * throws or execs starts no thread (TSan forbids that after fork).
	 */
	atomic_store(&sysmonRunning, false);
	/* So does the template thread, if a locked M ever asks for it. */
	newmHandoff.newm = NULL;
	newmHandoff.waiting = false;
	atomic_store(&newmHandoff.haveTemplateThread, 0);
}

/* schedinit makes the Ps and starts sysmon, on first use of the runtime. */
static void
schedinit(void)
{
	if (pthread_key_create(&plainkey, plainexit) != 0)
		runtime_throw("runtime: pthread_key_create failed");
	if (pthread_atfork(forkPrepare, forkParent, forkChild) != 0)
		runtime_throw("runtime: pthread_atfork failed");
	atomic_store(&sched.lastpoll, runtime_nanotime());
	runtime_lock(&sched.lock);
	gomaxprocsSet = gomaxprocsenv();
	procresize(gomaxprocsSet);
	runtime_unlock(&sched.lock);
	newsysmon();
	/*
	 * Go starts it at init when cgo may bring in C threads; every caller
	 * of gonet that is not an M is such a thread (newm).
	 */
	startTemplateThread();
}

/*
 * Sudogs.  Goroutines use their P's cache, plain threads their own; each
 * spills half to the central cache when full, as Go's per-P caches do.
 */
static runtime_sudogcache *
sudogcache(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	if (gp->plain) {
		/*
		 * Made at the thread's first sudog: a thread per connection
		 * that never selects would pay a KiB each for nothing.
		 */
		if (gp->plaincache == NULL)
			gp->plaincache =
			    runtime_malloc(sizeof(*gp->plaincache));
		return gp->plaincache;
	}
	if (gp->m == NULL || gp->m->p == NULL)
		runtime_throw("acquireSudog: no P");
	return &gp->m->p->sudogcache;
}

runtime_sudog *
runtime_acquireSudog(void)
{
	runtime_sudogcache *c;
	runtime_sudog	   *s;

	c = sudogcache();
	if (c->n == 0) {
		runtime_lock(&sched.sudoglock);
		while (c->n < sudogcacheSize / 2 && sched.sudogcache != NULL) {
			s = sched.sudogcache;
			sched.sudogcache = s->next;
			s->next = NULL;
			c->buf[c->n++] = s;
		}
		runtime_unlock(&sched.sudoglock);
		if (c->n == 0)
			c->buf[c->n++] = runtime_malloc(sizeof(runtime_sudog));
	}
	s = c->buf[--c->n];
	c->buf[c->n] = NULL;
	if (s->elem != NULL)
		runtime_throw("acquireSudog: found s.elem != nil in cache");
	return s;
}

/* releaseSudogCheck throws on a sudog released while still in use. */
static void
releaseSudogCheck(runtime_sudog *s)
{
	if (s->elem != NULL)
		runtime_throw("runtime: sudog with non-nil elem");
	if (s->isSelect)
		runtime_throw("runtime: sudog with non-false isSelect");
	if (s->next != NULL)
		runtime_throw("runtime: sudog with non-nil next");
	if (s->prev != NULL)
		runtime_throw("runtime: sudog with non-nil prev");
	if (s->waitlink != NULL)
		runtime_throw("runtime: sudog with non-nil waitlink");
	if (s->c != NULL)
		runtime_throw("runtime: sudog with non-nil c");
}

void
runtime_releaseSudog(runtime_sudog *s)
{
	runtime_sudogcache *c;
	runtime_sudog	   *first, *last, *p;

	releaseSudogCheck(s);
	if (runtime_getg()->param != NULL)
		runtime_throw("runtime: releaseSudog with non-nil gp.param");
	c = sudogcache();
	if (c->n == sudogcacheSize) {
		first = last = NULL;
		while (c->n > sudogcacheSize / 2) {
			p = c->buf[--c->n];
			c->buf[c->n] = NULL;
			if (first == NULL)
				first = p;
			else
				last->next = p;
			last = p;
		}
		runtime_lock(&sched.sudoglock);
		last->next = sched.sudogcache;
		sched.sudogcache = first;
		runtime_unlock(&sched.sudoglock);
	}
	c->buf[c->n++] = s;
}

/*
 * runtime_canSpin says whether a sync.Mutex waiter may spin its i-th
 * time: as in Go, only with another CPU, a P to spare and nothing else
 * to run on the caller's P.  A plain thread needs only another CPU.
 */
enum { active_spin = 4, active_spin_cnt = 30 };

bool
runtime_canSpin(int i)
{
	runtime_p *pp;

	if (i >= active_spin || runtime_getncpu() <= 1)
		return false;
	pp = currentp();
	if (pp == NULL)
		return true;
	if (getgomaxprocs() <=
	    atomic_load(&sched.npidle) + atomic_load(&sched.nmspinning) + 1)
		return false;
	return runqempty(pp);
}

void
runtime_doSpin(void)
{
	runtime_procyield(active_spin_cnt);
}

/*
 * Test hooks: Go's export_test.go and proc_runtime_test.go, which drive
 * the run queues and the steal order from inside package runtime.  C has
 * no test-only build of a package, so they are compiled in; the version
 * script leaves them out of the installed library's names.
 */
void
runtime_RunSchedLocalQueueTest(void)
{
	runtime_p *pp;
	runtime_g *gs;
	bool	   inherit;
	int	   i, j;

	pp = runtime_malloc(sizeof(*pp));
	gs = runtime_malloc(runqSize * sizeof(*gs));
	for (i = 0; i < runqSize; i++) {
		if (runqget(pp, &inherit) != NULL)
			runtime_throw("runq is not empty initially");
		for (j = 0; j < i; j++)
			runqput(pp, &gs[i], false);
		for (j = 0; j < i; j++) {
			if (runqget(pp, &inherit) != &gs[i]) {
				fprintf(stderr, "bad element at iter %d/%d\n",
				    i, j);
				runtime_throw("bad element");
			}
		}
		if (runqget(pp, &inherit) != NULL)
			runtime_throw("runq is not empty afterwards");
	}
	free(gs);
	free(pp);
}

/* drainCounting takes every g off pp, counting each in sig by index. */
static int
drainCounting(runtime_p *pp, runtime_g *gs, int *sig)
{
	runtime_g *gp;
	bool	   inherit;
	int	   n;

	for (n = 0; (gp = runqget(pp, &inherit)) != NULL; n++)
		sig[gp - gs]++;
	return n;
}

void
runtime_RunSchedLocalQueueStealTest(void)
{
	runtime_p *p1, *p2;
	runtime_g *gs, *gp;
	int	   sig[runqSize], i, j, s;

	p1 = runtime_malloc(sizeof(*p1));
	p2 = runtime_malloc(sizeof(*p2));
	gs = runtime_malloc(runqSize * sizeof(*gs));
	for (i = 0; i < runqSize; i++) {
		for (j = 0; j < i; j++) {
			sig[j] = 0;
			runqput(p1, &gs[j], false);
		}
		s = 0;
		if ((gp = runqsteal(p2, p1, true)) != NULL) {
			s++;
			sig[gp - gs]++;
		}
		s += drainCounting(p2, gs, sig);
		drainCounting(p1, gs, sig);
		for (j = 0; j < i; j++) {
			if (sig[j] != 1) {
				fprintf(stderr,
				    "bad element %d(%d) at iter %d\n", j,
				    sig[j], i);
				runtime_throw("bad element");
			}
		}
		if (s != i / 2 && s != i / 2 + 1) {
			fprintf(stderr,
			    "bad steal %d, want %d or %d, iter %d\n", s, i / 2,
			    i / 2 + 1, i);
			runtime_throw("bad steal");
		}
	}
	free(gs);
	free(p2);
	free(p1);
}

/* The goroutine of RunSchedLocalQueueEmptyTest, and what it shares. */
typedef struct emptyTest {
	runtime_p	*pp;
	runtime_hchan	*done;
	_Atomic uint32_t ready;
	bool		 next0, next1;
} emptyTest;

static void
meetOther(_Atomic uint32_t *ready)
{
	atomic_fetch_add(ready, 1);
	while (atomic_load(ready) != 2)
		;
}

static void
runqEmptyChecker(void *arg)
{
	emptyTest *t;
	bool	   ok;

	t = arg;
	meetOther(&t->ready);
	if (runqempty(t->pp)) {
		fprintf(stderr, "next: %d %d\n", t->next0, t->next1);
		runtime_throw("queue is empty");
	}
	ok = true;
	runtime_chansend1(t->done, &ok);
}

/*
 * The run queue must never look empty while a g moves from runnext to
 * the ring: a spurious empty would leave a runnable g beside an idle P.
 */
void
runtime_RunSchedLocalQueueEmptyTest(int iters)
{
	emptyTest  t;
	runtime_g *gs;
	bool	   inherit, ok;
	int	   i;

	memset(&t, 0, sizeof(t));
	t.pp = runtime_malloc(sizeof(*t.pp));
	t.done = runtime_makechan(sizeof(bool), 1);
	gs = runtime_malloc(2 * sizeof(*gs));
	for (i = 0; i < iters; i++) {
		atomic_store(&t.ready, 0);
		t.next0 = (i & 1) == 0;
		t.next1 = (i & 2) == 0;
		runqput(t.pp, &gs[0], t.next0);
		runtime_Go(runqEmptyChecker, &t);
		meetOther(&t.ready);
		runqput(t.pp, &gs[1], t.next1);
		runqget(t.pp, &inherit);
		runtime_chanrecv1(t.done, &ok);
		runqget(t.pp, &inherit);
	}
	free(gs);
	runtime_hchan_Free(t.done);
	free(t.pp);
}

/* runtime_testProcs is the count of Ps in use, stand-ins included. */
int
runtime_testProcs(void)
{
	return getgomaxprocs();
}

/* runtime_testPID is the id of the caller's P, or -1 if it has none. */
int
runtime_testPID(void)
{
	runtime_p *pp;

	pp = currentp();
	return pp != NULL ? pp->id : -1;
}

void
runtime_RunStealOrderTest(void)
{
	randomOrder *ord;
	randomEnum   e;
	bool	    *checked;
	uint32_t     procs, co, p, i, j;

	for (procs = 1; procs <= 64; procs++) {
		ord = randomOrder_new(procs);
		if (procs >= 3 && ord->ncoprimes < 2)
			runtime_throw("too few coprimes");
		checked = runtime_malloc(procs * procs * sizeof(bool));
		for (co = 0; co < ord->ncoprimes; co++) {
			memset(checked, 0, procs);
			e = randomOrder_start(ord, co);
			for (p = 0; p < procs; p++) {
				if (checked[randomEnum_position(&e)]) {
					fprintf(stderr, "procs: %u inc: %u\n",
					    procs, e.inc);
					runtime_throw(
					    "duplicate during enumeration");
				}
				checked[randomEnum_position(&e)] = true;
				randomEnum_next(&e);
			}
			if (!randomEnum_done(&e))
				runtime_throw("not done");
		}
		/*
		 * Different starts give procs*len(coprimes) distinct pos+inc.
		 */
		memset(checked, 0, procs * procs);
		for (i = 0; procs >= 2 && i < procs * ord->ncoprimes; i++) {
			e = randomOrder_start(ord, i);
			j = e.pos * procs + e.inc;
			if (checked[j]) {
				fprintf(stderr, "procs: %u pos: %u inc: %u\n",
				    procs, e.pos, e.inc);
				runtime_throw(
				    "duplicate pos+inc during enumeration");
			}
			checked[j] = true;
		}
		free(checked);
		free(ord);
	}
}
