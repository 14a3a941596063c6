/*
 * gonet package os, the part net uses: SyscallError and
 * ErrDeadlineExceeded.  Public header.  net/net.h includes it, so programs
 * that include only net/net.h still see these names.
 */
#ifndef GONET_OS_H
#define GONET_OS_H

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * os_SyscallError is Go's os.SyscallError: the name of the system call and
 * the error it returned, printed as "setsockopt: bad file descriptor".  It
 * owns Syscall (a copy) and Err.
 */
typedef struct os_SyscallError {
	runtime_error  err;
	char	      *Syscall;
	runtime_error *Err;
} os_SyscallError;
extern const runtime_errorType os_SyscallErrorType;

/* os_NewSyscallError takes ownership of err; it returns NULL if err is NULL. */
runtime_error *os_NewSyscallError(const char *syscall, runtime_error *err);

/*
 * os_ErrDeadlineExceeded ("i/o timeout") is the error an expired
 * Set*Deadline makes Read, Write, Accept and the rest return, wrapped in
 * an OpError: test for it with errors_Is(err, os_ErrDeadlineExceeded).  It
 * is static; its Timeout and Temporary are true.  A dial that runs out of
 * time returns a different "i/o timeout" (Go's errTimeout), which is
 * context_DeadlineExceeded under errors_Is instead, as in Go.
 */
extern runtime_error *const os_ErrDeadlineExceeded;

#ifdef __cplusplus
}
#endif

#endif /* GONET_OS_H */
