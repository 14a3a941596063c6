/*
 * C port of go1.19 src/net/dial.go: Dialer, Dial, ListenConfig, Listen and
 * the address resolution they share.
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static bool
net_isOneOf(const char *s, const char *a, const char *b, const char *c)
{
	return strcmp(s, a) == 0 || strcmp(s, b) == 0 || strcmp(s, c) == 0;
}

/* The hint's text goes into the AddrError. */
static runtime_error *
net_resolveHintError(const char *text, const net_Addr *hint)
{
	runtime_error *err;
	char	      *hs;

	hs = net_Addr_String(hint);
	err = net_newAddrError(text, hs);
	free(hs);
	return err;
}

/* hintIP returns the IP of an IP-based address, and nil for others. */
static net_IP
net_hintIP(const net_Addr *a)
{
	net_IP nilIP = { .len = 0 };

	if (a->type == &net_TCPAddrType)
		return ((const net_TCPAddr *)a)->IP;
	if (a->type == &net_UDPAddrType)
		return ((const net_UDPAddr *)a)->IP;
	if (a->type == &net_IPAddrType)
		return ((const net_IPAddr *)a)->IP;
	return nilIP;
}

static bool
net_hintIsWildcard(const net_Addr *a)
{
	if (a->type == &net_TCPAddrType)
		return net_TCPAddr_isWildcard((const net_TCPAddr *)a);
	if (a->type == &net_UDPAddrType)
		return net_UDPAddr_isWildcard((const net_UDPAddr *)a);
	if (a->type == &net_IPAddrType)
		return net_IPAddr_isWildcard((const net_IPAddr *)a);
	return false;
}

/*
 * filterByHint is the second half of Go's resolveAddrList: every address
 * must share the hint's network, and a specific hint keeps only the
 * addresses of its own family.  On error *addrs is freed and nil.
 */
static runtime_error *
net_filterByHint(net_addrList *addrs, const net_Addr *hint)
{
	net_addrList   naddrs = { NULL, 0 };
	runtime_error *err;
	net_Addr      *addr;
	bool	       wildcard;
	size_t	       i;

	wildcard = net_hintIsWildcard(hint);
	naddrs.a = runtime_malloc(addrs->n * sizeof(*naddrs.a));
	for (i = 0; i < addrs->n; i++) {
		addr = addrs->a[i];
		if (strcmp(net_Addr_Network(addr), net_Addr_Network(hint)) !=
		    0) {
			err = net_resolveHintError(
			    "mismatched local address type", hint);
			goto fail;
		}
		if (addr->type != &net_TCPAddrType &&
		    addr->type != &net_UDPAddrType &&
		    addr->type != &net_IPAddrType)
			continue;
		if (!wildcard && !net_hintIsWildcard(addr) &&
		    !net_IP_matchAddrFamily(net_hintIP(addr), net_hintIP(hint)))
			continue;
		naddrs.a[naddrs.n++] = addr;
		addrs->a[i] = NULL;
	}
	if (naddrs.n == 0) {
		err = net_resolveHintError(
		    runtime_error_Error(net_errNoSuitableAddress), hint);
		goto fail;
	}
	net_addrList_free(addrs);
	*addrs = naddrs;
	return NULL;
fail:
	net_addrList_free(&naddrs);
	net_addrList_free(addrs);
	return err;
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
 * For a dial with a local address (hint), it keeps only the addresses of
 * the hint's family, unless either side is a wildcard.
 */
runtime_error *
net_Resolver_resolveAddrList(net_Resolver *r, context_Context *ctx,
    const char *op, const char *network, const char *addr, const net_Addr *hint,
    net_addrList *addrs)
{
	net_UnixAddr  *ua;
	runtime_error *err;
	char	      *afnet;
	int	       proto;

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
		if (strcmp(op, "dial") == 0 && hint != NULL &&
		    strcmp(net_Addr_Network(&ua->addr),
			net_Addr_Network(hint)) != 0) {
			free(ua);
			err = net_resolveHintError(
			    "mismatched local address type", hint);
			goto out;
		}
		addrs->a = runtime_malloc(sizeof(*addrs->a));
		addrs->a[0] = &ua->addr;
		addrs->n = 1;
		goto out;
	}
	err = net_Resolver_internetAddrList(r, ctx, afnet, addr, addrs);
	if (err != NULL || strcmp(op, "dial") != 0 || hint == NULL)
		goto out;
	err = net_filterByHint(addrs, hint);
out:
	free(afnet);
	return err;
}

const time_Duration net_defaultTCPKeepAlive = 15 * time_Second;

