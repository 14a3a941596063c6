/*
 * C port of go1.19 src/runtime/select.go: the select statement.
 * built on: all
 *
 * selectgo looks at the cases in a random order (pollorder), so that no
 * ready case can starve another, and locks their channels in address
 * order (lockorder), so that two selects over the same channels cannot
 * deadlock.  If no case is ready it queues one sudog per case, parks, and
 * on wake-up dequeues the sudogs of the cases that did not fire.
 */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

#include "runtime/runtime2.h"

/*
 * selectStackCases is the largest select whose order arrays live on the
 * stack (Go's compiler puts them there); a larger one allocates them.
 */
enum { selectStackCases = 64 };

/* Go's uint16 orders limit a select to 65536 cases. */
enum { selectMaxCases = 1 << 16 };

typedef struct selectLocks {
	runtime_scase  *scases;
	const uint16_t *lockorder;
	int		n;
} selectLocks;

static uintptr_t
sortkey(runtime_hchan *c)
{
	return (uintptr_t)c;
}

static void
sellock(runtime_scase *scases, const uint16_t *lockorder, int n)
{
	runtime_hchan *c, *c0;
	int	       i;

	c = NULL;
	for (i = 0; i < n; i++) {
		c0 = scases[lockorder[i]].c;
		if (c0 != c) {
			c = c0;
			runtime_lock(&c->lock);
		}
	}
}

/*
 * selunlock unlocks in reverse order, once per channel.  Once the last
 * lock is released the caller may be woken and its cases reused, so
 * nothing of scases is read after it.
 */
static void
selunlock(runtime_scase *scases, const uint16_t *lockorder, int n)
{
	runtime_hchan *c;
	int	       i;

	for (i = n - 1; i >= 0; i--) {
		c = scases[lockorder[i]].c;
		if (i > 0 && c == scases[lockorder[i - 1]].c)
			continue;
		runtime_unlock(&c->lock);
	}
}

static void
selunlockf(void *arg)
{
	selectLocks *l;

	l = arg;
	selunlock(l->scases, l->lockorder, l->n);
}

/*
 * selparkcommit unlocks the channels once the caller is parked, walking
 * its sudogs (in lock order, so equal channels are adjacent).  A channel
 * unlocked early may wake the caller at once; the sudogs' c and waitlink
 * fields are the caller's alone, so reading them on is safe.
 */
static bool
selparkcommit(runtime_g *gp, void *arg)
{
	runtime_hchan *lastc;
	runtime_sudog *sg;

	(void)arg;
	lastc = NULL;
	for (sg = gp->waiting; sg != NULL; sg = sg->waitlink) {
		if (sg->c != lastc && lastc != NULL)
			runtime_unlock(&lastc->lock);
		lastc = sg->c;
	}
	if (lastc != NULL)
		runtime_unlock(&lastc->lock);
	return true;
}

/*
 * mkpollorder shuffles the indexes of the non-nil cases into pollorder
 * (an inside-out Fisher-Yates) and returns how many there are.
 */
static int
mkpollorder(runtime_scase *scases, int ncases, uint16_t *pollorder)
{
	int	 i, norder;
	uint32_t j;

	norder = 0;
	for (i = 0; i < ncases; i++) {
		if (scases[i].c == NULL)
			continue;
		j = runtime_fastrandn((uint32_t)(norder + 1));
		pollorder[norder] = pollorder[j];
		pollorder[j] = (uint16_t)i;
		norder++;
	}
	return norder;
}

/*
 * mklockorder sorts the cases by channel address into lockorder with a
 * heap sort, which needs no memory and has a bounded worst case.
 */
static void
mklockorder(runtime_scase *scases, const uint16_t *pollorder,
    uint16_t *lockorder, int norder)
{
	runtime_hchan *c;
	uint16_t       o;
	int	       i, j, k;

	for (i = 0; i < norder; i++) {
		j = i;
		c = scases[pollorder[i]].c;
		while (j > 0 &&
		    sortkey(scases[lockorder[(j - 1) / 2]].c) < sortkey(c)) {
			k = (j - 1) / 2;
			lockorder[j] = lockorder[k];
			j = k;
		}
		lockorder[j] = pollorder[i];
	}
	for (i = norder - 1; i >= 0; i--) {
		o = lockorder[i];
		c = scases[o].c;
		lockorder[i] = lockorder[0];
		j = 0;
		for (;;) {
			k = j * 2 + 1;
			if (k >= i)
				break;
			if (k + 1 < i &&
			    sortkey(scases[lockorder[k]].c) <
				sortkey(scases[lockorder[k + 1]].c))
				k++;
			if (sortkey(c) < sortkey(scases[lockorder[k]].c)) {
				lockorder[j] = lockorder[k];
				j = k;
				continue;
			}
			break;
		}
		lockorder[j] = o;
	}
}

