/* C port of go1.19 src/net/rawconn.go (built on: all). */
#include <errno.h>

#include "net/net_impl.h"

/*
 * syscall_RawConn is Go's rawConn, and with listener set Go's rawListener
 * (which embeds a rawConn and refuses Read and Write).  It is a borrowed
 * view of a netFD: it owns nothing, free() releases it, and it must not
 * outlive the netFD (the Free of the conn or listener it came from).
 * After Close it stays usable and its calls fail as Go's do.
 */
struct syscall_RawConn {
	net_netFD *fd;
	bool	   listener;
};

static bool
net_rawConn_ok(const syscall_RawConn *c)
{
	return c != NULL && c->fd != NULL;
}

/*
 * syscall_RawConn_Control runs f on the descriptor while holding a
 * reference, so the descriptor stays open for the call.
 */
runtime_error *
syscall_RawConn_Control(
    syscall_RawConn *c, void (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if (!net_rawConn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = poll_FD_RawControl(&c->fd->pfd, f, arg);
	if (err != NULL)
		err = net_newOpError(
		    "raw-control", c->fd->net, NULL, c->fd->laddr, err);
	return err;
}

/*
 * syscall_RawConn_Read calls f until it reports done, parking on the
 * poller for readability in between, so the read deadline and a Close
 * from another thread end the wait.  A listener's view refuses with a
 * bare EINVAL, as Go's rawListener does: waiting for a listener to become
 * "readable" means accepting, which Accept owns.
 */
runtime_error *
syscall_RawConn_Read(
    syscall_RawConn *c, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if (!net_rawConn_ok(c) || c->listener)
		return syscall_Errno_Err(EINVAL);
	err = poll_FD_RawRead(&c->fd->pfd, f, arg);
	if (err != NULL)
		err = net_newOpError(
		    "raw-read", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

/* syscall_RawConn_Write is syscall_RawConn_Read for writability. */
runtime_error *
syscall_RawConn_Write(
    syscall_RawConn *c, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if (!net_rawConn_ok(c) || c->listener)
		return syscall_Errno_Err(EINVAL);
	err = poll_FD_RawWrite(&c->fd->pfd, f, arg);
	if (err != NULL)
		err = net_newOpError(
		    "raw-write", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

syscall_RawConn *
net_newRawConn(net_netFD *fd)
{
	syscall_RawConn *c;

	c = runtime_malloc(sizeof(*c));
	c->fd = fd;
	c->listener = false;
	net_netFD_setRawSeen(fd);
	return c;
}

syscall_RawConn *
net_newRawListener(net_netFD *fd)
{
	syscall_RawConn *c;

	c = net_newRawConn(fd);
	c->listener = true;
	return c;
}
