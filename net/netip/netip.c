/* C port of go1.19 src/net/netip/netip.go: only what package net's API uses. */
#include <string.h>

#include "net/netip/netip.h"

netip_Addr
netip_AddrFrom4(const uint8_t addr[4])
{
	netip_Addr ip = { .z = 4 };

	/* Go stores IPv4 as the low 32 bits of its 128; so do we. */
	memcpy(ip.b + 12, addr, 4);
	return ip;
}

netip_Addr
netip_AddrFrom16(const uint8_t addr[16])
{
	netip_Addr ip = { .z = 6 };

	memcpy(ip.b, addr, 16);
	return ip;
}

netip_Addr
netip_AddrFromSlice(const uint8_t *slice, int n, bool *ok)
{
	netip_Addr zero = { .z = 0 };

	*ok = true;
	switch (n) {
	case 4:
		return netip_AddrFrom4(slice);
	case 16:
		return netip_AddrFrom16(slice);
	}
	*ok = false;
	return zero;
}

bool
netip_Addr_IsValid(netip_Addr ip)
{
	return ip.z != 0;
}

bool
netip_Addr_Is4(netip_Addr ip)
{
	return ip.z == 4;
}

bool
netip_Addr_Is6(netip_Addr ip)
{
	return ip.z == 6;
}

/* netip_Addr_WithZone ignores the zone for anything but IPv6, as Go does. */
netip_Addr
netip_Addr_WithZone(netip_Addr ip, const char *zone)
{
	if (!netip_Addr_Is6(ip))
		return ip;
	ip.zone = (zone != NULL && zone[0] != '\0') ? zone : NULL;
	return ip;
}

const char *
netip_Addr_Zone(netip_Addr ip)
{
	return ip.zone != NULL ? ip.zone : "";
}

int
netip_Addr_AsSlice(netip_Addr ip, uint8_t out[16])
{
	switch (ip.z) {
	case 0:
		return 0;
	case 4:
		memcpy(out, ip.b + 12, 4);
		return 4;
	default:
		memcpy(out, ip.b, 16);
		return 16;
	}
}

netip_AddrPort
netip_AddrPortFrom(netip_Addr ip, uint16_t port)
{
	netip_AddrPort p = { .ip = ip, .port = port };

	return p;
}

netip_Addr
netip_AddrPort_Addr(netip_AddrPort p)
{
	return p.ip;
}

uint16_t
netip_AddrPort_Port(netip_AddrPort p)
{
	return p.port;
}
