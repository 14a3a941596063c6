/* C port of go1.19 src/net/hosts_test.go */
#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "strconv/strconv.h"
#include "tests/export_test.h"
#include "tests/golden.h"
#include "tests/main_test.h"

/* Go's []string becomes a NULL-terminated list; no row has more than 4. */
typedef struct staticHostEntry {
	const char *in;
	const char *out[5];
} staticHostEntry;

typedef struct staticHostTest {
	const char     *name;
	staticHostEntry ents[8]; /* ended by an entry with in == NULL */
} staticHostTest;

static const staticHostTest lookupStaticHostTests[] = {
	{
	    "tests/testdata/hosts",
	    {
		{ "odin", { "127.0.0.2", "127.0.0.3", "::2" } },
		{ "thor", { "127.1.1.1" } },
		{ "ullr", { "127.1.1.2" } },
		{ "ullrhost", { "127.1.1.2" } },
		{ "localhost", { "fe80::1%lo0" } },
	    },
	},
	{
	    "tests/testdata/singleline-hosts", /* Go issue 6646 */
	    {
		{ "odin", { "127.0.0.2" } },
	    },
	},
	{
	    "tests/testdata/ipv4-hosts",
	    {
		{ "localhost", { "127.0.0.1", "127.0.0.2", "127.0.0.3" } },
		{ "localhost.localdomain", { "127.0.0.3" } },
	    },
	},
	{
	    "tests/testdata/ipv6-hosts", /* Go issue 8996 */
	    {
		{ "localhost",
		    { "::1", "fe80::1", "fe80::2%lo0", "fe80::3%lo0" } },
		{ "localhost.localdomain", { "fe80::3%lo0" } },
	    },
	},
	{
	    "tests/testdata/case-hosts", /* Go issue 12806 */
	    {
		{ "PreserveMe", { "127.0.0.1", "::1" } },
		{ "PreserveMe.local", { "127.0.0.1", "::1" } },
	    },
	},
};

static const staticHostTest lookupStaticAddrTests[] = {
	{
	    "tests/testdata/hosts",
	    {
		{ "255.255.255.255", { "broadcasthost" } },
		{ "127.0.0.2", { "odin" } },
		{ "127.0.0.3", { "odin" } },
		{ "::2", { "odin" } },
		{ "127.1.1.1", { "thor" } },
		{ "127.1.1.2", { "ullr", "ullrhost" } },
		{ "fe80::1%lo0", { "localhost" } },
	    },
	},
	{
	    "tests/testdata/singleline-hosts", /* Go issue 6646 */
	    {
		{ "127.0.0.2", { "odin" } },
	    },
	},
	{
	    "tests/testdata/ipv4-hosts",
	    {
		{ "127.0.0.1", { "localhost" } },
		{ "127.0.0.2", { "localhost" } },
		{ "127.0.0.3", { "localhost", "localhost.localdomain" } },
	    },
	},
	{
	    "tests/testdata/ipv6-hosts", /* Go issue 8996 */
	    {
		{ "::1", { "localhost" } },
		{ "fe80::1", { "localhost" } },
		{ "fe80::2%lo0", { "localhost" } },
		{ "fe80::3%lo0", { "localhost", "localhost.localdomain" } },
	    },
	},
	{
	    "tests/testdata/case-hosts", /* Go issue 12806 */
	    {
		{ "127.0.0.1", { "PreserveMe", "PreserveMe.local" } },
		{ "::1", { "PreserveMe", "PreserveMe.local" } },
	    },
	},
};

/*
 * fmtStrings prints a result as Go's %v does: "[a b]", "[]" for nil; a NUL
 * byte is shown as \x00.
 */
