/* C port of go1.19 src/net/ip.go */
/*
 * IPs and masks are small values (net_IP: a length and up to 16 bytes), so
 * where Go returns a fresh or shared slice this file returns a copy.  Go's
 * nil slice is the zero value, len 0.
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

const uint8_t net_v4InV6Prefix[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff,
	0xff };

/* An IPv4 address in the 16-byte form that net_IPv4 builds. */
#define V4(a, b, c, d)                                                         \
	{                                                                      \
		net_IPv6len,                                                   \
		{                                                              \
			0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, (a), (b),    \
			    (c), (d)                                           \
		}                                                              \
	}
#define V6(...)                                                                \
	{                                                                      \
		net_IPv6len,                                                   \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}

net_IP
net_IPv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	net_IP p;

	p.len = net_IPv6len;
	memcpy(p.b, net_v4InV6Prefix, sizeof(net_v4InV6Prefix));
	p.b[12] = a;
	p.b[13] = b;
	p.b[14] = c;
	p.b[15] = d;
	return p;
}

net_IPMask
net_IPv4Mask(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	net_IPMask p = { 0 };

	p.len = net_IPv4len;
	p.b[0] = a;
	p.b[1] = b;
	p.b[2] = c;
	p.b[3] = d;
	return p;
}

net_IPMask
net_CIDRMask(int ones, int bits)
{
	net_IPMask m = { 0 };
	int	   i, l;
	unsigned   n;

	if (bits != 8 * net_IPv4len && bits != 8 * net_IPv6len)
		return m;
	if (ones < 0 || ones > bits)
		return m;
	l = bits / 8;
	m.len = (uint8_t)l;
	n = (unsigned)ones;
	for (i = 0; i < l; i++) {
		if (n >= 8) {
			m.b[i] = 0xff;
			n -= 8;
			continue;
		}
		m.b[i] = (uint8_t) ~(0xff >> n);
		n = 0;
	}
	return m;
}

const net_IP net_IPv4bcast = V4(255, 255, 255, 255);
const net_IP net_IPv4allsys = V4(224, 0, 0, 1);
const net_IP net_IPv4allrouter = V4(224, 0, 0, 2);
const net_IP net_IPv4zero = V4(0, 0, 0, 0);

const net_IP net_IPv6zero = V6(0);
const net_IP net_IPv6unspecified = V6(0);
const net_IP net_IPv6loopback =
    V6(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
const net_IP net_IPv6interfacelocalallnodes =
    V6(0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01);
const net_IP net_IPv6linklocalallnodes =
    V6(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01);
const net_IP net_IPv6linklocalallrouters =
    V6(0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02);

bool
net_IP_IsUnspecified(net_IP ip)
{
	return net_IP_Equal(ip, net_IPv4zero) ||
	    net_IP_Equal(ip, net_IPv6unspecified);
}

bool
net_IP_IsLoopback(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0)
		return ip4.b[0] == 127;
	return net_IP_Equal(ip, net_IPv6loopback);
}

/* The blocks are RFC 1918's for IPv4 and RFC 4193's fc00::/7 for IPv6. */
bool
net_IP_IsPrivate(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0) {
		return ip4.b[0] == 10 ||
		    (ip4.b[0] == 172 && (ip4.b[1] & 0xf0) == 16) ||
		    (ip4.b[0] == 192 && ip4.b[1] == 168);
	}
	return ip.len == net_IPv6len && (ip.b[0] & 0xfe) == 0xfc;
}

bool
net_IP_IsMulticast(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0)
		return (ip4.b[0] & 0xf0) == 0xe0;
	return ip.len == net_IPv6len && ip.b[0] == 0xff;
}

bool
net_IP_IsInterfaceLocalMulticast(net_IP ip)
{
	return ip.len == net_IPv6len && ip.b[0] == 0xff &&
	    (ip.b[1] & 0x0f) == 0x01;
}

bool
net_IP_IsLinkLocalMulticast(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0)
		return ip4.b[0] == 224 && ip4.b[1] == 0 && ip4.b[2] == 0;
	return ip.len == net_IPv6len && ip.b[0] == 0xff &&
	    (ip.b[1] & 0x0f) == 0x02;
}

bool
net_IP_IsLinkLocalUnicast(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0)
		return ip4.b[0] == 169 && ip4.b[1] == 254;
	return ip.len == net_IPv6len && ip.b[0] == 0xfe &&
	    (ip.b[1] & 0xc0) == 0x80;
}

/*
 * Global unicast follows the address types of RFC 1122, 4632 and 4291, but,
 * as in Go, IPv4 directed broadcasts and private ranges still count.
 */
