/*
 * C port of go1.19 src/net/listen_test.go (built on: !js && !plan9).
 *
 * Adaptations:
 *  - checkFirstListener reads fd.family, the family of the socket behind
 *    the listener; here the kernel is asked (SO_DOMAIN of the process's
 *    socket bound to the listener's port, see listenerFamily).
 *  - TestIPv4MulticastListener and TestIPv6MulticastListener join groups
 *    on loopbackInterface(), as Go's do, but inside a private network
 *    namespace whose only interface is loopback (with default routes
 *    through it), so that runs in parallel never share the fixed group
 *    port 12345 and no IGMP or MLD report can leave the machine.  They
 *    need root (unshare), as Go's IPv6 test already does.  Go runs the
 *    nil-interface rows only with -ipv6 (IPv6) or never (IPv4); the
 *    namespace's default IPv6 route is what -ipv6 assumes, so the IPv6
 *    nil rows always run here.  multicastRIBContains reads /proc/net/igmp
 *    and /proc/net/igmp6, as Go's Interface.MulticastAddrs does.
 *  - TestWildWildcardListener's ListenIP row needs a raw socket
 *    (CAP_NET_RAW); Go ignores its error, and so does the port, but it logs
 *    why the row did not listen, so a run without privilege says so.
 */
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <net/if.h>
#include <net/route.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/interface_test.h"
#include "tests/mockserver.h"

static const struct {
	const char *network;
	const char *address;
} tcpListenerTests[] = {
	{ "tcp", "" },
	{ "tcp", "0.0.0.0" },
	{ "tcp", "::ffff:0.0.0.0" },
	{ "tcp", "::" },

	{ "tcp", "127.0.0.1" },
	{ "tcp", "::ffff:127.0.0.1" },
	{ "tcp", "::1" },

	{ "tcp4", "" },
	{ "tcp4", "0.0.0.0" },
	{ "tcp4", "::ffff:0.0.0.0" },

	{ "tcp4", "127.0.0.1" },
	{ "tcp4", "::ffff:127.0.0.1" },

	{ "tcp6", "" },
	{ "tcp6", "::" },

	{ "tcp6", "::1" },
};

/* addrFamily is TCPAddr.family / UDPAddr.family for ip. */
static int
addrFamily(net_IP ip)
{
	if (ip.len <= net_IPv4len || net_IP_To4(ip).len != 0)
		return AF_INET;
	return AF_INET6;
}

static char *
checkDualStackAddrFamily(const net_Addr *laddr, int family)
{
	const char *what;
	net_IP	    ip;
	bool	    wildcard;
	int	    want;

	if (laddr->type == &net_TCPAddrType) {
		ip = ((const net_TCPAddr *)laddr)->IP;
		what = "Listen";
	} else if (laddr->type == &net_UDPAddrType) {
		ip = ((const net_UDPAddr *)laddr)->IP;
		what = "ListenPacket";
	} else
		return tStr(strdup("unexpected protocol address type"));
	wildcard = ip.len == 0 || net_IP_IsUnspecified(ip);
	/*
	 * A node with IPv6 and IPv4-mapping support listens on a wildcard
	 * address with an AF_INET6 socket.
	 */
	if (supportsIPv4map() && wildcard)
		want = AF_INET6;
	else
		want = addrFamily(ip);
	if (family != want) {
		char *s;

		if (asprintf(&s, "%s(%s, %s) returns %d; want %d", what,
			net_Addr_Network(laddr), addrString(laddr), family,
			want) < 0)
			s = NULL;
		return tStr(s);
	}
	return NULL;
}

/* checkFirstListener takes a Listener (tcp*) or a PacketConn (udp*). */
static char *
checkFirstListener(const char *network, void *ln)
{
	const net_Addr *laddr;
	char	       *s;
	int		family, want;

	if (strncmp(network, "tcp", 3) == 0) {
		laddr = net_Listener_Addr(ln);
		family = listenerFamily(ln);
	} else if (strncmp(network, "udp", 3) == 0) {
		laddr = net_PacketConn_LocalAddr(ln);
		family = packetConnFamily(ln);
	} else
		return tErrStr(net_newUnknownNetworkError(network));
	if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0)
		return checkDualStackAddrFamily(laddr, family);
	want = network[3] == '4' ? AF_INET : AF_INET6;
	if (family != want) {
		if (asprintf(&s, "%s got %d; want %d", addrString(laddr),
			family, want) < 0)
			s = NULL;
		return tStr(s);
	}
	return NULL;
}

