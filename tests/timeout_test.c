/*
 * C port of go1.19 src/net/timeout_test.go (built on: !js): dial, accept,
 * read and write deadlines, and deadlines changed under running I/O.
 *
 * As in Go 1.19, an expired I/O deadline returns os.ErrDeadlineExceeded
 * (*poll.DeadlineExceededError) and a dial out of time returns net's
 * errTimeout; both print "i/o timeout".
 *
 * TestVariousDeadlines1Proc and TestVariousDeadlines4Proc rerun it under
 * GOMAXPROCS 1 and 4 on the scheduler's Ps.  Go skips TestAcceptTimeout as
 * flaky (issue 17948, a Windows and BSD timing problem); on Linux it runs here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

/* loopMax bounds every loop that only the library's behaviour ends. */
enum { loopMax = 100000 };

bool
isDeadlineExceeded(runtime_error *err)
{
	if (err == NULL)
		return false;
	if (!net_Error_Timeout(err))
		return false;
	if (!errors_Is(err, os_ErrDeadlineExceeded))
		return false;
	return true;
}

/* reportPerr is "if perr := parseXxxError(err); perr != nil { t.Error }". */
static void
reportPerr(const char *prefix, char *perr)
{
	if (perr == NULL)
		return;
	if (prefix != NULL)
		tErrorf("%s: %s", prefix, perr);
	else
		tErrorf("%s", perr);
	free(perr);
}

static time_Time
fromNow(time_Duration d)
{
	return time_Time_Add(time_Now(), d);
}

static const struct {
	time_Duration timeout;
	time_Duration delta; /* for deadline */

	time_Duration guard;
	time_Duration max;
} dialTimeoutTests[] = {
	/* Tests that dial timeouts, deadlines in the past work. */
	{ -5 * time_Second, 0, -5 * time_Second, 100 * time_Millisecond },
	{ 0, -5 * time_Second, -5 * time_Second, 100 * time_Millisecond },
	{ -5 * time_Second, 5 * time_Second, -5 * time_Second,
	    100 * time_Millisecond }, /* timeout over deadline */
	{ INT64_MIN, 0, time_Second, 100 * time_Millisecond },
	{ 0, INT64_MIN, time_Second, 100 * time_Millisecond },

	{ 50 * time_Millisecond, 0, 100 * time_Millisecond, time_Second },
	{ 0, 50 * time_Millisecond, 100 * time_Millisecond, time_Second },
	{ 50 * time_Millisecond, 5 * time_Second, 100 * time_Millisecond,
	    time_Second }, /* timeout over deadline */
};

static time_Duration dialTimeoutGuard;

/* The socktest filter: sleep for the guard, then fail with ETIMEDOUT. */
static syscall_Errno
connectTimedout(int fd, const syscall_Sockaddr *sa)
{
	(void)fd;
	(void)sa;
	time_Sleep(dialTimeoutGuard);
	return ETIMEDOUT;
}

typedef struct dialArgs {
	net_Dialer d;
	chan	  *ch;
} dialArgs;

static void *
dialTimeoutDial(void *arg)
{
	dialArgs      *a;
	net_Conn      *c;
	runtime_error *err;
	char	       buf[256];

	a = arg;
	/*
	 * This dial never sends a TCP SYN, because of the socket filter
	 * above.
	 */
	err = net_Dialer_Dial(&a->d, "tcp", "127.0.0.1:0", &c);
	if (err == NULL) {
		snprintf(buf, sizeof(buf),
		    "unexpectedly established: tcp:%s->%s",
		    addrString(net_Conn_LocalAddr(c)),
		    addrString(net_Conn_RemoteAddr(c)));
		err = errors_New(buf);
		net_Conn_Free(c);
	}
	chanSend(a->ch, err);
	return NULL;
}

START_TEST(TestDialTimeout)
{
	dialArgs       a;
	runtime_error *err;
	void	      *v;
	char	       prefix[16];
	int	       i;

	i = _i;
	dialTimeoutGuard = dialTimeoutTests[i].guard;
	net_connectFunc = connectTimedout;

	memset(&a, 0, sizeof(a));
	a.ch = makeChan();
	a.d.Timeout = dialTimeoutTests[i].timeout;
	if (dialTimeoutTests[i].delta != 0)
		a.d.Deadline = fromNow(dialTimeoutTests[i].delta);
	goStart(dialTimeoutDial, &a);

	if (chanRecvTimeout(a.ch, &v, dialTimeoutTests[i].max) != 1)
		tFatalf("#%d: Dial didn't return in an expected time", i);
	err = v;
	snprintf(prefix, sizeof(prefix), "#%d", i);
	reportPerr(prefix, parseDialError(err));
	if (!net_Error_Timeout(err))
		tFatalf("#%d: %s", i, tErrStr(err));
	runtime_error_Free(err);
	net_connectFunc = syscall_Connect;
	tDone();
}
END_TEST

static const struct {
	time_Duration timeout;
	time_Duration delta; /* for deadline */
} dialTimeoutMaxDurationTests[] = {
	/* Large timeouts that will overflow an int64 unix nanos. */
	{ INT64_MAX, 0 },
	{ 0, INT64_MAX },
};

