/*
 * gonet tests for syscall/ (C only in part): Go tests package syscall
 * mostly through net and os, so these check gonet's port directly against
 * values Go 1.19 produces.  testErrnoError reads tests/testdata/
 * errno_go119.txt, written by errno_go119.go under Go 1.19; the Sockaddr
 * tests round-trip addresses through real loopback sockets, whose results
 * were checked with the same calls in Go.  built on: linux
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "os/os.h"
#include "runtime/runtime_impl.h"
#include "syscall/syscall.h"
#include "tests/main_test.h"

static const uint8_t loopback4[4] = { 127, 0, 0, 1 };
static const uint8_t loopback6[16] = { [15] = 1 };

START_TEST(testErrnoError)
{
	FILE		  *f;
	char		   line[256], *text, *timeout, *temporary, *end;
	unsigned long long n;
	syscall_Errno	   e;
	int		   rows;

	f = fopen("tests/testdata/errno_go119.txt", "r");
	ck_assert_msg(f != NULL, "open tests/testdata/errno_go119.txt: %s",
	    strerror(errno));
	rows = 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		n = strtoull(line, &end, 10);
		ck_assert_msg(*end == '\t', "bad row %s", line);
		text = end + 1;
		timeout = strchr(text, '\t');
		ck_assert_msg(timeout != NULL, "bad row %s", line);
		*timeout++ = '\0';
		temporary = strchr(timeout, '\t');
		ck_assert_msg(temporary != NULL, "bad row %s", line);
		*temporary++ = '\0';
		e = (syscall_Errno)n;
		ck_assert_msg(strcmp(syscall_Errno_Error(e), text) == 0,
		    "Errno(%llu).Error() = %s, want %s", n,
		    syscall_Errno_Error(e), text);
		ck_assert_msg(
		    syscall_Errno_Timeout(e) == (strcmp(timeout, "true") == 0),
		    "Errno(%llu).Timeout() = %d, want %s", n,
		    syscall_Errno_Timeout(e), timeout);
		ck_assert_msg(syscall_Errno_Temporary(e) ==
			(strcmp(temporary, "true") == 0),
		    "Errno(%llu).Temporary() = %d, want %s", n,
		    syscall_Errno_Temporary(e), temporary);
		rows++;
	}
	fclose(f);
	ck_assert_msg(rows > 140, "read %d rows, want more than 140", rows);
}
END_TEST

/* Named errnos box statically; others allocate, yet compare as values. */
START_TEST(testErrnoErr)
{
	runtime_error *a, *b;

	ck_assert_ptr_null(syscall_Errno_Err(0));
	a = syscall_Errno_Err(EBADF);
	ck_assert_msg(a == syscall_Errno_Err(EBADF) && a->isstatic,
	    "Errno_Err(EBADF) is not one static box");
	ck_assert_str_eq(runtime_error_Error(a), "bad file descriptor");
	ck_assert_uint_eq(syscall_errnoOf(a), EBADF);
	ck_assert(!errors_Is(a, syscall_Errno_Err(EINVAL)));
	ck_assert(a->type->Timeout(a) == false);
	b = syscall_Errno_Err(EAGAIN);
	ck_assert(b->type->Timeout(b) && b->type->Temporary(b));
	runtime_error_Free(a);

	a = syscall_Errno_Err(1000);
	b = syscall_Errno_Err(1000);
	ck_assert(a != b && !a->isstatic);
	ck_assert_str_eq(runtime_error_Error(a), "errno 1000");
	ck_assert_msg(errors_Is(a, b), "Is(Errno(1000), Errno(1000)) = false");
	ck_assert_uint_eq(syscall_errnoOf(a), 1000);
	ck_assert_uint_eq(syscall_errnoOf(NULL), 0);
	runtime_error_Free(a);
	runtime_error_Free(b);
}
END_TEST

