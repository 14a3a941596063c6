/*
 * C port of go1.19 src/net/netip/netip_test.go (package netip_test).
 * Go's json.Marshal/Unmarshal of an Addr, AddrPort or Prefix is its
 * MarshalText/UnmarshalText inside quotes, so those are what run here.
 * Go's panics are runtime_throw, so TestAs4 checks them in a child.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "net/net.h"
#include "tests/allocs_hook.h"
#include "tests/netip/netip_test.h"

/* A Prefix-valued table cell: Go's MustParsePrefix, PrefixFrom and friends. */
typedef struct pfxExpr {
	enum { pZero, pParse, pFrom, pFrom16 } kind;
	const char *s, *zone;
	int	    bits;
} pfxExpr;

#define PFX(s)                                                                 \
	{                                                                      \
		pParse, (s), NULL, 0                                           \
	}
#define PrefixFrom(ip, b)                                                      \
	{                                                                      \
		pFrom, (ip), NULL, (b)                                         \
	}
#define PrefixFromZ(ip, z, b)                                                  \
	{                                                                      \
		pFrom, (ip), (z), (b)                                          \
	}
#define PrefixFrom16(ip, b)                                                    \
	{                                                                      \
		pFrom16, (ip), NULL, (b)                                       \
	}
#define PZERO                                                                  \
	{                                                                      \
		pZero, NULL, NULL, 0                                           \
	}

static netip_Prefix
pfxOf(const pfxExpr *e)
{
	netip_Addr ip;
	uint8_t	   a16[16];

	switch (e->kind) {
	case pParse:
		return mustPrefix(e->s);
	case pFrom:
		ip = mustIP(e->s);
		if (e->zone != NULL)
			ip = netip_Addr_WithZone(ip, e->zone);
		return netip_PrefixFrom(ip, e->bits);
	case pFrom16:
		netip_Addr_As16(mustIP(e->s), a16);
		return netip_PrefixFrom(netip_AddrFrom16(a16), e->bits);
	default:
		return mustPrefix("");
	}
}

/* MkAddr's z: 4 is Z4, 6 is Z6noz, otherwise the interned zone. */
static const struct {
	const char *in;
	uint64_t    hi, lo;
	int	    z;
	const char *zone, *str, *wantErr;
} validIPs[] = {
	{ "0.0.0.0", 0, 0xffff00000000, 4, NULL, NULL, NULL },
	{ "192.168.140.255", 0, 0xffffc0a88cff, 4, NULL, NULL, NULL },
	{ "010.000.015.001", 0, 0, 0, NULL, NULL,
	    "ParseAddr(\"010.000.015.001\"): IPv4 field has octet with leading "
	    "zero" },
	{ "000001.00000002.00000003.000000004", 0, 0, 0, NULL, NULL,
	    "ParseAddr(\"000001.00000002.00000003.000000004\"): IPv4 field has "
	    "octet with leading zero" },
	{ "::ffff:1.2.03.4", 0, 0, 0, NULL, NULL,
	    "ParseAddr(\"::ffff:1.2.03.4\"): ParseAddr(\"1.2.03.4\"): IPv4 "
	    "field has octet with leading zero (at \"1.2.03.4\")" },
	{ "::", 0, 0, 6, NULL, NULL, NULL },
	{ "::1", 0, 1, 6, NULL, NULL, NULL },
	{ "fd7a:115c:a1e0:ab12:4843:cd96:626b:430b", 0xfd7a115ca1e0ab12,
	    0x4843cd96626b430b, 6, NULL, NULL, NULL },
	{ "fd7a:115c::626b:430b", 0xfd7a115c00000000, 0x00000000626b430b, 6,
	    NULL, NULL, NULL },
	{ "fd7a:115c:a1e0:ab12:4843:cd96::", 0xfd7a115ca1e0ab12,
	    0x4843cd9600000000, 6, NULL, NULL, NULL },
	{ "fd7a:115c:a1e0:ab12:4843:cd96:626b::", 0xfd7a115ca1e0ab12,
	    0x4843cd96626b0000, 6, NULL, "fd7a:115c:a1e0:ab12:4843:cd96:626b:0",
	    NULL },
	{ "fd7a:115c:a1e0::4843:cd96:626b:430b", 0xfd7a115ca1e00000,
	    0x4843cd96626b430b, 6, NULL, "fd7a:115c:a1e0:0:4843:cd96:626b:430b",
	    NULL },
	{ "::ffff:192.168.140.255", 0, 0x0000ffffc0a88cff, 6, NULL,
	    "::ffff:192.168.140.255", NULL },
	{ "fd7a:115c:a1e0:ab12:4843:cd96:626b:430b%eth0", 0xfd7a115ca1e0ab12,
	    0x4843cd96626b430b, 0, "eth0", NULL, NULL },
	{ "1:2::ffff:192.168.140.255%eth1", 0x0001000200000000,
	    0x0000ffffc0a88cff, 0, "eth1", "1:2::ffff:c0a8:8cff%eth1", NULL },
	{ "::ffff:192.168.140.255%eth1", 0, 0x0000ffffc0a88cff, 0, "eth1",
	    "::ffff:192.168.140.255%eth1", NULL },
	{ "FD9E:1A04:F01D::1", 0xfd9e1a04f01d0000, 0x1, 6, NULL,
	    "fd9e:1a04:f01d::1", NULL },
};

static const char *const invalidIPs[] = {
	"",
	"bad",
	"1234",
	"1.2.3.4%eth0",
	".1.2.3",
	"1.2.3.",
	"1..2.3",
	"1.2.3.4.5",
	"0300.0250.0214.0377",
	"0xc0.0xa8.0x8c.0xff",
	"192.168.12345",
	"127.0.1",
	"192.1234567",
	"127.1",
	"192.168.300.1",
	"192.168.0.1.5.6",
	"1:2:3:4:5:6:7",
	"1:2:3:4:5:6:7:8:9",
	"1:2:3:4::5:6:7:8",
	"fe801::1",
	"fe80:tail:scal:e::",
	"fe80::1%",
	"ffff:ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255",
	"ffff::ffff:ffff:ffff:ffff:ffff:ffff:192.168.140.255",
	"::ffff:192.168.140.bad",
	"fe80::1::1",
	"fe80:1?:1",
	"fe80:",
};

static void
testValidIP(size_t i)
{
	runtime_error *err;
	netip_Addr     got, got2, got3, slow, want, jsgot;
	const char    *wants;
	char	      *s;

	if ((err = netip_ParseAddr(validIPs[i].in, &got)) != NULL) {
		if (validIPs[i].wantErr != NULL &&
		    strcmp(runtime_error_Error(err), validIPs[i].wantErr) ==
			0) {
			runtime_error_Free(err);
			return;
		}
		ck_abort_msg("%s", runtime_error_Error(err));
	}
	ck_assert_msg(validIPs[i].wantErr == NULL, "wanted error %s; got none",
	    validIPs[i].wantErr);
	want = MkAddr(Mk128(validIPs[i].hi, validIPs[i].lo),
	    validIPs[i].z == 4	     ? Z4
		: validIPs[i].z == 6 ? Z6noz
				     : internGet(validIPs[i].zone));
	ck_assert_msg(addrEq(got, want), "got %s", S(netip_Addr_String(got)));
	ck_assert_ptr_null(netip_ParseAddr(validIPs[i].in, &got2));
	ck_assert_msg(addrEq(got, got2),
	    "ParseAddr(%s) got 2 different results", validIPs[i].in);
	s = netip_Addr_String(got);
	ck_assert_ptr_null(netip_ParseAddr(s, &got3));
	free(s);
	ck_assert_msg(addrEq(got, got3),
	    "ParseAddr(%s) != ParseAddr(ParseIP(%s).String())", validIPs[i].in,
	    validIPs[i].in);
	ck_assert_ptr_null(parseIPSlow(validIPs[i].in, &slow));
	ck_assert_msg(
	    addrEq(got, slow), "ParseAddr(%s) != parseIPSlow", validIPs[i].in);
	wants = validIPs[i].str != NULL ? validIPs[i].str : validIPs[i].in;
	s = netip_Addr_String(got);
	ck_assert_msg(strcmp(s, wants) == 0,
	    "ParseAddr(\"%s\").String() got \"%s\", want \"%s\"",
	    validIPs[i].in, s, wants);
	free(s);
	testAppendToMarshal(Addr, got);
	ck_assert_ptr_null(netip_Addr_UnmarshalText(&jsgot, validIPs[i].in));
	ck_assert_msg(addrEq(jsgot, got), "json.Unmarshal(%s)", validIPs[i].in);
	ck_assert_ptr_null(netip_Addr_MarshalText(jsgot, &s));
	ck_assert_msg(strcmp(s, wants) == 0, "Marshal(Unmarshal(%s)) = %s",
	    validIPs[i].in, s);
	free(s);
}

