/*
 * C port of go1.19 src/net/netip/slow_test.go: parseIPSlow, the readable
 * reference parser TestParseAddr checks ParseAddr against.  Its errors are
 * only ever tested for presence, so they are one static error.
 */
#include <stdio.h>

#include "tests/netip/netip_test.h"

static errors_errorString errSlow = ERRORS_NEW_STATIC("netaddr.ParseIP: bad");

static size_t
count(const char *s, size_t n, char c)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		k += s[i] == c;
	return k;
}

/* parseUint is strconv.ParseUint(s[:n], base, bits) for bases 10 and 16. */
static bool
parseUint(const char *s, size_t n, int base, unsigned max, unsigned *v)
{
	unsigned x = 0, d;
	size_t	 i;

	if (n == 0)
		return false;
	for (i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			d = (unsigned)(s[i] - '0');
		else if (base == 16 && s[i] >= 'a' && s[i] <= 'f')
			d = (unsigned)(s[i] - 'a' + 10);
		else if (base == 16 && s[i] >= 'A' && s[i] <= 'F')
			d = (unsigned)(s[i] - 'A' + 10);
		else
			return false;
		x = x * (unsigned)base + d;
		if (x > max)
			return false;
	}
	*v = x;
	return true;
}

static runtime_error *
parseIPv4Slow(const char *s, size_t n, netip_Addr *ip)
{
	uint8_t	    ret[4];
	const char *f = s, *dot;
	unsigned    v;
	int	    i;

	if (count(s, n, '.') != 3)
		return &errSlow.err;
	for (i = 0; i < 4; i++) {
		dot = memchr(f, '.', (size_t)(s + n - f));
		if (dot == NULL)
			dot = s + n;
		if (!parseUint(f, (size_t)(dot - f), 10, 255, &v))
			return &errSlow.err;
		ret[i] = (uint8_t)v;
		f = dot + 1;
	}
	*ip = netip_AddrFrom4(ret);
	return NULL;
}

/* normalizeIPv6Slow writes s's 8-field form to out (size outsz). */
static runtime_error *
normalizeIPv6Slow(const char *orig, char *out, size_t outsz)
{
	char	    s[256];
	const char *colon, *dc, *lhs, *rhs;
	size_t	    lhsn, rhsn, nblocks, k;
	netip_Addr  ip;
	uint8_t	    a4[4];

	if (strlen(orig) >= sizeof(s) - 16 ||
	    (colon = strrchr(orig, ':')) == NULL)
		return &errSlow.err;
	snprintf(s, sizeof(s), "%s", orig);
	if (strchr(colon + 1, '.') != NULL) {
		if (parseIPv4Slow(colon + 1, strlen(colon + 1), &ip) != NULL)
			return &errSlow.err;
		netip_Addr_As4(ip, a4);
		snprintf(s, sizeof(s), "%.*s:%02x%02x:%02x%02x",
		    (int)(colon - orig), orig, a4[0], a4[1], a4[2], a4[3]);
	}
	if ((dc = strstr(s, "::")) == NULL) {
		snprintf(out, outsz, "%s", s);
		return NULL;
	}
	if (strstr(dc + 2, "::") != NULL)
		return &errSlow.err;
	lhs = s;
	lhsn = (size_t)(dc - s);
	rhs = dc + 2;
	rhsn = strlen(rhs);
	nblocks = count(lhs, lhsn, ':') + count(rhs, rhsn, ':') + (lhsn != 0) +
	    (rhsn != 0);
	if (nblocks > 7)
		return &errSlow.err;
	out[0] = '\0';
	if (lhsn != 0)
		snprintf(out, outsz, "%.*s:", (int)lhsn, lhs);
	for (k = 0; k < 8 - nblocks; k++)
		snprintf(out + strlen(out), outsz - strlen(out), "0:");
	if (rhsn != 0)
		snprintf(out + strlen(out), outsz - strlen(out), "%s", rhs);
	else
		out[strlen(out) - 1] = '\0';
	return NULL;
}

runtime_error *
parseIPSlow(const char *in, netip_Addr *ip)
{
	char	    s[256], normal[300], *f, *colon;
	const char *zone = "";
	uint8_t	    ret[16];
	unsigned    w;
	int	    i;

	if (strlen(in) >= sizeof(s))
		return &errSlow.err;
	snprintf(s, sizeof(s), "%s", in);
	switch (count(s, strlen(s), '%')) {
	case 0:
		break;
	case 1:
		zone = strchr(s, '%') + 1;
		*strchr(s, '%') = '\0';
		if (zone[0] == '\0')
			return &errSlow.err;
		break;
	default:
		return &errSlow.err;
	}
	if (strchr(s, ':') == NULL) {
		if (zone[0] != '\0')
			return &errSlow.err;
		return parseIPv4Slow(s, strlen(s), ip);
	}
	if (normalizeIPv6Slow(s, normal, sizeof(normal)) != NULL)
		return &errSlow.err;
	if (count(normal, strlen(normal), ':') != 7)
		return &errSlow.err;
	f = normal;
	for (i = 0; i < 8; i++) {
		colon = strchr(f, ':');
		if (colon == NULL)
			colon = f + strlen(f);
		if (!parseUint(f, (size_t)(colon - f), 16, 0xffff, &w))
			return &errSlow.err;
		ret[2 * i] = (uint8_t)(w >> 8);
		ret[2 * i + 1] = (uint8_t)w;
		f = colon + 1;
	}
	*ip = netip_Addr_WithZone(netip_AddrFrom16(ret), zone);
	return NULL;
}
