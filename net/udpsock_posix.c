/*
 * C port of go1.19 src/net/udpsock_posix.go.
 * built on: unix
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/net_impl.h"

net_Addr *
net_sockaddrToUDP(const syscall_Sockaddr *sa)
{
	net_IP ip;

	switch (sa->Family) {
	case AF_INET:
		ip.len = net_IPv4len;
		memcpy(ip.b, sa->u.Inet4.Addr, net_IPv4len);
		return &net_newUDPAddr(ip, sa->u.Inet4.Port, NULL)->addr;
	case AF_INET6:
		ip.len = net_IPv6len;
		memcpy(ip.b, sa->u.Inet6.Addr, net_IPv6len);
		return &net_newUDPAddr(ip, sa->u.Inet6.Port,
		    net_zoneCache_name((int)sa->u.Inet6.ZoneId))
			    ->addr;
	}
	return NULL;
}

int
net_UDPAddr_family(const net_UDPAddr *a)
{
	if (a == NULL || a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

runtime_error *
net_UDPAddr_sockaddr(const net_UDPAddr *a, int family, syscall_Sockaddr *sa)
{
	memset(sa, 0, sizeof(*sa));
	if (a == NULL)
		return NULL;
	return net_ipToSockaddr(family, a->IP, a->Port, a->Zone, sa);
}

net_Addr *
net_UDPAddr_toLocal(const net_UDPAddr *a, const char *net)
{
	return &net_newUDPAddr(net_loopbackIP(net), a->Port, a->Zone)->addr;
}

/*
 * netipAddrString prints an Addr the way netip does: an IPv4-mapped IPv6
 * address keeps its "::ffff:" form, unlike net.IP's String.
 */
char *
net_netipAddrString(netip_Addr ip)
{
	net_IP nip;
	char  *s, *t;

	if (!netip_Addr_IsValid(ip))
		return runtime_strdup("invalid IP");
	nip.len = (uint8_t)netip_Addr_AsSlice(ip, nip.b);
	if (netip_Addr_Is6(ip) &&
	    memcmp(nip.b, net_v4InV6Prefix, sizeof(net_v4InV6Prefix)) == 0) {
		nip = net_IP_To4(nip);
		t = net_IP_String(nip);
		s = runtime_concatstrings("::ffff:", t, (char *)NULL);
		free(t);
	} else
		s = net_IP_String(nip);
	if (netip_Addr_Zone(ip) != NULL && netip_Addr_Zone(ip)[0] != '\0') {
		t = runtime_concatstrings(
		    s, "%", netip_Addr_Zone(ip), (char *)NULL);
		free(s);
		s = t;
	}
	return s;
}

/*
 * readFrom fills addr in place, with the zone name from the process-long
 * zone cache, so the hot path allocates nothing.
 */
runtime_error *
net_UDPConn_readFrom(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, net_UDPAddr *addr)
{
	syscall_Sockaddr from;
	runtime_error	*err;

	err = net_netFD_readFrom(c->conn.fd, b, len, n, &from);
	if (err != NULL)
		return err;
	switch (from.Family) {
	case AF_INET:
		addr->addr.type = &net_UDPAddrType;
		addr->IP.len = net_IPv4len;
		memcpy(addr->IP.b, from.u.Inet4.Addr, net_IPv4len);
		addr->Port = from.u.Inet4.Port;
		addr->Zone = NULL;
		break;
	case AF_INET6:
		addr->addr.type = &net_UDPAddrType;
		addr->IP.len = net_IPv6len;
		memcpy(addr->IP.b, from.u.Inet6.Addr, net_IPv6len);
		addr->Port = from.u.Inet6.Port;
		addr->Zone = net_zoneCache_name((int)from.u.Inet6.ZoneId);
		break;
	}
	return NULL;
}

/* sockaddrToAddrPort reads a UDP socket's Sockaddr as Go's readers do. */
static netip_AddrPort
net_sockaddrToAddrPort(int family, const syscall_Sockaddr *sa)
{
	netip_AddrPort zero;
	netip_Addr     ip;
	uint8_t	       a4[4] = { 0 }, a16[16] = { 0 };

	memset(&zero, 0, sizeof(zero));
	switch (family) {
	case AF_INET:
		if (sa->Family == AF_INET) {
			ip = netip_AddrFrom4(sa->u.Inet4.Addr);
			return netip_AddrPortFrom(
			    ip, (uint16_t)sa->u.Inet4.Port);
		}
		return netip_AddrPortFrom(netip_AddrFrom4(a4), 0);
	case AF_INET6:
		if (sa->Family == AF_INET6) {
			ip = netip_Addr_WithZone(
			    netip_AddrFrom16(sa->u.Inet6.Addr),
			    net_zoneCache_name((int)sa->u.Inet6.ZoneId));
			return netip_AddrPortFrom(
			    ip, (uint16_t)sa->u.Inet6.Port);
		}
		return netip_AddrPortFrom(netip_AddrFrom16(a16), 0);
	}
	return zero;
}

