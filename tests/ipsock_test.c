/* C port of go1.19 src/net/ipsock_test.go */
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * The tables spell IPs as ParseIP text: "127.0.0.1" is Go's IPv4(127, 0,
 * 0, 1), a 16-byte IP, and "::1" is IPv6loopback.  A NULL ip is the nil IP.
 */
typedef struct testIPAddr {
	const char *ip;
	const char *zone;
} testIPAddr;

typedef struct testAddrList {
	size_t	   n;
	testIPAddr a[4];
} testAddrList;

static net_Addr *
testInetaddr(const net_IPAddr *ip, void *arg)
{
	(void)arg;
	return &net_newTCPAddr(ip->IP, 5682, ip->Zone)->addr;
}

static net_IP
testIP(const char *s)
{
	net_IP nip = { 0 };

	if (s == NULL)
		return nip;
	return net_ParseIP(s);
}

/* tcpAddrEqual is reflect.DeepEqual of a *TCPAddr with want (port 5682). */
static bool
tcpAddrEqual(const net_Addr *a, const testIPAddr *want)
{
	const net_TCPAddr *ta = (const net_TCPAddr *)a;
	net_IP		   ip;
	const char	  *zone;

	if (a == NULL || a->type != &net_TCPAddrType)
		return false;
	ip = testIP(want->ip);
	zone = want->zone != NULL ? want->zone : "";
	return ta->Port == 5682 && ta->IP.len == ip.len &&
	    memcmp(ta->IP.b, ip.b, ip.len) == 0 &&
	    strcmp(ta->Zone != NULL ? ta->Zone : "", zone) == 0;
}

static bool
addrListEqual(const net_addrList *l, const testAddrList *want)
{
	size_t i;

	if (l->n != want->n)
		return false;
	for (i = 0; i < l->n; i++)
		if (!tcpAddrEqual(l->a[i], &want->a[i]))
			return false;
	return true;
}

/* addrListString prints a list as Go's %v of an addrList does. */
static char *
addrListString(const net_addrList *l)
{
	char  *s, *t, *as;
	size_t i;

	s = runtime_strdup("[");
	for (i = 0; i < l->n; i++) {
		as = net_Addr_String(l->a[i]);
		t = runtime_concatstrings(
		    s, i > 0 ? " " : "", as, (char *)NULL);
		free(as);
		free(s);
		s = t;
	}
	t = runtime_concatstrings(s, "]", (char *)NULL);
	free(s);
	return t;
}

