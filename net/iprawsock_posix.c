/*
 * C port of go1.19 src/net/iprawsock_posix.go.
 * built on: unix
 */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/net_impl.h"

net_Addr *
net_sockaddrToIP(const syscall_Sockaddr *sa)
{
	net_IP ip;

	switch (sa->Family) {
	case AF_INET:
		ip.len = net_IPv4len;
		memcpy(ip.b, sa->u.Inet4.Addr, net_IPv4len);
		return &net_newIPAddr(ip, NULL)->addr;
	case AF_INET6:
		ip.len = net_IPv6len;
		memcpy(ip.b, sa->u.Inet6.Addr, net_IPv6len);
		return &net_newIPAddr(
		    ip, net_zoneCache_name((int)sa->u.Inet6.ZoneId))
			    ->addr;
	}
	return NULL;
}

int
net_IPAddr_family(const net_IPAddr *a)
{
	if (a == NULL || a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

/* A raw socket has no port, so the Sockaddr carries 0. */
runtime_error *
net_IPAddr_sockaddr(const net_IPAddr *a, int family, syscall_Sockaddr *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (a == NULL)
		return NULL;
	return net_ipToSockaddr(family, a->IP, 0, a->Zone, sa);
}

net_Addr *
net_IPAddr_toLocal(const net_IPAddr *a, const char *net)
{
	return &net_newIPAddr(net_loopbackIP(net), a->Zone)->addr;
}

/*
 * sockaddrToIPAddr fills addr in place (zone from the process-long zone
 * cache), so the read paths allocate nothing; Family 0 leaves it alone.
 */
static bool
net_sockaddrToIPAddr(const syscall_Sockaddr *sa, net_IPAddr *addr)
{
	switch (sa->Family) {
	case AF_INET:
		addr->addr.type = &net_IPAddrType;
		addr->IP.len = net_IPv4len;
		memcpy(addr->IP.b, sa->u.Inet4.Addr, net_IPv4len);
		addr->Zone = NULL;
		return true;
	case AF_INET6:
		addr->addr.type = &net_IPAddrType;
		addr->IP.len = net_IPv6len;
		memcpy(addr->IP.b, sa->u.Inet6.Addr, net_IPv6len);
		addr->Zone = net_zoneCache_name((int)sa->u.Inet6.ZoneId);
		return true;
	}
	return false;
}

/*
 * readFrom hands back only the payload of an IPv4 datagram: the kernel
 * delivers IPv4 raw reads with their header, IPv6 ones without, and Go
 * hides the difference here (but not in readMsg).
 */
runtime_error *
net_IPConn_readFrom(
    net_IPConn *c, void *b, size_t len, ptrdiff_t *n, net_IPAddr *addr)
{
	syscall_Sockaddr from;
	runtime_error	*err;

	memset(&from, 0, sizeof(from));
	err = net_netFD_readFrom(c->conn.fd, b, len, n, &from);
	if (net_sockaddrToIPAddr(&from, addr) && from.Family == AF_INET)
		*n = net_stripIPv4Header(*n, b, len);
	return err;
}

/*
 * stripIPv4Header moves the payload to the front of b and returns its
 * length, unless b[0:len] does not start with a plausible IPv4 header.
 * Like Go, it judges by the buffer's length, not by n.
 */
ptrdiff_t
net_stripIPv4Header(ptrdiff_t n, uint8_t *b, size_t len)
{
	size_t l;

	if (len < 20)
		return n;
	l = (size_t)(b[0] & 0x0f) << 2;
	if (20 > l || l > len)
		return n;
	if (b[0] >> 4 != 4)
		return n;
	memmove(b, b + l, len - l);
	return n - (ptrdiff_t)l;
}

runtime_error *
net_IPConn_readMsg(net_IPConn *c, void *b, size_t len, void *oob, size_t ooblen,
    ptrdiff_t *n, ptrdiff_t *oobn, int *flags, net_IPAddr *addr)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	memset(&sa, 0, sizeof(sa));
	err = net_netFD_readMsg(
	    c->conn.fd, b, len, oob, ooblen, 0, n, oobn, flags, &sa);
	net_sockaddrToIPAddr(&sa, addr);
	return err;
}

runtime_error *
net_IPConn_writeTo(net_IPConn *c, const void *b, size_t len,
    const net_IPAddr *addr, ptrdiff_t *n)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	err = net_IPAddr_sockaddr(addr, c->conn.fd->family, &sa);
	if (err != NULL)
		return err;
	return net_netFD_writeTo(c->conn.fd, b, len, &sa, n);
}

runtime_error *
net_IPConn_writeMsg(net_IPConn *c, const void *b, size_t len, const void *oob,
    size_t ooblen, const net_IPAddr *addr, ptrdiff_t *n, ptrdiff_t *oobn)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = *oobn = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	err = net_IPAddr_sockaddr(addr, c->conn.fd->family, &sa);
	if (err != NULL)
		return err;
	return net_netFD_writeMsg(
	    c->conn.fd, b, len, oob, ooblen, &sa, n, oobn);
}

/*
 * ipNetwork splits network ("ip4:icmp") for dialIP and listenIP: the
 * family part must be an IP one, and a protocol is required, because a
 * raw socket without one would see nothing.  *afnet is malloc'd.
 */
static runtime_error *
net_ipNetwork(const char *network, char **afnet, int *proto)
{
	runtime_error *err;

	if ((err = net_parseNetwork(network, true, afnet, proto)) != NULL)
		return err;
	if (strcmp(*afnet, "ip") != 0 && strcmp(*afnet, "ip4") != 0 &&
	    strcmp(*afnet, "ip6") != 0) {
		free(*afnet);
		*afnet = NULL;
		return net_newUnknownNetworkError(network);
	}
	return NULL;
}

runtime_error *
net_sysDialer_dialIP(net_sysDialer *sd, context_Context *ctx,
    const net_IPAddr *laddr, const net_IPAddr *raddr, net_IPConn **c)
{
	net_IPAddr     la, ra;
	net_netFD     *fd;
	runtime_error *err;
	char	      *network;
	int	       proto;

	*c = NULL;
	if ((err = net_ipNetwork(sd->network, &network, &proto)) != NULL)
		return err;
	err = net_internetSocket(ctx, network,
	    net_IPAddr_opAddrCopy(laddr, &la),
	    net_IPAddr_opAddrCopy(raddr, &ra), SOCK_RAW, proto, "dial",
	    sd->Dialer.Control, sd->Dialer.ControlArg, net_sockaddrToIP, &fd);
	free(network);
	if (err != NULL)
		return err;
	*c = net_newIPConn(fd);
	return NULL;
}

runtime_error *
net_sysListener_listenIP(net_sysListener *sl, context_Context *ctx,
    const net_IPAddr *laddr, net_IPConn **c)
{
	net_IPAddr     la;
	net_netFD     *fd;
	runtime_error *err;
	char	      *network;
	int	       proto;

	*c = NULL;
	if ((err = net_ipNetwork(sl->network, &network, &proto)) != NULL)
		return err;
	err =
	    net_internetSocket(ctx, network, net_IPAddr_opAddrCopy(laddr, &la),
		NULL, SOCK_RAW, proto, "listen", sl->ListenConfig.Control,
		sl->ListenConfig.ControlArg, net_sockaddrToIP, &fd);
	free(network);
	if (err != NULL)
		return err;
	*c = net_newIPConn(fd);
	return NULL;
}
