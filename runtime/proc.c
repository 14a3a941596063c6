/*
 * C port, in role, of go1.19 src/runtime/proc.go (gopark, goready, the
 * netpoll part of findrunnable, wakeNetPoller, sync's canSpin and doSpin).
 * The timer heap is in runtime/time.c.
 * built on: all
 *
 * A goroutine is a pthread.  A parked goroutine sleeps on the futex of its
 * status word, except for one: the poller, which sleeps in runtime_netpoll
 * on behalf of all of them and runs the timers.  There is no poller thread;
 * parked goroutines take turns (leader/follower), so the goroutine whose fd
 * becomes ready is often the one in epoll_wait and wakes with no hand-off.
 *
 * Invariant: whenever at least one goroutine is parked, one parked
 * goroutine holds the poller role (sched.polling), or has been chosen to
 * take it (sched.handoffg), or is on its way to take sched.lock and will
 * take the role because nobody holds it, or the role is vacant
 * (sched.vacant) and timerproc will hand it to a follower within
 * vacancyMax.  So readiness is always serviced while anyone waits, at
 * worst vacancyMax late.
 *
 * The vacancy is what makes a ping-pong cheap.  A poller leaving gopark
 * usually parks again soon (it has read its message and will answer and
 * read again), so it keeps the role without holding it: waking a follower
 * only to sit in epoll_wait would cost a thread switch per message, and
 * that switch, not the system calls, is what a message costs on a VM.  Go
 * makes the same bet: with every P busy, only sysmon polls the network,
 * after 10 ms.
 *
 * Timers must fire whoever waits: a deadline that passes between two
 * non-blocking Writes has to fail the second one (Go's TestWriteTimeout),
 * and in Go the scheduler runs timers whether or not a goroutine is
 * blocked.  Whenever no goroutine holds the poller role, timerproc (named
 * after the timer goroutine of Go 1.13 and earlier) runs them instead, and
 * it ends long vacancies; while the role is occupied it stays idle.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "runtime/netpoll.h"
#include "runtime/runtime2.h"

/*
 * Go's goroutine status values, plus two gonet-only bits ORed onto
 * _Gwaiting the way Go ORs _Gscan onto a status.  Gpolling says the g is
 * the poller and is (or is about to be) inside runtime_netpoll, so
 * goready must break the poll rather than wake a futex.  Ghandoff says a
 * follower has been chosen to take over polling; setting it changes the
 * futex word, so a follower that has not yet gone to sleep cannot miss it.
 */
enum {
	Grunnable = 1,
	Grunning = 2,
	Gwaiting = 4,
	Gpolling = 0x1000,
	Ghandoff = 0x2000
};

static struct {
	pthread_mutex_t lock;
	/* The poller role. */
	bool	   polling;    /* some parked g holds the role */
	bool	   netpolling; /* ...and sleeps in netpoll until pollUntil */
	int64_t	   pollUntil;  /* that poll's wake-up time; 0: none */
	runtime_g *handoffg;   /* a follower told to take the role */
	runtime_g *followers;  /* parked gs sleeping on their status */
	int	   nparked;    /* gs between gopark's lock and its return */
	bool	   vacant;     /* the role was left with followers asleep */
	int64_t	   vacantSince;
	uint32_t   vacancies; /* how many vacancies began, for timerproc */
	/* timerproc, the timer runner of last resort. */
	pthread_cond_t timerCond;
	bool	       timerSleeping;
	int64_t	       timerWhen; /* its wake-up time; 0: when signalled */
	/*
	 * gs are recycled, never freed, like Go's: a goready racing with
	 * its g's thread exit may still touch the g's status word.
	 */
	runtime_g *allgs;
	runtime_g *gFree;
	/* Goroutines started by newproc that have not returned. */
	_Atomic int32_t ngoroutines;
	/* The central sudog cache, behind the per-g ones. */
	runtime_mutex  sudoglock;
	runtime_sudog *sudogcache;
} sched = { .lock = PTHREAD_MUTEX_INITIALIZER };

/*
 * vacancyMax bounds how long followers may wait with nobody polling for
 * them.  It is also timerproc's tick while vacancies keep happening.
 */
enum { vacancyMax = 1000 * 1000 };

/*
 * pollSpinNs bounds pollspin: a few loopback round trips.  Spinning pays
 * only when the answer can be produced while we spin, that is, when there
 * is another CPU; spinCPUs says so (Go spins only with idle Ps to spare).
 */
enum { pollSpinNs = 50 * 1000 };

static pthread_once_t spinOnce = PTHREAD_ONCE_INIT;
static bool	      spinCPUs;

