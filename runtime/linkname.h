/*
 * gonet runtime: the narrow interface the packages above the runtime (net,
 * its internal/poll, dnsmessage, net/netip, strconv, syscall, internal/...)
 * may use.  Go's runtime hands internal/poll its poller and sync its
 * semaphores through //go:linkname; the allocation helpers and newError
 * stand in for the language's new, make and string +.  Private: not
 * installed, not exported.  sync and time add runtime/linkname_sync.h and
 * runtime/linkname_time.h; parking, futexes and the timer heap stay in
 * runtime_impl.h, visible to runtime/ alone.
 */
#ifndef GONET_RUNTIME_LINKNAME_H
#define GONET_RUNTIME_LINKNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"

/*
 * Memory.  Go treats running out of memory as fatal, and so does gonet:
 * these never return NULL, they throw.  runtime_malloc zeroes, as Go's
 * allocator does, so a fresh struct is Go's zero value.
 */
void *runtime_malloc(size_t n);
void *runtime_realloc(void *p, size_t n);
char *runtime_strdup(const char *s);
char *runtime_strndup(const char *s, size_t n);
/* runtime_rawstring is room for n bytes and a NUL, not zeroed. */
char *runtime_rawstring(size_t n);
/*
 * runtime_concatstrings joins its arguments, Go's a + b + c, up to a
 * (char *)NULL: NULL may be a bare 0, which a variadic call passes as an
 * int, so the cast is the portable terminator; the compiler checks it.
 */
char *runtime_concatstrings(const char *s, ...) __attribute__((sentinel));
char *runtime_sprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * runtime_newError allocates a zeroed error value of size bytes whose
 * header says typ.  size is the concrete struct's sizeof.
 */
runtime_error *runtime_newError(const runtime_errorType *typ, size_t size);

/* runtime_nanotime is the monotonic clock, in nanoseconds. */
int64_t runtime_nanotime(void);

/*
 * System calls that may block in the kernel (file I/O, getrandom) are
 * bracketed by these, Go's entersyscall and exitsyscall: a goroutine's P
 * can then be handed to another M while the call sleeps.  On a plain
 * thread they do nothing.
 */
void runtime_entersyscall(void);
void runtime_exitsyscall(void);

/*
 * runtime_syscall6 is Go's runtime/internal/syscall.Syscall6: system call
 * trap, made directly with syscall(2) and not through libc's wrappers,
 * which are cancellation points and cost two atomic updates a call once
 * a process has threads.  It returns the result, or minus the errno.  In
 * a sanitizer build it calls the libc function for trap instead, so that
 * ASan checks the buffers and TSan sees a socket's writes ordered before
 * the reads that see them (Go's race build does that by hand in
 * syscall.Read and Write).  It does not enter or leave a system call:
 * syscall/'s Syscall6 brackets it.
 */
long runtime_syscall6(long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3,
    uintptr_t a4, uintptr_t a5, uintptr_t a6);

/*
 * runtime_getg identifies the calling goroutine: an opaque pointer that
 * package code only compares (context's stop tells a call from inside an
 * AfterFunc callback from one that must wait for it).  The same
 * declaration as runtime_impl.h's.
 */
typedef struct runtime_g runtime_g;
runtime_g		*runtime_getg(void);

/*
 * Semaphores (runtime/sema.c), Go's sync.runtime_Semacquire and friends
 * over a 32-bit count.  lifo queues a waiter first (a sync.Mutex waiter
 * that already waited); handoff gives the count straight to the woken
 * waiter and yields to it (a starving sync.Mutex).
 */
void runtime_Semacquire(uint32_t *addr);
void runtime_SemacquireMutex(uint32_t *addr, bool lifo);
void runtime_Semrelease(uint32_t *addr, bool handoff);

/*
 * The network poller, as internal/poll sees it (runtime/netpoll.c).  The
 * error codes are Go's, shared here so no layer repeats the numbers.
 */
enum {
	runtime_pollNoError = 0,       /* no error */
	runtime_pollErrClosing = 1,    /* descriptor is closed */
	runtime_pollErrTimeout = 2,    /* I/O timeout */
	runtime_pollErrNotPollable = 3 /* general error polling descriptor */
};