runtime_error *
net_UDPConn_readFromAddrPort(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, netip_AddrPort *addr)
{
	syscall_Sockaddr from;
	runtime_error	*err;

	err = net_netFD_readFrom(c->conn.fd, b, len, n, &from);
	if (err == NULL)
		*addr = net_sockaddrToAddrPort(c->conn.fd->family, &from);
	return err;
}

/* As in Go, addr is set even when the read failed (then it is zero). */
runtime_error *
net_UDPConn_readMsg(net_UDPConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    netip_AddrPort *addr)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	memset(&sa, 0, sizeof(sa));
	err = net_netFD_readMsg(
	    c->conn.fd, b, len, oob, ooblen, 0, n, oobn, flags, &sa);
	*addr = net_sockaddrToAddrPort(c->conn.fd->family, &sa);
	return err;
}

runtime_error *
net_UDPConn_writeTo(net_UDPConn *c, const void *b, size_t len,
    const net_UDPAddr *addr, ptrdiff_t *n)
{
	syscall_Sockaddr sa;
	runtime_error	*err;
	char		*s;

	*n = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (addr == NULL)
		return net_errMissingAddress;
	memset(&sa, 0, sizeof(sa));
	switch (c->conn.fd->family) {
	case AF_INET:
		sa.Family = AF_INET;
		err = net_ipToSockaddrInet4(addr->IP, addr->Port, &sa.u.Inet4);
		break;
	case AF_INET6:
		sa.Family = AF_INET6;
		err = net_ipToSockaddrInet6(
		    addr->IP, addr->Port, addr->Zone, &sa.u.Inet6);
		break;
	default:
		s = net_IP_String(addr->IP);
		err = net_newAddrError("invalid address family", s);
		free(s);
		return err;
	}
	if (err != NULL)
		return err;
	return net_netFD_writeTo(c->conn.fd, b, len, &sa, n);
}

/* addrPortToSockaddr picks the form for the socket's family. */
static runtime_error *
net_addrPortToSockaddr(int family, netip_AddrPort addr, syscall_Sockaddr *sa)
{
	runtime_error *err;
	char	      *s;

	memset(sa, 0, sizeof(*sa));
	switch (family) {
	case AF_INET:
		sa->Family = AF_INET;
		return net_addrPortToSockaddrInet4(addr, &sa->u.Inet4);
	case AF_INET6:
		sa->Family = AF_INET6;
		return net_addrPortToSockaddrInet6(addr, &sa->u.Inet6);
	}
	s = net_netipAddrString(netip_AddrPort_Addr(addr));
	err = net_newAddrError("invalid address family", s);
	free(s);
	return err;
}

runtime_error *
net_UDPConn_writeToAddrPort(net_UDPConn *c, const void *b, size_t len,
    netip_AddrPort addr, ptrdiff_t *n)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = 0;
	if (c->conn.fd->isConnected)
		return net_ErrWriteToConnected;
	if (!netip_Addr_IsValid(addr.ip))
		return net_errMissingAddress;
	err = net_addrPortToSockaddr(c->conn.fd->family, addr, &sa);
	if (err != NULL)
		return err;
	return net_netFD_writeTo(c->conn.fd, b, len, &sa, n);
}

runtime_error *
net_UDPConn_writeMsg(net_UDPConn *c, const void *b, size_t len, const void *oob,
    size_t ooblen, const net_UDPAddr *addr, ptrdiff_t *n, ptrdiff_t *oobn)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = *oobn = 0;
	if (c->conn.fd->isConnected && addr != NULL)
		return net_ErrWriteToConnected;
	if (!c->conn.fd->isConnected && addr == NULL)
		return net_errMissingAddress;
	err = net_UDPAddr_sockaddr(addr, c->conn.fd->family, &sa);
	if (err != NULL)
		return err;
	return net_netFD_writeMsg(c->conn.fd, b, len, oob, ooblen,
	    sa.Family != 0 ? &sa : NULL, n, oobn);
}

