/*
 * C port of golang.org/x/net dns/dnsmessage/message_test.go at x/net
 * d99f623d45a4, the commit Go 1.19 vendors (a copy of the Go file is
 * tests/testdata/dnsmessage/message_test.go).
 *
 * Go compares Messages and Resources with reflect.DeepEqual; here two are
 * equal when their GoStrings are, which print every field (Name bytes past
 * Length and nil-versus-empty slices excepted, which C does not have).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dnsmessage/dnsmessage_impl.h"
#include "tests/allocs_hook.h"
#include "tests/main_test.h"

/* A private-use RR TYPE (IANA), as Go's test picks one. */
enum { privateUseType = 65362 };

#define MustNewName dnsmessage_MustNewName

static dnsmessage_ResourceHeader
mustEDNS0ResourceHeader(int l, dnsmessage_RCode extrc, bool do_)
{
	dnsmessage_ResourceHeader h = { .Class = dnsmessage_ClassINET };
	runtime_error		 *err;

	err = dnsmessage_ResourceHeader_SetEDNS0(&h, l, extrc, do_);
	ck_assert_ptr_null(err);
	return h;
}

/* checkErrorPrefix reports whether err is a nestedError labelled prefix. */
static bool
checkErrorPrefix(runtime_error *err, const char *prefix)
{
	return err != NULL && err->type == &dnsmessage_nestedErrorType &&
	    strcmp(((dnsmessage_nestedError *)err)->s, prefix) == 0;
}

/* The test messages, with storage for their arrays and bodies. */
typedef struct testMsg {
	dnsmessage_Message	   m;
	dnsmessage_Question	   q[1];
	dnsmessage_Resource	   an[9], ns[2], ar[3];
	dnsmessage_AResource	   a[2];
	dnsmessage_AAAAResource	   aaaa;
	dnsmessage_CNAMEResource   cname;
	dnsmessage_SOAResource	   soa;
	dnsmessage_PTRResource	   ptr;
	dnsmessage_MXResource	   mx;
	dnsmessage_SRVResource	   srv;
	dnsmessage_UnknownResource unknown;
	dnsmessage_NSResource	   nsr[2];
	dnsmessage_TXTResource	   txt[2];
	dnsmessage_String	   txts[2];
	dnsmessage_OPTResource	   opt;
	dnsmessage_Option	   opts[1];
} testMsg;

static uint8_t unknownData[] = { 42, 0, 43, 44 };
static uint8_t cookie[] = { 0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef };

static dnsmessage_Resource
res(dnsmessage_Type t, dnsmessage_ResourceBody *body)
{
	dnsmessage_Resource r = { 0 };

	r.Header.Name = MustNewName("foo.bar.example.com.");
	r.Header.Type = t;
	r.Header.Class = dnsmessage_ClassINET;
	r.Body = body;
	return r;
}

static void
setBody(dnsmessage_ResourceBody *b, const dnsmessage_resourceBodyType *t)
{
	b->type = t;
}

static void
largeTestMsgAnswers(testMsg *t)
{
	static const uint8_t aaaa[16] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12,
		13, 14, 15, 16 };

	setBody(&t->a[0].ResourceBody, &dnsmessage_AResourceType);
	memcpy(t->a[0].A, (uint8_t[]){ 127, 0, 0, 1 }, 4);
	setBody(&t->a[1].ResourceBody, &dnsmessage_AResourceType);
	memcpy(t->a[1].A, (uint8_t[]){ 127, 0, 0, 2 }, 4);
	setBody(&t->aaaa.ResourceBody, &dnsmessage_AAAAResourceType);
	memcpy(t->aaaa.AAAA, aaaa, 16);
	setBody(&t->cname.ResourceBody, &dnsmessage_CNAMEResourceType);
	t->cname.CNAME = MustNewName("alias.example.com.");
	setBody(&t->soa.ResourceBody, &dnsmessage_SOAResourceType);
	t->soa.NS = MustNewName("ns1.example.com.");
	t->soa.MBox = MustNewName("mb.example.com.");
	t->soa.Serial = 1;
	t->soa.Refresh = 2;
	t->soa.Retry = 3;
	t->soa.Expire = 4;
	t->soa.MinTTL = 5;
	setBody(&t->ptr.ResourceBody, &dnsmessage_PTRResourceType);
	t->ptr.PTR = MustNewName("ptr.example.com.");
	setBody(&t->mx.ResourceBody, &dnsmessage_MXResourceType);
	t->mx.Pref = 7;
	t->mx.MX = MustNewName("mx.example.com.");
	setBody(&t->srv.ResourceBody, &dnsmessage_SRVResourceType);
	t->srv.Priority = 8;
	t->srv.Weight = 9;
	t->srv.Port = 11;
	t->srv.Target = MustNewName("srv.example.com.");
	setBody(&t->unknown.ResourceBody, &dnsmessage_UnknownResourceType);
	t->unknown.Type = privateUseType;
	t->unknown.Data = unknownData;
	t->unknown.nData = sizeof(unknownData);
	t->an[0] = res(dnsmessage_TypeA, &t->a[0].ResourceBody);
	t->an[1] = res(dnsmessage_TypeA, &t->a[1].ResourceBody);
	t->an[2] = res(dnsmessage_TypeAAAA, &t->aaaa.ResourceBody);
	t->an[3] = res(dnsmessage_TypeCNAME, &t->cname.ResourceBody);
	t->an[4] = res(dnsmessage_TypeSOA, &t->soa.ResourceBody);
	t->an[5] = res(dnsmessage_TypePTR, &t->ptr.ResourceBody);
	t->an[6] = res(dnsmessage_TypeMX, &t->mx.ResourceBody);
	t->an[7] = res(dnsmessage_TypeSRV, &t->srv.ResourceBody);
	t->an[8] = res(privateUseType, &t->unknown.ResourceBody);
}

static void
largeTestMsg(testMsg *t)
{
	static const char *const txts[] = {
		"So Long, and Thanks for All the Fish",
		"Hamster Huey and the Gooey Kablooie",
	};
	int i;

	memset(t, 0, sizeof(*t));
	t->m.Header.Response = true;
	t->m.Header.Authoritative = true;
	t->q[0].Name = MustNewName("foo.bar.example.com.");
	t->q[0].Type = dnsmessage_TypeA;
	t->q[0].Class = dnsmessage_ClassINET;
	largeTestMsgAnswers(t);
	for (i = 0; i < 2; i++) {
		setBody(&t->nsr[i].ResourceBody, &dnsmessage_NSResourceType);
		t->nsr[i].NS = MustNewName(
		    i == 0 ? "ns1.example.com." : "ns2.example.com.");
		t->ns[i] = res(dnsmessage_TypeNS, &t->nsr[i].ResourceBody);
		setBody(&t->txt[i].ResourceBody, &dnsmessage_TXTResourceType);
		t->txts[i].p = txts[i];
		t->txts[i].n = strlen(txts[i]);
		t->txt[i].TXT = &t->txts[i];
		t->txt[i].nTXT = 1;
		t->ar[i] = res(dnsmessage_TypeTXT, &t->txt[i].ResourceBody);
	}
	setBody(&t->opt.ResourceBody, &dnsmessage_OPTResourceType);
	t->opts[0].Code = 10; /* RFC 7873 */
	t->opts[0].Data = cookie;
	t->opts[0].nData = sizeof(cookie);
	t->opt.Options = t->opts;
	t->opt.nOptions = 1;
	t->ar[2].Header = mustEDNS0ResourceHeader(4096, 0xfe0, false);
	t->ar[2].Body = &t->opt.ResourceBody;
	t->m.Questions = t->q;
	t->m.nQuestions = 1;
	t->m.Answers = t->an;
	t->m.nAnswers = 9;
	t->m.Authorities = t->ns;
	t->m.nAuthorities = 2;
	t->m.Additionals = t->ar;
	t->m.nAdditionals = 3;
}

/* smallTestMsg has one A record for example.com. in every section. */
static void
smallTestMsg(testMsg *t)
{
	dnsmessage_Resource r = { 0 };
	int		    i;

	memset(t, 0, sizeof(*t));
	t->m.Header.Response = true;
	t->m.Header.Authoritative = true;
	t->q[0].Name = MustNewName("example.com.");
	t->q[0].Type = dnsmessage_TypeA;
	t->q[0].Class = dnsmessage_ClassINET;
	setBody(&t->a[0].ResourceBody, &dnsmessage_AResourceType);
	memcpy(t->a[0].A, (uint8_t[]){ 127, 0, 0, 1 }, 4);
	r.Header.Name = t->q[0].Name;
	r.Header.Type = dnsmessage_TypeA;
	r.Header.Class = dnsmessage_ClassINET;
	r.Body = &t->a[0].ResourceBody;
	t->m.Questions = t->q;
	t->m.nQuestions = 1;
	for (i = 0; i < 3; i++)
		t->an[i] = r;
	t->m.Answers = &t->an[0];
	t->m.nAnswers = 1;
	t->m.Authorities = &t->an[1];
	t->m.nAuthorities = 1;
	t->m.Additionals = &t->an[2];
	t->m.nAdditionals = 1;
}

