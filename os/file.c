/* C port of go1.19 src/os/file.go */
/*
 * Only what gonet's File needs: Name, Read, Write, Seek, Open and the
 * error wrapping; directories, ReadAt, WriteString and the rest are not
 * ported.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "os/os_impl.h"
#include "runtime/linkname.h"
#include "syscall/syscall.h"

static char *
errClosed_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("file already closed");
}

static char *
errInvalid_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("invalid argument");
}

/* Go's fs errors are errors.New values: no Timeout, no Temporary. */
static const runtime_errorType errClosedType = { .name = "*errors.errorString",
	.Error = errClosed_Error };
static const runtime_errorType errInvalidType = { .name = "*errors.errorString",
	.Error = errInvalid_Error };
static runtime_error	       errClosed = RUNTIME_STATIC_ERROR(&errClosedType);
static runtime_error errInvalid = RUNTIME_STATIC_ERROR(&errInvalidType);
runtime_error *const os_ErrClosed = &errClosed;
runtime_error *const os_ErrInvalid = &errInvalid;

runtime_error *
os_newPathError(const char *op, const char *path, runtime_error *err)
{
	os_PathError *pe;

	pe = (os_PathError *)runtime_newError(&os_PathErrorType, sizeof(*pe));
	pe->Op = runtime_strdup(op);
	pe->Path = runtime_strdup(path);
	pe->Err = err;
	return &pe->err;
}

/* os_File_Name is the name the File was opened or made with. */
const char *
os_File_Name(os_File *f)
{
	return f->name;
}

/*
 * os_File_wrapErr leaves nil and io.EOF alone and names the operation and
 * file otherwise; internal/poll's closed error becomes ErrClosed.
 */
runtime_error *
os_File_wrapErr(os_File *f, const char *op, runtime_error *err)
{
	if (err == NULL || err == io_EOF)
		return err;
	if (err == net_ErrClosed || err == net_ErrFileClosing)
		err = os_ErrClosed;
	return os_newPathError(op, f->name, err);
}

runtime_error *
os_File_Read(os_File *f, void *b, size_t len, ptrdiff_t *n)
{
	*n = 0;
	if (f == NULL)
		return os_ErrInvalid;
	return os_File_wrapErr(f, "read", poll_FD_Read(&f->pfd->pfd, b, len, n));
}

runtime_error *
os_File_Write(os_File *f, const void *b, size_t len, ptrdiff_t *n)
{
	*n = 0;
	if (f == NULL)
		return os_ErrInvalid;
	return os_File_wrapErr(f, "write", poll_FD_Write(&f->pfd->pfd, b, len, n));
}

/* os_File_Seek writes the new offset to *ret (0 on error). */
runtime_error *
os_File_Seek(os_File *f, int64_t offset, int whence, int64_t *ret)
{
	runtime_error *err;

	*ret = 0;
	if (f == NULL)
		return os_ErrInvalid;
	if ((err = os_File_seek(f, offset, whence, ret)) != NULL)
		*ret = 0;
	return os_File_wrapErr(f, "seek", err);
}

/*
 * fileClosing is internal/poll's errClosing(isFile): the FD's closed error
 * as a file's ("use of closed file").
 */
static runtime_error *
fileClosing(runtime_error *err)
{
	return err == net_ErrClosed ? net_ErrFileClosing : err;
}

/*
 * The deadlines are the FD's, returned bare as Go's are: a File the poller
 * does not hold (a regular file) answers "file type does not support
 * deadline".
 */
runtime_error *
os_File_SetDeadline(os_File *f, time_Time t)
{
	if (f == NULL)
		return os_ErrInvalid;
	return fileClosing(net_netFD_SetDeadline(f->pfd, t));
}

runtime_error *
os_File_SetReadDeadline(os_File *f, time_Time t)
{
	if (f == NULL)
		return os_ErrInvalid;
	return fileClosing(net_netFD_SetReadDeadline(f->pfd, t));
}

runtime_error *
os_File_SetWriteDeadline(os_File *f, time_Time t)
{
	if (f == NULL)
		return os_ErrInvalid;
	return fileClosing(net_netFD_SetWriteDeadline(f->pfd, t));
}

runtime_error *
os_Open(const char *name, os_File **f)
{
	return os_OpenFile(name, O_RDONLY, 0, f);
}

/* os_OpenFile is Go's OpenFile: flag is open(2)'s, perm the mode bits. */
runtime_error *
os_OpenFile(const char *name, int flag, uint32_t perm, os_File **f)
{
	return os_openFileNolog(name, flag, (int)perm, f);
}

/* os_File_ioRead is the Read of the io_Reader os_File_Reader makes. */
static runtime_error *
os_File_ioRead(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return os_File_Read(self, p, len, n);
}

static runtime_error *
os_File_ioWrite(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	return os_File_Write(self, p, len, n);
}

/* *os.File's io table: Read and Write (its ReadFrom is not ported). */
static const io_Type os_FileIOType = {
	.name = "*os.File",
	.Read = os_File_ioRead,
	.Write = os_File_ioWrite,
};

io_Reader
os_File_Reader(os_File *f)
{
	return (io_Reader){ &os_FileIOType, f };
}

/* os_File_fromReader is Go's r.(*os.File): the File behind r, or NULL. */
os_File *
os_File_fromReader(io_Reader r)
{
	return r.type == &os_FileIOType ? r.self : NULL;
}
