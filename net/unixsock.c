/* C port of go1.19 src/net/unixsock.go: UnixAddr, UnixConn, UnixListener. */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/* Go dereferences a nil *UnixAddr here and panics; so does gonet. */
const char *
net_UnixAddr_Network(const net_UnixAddr *a)
{
	if (a == NULL)
		runtime_throw(
		    "invalid memory address or nil pointer dereference");
	return a->Net != NULL ? a->Net : "";
}

char *
net_UnixAddr_String(const net_UnixAddr *a)
{
	if (a == NULL)
		return runtime_strdup("<nil>");
	return runtime_strdup(a->Name != NULL ? a->Name : "");
}

bool
net_UnixAddr_isWildcard(const net_UnixAddr *a)
{
	return a == NULL || a->Name == NULL || a->Name[0] == '\0';
}

net_Addr *
net_UnixAddr_opAddr(net_UnixAddr *a)
{
	if (a == NULL)
		return NULL;
	return net_UnixAddr_Addr(a);
}

/* opAddrCopy is opAddr for a borrowed const address (see tcpsock.c). */
net_Addr *
net_UnixAddr_opAddrCopy(const net_UnixAddr *a, net_UnixAddr *tmp)
{
	if (a == NULL)
		return NULL;
	*tmp = *a;
	return net_UnixAddr_Addr(tmp);
}

/* Name and Net live right after the struct: one free() releases all. */
net_UnixAddr *
net_newUnixAddr(const char *name, const char *net)
{
	net_UnixAddr *a;
	size_t	      n, m;
	char	     *p;

	if (name == NULL)
		name = "";
	if (net == NULL)
		net = "";
	n = strlen(name) + 1;
	m = strlen(net) + 1;
	a = runtime_malloc(sizeof(*a) + n + m);
	a->addr.type = &net_UnixAddrType;
	p = (char *)(a + 1);
	a->Name = memcpy(p, name, n);
	a->Net = memcpy(p + n, net, m);
	return a;
}

static const char *
UnixAddr_Network(const net_Addr *a)
{
	return net_UnixAddr_Network((const net_UnixAddr *)a);
}

static char *
UnixAddr_String(const net_Addr *a)
{
	return net_UnixAddr_String((const net_UnixAddr *)a);
}

static net_Addr *
UnixAddr_clone(const net_Addr *addr)
{
	const net_UnixAddr *a = (const net_UnixAddr *)addr;

	return &net_newUnixAddr(a->Name, a->Net)->addr;
}

static int
UnixAddr_family(const net_Addr *a)
{
	return net_UnixAddr_family((const net_UnixAddr *)a);
}

static bool
UnixAddr_isWildcard(const net_Addr *a)
{
	return net_UnixAddr_isWildcard((const net_UnixAddr *)a);
}

static runtime_error *
UnixAddr_sockaddr(const net_Addr *a, int family, syscall_Sockaddr *sa)
{
	return net_UnixAddr_sockaddr((const net_UnixAddr *)a, family, sa);
}

static net_Addr *
UnixAddr_toLocal(const net_Addr *a, const char *net)
{
	return net_UnixAddr_toLocal((const net_UnixAddr *)a, net);
}

const net_addrType net_UnixAddrType = {
	.Network = UnixAddr_Network,
	.String = UnixAddr_String,
	.clone = UnixAddr_clone,
	.family = UnixAddr_family,
	.isWildcard = UnixAddr_isWildcard,
	.sockaddr = UnixAddr_sockaddr,
	.toLocal = UnixAddr_toLocal,
};

runtime_error *
net_ResolveUnixAddr(
    const char *network, const char *address, net_UnixAddr **addr)
{
	*addr = NULL;
	if (strcmp(network, "unix") == 0 || strcmp(network, "unixgram") == 0 ||
	    strcmp(network, "unixpacket") == 0) {
		*addr = net_newUnixAddr(address, network);
		return NULL;
	}
	return net_newUnknownNetworkError(network);
}

/* UnixConn: the promoted conn methods. */
static net_conn *
net_UnixConn_c(net_UnixConn *c)
{
	return c == NULL ? NULL : &c->conn;
}