static void
smallTestMsgWithUnknownResource(testMsg *t)
{
	memset(t, 0, sizeof(*t));
	setBody(&t->unknown.ResourceBody, &dnsmessage_UnknownResourceType);
	/* Packing calls realType, so Type must match the header's. */
	t->unknown.Type = privateUseType;
	t->unknown.Data = (uint8_t *)"\x2a\x2a\x2a\x2a";
	t->unknown.nData = 4;
	t->an[0].Header.Name = MustNewName(".");
	t->an[0].Header.Type = privateUseType;
	t->an[0].Header.Class = dnsmessage_ClassINET;
	t->an[0].Header.TTL = 123;
	t->an[0].Body = &t->unknown.ResourceBody;
	t->m.Answers = t->an;
	t->m.nAnswers = 1;
}

/* assertGoStringEq compares two GoStrings and frees them. */
static void
assertGoStringEq(char *got, char *want, const char *what)
{
	ck_assert_msg(
	    strcmp(got, want) == 0, "%s: got = %s, want = %s", what, got, want);
	free(got);
	free(want);
}

START_TEST(TestPrintPaddedUint8)
{
	static const struct {
		uint8_t	    num;
		const char *want;
	} tests[] = {
		{ 0, "000" },
		{ 1, "001" },
		{ 9, "009" },
		{ 10, "010" },
		{ 99, "099" },
		{ 100, "100" },
		{ 124, "124" },
		{ 104, "104" },
		{ 120, "120" },
		{ 255, "255" },
	};
	size_t i;
	char  *got;

	for (i = 0; i < nelem(tests); i++) {
		got = dnsmessage_printPaddedUint8(tests[i].num);
		ck_assert_msg(strcmp(got, tests[i].want) == 0,
		    "got printPaddedUint8(%d) = %s, want = %s", tests[i].num,
		    got, tests[i].want);
		free(got);
	}
}
END_TEST

/* checkPrint compares got with C's %u of the same number. */
static void
checkPrint(const char *fn, char *got, unsigned long v)
{
	char want[32];

	snprintf(want, sizeof(want), "%lu", v);
	ck_assert_msg(strcmp(got, want) == 0, "got %s(%lu) = %s, want = %s", fn,
	    v, got, want);
	free(got);
}

START_TEST(TestPrintUint8Bytes)
{
	static const uint8_t tests[] = { 0, 1, 9, 10, 99, 100, 124, 104, 120,
		255 };
	size_t		     i;

	for (i = 0; i < nelem(tests); i++)
		checkPrint("printUint8Bytes",
		    dnsmessage_printUint8Bytes(tests[i]), tests[i]);
}
END_TEST

START_TEST(TestPrintUint16)
{
	static const uint16_t tests[] = { 65535, 0, 1, 10, 100, 1000, 10000,
		324, 304, 320 };
	size_t		      i;

	for (i = 0; i < nelem(tests); i++)
		checkPrint(
		    "printUint16", dnsmessage_printUint16(tests[i]), tests[i]);
}
END_TEST

START_TEST(TestPrintUint32)
{
	static const uint32_t tests[] = { 4294967295u, 65535, 0, 1, 10, 100,
		1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
		324, 304, 320 };
	size_t		      i;

	for (i = 0; i < nelem(tests); i++)
		checkPrint(
		    "printUint32", dnsmessage_printUint32(tests[i]), tests[i]);
}
END_TEST

START_TEST(TestNameString)
{
	dnsmessage_Name name = MustNewName("foo");
	char	       *got;

	got = dnsmessage_Name_String(&name);
	ck_assert_str_eq(got, "foo");
	free(got);
}
END_TEST

START_TEST(TestQuestionPackUnpack)
{
	dnsmessage_Question	want = { 0 }, got;
	dnsmessage_compression *c;
	dnsmessage_Parser	p = { 0 };
	uint8_t			storage[50] = { 0 };
	dnsmessage_bytes	buf = { storage, 1, sizeof(storage), false };
	runtime_error	       *err;

	want.Name = MustNewName(".");
	want.Type = dnsmessage_TypeA;
	want.Class = dnsmessage_ClassINET;
	c = dnsmessage_newCompression();
	err = dnsmessage_Question_pack(&want, &buf, c, 1);
	dnsmessage_compression_free(c);
	ck_assert_msg(
	    err == NULL, "Question.pack() = %s", runtime_error_Error(err));
	p.msg = buf.p;
	p.len = buf.len;
	p.header.questions = 1;
	p.section = dnsmessage_sectionQuestions;
	p.off = 1;
	err = dnsmessage_Parser_Question(&p, &got);
	ck_assert_msg(
	    err == NULL, "Parser.Question() = %s", runtime_error_Error(err));
	ck_assert_msg(p.off == buf.len,
	    "unpacked different amount than packed: got = %zu, want = %zu",
	    p.off, buf.len);
	assertGoStringEq(dnsmessage_Question_GoString(&got),
	    dnsmessage_Question_GoString(&want), "Parser.Question()");
	ck_assert(memcmp(&got.Name, &want.Name, sizeof(got.Name)) == 0);
	ck_assert(!buf.owned);
}
END_TEST

START_TEST(TestName)
{
	static const char *const tests[] = { "", ".", "google..com",
		"google.com", "google..com.", "google.com.", ".google.com.",
		"www..google.com.", "www.google.com." };
	dnsmessage_Name		 n;
	runtime_error		*err;
	size_t			 i;
	char			*ns;

	for (i = 0; i < nelem(tests); i++) {
		err = dnsmessage_NewName(tests[i], &n);
		ck_assert_msg(err == NULL, "NewName(\"%s\") = %s", tests[i],
		    runtime_error_Error(err));
		ns = dnsmessage_Name_String(&n);
		ck_assert_msg(strcmp(ns, tests[i]) == 0,
		    "got String() = \"%s\", want = \"%s\"", ns, tests[i]);
		free(ns);
	}
}
END_TEST

static const struct {
	const char	     *in;
	const char	     *want;
	runtime_error *const *err; /* NULL: nil */
} namePackUnpackTests[] = {
	{ "", "", &dnsmessage_errNonCanonicalName },
	{ ".", ".", NULL },
	{ "google..com", "", &dnsmessage_errNonCanonicalName },
	{ "google.com", "", &dnsmessage_errNonCanonicalName },
	{ "google..com.", "", &dnsmessage_errZeroSegLen },
	{ "google.com.", "google.com.", NULL },
	{ ".google.com.", "", &dnsmessage_errZeroSegLen },
	{ "www..google.com.", "", &dnsmessage_errZeroSegLen },
	{ "www.google.com.", "www.google.com.", NULL },
};

START_TEST(TestNamePackUnpack)
{
	dnsmessage_Name		in, want, got = { { 0 }, 0 };
	dnsmessage_compression *c;
	uint8_t			storage[30];
	dnsmessage_bytes	buf = { storage, 0, sizeof(storage), false };
	runtime_error	       *err, *werr;
	size_t			n = 0;

	in = MustNewName(namePackUnpackTests[_i].in);
	want = MustNewName(namePackUnpackTests[_i].want);
	werr =
	    namePackUnpackTests[_i].err ? *namePackUnpackTests[_i].err : NULL;
	c = dnsmessage_newCompression();
	err = dnsmessage_Name_pack(&in, &buf, c, 0);
	dnsmessage_compression_free(c);
	ck_assert_msg(err == werr, "got \"%s\".pack() = %s, want = %s",
	    namePackUnpackTests[_i].in, runtime_error_Error(err),
	    runtime_error_Error(werr));
	if (werr != NULL)
		return;
	err = dnsmessage_Name_unpack(&got, buf.p, buf.len, &n);
	ck_assert_msg(err == NULL, "\"%s\".unpack() = %s",
	    namePackUnpackTests[_i].in, runtime_error_Error(err));
	ck_assert_msg(n == buf.len,
	    "unpacked different amount than packed for \"%s\": got = %zu, "
	    "want = %zu",
	    namePackUnpackTests[_i].in, n, buf.len);
	ck_assert_msg(memcmp(&got, &want, sizeof(got)) == 0,
	    "unpacking packing of \"%s\": got = %.*s",
	    namePackUnpackTests[_i].in, got.Length, got.Data);
}
END_TEST

START_TEST(TestIncompressibleName)
{
	dnsmessage_Name		name = MustNewName("example.com."), n1, n2;
	dnsmessage_compression *c;
	dnsmessage_bytes	buf = { 0 };
	runtime_error	       *err;
	size_t			off = 0, off2;

	memset(&n1, 0, sizeof(n1));
	memset(&n2, 0, sizeof(n2));
	c = dnsmessage_newCompression();
	err = dnsmessage_Name_pack(&name, &buf, c, 0);
	ck_assert_msg(
	    err == NULL, "first Name.pack() = %s", runtime_error_Error(err));
	err = dnsmessage_Name_pack(&name, &buf, c, 0);
	ck_assert_msg(
	    err == NULL, "second Name.pack() = %s", runtime_error_Error(err));
	dnsmessage_compression_free(c);
	err =
	    dnsmessage_Name_unpackCompressed(&n1, buf.p, buf.len, &off, false);
	ck_assert_msg(err == NULL,
	    "unpacking incompressible name without pointers failed: %s",
	    runtime_error_Error(err));
	off2 = off;
	err =
	    dnsmessage_Name_unpackCompressed(&n2, buf.p, buf.len, &off2, false);
	ck_assert_msg(err == dnsmessage_errCompressedSRV,
	    "unpacking compressed incompressible name with pointers: got %s, "
	    "want = %s",
	    runtime_error_Error(err),
	    runtime_error_Error(dnsmessage_errCompressedSRV));
	free(buf.p);
}
END_TEST

