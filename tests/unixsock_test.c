/*
 * C port of go1.19 src/net/unixsock_test.go.
 * built on: !js && !plan9 && !windows
 *
 * Unix socket names come from testUnixAddr (a mkdtemp directory that
 * tDone removes).  Go's reflect.DeepEqual of two *UnixAddr is
 * unixAddrEqual.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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

/* opErrIs reports whether err is an *OpError whose Err is target. */
static bool
opErrIs(runtime_error *err, const runtime_error *target)
{
	return err != NULL && err->type == &net_OpErrorType &&
	    ((net_OpError *)err)->Err == target;
}

/*
 * unixAddrEqual is reflect.DeepEqual(got, want) for an Addr holding a
 * *UnixAddr; want NULL is the nil Addr.
 */
static bool
unixAddrEqual(const net_Addr *got, const net_UnixAddr *want)
{
	const net_UnixAddr *a;

	if (got == NULL || want == NULL)
		return got == NULL && want == NULL;
	if (got->type != &net_UnixAddrType)
		return false;
	a = (const net_UnixAddr *)got;
	return strcmp(a->Name != NULL ? a->Name : "",
		   want->Name != NULL ? want->Name : "") == 0 &&
	    strcmp(a->Net != NULL ? a->Net : "",
		want->Net != NULL ? want->Net : "") == 0;
}

/* unixAddrText prints an Addr the way %#v shows the fields that matter. */
static char *
unixAddrText(const net_Addr *a)
{
	const net_UnixAddr *u;
	char		   *s;

	if (a == NULL)
		return tStr(strdup("<nil>"));
	if (a->type != &net_UnixAddrType)
		return addrString(a);
	u = (const net_UnixAddr *)a;
	if (asprintf(&s, "&net.UnixAddr{Name:\"%s\", Net:\"%s\"}",
		u->Name != NULL ? u->Name : "",
		u->Net != NULL ? u->Net : "") < 0)
		return NULL;
	return tStr(s);
}

/* sendtoUnnamed sends data from a fresh unnamed AF_UNIX datagram socket. */
static void *
sendtoUnnamed(void *arg)
{
	static const char  data[5] = { 1, 2, 3, 4, 5 };
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	const char	  *addr = arg;
	socklen_t	   sl;
	int		   s;

	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0) {
		tErrorf("socket: %s", strerror(errno));
		return NULL;
	}
	/* Go's SockaddrUnix: a leading '@' names an abstract socket. */
	memcpy(sa.sun_path, addr, strnlen(addr, sizeof(sa.sun_path)));
	sl = offsetof(struct sockaddr_un, sun_path) +
	    strnlen(addr, sizeof(sa.sun_path));
	if (addr[0] == '@')
		sa.sun_path[0] = '\0';
	else if (sl < sizeof(sa))
		sl++;
	if (sendto(s, data, sizeof(data), 0, (struct sockaddr *)&sa, sl) < 0)
		tErrorf("sendto: %s", strerror(errno));
	close(s);
	return NULL;
}

START_TEST(TestReadUnixgramWithUnnamedSocket)
{
	static const char data[5] = { 1, 2, 3, 4, 5 };
	net_UnixAddr	 *la;
	net_UnixConn	 *c;
	net_Addr	 *from = NULL;
	char		 *addr, b[64];
	ptrdiff_t	  n = 0;

	if (!testableNetwork("unixgram")) {
		tSkipf("unixgram test");
		return;
	}
	addr = testUnixAddr();
	mustOK(net_ResolveUnixAddr("unixgram", addr, &la), "ResolveUnixAddr");
	mustOK(net_ListenUnixgram("unixgram", la, &c), "ListenUnixgram");
	free(la);
	deferPacketConn(net_UnixConn_PacketConn(c));

	goJoin(goStart(sendtoUnnamed, addr));
	net_UnixConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond));
	mustOK(net_UnixConn_ReadFrom(c, b, sizeof(b), &n, &from), "ReadFrom");
	if (from != NULL) {
		tStr((char *)from);
		tFatalf("unexpected peer address: %s", addrString(from));
	}
	if (n != (int)sizeof(data) || memcmp(b, data, sizeof(data)) != 0)
		tFatalf("got %td bytes; want [1 2 3 4 5]", n);
	tDone();
}
END_TEST