/*
 * runtime_waitq_dequeueSudoG removes sgp from q if it is still there: a
 * waker may already have taken it (and lost the selectDone race).
 */
static void
runtime_waitq_dequeueSudoG(runtime_waitq *q, runtime_sudog *sgp)
{
	runtime_sudog *x, *y;

	x = sgp->prev;
	y = sgp->next;
	if (x != NULL) {
		if (y != NULL) {
			x->next = y;
			y->prev = x;
			sgp->next = NULL;
			sgp->prev = NULL;
			return;
		}
		x->next = NULL;
		q->last = x;
		sgp->prev = NULL;
		return;
	}
	if (y != NULL) {
		y->prev = NULL;
		q->first = y;
		sgp->next = NULL;
		return;
	}
	/* Alone: either the only element of q, or already removed. */
	if (q->first == sgp) {
		q->first = NULL;
		q->last = NULL;
	}
}

/*
 * selqueue queues one sudog per case of the calling goroutine, in lock
 * order, and chains them on gp->waiting in that order.
 */
static void
selqueue(runtime_g *gp, runtime_scase *scases, const uint16_t *lockorder,
    int norder, int nsends)
{
	runtime_sudog **nextp, *sg;
	runtime_scase  *cas;
	int		i, casi;

	if (gp->waiting != NULL)
		runtime_throw("gp.waiting != nil");
	nextp = &gp->waiting;
	for (i = 0; i < norder; i++) {
		casi = lockorder[i];
		cas = &scases[casi];
		sg = runtime_acquireSudog();
		sg->g = gp;
		sg->isSelect = true;
		sg->elem = cas->elem;
		sg->c = cas->c;
		*nextp = sg;
		nextp = &sg->waitlink;
		if (casi < nsends)
			runtime_waitq_enqueue(&cas->c->sendq, sg);
		else
			runtime_waitq_enqueue(&cas->c->recvq, sg);
	}
}

/*
 * seldequeue runs after the wake-up, with every channel locked again: it
 * finds the case whose sudog sg fired, takes the other sudogs off their
 * queues and releases them all.  It returns the case's index and writes
 * whether the communication succeeded.
 */
static int
seldequeue(runtime_g *gp, runtime_sudog *sg, runtime_scase *scases,
    const uint16_t *lockorder, int norder, int nsends, bool *caseSuccess)
{
	runtime_sudog *sglist, *sgnext, *sg1;
	runtime_hchan *c;
	int	       i, casi;

	casi = -1;
	*caseSuccess = false;
	sglist = gp->waiting;
	/* Clear isSelect etc. first: releaseSudog checks them. */
	for (sg1 = gp->waiting; sg1 != NULL; sg1 = sg1->waitlink) {
		sg1->isSelect = false;
		sg1->elem = NULL;
		sg1->c = NULL;
	}
	gp->waiting = NULL;

	for (i = 0; i < norder; i++) {
		if (sg == sglist) {
			casi = lockorder[i];
			*caseSuccess = sglist->success;
		} else {
			c = scases[lockorder[i]].c;
			if (lockorder[i] < nsends)
				runtime_waitq_dequeueSudoG(&c->sendq, sglist);
			else
				runtime_waitq_dequeueSudoG(&c->recvq, sglist);
		}
		sgnext = sglist->waitlink;
		sglist->waitlink = NULL;
		runtime_releaseSudog(sglist);
		sglist = sgnext;
	}
	return casi;
}

/*
 * selectgo is Go's selectgo: order0 has room for 2*ncases indexes (the
 * poll order, then the lock order).  It returns the chosen case, or -1
 * when block is false and none was ready, and writes in *recvOK whether a
 * receive got a value.
 */