START_TEST(TestHeaderUnpackError)
{
	static const char *const wants[] = { "id", "bits", "questions",
		"answers", "authorities", "additionals" };
	uint8_t			 buf[12] = { 0 };
	dnsmessage_header	 h;
	runtime_error		*err;
	size_t			 i, n;

	for (i = 0; i < nelem(wants); i++) {
		n = 0;
		err = dnsmessage_header_unpack(&h, buf, 2 * i, &n);
		ck_assert_msg(n == 0 && checkErrorPrefix(err, wants[i]),
		    "got header.unpack([%zu]byte, 0) = %zu, %s, want = 0, %s",
		    2 * i, n, runtime_error_Error(err), wants[i]);
		runtime_error_Free(err);
	}
}
END_TEST

START_TEST(TestParserStart)
{
	dnsmessage_Parser p = { 0 };
	dnsmessage_Header h;
	runtime_error	 *err;
	int		  i;

	for (i = 0; i <= 1; i++) {
		err = dnsmessage_Parser_Start(&p, (const uint8_t *)"", 0, &h);
		ck_assert_msg(checkErrorPrefix(err, "unpacking header"),
		    "got Parser.Start(nil) = _, %s, want = _, unpacking header",
		    runtime_error_Error(err));
		runtime_error_Free(err);
	}
}
END_TEST

/* Each Parser.XResource on a zero Parser, through one signature. */
#define NOTSTARTED(T)                                                          \
	static runtime_error *notStarted##T(dnsmessage_Parser *p)              \
	{                                                                      \
		dnsmessage_##T##Resource r;                                    \
		return dnsmessage_Parser_##T##Resource(p, &r);                 \
	}
NOTSTARTED(CNAME)
NOTSTARTED(MX)
NOTSTARTED(NS)
NOTSTARTED(PTR)
NOTSTARTED(SOA)
NOTSTARTED(TXT)
NOTSTARTED(SRV)
NOTSTARTED(A)
NOTSTARTED(AAAA)
NOTSTARTED(Unknown)

START_TEST(TestResourceNotStarted)
{
	static const struct {
		const char *name;
		runtime_error *(*fn)(dnsmessage_Parser *);
	} tests[] = {
		{ "CNAMEResource", notStartedCNAME },
		{ "MXResource", notStartedMX },
		{ "NSResource", notStartedNS },
		{ "PTRResource", notStartedPTR },
		{ "SOAResource", notStartedSOA },
		{ "TXTResource", notStartedTXT },
		{ "SRVResource", notStartedSRV },
		{ "AResource", notStartedA },
		{ "AAAAResource", notStartedAAAA },
		{ "UnknownResource", notStartedUnknown },
	};
	dnsmessage_Parser p;
	runtime_error	 *err;
	size_t		  i;

	for (i = 0; i < nelem(tests); i++) {
		memset(&p, 0, sizeof(p));
		err = tests[i].fn(&p);
		ck_assert_msg(err == dnsmessage_ErrNotStarted,
		    "got Parser.%s() = _ , %s, want = _, %s", tests[i].name,
		    runtime_error_Error(err),
		    runtime_error_Error(dnsmessage_ErrNotStarted));
	}
}
END_TEST

/* smallAAAAQuestionMsg is the first message of TestDNSPackUnpack. */
static void
smallAAAAQuestionMsg(testMsg *t)
{
	memset(t, 0, sizeof(*t));
	t->q[0].Name = MustNewName(".");
	t->q[0].Type = dnsmessage_TypeAAAA;
	t->q[0].Class = dnsmessage_ClassINET;
	t->m.Questions = t->q;
	t->m.nQuestions = 1;
}

/* packUnpack runs one round trip; prefix is the length before the message. */
static void
packUnpack(testMsg *want, size_t prefix, int i)
{
	dnsmessage_Message got;
	runtime_error	  *err;
	uint8_t		  *b = NULL;
	size_t		   n = 0;

	if (prefix > 0) {
		b = calloc(1, prefix);
		n = prefix;
		err = dnsmessage_Message_AppendPack(&want->m, &b, &n);
	} else
		err = dnsmessage_Message_Pack(&want->m, &b, &n);
	ck_assert_msg(err == NULL, "%d: Message.Pack() = %s", i,
	    runtime_error_Error(err));
	err = dnsmessage_Message_Unpack(&got, b + prefix, n - prefix);
	ck_assert_msg(err == NULL, "%d: Message.Unapck() = %s", i,
	    runtime_error_Error(err));
	assertGoStringEq(dnsmessage_Message_GoString(&got),
	    dnsmessage_Message_GoString(&want->m), "Message.Pack/Unpack()");
	dnsmessage_Message_Free(&got);
	free(b);
}

START_TEST(TestDNSPackUnpack)
{
	testMsg t;

	smallAAAAQuestionMsg(&t);
	packUnpack(&t, 0, 0);
	largeTestMsg(&t);
	packUnpack(&t, 0, 1);
}
END_TEST

START_TEST(TestDNSAppendPackUnpack)
{
	testMsg t;

	smallAAAAQuestionMsg(&t);
	packUnpack(&t, 2, 0);
	largeTestMsg(&t);
	packUnpack(&t, 2, 1);
}
END_TEST

/* startParser packs t and starts p on the result, which *buf receives. */
static void
startParser(testMsg *t, dnsmessage_Parser *p, uint8_t **buf)
{
	dnsmessage_Header h;
	runtime_error	 *err;
	size_t		  n;

	err = dnsmessage_Message_Pack(&t->m, buf, &n);
	ck_assert_msg(
	    err == NULL, "Message.Pack() = %s", runtime_error_Error(err));
	err = dnsmessage_Parser_Start(p, *buf, n, &h);
	ck_assert_msg(err == NULL, "Parser.Start(non-nil) = %s",
	    runtime_error_Error(err));
}

typedef runtime_error *(*parserFn)(dnsmessage_Parser *);

START_TEST(TestSkipAll)
{
	static const struct {
		const char *name;
		parserFn    f;
	} tests[] = {
		{ "SkipAllQuestions", dnsmessage_Parser_SkipAllQuestions },
		{ "SkipAllAnswers", dnsmessage_Parser_SkipAllAnswers },
		{ "SkipAllAuthorities", dnsmessage_Parser_SkipAllAuthorities },
		{ "SkipAllAdditionals", dnsmessage_Parser_SkipAllAdditionals },
	};
	testMsg		  t;
	dnsmessage_Parser p;
	runtime_error	 *err;
	uint8_t		 *buf;
	size_t		  i;
	int		  j;

	largeTestMsg(&t);
	startParser(&t, &p, &buf);
	for (i = 0; i < nelem(tests); i++) {
		for (j = 1; j <= 3; j++) {
			err = tests[i].f(&p);
			ck_assert_msg(err == NULL, "%d: Parser.%s() = %s", j,
			    tests[i].name, runtime_error_Error(err));
		}
	}
	free(buf);
}
END_TEST

START_TEST(TestSkipEach)
{
	static const struct {
		const char *name;
		parserFn    f;
	} tests[] = {
		{ "SkipQuestion", dnsmessage_Parser_SkipQuestion },
		{ "SkipAnswer", dnsmessage_Parser_SkipAnswer },
		{ "SkipAuthority", dnsmessage_Parser_SkipAuthority },
		{ "SkipAdditional", dnsmessage_Parser_SkipAdditional },
	};
	testMsg		  t;
	dnsmessage_Parser p;
	runtime_error	 *err;
	uint8_t		 *buf;
	size_t		  i;

	smallTestMsg(&t);
	startParser(&t, &p, &buf);
	for (i = 0; i < nelem(tests); i++) {
		err = tests[i].f(&p);
		ck_assert_msg(err == NULL, "first Parser.%s() = %s, want = nil",
		    tests[i].name, runtime_error_Error(err));
		err = tests[i].f(&p);
		ck_assert_msg(err == dnsmessage_ErrSectionDone,
		    "second Parser.%s() = %s, want = %s", tests[i].name,
		    runtime_error_Error(err),
		    runtime_error_Error(dnsmessage_ErrSectionDone));
	}
	free(buf);
}
END_TEST

static runtime_error *
readQuestion(dnsmessage_Parser *p)
{
	dnsmessage_Question q;

	return dnsmessage_Parser_Question(p, &q);
}

#define READRESOURCE(S)                                                        \
	static runtime_error *read##S(dnsmessage_Parser *p)                    \
	{                                                                      \
		dnsmessage_Resource r;                                         \
		runtime_error	   *err;                                       \
		err = dnsmessage_Parser_##S(p, &r);                            \
		dnsmessage_Resource_Free(&r);                                  \
		return err;                                                    \
	}
READRESOURCE(Answer)
READRESOURCE(Authority)
READRESOURCE(Additional)