START_TEST(TestDialTimeoutMaxDuration)
{
	net_Listener  *ln;
	net_Dialer     d = { 0 };
	net_Conn      *c;
	runtime_error *err;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	d.Timeout = dialTimeoutMaxDurationTests[_i].timeout;
	if (dialTimeoutMaxDurationTests[_i].delta != 0)
		d.Deadline = fromNow(dialTimeoutMaxDurationTests[_i].delta);
	err = net_Dialer_Dial(&d, net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	if ((err = net_Conn_Close(c)) != NULL)
		tErrorf("%s", tErrStr(err));
	net_Conn_Free(c);
	tDone();
}
END_TEST

/*
 * A false entry of xerrs is nil; a true one is os.ErrDeadlineExceeded.
 */
#define DEADLINE true
static const struct {
	time_Duration timeout;
	bool	      xerrs[2]; /* expected errors in transition */
} acceptTimeoutTests[] = {
	/*
	 * Tests that accept deadlines in the past work, even if there's
	 * incoming connections available.
	 */
	{ -5 * time_Second, { DEADLINE, DEADLINE } },

	{ 50 * time_Millisecond, { false, DEADLINE } },
};

static void *
acceptTimeoutDial(void *arg)
{
	net_Listener  *ln;
	net_Dialer     d = { 0 };
	net_Conn      *c;
	runtime_error *err;

	ln = arg;
	d.Timeout = 100 * time_Millisecond;
	err = net_Dialer_Dial(&d, net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		return NULL;
	}
	net_Conn_Free(c);
	return NULL;
}

START_TEST(TestAcceptTimeout)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	goroutine     *g[nelem(acceptTimeoutTests)];
	char	       prefix[32];
	size_t	       i;
	int	       j, k;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	for (i = 0; i < nelem(acceptTimeoutTests); i++) {
		g[i] = NULL;
		if (acceptTimeoutTests[i].timeout < 0)
			g[i] = goStart(acceptTimeoutDial, ln);

		err = net_TCPListener_SetDeadline(net_Listener_TCPListener(ln),
		    fromNow(acceptTimeoutTests[i].timeout));
		if (err != NULL)
			tFatalf("$%zu: %s", i, tErrStr(err));
		for (j = 0; j < 2; j++) {
			for (k = 0; k < loopMax; k++) {
				c = NULL;
				err = net_Listener_Accept(ln, &c);
				if (acceptTimeoutTests[i].xerrs[j]) {
					snprintf(prefix, sizeof(prefix),
					    "#%zu/%d", i, j);
					reportPerr(
					    prefix, parseAcceptError(err));
					if (!isDeadlineExceeded(err))
						tFatalf("#%zu/%d: %s", i, j,
						    tErrStr(err));
				}
				if (err == NULL) {
					net_Conn_Free(c);
					time_Sleep(10 * time_Millisecond);
					continue;
				}
				runtime_error_Free(err);
				break;
			}
			if (k == loopMax)
				tFatalf("#%zu/%d: Accept never failed", i, j);
		}
	}
	for (i = 0; i < nelem(acceptTimeoutTests); i++)
		goJoin(g[i]);
	tDone();
}
END_TEST

static void *
acceptTimeoutMustReturn(void *arg)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	chan	      *ch;

	ln = ((void **)arg)[0];
	ch = ((void **)arg)[1];
	if ((err = net_TCPListener_SetDeadline(
		 net_Listener_TCPListener(ln), noDeadline)) != NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_TCPListener_SetDeadline(net_Listener_TCPListener(ln),
		 fromNow(10 * time_Millisecond))) != NULL)
		tErrorf("%s", tErrStr(err));
	err = net_Listener_Accept(ln, &c);
	if (err == NULL)
		net_Conn_Free(c);
	chanSend(ch, err);
	return NULL;
}

START_TEST(TestAcceptTimeoutMustReturn)
{
	net_Listener  *ln;
	runtime_error *err;
	chan	      *ch;
	void	      *args[2], *v;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	ch = makeChan();
	args[0] = ln;
	args[1] = ch;
	goStart(acceptTimeoutMustReturn, args);

	if (chanRecvTimeout(ch, &v, time_Second) != 1) {
		runtime_error_Free(net_Listener_Close(ln));
		chanRecv(ch, &v); /* wait for tester thread to stop */
		runtime_error_Free(v);
		tFatalf("Accept didn't return in an expected time");
	}
	err = v;
	reportPerr(NULL, parseAcceptError(err));
	if (!isDeadlineExceeded(err))
		tFatalf("%s", tErrStr(err));
	runtime_error_Free(err);
	tDone();
}
END_TEST

typedef struct mustNotReturnArgs {
	net_Listener *ln;
	net_Conn     *c;
	chan	     *maxch;
	chan	     *ch;
} mustNotReturnArgs;

static void *
acceptTimeoutMustNotReturn(void *arg)
{
	mustNotReturnArgs *a;
	net_Conn	  *c;
	runtime_error	  *err;

	a = arg;
	if ((err = net_TCPListener_SetDeadline(net_Listener_TCPListener(a->ln),
		 fromNow(-5 * time_Second))) != NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_TCPListener_SetDeadline(
		 net_Listener_TCPListener(a->ln), noDeadline)) != NULL)
		tErrorf("%s", tErrStr(err));
	chanSend(a->maxch, NULL);
	err = net_Listener_Accept(a->ln, &c);
	if (err == NULL)
		net_Conn_Free(c);
	chanSend(a->ch, err);
	return NULL;
}

START_TEST(TestAcceptTimeoutMustNotReturn)
{
	mustNotReturnArgs a;
	void		 *v;

	memset(&a, 0, sizeof(a));
	a.ln = newLocalListener("tcp", NULL);
	deferListener(a.ln);

	a.maxch = makeChan();
	a.ch = makeChan();
	goStart(acceptTimeoutMustNotReturn, &a);

	chanRecv(a.maxch, NULL);
	if (chanRecvTimeout(a.ch, &v, 100 * time_Millisecond) == 1) {
		reportPerr(NULL, parseAcceptError(v));
		tFatalf("expected Accept to not return, but it returned with "
			"%s",
		    tErrStr(v));
	}
	runtime_error_Free(net_Listener_Close(a.ln));
	chanRecv(a.ch, &v); /* wait for tester thread to stop */
	runtime_error_Free(v);
	tDone();
}
END_TEST

static const struct {
	time_Duration timeout;
	bool	      xerrs[2]; /* expected errors in transition */
} readTimeoutTests[] = {
	/*
	 * Tests that read deadlines work, even if there's data ready to be
	 * read.
	 */
	{ -5 * time_Second, { DEADLINE, DEADLINE } },

	{ 50 * time_Millisecond, { false, DEADLINE } },
};

static void
readTimeoutHandler(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	ptrdiff_t      n;

	(void)ls;
	(void)arg;
	err = net_Listener_Accept(ln, &c);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		return;
	}
	runtime_error_Free(net_Conn_Write(
	    c, "READ TIMEOUT TEST", strlen("READ TIMEOUT TEST"), &n));
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

