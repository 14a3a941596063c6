/*
 * C port of go1.19 src/net/netip/netip.go.  Go's strings are (pointer,
 * length) pairs inside this file, so parsers slice without copying; the
 * public functions take NUL-terminated strings.
 */
#include <stdlib.h>
#include <string.h>

#include "net/netip/netip_impl.h"
#include "strconv/strconv.h"

/*
 * The two sentinels stand for Go's z4 and z6noz: distinct addresses that no
 * interned zone can share.  Their text is empty, so Zone() needs no case.
 */
static const intern_Value z4Value = { NULL, 0 };
static const intern_Value z6nozValue = { NULL, 0 };
const intern_Value *const netip_z4 = &z4Value;
const intern_Value *const netip_z6noz = &z6nozValue;
#define z0    ((const intern_Value *)NULL)
#define z4    netip_z4
#define z6noz netip_z6noz

/* appendBuf is a Go []byte over a caller's array: it counts past cap. */
typedef struct appendBuf {
	char  *b;
	size_t len, cap;
} appendBuf;

static void
appendBytes(appendBuf *a, const char *s, size_t n)
{
	if (a->len < a->cap)
		memcpy(a->b + a->len, s,
		    a->cap - a->len < n ? a->cap - a->len : n);
	a->len += n;
}

static void
appendByte(appendBuf *a, char c)
{
	appendBytes(a, &c, 1);
}

static void
appendStr(appendBuf *a, const char *s)
{
	appendBytes(a, s, strlen(s));
}

static const char digits[] = "0123456789abcdef";

/* finishString copies what a stack appendBuf holds into the heap. */
static char *
finishString(appendBuf *a, char *stack)
{
	char *s;

	s = runtime_malloc(a->len + 1);
	if (a->len <= a->cap)
		memcpy(s, stack, a->len);
	return s;
}

netip_Addr
netip_IPv6LinkLocalAllNodes(void)
{
	static const uint8_t a[16] = { 0xff, 0x02, [15] = 0x01 };

	return netip_AddrFrom16(a);
}

netip_Addr
netip_IPv6Unspecified(void)
{
	netip_Addr ip = { { 0, 0 }, z6noz };

	return ip;
}

netip_Addr
netip_IPv4Unspecified(void)
{
	static const uint8_t a[4] = { 0 };

	return netip_AddrFrom4(a);
}

netip_Addr
netip_AddrFrom4(const uint8_t addr[4])
{
	netip_Addr ip;

	ip.addr.hi = 0;
	ip.addr.lo = 0xffff00000000ull | (uint64_t)addr[0] << 24 |
	    (uint64_t)addr[1] << 16 | (uint64_t)addr[2] << 8 | addr[3];
	ip.z = z4;
	return ip;
}

netip_Addr
netip_AddrFrom16(const uint8_t addr[16])
{
	netip_Addr ip;

	ip.addr.hi = netip_beUint64(addr);
	ip.addr.lo = netip_beUint64(addr + 8);
	ip.z = z6noz;
	return ip;
}

/* parseAddrError is Go's parseAddrError: a value type, so no '*'. */
typedef struct netip_parseAddrError {
	runtime_error err;
	char	     *in, *msg, *at;
} netip_parseAddrError;

static char *
parseAddrError_Error(const runtime_error *err)
{
	const netip_parseAddrError *e = (const netip_parseAddrError *)err;
	char			   *qin, *qat, *s;

	qin = strconv_Quote(e->in, strlen(e->in));
	if (e->at[0] != '\0') {
		qat = strconv_Quote(e->at, strlen(e->at));
		s = runtime_concatstrings(
		    "ParseAddr(", qin, "): ", e->msg, " (at ", qat, ")", NULL);
		free(qat);
	} else
		s = runtime_concatstrings(
		    "ParseAddr(", qin, "): ", e->msg, NULL);
	free(qin);
	return s;
}

static void
parseAddrError_release(runtime_error *err)
{
	netip_parseAddrError *e = (netip_parseAddrError *)err;

	free(e->in);
	free(e->msg);
	free(e->at);
}

const runtime_errorType netip_parseAddrErrorType = {
	.name = "netip.parseAddrError",
	.Error = parseAddrError_Error,
	.release = parseAddrError_release,
};

/* newParseAddrError copies its strings; at may be NULL for none. */
static runtime_error *
newParseAddrError(
    const char *in, size_t inlen, const char *msg, const char *at, size_t atlen)
{
	netip_parseAddrError *e;

	e = (netip_parseAddrError *)runtime_newError(
	    &netip_parseAddrErrorType, sizeof(*e));
	e->in = runtime_strndup(in, inlen);
	e->msg = runtime_strdup(msg);
	e->at = runtime_strndup(at != NULL ? at : "", at != NULL ? atlen : 0);
	return &e->err;
}

static runtime_error *
parseIPv4(const char *s, size_t n, netip_Addr *ip)
{
	uint8_t fields[4] = { 0 };
	int	val = 0, pos = 0, digLen = 0;
	size_t	i;

	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9') {
			if (digLen == 1 && val == 0)
				return newParseAddrError(s, n,
				    "IPv4 field has octet with leading zero",
				    NULL, 0);
			val = val * 10 + s[i] - '0';
			digLen++;
			if (val > 255)
				return newParseAddrError(
				    s, n, "IPv4 field has value >255", NULL, 0);
		} else if (s[i] == '.') {
			if (i == 0 || i == n - 1 || s[i - 1] == '.')
				return newParseAddrError(s, n,
				    "IPv4 field must have at least one digit",
				    s + i, n - i);
			if (pos == 3)
				return newParseAddrError(
				    s, n, "IPv4 address too long", NULL, 0);
			fields[pos++] = (uint8_t)val;
			val = 0;
			digLen = 0;
		} else
			return newParseAddrError(
			    s, n, "unexpected character", s + i, n - i);
	}
	if (pos < 3)
		return newParseAddrError(
		    s, n, "IPv4 address too short", NULL, 0);
	fields[3] = (uint8_t)val;
	*ip = netip_AddrFrom4(fields);
	return NULL;
}