static void
testInvalidIP(const char *s)
{
	runtime_error *err;
	netip_Addr     got, jsgot;

	err = netip_ParseAddr(s, &got);
	ck_assert_msg(err != NULL, "ParseAddr(\"%s\") = %s, want error", s,
	    S(netip_Addr_String(got)));
	runtime_error_Free(err);
	ck_assert_msg(
	    parseIPSlow(s, &got) != NULL, "parseIPSlow(\"%s\"), want error", s);
	ck_assert_msg(
	    net_ParseIP(s).len == 0, "net.ParseIP(\"%s\"), want error", s);
	if (s[0] == '\0')
		return;
	err = netip_Addr_UnmarshalText(&jsgot, s);
	ck_assert_msg(err != NULL, "json.Unmarshal(\"%s\"), want error", s);
	runtime_error_Free(err);
}

START_TEST(TestParseAddr)
{
	if ((size_t)_i < nelem(validIPs))
		testValidIP((size_t)_i);
	else
		testInvalidIP(invalidIPs[(size_t)_i - nelem(validIPs)]);
}
END_TEST

START_TEST(TestIPv4Constructors)
{
	static const uint8_t a[4] = { 1, 2, 3, 4 };

	ck_assert_msg(
	    addrEq(netip_AddrFrom4(a), netip_MustParseAddr("1.2.3.4")),
	    "don't match");
}
END_TEST

static const struct {
	const char *ip;
	size_t	    wantSize;
} addrMarshalUnmarshalBinaryTests[] = {
	{ "", 0 },
	{ "1.2.3.4", 4 },
	{ "fd7a:115c:a1e0:ab12:4843:cd96:626b:430b", 16 },
	{ "::ffff:c000:0280", 16 },
	{ "::ffff:c000:0280%eth0", 20 },
};

START_TEST(TestAddrMarshalUnmarshalBinary)
{
	static const uint8_t ones[5] = { 1, 1, 1, 1, 1 };
	netip_Addr	     ip, ip2;
	runtime_error	    *err;
	uint8_t		    *b;
	size_t		     n, i;

	for (i = 0; i < nelem(addrMarshalUnmarshalBinaryTests); i++) {
		ip = mustIP(addrMarshalUnmarshalBinaryTests[i].ip);
		ck_assert_ptr_null(netip_Addr_MarshalBinary(ip, &b, &n));
		ck_assert_msg(n == addrMarshalUnmarshalBinaryTests[i].wantSize,
		    "\"%s\" encoded to size %zu",
		    addrMarshalUnmarshalBinaryTests[i].ip, n);
		ck_assert_ptr_null(netip_Addr_UnmarshalBinary(&ip2, b, n));
		free(b);
		ck_assert_msg(addrEq(ip, ip2), "got %s; want %s",
		    S(netip_Addr_String(ip2)), S(netip_Addr_String(ip)));
	}
	for (n = 3; n <= 5; n += 2) {
		err = netip_Addr_UnmarshalBinary(&ip2, ones, n);
		ck_assert_msg(err != NULL,
		    "unmarshaled from unexpected IP length %zu", n);
		runtime_error_Free(err);
	}
}
END_TEST

/* checkTextString checks String and MarshalText against want; frees both. */
static void
checkTextString(int i, char *got, char *mt, const char *want)
{
	ck_assert_msg(strcmp(got, want) == 0,
	    "%d. String = \"%s\"; want \"%s\"", i, got, want);
	ck_assert_msg(strcmp(mt, want) == 0,
	    "%d. MarshalText = \"%s\"; want \"%s\"", i, mt, want);
	free(mt);
	free(got);
}

static const struct {
	const char *in, *want;
} addrPortMarshalTextStringTests[] = {
	{ "1.2.3.4:80", "1.2.3.4:80" },
	{ "[1::CAFE]:80", "[1::cafe]:80" },
	{ "[1::CAFE%en0]:80", "[1::cafe%en0]:80" },
	{ "[::FFFF:192.168.140.255]:80", "[::ffff:192.168.140.255]:80" },
	{ "[::FFFF:192.168.140.255%en0]:80",
	    "[::ffff:192.168.140.255%en0]:80" },
};

START_TEST(TestAddrPortMarshalTextString)
{
	netip_AddrPort in = mustIPPort(addrPortMarshalTextStringTests[_i].in);
	char	      *mt;

	ck_assert_ptr_null(netip_AddrPort_MarshalText(in, &mt));
	checkTextString(_i, netip_AddrPort_String(in), mt,
	    addrPortMarshalTextStringTests[_i].want);
}
END_TEST

static const struct {
	const char *ipport;
	size_t	    wantSize;
} addrPortMarshalUnmarshalBinaryTests[] = {
	{ "1.2.3.4:51820", 4 + 2 },
	{ "[fd7a:115c:a1e0:ab12:4843:cd96:626b:430b]:80", 16 + 2 },
	{ "[::ffff:c000:0280]:65535", 16 + 2 },
	{ "[::ffff:c000:0280%eth0]:1", 20 + 2 },
};

START_TEST(TestAddrPortMarshalUnmarshalBinary)
{
	static const uint8_t ones[7] = { 1, 1, 1, 1, 1, 1, 1 };
	netip_AddrPort	     ipport, ipport2;
	runtime_error	    *err;
	uint8_t		    *b;
	size_t		     n, i;

	for (i = 0; i < nelem(addrPortMarshalUnmarshalBinaryTests); i++) {
		ipport =
		    mustIPPort(addrPortMarshalUnmarshalBinaryTests[i].ipport);
		ck_assert_ptr_null(
		    netip_AddrPort_MarshalBinary(ipport, &b, &n));
		ck_assert_msg(
		    n == addrPortMarshalUnmarshalBinaryTests[i].wantSize,
		    "\"%s\" encoded to size %zu",
		    addrPortMarshalUnmarshalBinaryTests[i].ipport, n);
		ck_assert_ptr_null(
		    netip_AddrPort_UnmarshalBinary(&ipport2, b, n));
		free(b);
		ck_assert_msg(addrPortEq(ipport, ipport2), "got %s",
		    S(netip_AddrPort_String(ipport2)));
	}
	for (n = 3; n <= 7; n += 4) {
		err = netip_AddrPort_UnmarshalBinary(&ipport2, ones, n);
		ck_assert_msg(
		    err != NULL, "unmarshaled from unexpected length %zu", n);
		runtime_error_Free(err);
	}
}
END_TEST

static const struct {
	pfxExpr	    in;
	const char *want;
} prefixMarshalTextStringTests[] = {
	{ PFX("1.2.3.4/24"), "1.2.3.4/24" },
	{ PFX("fd7a:115c:a1e0:ab12:4843:cd96:626b:430b/118"),
	    "fd7a:115c:a1e0:ab12:4843:cd96:626b:430b/118" },
	{ PFX("::ffff:c000:0280/96"), "::ffff:192.0.2.128/96" },
	{ PFX("::ffff:192.168.140.255/8"), "::ffff:192.168.140.255/8" },
	/* The zone is stripped. */
	{ PrefixFromZ("::ffff:c000:0280", "eth0", 37),
	    "::ffff:192.0.2.128/37" },
};

