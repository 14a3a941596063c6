/*
 * C port of go1.19 src/runtime/runtime2.go: the g, the sudog, the wait
 * queues and the runtime's own mutex, with the calls that go with them
 * (lock_futex.c, proc.c, stubs.c).  Private to runtime/: net/ and the
 * other packages see goroutines only through runtime/runtime_impl.h's
 * park/wake calls and the public runtime.h.
 */
#ifndef GONET_RUNTIME2_H
#define GONET_RUNTIME2_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "runtime/runtime_impl.h"
#include "runtime/stack.h"

/*
 * runtime_mutex, Go's runtime.mutex (lock_futex.c), is defined in
 * runtime_impl.h: sync.Cond's notifyList embeds one.  It is for short
 * critical sections inside runtime/ only: the holder must not park.  Its
 * state changes are C11 atomics with acquire and release order, which is
 * what ThreadSanitizer models, so code it protects needs no annotation.
 */
void runtime_lock(runtime_mutex *l);
void runtime_unlock(runtime_mutex *l);

/*
 * procyield spins for about cycles pause instructions (asm_<arch>.S;
 * asm_ucontext.c without one).
 */
void runtime_procyield(uint32_t cycles);
/* osyield gives up the CPU to another thread (os_<GOOS>.c). */
void runtime_osyield(void);
/*
 * threadswitches counts the times the calling thread has left its CPU to
 * another thread, or -1 if the system cannot tell (os_<GOOS>.c).
 */
int64_t runtime_threadswitches(void);
/*
 * runnable counts the threads that are running or waiting for a CPU: this
 * process's (ours) and the machine's (all), at about the same moment; it
 * returns false if the system cannot tell (os_<GOOS>.c).
 */
bool runtime_runnable(int32_t *ours, int32_t *all);
/*
 * threadblocks says whether thread tid of this process blocks signal sig,
 * in *blocked; it returns false if the system cannot tell (os_<GOOS>.c).
 */
bool runtime_threadblocks(int32_t tid, int sig, bool *blocked);
/* gettid is the calling thread's id, as threadsleeps takes it (os_<GOOS>.c). */
int32_t runtime_gettid(void);
/*
 * threadsleeps says whether thread tid of this process sleeps in the
 * kernel (waiting, not running nor waiting for a CPU); false if the
 * system cannot tell (os_<GOOS>.c).
 */
bool runtime_threadsleeps(int32_t tid);
/* ncpu is the number of online CPUs, read once (os_<GOOS>.c). */
int32_t runtime_getncpu(void);

/*
 * A plain thread's own wait for a descriptor (os_<GOOS>.c): an eventfd
 * to be woken through (-1 if none can be made), its write, and pollfd,
 * which sleeps until fd is ready for mode ('r' or 'w') or efd is written
 * (then drained), or with block false only looks; it returns 1 for fd, 0
 * for efd alone or nothing, -1 if interrupted.  eventfdBudget is how many
 * eventfds plain threads may hold at once: a quarter of the soft descriptor
 * limit.
 */
int  runtime_eventfdOpen(void);
int  runtime_eventfdBudget(void);
void runtime_eventfdWrite(int efd);
int  runtime_pollfd(uintptr_t fd, int32_t mode, int efd, bool block);

/*
 * The runtime's own read, write, epoll_wait, ppoll and usleep
 * (os_<GOOS>.c), Go's sys_linux_<GOARCH>.s stubs: runtime_syscall6
 * (linkname.h) with the call's number, so directly and not through libc's
 * cancellation points except in a sanitizer build.  They return the
 * result or minus the errno, as Go's do (usleep returns nothing).  ppoll
 * takes its timeout in nanoseconds, ns < 0 for none, and no signal mask.
 */
long runtime_read(int fd, void *p, size_t n);
long runtime_write1(int fd, const void *p, size_t n);
struct epoll_event;
int runtime_epollwait(int epfd, struct epoll_event *ev, int nev, int ms);
struct pollfd;
int  runtime_ppoll(struct pollfd *p, unsigned long n, int64_t ns);
void runtime_usleep(uint32_t usec);

/*
 * fastrand is Go's per-M wyrand generator (stubs.c); fastrandn(n) is a
 * value in [0, n).  Not for cryptography.
 */
uint32_t runtime_fastrand(void);
uint32_t runtime_fastrandn(uint32_t n);