static void
spinInit(void)
{
	spinCPUs = sysconf(_SC_NPROCESSORS_ONLN) > 1;
}

static pthread_once_t		gkeyOnce = PTHREAD_ONCE_INIT;
static pthread_once_t		timerprocOnce = PTHREAD_ONCE_INIT;
static pthread_key_t		gkey;
static _Thread_local runtime_g *g_;

static void
lock(void)
{
	if (pthread_mutex_lock(&sched.lock) != 0)
		runtime_throw("runtime: sched lock failed");
}

static void
unlock(void)
{
	pthread_mutex_unlock(&sched.lock);
}

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

/* gfput returns an exiting thread's g to the free list (key destructor). */
static void
gfput(void *arg)
{
	runtime_g *gp;

	gp = arg;
	g_ = NULL; /* a later destructor that parks gets a fresh g */
	lock();
	gp->schedlink = sched.gFree;
	sched.gFree = gp;
	unlock();
}

static void
gkeyInit(void)
{
	if (pthread_key_create(&gkey, gfput) != 0)
		runtime_throw("runtime: pthread_key_create failed");
}

/* gfget returns a recycled g, or a new one; the result is Grunning. */
static runtime_g *
gfget(void)
{
	runtime_g *gp;

	lock();
	gp = sched.gFree;
	if (gp != NULL) {
		sched.gFree = gp->schedlink;
	} else {
		gp = runtime_malloc(sizeof(*gp));
		gp->alllink = sched.allgs;
		sched.allgs = gp;
	}
	gp->schedlink = NULL;
	gp->param = NULL;
	gp->waiting = NULL;
	atomic_store(&gp->selectDone, 0);
	atomic_store(&gp->atomicstatus, Grunning);
	unlock();
	return gp;
}

runtime_g *
runtime_getg(void)
{
	if (g_ == NULL) {
		pthread_once(&gkeyOnce, gkeyInit);
		g_ = gfget();
		if (pthread_setspecific(gkey, g_) != 0)
			runtime_throw("runtime: pthread_setspecific failed");
	}
	return g_;
}

/*
 * Goroutines.  newproc gives each one a detached thread and a g made
 * ready before the thread starts, as Go's newproc1 makes the g before it
 * is scheduled; the thread's key destructor recycles the g when it ends.
 */
typedef struct newprocArgs {
	void (*fn)(void *);
	void	  *arg;
	runtime_g *gp;
} newprocArgs;

static void *
goexit(void *p)
{
	newprocArgs a;

	a = *(newprocArgs *)p;
	free(p);
	g_ = a.gp;
	if (pthread_setspecific(gkey, g_) != 0)
		runtime_throw("runtime: pthread_setspecific failed");
	a.fn(a.arg);
	atomic_fetch_sub(&sched.ngoroutines, 1);
	return NULL;
}

void
runtime_newproc(void (*fn)(void *), void *arg)
{
	pthread_attr_t attr;
	pthread_t      t;
	newprocArgs   *a;
	int	       e;

	pthread_once(&gkeyOnce, gkeyInit);
	a = runtime_malloc(sizeof(*a));
	a->fn = fn;
	a->arg = arg;
	a->gp = gfget();
	atomic_fetch_add(&sched.ngoroutines, 1);
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	e = pthread_create(&t, &attr, goexit, a);
	pthread_attr_destroy(&attr);
	if (e != 0)
		runtime_throw("newproc: cannot create a thread");
}

void
runtime_Go(void (*fn)(void *), void *arg)
{
	runtime_newproc(fn, arg);
}

/*
 * runtime_NumGoroutine counts the process's main goroutine (its main
 * thread, as in a Go program) and the goroutines runtime_Go started that
 * have not returned; threads the runtime did not start are not counted.
 */
int
runtime_NumGoroutine(void)
{
	return 1 + atomic_load(&sched.ngoroutines);
}

/* runtime_Gosched lets other goroutines run; the thread stays runnable. */
void
runtime_Gosched(void)
{
	runtime_osyield();
}

/*
 * Sudogs.  Go's per-P cache is per g here (a g is its own M and P), and
 * spills half of itself to the central cache when full.
 */
