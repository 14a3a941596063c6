/*
 * C port of go1.19 src/net/write_unix_test.go (built on: aix darwin
 * dragonfly freebsd linux netbsd openbsd solaris).
 *
 * Go's test reaches internal/poll's FD.WriteOnce and FD.WaitWrite, two
 * methods fd_unix.go keeps for tests only; gonet's netFD has neither, so
 * writeOnce and waitWrite below are their twins over the netFD internals
 * (the write lock, the descriptor and its pollDesc).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/* withTCPConnPair (net_test.go) is shared through tests/mockserver.h. */

/*
 * writeOnce is FD.WriteOnce: one write(2) under the write lock, retried
 * only on EINTR.  The error is the bare Errno, as Go's is.
 */
static runtime_error *
writeOnce(poll_FD *fd, const void *p, size_t len, ptrdiff_t *n)
{
	runtime_error *err;
	syscall_Errno  e;

	*n = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	do
		e = syscall_Write(fd->Sysfd, p, len, n);
	while (e == EINTR);
	poll_FD_writeUnlock(fd);
	if (e != 0)
		return syscall_Errno_Err(e);
	return NULL;
}

/* waitWrite is FD.WaitWrite: park until writable or the deadline. */
static runtime_error *
waitWrite(poll_FD *fd)
{
	return net_pollDesc_waitWrite(&fd->pd);
}

static bool
isErrno(runtime_error *err, syscall_Errno e)
{
	return err != NULL && err->type == &syscall_ErrnoType &&
	    ((syscall_ErrnoError *)err)->Errno == e;
}

/* TestEndlessWrite's channel: the server returns once the client has. */
static chan *endlessWriteDone;

static char *
endlessWriteServer(net_TCPConn *cs)
{
	runtime_error_Free(net_TCPConn_CloseWrite(cs));
	chanRecv(endlessWriteDone, NULL);
	return NULL;
}

/*
 * endlessWriteClient writes to a server that reads nothing, so the
 * writes eventually block; a short write deadline must then end them.
 */
static char *
endlessWriteClient(net_TCPConn *ss)
{
	char	       b[8192];
	poll_FD	      *fd = &ss->conn.fd->pfd;
	runtime_error *err;
	int	       cagain;
	ptrdiff_t      n;

	memset(b, 'a', sizeof(b));
	cagain = 0;
	for (;;) {
		err = writeOnce(fd, b, sizeof(b), &n);
		if (n > 0)
			cagain = 0;
		if (err == NULL)
			continue;
		if (!isErrno(err, EAGAIN)) {
			/* We expect to eventually get an error. */
			tLogf("client WriteOnce: %s", tErrStr(err));
			break;
		}
		runtime_error_Free(err);
		if (cagain == 0)
			/* Enough to block: a deadline stops the writes. */
			runtime_error_Free(net_TCPConn_SetWriteDeadline(ss,
			    time_Time_Add(time_Now(), 5 * time_Millisecond)));
		cagain++;
		if (cagain > 20) {
			tErrorf("looping on EAGAIN");
			break;
		}
		if ((err = waitWrite(fd)) != NULL) {
			tLogf("client WaitWrite: %s", tErrStr(err));
			break;
		}
	}
	/* Go's "defer close(c)". */
	chanClose(endlessWriteDone);
	return NULL;
}

START_TEST(TestEndlessWrite)
{
	endlessWriteDone = makeChan();
	withTCPConnPair(endlessWriteClient, endlessWriteServer);
	tDone();
}
END_TEST

Suite *
write_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("write_unix");
	tc = newNetTCase("EndlessWrite", 30);
	tcase_add_test(tc, TestEndlessWrite);
	suite_add_tcase(s, tc);
	return s;
}
