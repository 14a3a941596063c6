/*
 * C port of go1.19 src/runtime/netpoll.go
 * built on: aix darwin dragonfly freebsd linux netbsd openbsd solaris windows
 *
 * pollDescs, deadlines and parking.  The backend (netpoll_epoll.c) reports
 * readiness through runtime_netpollready; the contract is runtime/netpoll.h.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "runtime/netpoll.h"
#include "runtime/runtime_impl.h"

/*
 * rg and wg hold one of these, a waiting g, or 0.  pdReady records a
 * readiness notification nobody has consumed yet; pdWait marks a g that is
 * about to park but has not committed.
 */
#define pdReady ((uintptr_t)1)
#define pdWait	((uintptr_t)2)

enum { pollBlockSize = 4 * 1024 };

/*
 * pollInfo bits mirror the lock-protected fields so that netpollcheckerr
 * can be answered on the fast path without taking pd->lock.
 */
enum {
	pollClosing = 1 << 0,
	pollEventErr = 1 << 1,
	pollExpiredReadDeadline = 1 << 2,
	pollExpiredWriteDeadline = 1 << 3,
	pollEventMark = 1 << 4
};

/*
 * A pollBlock is one allocation of pollDescs.  Blocks are chained from
 * pollcache.blocks and never freed: a timer or an epoll event may still
 * point at a pollDesc after its user has gone, and must find valid memory.
 */
struct pollBlock {
	struct pollBlock *next;
	runtime_pollDesc  pds[];
};

static struct {
	pthread_mutex_t	  lock;
	runtime_pollDesc *first;
	struct pollBlock *blocks;
} pollcache = { PTHREAD_MUTEX_INITIALIZER, NULL, NULL };

static pthread_mutex_t	netpollInitLock = PTHREAD_MUTEX_INITIALIZER;
static _Atomic uint32_t netpollInited;
static _Atomic uint32_t netpollWaiters;

static runtime_pollDesc *pollCache_alloc(void);
static void		 pollCache_free(runtime_pollDesc *pd);
static int		 netpollcheckerr(runtime_pollDesc *pd, int32_t mode);
static bool	  netpollblock(runtime_pollDesc *pd, int32_t mode, bool waitio);
static runtime_g *netpollunblock(
    runtime_pollDesc *pd, int32_t mode, bool ioready);
static void netpollgoready(runtime_g *gp);
static void netpollDeadline(void *arg, uintptr_t seq);
static void netpollReadDeadline(void *arg, uintptr_t seq);
static void netpollWriteDeadline(void *arg, uintptr_t seq);

static void
pdlock(runtime_pollDesc *pd)
{
	runtime_lock(&pd->lock);
}

static void
pdunlock(runtime_pollDesc *pd)
{
	runtime_unlock(&pd->lock);
}

static uint32_t
pollDesc_info(runtime_pollDesc *pd)
{
	return atomic_load(&pd->atomicInfo);
}

/*
 * pollDesc_publishInfo copies closing, rd and wd into atomicInfo; it is
 * called with pd->lock held after any of them changes.  The event-error
 * bit is owned by the backend and carried over untouched.
 */
static void
pollDesc_publishInfo(runtime_pollDesc *pd)
{
	uint32_t info, x;

	info = 0;
	if (pd->closing)
		info |= pollClosing;
	if (pd->rd < 0)
		info |= pollExpiredReadDeadline;
	if (pd->wd < 0)
		info |= pollExpiredWriteDeadline;

	x = atomic_load(&pd->atomicInfo);
	while (!atomic_compare_exchange_weak(
	    &pd->atomicInfo, &x, (x & (pollEventErr | pollEventMark)) | info))
		;
}

/*
 * runtime_pollDesc_setEventMark records, for good, that the backend saw an
 * event at which a stream read may stop short with data still queued:
 * urgent data, the peer's end of stream, an error.  pollOpen clears it.
 */
void
runtime_pollDesc_setEventMark(runtime_pollDesc *pd)
{
	atomic_fetch_or(&pd->atomicInfo, pollEventMark);
}

