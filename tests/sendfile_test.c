/*
 * C port of go1.19 src/net/sendfile_test.go (built on: !js).  Go sends
 * testdata/Isaac.Newton-Opticks.txt and checks its SHA-256; gonet writes
 * a file of the same length (newtonLen) into a temporary directory and
 * compares the received bytes with it, which checks the same thing
 * without a hash.  io.Copy(conn, f) is TCPConn.ReadFrom, which is what
 * Go's io.Copy calls.
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

/* The server side of TestSendfile: its errors go to errc. */
typedef struct sendfileServer {
	net_Listener *ln;
	const char   *name;
	chan	     *errc;
	net_Conn     *conn;
} sendfileServer;

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
	err = net_TCPConn_ReadFrom(
	    net_Conn_TCPConn(s->conn), os_File_Reader(f), &sbytes);
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
	net_Listener  *ln;
	net_Conn      *c, *sc;
	os_File	      *f;
	runtime_error *err;
	const char    *name;
	int64_t	       written;
	bool	       handled;

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
	tcase_add_test(tc, TestSendfileOnWriteTimeoutExceeded);
	tcase_add_test(tc, testSendFileHandled);
	suite_add_tcase(s, tc);
	return s;
}
