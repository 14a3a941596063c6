/*
 * C port of go1.19 src/net/sockoptip_posix.go (built on: unix || windows;
 * gonet: unix).
 */
#include <netinet/in.h>

#include <string.h>

#include "net/net_impl.h"

/*
 * setIPv4MreqToInterface fills mreq's interface address from ifi's first
 * IPv4 address; NULL leaves the wildcard, the kernel's choice.  Until
 * interfaces arrive a non-NULL ifi fails with errNoSuchInterface.
 */
static runtime_error *
setIPv4MreqToInterface(struct ip_mreq *mreq, const net_Interface *ifi)
{
	if (ifi == NULL)
		return NULL;
	(void)mreq;
	return net_errNoSuchInterface;
}

/*
 * ifindex is ifi.Index; interfaces have not arrived, so only NULL (index
 * 0, any interface) is answered.
 */
static runtime_error *
ifindex(const net_Interface *ifi, int *v)
{
	*v = 0;
	if (ifi == NULL)
		return NULL;
	return net_errNoSuchInterface;
}

runtime_error *
net_joinIPv4Group(net_netFD *fd, const net_Interface *ifi, net_IP ip)
{
	struct ip_mreq mreq;
	runtime_error *err;

	memset(&mreq, 0, sizeof(mreq));
	memcpy(&mreq.imr_multiaddr, ip.b, 4);
	if ((err = setIPv4MreqToInterface(&mreq, ifi)) != NULL)
		return err;
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockopt(
		fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mreq, sizeof(mreq)));
}

runtime_error *
net_setIPv6MulticastInterface(net_netFD *fd, const net_Interface *ifi)
{
	runtime_error *err;
	int	       v;

	if ((err = ifindex(ifi, &v)) != NULL)
		return err;
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(fd, IPPROTO_IPV6, IPV6_MULTICAST_IF, v));
}

runtime_error *
net_setIPv6MulticastLoopback(net_netFD *fd, bool v)
{
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockoptInt(
		fd, IPPROTO_IPV6, IPV6_MULTICAST_LOOP, net_boolint(v)));
}

runtime_error *
net_joinIPv6Group(net_netFD *fd, const net_Interface *ifi, net_IP ip)
{
	struct ipv6_mreq mreq;
	runtime_error	*err;
	int		 v;

	memset(&mreq, 0, sizeof(mreq));
	memcpy(&mreq.ipv6mr_multiaddr, ip.b, ip.len < 16 ? ip.len : 16);
	if ((err = ifindex(ifi, &v)) != NULL)
		return err;
	mreq.ipv6mr_interface = (unsigned int)v;
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockopt(
		fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mreq, sizeof(mreq)));
}