START_TEST(TestSkipAfterRead)
{
	static const struct {
		const char *name;
		parserFn    skip, read;
	} tests[] = {
		{ "Question", dnsmessage_Parser_SkipQuestion, readQuestion },
		{ "Answer", dnsmessage_Parser_SkipAnswer, readAnswer },
		{ "Authority", dnsmessage_Parser_SkipAuthority, readAuthority },
		{ "Additional", dnsmessage_Parser_SkipAdditional,
		    readAdditional },
	};
	testMsg		  t;
	dnsmessage_Parser p;
	runtime_error	 *err;
	uint8_t		 *buf;
	size_t		  i;

	smallTestMsg(&t);
	startParser(&t, &p, &buf);
	for (i = 0; i < nelem(tests); i++) {
		err = tests[i].read(&p);
		ck_assert_msg(err == NULL,
		    "got Parser.%s() = _, %s, want = _, nil", tests[i].name,
		    runtime_error_Error(err));
		err = tests[i].skip(&p);
		ck_assert_msg(err == dnsmessage_ErrSectionDone,
		    "got Parser.Skip%s() = %s, want = %s", tests[i].name,
		    runtime_error_Error(err),
		    runtime_error_Error(dnsmessage_ErrSectionDone));
	}
	free(buf);
}
END_TEST

START_TEST(TestSkipNotStarted)
{
	static const struct {
		const char *name;
		parserFn    f;
	} tests[] = {
		{ "SkipAllQuestions", dnsmessage_Parser_SkipAllQuestions },
		{ "SkipAllAnswers", dnsmessage_Parser_SkipAllAnswers },
		{ "SkipAllAuthorities", dnsmessage_Parser_SkipAllAuthorities },
		{ "SkipAllAdditionals", dnsmessage_Parser_SkipAllAdditionals },
	};
	dnsmessage_Parser p = { 0 };
	runtime_error	 *err;
	size_t		  i;

	for (i = 0; i < nelem(tests); i++) {
		err = tests[i].f(&p);
		ck_assert_msg(err == dnsmessage_ErrNotStarted,
		    "got Parser.%s() = %s, want = %s", tests[i].name,
		    runtime_error_Error(err),
		    runtime_error_Error(dnsmessage_ErrNotStarted));
	}
}
END_TEST

START_TEST(TestTooManyRecords)
{
	enum { recs = 0xFFFF + 1 };
	dnsmessage_Message   m;
	dnsmessage_Question *qs;
	dnsmessage_Resource *rs;
	runtime_error	    *err, *want;
	uint8_t		    *b;
	size_t		     n;
	int		     i;

	qs = calloc(recs, sizeof(*qs));
	rs = calloc(recs, sizeof(*rs));
	ck_assert(qs != NULL && rs != NULL);
	for (i = 0; i < 4; i++) {
		memset(&m, 0, sizeof(m));
		switch (i) {
		case 0:
			m.Questions = qs;
			m.nQuestions = recs;
			want = dnsmessage_errTooManyQuestions;
			break;
		case 1:
			m.Answers = rs;
			m.nAnswers = recs;
			want = dnsmessage_errTooManyAnswers;
			break;
		case 2:
			m.Authorities = rs;
			m.nAuthorities = recs;
			want = dnsmessage_errTooManyAuthorities;
			break;
		default:
			m.Additionals = rs;
			m.nAdditionals = recs;
			want = dnsmessage_errTooManyAdditionals;
		}
		err = dnsmessage_Message_Pack(&m, &b, &n);
		ck_assert_msg(err == want,
		    "got Message.Pack() for %d = %s, want = %s", recs,
		    runtime_error_Error(err), runtime_error_Error(want));
	}
	free(qs);
	free(rs);
}
END_TEST

START_TEST(TestVeryLongTxt)
{
	static const char *const texts[] = { "", "", "foo bar", "",
		"www.example.com", "www.example.com." };
	dnsmessage_String	 txt[7];
	char			 dots[255];
	dnsmessage_TXTResource	 body = { { &dnsmessage_TXTResourceType }, txt,
		  7 };
	dnsmessage_Resource want = { .Body = &body.ResourceBody }, got = { 0 };
	dnsmessage_compression *c;
	dnsmessage_bytes	buf = { 0 };
	runtime_error	       *err;
	size_t			i, off = 0;

	for (i = 0; i < nelem(texts); i++) {
		txt[i].p = texts[i];
		txt[i].n = strlen(texts[i]);
	}
	memset(dots, '.', sizeof(dots));
	txt[6].p = dots;
	txt[6].n = sizeof(dots);
	want.Header.Name = MustNewName("foo.bar.example.com.");
	want.Header.Type = dnsmessage_TypeTXT;
	want.Header.Class = dnsmessage_ClassINET;
	c = dnsmessage_newCompression();
	err = dnsmessage_Resource_pack(&want, &buf, c, 0);
	dnsmessage_compression_free(c);
	ck_assert_msg(
	    err == NULL, "Resource.pack() = %s", runtime_error_Error(err));
	err =
	    dnsmessage_ResourceHeader_unpack(&got.Header, buf.p, buf.len, &off);
	ck_assert_msg(err == NULL, "ResourceHeader.unpack() = %s",
	    runtime_error_Error(err));
	err = dnsmessage_unpackResourceBody(
	    buf.p, buf.len, &off, &got.Header, &got.Body);
	ck_assert_msg(
	    err == NULL, "unpackResourceBody() = %s", runtime_error_Error(err));
	ck_assert_msg(off == buf.len,
	    "unpacked different amount than packed: got = %zu, want = %zu", off,
	    buf.len);
	assertGoStringEq(dnsmessage_Resource_GoString(&got),
	    dnsmessage_Resource_GoString(&want), "Resource.pack/unpack()");
	dnsmessage_Resource_Free(&got);
	free(buf.p);
}
END_TEST

START_TEST(TestTooLongTxt)
{
	char			s[256];
	dnsmessage_String	txt = { s, sizeof(s) };
	dnsmessage_TXTResource	rb = { { &dnsmessage_TXTResourceType }, &txt,
		 1 };
	dnsmessage_compression *c;
	dnsmessage_bytes	buf = { 0 };
	runtime_error	       *err;

	memset(s, '.', sizeof(s));
	c = dnsmessage_newCompression();
	err = dnsmessage_TXTResourceType.pack(&rb.ResourceBody, &buf, c, 0);
	dnsmessage_compression_free(c);
	ck_assert_msg(err == dnsmessage_errStringTooLong,
	    "packing TXTResource with 256 character string: got err = %s, "
	    "want = %s",
	    runtime_error_Error(err),
	    runtime_error_Error(dnsmessage_errStringTooLong));
	free(buf.p);
}
END_TEST

START_TEST(TestStartAppends)
{
	uint8_t		   buf[514] = { 4, 44 };
	dnsmessage_Header  h = { 0 };
	dnsmessage_Builder b;
	runtime_error	  *err;
	const uint8_t	  *out;
	size_t		   n;

	b = dnsmessage_NewBuilder(buf, 2, sizeof(buf), h);
	dnsmessage_Builder_EnableCompression(&b);
	err = dnsmessage_Builder_Finish(&b, &out, &n);
	ck_assert_msg(
	    err == NULL, "Builder.Finish() = %s", runtime_error_Error(err));
	ck_assert_msg(n == 12 + 2, "got len(buf) = %zu, want = %d", n, 12 + 2);
	ck_assert_msg(out[0] == 4 && out[1] == 44,
	    "original data not preserved, got = %d, %d", out[0], out[1]);
	dnsmessage_Builder_Free(&b);
}
END_TEST

/* builderEnv is a Builder state and what every call must return in it. */
struct builderEnv {
	const char	     *name;
	uint8_t		      section;
	runtime_error *const *want;
};

struct builderFn {
	const char *name;
	runtime_error *(*fn)(dnsmessage_Builder *);
};

/* runBuilderEnvs calls every fn on a Builder in every env's state. */
static void
runBuilderEnvs(const struct builderEnv *envs, size_t nenvs,
    const struct builderFn *tests, size_t ntests, const char *prefix)
{
	dnsmessage_Builder b;
	runtime_error	  *got;
	size_t		   i, j;

	for (i = 0; i < nenvs; i++) {
		for (j = 0; j < ntests; j++) {
			memset(&b, 0, sizeof(b));
			b.section = envs[i].section;
			got = tests[j].fn(&b);
			ck_assert_msg(got == *envs[i].want,
			    "got Builder{%s}.%s%s() = %s, want = %s",
			    envs[i].name, prefix, tests[j].name,
			    runtime_error_Error(got),
			    runtime_error_Error(*envs[i].want));
		}
	}
}

START_TEST(TestStartError)
{
	static const struct builderFn tests[] = {
		{ "Questions", dnsmessage_Builder_StartQuestions },
		{ "Answers", dnsmessage_Builder_StartAnswers },
		{ "Authorities", dnsmessage_Builder_StartAuthorities },
		{ "Additionals", dnsmessage_Builder_StartAdditionals },
	};
	static const struct builderEnv envs[] = {
		{ "sectionNotStarted", dnsmessage_sectionNotStarted,
		    &dnsmessage_ErrNotStarted },
		{ "sectionDone", dnsmessage_sectionDone,
		    &dnsmessage_ErrSectionDone },
	};

	runBuilderEnvs(envs, nelem(envs), tests, nelem(tests), "Start");
}
END_TEST

/* Each Builder.XResource with a zero header and body, one signature. */
#define ZERORESOURCE(T)                                                        \
	static runtime_error *zero##T(dnsmessage_Builder *b)                   \
	{                                                                      \
		dnsmessage_ResourceHeader h;                                   \
		dnsmessage_##T##Resource  r;                                   \
		memset(&h, 0, sizeof(h));                                      \
		memset(&r, 0, sizeof(r));                                      \
		return dnsmessage_Builder_##T##Resource(b, h, &r);             \
	}