static uint8_t
netip_Addr_v4(netip_Addr ip, uint8_t i)
{
	return (uint8_t)(ip.addr.lo >> ((3 - i) * 8));
}

/*
 * parseIPv6Fields fills ip from the hex fields of s (the part before any
 * zone) and reports how many bytes it filled and where the "::" was.
 */
static runtime_error *
parseIPv6Fields(const char *in, size_t inlen, const char *s, size_t n,
    uint8_t ip[16], int *filled, int *ellipsis)
{
	runtime_error *err;
	netip_Addr     ip4;
	uint32_t       acc;
	size_t	       off;
	char	       c;
	int	       i = 0;

	while (i < 16) {
		acc = 0;
		for (off = 0; off < n; off++) {
			c = s[off];
			if (c >= '0' && c <= '9')
				acc = (acc << 4) + (uint32_t)(c - '0');
			else if (c >= 'a' && c <= 'f')
				acc = (acc << 4) + (uint32_t)(c - 'a' + 10);
			else if (c >= 'A' && c <= 'F')
				acc = (acc << 4) + (uint32_t)(c - 'A' + 10);
			else
				break;
			if (acc > 0xffff)
				return newParseAddrError(in, inlen,
				    "IPv6 field has value >=2^16", s, n);
		}
		if (off == 0)
			return newParseAddrError(in, inlen,
			    "each colon-separated field must have at least one "
			    "digit",
			    s, n);
		if (off < n && s[off] == '.') {
			if (*ellipsis < 0 && i != 12)
				return newParseAddrError(in, inlen,
				    "embedded IPv4 address must replace the "
				    "final 2 fields of the address",
				    s, n);
			if (i + 4 > 16)
				return newParseAddrError(in, inlen,
				    "too many hex fields to fit an embedded "
				    "IPv4 at the end of the address",
				    s, n);
			if ((err = parseIPv4(s, n, &ip4)) != NULL) {
				runtime_error *e = newParseAddrError(
				    in, inlen, runtime_error_Error(err), s, n);

				runtime_error_Free(err);
				return e;
			}
			ip[i] = netip_Addr_v4(ip4, 0);
			ip[i + 1] = netip_Addr_v4(ip4, 1);
			ip[i + 2] = netip_Addr_v4(ip4, 2);
			ip[i + 3] = netip_Addr_v4(ip4, 3);
			n = 0;
			i += 4;
			break;
		}
		ip[i] = (uint8_t)(acc >> 8);
		ip[i + 1] = (uint8_t)acc;
		i += 2;
		s += off;
		n -= off;
		if (n == 0)
			break;
		if (s[0] != ':')
			return newParseAddrError(in, inlen,
			    "unexpected character, want colon", s, n);
		else if (n == 1)
			return newParseAddrError(in, inlen,
			    "colon must be followed by more characters", s, n);
		s++;
		n--;
		if (s[0] == ':') {
			if (*ellipsis >= 0)
				return newParseAddrError(
				    in, inlen, "multiple :: in address", s, n);
			*ellipsis = i;
			s++;
			n--;
			if (n == 0)
				break;
		}
	}
	if (n != 0)
		return newParseAddrError(
		    in, inlen, "trailing garbage after address", s, n);
	*filled = i;
	return NULL;
}

static runtime_error *
parseIPv6(const char *in, size_t inlen, netip_Addr *out)
{
	runtime_error *err;
	const char    *s = in, *zone = "";
	size_t	       n = inlen, zlen = 0;
	uint8_t	       ip[16] = { 0 };
	int	       ellipsis = -1, i = 0, j, k;
	const char    *pct;

	if ((pct = memchr(s, '%', n)) != NULL) {
		zone = pct + 1;
		zlen = n - (size_t)(zone - s);
		n = (size_t)(pct - s);
		if (zlen == 0)
			return newParseAddrError(in, inlen,
			    "zone must be a non-empty string", NULL, 0);
	}
	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		ellipsis = 0;
		s += 2;
		n -= 2;
		if (n == 0) {
			*out = netip_Addr_withZone(
			    netip_IPv6Unspecified(), zone, zlen);
			return NULL;
		}
	}
	err = parseIPv6Fields(in, inlen, s, n, ip, &i, &ellipsis);
	if (err != NULL)
		return err;
	if (i < 16) {
		if (ellipsis < 0)
			return newParseAddrError(
			    in, inlen, "address string too short", NULL, 0);
		k = 16 - i;
		for (j = i - 1; j >= ellipsis; j--)
			ip[j + k] = ip[j];
		for (j = ellipsis + k - 1; j >= ellipsis; j--)
			ip[j] = 0;
	} else if (ellipsis >= 0)
		return newParseAddrError(in, inlen,
		    "the :: must expand to at least one field of zeros", NULL,
		    0);
	*out = netip_Addr_withZone(netip_AddrFrom16(ip), zone, zlen);
	return NULL;
}

static runtime_error *
parseAddr(const char *s, size_t n, netip_Addr *ip)
{
	size_t i;

	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '.':
			return parseIPv4(s, n, ip);
		case ':':
			return parseIPv6(s, n, ip);
		case '%':
			return newParseAddrError(
			    s, n, "missing IPv6 address", NULL, 0);
		}
	}
	return newParseAddrError(s, n, "unable to parse IP", NULL, 0);
}

