/*
 * C port of go1.19 src/net/addrselect_test.go.
 * built on: darwin dragonfly freebsd linux netbsd openbsd solaris
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

/* A row's addresses, sources and wants; each list ends at NULL. */
typedef struct sortTest {
	const char *in[7];
	const char *srcs[7];
	const char *want[7];
	bool	    reverse; /* also test it starting backwards */
} sortTest;

static const sortTest sortByRFC6724Tests[] = {
	/* The examples of RFC 6724 section 10.2.  Prefer matching scope. */
	{ { "2001:db8:1::1", "198.51.100.121" },
	    { "2001:db8:1::2", "169.254.13.78" },
	    { "2001:db8:1::1", "198.51.100.121" }, true },
	/* Prefer matching scope. */
	{ { "2001:db8:1::1", "198.51.100.121" },
	    { "fe80::1", "198.51.100.117" },
	    { "198.51.100.121", "2001:db8:1::1" }, true },
	/* Prefer higher precedence. */
	{ { "2001:db8:1::1", "10.1.2.3" }, { "2001:db8:1::2", "10.1.2.4" },
	    { "2001:db8:1::1", "10.1.2.3" }, true },
	/* Prefer smaller scope. */
	{ { "2001:db8:1::1", "fe80::1" }, { "2001:db8:1::2", "fe80::2" },
	    { "fe80::1", "2001:db8:1::1" }, true },
	/*
	 * Go issue 13283: a 10/8 source address is no reason to prefer
	 * 23/8 destinations.
	 */
	{ { "54.83.193.112", "184.72.238.214", "23.23.172.185", "75.101.148.21",
	      "23.23.134.56", "23.21.50.150" },
	    { "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4", "10.2.3.4",
		"10.2.3.4" },
	    { "54.83.193.112", "184.72.238.214", "23.23.172.185",
		"75.101.148.21", "23.23.134.56", "23.21.50.150" },
	    false },
};

/* parseList parses a NULL-ended list of addresses: the count. */
static int
parseList(const char *const *list, net_IP *ips)
{
	int n;

	for (n = 0; list[n] != NULL; n++)
		ips[n] = net_ParseIP(list[n]);
	return n;
}

/* fmtAddrs prints addresses as Go's %s of []IPAddr: "[a b]". */
static void
fmtAddrs(const net_IPAddr *a, int n, char *buf, size_t size)
{
	size_t off;
	char  *s;
	int    i;

	off = (size_t)snprintf(buf, size, "[");
	for (i = 0; i < n; i++) {
		s = net_IP_String(a[i].IP);
		off += (size_t)snprintf(
		    buf + off, size - off, "%s%s", i > 0 ? " " : "", s);
		free(s);
	}
	snprintf(buf + off, size - off, "]");
}

/* sortAndCheck sorts in (n addresses, srcs) and compares with want. */
static void
sortAndCheck(int test, const char *how, net_IPAddr *in, net_IP *srcs,
    const net_IP *want, int n)
{
	char got[512], w[512];
	int  i;

	net_sortByRFC6724withSrcs(in, srcs, n);
	for (i = 0; i < n; i++)
		if (!net_IP_Equal(in[i].IP, want[i]) ||
		    in[i].IP.len != want[i].len)
			break;
	if (i < n) {
		fmtAddrs(in, n, got, sizeof(got));
		for (i = 0; i < n; i++)
			in[i].IP = want[i];
		fmtAddrs(in, n, w, sizeof(w));
		ck_abort_msg(
		    "test %d%s:\ngot: %s\nwant: %s", test, how, got, w);
	}
}

START_TEST(TestSortByRFC6724)
{
	const sortTest *tt = &sortByRFC6724Tests[_i];
	net_IPAddr	inCopy[7], a;
	net_IP		ips[7], srcCopy[7], want[7], ip;
	int		n, j, k;

	n = parseList(tt->in, ips);
	ck_assert_int_eq(parseList(tt->srcs, srcCopy), n);
	ck_assert_int_eq(parseList(tt->want, want), n);
	memset(inCopy, 0, sizeof(inCopy));
	for (j = 0; j < n; j++) {
		inCopy[j].addr.type = &net_IPAddrType;
		inCopy[j].IP = ips[j];
	}
	sortAndCheck(_i, "", inCopy, srcCopy, want, n);
	if (!tt->reverse)
		return;
	for (j = 0; j < n; j++)
		inCopy[j].IP = ips[j];
	parseList(tt->srcs, srcCopy);
	for (j = 0; j < n / 2; j++) {
		k = n - j - 1;
		a = inCopy[j];
		inCopy[j] = inCopy[k];
		inCopy[k] = a;
		ip = srcCopy[j];
		srcCopy[j] = srcCopy[k];
		srcCopy[k] = ip;
	}
	sortAndCheck(_i, ", starting backwards", inCopy, srcCopy, want, n);
}
END_TEST

