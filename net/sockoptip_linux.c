/* C port of go1.19 src/net/sockoptip_linux.go (built on: linux) */
#include <netinet/in.h>

#include <string.h>

#include "net/net_impl.h"

/*
 * net_setIPv4MulticastInterface names the interface multicast leaves by
 * index (struct ip_mreqn), which Linux accepts where BSD wants an address.
 * A NULL ifi is index 0, the kernel's choice.
 */
runtime_error *
net_setIPv4MulticastInterface(net_netFD *fd, const net_Interface *ifi)
{
	struct ip_mreqn mreq;

	memset(&mreq, 0, sizeof(mreq));
	if (ifi != NULL)
		mreq.imr_ifindex = ifi->Index;
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockopt(
		fd, IPPROTO_IP, IP_MULTICAST_IF, &mreq, sizeof(mreq)));
}

runtime_error *
net_setIPv4MulticastLoopback(net_netFD *fd, bool v)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(
		fd, IPPROTO_IP, IP_MULTICAST_LOOP, net_boolint(v)));
}
