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
#include "os/os.h"
#include "syscall/syscall.h"
#include "net/netip/netip.h"

#ifdef __cplusplus
extern "C" {
#endif

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
/*
 * net_SplitHostPortView is SplitHostPort without copies, as Go's strings
 * are: the host is the *hostlen bytes at *host, the port the rest of the
 * string from *port, both inside hostport and valid while it is.  It
 * allocates only the error (host and port are then "", *hostlen 0).
 */
runtime_error *net_SplitHostPortView(const char *hostport, const char **host,
    size_t *hostlen, const char **port);
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
 * net_IPNetAddr is Go's *IPNet as an Addr (Network "ip+net", String its
 * CIDR text), the form in which Interface.Addrs and InterfaceAddrs return
 * an interface's unicast addresses.  gonet's IPNet is a plain value, so
 * this wrapper carries the Addr header for it.
 */
typedef struct net_IPNetAddr {
	net_Addr  addr;
	net_IPNet IPNet;
} net_IPNetAddr;

extern const net_addrType net_IPNetAddrType;

static inline net_Addr *
net_IPNetAddr_Addr(net_IPNetAddr *a)
{
	a->addr.type = &net_IPNetAddrType;
	return &a->addr;
}

/* The downcasts of an Addr (Go's type assertion); NULL for another type. */
const net_IPNetAddr *net_Addr_IPNet(const net_Addr *a);
const net_IPAddr    *net_Addr_IPAddr(const net_Addr *a);

/*
 * Interfaces (interface.c).  Go's Flags and Interface.  A table of
 * interfaces (Interfaces) or one (InterfaceByIndex, InterfaceByName) is
 * one heap block, names included, that free() releases; so is an address
 * list (Addrs, MulticastAddrs, InterfaceAddrs): *n pointers to Addrs that
 * live in the same block.  An empty result is NULL with *n 0, Go's nil.
 */
typedef unsigned int	     net_Flags;
typedef struct net_Interface net_Interface;
enum {
	net_FlagUp = 1 << 0,
	net_FlagBroadcast = 1 << 1,
	net_FlagLoopback = 1 << 2,
	net_FlagPointToPoint = 1 << 3,
	net_FlagMulticast = 1 << 4,
};

/* net_Flags_String returns a malloc'd string ("up|loopback", "0"). */
char *net_Flags_String(net_Flags f);

struct net_Interface {
	int		 Index; /* from 1; 0 is never an interface's */
	int		 MTU;
	const char	*Name;
	net_HardwareAddr HardwareAddr;
	net_Flags	 Flags;
};

runtime_error *net_Interfaces(net_Interface **ift, size_t *n);
runtime_error *net_InterfaceAddrs(net_Addr ***addrs, size_t *n);
runtime_error *net_InterfaceByIndex(int index, net_Interface **ifi);
runtime_error *net_InterfaceByName(const char *name, net_Interface **ifi);
runtime_error *net_Interface_Addrs(const net_Interface *ifi,
    net_Addr ***addrs, size_t *n);
runtime_error *net_Interface_MulticastAddrs(const net_Interface *ifi,
    net_Addr ***addrs, size_t *n);

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

/* Go's *Resolver, defined with the lookup functions below. */
typedef struct net_Resolver net_Resolver;

/*
 * Connections.  Conn, Listener and PacketConn are Go's interfaces: opaque
 * headers inside the concrete objects, reached with the conversion inlines
 * below (net_TCPConn_Conn) and asserted back (net_Conn_TCPConn, NULL when
 * the dynamic type differs).  TCPConn, TCPListener, UDPConn, UnixConn and
 * UnixListener are opaque.
 *
 * Lifetime: Close is Go's Close (the fd is shut, calls blocked in other
 * threads return net_ErrClosed inside an OpError, later calls fail the same
 * way, the object stays valid).  Free, after Close and once no thread uses
 * the object, releases its memory (and closes it first if needed).  Every
 * method may be called from any thread at the same time as any other,
 * except Free.
 *
 * Buffers are (pointer, length); counts are written through ptrdiff_t *n
 * (as wide as Go's int), which holds what was transferred even when an
 * error is returned.  Addresses a
 * connection returns (LocalAddr, RemoteAddr) belong to it and live until
 * Free.  Deadlines are absolute times; the zero time_Time means none.
 */
