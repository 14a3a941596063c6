/*
 * C port of go1.19 src/net/dnsclient_unix_test.go: the pure resolver
 * against Go's fakeDNSServer, an in-process server reached through
 * Resolver.Dial, so no query leaves the process.  The nameservers the
 * configs name (192.0.2.x, the machine's own) are only strings handed to
 * the fake dialer.  built on: unix
 *
 * Left out: TestIgnoreDNSForgeries (needs Go's Pipe, which gonet lacks).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/dnsclient.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

/* RFC 5737 and RFC 3849 documentation addresses, Go's TestAddr(6). */
static const uint8_t TestAddr[4] = { 0xc0, 0x00, 0x02, 0x01 };
static const uint8_t TestAddr6[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 1 };

/*
 * fakeMsg is a reply under construction: Go builds a Message of slices
 * and pointers; here the message points into this one value, which the
 * fake conn owns for the length of one exchange.
 */
enum { fakeMaxRR = 8 };

typedef union fakeBody {
	dnsmessage_ResourceBody	 any;
	dnsmessage_AResource	 a;
	dnsmessage_AAAAResource	 aaaa;
	dnsmessage_TXTResource	 txt;
	dnsmessage_MXResource	 mx;
	dnsmessage_NSResource	 ns;
	dnsmessage_PTRResource	 ptr;
	dnsmessage_CNAMEResource cname;
	dnsmessage_SRVResource	 srv;
} fakeBody;

typedef struct fakeMsg {
	dnsmessage_Message  m;
	dnsmessage_Resource rr[fakeMaxRR];
	fakeBody	    body[fakeMaxRR];
	dnsmessage_String   txt[fakeMaxRR][2];
} fakeMsg;

/*
 * fakeReply starts the usual reply to q: its ID and questions, Response
 * set, and the given rcode.
 */
static void
fakeReply(fakeMsg *r, const dnsmessage_Message *q, dnsmessage_RCode rcode)
{
	r->m = (dnsmessage_Message){ 0 };
	r->m.Header.ID = q->Header.ID;
	r->m.Header.Response = true;
	r->m.Header.RCode = rcode;
	r->m.Questions = q->Questions;
	r->m.nQuestions = q->nQuestions;
	r->m.Answers = r->rr;
}

/* fakeAnswer appends an answer owned by name and returns its body. */
static fakeBody *
fakeAnswer(fakeMsg *r, dnsmessage_Name name, dnsmessage_Type t)
{
	size_t i;

	i = r->m.nAnswers++;
	ck_assert(i < fakeMaxRR);
	r->rr[i].Header = (dnsmessage_ResourceHeader){
		.Name = name, .Type = t, .Class = dnsmessage_ClassINET
	};
	r->rr[i].Body = &r->body[i].any;
	return &r->body[i];
}

static void
fakeA(fakeMsg *r, dnsmessage_Name name, const uint8_t a[4])
{
	fakeBody *b;

	b = fakeAnswer(r, name, dnsmessage_TypeA);
	b->a = (dnsmessage_AResource){ { &dnsmessage_AResourceType }, { 0 } };
	memcpy(b->a.A, a, 4);
}

static void
fakeAAAA(fakeMsg *r, dnsmessage_Name name, const uint8_t a[16])
{
	fakeBody *b;

	b = fakeAnswer(r, name, dnsmessage_TypeAAAA);
	b->aaaa = (dnsmessage_AAAAResource){ { &dnsmessage_AAAAResourceType },
		{ 0 } };
	memcpy(b->aaaa.AAAA, a, 16);
}

/* fakeTXT appends a TXT answer of one or two strings (s2 may be NULL). */
static void
fakeTXT(fakeMsg *r, dnsmessage_Name name, dnsmessage_Type t, const char *s1,
    const char *s2)
{
	dnsmessage_String *txt;
	fakeBody	  *b;

	b = fakeAnswer(r, name, t);
	txt = r->txt[r->m.nAnswers - 1];
	txt[0] = (dnsmessage_String){ s1, strlen(s1) };
	if (s2 != NULL)
		txt[1] = (dnsmessage_String){ s2, strlen(s2) };
	b->txt = (dnsmessage_TXTResource){ { &dnsmessage_TXTResourceType }, txt,
		s2 != NULL ? 2 : 1 };
}

/* mockTXTResponse is Go's: one TXT record "ok", recursion available. */
static void
mockTXTResponse(fakeMsg *r, const dnsmessage_Message *q)
{
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	r->m.Header.RecursionAvailable = true;
	fakeTXT(r, q->Questions[0].Name, dnsmessage_TypeTXT, "ok", NULL);
}

/*
 * fakeDNSServer is Go's: rh answers each query, given the network and
 * server the resolver dialed and the deadline it set.  It fills r or
 * returns an error, which the conn's Read returns.
 */
typedef struct fakeDNSServer fakeDNSServer;
struct fakeDNSServer {
	runtime_error *(*rh)(fakeDNSServer *srv, const char *n, const char *s,
	    const dnsmessage_Message *q, time_Time t, fakeMsg *r);
	bool  alwaysTCP;
	void *arg; /* the test's own state */
};

typedef struct fakeDNSConn {
	net_Conn	   Conn;
	bool		   tcp;
	fakeDNSServer	  *server;
	char		  *n, *s;
	dnsmessage_Message q;
	bool		   haveQ;
	time_Time	   t;
	uint8_t		  *buf; /* the packed reply still to be read */
	size_t		   off, len;
} fakeDNSConn;

static runtime_error *
fakeDNSConn_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n)
{
	fakeDNSConn   *f = (fakeDNSConn *)c;
	runtime_error *err;
	fakeMsg	       r;
	uint8_t	      *bb;
	size_t	       l;

	*n = 0;
	if (f->off < f->len) {
		l = f->len - f->off < len ? f->len - f->off : len;
		memcpy(b, f->buf + f->off, l);
		f->off += l;
		*n = (ptrdiff_t)l;
		return NULL;
	}
	if ((err = f->server->rh(f->server, f->n, f->s, &f->q, f->t, &r)) !=
	    NULL)
		return err;
	bb = runtime_malloc(2);
	l = 2;
	if ((err = dnsmessage_Message_AppendPack(&r.m, &bb, &l)) != NULL) {
		free(bb);
		return err;
	}
	if (f->tcp) {
		bb[0] = (uint8_t)((l - 2) >> 8);
		bb[1] = (uint8_t)(l - 2);
		free(f->buf);
		f->buf = bb;
		f->off = 0;
		f->len = l;
		return fakeDNSConn_Read(c, b, len, n);
	}
	if (len < l - 2) {
		free(bb);
		return errors_New("read would fragment DNS message");
	}
	memcpy(b, bb + 2, l - 2);
	*n = (ptrdiff_t)(l - 2);
	free(bb);
	return NULL;
}

static runtime_error *
fakeDNSConn_Write(net_Conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	fakeDNSConn   *f = (fakeDNSConn *)c;
	runtime_error *err;

	if (f->tcp && len >= 2) {
		b = (const uint8_t *)b + 2;
		len -= 2;
	}
	if (f->haveQ)
		dnsmessage_Message_Free(&f->q);
	f->haveQ = false;
	if ((err = dnsmessage_Message_Unpack(&f->q, b, len)) != NULL) {
		runtime_error_Free(err);
		*n = 0;
		return errors_New("cannot unmarshal DNS message fake");
	}
	f->haveQ = true;
	*n = (ptrdiff_t)len;
	return NULL;
}

static runtime_error *
fakeDNSConn_Close(net_Conn *c)
{
	(void)c;
	return NULL;
}

static runtime_error *
fakeDNSConn_SetDeadline(net_Conn *c, time_Time t)
{
	((fakeDNSConn *)c)->t = t;
	return NULL;
}

static void
fakeDNSConn_Free(net_Conn *c)
{
	fakeDNSConn *f = (fakeDNSConn *)c;

	if (f->haveQ)
		dnsmessage_Message_Free(&f->q);
	free(f->buf);
	free(f->n);
	free(f->s);
	free(f);
}

static const net_ConnType fakeDNSConnType = {
	.name = "*net.fakeDNSConn",
	.Read = fakeDNSConn_Read,
	.Write = fakeDNSConn_Write,
	.Close = fakeDNSConn_Close,
	.SetDeadline = fakeDNSConn_SetDeadline,
	.Free = fakeDNSConn_Free,
};

/* fakeDNSPacketConn: the same conn, answering Go's c.(PacketConn). */
static const net_ConnType fakeDNSPacketConnType = {
	.name = "*net.fakeDNSPacketConn",
	.Read = fakeDNSConn_Read,
	.Write = fakeDNSConn_Write,
	.Close = fakeDNSConn_Close,
	.SetDeadline = fakeDNSConn_SetDeadline,
	.Free = fakeDNSConn_Free,
	.PacketConn = true,
};

/* fakeDNSServer_DialContext is the Resolver's Dial; arg is the server. */
static runtime_error *
fakeDNSServer_DialContext(
    context_Context *ctx, const char *n, const char *s, net_Conn **c, void *arg)
{
	fakeDNSServer *server = arg;
	fakeDNSConn   *f;

	(void)ctx;
	f = runtime_malloc(sizeof(*f));
	*f = (fakeDNSConn){
		.server = server, .n = runtime_strdup(n), .s = runtime_strdup(s)
	};
	f->tcp = server->alwaysTCP || strcmp(n, "tcp") == 0 ||
	    strcmp(n, "tcp4") == 0 || strcmp(n, "tcp6") == 0;
	f->Conn.type = f->tcp ? &fakeDNSConnType : &fakeDNSPacketConnType;
	*c = &f->Conn;
	return NULL;
}