START_TEST(TestPrefixMarshalTextString)
{
	netip_Prefix in = pfxOf(&prefixMarshalTextStringTests[_i].in);
	char	    *mt;

	ck_assert_ptr_null(netip_Prefix_MarshalText(in, &mt));
	checkTextString(_i, netip_Prefix_String(in), mt,
	    prefixMarshalTextStringTests[_i].want);
}
END_TEST

static const struct {
	pfxExpr prefix;
	size_t	wantSize;
} prefixMarshalUnmarshalBinaryTests[] = {
	{ PFX("1.2.3.4/24"), 4 + 1 },
	{ PFX("fd7a:115c:a1e0:ab12:4843:cd96:626b:430b/118"), 16 + 1 },
	{ PFX("::ffff:c000:0280/96"), 16 + 1 },
	/* The zone is stripped. */
	{ PrefixFromZ("::ffff:c000:0280", "eth0", 37), 16 + 1 },
};

static void
checkPrefixBinary(netip_Prefix prefix, size_t wantSize)
{
	netip_Prefix prefix2;
	uint8_t	    *b;
	size_t	     n;

	ck_assert_ptr_null(netip_Prefix_MarshalBinary(prefix, &b, &n));
	ck_assert_msg(n == wantSize, "\"%s\" encoded to size %zu; want %zu",
	    S(netip_Prefix_String(prefix)), n, wantSize);
	ck_assert_ptr_null(netip_Prefix_UnmarshalBinary(&prefix2, b, n));
	free(b);
	ck_assert_msg(prefixEq(prefix, prefix2), "got %s; want %s",
	    S(netip_Prefix_String(prefix2)), S(netip_Prefix_String(prefix)));
}

START_TEST(TestPrefixMarshalUnmarshalBinary)
{
	static const uint8_t ones[6] = { 1, 1, 1, 1, 1, 1 };
	netip_Prefix	     prefix2, p0, p1;
	runtime_error	    *err;
	size_t		     i, n;

	for (i = 0; i < nelem(prefixMarshalUnmarshalBinaryTests); i++)
		checkPrefixBinary(
		    pfxOf(&prefixMarshalUnmarshalBinaryTests[i].prefix),
		    prefixMarshalUnmarshalBinaryTests[i].wantSize);
	/* Go appends two rows: tests[0] and tests[1] with invalid bits. */
	p0 = pfxOf(&prefixMarshalUnmarshalBinaryTests[0].prefix);
	p1 = pfxOf(&prefixMarshalUnmarshalBinaryTests[1].prefix);
	checkPrefixBinary(netip_PrefixFrom(netip_Prefix_Addr(p0), 33),
	    prefixMarshalUnmarshalBinaryTests[0].wantSize);
	checkPrefixBinary(netip_PrefixFrom(netip_Prefix_Addr(p1), 129),
	    prefixMarshalUnmarshalBinaryTests[1].wantSize);
	for (n = 3; n <= 6; n += 3) {
		err = netip_Prefix_UnmarshalBinary(&prefix2, ones, n);
		ck_assert_msg(
		    err != NULL, "unmarshaled from unexpected length %zu", n);
		runtime_error_Free(err);
	}
}
END_TEST

START_TEST(TestAddrMarshalUnmarshal)
{
	netip_Addr ip;
	char	  *back;

	ck_assert_ptr_null(netip_Addr_UnmarshalText(&ip, ""));
	ck_assert_msg(
	    addrEq(ip, mustIP("")), "Unmarshal(\"\") is not the zero Addr");
	ck_assert_ptr_null(netip_Addr_MarshalText(ip, &back));
	ck_assert_msg(
	    strcmp(back, "") == 0, "Marshal(Unmarshal(\"\")) got \"%s\"", back);
	free(back);
}
END_TEST

START_TEST(TestAddrFrom16)
{
	static const uint8_t v6raw[16] = { [15] = 1 };
	static const uint8_t v4raw[16] = {
		[10] = 0xff, [11] = 0xff, [12] = 1, [13] = 2, [14] = 3, [15] = 4
	};

	/* t.Run("v6-raw") and t.Run("v4-raw") */
	ck_assert(addrEq(netip_AddrFrom16(v6raw), MkAddr(Mk128(0, 1), Z6noz)));
	ck_assert(addrEq(
	    netip_AddrFrom16(v4raw), MkAddr(Mk128(0, 0xffff01020304), Z6noz)));
}
END_TEST

/* Go's named variables; "4unspec" and "6unspec" are its two constructors. */
static const struct {
	const char *name, *ip;
	bool	    globalUnicast, interfaceLocalMulticast, linkLocalMulticast,
	    linkLocalUnicast, loopback, multicast, private, unspecified;
} ipPropertiesTests[] = {
	{ "nil", "", 0, 0, 0, 0, 0, 0, 0, 0 },
	{ "unicast v4Addr", "192.0.2.1", 1, 0, 0, 0, 0, 0, 0, 0 },
	{ "unicast v6Addr", "2001:db8::1", 1, 0, 0, 0, 0, 0, 0, 0 },
	{ "unicast v6AddrZone", "2001:db8::1%eth0", 1, 0, 0, 0, 0, 0, 0, 0 },
	{ "unicast v6Addr unassigned", "4000::1", 1, 0, 0, 0, 0, 0, 0, 0 },
	{ "multicast v4Addr", "224.0.0.1", 0, 0, 1, 0, 0, 1, 0, 0 },
	{ "multicast v6Addr", "ff02::1", 0, 0, 1, 0, 0, 1, 0, 0 },
	{ "multicast v6AddrZone", "ff02::1%eth0", 0, 0, 1, 0, 0, 1, 0, 0 },
	{ "link-local unicast v4Addr", "169.254.0.1", 0, 0, 0, 1, 0, 0, 0, 0 },
	{ "link-local unicast v6Addr", "fe80::1", 0, 0, 0, 1, 0, 0, 0, 0 },
	{ "link-local unicast v6Addr upper bound",
	    "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff", 0, 0, 0, 1, 0, 0, 0, 0 },
	{ "link-local unicast v6AddrZone", "fe80::1%eth0", 0, 0, 0, 1, 0, 0, 0,
	    0 },
	{ "loopback v4Addr", "127.0.0.1", 0, 0, 0, 0, 1, 0, 0, 0 },
	{ "loopback v6Addr", "::1", 0, 0, 0, 0, 1, 0, 0, 0 },
	{ "interface-local multicast v6Addr", "ff01::1", 0, 1, 0, 0, 0, 1, 0,
	    0 },
	{ "interface-local multicast v6AddrZone", "ff01::1%eth0", 0, 1, 0, 0, 0,
	    1, 0, 0 },
	{ "private v4Addr 10/8", "10.0.0.1", 1, 0, 0, 0, 0, 0, 1, 0 },
	{ "private v4Addr 172.16/12", "172.16.0.1", 1, 0, 0, 0, 0, 0, 1, 0 },
	{ "private v4Addr 192.168/16", "192.168.1.1", 1, 0, 0, 0, 0, 0, 1, 0 },
	{ "private v6Addr", "fd00::1", 1, 0, 0, 0, 0, 0, 1, 0 },
	{ "unspecified v4Addr", "4unspec", 0, 0, 0, 0, 0, 0, 0, 1 },
	{ "unspecified v6Addr", "6unspec", 0, 0, 0, 0, 0, 0, 0, 1 },
};

#define checkProp(method, field)                                               \
	ck_assert_msg(netip_Addr_##method(ip) == tt->field,                    \
	    "%s: " #method "(%s) = %d; want %d", tt->name,                     \
	    S(netip_Addr_String(ip)), !tt->field, tt->field)

