/*
 * C port of go1.19 src/net/tcpsockopt_posix.go (built on: unix ||
 * windows; gonet: unix).
 */
#include <netinet/in.h>
#include <netinet/tcp.h>

#include "net/net_impl.h"

runtime_error *
net_setNoDelay(net_netFD *fd, bool noDelay)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(
		fd, IPPROTO_TCP, TCP_NODELAY, net_boolint(noDelay)));
}