START_TEST(testNewSyscallError)
{
	runtime_error *err, *e;
	int	       s;

	err = os_NewSyscallError("setsockopt", syscall_Errno_Err(EBADF));
	ck_assert_str_eq(
	    runtime_error_Error(err), "setsockopt: bad file descriptor");
	ck_assert_ptr_eq(errors_Unwrap(err), syscall_Errno_Err(EBADF));
	ck_assert(errors_Is(err, syscall_Errno_Err(EBADF)));
	ck_assert(!err->type->Timeout(err));
	ck_assert_ptr_null(err->type->Temporary);
	runtime_error_Free(err);

	err = os_NewSyscallError("read", syscall_Errno_Err(EAGAIN));
	ck_assert_msg(err->type->Timeout(err),
	    "SyscallError{read, EAGAIN}.Timeout() = false, want true");
	runtime_error_Free(err);

	e = errors_New("x");
	err = os_NewSyscallError("x", e);
	ck_assert(!err->type->Timeout(err));
	runtime_error_Free(err);

	ck_assert_ptr_null(os_NewSyscallError("socket", NULL));

	/* The same text from a real failing call. */
	s = -1;
	err = os_NewSyscallError("setsockopt",
	    syscall_Errno_Err(
		syscall_SetsockoptInt(s, SOL_SOCKET, SO_REUSEADDR, 1)));
	ck_assert_str_eq(
	    runtime_error_Error(err), "setsockopt: bad file descriptor");
	runtime_error_Free(err);
}
END_TEST

START_TEST(testSocketInvalidDomain)
{
	syscall_Errno err;
	int	      fd;

	err = syscall_Socket(12345, SOCK_STREAM, 0, &fd);
	ck_assert_msg(err == EAFNOSUPPORT && fd == -1,
	    "Socket(12345, SOCK_STREAM, 0) = %d, %s; want -1, %s", fd,
	    syscall_Errno_Error(err), syscall_Errno_Error(EAFNOSUPPORT));
}
END_TEST

START_TEST(testSockaddrInet4)
{
	syscall_Sockaddr sa, got;
	syscall_Errno	 err;
	int		 fd;

	ck_assert_uint_eq(
	    syscall_Socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);
	memset(&sa, 0, sizeof(sa));
	sa.Family = AF_INET;
	memcpy(sa.u.Inet4.Addr, loopback4, 4);
	err = syscall_Bind(fd, &sa);
	ck_assert_msg(
	    err == 0, "Bind(127.0.0.1:0): %s", syscall_Errno_Error(err));
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(got.Family, AF_INET);
	ck_assert_msg(got.u.Inet4.Port > 0 && got.u.Inet4.Port <= 0xFFFF,
	    "Getsockname port = %d", got.u.Inet4.Port);
	ck_assert_mem_eq(got.u.Inet4.Addr, loopback4, 4);
	ck_assert_uint_eq(syscall_Close(fd), 0);
}
END_TEST

START_TEST(testSockaddrInet6)
{
	syscall_Sockaddr sa, got;
	syscall_Errno	 err;
	int		 fd;

	err = syscall_Socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0, &fd);
	if (err == EAFNOSUPPORT) {
		fprintf(
		    stderr, "testSockaddrInet6: skipped: IPv6 unavailable\n");
		return;
	}
	ck_assert_uint_eq(err, 0);
	memset(&sa, 0, sizeof(sa));
	sa.Family = AF_INET6;
	memcpy(sa.u.Inet6.Addr, loopback6, 16);
	err = syscall_Bind(fd, &sa);
	if (err == EADDRNOTAVAIL) {
		syscall_Close(fd);
		fprintf(stderr, "testSockaddrInet6: skipped: no ::1\n");
		return;
	}
	ck_assert_msg(err == 0, "Bind([::1]:0): %s", syscall_Errno_Error(err));
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(got.Family, AF_INET6);
	ck_assert_msg(
	    got.u.Inet6.Port > 0, "Getsockname port = %d", got.u.Inet6.Port);
	ck_assert_uint_eq(got.u.Inet6.ZoneId, 0);
	ck_assert_mem_eq(got.u.Inet6.Addr, loopback6, 16);
	ck_assert_uint_eq(syscall_Close(fd), 0);
}
END_TEST