static char *
checkSecondListener(const char *network, const char *address,
    runtime_error *err)
{
	char *s;

	if (strncmp(network, "tcp", 3) != 0 && strncmp(network, "udp", 3) != 0)
		return tStr(strdup("unknown network"));
	if (err == NULL) {
		if (asprintf(&s, "%s %s should fail", network, address) < 0)
			s = NULL;
		return tStr(s);
	}
	return NULL;
}

static char *
checkDualStackSecondListener(const char *network, const char *address,
    runtime_error *err, syscall_Errno xerr)
{
	char *s;

	if (strncmp(network, "tcp", 3) != 0 && strncmp(network, "udp", 3) != 0)
		return tStr(strdup("unknown network"));
	if ((xerr == 0 && err != NULL) || (xerr != 0 && err == NULL)) {
		if (asprintf(&s, "%s %s got %s; want %s", network, address,
			runtime_error_Error(err),
			xerr == 0 ? "<nil>" : syscall_Errno_Error(xerr)) < 0)
			s = NULL;
		return tStr(s);
	}
	return NULL;
}

/*
 * TestTCPListener tests both single and double listen to a test listener
 * with same address family, same listening address and same port.
 */
START_TEST(TestTCPListener)
{
	const char     *network, *address;
	net_Listener   *ln1, *ln2;
	runtime_error  *err;
	char	       *perr;

	network = tcpListenerTests[_i].network;
	address = tcpListenerTests[_i].address;
	if (!testableListenArgs(network, joinHostPort(address, "0"), "")) {
		tSkipf("skipping %s %s test", network, address);
		return;
	}

	err = net_Listen(network, joinHostPort(address, "0"), &ln1);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferListener(ln1);
	if ((perr = checkFirstListener(network, ln1)) != NULL)
		tFatalf("%s", perr);
	err = net_Listen(network,
	    joinHostPort(address, portOf(net_Listener_Addr(ln1))), &ln2);
	if (err == NULL)
		net_Listener_Free(ln2);
	if ((perr = checkSecondListener(network, address, err)) != NULL)
		tFatalf("%s", perr);
	runtime_error_Free(err);
	tDone();
}
END_TEST

static const struct {
	const char *network;
	const char *address;
} udpListenerTests[] = {
	{ "udp", "" },
	{ "udp", "0.0.0.0" },
	{ "udp", "::ffff:0.0.0.0" },
	{ "udp", "::" },

	{ "udp", "127.0.0.1" },
	{ "udp", "::ffff:127.0.0.1" },
	{ "udp", "::1" },

	{ "udp4", "" },
	{ "udp4", "0.0.0.0" },
	{ "udp4", "::ffff:0.0.0.0" },

	{ "udp4", "127.0.0.1" },
	{ "udp4", "::ffff:127.0.0.1" },

	{ "udp6", "" },
	{ "udp6", "::" },

	{ "udp6", "::1" },
};

/*
 * TestUDPListener tests both single and double listen to a test listener
 * with same address family, same listening address and same port.
 */
START_TEST(TestUDPListener)
{
	const char     *network, *address;
	net_PacketConn *c1, *c2;
	runtime_error  *err;
	char	       *perr;

	network = udpListenerTests[_i].network;
	address = udpListenerTests[_i].address;
	if (!testableListenArgs(network, joinHostPort(address, "0"), "")) {
		tSkipf("skipping %s %s test", network, address);
		return;
	}

	err = net_ListenPacket(network, joinHostPort(address, "0"), &c1);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferPacketConn(c1);
	if ((perr = checkFirstListener(network, c1)) != NULL)
		tFatalf("%s", perr);
	err = net_ListenPacket(network,
	    joinHostPort(address, portOf(net_PacketConn_LocalAddr(c1))), &c2);
	if (err == NULL)
		net_PacketConn_Free(c2);
	if ((perr = checkSecondListener(network, address, err)) != NULL)
		tFatalf("%s", perr);
	runtime_error_Free(err);
	tDone();
}
END_TEST

/*
 * The expected results of a second listen on the same port, on Linux
 * (net.ipv6.bindv6only=0): Go's comment table has them for every kernel.
 */
