/*
 * C port of go1.19 src/net/unixsock_readmsg_test.go (built on: aix darwin
 * dragonfly freebsd linux netbsd openbsd solaris).
 *
 * Go wraps a socketpair's ends with os.NewFile and FileConn; gonet has no
 * FileConn yet, so fileUnixConn below does what Go's newFileFD does for a
 * Unix socket (dup close-on-exec, non-blocking, newFD, init, addresses).
 * syscall.UnixRights, ParseSocketControlMessage and ParseUnixRights become
 * libc's CMSG macros.
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
	close((int)(intptr_t)arg);
}

static void
closeUnixConn(void *arg)
{
	runtime_error_Free(net_UnixConn_Close(arg));
}

static void
freeUnixConn(void *arg)
{
	net_UnixConn_Free(arg);
}

/*
 * fileUnixConn is FileConn for a Unix stream socket: the new UnixConn
 * owns a duplicate of fd, which stays the caller's.
 */
static runtime_error *
fileUnixConn(int fd, net_UnixConn **c)
{
	syscall_Sockaddr lsa, rsa;
	net_netFD	*nfd;
	runtime_error	*err;
	syscall_Errno	 e;
	int		 s, sotype;

	*c = NULL;
	if ((s = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
		return os_NewSyscallError("fcntl", syscall_Errno_Err(errno));
	if ((e = syscall_SetNonblock(s, true)) != 0) {
		close(s);
		return os_NewSyscallError("setnonblock", syscall_Errno_Err(e));
	}
	if ((e = syscall_GetsockoptInt(s, SOL_SOCKET, SO_TYPE, &sotype)) != 0) {
		close(s);
		return os_NewSyscallError("getsockopt", syscall_Errno_Err(e));
	}
	memset(&lsa, 0, sizeof(lsa));
	memset(&rsa, 0, sizeof(rsa));
	syscall_Getsockname(s, &lsa);
	syscall_Getpeername(s, &rsa);
	net_newFD(s, AF_UNIX, sotype, "unix", &nfd);
	if ((err = net_netFD_init(nfd)) != NULL) {
		net_netFD_free(nfd);
		return err;
	}
	net_netFD_setAddr(
	    nfd, net_sockaddrToUnix(&lsa), net_sockaddrToUnix(&rsa));
	*c = net_newUnixConn(nfd);
	return NULL;
}

START_TEST(TestUnixConnReadMsgUnixSCMRightsCloseOnExec)
{
	union {
		struct cmsghdr hdr;
		char	       buf[CMSG_SPACE(sizeof(int))];
	} rights, oob;
	struct msghdr	msg;
	struct cmsghdr *scm;
	net_UnixConn   *ucw, *ucr;
	net_UnixAddr   *from;
	runtime_error  *err;
	int		scmFile, fds[2], gotFD, flags, rflags, nscms;
	ptrdiff_t	n, oobn;

	if (!testableNetwork("unix")) {
		tSkipf("not unix system");
		return;
	}

	scmFile = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (scmFile < 0)
		tFatalf("file open: %s", strerror(errno));
	tDefer(closeFD, (void *)(intptr_t)scmFile);

	/* syscall.UnixRights(scmFile) */
	memset(&rights, 0, sizeof(rights));
	rights.hdr.cmsg_len = CMSG_LEN(sizeof(int));
	rights.hdr.cmsg_level = SOL_SOCKET;
	rights.hdr.cmsg_type = SCM_RIGHTS;
	memcpy(CMSG_DATA(&rights.hdr), &scmFile, sizeof(int));
	if (socketpair(AF_LOCAL, SOCK_STREAM, 0, fds) != 0)
		tFatalf("Socketpair: %s", strerror(errno));
	tDefer(closeFD, (void *)(intptr_t)fds[0]);
	tDefer(closeFD, (void *)(intptr_t)fds[1]);

	if ((err = fileUnixConn(fds[0], &ucw)) != NULL)
		tFatalf("FileConn: %s", tErrStr(err));
	tDeferFree(freeUnixConn, ucw);
	tDefer(closeUnixConn, ucw);
	if ((err = fileUnixConn(fds[1], &ucr)) != NULL)
		tFatalf("FileConn: %s", tErrStr(err));
	tDeferFree(freeUnixConn, ucr);
	tDefer(closeUnixConn, ucr);

	memset(&oob, 0, sizeof(oob));
	err = net_UnixConn_SetWriteDeadline(
	    ucw, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		tFatalf("Can't set unix connection timeout: %s", tErrStr(err));
	err = net_UnixConn_WriteMsgUnix(
	    ucw, NULL, 0, rights.buf, sizeof(rights.buf), NULL, &n, &oobn);
	if (err != NULL)
		tFatalf("UnixConn readMsg: %s", tErrStr(err));
	err = net_UnixConn_SetReadDeadline(
	    ucr, time_Time_Add(time_Now(), 5 * time_Second));
	if (err != NULL)
		tFatalf("Can't set unix connection timeout: %s", tErrStr(err));
	err = net_UnixConn_ReadMsgUnix(
	    ucr, NULL, 0, oob.buf, sizeof(oob.buf), &n, &oobn, &rflags, &from);
	free(from);
	if (err != NULL)
		tFatalf("UnixConn readMsg: %s", tErrStr(err));

	/* syscall.ParseSocketControlMessage(oob[:oobn]) */
	memset(&msg, 0, sizeof(msg));
	msg.msg_control = oob.buf;
	msg.msg_controllen = (size_t)oobn;
	nscms = 0;
	for (scm = CMSG_FIRSTHDR(&msg); scm != NULL;
	     scm = CMSG_NXTHDR(&msg, scm))
		nscms++;
	if (nscms != 1)
		tFatalf("got %d scms; expected 1 SocketControlMessage", nscms);
	/* syscall.ParseUnixRights(&scm) */
	scm = CMSG_FIRSTHDR(&msg);
	if (scm->cmsg_level != SOL_SOCKET || scm->cmsg_type != SCM_RIGHTS)
		tFatalf("syscall.ParseUnixRights: %s", strerror(EINVAL));
	if (scm->cmsg_len != CMSG_LEN(sizeof(int)))
		tFatalf("got %zu bytes of FDs: wanted only 1 fd",
		    (size_t)(scm->cmsg_len - CMSG_LEN(0)));
	memcpy(&gotFD, CMSG_DATA(scm), sizeof(int));
	tDefer(closeFD, (void *)(intptr_t)gotFD);

	flags = fcntl(gotFD, F_GETFD, 0);
	if (flags < 0)
		tFatalf("Can't get flags of fd:%d, with err:%s", gotFD,
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
