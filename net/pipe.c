/*
 * C port of go1.19 src/net/pipe.go: Pipe, the synchronous in-memory
 * full-duplex Conn, built on channels, select, sync and time only.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"
#include "os/os.h"
#include "runtime/linkname.h"
#include "sync/sync.h"
#include "time/time.h"

/*
 * pipeDeadline is Go's: cancel is closed when the deadline passes, by a
 * time.AfterFunc timer or by set itself for a time already past.  Go
 * drops a closed cancel channel to its collector when set replaces it;
 * here a reader or writer may still be selecting on it, so wait counts
 * the users (done ends a use) and replaced channels wait in retired until
 * the last user is done, or until free.
 */
typedef struct retiredChan {
	runtime_hchan	   *c;
	struct retiredChan *next;
} retiredChan;

typedef struct pipeDeadline {
	sync_Mutex     mu;
	time_Timer    *timer;
	runtime_hchan *cancel;
	int	       users;
	retiredChan   *retired;
} pipeDeadline;

static void
pipeDeadline_init(pipeDeadline *d)
{
	*d = (pipeDeadline){ 0 };
	d->cancel = runtime_makechan(0, 0);
}

static bool
isClosedChan(runtime_hchan *c)
{
	return runtime_selectnbrecv(NULL, c, NULL);
}

static void
pipeDeadline_fire(void *arg)
{
	pipeDeadline *d = arg;

	runtime_closechan(d->cancel);
}

/* replaceCancel gives d a fresh channel; the old one is closed. */
static void
pipeDeadline_replaceCancel(pipeDeadline *d)
{
	retiredChan *r;

	if (d->users == 0)
		runtime_hchan_Free(d->cancel);
	else {
		r = runtime_malloc(sizeof *r);
		r->c = d->cancel;
		r->next = d->retired;
		d->retired = r;
	}
	d->cancel = runtime_makechan(0, 0);
}

static void
pipeDeadline_freeRetired(pipeDeadline *d)
{
	retiredChan *r;

	while ((r = d->retired) != NULL) {
		d->retired = r->next;
		runtime_hchan_Free(r->c);
		free(r);
	}
}

/* stopTimer disarms the timer, waiting for a callback already running. */
static void
pipeDeadline_stopTimer(pipeDeadline *d)
{
	if (d->timer == NULL)
		return;
	if (!time_Timer_Stop(d->timer))
		runtime_chanrecv1(d->cancel, NULL);
	time_Timer_Free(d->timer);
	d->timer = NULL;
}

static void
pipeDeadline_set(pipeDeadline *d, time_Time t)
{
	time_Duration dur;
	bool	      closed;

	sync_Mutex_Lock(&d->mu);
	pipeDeadline_stopTimer(d);
	closed = isClosedChan(d->cancel);
	if (time_Time_IsZero(t)) {
		if (closed)
			pipeDeadline_replaceCancel(d);
		goto out;
	}
	if ((dur = time_Until(t)) > 0) {
		if (closed)
			pipeDeadline_replaceCancel(d);
		d->timer = time_AfterFunc(dur, pipeDeadline_fire, d);
		goto out;
	}
	if (!closed)
		runtime_closechan(d->cancel);
out:
	sync_Mutex_Unlock(&d->mu);
}

/* wait returns the channel to select on; done must follow the select. */
static runtime_hchan *
pipeDeadline_wait(pipeDeadline *d)
{
	runtime_hchan *c;

	sync_Mutex_Lock(&d->mu);
	d->users++;
	c = d->cancel;
	sync_Mutex_Unlock(&d->mu);
	return c;
}

static void
pipeDeadline_done(pipeDeadline *d)
{
	sync_Mutex_Lock(&d->mu);
	if (--d->users == 0)
		pipeDeadline_freeRetired(d);
	sync_Mutex_Unlock(&d->mu);
}

/* isClosedDeadline is isClosedChan(d.wait()). */
static bool
pipeDeadline_expired(pipeDeadline *d)
{
	bool closed;

	sync_Mutex_Lock(&d->mu);
	closed = isClosedChan(d->cancel);
	sync_Mutex_Unlock(&d->mu);
	return closed;
}

static void
pipeDeadline_free(pipeDeadline *d)
{
	sync_Mutex_Lock(&d->mu);
	pipeDeadline_stopTimer(d);
	sync_Mutex_Unlock(&d->mu);
	pipeDeadline_freeRetired(d);
	runtime_hchan_Free(d->cancel);
}

static const char *
pipeAddr_Network(const net_Addr *a)
{
	(void)a;
	return "pipe";
}