/*
 * runtime_pollSawMark reports whether setEventMark was called since pd was
 * opened; net's drained reads (fd_unix.c) must not skip a read if so.
 */
bool
runtime_pollSawMark(runtime_pollDesc *pd)
{
	return (pollDesc_info(pd) & pollEventMark) != 0;
}

/*
 * runtime_pollKernelWaitAllowed reports whether a plain thread may wait
 * for pd's descriptor inside a blocking read: only while nothing that
 * would end the read at once (Close, a read deadline that has passed, an
 * event error, which prepareRead reports) is there.  A read deadline yet
 * to come is no bar: its timer kicks the thread when it passes
 * (netpolldeadlineimpl).  The thread calls this after publishing its
 * wait in kwait, and Close, SetReadDeadline and the timer look at kwait
 * after publishing here, so one of the two always sees the other.
 */
bool
runtime_pollKernelWaitAllowed(runtime_pollDesc *pd)
{
	return (pollDesc_info(pd) &
		   (pollClosing | pollEventErr | pollExpiredReadDeadline)) == 0;
}

bool
runtime_pollClosing(runtime_pollDesc *pd)
{
	return (pollDesc_info(pd) & pollClosing) != 0;
}

/*
 * runtime_pollWaitFirst reports whether the calling thread may wait for a
 * descriptor before trying it, and would gain by it: a plain thread with
 * its own eventfd waits in poll(2) on the descriptor itself (proc.c,
 * plainwaitfd), which returns at once while anything is there to read or
 * accept, so that waiting first never misses what a read would have got;
 * and its last wait slept, so the next read most likely finds nothing
 * (a conversation, not a stream).  A goroutine, or a thread without an
 * eventfd, waits on the poller's edges, which a wait first could miss.
 */
bool
runtime_pollWaitFirst(void)
{
	runtime_g *gp;

	gp = runtime_getg();
	return gp->plain && gp->eventfd >= 0 && gp->waitslept;
}

void
runtime_pollDesc_setEventErr(runtime_pollDesc *pd, bool b)
{
	uint32_t x;

	x = atomic_load(&pd->atomicInfo);
	while (((x & pollEventErr) != 0) != b &&
	    !atomic_compare_exchange_weak(
		&pd->atomicInfo, &x, x ^ pollEventErr))
		;
}

/*
 * netpollTryInit starts the poller unless it runs already.  A failure is
 * not remembered, unlike a pthread_once: the descriptor limit that made
 * it fail may be raised, or descriptors closed, before the next call.
 */
static int
netpollTryInit(void)
{
	int errno_;

	if (atomic_load(&netpollInited) != 0)
		return 0;
	errno_ = 0;
	pthread_mutex_lock(&netpollInitLock);
	if (atomic_load(&netpollInited) == 0) {
		errno_ = runtime_netpollinit();
		if (errno_ == 0)
			atomic_store(&netpollInited, 1);
	}
	pthread_mutex_unlock(&netpollInitLock);
	return errno_;
}

void
runtime_netpollGenericInit(void)
{
	int errno_;

	if ((errno_ = netpollTryInit()) != 0) {
		fprintf(
		    stderr, "runtime: netpollinit failed with %d\n", errno_);
		runtime_throw("runtime: netpollinit failed");
	}
}

int
runtime_pollServerInit(void)
{
	return netpollTryInit();
}

bool
runtime_isPollServerDescriptor(uintptr_t fd)
{
	/* Before init the backend's descriptors are still being set up. */
	if (atomic_load(&netpollInited) == 0)
		return false;
	return runtime_netpollIsPollDescriptor(fd);
}

/*
 * pollOpenReset hands out a recycled pollDesc reset for fd, not yet on the
 * backend, or NULL with *errno_ set when the poller cannot start.
 */
