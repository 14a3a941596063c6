/*
 * C port of go1.19 src/net/net.go: the conn type, the Conn, Listener and
 * PacketConn interfaces, the error types and the Addr interface.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/*
 * Addr, the interface.  A NULL address prints as "<nil>", the text Go's
 * fmt gives a nil Addr, so that OpError-style callers need no special case.
 */
const char *
net_Addr_Network(const net_Addr *a)
{
	if (a == NULL)
		return "<nil>";
	return a->type->Network(a);
}

char *
net_Addr_String(const net_Addr *a)
{
	if (a == NULL)
		return runtime_strdup("<nil>");
	return a->type->String(a);
}

net_Addr *
net_Addr_clone(const net_Addr *a)
{
	if (a == NULL)
		return NULL;
	return a->type->clone(a);
}

/*
 * Go asks an error for Timeout and Temporary through a type assertion; a
 * NULL method in the table is the failed assertion.
 */
static bool
net_isTimeout(const runtime_error *err)
{
	return err != NULL && err->type->Timeout != NULL &&
	    err->type->Timeout(err);
}

static bool
net_isTemporary(const runtime_error *err)
{
	return err != NULL && err->type->Temporary != NULL &&
	    err->type->Temporary(err);
}

static bool
net_false(const runtime_error *err)
{
	(void)err;
	return false;
}

static bool
net_true(const runtime_error *err)
{
	(void)err;
	return true;
}

/* A hand-built error may leave a string field NULL; it reads as "". */
static const char *
net_str(const char *s)
{
	return s != NULL ? s : "";
}

/*
 * isConnError lives in Go's error_unix.go; gonet has no twin for that one
 * function, so it stays here beside its only caller.
 */
static bool
net_isConnError(const runtime_error *err)
{
	syscall_Errno se;

	if (err == NULL || err->type != &syscall_ErrnoType)
		return false;
	se = ((const syscall_ErrnoError *)err)->Errno;
	return se == ECONNRESET || se == ECONNABORTED;
}

/* OpError. */
static char *
OpError_Error(const runtime_error *err)
{
	const net_OpError *e = (const net_OpError *)err;
	char		  *s, *t, *as;

	s = runtime_strdup(net_str(e->Op));
	if (net_str(e->Net)[0] != '\0') {
		t = runtime_concatstrings(s, " ", e->Net, (char *)NULL);
		free(s);
		s = t;
	}
	if (e->Source != NULL) {
		as = net_Addr_String(e->Source);
		t = runtime_concatstrings(s, " ", as, (char *)NULL);
		free(as);
		free(s);
		s = t;
	}
	if (e->Addr != NULL) {
		as = net_Addr_String(e->Addr);
		t = runtime_concatstrings(
		    s, e->Source != NULL ? "->" : " ", as, (char *)NULL);
		free(as);
		free(s);
		s = t;
	}
	t = runtime_concatstrings(
	    s, ": ", runtime_error_Error(e->Err), (char *)NULL);
	free(s);
	return t;
}

static runtime_error *
OpError_Unwrap(const runtime_error *err)
{
	return ((const net_OpError *)err)->Err;
}

/* An error wrapped in os.SyscallError answers for itself, as in Go. */
static bool
OpError_Timeout(const runtime_error *err)
{
	const net_OpError *e = (const net_OpError *)err;

	if (e->Err != NULL && e->Err->type == &os_SyscallErrorType)
		return net_isTimeout(((const os_SyscallError *)e->Err)->Err);
	return net_isTimeout(e->Err);
}

/*
 * A reset or aborted connection is worth retrying for accept only: the
 * listener itself is fine.
 */
static bool
OpError_Temporary(const runtime_error *err)
{
	const net_OpError *e = (const net_OpError *)err;

	if (strcmp(net_str(e->Op), "accept") == 0 && net_isConnError(e->Err))
		return true;
	if (e->Err != NULL && e->Err->type == &os_SyscallErrorType)
		return net_isTemporary(((const os_SyscallError *)e->Err)->Err);
	return net_isTemporary(e->Err);
}

static void
OpError_release(runtime_error *err)
{
	net_OpError *e = (net_OpError *)err;

	free(e->Op);
	free(e->Net);
	free(e->Source);
	free(e->Addr);
	runtime_error_Free(e->Err);
}

const runtime_errorType net_OpErrorType = { "*net.OpError", OpError_Error,
	OpError_Unwrap, OpError_Timeout, OpError_Temporary, NULL,
	OpError_release };