/* On error, *ip is the zero Addr, as Go's first result is. */
runtime_error *
netip_ParseAddr(const char *s, netip_Addr *ip)
{
	runtime_error *err;

	memset(ip, 0, sizeof(*ip));
	if ((err = parseAddr(s, strlen(s), ip)) != NULL)
		memset(ip, 0, sizeof(*ip));
	return err;
}

netip_Addr
netip_MustParseAddr(const char *s)
{
	runtime_error *err;
	netip_Addr     ip;

	if ((err = netip_ParseAddr(s, &ip)) != NULL)
		runtime_throw(runtime_error_Error(err));
	return ip;
}

netip_Addr
netip_AddrFromSlice(const uint8_t *slice, size_t n, bool *ok)
{
	netip_Addr zero = { { 0, 0 }, z0 };

	*ok = true;
	switch (n) {
	case 4:
		return netip_AddrFrom4(slice);
	case 16:
		return netip_AddrFrom16(slice);
	}
	*ok = false;
	return zero;
}

uint8_t
netip_Addr_v6(netip_Addr ip, uint8_t i)
{
	uint64_t half = (i / 8) % 2 == 0 ? ip.addr.hi : ip.addr.lo;

	return (uint8_t)(half >> ((7 - i % 8) * 8));
}

static uint16_t
netip_Addr_v6u16(netip_Addr ip, uint8_t i)
{
	uint64_t half = (i / 4) % 2 == 0 ? ip.addr.hi : ip.addr.lo;

	return (uint16_t)(half >> ((3 - i % 4) * 16));
}

bool
netip_Addr_isZero(netip_Addr ip)
{
	return ip.z == z0;
}

bool
netip_Addr_IsValid(netip_Addr ip)
{
	return ip.z != z0;
}

int
netip_Addr_BitLen(netip_Addr ip)
{
	if (ip.z == z0)
		return 0;
	if (ip.z == z4)
		return 32;
	return 128;
}

static bool netip_Addr_hasZone(netip_Addr ip);

/* The sentinels have no text of their own: their zone is "". */
const char *
netip_Addr_Zone(netip_Addr ip)
{
	return netip_Addr_hasZone(ip) ? ip.z->s : "";
}

/* zoneCompare orders zones as Go orders strings: bytes, then length. */
static int
zoneCompare(netip_Addr a, netip_Addr b)
{
	size_t na = 0, nb = 0;
	int    c;

	if (netip_Addr_hasZone(a))
		na = a.z->len;
	if (netip_Addr_hasZone(b))
		nb = b.z->len;
	c = memcmp(netip_Addr_Zone(a), netip_Addr_Zone(b), na < nb ? na : nb);
	if (c != 0)
		return c < 0 ? -1 : 1;
	return na < nb ? -1 : na > nb ? 1 : 0;
}

int
netip_Addr_Compare(netip_Addr ip, netip_Addr ip2)
{
	int f1 = netip_Addr_BitLen(ip), f2 = netip_Addr_BitLen(ip2);

	if (f1 != f2)
		return f1 < f2 ? -1 : 1;
	if (ip.addr.hi != ip2.addr.hi)
		return ip.addr.hi < ip2.addr.hi ? -1 : 1;
	if (ip.addr.lo != ip2.addr.lo)
		return ip.addr.lo < ip2.addr.lo ? -1 : 1;
	if (netip_Addr_Is6(ip))
		return zoneCompare(ip, ip2);
	return 0;
}

bool
netip_Addr_Less(netip_Addr ip, netip_Addr ip2)
{
	return netip_Addr_Compare(ip, ip2) == -1;
}

bool
netip_Addr_Is4(netip_Addr ip)
{
	return ip.z == z4;
}

bool
netip_Addr_Is4In6(netip_Addr ip)
{
	return netip_Addr_Is6(ip) && ip.addr.hi == 0 &&
	    ip.addr.lo >> 32 == 0xffff;
}

bool
netip_Addr_Is6(netip_Addr ip)
{
	return ip.z != z0 && ip.z != z4;
}

netip_Addr
netip_Addr_Unmap(netip_Addr ip)
{
	if (netip_Addr_Is4In6(ip))
		ip.z = z4;
	return ip;
}

/* netip_Addr_withZone is WithZone for a zone of n bytes. */
netip_Addr
netip_Addr_withZone(netip_Addr ip, const char *zone, size_t n)
{
	if (!netip_Addr_Is6(ip))
		return ip;
	if (n == 0) {
		ip.z = z6noz;
		return ip;
	}
	ip.z = intern_GetByString(zone, n);
	return ip;
}

/* A NULL zone is Go's "". */
netip_Addr
netip_Addr_WithZone(netip_Addr ip, const char *zone)
{
	return netip_Addr_withZone(ip, zone, zone != NULL ? strlen(zone) : 0);
}

static netip_Addr
netip_Addr_withoutZone(netip_Addr ip)
{
	if (!netip_Addr_Is6(ip))
		return ip;
	ip.z = z6noz;
	return ip;
}

static bool
netip_Addr_hasZone(netip_Addr ip)
{
	return ip.z != z0 && ip.z != z4 && ip.z != z6noz;
}

/* addrEqual is Go's ==: interning makes the zone a pointer comparison. */
static bool
addrEqual(netip_Addr a, netip_Addr b)
{
	return a.addr.hi == b.addr.hi && a.addr.lo == b.addr.lo && a.z == b.z;
}

bool
netip_Addr_IsLinkLocalUnicast(netip_Addr ip)
{
	/* RFC 3927 section 2.1 for IPv4, RFC 4291 section 2.4 for IPv6. */
	if (netip_Addr_Is4(ip))
		return netip_Addr_v4(ip, 0) == 169 &&
		    netip_Addr_v4(ip, 1) == 254;
	if (netip_Addr_Is6(ip))
		return (netip_Addr_v6u16(ip, 0) & 0xffc0) == 0xfe80;
	return false;
}