/* Go rejects ports outside 0..65535 before any system call. */
START_TEST(testSockaddrPortRange)
{
	static const int ports[] = { -1, 65536 };
	syscall_Sockaddr sa;
	size_t		 i;
	int		 fd;

	ck_assert_uint_eq(
	    syscall_Socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);
	for (i = 0; i < nelem(ports); i++) {
		memset(&sa, 0, sizeof(sa));
		sa.Family = AF_INET;
		sa.u.Inet4.Port = ports[i];
		ck_assert_msg(syscall_Bind(fd, &sa) == EINVAL,
		    "Bind(SockaddrInet4{Port: %d}) != EINVAL", ports[i]);
		memset(&sa, 0, sizeof(sa));
		sa.Family = AF_INET6;
		sa.u.Inet6.Port = ports[i];
		ck_assert_msg(syscall_Connect(fd, &sa) == EINVAL,
		    "Connect(SockaddrInet6{Port: %d}) != EINVAL", ports[i]);
	}
	ck_assert_uint_eq(syscall_Close(fd), 0);
}
END_TEST

static void
unixName(syscall_Sockaddr *sa, const char *name)
{
	memset(sa, 0, sizeof(*sa));
	sa->Family = AF_UNIX;
	snprintf(sa->u.Unix.Name, sizeof(sa->u.Unix.Name), "%s", name);
}

START_TEST(testSockaddrUnix)
{
	char		 dir[] = "/tmp/gonet-syscall-XXXXXX";
	char		*path;
	syscall_Sockaddr sa, got;
	syscall_Errno	 err;
	int		 fd;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	path = runtime_concatstrings(dir, "/sock", (char *)NULL);
	ck_assert_uint_eq(
	    syscall_Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);

	/* An unbound socket's name comes back as Go's "@". */
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(got.Family, AF_UNIX);
	ck_assert_str_eq(got.u.Unix.Name, "@");

	unixName(&sa, path);
	err = syscall_Bind(fd, &sa);
	ck_assert_msg(err == 0, "Bind(%s): %s", path, syscall_Errno_Error(err));
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(got.Family, AF_UNIX);
	ck_assert_str_eq(got.u.Unix.Name, path);
	ck_assert_uint_eq(syscall_Close(fd), 0);
	unlink(path);
	rmdir(dir);
	free(path);
}
END_TEST

START_TEST(testSockaddrUnixAbstract)
{
	char		 name[syscall_SizeofSockaddrUnixPath + 1];
	syscall_Sockaddr sa, got;
	syscall_Errno	 err;
	int		 fd;

	snprintf(name, sizeof(name), "@gonet-syscall-test-%ld", (long)getpid());
	ck_assert_uint_eq(
	    syscall_Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);
	unixName(&sa, name);
	err = syscall_Bind(fd, &sa);
	ck_assert_msg(err == 0, "Bind(%s): %s", name, syscall_Errno_Error(err));
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_str_eq(got.u.Unix.Name, name);
	ck_assert_uint_eq(syscall_Close(fd), 0);

	/* An abstract name may fill sun_path entirely. */
	memset(name, 'a', syscall_SizeofSockaddrUnixPath);
	name[0] = '@';
	snprintf(name + 1, 12, "%011ld", (long)getpid());
	name[12] = 'a';
	name[syscall_SizeofSockaddrUnixPath] = '\0';
	ck_assert_uint_eq(
	    syscall_Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);
	unixName(&sa, name);
	err = syscall_Bind(fd, &sa);
	ck_assert_msg(
	    err == 0, "Bind(@ + 107 bytes): %s", syscall_Errno_Error(err));
	err = syscall_Getsockname(fd, &got);
	ck_assert_msg(err == 0, "Getsockname: %s", syscall_Errno_Error(err));
	ck_assert_uint_eq(strlen(got.u.Unix.Name), 108);
	ck_assert_str_eq(got.u.Unix.Name, name);
	ck_assert_uint_eq(syscall_Close(fd), 0);
}
END_TEST