static runtime_pollDesc *
pollOpenReset(uintptr_t fd, int *errno_)
{
	runtime_pollDesc *pd;
	uintptr_t	  rg, wg;

	if ((*errno_ = netpollTryInit()) != 0)
		return NULL;
	pd = pollCache_alloc();
	pdlock(pd);
	wg = atomic_load(&pd->wg);
	if (wg != 0 && wg != pdReady)
		runtime_throw("runtime: blocked write on free polldesc");
	rg = atomic_load(&pd->rg);
	if (rg != 0 && rg != pdReady)
		runtime_throw("runtime: blocked read on free polldesc");
	pd->fd = fd;
	/*
	 * A new fdseq orphans every event still queued for the previous
	 * user; the backend compares it under this same lock.
	 */
	atomic_store(&pd->fdseq,
	    (atomic_load(&pd->fdseq) + 1) &
		(((uintptr_t)1 << runtime_taggedPointerBits) - 1));
	pd->closing = false;
	runtime_pollDesc_setEventErr(pd, false);
	atomic_fetch_and(&pd->atomicInfo, ~(uint32_t)pollEventMark);
	pd->rseq++;
	atomic_store(&pd->rg, 0);
	pd->rd = 0;
	pd->wseq++;
	atomic_store(&pd->wg, 0);
	pd->wd = 0;
	atomic_store(&pd->kmode, 0); /* a new socket is non-blocking */
	atomic_store(&pd->user, 0);
	atomic_store(&pd->wpoll, 0);
	atomic_store(&pd->polled, 0);
	pollDesc_publishInfo(pd);
	pdunlock(pd);
	return pd;
}

/*
 * runtime_pollOpen hands out a recycled pollDesc reset for fd, then
 * registers fd with the backend.  On failure the pollDesc goes back to the
 * cache, *pdp is NULL and the errno is returned.
 */
int
runtime_pollOpen(uintptr_t fd, runtime_pollDesc **pdp)
{
	runtime_pollDesc *pd;
	int		  errno_;

	*pdp = NULL;
	if ((pd = pollOpenReset(fd, &errno_)) == NULL)
		return errno_;
	errno_ = runtime_netpollopen(fd, pd);
	if (errno_ != 0) {
		pollCache_free(pd);
		return errno_;
	}
	atomic_store(&pd->polled, 1);
	*pdp = pd;
	return 0;
}

/*
 * runtime_pollOpenSocket leaves a plain thread's socket off the backend.
 * A plain thread waits in the kernel: in its read (netpoll_kwait_linux.c)
 * or in poll(2) on the socket itself (plainwaitfd), and nothing else
 * needs the backend until a goroutine waits.  On the backend every
 * message would cost the kernel a call of epoll's wake-up function (and
 * its lock) beside the reader's wake-up, for a poller nobody asks:
 * up to 6% of the CPU of a plain ping-pong beside a busy loop, and two
 * epoll_ctl calls a connection.  A goroutine's socket is registered at
 * once, as Go does, since the goroutine will most likely wait.
 */
int
runtime_pollOpenSocket(uintptr_t fd, runtime_pollDesc **pdp)
{
	runtime_pollDesc *pd;
	int		  errno_;

	if (!runtime_plainThread())
		return runtime_pollOpen(fd, pdp);
	*pdp = pd = pollOpenReset(fd, &errno_);
	return pd == NULL ? errno_ : 0;
}

/*
 * pollPolled puts pd's descriptor on the backend before the first wait
 * that needs it there: a goroutine's, or a plain thread's that cannot
 * watch the descriptor itself.  The registration reports what is queued
 * already, so no readiness that came before it is lost, and a mark
 * (runtime_pollSawMark) still standing is seen then.  It runs under pd's
 * lock, so that two first waiters register once.
 */
static int
pollPolled(runtime_pollDesc *pd)
{
	int errno_;

	if (atomic_load(&pd->polled) != 0 || runtime_plainWaitsOwnFd())
		return 0;
	errno_ = 0;
	pdlock(pd);
	if (atomic_load(&pd->polled) == 0) {
		errno_ = runtime_netpollopen(pd->fd, pd);
		if (errno_ == 0)
			atomic_store(&pd->polled, 1);
	}
	pdunlock(pd);
	return errno_;
}

/*
 * runtime_pollClose unregisters pd's fd and recycles pd.  The caller must
 * have called runtime_pollUnblock and waited for every user to leave; the
 * fd itself is closed by the caller afterwards.
 */