START_TEST(TestIPProperties)
{
	static const uint8_t			zero4[4] = { 0 };
	const __typeof__(ipPropertiesTests[0]) *tt = &ipPropertiesTests[_i];
	netip_Addr				ip;

	if (strcmp(tt->ip, "4unspec") == 0)
		ip = netip_AddrFrom4(zero4);
	else if (strcmp(tt->ip, "6unspec") == 0)
		ip = netip_IPv6Unspecified();
	else
		ip = mustIP(tt->ip);
	checkProp(IsGlobalUnicast, globalUnicast);
	checkProp(IsInterfaceLocalMulticast, interfaceLocalMulticast);
	checkProp(IsLinkLocalUnicast, linkLocalUnicast);
	checkProp(IsLinkLocalMulticast, linkLocalMulticast);
	checkProp(IsLoopback, loopback);
	checkProp(IsMulticast, multicast);
	checkProp(IsPrivate, private);
	checkProp(IsUnspecified, unspecified);
}
END_TEST

START_TEST(TestAddrWellKnown)
{
	char *want, *got;

	/* t.Run("IPv6 link-local all nodes") */
	want = net_IP_String(net_IPv6linklocalallnodes);
	got = netip_Addr_String(netip_IPv6LinkLocalAllNodes());
	ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
	free(want);
	free(got);
	/* t.Run("IPv6 unspecified") */
	want = net_IP_String(net_IPv6unspecified);
	got = netip_Addr_String(netip_IPv6Unspecified());
	ck_assert_msg(strcmp(got, want) == 0, "got %s, want %s", got, want);
	free(want);
	free(got);
}
END_TEST

static const struct {
	const char *a, *b;
	bool	    want;
} lessCompareTests[] = {
	{ "", "", false },
	{ "", "1.2.3.4", true },
	{ "1.2.3.4", "", false },

	{ "1.2.3.4", "0102:0304::0", true },
	{ "0102:0304::0", "1.2.3.4", false },
	{ "1.2.3.4", "1.2.3.4", false },

	{ "::1", "::2", true },
	{ "::1", "::1%foo", true },
	{ "::1%foo", "::2", true },
	{ "::2", "::3", true },

	{ "::", "0.0.0.0", false },
	{ "0.0.0.0", "::", true },

	{ "::1%a", "::1%b", true },
	{ "::1%a", "::1%a", false },
	{ "::1%b", "::1%a", false },
};

static int
lessCmp(const void *x, const void *y)
{
	return netip_Addr_Compare(
	    *(const netip_Addr *)x, *(const netip_Addr *)y);
}

START_TEST(TestLessCompare)
{
	static const char *const values[] = { "::1", "::2", "", "1.2.3.4",
		"8.8.8.8", "::1%foo" };
	netip_Addr		 a, b, sorted[nelem(values)];
	bool			 got;
	char			 buf[256];
	size_t			 i;
	int			 cmp;

	for (i = 0; i < nelem(lessCompareTests); i++) {
		a = mustIP(lessCompareTests[i].a);
		b = mustIP(lessCompareTests[i].b);
		got = netip_Addr_Less(a, b);
		ck_assert_msg(got == lessCompareTests[i].want,
		    "Less(\"%s\", \"%s\") = %d", lessCompareTests[i].a,
		    lessCompareTests[i].b, got);
		cmp = netip_Addr_Compare(a, b);
		ck_assert_msg(
		    !got || cmp == -1, "Less true, but Compare = %d", cmp);
		ck_assert_msg(cmp >= -1 && cmp <= 1,
		    "bogus Compare return value %d", cmp);
		ck_assert_msg(
		    cmp != 0 || addrEq(a, b), "Compare = 0; but not equal");
		ck_assert_msg(cmp != 1 || netip_Addr_Less(b, a),
		    "Compare = 1; but b.Less(a) isn't true");
		if (got == lessCompareTests[i].want && got)
			ck_assert_msg(!netip_Addr_Less(b, a),
			    "Less was correctly true, but so was the inverse");
	}
	/* And just sort. */
	for (i = 0; i < nelem(values); i++)
		sorted[i] = mustIP(values[i]);
	qsort(sorted, nelem(values), sizeof(sorted[0]), lessCmp);
	snprintf(buf, sizeof(buf), "[");
	for (i = 0; i < nelem(values); i++)
		snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "%s%s",
		    i > 0 ? " " : "", S(netip_Addr_String(sorted[i])));
	snprintf(buf + strlen(buf), sizeof(buf) - strlen(buf), "]");
	ck_assert_str_eq(buf, "[invalid IP 1.2.3.4 8.8.8.8 ::1 ::1%foo ::2]");
}
END_TEST

static const struct {
	const char *ip, *s;
} ipStringExpandedTests[] = {
	{ "", "invalid IP" },
	{ "192.0.2.1", "192.0.2.1" },
	{ "::ffff:192.0.2.1", "0000:0000:0000:0000:0000:ffff:c000:0201" },
	{ "2001:db8::1", "2001:0db8:0000:0000:0000:0000:0000:0001" },
	{ "2001:db8::1%eth0", "2001:0db8:0000:0000:0000:0000:0000:0001%eth0" },
};

START_TEST(TestIPStringExpanded)
{
	char *got;

	got = netip_Addr_StringExpanded(mustIP(ipStringExpandedTests[_i].ip));
	ck_assert_msg(strcmp(got, ipStringExpandedTests[_i].s) == 0,
	    "got %s, want %s", got, ipStringExpandedTests[_i].s);
	free(got);
}
END_TEST

/*
 * Go's families flattened: "nil", "IPv4", then makeIPv6("") and
 * makeIPv6("eth0"), whose Sprintf gives the zoned spellings below.
 */
static const struct {
	const char *family, *ip;
	int	    bits;
	const char *p; /* "" is Prefix{} */
	bool	    ok;
} prefixMaskingTests[] = {
	{ "nil", "", 255, "", true },
	{ "nil", "", 16, "", true },
	{ "IPv4", "192.0.2.0", 255, "", false },
	{ "IPv4", "192.0.2.0", 16, "192.0.0.0/16", true },
	{ "IPv4", "255.255.255.255", 20, "255.255.240.0/20", true },
	{ "IPv4", "100.98.156.66", 10, "100.64.0.0/10", true },
#define makeIPv6(fam, z)                                                       \
	{ fam, "2001:db8::1" z, 255, "", false },                              \
	    { fam, "2001:db8::1" z, 32, "2001:db8::/32", true },               \
	    { fam, "fe80::dead:beef:dead:beef" z, 96,                          \
		    "fe80::dead:beef:0:0/96", true },                          \
	    { fam, "aaaa::" z, 4, "a000::/4", true },                          \
	{                                                                      \
		fam, "::" z, 63, "::/63", true                                 \
	}
	makeIPv6("IPv6", ""),
	makeIPv6("IPv6 zone", "%eth0"),
#undef makeIPv6
};

START_TEST(TestPrefixMasking)
{
	const __typeof__(prefixMaskingTests[0]) *st = &prefixMaskingTests[_i];
	runtime_error				*err;
	netip_Addr				 ip = mustIP(st->ip);
	netip_Prefix				 p;
	char					*orig, *after;

	orig = netip_Addr_String(ip);
	err = netip_Addr_Prefix(ip, st->bits, &p);
	if (st->ok && err != NULL)
		ck_abort_msg("%s: failed to produce prefix: %s", st->family,
		    runtime_error_Error(err));
	if (!st->ok && err == NULL)
		ck_abort_msg(
		    "%s: expected an error, but none occurred", st->family);
	if (err != NULL) {
		runtime_error_Free(err);
		free(orig);
		return;
	}
	ck_assert_msg(prefixEq(p, mustPrefix(st->p)), "prefix = %s, want %s",
	    S(netip_Prefix_String(p)), st->p);
	after = netip_Addr_String(ip);
	ck_assert_msg(strcmp(after, orig) == 0, "IP was mutated");
	free(after);
	free(orig);
}
END_TEST

static const char *const prefixMarshalUnmarshalTests[] = {
	"",
	"1.2.3.4/32",
	"0.0.0.0/0",
	"::/0",
	"::1/128",
	"2001:db8::/32",
};

