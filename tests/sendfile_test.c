/*
 * C port of go1.19 src/net/sendfile_test.go (built on: !js).  Go sends
 * testdata/Isaac.Newton-Opticks.txt and checks its SHA-256; gonet writes
 * a file of the same length (newtonLen) into a temporary directory and
 * compares the received bytes with it, which checks the same thing
 * without a hash.  io.Copy(conn, f) is TCPConn.ReadFrom, which is what
 * Go's io.Copy calls; io.CopyN is copyN below, Go's CopyN over the same
 * call.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/mockserver.h"

enum { newtonLen = 567198 };

/* newtonByte is byte i of the test file: not periodic in small steps. */
static unsigned char
newtonByte(size_t i)
{
	return (unsigned char)(i * 7 + i / 251 + i / 65536);
}

/* writeNewton writes the test file into a new temporary directory. */
static char *
writeNewton(void)
{
	char  *sock, *name;
	char   buf[8192];
	size_t i, j, n;
	int    fd;

	sock = tStr(strdup(testUnixAddr()));
	*strrchr(sock, '/') = '\0';
	name = tStr(runtime_concatstrings(sock, "/newton", (char *)NULL));
	if ((fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) <
	    0)
		tFatalf("open %s: %s", name, strerror(errno));
	deferRemove(name);
	for (i = 0; i < newtonLen; i += n) {
		n = newtonLen - i < sizeof(buf) ? newtonLen - i : sizeof(buf);
		for (j = 0; j < n; j++)
			buf[j] = (char)newtonByte(i + j);
		if (write(fd, buf, n) != (ssize_t)n)
			tFatalf("write %s: %s", name, strerror(errno));
	}
	close(fd);
	return name;
}

/* copyN is Go's io.CopyN(conn, src, n): a LimitedReader to ReadFrom. */
static runtime_error *
copyN(net_Conn *conn, io_Reader src, int64_t n, int64_t *written)
{
	return io_CopyN(net_Conn_Writer(conn), src, n, written);
}

/* The server side of TestSendfile: its errors go to errc. */
typedef enum { sendAll, sendParts, sendSeeked } sendMode;

typedef struct sendfileServer {
	net_Listener *ln;
	const char   *name;
	chan	     *errc;
	net_Conn     *conn;
	sendMode      mode;
} sendfileServer;

enum { seekTo = 65 << 10, sendSize = 10 << 10 };

/* sendfileCopy is the server's copy: all, three times 3 bytes, or seeked. */
static runtime_error *
sendfileCopy(sendfileServer *s, os_File *f, int64_t *sbytes)
{
	runtime_error *err;
	int64_t	       off;
	int	       i;

	switch (s->mode) {
	case sendParts:
		for (i = 0; i < 3; i++)
			if ((err = copyN(s->conn, os_File_Reader(f), 3,
				 sbytes)) != NULL)
				return err;
		*sbytes = newtonLen;
		return NULL;
	case sendSeeked:
		if ((err = os_File_Seek(f, seekTo, SEEK_SET, &off)) != NULL)
			return err;
		err = copyN(s->conn, os_File_Reader(f), sendSize, sbytes);
		*sbytes = newtonLen;
		return err;
	default:
		return net_TCPConn_ReadFrom(
		    net_Conn_TCPConn(s->conn), os_File_Reader(f), sbytes);
	}
}

static void *
sendfileServe(void *arg)
{
	sendfileServer *s = arg;
	os_File	       *f;
	runtime_error  *err;
	int64_t		sbytes;

	if ((err = os_Open(s->name, &f)) != NULL) {
		chanSendErr(s->errc, err);
		return NULL;
	}
	err = sendfileCopy(s, f, &sbytes);
	if (err != NULL)
		chanSendErr(s->errc, err);
	else if (sbytes != newtonLen)
		chanSendf(s->errc, "sent %lld bytes; expected %d",
		    (long long)sbytes, newtonLen);
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
	return NULL;
}

static void *
sendfileAccept(void *arg)
{
	sendfileServer *s = arg;
	runtime_error  *err;

	if ((err = net_Listener_Accept(s->ln, &s->conn)) != NULL) {
		chanSendErr(s->errc, err);
		chanClose(s->errc);
		return NULL;
	}
	sendfileServe(s);
	runtime_error_Free(net_Conn_Close(s->conn));
	net_Conn_Free(s->conn);
	chanClose(s->errc);
	return NULL;
}