bool
netip_Addr_IsLoopback(netip_Addr ip)
{
	if (netip_Addr_Is4(ip))
		return netip_Addr_v4(ip, 0) == 127;
	if (netip_Addr_Is6(ip))
		return ip.addr.hi == 0 && ip.addr.lo == 1;
	return false;
}

bool
netip_Addr_IsMulticast(netip_Addr ip)
{
	if (netip_Addr_Is4(ip))
		return (netip_Addr_v4(ip, 0) & 0xf0) == 0xe0;
	if (netip_Addr_Is6(ip))
		return ip.addr.hi >> (64 - 8) == 0xff;
	return false;
}

bool
netip_Addr_IsInterfaceLocalMulticast(netip_Addr ip)
{
	if (netip_Addr_Is6(ip))
		return (netip_Addr_v6u16(ip, 0) & 0xff0f) == 0xff01;
	return false;
}

bool
netip_Addr_IsLinkLocalMulticast(netip_Addr ip)
{
	/* RFC 5771 section 4 for IPv4, RFC 4291 section 2.7.1 for IPv6. */
	if (netip_Addr_Is4(ip))
		return netip_Addr_v4(ip, 0) == 224 &&
		    netip_Addr_v4(ip, 1) == 0 && netip_Addr_v4(ip, 2) == 0;
	if (netip_Addr_Is6(ip))
		return (netip_Addr_v6u16(ip, 0) & 0xff0f) == 0xff02;
	return false;
}

/*
 * IsGlobalUnicast matches package net's: private IPv4 and ULA IPv6 still
 * count as global unicast.
 */
bool
netip_Addr_IsGlobalUnicast(netip_Addr ip)
{
	static const uint8_t bcast[4] = { 255, 255, 255, 255 };

	if (ip.z == z0)
		return false;
	if (netip_Addr_Is4(ip) &&
	    (addrEqual(ip, netip_IPv4Unspecified()) ||
		addrEqual(ip, netip_AddrFrom4(bcast))))
		return false;
	return !addrEqual(ip, netip_IPv6Unspecified()) &&
	    !netip_Addr_IsLoopback(ip) && !netip_Addr_IsMulticast(ip) &&
	    !netip_Addr_IsLinkLocalUnicast(ip);
}

/* IsPrivate is RFC 1918 for IPv4 and RFC 4193 (fc00::/7) for IPv6. */
bool
netip_Addr_IsPrivate(netip_Addr ip)
{
	if (netip_Addr_Is4(ip))
		return netip_Addr_v4(ip, 0) == 10 ||
		    (netip_Addr_v4(ip, 0) == 172 &&
			(netip_Addr_v4(ip, 1) & 0xf0) == 16) ||
		    (netip_Addr_v4(ip, 0) == 192 &&
			netip_Addr_v4(ip, 1) == 168);
	if (netip_Addr_Is6(ip))
		return (netip_Addr_v6(ip, 0) & 0xfe) == 0xfc;
	return false;
}

bool
netip_Addr_IsUnspecified(netip_Addr ip)
{
	return addrEqual(ip, netip_IPv4Unspecified()) ||
	    addrEqual(ip, netip_IPv6Unspecified());
}

static runtime_error *
prefixTooLarge(int b, const char *family)
{
	runtime_error *err;
	char	      *s;

	s = runtime_sprintf("prefix length %d too large for %s", b, family);
	err = errors_New(s);
	free(s);
	return err;
}

/* On error *p is the zero Prefix; the zero Addr gives it with no error. */
runtime_error *
netip_Addr_Prefix(netip_Addr ip, int b, netip_Prefix *p)
{
	int effectiveBits = b;

	memset(p, 0, sizeof(*p));
	if (b < 0)
		return errors_New("negative Prefix bits");
	if (ip.z == z0)
		return NULL;
	if (ip.z == z4) {
		if (b > 32)
			return prefixTooLarge(b, "IPv4");
		effectiveBits += 96;
	} else if (b > 128)
		return prefixTooLarge(b, "IPv6");
	ip.addr = netip_uint128_and(ip.addr, netip_mask6(effectiveBits));
	*p = netip_PrefixFrom(ip, b);
	return NULL;
}

void
netip_Addr_As16(netip_Addr ip, uint8_t a16[16])
{
	netip_bePutUint64(a16, ip.addr.hi);
	netip_bePutUint64(a16 + 8, ip.addr.lo);
}

void
netip_Addr_As4(netip_Addr ip, uint8_t a4[4])
{
	if (ip.z == z4 || netip_Addr_Is4In6(ip)) {
		netip_bePutUint32(a4, (uint32_t)ip.addr.lo);
		return;
	}
	if (ip.z == z0)
		runtime_throw("As4 called on IP zero value");
	runtime_throw("As4 called on IPv6 address");
}

int
netip_Addr_AsSlice(netip_Addr ip, uint8_t out[16])
{
	if (ip.z == z0)
		return 0;
	if (ip.z == z4) {
		netip_bePutUint32(out, (uint32_t)ip.addr.lo);
		return 4;
	}
	netip_Addr_As16(ip, out);
	return 16;
}

netip_Addr
netip_Addr_Next(netip_Addr ip)
{
	netip_Addr zero = { { 0, 0 }, z0 };

	ip.addr = netip_uint128_addOne(ip.addr);
	if (netip_Addr_Is4(ip)) {
		if ((uint32_t)ip.addr.lo == 0)
			return zero;
	} else if (netip_uint128_isZero(ip.addr))
		return zero;
	return ip;
}

