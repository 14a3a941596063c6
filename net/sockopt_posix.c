/*
 * C port of go1.19 src/net/sockopt_posix.go (built on: unix || windows;
 * gonet: unix), with the FD.Setsockopt* methods of internal/poll's
 * sockopt.go folded into one, net_netFD_setsockopt.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stdlib.h>

#include "net/net_impl.h"

int
net_boolint(bool b)
{
	return b ? 1 : 0;
}

/*
 * net_interfaceToIPv4Addr returns the IPv4 address multicast should leave
 * from: for a NULL ifi, the wildcard, letting the kernel choose; else the
 * first IPv4 address ifi has, as an IPNet or an IPAddr.
 */
runtime_error *
net_interfaceToIPv4Addr(const net_Interface *ifi, net_IP *ip)
{
	const net_IPNetAddr *ipnet;
	const net_IPAddr    *ipaddr;
	runtime_error	    *err;
	net_Addr	   **ifat;
	size_t		     i, n;

	*ip = net_IPv4zero;
	if (ifi == NULL)
		return NULL;
	ip->len = 0;
	if ((err = net_Interface_Addrs(ifi, &ifat, &n)) != NULL)
		return err;
	err = net_errNoSuchInterface;
	for (i = 0; i < n && err != NULL; i++) {
		if ((ipnet = net_Addr_IPNet(ifat[i])) != NULL)
			*ip = ipnet->IPNet.IP;
		else if ((ipaddr = net_Addr_IPAddr(ifat[i])) != NULL)
			*ip = ipaddr->IP;
		if (net_IP_To4(*ip).len != 0)
			err = NULL;
		else
			ip->len = 0;
	}
	free(ifat);
	return err;
}

/*
 * net_netFD_setsockopt is internal/poll's FD.SetsockoptInt, Linger,
 * IPMreq, IPMreqn and IPv6Mreq in one: it holds a reference across the
 * call, so that a concurrent Close cannot hand the descriptor number to
 * another file meanwhile.  It returns net_ErrClosed after Close, else the
 * setsockopt Errno as an error; net_wrapSyscallError names the call.
 */
runtime_error *
net_netFD_setsockopt(
    net_netFD *fd, int level, int name, const void *val, size_t len)
{
	runtime_error *err;
	syscall_Errno  e;

	if ((err = poll_FD_incref(&fd->pfd)) != NULL)
		return err;
	e = 0;
	if (setsockopt(fd->pfd.Sysfd, level, name, val, (socklen_t)len) != 0)
		e = (syscall_Errno)errno;
	/* Go defers decref and drops its result; so does gonet. */
	runtime_error_Free(poll_FD_decref(&fd->pfd));
	return syscall_Errno_Err(e);
}

/* net_netFD_setsockoptInt is FD.SetsockoptInt. */
runtime_error *
net_netFD_setsockoptInt(net_netFD *fd, int level, int name, int arg)
{
	return net_netFD_setsockopt(fd, level, name, &arg, sizeof(arg));
}

runtime_error *
net_setReadBuffer(net_netFD *fd, int bytes)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(fd, SOL_SOCKET, SO_RCVBUF, bytes));
}

runtime_error *
net_setWriteBuffer(net_netFD *fd, int bytes)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(fd, SOL_SOCKET, SO_SNDBUF, bytes));
}

runtime_error *
net_setKeepAlive(net_netFD *fd, bool keepalive)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(
		fd, SOL_SOCKET, SO_KEEPALIVE, net_boolint(keepalive)));
}

/*
 * net_setLinger makes Close wait up to sec seconds for unsent data (0:
 * discard it and reset the connection); a negative sec restores the
 * default, a Close that returns at once while the kernel keeps sending.
 */
runtime_error *
net_setLinger(net_netFD *fd, int sec)
{
	struct linger l;

	if (sec >= 0) {
		l.l_onoff = 1;
		l.l_linger = sec;
	} else {
		l.l_onoff = 0;
		l.l_linger = 0;
	}
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockopt(fd, SOL_SOCKET, SO_LINGER, &l, sizeof(l)));
}
