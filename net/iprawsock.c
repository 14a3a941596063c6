/* C port of go1.19 src/net/iprawsock.go: IPAddr and IPConn. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

const char *
net_IPAddr_Network(const net_IPAddr *a)
{
	(void)a;
	return "ip";
}

char *
net_IPAddr_String(const net_IPAddr *a)
{
	char *ip, *s;

	if (a == NULL)
		return runtime_strdup("<nil>");
	/* Go's ipEmptyString: a nil IP prints as nothing, not "<nil>". */
	ip = a->IP.len == 0 ? runtime_strdup("") : net_IP_String(a->IP);
	if (a->Zone != NULL && a->Zone[0] != '\0') {
		s = runtime_concatstrings(ip, "%", a->Zone, (char *)NULL);
		free(ip);
		return s;
	}
	return ip;
}

bool
net_IPAddr_isWildcard(const net_IPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_IPAddr_opAddr(net_IPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_IPAddr_Addr(a);
}

/* opAddrCopy is opAddr for a borrowed const address (see tcpsock.c). */
net_Addr *
net_IPAddr_opAddrCopy(const net_IPAddr *a, net_IPAddr *tmp)
{
	if (a == NULL)
		return NULL;
	*tmp = *a;
	return net_IPAddr_Addr(tmp);
}

/* One free() releases the address and its zone (net_allocZoned). */
net_IPAddr *
net_newIPAddr(net_IP ip, const char *zone)
{
	net_IPAddr *a;
	const char *z;

	a = net_allocZoned(sizeof(*a), zone, &z);
	a->addr.type = &net_IPAddrType;
	a->IP = ip;
	a->Zone = z;
	return a;
}

static const char *
IPAddr_Network(const net_Addr *a)
{
	return net_IPAddr_Network((const net_IPAddr *)a);
}

static char *
IPAddr_String(const net_Addr *a)
{
	return net_IPAddr_String((const net_IPAddr *)a);
}

static net_Addr *
IPAddr_clone(const net_Addr *addr)
{
	const net_IPAddr *a = (const net_IPAddr *)addr;

	return &net_newIPAddr(a->IP, a->Zone)->addr;
}

static int
IPAddr_family(const net_Addr *a)
{
	return net_IPAddr_family((const net_IPAddr *)a);
}

static bool
IPAddr_isWildcard(const net_Addr *a)
{
	return net_IPAddr_isWildcard((const net_IPAddr *)a);
}

static runtime_error *
IPAddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	return net_IPAddr_sockaddr((const net_IPAddr *)a, family, sa);
}

static net_Addr *
IPAddr_toLocal(const net_Addr *a, const char *net)
{
	return net_IPAddr_toLocal((const net_IPAddr *)a, net);
}

const net_addrType net_IPAddrType = {
	.Network = IPAddr_Network,
	.String = IPAddr_String,
	.clone = IPAddr_clone,
	.family = IPAddr_family,
	.isWildcard = IPAddr_isWildcard,
	.sockaddr = IPAddr_sockaddr,
	.toLocal = IPAddr_toLocal,
};

/*
 * ResolveIPAddr accepts a protocol suffix ("ip4:icmp") and ignores it; an
 * empty network means "ip", as Go 1.0 allowed without documenting it.
 */
