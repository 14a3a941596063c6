/*
 * gonet netprobe (C only): the C half of the differential harness.  Its
 * Go twin, tests/diff/netprobe.go, runs the same cases against Go 1.19's
 * net package; tools/diff.sh requires the two outputs to be identical byte
 * for byte.  The protocol and the output format are documented once, at
 * the top of the Go twin; this file follows it to the letter.
 *
 * Everything here goes through the public API (net/net.h and what it
 * includes), so the probe sees gonet exactly as a program linking it does,
 * with one exception: the socket ops read options from the descriptor
 * under a listener or connection, which Go reaches through SyscallConn and
 * gonet's public API does not offer yet, so they read net/net_impl.h.
 * The only parts that are the probe's own are Go's quoting rules: the
 * arguments are decoded as strconv.Unquote does and every string printed as
 * strconv.QuoteToASCII does, so that a difference in output is always a
 * difference in the library.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "tools/netprobe.h"
#include "tools/sockinfo.h"
#include "net/net_impl.h" /* nelem, and the descriptors of the socket ops */

typedef const char *(*opFunc)(arg *a);

typedef struct op {
	const char *name;
	int	    nargs;
	opFunc	    run;
} op;

static const char lowerhex[] = "0123456789abcdef";

/*
 * Go's one-letter escapes and the bytes they stand for, in the same order.
 * The first seven are the control characters QuoteToASCII writes short.
 */
static const char escapes[] = "abfnrtv\\\"";
static const char unescaped[] = "\a\b\f\n\r\t\v\\\"";