void
runtime_pollClose(runtime_pollDesc *pd)
{
	uintptr_t rg, wg;
	bool	  closing;

	pdlock(pd);
	closing = pd->closing;
	pdunlock(pd);
	if (!closing)
		runtime_throw("runtime: close polldesc w/o unblock");
	wg = atomic_load(&pd->wg);
	if (wg != 0 && wg != pdReady)
		runtime_throw("runtime: blocked write on closing polldesc");
	rg = atomic_load(&pd->rg);
	if (rg != 0 && rg != pdReady)
		runtime_throw("runtime: blocked read on closing polldesc");
	if (atomic_load(&pd->polled) != 0)
		runtime_netpollclose(pd->fd);
	runtime_pollSetUser(pd, 0);
	pollCache_free(pd);
}

static void
pollCache_free(runtime_pollDesc *pd)
{
	pthread_mutex_lock(&pollcache.lock);
	pd->link = pollcache.first;
	pollcache.first = pd;
	pthread_mutex_unlock(&pollcache.lock);
}

/* runtime_pollReset forgets a stale readiness before a new read or write. */
int
runtime_pollReset(runtime_pollDesc *pd, int mode)
{
	int errcode;

	errcode = netpollcheckerr(pd, mode);
	if (errcode != runtime_pollNoError)
		return errcode;
	if (mode == 'r')
		atomic_store(&pd->rg, 0);
	else if (mode == 'w')
		atomic_store(&pd->wg, 0);
	return runtime_pollNoError;
}

/*
 * runtime_pollWait parks until pd is ready for mode, or returns the reason
 * it never will be (closing, deadline, event error).
 */
int
runtime_pollWait(runtime_pollDesc *pd, int mode)
{
	int errcode;

	errcode = netpollcheckerr(pd, mode);
	if (errcode != runtime_pollNoError)
		return errcode;
	if (pollPolled(pd) != 0)
		return runtime_pollErrNotPollable;
	while (!netpollblock(pd, mode, false)) {
		errcode = netpollcheckerr(pd, mode);
		if (errcode != runtime_pollNoError)
			return errcode;
		/*
		 * A wake-up with no error and no readiness was a deadline
		 * that has since been pushed back, or a race with one: wait
		 * again.
		 */
	}
	return runtime_pollNoError;
}

/* runtime_pollWaitCanceled waits out an I/O the caller has cancelled. */
void
runtime_pollWaitCanceled(runtime_pollDesc *pd, int mode)
{
	if (pollPolled(pd) != 0)
		return;
	while (!netpollblock(pd, mode, true))
		;
}

/*
 * pdtimer returns pd's read or write timer (mode 'r' or 'w'), allocating
 * both the first time (runtime_pollTimers).  pd->lock is held.
 */
static runtime_timer *
pdtimer(runtime_pollDesc *pd, int mode)
{
	if (pd->timers == NULL)
		pd->timers = runtime_malloc(sizeof(*pd->timers));
	return mode == 'r' ? &pd->timers->rt : &pd->timers->wt;
}

/* pdtimerarmed is Go's pd.rt.f != nil (or wt's); pd->lock is held. */
static bool
pdtimerarmed(runtime_pollDesc *pd, int mode)
{
	return pd->timers != NULL && pdtimer(pd, mode)->f != NULL;
}

/* pdtimerstop disarms pd's armed read or write timer; pd->lock is held. */
static void
pdtimerstop(runtime_pollDesc *pd, int mode)
{
	runtime_deltimer(pdtimer(pd, mode));
	pdtimer(pd, mode)->f = NULL;
}

/*
 * runtime_pollSetDeadline sets the read, write or both deadlines of pd.
 * Unlike Go's, d is already absolute (runtime_impl.h): net converts the
 * time.Time itself, so no nanotime() is added here.  When both deadlines
 * are equal one timer serves them (netpollDeadline), which halves the
 * timers of the common SetDeadline call.
 */