typedef struct net_Conn	       net_Conn;
typedef struct net_Listener    net_Listener;
typedef struct net_PacketConn  net_PacketConn;
typedef struct net_TCPConn     net_TCPConn;
typedef struct net_TCPListener net_TCPListener;
typedef struct net_UDPConn     net_UDPConn;
typedef struct net_UnixConn    net_UnixConn;
typedef struct net_UnixListener net_UnixListener;
typedef struct net_IPConn      net_IPConn;
typedef struct net_Interface   net_Interface; /* defined with Interfaces */

/*
 * syscall.RawConn, as Dialer.Control and ListenConfig.Control receive it
 * and the SyscallConn methods return it.  A SyscallConn result is heap
 * memory that free() releases; it borrows the connection's descriptor
 * and must not be used after the connection's Free.  Control runs f once
 * with the descriptor held open.  Read and Write run f until it returns
 * true, waiting (under the connection's deadlines) for the descriptor to
 * become readable or writable whenever it returns false; a listener's
 * RawConn refuses them with EINVAL, as Go's does.
 */
typedef struct syscall_RawConn syscall_RawConn;
runtime_error *syscall_RawConn_Control(syscall_RawConn *c,
    void (*f)(uintptr_t fd, void *arg), void *arg);
runtime_error *syscall_RawConn_Read(syscall_RawConn *c,
    bool (*f)(uintptr_t fd, void *arg), void *arg);
runtime_error *syscall_RawConn_Write(syscall_RawConn *c,
    bool (*f)(uintptr_t fd, void *arg), void *arg);

