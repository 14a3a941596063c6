/*
 * The poller backend contract: what runtime/netpoll.c needs from a
 * netpoll_<backend>.c file (epoll on Linux, kqueue later), and what it gives
 * back.  This is the top comment of Go's netpoll.go, written out as C.
 * Private to runtime/.
 */
#ifndef GONET_NETPOLL_H
#define GONET_NETPOLL_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "runtime/runtime2.h"

/*
 * runtime_pollTimers are a pollDesc's deadline timers, Go's pollDesc.rt
 * (the read timer, armed while rt.f != NULL) and wt.  Go embeds them;
 * here the first deadline a pollDesc is given allocates them and they
 * stay for its life, since pollDescs are never freed.  Most connections
 * never set a deadline, and the two timers were half of every pollDesc
 * (96 of 192 bytes), so each connection's two ends held 192 bytes of
 * timers they never armed.
 */
typedef struct runtime_pollTimers {
	runtime_timer rt;
	runtime_timer wt;
} runtime_pollTimers;

/*
 * runtime_pollDesc is Go's pollDesc.  pollDescs come from a cache that
 * never returns memory, so a backend event or a timer that outlives the
 * descriptor's user still points at a valid pollDesc; fdseq and rseq/wseq
 * then tell it that the user has changed.  The backend may read fd and
 * fdseq and take lock; everything else belongs to netpoll.c.
 */
struct runtime_pollDesc {
	runtime_pollDesc *link; /* in pollcache, under pollcache.lock */
	uintptr_t	  fd;	/* constant while one user holds pd */

	/*
	 * fdseq is bumped (under lock) by every pollOpen; the backend packs it
	 * into each registration and drops events that carry an older value.
	 * This is Go 1.21's fdseq, which 1.19 lacks.
	 */
	_Atomic uintptr_t fdseq;

	_Atomic uintptr_t rg; /* pdReady, pdWait, the reading g, or 0 */
	_Atomic uintptr_t wg; /* pdReady, pdWait, the writing g, or 0 */

	/* pollInfo bits, read without lock (next to lock: no padding) */
	_Atomic uint32_t atomicInfo;

	/*
	 * lock protects the fields below.  It is the runtime's futex mutex,
	 * as Go's is: 4 bytes, where a pthread mutex takes 40 in every
	 * connection's pollDesc.  pollDescs are never freed, so a late
	 * futex wake-up on a recycled one is only spurious.
	 */
	runtime_mutex lock;
	bool	      closing;
	/*
	 * kmode: whether fd's file is in blocking mode, so that plain
	 * threads' reads wait in the kernel (netpoll_kwait_linux.c).  In the
	 * padding after closing, at no cost in size.
	 */
	_Atomic uint8_t kmode;
	/*
	 * wpoll is what the write-poll has learnt of this connection
	 * (netpoll.c, runtime_pollWrote): misses so far, wpollTries for a
	 * peer not in this process, wpollFound for one that is.  Also in
	 * the padding after closing.
	 */
	_Atomic uint8_t wpoll;
	/*
	 * polled: whether fd is on the backend.  runtime_pollOpenSocket
	 * leaves a plain thread's socket off until a wait needs it there
	 * (netpoll.c, pollPolled).  The last byte of closing's padding.
	 */
	_Atomic uint8_t polled;
	/*
	 * user is Go's user cookie, unused by its epoll backend; gonet keeps
	 * the net layer's key of the connection there: its local endpoint's
	 * 16 bits high, its remote's low, 0 for none (runtime_pollSetUser).
	 * The other end of a conversation within this process has the
	 * halves swapped.
	 */
	_Atomic uint32_t    user;
	uintptr_t     rseq; /* bumped to disarm stale read timers */
	int64_t	      rd;   /* read deadline: nanotime, or -1 when expired */
	uintptr_t     wseq; /* bumped to disarm stale write timers */
	int64_t	      wd;   /* write deadline */
	runtime_pollTimers *timers; /* Go's rt and wt; NULL until a deadline */
	/*
	 * kwait: the plain thread blocked in the kernel on fd, if any: its
	 * thread id, the wait's sequence number and its state (kwaitOut,
	 * kwaitIn, kwaitKicking), in one word (netpoll_kwait_linux.c).
	 */
	_Atomic uint64_t kwait;
};

