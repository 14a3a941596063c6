/*
 * C port of go1.19 src/net/splice_test.go (built on: linux).  Go runs
 * each client in a child process over the conn's File; gonet runs it in
 * a goroutine on the conn itself, which keeps the same bytes on the same
 * sockets.  io.Copy(serverDown, r) is TCPConn.ReadFrom, which is what
 * Go's io.Copy calls.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

/* spliceTestSocketPair dials a new local listener and accepts the dial. */
static void
spliceTestSocketPair(const char *network, net_Conn **client, net_Conn **server)
{
	net_Listener  *ln;
	runtime_error *err;

	ln = newLocalListener(network, NULL);
	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), client);
	if (err == NULL && (err = net_Listener_Accept(ln, server)) != NULL) {
		runtime_error_Free(net_Conn_Close(*client));
		net_Conn_Free(*client);
	}
	runtime_error_Free(net_Listener_Close(ln));
	net_Listener_Free(ln);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
}

typedef struct spliceClient {
	net_Conn *conn;
	bool	  write;
	size_t	  chunkSize;
	size_t	  totalSize;
} spliceClient;

/* spliceClientRun is Go's child: totalSize bytes in chunks, then Close. */
static void *
spliceClientRun(void *arg)
{
	spliceClient  *sc = arg;
	runtime_error *err;
	char	      *buf;
	size_t	       count, len;
	ptrdiff_t      n;

	buf = calloc(1, sc->chunkSize);
	for (count = 0; count < sc->totalSize; count += (size_t)n) {
		len = sc->chunkSize;
		if (count + len > sc->totalSize)
			len = sc->totalSize - count;
		err = sc->write ? net_Conn_Write(sc->conn, buf, len, &n)
				: net_Conn_Read(sc->conn, buf, len, &n);
		if (err != NULL) {
			runtime_error_Free(err);
			break;
		}
	}
	free(buf);
	runtime_error_Free(net_Conn_Close(sc->conn));
	return NULL;
}

static goroutine *
startSpliceClient(spliceClient *sc, net_Conn *conn, bool write,
    size_t chunkSize, size_t totalSize)
{
	sc->conn = conn;
	sc->write = write;
	sc->chunkSize = chunkSize;
	sc->totalSize = totalSize;
	tDeferFree((void (*)(void *))net_Conn_Free, conn);
	return goStart(spliceClientRun, sc);
}

/* ioCopy is Go's io.Copy(dst, src) to a Conn (ReadFrom when it has one). */
static runtime_error *
ioCopy(net_Conn *dst, io_Reader src, int64_t *n)
{
	return io_Copy(net_Conn_Writer(dst), src, n);
}

typedef enum {
	spliceCase,
	readerAtEOF,
	issue25985,
	noUnixpacket,
	noUnixgram
} spliceKind;

static const struct spliceTest {
	const char *name;
	const char *upNet, *downNet;
	spliceKind  kind;
	size_t	    chunkSize, totalSize;
	int64_t	    limitReadSize;
} spliceTests[] = {
	{ "tcp-to-tcp/simple", "tcp", "tcp", spliceCase, 128, 128, 0 },
	{ "tcp-to-tcp/multipleWrite", "tcp", "tcp", spliceCase, 4096, 1 << 20,
	    0 },
	{ "tcp-to-tcp/big", "tcp", "tcp", spliceCase, 5 << 20, 1 << 30, 0 },
	{ "tcp-to-tcp/honorsLimitedReader", "tcp", "tcp", spliceCase, 4096,
	    1 << 20, 1 << 10 },
	{ "tcp-to-tcp/updatesLimitedReaderN", "tcp", "tcp", spliceCase, 1024,
	    4096, 4096 + 100 },
	{ "tcp-to-tcp/limitedReaderAtLimit", "tcp", "tcp", spliceCase, 32, 128,
	    128 },
	{ "tcp-to-tcp/readerAtEOF", "tcp", "tcp", readerAtEOF, 0, 0, 0 },
	{ "tcp-to-tcp/issue25985", "tcp", "tcp", issue25985, 0, 0, 0 },
	{ "unix-to-tcp/simple", "unix", "tcp", spliceCase, 128, 128, 0 },
	{ "unix-to-tcp/multipleWrite", "unix", "tcp", spliceCase, 4096, 1 << 20,
	    0 },
	{ "unix-to-tcp/big", "unix", "tcp", spliceCase, 5 << 20, 1 << 30, 0 },
	{ "unix-to-tcp/honorsLimitedReader", "unix", "tcp", spliceCase, 4096,
	    1 << 20, 1 << 10 },
	{ "unix-to-tcp/updatesLimitedReaderN", "unix", "tcp", spliceCase, 1024,
	    4096, 4096 + 100 },
	{ "unix-to-tcp/limitedReaderAtLimit", "unix", "tcp", spliceCase, 32,
	    128, 128 },
	{ "unix-to-tcp/readerAtEOF", "unix", "tcp", readerAtEOF, 0, 0, 0 },
	{ "unix-to-tcp/issue25985", "unix", "tcp", issue25985, 0, 0, 0 },
	{ "no-unixpacket", "unixpacket", "tcp", noUnixpacket, 0, 0, 0 },
	{ "no-unixgram", "unixgram", "tcp", noUnixgram, 0, 0, 0 },
};

