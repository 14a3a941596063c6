/*
 * C port of go1.19 src/net/packetconn_test.go: the PacketConn interface
 * over udp and unixgram.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/* mustOK is "if err != nil { t.Fatal(err) }", naming the call. */
static void
mustOK(runtime_error *err, const char *what)
{
	if (err != NULL)
		tFatalf("%s: %s", what, tErrStr(err));
}

/*
 * packetConnTestData returns the payload, or NULL after logging that the
 * network cannot be tested here (Go's skipOrFatalFn).
 */
static const char *
packetConnTestData(const char *network)
{
	if (!testableNetwork(network)) {
		tLogf("skipping %s test", network);
		return NULL;
	}
	return "PACKETCONN TEST";
}

/*
 * The table rows; a NULL address is testUnixAddr(), made at run time as
 * Go's table literal does.
 */
static const struct {
	const char *net;
	const char *addr1;
	const char *addr2;
} packetConnTests[] = {
	{ "udp", "127.0.0.1:0", "127.0.0.1:0" },
	{ "unixgram", NULL, NULL },
};

static const char *
rowAddr(const char *a)
{
	return a != NULL ? a : testUnixAddr();
}

/* closer is Go's: Close, and remove both socket files for unixgram. */
struct closer {
	net_PacketConn *c;
	const char     *net, *addr1, *addr2;
};

static void
closerRun(void *arg)
{
	struct closer *cl = arg;

	runtime_error_Free(net_PacketConn_Close(cl->c));
	if (strcmp(cl->net, "unixgram") == 0) {
		remove(cl->addr1);
		remove(cl->addr2);
	}
}

static void
closerFree(void *arg)
{
	struct closer *cl = arg;

	net_PacketConn_Free(cl->c);
	free(cl);
}

static void
deferCloser(
    net_PacketConn *c, const char *net, const char *addr1, const char *addr2)
{
	struct closer *cl;

	cl = malloc(sizeof(*cl));
	cl->c = c;
	cl->net = net;
	cl->addr1 = addr1;
	cl->addr2 = addr2;
	tDefer(closerRun, cl);
	tDeferFree(closerFree, cl);
}

/* readFrom is ReadFrom with the heap address released. */
static runtime_error *
readFrom(net_PacketConn *c, char *b, size_t len)
{
	net_Addr      *from = NULL;
	runtime_error *err;
	ptrdiff_t      n;

	err = net_PacketConn_ReadFrom(c, b, len, &n, &from);
	free(from);
	return err;
}

START_TEST(TestPacketConn)
{
	net_PacketConn *c1, *c2;
	const char     *net, *addr1, *addr2, *wb;
	char		rb1[128], rb2[128];
	ptrdiff_t	n;

	net = packetConnTests[_i].net;
	addr1 = rowAddr(packetConnTests[_i].addr1);
	addr2 = rowAddr(packetConnTests[_i].addr2);
	if ((wb = packetConnTestData(net)) == NULL) {
		tDone();
		return;
	}

	mustOK(net_ListenPacket(net, addr1, &c1), "ListenPacket");
	deferCloser(c1, net, addr1, addr2);
	net_PacketConn_LocalAddr(c1);

	mustOK(net_ListenPacket(net, addr2, &c2), "ListenPacket");
	deferCloser(c2, net, addr1, addr2);
	net_PacketConn_LocalAddr(c2);

	mustOK(net_PacketConn_WriteTo(
		   c1, wb, strlen(wb), net_PacketConn_LocalAddr(c2), &n),
	    "WriteTo");
	mustOK(readFrom(c2, rb2, sizeof(rb2)), "ReadFrom");
	mustOK(net_PacketConn_WriteTo(
		   c2, wb, strlen(wb), net_PacketConn_LocalAddr(c1), &n),
	    "WriteTo");
	mustOK(readFrom(c1, rb1, sizeof(rb1)), "ReadFrom");
	tDone();
}
END_TEST

START_TEST(TestConnAndPacketConn)
{
	net_PacketConn *c1;
	net_Conn       *c2;
	const net_Addr *dst;
	const char     *net, *addr1, *addr2, *wb;
	char		rb1[128], rb2[128];
	ptrdiff_t	n;

	net = packetConnTests[_i].net;
	addr1 = rowAddr(packetConnTests[_i].addr1);
	addr2 = rowAddr(packetConnTests[_i].addr2);
	if ((wb = packetConnTestData(net)) == NULL) {
		tDone();
		return;
	}

	mustOK(net_ListenPacket(net, addr1, &c1), "ListenPacket");
	deferCloser(c1, net, addr1, addr2);
	net_PacketConn_LocalAddr(c1);

	mustOK(net_Dial(net, addrString(net_PacketConn_LocalAddr(c1)), &c2),
	    "Dial");
	deferConn(c2);
	net_Conn_LocalAddr(c2);
	net_Conn_RemoteAddr(c2);

	mustOK(net_Conn_Write(c2, wb, strlen(wb), &n), "Write");
	mustOK(readFrom(c1, rb1, sizeof(rb1)), "ReadFrom");
	if (strcmp(net, "unixgram") == 0) {
		/* The dialed unixgram socket is unnamed: nothing to answer. */
		tDone();
		return;
	}
	dst = net_Conn_LocalAddr(c2);
	mustOK(net_PacketConn_WriteTo(c1, wb, strlen(wb), dst, &n), "WriteTo");
	mustOK(net_Conn_Read(c2, rb2, sizeof(rb2), &n), "Read");
	tDone();
}
END_TEST

Suite *
packetconn_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("packetconn");
	tc = newNetTCase("PacketConn", 30);
	tcase_add_loop_test(tc, TestPacketConn, 0, nelem(packetConnTests));
	tcase_add_loop_test(
	    tc, TestConnAndPacketConn, 0, nelem(packetConnTests));
	suite_add_tcase(s, tc);
	return s;
}