bool
net_IP_IsGlobalUnicast(net_IP ip)
{
	return (ip.len == net_IPv4len || ip.len == net_IPv6len) &&
	    !net_IP_Equal(ip, net_IPv4bcast) && !net_IP_IsUnspecified(ip) &&
	    !net_IP_IsLoopback(ip) && !net_IP_IsMulticast(ip) &&
	    !net_IP_IsLinkLocalUnicast(ip);
}

bool
net_isZeros(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (p[i] != 0)
			return false;
	}
	return true;
}

net_IP
net_IP_To4(net_IP ip)
{
	net_IP ip4 = { 0 };

	if (ip.len == net_IPv4len)
		return ip;
	if (ip.len == net_IPv6len && net_isZeros(ip.b, 10) &&
	    ip.b[10] == 0xff && ip.b[11] == 0xff) {
		ip4.len = net_IPv4len;
		memcpy(ip4.b, ip.b + 12, net_IPv4len);
	}
	return ip4;
}

net_IP
net_IP_To16(net_IP ip)
{
	net_IP none = { 0 };

	if (ip.len == net_IPv4len)
		return net_IPv4(ip.b[0], ip.b[1], ip.b[2], ip.b[3]);
	if (ip.len == net_IPv6len)
		return ip;
	return none;
}

/* The classful default masks, by the address's first bits. */
static const net_IPMask classAMask = { net_IPv4len, { 0xff, 0, 0, 0 } };
static const net_IPMask classBMask = { net_IPv4len, { 0xff, 0xff, 0, 0 } };
static const net_IPMask classCMask = { net_IPv4len, { 0xff, 0xff, 0xff, 0 } };

net_IPMask
net_IP_DefaultMask(net_IP ip)
{
	net_IPMask none = { 0 };

	ip = net_IP_To4(ip);
	if (ip.len == 0)
		return none;
	if (ip.b[0] < 0x80)
		return classAMask;
	if (ip.b[0] < 0xC0)
		return classBMask;
	return classCMask;
}

bool
net_allFF(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (b[i] != 0xff)
			return false;
	}
	return true;
}

net_IP
net_IP_Mask(net_IP ip, net_IPMask mask)
{
	net_IP	       out = { 0 };
	const uint8_t *ipb, *maskb;
	size_t	       n, masklen;
	size_t	       i;

	ipb = ip.b;
	n = ip.len;
	maskb = mask.b;
	masklen = mask.len;
	if (masklen == net_IPv6len && n == net_IPv4len &&
	    net_allFF(maskb, 12)) {
		maskb += 12;
		masklen -= 12;
	}
	if (masklen == net_IPv4len && n == net_IPv6len &&
	    memcmp(ipb, net_v4InV6Prefix, 12) == 0) {
		ipb += 12;
		n -= 12;
	}
	if (n != masklen)
		return out;
	out.len = (uint8_t)n;
	for (i = 0; i < n; i++)
		out.b[i] = ipb[i] & maskb[i];
	return out;
}

int
net_ubtoa(char *dst, int start, uint8_t v)
{
	if (v < 10) {
		dst[start] = (char)(v + '0');
		return 1;
	} else if (v < 100) {
		dst[start + 1] = (char)(v % 10 + '0');
		dst[start] = (char)(v / 10 + '0');
		return 2;
	}

	dst[start + 2] = (char)(v % 10 + '0');
	dst[start + 1] = (char)((v / 10) % 10 + '0');
	dst[start] = (char)(v / 100 + '0');
	return 3;
}

/*
 * net_IP_String gives "<nil>" for a nil IP, dotted decimal for IPv4 (mapped
 * or not), RFC 5952 text for IPv6, and "?" plus hex for any other length.
 */