static char *
pipeAddr_String(const net_Addr *a)
{
	(void)a;
	return runtime_strdup("pipe");
}

static net_Addr *
pipeAddr_clone(const net_Addr *a)
{
	net_Addr *c;

	c = runtime_malloc(sizeof *c);
	*c = *a;
	return c;
}

static const net_addrType pipeAddrType = {
	.Network = pipeAddr_Network,
	.String = pipeAddr_String,
	.clone = pipeAddr_clone,
};

static const net_Addr pipeAddr = { &pipeAddrType };

/*
 * The channels both ends share: data (a slice) and counts each way, and
 * each end's done channel.  The last end to be freed frees them.
 */
typedef struct pipeChans {
	atomic_int     ref;
	runtime_hchan *cb[2];
	runtime_hchan *cn[2];
	runtime_hchan *done[2];
} pipeChans;

/* pipeSlice is the []byte a writer hands to the reader. */
typedef struct pipeSlice {
	const void *p;
	size_t	    len;
} pipeSlice;

typedef struct net_pipe {
	net_Conn       Conn;
	sync_Mutex     wrMu;
	runtime_hchan *rdRx, *rdTx;
	runtime_hchan *wrTx, *wrRx;
	sync_Once      once;
	runtime_hchan *localDone, *remoteDone;
	pipeDeadline   readDeadline;
	pipeDeadline   writeDeadline;
	pipeChans     *chans;
} net_pipe;

#define PIPE(c) ((net_pipe *)((char *)(c)-offsetof(net_pipe, Conn)))

static runtime_error *
pipe_read(net_pipe *p, void *b, size_t len, ptrdiff_t *n)
{
	runtime_scase cases[4];
	pipeSlice     bw;
	int	      i;

	if (isClosedChan(p->localDone))
		return io_ErrClosedPipe;
	if (isClosedChan(p->remoteDone))
		return io_EOF;
	if (pipeDeadline_expired(&p->readDeadline))
		return os_ErrDeadlineExceeded;
	cases[0] = (runtime_scase){ p->rdRx, &bw };
	cases[1] = (runtime_scase){ p->localDone, NULL };
	cases[2] = (runtime_scase){ p->remoteDone, NULL };
	cases[3] = (runtime_scase){ pipeDeadline_wait(&p->readDeadline), NULL };
	i = runtime_selectgo(cases, 0, 4, true, NULL);
	pipeDeadline_done(&p->readDeadline);
	switch (i) {
	case 0:
		*n = (ptrdiff_t)(bw.len < len ? bw.len : len);
		if (*n > 0)
			memcpy(b, bw.p, (size_t)*n);
		runtime_chansend1(p->rdTx, n);
		return NULL;
	case 1:
		return io_ErrClosedPipe;
	case 2:
		return io_EOF;
	default:
		return os_ErrDeadlineExceeded;
	}
}

static runtime_error *
pipe_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	err = pipe_read(PIPE(c), b, len, n);
	if (err != NULL && err != io_EOF && err != io_ErrClosedPipe)
		err = net_newOpError("read", "pipe", NULL, NULL, err);
	return err;
}

/* writeOnce offers b to the reader once and waits for its count. */
static runtime_error *
pipe_writeOnce(net_pipe *p, pipeSlice *b, ptrdiff_t *n)
{
	runtime_scase cases[4];
	ptrdiff_t     nw;
	int	      i;

	cases[0] = (runtime_scase){ p->wrTx, b };
	cases[1] = (runtime_scase){ p->localDone, NULL };
	cases[2] = (runtime_scase){ p->remoteDone, NULL };
	cases[3] =
	    (runtime_scase){ pipeDeadline_wait(&p->writeDeadline), NULL };
	i = runtime_selectgo(cases, 1, 3, true, NULL);
	pipeDeadline_done(&p->writeDeadline);
	switch (i) {
	case 0:
		runtime_chanrecv1(p->wrRx, &nw);
		b->p = (const char *)b->p + nw;
		b->len -= (size_t)nw;
		*n += nw;
		return NULL;
	case 1:
	case 2:
		return io_ErrClosedPipe;
	default:
		return os_ErrDeadlineExceeded;
	}
}