static const struct {
	const char   *network1, *address1; /* first listener */
	const char   *network2, *address2; /* second listener */
	syscall_Errno xerr;		   /* expected error value, 0 or other */
} dualStackTCPListenerTests[] = {
	{ "tcp", "", "tcp", "", EADDRINUSE },
	{ "tcp", "", "tcp", "0.0.0.0", EADDRINUSE },
	{ "tcp", "0.0.0.0", "tcp", "", EADDRINUSE },

	{ "tcp", "", "tcp", "::", EADDRINUSE },
	{ "tcp", "::", "tcp", "", EADDRINUSE },
	{ "tcp", "0.0.0.0", "tcp", "::", EADDRINUSE },
	{ "tcp", "::", "tcp", "0.0.0.0", EADDRINUSE },
	{ "tcp", "::ffff:0.0.0.0", "tcp", "::", EADDRINUSE },
	{ "tcp", "::", "tcp", "::ffff:0.0.0.0", EADDRINUSE },

	{ "tcp4", "", "tcp6", "", 0 },
	{ "tcp6", "", "tcp4", "", 0 },
	{ "tcp4", "0.0.0.0", "tcp6", "::", 0 },
	{ "tcp6", "::", "tcp4", "0.0.0.0", 0 },

	{ "tcp", "127.0.0.1", "tcp", "::1", 0 },
	{ "tcp", "::1", "tcp", "127.0.0.1", 0 },
	{ "tcp4", "127.0.0.1", "tcp6", "::1", 0 },
	{ "tcp6", "::1", "tcp4", "127.0.0.1", 0 },
};

static bool
differentWildcardAddr(const char *i, const char *j)
{
	bool iw, jw;

	iw = strcmp(i, "") == 0 || strcmp(i, "0.0.0.0") == 0 ||
	    strcmp(i, "::ffff:0.0.0.0") == 0;
	jw = strcmp(j, "") == 0 || strcmp(j, "0.0.0.0") == 0 ||
	    strcmp(j, "::ffff:0.0.0.0") == 0;
	if (iw && jw)
		return false;
	if (strcmp(i, "[::]") == 0 && strcmp(j, "[::]") == 0)
		return false;
	return true;
}

/*
 * TestDualStackTCPListener tests both single and double listen to a test
 * listener with various address families, different listening address and
 * same port.
 */
START_TEST(TestDualStackTCPListener)
{
	net_TCPListener *lns[2];
	net_Listener	*ln1, *ln2;
	runtime_error	*err, *firstErr;
	char		*secondErr, *perr;
	const char	*port;
	syscall_Errno	 xerr;
	int		 i, k;

	if (!supportsIPv4() || !supportsIPv6()) {
		tSkipf("both IPv4 and IPv6 are required");
		return;
	}
	k = _i;
	if (!testableListenArgs(dualStackTCPListenerTests[k].network1,
		joinHostPort(dualStackTCPListenerTests[k].address1, "0"), "")) {
		tSkipf("skipping %s %s test",
		    dualStackTCPListenerTests[k].network1,
		    dualStackTCPListenerTests[k].address1);
		return;
	}

	xerr = dualStackTCPListenerTests[k].xerr;
	if (!supportsIPv4map() &&
	    differentWildcardAddr(dualStackTCPListenerTests[k].address1,
		dualStackTCPListenerTests[k].address2))
		xerr = 0;
	firstErr = NULL;
	secondErr = NULL;
	for (i = 0; i < 5; i++) {
		err = newDualStackListener(lns);
		if (err != NULL)
			tFatalf("%s", tErrStr(err));
		port = portOf(net_TCPListener_Addr(lns[0]));
		net_TCPListener_Free(lns[0]);
		net_TCPListener_Free(lns[1]);
		runtime_error_Free(firstErr);
		firstErr = net_Listen(dualStackTCPListenerTests[k].network1,
		    joinHostPort(dualStackTCPListenerTests[k].address1, port),
		    &ln1);
		if (firstErr != NULL)
			continue;
		if ((perr = checkFirstListener(
			 dualStackTCPListenerTests[k].network1, ln1)) != NULL) {
			net_Listener_Free(ln1);
			tFatalf("%s", perr);
		}
		err = net_Listen(dualStackTCPListenerTests[k].network2,
		    joinHostPort(dualStackTCPListenerTests[k].address2,
			portOf(net_Listener_Addr(ln1))),
		    &ln2);
		if (err == NULL)
			net_Listener_Free(ln2);
		secondErr = checkDualStackSecondListener(
		    dualStackTCPListenerTests[k].network2,
		    dualStackTCPListenerTests[k].address2, err, xerr);
		runtime_error_Free(err);
		net_Listener_Free(ln1);
		if (secondErr != NULL)
			continue;
		break;
	}
	if (firstErr != NULL)
		tErrorf("%s", tErrStr(firstErr));
	if (secondErr != NULL)
		tErrorf("%s", secondErr);
	tDone();
}
END_TEST