runtime_error *
net_newOpError(const char *op, const char *net, const net_Addr *source,
    const net_Addr *addr, runtime_error *err)
{
	net_OpError *e;

	e = (net_OpError *)runtime_newError(&net_OpErrorType, sizeof(*e));
	e->Op = runtime_strdup(op != NULL ? op : "");
	e->Net = runtime_strdup(net != NULL ? net : "");
	e->Source = net_Addr_clone(source);
	e->Addr = net_Addr_clone(addr);
	e->Err = err;
	return &e->err;
}

/* ParseError. */
static char *
ParseError_Error(const runtime_error *err)
{
	const net_ParseError *e = (const net_ParseError *)err;

	return runtime_concatstrings(
	    "invalid ", net_str(e->Type), ": ", net_str(e->Text), (char *)NULL);
}

static void
ParseError_release(runtime_error *err)
{
	net_ParseError *e = (net_ParseError *)err;

	free(e->Type);
	free(e->Text);
}

const runtime_errorType net_ParseErrorType = { "*net.ParseError",
	ParseError_Error, NULL, net_false, net_false, NULL,
	ParseError_release };

runtime_error *
net_newParseError(const char *typ, const char *text)
{
	net_ParseError *e;

	e = (net_ParseError *)runtime_newError(&net_ParseErrorType, sizeof(*e));
	e->Type = runtime_strdup(typ);
	e->Text = runtime_strdup(text);
	return &e->err;
}

/* AddrError. */
static char *
AddrError_Error(const runtime_error *err)
{
	const net_AddrError *e = (const net_AddrError *)err;

	if (net_str(e->Addr)[0] != '\0')
		return runtime_concatstrings(
		    "address ", e->Addr, ": ", net_str(e->Err), (char *)NULL);
	return runtime_strdup(net_str(e->Err));
}

static void
AddrError_release(runtime_error *err)
{
	net_AddrError *e = (net_AddrError *)err;

	free(e->Err);
	free(e->Addr);
}

const runtime_errorType net_AddrErrorType = { "*net.AddrError", AddrError_Error,
	NULL, net_false, net_false, NULL, AddrError_release };

runtime_error *
net_newAddrError(const char *err, const char *addr)
{
	net_AddrError *e;

	e = (net_AddrError *)runtime_newError(&net_AddrErrorType, sizeof(*e));
	e->Err = runtime_strdup(err);
	e->Addr = runtime_strdup(addr);
	return &e->err;
}

/* UnknownNetworkError. */
static char *
UnknownNetworkError_Error(const runtime_error *err)
{
	const net_UnknownNetworkError *e = (const net_UnknownNetworkError *)err;

	return runtime_concatstrings(
	    "unknown network ", net_str(e->s), (char *)NULL);
}

static void
UnknownNetworkError_release(runtime_error *err)
{
	free(((net_UnknownNetworkError *)err)->s);
}

const runtime_errorType net_UnknownNetworkErrorType = {
	"net.UnknownNetworkError", UnknownNetworkError_Error, NULL, net_false,
	net_false, NULL, UnknownNetworkError_release
};

runtime_error *
net_newUnknownNetworkError(const char *s)
{
	net_UnknownNetworkError *e;

	e = (net_UnknownNetworkError *)runtime_newError(
	    &net_UnknownNetworkErrorType, sizeof(*e));
	e->s = runtime_strdup(s);
	return &e->err;
}

/* InvalidAddrError. */
static char *
InvalidAddrError_Error(const runtime_error *err)
{
	return runtime_strdup(net_str(((const net_InvalidAddrError *)err)->s));
}

static void
InvalidAddrError_release(runtime_error *err)
{
	free(((net_InvalidAddrError *)err)->s);
}

const runtime_errorType net_InvalidAddrErrorType = { "net.InvalidAddrError",
	InvalidAddrError_Error, NULL, net_false, net_false, NULL,
	InvalidAddrError_release };

runtime_error *
net_newInvalidAddrError(const char *s)
{
	net_InvalidAddrError *e;

	e = (net_InvalidAddrError *)runtime_newError(
	    &net_InvalidAddrErrorType, sizeof(*e));
	e->s = runtime_strdup(s);
	return &e->err;
}

/*
 * timeoutError.  It matches context.DeadlineExceeded under errors_Is, so
 * a dial that timed out answers to either.
 */
static char *
timeoutError_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("i/o timeout");
}

static bool
timeoutError_Is(const runtime_error *err, const runtime_error *target)
{
	(void)err;
	return target == context_DeadlineExceeded;
}

static const runtime_errorType net_timeoutErrorType = { "*net.timeoutError",
	timeoutError_Error, NULL, net_true, net_true, timeoutError_Is, NULL };

static runtime_error net_timeoutError =
    RUNTIME_STATIC_ERROR(&net_timeoutErrorType);
runtime_error *const net_errTimeout = &net_timeoutError;

