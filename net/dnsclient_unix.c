/*
 * C port of go1.19 src/net/dnsclient_unix.go: the pure resolver's DNS
 * half (queries over UDP with EDNS0 and over TCP, the checks on what comes
 * back, the search list, resolv.conf re-reading) and the hosts-then-DNS
 * lookups built on it.  built on: unix
 */
#include <sys/stat.h>

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "errors/errors.h"
#include "net/dnsclient.h"

static errors_errorString net_errLameReferralValue =
    ERRORS_NEW_STATIC("lame referral");
static errors_errorString net_errCannotUnmarshalDNSMessageValue =
    ERRORS_NEW_STATIC("cannot unmarshal DNS message");
static errors_errorString net_errCannotMarshalDNSMessageValue =
    ERRORS_NEW_STATIC("cannot marshal DNS message");
static errors_errorString net_errServerMisbehavingValue =
    ERRORS_NEW_STATIC("server misbehaving");
static errors_errorString net_errInvalidDNSResponseValue =
    ERRORS_NEW_STATIC("invalid DNS response");
static errors_errorString net_errNoAnswerFromDNSServerValue =
    ERRORS_NEW_STATIC("no answer from DNS server");
/*
 * SERVFAIL reads like any misbehaviour but is a distinct value, so that
 * tryOneName can mark it temporary (Go issue 8434): a retry may succeed.
 */
static errors_errorString net_errServerTemporarilyMisbehavingValue =
    ERRORS_NEW_STATIC("server misbehaving");

runtime_error *const net_errLameReferral = &net_errLameReferralValue.err;
runtime_error *const net_errCannotUnmarshalDNSMessage =
    &net_errCannotUnmarshalDNSMessageValue.err;
runtime_error *const net_errCannotMarshalDNSMessage =
    &net_errCannotMarshalDNSMessageValue.err;
runtime_error *const net_errServerMisbehaving =
    &net_errServerMisbehavingValue.err;
runtime_error *const net_errInvalidDNSResponse =
    &net_errInvalidDNSResponseValue.err;
runtime_error *const net_errNoAnswerFromDNSServer =
    &net_errNoAnswerFromDNSServerValue.err;
runtime_error *const net_errServerTemporarilyMisbehaving =
    &net_errServerTemporarilyMisbehavingValue.err;

void
net_dnsAnswer_free(net_dnsAnswer *a)
{
	free(a->msg);
	free(a->server);
	*a = (net_dnsAnswer){ 0 };
}

/*
 * net_newRequest builds the query for q with a fresh random ID: *tcpReq
 * is the TCP form (a two-byte length first) and the UDP form is the same
 * buffer from byte 2, so one free(*tcpReq) releases both.
 */
static runtime_error *
net_newRequest(const dnsmessage_Question *q, uint16_t *id, uint8_t **tcpReq,
    size_t *tcpLen)
{
	dnsmessage_ResourceHeader rh = { 0 };
	dnsmessage_OPTResource	  opt = { { &dnsmessage_OPTResourceType }, NULL,
		   0 };
	dnsmessage_Builder	  b;
	runtime_error		 *err;
	uint8_t			  start[2] = { 0, 0 };
	const uint8_t		 *msg;
	size_t			  l;

	*id = (uint16_t)net_randInt();
	b = dnsmessage_NewBuilder(start, 2, sizeof(start),
	    (dnsmessage_Header){ .ID = *id, .RecursionDesired = true });
	dnsmessage_Builder_EnableCompression(&b);
	if ((err = dnsmessage_Builder_StartQuestions(&b)) != NULL ||
	    (err = dnsmessage_Builder_Question(&b, *q)) != NULL ||
	    (err = dnsmessage_Builder_StartAdditionals(&b)) != NULL ||
	    (err = dnsmessage_ResourceHeader_SetEDNS0(&rh, net_maxDNSPacketSize,
		 dnsmessage_RCodeSuccess, false)) != NULL ||
	    (err = dnsmessage_Builder_OPTResource(&b, rh, &opt)) != NULL ||
	    (err = dnsmessage_Builder_Finish(&b, &msg, &l)) != NULL)
		goto out;
	*tcpReq = runtime_malloc(l);
	memcpy(*tcpReq, msg, l);
	*tcpLen = l;
	(*tcpReq)[0] = (uint8_t)((l - 2) >> 8);
	(*tcpReq)[1] = (uint8_t)(l - 2);
out:
	dnsmessage_Builder_Free(&b);
	return err;
}

/*
 * net_checkResponse reports whether a reply answers our query: a response
 * with our ID and our question.  Anything else may be forged or stale.
 */
static bool
net_checkResponse(uint16_t reqID, const dnsmessage_Question *reqQues,
    const dnsmessage_Header *respHdr, const dnsmessage_Question *respQues)
{
	if (!respHdr->Response)
		return false;
	if (reqID != respHdr->ID)
		return false;
	if (reqQues->Type != respQues->Type ||
	    reqQues->Class != respQues->Class ||
	    !net_equalASCIIName(&reqQues->Name, &respQues->Name))
		return false;
	return true;
}

