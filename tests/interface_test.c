/*
 * C port of go1.19 src/net/interface_test.go.
 *
 * Adaptations: Go's type switch over Addr is net_Addr_IPNet and
 * net_Addr_IPAddr; reflect.DeepEqual of two Interfaces compares their
 * fields, the name by value.  The benchmarks live with the others.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"
#include "tests/interface_test.h"
#include "tests/mockserver.h"

/*
 * loopbackInterface returns the first loopback interface that is up, as
 * a one-block heap copy (free()), or NULL.
 */
net_Interface *
loopbackInterface(void)
{
	net_Interface *ift, *ifi;
	runtime_error *err;
	size_t	       i, n, l;

	if ((err = net_Interfaces(&ift, &n)) != NULL) {
		runtime_error_Free(err);
		return NULL;
	}
	ifi = NULL;
	for (i = 0; i < n && ifi == NULL; i++) {
		if ((ift[i].Flags & net_FlagLoopback) == 0 ||
		    (ift[i].Flags & net_FlagUp) == 0)
			continue;
		l = strlen(ift[i].Name) + 1;
		ifi = malloc(sizeof(*ifi) + l);
		*ifi = ift[i];
		ifi->Name = memcpy(ifi + 1, ift[i].Name, l);
	}
	free(ift);
	return ifi;
}

const char *
ipv6LinkLocalUnicastAddr(const net_Interface *ifi)
{
	const net_IPNetAddr *ifa;
	runtime_error	    *err;
	net_Addr	   **ifat;
	const char	    *s;
	size_t		     i, n;

	if (ifi == NULL)
		return "";
	if ((err = net_Interface_Addrs(ifi, &ifat, &n)) != NULL) {
		runtime_error_Free(err);
		return "";
	}
	s = "";
	for (i = 0; i < n && s[0] == '\0'; i++) {
		ifa = net_Addr_IPNet(ifat[i]);
		if (ifa != NULL && net_IP_To4(ifa->IPNet.IP).len == 0 &&
		    net_IP_IsLinkLocalUnicast(ifa->IPNet.IP))
			s = tStr(net_IP_String(ifa->IPNet.IP));
	}
	free(ifat);
	return s;
}

/*
 * addRow appends {network, "[host%zone]:0", nameLookup}.  Go's Linux rows
 * that look up ip6-localhost are kept only where the hosts file names it,
 * so the tests never ask a nameserver.
 */
static void
addRow(ipv6LinkLocalUnicastTest *tt, size_t *n, const char *network,
    const char *host, const char *zone, bool nameLookup)
{
	int nh;

	if (nameLookup) {
		free(net_lookupStaticHost(host, strlen(host), &nh));
		if (nh == 0) {
			tLogf(
			    "%s is not in the hosts file: row left out", host);
			return;
		}
	}
	tt[*n].network = network;
	tt[*n].address = tStr(
	    runtime_concatstrings("[", host, "%", zone, "]:0", (char *)NULL));
	tt[*n].nameLookup = nameLookup;
	(*n)++;
}

size_t
ipv6LinkLocalUnicastTests(const char *proto, ipv6LinkLocalUnicastTest tt[4])
{
	net_Interface *ifi;
	const char    *addr, *net6;
	size_t	       n;

	n = 0;
	ifi = loopbackInterface();
	tDeferFree(free, ifi);
	addr = ipv6LinkLocalUnicastAddr(ifi);
	if (addr[0] == '\0')
		return 0;
	net6 = strcmp(proto, "tcp") == 0 ? "tcp6" : "udp6";
	addRow(tt, &n, proto, addr, ifi->Name, false);
	addRow(tt, &n, net6, addr, ifi->Name, false);
	addRow(tt, &n, proto, "ip6-localhost", ifi->Name, true);
	addRow(tt, &n, net6, "ip6-localhost", ifi->Name, true);
	return n;
}

void
mustZone(const net_Addr *a, const char *zone, bool nameLookup)
{
	if (!nameLookup && (zone == NULL || zone[0] == '\0'))
		tFatalf("got %s; expected a proper address with zone "
			"identifier",
		    addrString(a));
}