/*
 * The zero-byte tests: the genericRead loop of Go's tests is the inner
 * loop; a read either succeeds with no peer (connected mode) or times out.
 */
static void
unixgramZeroByte(const char *b, size_t len)
{
	net_PacketConn *c1;
	net_Conn       *c2;
	net_Addr       *peer;
	runtime_error  *err;
	char		rb[1];
	int		genericRead;
	ptrdiff_t	n;

	if (!testableNetwork("unixgram")) {
		tSkipf("unixgram test");
		return;
	}
	c1 = newLocalPacketListener("unixgram", NULL);
	deferRemove(addrString(net_PacketConn_LocalAddr(c1)));
	deferPacketConn(c1);
	mustOK(
	    net_Dial("unixgram", addrString(net_PacketConn_LocalAddr(c1)), &c2),
	    "Dial");
	deferConn(c2);

	for (genericRead = 0; genericRead < 2; genericRead++) {
		n = -1;
		mustOK(net_Conn_Write(c2, b, len, &n), "Write");
		if (n != (int)len)
			tErrorf("got %td; want %zu", n, len);
		net_PacketConn_SetReadDeadline(
		    c1, time_Time_Add(time_Now(), 100 * time_Millisecond));
		peer = NULL;
		if (genericRead)
			err = net_Conn_Read(
			    net_UnixConn_Conn(net_PacketConn_UnixConn(c1)),
			    len == 0 ? rb : NULL, len == 0 ? sizeof(rb) : 0,
			    &n);
		else
			err = net_PacketConn_ReadFrom(c1, len == 0 ? rb : NULL,
			    len == 0 ? sizeof(rb) : 0, &n, &peer);
		if (err == NULL) {
			/* ReadFrom succeeds; the peer is connected-mode. */
			if (peer != NULL) {
				tStr((char *)peer);
				tFatalf("unexpected peer address: %s",
				    addrString(peer));
			}
		} else if (!isDeadlineExceeded(err))
			/* Read may time out, it depends on the platform. */
			tFatalf("%s", tErrStr(err));
		runtime_error_Free(err);
	}
}

START_TEST(TestUnixgramZeroBytePayload)
{
	unixgramZeroByte(NULL, 0);
	tDone();
}
END_TEST

/*
 * Go issue 4352: Recvfrom failed with "address family not supported by
 * protocol family" when given a zero-length buffer.
 */
START_TEST(TestUnixgramZeroByteBuffer)
{
	static const char b[] = "UNIXGRAM ZERO BYTE BUFFER TEST";

	unixgramZeroByte(b, sizeof(b) - 1);
	tDone();
}
END_TEST

static void
testUnixgramWriteConn(net_UnixAddr *raddr)
{
	static const char b[] = "CONNECTED-MODE SOCKET";
	net_Conn	 *c;
	net_UnixConn	 *uc;
	runtime_error	 *err;
	ptrdiff_t	  n, oobn;

	mustOK(net_Dial("unixgram", raddr->Name, &c), "Dial");
	deferConn(c);
	uc = net_Conn_UnixConn(c);
	err = net_UnixConn_WriteToUnix(uc, b, sizeof(b) - 1, raddr, &n);
	if (err == NULL)
		tFatalf("should fail");
	if (!opErrIs(err, net_ErrWriteToConnected))
		tFatalf("should fail as ErrWriteToConnected: %s", tErrStr(err));
	runtime_error_Free(err);
	err = net_UnixConn_WriteTo(
	    uc, b, sizeof(b) - 1, net_UnixAddr_Addr(raddr), &n);
	if (err == NULL)
		tFatalf("should fail");
	if (!opErrIs(err, net_ErrWriteToConnected))
		tFatalf("should fail as ErrWriteToConnected: %s", tErrStr(err));
	runtime_error_Free(err);
	err = net_UnixConn_WriteMsgUnix(
	    uc, b, sizeof(b) - 1, NULL, 0, raddr, &n, &oobn);
	if (err == NULL)
		tFatalf("should fail");
	if (!opErrIs(err, net_ErrWriteToConnected))
		tFatalf("should fail as ErrWriteToConnected: %s", tErrStr(err));
	runtime_error_Free(err);
	mustOK(net_Conn_Write(c, b, sizeof(b) - 1, &n), "Write");
}

