/*
 * Fuzz target for net_ParseIP: Go's netip FuzzParse checks ParseAddr
 * against net.ParseIP; with no ParseAddr here, the properties are ParseIP's
 * own: a parsed IP is 16 bytes, its String re-parses to an equal IP and is
 * a fixed point, MarshalText and UnmarshalText agree with String and
 * ParseIP, an IPv4 answers the predicates alike in both its forms, and
 * ParseCIDR accepts the same text with a "/0".
 */
#include "tests/fuzz/fuzz.h"

/* checkForms compares the predicates of an IPv4 in its 4- and 16-byte forms. */
static void
checkForms(const char *s, net_IP ip)
{
	net_IP v4;

	v4 = net_IP_To4(ip);
	if (v4.len == 0)
		return;
	if (net_IP_IsUnspecified(v4) != net_IP_IsUnspecified(ip) ||
	    net_IP_IsLoopback(v4) != net_IP_IsLoopback(ip) ||
	    net_IP_IsPrivate(v4) != net_IP_IsPrivate(ip) ||
	    net_IP_IsMulticast(v4) != net_IP_IsMulticast(ip) ||
	    net_IP_IsLinkLocalMulticast(v4) !=
		net_IP_IsLinkLocalMulticast(ip) ||
	    net_IP_IsLinkLocalUnicast(v4) != net_IP_IsLinkLocalUnicast(ip) ||
	    net_IP_IsGlobalUnicast(v4) != net_IP_IsGlobalUnicast(ip))
		fuzz_fail("ParseIP(%s): To4 form answers differently", s);
	if (!net_IP_Equal(v4, ip) || !net_IP_Equal(net_IP_To16(v4), ip))
		fuzz_fail("ParseIP(%s): To4/To16 not Equal", s);
}

static void
checkText(const char *s, net_IP ip, const char *str)
{
	runtime_error *err;
	net_IP	       ip2;
	char	      *text;

	if ((err = net_IP_MarshalText(ip, &text)) != NULL)
		fuzz_fail(
		    "ParseIP(%s).MarshalText: %s", s, runtime_error_Error(err));
	if (strcmp(text, str) != 0)
		fuzz_fail(
		    "ParseIP(%s): MarshalText %s != String %s", s, text, str);
	free(text);
	ip2.len = 0;
	if ((err = net_IP_UnmarshalText(&ip2, s)) != NULL)
		fuzz_fail("UnmarshalText(%s): %s", s, runtime_error_Error(err));
	if (!net_IP_Equal(ip2, ip))
		fuzz_fail("UnmarshalText(%s) != ParseIP", s);
}

static void
checkCIDR(const char *s, net_IP ip)
{
	runtime_error *err;
	net_IPNet      n;
	net_IP	       cip;
	char	      *c;
	size_t	       len;

	len = strlen(s);
	c = malloc(len + 3);
	memcpy(c, s, len);
	memcpy(c + len, "/0", 3);
	if ((err = net_ParseCIDR(c, &cip, &n)) != NULL)
		fuzz_fail("ParseCIDR(%s): %s", c, runtime_error_Error(err));
	if (!net_IP_Equal(cip, ip))
		fuzz_fail("ParseCIDR(%s) disagrees with ParseIP", c);
	free(c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	net_IP ip, ip2;
	char  *s, *str, *str2;

	if ((s = fuzz_cstring(data, size)) == NULL)
		return 0;
	ip = net_ParseIP(s);
	if (ip.len == 0)
		goto out;
	if (ip.len != net_IPv6len)
		fuzz_fail("ParseIP(%s) has %d bytes", s, ip.len);
	str = net_IP_String(ip);
	ip2 = net_ParseIP(str);
	if (!net_IP_Equal(ip, ip2))
		fuzz_fail("ParseIP(%s) = %s, which re-parses unequal", s, str);
	str2 = net_IP_String(ip2);
	if (strcmp(str, str2) != 0)
		fuzz_fail("String not a fixed point: %s -> %s", str, str2);
	checkForms(s, ip);
	checkText(s, ip, str);
	checkCIDR(s, ip);
	free(str2);
	free(str);
out:
	free(s);
	return 0;
}
