/*
 * C port of go1.19 src/runtime/chan.go: channels.
 * built on: all
 *
 * A channel is Go's hchan: a ring buffer plus two FIFOs of blocked
 * goroutines (sudogs), all under one runtime_mutex.  A send that finds a
 * receiver waiting copies straight into the receiver's variable and
 * readies it; a receive that finds a sender waiting on a full buffer
 * takes the head of the buffer and moves the sender's value to its tail.
 * Waiting is gopark/goready only, so this file does not change when
 * goroutines stop being threads.
 *
 * C has no garbage collector: a channel is freed explicitly, and its
 * header is recycled rather than returned to the system (see
 * runtime_hchan_Free).
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime2.h"

/* maxAlloc is Go's limit on one allocation on linux/amd64 (heapAddrBits). */
#define maxAlloc ((size_t)1 << 48)

/*
 * Freed channel headers, for reuse.  An unlock's futex wake-up may reach
 * a header after its channel was freed (lock_futex.c); recycled memory
 * turns that into a harmless spurious wake-up where freed memory could
 * fault.
 */
static struct {
	runtime_mutex  lock;
	runtime_hchan *list;
} chanfree;

static runtime_hchan *
hchanalloc(void)
{
	runtime_hchan *c;

	runtime_lock(&chanfree.lock);
	c = chanfree.list;
	if (c != NULL)
		chanfree.list = c->freelink;
	runtime_unlock(&chanfree.lock);
	if (c == NULL)
		return runtime_malloc(sizeof(*c));
	c->freelink = NULL;
	atomic_store(&c->qcount, 0);
	atomic_store(&c->closed, 0);
	c->sendx = 0;
	c->recvx = 0;
	return c;
}

runtime_hchan *
runtime_makechan(size_t elemsize, int size)
{
	runtime_hchan *c;
	size_t	       mem;

	if (elemsize >= 1 << 16)
		runtime_throw("makechan: invalid channel element type");
	if (size < 0 ||
	    (elemsize != 0 &&
		(size_t)size > (maxAlloc - sizeof(*c)) / elemsize))
		runtime_throw("makechan: size out of range");
	mem = elemsize * (size_t)size;
	c = hchanalloc();
	/* Like Go, a channel with no buffer memory points buf at itself. */
	c->buf = &c->buf;
	if (mem > 0)
		c->buf = runtime_malloc(mem);
	c->elemsize = (uint16_t)elemsize;
	c->dataqsiz = (unsigned)size;
	return c;
}

/*
 * runtime_hchan_Free throws if a goroutine is still queued on c, which
 * means some operation on c has not returned; that catches some, not all,
 * early frees.
 */
void
runtime_hchan_Free(runtime_hchan *c)
{
	if (c == NULL)
		return;
	runtime_lock(&c->lock);
	if (c->recvq.first != NULL || c->sendq.first != NULL)
		runtime_throw("runtime_hchan_Free: channel in use");
	runtime_unlock(&c->lock);
	if (c->buf != &c->buf)
		free(c->buf);
	c->buf = NULL;
	runtime_lock(&chanfree.lock);
	c->freelink = chanfree.list;
	chanfree.list = c;
	runtime_unlock(&chanfree.lock);
}

/* runtime_chanbuf is the address of slot i of the buffer. */
void *
runtime_chanbuf(runtime_hchan *c, unsigned i)
{
	return (char *)c->buf + (size_t)i * c->elemsize;
}

/*
 * full reports whether a send would block.  It reads without the lock, so
 * the answer may be stale at once; Go's comment in chansend explains why
 * a stale answer is still a correct non-blocking send.
 */
static bool
full(runtime_hchan *c)
{
	if (c->dataqsiz == 0)
		return c->recvq.first == NULL;
	return c->qcount == c->dataqsiz;
}

/* empty reports whether a receive would block, with full's caveat. */
static bool
empty(runtime_hchan *c)
{
	if (c->dataqsiz == 0)
		return c->sendq.first == NULL;
	return c->qcount == 0;
}

static void
unlockchan(void *arg)
{
	runtime_unlock(&((runtime_hchan *)arg)->lock);
}

/* chanparkcommit lets go of the channel once the caller is parked. */
static bool
chanparkcommit(runtime_g *gp, void *chanLock)
{
	(void)gp;
	runtime_unlock(chanLock);
	return true;
}

/*
 * enqueuewait queues the calling goroutine on q for c with its value at
 * ep, then parks it; it returns the sudog, whose success says whether the
 * wake-up carried a value (false: c was closed).  Called with c locked;
 * returns without the lock.
 */
