/*
 * C port of go1.19 src/net/protoconn_test.go: every protocol-specific
 * method of each concrete type, called once.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* ignore drops an error Go's test does not look at. */
static void
ignore(runtime_error *err)
{
	runtime_error_Free(err);
}

/*
 * closeFile is "if f, err := x.File(); err != nil { t.Fatal(err) } else
 * { f.Close() }" (Go's condFatalf is t.Fatalf on Linux).
 */
static void
closeFile(runtime_error *err, os_File *f)
{
	mustOK(err, "File");
	ignore(os_File_Close(f));
	os_File_Free(f);
}

/* acceptOrTimeout is "if c, err := ln.Accept(); err != nil { Timeout } ...". */
static void
acceptOrTimeout(runtime_error *err, net_Conn *c)
{
	if (err != NULL) {
		if (!net_Error_Timeout(err))
			tFatalf("%s", tErrStr(err));
		runtime_error_Free(err);
	} else {
		ignore(net_Conn_Close(c));
		net_Conn_Free(c);
	}
}

START_TEST(TestTCPListenerSpecificMethods)
{
	net_TCPAddr	*la;
	net_TCPListener *ln;
	net_TCPConn	*tc;
	net_Conn	*c = NULL;
	runtime_error	*err;
	os_File		*f;

	mustOK(
	    net_ResolveTCPAddr("tcp4", "127.0.0.1:0", &la), "ResolveTCPAddr");
	tDeferFree(free, la);
	mustOK(net_ListenTCP("tcp4", la, &ln), "ListenTCP");
	deferListener(net_TCPListener_Listener(ln));
	net_TCPListener_Addr(ln);
	ignore(net_TCPListener_SetDeadline(
	    ln, time_Time_Add(time_Now(), 30 * time_Nanosecond)));

	err = net_TCPListener_Accept(ln, &c);
	acceptOrTimeout(err, c);
	tc = NULL;
	err = net_TCPListener_AcceptTCP(ln, &tc);
	acceptOrTimeout(err, err == NULL ? net_TCPConn_Conn(tc) : NULL);

	err = net_TCPListener_File(ln, &f);
	closeFile(err, f);
	tDone();
}
END_TEST

START_TEST(TestTCPConnSpecificMethods)
{
	net_TCPAddr	*la, *ra;
	net_TCPListener *ln;
	net_TCPConn	*c;
	localServer	*ls;
	chan		*ch;
	char		 rb[128];
	ptrdiff_t	 n;

	mustOK(
	    net_ResolveTCPAddr("tcp4", "127.0.0.1:0", &la), "ResolveTCPAddr");
	tDeferFree(free, la);
	mustOK(net_ListenTCP("tcp4", la, &ln), "ListenTCP");
	deferListener(net_TCPListener_Listener(ln));
	ch = makeChan();
	ls = streamListener_newLocalServer(net_TCPListener_Listener(ln));
	deferLocalServer(ls);
	mustOK(localServer_buildup(ls, transponderHandler, ch), "buildup");

	mustOK(net_ResolveTCPAddr(
		   "tcp4", addrString(net_Listener_Addr(ls->Listener)), &ra),
	    "ResolveTCPAddr");
	tDeferFree(free, ra);
	mustOK(net_DialTCP("tcp4", NULL, ra, &c), "DialTCP");
	deferConn(net_TCPConn_Conn(c));
	ignore(net_TCPConn_SetKeepAlive(c, false));
	ignore(net_TCPConn_SetKeepAlivePeriod(c, 3 * time_Second));
	ignore(net_TCPConn_SetLinger(c, 0));
	ignore(net_TCPConn_SetNoDelay(c, false));
	net_TCPConn_LocalAddr(c);
	net_TCPConn_RemoteAddr(c);
	ignore(
	    net_TCPConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_TCPConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_TCPConn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));

	mustOK(net_TCPConn_Write(c, "TCPCONN TEST", 12, &n), "Write");
	mustOK(net_TCPConn_Read(c, rb, sizeof(rb), &n), "Read");

	chanRangeErrors(ch, "transponder");
	tDone();
}
END_TEST