static void
testUnixgramWritePacketConn(net_UnixAddr *raddr)
{
	static const char b[] = "UNCONNECTED-MODE SOCKET";
	net_PacketConn	 *c;
	net_UnixConn	 *uc;
	runtime_error	 *err;
	char		 *addr;
	ptrdiff_t	  n, oobn;

	addr = testUnixAddr();
	mustOK(net_ListenPacket("unixgram", addr, &c), "ListenPacket");
	deferRemove(addr);
	deferPacketConn(c);
	uc = net_PacketConn_UnixConn(c);
	mustOK(net_UnixConn_WriteToUnix(uc, b, sizeof(b) - 1, raddr, &n),
	    "WriteToUnix");
	mustOK(net_PacketConn_WriteTo(
		   c, b, sizeof(b) - 1, net_UnixAddr_Addr(raddr), &n),
	    "WriteTo");
	mustOK(net_UnixConn_WriteMsgUnix(
		   uc, b, sizeof(b) - 1, NULL, 0, raddr, &n, &oobn),
	    "WriteMsgUnix");
	err = net_UnixConn_Write(uc, b, sizeof(b) - 1, &n);
	if (err == NULL)
		tFatalf("should fail");
	runtime_error_Free(err);
}

START_TEST(TestUnixgramWrite)
{
	net_UnixAddr   *laddr;
	net_PacketConn *c;
	char	       *addr;

	if (!testableNetwork("unixgram")) {
		tSkipf("unixgram test");
		return;
	}
	addr = testUnixAddr();
	mustOK(
	    net_ResolveUnixAddr("unixgram", addr, &laddr), "ResolveUnixAddr");
	tDeferFree(free, laddr);
	mustOK(net_ListenPacket("unixgram", addr, &c), "ListenPacket");
	deferRemove(addr);
	deferPacketConn(c);

	testUnixgramWriteConn(laddr);
	testUnixgramWritePacketConn(laddr);
	tDone();
}
END_TEST

/* The handler of TestUnixConnLocalAndRemoteNames accepts nothing. */
static void
noopHandler(localServer *ls, net_Listener *ln, void *arg)
{
	(void)ls;
	(void)ln;
	(void)arg;
}

START_TEST(TestUnixConnLocalAndRemoteNames)
{
	const char	 *laddrs[2];
	net_UnixAddr	 *ta, *la, want;
	net_UnixListener *ln;
	net_UnixConn	 *c;
	localServer	 *ls;
	const char	 *laddr;
	size_t		  i, j;
	ptrdiff_t	  n;
	struct {
		const net_Addr	   *got;
		const net_UnixAddr *want;
	} connAddrs[3];

	if (!testableNetwork("unix")) {
		tSkipf("unix test");
		return;
	}
	laddrs[0] = "";
	laddrs[1] = testUnixAddr();
	for (i = 0; i < nelem(laddrs); i++) {
		laddr = laddrs[i];
		mustOK(net_ResolveUnixAddr("unix", testUnixAddr(), &ta),
		    "ResolveUnixAddr");
		tDeferFree(free, ta);
		mustOK(net_ListenUnix("unix", ta, &ln), "ListenUnix");
		deferListener(net_UnixListener_Listener(ln));
		ls = streamListener_newLocalServer(
		    net_UnixListener_Listener(ln));
		deferLocalServer(ls);
		mustOK(localServer_buildup(ls, noopHandler, NULL), "buildup");

		mustOK(
		    net_ResolveUnixAddr("unix", laddr, &la), "ResolveUnixAddr");
		tDeferFree(free, la);
		mustOK(net_DialUnix("unix", la, ta, &c), "DialUnix");
		deferConn(net_UnixConn_Conn(c));
		if (la != NULL && laddr[0] != '\0')
			deferRemove(laddr);
		mustOK(net_UnixConn_Write(
			   c, "UNIXCONN LOCAL AND REMOTE NAME TEST", 35, &n),
		    "Write");

		/* Linux autobinds: an unbound client's name reads "@". */
		want.Name = laddr[0] == '\0' ? "@" : laddr;
		want.Net = "unix";
		net_UnixAddr_Addr(&want);
		connAddrs[0].got = net_UnixListener_Addr(ln);
		connAddrs[0].want = ta;
		connAddrs[1].got = net_UnixConn_LocalAddr(c);
		connAddrs[1].want = &want;
		connAddrs[2].got = net_UnixConn_RemoteAddr(c);
		connAddrs[2].want = ta;
		for (j = 0; j < nelem(connAddrs); j++)
			if (!unixAddrEqual(connAddrs[j].got, connAddrs[j].want))
				tFatalf("got %s, expected %s",
				    unixAddrText(connAddrs[j].got),
				    unixAddrText(&connAddrs[j].want->addr));
	}
	tDone();
}
END_TEST