START_TEST(TestSendfile)
{
	sendfileServer s;
	net_Conn      *c;
	runtime_error *err;
	static char    buf[65536];
	ptrdiff_t      n, i;
	int64_t	       rbytes;
	bool	       same;

	s.name = writeNewton();
	s.ln = newLocalListener("tcp", NULL);
	deferListener(s.ln);
	s.errc = makeChan();
	s.mode = sendAll;
	goStart(sendfileAccept, &s);

	if ((err = net_Dial("tcp", addrString(net_Listener_Addr(s.ln)), &c)) !=
	    NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	rbytes = 0;
	same = true;
	for (;;) {
		err = net_Conn_Read(c, buf, sizeof(buf), &n);
		for (i = 0; i < n && same; i++)
			same = (unsigned char)buf[i] ==
			    newtonByte((size_t)rbytes + (size_t)i);
		rbytes += n;
		if (err != NULL)
			break;
	}
	if (err != io_EOF)
		tErrorf("%s", tErrStr(err));
	if (rbytes != newtonLen)
		tErrorf("received %lld bytes; expected %d", (long long)rbytes,
		    newtonLen);
	if (!same)
		tErrorf("retrieved data did not match");
	chanRangeErrors(s.errc, "server");
	tDone();
}
END_TEST

/* readAll is bytes.Buffer's ReadFrom(c): up to len bytes, to EOF. */
static ptrdiff_t
readAll(net_Conn *c, char *buf, size_t len)
{
	runtime_error *err;
	ptrdiff_t      n, got;

	for (got = 0;; got += n) {
		err = net_Conn_Read(c, buf + got, len - (size_t)got, &n);
		if (err != NULL || (size_t)(got + n) == len)
			break;
	}
	if (err != io_EOF && err != NULL)
		tErrorf("%s", tErrStr(err));
	return got + n;
}

/* sendfileParts is TestSendfileParts and TestSendfileSeeked. */
static void
sendfileParts(sendMode mode, char *buf, size_t len, ptrdiff_t *got)
{
	sendfileServer s;
	net_Conn      *c;
	runtime_error *err;

	s.name = writeNewton();
	s.ln = newLocalListener("tcp", NULL);
	deferListener(s.ln);
	s.errc = makeChan();
	s.mode = mode;
	goStart(sendfileAccept, &s);
	if ((err = net_Dial("tcp", addrString(net_Listener_Addr(s.ln)), &c)) !=
	    NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	*got = readAll(c, buf, len);
	chanRangeErrors(s.errc, "server");
}

START_TEST(TestSendfileParts)
{
	char	  want[9], buf[64];
	ptrdiff_t got;
	size_t	  i;

	sendfileParts(sendParts, buf, sizeof(buf), &got);
	/* Go's file begins "Produced "; this one begins with its bytes. */
	for (i = 0; i < sizeof(want); i++)
		want[i] = (char)newtonByte(i);
	if (got != (ptrdiff_t)sizeof(want) || memcmp(buf, want, sizeof(want)))
		tErrorf("unexpected server reply of %td bytes, want the "
			"file's first %zu",
		    got, sizeof(want));
	tDone();
}
END_TEST

START_TEST(TestSendfileSeeked)
{
	static char buf[sendSize + 1];
	ptrdiff_t   got, i;

	sendfileParts(sendSeeked, buf, sizeof(buf), &got);
	if (got != sendSize)
		tErrorf("Got %td bytes; want %d", got, sendSize);
	for (i = 0; i < got; i++)
		if ((unsigned char)buf[i] != newtonByte(seekTo + (size_t)i)) {
			tErrorf("byte %td differs from the file's", i);
			break;
		}
	tDone();
}
END_TEST

/* TestSendfilePipe's goroutines share these. */
typedef struct pipeTest {
	net_Listener *ln;
	os_File	     *r, *w;
	chan	     *copied;
} pipeTest;

static void *
pipeAcceptCopy(void *arg)
{
	pipeTest      *p = arg;
	net_Conn      *conn;
	runtime_error *err;
	int64_t	       n;

	if ((err = net_Listener_Accept(p->ln, &conn)) != NULL) {
		tErrorf("%s", tErrStr(err));
		return NULL;
	}
	/* Closed on failure too, so that the test reports instead of hangs. */
	if ((err = copyN(conn, os_File_Reader(p->r), 1, &n)) != NULL)
		tErrorf("%s", tErrStr(err));
	chanClose(p->copied);
	runtime_error_Free(net_Conn_Close(conn));
	net_Conn_Free(conn);
	return NULL;
}

static void *
pipeWriteA(void *arg)
{
	pipeTest      *p = arg;
	runtime_error *err;
	ptrdiff_t      n;

	if ((err = os_File_Write(p->w, "a", 1, &n)) != NULL)
		tErrorf("%s", tErrStr(err));
	return NULL;
}

static void *
pipeDialDiscard(void *arg)
{
	pipeTest      *p = arg;
	net_Conn      *conn;
	runtime_error *err;
	char	       buf[64];
	ptrdiff_t      n;

	err = net_Dial("tcp", addrString(net_Listener_Addr(p->ln)), &conn);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		return NULL;
	}
	do
		err = net_Conn_Read(conn, buf, sizeof(buf), &n);
	while (err == NULL);
	runtime_error_Free(err);
	runtime_error_Free(net_Conn_Close(conn));
	net_Conn_Free(conn);
	return NULL;
}

static void *
pipeLateWriteB(void *arg)
{
	pipeTest *p = arg;
	ptrdiff_t n;

	time_Sleep(50 * time_Millisecond);
	runtime_error_Free(os_File_Write(p->w, "b", 1, &n));
	return NULL;
}

static void
closeFreeFile(void *f)
{
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
}

/*
 * TestSendfilePipe: a pipe that ReadFrom sent from keeps working with the
 * poller, so a read deadline set on it afterwards still fires.
 */
START_TEST(TestSendfilePipe)
{
	pipeTest       p;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n;
	void	      *v;

	p.ln = newLocalListener("tcp", NULL);
	deferListener(p.ln);
	if ((err = os_Pipe(&p.r, &p.w)) != NULL)
		tFatalf("%s", tErrStr(err));
	tDeferFree(closeFreeFile, p.w);
	tDeferFree(closeFreeFile, p.r);
	p.copied = makeChan();

	goStart(pipeAcceptCopy, &p);
	goStart(pipeWriteA, &p);
	goStart(pipeDialDiscard, &p);

	(void)chanRecv(p.copied, &v);

	err = os_File_SetDeadline(
	    p.r, time_Time_Add(time_Now(), time_Microsecond));
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	goStart(pipeLateWriteB, &p);
	err = os_File_Read(p.r, b, sizeof(b), &n);
	if (err == NULL)
		tErrorf("Read did not time out");
	else if (!net_Error_Timeout(err))
		tErrorf("got error %s, expected a time out", tErrStr(err));
	else
		runtime_error_Free(err);
	tDone();
}
END_TEST

static void *
sendfileTimeoutServe(void *arg)
{
	sendfileServer *s = arg;
	os_File	       *f;
	runtime_error  *err;
	int64_t		n;

	if ((err = net_Listener_Accept(s->ln, &s->conn)) != NULL)
		goto out;
	err = net_Conn_SetWriteDeadline(
	    s->conn, time_Time_Add(time_Now(), -time_Hour));
	if (err == NULL && (err = os_Open(s->name, &f)) == NULL) {
		err = net_TCPConn_ReadFrom(
		    net_Conn_TCPConn(s->conn), os_File_Reader(f), &n);
		runtime_error_Free(os_File_Close(f));
		os_File_Free(f);
		if (errors_Is(err, os_ErrDeadlineExceeded)) {
			runtime_error_Free(err);
			err = NULL;
		} else if (err == NULL)
			chanSendf(s->errc,
			    "expected ErrDeadlineExceeded, but got nil");
	}
	runtime_error_Free(net_Conn_Close(s->conn));
	net_Conn_Free(s->conn);
out:
	if (err != NULL)
		chanSendErr(s->errc, err);
	chanClose(s->errc);
	return NULL;
}

START_TEST(TestSendfileOnWriteTimeoutExceeded)
{
	sendfileServer s;
	net_Conn      *conn;
	runtime_error *err;
	char	       buf[4096];
	ptrdiff_t      n;
	int64_t	       total;
	void	      *msg;

	s.name = writeNewton();
	s.ln = newLocalListener("tcp", NULL);
	deferListener(s.ln);
	s.errc = makeChan();
	goStart(sendfileTimeoutServe, &s);

	err = net_Dial("tcp", addrString(net_Listener_Addr(s.ln)), &conn);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(conn);
	total = 0;
	do {
		err = net_Conn_Read(conn, buf, sizeof(buf), &n);
		total += n;
	} while (err == NULL);
	if (err != io_EOF)
		tFatalf("expected nil error, but got %s", tErrStr(err));
	if (total != 0)
		tFatalf("expected receive zero, but got %lld byte(s)",
		    (long long)total);
	if (chanRecv(s.errc, &msg))
		tFatalf("%s", tStr(msg));
	tDone();
}
END_TEST

/*
 * testSendFileHandled checks that ReadFrom took the sendfile path, which
 * Go's tests see only through the result: net_sendFile on a File reports
 * handled, and on another Reader leaves the copy to the caller.
 */
START_TEST(testSendFileHandled)
{
	io_LimitedReader lr;
	net_Listener	*ln;
	net_Conn	*c, *sc;
	os_File		*f;
	runtime_error	*err;
	const char	*name;
	int64_t		 written;
	bool		 handled;

	name = writeNewton();
	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	if ((err = net_Dial("tcp", addrString(net_Listener_Addr(ln)), &c)) !=
	    NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);
	if ((err = net_Listener_Accept(ln, &sc)) != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(sc);
	if ((err = os_Open(name, &f)) != NULL)
		tFatalf("%s", tErrStr(err));
	/* 1 byte: never more than the socket buffer, so nothing blocks. */
	if (os_File_Seek(f, newtonLen - 1, SEEK_SET, &written) != NULL)
		tFatalf("Seek failed");
	err = net_sendFile(net_Conn_TCPConn(c)->conn.fd, os_File_Reader(f),
	    &written, &handled);
	if (err != NULL || !handled || written != 1)
		tErrorf("sendFile = %lld, %s, %d; want 1, <nil>, true",
		    (long long)written, err != NULL ? tErrStr(err) : "<nil>",
		    handled);
	err = net_sendFile(net_Conn_TCPConn(c)->conn.fd, net_Conn_Reader(sc),
	    &written, &handled);
	if (err != NULL || handled || written != 0)
		tErrorf("sendFile(conn) = %lld, %s, %d; want 0, <nil>, false",
		    (long long)written, err != NULL ? tErrStr(err) : "<nil>",
		    handled);
	/* A LimitedReader over the file: at most N, and N goes down. */
	if (os_File_Seek(f, 0, SEEK_SET, &written) != NULL)
		tFatalf("Seek failed");
	lr.R = os_File_Reader(f);
	lr.N = 2;
	err = net_sendFile(net_Conn_TCPConn(c)->conn.fd,
	    io_LimitedReader_Reader(&lr), &written, &handled);
	if (err != NULL || !handled || written != 2 || lr.N != 0)
		tErrorf("sendFile(LimitedReader) = %lld, %s, %d, N %lld; want "
			"2, <nil>, true, N 0",
		    (long long)written, err != NULL ? tErrStr(err) : "<nil>",
		    handled, (long long)lr.N);
	err = net_sendFile(net_Conn_TCPConn(c)->conn.fd,
	    io_LimitedReader_Reader(&lr), &written, &handled);
	if (err != NULL || !handled || written != 0)
		tErrorf("sendFile(N = 0) = %lld, %s, %d; want 0, <nil>, true",
		    (long long)written, err != NULL ? tErrStr(err) : "<nil>",
		    handled);
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
	tDone();
}
END_TEST

Suite *
sendfile_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("sendfile");
	tc = newNetTCase("Sendfile", 60);
	tcase_add_test(tc, TestSendfile);
	tcase_add_test(tc, TestSendfileParts);
	tcase_add_test(tc, TestSendfileSeeked);
	tcase_add_test(tc, TestSendfilePipe);
	tcase_add_test(tc, TestSendfileOnWriteTimeoutExceeded);
	tcase_add_test(tc, testSendFileHandled);
	suite_add_tcase(s, tc);
	return s;
}