netip_Addr
netip_Addr_Prev(netip_Addr ip)
{
	netip_Addr zero = { { 0, 0 }, z0 };

	if (netip_Addr_Is4(ip)) {
		if ((uint32_t)ip.addr.lo == 0)
			return zero;
	} else if (netip_uint128_isZero(ip.addr))
		return zero;
	ip.addr = netip_uint128_subOne(ip.addr);
	return ip;
}

static void
appendDecimal(appendBuf *a, uint8_t x)
{
	if (x >= 100)
		appendByte(a, digits[x / 100]);
	if (x >= 10)
		appendByte(a, digits[x / 10 % 10]);
	appendByte(a, digits[x % 10]);
}

static void
appendHex(appendBuf *a, uint16_t x)
{
	if (x >= 0x1000)
		appendByte(a, digits[x >> 12]);
	if (x >= 0x100)
		appendByte(a, digits[x >> 8 & 0xf]);
	if (x >= 0x10)
		appendByte(a, digits[x >> 4 & 0xf]);
	appendByte(a, digits[x & 0xf]);
}

static void
appendHexPad(appendBuf *a, uint16_t x)
{
	appendByte(a, digits[x >> 12]);
	appendByte(a, digits[x >> 8 & 0xf]);
	appendByte(a, digits[x >> 4 & 0xf]);
	appendByte(a, digits[x & 0xf]);
}

static void
appendZone(appendBuf *a, netip_Addr ip)
{
	appendByte(a, '%');
	appendBytes(a, ip.z->s, ip.z->len);
}

static void
appendTo4(appendBuf *a, netip_Addr ip)
{
	appendDecimal(a, netip_Addr_v4(ip, 0));
	appendByte(a, '.');
	appendDecimal(a, netip_Addr_v4(ip, 1));
	appendByte(a, '.');
	appendDecimal(a, netip_Addr_v4(ip, 2));
	appendByte(a, '.');
	appendDecimal(a, netip_Addr_v4(ip, 3));
}

/* appendTo6 follows RFC 5952 section 4: the longest zero run becomes "::". */
static void
appendTo6(appendBuf *a, netip_Addr ip)
{
	uint8_t zeroStart = 255, zeroEnd = 255, i, j;

	for (i = 0; i < 8; i++) {
		j = i;
		while (j < 8 && netip_Addr_v6u16(ip, j) == 0)
			j++;
		if (j - i >= 2 && j - i > zeroEnd - zeroStart) {
			zeroStart = i;
			zeroEnd = j;
		}
	}
	for (i = 0; i < 8; i++) {
		if (i == zeroStart) {
			appendBytes(a, "::", 2);
			i = zeroEnd;
			if (i >= 8)
				break;
		} else if (i > 0)
			appendByte(a, ':');
		appendHex(a, netip_Addr_v6u16(ip, i));
	}
	if (ip.z != z6noz)
		appendZone(a, ip);
}

/* appendAddr is AppendTo's body: "" for the zero Addr, else String's text. */
static void
appendAddr(appendBuf *a, netip_Addr ip)
{
	if (ip.z == z0)
		return;
	if (ip.z == z4) {
		appendTo4(a, ip);
		return;
	}
	if (netip_Addr_Is4In6(ip)) {
		appendStr(a, "::ffff:");
		appendTo4(a, netip_Addr_Unmap(ip));
		if (netip_Addr_hasZone(ip))
			appendZone(a, ip);
		return;
	}
	appendTo6(a, ip);
}

static char *
addrString(netip_Addr ip)
{
	char	  stack[64];
	appendBuf a = { stack, 0, sizeof(stack) };

	appendAddr(&a, ip);
	if (a.len <= a.cap)
		return finishString(&a, stack);
	a.b = runtime_malloc(a.len + 1);
	a.cap = a.len;
	a.len = 0;
	appendAddr(&a, ip);
	return a.b;
}

char *
netip_Addr_String(netip_Addr ip)
{
	if (ip.z == z0)
		return runtime_strdup("invalid IP");
	return addrString(ip);
}

size_t
netip_Addr_AppendTo(netip_Addr ip, char *b, size_t len, size_t cap)
{
	appendBuf a = { b, len, cap };

	appendAddr(&a, ip);
	return a.len;
}

static void
appendExpanded(appendBuf *a, netip_Addr ip)
{
	uint8_t i;

	for (i = 0; i < 8; i++) {
		if (i > 0)
			appendByte(a, ':');
		appendHexPad(a, netip_Addr_v6u16(ip, i));
	}
	if (ip.z != z6noz)
		appendZone(a, ip);
}

char *
netip_Addr_StringExpanded(netip_Addr ip)
{
	appendBuf a = { NULL, 0, 0 };

	if (ip.z == z0 || ip.z == z4)
		return netip_Addr_String(ip);
	appendExpanded(&a, ip);
	a.b = runtime_malloc(a.len + 1);
	a.cap = a.len;
	a.len = 0;
	appendExpanded(&a, ip);
	return a.b;
}

runtime_error *
netip_Addr_MarshalText(netip_Addr ip, char **text)
{
	*text = addrString(ip);
	return NULL;
}

runtime_error *
netip_Addr_UnmarshalText(netip_Addr *ip, const char *text)
{
	if (text[0] == '\0') {
		memset(ip, 0, sizeof(*ip));
		return NULL;
	}
	return netip_ParseAddr(text, ip);
}

static uint8_t *
marshalBinaryWithTrailingBytes(netip_Addr ip, size_t trailingBytes, size_t *n)
{
	uint8_t *b;

	if (ip.z == z0) {
		*n = trailingBytes;
		b = runtime_malloc(*n + 1);
	} else if (ip.z == z4) {
		*n = 4 + trailingBytes;
		b = runtime_malloc(*n);
		netip_bePutUint32(b, (uint32_t)ip.addr.lo);
	} else {
		*n = 16 + ip.z->len + trailingBytes;
		b = runtime_malloc(*n);
		netip_Addr_As16(ip, b);
		memcpy(b + 16, ip.z->s, ip.z->len);
	}
	return b;
}

