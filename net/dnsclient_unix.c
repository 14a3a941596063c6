/*
 * C port of go1.19 src/net/dnsclient_unix.go: the hosts-file half of the
 * pure resolver.  The DNS exchange (resolv.conf, queries, answers) arrives
 * with the resolver issue; until then a name the hosts file does not know
 * fails the way an NXDOMAIN answer would.  built on: unix
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * net_goLookupIPFiles turns the hosts file's literal addresses for name
 * into IPAddrs.  Go then sorts them by RFC 6724 (addrselect.go); gonet
 * has no port of that yet, so they keep the hosts file's order.
 */
net_IPAddr *
net_goLookupIPFiles(const char *name, int *naddrs)
{
	net_string *zones, *haddrs;
	net_IPAddr *addrs;
	net_IP	   *ips, ip;
	size_t	    hostn;
	int	    n, i, k;

	*naddrs = 0;
	haddrs = net_lookupStaticHost(name, strlen(name), &n);
	if (haddrs == NULL)
		return NULL;
	ips = runtime_malloc((size_t)n * sizeof(ips[0]));
	zones = runtime_malloc((size_t)n * sizeof(zones[0]));
	k = 0;
	for (i = 0; i < n; i++) {
		net_splitHostZone(
		    haddrs[i].p, haddrs[i].n, &hostn, &zones[k].p, &zones[k].n);
		/*
		 * The copy is ours: cut the host part off as a C string.  It
		 * is IP.String()'s text, so it holds no NUL of its own.
		 */
		((char *)haddrs[i].p)[hostn] = '\0';
		ip = net_ParseIP(haddrs[i].p);
		if (ip.len != 0)
			ips[k++] = ip;
	}
	addrs = NULL;
	if (k > 0)
		addrs = net_newIPAddrs(ips, zones, k);
	*naddrs = k;
	free(zones);
	free(ips);
	free(haddrs);
	return addrs;
}

/*
 * net_Resolver_goLookupIP is goLookupIP and goLookupIPCNAMEOrder for the
 * files-then-DNS order (hostLookupFilesDNS), the order conf.go picks for
 * the usual "hosts: files dns" in nsswitch.conf.  network selects the DNS
 * query types only: the hosts file's answer is not filtered here, as in
 * Go, where the callers of lookupIPAddr filter by family.
 */
runtime_error *
net_Resolver_goLookupIP(net_Resolver *r, const char *network, const char *host,
    net_IPAddr **addrs, int *naddrs)
{
	const char *name;

	(void)r;
	(void)network;
	name = host;
	*addrs = net_goLookupIPFiles(name, naddrs);
	if (*naddrs > 0)
		return NULL;
	/* Go never sends a name that is not a domain name. */
	if (!net_isDomainName(name, strlen(name)))
		return net_newDNSError(runtime_error_Error(net_errNoSuchHost),
		    name, NULL, false, false, true);
	/*
	 * The DNS exchange belongs here.  Until the resolver exists gonet
	 * answers as an NXDOMAIN reply would, except that Server, the
	 * nameserver's address, stays empty: Error() reads "lookup NAME: no
	 * such host" where Go reads "lookup NAME on SERVER: no such host".
	 */
	return net_newDNSError(runtime_error_Error(net_errNoSuchHost), name,
	    NULL, false, false, true);
}
