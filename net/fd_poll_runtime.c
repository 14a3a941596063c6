/*
 * C port of go1.19 src/internal/poll/fd_poll_runtime.go (kept in net/, as
 * Go 1.2-1.8 kept it), built on: unix || windows.
 *
 * A netFD is never a file, so Go's isFile arguments are left out (Go 1.8's
 * shape): a closed descriptor always reports net_ErrClosed, never
 * ErrFileClosing.
 */
#include <stdint.h>

#include "net/net_impl.h"

/* Go builds this one on each call; a static value prints the same. */
static errors_errorString errUnsupportedWait =
    ERRORS_NEW_STATIC("waiting for unsupported file type");

/*
 * net_pollServerInit starts the runtime's poller.  Go's serverInit is a
 * sync.Once around a call that cannot fail, because Go's poller starts
 * with the process; gonet's starts here, lazily, so it can meet the
 * descriptor limit: the errno is returned and the next call tries again.
 */
syscall_Errno
net_pollServerInit(void)
{
	return (syscall_Errno)runtime_pollServerInit();
}

runtime_error *
net_pollDesc_init(net_pollDesc *pd, poll_FD *fd)
{
	runtime_pollDesc *ctx;
	int		  errno_;

	errno_ = net_pollServerInit();
	if (errno_ == 0 && fd->isFile)
		errno_ = runtime_pollOpen((uintptr_t)fd->Sysfd, &ctx);
	else if (errno_ == 0)
		errno_ = runtime_pollOpenSocket((uintptr_t)fd->Sysfd, &ctx);
	if (errno_ != 0)
		return syscall_Errno_Err((syscall_Errno)errno_);
	pd->runtimeCtx = ctx;
	return NULL;
}

void
net_pollDesc_close(net_pollDesc *pd)
{
	if (pd->runtimeCtx == NULL)
		return;
	runtime_pollClose(pd->runtimeCtx);
	pd->runtimeCtx = NULL;
}

void
net_pollDesc_setKey(net_pollDesc *pd, uint32_t key)
{
	if (pd->runtimeCtx != NULL)
		runtime_pollSetUser(pd->runtimeCtx, key);
}

void
net_pollDesc_wrote(net_pollDesc *pd)
{
	if (pd->runtimeCtx != NULL)
		runtime_pollWrote(pd->runtimeCtx);
}

/*
 * net_pollDesc_evict takes fd off the poller's waiting list: every call
 * blocked on it returns, seeing the descriptor closing.
 */
void
net_pollDesc_evict(net_pollDesc *pd)
{
	if (pd->runtimeCtx == NULL)
		return;
	runtime_pollUnblock(pd->runtimeCtx);
}

runtime_error *
net_pollDesc_prepare(net_pollDesc *pd, int mode)
{
	int res;

	if (pd->runtimeCtx == NULL)
		return NULL;
	res = runtime_pollReset(pd->runtimeCtx, mode);
	return net_convertErr(res);
}

runtime_error *
net_pollDesc_prepareRead(net_pollDesc *pd)
{
	return net_pollDesc_prepare(pd, 'r');
}

runtime_error *
net_pollDesc_prepareWrite(net_pollDesc *pd)
{
	return net_pollDesc_prepare(pd, 'w');
}

runtime_error *
net_pollDesc_wait(net_pollDesc *pd, int mode)
{
	int res;

	if (pd->runtimeCtx == NULL)
		return &errUnsupportedWait.err;
	res = runtime_pollWait(pd->runtimeCtx, mode);
	return net_convertErr(res);
}

runtime_error *
net_pollDesc_waitRead(net_pollDesc *pd)
{
	return net_pollDesc_wait(pd, 'r');
}

runtime_error *
net_pollDesc_waitWrite(net_pollDesc *pd)
{
	return net_pollDesc_wait(pd, 'w');
}

void
net_pollDesc_waitCanceled(net_pollDesc *pd, int mode)
{
	if (pd->runtimeCtx == NULL)
		return;
	runtime_pollWaitCanceled(pd->runtimeCtx, mode);
}

bool
net_pollDesc_pollable(net_pollDesc *pd)
{
	return pd->runtimeCtx != NULL;
}

/*
 * net_pollDesc_kernelWaits and net_pollDesc_kernelWaitsOff are gonet's:
 * whether pd's socket is in blocking mode for a plain thread's read, in
 * which no other call may wait, and putting it back in non-blocking mode
 * for good (runtime/netpoll_kwait_linux.c).
 */
bool
net_pollDesc_kernelWaits(net_pollDesc *pd)
{
	return pd->runtimeCtx != NULL &&
	    runtime_pollKernelWaits(pd->runtimeCtx);
}

void
net_pollDesc_kernelWaitsOff(net_pollDesc *pd)
{
	if (pd->runtimeCtx != NULL)
		runtime_pollKernelWaitsOff(pd->runtimeCtx);
}

/*
 * net_convertErr turns the poller's result codes into Go's errors; every
 * one is static, so a timed-out or closed call allocates nothing.
 */
runtime_error *
net_convertErr(int res)
{
	switch (res) {
	case runtime_pollNoError:
		return NULL;
	case runtime_pollErrClosing:
		return net_ErrClosed;
	case runtime_pollErrTimeout:
		return poll_ErrDeadlineExceeded;
	case runtime_pollErrNotPollable:
		return net_ErrNotPollable;
	}
	runtime_throw("unreachable");
}

runtime_error *
poll_FD_SetDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'r' + 'w');
}

runtime_error *
poll_FD_SetReadDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'r');
}

runtime_error *
poll_FD_SetWriteDeadline(poll_FD *fd, time_Time t)
{
	return poll_setDeadlineImpl(fd, t, 'w');
}

/*
 * poll_setDeadlineImpl computes Go's relative deadline, then makes it
 * absolute, which is what runtime_pollSetDeadline takes here (Go's runtime
 * adds nanotime itself): 0 clears, negative means already expired.
 */
runtime_error *
poll_setDeadlineImpl(poll_FD *fd, time_Time t, int mode)
{
	runtime_error *err;
	int64_t	       d, now;

	d = 0;
	if (!time_Time_IsZero(t)) {
		d = time_Until(t);
		if (d == 0)
			d = -1; /* now is a deadline, not the absence of one */
	}
	if ((err = poll_FD_incref(fd)) != NULL)
		return err;
	if (fd->pd.runtimeCtx == NULL) {
		err = net_ErrNoDeadline;
		goto out;
	}
	if (d > 0) {
		now = runtime_nanotime();
		/* Go's runtime treats an overflowing sum as never. */
		d = d > INT64_MAX - now ? INT64_MAX : d + now;
	}
	runtime_pollSetDeadline(fd->pd.runtimeCtx, d, mode);
out:
	runtime_error_Free(poll_FD_decref(fd));
	return err;
}

/* net_IsPollDescriptor reports whether fd belongs to the poller itself. */
bool
net_IsPollDescriptor(uintptr_t fd)
{
	return runtime_isPollServerDescriptor(fd);
}