runtime_error *
net_UnixConn_Read(net_UnixConn *c, void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Read(net_UnixConn_c(c), b, len, n);
}

runtime_error *
net_UnixConn_Write(net_UnixConn *c, const void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(net_UnixConn_c(c), b, len, n);
}

runtime_error *
net_UnixConn_Close(net_UnixConn *c)
{
	return net_conn_Close(net_UnixConn_c(c));
}

const net_Addr *
net_UnixConn_LocalAddr(net_UnixConn *c)
{
	return net_conn_LocalAddr(net_UnixConn_c(c));
}

const net_Addr *
net_UnixConn_RemoteAddr(net_UnixConn *c)
{
	return net_conn_RemoteAddr(net_UnixConn_c(c));
}

runtime_error *
net_UnixConn_SetDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetDeadline(net_UnixConn_c(c), t);
}

runtime_error *
net_UnixConn_SetReadDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_UnixConn_c(c), t);
}

runtime_error *
net_UnixConn_SetWriteDeadline(net_UnixConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_UnixConn_c(c), t);
}

runtime_error *
net_UnixConn_SetReadBuffer(net_UnixConn *c, int bytes)
{
	return net_conn_SetReadBuffer(net_UnixConn_c(c), bytes);
}

runtime_error *
net_UnixConn_SetWriteBuffer(net_UnixConn *c, int bytes)
{
	return net_conn_SetWriteBuffer(net_UnixConn_c(c), bytes);
}

void
net_UnixConn_Free(net_UnixConn *c)
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
net_UnixConn_SyscallConn(net_UnixConn *c, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawConn(c->conn.fd);
	return NULL;
}

static runtime_error *
net_UnixConn_opErr(net_UnixConn *c, const char *op, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError(
	    op, c->conn.fd->net, c->conn.fd->laddr, c->conn.fd->raddr, err);
}

runtime_error *
net_UnixConn_CloseRead(net_UnixConn *c)
{
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_opErr(c, "close", net_netFD_closeRead(c->conn.fd));
}

runtime_error *
net_UnixConn_CloseWrite(net_UnixConn *c)
{
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_opErr(c, "close", net_netFD_closeWrite(c->conn.fd));
}

/*
 * ReadFromUnix writes a heap address (free()) when the peer has a name,
 * NULL otherwise; the address is written even when err is not NULL.
 */
runtime_error *
net_UnixConn_ReadFromUnix(
    net_UnixConn *c, void *b, size_t len, ptrdiff_t *n, net_UnixAddr **addr)
{
	*n = 0;
	*addr = NULL;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_opErr(
	    c, "read", net_UnixConn_readFrom(c, b, len, n, addr));
}

runtime_error *
net_UnixConn_ReadFrom(
    net_UnixConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	net_UnixAddr  *a;
	runtime_error *err;

	*addr = NULL;
	err = net_UnixConn_ReadFromUnix(c, b, len, n, &a);
	if (a != NULL)
		*addr = &a->addr;
	return err;
}

runtime_error *
net_UnixConn_ReadMsgUnix(net_UnixConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    net_UnixAddr **addr)
{
	*n = *oobn = *flags = 0;
	*addr = NULL;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_opErr(c, "read",
	    net_UnixConn_readMsg(c, b, len, oob, ooblen, n, oobn, flags, addr));
}

static runtime_error *
net_UnixConn_writeErr(
    net_UnixConn *c, const net_UnixAddr *addr, runtime_error *err)
{
	net_UnixAddr tmp;

	if (err == NULL)
		return NULL;
	return net_newOpError("write", c->conn.fd->net, c->conn.fd->laddr,
	    net_UnixAddr_opAddrCopy(addr, &tmp), err);
}

runtime_error *
net_UnixConn_WriteToUnix(net_UnixConn *c, const void *b, size_t len,
    const net_UnixAddr *addr, ptrdiff_t *n)
{
	*n = 0;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_writeErr(
	    c, addr, net_UnixConn_writeTo(c, b, len, addr, n));
}

runtime_error *
net_UnixConn_WriteTo(net_UnixConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	*n = 0;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	if (addr == NULL || addr->type != &net_UnixAddrType)
		return net_newOpError("write", c->conn.fd->net,
		    c->conn.fd->laddr, addr, syscall_Errno_Err(EINVAL));
	return net_UnixConn_WriteToUnix(
	    c, b, len, (const net_UnixAddr *)addr, n);
}