/* dualStack: only a negative FallbackDelay turns Happy Eyeballs off. */
static bool
net_Dialer_dualStack(const net_Dialer *d)
{
	return d->FallbackDelay >= 0;
}

/* minNonzeroTime is the earlier of a and b, where zero means "none". */
static time_Time
net_minNonzeroTime(time_Time a, time_Time b)
{
	if (time_Time_IsZero(a))
		return b;
	if (time_Time_IsZero(b) || time_Time_Before(a, b))
		return a;
	return b;
}

/*
 * deadline is the earliest of now+Timeout, the context's deadline and
 * Deadline; zero when there is none.  A negative Timeout counts, as it
 * always has in Go.
 */
time_Time
net_Dialer_deadline(const net_Dialer *d, context_Context *ctx, time_Time now)
{
	time_Time earliest = { 0, 0, 0 };
	time_Time cd;

	if (d->Timeout != 0)
		earliest = time_Time_Add(now, d->Timeout);
	if (context_Context_Deadline(ctx, &cd))
		earliest = net_minNonzeroTime(earliest, cd);
	return net_minNonzeroTime(earliest, d->Deadline);
}

/*
 * partialDeadline shares the time left among the addresses still to try,
 * giving each at least two seconds when there is that much, so that one
 * black-holed address does not eat the whole budget.
 */
runtime_error *
net_partialDeadline(
    time_Time now, time_Time deadline, int addrsRemaining, time_Time *t)
{
	const time_Duration saneMinimum = 2 * time_Second;
	time_Duration	    timeRemaining, timeout;
	time_Time	    zero = { 0, 0, 0 };

	*t = deadline;
	if (time_Time_IsZero(deadline))
		return NULL;
	timeRemaining = time_Time_Sub(deadline, now);
	if (timeRemaining <= 0) {
		*t = zero;
		return net_errTimeout;
	}
	timeout = timeRemaining / addrsRemaining;
	if (timeout < saneMinimum) {
		if (timeRemaining < saneMinimum)
			timeout = timeRemaining;
		else
			timeout = saneMinimum;
	}
	*t = time_Time_Add(now, timeout);
	return NULL;
}

static time_Duration
net_Dialer_fallbackDelay(const net_Dialer *d)
{
	if (d->FallbackDelay > 0)
		return d->FallbackDelay;
	return 300 * time_Millisecond;
}

runtime_error *
net_Dial(const char *network, const char *address, net_Conn **c)
{
	net_Dialer d = { .Timeout = 0 };

	return net_Dialer_Dial(&d, network, address, c);
}

runtime_error *
net_DialTimeout(const char *network, const char *address, time_Duration timeout,
    net_Conn **c)
{
	net_Dialer d = { .Timeout = timeout };

	return net_Dialer_Dial(&d, network, address, c);
}

runtime_error *
net_Dialer_Dial(
    net_Dialer *d, const char *network, const char *address, net_Conn **c)
{
	return net_Dialer_DialContext(
	    d, context_Background(), network, address, c);
}

static runtime_error *net_sysDialer_dialSerial(net_sysDialer *sd,
    context_Context *ctx, const net_addrList *ras, net_Conn **c);
static runtime_error *net_sysDialer_dialSingle(
    net_sysDialer *sd, context_Context *ctx, const net_Addr *ra, net_Conn **c);

/* net_Dialer_resolver is the Resolver d names, or DefaultResolver. */
static net_Resolver *
net_Dialer_resolver(const net_Dialer *d)
{
	if (d != NULL && d->Resolver != NULL)
		return d->Resolver;
	return net_DefaultResolver;
}

/*
 * DialContext: a deadline from Timeout or Deadline earlier than ctx's
 * gets a sub-context of its own, released before returning.  A TCP
 * connection comes back with keep-alives on (15 s unless KeepAlive says
 * otherwise; a negative KeepAlive leaves them off).
 */
