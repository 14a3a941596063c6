/*
 * Fuzz target for ResolveTCPAddr, ResolveUDPAddr, ResolveIPAddr and
 * ResolveUnixAddr, each given the input's first line as the network and
 * the rest as the address.  Names never leave the process: the target
 * installs the lookup hook Go's error tests use, and it fails every name,
 * so only literals and empty hosts resolve.  The properties: a TCP, UDP or
 * IP address's String resolves again to the same address (but for an
 * IPv4 address with a zone, whose String Go cannot read back); a network
 * ending in 4 or 6 yields only that family; ports fit in 16 bits; a Unix
 * address keeps its name and network; failures return an error and no
 * address.
 */
#include "tests/fuzz/fuzz.h"

static runtime_error *
failLookup(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	(void)r;
	(void)ctx;
	(void)fn;
	(void)network;
	*addrs = NULL;
	*naddrs = 0;
	return net_newDNSError("no such host", host, "", false, false, true);
}

static bool
sameZone(const char *a, const char *b)
{
	return strcmp(a != NULL ? a : "", b != NULL ? b : "") == 0;
}

/*
 * checkFamily requires an IP of the family that the last digit of the
 * network names; for "ip4:1" that is the digit before the colon.
 */
static void
checkFamily(const char *network, const char *address, net_IP ip)
{
	char v, *afnet;

	if (ip.len != 0 && ip.len != 4 && ip.len != 16)
		fuzz_fail("Resolve(%s, %s): IP of %d bytes", network, address,
		    ip.len);
	afnet = strdup(network);
	afnet[strcspn(afnet, ":")] = '\0';
	v = net_ipVersion(afnet);
	free(afnet);
	if (ip.len != 0 && v == '4' && net_IP_To4(ip).len == 0)
		fuzz_fail("Resolve(%s, %s): not IPv4", network, address);
	if (ip.len != 0 && v == '6' && net_IP_To4(ip).len != 0)
		fuzz_fail("Resolve(%s, %s): not IPv6", network, address);
}

/*
 * inetAddr is a TCPAddr, UDPAddr or IPAddr (Port 0) as the checks see it:
 * p is the heap address (free() releases it) and str its String.
 */
typedef struct inetAddr {
	net_IP	    IP;
	int	    Port;
	const char *Zone;
	char	   *str;
	void	   *p;
} inetAddr;

typedef runtime_error *(*resolveFunc)(
    const char *network, const char *address, inetAddr *a);

static runtime_error *
resolveTCP(const char *network, const char *address, inetAddr *a)
{
	runtime_error *err;
	net_TCPAddr   *t;

	if ((err = net_ResolveTCPAddr(network, address, &t)) != NULL)
		*a = (inetAddr){ .p = t };
	else
		*a = (inetAddr){ t->IP, t->Port, t->Zone, net_TCPAddr_String(t),
			t };
	return err;
}

static runtime_error *
resolveUDP(const char *network, const char *address, inetAddr *a)
{
	runtime_error *err;
	net_UDPAddr   *u;

	if ((err = net_ResolveUDPAddr(network, address, &u)) != NULL)
		*a = (inetAddr){ .p = u };
	else
		*a = (inetAddr){ u->IP, u->Port, u->Zone, net_UDPAddr_String(u),
			u };
	return err;
}

static runtime_error *
resolveIP(const char *network, const char *address, inetAddr *a)
{
	runtime_error *err;
	net_IPAddr    *i;

	if ((err = net_ResolveIPAddr(network, address, &i)) != NULL)
		*a = (inetAddr){ .p = i };
	else
		*a = (inetAddr){ i->IP, 0, i->Zone, net_IPAddr_String(i), i };
	return err;
}

/*
 * v4zone says whether a is an IPv4 address with a zone, which only an
 * IPv4-mapped IPv6 literal with one gives ("[::ffff:1.2.3.4%eth0]:80").
 */
