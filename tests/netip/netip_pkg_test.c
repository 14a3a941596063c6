/* C port of go1.19 src/net/netip/netip_pkg_test.go (package netip's own). */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#include "tests/netip/netip_test.h"

/* rawPrefix is Go's Prefix{ip, bits} literal, which skips PrefixFrom. */
static netip_Prefix
rawPrefix(netip_Addr ip, int bits)
{
	netip_Prefix p;

	memset(&p, 0, sizeof(p));
	p.ip = ip;
	p.bits = (int16_t)bits;
	return p;
}

static const struct {
	const char *ip; /* "" is Addr{} */
	int	    bits;
	bool	    want;
} prefixValidTests[] = {
	{ "1.2.3.4", -2, false },
	{ "1.2.3.4", -1, false },
	{ "1.2.3.4", 0, true },
	{ "1.2.3.4", 32, true },
	{ "1.2.3.4", 33, false },

	{ "::1", -2, false },
	{ "::1", -1, false },
	{ "::1", 0, true },
	{ "::1", 32, true },
	{ "::1", 128, true },
	{ "::1", 129, false },

	{ "", -2, false },
	{ "", -1, false },
	{ "", 0, false },
	{ "", 32, false },
	{ "", 128, false },
};

START_TEST(TestPrefixValid)
{
	netip_Prefix p;

	p = rawPrefix(
	    mustIP(prefixValidTests[_i].ip), prefixValidTests[_i].bits);
	ck_assert_msg(netip_Prefix_IsValid(p) == prefixValidTests[_i].want,
	    "(%s).IsValid() = %d want %d", S(netip_Prefix_String(p)),
	    !prefixValidTests[_i].want, prefixValidTests[_i].want);
}
END_TEST

static const struct {
	const char *ip, *next, *prev;
} nextPrevTests[] = {
	{ "10.0.0.1", "10.0.0.2", "10.0.0.0" },
	{ "10.0.0.255", "10.0.1.0", "10.0.0.254" },
	{ "127.0.0.1", "127.0.0.2", "127.0.0.0" },
	{ "254.255.255.255", "255.0.0.0", "254.255.255.254" },
	{ "255.255.255.255", "", "255.255.255.254" },
	{ "0.0.0.0", "0.0.0.1", "" },
	{ "::", "::1", "" },
	{ "::%x", "::1%x", "" },
	{ "::1", "::2", "::" },
	{ "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "",
	    "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe" },
};

static void
doNextPrev(void)
{
	netip_Addr ip, gnext, gprev;
	size_t	   i;

	for (i = 0; i < nelem(nextPrevTests); i++) {
		ip = mustIP(nextPrevTests[i].ip);
		gnext = netip_Addr_Next(ip);
		gprev = netip_Addr_Prev(ip);
		ck_assert_msg(addrEq(gnext, mustIP(nextPrevTests[i].next)),
		    "IP(%s).Next = %s; want %s", nextPrevTests[i].ip,
		    S(netip_Addr_String(gnext)), nextPrevTests[i].next);
		ck_assert_msg(addrEq(gprev, mustIP(nextPrevTests[i].prev)),
		    "IP(%s).Prev = %s; want %s", nextPrevTests[i].ip,
		    S(netip_Addr_String(gprev)), nextPrevTests[i].prev);
		if (!netip_Addr_isZero(gnext))
			ck_assert_msg(addrEq(netip_Addr_Prev(gnext), ip),
			    "IP(%s).Next.Prev", nextPrevTests[i].ip);
		if (!netip_Addr_isZero(gprev))
			ck_assert_msg(addrEq(netip_Addr_Next(gprev), ip),
			    "IP(%s).Prev.Next", nextPrevTests[i].ip);
	}
}

