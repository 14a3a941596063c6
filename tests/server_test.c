/*
 * C port of go1.19 src/net/server_test.go (built on: !js): concurrent
 * accept-read-write servers over every stream and packet network.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

static const struct {
	const char *snet, *saddr; /* server endpoint */
	const char *tnet, *taddr; /* target endpoint for client */
} tcpServerTests[] = {
	{ "tcp", ":0", "tcp", "127.0.0.1" },
	{ "tcp", "0.0.0.0:0", "tcp", "127.0.0.1" },
	{ "tcp", "[::ffff:0.0.0.0]:0", "tcp", "127.0.0.1" },
	{ "tcp", "[::]:0", "tcp", "::1" },

	{ "tcp", ":0", "tcp", "::1" },
	{ "tcp", "0.0.0.0:0", "tcp", "::1" },
	{ "tcp", "[::ffff:0.0.0.0]:0", "tcp", "::1" },
	{ "tcp", "[::]:0", "tcp", "127.0.0.1" },

	{ "tcp", ":0", "tcp4", "127.0.0.1" },
	{ "tcp", "0.0.0.0:0", "tcp4", "127.0.0.1" },
	{ "tcp", "[::ffff:0.0.0.0]:0", "tcp4", "127.0.0.1" },
	{ "tcp", "[::]:0", "tcp6", "::1" },

	{ "tcp", ":0", "tcp6", "::1" },
	{ "tcp", "0.0.0.0:0", "tcp6", "::1" },
	{ "tcp", "[::ffff:0.0.0.0]:0", "tcp6", "::1" },
	{ "tcp", "[::]:0", "tcp4", "127.0.0.1" },

	{ "tcp", "127.0.0.1:0", "tcp", "127.0.0.1" },
	{ "tcp", "[::ffff:127.0.0.1]:0", "tcp", "127.0.0.1" },
	{ "tcp", "[::1]:0", "tcp", "::1" },

	{ "tcp4", ":0", "tcp4", "127.0.0.1" },
	{ "tcp4", "0.0.0.0:0", "tcp4", "127.0.0.1" },
	{ "tcp4", "[::ffff:0.0.0.0]:0", "tcp4", "127.0.0.1" },

	{ "tcp4", "127.0.0.1:0", "tcp4", "127.0.0.1" },

	{ "tcp6", ":0", "tcp6", "::1" },
	{ "tcp6", "[::]:0", "tcp6", "::1" },

	{ "tcp6", "[::1]:0", "tcp6", "::1" },
};

/* streamServer runs Go's N=3 servers on ln and one client each. */
static void
streamServer(net_Listener *ln, const char *tnet, const char *taddr,
    const char *wb, int i)
{
	enum { N = 3 };
	localServer   *lss[N];
	chan	      *tpchs[N], *trchs[N];
	net_Dialer     d;
	net_Conn      *c;
	runtime_error *err;
	const char    *addr;
	char	       prefix[16];
	int	       j;

	for (j = 0; j < N; j++) {
		lss[j] = streamListener_newLocalServer(ln);
		deferLocalServer(lss[j]);
		tpchs[j] = makeChan();
	}
	for (j = 0; j < N; j++)
		localServer_buildup(lss[j], transponderHandler, tpchs[j]);

	for (j = 0; j < N; j++) {
		if (taddr != NULL)
			addr = joinHostPort(
			    taddr, portOf(net_Listener_Addr(lss[j]->Listener)));
		else
			addr = addrString(net_Listener_Addr(lss[j]->Listener));
		memset(&d, 0, sizeof(d));
		d.Timeout = someTimeout;
		err = net_Dialer_Dial(&d, tnet, addr, &c);
		if (err != NULL) {
			char *perr = parseDialError(err);
			if (perr != NULL)
				tErrorf("%s", tStr(perr));
			tFatalf("%s", tErrStr(err));
		}
		if (taddr == NULL && net_Conn_LocalAddr(c) != NULL)
			tLogf("connected %s->%s",
			    addrString(net_Conn_LocalAddr(c)),
			    addrString(net_Listener_Addr(lss[j]->Listener)));
		deferConn(c);
		trchs[j] = makeChan();
		goTransceiver(c, wb, trchs[j]);
	}

	snprintf(prefix, sizeof(prefix), "#%d", i);
	for (j = 0; j < N; j++)
		chanRangeErrors(trchs[j], prefix);
	for (j = 0; j < N; j++)
		chanRangeErrors(tpchs[j], prefix);
}

