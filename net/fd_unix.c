/*
 * C port of go1.19 src/net/fd_unix.go (netFD: newFD, init, connect,
 * accept, dup) and src/internal/poll/fd_unix.go and fd_posix.go (poll.FD,
 * kept in net/ as Go 1.2-1.8 kept it; the two Go files share this name).
 * Built on: unix.  netFD's I/O wrappers are in fd_posix.c.
 *
 * Memory: a netFD is one heap object owning its network name and its two
 * addresses.  Close may run on any thread at any time; free runs once, when
 * no thread uses the netFD any more.
 */
#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net_impl.h"

/*
 * maxRW caps one read or write on a stream: some kernels (macOS) reject
 * larger counts, and a stream may be served in pieces anyway.
 */
enum { maxRW = 1 << 30 };

/*
 * Go's netFD shares its caller's string for the network.  A C netFD
 * needs a name that outlives the caller's, and a copy would be one more
 * heap block on every connection; the networks Dial and Listen accept
 * share this static text instead, and only other names ("ip4:icmp", a
 * FileConn's "") are copied.
 */
static char fdNetNames[][11] = { "tcp", "tcp4", "tcp6", "udp", "udp4", "udp6",
	"ip", "ip4", "ip6", "unix", "unixgram", "unixpacket" };

enum { nFdNetNames = sizeof(fdNetNames) / sizeof(fdNetNames[0]) };

char *
net_netFD_netName(const char *net)
{
	size_t i;

	for (i = 0; i < nFdNetNames; i++)
		if (strcmp(net, fdNetNames[i]) == 0)
			return fdNetNames[i];
	return runtime_strdup(net);
}

void
net_netFD_freeNetName(char *net)
{
	size_t i;

	for (i = 0; i < nFdNetNames; i++)
		if (net == fdNetNames[i])
			return;
	free(net);
}

runtime_error *
net_newFD(int sysfd, int family, int sotype, const char *net, net_netFD **fd)
{
	net_netFD *ret;

	ret = runtime_malloc(sizeof(*ret));
	ret->pfd.Sysfd = sysfd;
	ret->pfd.IsStream = sotype == SOCK_STREAM;
	ret->pfd.ZeroReadIsEOF = sotype != SOCK_DGRAM && sotype != SOCK_RAW;
	/* os.File makes its FD with family AF_UNSPEC (os/file_unix.c). */
	ret->pfd.isFile = family == AF_UNSPEC;
	/* Only sockets gonet made as TCP: a FileConn's may be anything. */
	ret->pfd.shortDrains = sotype == SOCK_STREAM &&
	    (family == AF_INET || family == AF_INET6) &&
	    strncmp(net, "tcp", 3) == 0;
	atomic_init(&ret->pfd.rawSeen, false);
	atomic_init(&ret->pfd.inq, 0);
	ret->family = family;
	ret->sotype = sotype;
	ret->net = net_netFD_netName(net);
	*fd = ret;
	return NULL;
}

/*
 * net_netFD_setRawSeen also turns TCP_INQ off for good, so that user code
 * reading the socket itself gets no control message Go would not have
 * asked for, and puts the file back in non-blocking mode for good, as
 * Go's sockets always are; both under a reference, since Close may run
 * meanwhile (a descriptor already closed needs neither).
 */
void
net_netFD_setRawSeen(net_netFD *fd)
{
	bool inq;

	atomic_store_explicit(&fd->pfd.rawSeen, true, memory_order_relaxed);
	inq = atomic_exchange(&fd->pfd.inq, -1) == 1;
	if (poll_FD_incref(&fd->pfd) != NULL)
		return;
	net_pollDesc_kernelWaitsOff(&fd->pfd.pd);
	if (inq)
		net_setInq(fd->pfd.Sysfd, false);
	runtime_error_Free(poll_FD_decref(&fd->pfd));
}

/*
 * net_netFD_init makes the fd pollable.  Go then marks a descriptor the
 * poller refused as blocking, so that Close does not wait for it; gonet's
 * Close waits for the last reference in every case, which only differs
 * for descriptors gonet never keeps.
 */
runtime_error *
net_netFD_init(net_netFD *fd)
{
	return poll_FD_Init(&fd->pfd);
}

char *
net_netFD_name(net_netFD *fd)
{
	char *ls, *rs, *s;

	ls = fd->laddr != NULL ? net_Addr_String(fd->laddr) : NULL;
	rs = fd->raddr != NULL ? net_Addr_String(fd->raddr) : NULL;
	s = runtime_concatstrings(fd->net, ":", ls != NULL ? ls : "", "->",
	    rs != NULL ? rs : "", (char *)NULL);
	free(ls);
	free(rs);
	return s;
}

