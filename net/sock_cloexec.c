/*
 * C port of go1.19 src/net/sock_cloexec.go (built on: dragonfly || freebsd
 * || linux || netbsd || openbsd || solaris) and
 * src/internal/poll/sock_cloexec.go (built on: dragonfly || freebsd ||
 * (linux && !arm) || netbsd || openbsd || solaris); gonet: linux.
 */
#include <sys/socket.h>

#include <errno.h>

#include "net/net_impl.h"

/*
 * net_sysSocket opens a socket that is non-blocking and close-on-exec from
 * birth: with the flags in the socket call itself, no fork can copy it
 * between creation and a later fcntl.  On error *s is -1 and the result
 * is the socket call's Errno, which the caller wraps as Go's sysSocket
 * does: os.NewSyscallError("socket", err).
 */
syscall_Errno
net_sysSocket(int family, int sotype, int proto, int *s)
{
	syscall_Errno err;

	err = net_socketFunc(
	    family, sotype | SOCK_NONBLOCK | SOCK_CLOEXEC, proto, s);
	if (err != 0) {
		*s = -1;
		return err;
	}
	return 0;
}

/*
 * net_accept accepts with accept4, so that the new descriptor is
 * non-blocking and close-on-exec at once.  Kernels without accept4 answer
 * ENOSYS, and some answer EINVAL, EACCES or EFAULT instead; for those the
 * plain accept (accept4 with no flags, which is what Go's syscall.Accept
 * is on Linux) is followed by the two fcntls.  *errcall names the call
 * that failed.
 */
syscall_Errno
net_accept(int s, int *ns, syscall_Sockaddr *rsa, const char **errcall)
{
	syscall_Errno err;

	*errcall = "";
	err = net_acceptFunc(s, SOCK_NONBLOCK | SOCK_CLOEXEC, ns, rsa);
	switch (err) {
	case 0:
		return 0;
	default:
		*ns = -1;
		*errcall = "accept4";
		return err;
	case ENOSYS:
	case EINVAL:
	case EACCES:
	case EFAULT:
		break;
	}

	/*
	 * Go holds no ForkLock here either: the listener is non-blocking,
	 * so the window between accept and CloseOnExec is the kernel's.
	 */
	err = net_acceptFunc(s, 0, ns, rsa);
	if (err == 0)
		syscall_CloseOnExec(*ns);
	if (err != 0) {
		*ns = -1;
		rsa->Family = 0;
		*errcall = "accept";
		return err;
	}
	if ((err = syscall_SetNonblock(*ns, true)) != 0) {
		net_closeFunc(*ns);
		*ns = -1;
		rsa->Family = 0;
		*errcall = "setnonblock";
		return err;
	}
	return 0;
}