START_TEST(TestPrefixMarshalUnmarshal)
{
	const char  *s = prefixMarshalUnmarshalTests[_i];
	netip_Prefix p;
	char	    *back;

	ck_assert_ptr_null(netip_Prefix_UnmarshalText(&p, s));
	ck_assert_ptr_null(netip_Prefix_MarshalText(p, &back));
	ck_assert_msg(
	    strcmp(back, s) == 0, "Marshal = \"%s\"; want \"%s\"", back, s);
	free(back);
}
END_TEST

START_TEST(TestPrefixUnmarshalTextNonZero)
{
	netip_Prefix   ip = mustPrefix("fe80::/64");
	runtime_error *err;

	err = netip_Prefix_UnmarshalText(&ip, "xxx");
	ck_assert_msg(err != NULL, "unmarshaled into non-empty Prefix");
	runtime_error_Free(err);
}
END_TEST

static const struct {
	const char *ip;
	bool	    is4, is6;
} is4AndIs6Tests[] = {
	{ "", false, false },
	{ "1.2.3.4", true, false },
	{ "127.0.0.2", true, false },
	{ "::1", false, true },
	{ "::ffff:192.0.2.128", false, true },
	{ "::fffe:c000:0280", false, true },
	{ "::1%eth0", false, true },
};

START_TEST(TestIs4AndIs6)
{
	netip_Addr ip = mustIP(is4AndIs6Tests[_i].ip);

	ck_assert_msg(netip_Addr_Is4(ip) == is4AndIs6Tests[_i].is4, "Is4(%s)",
	    is4AndIs6Tests[_i].ip);
	ck_assert_msg(netip_Addr_Is6(ip) == is4AndIs6Tests[_i].is6, "Is6(%s)",
	    is4AndIs6Tests[_i].ip);
}
END_TEST

static const struct {
	const char *ip;
	bool	    want;
	const char *wantUnmap;
} is4In6Tests[] = {
	{ "", false, "" },
	{ "::ffff:c000:0280", true, "192.0.2.128" },
	{ "::ffff:192.0.2.128", true, "192.0.2.128" },
	{ "::ffff:192.0.2.128%eth0", true, "192.0.2.128" },
	{ "::fffe:c000:0280", false, "::fffe:c000:0280" },
	{ "::ffff:127.1.2.3", true, "127.1.2.3" },
	{ "::ffff:7f01:0203", true, "127.1.2.3" },
	{ "0:0:0:0:0000:ffff:127.1.2.3", true, "127.1.2.3" },
	{ "0:0:0:0:000000:ffff:127.1.2.3", true, "127.1.2.3" },
	{ "0:0:0:0::ffff:127.1.2.3", true, "127.1.2.3" },
	{ "::1", false, "::1" },
	{ "1.2.3.4", false, "1.2.3.4" },
};

START_TEST(TestIs4In6)
{
	netip_Addr ip = mustIP(is4In6Tests[_i].ip), u;

	ck_assert_msg(netip_Addr_Is4In6(ip) == is4In6Tests[_i].want,
	    "Is4In6(%s)", is4In6Tests[_i].ip);
	u = netip_Addr_Unmap(ip);
	ck_assert_msg(addrEq(u, mustIP(is4In6Tests[_i].wantUnmap)),
	    "Unmap(%s) = %s; want %s", is4In6Tests[_i].ip,
	    S(netip_Addr_String(u)), is4In6Tests[_i].wantUnmap);
}
END_TEST

static const struct {
	pfxExpr prefix, masked;
} prefixMaskedTests[] = {
	{ PFX("192.168.0.255/24"), PFX("192.168.0.0/24") },
	{ PFX("2100::/3"), PFX("2000::/3") },
	{ PrefixFrom("2000::", 129), PZERO },
	{ PrefixFrom("1.2.3.4", 33), PZERO },
};

START_TEST(TestPrefixMasked)
{
	netip_Prefix got;

	got = netip_Prefix_Masked(pfxOf(&prefixMaskedTests[_i].prefix));
	ck_assert_msg(prefixEq(got, pfxOf(&prefixMaskedTests[_i].masked)),
	    "Masked=%s", S(netip_Prefix_String(got)));
}
END_TEST

/* Lists end at NULL; "" is Addr{}. */
static const struct {
	const char *prefix, *ip;
	int	    bits;
	const char *str;
	const char *contains[7], *notContains[4];
} prefixTests[] = {
	{ "192.168.0.0/24", "192.168.0.0", 24, NULL,
	    { "192.168.0.1", "192.168.0.55" }, { "192.168.1.1", "1.1.1.1" } },
	{ "192.168.1.1/32", "192.168.1.1", 32, NULL, { "192.168.1.1" },
	    { "192.168.1.2" } },
	{ "100.64.0.0/10", "100.64.0.0", 10, NULL,
	    { "100.64.0.0", "100.64.0.1", "100.81.251.94", "100.100.100.100",
		"100.127.255.254", "100.127.255.255" },
	    { "100.63.255.255", "100.128.0.0" } },
	{ "2001:db8::/96", "2001:db8::", 96, NULL,
	    { "2001:db8::aaaa:bbbb", "2001:db8::1" },
	    { "2001:db8::1:aaaa:bbbb", "2001:db9::" } },
	{ "0.0.0.0/0", "0.0.0.0", 0, NULL, { "192.168.0.1", "1.1.1.1" },
	    { "2001:db8::1", "" } },
	{ "::/0", "::", 0, NULL, { "::1", "2001:db8::1" }, { "192.0.2.1" } },
	{ "2000::/3", "2000::", 3, NULL, { "2001:db8::1" }, { "fe80::1" } },
};

START_TEST(TestPrefix)
{
	const __typeof__(prefixTests[0]) *test = &prefixTests[_i];
	netip_Prefix			  prefix;
	runtime_error			 *err;
	const char			 *want;
	size_t				  i;
	char				 *got;

	err = netip_ParsePrefix(test->prefix, &prefix);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(addrEq(netip_Prefix_Addr(prefix), mustIP(test->ip)),
	    "IP=%s, want %s", S(netip_Addr_String(netip_Prefix_Addr(prefix))),
	    test->ip);
	ck_assert_msg(netip_Prefix_Bits(prefix) == test->bits,
	    "bits=%d, want %d", netip_Prefix_Bits(prefix), test->bits);
	for (i = 0; i < nelem(test->contains) && test->contains[i]; i++)
		ck_assert_msg(
		    netip_Prefix_Contains(prefix, mustIP(test->contains[i])),
		    "does not contain %s", test->contains[i]);
	for (i = 0; i < nelem(test->notContains) && test->notContains[i]; i++)
		ck_assert_msg(!netip_Prefix_Contains(
				  prefix, mustIP(test->notContains[i])),
		    "contains %s", test->notContains[i]);
	want = test->str != NULL ? test->str : test->prefix;
	got = netip_Prefix_String(prefix);
	ck_assert_msg(strcmp(got, want) == 0,
	    "prefix.String()=\"%s\", want \"%s\"", got, want);
	free(got);
	testAppendToMarshal(Prefix, prefix);
}
END_TEST

static const struct {
	const char *ip;
	int	    in, want;
} prefixFromInvalidBitsTests[] = {
	{ "1.2.3.4", 0, 0 },
	{ "66::66", 0, 0 },
	{ "1.2.3.4", 1, 1 },
	{ "1.2.3.4", 33, -1 },
	{ "66::66", 33, 33 },
	{ "66::66", 127, 127 },
	{ "66::66", 128, 128 },
	{ "1.2.3.4", 254, -1 },
	{ "1.2.3.4", 255, -1 },
	{ "1.2.3.4", -1, -1 },
	{ "66::66", -1, -1 },
	{ "1.2.3.4", -5, -1 },
	{ "66::66", -5, -1 },
};

