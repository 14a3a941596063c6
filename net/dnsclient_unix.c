/*
 * C port of go1.19 src/net/dnsclient_unix.go: the hosts-file half of the
 * pure resolver.  The DNS exchange (resolv.conf, queries, answers) arrives
 * with the resolver issue; until then a name the hosts file does not know
 * fails the way an NXDOMAIN answer would.  It also holds absDomainName
 * and isDomainName from dnsclient.go, which gonet has no file for yet.
 * built on: unix
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/* dnsclient.go */

/*
 * net_isDomainName reports whether s[0:n] is a name DNS could be asked
 * about: LDH labels plus underscore labels (Go issue 12421), at most 63
 * bytes a label and 253 in all (254 with the root dot), not all digits.
 */
bool
net_isDomainName(const char *s, size_t n)
{
	bool   nonNumeric;
	size_t i, partlen;
	char   c, last;

	/* The root is a domain name too (Go issue 45715). */
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 0 || n > 254 || (n == 254 && s[n - 1] != '.'))
		return false;

	last = '.';
	nonNumeric = false;
	partlen = 0;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') ||
		    c == '_') {
			nonNumeric = true;
			partlen++;
		} else if ('0' <= c && c <= '9')
			partlen++;
		else if (c == '-') {
			/* A label cannot start with a dash. */
			if (last == '.')
				return false;
			partlen++;
			nonNumeric = true;
		} else if (c == '.') {
			/* Nor end with one, nor be empty. */
			if (last == '.' || last == '-')
				return false;
			if (partlen > 63 || partlen == 0)
				return false;
			partlen = 0;
		} else
			return false;
		last = c;
	}
	if (last == '-' || partlen > 63)
		return false;
	return nonNumeric;
}

/*
 * net_absDomainName makes a dotted name absolute so that hosts-file
 * answers look like DNS ones (Go issue 12189), but leaves single-label
 * names such as "localhost" alone: those are most likely local.
 */
char *
net_absDomainName(const char *s, size_t n)
{
	char *r;

	if (memchr(s, '.', n) != NULL && s[n - 1] != '.') {
		r = runtime_malloc(n + 2);
		memcpy(r, s, n);
		r[n] = '.';
		return r;
	}
	return runtime_strndup(s, n);
}

/* dnsclient_unix.go */

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
