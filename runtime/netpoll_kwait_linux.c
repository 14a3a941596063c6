/*
 * Plain threads' reads that wait in the kernel: gonet's, with no Go twin
 * (every Go read runs on an M and parks on the poller).  The one part
 * taken from Go is the signal: go1.19 src/runtime/signal_unix.go sends
 * SIGURG (sigPreempt, preemptM) to interrupt a thread, for the reasons
 * given at sigurginit in signal_unix.c.
 * built on: linux
 *
 * A goroutine's read must never block its M, so sockets are non-blocking
 * and a read that finds nothing parks the goroutine on the poller.  A
 * plain thread (a thread the runtime did not start) has no M to keep
 * free: it can sleep inside the read itself, as a blocking C program
 * does, and save the poll(2) it otherwise makes before every read that
 * waits (proc.c, plainwaitfd).  What the blocking read cannot do alone is
 * end early for Close or a read deadline, so:
 *
 *   - the thread publishes its wait in pd->kwait (runtime_pollKernelWait-
 *     Begin) and only then checks that no Close and no passed read
 *     deadline is there (runtime_pollKernelWaitAllowed); Close, a read
 *     deadline set in the past and a read deadline's timer publish theirs
 *     and only then look at kwait (runtime_pollKernelKick), so one side
 *     always sees the other;
 *   - the kick sends SIGURG to the thread (a handler without SA_RESTART,
 *     signal_unix.c), and sends it again until the wait it saw is over,
 *     since a signal that lands just before the read begins is lost, or
 *     until it finds that no signal can land (kickLands);
 *   - the thread, back with EINTR, looks again and takes the poller's
 *     path, where Close and deadlines are reported as Go reports them.
 *
 * O_NONBLOCK belongs to the open file, which every call on the socket
 * shares, so while it is off (kmode) every other call on the socket must
 * say MSG_DONTWAIT itself (net's fd_unix.c), and a call that cannot
 * (sendfile, splice), user code given the descriptor, and a datagram
 * socket's shutdown for reading turn it back on for good.
 */
#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "runtime/netpoll.h"
#include "runtime/runtime2.h"
#include "runtime/runtime_impl.h"
#include "runtime/stack.h"

/* kwait's low two bits; the next 30 count waits, the high 32 are the tid. */
enum { kwaitOut = 0, kwaitIn = 1, kwaitKicking = 2, kwaitState = 3 };
/* kmode: the file's blocking mode, as kernel waits need it. */
enum { kmodeNonblock = 0, kmodeBlocking = 1, kmodeNever = 2 };
enum {
	kickFirstUs = 1, /* the first pause between kicks */
	kickMaxUs = 1000 /* the longest */
};

static const uint64_t kwaitSeqMask = 0xfffffffcu;

/*
 * kwaitThreadOK reports whether the calling plain thread can be kicked:
 * SIGURG is the runtime's and not blocked here.  Asked once a thread, the
 * first time it would wait in the kernel.
 */
static bool
kwaitThreadOK(runtime_g *gp)
{
	sigset_t cur;

	if (gp->kwaitok != 0)
		return gp->kwaitok > 0;
	gp->kwaitok = -1;
	if (!runtime_sigurgReady() ||
	    pthread_sigmask(SIG_BLOCK, NULL, &cur) != 0 ||
	    sigismember(&cur, SIGURG))
		return false;
	gp->ktid = (int32_t)syscall(SYS_gettid);
	gp->kwaitok = 1;
	return true;
}

/*
 * setNonblock sets or clears O_NONBLOCK on pd's file with ioctl(FIONBIO):
 * one system call where fcntl's read and write of the flags make two.
 */
static int
setNonblock(runtime_pollDesc *pd, int on)
{
	return ioctl((int)pd->fd, FIONBIO, &on);
}

/*
 * setBlocking switches pd's file to blocking mode, once, unless it was put
 * back in non-blocking mode for good.  Under pd's lock, so that it cannot
 * cross runtime_pollKernelWaitsOff.
 */
