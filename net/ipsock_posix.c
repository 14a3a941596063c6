/*
 * C port of go1.19 src/net/ipsock_posix.go (built on: unix || (js && wasm)
 * || windows; gonet: unix), with supportsIPv4, supportsIPv6 and
 * supportsIPv4map from ipsock.go, which gonet keeps beside their probe.
 */
#include <netinet/in.h>
#include <sys/socket.h>

#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * ipStackCaps records which IP stacks the kernel offers, probed once: a
 * kernel can be built, or booted, without either one.
 */
static struct {
	sync_Once once;
	bool	  ipv4Enabled;
	bool	  ipv6Enabled;
	bool	  ipv4MappedIPv6Enabled;
} ipStackCaps;

/*
 * probe tries the stacks for real.  IPv4 counts as present if a TCP
 * socket can be made.  For IPv6, making a socket is not enough (a kernel
 * may refuse every IPv6 address), so the probes bind: ::1 for IPv6 itself,
 * and 127.0.0.1 on a dual-stack socket for IPv4-mapped addresses.  The
 * probe sockets stay open until the end, as Go's deferred closes do.
 */
static void
ipStackCapabilities_probe(void *unused)
{
	static const struct {
		uint8_t ip[16];
		int	value;
	} probes[] = {
		/* IPv6 communication capability */
		{ { [15] = 1 }, 1 },
		/* IPv4-mapped IPv6 address communication capability */
		{ { [10] = 0xff, [11] = 0xff, 127, 0, 0, 1 }, 0 },
	};
	syscall_Sockaddr sa;
	runtime_error	*err;
	net_IP		 ip;
	int		 s, open[nelem(probes)];
	size_t		 i, nopen;

	(void)unused;
	if (net_sysSocket(AF_INET, SOCK_STREAM, IPPROTO_TCP, &s) == 0) {
		net_closeFunc(s);
		ipStackCaps.ipv4Enabled = true;
	}
	nopen = 0;
	for (i = 0; i < nelem(probes); i++) {
		if (net_sysSocket(AF_INET6, SOCK_STREAM, IPPROTO_TCP, &s) != 0)
			continue;
		open[nopen++] = s;
		syscall_SetsockoptInt(
		    s, IPPROTO_IPV6, IPV6_V6ONLY, probes[i].value);
		ip.len = 16;
		memcpy(ip.b, probes[i].ip, 16);
		if ((err = net_ipToSockaddr(AF_INET6, ip, 0, "", &sa)) !=
		    NULL) {
			runtime_error_Free(err);
			continue;
		}
		if (syscall_Bind(s, &sa) != 0)
			continue;
		if (i == 0)
			ipStackCaps.ipv6Enabled = true;
		else
			ipStackCaps.ipv4MappedIPv6Enabled = true;
	}
	while (nopen > 0)
		net_closeFunc(open[--nopen]);
}

/* net_supportsIPv4 reports whether the platform has IPv4 networking. */
bool
net_supportsIPv4(void)
{
	sync_Once_Do(&ipStackCaps.once, ipStackCapabilities_probe, NULL);
	return ipStackCaps.ipv4Enabled;
}

/* net_supportsIPv6 reports whether the platform has IPv6 networking. */
bool
net_supportsIPv6(void)
{
	sync_Once_Do(&ipStackCaps.once, ipStackCapabilities_probe, NULL);
	return ipStackCaps.ipv6Enabled;
}

/*
 * net_supportsIPv4map reports whether one IPv6 socket can also carry IPv4
 * traffic, as IPv4-mapped IPv6 addresses.
 */
bool
net_supportsIPv4map(void)
{
	sync_Once_Do(&ipStackCaps.once, ipStackCapabilities_probe, NULL);
	return ipStackCaps.ipv4MappedIPv6Enabled;
}

/*
 * net_favoriteAddrFamily picks the address family of a socket for
 * network ("tcp", "udp4", ...), laddr and raddr (either may be NULL), and
 * whether an AF_INET6 socket must refuse IPv4.
 *
 * A network ending in 4 or 6 decides alone.  A wildcard listener wants
 * both families on one socket, which an AF_INET6 socket with IPV6_V6ONLY
 * off gives when the kernel maps IPv4 into IPv6; so does a kernel with no
 * IPv4, where AF_INET would fail anyway.  Otherwise AF_INET is chosen
 * when every given address is IPv4, and AF_INET6 when any is not.
 */
void
net_favoriteAddrFamily(const char *network, const net_Addr *laddr,
    const net_Addr *raddr, const char *mode, int *family, bool *ipv6only)
{
	size_t n;

	*ipv6only = false;
	n = strlen(network);
	switch (n > 0 ? network[n - 1] : '\0') {
	case '4':
		*family = AF_INET;
		return;
	case '6':
		*family = AF_INET6;
		*ipv6only = true;
		return;
	}

	if (strcmp(mode, "listen") == 0 &&
	    (laddr == NULL || net_sockaddr_isWildcard(laddr))) {
		if (net_supportsIPv4map() || !net_supportsIPv4()) {
			*family = AF_INET6;
			return;
		}
		if (laddr == NULL) {
			*family = AF_INET;
			return;
		}
		*family = net_sockaddr_family(laddr);
		return;
	}

	if ((laddr == NULL || net_sockaddr_family(laddr) == AF_INET) &&
	    (raddr == NULL || net_sockaddr_family(raddr) == AF_INET)) {
		*family = AF_INET;
		return;
	}
	*family = AF_INET6;
}

