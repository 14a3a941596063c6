/*
 * C port of go1.19 src/syscall/syscall_linux.go: the Linux layout of
 * socket addresses, Accept4, Getsockname and the msghdr plumbing behind
 * Recvmsg and SendmsgN.  built on: linux
 *
 * Go's RawSockaddrAny becomes struct sockaddr_storage, which is larger
 * (128 bytes to Go's 112); no family net uses fills the difference.
 */
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/un.h>
#include <netinet/in.h>

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "runtime/linkname.h"
#include "syscall/syscall_impl.h"

syscall_Errno
syscall_Syscall6(long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3,
    uintptr_t a4, uintptr_t a5, uintptr_t a6, uintptr_t *r1)
{
	long r;

	runtime_entersyscall();
	r = runtime_syscall6(trap, a1, a2, a3, a4, a5, a6);
	runtime_exitsyscall();
	if (r < 0) {
		*r1 = (uintptr_t)-1; /* as Go's Syscall6 leaves r1 */
		return (syscall_Errno)-r;
	}
	*r1 = (uintptr_t)r;
	return 0;
}

syscall_Errno
syscall_Syscall(
    long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t *r1)
{
	return syscall_Syscall6(trap, a1, a2, a3, 0, 0, 0, r1);
}

/* The port goes out in network byte order, high byte first, as Go writes it. */
static syscall_Errno
SockaddrInet4_sockaddr(
    const syscall_SockaddrInet4 *sa, struct sockaddr_in *raw, socklen_t *len)
{
	uint8_t *p;

	if (sa->Port < 0 || sa->Port > 0xFFFF)
		return EINVAL;
	raw->sin_family = AF_INET;
	p = (uint8_t *)&raw->sin_port;
	p[0] = (uint8_t)(sa->Port >> 8);
	p[1] = (uint8_t)sa->Port;
	memcpy(&raw->sin_addr, sa->Addr, 4);
	*len = sizeof(*raw);
	return 0;
}

static syscall_Errno
SockaddrInet6_sockaddr(
    const syscall_SockaddrInet6 *sa, struct sockaddr_in6 *raw, socklen_t *len)
{
	uint8_t *p;

	if (sa->Port < 0 || sa->Port > 0xFFFF)
		return EINVAL;
	raw->sin6_family = AF_INET6;
	p = (uint8_t *)&raw->sin6_port;
	p[0] = (uint8_t)(sa->Port >> 8);
	p[1] = (uint8_t)sa->Port;
	raw->sin6_scope_id = sa->ZoneId;
	memcpy(&raw->sin6_addr, sa->Addr, 16);
	*len = sizeof(*raw);
	return 0;
}

/*
 * A path may fill sun_path completely only when it is abstract: the
 * kernel needs a NUL after a filesystem path, while an abstract name's
 * length comes from len alone.  The leading '@' becomes the NUL that marks
 * the abstract namespace, and len then leaves out the trailing NUL.
 */
static syscall_Errno
SockaddrUnix_sockaddr(
    const syscall_SockaddrUnix *sa, struct sockaddr_un *raw, socklen_t *len)
{
	const char *name;
	size_t	    n;
	socklen_t   sl;

	name = sa->Name;
	n = strnlen(name, sizeof(sa->Name));
	if (n > sizeof(raw->sun_path))
		return EINVAL;
	if (n == sizeof(raw->sun_path) && name[0] != '@')
		return EINVAL;
	raw->sun_family = AF_UNIX;
	memcpy(raw->sun_path, name, n);
	sl = 2;
	if (n > 0)
		sl += (socklen_t)n + 1;
	if (raw->sun_path[0] == '@') {
		raw->sun_path[0] = 0;
		sl--;
	}
	*len = sl;
	return 0;
}

/*
 * syscall_sockaddr is Go's Sockaddr.sockaddr method, dispatched on Family.
 * rsa is zeroed first, as Go's raw field starts zeroed.  Go would panic on
 * a nil Sockaddr; gonet answers EINVAL, and EAFNOSUPPORT for a family it
 * cannot hold.
 */