/* Go's EINVAL rules for names that leave no room for the kernel's NUL. */
START_TEST(testSockaddrUnixTooLong)
{
	syscall_Sockaddr sa;
	int		 fd;

	ck_assert_uint_eq(
	    syscall_Socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, &fd), 0);
	memset(&sa, 0, sizeof(sa));
	sa.Family = AF_UNIX;
	memset(sa.u.Unix.Name, 'a', syscall_SizeofSockaddrUnixPath);
	ck_assert_msg(
	    syscall_Bind(fd, &sa) == EINVAL, "Bind(108-byte path) != EINVAL");
	/* A Name with no NUL is Go's 109-byte string. */
	memset(sa.u.Unix.Name, 'a', sizeof(sa.u.Unix.Name));
	ck_assert_msg(
	    syscall_Bind(fd, &sa) == EINVAL, "Bind(109-byte path) != EINVAL");
	sa.u.Unix.Name[0] = '@';
	ck_assert_msg(
	    syscall_Bind(fd, &sa) == EINVAL, "Bind(@ + 108 bytes) != EINVAL");
	ck_assert_uint_eq(syscall_Close(fd), 0);
}
END_TEST

START_TEST(testTCPLoopback)
{
	syscall_Sockaddr sa, la, peer, from;
	syscall_Errno	 err;
	char		 buf[16];
	int		 ln, c, s, v;
	ptrdiff_t	 n;

	ck_assert_uint_eq(
	    syscall_Socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0, &ln), 0);
	ck_assert_uint_eq(
	    syscall_SetsockoptInt(ln, SOL_SOCKET, SO_REUSEADDR, 1), 0);
	ck_assert_uint_eq(
	    syscall_GetsockoptInt(ln, SOL_SOCKET, SO_REUSEADDR, &v), 0);
	ck_assert_msg(v == 1, "GetsockoptInt(SO_REUSEADDR) = %d, want 1", v);
	memset(&sa, 0, sizeof(sa));
	sa.Family = AF_INET;
	memcpy(sa.u.Inet4.Addr, loopback4, 4);
	ck_assert_uint_eq(syscall_Bind(ln, &sa), 0);
	ck_assert_uint_eq(syscall_Listen(ln, 1), 0);
	ck_assert_uint_eq(syscall_Getsockname(ln, &la), 0);

	/* Nothing is pending yet, so a non-blocking accept says EAGAIN. */
	ck_assert_uint_eq(syscall_SetNonblock(ln, true), 0);
	ck_assert(fcntl(ln, F_GETFL) & O_NONBLOCK);
	err = syscall_Accept4(ln, SOCK_CLOEXEC, &s, &from);
	ck_assert_msg(err == EAGAIN && s == -1, "Accept4 = %d, %s", s,
	    syscall_Errno_Error(err));
	ck_assert_uint_eq(syscall_SetNonblock(ln, false), 0);

	ck_assert_uint_eq(syscall_Socket(AF_INET, SOCK_STREAM, 0, &c), 0);
	syscall_CloseOnExec(c);
	ck_assert(fcntl(c, F_GETFD) & FD_CLOEXEC);
	err = syscall_Connect(c, &la);
	ck_assert_msg(err == 0, "Connect: %s", syscall_Errno_Error(err));
	err = syscall_Accept4(ln, SOCK_CLOEXEC, &s, &from);
	ck_assert_msg(err == 0, "Accept4: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(from.Family, AF_INET);
	ck_assert_mem_eq(from.u.Inet4.Addr, loopback4, 4);

	ck_assert_uint_eq(syscall_Getpeername(c, &peer), 0);
	ck_assert_int_eq(peer.u.Inet4.Port, la.u.Inet4.Port);
	ck_assert_uint_eq(syscall_Getpeername(s, &peer), 0);
	ck_assert_int_eq(peer.u.Inet4.Port, from.u.Inet4.Port);

	ck_assert_uint_eq(syscall_Write(c, "hello", 5, &n), 0);
	ck_assert_int_eq(n, 5);
	ck_assert_uint_eq(syscall_Shutdown(c, SHUT_WR), 0);
	ck_assert_uint_eq(syscall_Read(s, buf, sizeof(buf), &n), 0);
	ck_assert_int_eq(n, 5);
	ck_assert_mem_eq(buf, "hello", 5);
	ck_assert_uint_eq(syscall_Read(s, buf, sizeof(buf), &n), 0);
	ck_assert_msg(n == 0, "Read after peer's Shutdown = %td, want 0", n);

	ck_assert_uint_eq(syscall_Close(s), 0);
	ck_assert_uint_eq(syscall_Close(c), 0);
	ck_assert_uint_eq(syscall_Close(ln), 0);
	err = syscall_Read(ln, buf, sizeof(buf), &n);
	ck_assert_msg(err == EBADF && n == -1,
	    "Read(closed fd) = %td, %s; want -1, bad file descriptor", n,
	    syscall_Errno_Error(err));
}
END_TEST

