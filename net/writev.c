/*
 * C port of go1.19 src/internal/poll/writev.go (kept in net/, as Go
 * 1.2-1.8 kept internal/poll): FD.Writev.
 * built on: darwin dragonfly freebsd illumos linux netbsd openbsd
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/uio.h>

#include "net/net_impl.h"
#include "runtime/linkname.h"

void (*net_testHookDidWritev)(int wrote);

/*
 * Go's limit, the Linux and Darwin IOV_MAX: more chunks wait for the next
 * writev call.  A stream's chunk is cut at 1 GiB, as FD.Write cuts.
 */
enum { maxVec = 1024, maxChunk = 1 << 30 };

/* fillIovecs describes the front of v, skipping empty chunks. */
static int
fillIovecs(poll_FD *fd, const net_Buffers *v, struct iovec *iovecs)
{
	size_t i;
	int    n;

	n = 0;
	for (i = 0; i < v->len; i++) {
		if (v->v[i].len == 0)
			continue;
		iovecs[n].iov_base = (void *)v->v[i].p;
		if (fd->IsStream && v->v[i].len > maxChunk) {
			iovecs[n++].iov_len = maxChunk;
			break;
		}
		iovecs[n++].iov_len = v->v[i].len;
		if (n == maxVec)
			break;
	}
	return n;
}

/*
 * poll_FD_Writev is FD.Writev.  Go caches its iovec array on the FD;
 * here one array per call is enough, sized for the chunks there are.
 */
runtime_error *
poll_FD_Writev(poll_FD *fd, net_Buffers *v, int64_t *n)
{
	runtime_error *err;
	struct iovec  *iovecs;
	syscall_Errno  e;
	ptrdiff_t      wrote;
	int	       niov;

	*n = 0;
	if ((err = poll_FD_writeLock(fd)) != NULL)
		return err;
	iovecs = NULL;
	if ((err = net_pollDesc_prepareWrite(&fd->pd)) != NULL)
		goto out;
	iovecs = runtime_malloc(
	    (v->len < maxVec ? v->len + 1 : maxVec) * sizeof *iovecs);
	while (v->len > 0) {
		if ((niov = fillIovecs(fd, v, iovecs)) == 0)
			break;
		e = net_writev(fd->Sysfd, iovecs, niov, &wrote);
		if (wrote < 0)
			wrote = 0;
		if (net_testHookDidWritev != NULL)
			net_testHookDidWritev((int)wrote);
		*n += wrote;
		net_consume(v, wrote);
		if (wrote > 0)
			net_pollDesc_wrote(&fd->pd);
		err = syscall_Errno_Err(e);
		if (e != 0) {
			if (e == EINTR)
				continue;
			if (e == EAGAIN &&
			    (err = net_pollDesc_waitWrite(&fd->pd)) == NULL)
				continue;
			break;
		}
		if (*n == 0) {
			err = io_ErrUnexpectedEOF;
			break;
		}
	}
out:
	free(iovecs);
	poll_FD_writeUnlock(fd);
	return err;
}