syscall_Errno
syscall_sockaddr(
    const syscall_Sockaddr *sa, struct sockaddr_storage *rsa, socklen_t *len)
{
	memset(rsa, 0, sizeof(*rsa));
	*len = 0;
	if (sa == NULL)
		return EINVAL;
	switch (sa->Family) {
	case 0:
		return EINVAL;
	case AF_INET:
		return SockaddrInet4_sockaddr(
		    &sa->u.Inet4, (struct sockaddr_in *)rsa, len);
	case AF_INET6:
		return SockaddrInet6_sockaddr(
		    &sa->u.Inet6, (struct sockaddr_in6 *)rsa, len);
	case AF_UNIX:
		return SockaddrUnix_sockaddr(
		    &sa->u.Unix, (struct sockaddr_un *)rsa, len);
	}
	return EAFNOSUPPORT;
}

/*
 * syscall_anyToSockaddr fills sa from rsa, which the caller zeroed before
 * the kernel wrote it, so an abstract Unix name ends at the first NUL as
 * in Go.  Netlink and packet addresses, which net never sees, are
 * EAFNOSUPPORT here.
 */
syscall_Errno
syscall_anyToSockaddr(const struct sockaddr_storage *rsa, syscall_Sockaddr *sa)
{
	const struct sockaddr_un  *pu;
	const struct sockaddr_in  *p4;
	const struct sockaddr_in6 *p6;
	const uint8_t		  *p;
	size_t			   n;

	memset(sa, 0, sizeof(*sa));
	switch (rsa->ss_family) {
	case AF_UNIX:
		pu = (const struct sockaddr_un *)rsa;
		sa->Family = AF_UNIX;
		memcpy(sa->u.Unix.Name, pu->sun_path, sizeof(pu->sun_path));
		if (sa->u.Unix.Name[0] == 0)
			sa->u.Unix.Name[0] = '@';
		n = 0;
		while (n < sizeof(pu->sun_path) && sa->u.Unix.Name[n] != 0)
			n++;
		sa->u.Unix.Name[n] = '\0';
		return 0;
	case AF_INET:
		p4 = (const struct sockaddr_in *)rsa;
		sa->Family = AF_INET;
		p = (const uint8_t *)&p4->sin_port;
		sa->u.Inet4.Port = (int)p[0] << 8 | (int)p[1];
		memcpy(sa->u.Inet4.Addr, &p4->sin_addr, 4);
		return 0;
	case AF_INET6:
		p6 = (const struct sockaddr_in6 *)rsa;
		sa->Family = AF_INET6;
		p = (const uint8_t *)&p6->sin6_port;
		sa->u.Inet6.Port = (int)p[0] << 8 | (int)p[1];
		sa->u.Inet6.ZoneId = p6->sin6_scope_id;
		memcpy(sa->u.Inet6.Addr, &p6->sin6_addr, 16);
		return 0;
	}
	return EAFNOSUPPORT;
}

/*
 * syscall_Accept4 closes the new descriptor again when its peer's address
 * cannot be represented, and then reports nfd as 0, as Go does.
 */
syscall_Errno
syscall_Accept4(int fd, int flags, int *nfd, syscall_Sockaddr *sa)
{
	struct sockaddr_storage rsa;
	socklen_t		len;
	syscall_Errno		err;
	uintptr_t		r;

	memset(&rsa, 0, sizeof(rsa));
	memset(sa, 0, sizeof(*sa));
	len = sizeof(rsa);
	err = syscall_Syscall6(SYS_accept4, (uintptr_t)fd, (uintptr_t)&rsa,
	    (uintptr_t)&len, (uintptr_t)flags, 0, 0, &r);
	*nfd = (int)r;
	if (err != 0)
		return err;
	if (len > sizeof(rsa))
		runtime_throw("RawSockaddrAny too small");
	err = syscall_anyToSockaddr(&rsa, sa);
	if (err != 0) {
		close(*nfd);
		*nfd = 0;
	}
	return err;
}

syscall_Errno
syscall_Getsockname(int fd, syscall_Sockaddr *sa)
{
	struct sockaddr_storage rsa;
	socklen_t		len;

	memset(&rsa, 0, sizeof(rsa));
	memset(sa, 0, sizeof(*sa));
	len = sizeof(rsa);
	if (getsockname(fd, (struct sockaddr *)&rsa, &len) < 0)
		return errno;
	return syscall_anyToSockaddr(&rsa, sa);
}

/*
 * With control data but no payload, a stream socket still needs one
 * ordinary byte to carry it, so Go points the iovec at a dummy byte; a
 * datagram socket does not.
 */
