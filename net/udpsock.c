/* C port of go1.19 src/net/udpsock.go: UDPAddr and UDPConn. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * AddrPort and UDPAddrFromAddrPort need package net/netip, which gonet
 * does not have yet.
 */

/*
 * net_UDPAddr_AddrPort returns a as a netip.AddrPort.  The zone inside the
 * result points at a's own Zone string, so the result must not outlive a.
 */
netip_AddrPort
net_UDPAddr_AddrPort(const net_UDPAddr *a)
{
	netip_AddrPort zero = { .port = 0 };
	netip_Addr     na;
	bool	       ok;

	if (a == NULL)
		return zero;
	/*
	 * Go ignores AddrFromSlice's ok: an odd-length IP gives the zero Addr.
	 */
	na = netip_AddrFromSlice(a->IP.b, a->IP.len, &ok);
	na = netip_Addr_WithZone(na, a->Zone);
	return netip_AddrPortFrom(na, (uint16_t)a->Port);
}

const char *
net_UDPAddr_Network(const net_UDPAddr *a)
{
	(void)a;
	return "udp";
}

char *
net_UDPAddr_String(const net_UDPAddr *a)
{
	char *ip, *host, *port, *s;

	if (a == NULL)
		return runtime_strdup("<nil>");
	/* Go's ipEmptyString: a nil IP prints as nothing, not "<nil>". */
	ip = a->IP.len == 0 ? runtime_strdup("") : net_IP_String(a->IP);
	port = itoa_Itoa(a->Port);
	if (a->Zone != NULL && a->Zone[0] != '\0') {
		host = runtime_concatstrings(ip, "%", a->Zone, (char *)NULL);
		s = net_JoinHostPort(host, port);
		free(host);
	} else
		s = net_JoinHostPort(ip, port);
	free(port);
	free(ip);
	return s;
}

bool
net_UDPAddr_isWildcard(const net_UDPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_UDPAddr_opAddr(net_UDPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_UDPAddr_Addr(a);
}

/* opAddrCopy is opAddr for a borrowed const address (see tcpsock.c). */
net_Addr *
net_UDPAddr_opAddrCopy(const net_UDPAddr *a, net_UDPAddr *tmp)
{
	if (a == NULL)
		return NULL;
	*tmp = *a;
	return net_UDPAddr_Addr(tmp);
}

/* One free() releases the address and its zone (net_allocZoned). */
net_UDPAddr *
net_newUDPAddr(net_IP ip, int port, const char *zone)
{
	net_UDPAddr *a;
	const char  *z;

	a = net_allocZoned(sizeof(*a), zone, &z);
	a->addr.type = &net_UDPAddrType;
	a->IP = ip;
	a->Port = port;
	a->Zone = z;
	return a;
}

static const char *
UDPAddr_Network(const net_Addr *a)
{
	return net_UDPAddr_Network((const net_UDPAddr *)a);
}

static char *
UDPAddr_String(const net_Addr *a)
{
	return net_UDPAddr_String((const net_UDPAddr *)a);
}

static net_Addr *
UDPAddr_clone(const net_Addr *addr)
{
	const net_UDPAddr *a = (const net_UDPAddr *)addr;

	return &net_newUDPAddr(a->IP, a->Port, a->Zone)->addr;
}

static int
UDPAddr_family(const net_Addr *a)
{
	return net_UDPAddr_family((const net_UDPAddr *)a);
}

static bool
UDPAddr_isWildcard(const net_Addr *a)
{
	return net_UDPAddr_isWildcard((const net_UDPAddr *)a);
}

static runtime_error *
UDPAddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	return net_UDPAddr_sockaddr((const net_UDPAddr *)a, family, sa);
}

static net_Addr *
UDPAddr_toLocal(const net_Addr *a, const char *net)
{
	return net_UDPAddr_toLocal((const net_UDPAddr *)a, net);
}

const net_addrType net_UDPAddrType = {
	.Network = UDPAddr_Network,
	.String = UDPAddr_String,
	.clone = UDPAddr_clone,
	.family = UDPAddr_family,
	.isWildcard = UDPAddr_isWildcard,
	.sockaddr = UDPAddr_sockaddr,
	.toLocal = UDPAddr_toLocal,
};

/*
 * ResolveUDPAddr treats an empty network as "udp", which Go 1.0 accepted
 * without documenting it.
 */