static const struct {
	const char *ip;
	const char *prefix; /* the want entry's Prefix, as IP/bits */
	uint8_t	    precedence;
	uint8_t	    label;
} policyTableClassifyTests[] = {
	{ "127.0.0.1", "::ffff:0:0/96", 35, 4 },
	{ "2601:645:8002:a500:986f:1db8:c836:bd65", "::/0", 40, 1 },
	{ "::1", "::1/128", 50, 0 },
	{ "2002::ab12", "2002::/16", 30, 2 },
};

START_TEST(TestRFC6724PolicyTableClassify)
{
	net_policyTableEntry got;
	net_IPNet	     want;
	char		     ip[64];
	int		     bits;

	got = net_rfc6724policyTable_Classify(
	    net_ParseIP(policyTableClassifyTests[_i].ip));
	/* Go's want: &IPNet{IP: ParseIP(ip), Mask: CIDRMask(bits, 128)}. */
	ck_assert_int_eq(sscanf(policyTableClassifyTests[_i].prefix,
			     "%63[^/]/%d", ip, &bits),
	    2);
	want.IP = net_ParseIP(ip);
	want.Mask = net_CIDRMask(bits, 128);
	if (got.Prefix.IP.len != want.IP.len ||
	    memcmp(got.Prefix.IP.b, want.IP.b, want.IP.len) != 0 ||
	    got.Prefix.Mask.len != want.Mask.len ||
	    memcmp(got.Prefix.Mask.b, want.Mask.b, want.Mask.len) != 0 ||
	    got.Precedence != policyTableClassifyTests[_i].precedence ||
	    got.Label != policyTableClassifyTests[_i].label)
		ck_abort_msg("%d. Classify(%s) = {%s %d %d}; want {%s %d %d}",
		    _i, policyTableClassifyTests[_i].ip,
		    net_IPNet_String(&got.Prefix), got.Precedence, got.Label,
		    policyTableClassifyTests[_i].prefix,
		    policyTableClassifyTests[_i].precedence,
		    policyTableClassifyTests[_i].label);
}
END_TEST

/* An ip of NULL is IPv4(a, b, c, d), 16 bytes, or its To4 form. */
static const struct {
	const char *ip;
	uint8_t	    v4[4];
	bool	    to4;
	net_scope   want;
} classifyScopeTests[] = {
	{ "127.0.0.1", { 0 }, false, net_scopeLinkLocal },   /* RFC 6724 3.2 */
	{ "::1", { 0 }, false, net_scopeLinkLocal },	     /* RFC 4007 4 */
	{ "169.254.1.2", { 0 }, false, net_scopeLinkLocal }, /* 6724 3.2 */
	{ "fec0::1", { 0 }, false, net_scopeSiteLocal },
	{ "8.8.8.8", { 0 }, false, net_scopeGlobal },

	/* IPv6 multicast. */
	{ "ff02::", { 0 }, false, net_scopeLinkLocal },
	{ "ff05::", { 0 }, false, net_scopeSiteLocal },
	{ "ff04::", { 0 }, false, net_scopeAdminLocal },
	{ "ff0e::", { 0 }, false, net_scopeGlobal },

	/* IPv4 link-local and global multicast, as 16 and as 4 bytes. */
	{ NULL, { 0xe0, 0, 0, 0 }, false, net_scopeGlobal },
	{ NULL, { 0xe0, 2, 2, 2 }, false, net_scopeGlobal },
	{ NULL, { 0xe0, 0, 0, 0 }, true, net_scopeGlobal },
	{ NULL, { 0xe0, 2, 2, 2 }, true, net_scopeGlobal },
};

START_TEST(TestRFC6724ClassifyScope)
{
	net_scope got;
	net_IP	  ip;
	char	 *s;

	if (classifyScopeTests[_i].ip != NULL)
		ip = net_ParseIP(classifyScopeTests[_i].ip);
	else {
		ip = net_IPv4(classifyScopeTests[_i].v4[0],
		    classifyScopeTests[_i].v4[1], classifyScopeTests[_i].v4[2],
		    classifyScopeTests[_i].v4[3]);
		if (classifyScopeTests[_i].to4)
			ip = net_IP_To4(ip);
	}
	got = net_classifyScope(ip);
	if (got != classifyScopeTests[_i].want) {
		s = net_IP_String(ip);
		ck_abort_msg("%d. classifyScope(%s) = %x; want %x", _i, s, got,
		    classifyScopeTests[_i].want);
	}
}
END_TEST