/* goResolverWith is Go's Resolver{PreferGo: true, Dial: fake.DialContext}. */
static net_Resolver
goResolverWith(fakeDNSServer *fake)
{
	return (net_Resolver){ .PreferGo = true,
		.Dial = fakeDNSServer_DialContext,
		.DialArg = fake };
}

static dnsmessage_Question
mustQuestion(const char *name, dnsmessage_Type qtype, dnsmessage_Class class)
{
	return (
	    dnsmessage_Question){ dnsmessage_MustNewName(name), qtype, class };
}

static bool
qNameIs(const dnsmessage_Message *q, const char *name)
{
	char *s;
	bool  eq;

	s = dnsmessage_Name_String(&q->Questions[0].Name);
	eq = strcmp(s, name) == 0;
	free(s);
	return eq;
}

/*
 * resolvConfTest is Go's: a resolv.conf of the test's lines in a fresh
 * directory, forced in as the shared config; teardown puts
 * /etc/resolv.conf back (read only: nothing is sent to its servers).
 */
typedef struct resolvConfTest {
	char dir[64];
	char path[96];
} resolvConfTest;

static void
newResolvConfTest(resolvConfTest *conf)
{
	strcpy(conf->dir, "/tmp/go-resolvconftest.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(conf->dir));
	snprintf(conf->path, sizeof(conf->path), "%s/resolv.conf", conf->dir);
}

static void
resolvConfTest_writeAndUpdate(
    resolvConfTest *conf, const char *const *lines, int n)
{
	runtime_error *err;
	FILE	      *f;
	int	       i;

	f = fopen(conf->path, "w");
	ck_assert_ptr_nonnull(f);
	for (i = 0; i < n; i++)
		fprintf(f, "%s%s", i > 0 ? "\n" : "", lines[i]);
	fclose(f);
	err = net_resolvConf_forceUpdate(
	    conf->path, time_Time_Add(time_Now(), time_Hour));
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
}

static void
resolvConfTest_teardown(resolvConfTest *conf)
{
	runtime_error *err;

	err = net_resolvConf_forceUpdate("/etc/resolv.conf", (time_Time){ 0 });
	unlink(conf->path);
	rmdir(conf->dir);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
}

/* Replies: truncated over UDP, so the answer comes over TCP. */
static runtime_error *
rhTransportFallback(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (strcmp(n, "udp") == 0)
		r->m.Header.Truncated = true;
	return NULL;
}

START_TEST(TestDNSTransportFallback)
{
	static const char *const servers[] = { "8.8.8.8:53", "8.8.4.4:53" };
	fakeDNSServer		 fake = { .rh = rhTransportFallback };
	net_Resolver		 r = goResolverWith(&fake);
	dnsmessage_Header	 h;
	net_dnsAnswer		 a;
	context_Context		*ctx;
	runtime_error		*err;
	size_t			 i;

	for (i = 0; i < nelem(servers); i++) {
		ctx = context_WithCancel(context_Background());
		err = net_Resolver_exchange(&r, ctx, servers[i],
		    mustQuestion(
			"com.", dnsmessage_TypeALL, dnsmessage_ClassINET),
		    time_Second, false, &h, &a);
		context_Free(ctx);
		ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
		ck_assert_msg(h.RCode == dnsmessage_RCodeSuccess,
		    "got %d from %s; want 0", h.RCode, servers[i]);
		net_dnsAnswer_free(&a);
	}
}
END_TEST

static runtime_error *
rhSpecialDomainName(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q,
	    qNameIs(q, "example.com.") ? dnsmessage_RCodeSuccess
				       : dnsmessage_RCodeNameError);
	return NULL;
}

static const struct {
	const char	*name;
	dnsmessage_Type	 qtype;
	dnsmessage_RCode rcode;
} specialDomainNameTests[] = {
	/* Names a resolver library should not treat as special. */
	{ "1.0.168.192.in-addr.arpa.", dnsmessage_TypePTR,
	    dnsmessage_RCodeNameError },
	{ "test.", dnsmessage_TypeALL, dnsmessage_RCodeNameError },
	{ "example.com.", dnsmessage_TypeALL, dnsmessage_RCodeSuccess },
	/* Names it should (RFC 6761), checked here at the wire level. */
	{ "localhost.", dnsmessage_TypeALL, dnsmessage_RCodeNameError },
	{ "invalid.", dnsmessage_TypeALL, dnsmessage_RCodeNameError },
};

START_TEST(TestSpecialDomainName)
{
	fakeDNSServer	  fake = { .rh = rhSpecialDomainName };
	net_Resolver	  r = goResolverWith(&fake);
	dnsmessage_Header h;
	net_dnsAnswer	  a;
	context_Context	 *ctx;
	runtime_error	 *err;

	ctx = context_WithCancel(context_Background());
	err = net_Resolver_exchange(&r, ctx, "8.8.8.8:53",
	    mustQuestion(specialDomainNameTests[_i].name,
		specialDomainNameTests[_i].qtype, dnsmessage_ClassINET),
	    3 * time_Second, false, &h, &a);
	context_Free(ctx);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(h.RCode == specialDomainNameTests[_i].rcode,
	    "got %d from 8.8.8.8:53; want %d", h.RCode,
	    specialDomainNameTests[_i].rcode);
	net_dnsAnswer_free(&a);
}
END_TEST

static const struct {
	const char *name;
	bool	    avoid;
} avoidDNSTests[] = {
	{ "foo.com", false },
	{ "foo.com.", false },

	{ "foo.onion.", true },
	{ "foo.onion", true },
	{ "foo.ONION", true },
	{ "foo.ONION.", true },

	/* *.local names do go to DNS (Go issue 16739). */
	{ "foo.local.", false },
	{ "foo.local", false },
	{ "foo.LOCAL", false },
	{ "foo.LOCAL.", false },

	{ "", true },

	/* Bare "onion" and "local" may meet a search list: let them go. */
	{ "local", false },
	{ "onion", false },
	{ "local.", false },
	{ "onion.", false },
};

START_TEST(TestAvoidDNSName)
{
	bool got;

	got = net_avoidDNS(avoidDNSTests[_i].name);
	ck_assert_msg(got == avoidDNSTests[_i].avoid,
	    "avoidDNS(\"%s\") = %d; want %d", avoidDNSTests[_i].name, got,
	    avoidDNSTests[_i].avoid);
}
END_TEST

/* fakeDNSServerSuccessful: TestAddr for A queries, nothing else. */
static runtime_error *
rhSuccessful(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (q->nQuestions == 1 && q->Questions[0].Type == dnsmessage_TypeA)
		fakeA(r, q->Questions[0].Name, TestAddr);
	return NULL;
}

/* Go issue 13705: .onion names never reach DNS. */
START_TEST(TestLookupTorOnion)
{
	fakeDNSServer  fake = { .rh = rhSuccessful };
	net_Resolver   r = goResolverWith(&fake);
	net_IPAddr    *addrs;
	runtime_error *err;
	int	       n;

	err = net_Resolver_LookupIPAddr(
	    &r, context_Background(), "foo.onion", &addrs, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	ck_assert_msg(
	    err == NULL, "lookup = %s; want nil", runtime_error_Error(err));
	ck_assert_msg(n == 0, "unexpected addresses: %d", n);
	free(addrs);
}
END_TEST

static runtime_error *
rhFallbackToFile(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	return NULL;
}

START_TEST(TestGoLookupIPOrderFallbackToFile)
{
	static const net_hostLookupOrder orders[] = { net_hostLookupFilesDNS,
		net_hostLookupDNSFiles };
	fakeDNSServer			 fake = { .rh = rhFallbackToFile };
	net_Resolver			 r = goResolverWith(&fake);
	resolvConfTest			 conf;
	net_IPAddr			*addrs;
	runtime_error			*err;
	const char			*orig;
	char				*got, buf[32];
	size_t				 i;
	int				 n;

	/* A config that has no servers to offer (Go's "no dns servers"). */
	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, NULL, 0);
	orig = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/hosts";
	for (i = 0; i < nelem(orders); i++) {
		err =
		    net_Resolver_goLookupIPCNAMEOrder(&r, context_Background(),
			"ip", "notarealhost", orders[i], &addrs, &n, NULL);
		ck_assert_msg(err != NULL,
		    "order %s: expected error while looking up name not in "
		    "hosts file",
		    net_hostLookupOrder_String(orders[i], buf));
		runtime_error_Free(err);
		free(addrs);
		err =
		    net_Resolver_goLookupIPCNAMEOrder(&r, context_Background(),
			"ip", "thor", orders[i], &addrs, &n, NULL);
		ck_assert_msg(err == NULL,
		    "order %s: expected to successfully lookup host entry",
		    net_hostLookupOrder_String(orders[i], buf));
		ck_assert_msg(n == 1,
		    "order %s: expected exactly one result, but got %d",
		    net_hostLookupOrder_String(orders[i], buf), n);
		got = net_IPAddr_String(&addrs[0]);
		ck_assert_msg(strcmp(got, "127.1.1.1") == 0,
		    "order %s: address doesn't match expectation. got %s, "
		    "want 127.1.1.1",
		    net_hostLookupOrder_String(orders[i], buf), got);
		free(got);
		free(addrs);
	}
	net_testHookHostsPath = orig;
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
}
END_TEST

/* SERVFAIL for the name the search list makes, NXDOMAIN for the rest. */
static runtime_error *
rhOriginalName(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q,
	    qNameIs(q, "doesnotexist.domain.servfail.")
		? dnsmessage_RCodeServerFailure
		: dnsmessage_RCodeNameError);
	return NULL;
}