START_TEST(TestReadTimeout)
{
	localServer   *ls;
	net_Conn      *c;
	runtime_error *err;
	char	       b[1], prefix[32];
	size_t	       i;
	int	       j, k;
	ptrdiff_t      n;

	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	localServer_buildup(ls, readTimeoutHandler, NULL);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ls->Listener)),
	    addrString(net_Listener_Addr(ls->Listener)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);

	for (i = 0; i < nelem(readTimeoutTests); i++) {
		if ((err = net_Conn_SetReadDeadline(
			 c, fromNow(readTimeoutTests[i].timeout))) != NULL)
			tFatalf("#%zu: %s", i, tErrStr(err));
		for (j = 0; j < 2; j++) {
			for (k = 0; k < loopMax; k++) {
				n = -1;
				err = net_Conn_Read(c, b, sizeof(b), &n);
				if (readTimeoutTests[i].xerrs[j]) {
					snprintf(prefix, sizeof(prefix),
					    "#%zu/%d", i, j);
					reportPerr(prefix, parseReadError(err));
					if (!isDeadlineExceeded(err))
						tFatalf("#%zu/%d: %s", i, j,
						    tErrStr(err));
				}
				if (err == NULL) {
					time_Sleep(
					    readTimeoutTests[i].timeout / 3);
					continue;
				}
				runtime_error_Free(err);
				if (n != 0)
					tFatalf("#%zu/%d: read %td; want 0", i,
					    j, n);
				break;
			}
			if (k == loopMax)
				tFatalf("#%zu/%d: Read never failed", i, j);
		}
	}
	tDone();
}
END_TEST

static void *
readTimeoutMustNotReturn(void *arg)
{
	mustNotReturnArgs *a;
	runtime_error	  *err;
	char		   b[1];
	ptrdiff_t	   n;

	a = arg;
	if ((err = net_Conn_SetDeadline(a->c, fromNow(-5 * time_Second))) !=
	    NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_Conn_SetWriteDeadline(
		 a->c, fromNow(-5 * time_Second))) != NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_Conn_SetReadDeadline(a->c, noDeadline)) != NULL)
		tErrorf("%s", tErrStr(err));
	chanSend(a->maxch, NULL);
	err = net_Conn_Read(a->c, b, sizeof(b), &n);
	chanSend(a->ch, err);
	return NULL;
}

/* mustNotReturnAfterClose checks the error of a call a Close unblocked. */
static void
mustNotReturnAfterClose(runtime_error *err, bool read)
{
	reportPerr(NULL, read ? parseReadError(err) : parseWriteError(err));
	if (err == NULL || net_Error_Timeout(err) || net_Error_Temporary(err))
		tFatalf("%s", tErrStr(err));
	runtime_error_Free(err);
}

START_TEST(TestReadTimeoutMustNotReturn)
{
	mustNotReturnArgs a;
	runtime_error	 *err;
	void		 *v;

	memset(&a, 0, sizeof(a));
	a.ln = newLocalListener("tcp", NULL);
	deferListener(a.ln);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(a.ln)),
	    addrString(net_Listener_Addr(a.ln)), &a.c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(a.c);

	a.maxch = makeChan();
	a.ch = makeChan();
	goStart(readTimeoutMustNotReturn, &a);

	chanRecv(a.maxch, NULL);
	if (chanRecvTimeout(a.ch, &v, 100 * time_Millisecond) == 1) {
		reportPerr(NULL, parseReadError(v));
		tFatalf("expected Read to not return, but it returned with %s",
		    tErrStr(v));
	}
	runtime_error_Free(net_Conn_Close(a.c));
	chanRecv(a.ch, &v); /* wait for tester thread to stop */
	mustNotReturnAfterClose(v, true);
	tDone();
}
END_TEST

static const struct {
	time_Duration timeout;
	bool	      xerrs[2]; /* expected errors in transition */
} readFromTimeoutTests[] = {
	/*
	 * Tests that read deadlines work, even if there's data ready to be
	 * read.
	 */
	{ -5 * time_Second, { DEADLINE, DEADLINE } },

	{ 50 * time_Millisecond, { false, DEADLINE } },
};

static void
readFromTimeoutHandler(localPacketServer *ls, net_PacketConn *c, void *arg)
{
	void	 *dst;
	ptrdiff_t n;

	(void)ls;
	if (chanRecv(arg, &dst)) {
		runtime_error_Free(
		    net_PacketConn_WriteTo(c, "READFROM TIMEOUT TEST",
			strlen("READFROM TIMEOUT TEST"), dst, &n));
		free(dst);
	}
}

static void
closeChan(void *arg)
{
	chanClose(arg);
}