/* Holding wrMu keeps the whole of b together on the reader's side. */
static runtime_error *
pipe_write(net_pipe *p, const void *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err;
	pipeSlice      s = { b, len };
	bool	       once;

	if (isClosedChan(p->localDone) || isClosedChan(p->remoteDone))
		return io_ErrClosedPipe;
	if (pipeDeadline_expired(&p->writeDeadline))
		return os_ErrDeadlineExceeded;
	sync_Mutex_Lock(&p->wrMu);
	err = NULL;
	for (once = true; once || s.len > 0; once = false) {
		if ((err = pipe_writeOnce(p, &s, n)) != NULL)
			break;
	}
	sync_Mutex_Unlock(&p->wrMu);
	return err;
}

static runtime_error *
pipe_Write(net_Conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	err = pipe_write(PIPE(c), b, len, n);
	if (err != NULL && err != io_ErrClosedPipe)
		err = net_newOpError("write", "pipe", NULL, NULL, err);
	return err;
}

static bool
pipe_closed(net_pipe *p)
{
	return isClosedChan(p->localDone) || isClosedChan(p->remoteDone);
}

static runtime_error *
pipe_SetDeadline(net_Conn *c, time_Time t)
{
	if (pipe_closed(PIPE(c)))
		return io_ErrClosedPipe;
	pipeDeadline_set(&PIPE(c)->readDeadline, t);
	pipeDeadline_set(&PIPE(c)->writeDeadline, t);
	return NULL;
}

static runtime_error *
pipe_SetReadDeadline(net_Conn *c, time_Time t)
{
	if (pipe_closed(PIPE(c)))
		return io_ErrClosedPipe;
	pipeDeadline_set(&PIPE(c)->readDeadline, t);
	return NULL;
}

static runtime_error *
pipe_SetWriteDeadline(net_Conn *c, time_Time t)
{
	if (pipe_closed(PIPE(c)))
		return io_ErrClosedPipe;
	pipeDeadline_set(&PIPE(c)->writeDeadline, t);
	return NULL;
}

static void
pipe_closeDone(void *arg)
{
	runtime_closechan(arg);
}

static runtime_error *
pipe_Close(net_Conn *c)
{
	sync_Once_Do(&PIPE(c)->once, pipe_closeDone, PIPE(c)->localDone);
	return NULL;
}

static const net_Addr *
pipe_Addr(net_Conn *c)
{
	(void)c;
	return &pipeAddr;
}

/* Free closes this end; the shared channels go with the second end. */
static void
pipe_Free(net_Conn *c)
{
	net_pipe  *p = PIPE(c);
	pipeChans *ch = p->chans;
	int	   i;

	pipe_Close(c);
	pipeDeadline_free(&p->readDeadline);
	pipeDeadline_free(&p->writeDeadline);
	free(p);
	if (atomic_fetch_sub(&ch->ref, 1) != 1)
		return;
	for (i = 0; i < 2; i++) {
		runtime_hchan_Free(ch->cb[i]);
		runtime_hchan_Free(ch->cn[i]);
		runtime_hchan_Free(ch->done[i]);
	}
	free(ch);
}

static const net_ConnType pipeConnType = {
	.name = "*net.pipe",
	.Read = pipe_Read,
	.Write = pipe_Write,
	.Close = pipe_Close,
	.LocalAddr = pipe_Addr,
	.RemoteAddr = pipe_Addr,
	.SetDeadline = pipe_SetDeadline,
	.SetReadDeadline = pipe_SetReadDeadline,
	.SetWriteDeadline = pipe_SetWriteDeadline,
	.Free = pipe_Free,
};

/* newPipe makes end i: it reads on channel pair i, writes on the other. */
static net_Conn *
newPipe(pipeChans *ch, int i)
{
	net_pipe *p;

	p = runtime_malloc(sizeof *p);
	p->Conn.type = &pipeConnType;
	p->rdRx = ch->cb[i];
	p->rdTx = ch->cn[i];
	p->wrTx = ch->cb[1 - i];
	p->wrRx = ch->cn[1 - i];
	p->localDone = ch->done[i];
	p->remoteDone = ch->done[1 - i];
	pipeDeadline_init(&p->readDeadline);
	pipeDeadline_init(&p->writeDeadline);
	p->chans = ch;
	return &p->Conn;
}

void
net_Pipe(net_Conn **c1, net_Conn **c2)
{
	pipeChans *ch;
	int	   i;

	ch = runtime_malloc(sizeof *ch);
	atomic_init(&ch->ref, 2);
	for (i = 0; i < 2; i++) {
		ch->cb[i] = runtime_makechan(sizeof(pipeSlice), 0);
		ch->cn[i] = runtime_makechan(sizeof(ptrdiff_t), 0);
		ch->done[i] = runtime_makechan(0, 0);
	}
	*c1 = newPipe(ch, 0);
	*c2 = newPipe(ch, 1);
}