static const struct {
	const char   *network1, *address1; /* first listener */
	const char   *network2, *address2; /* second listener */
	syscall_Errno xerr;		   /* expected error value, 0 or other */
} dualStackUDPListenerTests[] = {
	{ "udp", "", "udp", "", EADDRINUSE },
	{ "udp", "", "udp", "0.0.0.0", EADDRINUSE },
	{ "udp", "0.0.0.0", "udp", "", EADDRINUSE },

	{ "udp", "", "udp", "::", EADDRINUSE },
	{ "udp", "::", "udp", "", EADDRINUSE },
	{ "udp", "0.0.0.0", "udp", "::", EADDRINUSE },
	{ "udp", "::", "udp", "0.0.0.0", EADDRINUSE },
	{ "udp", "::ffff:0.0.0.0", "udp", "::", EADDRINUSE },
	{ "udp", "::", "udp", "::ffff:0.0.0.0", EADDRINUSE },

	{ "udp4", "", "udp6", "", 0 },
	{ "udp6", "", "udp4", "", 0 },
	{ "udp4", "0.0.0.0", "udp6", "::", 0 },
	{ "udp6", "::", "udp4", "0.0.0.0", 0 },

	{ "udp", "127.0.0.1", "udp", "::1", 0 },
	{ "udp", "::1", "udp", "127.0.0.1", 0 },
	{ "udp4", "127.0.0.1", "udp6", "::1", 0 },
	{ "udp6", "::1", "udp4", "127.0.0.1", 0 },
};

START_TEST(TestDualStackUDPListener)
{
	net_UDPConn    *cs[2];
	net_PacketConn *c1, *c2;
	runtime_error  *err, *firstErr;
	char	       *secondErr, *perr;
	const char     *port;
	syscall_Errno	xerr;
	int		i, k;

	if (!supportsIPv4() || !supportsIPv6()) {
		tSkipf("both IPv4 and IPv6 are required");
		return;
	}
	k = _i;
	if (!testableListenArgs(dualStackUDPListenerTests[k].network1,
		joinHostPort(dualStackUDPListenerTests[k].address1, "0"), "")) {
		tSkipf("skipping %s %s test",
		    dualStackUDPListenerTests[k].network1,
		    dualStackUDPListenerTests[k].address1);
		return;
	}

	xerr = dualStackUDPListenerTests[k].xerr;
	if (!supportsIPv4map() &&
	    differentWildcardAddr(dualStackUDPListenerTests[k].address1,
		dualStackUDPListenerTests[k].address2))
		xerr = 0;
	firstErr = NULL;
	secondErr = NULL;
	for (i = 0; i < 5; i++) {
		err = newDualStackPacketListener(cs);
		if (err != NULL)
			tFatalf("%s", tErrStr(err));
		port = portOf(net_UDPConn_LocalAddr(cs[0]));
		net_UDPConn_Free(cs[0]);
		net_UDPConn_Free(cs[1]);
		runtime_error_Free(firstErr);
		firstErr = net_ListenPacket(
		    dualStackUDPListenerTests[k].network1,
		    joinHostPort(dualStackUDPListenerTests[k].address1, port),
		    &c1);
		if (firstErr != NULL)
			continue;
		if ((perr = checkFirstListener(
			 dualStackUDPListenerTests[k].network1, c1)) != NULL) {
			net_PacketConn_Free(c1);
			tFatalf("%s", perr);
		}
		err = net_ListenPacket(dualStackUDPListenerTests[k].network2,
		    joinHostPort(dualStackUDPListenerTests[k].address2,
			portOf(net_PacketConn_LocalAddr(c1))),
		    &c2);
		if (err == NULL)
			net_PacketConn_Free(c2);
		secondErr = checkDualStackSecondListener(
		    dualStackUDPListenerTests[k].network2,
		    dualStackUDPListenerTests[k].address2, err, xerr);
		runtime_error_Free(err);
		net_PacketConn_Free(c1);
		if (secondErr != NULL)
			continue;
		break;
	}
	if (firstErr != NULL)
		tErrorf("%s", tErrStr(firstErr));
	if (secondErr != NULL)
		tErrorf("%s", secondErr);
	tDone();
}
END_TEST

