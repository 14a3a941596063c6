/*
 * gonet netip: the slice of Go's net/netip that package net's API exposes
 * (TCPAddr.AddrPort, TCPAddrFromAddrPort and the UDP twins).  Public header.
 * The rest of net/netip arrives with its own issue.
 */
#ifndef GONET_NETIP_H
#define GONET_NETIP_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * netip_Addr is Go's netip.Addr: an IPv4 or IPv6 address, or the zero
 * (invalid) Addr.  Go interns the zone; here zone points at a string the
 * Addr does not own (for TCPAddr.AddrPort, the TCPAddr's own Zone), so an
 * Addr must not outlive the value it was made from.
 */
typedef struct netip_Addr {
	uint8_t	    b[16]; /* big-endian; IPv4 in b[12:16] */
	uint8_t	    z;	   /* 0 invalid, 4 IPv4, 6 IPv6 */
	const char *zone;  /* IPv6 only; NULL means "" */
} netip_Addr;

typedef struct netip_AddrPort {
	netip_Addr ip;
	uint16_t   port;
} netip_AddrPort;

netip_Addr netip_AddrFrom4(const uint8_t addr[4]);
netip_Addr netip_AddrFrom16(const uint8_t addr[16]);
/* netip_AddrFromSlice accepts 4 or 16 bytes; *ok says whether n was one. */
netip_Addr  netip_AddrFromSlice(const uint8_t *slice, int n, bool *ok);
bool	    netip_Addr_IsValid(netip_Addr ip);
bool	    netip_Addr_Is4(netip_Addr ip);
bool	    netip_Addr_Is6(netip_Addr ip);
netip_Addr  netip_Addr_WithZone(netip_Addr ip, const char *zone);
const char *netip_Addr_Zone(netip_Addr ip);
/* netip_Addr_AsSlice writes 0, 4 or 16 bytes to out and returns the count. */
int	       netip_Addr_AsSlice(netip_Addr ip, uint8_t out[16]);
netip_AddrPort netip_AddrPortFrom(netip_Addr ip, uint16_t port);
netip_Addr     netip_AddrPort_Addr(netip_AddrPort p);
uint16_t       netip_AddrPort_Port(netip_AddrPort p);

#ifdef __cplusplus
}
#endif

#endif /* GONET_NETIP_H */