START_TEST(TestReadFromTimeout)
{
	localPacketServer *ls;
	net_PacketConn	  *c;
	net_Addr	  *from;
	runtime_error	  *err;
	chan		  *ch;
	char		  *host, *port, b[1], prefix[32];
	size_t		   i;
	int		   j, k;
	ptrdiff_t	   n;

	ch = makeChan();
	ls = newLocalPacketServer("udp");
	deferLocalPacketServer(ls);
	tDefer(closeChan, ch); /* runs before the teardown waits */
	localPacketServer_buildup(ls, readFromTimeoutHandler, ch);

	err = net_SplitHostPort(
	    addrString(net_PacketConn_LocalAddr(ls->PacketConn)), &host, &port);
	tStr(host);
	tStr(port);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	err = net_ListenPacket(
	    net_Addr_Network(net_PacketConn_LocalAddr(ls->PacketConn)),
	    joinHostPort(host, "0"), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferPacketConn(c);
	chanSend(ch, net_Addr_clone(net_PacketConn_LocalAddr(c)));

	for (i = 0; i < nelem(readFromTimeoutTests); i++) {
		if ((err = net_PacketConn_SetReadDeadline(
			 c, fromNow(readFromTimeoutTests[i].timeout))) != NULL)
			tFatalf("#%zu: %s", i, tErrStr(err));
		for (j = 0; j < 2; j++) {
			for (k = 0; k < loopMax; k++) {
				from = NULL;
				n = -1;
				err = net_PacketConn_ReadFrom(
				    c, b, sizeof(b), &n, &from);
				free(from);
				if (readFromTimeoutTests[i].xerrs[j]) {
					snprintf(prefix, sizeof(prefix),
					    "#%zu/%d", i, j);
					reportPerr(prefix, parseReadError(err));
					if (!isDeadlineExceeded(err))
						tFatalf("#%zu/%d: %s", i, j,
						    tErrStr(err));
				}
				if (err == NULL) {
					time_Sleep(
					    readFromTimeoutTests[i].timeout /
					    3);
					continue;
				}
				if (net_Error_Timeout(err) && n != 0)
					tFatalf("#%zu/%d: read %td; want 0", i,
					    j, n);
				runtime_error_Free(err);
				break;
			}
			if (k == loopMax)
				tFatalf("#%zu/%d: ReadFrom never failed", i, j);
		}
	}
	tDone();
}
END_TEST

static const struct {
	time_Duration timeout;
	bool	      xerrs[2]; /* expected errors in transition */
} writeTimeoutTests[] = {
	/*
	 * Tests that write deadlines work, even if there's buffer space
	 * available to write.
	 */
	{ -5 * time_Second, { DEADLINE, DEADLINE } },

	{ 10 * time_Millisecond, { false, DEADLINE } },
};

START_TEST(TestWriteTimeout)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	char	       prefix[32];
	size_t	       i;
	int	       j, k;
	ptrdiff_t      n;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	for (i = 0; i < nelem(writeTimeoutTests); i++) {
		err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
		    addrString(net_Listener_Addr(ln)), &c);
		if (err != NULL)
			tFatalf("%s", tErrStr(err));
		deferConn(c);

		if ((err = net_Conn_SetWriteDeadline(
			 c, fromNow(writeTimeoutTests[i].timeout))) != NULL)
			tFatalf("#%zu: %s", i, tErrStr(err));
		for (j = 0; j < 2; j++) {
			for (k = 0; k < loopMax; k++) {
				n = -1;
				err = net_Conn_Write(c, "WRITE TIMEOUT TEST",
				    strlen("WRITE TIMEOUT TEST"), &n);
				if (writeTimeoutTests[i].xerrs[j]) {
					snprintf(prefix, sizeof(prefix),
					    "#%zu/%d", i, j);
					reportPerr(
					    prefix, parseWriteError(err));
					if (!isDeadlineExceeded(err))
						tFatalf("#%zu/%d: %s", i, j,
						    tErrStr(err));
				}
				if (err == NULL) {
					time_Sleep(
					    writeTimeoutTests[i].timeout / 3);
					continue;
				}
				runtime_error_Free(err);
				if (n != 0)
					tFatalf("#%zu/%d: wrote %td; want 0", i,
					    j, n);
				break;
			}
			if (k == loopMax)
				tFatalf("#%zu/%d: Write never failed", i, j);
		}
	}
	tDone();
}
END_TEST

static void *
writeTimeoutMustNotReturn(void *arg)
{
	mustNotReturnArgs *a;
	runtime_error	  *err;
	char		   b[1] = { 0 };
	long		   k;
	ptrdiff_t	   n;

	a = arg;
	if ((err = net_Conn_SetDeadline(a->c, fromNow(-5 * time_Second))) !=
	    NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_Conn_SetReadDeadline(a->c, fromNow(-5 * time_Second))) !=
	    NULL)
		tErrorf("%s", tErrStr(err));
	if ((err = net_Conn_SetWriteDeadline(a->c, noDeadline)) != NULL)
		tErrorf("%s", tErrStr(err));
	chanSend(a->maxch, NULL);
	/* The send buffer fills long before the bound. */
	for (k = 0; k < 100L * 1000 * 1000; k++) {
		err = net_Conn_Write(a->c, b, sizeof(b), &n);
		if (err != NULL)
			break;
	}
	if (err == NULL)
		err = errors_New("Write never blocked");
	chanSend(a->ch, err);
	return NULL;
}

START_TEST(TestWriteTimeoutMustNotReturn)
{
	mustNotReturnArgs a;
	runtime_error	 *err;
	void		 *v;

	memset(&a, 0, sizeof(a));
	a.ln = newLocalListener("tcp", NULL);
	deferListener(a.ln);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(a.ln)),
	    addrString(net_Listener_Addr(a.ln)), &a.c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(a.c);

	a.maxch = makeChan();
	a.ch = makeChan();
	goStart(writeTimeoutMustNotReturn, &a);

	chanRecv(a.maxch, NULL);
	if (chanRecvTimeout(a.ch, &v, 100 * time_Millisecond) == 1) {
		reportPerr(NULL, parseWriteError(v));
		tFatalf("expected Write to not return, but it returned with %s",
		    tErrStr(v));
	}
	runtime_error_Free(net_Conn_Close(a.c));
	chanRecv(a.ch, &v); /* wait for tester thread to stop */
	mustNotReturnAfterClose(v, false);
	tDone();
}
END_TEST

/* Go's inline timeouts list; each is a subtest, here an iteration. */
static const time_Duration writeToTimeouts[] = {
	-5 * time_Second,
	10 * time_Millisecond,
};

START_TEST(TestWriteToTimeout)
{
	net_PacketConn *c1, *c2;
	runtime_error  *err;
	time_Duration	timeout, backoff;
	char	       *host, *port;
	int		j, nDeadlineExceeded;
	ptrdiff_t	n;

	c1 = newLocalPacketListener("udp", NULL);
	deferPacketConn(c1);

	err = net_SplitHostPort(
	    addrString(net_PacketConn_LocalAddr(c1)), &host, &port);
	tStr(host);
	tStr(port);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));

	timeout = writeToTimeouts[_i];
	err = net_ListenPacket(net_Addr_Network(net_PacketConn_LocalAddr(c1)),
	    joinHostPort(host, "0"), &c2);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferPacketConn(c2);

	if ((err = net_PacketConn_SetWriteDeadline(c2, fromNow(timeout))) !=
	    NULL)
		tFatalf("SetWriteDeadline: %s", tErrStr(err));
	backoff = time_Millisecond;
	nDeadlineExceeded = 0;
	for (j = 0; nDeadlineExceeded < 2; j++) {
		if (j == loopMax)
			tFatalf("WriteTo never timed out");
		n = -1;
		err = net_PacketConn_WriteTo(c2, "WRITETO TIMEOUT TEST",
		    strlen("WRITETO TIMEOUT TEST"),
		    net_PacketConn_LocalAddr(c1), &n);
		if (err == NULL && timeout >= 0 && nDeadlineExceeded == 0) {
			/*
			 * If the timeout is nonnegative, some number of
			 * WriteTo calls may succeed before it takes effect.
			 */
			time_Sleep(timeout / 3);
			continue;
		}
		if (isENOBUFS(err)) {
			tLogf("WriteTo: %s", runtime_error_Error(err));
			/*
			 * The kernel's network buffers may be saturated (Go
			 * issue 49930): give them time.
			 */
			runtime_error_Free(err);
			time_Sleep(backoff);
			backoff *= 2;
			continue;
		}
		reportPerr("failed to parse error", parseWriteError(err));
		if (!isDeadlineExceeded(err))
			tErrorf("error is not 'deadline exceeded': %s",
			    runtime_error_Error(err));
		if (n != 0)
			tErrorf("unexpectedly wrote %td bytes", n);
		runtime_error_Free(err);
		nDeadlineExceeded++;
	}
	tDone();
}
END_TEST

