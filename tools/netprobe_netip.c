/*
 * gonet netprobe (C only): the net/netip ops of the differential harness
 * (ParseAddr, ParseAddrPort, ParsePrefix and their kin).  The output
 * format is documented at the top of the Go twin, tests/diff/netprobe.go,
 * whose writeNetipAddr, writeAddrPort and writePrefix these follow field
 * for field.  Public API only (net/netip/netip.h).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/netip/netip.h"
#include "tools/netprobe.h"

enum { maxHexArg = 64 };

static const int prefixBits[] = { -1, 0, 1, 7, 8, 24, 31, 32, 33, 63, 64, 96,
	127, 128, 129 };

/*
 * The three types' text and binary forms, behind one table so that
 * writeBin (Go's, over its marshaler interface) serves them all.  x
 * points at a netip_Addr, netip_AddrPort or netip_Prefix.
 */
typedef struct marshaler {
	runtime_error *(*marshalText)(const void *x, char **text);
	runtime_error *(*marshalBinary)(const void *x, uint8_t **b, size_t *n);
	/* untext and unbin decode into a fresh value and print its String. */
	runtime_error *(*untext)(const char *text, char **s);
	runtime_error *(*unbin)(const uint8_t *b, size_t n, char **s);
} marshaler;

static runtime_error *
addrMarshalText(const void *x, char **text)
{
	return netip_Addr_MarshalText(*(const netip_Addr *)x, text);
}

static runtime_error *
addrMarshalBinary(const void *x, uint8_t **b, size_t *n)
{
	return netip_Addr_MarshalBinary(*(const netip_Addr *)x, b, n);
}

static runtime_error *
addrUntext(const char *text, char **s)
{
	netip_Addr     ip;
	runtime_error *err;

	memset(&ip, 0, sizeof(ip));
	if ((err = netip_Addr_UnmarshalText(&ip, text)) == NULL)
		*s = netip_Addr_String(ip);
	return err;
}

static runtime_error *
addrUnbin(const uint8_t *b, size_t n, char **s)
{
	netip_Addr     ip;
	runtime_error *err;

	memset(&ip, 0, sizeof(ip));
	if ((err = netip_Addr_UnmarshalBinary(&ip, b, n)) == NULL)
		*s = netip_Addr_String(ip);
	return err;
}

static const marshaler addrMarshaler = {
	addrMarshalText,
	addrMarshalBinary,
	addrUntext,
	addrUnbin,
};

static runtime_error *
addrPortMarshalText(const void *x, char **text)
{
	return netip_AddrPort_MarshalText(*(const netip_AddrPort *)x, text);
}

static runtime_error *
addrPortMarshalBinary(const void *x, uint8_t **b, size_t *n)
{
	return netip_AddrPort_MarshalBinary(*(const netip_AddrPort *)x, b, n);
}

static runtime_error *
addrPortUntext(const char *text, char **s)
{
	netip_AddrPort p;
	runtime_error *err;

	memset(&p, 0, sizeof(p));
	if ((err = netip_AddrPort_UnmarshalText(&p, text)) == NULL)
		*s = netip_AddrPort_String(p);
	return err;
}

static runtime_error *
addrPortUnbin(const uint8_t *b, size_t n, char **s)
{
	netip_AddrPort p;
	runtime_error *err;

	memset(&p, 0, sizeof(p));
	if ((err = netip_AddrPort_UnmarshalBinary(&p, b, n)) == NULL)
		*s = netip_AddrPort_String(p);
	return err;
}

static const marshaler addrPortMarshaler = {
	addrPortMarshalText,
	addrPortMarshalBinary,
	addrPortUntext,
	addrPortUnbin,
};

static runtime_error *
prefixMarshalText(const void *x, char **text)
{
	return netip_Prefix_MarshalText(*(const netip_Prefix *)x, text);
}

static runtime_error *
prefixMarshalBinary(const void *x, uint8_t **b, size_t *n)
{
	return netip_Prefix_MarshalBinary(*(const netip_Prefix *)x, b, n);
}

