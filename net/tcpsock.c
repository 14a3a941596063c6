/* C port of go1.19 src/net/tcpsock.go: TCPAddr (TCPConn comes later). */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * AddrPort and TCPAddrFromAddrPort need package net/netip, which gonet
 * does not have yet.
 */

/*
 * net_TCPAddr_AddrPort returns a as a netip.AddrPort.  The zone inside the
 * result points at a's own Zone string, so the result must not outlive a.
 */
netip_AddrPort
net_TCPAddr_AddrPort(const net_TCPAddr *a)
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
net_TCPAddr_Network(const net_TCPAddr *a)
{
	(void)a;
	return "tcp";
}

char *
net_TCPAddr_String(const net_TCPAddr *a)
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
net_TCPAddr_isWildcard(const net_TCPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_TCPAddr_opAddr(net_TCPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_TCPAddr_Addr(a);
}

/* The zone lives right after the struct, so one free() releases both. */
net_TCPAddr *
net_newTCPAddr(net_IP ip, int port, const char *zone)
{
	net_TCPAddr *a;
	size_t	     n;

	if (zone == NULL)
		zone = "";
	n = strlen(zone) + 1;
	a = runtime_malloc(sizeof(*a) + n);
	a->addr.type = &net_TCPAddrType;
	a->IP = ip;
	a->Port = port;
	a->Zone = memcpy(a + 1, zone, n);
	return a;
}

static const char *
TCPAddr_Network(const net_Addr *a)
{
	return net_TCPAddr_Network((const net_TCPAddr *)a);
}

static char *
TCPAddr_String(const net_Addr *a)
{
	return net_TCPAddr_String((const net_TCPAddr *)a);
}

static net_Addr *
TCPAddr_clone(const net_Addr *addr)
{
	const net_TCPAddr *a = (const net_TCPAddr *)addr;

	return &net_newTCPAddr(a->IP, a->Port, a->Zone)->addr;
}

const net_addrType net_TCPAddrType = {
	.Network = TCPAddr_Network,
	.String = TCPAddr_String,
	.clone = TCPAddr_clone,
};

/*
 * ResolveTCPAddr treats an empty network as "tcp", which Go 1.0 accepted
 * without documenting it.
 */
runtime_error *
net_ResolveTCPAddr(const char *network, const char *address, net_TCPAddr **addr)
{
	net_addrList	   addrs;
	runtime_error	  *err;
	const net_TCPAddr *a;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "tcp";
	else if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(NULL, network, address, &addrs);
	if (err != NULL)
		return err;
	a = (const net_TCPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newTCPAddr(a->IP, a->Port, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}

/*
 * net_TCPAddrFromAddrPort returns addr as a heap TCPAddr (one block,
 * zone included; free() releases it).  An invalid Addr gives a nil IP, as
 * Go's AsSlice does.
 */
net_TCPAddr *
net_TCPAddrFromAddrPort(netip_AddrPort addr)
{
	netip_Addr ip;
	net_IP	   nip;

	ip = netip_AddrPort_Addr(addr);
	nip.len = (uint8_t)netip_Addr_AsSlice(ip, nip.b);
	return net_newTCPAddr(
	    nip, netip_AddrPort_Port(addr), netip_Addr_Zone(ip));
}