/*
 * Go issue 12712: with a search list, the error returned is the one for
 * the name as given, not one for a name the list made.
 */
START_TEST(TestErrorForOriginalNameWhenSearching)
{
	static const char *const lines[] = { "search servfail" };
	static const struct {
		bool	    strictErrors;
		const char *err;
		bool	    isTemporary;
	} cases[] = {
		{ true, "server misbehaving", true },
		{ false, "no such host", false },
	};
	static const char fqdn[] = "doesnotexist.domain";
	fakeDNSServer	  fake = { .rh = rhOriginalName };
	net_Resolver	  r;
	resolvConfTest	  conf;
	net_DNSError	 *de;
	net_IPAddr	 *addrs;
	runtime_error	 *err;
	size_t		  i;
	int		  n;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 1);
	for (i = 0; i < nelem(cases); i++) {
		r = goResolverWith(&fake);
		r.StrictErrors = cases[i].strictErrors;
		err = net_Resolver_LookupIPAddr(
		    &r, context_Background(), fqdn, &addrs, &n);
		ck_assert_msg(err != NULL, "expected an error");
		de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
		ck_assert_msg(de != NULL && strcmp(de->Name, fqdn) == 0 &&
			strcmp(de->Err, cases[i].err) == 0 &&
			de->IsTemporary == cases[i].isTemporary,
		    "got %s; want lookup %s: %s", runtime_error_Error(err),
		    fqdn, cases[i].err);
		runtime_error_Free(err);
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
}
END_TEST

/* The first server refers lamely; the second answers. */
static runtime_error *
rhLameReferral(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (strcmp(s, "192.0.2.2:53") == 0) {
		r->m.Header.RecursionAvailable = true;
		if (q->Questions[0].Type == dnsmessage_TypeA)
			fakeA(r, q->Questions[0].Name, TestAddr);
	}
	return NULL;
}

/* Go issue 15434: a lame referral moves on to the next server. */
START_TEST(TestIgnoreLameReferrals)
{
	static const char *const lines[] = { "nameserver 192.0.2.1",
		"nameserver 192.0.2.2" };
	fakeDNSServer		 fake = { .rh = rhLameReferral };
	net_Resolver		 r = goResolverWith(&fake);
	resolvConfTest		 conf;
	net_IPAddr		*addrs;
	runtime_error		*err;
	char			*got;
	int			 n;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 2);
	err = net_Resolver_LookupIPAddr(
	    &r, context_Background(), "www.golang.org", &addrs, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n == 1, "got %d addresses, want 1", n);
	got = net_IPAddr_String(&addrs[0]);
	ck_assert_msg(strcmp(got, "192.0.2.1") == 0,
	    "got address %s, want 192.0.2.1", got);
	free(got);
	free(addrs);
}
END_TEST

/*
 * The first server times out (after a short sleep); the second, asked
 * with a deadline of its own, answers.
 */
typedef struct retryState {
	time_Time deadline0;
	bool	  zeroDeadline, sameDeadline;
} retryState;

static runtime_error *
rhRetryTimeout(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time deadline, fakeMsg *r)
{
	retryState *st = srv->arg;

	(void)n;
	if (time_Time_IsZero(deadline))
		st->zeroDeadline = true;
	if (strcmp(s, "192.0.2.1:53") == 0) {
		st->deadline0 = deadline;
		time_Sleep(10 * time_Millisecond);
		return os_ErrDeadlineExceeded;
	}
	if (time_Time_Equal(deadline, st->deadline0))
		st->sameDeadline = true;
	mockTXTResponse(r, q);
	return NULL;
}

/* Go issue 16865: a server that times out is followed by the next. */
START_TEST(TestRetryTimeout)
{
	static const char *const lines[] = { "nameserver 192.0.2.1",
		"nameserver 192.0.2.2" };
	retryState		 st = { 0 };
	fakeDNSServer		 fake = { .rh = rhRetryTimeout, .arg = &st };
	net_Resolver		 r = goResolverWith(&fake);
	resolvConfTest		 conf;
	runtime_error		*err;
	char		       **txt;
	int			 n;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 2);
	err = net_Resolver_LookupTXT(
	    &r, context_Background(), "www.golang.org", &txt, &n);
	resolvConfTest_teardown(&conf);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	free(txt);
	ck_assert_msg(!st.zeroDeadline, "zero deadline");
	ck_assert_msg(!st.sameDeadline, "deadline didn't change");
	ck_assert_msg(!time_Time_IsZero(st.deadline0), "deadline0 still zero");
}
END_TEST

typedef struct rotateState {
	char used[8][32];
	int  n;
} rotateState;

static runtime_error *
rhRotate(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	rotateState *st = srv->arg;

	(void)n;
	(void)t;
	if (st->n < 8)
		snprintf(st->used[st->n++], sizeof(st->used[0]), "%s", s);
	mockTXTResponse(r, q);
	return NULL;
}

static void
testRotate(bool rotate, const char *const *wantServers)
{
	static const char *const plain[] = { "nameserver 192.0.2.1",
		"nameserver 192.0.2.2" };
	static const char *const rotating[] = { "nameserver 192.0.2.1",
		"nameserver 192.0.2.2", "options rotate" };
	rotateState		 st = { .n = 0 };
	fakeDNSServer		 fake = { .rh = rhRotate, .arg = &st };
	net_Resolver		 r = goResolverWith(&fake);
	resolvConfTest		 conf;
	runtime_error		*err;
	char		       **txt;
	int			 n, i;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(
	    &conf, rotate ? rotating : plain, rotate ? 3 : 2);
	/* One more lookup than servers, so rotation comes back round. */
	for (i = 0; i < 3; i++) {
		err = net_Resolver_LookupTXT(
		    &r, context_Background(), "www.golang.org", &txt, &n);
		ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
		free(txt);
	}
	resolvConfTest_teardown(&conf);
	ck_assert_int_eq(st.n, 3);
	for (i = 0; i < 3; i++)
		ck_assert_msg(strcmp(st.used[i], wantServers[i]) == 0,
		    "rotate=%d got used server %d %s; want %s", rotate, i,
		    st.used[i], wantServers[i]);
}

START_TEST(TestRotate)
{
	static const char *const first[] = { "192.0.2.1:53", "192.0.2.1:53",
		"192.0.2.1:53" };
	static const char *const round[] = { "192.0.2.1:53", "192.0.2.2:53",
		"192.0.2.1:53" };

	/* Without rotation the first server is always asked first. */
	testRotate(false, first);
	testRotate(true, round);
}
END_TEST

static runtime_error *
rhGoroutineRace(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)q;
	(void)t;
	(void)r;
	time_Sleep(10 * time_Microsecond);
	return os_ErrDeadlineExceeded;
}

/*
 * The caller's context expires before the queries finish: the lookup
 * fails at once and its goroutines are waited for, not leaked.
 */
START_TEST(TestDNSGoroutineRace)
{
	fakeDNSServer	 fake = { .rh = rhGoroutineRace };
	net_Resolver	 r = goResolverWith(&fake);
	context_Context *ctx;
	net_IPAddr	*addrs;
	runtime_error	*err;
	int		 n;

	ctx = context_WithTimeout(context_Background(), 2 * time_Microsecond);
	err = net_Resolver_LookupIPAddr(
	    &r, ctx, "where.are.they.now", &addrs, &n);
	ck_assert_msg(err != NULL, "fake DNS lookup unexpectedly succeeded");
	runtime_error_Free(err);
	context_Free(ctx);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
}
END_TEST

/* lookupWithFake is Go's: tryOneName with the shared config. */
static runtime_error *
lookupWithFake(fakeDNSServer *fake, const char *name, dnsmessage_Type typ)
{
	net_Resolver	 r = goResolverWith(fake);
	context_Context *ctx;
	runtime_error	*err;
	net_dnsAnswer	 a;

	/* Read the config once: forceUpdate's init is the lookup's. */
	net_resolvConf_forceUpdate("/etc/resolv.conf", (time_Time){ 0 });
	ctx = context_WithCancel(context_Background());
	err = net_Resolver_tryOneName(
	    &r, ctx, net_resolvConf_dnsConfig(), name, typ, &a);
	context_Free(ctx);
	net_dnsAnswer_free(&a);
	return err;
}

static runtime_error *
rhServFail(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeServerFailure);
	return NULL;
}

/* Go issue 8434: SERVFAIL is a temporary error. */
START_TEST(TestIssue8434)
{
	fakeDNSServer  fake = { .rh = rhServFail };
	runtime_error *err;
	net_DNSError  *de;

	err = lookupWithFake(&fake, "golang.org.", dnsmessage_TypeALL);
	ck_assert_msg(err != NULL, "expected an error");
	ck_assert_msg(net_Error_Temporary(err),
	    "Temporary = false for err = %s; want Temporary == true",
	    runtime_error_Error(err));
	de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
	ck_assert_msg(de != NULL && &de->err == err,
	    "err = %s; wanted a *net.DNSError", runtime_error_Error(err));
	ck_assert_msg(de->IsTemporary,
	    "IsTemporary = false for err = %s; want IsTemporary == true",
	    runtime_error_Error(err));
	runtime_error_Free(err);
}
END_TEST

static runtime_error *
rhNXDomain(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	int *lookups = srv->arg;

	(void)n;
	(void)s;
	(void)t;
	if (lookups != NULL)
		(*lookups)++;
	fakeReply(r, q, dnsmessage_RCodeNameError);
	return NULL;
}