START_TEST(TestUDPConnSpecificMethods)
{
	static const char  wb[] = "UDPCONN TEST";
	net_UDPAddr	  *la, from = { .Port = 0 };
	net_UDPConn	  *c;
	const net_UDPAddr *local;
	char		   rb[128];
	int		   flags;
	ptrdiff_t	   n, oobn;
	os_File		  *f;
	runtime_error	  *err;

	mustOK(
	    net_ResolveUDPAddr("udp4", "127.0.0.1:0", &la), "ResolveUDPAddr");
	tDeferFree(free, la);
	mustOK(net_ListenUDP("udp4", la, &c), "ListenUDP");
	deferConn(net_UDPConn_Conn(c));
	net_UDPConn_LocalAddr(c);
	net_UDPConn_RemoteAddr(c);
	ignore(
	    net_UDPConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UDPConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UDPConn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UDPConn_SetReadBuffer(c, 2048));
	ignore(net_UDPConn_SetWriteBuffer(c, 2048));

	local = (const net_UDPAddr *)net_UDPConn_LocalAddr(c);
	mustOK(net_UDPConn_WriteToUDP(c, wb, sizeof(wb) - 1, local, &n),
	    "WriteToUDP");
	mustOK(net_UDPConn_ReadFromUDP(c, rb, sizeof(rb), &n, &from),
	    "ReadFromUDP");
	mustOK(net_UDPConn_WriteMsgUDP(
		   c, wb, sizeof(wb) - 1, NULL, 0, local, &n, &oobn),
	    "WriteMsgUDP");
	mustOK(net_UDPConn_ReadMsgUDP(
		   c, rb, sizeof(rb), NULL, 0, &n, &oobn, &flags, &from),
	    "ReadMsgUDP");

	err = net_UDPConn_File(c, &f);
	closeFile(err, f);

	/* Go recovers from a panic here: a nil address must not crash. */
	ignore(net_UDPConn_WriteToUDP(c, wb, sizeof(wb) - 1, NULL, &n));
	ignore(net_UDPConn_WriteMsgUDP(
	    c, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));
	tDone();
}
END_TEST

/*
 * Go skips unless root; a root without CAP_NET_RAW (a container) cannot
 * open raw sockets either, so that is checked too and skipped with the
 * reason.
 */
START_TEST(TestIPConnSpecificMethods)
{
	static const char wb[] = "IPCONN TEST";
	net_IPAddr	 *la;
	net_IPConn	 *c;
	int		  s, e;
	ptrdiff_t	  n, oobn;
	os_File		 *f;
	runtime_error	 *err;

	if (getuid() != 0) {
		tSkipf("must be root");
		return;
	}
	s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (s < 0 && ((e = errno) == EPERM || e == EACCES)) {
		tSkipf("raw sockets not permitted: %s", strerror(e));
		return;
	}
	if (s >= 0)
		close(s);

	mustOK(net_ResolveIPAddr("ip4", "127.0.0.1", &la), "ResolveIPAddr");
	tDeferFree(free, la);
	mustOK(net_ListenIP("ip4:icmp", la, &c), "ListenIP");
	deferConn(net_IPConn_Conn(c));
	net_IPConn_LocalAddr(c);
	net_IPConn_RemoteAddr(c);
	ignore(
	    net_IPConn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_IPConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_IPConn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_IPConn_SetReadBuffer(c, 2048));
	ignore(net_IPConn_SetWriteBuffer(c, 2048));

	err = net_IPConn_File(c, &f);
	closeFile(err, f);

	/* Go recovers from a panic here: a nil address must not crash. */
	ignore(net_IPConn_WriteToIP(c, wb, sizeof(wb) - 1, NULL, &n));
	ignore(net_IPConn_WriteMsgIP(
	    c, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));
	tDone();
}
END_TEST

START_TEST(TestUnixListenerSpecificMethods)
{
	net_UnixAddr	 *la;
	net_UnixListener *ln;
	net_UnixConn	 *uc;
	net_Conn	 *c = NULL;
	runtime_error	 *err;
	char		 *addr;
	os_File		 *f;

	if (!testableNetwork("unix")) {
		tSkipf("unix test");
		return;
	}
	addr = testUnixAddr();
	mustOK(net_ResolveUnixAddr("unix", addr, &la), "ResolveUnixAddr");
	tDeferFree(free, la);
	mustOK(net_ListenUnix("unix", la, &ln), "ListenUnix");
	deferRemove(addr);
	deferListener(net_UnixListener_Listener(ln));
	net_UnixListener_Addr(ln);
	ignore(net_UnixListener_SetDeadline(
	    ln, time_Time_Add(time_Now(), 30 * time_Nanosecond)));

	err = net_UnixListener_Accept(ln, &c);
	acceptOrTimeout(err, c);
	uc = NULL;
	err = net_UnixListener_AcceptUnix(ln, &uc);
	acceptOrTimeout(err, err == NULL ? net_UnixConn_Conn(uc) : NULL);

	err = net_UnixListener_File(ln, &f);
	closeFile(err, f);
	tDone();
}
END_TEST