static void
spliceTestCase_test(const struct spliceTest *tc)
{
	spliceClient	 up, down;
	io_LimitedReader lr;
	net_Conn	*clientUp, *serverUp, *clientDown, *serverDown;
	goroutine	*g1, *g2;
	runtime_error	*err;
	io_Reader	 r;
	int64_t		 n, size, wantN;

	spliceTestSocketPair(tc->upNet, &clientUp, &serverUp);
	deferConn(serverUp);
	g1 = startSpliceClient(
	    &up, clientUp, true, tc->chunkSize, tc->totalSize);
	spliceTestSocketPair(tc->downNet, &clientDown, &serverDown);
	deferConn(serverDown);
	g2 = startSpliceClient(
	    &down, clientDown, false, tc->chunkSize, tc->totalSize);
	r = net_Conn_Reader(serverUp);
	size = (int64_t)tc->totalSize;
	if (tc->limitReadSize > 0) {
		if (tc->limitReadSize < size)
			size = tc->limitReadSize;
		lr.N = tc->limitReadSize;
		lr.R = r;
		r = io_LimitedReader_Reader(&lr);
	}
	err = ioCopy(serverDown, r, &n);
	runtime_error_Free(net_Conn_Close(serverDown));
	/* Go's second deferred serverUp.Close, which ends the writer. */
	if (tc->limitReadSize > 0)
		runtime_error_Free(net_Conn_Close(serverUp));
	goJoin(g2);
	goJoin(g1);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	if (size != n)
		tErrorf("want %lld bytes spliced, got %lld", (long long)size,
		    (long long)n);
	if (tc->limitReadSize > 0) {
		wantN = 0;
		if (tc->limitReadSize > size)
			wantN = tc->limitReadSize - size;
		if (lr.N != wantN)
			tErrorf("r.N = %lld, want %lld", (long long)lr.N,
			    (long long)wantN);
	}
}

typedef struct atEOF {
	net_Conn *serverUp, *serverDown;
} atEOF;

static void *
readFromThenBye(void *arg)
{
	atEOF	 *a = arg;
	int64_t	  n;
	ptrdiff_t nw;

	runtime_error_Free(net_TCPConn_ReadFrom(
	    net_Conn_TCPConn(a->serverDown), net_Conn_Reader(a->serverUp), &n));
	runtime_error_Free(net_Conn_Write(a->serverDown, "bye", 3, &nw));
	runtime_error_Free(net_Conn_Close(a->serverDown));
	return NULL;
}