START_TEST(TestIssueNoSuchHostExists)
{
	fakeDNSServer  fake = { .rh = rhNXDomain };
	runtime_error *err;
	net_DNSError  *de;

	err = lookupWithFake(&fake, "golang.org.", dnsmessage_TypeALL);
	ck_assert_msg(err != NULL, "expected an error");
	ck_assert_msg(err->type->Timeout != NULL,
	    "err = %s; wanted something supporting net.Error",
	    runtime_error_Error(err));
	de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
	ck_assert_msg(de != NULL && &de->err == err,
	    "err = %s; wanted a *net.DNSError", runtime_error_Error(err));
	ck_assert_msg(de->IsNotFound,
	    "IsNotFound = false for err = %s; want IsNotFound == true",
	    runtime_error_Error(err));
	runtime_error_Free(err);
}
END_TEST

/* An empty, authoritative success: NODATA. */
static runtime_error *
rhNoAnswers(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	int *lookups = srv->arg;

	(void)n;
	(void)s;
	(void)t;
	(*lookups)++;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	r->m.Header.Authoritative = true;
	return NULL;
}

/*
 * Go issues 12778, 25336 and 27525: NXDOMAIN without RA, and an empty
 * answer, are "no such host" after one query, not a retry.
 */
START_TEST(TestNoSuchHost)
{
	static const char *const names[] = { "NXDOMAIN", "no answers" };
	int			 lookups = 0;
	fakeDNSServer  fake = { .rh = _i == 0 ? rhNXDomain : rhNoAnswers,
		 .arg = &lookups };
	runtime_error *err;
	net_DNSError  *de;

	err = lookupWithFake(&fake, ".", dnsmessage_TypeALL);
	ck_assert_msg(
	    lookups == 1, "%s: got %d lookups, wanted 1", names[_i], lookups);
	ck_assert_msg(err != NULL, "%s: expected an error", names[_i]);
	de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
	ck_assert_msg(de != NULL, "err = %s; wanted a *net.DNSError",
	    runtime_error_Error(err));
	ck_assert_msg(strcmp(de->Err, "no such host") == 0,
	    "Err = %s; wanted \"no such host\"", de->Err);
	ck_assert_msg(de->IsNotFound, "IsNotFound = false wanted true");
	runtime_error_Free(err);
}
END_TEST

/* Go issue 26573: a Conn that is no PacketConn is a stream, even for udp. */
START_TEST(TestDNSDialTCP)
{
	fakeDNSServer	  fake = { .rh = rhFallbackToFile, .alwaysTCP = true };
	net_Resolver	  r = goResolverWith(&fake);
	dnsmessage_Header h;
	net_dnsAnswer	  a;
	runtime_error	 *err;

	err = net_Resolver_exchange(&r, context_Background(), "0.0.0.0",
	    mustQuestion("com.", dnsmessage_TypeALL, dnsmessage_ClassINET),
	    time_Second, false, &h, &a);
	ck_assert_msg(
	    err == NULL, "exhange failed: %s", runtime_error_Error(err));
	net_dnsAnswer_free(&a);
}
END_TEST

/* Two records, the first of two strings; headers say A, bodies TXT. */
static runtime_error *
rhTwoStrings(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	fakeTXT(
	    r, q->Questions[0].Name, dnsmessage_TypeA, "string1 ", "string2");
	fakeTXT(r, q->Questions[0].Name, dnsmessage_TypeA, "onestring", NULL);
	return NULL;
}

/* Go issue 27763: a TXT record's strings are joined. */
START_TEST(TestTXTRecordTwoStrings)
{
	fakeDNSServer  fake = { .rh = rhTwoStrings };
	net_Resolver   r = goResolverWith(&fake);
	runtime_error *err;
	char	     **txt;
	int	       n;

	err = net_Resolver_LookupTXT(
	    &r, context_Background(), "golang.org", &txt, &n);
	ck_assert_msg(
	    err == NULL, "LookupTXT failed: %s", runtime_error_Error(err));
	ck_assert_msg(n == 2, "len(txt), got %d, want 2", n);
	ck_assert_msg(strcmp(txt[0], "string1 string2") == 0,
	    "txt[0], got \"%s\", want \"string1 string2\"", txt[0]);
	ck_assert_msg(strcmp(txt[1], "onestring") == 0,
	    "txt[1], got \"%s\", want \"onestring\"", txt[1]);
	free(txt);
}
END_TEST

/*
 * single-request: which query came first (1 A, 2 AAAA), and whether an A
 * query ever came second.
 */
typedef struct singleState {
	atomic_int  firstcalled;
	atomic_bool aAfterAAAA;
} singleState;

static runtime_error *
rhSingleRequest(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	singleState *st = srv->arg;
	int	     zero;
	size_t	     i;

	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	for (i = 0; i < q->nQuestions; i++) {
		zero = 0;
		if (q->Questions[i].Type == dnsmessage_TypeA) {
			if (qNameIs(q, "slowipv4.example.net."))
				time_Sleep(10 * time_Millisecond);
			if (!atomic_compare_exchange_strong(
				&st->firstcalled, &zero, 1))
				atomic_store(&st->aAfterAAAA, true);
			fakeA(r, q->Questions[0].Name, TestAddr);
		} else if (q->Questions[i].Type == dnsmessage_TypeAAAA) {
			atomic_compare_exchange_strong(
			    &st->firstcalled, &zero, 2);
			fakeAAAA(r, q->Questions[0].Name, TestAddr6);
		}
	}
	return NULL;
}

/* Go issue 29644: single-request sends A, then AAAA, never both at once. */
START_TEST(TestSingleRequestLookup)
{
	static const char *const lines[] = { "options single-request" };
	static const char *const names[] = { "hostname.example.net",
		"slowipv4.example.net" };
	singleState		 st;
	fakeDNSServer		 fake = { .rh = rhSingleRequest, .arg = &st };
	net_Resolver		 r = goResolverWith(&fake);
	resolvConfTest		 conf;
	net_IPAddr		*addrs;
	runtime_error		*err;
	size_t			 i;
	int			 n;

	atomic_init(&st.aAfterAAAA, false);
	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 1);
	for (i = 0; i < nelem(names); i++) {
		atomic_init(&st.firstcalled, 0);
		err = net_Resolver_LookupIPAddr(
		    &r, context_Background(), names[i], &addrs, &n);
		ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
		free(addrs);
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
	ck_assert_msg(!atomic_load(&st.aAfterAAAA),
	    "the A query was received after the AAAA query !");
}
END_TEST

static runtime_error *
rhUseTCP(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	bool *sawUDP = srv->arg;

	(void)s;
	(void)t;
	if (strcmp(n, "udp") == 0)
		*sawUDP = true;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	return NULL;
}

/* Go issue 29358: use-vc asks over TCP only. */
START_TEST(TestDNSUseTCP)
{
	bool		  sawUDP = false;
	fakeDNSServer	  fake = { .rh = rhUseTCP, .arg = &sawUDP };
	net_Resolver	  r = goResolverWith(&fake);
	dnsmessage_Header h;
	net_dnsAnswer	  a;
	context_Context	 *ctx;
	runtime_error	 *err;

	ctx = context_WithCancel(context_Background());
	err = net_Resolver_exchange(&r, ctx, "0.0.0.0",
	    mustQuestion("com.", dnsmessage_TypeALL, dnsmessage_ClassINET),
	    time_Second, true, &h, &a);
	context_Free(ctx);
	ck_assert_msg(!sawUDP, "udp protocol was used instead of tcp");
	ck_assert_msg(
	    err == NULL, "exchange failed: %s", runtime_error_Error(err));
	net_dnsAnswer_free(&a);
}
END_TEST

static runtime_error *
rhPTRandNonPTR(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	fakeBody *b;

	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	b = fakeAnswer(r, q->Questions[0].Name, dnsmessage_TypePTR);
	b->ptr = (dnsmessage_PTRResource){ { &dnsmessage_PTRResourceType },
		dnsmessage_MustNewName("golang.org.") };
	/* A fake RRSIG. */
	fakeTXT(r, q->Questions[0].Name, dnsmessage_TypeTXT, "PTR 8 6 60 ...",
	    NULL);
	return NULL;
}

/* Go issue 34660: a PTR reply's other records are skipped. */
START_TEST(TestPTRandNonPTR)
{
	fakeDNSServer  fake = { .rh = rhPTRandNonPTR };
	net_Resolver   r = goResolverWith(&fake);
	runtime_error *err;
	char	     **names;
	int	       n;

	err = net_Resolver_lookupAddr(
	    &r, context_Background(), "192.0.2.123", &names, &n);
	ck_assert_msg(err == NULL, "LookupAddr: %s", runtime_error_Error(err));
	ck_assert_msg(n == 1 && strcmp(names[0], "golang.org.") == 0,
	    "names = %d names; want [\"golang.org.\"]", n);
	free(names);
}
END_TEST

static runtime_error *
rhNullMX(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	fakeBody *b;

	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	b = fakeAnswer(r, q->Questions[0].Name, dnsmessage_TypeMX);
	b->mx = (dnsmessage_MXResource){ { &dnsmessage_MXResourceType }, 0,
		dnsmessage_MustNewName(".") };
	return NULL;
}

/* RFC 7505's null MX, ".", is a valid answer. */
START_TEST(TestNullMX)
{
	fakeDNSServer  fake = { .rh = rhNullMX };
	net_Resolver   r = goResolverWith(&fake);
	runtime_error *err;
	net_MX	      *rrset;
	int	       n;

	err = net_Resolver_LookupMX(
	    &r, context_Background(), "golang.org", &rrset, &n);
	ck_assert_msg(err == NULL, "LookupMX: %s", runtime_error_Error(err));
	ck_assert_msg(
	    n == 1 && strcmp(rrset[0].Host, ".") == 0 && rrset[0].Pref == 0,
	    "records = %d; want [&{. 0}]", n);
	free(rrset);
}
END_TEST

