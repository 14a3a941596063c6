/* C port of go1.19 src/net/rawconn.go (built on: all). */
#include <errno.h>

#include "net/net_impl.h"

/*
 * syscall_RawConn is Go's rawConn: a borrowed view of a netFD.  It owns
 * nothing, and must not outlive the netFD (net_netFD_free).
 */
struct syscall_RawConn {
	net_netFD *fd;
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
	err = net_netFD_RawControl(c->fd, f, arg);
	if (err != NULL)
		err = net_newOpError(
		    "raw-control", c->fd->net, NULL, c->fd->laddr, err);
	return err;
}

/*
 * net_rawConn_Read calls f until it reports done, waiting for the
 * descriptor to become readable between calls.
 */
runtime_error *
net_rawConn_Read(
    syscall_RawConn *c, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if (!net_rawConn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = net_netFD_RawRead(c->fd, f, arg);
	if (err != NULL)
		err = net_newOpError(
		    "raw-read", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

/* net_rawConn_Write is net_rawConn_Read for writability. */
runtime_error *
net_rawConn_Write(
    syscall_RawConn *c, bool (*f)(uintptr_t fd, void *arg), void *arg)
{
	runtime_error *err;

	if (!net_rawConn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = net_netFD_RawWrite(c->fd, f, arg);
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
	return c;
}