/*
 * net_netFD_ctrlNetwork names the network with its IP version, which a
 * Dialer's or ListenConfig's Control function is promised.  Go appends
 * the version to fd.net; the only networks without one that reach a
 * socket are tcp, udp and ip, so static strings do and nothing is freed.
 */
const char *
net_netFD_ctrlNetwork(net_netFD *fd)
{
	static const char *const versioned[][3] = {
		{ "tcp", "tcp4", "tcp6" },
		{ "udp", "udp4", "udp6" },
		{ "ip", "ip4", "ip6" },
	};
	size_t i;

	if (strcmp(fd->net, "unix") == 0 || strcmp(fd->net, "unixgram") == 0 ||
	    strcmp(fd->net, "unixpacket") == 0)
		return fd->net;
	for (i = 0; i < nelem(versioned); i++) {
		if (strcmp(fd->net, versioned[i][0]) == 0)
			return versioned[i][fd->family == AF_INET ? 1 : 2];
	}
	return fd->net; /* already "tcp4", "udp6", ... */
}

/*
 * poll_FD_Init registers the descriptor with the poller.  Go's
 * pollable=false (files) never occurs for a socket.
 */
runtime_error *
poll_FD_Init(poll_FD *fd)
{
	return net_pollDesc_init(&fd->pd, fd);
}

/*
 * poll_FD_destroy closes the descriptor once nothing uses it, then lets
 * Close return.
 */
runtime_error *
poll_FD_destroy(poll_FD *fd)
{
	syscall_Errno err;

	/* Unregister first: once closed, the number may be reused at once. */
	net_pollDesc_close(&fd->pd);
	err = net_closeFunc(fd->Sysfd);
	fd->Sysfd = -1;
	runtime_Semrelease(&fd->csema, false);
	return syscall_Errno_Err(err);
}

/*
 * poll_FD_Close returns the close(2) error as a bare Errno, as Go's
 * FD.Close does; the conn layer wraps it.
 */
runtime_error *
poll_FD_Close(poll_FD *fd)
{
	runtime_error *err;

	if (!net_fdMutex_increfAndClose(&fd->fdmu))
		return net_ErrClosed;
	/*
	 * Wake every blocked call now; each sees the fd closing, gives up its
	 * reference, and the last one out closes the descriptor.
	 */
	net_pollDesc_evict(&fd->pd);
	err = poll_FD_decref(fd);
	runtime_Semacquire(&fd->csema);
	return err;
}

void
net_netFD_free(net_netFD *fd)
{
	if (fd == NULL)
		return;
	runtime_error_Free(net_netFD_Close(fd));
	net_netFD_freeNetName(fd->net);
	free(fd->laddr);
	free(fd->raddr);
	free(fd);
}

/*
 * poll_FD_Shutdown is shutdown(2) under a reference; Errno unwrapped.  A
 * datagram socket shut down for reading answers a blocking read with 0 at
 * once, where the non-blocking read Go makes says EAGAIN and Go's read
 * waits on, so its kernel waits end for good first, a read blocked in one
 * included (readInKernel).  A stream socket's read stops at the shutdown
 * blocking or not.
 */
runtime_error *
poll_FD_Shutdown(poll_FD *fd, int how)
{
	runtime_error *err;
	syscall_Errno  e;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	if (!fd->IsStream && how != SHUT_WR)
		net_pollDesc_kernelWaitsOff(&fd->pd);
	e = syscall_Shutdown(fd->Sysfd, how);
	runtime_error_Free(poll_FD_decref(fd));
	return syscall_Errno_Err(e);
}

/* poll_FD_eofError turns a zero-byte read on a connection into io.EOF. */
runtime_error *
poll_FD_eofError(poll_FD *fd, ptrdiff_t n, runtime_error *err)
{
	if (n == 0 && err == NULL && fd->ZeroReadIsEOF)
		return io_EOF;
	return err;
}

/*
 * ignoringEINTRIO retries fn while it is interrupted: Go installs its
 * signal handlers with SA_RESTART, yet some calls still return EINTR.
 */
static syscall_Errno
ignoringEINTRIO(syscall_Errno (*fn)(int, void *, size_t, ptrdiff_t *), int fd,
    void *p, size_t len, ptrdiff_t *n)
{
	syscall_Errno err;

	for (;;) {
		err = fn(fd, p, len, n);
		if (err != EINTR)
			return err;
	}
}

