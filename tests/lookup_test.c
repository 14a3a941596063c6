/*
 * C port of go1.19 src/net/lookup_test.go: the tests that need no DNS.
 *
 * Left out, because they query real nameservers or need the DNS resolver:
 * TestLookupGoogleSRV, TestLookupGmailMX, TestLookupGmailNS,
 * TestLookupGmailTXT, TestLookupGooglePublicDNSAddr, TestLookupCNAME,
 * TestLookupGoogleHost, TestLookupLongTXT, TestLookupGoogleIP,
 * TestDNSFlood, TestLookupDotsWithRemoteSource, TestLookupNonLDH,
 * TestLookupContextCancel, TestNilResolverLookup, TestLookupHostCancel,
 * TestConcurrentPreferGoResolversDial, TestLookupNullByte,
 * TestResolverLookupIP, TestDNSTimeout.  Left out because gonet has no
 * LookupHost, LookupAddr, context or reverse lookup yet:
 * TestLookupIPv6LinkLocalAddr, TestReverseAddress,
 * TestLookupDotsWithLocalSource, TestLookupIPAddrPreservesContextValues,
 * TestLookupIPAddrConcurrentCallsForNetworks,
 * TestWithUnexpiredValuesPreserved.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/*
 * lookupLocalhost is the testHookLookupIP the dial tests install:
 * "localhost" is 127.0.0.1 then ::1, in that order, whatever the hosts
 * file says; other names go to fn.
 */
runtime_error *
lookupLocalhost(net_Resolver *r, net_lookupIPFunc fn, const char *network,
    const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_IP ips[2];

	if (strcmp(host, "localhost") != 0)
		return fn(r, network, host, addrs, naddrs);
	ips[0] = net_IPv4(127, 0, 0, 1);
	ips[1] = net_IPv6loopback;
	*addrs = net_newIPAddrs(ips, NULL, 2);
	*naddrs = 2;
	return NULL;
}

typedef struct lookupPortTest {
	const char *network;
	const char *name;
	int	    port;
	bool	    ok;
} lookupPortTest;

/*
 * Go appends {"tcp", "http", 80, true} on every system but Android, so
 * the Linux table carries it as its last row.
 */
static const lookupPortTest lookupPortTests[] = {
	{ "tcp", "0", 0, true },
	{ "udp", "0", 0, true },
	{ "udp", "domain", 53, true },

	{ "--badnet--", "zzz", 0, false },
	{ "tcp", "--badport--", 0, false },
	{ "tcp", "-1", 0, false },
	{ "tcp", "65536", 0, false },
	{ "udp", "-1", 0, false },
	{ "udp", "65536", 0, false },
	{ "tcp", "123456789", 0, false },

	/* Go issue 13610: LookupPort("tcp", ""). */
	{ "tcp", "", 0, true },
	{ "tcp4", "", 0, true },
	{ "tcp6", "", 0, true },
	{ "udp", "", 0, true },
	{ "udp4", "", 0, true },
	{ "udp6", "", 0, true },

	{ "tcp", "http", 80, true },
};

/*
 * parseLookupPortError is error_test.go's check that LookupPort fails
 * only with an AddrError or a DNSError.
 */
static const char *
parseLookupPortError(runtime_error *nestedErr)
{
	if (nestedErr == NULL)
		return NULL;
	if (nestedErr->type == &net_AddrErrorType ||
	    nestedErr->type == &net_DNSErrorType)
		return NULL;
	return nestedErr->type->name;
}

START_TEST(TestLookupPort)
{
	const lookupPortTest *tt;
	runtime_error	     *err;
	const char	     *perr;
	int		      port;

	tt = &lookupPortTests[_i];
	err = net_LookupPort(tt->network, tt->name, &port);
	if (port != tt->port || (err == NULL) != tt->ok)
		ck_abort_msg("LookupPort(\"%s\", \"%s\") = %d, %s; "
			     "want %d, error=%s",
		    tt->network, tt->name, port, runtime_error_Error(err),
		    tt->port, !tt->ok ? "true" : "false");
	if ((perr = parseLookupPortError(err)) != NULL)
		ck_abort_msg("unexpected type on 1st nested level: %s", perr);
	runtime_error_Free(err);
}
END_TEST

/*
 * TestLookupPort_Minimal needs only the table built into the package, so
 * it holds wherever /etc/services is missing or incomplete.
 */
