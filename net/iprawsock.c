/*
 * C port of go1.19 src/net/iprawsock.go: IPAddr (IPConn comes later), with
 * the sockaddr methods of iprawsock_posix.go.
 */
#include <stdlib.h>
#include <sys/socket.h>
#include <string.h>

#include "net/net_impl.h"

const char *
net_IPAddr_Network(const net_IPAddr *a)
{
	(void)a;
	return "ip";
}

char *
net_IPAddr_String(const net_IPAddr *a)
{
	char *ip, *s;

	if (a == NULL)
		return runtime_strdup("<nil>");
	/* Go's ipEmptyString: a nil IP prints as nothing, not "<nil>". */
	ip = a->IP.len == 0 ? runtime_strdup("") : net_IP_String(a->IP);
	if (a->Zone != NULL && a->Zone[0] != '\0') {
		s = runtime_concatstrings(ip, "%", a->Zone, NULL);
		free(ip);
		return s;
	}
	return ip;
}

bool
net_IPAddr_isWildcard(const net_IPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_IPAddr_opAddr(net_IPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_IPAddr_Addr(a);
}

/* The zone lives right after the struct, so one free() releases both. */
net_IPAddr *
net_newIPAddr(net_IP ip, const char *zone)
{
	net_IPAddr *a;
	size_t	    n;

	if (zone == NULL)
		zone = "";
	n = strlen(zone) + 1;
	a = runtime_malloc(sizeof(*a) + n);
	a->addr.type = &net_IPAddrType;
	a->IP = ip;
	a->Zone = memcpy(a + 1, zone, n);
	return a;
}

static const char *
IPAddr_Network(const net_Addr *a)
{
	return net_IPAddr_Network((const net_IPAddr *)a);
}

static char *
IPAddr_String(const net_Addr *a)
{
	return net_IPAddr_String((const net_IPAddr *)a);
}

static net_Addr *
IPAddr_clone(const net_Addr *addr)
{
	const net_IPAddr *a = (const net_IPAddr *)addr;

	return &net_newIPAddr(a->IP, a->Zone)->addr;
}

/*
 * The sockaddr methods belong to Go's iprawsock_posix.go, which has no
 * twin yet; they live here until IPConn brings one.  A raw socket has no
 * port, so the Sockaddr carries 0.
 */
static int
IPAddr_family(const net_Addr *addr)
{
	const net_IPAddr *a = (const net_IPAddr *)addr;

	if (a->IP.len <= net_IPv4len)
		return AF_INET;
	if (net_IP_To4(a->IP).len != 0)
		return AF_INET;
	return AF_INET6;
}

static bool
IPAddr_isWildcard(const net_Addr *a)
{
	return net_IPAddr_isWildcard((const net_IPAddr *)a);
}

static runtime_error *
IPAddr_sockaddr(const net_Addr *addr, int family, syscall_Sockaddr *sa)
{
	const net_IPAddr *a = (const net_IPAddr *)addr;

	memset(sa, 0, sizeof(*sa));
	return net_ipToSockaddr(family, a->IP, 0, a->Zone, sa);
}

static net_Addr *
IPAddr_toLocal(const net_Addr *addr, const char *net)
{
	const net_IPAddr *a = (const net_IPAddr *)addr;

	return &net_newIPAddr(net_loopbackIP(net), a->Zone)->addr;
}

const net_addrType net_IPAddrType = {
	.Network = IPAddr_Network,
	.String = IPAddr_String,
	.clone = IPAddr_clone,
	.family = IPAddr_family,
	.isWildcard = IPAddr_isWildcard,
	.sockaddr = IPAddr_sockaddr,
	.toLocal = IPAddr_toLocal,
};

/*
 * ResolveIPAddr accepts a protocol suffix ("ip4:icmp") and ignores it; an
 * empty network means "ip", as Go 1.0 allowed without documenting it.
 */
runtime_error *
net_ResolveIPAddr(const char *network, const char *address, net_IPAddr **addr)
{
	net_addrList	  addrs;
	runtime_error	 *err;
	const net_IPAddr *a;
	char		 *afnet;
	int		  proto;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "ip";
	if ((err = net_parseNetwork(network, false, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(afnet, "ip") != 0 && strcmp(afnet, "ip4") != 0 &&
	    strcmp(afnet, "ip6") != 0) {
		free(afnet);
		return net_newUnknownNetworkError(network);
	}
	err = net_Resolver_internetAddrList(NULL, afnet, address, &addrs);
	free(afnet);
	if (err != NULL)
		return err;
	a = (const net_IPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newIPAddr(a->IP, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}