runtime_sudog *
runtime_acquireSudog(void)
{
	runtime_g     *gp;
	runtime_sudog *s;

	gp = runtime_getg();
	if (gp->nsudogcache == 0) {
		runtime_lock(&sched.sudoglock);
		while (gp->nsudogcache < sudogcacheSize / 2 &&
		    sched.sudogcache != NULL) {
			s = sched.sudogcache;
			sched.sudogcache = s->next;
			s->next = NULL;
			gp->sudogcache[gp->nsudogcache++] = s;
		}
		runtime_unlock(&sched.sudoglock);
		if (gp->nsudogcache == 0)
			gp->sudogcache[gp->nsudogcache++] =
			    runtime_malloc(sizeof(runtime_sudog));
	}
	s = gp->sudogcache[--gp->nsudogcache];
	gp->sudogcache[gp->nsudogcache] = NULL;
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
	runtime_g     *gp;
	runtime_sudog *first, *last, *p;

	releaseSudogCheck(s);
	gp = runtime_getg();
	if (gp->param != NULL)
		runtime_throw("runtime: releaseSudog with non-nil gp.param");
	if (gp->nsudogcache == sudogcacheSize) {
		first = last = NULL;
		while (gp->nsudogcache > sudogcacheSize / 2) {
			p = gp->sudogcache[--gp->nsudogcache];
			gp->sudogcache[gp->nsudogcache] = NULL;
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
	gp->sudogcache[gp->nsudogcache++] = s;
}

/*
 * wakefollower gives the poller role to one sleeping follower when nobody
 * holds it and nobody has been chosen yet.  Called with sched.lock held.
 */
static void
wakefollower(void)
{
	runtime_g *gp;
	uint32_t   old;

	if (sched.polling || sched.handoffg != NULL)
		return;
	for (gp = sched.followers; gp != NULL; gp = gp->follownext) {
		old = Gwaiting;
		/* A follower that is already runnable is leaving anyway. */
		if (atomic_compare_exchange_strong(
			&gp->atomicstatus, &old, Gwaiting | Ghandoff)) {
			sched.handoffg = gp;
			sched.vacant = false;
			runtime_futexwakeup(&gp->atomicstatus, 1);
			return;
		}
	}
}

static void timerprocStart(void);

/* nopoller reports that no goroutine holds or is taking the poller role. */
static bool
nopoller(void)
{
	return !sched.polling && sched.handoffg == NULL;
}

/*
 * waketimerproc nudges timerproc when it may have to act earlier than it
 * planned: nobody holds the poller role and when is before its wake-up.
 * Called with sched.lock held.
 */
static void
waketimerproc(int64_t when)
{
	if (nopoller() && sched.timerSleeping &&
	    (sched.timerWhen == 0 || when < sched.timerWhen))
		pthread_cond_signal(&sched.timerCond);
}

/*
 * runtime_wakeNetPoller is told by runtime/time.c that a timer is due at
 * when.  A poller asleep past it is woken to recompute its delay, and so
 * is timerproc when nobody polls; otherwise nothing needs to happen.
 */
void
runtime_wakeNetPoller(int64_t when)
{
	runtime_netpollGenericInit();
	pthread_once(&timerprocOnce, timerprocStart);
	lock();
	if (sched.netpolling &&
	    (sched.pollUntil == 0 || when < sched.pollUntil))
		runtime_netpollBreak();
	waketimerproc(when);
	unlock();
}

/*
 * runtimers runs the expired timers without sched.lock (their functions
 * arm timers and ready goroutines), then returns, with the lock held
 * again, when the earliest remaining timer is due (0: none).  That time is
 * read under sched.lock, so a timer armed later finds the caller's plans
 * published and wakes it through runtime_wakeNetPoller.
 */
static int64_t
runtimers(void)
{
	unlock();
	runtime_runtimers();
	lock();
	return runtime_nexttimer();
}

/*
 * startvacancy leaves the poller role vacant with followers asleep (see
 * the top of this file).  Called with sched.lock held.
 */
static void
startvacancy(void)
{
	if (!sched.vacant) {
		sched.vacant = true;
		sched.vacantSince = runtime_nanotime();
		sched.vacancies++;
	}
	waketimerproc(sched.vacantSince + vacancyMax);
}

/*
 * endvacancy is timerproc's check: a vacancy that has lasted vacancyMax
 * goes to a follower, and the earlier of next and the time of the next
 * check is returned (0: none needed).  Called with sched.lock held.
 */
static int64_t
endvacancy(int64_t next, uint32_t *seen)
{
	int64_t now, when;

	if (sched.vacant && (!nopoller() || sched.followers == NULL))
		sched.vacant = false;
	now = runtime_nanotime();
	if (sched.vacant) {
		when = sched.vacantSince + vacancyMax;
		if (when <= now) {
			wakefollower();
			/*
			 * If every follower was already leaving, none took
			 * the role: look again soon rather than spin.
			 */
			when = now + vacancyMax / 10;
		}
	} else if (sched.vacancies != *seen) {
		/*
		 * Vacancies keep coming: tick, so that the next one needs no
		 * signal to be watched.
		 */
		*seen = sched.vacancies;
		when = now + vacancyMax;
	} else {
		return next;
	}
	if (next == 0 || when < next)
		next = when;
	return next;
}

/*
 * timerproc runs timers while no goroutine holds the poller role, and
 * ends long vacancies (see the top of this file).  It never parks, so it
 * never holds the role itself.
 */
static void *
timerproc(void *arg)
{
	struct timespec ts;
	int64_t		next;
	uint32_t	seen;

	(void)arg;
	seen = 0;
	lock();
	for (;;) {
		next = 0;
		if (nopoller())
			next = runtimers();
		next = endvacancy(next, &seen);
		sched.timerWhen = next;
		sched.timerSleeping = true;
		if (next == 0) {
			pthread_cond_wait(&sched.timerCond, &sched.lock);
		} else {
			ts.tv_sec = next / 1000000000;
			ts.tv_nsec = next % 1000000000;
			pthread_cond_timedwait(
			    &sched.timerCond, &sched.lock, &ts);
		}
		sched.timerSleeping = false;
	}
	return NULL;
}

/* timerprocStart starts timerproc with the first timer, once. */
static void
timerprocStart(void)
{
	pthread_condattr_t attr;
	pthread_attr_t	   tattr;
	pthread_t	   t;

	/* The wake-up times are runtime_nanotime values. */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&sched.timerCond, &attr);
	pthread_condattr_destroy(&attr);
	pthread_attr_init(&tattr);
	pthread_attr_setdetachstate(&tattr, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &tattr, timerproc, NULL) != 0)
		runtime_throw("runtime: cannot start timerproc");
	pthread_attr_destroy(&tattr);
}

