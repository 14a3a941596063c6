/*
 * C port of go1.19 src/internal/poll/read_test.go.  os.ReadFile is
 * readFile below: Open, Read to EOF, Close.
 */
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/main_test.h"
#include "tests/mockserver.h"

/* specialFiles are Linux's, kept when they can be opened. */
static const char *const specialFiles[] = {
	"/dev/null",
	"/proc/stat",
	"/sys/devices/system/cpu/online",
};

static runtime_error *
readFile(const char *name)
{
	os_File	      *f;
	runtime_error *err;
	char	       buf[4096];
	ptrdiff_t      n;

	if ((err = os_Open(name, &f)) != NULL)
		return err;
	do
		err = os_File_Read(f, buf, sizeof(buf), &n);
	while (err == NULL);
	if (err == io_EOF)
		err = os_File_Close(f);
	else
		runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
	return err;
}

static void *
readSpecial(void *arg)
{
	runtime_error *err;
	int	       i;

	for (i = 0; i < 100; i++) {
		if ((err = readFile(arg)) != NULL) {
			tErrorf("%s", tErrStr(err));
			return NULL;
		}
		time_Sleep(time_Nanosecond);
	}
	return NULL;
}

/* TestRead's subtest SpecialFile. */
START_TEST(TestRead)
{
	os_File	      *f;
	runtime_error *err;
	size_t	       i;
	int	       j;

	for (i = 0; i < nelem(specialFiles); i++) {
		if ((err = os_Open(specialFiles[i], &f)) != NULL) {
			runtime_error_Free(err);
			continue;
		}
		runtime_error_Free(os_File_Close(f));
		os_File_Free(f);
		for (j = 0; j < 4; j++)
			goStart(readSpecial, (void *)specialFiles[i]);
	}
	tDone();
}
END_TEST

/*
 * gonet's drained reads (poll_FD_Read, DESIGN.md): after a short read on a
 * TCP socket the next Read waits before reading, unless the poller saw a
 * mark at which the kernel may have stopped the read short with data left.
 * These two conversations stop a read at such a mark while the reader is
 * parked, so that the event that woke it is the only one: without the mark
 * the next Read would wait for an edge that never comes.  The expected
 * results are Go 1.19's for the same conversation (a Go program reading
 * after the same raw sends prints "abc", EOF and "abc", "def", timeout).
 */
struct markSend {
	int	    s; /* the raw client socket */
	const char *what;
	goroutine  *g;
};

/* rawDial connects a plain socket of type to sa, outside gonet. */
static int
rawDial(int type, const void *sa, socklen_t len)
{
	int s;

	if ((s = socket(((const struct sockaddr *)sa)->sa_family,
		 type | SOCK_CLOEXEC, 0)) < 0)
		tFatalf("socket: %s", strerror(errno));
	if (connect(s, sa, len) != 0) {
		close(s);
		tFatalf("connect: %s", strerror(errno));
	}
	return s;
}

/* rawDialInet connects a plain loopback socket of type to port. */
static int
rawDialInet(int type, int port)
{
	struct sockaddr_in sa;

	memset(&sa, 0, sizeof(sa));
	sa.sin_family = AF_INET;
	sa.sin_port = htons((uint16_t)port);
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return rawDial(type, &sa, sizeof(sa));
}

/* rawDialTCP connects a plain socket to ln, outside gonet. */
static int
rawDialTCP(net_Listener *ln)
{
	return rawDialInet(
	    SOCK_STREAM, ((const net_TCPAddr *)net_Listener_Addr(ln))->Port);
}

/* markSender sends, once the reader has parked, what the test asks for. */
static void *
markSender(void *arg)
{
	struct markSend *m;

	m = arg;
	time_Sleep(50 * time_Millisecond);
	if (strcmp(m->what, "raw") == 0) {
		if (write(m->s, "x", 1) != 1)
			tErrorf("write: %s", strerror(errno));
		time_Sleep(50 * time_Millisecond);
		if (write(m->s, "ab", 2) != 2)
			tErrorf("write: %s", strerror(errno));
		return NULL;
	}
	if (strcmp(m->what, "fin") == 0) {
		if (write(m->s, "abc", 3) != 3)
			tErrorf("write: %s", strerror(errno));
		shutdown(m->s, SHUT_WR);
		return NULL;
	}
	if (send(m->s, "abcU", 4, MSG_OOB) != 4 || write(m->s, "def", 3) != 3)
		tErrorf("send: %s", strerror(errno));
	return NULL;
}

