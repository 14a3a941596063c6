/*
 * Fuzz target for net/netip: Go 1.19's FuzzParse (src/net/netip/
 * fuzz_test.go) with its properties.  ParseAddr, ParseAddrPort and
 * ParsePrefix results that are valid survive String and parse again
 * unchanged, and their text and binary forms round trip, agree with
 * String and with AppendTo; without a zone, ParseAddr agrees with
 * net.ParseIP on validity, text and every predicate; Next and Prev undo
 * each other.  Seeds: Go's FuzzParse corpus.
 */
#include "tests/fuzz/fuzz.h"

#include "net/netip/netip.h"

/*
 * netipType is Go's netipType interface over the three value types, so
 * that one checkEncoding and one checkStringParseRoundTrip serve all.
 */
typedef struct netipType {
	const char *name;
	bool (*IsValid)(const void *x);
	char *(*String)(const void *x);
	runtime_error *(*MarshalText)(const void *x, char **text);
	runtime_error *(*UnmarshalText)(void *y, const char *text);
	runtime_error *(*MarshalBinary)(const void *x, uint8_t **b, size_t *n);
	runtime_error *(*UnmarshalBinary)(void *y, const uint8_t *b, size_t n);
	size_t (*AppendTo)(const void *x, char *b, size_t len, size_t cap);
	runtime_error *(*parse)(const char *s, void *y);
	bool (*equal)(const void *x, const void *y); /* Go's == */
} netipType;

