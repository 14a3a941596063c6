/*
 * C port of go1.19 src/syscall/syscall_unix.go: Errno and the socket calls
 * every Unix shares.  built on: unix
 *
 * Go's lower-case raw wrappers (socket, bind, read, ...) come from its
 * generated zsyscall_GOOS_GOARCH.go; in C the libc calls play that part,
 * each followed at once by a read of errno.  Close, Listen and Shutdown,
 * which Go generates directly, are the same on every Unix and live here
 * too, as do SetNonblock and CloseOnExec from exec_unix.go.
 */
#include <sys/socket.h>
#include <sys/syscall.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "runtime/linkname.h"
#include "syscall/syscall_impl.h"

const char *
syscall_Errno_Error(syscall_Errno e)
{
	static _Thread_local char buf[32];
	const char		 *s;

	if (e < syscall_nerrors) {
		s = syscall_errors[e];
		if (s != NULL)
			return s;
	}
	/* Go converts to int first, so huge values print negative. */
	snprintf(buf, sizeof(buf), "errno %ld", (long)e);
	return buf;
}

bool
syscall_Errno_Temporary(syscall_Errno e)
{
	return e == EINTR || e == EMFILE || e == ENFILE ||
	    syscall_Errno_Timeout(e);
}

bool
syscall_Errno_Timeout(syscall_Errno e)
{
	return e == EAGAIN || e == EWOULDBLOCK || e == ETIMEDOUT;
}

static char *ErrnoError_Error(const runtime_error *);
static bool  ErrnoError_Timeout(const runtime_error *);
static bool  ErrnoError_Temporary(const runtime_error *);
static bool  ErrnoError_Is(const runtime_error *, const runtime_error *);

const runtime_errorType syscall_ErrnoType = {
	.name = "syscall.Errno",
	.Error = ErrnoError_Error,
	.Timeout = ErrnoError_Timeout,
	.Temporary = ErrnoError_Temporary,
	.Is = ErrnoError_Is,
};

static char *
ErrnoError_Error(const runtime_error *err)
{
	const syscall_ErrnoError *e = (const syscall_ErrnoError *)err;

	return runtime_strdup(syscall_Errno_Error(e->Errno));
}

static bool
ErrnoError_Timeout(const runtime_error *err)
{
	return syscall_Errno_Timeout(((const syscall_ErrnoError *)err)->Errno);
}

static bool
ErrnoError_Temporary(const runtime_error *err)
{
	return syscall_Errno_Temporary(
	    ((const syscall_ErrnoError *)err)->Errno);
}

/*
 * ErrnoError_Is supplies what Go's interface comparison gives Errno for
 * free: two boxes of the same number are equal, even when one of them is
 * a heap box that errors_Is's pointer test cannot match.  Go's Errno.Is
 * also maps errnos to os.ErrPermission, ErrExist and ErrNotExist; gonet
 * has no package os errors, so that part is left out.
 */
static bool
ErrnoError_Is(const runtime_error *err, const runtime_error *target)
{
	if (target->type != &syscall_ErrnoType)
		return false;
	return ((const syscall_ErrnoError *)err)->Errno ==
	    ((const syscall_ErrnoError *)target)->Errno;
}

/*
 * syscall_Errno_Err is Go's errnoErr, widened from three cached errnos to
 * every errno Go names.  Only an unnamed number costs an allocation.
 */
runtime_error *
syscall_Errno_Err(syscall_Errno e)
{
	syscall_ErrnoError *b;

	if (e == 0)
		return NULL;
	if (e < syscall_nerrors && syscall_errnoErrors[e].err.type != NULL)
		return &syscall_errnoErrors[e].err;
	b = (syscall_ErrnoError *)runtime_newError(
	    &syscall_ErrnoType, sizeof(*b));
	b->Errno = e;
	return &b->err;
}

syscall_Errno
syscall_errnoOf(runtime_error *err)
{
	runtime_error *e;

	e = errors_As(err, &syscall_ErrnoType);
	if (e == NULL)
		return 0;
	return ((syscall_ErrnoError *)e)->Errno;
}

syscall_Errno
syscall_Read(int fd, void *p, size_t len, ptrdiff_t *n)
{
	syscall_Errno e;
	uintptr_t     r;

	e = syscall_Syscall(SYS_read, (uintptr_t)fd, (uintptr_t)p, len, &r);
	*n = e != 0 ? -1 : (ptrdiff_t)r;
	return e;
}

syscall_Errno
syscall_Write(int fd, const void *p, size_t len, ptrdiff_t *n)
{
	syscall_Errno e;
	uintptr_t     r;

	e = syscall_Syscall(SYS_write, (uintptr_t)fd, (uintptr_t)p, len, &r);
	*n = e != 0 ? -1 : (ptrdiff_t)r;
	return e;
}

syscall_Errno
syscall_Close(int fd)
{
	return close(fd) < 0 ? (syscall_Errno)errno : 0;
}

syscall_Errno
syscall_Bind(int fd, const syscall_Sockaddr *sa)
{
	struct sockaddr_storage rsa;
	socklen_t		n;
	syscall_Errno		err;

	if ((err = syscall_sockaddr(sa, &rsa, &n)) != 0)
		return err;
	return bind(fd, (struct sockaddr *)&rsa, n) < 0 ? (syscall_Errno)errno
							: 0;
}

syscall_Errno
syscall_Connect(int fd, const syscall_Sockaddr *sa)
{
	struct sockaddr_storage rsa;
	socklen_t		n;
	syscall_Errno		err;
	uintptr_t		r;

	if ((err = syscall_sockaddr(sa, &rsa, &n)) != 0)
		return err;
	return syscall_Syscall(
	    SYS_connect, (uintptr_t)fd, (uintptr_t)&rsa, n, &r);
}