static const struct {
	bool (*filter)(const net_IPAddr *);
	testAddrList ips;
	testIPAddr   first;
	testAddrList primaries;
	testAddrList fallbacks;
	bool	     err; /* &AddrError{errNoSuitableAddress, "ADDR"} */
} addrListTests[] = {
	{
	    NULL,
	    { 2, { { "127.0.0.1", NULL }, { "::1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 1, { { "127.0.0.1", NULL } } },
	    { 1, { { "::1", NULL } } },
	    false,
	},
	{
	    NULL,
	    { 2, { { "::1", NULL }, { "127.0.0.1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 1, { { "::1", NULL } } },
	    { 1, { { "127.0.0.1", NULL } } },
	    false,
	},
	{
	    NULL,
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},
	{
	    NULL,
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    { "::1", NULL },
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},
	{
	    NULL,
	    { 4,
		{ { "127.0.0.1", NULL }, { "192.168.0.1", NULL },
		    { "::1", NULL }, { "fe80::1", "eth0" } } },
	    { "127.0.0.1", NULL },
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    false,
	},
	{
	    NULL,
	    { 4,
		{ { "::1", NULL }, { "fe80::1", "eth0" }, { "127.0.0.1", NULL },
		    { "192.168.0.1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    false,
	},
	{
	    NULL,
	    { 4,
		{ { "127.0.0.1", NULL }, { "::1", NULL },
		    { "192.168.0.1", NULL }, { "fe80::1", "eth0" } } },
	    { "127.0.0.1", NULL },
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    false,
	},
	{
	    NULL,
	    { 4,
		{ { "::1", NULL }, { "127.0.0.1", NULL }, { "fe80::1", "eth0" },
		    { "192.168.0.1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 2, { { "::1", NULL }, { "fe80::1", "eth0" } } },
	    { 2, { { "127.0.0.1", NULL }, { "192.168.0.1", NULL } } },
	    false,
	},
	{
	    net_ipv4only,
	    { 2, { { "127.0.0.1", NULL }, { "::1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 1, { { "127.0.0.1", NULL } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},
	{
	    net_ipv4only,
	    { 2, { { "::1", NULL }, { "127.0.0.1", NULL } } },
	    { "127.0.0.1", NULL },
	    { 1, { { "127.0.0.1", NULL } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},
	{
	    net_ipv6only,
	    { 2, { { "127.0.0.1", NULL }, { "::1", NULL } } },
	    { "::1", NULL },
	    { 1, { { "::1", NULL } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},
	{
	    net_ipv6only,
	    { 2, { { "::1", NULL }, { "127.0.0.1", NULL } } },
	    { "::1", NULL },
	    { 1, { { "::1", NULL } } },
	    { 0, { { NULL, NULL } } },
	    false,
	},

	{ NULL, { 0, { { NULL, NULL } } }, { NULL, NULL },
	    { 0, { { NULL, NULL } } }, { 0, { { NULL, NULL } } }, true },

	{ net_ipv4only, { 0, { { NULL, NULL } } }, { NULL, NULL },
	    { 0, { { NULL, NULL } } }, { 0, { { NULL, NULL } } }, true },
	{ net_ipv4only, { 1, { { "::1", NULL } } }, { NULL, NULL },
	    { 0, { { NULL, NULL } } }, { 0, { { NULL, NULL } } }, true },

	{ net_ipv6only, { 0, { { NULL, NULL } } }, { NULL, NULL },
	    { 0, { { NULL, NULL } } }, { 0, { { NULL, NULL } } }, true },
	{ net_ipv6only, { 1, { { "127.0.0.1", NULL } } }, { NULL, NULL },
	    { 0, { { NULL, NULL } } }, { 0, { { NULL, NULL } } }, true },
};

/*
 * Go skips this test unless both IPv4 and IPv6 are supported; the probe
 * (supportsIPv4/IPv6) arrives with the socket layer, and the test itself
 * opens no socket, so it always runs here.
 */
START_TEST(TestAddrList)
{
	net_IPAddr	ips[4];
	net_addrList	addrs, primaries, fallbacks;
	const net_Addr *first;
	runtime_error  *err;
	char	       *got;
	size_t		j;
	int		i;

	i = _i;
	for (j = 0; j < addrListTests[i].ips.n; j++) {
		memset(&ips[j], 0, sizeof(ips[j]));
		ips[j].IP = testIP(addrListTests[i].ips.a[j].ip);
		ips[j].Zone = addrListTests[i].ips.a[j].zone;
	}
	err = net_filterAddrList(addrListTests[i].filter, ips,
	    (int)addrListTests[i].ips.n, testInetaddr, NULL, "ADDR", &addrs);
	if (addrListTests[i].err) {
		if (err == NULL || err->type != &net_AddrErrorType ||
		    strcmp(runtime_error_Error(err),
			"address ADDR: no suitable address found") != 0)
			ck_abort_msg("#%d: got %s; want %s", i,
			    runtime_error_Error(err),
			    "address ADDR: no suitable address found");
		if (addrs.n != 0)
			ck_abort_msg("#%d: got %zu; want 0", i, addrs.n);
		runtime_error_Free(err);
		return;
	}
	if (err != NULL)
		ck_abort_msg(
		    "#%d: got %s; want <nil>", i, runtime_error_Error(err));
	first = net_addrList_first(&addrs, net_isIPv4, NULL);
	if (!tcpAddrEqual(first, &addrListTests[i].first)) {
		got = net_Addr_String(first);
		ck_abort_msg(
		    "#%d: got %s; want %s", i, got, addrListTests[i].first.ip);
	}
	net_addrList_partition(
	    &addrs, net_isIPv4, NULL, &primaries, &fallbacks);
	if (!addrListEqual(&primaries, &addrListTests[i].primaries)) {
		got = addrListString(&primaries);
		ck_abort_msg("#%d: got %s; want %zu addresses", i, got,
		    addrListTests[i].primaries.n);
	}
	if (!addrListEqual(&fallbacks, &addrListTests[i].fallbacks)) {
		got = addrListString(&fallbacks);
		ck_abort_msg("#%d: got %s; want %zu addresses", i, got,
		    addrListTests[i].fallbacks.n);
	}
	if (addrs.n != primaries.n + fallbacks.n)
		ck_abort_msg("#%d: got %zu; want %zu", i, addrs.n,
		    primaries.n + fallbacks.n);
	net_addrList_free(&primaries);
	net_addrList_free(&fallbacks);
	net_addrList_free(&addrs);
}
END_TEST

/* The closure of TestAddrListPartition captures lastByte and invert. */
struct partitionEnv {
	uint8_t lastByte;
	bool	invert;
};

static bool
lastByteIs(const net_Addr *a, void *arg)
{
	const struct partitionEnv *env = arg;
	net_IP			   ip;

	ip = ((const net_IPAddr *)a)->IP;
	return (ip.b[ip.len - 1] == env->lastByte) != env->invert;
}

/* Rows name addrs[] by index. */
static const struct {
	uint8_t lastByte;
	size_t	nprimaries;
	int	primaries[3];
	size_t	nfallbacks;
	int	fallbacks[3];
} addrListPartitionTests[] = {
	{ 0, 1, { 0 }, 2, { 1, 2 } },
	{ 1, 2, { 0, 2 }, 1, { 1 } },
	{ 2, 2, { 0, 1 }, 1, { 2 } },
	{ 3, 3, { 0, 1, 2 }, 0, { 0 } },
};

static bool
ipAddrListEqual(
    const net_addrList *l, const net_addrList *addrs, const int *idx, size_t n)
{
	const net_IPAddr *a, *b;
	size_t		  i;

	if (l->n != n)
		return false;
	for (i = 0; i < n; i++) {
		a = (const net_IPAddr *)l->a[i];
		b = (const net_IPAddr *)addrs->a[idx[i]];
		if (l->a[i]->type != &net_IPAddrType ||
		    !net_IP_Equal(a->IP, b->IP) || a->IP.len != b->IP.len ||
		    strcmp(a->Zone, b->Zone) != 0)
			return false;
	}
	return true;
}

START_TEST(TestAddrListPartition)
{
	static const char  *ips[] = { "fe80::", "fe80::1", "fe80::2" };
	static const bool   inverts[] = { false, true };
	net_addrList	    addrs, primaries, fallbacks;
	struct partitionEnv env;
	char		   *got;
	size_t		    k;
	int		    i;

	addrs.a = NULL;
	addrs.n = 0;
	addrs.a = runtime_malloc(nelem(ips) * sizeof(*addrs.a));
	for (k = 0; k < nelem(ips); k++)
		addrs.a[addrs.n++] =
		    &net_newIPAddr(net_ParseIP(ips[k]), "eth0")->addr;
	i = _i;
	/* Inverting the strategy must not change the outcome. */
	for (k = 0; k < nelem(inverts); k++) {
		env.lastByte = addrListPartitionTests[i].lastByte;
		env.invert = inverts[k];
		net_addrList_partition(
		    &addrs, lastByteIs, &env, &primaries, &fallbacks);
		if (!ipAddrListEqual(&primaries, &addrs,
			addrListPartitionTests[i].primaries,
			addrListPartitionTests[i].nprimaries)) {
			got = addrListString(&primaries);
			ck_abort_msg("#%d: got %s; want %zu addresses", i, got,
			    addrListPartitionTests[i].nprimaries);
		}
		if (!ipAddrListEqual(&fallbacks, &addrs,
			addrListPartitionTests[i].fallbacks,
			addrListPartitionTests[i].nfallbacks)) {
			got = addrListString(&fallbacks);
			ck_abort_msg("#%d: got %s; want %zu addresses", i, got,
			    addrListPartitionTests[i].nfallbacks);
		}
		net_addrList_free(&primaries);
		net_addrList_free(&fallbacks);
	}
	net_addrList_free(&addrs);
}
END_TEST

Suite *
ipsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("ipsock");
	tc = newTCase("addrList");
	tcase_add_loop_test(tc, TestAddrList, 0, nelem(addrListTests));
	tcase_add_loop_test(
	    tc, TestAddrListPartition, 0, nelem(addrListPartitionTests));
	suite_add_tcase(s, tc);
	return s;
}
