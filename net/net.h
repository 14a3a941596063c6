/*
 * gonet: Go's package net in C.  Public header.
 *
 * Conventions (docs/DESIGN.md has the reasons):
 *  - Names are net_ plus Go's name; a method is net_Type_Method with the
 *    receiver first; an interface method is net_Interface_Method.
 *  - A Go function returning (T, error) returns the runtime_error * and
 *    writes T through its last parameter.  One non-error result is returned.
 *  - Go strings are NUL-terminated C strings.  A string result (char *) is
 *    malloc'd and belongs to the caller, who frees it with free().
 *  - IP, IPMask, IPNet and HardwareAddr are fixed-size values: no heap.
 *    The zero value (len 0) is Go's nil slice.
 *  - Addr values that gonet returns on the heap (the Resolve functions)
 *    are a single allocation, strings included; release them with free().
 */
#ifndef GONET_NET_H
#define GONET_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"
#include "syscall/syscall.h"
#include "net/netip/netip.h"

/* IP addresses. */
enum { net_IPv4len = 4, net_IPv6len = 16 };

/*
 * net_IP is Go's IP: len bytes of b are the address.  Go's parsers produce
 * len 4 or 16; other lengths (up to 16) are representable because Go's
 * methods define results for them ("?" plus hex from String).
 */
typedef struct net_IP {
	uint8_t len;
	uint8_t b[net_IPv6len];
} net_IP;

/* net_IPMask is Go's IPMask, with the same representation as net_IP. */
typedef struct net_IPMask {
	uint8_t len;
	uint8_t b[net_IPv6len];
} net_IPMask;

/* net_IPNet is Go's IPNet: an IP network. */
typedef struct net_IPNet {
	net_IP	   IP;
	net_IPMask Mask;
} net_IPNet;

extern const net_IP net_IPv4bcast;
extern const net_IP net_IPv4allsys;
extern const net_IP net_IPv4allrouter;
extern const net_IP net_IPv4zero;
extern const net_IP net_IPv6zero;
extern const net_IP net_IPv6unspecified;
extern const net_IP net_IPv6loopback;
extern const net_IP net_IPv6interfacelocalallnodes;
extern const net_IP net_IPv6linklocalallnodes;
extern const net_IP net_IPv6linklocalallrouters;

net_IP	   net_IPv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
net_IPMask net_IPv4Mask(uint8_t a, uint8_t b, uint8_t c, uint8_t d);
net_IPMask net_CIDRMask(int ones, int bits);
net_IP	   net_ParseIP(const char *s);
/* net_ParseCIDR writes the IP and the network; either pointer may be NULL. */
runtime_error *net_ParseCIDR(const char *s, net_IP *ip, net_IPNet *ipnet);

bool	   net_IP_IsUnspecified(net_IP ip);
bool	   net_IP_IsLoopback(net_IP ip);
bool	   net_IP_IsPrivate(net_IP ip);
bool	   net_IP_IsMulticast(net_IP ip);
bool	   net_IP_IsInterfaceLocalMulticast(net_IP ip);
bool	   net_IP_IsLinkLocalMulticast(net_IP ip);
bool	   net_IP_IsLinkLocalUnicast(net_IP ip);
bool	   net_IP_IsGlobalUnicast(net_IP ip);
net_IP	   net_IP_To4(net_IP ip);
net_IP	   net_IP_To16(net_IP ip);
net_IPMask net_IP_DefaultMask(net_IP ip);
net_IP	   net_IP_Mask(net_IP ip, net_IPMask mask);
bool	   net_IP_Equal(net_IP ip, net_IP x);
char	  *net_IP_String(net_IP ip);
/* net_IP_MarshalText writes a malloc'd NUL-terminated text. */
runtime_error *net_IP_MarshalText(net_IP ip, char **text);
runtime_error *net_IP_UnmarshalText(net_IP *ip, const char *text);

void  net_IPMask_Size(net_IPMask m, int *ones, int *bits);
char *net_IPMask_String(net_IPMask m);

bool	    net_IPNet_Contains(const net_IPNet *n, net_IP ip);
const char *net_IPNet_Network(const net_IPNet *n);
char	   *net_IPNet_String(const net_IPNet *n);

