/*
 * C port of go1.19 src/net/sock_posix.go (built on: unix || windows; gonet:
 * unix), in the layout of Go 0e3514e: the listener options are chosen by
 * listenerSockaddr in sock_linux.c.
 */
#include <sys/socket.h>

#include <stdlib.h>

#include "net/net_impl.h"

static runtime_error *net_netFD_dial(net_netFD *fd, context_Context *ctx,
    const net_Addr *laddr, const net_Addr *raddr, net_ctrlFn ctrlFn,
    void *ctrlArg, net_toAddr toAddr);
static runtime_error *net_netFD_listenStream(net_netFD *fd,
    const net_Addr *laddr, int backlog, net_ctrlFn ctrlFn, void *ctrlArg,
    net_toAddr toAddr);
static runtime_error *net_netFD_listenDatagram(net_netFD *fd,
    const net_Addr *laddr, net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr);

/*
 * net_socket makes a socket for one of four roles.  A stream listener and
 * a datagram listener bind a local address and have no peer, so laddr
 * without raddr means one of those; everything else (a stream or datagram
 * socket dialed to a peer, or a raw socket talking to the kernel) goes
 * through dial, which binds laddr only if it is given.
 */
runtime_error *
net_socket(context_Context *ctx, const char *net, int family, int sotype,
    int proto, bool ipv6only, const net_Addr *laddr, const net_Addr *raddr,
    net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr, net_netFD **fdp)
{
	net_netFD     *fd;
	runtime_error *err;
	syscall_Errno  e;
	int	       s;

	*fdp = NULL;
	/*
	 * Go's poller runs from the process's start; gonet's starts before
	 * the first socket.  Its descriptors count against the same limit,
	 * so its EMFILE is reported as the socket call's, which is what a Go
	 * program sees when no descriptor is left.
	 */
	if ((e = net_pollServerInit()) != 0 ||
	    (e = net_sysSocket(family, sotype, proto, &s)) != 0)
		return os_NewSyscallError("socket", syscall_Errno_Err(e));
	if ((err = net_setDefaultSockopts(s, family, sotype, ipv6only)) !=
	    NULL) {
		net_closeFunc(s);
		return err;
	}
	if ((err = net_newFD(s, family, sotype, net, &fd)) != NULL) {
		net_closeFunc(s);
		return err;
	}

	if (laddr != NULL && raddr == NULL) {
		switch (sotype) {
		case SOCK_STREAM:
		case SOCK_SEQPACKET:
			err = net_netFD_listenStream(fd, laddr,
			    net_listenerBacklog(), ctrlFn, ctrlArg, toAddr);
			goto out;
		case SOCK_DGRAM:
			err = net_netFD_listenDatagram(
			    fd, laddr, ctrlFn, ctrlArg, toAddr);
			goto out;
		}
	}
	err = net_netFD_dial(fd, ctx, laddr, raddr, ctrlFn, ctrlArg, toAddr);
out:
	if (err != NULL) {
		runtime_error_Free(net_netFD_Close(fd));
		net_netFD_free(fd);
		return err;
	}
	*fdp = fd;
	return NULL;
}

/* sockaddrToAddr applies toAddr, which Go's nil-returning addrFunc is. */
static net_Addr *
sockaddrToAddr(net_toAddr toAddr, const syscall_Sockaddr *sa)
{
	if (toAddr == NULL || sa->Family == 0)
		return NULL;
	return toAddr(sa);
}

/*
 * control hands the socket to the caller's Control function before bind,
 * the one moment options that bind or connect read (SO_REUSEPORT, a
 * device binding) can still take effect.
 */
static runtime_error *
control(net_netFD *fd, const net_Addr *addr, net_ctrlFn ctrlFn, void *ctrlArg)
{
	syscall_RawConn *c;
	runtime_error	*err;
	char		*ctrlAddr;

	c = net_newRawConn(fd);
	ctrlAddr = addr != NULL ? net_Addr_String(addr) : runtime_strdup("");
	err = ctrlFn(net_netFD_ctrlNetwork(fd), ctrlAddr, c, ctrlArg);
	free(ctrlAddr);
	free(c);
	return err;
}

/*
 * net_netFD_dial binds laddr if there is one, then connects to raddr if
 * there is one.  The addresses recorded are the socket's real ones: the
 * local one from getsockname (an ephemeral port, a chosen source), the
 * remote one from connect, else getpeername, else raddr as given.
 */
