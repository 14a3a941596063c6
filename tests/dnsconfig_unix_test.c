/*
 * C port of go1.19 src/net/dnsconfig_unix_test.go.  built on: unix
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "net/dnsclient.h"
#include "net/dnsconfig.h"
#include "strconv/strconv.h"
#include "tests/export_test.h"
#include "tests/golden.h"
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

/* sbuf is a growing string for the texts testDNSConfGo compares. */
typedef struct sbuf {
	char  *p;
	size_t n, cap;
} sbuf;

static void
sput(sbuf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = 2 * (b->n + n + 1);
		b->p = realloc(b->p, b->cap);
		ck_assert_ptr_nonnull(b->p);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void
sputs(sbuf *b, const char *s)
{
	sput(b, s, strlen(s));
}

/* sputq appends strconv.Quote(s[0:n]). */
static void
sputq(sbuf *b, const char *s, size_t n)
{
	char *q;

	q = strconv_Quote(s, n);
	sputs(b, q);
	free(q);
}

static void
sputList(sbuf *b, const char *name, const net_string *a, int n)
{
	int i;

	sputs(b, name);
	sputs(b, "[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			sputs(b, " ");
		sputq(b, a[i].p, a[i].n);
	}
	sputs(b, "]");
}

static void
sputErr(sbuf *b, runtime_error *err)
{
	const char *s;

	if (err == NULL) {
		sputs(b, "<nil>");
		return;
	}
	s = runtime_error_Error(err);
	sputq(b, s, strlen(s));
}

/* resolvText is dnsconf_go119_test.go's resolvText. */
static void
resolvText(sbuf *b, const net_dnsConfig *c)
{
	char num[128];

	sputList(b, "servers=", c->servers, c->nservers);
	sputList(b, " search=", c->search, c->nsearch);
	snprintf(num, sizeof(num),
	    " ndots=%d timeout=%lld attempts=%d rotate=%s unknownOpt=%s",
	    c->ndots, (long long)c->timeout, c->attempts,
	    c->rotate ? "true" : "false", c->unknownOpt ? "true" : "false");
	sputs(b, num);
	sputList(b, " lookup=", c->lookup, c->nlookup);
	snprintf(num, sizeof(num), " singleRequest=%s useTCP=%s err=",
	    c->singleRequest ? "true" : "false", c->useTCP ? "true" : "false");
	sputs(b, num);
	sputErr(b, c->err);
}

/* byName orders databases as Go's sort.Strings orders their names. */
static int
byName(const void *x, const void *y)
{
	const net_nssDB *a = x, *b = y;
	size_t		 n;
	int		 r;

	n = a->name.n < b->name.n ? a->name.n : b->name.n;
	r = memcmp(a->name.p, b->name.p, n);
	if (r != 0)
		return r;
	return a->name.n < b->name.n ? -1 : a->name.n > b->name.n;
}

static void
sputSource(sbuf *b, const net_nssSource *src)
{
	int k;

	sputq(b, src->source.p, src->source.n);
	sputs(b, "(");
	for (k = 0; k < src->ncriteria; k++) {
		if (k > 0)
			sputs(b, " ");
		if (src->criteria[k].negate)
			sputs(b, "!");
		sputq(b, src->criteria[k].status.p, src->criteria[k].status.n);
		sputs(b, "=");
		sputq(b, src->criteria[k].action.p, src->criteria[k].action.n);
	}
	sputs(b, ")");
}

/* nssText is dnsconf_go119_test.go's nssText; it sorts c's databases. */
static void
nssText(sbuf *b, net_nssConf *c)
{
	int i, j;

	if (c->nsources > 0)
		qsort(c->sources, (size_t)c->nsources, sizeof(c->sources[0]),
		    byName);
	sputs(b, "err=");
	sputErr(b, c->err);
	sputs(b, " sources=[");
	for (i = 0; i < c->nsources; i++) {
		if (i > 0)
			sputs(b, " ");
		sputq(b, c->sources[i].name.p, c->sources[i].name.n);
		sputs(b, ":[");
		for (j = 0; j < c->sources[i].nsources; j++) {
			if (j > 0)
				sputs(b, " ");
			sputSource(b, &c->sources[i].sources[j]);
		}
		sputs(b, "]");
	}
	sputs(b, "]");
}

/*
 * checkGoLine checks one line of tests/testdata/dnsconf_go119.txt; false
 * on a difference, which it prints.
 */
static bool
checkGoLine(char *line, const char *path)
{
	net_dnsConfig *conf;
	net_nssConf   *nss;
	char	      *t1, *t2, *nl;
	sbuf	       rb = { 0 }, nb = { 0 };
	bool	       ok;

	if ((nl = strchr(line, '\n')) != NULL)
		*nl = '\0';
	t1 = strchr(line, '\t');
	ck_assert_ptr_nonnull(t1);
	t2 = strchr(t1 + 1, '\t');
	ck_assert_ptr_nonnull(t2);
	*t1++ = '\0';
	*t2++ = '\0';
	goldenHexFile(path, line);
	conf = net_dnsReadConfig(path);
	nss = net_parseNSSConfFile(path);
	resolvText(&rb, conf);
	nssText(&nb, nss);
	ok = strcmp(rb.p, t1) == 0 && strcmp(nb.p, t2) == 0;
	if (!ok)
		fprintf(stderr, "input %s:\ngot  %s\t%s\nwant %s\t%s\n", line,
		    rb.p, nb.p, t1, t2);
	free(rb.p);
	free(nb.p);
	net_nssConf_free(nss);
	net_dnsConfig_free(conf);
	return ok;
}

/*
 * testDNSConfGo reads each input of tests/testdata/dnsconf_go119.in as
 * resolv.conf and as nsswitch.conf and expects what Go 1.19's own
 * dnsReadConfig and parseNSSConfFile returned for it (Go's testdata, the
 * fuzz seeds, edge cases by hand and inputs the fuzz targets found;
 * tools/dnsconf_go119.sh ran Go).
 */
START_TEST(testDNSConfGo)
{
	char  *line, path[64];
	size_t cap;
	FILE  *f;
	int    fd, n, bad;

	snprintf(path, sizeof(path), "/tmp/gonet-dnsconf-XXXXXX");
	fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	close(fd);
	f = fopen("tests/testdata/dnsconf_go119.txt", "r");
	ck_assert_ptr_nonnull(f);
	setHostname();
	line = NULL;
	cap = 0;
	n = bad = 0;
	while (getline(&line, &cap, f) > 0) {
		n++;
		if (!checkGoLine(line, path))
			bad++;
	}
	restoreHostname();
	free(line);
	fclose(f);
	unlink(path);
	ck_assert_int_ge(n, 500);
	ck_assert_msg(bad == 0, "%d of %d inputs differ from Go", bad, n);
}
END_TEST

/*
 * checkNameLength asks nameList for name and fails unless it got exactly
 * want names (want < 0: at least one, none longer than 254 bytes).
 */
static void
checkNameLength(net_dnsConfig *conf, const char *name, int want)
{
	char **names;
	int    n, i;

	names = net_dnsConfig_nameList(conf, name, &n);
	for (i = 0; i < n; i++)
		if (strlen(names[i]) > 254)
			ck_abort_msg("got %zu; want less than or equal to 254",
			    strlen(names[i]));
	if (want >= 0 && n != want)
		ck_abort_msg("%s: got %d names; want %d", name, n, want);
	if (want == 0 && names != NULL)
		ck_abort_msg("%s: got a list; want nil", name);
	net_freeNameList(names, n);
}

START_TEST(TestDNSNameLength)
{
	const dnsConfigWant *w = &dnsReadConfigTests[_i].want;
	net_dnsConfig	    *conf;
	char		     longDomain[5 * 64 + 8], longName[256];
	char		     name[300];
	size_t		     shortest, l, i;

	for (i = 0; i < 5; i++) {
		memset(longDomain + i * 64, 'a', 63);
		longDomain[i * 64 + 63] = '.';
	}
	strcpy(longDomain + 5 * 64, "example");
	setHostname();
	conf = net_dnsReadConfig(dnsReadConfigTests[_i].name);
	restoreHostname();
	if (conf->err != NULL)
		ck_abort_msg("%s", runtime_error_Error(conf->err));
	shortest = 0;
	for (i = 0; i < nelem(w->search) && w->search[i] != NULL; i++)
		if (shortest == 0 || strlen(w->search[i]) < shortest)
			shortest = strlen(w->search[i]);
	/* Longest name that still fits with the shortest suffix and a dot. */
	l = strlen(longDomain);
	strcpy(longName, longDomain + l - 254 + 1 + shortest);
	if (longName[0] == '.' || longName[1] == '.')
		memcpy(longName, "aa.", 3);
	checkNameLength(conf, longName, -1);
	/* One byte more leaves no room for any suffix. */
	snprintf(name, sizeof(name), "a.%s", longName + 1);
	checkNameLength(conf, name, 1);
	/* Too long for DNS at all. */
	snprintf(name, sizeof(name), "a.%s", longDomain);
	checkNameLength(conf, name, 0);
	net_dnsConfig_free(conf);
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
	tcase_add_test(tc, testDNSConfGo);
	tcase_add_loop_test(
	    tc, TestDNSNameLength, 0, nelem(dnsReadConfigTests));
	suite_add_tcase(s, tc);
	return s;
}