/* readExpect is one Read of c, which must return want (or fail with err). */
static void
readExpect(net_Conn *c, const char *want, runtime_error *wantErr, bool timeout)
{
	runtime_error *err;
	char	       b[100];
	ptrdiff_t      n;

	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (timeout) {
		if (err == NULL || !net_Error_Timeout(err))
			tErrorf("Read: got (%d, %s), want a timeout", (int)n,
			    err == NULL ? "nil" : runtime_error_Error(err));
	} else if (err != wantErr || (size_t)n != strlen(want) ||
	    memcmp(b, want, (size_t)n) != 0)
		tErrorf("Read: got (%.*s, %s), want (%s, %s)", (int)n, b,
		    err == NULL ? "nil" : runtime_error_Error(err), want,
		    wantErr == NULL ? "nil" : runtime_error_Error(wantErr));
	runtime_error_Free(err);
}

/* acceptReader takes ln's one connection, with 5 s to read, and closes ln. */
static net_Conn *
acceptReader(net_Listener *ln)
{
	net_Conn *c;

	if (net_Listener_Accept(ln, &c) != NULL)
		tFatalf("Accept failed");
	runtime_error_Free(net_Listener_Close(ln));
	net_Listener_Free(ln);
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 5 * time_Second)));
	return c;
}

/* endConversation closes both ends and ends the test. */
static void
endConversation(net_Conn *c, int s)
{
	close(s);
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
	tDone();
}

/* rawConversation connects a plain socket to a Conn of gonet's, *cp. */
static int
rawConversation(net_Conn **cp)
{
	net_Listener *ln;
	int	      s;

	ln = newLocalListener("tcp4", NULL);
	s = rawDialTCP(ln);
	*cp = acceptReader(ln);
	return s;
}

static void
markConversation(const char *what, net_Conn **cp, struct markSend *m)
{
	m->s = rawConversation(cp);
	m->what = what;
	m->g = goStart(markSender, m);
}

static void
markEnd(net_Conn *c, struct markSend *m)
{
	goJoin(m->g);
	endConversation(c, m->s);
}

START_TEST(testReadDrainedStopsAtEOF)
{
	struct markSend m;
	net_Conn       *c;

	markConversation("fin", &c, &m);
	readExpect(c, "abc", NULL, false);
	readExpect(c, "", io_EOF, false);
	markEnd(c, &m);
}
END_TEST

START_TEST(testReadDrainedStopsAtUrgentMark)
{
	struct markSend m;
	net_Conn       *c;

	markConversation("urg", &c, &m);
	readExpect(c, "abc", NULL, false);
	readExpect(c, "def", NULL, false);
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond)));
	readExpect(c, "", NULL, true);
	markEnd(c, &m);
}
END_TEST

/* readOneRaw is a RawConn read function that takes a single byte. */
static bool
readOneRaw(uintptr_t s, void *arg)
{
	return read((int)s, arg, 1) != -1 || errno != EAGAIN;
}

/*
 * A read through RawConn clears the readiness a drained Read would wait
 * for and may leave data behind, so the Read after it must read first.
 * The RawConn read parks until "ab" comes, so the wake-up that ends its
 * wait is the only one.
 */
START_TEST(testReadDrainedAfterRawRead)
{
	struct markSend	 m;
	syscall_RawConn *rc;
	net_Conn	*c;
	char		 b = 0;

	markConversation("raw", &c, &m);
	readExpect(c, "x", NULL, false);
	if (net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &rc) != NULL)
		tFatalf("SyscallConn failed");
	runtime_error_Free(syscall_RawConn_Read(rc, readOneRaw, &b));
	free(rc);
	if (b != 'a')
		tErrorf("RawConn.Read: got %d, want 'a'", b);
	readExpect(c, "b", NULL, false);
	markEnd(c, &m);
}
END_TEST

/* lowatArgs is what setLowat and queued hand to RawConn.Control. */
struct lowatArgs {
	int v;
};

static void
setLowat(uintptr_t s, void *arg)
{
	struct lowatArgs *a;

	a = arg;
	if (setsockopt((int)s, SOL_SOCKET, SO_RCVLOWAT, &a->v, sizeof(a->v)))
		tErrorf("SO_RCVLOWAT: %s", strerror(errno));
}

static void
queued(uintptr_t s, void *arg)
{
	struct lowatArgs *a;

	a = arg;
	if (ioctl((int)s, FIONREAD, &a->v) != 0)
		a->v = -1;
}

/* waitQueued returns once n bytes wait in c's receive queue (5 s at most). */
static void
waitQueued(syscall_RawConn *rc, int n)
{
	struct lowatArgs a;
	int		 i;

	for (i = 0; i < 500; i++) {
		a.v = 0;
		runtime_error_Free(syscall_RawConn_Control(rc, queued, &a));
		if (a.v >= n)
			return;
		time_Sleep(10 * time_Millisecond);
	}
	tFatalf("%d bytes never arrived (%d queued)", n, a.v);
}

