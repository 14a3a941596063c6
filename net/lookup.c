/*
 * C port of go1.19 src/net/lookup.go: the protocol and service tables,
 * the Resolver and its Lookup methods, and the goLookup functions for
 * SRV, MX, NS and TXT records.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "context/context_impl.h"
#include "internal/singleflight/singleflight.h"
#include "net/dnsclient.h"

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
void
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
 * A lookupIPAddr's own state, shared by its caller, the singleflight
 * function it may start and, when the caller stops waiting, the goroutine
 * that drains the result: whoever lets go last frees it.
 */
typedef struct net_lookupCall {
	atomic_int	 refs;
	net_Resolver	*r;	/* &rcopy, or NULL */
	net_Resolver	 rcopy; /* the caller's may be gone before the end */
	context_Context *ctx;	/* the lookup's own, cancelled on abandon */
	context_Context *vctx;	/* ctx's parent: the caller's values only */
	char		*network, *host;
	runtime_hchan	*ch; /* DoChan's channel */
} net_lookupCall;

/*
 * withUnexpiredValuesPreserved is Go's: a context with lookupCtx's values
 * while lookupCtx is not done, otherwise never cancelled and with no
 * deadline (context_newOnlyValues, Go's onlyValuesCtx).
 */
context_Context *
net_withUnexpiredValuesPreserved(context_Context *lookupCtx)
{
	return context_newOnlyValues(lookupCtx);
}

static void
net_lookupCall_release(net_lookupCall *c)
{
	if (atomic_fetch_sub(&c->refs, 1) != 1)
		return;
	context_Free(c->ctx);
	context_Free(c->vctx);
	free(c->network);
	free(c->host);
	free(c);
}

/* What the lookup function hands to singleflight: Go's []IPAddr. */
typedef struct net_ipAddrs {
	net_IPAddr *addrs;
	int	    n;
} net_ipAddrs;

static void
net_ipAddrs_free(void *v)
{
	net_ipAddrs *a = v;

	free(a->addrs);
	free(a);
}

/* net_lookupCall_fn is the function lookupIPAddr gives lookupGroup. */
static runtime_error *
net_lookupCall_fn(void *arg, void **val)
{
	net_lookupCall *c = arg;
	net_ipAddrs    *a;
	runtime_error  *err;

	a = runtime_malloc(sizeof(*a));
	err = net_testHookLookupIP(c->r, c->ctx, net_Resolver_lookupIP,
	    c->network, c->host, &a->addrs, &a->n);
	*val = a;
	sync_WaitGroup_Done(&net_dnsWaitGroup);
	net_lookupCall_release(c);
	return err;
}

/*
 * net_lookupCall_drain is Go's "go func() { <-ch; lookupGroupCancel() }()"
 * for a caller that stopped waiting: the result still has to be received
 * and released.
 */
static void
net_lookupCall_drain(void *arg)
{
	net_lookupCall	   *c = arg;
	singleflight_Result res;

	runtime_chanrecv1(c->ch, &res);
	singleflight_Result_Release(&res);
	runtime_hchan_Free(c->ch);
	context_Cancel(c->ctx);
	net_lookupCall_release(c);
}

/*
 * net_lookupIPError is the caller's own copy of the lookup's error (the
 * singleflight call owns the original, which others may share).  Go
 * returns a DNSError as it is and wraps any other error in one.
 */
static runtime_error *
net_lookupIPError(runtime_error *err, const char *host)
{
	const net_DNSError *e;

	if (err == NULL)
		return NULL;
	if (err->type == &net_DNSErrorType) {
		e = (const net_DNSError *)err;
		return net_newDNSError(e->Err, e->Name, e->Server, e->IsTimeout,
		    e->IsTemporary, e->IsNotFound);
	}
	return net_newDNSError(runtime_error_Error(err), host, NULL,
	    err == context_DeadlineExceeded || net_Error_Timeout(err), false,
	    false);
}

/*
 * Go keeps a lookupGroup in each Resolver (DefaultResolver's for nil).
 * gonet's Resolver is a public struct without one, so one group serves
 * all, and the key starts with the Resolver's address: lookups share a
 * call only when Go's would.
 */
static singleflight_Group net_lookupGroup;

