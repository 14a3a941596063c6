/*
 * C port of go1.19 src/net/sendfile_linux.go and of internal/poll's
 * sendfile_linux.go (internal/poll lives in net/, so its SendFile is
 * here too).
 */
#include <errno.h>

#include "net/net_impl.h"
#include "os/os_impl.h"

/* maxSendfileSize bounds one sendfile(2): Go's 4 MiB. */
enum { maxSendfileSize = 4 << 20 };

/*
 * poll_SendFile is internal/poll's SendFile: it copies up to remain bytes
 * from src, at src's offset, to dstFD under its write lock, waiting while
 * the socket buffer is full.  ENOSYS and EINVAL (a source sendfile cannot
 * read) end it with the error.
 */
static runtime_error *
poll_SendFile(net_netFD *dstFD, int src, int64_t remain, int64_t *written)
{
	runtime_error *err;
	syscall_Errno  err1;
	ptrdiff_t      n;
	size_t	       max;

	*written = 0;
	if ((err = poll_FD_writeLock(&dstFD->pfd)) != NULL)
		return err;
	if ((err = net_pollDesc_prepareWrite(&dstFD->pfd.pd)) != NULL)
		goto out;
	/* sendfile has no MSG_DONTWAIT: the file must be non-blocking. */
	net_pollDesc_kernelWaitsOff(&dstFD->pfd.pd);
	while (remain > 0) {
		max = maxSendfileSize;
		if ((int64_t)max > remain)
			max = (size_t)remain;
		err1 = syscall_Sendfile(dstFD->pfd.Sysfd, src, NULL, max, &n);
		if (n > 0) {
			*written += n;
			remain -= n;
		} else if (n == 0 && err1 == 0)
			break;
		if (err1 == EINTR)
			continue;
		if (err1 == EAGAIN &&
		    (err = net_pollDesc_waitWrite(&dstFD->pfd.pd)) == NULL)
			continue;
		if (err != NULL)
			break;
		if (err1 != 0) {
			err = syscall_Errno_Err(err1);
			break;
		}
	}
out:
	poll_FD_writeUnlock(&dstFD->pfd);
	return err;
}

/*
 * net_sendFile copies r to c with sendfile(2) when r is an os.File, or an
 * io.LimitedReader over one (then at most N bytes, and N is lowered by
 * what was sent).  *handled is false when nothing was sent,
 * and the caller then falls back on the generic copy (dropping the error,
 * as Go does).  Go reaches the file's descriptor through SyscallConn's
 * Read, which holds the file's read lock while sendfile runs; so does
 * this.
 */
runtime_error *
net_sendFile(net_netFD *c, io_Reader r, int64_t *written, bool *handled)
{
	runtime_error	 *err, *werr;
	io_LimitedReader *lr;
	os_File		 *f;
	int64_t		  remain = (int64_t)1 << 62;

	*written = 0;
	*handled = false;
	if ((lr = io_asLimitedReader(r)) != NULL) {
		remain = lr->N;
		r = lr->R;
		if (remain <= 0) {
			*handled = true;
			return NULL;
		}
	}
	if ((f = os_File_fromReader(r)) == NULL)
		return NULL;
	werr = NULL;
	if ((err = poll_FD_readLock(&f->pfd->pfd)) == NULL) {
		err = poll_FD_prepareRead(&f->pfd->pfd);
		if (err == NULL)
			werr = poll_SendFile(
			    c, f->pfd->pfd.Sysfd, remain, written);
		poll_FD_readUnlock(&f->pfd->pfd);
	}
	if (err == NULL)
		err = werr;
	else
		runtime_error_Free(werr);
	if (lr != NULL)
		lr->N = remain - *written;
	*handled = *written > 0;
	return net_wrapSyscallError("sendfile", err);
}