bool
linkLocalTestable(void)
{
	if (mustHaveExternalNetwork())
		return false;
	if (!supportsIPv6()) {
		tSkipf("IPv6 is not supported");
		return false;
	}
	return true;
}

void
linkLocalExchange(net_Conn *c, const char *msg, chan *ch, size_t i)
{
	runtime_error *err;
	ptrdiff_t      n;
	char	       b[32], prefix[24];

	if ((err = net_Conn_Write(c, msg, strlen(msg), &n)) != NULL)
		tFatalf("%s", tErrStr(err));
	if ((err = net_Conn_Read(c, b, sizeof(b), &n)) != NULL)
		tFatalf("%s", tErrStr(err));
	snprintf(prefix, sizeof(prefix), "#%zu", i);
	chanRangeErrors(ch, prefix);
}

/* ifString prints an Interface as Go's %v does: {1 65536 lo  up|loopback}. */
char *
ifString(const net_Interface *ifi)
{
	char *s, *hw, *fl;

	hw = net_HardwareAddr_String(ifi->HardwareAddr);
	fl = net_Flags_String(ifi->Flags);
	if (asprintf(&s, "{%d %d %s %s %s}", ifi->Index, ifi->MTU, ifi->Name,
		hw, fl) < 0)
		s = NULL;
	free(hw);
	free(fl);
	return tStr(s);
}

static bool
interfaceEqual(const net_Interface *a, const net_Interface *b)
{
	return a->Index == b->Index && a->MTU == b->MTU &&
	    strcmp(a->Name, b->Name) == 0 && a->Flags == b->Flags &&
	    a->HardwareAddr.len == b->HardwareAddr.len &&
	    memcmp(a->HardwareAddr.b, b->HardwareAddr.b, a->HardwareAddr.len) ==
	    0;
}

/* mustInterfaces is Interfaces or t.Fatal; the table is freed at tDone. */
net_Interface *
mustInterfaces(size_t *n)
{
	net_Interface *ift;
	runtime_error *err;

	if ((err = net_Interfaces(&ift, n)) != NULL)
		tFatalf("%s", tErrStr(err));
	tStr((char *)ift);
	return ift;
}

START_TEST(TestInterfaces)
{
	net_Interface *ift, *ifxi, *ifxn;
	runtime_error *err;
	size_t	       i, n;

	ift = mustInterfaces(&n);
	for (i = 0; i < n; i++) {
		if ((err = net_InterfaceByIndex(ift[i].Index, &ifxi)) != NULL)
			tFatalf("%s", tErrStr(err));
		tStr((char *)ifxi);
		if (!interfaceEqual(ifxi, &ift[i]))
			tErrorf("got %s; want %s", ifString(ifxi),
			    ifString(&ift[i]));
		if ((err = net_InterfaceByName(ift[i].Name, &ifxn)) != NULL)
			tFatalf("%s", tErrStr(err));
		tStr((char *)ifxn);
		if (!interfaceEqual(ifxn, &ift[i]))
			tErrorf("got %s; want %s", ifString(ifxn),
			    ifString(&ift[i]));
		tLogf("%s: flags=%s index=%d mtu=%d hwaddr=%s", ift[i].Name,
		    tStr(net_Flags_String(ift[i].Flags)), ift[i].Index,
		    ift[i].MTU,
		    tStr(net_HardwareAddr_String(ift[i].HardwareAddr)));
	}
	tDone();
}
END_TEST

typedef struct ifStats {
	int loop;  /* # of active loopback interfaces */
	int other; /* # of active other interfaces */
} ifStats;

static ifStats
interfaceStats(const net_Interface *ift, size_t n)
{
	ifStats stats = { 0, 0 };
	size_t	i;

	for (i = 0; i < n; i++) {
		if ((ift[i].Flags & net_FlagUp) == 0)
			continue;
		if ((ift[i].Flags & net_FlagLoopback) != 0)
			stats.loop++;
		else
			stats.other++;
	}
	return stats;
}

typedef struct routeStats {
	int ipv4, ipv6; /* # of active connected routes */
} routeStats;