/* net_cloneIPAddrs copies an IPAddr block (zones included). */
static net_IPAddr *
net_cloneIPAddrs(const net_IPAddr *addrs, int n)
{
	net_string *zones;
	net_IPAddr *c;
	net_IP	   *ips;
	int	    i;

	ips = runtime_malloc((size_t)n * sizeof(ips[0]) + 1);
	zones = runtime_malloc((size_t)n * sizeof(zones[0]) + 1);
	for (i = 0; i < n; i++) {
		ips[i] = addrs[i].IP;
		zones[i].p = addrs[i].Zone != NULL ? addrs[i].Zone : "";
		zones[i].n = strlen(zones[i].p);
	}
	c = net_newIPAddrs(ips, zones, n);
	free(zones);
	free(ips);
	return c;
}

/*
 * net_Resolver_lookupIPAddr answers literals itself and sends names to
 * lookupIP through testHookLookupIP, in a singleflight group, so that
 * identical lookups in flight share one call (Go's lookupGroup).  The
 * call runs under a context of its own; if ctx ends first the caller
 * returns ctx's error, cancelling the call unless others share it.  The
 * call keeps a copy of *r; what r->DialArg points to must outlive it
 * (net_dnsWaitGroup counts it).
 */
runtime_error *
net_Resolver_lookupIPAddr(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	runtime_scase	    cases[2];
	singleflight_Result res;
	net_lookupCall	   *c;
	net_ipAddrs	   *val;
	runtime_error	   *err, *ctxErr;
	net_string	    zone;
	net_IP		    ip;
	char		   *key, rkey[2 * sizeof(void *) + 3];
	size_t		    keylen;
	bool		    first;

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
	if (ctx == NULL)
		ctx = context_Background();
	c = runtime_malloc(sizeof(*c));
	*c = (net_lookupCall){ .network = runtime_strdup(network),
		.host = runtime_strdup(host) };
	if (r != NULL) {
		c->rcopy = *r;
		c->r = &c->rcopy;
	}
	atomic_init(&c->refs, 2); /* the caller's and the function's */
	/*
	 * Go's lookupGroupCtx: the shared lookup outlives a caller who gives
	 * up, so it is cancelled only by its own cancel, yet it sees the
	 * caller's values while the caller's context lasts (Go issue 28600).
	 */
	c->vctx = net_withUnexpiredValuesPreserved(ctx);
	c->ctx = context_WithCancel(c->vctx);
	snprintf(rkey, sizeof(rkey), "%p",
	    (void *)(r != NULL ? r : net_DefaultResolver));
	key =
	    runtime_concatstrings(rkey, " ", network, "|", host, (char *)NULL);
	/* Go's key is network + "\000" + host; the NUL is the separator. */
	keylen = strlen(key);
	key[strlen(rkey) + 1 + strlen(network)] = '\0';
	sync_WaitGroup_Add(&net_dnsWaitGroup, 1);
	c->ch = singleflight_Group_DoChan(&net_lookupGroup, key, keylen,
	    net_lookupCall_fn, c, net_ipAddrs_free, &first);
	if (!first) {
		/* Our function will not run: another call answers. */
		sync_WaitGroup_Done(&net_dnsWaitGroup);
		net_lookupCall_release(c);
	}
	cases[0] = (runtime_scase){ context_Context_Done(ctx), NULL };
	cases[1] = (runtime_scase){ c->ch, &res };
	if (runtime_selectgo(cases, 0, 2, true, NULL) == 0) {
		if (singleflight_Group_ForgetUnshared(
			&net_lookupGroup, key, keylen))
			context_Cancel(c->ctx);
		runtime_Go(net_lookupCall_drain, c);
		free(key);
		ctxErr = context_Context_Err(ctx);
		return net_newDNSError(runtime_error_Error(net_mapErr(ctxErr)),
		    host, NULL, ctxErr == context_DeadlineExceeded, false,
		    false);
	}
	free(key);
	err = net_lookupIPError(res.Err, host);
	val = res.Val;
	if (err == NULL && val != NULL && val->n > 0) {
		/* lookupIPReturn: a shared result is cloned, ours is taken. */
		if (res.Shared)
			*addrs = net_cloneIPAddrs(val->addrs, val->n);
		else {
			*addrs = val->addrs;
			val->addrs = NULL;
		}
		*naddrs = val->n;
	}
	singleflight_Result_Release(&res);
	runtime_hchan_Free(c->ch);
	context_Cancel(c->ctx);
	net_lookupCall_release(c);
	return err;
}