runtime_error *
net_Dialer_DialContext(net_Dialer *d, context_Context *ctx, const char *network,
    const char *address, net_Conn **c)
{
	context_Context *subCtx = NULL;
	net_addrList	 addrs, primaries, fallbacks;
	net_sysDialer	 sd;
	runtime_error	*err;
	net_TCPConn	*tc;
	time_Time	 deadline, cd;
	time_Duration	 ka;

	*c = NULL;
	if (ctx == NULL)
		runtime_throw("nil context");
	deadline = net_Dialer_deadline(d, ctx, time_Now());
	if (!time_Time_IsZero(deadline)) {
		if (!context_Context_Deadline(ctx, &cd) ||
		    time_Time_Before(deadline, cd)) {
			subCtx = context_WithDeadline(ctx, deadline);
			ctx = subCtx;
		}
	}
	err = net_Resolver_resolveAddrList(net_Dialer_resolver(d), ctx, "dial",
	    network, address, d->LocalAddr, &addrs);
	if (err != NULL) {
		err = net_newOpError("dial", network, NULL, NULL, err);
		goto out;
	}
	sd.Dialer = *d;
	sd.network = network;
	sd.address = address;
	fallbacks.a = NULL;
	fallbacks.n = 0;
	if (net_Dialer_dualStack(d) && strcmp(network, "tcp") == 0) {
		net_addrList_partition(
		    &addrs, net_isIPv4, NULL, &primaries, &fallbacks);
		net_addrList_free(&addrs);
	} else
		primaries = addrs;
	err = net_sysDialer_dialParallel(&sd, ctx, &primaries, &fallbacks, c);
	net_addrList_free(&primaries);
	net_addrList_free(&fallbacks);
	if (err != NULL)
		goto out;
	if ((tc = net_Conn_TCPConn(*c)) != NULL && d->KeepAlive >= 0) {
		runtime_error_Free(net_setKeepAlive(tc->conn.fd, true));
		ka = d->KeepAlive;
		if (d->KeepAlive == 0)
			ka = net_defaultTCPKeepAlive;
		runtime_error_Free(net_setKeepAlivePeriod(tc->conn.fd, ka));
		net_testHookSetKeepAlive(ka);
	}
out:
	context_Free(subCtx);
	return err;
}

/*
 * dialParallel's racers: Go's results channel (unbuffered) and returned
 * channel, closed when dialParallel returns.  A racer that finds returned
 * closed frees its own connection, Go's c.Close() in that case.  C has no
 * collector for what the racers borrow (the dialer, the address lists,
 * their contexts, this struct), so dialParallel waits on wg for them
 * before it returns; they are cancelled by then and end promptly.
 */
typedef struct net_dialResult {
	net_Conn      *Conn;
	runtime_error *error;
	bool	       primary;
	bool	       done;
} net_dialResult;

typedef struct net_dialRace {
	net_sysDialer *sd;
	runtime_hchan *results;
	runtime_hchan *returned;
	sync_WaitGroup wg;
} net_dialRace;

typedef struct net_dialRacer {
	net_dialRace	   *race;
	context_Context	   *ctx; /* NULL until started */
	const net_addrList *ras;
	bool		    primary;
} net_dialRacer;

static void
net_startRacer(void *arg)
{
	net_dialRacer *r = arg;
	net_dialRace  *race = r->race;
	net_dialResult res = { .primary = r->primary, .done = true };
	runtime_scase  cases[2];

	res.error =
	    net_sysDialer_dialSerial(race->sd, r->ctx, r->ras, &res.Conn);
	cases[0] = (runtime_scase){ race->results, &res };
	cases[1] = (runtime_scase){ race->returned, NULL };
	if (runtime_selectgo(cases, 1, 1, true, NULL) == 1) {
		net_Conn_Free(res.Conn);
		runtime_error_Free(res.error);
	}
	sync_WaitGroup_Done(&race->wg);
}

static void
net_dialRacer_start(net_dialRacer *r, context_Context *parent)
{
	r->ctx = context_WithCancel(parent);
	sync_WaitGroup_Add(&r->race->wg, 1);
	runtime_Go(net_startRacer, r);
}

/*
 * dialParallel races the primaries against the fallbacks, which start
 * FallbackDelay later or as soon as the primaries fail (RFC 6555, Happy
 * Eyeballs).  The first connection wins; if both fail, the primaries'
 * error is the one reported.
 */