static runtime_sudog *
enqueuewait(runtime_hchan *c, runtime_waitq *q, void *ep)
{
	runtime_g     *gp;
	runtime_sudog *mysg;

	gp = runtime_getg();
	mysg = runtime_acquireSudog();
	mysg->elem = ep;
	mysg->waitlink = NULL;
	mysg->g = gp;
	mysg->isSelect = false;
	mysg->c = c;
	gp->waiting = mysg;
	gp->param = NULL;
	runtime_waitq_enqueue(q, mysg);
	runtime_gopark(chanparkcommit, &c->lock);
	if (mysg != gp->waiting)
		runtime_throw("G waiting list is corrupted");
	gp->waiting = NULL;
	gp->param = NULL;
	return mysg;
}

/*
 * readysudog ends a matched send or receive: once the channel is unlocked
 * it hands the waiter its sudog and readies it.  The waiter cannot run
 * before goready, so writing its g and sudog after the unlock is safe.
 */
static void
readysudog(runtime_sudog *sg, void (*unlockf)(void *), void *arg)
{
	runtime_g *gp;

	gp = sg->g;
	unlockf(arg);
	gp->param = sg;
	sg->success = true;
	runtime_goready(gp);
}

/*
 * chansend sends the value at ep, or with block false gives up instead of
 * waiting; it reports whether it sent.
 */
static bool
chansend(runtime_hchan *c, const void *ep, bool block)
{
	runtime_sudog *sg, *mysg;
	bool	       closed;

	if (c == NULL) {
		if (!block)
			return false;
		runtime_gopark(NULL, NULL);
		runtime_throw("unreachable");
	}
	if (!block && c->closed == 0 && full(c))
		return false;

	runtime_lock(&c->lock);
	if (c->closed != 0) {
		runtime_unlock(&c->lock);
		runtime_throw("send on closed channel");
	}
	if ((sg = runtime_waitq_dequeue(&c->recvq)) != NULL) {
		runtime_send(c, sg, ep, unlockchan, c);
		return true;
	}
	if (c->qcount < c->dataqsiz) {
		runtime_typedmemmove(
		    c->elemsize, runtime_chanbuf(c, c->sendx), ep);
		if (++c->sendx == c->dataqsiz)
			c->sendx = 0;
		c->qcount++;
		runtime_unlock(&c->lock);
		return true;
	}
	if (!block) {
		runtime_unlock(&c->lock);
		return false;
	}

	/* The sender's value stays where it is until a receiver copies it. */
	mysg = enqueuewait(c, &c->sendq, (void *)ep);
	closed = !mysg->success;
	mysg->c = NULL;
	runtime_releaseSudog(mysg);
	if (closed) {
		if (c->closed == 0)
			runtime_throw("chansend: spurious wakeup");
		runtime_throw("send on closed channel");
	}
	return true;
}

/*
 * runtime_send completes a send to the receiver sg dequeued from the
 * locked c: the value at ep goes straight to the receiver's variable.
 * unlockf(arg) releases c (select's releases all its channels); the
 * receiver is readied after that.
 */
void
runtime_send(runtime_hchan *c, runtime_sudog *sg, const void *ep,
    void (*unlockf)(void *), void *arg)
{
	if (sg->elem != NULL) {
		runtime_typedmemmove(c->elemsize, sg->elem, ep);
		sg->elem = NULL;
	}
	readysudog(sg, unlockf, arg);
}

void
runtime_closechan(runtime_hchan *c)
{
	runtime_gList  glist;
	runtime_sudog *sg;
	runtime_g     *gp;

	if (c == NULL)
		runtime_throw("close of nil channel");
	runtime_lock(&c->lock);
	if (c->closed != 0) {
		runtime_unlock(&c->lock);
		runtime_throw("close of closed channel");
	}
	c->closed = 1;

	/* Receivers get zero values; senders will throw when they wake. */
	glist.head = NULL;
	while ((sg = runtime_waitq_dequeue(&c->recvq)) != NULL) {
		if (sg->elem != NULL) {
			runtime_typedmemclr(c->elemsize, sg->elem);
			sg->elem = NULL;
		}
		gp = sg->g;
		gp->param = sg;
		sg->success = false;
		runtime_gList_push(&glist, gp);
	}
	while ((sg = runtime_waitq_dequeue(&c->sendq)) != NULL) {
		sg->elem = NULL;
		gp = sg->g;
		gp->param = sg;
		sg->success = false;
		runtime_gList_push(&glist, gp);
	}
	runtime_unlock(&c->lock);

	while ((gp = runtime_gList_pop(&glist)) != NULL) {
		gp->schedlink = NULL;
		runtime_goready(gp);
	}
}

/*
 * chanrecv receives into ep (NULL: discard), or with block false gives up
 * instead of waiting.  It reports whether it completed (selected) and
 * writes in *received whether a value, rather than a close, ended it.
 */