syscall_Errno
syscall_recvmsgRaw(int fd, void *p, size_t len, void *oob, size_t ooblen,
    int flags, struct sockaddr_storage *rsa, ptrdiff_t *n, ptrdiff_t *oobn,
    int *recvflags)
{
	struct msghdr msg;
	struct iovec  iov;
	char	      dummy;
	int	      sockType;
	syscall_Errno e;
	uintptr_t     r;
	syscall_Errno err;

	*n = 0;
	*oobn = 0;
	*recvflags = 0;
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = rsa;
	msg.msg_namelen = sizeof(*rsa);
	memset(&iov, 0, sizeof(iov));
	if (len > 0) {
		iov.iov_base = p;
		iov.iov_len = len;
	}
	if (ooblen > 0) {
		if (len == 0) {
			err = syscall_GetsockoptInt(
			    fd, SOL_SOCKET, SO_TYPE, &sockType);
			if (err != 0)
				return err;
			if (sockType != SOCK_DGRAM) {
				iov.iov_base = &dummy;
				iov.iov_len = 1;
			}
		}
		msg.msg_control = oob;
		msg.msg_controllen = ooblen;
	}
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	e = syscall_Syscall(
	    SYS_recvmsg, (uintptr_t)fd, (uintptr_t)&msg, (uintptr_t)flags, &r);
	*n = e != 0 ? -1 : (ptrdiff_t)r;
	if (e != 0)
		return e;
	*oobn = (ptrdiff_t)msg.msg_controllen;
	*recvflags = msg.msg_flags;
	return 0;
}

/* On failure n is 0, not -1: Go's SendmsgN returns 0 with the error. */
syscall_Errno
syscall_sendmsgN(int fd, const void *p, size_t len, const void *oob,
    size_t ooblen, const void *ptr, socklen_t salen, int flags, ptrdiff_t *n)
{
	struct msghdr msg;
	struct iovec  iov;
	char	      dummy;
	int	      sockType;
	uintptr_t     r;
	syscall_Errno err, e;

	*n = 0;
	memset(&msg, 0, sizeof(msg));
	msg.msg_name = (void *)ptr;
	msg.msg_namelen = salen;
	memset(&iov, 0, sizeof(iov));
	if (len > 0) {
		iov.iov_base = (void *)p;
		iov.iov_len = len;
	}
	dummy = 0;
	if (ooblen > 0) {
		if (len == 0) {
			err = syscall_GetsockoptInt(
			    fd, SOL_SOCKET, SO_TYPE, &sockType);
			if (err != 0)
				return err;
			if (sockType != SOCK_DGRAM) {
				iov.iov_base = &dummy;
				iov.iov_len = 1;
			}
		}
		msg.msg_control = (void *)oob;
		msg.msg_controllen = ooblen;
	}
	msg.msg_iov = &iov;
	msg.msg_iovlen = 1;
	e = syscall_Syscall(
	    SYS_sendmsg, (uintptr_t)fd, (uintptr_t)&msg, (uintptr_t)flags, &r);
	if (e != 0)
		return e;
	*n = (ptrdiff_t)r;
	if (ooblen > 0 && len == 0)
		*n = 0;
	return 0;
}

/*
 * syscall_Sendfile copies up to count bytes from infd (at *offset when
 * offset is not NULL, else at and advancing its file offset) to outfd.
 */
syscall_Errno
syscall_Sendfile(
    int outfd, int infd, int64_t *offset, size_t count, ptrdiff_t *written)
{
	off_t	off;
	ssize_t r;

	off = offset != NULL ? (off_t)*offset : 0;
	r = sendfile(outfd, infd, offset != NULL ? &off : NULL, count);
	if (offset != NULL)
		*offset = (int64_t)off;
	*written = r;
	return r < 0 ? (syscall_Errno)errno : 0;
}

/* syscall_Splice moves up to len bytes from rfd to wfd (no offsets). */
syscall_Errno
syscall_Splice(int rfd, int wfd, size_t len, int flags, int64_t *n)
{
	ssize_t r;

	r = splice(rfd, NULL, wfd, NULL, len, (unsigned int)flags);
	*n = r;
	return r < 0 ? (syscall_Errno)errno : 0;
}

syscall_Errno
syscall_Pipe2(int p[2], int flags)
{
	return pipe2(p, flags) < 0 ? (syscall_Errno)errno : 0;
}