void
runtime_pollSetDeadline(runtime_pollDesc *pd, int64_t d, int mode)
{
	void (*rtf)(void *, uintptr_t);
	runtime_g *rg, *wg;
	int64_t	   rd0, wd0;
	uint64_t   kw;
	bool	   combo0, combo, rdpassed;

	pdlock(pd);
	if (pd->closing) {
		pdunlock(pd);
		return;
	}
	rd0 = pd->rd;
	wd0 = pd->wd;
	combo0 = rd0 > 0 && rd0 == wd0;
	if (mode == 'r' || mode == 'r' + 'w')
		pd->rd = d;
	if (mode == 'w' || mode == 'r' + 'w')
		pd->wd = d;
	pollDesc_publishInfo(pd);
	rdpassed = pd->rd < 0 && rd0 >= 0;
	combo = pd->rd > 0 && pd->rd == pd->wd;
	rtf = netpollReadDeadline;
	if (combo)
		rtf = netpollDeadline;
	if (!pdtimerarmed(pd, 'r')) {
		if (pd->rd > 0)
			runtime_modtimer(
			    pdtimer(pd, 'r'), pd->rd, 0, rtf, pd, pd->rseq);
	} else if (pd->rd != rd0 || combo != combo0) {
		pd->rseq++; /* a timer already firing must find it stale */
		if (pd->rd > 0)
			runtime_modtimer(
			    pdtimer(pd, 'r'), pd->rd, 0, rtf, pd, pd->rseq);
		else
			pdtimerstop(pd, 'r');
	}
	if (!pdtimerarmed(pd, 'w')) {
		if (pd->wd > 0 && !combo)
			runtime_modtimer(pdtimer(pd, 'w'), pd->wd, 0,
			    netpollWriteDeadline, pd, pd->wseq);
	} else if (pd->wd != wd0 || combo != combo0) {
		pd->wseq++;
		if (pd->wd > 0 && !combo)
			runtime_modtimer(pdtimer(pd, 'w'), pd->wd, 0,
			    netpollWriteDeadline, pd, pd->wseq);
		else
			pdtimerstop(pd, 'w');
	}
	/* An expired deadline releases a waiter now rather than by timer. */
	rg = NULL;
	wg = NULL;
	if (pd->rd < 0)
		rg = netpollunblock(pd, 'r', false);
	if (pd->wd < 0)
		wg = netpollunblock(pd, 'w', false);
	kw = atomic_load(&pd->kwait);
	pdunlock(pd);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
	if (rdpassed)
		runtime_pollKernelKick(pd, kw);
}

/*
 * runtime_pollUnblock marks pd closing and wakes its waiters, which then
 * see pollErrClosing.  It is the first half of Close; runtime_pollClose is
 * the second.
 */
void
runtime_pollUnblock(runtime_pollDesc *pd)
{
	runtime_g *rg, *wg;
	uint64_t   kw;

	pdlock(pd);
	if (pd->closing)
		runtime_throw("runtime: unblock on closing polldesc");
	pd->closing = true;
	pd->rseq++;
	pd->wseq++;
	pollDesc_publishInfo(pd);
	rg = netpollunblock(pd, 'r', false);
	wg = netpollunblock(pd, 'w', false);
	if (pdtimerarmed(pd, 'r'))
		pdtimerstop(pd, 'r');
	if (pdtimerarmed(pd, 'w'))
		pdtimerstop(pd, 'w');
	kw = atomic_load(&pd->kwait);
	pdunlock(pd);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
	runtime_pollKernelKick(pd, kw);
}

/*
 * runtime_netpollready is called by the backend, with pd->lock held, for
 * an event that belongs to pd's current user.  The goroutines it releases
 * go on toRun; the caller readies them once it has left the backend.
 */
void
runtime_netpollready(runtime_gList *toRun, runtime_pollDesc *pd, int32_t mode)
{
	runtime_g *rg, *wg;

	rg = NULL;
	wg = NULL;
	if (mode == 'r' || mode == 'r' + 'w')
		rg = netpollunblock(pd, 'r', true);
	if (mode == 'w' || mode == 'r' + 'w')
		wg = netpollunblock(pd, 'w', true);
	/*
	 * Go 1.19 counts these waiters only down on the other wake-ups, so
	 * its count only grows; gonet counts every wake-up, as Go 1.21 does.
	 */
	if (rg != NULL) {
		rg->readypd = pd;
		if (!rg->plain)
			atomic_fetch_sub(&netpollWaiters, 1);
		runtime_gList_push(toRun, rg);
	}
	if (wg != NULL) {
		if (!wg->plain)
			atomic_fetch_sub(&netpollWaiters, 1);
		runtime_gList_push(toRun, wg);
	}
}