static int
selectgo(runtime_scase *scases, uint16_t *order0, int nsends, int nrecvs,
    bool block, bool *recvOK)
{
	runtime_scase *cas;
	runtime_hchan *c;
	runtime_sudog *sg;
	runtime_g     *gp;
	selectLocks    l;
	uint16_t      *pollorder, *lockorder;
	void	      *qp;
	bool	       caseSuccess;
	int	       ncases, norder, i, casi;

	ncases = nsends + nrecvs;
	pollorder = order0;
	lockorder = order0 + ncases;
	norder = mkpollorder(scases, ncases, pollorder);
	mklockorder(scases, pollorder, lockorder, norder);
	l.scases = scases;
	l.lockorder = lockorder;
	l.n = norder;

	sellock(scases, lockorder, norder);

	*recvOK = false;
	for (i = 0; i < norder; i++) {
		casi = pollorder[i];
		cas = &scases[casi];
		c = cas->c;
		if (casi >= nsends) {
			sg = runtime_waitq_dequeue(&c->sendq);
			if (sg != NULL)
				goto recv;
			if (c->qcount > 0)
				goto bufrecv;
			if (c->closed != 0)
				goto rclose;
		} else {
			if (c->closed != 0)
				goto sclose;
			sg = runtime_waitq_dequeue(&c->recvq);
			if (sg != NULL)
				goto send;
			if (c->qcount < c->dataqsiz)
				goto bufsend;
		}
	}

	if (!block) {
		selunlock(scases, lockorder, norder);
		return -1;
	}

	gp = runtime_getg();
	selqueue(gp, scases, lockorder, norder, nsends);
	gp->param = NULL;
	runtime_gopark(selparkcommit, NULL);

	sellock(scases, lockorder, norder);
	atomic_store(&gp->selectDone, 0);
	sg = gp->param;
	gp->param = NULL;
	casi =
	    seldequeue(gp, sg, scases, lockorder, norder, nsends, &caseSuccess);
	if (casi < 0)
		runtime_throw("selectgo: bad wakeup");
	if (casi < nsends) {
		if (!caseSuccess)
			goto sclose;
	} else {
		*recvOK = caseSuccess;
	}
	selunlock(scases, lockorder, norder);
	return casi;

bufrecv:
	*recvOK = true;
	qp = runtime_chanbuf(c, c->recvx);
	if (cas->elem != NULL)
		runtime_typedmemmove(c->elemsize, cas->elem, qp);
	runtime_typedmemclr(c->elemsize, qp);
	if (++c->recvx == c->dataqsiz)
		c->recvx = 0;
	c->qcount--;
	selunlock(scases, lockorder, norder);
	return casi;

bufsend:
	runtime_typedmemmove(
	    c->elemsize, runtime_chanbuf(c, c->sendx), cas->elem);
	if (++c->sendx == c->dataqsiz)
		c->sendx = 0;
	c->qcount++;
	selunlock(scases, lockorder, norder);
	return casi;

recv:
	runtime_recv(c, sg, cas->elem, selunlockf, &l);
	*recvOK = true;
	return casi;

rclose:
	selunlock(scases, lockorder, norder);
	*recvOK = false;
	if (cas->elem != NULL)
		runtime_typedmemclr(c->elemsize, cas->elem);
	return casi;

send:
	runtime_send(c, sg, cas->elem, selunlockf, &l);
	return casi;

sclose:
	selunlock(scases, lockorder, norder);
	runtime_throw("send on closed channel");
}

int
runtime_selectgo(
    runtime_scase *cases, int nsends, int nrecvs, bool block, bool *recvOK)
{
	uint16_t  stackorder[2 * selectStackCases];
	uint16_t *order0;
	bool	  ok;
	int	  ncases, casi;

	ncases = nsends + nrecvs;
	if (nsends < 0 || nrecvs < 0 || ncases > selectMaxCases)
		runtime_throw("selectgo: too many cases");
	order0 = stackorder;
	if (ncases > selectStackCases)
		order0 = runtime_malloc(2 * (size_t)ncases * sizeof(*order0));
	casi = selectgo(cases, order0, nsends, nrecvs, block, &ok);
	if (order0 != stackorder)
		free(order0);
	if (recvOK != NULL)
		*recvOK = ok;
	return casi;
}
