/*
 * C port of go1.19 src/net/error_test.go, with error_posix_test.go's and
 * error_unix_test.go's helpers (built on: !js).
 *
 * The parse*Error helpers walk an error the way Go's do, level by level,
 * and return NULL or a malloc'd reason.  Besides Go's structural checks,
 * the tables carry the Error() text Go 1.19 prints for each row (from a Go
 * program run on linux/amd64 with the same arguments and, where the test
 * installs a socktest filter, the errno the filter returns), so a row also
 * proves that gonet's message is Go's byte for byte.
 *
 * Left out: TestFileError (FileConn and friends do not exist yet),
 * TestSpuriousENOTAVAIL is error_posix_test.go's (tests/error_posix_test.c).
 * Rows whose host is a name ("no-such-name:80", "mh/astro/r70:http") are
 * answered by a testHookLookupIP that fails, as in Go, so no name is ever
 * looked up.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

static char *
errorf(const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		s = NULL;
	va_end(ap);
	return s;
}

static const char *
typeName(const runtime_error *err)
{
	return err == NULL ? "<nil>" : err->type->name;
}

/*
 * isTimeoutType is the type switch's "case *timeoutError,
 * *poll.DeadlineExceededError" (net's type is private to net.c, so it is
 * known by its name).
 */
static bool
isTimeoutType(const runtime_error *err)
{
	return err != NULL &&
	    (err->type == &poll_DeadlineExceededErrorType ||
		strcmp(err->type->name, "*net.timeoutError") == 0);
}

/*
 * isReadSentinel is parseReadError's and parseAcceptError's value switch:
 * "case ErrClosed, errTimeout, poll.ErrNotPollable, os.ErrDeadlineExceeded".
 */
static bool
isReadSentinel(const runtime_error *err)
{
	return err == net_ErrClosed || err == net_errTimeout ||
	    err == net_ErrNotPollable || err == os_ErrDeadlineExceeded;
}

static bool
isAddrType(const net_Addr *a)
{
	return a->type == &net_TCPAddrType || a->type == &net_UDPAddrType ||
	    a->type == &net_IPAddrType || a->type == &net_UnixAddrType;
}

/* isEmptyAddr is Go's addr == "" for a fileAddr. */
static bool
isEmptyAddr(const net_Addr *a)
{
	char *s;
	bool  empty;

	s = net_Addr_String(a);
	empty = s[0] == '\0';
	free(s);
	return empty;
}

/* OpError.isValid */
static char *
isValid(net_OpError *e)
{
	const net_Addr *addrs[2];
	int		i;

	if (e->Op == NULL || e->Op[0] == '\0')
		return errorf(
		    "OpError.Op is empty: %s", runtime_error_Error(&e->err));
	if (e->Net == NULL || e->Net[0] == '\0')
		return errorf(
		    "OpError.Net is empty: %s", runtime_error_Error(&e->err));
	addrs[0] = e->Source;
	addrs[1] = e->Addr;
	for (i = 0; i < 2; i++) {
		if (addrs[i] != NULL && addrs[i]->type == &net_fileAddrType) {
			if (isEmptyAddr(addrs[i]))
				return errorf("OpError.Source or Addr is "
					      "empty: %s",
				    runtime_error_Error(&e->err));
			continue;
		}
		if (addrs[i] != NULL && !isAddrType(addrs[i]))
			return errorf("OpError.Source or Addr is unknown "
				      "type: %s",
			    runtime_error_Error(&e->err));
	}
	if (e->Err == NULL)
		return errorf(
		    "OpError.Err is empty: %s", runtime_error_Error(&e->err));
	return NULL;
}

bool
isPlatformError(runtime_error *err)
{
	return err != NULL && err->type == &syscall_ErrnoType;
}

bool
samePlatformError(runtime_error *err, syscall_Errno want)
{
	if (err != NULL && err->type == &net_OpErrorType)
		err = ((net_OpError *)err)->Err;
	if (err != NULL && err->type == &os_SyscallErrorType)
		err = ((os_SyscallError *)err)->Err;
	return isPlatformError(err) &&
	    ((syscall_ErrnoError *)err)->Errno == want;
}

bool
isENOBUFS(runtime_error *err)
{
	return errors_Is(err, syscall_Errno_Err(ENOBUFS));
}

