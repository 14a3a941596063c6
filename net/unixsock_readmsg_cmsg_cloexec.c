/* C port of go1.19 src/net/unixsock_readmsg_cmsg_cloexec.go */
/* built on: dragonfly linux netbsd openbsd */
#include <sys/socket.h>

#include "net/net_impl.h"

/*
 * These kernels mark descriptors received in SCM_RIGHTS close-on-exec in
 * the recvmsg call itself, so no other thread's fork and exec can leak
 * them in between.
 */
const int net_readMsgFlags = MSG_CMSG_CLOEXEC;

/* net_setReadMsgCloseOnExec has nothing left to do here. */
void
net_setReadMsgCloseOnExec(const void *oob, size_t len)
{
	(void)oob;
	(void)len;
}