/* canceledError matches context.Canceled, as timeoutError does its twin. */
static char *
canceledError_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("operation was canceled");
}

static bool
canceledError_Is(const runtime_error *err, const runtime_error *target)
{
	(void)err;
	return target == context_Canceled;
}

static const runtime_errorType net_canceledErrorType = { "net.canceledError",
	canceledError_Error, NULL, NULL, NULL, canceledError_Is, NULL };

static runtime_error net_canceledError =
    RUNTIME_STATIC_ERROR(&net_canceledErrorType);
runtime_error *const net_errCanceled = &net_canceledError;

/* The package-level errors.New values. */
static errors_errorString net_errNoSuitableAddressValue =
    ERRORS_NEW_STATIC("no suitable address found");
runtime_error *const net_errNoSuitableAddress =
    &net_errNoSuitableAddressValue.err;

static errors_errorString net_errMissingAddressValue =
    ERRORS_NEW_STATIC("missing address");
runtime_error *const net_errMissingAddress = &net_errMissingAddressValue.err;

static errors_errorString net_ErrWriteToConnectedValue =
    ERRORS_NEW_STATIC("use of WriteTo with pre-connected connection");
runtime_error *const net_ErrWriteToConnected =
    &net_ErrWriteToConnectedValue.err;

static errors_errorString net_errNoSuchHostValue =
    ERRORS_NEW_STATIC("no such host");
runtime_error *const net_errNoSuchHost = &net_errNoSuchHostValue.err;

/* DNSConfigError. */
static char *
DNSConfigError_Error(const runtime_error *err)
{
	const net_DNSConfigError *e = (const net_DNSConfigError *)err;

	return runtime_concatstrings("error reading DNS config: ",
	    runtime_error_Error(e->Err), (char *)NULL);
}

static runtime_error *
DNSConfigError_Unwrap(const runtime_error *err)
{
	return ((const net_DNSConfigError *)err)->Err;
}

static void
DNSConfigError_release(runtime_error *err)
{
	runtime_error_Free(((net_DNSConfigError *)err)->Err);
}

const runtime_errorType net_DNSConfigErrorType = { "*net.DNSConfigError",
	DNSConfigError_Error, DNSConfigError_Unwrap, net_false, net_false, NULL,
	DNSConfigError_release };

runtime_error *
net_newDNSConfigError(runtime_error *err)
{
	net_DNSConfigError *e;

	e = (net_DNSConfigError *)runtime_newError(
	    &net_DNSConfigErrorType, sizeof(*e));
	e->Err = err;
	return &e->err;
}

/* DNSError. */
static char *
DNSError_Error(const runtime_error *err)
{
	const net_DNSError *e = (const net_DNSError *)err;

	if (net_str(e->Server)[0] != '\0')
		return runtime_concatstrings("lookup ", net_str(e->Name),
		    " on ", e->Server, ": ", net_str(e->Err), (char *)NULL);
	return runtime_concatstrings(
	    "lookup ", net_str(e->Name), ": ", net_str(e->Err), (char *)NULL);
}

static bool
DNSError_Timeout(const runtime_error *err)
{
	return ((const net_DNSError *)err)->IsTimeout;
}

static bool
DNSError_Temporary(const runtime_error *err)
{
	const net_DNSError *e = (const net_DNSError *)err;

	return e->IsTimeout || e->IsTemporary;
}

static void
DNSError_release(runtime_error *err)
{
	net_DNSError *e = (net_DNSError *)err;

	free(e->Err);
	free(e->Name);
	free(e->Server);
}

const runtime_errorType net_DNSErrorType = { "*net.DNSError", DNSError_Error,
	NULL, DNSError_Timeout, DNSError_Temporary, NULL, DNSError_release };

runtime_error *
net_newDNSError(const char *err, const char *name, const char *server,
    bool isTimeout, bool isTemporary, bool isNotFound)
{
	net_DNSError *e;

	e = (net_DNSError *)runtime_newError(&net_DNSErrorType, sizeof(*e));
	e->Err = runtime_strdup(err);
	e->Name = runtime_strdup(name);
	e->Server = runtime_strdup(server != NULL ? server : "");
	e->IsTimeout = isTimeout;
	e->IsTemporary = isTemporary;
	e->IsNotFound = isNotFound;
	return &e->err;
}

/*
 * ErrClosed is internal/poll's ErrNetClosing, whose type has Timeout and
 * Temporary (both false), so it satisfies net.Error.
 */
static char *
errNetClosing_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("use of closed network connection");
}

static const runtime_errorType net_errNetClosingType = { "poll.errNetClosing",
	errNetClosing_Error, NULL, net_false, net_false, NULL, NULL };