static runtime_error *
rhRootNS(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	fakeBody *b;

	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	b = fakeAnswer(r, q->Questions[0].Name, dnsmessage_TypeNS);
	b->ns = (dnsmessage_NSResource){ { &dnsmessage_NSResourceType },
		dnsmessage_MustNewName("i.root-servers.net.") };
	return NULL;
}

/* Go issue 45715: "." may be looked up. */
START_TEST(TestRootNS)
{
	fakeDNSServer  fake = { .rh = rhRootNS };
	net_Resolver   r = goResolverWith(&fake);
	runtime_error *err;
	net_NS	      *rrset;
	int	       n;

	err = net_Resolver_LookupNS(&r, context_Background(), ".", &rrset, &n);
	ck_assert_msg(err == NULL, "LookupNS: %s", runtime_error_Error(err));
	ck_assert_msg(
	    n == 1 && strcmp(rrset[0].Host, "i.root-servers.net.") == 0,
	    "records = %d; want [&{i.root-servers.net.}]", n);
	free(rrset);
}
END_TEST

/* What the EDNS0 record of each query said. */
typedef struct packetSizeState {
	atomic_int missing, badType, options, size;
} packetSizeState;

static runtime_error *
rhPacketSize(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	packetSizeState		     *st = srv->arg;
	const dnsmessage_OPTResource *opt;

	(void)n;
	(void)s;
	(void)t;
	if (q->nAdditionals == 0)
		atomic_store(&st->missing, 1);
	else if (q->Additionals[0].Body->type != &dnsmessage_OPTResourceType)
		atomic_store(&st->badType, 1);
	else {
		opt = (const dnsmessage_OPTResource *)q->Additionals[0].Body;
		if (opt->nOptions != 0)
			atomic_store(&st->options, (int)opt->nOptions);
		else
			atomic_store(&st->size, q->Additionals[0].Header.Class);
	}
	/* A dummy answer, to see LookupIPAddr through. */
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (q->Questions[0].Type == dnsmessage_TypeA)
		fakeA(r, q->Questions[0].Name, TestAddr);
	return NULL;
}

/* The queries advertise Go's 1232-byte EDNS0 payload size. */
START_TEST(TestDNSPacketSize)
{
	packetSizeState st;
	fakeDNSServer	fake = { .rh = rhPacketSize, .arg = &st };
	net_Resolver	r = goResolverWith(&fake);
	net_IPAddr     *addrs;
	runtime_error  *err;
	int		n;

	atomic_init(&st.missing, 0);
	atomic_init(&st.badType, 0);
	atomic_init(&st.options, 0);
	atomic_init(&st.size, 0);
	err = net_Resolver_LookupIPAddr(
	    &r, context_Background(), "go.dev", &addrs, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	ck_assert_msg(
	    err == NULL, "lookup failed: %s", runtime_error_Error(err));
	free(addrs);
	ck_assert_msg(!atomic_load(&st.missing), "missing EDNS record");
	ck_assert_msg(!atomic_load(&st.badType),
	    "additional record type not OPTResource");
	ck_assert_msg(atomic_load(&st.options) == 0,
	    "found %d Options, expected none", atomic_load(&st.options));
	ck_assert_msg(atomic_load(&st.size) == 1232,
	    "EDNS packet size == %d, want 1232", atomic_load(&st.size));
}
END_TEST

/* TestStrictErrorsLookupIP's names and what its fake does with them. */
enum { resolveOK, resolveOpError, resolveServfail, resolveTimeout };
enum { whichNone, whichX, whichY };

static const char	 strictName[] = "test-issue19592";
static const char	 strictServer[] = "192.0.2.53:53";
static const char *const strictSearch[] = { NULL,
	"test-issue19592.x.golang.org.", "test-issue19592.y.golang.org." };

/* A DNSError a case wants: Err, and which of Go's flags are set. */
typedef struct wantDNSError {
	const char *err; /* NULL: no error */
	bool	    isTimeout, isTemporary, isNotFound;
} wantDNSError;

#define wantTimeout                                                            \
	{                                                                      \
		"i/o timeout", true, false, false                              \
	}
#define wantTempError(e)                                                       \
	{                                                                      \
		e, false, true, false                                          \
	}
#define wantNxDomain                                                           \
	{                                                                      \
		"no such host", false, false, true                             \
	}

static const struct {
	const char     *desc;
	int		which;	 /* the search name that misbehaves */
	dnsmessage_Type qtype;	 /* for which query type; 0 for both */
	int		resolve; /* and how */
	wantDNSError	wantStrictErr, wantLaxErr;
	bool		want4, want6;
} strictErrorsLookupIPTests[] = {
	{ "No errors", whichNone, 0, resolveOK, { NULL }, { NULL }, true,
	    true },
	{ "searchX error fails in strict mode", whichX, 0, resolveTimeout,
	    wantTimeout, { NULL }, true, true },
	{ "searchX IPv4-only timeout fails in strict mode", whichX,
	    dnsmessage_TypeA, resolveTimeout, wantTimeout, { NULL }, true,
	    true },
	{ "searchX IPv6-only servfail fails in strict mode", whichX,
	    dnsmessage_TypeAAAA, resolveServfail,
	    wantTempError("server misbehaving"), { NULL }, true, true },
	/* The lax one reaches the name as given, "test-issue19592.". */
	{ "searchY error always fails", whichY, 0, resolveTimeout, wantTimeout,
	    wantNxDomain, false, false },
	{ "searchY IPv4-only socket error fails in strict mode", whichY,
	    dnsmessage_TypeA, resolveOpError,
	    wantTempError("write: socket on fire"), { NULL }, false, true },
	{ "searchY IPv6-only timeout fails in strict mode", whichY,
	    dnsmessage_TypeAAAA, resolveTimeout, wantTimeout, { NULL }, true,
	    false },
};

static runtime_error *
rhStrictErrors(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	int			   tc = *(int *)srv->arg;
	const dnsmessage_Question *quest = &q->Questions[0];
	int			   resolve;

	(void)n;
	(void)s;
	(void)t;
	resolve = resolveOK;
	if (strictErrorsLookupIPTests[tc].which != whichNone &&
	    qNameIs(q, strictSearch[strictErrorsLookupIPTests[tc].which]) &&
	    (strictErrorsLookupIPTests[tc].qtype == 0 ||
		strictErrorsLookupIPTests[tc].qtype == quest->Type))
		resolve = strictErrorsLookupIPTests[tc].resolve;
	switch (resolve) {
	case resolveOpError:
		return net_newOpError(
		    "write", NULL, NULL, NULL, errors_New("socket on fire"));
	case resolveServfail:
		fakeReply(r, q, dnsmessage_RCodeServerFailure);
		return NULL;
	case resolveTimeout:
		return os_ErrDeadlineExceeded;
	}
	/* NXDOMAIN for searchX and the name itself: the search goes on. */
	if (qNameIs(q, strictSearch[whichX]) ||
	    qNameIs(q, "test-issue19592.")) {
		fakeReply(r, q, dnsmessage_RCodeNameError);
		return NULL;
	}
	if (!qNameIs(q, strictSearch[whichY]))
		return errors_New("Unexpected Name");
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (quest->Type == dnsmessage_TypeA)
		fakeA(r, quest->Name, TestAddr);
	else if (quest->Type == dnsmessage_TypeAAAA)
		fakeAAAA(r, quest->Name, TestAddr6);
	else
		return errors_New("Unexpected Type");
	return NULL;
}

/* checkDNSError compares err with want field by field (Go's DeepEqual). */
static void
checkDNSError(runtime_error *err, const wantDNSError *want, const char *name,
    const char *server, const char *what)
{
	net_DNSError *de;

	if (want->err == NULL) {
		ck_assert_msg(err == NULL, "%s: got err %s; want nil", what,
		    runtime_error_Error(err));
		return;
	}
	ck_assert_msg(err != NULL, "%s: got nil; want %s", what, want->err);
	ck_assert_msg(err->type == &net_DNSErrorType,
	    "%s: got err %s; want a *net.DNSError", what,
	    runtime_error_Error(err));
	de = (net_DNSError *)err;
	ck_assert_msg(strcmp(de->Err, want->err) == 0 &&
		strcmp(de->Name, name) == 0 &&
		strcmp(de->Server, server) == 0 &&
		de->IsTimeout == want->isTimeout &&
		de->IsTemporary == want->isTemporary &&
		de->IsNotFound == want->isNotFound,
	    "%s: got err {Err: %s, Name: %s, Server: %s, %d %d %d}; want "
	    "{Err: %s, Name: %s, Server: %s, %d %d %d}",
	    what, de->Err, de->Name, de->Server, de->IsTimeout, de->IsTemporary,
	    de->IsNotFound, want->err, name, server, want->isTimeout,
	    want->isTemporary, want->isNotFound);
}

/* Go issue 17448: StrictErrors fails a lookup a temporary error touches. */
START_TEST(TestStrictErrorsLookupIP)
{
	static const char *const lines[] = { "nameserver 192.0.2.53",
		"search x.golang.org y.golang.org" };
	int			 tc = _i;
	fakeDNSServer		 fake = { .rh = rhStrictErrors, .arg = &tc };
	const wantDNSError	*want;
	resolvConfTest		 conf;
	net_Resolver		 r;
	net_IPAddr		*ips;
	runtime_error		*err;
	char			 what[160], *ip;
	bool			 got4, got6;
	int			 strict, n, i;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 2);
	for (strict = 1; strict >= 0; strict--) {
		r = goResolverWith(&fake);
		r.StrictErrors = strict;
		err = net_Resolver_LookupIPAddr(
		    &r, context_Background(), strictName, &ips, &n);
		snprintf(what, sizeof(what), "#%d (%s) strict=%d", _i,
		    strictErrorsLookupIPTests[_i].desc, strict);
		want = strict ? &strictErrorsLookupIPTests[_i].wantStrictErr
			      : &strictErrorsLookupIPTests[_i].wantLaxErr;
		checkDNSError(err, want, strictName, strictServer, what);
		runtime_error_Free(err);
		got4 = got6 = false;
		for (i = 0; i < n; i++) {
			ip = net_IPAddr_String(&ips[i]);
			got4 |= strcmp(ip, "192.0.2.1") == 0;
			got6 |= strcmp(ip, "2001:db8::1") == 0;
			free(ip);
		}
		free(ips);
		ck_assert_msg(n == got4 + got6 &&
			got4 ==
			    (want->err == NULL &&
				strictErrorsLookupIPTests[_i].want4) &&
			got6 ==
			    (want->err == NULL &&
				strictErrorsLookupIPTests[_i].want6),
		    "%s: got %d ips (v4 %d, v6 %d)", what, n, got4, got6);
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
}
END_TEST

static runtime_error *
rhStrictTXT(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	if (qNameIs(q, "test.x.golang.org."))
		return os_ErrDeadlineExceeded;
	if (qNameIs(q, "test.y.golang.org.")) {
		mockTXTResponse(r, q);
		return NULL;
	}
	return errors_New("Unexpected Name");
}

/* Go issue 17448: StrictErrors stops lookup's walk of the search list. */
START_TEST(TestStrictErrorsLookupTXT)
{
	static const char *const  lines[] = { "nameserver 192.0.2.53",
		 "search x.golang.org y.golang.org" };
	static const wantDNSError timeout = wantTimeout;
	static const wantDNSError none = { NULL };
	fakeDNSServer		  fake = { .rh = rhStrictTXT };
	resolvConfTest		  conf;
	net_Resolver		  r;
	net_dnsAnswer		  a;
	dnsmessage_Resource	 *rrs;
	runtime_error		 *err;
	char			  what[32];
	size_t			  nrr, k;
	int			  strict;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf, lines, 2);
	for (strict = 1; strict >= 0; strict--) {
		r = (net_Resolver){ .StrictErrors = strict,
			.Dial = fakeDNSServer_DialContext,
			.DialArg = &fake };
		err = net_Resolver_lookup(
		    &r, context_Background(), "test", dnsmessage_TypeTXT, &a);
		snprintf(what, sizeof(what), "strict=%d", strict);
		checkDNSError(
		    err, strict ? &timeout : &none, "test", strictServer, what);
		runtime_error_Free(err);
		nrr = 0;
		if (a.msg != NULL) {
			/*
			 * Go's AllAnswers: the parser already holds the first.
			 */
			err = dnsmessage_Parser_AllAnswers(&a.p, &rrs, &nrr);
			if (err != NULL)
				nrr = 0;
			runtime_error_Free(err);
			for (k = 0; k < nrr; k++)
				dnsmessage_Resource_Free(&rrs[k]);
			if (err == NULL)
				free(rrs);
		}
		ck_assert_msg(nrr == (strict ? 0u : 1u), "%s: got %zu; want %d",
		    what, nrr, strict ? 0 : 1);
		net_dnsAnswer_free(&a);
	}
	resolvConfTest_teardown(&conf);
}
END_TEST