enum {
	/*
	 * The shortest and the longest timeout the fluctuation tests try
	 * while they raise it until the machine keeps up.
	 */
	minDynamicTimeout = 1 * 1000 * 1000, /* 1ms */
};
static const time_Duration maxDynamicTimeout = 4 * time_Second;

/* timeoutUpperBound is the longest a timeout of d may take on Linux. */
static time_Duration
timeoutUpperBound(time_Duration d)
{
	return d * 11 / 10;
}

/*
 * nextTimeout returns the next timeout to try after an operation took
 * actual with a shorter timeout; false when the ceiling is reached.
 */
static bool
nextTimeout(time_Duration actual, time_Duration *next)
{
	if (actual >= maxDynamicTimeout) {
		*next = maxDynamicTimeout;
		return false;
	}
	*next = actual * 5 / 4;
	if (*next > maxDynamicTimeout)
		*next = maxDynamicTimeout;
	return true;
}

/*
 * readTimeoutFluctuation is the shared body of the two read tests: read
 * is Read or ReadFrom on the connection.
 */
static void
readTimeoutFluctuation(const char *what,
    runtime_error *(*setDeadline)(void *, time_Time),
    runtime_error *(*read)(void *, char *, size_t, ptrdiff_t *), void *c)
{
	runtime_error *err;
	time_Time      t0, t1, deadline;
	time_Duration  d, actual, next;
	char	       b[256];
	ptrdiff_t      n;

	d = minDynamicTimeout;
	for (;;) {
		tLogf("SetReadDeadline(+%s)", tStr(time_Duration_String(d)));
		t0 = time_Now();
		deadline = time_Time_Add(t0, d);
		if ((err = setDeadline(c, deadline)) != NULL)
			tFatalf("SetReadDeadline: %s", tErrStr(err));
		n = -1;
		err = read(c, b, sizeof(b), &n);
		t1 = time_Now();
		tDeferFree((void (*)(void *))runtime_error_Free, err);

		if (n != 0 || err == NULL || !net_Error_Timeout(err))
			tErrorf("%s did not return (0, timeout): (%td, %s)",
			    what, n, runtime_error_Error(err));
		reportPerr(NULL, parseReadError(err));
		if (!isDeadlineExceeded(err))
			tErrorf("%s error is not DeadlineExceeded: %s", what,
			    runtime_error_Error(err));

		actual = time_Time_Sub(t1, t0);
		if (time_Time_Before(t1, deadline))
			tErrorf("%s took %s; expected at least %s", what,
			    tStr(time_Duration_String(actual)),
			    tStr(time_Duration_String(d)));
		if (tFailed())
			return;
		if (actual > timeoutUpperBound(d)) {
			if (!nextTimeout(actual, &next))
				tFatalf("%s took %s; expected at most %s", what,
				    tStr(time_Duration_String(actual)),
				    tStr(time_Duration_String(
					timeoutUpperBound(d))));
			/*
			 * Maybe this machine is too slow to schedule
			 * threads within the requested duration.
			 */
			tLogf("%s took %s (expected %s); trying with longer "
			      "timeout",
			    what, tStr(time_Duration_String(actual)),
			    tStr(time_Duration_String(d)));
			d = next;
			continue;
		}
		break;
	}
}

static runtime_error *
connSetReadDeadline(void *c, time_Time t)
{
	return net_Conn_SetReadDeadline(c, t);
}

static runtime_error *
connRead(void *c, char *b, size_t len, ptrdiff_t *n)
{
	return net_Conn_Read(c, b, len, n);
}

START_TEST(TestReadTimeoutFluctuation)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);

	readTimeoutFluctuation("Read", connSetReadDeadline, connRead, c);
	tDone();
}
END_TEST

static runtime_error *
connReadFrom(void *c, char *b, size_t len, ptrdiff_t *n)
{
	net_Addr      *from;
	runtime_error *err;

	from = NULL;
	err = net_PacketConn_ReadFrom(
	    net_UDPConn_PacketConn(net_Conn_UDPConn(c)), b, len, n, &from);
	free(from);
	return err;
}

START_TEST(TestReadFromTimeoutFluctuation)
{
	net_PacketConn *c1;
	net_Conn       *c2;
	runtime_error  *err;

	c1 = newLocalPacketListener("udp", NULL);
	deferPacketConn(c1);

	err = net_Dial(net_Addr_Network(net_PacketConn_LocalAddr(c1)),
	    addrString(net_PacketConn_LocalAddr(c1)), &c2);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c2);

	readTimeoutFluctuation(
	    "ReadFrom", connSetReadDeadline, connReadFrom, c2);
	tDone();
}
END_TEST