START_TEST(TestWildWildcardListener)
{
	net_Listener	*ln;
	net_PacketConn	*pc;
	net_TCPListener *tl;
	net_UDPConn	*uc;
	net_IPConn	*ic;
	runtime_error	*err;

	if (mustHaveExternalNetwork())
		return;
	/* Go recovers from a panic here; a crash fails the C test. */
	if ((err = net_Listen("tcp", "", &ln)) == NULL) {
		runtime_error_Free(net_Listener_Close(ln));
		net_Listener_Free(ln);
	}
	runtime_error_Free(err);
	if ((err = net_ListenPacket("udp", "", &pc)) == NULL) {
		runtime_error_Free(net_PacketConn_Close(pc));
		net_PacketConn_Free(pc);
	}
	runtime_error_Free(err);
	if ((err = net_ListenTCP("tcp", NULL, &tl)) == NULL) {
		runtime_error_Free(net_TCPListener_Close(tl));
		net_TCPListener_Free(tl);
	}
	runtime_error_Free(err);
	if ((err = net_ListenUDP("udp", NULL, &uc)) == NULL) {
		runtime_error_Free(net_UDPConn_Close(uc));
		net_UDPConn_Free(uc);
	}
	runtime_error_Free(err);
	if ((err = net_ListenIP("ip:icmp", NULL, &ic)) == NULL) {
		runtime_error_Free(net_IPConn_Close(ic));
		net_IPConn_Free(ic);
	} else if (samePlatformError(err, EPERM) ||
	    samePlatformError(err, EACCES))
		tLogf("ListenIP(\"ip:icmp\", nil) not permitted (needs "
		      "CAP_NET_RAW): %s",
		    runtime_error_Error(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

/*
 * loopbackOnlyNetwork moves this (forked) test process into a new network
 * namespace with lo up and default IPv4 and IPv6 routes through it, the
 * environment in which a nil-interface multicast join stays on loopback.
 * It returns a reason when that is not possible.
 */
static const char *
loopbackOnlyNetwork(void)
{
	struct ifreq	 ifr;
	struct rtentry	 rt;
	struct in6_rtmsg rt6;
	const char	*fork;
	int		 s, s6;

	fork = getenv("CK_FORK");
	if (fork != NULL && strcmp(fork, "no") == 0)
		return "CK_FORK=no: unshare would move the whole runner";
	if (unshare(CLONE_NEWNET) != 0)
		return "unshare(CLONE_NEWNET) failed (must be root)";
	s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return "socket failed";
	memset(&ifr, 0, sizeof(ifr));
	strcpy(ifr.ifr_name, "lo");
	if (ioctl(s, SIOCGIFFLAGS, &ifr) != 0)
		goto fail;
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) != 0)
		goto fail;
	memset(&rt, 0, sizeof(rt));
	((struct sockaddr_in *)&rt.rt_dst)->sin_family = AF_INET;
	((struct sockaddr_in *)&rt.rt_genmask)->sin_family = AF_INET;
	((struct sockaddr_in *)&rt.rt_gateway)->sin_family = AF_INET;
	rt.rt_flags = RTF_UP;
	rt.rt_dev = "lo";
	if (ioctl(s, SIOCADDRT, &rt) != 0)
		goto fail;
	close(s);
	s6 = socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s6 >= 0) {
		memset(&rt6, 0, sizeof(rt6));
		rt6.rtmsg_flags = RTF_UP;
		rt6.rtmsg_metric = 1;
		rt6.rtmsg_ifindex = (int)if_nametoindex("lo");
		if (ioctl(s6, SIOCADDRT, &rt6) != 0) {
			close(s6);
			return "cannot route IPv6 through lo";
		}
		close(s6);
	}
	return NULL;
fail:
	close(s);
	return "cannot bring up lo or route through it";
}

/* multicastRIBContains looks for ip among the kernel's joined groups. */
static bool
multicastRIBContains(net_IP ip)
{
	char  want[40], line[512];
	FILE *f;
	bool  found;
	int   i;

	if (net_IP_To4(ip).len != 0) {
		net_IP v4 = net_IP_To4(ip);

		/* /proc/net/igmp prints the group as a host-order word. */
		snprintf(want, sizeof(want), "%02X%02X%02X%02X", v4.b[3],
		    v4.b[2], v4.b[1], v4.b[0]);
		f = fopen("/proc/net/igmp", "r");
	} else {
		for (i = 0; i < 16; i++)
			snprintf(want + 2 * i, 3, "%02x", ip.b[i]);
		f = fopen("/proc/net/igmp6", "r");
	}
	if (f == NULL)
		return false;
	found = false;
	while (!found && fgets(line, sizeof(line), f) != NULL)
		found = strstr(line, want) != NULL;
	fclose(f);
	return found;
}