void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n);
	if (p == NULL) {
		fputs("netprobe: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/*
 * decodeRune is Go's utf8.DecodeRuneInString: it returns the rune at s and
 * its width, or -1 with width 1 for an invalid or truncated encoding (Go's
 * RuneError, 1).  The accepted ranges exclude overlong forms, surrogates
 * and values above U+10FFFF, as Go's first-byte table does.
 */
static int32_t
decodeRune(const unsigned char *s, size_t n, size_t *width)
{
	unsigned char c, lo, hi;
	size_t	      need, i;
	int32_t	      r;

	*width = 1;
	c = s[0];
	if (c < 0x80)
		return c;
	lo = 0x80;
	hi = 0xbf;
	if (c >= 0xc2 && c <= 0xdf) {
		need = 2;
		r = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		need = 3;
		r = c & 0x0f;
		if (c == 0xe0)
			lo = 0xa0;
		else if (c == 0xed)
			hi = 0x9f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		need = 4;
		r = c & 0x07;
		if (c == 0xf0)
			lo = 0x90;
		else if (c == 0xf4)
			hi = 0x8f;
	} else
		return -1;
	if (n < need || s[1] < lo || s[1] > hi)
		return -1;
	for (i = 1; i < need; i++) {
		if (i > 1 && (s[i] < 0x80 || s[i] > 0xbf))
			return -1;
		r = r << 6 | (s[i] & 0x3f);
	}
	*width = need;
	return r;
}

static size_t
encodeRune(char *p, int32_t r)
{
	if (r < 0x80) {
		p[0] = (char)r;
		return 1;
	}
	if (r < 0x800) {
		p[0] = (char)(0xc0 | r >> 6);
		p[1] = (char)(0x80 | (r & 0x3f));
		return 2;
	}
	if (r < 0x10000) {
		p[0] = (char)(0xe0 | r >> 12);
		p[1] = (char)(0x80 | (r >> 6 & 0x3f));
		p[2] = (char)(0x80 | (r & 0x3f));
		return 3;
	}
	p[0] = (char)(0xf0 | r >> 18);
	p[1] = (char)(0x80 | (r >> 12 & 0x3f));
	p[2] = (char)(0x80 | (r >> 6 & 0x3f));
	p[3] = (char)(0x80 | (r & 0x3f));
	return 4;
}

int
unhex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * unquote decodes the double-quoted Go literal at the start of p (n bytes)
 * as strconv.QuotedPrefix followed by strconv.Unquote would.  On success it
 * stores the decoded string in out (out->s malloc'd and NUL-terminated,
 * out->n its length) and the literal's length in *used.  One rule: a
 * byte that is not valid UTF-8 decodes to U+FFFD, because Go's unquote
 * reads it as utf8.RuneError and re-encodes it, unless the whole literal is
 * valid UTF-8 without escapes, in which case there is no such byte.
 */
static bool
unquote(const char *p, size_t n, size_t *used, arg *out)
{
	const unsigned char *s;
	size_t		     i, j, w, k, digits;
	const char	    *e;
	char		    *buf;
	int32_t		     v;
	int		     d;

	s = (const unsigned char *)p;
	if (n < 2 || s[0] != '"')
		return false;
	/* Every input byte yields at most 3 output bytes (U+FFFD). */
	buf = xmalloc(3 * n + 1);
	k = 0;
	i = 1;
	while (i < n && s[i] != '"') {
		if (s[i] == '\n')
			goto bad;
		if (s[i] >= 0x80) {
			v = decodeRune(s + i, n - i, &w);
			if (v < 0)
				v = 0xfffd;
			k += encodeRune(buf + k, v);
			i += w;
			continue;
		}
		if (s[i] != '\\') {
			buf[k++] = (char)s[i++];
			continue;
		}
		if (i + 1 >= n)
			goto bad;
		i += 2;
		if ((e = strchr(escapes, s[i - 1])) != NULL && *e != '\0') {
			buf[k++] = unescaped[e - escapes];
			continue;
		}
		switch (s[i - 1]) {
		case 'x':
		case 'u':
		case 'U':
			digits = s[i - 1] == 'x' ? 2 : s[i - 1] == 'u' ? 4 : 8;
			if (n - i < digits)
				goto bad;
			v = 0;
			for (j = 0; j < digits; j++) {
				if ((d = unhex(s[i + j])) < 0)
					goto bad;
				v = v << 4 | d;
			}
			i += digits;
			if (digits == 2) {
				/* A \x escape is one byte, UTF-8 or not. */
				buf[k++] = (char)v;
				break;
			}
			if (v < 0 || v > 0x10ffff ||
			    (v >= 0xd800 && v <= 0xdfff))
				goto bad;
			k += encodeRune(buf + k, v);
			break;
		case '0':
		case '1':
		case '2':
		case '3':
		case '4':
		case '5':
		case '6':
		case '7':
			v = s[i - 1] - '0';
			if (n - i < 2)
				goto bad;
			for (j = 0; j < 2; j++) {
				if (s[i + j] < '0' || s[i + j] > '7')
					goto bad;
				v = v << 3 | (s[i + j] - '0');
			}
			i += 2;
			if (v > 255)
				goto bad;
			buf[k++] = (char)v;
			break;
		default:
			/*
			 * Includes \', which only a single-quoted literal
			 * allows.
			 */
			goto bad;
		}
	}
	if (i >= n)
		goto bad;
	buf[k] = '\0';
	out->s = buf;
	out->n = k;
	*used = i + 1;
	return true;
bad:
	free(buf);
	return false;
}

/*
 * putqn prints the n bytes at str as Go's strconv.QuoteToASCII does:
 * printable ASCII as is, Go's short escapes, \x for other bytes below 0x80
 * and for bytes that are not UTF-8, \u or \U for everything else.
 */
void
putqn(const char *str, size_t n)
{
	const unsigned char *s;
	const char	    *e;
	size_t		     i, w;
	int32_t		     r;

	s = (const unsigned char *)str;
	putchar('"');
	for (i = 0; i < n; i += w) {
		r = decodeRune(s + i, n - i, &w);
		if (r < 0) {
			printf("\\x%c%c", lowerhex[s[i] >> 4],
			    lowerhex[s[i] & 15]);
			continue;
		}
		if (r == '"' || r == '\\') {
			printf("\\%c", (int)r);
			continue;
		}
		if (r >= 0x20 && r < 0x7f) {
			putchar((int)r);
			continue;
		}
		if (r > 0 && r < 0x20 &&
		    (e = memchr(unescaped, (int)r, 7)) != NULL)
			printf("\\%c", escapes[e - unescaped]);
		else if (r < 0x20 || r == 0x7f)
			printf("\\x%02x", (unsigned)r);
		else if (r < 0x10000)
			printf("\\u%04x", (unsigned)r);
		else
			printf("\\U%08x", (unsigned)r);
	}
	putchar('"');
}

void
putq(const char *s)
{
	putqn(s, strlen(s));
}

/* putqf prints a malloc'd string quoted and frees it. */
void
putqf(char *s)
{
	putq(s);
	free(s);
}

const char *
tf(bool b)
{
	return b ? "true" : "false";
}

/*
 * writeErr prints an error as the Go side's %T and Error(), then Timeout
 * and Temporary only when the dynamic type has them: a NULL method in the
 * type's table is exactly Go's failed interface assertion.  It frees err.
 */
void
writeErr(runtime_error *err)
{
	printf("error=%s msg=", err->type->name);
	putq(runtime_error_Error(err));
	if (err->type->Timeout != NULL)
		printf(" timeout=%s", tf(net_Error_Timeout(err)));
	if (err->type->Temporary != NULL)
		printf(" temporary=%s", tf(net_Error_Temporary(err)));
	runtime_error_Free(err);
}

static void
writeIP(net_IP ip)
{
	runtime_error *err;
	char	      *text;

	fputs("ip=", stdout);
	putqf(net_IP_String(ip));
	printf(" len=%d to4=%s to16=", ip.len, tf(net_IP_To4(ip).len != 0));
	putqf(net_IP_String(net_IP_To16(ip)));
	printf(" unspecified=%s loopback=%s private=%s multicast=%s",
	    tf(net_IP_IsUnspecified(ip)), tf(net_IP_IsLoopback(ip)),
	    tf(net_IP_IsPrivate(ip)), tf(net_IP_IsMulticast(ip)));
	printf(" ifacelocalmc=%s linklocalmc=%s linklocaluc=%s globaluc=%s",
	    tf(net_IP_IsInterfaceLocalMulticast(ip)),
	    tf(net_IP_IsLinkLocalMulticast(ip)),
	    tf(net_IP_IsLinkLocalUnicast(ip)), tf(net_IP_IsGlobalUnicast(ip)));
	fputs(" defaultmask=", stdout);
	putqf(net_IPMask_String(net_IP_DefaultMask(ip)));
	text = NULL;
	err = net_IP_MarshalText(ip, &text);
	if (err != NULL) {
		fputs(" text-", stdout);
		writeErr(err);
	} else {
		fputs(" text=", stdout);
		putq(text != NULL ? text : "");
	}
	free(text);
}

static void
writeMask(net_IPMask m)
{
	int ones, bits;

	net_IPMask_Size(m, &ones, &bits);
	fputs("mask=", stdout);
	putqf(net_IPMask_String(m));
	printf(" len=%d size=%d/%d", m.len, ones, bits);
}

static void
writeNet(const net_IPNet *n)
{
	fputs("net=", stdout);
	putqf(net_IPNet_String(n));
	fputs(" network=", stdout);
	putq(net_IPNet_Network(n));
	fputs(" netip=", stdout);
	putqf(net_IP_String(n->IP));
	printf(" netiplen=%d netmask=", n->IP.len);
	putqf(net_IPMask_String(n->Mask));
	printf(" netmasklen=%d", n->Mask.len);
}

/*
 * parseUint is strconv.ParseUint(s, 10, bits): decimal digits only, no
 * sign, at least one digit, no overflow past bits.
 */
static bool
parseUint(const char *s, int bits, uint64_t *v)
{
	uint64_t max, n;

	max = bits == 64 ? UINT64_MAX : ((uint64_t)1 << bits) - 1;
	if (*s == '\0')
		return false;
	for (n = 0; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return false;
		if (n > (max - (uint64_t)(*s - '0')) / 10)
			return false;
		n = n * 10 + (uint64_t)(*s - '0');
	}
	*v = n;
	return true;
}

/*
 * parseInt32 is strconv.ParseInt(s, 10, 32), the harness's rule for the
 * ones and bits of CIDRMask and IPMask (gonet takes a C int).
 */
bool
parseInt32(const char *s, int *v)
{
	uint64_t un;
	bool	 neg;

	neg = false;
	if (*s == '+' || *s == '-') {
		neg = *s == '-';
		s++;
	}
	if (!parseUint(s, 64, &un))
		return false;
	if (!neg && un >= (uint64_t)1 << 31)
		return false;
	if (neg && un > (uint64_t)1 << 31)
		return false;
	*v = neg ? (int)(-(int64_t)un) : (int)un;
	return true;
}

static const char *
opParseIP(arg *a)
{
	writeIP(net_ParseIP(a[0].s));
	return NULL;
}

static const char *
opIPUnmarshalText(arg *a)
{
	runtime_error *err;
	net_IP	       ip;

	memset(&ip, 0, sizeof ip);
	err = net_IP_UnmarshalText(&ip, a[0].s);
	if (err != NULL) {
		writeErr(err);
		return NULL;
	}
	writeIP(ip);
	return NULL;
}

/*
 * hexArg decodes the hex argument a into b, which has room for max bytes,
 * or says why the case is bad: an odd length or a bad digit anywhere
 * first, then too many bytes, the order the Go twin checks them in.
 */
const char *
hexArg(const arg *a, uint8_t *b, size_t max, size_t *n)
{
	static char tooLong[40];
	size_t	    i;
	int	    hi, lo;

	if (a->n % 2 != 0)
		return "bad hex";
	for (i = 0; i < a->n; i += 2) {
		hi = unhex((unsigned char)a->s[i]);
		lo = unhex((unsigned char)a->s[i + 1]);
		if (hi < 0 || lo < 0)
			return "bad hex";
		if (i / 2 < max)
			b[i / 2] = (uint8_t)(hi << 4 | lo);
	}
	if (a->n / 2 > max) {
		snprintf(tooLong, sizeof(tooLong), "more than %zu bytes", max);
		return tooLong;
	}
	*n = a->n / 2;
	return NULL;
}

/* putHex prints b[0:n] in lower-case hex, as Go's %x. */
void
putHex(const uint8_t *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		printf("%02x", b[i]);
}

static const char *
opIPFromBytes(arg *a)
{
	const char *bad;
	net_IP	    ip;
	size_t	    n;

	memset(&ip, 0, sizeof ip);
	if ((bad = hexArg(&a[0], ip.b, net_IPv6len, &n)) != NULL)
		return bad;
	ip.len = (uint8_t)n;
	writeIP(ip);
	return NULL;
}

static const char *
opParseCIDR(arg *a)
{
	runtime_error *err;
	net_IPNet      n;
	net_IP	       ip;

	err = net_ParseCIDR(a[0].s, &ip, &n);
	if (err != NULL) {
		writeErr(err);
		return NULL;
	}
	fputs("ip=", stdout);
	putqf(net_IP_String(ip));
	printf(" iplen=%d ", ip.len);
	writeNet(&n);
	return NULL;
}

static const char *
opCIDRMask(arg *a)
{
	int ones, bits;

	if (!parseInt32(a[0].s, &ones) || !parseInt32(a[1].s, &bits))
		return "bad integer";
	writeMask(net_CIDRMask(ones, bits));
	return NULL;
}

static const char *
opIPMask(arg *a)
{
	int ones, bits;

	if (!parseInt32(a[1].s, &ones) || !parseInt32(a[2].s, &bits))
		return "bad integer";
	writeIP(net_IP_Mask(net_ParseIP(a[0].s), net_CIDRMask(ones, bits)));
	return NULL;
}

static const char *
opIPNetContains(arg *a)
{
	runtime_error *err;
	net_IPNet      n;

	err = net_ParseCIDR(a[0].s, NULL, &n);
	if (err != NULL) {
		writeErr(err);
		return NULL;
	}
	writeNet(&n);
	printf(" contains=%s", tf(net_IPNet_Contains(&n, net_ParseIP(a[1].s))));
	return NULL;
}

/* sameSplitView reports whether SplitHostPortView agrees with the copy. */
static bool
sameSplitView(
    const char *s, const char *host, const char *port, runtime_error *err)
{
	const char    *vhost, *vport;
	size_t	       vhostlen;
	runtime_error *verr;
	bool	       same;

	verr = net_SplitHostPortView(s, &vhost, &vhostlen, &vport);
	same = (err == NULL) == (verr == NULL) && vhostlen == strlen(host) &&
	    strncmp(vhost, host, vhostlen) == 0 && strcmp(vport, port) == 0;
	if (same && err != NULL)
		same = strcmp(runtime_error_Error(err),
			   runtime_error_Error(verr)) == 0;
	runtime_error_Free(verr);
	return same;
}

static const char *
opSplitHostPort(arg *a)
{
	runtime_error *err;
	char	      *host, *port;
	bool	       same;

	host = port = NULL;
	err = net_SplitHostPort(a[0].s, &host, &port);
	/* The copy-free form must say the same; a mismatch fails the case. */
	same = sameSplitView(a[0].s, host, port, err);
	if (err != NULL)
		writeErr(err); /* frees err */
	else {
		fputs("host=", stdout);
		putq(host);
		fputs(" port=", stdout);
		putq(port);
	}
	if (!same)
		fputs(" SplitHostPortView-differs", stdout);
	free(host);
	free(port);
	return NULL;
}

static const char *
opJoinHostPort(arg *a)
{
	putqf(net_JoinHostPort(a[0].s, a[1].s));
	return NULL;
}

static const char *
opParseMAC(arg *a)
{
	runtime_error	*err;
	net_HardwareAddr hw;

	err = net_ParseMAC(a[0].s, &hw);
	if (err != NULL) {
		writeErr(err);
		return NULL;
	}
	fputs("mac=", stdout);
	putqf(net_HardwareAddr_String(hw));
	printf(" len=%d", hw.len);
	return NULL;
}

/* writeInet prints the fields TCP and UDP addresses share. */
static void
writeInet(char *str, const char *network, net_IP ip, int port, const char *zone)
{
	fputs("addr=", stdout);
	putqf(str);
	fputs(" network=", stdout);
	putq(network);
	fputs(" ip=", stdout);
	putqf(net_IP_String(ip));
	printf(" iplen=%d port=%d zone=", ip.len, port);
	putq(zone != NULL ? zone : "");
}

static const char *
opResolveTCPAddr(arg *a)
{
	runtime_error *err;
	net_TCPAddr   *addr;

	addr = NULL;
	err = net_ResolveTCPAddr(a[0].s, a[1].s, &addr);
	if (err != NULL)
		writeErr(err);
	else if (addr == NULL)
		fputs("<nil>", stdout);
	else
		writeInet(net_TCPAddr_String(addr), net_TCPAddr_Network(addr),
		    addr->IP, addr->Port, addr->Zone);
	free(addr);
	return NULL;
}

static const char *
opResolveUDPAddr(arg *a)
{
	runtime_error *err;
	net_UDPAddr   *addr;

	addr = NULL;
	err = net_ResolveUDPAddr(a[0].s, a[1].s, &addr);
	if (err != NULL)
		writeErr(err);
	else if (addr == NULL)
		fputs("<nil>", stdout);
	else
		writeInet(net_UDPAddr_String(addr), net_UDPAddr_Network(addr),
		    addr->IP, addr->Port, addr->Zone);
	free(addr);
	return NULL;
}

static const char *
opResolveIPAddr(arg *a)
{
	runtime_error *err;
	net_IPAddr    *addr;

	addr = NULL;
	err = net_ResolveIPAddr(a[0].s, a[1].s, &addr);
	if (err != NULL)
		writeErr(err);
	else if (addr == NULL)
		fputs("<nil>", stdout);
	else {
		fputs("addr=", stdout);
		putqf(net_IPAddr_String(addr));
		fputs(" network=", stdout);
		putq(net_IPAddr_Network(addr));
		fputs(" ip=", stdout);
		putqf(net_IP_String(addr->IP));
		printf(" iplen=%d zone=", addr->IP.len);
		putq(addr->Zone != NULL ? addr->Zone : "");
	}
	free(addr);
	return NULL;
}

static const char *
opResolveUnixAddr(arg *a)
{
	runtime_error *err;
	net_UnixAddr  *addr;

	addr = NULL;
	err = net_ResolveUnixAddr(a[0].s, a[1].s, &addr);
	if (err != NULL)
		writeErr(err);
	else if (addr == NULL)
		fputs("<nil>", stdout);
	else {
		fputs("addr=", stdout);
		putqf(net_UnixAddr_String(addr));
		fputs(" network=", stdout);
		putq(net_UnixAddr_Network(addr));
		fputs(" name=", stdout);
		putq(addr->Name != NULL ? addr->Name : "");
		fputs(" net=", stdout);
		putq(addr->Net != NULL ? addr->Net : "");
	}
	free(addr);
	return NULL;
}

static const char *
opLookupPort(arg *a)
{
	runtime_error *err;
	int	       port;

	port = 0;
	err = net_LookupPort(a[0].s, a[1].s, &port);
	if (err != NULL)
		writeErr(err);
	else
		printf("port=%d", port);
	return NULL;
}

/* writeDNSErr is writeErr plus, for a DNSError, its IsNotFound. */
static void
writeDNSErr(runtime_error *err)
{
	bool dns;
	bool notFound;

	dns = err->type == &net_DNSErrorType;
	notFound = dns && ((net_DNSError *)err)->IsNotFound;
	writeErr(err);
	if (dns)
		printf(" notfound=%s", tf(notFound));
}

/* writeStrings prints n=N, each string quoted, then err if not NULL. */
static void
writeStrings(char *const *s, int n, runtime_error *err)
{
	int i;

	printf("n=%d", n);
	for (i = 0; i < n; i++) {
		putchar(' ');
		putq(s[i]);
	}
	if (err != NULL) {
		putchar(' ');
		writeDNSErr(err);
	}
}

static const char *
opLookupHost(arg *a)
{
	runtime_error *err;
	char	     **addrs;
	int	       n;

	err = net_LookupHost(a[0].s, &addrs, &n);
	writeStrings(addrs, n, err);
	free(addrs);
	return NULL;
}

/* writeIPAddrs prints IPAddrs as strings (IPAddr.String's). */
static void
writeIPAddrs(net_IPAddr *addrs, int n, runtime_error *err)
{
	char **s;
	int    i;

	s = calloc((size_t)n + 1, sizeof(s[0]));
	for (i = 0; i < n; i++)
		s[i] = net_IPAddr_String(&addrs[i]);
	writeStrings(s, n, err);
	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

static const char *
opLookupIP(arg *a)
{
	runtime_error *err;
	net_IP	      *ips;
	char	     **s;
	int	       n, i;

	err = net_Resolver_LookupIP(
	    net_DefaultResolver, NULL, a[0].s, a[1].s, &ips, &n);
	s = calloc((size_t)n + 1, sizeof(s[0]));
	for (i = 0; i < n; i++)
		s[i] = net_IP_String(ips[i]);
	writeStrings(s, n, err);
	for (i = 0; i < n; i++)
		free(s[i]);
	free(s);
	free(ips);
	return NULL;
}

static const char *
opLookupIPAddr(arg *a)
{
	runtime_error *err;
	net_IPAddr    *addrs;
	int	       n;

	err = net_Resolver_LookupIPAddr(
	    net_DefaultResolver, NULL, a[0].s, &addrs, &n);
	writeIPAddrs(addrs, n, err);
	free(addrs);
	return NULL;
}

static const char *
opLookupCNAME(arg *a)
{
	runtime_error *err;
	char	      *cname;

	err = net_LookupCNAME(a[0].s, &cname);
	if (err != NULL) {
		writeDNSErr(err);
		return NULL;
	}
	fputs("cname=", stdout);
	putqf(cname);
	return NULL;
}

static const char *
opLookupMX(arg *a)
{
	runtime_error *err;
	net_MX	      *mxs;
	int	       n, i;

	err = net_LookupMX(a[0].s, &mxs, &n);
	printf("n=%d", n);
	for (i = 0; i < n; i++) {
		putchar(' ');
		putq(mxs[i].Host);
		printf("/%u", mxs[i].Pref);
	}
	if (err != NULL) {
		putchar(' ');
		writeDNSErr(err);
	}
	free(mxs);
	return NULL;
}

static const char *
opLookupNS(arg *a)
{
	runtime_error *err;
	net_NS	      *nss;
	char	     **s;
	int	       n, i;

	err = net_LookupNS(a[0].s, &nss, &n);
	s = calloc((size_t)n + 1, sizeof(s[0]));
	for (i = 0; i < n; i++)
		s[i] = nss[i].Host;
	writeStrings(s, n, err);
	free(s);
	free(nss);
	return NULL;
}

static const char *
opLookupSRV(arg *a)
{
	runtime_error *err;
	net_SRV	      *srvs;
	char	      *cname;
	int	       n, i;

	err = net_LookupSRV(a[0].s, a[1].s, a[2].s, &cname, &srvs, &n);
	fputs("cname=", stdout);
	putq(cname != NULL ? cname : "");
	printf(" n=%d", n);
	for (i = 0; i < n; i++) {
		putchar(' ');
		putq(srvs[i].Target);
		printf(":%u/%u/%u", srvs[i].Port, srvs[i].Priority,
		    srvs[i].Weight);
	}
	if (err != NULL) {
		putchar(' ');
		writeDNSErr(err);
	}
	free(cname);
	free(srvs);
	return NULL;
}

static const char *
opLookupTXT(arg *a)
{
	runtime_error *err;
	char	     **txts;
	int	       n;

	err = net_LookupTXT(a[0].s, &txts, &n);
	writeStrings(txts, n, err);
	free(txts);
	return NULL;
}

static const char *
opLookupAddr(arg *a)
{
	runtime_error *err;
	char	     **names;
	int	       n;

	err = net_LookupAddr(a[0].s, &names, &n);
	writeStrings(names, n, err);
	free(names);
	return NULL;
}

static const char *
opErrno(arg *a)
{
	syscall_Errno e;
	uint64_t      n;

	if (!parseUint(a[0].s, 64, &n))
		return "bad integer";
	e = (syscall_Errno)n;
	fputs("error=", stdout);
	putq(syscall_Errno_Error(e));
	printf(" timeout=%s temporary=%s", tf(syscall_Errno_Timeout(e)),
	    tf(syscall_Errno_Temporary(e)));
	return NULL;
}

/*
 * Socket ops.  The placeholders (TMP, PORT, CLOSED, @AUTOBIND) are
 * documented at the top of the Go twin; the helpers below keep their Go
 * names so that the two files read side by side.
 */

char	    tmpdir[] = "/tmp/gonet-netprobe-XXXXXX";
bool	    haveTmpdir;
static char hidePort[8]; /* the port substituted for PORT or CLOSED */
static int  dialSockoptsN;

/* xprintf returns a malloc'd string formatted as printf would. */
char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("netprobe: out of memory\n", stderr);
		exit(1);
	}
	va_end(ap);
	return s;
}

static int
removeOne(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* removeTmpdir removes the private directory, if one was made. */
static void
removeTmpdir(void)
{
	if (haveTmpdir)
		nftw(tmpdir, removeOne, 8, FTW_DEPTH | FTW_PHYS);
}

bool
hasPrefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* unixArg returns s with a leading TMP or @TMP replaced: malloc'd. */
char *
unixArg(const char *s)
{
	const char *at;

	at = "";
	if (s[0] == '@') {
		at = "@";
		s++;
	}
	if (!hasPrefix(s, "TMP"))
		return xprintf("%s%s", at, s);
	if (!haveTmpdir) {
		if (mkdtemp(tmpdir) == NULL) {
			perror("netprobe: mkdtemp");
			exit(1);
		}
		haveTmpdir = true;
	}
	return xprintf("%s%s%s", at, tmpdir, s + 3);
}

bool
isUnix(const char *network)
{
	return hasPrefix(network, "unix");
}

/*
 * replaceAll returns s (which it frees) with every old replaced by new,
 * or, when digitEnd is set, only those not followed by a digit, so that
 * hiding port 80 leaves ":8080" alone.  The result is malloc'd.
 */
static char *
replaceAll(char *s, const char *old, const char *new, bool digitEnd)
{
	size_t olen, nlen, n;
	char  *out, *p, *q, *r;

	olen = strlen(old);
	nlen = strlen(new);
	/* Enough for every match to grow from olen to nlen bytes. */
	n = strlen(s) / (olen != 0 ? olen : 1) * (nlen + 1) + strlen(s) + 1;
	out = xmalloc(n);
	r = out;
	for (p = s; olen != 0 && (q = strstr(p, old)) != NULL; p = q + olen) {
		memcpy(r, p, (size_t)(q - p));
		r += q - p;
		if (digitEnd && q[olen] >= '0' && q[olen] <= '9') {
			memcpy(r, old, olen);
			r += olen;
		} else {
			memcpy(r, new, nlen);
			r += nlen;
		}
	}
	strcpy(r, p);
	free(s);
	return out;
}

/*
 * hidePorts replaces the private directory and each of the n ports ("" for
 * none) where it follows a colon and no digit follows it; it frees s.
 */
char *
hidePorts(char *s, const char *const *ports, size_t n)
{
	char   pat[16];
	size_t i;

	if (haveTmpdir)
		s = replaceAll(s, tmpdir, "TMP", false);
	for (i = 0; i < n; i++) {
		if (ports[i][0] == '\0')
			continue;
		snprintf(pat, sizeof pat, ":%s", ports[i]);
		s = replaceAll(s, pat, ":PORT", true);
	}
	return s;
}

/* hide replaces the private directory and the substituted port; frees s. */
static char *
hide(char *s)
{
	const char *p = hidePort;

	return hidePorts(s, &p, 1);
}

/* writeSockErr is writeErr with the placeholders applied; it frees err. */
static void
writeSockErr(runtime_error *err)
{
	printf("error=%s msg=", err->type->name);
	putqf(hide(xprintf("%s", runtime_error_Error(err))));
	if (err->type->Timeout != NULL)
		printf(" timeout=%s", tf(net_Error_Timeout(err)));
	if (err->type->Temporary != NULL)
		printf(" temporary=%s", tf(net_Error_Temporary(err)));
	runtime_error_Free(err);
}

/* isAutobind reports whether name is "@" and five hex digits. */
static bool
isAutobind(const char *name)
{
	int i;

	if (strlen(name) != 6 || name[0] != '@')
		return false;
	for (i = 1; i < 6; i++)
		if (unhex((unsigned char)name[i]) < 0)
			return false;
	return true;
}

/*
 * writeAddr prints an address with the placeholders; asked is the address
 * the case asked for (autobind applies only when it was "").
 */
void
writeAddr(const net_Addr *a, const char *asked)
{
	const net_UnixAddr *ua;
	net_TCPAddr	    t;
	net_UDPAddr	    u;
	char		   *s;
	size_t		    n;

	if (a == NULL) {
		fputs("<nil>", stdout);
		return;
	}
	if (a->type == &net_TCPAddrType || a->type == &net_UDPAddrType) {
		/* Go prints the address with port 0, then swaps the 0. */
		if (a->type == &net_TCPAddrType) {
			t = *(const net_TCPAddr *)a;
			t.Port = 0;
			s = net_TCPAddr_String(&t);
		} else {
			u = *(const net_UDPAddr *)a;
			u.Port = 0;
			s = net_UDPAddr_String(&u);
		}
		n = strlen(s);
		if (n >= 2 && strcmp(s + n - 2, ":0") == 0)
			s[n - 2] = '\0';
		putqf(xprintf("%s:PORT", s));
		free(s);
		return;
	}
	if (a->type == &net_UnixAddrType) {
		ua = (const net_UnixAddr *)a;
		if (asked[0] == '\0' && ua->Name != NULL &&
		    isAutobind(ua->Name)) {
			putq("@AUTOBIND");
			return;
		}
	}
	putqf(hide(net_Addr_String(a)));
}

/* writeOpts prints OPTS for the socket fd. */
static void
writeOpts(int fd)
{
	sockinfo si;

	sockinfo_read(fd, &si);
	printf("reuseaddr=%s reuseport=%s broadcast=%s v6only=%s sotype=%s "
	       "nonblock=%s cloexec=%s",
	    si.reuseaddr, si.reuseport, si.broadcast, si.v6only, si.sotype,
	    si.nonblock, si.cloexec);
}

/* sockAddrArg applies the TMP placeholder to a Unix network's address. */
char *
sockAddrArg(const char *network, const char *address)
{
	if (isUnix(network))
		return unixArg(address);
	return xprintf("%s", address);
}

static const char *
opListen(arg *a)
{
	runtime_error *err;
	net_Listener  *l;
	char	      *addr;

	addr = sockAddrArg(a[0].s, a[1].s);
	err = net_Listen(a[0].s, addr, &l);
	free(addr);
	if (err != NULL) {
		writeSockErr(err);
		return NULL;
	}
	printf("kind=%s addr=", l->type->name);
	writeAddr(net_Listener_Addr(l), a[1].s);
	putchar(' ');
	writeOpts(net_Listener_sysfd(l));
	runtime_error_Free(net_Listener_Close(l));
	net_Listener_Free(l);
	return NULL;
}

static const char *
opListenPacket(arg *a)
{
	runtime_error  *err;
	net_PacketConn *c;
	char	       *addr;

	addr = sockAddrArg(a[0].s, a[1].s);
	err = net_ListenPacket(a[0].s, addr, &c);
	free(addr);
	if (err != NULL) {
		writeSockErr(err);
		return NULL;
	}
	printf("kind=%s addr=", c->type->name);
	writeAddr(net_PacketConn_LocalAddr(c), a[1].s);
	putchar(' ');
	writeOpts(net_PacketConn_sysfd(c));
	runtime_error_Free(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
	return NULL;
}

/* isPacket reports whether network's listener is a PacketConn. */
bool
isPacket(const char *network)
{
	return hasPrefix(network, "udp") || strcmp(network, "unixgram") == 0;
}

/* addrPort is the port of a TCP or UDP address, 0 for any other. */
int
addrPort(const net_Addr *a)
{
	if (a != NULL && a->type == &net_TCPAddrType)
		return ((const net_TCPAddr *)a)->Port;
	if (a != NULL && a->type == &net_UDPAddrType)
		return ((const net_UDPAddr *)a)->Port;
	return 0;
}

static const char *
opDialSockopts(arg *a)
{
	runtime_error  *err;
	net_Listener   *l;
	net_PacketConn *p;
	net_Conn       *c;
	const net_Addr *addr;
	const char     *network;
	char	       *laddr, *as, *tmp;
	size_t		n;

	network = a[0].s;
	n = strlen(network);
	if (isUnix(network)) {
		tmp = xprintf("TMP/dial-%d.sock", ++dialSockoptsN);
		laddr = unixArg(tmp);
		free(tmp);
	} else if (n > 0 && network[n - 1] == '6')
		laddr = xprintf("[::1]:0");
	else
		laddr = xprintf("127.0.0.1:0");
	l = NULL;
	p = NULL;
	if (isPacket(network)) {
		err = net_ListenPacket(network, laddr, &p);
		addr = err == NULL ? net_PacketConn_LocalAddr(p) : NULL;
	} else {
		err = net_Listen(network, laddr, &l);
		addr = err == NULL ? net_Listener_Addr(l) : NULL;
	}
	free(laddr);
	if (err != NULL) {
		fputs("listen-", stdout);
		writeSockErr(err);
		return NULL;
	}
	as = net_Addr_String(addr);
	err = net_Dial(network, as, &c);
	free(as);
	if (err != NULL) {
		if (addrPort(addr) != 0)
			snprintf(
			    hidePort, sizeof hidePort, "%d", addrPort(addr));
		fputs("dial-", stdout);
		writeSockErr(err);
		hidePort[0] = '\0';
	} else {
		fputs("local=", stdout);
		writeAddr(net_Conn_LocalAddr(c), "x");
		fputs(" remote=", stdout);
		writeAddr(net_Conn_RemoteAddr(c), "x");
		putchar(' ');
		writeOpts(net_Conn_sysfd(c));
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	if (l != NULL) {
		runtime_error_Free(net_Listener_Close(l));
		net_Listener_Free(l);
	} else {
		runtime_error_Free(net_PacketConn_Close(p));
		net_PacketConn_Free(p);
	}
	return NULL;
}

/*
 * dialAddress applies Dial's placeholders: *address is malloc'd, and *l or
 * *p is the listener to release afterwards (both NULL when none is open).
 */
static runtime_error *
dialAddress(const char *network, const char *address, char **out,
    net_Listener **l, net_PacketConn **p)
{
	runtime_error *err;
	const char    *port, *colon, *dot;
	char	      *host;
	int	       n;

	*l = NULL;
	*p = NULL;
	if (isUnix(network)) {
		*out = unixArg(address);
		return NULL;
	}
	port = strrchr(address, ':');
	if (port == NULL ||
	    (strcmp(port + 1, "PORT") != 0 &&
		strcmp(port + 1, "CLOSED") != 0)) {
		*out = xprintf("%s", address);
		return NULL;
	}
	host = xprintf("%.*s", (int)(port - address), address);
	colon = strchr(host, ':');
	dot = strchr(host, '.');
	if (hasPrefix(network, "udp")) {
		err = net_ListenPacket("udp",
		    colon != NULL && dot == NULL ? "[::1]:0" : "127.0.0.1:0",
		    p);
		n = err == NULL ? addrPort(net_PacketConn_LocalAddr(*p)) : 0;
	} else {
		err = net_Listen("tcp",
		    colon != NULL && dot == NULL ? "[::1]:0" : "127.0.0.1:0",
		    l);
		n = err == NULL ? addrPort(net_Listener_Addr(*l)) : 0;
	}
	if (err != NULL) {
		free(host);
		return err;
	}
	snprintf(hidePort, sizeof hidePort, "%d", n);
	if (strcmp(port + 1, "CLOSED") == 0) {
		if (*l != NULL) {
			runtime_error_Free(net_Listener_Close(*l));
			net_Listener_Free(*l);
		} else {
			runtime_error_Free(net_PacketConn_Close(*p));
			net_PacketConn_Free(*p);
		}
		*l = NULL;
		*p = NULL;
	}
	*out = xprintf("%s:%s", host, hidePort);
	free(host);
	return NULL;
}

/*
 * loopbackOnly reports whether Dial may run: the host must be empty,
 * localhost or a loopback literal, so that no case, old or new, can reach
 * another machine (an address SplitHostPort rejects never gets dialed).
 * Inside tools/dnsns.sh's namespace (GONET_DNSNS=1) a name may be dialed
 * too: the namespace has no route off the host, and its names come from
 * the test hosts file and the test zone.
 */
static bool
inDNSNamespace(void)
{
	const char *v = getenv("GONET_DNSNS");

	return v != NULL && strcmp(v, "1") == 0;
}

static bool
loopbackOnly(const char *network, const char *address)
{
	runtime_error *err;
	char	      *host, *port, *pct;
	bool	       ok;

	if (isUnix(network))
		return true;
	host = port = NULL;
	if (hasPrefix(network, "ip"))
		host = xprintf("%s", address);
	else if ((err = net_SplitHostPort(address, &host, &port)) != NULL) {
		/* host and port may be set even on error; opSplitHostPort
		 * frees them the same way. */
		runtime_error_Free(err);
		free(host);
		free(port);
		return true;
	}
	free(port);
	if ((pct = strrchr(host, '%')) != NULL)
		*pct = '\0';
	ok = host[0] == '\0' || strcmp(host, "localhost") == 0 ||
	    net_IP_IsLoopback(net_ParseIP(host)) ||
	    (inDNSNamespace() && net_ParseIP(host).len == 0);
	free(host);
	return ok;
}

static const char *
opDial(arg *a)
{
	runtime_error  *err;
	net_Listener   *l;
	net_PacketConn *p;
	net_Conn       *c;
	char	       *address;

	if (!loopbackOnly(a[0].s, a[1].s))
		return "not a loopback host";
	err = dialAddress(a[0].s, a[1].s, &address, &l, &p);
	if (err != NULL) {
		fputs("listen-", stdout);
		writeSockErr(err);
		return NULL;
	}
	err = net_Dial(a[0].s, address, &c);
	free(address);
	if (err != NULL)
		writeSockErr(err);
	else {
		printf("conn=%s local=", c->type->name);
		writeAddr(net_Conn_LocalAddr(c), "x");
		fputs(" remote=", stdout);
		writeAddr(net_Conn_RemoteAddr(c), "x");
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	if (l != NULL) {
		runtime_error_Free(net_Listener_Close(l));
		net_Listener_Free(l);
	}
	if (p != NULL) {
		runtime_error_Free(net_PacketConn_Close(p));
		net_PacketConn_Free(p);
	}
	hidePort[0] = '\0';
	return NULL;
}

static const op ops[] = {
	{ "ParseIP", 1, opParseIP },
	{ "IPUnmarshalText", 1, opIPUnmarshalText },
	{ "IPFromBytes", 1, opIPFromBytes },
	{ "ParseCIDR", 1, opParseCIDR },
	{ "CIDRMask", 2, opCIDRMask },
	{ "IPMask", 3, opIPMask },
	{ "IPNetContains", 2, opIPNetContains },
	{ "SplitHostPort", 1, opSplitHostPort },
	{ "JoinHostPort", 2, opJoinHostPort },
	{ "ParseMAC", 1, opParseMAC },
	{ "ResolveTCPAddr", 2, opResolveTCPAddr },
	{ "ResolveUDPAddr", 2, opResolveUDPAddr },
	{ "ResolveIPAddr", 2, opResolveIPAddr },
	{ "ResolveUnixAddr", 2, opResolveUnixAddr },
	{ "LookupPort", 2, opLookupPort },
	{ "LookupHost", 1, opLookupHost },
	{ "LookupIP", 2, opLookupIP },
	{ "LookupIPAddr", 1, opLookupIPAddr },
	{ "LookupCNAME", 1, opLookupCNAME },
	{ "LookupMX", 1, opLookupMX },
	{ "LookupNS", 1, opLookupNS },
	{ "LookupSRV", 3, opLookupSRV },
	{ "LookupTXT", 1, opLookupTXT },
	{ "LookupAddr", 1, opLookupAddr },
	{ "Errno", 1, opErrno },
	{ "Listen", 2, opListen },
	{ "ListenPacket", 2, opListenPacket },
	{ "DialSockopts", 1, opDialSockopts },
	{ "Dial", 2, opDial },
	{ "Conv", 2, opConv },
	{ "ParseAddr", 1, opParseAddr },
	{ "AddrFromSlice", 1, opAddrFromSlice },
	{ "AddrUnmarshalBinary", 1, opAddrUnmarshalBinary },
	{ "AddrCompare", 2, opAddrCompare },
	{ "ParseAddrPort", 1, opParseAddrPort },
	{ "AddrPortUnmarshalBinary", 1, opAddrPortUnmarshalBinary },
	{ "ParsePrefix", 1, opParsePrefix },
	{ "PrefixFrom", 2, opPrefixFrom },
	{ "PrefixUnmarshalBinary", 1, opPrefixUnmarshalBinary },
	{ "PrefixContains", 2, opPrefixContains },
	{ "PrefixOverlaps", 2, opPrefixOverlaps },
	{ "Interfaces", 0, opInterfaces },
	{ "InterfaceByName", 1, opInterfaceByName },
	{ "InterfaceByIndex", 1, opInterfaceByIndex },
	{ "DNSMessage", 1, opDNSMessage },
};

static const op *
findOp(const char *name, size_t n)
{
	size_t i;

	for (i = 0; i < nelem(ops); i++)
		if (strlen(ops[i].name) == n &&
		    memcmp(ops[i].name, name, n) == 0)
			return &ops[i];
	return NULL;
}

/*
 * runCase prints the output for one line (n bytes, which may include NULs)
 * without its newline, checking in the order the Go twin documents: op,
 * quoting, NUL bytes, argument count, then the op's own rules.
 */
static void
runCase(const char *line, size_t n)
{
	const char *bad, *sp;
	const op   *o;
	size_t	    nop, i, used, cap;
	arg	   *a;
	int	    na, j;

	sp = memchr(line, ' ', n);
	nop = sp != NULL ? (size_t)(sp - line) : n;
	o = findOp(line, nop);
	if (o == NULL) {
		fputs("unknown op ", stdout);
		fwrite(line, 1, nop, stdout);
		return;
	}
	a = NULL;
	cap = 0;
	na = 0;
	bad = NULL;
	for (i = nop; i < n; i += 1 + used) {
		if ((size_t)na == cap) {
			cap = 2 * cap + 4;
			a = realloc(a, cap * sizeof a[0]);
			if (a == NULL) {
				fputs("netprobe: out of memory\n", stderr);
				exit(1);
			}
		}
		if (n - i < 2 || line[i] != ' ' || line[i + 1] != '"' ||
		    !unquote(line + i + 1, n - i - 1, &used, &a[na])) {
			bad = "bad quoting";
			goto out;
		}
		na++;
	}
	for (j = 0; j < na; j++) {
		if (memchr(a[j].s, '\0', a[j].n) != NULL) {
			bad = "NUL byte in argument";
			goto out;
		}
	}
	if (na != o->nargs) {
		printf("bad case: want %d args, have %d", o->nargs, na);
		goto out;
	}
	bad = o->run(a);
out:
	if (bad != NULL)
		printf("bad case: %s", bad);
	for (j = 0; j < na; j++)
		free(a[j].s);
	free(a);
}

int
main(int argc, char **argv)
{
	char   *line;
	size_t	cap;
	ssize_t n;

	if (argc > 1) {
		fprintf(strcmp(argv[1], "--help") == 0 ? stdout : stderr,
		    "usage: netprobe <cases\n"
		    "One case a line on stdin: an op, Go-quoted arguments.\n"
		    "One result line per case, as tests/diff/netprobe.go.\n");
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	line = NULL;
	cap = 0;
	while ((n = getline(&line, &cap, stdin)) >= 0) {
		if (n > 0 && line[n - 1] == '\n')
			n--;
		if (n == 0 || line[0] == '#')
			continue;
		runCase(line, (size_t)n);
		putchar('\n');
	}
	free(line);
	removeTmpdir();
	if (fflush(stdout) != 0 || ferror(stdin)) {
		perror("netprobe");
		return 1;
	}
	return 0;
}