/* An address of NULL is the literal bytes of a4/b4 (4-byte IPs). */
static const struct {
	const char *a, *b;
	uint8_t	    a4[4], b4[4];
	int	    want;
} commonPrefixLenTests[] = {
	{ "fe80::1", "fe80::2", { 0 }, { 0 }, 64 },
	{ "fe81::1", "fe80::2", { 0 }, { 0 }, 15 },
	{ "127.0.0.1", "fe80::1", { 0 }, { 0 }, 0 }, /* different sizes */
	{ "1.2.3.4", NULL, { 0 }, { 1, 2, 3, 4 }, 32 },
	{ NULL, NULL, { 1, 2, 255, 255 }, { 1, 2, 0, 0 }, 16 },
	{ NULL, NULL, { 1, 2, 127, 255 }, { 1, 2, 0, 0 }, 17 },
	{ NULL, NULL, { 1, 2, 63, 255 }, { 1, 2, 0, 0 }, 18 },
	{ NULL, NULL, { 1, 2, 31, 255 }, { 1, 2, 0, 0 }, 19 },
	{ NULL, NULL, { 1, 2, 15, 255 }, { 1, 2, 0, 0 }, 20 },
	{ NULL, NULL, { 1, 2, 7, 255 }, { 1, 2, 0, 0 }, 21 },
	{ NULL, NULL, { 1, 2, 3, 255 }, { 1, 2, 0, 0 }, 22 },
	{ NULL, NULL, { 1, 2, 1, 255 }, { 1, 2, 0, 0 }, 23 },
	{ NULL, NULL, { 1, 2, 0, 255 }, { 1, 2, 0, 0 }, 24 },
};

/* ipOf is ParseIP(s) (IPv4(...) for "1.2.3.4": the same 16 bytes). */
static net_IP
ipOf(const char *s, const uint8_t *b4)
{
	net_IP ip = { 0 };

	if (s != NULL)
		return net_ParseIP(s);
	ip.len = 4;
	memcpy(ip.b, b4, 4);
	return ip;
}

START_TEST(TestRFC6724CommonPrefixLength)
{
	net_IP a, b;
	int    got;

	a = ipOf(commonPrefixLenTests[_i].a, commonPrefixLenTests[_i].a4);
	b = ipOf(commonPrefixLenTests[_i].b, commonPrefixLenTests[_i].b4);
	got = net_commonPrefixLen(a, b);
	if (got != commonPrefixLenTests[_i].want)
		ck_abort_msg("%d. commonPrefixLen(%s, %s) = %d; want %d", _i,
		    net_IP_String(a), net_IP_String(b), got,
		    commonPrefixLenTests[_i].want);
}
END_TEST

/*
 * parseGoCase reads one line of tests/testdata/addrselect_go119.txt
 * ("dst/src ... => sorted ...") in place: the count, or -1.
 */
static int
parseGoCase(char *line, net_IPAddr *in, net_IP *srcs, net_IP *want, int max)
{
	char *tok, *save, *slash;
	int   n, k;
	bool  after;

	n = k = 0;
	after = false;
	for (tok = strtok_r(line, " \n", &save); tok != NULL;
	     tok = strtok_r(NULL, " \n", &save)) {
		if (strcmp(tok, "=>") == 0) {
			after = true;
			continue;
		}
		if (after) {
			if (k >= n)
				return -1;
			want[k++] = net_ParseIP(tok);
			continue;
		}
		slash = strchr(tok, '/');
		if (n >= max || slash == NULL)
			return -1;
		*slash = '\0';
		memset(&in[n], 0, sizeof(in[n]));
		in[n].addr.type = &net_IPAddrType;
		in[n].IP = net_ParseIP(tok);
		srcs[n] = strcmp(slash + 1, "-") == 0 ? (net_IP){ 0 }
						      : net_ParseIP(slash + 1);
		n++;
	}
	return k == n ? n : -1;
}

/*
 * testSortByRFC6724Go sorts Go's 300 seeded random lists (up to 79
 * addresses, so the merge phase of sort.Stable runs too) and expects
 * Go's order: the rules are not a strict weak order, so only the same
 * stable sort gives the same answers.
 */
START_TEST(testSortByRFC6724Go)
{
	net_IPAddr in[100];
	net_IP	   srcs[100], want[100];
	FILE	  *f;
	char	   line[8192];
	int	   n, cases;

	f = fopen("tests/testdata/addrselect_go119.txt", "r");
	ck_assert_ptr_nonnull(f);
	cases = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		n = parseGoCase(line, in, srcs, want, nelem(in));
		ck_assert_int_gt(n, 0);
		sortAndCheck(cases, " from Go", in, srcs, want, n);
		cases++;
	}
	fclose(f);
	ck_assert_int_eq(cases, 300);
}
END_TEST

Suite *
addrselect_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("addrselect");
	tc = newTCase("RFC6724");
	tcase_add_loop_test(
	    tc, TestSortByRFC6724, 0, nelem(sortByRFC6724Tests));
	tcase_add_loop_test(tc, TestRFC6724PolicyTableClassify, 0,
	    nelem(policyTableClassifyTests));
	tcase_add_loop_test(
	    tc, TestRFC6724ClassifyScope, 0, nelem(classifyScopeTests));
	tcase_add_loop_test(
	    tc, TestRFC6724CommonPrefixLength, 0, nelem(commonPrefixLenTests));
	tcase_add_test(tc, testSortByRFC6724Go);
	suite_add_tcase(s, tc);
	return s;
}
