/*
 * Fuzz target for net_ParseCIDR.  The properties come from Go's
 * TestParseCIDR and TestIPNetContains: the network is the IP under the
 * mask, the mask is a prefix as long as the family's bits, the network
 * contains the IP, both String forms parse back to the same network, and
 * a failure is Go's ParseError for the whole text.
 */
#include "tests/fuzz/fuzz.h"

static void
checkError(const char *s, runtime_error *err)
{
	const char *want = "invalid CIDR address: ";

	if (strncmp(runtime_error_Error(err), want, strlen(want)) != 0 ||
	    strcmp(runtime_error_Error(err) + strlen(want), s) != 0)
		fuzz_fail(
		    "ParseCIDR(%s): error %s", s, runtime_error_Error(err));
}

/*
 * checkReparse parses text and requires the same network as n: the same
 * String, and for a network that is no IPv4-mapped one, the same bytes.
 */
static void
checkReparse(const char *s, const char *text, const net_IPNet *n)
{
	runtime_error *err;
	net_IPNet      n2;
	char	      *s1, *s2;

	if ((err = net_ParseCIDR(text, NULL, &n2)) != NULL)
		fuzz_fail("ParseCIDR(%s): %s does not re-parse: %s", s, text,
		    runtime_error_Error(err));
	s1 = net_IPNet_String(n);
	s2 = net_IPNet_String(&n2);
	if (strcmp(s1, s2) != 0 || !net_IP_Equal(n2.IP, n->IP))
		fuzz_fail("ParseCIDR(%s): %s re-parses to %s", s, s1, s2);
	if (net_IP_To4(n->IP).len == 0 &&
	    (n2.IP.len != n->IP.len || n2.Mask.len != n->Mask.len ||
		memcmp(n2.Mask.b, n->Mask.b, n->Mask.len) != 0))
		fuzz_fail(
		    "ParseCIDR(%s): %s re-parses to another network", s, text);
	free(s2);
	free(s1);
}

static void
checkNet(const char *s, net_IP ip, const net_IPNet *n)
{
	net_IP masked;
	char  *text, *ipstr, *full;
	int    ones, bits;
	bool   mapped;

	net_IPMask_Size(n->Mask, &ones, &bits);
	if (bits != 8 * n->Mask.len || (bits != 32 && bits != 128) ||
	    ones < 0 || ones > bits)
		fuzz_fail("ParseCIDR(%s): mask size %d/%d", s, ones, bits);
	masked = net_IP_Mask(ip, n->Mask);
	if (masked.len != n->IP.len || !net_IP_Equal(masked, n->IP) ||
	    n->IP.len != n->Mask.len)
		fuzz_fail("ParseCIDR(%s): network is not IP & mask", s);
	mapped = bits == 128 && net_IP_To4(ip).len != 0;
	if (!net_IPNet_Contains(n, ip) && !(mapped && ones < 96))
		fuzz_fail("ParseCIDR(%s): network lacks its IP", s);
	text = net_IPNet_String(n);
	checkReparse(s, text, n);
	free(text);
	if (mapped)
		return;
	ipstr = net_IP_String(ip);
	full = malloc(strlen(ipstr) + 8);
	snprintf(full, strlen(ipstr) + 8, "%s/%d", ipstr, ones);
	checkReparse(s, full, n);
	free(full);
	free(ipstr);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	runtime_error *err;
	net_IPNet      n;
	net_IP	       ip;
	char	      *s;

	if ((s = fuzz_cstring(data, size)) == NULL)
		return 0;
	if ((err = net_ParseCIDR(s, &ip, &n)) != NULL) {
		checkError(s, err);
		runtime_error_Free(err);
	} else
		checkNet(s, ip, &n);
	free(s);
	return 0;
}