runtime_error *
netip_Addr_MarshalBinary(netip_Addr ip, uint8_t **b, size_t *n)
{
	*b = marshalBinaryWithTrailingBytes(ip, 0, n);
	return NULL;
}

/* On error *ip is left as it was, as Go's is. */
runtime_error *
netip_Addr_UnmarshalBinary(netip_Addr *ip, const uint8_t *b, size_t n)
{
	if (n == 0)
		memset(ip, 0, sizeof(*ip));
	else if (n == 4)
		*ip = netip_AddrFrom4(b);
	else if (n == 16)
		*ip = netip_AddrFrom16(b);
	else if (n > 16)
		*ip = netip_Addr_withZone(
		    netip_AddrFrom16(b), (const char *)b + 16, n - 16);
	else
		return errors_New("unexpected slice size");
	return NULL;
}

netip_AddrPort
netip_AddrPortFrom(netip_Addr ip, uint16_t port)
{
	netip_AddrPort p;

	memset(&p, 0, sizeof(p));
	p.ip = ip;
	p.port = port;
	return p;
}

netip_Addr
netip_AddrPort_Addr(netip_AddrPort p)
{
	return p.ip;
}

uint16_t
netip_AddrPort_Port(netip_AddrPort p)
{
	return p.port;
}

/*
 * splitAddrPort splits "ip:port" or "[ip]:port" at the last colon; v6
 * says the brackets were there.  The pieces point into s.
 */
static runtime_error *
splitAddrPort(const char *s, size_t n, const char **ip, size_t *iplen,
    const char **port, size_t *portlen, bool *v6)
{
	ptrdiff_t i;

	*v6 = false;
	if ((i = netip_stringsLastIndexByte(s, n, ':')) == -1)
		return errors_New("not an ip:port");
	*ip = s;
	*iplen = (size_t)i;
	*port = s + i + 1;
	*portlen = n - (size_t)i - 1;
	if (*iplen == 0)
		return errors_New("no IP");
	if (*portlen == 0)
		return errors_New("no port");
	if ((*ip)[0] == '[') {
		if (*iplen < 2 || (*ip)[*iplen - 1] != ']')
			return errors_New("missing ]");
		(*ip)++;
		*iplen -= 2;
		*v6 = true;
	}
	return NULL;
}

/* parseUint16 is strconv.ParseUint(s, 10, 16) without its error value. */
static bool
parseUint16(const char *s, size_t n, uint16_t *v)
{
	uint32_t x = 0;
	size_t	 i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		x = x * 10 + (uint32_t)(s[i] - '0');
		if (x > 0xffff)
			return false;
	}
	*v = (uint16_t)x;
	return true;
}

/* errorQuoted is errors.New(a + strconv.Quote(q) + b), Go's usual shape. */
static runtime_error *
errorQuoted(const char *a, const char *q, size_t qlen, const char *b)
{
	runtime_error *err;
	char	      *qs, *s;

	qs = strconv_Quote(q, qlen);
	s = runtime_concatstrings(a, qs, b, NULL);
	err = errors_New(s);
	free(s);
	free(qs);
	return err;
}

static runtime_error *
parseAddrPort(const char *s, netip_AddrPort *ipp)
{
	runtime_error *err;
	const char    *ip = NULL, *port = NULL;
	size_t	       iplen = 0, portlen = 0, n = strlen(s);
	bool	       v6;
	char	      *qp, *t;

	if ((err = splitAddrPort(s, n, &ip, &iplen, &port, &portlen, &v6)))
		return err;
	if (!parseUint16(port, portlen, &ipp->port)) {
		qp = strconv_Quote(port, portlen);
		t = runtime_concatstrings(
		    "invalid port ", qp, " parsing ", NULL);
		err = errorQuoted(t, s, n, "");
		free(t);
		free(qp);
		return err;
	}
	if ((err = parseAddr(ip, iplen, &ipp->ip)) != NULL)
		return err;
	if (v6 && netip_Addr_Is4(ipp->ip))
		return errorQuoted("invalid ip:port ", s, n,
		    ", square brackets can only be used with IPv6 addresses");
	else if (!v6 && netip_Addr_Is6(ipp->ip))
		return errorQuoted("invalid ip:port ", s, n,
		    ", IPv6 addresses must be surrounded by square brackets");
	return NULL;
}

/* On error *p is the zero AddrPort. */
runtime_error *
netip_ParseAddrPort(const char *s, netip_AddrPort *p)
{
	runtime_error *err;

	memset(p, 0, sizeof(*p));
	if ((err = parseAddrPort(s, p)) != NULL)
		memset(p, 0, sizeof(*p));
	return err;
}

netip_AddrPort
netip_MustParseAddrPort(const char *s)
{
	runtime_error *err;
	netip_AddrPort p;

	if ((err = netip_ParseAddrPort(s, &p)) != NULL)
		runtime_throw(runtime_error_Error(err));
	return p;
}

bool
netip_AddrPort_IsValid(netip_AddrPort p)
{
	return netip_Addr_IsValid(p.ip);
}

static void
appendUint(appendBuf *a, unsigned v)
{
	char   tmp[12];
	size_t i = sizeof(tmp);

	do
		tmp[--i] = digits[v % 10];
	while ((v /= 10) != 0);
	appendBytes(a, tmp + i, sizeof(tmp) - i);
}