/* unixConnSetters makes the setters' calls of TestUnixConnSpecificMethods. */
static void
unixConnSetters(net_UnixConn *c)
{
	net_UnixConn_LocalAddr(c);
	net_UnixConn_RemoteAddr(c);
	ignore(net_UnixConn_SetDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UnixConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UnixConn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	ignore(net_UnixConn_SetReadBuffer(c, 2048));
	ignore(net_UnixConn_SetWriteBuffer(c, 2048));
}

/* readFromUnix is ReadFromUnix with the heap address released. */
static runtime_error *
readFromUnix(net_UnixConn *c, char *b, size_t len)
{
	net_UnixAddr  *from = NULL;
	runtime_error *err;
	ptrdiff_t      n;

	err = net_UnixConn_ReadFromUnix(c, b, len, &n, &from);
	free(from);
	return err;
}

START_TEST(TestUnixConnSpecificMethods)
{
	static const char wb[] = "UNIXCONN TEST";
	net_UnixAddr	 *a1, *a2, *a3, *from = NULL;
	net_UnixConn	 *c1, *c2, *c3;
	char		 *addr1, *addr2, *addr3;
	char		  rb1[128], rb2[128], rb3[128];
	int		  flags;
	ptrdiff_t	  n, oobn;
	os_File		 *f;
	runtime_error	 *err;

	if (!testableNetwork("unixgram")) {
		tSkipf("unixgram test");
		return;
	}
	addr1 = testUnixAddr();
	addr2 = testUnixAddr();
	addr3 = testUnixAddr();

	mustOK(net_ResolveUnixAddr("unixgram", addr1, &a1), "ResolveUnixAddr");
	tDeferFree(free, a1);
	mustOK(net_DialUnix("unixgram", a1, NULL, &c1), "DialUnix");
	deferConn(net_UnixConn_Conn(c1));
	deferRemove(addr1);
	unixConnSetters(c1);

	mustOK(net_ResolveUnixAddr("unixgram", addr2, &a2), "ResolveUnixAddr");
	tDeferFree(free, a2);
	mustOK(net_DialUnix("unixgram", a2, NULL, &c2), "DialUnix");
	deferConn(net_UnixConn_Conn(c2));
	deferRemove(addr2);
	unixConnSetters(c2);

	mustOK(net_ResolveUnixAddr("unixgram", addr3, &a3), "ResolveUnixAddr");
	tDeferFree(free, a3);
	mustOK(net_ListenUnixgram("unixgram", a3, &c3), "ListenUnixgram");
	deferConn(net_UnixConn_Conn(c3));
	deferRemove(addr3);
	unixConnSetters(c3);

	mustOK(net_UnixConn_WriteMsgUnix(
		   c1, wb, sizeof(wb) - 1, NULL, 0, a2, &n, &oobn),
	    "WriteMsgUnix");
	mustOK(net_UnixConn_ReadMsgUnix(
		   c2, rb2, sizeof(rb2), NULL, 0, &n, &oobn, &flags, &from),
	    "ReadMsgUnix");
	free(from);
	mustOK(net_UnixConn_WriteToUnix(c2, wb, sizeof(wb) - 1, a1, &n),
	    "WriteToUnix");
	mustOK(readFromUnix(c1, rb1, sizeof(rb1)), "ReadFromUnix");
	mustOK(net_UnixConn_WriteToUnix(c3, wb, sizeof(wb) - 1, a1, &n),
	    "WriteToUnix");
	mustOK(readFromUnix(c1, rb1, sizeof(rb1)), "ReadFromUnix");
	mustOK(net_UnixConn_WriteToUnix(c2, wb, sizeof(wb) - 1, a3, &n),
	    "WriteToUnix");
	mustOK(readFromUnix(c3, rb3, sizeof(rb3)), "ReadFromUnix");

	err = net_UnixConn_File(c1, &f);
	closeFile(err, f);

	/* Go recovers from a panic here: a nil address must not crash. */
	ignore(net_UnixConn_WriteToUnix(c1, wb, sizeof(wb) - 1, NULL, &n));
	ignore(net_UnixConn_WriteMsgUnix(
	    c1, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));
	ignore(net_UnixConn_WriteToUnix(c3, wb, sizeof(wb) - 1, NULL, &n));
	ignore(net_UnixConn_WriteMsgUnix(
	    c3, wb, sizeof(wb) - 1, NULL, 0, NULL, &n, &oobn));
	tDone();
}
END_TEST

Suite *
protoconn_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("protoconn");
	tc = newNetTCase("SpecificMethods", 30);
	tcase_add_test(tc, TestTCPListenerSpecificMethods);
	tcase_add_test(tc, TestTCPConnSpecificMethods);
	tcase_add_test(tc, TestUDPConnSpecificMethods);
	tcase_add_test(tc, TestIPConnSpecificMethods);
	tcase_add_test(tc, TestUnixListenerSpecificMethods);
	tcase_add_test(tc, TestUnixConnSpecificMethods);
	suite_add_tcase(s, tc);
	return s;
}