START_TEST(TestIPNextPrev)
{
	static const char *const zeroPrev[] = { "0.0.0.0", "::" };
	uint8_t			 allFF[16];
	size_t			 i;

	doNextPrev();
	for (i = 0; i < nelem(zeroPrev); i++)
		ck_assert_msg(
		    netip_Addr_isZero(netip_Addr_Prev(mustIP(zeroPrev[i]))),
		    "IP(%s).Prev; want zero", zeroPrev[i]);
	memset(allFF, 0xff, sizeof(allFF));
	ck_assert(
	    netip_Addr_isZero(netip_Addr_Next(mustIP("255.255.255.255"))));
	ck_assert(netip_Addr_isZero(netip_Addr_Next(netip_AddrFrom16(allFF))));
}
END_TEST

static const struct {
	const char *ip;
	int	    want;
} ipBitLenTests[] = {
	{ "", 0 },
	{ "0.0.0.0", 32 },
	{ "10.0.0.1", 32 },
	{ "::", 128 },
	{ "fed0::1", 128 },
	{ "::ffff:10.0.0.1", 128 },
};

START_TEST(TestIPBitLen)
{
	int got = netip_Addr_BitLen(mustIP(ipBitLenTests[_i].ip));

	ck_assert_msg(got == ipBitLenTests[_i].want, "BitLen(%s) = %d; want %d",
	    ipBitLenTests[_i].ip, got, ipBitLenTests[_i].want);
}
END_TEST

/*
 * Go's rows; a row with a raw Prefix{ip, bits} literal (no PrefixFrom)
 * names its address in rawIP, zone included.
 */
static const struct {
	const char *prefix, *rawIP;
	int	    rawBits;
	const char *ip;
	bool	    want;
} prefixContainsTests[] = {
	{ "9.8.7.6/0", NULL, 0, "9.8.7.6", true },
	{ "9.8.7.6/16", NULL, 0, "9.8.7.6", true },
	{ "9.8.7.6/16", NULL, 0, "9.8.6.4", true },
	{ "9.8.7.6/16", NULL, 0, "9.9.7.6", false },
	{ "9.8.7.6/32", NULL, 0, "9.8.7.6", true },
	{ "9.8.7.6/32", NULL, 0, "9.8.7.7", false },
	{ "9.8.7.6/32", NULL, 0, "9.8.7.7", false },
	{ "::1/0", NULL, 0, "::1", true },
	{ "::1/0", NULL, 0, "::2", true },
	{ "::1/127", NULL, 0, "::1", true },
	{ "::1/127", NULL, 0, "::2", false },
	{ "::1/128", NULL, 0, "::1", true },
	{ "::1/127", NULL, 0, "::2", false },
	/* Zones ignored: Go issue 51899. */
	{ NULL, "1.2.3.4%a", 32, "1.2.3.4", true },
	{ NULL, "::1%a", 128, "::1", true },
	/* invalid IP */
	{ "::1/0", NULL, 0, "", false },
	{ "1.2.3.4/0", NULL, 0, "", false },
	/* invalid Prefix */
	{ NULL, "::1", 129, "::1", false },
	{ NULL, "1.2.3.4", 33, "1.2.3.4", false },
	{ NULL, "", 0, "1.2.3.4", false },
	{ NULL, "", 32, "1.2.3.4", false },
	{ NULL, "", 128, "::1", false },
	/* wrong IP family */
	{ "::1/0", NULL, 0, "1.2.3.4", false },
	{ "1.2.3.4/0", NULL, 0, "::1", false },
};

/* rawIP parses "addr%zone" as mustIP("addr").WithZone("zone"). */
static netip_Addr
rawIP(const char *s)
{
	const char *pct = strchr(s, '%');
	char	    buf[64];

	if (pct == NULL)
		return mustIP(s);
	snprintf(buf, sizeof(buf), "%.*s", (int)(pct - s), s);
	return netip_Addr_WithZone(mustIP(buf), pct + 1);
}