runtime_error *
net_UnixConn_WriteMsgUnix(net_UnixConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_UnixAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn)
{
	*n = *oobn = 0;
	if (!net_conn_ok(net_UnixConn_c(c)))
		return syscall_Errno_Err(EINVAL);
	return net_UnixConn_writeErr(c, addr,
	    net_UnixConn_writeMsg(c, b, len, oob, ooblen, addr, n, oobn));
}

/* conn is a UnixConn's first member, so the embedded conn is the object. */
#define UNIXPCONN(c) ((net_UnixConn *)net_connOfPacketConn(c))

const net_ConnType net_UnixConnType = {
	.name = "*net.UnixConn",
	NET_CONN_CONN_SLOTS,
	.PacketConn = true,
};

static runtime_error *
UnixPacketConn_ReadFrom(
    net_PacketConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	return net_UnixConn_ReadFrom(UNIXPCONN(c), b, len, n, addr);
}

static runtime_error *
UnixPacketConn_WriteTo(net_PacketConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	return net_UnixConn_WriteTo(UNIXPCONN(c), b, len, addr, n);
}

const net_PacketConnType net_UnixPacketConnType = {
	.name = "*net.UnixConn",
	.ReadFrom = UnixPacketConn_ReadFrom,
	.WriteTo = UnixPacketConn_WriteTo,
	NET_CONN_PACKETCONN_SLOTS,
};

net_UnixConn *
net_newUnixConn(net_netFD *fd)
{
	net_UnixConn *c;

	c = runtime_malloc(sizeof(*c));
	c->conn.Conn.type = &net_UnixConnType;
	c->conn.PacketConn.type = &net_UnixPacketConnType;
	c->conn.fd = fd;
	return c;
}