/*
 * net_internetSocket makes an IP socket of the family that the network
 * and addresses call for.  (Go turns a wildcard dial address into a local
 * one first, but only on aix, windows and openbsd.)
 */
runtime_error *
net_internetSocket(context_Context *ctx, const char *net, const net_Addr *laddr,
    const net_Addr *raddr, int sotype, int proto, const char *mode,
    net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr, net_netFD **fd)
{
	int  family;
	bool ipv6only;

	net_favoriteAddrFamily(net, laddr, raddr, mode, &family, &ipv6only);
	return net_socket(ctx, net, family, sotype, proto, ipv6only, laddr,
	    raddr, ctrlFn, ctrlArg, toAddr, fd);
}

/* addrError is Go's &AddrError{Err: why, Addr: ip.String()}. */
static runtime_error *
addrError(const char *why, net_IP ip)
{
	runtime_error *err;
	char	      *s;

	s = net_IP_String(ip);
	err = net_newAddrError(why, s);
	free(s);
	return err;
}

/* A nil IP means the IPv4 wildcard. */
runtime_error *
net_ipToSockaddrInet4(net_IP ip, int port, syscall_SockaddrInet4 *sa)
{
	net_IP ip4;

	memset(sa, 0, sizeof(*sa));
	if (ip.len == 0)
		ip = net_IPv4zero;
	ip4 = net_IP_To4(ip);
	if (ip4.len == 0)
		return addrError("non-IPv4 address", ip);
	sa->Port = port;
	memcpy(sa->Addr, ip4.b, 4);
	return NULL;
}

/*
 * Both wildcards, "0.0.0.0" and "::", mean any address of either family
 * here: on a kernel that maps IPv4 into IPv6, an IPv6 wildcard listener
 * also hears IPv4.  Any IPv6 address is taken, IPv4-mapped ones included.
 */
runtime_error *
net_ipToSockaddrInet6(
    net_IP ip, int port, const char *zone, syscall_SockaddrInet6 *sa)
{
	net_IP ip6;

	memset(sa, 0, sizeof(*sa));
	if (ip.len == 0 || net_IP_Equal(ip, net_IPv4zero))
		ip = net_IPv6zero;
	ip6 = net_IP_To16(ip);
	if (ip6.len == 0)
		return addrError("non-IPv6 address", ip);
	sa->Port = port;
	sa->ZoneId = (uint32_t)net_zoneCache_index(zone);
	memcpy(sa->Addr, ip6.b, 16);
	return NULL;
}

runtime_error *
net_ipToSockaddr(
    int family, net_IP ip, int port, const char *zone, syscall_Sockaddr *sa)
{
	runtime_error *err;

	memset(sa, 0, sizeof(*sa));
	switch (family) {
	case AF_INET:
		if ((err = net_ipToSockaddrInet4(ip, port, &sa->u.Inet4)) !=
		    NULL)
			return err;
		sa->Family = AF_INET;
		return NULL;
	case AF_INET6:
		err = net_ipToSockaddrInet6(ip, port, zone, &sa->u.Inet6);
		if (err != NULL)
			return err;
		sa->Family = AF_INET6;
		return NULL;
	}
	return addrError("invalid address family", ip);
}

/* Go's addrPortToSockaddrInet4/6: a netip.AddrPort as a Sockaddr. */
runtime_error *
net_addrPortToSockaddrInet4(netip_AddrPort ap, syscall_SockaddrInet4 *sa)
{
	netip_Addr     addr;
	runtime_error *err;
	uint8_t	       b[16];
	char	      *s;

	memset(sa, 0, sizeof(*sa));
	addr = netip_AddrPort_Addr(ap);
	if (!netip_Addr_Is4(addr)) {
		s = netip_Addr_String(addr);
		err = net_newAddrError("non-IPv4 address", s);
		free(s);
		return err;
	}
	netip_Addr_AsSlice(addr, b);
	memcpy(sa->Addr, b, 4);
	sa->Port = netip_AddrPort_Port(ap);
	return NULL;
}

runtime_error *
net_addrPortToSockaddrInet6(netip_AddrPort ap, syscall_SockaddrInet6 *sa)
{
	netip_Addr     addr;
	runtime_error *err;
	uint8_t	       b[16];
	char	      *s;

	memset(sa, 0, sizeof(*sa));
	addr = netip_AddrPort_Addr(ap);
	if (!netip_Addr_IsValid(addr)) {
		s = netip_Addr_String(addr);
		err = net_newAddrError("non-IPv6 address", s);
		free(s);
		return err;
	}
	/* As16: an IPv4 address becomes its IPv4-mapped form. */
	if (netip_Addr_AsSlice(addr, b) == 4) {
		memmove(b + 12, b, 4);
		memcpy(b, net_v4InV6Prefix, 12);
	}
	memcpy(sa->Addr, b, 16);
	sa->Port = netip_AddrPort_Port(ap);
	sa->ZoneId = (uint32_t)net_zoneCache_index(
	    netip_Addr_Zone(addr) != NULL ? netip_Addr_Zone(addr) : "");
	return NULL;
}