runtime_error *
net_ResolveUDPAddr(const char *network, const char *address, net_UDPAddr **addr)
{
	net_addrList	   addrs;
	runtime_error	  *err;
	const net_UDPAddr *a;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "udp";
	else if (strcmp(network, "udp") != 0 && strcmp(network, "udp4") != 0 &&
	    strcmp(network, "udp6") != 0)
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(
	    net_DefaultResolver, NULL, network, address, &addrs);
	if (err != NULL)
		return err;
	a = (const net_UDPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newUDPAddr(a->IP, a->Port, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}

/*
 * net_UDPAddrFromAddrPort returns addr as a heap UDPAddr (one block,
 * zone included; free() releases it).  An invalid Addr gives a nil IP, as
 * Go's AsSlice does.
 */
net_UDPAddr *
net_UDPAddrFromAddrPort(netip_AddrPort addr)
{
	netip_Addr ip;
	net_IP	   nip;

	ip = netip_AddrPort_Addr(addr);
	nip.len = (uint8_t)netip_Addr_AsSlice(ip, nip.b);
	return net_newUDPAddr(
	    nip, netip_AddrPort_Port(addr), netip_Addr_Zone(ip));
}

/*
 * addrPortUDPAddr is the Addr Go puts in the OpError of the AddrPort
 * writers: it prints the AddrPort itself ("invalid AddrPort" included).
 * The zone is interned, so the AddrPort value is all it needs.
 */
typedef struct net_addrPortUDPAddr {
	net_Addr       addr;
	netip_AddrPort ap;
} net_addrPortUDPAddr;

static const char *
addrPortUDPAddr_Network(const net_Addr *a)
{
	(void)a;
	return "udp";
}

static char *
addrPortUDPAddr_String(const net_Addr *a)
{
	const net_addrPortUDPAddr *u = (const net_addrPortUDPAddr *)a;

	return netip_AddrPort_String(u->ap);
}

static net_Addr *addrPortUDPAddr_clone(const net_Addr *a);

static const net_addrType net_addrPortUDPAddrType = {
	.Network = addrPortUDPAddr_Network,
	.String = addrPortUDPAddr_String,
	.clone = addrPortUDPAddr_clone,
};

static net_Addr *
net_newAddrPortUDPAddr(netip_AddrPort ap)
{
	net_addrPortUDPAddr *u;

	u = runtime_malloc(sizeof(*u));
	u->addr.type = &net_addrPortUDPAddrType;
	u->ap = ap;
	return &u->addr;
}

static net_Addr *
addrPortUDPAddr_clone(const net_Addr *a)
{
	return net_newAddrPortUDPAddr(((const net_addrPortUDPAddr *)a)->ap);
}

/* The OpError for an AddrPort writer names the AddrPort. */
static runtime_error *
net_UDPConn_addrPortErr(net_UDPConn *c, netip_AddrPort addr, runtime_error *err)
{
	net_addrPortUDPAddr tmp;

	tmp.addr.type = &net_addrPortUDPAddrType;
	tmp.ap = addr;
	return net_newOpError(
	    "write", c->conn.fd->net, c->conn.fd->laddr, &tmp.addr, err);
}

/* UDPConn: the promoted conn methods. */
static net_conn *
net_UDPConn_c(net_UDPConn *c)
{
	return c == NULL ? NULL : &c->conn;
}

runtime_error *
net_UDPConn_Read(net_UDPConn *c, void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Read(net_UDPConn_c(c), b, len, n);
}

runtime_error *
net_UDPConn_Write(net_UDPConn *c, const void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(net_UDPConn_c(c), b, len, n);
}

runtime_error *
net_UDPConn_Close(net_UDPConn *c)
{
	return net_conn_Close(net_UDPConn_c(c));
}

const net_Addr *
net_UDPConn_LocalAddr(net_UDPConn *c)
{
	return net_conn_LocalAddr(net_UDPConn_c(c));
}

const net_Addr *
net_UDPConn_RemoteAddr(net_UDPConn *c)
{
	return net_conn_RemoteAddr(net_UDPConn_c(c));
}

runtime_error *
net_UDPConn_SetDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetDeadline(net_UDPConn_c(c), t);
}

runtime_error *
net_UDPConn_SetReadDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_UDPConn_c(c), t);
}

runtime_error *
net_UDPConn_SetWriteDeadline(net_UDPConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_UDPConn_c(c), t);
}

runtime_error *
net_UDPConn_SetReadBuffer(net_UDPConn *c, int bytes)
{
	return net_conn_SetReadBuffer(net_UDPConn_c(c), bytes);
}

runtime_error *
net_UDPConn_SetWriteBuffer(net_UDPConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(net_UDPConn_c(c), bytes);
}

void
net_UDPConn_Free(net_UDPConn *c)
{
	if (c == NULL)
		return;
	net_conn_free(&c->conn);
	free(c);
}

/*
 * SyscallConn writes a heap RawConn (free()) that borrows c's descriptor.
 * Like Go's, it succeeds on a closed conn; the RawConn's calls then fail.
 */
runtime_error *
net_UDPConn_SyscallConn(net_UDPConn *c, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawConn(c->conn.fd);
	return NULL;
}