char *
net_IP_String(net_IP ip)
{
	net_IP p4;
	char  *b, *hex;
	int    n, i, j, e0, e1;

	if (ip.len == 0)
		return runtime_strdup("<nil>");

	p4 = net_IP_To4(ip);
	if (p4.len == net_IPv4len) {
		b = runtime_rawstring(sizeof("255.255.255.255") - 1);
		n = net_ubtoa(b, 0, p4.b[0]);
		b[n++] = '.';
		n += net_ubtoa(b, n, p4.b[1]);
		b[n++] = '.';
		n += net_ubtoa(b, n, p4.b[2]);
		b[n++] = '.';
		n += net_ubtoa(b, n, p4.b[3]);
		b[n] = '\0';
		return b;
	}
	if (ip.len != net_IPv6len) {
		hex = net_hexString(ip.b, ip.len);
		b = runtime_concatstrings("?", hex, (char *)NULL);
		free(hex);
		return b;
	}

	/* Find the longest run of zero groups; the first wins a tie. */
	e0 = -1;
	e1 = -1;
	for (i = 0; i < net_IPv6len; i += 2) {
		j = i;
		while (j < net_IPv6len && ip.b[j] == 0 && ip.b[j + 1] == 0)
			j += 2;
		if (j > i && j - i > e1 - e0) {
			e0 = i;
			e1 = j;
			i = j;
		}
	}
	/* RFC 5952 forbids "::" for a single zero group. */
	if (e1 - e0 <= 2) {
		e0 = -1;
		e1 = -1;
	}

	b = runtime_rawstring(
	    sizeof("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff") - 1);
	n = 0;
	for (i = 0; i < net_IPv6len; i += 2) {
		if (i == e0) {
			b[n++] = ':';
			b[n++] = ':';
			i = e1;
			if (i >= net_IPv6len)
				break;
		} else if (i > 0)
			b[n++] = ':';
		n = (int)(net_appendHex(
			      b + n, ((uint32_t)ip.b[i] << 8) | ip.b[i + 1]) -
		    b);
	}
	b[n] = '\0';
	return b;
}

char *
net_hexString(const uint8_t *b, size_t n)
{
	char  *s;
	size_t i;

	s = runtime_malloc(n * 2 + 1);
	for (i = 0; i < n; i++) {
		s[i * 2] = net_hexDigit[b[i] >> 4];
		s[i * 2 + 1] = net_hexDigit[b[i] & 0xf];
	}
	s[n * 2] = '\0';
	return s;
}

char *
net_ipEmptyString(net_IP ip)
{
	if (ip.len == 0)
		return runtime_strdup("");
	return net_IP_String(ip);
}

/*
 * net_IP_MarshalText writes String's text except that a nil IP gives "";
 * on error *text is NULL.
 */
runtime_error *
net_IP_MarshalText(net_IP ip, char **text)
{
	runtime_error *err;
	char	      *hex;

	*text = NULL;
	if (ip.len == 0) {
		*text = runtime_strdup("");
		return NULL;
	}
	if (ip.len != net_IPv4len && ip.len != net_IPv6len) {
		hex = net_hexString(ip.b, ip.len);
		err = net_newAddrError("invalid IP address", hex);
		free(hex);
		return err;
	}
	*text = net_IP_String(ip);
	return NULL;
}

/* net_IP_UnmarshalText leaves *ip unchanged on error, as Go does. */
runtime_error *
net_IP_UnmarshalText(net_IP *ip, const char *text)
{
	net_IP x;

	if (text == NULL || text[0] == '\0') {
		*ip = (net_IP){ 0 };
		return NULL;
	}
	x = net_ParseIP(text);
	if (x.len == 0)
		return net_newParseError("IP address", text);
	*ip = x;
	return NULL;
}

/* An IPv4 address equals its IPv4-mapped IPv6 form. */
bool
net_IP_Equal(net_IP ip, net_IP x)
{
	if (ip.len == x.len)
		return memcmp(ip.b, x.b, ip.len) == 0;
	if (ip.len == net_IPv4len && x.len == net_IPv6len)
		return memcmp(x.b, net_v4InV6Prefix, 12) == 0 &&
		    memcmp(ip.b, x.b + 12, net_IPv4len) == 0;
	if (ip.len == net_IPv6len && x.len == net_IPv4len)
		return memcmp(ip.b, net_v4InV6Prefix, 12) == 0 &&
		    memcmp(ip.b + 12, x.b, net_IPv4len) == 0;
	return false;
}

bool
net_IP_matchAddrFamily(net_IP ip, net_IP x)
{
	return (net_IP_To4(ip).len != 0 && net_IP_To4(x).len != 0) ||
	    (net_IP_To16(ip).len != 0 && net_IP_To4(ip).len == 0 &&
		net_IP_To16(x).len != 0 && net_IP_To4(x).len == 0);
}

int
net_simpleMaskLength(net_IPMask mask)
{
	int	n, i;
	uint8_t v;

	n = 0;
	for (i = 0; i < mask.len; i++) {
		v = mask.b[i];
		if (v == 0xff) {
			n += 8;
			continue;
		}
		/* The first byte that is not 0xff: count its leading ones. */
		while ((v & 0x80) != 0) {
			n++;
			v <<= 1;
		}
		/* Every bit after them must be zero. */
		if (v != 0)
			return -1;
		for (i++; i < mask.len; i++) {
			if (mask.b[i] != 0)
				return -1;
		}
		break;
	}
	return n;
}