ZERORESOURCE(CNAME)
ZERORESOURCE(MX)
ZERORESOURCE(NS)
ZERORESOURCE(PTR)
ZERORESOURCE(SOA)
ZERORESOURCE(TXT)
ZERORESOURCE(SRV)
ZERORESOURCE(A)
ZERORESOURCE(AAAA)
ZERORESOURCE(OPT)
ZERORESOURCE(Unknown)

START_TEST(TestBuilderResourceError)
{
	static const struct builderFn tests[] = {
		{ "CNAMEResource", zeroCNAME },
		{ "MXResource", zeroMX },
		{ "NSResource", zeroNS },
		{ "PTRResource", zeroPTR },
		{ "SOAResource", zeroSOA },
		{ "TXTResource", zeroTXT },
		{ "SRVResource", zeroSRV },
		{ "AResource", zeroA },
		{ "AAAAResource", zeroAAAA },
		{ "OPTResource", zeroOPT },
		{ "UnknownResource", zeroUnknown },
	};
	static const struct builderEnv envs[] = {
		{ "sectionNotStarted", dnsmessage_sectionNotStarted,
		    &dnsmessage_ErrNotStarted },
		{ "sectionHeader", dnsmessage_sectionHeader,
		    &dnsmessage_ErrNotStarted },
		{ "sectionQuestions", dnsmessage_sectionQuestions,
		    &dnsmessage_ErrNotStarted },
		{ "sectionDone", dnsmessage_sectionDone,
		    &dnsmessage_ErrSectionDone },
	};

	runBuilderEnvs(envs, nelem(envs), tests, nelem(tests), "");
}
END_TEST

START_TEST(TestFinishError)
{
	dnsmessage_Builder b = { 0 };
	const uint8_t	  *msg;
	size_t		   n;
	runtime_error	  *got;

	got = dnsmessage_Builder_Finish(&b, &msg, &n);
	ck_assert_msg(got == dnsmessage_ErrNotStarted,
	    "got Builder.Finish() = %s, want = %s", runtime_error_Error(got),
	    runtime_error_Error(dnsmessage_ErrNotStarted));
}
END_TEST

/* buildAnswer adds a with the Builder method its header's type names. */
static runtime_error *
buildAnswer(dnsmessage_Builder *b, const dnsmessage_Resource *a)
{
	const void *body = a->Body;

	switch (a->Header.Type) {
	case dnsmessage_TypeA:
		return dnsmessage_Builder_AResource(b, a->Header, body);
	case dnsmessage_TypeNS:
		return dnsmessage_Builder_NSResource(b, a->Header, body);
	case dnsmessage_TypeCNAME:
		return dnsmessage_Builder_CNAMEResource(b, a->Header, body);
	case dnsmessage_TypeSOA:
		return dnsmessage_Builder_SOAResource(b, a->Header, body);
	case dnsmessage_TypePTR:
		return dnsmessage_Builder_PTRResource(b, a->Header, body);
	case dnsmessage_TypeMX:
		return dnsmessage_Builder_MXResource(b, a->Header, body);
	case dnsmessage_TypeTXT:
		return dnsmessage_Builder_TXTResource(b, a->Header, body);
	case dnsmessage_TypeAAAA:
		return dnsmessage_Builder_AAAAResource(b, a->Header, body);
	case dnsmessage_TypeSRV:
		return dnsmessage_Builder_SRVResource(b, a->Header, body);
	case privateUseType:
		return dnsmessage_Builder_UnknownResource(b, a->Header, body);
	}
	return NULL;
}

/* buildAdditional switches on the body's type, as Go's test does. */
static runtime_error *
buildAdditional(dnsmessage_Builder *b, const dnsmessage_Resource *a)
{
	const void *body = a->Body;

	if (a->Body->type == &dnsmessage_TXTResourceType)
		return dnsmessage_Builder_TXTResource(b, a->Header, body);
	if (a->Body->type == &dnsmessage_OPTResourceType)
		return dnsmessage_Builder_OPTResource(b, a->Header, body);
	return NULL;
}

START_TEST(TestBuilder)
{
	testMsg		   t;
	dnsmessage_Builder b;
	runtime_error	  *err;
	uint8_t		  *want;
	const uint8_t	  *got;
	size_t		   nwant, ngot, i;

	largeTestMsg(&t);
	err = dnsmessage_Message_Pack(&t.m, &want, &nwant);
	ck_assert_msg(
	    err == NULL, "Message.Pack() = %s", runtime_error_Error(err));
	b = dnsmessage_NewBuilder(NULL, 0, 0, t.m.Header);
	dnsmessage_Builder_EnableCompression(&b);
	ck_assert_ptr_null(dnsmessage_Builder_StartQuestions(&b));
	for (i = 0; i < t.m.nQuestions; i++)
		ck_assert_ptr_null(
		    dnsmessage_Builder_Question(&b, t.m.Questions[i]));
	ck_assert_ptr_null(dnsmessage_Builder_StartAnswers(&b));
	for (i = 0; i < t.m.nAnswers; i++) {
		err = buildAnswer(&b, &t.m.Answers[i]);
		ck_assert_msg(err == NULL, "Builder answer %zu = %s", i,
		    runtime_error_Error(err));
	}
	ck_assert_ptr_null(dnsmessage_Builder_StartAuthorities(&b));
	for (i = 0; i < t.m.nAuthorities; i++) {
		err =
		    dnsmessage_Builder_NSResource(&b, t.m.Authorities[i].Header,
			(const void *)t.m.Authorities[i].Body);
		ck_assert_msg(err == NULL, "Builder.NSResource() = %s",
		    runtime_error_Error(err));
	}
	ck_assert_ptr_null(dnsmessage_Builder_StartAdditionals(&b));
	for (i = 0; i < t.m.nAdditionals; i++) {
		err = buildAdditional(&b, &t.m.Additionals[i]);
		ck_assert_msg(err == NULL, "Builder additional %zu = %s", i,
		    runtime_error_Error(err));
	}
	err = dnsmessage_Builder_Finish(&b, &got, &ngot);
	ck_assert_msg(
	    err == NULL, "Builder.Finish() = %s", runtime_error_Error(err));
	ck_assert_msg(ngot == nwant && memcmp(got, want, nwant) == 0,
	    "got from Builder.Finish() %zu bytes, want %zu, differing", ngot,
	    nwant);
	dnsmessage_Builder_Free(&b);
	free(want);
}
END_TEST

/*
 * errChainIs reports whether err is nestedErrors labelled labels[0..n-1]
 * around leaf: Go's reflect.DeepEqual on the error values.
 */
static bool
errChainIs(
    runtime_error *err, const char *const *labels, int n, runtime_error *leaf)
{
	int i;

	for (i = 0; i < n; i++) {
		if (!checkErrorPrefix(err, labels[i]))
			return false;
		err = ((dnsmessage_nestedError *)err)->err;
	}
	return err == leaf;
}

START_TEST(TestResourcePack)
{
	static const char *const answer[] = { "packing Answer" };
	static const char *const authority[] = { "packing Authority",
		"ResourceHeader", "Name" };
	static const char *const additional[] = { "packing Additional" };
	dnsmessage_NSResource	 ns = { { &dnsmessage_NSResourceType },
		   { { 0 }, 0 } };
	dnsmessage_Resource	 r;
	dnsmessage_Message	 m;
	runtime_error		*err;
	uint8_t			*b;
	size_t			 n;
	int			 i;
	bool			 ok = false;

	for (i = 0; i < 3; i++) {
		memset(&m, 0, sizeof(m));
		memset(&r, 0, sizeof(r));
		m.Questions = &(dnsmessage_Question){ MustNewName("."),
			i == 2 ? dnsmessage_TypeA : dnsmessage_TypeAAAA,
			dnsmessage_ClassINET };
		m.nQuestions = 1;
		switch (i) {
		case 0:
			m.Answers = &r;
			m.nAnswers = 1;
			break;
		case 1:
			/* Go's body is a nil *NSResource, never reached. */
			r.Body = &ns.ResourceBody;
			m.Authorities = &r;
			m.nAuthorities = 1;
			break;
		default:
			m.Additionals = &r;
			m.nAdditionals = 1;
		}
		err = dnsmessage_Message_Pack(&m, &b, &n);
		if (i == 0)
			ok = errChainIs(
			    err, answer, 1, dnsmessage_errNilResouceBody);
		else if (i == 1)
			ok = errChainIs(
			    err, authority, 3, dnsmessage_errNonCanonicalName);
		else
			ok = errChainIs(
			    err, additional, 1, dnsmessage_errNilResouceBody);
		ck_assert_msg(ok, "%d: got Message.Pack() = %s", i,
		    runtime_error_Error(err));
		runtime_error_Free(err);
	}
}
END_TEST