/*
 * runtime_pollKernelKick makes a plain thread blocked in the kernel on
 * pd's descriptor return, after pd's closing or read deadline changed
 * (netpoll_kwait_linux.c); runtime_pollKernelWaitAllowed, called by the
 * thread once it has published its wait, says whether it may still block.
 * w is the wait to end: pd's kwait, read after that change was published
 * and while pd was still the caller's socket.
 */
void runtime_pollKernelKick(runtime_pollDesc *pd, uint64_t w);

/*
 * The write-poll (proc.c, pollwrote): after a goroutine wrote to pd, the
 * scheduler polls before it runs anything else, and the reader of the
 * other end, if this process holds it, runs next (docs/DESIGN.md, "A
 * write readies its reader next").  runtime_pollWrote is told of every
 * write and hands proc.c what it needs (runtime_wrote);
 * runtime_netpollpeer takes the reader out of what the poll found, and
 * runtime_pollWroteResult records whether it was there.
 */
enum { wpollTries = 8, wpollFound = 255 };
void	   runtime_wrote(runtime_pollDesc *pd, uintptr_t seq, uint32_t peer);
runtime_g *runtime_netpollpeer(runtime_gList *list, uint32_t peer);
void runtime_pollWroteResult(runtime_pollDesc *pd, uintptr_t seq, bool found);
/*
 * proc.c: whether the caller is a plain thread (without giving it a g),
 * and whether its waits watch the descriptor itself (plainwaitfd), and
 * so need no backend.
 */
bool runtime_plainThread(void);
bool runtime_plainWaitsOwnFd(void);
/* proc.c: a plain thread's blocking read, as one of plainwaitfd's waits. */
bool runtime_plainKernelWaitStart(
    runtime_pollDesc *pd, bool (*probe)(void *arg), void *arg);
void runtime_plainKernelWaitDone(void);
bool runtime_pollKernelWaitAllowed(runtime_pollDesc *pd);

/*
 * Tagged pointers (Go 1.21's tagptr_64bit.go): a pollDesc address and the
 * low bits of its fdseq in the 64 bits of an event's user data.  Addresses
 * use at most runtime_addrBits bits and pollDescs are 8-byte aligned, so
 * the pointer is shifted up and the tag fills the freed low bits.
 */
enum {
	runtime_addrBits = 48,
	runtime_tagAlignBits = 3,
	runtime_taggedPointerBits = 64 - runtime_addrBits + runtime_tagAlignBits
};

typedef uint64_t runtime_taggedPointer;

static inline void *
runtime_taggedPointer_pointer(runtime_taggedPointer tp)
{
	tp >>= runtime_taggedPointerBits;
	return (void *)(uintptr_t)(tp << runtime_tagAlignBits);
}

static inline uintptr_t
runtime_taggedPointer_tag(runtime_taggedPointer tp)
{
	uint64_t mask;

	mask = ((uint64_t)1 << runtime_taggedPointerBits) - 1;
	return (uintptr_t)(tp & mask);
}

/* A pointer that does not survive the round trip is a broken assumption. */
static inline runtime_taggedPointer
runtime_taggedPointerPack(void *ptr, uintptr_t tag)
{
	runtime_taggedPointer tp;
	uint64_t	      mask;

	mask = ((uint64_t)1 << runtime_taggedPointerBits) - 1;
	tp = (uint64_t)(uintptr_t)ptr << (64 - runtime_addrBits) |
	    ((uint64_t)tag & mask);
	if (runtime_taggedPointer_pointer(tp) != ptr)
		runtime_throw("taggedPointerPack");
	return tp;
}