/* TestTCPServer tests concurrent accept-read-write servers. */
START_TEST(TestTCPServer)
{
	net_Listener  *ln;
	runtime_error *err;
	int	       i;

	i = _i;
	if (!testableListenArgs(tcpServerTests[i].snet, tcpServerTests[i].saddr,
		tcpServerTests[i].taddr)) {
		tSkipf("%s %s<-%s: not testable", tcpServerTests[i].snet,
		    tcpServerTests[i].saddr, tcpServerTests[i].taddr);
		return;
	}

	err = net_Listen(tcpServerTests[i].snet, tcpServerTests[i].saddr, &ln);
	if (err != NULL) {
		char *perr = parseDialError(err);
		if (perr != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	deferListener(ln);
	streamServer(ln, tcpServerTests[i].tnet, tcpServerTests[i].taddr,
	    "TCP SERVER TEST", i);
	tDone();
}
END_TEST

/* A NULL address is testUnixAddr(t). */
static const struct {
	const char *network, *address;
} unixAndUnixpacketServerTests[] = {
	{ "unix", NULL },
	{ "unix", "@nettest/go/unix" },

	{ "unixpacket", NULL },
	{ "unixpacket", "@nettest/go/unixpacket" },
};

/* TestUnixAndUnixpacketServer tests concurrent accept-read-write servers. */
START_TEST(TestUnixAndUnixpacketServer)
{
	net_Listener  *ln;
	runtime_error *err;
	const char    *network, *address;
	int	       i;

	i = _i;
	network = unixAndUnixpacketServerTests[i].network;
	address = unixAndUnixpacketServerTests[i].address;
	if (address == NULL)
		address = testUnixAddr();
	if (!testableListenArgs(network, address, "")) {
		tSkipf("skipping %s %s test", network, address);
		return;
	}

	err = net_Listen(network, address, &ln);
	if (err != NULL) {
		char *perr = parseDialError(err);
		if (perr != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	deferListener(ln);
	streamServer(ln, net_Addr_Network(net_Listener_Addr(ln)), NULL,
	    "UNIX AND UNIXPACKET SERVER TEST", i);
	tDone();
}
END_TEST

static const struct {
	const char *snet, *saddr; /* server endpoint */
	const char *tnet, *taddr; /* target endpoint for client */
	bool	    dial;	  /* test with Dial */
} udpServerTests[] = {
	{ "udp", ":0", "udp", "127.0.0.1", false },
	{ "udp", "0.0.0.0:0", "udp", "127.0.0.1", false },
	{ "udp", "[::ffff:0.0.0.0]:0", "udp", "127.0.0.1", false },
	{ "udp", "[::]:0", "udp", "::1", false },

	{ "udp", ":0", "udp", "::1", false },
	{ "udp", "0.0.0.0:0", "udp", "::1", false },
	{ "udp", "[::ffff:0.0.0.0]:0", "udp", "::1", false },
	{ "udp", "[::]:0", "udp", "127.0.0.1", false },

	{ "udp", ":0", "udp4", "127.0.0.1", false },
	{ "udp", "0.0.0.0:0", "udp4", "127.0.0.1", false },
	{ "udp", "[::ffff:0.0.0.0]:0", "udp4", "127.0.0.1", false },
	{ "udp", "[::]:0", "udp6", "::1", false },

	{ "udp", ":0", "udp6", "::1", false },
	{ "udp", "0.0.0.0:0", "udp6", "::1", false },
	{ "udp", "[::ffff:0.0.0.0]:0", "udp6", "::1", false },
	{ "udp", "[::]:0", "udp4", "127.0.0.1", false },

	{ "udp", "127.0.0.1:0", "udp", "127.0.0.1", false },
	{ "udp", "[::ffff:127.0.0.1]:0", "udp", "127.0.0.1", false },
	{ "udp", "[::1]:0", "udp", "::1", false },

	{ "udp4", ":0", "udp4", "127.0.0.1", false },
	{ "udp4", "0.0.0.0:0", "udp4", "127.0.0.1", false },
	{ "udp4", "[::ffff:0.0.0.0]:0", "udp4", "127.0.0.1", false },

	{ "udp4", "127.0.0.1:0", "udp4", "127.0.0.1", false },

	{ "udp6", ":0", "udp6", "::1", false },
	{ "udp6", "[::]:0", "udp6", "::1", false },

	{ "udp6", "[::1]:0", "udp6", "::1", false },

	{ "udp", "127.0.0.1:0", "udp", "127.0.0.1", true },

	{ "udp", "[::1]:0", "udp", "::1", true },
};

/* checkDialErr is Go's "if err != nil { parseDialError; t.Fatal }". */
static void
checkDialErr(runtime_error *err)
{
	char *perr;

	if (err == NULL)
		return;
	perr = parseDialError(err);
	if (perr != NULL)
		tErrorf("%s", tStr(perr));
	tFatalf("%s", tErrStr(err));
}

START_TEST(TestUDPServer)
{
	net_PacketConn	  *c1, *c2pc;
	net_Conn	  *c2;
	localPacketServer *ls;
	chan		  *tpch, *trch;
	net_Dialer	   d;
	net_UDPAddr	  *dst;
	const char	  *port;
	char		   prefix[16];
	int		   i;

	i = _i;
	if (!testableListenArgs(udpServerTests[i].snet, udpServerTests[i].saddr,
		udpServerTests[i].taddr)) {
		tSkipf("skipping %s %s<-%s test", udpServerTests[i].snet,
		    udpServerTests[i].saddr, udpServerTests[i].taddr);
		return;
	}

	checkDialErr(
	    net_ListenPacket(udpServerTests[i].snet, udpServerTests[i].saddr, &c1));

	ls = packetListener_newLocalServer(c1);
	deferLocalPacketServer(ls);
	tpch = makeChan();
	localPacketServer_buildup(ls, packetTransponderHandler, tpch);

	trch = makeChan();
	port = portOf(net_PacketConn_LocalAddr(ls->PacketConn));
	if (udpServerTests[i].dial) {
		memset(&d, 0, sizeof(d));
		d.Timeout = someTimeout;
		checkDialErr(net_Dialer_Dial(&d, udpServerTests[i].tnet,
		    joinHostPort(udpServerTests[i].taddr, port), &c2));
		deferConn(c2);
		goTransceiver(c2, "UDP SERVER TEST", trch);
	} else {
		checkDialErr(net_ListenPacket(udpServerTests[i].tnet,
		    joinHostPort(udpServerTests[i].taddr, "0"), &c2pc));
		deferPacketConn(c2pc);
		checkDialErr(net_ResolveUDPAddr(udpServerTests[i].tnet,
		    joinHostPort(udpServerTests[i].taddr, port), &dst));
		goPacketTransceiver(c2pc, "UDP SERVER TEST", &dst->addr, trch);
		free(dst);
	}

	snprintf(prefix, sizeof(prefix), "#%d", i);
	chanRangeErrors(trch, prefix);
	chanRangeErrors(tpch, prefix);
	tDone();
}
END_TEST

/* A NULL address is testUnixAddr(t). */
static const struct {
	const char *saddr; /* server endpoint */
	const char *caddr; /* client endpoint */
	bool	    dial;  /* test with Dial */
} unixgramServerTests[] = {
	{ NULL, NULL, false },
	{ NULL, NULL, true },

	{ "@nettest/go/unixgram/server", "@nettest/go/unixgram/client", false },
};

START_TEST(TestUnixgramServer)
{
	net_PacketConn	  *c1, *c2pc;
	net_Conn	  *c2;
	localPacketServer *ls;
	chan		  *tpch, *trch;
	net_Dialer	   d;
	net_UnixAddr	   laddr;
	const char	  *saddr, *caddr;
	char		   prefix[16];
	int		   i;

	i = _i;
	saddr = unixgramServerTests[i].saddr;
	caddr = unixgramServerTests[i].caddr;
	if (saddr == NULL)
		saddr = testUnixAddr();
	if (caddr == NULL)
		caddr = testUnixAddr();
	if (!testableListenArgs("unixgram", saddr, "")) {
		tSkipf("skipping unixgram %s<-%s test", saddr, caddr);
		return;
	}

	checkDialErr(net_ListenPacket("unixgram", saddr, &c1));

	ls = packetListener_newLocalServer(c1);
	deferLocalPacketServer(ls);
	tpch = makeChan();
	localPacketServer_buildup(ls, packetTransponderHandler, tpch);

	trch = makeChan();
	if (unixgramServerTests[i].dial) {
		memset(&d, 0, sizeof(d));
		memset(&laddr, 0, sizeof(laddr));
		laddr.Net = "unixgram";
		laddr.Name = caddr;
		d.Timeout = someTimeout;
		d.LocalAddr = net_UnixAddr_Addr(&laddr);
		checkDialErr(net_Dialer_Dial(&d, "unixgram",
		    addrString(net_PacketConn_LocalAddr(ls->PacketConn)), &c2));
		deferRemove(addrString(net_Conn_LocalAddr(c2)));
		deferConn(c2);
		goTransceiver(c2, addrString(net_Conn_LocalAddr(c2)), trch);
	} else {
		checkDialErr(net_ListenPacket("unixgram", caddr, &c2pc));
		deferRemove(addrString(net_PacketConn_LocalAddr(c2pc)));
		deferPacketConn(c2pc);
		goPacketTransceiver(c2pc, "UNIXGRAM SERVER TEST",
		    net_PacketConn_LocalAddr(ls->PacketConn), trch);
	}

	snprintf(prefix, sizeof(prefix), "#%d", i);
	chanRangeErrors(trch, prefix);
	chanRangeErrors(tpch, prefix);
	tDone();
}
END_TEST

Suite *
server_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("server");
	tc = newNetTCase("stream", 30);
	tcase_add_loop_test(tc, TestTCPServer, 0, nelem(tcpServerTests));
	tcase_add_loop_test(tc, TestUnixAndUnixpacketServer, 0,
	    nelem(unixAndUnixpacketServerTests));
	suite_add_tcase(s, tc);

	tc = newNetTCase("packet", 30);
	tcase_add_loop_test(tc, TestUDPServer, 0, nelem(udpServerTests));
	tcase_add_loop_test(
	    tc, TestUnixgramServer, 0, nelem(unixgramServerTests));
	suite_add_tcase(s, tc);
	return s;
}