/*
 * sysWrite is the write(2) of Go's FD.Write, sent as send(2) (sendto with
 * no address) with net_sendFlags instead.  Go's runtime ignores SIGPIPE
 * for every socket, so a write to a closed peer returns EPIPE; a library
 * must not change the process's signal disposition, so gonet asks the
 * kernel per call (MSG_NOSIGNAL on Linux) and the caller sees the same
 * EPIPE.  sendto rather than sendmsg: the kernel takes the buffer as it
 * is, with no message header or iovec to copy in (docs/PERFORMANCE.md,
 * "Results: drained reads by TCP_INQ, and send(2)").
 */
static syscall_Errno
sysWrite(int fd, void *p, size_t len, ptrdiff_t *n)
{
	syscall_Errno e;
	uintptr_t     r;

	e = syscall_Syscall6(SYS_sendto, (uintptr_t)fd, (uintptr_t)p, len,
	    (uintptr_t)net_sendFlags, 0, 0, &r);
	*n = e != 0 ? 0 : (ptrdiff_t)r;
	return e;
}

/*
 * sysRecv is read(2) on a socket as recv(2) (recvfrom with no address),
 * for the flags: MSG_DONTWAIT while the socket's file is in blocking mode
 * for a plain thread's read, none in that read itself.
 */
static syscall_Errno
sysRecv(int fd, void *p, size_t len, int flags, ptrdiff_t *n)
{
	syscall_Errno e;
	uintptr_t     r;

	e = syscall_Syscall6(SYS_recvfrom, (uintptr_t)fd, (uintptr_t)p, len,
	    (uintptr_t)flags, 0, 0, &r);
	*n = e != 0 ? 0 : (ptrdiff_t)r;
	return e;
}

/*
 * fileWrite is the write(2) of an os.File's FD (isFile), which need not
 * be a socket, so sendmsg would fail with ENOTSOCK.
 */
static syscall_Errno
fileWrite(int fd, void *p, size_t len, ptrdiff_t *n)
{
	return syscall_Write(fd, p, len, n);
}

runtime_error *
poll_FD_prepareRead(poll_FD *fd)
{
	fd->drained = false;
	return net_pollDesc_prepareRead(&fd->pd);
}

/*
 * readPrepare is the prepareRead of FD.Read, ReadFrom and Accept, with
 * gonet's two departures from Go's order (DESIGN.md, "Reads that wait
 * first"): in both, the read waits for the descriptor before its first
 * attempt rather than after an EAGAIN, one system call fewer when the
 * attempt would have failed, and the same conversation: the wait returns
 * at once while there is something to read, and reports a deadline or a
 * Close exactly as prepareRead would.
 *   - Drained TCP reads, in every mode.  Linux stops a TCP read short of
 *     the buffer only when the receive queue is empty, at urgent data, at
 *     the end of the stream or at an error, and the poller records the
 *     last three (runtime_pollSawMark).  So after a short read with none
 *     of them seen, the next read can only say EAGAIN unless data came
 *     since, and data that came since raised an edge the poller has
 *     turned, or will turn, into readiness no prepareRead has cleared.
 *     A read that filled its buffer says the same when TCP_INQ, asked
 *     for by the first such read (inqStart), reports nothing left.
 *   - A plain thread's reads of any socket, while its waits sleep
 *     (runtime_pollWaitFirst): its wait is poll(2) on the socket itself,
 *     which sees what is queued, not only what arrives.
 * Neither holds once user code has had the descriptor (rawSeen): an
 * option such as SO_RCVLOWAT makes poll and the edges wait for more than
 * a read returns.
 */
static runtime_error *
readPrepare(poll_FD *fd, bool drained)
{
	fd->drained = false;
	if (atomic_load_explicit(&fd->rawSeen, memory_order_relaxed) ||
	    !net_pollDesc_pollable(&fd->pd))
		return net_pollDesc_prepareRead(&fd->pd);
	if ((drained && !runtime_pollSawMark(fd->pd.runtimeCtx)) ||
	    runtime_pollWaitFirst())
		return net_pollDesc_waitRead(&fd->pd);
	return net_pollDesc_prepareRead(&fd->pd);
}

/*
 * inqStart asks for TCP_INQ the first time a Read of a drained-reads
 * socket fills its buffer: a short read already says the queue is empty,
 * a full one cannot, and small fixed-size messages fill theirs every
 * time.  Not after a read that waited in the kernel (readInKernel):
 * such a read never fails with EAGAIN, and recvmsg would cost the kernel
 * a message header to copy in and a control message to write out.  Only
 * net_netFD_setRawSeen races with it, and whichever of the two comes
 * second leaves TCP_INQ off.
 */