START_TEST(TestWriteTimeoutFluctuation)
{
	net_Listener  *ln;
	net_Conn      *c;
	runtime_error *err;
	time_Time      t0, t1, deadline;
	time_Duration  d, actual, next;
	int64_t	       n;
	int	       k, tries;
	ptrdiff_t      dn;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);

	d = minDynamicTimeout;
	for (tries = 0;; tries++) {
		if (tries == 100)
			tFatalf("Write deadline never settled");
		tLogf("SetWriteDeadline(+%s)", tStr(time_Duration_String(d)));
		t0 = time_Now();
		deadline = time_Time_Add(t0, d);
		if ((err = net_Conn_SetWriteDeadline(c, deadline)) != NULL)
			tFatalf("SetWriteDeadline: %s", tErrStr(err));
		n = 0;
		for (k = 0; k < 10 * 1000 * 1000; k++) {
			dn = 0;
			err = net_Conn_Write(c, "TIMEOUT TRANSMITTER",
			    strlen("TIMEOUT TRANSMITTER"), &dn);
			n += dn;
			if (err != NULL)
				break;
		}
		t1 = time_Now();
		tDeferFree((void (*)(void *))runtime_error_Free, err);

		if (err == NULL || !net_Error_Timeout(err))
			tFatalf("Write did not return (any, timeout): (%lld, "
				"%s)",
			    (long long)n, runtime_error_Error(err));
		reportPerr(NULL, parseWriteError(err));
		if (!isDeadlineExceeded(err))
			tErrorf("Write error is not DeadlineExceeded: %s",
			    runtime_error_Error(err));

		actual = time_Time_Sub(t1, t0);
		if (time_Time_Before(t1, deadline))
			tErrorf("Write took %s; expected at least %s",
			    tStr(time_Duration_String(actual)),
			    tStr(time_Duration_String(d)));
		if (tFailed())
			break;
		if (actual > timeoutUpperBound(d)) {
			if (n > 0) {
				/*
				 * The send buffer was not full yet: the
				 * deadline says when I/O stops blocking, not
				 * when it stops.  Retry until it is full.
				 */
				tLogf("Wrote %lld bytes into send buffer; "
				      "retrying until buffer is full",
				    (long long)n);
				if (d <= maxDynamicTimeout / 2)
					d *= 2;
			} else if (!nextTimeout(actual, &next))
				tFatalf("Write took %s; expected at most %s",
				    tStr(time_Duration_String(actual)),
				    tStr(time_Duration_String(
					timeoutUpperBound(d))));
			else {
				tLogf("Write took %s (expected %s); trying "
				      "with longer timeout",
				    tStr(time_Duration_String(actual)),
				    tStr(time_Duration_String(d)));
				d = next;
			}
			continue;
		}
		break;
	}
	tDone();
}
END_TEST

static void
variousDeadlinesHandler(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;

	(void)ls;
	(void)arg;
	for (;;) {
		err = net_Listener_Accept(ln, &c);
		if (err != NULL) {
			runtime_error_Free(err);
			break;
		}
		/* Wait for the client to close the connection. */
		runtime_error_Free(net_Conn_Read(c, b, sizeof(b), &n));
		net_Conn_Free(c);
	}
}

/* ioCopyDiscard is io.Copy(io.Discard, c): nil at EOF. */
static runtime_error *
ioCopyDiscard(net_Conn *c, int64_t *written)
{
	runtime_error *err;
	static char    buf[32 * 1024];
	ptrdiff_t      n;

	*written = 0;
	for (;;) {
		n = 0;
		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		if (n > 0)
			*written += n;
		if (err == io_EOF)
			return NULL;
		if (err != NULL)
			return err;
	}
}

static void
testVariousDeadlines(void)
{
	static const time_Duration timeouts[] = {
		1 * time_Nanosecond,
		2 * time_Nanosecond,
		5 * time_Nanosecond,
		50 * time_Nanosecond,
		100 * time_Nanosecond,
		200 * time_Nanosecond,
		500 * time_Nanosecond,
		750 * time_Nanosecond,
		1 * time_Microsecond,
		5 * time_Microsecond,
		25 * time_Microsecond,
		250 * time_Microsecond,
		500 * time_Microsecond,
		1 * time_Millisecond,
		5 * time_Millisecond,
		100 * time_Millisecond,
		250 * time_Millisecond,
		500 * time_Millisecond,
		1 * time_Second,
	};
	localServer   *ls;
	net_Conn      *c;
	runtime_error *err;
	time_Time      t0;
	time_Duration  dt;
	int64_t	       n;
	size_t	       i;
	int	       run, numRuns;
	char	      *name;

	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	localServer_buildup(ls, variousDeadlinesHandler, NULL);

	for (i = 0; i < nelem(timeouts); i++) {
		numRuns = 3;
		if (testingShort()) {
			numRuns = 1;
			if (timeouts[i] > 500 * time_Microsecond)
				continue;
		}
		for (run = 0; run < numRuns; run++) {
			name = tStr(time_Duration_String(timeouts[i]));
			err = net_Dial(
			    net_Addr_Network(net_Listener_Addr(ls->Listener)),
			    addrString(net_Listener_Addr(ls->Listener)), &c);
			if (err != NULL)
				tFatalf("%s", tErrStr(err));

			t0 = time_Now();
			if ((err = net_Conn_SetDeadline(
				 c, time_Time_Add(t0, timeouts[i]))) != NULL)
				tErrorf("%s", tErrStr(err));
			err = ioCopyDiscard(c, &n);
			dt = time_Since(t0);
			runtime_error_Free(net_Conn_Close(c));
			net_Conn_Free(c);

			if (err != NULL && net_Error_Timeout(err))
				tLogf("%s %d/%d: good timeout after %s; %lld "
				      "bytes",
				    name, run, numRuns,
				    tStr(time_Duration_String(dt)),
				    (long long)n);
			else
				tFatalf("%s %d/%d: Copy = %lld, %s; want "
					"timeout",
				    name, run, numRuns, (long long)n,
				    tErrStr(err));
			runtime_error_Free(err);
		}
	}
}

START_TEST(TestVariousDeadlines)
{
	testVariousDeadlines();
	tDone();
}
END_TEST

/* variousDeadlinesProcs is Go's two GOMAXPROCS variants (not in -short). */
static void
variousDeadlinesProcs(int procs)
{
	int old;

	if (testingShort())
		tSkipf("skipping in short mode");
	old = runtime_GOMAXPROCS(procs);
	testVariousDeadlines();
	runtime_GOMAXPROCS(old);
	tDone();
}

START_TEST(TestVariousDeadlines1Proc)
{
	variousDeadlinesProcs(1);
}
END_TEST

START_TEST(TestVariousDeadlines4Proc)
{
	variousDeadlinesProcs(4);
}
END_TEST

typedef struct prolongedArgs {
	net_Conn  *c;
	sync_WaitGroup *wg;
} prolongedArgs;