static char *
checkMulticastListener(net_UDPConn *c, net_IP ip)
{
	const net_UDPAddr *la;
	char		  *s;

	if (!multicastRIBContains(ip)) {
		if (asprintf(&s, "%s not found in multicast rib",
			tStr(net_IP_String(ip))) < 0)
			s = NULL;
		return tStr(s);
	}
	la = (const net_UDPAddr *)net_UDPConn_LocalAddr(c);
	if (la == NULL || la->addr.type != &net_UDPAddrType || la->Port == 0) {
		if (asprintf(&s, "got %s; want a proper address with non-zero "
				 "port number",
			addrString(&la->addr)) < 0)
			s = NULL;
		return tStr(s);
	}
	return NULL;
}

/* The group, by text: ParseIP in a static table needs a constructor. */
static const struct {
	const char *net;
	const char *gaddr; /* see RFC 4727 */
	int	    port;
} ipv4MulticastListenerTests[] = {
	{ "udp", "224.0.0.254", 12345 },

	{ "udp4", "224.0.0.254", 12345 },
};

static void
multicastListener(
    const net_Interface *ifi, const char *net, const char *group, int port)
{
	net_UDPConn   *cs[2] = { NULL, NULL };
	net_UDPAddr    gaddr;
	runtime_error *err;
	char	      *perr;
	int	       i;

	memset(&gaddr, 0, sizeof(gaddr));
	gaddr.IP = net_ParseIP(group);
	gaddr.Port = port;
	for (i = 0; i < 2; i++) {
		err = net_ListenMulticastUDP(net, ifi, &gaddr, &cs[i]);
		if (err != NULL) {
			tErrorf("%s", tErrStr(err));
			break;
		}
		if ((perr = checkMulticastListener(cs[i], gaddr.IP)) != NULL) {
			tErrorf("%s", perr);
			break;
		}
	}
	for (i = 0; i < 2; i++)
		if (cs[i] != NULL)
			net_UDPConn_Free(cs[i]);
}

/*
 * TestIPv4MulticastListener tests both single and double listen to a test
 * listener with same address family, same group address and same port.
 */
START_TEST(TestIPv4MulticastListener)
{
	net_Interface *ifi;
	const char    *why;

	if (mustHaveExternalNetwork())
		return;
	if (!supportsIPv4()) {
		tSkipf("IPv4 is not supported");
		return;
	}
	if ((why = loopbackOnlyNetwork()) != NULL) {
		tSkipf("%s", why);
		return;
	}
	/* Go skips the nil interface here, whatever its flags. */
	ifi = loopbackInterface();
	tDeferFree(free, ifi);
	if (ifi != NULL)
		multicastListener(ifi, ipv4MulticastListenerTests[_i].net,
		    ipv4MulticastListenerTests[_i].gaddr,
		    ipv4MulticastListenerTests[_i].port);
	tDone();
}
END_TEST

static const struct {
	const char *net;
	const char *gaddr; /* see RFC 4727 */
	int	    port;
} ipv6MulticastListenerTests[] = {
	{ "udp", "ff01::114", 12345 },
	{ "udp", "ff02::114", 12345 },
	{ "udp", "ff04::114", 12345 },
	{ "udp", "ff05::114", 12345 },
	{ "udp", "ff08::114", 12345 },
	{ "udp", "ff0e::114", 12345 },

	{ "udp6", "ff01::114", 12345 },
	{ "udp6", "ff02::114", 12345 },
	{ "udp6", "ff04::114", 12345 },
	{ "udp6", "ff05::114", 12345 },
	{ "udp6", "ff08::114", 12345 },
	{ "udp6", "ff0e::114", 12345 },
};