static runtime_error net_errClosed =
    RUNTIME_STATIC_ERROR(&net_errNetClosingType);
runtime_error *const net_ErrClosed = &net_errClosed;

/* net.Error, the interface. */
const char *
net_Error_Error(runtime_error *err)
{
	return runtime_error_Error(err);
}

bool
net_Error_Timeout(runtime_error *err)
{
	return net_isTimeout(err);
}

bool
net_Error_Temporary(runtime_error *err)
{
	return net_isTemporary(err);
}

/*
 * The typed methods.  Go's Error methods on pointer receivers print "<nil>"
 * for a nil receiver, and runtime_error_Error does the same for NULL.
 */
const char *
net_OpError_Error(net_OpError *e)
{
	return runtime_error_Error(e == NULL ? NULL : &e->err);
}

runtime_error *
net_OpError_Unwrap(net_OpError *e)
{
	return e->Err;
}

bool
net_OpError_Timeout(net_OpError *e)
{
	return OpError_Timeout(&e->err);
}

bool
net_OpError_Temporary(net_OpError *e)
{
	return OpError_Temporary(&e->err);
}

const char *
net_ParseError_Error(net_ParseError *e)
{
	return runtime_error_Error(&e->err);
}

bool
net_ParseError_Timeout(net_ParseError *e)
{
	(void)e;
	return false;
}

bool
net_ParseError_Temporary(net_ParseError *e)
{
	(void)e;
	return false;
}

const char *
net_AddrError_Error(net_AddrError *e)
{
	return runtime_error_Error(e == NULL ? NULL : &e->err);
}

bool
net_AddrError_Timeout(net_AddrError *e)
{
	(void)e;
	return false;
}

bool
net_AddrError_Temporary(net_AddrError *e)
{
	(void)e;
	return false;
}

const char *
net_UnknownNetworkError_Error(net_UnknownNetworkError *e)
{
	return runtime_error_Error(&e->err);
}

bool
net_UnknownNetworkError_Timeout(net_UnknownNetworkError *e)
{
	(void)e;
	return false;
}

bool
net_UnknownNetworkError_Temporary(net_UnknownNetworkError *e)
{
	(void)e;
	return false;
}

const char *
net_InvalidAddrError_Error(net_InvalidAddrError *e)
{
	return runtime_error_Error(&e->err);
}

bool
net_InvalidAddrError_Timeout(net_InvalidAddrError *e)
{
	(void)e;
	return false;
}

bool
net_InvalidAddrError_Temporary(net_InvalidAddrError *e)
{
	(void)e;
	return false;
}

const char *
net_DNSError_Error(net_DNSError *e)
{
	return runtime_error_Error(e == NULL ? NULL : &e->err);
}

bool
net_DNSError_Timeout(net_DNSError *e)
{
	return e->IsTimeout;
}

bool
net_DNSError_Temporary(net_DNSError *e)
{
	return DNSError_Temporary(&e->err);
}

const char *
net_DNSConfigError_Error(net_DNSConfigError *e)
{
	return runtime_error_Error(&e->err);
}

runtime_error *
net_DNSConfigError_Unwrap(net_DNSConfigError *e)
{
	return e->Err;
}

bool
net_DNSConfigError_Timeout(net_DNSConfigError *e)
{
	(void)e;
	return false;
}

bool
net_DNSConfigError_Temporary(net_DNSConfigError *e)
{
	(void)e;
	return false;
}

/*
 * mapErr turns the context package's errors into net's own, which also
 * satisfy net.Error.
 */
runtime_error *
net_mapErr(runtime_error *err)
{
	if (err == context_Canceled)
		return net_errCanceled;
	if (err == context_DeadlineExceeded)
		return net_errTimeout;
	return err;
}

/*
 * conn.  Every method checks ok first, as Go's do, and wraps a failure
 * in an OpError naming the connection; only that error path allocates.
 */
bool
net_conn_ok(net_conn *c)
{
	return c != NULL && c->fd != NULL;
}