/*
 * pollspin polls without blocking for up to pollSpinNs before the poller
 * goes to sleep, the way Go's spinning Ms look for work before they park.
 * An answer that comes back within that time then costs no sleep and no
 * wake-up: on a virtual machine an idle vCPU halts, and waking it again
 * costs far more than the system calls of a message.  It stops early when
 * gp itself is readied (the wake-up it would have had left pending), and
 * returns the time it spent.  A timer armed during the spin for earlier
 * than the poll's wake-up breaks the poll that follows; it can be late by
 * pollSpinNs at most.
 */
static int64_t
pollspin(runtime_g *gp, runtime_gList *toRun)
{
	int64_t start, now;

	start = runtime_nanotime();
	do {
		runtime_netpoll(0, toRun);
		now = runtime_nanotime();
		if (toRun->head != NULL)
			break;
	} while (atomic_load(&gp->atomicstatus) != Grunnable &&
	    now - start < pollSpinNs);
	return now - start;
}

/*
 * pollonce is one turn of the poller role, taken by gp with sched.lock
 * held; it returns with the lock held and the role released.  Ready
 * goroutines are readied before the lock is retaken, so that they do not
 * wait for it.
 */
static void
pollonce(runtime_g *gp)
{
	runtime_gList toRun;
	runtime_g    *rgp;
	int64_t	      next, delay, spent;
	uint32_t      old;

	sched.polling = true;
	sched.vacant = false;
	next = runtimers();
	delay = -1;
	if (next != 0) {
		delay = next - runtime_nanotime();
		if (delay <= 0)
			delay = 0;
	}
	/*
	 * Publish Gpolling on the status word itself: a goready that wins
	 * the race makes this CAS fail (and the poll non-blocking), one that
	 * loses sees the bit and breaks the poll.
	 */
	old = Gwaiting;
	if (!atomic_compare_exchange_strong(
		&gp->atomicstatus, &old, Gwaiting | Gpolling))
		delay = 0;
	sched.netpolling = delay != 0;
	sched.pollUntil = next;
	unlock();

	/*
	 * A timer due sooner than the spin would end is better served by
	 * sleeping until it; otherwise the spin comes off the delay, so that
	 * the timer is not late.
	 */
	toRun.head = NULL;
	if (spinCPUs && (delay < 0 || delay > pollSpinNs)) {
		spent = pollspin(gp, &toRun);
		if (delay > 0)
			delay = delay > spent ? delay - spent : 0;
	}
	if (toRun.head == NULL)
		runtime_netpoll(delay, &toRun);

	old = Gwaiting | Gpolling;
	atomic_compare_exchange_strong(&gp->atomicstatus, &old, Gwaiting);
	while ((rgp = runtime_gList_pop(&toRun)) != NULL) {
		if (rgp != gp) {
			runtime_goready(rgp);
			continue;
		}
		old = Gwaiting;
		if (!atomic_compare_exchange_strong(
			&gp->atomicstatus, &old, Grunnable))
			runtime_throw("bad g->status in ready");
	}

	lock();
	sched.netpolling = false;
	sched.pollUntil = 0;
	runtimers();
	sched.polling = false;
}