static void
inqStart(poll_FD *fd)
{
	signed char unasked;

	unasked = 0;
	if (!net_setInq(fd->Sysfd, true))
		atomic_compare_exchange_strong(&fd->inq, &unasked, -1);
	else if (!atomic_compare_exchange_strong(&fd->inq, &unasked, 1))
		net_setInq(fd->Sysfd, false);
}

/*
 * readOnce is one read(2) of FD.Read; with TCP_INQ on it is recvmsg, and
 * *empty says whether it left the receive queue empty.
 */
static syscall_Errno
readOnce(poll_FD *fd, void *p, size_t len, ptrdiff_t *n, bool *empty)
{
	syscall_Errno e;

	*empty = false;
	if (atomic_load_explicit(&fd->inq, memory_order_relaxed) <= 0) {
		if (!net_pollDesc_kernelWaits(&fd->pd))
			return ignoringEINTRIO(
			    syscall_Read, fd->Sysfd, p, len, n);
		while (
		    (e = sysRecv(fd->Sysfd, p, len, net_recvFlags, n)) == EINTR)
			;
		return e;
	}
	while ((e = net_readInq(fd->Sysfd, p, len, net_recvFlags, n, empty)) ==
	    EINTR)
		;
	return e;
}

/* kernelRead is one read of readInKernel's: where, into what, results. */
struct kernelRead {
	int		  fd;
	void		 *p;
	size_t		  len;
	ptrdiff_t	 *n;
	syscall_Sockaddr *from;
	syscall_Errno	 *e;
};

/* kernelReadOnce is a kernel wait's read, recv or recvfrom, with flags. */
static void
kernelReadOnce(struct kernelRead *r, int flags)
{
	*r->e = r->from == NULL
	    ? sysRecv(r->fd, r->p, r->len, flags, r->n)
	    : syscall_Recvfrom(r->fd, r->p, r->len, flags, r->n, r->from);
}

/* kernelReadNone undoes a read that got nothing, before a look again. */
static void
kernelReadNone(struct kernelRead *r)
{
	*r->n = 0;
	if (r->from != NULL)
		r->from->Family = 0;
}

/*
 * kernelReadProbe is the look of the spin before a kernel wait: the read
 * itself, made not to wait.  It reports whether it read, an error other
 * than EAGAIN included; else it leaves nothing read.
 */
static bool
kernelReadProbe(void *arg)
{
	struct kernelRead *r;

	r = arg;
	kernelReadOnce(r, MSG_DONTWAIT);
	if (*r->e != EAGAIN && *r->e != EINTR)
		return true;
	kernelReadNone(r);
	return false;
}

/*
 * readInKernel is a plain thread's read of a socket that waits inside the
 * read, as a blocking C program's does, rather than in poll(2) before it:
 * one system call a message where the poll makes two (DESIGN.md, "Plain
 * threads' blocking reads"; runtime/netpoll_kwait_linux.c).  The read is
 * recvfrom when from is given, else recv.  It applies while the read
 * deadline, if any, has not passed and user code has not had the
 * descriptor (rawSeen), and returns false, having read nothing, when it
 * does not: the read then takes its usual path, which reports Close and
 * deadlines in Go's words.  An EINTR is the kick of a Close or of a
 * deadline that passed (its timer's, or SetReadDeadline's): look again,
 * with nothing read.  So is an end of file once Close has begun, which
 * is how Close ends a wait that kicks cannot reach (kickLost in
 * runtime/netpoll_kwait_linux.c).  Plain recv, never TCP_INQ's recvmsg:
 * what TCP_INQ tells (inqStart) spares a read that would fail with
 * EAGAIN, and this one cannot.  A datagram socket is shut down for
 * reading only after its kernel waits are off (poll_FD_Shutdown).
 */
static bool
readInKernel(poll_FD *fd, void *p, size_t len, ptrdiff_t *n,
    syscall_Sockaddr *from, syscall_Errno *e)
{
	runtime_pollDesc *pd;
	struct kernelRead r = { fd->Sysfd, p, len, n, from, e };
	int		  how;

	pd = fd->pd.runtimeCtx;
	if (fd->isFile || pd == NULL ||
	    atomic_load_explicit(&fd->rawSeen, memory_order_relaxed))
		return false;
	for (;;) {
		how = runtime_pollKernelWaitBegin(pd, kernelReadProbe, &r);
		if (how == runtime_kwaitNo)
			return false;
		if (how == runtime_kwaitBlock) {
			kernelReadOnce(&r, 0);
			runtime_pollKernelWaitEnd(pd);
		}
		if (*e != EINTR &&
		    !(*e == 0 && *n == 0 && runtime_pollClosing(pd)))
			return true;
		kernelReadNone(&r);
	}
}