/* A zero Prefix is Go's zero value: bits 0, not the invalid -1. */
static netip_Prefix
zeroPrefix(void)
{
	netip_Prefix p;

	memset(&p, 0, sizeof(p));
	return p;
}

static runtime_error *
prefixUntext(const char *text, char **s)
{
	netip_Prefix   p = zeroPrefix();
	runtime_error *err;

	if ((err = netip_Prefix_UnmarshalText(&p, text)) == NULL)
		*s = netip_Prefix_String(p);
	return err;
}

static runtime_error *
prefixUnbin(const uint8_t *b, size_t n, char **s)
{
	netip_Prefix   p = zeroPrefix();
	runtime_error *err;

	if ((err = netip_Prefix_UnmarshalBinary(&p, b, n)) == NULL)
		*s = netip_Prefix_String(p);
	return err;
}

static const marshaler prefixMarshaler = {
	prefixMarshalText,
	prefixMarshalBinary,
	prefixUntext,
	prefixUnbin,
};

/* writeDecoded prints " NAME=STRING" or " NAME-ERR" for one decoding. */
static void
writeDecoded(const char *name, runtime_error *err, char *s)
{
	if (err != NULL) {
		printf(" %s-", name);
		writeErr(err);
		return;
	}
	printf(" %s=", name);
	putqf(s);
}

/* writeBin writes BIN: both encodings and what decoding each gives back. */
static void
writeBin(const void *x, const marshaler *m)
{
	runtime_error *err;
	uint8_t	      *b;
	char	      *text, *s;
	size_t	       n;

	text = NULL;
	if ((err = m->marshalText(x, &text)) != NULL) {
		fputs(" text-", stdout);
		writeErr(err);
	} else {
		fputs(" text=", stdout);
		putq(text != NULL ? text : "");
		s = NULL;
		err = m->untext(text != NULL ? text : "", &s);
		writeDecoded("untext", err, s);
	}
	free(text);
	b = NULL;
	n = 0;
	if ((err = m->marshalBinary(x, &b, &n)) != NULL) {
		fputs(" bin-", stdout);
		writeErr(err);
		return;
	}
	fputs(" bin=", stdout);
	putHex(b, n);
	s = NULL;
	err = m->unbin(b, n, &s);
	writeDecoded("unbin", err, s);
	free(b);
}

static void
writeNetipAddr(netip_Addr ip)
{
	runtime_error *err;
	netip_Prefix   p;
	uint8_t	       a16[16], slice[16];
	size_t	       i;
	int	       n;

	fputs("addr=", stdout);
	putqf(netip_Addr_String(ip));
	printf(" valid=%s bitlen=%d zone=", tf(netip_Addr_IsValid(ip)),
	    netip_Addr_BitLen(ip));
	putq(netip_Addr_Zone(ip));
	printf(" is4=%s is6=%s is4in6=%s unmap=", tf(netip_Addr_Is4(ip)),
	    tf(netip_Addr_Is6(ip)), tf(netip_Addr_Is4In6(ip)));
	putqf(netip_Addr_String(netip_Addr_Unmap(ip)));
	printf(" loopback=%s multicast=%s ifacelocalmc=%s linklocalmc=%s",
	    tf(netip_Addr_IsLoopback(ip)), tf(netip_Addr_IsMulticast(ip)),
	    tf(netip_Addr_IsInterfaceLocalMulticast(ip)),
	    tf(netip_Addr_IsLinkLocalMulticast(ip)));
	printf(" linklocaluc=%s globaluc=%s private=%s unspecified=%s",
	    tf(netip_Addr_IsLinkLocalUnicast(ip)),
	    tf(netip_Addr_IsGlobalUnicast(ip)), tf(netip_Addr_IsPrivate(ip)),
	    tf(netip_Addr_IsUnspecified(ip)));
	fputs(" expanded=", stdout);
	putqf(netip_Addr_StringExpanded(ip));
	fputs(" next=", stdout);
	putqf(netip_Addr_String(netip_Addr_Next(ip)));
	fputs(" prev=", stdout);
	putqf(netip_Addr_String(netip_Addr_Prev(ip)));
	fputs(" withzone=", stdout);
	putqf(netip_Addr_String(netip_Addr_WithZone(ip, "z")));
	netip_Addr_As16(ip, a16);
	fputs(" as16=", stdout);
	putHex(a16, sizeof(a16));
	n = netip_Addr_AsSlice(ip, slice);
	fputs(" slice=", stdout);
	putHex(slice, (size_t)n);
	writeBin(&ip, &addrMarshaler);
	for (i = 0; i < sizeof(prefixBits) / sizeof(prefixBits[0]); i++) {
		if ((err = netip_Addr_Prefix(ip, prefixBits[i], &p)) != NULL) {
			printf(" p%d-", prefixBits[i]);
			writeErr(err);
			continue;
		}
		printf(" p%d=", prefixBits[i]);
		putqf(netip_Prefix_String(p));
	}
}