static char *
fmtStrings(const net_string *a, int n)
{
	size_t size, i;
	char  *s, *p;
	int    k;

	size = 3;
	for (k = 0; k < n; k++)
		size += 4 * a[k].n + 1;
	s = malloc(size);
	ck_assert_ptr_nonnull(s);
	p = s;
	*p++ = '[';
	for (k = 0; k < n; k++) {
		if (k > 0)
			*p++ = ' ';
		for (i = 0; i < a[k].n; i++) {
			if (a[k].p[i] == '\0') {
				memcpy(p, "\\x00", 4);
				p += 4;
			} else
				*p++ = a[k].p[i];
		}
	}
	*p++ = ']';
	*p = '\0';
	return s;
}

/* toStrings turns a NULL-terminated want list into Go strings. */
static int
toStrings(char *const *list, net_string *out)
{
	int n;

	for (n = 0; list[n] != NULL; n++)
		out[n] = (net_string){ list[n], strlen(list[n]) };
	return n;
}

/*
 * equalStrings is reflect.DeepEqual of a result (n strings; NULL when n
 * is 0) and a want list of wn strings.
 */
static bool
equalStrings(const net_string *got, int n, const net_string *want, int wn)
{
	int i;

	if (n != wn)
		return false;
	for (i = 0; i < n; i++)
		if (got[i].n != want[i].n ||
		    memcmp(got[i].p, want[i].p, got[i].n) != 0)
			return false;
	return true;
}

static char *
changeCase(const char *s, int (*f)(int))
{
	char  *t;
	size_t i;

	t = strdup(s);
	ck_assert_ptr_nonnull(t);
	for (i = 0; t[i] != '\0'; i++)
		t[i] = (char)f((unsigned char)t[i]);
	return t;
}

static void
testStaticHost(const char *hostsPath, const staticHostEntry *ent)
{
	net_string *addrs, want[5];
	char	   *ins[4], *got, *w;
	int	    i, n, wn;

	ins[0] = strdup(ent->in);
	ins[1] = net_absDomainName(ent->in, strlen(ent->in));
	ins[2] = changeCase(ent->in, tolower);
	ins[3] = changeCase(ent->in, toupper);
	wn = toStrings((char *const *)ent->out, want);
	for (i = 0; i < 4; i++) {
		addrs = net_lookupStaticHost(ins[i], strlen(ins[i]), &n);
		if (!equalStrings(addrs, n, want, wn)) {
			got = fmtStrings(addrs, n);
			w = fmtStrings(want, wn);
			ck_abort_msg("%s, lookupStaticHost(%s) = %s; want %s",
			    hostsPath, ins[i], got, w);
		}
		free(addrs);
	}
	for (i = 0; i < 4; i++)
		free(ins[i]);
}

/*
 * Go changes the hook and restores it with a defer; Check runs each test
 * in its own process, but the restore keeps a non-forking run honest.
 */
START_TEST(TestLookupStaticHost)
{
	const staticHostTest  *tt;
	const staticHostEntry *ent;
	const char	      *orig;

	orig = net_testHookHostsPath;
	tt = &lookupStaticHostTests[_i];
	net_testHookHostsPath = tt->name;
	for (ent = tt->ents; ent->in != NULL; ent++)
		testStaticHost(tt->name, ent);
	net_testHookHostsPath = orig;
}
END_TEST

static void
testStaticAddr(const char *hostsPath, const staticHostEntry *ent)
{
	net_string *hosts, want[5];
	char	   *g, *w;
	int	    i, n, wn;

	wn = 0;
	for (i = 0; ent->out[i] != NULL; i++) {
		want[i].p = net_absDomainName(ent->out[i], strlen(ent->out[i]));
		want[i].n = strlen(want[i].p);
		wn++;
	}
	hosts = net_lookupStaticAddr(ent->in, strlen(ent->in), &n);
	if (!equalStrings(hosts, n, want, wn)) {
		g = fmtStrings(hosts, n);
		w = fmtStrings(want, wn);
		ck_abort_msg("%s, lookupStaticAddr(%s) = %s; want %s",
		    hostsPath, ent->in, g, w);
	}
	free(hosts);
	for (i = 0; i < wn; i++)
		free((char *)want[i].p);
}