runtime_error *
net_ResolveIPAddr(const char *network, const char *address, net_IPAddr **addr)
{
	net_addrList	  addrs;
	runtime_error	 *err;
	const net_IPAddr *a;
	char		 *afnet;
	int		  proto;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "ip";
	if ((err = net_parseNetwork(network, false, &afnet, &proto)) != NULL)
		return err;
	if (strcmp(afnet, "ip") != 0 && strcmp(afnet, "ip4") != 0 &&
	    strcmp(afnet, "ip6") != 0) {
		free(afnet);
		return net_newUnknownNetworkError(network);
	}
	err = net_Resolver_internetAddrList(
	    net_DefaultResolver, NULL, afnet, address, &addrs);
	free(afnet);
	if (err != NULL)
		return err;
	a = (const net_IPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newIPAddr(a->IP, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}

/* IPConn: the promoted conn methods. */
static net_conn *
net_IPConn_c(net_IPConn *c)
{
	return c == NULL ? NULL : &c->conn;
}

runtime_error *
net_IPConn_Read(net_IPConn *c, void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Read(net_IPConn_c(c), b, len, n);
}

runtime_error *
net_IPConn_Write(net_IPConn *c, const void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(net_IPConn_c(c), b, len, n);
}

runtime_error *
net_IPConn_Close(net_IPConn *c)
{
	return net_conn_Close(net_IPConn_c(c));
}

const net_Addr *
net_IPConn_LocalAddr(net_IPConn *c)
{
	return net_conn_LocalAddr(net_IPConn_c(c));
}

const net_Addr *
net_IPConn_RemoteAddr(net_IPConn *c)
{
	return net_conn_RemoteAddr(net_IPConn_c(c));
}

runtime_error *
net_IPConn_SetDeadline(net_IPConn *c, time_Time t)
{
	return net_conn_SetDeadline(net_IPConn_c(c), t);
}

runtime_error *
net_IPConn_SetReadDeadline(net_IPConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_IPConn_c(c), t);
}

runtime_error *
net_IPConn_SetWriteDeadline(net_IPConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_IPConn_c(c), t);
}

runtime_error *
net_IPConn_SetReadBuffer(net_IPConn *c, int bytes)
{
	return net_conn_SetReadBuffer(net_IPConn_c(c), bytes);
}

runtime_error *
net_IPConn_SetWriteBuffer(net_IPConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(net_IPConn_c(c), bytes);
}

void
net_IPConn_Free(net_IPConn *c)
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
net_IPConn_SyscallConn(net_IPConn *c, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawConn(c->conn.fd);
	return NULL;
}

static runtime_error *
net_IPConn_readErr(net_IPConn *c, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(
	    "read", c->conn.fd->net, c->conn.fd->laddr, c->conn.fd->raddr, err);
}

/*
 * ReadFromIP fills the caller's addr (NULL: not wanted) without
 * allocating; it stays zero, Go's nil, when the read gave no address.
 */
runtime_error *
net_IPConn_ReadFromIP(
    net_IPConn *c, void *b, size_t len, ptrdiff_t *n, net_IPAddr *addr)
{
	net_IPAddr tmp;

	*n = 0;
	if (addr == NULL)
		addr = &tmp;
	memset(addr, 0, sizeof(*addr));
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_IPConn_readErr(c, net_IPConn_readFrom(c, b, len, n, addr));
}

/* ReadFrom writes a heap address (free()), or NULL when there is none. */
runtime_error *
net_IPConn_ReadFrom(
    net_IPConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	net_IPAddr     a;
	runtime_error *err;

	*addr = NULL;
	err = net_IPConn_ReadFromIP(c, b, len, n, &a);
	if (a.addr.type != NULL)
		*addr = &net_newIPAddr(a.IP, a.Zone)->addr;
	return err;
}

/* ReadMsgIP fills addr whenever the kernel gave one, even on error. */
runtime_error *
net_IPConn_ReadMsgIP(net_IPConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags, net_IPAddr *addr)
{
	net_IPAddr tmp;

	*n = *oobn = *flags = 0;
	if (addr == NULL)
		addr = &tmp;
	memset(addr, 0, sizeof(*addr));
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_IPConn_readErr(c,
	    net_IPConn_readMsg(c, b, len, oob, ooblen, n, oobn, flags, addr));
}

runtime_error *
net_IPConn_WriteToIP(net_IPConn *c, const void *b, size_t len,
    const net_IPAddr *addr, ptrdiff_t *n)
{
	net_IPAddr     tmp;
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_IPConn_writeTo(c, b, len, addr, n);
	if (err != NULL)
		err = net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, net_IPAddr_opAddrCopy(addr, &tmp), err);
	return err;
}

/* Any Addr but an IPAddr is EINVAL, reported against that Addr. */
runtime_error *
net_IPConn_WriteTo(net_IPConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	*n = 0;
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	if (addr == NULL || addr->type != &net_IPAddrType)
		return net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, addr, syscall_Errno_Err(EINVAL));
	return net_IPConn_WriteToIP(c, b, len, (const net_IPAddr *)addr, n);
}

