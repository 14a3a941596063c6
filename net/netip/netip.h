/*
 * gonet netip: Go 1.19's net/netip (netip.go, uint128.go).  Public header.
 *
 * Addr, AddrPort and Prefix are values, as in Go: no heap, copied freely,
 * the zero struct is Go's zero value.  Their fields are private; compare
 * two Addrs with netip_Addr_Compare (0 exactly when Go's == holds).
 * A zone is interned (internal/intern), so an Addr's zone lives for the
 * process and Zone() never needs freeing.  Strings returned are malloc'd
 * and released with free(); AppendTo writes into the caller's buffer.
 */
#ifndef GONET_NETIP_H
#define GONET_NETIP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"

/* netip_uint128 is Go's uint128: hi holds the most significant bits. */
typedef struct netip_uint128 {
	uint64_t hi;
	uint64_t lo;
} netip_uint128;

struct intern_Value;
#ifdef __cplusplus
extern "C" {
#endif

/*
 * netip_Addr is Go's netip.Addr.  z is NULL for the zero Addr, one of two
 * static sentinels for IPv4 and zoneless IPv6, or the interned zone.
 */
typedef struct netip_Addr {
	netip_uint128		   addr;
	const struct intern_Value *z;
} netip_Addr;

typedef struct netip_AddrPort {
	netip_Addr ip;
	uint16_t   port;
} netip_AddrPort;

/* netip_Prefix is Go's netip.Prefix; bits is -1 when invalid. */
typedef struct netip_Prefix {
	netip_Addr ip;
	int16_t	   bits;
} netip_Prefix;

/* Addr constructors and parsers. */
netip_Addr netip_IPv6LinkLocalAllNodes(void);
netip_Addr netip_IPv6Unspecified(void);
netip_Addr netip_IPv4Unspecified(void);
netip_Addr netip_AddrFrom4(const uint8_t addr[4]);
netip_Addr netip_AddrFrom16(const uint8_t addr[16]);
/* netip_AddrFromSlice accepts 4 or 16 bytes; *ok says whether n was one. */
netip_Addr     netip_AddrFromSlice(const uint8_t *slice, size_t n, bool *ok);
runtime_error *netip_ParseAddr(const char *s, netip_Addr *ip);
/* The MustParse functions throw Go's panic text on a parse error. */
netip_Addr netip_MustParseAddr(const char *s);

/* Addr methods. */
bool netip_Addr_IsValid(netip_Addr ip);
int  netip_Addr_BitLen(netip_Addr ip);
/* netip_Addr_Zone returns the interned zone ("" for none); do not free. */
const char    *netip_Addr_Zone(netip_Addr ip);
int	       netip_Addr_Compare(netip_Addr ip, netip_Addr ip2);
bool	       netip_Addr_Less(netip_Addr ip, netip_Addr ip2);
bool	       netip_Addr_Is4(netip_Addr ip);
bool	       netip_Addr_Is4In6(netip_Addr ip);
bool	       netip_Addr_Is6(netip_Addr ip);
netip_Addr     netip_Addr_Unmap(netip_Addr ip);
netip_Addr     netip_Addr_WithZone(netip_Addr ip, const char *zone);
bool	       netip_Addr_IsLinkLocalUnicast(netip_Addr ip);
bool	       netip_Addr_IsLoopback(netip_Addr ip);
bool	       netip_Addr_IsMulticast(netip_Addr ip);
bool	       netip_Addr_IsInterfaceLocalMulticast(netip_Addr ip);
bool	       netip_Addr_IsLinkLocalMulticast(netip_Addr ip);
bool	       netip_Addr_IsGlobalUnicast(netip_Addr ip);
bool	       netip_Addr_IsPrivate(netip_Addr ip);
bool	       netip_Addr_IsUnspecified(netip_Addr ip);
runtime_error *netip_Addr_Prefix(netip_Addr ip, int b, netip_Prefix *p);
void	       netip_Addr_As16(netip_Addr ip, uint8_t a16[16]);
/* netip_Addr_As4 throws, as Go panics, for the zero Addr and true IPv6. */
void netip_Addr_As4(netip_Addr ip, uint8_t a4[4]);
/* netip_Addr_AsSlice writes 0, 4 or 16 bytes to out and returns the count. */
int	   netip_Addr_AsSlice(netip_Addr ip, uint8_t out[16]);
netip_Addr netip_Addr_Next(netip_Addr ip);
netip_Addr netip_Addr_Prev(netip_Addr ip);
char	  *netip_Addr_String(netip_Addr ip);
char	  *netip_Addr_StringExpanded(netip_Addr ip);
/*
 * The AppendTo functions are Go's b = x.AppendTo(b) over a caller buffer:
 * the text goes at b[len:], never past b[cap], and the result is the new
 * length.  A result above cap means the text did not fit and was cut at
 * cap; call again with at least that much room.  Nothing NUL-terminates.
 */
size_t netip_Addr_AppendTo(netip_Addr ip, char *b, size_t len, size_t cap);
/* Marshal results are malloc'd: text NUL-terminated, binary with *n. */
runtime_error *netip_Addr_MarshalText(netip_Addr ip, char **text);
runtime_error *netip_Addr_UnmarshalText(netip_Addr *ip, const char *text);
runtime_error *netip_Addr_MarshalBinary(netip_Addr ip, uint8_t **b, size_t *n);
runtime_error *netip_Addr_UnmarshalBinary(
    netip_Addr *ip, const uint8_t *b, size_t n);

/* AddrPort. */
netip_AddrPort netip_AddrPortFrom(netip_Addr ip, uint16_t port);
runtime_error *netip_ParseAddrPort(const char *s, netip_AddrPort *p);
netip_AddrPort netip_MustParseAddrPort(const char *s);
netip_Addr     netip_AddrPort_Addr(netip_AddrPort p);
uint16_t       netip_AddrPort_Port(netip_AddrPort p);
bool	       netip_AddrPort_IsValid(netip_AddrPort p);
char	      *netip_AddrPort_String(netip_AddrPort p);
size_t	       netip_AddrPort_AppendTo(
	    netip_AddrPort p, char *b, size_t len, size_t cap);
runtime_error *netip_AddrPort_MarshalText(netip_AddrPort p, char **text);
runtime_error *netip_AddrPort_UnmarshalText(
    netip_AddrPort *p, const char *text);
runtime_error *netip_AddrPort_MarshalBinary(
    netip_AddrPort p, uint8_t **b, size_t *n);
runtime_error *netip_AddrPort_UnmarshalBinary(
    netip_AddrPort *p, const uint8_t *b, size_t n);

/* Prefix. */
netip_Prefix   netip_PrefixFrom(netip_Addr ip, int bits);
runtime_error *netip_ParsePrefix(const char *s, netip_Prefix *p);
netip_Prefix   netip_MustParsePrefix(const char *s);
netip_Addr     netip_Prefix_Addr(netip_Prefix p);
int	       netip_Prefix_Bits(netip_Prefix p);
bool	       netip_Prefix_IsValid(netip_Prefix p);
bool	       netip_Prefix_IsSingleIP(netip_Prefix p);
netip_Prefix   netip_Prefix_Masked(netip_Prefix p);
bool	       netip_Prefix_Contains(netip_Prefix p, netip_Addr ip);
bool	       netip_Prefix_Overlaps(netip_Prefix p, netip_Prefix o);
char	      *netip_Prefix_String(netip_Prefix p);
size_t netip_Prefix_AppendTo(netip_Prefix p, char *b, size_t len, size_t cap);
runtime_error *netip_Prefix_MarshalText(netip_Prefix p, char **text);
runtime_error *netip_Prefix_UnmarshalText(netip_Prefix *p, const char *text);
runtime_error *netip_Prefix_MarshalBinary(
    netip_Prefix p, uint8_t **b, size_t *n);
runtime_error *netip_Prefix_UnmarshalBinary(
    netip_Prefix *p, const uint8_t *b, size_t n);

#ifdef __cplusplus
}
#endif

#endif /* GONET_NETIP_H */