START_TEST(TestResourcePackLength)
{
	dnsmessage_AResource	  a = { { &dnsmessage_AResourceType },
		     { 127, 0, 0, 2 } };
	dnsmessage_Resource	  r = { .Body = &a.ResourceBody };
	dnsmessage_ResourceHeader hdr = { 0 };
	dnsmessage_bytes	  hb = { 0 }, buf = { 0 };
	runtime_error		 *err;
	size_t			  lenOff, off = 0;

	r.Header.Name = MustNewName(".");
	r.Header.Type = dnsmessage_TypeA;
	r.Header.Class = dnsmessage_ClassINET;
	err = dnsmessage_ResourceHeader_pack(&r.Header, &hb, NULL, 0, &lenOff);
	ck_assert_msg(err == NULL, "ResourceHeader.pack() = %s",
	    runtime_error_Error(err));
	err = dnsmessage_Resource_pack(&r, &buf, NULL, 0);
	ck_assert_msg(
	    err == NULL, "Resource.pack() = %s", runtime_error_Error(err));
	err = dnsmessage_ResourceHeader_unpack(&hdr, buf.p, buf.len, &off);
	ck_assert_msg(err == NULL, "ResourceHeader.unpack() = %s",
	    runtime_error_Error(err));
	ck_assert_msg(hdr.Length == buf.len - hb.len,
	    "got hdr.Length = %d, want = %zu", hdr.Length, buf.len - hb.len);
	free(hb.p);
	free(buf.p);
}
END_TEST

static uint8_t optData00[] = { 0x00, 0x00 };
static uint8_t optData1234[] = { 0x12, 0x34 };

static const struct optionPackUnpackTest {
	const char	 *name;
	const uint8_t	 *w; /* wire format of m.Additionals */
	size_t		  nw;
	dnsmessage_RCode  rcode;
	dnsmessage_Type	  qtype;
	dnsmessage_RCode  extRCode;
	bool		  dnssecOK;
	int		  nopt[2]; /* options per OPT record; -1: no record */
	dnsmessage_Option opts[2][2];
} optionPackUnpackTests[] = {
	{
	    "without EDNS(0) options",
	    (const uint8_t[]){ 0x00, 0x00, 0x29, 0x10, 0x00, 0xfe, 0x00, 0x80,
		0x00, 0x00, 0x00 },
	    11,
	    dnsmessage_RCodeFormatError,
	    dnsmessage_TypeA,
	    0xfe0 | dnsmessage_RCodeFormatError,
	    true,
	    { 0, -1 },
	    { { { 0, NULL, 0 } } },
	},
	{
	    "with EDNS(0) options",
	    (const uint8_t[]){ 0x00, 0x00, 0x29, 0x10, 0x00, 0xff, 0x00, 0x00,
		0x00, 0x00, 0x0c, 0x00, 0x0c, 0x00, 0x02, 0x00, 0x00, 0x00,
		0x0b, 0x00, 0x02, 0x12, 0x34 },
	    23,
	    dnsmessage_RCodeServerFailure,
	    dnsmessage_TypeAAAA,
	    0xff0 | dnsmessage_RCodeServerFailure,
	    false,
	    { 2, -1 },
	    { { { 12, optData00, 2 }, { 11, optData1234, 2 } } },
	},
	{
	    /* Invalid, but protocol conformance tests need it. */
	    "with multiple OPT resources",
	    (const uint8_t[]){ 0x00, 0x00, 0x29, 0x10, 0x00, 0xff, 0x00, 0x00,
		0x00, 0x00, 0x06, 0x00, 0x0b, 0x00, 0x02, 0x12, 0x34, 0x00,
		0x00, 0x29, 0x10, 0x00, 0xff, 0x00, 0x00, 0x00, 0x00, 0x06,
		0x00, 0x0c, 0x00, 0x02, 0x00, 0x00 },
	    34,
	    dnsmessage_RCodeNameError,
	    dnsmessage_TypeAAAA,
	    0xff0 | dnsmessage_RCodeNameError,
	    false,
	    { 1, 1 },
	    { { { 11, optData1234, 2 } }, { { 12, optData00, 2 } } },
	},
};

START_TEST(TestOptionPackUnpack)
{
	const struct optionPackUnpackTest *tt = &optionPackUnpackTests[_i];
	dnsmessage_OPTResource		   opt[2];
	dnsmessage_Resource		   ar[2];
	dnsmessage_Question		   q = { MustNewName("."), tt->qtype,
			       dnsmessage_ClassINET };
	dnsmessage_Message		   m = { 0 }, got;
	runtime_error			  *err;
	uint8_t				  *w;
	size_t				   n, i;

	m.Header.RCode = tt->rcode;
	m.Questions = &q;
	m.nQuestions = 1;
	m.Additionals = ar;
	for (i = 0; i < 2 && tt->nopt[i] >= 0; i++) {
		memset(&opt[i], 0, sizeof(opt[i]));
		opt[i].ResourceBody.type = &dnsmessage_OPTResourceType;
		opt[i].Options = (dnsmessage_Option *)tt->opts[i];
		opt[i].nOptions = tt->nopt[i];
		ar[i].Header =
		    mustEDNS0ResourceHeader(4096, tt->extRCode, tt->dnssecOK);
		ar[i].Body = &opt[i].ResourceBody;
		m.nAdditionals++;
	}
	err = dnsmessage_Message_Pack(&m, &w, &n);
	ck_assert_msg(err == NULL, "Message.Pack() for %s = %s", tt->name,
	    runtime_error_Error(err));
	ck_assert_msg(n >= tt->nw && memcmp(w + n - tt->nw, tt->w, tt->nw) == 0,
	    "got Message.Pack() for %s: wrong tail", tt->name);
	err = dnsmessage_Message_Unpack(&got, w, n);
	ck_assert_msg(err == NULL, "Message.Unpack() for %s = %s", tt->name,
	    runtime_error_Error(err));
	ck_assert_msg(got.nAdditionals == m.nAdditionals,
	    "got %zu Additionals, want %zu", got.nAdditionals, m.nAdditionals);
	for (i = 0; i < m.nAdditionals; i++)
		assertGoStringEq(
		    dnsmessage_Resource_GoString(&got.Additionals[i]),
		    dnsmessage_Resource_GoString(&m.Additionals[i]),
		    "Message.Pack/Unpack() roundtrip");
	dnsmessage_Message_Free(&got);
	free(w);
}
END_TEST

START_TEST(TestUnknownPackUnpack)
{
	testMsg		   t;
	dnsmessage_Message received;
	runtime_error	  *err;
	uint8_t		  *packed;
	size_t		   n;

	smallTestMsgWithUnknownResource(&t);
	err = dnsmessage_Message_Pack(&t.m, &packed, &n);
	ck_assert_msg(err == NULL, "Failed to pack UnknownResource: %s",
	    runtime_error_Error(err));
	err = dnsmessage_Message_Unpack(&received, packed, n);
	ck_assert_msg(err == NULL, "Failed to unpack UnknownResource: %s",
	    runtime_error_Error(err));
	ck_assert_msg(received.nAnswers == 1, "Got %zu answers, wanted 1",
	    received.nAnswers);
	ck_assert_msg(
	    received.Answers[0].Body->type == &dnsmessage_UnknownResourceType,
	    "Parsed a %s, wanted an UnknownResource",
	    received.Answers[0].Body->type->name);
	assertGoStringEq(
	    dnsmessage_ResourceBody_GoString(received.Answers[0].Body),
	    dnsmessage_ResourceBody_GoString(t.m.Answers[0].Body),
	    "Unpacked resource does not match");
	dnsmessage_Message_Free(&received);
	free(packed);
}
END_TEST

START_TEST(TestParseUnknownResource)
{
	testMsg			   t;
	dnsmessage_Parser	   p;
	dnsmessage_Header	   h;
	dnsmessage_ResourceHeader  parsedHeader;
	dnsmessage_UnknownResource parsed;
	dnsmessage_Question	  *qs;
	dnsmessage_Resource	  *rs;
	runtime_error		  *err;
	uint8_t			  *packed;
	size_t			   n;

	smallTestMsgWithUnknownResource(&t);
	err = dnsmessage_Message_Pack(&t.m, &packed, &n);
	ck_assert_msg(err == NULL, "Failed to pack UnknownResource: %s",
	    runtime_error_Error(err));
	ck_assert_ptr_null(dnsmessage_Parser_Start(&p, packed, n, &h));
	ck_assert_ptr_null(dnsmessage_Parser_AllQuestions(&p, &qs, &n));
	free(qs);
	err = dnsmessage_Parser_AnswerHeader(&p, &parsedHeader);
	ck_assert_msg(err == NULL, "Error reading answer header: %s",
	    runtime_error_Error(err));
	assertGoStringEq(dnsmessage_ResourceHeader_GoString(&parsedHeader),
	    dnsmessage_ResourceHeader_GoString(&t.m.Answers[0].Header),
	    "Parsed header does not match");
	err = dnsmessage_Parser_UnknownResource(&p, &parsed);
	ck_assert_msg(err == NULL, "Failed to parse UnknownResource: %s",
	    runtime_error_Error(err));
	assertGoStringEq(dnsmessage_UnknownResource_GoString(&parsed),
	    dnsmessage_ResourceBody_GoString(t.m.Answers[0].Body),
	    "Parsed resource does not match");
	free(parsed.Data);
	/* The parser must be left consistent for the rest of the message. */
	ck_assert_msg(dnsmessage_Parser_AnswerHeader(&p, &parsedHeader) ==
		dnsmessage_ErrSectionDone,
	    "Answer section should be fully parsed");
	ck_assert_ptr_null(dnsmessage_Parser_AllAuthorities(&p, &rs, &n));
	free(rs);
	ck_assert_ptr_null(dnsmessage_Parser_AllAdditionals(&p, &rs, &n));
	free(rs);
	free(packed);
}
END_TEST

