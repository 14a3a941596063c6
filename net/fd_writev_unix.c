/*
 * C port of go1.19 src/internal/poll/fd_writev_unix.go (kept in net/):
 * the writev system call.
 * built on: dragonfly freebsd linux netbsd || (openbsd && mips64) || solaris
 */
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "net/net_impl.h"
#include "syscall/syscall.h"

/*
 * net_writev is writev(2) on a socket, sent as sendmsg so that it can
 * carry net_sendFlags: Go ignores SIGPIPE process-wide, a library may
 * not, so a closed peer must give EPIPE here and not the signal.  Like
 * Go's, it goes through syscall.Syscall.
 */
syscall_Errno
net_writev(int fd, const void *iovecs, int n, ptrdiff_t *wrote)
{
	struct msghdr msg = { 0 };
	uintptr_t     r;
	syscall_Errno e;

	msg.msg_iov = (struct iovec *)iovecs;
	msg.msg_iovlen = (size_t)n;
	e = syscall_Syscall(SYS_sendmsg, (uintptr_t)fd, (uintptr_t)&msg,
	    (uintptr_t)net_sendFlags, &r);
	*wrote = e != 0 ? 0 : (ptrdiff_t)r;
	return e;
}
