/*
 * gonet package os: what its files share and do not export.  internal/poll
 * lives in net/ (net/fd_unix.c), so os includes net's private header for
 * the FD an os.File wraps and for fs.PathError (net/parse.c).
 */
#ifndef GONET_OS_IMPL_H
#define GONET_OS_IMPL_H

#include <stdbool.h>

#include "net/net_impl.h"
#include "os/os.h"

/*
 * struct os_File is Go's file (file_unix.go): pfd is internal/poll's FD,
 * owned; name is an owned copy.  nonblock says the descriptor was put in
 * (or found in) non-blocking mode for the poller, so Fd must undo it.
 */
struct os_File {
	net_netFD *pfd;
	char	  *name;
	bool	   nonblock;
};

/* os_File_wrapErr is Go's File.wrapErr: err (owned) inside a PathError. */
runtime_error *os_File_wrapErr(os_File *f, const char *op, runtime_error *err);
/* os_newPathError takes err. */
runtime_error *os_newPathError(
    const char *op, const char *path, runtime_error *err);

/* file_unix.c.  os_newFileKind says where a descriptor came from. */
enum os_newFileKind {
	os_kindNewFile,
	os_kindOpenFile,
	os_kindPipe,
	os_kindNonBlock
};
/*
 * os_newFile wraps fd (NULL if negative); the kinds but kindNewFile go to
 * the poller when it takes the descriptor.
 */
os_File	      *os_newFile(int fd, const char *name, enum os_newFileKind kind);
runtime_error *os_File_seek(
    os_File *f, int64_t offset, int whence, int64_t *ret);
runtime_error *os_openFileNolog(
    const char *name, int flag, int perm, os_File **f);
runtime_error *os_File_close(os_File *f);

/* os_File_fromReader is Go's r.(*os.File): the File behind r, or NULL. */
os_File *os_File_fromReader(io_Reader r);

#endif /* GONET_OS_IMPL_H */