/*
 * poll_FD_Read is internal/poll's FD.Read.  Errors are unwrapped: a syscall
 * failure is its errno box, anything else is static.
 */
runtime_error *
poll_FD_Read(poll_FD *fd, void *p, size_t len, ptrdiff_t *n)
{
	runtime_error *err;
	syscall_Errno  e;
	bool	       empty, kernel, drained, polled;

	*n = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	if (len == 0)
		goto out;
	if (fd->IsStream && len > maxRW)
		len = maxRW;
	drained = fd->drained;
	fd->drained = false;
	empty = false;
	kernel = readInKernel(fd, p, len, n, NULL, &e);
	polled = !kernel;
	if (!kernel && (err = readPrepare(fd, drained)) != NULL)
		goto out;
	for (;;) {
		if (!kernel)
			e = readOnce(fd, p, len, n, &empty);
		kernel = false;
		err = NULL;
		if (e != 0) {
			*n = 0;
			err = syscall_Errno_Err(e);
			if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
				if ((err = net_pollDesc_waitRead(&fd->pd)) ==
				    NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, *n, err);
		break;
	}
	fd->drained = fd->shortDrains && err == NULL && *n > 0 &&
	    ((size_t)*n < len || empty);
	if (polled && fd->shortDrains && err == NULL && (size_t)*n == len &&
	    atomic_load_explicit(&fd->inq, memory_order_relaxed) == 0 &&
	    !atomic_load_explicit(&fd->rawSeen, memory_order_relaxed))
		inqStart(fd);
out:
	poll_FD_readUnlock(fd);
	return err;
}

runtime_error *
poll_FD_ReadFrom(
    poll_FD *fd, void *p, size_t len, ptrdiff_t *n, syscall_Sockaddr *from)
{
	runtime_error *err;
	syscall_Errno  e;
	bool	       kernel;

	*n = 0;
	from->Family = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	kernel = readInKernel(fd, p, len, n, from, &e);
	if (!kernel && (err = readPrepare(fd, false)) != NULL)
		goto out;
	for (;;) {
		if (!kernel)
			e = syscall_Recvfrom(
			    fd->Sysfd, p, len, net_recvFlags, n, from);
		kernel = false;
		err = NULL;
		if (e != 0) {
			if (e == EINTR)
				continue;
			*n = 0;
			err = syscall_Errno_Err(e);
			if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
				if ((err = net_pollDesc_waitRead(&fd->pd)) ==
				    NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, *n, err);
		break;
	}
out:
	poll_FD_readUnlock(fd);
	return err;
}

/*
 * poll_FD_ReadMsg is FD.ReadMsg.  Unlike Read it keeps the failed call's count,
 * which is -1, as Go's does.
 */
runtime_error *
poll_FD_ReadMsg(poll_FD *fd, void *p, size_t len, void *oob, size_t ooblen,
    int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *retflags,
    syscall_Sockaddr *sa)
{
	runtime_error *err;
	syscall_Errno  e;

	*n = 0;
	*oobn = 0;
	*retflags = 0;
	sa->Family = 0;
	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	if ((err = poll_FD_prepareRead(fd)) != NULL)
		goto out;
	for (;;) {
		e = syscall_Recvmsg(fd->Sysfd, p, len, oob, ooblen,
		    flags | net_recvFlags, n, oobn, retflags, sa);
		err = NULL;
		if (e != 0) {
			if (e == EINTR)
				continue;
			err = syscall_Errno_Err(e);
			if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
				if ((err = net_pollDesc_waitRead(&fd->pd)) ==
				    NULL)
					continue;
			}
		}
		err = poll_FD_eofError(fd, *n, err);
		break;
	}
out:
	poll_FD_readUnlock(fd);
	return err;
}

/*
 * poll_FD_Write is FD.Write: it keeps writing until all of p is gone, waiting
 * whenever the socket buffer is full.
 */
runtime_error *
poll_FD_Write(poll_FD *fd, const void *p, size_t len, ptrdiff_t *nn)
{
	runtime_error *err;
	syscall_Errno  e;
	size_t	       max, done;
	ptrdiff_t      n;

	*nn = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = net_pollDesc_prepareWrite(&fd->pd)) != NULL)
		goto out;
	done = 0;
	for (;;) {
		max = len;
		if (fd->IsStream && max - done > maxRW)
			max = done + maxRW;
		e = ignoringEINTRIO(fd->isFile ? fileWrite : sysWrite,
		    fd->Sysfd, done == 0 ? (void *)p : (char *)p + done,
		    max - done, &n);
		if (n > 0) {
			done += (size_t)n;
			net_pollDesc_wrote(&fd->pd);
		}
		*nn = (ptrdiff_t)done;
		err = syscall_Errno_Err(e);
		if (done == len)
			break;
		if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
			if ((err = net_pollDesc_waitWrite(&fd->pd)) == NULL)
				continue;
		}
		if (err != NULL)
			break;
		if (n == 0) {
			err = io_ErrUnexpectedEOF;
			break;
		}
	}
