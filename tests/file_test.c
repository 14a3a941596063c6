/*
 * C port of go1.19 src/net/file_test.go (built on: !js).  Go's type
 * switches on the concrete conn become the interface views
 * (net_Conn_TCPConn and friends); reflect.DeepEqual of two addresses is
 * addrDeepEqual (same type, network and text).
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

static bool
addrDeepEqual(const net_Addr *a, const net_Addr *b)
{
	char *as, *bs;
	bool  eq;

	if (a == NULL || b == NULL)
		return a == b;
	if (a->type != b->type)
		return false;
	as = net_Addr_String(a);
	bs = net_Addr_String(b);
	eq = strcmp(as, bs) == 0 &&
	    strcmp(net_Addr_Network(a), net_Addr_Network(b)) == 0;
	free(as);
	free(bs);
	return eq;
}

/* fileErrCheck reports err the way Go's tests do (parseCommonError). */
static void
fileErrCheck(runtime_error *err)
{
	char *perr;

	if (err == NULL)
		return;
	if ((perr = parseCommonError(err)) != NULL)
		tErrorf("%s", tStr(perr));
	tFatalf("%s", tErrStr(err));
}

static void
freeFile(void *f)
{
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
}

/* The server side: accept one connection and wait for one byte. */
static void
acceptAndReadOne(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	(void)ls;
	(void)arg;

	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	runtime_error_Free(net_Conn_Read(c, b, sizeof(b), &n));
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

static const char *const fileConnTests[] = { "tcp", "udp", "unix",
	"unixpacket" };

/* connFile is Go's switch on c1's type calling its File method. */
static runtime_error *
connFile(net_Conn *c, os_File **f)
{
	*f = NULL;
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_File(net_Conn_TCPConn(c), f);
	if (net_Conn_UDPConn(c) != NULL)
		return net_UDPConn_File(net_Conn_UDPConn(c), f);
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_File(net_Conn_UnixConn(c), f);
	return NULL;
}

START_TEST(TestFileConn)
{
	const char     *network;
	net_PacketConn *pc;
	localServer    *ls;
	net_Conn       *c1, *c2;
	net_Addr       *addr;
	os_File	       *f;
	runtime_error  *err, *cerr;
	char	       *perr, *address;
	ptrdiff_t	n;

	network = fileConnTests[_i];
	if (!testableNetwork(network)) {
		tSkipf("skipping %s test", network);
		return;
	}
	if (strcmp(network, "udp") == 0) {
		pc = newLocalPacketListener(network, NULL);
		deferPacketConn(pc);
		address = addrString(net_PacketConn_LocalAddr(pc));
	} else {
		ls = newLocalServer(network);
		deferLocalServer(ls);
		if ((err = localServer_buildup(ls, acceptAndReadOne, NULL)) !=
		    NULL)
			tFatalf("%s", tErrStr(err));
		address = addrString(net_Listener_Addr(ls->Listener));
	}
	if ((err = net_Dial(network, address, &c1)) != NULL) {
		if ((perr = parseDialError(err)) != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	addr = net_Addr_clone(net_Conn_LocalAddr(c1));
	tDeferFree(free, addr);
	err = connFile(c1, &f);
	if ((cerr = net_Conn_Close(c1)) != NULL) {
		if ((perr = parseCloseError(cerr, false)) != NULL)
			tErrorf("%s", tStr(perr));
		tErrorf("%s", tErrStr(cerr));
	}
	net_Conn_Free(c1);
	fileErrCheck(err);
	tDeferFree(freeFile, f);

	err = net_FileConn(f, &c2);
	if ((cerr = os_File_Close(f)) != NULL)
		tErrorf("%s", tErrStr(cerr));
	fileErrCheck(err);
	deferConn(c2);
	err = net_Conn_Write(c2, "FILECONN TEST", strlen("FILECONN TEST"), &n);
	if (err != NULL) {
		if ((perr = parseWriteError(err)) != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	if (!addrDeepEqual(net_Conn_LocalAddr(c2), addr))
		tFatalf("got %s; want %s", addrString(net_Conn_LocalAddr(c2)),
		    addrString(addr));
	tDone();
}
END_TEST

static const char *const fileListenerTests[] = { "tcp", "unix", "unixpacket" };

/* dialAndClose is the goroutine that dials ln2 once. */
static void *
dialAndClose(void *arg)
{
	net_Listener  *ln2 = arg;
	net_Conn      *c;
	runtime_error *err;
	char	      *address, *perr;

	address = net_Addr_String(net_Listener_Addr(ln2));
	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln2)), address, &c);
	free(address);
	if (err != NULL) {
		if ((perr = parseDialError(err)) != NULL)
			tErrorf("%s", tStr(perr));
		tErrorf("%s", tErrStr(err));
		return NULL;
	}
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
	return NULL;
}

START_TEST(TestFileListener)
{
	const char    *network;
	net_Listener  *ln1, *ln2;
	net_Conn      *c;
	net_Addr      *addr;
	os_File	      *f;
	goroutine     *g;
	runtime_error *err, *cerr;
	char	      *perr;
	bool	       isUnix;

	network = fileListenerTests[_i];
	if (!testableNetwork(network)) {
		tSkipf("skipping %s test", network);
		return;
	}
	ln1 = newLocalListener(network, NULL);
	isUnix = strcmp(network, "tcp") != 0;
	if (isUnix)
		deferRemove(addrString(net_Listener_Addr(ln1)));
	addr = net_Addr_clone(net_Listener_Addr(ln1));
	tDeferFree(free, addr);
	if (net_Listener_TCPListener(ln1) != NULL)
		err = net_TCPListener_File(net_Listener_TCPListener(ln1), &f);
	else
		err = net_UnixListener_File(net_Listener_UnixListener(ln1), &f);
	if (isUnix) {
		/* UnixListener.Close unlinks the path: Go defers it. */
		deferListener(ln1);
	} else {
		if ((cerr = net_Listener_Close(ln1)) != NULL)
			tErrorf("%s", tErrStr(cerr));
		net_Listener_Free(ln1);
	}
	fileErrCheck(err);
	tDeferFree(freeFile, f);

	err = net_FileListener(f, &ln2);
	if ((cerr = os_File_Close(f)) != NULL)
		tErrorf("%s", tErrStr(cerr));
	fileErrCheck(err);
	deferListener(ln2);

	g = goStart(dialAndClose, ln2);
	if ((err = net_Listener_Accept(ln2, &c)) != NULL) {
		if ((perr = parseAcceptError(err)) != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
	goJoin(g);
	if (!addrDeepEqual(net_Listener_Addr(ln2), addr))
		tFatalf("got %s; want %s", addrString(net_Listener_Addr(ln2)),
		    addrString(addr));
	tDone();
}
END_TEST

static const char *const filePacketConnTests[] = { "udp", "unixgram" };

START_TEST(TestFilePacketConn)
{
	const char     *network;
	net_PacketConn *c1, *c2;
	net_Addr       *addr;
	os_File	       *f;
	runtime_error  *err, *cerr;
	char	       *perr;
	ptrdiff_t	n;

	network = filePacketConnTests[_i];
	if (!testableNetwork(network)) {
		tSkipf("skipping %s test", network);
		return;
	}
	c1 = newLocalPacketListener(network, NULL);
	if (strcmp(network, "unixgram") == 0)
		deferRemove(addrString(net_PacketConn_LocalAddr(c1)));
	addr = net_Addr_clone(net_PacketConn_LocalAddr(c1));
	tDeferFree(free, addr);
	if (net_PacketConn_UDPConn(c1) != NULL)
		err = net_UDPConn_File(net_PacketConn_UDPConn(c1), &f);
	else
		err = net_UnixConn_File(net_PacketConn_UnixConn(c1), &f);
	if ((cerr = net_PacketConn_Close(c1)) != NULL) {
		if ((perr = parseCloseError(cerr, false)) != NULL)
			tErrorf("%s", tStr(perr));
		tErrorf("%s", tErrStr(cerr));
	}
	net_PacketConn_Free(c1);
	fileErrCheck(err);
	tDeferFree(freeFile, f);

	err = net_FilePacketConn(f, &c2);
	if ((cerr = os_File_Close(f)) != NULL)
		tErrorf("%s", tErrStr(cerr));
	fileErrCheck(err);
	deferPacketConn(c2);
	err = net_PacketConn_WriteTo(
	    c2, "FILEPACKETCONN TEST", strlen("FILEPACKETCONN TEST"), addr, &n);
	if (err != NULL) {
		if ((perr = parseWriteError(err)) != NULL)
			tErrorf("%s", tStr(perr));
		tFatalf("%s", tErrStr(err));
	}
	if (!addrDeepEqual(net_PacketConn_LocalAddr(c2), addr))
		tFatalf("got %s; want %s",
		    addrString(net_PacketConn_LocalAddr(c2)), addrString(addr));
	tDone();
}
END_TEST

static void *
fileAndClose(void *arg)
{
	os_File	      *f;
	runtime_error *err;

	/* Losing the race to Close is fine: Go drops that error too. */
	if ((err = net_TCPConn_File(arg, &f)) == NULL) {
		runtime_error_Free(os_File_Close(f));
		os_File_Free(f);
	}
	runtime_error_Free(err);
	return NULL;
}

static void *
closeConn(void *arg)
{
	runtime_error_Free(net_TCPConn_Close(arg));
	return NULL;
}

/* Go issue 24483: File racing Close must neither crash nor leak. */
START_TEST(TestFileCloseRace)
{
	localServer   *ls;
	net_Conn      *c1;
	goroutine     *g1, *g2;
	runtime_error *err;
	char	      *address;
	int	       i;
	enum { tries = 100 };

	if (!testableNetwork("tcp")) {
		tSkipf("tcp not supported");
		return;
	}
	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	if ((err = localServer_buildup(ls, acceptAndReadOne, NULL)) != NULL)
		tFatalf("%s", tErrStr(err));
	address = addrString(net_Listener_Addr(ls->Listener));
	for (i = 0; i < tries; i++) {
		if ((err = net_Dial("tcp", address, &c1)) != NULL)
			tFatalf("%s", tErrStr(err));
		g1 = goStart(fileAndClose, net_Conn_TCPConn(c1));
		g2 = goStart(closeConn, net_Conn_TCPConn(c1));
		goJoin(g1);
		goJoin(g2);
		net_Conn_Free(c1);
	}
	tDone();
}
END_TEST

/* wantErr fails unless err's text is want (Go 1.19's, run by hand). */
static void
wantErr(runtime_error *err, const char *want)
{
	const char *got;

	got = err != NULL ? tErrStr(err) : "<nil>";
	if (strcmp(got, want) != 0)
		tErrorf("got %s; want %s", got, want);
}

/*
 * testFileErrors checks Go's texts and Fd's blocking mode, as a Go 1.19
 * program printed them: a File of a closed conn or listener, FileConn of
 * a closed File and of a regular file, FileListener
 * of a UDP socket, FilePacketConn of a TCP one, and a closed or
 * read-only File's Read, Write and Seek.
 */
START_TEST(testFileErrors)
{
	net_PacketConn *pc, *pc2;
	net_Listener   *ln, *ln2;
	net_Conn       *c, *c2;
	os_File	       *f, *uf, *rf;
	char	       *want, b[1] = { 0 };
	ptrdiff_t	n;
	int64_t		off;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	if (net_Dial("tcp", addrString(net_Listener_Addr(ln)), &c) != NULL)
		tFatalf("Dial failed");
	deferConn(c);
	if (net_TCPConn_File(net_Conn_TCPConn(c), &f) != NULL)
		tFatalf("File failed");
	tDeferFree(freeFile, f);
	want = tStr(
	    runtime_concatstrings("tcp:", addrString(net_Conn_LocalAddr(c)),
		"->", addrString(net_Conn_RemoteAddr(c)), (char *)NULL));
	if (strcmp(os_File_Name(f), want) != 0)
		tErrorf("Name() = %s; want %s", os_File_Name(f), want);
	if (fdNonblock(os_File_Fd(f)) != 0)
		tErrorf("Fd() left O_NONBLOCK set");
	runtime_error_Free(net_Conn_Close(c));
	wantErr(net_TCPConn_File(net_Conn_TCPConn(c), &uf),
	    tStr(runtime_concatstrings("file tcp ",
		addrString(net_Conn_LocalAddr(c)), "->",
		addrString(net_Conn_RemoteAddr(c)),
		": use of closed network connection", (char *)NULL)));
	wantErr(net_FilePacketConn(f, &pc2),
	    tStr(runtime_concatstrings(
		"file file+net ", want, ": invalid argument", (char *)NULL)));
	runtime_error_Free(os_File_Close(f));
	wantErr(os_File_Read(f, b, sizeof(b), &n),
	    tStr(runtime_concatstrings(
		"read ", want, ": file already closed", (char *)NULL)));
	wantErr(os_File_Write(f, b, sizeof(b), &n),
	    tStr(runtime_concatstrings(
		"write ", want, ": file already closed", (char *)NULL)));
	wantErr(os_File_Seek(f, 0, SEEK_SET, &off),
	    tStr(runtime_concatstrings(
		"seek ", want, ": file already closed", (char *)NULL)));
	wantErr(os_File_Close(f),
	    tStr(runtime_concatstrings(
		"close ", want, ": file already closed", (char *)NULL)));
	wantErr(net_FileConn(f, &c2),
	    tStr(runtime_concatstrings("file file+net ", want,
		": fcntl: bad file descriptor", (char *)NULL)));
	if (os_File_Fd(f) != UINTPTR_MAX)
		tErrorf("Fd() of a closed File = %ju; want ^uintptr(0)",
		    (uintmax_t)os_File_Fd(f));

	if (os_Open("/dev/null", &rf) != NULL)
		tFatalf("Open failed");
	tDeferFree(freeFile, rf);
	wantErr(net_FileListener(rf, &ln2),
	    "file file+net /dev/null: getsockopt: socket operation on "
	    "non-socket");
	runtime_error_Free(os_File_Close(rf));
	if (os_Open("/etc/hostname", &rf) == NULL) {
		wantErr(os_File_Seek(rf, -1, SEEK_SET, &off),
		    "seek /etc/hostname: invalid argument");
		wantErr(os_File_Write(rf, b, sizeof(b), &n),
		    "write /etc/hostname: bad file descriptor");
		freeFile(rf);
	}
	wantErr(os_Open("/nonexistent/x", &rf),
	    "open /nonexistent/x: no such file or directory");

	pc = newLocalPacketListener("udp", NULL);
	deferPacketConn(pc);
	if (net_UDPConn_File(net_PacketConn_UDPConn(pc), &uf) != NULL)
		tFatalf("File failed");
	tDeferFree(freeFile, uf);
	wantErr(net_FileListener(uf, &ln2),
	    tStr(runtime_concatstrings("file file+net ", os_File_Name(uf),
		": invalid argument", (char *)NULL)));
	runtime_error_Free(os_File_Close(uf));
	tDone();
}
END_TEST

/*
 * testOSPipeDeadline: os.Pipe's ends are pollable, so deadlines work on
 * them, and the texts are Go's, from a Go 1.19 program: "read |0: i/o
 * timeout" (a timeout), "file type does not support deadline" for a
 * regular file, "use of closed file" after Close.
 */
START_TEST(testOSPipeDeadline)
{
	os_File	      *r, *w, *g;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	if ((err = os_Pipe(&r, &w)) != NULL)
		tFatalf("Pipe: %s", tErrStr(err));
	tDeferFree(freeFile, r);
	tDeferFree(freeFile, w);
	if (strcmp(os_File_Name(r), "|0") != 0 ||
	    strcmp(os_File_Name(w), "|1") != 0)
		tErrorf("names %s %s; want |0 |1", os_File_Name(r),
		    os_File_Name(w));
	wantErr(os_File_SetReadDeadline(
		    r, time_Time_Add(time_Now(), time_Millisecond)),
	    "<nil>");
	err = os_File_Read(r, b, sizeof(b), &n);
	if (!errors_Is(err, os_ErrDeadlineExceeded) || !net_Error_Timeout(err))
		tErrorf("Read = %s; want a timeout",
		    err != NULL ? runtime_error_Error(err) : "<nil>");
	wantErr(err, "read |0: i/o timeout");
	if (os_Open("/etc/hostname", &g) == NULL) {
		wantErr(os_File_SetDeadline(g, time_Now()),
		    "file type does not support deadline");
		freeFile(g);
	}
	wantErr(os_File_Write(w, "x", 1, &n), "<nil>");
	wantErr(os_File_SetReadDeadline(r, (time_Time){ 0 }), "<nil>");
	err = os_File_Read(r, b, sizeof(b), &n);
	if (err != NULL || n != 1 || b[0] != 'x')
		tErrorf("Read = %td, %s; want 1, <nil>", n,
		    err != NULL ? tErrStr(err) : "<nil>");
	runtime_error_Free(os_File_Close(w));
	err = os_File_Read(r, b, sizeof(b), &n);
	if (err != io_EOF || n != 0)
		tErrorf("Read = %td, %s; want 0, EOF", n,
		    err != NULL ? tErrStr(err) : "<nil>");
	wantErr(os_File_SetDeadline(w, time_Now()), "use of closed file");
	tDone();
}
END_TEST

Suite *
file_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("file");
	tc = newNetTCase("File", 60);
	tcase_add_loop_test(tc, TestFileConn, 0, nelem(fileConnTests));
	tcase_add_loop_test(tc, TestFileListener, 0, nelem(fileListenerTests));
	tcase_add_loop_test(
	    tc, TestFilePacketConn, 0, nelem(filePacketConnTests));
	tcase_add_test(tc, TestFileCloseRace);
	tcase_add_test(tc, testFileErrors);
	tcase_add_test(tc, testOSPipeDeadline);
	suite_add_tcase(s, tc);
	return s;
}