START_TEST(TestUnixgramConnLocalAndRemoteNames)
{
	const char   *laddrs[2];
	net_UnixAddr *ta, *la, want;
	net_UnixConn *c1, *c2;
	const char   *laddr, *taddr;
	size_t	      i, j;
	struct {
		const net_Addr	   *got;
		const net_UnixAddr *want;
	} connAddrs[4];

	if (!testableNetwork("unixgram")) {
		tSkipf("unixgram test");
		return;
	}
	laddrs[0] = "";
	laddrs[1] = testUnixAddr();
	for (i = 0; i < nelem(laddrs); i++) {
		laddr = laddrs[i];
		taddr = testUnixAddr();
		mustOK(net_ResolveUnixAddr("unixgram", taddr, &ta),
		    "ResolveUnixAddr");
		tDeferFree(free, ta);
		mustOK(
		    net_ListenUnixgram("unixgram", ta, &c1), "ListenUnixgram");
		deferRemove(taddr);
		deferPacketConn(net_UnixConn_PacketConn(c1));

		la = NULL;
		if (laddr[0] != '\0') {
			mustOK(net_ResolveUnixAddr("unixgram", laddr, &la),
			    "ResolveUnixAddr");
			tDeferFree(free, la);
		}
		mustOK(net_DialUnix("unixgram", la, ta, &c2), "DialUnix");
		if (la != NULL)
			deferRemove(laddr);
		deferConn(net_UnixConn_Conn(c2));

		/* Linux autobinds: an unbound client's name reads "@". */
		want.Name = laddr[0] == '\0' ? "@" : laddr;
		want.Net = "unixgram";
		net_UnixAddr_Addr(&want);
		connAddrs[0].got = net_UnixConn_LocalAddr(c1);
		connAddrs[0].want = ta;
		connAddrs[1].got = net_UnixConn_RemoteAddr(c1);
		connAddrs[1].want = NULL;
		connAddrs[2].got = net_UnixConn_LocalAddr(c2);
		connAddrs[2].want = &want;
		connAddrs[3].got = net_UnixConn_RemoteAddr(c2);
		connAddrs[3].want = ta;
		for (j = 0; j < nelem(connAddrs); j++)
			if (!unixAddrEqual(connAddrs[j].got, connAddrs[j].want))
				tFatalf("got %s; want %s",
				    unixAddrText(connAddrs[j].got),
				    connAddrs[j].want == NULL
					? "<nil>"
					: unixAddrText(
					      &connAddrs[j].want->addr));
	}
	tDone();
}
END_TEST

static bool
exists(const char *name)
{
	struct stat st;

	return stat(name, &st) == 0;
}

static net_UnixListener *
unlinkListen(const char *name)
{
	net_Listener *l;

	mustOK(net_Listen("unix", name, &l), "Listen");
	return net_Listener_UnixListener(l);
}

static void
checkExists(const char *name, const char *sub, const char *desc)
{
	if (!exists(name))
		tFatalf("%s: unix socket does not exist %s: %s", sub, desc,
		    strerror(errno));
}

static void
checkNotExists(const char *name, const char *sub, const char *desc)
{
	if (exists(name))
		tFatalf("%s: unix socket does exist %s", sub, desc);
}

static void
closeUnixListener(net_UnixListener *l)
{
	runtime_error_Free(net_UnixListener_Close(l));
}