/* A mask that is not ones followed by zeros has size 0, 0. */
void
net_IPMask_Size(net_IPMask m, int *ones, int *bits)
{
	*ones = net_simpleMaskLength(m);
	*bits = m.len * 8;
	if (*ones == -1) {
		*ones = 0;
		*bits = 0;
	}
}

char *
net_IPMask_String(net_IPMask m)
{
	if (m.len == 0)
		return runtime_strdup("<nil>");
	return net_hexString(m.b, m.len);
}

void
net_networkNumberAndMask(const net_IPNet *n, net_IP *ip, net_IPMask *m)
{
	net_IP	   nilip = { 0 };
	net_IPMask nilmask = { 0 };

	*ip = net_IP_To4(n->IP);
	if (ip->len == 0) {
		*ip = n->IP;
		if (ip->len != net_IPv6len)
			goto bad;
	}
	*m = n->Mask;
	switch (m->len) {
	case net_IPv4len:
		if (ip->len != net_IPv4len)
			goto bad;
		break;
	case net_IPv6len:
		if (ip->len == net_IPv4len) {
			m->len = net_IPv4len;
			memmove(m->b, m->b + 12, net_IPv4len);
			memset(
			    m->b + net_IPv4len, 0, net_IPv6len - net_IPv4len);
		}
		break;
	default:
		goto bad;
	}
	return;
bad:
	*ip = nilip;
	*m = nilmask;
}

bool
net_IPNet_Contains(const net_IPNet *n, net_IP ip)
{
	net_IP	   nn, x;
	net_IPMask m;
	int	   i, l;

	net_networkNumberAndMask(n, &nn, &m);
	x = net_IP_To4(ip);
	if (x.len != 0)
		ip = x;
	l = ip.len;
	if (l != nn.len)
		return false;
	for (i = 0; i < l; i++) {
		if ((nn.b[i] & m.b[i]) != (ip.b[i] & m.b[i]))
			return false;
	}
	return true;
}

const char *
net_IPNet_Network(const net_IPNet *n)
{
	(void)n;
	return "ip+net";
}

/*
 * net_IPNet_String writes CIDR notation ("192.0.2.0/24"); a mask that is not
 * canonical is written in hex after the slash instead of a prefix length.
 */
char *
net_IPNet_String(const net_IPNet *n)
{
	net_IP	   nn;
	net_IPMask m;
	char	  *ips, *ms, *s;
	int	   l;

	if (n == NULL)
		return runtime_strdup("<nil>");
	net_networkNumberAndMask(n, &nn, &m);
	if (nn.len == 0 || m.len == 0)
		return runtime_strdup("<nil>");
	l = net_simpleMaskLength(m);
	ips = net_IP_String(nn);
	if (l == -1)
		ms = net_IPMask_String(m);
	else
		ms = itoa_Uitoa((unsigned long)l);
	s = runtime_concatstrings(ips, "/", ms, (char *)NULL);
	free(ips);
	free(ms);
	return s;
}

net_IP
net_parseIPv4(const char *s, size_t n)
{
	net_IP	none = { 0 };
	uint8_t p[net_IPv4len];
	int	i, v, c;
	bool	ok;

	for (i = 0; i < net_IPv4len; i++) {
		if (n == 0)
			return none; /* Too few octets. */
		if (i > 0) {
			if (s[0] != '.')
				return none;
			s++;
			n--;
		}
		ok = net_dtoi(s, n, &v, &c);
		if (!ok || v > 0xFF)
			return none;
		/* Leading zeros could be read as octal: reject them. */
		if (c > 1 && s[0] == '0')
			return none;
		s += c;
		n -= (size_t)c;
		p[i] = (uint8_t)v;
	}
	if (n != 0)
		return none;
	return net_IPv4(p[0], p[1], p[2], p[3]);
}

/* net_parseIPv6Zone parses an IPv6 literal that may carry an RFC 4007 zone. */
net_IP
net_parseIPv6Zone(const char *s, size_t n, const char **zone, size_t *zonelen)
{
	size_t hostn;

	net_splitHostZone(s, n, &hostn, zone, zonelen);
	return net_parseIPv6(s, hostn);
}