START_TEST(TestIPv6MulticastListener)
{
	net_Interface *ifi;
	const char    *why;

	if (mustHaveExternalNetwork())
		return;
	if (!supportsIPv6()) {
		tSkipf("IPv6 is not supported");
		return;
	}
	if (getuid() != 0) {
		tSkipf("must be root");
		return;
	}
	if ((why = loopbackOnlyNetwork()) != NULL) {
		tSkipf("%s", why);
		return;
	}
	ifi = loopbackInterface();
	tDeferFree(free, ifi);
	if (ifi != NULL)
		multicastListener(ifi, ipv6MulticastListenerTests[_i].net,
		    ipv6MulticastListenerTests[_i].gaddr,
		    ipv6MulticastListenerTests[_i].port);
	multicastListener(NULL, ipv6MulticastListenerTests[_i].net,
	    ipv6MulticastListenerTests[_i].gaddr,
	    ipv6MulticastListenerTests[_i].port);
	tDone();
}
END_TEST

static void *
closingListenerAccept(void *arg)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;

	ln = arg;
	for (;;) {
		err = net_Listener_Accept(ln, &c);
		if (err != NULL) {
			runtime_error_Free(err);
			return NULL;
		}
		net_Conn_Free(c);
	}
}

/* Go issue 21856. */
START_TEST(TestClosingListener)
{
	net_Listener  *ln, *ln2;
	runtime_error *err;
	const char    *addr;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	addr = addrString(net_Listener_Addr(ln));

	goStart(closingListenerAccept, ln);

	/*
	 * Let the thread start.  We don't sleep long: if it has not started,
	 * the test passes without testing anything, which is OK.
	 */
	time_Sleep(time_Millisecond);

	runtime_error_Free(net_Listener_Close(ln));

	err = net_Listen("tcp", addr, &ln2);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	net_Listener_Free(ln2);
	tDone();
}
END_TEST

/* TestListenConfigControl's two subtests, one network per iteration. */
static const char *const listenConfigControlStreamNetworks[] = { "tcp",
	"tcp4", "tcp6", "unix", "unixpacket" };
static const char *const listenConfigControlPacketNetworks[] = { "udp",
	"udp4", "udp6", "unixgram" };

START_TEST(TestListenConfigControl)
{
	net_ListenConfig lc = { 0 };
	const char	*network;
	net_Listener	*ln;
	net_PacketConn	*c;
	int		 i;

	lc.Control = controlOnConnSetup;
	i = _i;
	if (i < (int)nelem(listenConfigControlStreamNetworks)) {
		/* StreamListen */
		network = listenConfigControlStreamNetworks[i];
		if (!testableNetwork(network)) {
			tDone();
			return;
		}
		ln = newLocalListener(network, &lc);
		deferListener(ln);
	} else {
		/* PacketListen */
		network = listenConfigControlPacketNetworks[i -
		    nelem(listenConfigControlStreamNetworks)];
		if (!testableNetwork(network)) {
			tDone();
			return;
		}
		c = newLocalPacketListener(network, &lc);
		deferPacketConn(c);
	}
	tDone();
}
END_TEST

/*
 * testPollerStartEMFILE has no Go namesake.  Go's poller exists before
 * user code runs; gonet's starts with the first socket and needs two
 * descriptors (epoll and eventfd), so a process at its descriptor limit
 * meets the limit there.  The failure must come back as Go's error for a
 * socket call that found no descriptor, and the next call, once
 * descriptors are free, must succeed: a failed start is not remembered.
 * The texts are what Go 1.19 printed for a socket() failing with EMFILE
 * (tests/testdata/emfile_go119.go).  Check forks each test, so the child
 * begins with no poller; with CK_FORK=no the test cannot run and skips.
 */
static const struct {
	bool dial;
	int  free; /* descriptors left free below the limit */
} pollerStartEMFILETests[] = {
	{ false, 0 },
	{ false, 1 },
	{ false, 2 },
	{ true, 0 },
	{ true, 1 },
	{ true, 2 },
};

/* pollerRunning reports whether this process holds an epoll instance. */
static bool
pollerRunning(void)
{
	char	path[64], target[64];
	ssize_t n;
	int	fd;

	for (fd = 0; fd < 1024; fd++) {
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
		n = readlink(path, target, sizeof(target) - 1);
		if (n < 0)
			continue;
		target[n] = '\0';
		if (strcmp(target, "anon_inode:[eventpoll]") == 0)
			return true;
	}
	return false;
}

/*
 * limitFree lowers the soft RLIMIT_NOFILE to the number of the free+1'th
 * unused descriptor, so that exactly free descriptors can still be opened.
 */
static void
limitFree(struct rlimit old, int free)
{
	struct rlimit rl = old;
	int	      fd, n;

	n = 0;
	for (fd = 0; fd < 1024; fd++) {
		if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
			continue;
		if (n++ == free)
			break;
	}
	rl.rlim_cur = (rlim_t)fd;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
}