START_TEST(TestPrefixContains)
{
	netip_Prefix p;
	bool	     got;

	if (prefixContainsTests[_i].prefix != NULL)
		p = mustPrefix(prefixContainsTests[_i].prefix);
	else
		p = rawPrefix(rawIP(prefixContainsTests[_i].rawIP),
		    prefixContainsTests[_i].rawBits);
	got = netip_Prefix_Contains(p, mustIP(prefixContainsTests[_i].ip));
	ck_assert_msg(got == prefixContainsTests[_i].want,
	    "(%s).Contains(%s) = %d want %d", S(netip_Prefix_String(p)),
	    prefixContainsTests[_i].ip, got, prefixContainsTests[_i].want);
}
END_TEST

static const struct {
	const char *ip, *errstr;
} parseIPErrorTests[] = {
	{ "localhost", NULL },
	{ "500.0.0.1", "field has value >255" },
	{ "::gggg%eth0", "must have at least one digit" },
	{ "fe80::1cc0:3e8c:119f:c2e1%", "zone must be a non-empty string" },
	{ "%eth0", "missing IPv6 address" },
};

extern const runtime_errorType netip_parseAddrErrorType;

START_TEST(TestParseIPError)
{
	const char    *errstr = parseIPErrorTests[_i].errstr;
	runtime_error *err;
	netip_Addr     ip;

	err = netip_ParseAddr(parseIPErrorTests[_i].ip, &ip);
	ck_assert_msg(err != NULL, "no error");
	ck_assert_msg(err->type == &netip_parseAddrErrorType,
	    "error type is %s, want parseIPError", err->type->name);
	if (errstr == NULL)
		errstr = "unable to parse IP";
	ck_assert_msg(strstr(runtime_error_Error(err), errstr) != NULL,
	    "error is missing substring \"%s\": %s", errstr,
	    runtime_error_Error(err));
	runtime_error_Free(err);
}
END_TEST

static const struct {
	const char *in, *wantIP;
	uint16_t    wantPort;
	bool	    wantErr;
} parseAddrPortTests[] = {
	{ "1.2.3.4:1234", "1.2.3.4", 1234, false },
	{ "1.1.1.1:123456", NULL, 0, true },
	{ "1.1.1.1:-123", NULL, 0, true },
	{ "[::1]:1234", "::1", 1234, false },
	{ "[1.2.3.4]:1234", NULL, 0, true },
	{ "fe80::1:1234", NULL, 0, true },
	{ ":0", NULL, 0, true },
};

START_TEST(TestParseAddrPort)
{
	runtime_error *err;
	netip_AddrPort got, want;
	char	      *s;

	/* t.Run(test.in) */
	err = netip_ParseAddrPort(parseAddrPortTests[_i].in, &got);
	if (err != NULL) {
		ck_assert_msg(parseAddrPortTests[_i].wantErr, "%s",
		    runtime_error_Error(err));
		runtime_error_Free(err);
	} else {
		ck_assert_msg(!parseAddrPortTests[_i].wantErr, "no error");
		want = netip_AddrPortFrom(mustIP(parseAddrPortTests[_i].wantIP),
		    parseAddrPortTests[_i].wantPort);
		ck_assert_msg(addrPortEq(got, want), "got %s",
		    S(netip_AddrPort_String(got)));
		s = netip_AddrPort_String(got);
		ck_assert_msg(strcmp(s, parseAddrPortTests[_i].in) == 0,
		    "String = \"%s\"; want \"%s\"", s,
		    parseAddrPortTests[_i].in);
		free(s);
		/* t.Run(test.in+"/AppendTo") */
		testAppendToMarshal(AddrPort, got);
	}
	/*
	 * t.Run(test.in+"/Marshal"): JSON is UnmarshalText/MarshalText in
	 * quotes.
	 */
	err = netip_AddrPort_UnmarshalText(&got, parseAddrPortTests[_i].in);
	if (err != NULL) {
		ck_assert(parseAddrPortTests[_i].wantErr);
		runtime_error_Free(err);
		return;
	}
	ck_assert(addrPortEq(got, want));
	ck_assert_ptr_null(netip_AddrPort_MarshalText(got, &s));
	ck_assert_str_eq(s, parseAddrPortTests[_i].in);
	free(s);
}
END_TEST

