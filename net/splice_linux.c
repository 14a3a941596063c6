/*
 * C port of go1.19 src/net/splice_linux.go and of internal/poll's
 * splice_linux.go (internal/poll lives in net/, so its Splice is here
 * too).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <string.h>

#include "net/net_impl.h"

enum {
	/* SPLICE_F_NONBLOCK: the pipe never blocks; the socket's mode rules. */
	spliceNonblock = 0x2,
	/* maxSpliceSize is Go's 4 MiB, the pipe size splice can fill. */
	maxSpliceSize = 4 << 20,
};

/*
 * splicePipe is Go's: the two ends and the bytes still in the pipe.  Go
 * keeps spare pipes in a sync.Pool that its collector drains; gonet makes
 * one per Splice call and closes it after, which costs three system calls
 * a call and keeps no descriptor behind the caller's back.
 */
typedef struct splicePipe {
	int	rfd;
	int	wfd;
	int64_t data;
} splicePipe;

/*
 * disableSplice is set once, by the first pipe made: 1 when the kernel
 * lacks F_GETPIPE_SZ (before 2.6.35, whose splice Go does not trust), 0
 * when it has it, -1 before anyone looked.
 */
static atomic_int disableSplice = -1;

/* newPipe returns false when splice is disabled or pipe2 fails. */
static bool
newPipe(splicePipe *sp)
{
	int fds[2];

	if (atomic_load(&disableSplice) == 1)
		return false;
	if (syscall_Pipe2(fds, O_CLOEXEC | O_NONBLOCK) != 0)
		return false;
	sp->rfd = fds[0];
	sp->wfd = fds[1];
	sp->data = 0;
	if (atomic_load(&disableSplice) == -1) {
		if (fcntl(fds[0], F_GETPIPE_SZ) < 0) {
			atomic_store(&disableSplice, 1);
			net_closeFunc(sp->rfd);
			net_closeFunc(sp->wfd);
			return false;
		}
		atomic_store(&disableSplice, 0);
	}
	return true;
}

static void
destroyPipe(splicePipe *p)
{
	net_closeFunc(p->rfd);
	net_closeFunc(p->wfd);
}

/*
 * spliceDrain moves up to max bytes from sock into the pipe, waiting
 * under sock's read lock and deadline until some arrive; *n is 0 at EOF.
 */
static syscall_Errno
spliceDrain(
    int pipefd, net_netFD *sock, size_t max, int64_t *n, runtime_error **err)
{
	syscall_Errno e;

	*n = 0;
	e = 0;
	if ((*err = poll_FD_readLock(&sock->pfd)) != NULL)
		return 0;
	if ((*err = poll_FD_prepareRead(&sock->pfd)) != NULL)
		goto out;
	/* splice's flag is for the pipe: the socket must be non-blocking. */
	net_pollDesc_kernelWaitsOff(&sock->pfd.pd);
	for (;;) {
		e = syscall_Splice(
		    sock->pfd.Sysfd, pipefd, max, spliceNonblock, n);
		if (e == EINTR)
			continue;
		if (e != EAGAIN)
			break;
		if ((*err = net_pollDesc_waitRead(&sock->pfd.pd)) != NULL)
			break;
	}
out:
	poll_FD_readUnlock(&sock->pfd);
	return *err != NULL ? 0 : e;
}

/*
 * splicePump moves inPipe bytes from the pipe to sock, waiting under
 * sock's write lock and deadline while its buffer is full.
 */
static syscall_Errno
splicePump(net_netFD *sock, int pipefd, int64_t inPipe, int64_t *written,
    runtime_error **err)
{
	syscall_Errno e;
	int64_t	      n;

	*written = 0;
	e = 0;
	if ((*err = poll_FD_writeLock(&sock->pfd)) != NULL)
		return 0;
	if ((*err = net_pollDesc_prepareWrite(&sock->pfd.pd)) != NULL)
		goto out;
	net_pollDesc_kernelWaitsOff(&sock->pfd.pd);
	while (inPipe > 0) {
		e = syscall_Splice(pipefd, sock->pfd.Sysfd, (size_t)inPipe,
		    spliceNonblock, &n);
		if (n > 0) {
			inPipe -= n;
			*written += n;
			continue;
		}
		if (e != EAGAIN)
			break;
		if ((*err = net_pollDesc_waitWrite(&sock->pfd.pd)) != NULL)
			break;
		e = 0;
	}
out:
	poll_FD_writeUnlock(&sock->pfd);
	return *err != NULL ? 0 : e;
}

/*
 * poll_Splice is internal/poll's Splice: src to dst through a pipe, up to
 * remain bytes or src's EOF.  *handled is false only when the first drain
 * failed with EINVAL (a socket splice cannot read) or no pipe could be
 * made; *sc names the failed call ("splice") for wrapSyscallError.
 */
static runtime_error *
poll_Splice(net_netFD *dst, net_netFD *src, int64_t remain, int64_t *written,
    bool *handled, const char **sc)
{
	splicePipe     p;
	runtime_error *err;
	syscall_Errno  e;
	int64_t	       inPipe, n;
	size_t	       max;

	*written = 0;
	*handled = false;
	*sc = "splice";
	if (!newPipe(&p))
		return syscall_Errno_Err(EINVAL);
	err = NULL;
	e = 0;
	while (err == NULL && e == 0 && remain > 0) {
		max = maxSpliceSize;
		if ((int64_t)max > remain)
			max = (size_t)remain;
		e = spliceDrain(p.wfd, src, max, &inPipe, &err);
		*handled = *handled || err != NULL || e != EINVAL;
		if (err != NULL || e != 0 || inPipe == 0)
			break;
		p.data += inPipe;
		e = splicePump(dst, p.rfd, inPipe, &n, &err);
		if (n > 0) {
			*written += n;
			remain -= n;
			p.data -= n;
		}
	}
	destroyPipe(&p);
	if (err == NULL)
		err = syscall_Errno_Err(e);
	if (err != NULL)
		return err;
	*handled = true;
	*sc = "";
	return NULL;
}

/*
 * net_splice copies r to c with splice(2) when r is a TCPConn or a Unix
 * stream conn (Go's type switch, through net_Conn_fromReader), or an
 * io.LimitedReader over one (then at most N bytes, and N is lowered by
 * what was moved).  When *handled is false the caller falls back on
 * sendfile or a copy, dropping the error.
 */
runtime_error *
net_splice(net_netFD *c, io_Reader r, int64_t *written, bool *handled)
{
	io_LimitedReader *lr;
	net_Conn	 *rc;
	net_netFD	 *s;
	runtime_error	 *err;
	const char	 *sc;
	int64_t		  remain = (int64_t)1 << 62;

	*written = 0;
	*handled = false;
	if ((lr = io_asLimitedReader(r)) != NULL) {
		remain = lr->N;
		r = lr->R;
		if (remain <= 0) {
			*handled = true;
			return NULL;
		}
	}
	if ((rc = net_Conn_fromReader(r)) == NULL)
		return NULL;
	if (net_Conn_TCPConn(rc) != NULL)
		s = net_Conn_TCPConn(rc)->conn.fd;
	else if (net_Conn_UnixConn(rc) != NULL &&
	    strcmp(net_Conn_UnixConn(rc)->conn.fd->net, "unix") == 0)
		s = net_Conn_UnixConn(rc)->conn.fd;
	else
		return NULL;
	err = poll_Splice(c, s, remain, written, handled, &sc);
	if (lr != NULL)
		lr->N -= *written;
	return net_wrapSyscallError(sc, err);
}