/* Hardware addresses: Go accepts 6, 8 and 20 octets. */
typedef struct net_HardwareAddr {
	uint8_t len;
	uint8_t b[20];
} net_HardwareAddr;

runtime_error *net_ParseMAC(const char *s, net_HardwareAddr *hw);
char	      *net_HardwareAddr_String(net_HardwareAddr a);

/* Host and port strings. */
/* net_SplitHostPort writes malloc'd host and port ("" on error). */
runtime_error *net_SplitHostPort(
    const char *hostport, char **host, char **port);
char	      *net_JoinHostPort(const char *host, const char *port);
runtime_error *net_LookupPort(
    const char *network, const char *service, int *port);

/*
 * Errors.  Each type embeds runtime_error first; errors_As with the type's
 * descriptor (net_OpErrorType, ...) finds it in a chain.  Every string and
 * error a net error points to is owned by it.
 */
typedef struct net_Addr net_Addr;

typedef struct net_OpError {
	runtime_error  err;
	char	      *Op;
	char	      *Net;
	net_Addr      *Source;
	net_Addr      *Addr;
	runtime_error *Err;
} net_OpError;

typedef struct net_ParseError {
	runtime_error err;
	char	     *Type;
	char	     *Text;
} net_ParseError;

typedef struct net_AddrError {
	runtime_error err;
	char	     *Err;
	char	     *Addr;
} net_AddrError;

/* Go's string-typed errors keep their text in s. */
typedef struct net_UnknownNetworkError {
	runtime_error err;
	char	     *s;
} net_UnknownNetworkError;

typedef struct net_InvalidAddrError {
	runtime_error err;
	char	     *s;
} net_InvalidAddrError;

typedef struct net_DNSError {
	runtime_error err;
	char	     *Err;
	char	     *Name;
	char	     *Server;
	bool	      IsTimeout;
	bool	      IsTemporary;
	bool	      IsNotFound;
} net_DNSError;

typedef struct net_DNSConfigError {
	runtime_error  err;
	runtime_error *Err;
} net_DNSConfigError;

extern const runtime_errorType net_OpErrorType;
extern const runtime_errorType net_ParseErrorType;
extern const runtime_errorType net_AddrErrorType;
extern const runtime_errorType net_UnknownNetworkErrorType;
extern const runtime_errorType net_InvalidAddrErrorType;
extern const runtime_errorType net_DNSErrorType;
extern const runtime_errorType net_DNSConfigErrorType;

/* Sentinels: static, compare with errors_Is. */
extern runtime_error *const net_ErrClosed;
extern runtime_error *const net_ErrWriteToConnected;

/*
 * net.Error, the interface: these answer for any error, returning false
 * when err's type lacks the method (Go's failed type assertion).  The
 * typedef names the interface; its values are plain errors.
 */
typedef runtime_error net_Error;

const char *net_Error_Error(runtime_error *err);
bool	    net_Error_Timeout(runtime_error *err);
bool	    net_Error_Temporary(runtime_error *err);

const char    *net_OpError_Error(net_OpError *e);
runtime_error *net_OpError_Unwrap(net_OpError *e);
bool	       net_OpError_Timeout(net_OpError *e);
bool	       net_OpError_Temporary(net_OpError *e);
const char    *net_ParseError_Error(net_ParseError *e);
bool	       net_ParseError_Timeout(net_ParseError *e);
bool	       net_ParseError_Temporary(net_ParseError *e);
const char    *net_AddrError_Error(net_AddrError *e);
bool	       net_AddrError_Timeout(net_AddrError *e);
bool	       net_AddrError_Temporary(net_AddrError *e);
const char    *net_UnknownNetworkError_Error(net_UnknownNetworkError *e);
bool	       net_UnknownNetworkError_Timeout(net_UnknownNetworkError *e);
bool	       net_UnknownNetworkError_Temporary(net_UnknownNetworkError *e);
const char    *net_InvalidAddrError_Error(net_InvalidAddrError *e);
bool	       net_InvalidAddrError_Timeout(net_InvalidAddrError *e);
bool	       net_InvalidAddrError_Temporary(net_InvalidAddrError *e);
const char    *net_DNSError_Error(net_DNSError *e);
bool	       net_DNSError_Timeout(net_DNSError *e);
bool	       net_DNSError_Temporary(net_DNSError *e);
const char    *net_DNSConfigError_Error(net_DNSConfigError *e);
runtime_error *net_DNSConfigError_Unwrap(net_DNSConfigError *e);
bool	       net_DNSConfigError_Timeout(net_DNSConfigError *e);
bool	       net_DNSConfigError_Temporary(net_DNSConfigError *e);