/*
 * testDefaultResolverDial: the package functions go through
 * DefaultResolver, so its Dial hook sees their queries (Go's tests swap
 * DefaultResolver itself for this, as TestCVE202133195 does).
 */
static runtime_error *
rhTXT(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	mockTXTResponse(r, q);
	return NULL;
}

START_TEST(testDefaultResolverDial)
{
	fakeDNSServer  fake = { .rh = rhTXT };
	net_Resolver   orig = *net_DefaultResolver;
	runtime_error *err;
	char	     **txt;
	int	       n;

	net_DefaultResolver->Dial = fakeDNSServer_DialContext;
	net_DefaultResolver->DialArg = &fake;
	err = net_LookupTXT("www.golang.org", &txt, &n);
	*net_DefaultResolver = orig;
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n == 1 && strcmp(txt[0], "ok") == 0,
	    "LookupTXT = %d records; want [\"ok\"]", n);
	free(txt);
}
END_TEST

/*
 * testLookupGroup: identical lookups in flight share one call (Go's
 * lookupGroup).  The fake answers A queries after 300 ms, so lookups
 * started together overlap; fewer A queries than callers is sharing.
 */
enum { lookupGroupCallers = 6 };

typedef struct lookupGroupState {
	atomic_int     queriesA;
	net_Resolver   r;
	runtime_hchan *done; /* chan int: 1 per caller that got TestAddr */
} lookupGroupState;

static runtime_error *
rhSlowA(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	lookupGroupState *st = srv->arg;

	(void)n;
	(void)s;
	(void)t;
	if (q->Questions[0].Type == dnsmessage_TypeA) {
		atomic_fetch_add(&st->queriesA, 1);
		time_Sleep(300 * time_Millisecond);
	}
	return rhSuccessful(srv, n, s, q, t, r);
}

static void
lookupGroupCaller(void *arg)
{
	lookupGroupState *st = arg;
	net_IPAddr	 *addrs;
	runtime_error	 *err;
	int		  n, ok;

	err = net_Resolver_LookupIPAddr(
	    &st->r, context_Background(), "shared.example.org", &addrs, &n);
	ok = err == NULL && n == 1 && memcmp(addrs[0].IP.b, TestAddr, 4) == 0;
	runtime_error_Free(err);
	free(addrs);
	runtime_chansend1(st->done, &ok);
}