/*
 * net_dnsPacketRoundTrip sends b once and reads datagrams until one
 * answers it: others are dropped, so a forger must also win the race with
 * the right ID and question.  On success a->p and a->msg are set.
 */
runtime_error *
net_dnsPacketRoundTrip(net_Conn *c, uint16_t id,
    const dnsmessage_Question *query, const uint8_t *b, size_t blen,
    dnsmessage_Header *h, net_dnsAnswer *a)
{
	dnsmessage_Question q;
	runtime_error	   *err;
	ptrdiff_t	    n;
	uint8_t		   *buf;

	if ((err = net_Conn_Write(c, b, blen, &n)) != NULL)
		return err;
	buf = runtime_malloc(net_maxDNSPacketSize);
	for (;;) {
		if ((err = net_Conn_Read(c, buf, net_maxDNSPacketSize, &n)) !=
		    NULL) {
			free(buf);
			return err;
		}
		a->p = (dnsmessage_Parser){ 0 };
		if ((err = dnsmessage_Parser_Start(&a->p, buf, (size_t)n, h)) !=
		    NULL) {
			runtime_error_Free(err);
			continue;
		}
		if ((err = dnsmessage_Parser_Question(&a->p, &q)) != NULL) {
			runtime_error_Free(err);
			continue;
		}
		if (!net_checkResponse(id, query, h, &q))
			continue;
		a->msg = buf;
		return NULL;
	}
}

/* net_readFull is io.ReadFull on a Conn. */
static runtime_error *
net_Conn_readFull(net_Conn *c, uint8_t *b, size_t len)
{
	runtime_error *err;
	ptrdiff_t      n;
	size_t	       got;

	for (got = 0; got < len; got += (size_t)n) {
		n = 0;
		err = net_Conn_Read(c, b + got, len - got, &n);
		if (err != NULL) {
			if (err == io_EOF && got + (size_t)n > 0)
				return io_ErrUnexpectedEOF;
			return err;
		}
	}
	return NULL;
}

/*
 * net_dnsStreamRoundTrip is the TCP exchange: one length-prefixed reply,
 * which must answer our query (a stream cannot carry stray datagrams).
 */
static runtime_error *
net_dnsStreamRoundTrip(net_Conn *c, uint16_t id,
    const dnsmessage_Question *query, const uint8_t *b, size_t blen,
    dnsmessage_Header *h, net_dnsAnswer *a)
{
	dnsmessage_Question q;
	runtime_error	   *err;
	ptrdiff_t	    n;
	uint8_t		    lb[2];
	uint8_t		   *buf;
	size_t		    l;

	if ((err = net_Conn_Write(c, b, blen, &n)) != NULL)
		return err;
	if ((err = net_Conn_readFull(c, lb, 2)) != NULL)
		return err;
	l = (size_t)lb[0] << 8 | lb[1];
	buf = runtime_malloc(l > 0 ? l : 1);
	if ((err = net_Conn_readFull(c, buf, l)) != NULL)
		goto fail;
	a->p = (dnsmessage_Parser){ 0 };
	if ((err = dnsmessage_Parser_Start(&a->p, buf, l, h)) != NULL ||
	    (err = dnsmessage_Parser_Question(&a->p, &q)) != NULL) {
		runtime_error_Free(err);
		err = net_errCannotUnmarshalDNSMessage;
		goto fail;
	}
	if (!net_checkResponse(id, query, h, &q)) {
		err = net_errInvalidDNSResponse;
		goto fail;
	}
	a->msg = buf;
	return NULL;
fail:
	free(buf);
	return err;
}

/*
 * net_Resolver_exchange asks server about q: over UDP and then, if the
 * answer came back truncated, over TCP (RFC 5966); over TCP only when
 * useTCP.  Each try gets its own timeout.  On success *h is the reply's
 * header and a is positioned after the question.
 */
