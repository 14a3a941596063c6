/*
 * C port of go1.19 src/net/lookup_unix.go: /etc/protocols, and the choice
 * between cgo and the pure resolver for each lookup.  gonet has no cgo, so
 * every choice lands on the pure resolver, as in a Go binary built with
 * CGO_ENABLED=0; what remains of each function is the order it uses.
 * built on: unix
 */
#include <stdlib.h>
#include <string.h>

#include "net/dnsclient.h"

static sync_Once net_onceReadProtocols;

/*
 * net_readProtocols adds /etc/protocols to the protocol table; a missing
 * file leaves the built-in rows alone, as in Go.
 */
static void
net_readProtocols(void *unused)
{
	runtime_error *err;
	net_string    *f;
	net_file      *file;
	size_t	       nf, i;
	char	      *line, *hash;
	size_t	       n;
	int	       proto, j;

	(void)unused;
	if ((err = net_open("/etc/protocols", &file)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	while (net_file_readLine(file, &line, &n)) {
		/* "tcp    6   TCP    # transmission control protocol" */
		if ((hash = memchr(line, '#', n)) != NULL)
			n = (size_t)(hash - line);
		f = net_getFields(line, n, &nf);
		if (nf >= 2 && net_dtoi(f[1].p, f[1].n, &proto, &j)) {
			net_protocols_setDefault(f[0].p, f[0].n, proto);
			for (i = 2; i < nf; i++)
				net_protocols_setDefault(f[i].p, f[i].n, proto);
		}
		free(f);
	}
	net_file_close(file);
}

runtime_error *
net_lookupProtocol(const char *name, int *proto)
{
	sync_Once_Do(&net_onceReadProtocols, net_readProtocols, NULL);
	return net_lookupProtocolMap(name, proto);
}

/*
 * net_Resolver_lookupHost: the order conf.c picks, except that "cgo",
 * having no cgo to go to, falls back to files then DNS as Go's does.
 */
runtime_error *
net_Resolver_lookupHost(net_Resolver *r, context_Context *ctx, const char *host,
    char ***addrs, int *n)
{
	net_hostLookupOrder order;

	order = net_conf_hostLookupOrder(net_systemConf(), r, host);
	if (!net_Resolver_preferGo(r) && order == net_hostLookupCgo)
		order = net_hostLookupFilesDNS;
	return net_Resolver_goLookupHostOrder(r, ctx, host, order, addrs, n);
}

runtime_error *
net_Resolver_lookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_hostLookupOrder order;

	if (net_Resolver_preferGo(r))
		return net_Resolver_goLookupIP(
		    r, ctx, network, host, addrs, naddrs);
	order = net_conf_hostLookupOrder(net_systemConf(), r, host);
	if (order == net_hostLookupCgo)
		order = net_hostLookupFilesDNS;
	return net_Resolver_goLookupIPCNAMEOrder(
	    r, ctx, network, host, order, addrs, naddrs, NULL);
}

runtime_error *
net_Resolver_lookupPort(net_Resolver *r, context_Context *ctx,
    const char *network, const char *service, int *port)
{
	(void)r;
	(void)ctx;
	return net_goLookupPort(network, service, port);
}

runtime_error *
net_Resolver_lookupCNAME(
    net_Resolver *r, context_Context *ctx, const char *name, char **cname)
{
	return net_Resolver_goLookupCNAME(r, ctx, name, cname);
}

runtime_error *
net_Resolver_lookupAddr(net_Resolver *r, context_Context *ctx, const char *addr,
    char ***names, int *n)
{
	return net_Resolver_goLookupPTR(r, ctx, addr, names, n);
}