out:
	poll_FD_writeUnlock(fd);
	return err;
}

runtime_error *
poll_FD_WriteTo(poll_FD *fd, const void *p, size_t len,
    const syscall_Sockaddr *sa, ptrdiff_t *n)
{
	runtime_error *err;
	syscall_Errno  e;

	*n = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = net_pollDesc_prepareWrite(&fd->pd)) != NULL)
		goto out;
	for (;;) {
		e = syscall_Sendto(fd->Sysfd, p, len, net_sendFlags, sa);
		if (e == EINTR)
			continue;
		err = syscall_Errno_Err(e);
		if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
			if ((err = net_pollDesc_waitWrite(&fd->pd)) == NULL)
				continue;
		}
		if (err == NULL)
			*n = (ptrdiff_t)len;
		break;
	}
out:
	poll_FD_writeUnlock(fd);
	return err;
}

runtime_error *
poll_FD_WriteMsg(poll_FD *fd, const void *p, size_t len, const void *oob,
    size_t ooblen, const syscall_Sockaddr *sa, ptrdiff_t *n, ptrdiff_t *oobn)
{
	runtime_error *err;
	syscall_Errno  e;

	*n = 0;
	*oobn = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = net_pollDesc_prepareWrite(&fd->pd)) != NULL)
		goto out;
	for (;;) {
		e = syscall_SendmsgN(
		    fd->Sysfd, p, len, oob, ooblen, sa, net_sendFlags, n);
		if (e == EINTR)
			continue;
		err = syscall_Errno_Err(e);
		if (e == EAGAIN && net_pollDesc_pollable(&fd->pd)) {
			if ((err = net_pollDesc_waitWrite(&fd->pd)) == NULL)
				continue;
		}
		if (err == NULL)
			*oobn = (ptrdiff_t)ooblen;
		break;
	}
out:
	poll_FD_writeUnlock(fd);
	return err;
}

/*
 * poll_FD_Accept is FD.Accept.  *errcall names the system call behind an Errno
 * result, and is "" for the fd's own errors.
 */
runtime_error *
poll_FD_Accept(poll_FD *fd, int *s, syscall_Sockaddr *rsa, const char **errcall)
{
	runtime_error *err;
	syscall_Errno  e;

	*s = -1;
	*errcall = "";
	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	if ((err = readPrepare(fd, false)) != NULL)
		goto out;
	for (;;) {
		e = net_accept(fd->Sysfd, s, rsa, errcall);
		err = syscall_Errno_Err(e);
		if (e == 0)
			break;
		switch (e) {
		case EINTR:
			continue;
		case EAGAIN:
			if (net_pollDesc_pollable(&fd->pd)) {
				if ((err = net_pollDesc_waitRead(&fd->pd)) ==
				    NULL)
					continue;
			}
			break;
		case ECONNABORTED:
			/*
			 * The peer gave up while the connection was still
			 * queued; that is no reason to fail the Accept.
			 */
			continue;
		}
		*s = -1;
		break;
	}
out:
	poll_FD_readUnlock(fd);
	return err;
}

runtime_error *
net_netFD_accept(net_netFD *fd, net_Addr *(*toAddr)(const syscall_Sockaddr *),
    net_netFD		  **netfd)
{
	runtime_error	*err;
	syscall_Sockaddr rsa, lsa;
	const char	*errcall;
	int		 d;

	*netfd = NULL;
	memset(&rsa, 0, sizeof(rsa));
	memset(&lsa, 0, sizeof(lsa));
	if ((err = poll_FD_Accept(&fd->pfd, &d, &rsa, &errcall)) != NULL) {
		if (errcall[0] != '\0')
			err = net_wrapSyscallError(errcall, err);
		return err;
	}
	net_newFD(d, fd->family, fd->sotype, fd->net, netfd);
	/* An accepted socket inherits the listener's options. */
	if (atomic_load_explicit(&fd->pfd.rawSeen, memory_order_relaxed))
		net_netFD_setRawSeen(*netfd);
	if ((err = net_netFD_init(*netfd)) != NULL) {
		runtime_error_Free(net_netFD_Close(*netfd));
		net_netFD_free(*netfd);
		*netfd = NULL;
		return err;
	}
	/* As in Go, a failed getsockname leaves a nil local address. */
	syscall_Getsockname((*netfd)->pfd.Sysfd, &lsa);
	net_netFD_setAddr(*netfd, toAddr(&lsa), toAddr(&rsa));
	return NULL;
}