typedef struct runtime_sudog runtime_sudog;
typedef struct runtime_hchan runtime_hchan;
typedef struct runtime_m     runtime_m;
typedef struct runtime_p     runtime_p;

/*
 * Go's goroutine and P status values (runtime2.go).  Gpolling and
 * Gdirect are gonet's, ORed onto Gwaiting by a plain thread (see
 * runtime_g.plain): Gpolling says it sleeps in netpoll on behalf of
 * everyone, so goready must break the poll; Gdirect that it sleeps in
 * poll(2) on its own descriptor, so goready must write its eventfd.
 */
enum {
	Gidle = 0,
	Grunnable = 1,
	Grunning = 2,
	Gsyscall = 3,
	Gwaiting = 4,
	Gdead = 6,
	Gpolling = 0x1000,
	Gdirect = 0x2000
};

enum { Pidle = 0, Prunning = 1, Psyscall = 2, Pdead = 4 };

/*
 * sudogcache is Go's per-P sudog cache (p.sudogcache), also kept by each
 * plain thread, which has no P.
 */
enum { sudogcacheSize = 128 };

typedef struct runtime_sudogcache {
	runtime_sudog *buf[sudogcacheSize];
	int	       n;
} runtime_sudogcache;

/*
 * runtime_g is Go's g, the fields gonet's runtime uses.  A goroutine has
 * its own stack and context (ctx) and runs on an M; a plain thread (a
 * thread the runtime did not start, or main before it starts a goroutine)
 * has a g too, with plain set: it parks on the futex of its status word
 * and never runs on an M.  Each M's g0 is a g with isg0 set.
 */
struct runtime_g {
	runtime_gctx	 ctx;	/* saved registers, stack, sanitizer state */
	runtime_stack	 stack; /* the goroutine's own stack, kept for reuse */
	_Atomic uint32_t atomicstatus; /* Gxxx; a plain g's futex word */
	runtime_g	*schedlink;    /* run queues and free lists */
	runtime_g	*alllink;      /* sched.allgs, for the g's lifetime */
	runtime_m	*m;	       /* the M running it, while it runs */
	int64_t		 goid;
	bool		 plain;
	bool		 isg0;
	bool		 stackdirty; /* dead, its stack not shrunk yet */
	void (*startfn)(void *); /* what the go statement started */
	void *startarg;

	/*
	 * param is what a waker hands the g it readies (the sudog that
	 * completed, for channels); waiting lists the g's sudogs while it
	 * blocks in a select, in lock order; selectDone is the select's
	 * wake-up race, won by one CAS from 0 to 1.
	 */
	void		*param;
	runtime_sudog	*waiting;
	_Atomic uint32_t selectDone;

	runtime_sudogcache *plaincache; /* a plain thread's sudog cache */
	/*
	 * A plain thread blocked on a descriptor waits for it in poll(2)
	 * (proc.c, plainwaitfd): waitpd and waitmode say which, set by
	 * netpollblock; eventfd is how others wake it, made on first need
	 * and kept with the g (gs are recycled, never freed), so that a late
	 * wake-up never writes to a descriptor number reused since.
	 */
	void   *waitpd;
	int32_t waitmode;
	int	eventfd; /* -1 until made, -2 refused (over budget) */
	/*
	 * readypd is the pollDesc whose read readiness the poller last woke
	 * this g for (netpollready), read by the write-poll that finds it
	 * (runtime_netpollpeer).
	 */
	void *readypd;
	/*
	 * spinprobe, when set, is how a spin looks at the descriptor: the
	 * read of a kernel wait, made not to wait, which reports whether it
	 * read (proc.c, runtime_plainKernelWaitStart).
	 */
	bool (*spinprobe)(void *arg);
	void *spinprobearg;
	/*
	 * Whether that wait spins first (proc.c, plainspin): spinon once a
	 * sleep was short, and after a spin that failed none for spinback
	 * waits, a pause that doubles with each failure (spincool).
	 */
	bool	 spinon;
	uint16_t spinback;
	uint16_t spincool;
	uint32_t spinsince; /* spins since this thread's last late spin */
	uint32_t spinlen;   /* how long its spin may last, ns */
	bool	 spinshort; /* its last spin ran out on an idle CPU */
	uint8_t	 spinyields; /* sampled spins in a row caught by yielding */
	/*
	 * spinwork: the thread ran for spinWorkNs or more since its last
	 * wait ended (at waitdone, 0 before the first), and spinbywork: this
	 * wait spins for that reason; after such a spin that missed, none
	 * for workback waits, doubling with each miss (workcool).
	 */
	bool	 spinwork;
	bool	 spinbywork;
	uint16_t workback;
	uint16_t workcool;
	int64_t	 waitdone;
	/*
	 * waitslept: the thread's last such wait found its descriptor not
	 * ready and slept or spun for it (runtime_pollWaitFirst).
	 */
	bool waitslept;
	/*
	 * kwaitok: whether this thread may block in the kernel in a read
	 * (netpoll_kwait_linux.c): 0 not yet asked, 1 yes, -1 no (SIGURG
	 * blocked here, or not the runtime's); ktid is its thread id.
	 */
	int8_t	kwaitok;
	int32_t ktid;
	int64_t kwaitstart; /* when its blocking read began */
	/* The M it is wired to (LockOSThread); last, as m.lockedg is. */
	runtime_m *lockedm;
};