/*
 * keysInUse counts the connection keys of this process's open pollDescs
 * by a 16-bit hash, so that a write whose reader cannot be here (no key
 * of this process hashes like the swapped one) costs no poll: the HTTP
 * server's, whose clients are another process, and conns10k's on both
 * sides.  At 10000 connections about one slot in seven is taken, and
 * those writes learn as before (wpoll).  128 KiB of counters, of which
 * only the pages of used slots are touched; a count that reaches the
 * top stays there, meaning "perhaps" for ever.
 */
enum { keySlots = 1 << 16, keyCountMax = UINT16_MAX };
static _Atomic uint16_t keysInUse[keySlots];

static _Atomic uint16_t *
keySlot(uint32_t key)
{
	return &keysInUse[(key * 0x9e3779b1u) >> 16];
}

/* keyCount adds delta (1 or -1) to key's slot, unless it is saturated. */
static void
keyCount(uint32_t key, int delta)
{
	_Atomic uint16_t *slot;
	uint16_t	  n;

	slot = keySlot(key);
	n = atomic_load_explicit(slot, memory_order_relaxed);
	while (n != keyCountMax &&
	    !atomic_compare_exchange_weak(slot, &n, (uint16_t)(n + delta)))
		;
}

/*
 * runtime_pollSetUser is set by the net layer before pd is shared, and
 * to 0 by runtime_pollClose.
 */
void
runtime_pollSetUser(runtime_pollDesc *pd, uint32_t user)
{
	uint32_t old;

	old = atomic_exchange(&pd->user, user);
	if (old != 0)
		keyCount(old, -1);
	if (user != 0)
		keyCount(user, 1);
}

/*
 * runtime_pollWrote is told that the calling g wrote to pd.  A
 * connection with a key gets a write-poll if some open connection may
 * have the swapped key and its reader has not yet proved absent.  A write
 * whose swapped key has no count is a miss as a poll that found nothing
 * is, so that a connection to another process stops asking after
 * wpollTries writes: the counter a write reads is a cache miss at random
 * in 128 KiB, 0.7-0.9% of the CPU samples of gonet-g's HTTP server and
 * conns10k.  The g's writes hold the descriptor, so pd's key and fdseq
 * are stable here.
 */
void
runtime_pollWrote(runtime_pollDesc *pd)
{
	uint32_t user, peer;

	user = atomic_load_explicit(&pd->user, memory_order_relaxed);
	if (user == 0 ||
	    atomic_load_explicit(&pd->wpoll, memory_order_relaxed) ==
		wpollTries)
		return;
	peer = user >> 16 | user << 16;
	if (atomic_load_explicit(keySlot(peer), memory_order_relaxed) != 0)
		runtime_wrote(pd, atomic_load(&pd->fdseq), peer);
	else
		runtime_pollWroteResult(pd, atomic_load(&pd->fdseq), false);
}

/*
 * runtime_netpollpeer takes out of list, and returns, the first g that
 * the poll readied for reading on a connection whose key is peer; the
 * others keep their order.
 */
runtime_g *
runtime_netpollpeer(runtime_gList *list, uint32_t peer)
{
	runtime_g *gp, **link;
	void	  *pd;

	for (link = &list->head; (gp = *link) != NULL; link = &gp->schedlink) {
		pd = gp->readypd;
		if (!gp->plain && pd != NULL &&
		    atomic_load_explicit(&((runtime_pollDesc *)pd)->user,
			memory_order_relaxed) == peer) {
			*link = gp->schedlink;
			return gp;
		}
	}
	return NULL;
}

/*
 * runtime_pollWroteResult records a write-poll's outcome in pd, unless pd
 * has a new user since the write: one find makes every write poll, and
 * wpollTries misses with none stop them.
 */
