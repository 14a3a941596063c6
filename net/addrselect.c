/* C port of go1.19 src/net/addrselect.go: RFC 6724 destination sorting. */
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"

/*
 * byRFC6724 is Go's sort.Interface over four parallel slices; Swap moves
 * an address together with its source and both attributes.
 */
typedef struct byRFC6724 {
	net_IPAddr *addrs;
	net_ipAttr *addrAttr;
	net_IP	   *srcs; /* a nil IP where there is no route */
	net_ipAttr *srcAttr;
} byRFC6724;

/* srcAddrs asks the kernel which source each address would get. */
static void
srcAddrs(const net_IPAddr *addrs, int n, net_IP *srcs)
{
	const net_UDPAddr *la;
	net_UDPAddr	   dst;
	net_UDPConn	  *c;
	runtime_error	  *err;
	int		   i;

	/* Connecting a UDP socket sends nothing; the port is irrelevant. */
	memset(&dst, 0, sizeof(dst));
	dst.addr.type = &net_UDPAddrType;
	dst.Port = 9;
	for (i = 0; i < n; i++) {
		srcs[i] = (net_IP){ 0 };
		dst.IP = addrs[i].IP;
		dst.Zone = addrs[i].Zone;
		err = net_DialUDP("udp", NULL, &dst, &c);
		if (err != NULL) {
			runtime_error_Free(err);
			continue;
		}
		la = (const net_UDPAddr *)net_UDPConn_LocalAddr(c);
		if (la != NULL && la->addr.type == &net_UDPAddrType)
			srcs[i] = la->IP;
		net_UDPConn_Close(c);
		net_UDPConn_Free(c);
	}
}

void
net_sortByRFC6724(net_IPAddr *addrs, int n)
{
	net_IP *srcs;

	if (n < 2)
		return;
	srcs = runtime_malloc((size_t)n * sizeof(srcs[0]));
	srcAddrs(addrs, n, srcs);
	net_sortByRFC6724withSrcs(addrs, srcs, n);
	free(srcs);
}

net_ipAttr
net_ipAttrOf(net_IP ip)
{
	net_policyTableEntry match;

	if (ip.len == 0)
		return (net_ipAttr){ 0 };
	match = net_rfc6724policyTable_Classify(ip);
	return (
	    net_ipAttr){ net_classifyScope(ip), match.Precedence, match.Label };
}

static void
byRFC6724_Swap(byRFC6724 *s, int i, int j)
{
	net_IPAddr a;
	net_ipAttr t;
	net_IP	   ip;

	a = s->addrs[i];
	s->addrs[i] = s->addrs[j];
	s->addrs[j] = a;
	ip = s->srcs[i];
	s->srcs[i] = s->srcs[j];
	s->srcs[j] = ip;
	t = s->addrAttr[i];
	s->addrAttr[i] = s->addrAttr[j];
	s->addrAttr[j] = t;
	t = s->srcAttr[i];
	s->srcAttr[i] = s->srcAttr[j];
	s->srcAttr[j] = t;
}

/*
 * byRFC6724_Less reports whether addrs[i] is the better destination,
 * applying RFC 6724 section 6's rules in order under the RFC's names.
 * Rules 3, 4 and 7 need what the kernel does not tell (deprecated, home
 * and encapsulated addresses) and are skipped, as in Go.
 */
static bool
byRFC6724_Less(const byRFC6724 *s, int i, int j)
{
	const net_ipAttr *attrDA, *attrDB, *attrSourceDA, *attrSourceDB;
	net_IP		  DA, DB, SourceDA, SourceDB;
	int		  commonA, commonB;
	const bool	  preferDA = true, preferDB = false;

	DA = s->addrs[i].IP;
	DB = s->addrs[j].IP;
	SourceDA = s->srcs[i];
	SourceDB = s->srcs[j];
	attrDA = &s->addrAttr[i];
	attrDB = &s->addrAttr[j];
	attrSourceDA = &s->srcAttr[i];
	attrSourceDB = &s->srcAttr[j];

	/* Rule 1: avoid unusable destinations. */
	if (SourceDA.len == 0 && SourceDB.len == 0)
		return false; /* equal */
	if (SourceDB.len == 0)
		return preferDA;
	if (SourceDA.len == 0)
		return preferDB;

	/* Rule 2: prefer matching scope. */
	if (attrDA->Scope == attrSourceDA->Scope &&
	    attrDB->Scope != attrSourceDB->Scope)
		return preferDA;
	if (attrDA->Scope != attrSourceDA->Scope &&
	    attrDB->Scope == attrSourceDB->Scope)
		return preferDB;

	/* Rule 5: prefer matching label. */
	if (attrSourceDA->Label == attrDA->Label &&
	    attrSourceDB->Label != attrDB->Label)
		return preferDA;
	if (attrSourceDA->Label != attrDA->Label &&
	    attrSourceDB->Label == attrDB->Label)
		return preferDB;

	/* Rule 6: prefer higher precedence. */
	if (attrDA->Precedence > attrDB->Precedence)
		return preferDA;
	if (attrDA->Precedence < attrDB->Precedence)
		return preferDB;

	/* Rule 8: prefer smaller scope. */
	if (attrDA->Scope < attrDB->Scope)
		return preferDA;
	if (attrDA->Scope > attrDB->Scope)
		return preferDB;

	/*
	 * Rule 9: use longest matching prefix, for IPv6 only: applied to
	 * IPv4 it hurt (Go issues 13283 and 18518).
	 */
	if (net_IP_To4(DA).len == 0 && net_IP_To4(DB).len == 0) {
		commonA = net_commonPrefixLen(SourceDA, DA);
		commonB = net_commonPrefixLen(SourceDB, DB);
		if (commonA > commonB)
			return preferDA;
		if (commonA < commonB)
			return preferDB;
	}

	/* Rule 10: otherwise, leave the order unchanged. */
	return false;
}

