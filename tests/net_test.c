/*
 * C port of go1.19 src/net/net_test.go (built on: !js): closing, shutdown
 * and zero-byte reads on every stream network, the read wake-ups Go
 * relies on, TestErrors, plus a gonet table of each error type's methods.
 *
 * Go's per-network subtests are Check iterations over a table.
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

static const char *const streamNetworks[] = { "tcp", "unix", "unixpacket" };
static const char *const packetNetworks[] = { "udp", "unixgram" };

/* connCloseRead and connCloseWrite are Go's type switch on c. */
static runtime_error *
connCloseRead(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseRead(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseRead(net_Conn_UnixConn(c));
	return NULL;
}

static runtime_error *
connCloseWrite(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseWrite(net_Conn_UnixConn(c));
	return NULL;
}

static void
reportPerr(char *perr)
{
	if (perr != NULL)
		tErrorf("%s", tStr(perr));
}

/* dialLocal dials ln's own address, failing the test on error. */
static net_Conn *
dialLocal(net_Listener *ln)
{
	net_Conn      *c;
	runtime_error *err;

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	return c;
}

START_TEST(TestCloseRead)
{
	const char    *network;
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	network = streamNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	ln = newLocalListener(network, NULL);
	if (strncmp(network, "unix", 4) == 0)
		deferRemove(addrString(net_Listener_Addr(ln)));
	deferListener(ln);

	c = dialLocal(ln);
	if (strncmp(network, "unix", 4) == 0 && net_Conn_LocalAddr(c) != NULL)
		deferRemove(addrString(net_Conn_LocalAddr(c)));
	deferConn(c);

	err = connCloseRead(c);
	if (err != NULL) {
		reportPerr(parseCloseError(err, true));
		tFatalf("%s", tErrStr(err));
	}
	n = -1;
	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (n != 0 || err == NULL)
		tFatalf("got (%td, %s); want (0, error)", n, tErrStr(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

static time_Time closeWriteDeadline;

static void
closeWriteHandler(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	char	       b[1] = { 0 };
	ptrdiff_t      n;

	(void)arg;
	err = net_Listener_Accept(ln, &c);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		return;
	}
	localServer_addConn(ls, c); /* teardown closes it, free frees it */
	runtime_error_Free(net_Conn_SetDeadline(c, closeWriteDeadline));

	n = -1;
	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (n != 0 || err != io_EOF) {
		tErrorf("got (%td, %s); want (0, io.EOF)", n, tErrStr(err));
		return;
	}
	err = connCloseWrite(c);
	if (err != NULL) {
		reportPerr(parseCloseError(err, true));
		tErrorf("%s", tErrStr(err));
		return;
	}
	n = -1;
	err = net_Conn_Write(c, b, sizeof(b), &n);
	if (err == NULL) {
		tErrorf("got (%td, <nil>); want (any, error)", n);
		return;
	}
	runtime_error_Free(err);
	runtime_error_Free(net_Conn_Close(c));
}

START_TEST(TestCloseWrite)
{
	const char    *network;
	localServer   *ls;
	net_Conn      *c;
	runtime_error *err;
	char	       b[1] = { 0 };
	ptrdiff_t      n;

	/* Leave 10% headroom on the Check timeout (30s) to clean up. */
	closeWriteDeadline = time_Time_Add(time_Now(), 27 * time_Second);
	network = streamNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	ls = newLocalServer(network);
	deferLocalServer(ls);
	localServer_buildup(ls, closeWriteHandler, NULL);

	c = dialLocal(ls->Listener);
	runtime_error_Free(net_Conn_SetDeadline(c, closeWriteDeadline));
	if (strncmp(network, "unix", 4) == 0 && net_Conn_LocalAddr(c) != NULL)
		deferRemove(addrString(net_Conn_LocalAddr(c)));
	deferConn(c);

	err = connCloseWrite(c);
	if (err != NULL) {
		reportPerr(parseCloseError(err, true));
		tFatalf("%s", tErrStr(err));
	}
	n = -1;
	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (n != 0 || err != io_EOF)
		tFatalf("got (%td, %s); want (0, io.EOF)", n, tErrStr(err));
	n = -1;
	err = net_Conn_Write(c, b, sizeof(b), &n);
	if (err == NULL)
		tFatalf("got (%td, <nil>); want (any, error)", n);
	runtime_error_Free(err);
	tDone();
}
END_TEST

START_TEST(TestConnClose)
{
	const char    *network;
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	network = streamNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	ln = newLocalListener(network, NULL);
	if (strncmp(network, "unix", 4) == 0)
		deferRemove(addrString(net_Listener_Addr(ln)));
	deferListener(ln);

	c = dialLocal(ln);
	if (strncmp(network, "unix", 4) == 0 && net_Conn_LocalAddr(c) != NULL)
		deferRemove(addrString(net_Conn_LocalAddr(c)));
	deferConn(c);

	if ((err = net_Conn_Close(c)) != NULL) {
		reportPerr(parseCloseError(err, false));
		tFatalf("%s", tErrStr(err));
	}
	n = -1;
	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (n != 0 || err == NULL)
		tFatalf("got (%td, %s); want (0, error)", n, tErrStr(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

START_TEST(TestListenerClose)
{
	const char    *network;
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;

	network = streamNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	ln = newLocalListener(network, NULL);
	if (strncmp(network, "unix", 4) == 0)
		deferRemove(addrString(net_Listener_Addr(ln)));
	deferListener(ln);

	if ((err = net_Listener_Close(ln)) != NULL) {
		reportPerr(parseCloseError(err, false));
		tFatalf("%s", tErrStr(err));
	}
	err = net_Listener_Accept(ln, &c);
	if (err == NULL) {
		net_Conn_Free(c);
		tFatalf("should fail");
	}
	runtime_error_Free(err);

	/*
	 * A later Dial may still succeed: nothing stops the port from being
	 * reused at once (TIME_WAIT covers connections, not the port).
	 */
	tDone();
}
END_TEST

START_TEST(TestPacketConnClose)
{
	const char     *network;
	net_PacketConn *c;
	net_Addr       *from;
	runtime_error  *err;
	char		b[1];
	ptrdiff_t	n;

	network = packetNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	c = newLocalPacketListener(network, NULL);
	if (strcmp(network, "unixgram") == 0)
		deferRemove(addrString(net_PacketConn_LocalAddr(c)));
	deferPacketConn(c);

	if ((err = net_PacketConn_Close(c)) != NULL) {
		reportPerr(parseCloseError(err, false));
		tFatalf("%s", tErrStr(err));
	}
	n = -1;
	from = NULL;
	err = net_PacketConn_ReadFrom(c, b, sizeof(b), &n, &from);
	free(from);
	if (n != 0 || err == NULL)
		tFatalf("got (%td, %s); want (0, error)", n, tErrStr(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

START_TEST(TestListenCloseListen)
{
	enum { maxTries = 10 };
	net_Listener  *ln;
	runtime_error *err;
	const char    *addr;
	int	       tries;

	for (tries = 0; tries < maxTries; tries++) {
		ln = newLocalListener("tcp", NULL);
		addr = addrString(net_Listener_Addr(ln));
		/*
		 * Racy, as in Go: the port may be reused between this Close
		 * and the next Listen.
		 */
		if ((err = net_Listener_Close(ln)) != NULL) {
			reportPerr(parseCloseError(err, false));
			tFatalf("%s", tErrStr(err));
		}
		net_Listener_Free(ln);
		err = net_Listen("tcp", addr, &ln);
		if (err == NULL) {
			/* Success.  (Go did not always make it here.) */
			net_Listener_Free(ln);
			tDone();
			return;
		}
		tErrorf("failed on try %d/%d: %s", tries + 1, maxTries,
		    tErrStr(err));
	}
	tFatalf("failed to listen/close/listen on same address after %d tries",
	    maxTries);
}
END_TEST

/*
 * abortedConnRequestErrors (error_unix_test.go), handed out one per
 * accept by the socktest filter, before the real accept runs.
 */
static const syscall_Errno abortedConnRequestErrors[] = { ECONNABORTED };
static atomic_int	   abortedConnRequestNext;

static syscall_Errno
acceptAborted(int fd, int flags, int *nfd, syscall_Sockaddr *sa)
{
	int i;

	i = atomic_fetch_add(&abortedConnRequestNext, 1);
	if (i < (int)nelem(abortedConnRequestErrors)) {
		*nfd = -1;
		return abortedConnRequestErrors[i];
	}
	return syscall_Accept4(fd, flags, nfd, sa);
}

static void
abortedConnHandler(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	chan	      *operr;

	(void)ls;
	operr = arg;
	err = net_Listener_Accept(ln, &c);
	if (err != NULL) {
		chanSendMsg(operr, parseAcceptError(err));
		chanSendErr(operr, err);
		chanClose(operr);
		return;
	}
	net_Conn_Free(c);
	chanClose(operr);
}

/* See Go issues 6163 and 6987. */
START_TEST(TestAcceptIgnoreAbortedConnRequest)
{
	localServer   *ls;
	net_Conn      *c;
	runtime_error *err;
	chan	      *operr;

	atomic_store(&abortedConnRequestNext, 0);
	net_acceptFunc = acceptAborted;

	operr = makeChan();
	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	localServer_buildup(ls, abortedConnHandler, operr);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ls->Listener)),
	    addrString(net_Listener_Addr(ls->Listener)), &c);
	if (err != NULL) {
		net_acceptFunc = syscall_Accept4;
		tFatalf("%s", tErrStr(err));
	}
	net_Conn_Free(c);

	chanRangeErrors(operr, "accept");
	localServer_teardown(ls);
	net_acceptFunc = syscall_Accept4;
	if (atomic_load(&abortedConnRequestNext) <
	    (int)nelem(abortedConnRequestErrors))
		tErrorf("accept filter not reached: net_acceptFunc unused");
	tDone();
}
END_TEST

typedef struct zeroArgs {
	net_Listener *ln;
	chan	     *connc;
} zeroArgs;

static void *
zeroByteAccept(void *arg)
{
	zeroArgs      *a;
	net_Conn      *c;
	runtime_error *err;

	a = arg;
	c = NULL;
	err = net_Listener_Accept(a->ln, &c);
	runtime_error_Free(net_Listener_Close(a->ln));
	if (err != NULL)
		tErrorf("%s", tErrStr(err));
	chanSend(a->connc, c); /* might be NULL */
	return NULL;
}

START_TEST(TestZeroByteRead)
{
	const char    *network;
	zeroArgs       a;
	net_Conn      *c, *sc;
	runtime_error *err;
	void	      *v;
	ptrdiff_t      n;

	network = streamNetworks[_i];
	if (!testableNetwork(network)) {
		tSkipf("network %s is not testable on the current platform",
		    network);
		return;
	}

	a.ln = newLocalListener(network, NULL);
	deferListener(a.ln);
	a.connc = makeChan();
	goStart(zeroByteAccept, &a);
	err = net_Dial(network, addrString(net_Listener_Addr(a.ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	chanRecv(a.connc, &v);
	sc = v;
	if (sc == NULL) {
		tDone();
		return;
	}
	deferConn(sc);

	n = -1;
	err = net_Conn_Read(c, NULL, 0, &n);
	if (n != 0 || err != NULL)
		tErrorf("%s: zero byte client read = %td, %s; want 0, nil",
		    network, n, tErrStr(err));

	n = -1;
	err = net_Conn_Read(sc, NULL, 0, &n);
	if (n != 0 || err != NULL)
		tErrorf("%s: zero byte server read = %td, %s; want 0, nil",
		    network, n, tErrStr(err));
	tDone();
}
END_TEST

/* withTCPConnPair (declared in tests/mockserver.h). */

typedef struct pairArgs {
	net_Listener *ln;
	tcpPeer	      peer;
	chan	     *errc;
} pairArgs;

static void *
pairAccept(void *arg)
{
	pairArgs      *a;
	net_Conn      *c1;
	runtime_error *err;
	char	      *msg;

	a = arg;
	err = net_Listener_Accept(a->ln, &c1);
	if (err != NULL) {
		chanSendErr(a->errc, err);
		return NULL;
	}
	msg = a->peer(net_Conn_TCPConn(c1));
	runtime_error_Free(net_Conn_Close(c1));
	net_Conn_Free(c1);
	chanSend(a->errc, msg);
	return NULL;
}

static void *
pairDial(void *arg)
{
	pairArgs      *a;
	net_Conn      *c2;
	runtime_error *err;
	char	      *msg;

	a = arg;
	err = net_Dial("tcp", addrString(net_Listener_Addr(a->ln)), &c2);
	if (err != NULL) {
		chanSendErr(a->errc, err);
		return NULL;
	}
	msg = a->peer(net_Conn_TCPConn(c2));
	runtime_error_Free(net_Conn_Close(c2));
	net_Conn_Free(c2);
	chanSend(a->errc, msg);
	return NULL;
}

void
withTCPConnPair(tcpPeer peer1, tcpPeer peer2)
{
	pairArgs a1, a2;
	chan	*errc;
	void	*v;
	int	 i;

	a1.ln = newLocalListener("tcp", NULL);
	deferListener(a1.ln);
	errc = makeChan();
	a1.peer = peer1;
	a1.errc = errc;
	a2 = a1;
	a2.peer = peer2;
	goStart(pairAccept, &a1);
	goStart(pairDial, &a2);
	for (i = 0; i < 2; i++) {
		chanRecv(errc, &v);
		if (v != NULL)
			tFatalf("%s", tStr(v));
	}
}

static chan *serverDone;

static void *
interruptRead(void *arg)
{
	/*
	 * Go's TODO: find a better way to wait until the Read below is
	 * blocked.  Sleep is lame.
	 */
	time_Sleep(100 * time_Millisecond);

	/* Interrupt the upcoming Read, unblocking it. */
	runtime_error_Free(net_TCPConn_SetReadDeadline(
	    arg, time_Unix(123, 0))); /* time in the past */
	return NULL;
}

typedef struct unblockArgs {
	net_TCPConn *cs;
	chan	    *errc;
} unblockArgs;

static void *
unblockRead(void *arg)
{
	unblockArgs   *a;
	runtime_error *err;
	goroutine     *g;
	char	       buf[1];
	ptrdiff_t      n;

	a = arg;
	g = goStart(interruptRead, a->cs);
	n = -1;
	err = net_TCPConn_Read(a->cs, buf, 1, &n);
	if (n != 0 || err == NULL)
		chanSendf(a->errc, "Read = %td, %s; want 0, non-nil", n,
		    runtime_error_Error(err));
	runtime_error_Free(err);
	goJoin(g);
	chanClose(a->errc);
	return NULL;
}

static char *
readTimeoutServer(net_TCPConn *cs)
{
	unblockArgs a;
	goroutine  *g;
	void	   *v;
	char	   *msg;
	int	    r;

	a.cs = cs;
	a.errc = makeChan();
	g = goStart(unblockRead, &a);
	r = chanRecvTimeout(a.errc, &v, 5 * time_Second);
	msg = NULL;
	if (r == 1)
		msg = v;
	else if (r < 0)
		msg = strdup("timeout waiting for Read to finish");
	if (r >= 0)
		goJoin(g);
	else {
		/* The reader is stuck: Close wakes it before cs is freed. */
		runtime_error_Free(net_TCPConn_Close(cs));
		goJoin(g);
	}
	chanClose(serverDone);
	return msg;
}

static char *
readTimeoutClient(net_TCPConn *c)
{
	(void)c;
	/* Never write; wait for the server's half to be done. */
	chanRecv(serverDone, NULL);
	return NULL;
}

/*
 * Tests that a blocked Read is interrupted by a concurrent SetReadDeadline
 * moving that Conn's read deadline to the past (Go CL 30164, which
 * net/http depends on).
 */
START_TEST(TestReadTimeoutUnblocksRead)
{
	serverDone = makeChan();
	withTCPConnPair(readTimeoutClient, readTimeoutServer);
	tDone();
}
END_TEST

static char *
closeUnblocksServer(net_TCPConn *cs)
{
	/* Give the client time to get stuck in a Read. */
	time_Sleep(20 * time_Millisecond);
	runtime_error_Free(net_TCPConn_Close(cs));
	return NULL;
}

static char *
closeUnblocksClient(net_TCPConn *ss)
{
	runtime_error *err;
	char	       b[1] = { 0 }, *msg;
	ptrdiff_t      n;

	n = -1;
	err = net_TCPConn_Read(ss, b, 1, &n);
	msg = NULL;
	if (n != 0 || err != io_EOF) {
		if (asprintf(&msg, "Read = %td, %s; want 0, EOF", n,
			runtime_error_Error(err)) < 0)
			msg = NULL;
	}
	runtime_error_Free(err);
	return msg;
}

/* Go issue 17695: a blocked Read is woken up by a Close. */
START_TEST(TestCloseUnblocksRead)
{
	withTCPConnPair(closeUnblocksClient, closeUnblocksServer);
	tDone();
}
END_TEST

typedef struct notTemporaryArgs {
	net_Listener *ln;
	chan	     *serverDone;
	chan	     *dialed;
} notTemporaryArgs;

static void *
notTemporaryServer(void *arg)
{
	notTemporaryArgs *a;
	net_Conn	 *cs;
	runtime_error	 *err;

	a = arg;
	err = net_Listener_Accept(a->ln, &cs);
	if (err != NULL) {
		runtime_error_Free(err);
		chanClose(a->serverDone);
		return NULL;
	}
	chanRecv(a->dialed, NULL);
	runtime_error_Free(net_TCPConn_SetLinger(net_Conn_TCPConn(cs), 0));
	runtime_error_Free(net_Conn_Close(cs));
	net_Conn_Free(cs);
	chanClose(a->serverDone);
	return NULL;
}

static void
closeAndWaitServer(void *arg)
{
	notTemporaryArgs *a;

	a = arg;
	runtime_error_Free(net_Listener_Close(a->ln));
	chanRecv(a->serverDone, NULL);
}

/* Go issue 24808: ECONNRESET is not temporary for read. */
START_TEST(TestNotTemporaryRead)
{
	notTemporaryArgs a;
	net_Conn	*ss;
	runtime_error	*err;
	char		 b[1] = { 0 };
	ptrdiff_t	 n;

	a.ln = newLocalListener("tcp", NULL);
	a.serverDone = makeChan();
	a.dialed = makeChan();
	goStart(notTemporaryServer, &a);
	tDeferFree((void (*)(void *))net_Listener_Free, a.ln);
	tDefer(closeAndWaitServer, &a);

	err = net_Dial("tcp", addrString(net_Listener_Addr(a.ln)), &ss);
	chanClose(a.dialed);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(ss);

	err = net_Conn_Read(ss, b, 1, &n);
	if (err == NULL)
		tFatalf("Read succeeded unexpectedly");
	else if (err == io_EOF)
		tFatalf("Read unexpectedly returned io.EOF after socket was "
			"abruptly closed");
	if (net_Error_Temporary(err))
		tErrorf("Read error is unexpectedly temporary: %s",
		    runtime_error_Error(err));
	if (err->type->Timeout == NULL || err->type->Temporary == NULL)
		tErrorf("Read error does not implement net.Error: %s",
		    runtime_error_Error(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

/*
 * Go checks at compile time that each error type implements net.Error; in
 * C that means the method table has Timeout and Temporary.
 */
START_TEST(TestErrors)
{
	runtime_error *errs[8];
	size_t	       i;

	errs[0] = net_newOpError("", "", NULL, NULL, NULL);
	errs[1] = net_newParseError("", "");
	errs[2] = net_newAddrError("", "");
	errs[3] = net_newUnknownNetworkError("");
	errs[4] = net_newInvalidAddrError("");
	errs[5] = net_errTimeout;
	errs[6] = net_newDNSConfigError(NULL);
	errs[7] = net_newDNSError("", "", "", false, false, false);
	for (i = 0; i < nelem(errs); i++) {
		if (errs[i]->type->Timeout == NULL ||
		    errs[i]->type->Temporary == NULL)
			ck_abort_msg(
			    "%s does not implement Error", errs[i]->type->name);
		runtime_error_Free(errs[i]);
	}

	/* ErrClosed is declared as an error, so Go checks it at run time. */
	if (net_ErrClosed->type->Timeout == NULL ||
	    net_ErrClosed->type->Temporary == NULL)
		ck_abort_msg("ErrClosed does not implement Error");
}
END_TEST

/*
 * errorMethodTests: Error(), Timeout() and Temporary() of one value of each
 * error type, in the cases that pick a different branch.  The expected
 * values are the output of tests/testdata/net_errors.go under Go 1.19,
 * which builds the same values in the same order.
 */
static const struct {
	const char *err;
	bool	    timeout;
	bool	    temporary;
} errorMethodTests[] = {
	{ "dial tcp 127.0.0.1:80: connection refused", false, false },
	{ "dial tcp 127.0.0.1:80->127.0.0.1:80: connect: connection refused",
	    false, false },
	{ "read udp [fe80::1%eth0]:53: i/o timeout", true, true },
	{ "read udp [fe80::1%eth0]:53: recvfrom: resource temporarily "
	  "unavailable",
	    true, true },
	{ "accept tcp 127.0.0.1:80: connection reset by peer", false, true },
	{ "accept tcp 127.0.0.1:80: software caused connection abort", false,
	    true },
	{ "accept tcp 127.0.0.1:80: accept4: connection reset by peer", false,
	    false },
	{ "read tcp 127.0.0.1:80: connection reset by peer", false, false },
	{ "accept unix /tmp/s: accept4: too many open files", false, true },
	{ "write: use of closed network connection", false, false },
	{ "listen tcp: boom", false, false },
	{ "dial ip:icmp ::1: unknown network x", false, false },
	{ "invalid IP address: 1.2.3", false, false },
	{ "address 1.2.3.4: missing port in address", false, false },
	{ "no suitable address found", false, false },
	{ "unknown network l2tp", false, false },
	{ "invalid address", false, false },
	{ "lookup x.test: no such host", false, false },
	{ "lookup x.test on 127.0.0.53:53: i/o timeout", true, true },
	{ "lookup x.test on 127.0.0.53:53: server misbehaving", false, true },
	{ "error reading DNS config: open /etc/resolv.conf: no such file",
	    false, false },
	{ "use of closed network connection", false, false },
};

/* errorMethodsValue builds row i's error, as net_errors.go does. */
static runtime_error *
errorMethodsValue(int i)
{
	net_TCPAddr  tcp = { { 0 }, { 0 }, 80, NULL };
	net_UDPAddr  udp = { { 0 }, { 0 }, 53, "eth0" };
	net_UnixAddr unix = { { 0 }, "/tmp/s", "unix" };
	net_IPAddr   ip = { { 0 }, { 0 }, NULL };
	net_Addr    *ta, *ua;

	tcp.IP = net_ParseIP("127.0.0.1");
	udp.IP = net_ParseIP("fe80::1");
	ip.IP = net_ParseIP("::1");
	ta = net_TCPAddr_Addr(&tcp);
	ua = net_UDPAddr_Addr(&udp);
	switch (i) {
	case 0:
		return net_newOpError(
		    "dial", "tcp", NULL, ta, syscall_Errno_Err(ECONNREFUSED));
	case 1:
		return net_newOpError("dial", "tcp", ta, ta,
		    os_NewSyscallError(
			"connect", syscall_Errno_Err(ECONNREFUSED)));
	case 2:
		return net_newOpError(
		    "read", "udp", ua, NULL, os_ErrDeadlineExceeded);
	case 3:
		return net_newOpError("read", "udp", NULL, ua,
		    os_NewSyscallError("recvfrom", syscall_Errno_Err(EAGAIN)));
	case 4:
		return net_newOpError(
		    "accept", "tcp", NULL, ta, syscall_Errno_Err(ECONNRESET));
	case 5:
		return net_newOpError(
		    "accept", "tcp", NULL, ta, syscall_Errno_Err(ECONNABORTED));
	case 6:
		return net_newOpError("accept", "tcp", NULL, ta,
		    os_NewSyscallError(
			"accept4", syscall_Errno_Err(ECONNRESET)));
	case 7:
		return net_newOpError(
		    "read", "tcp", NULL, ta, syscall_Errno_Err(ECONNRESET));
	case 8:
		return net_newOpError("accept", "unix", NULL,
		    net_UnixAddr_Addr(&unix),
		    os_NewSyscallError("accept4", syscall_Errno_Err(EMFILE)));
	case 9:
		return net_newOpError("write", "", NULL, NULL, net_ErrClosed);
	case 10:
		return net_newOpError(
		    "listen", "tcp", NULL, NULL, errors_New("boom"));
	case 11:
		return net_newOpError("dial", "ip:icmp", NULL,
		    net_IPAddr_Addr(&ip), net_newUnknownNetworkError("x"));
	case 12:
		return net_newParseError("IP address", "1.2.3");
	case 13:
		return net_newAddrError("missing port in address", "1.2.3.4");
	case 14:
		return net_newAddrError("no suitable address found", "");
	case 15:
		return net_newUnknownNetworkError("l2tp");
	case 16:
		return net_newInvalidAddrError("invalid address");
	case 17:
		return net_newDNSError(
		    "no such host", "x.test", "", false, false, true);
	case 18:
		return net_newDNSError("i/o timeout", "x.test", "127.0.0.53:53",
		    true, false, false);
	case 19:
		return net_newDNSError("server misbehaving", "x.test",
		    "127.0.0.53:53", false, true, false);
	case 20:
		return net_newDNSConfigError(
		    errors_New("open /etc/resolv.conf: no such file"));
	default:
		return net_ErrClosed;
	}
}

START_TEST(testErrorMethods)
{
	runtime_error *err;
	const char    *s;
	bool	       timeout, temporary;

	err = errorMethodsValue(_i);
	s = net_Error_Error(err);
	timeout = net_Error_Timeout(err);
	temporary = net_Error_Temporary(err);
	if (strcmp(s, errorMethodTests[_i].err) != 0 ||
	    timeout != errorMethodTests[_i].timeout ||
	    temporary != errorMethodTests[_i].temporary)
		ck_abort_msg("#%d: got {%s, %d, %d}; want {%s, %d, %d}", _i, s,
		    timeout, temporary, errorMethodTests[_i].err,
		    errorMethodTests[_i].timeout,
		    errorMethodTests[_i].temporary);
	runtime_error_Free(err);
}
END_TEST

/*
 * The typed methods answer as the interface does; a nil *OpError, *AddrError
 * or *DNSError prints "<nil>" as in Go.
 */
START_TEST(testErrorTypedMethods)
{
	runtime_error *err;
	net_OpError   *oe;

	err = errorMethodsValue(4);
	oe = (net_OpError *)errors_As(err, &net_OpErrorType);
	ck_assert_ptr_nonnull(oe);
	ck_assert_str_eq(net_OpError_Error(oe), errorMethodTests[4].err);
	ck_assert(!net_OpError_Timeout(oe));
	ck_assert(net_OpError_Temporary(oe));
	ck_assert_ptr_eq(net_OpError_Unwrap(oe), syscall_Errno_Err(ECONNRESET));
	ck_assert(errors_Is(err, syscall_Errno_Err(ECONNRESET)));
	runtime_error_Free(err);

	ck_assert_str_eq(net_OpError_Error(NULL), "<nil>");
	ck_assert_str_eq(net_AddrError_Error(NULL), "<nil>");
	ck_assert_str_eq(net_DNSError_Error(NULL), "<nil>");

	err = errorMethodsValue(20);
	ck_assert_str_eq(runtime_error_Error(net_DNSConfigError_Unwrap(
			     (net_DNSConfigError *)err)),
	    "open /etc/resolv.conf: no such file");
	runtime_error_Free(err);
}
END_TEST

/* harnessRecv takes one value from the chan it is given, into chan out. */
static void *
harnessRecv(void *arg)
{
	chan **cs;
	void  *v;

	cs = arg;
	if (chanRecv(cs[0], &v))
		chanSend(cs[1], v);
	return NULL;
}

/*
 * The harness's own goroutines and channels: goStart starts a goroutine
 * in goroutine mode and a thread otherwise; two waiting receivers each
 * get one of two values; a timed receive times out (-1), gets a value
 * (1) and sees a close (0).
 */
START_TEST(testHarnessGoroutines)
{
	goroutine *g[2];
	chan	  *cs[2];
	void	  *v;
	int	   before, i, sum;

	cs[0] = makeChan();
	cs[1] = makeChan();
	before = runtime_NumGoroutine();
	for (i = 0; i < 2; i++)
		g[i] = goStart(harnessRecv, cs);
	ck_assert_int_eq(
	    runtime_NumGoroutine(), before + (inGoroutineMode() ? 2 : 0));
	time_Sleep(20 * time_Millisecond);
	chanSend(cs[0], (void *)1);
	chanSend(cs[0], (void *)2);
	sum = 0;
	for (i = 0; i < 2; i++) {
		ck_assert_int_eq(
		    chanRecvTimeout(cs[1], &v, 5 * time_Second), 1);
		sum += (int)(intptr_t)v;
	}
	ck_assert_int_eq(sum, 3);
	goJoin(g[0]);
	goJoin(g[1]);
	ck_assert_int_eq(chanRecvTimeout(cs[1], &v, 10 * time_Millisecond), -1);
	chanClose(cs[1]);
	ck_assert_int_eq(chanRecvTimeout(cs[1], &v, time_Second), 0);
}
END_TEST

Suite *
net_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("net");
	tc = newNetTCase("close", 30);
	tcase_add_loop_test(tc, TestCloseRead, 0, nelem(streamNetworks));
	tcase_add_loop_test(tc, TestCloseWrite, 0, nelem(streamNetworks));
	tcase_add_loop_test(tc, TestConnClose, 0, nelem(streamNetworks));
	tcase_add_loop_test(tc, TestListenerClose, 0, nelem(streamNetworks));
	tcase_add_loop_test(tc, TestPacketConnClose, 0, nelem(packetNetworks));
	tcase_add_test(tc, TestListenCloseListen);
	suite_add_tcase(s, tc);

	tc = newNetTCase("read", 30);
	tcase_add_test(tc, TestAcceptIgnoreAbortedConnRequest);
	tcase_add_loop_test(tc, TestZeroByteRead, 0, nelem(streamNetworks));
	tcase_add_test(tc, TestReadTimeoutUnblocksRead);
	tcase_add_test(tc, TestCloseUnblocksRead);
	tcase_add_test(tc, TestNotTemporaryRead);
	suite_add_tcase(s, tc);

	tc = newTCase("errors");
	tcase_add_test(tc, TestErrors);
	tcase_add_loop_test(tc, testErrorMethods, 0, nelem(errorMethodTests));
	tcase_add_test(tc, testErrorTypedMethods);
	suite_add_tcase(s, tc);

	tc = newNetTCase("harness", 30);
	tcase_add_test(tc, testHarnessGoroutines);
	suite_add_tcase(s, tc);
	return s;
}