START_TEST(TestLookupStaticAddr)
{
	const staticHostTest  *tt;
	const staticHostEntry *ent;
	const char	      *orig;

	orig = net_testHookHostsPath;
	tt = &lookupStaticAddrTests[_i];
	net_testHookHostsPath = tt->name;
	for (ent = tt->ents; ent->in != NULL; ent++)
		testStaticAddr(tt->name, ent);
	net_testHookHostsPath = orig;
}
END_TEST

/*
 * Changing what a lookup returned must not change the cache (Go issue
 * 14212).  Go appends "junk" to each string; the strings of a C result
 * cannot grow, so this overwrites them instead, which tests the same.
 */
START_TEST(TestHostCacheModification)
{
	static const staticHostEntry ent4 = { "localhost",
		{ "127.0.0.1", "127.0.0.2", "127.0.0.3" } };
	static const staticHostEntry ent6 = { "::1", { "localhost" } };
	const char		    *orig;
	net_string		    *addrs, *hosts;
	int			     i, n;

	orig = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/ipv4-hosts";
	testStaticHost(net_testHookHostsPath, &ent4);
	addrs = net_lookupStaticHost(ent4.in, strlen(ent4.in), &n);
	for (i = 0; i < n; i++)
		memset((char *)addrs[i].p, 'j', addrs[i].n);
	free(addrs);
	testStaticHost(net_testHookHostsPath, &ent4);

	net_testHookHostsPath = "tests/testdata/ipv6-hosts";
	testStaticAddr(net_testHookHostsPath, &ent6);
	hosts = net_lookupStaticAddr(ent6.in, strlen(ent6.in), &n);
	for (i = 0; i < n; i++)
		memset((char *)hosts[i].p, 'j', hosts[i].n);
	free(hosts);
	testStaticAddr(net_testHookHostsPath, &ent6);
	net_testHookHostsPath = orig;
}
END_TEST

/*
 * testHostsNUL has no Go namesake.  A NUL byte inside a hosts-file field
 * is part of the name or zone in Go, whose strings carry a length; gonet
 * must not cut the field there (which would make "foo\0bar" answer for
 * "foo").  Inputs and answers are what Go 1.19's lookupStaticHost and
 * lookupStaticAddr gave for tests/testdata/nul-hosts
 * (tests/testdata/nulhosts_go119).
 */
#define S(x)                                                                   \
	{                                                                      \
		(x), sizeof(x) - 1                                             \
	}

static const struct {
	bool	   addr; /* lookupStaticAddr rather than lookupStaticHost */
	net_string in;
	int	   n;
	net_string out[2];
} hostsNULTests[] = {
	{ false, S("foo"), 0, { { NULL, 0 } } },
	{ false, S("foo\0bar"), 1, { S("127.0.0.1") } },
	{ false, S("FOO\0BAR"), 1, { S("127.0.0.1") } },
	{ false, S("plain"), 1, { S("127.0.0.1") } },
	{ false, S("nul"), 0, { { NULL, 0 } } },
	{ false, S("nul\0"), 1, { S("127.0.0.2") } },
	{ false, S("a.b\0c"), 1, { S("127.0.0.3") } },
	{ false, S("a.b\0c."), 1, { S("127.0.0.3") } },
	{ false, S("a.b"), 0, { { NULL, 0 } } },
	{ false, S("\0"), 1, { S("127.0.0.4") } },
	{ false, S("x"), 0, { { NULL, 0 } } },
	{ false, S("x\0"), 1, { S("127.0.0.5") } },
	{ false, S("up\0per"), 1, { S("127.0.0.6") } },
	{ false, S("UP\0PER"), 1, { S("127.0.0.6") } },
	{ false, S("bad"), 0, { { NULL, 0 } } },
	{ false, S("glued"), 0, { { NULL, 0 } } },
	{ false, S("zoned"), 1, { S("fe80::1%lo\0x") } },
	{ true, S("127.0.0.1"), 2, { S("foo\0bar"), S("plain") } },
	{ true, S("127.0.0.2"), 1, { S("nul\0") } },
	{ true, S("fe80::1%lo"), 0, { { NULL, 0 } } },
	{ true, S("fe80::1%lo\0x"), 1, { S("zoned") } },
	{ true, S("fe80::1"), 0, { { NULL, 0 } } },
	{ true, S("127.0.0.3"), 1, { S("a.b\0c.") } },
	{ true, S("127.0.0.4"), 1, { S("\0") } },
	{ true, S("127.0.0.5"), 1, { S("x\0") } },
	{ true, S("127.0.0.6"), 1, { S("UP\0PER") } },
	{ true, S("127.0.0.7"), 0, { { NULL, 0 } } },
	{ true, S("127.0.0.8"), 0, { { NULL, 0 } } },
};

