/* C port of go1.19 src/net/tcpsock.go: TCPAddr, TCPConn, TCPListener. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * AddrPort and TCPAddrFromAddrPort need package net/netip, which gonet
 * does not have yet.
 */

/*
 * net_TCPAddr_AddrPort returns a as a netip.AddrPort.  The zone inside the
 * result points at a's own Zone string, so the result must not outlive a.
 */
netip_AddrPort
net_TCPAddr_AddrPort(const net_TCPAddr *a)
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
net_TCPAddr_Network(const net_TCPAddr *a)
{
	(void)a;
	return "tcp";
}

char *
net_TCPAddr_String(const net_TCPAddr *a)
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
net_TCPAddr_isWildcard(const net_TCPAddr *a)
{
	if (a == NULL || a->IP.len == 0)
		return true;
	return net_IP_IsUnspecified(a->IP);
}

net_Addr *
net_TCPAddr_opAddr(net_TCPAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_TCPAddr_Addr(a);
}

/*
 * net_TCPAddr_opAddrCopy is opAddr for a borrowed const address: the view
 * is of a copy in *tmp, so the caller's struct is never written.
 */
net_Addr *
net_TCPAddr_opAddrCopy(const net_TCPAddr *a, net_TCPAddr *tmp)
{
	if (a == NULL)
		return NULL;
	*tmp = *a;
	return net_TCPAddr_Addr(tmp);
}

/* One free() releases the address and its zone (net_allocZoned). */
net_TCPAddr *
net_newTCPAddr(net_IP ip, int port, const char *zone)
{
	net_TCPAddr *a;
	const char  *z;

	a = net_allocZoned(sizeof(*a), zone, &z);
	a->addr.type = &net_TCPAddrType;
	a->IP = ip;
	a->Port = port;
	a->Zone = z;
	return a;
}

static const char *
TCPAddr_Network(const net_Addr *a)
{
	return net_TCPAddr_Network((const net_TCPAddr *)a);
}

static char *
TCPAddr_String(const net_Addr *a)
{
	return net_TCPAddr_String((const net_TCPAddr *)a);
}

static net_Addr *
TCPAddr_clone(const net_Addr *addr)
{
	const net_TCPAddr *a = (const net_TCPAddr *)addr;

	return &net_newTCPAddr(a->IP, a->Port, a->Zone)->addr;
}

static int
TCPAddr_family(const net_Addr *a)
{
	return net_TCPAddr_family((const net_TCPAddr *)a);
}

static bool
TCPAddr_isWildcard(const net_Addr *a)
{
	return net_TCPAddr_isWildcard((const net_TCPAddr *)a);
}

static runtime_error *
TCPAddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	return net_TCPAddr_sockaddr((const net_TCPAddr *)a, family, sa);
}

static net_Addr *
TCPAddr_toLocal(const net_Addr *a, const char *net)
{
	return net_TCPAddr_toLocal((const net_TCPAddr *)a, net);
}

const net_addrType net_TCPAddrType = {
	.Network = TCPAddr_Network,
	.String = TCPAddr_String,
	.clone = TCPAddr_clone,
	.family = TCPAddr_family,
	.isWildcard = TCPAddr_isWildcard,
	.sockaddr = TCPAddr_sockaddr,
	.toLocal = TCPAddr_toLocal,
};

/*
 * ResolveTCPAddr treats an empty network as "tcp", which Go 1.0 accepted
 * without documenting it.
 */
runtime_error *
net_ResolveTCPAddr(const char *network, const char *address, net_TCPAddr **addr)
{
	net_addrList	   addrs;
	runtime_error	  *err;
	const net_TCPAddr *a;

	*addr = NULL;
	if (strcmp(network, "") == 0)
		network = "tcp";
	else if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newUnknownNetworkError(network);
	err = net_Resolver_internetAddrList(
	    net_DefaultResolver, NULL, network, address, &addrs);
	if (err != NULL)
		return err;
	a = (const net_TCPAddr *)net_addrList_forResolve(
	    &addrs, network, address);
	*addr = net_newTCPAddr(a->IP, a->Port, a->Zone);
	net_addrList_free(&addrs);
	return NULL;
}

/*
 * net_TCPAddrFromAddrPort returns addr as a heap TCPAddr (one block,
 * zone included; free() releases it).  An invalid Addr gives a nil IP, as
 * Go's AsSlice does.
 */
net_TCPAddr *
net_TCPAddrFromAddrPort(netip_AddrPort addr)
{
	netip_Addr ip;
	net_IP	   nip;

	ip = netip_AddrPort_Addr(addr);
	nip.len = (uint8_t)netip_Addr_AsSlice(ip, nip.b);
	return net_newTCPAddr(
	    nip, netip_AddrPort_Port(addr), netip_Addr_Zone(ip));
}

/*
 * TCPConn.  The promoted conn methods are thin wrappers; the Conn table
 * routes the interface to the same code.
 */