runtime_error *
net_IPConn_WriteMsgIP(net_IPConn *c, const void *b, size_t len, const void *oob,
    size_t ooblen, const net_IPAddr *addr, ptrdiff_t *n, ptrdiff_t *oobn)
{
	net_IPAddr     tmp;
	runtime_error *err;

	*n = *oobn = 0;
	if (!net_conn_ok(net_IPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_IPConn_writeMsg(c, b, len, oob, ooblen, addr, n, oobn);
	if (err != NULL)
		err = net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, net_IPAddr_opAddrCopy(addr, &tmp), err);
	return err;
}

/* conn is an IPConn's first member, so the embedded conn is the object. */
#define IPPCONN(c) ((net_IPConn *)net_connOfPacketConn(c))

const net_ConnType net_IPConnType = {
	.name = "*net.IPConn",
	NET_CONN_CONN_SLOTS,
	.PacketConn = true,
};

static runtime_error *
IPPacketConn_ReadFrom(
    net_PacketConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	return net_IPConn_ReadFrom(IPPCONN(c), b, len, n, addr);
}

static runtime_error *
IPPacketConn_WriteTo(net_PacketConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	return net_IPConn_WriteTo(IPPCONN(c), b, len, addr, n);
}

const net_PacketConnType net_IPPacketConnType = {
	.name = "*net.IPConn",
	.ReadFrom = IPPacketConn_ReadFrom,
	.WriteTo = IPPacketConn_WriteTo,
	NET_CONN_PACKETCONN_SLOTS,
};

/* The interface views and assertions (net.c has the other types'). */
net_Conn *
net_IPConn_Conn(net_IPConn *c)
{
	return c == NULL ? NULL : &c->conn.Conn;
}

net_PacketConn *
net_IPConn_PacketConn(net_IPConn *c)
{
	return c == NULL ? NULL : &c->conn.PacketConn;
}

net_IPConn *
net_Conn_IPConn(net_Conn *c)
{
	if (c == NULL || c->type != &net_IPConnType)
		return NULL;
	return (net_IPConn *)((char *)c - offsetof(net_IPConn, conn.Conn));
}

net_IPConn *
net_PacketConn_IPConn(net_PacketConn *c)
{
	if (c == NULL || c->type != &net_IPPacketConnType)
		return NULL;
	return IPPCONN(c);
}

net_IPConn *
net_newIPConn(net_netFD *fd)
{
	net_IPConn *c;

	c = runtime_malloc(sizeof(*c));
	c->conn.Conn.type = &net_IPConnType;
	c->conn.PacketConn.type = &net_IPPacketConnType;
	c->conn.fd = fd;
	return c;
}

/*
 * DialIP checks the network only in dialIP, after raddr: Go reports a
 * missing address before an unknown network.
 */
runtime_error *
net_DialIP(const char *network, const net_IPAddr *laddr,
    const net_IPAddr *raddr, net_IPConn **c)
{
	net_sysDialer  sd = { .network = network };
	net_IPAddr     la, ra;
	runtime_error *err;
	char	      *address;

	*c = NULL;
	if (raddr == NULL)
		return net_newOpError("dial", network,
		    net_IPAddr_opAddrCopy(laddr, &la), NULL,
		    net_errMissingAddress);
	address = net_IPAddr_String(raddr);
	sd.address = address;
	err = net_sysDialer_dialIP(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network,
		    net_IPAddr_opAddrCopy(laddr, &la),
		    net_IPAddr_opAddrCopy(raddr, &ra), err);
	return NULL;
}

/* A NULL laddr listens on the wildcard address of the network's family. */
runtime_error *
net_ListenIP(const char *network, const net_IPAddr *laddr, net_IPConn **c)
{
	net_sysListener sl = { .network = network };
	net_IPAddr	zero = { .Zone = NULL }, la;
	runtime_error  *err;
	char	       *address;

	*c = NULL;
	if (laddr == NULL)
		laddr = &zero;
	address = net_IPAddr_String(laddr);
	sl.address = address;
	err = net_sysListener_listenIP(&sl, context_Background(), laddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_IPAddr_opAddrCopy(laddr, &la), err);
	return NULL;
}

/* net_IPConn_File is conn.File, which Go's IPConn promotes. */
runtime_error *
net_IPConn_File(net_IPConn *c, os_File **f)
{
	return net_conn_File(c == NULL ? NULL : &c->conn, f);
}