runtime_error *
net_LookupPort(const char *network, const char *service, int *port)
{
	return net_Resolver_LookupPort(
	    net_DefaultResolver, NULL, network, service, port);
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
net_Resolver_LookupPort(net_Resolver *r, context_Context *ctx,
    const char *network, const char *service, int *port)
{
	runtime_error *err;
	bool	       needsLookup;

	*port = net_parsePort(service, &needsLookup);
	if (needsLookup) {
		if (network[0] == '\0')
			/* Go 1.0 took "" as any network; it stays a hint. */
			network = "ip";
		else if (!net_isPortNetwork(network))
			return net_newAddrError("unknown network", network);
		err = net_Resolver_lookupPort(r, ctx, network, service, port);
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

/* Go's DefaultResolver: a zero Resolver, the one NULL also stands for. */
static net_Resolver net_defaultResolver;
net_Resolver *const net_DefaultResolver = &net_defaultResolver;

bool
net_Resolver_preferGo(const net_Resolver *r)
{
	return r != NULL && r->PreferGo;
}

bool
net_Resolver_strictErrors(const net_Resolver *r)
{
	return r != NULL && r->StrictErrors;
}

/*
 * net_newStrings packs n strings of the given lengths into one block: the
 * pointer array, then each string with a NUL after it.  One free()
 * releases it all; NULL for n == 0, Go's nil slice.
 */
char **
net_newStrings(char *const *s, const size_t *lens, int n)
{
	char **a, *p;
	size_t size;
	int    i;

	if (n == 0)
		return NULL;
	size = (size_t)n * sizeof(a[0]);
	for (i = 0; i < n; i++)
		size += lens[i] + 1;
	a = runtime_malloc(size);
	p = (char *)(a + n);
	for (i = 0; i < n; i++) {
		memcpy(p, s[i], lens[i]);
		p[lens[i]] = '\0';
		a[i] = p;
		p += lens[i] + 1;
	}
	return a;
}

/* net_stringsOf is net_newStrings for Go strings (the hosts file's). */
char **
net_stringsOf(const net_string *s, int n)
{
	char  **a, **p;
	size_t *lens;
	int	i;

	p = runtime_malloc((size_t)n * sizeof(p[0]) + 1);
	lens = runtime_malloc((size_t)n * sizeof(lens[0]) + 1);
	for (i = 0; i < n; i++) {
		p[i] = (char *)s[i].p;
		lens[i] = s[i].n;
	}
	a = net_newStrings(p, lens, n);
	free(lens);
	free(p);
	return a;
}

/*
 * net_packRecords turns n records of size sz, each starting with a
 * malloc'd string (MX.Host, NS.Host, SRV.Target), into one block: the
 * array, then the strings.  It frees the strings and returns the block.
 */
static void *
net_packRecords(const void *recs, size_t sz, int n)
{
	const char *src;
	char	   *block, *p, *str;
	size_t	    size, l;
	int	    i;

	if (n == 0)
		return NULL;
	size = (size_t)n * sz;
	for (i = 0; i < n; i++) {
		memcpy(&str, (const char *)recs + (size_t)i * sz, sizeof(str));
		size += strlen(str) + 1;
	}
	block = runtime_malloc(size);
	memcpy(block, recs, (size_t)n * sz);
	p = block + (size_t)n * sz;
	for (i = 0; i < n; i++) {
		memcpy(&str, block + (size_t)i * sz, sizeof(str));
		src = str;
		l = strlen(src) + 1;
		memcpy(p, src, l);
		memcpy(block + (size_t)i * sz, &p, sizeof(p));
		p += l;
		free(str);
	}
	return block;
}

runtime_error *
net_LookupHost(const char *host, char ***addrs, int *n)
{
	return net_Resolver_LookupHost(
	    net_DefaultResolver, NULL, host, addrs, n);
}

runtime_error *
net_Resolver_LookupHost(net_Resolver *r, context_Context *ctx, const char *host,
    char ***addrs, int *n)
{
	size_t	    zonen, l;
	const char *zone;

	*addrs = NULL;
	*n = 0;
	if (host[0] == '\0')
		return net_newDNSError(runtime_error_Error(net_errNoSuchHost),
		    host, NULL, false, false, true);
	if (net_parseIPZone(host, strlen(host), &zone, &zonen).len != 0) {
		l = strlen(host);
		*addrs = net_newStrings((char *const *)&host, &l, 1);
		*n = 1;
		return NULL;
	}
	return net_Resolver_lookupHost(r, ctx, host, addrs, n);
}

runtime_error *
net_LookupIP(const char *host, net_IP **ips, int *n)
{
	runtime_error *err;
	net_IPAddr    *addrs;
	int	       i;

	*ips = NULL;
	err = net_Resolver_LookupIPAddr(
	    net_DefaultResolver, NULL, host, &addrs, n);
	if (err != NULL)
		return err;
	*ips = runtime_malloc((size_t)*n * sizeof((*ips)[0]) + 1);
	for (i = 0; i < *n; i++)
		(*ips)[i] = addrs[i].IP;
	free(addrs);
	return NULL;
}

runtime_error *
net_Resolver_LookupIPAddr(net_Resolver *r, context_Context *ctx,
    const char *host, net_IPAddr **addrs, int *n)
{
	return net_Resolver_lookupIPAddr(r, ctx, "ip", host, addrs, n);
}

runtime_error *
net_Resolver_LookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IP **ips, int *n)
{
	net_addrList   addrs;
	runtime_error *err;
	char	      *afnet;
	size_t	       i;
	int	       proto;

	*ips = NULL;
	*n = 0;
	if ((err = net_parseNetwork(network, false, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(afnet, "ip") != 0 && strcmp(afnet, "ip4") != 0 &&
	    strcmp(afnet, "ip6") != 0) {
		free(afnet);
		return net_newUnknownNetworkError(network);
	}
	err = net_Resolver_internetAddrList(r, ctx, afnet, host, &addrs);
	free(afnet);
	if (err != NULL)
		return err;
	*ips = runtime_malloc(addrs.n * sizeof((*ips)[0]) + 1);
	for (i = 0; i < addrs.n; i++)
		(*ips)[i] = ((net_IPAddr *)addrs.a[i])->IP;
	*n = (int)addrs.n;
	net_addrList_free(&addrs);
	return NULL;
}

runtime_error *
net_Resolver_LookupNetIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, netip_Addr **addrs, int *n)
{
	runtime_error *err;
	net_IP	      *ips;
	netip_Addr     a;
	bool	       ok;
	int	       nips, i;

	*addrs = NULL;
	*n = 0;
	if ((err = net_Resolver_LookupIP(r, ctx, network, host, &ips, &nips)) !=
	    NULL)
		return err;
	*addrs = runtime_malloc((size_t)nips * sizeof((*addrs)[0]) + 1);
	for (i = 0; i < nips; i++) {
		a = netip_AddrFromSlice(ips[i].b, ips[i].len, &ok);
		if (ok)
			(*addrs)[(*n)++] = a;
	}
	free(ips);
	return NULL;
}

/* errMalformedDNSRecordsDetail, the CVE-2021-33195 checks' text. */
static const char net_errMalformedDNSRecordsDetail[] =
    "DNS response contained records which contain invalid names";

runtime_error *
net_LookupCNAME(const char *host, char **cname)
{
	return net_Resolver_LookupCNAME(net_DefaultResolver, NULL, host, cname);
}

runtime_error *
net_Resolver_LookupCNAME(
    net_Resolver *r, context_Context *ctx, const char *host, char **cname)
{
	runtime_error *err;

	*cname = NULL;
	if ((err = net_Resolver_lookupCNAME(r, ctx, host, cname)) != NULL) {
		free(*cname);
		*cname = NULL;
		return err;
	}
	if (!net_isDomainName(*cname, strlen(*cname))) {
		free(*cname);
		*cname = NULL;
		return net_newDNSError(net_errMalformedDNSRecordsDetail, host,
		    NULL, false, false, false);
	}
	return NULL;
}

runtime_error *
net_LookupSRV(const char *service, const char *proto, const char *name,
    char **cname, net_SRV **addrs, int *n)
{
	return net_Resolver_LookupSRV(
	    net_DefaultResolver, NULL, service, proto, name, cname, addrs, n);
}

runtime_error *
net_Resolver_LookupSRV(net_Resolver *r, context_Context *ctx,
    const char *service, const char *proto, const char *name, char **cname,
    net_SRV **addrs, int *n)
{
	runtime_error *err;
	int	       i, k;

	err = net_Resolver_goLookupSRV(
	    r, ctx, service, proto, name, cname, addrs, n);
	if (err != NULL)
		return err;
	if ((*cname)[0] != '\0' && !net_isDomainName(*cname, strlen(*cname))) {
		free(*cname);
		free(*addrs);
		*cname = NULL;
		*addrs = NULL;
		*n = 0;
		return net_newDNSError("SRV header name is invalid", name, NULL,
		    false, false, false);
	}
	/* The strings stay in the block; only the array is compacted. */
	for (i = k = 0; i < *n; i++)
		if (net_isDomainName(
			(*addrs)[i].Target, strlen((*addrs)[i].Target)))
			(*addrs)[k++] = (*addrs)[i];
	if (k != *n) {
		*n = k;
		return net_newDNSError(net_errMalformedDNSRecordsDetail, name,
		    NULL, false, false, false);
	}
	return NULL;
}

runtime_error *
net_LookupMX(const char *name, net_MX **mx, int *n)
{
	return net_Resolver_LookupMX(net_DefaultResolver, NULL, name, mx, n);
}

runtime_error *
net_Resolver_LookupMX(net_Resolver *r, context_Context *ctx, const char *name,
    net_MX **mx, int *n)
{
	runtime_error *err;
	int	       i, k;

	if ((err = net_Resolver_goLookupMX(r, ctx, name, mx, n)) != NULL)
		return err;
	for (i = k = 0; i < *n; i++)
		if (net_isDomainName((*mx)[i].Host, strlen((*mx)[i].Host)))
			(*mx)[k++] = (*mx)[i];
	if (k != *n) {
		*n = k;
		return net_newDNSError(net_errMalformedDNSRecordsDetail, name,
		    NULL, false, false, false);
	}
	return NULL;
}

runtime_error *
net_LookupNS(const char *name, net_NS **ns, int *n)
{
	return net_Resolver_LookupNS(net_DefaultResolver, NULL, name, ns, n);
}

runtime_error *
net_Resolver_LookupNS(net_Resolver *r, context_Context *ctx, const char *name,
    net_NS **ns, int *n)
{
	runtime_error *err;
	int	       i, k;

	if ((err = net_Resolver_goLookupNS(r, ctx, name, ns, n)) != NULL)
		return err;
	for (i = k = 0; i < *n; i++)
		if (net_isDomainName((*ns)[i].Host, strlen((*ns)[i].Host)))
			(*ns)[k++] = (*ns)[i];
	if (k != *n) {
		*n = k;
		return net_newDNSError(net_errMalformedDNSRecordsDetail, name,
		    NULL, false, false, false);
	}
	return NULL;
}

runtime_error *
net_LookupTXT(const char *name, char ***txt, int *n)
{
	return net_Resolver_LookupTXT(net_DefaultResolver, NULL, name, txt, n);
}

runtime_error *
net_Resolver_LookupTXT(net_Resolver *r, context_Context *ctx, const char *name,
    char ***txt, int *n)
{
	return net_Resolver_goLookupTXT(r, ctx, name, txt, n);
}

runtime_error *
net_LookupAddr(const char *addr, char ***names, int *n)
{
	return net_Resolver_LookupAddr(
	    net_DefaultResolver, NULL, addr, names, n);
}

runtime_error *
net_Resolver_LookupAddr(net_Resolver *r, context_Context *ctx, const char *addr,
    char ***names, int *n)
{
	runtime_error *err;
	int	       i, k;

	if ((err = net_Resolver_lookupAddr(r, ctx, addr, names, n)) != NULL)
		return err;
	for (i = k = 0; i < *n; i++)
		if (net_isDomainName((*names)[i], strlen((*names)[i])))
			(*names)[k++] = (*names)[i];
	if (k != *n) {
		*n = k;
		return net_newDNSError(net_errMalformedDNSRecordsDetail, addr,
		    NULL, false, false, false);
	}
	return NULL;
}

runtime_error *
net_Resolver_dial(net_Resolver *r, context_Context *ctx, const char *network,
    const char *server, net_Conn **c)
{
	net_Dialer     d = { 0 };
	runtime_error *err;

	if (r != NULL && r->Dial != NULL)
		err = r->Dial(ctx, network, server, c, r->DialArg);
	else
		err = net_Dialer_DialContext(&d, ctx, network, server, c);
	if (err != NULL) {
		*c = NULL;
		return net_mapErr(err);
	}
	return NULL;
}

/*
 * net_dnsAnswer_next moves a to its next answer of type t: 1 when there
 * is one (its header in *h), 0 at the end, -1 when the reply breaks off,
 * with *err Go's DNSError of text errText for name (Go's goLookupPTR says
 * "cannot marshal DNS message" where the others say "unmarshal").
 */
int
net_dnsAnswer_next(net_dnsAnswer *a, dnsmessage_Type t,
    dnsmessage_ResourceHeader *h, const char *name, const char *errText,
    runtime_error **err)
{
	runtime_error *e;

	for (;;) {
		e = dnsmessage_Parser_AnswerHeader(&a->p, h);
		if (e == dnsmessage_ErrSectionDone)
			return 0;
		if (e != NULL)
			break;
		if (h->Type == t)
			return 1;
		if ((e = dnsmessage_Parser_SkipAnswer(&a->p)) != NULL)
			break;
	}
	runtime_error_Free(e);
	*err = net_newDNSError(errText, name, a->server, false, false, false);
	return -1;
}

/* net_growArray makes room in *a (of *cap elements of size sz) for n + 1. */
void
net_growArray(void **a, int n, int *cap, size_t sz)
{
	if (n < *cap)
		return;
	*cap = *cap == 0 ? 4 : 2 * *cap;
	*a = runtime_realloc(*a, (size_t)*cap * sz);
}

/* The goLookup functions' text for a reply that breaks off. */
static const char net_errUnmarshal[] = "cannot unmarshal DNS message";

/*
 * net_answerError is that error for a resource that breaks off after its
 * header.  It takes err.
 */
static runtime_error *
net_answerError(runtime_error *err, const char *name, const char *server)
{
	runtime_error_Free(err);
	return net_newDNSError(
	    net_errUnmarshal, name, server, false, false, false);
}

/* net_freeRecordStrings frees the first (string) field of n records. */
static void
net_freeRecordStrings(void *recs, size_t sz, int n)
{
	char *str;
	int   i;

	for (i = 0; i < n; i++) {
		memcpy(&str, (char *)recs + (size_t)i * sz, sizeof(str));
		free(str);
	}
}

runtime_error *
net_Resolver_goLookupSRV(net_Resolver *r, context_Context *ctx,
    const char *service, const char *proto, const char *name, char **cname,
    net_SRV **addrs, int *n)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_SRVResource	  srv;
	dnsmessage_Name		  cn = { 0 };
	net_dnsAnswer		  a;
	runtime_error		 *err;
	net_SRV			 *srvs;
	char			 *target;
	int			  k, cap;

	*cname = NULL;
	*addrs = NULL;
	*n = 0;
	if (service[0] == '\0' && proto[0] == '\0')
		target = runtime_strdup(name);
	else
		target = runtime_concatstrings(
		    "_", service, "._", proto, ".", name, (char *)NULL);
	err = net_Resolver_lookup(r, ctx, target, dnsmessage_TypeSRV, &a);
	free(target);
	if (err != NULL)
		return err;
	srvs = NULL;
	k = cap = 0;
	while ((net_dnsAnswer_next(&a, dnsmessage_TypeSRV, &h, name,
		   net_errUnmarshal, &err)) > 0) {
		if (cn.Length == 0 && h.Name.Length != 0)
			cn = h.Name;
		if ((err = dnsmessage_Parser_SRVResource(&a.p, &srv)) != NULL) {
			err = net_answerError(err, name, a.server);
			break;
		}
		net_growArray((void **)&srvs, k, &cap, sizeof(srvs[0]));
		srvs[k++] = (net_SRV){ dnsmessage_Name_String(&srv.Target),
			srv.Port, srv.Priority, srv.Weight };
	}
	net_dnsAnswer_free(&a);
	if (err != NULL) {
		net_freeRecordStrings(srvs, sizeof(srvs[0]), k);
		free(srvs);
		return err;
	}
	net_byPriorityWeight_sort(srvs, k);
	*addrs = net_packRecords(srvs, sizeof(srvs[0]), k);
	*n = k;
	free(srvs);
	*cname = dnsmessage_Name_String(&cn);
	return NULL;
}

runtime_error *
net_Resolver_goLookupMX(net_Resolver *r, context_Context *ctx, const char *name,
    net_MX **mx, int *n)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_MXResource	  rec;
	net_dnsAnswer		  a;
	runtime_error		 *err;
	net_MX			 *mxs;
	int			  k, cap;

	*mx = NULL;
	*n = 0;
	if ((err = net_Resolver_lookup(r, ctx, name, dnsmessage_TypeMX, &a)) !=
	    NULL)
		return err;
	mxs = NULL;
	k = cap = 0;
	while ((net_dnsAnswer_next(&a, dnsmessage_TypeMX, &h, name,
		   net_errUnmarshal, &err)) > 0) {
		if ((err = dnsmessage_Parser_MXResource(&a.p, &rec)) != NULL) {
			err = net_answerError(err, name, a.server);
			break;
		}
		net_growArray((void **)&mxs, k, &cap, sizeof(mxs[0]));
		mxs[k++] =
		    (net_MX){ dnsmessage_Name_String(&rec.MX), rec.Pref };
	}
	net_dnsAnswer_free(&a);
	if (err != NULL) {
		net_freeRecordStrings(mxs, sizeof(mxs[0]), k);
		free(mxs);
		return err;
	}
	net_byPref_sort(mxs, k);
	*mx = net_packRecords(mxs, sizeof(mxs[0]), k);
	*n = k;
	free(mxs);
	return NULL;
}

runtime_error *
net_Resolver_goLookupNS(net_Resolver *r, context_Context *ctx, const char *name,
    net_NS **ns, int *n)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_NSResource	  rec;
	net_dnsAnswer		  a;
	runtime_error		 *err;
	net_NS			 *nss;
	int			  k, cap;

	*ns = NULL;
	*n = 0;
	if ((err = net_Resolver_lookup(r, ctx, name, dnsmessage_TypeNS, &a)) !=
	    NULL)
		return err;
	nss = NULL;
	k = cap = 0;
	while ((net_dnsAnswer_next(&a, dnsmessage_TypeNS, &h, name,
		   net_errUnmarshal, &err)) > 0) {
		if ((err = dnsmessage_Parser_NSResource(&a.p, &rec)) != NULL) {
			err = net_answerError(err, name, a.server);
			break;
		}
		net_growArray((void **)&nss, k, &cap, sizeof(nss[0]));
		nss[k++] = (net_NS){ dnsmessage_Name_String(&rec.NS) };
	}
	net_dnsAnswer_free(&a);
	if (err != NULL) {
		net_freeRecordStrings(nss, sizeof(nss[0]), k);
		free(nss);
		return err;
	}
	*ns = net_packRecords(nss, sizeof(nss[0]), k);
	*n = k;
	free(nss);
	return NULL;
}

