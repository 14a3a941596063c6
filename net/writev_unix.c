/*
 * C port of go1.19 src/net/writev_unix.go: conn.writeBuffers.
 * built on: unix
 */
#include <errno.h>

#include "net/net_impl.h"

runtime_error *
net_conn_writeBuffers(net_conn *c, net_Buffers *v, int64_t *n)
{
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	if ((err = net_netFD_writeBuffers(c->fd, v, n)) != NULL)
		return net_newOpError(
		    "writev", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return NULL;
}

runtime_error *
net_netFD_writeBuffers(net_netFD *fd, net_Buffers *v, int64_t *n)
{
	return net_wrapSyscallError("writev", poll_FD_Writev(&fd->pfd, v, n));
}
