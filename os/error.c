/*
 * C port of go1.19 src/os/error.go, only SyscallError, which net uses to
 * name the system call behind an error, and ErrDeadlineExceeded.
 */
#include <stdlib.h>

#include "net/net_impl.h" /* internal/poll, which os imports, is in net/ */
#include "os/os.h"
#include "runtime/linkname.h"
#include "syscall/syscall.h"

/* Go's os re-exports internal/poll's value, so errors_Is sees one error. */
runtime_error *const os_ErrDeadlineExceeded = &poll_deadlineExceeded;

static char	     *SyscallError_Error(const runtime_error *);
static runtime_error *SyscallError_Unwrap(const runtime_error *);
static bool	      SyscallError_Timeout(const runtime_error *);
static void	      SyscallError_release(runtime_error *);

/* Go's SyscallError has no Temporary method; its table says so. */
const runtime_errorType os_SyscallErrorType = {
	.name = "*os.SyscallError",
	.Error = SyscallError_Error,
	.Unwrap = SyscallError_Unwrap,
	.Timeout = SyscallError_Timeout,
	.release = SyscallError_release,
};

static char *
SyscallError_Error(const runtime_error *err)
{
	const os_SyscallError *e = (const os_SyscallError *)err;

	return runtime_concatstrings(
	    e->Syscall, ": ", runtime_error_Error(e->Err), (char *)NULL);
}

static runtime_error *
SyscallError_Unwrap(const runtime_error *err)
{
	const os_SyscallError *e = (const os_SyscallError *)err;

	return e->Err;
}

/* SyscallError_Timeout asks the wrapped error, if it can answer at all. */
static bool
SyscallError_Timeout(const runtime_error *err)
{
	const os_SyscallError *e = (const os_SyscallError *)err;

	return e->Err->type->Timeout != NULL && e->Err->type->Timeout(e->Err);
}

static void
SyscallError_release(runtime_error *err)
{
	os_SyscallError *e = (os_SyscallError *)err;

	free(e->Syscall);
	runtime_error_Free(e->Err);
}

/*
 * os_NewSyscallError copies syscall and takes err; the result is the
 * caller's, freed with runtime_error_Free, which frees err too.
 */
runtime_error *
os_NewSyscallError(const char *syscall, runtime_error *err)
{
	os_SyscallError *e;

	if (err == NULL)
		return NULL;
	e = (os_SyscallError *)runtime_newError(
	    &os_SyscallErrorType, sizeof(*e));
	e->Syscall = runtime_strdup(syscall);
	e->Err = err;
	return &e->err;
}