static bool
setBlocking(runtime_pollDesc *pd)
{
	runtime_lock(&pd->lock);
	if (atomic_load(&pd->kmode) == kmodeNonblock) {
		if (setNonblock(pd, 0) != 0)
			atomic_store(&pd->kmode, kmodeNever);
		else
			atomic_store(&pd->kmode, kmodeBlocking);
	}
	runtime_unlock(&pd->lock);
	return atomic_load(&pd->kmode) == kmodeBlocking;
}

/*
 * runtime_pollKernelWaits may load kmode relaxed: only a read switches the
 * file to blocking mode, and net serialises reads (the fdMutex's read
 * lock), so a read sees the mode every earlier read left; sends say
 * MSG_DONTWAIT whatever the mode.
 */
bool
runtime_pollKernelWaits(runtime_pollDesc *pd)
{
	return atomic_load_explicit(&pd->kmode, memory_order_relaxed) ==
	    kmodeBlocking;
}

/*
 * kernelWaitsEnd puts pd's file back in non-blocking mode for good, so
 * that no later read of it waits in the kernel.
 */
static void
kernelWaitsEnd(runtime_pollDesc *pd)
{
	if (atomic_load(&pd->kmode) == kmodeNever)
		return;
	runtime_lock(&pd->lock);
	if (atomic_load(&pd->kmode) == kmodeBlocking)
		(void)setNonblock(pd, 1);
	atomic_store(&pd->kmode, kmodeNever);
	runtime_unlock(&pd->lock);
}

/*
 * runtime_pollKernelWaitsOff also kicks a thread already blocked in a
 * read, since the kernel decided that read's blocking when it began; the
 * thread looks again and takes the poll wait.  Why a caller needs that
 * read gone is net's (poll_FD_Shutdown).  The kick comes even when kernel
 * waits were already off, so that a second caller cannot go on while the
 * first is still kicking.
 */
void
runtime_pollKernelWaitsOff(runtime_pollDesc *pd)
{
	kernelWaitsEnd(pd);
	runtime_pollKernelKick(pd, atomic_load(&pd->kwait));
}

int
runtime_pollKernelWaitBegin(
    runtime_pollDesc *pd, bool (*probe)(void *arg), void *arg)
{
	runtime_g *gp;
	uint64_t   w;

	gp = runtime_getg();
	if (!gp->plain || !runtime_pollKernelWaitAllowed(pd) ||
	    !kwaitThreadOK(gp))
		return runtime_kwaitNo; /* the poll wait, with no spin here */
	if (!runtime_pollKernelWaits(pd) && !setBlocking(pd))
		return runtime_kwaitNo;
	if (runtime_plainKernelWaitStart(pd, probe, arg)) {
		runtime_plainKernelWaitDone();
		return runtime_kwaitRead;
	}
	w = atomic_load_explicit(&pd->kwait, memory_order_relaxed);
	w = (uint64_t)(uint32_t)gp->ktid << 32 | ((w + 4) & kwaitSeqMask) |
	    kwaitIn;
	atomic_store(&pd->kwait, w);
	if (runtime_pollKernelWaitAllowed(pd))
		return runtime_kwaitBlock;
	runtime_pollKernelWaitEnd(pd);
	return runtime_kwaitNo;
}

/*
 * runtime_pollKernelWaitEnd waits out a kick in progress, so that the
 * kicker never signals a thread id after the thread has gone on.
 */
void
runtime_pollKernelWaitEnd(runtime_pollDesc *pd)
{
	uint64_t w;

	w = atomic_load(&pd->kwait);
	for (;;) {
		if ((w & kwaitState) == kwaitKicking) {
			runtime_procyield(30);
			w = atomic_load(&pd->kwait);
			continue;
		}
		if (atomic_compare_exchange_weak(
			&pd->kwait, &w, w & ~(uint64_t)kwaitState))
			break;
	}
	runtime_plainKernelWaitDone();
}

