/*
 * C port of go1.19 src/net/lookup.go: the parts that need no DNS (the
 * protocol and service tables, LookupPort, lookupIPAddr).  It also holds
 * lookup_unix.go's readProtocols and lookupProtocol (built on: unix),
 * which gonet has no separate file for yet.
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * A name-to-number row of Go's protocols and services maps.  Go's maps
 * start from a small built-in table that the system files extend; here
 * the built-in rows stay in a const array and the rows read from the
 * files go to a growing array.  The files hold a few hundred rows and are
 * read once, so a linear scan costs less than it would to hash them.
 */
typedef struct net_nameEntry {
	const char *netw; /* services only: "tcp", "udp", ... */
	const char *name;
	int	    num;
} net_nameEntry;

typedef struct net_nameTable {
	net_nameEntry *e;
	size_t	       n;
	size_t	       cap;
} net_nameTable;

/*
 * Go's protocols: the minimum every platform knows, from the IANA
 * protocol numbers; /etc/protocols adds the rest on Unix.
 */
static const net_nameEntry net_protocols[] = {
	{ NULL, "icmp", 1 },
	{ NULL, "igmp", 2 },
	{ NULL, "tcp", 6 },
	{ NULL, "udp", 17 },
	{ NULL, "ipv6-icmp", 58 },
};

/*
 * Go's services: the ports every platform knows, from the IANA service
 * names; /etc/services adds to and overrides them on Unix.
 */
static const net_nameEntry net_services[] = {
	{ "udp", "domain", 53 },
	{ "tcp", "ftp", 21 },
	{ "tcp", "ftps", 990 },
	{ "tcp", "gopher", 70 },
	{ "tcp", "http", 80 },
	{ "tcp", "https", 443 },
	{ "tcp", "imap2", 143 },
	{ "tcp", "imap3", 220 },
	{ "tcp", "imaps", 993 },
	{ "tcp", "pop3", 110 },
	{ "tcp", "pop3s", 995 },
	{ "tcp", "smtp", 25 },
	{ "tcp", "ssh", 22 },
	{ "tcp", "telnet", 23 },
};

/*
 * The rows read from /etc/protocols and /etc/services.  They are written
 * only inside their sync_Once and never freed, like Go's package maps.
 */
static net_nameTable net_protocolsRead;
static net_nameTable net_servicesRead;

/* The longest protocol name the lookup accepts: Go's maxProtoLength. */
enum { net_maxProtoLength = sizeof("RSVP-E2E-IGNORE") - 1 + 10 };

/* The longest service name the lookup accepts: Go's maxPortBufSize. */
enum { net_maxPortBufSize = sizeof("mobility-header") - 1 + 10 };

static bool
net_nameEntry_match(const net_nameEntry *e, const char *netw, const char *name)
{
	if (netw != NULL && strcmp(e->netw, netw) != 0)
		return false;
	return strcmp(e->name, name) == 0;
}

static net_nameEntry *
net_nameTable_find(net_nameTable *t, const char *netw, const char *name)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		if (net_nameEntry_match(&t->e[i], netw, name))
			return &t->e[i];
	return NULL;
}

static const net_nameEntry *
net_builtinFind(
    const net_nameEntry *tab, size_t n, const char *netw, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (net_nameEntry_match(&tab[i], netw, name))
			return &tab[i];
	return NULL;
}

/* net_nameTable_add appends a row; netw may be NULL.  It copies both. */
static void
net_nameTable_add(net_nameTable *t, const char *netw, size_t netwlen,
    const char *name, size_t namelen, int num)
{
	net_nameEntry *e;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 64 : 2 * t->cap;
		t->e = runtime_realloc(t->e, t->cap * sizeof(t->e[0]));
	}
	e = &t->e[t->n++];
	e->netw = netw != NULL ? runtime_strndup(netw, netwlen) : NULL;
	e->name = runtime_strndup(name, namelen);
	e->num = num;
}