static void
testSpliceReaderAtEOF(const char *upNet, const char *downNet)
{
	net_Conn      *clientUp, *clientDown;
	atEOF	       a;
	goroutine     *g;
	runtime_error *err;
	char	       buf[3];
	ptrdiff_t      n, got;

	spliceTestSocketPair(upNet, &clientUp, &a.serverUp);
	deferConn(clientUp);
	spliceTestSocketPair(downNet, &clientDown, &a.serverDown);
	deferConn(clientDown);
	tDeferFree((void (*)(void *))net_Conn_Free, a.serverUp);
	tDeferFree((void (*)(void *))net_Conn_Free, a.serverDown);

	runtime_error_Free(net_Conn_Close(a.serverUp));
	g = goStart(readFromThenBye, &a);
	/* io.ReadFull(clientDown, buf) */
	for (got = 0, err = NULL; got < 3 && err == NULL; got += n)
		err = net_Conn_Read(clientDown, buf + got, 3 - (size_t)got, &n);
	if (got < 3)
		tErrorf("clientDown: %s", err != NULL ? tErrStr(err) : "short");
	else if (memcmp(buf, "bye", 3) != 0)
		tErrorf("clientDown got %.3s, want bye", buf);
	runtime_error_Free(err);
	goJoin(g);
}

typedef struct proxyArgs {
	net_Listener *front, *back;
	const char   *downNet;
	net_Conn     *src, *dst;
} proxyArgs;

static void *
copySrcDst(void *arg)
{
	proxyArgs *p = arg;
	int64_t	   n;

	runtime_error_Free(ioCopy(p->src, net_Conn_Reader(p->dst), &n));
	return NULL;
}

static void *
copyDstSrc(void *arg)
{
	proxyArgs *p = arg;
	int64_t	   n;

	runtime_error_Free(ioCopy(p->dst, net_Conn_Reader(p->src), &n));
	return NULL;
}

/*
 * proxy closes both conns as soon as its copiers start, as Go's deferred
 * closes do (the point of issue 25985: the copies must still end); it
 * frees them once both copiers returned, Go's wg.Wait.
 */
static void *
proxy(void *arg)
{
	proxyArgs *p = arg;
	goroutine *g1, *g2;
	char	  *address;

	if (net_Listener_Accept(p->front, &p->src) != NULL)
		return NULL;
	address = net_Addr_String(net_Listener_Addr(p->back));
	if (net_Dial(p->downNet, address, &p->dst) != NULL) {
		free(address);
		net_Conn_Free(p->src);
		return NULL;
	}
	free(address);
	g1 = goStart(copySrcDst, p);
	g2 = goStart(copyDstSrc, p);
	runtime_error_Free(net_Conn_Close(p->dst));
	runtime_error_Free(net_Conn_Close(p->src));
	goJoin(g1);
	goJoin(g2);
	net_Conn_Free(p->dst);
	net_Conn_Free(p->src);
	return NULL;
}