/* connectInterrupter is what Go's interrupter goroutine shares with it. */
typedef struct connectInterrupter {
	net_netFD	*fd;
	context_Context *ctx;
	runtime_error	*ctxErr; /* set once the dial has been interrupted */
} connectInterrupter;

/*
 * interrupt runs when ctx is cancelled: a deadline in the past makes the
 * poller give up on writability at once, which wakes the connect loop.
 */
static void
interrupt(void *arg)
{
	connectInterrupter *in = arg;

	/* aLongTimeAgo: non-zero, and long past. */
	runtime_error_Free(net_netFD_SetWriteDeadline(in->fd, time_Unix(1, 0)));
	net_testHookCanceledDial();
	in->ctxErr = context_Context_Err(in->ctx);
}

runtime_error *
net_netFD_connect(net_netFD *fd, context_Context *ctx,
    const syscall_Sockaddr *la, const syscall_Sockaddr *ra,
    syscall_Sockaddr *rsa)
{
	connectInterrupter in;
	context_afterFunc *af;
	runtime_error	  *ret, *ctxErr;
	time_Time	   deadline, noDeadline;
	bool		   hasDeadline;
	syscall_Errno	   err;
	int		   nerr;

	(void)la;
	rsa->Family = 0;
	/* No write lock: nobody else can see the fd yet. */
	switch (err = net_connectFunc(fd->pfd.Sysfd, ra)) {
	case EINPROGRESS:
	case EALREADY:
	case EINTR:
		break;
	case 0:
	case EISCONN:
		if ((ctxErr = context_Context_Err(ctx)) != NULL)
			return net_mapErr(ctxErr);
		return net_netFD_init(fd);
	default:
		return os_NewSyscallError("connect", syscall_Errno_Err(err));
	}
	if ((ret = net_netFD_init(fd)) != NULL)
		return ret;
	memset(&noDeadline, 0, sizeof(noDeadline));
	hasDeadline = context_Context_Deadline(ctx, &deadline);
	if (hasDeadline)
		runtime_error_Free(net_netFD_SetWriteDeadline(fd, deadline));

	in.fd = fd;
	in.ctx = ctx;
	in.ctxErr = NULL;
	af = context_AfterFunc(ctx, interrupt, &in);

	/*
	 * A second connect on a non-blocking socket does not reliably report
	 * the first one's outcome; ask SO_ERROR, and wait for writability
	 * while it is not settled (Go issue 7474).  Go waits before asking
	 * the first time; gonet asks first, as every netFD call tries before
	 * it parks, because a connect over loopback has usually completed by
	 * the time connect(2) returns EINPROGRESS, and the wait would cost a
	 * park and a wake-up per dial.  The outcome is the same either way.
	 */
	for (;;) {
		err = net_getsockoptIntFunc(
		    fd->pfd.Sysfd, SOL_SOCKET, SO_ERROR, &nerr);
		if (err != 0) {
			ret = os_NewSyscallError(
			    "getsockopt", syscall_Errno_Err(err));
			goto out;
		}
		switch (nerr) {
		case EINPROGRESS:
		case EALREADY:
		case EINTR:
			break;
		case EISCONN:
			goto out;
		case 0:
			/*
			 * SO_ERROR is also 0 while the handshake is under way,
			 * and the poller may wake us spuriously (Go issues
			 * 14548 and 19289): only a peer name proves the
			 * connection.
			 */
			if (syscall_Getpeername(fd->pfd.Sysfd, rsa) == 0)
				goto out;
			break;
		default:
			ret = os_NewSyscallError(
			    "connect", syscall_Errno_Err((syscall_Errno)nerr));
			goto out;
		}
		if ((ret = net_pollDesc_waitWrite(&fd->pfd.pd)) != NULL) {
			if ((ctxErr = context_Context_Err(ctx)) != NULL)
				ret = net_mapErr(ctxErr);
			goto out;
		}
	}
out:
	/*
	 * If the interrupter fired after the connection completed, the fd is
	 * already poisoned with a past write deadline: fail the dial rather
	 * than return an unwritable connection (Go issue 16523).
	 */
	if (!context_stop(af) && in.ctxErr != NULL && ret == NULL) {
		ret = net_mapErr(in.ctxErr);
		runtime_error_Free(net_netFD_Close(fd));
	}
	if (hasDeadline)
		runtime_error_Free(net_netFD_SetWriteDeadline(fd, noDeadline));
	return ret;
}