static void
writeAddrPort(netip_AddrPort p)
{
	fputs("ap=", stdout);
	putqf(netip_AddrPort_String(p));
	fputs(" addr=", stdout);
	putqf(netip_Addr_String(netip_AddrPort_Addr(p)));
	printf(" port=%u valid=%s", (unsigned)netip_AddrPort_Port(p),
	    tf(netip_AddrPort_IsValid(p)));
	writeBin(&p, &addrPortMarshaler);
}

static void
writePrefix(netip_Prefix p)
{
	netip_Addr a;

	a = netip_Prefix_Addr(p);
	fputs("prefix=", stdout);
	putqf(netip_Prefix_String(p));
	fputs(" addr=", stdout);
	putqf(netip_Addr_String(a));
	printf(" bits=%d valid=%s single=%s", netip_Prefix_Bits(p),
	    tf(netip_Prefix_IsValid(p)), tf(netip_Prefix_IsSingleIP(p)));
	fputs(" masked=", stdout);
	putqf(netip_Prefix_String(netip_Prefix_Masked(p)));
	printf(" containsaddr=%s containsnext=%s",
	    tf(netip_Prefix_Contains(p, a)),
	    tf(netip_Prefix_Contains(p, netip_Addr_Next(a))));
	printf(" containsprev=%s overlapsmasked=%s",
	    tf(netip_Prefix_Contains(p, netip_Addr_Prev(a))),
	    tf(netip_Prefix_Overlaps(p, netip_Prefix_Masked(p))));
	writeBin(&p, &prefixMarshaler);
}

/*
 * zoneHasNUL says whether the zone bytes of a binary form (after the 16
 * address bytes, before tail more) hold a NUL, which a C string cannot.
 */
static bool
zoneHasNUL(const uint8_t *b, size_t n, size_t tail)
{
	return n > 16 + tail && memchr(b + 16, 0, n - 16 - tail) != NULL;
}

const char *
opParseAddr(arg *a)
{
	runtime_error *err;
	netip_Addr     ip;

	if ((err = netip_ParseAddr(a[0].s, &ip)) != NULL)
		writeErr(err);
	else
		writeNetipAddr(ip);
	return NULL;
}

const char *
opAddrFromSlice(arg *a)
{
	const char *bad;
	netip_Addr  ip;
	uint8_t	    b[maxHexArg];
	size_t	    n;
	bool	    ok;

	if ((bad = hexArg(&a[0], b, maxHexArg, &n)) != NULL)
		return bad;
	ip = netip_AddrFromSlice(b, n, &ok);
	printf("ok=%s ", tf(ok));
	writeNetipAddr(ip);
	return NULL;
}

