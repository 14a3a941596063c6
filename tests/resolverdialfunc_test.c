/*
 * C port of go1.19 src/net/resolverdialfunc_test.go.
 *
 * Resolver.Dial returns an in-memory Conn that answers DNS from handler
 * functions.  Go's handler also has logging hooks (StartDial, Question)
 * that only call t.Logf, and an error-to-RCode map whose result never
 * reaches the packed header; neither changes what the test checks, so the
 * port keeps the three record handlers.
 */
#include <stdlib.h>
#include <string.h>

#include "dnsmessage/dnsmessage.h"
#include "errors/errors.h"
#include "io/io.h"
#include "net/net_impl.h"
#include "tests/main_test.h"

typedef struct resolverFuncConn resolverFuncConn;

/* resolverDialHandler is Go's: one hook per question type, each optional. */
typedef struct resolverDialHandler {
	void (*HandleA)(resolverFuncConn *w, const char *name);
	void (*HandleAAAA)(resolverFuncConn *w, const char *name);
	void (*HandleSRV)(resolverFuncConn *w, const char *name);
} resolverDialHandler;

/*
 * resolverFuncConn is Go's: a stream Conn (not a PacketConn, so the
 * resolver frames its queries as over TCP) whose Write answers the query
 * into rbuf, which Read drains.
 */
struct resolverFuncConn {
	net_Conn		   Conn;
	const resolverDialHandler *h;
	dnsmessage_Builder	  *builder;
	dnsmessage_Question	   q;
	uint32_t		   ttl;
	uint8_t			  *rbuf;
	size_t			   roff, rlen;
};

/* header is Go's ResponseWriter.header: the question's name, type, class. */
static dnsmessage_ResourceHeader
header(resolverFuncConn *a)
{
	return (dnsmessage_ResourceHeader){ .Name = a->q.Name,
		.Type = a->q.Type,
		.Class = a->q.Class,
		.TTL = a->ttl };
}

static void
AWriter_AddIP(resolverFuncConn *a, const uint8_t v4[4])
{
	dnsmessage_AResource r = { { &dnsmessage_AResourceType }, { 0 } };

	memcpy(r.A, v4, 4);
	ck_assert_ptr_null(
	    dnsmessage_Builder_AResource(a->builder, header(a), &r));
}

static void
AAAAWriter_AddIP(resolverFuncConn *a, const uint8_t v6[16])
{
	dnsmessage_AAAAResource r = { { &dnsmessage_AAAAResourceType }, { 0 } };

	memcpy(r.AAAA, v6, 16);
	ck_assert_ptr_null(
	    dnsmessage_Builder_AAAAResource(a->builder, header(a), &r));
}

static void
SRVWriter_AddSRV(resolverFuncConn *a, uint16_t priority, uint16_t weight,
    uint16_t port, const char *target)
{
	dnsmessage_SRVResource r = { { &dnsmessage_SRVResourceType }, priority,
		weight, port, dnsmessage_MustNewName(target) };

	ck_assert_ptr_null(
	    dnsmessage_Builder_SRVResource(a->builder, header(a), &r));
}

static runtime_error *
resolverFuncConn_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n)
{
	resolverFuncConn *a = (resolverFuncConn *)c;

	*n = 0;
	if (a->roff == a->rlen)
		return len == 0 ? NULL : io_EOF;
	if (len > a->rlen - a->roff)
		len = a->rlen - a->roff;
	memcpy(b, a->rbuf + a->roff, len);
	a->roff += len;
	*n = (ptrdiff_t)len;
	return NULL;
}

/* answer runs the handler for q's type into the builder. */
static void
answer(resolverFuncConn *a)
{
	void (*handle)(resolverFuncConn *, const char *) = NULL;
	char *name;

	switch (a->q.Type) {
	case dnsmessage_TypeA:
		handle = a->h->HandleA;
		break;
	case dnsmessage_TypeAAAA:
		handle = a->h->HandleAAAA;
		break;
	case dnsmessage_TypeSRV:
		handle = a->h->HandleSRV;
		break;
	default:
		break;
	}
	if (handle == NULL)
		return;
	name = dnsmessage_Name_String(&a->q.Name);
	handle(a, name);
	free(name);
}

/* reply builds the answer to a query whose header is h into rbuf. */
static runtime_error *
reply(resolverFuncConn *a, dnsmessage_Header h, bool hadQ)
{
	dnsmessage_Builder b;
	runtime_error	  *err;
	const uint8_t	  *msg;
	size_t		   l;

	h.Response = true;
	h.Authoritative = true;
	h.RCode =
	    hadQ ? dnsmessage_RCodeSuccess : dnsmessage_RCodeNotImplemented;
	b = dnsmessage_NewBuilder(NULL, 0, 0, h);
	a->builder = &b;
	if (hadQ) {
		if ((err = dnsmessage_Builder_StartQuestions(&b)) != NULL ||
		    (err = dnsmessage_Builder_Question(&b, a->q)) != NULL ||
		    (err = dnsmessage_Builder_StartAnswers(&b)) != NULL)
			goto out;
		answer(a);
	}
	if ((err = dnsmessage_Builder_Finish(&b, &msg, &l)) != NULL)
		goto out;
	a->rbuf = realloc(a->rbuf, a->rlen + 2 + l);
	ck_assert_ptr_nonnull(a->rbuf);
	a->rbuf[a->rlen] = (uint8_t)(l >> 8);
	a->rbuf[a->rlen + 1] = (uint8_t)l;
	memcpy(a->rbuf + a->rlen + 2, msg, l);
	a->rlen += 2 + l;
out:
	a->builder = NULL;
	dnsmessage_Builder_Free(&b);
	return err;
}