/*
 * net_protocols_lookup reads Go's protocols[name]: a built-in row wins
 * because readProtocols never overrides one.
 */
static const net_nameEntry *
net_protocols_lookup(const char *name)
{
	const net_nameEntry *e;

	e = net_builtinFind(net_protocols, nelem(net_protocols), NULL, name);
	if (e == NULL)
		e = net_nameTable_find(&net_protocolsRead, NULL, name);
	return e;
}

/*
 * net_protocols_setDefault is readProtocols' "add unless present" on
 * protocols[name[0:n]].
 */
static void
net_protocols_setDefault(const char *name, size_t n, int proto)
{
	char *key;

	key = runtime_strndup(name, n);
	if (net_protocols_lookup(key) == NULL)
		net_nameTable_add(&net_protocolsRead, NULL, 0, name, n, proto);
	free(key);
}

/*
 * net_services_lookup reads Go's services[netw][name]: the file's rows
 * override the built-in ones, as the assignments in readServices do.
 */
static const net_nameEntry *
net_services_lookup(const char *netw, const char *name)
{
	const net_nameEntry *e;

	e = net_nameTable_find(&net_servicesRead, netw, name);
	if (e == NULL)
		e = net_builtinFind(
		    net_services, nelem(net_services), netw, name);
	return e;
}

void
net_services_set(const char *netw, size_t netwlen, const char *name,
    size_t namelen, int port)
{
	net_nameEntry *e;
	char	      *n, *k;

	n = runtime_strndup(netw, netwlen);
	k = runtime_strndup(name, namelen);
	e = net_nameTable_find(&net_servicesRead, n, k);
	if (e != NULL)
		e->num = port;
	else
		net_nameTable_add(
		    &net_servicesRead, netw, netwlen, name, namelen, port);
	free(k);
	free(n);
}

void
net_services_reset(void)
{
	size_t i;

	for (i = 0; i < net_servicesRead.n; i++) {
		free((char *)net_servicesRead.e[i].netw);
		free((char *)net_servicesRead.e[i].name);
	}
	free(net_servicesRead.e);
	net_servicesRead = (net_nameTable){ 0 };
}

runtime_error *
net_lookupProtocolMap(const char *name, int *proto)
{
	char		     lowerProtocol[net_maxProtoLength + 1];
	const net_nameEntry *e;
	size_t		     n;

	*proto = 0;
	n = strnlen(name, net_maxProtoLength);
	memcpy(lowerProtocol, name, n);
	lowerProtocol[n] = '\0';
	net_lowerASCIIBytes(lowerProtocol, n);
	e = net_protocols_lookup(lowerProtocol);
	if (e == NULL || n != strlen(name))
		return net_newAddrError("unknown IP protocol specified", name);
	*proto = e->num;
	return NULL;
}

runtime_error *
net_lookupPortMap(const char *network, const char *service, int *port)
{
	char		     lowerService[net_maxPortBufSize + 1];
	const net_nameEntry *e;
	runtime_error	    *err;
	char		    *addr;
	size_t		     n;

	*port = 0;
	if (strcmp(network, "tcp4") == 0 || strcmp(network, "tcp6") == 0)
		network = "tcp";
	else if (strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0)
		network = "udp";

	n = strnlen(service, net_maxPortBufSize);
	memcpy(lowerService, service, n);
	lowerService[n] = '\0';
	net_lowerASCIIBytes(lowerService, n);
	e = net_services_lookup(network, lowerService);
	if (e != NULL && n == strlen(service)) {
		*port = e->num;
		return NULL;
	}
	addr = runtime_concatstrings(network, "/", service, (char *)NULL);
	err = net_newAddrError("unknown port", addr);
	free(addr);
	return err;
}

char
net_ipVersion(const char *network)
{
	char n;

	if (network[0] == '\0')
		return 0;
	n = network[strlen(network) - 1];
	if (n != '4' && n != '6')
		n = 0;
	return n;
}