void
runtime_pollWroteResult(runtime_pollDesc *pd, uintptr_t seq, bool found)
{
	uint8_t n;

	if (atomic_load(&pd->fdseq) != seq)
		return;
	n = atomic_load_explicit(&pd->wpoll, memory_order_relaxed);
	if (found)
		n = wpollFound;
	else if (n < wpollTries)
		n++;
	atomic_store_explicit(&pd->wpoll, n, memory_order_relaxed);
}

uintptr_t
runtime_pollDesc_fd(void *pd)
{
	return ((runtime_pollDesc *)pd)->fd;
}

bool
runtime_netpollinited(void)
{
	return atomic_load(&netpollInited) != 0;
}

bool
runtime_netpollWaiting(void)
{
	return atomic_load(&netpollWaiters) > 0;
}

uint32_t
runtime_netpollWaiterCount(void)
{
	return atomic_load_explicit(&netpollWaiters, memory_order_relaxed);
}

static int
netpollcheckerr(runtime_pollDesc *pd, int32_t mode)
{
	uint32_t info;

	info = pollDesc_info(pd);
	if ((info & pollClosing) != 0)
		return runtime_pollErrClosing;
	if ((mode == 'r' && (info & pollExpiredReadDeadline) != 0) ||
	    (mode == 'w' && (info & pollExpiredWriteDeadline) != 0))
		return runtime_pollErrTimeout;
	/*
	 * Only reads report the event error: a write would find the error
	 * itself, and Go issue 47355 shows reads need the hint.
	 */
	if (mode == 'r' && (info & pollEventErr) != 0)
		return runtime_pollErrNotPollable;
	return runtime_pollNoError;
}

/*
 * netpollblockcommit is gopark's unlockf: the park goes ahead only if the
 * slot still says pdWait, that is, no notification slipped in between.
 */
static bool
netpollblockcommit(runtime_g *gp, void *gpp)
{
	uintptr_t old;
	bool	  r;

	old = pdWait;
	r = atomic_compare_exchange_strong(
	    (_Atomic uintptr_t *)gpp, &old, (uintptr_t)gp);
	/* A plain thread waits in poll(2) itself: no poller need watch. */
	if (r && !gp->plain) {
		atomic_fetch_add(&netpollWaiters, 1);
		runtime_netpollWaiterAdded();
	}
	return r;
}

static void
netpollgoready(runtime_g *gp)
{
	if (!gp->plain)
		atomic_fetch_sub(&netpollWaiters, 1);
	runtime_goready(gp);
}

/*
 * runtime_netpollunblockg is readiness seen by a plain thread waiting on
 * pd in poll(2): it takes the thread's g out of the slot as netpoll
 * would, and reports whether it was still there (else someone else has
 * readied it, or is about to).
 */
bool
runtime_netpollunblockg(void *pd, int32_t mode, runtime_g *gp)
{
	return netpollunblock(pd, mode, true) == gp;
}

/*
 * netpollblock reports whether pd became ready for mode (true) or the
 * wait ended for another reason (false: closing, deadline).  waitio makes
 * it ignore those reasons and wait for real readiness.
 */
static bool
netpollblock(runtime_pollDesc *pd, int32_t mode, bool waitio)
{
	_Atomic uintptr_t *gpp;
	uintptr_t	   v, old;
	runtime_g	  *gp;

	gpp = &pd->rg;
	if (mode == 'w')
		gpp = &pd->wg;

	for (;;) {
		v = pdReady;
		if (atomic_compare_exchange_strong(gpp, &v, 0))
			return true;
		v = 0;
		if (atomic_compare_exchange_strong(gpp, &v, pdWait))
			break;
		/* Anything but the two sentinels means a second waiter. */
		v = atomic_load(gpp);
		if (v != pdReady && v != 0)
			runtime_throw("runtime: double wait");
	}

	/*
	 * Check the error state after announcing pdWait: a concurrent
	 * close or deadline either sees pdWait and clears it, or has
	 * already published the error we read here.
	 */
	if (waitio || netpollcheckerr(pd, mode) == runtime_pollNoError) {
		gp = runtime_getg();
		if (gp->plain) {
			gp->waitpd = pd;
			gp->waitmode = mode;
		}
		runtime_gopark(netpollblockcommit, (void *)gpp);
		gp->waitpd = NULL;
	}
	old = atomic_exchange(gpp, 0);
	if (old > pdWait)
		runtime_throw("runtime: corrupted polldesc");
	return old == pdReady;
}