runtime_error *
net_sysDialer_dialParallel(net_sysDialer *sd, context_Context *ctx,
    const net_addrList *primaries, const net_addrList *fallbacks, net_Conn **c)
{
	net_dialRace  race = { .sd = sd };
	net_dialRacer racers[2] = {
		{ .race = &race, .ras = primaries, .primary = true },
		{ .race = &race, .ras = fallbacks, .primary = false },
	};
	net_dialResult res, primary = { 0 }, fallback = { 0 };
	runtime_scase  cases[2];
	runtime_error *err;
	time_Timer    *fallbackTimer;
	int	       i;

	*c = NULL;
	if (fallbacks->n == 0)
		return net_sysDialer_dialSerial(sd, ctx, primaries, c);
	race.results = runtime_makechan(sizeof(net_dialResult), 0);
	race.returned = runtime_makechan(0, 0);
	net_dialRacer_start(&racers[0], ctx);
	fallbackTimer = time_NewTimer(net_Dialer_fallbackDelay(&sd->Dialer));
	err = NULL;
	for (;;) {
		cases[0] = (runtime_scase){ fallbackTimer->C, NULL };
		cases[1] = (runtime_scase){ race.results, &res };
		if (runtime_selectgo(cases, 0, 2, true, NULL) == 0) {
			net_dialRacer_start(&racers[1], ctx);
			continue;
		}
		if (res.error == NULL) {
			*c = res.Conn;
			break;
		}
		if (res.primary)
			primary = res;
		else
			fallback = res;
		if (primary.done && fallback.done) {
			err = primary.error;
			primary.error = NULL;
			break;
		}
		/* The primaries failed: start the fallbacks now. */
		if (res.primary && time_Timer_Stop(fallbackTimer))
			time_Timer_Reset(fallbackTimer, 0);
	}
	time_Timer_Free(fallbackTimer);
	for (i = 0; i < 2; i++)
		context_Cancel(racers[i].ctx);
	runtime_closechan(race.returned);
	sync_WaitGroup_Wait(&race.wg);
	for (i = 0; i < 2; i++)
		context_Free(racers[i].ctx);
	runtime_error_Free(primary.error);
	runtime_error_Free(fallback.error);
	runtime_hchan_Free(race.results);
	runtime_hchan_Free(race.returned);
	return err;
}

/*
 * dialSerial tries the addresses in order, each with its share of the
 * time left, and reports the first address's error, the most relevant.
 */
static runtime_error *
net_sysDialer_dialSerial(net_sysDialer *sd, context_Context *ctx,
    const net_addrList *ras, net_Conn **c)
{
	context_Context *dialCtx;
	runtime_error	*firstErr, *err;
	const net_Addr	*ra;
	time_Time	 deadline, partial;
	size_t		 i;

	*c = NULL;
	firstErr = NULL;
	for (i = 0; i < ras->n; i++) {
		ra = ras->a[i];
		if (runtime_selectnbrecv(
			NULL, context_Context_Done(ctx), NULL)) {
			err = context_Context_Err(ctx);
			runtime_error_Free(firstErr);
			return net_newOpError("dial", sd->network,
			    sd->Dialer.LocalAddr, ra, net_mapErr(err));
		}
		dialCtx = NULL;
		if (context_Context_Deadline(ctx, &deadline)) {
			err = net_partialDeadline(
			    time_Now(), deadline, (int)(ras->n - i), &partial);
			if (err != NULL) {
				/* Ran out of time. */
				if (firstErr == NULL)
					firstErr =
					    net_newOpError("dial", sd->network,
						sd->Dialer.LocalAddr, ra, err);
				break;
			}
			if (time_Time_Before(partial, deadline))
				dialCtx = context_WithDeadline(ctx, partial);
		}
		err = net_sysDialer_dialSingle(
		    sd, dialCtx != NULL ? dialCtx : ctx, ra, c);
		context_Free(dialCtx);
		if (err == NULL) {
			runtime_error_Free(firstErr);
			return NULL;
		}
		if (firstErr == NULL)
			firstErr = err;
		else
			runtime_error_Free(err);
	}
	if (firstErr == NULL)
		firstErr = net_newOpError(
		    "dial", sd->network, NULL, NULL, net_errMissingAddress);
	return firstErr;
}

/*
 * dialSingle dials one address of the kind it is.  A local address of
 * another kind is ignored, as Go's failed type assertion leaves it nil.
 */
static runtime_error *
net_sysDialer_dialSingle(
    net_sysDialer *sd, context_Context *ctx, const net_Addr *ra, net_Conn **c)
{
	const net_Addr *la = sd->Dialer.LocalAddr;
	runtime_error  *err;
	net_TCPConn    *tc;
	net_UDPConn    *uc;
	net_IPConn     *ic;
	net_UnixConn   *xc;

	*c = NULL;
	if (ra->type == &net_TCPAddrType) {
		err = net_sysDialer_dialTCP(sd, ctx,
		    la != NULL && la->type == &net_TCPAddrType
			? (const net_TCPAddr *)la
			: NULL,
		    (const net_TCPAddr *)ra, &tc);
		if (err == NULL)
			*c = &tc->conn.Conn;
	} else if (ra->type == &net_UDPAddrType) {
		err = net_sysDialer_dialUDP(sd, ctx,
		    la != NULL && la->type == &net_UDPAddrType
			? (const net_UDPAddr *)la
			: NULL,
		    (const net_UDPAddr *)ra, &uc);
		if (err == NULL)
			*c = &uc->conn.Conn;
	} else if (ra->type == &net_IPAddrType) {
		err = net_sysDialer_dialIP(sd, ctx,
		    la != NULL && la->type == &net_IPAddrType
			? (const net_IPAddr *)la
			: NULL,
		    (const net_IPAddr *)ra, &ic);
		if (err == NULL)
			*c = &ic->conn.Conn;
	} else if (ra->type == &net_UnixAddrType) {
		err = net_sysDialer_dialUnix(sd, ctx,
		    la != NULL && la->type == &net_UnixAddrType
			? (const net_UnixAddr *)la
			: NULL,
		    (const net_UnixAddr *)ra, &xc);
		if (err == NULL)
			*c = &xc->conn.Conn;
	} else
		return net_newOpError("dial", sd->network, la, ra,
		    net_newAddrError("unexpected address type", sd->address));
	if (err != NULL)
		return net_newOpError("dial", sd->network, la, ra, err);
	return NULL;
}