/*
 * With SO_RCVLOWAT set through a RawConn, neither poll(2) nor the poller's
 * edges report the three bytes below the mark, while read(2) returns them:
 * the Read after a short one must read first, as Go's does (a Go program
 * making the same calls prints "ab" and "cde").  Each Read starts once its
 * bytes are queued, so Go's order never waits.
 */
START_TEST(testReadAfterRawLowat)
{
	struct lowatArgs a;
	syscall_RawConn *rc;
	net_Conn	*c;
	int		 s;

	s = rawConversation(&c);
	if (net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &rc) != NULL)
		tFatalf("SyscallConn failed");
	a.v = 10;
	runtime_error_Free(syscall_RawConn_Control(rc, setLowat, &a));
	if (write(s, "ab", 2) != 2)
		tErrorf("write: %s", strerror(errno));
	waitQueued(rc, 2);
	readExpect(c, "ab", NULL, false);
	if (write(s, "cde", 3) != 3)
		tErrorf("write: %s", strerror(errno));
	waitQueued(rc, 3);
	readExpect(c, "cde", NULL, false);
	free(rc);
	endConversation(c, s);
}
END_TEST

/* fdSender sends "a" with a descriptor, then "b", once the reader waits. */
static void *
fdSender(void *arg)
{
	char		buf[CMSG_SPACE(sizeof(int))];
	struct msghdr	msg;
	struct iovec	iov;
	struct cmsghdr *cm;
	int		s, fd;

	s = *(int *)arg;
	time_Sleep(50 * time_Millisecond);
	fd = 0;
	memset(&msg, 0, sizeof(msg));
	memset(buf, 0, sizeof(buf));
	iov.iov_base = "a";
	iov.iov_len = 1;
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	msg.msg_control = buf;
	msg.msg_controllen = sizeof(buf);
	cm = CMSG_FIRSTHDR(&msg);
	cm->cmsg_level = SOL_SOCKET;
	cm->cmsg_type = SCM_RIGHTS;
	cm->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(cm), &fd, sizeof(fd));
	if (sendmsg(s, &msg, 0) != 1 || write(s, "b", 1) != 1)
		tErrorf("send: %s", strerror(errno));
	return NULL;
}

/*
 * Linux ends a unix stream read after a message that carried descriptors,
 * with what follows still queued and no new event to come; a Read that
 * then waits before reading must still see it.  The first Read parks, so
 * a plain thread's next one waits first (runtime_pollWaitFirst).  Go 1.19
 * reads "a", "b", then times out.
 */
START_TEST(testReadUnixAfterRights)
{
	struct sockaddr_un  sa;
	const net_UnixAddr *ua;
	net_Listener	   *ln;
	net_Conn	   *c;
	goroutine	   *g;
	int		    s;

	ln = newLocalListener("unix", NULL);
	ua = (const net_UnixAddr *)net_Listener_Addr(ln);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	strncpy(sa.sun_path, ua->Name, sizeof(sa.sun_path) - 1);
	if ((s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0)
		tFatalf("socket: %s", strerror(errno));
	if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) != 0)
		tFatalf("connect: %s", strerror(errno));
	c = acceptReader(ln);
	g = goStart(fdSender, &s);
	readExpect(c, "a", NULL, false);
	readExpect(c, "b", NULL, false);
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond)));
	readExpect(c, "", NULL, true);
	goJoin(g);
	endConversation(c, s);
}
END_TEST

/* readByteExpect is one Read of c into a one-byte buffer. */
static void
readByteExpect(net_Conn *c, char want, bool timeout)
{
	runtime_error *err;
	ptrdiff_t      n;
	char	       b;

	b = 0;
	err = net_Conn_Read(c, &b, 1, &n);
	if (timeout ? err == NULL || !net_Error_Timeout(err)
		    : err != NULL || n != 1 || b != want)
		tErrorf("Read: got (%d %c, %s), want %c", (int)n, b,
		    err == NULL ? "nil" : runtime_error_Error(err),
		    timeout ? '-' : want);
	runtime_error_Free(err);
}

static void
getInq(uintptr_t s, void *arg)
{
	struct lowatArgs *a;
	socklen_t	  len;

	a = arg;
	len = sizeof(a->v);
	if (getsockopt((int)s, IPPROTO_TCP, TCP_INQ, &a->v, &len) != 0)
		a->v = -1;
}

