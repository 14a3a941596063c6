/* C port of go1.19 src/net/interface_linux.go */
#include <sys/socket.h>

#include <linux/if.h>
#include <linux/if_addr.h>
#include <linux/if_link.h>
#include <linux/rtnetlink.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"
#include "syscall/netlink_linux.h"

/* The link types whose IFLA_ADDRESS is a tunnel endpoint, not a MAC. */
enum {
	sysARPHardwareIPv4IPv4 = 768,
	sysARPHardwareIPv6IPv6 = 769,
	sysARPHardwareIPv6IPv4 = 776,
	sysARPHardwareGREIPv4 = 778,
	sysARPHardwareGREIPv6 = 823,
};

/*
 * dumpRIB reads one rtnetlink table and splits it into messages; each
 * step's failure is wrapped in the SyscallError Go names it with.  *tab
 * and *msgs are the caller's to free.
 */
static runtime_error *
dumpRIB(int proto, uint8_t **tab, syscall_NetlinkMessage **msgs, size_t *n)
{
	syscall_Errno e;
	size_t	      tabn;

	*msgs = NULL;
	*n = 0;
	if ((e = syscall_NetlinkRIB(proto, AF_UNSPEC, tab, &tabn)) != 0)
		return os_NewSyscallError("netlinkrib", syscall_Errno_Err(e));
	if ((e = syscall_ParseNetlinkMessage(*tab, tabn, msgs, n)) != 0)
		return os_NewSyscallError(
		    "parsenetlinkmessage", syscall_Errno_Err(e));
	return NULL;
}

static net_Flags
linkFlags(uint32_t rawFlags)
{
	net_Flags f;

	f = 0;
	if (rawFlags & IFF_UP)
		f |= net_FlagUp;
	if (rawFlags & IFF_BROADCAST)
		f |= net_FlagBroadcast;
	if (rawFlags & IFF_LOOPBACK)
		f |= net_FlagLoopback;
	if (rawFlags & IFF_POINTOPOINT)
		f |= net_FlagPointToPoint;
	if (rawFlags & IFF_MULTICAST)
		f |= net_FlagMulticast;
	return f;
}

/* tunnelEndpoint says whether an IFLA_ADDRESS of n bytes is not a MAC. */
static bool
tunnelEndpoint(unsigned short type, size_t n)
{
	if (n == net_IPv4len)
		return type == sysARPHardwareIPv4IPv4 ||
		    type == sysARPHardwareGREIPv4 ||
		    type == sysARPHardwareIPv6IPv4;
	if (n == net_IPv6len)
		return type == sysARPHardwareIPv6IPv6 ||
		    type == sysARPHardwareGREIPv6;
	return false;
}

static void
linkHardwareAddr(net_Interface *ifi, const syscall_NetlinkRouteAttr *a)
{
	size_t i;

	for (i = 0; i < a->ValueLen; i++)
		if (a->Value[i] != 0)
			break;
	/* An all-zero address is no address; a longer one cannot be held. */
	if (i == a->ValueLen || a->ValueLen > sizeof(ifi->HardwareAddr.b))
		return;
	ifi->HardwareAddr.len = (uint8_t)a->ValueLen;
	memcpy(ifi->HardwareAddr.b, a->Value, a->ValueLen);
}

/* newLink appends the interface one RTM_NEWLINK message describes. */
static void
newLink(net_ifTable *t, const struct ifinfomsg *ifim,
    const syscall_NetlinkRouteAttr *attrs, size_t nattrs)
{
	net_Interface ifi;
	const char   *name;
	size_t	      i, namelen;
	uint32_t      mtu;

	memset(&ifi, 0, sizeof(ifi));
	ifi.Index = ifim->ifi_index;
	ifi.Flags = linkFlags(ifim->ifi_flags);
	name = "";
	namelen = 0;
	for (i = 0; i < nattrs; i++) {
		switch (attrs[i].Attr.Type) {
		case IFLA_ADDRESS:
			if (!tunnelEndpoint(ifim->ifi_type, attrs[i].ValueLen))
				linkHardwareAddr(&ifi, &attrs[i]);
			break;
		case IFLA_IFNAME:
			/* The kernel's name ends in a NUL that Go drops. */
			name = (const char *)attrs[i].Value;
			namelen =
			    attrs[i].ValueLen > 0 ? attrs[i].ValueLen - 1 : 0;
			break;
		case IFLA_MTU:
			if (attrs[i].ValueLen >= 4) {
				memcpy(&mtu, attrs[i].Value, 4);
				ifi.MTU = (int)mtu;
			}
			break;
		}
	}
	net_ifTable_append(t, &ifi, name, namelen);
}

