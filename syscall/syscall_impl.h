/*
 * gonet package syscall: what syscall_unix.c, syscall_GOOS.c and
 * zerrors_GOOS_GOARCH.c share and do not export.
 */
#ifndef GONET_SYSCALL_IMPL_H
#define GONET_SYSCALL_IMPL_H

#include <sys/socket.h>

#include <stddef.h>
#include <stdint.h>

#include "runtime/linkname.h"
#include "syscall/syscall.h"

/*
 * syscall_Syscall6 is Go's Syscall6 (syscall_linux.go): system call trap
 * by runtime_syscall6 (directly, not through libc's cancellation-point
 * wrappers), between runtime_entersyscall and runtime_exitsyscall.  It
 * returns the errno (0 if none) and the result in *r1 (-1 on error, as
 * in Go).  syscall_Syscall is the three-argument form.
 */
syscall_Errno syscall_Syscall6(long trap, uintptr_t a1, uintptr_t a2,
    uintptr_t a3, uintptr_t a4, uintptr_t a5, uintptr_t a6, uintptr_t *r1);
syscall_Errno syscall_Syscall(
    long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t *r1);

/* Go's errors table and the static boxes, from zerrors_GOOS_GOARCH.c. */
extern const char *const  syscall_errors[];
extern const size_t	  syscall_nerrors;
extern syscall_ErrnoError syscall_errnoErrors[];

/*
 * The raw address layout differs between Linux and the BSDs, so Go keeps
 * these in syscall_GOOS.go; gonet's syscall_GOOS.c provides them.
 */
syscall_Errno syscall_sockaddr(
    const syscall_Sockaddr *sa, struct sockaddr_storage *rsa, socklen_t *len);
syscall_Errno syscall_anyToSockaddr(
    const struct sockaddr_storage *rsa, syscall_Sockaddr *sa);
syscall_Errno syscall_recvmsgRaw(int fd, void *p, size_t len, void *oob,
    size_t ooblen, int flags, struct sockaddr_storage *rsa, ptrdiff_t *n,
    ptrdiff_t *oobn, int *recvflags);
syscall_Errno syscall_sendmsgN(int fd, const void *p, size_t len,
    const void *oob, size_t ooblen, const void *ptr, socklen_t salen, int flags,
    ptrdiff_t *n);

#endif /* GONET_SYSCALL_IMPL_H */