runtime_error *
net_DialUnix(const char *network, const net_UnixAddr *laddr,
    const net_UnixAddr *raddr, net_UnixConn **c)
{
	net_sysDialer  sd = { .network = network };
	net_UnixAddr   la, ra;
	runtime_error *err;
	char	      *address;

	*c = NULL;
	if (strcmp(network, "unix") != 0 && strcmp(network, "unixgram") != 0 &&
	    strcmp(network, "unixpacket") != 0)
		return net_newOpError("dial", network,
		    net_UnixAddr_opAddrCopy(laddr, &la),
		    net_UnixAddr_opAddrCopy(raddr, &ra),
		    net_newUnknownNetworkError(network));
	address = net_UnixAddr_String(raddr);
	sd.address = address;
	err =
	    net_sysDialer_dialUnix(&sd, context_Background(), laddr, raddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("dial", network,
		    net_UnixAddr_opAddrCopy(laddr, &la),
		    net_UnixAddr_opAddrCopy(raddr, &ra), err);
	return NULL;
}

/* UnixListener. */
static bool
net_UnixListener_ok(net_UnixListener *ln)
{
	return ln != NULL && ln->fd != NULL;
}

static runtime_error *
net_UnixListener_lnErr(net_UnixListener *l, const char *op, runtime_error *err)
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
net_UnixListener_SyscallConn(net_UnixListener *l, syscall_RawConn **rc)
{
	*rc = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	*rc = net_newRawListener(l->fd);
	return NULL;
}

runtime_error *
net_UnixListener_AcceptUnix(net_UnixListener *l, net_UnixConn **c)
{
	*c = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_UnixListener_lnErr(
	    l, "accept", net_UnixListener_accept(l, c));
}

runtime_error *
net_UnixListener_Accept(net_UnixListener *l, net_Conn **c)
{
	net_UnixConn  *uc;
	runtime_error *err;

	*c = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	err = net_UnixListener_accept(l, &uc);
	if (err != NULL)
		return net_UnixListener_lnErr(l, "accept", err);
	*c = &uc->conn.Conn;
	return NULL;
}

runtime_error *
net_UnixListener_Close(net_UnixListener *l)
{
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_UnixListener_lnErr(l, "close", net_UnixListener_close(l));
}

const net_Addr *
net_UnixListener_Addr(net_UnixListener *l)
{
	return l->fd->laddr;
}

runtime_error *
net_UnixListener_SetDeadline(net_UnixListener *l, time_Time t)
{
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_UnixListener_lnErr(
	    l, "set", net_netFD_SetDeadline(l->fd, t));
}

/*
 * Free closes the listener first if needed, through close, so that the
 * socket file is removed on the same terms as by Close.
 */
void
net_UnixListener_Free(net_UnixListener *l)
{
	if (l == NULL)
		return;
	if (l->fd != NULL) {
		runtime_error_Free(net_UnixListener_close(l));
		net_netFD_free(l->fd);
	}
	free(l->path);
	free(l);
}

#define UNIXLISTENER(l) ((net_UnixListener *)(l))

static runtime_error *
UnixListener_Accept(net_Listener *l, net_Conn **c)
{
	return net_UnixListener_Accept(UNIXLISTENER(l), c);
}

static runtime_error *
UnixListener_Close(net_Listener *l)
{
	return net_UnixListener_Close(UNIXLISTENER(l));
}

static const net_Addr *
UnixListener_Addr(net_Listener *l)
{
	return net_UnixListener_Addr(UNIXLISTENER(l));
}

static void
UnixListener_Free(net_Listener *l)
{
	net_UnixListener_Free(UNIXLISTENER(l));
}

const net_ListenerType net_UnixListenerType = {
	.name = "*net.UnixListener",
	.Accept = UnixListener_Accept,
	.Close = UnixListener_Close,
	.Addr = UnixListener_Addr,
	.Free = UnixListener_Free,
};

runtime_error *
net_ListenUnix(
    const char *network, const net_UnixAddr *laddr, net_UnixListener **l)
{
	net_sysListener sl = { .network = network };
	net_UnixAddr	la;
	runtime_error  *err;
	char	       *address;

	*l = NULL;
	if (strcmp(network, "unix") != 0 && strcmp(network, "unixpacket") != 0)
		return net_newOpError("listen", network, NULL,
		    net_UnixAddr_opAddrCopy(laddr, &la),
		    net_newUnknownNetworkError(network));
	if (laddr == NULL)
		return net_newOpError(
		    "listen", network, NULL, NULL, net_errMissingAddress);
	address = net_UnixAddr_String(laddr);
	sl.address = address;
	err = net_sysListener_listenUnix(&sl, context_Background(), laddr, l);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_UnixAddr_opAddrCopy(laddr, &la), err);
	return NULL;
}

runtime_error *
net_ListenUnixgram(
    const char *network, const net_UnixAddr *laddr, net_UnixConn **c)
{
	net_sysListener sl = { .network = network };
	net_UnixAddr	la;
	runtime_error  *err;
	char	       *address;

	*c = NULL;
	if (strcmp(network, "unixgram") != 0)
		return net_newOpError("listen", network, NULL,
		    net_UnixAddr_opAddrCopy(laddr, &la),
		    net_newUnknownNetworkError(network));
	if (laddr == NULL)
		return net_newOpError(
		    "listen", network, NULL, NULL, net_errMissingAddress);
	address = net_UnixAddr_String(laddr);
	sl.address = address;
	err =
	    net_sysListener_listenUnixgram(&sl, context_Background(), laddr, c);
	free(address);
	if (err != NULL)
		return net_newOpError("listen", network, NULL,
		    net_UnixAddr_opAddrCopy(laddr, &la), err);
	return NULL;
}

/* net_UnixConn_File is conn.File, which Go's UnixConn promotes. */
runtime_error *
net_UnixConn_File(net_UnixConn *c, os_File **f)
{
	return net_conn_File(c == NULL ? NULL : &c->conn, f);
}

/*
 * net_UnixListener_File is a File over a copy of the listener's descriptor
 * (the caller's, os_File_Free); Go's ln.file is the fd's dup.
 */
runtime_error *
net_UnixListener_File(net_UnixListener *l, os_File **f)
{
	*f = NULL;
	if (!net_UnixListener_ok(l))
		return syscall_Errno_Err(EINVAL);
	return net_UnixListener_lnErr(l, "file", net_netFD_dup(l->fd, f));
}