syscall_Errno
syscall_Getpeername(int fd, syscall_Sockaddr *sa)
{
	struct sockaddr_storage rsa;
	socklen_t		len;

	memset(&rsa, 0, sizeof(rsa));
	memset(sa, 0, sizeof(*sa));
	len = sizeof(rsa);
	if (getpeername(fd, (struct sockaddr *)&rsa, &len) < 0)
		return errno;
	return syscall_anyToSockaddr(&rsa, sa);
}

/* The option is a 32-bit int, as Go passes it; value is 0 on failure. */
syscall_Errno
syscall_GetsockoptInt(int fd, int level, int opt, int *value)
{
	int32_t	      n;
	socklen_t     vallen;
	syscall_Errno err;

	n = 0;
	vallen = 4;
	err = getsockopt(fd, level, opt, &n, &vallen) < 0 ? errno : 0;
	*value = n;
	return err;
}

/* A datagram without a source (AF_UNSPEC) leaves from as the nil Sockaddr. */
syscall_Errno
syscall_Recvfrom(int fd, void *p, size_t len, int flags, ptrdiff_t *n,
    syscall_Sockaddr *from)
{
	struct sockaddr_storage rsa;
	socklen_t		salen;
	uintptr_t		r;
	syscall_Errno		e;

	memset(&rsa, 0, sizeof(rsa));
	memset(from, 0, sizeof(*from));
	salen = sizeof(rsa);
	e = syscall_Syscall6(SYS_recvfrom, (uintptr_t)fd, (uintptr_t)p, len,
	    (uintptr_t)flags, (uintptr_t)&rsa, (uintptr_t)&salen, &r);
	*n = e != 0 ? -1 : (ptrdiff_t)r;
	if (e != 0)
		return e;
	if (rsa.ss_family != AF_UNSPEC)
		return syscall_anyToSockaddr(&rsa, from);
	return 0;
}

/*
 * syscall_Recvmsg keeps Go's quirk: a source address replaces the error
 * of the receive with that of the conversion.  A failed receive leaves no
 * address, so in practice the receive's error survives.
 */
syscall_Errno
syscall_Recvmsg(int fd, void *p, size_t len, void *oob, size_t ooblen,
    int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *recvflags,
    syscall_Sockaddr *from)
{
	struct sockaddr_storage rsa;
	syscall_Errno		err;

	memset(&rsa, 0, sizeof(rsa));
	memset(from, 0, sizeof(*from));
	err = syscall_recvmsgRaw(
	    fd, p, len, oob, ooblen, flags, &rsa, n, oobn, recvflags);
	if (rsa.ss_family != AF_UNSPEC)
		err = syscall_anyToSockaddr(&rsa, from);
	return err;
}

/* A NULL or nil to sends without an address, on a connected socket. */
syscall_Errno
syscall_SendmsgN(int fd, const void *p, size_t len, const void *oob,
    size_t ooblen, const syscall_Sockaddr *to, int flags, ptrdiff_t *n)
{
	struct sockaddr_storage rsa;
	const void	       *ptr;
	socklen_t		salen;
	syscall_Errno		err;

	ptr = NULL;
	salen = 0;
	if (to != NULL && to->Family != 0) {
		if ((err = syscall_sockaddr(to, &rsa, &salen)) != 0) {
			*n = 0;
			return err;
		}
		ptr = &rsa;
	}
	return syscall_sendmsgN(fd, p, len, oob, ooblen, ptr, salen, flags, n);
}

syscall_Errno
syscall_Sendto(
    int fd, const void *p, size_t len, int flags, const syscall_Sockaddr *to)
{
	struct sockaddr_storage rsa;
	socklen_t		n;
	syscall_Errno		err;
	uintptr_t		r;

	if ((err = syscall_sockaddr(to, &rsa, &n)) != 0)
		return err;
	return syscall_Syscall6(SYS_sendto, (uintptr_t)fd, (uintptr_t)p, len,
	    (uintptr_t)flags, (uintptr_t)&rsa, n, &r);
}

/* Go narrows the option to a 32-bit int before passing it. */
syscall_Errno
syscall_SetsockoptInt(int fd, int level, int opt, int value)
{
	int32_t n;

	n = (int32_t)value;
	return setsockopt(fd, level, opt, &n, 4) < 0 ? (syscall_Errno)errno : 0;
}

/*
 * Go's Socket also honours SocketDisableIPv6, a knob for Go's own tests
 * that net never sets; gonet leaves it out.
 */
syscall_Errno
syscall_Socket(int domain, int typ, int proto, int *fd)
{
	*fd = socket(domain, typ, proto);
	return *fd < 0 ? (syscall_Errno)errno : 0;
}

syscall_Errno
syscall_Listen(int s, int n)
{
	return listen(s, n) < 0 ? (syscall_Errno)errno : 0;
}

syscall_Errno
syscall_Shutdown(int fd, int how)
{
	return shutdown(fd, how) < 0 ? (syscall_Errno)errno : 0;
}

/* From go1.19 src/syscall/exec_unix.go, which ignores fcntl's error too. */
void
syscall_CloseOnExec(int fd)
{
	fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* From go1.19 src/syscall/exec_unix.go. */
syscall_Errno
syscall_SetNonblock(int fd, bool nonblocking)
{
	int flag;

	flag = fcntl(fd, F_GETFL, 0);
	if (flag < 0)
		return errno;
	if (nonblocking)
		flag |= O_NONBLOCK;
	else
		flag &= ~O_NONBLOCK;
	return fcntl(fd, F_SETFL, flag) < 0 ? (syscall_Errno)errno : 0;
}