/*
 * What every backend provides.
 *
 * runtime_netpollinit creates the kernel poller and the wake-up channel
 * netpollBreak writes to, and returns 0.  netpoll.c calls it until it
 * succeeds once.  If the kernel refuses (EMFILE, ENFILE, ENOMEM), it
 * closes whatever it had opened and returns the errno.
 */
int runtime_netpollinit(void);

/*
 * runtime_netpollopen registers fd, edge-triggered, for both reads and
 * writes, with pd and pd's current fdseq as the event's user data.  It
 * returns 0 or the errno the kernel gave (EPERM for a regular file).
 */
int runtime_netpollopen(uintptr_t fd, runtime_pollDesc *pd);

/*
 * runtime_netpollclose removes fd from the kernel poller; it returns 0 or
 * the errno.  Events already collected for fd may still be delivered:
 * fdseq is what makes them harmless.
 */
int runtime_netpollclose(uintptr_t fd);

/*
 * runtime_netpollBreak makes a concurrent or the next blocking
 * runtime_netpoll return early.  Calls that arrive while a wake-up is
 * already pending coalesce into one.  Safe from any thread.
 */
void runtime_netpollBreak(void);

/* runtime_netpollIsPollDescriptor reports whether the poller itself owns fd. */
bool runtime_netpollIsPollDescriptor(uintptr_t fd);

/*
 * runtime_netpoll waits for I/O readiness: delay < 0 blocks until an event
 * or a netpollBreak, delay == 0 only polls, delay > 0 waits at most about
 * delay ns (it may return early, never much later).  For every event whose
 * fdseq still matches it calls runtime_netpollready, under the pollDesc's
 * lock, and pushes onto toRun the goroutines that became ready; it never
 * readies them itself.  An empty list is a normal result.
 */
void runtime_netpoll(int64_t delay, runtime_gList *toRun);

/*
 * runtime_netpollSleep waits as runtime_netpoll(delay) would, for delay
 * or a netpollBreak, but not for descriptors: it is what an M does when
 * it watches only the timers, because nobody waits through the poller.
 * Plain threads wait on their own descriptors, which are registered all
 * the same, and a poll that woke for each of their messages would cost a
 * wake-up per message for nothing.
 */
void runtime_netpollSleep(int64_t delay);

/*
 * What netpoll.c gives the backend.
 *
 * runtime_netpollready moves pd's waiters for mode ('r', 'w' or 'r'+'w') to
 * toRun, or records readiness for the next wait.  runtime_pollDesc_setEventErr
 * records whether the kernel reported an error alone for pd;
 * runtime_pollDesc_setEventMark, that it reported urgent data, a hang-up
 * or an error at all (see runtime_pollSawMark in linkname.h).
 */
void runtime_netpollready(
    runtime_gList *toRun, runtime_pollDesc *pd, int32_t mode);
void runtime_pollDesc_setEventErr(runtime_pollDesc *pd, bool b);
void runtime_pollDesc_setEventMark(runtime_pollDesc *pd);

/*
 * runtime_netpollGenericInit initialises the poller once; timers and the
 * scheduler call it too, because whoever parks needs something to sleep in.
 * They have nobody to return an error to, so a failure throws, as Go's
 * netpollinit does; net starts the poller first with runtime_pollServerInit,
 * which returns the failure instead.
 */
void runtime_netpollGenericInit(void);

/*
 * For the scheduler: whether the poller is up, and whether any g waits
 * on a descriptor (Go's netpollinited and netpollWaiters > 0).
 */
bool runtime_netpollinited(void);
bool runtime_netpollWaiting(void);
/* runtime_netpollWaiterCount is how many gs wait on a descriptor. */
uint32_t runtime_netpollWaiterCount(void);
bool runtime_netpollunblockg(void *pd, int32_t mode, runtime_g *gp);
/* runtime_pollDesc_fd is the descriptor pd watches. */
uintptr_t runtime_pollDesc_fd(void *pd);

#endif /* GONET_NETPOLL_H */
