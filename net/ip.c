/* C port of go1.19 src/net/ip.go */

/*
 * An IP is a value here (len plus 16 bytes), so where Go re-slices an IP
 * (ip[12:16]) the C code copies the bytes into a new value.  Results that
 * Go allocates as slices are returned by value; strings are malloc'd.
 */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static const uint8_t v4InV6Prefix[12] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

net_IP
net_IPv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
	net_IP p;

	p.len = net_IPv6len;
	memcpy(p.b, v4InV6Prefix, sizeof(v4InV6Prefix));
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
	unsigned n;
	int i, l;

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
		m.b[i] = (uint8_t)~(0xff >> n);
		n = 0;
	}
	return m;
}

/* The well-known addresses, in the 16-byte form net_IPv4 gives. */
#define V4(a, b, c, d) \
	{ net_IPv6len, { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, a, b, c, d } }

const net_IP net_IPv4bcast = V4(255, 255, 255, 255);
const net_IP net_IPv4allsys = V4(224, 0, 0, 1);
const net_IP net_IPv4allrouter = V4(224, 0, 0, 2);
const net_IP net_IPv4zero = V4(0, 0, 0, 0);

#undef V4

const net_IP net_IPv6zero = { net_IPv6len, { 0 } };
const net_IP net_IPv6unspecified = { net_IPv6len, { 0 } };
const net_IP net_IPv6loopback = { net_IPv6len,
	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 } };
const net_IP net_IPv6interfacelocalallnodes = { net_IPv6len,
	{ 0xff, 0x01, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 } };
const net_IP net_IPv6linklocalallnodes = { net_IPv6len,
	{ 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 } };
const net_IP net_IPv6linklocalallrouters = { net_IPv6len,
	{ 0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02 } };

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

/* The private blocks are those of RFC 1918 for IPv4 and RFC 4193 for IPv6. */
bool
net_IP_IsPrivate(net_IP ip)
{
	net_IP ip4;

	ip4 = net_IP_To4(ip);
	if (ip4.len != 0)
		return ip4.b[0] == 10 ||
		    (ip4.b[0] == 172 && (ip4.b[1] & 0xf0) == 16) ||
		    (ip4.b[0] == 192 && ip4.b[1] == 168);
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
 * Global unicast follows RFC 1122, RFC 4632 and RFC 4291, except that IPv4
 * directed broadcast addresses count; private addresses count too.
 */
bool
net_IP_IsGlobalUnicast(net_IP ip)
{
	return (ip.len == net_IPv4len || ip.len == net_IPv6len) &&
	    !net_IP_Equal(ip, net_IPv4bcast) &&
	    !net_IP_IsUnspecified(ip) &&
	    !net_IP_IsLoopback(ip) &&
	    !net_IP_IsMulticast(ip) &&
	    !net_IP_IsLinkLocalUnicast(ip);
}

bool
net_isZeros(const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] != 0)
			return false;
	return true;
}

net_IP
net_IP_To4(net_IP ip)
{
	net_IP ip4 = { 0 };

	if (ip.len == net_IPv4len)
		return ip;
	if (ip.len == net_IPv6len &&
	    net_isZeros(ip.b, 10) &&
	    ip.b[10] == 0xff &&
	    ip.b[11] == 0xff) {
		ip4.len = net_IPv4len;
		memcpy(ip4.b, ip.b + 12, net_IPv4len);
	}
	return ip4;
}

net_IP
net_IP_To16(net_IP ip)
{
	net_IP nil = { 0 };

	if (ip.len == net_IPv4len)
		return net_IPv4(ip.b[0], ip.b[1], ip.b[2], ip.b[3]);
	if (ip.len == net_IPv6len)
		return ip;
	return nil;
}

/* The classful masks only IPv4 has. */
static const net_IPMask classAMask = { net_IPv4len, { 0xff, 0, 0, 0 } };
static const net_IPMask classBMask = { net_IPv4len, { 0xff, 0xff, 0, 0 } };
static const net_IPMask classCMask = { net_IPv4len, { 0xff, 0xff, 0xff, 0 } };

net_IPMask
net_IP_DefaultMask(net_IP ip)
{
	net_IPMask nil = { 0 };

	ip = net_IP_To4(ip);
	if (ip.len == 0)
		return nil;
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

	for (i = 0; i < n; i++)
		if (b[i] != 0xff)
			return false;
	return true;
}