/* inqSender writes "ab", then "de", each once the reader has parked. */
static void *
inqSender(void *arg)
{
	int s;

	s = *(int *)arg;
	time_Sleep(50 * time_Millisecond);
	if (write(s, "ab", 2) != 2)
		tErrorf("write: %s", strerror(errno));
	time_Sleep(50 * time_Millisecond);
	if (write(s, "de", 2) != 2)
		tErrorf("write: %s", strerror(errno));
	return NULL;
}

/*
 * Reads that fill their buffer turn TCP_INQ on (fd_unix.c, inqStart) and
 * trust it to say when the queue is empty: "b" after "a", and "e" after
 * "d", must still come at once (in a goroutine, "e" has no edge of its own
 * to wake a wait), the empty queue after "e" must time out, and a RawConn
 * must then find TCP_INQ off, as Go never sets it.  A Go program making
 * the same calls reads a, b, d, e, times out, sees TCP_INQ 0, reads c.
 */
START_TEST(testReadFullBuffersInq)
{
	struct lowatArgs a;
	syscall_RawConn *rc;
	net_Conn	*c;
	goroutine	*g;
	int		 s;

	s = rawConversation(&c);
	g = goStart(inqSender, &s);
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), time_Second)));
	readByteExpect(c, 'a', false);
	readByteExpect(c, 'b', false);
	readByteExpect(c, 'd', false);
	readByteExpect(c, 'e', false);
	goJoin(g);
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond)));
	readByteExpect(c, 0, true);
	if (net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &rc) != NULL)
		tFatalf("SyscallConn failed");
	a.v = -2;
	runtime_error_Free(syscall_RawConn_Control(rc, getInq, &a));
	free(rc);
	if (a.v != 0)
		tErrorf("TCP_INQ after SyscallConn: got %d, want 0", a.v);
	if (write(s, "c", 1) != 1)
		tErrorf("write: %s", strerror(errno));
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), time_Second)));
	readByteExpect(c, 'c', false);
	endConversation(c, s);
}
END_TEST

/*
 * A socket a plain thread opened stays off the poller until something
 * waits there (runtime/netpoll.c, runtime_pollOpenSocket).  The plain
 * thread below accepts the Conn and reads from it, then a goroutine
 * reads on: "b", sent before it began, must come at once; "c", sent once
 * it has parked, must wake it, which only the registration its wait made
 * can do; and Close must end its third Read with ErrClosed.  Go's reads
 * give the same three results.
 */
struct plainOpened {
	net_Conn *c;
	int	  s;
	chan	 *got; /* the goroutine's reads: 'b', 'c', then the error */
};

static void *
plainOpen(void *arg)
{
	struct plainOpened *p;
	int		    i;

	p = arg;
	p->s = rawConversation(&p->c);
	for (i = 0; i < 2; i++) {
		if (write(p->s, "a", 1) != 1)
			tErrorf("write: %s", strerror(errno));
		readByteExpect(p->c, 'a', false);
	}
	if (write(p->s, "b", 1) != 1)
		tErrorf("write: %s", strerror(errno));
	/* A wake-up that never comes must not end as a timeout. */
	runtime_error_Free(net_Conn_SetReadDeadline(p->c, noDeadline));
	return NULL;
}

static void
plainOpenedReader(void *arg)
{
	struct plainOpened *p;
	runtime_error	   *err;
	ptrdiff_t	    n;
	char		    b;
	int		    i;

	p = arg;
	for (i = 0; i < 3; i++) {
		b = 0;
		err = net_Conn_Read(p->c, &b, 1, &n);
		if (err != NULL) {
			chanSend(p->got, err);
			return;
		}
		chanSend(p->got, (void *)(intptr_t)b);
	}
	chanSend(p->got, NULL);
}

/* plainOpenedGot receives the goroutine's next result, within 5 s. */
static void *
plainOpenedGot(struct plainOpened *p)
{
	void *v;

	if (chanRecvTimeout(p->got, &v, 5 * time_Second) != 1)
		tFatalf("the goroutine's Read did not return within 5 s");
	return v;
}