/* io.EOF passes through bare: callers compare it by identity. */
runtime_error *
net_conn_Read(net_conn *c, void *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = net_netFD_Read(c->fd, b, len, n);
	if (err != NULL && err != io_EOF)
		err = net_newOpError(
		    "read", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

runtime_error *
net_conn_Write(net_conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err;

	*n = 0;
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = net_netFD_Write(c->fd, b, len, n);
	if (err != NULL)
		err = net_newOpError(
		    "write", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

runtime_error *
net_conn_Close(net_conn *c)
{
	runtime_error *err;

	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	err = net_netFD_Close(c->fd);
	if (err != NULL)
		err = net_newOpError(
		    "close", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

const net_Addr *
net_conn_LocalAddr(net_conn *c)
{
	if (!net_conn_ok(c))
		return NULL;
	return c->fd->laddr;
}

const net_Addr *
net_conn_RemoteAddr(net_conn *c)
{
	if (!net_conn_ok(c))
		return NULL;
	return c->fd->raddr;
}

/* A setter's OpError names the local address only, as Go's does. */
static runtime_error *
net_conn_setErr(net_conn *c, runtime_error *err)
{
	if (err == NULL)
		return NULL;
	return net_newOpError("set", c->fd->net, NULL, c->fd->laddr, err);
}

runtime_error *
net_conn_SetDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	return net_conn_setErr(c, net_netFD_SetDeadline(c->fd, t));
}

runtime_error *
net_conn_SetReadDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	return net_conn_setErr(c, net_netFD_SetReadDeadline(c->fd, t));
}

runtime_error *
net_conn_SetWriteDeadline(net_conn *c, time_Time t)
{
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	return net_conn_setErr(c, net_netFD_SetWriteDeadline(c->fd, t));
}

runtime_error *
net_conn_SetReadBuffer(net_conn *c, int bytes)
{
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	return net_conn_setErr(c, net_setReadBuffer(c->fd, bytes));
}

runtime_error *
net_conn_SetWriteBuffer(net_conn *c, int bytes)
{
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	return net_conn_setErr(c, net_setWriteBuffer(c->fd, bytes));
}

void
net_conn_free(net_conn *c)
{
	if (c->fd != NULL)
		net_netFD_free(c->fd);
	c->fd = NULL;
}

/*
 * writerOnly hides every method of c but Write, so that the io_Copy of
 * genericReadFrom cannot call back into c's ReadFrom (or writev).
 */
static runtime_error *
writerOnly_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(self, p, len, n);
}

static const io_Type writerOnlyType = {
	.name = "net.writerOnly",
	.Write = writerOnly_Write,
};

/* genericReadFrom is the io.Copy that ReadFrom falls back on. */
runtime_error *
net_genericReadFrom(net_conn *c, io_Reader r, int64_t *n)
{
	return io_Copy((io_Writer){ &writerOnlyType, c }, r, n);
}

/*
 * The shared slots of the Conn and PacketConn tables (net_impl.h): the
 * header is a member of the embedded conn, so the conn is found from it.
 */
net_conn *
net_connOfConn(net_Conn *c)
{
	return (net_conn *)((char *)c - offsetof(net_conn, Conn));
}

net_conn *
net_connOfPacketConn(net_PacketConn *c)
{
	return (net_conn *)((char *)c - offsetof(net_conn, PacketConn));
}

runtime_error *
net_connConn_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Read(net_connOfConn(c), b, len, n);
}

runtime_error *
net_connConn_Write(net_Conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	return net_conn_Write(net_connOfConn(c), b, len, n);
}

runtime_error *
net_connConn_Close(net_Conn *c)
{
	return net_conn_Close(net_connOfConn(c));
}

const net_Addr *
net_connConn_LocalAddr(net_Conn *c)
{
	return net_conn_LocalAddr(net_connOfConn(c));
}

const net_Addr *
net_connConn_RemoteAddr(net_Conn *c)
{
	return net_conn_RemoteAddr(net_connOfConn(c));
}

runtime_error *
net_connConn_SetDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetDeadline(net_connOfConn(c), t);
}

runtime_error *
net_connConn_SetReadDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_connOfConn(c), t);
}

runtime_error *
net_connConn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_connOfConn(c), t);
}

/*
 * net_conn_release frees a conn-based object: conn is its first member
 * and it owns nothing else, so conn's address is the object's.
 */
static void
net_conn_release(net_conn *c)
{
	net_conn_free(c);
	free(c);
}

void
net_connConn_Free(net_Conn *c)
{
	net_conn_release(net_connOfConn(c));
}

runtime_error *
net_connPacketConn_Close(net_PacketConn *c)
{
	return net_conn_Close(net_connOfPacketConn(c));
}

const net_Addr *
net_connPacketConn_LocalAddr(net_PacketConn *c)
{
	return net_conn_LocalAddr(net_connOfPacketConn(c));
}

runtime_error *
net_connPacketConn_SetDeadline(net_PacketConn *c, time_Time t)
{
	return net_conn_SetDeadline(net_connOfPacketConn(c), t);
}

runtime_error *
net_connPacketConn_SetReadDeadline(net_PacketConn *c, time_Time t)
{
	return net_conn_SetReadDeadline(net_connOfPacketConn(c), t);
}

runtime_error *
net_connPacketConn_SetWriteDeadline(net_PacketConn *c, time_Time t)
{
	return net_conn_SetWriteDeadline(net_connOfPacketConn(c), t);
}