net_IP
net_IP_Mask(net_IP ip, net_IPMask mask)
{
	net_IP out = { 0 };
	int i, n;

	if (mask.len == net_IPv6len && ip.len == net_IPv4len &&
	    net_allFF(mask.b, 12)) {
		memmove(mask.b, mask.b + 12, net_IPv4len);
		mask.len = net_IPv4len;
	}
	if (mask.len == net_IPv4len && ip.len == net_IPv6len &&
	    memcmp(ip.b, v4InV6Prefix, 12) == 0) {
		memmove(ip.b, ip.b + 12, net_IPv4len);
		ip.len = net_IPv4len;
	}
	n = ip.len;
	if (n != mask.len)
		return out;
	out.len = (uint8_t)n;
	for (i = 0; i < n; i++)
		out.b[i] = ip.b[i] & mask.b[i];
	return out;
}

/*
 * net_ubtoa writes v in decimal at dst[start:] and returns how many bytes
 * it wrote; dst must have room for three.
 */
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
 * net_IP_String gives "<nil>" for a nil IP, dotted decimal for IPv4 (and
 * IPv4-mapped IPv6), RFC 5952 text for IPv6, and "?" plus hex for any
 * other length.
 */
char *
net_IP_String(net_IP ip)
{
	net_IP p, p4;
	char b[sizeof("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")];
	char *hex, *s, *e;
	int e0, e1, i, j, n;

	p = ip;

	if (ip.len == 0)
		return runtime_strdup("<nil>");

	p4 = net_IP_To4(p);
	if (p4.len == net_IPv4len) {
		n = net_ubtoa(b, 0, p4.b[0]);
		b[n] = '.';
		n++;

		n += net_ubtoa(b, n, p4.b[1]);
		b[n] = '.';
		n++;

		n += net_ubtoa(b, n, p4.b[2]);
		b[n] = '.';
		n++;

		n += net_ubtoa(b, n, p4.b[3]);
		return runtime_strndup(b, (size_t)n);
	}
	if (p.len != net_IPv6len) {
		hex = net_hexString(ip.b, ip.len);
		s = runtime_concatstrings("?", hex, NULL);
		free(hex);
		return s;
	}

	/* e0 and e1 bound the longest run of zero groups. */
	e0 = -1;
	e1 = -1;
	for (i = 0; i < net_IPv6len; i += 2) {
		j = i;
		while (j < net_IPv6len && p.b[j] == 0 && p.b[j + 1] == 0)
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

	e = b;
	for (i = 0; i < net_IPv6len; i += 2) {
		if (i == e0) {
			*e++ = ':';
			*e++ = ':';
			i = e1;
			if (i >= net_IPv6len)
				break;
		} else if (i > 0)
			*e++ = ':';
		e = net_appendHex(e, ((uint32_t)p.b[i] << 8) | p.b[i + 1]);
	}
	return runtime_strndup(b, (size_t)(e - b));
}

char *
net_hexString(const uint8_t *b, size_t n)
{
	char *s;
	size_t i;

	s = runtime_malloc(n * 2 + 1);
	for (i = 0; i < n; i++) {
		s[i * 2] = net_hexDigit[b[i] >> 4];
		s[i * 2 + 1] = net_hexDigit[b[i] & 0xf];
	}
	return s;
}

char *
net_ipEmptyString(net_IP ip)
{
	if (ip.len == 0)
		return runtime_strdup("");
	return net_IP_String(ip);
}

/* A nil IP marshals to the empty text, unlike String's "<nil>". */
runtime_error *
net_IP_MarshalText(net_IP ip, char **text)
{
	runtime_error *err;
	char *hex;

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

/* An empty (or NULL) text unmarshals to the nil IP, Go issue 6339. */
runtime_error *
net_IP_UnmarshalText(net_IP *ip, const char *text)
{
	net_IP x, nil = { 0 };

	if (text == NULL || text[0] == '\0') {
		*ip = nil;
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
		return memcmp(x.b, v4InV6Prefix, 12) == 0 &&
		    memcmp(ip.b, x.b + 12, net_IPv4len) == 0;
	if (ip.len == net_IPv6len && x.len == net_IPv4len)
		return memcmp(ip.b, v4InV6Prefix, 12) == 0 &&
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

/*
 * net_simpleMaskLength counts the ones of a mask made of ones then zeros,
 * and returns -1 for any other mask.
 */
int
net_simpleMaskLength(net_IPMask mask)
{
	int i, n;
	uint8_t v;

	n = 0;
	for (i = 0; i < mask.len; i++) {
		v = mask.b[i];
		if (v == 0xff) {
			n += 8;
			continue;
		}
		while ((v & 0x80) != 0) {
			n++;
			v <<= 1;
		}
		if (v != 0)
			return -1;
		for (i++; i < mask.len; i++)
			if (mask.b[i] != 0)
				return -1;
		break;
	}
	return n;
}

/* A mask that is not ones then zeros has no size: 0, 0. */
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

/*
 * net_networkNumberAndMask brings n's IP and mask to one length (4 bytes
 * for IPv4), or gives nil for both when they do not fit together.
 */
void
net_networkNumberAndMask(const net_IPNet *n, net_IP *ip, net_IPMask *m)
{
	net_IP nilip = { 0 };
	net_IPMask nilm = { 0 };

	*ip = net_IP_To4(n->IP);
	if (ip->len == 0) {
		*ip = n->IP;
		if (ip->len != net_IPv6len)
			goto nil;
	}
	*m = n->Mask;
	switch (m->len) {
	case net_IPv4len:
		if (ip->len != net_IPv4len)
			goto nil;
		break;
	case net_IPv6len:
		if (ip->len == net_IPv4len) {
			memmove(m->b, m->b + 12, net_IPv4len);
			memset(m->b + net_IPv4len, 0, 12);
			m->len = net_IPv4len;
		}
		break;
	default:
		goto nil;
	}
	return;

nil:
	*ip = nilip;
	*m = nilm;
}

bool
net_IPNet_Contains(const net_IPNet *n, net_IP ip)
{
	net_IP nn, x;
	net_IPMask m;
	int i, l;

	net_networkNumberAndMask(n, &nn, &m);
	x = net_IP_To4(ip);
	if (x.len != 0)
		ip = x;
	l = ip.len;
	if (l != nn.len)
		return false;
	for (i = 0; i < l; i++)
		if ((nn.b[i] & m.b[i]) != (ip.b[i] & m.b[i]))
			return false;
	return true;
}

const char *
net_IPNet_Network(const net_IPNet *n)
{
	(void)n;
	return "ip+net";
}

/*
 * net_IPNet_String gives CIDR text ("192.0.2.0/24"), or the address, a
 * slash and the mask in hex when the mask is not ones then zeros.
 */
char *
net_IPNet_String(const net_IPNet *n)
{
	net_IP nn;
	net_IPMask m;
	char *ns, *ms, *s;
	int l;

	if (n == NULL)
		return runtime_strdup("<nil>");
	net_networkNumberAndMask(n, &nn, &m);
	if (nn.len == 0 || m.len == 0)
		return runtime_strdup("<nil>");
	l = net_simpleMaskLength(m);
	ns = net_IP_String(nn);
	if (l == -1)
		ms = net_IPMask_String(m);
	else
		ms = itoa_Uitoa((unsigned long)l);
	s = runtime_concatstrings(ns, "/", ms, NULL);
	free(ns);
	free(ms);
	return s;
}

net_IP
net_parseIPv4(const char *s, size_t sn)
{
	uint8_t p[net_IPv4len];
	net_IP nil = { 0 };
	int i, n, c;

	for (i = 0; i < net_IPv4len; i++) {
		if (sn == 0)
			return nil;	/* An octet is missing. */
		if (i > 0) {
			if (s[0] != '.')
				return nil;
			s++;
			sn--;
		}
		if (!net_dtoi(s, sn, &n, &c) || n > 0xFF)
			return nil;
		/* Leading zeros are refused: "010" is not 10 (or 8). */
		if (c > 1 && s[0] == '0')
			return nil;
		s += c;
		sn -= (size_t)c;
		p[i] = (uint8_t)n;
	}
	if (sn != 0)
		return nil;
	return net_IPv4(p[0], p[1], p[2], p[3]);
}

/*
 * net_parseIPv6Zone splits off an RFC 4007 zone (after the last '%') the
 * way ipsock.go's splitHostZone does, then parses the address.
 */
net_IP
net_parseIPv6Zone(const char *s, size_t n, const char **zone,
    size_t *zonelen)
{
	int i;

	*zone = NULL;
	*zonelen = 0;
	i = net_last(s, n, '%');
	if (i > 0) {
		*zone = s + i + 1;
		*zonelen = n - (size_t)i - 1;
		n = (size_t)i;
	}
	return net_parseIPv6(s, n);
}

/* net_parseIPv6 accepts the text forms of RFC 4291 and RFC 5952. */
net_IP
net_parseIPv6(const char *s, size_t sn)
{
	net_IP ip = { 0 }, ip4, nil = { 0 };
	int ellipsis, i, j, n, c;

	ip.len = net_IPv6len;
	ellipsis = -1;	/* where "::" stands in ip */

	if (sn >= 2 && s[0] == ':' && s[1] == ':') {
		ellipsis = 0;
		s += 2;
		sn -= 2;
		if (sn == 0)
			return ip;
	}

	i = 0;
	while (i < net_IPv6len) {
		if (!net_xtoi(s, sn, &n, &c) || n > 0xFFFF)
			return nil;

		/* A dot means the address ends in IPv4 form. */
		if ((size_t)c < sn && s[c] == '.') {
			if (ellipsis < 0 && i != net_IPv6len - net_IPv4len)
				return nil;
			if (i + net_IPv4len > net_IPv6len)
				return nil;
			ip4 = net_parseIPv4(s, sn);
			if (ip4.len == 0)
				return nil;
			ip.b[i] = ip4.b[12];
			ip.b[i + 1] = ip4.b[13];
			ip.b[i + 2] = ip4.b[14];
			ip.b[i + 3] = ip4.b[15];
			sn = 0;
			i += net_IPv4len;
			break;
		}

		ip.b[i] = (uint8_t)(n >> 8);
		ip.b[i + 1] = (uint8_t)n;
		i += 2;

		s += c;
		sn -= (size_t)c;
		if (sn == 0)
			break;

		if (s[0] != ':' || sn == 1)
			return nil;
		s++;
		sn--;

		if (s[0] == ':') {
			if (ellipsis >= 0)
				return nil;	/* a second "::" */
			ellipsis = i;
			s++;
			sn--;
			if (sn == 0)
				break;
		}
	}

	if (sn != 0)
		return nil;

	/* Too few groups: the ellipsis stands for the missing zeros. */
	if (i < net_IPv6len) {
		if (ellipsis < 0)
			return nil;
		n = net_IPv6len - i;
		for (j = i - 1; j >= ellipsis; j--)
			ip.b[j + n] = ip.b[j];
		for (j = ellipsis + n - 1; j >= ellipsis; j--)
			ip.b[j] = 0;
	} else if (ellipsis >= 0) {
		/* "::" must replace at least one zero group. */
		return nil;
	}
	return ip;
}

net_IP
net_ParseIP(const char *s)
{
	net_IP nil = { 0 };
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
	return nil;
}

net_IP
net_parseIPZone(const char *s, size_t n, const char **zone, size_t *zonelen)
{
	net_IP nil = { 0 };
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
	return nil;
}

/*
 * net_ParseCIDR gives the address as written and the network it implies:
 * "192.0.2.1/24" is 192.0.2.1 and 192.0.2.0/24.  On error both outputs
 * are nil.
 */
runtime_error *
net_ParseCIDR(const char *s, net_IP *ipp, net_IPNet *ipnet)
{
	const char *slash, *addr, *mask;
	size_t addrlen, masklen;
	net_IP ip;
	net_IPMask m;
	int iplen, n, i;

	if (ipp != NULL)
		*ipp = (net_IP){ 0 };
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
	ip = net_parseIPv4(addr, addrlen);
	if (ip.len == 0) {
		iplen = net_IPv6len;
		ip = net_parseIPv6(addr, addrlen);
	}
	if (!net_dtoi(mask, masklen, &n, &i) || ip.len == 0 ||
	    (size_t)i != masklen || n < 0 || n > 8 * iplen)
		return net_newParseError("CIDR address", s);
	m = net_CIDRMask(n, 8 * iplen);
	if (ipp != NULL)
		*ipp = ip;
	if (ipnet != NULL) {
		ipnet->IP = net_IP_Mask(ip, m);
		ipnet->Mask = m;
	}
	return NULL;
}
