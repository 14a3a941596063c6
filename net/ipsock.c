/* C port of go1.19 src/net/ipsock.go */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * supportsIPv4, supportsIPv6 and supportsIPv4map probe the kernel with
 * sockets; they arrive with the socket layer (ipsock_posix.c).
 */

/*
 * isIPv4 reports whether addr holds an IPv4 address.  arg is the closure
 * environment of an address strategy, unused here.
 */
bool
net_isIPv4(const net_Addr *addr, void *arg)
{
	(void)arg;
	if (addr == NULL)
		return false;
	if (addr->type == &net_TCPAddrType)
		return net_IP_To4(((const net_TCPAddr *)addr)->IP).len != 0;
	if (addr->type == &net_UDPAddrType)
		return net_IP_To4(((const net_UDPAddr *)addr)->IP).len != 0;
	if (addr->type == &net_IPAddrType)
		return net_IP_To4(((const net_IPAddr *)addr)->IP).len != 0;
	return false;
}

/*
 * An address without a zone used to carry a one-byte copy of "" after it,
 * which pushed TCPAddr's 40 bytes into malloc's next size class: 16 bytes
 * more for each end of every connection.
 */
void *
net_allocZoned(size_t size, const char *zone, const char **zp)
{
	char  *p;
	size_t n;

	if (zone == NULL || zone[0] == '\0') {
		*zp = "";
		return runtime_malloc(size);
	}
	n = strlen(zone) + 1;
	p = runtime_malloc(size + n);
	*zp = memcpy(p + size, zone, n);
	return p;
}

bool
net_isNotIPv4(const net_Addr *addr, void *arg)
{
	return !net_isIPv4(addr, arg);
}

void
net_addrList_free(net_addrList *addrs)
{
	size_t i;

	for (i = 0; i < addrs->n; i++)
		free(addrs->a[i]);
	free(addrs->a);
	addrs->a = NULL;
	addrs->n = 0;
}

/* net_addrList_append takes ownership of addr. */
static void
net_addrList_append(net_addrList *addrs, net_Addr *addr)
{
	addrs->a = runtime_realloc(addrs->a, (addrs->n + 1) * sizeof(addr));
	addrs->a[addrs->n++] = addr;
}

/*
 * forResolve picks the address a Resolve function returns: an IPv6 one if
 * the caller's text looks like IPv6, else an IPv4 one when there is any.
 */
const net_Addr *
net_addrList_forResolve(
    const net_addrList *addrs, const char *network, const char *addr)
{
	bool want6;

	want6 = false;
	if (strcmp(network, "ip") == 0)
		want6 = net_count(addr, strlen(addr), ':') > 0;
	else if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0)
		want6 = net_count(addr, strlen(addr), '[') > 0;
	if (want6)
		return net_addrList_first(addrs, net_isNotIPv4, NULL);
	return net_addrList_first(addrs, net_isIPv4, NULL);
}

/* first falls back to the head of the list, which must not be empty. */
const net_Addr *
net_addrList_first(const net_addrList *addrs,
    bool (*strategy)(const net_Addr *, void *), void *arg)
{
	size_t i;

	for (i = 0; i < addrs->n; i++)
		if (strategy(addrs->a[i], arg))
			return addrs->a[i];
	return addrs->a[0];
}

/*
 * partition splits addrs by the label of its first address, keeping order.
 * The two lists hold copies, so each is released on its own.
 */
void
net_addrList_partition(const net_addrList *addrs,
    bool (*strategy)(const net_Addr *, void *), void *arg,
    net_addrList *primaries, net_addrList *fallbacks)
{
	net_Addr *addr;
	bool	  primaryLabel, label;
	size_t	  i;

	primaryLabel = false;
	primaries->a = fallbacks->a = NULL;
	primaries->n = fallbacks->n = 0;
	for (i = 0; i < addrs->n; i++) {
		label = strategy(addrs->a[i], arg);
		addr = net_Addr_clone(addrs->a[i]);
		if (i == 0 || label == primaryLabel) {
			primaryLabel = label;
			net_addrList_append(primaries, addr);
		} else
			net_addrList_append(fallbacks, addr);
	}
}