/*
 * followersleep sleeps as a follower until gp is readied or handed the
 * poller role.  Called and returns with sched.lock held.
 */
static void
followersleep(runtime_g *gp)
{
	uint32_t old;

	gp->followprev = NULL;
	gp->follownext = sched.followers;
	if (sched.followers != NULL)
		sched.followers->followprev = gp;
	sched.followers = gp;
	unlock();

	runtime_futexsleep(&gp->atomicstatus, Gwaiting, -1);

	lock();
	if (gp->followprev != NULL)
		gp->followprev->follownext = gp->follownext;
	else
		sched.followers = gp->follownext;
	if (gp->follownext != NULL)
		gp->follownext->followprev = gp->followprev;
	old = Gwaiting | Ghandoff;
	atomic_compare_exchange_strong(&gp->atomicstatus, &old, Gwaiting);
	if (sched.handoffg == gp)
		sched.handoffg = NULL;
}

void
runtime_gopark(bool (*unlockf)(runtime_g *gp, void *arg), void *arg)
{
	runtime_g *gp;
	int64_t	   next;

	gp = runtime_getg();
	atomic_store(&gp->atomicstatus, Gwaiting);
	if (unlockf != NULL && !unlockf(gp, arg)) {
		/* Nobody can know of gp yet: no wake-up can be pending. */
		atomic_store(&gp->atomicstatus, Grunning);
		return;
	}
	runtime_netpollGenericInit();
	pthread_once(&timerprocOnce, timerprocStart);
	pthread_once(&spinOnce, spinInit);
	lock();
	sched.nparked++;
	while (atomic_load(&gp->atomicstatus) != Grunnable) {
		if (!sched.polling)
			pollonce(gp);
		else
			followersleep(gp);
	}
	/* Leaving: keep the invariant for those still parked. */
	if (sched.handoffg == gp)
		sched.handoffg = NULL;
	sched.nparked--;
	if (nopoller()) {
		if (sched.followers != NULL)
			startvacancy();
		next = runtime_nexttimer();
		if (next != 0)
			waketimerproc(next);
	}
	unlock();
	atomic_store(&gp->atomicstatus, Grunning);
}

void
runtime_goready(runtime_g *gp)
{
	uint32_t old;

	old = atomic_load(&gp->atomicstatus);
	for (;;) {
		if ((old & ~(uint32_t)(Gpolling | Ghandoff)) != Gwaiting)
			runtime_throw("bad g->status in ready");
		if (atomic_compare_exchange_weak(
			&gp->atomicstatus, &old, Grunnable))
			break;
	}
	/*
	 * After the CAS gp may return from gopark at any moment; only its
	 * status word, which outlives it, is touched from here on.
	 */
	if ((old & Gpolling) != 0)
		runtime_netpollBreak();
	else
		runtime_futexwakeup(&gp->atomicstatus, 1);
}

/*
 * runtime_goyield lets another goroutine run before the caller goes on;
 * with a thread per goroutine that is the kernel's choice (sched_yield).
 * sema.c calls it after handing a semaphore to a waiter.
 */
void
runtime_goyield(void)
{
	runtime_osyield();
}

/*
 * runtime_canSpin says whether a sync.Mutex waiter may spin its i-th
 * time.  Go also requires an idle P and an empty run queue; with a thread
 * per goroutine, a second CPU is all that lets the holder run meanwhile.
 */
enum { active_spin = 4, active_spin_cnt = 30 };

bool
runtime_canSpin(int i)
{
	return i < active_spin && runtime_getncpu() > 1;
}

void
runtime_doSpin(void)
{
	runtime_procyield(active_spin_cnt);
}

/*
 * gomaxprocs is only recorded while a goroutine is a thread of its own;
 * the default follows the CPUs the process may use, as in Go.
 */
static _Atomic int gomaxprocs;

int
runtime_GOMAXPROCS(int n)
{
	int old;

	old = atomic_load(&gomaxprocs);
	if (old == 0) {
		old = runtime_getncpu();
		atomic_store(&gomaxprocs, old);
	}
	if (n > 0)
		atomic_store(&gomaxprocs, n);
	return old;
}