static void *
prolongedReader(void *arg)
{
	prolongedArgs *a;
	runtime_error *err;
	char	       b[1];
	long	       k;
	ptrdiff_t      n;

	a = arg;
	for (k = 0; k < 10L * 1000 * 1000; k++) {
		if ((err = net_Conn_SetReadDeadline(
			 a->c, fromNow(time_Hour))) != NULL) {
			reportPerr(NULL, parseCommonError(err));
			tErrorf("%s", tErrStr(err));
			break;
		}
		if ((err = net_Conn_Read(a->c, b, sizeof(b), &n)) != NULL) {
			reportPerr(NULL, parseReadError(err));
			runtime_error_Free(err);
			break;
		}
	}
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

static void *
prolongedWriter(void *arg)
{
	prolongedArgs *a;
	runtime_error *err;
	char	       b[1] = { 0 };
	long	       k;
	ptrdiff_t      n;

	a = arg;
	for (k = 0; k < 10L * 1000 * 1000; k++) {
		if ((err = net_Conn_SetWriteDeadline(
			 a->c, fromNow(time_Hour))) != NULL) {
			reportPerr(NULL, parseCommonError(err));
			tErrorf("%s", tErrStr(err));
			break;
		}
		if ((err = net_Conn_Write(a->c, b, sizeof(b), &n)) != NULL) {
			reportPerr(NULL, parseWriteError(err));
			runtime_error_Free(err);
			break;
		}
	}
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

static void
prolongedHandler(localServer *ls, net_Listener *ln, void *arg)
{
	prolongedArgs  a;
	sync_WaitGroup wg = { 0 };
	net_Conn      *c;
	runtime_error *err;
	goroutine     *g1, *g2;

	(void)ls;
	(void)arg;
	err = net_Listener_Accept(ln, &c);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		return;
	}
	sync_WaitGroup_Add(&wg, 2);
	a.c = c;
	a.wg = &wg;
	g1 = goStart(prolongedReader, &a);
	g2 = goStart(prolongedWriter, &a);
	sync_WaitGroup_Wait(&wg);
	goJoin(g1);
	goJoin(g2);
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

/*
 * TestReadWriteProlongedTimeout tests concurrent deadline modification.
 * Known to cause data races in the past.
 */
START_TEST(TestReadWriteProlongedTimeout)
{
	localServer   *ls;
	net_Conn      *c;
	runtime_error *err;
	char	       b[1] = { 0 };
	int	       i;
	ptrdiff_t      n;

	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	localServer_buildup(ls, prolongedHandler, NULL);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ls->Listener)),
	    addrString(net_Listener_Addr(ls->Listener)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);

	for (i = 0; i < 1000; i++) {
		runtime_error_Free(net_Conn_Write(c, b, sizeof(b), &n));
		runtime_error_Free(net_Conn_Read(c, b, sizeof(b), &n));
	}
	tDone();
}
END_TEST

typedef struct raceArgs {
	net_Conn  *c;
	sync_WaitGroup *wg;
	int	   N;
} raceArgs;

