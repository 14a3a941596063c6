/*
 * C port of go1.19 src/net/unixsock_readmsg_test.go (built on: aix darwin
 * dragonfly freebsd linux netbsd openbsd solaris).
 */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

static void
closeFD(void *arg)
{
	if (close((int)(intptr_t)arg) != 0)
		tErrorf("fail to close gotFDs: %s", strerror(errno));
}

static void
closeFile(void *arg)
{
	runtime_error_Free(os_File_Close(arg));
}

static void
freeFile(void *arg)
{
	os_File_Free(arg);
}

/* fileUnixConn is FileConn(f) and the assertion to *UnixConn. */
static net_UnixConn *
fileUnixConn(os_File *f)
{
	runtime_error *err;
	net_Conn      *c;

	if ((err = net_FileConn(f, &c)) != NULL)
		tFatalf("FileConn: %s", tErrStr(err));
	deferConn(c);
	if (net_Conn_UnixConn(c) == NULL)
		tFatalf("got %s; want UnixConn", c->type->name);
	return net_Conn_UnixConn(c);
}

START_TEST(TestUnixConnReadMsgUnixSCMRightsCloseOnExec)
{
	syscall_SocketControlMessage *scms;
	net_UnixConn		     *ucw, *ucr;
	net_UnixAddr		     *from;
	os_File			     *scmFile, *writeFile, *readFile;
	runtime_error		     *err;
	void			     *rights, *oob;
	int			      fds[2], *gotFDs, flags, rflags;
	size_t			      rightsLen, oobLen, nscms, ngot;
	ptrdiff_t		      n, oobn;
	syscall_Errno		      e;

	if (!testableNetwork("unix")) {
		tSkipf("not unix system");
		return;
	}

	if ((err = os_Open("/dev/null", &scmFile)) != NULL)
		tFatalf("file open: %s", tErrStr(err));
	tDeferFree(freeFile, scmFile);
	tDefer(closeFile, scmFile);

	rights = syscall_UnixRights(
	    &(int){ (int)os_File_Fd(scmFile) }, 1, &rightsLen);
	tDeferFree(free, rights);
	if (socketpair(AF_LOCAL, SOCK_STREAM, 0, fds) != 0)
		tFatalf("Socketpair: %s", strerror(errno));

	writeFile = os_NewFile((uintptr_t)fds[0], "write-socket");
	tDeferFree(freeFile, writeFile);
	tDefer(closeFile, writeFile);
	readFile = os_NewFile((uintptr_t)fds[1], "read-socket");
	tDeferFree(freeFile, readFile);
	tDefer(closeFile, readFile);

	ucw = fileUnixConn(writeFile);
	ucr = fileUnixConn(readFile);

	oobLen = syscall_CmsgSpace(4);
	oob = tStr(calloc(1, oobLen));
	err = net_UnixConn_SetWriteDeadline(
	    ucw, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		tFatalf("Can't set unix connection timeout: %s", tErrStr(err));
	err = net_UnixConn_WriteMsgUnix(
	    ucw, NULL, 0, rights, rightsLen, NULL, &n, &oobn);
	if (err != NULL)
		tFatalf("UnixConn readMsg: %s", tErrStr(err));
	err = net_UnixConn_SetReadDeadline(
	    ucr, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		tFatalf("Can't set unix connection timeout: %s", tErrStr(err));
	err = net_UnixConn_ReadMsgUnix(
	    ucr, NULL, 0, oob, oobLen, &n, &oobn, &rflags, &from);
	free(from);
	if (err != NULL)
		tFatalf("UnixConn readMsg: %s", tErrStr(err));

	e = syscall_ParseSocketControlMessage(oob, (size_t)oobn, &scms, &nscms);
	if (e != 0)
		tFatalf(
		    "ParseSocketControlMessage: %s", syscall_Errno_Error(e));
	tDeferFree(free, scms);
	if (nscms != 1)
		tFatalf("got %zu scms; expected 1 SocketControlMessage", nscms);
	if ((e = syscall_ParseUnixRights(&scms[0], &gotFDs, &ngot)) != 0)
		tFatalf("syscall.ParseUnixRights: %s", syscall_Errno_Error(e));
	tDeferFree(free, gotFDs);
	if (ngot != 1)
		tFatalf("got %zu FDs: wanted only 1 fd", ngot);
	tDefer(closeFD, (void *)(intptr_t)gotFDs[0]);

	flags = fcntl(gotFDs[0], F_GETFD, 0);
	if (flags < 0)
		tFatalf("Can't get flags of fd:%d, with err:%s", gotFDs[0],
		    strerror(errno));
	if ((flags & FD_CLOEXEC) == 0)
		tFatalf("got flags %#x, want %#x (FD_CLOEXEC) set", flags,
		    FD_CLOEXEC);
	tDone();
}
END_TEST

Suite *
unixsock_readmsg_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("unixsock_readmsg");
	tc = newNetTCase("ReadMsgUnix", 30);
	tcase_add_test(tc, TestUnixConnReadMsgUnixSCMRightsCloseOnExec);
	suite_add_tcase(s, tc);
	return s;
}
