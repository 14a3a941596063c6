/*
 * C port of go1.19 src/net/tcpsock_posix.go.
 * built on: unix
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/net_impl.h"

net_Addr *
net_sockaddrToTCP(const syscall_Sockaddr *sa)
{
	net_IP ip;

	switch (sa->Family) {
	case AF_INET:
		ip.len = net_IPv4len;
		memcpy(ip.b, sa->u.Inet4.Addr, net_IPv4len);
		return &net_newTCPAddr(ip, sa->u.Inet4.Port, NULL)->addr;
	case AF_INET6:
		ip.len = net_IPv6len;
		memcpy(ip.b, sa->u.Inet6.Addr, net_IPv6len);
		return &net_newTCPAddr(ip, sa->u.Inet6.Port,
		    net_zoneCache_name((int)sa->u.Inet6.ZoneId))
			    ->addr;
	}
	return NULL;
}

/* An address that fits in four bytes, or maps to them, is IPv4. */
int
net_TCPAddr_family(const net_TCPAddr *a)
{
	if (a == NULL || a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

/* A NULL address gives Go's nil Sockaddr: Family 0. */
runtime_error *
net_TCPAddr_sockaddr(const net_TCPAddr *a, int family, syscall_Sockaddr *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (a == NULL)
		return NULL;
	return net_ipToSockaddr(family, a->IP, a->Port, a->Zone, sa);
}

net_Addr *
net_TCPAddr_toLocal(const net_TCPAddr *a, const char *net)
{
	return &net_newTCPAddr(net_loopbackIP(net), a->Port, a->Zone)->addr;
}

/*
 * readFrom tries splice (r is a TCP or Unix stream conn), then sendfile
 * (r is an os.File), then the generic copy, as Go does.
 */
runtime_error *
net_TCPConn_readFrom(net_TCPConn *c, io_Reader r, int64_t *n)
{
	runtime_error *err;
	bool	       handled;

	err = net_splice(c->conn.fd, r, n, &handled);
	if (handled)
		return err;
	runtime_error_Free(err);
	err = net_sendFile(c->conn.fd, r, n, &handled);
	if (handled)
		return err;
	runtime_error_Free(err);
	return net_genericReadFrom(&c->conn, r, n);
}

runtime_error *
net_sysDialer_dialTCP(net_sysDialer *sd, context_Context *ctx,
    const net_TCPAddr *laddr, const net_TCPAddr *raddr, net_TCPConn **c)
{
	if (net_testHookDialTCP != NULL)
		return net_testHookDialTCP(ctx, sd->network, laddr, raddr, c);
	return net_sysDialer_doDialTCP(sd, ctx, laddr, raddr, c);
}

/*
 * doDialTCP retries when the kernel picked the destination as our own
 * ephemeral port (a TCP simultaneous connect to ourselves, Go issue 2690)
 * or briefly ran out of ports (EADDRNOTAVAIL, Go issue 8453 and 20426).
 * A caller who chose the local port wants exactly it, so no retry then.
 */
runtime_error *
net_sysDialer_doDialTCP(net_sysDialer *sd, context_Context *ctx,
    const net_TCPAddr *laddr, const net_TCPAddr *raddr, net_TCPConn **c)
{
	net_TCPAddr    la, ra;
	net_netFD     *fd;
	runtime_error *err;
	int	       i;

	*c = NULL;
	err = net_internetSocket(ctx, sd->network,
	    net_TCPAddr_opAddrCopy(laddr, &la),
	    net_TCPAddr_opAddrCopy(raddr, &ra), SOCK_STREAM, 0, "dial",
	    sd->Dialer.Control, sd->Dialer.ControlArg, net_sockaddrToTCP, &fd);
	for (i = 0; i < 2 && (laddr == NULL || laddr->Port == 0) &&
	     (net_selfConnect(fd, err) || net_spuriousENOTAVAIL(err));
	     i++) {
		if (err == NULL)
			net_netFD_free(fd);
		runtime_error_Free(err);
		err = net_internetSocket(ctx, sd->network,
		    net_TCPAddr_opAddrCopy(laddr, &la),
		    net_TCPAddr_opAddrCopy(raddr, &ra), SOCK_STREAM, 0, "dial",
		    sd->Dialer.Control, sd->Dialer.ControlArg,
		    net_sockaddrToTCP, &fd);
	}
	if (err != NULL)
		return err;
	*c = net_newTCPConn(fd);
	return NULL;
}

bool
net_selfConnect(net_netFD *fd, runtime_error *err)
{
	const net_TCPAddr *l, *r;

	/* A failed dial has no connection to be ourselves. */
	if (err != NULL)
		return false;
	/*
	 * The addresses are missing when the peer reset the connection
	 * before getsockname/getpeername ran (Go issue 4896); dialing again
	 * is the safe answer.
	 */
	if (fd->laddr == NULL || fd->raddr == NULL)
		return true;
	l = (const net_TCPAddr *)fd->laddr;
	r = (const net_TCPAddr *)fd->raddr;
	return l->Port == r->Port && net_IP_Equal(l->IP, r->IP);
}

bool
net_spuriousENOTAVAIL(runtime_error *err)
{
	if (err != NULL && err->type == &net_OpErrorType)
		err = ((net_OpError *)err)->Err;
	if (err != NULL && err->type == &os_SyscallErrorType)
		err = ((os_SyscallError *)err)->Err;
	return err != NULL && err->type == &syscall_ErrnoType &&
	    ((syscall_ErrnoError *)err)->Errno == EADDRNOTAVAIL;
}

/*
 * accept applies the listener's keep-alive setting to each connection,
 * the 15 s default when KeepAlive is zero and nothing when negative.
 */
runtime_error *
net_TCPListener_accept(net_TCPListener *ln, net_TCPConn **c)
{
	net_netFD     *fd;
	runtime_error *err;
	time_Duration  ka;

	*c = NULL;
	if ((err = net_netFD_accept(ln->fd, net_sockaddrToTCP, &fd)) != NULL)
		return err;
	*c = net_newTCPConn(fd);
	if (ln->lc.KeepAlive >= 0) {
		runtime_error_Free(net_setKeepAlive(fd, true));
		ka = ln->lc.KeepAlive;
		if (ln->lc.KeepAlive == 0)
			ka = net_defaultTCPKeepAlive;
		runtime_error_Free(net_setKeepAlivePeriod(fd, ka));
	}
	return NULL;
}

runtime_error *
net_TCPListener_close(net_TCPListener *ln)
{
	return net_netFD_Close(ln->fd);
}

runtime_error *
net_sysListener_listenTCP(net_sysListener *sl, context_Context *ctx,
    const net_TCPAddr *laddr, net_TCPListener **l)
{
	net_TCPAddr	 la;
	net_TCPListener *ln;
	net_netFD	*fd;
	runtime_error	*err;

	*l = NULL;
	err = net_internetSocket(ctx, sl->network,
	    net_TCPAddr_opAddrCopy(laddr, &la), NULL, SOCK_STREAM, 0, "listen",
	    sl->ListenConfig.Control, sl->ListenConfig.ControlArg,
	    net_sockaddrToTCP, &fd);
	if (err != NULL)
		return err;
	ln = runtime_malloc(sizeof(*ln));
	ln->Listener.type = &net_TCPListenerType;
	ln->fd = fd;
	ln->lc = sl->ListenConfig;
	*l = ln;
	return NULL;
}