/* linkMessage handles one message; *done says the walk is over. */
static runtime_error *
linkMessage(
    const syscall_NetlinkMessage *m, int ifindex, net_ifTable *t, bool *done)
{
	syscall_NetlinkRouteAttr *attrs;
	struct ifinfomsg	  ifim;
	syscall_Errno		  e;
	size_t			  nattrs;

	if (m->Header.Type == NLMSG_DONE) {
		*done = true;
		return NULL;
	}
	if (m->Header.Type != RTM_NEWLINK || m->DataLen < sizeof(ifim))
		return NULL;
	memcpy(&ifim, m->Data, sizeof(ifim));
	if (ifindex != 0 && ifindex != ifim.ifi_index)
		return NULL;
	if ((e = syscall_ParseNetlinkRouteAttr(m, &attrs, &nattrs)) != 0)
		return os_NewSyscallError(
		    "parsenetlinkrouteattr", syscall_Errno_Err(e));
	newLink(t, &ifim, attrs, nattrs);
	free(attrs);
	*done = ifindex == ifim.ifi_index;
	return NULL;
}

runtime_error *
net_interfaceTable(int ifindex, net_ifTable *t)
{
	syscall_NetlinkMessage *msgs;
	runtime_error	       *err;
	uint8_t		       *tab;
	size_t			i, n;
	bool			done;

	tab = NULL;
	err = dumpRIB(RTM_GETLINK, &tab, &msgs, &n);
	done = false;
	for (i = 0; err == NULL && i < n && !done; i++)
		err = linkMessage(&msgs[i], ifindex, t, &done);
	if (err != NULL)
		net_ifTable_free(t);
	free(msgs);
	free(tab);
	return err;
}

/*
 * newAddr appends the address one RTM_NEWADDR message carries.  On a
 * point-to-point link IFA_ADDRESS is the peer's, so IFA_LOCAL is used.
 */
static void
newAddr(net_ifAddrs *l, const struct ifaddrmsg *ifam,
    const syscall_NetlinkRouteAttr *attrs, size_t nattrs)
{
	const uint8_t *v;
	net_IP	       ip;
	bool	       ipPointToPoint;
	size_t	       i;

	ipPointToPoint = false;
	for (i = 0; i < nattrs; i++)
		if (attrs[i].Attr.Type == IFA_LOCAL)
			ipPointToPoint = true;
	for (i = 0; i < nattrs; i++) {
		if (ipPointToPoint && attrs[i].Attr.Type == IFA_ADDRESS)
			continue;
		v = attrs[i].Value;
		if (ifam->ifa_family == AF_INET && attrs[i].ValueLen >= 4) {
			net_ifAddrs_appendIPNet(l,
			    net_IPv4(v[0], v[1], v[2], v[3]),
			    net_CIDRMask(ifam->ifa_prefixlen, 8 * net_IPv4len));
			return;
		}
		if (ifam->ifa_family == AF_INET6) {
			memset(&ip, 0, sizeof(ip));
			ip.len = net_IPv6len;
			memcpy(ip.b, v,
			    attrs[i].ValueLen < 16 ? attrs[i].ValueLen : 16);
			net_ifAddrs_appendIPNet(l, ip,
			    net_CIDRMask(ifam->ifa_prefixlen, 8 * net_IPv6len));
			return;
		}
	}
}

/*
 * addrMessage handles one message of the address dump: with a table ift
 * every address is kept (after checking its interface exists), else only
 * those of ifi.
 */
static runtime_error *
addrMessage(const syscall_NetlinkMessage *m, const net_ifTable *ift,
    const net_Interface *ifi, net_ifAddrs *l, bool *done)
{
	syscall_NetlinkRouteAttr *attrs;
	struct ifaddrmsg	  ifam;
	runtime_error		 *err;
	syscall_Errno		  e;
	size_t			  nattrs;

	if (m->Header.Type == NLMSG_DONE) {
		*done = true;
		return NULL;
	}
	if (m->Header.Type != RTM_NEWADDR || m->DataLen < sizeof(ifam))
		return NULL;
	memcpy(&ifam, m->Data, sizeof(ifam));
	/* Go would dereference a nil ifi here; C cannot, so skip. */
	if (ift->n == 0 && (ifi == NULL || ifi->Index != (int)ifam.ifa_index))
		return NULL;
	if (ift->n != 0 &&
	    (err = net_interfaceByIndex(ift, (int)ifam.ifa_index, &ifi)) !=
		NULL)
		return err;
	if ((e = syscall_ParseNetlinkRouteAttr(m, &attrs, &nattrs)) != 0)
		return os_NewSyscallError(
		    "parsenetlinkrouteattr", syscall_Errno_Err(e));
	newAddr(l, &ifam, attrs, nattrs);
	free(attrs);
	return NULL;
}