START_TEST(testLookupGroup)
{
	lookupGroupState st;
	fakeDNSServer	 fake = { .rh = rhSlowA, .arg = &st };
	int		 i, ok, good;

	atomic_init(&st.queriesA, 0);
	st.r = goResolverWith(&fake);
	st.done = runtime_makechan(sizeof(int), lookupGroupCallers);
	for (i = 0; i < lookupGroupCallers; i++)
		runtime_Go(lookupGroupCaller, &st);
	good = 0;
	for (i = 0; i < lookupGroupCallers; i++) {
		runtime_chanrecv1(st.done, &ok);
		good += ok;
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	runtime_hchan_Free(st.done);
	ck_assert_msg(good == lookupGroupCallers, "%d of %d lookups answered",
	    good, lookupGroupCallers);
	ck_assert_msg(atomic_load(&st.queriesA) < lookupGroupCallers,
	    "%d A queries for %d identical lookups; want them shared",
	    atomic_load(&st.queriesA), lookupGroupCallers);
}
END_TEST

static const struct {
	const char	  *name; /* query name */
	const char *const *lines;
	int		   nlines;
	const char	  *servers[2]; /* the name servers wanted */
} updateResolvConfTests[] = {
	{ "golang.org", (const char *const[]){ "nameserver 8.8.8.8" }, 1,
	    { "8.8.8.8:53" } },
	/* An empty resolv.conf gives Go's defaultNS. */
	{ "", NULL, 0, { "127.0.0.1:53", "[::1]:53" } },
	{ "www.example.com", (const char *const[]){ "nameserver 8.8.4.4" }, 1,
	    { "8.8.4.4:53" } },
};

typedef struct updateState {
	net_Resolver   r;
	const char    *name;
	runtime_hchan *done; /* chan int: 1 per lookup with records */
} updateState;

static void
updateLookup(void *arg)
{
	updateState   *st = arg;
	net_IPAddr    *ips;
	runtime_error *err;
	int	       n, ok;

	err = net_Resolver_LookupIPAddr(
	    &st->r, context_Background(), st->name, &ips, &n);
	ok = err == NULL && n > 0;
	runtime_error_Free(err);
	free(ips);
	runtime_chansend1(st->done, &ok);
}

/* The shared config follows a rewritten resolv.conf. */
START_TEST(TestUpdateResolvConf)
{
	fakeDNSServer  fake = { .rh = rhSuccessful };
	updateState    st;
	resolvConfTest conf;
	net_dnsConfig *c;
	size_t	       i;
	int	       j, ok, good, k, nwant;

	st.r = goResolverWith(&fake);
	newResolvConfTest(&conf);
	for (i = 0; i < nelem(updateResolvConfTests); i++) {
		resolvConfTest_writeAndUpdate(&conf,
		    updateResolvConfTests[i].lines,
		    updateResolvConfTests[i].nlines);
		if (updateResolvConfTests[i].name[0] != '\0') {
			st.name = updateResolvConfTests[i].name;
			st.done = runtime_makechan(sizeof(int), 10);
			for (j = 0; j < 10; j++)
				runtime_Go(updateLookup, &st);
			good = 0;
			for (j = 0; j < 10; j++) {
				runtime_chanrecv1(st.done, &ok);
				good += ok;
			}
			runtime_hchan_Free(st.done);
			ck_assert_msg(good == 10,
			    "#%zu: %d of 10 lookups of %s "
			    "had records",
			    i, good, st.name);
		}
		c = net_resolvConf_dnsConfig();
		nwant = updateResolvConfTests[i].servers[1] != NULL ? 2 : 1;
		ck_assert_msg(c->nservers == nwant,
		    "#%zu: got %d servers; want %d", i, c->nservers, nwant);
		for (k = 0; k < nwant; k++)
			ck_assert_msg(
			    strcmp(c->servers[k].p,
				updateResolvConfTests[i].servers[k]) == 0,
			    "#%zu: got %s; want %s", i, c->servers[k].p,
			    updateResolvConfTests[i].servers[k]);
	}
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
}
END_TEST

/*
 * CVE-2021-33195: answers whose names are not domain names ("<html>...")
 * are dropped, with an error, from every Lookup's result.  Each record
 * type comes as a bad record then a good one.
 */
static runtime_error *
rhCVE202133195(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	static const char *const owners[] = { "<html>.golang.org.",
		"good.golang.org." };
	dnsmessage_Name		 bad, good, name, owner;
	fakeBody		*b;
	int			 k;

	(void)srv;
	(void)n;
	(void)s;
	(void)t;
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	r->m.Header.RecursionAvailable = true;
	bad = dnsmessage_MustNewName(owners[0]);
	good = dnsmessage_MustNewName(owners[1]);
	name = q->Questions[0].Name;
	switch (q->Questions[0].Type) {
	case dnsmessage_TypeA: /* LookupCNAME asks A and AAAA */
		fakeA(r, bad, TestAddr);
		return NULL;
	case dnsmessage_TypeSRV:
		if (qNameIs(q, "_hdr._tcp.golang.org."))
			name = bad;
		for (k = 0; k < 2; k++) {
			b = fakeAnswer(r, name, dnsmessage_TypeSRV);
			b->srv = (dnsmessage_SRVResource){
				.ResourceBody = { &dnsmessage_SRVResourceType },
				.Target = k == 0 ? bad : good
			};
		}
		return NULL;
	}
	for (k = 0; k < 2; k++) {
		owner = k == 0 ? bad : good;
		switch (q->Questions[0].Type) {
		case dnsmessage_TypeMX:
			b = fakeAnswer(r, owner, dnsmessage_TypeMX);
			b->mx = (dnsmessage_MXResource){
				{ &dnsmessage_MXResourceType }, 0, owner
			};
			break;
		case dnsmessage_TypeNS:
			b = fakeAnswer(r, owner, dnsmessage_TypeNS);
			b->ns = (dnsmessage_NSResource){
				{ &dnsmessage_NSResourceType }, owner
			};
			break;
		case dnsmessage_TypePTR:
			b = fakeAnswer(r, owner, dnsmessage_TypePTR);
			b->ptr = (dnsmessage_PTRResource){
				{ &dnsmessage_PTRResourceType }, owner
			};
			break;
		}
	}
	return NULL;
}

static const char *const cveTests[] = { "CNAME", "SRV (bad record)",
	"SRV (bad header)", "MX", "NS", "Addr" };

/* cveCheckErr wants err's text to be want; it frees err. */
static void
cveCheckErr(runtime_error *err, const char *want)
{
	ck_assert_msg(
	    err != NULL && strcmp(runtime_error_Error(err), want) == 0,
	    "unexpected error: %s; want %s", runtime_error_Error(err), want);
	runtime_error_Free(err);
}

/* cveLookup runs subtest k through r, or through DefaultResolver. */
static void
cveLookup(int k, net_Resolver *r)
{
	static const char malformed[] =
	    "lookup golang.org: DNS response "
	    "contained records which contain invalid "
	    "names";
	runtime_error *err;
	net_SRV	      *srvs;
	net_MX	      *mxs;
	net_NS	      *nss;
	char	      *cname, **names;
	int	       n;

	switch (k) {
	case 0:
		err = r != NULL
		    ? net_Resolver_LookupCNAME(r, NULL, "golang.org", &cname)
		    : net_LookupCNAME("golang.org", &cname);
		cveCheckErr(err, malformed);
		free(cname);
		break;
	case 1:
	case 2:
		err = r != NULL
		    ? net_Resolver_LookupSRV(r, NULL, k == 1 ? "target" : "hdr",
			  "tcp", k == 1 ? "golang.org" : "golang.org.", &cname,
			  &srvs, &n)
		    : net_LookupSRV(k == 1 ? "target" : "hdr", "tcp",
			  k == 1 ? "golang.org" : "golang.org.", &cname, &srvs,
			  &n);
		if (k == 2) {
			cveCheckErr(err,
			    "lookup golang.org.: SRV header name "
			    "is invalid");
		} else {
			cveCheckErr(err, malformed);
			ck_assert_msg(n == 1 &&
				strcmp(srvs[0].Target, "good.golang.org.") == 0,
			    "Unexpected record set");
		}
		free(cname);
		free(srvs);
		break;
	case 3:
		err = r != NULL
		    ? net_Resolver_LookupMX(r, NULL, "golang.org", &mxs, &n)
		    : net_LookupMX("golang.org", &mxs, &n);
		cveCheckErr(err, malformed);
		ck_assert_msg(
		    n == 1 && strcmp(mxs[0].Host, "good.golang.org.") == 0,
		    "Unexpected record set");
		free(mxs);
		break;
	case 4:
		err = r != NULL
		    ? net_Resolver_LookupNS(r, NULL, "golang.org", &nss, &n)
		    : net_LookupNS("golang.org", &nss, &n);
		cveCheckErr(err, malformed);
		ck_assert_msg(
		    n == 1 && strcmp(nss[0].Host, "good.golang.org.") == 0,
		    "Unexpected record set");
		free(nss);
		break;
	default:
		err = r != NULL
		    ? net_Resolver_LookupAddr(r, NULL, "192.0.2.42", &names, &n)
		    : net_LookupAddr("192.0.2.42", &names, &n);
		cveCheckErr(err,
		    "lookup 192.0.2.42: DNS response contained records which "
		    "contain invalid names");
		ck_assert_msg(
		    n == 1 && strcmp(names[0], "good.golang.org.") == 0,
		    "Unexpected record set");
		free(names);
		break;
	}
}

START_TEST(TestCVE202133195)
{
	fakeDNSServer fake = { .rh = rhCVE202133195 };
	net_Resolver  r = goResolverWith(&fake);
	net_Resolver  orig = *net_DefaultResolver;
	const char   *origHosts;

	/* Go swaps DefaultResolver for r; here r is copied into it. */
	*net_DefaultResolver = r;
	origHosts = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/hosts";
	cveLookup(_i, &r);
	cveLookup(_i, NULL);
	net_testHookHostsPath = origHosts;
	*net_DefaultResolver = orig;
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
}
END_TEST

#define LINES(...)                                                             \
	(const char *const[]){ __VA_ARGS__ },                                  \
	    (int)(sizeof((const char *const[]){ __VA_ARGS__ }) /               \
		sizeof(const char *))

static const char longName[] =
    "jgahvsekduiv9bw4b3qhn4ykdfgj0493iohkrjfhdvhjiu4j";

static const struct {
	const char	  *name;
	const char *const *lines; /* resolver configuration lines */
	int		   nlines;
	const char	  *errServer; /* a DNSError with this Server, or NULL */
	bool		   errTimeout;
	bool a, aaaa; /* whether the answer holds A, AAAA records */
} goLookupIPWithResolverConfigTests[] = {
	/* The limited broadcast address stands for a server that is silent. */
	{ longName,
	    LINES("options timeout:1 attempts:1", "nameserver 255.255.255.255"),
	    "255.255.255.255:53", true, false, false },
	{ longName, LINES("options timeout:3 attempts:1", "nameserver 8.8.8.8"),
	    "8.8.8.8:53", false, false, false },

	{ "ipv4.google.com.",
	    LINES("nameserver 8.8.8.8", "nameserver 2001:4860:4860::8888"),
	    NULL, false, true, false },
	{ "ipv4.google.com",
	    LINES("domain golang.org", "nameserver 2001:4860:4860::8888",
		"nameserver 8.8.8.8"),
	    NULL, false, true, false },
	{ "ipv4.google.com",
	    LINES("search x.golang.org y.golang.org",
		"nameserver 2001:4860:4860::8888", "nameserver 8.8.8.8"),
	    NULL, false, true, false },

	{ "ipv6.google.com.",
	    LINES("nameserver 2001:4860:4860::8888", "nameserver 8.8.8.8"),
	    NULL, false, false, true },
	{ "ipv6.google.com",
	    LINES("domain golang.org", "nameserver 8.8.8.8",
		"nameserver 2001:4860:4860::8888"),
	    NULL, false, false, true },
	{ "ipv6.google.com",
	    LINES("search x.golang.org y.golang.org", "nameserver 8.8.8.8",
		"nameserver 2001:4860:4860::8888"),
	    NULL, false, false, true },

	/* RFC 7534's AS112 name, which has no records here. */
	{ "hostname.as112.net",
	    LINES("domain golang.org", "nameserver 2001:4860:4860::8888",
		"nameserver 8.8.8.8"),
	    NULL, false, true, true },
	{ "hostname.as112.net",
	    LINES("search x.golang.org y.golang.org",
		"nameserver 2001:4860:4860::8888", "nameserver 8.8.8.8"),
	    NULL, false, true, true },
};

static runtime_error *
rhResolverConfig(fakeDNSServer *srv, const char *n, const char *s,
    const dnsmessage_Message *q, time_Time t, fakeMsg *r)
{
	const dnsmessage_Question *quest = &q->Questions[0];

	(void)srv;
	(void)n;
	(void)t;
	if (strcmp(s, "[2001:4860:4860::8888]:53") != 0 &&
	    strcmp(s, "8.8.8.8:53") != 0) {
		time_Sleep(10 * time_Millisecond);
		return os_ErrDeadlineExceeded;
	}
	fakeReply(r, q, dnsmessage_RCodeSuccess);
	if (quest->Type == dnsmessage_TypeA && qNameIs(q, "ipv4.google.com."))
		fakeA(r, quest->Name, TestAddr);
	if (quest->Type == dnsmessage_TypeAAAA &&
	    qNameIs(q, "ipv6.google.com."))
		fakeAAAA(r, quest->Name, TestAddr6);
	return NULL;
}

START_TEST(TestGoLookupIPWithResolverConfig)
{
	fakeDNSServer  fake = { .rh = rhResolverConfig };
	net_Resolver   r = goResolverWith(&fake);
	resolvConfTest conf;
	net_DNSError  *de;
	net_IPAddr    *addrs;
	runtime_error *err;
	bool	       v4;
	int	       n, i;

	newResolvConfTest(&conf);
	resolvConfTest_writeAndUpdate(&conf,
	    goLookupIPWithResolverConfigTests[_i].lines,
	    goLookupIPWithResolverConfigTests[_i].nlines);
	err = net_Resolver_LookupIPAddr(&r, context_Background(),
	    goLookupIPWithResolverConfigTests[_i].name, &addrs, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	resolvConfTest_teardown(&conf);
	if (err != NULL) {
		de = (net_DNSError *)err;
		ck_assert_msg(err->type == &net_DNSErrorType &&
			(goLookupIPWithResolverConfigTests[_i].errServer ==
				NULL ||
			    (strcmp(de->Name,
				 goLookupIPWithResolverConfigTests[_i].name) ==
				    0 &&
				strcmp(de->Server,
				    goLookupIPWithResolverConfigTests[_i]
					.errServer) == 0 &&
				de->IsTimeout ==
				    goLookupIPWithResolverConfigTests[_i]
					.errTimeout)),
		    "got %s; want an error from %s", runtime_error_Error(err),
		    goLookupIPWithResolverConfigTests[_i].errServer);
		runtime_error_Free(err);
		return;
	}
	ck_assert_msg(n > 0, "no records for %s",
	    goLookupIPWithResolverConfigTests[_i].name);
	for (i = 0; i < n; i++) {
		v4 = net_IP_To4(addrs[i].IP).len != 0;
		ck_assert_msg(!v4 || goLookupIPWithResolverConfigTests[_i].a,
		    "got an IPv4 address; must not be one");
		ck_assert_msg(v4 || goLookupIPWithResolverConfigTests[_i].aaaa,
		    "got an IPv6 address; must not be one");
	}
	free(addrs);
}
END_TEST

/*
 * forgeryServer is the goroutine of Go's TestIgnoreDNSForgeries: it answers
 * the query on the pipe with garbage, then a reply with the wrong ID, then
 * the real one.  What went wrong, if anything, goes back on done.
 */
typedef struct forgeryState {
	net_Conn      *s;
	runtime_hchan *done; /* chan const char * */
} forgeryState;

static const char *
forgeryReplies(net_Conn *s, dnsmessage_Message *q)
{
	static const char garbage[] = "garbage DNS response packet";
	runtime_error	 *err;
	fakeMsg		  r;
	uint8_t		 *b;
	size_t		  l;
	ptrdiff_t	  n;

	runtime_error_Free(net_Conn_Write(s, garbage, strlen(garbage), &n));
	fakeReply(&r, q, dnsmessage_RCodeSuccess);
	r.m.Header.ID++;
	if ((err = dnsmessage_Message_Pack(&r.m, &b, &l)) != NULL)
		goto fail;
	runtime_error_Free(net_Conn_Write(s, b, l, &n));
	free(b);
	r.m.Header.ID--;
	fakeA(&r, q->Questions[0].Name, TestAddr);
	if ((err = dnsmessage_Message_Pack(&r.m, &b, &l)) != NULL)
		goto fail;
	runtime_error_Free(net_Conn_Write(s, b, l, &n));
	free(b);
	return NULL;
fail:
	runtime_error_Free(err);
	return "failed to pack DNS response";
}

static void
forgeryServer(void *arg)
{
	forgeryState	  *st = arg;
	dnsmessage_Message q;
	runtime_error	  *err;
	const char	  *what;
	uint8_t		  *b;
	ptrdiff_t	   n;

	b = runtime_malloc(net_maxDNSPacketSize);
	what = "read failed";
	if ((err = net_Conn_Read(st->s, b, net_maxDNSPacketSize, &n)) != NULL)
		goto out;
	what = "invalid DNS query";
	if ((err = dnsmessage_Message_Unpack(&q, b, (size_t)n)) != NULL)
		goto out;
	what = forgeryReplies(st->s, &q);
	dnsmessage_Message_Free(&q);
out:
	runtime_error_Free(err);
	free(b);
	runtime_chansend1(st->done, &what);
}

START_TEST(TestIgnoreDNSForgeries)
{
	dnsmessage_Question  q = { .Type = dnsmessage_TypeA,
		 .Class = dnsmessage_ClassINET };
	dnsmessage_Message   msg = { .Header = { .ID = 42 } };
	dnsmessage_Resource *as = NULL;
	dnsmessage_Header    h;
	net_dnsAnswer	     a = { 0 };
	forgeryState	     st;
	runtime_error	    *err;
	const char	    *what;
	uint8_t		    *b = NULL;
	size_t		     l, nas = 0, i;
	net_Conn	    *c;

	ck_assert_ptr_null(dnsmessage_NewName("www.example.com.", &q.Name));
	msg.Questions = &q;
	msg.nQuestions = 1;
	net_Pipe(&c, &st.s);
	st.done = runtime_makechan(sizeof(what), 1);
	runtime_Go(forgeryServer, &st);
	err = dnsmessage_Message_Pack(&msg, &b, &l);
	if (err == NULL)
		err = net_dnsPacketRoundTrip(c, 42, &q, b, l, &h, &a);
	if (err == NULL)
		err = dnsmessage_Parser_SkipAllQuestions(&a.p);
	if (err == NULL)
		err = dnsmessage_Parser_AllAnswers(&a.p, &as, &nas);
	if (err != NULL) {
		/* Unblock the server before waiting for it. */
		runtime_error_Free(net_Conn_Close(c));
		runtime_error_Free(net_Conn_Close(st.s));
	}
	runtime_chanrecv1(st.done, &what);
	runtime_hchan_Free(st.done);
	free(b);
	ck_assert_msg(err == NULL, "dnsPacketRoundTrip failed: %s",
	    err != NULL ? runtime_error_Error(err) : "");
	ck_assert_msg(what == NULL, "server: %s", what != NULL ? what : "");
	ck_assert_uint_ge(nas, 1);
	ck_assert_ptr_eq(as[0].Body->type, &dnsmessage_AResourceType);
	ck_assert_msg(
	    memcmp(((dnsmessage_AResource *)as[0].Body)->A, TestAddr, 4) == 0,
	    "got another address, want 192.0.2.1");
	for (i = 0; i < nas; i++)
		dnsmessage_Resource_Free(&as[i]);
	free(as);
	net_dnsAnswer_free(&a);
	runtime_error_Free(net_Conn_Close(c));
	runtime_error_Free(net_Conn_Close(st.s));
	net_Conn_Free(c);
	net_Conn_Free(st.s);
}
END_TEST

Suite *
dnsclient_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dnsclient_unix");
	tc = newTCase("exchange");
	tcase_add_test(tc, TestDNSTransportFallback);
	tcase_add_loop_test(
	    tc, TestSpecialDomainName, 0, nelem(specialDomainNameTests));
	tcase_add_test(tc, TestDNSDialTCP);
	tcase_add_test(tc, TestDNSUseTCP);
	tcase_add_test(tc, TestDNSPacketSize);
	tcase_add_test(tc, TestIgnoreDNSForgeries);
	suite_add_tcase(s, tc);
	tc = newTCase("names");
	tcase_add_loop_test(tc, TestAvoidDNSName, 0, nelem(avoidDNSTests));
	tcase_add_test(tc, TestLookupTorOnion);
	suite_add_tcase(s, tc);
	tc = newTCase("resolv.conf");
	tcase_add_test(tc, TestGoLookupIPOrderFallbackToFile);
	tcase_add_test(tc, TestErrorForOriginalNameWhenSearching);
	tcase_add_test(tc, TestIgnoreLameReferrals);
	tcase_add_test(tc, TestRetryTimeout);
	tcase_add_test(tc, TestRotate);
	tcase_add_test(tc, TestSingleRequestLookup);
	tcase_add_test(tc, TestUpdateResolvConf);
	tcase_add_loop_test(tc, TestGoLookupIPWithResolverConfig, 0,
	    nelem(goLookupIPWithResolverConfigTests));
	suite_add_tcase(s, tc);
	tc = newTCase("errors");
	tcase_add_test(tc, TestDNSGoroutineRace);
	tcase_add_test(tc, testLookupGroup);
	tcase_add_test(tc, TestIssue8434);
	tcase_add_test(tc, TestIssueNoSuchHostExists);
	tcase_add_loop_test(tc, TestNoSuchHost, 0, 2);
	tcase_add_loop_test(
	    tc, TestStrictErrorsLookupIP, 0, nelem(strictErrorsLookupIPTests));
	tcase_add_test(tc, TestStrictErrorsLookupTXT);
	suite_add_tcase(s, tc);
	tc = newTCase("records");
	tcase_add_test(tc, TestTXTRecordTwoStrings);
	tcase_add_test(tc, TestPTRandNonPTR);
	tcase_add_test(tc, TestNullMX);
	tcase_add_test(tc, TestRootNS);
	tcase_add_test(tc, testDefaultResolverDial);
	tcase_add_loop_test(tc, TestCVE202133195, 0, nelem(cveTests));
	suite_add_tcase(s, tc);
	return s;
}
