/* C port of go1.19 src/net/unixsock_readmsg_cloexec.go */
/* built on: aix darwin freebsd solaris */
#include <sys/socket.h>

#include <stdlib.h>

#include "net/net_impl.h"

/* These kernels have no MSG_CMSG_CLOEXEC: readMsg marks the fds after. */
const int net_readMsgFlags = 0;

/*
 * net_setReadMsgCloseOnExec marks every descriptor an SCM_RIGHTS message
 * in oob carried close-on-exec; a malformed message is skipped, as Go
 * skips it.
 */
void
net_setReadMsgCloseOnExec(const void *oob, size_t len)
{
	syscall_SocketControlMessage *scms;
	int			     *fds;
	size_t			      i, j, nscms, nfds;

	if (syscall_ParseSocketControlMessage(oob, len, &scms, &nscms) != 0)
		return;
	for (i = 0; i < nscms; i++) {
		if (scms[i].Header.Level != SOL_SOCKET ||
		    scms[i].Header.Type != SCM_RIGHTS)
			continue;
		if (syscall_ParseUnixRights(&scms[i], &fds, &nfds) != 0)
			continue;
		for (j = 0; j < nfds; j++)
			syscall_CloseOnExec(fds[j]);
		free(fds);
	}
	free(scms);
}