START_TEST(testReadGoroutineOnPlainSocket)
{
	struct plainOpened p = { 0 };
	pthread_t	   t;
	runtime_error	  *err;
	void		  *v;

	if (pthread_create(&t, NULL, plainOpen, &p) != 0)
		tFatalf("pthread_create failed");
	pthread_join(t, NULL);
	p.got = makeChan();
	runtime_Go(plainOpenedReader, &p);
	if ((v = plainOpenedGot(&p)) != (void *)(intptr_t)'b')
		tErrorf("first Read: got %p, want 'b'", v);
	time_Sleep(50 * time_Millisecond);
	if (write(p.s, "c", 1) != 1)
		tErrorf("write: %s", strerror(errno));
	if ((v = plainOpenedGot(&p)) != (void *)(intptr_t)'c')
		tErrorf("second Read: got %p, want 'c'", v);
	time_Sleep(50 * time_Millisecond);
	runtime_error_Free(net_Conn_Close(p.c));
	err = plainOpenedGot(&p);
	if (!errors_Is(err, net_ErrClosed))
		tErrorf("third Read: got %s, want ErrClosed",
		    err == NULL ? "nil" : runtime_error_Error(err));
	runtime_error_Free(err);
	endConversation(p.c, p.s);
}
END_TEST

/*
 * A plain thread's Read of a TCP socket with no deadline waits inside the
 * read, with the socket's file in blocking mode (fd_unix.c, readInKernel;
 * runtime/netpoll_kwait_linux.c).  It must still end as Go's does when
 * another thread closes the Conn or sets a read deadline while it waits,
 * no other call on the socket may then block (a Write with a deadline on
 * a full buffer times out), and user code given the descriptor finds it
 * non-blocking, as Go's always is.  In goroutine mode reads park on the
 * poller and the file stays non-blocking throughout.
 */
enum {
	kickClose,
	kickDeadlineNow,
	kickDeadlineSoon,
	kickCloseRead,
	kickDeadlineWrite,
	kickDeadlineLater,
	kickWrite
};

struct kick {
	net_Conn *c;
	int	  s;
	int	  what;
};

/* kicker does what the test asks once the reader has had time to wait. */
static void *
kicker(void *arg)
{
	struct kick *k;

	k = arg;
	time_Sleep(50 * time_Millisecond);
	switch (k->what) {
	case kickClose:
		runtime_error_Free(net_Conn_Close(k->c));
		break;
	case kickDeadlineNow:
		runtime_error_Free(net_Conn_SetReadDeadline(k->c, time_Now()));
		break;
	case kickDeadlineSoon:
		runtime_error_Free(net_Conn_SetReadDeadline(
		    k->c, time_Time_Add(time_Now(), 50 * time_Millisecond)));
		break;
	case kickDeadlineWrite: /* a deadline, then the byte */
		runtime_error_Free(net_Conn_SetReadDeadline(k->c, time_Now()));
		time_Sleep(50 * time_Millisecond);
		if (write(k->s, "y", 1) != 1)
			tErrorf("write: %s", strerror(errno));
		break;
	case kickDeadlineLater: /* moved on, then the byte before it */
		runtime_error_Free(net_Conn_SetReadDeadline(
		    k->c, time_Time_Add(time_Now(), 400 * time_Millisecond)));
		time_Sleep(150 * time_Millisecond);
		if (write(k->s, "y", 1) != 1)
			tErrorf("write: %s", strerror(errno));
		break;
	case kickCloseRead: /* a unix datagram socket's */
		runtime_error_Free(
		    net_UnixConn_CloseRead(net_Conn_UnixConn(k->c)));
		time_Sleep(50 * time_Millisecond);
		runtime_error_Free(net_Conn_SetReadDeadline(k->c, time_Now()));
		break;
	default:
		if (write(k->s, "y", 1) != 1)
			tErrorf("write: %s", strerror(errno));
	}
	return NULL;
}

/*
 * kickedRead starts kicker with what, then reads c (with ReadFrom if pc,
 * c's PacketConn view, is given); it returns the error.
 */
static runtime_error *
kickedRead(
    net_Conn *c, net_PacketConn *pc, int s, int what, char *b, ptrdiff_t *n)
{
	struct kick    k = { c, s, what };
	goroutine     *g;
	runtime_error *err;
	net_Addr      *from;

	g = goStart(kicker, &k);
	from = NULL;
	if (pc != NULL)
		err = net_PacketConn_ReadFrom(pc, b, 1, n, &from);
	else
		err = net_Conn_Read(c, b, 1, n);
	free(from);
	goJoin(g);
	return err;
}

/*
 * kickExpect is kickedRead with what's outcome checked: the byte written,
 * a timeout (the deadline is then cleared), or ErrClosed.  op names the
 * read in the message.
 */