/*
 * Go's sort.Stable, which the rules need exactly: they are not a strict
 * weak order, so another stable algorithm could order some lists
 * differently.  These are sort's insertionSort, symMerge, swapRange,
 * rotate and stable over byRFC6724.
 */
static void
insertionSort(byRFC6724 *data, int a, int b)
{
	int i, j;

	for (i = a + 1; i < b; i++)
		for (j = i; j > a && byRFC6724_Less(data, j, j - 1); j--)
			byRFC6724_Swap(data, j, j - 1);
}

static void
swapRange(byRFC6724 *data, int a, int b, int n)
{
	int i;

	for (i = 0; i < n; i++)
		byRFC6724_Swap(data, a + i, b + i);
}

static void
rotate(byRFC6724 *data, int a, int m, int b)
{
	int i, j;

	i = m - a;
	j = b - m;
	while (i != j) {
		if (i > j) {
			swapRange(data, m - i, m, j);
			i -= j;
		} else {
			swapRange(data, m - i, m + j - i, i);
			j -= i;
		}
	}
	swapRange(data, m - i, m, i);
}

/* searchFirst is symMerge's binary search for a one-element side. */
static int
searchFirst(byRFC6724 *data, int i, int j, int x, bool after)
{
	int h;

	while (i < j) {
		h = (int)((unsigned)(i + j) >> 1);
		if (after ? !byRFC6724_Less(data, x, h)
			  : byRFC6724_Less(data, h, x))
			i = h + 1;
		else
			j = h;
	}
	return i;
}

static void
symMerge(byRFC6724 *data, int a, int m, int b)
{
	int i, k, mid, n, start, r, p, c, end;

	if (m - a == 1) {
		i = searchFirst(data, m, b, a, false);
		for (k = a; k < i - 1; k++)
			byRFC6724_Swap(data, k, k + 1);
		return;
	}
	if (b - m == 1) {
		i = searchFirst(data, a, m, m, true);
		for (k = m; k > i; k--)
			byRFC6724_Swap(data, k, k - 1);
		return;
	}
	mid = (int)((unsigned)(a + b) >> 1);
	n = mid + m;
	if (m > mid) {
		start = n - b;
		r = mid;
	} else {
		start = a;
		r = m;
	}
	p = n - 1;
	while (start < r) {
		c = (int)((unsigned)(start + r) >> 1);
		if (!byRFC6724_Less(data, p - c, c))
			start = c + 1;
		else
			r = c;
	}
	end = n - start;
	if (start < m && m < end)
		rotate(data, start, m, end);
	if (a < start && start < mid)
		symMerge(data, a, start, mid);
	if (mid < end && end < b)
		symMerge(data, mid, end, b);
}

static void
stable(byRFC6724 *data, int n)
{
	int blockSize, a, b, m;

	blockSize = 20;
	a = 0;
	b = blockSize;
	for (; b <= n; a = b, b += blockSize)
		insertionSort(data, a, b);
	insertionSort(data, a, n);
	for (; blockSize < n; blockSize *= 2) {
		a = 0;
		b = 2 * blockSize;
		for (; b <= n; a = b, b += 2 * blockSize)
			symMerge(data, a, a + blockSize, b);
		m = a + blockSize;
		if (m < n)
			symMerge(data, a, m, n);
	}
}