/*
 * Addresses.  net_Addr is Go's Addr interface: every address type embeds it
 * first as the member addr, whose type pointer selects Network and String.
 * The net_XxxAddr_Addr inlines set that pointer (so a zero or hand-built
 * address works) and return the interface view.  Zones and names are C
 * strings; NULL reads as "".
 */
typedef struct net_addrType net_addrType; /* opaque method table */

struct net_Addr {
	const net_addrType *type;
};

const char *net_Addr_Network(const net_Addr *a);
/* net_Addr_String returns a malloc'd string; "<nil>" for NULL. */
char *net_Addr_String(const net_Addr *a);

typedef struct net_TCPAddr {
	net_Addr    addr;
	net_IP	    IP;
	int	    Port;
	const char *Zone;
} net_TCPAddr;

typedef struct net_UDPAddr {
	net_Addr    addr;
	net_IP	    IP;
	int	    Port;
	const char *Zone;
} net_UDPAddr;

typedef struct net_IPAddr {
	net_Addr    addr;
	net_IP	    IP;
	const char *Zone;
} net_IPAddr;

typedef struct net_UnixAddr {
	net_Addr    addr;
	const char *Name;
	const char *Net;
} net_UnixAddr;

extern const net_addrType net_TCPAddrType;
extern const net_addrType net_UDPAddrType;
extern const net_addrType net_IPAddrType;
extern const net_addrType net_UnixAddrType;

/* The methods accept NULL, as Go's do for a nil pointer receiver. */
const char    *net_TCPAddr_Network(const net_TCPAddr *a);
char	      *net_TCPAddr_String(const net_TCPAddr *a);
netip_AddrPort net_TCPAddr_AddrPort(const net_TCPAddr *a);
net_TCPAddr   *net_TCPAddrFromAddrPort(netip_AddrPort addr);
const char    *net_UDPAddr_Network(const net_UDPAddr *a);
char	      *net_UDPAddr_String(const net_UDPAddr *a);
netip_AddrPort net_UDPAddr_AddrPort(const net_UDPAddr *a);
net_UDPAddr   *net_UDPAddrFromAddrPort(netip_AddrPort addr);
const char    *net_IPAddr_Network(const net_IPAddr *a);
char	      *net_IPAddr_String(const net_IPAddr *a);
const char    *net_UnixAddr_Network(const net_UnixAddr *a);
char	      *net_UnixAddr_String(const net_UnixAddr *a);

static inline net_Addr *
net_TCPAddr_Addr(net_TCPAddr *a)
{
	a->addr.type = &net_TCPAddrType;
	return &a->addr;
}

static inline net_Addr *
net_UDPAddr_Addr(net_UDPAddr *a)
{
	a->addr.type = &net_UDPAddrType;
	return &a->addr;
}

static inline net_Addr *
net_IPAddr_Addr(net_IPAddr *a)
{
	a->addr.type = &net_IPAddrType;
	return &a->addr;
}

static inline net_Addr *
net_UnixAddr_Addr(net_UnixAddr *a)
{
	a->addr.type = &net_UnixAddrType;
	return &a->addr;
}

/*
 * The Resolve functions write a heap address (free() releases it, zone and
 * name included) or NULL on error.
 */
runtime_error *net_ResolveTCPAddr(
    const char *network, const char *address, net_TCPAddr **addr);
runtime_error *net_ResolveUDPAddr(
    const char *network, const char *address, net_UDPAddr **addr);
runtime_error *net_ResolveIPAddr(
    const char *network, const char *address, net_IPAddr **addr);
runtime_error *net_ResolveUnixAddr(
    const char *network, const char *address, net_UnixAddr **addr);

#endif /* GONET_NET_H */