static void
kickExpect(net_Conn *c, net_PacketConn *pc, int s, int what, const char *op)
{
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;
	bool	       ok, data;

	err = kickedRead(c, pc, s, what, b, &n);
	data = what == kickWrite || what == kickDeadlineLater;
	if (data)
		ok = err == NULL && n == 1 && b[0] == 'y';
	else if (what == kickClose)
		ok = errors_Is(err, net_ErrClosed);
	else
		ok = err != NULL && net_Error_Timeout(err);
	if (!ok)
		tErrorf("%s (kick %d): got (%d, %s), want %s", op, what, (int)n,
		    err == NULL ? "nil" : runtime_error_Error(err),
		    data		    ? "(1, nil)"
			: what == kickClose ? runtime_error_Error(net_ErrClosed)
					    : "a timeout");
	runtime_error_Free(err);
	if (what != kickWrite && what != kickClose)
		runtime_error_Free(net_Conn_SetReadDeadline(c, noDeadline));
}

/* nonblockExpect checks the O_NONBLOCK bit of c's file. */
static void
nonblockExpect(net_Conn *c, bool want, const char *when)
{
	int got;

	got = fdNonblock((uintptr_t)net_Conn_sysfd(c));
	if (got < 0 || (got != 0) != want)
		tErrorf("%s: O_NONBLOCK %s, want %s", when,
		    got < 0	   ? "unknown"
			: got != 0 ? "set"
				   : "clear",
		    want ? "set" : "clear");
}

/* rawDialUnix connects a plain socket to ln, a unix listener. */
static int
rawDialUnix(net_Listener *ln)
{
	const net_UnixAddr *a;
	struct sockaddr_un  sa;

	a = (const net_UnixAddr *)net_Listener_Addr(ln);
	memset(&sa, 0, sizeof(sa));
	sa.sun_family = AF_UNIX;
	if (strlen(a->Name) >= sizeof(sa.sun_path))
		tFatalf("socket path too long: %s", a->Name);
	strcpy(sa.sun_path, a->Name);
	return rawDial(SOCK_STREAM, &sa, sizeof(sa));
}

/*
 * plainConversation is rawConversation over network ("tcp4" or "unix"),
 * with no read deadline.
 */
static int
plainConversation(const char *network, net_Conn **cp)
{
	net_Listener *ln;
	int	      s;

	ln = newLocalListener(network, NULL);
	s = strcmp(network, "unix") == 0 ? rawDialUnix(ln) : rawDialTCP(ln);
	*cp = acceptReader(ln);
	runtime_error_Free(net_Conn_SetReadDeadline(*cp, noDeadline));
	return s;
}

/* fillWrite writes to c, whose peer reads nothing, until its deadline. */
static void
fillWrite(net_Conn *c)
{
	static char    b[64 << 10];
	runtime_error *err;
	ptrdiff_t      n;
	int	       i;

	runtime_error_Free(net_Conn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond)));
	err = NULL;
	for (i = 0; i < 4096 && err == NULL; i++)
		err = net_Conn_Write(c, b, sizeof(b), &n);
	if (err == NULL || !net_Error_Timeout(err))
		tErrorf("Write to a full buffer: got %s, want a timeout",
		    err == NULL ? "nil" : runtime_error_Error(err));
	runtime_error_Free(err);
	runtime_error_Free(net_Conn_SetWriteDeadline(c, noDeadline));
}

static void
kernelWaitEnds(const char *network)
{
	net_Conn *c;
	int	  s;

	tLogf("%s", network);
	s = plainConversation(network, &c);
	kickExpect(c, NULL, s, kickWrite, "Read");
	nonblockExpect(c, inGoroutineMode(), "after a Read that waited");
	kickExpect(c, NULL, s, kickDeadlineNow, "Read");
	kickExpect(c, NULL, s, kickDeadlineSoon, "Read");
	fillWrite(c);
	kickExpect(c, NULL, s, kickClose, "Read");
	net_Conn_Free(c);
	close(s);
}

/* rawDialUDP connects a plain UDP socket to pc, a udp4 PacketConn. */
static int
rawDialUDP(net_PacketConn *pc)
{
	return rawDialInet(SOCK_DGRAM,
	    ((const net_UDPAddr *)net_PacketConn_LocalAddr(pc))->Port);
}

/*
 * A plain thread's datagram reads wait in the kernel too, Read and
 * ReadFrom alike, and end as Go's do for the datagram, a deadline set
 * while they wait and Close.
 */
START_TEST(testReadFromKernelWait)
{
	net_PacketConn *pc;
	net_Conn       *c;
	int		s;

	pc = newLocalPacketListener("udp4", NULL);
	c = net_UDPConn_Conn(net_PacketConn_UDPConn(pc));
	s = rawDialUDP(pc);
	kickExpect(c, pc, s, kickWrite, "ReadFrom");
	nonblockExpect(c, inGoroutineMode(), "after a ReadFrom that waited");
	kickExpect(c, NULL, s, kickWrite, "Read");
	kickExpect(c, pc, s, kickDeadlineNow, "ReadFrom");
	kickExpect(c, pc, s, kickDeadlineSoon, "ReadFrom");
	kickExpect(c, NULL, s, kickDeadlineSoon, "Read");
	kickExpect(c, pc, s, kickClose, "ReadFrom");
	net_PacketConn_Free(pc);
	close(s);
	tDone();
}
END_TEST