START_TEST(TestPrefixFromInvalidBits)
{
	netip_Prefix p;

	p = netip_PrefixFrom(
	    netip_MustParseAddr(prefixFromInvalidBitsTests[_i].ip),
	    prefixFromInvalidBitsTests[_i].in);
	ck_assert_msg(
	    netip_Prefix_Bits(p) == prefixFromInvalidBitsTests[_i].want,
	    "for (%s, %d), Bits out = %d; want %d",
	    prefixFromInvalidBitsTests[_i].ip,
	    prefixFromInvalidBitsTests[_i].in, netip_Prefix_Bits(p),
	    prefixFromInvalidBitsTests[_i].want);
}
END_TEST

static void
parseAddrRun(void *arg)
{
	netip_Addr ip;

	runtime_error_Free(netip_ParseAddr(arg, &ip));
}

static void
parsePrefixRun(void *arg)
{
	netip_Prefix p;

	runtime_error_Free(netip_ParsePrefix(arg, &p));
}

START_TEST(TestParsePrefixAllocs)
{
	static const char *const tests[][2] = {
		{ "192.168.1.0", "/24" },
		{ "aaaa:bbbb:cccc::", "/24" },
	};
	char   prefix[64];
	double ipAllocs, prefixAllocs;

	if (testing_AllocsPerRun == NULL)
		return;
	snprintf(prefix, sizeof(prefix), "%s%s", tests[_i][0], tests[_i][1]);
	ipAllocs = testing_AllocsPerRun(5, parseAddrRun, (void *)tests[_i][0]);
	prefixAllocs = testing_AllocsPerRun(5, parsePrefixRun, prefix);
	ck_assert_msg((int)prefixAllocs - (int)ipAllocs == 0,
	    "allocs=%d, want 0", (int)prefixAllocs - (int)ipAllocs);
}
END_TEST

static const struct {
	const char *prefix, *errstr;
} parsePrefixErrorTests[] = {
	{ "192.168.0.0", "no '/'" },
	{ "1.257.1.1/24", "value >255" },
	{ "1.1.1.0/q", "bad bits" },
	{ "1.1.1.0/-1", "out of range" },
	{ "1.1.1.0/33", "out of range" },
	{ "2001::/129", "out of range" },
	/* Zones are not allowed: Go issue 51899. */
	{ "1.1.1.0%a/24", "unexpected character" },
	{ "2001:db8::%a/32", "zones cannot be present" },
};

START_TEST(TestParsePrefixError)
{
	runtime_error *err;
	netip_Prefix   p;

	err = netip_ParsePrefix(parsePrefixErrorTests[_i].prefix, &p);
	ck_assert_msg(err != NULL, "no error");
	ck_assert_msg(strstr(runtime_error_Error(err),
			  parsePrefixErrorTests[_i].errstr) != NULL,
	    "error is missing substring \"%s\": %s",
	    parsePrefixErrorTests[_i].errstr, runtime_error_Error(err));
	runtime_error_Free(err);
}
END_TEST

static const struct {
	const char *ipp;
	bool	    want;
} prefixIsSingleIPTests[] = {
	{ "127.0.0.1/32", true },
	{ "127.0.0.1/31", false },
	{ "127.0.0.1/0", false },
	{ "::1/128", true },
	{ "::1/127", false },
	{ "::1/0", false },
	{ "", false },
};

START_TEST(TestPrefixIsSingleIP)
{
	netip_Prefix ipp = mustPrefix(prefixIsSingleIPTests[_i].ipp);

	ck_assert_msg(
	    netip_Prefix_IsSingleIP(ipp) == prefixIsSingleIPTests[_i].want,
	    "IsSingleIP(%s)", prefixIsSingleIPTests[_i].ipp);
}
END_TEST

/*
 * as4 runs As4 in a child, Go's recover: it reports whether the child
 * threw (with Go's panic text in want) and the bytes otherwise.
 */
struct as4Call {
	netip_Addr ip;
	uint8_t	   v[4];
};

/* as4Child runs As4 and hands its bytes back through stderr. */
static void
as4Child(void *arg)
{
	struct as4Call *c = arg;

	netip_Addr_As4(c->ip, c->v);
	if (write(2, c->v, 4) != 4)
		_exit(1);
}

static bool
as4(netip_Addr ip, uint8_t v[4], const char *want)
{
	struct as4Call c = { ip, { 0 } };
	char	       out[256];
	int	       status;

	status = runChild(as4Child, &c, out, sizeof out);
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT) {
		ck_assert_msg(strstr(out, want) != NULL, "panic text %s", out);
		return true;
	}
	ck_assert_msg(
	    WIFEXITED(status) && WEXITSTATUS(status) == 0, "child failed");
	memcpy(v, out, 4);
	return false;
}

START_TEST(TestAs4)
{
	static const uint8_t want1234[4] = { 1, 2, 3, 4 }, want0[4] = { 0 };
	uint8_t		     a16[16], got[4];
	struct {
		netip_Addr     ip;
		const uint8_t *want;
		const char    *panicText;
	} tests[5];
	size_t i;

	netip_Addr_As16(mustIP("1.2.3.4"), a16);
	tests[0].ip = mustIP("1.2.3.4");
	tests[0].want = want1234;
	tests[1].ip = netip_AddrFrom16(a16); /* IPv4-in-IPv6 */
	tests[1].want = want1234;
	tests[2].ip = mustIP("0.0.0.0");
	tests[2].want = want0;
	tests[3].ip = mustIP("");
	tests[3].want = NULL;
	tests[3].panicText = "As4 called on IP zero value";
	tests[4].ip = mustIP("::1");
	tests[4].want = NULL;
	tests[4].panicText = "As4 called on IPv6 address";
	for (i = 0; i < nelem(tests); i++) {
		bool gotPanic = as4(tests[i].ip, got,
		    tests[i].want == NULL ? tests[i].panicText : "");

		ck_assert_msg(gotPanic == (tests[i].want == NULL),
		    "%zu. panic on %s = %d", i,
		    S(netip_Addr_String(tests[i].ip)), gotPanic);
		if (!gotPanic)
			ck_assert_msg(memcmp(got, tests[i].want, 4) == 0,
			    "%zu. %s = %d.%d.%d.%d", i,
			    S(netip_Addr_String(tests[i].ip)), got[0], got[1],
			    got[2], got[3]);
	}
}
END_TEST

static const struct {
	pfxExpr a, b;
	bool	want;
} prefixOverlapsTests[] = {
	{ PZERO, PFX("1.2.0.0/16"), false },
	{ PFX("1.2.0.0/16"), PZERO, false },
	{ PFX("::0/3"), PFX("0.0.0.0/3"), false },

	{ PFX("1.2.0.0/16"), PFX("1.2.0.0/16"), true },

	{ PFX("1.2.0.0/16"), PFX("1.2.3.0/24"), true },
	{ PFX("1.2.3.0/24"), PFX("1.2.0.0/16"), true },

	{ PFX("1.2.0.0/16"), PFX("1.2.3.0/32"), true },
	{ PFX("1.2.3.0/32"), PFX("1.2.0.0/16"), true },

	{ PFX("1.2.3.0/32"), PFX("0.0.0.0/0"), true },
	{ PFX("0.0.0.0/0"), PFX("1.2.3.0/32"), true },

	{ PFX("1.2.3.0/32"), PFX("5.5.5.5/0"), true },

	{ PFX("5::1/128"), PFX("5::0/8"), true },
	{ PFX("5::0/8"), PFX("5::1/128"), true },

	{ PFX("1::1/128"), PFX("2::2/128"), false },
	{ PFX("0100::0/8"), PFX("::1/128"), false },

	{ PrefixFrom16("1.2.0.0", 16), PFX("1.2.3.0/24"), false },

	{ PrefixFrom("1.2.3.4", 33), PFX("1.2.3.0/24"), false },
	{ PrefixFrom("2000::", 129), PFX("2000::/64"), false },
};