void
net_connPacketConn_Free(net_PacketConn *c)
{
	net_conn_release(net_connOfPacketConn(c));
}

/*
 * The interfaces.  A method call goes through the header's table; a NULL
 * interface value panics, as calling a method on a nil interface does.
 */
static void
net_nilInterface(const void *v)
{
	if (v == NULL)
		runtime_throw(
		    "invalid memory address or nil pointer dereference");
}

runtime_error *
net_Conn_Read(net_Conn *c, void *b, size_t len, ptrdiff_t *n)
{
	net_nilInterface(c);
	return c->type->Read(c, b, len, n);
}

runtime_error *
net_Conn_Write(net_Conn *c, const void *b, size_t len, ptrdiff_t *n)
{
	net_nilInterface(c);
	return c->type->Write(c, b, len, n);
}

runtime_error *
net_Conn_Close(net_Conn *c)
{
	net_nilInterface(c);
	return c->type->Close(c);
}

const net_Addr *
net_Conn_LocalAddr(net_Conn *c)
{
	net_nilInterface(c);
	return c->type->LocalAddr(c);
}

const net_Addr *
net_Conn_RemoteAddr(net_Conn *c)
{
	net_nilInterface(c);
	return c->type->RemoteAddr(c);
}

runtime_error *
net_Conn_SetDeadline(net_Conn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetDeadline(c, t);
}

runtime_error *
net_Conn_SetReadDeadline(net_Conn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetReadDeadline(c, t);
}

runtime_error *
net_Conn_SetWriteDeadline(net_Conn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetWriteDeadline(c, t);
}

/* Free on a NULL interface does nothing, like free(NULL). */
void
net_Conn_Free(net_Conn *c)
{
	if (c != NULL)
		c->type->Free(c);
}

/* The assertions return NULL when the dynamic type differs. */
net_TCPConn *
net_Conn_TCPConn(net_Conn *c)
{
	if (c == NULL || c->type != &net_TCPConnType)
		return NULL;
	return (net_TCPConn *)((char *)c - offsetof(net_TCPConn, conn.Conn));
}

net_UDPConn *
net_Conn_UDPConn(net_Conn *c)
{
	if (c == NULL || c->type != &net_UDPConnType)
		return NULL;
	return (net_UDPConn *)((char *)c - offsetof(net_UDPConn, conn.Conn));
}

net_UnixConn *
net_Conn_UnixConn(net_Conn *c)
{
	if (c == NULL || c->type != &net_UnixConnType)
		return NULL;
	return (net_UnixConn *)((char *)c - offsetof(net_UnixConn, conn.Conn));
}

runtime_error *
net_Listener_Accept(net_Listener *l, net_Conn **c)
{
	net_nilInterface(l);
	return l->type->Accept(l, c);
}

runtime_error *
net_Listener_Close(net_Listener *l)
{
	net_nilInterface(l);
	return l->type->Close(l);
}

const net_Addr *
net_Listener_Addr(net_Listener *l)
{
	net_nilInterface(l);
	return l->type->Addr(l);
}

void
net_Listener_Free(net_Listener *l)
{
	if (l != NULL)
		l->type->Free(l);
}

net_TCPListener *
net_Listener_TCPListener(net_Listener *l)
{
	if (l == NULL || l->type != &net_TCPListenerType)
		return NULL;
	return (
	    net_TCPListener *)((char *)l - offsetof(net_TCPListener, Listener));
}

net_UnixListener *
net_Listener_UnixListener(net_Listener *l)
{
	if (l == NULL || l->type != &net_UnixListenerType)
		return NULL;
	return (net_UnixListener *)((char *)l -
	    offsetof(net_UnixListener, Listener));
}

runtime_error *
net_PacketConn_ReadFrom(
    net_PacketConn *c, void *b, size_t len, ptrdiff_t *n, net_Addr **addr)
{
	net_nilInterface(c);
	return c->type->ReadFrom(c, b, len, n, addr);
}

runtime_error *
net_PacketConn_WriteTo(net_PacketConn *c, const void *b, size_t len,
    const net_Addr *addr, ptrdiff_t *n)
{
	net_nilInterface(c);
	return c->type->WriteTo(c, b, len, addr, n);
}

runtime_error *
net_PacketConn_Close(net_PacketConn *c)
{
	net_nilInterface(c);
	return c->type->Close(c);
}

const net_Addr *
net_PacketConn_LocalAddr(net_PacketConn *c)
{
	net_nilInterface(c);
	return c->type->LocalAddr(c);
}

runtime_error *
net_PacketConn_SetDeadline(net_PacketConn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetDeadline(c, t);
}