/*
 * net_Resolver_goLookupTXT joins each record's strings into one, as Go
 * does: a TXT record split into 255-byte pieces reads back whole.
 */
runtime_error *
net_Resolver_goLookupTXT(net_Resolver *r, context_Context *ctx,
    const char *name, char ***txt, int *n)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_TXTResource	  rec;
	net_dnsAnswer		  a;
	runtime_error		 *err;
	char			**txts, *p;
	size_t			 *lens, l, i;
	int			  k, cap, lcap;

	*txt = NULL;
	*n = 0;
	if ((err = net_Resolver_lookup(r, ctx, name, dnsmessage_TypeTXT, &a)) !=
	    NULL)
		return err;
	txts = NULL;
	lens = NULL;
	k = cap = lcap = 0;
	while ((net_dnsAnswer_next(&a, dnsmessage_TypeTXT, &h, name,
		   net_errUnmarshal, &err)) > 0) {
		if ((err = dnsmessage_Parser_TXTResource(&a.p, &rec)) != NULL) {
			err = net_answerError(err, name, a.server);
			break;
		}
		for (l = 0, i = 0; i < rec.nTXT; i++)
			l += rec.TXT[i].n;
		p = runtime_malloc(l + 1);
		for (l = 0, i = 0; i < rec.nTXT; i++) {
			memcpy(p + l, rec.TXT[i].p, rec.TXT[i].n);
			l += rec.TXT[i].n;
		}
		free(rec.TXT);
		net_growArray((void **)&txts, k, &cap, sizeof(txts[0]));
		net_growArray((void **)&lens, k, &lcap, sizeof(lens[0]));
		txts[k] = p;
		lens[k++] = l;
	}
	net_dnsAnswer_free(&a);
	if (err == NULL) {
		*txt = net_newStrings(txts, lens, k);
		*n = k;
	}
	while (k > 0)
		free(txts[--k]);
	free(txts);
	free(lens);
	return err;
}