/* net_parseIPv6 reads RFC 4291 text, including RFC 5952's forms. */
net_IP
net_parseIPv6(const char *s, size_t n)
{
	net_IP ip = { 0 }, none = { 0 }, ip4;
	int    ellipsis, i, j, k, v, c;
	bool   ok;

	ip.len = net_IPv6len;
	ellipsis = -1; /* where the "::" goes in ip */

	if (n >= 2 && s[0] == ':' && s[1] == ':') {
		ellipsis = 0;
		s += 2;
		n -= 2;
		if (n == 0)
			return ip;
	}

	/* Groups of hex digits, each followed by a colon or the end. */
	i = 0;
	while (i < net_IPv6len) {
		ok = net_xtoi(s, n, &v, &c);
		if (!ok || v > 0xFFFF)
			return none;

		/* A dot after the digits starts an embedded IPv4 address. */
		if ((size_t)c < n && s[c] == '.') {
			if (ellipsis < 0 && i != net_IPv6len - net_IPv4len)
				return none;
			if (i + net_IPv4len > net_IPv6len)
				return none;
			ip4 = net_parseIPv4(s, n);
			if (ip4.len == 0)
				return none;
			ip.b[i] = ip4.b[12];
			ip.b[i + 1] = ip4.b[13];
			ip.b[i + 2] = ip4.b[14];
			ip.b[i + 3] = ip4.b[15];
			n = 0;
			i += net_IPv4len;
			break;
		}

		ip.b[i] = (uint8_t)(v >> 8);
		ip.b[i + 1] = (uint8_t)v;
		i += 2;

		s += c;
		n -= (size_t)c;
		if (n == 0)
			break;

		if (s[0] != ':' || n == 1)
			return none;
		s++;
		n--;

		if (s[0] == ':') {
			if (ellipsis >= 0)
				return none; /* A second "::". */
			ellipsis = i;
			s++;
			n--;
			if (n == 0)
				break; /* "::" may end the text. */
		}
	}

	if (n != 0)
		return none;

	/* Too few groups: the "::" stands for the missing ones. */
	if (i < net_IPv6len) {
		if (ellipsis < 0)
			return none;
		k = net_IPv6len - i;
		for (j = i - 1; j >= ellipsis; j--)
			ip.b[j + k] = ip.b[j];
		for (j = ellipsis + k - 1; j >= ellipsis; j--)
			ip.b[j] = 0;
	} else if (ellipsis >= 0) {
		/* A "::" must replace at least one group. */
		return none;
	}
	return ip;
}

net_IP
net_ParseIP(const char *s)
{
	net_IP none = { 0 };
	size_t i, n;

	n = strlen(s);
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '.':
			return net_parseIPv4(s, n);
		case ':':
			return net_parseIPv6(s, n);
		}
	}
	return none;
}

net_IP
net_parseIPZone(const char *s, size_t n, const char **zone, size_t *zonelen)
{
	net_IP none = { 0 };
	size_t i;

	*zone = NULL;
	*zonelen = 0;
	for (i = 0; i < n; i++) {
		switch (s[i]) {
		case '.':
			return net_parseIPv4(s, n);
		case ':':
			return net_parseIPv6Zone(s, n, zone, zonelen);
		}
	}
	return none;
}

/*
 * net_ParseCIDR parses RFC 4632 and RFC 4291 prefix notation; *ip gets the
 * address as written and *ipnet the network it implies.  Both are nil on
 * error.
 */
runtime_error *
net_ParseCIDR(const char *s, net_IP *ip, net_IPNet *ipnet)
{
	const char *slash, *addr, *mask;
	size_t	    addrlen, masklen;
	net_IP	    x;
	net_IPMask  m;
	int	    iplen, v, i;
	bool	    ok;

	if (ip != NULL)
		*ip = (net_IP){ 0 };
	if (ipnet != NULL)
		*ipnet = (net_IPNet){ { 0 }, { 0 } };
	slash = strchr(s, '/');
	if (slash == NULL)
		return net_newParseError("CIDR address", s);
	addr = s;
	addrlen = (size_t)(slash - s);
	mask = slash + 1;
	masklen = strlen(mask);
	iplen = net_IPv4len;
	x = net_parseIPv4(addr, addrlen);
	if (x.len == 0) {
		iplen = net_IPv6len;
		x = net_parseIPv6(addr, addrlen);
	}
	ok = net_dtoi(mask, masklen, &v, &i);
	if (x.len == 0 || !ok || (size_t)i != masklen || v < 0 || v > 8 * iplen)
		return net_newParseError("CIDR address", s);
	m = net_CIDRMask(v, 8 * iplen);
	if (ip != NULL)
		*ip = x;
	if (ipnet != NULL) {
		ipnet->IP = net_IP_Mask(x, m);
		ipnet->Mask = m;
	}
	return NULL;
}