runtime_error *
net_Resolver_exchange(net_Resolver *r, context_Context *ctx, const char *server,
    dnsmessage_Question q, time_Duration timeout, bool useTCP,
    dnsmessage_Header *h, net_dnsAnswer *a)
{
	static const char *const both[] = { "udp", "tcp" };
	const char *const	*networks;
	context_Context		*tctx;
	runtime_error		*err;
	net_Conn		*c;
	time_Time		 d;
	uint8_t			*tcpReq;
	size_t			 tcpLen;
	uint16_t		 id;
	int			 i, nnet;

	*a = (net_dnsAnswer){ 0 };
	if (ctx == NULL)
		ctx = context_Background();
	q.Class = dnsmessage_ClassINET;
	if ((err = net_newRequest(&q, &id, &tcpReq, &tcpLen)) != NULL) {
		runtime_error_Free(err);
		return net_errCannotMarshalDNSMessage;
	}
	networks = useTCP ? both + 1 : both;
	nnet = useTCP ? 1 : 2;
	err = net_errNoAnswerFromDNSServer;
	for (i = 0; i < nnet; i++) {
		tctx = context_WithDeadline(
		    ctx, time_Time_Add(time_Now(), timeout));
		err = net_Resolver_dial(r, tctx, networks[i], server, &c);
		if (err != NULL) {
			context_Free(tctx);
			break;
		}
		if (context_Context_Deadline(tctx, &d) && !time_Time_IsZero(d))
			runtime_error_Free(net_Conn_SetDeadline(c, d));
		/* A Conn that is no PacketConn is a stream (Go issue 26573). */
		if (c->type->PacketConn)
			err = net_dnsPacketRoundTrip(
			    c, id, &q, tcpReq + 2, tcpLen - 2, h, a);
		else
			err = net_dnsStreamRoundTrip(
			    c, id, &q, tcpReq, tcpLen, h, a);
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
		context_Free(tctx);
		if (err != NULL) {
			err = net_mapErr(err);
			break;
		}
		if ((err = dnsmessage_Parser_SkipQuestion(&a->p)) !=
		    dnsmessage_ErrSectionDone) {
			runtime_error_Free(err);
			net_dnsAnswer_free(a);
			err = net_errInvalidDNSResponse;
			break;
		}
		err = NULL;
		if (h->Truncated) {
			net_dnsAnswer_free(a);
			err = net_errNoAnswerFromDNSServer;
			continue;
		}
		break;
	}
	free(tcpReq);
	return err;
}

/*
 * net_checkHeader sorts a reply into success or the error its header
 * implies.  A reply with no answers, no authority and no recursion is a
 * lame referral: libresolv moves on to the next server (Go issue 15434).
 */
static runtime_error *
net_checkHeader(dnsmessage_Parser *p, const dnsmessage_Header *h)
{
	dnsmessage_ResourceHeader rh;
	runtime_error		 *err;

	if (h->RCode == dnsmessage_RCodeNameError)
		return net_errNoSuchHost;
	err = dnsmessage_Parser_AnswerHeader(p, &rh);
	if (err != NULL && err != dnsmessage_ErrSectionDone) {
		runtime_error_Free(err);
		return net_errCannotUnmarshalDNSMessage;
	}
	if (h->RCode == dnsmessage_RCodeSuccess && !h->Authoritative &&
	    !h->RecursionAvailable && err == dnsmessage_ErrSectionDone)
		return net_errLameReferral;
	if (h->RCode != dnsmessage_RCodeSuccess &&
	    h->RCode != dnsmessage_RCodeNameError) {
		if (h->RCode == dnsmessage_RCodeServerFailure)
			return net_errServerTemporarilyMisbehaving;
		return net_errServerMisbehaving;
	}
	return NULL;
}

/*
 * net_skipToAnswer moves p to the first answer of type qtype.  None is
 * "no such host": Go treats NODATA as NXDOMAIN here.
 */
static runtime_error *
net_skipToAnswer(dnsmessage_Parser *p, dnsmessage_Type qtype)
{
	dnsmessage_ResourceHeader h;
	runtime_error		 *err;

	for (;;) {
		err = dnsmessage_Parser_AnswerHeader(p, &h);
		if (err == dnsmessage_ErrSectionDone)
			return net_errNoSuchHost;
		if (err != NULL) {
			runtime_error_Free(err);
			return net_errCannotUnmarshalDNSMessage;
		}
		if (h.Type == qtype)
			return NULL;
		if ((err = dnsmessage_Parser_SkipAnswer(p)) != NULL) {
			runtime_error_Free(err);
			return net_errCannotUnmarshalDNSMessage;
		}
	}
}

/*
 * net_exchangeError is the DNSError tryOneName makes of a failed exchange:
 * timeouts say so, and an OpError (the network failed, not the server)
 * is temporary.  It takes err.
 */
static runtime_error *
net_exchangeError(runtime_error *err, const char *name, const char *server)
{
	runtime_error *dnsErr;

	dnsErr = net_newDNSError(runtime_error_Error(err), name, server,
	    net_Error_Timeout(err), err->type == &net_OpErrorType, false);
	runtime_error_Free(err);
	return dnsErr;
}

/*
 * net_Resolver_tryOneName asks each server in turn, cfg->attempts rounds,
 * for name's qtype records.  A "no such host" answer ends the
 * search at once (Go issues 25336 and 27525: other servers would agree); a
 * failure moves on.  On success a is positioned at the first answer.
 */
