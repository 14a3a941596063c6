/*
 * C port of go1.19 src/net/conn_test.go (built on: !js): the API checks
 * that every Conn and Listener implementation must pass.
 */
#include <string.h>

#include "tests/mockserver.h"

/* Go ranges over this list inline; each network is one Check iteration. */
static const char *const connAndListenerNetworks[] = { "tcp", "unix",
	"unixpacket" };

START_TEST(TestConnAndListener)
{
	const char    *network;
	localServer   *ls;
	chan	      *ch;
	net_Conn      *c;
	runtime_error *err;
	char	       rb[128];
	ptrdiff_t      n;

	network = connAndListenerNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("skipping %s test", network);
		return;
	}

	ls = newLocalServer(network);
	deferLocalServer(ls);
	ch = makeChan();
	localServer_buildup(ls, transponderHandler, ch);
	if (strcmp(net_Addr_Network(net_Listener_Addr(ls->Listener)),
		network) != 0)
		tFatalf("got %s; want %s",
		    net_Addr_Network(net_Listener_Addr(ls->Listener)), network);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ls->Listener)),
	    addrString(net_Listener_Addr(ls->Listener)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	if (strcmp(net_Addr_Network(net_Conn_LocalAddr(c)), network) != 0 ||
	    strcmp(net_Addr_Network(net_Conn_RemoteAddr(c)), network) != 0)
		tFatalf("got %s->%s; want %s->%s",
		    net_Addr_Network(net_Conn_LocalAddr(c)),
		    net_Addr_Network(net_Conn_RemoteAddr(c)), network, network);
	runtime_error_Free(
	    net_Conn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_Conn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));

	err = net_Conn_Write(c, "CONN AND LISTENER TEST",
	    strlen("CONN AND LISTENER TEST"), &n);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	err = net_Conn_Read(c, rb, sizeof(rb), &n);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));

	chanRangeErrors(ch, network);
	tDone();
}
END_TEST

Suite *
conn_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("conn");
	tc = newNetTCase("conn and listener", 30);
	tcase_add_loop_test(
	    tc, TestConnAndListener, 0, nelem(connAndListenerNetworks));
	suite_add_tcase(s, tc);
	return s;
}