void
net_sortByRFC6724withSrcs(net_IPAddr *addrs, net_IP *srcs, int n)
{
	byRFC6724 s;
	int	  i;

	s.addrs = addrs;
	s.srcs = srcs;
	s.addrAttr = runtime_malloc((size_t)n * sizeof(s.addrAttr[0]) + 1);
	s.srcAttr = runtime_malloc((size_t)n * sizeof(s.srcAttr[0]) + 1);
	for (i = 0; i < n; i++) {
		s.addrAttr[i] = net_ipAttrOf(addrs[i].IP);
		s.srcAttr[i] = net_ipAttrOf(srcs[i]);
	}
	stable(&s, n);
	free(s.addrAttr);
	free(s.srcAttr);
}

/*
 * The policy table of RFC 6724 section 2.1, longest prefix first, the
 * order Go's init sorts it into (its two pairs of equal lengths are
 * disjoint, so their order cannot change a match).
 */
static const struct {
	const char *cidr;
	uint8_t	    Precedence;
	uint8_t	    Label;
} rfc6724policy[] = {
	{ "::1/128", 50, 0 },
	{ "::ffff:0:0/96", 35, 4 }, /* IPv4-mapped */
	{ "::/96", 1, 3 },	    /* IPv4-compatible */
	{ "2001::/32", 5, 5 },	    /* Teredo */
	{ "2002::/16", 30, 2 },	    /* 6to4 */
	{ "3ffe::/16", 1, 12 },
	{ "fec0::/10", 1, 11 },
	{ "fc00::/7", 3, 13 },
	{ "::/0", 40, 1 },
};

static sync_Once	    policyOnce;
static net_policyTableEntry rfc6724policyTable[nelem(rfc6724policy)];

/* mustCIDR parses a table prefix, which must be IPv6. */
static net_IPNet
mustCIDR(const char *s)
{
	runtime_error *err;
	net_IPNet      ipNet;
	net_IP	       ip;

	err = net_ParseCIDR(s, &ip, &ipNet);
	if (err != NULL)
		runtime_throw(runtime_error_Error(err));
	if (ip.len != net_IPv6len)
		runtime_throw("unexpected IP length");
	return ipNet;
}

static void
initPolicyTable(void *arg)
{
	size_t i;

	(void)arg;
	for (i = 0; i < nelem(rfc6724policy); i++)
		rfc6724policyTable[i] =
		    (net_policyTableEntry){ mustCIDR(rfc6724policy[i].cidr),
			    rfc6724policy[i].Precedence,
			    rfc6724policy[i].Label };
}

net_policyTableEntry
net_rfc6724policyTable_Classify(net_IP ip)
{
	size_t i;

	sync_Once_Do(&policyOnce, initPolicyTable, NULL);
	for (i = 0; i < nelem(rfc6724policyTable); i++)
		if (net_IPNet_Contains(&rfc6724policyTable[i].Prefix, ip))
			return rfc6724policyTable[i];
	return (net_policyTableEntry){ 0 };
}

/* net_classifyScope is RFC 6724 section 3.1's scope of ip. */
net_scope
net_classifyScope(net_IP ip)
{
	bool ipv6;

	if (net_IP_IsLoopback(ip) || net_IP_IsLinkLocalUnicast(ip))
		return net_scopeLinkLocal;
	ipv6 = ip.len == net_IPv6len && net_IP_To4(ip).len == 0;
	if (ipv6 && net_IP_IsMulticast(ip))
		return (net_scope)(ip.b[1] & 0xf);
	/* Site-local: RFC 3513 section 2.5.6, deprecated by RFC 3879. */
	if (ipv6 && ip.b[0] == 0xfe && (ip.b[1] & 0xc0) == 0xc0)
		return net_scopeSiteLocal;
	return net_scopeGlobal;
}

/*
 * net_commonPrefixLen counts the leading bits a and b share, within the
 * 64-bit prefix of IPv6 addresses (RFC 6724 section 2.2); IPv4 addresses
 * in either form compare as 4 bytes, and different families share none.
 */
int
net_commonPrefixLen(net_IP a, net_IP b)
{
	net_IP	a4, b4;
	int	cpl, bits, i, n;
	uint8_t ab, bb;

	a4 = net_IP_To4(a);
	if (a4.len != 0)
		a = a4;
	b4 = net_IP_To4(b);
	if (b4.len != 0)
		b = b4;
	if (a.len != b.len)
		return 0;
	n = a.len > 8 ? 8 : a.len;
	cpl = 0;
	for (i = 0; i < n; i++) {
		if (a.b[i] == b.b[i]) {
			cpl += 8;
			continue;
		}
		bits = 8;
		ab = a.b[i];
		bb = b.b[i];
		do {
			ab >>= 1;
			bb >>= 1;
			bits--;
		} while (ab != bb);
		return cpl + bits;
	}
	return cpl;
}