runtime_error *
net_Resolver_tryOneName(net_Resolver *r, context_Context *ctx,
    net_dnsConfig *cfg, const char *name, dnsmessage_Type qtype,
    net_dnsAnswer *a)
{
	dnsmessage_Question q;
	dnsmessage_Header   h;
	runtime_error	   *lastErr, *err;
	const char	   *server;
	uint32_t	    serverOffset, sLen, j;
	int		    i;

	*a = (net_dnsAnswer){ 0 };
	lastErr = NULL;
	serverOffset = net_dnsConfig_serverOffset(cfg);
	sLen = (uint32_t)cfg->nservers;
	if ((err = dnsmessage_NewName(name, &q.Name)) != NULL) {
		runtime_error_Free(err);
		return net_newDNSError(
		    runtime_error_Error(net_errCannotMarshalDNSMessage), name,
		    NULL, false, false, false);
	}
	q.Type = qtype;
	q.Class = dnsmessage_ClassINET;
	for (i = 0; i < cfg->attempts; i++) {
		for (j = 0; j < sLen; j++) {
			server = cfg->servers[(serverOffset + j) % sLen].p;
			err = net_Resolver_exchange(r, ctx, server, q,
			    cfg->timeout, cfg->useTCP, &h, a);
			if (err != NULL) {
				runtime_error_Free(lastErr);
				lastErr = net_exchangeError(err, name, server);
				continue;
			}
			a->server = runtime_strdup(server);
			if ((err = net_checkHeader(&a->p, &h)) != NULL) {
				runtime_error_Free(lastErr);
				lastErr = net_newDNSError(
				    runtime_error_Error(err), name, server,
				    false,
				    err == net_errServerTemporarilyMisbehaving,
				    err == net_errNoSuchHost);
				/* The parser goes back; Go's caller sees it. */
				if (err == net_errNoSuchHost)
					return lastErr;
				net_dnsAnswer_free(a);
				continue;
			}
			err = net_skipToAnswer(&a->p, qtype);
			if (err == NULL) {
				runtime_error_Free(lastErr);
				return NULL;
			}
			runtime_error_Free(lastErr);
			lastErr =
			    net_newDNSError(runtime_error_Error(err), name,
				server, false, false, err == net_errNoSuchHost);
			if (err == net_errNoSuchHost)
				return lastErr;
			net_dnsAnswer_free(a);
		}
	}
	return lastErr;
}

/*
 * resolverConfig: the parsed resolv.conf every lookup shares.  Go's GC
 * keeps a replaced dnsConfig alive while lookups still read it; here each
 * lookup holds a reference (net_dnsConfigRef) and the last one out frees
 * the config, except the system conf's own, which lives for the process.
 */
typedef struct net_dnsConfigRef {
	net_dnsConfig *conf;
	atomic_int     refs;
	bool	       owned;
} net_dnsConfigRef;

typedef struct net_resolverConfig {
	sync_Once	  initOnce;
	runtime_hchan	 *ch; /* a one-slot semaphore: who checks the file */
	time_Time	  lastChecked;
	sync_RWMutex	  mu; /* guards dnsConfig */
	net_dnsConfigRef *dnsConfig;
} net_resolverConfig;

static net_resolverConfig net_resolvConf;

static net_dnsConfigRef *
net_newDNSConfigRef(net_dnsConfig *conf, bool owned)
{
	net_dnsConfigRef *ref;

	ref = runtime_malloc(sizeof(*ref));
	ref->conf = conf;
	atomic_init(&ref->refs, 1);
	ref->owned = owned;
	return ref;
}

static void
net_dnsConfigRef_release(net_dnsConfigRef *ref)
{
	if (atomic_fetch_sub(&ref->refs, 1) != 1)
		return;
	if (ref->owned)
		net_dnsConfig_free(ref->conf);
	free(ref);
}

static void
net_resolverConfig_init(void *arg)
{
	net_resolverConfig *conf = arg;
	net_dnsConfig	   *c;

	c = net_systemConf()->resolv;
	if (c != NULL)
		conf->dnsConfig = net_newDNSConfigRef(c, false);
	else
		conf->dnsConfig = net_newDNSConfigRef(
		    net_dnsReadConfig("/etc/resolv.conf"), true);
	conf->lastChecked = time_Now();
	conf->ch = runtime_makechan(1, 1);
}

static bool
net_resolverConfig_tryAcquireSema(net_resolverConfig *conf)
{
	char token = 0;

	return runtime_selectnbsend(conf->ch, &token);
}

static void
net_resolverConfig_releaseSema(net_resolverConfig *conf)
{
	char token;

	runtime_chanrecv1(conf->ch, &token);
}