runtime_error *
net_PacketConn_SetReadDeadline(net_PacketConn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetReadDeadline(c, t);
}

runtime_error *
net_PacketConn_SetWriteDeadline(net_PacketConn *c, time_Time t)
{
	net_nilInterface(c);
	return c->type->SetWriteDeadline(c, t);
}

void
net_PacketConn_Free(net_PacketConn *c)
{
	if (c != NULL)
		c->type->Free(c);
}

net_UDPConn *
net_PacketConn_UDPConn(net_PacketConn *c)
{
	if (c == NULL || c->type != &net_UDPPacketConnType)
		return NULL;
	return (
	    net_UDPConn *)((char *)c - offsetof(net_UDPConn, conn.PacketConn));
}

net_UnixConn *
net_PacketConn_UnixConn(net_PacketConn *c)
{
	if (c == NULL || c->type != &net_UnixPacketConnType)
		return NULL;
	return (net_UnixConn *)((char *)c -
	    offsetof(net_UnixConn, conn.PacketConn));
}

/* The views: NULL stays NULL, as a nil pointer in an interface would not,
 * but C callers have no use for a non-nil interface holding nil. */
net_Conn *
net_TCPConn_Conn(net_TCPConn *c)
{
	return c == NULL ? NULL : &c->conn.Conn;
}

net_Conn *
net_UDPConn_Conn(net_UDPConn *c)
{
	return c == NULL ? NULL : &c->conn.Conn;
}

net_Conn *
net_UnixConn_Conn(net_UnixConn *c)
{
	return c == NULL ? NULL : &c->conn.Conn;
}

net_PacketConn *
net_UDPConn_PacketConn(net_UDPConn *c)
{
	return c == NULL ? NULL : &c->conn.PacketConn;
}

net_PacketConn *
net_UnixConn_PacketConn(net_UnixConn *c)
{
	return c == NULL ? NULL : &c->conn.PacketConn;
}

net_Listener *
net_TCPListener_Listener(net_TCPListener *l)
{
	return l == NULL ? NULL : &l->Listener;
}

net_Listener *
net_UnixListener_Listener(net_UnixListener *l)
{
	return l == NULL ? NULL : &l->Listener;
}

/* The test accessors: every Conn and PacketConn embeds a conn. */
int
net_Conn_sysfd(net_Conn *c)
{
	if (c == NULL)
		return -1;
	return net_connOfConn(c)->fd->pfd.Sysfd;
}

int
net_Listener_sysfd(net_Listener *l)
{
	net_TCPListener	 *tl;
	net_UnixListener *ul;

	if ((tl = net_Listener_TCPListener(l)) != NULL)
		return tl->fd->pfd.Sysfd;
	if ((ul = net_Listener_UnixListener(l)) != NULL)
		return ul->fd->pfd.Sysfd;
	return -1;
}

int
net_PacketConn_sysfd(net_PacketConn *c)
{
	if (c == NULL)
		return -1;
	return net_connOfPacketConn(c)->fd->pfd.Sysfd;
}

/* listenerBacklogCache holds the system's limit, read once by Listen. */
static struct {
	sync_Once once;
	int	  val;
} listenerBacklogCache;

static void
listenerBacklogCache_init(void *unused)
{
	(void)unused;
	listenerBacklogCache.val = net_maxListenerBacklog();
}

/*
 * net_listenerBacklog reads the system's limit once: it does not change
 * often enough to pay for a file read on every Listen.
 */
int
net_listenerBacklog(void)
{
	sync_Once_Do(
	    &listenerBacklogCache.once, listenerBacklogCache_init, NULL);
	return listenerBacklogCache.val;
}

/*
 * net_conn_File is Go's conn.File: a File over a copy of the descriptor
 * (the caller's, os_File_Free).  Closing either leaves the other open.
 */
runtime_error *
net_conn_File(net_conn *c, os_File **f)
{
	runtime_error *err;

	*f = NULL;
	if (!net_conn_ok(c))
		return syscall_Errno_Err(EINVAL);
	if ((err = net_netFD_dup(c->fd, f)) != NULL)
		err = net_newOpError(
		    "file", c->fd->net, c->fd->laddr, c->fd->raddr, err);
	return err;
}

/*
 * The io views of a Conn.  A Conn's io_Type is chosen by its dynamic
 * type, so that io_Copy finds what Go's type assertions find: a TCPConn's
 * ReadFrom, and (for net.Buffers) the writev every fd-backed conn has.
 */
static runtime_error *
Conn_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return net_Conn_Read(self, p, len, n);
}

static runtime_error *
Conn_Write(void *self, const void *p, size_t len, ptrdiff_t *n)
{
	return net_Conn_Write(self, p, len, n);
}