static void
appendAddrPort(appendBuf *a, netip_AddrPort p)
{
	if (p.ip.z == z0)
		return;
	if (p.ip.z == z4)
		appendTo4(a, p.ip);
	else {
		appendByte(a, '[');
		appendAddr(a, p.ip);
		appendByte(a, ']');
	}
	appendByte(a, ':');
	appendUint(a, p.port);
}

static char *
addrPortString(netip_AddrPort p)
{
	appendBuf a = { NULL, 0, 0 };

	appendAddrPort(&a, p);
	a.b = runtime_malloc(a.len + 1);
	a.cap = a.len;
	a.len = 0;
	appendAddrPort(&a, p);
	return a.b;
}

char *
netip_AddrPort_String(netip_AddrPort p)
{
	if (p.ip.z == z0)
		return runtime_strdup("invalid AddrPort");
	return addrPortString(p);
}

size_t
netip_AddrPort_AppendTo(netip_AddrPort p, char *b, size_t len, size_t cap)
{
	appendBuf a = { b, len, cap };

	appendAddrPort(&a, p);
	return a.len;
}

runtime_error *
netip_AddrPort_MarshalText(netip_AddrPort p, char **text)
{
	*text = addrPortString(p);
	return NULL;
}

runtime_error *
netip_AddrPort_UnmarshalText(netip_AddrPort *p, const char *text)
{
	if (text[0] == '\0') {
		memset(p, 0, sizeof(*p));
		return NULL;
	}
	return netip_ParseAddrPort(text, p);
}

/* The port follows the Addr's bytes, little-endian. */
runtime_error *
netip_AddrPort_MarshalBinary(netip_AddrPort p, uint8_t **b, size_t *n)
{
	*b = marshalBinaryWithTrailingBytes(p.ip, 2, n);
	netip_lePutUint16(*b + *n - 2, p.port);
	return NULL;
}

runtime_error *
netip_AddrPort_UnmarshalBinary(netip_AddrPort *p, const uint8_t *b, size_t n)
{
	runtime_error *err;
	netip_Addr     addr = { { 0, 0 }, z0 };

	if (n < 2)
		return errors_New("unexpected slice size");
	if ((err = netip_Addr_UnmarshalBinary(&addr, b, n - 2)) != NULL)
		return err;
	*p = netip_AddrPortFrom(addr, netip_leUint16(b + n - 2));
	return NULL;
}

enum { invalidPrefixBits = -1 };

netip_Prefix
netip_PrefixFrom(netip_Addr ip, int bits)
{
	netip_Prefix p;

	if (bits < 0 || bits > netip_Addr_BitLen(ip))
		bits = invalidPrefixBits;
	memset(&p, 0, sizeof(p));
	p.ip = netip_Addr_withoutZone(ip);
	p.bits = (int16_t)bits;
	return p;
}

netip_Addr
netip_Prefix_Addr(netip_Prefix p)
{
	return p.ip;
}

int
netip_Prefix_Bits(netip_Prefix p)
{
	return p.bits;
}

bool
netip_Prefix_IsValid(netip_Prefix p)
{
	return !netip_Addr_isZero(p.ip) && p.bits >= 0 &&
	    p.bits <= netip_Addr_BitLen(p.ip);
}

bool
netip_Prefix_isZero(netip_Prefix p)
{
	netip_Addr zero = { { 0, 0 }, z0 };

	return addrEqual(p.ip, zero) && p.bits == 0;
}

bool
netip_Prefix_IsSingleIP(netip_Prefix p)
{
	return p.bits != 0 && p.bits == netip_Addr_BitLen(p.ip);
}