/*
 * Once a unix datagram socket is shut down for reading, a blocking read
 * returns 0 at once where Go's non-blocking one says EAGAIN and waits on
 * (Go 1.19 keeps a Read waiting through CloseRead until its deadline).
 * So CloseRead ends the socket's kernel waits first, the one in progress
 * included, and the Read and ReadFrom waiting through it end only with
 * the deadline set afterwards, as Go's.
 */
START_TEST(testReadKernelWaitCloseRead)
{
	net_PacketConn *pc;
	net_Conn       *c;

	pc = newLocalPacketListener("unixgram", NULL);
	c = net_UnixConn_Conn(net_PacketConn_UnixConn(pc));
	kickExpect(c, NULL, -1, kickCloseRead, "Read");
	nonblockExpect(c, true, "after CloseRead");
	kickExpect(c, pc, -1, kickDeadlineSoon, "ReadFrom after CloseRead");
	net_PacketConn_Free(pc);
	tDone();
}
END_TEST

START_TEST(testReadKernelWaitEnds)
{
	kernelWaitEnds("tcp4");
	kernelWaitEnds("unix");
	tDone();
}
END_TEST

static void
nop(uintptr_t s, void *arg)
{
	(void)s;
	(void)arg;
}

START_TEST(testReadKernelWaitRawConn)
{
	syscall_RawConn *rc;
	net_Conn	*c;
	int		 s;

	s = plainConversation("tcp4", &c);
	kickExpect(c, NULL, s, kickWrite, "Read");
	if (net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &rc) != NULL)
		tFatalf("SyscallConn failed");
	runtime_error_Free(syscall_RawConn_Control(rc, nop, NULL));
	free(rc);
	nonblockExpect(c, true, "after SyscallConn");
	kickExpect(c, NULL, s, kickWrite, "Read after SyscallConn");
	nonblockExpect(c, true, "after a Read that waited");
	endConversation(c, s);
}
END_TEST

/* setDeadlineIn sets c's read deadline d from now. */
static void
setDeadlineIn(net_Conn *c, time_Duration d)
{
	runtime_error_Free(
	    net_Conn_SetReadDeadline(c, time_Time_Add(time_Now(), d)));
}

/*
 * A plain thread's Read with a read deadline waits in the kernel too,
 * its deadline's timer kicking it when the deadline passes, and ends as
 * Go's does: with the byte that comes first, with the timeout once the
 * deadline passes and not before, and at the time a deadline moved
 * earlier or later while it waits says.
 */
START_TEST(testReadKernelWaitDeadline)
{
	runtime_error *err;
	net_Conn      *c;
	time_Time      t0;
	time_Duration  took;
	ptrdiff_t      n;
	char	       b[1];
	int	       s;

	s = plainConversation("tcp4", &c);
	setDeadlineIn(c, 5 * time_Second);
	kickExpect(c, NULL, s, kickWrite, "Read with a deadline");
	nonblockExpect(c, inGoroutineMode(), "after a Read with a deadline");
	setDeadlineIn(c, 100 * time_Millisecond);
	t0 = time_Now();
	err = net_Conn_Read(c, b, 1, &n);
	took = time_Since(t0);
	if (err == NULL || !net_Error_Timeout(err))
		tErrorf("Read past its deadline: got (%d, %s), want a timeout",
		    (int)n, err == NULL ? "nil" : runtime_error_Error(err));
	else if (took < 90 * time_Millisecond || took > 5 * time_Second)
		tErrorf("Read past a deadline 100 ms away ended after %lld ms",
		    (long long)(took / time_Millisecond));
	runtime_error_Free(err);
	setDeadlineIn(c, 5 * time_Second);
	kickExpect(c, NULL, s, kickDeadlineSoon, "Read, its deadline moved in");
	setDeadlineIn(c, 300 * time_Millisecond);
	kickExpect(
	    c, NULL, s, kickDeadlineLater, "Read, its deadline moved on");
	endConversation(c, s);
}
END_TEST

/* urgRestart is a program's own SIGURG handler, with SA_RESTART. */
static void
urgRestart(int sig)
{
	(void)sig;
}

/* setUrgRestart installs urgRestart, saving the action it replaces. */
static void
setUrgRestart(struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = urgRestart;
	sa.sa_flags = SA_RESTART;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGURG, &sa, old) != 0)
		tFatalf("sigaction: %s", strerror(errno));
}