/* firstLevel checks the *OpError on top and returns what it wraps. */
static char *
firstLevel(runtime_error *nestedErr, runtime_error **next)
{
	net_OpError *oe;

	if (nestedErr->type != &net_OpErrorType)
		return errorf("unexpected type on 1st nested level: %s",
		    typeName(nestedErr));
	oe = (net_OpError *)nestedErr;
	*next = oe->Err;
	return isValid(oe);
}

static char *
thirdLevel(runtime_error *nestedErr)
{
	if (isPlatformError(nestedErr))
		return NULL;
	return errorf(
	    "unexpected type on 3rd nested level: %s", typeName(nestedErr));
}

char *
parseDialError(runtime_error *nestedErr)
{
	const runtime_errorType *t;
	char			*perr;

	if (nestedErr == NULL)
		return NULL;
	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;
	if (nestedErr == NULL)
		return errorf("unexpected type on 2nd nested level: <nil>");

	if (isPlatformError(nestedErr))
		return NULL;
	t = nestedErr->type;
	if (t == &net_AddrErrorType || isTimeoutType(nestedErr) ||
	    t == &net_DNSErrorType || t == &net_InvalidAddrErrorType ||
	    t == &net_ParseErrorType || t == &net_UnknownNetworkErrorType)
		return NULL;
	if (t == &os_SyscallErrorType)
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (t == &os_PathErrorType)
		return thirdLevel(((os_PathError *)nestedErr)->Err);
	if (nestedErr == net_errCanceled || nestedErr == net_ErrClosed ||
	    nestedErr == net_errMissingAddress ||
	    nestedErr == net_errNoSuitableAddress ||
	    nestedErr == context_DeadlineExceeded ||
	    nestedErr == context_Canceled)
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

char *
parseReadError(runtime_error *nestedErr)
{
	char *perr;

	if (nestedErr == NULL)
		return NULL;
	if (nestedErr->type != &net_OpErrorType && nestedErr == io_EOF)
		return NULL;
	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;

	if (isPlatformError(nestedErr))
		return NULL;
	if (nestedErr != NULL && nestedErr->type == &os_SyscallErrorType)
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (isReadSentinel(nestedErr))
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

char *
parseWriteError(runtime_error *nestedErr)
{
	const runtime_errorType *t;
	char			*perr;

	if (nestedErr == NULL)
		return NULL;
	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;
	if (nestedErr == NULL)
		return errorf("unexpected type on 2nd nested level: <nil>");

	if (isPlatformError(nestedErr))
		return NULL;
	t = nestedErr->type;
	if (t == &net_AddrErrorType || isTimeoutType(nestedErr) ||
	    t == &net_DNSErrorType || t == &net_InvalidAddrErrorType ||
	    t == &net_ParseErrorType || t == &net_UnknownNetworkErrorType)
		return NULL;
	if (t == &os_SyscallErrorType)
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr == net_errCanceled || nestedErr == net_ErrClosed ||
	    nestedErr == net_errMissingAddress || nestedErr == net_errTimeout ||
	    nestedErr == os_ErrDeadlineExceeded ||
	    nestedErr == net_ErrWriteToConnected ||
	    nestedErr == io_ErrUnexpectedEOF)
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

char *
parseCloseError(runtime_error *nestedErr, bool isShutdown)
{
	const char *want = "use of closed network connection";
	char	   *perr;

	if (nestedErr == NULL)
		return NULL;

	/*
	 * Programs match this text (Go issues 4373 and 19252), so it is
	 * checked as well as the sentinel.
	 */
	if (!isShutdown && strstr(runtime_error_Error(nestedErr), want) == NULL)
		return errorf("error string \"%s\" does not contain expected "
			      "string \"%s\"",
		    runtime_error_Error(nestedErr), want);
	if (!isShutdown && !errors_Is(nestedErr, net_ErrClosed))
		return errorf("errors.Is(%s, errClosed) returns false, want "
			      "true",
		    runtime_error_Error(nestedErr));

	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;

	if (isPlatformError(nestedErr))
		return NULL;
	if (nestedErr != NULL && nestedErr->type == &os_SyscallErrorType)
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr != NULL && nestedErr->type == &os_PathErrorType)
		return thirdLevel(((os_PathError *)nestedErr)->Err);
	if (nestedErr == net_ErrClosed)
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

char *
parseAcceptError(runtime_error *nestedErr)
{
	char *perr;

	if (nestedErr == NULL)
		return NULL;
	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;

	if (isPlatformError(nestedErr))
		return NULL;
	if (nestedErr != NULL && nestedErr->type == &os_SyscallErrorType)
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr != NULL && nestedErr->type == &os_PathErrorType)
		return thirdLevel(((os_PathError *)nestedErr)->Err);
	if (isReadSentinel(nestedErr))
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

char *
parseCommonError(runtime_error *nestedErr)
{
	char *perr;

	if (nestedErr == NULL)
		return NULL;
	if ((perr = firstLevel(nestedErr, &nestedErr)) != NULL)
		return perr;

	if (isPlatformError(nestedErr))
		return NULL;
	if (nestedErr != NULL && (nestedErr->type == &os_SyscallErrorType))
		return thirdLevel(((os_SyscallError *)nestedErr)->Err);
	if (nestedErr != NULL && nestedErr->type == &os_PathErrorType)
		return thirdLevel(((os_PathError *)nestedErr)->Err);
	if (nestedErr == net_ErrClosed)
		return NULL;
	return errorf(
	    "unexpected type on 2nd nested level: %s", typeName(nestedErr));
}

/*
 * perrCheck reports a parse failure as "prefix: reason" (prefix NULL:
 * "#i: reason") with tErrorf and frees it.
 */
static bool
perrCheck(char *perr, const char *prefix, int i)
{
	if (perr == NULL)
		return true;
	if (prefix == NULL)
		tErrorf("#%d: %s", i, perr);
	else
		tErrorf("%s: %s", prefix, perr);
	free(perr);
	return false;
}

/*
 * failLookup stands for the testHookLookupIP Go's error tests install:
 * every lookup fails with a DNSError carrying the test's text.
 */
static const char	       *failLookupText;
static net_testHookLookupIPFunc origLookupIP;

static runtime_error *
failLookup(net_Resolver *r, context_Context *ctx, net_lookupIPFunc fn,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs)
{
	(void)r;
	(void)ctx;
	(void)fn;
	(void)network;
	(void)host;
	*addrs = NULL;
	*naddrs = 0;
	return net_newDNSError(
	    failLookupText, "name", "server", true, false, false);
}

/* socktest's "return nil, errOpNotSupported" filters. */
static syscall_Errno
connectOpNotSupported(int fd, const syscall_Sockaddr *sa)
{
	(void)fd;
	(void)sa;
	return EOPNOTSUPP;
}

static syscall_Errno
listenOpNotSupported(int fd, int backlog)
{
	(void)fd;
	(void)backlog;
	return EOPNOTSUPP;
}

static const struct {
	const char *network, *address;
	const char *err; /* Go 1.19's err.Error() */
} dialErrorTests[] = {
	{ "foo", "", "dial foo: unknown network foo" },
	{ "bar", "baz", "dial bar: unknown network bar" },
	{ "datakit", "mh/astro/r70", "dial datakit: unknown network datakit" },
	{ "tcp", "", "dial tcp: missing address" },
	{ "tcp", "127.0.0.1:☺", "dial tcp: address tcp/☺: unknown port" },
	{ "tcp", "no-such-name:80", NULL },
	{ "tcp", "mh/astro/r70:http", NULL },

	{ "tcp", "127.0.0.1:-1", "dial tcp: address -1: invalid port" },
	{ "tcp", "127.0.0.1:123456789",
	    "dial tcp: address 123456789: invalid port" },
	{ "udp", "127.0.0.1:-1", "dial udp: address -1: invalid port" },
	{ "udp", "127.0.0.1:123456789",
	    "dial udp: address 123456789: invalid port" },
	{ "ip:icmp", "127.0.0.1", NULL },

	{ "unix", "/path/to/somewhere",
	    "dial unix /path/to/somewhere: connect: operation not supported" },
	{ "unixgram", "/path/to/somewhere",
	    "dial unixgram /path/to/somewhere: connect: operation not "
	    "supported" },
	{ "unixpacket", "/path/to/somewhere",
	    "dial unixpacket /path/to/somewhere: connect: operation not "
	    "supported" },
};

START_TEST(TestDialError)
{
	net_Dialer     d = { 0 };
	net_Conn      *c;
	runtime_error *err, *nerr;
	int	       i;

	i = _i;
	failLookupText = "dial error test";
	origLookupIP = net_testHookLookupIP;
	net_testHookLookupIP = failLookup;
	net_connectFunc = connectOpNotSupported;
	d.Timeout = someTimeout;
	c = NULL;
	err = net_Dialer_Dial(
	    &d, dialErrorTests[i].network, dialErrorTests[i].address, &c);
	net_connectFunc = syscall_Connect;
	net_testHookLookupIP = origLookupIP;
	if (err == NULL) {
		tErrorf("#%d: should fail; %s:%s->%s", i,
		    net_Addr_Network(net_Conn_LocalAddr(c)),
		    addrString(net_Conn_LocalAddr(c)),
		    addrString(net_Conn_RemoteAddr(c)));
		net_Conn_Free(c);
		tDone();
		return;
	}
	tDeferFree((void (*)(void *))runtime_error_Free, err);
	if (strcmp(dialErrorTests[i].network, "tcp") == 0 ||
	    strcmp(dialErrorTests[i].network, "udp") == 0) {
		if (samePlatformError(err, EOPNOTSUPP)) {
			nerr = syscall_Errno_Err(EOPNOTSUPP);
			tErrorf("#%d: should fail without %s; %s:%s->", i,
			    runtime_error_Error(nerr),
			    dialErrorTests[i].network,
			    dialErrorTests[i].address);
			tDone();
			return;
		}
	}
	if (c != NULL)
		tErrorf("Dial returned non-nil interface %p with err != nil",
		    (void *)c);
	perrCheck(parseDialError(err), NULL, i);
	if (dialErrorTests[i].err != NULL &&
	    strcmp(runtime_error_Error(err), dialErrorTests[i].err) != 0)
		tErrorf("#%d: got %s; want %s (Go)", i,
		    runtime_error_Error(err), dialErrorTests[i].err);
	tDone();
}
END_TEST

/* TestProtocolDialError: Go's rows, with the texts Go 1.19 prints. */
static const struct {
	const char *network;
	const char *err; /* Go 1.19's err.Error() */
} protocolDialErrorTests[] = {
	{ "tcp", "dial tcp :65536: connect: invalid argument" },
	{ "udp", "dial udp :65536: connect: invalid argument" },
	{ "ip:4294967296", "dial ip:4294967296: missing address" },
	{ "unix", "dial unix //: connect: connection refused" },
	{ "unixpacket", "dial unixpacket //: connect: connection refused" },
	{ "unixgram", "dial unixgram //: connect: connection refused" },
};

START_TEST(TestProtocolDialError)
{
	const char    *network;
	net_TCPAddr    ta;
	net_UDPAddr    ua;
	net_UnixAddr   xa;
	net_TCPConn   *tc;
	net_UDPConn   *uc;
	net_UnixConn  *xc;
	net_IPConn    *ic;
	runtime_error *err;

	network = protocolDialErrorTests[_i].network;
	memset(&ta, 0, sizeof(ta));
	memset(&ua, 0, sizeof(ua));
	memset(&xa, 0, sizeof(xa));
	tc = NULL;
	uc = NULL;
	xc = NULL;
	ic = NULL;
	if (strcmp(network, "tcp") == 0) {
		ta.Port = 1 << 16;
		err = net_DialTCP(network, NULL, &ta, &tc);
	} else if (strcmp(network, "udp") == 0) {
		ua.Port = 1 << 16;
		err = net_DialUDP(network, NULL, &ua, &uc);
	} else if (strcmp(network, "ip:4294967296") == 0) {
		err = net_DialIP(network, NULL, NULL, &ic);
	} else {
		xa.Name = "//";
		err = net_DialUnix(network, NULL, &xa, &xc);
	}
	if (err == NULL) {
		tErrorf("%s: should fail", network);
		if (ic != NULL)
			net_IPConn_Free(ic);
		if (tc != NULL)
			net_TCPConn_Free(tc);
		if (uc != NULL)
			net_UDPConn_Free(uc);
		if (xc != NULL)
			net_UnixConn_Free(xc);
		tDone();
		return;
	}
	perrCheck(parseDialError(err), network, 0);
	if (strcmp(runtime_error_Error(err), protocolDialErrorTests[_i].err) !=
	    0)
		tErrorf("%s: got %s; want %s (Go)", network,
		    runtime_error_Error(err), protocolDialErrorTests[_i].err);
	runtime_error_Free(err);
	tDone();
}
END_TEST

static const struct {
	const char *network;
	const char *lit;
	const char *addr; /* nil, an IP literal, or "0123456789abcdef" hex */
	const char *err;  /* Go 1.19's err.Error() */
} dialAddrErrorTests[] = {
	{ "tcp4", "::1", NULL,
	    "dial tcp4: address ::1: no suitable address found" },
	{ "tcp4", "", "::1",
	    "dial tcp4 [::1]:0: address ::1: non-IPv4 address" },
	/*
	 * Go skips {"tcp6", "byte sequence", nil}: there is no easy way to
	 * control name resolution.
	 */
	{ "tcp6", "", "0123456789abcdef",
	    "dial tcp6 ?0123456789abcdef:0: address ?0123456789abcdef: "
	    "non-IPv6 address" },
};

START_TEST(TestDialAddrError)
{
	net_TCPAddr    addr;
	net_Conn      *c;
	net_TCPConn   *tc;
	runtime_error *err;
	net_AddrError *aerr;
	char	       op[128], *want;
	int	       i;

	if (!supportsIPv4() || !supportsIPv6()) {
		tSkipf("both IPv4 and IPv6 are required");
		return;
	}
	i = _i;
	memset(&addr, 0, sizeof(addr));
	c = NULL;
	tc = NULL;
	if (dialAddrErrorTests[i].lit[0] != '\0') {
		err = net_Dial(dialAddrErrorTests[i].network,
		    joinHostPort(dialAddrErrorTests[i].lit, "0"), &c);
		snprintf(op, sizeof(op), "Dial(\"%s\", \"%s\")",
		    dialAddrErrorTests[i].network,
		    joinHostPort(dialAddrErrorTests[i].lit, "0"));
	} else {
		if (strcmp(dialAddrErrorTests[i].addr, "::1") == 0)
			addr.IP = net_IPv6loopback;
		else {
			/* IP{0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef} */
			static const uint8_t b[8] = { 0x01, 0x23, 0x45, 0x67,
				0x89, 0xab, 0xcd, 0xef };
			addr.IP.len = 8;
			memcpy(addr.IP.b, b, 8);
		}
		err = net_DialTCP(
		    dialAddrErrorTests[i].network, NULL, &addr, &tc);
		snprintf(op, sizeof(op), "DialTCP(\"%s\", \"%s\")",
		    dialAddrErrorTests[i].network,
		    addrString(net_TCPAddr_Addr(&addr)));
	}
	if (err == NULL) {
		if (c != NULL)
			net_Conn_Free(c);
		if (tc != NULL)
			net_TCPConn_Free(tc);
		tErrorf("%s succeeded, want error", op);
		tDone();
		return;
	}
	tDeferFree((void (*)(void *))runtime_error_Free, err);
	if (!perrCheck(parseDialError(err), op, 0)) {
		tDone();
		return;
	}
	aerr = (net_AddrError *)((net_OpError *)err)->Err;
	if (aerr->err.type != &net_AddrErrorType) {
		tErrorf("%s: %s is %s, want *AddrError", op,
		    runtime_error_Error(err), aerr->err.type->name);
		tDone();
		return;
	}
	if (dialAddrErrorTests[i].lit[0] != '\0')
		want = tStr(strdup(dialAddrErrorTests[i].lit));
	else
		want = tStr(net_IP_String(addr.IP));
	if (strcmp(aerr->Addr, want) != 0)
		tErrorf("%s: %s, error Addr=\"%s\", want \"%s\"", op,
		    runtime_error_Error(err), aerr->Addr, want);
	if (strcmp(runtime_error_Error(err), dialAddrErrorTests[i].err) != 0)
		tErrorf("%s: got %s; want %s (Go)", op,
		    runtime_error_Error(err), dialAddrErrorTests[i].err);
	tDone();
}
END_TEST

static const struct {
	const char *network, *address;
	const char *err; /* Go 1.19's err.Error() */
} listenErrorTests[] = {
	{ "foo", "", "listen foo: unknown network foo" },
	{ "bar", "baz", "listen bar: unknown network bar" },
	{ "datakit", "mh/astro/r70",
	    "listen datakit: unknown network datakit" },
	{ "tcp", "127.0.0.1:☺", "listen tcp: address tcp/☺: unknown port" },
	{ "tcp", "no-such-name:80", NULL },
	{ "tcp", "mh/astro/r70:http", NULL },

	{ "tcp", "127.0.0.1:-1", "listen tcp: address -1: invalid port" },
	{ "tcp", "127.0.0.1:123456789",
	    "listen tcp: address 123456789: invalid port" },

	{ "unix", "/path/to/somewhere",
	    "listen unix /path/to/somewhere: bind: no such file or directory" },
	{ "unixpacket", "/path/to/somewhere",
	    "listen unixpacket /path/to/somewhere: bind: no such file or "
	    "directory" },
};

START_TEST(TestListenError)
{
	net_Listener  *ln;
	runtime_error *err;
	int	       i;

	i = _i;
	failLookupText = "listen error test";
	origLookupIP = net_testHookLookupIP;
	net_testHookLookupIP = failLookup;
	net_listenFunc = listenOpNotSupported;
	ln = NULL;
	err = net_Listen(
	    listenErrorTests[i].network, listenErrorTests[i].address, &ln);
	net_listenFunc = syscall_Listen;
	net_testHookLookupIP = origLookupIP;
	if (err == NULL) {
		tErrorf("#%d: should fail; %s:%s->", i,
		    net_Addr_Network(net_Listener_Addr(ln)),
		    addrString(net_Listener_Addr(ln)));
		net_Listener_Free(ln);
		tDone();
		return;
	}
	tDeferFree((void (*)(void *))runtime_error_Free, err);
	if (strcmp(listenErrorTests[i].network, "tcp") == 0 &&
	    samePlatformError(err, EOPNOTSUPP)) {
		tErrorf("#%d: should fail without %s; %s:%s->", i,
		    syscall_Errno_Error(EOPNOTSUPP),
		    listenErrorTests[i].network, listenErrorTests[i].address);
		tDone();
		return;
	}
	if (ln != NULL)
		tErrorf("Listen returned non-nil interface %p with err != nil",
		    (void *)ln);
	perrCheck(parseDialError(err), NULL, i);
	if (listenErrorTests[i].err != NULL &&
	    strcmp(runtime_error_Error(err), listenErrorTests[i].err) != 0)
		tErrorf("#%d: got %s; want %s (Go)", i,
		    runtime_error_Error(err), listenErrorTests[i].err);
	tDone();
}
END_TEST

static const struct {
	const char *network, *address;
	const char *err; /* Go 1.19's err.Error() */
} listenPacketErrorTests[] = {
	{ "foo", "", "listen foo: unknown network foo" },
	{ "bar", "baz", "listen bar: unknown network bar" },
	{ "datakit", "mh/astro/r70",
	    "listen datakit: unknown network datakit" },
	{ "udp", "127.0.0.1:☺", "listen udp: address udp/☺: unknown port" },
	{ "udp", "no-such-name:80", NULL },
	{ "udp", "mh/astro/r70:http", NULL },

	{ "udp", "127.0.0.1:-1", "listen udp: address -1: invalid port" },
	{ "udp", "127.0.0.1:123456789",
	    "listen udp: address 123456789: invalid port" },
};

START_TEST(TestListenPacketError)
{
	net_PacketConn *c;
	runtime_error  *err;
	int		i;

	i = _i;
	failLookupText = "listen error test";
	origLookupIP = net_testHookLookupIP;
	net_testHookLookupIP = failLookup;
	c = NULL;
	err = net_ListenPacket(listenPacketErrorTests[i].network,
	    listenPacketErrorTests[i].address, &c);
	net_testHookLookupIP = origLookupIP;
	if (err == NULL) {
		tErrorf("#%d: should fail; %s:%s->", i,
		    net_Addr_Network(net_PacketConn_LocalAddr(c)),
		    addrString(net_PacketConn_LocalAddr(c)));
		net_PacketConn_Free(c);
		tDone();
		return;
	}
	if (c != NULL)
		tErrorf("ListenPacket returned non-nil interface %p with err "
			"!= nil",
		    (void *)c);
	perrCheck(parseDialError(err), NULL, i);
	if (listenPacketErrorTests[i].err != NULL &&
	    strcmp(runtime_error_Error(err), listenPacketErrorTests[i].err) !=
		0)
		tErrorf("#%d: got %s; want %s (Go)", i,
		    runtime_error_Error(err), listenPacketErrorTests[i].err);
	runtime_error_Free(err);
	tDone();
}
END_TEST

/* TestProtocolListenError: Go's rows, with the texts Go 1.19 prints. */
static const struct {
	const char *network;
	const char *err; /* Go 1.19's err.Error() */
} protocolListenErrorTests[] = {
	{ "tcp", "listen tcp :65536: bind: invalid argument" },
	{ "udp", "listen udp :65536: bind: invalid argument" },
	{ "ip:4294967296",
	    "listen ip:4294967296 : address 4294967296: unknown IP protocol "
	    "specified" },
	{ "unix", "listen unix //: bind: address already in use" },
	{ "unixpacket", "listen unixpacket //: bind: address already in use" },
	{ "unixgram", "listen unixgram //: bind: address already in use" },
};

START_TEST(TestProtocolListenError)
{
	const char	 *network;
	net_TCPAddr	  ta;
	net_UDPAddr	  ua;
	net_UnixAddr	  xa;
	net_TCPListener	 *tl;
	net_UDPConn	 *uc;
	net_UnixListener *xl;
	net_UnixConn	 *xc;
	net_IPConn	 *ic;
	runtime_error	 *err;

	network = protocolListenErrorTests[_i].network;
	memset(&ta, 0, sizeof(ta));
	memset(&ua, 0, sizeof(ua));
	memset(&xa, 0, sizeof(xa));
	tl = NULL;
	uc = NULL;
	xl = NULL;
	xc = NULL;
	ic = NULL;
	xa.Name = "//";
	if (strcmp(network, "tcp") == 0) {
		ta.Port = 1 << 16;
		err = net_ListenTCP(network, &ta, &tl);
	} else if (strcmp(network, "ip:4294967296") == 0) {
		err = net_ListenIP(network, NULL, &ic);
	} else if (strcmp(network, "udp") == 0) {
		ua.Port = 1 << 16;
		err = net_ListenUDP(network, &ua, &uc);
	} else if (strcmp(network, "unixgram") == 0)
		err = net_ListenUnixgram(network, &xa, &xc);
	else
		err = net_ListenUnix(network, &xa, &xl);
	if (err == NULL) {
		tErrorf("%s: should fail", network);
		if (ic != NULL)
			net_IPConn_Free(ic);
		if (tl != NULL)
			net_TCPListener_Free(tl);
		if (uc != NULL)
			net_UDPConn_Free(uc);
		if (xl != NULL)
			net_UnixListener_Free(xl);
		if (xc != NULL)
			net_UnixConn_Free(xc);
		tDone();
		return;
	}
	perrCheck(parseDialError(err), network, 0);
	if (strcmp(runtime_error_Error(err),
		protocolListenErrorTests[_i].err) != 0)
		tErrorf("%s: got %s; want %s (Go)", network,
		    runtime_error_Error(err), protocolListenErrorTests[_i].err);
	runtime_error_Free(err);
	tDone();
}
END_TEST

START_TEST(TestCloseError)
{
	net_Listener   *ln;
	net_Conn       *c;
	net_PacketConn *pc;
	runtime_error  *err;
	int		i;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	err = net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
	    addrString(net_Listener_Addr(ln)), &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c);

	for (i = 0; i < 3; i++) {
		err = net_TCPConn_CloseRead(net_Conn_TCPConn(c));
		perrCheck(parseCloseError(err, true), NULL, i);
		runtime_error_Free(err);
	}
	for (i = 0; i < 3; i++) {
		err = net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
		perrCheck(parseCloseError(err, true), NULL, i);
		runtime_error_Free(err);
	}
	for (i = 0; i < 3; i++) {
		err = net_Conn_Close(c);
		perrCheck(parseCloseError(err, false), NULL, i);
		runtime_error_Free(err);
		err = net_Listener_Close(ln);
		perrCheck(parseCloseError(err, false), NULL, i);
		runtime_error_Free(err);
	}

	err = net_ListenPacket("udp", "127.0.0.1:0", &pc);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferPacketConn(pc);

	for (i = 0; i < 3; i++) {
		err = net_PacketConn_Close(pc);
		perrCheck(parseCloseError(err, false), NULL, i);
		runtime_error_Free(err);
	}
	tDone();
}
END_TEST

static void
acceptErrorHandler(localServer *ls, net_Listener *ln, void *arg)
{
	net_Conn      *c;
	runtime_error *err;
	char	      *perr;

	(void)ls;
	(void)arg;
	for (;;) {
		runtime_error_Free(
		    net_TCPListener_SetDeadline(net_Listener_TCPListener(ln),
			time_Time_Add(time_Now(), 5 * time_Millisecond)));
		c = NULL;
		err = net_Listener_Accept(ln, &c);
		if ((perr = parseAcceptError(err)) != NULL) {
			tErrorf("%s", perr);
			free(perr);
		}
		if (err != NULL) {
			if (c != NULL)
				tErrorf("Accept returned non-nil interface %p "
					"with err != nil",
				    (void *)c);
			if (!net_Error_Timeout(err) &&
			    !net_Error_Temporary(err)) {
				runtime_error_Free(err);
				return;
			}
			runtime_error_Free(err);
			continue;
		}
		net_Conn_Free(c);
	}
}

START_TEST(TestAcceptError)
{
	localServer *ls;

	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	localServer_buildup(ls, acceptErrorHandler, NULL);

	time_Sleep(100 * time_Millisecond);
	localServer_teardown(ls);
	tDone();
}
END_TEST

START_TEST(TestContextError)
{
	if (!errors_Is(net_errCanceled, context_Canceled))
		tErrorf("errCanceled is not context.Canceled");
	if (!errors_Is(net_errTimeout, context_DeadlineExceeded))
		tErrorf("errTimeout is not context.DeadlineExceeded");
	tDone();
}
END_TEST

/* fileErrorCheck is TestFileError's check of one failed File* call. */
static void
fileErrorCheck(const char *fn, runtime_error *err, bool made)
{
	char *perr;

	if (err == NULL) {
		if (made)
			tErrorf("%s: should fail", fn);
		return;
	}
	if (made)
		tErrorf("%s returned non-nil interface with err != nil", fn);
	if ((perr = parseCommonError(err)) != NULL)
		tErrorf("%s", tStr(perr));
	runtime_error_Free(err);
}

static void
freeOSFile(void *f)
{
	runtime_error_Free(os_File_Close(f));
	os_File_Free(f);
}

/*
 * TestFileError: a regular file is no socket, so FileConn, FileListener
 * and FilePacketConn fail with a common error; File on a listener closed
 * in between fails the same way.  os.CreateTemp is mkstemp in a new
 * temporary directory, wrapped with os.NewFile.
 */
START_TEST(TestFileError)
{
	net_Conn       *c = NULL;
	net_Listener   *ln = NULL;
	net_PacketConn *pc = NULL;
	os_File	       *f;
	runtime_error  *err;
	char	       *name;
	int		fd, i;

	name = tStr(strdup(testUnixAddr()));
	*strrchr(name, '/') = '\0';
	name = tStr(runtime_concatstrings(name, "/XXXXXX", (char *)NULL));
	if ((fd = mkstemp(name)) < 0)
		tFatalf("mkstemp: %s", strerror(errno));
	deferRemove(name);
	f = os_NewFile((uintptr_t)fd, name);
	tDeferFree(freeOSFile, f);

	err = net_FileConn(f, &c);
	if (err == NULL) {
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	fileErrorCheck("FileConn", err, c != NULL);
	err = net_FileListener(f, &ln);
	if (err == NULL) {
		runtime_error_Free(net_Listener_Close(ln));
		net_Listener_Free(ln);
	}
	fileErrorCheck("FileListener", err, ln != NULL);
	err = net_FilePacketConn(f, &pc);
	if (err == NULL) {
		runtime_error_Free(net_PacketConn_Close(pc));
		net_PacketConn_Free(pc);
	}
	fileErrorCheck("FilePacketConn", err, pc != NULL);

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	for (i = 0; i < 3; i++) {
		err = net_TCPListener_File(net_Listener_TCPListener(ln), &f);
		if (err != NULL)
			fileErrorCheck("File", err, false);
		else
			freeOSFile(f);
		runtime_error_Free(net_Listener_Close(ln));
	}
	tDone();
}
END_TEST

Suite *
error_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("error");
	tc = newNetTCase("dial", 30);
	tcase_add_loop_test(tc, TestDialError, 0, nelem(dialErrorTests));
	tcase_add_loop_test(
	    tc, TestProtocolDialError, 0, nelem(protocolDialErrorTests));
	tcase_add_loop_test(
	    tc, TestDialAddrError, 0, nelem(dialAddrErrorTests));
	suite_add_tcase(s, tc);

	tc = newNetTCase("listen", 30);
	tcase_add_loop_test(tc, TestListenError, 0, nelem(listenErrorTests));
	tcase_add_loop_test(
	    tc, TestListenPacketError, 0, nelem(listenPacketErrorTests));
	tcase_add_loop_test(
	    tc, TestProtocolListenError, 0, nelem(protocolListenErrorTests));
	suite_add_tcase(s, tc);

	tc = newNetTCase("close and accept", 30);
	tcase_add_test(tc, TestCloseError);
	tcase_add_test(tc, TestAcceptError);
	suite_add_tcase(s, tc);

	tc = newNetTCase("file", 30);
	tcase_add_test(tc, TestFileError);
	suite_add_tcase(s, tc);
	tc = newNetTCase("context", 30);
	tcase_add_test(tc, TestContextError);
	suite_add_tcase(s, tc);
	return s;
}