/*
 * holdWait holds wait w at kwaitKicking, if w is still pd's wait, so that
 * its thread cannot end it and go on until the holder stores w back in
 * kwait.  While held, the thread is inside a read of pd's descriptor, so
 * pd cannot be closed and handed to another socket either: what the
 * kicker reads of pd is still that socket's.
 */
static bool
holdWait(runtime_pollDesc *pd, uint64_t w)
{
	return atomic_compare_exchange_strong(
	    &pd->kwait, &w, (w & ~(uint64_t)kwaitState) | kwaitKicking);
}

/* kick signals the thread of wait w once, holding the wait meanwhile. */
static void
kick(runtime_pollDesc *pd, uint64_t w)
{
	if (!holdWait(pd, w))
		return;
	(void)syscall(SYS_tgkill, (long)getpid(), (long)(w >> 32), SIGURG);
	atomic_store(&pd->kwait, w);
}

/*
 * kickLands says whether a kick can still reach the thread of wait w:
 * SIGURG keeps gonet's handler without SA_RESTART, and the thread does
 * not block it (runtime_threadblocks).  Both were true when the
 * thread first waited in the kernel, but a program may take SIGURG since
 * (Go's runtime, loaded as a shared library, installs its handler with
 * SA_RESTART) or block it in that thread.  When the system cannot tell,
 * the kick may land.
 */
static bool
kickLands(uint64_t w)
{
	bool blocked;

	if (!runtime_sigurgStillOurs())
		return false;
	return !runtime_threadblocks((int32_t)(w >> 32), SIGURG, &blocked) ||
	    !blocked;
}

/*
 * kickLost handles a wait that no kick can end.  The socket's reads stop
 * waiting in the kernel for good.  The wait itself can still be ended for
 * Close, whose socket is going anyway: shut down for reading, the recv
 * returns 0 and readInKernel takes that as the kick; kickLost returns
 * true for the kicker to wait for that, and stop sending signals that
 * only the program's handler would see.  (Linux marks even an unconnected
 * socket shut down, and wakes its reader, though it says ENOTCONN.)  For
 * a deadline, or a caller of runtime_pollKernelWaitsOff, nothing ends the
 * wait that would not also change what later reads see, so the read waits
 * on for data, and kickLost returns false for the kicker to go on without
 * it.  The kicker holds the wait (holdWait) around it.
 */
static bool
kickLost(runtime_pollDesc *pd)
{
	kernelWaitsEnd(pd);
	if (!runtime_pollClosing(pd))
		return false;
	return shutdown((int)pd->fd, SHUT_RD) == 0 || errno == ENOTCONN;
}

/*
 * runtime_pollKernelKick kicks until wait first is over.  Once the pauses
 * reach their longest (about a millisecond of kicks), it asks at each kick
 * whether one can land at all, so that it cannot kick for ever.  The wait
 * is named by its sequence number, not found here, because a deadline's
 * timer kicks after it let go of pd's lock: by then the read may be over
 * and pd given to another socket, whose waits have later numbers.
 */
void
runtime_pollKernelKick(runtime_pollDesc *pd, uint64_t first)
{
	uint64_t w;
	uint32_t pause;
	bool	 shut;

	if ((first & kwaitState) == kwaitOut)
		return;
	shut = false;
	for (pause = kickFirstUs;;
	     pause = pause * 2 < kickMaxUs ? pause * 2 : kickMaxUs) {
		w = atomic_load(&pd->kwait);
		if ((w & kwaitState) == kwaitOut ||
		    (w & kwaitSeqMask) != (first & kwaitSeqMask))
			return; /* that wait is over */
		if ((w & kwaitState) == kwaitIn && !shut) {
			if (pause < kickMaxUs || kickLands(w))
				kick(pd, w);
			else if (holdWait(pd, w)) {
				shut = kickLost(pd);
				atomic_store(&pd->kwait, w);
				if (!shut)
					return;
			}
		}
		runtime_usleep(pause);
	}
}