static net_conn *
net_TCPConn_c(net_TCPConn *c)
{
	return c == NULL ? NULL : &c->conn;
}

runtime_error *
net_TCPConn_Read(net_TCPConn *c, void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Read(net_TCPConn_c(c), b, len, n);
}

runtime_error *
net_TCPConn_Write(net_TCPConn *c, const void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(net_TCPConn_c(c), b, len, n);
}

runtime_error *
net_TCPConn_Close(net_TCPConn *c)
{
	return net_conn_Close(net_TCPConn_c(c));
}

const net_Addr *
net_TCPConn_LocalAddr(net_TCPConn *c)
{
	return net_conn_LocalAddr(net_TCPConn_c(c));
}

const net_Addr *
net_TCPConn_RemoteAddr(net_TCPConn *c)
{
	return net_conn_RemoteAddr(net_TCPConn_c(c));
}

runtime_error *
net_TCPConn_SetDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetDeadline(net_TCPConn_c(c), t);
}

runtime_error *
net_TCPConn_SetReadDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_TCPConn_c(c), t);
}

runtime_error *
net_TCPConn_SetWriteDeadline(net_TCPConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_TCPConn_c(c), t);
}

runtime_error *
net_TCPConn_SetReadBuffer(net_TCPConn *c, int bytes)
{
	return net_conn_SetReadBuffer(net_TCPConn_c(c), bytes);
}

runtime_error *
net_TCPConn_SetWriteBuffer(net_TCPConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(net_TCPConn_c(c), bytes);
}

/*
 * SyscallConn writes a heap RawConn (free()) that borrows c's descriptor.
 * Like Go's, it succeeds on a closed conn; the RawConn's calls then fail.
 */
runtime_error *
net_TCPConn_SyscallConn(net_TCPConn *c, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawConn(c->conn.fd);
	return NULL;
}

/* io.EOF from the reader is the normal end and is not wrapped. */
runtime_error *
net_TCPConn_ReadFrom(net_TCPConn *c, io_Reader r, int64_t *n)
{
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	err = net_TCPConn_readFrom(c, r, n);
	if (err != NULL && err != io_EOF)
		err = net_newOpError("readfrom", c->conn.fd->net,
		    c->conn.fd->laddr, c->conn.fd->raddr, err);
	return err;
}

/* The option setters name both ends in their OpError, unlike conn's. */
static runtime_error *
net_TCPConn_optErr(net_TCPConn *c, const char *op, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(
	    op, c->conn.fd->net, c->conn.fd->laddr, c->conn.fd->raddr, err);
}

runtime_error *
net_TCPConn_CloseRead(net_TCPConn *c)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(c, "close", net_netFD_closeRead(c->conn.fd));
}

runtime_error *
net_TCPConn_CloseWrite(net_TCPConn *c)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(c, "close", net_netFD_closeWrite(c->conn.fd));
}

runtime_error *
net_TCPConn_SetLinger(net_TCPConn *c, int sec)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(c, "set", net_setLinger(c->conn.fd, sec));
}

runtime_error *
net_TCPConn_SetKeepAlive(net_TCPConn *c, bool keepalive)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(
	    c, "set", net_setKeepAlive(c->conn.fd, keepalive));
}

runtime_error *
net_TCPConn_SetKeepAlivePeriod(net_TCPConn *c, time_Duration d)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(
	    c, "set", net_setKeepAlivePeriod(c->conn.fd, d));
}