static runtime_error *
resolverFuncConn_Write(net_Conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	resolverFuncConn *a = (resolverFuncConn *)c;
	const uint8_t	 *packet = b;
	dnsmessage_Parser p = { 0 };
	dnsmessage_Header h;
	runtime_error	 *err;
	bool		  hadQ;

	*n = 0;
	if (len < 2)
		return errors_New("short write; want 2+ bytes");
	if (((size_t)packet[0] << 8 | packet[1]) != len - 2)
		return errors_New("packet declared length doesn't match body");
	if ((err = dnsmessage_Parser_Start(&p, packet + 2, len - 2, &h)) !=
	    NULL)
		return err;
	err = dnsmessage_Parser_Question(&p, &a->q);
	hadQ = err == NULL;
	if (err != NULL && err != dnsmessage_ErrSectionDone)
		return err;
	if ((err = reply(a, h, hadQ)) != NULL)
		return err;
	*n = (ptrdiff_t)len;
	return NULL;
}

static runtime_error *
resolverFuncConn_Close(net_Conn *c)
{
	(void)c;
	return NULL;
}

static runtime_error *
resolverFuncConn_SetDeadline(net_Conn *c, time_Time t)
{
	(void)c;
	(void)t;
	return NULL;
}

static void
resolverFuncConn_Free(net_Conn *c)
{
	resolverFuncConn *a = (resolverFuncConn *)c;

	free(a->rbuf);
	free(a);
}

static const net_ConnType resolverFuncConnType = {
	.name = "*net.resolverFuncConn",
	.Read = resolverFuncConn_Read,
	.Write = resolverFuncConn_Write,
	.Close = resolverFuncConn_Close,
	.SetDeadline = resolverFuncConn_SetDeadline,
	.SetReadDeadline = resolverFuncConn_SetDeadline,
	.SetWriteDeadline = resolverFuncConn_SetDeadline,
	.Free = resolverFuncConn_Free,
};

/* newResolverDialFunc's closure: arg is the handler. */
static runtime_error *
resolverDialFunc(context_Context *ctx, const char *network, const char *address,
    net_Conn **c, void *arg)
{
	resolverFuncConn *a;

	(void)ctx;
	(void)network;
	(void)address;
	a = runtime_malloc(sizeof(*a));
	*a = (resolverFuncConn){
		.Conn = { &resolverFuncConnType }, .h = arg, .ttl = 10
	};
	*c = &a->Conn;
	return NULL;
}

static void
handleA(resolverFuncConn *w, const char *name)
{
	(void)name;
	AWriter_AddIP(w, (const uint8_t[4]){ 1, 2, 3, 4 });
	AWriter_AddIP(w, (const uint8_t[4]){ 5, 6, 7, 8 });
}

static void
handleAAAA(resolverFuncConn *w, const char *name)
{
	(void)name;
	AAAAWriter_AddIP(w, (const uint8_t[16]){ [1] = 1, [15] = 15 });
	AAAAWriter_AddIP(w, (const uint8_t[16]){ [2] = 2, [14] = 14 });
}

static void
handleSRV(resolverFuncConn *w, const char *name)
{
	(void)name;
	SRVWriter_AddSRV(w, 1, 2, 80, "foo.bar.");
	SRVWriter_AddSRV(w, 2, 3, 81, "bar.baz.");
}

static const resolverDialHandler handler = { handleA, handleAAAA, handleSRV };
static const char		 fakeDomain[] =
    "something-that-is-a-not-a-real-domain.fake-tld.";

static int
cmpString(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The subtest LookupIP. */
static void
lookupIP(void)
{
	static const char *const want[] = { "0:200::e00", "1.2.3.4", "1::f",
		"5.6.7.8" };
	net_Resolver		 r = { .PreferGo = true,
			    .Dial = resolverDialFunc,
			    .DialArg = (void *)&handler };
	runtime_error		*err;
	net_IP			*ips;
	char			*got[8];
	int			 n, i;

	err = net_Resolver_LookupIP(
	    &r, context_Background(), "ip", fakeDomain, &ips, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_int_eq(n, (int)nelem(want));
	for (i = 0; i < n; i++)
		got[i] = net_IP_String(ips[i]);
	qsort(got, (size_t)n, sizeof(got[0]), cmpString);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(got[i], want[i]);
	for (i = 0; i < n; i++)
		free(got[i]);
	free(ips);
}

/* The subtest LookupSRV. */
static void
lookupSRV(void)
{
	static const net_SRV want[] = {
		{ "foo.bar.", 80, 1, 2 },
		{ "bar.baz.", 81, 2, 3 },
	};
	net_Resolver   r = { .PreferGo = true,
		  .Dial = resolverDialFunc,
		  .DialArg = (void *)&handler };
	runtime_error *err;
	net_SRV	      *got;
	char	      *cname;
	int	       n, i;

	err = net_Resolver_LookupSRV(&r, context_Background(), "some-service",
	    "tcp", fakeDomain, &cname, &got, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_int_eq(n, (int)nelem(want));
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(got[i].Target, want[i].Target);
		ck_assert_uint_eq(got[i].Port, want[i].Port);
		ck_assert_uint_eq(got[i].Priority, want[i].Priority);
		ck_assert_uint_eq(got[i].Weight, want[i].Weight);
	}
	free(cname);
	free(got);
}

/* TestResolverDialFunc: iteration i runs Go's i-th subtest. */
START_TEST(TestResolverDialFunc)
{
	if (_i == 0)
		lookupIP();
	else
		lookupSRV();
}
END_TEST

Suite *
resolverdialfunc_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("resolverdialfunc");
	tc = newTCase("ResolverDialFunc");
	tcase_add_loop_test(tc, TestResolverDialFunc, 0, 2);
	suite_add_tcase(s, tc);
	return s;
}
