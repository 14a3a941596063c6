/*
 * C port of go1.19 src/net/unixsock_posix.go.
 * built on: unix
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "net/net_impl.h"

static net_toAddr
net_unixToAddr(int sotype)
{
	switch (sotype) {
	case SOCK_DGRAM:
		return net_sockaddrToUnixgram;
	case SOCK_SEQPACKET:
		return net_sockaddrToUnixpacket;
	}
	return net_sockaddrToUnix;
}

/*
 * unixSocket: a wildcard (unnamed) address counts as none when dialing,
 * and only a datagram socket with a local name may dial without a peer.
 */
runtime_error *
net_unixSocket(context_Context *ctx, const char *net, const net_Addr *laddr,
    const net_Addr *raddr, const char *mode, net_ctrlFn ctrlFn, void *ctrlArg,
    net_netFD **fd)
{
	runtime_error *err;
	char	      *s;
	int	       sotype;

	*fd = NULL;
	if (strcmp(net, "unix") == 0)
		sotype = SOCK_STREAM;
	else if (strcmp(net, "unixgram") == 0)
		sotype = SOCK_DGRAM;
	else if (strcmp(net, "unixpacket") == 0)
		sotype = SOCK_SEQPACKET;
	else
		return net_newUnknownNetworkError(net);
	if (strcmp(mode, "dial") == 0) {
		if (laddr != NULL && net_sockaddr_isWildcard(laddr))
			laddr = NULL;
		if (raddr != NULL && net_sockaddr_isWildcard(raddr))
			raddr = NULL;
		if (raddr == NULL && (sotype != SOCK_DGRAM || laddr == NULL))
			return net_errMissingAddress;
	} else if (strcmp(mode, "listen") != 0) {
		s = runtime_concatstrings("unknown mode: ", mode, (char *)NULL);
		err = errors_New(s);
		free(s);
		return err;
	}
	return net_socket(ctx, net, AF_UNIX, sotype, 0, false, laddr, raddr,
	    ctrlFn, ctrlArg, net_unixToAddr(sotype), fd);
}

static net_Addr *
net_sockaddrToUnixNet(const syscall_Sockaddr *sa, const char *net)
{
	if (sa->Family != AF_UNIX)
		return NULL;
	return &net_newUnixAddr(sa->u.Unix.Name, net)->addr;
}

net_Addr *
net_sockaddrToUnix(const syscall_Sockaddr *sa)
{
	return net_sockaddrToUnixNet(sa, "unix");
}

net_Addr *
net_sockaddrToUnixgram(const syscall_Sockaddr *sa)
{
	return net_sockaddrToUnixNet(sa, "unixgram");
}

net_Addr *
net_sockaddrToUnixpacket(const syscall_Sockaddr *sa)
{
	return net_sockaddrToUnixNet(sa, "unixpacket");
}

const char *
net_sotypeToNet(int sotype)
{
	switch (sotype) {
	case SOCK_STREAM:
		return "unix";
	case SOCK_DGRAM:
		return "unixgram";
	case SOCK_SEQPACKET:
		return "unixpacket";
	}
	runtime_throw("sotypeToNet unknown socket type");
}

int
net_UnixAddr_family(const net_UnixAddr *a)
{
	(void)a;
	return AF_UNIX;
}

/*
 * Go's UnixAddr.sockaddr never fails: an over-long name is refused later,
 * by syscall's conversion inside bind or connect, so the error carries that
 * call's name ("bind: invalid argument").  The fixed-size Sockaddr keeps at
 * most one byte more than sun_path; a name that fills it has no NUL, which
 * is exactly what makes the conversion refuse it.
 */
runtime_error *
net_UnixAddr_sockaddr(const net_UnixAddr *a, int family, syscall_Sockaddr *sa)
{
	const char *name;
	size_t	    n;

	(void)family;
	memset(sa, 0, sizeof(*sa));
	if (a == NULL)
		return NULL;
	name = a->Name != NULL ? a->Name : "";
	n = strnlen(name, sizeof(sa->u.Unix.Name));
	sa->Family = AF_UNIX;
	memcpy(sa->u.Unix.Name, name, n);
	return NULL;
}

net_Addr *
net_UnixAddr_toLocal(const net_UnixAddr *a, const char *net)
{
	(void)net;
	return net_Addr_clone(&a->addr);
}

/* An unnamed peer gives no address, not an empty one. */
static net_UnixAddr *
net_UnixConn_peer(net_UnixConn *c, const syscall_Sockaddr *sa)
{
	if (sa->Family != AF_UNIX || sa->u.Unix.Name[0] == '\0')
		return NULL;
	return net_newUnixAddr(
	    sa->u.Unix.Name, net_sotypeToNet(c->conn.fd->sotype));
}

runtime_error *
net_UnixConn_readFrom(
    net_UnixConn *c, void *b, size_t len, ptrdiff_t *n, net_UnixAddr **addr)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	memset(&sa, 0, sizeof(sa));
	err = net_netFD_readFrom(c->conn.fd, b, len, n, &sa);
	*addr = net_UnixConn_peer(c, &sa);
	return err;
}