/*
 * runtime_m is Go's m: an OS thread that runs goroutines while it holds a
 * P.  self is the thread's own stack, left at start and resumed only when
 * the thread exits (mexit); g0 runs the scheduler on a stack of its own.
 * park is the note the M sleeps on when idle (Go's m.park).
 */
struct runtime_m {
	runtime_g	 g0;
	runtime_gctx	 self;
	runtime_g	*curg;
	runtime_p	*p;
	runtime_p	*nextp;
	runtime_p	*oldp; /* the P held before a system call */
	uint32_t	 syscalltick; /* oldp's syscalltick as the call began */
	int64_t		 id;
	int32_t		 procid; /* the thread's id (gettid) */
	bool		 spinning;
	_Atomic uint32_t park;
	runtime_m	*schedlink;
	runtime_m	*alllink;
	/* What park_m hands to the unlock function on g0. */
	bool (*waitunlockf)(runtime_g *gp, void *arg);
	void *waitlock;
	/*
	 * The write its g made last, for the write-poll at the next schedule
	 * (runtime_wrote, pollwrote): the pollDesc, its fdseq then, and the
	 * key of the reader to run next.  wrotepd is NULL when there is none.
	 */
	void	 *wrotepd;
	uintptr_t wroteseq;
	uint32_t  wrotepeer;
	/*
	 * lockedg is the g wired to this M by LockOSThread, lockedExt how
	 * many LockOSThread calls it has not undone.  Go also counts the
	 * runtime's own locks (lockedInt); gonet's runtime takes none.  Last,
	 * with g.lockedm, so that the fields the scheduler's every switch
	 * touches keep the offsets they had before.
	 */
	runtime_g *lockedg;
	uint32_t   lockedExt;
};

/*
 * runtime_gList is Go's gList: goroutines linked through their schedlink.
 * It lives on the stack of whoever builds it, so building one never
 * allocates.
 */
typedef struct runtime_gList {
	runtime_g *head;
} runtime_gList;

void	   runtime_gList_push(runtime_gList *l, runtime_g *gp);
runtime_g *runtime_gList_pop(runtime_gList *l);

/* runtime_gQueue is Go's gQueue: a FIFO of gs linked through schedlink. */
typedef struct runtime_gQueue {
	runtime_g *head;
	runtime_g *tail;
} runtime_gQueue;

/*
 * runtime_p is Go's p: what an M needs to run Go code, here a local run
 * queue (a lock-free ring its owner puts to and anyone may steal from,
 * plus runnext, the g to run next), free gs and sudogs.
 */
enum { runqSize = 256 };

struct runtime_p {
	int32_t		 id;
	_Atomic uint32_t status;
	runtime_p	*link;
	runtime_m	*m;
	_Atomic uint32_t schedtick; /* written by the owner, read by sysmon */
	/*
	 * preempt is sysmon's request that the P's next schedule not hand
	 * its time slice on through runnext (see proc.c, retake).
	 */
	_Atomic bool	 preempt;
	/*
	 * Counts system calls as Go does, one as each ends, so that sysmon
	 * can tell a call that lasts from a new one; written by the P's
	 * holder (sysmon too, as it retakes the P), read by sysmon.
	 */
	_Atomic uint32_t syscalltick;
	/* What sysmon saw last time (Go's sysmontick). */
	uint32_t sysmonSchedtick;
	uint32_t sysmonSyscalltick;
	int64_t	 sysmonSchedwhen;
	int64_t	 sysmonSyscallwhen;
	/*
	 * The thread id of the M holding the P, for sysmon's look at
	 * whether it sleeps in the kernel; whether sysmon counts the P as
	 * blocked so (a stand-in P runs for it), whether its last look saw
	 * the thread asleep, and when it looked.  gonet's (proc.c,
	 * standinlook).
	 */
	_Atomic int32_t mtid;
	_Atomic bool	sysmonBlocked;
	bool		sysmonAsleep; /* seen asleep once: look again */
	int64_t		sysmonStatewhen;