/* The listen functions treat a NULL context as Background. */
runtime_error *
net_ListenConfig_Listen(net_ListenConfig *lc, context_Context *ctx,
    const char *network, const char *address, net_Listener **l)
{
	net_sysListener	  sl;
	net_addrList	  addrs;
	const net_Addr	 *la;
	runtime_error	 *err;
	net_TCPListener	 *tl;
	net_UnixListener *ul;

	*l = NULL;
	if (ctx == NULL)
		ctx = context_Background();
	err = net_Resolver_resolveAddrList(
	    net_DefaultResolver, ctx, "listen", network, address, NULL, &addrs);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, NULL, err);
	sl.ListenConfig = *lc;
	sl.network = network;
	sl.address = address;
	la = net_addrList_first(&addrs, net_isIPv4, NULL);
	if (la->type == &net_TCPAddrType) {
		err = net_sysListener_listenTCP(
		    &sl, ctx, (const net_TCPAddr *)la, &tl);
		if (err == NULL)
			*l = &tl->Listener;
	} else if (la->type == &net_UnixAddrType) {
		err = net_sysListener_listenUnix(
		    &sl, ctx, (const net_UnixAddr *)la, &ul);
		if (err == NULL)
			*l = &ul->Listener;
	} else
		err = net_newAddrError("unexpected address type", address);
	if (err != NULL)
		err = net_newOpError("listen", sl.network, NULL, la, err);
	net_addrList_free(&addrs);
	return err;
}

runtime_error *
net_ListenConfig_ListenPacket(net_ListenConfig *lc, context_Context *ctx,
    const char *network, const char *address, net_PacketConn **c)
{
	net_sysListener sl;
	net_addrList	addrs;
	const net_Addr *la;
	runtime_error  *err;
	net_UDPConn    *uc;
	net_IPConn     *ic;
	net_UnixConn   *xc;

	*c = NULL;
	if (ctx == NULL)
		ctx = context_Background();
	err = net_Resolver_resolveAddrList(
	    net_DefaultResolver, ctx, "listen", network, address, NULL, &addrs);
	if (err != NULL)
		return net_newOpError("listen", network, NULL, NULL, err);
	sl.ListenConfig = *lc;
	sl.network = network;
	sl.address = address;
	la = net_addrList_first(&addrs, net_isIPv4, NULL);
	if (la->type == &net_UDPAddrType) {
		err = net_sysListener_listenUDP(
		    &sl, ctx, (const net_UDPAddr *)la, &uc);
		if (err == NULL)
			*c = &uc->conn.PacketConn;
	} else if (la->type == &net_IPAddrType) {
		err = net_sysListener_listenIP(
		    &sl, ctx, (const net_IPAddr *)la, &ic);
		if (err == NULL)
			*c = &ic->conn.PacketConn;
	} else if (la->type == &net_UnixAddrType) {
		err = net_sysListener_listenUnixgram(
		    &sl, ctx, (const net_UnixAddr *)la, &xc);
		if (err == NULL)
			*c = &xc->conn.PacketConn;
	} else
		err = net_newAddrError("unexpected address type", address);
	if (err != NULL)
		err = net_newOpError("listen", sl.network, NULL, la, err);
	net_addrList_free(&addrs);
	return err;
}

runtime_error *
net_Listen(const char *network, const char *address, net_Listener **l)
{
	net_ListenConfig lc = { .KeepAlive = 0 };

	return net_ListenConfig_Listen(
	    &lc, context_Background(), network, address, l);
}

runtime_error *
net_ListenPacket(const char *network, const char *address, net_PacketConn **c)
{
	net_ListenConfig lc = { .KeepAlive = 0 };

	return net_ListenConfig_ListenPacket(
	    &lc, context_Background(), network, address, c);
}