runtime_error *
net_UnixConn_readMsg(net_UnixConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    net_UnixAddr **addr)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	memset(&sa, 0, sizeof(sa));
	err = net_netFD_readMsg(c->conn.fd, b, len, oob, ooblen,
	    net_readMsgFlags, n, oobn, flags, &sa);
	if (net_readMsgFlags == 0 && err == NULL && *oobn > 0)
		net_setReadMsgCloseOnExec(oob, (size_t)*oobn);
	*addr = net_UnixConn_peer(c, &sa);
	return err;
}

runtime_error *
net_UnixConn_writeTo(net_UnixConn *c, const void *b, size_t len,
    const net_UnixAddr *addr, ptrdiff_t *n)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	if (strcmp(addr->Net != NULL ? addr->Net : "",
		net_sotypeToNet(c->conn.fd->sotype)) != 0)
		return syscall_Errno_Err(EAFNOSUPPORT);
	if ((err = net_UnixAddr_sockaddr(addr, AF_UNIX, &sa)) != NULL)
		return err;
	return net_netFD_writeTo(c->conn.fd, b, len, &sa, n);
}

runtime_error *
net_UnixConn_writeMsg(net_UnixConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_UnixAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = *oobn = 0;
	if (c->conn.fd->sotype == SOCK_DGRAM && c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	memset(&sa, 0, sizeof(sa));
	if (addr != NULL) {
		if (strcmp(addr->Net != NULL ? addr->Net : "",
			net_sotypeToNet(c->conn.fd->sotype)) != 0)
			return syscall_Errno_Err(EAFNOSUPPORT);
		if ((err = net_UnixAddr_sockaddr(addr, AF_UNIX, &sa)) != NULL)
			return err;
	}
	return net_netFD_writeMsg(c->conn.fd, b, len, oob, ooblen,
	    addr != NULL ? &sa : NULL, n, oobn);
}

runtime_error *
net_sysDialer_dialUnix(net_sysDialer *sd, context_Context *ctx,
    const net_UnixAddr *laddr, const net_UnixAddr *raddr, net_UnixConn **c)
{
	net_UnixAddr   la, ra;
	net_netFD     *fd;
	runtime_error *err;

	*c = NULL;
	err = net_unixSocket(ctx, sd->network,
	    net_UnixAddr_opAddrCopy(laddr, &la),
	    net_UnixAddr_opAddrCopy(raddr, &ra), "dial", sd->Dialer.Control,
	    sd->Dialer.ControlArg, &fd);
	if (err != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}

runtime_error *
net_UnixListener_accept(net_UnixListener *ln, net_UnixConn **c)
{
	net_netFD     *fd;
	runtime_error *err;

	*c = NULL;
	err = net_netFD_accept(ln->fd, net_unixToAddr(ln->fd->sotype), &fd);
	if (err != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}

/*
 * close removes the socket file once, and only if this listener made it:
 * abstract names ('@') have no file, and SetUnlinkOnClose can say no.
 */
runtime_error *
net_UnixListener_close(net_UnixListener *ln)
{
	if (!atomic_exchange(&ln->unlinkDone, true)) {
		if (ln->path[0] != '\0' && ln->path[0] != '@' &&
		    atomic_load(&ln->unlink))
			unlink(ln->path);
	}
	return net_netFD_Close(ln->fd);
}

void
net_UnixListener_SetUnlinkOnClose(net_UnixListener *l, bool unlink)
{
	atomic_store(&l->unlink, unlink);
}

runtime_error *
net_sysListener_listenUnix(net_sysListener *sl, context_Context *ctx,
    const net_UnixAddr *laddr, net_UnixListener **l)
{
	net_UnixAddr	  la;
	net_UnixListener *ln;
	net_netFD	 *fd;
	runtime_error	 *err;

	*l = NULL;
	err = net_unixSocket(ctx, sl->network,
	    net_UnixAddr_opAddrCopy(laddr, &la), NULL, "listen",
	    sl->ListenConfig.Control, sl->ListenConfig.ControlArg, &fd);
	if (err != NULL)
		return err;
	ln = runtime_malloc(sizeof(*ln));
	ln->Listener.type = &net_UnixListenerType;
	ln->fd = fd;
	ln->path =
	    fd->laddr != NULL ? net_Addr_String(fd->laddr) : runtime_strdup("");
	atomic_init(&ln->unlink, true);
	atomic_init(&ln->unlinkDone, false);
	*l = ln;
	return NULL;
}

runtime_error *
net_sysListener_listenUnixgram(net_sysListener *sl, context_Context *ctx,
    const net_UnixAddr *laddr, net_UnixConn **c)
{
	net_UnixAddr   la;
	net_netFD     *fd;
	runtime_error *err;

	*c = NULL;
	err = net_unixSocket(ctx, sl->network,
	    net_UnixAddr_opAddrCopy(laddr, &la), NULL, "listen",
	    sl->ListenConfig.Control, sl->ListenConfig.ControlArg, &fd);
	if (err != NULL)
		return err;
	*c = net_newUnixConn(fd);
	return NULL;
}
