/* C port of go1.19 src/net/netip/uint128.go */
#include "net/netip/netip_impl.h"

/*
 * mask6 returns the top n of 128 bits set.  C, unlike Go, leaves a shift
 * by 64 or more undefined, so each half is clamped by hand.
 */
netip_uint128
netip_mask6(int n)
{
	netip_uint128 m;

	m.hi = n >= 64 ? ~(uint64_t)0 : n <= 0 ? 0 : ~(~(uint64_t)0 >> n);
	m.lo = n >= 128 ? ~(uint64_t)0
	    : n <= 64	? 0
			: ~(uint64_t)0 << (128 - n);
	return m;
}

bool
netip_uint128_isZero(netip_uint128 u)
{
	return (u.hi | u.lo) == 0;
}

netip_uint128
netip_uint128_and(netip_uint128 u, netip_uint128 m)
{
	netip_uint128 r = { u.hi & m.hi, u.lo & m.lo };

	return r;
}

netip_uint128
netip_uint128_xor(netip_uint128 u, netip_uint128 m)
{
	netip_uint128 r = { u.hi ^ m.hi, u.lo ^ m.lo };

	return r;
}

netip_uint128
netip_uint128_or(netip_uint128 u, netip_uint128 m)
{
	netip_uint128 r = { u.hi | m.hi, u.lo | m.lo };

	return r;
}

netip_uint128
netip_uint128_not(netip_uint128 u)
{
	netip_uint128 r = { ~u.hi, ~u.lo };

	return r;
}

netip_uint128
netip_uint128_subOne(netip_uint128 u)
{
	netip_uint128 r = { u.hi - (u.lo == 0), u.lo - 1 };

	return r;
}

netip_uint128
netip_uint128_addOne(netip_uint128 u)
{
	netip_uint128 r = { u.hi + (u.lo == ~(uint64_t)0), u.lo + 1 };

	return r;
}

static uint8_t
u64CommonPrefixLen(uint64_t a, uint64_t b)
{
	return a == b ? 64 : (uint8_t)__builtin_clzll(a ^ b);
}

uint8_t
netip_uint128_commonPrefixLen(netip_uint128 u, netip_uint128 v)
{
	uint8_t n;

	if ((n = u64CommonPrefixLen(u.hi, v.hi)) == 64)
		n += u64CommonPrefixLen(u.lo, v.lo);
	return n;
}

netip_uint128
netip_uint128_bitsSetFrom(netip_uint128 u, uint8_t bit)
{
	return netip_uint128_or(u, netip_uint128_not(netip_mask6(bit)));
}

netip_uint128
netip_uint128_bitsClearedFrom(netip_uint128 u, uint8_t bit)
{
	return netip_uint128_and(u, netip_mask6(bit));
}
