/*
 * C port of go1.19 src/net/sockoptip_posix.go (built on: unix || windows;
 * gonet: unix).
 */
#include <netinet/in.h>

#include <string.h>

#include "net/net_impl.h"

/*
 * setIPv4MreqToInterface fills mreq's interface address from ifi's first
 * IPv4 address; NULL leaves the wildcard, the kernel's choice.  Go 1.19
 * then tests the group, not the interface, against 0.0.0.0, so an
 * interface without IPv4 passes with the wildcard; kept as Go has it.
 */
static runtime_error *
setIPv4MreqToInterface(struct ip_mreq *mreq, const net_Interface *ifi)
{
	runtime_error *err;
	net_IP	       a;

	if (ifi == NULL)
		return NULL;
	/* The bare errNoSuchInterface means ifi has no IPv4 address. */
	err = net_interfaceToIPv4Addr(ifi, &a);
	if (err != NULL && err != net_errNoSuchInterface)
		return err;
	if (err == NULL)
		memcpy(&mreq->imr_interface, net_IP_To4(a).b, 4);
	if (mreq->imr_multiaddr.s_addr == 0)
		return net_errNoSuchMulticastInterface;
	return NULL;
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
	int v;

	v = ifi != NULL ? ifi->Index : 0;
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

	memset(&mreq, 0, sizeof(mreq));
	memcpy(&mreq.ipv6mr_multiaddr, ip.b, ip.len < 16 ? ip.len : 16);
	if (ifi != NULL)
		mreq.ipv6mr_interface = (unsigned int)ifi->Index;
	return net_wrapSyscallError("setsockopt",
	    net_netFD_setsockopt(
		fd, IPPROTO_IPV6, IPV6_JOIN_GROUP, &mreq, sizeof(mreq)));
}