/*
 * fileListenerSubtest is one of TestUnixUnlink's FileListener subtests: a
 * listener made from another's File unlinks only if told to (setUnlink
 * 1 or 0; -1 leaves the default, which is not to).
 */
static void
fileListenerSubtest(const char *name, const char *sub, int setUnlink)
{
	net_UnixListener *l;
	net_Listener	 *l1;
	os_File		 *f;

	l = unlinkListen(name);
	if (net_UnixListener_File(l, &f) != NULL ||
	    net_FileListener(f, &l1) != NULL)
		tFatalf("%s: File or FileListener failed", sub);
	checkExists(name, sub, "after FileListener");
	if (setUnlink >= 0)
		net_UnixListener_SetUnlinkOnClose(
		    net_Listener_UnixListener(l1), setUnlink == 1);
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
	checkExists(name, sub, "after File close");
	runtime_error_Free(net_Listener_Close(l1));
	net_Listener_Free(l1);
	if (setUnlink == 1)
		checkNotExists(name, sub, "after FileListener close");
	else
		checkExists(name, sub, "after FileListener close");
	closeUnixListener(l);
	if (setUnlink == -1)
		checkNotExists(name, sub, "after Listener close");
	net_UnixListener_Free(l);
}

/* TestUnixUnlink: Go's subtests run in order. */
START_TEST(TestUnixUnlink)
{
	net_UnixListener *l;
	const char	 *name, *sub;
	FILE		 *f;

	if (!testableNetwork("unix")) {
		tSkipf("unix test");
		return;
	}
	name = testUnixAddr();

	/* Listener should remove on close. */
	sub = "Listen";
	l = unlinkListen(name);
	checkExists(name, sub, "after Listen");
	closeUnixListener(l);
	checkNotExists(name, sub, "after Listener close");
	net_UnixListener_Free(l);

	/* FileListener should not. */
	fileListenerSubtest(name, "FileListener", -1);

	/* Only first call to l.Close should remove. */
	sub = "SecondClose";
	l = unlinkListen(name);
	checkExists(name, sub, "after Listen");
	closeUnixListener(l);
	checkNotExists(name, sub, "after Listener close");
	f = fopen(name, "w");
	if (f == NULL || fputs("hello world", f) < 0)
		tFatalf("cannot recreate socket file: %s", strerror(errno));
	fclose(f);
	checkExists(name, sub, "after writing temp file");
	closeUnixListener(l);
	checkExists(name, sub, "after second Listener close");
	unlink(name);
	net_UnixListener_Free(l);

	/* SetUnlinkOnClose should do what it says. */
	sub = "Listen/SetUnlinkOnClose(true)";
	l = unlinkListen(name);
	checkExists(name, sub, "after Listen");
	net_UnixListener_SetUnlinkOnClose(l, true);
	closeUnixListener(l);
	checkNotExists(name, sub, "after Listener close");
	net_UnixListener_Free(l);

	sub = "Listen/SetUnlinkOnClose(false)";
	l = unlinkListen(name);
	checkExists(name, sub, "after Listen");
	net_UnixListener_SetUnlinkOnClose(l, false);
	closeUnixListener(l);
	checkExists(name, sub, "after Listener close");
	unlink(name);
	net_UnixListener_Free(l);

	fileListenerSubtest(name, "FileListener/SetUnlinkOnClose(true)", 1);
	fileListenerSubtest(name, "FileListener/SetUnlinkOnClose(false)", 0);
	tDone();
}
END_TEST

Suite *
unixsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("unixsock");
	tc = newNetTCase("Unixgram", 30);
	tcase_add_test(tc, TestReadUnixgramWithUnnamedSocket);
	tcase_add_test(tc, TestUnixgramZeroBytePayload);
	tcase_add_test(tc, TestUnixgramZeroByteBuffer);
	tcase_add_test(tc, TestUnixgramWrite);
	tcase_add_test(tc, TestUnixgramConnLocalAndRemoteNames);
	suite_add_tcase(s, tc);
	tc = newNetTCase("UnixConn", 30);
	tcase_add_test(tc, TestUnixConnLocalAndRemoteNames);
	tcase_add_test(tc, TestUnixUnlink);
	suite_add_tcase(s, tc);
	return s;
}