/*
 * tryDupCloexec remembers whether F_DUPFD_CLOEXEC works, so that old
 * kernels pay for the failed attempt once.
 */
static atomic_int tryDupCloexec = 1;

/* dupCloseOnExecOld is the dup-then-fcntl fallback for such kernels. */
static syscall_Errno
dupCloseOnExecOld(int fd, int *newfd, const char **call)
{
	*newfd = dup(fd);
	if (*newfd < 0) {
		*call = "dup";
		return errno;
	}
	syscall_CloseOnExec(*newfd);
	return 0;
}

/* DupCloseOnExec is internal/poll's: dup with close-on-exec set at once. */
static syscall_Errno
DupCloseOnExec(int fd, int *r0, const char **call)
{
	syscall_Errno e1;

	*call = "";
	if (atomic_load(&tryDupCloexec) == 1) {
		*r0 = fcntl(fd, F_DUPFD_CLOEXEC, 0);
		if (*r0 >= 0)
			return 0;
		e1 = errno;
		switch (e1) {
		case EINVAL:
		case ENOSYS:
			atomic_store(&tryDupCloexec, 0);
			break;
		default:
			*call = "fcntl";
			return e1;
		}
	}
	return dupCloseOnExecOld(fd, r0, call);
}

/*
poll_FD_Dup is internal/poll's FD.Dup: a close-on-exec copy of the
 * descriptor, *call naming the failed system call ("" when the fd was
 * closed, whose error is then ErrClosed).
 */
runtime_error *
poll_FD_Dup(poll_FD *fd, int *ns, const char **call)
{
	runtime_error *err;
	syscall_Errno  e;

	*ns = -1;
	*call = "";
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	e = DupCloseOnExec(fd->Sysfd, ns, call);
	runtime_error_Free(poll_FD_decref(fd));
	if (e != 0)
		*ns = -1;
	return syscall_Errno_Err(e);
}

/*
 * net_netFD_dup returns a File of its own over a copy of the descriptor,
 * named as Go names it ("tcp:127.0.0.1:80->127.0.0.1:4000").  The copy
 * shares the socket's open file description, O_NONBLOCK included.
 */
runtime_error *
net_netFD_dup(net_netFD *fd, os_File **f)
{
	runtime_error *err;
	const char    *call;
	char	      *name;
	int	       ns;

	*f = NULL;
	net_netFD_setRawSeen(fd);
	if ((err = poll_FD_Dup(&fd->pfd, &ns, &call)) != NULL) {
		if (call[0] != '\0')
			err = os_NewSyscallError(call, err);
		return err;
	}
	name = net_netFD_name(fd);
	*f = os_NewFile((uintptr_t)ns, name);
	free(name);
	return NULL;
}

/* poll_FD_RawControl runs f on the descriptor under a reference. */
runtime_error *
poll_FD_RawControl(poll_FD *fd, void (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	f((uintptr_t)fd->Sysfd, arg);
	runtime_error_Free(poll_FD_decref(fd));
	return NULL;
}

/*
 * poll_FD_RawRead calls f until it reports done, waiting for readability
 * in between, under the read lock.
 */
runtime_error *
poll_FD_RawRead(poll_FD *fd, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if ((err = poll_FD_readLock(fd)) != NULL)
		return err;
	if ((err = poll_FD_prepareRead(fd)) != NULL)
		goto out;
	for (;;) {
		if (f((uintptr_t)fd->Sysfd, arg))
			break;
		if ((err = net_pollDesc_waitRead(&fd->pd)) != NULL)
			break;
	}
out:
	poll_FD_readUnlock(fd);
	return err;
}

/* poll_FD_RawWrite is RawRead for writability, under the write lock. */
runtime_error *
poll_FD_RawWrite(poll_FD *fd, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	if ((err = net_pollDesc_prepareWrite(&fd->pd)) != NULL)
		goto out;
	for (;;) {
		if (f((uintptr_t)fd->Sysfd, arg))
			break;
		if ((err = net_pollDesc_waitWrite(&fd->pd)) != NULL)
			break;
	}
out:
	poll_FD_writeUnlock(fd);
	return err;
}
