/*
 * gonet runtime: goroutines, channels and select, the runtime calls a Go
 * compiler emits for `go f(x)`, `make(chan T, n)`, `c <- v`, `<-c`,
 * `close(c)` and `select`.  Public header, included by runtime/runtime.h.
 *
 * The names are the Go runtime's own (makechan, chansend1, selectgo...)
 * so that grep finds both trees; the compiler's type descriptor becomes
 * the element size, and Go's panics become runtime_throw with Go's text.
 */
#ifndef GONET_RUNTIME_CHAN_H
#define GONET_RUNTIME_CHAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * runtime_newproc starts a goroutine running fn(arg): Go's `go fn(arg)`.
 * The goroutine belongs to the runtime; it ends when fn returns.
 * Goroutines share GOMAXPROCS threads, so a goroutine should wait through
 * gonet's primitives (channels, select, semaphores, sync, time, net),
 * which park it and free its thread.  One that sleeps in the kernel in a
 * call gonet never sees (nanosleep, a pthread wait, a read of a file)
 * holds its thread until the call returns; the scheduler notices after
 * about 20 ms and lets another thread run the rest meanwhile.
 * runtime_Go is the same call under the name users look for.
 */
void runtime_newproc(void (*fn)(void *), void *arg);
void runtime_Go(void (*fn)(void *), void *arg);
/*
 * runtime_NumGoroutine is Go's runtime.NumGoroutine: 1 for the main
 * goroutine (the process's main thread) plus the goroutines started by
 * runtime_Go that have not returned yet.  Threads the program started
 * itself are not counted.
 */
int runtime_NumGoroutine(void);
/* runtime_Gosched yields the processor to other goroutines. */
void runtime_Gosched(void);
/*
 * runtime_LockOSThread is Go's runtime.LockOSThread: the calling goroutine
 * runs only on its present thread, and no other goroutine runs there,
 * until as many runtime_UnlockOSThread calls have undone it; a goroutine
 * that returns still locked takes its thread with it (the thread exits).
 * A goroutine locks before it changes its thread's kernel state (unshare,
 * setns, a per-thread credential).  Called from a plain thread, which
 * runs nothing else already, both do nothing.
 */
void runtime_LockOSThread(void);
void runtime_UnlockOSThread(void);
/*
 * runtime_GOMAXPROCS is Go's runtime.GOMAXPROCS: it sets how many threads
 * may run goroutines at once when n > 0 and returns the previous setting
 * (n < 1 only reads it).  The default is the number of CPUs the process
 * may use, or the GOMAXPROCS environment variable.
 */
int runtime_GOMAXPROCS(int n);

/*
 * runtime_hchan is a channel, Go's `chan T`; NULL is the nil channel.
 * Values are copied in and out by address, elemsize bytes at a time.
 *
 * Memory: Go collects a channel when it is unreachable; C cannot, so a
 * channel is released with runtime_hchan_Free once no goroutine uses it,
 * that is, once every send, receive, close and select that named it has
 * returned.  Closing (runtime_closechan) is Go's close: it does not free.
 * A channel need not be closed before it is freed.  Values still
 * buffered are dropped with it; if they point at memory, that memory is
 * the program's.
 */
typedef struct runtime_hchan runtime_hchan;

/*
 * runtime_makechan makes a channel of size buffered values of elemsize
 * bytes each (size 0: unbuffered).  It throws on elemsize >= 65536 or a
 * negative or too large size, Go's panics.
 */
runtime_hchan *runtime_makechan(size_t elemsize, int size);
void	       runtime_hchan_Free(runtime_hchan *c);

/*
 * runtime_chansend1 sends the value at elem: `c <- v`.  It blocks until a
 * receiver takes it or buffer space frees up; on a nil channel, forever.
 * Sending on a closed channel throws "send on closed channel".
 */
void runtime_chansend1(runtime_hchan *c, const void *elem);
/*
 * runtime_chanrecv1 receives into elem (`v = <-c`; NULL for `<-c`).
 * From a closed, drained channel it stores the zero value at once.
 * runtime_chanrecv2 is `v, ok = <-c`: it returns ok, false when the zero
 * value came from a closed channel.
 */
void runtime_chanrecv1(runtime_hchan *c, void *elem);
bool runtime_chanrecv2(runtime_hchan *c, void *elem);
/*
 * runtime_closechan is close(c): receivers drain the buffer, then get
 * zero values; blocked senders throw.  Closing a nil or closed channel
 * throws "close of nil channel" or "close of closed channel".
 */
void runtime_closechan(runtime_hchan *c);
/* len(c) and cap(c); both are 0 for the nil channel. */
int runtime_chanlen(runtime_hchan *c);
int runtime_chancap(runtime_hchan *c);

/*
 * The non-blocking forms, Go's select with one case and a default.
 * runtime_selectnbsend reports whether the value was sent.
 * runtime_selectnbrecv reports whether a receive happened (selected) and
 * writes in *received whether it carried a value rather than a close
 * (received may be NULL).
 */
bool runtime_selectnbsend(runtime_hchan *c, const void *elem);
bool runtime_selectnbrecv(void *elem, runtime_hchan *c, bool *received);

/*
 * runtime_scase is one case of a select: the channel and the address of
 * the value to send, or of the place to receive into (NULL to discard).
 * A case on a nil channel never fires.
 */
typedef struct runtime_scase {
	runtime_hchan *c;
	void	      *elem;
} runtime_scase;

/*
 * runtime_selectgo is Go's select statement.  cases holds nsends send
 * cases followed by nrecvs receive cases.  It waits until one case can
 * proceed, picking uniformly at random among those that can, and returns
 * its index in cases; with block false (a select with a default) it
 * returns -1 instead of waiting.  *recvOK (may be NULL) says whether a
 * receive case got a value (true) or a close (false).  A send case on a
 * closed channel throws "send on closed channel".  With no case that can
 * ever fire and block true, it blocks forever, as `select {}` does.
 */
int runtime_selectgo(
    runtime_scase *cases, int nsends, int nrecvs, bool block, bool *recvOK);

#ifdef __cplusplus
}
#endif

#endif /* GONET_RUNTIME_CHAN_H */
