/*
 * C port of go1.19 src/net/netip/export_test.go, plus the helpers every
 * netip test file shares (tests/netip/netip_test.h).
 */
#include "tests/netip/netip_test.h"

netip_uint128
Mk128(uint64_t hi, uint64_t lo)
{
	netip_uint128 u = { hi, lo };

	return u;
}

netip_Addr
MkAddr(netip_uint128 u, const intern_Value *z)
{
	netip_Addr ip = { u, z };

	return ip;
}

netip_Addr
mustIP(const char *s)
{
	netip_Addr zero = { { 0, 0 }, NULL };

	return s[0] == '\0' ? zero : netip_MustParseAddr(s);
}

netip_Prefix
mustPrefix(const char *s)
{
	netip_Prefix zero;

	memset(&zero, 0, sizeof(zero));
	return s[0] == '\0' ? zero : netip_MustParsePrefix(s);
}

bool
addrEq(netip_Addr a, netip_Addr b)
{
	return a.addr.hi == b.addr.hi && a.addr.lo == b.addr.lo && a.z == b.z;
}

bool
addrPortEq(netip_AddrPort a, netip_AddrPort b)
{
	return addrEq(a.ip, b.ip) && a.port == b.port;
}

bool
prefixEq(netip_Prefix a, netip_Prefix b)
{
	return addrEq(a.ip, b.ip) && a.bits == b.bits;
}

/*
 * S keeps the last few strings it was given and frees the oldest, so a
 * failure message can print several without the test freeing each.
 */
const char *
S(char *s)
{
	static char *ring[16];
	static int   next;

	free(ring[next]);
	ring[next] = s;
	next = (next + 1) % 16;
	return s;
}
