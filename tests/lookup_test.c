/*
 * C port of go1.19 src/net/lookup_test.go.  The tests Go runs against the
 * internet run against the namespace's own server (see mustHaveDNSNS).
 *
 * Left out: TestDNSFlood (off in Go too), TestLookupNullByte (a NUL cannot
 * cross the C API); still to port: the context-values tests
 * (TestLookupIPAddrPreservesContextValues,
 * TestLookupIPAddrConcurrentCallsForNetworks,
 * TestWithUnexpiredValuesPreserved: gonet's contexts carry no values).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/dnsclient.h"
#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/*
 * lookupLocalhost is the testHookLookupIP the dial tests install:
 * "localhost" is 127.0.0.1 then ::1, in that order, whatever the hosts
 * file says; other names go to fn.
 */
runtime_error *
lookupLocalhost(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_IP ips[2];

	if (strcmp(host, "localhost") != 0)
		return fn(r, ctx, network, host, addrs, naddrs);
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

	err = net_Resolver_lookupIPAddr(
	    NULL, NULL, "ip", "fe80::1%lo0", &ipaddrs, &n);
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

/*
 * The tests below that Go runs against the internet run here against the
 * nsd that tools/dnsns.sh starts in a private network namespace, serving
 * tests/testdata/dns: its zones hold records for the names these tests
 * ask about (google.com, gmail.com, golang.rsc.io, 8.8.8.8's PTR, ...)
 * that satisfy each test's checks.  They are test data, not the real
 * zones.  Outside that namespace the tests skip: no test may send a query
 * to the machine's nameserver.
 */
/*
 * mustHaveDNSNS skips the test (logged) and returns true unless it runs in
 * that namespace: GONET_DNSNS=1, and a resolv.conf that names loopback
 * servers only, so that a mistake in the environment cannot send a query
 * off the host.
 */
static bool
mustHaveDNSNS(void)
{
	net_dnsConfig *conf;
	const char    *v;
	int	       i;

	v = getenv("GONET_DNSNS");
	if (v == NULL || strcmp(v, "1") != 0) {
		tSkipf("needs the private DNS namespace with its own server: "
		       "run under tools/dnsns.sh, as make check does");
		return true;
	}
	runtime_error_Free(net_resolvConf_forceUpdate(
	    "/etc/resolv.conf", time_Time_Add(time_Now(), time_Hour)));
	conf = net_resolvConf_dnsConfig();
	for (i = 0; i < conf->nservers; i++)
		if (strcmp(conf->servers[i].p, "127.0.0.1:53") != 0 &&
		    strcmp(conf->servers[i].p, "[::1]:53") != 0) {
			tSkipf("/etc/resolv.conf names %s, not the namespace's "
			       "own server",
			    conf->servers[i].p);
			return true;
		}
	return false;
}

static bool
hasSuffixFold(const char *s, const char *suffix)
{
	size_t n, m;

	n = strlen(s);
	m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static const struct {
	const char *service, *proto, *name;
	const char *cname, *target;
} lookupGoogleSRVTests[] = {
	{ "ldap", "tcp", "google.com", "google.com.", "google.com." },
	{ "ldap", "tcp", "google.com.", "google.com.", "google.com." },
	/* The non-standard back door: the whole name in name. */
	{ "", "", "_ldap._tcp.google.com", "google.com.", "google.com." },
	{ "", "", "_ldap._tcp.google.com.", "google.com.", "google.com." },
};

START_TEST(TestLookupGoogleSRV)
{
	runtime_error *err;
	net_SRV	      *srvs;
	char	      *cname;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupSRV(lookupGoogleSRVTests[_i].service,
	    lookupGoogleSRVTests[_i].proto, lookupGoogleSRVTests[_i].name,
	    &cname, &srvs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	ck_assert_msg(hasSuffixFold(cname, lookupGoogleSRVTests[_i].cname),
	    "got %s; want %s", cname, lookupGoogleSRVTests[_i].cname);
	for (i = 0; i < n; i++)
		ck_assert_msg(hasSuffixFold(srvs[i].Target,
				  lookupGoogleSRVTests[_i].target),
		    "got %s; want a record containing %s", srvs[i].Target,
		    lookupGoogleSRVTests[_i].target);
	free(cname);
	free(srvs);
}
END_TEST

static const struct {
	const char *name, *host;
} lookupGmailMXTests[] = {
	{ "gmail.com", "google.com." },
	{ "gmail.com.", "google.com." },
};

START_TEST(TestLookupGmailMX)
{
	runtime_error *err;
	net_MX	      *mxs;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupMX(lookupGmailMXTests[_i].name, &mxs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	for (i = 0; i < n; i++)
		ck_assert_msg(
		    hasSuffixFold(mxs[i].Host, lookupGmailMXTests[_i].host),
		    "got %s; want a record containing %s", mxs[i].Host,
		    lookupGmailMXTests[_i].host);
	free(mxs);
}
END_TEST

START_TEST(TestLookupGmailNS)
{
	runtime_error *err;
	net_NS	      *nss;
	int	       n, i;

	/* Go's lookupGmailNSTests are the MX table's rows. */
	if (mustHaveDNSNS())
		return;
	err = net_LookupNS(lookupGmailMXTests[_i].name, &nss, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	for (i = 0; i < n; i++)
		ck_assert_msg(
		    hasSuffixFold(nss[i].Host, lookupGmailMXTests[_i].host),
		    "got %s; want a record containing %s", nss[i].Host,
		    lookupGmailMXTests[_i].host);
	free(nss);
}
END_TEST

static const struct {
	const char *name, *txt, *host;
} lookupGmailTXTTests[] = {
	{ "gmail.com", "spf", "google.com" },
	{ "gmail.com.", "spf", "google.com" },
};

START_TEST(TestLookupGmailTXT)
{
	runtime_error *err;
	char	     **txts, *dotted;
	bool	       found;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupTXT(lookupGmailTXTTests[_i].name, &txts, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	dotted = runtime_concatstrings(
	    lookupGmailTXTTests[_i].host, ".", (char *)NULL);
	found = false;
	for (i = 0; i < n && !found; i++)
		found = strstr(txts[i], lookupGmailTXTTests[_i].txt) != NULL &&
		    (hasSuffixFold(txts[i], lookupGmailTXTTests[_i].host) ||
			hasSuffixFold(txts[i], dotted));
	free(dotted);
	ck_assert_msg(found, "got %d records; want a record containing %s, %s",
	    n, lookupGmailTXTTests[_i].txt, lookupGmailTXTTests[_i].host);
	free(txts);
}
END_TEST

static const char *const lookupGooglePublicDNSAddrTests[] = {
	"8.8.8.8",
	"8.8.4.4",
	"2001:4860:4860::8888",
	"2001:4860:4860::8844",
};

START_TEST(TestLookupGooglePublicDNSAddr)
{
	runtime_error *err;
	char	     **names;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupAddr(lookupGooglePublicDNSAddrTests[_i], &names, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	for (i = 0; i < n; i++)
		ck_assert_msg(hasSuffixFold(names[i], ".google.com.") ||
			hasSuffixFold(names[i], ".google."),
		    "got \"%s\"; want a record ending in .google.com. or "
		    ".google.",
		    names[i]);
	free(names);
}
END_TEST

static const struct {
	const char *name, *cname;
} lookupCNAMETests[] = {
	{ "www.iana.org", "icann.org." },
	{ "www.iana.org.", "icann.org." },
	{ "www.google.com", "google.com." },
};

START_TEST(TestLookupCNAME)
{
	runtime_error *err;
	char	      *cname;

	if (mustHaveDNSNS())
		return;
	err = net_LookupCNAME(lookupCNAMETests[_i].name, &cname);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(hasSuffixFold(cname, lookupCNAMETests[_i].cname),
	    "got %s; want a record containing %s", cname,
	    lookupCNAMETests[_i].cname);
	free(cname);
}
END_TEST

/* Go's lookupGoogleHostTests and lookupGoogleIPTests: the same rows. */
static const char *const lookupGoogleHostTests[] = { "google.com",
	"google.com." };

START_TEST(TestLookupGoogleHost)
{
	runtime_error *err;
	char	     **addrs;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupHost(lookupGoogleHostTests[_i], &addrs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	for (i = 0; i < n; i++)
		ck_assert_msg(net_ParseIP(addrs[i]).len != 0,
		    "got \"%s\"; want a literal IP address", addrs[i]);
	free(addrs);
}
END_TEST

START_TEST(TestLookupGoogleIP)
{
	runtime_error *err;
	net_IP	      *ips;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupIP(lookupGoogleHostTests[_i], &ips, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n > 0, "got no record");
	for (i = 0; i < n; i++)
		ck_assert_msg(
		    net_IP_To4(ips[i]).len != 0 || net_IP_To16(ips[i]).len != 0,
		    "got an IP of %d bytes; want an IP address", ips[i].len);
	free(ips);
}
END_TEST

static int
cmpStrings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A 500-byte record that the zone splits into two strings. */
START_TEST(TestLookupLongTXT)
{
	runtime_error *err;
	char	      *want, *p;
	char	     **txts;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupTXT("golang.rsc.io", &txts, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	qsort(txts, (size_t)n, sizeof(txts[0]), cmpStrings);
	want = runtime_malloc(501);
	for (p = want, i = 0; i < 10; i++, p += 50)
		memcpy(p, "abcdefghijklmnopqrstuvwxyABCDEFGHJIKLMNOPQRSTUVWXY",
		    50);
	*p = '\0';
	ck_assert_msg(n == 2 && strcmp(txts[0], want) == 0 &&
		strcmp(txts[1], "gophers rule") == 0,
	    "LookupTXT golang.rsc.io incorrect: have %d records", n);
	free(want);
	free(txts);
}
END_TEST

static void
testDots(const char *mode)
{
	runtime_error *err;
	char	     **names, *cname;
	net_MX	      *mxs;
	net_NS	      *nss;
	int	       n, i;

	err = net_LookupAddr("8.8.8.8", &names, &n);
	ck_assert_msg(err == NULL, "LookupAddr(8.8.8.8): %s (mode=%s)",
	    runtime_error_Error(err), mode);
	for (i = 0; i < n; i++)
		ck_assert_msg(hasSuffixFold(names[i], ".google.com.") ||
			hasSuffixFold(names[i], ".google."),
		    "LookupAddr(8.8.8.8) = %s, want names ending in "
		    ".google.com "
		    "or .google with trailing dot (mode=%s)",
		    names[i], mode);
	free(names);
	err = net_LookupCNAME("www.mit.edu", &cname);
	ck_assert_msg(err == NULL, "LookupCNAME(www.mit.edu, mode=%s): %s",
	    mode, runtime_error_Error(err));
	ck_assert_msg(hasSuffixFold(cname, "."),
	    "LookupCNAME(www.mit.edu) = %s, want cname ending in . with "
	    "trailing dot (mode=%s)",
	    cname, mode);
	free(cname);
	err = net_LookupMX("google.com", &mxs, &n);
	ck_assert_msg(err == NULL, "LookupMX(google.com): %s (mode=%s)",
	    runtime_error_Error(err), mode);
	for (i = 0; i < n; i++)
		ck_assert_msg(hasSuffixFold(mxs[i].Host, ".google.com."),
		    "LookupMX(google.com) = %s, want names ending in "
		    ".google.com. with trailing dot (mode=%s)",
		    mxs[i].Host, mode);
	free(mxs);
	err = net_LookupNS("google.com", &nss, &n);
	ck_assert_msg(err == NULL, "LookupNS(google.com): %s (mode=%s)",
	    runtime_error_Error(err), mode);
	for (i = 0; i < n; i++)
		ck_assert_msg(hasSuffixFold(nss[i].Host, ".google.com."),
		    "LookupNS(google.com) = %s, want names ending in "
		    ".google.com. with trailing dot (mode=%s)",
		    nss[i].Host, mode);
	free(nss);
}

/* Go also runs the cgo resolver here; gonet has only the pure one. */
START_TEST(TestLookupDotsWithRemoteSource)
{
	if (mustHaveDNSNS())
		return;
	testDots("go");
}
END_TEST

static const struct {
	const char *Addr, *Reverse, *ErrPrefix;
} revAddrTests[] = {
	{ "1.2.3.4", "4.3.2.1.in-addr.arpa.", "" },
	{ "245.110.36.114", "114.36.110.245.in-addr.arpa.", "" },
	{ "::ffff:12.34.56.78", "78.56.34.12.in-addr.arpa.", "" },
	{ "::1",
	    "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0."
	    "ip6.arpa.",
	    "" },
	{ "1::",
	    "0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1.0.0.0."
	    "ip6.arpa.",
	    "" },
	{ "1234:567::89a:bcde",
	    "e.d.c.b.a.9.8.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.7.6.5.0.4.3.2.1."
	    "ip6.arpa.",
	    "" },
	{ "1234:567:fefe:bcbc:adad:9e4a:89a:bcde",
	    "e.d.c.b.a.9.8.0.a.4.e.9.d.a.d.a.c.b.c.b.e.f.e.f.7.6.5.0.4.3.2.1."
	    "ip6.arpa.",
	    "" },
	{ "1.2.3", "", "unrecognized address" },
	{ "1.2.3.4.5", "", "unrecognized address" },
	{ "1234:567:bcbca::89a:bcde", "", "unrecognized address" },
	{ "1234:567::bcbc:adad::89a:bcde", "", "unrecognized address" },
};

START_TEST(TestReverseAddress)
{
	runtime_error *err;
	char	      *a;

	err = net_reverseaddr(revAddrTests[_i].Addr, &a);
	if (revAddrTests[_i].ErrPrefix[0] != '\0') {
		ck_assert_msg(err != NULL,
		    "#%d: expected \"%s\", got <nil> (error)", _i,
		    revAddrTests[_i].ErrPrefix);
		ck_assert_msg(strcmp(((net_DNSError *)err)->Err,
				  revAddrTests[_i].ErrPrefix) == 0,
		    "#%d: expected \"%s\", got \"%s\" (mismatched error)", _i,
		    revAddrTests[_i].ErrPrefix, ((net_DNSError *)err)->Err);
		ck_assert_msg(
		    a == NULL, "#%d: expected \"\" (reverse address)", _i);
		runtime_error_Free(err);
		return;
	}
	ck_assert_msg(err == NULL, "#%d: expected <nil>, got \"%s\" (error)",
	    _i, runtime_error_Error(err));
	ck_assert_msg(strcmp(a, revAddrTests[_i].Reverse) == 0,
	    "#%d: expected \"%s\", got \"%s\" (reverse address)", _i,
	    revAddrTests[_i].Reverse, a);
	free(a);
}
END_TEST

/*
 * Names that are not LDH are "no such host", not invalid.  The name fails
 * isDomainName before any query, so this one runs anywhere.
 */
START_TEST(TestLookupNonLDH)
{
	runtime_error *err;
	net_DNSError  *de;
	char	     **addrs;
	const char    *msg;
	size_t	       l;
	int	       n;

	err = net_LookupHost("!!!.###.bogus..domain.", &addrs, &n);
	ck_assert_msg(err != NULL, "lookup succeeded: %d addresses", n);
	msg = runtime_error_Error(err);
	l = strlen(msg);
	ck_assert_msg(l >= 12 && strcmp(msg + l - 12, "no such host") == 0,
	    "lookup error = %s, want no such host", msg);
	de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
	ck_assert_msg(de != NULL && de->IsNotFound,
	    "lookup error = %s, want IsNotFound true", msg);
	runtime_error_Free(err);
}
END_TEST

/* Every Lookup method accepts the nil Resolver (NULL here). */
START_TEST(TestNilResolverLookup)
{
	net_Resolver	*r = NULL;
	context_Context *ctx = context_Background();
	net_IPAddr	*ipaddrs;
	net_IP		*ips;
	net_SRV		*srvs;
	net_MX		*mxs;
	net_NS		*nss;
	char	       **ss, *cname;
	int		 n, port;

	if (mustHaveDNSNS())
		return;
	runtime_error_Free(net_Resolver_LookupAddr(r, ctx, "8.8.8.8", &ss, &n));
	free(ss);
	runtime_error_Free(
	    net_Resolver_LookupCNAME(r, ctx, "google.com", &cname));
	free(cname);
	runtime_error_Free(
	    net_Resolver_LookupHost(r, ctx, "google.com", &ss, &n));
	free(ss);
	runtime_error_Free(
	    net_Resolver_LookupIPAddr(r, ctx, "google.com", &ipaddrs, &n));
	free(ipaddrs);
	runtime_error_Free(
	    net_Resolver_LookupIP(r, ctx, "ip", "google.com", &ips, &n));
	free(ips);
	runtime_error_Free(
	    net_Resolver_LookupMX(r, ctx, "gmail.com", &mxs, &n));
	free(mxs);
	runtime_error_Free(
	    net_Resolver_LookupNS(r, ctx, "google.com", &nss, &n));
	free(nss);
	runtime_error_Free(
	    net_Resolver_LookupPort(r, ctx, "tcp", "smtp", &port));
	runtime_error_Free(net_Resolver_LookupSRV(
	    r, ctx, "service", "proto", "name", &cname, &srvs, &n));
	free(cname);
	free(srvs);
	runtime_error_Free(
	    net_Resolver_LookupTXT(r, ctx, "gmail.com", &ss, &n));
	free(ss);
}
END_TEST

/* Go's subtests "network: ip", "ip4" and "ip6" (only the go resolver). */
START_TEST(TestResolverLookupIP)
{
	static const char *const networks[] = { "ip", "ip4", "ip6" };
	const char		*network = networks[_i];
	runtime_error		*err;
	net_IP			*ips;
	int			 n, i, v4, v6;

	if (mustHaveDNSNS())
		return;
	if (strcmp(network, "ip4") == 0 && !supportsIPv4())
		tSkipf("IPv4 is not supported");
	if (strcmp(network, "ip6") == 0 && !supportsIPv6())
		tSkipf("IPv6 is not supported");
	err = net_Resolver_LookupIP(
	    net_DefaultResolver, NULL, network, "google.com", &ips, &n);
	ck_assert_msg(err == NULL,
	    "DefaultResolver.LookupIP(\"%s\", \"google.com\"): failed with "
	    "unexpected error: %s",
	    network, runtime_error_Error(err));
	v4 = v6 = 0;
	for (i = 0; i < n; i++) {
		if (net_IP_To4(ips[i]).len != 0)
			v4++;
		else if (net_IP_To16(ips[i]).len != 0)
			v6++;
		else
			ck_abort_msg("IP is neither IPv4 nor IPv6");
	}
	free(ips);
	if (strcmp(network, "ip4") == 0 ||
	    (strcmp(network, "ip") == 0 && supportsIPv4()))
		ck_assert_msg(v4 > 0,
		    "DefaultResolver.LookupIP(\"%s\", \"google.com\"): no IPv4 "
		    "addresses",
		    network);
	if (strcmp(network, "ip6") == 0 ||
	    (strcmp(network, "ip") == 0 && supportsIPv6()))
		ck_assert_msg(v6 > 0,
		    "DefaultResolver.LookupIP(\"%s\", \"google.com\"): no IPv6 "
		    "addresses",
		    network);
	if (strcmp(network, "ip6") == 0)
		ck_assert_msg(v4 == 0, "got IPv4 addresses for ip6");
	if (strcmp(network, "ip4") == 0)
		ck_assert_msg(v6 == 0, "got IPv6 addresses for ip4");
}
END_TEST

/*
 * TestLookupContextCancel's hook: the first call starts a concurrent
 * lookup of the same host (which singleflight should join to this one),
 * cancels the caller's context, and waits until the test has seen the
 * caller return; the shared call must not have been cancelled with it
 * (Go issue 22724).
 */
static context_Context *cancelLookupCtx;
static runtime_hchan   *unblockLookup; /* closed by the test */
static atomic_int	concurrentFailed;
static sync_WaitGroup	concurrentWG;

static void
concurrentLookup(void *arg)
{
	net_IPAddr    *addrs;
	runtime_error *err;
	int	       n;

	err = net_Resolver_LookupIPAddr(
	    net_DefaultResolver, context_Background(), arg, &addrs, &n);
	if (err != NULL)
		atomic_store(&concurrentFailed, 1);
	runtime_error_Free(err);
	free(addrs);
	free(arg);
	sync_WaitGroup_Done(&concurrentWG);
}

static runtime_error *
lookupCancelHook(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	runtime_error *err;
	bool	       received;
	char	       x;

	if (!runtime_selectnbrecv(&x, unblockLookup, &received)) {
		sync_WaitGroup_Add(&concurrentWG, 1);
		/* The goroutine's own copy: host is the lookup's. */
		runtime_Go(concurrentLookup, runtime_strdup(host));
		time_Sleep(time_Millisecond);
	}
	context_Cancel(cancelLookupCtx);
	runtime_chanrecv2(unblockLookup, &x);
	if ((err = context_Context_Err(ctx)) != NULL)
		return err;
	return fn(r, ctx, network, host, addrs, naddrs);
}

START_TEST(TestLookupContextCancel)
{
	net_testHookLookupIPFunc orig;
	net_IPAddr		*addrs;
	runtime_error		*err;
	net_DNSError		*de;
	int			 n;

	if (mustHaveDNSNS())
		return;
	orig = net_testHookLookupIP;
	atomic_init(&concurrentFailed, 0);
	cancelLookupCtx = context_WithCancel(context_Background());
	unblockLookup = runtime_makechan(1, 0);
	net_testHookLookupIP = lookupCancelHook;
	err = net_Resolver_LookupIPAddr(
	    net_DefaultResolver, cancelLookupCtx, "google.com", &addrs, &n);
	de = err != NULL && err->type == &net_DNSErrorType ? (net_DNSError *)err
							   : NULL;
	ck_assert_msg(
	    de != NULL && strcmp(de->Err, "operation was canceled") == 0,
	    "unexpected error from canceled, blocked LookupIPAddr: %s",
	    runtime_error_Error(err));
	runtime_error_Free(err);
	free(addrs);
	runtime_closechan(unblockLookup);
	sync_WaitGroup_Wait(&concurrentWG);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	net_testHookLookupIP = orig;
	runtime_hchan_Free(unblockLookup);
	context_Free(cancelLookupCtx);
	ck_assert_msg(!atomic_load(&concurrentFailed),
	    "the concurrent LookupIPAddr failed");
}
END_TEST

/*
 * A cancelled context fails every lookup and leaves nothing behind that
 * stops the next one (Go's n is above its cgo thread limit).
 */
START_TEST(TestLookupHostCancel)
{
	static const char google[] = "www.google.com";
	static const char invalidDomain[] = "invalid.invalid";
	context_Context	 *ctx;
	runtime_error	 *err;
	char		**addrs;
	int		  n, i;

	if (mustHaveDNSNS())
		return;
	err = net_LookupHost(google, &addrs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	free(addrs);
	ctx = context_WithCancel(context_Background());
	context_Cancel(ctx);
	for (i = 0; i < 600; i++) {
		err = net_Resolver_LookupHost(
		    net_DefaultResolver, ctx, invalidDomain, &addrs, &n);
		ck_assert_msg(err != NULL,
		    "LookupHost(\"%s\"): returns %d addresses, but should fail",
		    invalidDomain, n);
		runtime_error_Free(err);
		/* In-flight lookups may be shared: let them settle. */
		time_Sleep(time_Millisecond);
	}
	context_Free(ctx);
	err = net_LookupHost(google, &addrs, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	free(addrs);
}
END_TEST

/*
 * testDialByName dials names the namespace's server knows on an IPv4
 * listener: a.gonet.test has an A record only; both.gonet.test has A and
 * AAAA, so the dial to ::1 (RFC 6724 puts it first) is refused and the
 * IPv4 fallback connects, the README's example.
 */
static const char *const dialByNameTests[] = { "a.gonet.test",
	"both.gonet.test" };

START_TEST(testDialByName)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	char	      *host, *port, *addr, *laddr;

	if (mustHaveDNSNS())
		return;
	err = net_Listen("tcp", "127.0.0.1:0", &ln);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	laddr = net_Addr_String(net_Listener_Addr(ln));
	err = net_SplitHostPort(laddr, &host, &port);
	free(laddr);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	addr = net_JoinHostPort(dialByNameTests[_i], port);
	err = net_Dial("tcp", addr, &c);
	ck_assert_msg(
	    err == NULL, "Dial(tcp, %s): %s", addr, runtime_error_Error(err));
	net_Conn_Close(c);
	net_Conn_Free(c);
	net_Listener_Close(ln);
	net_Listener_Free(ln);
	free(addr);
	free(host);
	free(port);
}
END_TEST

/*
 * testLookupTruncated: big.gonet.test's eight 200-byte TXT records do not
 * fit the 1232-byte UDP answer, so nsd truncates it and the resolver asks
 * again over TCP (RFC 5966).
 */
START_TEST(testLookupTruncated)
{
	runtime_error *err;
	char	     **txts;
	bool	       seen[8] = { false };
	int	       n, i, k;

	if (mustHaveDNSNS())
		return;
	err = net_LookupTXT("big.gonet.test", &txts, &n);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(n == 8, "got %d records; want 8", n);
	for (i = 0; i < n; i++) {
		k = txts[i][0] - '0';
		ck_assert_msg(strlen(txts[i]) == 200 && k >= 0 && k < 8 &&
			strspn(txts[i], (char[]){ txts[i][0], 0 }) == 200 &&
			!seen[k],
		    "record %d is not one of the zone's", i);
		seen[k] = true;
	}
	free(txts);
}
END_TEST

/* Answers from the namespace's nsd: NXDOMAIN and NODATA read as Go says. */
START_TEST(testLookupErrors)
{
	static const char *const names[] = { "nosuch.gonet.test",
		"nodata.gonet.test" };
	runtime_error		*err;
	net_DNSError		*de;
	char		       **addrs, *want;
	int			 n;

	if (mustHaveDNSNS())
		return;
	err = net_LookupHost(names[_i], &addrs, &n);
	ck_assert_msg(err != NULL, "LookupHost(%s) succeeded", names[_i]);
	/* Go 1.19 prints this for both; checked with Go in the namespace. */
	want = runtime_concatstrings("lookup ", names[_i],
	    " on 127.0.0.1:53: no such host", (char *)NULL);
	ck_assert_msg(strcmp(runtime_error_Error(err), want) == 0,
	    "LookupHost(%s) = %s; want %s", names[_i], runtime_error_Error(err),
	    want);
	de = (net_DNSError *)errors_As(err, &net_DNSErrorType);
	ck_assert_msg(
	    de != NULL && de->IsNotFound && !de->IsTemporary && !de->IsTimeout,
	    "LookupHost(%s): want a not-found DNSError", names[_i]);
	free(want);
	runtime_error_Free(err);
}
END_TEST

/*
 * TestDNSTimeout: a testHookLookupIP that waits on timeoutHookGo and then
 * fails with DeadlineExceeded must reach every caller as a DNSError with
 * IsTimeout, shared or not, and so must a caller's own expired context.
 * No name is ever resolved, so it runs anywhere.
 */
static runtime_hchan *timeoutHookGo; /* chan bool */

static runtime_error *
timeoutHook(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	bool b;

	(void)r, (void)ctx, (void)fn, (void)network, (void)host;
	*addrs = NULL;
	*naddrs = 0;
	runtime_chanrecv1(timeoutHookGo, &b);
	return context_DeadlineExceeded;
}

static void
checkTimeoutErr(runtime_error *err, const char *what)
{
	net_DNSError *de;

	if (err == NULL) {
		tErrorf("%s: expected an error", what);
		return;
	}
	if (err->type != &net_DNSErrorType)
		tErrorf("%s: got error type %s, want *net.DNSError", what,
		    err->type->name);
	else if (!(de = (net_DNSError *)err)->IsTimeout)
		tErrorf("%s: got error %s, want IsTimeout == true", what,
		    runtime_error_Error(err));
	else if (!net_DNSError_Timeout(de))
		tErrorf("%s: got err.Timeout() == false, want true", what);
	runtime_error_Free(err);
}

typedef struct timeoutLookup {
	context_Context *ctx; /* NULL: LookupIP, else LookupIPAddr(ctx) */
	const char	*host;
	runtime_error	*err;
	sync_WaitGroup	*wg;
} timeoutLookup;

static void
timeoutLookupRun(void *arg)
{
	timeoutLookup *l = arg;
	net_IPAddr    *addrs;
	net_IP	      *ips;
	int	       n;

	if (l->ctx == NULL)
		l->err = net_LookupIP(l->host, &ips, &n);
	else
		l->err = net_Resolver_LookupIPAddr(
		    net_DefaultResolver, l->ctx, l->host, &addrs, &n);
	if (l->err == NULL)
		free(l->ctx == NULL ? (void *)ips : (void *)addrs);
	sync_WaitGroup_Done(l->wg);
}

/* doubleLookup runs two lookups of host at once and checks both. */
static void
doubleLookup(context_Context *ctx, const char *host, bool closeFirst)
{
	sync_WaitGroup wg = { 0 };
	timeoutLookup  l[2];
	int	       i;

	sync_WaitGroup_Add(&wg, 2);
	for (i = 0; i < 2; i++) {
		l[i] = (timeoutLookup){ ctx, host, NULL, &wg };
		runtime_Go(timeoutLookupRun, &l[i]);
	}
	if (!closeFirst)
		time_Sleep(10 * time_Nanosecond);
	runtime_closechan(timeoutHookGo);
	sync_WaitGroup_Wait(&wg);
	checkTimeoutErr(l[0].err, host);
	checkTimeoutErr(l[1].err, host);
}

/*
 * TestWithUnexpiredValuesPreserved: the lookup's values context answers
 * with the caller's values until the caller's context is done, then with
 * nothing.  Keys are pointers here (Go compares them with ==).
 */
static const char withUnexpiredKey[] = "key-1";

START_TEST(TestWithUnexpiredValuesPreserved)
{
	context_Context *ctx, *vctx, *pctx;
	static const int value = 2;
	const void	*g;

	ctx = context_WithCancel(context_Background());
	vctx = context_WithValue(ctx, withUnexpiredKey, &value);
	pctx = net_withUnexpiredValuesPreserved(vctx);
	g = context_Context_Value(pctx, withUnexpiredKey);
	ck_assert_msg(g == &value, "Lookup before expiry: Got %p Want %p", g,
	    (const void *)&value);
	context_Cancel(ctx);
	g = context_Context_Value(pctx, withUnexpiredKey);
	ck_assert_msg(g == NULL, "Lookup after expiry: Got %p want nil", g);
	context_Free(pctx);
	context_Free(vctx);
	context_Free(ctx);
}
END_TEST

/*
 * TestLookupIPAddrPreservesContextValues: the hook sees the caller's
 * three values through the lookup's own context, for a nil and a zero
 * Resolver.  Go's keys are a string, an int and a *float64; here three
 * distinct addresses, since keys compare as pointers.
 */
static const char   ctxKey1[] = "key-1";
static const int    ctxKey2 = 384;
static const double ctxKey3 = 0;
static const int    ctxVal1 = 12, ctxVal3 = 137;
static const char   ctxVal2[] = "value2";

static const struct {
	const void *key, *value;
} ctxKeyValues[] = {
	{ ctxKey1, &ctxVal1 },
	{ &ctxKey2, ctxVal2 },
	{ &ctxKey3, &ctxVal3 },
};

static runtime_error *
checkCtxValues(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	net_IP ips[2];
	size_t i;

	(void)r, (void)fn, (void)network, (void)host;
	for (i = 0; i < nelem(ctxKeyValues); i++) {
		const void *g = context_Context_Value(ctx, ctxKeyValues[i].key);
		if (g != ctxKeyValues[i].value)
			tErrorf("Value lookup:\n\tGot:  %p\n\tWant: %p", g,
			    ctxKeyValues[i].value);
	}
	ips[0] = net_IPv4(127, 0, 0, 1);
	ips[1] = net_IPv6loopback;
	*addrs = net_newIPAddrs(ips, NULL, 2);
	*naddrs = 2;
	return NULL;
}

START_TEST(TestLookupIPAddrPreservesContextValues)
{
	net_testHookLookupIPFunc orig;
	context_Context		*ctx[nelem(ctxKeyValues) + 1];
	net_Resolver		 zero = { 0 };
	net_Resolver		*resolvers[] = { NULL, &zero };
	net_IPAddr		*addrs;
	runtime_error		*err;
	size_t			 i;
	int			 n;

	orig = net_testHookLookupIP;
	ctx[0] = context_Background();
	for (i = 0; i < nelem(ctxKeyValues); i++)
		ctx[i + 1] = context_WithValue(
		    ctx[i], ctxKeyValues[i].key, ctxKeyValues[i].value);
	net_testHookLookupIP = checkCtxValues;
	for (i = 0; i < nelem(resolvers); i++) {
		err = net_Resolver_LookupIPAddr(resolvers[i],
		    ctx[nelem(ctxKeyValues)], "golang.org", &addrs, &n);
		if (err != NULL) {
			tErrorf("Resolver #%zu: unexpected error: %s", i,
			    runtime_error_Error(err));
			runtime_error_Free(err);
			continue;
		}
		if (n != 2 ||
		    !net_IP_Equal(addrs[0].IP, net_IPv4(127, 0, 0, 1)) ||
		    !net_IP_Equal(addrs[1].IP, net_IPv6loopback))
			tErrorf("#%zu: mismatched IPAddr results", i);
		free(addrs);
	}
	net_testHookLookupIP = orig;
	for (i = nelem(ctxKeyValues); i > 0; i--)
		context_Free(ctx[i]);
	tDone();
}
END_TEST

/*
 * TestLookupIPAddrConcurrentCallsForNetworks: concurrent lookups of one
 * host for different networks are not merged into one call: the hook
 * blocks until it has been entered once per distinct network.
 */
static _Atomic int    concCalls;
static runtime_hchan *concWait;

static runtime_error *
concHook(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	runtime_scase cases[2];
	net_IP	      ips[2];
	int	      k;

	(void)r, (void)fn, (void)host;
	if (atomic_fetch_add(&concCalls, 1) + 1 == 3)
		runtime_closechan(concWait);
	cases[0] = (runtime_scase){ concWait, NULL };
	cases[1] = (runtime_scase){ context_Context_Done(ctx), NULL };
	if (runtime_selectgo(cases, 0, 2, true, NULL) == 1)
		return context_Context_Err(ctx);
	k = 0;
	if (strcmp(network, "udp6") != 0)
		ips[k++] = net_IPv4(127, 0, 0, 1);
	if (strcmp(network, "udp4") != 0)
		ips[k++] = net_IPv6loopback;
	*addrs = net_newIPAddrs(ips, NULL, k);
	*naddrs = k;
	return NULL;
}

struct concQuery {
	const char	*network;
	context_Context *ctx;
	sync_WaitGroup	*wg;
};

static void
concLookup(void *arg)
{
	struct concQuery *q = arg;
	net_IPAddr	 *addrs;
	runtime_error	 *err;
	int		  n, want;

	addrs = NULL;
	err = net_Resolver_lookupIPAddr(
	    net_DefaultResolver, q->ctx, q->network, "golang.org", &addrs, &n);
	if (err != NULL) {
		tErrorf("lookupIPAddr(%s, golang.org): unexpected error: %s",
		    q->network, runtime_error_Error(err));
		runtime_error_Free(err);
	} else {
		want = strcmp(q->network, "udp") == 0 ? 2 : 1;
		if (n != want ||
		    (strcmp(q->network, "udp6") != 0 &&
			!net_IP_Equal(addrs[0].IP, net_IPv4(127, 0, 0, 1))) ||
		    (strcmp(q->network, "udp4") != 0 &&
			!net_IP_Equal(addrs[n - 1].IP, net_IPv6loopback)))
			tErrorf("lookupIPAddr(%s, golang.org): mismatched "
				"IPAddr results (%d addresses)",
			    q->network, n);
	}
	free(addrs);
	sync_WaitGroup_Done(q->wg);
}

START_TEST(TestLookupIPAddrConcurrentCallsForNetworks)
{
	static const char *const networks[] = { "udp", "udp4", "udp6", "udp",
		"udp" };
	net_testHookLookupIPFunc orig;
	struct concQuery	 q[nelem(networks)];
	sync_WaitGroup		 wg = { 0 };
	context_Context		*ctx;
	size_t			 i;

	orig = net_testHookLookupIP;
	atomic_store(&concCalls, 0);
	concWait = runtime_makechan(1, 0);
	net_testHookLookupIP = concHook;
	ctx = context_WithTimeout(context_Background(), 10 * time_Second);
	for (i = 0; i < nelem(networks); i++) {
		q[i] = (struct concQuery){ networks[i], ctx, &wg };
		sync_WaitGroup_Add(&wg, 1);
		runtime_Go(concLookup, &q[i]);
	}
	sync_WaitGroup_Wait(&wg);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	net_testHookLookupIP = orig;
	context_Free(ctx);
	runtime_hchan_Free(concWait);
	tDone();
}
END_TEST

START_TEST(TestDNSTimeout)
{
	net_testHookLookupIPFunc orig = net_testHookLookupIP;
	context_Context		*ctx;
	runtime_error		*err;
	net_IP			*ips;
	bool			 t = true;
	int			 n;

	net_testHookLookupIP = timeoutHook;
	/* Single lookup. */
	timeoutHookGo = runtime_makechan(sizeof(bool), 1);
	runtime_chansend1(timeoutHookGo, &t);
	err = net_LookupIP("golang.org", &ips, &n);
	if (err == NULL)
		free(ips);
	checkTimeoutErr(err, "golang.org");
	/* Double lookup. */
	doubleLookup(NULL, "golang1.org", true);
	runtime_hchan_Free(timeoutHookGo);
	/* Double lookup with a context that expires at once. */
	timeoutHookGo = runtime_makechan(sizeof(bool), 0);
	ctx = context_WithTimeout(context_Background(), time_Nanosecond);
	doubleLookup(ctx, "golang2.org", false);
	context_Free(ctx);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	runtime_hchan_Free(timeoutHookGo);
	net_testHookLookupIP = orig;
	tDone();
}
END_TEST

/*
 * lookupCustomResolver is Go's: a PreferGo Resolver whose Dial notes that
 * it ran and then dials the server for real.
 */
typedef struct lookupCustomResolver {
	net_Resolver	Resolver;
	sync_Mutex	mu;
	bool		dialed;
	runtime_error  *err;
	sync_WaitGroup *wg;
} lookupCustomResolver;

static runtime_error *
lookupCustomResolver_dial(context_Context *ctx, const char *network,
    const char *address, net_Conn **c, void *arg)
{
	lookupCustomResolver *lcr = arg;

	(void)ctx;
	sync_Mutex_Lock(&lcr->mu);
	lcr->dialed = true;
	sync_Mutex_Unlock(&lcr->mu);
	return net_Dial(network, address, c);
}

static void
lookupCustomResolver_lookup(void *arg)
{
	lookupCustomResolver *lcr = arg;
	net_IPAddr	     *addrs;
	int		      n;

	lcr->err = net_Resolver_LookupIPAddr(
	    &lcr->Resolver, context_Background(), "google.com", &addrs, &n);
	if (lcr->err == NULL)
		free(addrs);
	sync_WaitGroup_Done(lcr->wg);
}

/* Go asks the internet about google.com; the namespace's server answers. */
START_TEST(TestConcurrentPreferGoResolversDial)
{
	lookupCustomResolver resolvers[2];
	sync_WaitGroup	     wg = { 0 };
	size_t		     i;

	if (mustHaveDNSNS())
		return;
	for (i = 0; i < nelem(resolvers); i++) {
		resolvers[i] = (lookupCustomResolver){ .wg = &wg };
		resolvers[i].Resolver = (net_Resolver){ .PreferGo = true,
			.Dial = lookupCustomResolver_dial,
			.DialArg = &resolvers[i] };
	}
	sync_WaitGroup_Add(&wg, (int)nelem(resolvers));
	for (i = 0; i < nelem(resolvers); i++)
		runtime_Go(lookupCustomResolver_lookup, &resolvers[i]);
	sync_WaitGroup_Wait(&wg);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	for (i = 0; i < nelem(resolvers); i++) {
		if (resolvers[i].err != NULL)
			tErrorf("lookup failed for resolver %zu: %s", i,
			    runtime_error_Error(resolvers[i].err));
		runtime_error_Free(resolvers[i].err);
	}
	if (tFailed()) {
		tDone();
		return;
	}
	for (i = 0; i < nelem(resolvers); i++)
		if (!resolvers[i].dialed)
			tErrorf(
			    "custom resolver %zu not dialed during lookup", i);
	tDone();
}
END_TEST

/*
 * TestLookupDotsWithLocalSource: the names of 127.0.0.1 (the hosts file
 * first) carry a trailing dot when they are domain names, never a lone one.
 * Go's second pass forces cgo, which gonet lacks, as Go skips it without
 * cgo.
 */
START_TEST(TestLookupDotsWithLocalSource)
{
	runtime_error *err;
	char	     **names;
	size_t	       l;
	int	       n, i, j;

	if (mustHaveDNSNS())
		return;
	if (!supportsIPv4()) {
		tSkipf("IPv4 is required");
		return;
	}
	err = net_LookupAddr("127.0.0.1", &names, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	if (err != NULL) {
		tLogf("#0: %s", runtime_error_Error(err));
		runtime_error_Free(err);
		tDone();
		return;
	}
	for (i = 0; i < n; i++) {
		l = strlen(names[i]);
		if (strchr(names[i], '.') == names[i] + l - 1) {
			for (j = 0; j < n; j++)
				if (j != i && strlen(names[j]) == l - 1 &&
				    strncmp(names[j], names[i], l - 1) == 0)
					break;
			if (j == n)
				tErrorf("netgo: got %s; want %.*s", names[i],
				    (int)(l - 1), names[i]);
		} else if (strchr(names[i], '.') != NULL &&
		    names[i][l - 1] != '.')
			tErrorf("netgo: got %s; want name ending with trailing "
				"dot",
			    names[i]);
	}
	free(names);
	tDone();
}
END_TEST

static const char *origHostsPath;

static void
restoreHostsPath(void *arg)
{
	(void)arg;
	net_testHookHostsPath = origHostsPath;
}

/*
 * TestLookupIPv6LinkLocalAddr: Go runs it where the system's hosts file
 * maps localhost to fe80::1%lo0 (macOS); here the hosts file is Go's
 * testdata/hosts, which does, so the lookups run instead of skipping.
 */
START_TEST(TestLookupIPv6LinkLocalAddr)
{
	runtime_error *err;
	char	     **addrs, **names;
	bool	       found = false;
	int	       n, i;

	if (mustHaveDNSNS())
		return;
	if (!supportsIPv6()) {
		tSkipf("IPv6 is required");
		return;
	}
	origHostsPath = net_testHookHostsPath;
	net_testHookHostsPath = "tests/testdata/hosts";
	tDefer(restoreHostsPath, NULL);
	err = net_LookupHost("localhost", &addrs, &n);
	if (err != NULL)
		tFatalf("%s", runtime_error_Error(err));
	for (i = 0; i < n && !found; i++)
		found = strcmp(addrs[i], "fe80::1%lo0") == 0;
	free(addrs);
	if (!found)
		tFatalf("fe80::1%%lo0 is not among localhost's addresses");
	err = net_LookupAddr("fe80::1%lo0", &names, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	if (err != NULL)
		tErrorf("%s", runtime_error_Error(err));
	else
		free(names);
	runtime_error_Free(err);
	tDone();
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
	tc = newNetTCase("timeout", 30);
	tcase_add_test(tc, TestDNSTimeout);
	tcase_add_test(tc, TestWithUnexpiredValuesPreserved);
	tcase_add_test(tc, TestLookupIPAddrPreservesContextValues);
	tcase_add_test(tc, TestLookupIPAddrConcurrentCallsForNetworks);
	suite_add_tcase(s, tc);
	tc = newTCase("ipVersion");
	tcase_add_loop_test(tc, TestIPVersion, 0, nelem(ipVersionTests));
	suite_add_tcase(s, tc);
	tc = newTCase("names");
	tcase_add_loop_test(tc, TestReverseAddress, 0, nelem(revAddrTests));
	tcase_add_test(tc, TestLookupNonLDH);
	suite_add_tcase(s, tc);
	/* The namespace tests that report through Go's testing.T calls. */
	tc = newNetTCase("dnsnsT", 60);
	tcase_add_test(tc, TestConcurrentPreferGoResolversDial);
	tcase_add_test(tc, TestLookupDotsWithLocalSource);
	tcase_add_test(tc, TestLookupIPv6LinkLocalAddr);
	suite_add_tcase(s, tc);
	tc = newTCase("dnsns");
	tcase_add_loop_test(
	    tc, TestLookupGoogleSRV, 0, nelem(lookupGoogleSRVTests));
	tcase_add_loop_test(
	    tc, TestLookupGmailMX, 0, nelem(lookupGmailMXTests));
	tcase_add_loop_test(
	    tc, TestLookupGmailNS, 0, nelem(lookupGmailMXTests));
	tcase_add_loop_test(
	    tc, TestLookupGmailTXT, 0, nelem(lookupGmailTXTTests));
	tcase_add_loop_test(tc, TestLookupGooglePublicDNSAddr, 0,
	    nelem(lookupGooglePublicDNSAddrTests));
	tcase_add_loop_test(tc, TestLookupCNAME, 0, nelem(lookupCNAMETests));
	tcase_add_loop_test(
	    tc, TestLookupGoogleHost, 0, nelem(lookupGoogleHostTests));
	tcase_add_loop_test(
	    tc, TestLookupGoogleIP, 0, nelem(lookupGoogleHostTests));
	tcase_add_test(tc, TestLookupLongTXT);
	tcase_add_test(tc, TestLookupDotsWithRemoteSource);
	tcase_add_test(tc, TestNilResolverLookup);
	tcase_add_loop_test(tc, TestResolverLookupIP, 0, 3);
	tcase_add_loop_test(tc, testDialByName, 0, nelem(dialByNameTests));
	tcase_add_loop_test(tc, testLookupErrors, 0, 2);
	tcase_add_test(tc, testLookupTruncated);
	tcase_add_test(tc, TestLookupContextCancel);
	tcase_add_test(tc, TestLookupHostCancel);
	suite_add_tcase(s, tc);
	return s;
}