START_TEST(TestPrefixOverlaps)
{
	netip_Prefix a = pfxOf(&prefixOverlapsTests[_i].a);
	netip_Prefix b = pfxOf(&prefixOverlapsTests[_i].b);
	bool	     want = prefixOverlapsTests[_i].want;

	ck_assert_msg(netip_Prefix_Overlaps(a, b) == want,
	    "%d. (%s).Overlaps(%s) = %d", _i, S(netip_Prefix_String(a)),
	    S(netip_Prefix_String(b)), !want);
	ck_assert_msg(netip_Prefix_Overlaps(b, a) == want,
	    "%d. (%s).Overlaps(%s) = %d", _i, S(netip_Prefix_String(b)),
	    S(netip_Prefix_String(a)), !want);
}
END_TEST

/*
 * TestNoAllocs' closures, one per subtest, selected by index.  Where Go
 * panics on an error, the closure counts the failure instead.
 */
static netip_Addr     sinkIP;
static netip_AddrPort sinkAddrPort;
static netip_Prefix   sinkPrefix;
static uint8_t	      sinkIP16[16], sinkIP4[4];
static bool	      sinkBool;
static int	      noAllocsFailures;

static void
panicErr(runtime_error *err)
{
	if (err != NULL) {
		noAllocsFailures++;
		runtime_error_Free(err);
	}
}

static void
noAllocsIP(int i)
{
	static const uint8_t a4[4] = { 1, 2, 3, 4 }, a16[16] = { 0 };

	switch (i) {
	case 0: /* IPv4 */
	case 1: /* AddrFrom4 */
		sinkIP = netip_AddrFrom4(a4);
		break;
	case 2:
		sinkIP = netip_AddrFrom16(a16);
		break;
	case 3:
		panicErr(netip_ParseAddr("1.2.3.4", &sinkIP));
		break;
	case 4:
		panicErr(netip_ParseAddr("::1", &sinkIP));
		break;
	case 5:
		sinkIP = netip_MustParseAddr("1.2.3.4");
		break;
	case 6:
		sinkIP = netip_IPv6LinkLocalAllNodes();
		break;
	case 7:
		sinkIP = netip_IPv6Unspecified();
		break;
	}
}

static void
noAllocsIPMethods(int i)
{
	netip_Addr a, b;

	switch (i) {
	case 8:
		sinkBool = netip_Addr_isZero(netip_MustParseAddr("1.2.3.4"));
		break;
	case 9:
		sinkBool =
		    netip_Addr_BitLen(netip_MustParseAddr("1.2.3.4")) == 8;
		break;
	case 10:
		sinkBool =
		    netip_Addr_Zone(netip_MustParseAddr("1.2.3.4"))[0] == 0;
		break;
	case 11:
		sinkBool =
		    netip_Addr_Zone(netip_MustParseAddr("fe80::1"))[0] == 0;
		break;
	case 12:
		sinkBool = netip_Addr_Zone(
			       netip_MustParseAddr("fe80::1%zone"))[0] == 0;
		break;
	case 13:
	case 14:
		a = netip_MustParseAddr("1.2.3.4");
		b = netip_MustParseAddr("2.3.4.5");
		sinkBool = i == 13 ? netip_Addr_Compare(a, b) == 0
				   : netip_Addr_Less(a, b);
		break;
	case 15:
		sinkBool = netip_Addr_Is4(netip_MustParseAddr("1.2.3.4"));
		break;
	case 16:
		sinkBool = netip_Addr_Is6(netip_MustParseAddr("fe80::1"));
		break;
	case 17:
		sinkBool = netip_Addr_Is4In6(netip_MustParseAddr("fe80::1"));
		break;
	case 18:
		sinkIP = netip_Addr_Unmap(netip_MustParseAddr("ffff::2.3.4.5"));
		break;
	case 19:
		sinkIP =
		    netip_Addr_WithZone(netip_MustParseAddr("fe80::1"), "");
		break;
	}
}

static void
noAllocsIPPredicates(int i)
{
	switch (i) {
	case 20:
		sinkBool = netip_Addr_IsGlobalUnicast(
		    netip_MustParseAddr("2001:db8::1"));
		break;
	case 21:
		sinkBool = netip_Addr_IsInterfaceLocalMulticast(
		    netip_MustParseAddr("fe80::1"));
		break;
	case 22:
		sinkBool = netip_Addr_IsLinkLocalMulticast(
		    netip_MustParseAddr("fe80::1"));
		break;
	case 23:
		sinkBool = netip_Addr_IsLinkLocalUnicast(
		    netip_MustParseAddr("fe80::1"));
		break;
	case 24:
		sinkBool =
		    netip_Addr_IsLoopback(netip_MustParseAddr("fe80::1"));
		break;
	case 25:
		sinkBool =
		    netip_Addr_IsMulticast(netip_MustParseAddr("fe80::1"));
		break;
	case 26:
		sinkBool = netip_Addr_IsPrivate(netip_MustParseAddr("fd00::1"));
		break;
	case 27:
		sinkBool = netip_Addr_IsUnspecified(netip_IPv6Unspecified());
		break;
	}
}

static void
noAllocsIPRest(int i)
{
	switch (i) {
	case 28:
		panicErr(netip_Addr_Prefix(
		    netip_MustParseAddr("1.2.3.4"), 20, &sinkPrefix));
		break;
	case 29:
		panicErr(netip_Addr_Prefix(
		    netip_MustParseAddr("fe80::1"), 64, &sinkPrefix));
		break;
	case 30:
		netip_Addr_As16(netip_MustParseAddr("1.2.3.4"), sinkIP16);
		break;
	case 31:
		netip_Addr_As4(netip_MustParseAddr("1.2.3.4"), sinkIP4);
		break;
	case 32:
		sinkIP = netip_Addr_Next(netip_MustParseAddr("1.2.3.4"));
		break;
	case 33:
		sinkIP = netip_Addr_Prev(netip_MustParseAddr("1.2.3.4"));
		break;
	}
}

static void
noAllocsPortsAndPrefixes(int i)
{
	static const uint8_t a4[4] = { 1, 2, 3, 4 };
	netip_Prefix	     a, b;

	switch (i) {
	case 34:
		sinkAddrPort = netip_AddrPortFrom(netip_AddrFrom4(a4), 22);
		break;
	case 35:
		panicErr(netip_ParseAddrPort("[::1]:1234", &sinkAddrPort));
		break;
	case 36:
		sinkAddrPort = netip_MustParseAddrPort("[::1]:1234");
		break;
	case 37:
		sinkPrefix = netip_PrefixFrom(netip_AddrFrom4(a4), 32);
		break;
	case 38:
		panicErr(netip_ParsePrefix("1.2.3.4/20", &sinkPrefix));
		break;
	case 39:
		panicErr(netip_ParsePrefix("fe80::1/64", &sinkPrefix));
		break;
	case 40:
		sinkPrefix = netip_MustParsePrefix("1.2.3.4/20");
		break;
	case 41:
		sinkBool =
		    netip_Prefix_Contains(netip_MustParsePrefix("1.2.3.0/24"),
			netip_MustParseAddr("1.2.3.4"));
		break;
	case 42:
		a = netip_MustParsePrefix("1.2.3.0/24");
		b = netip_MustParsePrefix("1.2.0.0/16");
		sinkBool = netip_Prefix_Overlaps(a, b);
		break;
	case 43:
		sinkBool =
		    netip_Prefix_isZero(netip_MustParsePrefix("1.2.0.0/16"));
		break;
	case 44:
		sinkBool = netip_Prefix_IsSingleIP(
		    netip_MustParsePrefix("1.2.3.4/32"));
		break;
	case 45:
		sinkPrefix =
		    netip_Prefix_Masked(netip_MustParsePrefix("1.2.3.4/16"));
		break;
	}
}

