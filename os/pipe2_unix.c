/* C port of go1.19 src/os/pipe2_unix.go */
/* built on: dragonfly freebsd linux netbsd openbsd solaris */
#include <fcntl.h>

#include "os/os_impl.h"
#include "syscall/syscall.h"

/* os_Pipe makes both ends close-on-exec and pollable, as Go does. */
runtime_error *
os_Pipe(os_File **r, os_File **w)
{
	syscall_Errno e;
	int	      p[2];

	*r = *w = NULL;
	if ((e = syscall_Pipe2(p, O_CLOEXEC)) != 0)
		return os_NewSyscallError("pipe2", syscall_Errno_Err(e));
	*r = os_newFile(p[0], "|0", os_kindPipe);
	*w = os_newFile(p[1], "|1", os_kindPipe);
	return NULL;
}