static void
testSpliceIssue25985(const char *upNet, const char *downNet)
{
	proxyArgs      p;
	goroutine     *g;
	net_Conn      *toFront, *fromProxy;
	runtime_error *err;
	char	       buf[512];
	ptrdiff_t      n;

	p.front = newLocalListener(upNet, NULL);
	deferListener(p.front);
	p.back = newLocalListener(downNet, NULL);
	deferListener(p.back);
	p.downNet = downNet;
	g = goStart(proxy, &p);

	err = net_Dial(upNet, addrString(net_Listener_Addr(p.front)), &toFront);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	runtime_error_Free(net_Conn_Write(toFront, "foo", 3, &n));
	runtime_error_Free(net_Conn_Close(toFront));
	net_Conn_Free(toFront);

	if ((err = net_Listener_Accept(p.back, &fromProxy)) != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(fromProxy);
	do
		err = net_Conn_Read(fromProxy, buf, sizeof(buf), &n);
	while (err == NULL);
	if (err != io_EOF)
		tFatalf("%s", tErrStr(err));
	goJoin(g);
}

static void testSpliceNoUnixpacket(void);
static void testSpliceNoUnixgram(void);

START_TEST(TestSplice)
{
	const struct spliceTest *tc = &spliceTests[_i];

	if (!testableNetwork(tc->upNet)) {
		tSkipf("%s: %s not supported", tc->name, tc->upNet);
		return;
	}
	switch (tc->kind) {
	case spliceCase:
		spliceTestCase_test(tc);
		break;
	case readerAtEOF:
		testSpliceReaderAtEOF(tc->upNet, tc->downNet);
		break;
	case issue25985:
		testSpliceIssue25985(tc->upNet, tc->downNet);
		break;
	case noUnixpacket:
		testSpliceNoUnixpacket();
		break;
	case noUnixgram:
		testSpliceNoUnixgram();
		break;
	}
	tDone();
}
END_TEST

/*
 * no-unixpacket and no-unixgram: splice must not even try a Unix socket
 * that is not a stream (err nil, handled false).
 */
static void
testSpliceNoUnixpacket(void)
{
	net_Conn      *clientUp, *serverUp, *clientDown, *serverDown;
	runtime_error *err;
	int64_t	       n;
	bool	       handled;

	spliceTestSocketPair("unixpacket", &clientUp, &serverUp);
	deferConn(clientUp);
	deferConn(serverUp);
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	deferConn(clientDown);
	deferConn(serverDown);
	err = net_splice(net_Conn_TCPConn(serverDown)->conn.fd,
	    net_Conn_Reader(serverUp), &n, &handled);
	if (err != NULL || handled)
		tFatalf(
		    "got err = %s, handled = %d, want nil error, handled == "
		    "false",
		    err != NULL ? tErrStr(err) : "<nil>", handled);
}

static void
testSpliceNoUnixgram(void)
{
	net_UnixAddr  *addr;
	net_UnixConn  *up;
	net_Conn      *clientDown, *serverDown;
	runtime_error *err;
	int64_t	       n;
	bool	       handled;

	if ((err = net_ResolveUnixAddr("unixgram", testUnixAddr(), &addr)) !=
	    NULL)
		tFatalf("%s", tErrStr(err));
	tDeferFree(free, addr);
	deferRemove(addr->Name);
	if ((err = net_ListenUnixgram("unixgram", addr, &up)) != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(net_UnixConn_Conn(up));
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	deferConn(clientDown);
	deferConn(serverDown);
	err = net_splice(net_Conn_TCPConn(serverDown)->conn.fd,
	    net_Conn_Reader(net_UnixConn_Conn(up)), &n, &handled);
	if (err != NULL || handled)
		tFatalf(
		    "got err = %s, handled = %d, want nil error, handled == "
		    "false",
		    err != NULL ? tErrStr(err) : "<nil>", handled);
}

/* testSpliceHandled: a TCP source does take the splice path. */
START_TEST(testSpliceHandled)
{
	net_Conn      *clientUp, *serverUp, *clientDown, *serverDown;
	runtime_error *err;
	char	       buf[8];
	ptrdiff_t      nr;
	int64_t	       n;
	bool	       handled;

	spliceTestSocketPair("tcp", &clientUp, &serverUp);
	deferConn(clientUp);
	deferConn(serverUp);
	spliceTestSocketPair("tcp", &clientDown, &serverDown);
	deferConn(clientDown);
	deferConn(serverDown);
	runtime_error_Free(net_Conn_Write(clientUp, "hello", 5, &nr));
	runtime_error_Free(net_Conn_Close(clientUp));
	err = net_splice(net_Conn_TCPConn(serverDown)->conn.fd,
	    net_Conn_Reader(serverUp), &n, &handled);
	if (err != NULL || !handled || n != 5)
		tFatalf("splice = %lld, %s, %d; want 5, <nil>, true",
		    (long long)n, err != NULL ? tErrStr(err) : "<nil>",
		    handled);
	err = net_Conn_Read(clientDown, buf, sizeof(buf), &nr);
	if (err != NULL || nr != 5 || memcmp(buf, "hello", 5) != 0)
		tFatalf("read %td bytes, %s", nr,
		    err != NULL ? tErrStr(err) : "<nil>");
	tDone();
}
END_TEST

Suite *
splice_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("splice");
	tc = newNetTCase("Splice", 120);
	tcase_add_loop_test(tc, TestSplice, 0, nelem(spliceTests));
	tcase_add_test(tc, testSpliceHandled);
	suite_add_tcase(s, tc);
	return s;
}
