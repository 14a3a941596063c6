/*
 * C port of go1.19 src/net/dial.go: the resolution part (parseNetwork,
 * resolveAddrList).  Dialer and Dial come with the socket layer.
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static bool
net_isOneOf(const char *s, const char *a, const char *b, const char *c)
{
	return strcmp(s, a) == 0 || strcmp(s, b) == 0 || strcmp(s, c) == 0;
}

/*
 * parseNetwork splits "ip4:icmp" into its family network and protocol
 * number.  Raw IP sockets need a protocol, so a bare "ip" is an unknown
 * network when needsProto is set.  Go's ctx parameter is absent.
 */
runtime_error *
net_parseNetwork(const char *network, bool needsProto, char **afnet, int *proto)
{
	const char    *protostr;
	runtime_error *err;
	size_t	       n;
	int	       i;
	bool	       ok;

	*afnet = NULL;
	*proto = 0;
	n = strlen(network);
	i = net_last(network, n, ':');
	if (i < 0) {
		if (net_isOneOf(network, "tcp", "tcp4", "tcp6") ||
		    net_isOneOf(network, "udp", "udp4", "udp6") ||
		    net_isOneOf(network, "unix", "unixgram", "unixpacket"))
			;
		else if (net_isOneOf(network, "ip", "ip4", "ip6")) {
			if (needsProto)
				return net_newUnknownNetworkError(network);
		} else
			return net_newUnknownNetworkError(network);
		*afnet = runtime_strdup(network);
		return NULL;
	}
	*afnet = runtime_strndup(network, i);
	if (net_isOneOf(*afnet, "ip", "ip4", "ip6")) {
		protostr = network + i + 1;
		ok = net_dtoi(protostr, n - i - 1, proto, &i);
		if (!ok || (size_t)i != strlen(protostr)) {
			if ((err = net_lookupProtocol(protostr, proto)) !=
			    NULL) {
				free(*afnet);
				*afnet = NULL;
				*proto = 0;
				return err;
			}
		}
		return NULL;
	}
	free(*afnet);
	*afnet = NULL;
	return net_newUnknownNetworkError(network);
}

/*
 * resolveAddrList turns an address string into the addresses op may use.
 * Go also filters the list against a dialer's local address (hint) for
 * op "dial"; that part arrives with Dialer, and hint is unused until then.
 */
runtime_error *
net_Resolver_resolveAddrList(net_Resolver *r, const char *op,
    const char *network, const char *addr, const net_Addr *hint,
    net_addrList *addrs)
{
	net_UnixAddr  *ua;
	runtime_error *err;
	char	      *afnet;
	int	       proto;

	(void)hint;
	addrs->a = NULL;
	addrs->n = 0;
	if ((err = net_parseNetwork(network, true, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(op, "dial") == 0 && addr[0] == '\0') {
		err = net_errMissingAddress;
		goto out;
	}
	if (net_isOneOf(afnet, "unix", "unixgram", "unixpacket")) {
		if ((err = net_ResolveUnixAddr(afnet, addr, &ua)) != NULL)
			goto out;
		addrs->a = runtime_malloc(sizeof(*addrs->a));
		addrs->a[0] = &ua->addr;
		addrs->n = 1;
		goto out;
	}
	err = net_Resolver_internetAddrList(r, afnet, addr, addrs);
out:
	free(afnet);
	return err;
}