START_TEST(testHostsNUL)
{
	const char *orig;
	net_string *got;
	char	   *g, *w, *in;
	int	    n;

	orig = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/nul-hosts";
	if (hostsNULTests[_i].addr)
		got = net_lookupStaticAddr(
		    hostsNULTests[_i].in.p, hostsNULTests[_i].in.n, &n);
	else
		got = net_lookupStaticHost(
		    hostsNULTests[_i].in.p, hostsNULTests[_i].in.n, &n);
	net_testHookHostsPath = orig;
	if (!equalStrings(got, n, hostsNULTests[_i].out, hostsNULTests[_i].n)) {
		in = fmtStrings(&hostsNULTests[_i].in, 1);
		g = fmtStrings(got, n);
		w = fmtStrings(hostsNULTests[_i].out, hostsNULTests[_i].n);
		ck_abort_msg("%s(%s) = %s; want %s",
		    hostsNULTests[_i].addr ? "lookupStaticAddr"
					   : "lookupStaticHost",
		    in, g, w);
	}
	free(got);
}
END_TEST

/* putList prints " NAME=[...]" of one lookup, as the Go twin's quoteList. */
static void
putList(FILE *m, const char *name, net_string *a, int n)
{
	char *q;
	int   i;

	fprintf(m, " %s=[", name);
	for (i = 0; i < n; i++) {
		q = strconv_Quote(a[i].p, a[i].n);
		fprintf(m, "%s%s", i > 0 ? " " : "", q);
		free(q);
	}
	fputc(']', m);
	free(a);
}