runtime_error *
net_TCPConn_SetNoDelay(net_TCPConn *c, bool noDelay)
{
	if (!net_conn_ok(net_TCPConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_TCPConn_optErr(
	    c, "set", net_setNoDelay(c->conn.fd, noDelay));
}

void
net_TCPConn_Free(net_TCPConn *c)
{
	if (c == NULL)
		return;
	net_conn_free(&c->conn);
	free(c);
}

const net_ConnType net_TCPConnType = {
	.name = "*net.TCPConn",
	NET_CONN_CONN_SLOTS,
};

/*
 * newTCPConn turns on TCP_NODELAY, Go's default, so that small writes go
 * out at once; a failure to set it is ignored, as in Go.
 */
net_TCPConn *
net_newTCPConn(net_netFD *fd)
{
	net_TCPConn *c;

	c = runtime_malloc(sizeof(*c));
	c->conn.Conn.type = &net_TCPConnType;
	c->conn.fd = fd;
	runtime_error_Free(net_setNoDelay(c->conn.fd, true));
	return c;
}

runtime_error *
net_DialTCP(const char *network, const net_TCPAddr *laddr,
    const net_TCPAddr *raddr, net_TCPConn **c)
{
	net_sysDialer  sd = { .network = network };
	net_TCPAddr    la, ra;
	runtime_error *err;
	char	      *address;

	*c = NULL;
	if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newOpError("dial", network,
		    net_TCPAddr_opAddrCopy(laddr, &la),
		    net_TCPAddr_opAddrCopy(raddr, &ra),
		    net_newUnknownNetworkError(network));
	if (raddr == NULL)
		return net_newOpError("dial", network,
		    net_TCPAddr_opAddrCopy(laddr, &la), NULL,
		    net_errMissingAddress);
	address = net_TCPAddr_String(raddr);
	sd.address = address;
	err = net_sysDialer_dialTCP(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network,
		    net_TCPAddr_opAddrCopy(laddr, &la),
		    net_TCPAddr_opAddrCopy(raddr, &ra), err);
	return NULL;
}

/* TCPListener. */
static bool
net_TCPListener_ok(net_TCPListener *ln)
{
	return ln != NULL && ln->fd != NULL;
}

static runtime_error *
net_TCPListener_lnErr(net_TCPListener *l, const char *op, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(op, l->fd->net, NULL, l->fd->laddr, err);
}

/*
 * SyscallConn writes a heap RawConn (free()) over the listener's
 * descriptor: Control works, Read and Write fail with EINVAL (Go's
 * rawListener).
 */
runtime_error *
net_TCPListener_SyscallConn(net_TCPListener *l, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawListener(l->fd);
	return NULL;
}

runtime_error *
net_TCPListener_AcceptTCP(net_TCPListener *l, net_TCPConn **c)
{
	*c = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_TCPListener_lnErr(l, "accept", net_TCPListener_accept(l, c));
}

runtime_error *
net_TCPListener_Accept(net_TCPListener *l, net_Conn **c)
{
	net_TCPConn   *tc;
	runtime_error *err;

	*c = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	err = net_TCPListener_accept(l, &tc);
	if (err != NULL)
		return net_TCPListener_lnErr(l, "accept", err);
	*c = &tc->conn.Conn;
	return NULL;
}

runtime_error *
net_TCPListener_Close(net_TCPListener *l)
{
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_TCPListener_lnErr(l, "close", net_TCPListener_close(l));
}

const net_Addr *
net_TCPListener_Addr(net_TCPListener *l)
{
	return l->fd->laddr;
}

runtime_error *
net_TCPListener_SetDeadline(net_TCPListener *l, time_Time t)
{
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_TCPListener_lnErr(l, "set", net_netFD_SetDeadline(l->fd, t));
}

void
net_TCPListener_Free(net_TCPListener *l)
{
	if (l == NULL)
		return;
	if (l->fd != NULL)
		net_netFD_free(l->fd);
	free(l);
}

#define TCPLISTENER(l) ((net_TCPListener *)(l))

static runtime_error *
TCPListener_Accept(net_Listener *l, net_Conn **c)
{
	return net_TCPListener_Accept(TCPLISTENER(l), c);
}

static runtime_error *
TCPListener_Close(net_Listener *l)
{
	return net_TCPListener_Close(TCPLISTENER(l));
}

static const net_Addr *
TCPListener_Addr(net_Listener *l)
{
	return net_TCPListener_Addr(TCPLISTENER(l));
}

static void
TCPListener_Free(net_Listener *l)
{
	net_TCPListener_Free(TCPLISTENER(l));
}

const net_ListenerType net_TCPListenerType = {
	.name = "*net.TCPListener",
	.Accept = TCPListener_Accept,
	.Close = TCPListener_Close,
	.Addr = TCPListener_Addr,
	.Free = TCPListener_Free,
};

/* A NULL laddr listens on an ephemeral port of every local address. */
runtime_error *
net_ListenTCP(
    const char *network, const net_TCPAddr *laddr, net_TCPListener **l)
{
	net_sysListener sl = { .network = network };
	net_TCPAddr	zero = { .Port = 0 }, la;
	runtime_error  *err;
	char	       *address;

	*l = NULL;
	if (strcmp(network, "tcp") != 0 && strcmp(network, "tcp4") != 0 &&
	    strcmp(network, "tcp6") != 0)
		return net_newOpError("listen", network, NULL,
		    net_TCPAddr_opAddrCopy(laddr, &la),
		    net_newUnknownNetworkError(network));
	if (laddr == NULL)
		laddr = &zero;
	address = net_TCPAddr_String(laddr);
	sl.address = address;
	err = net_sysListener_listenTCP(&sl, context_Background(), laddr, l);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_TCPAddr_opAddrCopy(laddr, &la), err);
	return NULL;
}

/* net_TCPConn_File is conn.File, which Go's TCPConn promotes. */
runtime_error *
net_TCPConn_File(net_TCPConn *c, os_File **f)
{
	return net_conn_File(c == NULL ? NULL : &c->conn, f);
}

/*
 * net_TCPListener_File is a File over a copy of the listener's descriptor
 * (the caller's, os_File_Free); Go's ln.file is the fd's dup.
 */
runtime_error *
net_TCPListener_File(net_TCPListener *l, os_File **f)
{
	*f = NULL;
	if (!net_TCPListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_TCPListener_lnErr(l, "file", net_netFD_dup(l->fd, f));
}