static void *
raceDeadlines(void *arg)
{
	raceArgs      *a;
	runtime_error *err;
	int	       i;

	a = arg;
	for (i = 0; i < a->N; i++) {
		if ((err = net_Conn_SetReadDeadline(
			 a->c, fromNow(2 * time_Microsecond))) != NULL) {
			reportPerr(NULL, parseCommonError(err));
			runtime_error_Free(err);
			break;
		}
		if ((err = net_Conn_SetWriteDeadline(
			 a->c, fromNow(2 * time_Microsecond))) != NULL) {
			reportPerr(NULL, parseCommonError(err));
			runtime_error_Free(err);
			break;
		}
		time_Sleep(2 * time_Microsecond); /* <-tic.C */
	}
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

static void *
raceReads(void *arg)
{
	raceArgs *a;
	char	  b[1];
	int	  i;
	ptrdiff_t n;

	a = arg;
	for (i = 0; i < a->N; i++) /* ignore possible timeout errors */
		runtime_error_Free(net_Conn_Read(a->c, b, sizeof(b), &n));
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

static void *
raceWrites(void *arg)
{
	raceArgs *a;
	char	  b[1] = { 0 };
	int	  i;
	ptrdiff_t n;

	a = arg;
	for (i = 0; i < a->N; i++) /* ignore possible timeout errors */
		runtime_error_Free(net_Conn_Write(a->c, b, sizeof(b), &n));
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

START_TEST(TestReadWriteDeadlineRace)
{
	net_Listener  *ln;
	runtime_error *err;
	sync_WaitGroup wg = { 0 };
	raceArgs       a;

	a.N = 1000;
	if (testingShort())
		a.N = 50;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &a.c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(a.c);

	sync_WaitGroup_Add(&wg, 3);
	a.wg = &wg;
	goStart(raceDeadlines, &a);
	goStart(raceReads, &a);
	goStart(raceWrites, &a);
	sync_WaitGroup_Wait(&wg); /* wait for tester threads to stop */
	tDone();
}
END_TEST

enum { goroutines = 8, conns = 10, tries = 100 };

typedef struct concurrentArgs {
	net_Conn **c;
	time_Time  now;
	int	   i;
	sync_WaitGroup *wg;
} concurrentArgs;

static void *
concurrentSetDeadline(void *arg)
{
	concurrentArgs *a;
	int		j, k;

	a = arg;
	/*
	 * Make the deadlines steadily earlier, to trigger the timer heap's
	 * adjustments (runtime adjusttimers in Go).
	 */
	for (j = tries; j > 0; j--) {
		for (k = 0; k < conns; k++) {
			runtime_error_Free(net_Conn_SetReadDeadline(a->c[k],
			    time_Time_Add(a->now,
				2 * time_Hour +
				    (time_Duration)(a->i * j * k) *
					time_Second)));
			runtime_error_Free(net_Conn_SetWriteDeadline(a->c[k],
			    time_Time_Add(a->now,
				1 * time_Hour +
				    (time_Duration)(a->i * j * k) *
					time_Second)));
		}
	}
	sync_WaitGroup_Done(a->wg);
	return NULL;
}

/* Go issue 35367. */
START_TEST(TestConcurrentSetDeadline)
{
	net_Listener  *ln;
	net_Conn      *c[conns];
	concurrentArgs args[goroutines];
	runtime_error *err;
	sync_WaitGroup wg = { 0 };
	time_Time      now;
	int	       i;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);

	for (i = 0; i < conns; i++) {
		err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
		    addrString(net_Listener_Addr(ln)), &c[i]);
		if (err != NULL)
			tFatalf("%s", tErrStr(err));
		deferConn(c[i]);
	}

	sync_WaitGroup_Add(&wg, goroutines);
	now = time_Now();
	for (i = 0; i < goroutines; i++) {
		args[i].c = c;
		args[i].now = now;
		args[i].i = i;
		args[i].wg = &wg;
		goStart(concurrentSetDeadline, &args[i]);
	}
	sync_WaitGroup_Wait(&wg);
	tDone();
}
END_TEST

/*
 * testDeadlineExceededError: what Go 1.19 prints for each kind of timeout
 * (a Go program's %T, Error(), Timeout(), Temporary() and errors.Is): an
 * I/O deadline gives *poll.DeadlineExceededError, which is
 * os.ErrDeadlineExceeded but not context.DeadlineExceeded; a dial out of
 * time gives *net.timeoutError, the other way round.
 */
static void
checkTimeoutKind(const char *op, runtime_error *err, const char *wantType)
{
	net_OpError *oe;
	bool	     io;

	io = strcmp(wantType, "*poll.DeadlineExceededError") == 0;
	oe = (net_OpError *)errors_As(err, &net_OpErrorType);
	if (err == NULL || oe == NULL || oe->Err == NULL) {
		tErrorf("%s: got %s, want an OpError", op,
		    runtime_error_Error(err));
		goto out;
	}
	if (strcmp(oe->Err->type->name, wantType) != 0)
		tErrorf("%s: inner type %s, want %s", op, oe->Err->type->name,
		    wantType);
	if (strcmp(runtime_error_Error(oe->Err), "i/o timeout") != 0)
		tErrorf("%s: Error() = %s", op, runtime_error_Error(oe->Err));
	if (!net_Error_Timeout(err) || !net_Error_Temporary(err))
		tErrorf("%s: Timeout/Temporary not both true", op);
	if (errors_Is(err, os_ErrDeadlineExceeded) != io)
		tErrorf(
		    "%s: errors.Is(err, os.ErrDeadlineExceeded) != %d", op, io);
	if (errors_Is(err, context_DeadlineExceeded) == io)
		tErrorf("%s: errors.Is(err, context.DeadlineExceeded) != %d",
		    op, !io);
out:
	runtime_error_Free(err);
}

START_TEST(testDeadlineExceededError)
{
	const char     *ioType = "*poll.DeadlineExceededError";
	net_Listener   *ln;
	net_Conn       *c, *dc;
	net_PacketConn *pc;
	net_Addr       *from = NULL;
	net_Dialer	d = { 0 };
	runtime_error  *err;
	char		buf[1];
	ptrdiff_t	n;
	time_Time	past;

	ck_assert_str_eq(os_ErrDeadlineExceeded->type->name, ioType);
	past = fromNow(-time_Second);
	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	runtime_error_Free(
	    net_TCPListener_SetDeadline(net_Listener_TCPListener(ln), past));
	err = net_Listener_Accept(ln, &c);
	checkTimeoutKind("accept", err, ioType);
	runtime_error_Free(net_TCPListener_SetDeadline(
	    net_Listener_TCPListener(ln), noDeadline));

	err = net_Dial("tcp", addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	runtime_error_Free(
	    net_Conn_SetReadDeadline(c, fromNow(10 * time_Millisecond)));
	checkTimeoutKind("read", net_Conn_Read(c, buf, 1, &n), ioType);
	runtime_error_Free(net_Conn_SetWriteDeadline(c, past));
	checkTimeoutKind("write", net_Conn_Write(c, "x", 1, &n), ioType);

	pc = newLocalPacketListener("udp", NULL);
	deferPacketConn(pc);
	runtime_error_Free(net_PacketConn_SetDeadline(pc, past));
	err = net_PacketConn_ReadFrom(pc, buf, 1, &n, &from);
	free(from);
	checkTimeoutKind("readfrom", err, ioType);

	d.Timeout = -time_Second;
	err =
	    net_Dialer_Dial(&d, "tcp", addrString(net_Listener_Addr(ln)), &dc);
	checkTimeoutKind("dial", err, "*net.timeoutError");
	tDone();
}
END_TEST

Suite *
timeout_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("timeout");
	tc = newNetTCase("dial", 30);
	tcase_add_loop_test(tc, TestDialTimeout, 0, nelem(dialTimeoutTests));
	tcase_add_loop_test(tc, TestDialTimeoutMaxDuration, 0,
	    nelem(dialTimeoutMaxDurationTests));
	suite_add_tcase(s, tc);

	tc = newNetTCase("accept", 30);
	tcase_add_test(tc, TestAcceptTimeout);
	tcase_add_test(tc, TestAcceptTimeoutMustReturn);
	tcase_add_test(tc, TestAcceptTimeoutMustNotReturn);
	suite_add_tcase(s, tc);

	tc = newNetTCase("read and write", 30);
	tcase_add_test(tc, TestReadTimeout);
	tcase_add_test(tc, TestReadTimeoutMustNotReturn);
	tcase_add_test(tc, TestReadFromTimeout);
	tcase_add_test(tc, TestWriteTimeout);
	tcase_add_test(tc, TestWriteTimeoutMustNotReturn);
	tcase_add_loop_test(tc, TestWriteToTimeout, 0, nelem(writeToTimeouts));
	suite_add_tcase(s, tc);

	tc = newNetTCase("fluctuation", 60);
	tcase_add_test(tc, TestReadTimeoutFluctuation);
	tcase_add_test(tc, TestReadFromTimeoutFluctuation);
	tcase_add_test(tc, TestWriteTimeoutFluctuation);
	tcase_add_test(tc, TestVariousDeadlines);
	tcase_add_test(tc, TestVariousDeadlines1Proc);
	tcase_add_test(tc, TestVariousDeadlines4Proc);
	suite_add_tcase(s, tc);

	tc = newNetTCase("concurrent deadlines", 60);
	tcase_add_test(tc, TestReadWriteProlongedTimeout);
	tcase_add_test(tc, TestReadWriteDeadlineRace);
	tcase_add_test(tc, TestConcurrentSetDeadline);
	suite_add_tcase(s, tc);

	tc = newNetTCase("error types", 30);
	tcase_add_test(tc, testDeadlineExceededError);
	suite_add_tcase(s, tc);
	return s;
}