	_Atomic uint32_t   runqhead;
	_Atomic uint32_t   runqtail;
	runtime_g *_Atomic runq[runqSize];
	runtime_g *_Atomic runnext;
	runtime_gList	   gFree;
	int32_t		   gFreeN;
	int32_t		   gFreeDirty; /* of gFree, with stackdirty set */
	runtime_sudogcache sudogcache;
	/* Goroutine ids this P may hand out: [goidcache, goidcacheend). */
	uint64_t goidcache;
	uint64_t goidcacheend;
};

/*
 * runtime_sudog is Go's sudog: a g waiting on a channel (or, in Go, a
 * semaphore), one per g per channel it waits on.  g, next, prev and elem
 * are guarded by the lock of the channel c the sudog is queued on; the
 * other fields belong to the waiting g.  parent, waittail and ticket are
 * the semaphore treap's (sema.go), kept so that both share one type.
 * Go's block-profiling times are not ported.
 */
struct runtime_sudog {
	runtime_g     *g;
	runtime_sudog *next;
	runtime_sudog *prev;
	void	      *elem; /* the value's address; may be on g's stack */
	uint32_t       ticket;
	bool	       isSelect; /* g.selectDone decides who wakes g */
	bool	       success;	 /* woken by a value, not by close */
	runtime_sudog *parent;	 /* semaRoot binary tree */
	runtime_sudog *waitlink; /* g.waiting list or semaRoot */
	runtime_sudog *waittail; /* semaRoot */
	runtime_hchan *c;
};

/* acquireSudog and releaseSudog recycle sudogs, as Go's do (proc.c). */
runtime_sudog *runtime_acquireSudog(void);
void	       runtime_releaseSudog(runtime_sudog *s);

/* runtime_waitq is Go's waitq: a FIFO of sudogs, under its channel's lock. */
typedef struct runtime_waitq {
	runtime_sudog *_Atomic first; /* read unlocked by empty and full */
	runtime_sudog	      *last;
} runtime_waitq;

/*
 * runtime_hchan is Go's hchan (chan.c).  qcount, closed and the queues
 * are read without the lock by the non-blocking fast paths, so those
 * reads and their writes are atomic (relaxed; the lock orders the rest).
 */
struct runtime_hchan {
	_Atomic unsigned qcount;   /* values in the buffer */
	unsigned	 dataqsiz; /* the buffer's size in values */
	void		*buf;	   /* dataqsiz values of elemsize */
	uint16_t	 elemsize;
	_Atomic uint32_t closed;
	unsigned	 sendx; /* next buffer slot to send into */
	unsigned	 recvx; /* next buffer slot to receive from */
	runtime_waitq	 recvq; /* blocked receivers */
	runtime_waitq	 sendq; /* blocked senders */
	runtime_mutex	 lock;
	runtime_hchan	*freelink; /* in the free list, once freed */
};

/*
 * typedmemmove and typedmemclr copy and zero one value of size bytes (Go's,
 * from mbarrier.go, less the write barriers C does not need).  A zero size
 * touches nothing, so dst may then be any pointer, even NULL.
 */
static inline void
runtime_typedmemmove(size_t size, void *dst, const void *src)
{
	if (size != 0)
		memmove(dst, src, size);
}

static inline void
runtime_typedmemclr(size_t size, void *p)
{
	if (size != 0)
		memset(p, 0, size);
}

/* The channel primitives select.c shares with chan.c. */
void	       runtime_waitq_enqueue(runtime_waitq *q, runtime_sudog *sgp);
runtime_sudog *runtime_waitq_dequeue(runtime_waitq *q);
void	       runtime_send(runtime_hchan *c, runtime_sudog *sg, const void *ep,
	      void (*unlockf)(void *), void *arg);
void	       runtime_recv(runtime_hchan *c, runtime_sudog *sg, void *ep,
	      void (*unlockf)(void *), void *arg);
void	      *runtime_chanbuf(runtime_hchan *c, unsigned i);

#endif /* GONET_RUNTIME2_H */
