/*
 * C port of go1.19 src/net/dial_unix_test.go (built on: aix darwin
 * dragonfly freebsd linux netbsd openbsd solaris).
 *
 * Go's init here sets isEADDRINUSE for other tests; gonet's tests test
 * for EADDRINUSE where they need it, so only the test is ported.
 */
#include <sys/socket.h>

#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/* TestDialContextCancelRace's hooks and what they share. */
static syscall_Errno (*oldConnectFunc)(int fd, const syscall_Sockaddr *sa);
static syscall_Errno (*oldGetsockoptIntFunc)(
    int fd, int level, int opt, int *value);
static void (*oldTestHookCanceledDial)(void);
static chan	       *sawCancel;
static context_Context *cancelRaceCtx;

static void
restoreCancelRaceHooks(void *arg)
{
	(void)arg;
	net_connectFunc = oldConnectFunc;
	net_getsockoptIntFunc = oldGetsockoptIntFunc;
	net_testHookCanceledDial = oldTestHookCanceledDial;
}

static void
freeError(void *arg)
{
	runtime_error_Free(arg);
}

static void
freeContext(void *arg)
{
	context_Free(arg);
}

static void *
cancelRaceListener(void *arg)
{
	net_Listener  *ln = arg;
	net_Conn      *c;
	runtime_error *err;

	err = net_Listener_Accept(ln, &c);
	if (err == NULL) {
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	runtime_error_Free(err);
	return NULL;
}

static void
cancelRaceCanceledDial(void)
{
	chanSend(sawCancel, (void *)1);
}

static syscall_Errno
cancelRaceConnect(int fd, const syscall_Sockaddr *addr)
{
	syscall_Errno err;

	err = oldConnectFunc(fd, addr);
	tLogf("connect(%d, addr) = %s", fd,
	    runtime_error_Error(syscall_Errno_Err(err)));
	if (err == 0)
		/*
		 * A loopback connect may succeed at once; make it look in
		 * progress so that the path under test runs.
		 */
		return EINPROGRESS;
	return err;
}

static syscall_Errno
cancelRaceGetsockoptInt(int fd, int level, int opt, int *val)
{
	syscall_Errno err;
	int	      r;

	err = oldGetsockoptIntFunc(fd, level, opt, val);
	tLogf("getsockoptIntFunc(%d, %d, %d) = (%d, %s)", fd, level, opt, *val,
	    runtime_error_Error(syscall_Errno_Err(err)));
	if (level == SOL_SOCKET && opt == SO_ERROR && err == 0 && *val == 0) {
		tLogf("canceling context");
		/* Cancel at just the moment of the race in Go issue 16523. */
		context_Cancel(cancelRaceCtx);
		/*
		 * Wait for the interrupter to poison the write deadline
		 * before returning.
		 */
		r = chanRecvTimeout(sawCancel, NULL, 5 * time_Second);
		if (r == 1)
			tLogf("saw cancel");
		else
			tErrorf("didn't see cancel after 5 seconds");
	}
	return err;
}

START_TEST(TestDialContextCancelRace)
{
	net_Dialer     d = { .Timeout = 0 };
	net_Listener  *ln;
	net_Conn      *c;
	net_OpError   *oe;
	runtime_error *err;

	oldConnectFunc = net_connectFunc;
	oldGetsockoptIntFunc = net_getsockoptIntFunc;
	oldTestHookCanceledDial = net_testHookCanceledDial;
	tDefer(restoreCancelRaceHooks, NULL);

	ln = newLocalListener("tcp", NULL);
	/* tDone closes ln, then joins the listener thread. */
	goStart(cancelRaceListener, ln);
	deferListener(ln);

	sawCancel = makeChan();
	net_testHookCanceledDial = cancelRaceCanceledDial;

	cancelRaceCtx = context_WithCancel(context_Background());
	tDeferFree(freeContext, cancelRaceCtx);

	net_connectFunc = cancelRaceConnect;
	net_getsockoptIntFunc = cancelRaceGetsockoptInt;

	err = net_Dialer_DialContext(
	    &d, cancelRaceCtx, "tcp", addrString(net_Listener_Addr(ln)), &c);
	if (err == NULL) {
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
		tFatalf("unexpected successful dial; want context canceled "
			"error");
	}
	tDefer(freeError, err);

	/* The hook cancelled ctx before DialContext returned. */
	if (context_Context_Err(cancelRaceCtx) == NULL)
		tFatalf("expected context to be canceled");

	if (err->type != &net_OpErrorType ||
	    strcmp(((net_OpError *)err)->Op, "dial") != 0)
		tFatalf("Dial error = %s; want dial *OpError",
		    runtime_error_Error(err));
	oe = (net_OpError *)err;
	if (oe->Err != net_errCanceled)
		tErrorf("DialContext = (<nil>, %s); want OpError with error %s",
		    runtime_error_Error(err),
		    runtime_error_Error(net_errCanceled));
	tDone();
}
END_TEST

Suite *
dial_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dial_unix");
	tc = newNetTCase("DialContextCancelRace", 30);
	tcase_add_test(tc, TestDialContextCancelRace);
	suite_add_tcase(s, tc);
	return s;
}