/* Go's want, as its test prints it (one string, cut for the width). */
static const char goStringWant[] =
    "dnsmessage.Message{Header: dnsmessage.Header{ID: 0, Response: true, "
    "OpCode: 0, Authoritative: true, Truncated: false, RecursionDesired: "
    "false, RecursionAvailable: false, RCode: dnsmessage.RCodeSuccess}, "
    "Questions: []dnsmessage.Question{dnsmessage.Question{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeA, Class: dnsmessage.ClassINET}}, Answers: "
    "[]dnsmessage.Resource{dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.AResource{A: [4]byte{127, 0, 0, 1}}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeA, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.AResource{A: [4]byte{127, 0, 0, 2}}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeAAAA, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.AAAAResource{AAAA: [16]byte{1, 2, 3, 4, 5, 6, 7, 8, "
    "9, 10, 11, 12, 13, 14, 15, 16}}}, dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeCNAME, Class: dnsmessage.ClassINET, TTL: 0, Length: "
    "0}, Body: &dnsmessage.CNAMEResource{CNAME: "
    "dnsmessage.MustNewName(\"alias.example.com.\")}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeSOA, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.SOAResource{NS: "
    "dnsmessage.MustNewName(\"ns1.example.com.\"), MBox: "
    "dnsmessage.MustNewName(\"mb.example.com.\"), Serial: 1, Refresh: 2, "
    "Retry: 3, Expire: 4, MinTTL: 5}}, dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypePTR, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.PTRResource{PTR: "
    "dnsmessage.MustNewName(\"ptr.example.com.\")}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeMX, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.MXResource{Pref: 7, MX: "
    "dnsmessage.MustNewName(\"mx.example.com.\")}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeSRV, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.SRVResource{Priority: 8, Weight: 9, Port: 11, "
    "Target: dnsmessage.MustNewName(\"srv.example.com.\")}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: 65362, Class: "
    "dnsmessage.ClassINET, TTL: 0, Length: 0}, Body: "
    "&dnsmessage.UnknownResource{Type: 65362, Data: []byte{42, 0, 43, "
    "44}}}}, Authorities: []dnsmessage.Resource{dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeNS, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.NSResource{NS: "
    "dnsmessage.MustNewName(\"ns1.example.com.\")}}, "
    "dnsmessage.Resource{Header: dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeNS, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.NSResource{NS: "
    "dnsmessage.MustNewName(\"ns2.example.com.\")}}}, Additionals: "
    "[]dnsmessage.Resource{dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeTXT, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.TXTResource{TXT: []string{\"So Long\\x2c and Thanks "
    "for All the Fish\"}}}, dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: "
    "dnsmessage.MustNewName(\"foo.bar.example.com.\"), Type: "
    "dnsmessage.TypeTXT, Class: dnsmessage.ClassINET, TTL: 0, Length: 0}, "
    "Body: &dnsmessage.TXTResource{TXT: []string{\"Hamster Huey and the "
    "Gooey Kablooie\"}}}, dnsmessage.Resource{Header: "
    "dnsmessage.ResourceHeader{Name: dnsmessage.MustNewName(\".\"), Type: "
    "dnsmessage.TypeOPT, Class: 4096, TTL: 4261412864, Length: 0}, Body: "
    "&dnsmessage.OPTResource{Options: []dnsmessage.Option{dnsmessage.Option{"
    "Code: 10, Data: []byte{1, 35, 69, 103, 137, 171, 205, 239}}}}}}}";

/*
 * Go's test also compiles the printed message back and compares it with
 * largeTestMsg; C cannot, so only the text is compared.
 */
START_TEST(TestGoString)
{
	testMsg t;
	char   *got;

	largeTestMsg(&t);
	got = dnsmessage_Message_GoString(&t.m);
	ck_assert_msg(strcmp(got, goStringWant) == 0,
	    "got msg1.GoString() = %s\nwant = %s", got, goStringWant);
	free(got);
}
END_TEST

/* benchmarkParsingSetup packs Go's four-answer response into *buf. */
static void
benchmarkParsingSetup(uint8_t **buf, size_t *n)
{
	dnsmessage_Name		 name = MustNewName("foo.bar.example.com.");
	dnsmessage_AResource	 a = { { &dnsmessage_AResourceType }, { 0 } };
	dnsmessage_AAAAResource	 aaaa = { { &dnsmessage_AAAAResourceType },
		 { 0 } };
	dnsmessage_CNAMEResource cname = { { &dnsmessage_CNAMEResourceType },
		name };
	dnsmessage_NSResource	 ns = { { &dnsmessage_NSResourceType }, name };
	dnsmessage_Question	 q = { name, dnsmessage_TypeA,
		     dnsmessage_ClassINET };
	dnsmessage_Resource	 an[4];
	dnsmessage_ResourceBody *bodies[4] = { &a.ResourceBody,
		&aaaa.ResourceBody, &cname.ResourceBody, &ns.ResourceBody };
	dnsmessage_Message	 m = { 0 };
	runtime_error		*err;
	int			 i;

	for (i = 0; i < 4; i++) {
		memset(&an[i], 0, sizeof(an[i]));
		an[i].Header.Name = name;
		an[i].Header.Class = dnsmessage_ClassINET;
		an[i].Body = bodies[i];
	}
	m.Header.Response = true;
	m.Header.Authoritative = true;
	m.Questions = &q;
	m.nQuestions = 1;
	m.Answers = an;
	m.nAnswers = 4;
	err = dnsmessage_Message_Pack(&m, buf, n);
	ck_assert_msg(
	    err == NULL, "Message.Pack() = %s", runtime_error_Error(err));
}

/*
 * The measured runs keep Check's assertions out, which allocate as they
 * report progress; a failed step is counted in bad instead.
 */
struct benchArg {
	const uint8_t *buf;
	size_t	       n;
	int	       bad;
};

static void
benchNote(struct benchArg *a, runtime_error *err)
{
	if (err != NULL)
		a->bad++;
}

/* parsingTypedResource reads the body of an answer of type t. */
static runtime_error *
parsingTypedResource(dnsmessage_Parser *p, dnsmessage_Type t)
{
	union {
		dnsmessage_AResource	 a;
		dnsmessage_AAAAResource	 aaaa;
		dnsmessage_CNAMEResource cname;
		dnsmessage_NSResource	 ns;
		dnsmessage_OPTResource	 opt;
	} u;

	switch (t) {
	case dnsmessage_TypeA:
		return dnsmessage_Parser_AResource(p, &u.a);
	case dnsmessage_TypeAAAA:
		return dnsmessage_Parser_AAAAResource(p, &u.aaaa);
	case dnsmessage_TypeCNAME:
		return dnsmessage_Parser_CNAMEResource(p, &u.cname);
	case dnsmessage_TypeNS:
		return dnsmessage_Parser_NSResource(p, &u.ns);
	case dnsmessage_TypeOPT:
		return dnsmessage_Parser_OPTResource(p, &u.opt);
	}
	ck_abort_msg("got unknown type: %d", t);
	return NULL;
}

static void
benchmarkParsing(void *arg)
{
	struct benchArg		 *a = arg;
	dnsmessage_Parser	  p;
	dnsmessage_Header	  h;
	dnsmessage_Question	  q;
	dnsmessage_ResourceHeader rh;
	runtime_error		 *err;
	int			  i;

	benchNote(a, dnsmessage_Parser_Start(&p, a->buf, a->n, &h));
	for (i = 0; i < 100; i++) {
		err = dnsmessage_Parser_Question(&p, &q);
		if (err == dnsmessage_ErrSectionDone)
			break;
		benchNote(a, err);
	}
	for (i = 0; i < 100; i++) {
		err = dnsmessage_Parser_AnswerHeader(&p, &rh);
		if (err == dnsmessage_ErrSectionDone)
			break;
		benchNote(a, err);
		benchNote(a, parsingTypedResource(&p, rh.Type));
	}
	if (i != 4)
		a->bad++;
}

START_TEST(TestParsingAllocs)
{
	struct benchArg a;
	uint8_t	       *buf;
	double		allocs;

	if (testing_AllocsPerRun == NULL)
		return;
	benchmarkParsingSetup(&buf, &a.n);
	a.buf = buf;
	a.bad = 0;
	allocs = testing_AllocsPerRun(100, benchmarkParsing, &a);
	ck_assert_msg(a.bad == 0, "%d parsing steps failed", a.bad);
	ck_assert_msg(allocs >= 0 && allocs <= 0.5,
	    "allocations during parsing: got = %f, want ~0", allocs);
	free(buf);
}
END_TEST