static const struct {
	const char *network;
	const char *name;
	int	    port;
} lookupPortMinimalTests[] = {
	{ "tcp", "http", 80 },
	{ "tcp", "HTTP", 80 }, /* case shouldn't matter */
	{ "tcp", "https", 443 },
	{ "tcp", "ssh", 22 },
	{ "tcp", "gopher", 70 },
	{ "tcp4", "http", 80 },
	{ "tcp6", "http", 80 },
};

START_TEST(TestLookupPort_Minimal)
{
	runtime_error *err;
	int	       port;

	err = net_LookupPort(lookupPortMinimalTests[_i].network,
	    lookupPortMinimalTests[_i].name, &port);
	if (port != lookupPortMinimalTests[_i].port || err != NULL)
		ck_abort_msg("LookupPort(\"%s\", \"%s\") = %d, %s; "
			     "want %d, error=nil",
		    lookupPortMinimalTests[_i].network,
		    lookupPortMinimalTests[_i].name, port,
		    runtime_error_Error(err), lookupPortMinimalTests[_i].port);
}
END_TEST

static const struct {
	const char *name;
	int	    want;
} lookupProtocolMinimalTests[] = {
	{ "tcp", 6 },
	{ "TcP", 6 }, /* case shouldn't matter */
	{ "icmp", 1 },
	{ "igmp", 2 },
	{ "udp", 17 },
	{ "ipv6-icmp", 58 },
};

START_TEST(TestLookupProtocol_Minimal)
{
	runtime_error *err;
	int	       got;

	err = net_lookupProtocol(lookupProtocolMinimalTests[_i].name, &got);
	if (got != lookupProtocolMinimalTests[_i].want || err != NULL)
		ck_abort_msg("LookupProtocol(\"%s\") = %d, %s; "
			     "want %d, error=nil",
		    lookupProtocolMinimalTests[_i].name, got,
		    runtime_error_Error(err),
		    lookupProtocolMinimalTests[_i].want);
}
END_TEST

/*
 * The LookupIPAddr half of Go's test; the LookupHost half waits for
 * LookupHost.  Go skips the test without IPv6, but a literal with a zone
 * is parsed, never resolved, so it runs everywhere here.
 */
START_TEST(TestLookupIPv6LinkLocalAddrWithZone)
{
	runtime_error *err;
	net_IPAddr    *ipaddrs;
	int	       n, i;

	err =
	    net_Resolver_lookupIPAddr(NULL, "ip", "fe80::1%lo0", &ipaddrs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	for (i = 0; i < n; i++)
		ck_assert_msg(strcmp(ipaddrs[i].Zone, "lo0") == 0,
		    "wrong zone: want \"%s\", got \"%s\"", "lo0",
		    ipaddrs[i].Zone);
	free(ipaddrs);
}
END_TEST

static const struct {
	const char *network;
	char	    version;
} ipVersionTests[] = {
	{ "tcp", 0 },
	{ "tcp4", '4' },
	{ "tcp6", '6' },
	{ "udp", 0 },
	{ "udp4", '4' },
	{ "udp6", '6' },
	{ "ip", 0 },
	{ "ip4", '4' },
	{ "ip6", '6' },
	{ "ip7", 0 },
	{ "", 0 },
};

START_TEST(TestIPVersion)
{
	char version;

	version = net_ipVersion(ipVersionTests[_i].network);
	/* Go prints string(byte(0)) as a NUL; %c does the same. */
	ck_assert_msg(version == ipVersionTests[_i].version,
	    "Family for: %s. Expected: %c, Got: %c", ipVersionTests[_i].network,
	    ipVersionTests[_i].version, version);
}
END_TEST

Suite *
lookup_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("lookup");
	tc = newTCase("lookupPort");
	tcase_add_loop_test(tc, TestLookupPort, 0, nelem(lookupPortTests));
	tcase_add_loop_test(
	    tc, TestLookupPort_Minimal, 0, nelem(lookupPortMinimalTests));
	suite_add_tcase(s, tc);
	tc = newTCase("lookupProtocol");
	tcase_add_loop_test(tc, TestLookupProtocol_Minimal, 0,
	    nelem(lookupProtocolMinimalTests));
	suite_add_tcase(s, tc);
	tc = newTCase("lookupIPAddr");
	tcase_add_test(tc, TestLookupIPv6LinkLocalAddrWithZone);
	suite_add_tcase(s, tc);
	tc = newTCase("ipVersion");
	tcase_add_loop_test(tc, TestIPVersion, 0, nelem(ipVersionTests));
	suite_add_tcase(s, tc);
	return s;
}
