/*
 * gonet's, not Go's (no Go file has it): Linux's TCP_INQ, which makes a
 * TCP read say how many bytes it left queued.  fd_unix.c uses it so that
 * a Read that filled its buffer still knows whether the socket is empty,
 * and the next Read can wait for the poller instead of trying a read that
 * would only say EAGAIN (DESIGN.md, "Reads that wait first").
 */
#include <sys/socket.h>
#include <sys/syscall.h>
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <stdbool.h>
#include <string.h>

#include "net/net_impl.h"
#include "syscall/syscall.h"

/* net_setInq turns TCP_INQ on or off; false if the kernel refused. */
bool
net_setInq(int fd, bool on)
{
	return syscall_SetsockoptInt(fd, IPPROTO_TCP, TCP_INQ, on) == 0;
}

/*
 * net_readInq is read(2) as recvmsg with flags, with room for the one control
 * message TCP_INQ adds.  *empty is true only when the kernel said that
 * nothing was left; a socket whose TCP_INQ was turned off meanwhile
 * sends no message, and *empty stays false.
 */
syscall_Errno
net_readInq(int fd, void *p, size_t len, int flags, ptrdiff_t *n, bool *empty)
{
	union {
		struct cmsghdr h;
		char	       b[CMSG_SPACE(sizeof(int))];
	} cm;
	struct msghdr	msg = { 0 };
	struct iovec	iov;
	struct cmsghdr *c;
	syscall_Errno	e;
	uintptr_t	r;
	int		left;

	*empty = false;
	iov.iov_base = p;
	iov.iov_len = len;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = cm.b;
	msg.msg_controllen = sizeof(cm.b);
	e = syscall_Syscall(
	    SYS_recvmsg, (uintptr_t)fd, (uintptr_t)&msg, (uintptr_t)flags, &r);
	*n = e != 0 ? -1 : (ptrdiff_t)r;
	if (e != 0)
		return e;
	for (c = CMSG_FIRSTHDR(&msg); c != NULL; c = CMSG_NXTHDR(&msg, c)) {
		if (c->cmsg_level == IPPROTO_TCP &&
		    c->cmsg_type == TCP_CM_INQ &&
		    c->cmsg_len >= CMSG_LEN(sizeof(int))) {
			memcpy(&left, CMSG_DATA(c), sizeof(left));
			*empty = left == 0;
		}
	}
	return 0;
}
