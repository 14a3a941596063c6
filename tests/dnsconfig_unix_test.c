/*
 * C port of go1.19 src/net/dnsconfig_unix_test.go.  built on: unix
 *
 * TestDNSNameLength needs dnsConfig.nameList, which comes with the query
 * side of the resolver (dnsclient_unix.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * dnsConfigWant is a want row: Go's []string fields become lists ended by
 * NULL (defaultNS is spelled out).
 */
typedef struct dnsConfigWant {
	const char   *servers[4];
	const char   *search[3];
	int	      ndots;
	time_Duration timeout;
	int	      attempts;
	bool	      rotate;
	bool	      unknownOpt;
	const char   *lookup[3];
	bool	      singleRequest;
	bool	      useTCP;
} dnsConfigWant;

#define DEFAULT_NS "127.0.0.1:53", "[::1]:53"

static const struct {
	const char   *name;
	dnsConfigWant want;
} dnsReadConfigTests[] = {
	{ "tests/testdata/resolv.conf",
	    {
		.servers = { "8.8.8.8:53", "[2001:4860:4860::8888]:53",
		    "[fe80::1%lo0]:53" },
		.search = { "localdomain." },
		.ndots = 5,
		.timeout = 10 * time_Second,
		.attempts = 3,
		.rotate = true,
		.unknownOpt = true, /* the "options attempts 3" line */
	    } },
	{ "tests/testdata/domain-resolv.conf",
	    {
		.servers = { "8.8.8.8:53" },
		.search = { "localdomain." },
		.ndots = 1,
		.timeout = 5 * time_Second,
		.attempts = 2,
	    } },
	{ "tests/testdata/search-resolv.conf",
	    {
		.servers = { "8.8.8.8:53" },
		.search = { "test.", "invalid." },
		.ndots = 1,
		.timeout = 5 * time_Second,
		.attempts = 2,
	    } },
	{ "tests/testdata/empty-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/invalid-ndots-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 0,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/large-ndots-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 15,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/negative-ndots-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 0,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/openbsd-resolv.conf",
	    {
		.ndots = 1,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.lookup = { "file", "bind" },
		.servers = { "169.254.169.254:53", "10.240.0.1:53" },
		.search = { "c.symbolic-datum-552.internal." },
	    } },
	{ "tests/testdata/single-request-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.singleRequest = true,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/single-request-reopen-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.singleRequest = true,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/linux-use-vc-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.useTCP = true,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/freebsd-usevc-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.useTCP = true,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
	{ "tests/testdata/openbsd-tcp-resolv.conf",
	    {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.useTCP = true,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	    } },
};

/* The getHostname stand-ins of Go's tests. */
static const char *testHostname;
static bool	   testHostnameFails;

static runtime_error *
fakeHostname(char **name)
{
	*name = NULL;
	if (testHostnameFails)
		return errors_New("errored");
	*name = strdup(testHostname);
	ck_assert_ptr_nonnull(*name);
	return NULL;
}

static void
setHostname(void)
{
	testHostname = "host.domain.local";
	testHostnameFails = false;
	net_getHostname = fakeHostname;
}

static void
restoreHostname(void)
{
	net_getHostname = net_osHostname;
}

/* appendf appends printf output to the malloc'd *s. */
static void
appendf(char **s, const char *fmt, const char *a, size_t n)
{
	char *t;

	ck_assert_int_ge(asprintf(&t, "%s%s%.*s", *s, fmt, (int)n, a), 0);
	free(*s);
	*s = t;
}

static void
appendList(char **s, const char *name, const net_string *a, int n)
{
	int i;

	appendf(s, name, "[", 1);
	for (i = 0; i < n; i++)
		appendf(s, i > 0 ? " " : "", a[i].p, a[i].n);
	appendf(s, "", "]", 1);
}

/*
 * fmtConfig prints every field but err and mtime (which the tests clear)
 * the way Go's %+v would, so that two configs are DeepEqual when their
 * texts are.  malloc'd.
 */
static char *
fmtConfig(const net_dnsConfig *c)
{
	char *s, *t;

	s = strdup("{");
	appendList(&s, "servers:", c->servers, c->nservers);
	appendList(&s, " search:", c->search, c->nsearch);
	ck_assert_int_ge(asprintf(&t,
			     "%s ndots:%d timeout:%lld attempts:%d rotate:%d "
			     "unknownOpt:%d",
			     s, c->ndots, (long long)c->timeout, c->attempts,
			     c->rotate, c->unknownOpt),
	    0);
	free(s);
	s = t;
	appendList(&s, " lookup:", c->lookup, c->nlookup);
	ck_assert_int_ge(
	    asprintf(&t, "%s soffset:%u singleRequest:%d useTCP:%d}", s,
		(unsigned)c->soffset, c->singleRequest, c->useTCP),
	    0);
	free(s);
	return t;
}

/* toStrings turns a NULL-ended list into Go strings: the count. */
static int
toStrings(const char *const *list, net_string *out)
{
	int n;

	for (n = 0; list[n] != NULL; n++)
		out[n] = (net_string){ list[n], strlen(list[n]) };
	return n;
}

/* fmtWant builds the dnsConfig a want row stands for and prints it. */
static char *
fmtWant(const dnsConfigWant *w)
{
	net_string    servers[4], search[3], lookup[3];
	net_dnsConfig c = { 0 };

	c.servers = servers;
	c.nservers = toStrings(w->servers, servers);
	c.search = search;
	c.nsearch = toStrings(w->search, search);
	c.lookup = lookup;
	c.nlookup = toStrings(w->lookup, lookup);
	c.ndots = w->ndots;
	c.timeout = w->timeout;
	c.attempts = w->attempts;
	c.rotate = w->rotate;
	c.unknownOpt = w->unknownOpt;
	c.singleRequest = w->singleRequest;
	c.useTCP = w->useTCP;
	return fmtConfig(&c);
}

START_TEST(TestDNSReadConfig)
{
	net_dnsConfig *conf;
	char	      *got, *want;

	setHostname();
	conf = net_dnsReadConfig(dnsReadConfigTests[_i].name);
	restoreHostname();
	if (conf->err != NULL)
		ck_abort_msg("%s", runtime_error_Error(conf->err));
	got = fmtConfig(conf);
	want = fmtWant(&dnsReadConfigTests[_i].want);
	if (strcmp(got, want) != 0)
		ck_abort_msg("%s:\ngot: %s\nwant: %s",
		    dnsReadConfigTests[_i].name, got, want);
	free(got);
	free(want);
	net_dnsConfig_free(conf);
}
END_TEST

START_TEST(TestDNSReadMissingFile)
{
	static const dnsConfigWant wantMissing = {
		.servers = { DEFAULT_NS },
		.ndots = 1,
		.timeout = 5 * time_Second,
		.attempts = 2,
		.search = { "domain.local." },
	};
	net_dnsConfig *conf;
	char	      *got, *want;

	setHostname();
	conf = net_dnsReadConfig("a-nonexistent-file");
	restoreHostname();
	if (syscall_errnoOf(conf->err) != ENOENT)
		ck_abort_msg("missing resolv.conf:\ngot: %s\nwant: %s",
		    conf->err == NULL ? "<nil>"
				      : runtime_error_Error(conf->err),
		    "file does not exist");
	ck_assert_str_eq(runtime_error_Error(conf->err),
	    "open a-nonexistent-file: no such file or directory");
	got = fmtConfig(conf);
	want = fmtWant(&wantMissing);
	if (strcmp(got, want) != 0)
		ck_abort_msg(
		    "missing resolv.conf:\ngot: %s\nwant: %s", got, want);
	free(got);
	free(want);
	net_dnsConfig_free(conf);
}
END_TEST

static const struct {
	const char *name;
	bool	    err;
	const char *want[2];
} dnsDefaultSearchTests[] = {
	{ "host.long.domain.local", false, { "long.domain.local." } },
	{ "host.local", false, { "local." } },
	{ "host", false, { NULL } },
	{ "host.domain.local", true, { NULL } },
	/* Not [""], which would make duplicate lookups. */
	{ "foo.", false, { NULL } },
};

START_TEST(TestDNSDefaultSearch)
{
	net_string *got, want[2];
	int	    n, wn, i;

	testHostname = dnsDefaultSearchTests[_i].name;
	testHostnameFails = dnsDefaultSearchTests[_i].err;
	net_getHostname = fakeHostname;
	got = net_dnsDefaultSearch(&n);
	restoreHostname();
	wn = toStrings(dnsDefaultSearchTests[_i].want, want);
	ck_assert_int_eq(got == NULL, n == 0);
	if (n != wn)
		ck_abort_msg("dnsDefaultSearch with hostname %s and error %d: "
			     "%d names, wanted %d",
		    testHostname, testHostnameFails, n, wn);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(got[i].p, want[i].p);
	net_freeStrings(got, n);
}
END_TEST

Suite *
dnsconfig_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dnsconfig_unix");
	tc = newTCase("dnsReadConfig");
	tcase_add_loop_test(
	    tc, TestDNSReadConfig, 0, nelem(dnsReadConfigTests));
	tcase_add_test(tc, TestDNSReadMissingFile);
	tcase_add_loop_test(
	    tc, TestDNSDefaultSearch, 0, nelem(dnsDefaultSearchTests));
	suite_add_tcase(s, tc);
	return s;
}