/* Conn. */
runtime_error  *net_Conn_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n);
runtime_error  *net_Conn_Write(net_Conn *c, const void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_Conn_Close(net_Conn *c);
const net_Addr *net_Conn_LocalAddr(net_Conn *c);
const net_Addr *net_Conn_RemoteAddr(net_Conn *c);
runtime_error  *net_Conn_SetDeadline(net_Conn *c, time_Time t);
runtime_error  *net_Conn_SetReadDeadline(net_Conn *c, time_Time t);
runtime_error  *net_Conn_SetWriteDeadline(net_Conn *c, time_Time t);
void		net_Conn_Free(net_Conn *c);
net_TCPConn    *net_Conn_TCPConn(net_Conn *c);
net_UDPConn    *net_Conn_UDPConn(net_Conn *c);
net_UnixConn   *net_Conn_UnixConn(net_Conn *c);

/* Listener. */
runtime_error  *net_Listener_Accept(net_Listener *l, net_Conn **c);
runtime_error  *net_Listener_Close(net_Listener *l);
const net_Addr *net_Listener_Addr(net_Listener *l);
void		net_Listener_Free(net_Listener *l);
net_TCPListener	 *net_Listener_TCPListener(net_Listener *l);
net_UnixListener *net_Listener_UnixListener(net_Listener *l);

/* PacketConn; ReadFrom writes a heap Addr that free() releases. */
runtime_error  *net_PacketConn_ReadFrom(net_PacketConn *c, void *b,
     size_t len, ptrdiff_t *n, net_Addr **addr);
runtime_error  *net_PacketConn_WriteTo(net_PacketConn *c, const void *b,
     size_t len, const net_Addr *addr, ptrdiff_t *n);
runtime_error  *net_PacketConn_Close(net_PacketConn *c);
const net_Addr *net_PacketConn_LocalAddr(net_PacketConn *c);
runtime_error  *net_PacketConn_SetDeadline(net_PacketConn *c, time_Time t);
runtime_error  *net_PacketConn_SetReadDeadline(net_PacketConn *c, time_Time t);
runtime_error  *net_PacketConn_SetWriteDeadline(net_PacketConn *c, time_Time t);
void		net_PacketConn_Free(net_PacketConn *c);
net_UDPConn    *net_PacketConn_UDPConn(net_PacketConn *c);
net_UnixConn   *net_PacketConn_UnixConn(net_PacketConn *c);

/* Interface views of the concrete types. */
net_Conn       *net_TCPConn_Conn(net_TCPConn *c);
net_Conn       *net_UDPConn_Conn(net_UDPConn *c);
net_Conn       *net_UnixConn_Conn(net_UnixConn *c);
net_PacketConn *net_UDPConn_PacketConn(net_UDPConn *c);
net_PacketConn *net_UnixConn_PacketConn(net_UnixConn *c);
net_Listener   *net_TCPListener_Listener(net_TCPListener *l);
net_Listener   *net_UnixListener_Listener(net_UnixListener *l);

/*
 * The io views of a Conn, for Go's io.Reader and io.Writer parameters
 * (io_Copy, TCPConn_ReadFrom, bufio): two words, nothing allocated, valid
 * while c is.  The table follows c's dynamic type, so io_Copy to a
 * TCPConn uses its ReadFrom, as Go's does.  A NULL c gives the nil
 * interface.
 */
io_Reader net_Conn_Reader(net_Conn *c);
io_Writer net_Conn_Writer(net_Conn *c);

/*
 * net_Pipe is Go's Pipe: two ends of a synchronous, in-memory, full-duplex
 * Conn, with deadlines.  Each end is released by its own net_Conn_Free.
 */
void net_Pipe(net_Conn **c1, net_Conn **c2);

/*
 * Buffers is Go's Buffers ([][]byte): len chunks at v, each a (p, len)
 * byte run the caller owns.  Read and WriteTo consume what they pass on,
 * advancing v and trimming its first chunk, as Go's do; WriteTo to a
 * Conn's writer uses writev.  net_Buffers_Reader is the io view (Read and
 * WriteTo), so io_Copy(w, net_Buffers_Reader(&v)) is Go's v.WriteTo(w).
 */
typedef struct net_Bytes {
	const void *p;
	size_t	    len;
} net_Bytes;

typedef struct net_Buffers {
	net_Bytes *v;
	size_t	   len;
} net_Buffers;

runtime_error *net_Buffers_WriteTo(net_Buffers *v, io_Writer w, int64_t *n);
runtime_error *net_Buffers_Read(
    net_Buffers *v, void *p, size_t len, ptrdiff_t *n);
io_Reader      net_Buffers_Reader(net_Buffers *v);

/* Dialing and listening. */
typedef struct net_Dialer {
	time_Duration Timeout;
	time_Time     Deadline;
	const net_Addr *LocalAddr; /* borrowed for the call */
	bool	      DualStack;
	time_Duration FallbackDelay;
	time_Duration KeepAlive;
	net_Resolver *Resolver; /* NULL is DefaultResolver */
	/* Control runs after the socket is made, before bind/connect. */
	runtime_error *(*Control)(const char *network, const char *address,
	    syscall_RawConn *c, void *arg);
	void *ControlArg;
} net_Dialer;

typedef struct net_ListenConfig {
	runtime_error *(*Control)(const char *network, const char *address,
	    syscall_RawConn *c, void *arg);
	void	     *ControlArg;
	time_Duration KeepAlive;
} net_ListenConfig;

runtime_error *net_Dial(const char *network, const char *address,
    net_Conn **c);
runtime_error *net_DialTimeout(const char *network, const char *address,
    time_Duration timeout, net_Conn **c);
runtime_error *net_Dialer_Dial(net_Dialer *d, const char *network,
    const char *address, net_Conn **c);
runtime_error *net_Dialer_DialContext(net_Dialer *d, context_Context *ctx,
    const char *network, const char *address, net_Conn **c);
runtime_error *net_Listen(const char *network, const char *address,
    net_Listener **l);
runtime_error *net_ListenPacket(const char *network, const char *address,
    net_PacketConn **c);
runtime_error *net_ListenConfig_Listen(net_ListenConfig *lc,
    context_Context *ctx, const char *network, const char *address,
    net_Listener **l);
runtime_error *net_ListenConfig_ListenPacket(net_ListenConfig *lc,
    context_Context *ctx, const char *network, const char *address,
    net_PacketConn **c);

/*
 * Name resolution, Go's pure resolver: the hosts file and DNS (resolv.conf,
 * nsswitch.conf), never libc.  net_Resolver is Go's Resolver; NULL and
 * net_DefaultResolver are the default one and a zero struct behaves like
 * Go's zero Resolver.  Dial, when set, replaces the dialer that reaches a
 * DNS server ("udp" or "tcp", address "host:port"); arg is DialArg, which
 * must stay valid until every lookup through the Resolver has finished
 * (one whose ctx ended early may still be running).
 *
 * Results are one malloc'd block each, strings included, that one free()
 * releases (NULL and 0 on error); counts are written through int *n.  A
 * NULL ctx is context.Background().
 */
struct net_Resolver {
	bool PreferGo;
	bool StrictErrors;
	runtime_error *(*Dial)(context_Context *ctx, const char *network,
	    const char *address, net_Conn **c, void *arg);
	void *DialArg;
};

extern net_Resolver *const net_DefaultResolver;

/* Go's MX, NS and SRV records; Host and Target end in a dot. */
typedef struct net_MX {
	char	*Host;
	uint16_t Pref;
} net_MX;

typedef struct net_NS {
	char *Host;
} net_NS;

typedef struct net_SRV {
	char	*Target;
	uint16_t Port;
	uint16_t Priority;
	uint16_t Weight;
} net_SRV;

runtime_error *net_LookupHost(const char *host, char ***addrs, int *n);
runtime_error *net_LookupIP(const char *host, net_IP **ips, int *n);
runtime_error *net_LookupCNAME(const char *host, char **cname);
runtime_error *net_LookupSRV(const char *service, const char *proto,
    const char *name, char **cname, net_SRV **addrs, int *n);
runtime_error *net_LookupMX(const char *name, net_MX **mx, int *n);
runtime_error *net_LookupNS(const char *name, net_NS **ns, int *n);
runtime_error *net_LookupTXT(const char *name, char ***txt, int *n);
runtime_error *net_LookupAddr(const char *addr, char ***names, int *n);

runtime_error *net_Resolver_LookupHost(net_Resolver *r, context_Context *ctx,
    const char *host, char ***addrs, int *n);
runtime_error *net_Resolver_LookupIPAddr(net_Resolver *r,
    context_Context *ctx, const char *host, net_IPAddr **addrs, int *n);
/* network is "ip", "ip4" or "ip6". */
runtime_error *net_Resolver_LookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IP **ips, int *n);
runtime_error *net_Resolver_LookupNetIP(net_Resolver *r,
    context_Context *ctx, const char *network, const char *host,
    netip_Addr **addrs, int *n);
