/* C port of go1.19 src/net/hosts_test.go */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
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

/* fmtStrings prints a list as Go's %v does: "[a b]", "[]" for nil. */
static char *
fmtStrings(char *const *a, int n)
{
	size_t size;
	char  *s;
	int    i;

	size = 3;
	for (i = 0; i < n; i++)
		size += strlen(a[i]) + 1;
	s = malloc(size);
	ck_assert_ptr_nonnull(s);
	strcpy(s, "[");
	for (i = 0; i < n; i++) {
		if (i > 0)
			strcat(s, " ");
		strcat(s, a[i]);
	}
	strcat(s, "]");
	return s;
}

/*
 * equalStrings is reflect.DeepEqual of a result (n strings; NULL when n
 * is 0) and a want list.
 */
static bool
equalStrings(char *const *got, int n, char *const *want)
{
	int i;

	for (i = 0; i < n; i++)
		if (want[i] == NULL || strcmp(got[i], want[i]) != 0)
			return false;
	return want[n] == NULL;
}

static int
countStrings(char *const *a)
{
	int n;

	for (n = 0; a[n] != NULL; n++)
		;
	return n;
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
	char *ins[4], **addrs, *got, *want;
	int   i, n;

	ins[0] = strdup(ent->in);
	ins[1] = net_absDomainName(ent->in, strlen(ent->in));
	ins[2] = changeCase(ent->in, tolower);
	ins[3] = changeCase(ent->in, toupper);
	for (i = 0; i < 4; i++) {
		addrs = net_lookupStaticHost(ins[i], &n);
		if (!equalStrings(addrs, n, (char *const *)ent->out)) {
			got = fmtStrings(addrs, n);
			want = fmtStrings((char *const *)ent->out,
			    countStrings((char *const *)ent->out));
			ck_abort_msg("%s, lookupStaticHost(%s) = %s; want %s",
			    hostsPath, ins[i], got, want);
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
	char *want[5], **hosts, *g, *w;
	int   i, n;

	for (i = 0; ent->out[i] != NULL; i++)
		want[i] = net_absDomainName(ent->out[i], strlen(ent->out[i]));
	want[i] = NULL;
	hosts = net_lookupStaticAddr(ent->in, &n);
	if (!equalStrings(hosts, n, want)) {
		g = fmtStrings(hosts, n);
		w = fmtStrings(want, countStrings(want));
		ck_abort_msg("%s, lookupStaticAddr(%s) = %s; want %s",
		    hostsPath, ent->in, g, w);
	}
	free(hosts);
	for (i = 0; want[i] != NULL; i++)
		free(want[i]);
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
	char			   **addrs, **hosts;
	int			     i, n;

	orig = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/ipv4-hosts";
	testStaticHost(net_testHookHostsPath, &ent4);
	addrs = net_lookupStaticHost(ent4.in, &n);
	for (i = 0; i < n; i++)
		memset(addrs[i], 'j', strlen(addrs[i]));
	free(addrs);
	testStaticHost(net_testHookHostsPath, &ent4);

	net_testHookHostsPath = "tests/testdata/ipv6-hosts";
	testStaticAddr(net_testHookHostsPath, &ent6);
	hosts = net_lookupStaticAddr(ent6.in, &n);
	for (i = 0; i < n; i++)
		memset(hosts[i], 'j', strlen(hosts[i]));
	free(hosts);
	testStaticAddr(net_testHookHostsPath, &ent6);
	net_testHookHostsPath = orig;
}
END_TEST

/*
 * testLookupStaticHostNUL: Go keys a hosts name with a NUL byte in it
 * whole ("nul\x00name"), so looking up "nul" finds nothing, while the
 * line's other names still resolve; so is a zone ("fe80::1%a\x00b").
 * The C reader used to cut both at the NUL.
 */
START_TEST(testLookupStaticHostNUL)
{
	const char *orig;
	char	  **got;
	int	    n, i;

	orig = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/nul-hosts";
	got = net_lookupStaticHost("nul", &n);
	ck_assert_msg(
	    n == 0, "lookupStaticHost(nul) = %d addresses, want 0", n);
	free(got);
	got = net_lookupStaticHost("other", &n);
	ck_assert_msg(n == 1 && strcmp(got[0], "127.0.0.1") == 0,
	    "lookupStaticHost(other) = %d addresses, want [127.0.0.1]", n);
	free(got);
	got = net_lookupStaticAddr("127.0.0.1", &n);
	for (i = 0; i < n; i++)
		ck_assert_msg(strcmp(got[i], "nul") != 0,
		    "lookupStaticAddr(127.0.0.1) has the cut name nul");
	free(got);
	got = net_lookupStaticAddr("fe80::1%a", &n);
	ck_assert_msg(
	    n == 0, "lookupStaticAddr(fe80::1%%a) = %d names, want 0", n);
	free(got);
	net_testHookHostsPath = orig;
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
	tc = newTCase("NUL");
	tcase_add_test(tc, testLookupStaticHostNUL);
	suite_add_tcase(s, tc);
	return s;
}