static bool
v4zone(inetAddr a)
{
	return a.Zone != NULL && a.Zone[0] != '\0' && net_IP_To4(a.IP).len != 0;
}

/*
 * checkV4Zone: such an address prints as "1.2.3.4%eth0:80", and Go 1.19
 * cannot read that back (run with real Go: ResolveTCPAddr of
 * "[::ffff:1e64:2%1~27.0.0.1]:80" is 30.100.0.2%1~27.0.0.1:80, and
 * resolving that fails with "no such host"): parseIPZone takes the dot
 * for IPv4, which has no zone, and the host goes to the lookup.  So here
 * the property is Go's failure.
 */
static void
checkV4Zone(const char *fn, resolveFunc resolve, const char *network,
    const char *address, inetAddr a)
{
	runtime_error *err;
	inetAddr       b;

	if ((err = resolve(network, a.str, &b)) == NULL)
		fuzz_fail("%s(%s, %s) = %s, which resolves, as Go's does not",
		    fn, network, address, a.str);
	runtime_error_Free(err);
	free(b.p);
}

/* checkRoundTrip: a's String resolves again to a. */
static void
checkRoundTrip(const char *fn, resolveFunc resolve, const char *network,
    const char *address, inetAddr a)
{
	runtime_error *err;
	inetAddr       b;

	if ((err = resolve(network, a.str, &b)) != NULL)
		fuzz_fail("%s(%s, %s) = %s, which fails: %s", fn, network,
		    address, a.str, runtime_error_Error(err));
	if (!net_IP_Equal(a.IP, b.IP) || a.Port != b.Port ||
	    !sameZone(a.Zone, b.Zone))
		fuzz_fail("%s(%s, %s) = %s, which resolves apart", fn, network,
		    address, a.str);
	free(b.str);
	free(b.p);
}

static void
checkInet(const char *fn, resolveFunc resolve, const char *network,
    const char *address)
{
	runtime_error *err;
	inetAddr       a;

	if ((err = resolve(network, address, &a)) != NULL) {
		if (a.p != NULL || runtime_error_Error(err)[0] == '\0')
			fuzz_fail(
			    "%s(%s, %s): bad failure", fn, network, address);
		runtime_error_Free(err);
		return;
	}
	checkFamily(network, address, a.IP);
	if (a.Port < 0 || a.Port > 65535)
		fuzz_fail("%s(%s, %s): port %d", fn, network, address, a.Port);
	if (v4zone(a))
		checkV4Zone(fn, resolve, network, address, a);
	else
		checkRoundTrip(fn, resolve, network, address, a);
	free(a.str);
	free(a.p);
}

static void
checkUnix(const char *network, const char *address)
{
	runtime_error *err;
	net_UnixAddr  *a;
	bool	       known;

	known = strcmp(network, "unix") == 0 ||
	    strcmp(network, "unixgram") == 0 ||
	    strcmp(network, "unixpacket") == 0;
	err = net_ResolveUnixAddr(network, address, &a);
	if ((err == NULL) != known || (err == NULL) == (a == NULL))
		fuzz_fail("ResolveUnixAddr(%s, %s): known %d, err %p", network,
		    address, known, (void *)err);
	if (err == NULL &&
	    (strcmp(a->Name, address) != 0 || strcmp(a->Net, network) != 0))
		fuzz_fail("ResolveUnixAddr(%s, %s) = %s, %s", network, address,
		    a->Name, a->Net);
	runtime_error_Free(err);
	free(a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *network, *address;

	net_testHookLookupIP = failLookup;
	if ((network = fuzz_cstring(data, size)) == NULL)
		return 0;
	if ((address = fuzz_split(network)) != NULL) {
		checkInet("ResolveTCPAddr", resolveTCP, network, address);
		checkInet("ResolveUDPAddr", resolveUDP, network, address);
		checkInet("ResolveIPAddr", resolveIP, network, address);
		checkUnix(network, address);
	}
	free(network);
	return 0;
}