/*
 * kickLostClose reads c (s its raw peer) once so that the thread has
 * waited in the kernel, lets lose(true) make kicks unable to reach it,
 * and checks that Close still ends the next Read with ErrClosed.
 */
static void
kickLostClose(void (*lose)(bool), const char *how)
{
	net_Conn *c;
	int	  s;
	char	  op[64];

	s = plainConversation("tcp4", &c);
	kickExpect(c, NULL, s, kickWrite, "Read");
	lose(true);
	snprintf(op, sizeof(op), "Read with %s", how);
	kickExpect(c, NULL, s, kickClose, op);
	lose(false);
	net_Conn_Free(c);
	close(s);
}

static struct sigaction urgSaved;

/* urgTaken puts a handler with SA_RESTART on SIGURG, or gonet's back. */
static void
urgTaken(bool on)
{
	if (on)
		setUrgRestart(&urgSaved);
	else
		sigaction(SIGURG, &urgSaved, NULL);
}

static sigset_t urgMask;

/* urgBlocked blocks SIGURG in the calling thread, or restores its mask. */
static void
urgBlocked(bool on)
{
	sigset_t urg;

	sigemptyset(&urg);
	sigaddset(&urg, SIGURG);
	if (on)
		pthread_sigmask(SIG_BLOCK, &urg, &urgMask);
	else
		pthread_sigmask(SIG_SETMASK, &urgMask, NULL);
}

/*
 * The kick's signal cannot reach a plain thread waiting in the kernel if
 * the program has put a SIGURG handler with SA_RESTART in gonet's place
 * (Go's runtime, loaded as a shared library, installs such a one) or the
 * thread has blocked SIGURG, both after the thread's first such wait.
 * Close must still end the Read, with ErrClosed as in Go, rather than
 * kick for ever.  A deadline set meanwhile must return too; the Read
 * already inside recv cannot see it and ends with the byte written after
 * (a goroutine's parked Read ends with the deadline, as Go's), and the
 * socket's reads then wait on the poller: the next Read times out.  In
 * goroutine mode no read waits in the kernel, and every outcome is Go's.
 */
START_TEST(testReadKernelWaitKickLost)
{
	struct sigaction old;
	runtime_error	*err;
	net_Conn	*c;
	ptrdiff_t	 n;
	char		 b[1];
	int		 s;

	kickLostClose(urgTaken, "SIGURG's handler replaced");
	if (!inGoroutineMode())
		kickLostClose(urgBlocked, "SIGURG blocked");
	s = plainConversation("tcp4", &c);
	kickExpect(c, NULL, s, kickWrite, "Read");
	setUrgRestart(&old);
	err = kickedRead(c, NULL, s, kickDeadlineWrite, b, &n);
	if (inGoroutineMode() ? !(err != NULL && net_Error_Timeout(err))
			      : !(err == NULL && n == 1))
		tErrorf("Read through a deadline: got (%d, %s)", (int)n,
		    err == NULL ? "nil" : runtime_error_Error(err));
	runtime_error_Free(err);
	sigaction(SIGURG, &old, NULL);
	nonblockExpect(c, true, "after a kick that could not land");
	err = net_Conn_Read(c, b, 1, &n);
	if (err == NULL || !net_Error_Timeout(err))
		tErrorf("Read after the deadline: got (%d, %s), want a timeout",
		    (int)n, err == NULL ? "nil" : runtime_error_Error(err));
	runtime_error_Free(err);
	endConversation(c, s);
}
END_TEST

Suite *
read_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("read");
	tc = newNetTCase("Read", 60);
	tcase_add_test(tc, TestRead);
	tcase_add_test(tc, testReadDrainedStopsAtEOF);
	tcase_add_test(tc, testReadDrainedStopsAtUrgentMark);
	tcase_add_test(tc, testReadDrainedAfterRawRead);
	tcase_add_test(tc, testReadAfterRawLowat);
	tcase_add_test(tc, testReadUnixAfterRights);
	tcase_add_test(tc, testReadFullBuffersInq);
	tcase_add_test(tc, testReadGoroutineOnPlainSocket);
	tcase_add_test(tc, testReadKernelWaitEnds);
	tcase_add_test(tc, testReadKernelWaitRawConn);
	tcase_add_test(tc, testReadFromKernelWait);
	tcase_add_test(tc, testReadKernelWaitCloseRead);
	tcase_add_test(tc, testReadKernelWaitKickLost);
	tcase_add_test(tc, testReadKernelWaitDeadline);
	suite_add_tcase(s, tc);
	return s;
}