static bool
chanrecv(runtime_hchan *c, void *ep, bool block, bool *received)
{
	runtime_sudog *sg, *mysg;

	*received = false;
	if (c == NULL) {
		if (!block)
			return false;
		runtime_gopark(NULL, NULL);
		runtime_throw("unreachable");
	}

	/*
	 * The second empty check is Go's: a channel seen empty and then
	 * closed may have been filled in between, and a closed channel stays
	 * closed, so empty-after-closed means drained-and-closed.
	 */
	if (!block && empty(c)) {
		if (c->closed == 0)
			return false;
		if (empty(c)) {
			if (ep != NULL)
				runtime_typedmemclr(c->elemsize, ep);
			return true;
		}
	}

	runtime_lock(&c->lock);
	if (c->closed != 0) {
		if (c->qcount == 0) {
			runtime_unlock(&c->lock);
			if (ep != NULL)
				runtime_typedmemclr(c->elemsize, ep);
			return true;
		}
	} else if ((sg = runtime_waitq_dequeue(&c->sendq)) != NULL) {
		runtime_recv(c, sg, ep, unlockchan, c);
		*received = true;
		return true;
	}
	if (c->qcount > 0) {
		if (ep != NULL)
			runtime_typedmemmove(
			    c->elemsize, ep, runtime_chanbuf(c, c->recvx));
		runtime_typedmemclr(c->elemsize, runtime_chanbuf(c, c->recvx));
		if (++c->recvx == c->dataqsiz)
			c->recvx = 0;
		c->qcount--;
		runtime_unlock(&c->lock);
		*received = true;
		return true;
	}
	if (!block) {
		runtime_unlock(&c->lock);
		return false;
	}

	mysg = enqueuewait(c, &c->recvq, ep);
	*received = mysg->success;
	mysg->c = NULL;
	runtime_releaseSudog(mysg);
	return true;
}

/*
 * runtime_recv completes a receive from the sender sg dequeued from the
 * locked c.  Unbuffered, the value comes straight from the sender; with a
 * full buffer, the receiver takes the head and the sender's value goes to
 * the freed tail slot, so FIFO order holds.  unlockf(arg) as in send.
 */
void
runtime_recv(runtime_hchan *c, runtime_sudog *sg, void *ep,
    void (*unlockf)(void *), void *arg)
{
	void *qp;

	if (c->dataqsiz == 0) {
		if (ep != NULL)
			runtime_typedmemmove(c->elemsize, ep, sg->elem);
	} else {
		qp = runtime_chanbuf(c, c->recvx);
		if (ep != NULL)
			runtime_typedmemmove(c->elemsize, ep, qp);
		runtime_typedmemmove(c->elemsize, qp, sg->elem);
		if (++c->recvx == c->dataqsiz)
			c->recvx = 0;
		c->sendx = c->recvx;
	}
	sg->elem = NULL;
	readysudog(sg, unlockf, arg);
}

void
runtime_chansend1(runtime_hchan *c, const void *elem)
{
	chansend(c, elem, true);
}

void
runtime_chanrecv1(runtime_hchan *c, void *elem)
{
	bool received;

	chanrecv(c, elem, true, &received);
}

bool
runtime_chanrecv2(runtime_hchan *c, void *elem)
{
	bool received;

	chanrecv(c, elem, true, &received);
	return received;
}

bool
runtime_selectnbsend(runtime_hchan *c, const void *elem)
{
	return chansend(c, elem, false);
}

bool
runtime_selectnbrecv(void *elem, runtime_hchan *c, bool *received)
{
	bool selected, r;

	selected = chanrecv(c, elem, false, &r);
	if (received != NULL)
		*received = r;
	return selected;
}

int
runtime_chanlen(runtime_hchan *c)
{
	if (c == NULL)
		return 0;
	return (int)c->qcount;
}

int
runtime_chancap(runtime_hchan *c)
{
	if (c == NULL)
		return 0;
	return (int)c->dataqsiz;
}

void
runtime_waitq_enqueue(runtime_waitq *q, runtime_sudog *sgp)
{
	runtime_sudog *x;

	sgp->next = NULL;
	x = q->last;
	if (x == NULL) {
		sgp->prev = NULL;
		q->first = sgp;
		q->last = sgp;
		return;
	}
	sgp->prev = x;
	x->next = sgp;
	q->last = sgp;
}

/*
 * runtime_waitq_dequeue removes and returns the first sudog that may be
 * woken.  A select's sudogs sit on several queues at once; the first
 * waker to win the g's selectDone takes it, and the others drop their
 * sudog and go on to the next waiter.
 */
runtime_sudog *
runtime_waitq_dequeue(runtime_waitq *q)
{
	runtime_sudog *sgp, *y;
	uint32_t       zero;

	for (;;) {
		sgp = q->first;
		if (sgp == NULL)
			return NULL;
		y = sgp->next;
		if (y == NULL) {
			q->first = NULL;
			q->last = NULL;
		} else {
			y->prev = NULL;
			q->first = y;
			sgp->next = NULL; /* off the queue: see dequeueSudoG */
		}
		zero = 0;
		if (sgp->isSelect &&
		    !atomic_compare_exchange_strong(
			&sgp->g->selectDone, &zero, 1))
			continue;
		return sgp;
	}
}