runtime_error *net_Resolver_LookupCNAME(net_Resolver *r,
    context_Context *ctx, const char *host, char **cname);
runtime_error *net_Resolver_LookupSRV(net_Resolver *r, context_Context *ctx,
    const char *service, const char *proto, const char *name, char **cname,
    net_SRV **addrs, int *n);
runtime_error *net_Resolver_LookupMX(net_Resolver *r, context_Context *ctx,
    const char *name, net_MX **mx, int *n);
runtime_error *net_Resolver_LookupNS(net_Resolver *r, context_Context *ctx,
    const char *name, net_NS **ns, int *n);
runtime_error *net_Resolver_LookupTXT(net_Resolver *r, context_Context *ctx,
    const char *name, char ***txt, int *n);
runtime_error *net_Resolver_LookupAddr(net_Resolver *r, context_Context *ctx,
    const char *addr, char ***names, int *n);
runtime_error *net_Resolver_LookupPort(net_Resolver *r, context_Context *ctx,
    const char *network, const char *service, int *port);

/* TCP. */
runtime_error *net_DialTCP(const char *network, const net_TCPAddr *laddr,
    const net_TCPAddr *raddr, net_TCPConn **c);
runtime_error *net_ListenTCP(const char *network, const net_TCPAddr *laddr,
    net_TCPListener **l);