START_TEST(testUDPLoopback)
{
	syscall_Sockaddr sa, a1, a2, from;
	syscall_Errno	 err;
	char		 buf[16];
	int		 c1, c2, flags;
	ptrdiff_t	 n, oobn;

	memset(&sa, 0, sizeof(sa));
	sa.Family = AF_INET;
	memcpy(sa.u.Inet4.Addr, loopback4, 4);
	ck_assert_uint_eq(
	    syscall_Socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0, &c1), 0);
	ck_assert_uint_eq(
	    syscall_Socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0, &c2), 0);
	ck_assert_uint_eq(syscall_Bind(c1, &sa), 0);
	ck_assert_uint_eq(syscall_Bind(c2, &sa), 0);
	ck_assert_uint_eq(syscall_Getsockname(c1, &a1), 0);
	ck_assert_uint_eq(syscall_Getsockname(c2, &a2), 0);

	ck_assert_uint_eq(syscall_Sendto(c1, "ping", 4, 0, &a2), 0);
	err = syscall_Recvfrom(c2, buf, sizeof(buf), 0, &n, &from);
	ck_assert_msg(err == 0, "Recvfrom: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(from.Family, AF_INET);
	ck_assert_int_eq(from.u.Inet4.Port, a1.u.Inet4.Port);

	err = syscall_SendmsgN(c2, "pong!", 5, NULL, 0, &a1, 0, &n);
	ck_assert_msg(err == 0 && n == 5, "SendmsgN = %td, %s", n,
	    syscall_Errno_Error(err));
	err = syscall_Recvmsg(
	    c1, buf, sizeof(buf), NULL, 0, 0, &n, &oobn, &flags, &from);
	ck_assert_msg(err == 0, "Recvmsg: %s", syscall_Errno_Error(err));
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(oobn, 0);
	ck_assert_mem_eq(buf, "pong!", 5);
	ck_assert_int_eq(from.u.Inet4.Port, a2.u.Inet4.Port);

	/* Nothing is queued: a non-blocking receive fails at once. */
	ck_assert_uint_eq(syscall_SetNonblock(c1, true), 0);
	err = syscall_Recvfrom(c1, buf, sizeof(buf), 0, &n, &from);
	ck_assert_msg(err == EAGAIN && n == -1 && from.Family == 0,
	    "Recvfrom(empty) = %td, %s", n, syscall_Errno_Error(err));

	ck_assert_uint_eq(syscall_Close(c1), 0);
	ck_assert_uint_eq(syscall_Close(c2), 0);
}
END_TEST

/*
 * C port of Go's TestUnixRightsRoundtrip (syscall/syscall_unix_test.go):
 * messages appended one after another, the last one's padding cut off,
 * parse back to the same descriptors.  A row ends at -1.
 */
static const int unixRightsTests[][5][4] = {
	{ { 42, -1 }, { -2 } },
	{ { 1, 2, -1 }, { -2 } },
	{ { 3, 4, 5, -1 }, { -2 } },
	{ { -1 }, { -2 } },
	{ { 1, 2, -1 }, { 3, 4, 5, -1 }, { -1 }, { 7, -1 }, { -2 } },
};

static size_t
fdsLen(const int *fds)
{
	size_t n;

	for (n = 0; fds[n] != -1; n++)
		;
	return n;
}