START_TEST(TestAddrPortMarshalUnmarshal)
{
	netip_AddrPort ipp, zero;
	char	      *back;

	memset(&zero, 0, sizeof(zero));
	ck_assert_ptr_null(netip_AddrPort_UnmarshalText(&ipp, ""));
	ck_assert(addrPortEq(ipp, zero));
	ck_assert_ptr_null(netip_AddrPort_MarshalText(ipp, &back));
	ck_assert_msg(
	    strcmp(back, "") == 0, "Marshal = \"%s\"; want \"\"", back);
	free(back);
	testAppendToMarshal(AddrPort, ipp);
}
END_TEST

START_TEST(TestIPv6Accessor)
{
	uint8_t	   a[16];
	netip_Addr ip;
	int	   i;

	for (i = 0; i < 16; i++)
		a[i] = (uint8_t)(i + 1);
	ip = netip_AddrFrom16(a);
	for (i = 0; i < 16; i++)
		ck_assert_msg(netip_Addr_v6(ip, (uint8_t)i) == i + 1,
		    "v6(%d) = %d; want %d", i, netip_Addr_v6(ip, (uint8_t)i),
		    i + 1);
}
END_TEST

/*
 * testInternConcurrent (gonet's): threads interning the same zones at once
 * must all get the one Value per zone, the property Addr's == rests on.
 */
enum { internThreads = 4, internZones = 64 };

static const intern_Value *internSeen[internThreads][internZones];

static void *
internWorker(void *arg)
{
	int  t = (int)(intptr_t)arg, i;
	char zone[16];

	for (i = 0; i < internZones; i++) {
		snprintf(zone, sizeof(zone), "zc%d", (i * 7 + t) % internZones);
		internSeen[t][(i * 7 + t) % internZones] =
		    intern_GetByString(zone, strlen(zone));
	}
	return NULL;
}

START_TEST(testInternConcurrent)
{
	pthread_t th[internThreads];
	char	  zone[16];
	int	  t, i;

	for (t = 0; t < internThreads; t++)
		ck_assert_int_eq(pthread_create(&th[t], NULL, internWorker,
				     (void *)(intptr_t)t),
		    0);
	for (t = 0; t < internThreads; t++)
		pthread_join(th[t], NULL);
	for (i = 0; i < internZones; i++) {
		snprintf(zone, sizeof(zone), "zc%d", i);
		for (t = 0; t < internThreads; t++)
			ck_assert_msg(internSeen[t][i] ==
				intern_GetByString(zone, strlen(zone)),
			    "thread %d got another Value for %s", t, zone);
		ck_assert_str_eq(internSeen[0][i]->s, zone);
	}
}
END_TEST

Suite *
netip_pkg_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("netip_pkg");
	tc = newTCase("prefix");
	tcase_add_loop_test(tc, TestPrefixValid, 0, nelem(prefixValidTests));
	tcase_add_loop_test(
	    tc, TestPrefixContains, 0, nelem(prefixContainsTests));
	suite_add_tcase(s, tc);

	tc = newTCase("addr");
	tcase_add_test(tc, TestIPNextPrev);
	tcase_add_loop_test(tc, TestIPBitLen, 0, nelem(ipBitLenTests));
	tcase_add_loop_test(tc, TestParseIPError, 0, nelem(parseIPErrorTests));
	tcase_add_test(tc, TestIPv6Accessor);
	tcase_add_test(tc, testInternConcurrent);
	suite_add_tcase(s, tc);

	tc = newTCase("addrport");
	tcase_add_loop_test(
	    tc, TestParseAddrPort, 0, nelem(parseAddrPortTests));
	tcase_add_test(tc, TestAddrPortMarshalUnmarshal);
	suite_add_tcase(s, tc);
	return s;
}