/* NETIP_TYPE defines the wrappers and the table for netip_T. */
#define NETIP_TYPE(T, eq)                                                      \
	static bool T##_IsValid(const void *x)                                 \
	{                                                                      \
		return netip_##T##_IsValid(*(const netip_##T *)x);             \
	}                                                                      \
	static char *T##_String(const void *x)                                 \
	{                                                                      \
		return netip_##T##_String(*(const netip_##T *)x);              \
	}                                                                      \
	static runtime_error *T##_MarshalText(const void *x, char **text)      \
	{                                                                      \
		return netip_##T##_MarshalText(*(const netip_##T *)x, text);   \
	}                                                                      \
	static runtime_error *T##_UnmarshalText(void *y, const char *text)     \
	{                                                                      \
		return netip_##T##_UnmarshalText(y, text);                     \
	}                                                                      \
	static runtime_error *T##_MarshalBinary(                               \
	    const void *x, uint8_t **b, size_t *n)                             \
	{                                                                      \
		return netip_##T##_MarshalBinary(*(const netip_##T *)x, b, n); \
	}                                                                      \
	static runtime_error *T##_UnmarshalBinary(                             \
	    void *y, const uint8_t *b, size_t n)                               \
	{                                                                      \
		return netip_##T##_UnmarshalBinary(y, b, n);                   \
	}                                                                      \
	static size_t T##_AppendTo(                                            \
	    const void *x, char *b, size_t len, size_t cap)                    \
	{                                                                      \
		return netip_##T##_AppendTo(                                   \
		    *(const netip_##T *)x, b, len, cap);                       \
	}                                                                      \
	static bool T##_equal(const void *x, const void *y)                    \
	{                                                                      \
		return eq(*(const netip_##T *)x, *(const netip_##T *)y);       \
	}                                                                      \
	static const netipType T##Type = {                                     \
		#T,                                                            \
		T##_IsValid,                                                   \
		T##_String,                                                    \
		T##_MarshalText,                                               \
		T##_UnmarshalText,                                             \
		T##_MarshalBinary,                                             \
		T##_UnmarshalBinary,                                           \
		T##_AppendTo,                                                  \
		T##_parse,                                                     \
		T##_equal,                                                     \
	}

static bool
addrEqual(netip_Addr x, netip_Addr y)
{
	return netip_Addr_Compare(x, y) == 0;
}

static bool
addrPortEqual(netip_AddrPort x, netip_AddrPort y)
{
	return addrEqual(netip_AddrPort_Addr(x), netip_AddrPort_Addr(y)) &&
	    netip_AddrPort_Port(x) == netip_AddrPort_Port(y);
}

static bool
prefixEqual(netip_Prefix x, netip_Prefix y)
{
	return addrEqual(netip_Prefix_Addr(x), netip_Prefix_Addr(y)) &&
	    netip_Prefix_Bits(x) == netip_Prefix_Bits(y);
}

static runtime_error *
Addr_parse(const char *s, void *y)
{
	return netip_ParseAddr(s, y);
}

static runtime_error *
AddrPort_parse(const char *s, void *y)
{
	return netip_ParseAddrPort(s, y);
}

static runtime_error *
Prefix_parse(const char *s, void *y)
{
	return netip_ParsePrefix(s, y);
}

NETIP_TYPE(Addr, addrEqual);
NETIP_TYPE(AddrPort, addrPortEqual);
NETIP_TYPE(Prefix, prefixEqual);

/* Room for any of the three values, zeroed as Go's reflect.New gives. */
typedef union anyValue {
	netip_Addr     a;
	netip_AddrPort ap;
	netip_Prefix   p;
} anyValue;

static void
mustOK(runtime_error *err, const netipType *t, const char *what)
{
	if (err != NULL)
		fuzz_fail("%s.%s: %s", t->name, what, runtime_error_Error(err));
}

/* checkTextMarshaler: MarshalText, UnmarshalText, MarshalText again. */
static void
checkTextMarshaler(const netipType *t, const void *x)
{
	anyValue y;
	char	*buf, *buf2;

	memset(&y, 0, sizeof(y));
	mustOK(t->MarshalText(x, &buf), t, "MarshalText");
	mustOK(t->UnmarshalText(&y, buf), t, "UnmarshalText");
	if (!t->equal(x, &y))
		fuzz_fail("%s: MarshalText/UnmarshalText failed to round trip "
			  "%s",
		    t->name, buf);
	mustOK(t->MarshalText(&y, &buf2), t, "MarshalText (second)");
	if (strcmp(buf, buf2) != 0)
		fuzz_fail("%s: second MarshalText differs from first: %s != %s",
		    t->name, buf, buf2);
	free(buf);
	free(buf2);
}

static void
checkBinaryMarshaler(const netipType *t, const void *x)
{
	anyValue y;
	uint8_t *buf, *buf2;
	size_t	 n, n2;

	memset(&y, 0, sizeof(y));
	mustOK(t->MarshalBinary(x, &buf, &n), t, "MarshalBinary");
	mustOK(t->UnmarshalBinary(&y, buf, n), t, "UnmarshalBinary");
	if (!t->equal(x, &y))
		fuzz_fail("%s: MarshalBinary/UnmarshalBinary failed to round "
			  "trip",
		    t->name);
	mustOK(t->MarshalBinary(&y, &buf2, &n2), t, "MarshalBinary (second)");
	if (n != n2 || (n != 0 && memcmp(buf, buf2, n) != 0))
		fuzz_fail(
		    "%s: second MarshalBinary differs from first", t->name);
	free(buf);
	free(buf2);
}

static void
checkTextMarshalMatchesString(const netipType *t, const void *x)
{
	char *buf, *str;

	mustOK(t->MarshalText(x, &buf), t, "MarshalText");
	str = t->String(x);
	if (strcmp(buf, str) != 0)
		fuzz_fail(
		    "%s: MarshalText = %s, String = %s", t->name, buf, str);
	free(buf);
	free(str);
}

/* AppendTo into a buffer exactly as long as MarshalText's text. */
static void
checkTextMarshalMatchesAppendTo(const netipType *t, const void *x)
{
	char  *buf, *buf2;
	size_t n, n2;

	mustOK(t->MarshalText(x, &buf), t, "MarshalText");
	n = strlen(buf);
	buf2 = malloc(n + 1);
	n2 = t->AppendTo(x, buf2, 0, n);
	if (n2 != n || memcmp(buf, buf2, n) != 0)
		fuzz_fail("%s: MarshalText = %s, AppendTo = %.*s", t->name, buf,
		    (int)(n2 < n ? n2 : n), buf2);
	free(buf);
	free(buf2);
}

static void
checkEncoding(const netipType *t, const void *x)
{
	if (t->IsValid(x)) {
		checkTextMarshaler(t, x);
		checkBinaryMarshaler(t, x);
		checkTextMarshalMatchesString(t, x);
	}
	checkTextMarshalMatchesAppendTo(t, x);
}

static void
checkStringParseRoundTrip(const netipType *t, const void *x)
{
	anyValue y;
	char	*s, *s2;

	if (!t->IsValid(x))
		return;
	s = t->String(x);
	memset(&y, 0, sizeof(y));
	mustOK(t->parse(s, &y), t, "parse of String");
	if (!t->equal(x, &y))
		fuzz_fail("%s round trip identity failure: s=%s", t->name, s);
	s2 = t->String(&y);
	if (strcmp(s, s2) != 0)
		fuzz_fail("%s String round trip identity failure: %s != %s",
		    t->name, s, s2);
	free(s);
	free(s2);
}

/* checkPredicates compares ip with net.ParseIP(s) (no zone in s). */
static void
checkPredicates(const char *s, netip_Addr ip)
{
	runtime_error *err;
	net_IP	       stdip;
	char	      *buf, *buf2, *a, *b;

	stdip = net_ParseIP(s);
	if (!netip_Addr_IsValid(ip) != (stdip.len == 0))
		fuzz_fail("ParseAddr zero != net.ParseIP nil: %s", s);
	if (!netip_Addr_IsValid(ip) || netip_Addr_Is4In6(ip))
		return;
	mustOK(netip_Addr_MarshalText(ip, &buf), &AddrType, "MarshalText");
	if ((err = net_IP_MarshalText(stdip, &buf2)) != NULL)
		fuzz_fail("net.IP.MarshalText: %s", runtime_error_Error(err));
	if (strcmp(buf, buf2) != 0)
		fuzz_fail("Addr.MarshalText() != net.IP.MarshalText(): %s", s);
	a = netip_Addr_String(ip);
	b = net_IP_String(stdip);
	if (strcmp(a, b) != 0)
		fuzz_fail("Addr.String() != net.IP.String(): %s", s);
	if (netip_Addr_IsGlobalUnicast(ip) != net_IP_IsGlobalUnicast(stdip) ||
	    netip_Addr_IsInterfaceLocalMulticast(ip) !=
		net_IP_IsInterfaceLocalMulticast(stdip) ||
	    netip_Addr_IsLinkLocalMulticast(ip) !=
		net_IP_IsLinkLocalMulticast(stdip) ||
	    netip_Addr_IsLinkLocalUnicast(ip) !=
		net_IP_IsLinkLocalUnicast(stdip) ||
	    netip_Addr_IsLoopback(ip) != net_IP_IsLoopback(stdip) ||
	    netip_Addr_IsMulticast(ip) != net_IP_IsMulticast(stdip) ||
	    netip_Addr_IsPrivate(ip) != net_IP_IsPrivate(stdip) ||
	    netip_Addr_IsUnspecified(ip) != net_IP_IsUnspecified(stdip))
		fuzz_fail("an Addr predicate differs from net.IP's: %s", s);
	free(buf);
	free(buf2);
	free(a);
	free(b);
}

static void
checkNextPrev(netip_Addr ip)
{
	netip_Addr next, prev;

	if (!netip_Addr_IsValid(ip))
		return;
	next = netip_Addr_Next(ip);
	if (netip_Addr_IsValid(next) && !addrEqual(netip_Addr_Prev(next), ip))
		fuzz_fail(".Next.Prev did not round trip");
	prev = netip_Addr_Prev(ip);
	if (netip_Addr_IsValid(prev) && !addrEqual(netip_Addr_Next(prev), ip))
		fuzz_fail(".Prev.Next did not round trip");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	runtime_error *err;
	netip_Addr     ip;
	netip_AddrPort port;
	netip_Prefix   ipp;
	char	      *s;

	if ((s = fuzz_cstring(data, size)) == NULL)
		return 0;
	memset(&ip, 0, sizeof(ip));
	if ((err = netip_ParseAddr(s, &ip)) != NULL) {
		runtime_error_Free(err);
		memset(&ip, 0, sizeof(ip));
	}
	checkStringParseRoundTrip(&AddrType, &ip);
	checkEncoding(&AddrType, &ip);
	if (strchr(s, '%') == NULL)
		checkPredicates(s, ip);
	checkNextPrev(ip);

	if ((err = netip_ParseAddrPort(s, &port)) == NULL) {
		checkStringParseRoundTrip(&AddrPortType, &port);
		checkEncoding(&AddrPortType, &port);
	}
	runtime_error_Free(err);
	port = netip_AddrPortFrom(ip, 80);
	checkStringParseRoundTrip(&AddrPortType, &port);
	checkEncoding(&AddrPortType, &port);

	if ((err = netip_ParsePrefix(s, &ipp)) == NULL) {
		checkStringParseRoundTrip(&PrefixType, &ipp);
		checkEncoding(&PrefixType, &ipp);
	}
	runtime_error_Free(err);
	ipp = netip_PrefixFrom(ip, 8);
	checkStringParseRoundTrip(&PrefixType, &ipp);
	checkEncoding(&PrefixType, &ipp);
	free(s);
	return 0;
}