START_TEST(TestUnixRightsRoundtrip)
{
	const int(*testCase)[4] = unixRightsTests[_i];
	syscall_SocketControlMessage *scms;
	syscall_Errno		      e;
	uint8_t			      b[256];
	void			     *r;
	int			     *gotFds;
	size_t			      len, n, k, rlen, nscms, ngot, i, j;

	len = n = 0;
	for (k = 0; testCase[k][0] != -2; k++) {
		n = len + syscall_CmsgLen(4 * fdsLen(testCase[k]));
		r = syscall_UnixRights(testCase[k], fdsLen(testCase[k]), &rlen);
		ck_assert_uint_le(len + rlen, sizeof(b));
		memcpy(b + len, r, rlen);
		len += rlen;
		free(r);
	}
	e = syscall_ParseSocketControlMessage(b, n, &scms, &nscms);
	ck_assert_msg(
	    e == 0, "ParseSocketControlMessage: %s", syscall_Errno_Error(e));
	ck_assert_msg(
	    nscms == k, "expected %zu SocketControlMessage; got %zu", k, nscms);
	for (i = 0; i < nscms; i++) {
		e = syscall_ParseUnixRights(&scms[i], &gotFds, &ngot);
		ck_assert_msg(
		    e == 0, "ParseUnixRights: %s", syscall_Errno_Error(e));
		ck_assert_msg(ngot == fdsLen(testCase[i]),
		    "expected %zu fds, got %zu", fdsLen(testCase[i]), ngot);
		for (j = 0; j < ngot; j++)
			ck_assert_msg(gotFds[j] == testCase[i][j],
			    "expected fd %d, got %d", testCase[i][j],
			    gotFds[j]);
		free(gotFds);
	}
	free(scms);
}
END_TEST

/*
 * testParseSocketControlMessageInvalid: a header whose length runs past
 * the buffer, or is shorter than a header, is EINVAL (Go's
 * socketControlMessageHeaderAndData); a message that is not SCM_RIGHTS
 * is EINVAL to ParseUnixRights.
 */
START_TEST(testParseSocketControlMessageInvalid)
{
	syscall_SocketControlMessage *scms, m;
	struct cmsghdr		      h;
	uint8_t			      b[64];
	size_t			      n;
	int			     *fds;

	memset(b, 0, sizeof(b));
	memset(&h, 0, sizeof(h));
	h.cmsg_len = sizeof(b) + 1;
	memcpy(b, &h, sizeof(h));
	ck_assert_uint_eq(
	    syscall_ParseSocketControlMessage(b, sizeof(b), &scms, &n), EINVAL);
	ck_assert_ptr_null(scms);
	h.cmsg_len = sizeof(h) - 1;
	memcpy(b, &h, sizeof(h));
	ck_assert_uint_eq(
	    syscall_ParseSocketControlMessage(b, sizeof(b), &scms, &n), EINVAL);
	memset(&m, 0, sizeof(m));
	m.Header.Level = SOL_SOCKET;
	m.Header.Type = SCM_CREDENTIALS;
	ck_assert_uint_eq(syscall_ParseUnixRights(&m, &fds, &n), EINVAL);
	m.Header.Level = IPPROTO_IP;
	m.Header.Type = SCM_RIGHTS;
	ck_assert_uint_eq(syscall_ParseUnixRights(&m, &fds, &n), EINVAL);
}
END_TEST

Suite *
syscall_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("syscall");
	tc = newTCase("Errno");
	tcase_add_test(tc, testErrnoError);
	tcase_add_test(tc, testErrnoErr);
	tcase_add_test(tc, testNewSyscallError);
	suite_add_tcase(s, tc);
	tc = newTCase("Sockaddr");
	tcase_add_test(tc, testSocketInvalidDomain);
	tcase_add_test(tc, testSockaddrInet4);
	tcase_add_test(tc, testSockaddrInet6);
	tcase_add_test(tc, testSockaddrPortRange);
	tcase_add_test(tc, testSockaddrUnix);
	tcase_add_test(tc, testSockaddrUnixAbstract);
	tcase_add_test(tc, testSockaddrUnixTooLong);
	suite_add_tcase(s, tc);
	tc = newTCase("Cmsg");
	tcase_add_loop_test(
	    tc, TestUnixRightsRoundtrip, 0, nelem(unixRightsTests));
	tcase_add_test(tc, testParseSocketControlMessageInvalid);
	suite_add_tcase(s, tc);
	tc = newTCase("Loopback");
	tcase_add_test(tc, testTCPLoopback);
	tcase_add_test(tc, testUDPLoopback);
	suite_add_tcase(s, tc);
	return s;
}