typedef struct runtime_pollDesc runtime_pollDesc;

/*
 * runtime_pollServerInit starts the poller and returns 0, or the errno of
 * the failure (EMFILE when the descriptor limit is reached), which it does
 * not remember: the next call tries again.  Once started, calls return 0.
 */
int  runtime_pollServerInit(void);
bool runtime_isPollServerDescriptor(uintptr_t fd);
/* runtime_pollOpen registers fd; it returns 0 or the errno of the failure. */
int  runtime_pollOpen(uintptr_t fd, runtime_pollDesc **pd);
/*
 * runtime_pollOpenSocket is pollOpen for a socket, which the backend never
 * refuses.  gonet's, not Go's: on a plain thread it registers nothing yet,
 * and the first wait that needs the backend does (netpoll.c, pollPolled).
 */
int  runtime_pollOpenSocket(uintptr_t fd, runtime_pollDesc **pd);
void runtime_pollClose(runtime_pollDesc *pd);
/* mode is 'r', 'w' or 'r'+'w'; the int results are the codes above. */
int  runtime_pollReset(runtime_pollDesc *pd, int mode);
int  runtime_pollWait(runtime_pollDesc *pd, int mode);
void runtime_pollSetUser(runtime_pollDesc *pd, uint32_t user);
void runtime_pollWrote(runtime_pollDesc *pd);
void runtime_pollWaitCanceled(runtime_pollDesc *pd, int mode);
/* d is absolute runtime_nanotime; 0 means no deadline, <0 already expired. */
void runtime_pollSetDeadline(runtime_pollDesc *pd, int64_t d, int mode);
void runtime_pollUnblock(runtime_pollDesc *pd);
/*
 * runtime_pollSawMark reports whether the poller has seen, since pd was
 * opened, an event at which a stream read may stop short with data left
 * (urgent data, hang-up, error).  gonet's, not Go's: net's drained reads.
 */
bool runtime_pollSawMark(runtime_pollDesc *pd);
/*
 * runtime_pollWaitFirst reports whether the calling thread's reads should
 * wait before their first attempt: a plain thread whose waits watch the
 * descriptor itself, and whose last wait slept.  gonet's, not Go's: net's
 * waits-first reads.
 */
bool runtime_pollWaitFirst(void);
/*
 * Plain threads' reads that wait in the kernel (gonet's, not Go's;
 * runtime/netpoll_kwait_linux.c).  runtime_pollKernelWaitBegin returns
 * runtime_kwaitBlock if the calling thread may make a blocking read of
 * pd's descriptor now, having put the descriptor's file in blocking mode
 * if it was not; runtime_kwaitRead if the spin before it read already,
 * with probe(arg), the read made not to wait, which returns whether it
 * read (an error other than EAGAIN counts); runtime_kwaitNo if the read
 * must take the poller's path.  A blocking read must then be followed by
 * runtime_pollKernelWaitEnd, and an EINTR from it means Close or a
 * deadline came: look again, as does an end of file once
 * runtime_pollClosing says Close has begun.
 * runtime_pollKernelWaits reports whether the file is in blocking mode,
 * in which every other call on it must not wait (MSG_DONTWAIT), and
 * runtime_pollKernelWaitsOff puts it back in non-blocking mode for good,
 * before a call that has no such flag, before user code gets it, or
 * before a datagram socket is shut down for reading, and returns once no
 * read is blocked in the kernel, unless no kick can reach the thread of
 * one (netpoll_kwait_linux.c, kickLost): that read waits on for data.
 */
enum { runtime_kwaitNo, runtime_kwaitBlock, runtime_kwaitRead };
int runtime_pollKernelWaitBegin(
    runtime_pollDesc *pd, bool (*probe)(void *arg), void *arg);
void runtime_pollKernelWaitEnd(runtime_pollDesc *pd);
bool runtime_pollKernelWaits(runtime_pollDesc *pd);
void runtime_pollKernelWaitsOff(runtime_pollDesc *pd);
bool runtime_pollClosing(runtime_pollDesc *pd);

#endif /* GONET_RUNTIME_LINKNAME_H */
