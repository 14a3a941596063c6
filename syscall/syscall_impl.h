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