/* strconvAtoi is strconv.Atoi: a sign, decimal digits, int64 range. */
static bool
strconvAtoi(const char *s, size_t n, int64_t *v)
{
	uint64_t x = 0, max = (uint64_t)INT64_MAX;
	bool	 neg = false;
	size_t	 i = 0;

	if (n > 0 && (s[0] == '+' || s[0] == '-')) {
		neg = s[0] == '-';
		i = 1;
		max += neg;
	}
	if (i == n)
		return false;
	for (; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		if (x > (max - (uint64_t)(s[i] - '0')) / 10)
			return false;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	*v = neg ? (int64_t)(0 - x) : (int64_t)x;
	return true;
}

static runtime_error *
prefixError(const char *s, size_t n, const char *msg)
{
	return errorQuoted("netip.ParsePrefix(", s, n, msg);
}

static runtime_error *
parsePrefix(const char *s, netip_Prefix *p)
{
	runtime_error *err;
	netip_Addr     ip;
	ptrdiff_t      i;
	int64_t	       bits;
	size_t	       n = strlen(s);
	char	      *msg, *qb;
	int	       maxBits;

	if ((i = netip_stringsLastIndexByte(s, n, '/')) < 0)
		return prefixError(s, n, "): no '/'");
	if ((err = parseAddr(s, (size_t)i, &ip)) != NULL) {
		msg = runtime_concatstrings(
		    "): ", runtime_error_Error(err), NULL);
		runtime_error_Free(err);
		err = prefixError(s, n, msg);
		free(msg);
		return err;
	}
	if (netip_Addr_Is6(ip) && ip.z != z6noz)
		return prefixError(
		    s, n, "): IPv6 zones cannot be present in a prefix");
	if (!strconvAtoi(s + i + 1, n - (size_t)i - 1, &bits)) {
		qb = strconv_Quote(s + i + 1, n - (size_t)i - 1);
		msg = runtime_concatstrings(
		    "): bad bits after slash: ", qb, NULL);
		err = prefixError(s, n, msg);
		free(msg);
		free(qb);
		return err;
	}
	maxBits = netip_Addr_Is6(ip) ? 128 : 32;
	if (bits < 0 || bits > maxBits)
		return prefixError(s, n, "): prefix length out of range");
	*p = netip_PrefixFrom(ip, (int)bits);
	return NULL;
}

/* On error *p is the zero Prefix. */
runtime_error *
netip_ParsePrefix(const char *s, netip_Prefix *p)
{
	memset(p, 0, sizeof(*p));
	return parsePrefix(s, p);
}

netip_Prefix
netip_MustParsePrefix(const char *s)
{
	runtime_error *err;
	netip_Prefix   p;

	if ((err = netip_ParsePrefix(s, &p)) != NULL)
		runtime_throw(runtime_error_Error(err));
	return p;
}

netip_Prefix
netip_Prefix_Masked(netip_Prefix p)
{
	runtime_error *err;
	netip_Prefix   m;

	if ((err = netip_Addr_Prefix(p.ip, p.bits, &m)) == NULL)
		return m;
	runtime_error_Free(err);
	memset(&m, 0, sizeof(m));
	return m;
}

bool
netip_Prefix_Contains(netip_Prefix p, netip_Addr ip)
{
	int f1, f2;

	if (!netip_Prefix_IsValid(p) || netip_Addr_hasZone(ip))
		return false;
	f1 = netip_Addr_BitLen(p.ip);
	f2 = netip_Addr_BitLen(ip);
	if (f1 == 0 || f2 == 0 || f1 != f2)
		return false;
	if (netip_Addr_Is4(ip)) {
		/*
		 * The xor marks differing bits; shifting off the host bits
		 * leaves zero exactly when the network bits agree.  A /0
		 * shifts by 32 of 64 bits, which C, like Go, defines.
		 */
		return (uint32_t)((ip.addr.lo ^ p.ip.addr.lo) >>
			   ((32 - p.bits) & 63)) == 0;
	}
	return netip_uint128_isZero(netip_uint128_and(
	    netip_uint128_xor(ip.addr, p.ip.addr), netip_mask6(p.bits)));
}

static bool
prefixEqual(netip_Prefix p, netip_Prefix o)
{
	return addrEqual(p.ip, o.ip) && p.bits == o.bits;
}

/*
 * Overlaps masks both to the shorter length itself, since neither prefix
 * need be Masked already.
 */
bool
netip_Prefix_Overlaps(netip_Prefix p, netip_Prefix o)
{
	runtime_error *err;
	int16_t	       minBits;

	if (!netip_Prefix_IsValid(p) || !netip_Prefix_IsValid(o))
		return false;
	if (prefixEqual(p, o))
		return true;
	if (netip_Addr_Is4(p.ip) != netip_Addr_Is4(o.ip))
		return false;
	minBits = p.bits < o.bits ? p.bits : o.bits;
	if (minBits == 0)
		return true;
	if ((err = netip_Addr_Prefix(p.ip, minBits, &p)) != NULL)
		goto fail;
	if ((err = netip_Addr_Prefix(o.ip, minBits, &o)) != NULL)
		goto fail;
	return addrEqual(p.ip, o.ip);
fail:
	runtime_error_Free(err);
	return false;
}

static void
appendPrefix(appendBuf *a, netip_Prefix p)
{
	if (netip_Prefix_isZero(p))
		return;
	if (!netip_Prefix_IsValid(p)) {
		appendStr(a, "invalid Prefix");
		return;
	}
	if (p.ip.z == z4)
		appendTo4(a, p.ip);
	else if (netip_Addr_Is4In6(p.ip)) {
		appendStr(a, "::ffff:");
		appendTo4(a, netip_Addr_Unmap(p.ip));
	} else
		appendTo6(a, p.ip);
	appendByte(a, '/');
	appendDecimal(a, (uint8_t)p.bits);
}

size_t
netip_Prefix_AppendTo(netip_Prefix p, char *b, size_t len, size_t cap)
{
	appendBuf a = { b, len, cap };

	appendPrefix(&a, p);
	return a.len;
}

runtime_error *
netip_Prefix_MarshalText(netip_Prefix p, char **text)
{
	appendBuf a = { NULL, 0, 0 };

	appendPrefix(&a, p);
	a.b = runtime_malloc(a.len + 1);
	a.cap = a.len;
	a.len = 0;
	appendPrefix(&a, p);
	*text = a.b;
	return NULL;
}

runtime_error *
netip_Prefix_UnmarshalText(netip_Prefix *p, const char *text)
{
	if (text[0] == '\0') {
		memset(p, 0, sizeof(*p));
		return NULL;
	}
	return netip_ParsePrefix(text, p);
}

/* The prefix length follows the zoneless Addr's bytes. */
runtime_error *
netip_Prefix_MarshalBinary(netip_Prefix p, uint8_t **b, size_t *n)
{
	*b = marshalBinaryWithTrailingBytes(netip_Addr_withoutZone(p.ip), 1, n);
	(*b)[*n - 1] = (uint8_t)p.bits;
	return NULL;
}

runtime_error *
netip_Prefix_UnmarshalBinary(netip_Prefix *p, const uint8_t *b, size_t n)
{
	runtime_error *err;
	netip_Addr     addr = { { 0, 0 }, z0 };

	if (n < 1)
		return errors_New("unexpected slice size");
	if ((err = netip_Addr_UnmarshalBinary(&addr, b, n - 1)) != NULL)
		return err;
	*p = netip_PrefixFrom(addr, b[n - 1]);
	return NULL;
}

char *
netip_Prefix_String(netip_Prefix p)
{
	char *ip, *s;

	if (!netip_Prefix_IsValid(p))
		return runtime_strdup("invalid Prefix");
	ip = netip_Addr_String(p.ip);
	s = runtime_sprintf("%s/%d", ip, p.bits);
	free(ip);
	return s;
}
