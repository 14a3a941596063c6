/* C port of go1.19 src/net/udpsock.go: UDPAddr (UDPConn comes later). */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * AddrPort and UDPAddrFromAddrPort need package net/netip, which gonet
 * does not have yet.
 */

/*
 * net_UDPAddr_AddrPort returns a as a netip.AddrPort.  The zone inside the
 * result points at a's own Zone string, so the result must not outlive a.
 */
netip_AddrPort
net_UDPAddr_AddrPort(const net_UDPAddr *a)
{
	netip_AddrPort zero = { .port = 0 };
	netip_Addr     na;
	bool	       ok;

	if (a == NULL)
		return zero;
	/* Go ignores AddrFromSlice's ok: an odd-length IP gives the zero Addr. */
	na = netip_AddrFromSlice(a->IP.b, a->IP.len, &ok);
	na = netip_Addr_WithZone(na, a->Zone);
	return netip_AddrPortFrom(na, (uint16_t)a->Port);
}

const char *
net_UDPAddr_Network(const net_UDPAddr *a)
{
	(void)a;
	return "udp";
}

char *
net_UDPAddr_String(const net_UDPAddr *a)
{
	char *ip, *host, *port, *s;

	if (a == NULL)
		return runtime_strdup("<nil>");
	/* Go's ipEmptyString: a nil IP prints as nothing, not "<nil>". */
	ip = a->IP.len == 0 ? runtime_strdup("") : net_IP_String(a->IP);
	port = itoa_Itoa(a->Port);
	if (a->Zone != NULL && a->Zone[0] != '\0') {
		host = runtime_concatstrings(ip, "%", a->Zone, NULL);
		s = net_JoinHostPort(host, port);
		free(host);
	} else
		s = net_JoinHostPort(ip, port);
	free(port);
	free(ip);
	return s;
}

bool
net_UDPAddr_isWildcard(const net_UDPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_UDPAddr_opAddr(net_UDPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_UDPAddr_Addr(a);
}

/* The zone lives right after the struct, so one free() releases both. */
net_UDPAddr *
net_newUDPAddr(net_IP ip, int port, const char *zone)
{
	net_UDPAddr *a;
	size_t	     n;

	if (zone == NULL)
		zone = "";
	n = strlen(zone) + 1;
	a = runtime_malloc(sizeof(*a) + n);
	a->addr.type = &net_UDPAddrType;
	a->IP = ip;
	a->Port = port;
	a->Zone = memcpy(a + 1, zone, n);
	return a;
}

static const char *
UDPAddr_Network(const net_Addr *a)
{
	return net_UDPAddr_Network((const net_UDPAddr *)a);
}

static char *
UDPAddr_String(const net_Addr *a)
{
	return net_UDPAddr_String((const net_UDPAddr *)a);
}

static net_Addr *
UDPAddr_clone(const net_Addr *addr)
{
	const net_UDPAddr *a = (const net_UDPAddr *)addr;

	return &net_newUDPAddr(a->IP, a->Port, a->Zone)->addr;
}

const net_addrType net_UDPAddrType = {
	.Network = UDPAddr_Network,
	.String = UDPAddr_String,
	.clone = UDPAddr_clone,
};

/*
 * ResolveUDPAddr treats an empty network as "udp", which Go 1.0 accepted
 * without documenting it.
 */
runtime_error *
net_ResolveUDPAddr(const char *network, const char *address, net_UDPAddr **addr)
{
	net_addrList	   addrs;
	runtime_error	  *err;
	const net_UDPAddr *a;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "udp";
	else if (strcmp(network, "udp") != 0 && strcmp(network, "udp4") != 0 &&
	    strcmp(network, "udp6") != 0)
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(NULL, network, address, &addrs);
	if (err != NULL)
		return err;
	a = (const net_UDPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newUDPAddr(a->IP, a->Port, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}

/*
 * net_UDPAddrFromAddrPort returns addr as a heap UDPAddr (one block,
 * zone included; free() releases it).  An invalid Addr gives a nil IP, as
 * Go's AsSlice does.
 */
net_UDPAddr *
net_UDPAddrFromAddrPort(netip_AddrPort addr)
{
	netip_Addr ip;
	net_IP	   nip;

	ip = netip_AddrPort_Addr(addr);
	nip.len = (uint8_t)netip_Addr_AsSlice(ip, nip.b);
	return net_newUDPAddr(
	    nip, netip_AddrPort_Port(addr), netip_Addr_Zone(ip));
}