static void
benchmarkBuilding(void *arg)
{
	struct benchArg	   *a = arg;
	dnsmessage_Name	    name = MustNewName("foo.bar.example.com.");
	dnsmessage_Header   h = { .Response = true, .Authoritative = true };
	dnsmessage_Question q = { name, dnsmessage_TypeA,
		dnsmessage_ClassINET };
	dnsmessage_ResourceHeader hdr = { name, 0, dnsmessage_ClassINET, 0, 0 };
	dnsmessage_AResource	  ar = { { &dnsmessage_AResourceType }, { 0 } };
	dnsmessage_AAAAResource	  aaaar = { { &dnsmessage_AAAAResourceType },
		  { 0 } };
	dnsmessage_CNAMEResource  cnr = { { &dnsmessage_CNAMEResourceType },
		 name };
	dnsmessage_NSResource  nsr = { { &dnsmessage_NSResourceType }, name };
	dnsmessage_OPTResource optr = { { &dnsmessage_OPTResourceType }, NULL,
		0 };
	dnsmessage_Builder     bld;
	const uint8_t	      *msg;
	size_t		       n;

	bld = dnsmessage_NewBuilder((uint8_t *)a->buf, 0, a->n, h);
	benchNote(a, dnsmessage_Builder_StartQuestions(&bld));
	benchNote(a, dnsmessage_Builder_Question(&bld, q));
	benchNote(a, dnsmessage_Builder_StartAnswers(&bld));
	benchNote(a, dnsmessage_Builder_AResource(&bld, hdr, &ar));
	benchNote(a, dnsmessage_Builder_AAAAResource(&bld, hdr, &aaaar));
	benchNote(a, dnsmessage_Builder_CNAMEResource(&bld, hdr, &cnr));
	benchNote(a, dnsmessage_Builder_NSResource(&bld, hdr, &nsr));
	benchNote(a,
	    dnsmessage_ResourceHeader_SetEDNS0(
		&hdr, 4096, 0xfe0 | dnsmessage_RCodeNotImplemented, true));
	benchNote(a, dnsmessage_Builder_OPTResource(&bld, hdr, &optr));
	benchNote(a, dnsmessage_Builder_Finish(&bld, &msg, &n));
	dnsmessage_Builder_Free(&bld);
}

START_TEST(TestBuildingAllocs)
{
	static uint8_t	buf[512];
	struct benchArg a = { buf, sizeof(buf), 0 };
	double		allocs;

	if (testing_AllocsPerRun == NULL)
		return;
	allocs = testing_AllocsPerRun(100, benchmarkBuilding, &a);
	ck_assert_msg(a.bad == 0, "%d building steps failed", a.bad);
	ck_assert_msg(allocs >= 0 && allocs <= 0.5,
	    "allocations during building: got = %f, want ~0", allocs);
}
END_TEST

/*
 * Go 1.19's answers for truncated and corrupted copies of largeTestMsg
 * (tests/testdata/dnsmessage/unpack_go119.go wrote the table).  Each input
 * is a heap block of exactly its length, so ASan catches any read past it.
 */
static uint64_t
fnv64a(const char *s)
{
	uint64_t h = 14695981039346656037ull;

	for (; *s != '\0'; s++)
		h = (h ^ (uint8_t)*s) * 1099511628211ull;
	return h;
}

static char *
unpackResult(const uint8_t *b, size_t n)
{
	dnsmessage_Message m;
	runtime_error	  *err;
	char		  *gs, *out;

	err = dnsmessage_Message_Unpack(&m, b, n);
	if (err != NULL) {
		out = strdup(runtime_error_Error(err));
		runtime_error_Free(err);
	} else {
		gs = dnsmessage_Message_GoString(&m);
		out = malloc(32);
		snprintf(out, 32, "ok %016llx", (unsigned long long)fnv64a(gs));
		free(gs);
	}
	dnsmessage_Message_Free(&m);
	return out;
}

static char *
skipResult(const uint8_t *b, size_t n)
{
	static const parserFn fs[] = { dnsmessage_Parser_SkipAllQuestions,
		dnsmessage_Parser_SkipAllAnswers,
		dnsmessage_Parser_SkipAllAuthorities,
		dnsmessage_Parser_SkipAllAdditionals };
	dnsmessage_Parser     p;
	dnsmessage_Header     h;
	runtime_error	     *err;
	char		     *out;
	size_t		      i;

	err = dnsmessage_Parser_Start(&p, b, n, &h);
	for (i = 0; err == NULL && i < nelem(fs); i++)
		err = fs[i](&p);
	out = strdup(err == NULL ? "ok" : runtime_error_Error(err));
	runtime_error_Free(err);
	return out;
}

/* checkUnpackCase builds one case's input from msg and compares results. */
static void
checkUnpackCase(const uint8_t *msg, size_t n, char *line, int lineno)
{
	char	*want, *wantSkip, *got, *gotSkip;
	uint8_t *b;
	unsigned i, v;
	size_t	 len = n;

	want = strchr(line, '\t');
	ck_assert_msg(want != NULL, "line %d: no tab", lineno);
	*want++ = '\0';
	wantSkip = strchr(want, '\t');
	ck_assert_msg(wantSkip != NULL, "line %d: one tab", lineno);
	*wantSkip++ = '\0';
	wantSkip[strcspn(wantSkip, "\n")] = '\0';
	b = malloc(n);
	memcpy(b, msg, n);
	if (sscanf(line, "cut %u", &i) == 1 && i <= n)
		len = i;
	else if (sscanf(line, "xor %u %u", &i, &v) == 2 && i < n)
		b[i] ^= (uint8_t)v;
	else
		ck_abort_msg("line %d: bad case %s", lineno, line);
	b = realloc(b, len > 0 ? len : 1);
	got = unpackResult(b, len);
	gotSkip = skipResult(b, len);
	ck_assert_msg(strcmp(got, want) == 0, "%s: Unpack = %s, want %s", line,
	    got, want);
	ck_assert_msg(strcmp(gotSkip, wantSkip) == 0, "%s: skip = %s, want %s",
	    line, gotSkip, wantSkip);
	free(got);
	free(gotSkip);
	free(b);
}

START_TEST(testUnpackGo119)
{
	testMsg	       t;
	FILE	      *f;
	char	       line[1024], hex[3];
	uint8_t	      *msg;
	size_t	       n, i;
	int	       lineno = 1, ncases = 0;
	runtime_error *err;

	largeTestMsg(&t);
	err = dnsmessage_Message_Pack(&t.m, &msg, &n);
	ck_assert_ptr_null(err);
	f = fopen("tests/testdata/dnsmessage/unpack_go119.txt", "r");
	ck_assert_msg(f != NULL, "open unpack_go119.txt");
	/* Line 1: Go's packing of the same message, which ours must equal. */
	ck_assert(fgets(line, sizeof(line), f) != NULL);
	ck_assert_msg(strcspn(line, "\n") == 2 * n, "packed %zu bytes, Go %zu",
	    n, strcspn(line, "\n") / 2);
	for (i = 0; i < n; i++) {
		snprintf(hex, sizeof(hex), "%02x", msg[i]);
		ck_assert_msg(memcmp(hex, line + 2 * i, 2) == 0,
		    "packed byte %zu = %s, Go's %.2s", i, hex, line + 2 * i);
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		checkUnpackCase(msg, n, line, lineno);
		ncases++;
	}
	fclose(f);
	free(msg);
	/* Every truncation and five corruptions of every byte. */
	ck_assert_int_eq(ncases, (int)(n + 1 + 5 * n));
}
END_TEST

Suite *
message_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("message");
	tc = newTCase("print");
	tcase_add_test(tc, TestPrintPaddedUint8);
	tcase_add_test(tc, TestPrintUint8Bytes);
	tcase_add_test(tc, TestPrintUint16);
	tcase_add_test(tc, TestPrintUint32);
	tcase_add_test(tc, TestGoString);
	suite_add_tcase(s, tc);

	tc = newTCase("name");
	tcase_add_test(tc, TestNameString);
	tcase_add_test(tc, TestName);
	tcase_add_loop_test(
	    tc, TestNamePackUnpack, 0, nelem(namePackUnpackTests));
	tcase_add_test(tc, TestIncompressibleName);
	suite_add_tcase(s, tc);

	tc = newTCase("parser");
	tcase_add_test(tc, TestQuestionPackUnpack);
	tcase_add_test(tc, TestHeaderUnpackError);
	tcase_add_test(tc, TestParserStart);
	tcase_add_test(tc, TestResourceNotStarted);
	tcase_add_test(tc, TestSkipAll);
	tcase_add_test(tc, TestSkipEach);
	tcase_add_test(tc, TestSkipAfterRead);
	tcase_add_test(tc, TestSkipNotStarted);
	tcase_add_test(tc, TestParseUnknownResource);
	tcase_add_test(tc, TestParsingAllocs);
	suite_add_tcase(s, tc);

	tc = newTCase("pack");
	tcase_add_test(tc, TestDNSPackUnpack);
	tcase_add_test(tc, TestDNSAppendPackUnpack);
	tcase_add_test(tc, TestTooManyRecords);
	tcase_add_test(tc, TestVeryLongTxt);
	tcase_add_test(tc, TestTooLongTxt);
	tcase_add_test(tc, TestResourcePack);
	tcase_add_test(tc, TestResourcePackLength);
	tcase_add_loop_test(
	    tc, TestOptionPackUnpack, 0, nelem(optionPackUnpackTests));
	tcase_add_test(tc, TestUnknownPackUnpack);
	suite_add_tcase(s, tc);

	tc = newTCase("go119");
	tcase_add_test(tc, testUnpackGo119);
	suite_add_tcase(s, tc);

	tc = newTCase("builder");
	tcase_add_test(tc, TestStartAppends);
	tcase_add_test(tc, TestStartError);
	tcase_add_test(tc, TestBuilderResourceError);
	tcase_add_test(tc, TestFinishError);
	tcase_add_test(tc, TestBuilder);
	tcase_add_test(tc, TestBuildingAllocs);
	suite_add_tcase(s, tc);
	return s;
}
