/*
 * gonet syscall: Go's package syscall, the part net needs on Unix.  Public
 * header.  os.SyscallError is in os/os.h.
 *
 * Every call returns a syscall_Errno captured right at the failing system
 * call (0 means success) and writes its other results through pointers, in
 * Go's order.  errno is never used to carry a failure between layers.
 */
#ifndef GONET_SYSCALL_H
#define GONET_SYSCALL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* syscall_Errno is Go's syscall.Errno: an errno value, 0 meaning none. */
typedef uintptr_t syscall_Errno;

/*
 * syscall_Errno_Error returns Go 1.19's text for e on linux/amd64 ("connection
 * refused"), or "errno N" for a number Go does not name.  The result is
 * static for named errnos; for others it lives in a per-thread buffer that
 * the next call on the same thread overwrites.
 */
const char *syscall_Errno_Error(syscall_Errno e);
bool	    syscall_Errno_Timeout(syscall_Errno e);
bool	    syscall_Errno_Temporary(syscall_Errno e);

/*
 * syscall_ErrnoError is an Errno boxed as an error value, what Go does
 * implicitly when it returns an Errno as an error.  syscall_Errno_Err
 * returns the box for e (NULL for 0); boxes of named errnos are static
 * sentinels, so the common case allocates nothing.
 */
typedef struct syscall_ErrnoError {
	runtime_error err;
	syscall_Errno Errno;
} syscall_ErrnoError;
extern const runtime_errorType syscall_ErrnoType;

runtime_error *syscall_Errno_Err(syscall_Errno e);
/* syscall_errnoOf returns the Errno inside err's chain, or 0 if none. */
syscall_Errno syscall_errnoOf(runtime_error *err);

/* Socket addresses, Go's Sockaddr types, as fixed-size values. */
enum { syscall_SizeofSockaddrUnixPath = 108 };

typedef struct syscall_SockaddrInet4 {
	int	Port;
	uint8_t Addr[4];
} syscall_SockaddrInet4;

typedef struct syscall_SockaddrInet6 {
	int	 Port;
	uint32_t ZoneId;
	uint8_t	 Addr[16];
} syscall_SockaddrInet6;

/*
 * Name is NUL-terminated.  As in Go, a leading '@' names a socket in the
 * Linux abstract namespace.
 */
typedef struct syscall_SockaddrUnix {
	char Name[syscall_SizeofSockaddrUnixPath + 1];
} syscall_SockaddrUnix;

/*
 * syscall_Sockaddr is Go's Sockaddr interface: Family says which member is
 * live (AF_INET, AF_INET6, AF_UNIX); Family 0 is the nil Sockaddr.
 */
typedef struct syscall_Sockaddr {
	int Family;
	union {
		syscall_SockaddrInet4 Inet4;
		syscall_SockaddrInet6 Inet6;
		syscall_SockaddrUnix  Unix;
	} u;
} syscall_Sockaddr;

/*
 * Calls.  Counts are Go ints: -1 on failure, as Go's raw syscalls return.
 * A syscall_Sockaddr result is left with Family 0 when the kernel gave none.
 */
syscall_Errno syscall_Socket(int domain, int typ, int proto, int *fd);
syscall_Errno syscall_Bind(int fd, const syscall_Sockaddr *sa);
syscall_Errno syscall_Listen(int s, int n);
syscall_Errno syscall_Accept4(
    int fd, int flags, int *nfd, syscall_Sockaddr *sa);
syscall_Errno syscall_Connect(int fd, const syscall_Sockaddr *sa);
syscall_Errno syscall_Getsockname(int fd, syscall_Sockaddr *sa);
syscall_Errno syscall_Getpeername(int fd, syscall_Sockaddr *sa);
syscall_Errno syscall_GetsockoptInt(int fd, int level, int opt, int *value);
syscall_Errno syscall_SetsockoptInt(int fd, int level, int opt, int value);
syscall_Errno syscall_SetNonblock(int fd, bool nonblocking);
void	      syscall_CloseOnExec(int fd);
syscall_Errno syscall_Read(int fd, void *p, size_t len, ptrdiff_t *n);
syscall_Errno syscall_Write(int fd, const void *p, size_t len, ptrdiff_t *n);
syscall_Errno syscall_Recvfrom(int fd, void *p, size_t len, int flags,
    ptrdiff_t *n, syscall_Sockaddr *from);
syscall_Errno syscall_Sendto(
    int fd, const void *p, size_t len, int flags, const syscall_Sockaddr *to);
syscall_Errno syscall_Recvmsg(int fd, void *p, size_t len, void *oob,
    size_t ooblen, int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *recvflags,
    syscall_Sockaddr *from);
syscall_Errno syscall_SendmsgN(int fd, const void *p, size_t len,
    const void *oob, size_t ooblen, const syscall_Sockaddr *to, int flags,
    ptrdiff_t *n);
syscall_Errno syscall_Shutdown(int fd, int how);
syscall_Errno syscall_Close(int fd);

/*
 * syscall_Syscall6 is Go's syscall.Syscall6: system call trap, made
 * directly (not through libc's cancellation-point wrappers) between the
 * runtime's entersyscall and exitsyscall, so a call that blocks hands its
 * P to another thread.  It returns the errno (0 if none) and the result
 * in *r1 (-1 on error, as in Go).  syscall_Syscall is the three-argument
 * form.
 */
syscall_Errno syscall_Syscall6(long trap, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5, uintptr_t a6, uintptr_t *r1);
syscall_Errno syscall_Syscall(
    long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t *r1);

/*
 * Socket control messages (sockcmsg_unix.c), Go's SocketControlMessage:
 * Header holds the cmsghdr's values, Data (DataLen bytes) points into the
 * buffer that was parsed.  Sizes are Go's CmsgLen and CmsgSpace.
 */
typedef struct syscall_Cmsghdr {
	uint64_t Len;
	int32_t	 Level;
	int32_t	 Type;
} syscall_Cmsghdr;

typedef struct syscall_SocketControlMessage {
	syscall_Cmsghdr Header;
	const uint8_t  *Data;
	size_t		DataLen;
} syscall_SocketControlMessage;

size_t	      syscall_CmsgLen(size_t datalen);
size_t	      syscall_CmsgSpace(size_t datalen);
syscall_Errno syscall_ParseSocketControlMessage(const void *b, size_t len,
    syscall_SocketControlMessage **msgs, size_t *n);
void	     *syscall_UnixRights(const int *fds, size_t nfds, size_t *len);
syscall_Errno syscall_ParseUnixRights(const syscall_SocketControlMessage *m,
    int **fds, size_t *n);

/* Linux only: sendfile(2), splice(2) without offsets, pipe2(2). */
syscall_Errno syscall_Sendfile(int outfd, int infd, int64_t *offset,
    size_t count, ptrdiff_t *written);
syscall_Errno syscall_Splice(int rfd, int wfd, size_t len, int flags,
    int64_t *n);
syscall_Errno syscall_Pipe2(int p[2], int flags);

#ifdef __cplusplus
}
#endif

#endif /* GONET_SYSCALL_H */