/* countFamily adds ip to the IPv4 or IPv6 count, as Go's two ifs do. */
static void
countFamily(routeStats *stats, net_IP ip)
{
	if (net_IP_To4(ip).len != 0)
		stats->ipv4++;
	if (net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0)
		stats->ipv6++;
}

static char *
notIPv6(const char *s)
{
	return tStr(runtime_concatstrings("should be internal representation "
					  "either IPv6 or IPv4-mapped IPv6 "
					  "address: ",
	    s, (char *)NULL));
}

static char *
validateIPNet(const net_IPNetAddr *ifa, routeStats *stats)
{
	const char *s;
	net_IP	    ip;
	int	    prefixLen, maxPrefixLen;

	ip = ifa->IPNet.IP;
	s = tStr(net_Addr_String(&ifa->addr));
	if (ip.len == 0 || net_IP_IsMulticast(ip) || ifa->IPNet.Mask.len == 0)
		return tStr(runtime_concatstrings(
		    "unexpected value: ", s, (char *)NULL));
	if (ip.len != net_IPv6len)
		return notIPv6(s);
	net_IPMask_Size(ifa->IPNet.Mask, &prefixLen, &maxPrefixLen);
	if (net_IP_To4(ip).len != 0 &&
	    (0 >= prefixLen || prefixLen > 8 * net_IPv4len ||
		maxPrefixLen != 8 * net_IPv4len ||
		(net_IP_IsLoopback(ip) && prefixLen < 8)))
		goto badprefix;
	if (net_IP_To4(ip).len == 0 &&
	    (0 >= prefixLen || prefixLen > 8 * net_IPv6len ||
		maxPrefixLen != 8 * net_IPv6len ||
		(net_IP_IsLoopback(ip) && prefixLen != 8 * net_IPv6len)))
		goto badprefix;
	countFamily(stats, ip);
	return NULL;
badprefix:
	return tStr(runtime_concatstrings(
	    "unexpected prefix length for ", s, (char *)NULL));
}

static char *
validateIPAddr(const net_IPAddr *ifa, routeStats *stats, bool multicast)
{
	const char *s;
	net_IP	    ip;
	bool	    bad;

	ip = ifa->IP;
	s = tStr(net_Addr_String(&ifa->addr));
	if (multicast)
		bad = ip.len == 0 || net_IP_IsUnspecified(ip) ||
		    !net_IP_IsMulticast(ip);
	else
		bad = ip.len == 0 || net_IP_IsMulticast(ip);
	if (bad)
		return tStr(runtime_concatstrings(
		    "unexpected value: ", s, (char *)NULL));
	if (ip.len != net_IPv6len)
		return notIPv6(s);
	countFamily(stats, ip);
	return NULL;
}

/*
 * validateInterfaceAddrs is Go's validateInterfaceUnicastAddrs, or with
 * multicast set its validateInterfaceMulticastAddrs (IPAddrs only); it
 * returns an error text, or NULL.
 */
static char *
validateInterfaceAddrs(
    net_Addr *const *ifat, size_t n, bool multicast, routeStats *stats)
{
	char  *e;
	size_t i;

	memset(stats, 0, sizeof(*stats));
	for (i = 0; i < n; i++) {
		if (!multicast && net_Addr_IPNet(ifat[i]) != NULL)
			e = validateIPNet(net_Addr_IPNet(ifat[i]), stats);
		else if (net_Addr_IPAddr(ifat[i]) != NULL)
			e = validateIPAddr(
			    net_Addr_IPAddr(ifat[i]), stats, multicast);
		else
			e = "unexpected type";
		if (e != NULL)
			return e;
	}
	return NULL;
}

static void
checkUnicastStats(ifStats ifs, routeStats uni)
{
	if (supportsIPv4() && ifs.loop + ifs.other > 0 && uni.ipv4 == 0)
		tFatalf("num IPv4 unicast routes = 0; want >0; summary: "
			"&{loop:%d other:%d}, &{ipv4:%d ipv6:%d}",
		    ifs.loop, ifs.other, uni.ipv4, uni.ipv6);
	if (supportsIPv6() && ifs.loop > 0 && uni.ipv6 == 0)
		tFatalf("num IPv6 unicast routes = 0; want >0; summary: "
			"&{loop:%d other:%d}, &{ipv4:%d ipv6:%d}",
		    ifs.loop, ifs.other, uni.ipv4, uni.ipv6);
}