static runtime_error *
net_UDPConn_readErr(net_UDPConn *c, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(
	    "read", c->conn.fd->net, c->conn.fd->laddr, c->conn.fd->raddr, err);
}

/*
 * ReadFromUDP fills the caller's addr (NULL: not wanted) without
 * allocating; on error addr is left zero, Go's nil.
 */
runtime_error *
net_UDPConn_ReadFromUDP(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, net_UDPAddr *addr)
{
	net_UDPAddr tmp;

	*n = 0;
	if (addr == NULL)
		addr = &tmp;
	memset(addr, 0, sizeof(*addr));
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UDPConn_readErr(c, net_UDPConn_readFrom(c, b, len, n, addr));
}

/* ReadFrom writes a heap address (free()), NULL on error. */
runtime_error *
net_UDPConn_ReadFrom(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	net_UDPAddr    a;
	runtime_error *err;

	*addr = NULL;
	err = net_UDPConn_ReadFromUDP(c, b, len, n, &a);
	if (err == NULL)
		*addr = &net_newUDPAddr(a.IP, a.Port, a.Zone)->addr;
	return err;
}

runtime_error *
net_UDPConn_ReadFromUDPAddrPort(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, netip_AddrPort *addr)
{
	*n = 0;
	memset(addr, 0, sizeof(*addr));
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UDPConn_readErr(
	    c, net_UDPConn_readFromAddrPort(c, b, len, n, addr));
}

/*
 * ReadMsgUDP fills addr whenever the AddrPort is valid, which, as in Go,
 * includes the zero IPv4 address after a failed read; otherwise addr is
 * left zero.
 */
runtime_error *
net_UDPConn_ReadMsgUDP(net_UDPConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags, net_UDPAddr *addr)
{
	netip_AddrPort ap;
	runtime_error *err;
	netip_Addr     ip;

	err = net_UDPConn_ReadMsgUDPAddrPort(
	    c, b, len, oob, ooblen, n, oobn, flags, &ap);
	if (addr == NULL)
		return err;
	memset(addr, 0, sizeof(*addr));
	if (netip_Addr_IsValid(ap.ip)) {
		ip = netip_AddrPort_Addr(ap);
		addr->addr.type = &net_UDPAddrType;
		addr->IP.len = (uint8_t)netip_Addr_AsSlice(ip, addr->IP.b);
		addr->Port = netip_AddrPort_Port(ap);
		addr->Zone = netip_Addr_Zone(ip);
	}
	return err;
}

runtime_error *
net_UDPConn_ReadMsgUDPAddrPort(net_UDPConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    netip_AddrPort *addr)
{
	*n = *oobn = *flags = 0;
	memset(addr, 0, sizeof(*addr));
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UDPConn_readErr(c,
	    net_UDPConn_readMsg(c, b, len, oob, ooblen, n, oobn, flags, addr));
}

runtime_error *
net_UDPConn_WriteToUDP(net_UDPConn *c, const void *b, size_t len,
    const net_UDPAddr *addr, ptrdiff_t *n)
{
	net_UDPAddr    tmp;
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_UDPConn_writeTo(c, b, len, addr, n);
	if (err != NULL)
		err = net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, net_UDPAddr_opAddrCopy(addr, &tmp), err);
	return err;
}

runtime_error *
net_UDPConn_WriteToUDPAddrPort(net_UDPConn *c, const void *b, size_t len,
    netip_AddrPort addr, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_UDPConn_writeToAddrPort(c, b, len, addr, n);
	if (err != NULL)
		err = net_UDPConn_addrPortErr(c, addr, err);
	return err;
}

/* Any Addr but a UDPAddr is EINVAL, reported against that Addr. */
runtime_error *
net_UDPConn_WriteTo(net_UDPConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	*n = 0;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	if (addr == NULL || addr->type != &net_UDPAddrType)
		return net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, addr, syscall_Errno_Err(EINVAL));
	return net_UDPConn_WriteToUDP(c, b, len, (const net_UDPAddr *)addr, n);
}

runtime_error *
net_UDPConn_WriteMsgUDP(net_UDPConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_UDPAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn)
{
	net_UDPAddr    tmp;
	runtime_error *err;

	*n = *oobn = 0;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_UDPConn_writeMsg(c, b, len, oob, ooblen, addr, n, oobn);
	if (err != NULL)
		err = net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, net_UDPAddr_opAddrCopy(addr, &tmp), err);
	return err;
}