static runtime_error *
TCPConn_ReadFrom(void *self, io_Reader r, int64_t *n)
{
	return net_TCPConn_ReadFrom(net_Conn_TCPConn(self), r, n);
}

/* A Conn with no socket behind it (net.Pipe). */
static const io_Type ConnIOType = {
	.name = "net.Conn",
	.Read = Conn_Read,
	.Write = Conn_Write,
};

/* UDPConn, UnixConn and IPConn: Go's conn, with its writeBuffers. */
static const io_Type connIOType = {
	.name = "*net.conn",
	.Read = Conn_Read,
	.Write = Conn_Write,
};

static const io_Type TCPConnIOType = {
	.name = "*net.TCPConn",
	.Read = Conn_Read,
	.Write = Conn_Write,
	.ReadFrom = TCPConn_ReadFrom,
};

/* net_Conn_conn returns the conn an fd-backed Conn embeds, or NULL. */
static net_conn *
net_Conn_conn(net_Conn *c)
{
	net_TCPConn  *tc;
	net_UDPConn  *uc;
	net_UnixConn *xc;
	net_IPConn   *ic;

	if ((tc = net_Conn_TCPConn(c)) != NULL)
		return &tc->conn;
	if ((uc = net_Conn_UDPConn(c)) != NULL)
		return &uc->conn;
	if ((xc = net_Conn_UnixConn(c)) != NULL)
		return &xc->conn;
	if ((ic = net_Conn_IPConn(c)) != NULL)
		return &ic->conn;
	return NULL;
}

io_Writer
net_Conn_Writer(net_Conn *c)
{
	if (c == NULL)
		return (io_Writer){ NULL, NULL };
	if (net_Conn_TCPConn(c) != NULL)
		return (io_Writer){ &TCPConnIOType, c };
	if (net_Conn_conn(c) != NULL)
		return (io_Writer){ &connIOType, c };
	return (io_Writer){ &ConnIOType, c };
}

io_Reader
net_Conn_Reader(net_Conn *c)
{
	return io_Writer_Reader(net_Conn_Writer(c));
}

/*
 * net_Conn_fromReader is Go's r.(net.Conn) on one of the views above: the
 * Conn behind r, or NULL (TCPConn.ReadFrom's splice needs it).
 */
net_Conn *
net_Conn_fromReader(io_Reader r)
{
	if (r.type == &TCPConnIOType || r.type == &connIOType ||
	    r.type == &ConnIOType)
		return r.self;
	return NULL;
}

/*
 * Buffers.  WriteTo hands the whole vector to writev when w is a conn
 * with a socket (Go's buffersWriter), and otherwise writes the chunks one
 * by one.
 */
runtime_error *
net_Buffers_WriteTo(net_Buffers *v, io_Writer w, int64_t *n)
{
	runtime_error *err;
	ptrdiff_t      nb;
	size_t	       i;

	*n = 0;
	if (w.type == &TCPConnIOType || w.type == &connIOType)
		return net_conn_writeBuffers(net_Conn_conn(w.self), v, n);
	for (i = 0; i < v->len; i++) {
		err = io_Writer_Write(w, v->v[i].p, v->v[i].len, &nb);
		*n += nb;
		if (err != NULL) {
			net_Buffers_consume(v, *n);
			return err;
		}
	}
	net_Buffers_consume(v, *n);
	return NULL;
}

runtime_error *
net_Buffers_Read(net_Buffers *v, void *p, size_t len, ptrdiff_t *n)
{
	size_t n0;

	*n = 0;
	while (len > 0 && v->len > 0) {
		n0 = v->v[0].len < len ? v->v[0].len : len;
		if (n0 > 0)
			memcpy(p, v->v[0].p, n0);
		net_Buffers_consume(v, (int64_t)n0);
		p = (char *)p + n0;
		len -= n0;
		*n += (ptrdiff_t)n0;
	}
	return v->len == 0 ? io_EOF : NULL;
}

void
net_Buffers_consume(net_Buffers *v, int64_t n)
{
	net_consume(v, n);
}

static runtime_error *
Buffers_Read(void *self, void *p, size_t len, ptrdiff_t *n)
{
	return net_Buffers_Read(self, p, len, n);
}

static runtime_error *
Buffers_WriteTo(void *self, io_Writer w, int64_t *n)
{
	return net_Buffers_WriteTo(self, w, n);
}

static const io_Type BuffersIOType = {
	.name = "*net.Buffers",
	.Read = Buffers_Read,
	.WriteTo = Buffers_WriteTo,
};

io_Reader
net_Buffers_Reader(net_Buffers *v)
{
	return (io_Reader){ &BuffersIOType, v };
}