static runtime_error *
net_netFD_dial(net_netFD *fd, context_Context *ctx, const net_Addr *laddr,
    const net_Addr *raddr, net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr)
{
	syscall_Sockaddr lsa = { 0 }, rsa = { 0 }, crsa = { 0 };
	runtime_error	*err;
	syscall_Errno	 e;

	if (ctrlFn != NULL) {
		err =
		    control(fd, raddr != NULL ? raddr : laddr, ctrlFn, ctrlArg);
		if (err != NULL)
			return err;
	}
	if (laddr != NULL) {
		if ((err = net_sockaddr_sockaddr(laddr, fd->family, &lsa)) !=
		    NULL)
			return err;
		else if (lsa.Family != 0) {
			if ((e = syscall_Bind(fd->pfd.Sysfd, &lsa)) != 0)
				return os_NewSyscallError(
				    "bind", syscall_Errno_Err(e));
		}
	}
	/* rsa is the address asked for; crsa the one actually connected. */
	if (raddr != NULL) {
		if ((err = net_sockaddr_sockaddr(raddr, fd->family, &rsa)) !=
		    NULL)
			return err;
		if ((err = net_netFD_connect(fd, ctx, &lsa, &rsa, &crsa)) !=
		    NULL)
			return err;
		fd->isConnected = true;
	} else {
		if ((err = net_netFD_init(fd)) != NULL)
			return err;
	}
	if (syscall_Getsockname(fd->pfd.Sysfd, &lsa) != 0)
		lsa.Family = 0;
	if (crsa.Family != 0)
		net_netFD_setAddr(fd, sockaddrToAddr(toAddr, &lsa),
		    sockaddrToAddr(toAddr, &crsa));
	else if (syscall_Getpeername(fd->pfd.Sysfd, &rsa) == 0 &&
	    rsa.Family != 0)
		net_netFD_setAddr(fd, sockaddrToAddr(toAddr, &lsa),
		    sockaddrToAddr(toAddr, &rsa));
	else
		net_netFD_setAddr(
		    fd, sockaddrToAddr(toAddr, &lsa), net_Addr_clone(raddr));
	return NULL;
}

/*
 * net_netFD_listenStream binds laddr and listens.  listenerSockaddr sets
 * the stream listener's options first, so that the caller's Control sees
 * them and may override them.
 */
static runtime_error *
net_netFD_listenStream(net_netFD *fd, const net_Addr *laddr, int backlog,
    net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr)
{
	syscall_Sockaddr lsa = { 0 };
	net_UDPAddr	 v;
	runtime_error	*err;
	syscall_Errno	 e;

	err = net_listenerSockaddr(
	    fd->pfd.Sysfd, fd->family, fd->sotype, &laddr, &v, &lsa);
	if (err != NULL)
		return err;
	if (ctrlFn != NULL) {
		if ((err = control(fd, laddr, ctrlFn, ctrlArg)) != NULL)
			return err;
	}
	if ((e = syscall_Bind(fd->pfd.Sysfd, &lsa)) != 0)
		return os_NewSyscallError("bind", syscall_Errno_Err(e));
	if ((e = net_listenFunc(fd->pfd.Sysfd, backlog)) != 0)
		return os_NewSyscallError("listen", syscall_Errno_Err(e));
	if ((err = net_netFD_init(fd)) != NULL)
		return err;
	if (syscall_Getsockname(fd->pfd.Sysfd, &lsa) != 0)
		lsa.Family = 0;
	net_netFD_setAddr(fd, sockaddrToAddr(toAddr, &lsa), NULL);
	return NULL;
}

/*
 * net_netFD_listenDatagram binds laddr for a socket that receives from
 * anyone.  A multicast group address becomes, in listenerSockaddr, the
 * wildcard address with the group's port and a reusable address: then
 * one socket can join several groups on that port, and several sockets
 * can join one group.  Control sees the address actually bound.
 */
static runtime_error *
net_netFD_listenDatagram(net_netFD *fd, const net_Addr *laddr,
    net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr)
{
	syscall_Sockaddr lsa = { 0 };
	net_UDPAddr	 v;
	runtime_error	*err;
	syscall_Errno	 e;

	err = net_listenerSockaddr(
	    fd->pfd.Sysfd, fd->family, fd->sotype, &laddr, &v, &lsa);
	if (err != NULL)
		return err;
	if (ctrlFn != NULL) {
		if ((err = control(fd, laddr, ctrlFn, ctrlArg)) != NULL)
			return err;
	}
	if ((e = syscall_Bind(fd->pfd.Sysfd, &lsa)) != 0)
		return os_NewSyscallError("bind", syscall_Errno_Err(e));
	if ((err = net_netFD_init(fd)) != NULL)
		return err;
	if (syscall_Getsockname(fd->pfd.Sysfd, &lsa) != 0)
		lsa.Family = 0;
	net_netFD_setAddr(fd, sockaddrToAddr(toAddr, &lsa), NULL);
	return NULL;
}

/*
 * net_netFD_addrFunc is Go's netFD.addrFunc: the toAddr that fits fd's
 * family and socket type, NULL (every address nil) for any other.
 */
net_toAddr
net_netFD_addrFunc(net_netFD *fd)
{
	switch (fd->family) {
	case AF_INET:
	case AF_INET6:
		switch (fd->sotype) {
		case SOCK_STREAM:
			return net_sockaddrToTCP;
		case SOCK_DGRAM:
			return net_sockaddrToUDP;
		case SOCK_RAW:
			return net_sockaddrToIP;
		}
		break;
	case AF_UNIX:
		switch (fd->sotype) {
		case SOCK_STREAM:
			return net_sockaddrToUnix;
		case SOCK_DGRAM:
			return net_sockaddrToUnixgram;
		case SOCK_SEQPACKET:
			return net_sockaddrToUnixpacket;
		}
		break;
	}
	return NULL;
}