/*
 * netpollunblock takes the waiter out of pd's slot for mode and returns
 * it (or NULL).  ioready leaves pdReady behind for a later wait; without
 * it, the slot is emptied and an unconsumed pdReady is kept.
 */
static runtime_g *
netpollunblock(runtime_pollDesc *pd, int32_t mode, bool ioready)
{
	_Atomic uintptr_t *gpp;
	uintptr_t	   old, new;

	gpp = &pd->rg;
	if (mode == 'w')
		gpp = &pd->wg;

	for (;;) {
		old = atomic_load(gpp);
		if (old == pdReady)
			return NULL;
		if (old == 0 && !ioready)
			return NULL;
		new = 0;
		if (ioready)
			new = pdReady;
		if (atomic_compare_exchange_strong(gpp, &old, new)) {
			if (old == pdWait)
				old = 0;
			return (runtime_g *)old;
		}
	}
}

/*
 * netpolldeadlineimpl runs from a timer.  A seq that no longer matches
 * means the deadline was changed or pd reused since the timer was armed,
 * and the call is ignored.
 */
static void
netpolldeadlineimpl(runtime_pollDesc *pd, uintptr_t seq, bool read, bool write)
{
	runtime_g *rg, *wg;
	uintptr_t  currentSeq;
	uint64_t   kw;

	pdlock(pd);
	currentSeq = pd->rseq;
	if (!read)
		currentSeq = pd->wseq;
	if (seq != currentSeq) {
		pdunlock(pd);
		return;
	}
	rg = NULL;
	kw = 0; /* kwaitOut */
	if (read) {
		if (pd->rd <= 0 || !pdtimerarmed(pd, 'r'))
			runtime_throw("runtime: inconsistent read deadline");
		pd->rd = -1;
		pollDesc_publishInfo(pd);
		rg = netpollunblock(pd, 'r', false);
		/* Read while pd is this timer's: it may not be after. */
		kw = atomic_load(&pd->kwait);
	}
	wg = NULL;
	if (write) {
		if (pd->wd <= 0 || (!pdtimerarmed(pd, 'w') && !read))
			runtime_throw("runtime: inconsistent write deadline");
		pd->wd = -1;
		pollDesc_publishInfo(pd);
		wg = netpollunblock(pd, 'w', false);
	}
	pdunlock(pd);
	if (rg != NULL)
		netpollgoready(rg);
	if (wg != NULL)
		netpollgoready(wg);
	runtime_pollKernelKick(pd, kw); /* a plain thread inside its read */
}

static void
netpollDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, true, true);
}

static void
netpollReadDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, true, false);
}

static void
netpollWriteDeadline(void *arg, uintptr_t seq)
{
	netpolldeadlineimpl(arg, seq, false, true);
}

/*
 * pollCache_alloc takes a pollDesc from the free list, carving a new
 * block when it is empty.  Each pollDesc's lock is initialised once, with
 * its block, because a recycled pollDesc may still be locked briefly by a
 * late timer or event.
 */
static runtime_pollDesc *
pollCache_alloc(void)
{
	struct pollBlock *b;
	runtime_pollDesc *pd;
	size_t		  i, n;

	pthread_mutex_lock(&pollcache.lock);
	if (pollcache.first == NULL) {
		n = (pollBlockSize - sizeof(struct pollBlock)) /
		    sizeof(runtime_pollDesc);
		if (n == 0)
			n = 1;
		b = runtime_malloc(sizeof(*b) + n * sizeof(runtime_pollDesc));
		b->next = pollcache.blocks;
		pollcache.blocks = b;
		for (i = 0; i < n; i++) {
			pd = &b->pds[i];
			pd->link = pollcache.first;
			pollcache.first = pd;
		}
	}
	pd = pollcache.first;
	pollcache.first = pd->link;
	pthread_mutex_unlock(&pollcache.lock);
	return pd;
}
