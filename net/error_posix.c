/*
 * C port of go1.19 src/net/error_posix.go (built on: unix || (js && wasm)
 * || windows; gonet: unix).
 */
#include "net/net_impl.h"

/*
 * net_wrapSyscallError names the system call behind an Errno, as
 * os.NewSyscallError does; any other error, and nil, pass unchanged.
 */
runtime_error *
net_wrapSyscallError(const char *name, runtime_error *err)
{
	if (err != NULL && err->type == &syscall_ErrnoType)
		return os_NewSyscallError(name, err);
	return err;
}