static const char *const noAllocsNames[] = { "IPv4", "AddrFrom4", "AddrFrom16",
	"ParseAddr/4", "ParseAddr/6", "MustParseAddr", "IPv6LinkLocalAllNodes",
	"IPv6Unspecified", "IP.IsZero", "IP.BitLen", "IP.Zone/4", "IP.Zone/6",
	"IP.Zone/6zone", "IP.Compare", "IP.Less", "IP.Is4", "IP.Is6",
	"IP.Is4In6", "IP.Unmap", "IP.WithZone", "IP.IsGlobalUnicast",
	"IP.IsInterfaceLocalMulticast", "IP.IsLinkLocalMulticast",
	"IP.IsLinkLocalUnicast", "IP.IsLoopback", "IP.IsMulticast",
	"IP.IsPrivate", "IP.IsUnspecified", "IP.Prefix/4", "IP.Prefix/6",
	"IP.As16", "IP.As4", "IP.Next", "IP.Prev", "AddrPortFrom",
	"ParseAddrPort", "MustParseAddrPort", "PrefixFrom", "ParsePrefix/4",
	"ParsePrefix/6", "MustParsePrefix", "Prefix.Contains",
	"Prefix.Overlaps", "Prefix.IsZero", "Prefix.IsSingleIP",
	"IPPRefix.Masked" };

static void
noAllocsRun(void *arg)
{
	int i = *(int *)arg;

	noAllocsIP(i);
	noAllocsIPMethods(i);
	noAllocsIPPredicates(i);
	noAllocsIPRest(i);
	noAllocsPortsAndPrefixes(i);
}

START_TEST(TestNoAllocs)
{
	double n;
	int    i = _i;

	if (testing_AllocsPerRun == NULL)
		return;
	n = testing_AllocsPerRun(1000, noAllocsRun, &i);
	ck_assert_msg(noAllocsFailures == 0, "%s: failed", noAllocsNames[_i]);
	ck_assert_msg(
	    n == 0, "%s: allocs = %d; want 0", noAllocsNames[_i], (int)n);
}
END_TEST

/*
 * Go's String of the zero Addr returns a constant and allocates nothing;
 * gonet's String results are all malloc'd (the caller frees them), so
 * that row counts the one allocation every other row has too.
 */
static const struct {
	const char *name, *ip;
	int	    wantAllocs;
} addrStringAllocsTests[] = {
	{ "zero", "", 1 },
	{ "ipv4", "192.168.1.1", 1 },
	{ "ipv6", "2001:db8::1", 1 },
	{ "ipv6+zone", "2001:db8::1%eth0", 1 },
	{ "ipv4-in-ipv6", "::ffff:192.168.1.1", 1 },
	{ "ipv4-in-ipv6+zone", "::ffff:192.168.1.1%eth0", 1 },
};

static void
addrStringRun(void *arg)
{
	free(netip_Addr_String(*(netip_Addr *)arg));
}

START_TEST(TestAddrStringAllocs)
{
	netip_Addr ip = mustIP(addrStringAllocsTests[_i].ip);
	int	   allocs;

	if (testing_AllocsPerRun == NULL)
		return;
	allocs = (int)testing_AllocsPerRun(1000, addrStringRun, &ip);
	ck_assert_msg(allocs == addrStringAllocsTests[_i].wantAllocs,
	    "%s: allocs=%d, want %d", addrStringAllocsTests[_i].name, allocs,
	    addrStringAllocsTests[_i].wantAllocs);
}
END_TEST

START_TEST(TestPrefixString)
{
	static const pfxExpr tests[] = { PZERO, PrefixFrom("", 8),
		PrefixFrom("1.2.3.4", 88) };
	size_t		     i;
	char		    *got;

	for (i = 0; i < nelem(tests); i++) {
		got = netip_Prefix_String(pfxOf(&tests[i]));
		ck_assert_msg(strcmp(got, "invalid Prefix") == 0,
		    "%zu. String() = \"%s\" want \"invalid Prefix\"", i, got);
		free(got);
	}
}
END_TEST

START_TEST(TestInvalidAddrPortString)
{
	netip_AddrPort tests[2];
	size_t	       i;
	char	      *got;

	memset(&tests[0], 0, sizeof(tests[0]));
	tests[1] = netip_AddrPortFrom(mustIP(""), 80);
	for (i = 0; i < nelem(tests); i++) {
		got = netip_AddrPort_String(tests[i]);
		ck_assert_msg(strcmp(got, "invalid AddrPort") == 0,
		    "%zu. String() = \"%s\" want \"invalid AddrPort\"", i, got);
		free(got);
	}
}
END_TEST

START_TEST(TestAsSlice)
{
	static const uint8_t want4[] = { 1, 2, 3, 4 };
	static const uint8_t want6[] = { 0xff, 0xff, [15] = 1 };
	uint8_t		     got[16];

	ck_assert_int_eq(netip_Addr_AsSlice(mustIP(""), got), 0);
	ck_assert_int_eq(netip_Addr_AsSlice(mustIP("1.2.3.4"), got), 4);
	ck_assert(memcmp(got, want4, 4) == 0);
	ck_assert_int_eq(netip_Addr_AsSlice(mustIP("ffff::1"), got), 16);
	ck_assert(memcmp(got, want6, 16) == 0);
}
END_TEST

Suite *
netip_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("netip");
	tc = newTCase("addr");
	tcase_add_loop_test(
	    tc, TestParseAddr, 0, nelem(validIPs) + nelem(invalidIPs));
	tcase_add_test(tc, TestIPv4Constructors);
	tcase_add_test(tc, TestAddrMarshalUnmarshalBinary);
	tcase_add_test(tc, TestAddrMarshalUnmarshal);
	tcase_add_test(tc, TestAddrFrom16);
	tcase_add_loop_test(tc, TestIPProperties, 0, nelem(ipPropertiesTests));
	tcase_add_test(tc, TestAddrWellKnown);
	tcase_add_test(tc, TestLessCompare);
	tcase_add_loop_test(
	    tc, TestIPStringExpanded, 0, nelem(ipStringExpandedTests));
	tcase_add_loop_test(tc, TestIs4AndIs6, 0, nelem(is4AndIs6Tests));
	tcase_add_loop_test(tc, TestIs4In6, 0, nelem(is4In6Tests));
	tcase_add_test(tc, TestAs4);
	tcase_add_test(tc, TestAsSlice);
	suite_add_tcase(s, tc);

	tc = newTCase("addrport");
	tcase_add_loop_test(tc, TestAddrPortMarshalTextString, 0,
	    nelem(addrPortMarshalTextStringTests));
	tcase_add_test(tc, TestAddrPortMarshalUnmarshalBinary);
	tcase_add_test(tc, TestInvalidAddrPortString);
	suite_add_tcase(s, tc);

	tc = newTCase("prefix");
	tcase_add_loop_test(tc, TestPrefixMarshalTextString, 0,
	    nelem(prefixMarshalTextStringTests));
	tcase_add_test(tc, TestPrefixMarshalUnmarshalBinary);
	tcase_add_loop_test(
	    tc, TestPrefixMasking, 0, nelem(prefixMaskingTests));
	tcase_add_loop_test(tc, TestPrefixMarshalUnmarshal, 0,
	    nelem(prefixMarshalUnmarshalTests));
	tcase_add_test(tc, TestPrefixUnmarshalTextNonZero);
	tcase_add_loop_test(tc, TestPrefixMasked, 0, nelem(prefixMaskedTests));
	tcase_add_loop_test(tc, TestPrefix, 0, nelem(prefixTests));
	tcase_add_loop_test(tc, TestPrefixFromInvalidBits, 0,
	    nelem(prefixFromInvalidBitsTests));
	tcase_add_loop_test(
	    tc, TestParsePrefixError, 0, nelem(parsePrefixErrorTests));
	tcase_add_loop_test(
	    tc, TestPrefixIsSingleIP, 0, nelem(prefixIsSingleIPTests));
	tcase_add_loop_test(
	    tc, TestPrefixOverlaps, 0, nelem(prefixOverlapsTests));
	tcase_add_test(tc, TestPrefixString);
	suite_add_tcase(s, tc);

	tc = newTCase("allocs");
	tcase_add_loop_test(tc, TestParsePrefixAllocs, 0, 2);
	tcase_add_loop_test(tc, TestNoAllocs, 0, nelem(noAllocsNames));
	tcase_add_loop_test(
	    tc, TestAddrStringAllocs, 0, nelem(addrStringAllocsTests));
	suite_add_tcase(s, tc);
	return s;
}
