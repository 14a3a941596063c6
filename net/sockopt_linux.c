/* C port of go1.19 src/net/sockopt_linux.go (built on: linux) */
#include <netinet/in.h>
#include <sys/socket.h>

#include "net/net_impl.h"

/*
 * net_setDefaultSockopts sets what every new socket s gets.  An IPv6
 * socket says explicitly whether it also carries IPv4 (the system default
 * varies, and some systems refuse the option, hence no error check).  A
 * datagram or raw IP socket may broadcast.
 */
runtime_error *
net_setDefaultSockopts(int s, int family, int sotype, bool ipv6only)
{
	if (family == AF_INET6 && sotype != SOCK_RAW)
		syscall_SetsockoptInt(
		    s, IPPROTO_IPV6, IPV6_V6ONLY, net_boolint(ipv6only));
	if ((sotype == SOCK_DGRAM || sotype == SOCK_RAW) && family != AF_UNIX)
		return os_NewSyscallError("setsockopt",
		    syscall_Errno_Err(
			syscall_SetsockoptInt(s, SOL_SOCKET, SO_BROADCAST, 1)));
	return NULL;
}

/*
 * net_setDefaultListenerSockopts lets a stream listener bind an address
 * whose previous connections are still in TIME_WAIT.
 */
runtime_error *
net_setDefaultListenerSockopts(int s)
{
	return os_NewSyscallError("setsockopt",
	    syscall_Errno_Err(
		syscall_SetsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1)));
}

/*
 * net_setDefaultMulticastSockopts lets several multicast UDP or raw IP
 * listeners bind one address and port; on Linux SO_REUSEADDR alone does
 * that for multicast, so SO_REUSEPORT is not set.
 */
runtime_error *
net_setDefaultMulticastSockopts(int s)
{
	return os_NewSyscallError("setsockopt",
	    syscall_Errno_Err(
		syscall_SetsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1)));
}

/*
 * net_sendFlags go with every send on a socket.  Go's runtime ignores
 * SIGPIPE, so writing to a closed peer only returns EPIPE; gonet, a
 * library, leaves the signal alone and asks Linux not to raise it.
 * MSG_DONTWAIT: a socket's file may be in blocking mode for a plain
 * thread's read (fd_unix.c, readInKernel), and a send must not block.
 */
const int net_sendFlags = MSG_NOSIGNAL | MSG_DONTWAIT;
const int net_recvFlags = MSG_DONTWAIT;