static bool
isHostsSep(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/*
 * seenBefore says whether the token at s[i:i+n] occurs as a whole token
 * earlier in s.
 */
static bool
seenBefore(const char *s, size_t i, size_t n)
{
	size_t j, k;

	for (j = 0; j < i; j = k) {
		while (j < i && isHostsSep(s[j]))
			j++;
		for (k = j; k < i && !isHostsSep(s[k]); k++)
			;
		if (k - j == n && memcmp(s + j, s + i, n) == 0)
			return true;
	}
	return false;
}

/*
 * hostsText is the Go twin's hostsText (tests/testdata/dnsconf_go119_test.go):
 * every token of the file s, once, in order, quoted, with the addresses
 * lookupStaticHost and the names lookupStaticAddr give for it.  malloc'd.
 */
static char *
hostsText(const char *s, size_t len)
{
	net_string *a;
	FILE	   *m;
	char	   *buf, *q;
	size_t	    bufn, i, j;
	int	    n, count;

	buf = NULL;
	m = open_memstream(&buf, &bufn);
	ck_assert_ptr_nonnull(m);
	count = 0;
	for (i = 0; i < len; i = j) {
		while (i < len && isHostsSep(s[i]))
			i++;
		for (j = i; j < len && !isHostsSep(s[j]); j++)
			;
		if (j == i || seenBefore(s, i, j - i))
			continue;
		q = strconv_Quote(s + i, j - i);
		fprintf(m, "%s%s", count++ > 0 ? " " : "", q);
		free(q);
		a = net_lookupStaticHost(s + i, j - i, &n);
		putList(m, "host", a, n);
		a = net_lookupStaticAddr(s + i, j - i, &n);
		putList(m, "addr", a, n);
	}
	fclose(m);
	return buf;
}

/*
 * checkHostsLine writes one input of hosts_go119.txt to path, points the
 * hosts cache at it, and compares hostsText with what Go printed,
 * counting a difference in *bad and showing the first.
 */
static void
checkHostsLine(char *line, const char *path, int *bad)
{
	char  *tab, *want, *s, *got;
	size_t n;

	line[strcspn(line, "\n")] = '\0';
	tab = strchr(line, '\t');
	ck_assert_ptr_nonnull(tab);
	want = tab + 1;
	n = goldenUnhex(line, (size_t)(tab - line), &s);
	goldenWriteFile(path, s, n);
	net_testHookHostsPath = path;
	got = hostsText(s, n);
	if (strcmp(got, want) != 0 && (*bad)++ == 0)
		fprintf(stderr,
		    "testHostsGo: input %.*s:\n got  %s\n want %s\n",
		    (int)(tab - line), line, got, want);
	free(got);
	free(s);
}

/*
 * testHostsGo reads each hosts file of tests/testdata/hosts_go119.in and
 * expects, for every token of it, the answers Go 1.19's own
 * lookupStaticHost and lookupStaticAddr gave (Go's testdata, the fuzz
 * seeds, edge cases by hand and the fuzz target's finds, NUL bytes
 * included; tools/dnsconf_go119.sh ran Go).  Two file names take turns,
 * so every input is read afresh, as on the Go side.
 */
START_TEST(testHostsGo)
{
	const char *orig;
	char	   *line, path[2][64];
	size_t	    cap;
	FILE	   *f;
	int	    i, fd, n, bad;

	for (i = 0; i < 2; i++) {
		snprintf(path[i], sizeof(path[i]), "/tmp/gonet-hosts-XXXXXX");
		fd = mkstemp(path[i]);
		ck_assert_int_ge(fd, 0);
		close(fd);
	}
	orig = net_testHookHostsPath;
	f = fopen("tests/testdata/hosts_go119.txt", "r");
	ck_assert_ptr_nonnull(f);
	line = NULL;
	cap = 0;
	n = bad = 0;
	while (getline(&line, &cap, f) > 0) {
		checkHostsLine(line, path[n % 2], &bad);
		n++;
	}
	net_testHookHostsPath = orig;
	free(line);
	fclose(f);
	unlink(path[0]);
	unlink(path[1]);
	ck_assert_int_ge(n, 600);
	ck_assert_msg(bad == 0, "%d of %d inputs differ from Go", bad, n);
}
END_TEST

Suite *
hosts_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("hosts");
	tc = newTCase("lookupStaticHost");
	tcase_add_loop_test(
	    tc, TestLookupStaticHost, 0, nelem(lookupStaticHostTests));
	suite_add_tcase(s, tc);
	tc = newTCase("lookupStaticAddr");
	tcase_add_loop_test(
	    tc, TestLookupStaticAddr, 0, nelem(lookupStaticAddrTests));
	suite_add_tcase(s, tc);
	tc = newTCase("hostCache");
	tcase_add_test(tc, TestHostCacheModification);
	suite_add_tcase(s, tc);
	tc = newTCase("NUL bytes");
	tcase_add_loop_test(tc, testHostsNUL, 0, nelem(hostsNULTests));
	suite_add_tcase(s, tc);
	tc = newTCase("Go 1.19's answers");
	tcase_add_test(tc, testHostsGo);
	suite_add_tcase(s, tc);
	return s;
}