const char *
opAddrUnmarshalBinary(arg *a)
{
	runtime_error *err;
	const char    *bad;
	netip_Addr     ip;
	uint8_t	       b[maxHexArg];
	size_t	       n;

	if ((bad = hexArg(&a[0], b, maxHexArg, &n)) != NULL)
		return bad;
	if (zoneHasNUL(b, n, 0))
		return "NUL byte in zone";
	memset(&ip, 0, sizeof(ip));
	if ((err = netip_Addr_UnmarshalBinary(&ip, b, n)) != NULL)
		writeErr(err);
	else
		writeNetipAddr(ip);
	return NULL;
}

/* parseOrZero is ParseAddr with its error dropped (the zero Addr). */
static netip_Addr
parseOrZero(const char *s)
{
	runtime_error *err;
	netip_Addr     ip;

	if ((err = netip_ParseAddr(s, &ip)) != NULL) {
		runtime_error_Free(err);
		memset(&ip, 0, sizeof(ip));
	}
	return ip;
}

const char *
opAddrCompare(arg *a)
{
	netip_Addr x, y;

	x = parseOrZero(a[0].s);
	y = parseOrZero(a[1].s);
	printf("cmp=%d less=%s", netip_Addr_Compare(x, y),
	    tf(netip_Addr_Less(x, y)));
	return NULL;
}

const char *
opParseAddrPort(arg *a)
{
	runtime_error *err;
	netip_AddrPort p;

	if ((err = netip_ParseAddrPort(a[0].s, &p)) != NULL)
		writeErr(err);
	else
		writeAddrPort(p);
	return NULL;
}

const char *
opAddrPortUnmarshalBinary(arg *a)
{
	runtime_error *err;
	const char    *bad;
	netip_AddrPort p;
	uint8_t	       b[maxHexArg];
	size_t	       n;

	if ((bad = hexArg(&a[0], b, maxHexArg, &n)) != NULL)
		return bad;
	if (zoneHasNUL(b, n, 2))
		return "NUL byte in zone";
	memset(&p, 0, sizeof(p));
	if ((err = netip_AddrPort_UnmarshalBinary(&p, b, n)) != NULL)
		writeErr(err);
	else
		writeAddrPort(p);
	return NULL;
}

const char *
opParsePrefix(arg *a)
{
	runtime_error *err;
	netip_Prefix   p;

	if ((err = netip_ParsePrefix(a[0].s, &p)) != NULL)
		writeErr(err);
	else
		writePrefix(p);
	return NULL;
}

const char *
opPrefixFrom(arg *a)
{
	int bits;

	if (!parseInt32(a[1].s, &bits))
		return "bad integer";
	writePrefix(netip_PrefixFrom(parseOrZero(a[0].s), bits));
	return NULL;
}

const char *
opPrefixUnmarshalBinary(arg *a)
{
	runtime_error *err;
	const char    *bad;
	netip_Prefix   p = zeroPrefix();
	uint8_t	       b[maxHexArg];
	size_t	       n;

	if ((bad = hexArg(&a[0], b, maxHexArg, &n)) != NULL)
		return bad;
	if (zoneHasNUL(b, n, 1))
		return "NUL byte in zone";
	if ((err = netip_Prefix_UnmarshalBinary(&p, b, n)) != NULL)
		writeErr(err);
	else
		writePrefix(p);
	return NULL;
}

const char *
opPrefixContains(arg *a)
{
	runtime_error *err;
	netip_Prefix   p;
	netip_Addr     ip;

	if ((err = netip_ParsePrefix(a[0].s, &p)) != NULL ||
	    (err = netip_ParseAddr(a[1].s, &ip)) != NULL) {
		writeErr(err);
		return NULL;
	}
	printf("contains=%s", tf(netip_Prefix_Contains(p, ip)));
	return NULL;
}

const char *
opPrefixOverlaps(arg *a)
{
	runtime_error *err;
	netip_Prefix   p, o;

	if ((err = netip_ParsePrefix(a[0].s, &p)) != NULL ||
	    (err = netip_ParsePrefix(a[1].s, &o)) != NULL) {
		writeErr(err);
		return NULL;
	}
	printf("overlaps=%s", tf(netip_Prefix_Overlaps(p, o)));
	return NULL;
}