/* pollerStartOp is the Listen or Dial under test; it frees what it made. */
static runtime_error *
pollerStartOp(bool dial, const char *addr)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;

	if (dial) {
		if ((err = net_Dial("tcp", addr, &c)) == NULL) {
			runtime_error_Free(net_Conn_Close(c));
			net_Conn_Free(c);
		}
		return err;
	}
	if ((err = net_Listen("tcp", addr, &ln)) == NULL) {
		runtime_error_Free(net_Listener_Close(ln));
		net_Listener_Free(ln);
	}
	return err;
}

START_TEST(testPollerStartEMFILE)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t	   len = sizeof(sin);
	struct rlimit	   old;
	runtime_error	  *err;
	const char	  *addr, *want;
	bool		   dial;
	int		   s;

	if (pollerRunning()) {
		tSkipf("the poller already runs in this process (CK_FORK=no?)");
		return;
	}
	dial = pollerStartEMFILETests[_i].dial;
	/* A plain socket to dial, so that gonet's poller stays unstarted. */
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	ck_assert_int_eq(bind(s, (struct sockaddr *)&sin, sizeof(sin)), 0);
	ck_assert_int_eq(listen(s, 8), 0);
	ck_assert_int_eq(getsockname(s, (struct sockaddr *)&sin, &len), 0);
	addr = "127.0.0.1:0";
	want = "listen tcp 127.0.0.1:0: socket: too many open files";
	if (dial) {
		addr = tStr(
		    runtime_sprintf("127.0.0.1:%d", (int)ntohs(sin.sin_port)));
		want = tStr(runtime_concatstrings("dial tcp ", addr,
		    ": socket: too many open files", (char *)NULL));
	}
	/*
	 * The IP stack probe and the backlog are read once per process and
	 * need descriptors of their own: take them now, while there are some.
	 */
	(void)net_supportsIPv4();
	(void)net_listenerBacklog();

	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &old), 0);
	limitFree(old, pollerStartEMFILETests[_i].free);
	err = pollerStartOp(dial, addr);
	if (pollerStartEMFILETests[_i].free < 2 && pollerRunning())
		tErrorf("the poller runs after a start that failed");
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &old), 0);
	if (err == NULL || strcmp(tErrStr(err), want) != 0)
		tErrorf("with %d descriptors free: %s, want %s",
		    pollerStartEMFILETests[_i].free,
		    err == NULL ? "<nil>" : tErrStr(err), want);
	if ((err = pollerStartOp(dial, addr)) != NULL)
		tErrorf("after raising the limit: %s", tErrStr(err));
	if (!pollerRunning())
		tErrorf("the poller does not run after a successful %s",
		    dial ? "Dial" : "Listen");
	close(s);
	tDone();
}
END_TEST

Suite *
listen_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("listen");
	tc = newNetTCase("listener", 30);
	tcase_add_loop_test(tc, TestTCPListener, 0, nelem(tcpListenerTests));
	tcase_add_loop_test(tc, TestUDPListener, 0, nelem(udpListenerTests));
	tcase_add_loop_test(tc, TestDualStackTCPListener, 0,
	    nelem(dualStackTCPListenerTests));
	tcase_add_loop_test(tc, TestDualStackUDPListener, 0,
	    nelem(dualStackUDPListenerTests));
	tcase_add_test(tc, TestWildWildcardListener);
	suite_add_tcase(s, tc);

	tc = newNetTCase("multicast", 30);
	tcase_add_loop_test(tc, TestIPv4MulticastListener, 0,
	    nelem(ipv4MulticastListenerTests));
	tcase_add_loop_test(tc, TestIPv6MulticastListener, 0,
	    nelem(ipv6MulticastListenerTests));
	suite_add_tcase(s, tc);

	tc = newNetTCase("close and control", 30);
	tcase_add_test(tc, TestClosingListener);
	tcase_add_loop_test(tc, TestListenConfigControl, 0,
	    nelem(listenConfigControlStreamNetworks) +
		nelem(listenConfigControlPacketNetworks));
	suite_add_tcase(s, tc);

	tc = newNetTCase("poller start", 30);
	tcase_add_loop_test(
	    tc, testPollerStartEMFILE, 0, nelem(pollerStartEMFILETests));
	suite_add_tcase(s, tc);
	return s;
}
