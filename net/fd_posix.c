/*
 * C port of go1.19 src/net/fd_posix.go, built on: unix || (js && wasm) ||
 * windows.  netFD's I/O methods: each calls its internal/poll FD method
 * (fd_unix.c, fd_poll_runtime.c) and names the failed system call with
 * wrapSyscallError; the conn layer adds the OpError.
 */
#include <sys/socket.h>

#include <stdlib.h>

#include "net/net_impl.h"

/* The system call names Go's netFD methods report in their errors. */
static const char readSyscallName[] = "read";
static const char readFromSyscallName[] = "recvfrom";
static const char readMsgSyscallName[] = "recvmsg";
static const char writeSyscallName[] = "write";
static const char writeToSyscallName[] = "sendto";
static const char writeMsgSyscallName[] = "sendmsg";

/*
 * endpointKey folds a TCP endpoint into 16 bits: its port and the low 32
 * bits of its address (which an IPv4 address has in either form).
 */
static uint32_t
endpointKey(const net_TCPAddr *a)
{
	const uint8_t *b;
	uint32_t       k;

	k = (uint32_t)a->Port;
	if (a->IP.len >= 4) {
		b = a->IP.b + a->IP.len - 4;
		k ^= (uint32_t)(b[0] << 8 | b[1]);
		k ^= (uint32_t)(b[2] << 8 | b[3]);
	}
	return k & 0xffff;
}

/*
 * connKey is a TCP connection's key for the runtime's write-poll: the
 * local endpoint's 16 bits high, the remote's low, so that the other end
 * of a loopback connection has the halves swapped.  Two connections may
 * share a key; the runtime then only picks a goroutine to run next that
 * did not need to (runtime/netpoll.h).  0 for anything but TCP.
 */
static uint32_t
connKey(const net_Addr *laddr, const net_Addr *raddr)
{
	if (laddr == NULL || raddr == NULL || laddr->type != &net_TCPAddrType ||
	    raddr->type != &net_TCPAddrType)
		return 0;
	return endpointKey((const net_TCPAddr *)laddr) << 16 |
	    endpointKey((const net_TCPAddr *)raddr);
}

/*
 * net_netFD_setAddr is called before the fd is shared (Go sets its
 * finalizer here); it frees any addresses set before.
 */
void
net_netFD_setAddr(net_netFD *fd, net_Addr *laddr, net_Addr *raddr)
{
	free(fd->laddr);
	free(fd->raddr);
	fd->laddr = laddr;
	fd->raddr = raddr;
	net_pollDesc_setKey(&fd->pfd.pd, connKey(laddr, raddr));
}

/*
 * net_netFD_Close returns the close(2) error as a bare Errno, as Go's
 * netFD.Close does; the conn layer wraps it.
 */
runtime_error *
net_netFD_Close(net_netFD *fd)
{
	return poll_FD_Close(&fd->pfd);
}

runtime_error *
net_netFD_shutdown(net_netFD *fd, int how)
{
	return net_wrapSyscallError(
	    "shutdown", poll_FD_Shutdown(&fd->pfd, how));
}

runtime_error *
net_netFD_closeRead(net_netFD *fd)
{
	return net_netFD_shutdown(fd, SHUT_RD);
}

runtime_error *
net_netFD_closeWrite(net_netFD *fd)
{
	return net_netFD_shutdown(fd, SHUT_WR);
}

runtime_error *
net_netFD_Read(net_netFD *fd, void *p, size_t len, ptrdiff_t *n)
{
	return net_wrapSyscallError(
	    readSyscallName, poll_FD_Read(&fd->pfd, p, len, n));
}

runtime_error *
net_netFD_readFrom(
    net_netFD *fd, void *p, size_t len, ptrdiff_t *n, syscall_Sockaddr *from)
{
	return net_wrapSyscallError(
	    readFromSyscallName, poll_FD_ReadFrom(&fd->pfd, p, len, n, from));
}

runtime_error *
net_netFD_readMsg(net_netFD *fd, void *p, size_t len, void *oob, size_t ooblen,
    int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *retflags,
    syscall_Sockaddr *sa)
{
	return net_wrapSyscallError(readMsgSyscallName,
	    poll_FD_ReadMsg(
		&fd->pfd, p, len, oob, ooblen, flags, n, oobn, retflags, sa));
}

runtime_error *
net_netFD_Write(net_netFD *fd, const void *p, size_t len, ptrdiff_t *nn)
{
	return net_wrapSyscallError(
	    writeSyscallName, poll_FD_Write(&fd->pfd, p, len, nn));
}

runtime_error *
net_netFD_writeTo(net_netFD *fd, const void *p, size_t len,
    const syscall_Sockaddr *sa, ptrdiff_t *n)
{
	return net_wrapSyscallError(
	    writeToSyscallName, poll_FD_WriteTo(&fd->pfd, p, len, sa, n));
}

runtime_error *
net_netFD_writeMsg(net_netFD *fd, const void *p, size_t len, const void *oob,
    size_t ooblen, const syscall_Sockaddr *sa, ptrdiff_t *n, ptrdiff_t *oobn)
{
	return net_wrapSyscallError(writeMsgSyscallName,
	    poll_FD_WriteMsg(&fd->pfd, p, len, oob, ooblen, sa, n, oobn));
}

runtime_error *
net_netFD_SetDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetDeadline(&fd->pfd, t);
}

runtime_error *
net_netFD_SetReadDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetReadDeadline(&fd->pfd, t);
}

runtime_error *
net_netFD_SetWriteDeadline(net_netFD *fd, time_Time t)
{
	return poll_FD_SetWriteDeadline(&fd->pfd, t);
}