runtime_error *
net_UDPConn_writeMsgAddrPort(net_UDPConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, netip_AddrPort addr, ptrdiff_t *n,
    ptrdiff_t *oobn)
{
	syscall_Sockaddr sa;
	runtime_error	*err;

	*n = *oobn = 0;
	if (c->conn.fd->isConnected && netip_Addr_IsValid(addr.ip))
		return net_ErrWriteToConnected;
	if (!c->conn.fd->isConnected && !netip_Addr_IsValid(addr.ip))
		return net_errMissingAddress;
	err = net_addrPortToSockaddr(c->conn.fd->family, addr, &sa);
	if (err != NULL)
		return err;
	return net_netFD_writeMsg(
	    c->conn.fd, b, len, oob, ooblen, &sa, n, oobn);
}

runtime_error *
net_sysDialer_dialUDP(net_sysDialer *sd, context_Context *ctx,
    const net_UDPAddr *laddr, const net_UDPAddr *raddr, net_UDPConn **c)
{
	net_UDPAddr    la, ra;
	net_netFD     *fd;
	runtime_error *err;

	*c = NULL;
	err = net_internetSocket(ctx, sd->network,
	    net_UDPAddr_opAddrCopy(laddr, &la),
	    net_UDPAddr_opAddrCopy(raddr, &ra), SOCK_DGRAM, 0, "dial",
	    sd->Dialer.Control, sd->Dialer.ControlArg, net_sockaddrToUDP, &fd);
	if (err != NULL)
		return err;
	*c = net_newUDPConn(fd);
	return NULL;
}

runtime_error *
net_sysListener_listenUDP(net_sysListener *sl, context_Context *ctx,
    const net_UDPAddr *laddr, net_UDPConn **c)
{
	net_UDPAddr    la;
	net_netFD     *fd;
	runtime_error *err;

	*c = NULL;
	err = net_internetSocket(ctx, sl->network,
	    net_UDPAddr_opAddrCopy(laddr, &la), NULL, SOCK_DGRAM, 0, "listen",
	    sl->ListenConfig.Control, sl->ListenConfig.ControlArg,
	    net_sockaddrToUDP, &fd);
	if (err != NULL)
		return err;
	*c = net_newUDPConn(fd);
	return NULL;
}

/*
 * The listenIPvNMulticastUDP helpers turn off multicast loopback, so a
 * listener does not hear its own group traffic, then join the group.
 */
static runtime_error *
net_listenIPv4MulticastUDP(net_UDPConn *c, const net_Interface *ifi, net_IP ip)
{
	runtime_error *err;

	if (ifi != NULL &&
	    (err = net_setIPv4MulticastInterface(c->conn.fd, ifi)) != NULL)
		return err;
	if ((err = net_setIPv4MulticastLoopback(c->conn.fd, false)) != NULL)
		return err;
	return net_joinIPv4Group(c->conn.fd, ifi, ip);
}

static runtime_error *
net_listenIPv6MulticastUDP(net_UDPConn *c, const net_Interface *ifi, net_IP ip)
{
	runtime_error *err;

	if (ifi != NULL &&
	    (err = net_setIPv6MulticastInterface(c->conn.fd, ifi)) != NULL)
		return err;
	if ((err = net_setIPv6MulticastLoopback(c->conn.fd, false)) != NULL)
		return err;
	return net_joinIPv6Group(c->conn.fd, ifi, ip);
}

runtime_error *
net_sysListener_listenMulticastUDP(net_sysListener *sl, context_Context *ctx,
    const net_Interface *ifi, const net_UDPAddr *gaddr, net_UDPConn **c)
{
	net_UDPAddr    ga;
	net_UDPConn   *uc;
	net_netFD     *fd;
	runtime_error *err;
	net_IP	       ip4;

	*c = NULL;
	err = net_internetSocket(ctx, sl->network,
	    net_UDPAddr_opAddrCopy(gaddr, &ga), NULL, SOCK_DGRAM, 0, "listen",
	    sl->ListenConfig.Control, sl->ListenConfig.ControlArg,
	    net_sockaddrToUDP, &fd);
	if (err != NULL)
		return err;
	uc = net_newUDPConn(fd);
	ip4 = net_IP_To4(gaddr->IP);
	if (ip4.len != 0)
		err = net_listenIPv4MulticastUDP(uc, ifi, ip4);
	else
		err = net_listenIPv6MulticastUDP(uc, ifi, gaddr->IP);
	if (err != NULL) {
		net_UDPConn_Free(uc);
		return err;
	}
	*c = uc;
	return NULL;
}
