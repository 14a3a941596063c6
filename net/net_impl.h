/*
 * gonet net: declarations shared between the files of net/ (and exposed to
 * the tests through tests/export_test.h), never exported from the shared
 * library.  Unexported Go names keep their Go spelling after net_.
 *
 * Internal strings follow Go's (pointer, length) shape where Go slices them,
 * so that a substring needs no copy: a function that takes `const char *s,
 * size_t n` reads exactly n bytes and does not need a NUL.
 */
#ifndef GONET_NET_IMPL_H
#define GONET_NET_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net.h"
#include "runtime/runtime_impl.h"

#define nelem(x)	(sizeof(x) / sizeof((x)[0]))

/* parse.c */

/* ip.c */
/*
 * net_parseIPZone parses s[0:n] as an IP literal with an optional IPv6 zone
 * ("fe80::1%eth0").  The zone is returned as a pointer into s and a length
 * (NULL, 0 when there is none); the IP is nil (len 0) when s is not valid.
 */
net_IP	net_parseIPZone(const char *s, size_t n, const char **zone,
	    size_t *zonelen);

/* mac.c */

/* net.c: error constructors */

/* ipsock.c, tcpsock.c, udpsock.c, iprawsock.c, unixsock.c, dial.c */

/* lookup.c, dnsclient_unix.c, hosts.c, port.c, port_unix.c */
/*
 * net_Resolver stands for Go's *Resolver; NULL is DefaultResolver.  Its
 * fields arrive with the DNS resolver.
 */
typedef struct net_Resolver net_Resolver;

/*
 * net_Resolver_lookupIPAddr is Go's (*Resolver).lookupIPAddr: network is
 * "ip", "ip4" or "ip6".  On success *addrs is one malloc'd block holding
 * *naddrs IPAddr values and their zone strings (free() releases it all);
 * until the DNS resolver exists, a name the hosts file does not know fails
 * with Go's DNSError for a host not found.
 */
runtime_error	*net_Resolver_lookupIPAddr(net_Resolver *r, const char *network,
		    const char *host, net_IPAddr **addrs, int *naddrs);
/* net_Resolver_LookupPort is Go's (*Resolver).LookupPort. */
runtime_error	*net_Resolver_LookupPort(net_Resolver *r, const char *network,
		    const char *service, int *port);

#endif /* GONET_NET_IMPL_H */
