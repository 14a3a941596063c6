/*
 * gonet netip: declarations shared by net/netip's files and its tests (Go's
 * export_test.go), not exported from the shared library.
 */
#ifndef GONET_NETIP_IMPL_H
#define GONET_NETIP_IMPL_H

#include "internal/intern/intern.h"
#include "net/netip/netip.h"
#include "runtime/linkname.h"

/* uint128.c */
netip_uint128 netip_mask6(int n);
bool	      netip_uint128_isZero(netip_uint128 u);
netip_uint128 netip_uint128_and(netip_uint128 u, netip_uint128 m);
netip_uint128 netip_uint128_xor(netip_uint128 u, netip_uint128 m);
netip_uint128 netip_uint128_or(netip_uint128 u, netip_uint128 m);
netip_uint128 netip_uint128_not(netip_uint128 u);
netip_uint128 netip_uint128_subOne(netip_uint128 u);
netip_uint128 netip_uint128_addOne(netip_uint128 u);
uint8_t	      netip_uint128_commonPrefixLen(netip_uint128 u, netip_uint128 v);
netip_uint128 netip_uint128_bitsSetFrom(netip_uint128 u, uint8_t bit);
netip_uint128 netip_uint128_bitsClearedFrom(netip_uint128 u, uint8_t bit);

/* leaf_alts.c */
ptrdiff_t netip_stringsLastIndexByte(const char *s, size_t n, char b);
uint64_t  netip_beUint64(const uint8_t *b);
void	  netip_bePutUint64(uint8_t *b, uint64_t v);
void	  netip_bePutUint32(uint8_t *b, uint32_t v);
uint16_t  netip_leUint16(const uint8_t *b);
void	  netip_lePutUint16(uint8_t *b, uint16_t v);

/* netip.c: the z sentinels, and the length-counted forms the tests use. */
extern const intern_Value *const netip_z4;
extern const intern_Value *const netip_z6noz;
bool				 netip_Addr_isZero(netip_Addr ip);
bool				 netip_Prefix_isZero(netip_Prefix p);
uint8_t				 netip_Addr_v6(netip_Addr ip, uint8_t i);
netip_Addr netip_Addr_withZone(netip_Addr ip, const char *zone, size_t n);

#endif /* GONET_NETIP_IMPL_H */
