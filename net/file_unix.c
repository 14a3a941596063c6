/* C port of go1.19 src/net/file_unix.go */
/* built on: unix */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdatomic.h>
#include <stdlib.h>

#include "net/net_impl.h"

/*
 * dupSocket copies f's descriptor (close-on-exec) and makes the copy
 * non-blocking for the poller.  A closed f has Fd -1, so fcntl fails
 * with EBADF, as in Go.
 */
static runtime_error *
dupSocket(os_File *f, int *s)
{
	syscall_Errno e;

	*s = fcntl((int)os_File_Fd(f), F_DUPFD_CLOEXEC, 0);
	if (*s < 0)
		return os_NewSyscallError(
		    "fcntl", syscall_Errno_Err((syscall_Errno)errno));
	if ((e = syscall_SetNonblock(*s, true)) != 0) {
		net_closeFunc(*s);
		*s = -1;
		return os_NewSyscallError("setnonblock", syscall_Errno_Err(e));
	}
	return NULL;
}

/*
 * newFileFD makes a netFD of f's socket, with the addresses the kernel
 * reports and the network its local address names.
 */
static runtime_error *
newFileFD(os_File *f, net_netFD **fdp)
{
	syscall_Sockaddr lsa, rsa;
	net_toAddr	 toAddr;
	net_Addr	*laddr, *raddr;
	net_netFD	*fd;
	runtime_error	*err;
	syscall_Errno	 e;
	int		 s, family, sotype;

	*fdp = NULL;
	if ((err = dupSocket(f, &s)) != NULL)
		return err;
	if ((e = syscall_GetsockoptInt(s, SOL_SOCKET, SO_TYPE, &sotype)) != 0) {
		net_closeFunc(s);
		return os_NewSyscallError("getsockopt", syscall_Errno_Err(e));
	}
	/* Go's type switch on the local Sockaddr picks the family. */
	if (syscall_Getsockname(s, &lsa) != 0)
		lsa.Family = AF_UNSPEC;
	family = lsa.Family;
	if (family != AF_INET && family != AF_INET6 && family != AF_UNIX) {
		net_closeFunc(s);
		return syscall_Errno_Err(EPROTONOSUPPORT);
	}
	if (syscall_Getpeername(s, &rsa) != 0)
		rsa.Family = 0;
	runtime_error_Free(net_newFD(s, family, sotype, "", &fd));
	net_netFD_setRawSeen(fd);
	toAddr = net_netFD_addrFunc(fd);
	laddr = toAddr != NULL && lsa.Family != 0 ? toAddr(&lsa) : NULL;
	raddr = toAddr != NULL && rsa.Family != 0 ? toAddr(&rsa) : NULL;
	net_netFD_freeNetName(fd->net);
	fd->net =
	    net_netFD_netName(laddr != NULL ? net_Addr_Network(laddr) : "");
	if ((err = net_netFD_init(fd)) != NULL) {
		free(laddr);
		free(raddr);
		net_netFD_free(fd);
		return err;
	}
	net_netFD_setAddr(fd, laddr, raddr);
	*fdp = fd;
	return NULL;
}

static const net_addrType *
laddrType(net_netFD *fd)
{
	return fd->laddr != NULL ? fd->laddr->type : NULL;
}

runtime_error *
net_fileConn(os_File *f, net_Conn **c)
{
	const net_addrType *t;
	net_netFD	   *fd;
	runtime_error	   *err;

	*c = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	t = laddrType(fd);
	if (t == &net_TCPAddrType)
		*c = net_TCPConn_Conn(net_newTCPConn(fd));
	else if (t == &net_UDPAddrType)
		*c = net_UDPConn_Conn(net_newUDPConn(fd));
	else if (t == &net_IPAddrType)
		*c = net_IPConn_Conn(net_newIPConn(fd));
	else if (t == &net_UnixAddrType)
		*c = net_UnixConn_Conn(net_newUnixConn(fd));
	if (*c != NULL)
		return NULL;
	net_netFD_free(fd);
	return syscall_Errno_Err(EINVAL);
}

/*
 * A Unix listener made from a file does not unlink its path on Close: the
 * file's owner made the socket and decides.
 */
runtime_error *
net_fileListener(os_File *f, net_Listener **l)
{
	const net_addrType *t;
	net_TCPListener	   *tl;
	net_UnixListener   *ul;
	net_netFD	   *fd;
	runtime_error	   *err;

	*l = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	t = laddrType(fd);
	if (t == &net_TCPAddrType) {
		tl = runtime_malloc(sizeof(*tl));
		tl->Listener.type = &net_TCPListenerType;
		tl->fd = fd;
		*l = &tl->Listener;
	} else if (t == &net_UnixAddrType) {
		ul = runtime_malloc(sizeof(*ul));
		ul->Listener.type = &net_UnixListenerType;
		ul->fd = fd;
		ul->path = runtime_strdup(((net_UnixAddr *)fd->laddr)->Name);
		atomic_init(&ul->unlink, false);
		atomic_init(&ul->unlinkDone, false);
		*l = &ul->Listener;
	}
	if (*l != NULL)
		return NULL;
	net_netFD_free(fd);
	return syscall_Errno_Err(EINVAL);
}

runtime_error *
net_filePacketConn(os_File *f, net_PacketConn **c)
{
	const net_addrType *t;
	net_netFD	   *fd;
	runtime_error	   *err;

	*c = NULL;
	if ((err = newFileFD(f, &fd)) != NULL)
		return err;
	t = laddrType(fd);
	if (t == &net_UDPAddrType)
		*c = net_UDPConn_PacketConn(net_newUDPConn(fd));
	else if (t == &net_IPAddrType)
		*c = net_IPConn_PacketConn(net_newIPConn(fd));
	else if (t == &net_UnixAddrType)
		*c = net_UnixConn_PacketConn(net_newUnixConn(fd));
	if (*c != NULL)
		return NULL;
	net_netFD_free(fd);
	return syscall_Errno_Err(EINVAL);
}