runtime_error *
net_interfaceAddrTable(const net_Interface *ifi, net_ifAddrs *l)
{
	syscall_NetlinkMessage *msgs;
	net_ifTable		ift = { 0 };
	runtime_error	       *err;
	uint8_t		       *tab;
	size_t			i, n;
	bool			done;

	tab = NULL;
	err = dumpRIB(RTM_GETADDR, &tab, &msgs, &n);
	if (err == NULL && ifi == NULL)
		err = net_interfaceTable(0, &ift);
	done = false;
	for (i = 0; err == NULL && i < n && !done; i++)
		err = addrMessage(&msgs[i], &ift, ifi, l, &done);
	if (err != NULL)
		net_ifAddrs_free(l);
	net_ifTable_free(&ift);
	free(msgs);
	free(tab);
	return err;
}

runtime_error *
net_interfaceMulticastAddrTable(const net_Interface *ifi, net_ifAddrs *l)
{
	net_parseProcNetIGMP("/proc/net/igmp", ifi, l);
	net_parseProcNetIGMP6("/proc/net/igmp6", ifi, l);
	return NULL;
}

/*
 * hexBytes decodes the hex text f into b, keeping what xtoi2 made of a bad
 * pair as Go does; where Go would index past b, the rest is dropped.
 */
static void
hexBytes(net_string f, uint8_t *b, size_t max)
{
	size_t i;

	for (i = 0; i + 1 < f.n && i / 2 < max; i += 2)
		(void)net_xtoi2(f.p + i, 2, 0, &b[i / 2]);
}

static bool
sameName(net_string f, const char *name)
{
	return strlen(name) == f.n && memcmp(f.p, name, f.n) == 0;
}

/*
 * igmpLine reads one line of /proc/net/igmp: an interface line names the
 * interface (*name) its group lines below belong to; a group line holds
 * the group as a host-order hex word.
 */
static void
igmpLine(const char *s, size_t n, const net_Interface *ifi, char *name,
    size_t namecap, net_ifAddrs *l)
{
	net_string *f;
	uint8_t	    b[4];
	uint32_t    i;
	size_t	    nf;

	f = net_splitAtBytes(s, n, " :\r\t\n", &nf);
	if (nf < 4)
		goto out;
	if (s[0] != ' ' && s[0] != '\t') {
		snprintf(name, namecap, "%.*s", (int)f[1].n, f[1].p);
	} else if (f[0].n == 8 &&
	    (ifi == NULL || strcmp(name, ifi->Name) == 0)) {
		memset(b, 0, sizeof(b));
		hexBytes(f[0], b, sizeof(b));
		memcpy(&i, b, 4);
		net_ifAddrs_appendIPAddr(l,
		    net_IPv4((uint8_t)(i >> 24), (uint8_t)(i >> 16),
			(uint8_t)(i >> 8), (uint8_t)i));
	}
out:
	free(f);
}

void
net_parseProcNetIGMP(const char *path, const net_Interface *ifi, net_ifAddrs *l)
{
	net_file      *fd;
	runtime_error *err;
	char	      *s, name[256];
	size_t	       n;

	if ((err = net_open(path, &fd)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	name[0] = '\0';
	(void)net_file_readLine(fd, &s, &n); /* the column titles */
	while (net_file_readLine(fd, &s, &n))
		igmpLine(s, n, ifi, name, sizeof(name), l);
	net_file_close(fd);
}

void
net_parseProcNetIGMP6(
    const char *path, const net_Interface *ifi, net_ifAddrs *l)
{
	net_file      *fd;
	net_string    *f;
	runtime_error *err;
	net_IP	       ip;
	char	      *s;
	size_t	       n, nf;

	if ((err = net_open(path, &fd)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	while (net_file_readLine(fd, &s, &n)) {
		f = net_splitAtBytes(s, n, " \r\t\n", &nf);
		if (nf >= 6 && (ifi == NULL || sameName(f[1], ifi->Name))) {
			memset(&ip, 0, sizeof(ip));
			ip.len = net_IPv6len;
			hexBytes(f[2], ip.b, sizeof(ip.b));
			net_ifAddrs_appendIPAddr(l, ip);
		}
		free(f);
	}
	net_file_close(fd);
}
