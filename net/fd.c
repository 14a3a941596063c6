/*
 * C port of go1.19 src/internal/poll/fd.go (kept in net/, as Go 1.2-1.8
 * kept internal/poll): the package's error values and consume.
 * errNetClosing stays in net.c beside net_ErrClosed, the one name gonet
 * gives it.
 */
#include "net/net_impl.h"

static errors_errorString ErrNoDeadlineValue =
    ERRORS_NEW_STATIC("file type does not support deadline");
runtime_error *const net_ErrNoDeadline = &ErrNoDeadlineValue.err;

static errors_errorString ErrFileClosingValue =
    ERRORS_NEW_STATIC("use of closed file");
runtime_error *const net_ErrFileClosing = &ErrFileClosingValue.err;

/*
 * DeadlineExceededError is what an expired I/O deadline returns; its only
 * value is a static sentinel, so a timed-out call allocates nothing.  It
 * is not context.DeadlineExceeded (Go's type has no Is method): only a
 * dial's deadline, mapped by net_mapErr, answers to that.
 */
static char *
DeadlineExceededError_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("i/o timeout");
}

static bool
DeadlineExceededError_true(const runtime_error *err)
{
	(void)err;
	return true;
}

const runtime_errorType poll_DeadlineExceededErrorType = {
	.name = "*poll.DeadlineExceededError",
	.Error = DeadlineExceededError_Error,
	.Timeout = DeadlineExceededError_true,
	.Temporary = DeadlineExceededError_true,
};

/* os/error.c exports this same value as os_ErrDeadlineExceeded. */
runtime_error poll_deadlineExceeded =
    RUNTIME_STATIC_ERROR(&poll_DeadlineExceededErrorType);
runtime_error *const poll_ErrDeadlineExceeded = &poll_deadlineExceeded;

static errors_errorString ErrNotPollableValue =
    ERRORS_NEW_STATIC("not pollable");
runtime_error *const net_ErrNotPollable = &ErrNotPollableValue.err;

/*
 * consume is poll's twin of Buffers.consume: it drops n written bytes
 * from the front of v, emptying the chunks it passes so that the caller's
 * array no longer points at them, as Go drops its references.
 */
void
net_consume(net_Buffers *v, int64_t n)
{
	size_t ln0;

	while (v->len > 0) {
		ln0 = v->v[0].len;
		if ((int64_t)ln0 > n) {
			v->v[0].p = (const char *)v->v[0].p + n;
			v->v[0].len -= (size_t)n;
			return;
		}
		n -= (int64_t)ln0;
		v->v[0] = (net_Bytes){ NULL, 0 };
		v->v++;
		v->len--;
	}
}