/* net_fileModTime is os.Stat(name).ModTime(), the zero Time on error. */
static time_Time
net_fileModTime(const char *name)
{
	struct stat st;

	if (stat(name, &st) != 0)
		return (time_Time){ 0 };
	return time_Unix(st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/*
 * net_resolverConfig_tryUpdate rereads name if it changed, looking at
 * most every 5 seconds and by one goroutine at a time: a lookup never
 * waits for another's stat.
 */
static void
net_resolverConfig_tryUpdate(net_resolverConfig *conf, const char *name)
{
	net_dnsConfigRef *old;
	time_Time	  now, mtime;

	sync_Once_Do(&conf->initOnce, net_resolverConfig_init, conf);
	if (!net_resolverConfig_tryAcquireSema(conf))
		return;
	now = time_Now();
	if (time_Time_After(
		conf->lastChecked, time_Time_Add(now, -5 * time_Second)))
		goto out;
	conf->lastChecked = now;
	mtime = net_fileModTime(name);
	if (time_Time_Equal(mtime, conf->dnsConfig->conf->mtime))
		goto out;
	sync_RWMutex_Lock(&conf->mu);
	old = conf->dnsConfig;
	conf->dnsConfig = net_newDNSConfigRef(net_dnsReadConfig(name), true);
	sync_RWMutex_Unlock(&conf->mu);
	net_dnsConfigRef_release(old);
out:
	net_resolverConfig_releaseSema(conf);
}

runtime_error *
net_resolvConf_forceUpdate(const char *name, time_Time lastChecked)
{
	net_resolverConfig *conf = &net_resolvConf;
	net_dnsConfigRef   *old;
	int		    i;

	sync_Once_Do(&conf->initOnce, net_resolverConfig_init, conf);
	sync_RWMutex_Lock(&conf->mu);
	old = conf->dnsConfig;
	conf->dnsConfig = net_newDNSConfigRef(net_dnsReadConfig(name), true);
	sync_RWMutex_Unlock(&conf->mu);
	net_dnsConfigRef_release(old);
	for (i = 0; i < 5; i++) {
		if (net_resolverConfig_tryAcquireSema(conf)) {
			conf->lastChecked = lastChecked;
			net_resolverConfig_releaseSema(conf);
			return NULL;
		}
	}
	return errors_New("tryAcquireSema failed");
}

net_dnsConfig *
net_resolvConf_dnsConfig(void)
{
	return net_resolvConf.dnsConfig->conf;
}

/*
 * net_currentConfig is the config a lookup uses from start to end, with a
 * reference the caller drops with net_dnsConfigRef_release.
 */
static net_dnsConfigRef *
net_currentConfig(void)
{
	net_dnsConfigRef *ref;

	net_resolverConfig_tryUpdate(&net_resolvConf, "/etc/resolv.conf");
	sync_RWMutex_RLock(&net_resolvConf.mu);
	ref = net_resolvConf.dnsConfig;
	atomic_fetch_add(&ref->refs, 1);
	sync_RWMutex_RUnlock(&net_resolvConf.mu);
	return ref;
}

void
net_freeNameList(char **names, int n)
{
	int i;

	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

runtime_error *
net_Resolver_lookup(net_Resolver *r, context_Context *ctx, const char *name,
    dnsmessage_Type qtype, net_dnsAnswer *a)
{
	net_dnsConfigRef *ref;
	runtime_error	 *err;
	char		**names;
	int		  n, i;

	*a = (net_dnsAnswer){ 0 };
	if (!net_isDomainName(name, strlen(name)))
		return net_newDNSError(runtime_error_Error(net_errNoSuchHost),
		    name, NULL, false, false, true);
	ref = net_currentConfig();
	names = net_dnsConfig_nameList(ref->conf, name, &n);
	err = NULL;
	for (i = 0; i < n; i++) {
		runtime_error_Free(err);
		err = net_Resolver_tryOneName(
		    r, ctx, ref->conf, names[i], qtype, a);
		if (err == NULL)
			break;
		net_dnsAnswer_free(a);
		if (net_Error_Temporary(err) && net_Resolver_strictErrors(r))
			break;
	}
	net_freeNameList(names, n);
	net_dnsConfigRef_release(ref);
	if (err != NULL && err->type == &net_DNSErrorType) {
		free(((net_DNSError *)err)->Name);
		((net_DNSError *)err)->Name = runtime_strdup(name);
	}
	/* Go's nil err with no name to try: an empty Parser, no error. */
	return err;
}

/*
 * net_avoidDNS reports whether name must never reach a DNS server: the
 * empty name, and .onion names (RFC 7686 says to keep them off DNS).
 */
bool
net_avoidDNS(const char *name)
{
	size_t n;

	n = strlen(name);
	if (n == 0)
		return true;
	if (name[n - 1] == '.')
		n--;
	return n >= 6 && strncasecmp(name + n - 6, ".onion", 6) == 0;
}

char **
net_dnsConfig_nameList(net_dnsConfig *conf, const char *name, int *n)
{
	char **names;
	char  *rooted;
	size_t l, dots, i;
	bool   hasNdots;
	int    k, j;

	*n = 0;
	if (net_avoidDNS(name))
		return NULL;
	l = strlen(name);
	if (l > 254 || (l == 254 && name[l - 1] == '.'))
		return NULL;
	names = runtime_malloc((size_t)(conf->nsearch + 1) * sizeof(names[0]));
	if (name[l - 1] == '.') {
		names[0] = runtime_strdup(name);
		*n = 1;
		return names;
	}
	dots = 0;
	for (i = 0; i < l; i++)
		dots += name[i] == '.';
	hasNdots = dots >= (size_t)conf->ndots;
	rooted = runtime_concatstrings(name, ".", (char *)NULL);
	l++;
	k = 0;
	if (hasNdots)
		names[k++] = runtime_strdup(rooted);
	for (j = 0; j < conf->nsearch; j++)
		if (l + conf->search[j].n <= 254)
			names[k++] = runtime_concatstrings(
			    rooted, conf->search[j].p, (char *)NULL);
	if (!hasNdots)
		names[k++] = runtime_strdup(rooted);
	free(rooted);
	*n = k;
	return names;
}

runtime_error *
net_Resolver_goLookupHost(net_Resolver *r, context_Context *ctx,
    const char *name, char ***addrs, int *n)
{
	return net_Resolver_goLookupHostOrder(
	    r, ctx, name, net_hostLookupFilesDNS, addrs, n);
}

/*
 * net_Resolver_goLookupHostOrder answers from the hosts file and/or DNS as
 * order says, addresses as text.
 */
runtime_error *
net_Resolver_goLookupHostOrder(net_Resolver *r, context_Context *ctx,
    const char *name, net_hostLookupOrder order, char ***addrs, int *n)
{
	runtime_error *err;
	net_string    *haddrs;
	net_IPAddr    *ips;
	char	     **s;
	size_t	      *lens;
	int	       nips, i;

	*addrs = NULL;
	*n = 0;
	if (order == net_hostLookupFilesDNS || order == net_hostLookupFiles) {
		haddrs = net_lookupStaticHost(name, strlen(name), &nips);
		if (nips > 0 || order == net_hostLookupFiles) {
			*addrs = net_stringsOf(haddrs, nips);
			*n = nips;
			free(haddrs);
			return NULL;
		}
	}
	err = net_Resolver_goLookupIPCNAMEOrder(
	    r, ctx, "ip", name, order, &ips, &nips, NULL);
	if (err != NULL)
		return err;
	s = runtime_malloc((size_t)nips * sizeof(s[0]) + 1);
	lens = runtime_malloc((size_t)nips * sizeof(lens[0]) + 1);
	for (i = 0; i < nips; i++) {
		s[i] = net_IP_String(ips[i].IP);
		lens[i] = strlen(s[i]);
	}
	*addrs = net_newStrings(s, lens, nips);
	*n = nips;
	for (i = 0; i < nips; i++)
		free(s[i]);
	free(lens);
	free(s);
	free(ips);
	return NULL;
}

/*
 * net_goLookupIPFiles turns the hosts file's literal addresses for name
 * into IPAddrs, sorted by RFC 6724 as DNS answers are.
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
	if (k > 0) {
		addrs = net_newIPAddrs(ips, zones, k);
		net_sortByRFC6724(addrs, k);
	}
	*naddrs = k;
	free(zones);
	free(ips);
	free(haddrs);
	return addrs;
}

runtime_error *
net_Resolver_goLookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_hostLookupOrder order;

	order = net_conf_hostLookupOrder(net_systemConf(), r, host);
	return net_Resolver_goLookupIPCNAMEOrder(
	    r, ctx, network, host, order, addrs, naddrs, NULL);
}

/*
 * A query goroutine's result, Go's result struct: what tryOneName
 * returned.  The lane carries pointers to these, which live in the
 * caller's frame until it has received every one.
 */
typedef struct net_dnsResult {
	net_dnsAnswer  a;
	runtime_error *err;
	/* The query: */
	net_Resolver	*r;
	context_Context *ctx;
	net_dnsConfig	*conf;
	const char	*fqdn;
	dnsmessage_Type	 qtype;
	runtime_hchan	*lane;
} net_dnsResult;

/* The A/AAAA racers wait for this group (Go's dnsWaitGroup, for tests). */
sync_WaitGroup net_dnsWaitGroup;

static void
net_dnsQuery(void *arg)
{
	net_dnsResult *res = arg;

	res->err = net_Resolver_tryOneName(
	    res->r, res->ctx, res->conf, res->fqdn, res->qtype, &res->a);
	runtime_chansend1(res->lane, &res);
	sync_WaitGroup_Done(&net_dnsWaitGroup);
}

/*
 * net_ipAccum gathers the addresses of every answer, Go's addrs slice,
 * and the first owner name, Go's cname.
 */
typedef struct net_ipAccum {
	net_IP	       *ips;
	int		n, cap;
	dnsmessage_Name cname;
} net_ipAccum;

static void
net_ipAccum_add(net_ipAccum *acc, net_IP ip)
{
	if (acc->n == acc->cap) {
		acc->cap = acc->cap == 0 ? 8 : 2 * acc->cap;
		acc->ips = runtime_realloc(
		    acc->ips, (size_t)acc->cap * sizeof(acc->ips[0]));
	}
	acc->ips[acc->n++] = ip;
}

/*
 * net_readIPAnswers walks one reply's answers into acc.  It returns Go's
 * "cannot marshal DNS message" DNSError when the reply breaks off, NULL
 * otherwise (the addresses read so far stay).
 */
static runtime_error *
net_readIPAnswers(net_dnsAnswer *a, const char *name, net_ipAccum *acc)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_AResource	  ar;
	dnsmessage_AAAAResource	  aaaar;
	runtime_error		 *err;
	net_IP			  ip;

	for (;;) {
		err = dnsmessage_Parser_AnswerHeader(&a->p, &h);
		if (err == dnsmessage_ErrSectionDone)
			return NULL;
		if (err != NULL)
			goto bad;
		if (h.Type == dnsmessage_TypeA) {
			if ((err = dnsmessage_Parser_AResource(&a->p, &ar)) !=
			    NULL)
				goto bad;
			ip = (net_IP){ .len = 4 };
			memcpy(ip.b, ar.A, 4);
		} else if (h.Type == dnsmessage_TypeAAAA) {
			if ((err = dnsmessage_Parser_AAAAResource(
				 &a->p, &aaaar)) != NULL)
				goto bad;
			ip = (net_IP){ .len = 16 };
			memcpy(ip.b, aaaar.AAAA, 16);
		} else {
			if ((err = dnsmessage_Parser_SkipAnswer(&a->p)) != NULL)
				goto bad;
			continue;
		}
		net_ipAccum_add(acc, ip);
		if (acc->cname.Length == 0 && h.Name.Length != 0)
			acc->cname = h.Name;
	}
bad:
	runtime_error_Free(err);
	return net_newDNSError(
	    "cannot marshal DNS message", name, a->server, false, false, false);
}

/*
 * net_keepErr is Go's choice of lastErr in goLookupIPCNAMEOrder: a
 * temporary error under StrictErrors, or the first error, or the one for
 * the name as given (rooted) over those for search-list names.  It takes
 * err.
 */
static void
net_keepErr(net_Resolver *r, runtime_error **lastErr, runtime_error *err,
    const char *fqdn, const char *name, bool *hitStrictError)
{
	size_t n;
	bool   asGiven;

	n = strlen(name);
	asGiven = strncmp(fqdn, name, n) == 0 && strcmp(fqdn + n, ".") == 0;
	if (net_Error_Temporary(err) && net_Resolver_strictErrors(r)) {
		*hitStrictError = true;
	} else if (!(*lastErr == NULL || asGiven)) {
		runtime_error_Free(err);
		return;
	}
	runtime_error_Free(*lastErr);
	*lastErr = err;
}

/*
 * net_Resolver_queryFQDN asks about one fqdn: the qtypes in parallel, one
 * goroutine each racing on lane, or one after the other when resolv.conf
 * says single-request.  Every reply's addresses go to acc.
 */
static void
net_Resolver_queryFQDN(net_Resolver *r, context_Context *ctx,
    net_dnsConfig *conf, const char *name, const char *fqdn,
    const dnsmessage_Type *qtypes, int nq, net_ipAccum *acc,
    runtime_error **lastErr, bool *hitStrictError)
{
	net_dnsResult  results[2], *res;
	runtime_error *err;
	runtime_hchan *lane;
	int	       i;

	lane = runtime_makechan(sizeof(res), 1);
	for (i = 0; i < nq; i++) {
		results[i] = (net_dnsResult){ .r = r,
			.ctx = ctx,
			.conf = conf,
			.fqdn = fqdn,
			.qtype = qtypes[i],
			.lane = lane };
		sync_WaitGroup_Add(&net_dnsWaitGroup, 1);
		if (conf->singleRequest)
			net_dnsQuery(&results[i]);
		else
			runtime_Go(net_dnsQuery, &results[i]);
		if (conf->singleRequest)
			runtime_chanrecv1(lane, &res);
	}
	for (i = 0; i < nq; i++) {
		if (conf->singleRequest)
			res = &results[i];
		else
			runtime_chanrecv1(lane, &res);
		if (res->err != NULL) {
			net_keepErr(
			    r, lastErr, res->err, fqdn, name, hitStrictError);
			res->err = NULL;
		} else if ((err = net_readIPAnswers(&res->a, name, acc)) !=
		    NULL) {
			runtime_error_Free(*lastErr);
			*lastErr = err;
		}
		net_dnsAnswer_free(&res->a);
	}
	runtime_hchan_Free(lane);
}

/*
 * net_Resolver_goLookupIPCNAMEOrder is the heart of the pure resolver:
 * the hosts file and DNS in order's order, each search-list name in turn
 * until one has addresses.  cname (may be NULL) receives the owner name
 * of the first address record, Go's canonical name.
 */
runtime_error *
net_Resolver_goLookupIPCNAMEOrder(net_Resolver *r, context_Context *ctx,
    const char *network, const char *name, net_hostLookupOrder order,
    net_IPAddr **addrs, int *naddrs, dnsmessage_Name *cname)
{
	static const dnsmessage_Type both[] = { dnsmessage_TypeA,
		dnsmessage_TypeAAAA };
	const dnsmessage_Type	    *qtypes;
	net_dnsConfigRef	    *ref;
	runtime_error		    *lastErr;
	net_ipAccum		     acc = { 0 };
	char			   **names;
	bool			     hitStrictError;
	int			     nq, nn, i;

	if (cname != NULL)
		*cname = (dnsmessage_Name){ 0 };
	*addrs = NULL;
	*naddrs = 0;
	if (order == net_hostLookupFilesDNS || order == net_hostLookupFiles) {
		*addrs = net_goLookupIPFiles(name, naddrs);
		if (*naddrs > 0 || order == net_hostLookupFiles)
			return NULL;
	}
	if (!net_isDomainName(name, strlen(name)))
		return net_newDNSError(runtime_error_Error(net_errNoSuchHost),
		    name, NULL, false, false, true);
	ref = net_currentConfig();
	qtypes = both;
	nq = 2;
	switch (net_ipVersion(network)) {
	case '4':
		nq = 1;
		break;
	case '6':
		qtypes = both + 1;
		nq = 1;
		break;
	}
	lastErr = NULL;
	names = net_dnsConfig_nameList(ref->conf, name, &nn);
	for (i = 0; i < nn; i++) {
		hitStrictError = false;
		net_Resolver_queryFQDN(r, ctx, ref->conf, name, names[i],
		    qtypes, nq, &acc, &lastErr, &hitStrictError);
		if (hitStrictError) {
			acc.n = 0;
			break;
		}
		if (acc.n > 0)
			break;
	}
	net_freeNameList(names, nn);
	net_dnsConfigRef_release(ref);
	if (lastErr != NULL && lastErr->type == &net_DNSErrorType) {
		free(((net_DNSError *)lastErr)->Name);
		((net_DNSError *)lastErr)->Name = runtime_strdup(name);
	}
	if (acc.n > 0) {
		*addrs = net_newIPAddrs(acc.ips, NULL, acc.n);
		*naddrs = acc.n;
		net_sortByRFC6724(*addrs, acc.n);
	} else if (order == net_hostLookupDNSFiles)
		*addrs = net_goLookupIPFiles(name, naddrs);
	free(acc.ips);
	if (*naddrs == 0 && lastErr != NULL)
		return lastErr;
	/* Go returns addresses (or none) without the error it kept. */
	runtime_error_Free(lastErr);
	if (cname != NULL)
		*cname = acc.cname;
	return NULL;
}

runtime_error *
net_Resolver_goLookupCNAME(
    net_Resolver *r, context_Context *ctx, const char *host, char **cname)
{
	net_hostLookupOrder order;
	dnsmessage_Name	    name;
	runtime_error	   *err;
	net_IPAddr	   *addrs;
	int		    n;

	order = net_conf_hostLookupOrder(net_systemConf(), r, host);
	err = net_Resolver_goLookupIPCNAMEOrder(
	    r, ctx, "ip", host, order, &addrs, &n, &name);
	free(addrs);
	*cname = dnsmessage_Name_String(&name);
	return err;
}

/*
 * net_Resolver_goLookupPTR answers from the hosts file, or else asks DNS
 * for addr's PTR records, skipping answers of other types.
 */
runtime_error *
net_Resolver_goLookupPTR(net_Resolver *r, context_Context *ctx,
    const char *addr, char ***names, int *n)
{
	dnsmessage_ResourceHeader h;
	dnsmessage_PTRResource	  ptr;
	net_dnsAnswer		  a;
	runtime_error		 *err;
	net_string		 *hnames;
	char			**ptrs, *arpa;
	size_t			 *lens;
	int			  nptrs, cap, i;

	*names = NULL;
	*n = 0;
	hnames = net_lookupStaticAddr(addr, strlen(addr), &nptrs);
	if (nptrs > 0) {
		*names = net_stringsOf(hnames, nptrs);
		*n = nptrs;
		free(hnames);
		return NULL;
	}
	if ((err = net_reverseaddr(addr, &arpa)) != NULL)
		return err;
	err = net_Resolver_lookup(r, ctx, arpa, dnsmessage_TypePTR, &a);
	free(arpa);
	if (err != NULL)
		return err;
	ptrs = NULL;
	nptrs = cap = 0;
	while (net_dnsAnswer_next(&a, dnsmessage_TypePTR, &h, addr,
		   "cannot marshal DNS message", &err) > 0) {
		if ((err = dnsmessage_Parser_PTRResource(&a.p, &ptr)) != NULL) {
			runtime_error_Free(err);
			err = net_newDNSError("cannot marshal DNS message",
			    addr, a.server, false, false, false);
			break;
		}
		net_growArray((void **)&ptrs, nptrs, &cap, sizeof(ptrs[0]));
		ptrs[nptrs++] = dnsmessage_Name_String(&ptr.PTR);
	}
	if (err != NULL)
		goto out;
	lens = runtime_malloc((size_t)nptrs * sizeof(lens[0]) + 1);
	for (i = 0; i < nptrs; i++)
		lens[i] = strlen(ptrs[i]);
	*names = net_newStrings(ptrs, lens, nptrs);
	*n = nptrs;
	free(lens);
out:
	for (i = 0; i < nptrs; i++)
		free(ptrs[i]);
	free(ptrs);
	net_dnsAnswer_free(&a);
	return err;
}
