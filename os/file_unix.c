/* C port of go1.19 src/os/file_unix.go: NewFile, Fd, close, seek, open */
/* built on: unix || (js && wasm) */
#include <sys/socket.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include "os/os_impl.h"
#include "runtime/linkname.h"
#include "syscall/syscall.h"

/*
 * os_newFile wraps fd.  A descriptor gonet opened, or one the caller handed
 * over already non-blocking, goes to the poller when the poller takes it
 * (epoll refuses regular files, which stay blocking), as Go's does.
 */
os_File *
os_newFile(int fd, const char *name, enum os_newFileKind kind)
{
	os_File	      *f;
	runtime_error *err;

	if (fd < 0)
		return NULL;
	f = runtime_malloc(sizeof(*f));
	/* AF_UNSPEC marks a file; SOCK_STREAM gives IsStream, ZeroReadIsEOF. */
	runtime_error_Free(
	    net_newFD(fd, AF_UNSPEC, SOCK_STREAM, "file", &f->pfd));
	f->name = runtime_strdup(name);
	if (kind == os_kindOpenFile || kind == os_kindPipe ||
	    kind == os_kindNonBlock) {
		err = net_netFD_init(f->pfd);
		if (err == NULL)
			f->nonblock = syscall_SetNonblock(fd, true) == 0;
		runtime_error_Free(err);
	}
	return f;
}

/* isNonblock is internal/syscall/unix's IsNonblock. */
static bool
isNonblock(int fd)
{
	int flag;

	flag = fcntl(fd, F_GETFL);
	return flag >= 0 && (flag & O_NONBLOCK) != 0;
}

os_File *
os_NewFile(uintptr_t fd, const char *name)
{
	enum os_newFileKind kind;

	kind = os_kindNewFile;
	if (isNonblock((int)fd))
		kind = os_kindNonBlock;
	return os_newFile((int)fd, name, kind);
}

uintptr_t
os_File_Fd(os_File *f)
{
	if (f == NULL)
		return UINTPTR_MAX;
	if (f->nonblock && poll_FD_incref(&f->pfd->pfd) == NULL) {
		(void)syscall_SetNonblock(f->pfd->pfd.Sysfd, false);
		runtime_error_Free(poll_FD_decref(&f->pfd->pfd));
	}
	return (uintptr_t)(intptr_t)f->pfd->pfd.Sysfd;
}

runtime_error *
os_File_close(os_File *f)
{
	runtime_error *e;

	if ((e = net_netFD_Close(f->pfd)) == NULL)
		return NULL;
	if (e == net_ErrClosed)
		e = os_ErrClosed;
	return os_newPathError("close", f->name, e);
}

void
os_File_Free(os_File *f)
{
	if (f == NULL)
		return;
	net_netFD_free(f->pfd);
	free(f->name);
	free(f);
}

runtime_error *
os_File_seek(os_File *f, int64_t offset, int whence, int64_t *ret)
{
	runtime_error *err;
	off_t	       r;

	if ((err = poll_FD_incref(&f->pfd->pfd)) != NULL)
		return err;
	r = lseek(f->pfd->pfd.Sysfd, (off_t)offset, whence);
	if (r < 0)
		err = syscall_Errno_Err((syscall_Errno)errno);
	else
		*ret = (int64_t)r;
	runtime_error_Free(poll_FD_decref(&f->pfd->pfd));
	return err;
}

/* os_openFileNolog retries open(2) on EINTR, as Go does. */
runtime_error *
os_openFileNolog(const char *name, int flag, int perm, os_File **f)
{
	int r;

	*f = NULL;
	do
		r = open(name, flag | O_CLOEXEC, perm);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return os_newPathError(
		    "open", name, syscall_Errno_Err((syscall_Errno)errno));
	*f = os_newFile(r, name, os_kindOpenFile);
	return NULL;
}
