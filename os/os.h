/*
 * gonet package os, the part net uses: SyscallError, ErrDeadlineExceeded
 * and a minimal File (what net's File methods return and FileConn,
 * sendfile take).  Public header.  net/net.h includes it, so programs
 * that include only net/net.h still see these names.
 */
#ifndef GONET_OS_H
#define GONET_OS_H

#include <stdint.h>

#include "io/io.h"
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

/*
 * os_ErrClosed ("file already closed") and os_ErrInvalid ("invalid
 * argument") are Go's fs.ErrClosed and fs.ErrInvalid, static; a File
 * method returns them inside a PathError naming the operation and file.
 */
extern runtime_error *const os_ErrClosed;
extern runtime_error *const os_ErrInvalid;

/*
 * os_File is Go's *os.File, the part gonet needs: a descriptor with a
 * name, read and written through internal/poll's FD (net/fd_unix.c), so
 * Close from another thread is safe as in Go.  Close is Go's Close; Free,
 * once no thread uses the File, releases it (closing it first if needed).
 * A NULL File behaves as Go's nil *File (ErrInvalid; Fd returns
 * UINTPTR_MAX).  Errors are Go's *fs.PathError ("read NAME: ...").
 */
typedef struct os_File os_File;

/* os_Pipe is Go's Pipe: read end "|0", write end "|1", the caller's. */
runtime_error *os_Pipe(os_File **r, os_File **w);
/* os_NewFile returns NULL for a negative fd; name is copied. */
os_File *os_NewFile(uintptr_t fd, const char *name);
/* os_Open opens name read-only (close-on-exec), as Go's os.Open. */
runtime_error *os_Open(const char *name, os_File **f);
/* os_OpenFile: flag is open(2)'s (O_RDWR, O_CREAT...), perm its mode. */
runtime_error *os_OpenFile(
    const char *name, int flag, uint32_t perm, os_File **f);
const char *os_File_Name(os_File *f);
/*
 * os_File_Fd returns the descriptor, in blocking mode as Go 1.19 leaves it
 * (the mode belongs to the open file description, which a File made from
 * a socket's dup shares with the socket); UINTPTR_MAX once closed.
 */
uintptr_t os_File_Fd(os_File *f);
/* Read returns io_EOF at the end of the file. */
runtime_error *os_File_Read(os_File *f, void *b, size_t len, ptrdiff_t *n);
runtime_error *os_File_Write(
    os_File *f, const void *b, size_t len, ptrdiff_t *n);
runtime_error *os_File_Seek(
    os_File *f, int64_t offset, int whence, int64_t *ret);
/*
 * Deadlines work on a File the poller holds (a pipe, a socket); others
 * answer "file type does not support deadline".  An expired one makes
 * Read or Write return "read NAME: i/o timeout" (os_ErrDeadlineExceeded
 * under errors_Is).
 */
runtime_error *os_File_SetDeadline(os_File *f, time_Time t);
runtime_error *os_File_SetReadDeadline(os_File *f, time_Time t);
runtime_error *os_File_SetWriteDeadline(os_File *f, time_Time t);
runtime_error *os_File_Close(os_File *f);
void	       os_File_Free(os_File *f);
/*
 * os_File_Reader is f as Go's io.Reader.  TCPConn.ReadFrom recognises a
 * Reader made here and sends the file with sendfile, as Go's type switch
 * on *os.File does.
 */
io_Reader os_File_Reader(os_File *f);

#ifdef __cplusplus
}
#endif

#endif /* GONET_OS_H */