static void
checkMulticastStats(ifStats ifs, routeStats uni, routeStats multi)
{
	if (supportsIPv6() && ifs.loop > 0 && uni.ipv6 > 1 && multi.ipv6 == 0)
		tFatalf("num IPv6 multicast route clones = 0; want >0; "
			"summary: &{loop:%d other:%d}, &{ipv4:%d ipv6:%d}, "
			"&{ipv4:%d ipv6:%d}",
		    ifs.loop, ifs.other, uni.ipv4, uni.ipv6, multi.ipv4,
		    multi.ipv6);
}

/*
 * mustAddrs checks the result of one of the address-list calls (t.Fatal
 * on error) and frees its list at tDone.
 */
static void
mustAddrs(runtime_error *err, net_Addr **ifat)
{
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	tStr((char *)ifat);
}

START_TEST(TestInterfaceAddrs)
{
	net_Interface *ift;
	net_Addr     **ifat;
	runtime_error *err;
	routeStats     uni;
	ifStats	       ifs;
	size_t	       n, na;
	char	      *e;

	ift = mustInterfaces(&n);
	ifs = interfaceStats(ift, n);
	err = net_InterfaceAddrs(&ifat, &na);
	mustAddrs(err, ifat);
	if ((e = validateInterfaceAddrs(ifat, na, false, &uni)) != NULL)
		tFatalf("%s", e);
	checkUnicastStats(ifs, uni);
	tDone();
}
END_TEST

START_TEST(TestInterfaceUnicastAddrs)
{
	net_Interface *ift;
	net_Addr     **ifat;
	runtime_error *err;
	routeStats     uni = { 0, 0 }, stats;
	ifStats	       ifs;
	size_t	       i, n, na;
	char	      *e;

	ift = mustInterfaces(&n);
	ifs = interfaceStats(ift, n);
	for (i = 0; i < n; i++) {
		err = net_Interface_Addrs(&ift[i], &ifat, &na);
		mustAddrs(err, ifat);
		if ((e = validateInterfaceAddrs(ifat, na, false, &stats)) !=
		    NULL)
			tFatalf("%s %s", ifString(&ift[i]), e);
		uni.ipv4 += stats.ipv4;
		uni.ipv6 += stats.ipv6;
	}
	checkUnicastStats(ifs, uni);
	tDone();
}
END_TEST

START_TEST(TestInterfaceMulticastAddrs)
{
	net_Interface *ift;
	net_Addr     **ifat;
	runtime_error *err;
	routeStats     uni, multi = { 0, 0 }, stats;
	ifStats	       ifs;
	size_t	       i, n, na;
	char	      *e;

	ift = mustInterfaces(&n);
	ifs = interfaceStats(ift, n);
	err = net_InterfaceAddrs(&ifat, &na);
	mustAddrs(err, ifat);
	if ((e = validateInterfaceAddrs(ifat, na, false, &uni)) != NULL)
		tFatalf("%s", e);
	for (i = 0; i < n; i++) {
		err = net_Interface_MulticastAddrs(&ift[i], &ifat, &na);
		mustAddrs(err, ifat);
		if ((e = validateInterfaceAddrs(ifat, na, true, &stats)) !=
		    NULL)
			tFatalf("%s %s", ifString(&ift[i]), e);
		multi.ipv4 += stats.ipv4;
		multi.ipv6 += stats.ipv6;
	}
	checkMulticastStats(ifs, uni, multi);
	tDone();
}
END_TEST

Suite *
interface_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("interface");
	tc = newNetTCase("Interfaces", 30);
	tcase_add_test(tc, TestInterfaces);
	tcase_add_test(tc, TestInterfaceAddrs);
	tcase_add_test(tc, TestInterfaceUnicastAddrs);
	tcase_add_test(tc, TestInterfaceMulticastAddrs);
	suite_add_tcase(s, tc);
	return s;
}