runtime_error  *net_TCPConn_Read(net_TCPConn *c, void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_TCPConn_Write(net_TCPConn *c, const void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_TCPConn_ReadFrom(net_TCPConn *c, io_Reader r, int64_t *n);
runtime_error  *net_TCPConn_Close(net_TCPConn *c);
runtime_error  *net_TCPConn_CloseRead(net_TCPConn *c);
runtime_error  *net_TCPConn_CloseWrite(net_TCPConn *c);
const net_Addr *net_TCPConn_LocalAddr(net_TCPConn *c);
const net_Addr *net_TCPConn_RemoteAddr(net_TCPConn *c);
runtime_error  *net_TCPConn_SetDeadline(net_TCPConn *c, time_Time t);
runtime_error  *net_TCPConn_SetReadDeadline(net_TCPConn *c, time_Time t);
runtime_error  *net_TCPConn_SetWriteDeadline(net_TCPConn *c, time_Time t);
runtime_error  *net_TCPConn_SetReadBuffer(net_TCPConn *c, int bytes);
runtime_error  *net_TCPConn_SetWriteBuffer(net_TCPConn *c, int bytes);
runtime_error  *net_TCPConn_SetKeepAlive(net_TCPConn *c, bool keepalive);
runtime_error  *net_TCPConn_SetKeepAlivePeriod(net_TCPConn *c,
     time_Duration d);
runtime_error  *net_TCPConn_SetLinger(net_TCPConn *c, int sec);
runtime_error  *net_TCPConn_SetNoDelay(net_TCPConn *c, bool noDelay);
runtime_error  *net_TCPConn_SyscallConn(net_TCPConn *c, syscall_RawConn **rc);
void		net_TCPConn_Free(net_TCPConn *c);
runtime_error  *net_TCPConn_File(net_TCPConn *c, os_File **f);

runtime_error  *net_TCPListener_Accept(net_TCPListener *l, net_Conn **c);
runtime_error  *net_TCPListener_AcceptTCP(net_TCPListener *l, net_TCPConn **c);
const net_Addr *net_TCPListener_Addr(net_TCPListener *l);
runtime_error  *net_TCPListener_Close(net_TCPListener *l);
runtime_error  *net_TCPListener_SetDeadline(net_TCPListener *l, time_Time t);
runtime_error  *net_TCPListener_SyscallConn(net_TCPListener *l,
     syscall_RawConn **rc);
void		net_TCPListener_Free(net_TCPListener *l);
runtime_error  *net_TCPListener_File(net_TCPListener *l, os_File **f);

/* UDP.  ReadFromUDP and ReadMsgUDP fill a caller's UDPAddr (NULL: unwanted);
 * its Zone then points at a name gonet keeps for the process's life. */
runtime_error *net_DialUDP(const char *network, const net_UDPAddr *laddr,
    const net_UDPAddr *raddr, net_UDPConn **c);
runtime_error *net_ListenUDP(const char *network, const net_UDPAddr *laddr,
    net_UDPConn **c);
runtime_error *net_ListenMulticastUDP(const char *network,
    const net_Interface *ifi, const net_UDPAddr *gaddr, net_UDPConn **c);
runtime_error  *net_UDPConn_Read(net_UDPConn *c, void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_UDPConn_Write(net_UDPConn *c, const void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_UDPConn_ReadFrom(net_UDPConn *c, void *b, size_t len,
     ptrdiff_t *n, net_Addr **addr);
runtime_error  *net_UDPConn_ReadFromUDP(net_UDPConn *c, void *b, size_t len,
     ptrdiff_t *n, net_UDPAddr *addr);
runtime_error  *net_UDPConn_ReadFromUDPAddrPort(net_UDPConn *c, void *b,
     size_t len, ptrdiff_t *n, netip_AddrPort *addr);
runtime_error  *net_UDPConn_ReadMsgUDP(net_UDPConn *c, void *b, size_t len,
     void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
     net_UDPAddr *addr);
runtime_error  *net_UDPConn_ReadMsgUDPAddrPort(net_UDPConn *c, void *b,
     size_t len, void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn,
     int *flags, netip_AddrPort *addr);
runtime_error  *net_UDPConn_WriteTo(net_UDPConn *c, const void *b, size_t len,
     const net_Addr *addr, ptrdiff_t *n);
runtime_error  *net_UDPConn_WriteToUDP(net_UDPConn *c, const void *b,
     size_t len, const net_UDPAddr *addr, ptrdiff_t *n);
runtime_error  *net_UDPConn_WriteToUDPAddrPort(net_UDPConn *c, const void *b,
     size_t len, netip_AddrPort addr, ptrdiff_t *n);
runtime_error  *net_UDPConn_WriteMsgUDP(net_UDPConn *c, const void *b,
     size_t len, const void *oob, size_t ooblen, const net_UDPAddr *addr,
     ptrdiff_t *n, ptrdiff_t *oobn);
runtime_error  *net_UDPConn_WriteMsgUDPAddrPort(net_UDPConn *c, const void *b,
     size_t len, const void *oob, size_t ooblen, netip_AddrPort addr,
     ptrdiff_t *n, ptrdiff_t *oobn);
runtime_error  *net_UDPConn_Close(net_UDPConn *c);
const net_Addr *net_UDPConn_LocalAddr(net_UDPConn *c);
const net_Addr *net_UDPConn_RemoteAddr(net_UDPConn *c);
runtime_error  *net_UDPConn_SetDeadline(net_UDPConn *c, time_Time t);
runtime_error  *net_UDPConn_SetReadDeadline(net_UDPConn *c, time_Time t);
runtime_error  *net_UDPConn_SetWriteDeadline(net_UDPConn *c, time_Time t);
runtime_error  *net_UDPConn_SetReadBuffer(net_UDPConn *c, int bytes);
runtime_error  *net_UDPConn_SetWriteBuffer(net_UDPConn *c, int bytes);
runtime_error  *net_UDPConn_SyscallConn(net_UDPConn *c, syscall_RawConn **rc);
void		net_UDPConn_Free(net_UDPConn *c);
runtime_error  *net_UDPConn_File(net_UDPConn *c, os_File **f);

/* Unix. */
runtime_error *net_DialUnix(const char *network, const net_UnixAddr *laddr,
    const net_UnixAddr *raddr, net_UnixConn **c);
runtime_error *net_ListenUnix(const char *network, const net_UnixAddr *laddr,
    net_UnixListener **l);
runtime_error *net_ListenUnixgram(const char *network,
    const net_UnixAddr *laddr, net_UnixConn **c);
runtime_error  *net_UnixConn_Read(net_UnixConn *c, void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_UnixConn_Write(net_UnixConn *c, const void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_UnixConn_ReadFrom(net_UnixConn *c, void *b, size_t len,
     ptrdiff_t *n, net_Addr **addr);
/* ReadFromUnix and ReadMsgUnix write a heap UnixAddr (free()), or NULL. */
runtime_error  *net_UnixConn_ReadFromUnix(net_UnixConn *c, void *b,
     size_t len, ptrdiff_t *n, net_UnixAddr **addr);
runtime_error  *net_UnixConn_ReadMsgUnix(net_UnixConn *c, void *b, size_t len,
     void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
     net_UnixAddr **addr);
runtime_error  *net_UnixConn_WriteTo(net_UnixConn *c, const void *b,
     size_t len, const net_Addr *addr, ptrdiff_t *n);
runtime_error  *net_UnixConn_WriteToUnix(net_UnixConn *c, const void *b,
     size_t len, const net_UnixAddr *addr, ptrdiff_t *n);
runtime_error  *net_UnixConn_WriteMsgUnix(net_UnixConn *c, const void *b,
     size_t len, const void *oob, size_t ooblen, const net_UnixAddr *addr,
     ptrdiff_t *n, ptrdiff_t *oobn);
runtime_error  *net_UnixConn_Close(net_UnixConn *c);
runtime_error  *net_UnixConn_CloseRead(net_UnixConn *c);
runtime_error  *net_UnixConn_CloseWrite(net_UnixConn *c);
const net_Addr *net_UnixConn_LocalAddr(net_UnixConn *c);
const net_Addr *net_UnixConn_RemoteAddr(net_UnixConn *c);
runtime_error  *net_UnixConn_SetDeadline(net_UnixConn *c, time_Time t);
runtime_error  *net_UnixConn_SetReadDeadline(net_UnixConn *c, time_Time t);
runtime_error  *net_UnixConn_SetWriteDeadline(net_UnixConn *c, time_Time t);
runtime_error  *net_UnixConn_SetReadBuffer(net_UnixConn *c, int bytes);
runtime_error  *net_UnixConn_SetWriteBuffer(net_UnixConn *c, int bytes);
runtime_error  *net_UnixConn_SyscallConn(net_UnixConn *c,
     syscall_RawConn **rc);
void		net_UnixConn_Free(net_UnixConn *c);
runtime_error  *net_UnixConn_File(net_UnixConn *c, os_File **f);

runtime_error  *net_UnixListener_Accept(net_UnixListener *l, net_Conn **c);
runtime_error  *net_UnixListener_AcceptUnix(net_UnixListener *l,
     net_UnixConn **c);
const net_Addr *net_UnixListener_Addr(net_UnixListener *l);
runtime_error  *net_UnixListener_Close(net_UnixListener *l);
runtime_error  *net_UnixListener_SetDeadline(net_UnixListener *l, time_Time t);
runtime_error  *net_UnixListener_SyscallConn(net_UnixListener *l,
     syscall_RawConn **rc);
void		net_UnixListener_SetUnlinkOnClose(net_UnixListener *l,
     bool unlink);
void		net_UnixListener_Free(net_UnixListener *l);
runtime_error  *net_UnixListener_File(net_UnixListener *l, os_File **f);

/*
 * IP (raw sockets).  Networks are "ip4:icmp", "ip6:58" and the like: a
 * family, a colon and a protocol name or number.  Raw sockets need
 * privilege (CAP_NET_RAW).  Reads on an IPv4 socket return the payload
 * with the kernel's IPv4 header removed (ReadMsgIP keeps it), as in Go.
 * ReadFromIP and ReadMsgIP fill a caller's IPAddr (NULL: unwanted; zero
 * when there is no address) whose Zone points at a name gonet keeps for
 * the process's life; ReadFrom writes a heap Addr (free()) or NULL.
 */
runtime_error *net_DialIP(const char *network, const net_IPAddr *laddr,
    const net_IPAddr *raddr, net_IPConn **c);
runtime_error *net_ListenIP(const char *network, const net_IPAddr *laddr,
    net_IPConn **c);
runtime_error  *net_IPConn_Read(net_IPConn *c, void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_IPConn_Write(net_IPConn *c, const void *b, size_t len,
     ptrdiff_t *n);
runtime_error  *net_IPConn_ReadFrom(net_IPConn *c, void *b, size_t len,
     ptrdiff_t *n, net_Addr **addr);
runtime_error  *net_IPConn_ReadFromIP(net_IPConn *c, void *b, size_t len,
     ptrdiff_t *n, net_IPAddr *addr);
runtime_error  *net_IPConn_ReadMsgIP(net_IPConn *c, void *b, size_t len,
     void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
     net_IPAddr *addr);
runtime_error  *net_IPConn_WriteTo(net_IPConn *c, const void *b, size_t len,
     const net_Addr *addr, ptrdiff_t *n);
runtime_error  *net_IPConn_WriteToIP(net_IPConn *c, const void *b,
     size_t len, const net_IPAddr *addr, ptrdiff_t *n);
runtime_error  *net_IPConn_WriteMsgIP(net_IPConn *c, const void *b,
     size_t len, const void *oob, size_t ooblen, const net_IPAddr *addr,
     ptrdiff_t *n, ptrdiff_t *oobn);
runtime_error  *net_IPConn_Close(net_IPConn *c);
const net_Addr *net_IPConn_LocalAddr(net_IPConn *c);
const net_Addr *net_IPConn_RemoteAddr(net_IPConn *c);
runtime_error  *net_IPConn_SetDeadline(net_IPConn *c, time_Time t);
runtime_error  *net_IPConn_SetReadDeadline(net_IPConn *c, time_Time t);
runtime_error  *net_IPConn_SetWriteDeadline(net_IPConn *c, time_Time t);
runtime_error  *net_IPConn_SetReadBuffer(net_IPConn *c, int bytes);
runtime_error  *net_IPConn_SetWriteBuffer(net_IPConn *c, int bytes);
runtime_error  *net_IPConn_SyscallConn(net_IPConn *c, syscall_RawConn **rc);
void		net_IPConn_Free(net_IPConn *c);
runtime_error  *net_IPConn_File(net_IPConn *c, os_File **f);
net_Conn       *net_IPConn_Conn(net_IPConn *c);
net_PacketConn *net_IPConn_PacketConn(net_IPConn *c);
net_IPConn     *net_Conn_IPConn(net_Conn *c);
net_IPConn     *net_PacketConn_IPConn(net_PacketConn *c);

/*
 * Files.  The File methods above return an os_File over a copy of the
 * socket's descriptor (close-on-exec), the caller's to Close and Free;
 * FileConn, FileListener and FilePacketConn make a connection or listener
 * over a copy of f's descriptor, so f stays the caller's either way.
 * Errors are Go's ("file tcp 127.0.0.1:80: use of closed network
 * connection", "file file+net NAME: getsockopt: socket operation on
 * non-socket").
 */
runtime_error *net_FileConn(os_File *f, net_Conn **c);
runtime_error *net_FileListener(os_File *f, net_Listener **l);
runtime_error *net_FilePacketConn(os_File *f, net_PacketConn **c);

#ifdef __cplusplus
}
#endif

#endif /* GONET_NET_H */