runtime_error *
net_UDPConn_WriteMsgUDPAddrPort(net_UDPConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, netip_AddrPort addr, ptrdiff_t *n,
    ptrdiff_t *oobn)
{
	runtime_error *err;

	*n = *oobn = 0;
	if (!net_conn_ok(net_UDPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err =
	    net_UDPConn_writeMsgAddrPort(c, b, len, oob, ooblen, addr, n, oobn);
	if (err != NULL)
		err = net_UDPConn_addrPortErr(c, addr, err);
	return err;
}

/* conn is a UDPConn's first member, so the embedded conn is the object. */
#define UDPPCONN(c) ((net_UDPConn *)net_connOfPacketConn(c))

const net_ConnType net_UDPConnType = {
	.name = "*net.UDPConn",
	NET_CONN_CONN_SLOTS,
	.PacketConn = true,
};

static runtime_error *
UDPPacketConn_ReadFrom(
    net_PacketConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	return net_UDPConn_ReadFrom(UDPPCONN(c), b, len, n, addr);
}

static runtime_error *
UDPPacketConn_WriteTo(net_PacketConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	return net_UDPConn_WriteTo(UDPPCONN(c), b, len, addr, n);
}

const net_PacketConnType net_UDPPacketConnType = {
	.name = "*net.UDPConn",
	.ReadFrom = UDPPacketConn_ReadFrom,
	.WriteTo = UDPPacketConn_WriteTo,
	NET_CONN_PACKETCONN_SLOTS,
};

net_UDPConn *
net_newUDPConn(net_netFD *fd)
{
	net_UDPConn *c;

	c = runtime_malloc(sizeof(*c));
	c->conn.Conn.type = &net_UDPConnType;
	c->conn.PacketConn.type = &net_UDPPacketConnType;
	c->conn.fd = fd;
	return c;
}

static bool
net_isUDPNetwork(const char *network)
{
	return strcmp(network, "udp") == 0 || strcmp(network, "udp4") == 0 ||
	    strcmp(network, "udp6") == 0;
}

runtime_error *
net_DialUDP(const char *network, const net_UDPAddr *laddr,
    const net_UDPAddr *raddr, net_UDPConn **c)
{
	net_sysDialer  sd = { .network = network };
	net_UDPAddr    la, ra;
	runtime_error *err;
	char	      *address;

	*c = NULL;
	if (!net_isUDPNetwork(network))
		return net_newOpError("dial", network,
		    net_UDPAddr_opAddrCopy(laddr, &la),
		    net_UDPAddr_opAddrCopy(raddr, &ra),
		    net_newUnknownNetworkError(network));
	if (raddr == NULL)
		return net_newOpError("dial", network,
		    net_UDPAddr_opAddrCopy(laddr, &la), NULL,
		    net_errMissingAddress);
	address = net_UDPAddr_String(raddr);
	sd.address = address;
	err = net_sysDialer_dialUDP(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network,
		    net_UDPAddr_opAddrCopy(laddr, &la),
		    net_UDPAddr_opAddrCopy(raddr, &ra), err);
	return NULL;
}

runtime_error *
net_ListenUDP(const char *network, const net_UDPAddr *laddr, net_UDPConn **c)
{
	net_sysListener sl = { .network = network };
	net_UDPAddr	zero = { .Port = 0 }, la;
	runtime_error  *err;
	char	       *address;

	*c = NULL;
	if (!net_isUDPNetwork(network))
		return net_newOpError("listen", network, NULL,
		    net_UDPAddr_opAddrCopy(laddr, &la),
		    net_newUnknownNetworkError(network));
	if (laddr == NULL)
		laddr = &zero;
	address = net_UDPAddr_String(laddr);
	sl.address = address;
	err = net_sysListener_listenUDP(&sl, context_Background(), laddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_UDPAddr_opAddrCopy(laddr, &la), err);
	return NULL;
}

/*
 * ListenMulticastUDP listens on gaddr's port and joins its group on ifi
 * (NULL: the interface the kernel's routes choose).
 */
runtime_error *
net_ListenMulticastUDP(const char *network, const net_Interface *ifi,
    const net_UDPAddr *gaddr, net_UDPConn **c)
{
	net_sysListener sl = { .network = network };
	net_UDPAddr	ga;
	runtime_error  *err;
	char	       *address;

	*c = NULL;
	if (!net_isUDPNetwork(network))
		return net_newOpError("listen", network, NULL,
		    net_UDPAddr_opAddrCopy(gaddr, &ga),
		    net_newUnknownNetworkError(network));
	if (gaddr == NULL || gaddr->IP.len == 0)
		return net_newOpError("listen", network, NULL,
		    net_UDPAddr_opAddrCopy(gaddr, &ga), net_errMissingAddress);
	address = net_UDPAddr_String(gaddr);
	sl.address = address;
	err = net_sysListener_listenMulticastUDP(
	    &sl, context_Background(), ifi, gaddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_UDPAddr_opAddrCopy(gaddr, &ga), err);
	return NULL;
}

/* net_UDPConn_File is conn.File, which Go's UDPConn promotes. */
runtime_error *
net_UDPConn_File(net_UDPConn *c, os_File **f)
{
	return net_conn_File(c == NULL ? NULL : &c->conn, f);
}