/*
 * net_newIPAddrs packs n addresses and their zones into one block: the
 * IPAddr array, then the zone strings it points to, so that one free()
 * releases everything.  zones may be NULL when no address has a zone.
 */
net_IPAddr *
net_newIPAddrs(const net_IP *ips, const net_string *zones, int n)
{
	net_IPAddr *addrs;
	size_t	    size;
	char	   *p;
	int	    i;

	size = (size_t)n * sizeof(addrs[0]);
	for (i = 0; zones != NULL && i < n; i++)
		size += zones[i].n + 1;
	addrs = runtime_malloc(size);
	p = (char *)(addrs + n);
	for (i = 0; i < n; i++) {
		net_IPAddr_Addr(&addrs[i]);
		addrs[i].IP = ips[i];
		addrs[i].Zone = "";
		if (zones != NULL && zones[i].n > 0) {
			memcpy(p, zones[i].p, zones[i].n);
			addrs[i].Zone = p;
			p += zones[i].n + 1;
		}
	}
	return addrs;
}

/*
 * net_Resolver_lookupIPAddr leaves out Go's singleflight group, context
 * and trace hooks: a lookup from the hosts file finishes at once, so
 * sharing in-flight lookups and cancelling them buys nothing yet.  They
 * arrive with the DNS resolver.
 */
runtime_error *
net_Resolver_lookupIPAddr(net_Resolver *r, const char *network,
    const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_string zone;
	net_IP	   ip;

	*addrs = NULL;
	*naddrs = 0;
	/* parseIPZone accepts "", which must never resolve. */
	if (host[0] == '\0')
		return net_newDNSError(runtime_error_Error(net_errNoSuchHost),
		    host, NULL, false, false, true);
	ip = net_parseIPZone(host, strlen(host), &zone.p, &zone.n);
	if (ip.len != 0) {
		*addrs = net_newIPAddrs(&ip, &zone, 1);
		*naddrs = 1;
		return NULL;
	}
	/*
	 * lookup_unix.go's lookupIP settles on goLookupIP whenever cgo is
	 * out of the picture, which gonet always is.  Go's singleflight
	 * group that shares concurrent identical lookups comes with DNS.
	 */
	return net_testHookLookupIP(
	    r, net_Resolver_goLookupIP, network, host, addrs, naddrs);
}

runtime_error *
net_LookupPort(const char *network, const char *service, int *port)
{
	return net_Resolver_LookupPort(NULL, network, service, port);
}

/* net_isPortNetwork lists the networks Go's LookupPort switch accepts. */
static bool
net_isPortNetwork(const char *network)
{
	static const char *const networks[] = { "tcp", "tcp4", "tcp6", "udp",
		"udp4", "udp6" };
	size_t			 i;

	for (i = 0; i < nelem(networks); i++)
		if (strcmp(network, networks[i]) == 0)
			return true;
	return false;
}

runtime_error *
net_Resolver_LookupPort(
    net_Resolver *r, const char *network, const char *service, int *port)
{
	runtime_error *err;
	bool	       needsLookup;

	(void)r;
	*port = net_parsePort(service, &needsLookup);
	if (needsLookup) {
		if (network[0] == '\0')
			/* Go 1.0 took "" as any network; it stays a hint. */
			network = "ip";
		else if (!net_isPortNetwork(network))
			return net_newAddrError("unknown network", network);
		/*
		 * lookup_unix.go's lookupPort tries cgo first when it can;
		 * gonet has no cgo, so it is goLookupPort directly.
		 */
		err = net_goLookupPort(network, service, port);
		if (err != NULL) {
			*port = 0;
			return err;
		}
	}
	if (0 > *port || *port > 65535) {
		*port = 0;
		return net_newAddrError("invalid port", service);
	}
	return NULL;
}

/* lookup_unix.go (built on: unix) */

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