runtime_error *
net_filterAddrList(bool (*filter)(const net_IPAddr *), const net_IPAddr *ips,
    int nips, net_Addr *(*inetaddr)(const net_IPAddr *, void *), void *arg,
    const char *originalAddr, net_addrList *addrs)
{
	int i;

	addrs->a = NULL;
	addrs->n = 0;
	for (i = 0; i < nips; i++)
		if (filter == NULL || filter(&ips[i]))
			net_addrList_append(addrs, inetaddr(&ips[i], arg));
	if (addrs->n == 0)
		return net_newAddrError(
		    runtime_error_Error(net_errNoSuitableAddress),
		    originalAddr);
	return NULL;
}

bool
net_ipv4only(const net_IPAddr *addr)
{
	return net_IP_To4(addr->IP).len != 0;
}

bool
net_ipv6only(const net_IPAddr *addr)
{
	return addr->IP.len == net_IPv6len && net_IP_To4(addr->IP).len == 0;
}

/*
 * SplitHostPortView is Go's SplitHostPort: it accepts "host:port",
 * "[host]:port" and "[host%zone]:port" (the brackets are what let an
 * IPv6 literal carry a port), and its results are pieces of hostport, as
 * Go's substrings are.  net_SplitHostPort copies them.
 */
runtime_error *
net_SplitHostPortView(
    const char *hostport, const char **host, size_t *hostlen, const char **port)
{
	static const char missingPort[] = "missing port in address";
	static const char tooManyColons[] = "too many colons in address";
	const char	 *end, *why;
	size_t		  n, j, k;
	int		  i;

	n = strlen(hostport);
	j = k = 0;

	/* The port starts after the last colon. */
	i = net_last(hostport, n, ':');
	why = missingPort;
	if (i < 0)
		goto fail;

	if (hostport[0] == '[') {
		/* Expect the first ']' just before the last ':'. */
		end = memchr(hostport, ']', n);
		if (end == NULL) {
			why = "missing ']' in address";
			goto fail;
		}
		if ((size_t)(end - hostport) + 1 == n)
			goto fail;
		if (end - hostport + 1 != i) {
			/* Either ']' isn't followed by a colon, or it is
			 * followed by a colon that is not the last one. */
			if (end[1] == ':')
				why = tooManyColons;
			goto fail;
		}
		/* No '[' can come before j, no ']' before k. */
		j = 1;
		k = (size_t)(end - hostport) + 1;
	} else if (memchr(hostport, ':', (size_t)i) != NULL) {
		why = tooManyColons;
		goto fail;
	}
	why = "unexpected '[' in address";
	if (memchr(hostport + j, '[', n - j) != NULL)
		goto fail;
	why = "unexpected ']' in address";
	if (memchr(hostport + k, ']', n - k) != NULL)
		goto fail;
	*host = hostport + j;
	*hostlen = k > 0 ? k - 2 : (size_t)i;
	*port = hostport + i + 1;
	return NULL;
fail:
	*host = *port = "";
	*hostlen = 0;
	return net_newAddrError(why, hostport);
}

/* SplitHostPort is the view with both pieces copied to the heap. */
runtime_error *
net_SplitHostPort(const char *hostport, char **host, char **port)
{
	runtime_error *err;
	const char    *h, *p;
	size_t	       hn;

	err = net_SplitHostPortView(hostport, &h, &hn, &p);
	*host = runtime_strndup(h, hn);
	*port = runtime_strdup(p);
	return err;
}

/*
 * splitHostZone cuts s[0:n] at its last '%': *hostn bytes of s are the
 * host, and the zone follows (*zone, *zonen; NULL, 0 when there is none).
 * A '%' in first position is part of the host, as in Go.
 */
void
net_splitHostZone(
    const char *s, size_t n, size_t *hostn, const char **zone, size_t *zonen)
{
	int i;

	i = net_last(s, n, '%');
	if (i > 0) {
		*hostn = i;
		*zone = s + i + 1;
		*zonen = n - i - 1;
	} else {
		*hostn = n;
		*zone = NULL;
		*zonen = 0;
	}
}

/* JoinHostPort brackets any host with a colon in it, IPv6 literals. */
char *
net_JoinHostPort(const char *host, const char *port)
{
	if (strchr(host, ':') != NULL)
		return runtime_concatstrings(
		    "[", host, "]:", port, (char *)NULL);
	return runtime_concatstrings(host, ":", port, (char *)NULL);
}

/* The closure inetaddr of internetAddrList captures net and portnum. */
struct net_inetaddrEnv {
	const char *net;
	int	    portnum;
};

static net_Addr *
net_inetaddr(const net_IPAddr *ip, void *arg)
{
	struct net_inetaddrEnv *env = arg;
	const char	       *net = env->net;

	if (strncmp(net, "tcp", 3) == 0)
		return &net_newTCPAddr(ip->IP, env->portnum, ip->Zone)->addr;
	if (strncmp(net, "udp", 3) == 0)
		return &net_newUDPAddr(ip->IP, env->portnum, ip->Zone)->addr;
	if (strncmp(net, "ip", 2) == 0)
		return &net_newIPAddr(ip->IP, ip->Zone)->addr;
	runtime_throw("unexpected network");
}

static bool
net_isInternetNetwork(const char *net, const char *base)
{
	size_t n;

	n = strlen(base);
	return strncmp(net, base, n) == 0 &&
	    (net[n] == '\0' ||
		((net[n] == '4' || net[n] == '6') && net[n + 1] == '\0'));
}

/*
 * internetAddrList resolves addr ("host:port" for tcp and udp, a host for
 * ip) into the addresses net can use.  Go's ctx parameter is absent: gonet
 * has no package context yet.  *addrs is empty on error.
 */
runtime_error *
net_Resolver_internetAddrList(net_Resolver *r, context_Context *ctx,
    const char *net, const char *addr, net_addrList *addrs)
{
	struct net_inetaddrEnv env;
	runtime_error	      *err;
	const char	      *hostv, *port;
	char		      *host;
	size_t		       hostlen;
	net_IPAddr	      *ips, *ips2;
	int		       nips;
	bool (*filter)(const net_IPAddr *);
	size_t n;

	addrs->a = NULL;
	addrs->n = 0;
	host = NULL;
	env.net = net;
	env.portnum = 0;
	if (net_isInternetNetwork(net, "tcp") ||
	    net_isInternetNetwork(net, "udp")) {
		if (addr[0] != '\0') {
			if ((err = net_SplitHostPortView(
				 addr, &hostv, &hostlen, &port)) != NULL)
				goto out;
			if ((err = net_Resolver_LookupPort(
				 r, ctx, net, port, &env.portnum)) != NULL)
				goto out;
			host = runtime_strndup(hostv, hostlen);
		}
	} else if (net_isInternetNetwork(net, "ip")) {
		if (addr[0] != '\0')
			host = runtime_strdup(addr);
	} else
		return net_newUnknownNetworkError(net);
	if (host == NULL || host[0] == '\0') {
		net_addrList_append(
		    addrs, net_inetaddr(&(net_IPAddr){ 0 }, &env));
		err = NULL;
		goto out;
	}

	if ((err = net_Resolver_lookupIPAddr(r, ctx, net, host, &ips, &nips)) !=
	    NULL)
		goto out;
	/*
	 * A lone "::" also means the IPv4 wildcard.  The lookup's block
	 * cannot grow, so the pair gets a block of its own.
	 */
	if (nips == 1 && net_IP_Equal(ips[0].IP, net_IPv6unspecified)) {
		ips2 = runtime_malloc(2 * sizeof(*ips2));
		ips2[0] = ips[0];
		ips2[1].IP = net_IPv4zero;
		nips = 2;
	} else
		ips2 = NULL;

	filter = NULL;
	n = strlen(net);
	if (n > 0 && net[n - 1] == '4')
		filter = net_ipv4only;
	if (n > 0 && net[n - 1] == '6')
		filter = net_ipv6only;
	err = net_filterAddrList(filter, ips2 != NULL ? ips2 : ips, nips,
	    net_inetaddr, &env, host, addrs);
	free(ips2);
	free(ips);
out:
	free(host);
	return err;
}

/* loopbackIP's IPv4 answer is 4 bytes long, as Go's IP{127, 0, 0, 1}. */
net_IP
net_loopbackIP(const char *net)
{
	net_IP ip = { net_IPv4len, { 127, 0, 0, 1 } };
	size_t n;

	n = strlen(net);
	if (n > 0 && net[n - 1] == '6')
		return net_IPv6loopback;
	return ip;
}
