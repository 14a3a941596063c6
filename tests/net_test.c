/*
 * C port of go1.19 src/net/net_test.go: TestErrors, plus a gonet table of
 * each error type's methods.  The connection tests (TestCloseRead through
 * TestNotTemporaryRead) need sockets: they come with the socket layer.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * Go checks at compile time that each error type implements net.Error; in
 * C that means the method table has Timeout and Temporary.
 */
START_TEST(TestErrors)
{
	runtime_error *errs[8];
	size_t	       i;

	errs[0] = net_newOpError("", "", NULL, NULL, NULL);
	errs[1] = net_newParseError("", "");
	errs[2] = net_newAddrError("", "");
	errs[3] = net_newUnknownNetworkError("");
	errs[4] = net_newInvalidAddrError("");
	errs[5] = net_errTimeout;
	errs[6] = net_newDNSConfigError(NULL);
	errs[7] = net_newDNSError("", "", "", false, false, false);
	for (i = 0; i < nelem(errs); i++) {
		if (errs[i]->type->Timeout == NULL ||
		    errs[i]->type->Temporary == NULL)
			ck_abort_msg(
			    "%s does not implement Error", errs[i]->type->name);
		runtime_error_Free(errs[i]);
	}

	/* ErrClosed is declared as an error, so Go checks it at run time. */
	if (net_ErrClosed->type->Timeout == NULL ||
	    net_ErrClosed->type->Temporary == NULL)
		ck_abort_msg("ErrClosed does not implement Error");
}
END_TEST

/*
 * errorMethodTests: Error(), Timeout() and Temporary() of one value of each
 * error type, in the cases that pick a different branch.  The expected
 * values are the output of tests/testdata/net_errors.go under Go 1.19,
 * which builds the same values in the same order.  Row 2 wraps Go's
 * os.ErrDeadlineExceeded there and net's errTimeout here: both print
 * "i/o timeout" and answer true, true.
 */
static const struct {
	const char *err;
	bool	    timeout;
	bool	    temporary;
} errorMethodTests[] = {
	{ "dial tcp 127.0.0.1:80: connection refused", false, false },
	{ "dial tcp 127.0.0.1:80->127.0.0.1:80: connect: connection refused",
	    false, false },
	{ "read udp [fe80::1%eth0]:53: i/o timeout", true, true },
	{ "read udp [fe80::1%eth0]:53: recvfrom: resource temporarily "
	  "unavailable",
	    true, true },
	{ "accept tcp 127.0.0.1:80: connection reset by peer", false, true },
	{ "accept tcp 127.0.0.1:80: software caused connection abort", false,
	    true },
	{ "accept tcp 127.0.0.1:80: accept4: connection reset by peer", false,
	    false },
	{ "read tcp 127.0.0.1:80: connection reset by peer", false, false },
	{ "accept unix /tmp/s: accept4: too many open files", false, true },
	{ "write: use of closed network connection", false, false },
	{ "listen tcp: boom", false, false },
	{ "dial ip:icmp ::1: unknown network x", false, false },
	{ "invalid IP address: 1.2.3", false, false },
	{ "address 1.2.3.4: missing port in address", false, false },
	{ "no suitable address found", false, false },
	{ "unknown network l2tp", false, false },
	{ "invalid address", false, false },
	{ "lookup x.test: no such host", false, false },
	{ "lookup x.test on 127.0.0.53:53: i/o timeout", true, true },
	{ "lookup x.test on 127.0.0.53:53: server misbehaving", false, true },
	{ "error reading DNS config: open /etc/resolv.conf: no such file",
	    false, false },
	{ "use of closed network connection", false, false },
};

/* errorMethodsValue builds row i's error, as net_errors.go does. */
static runtime_error *
errorMethodsValue(int i)
{
	net_TCPAddr  tcp = { { 0 }, { 0 }, 80, NULL };
	net_UDPAddr  udp = { { 0 }, { 0 }, 53, "eth0" };
	net_UnixAddr unix = { { 0 }, "/tmp/s", "unix" };
	net_IPAddr   ip = { { 0 }, { 0 }, NULL };
	net_Addr    *ta, *ua;

	tcp.IP = net_ParseIP("127.0.0.1");
	udp.IP = net_ParseIP("fe80::1");
	ip.IP = net_ParseIP("::1");
	ta = net_TCPAddr_Addr(&tcp);
	ua = net_UDPAddr_Addr(&udp);
	switch (i) {
	case 0:
		return net_newOpError(
		    "dial", "tcp", NULL, ta, syscall_Errno_Err(ECONNREFUSED));
	case 1:
		return net_newOpError("dial", "tcp", ta, ta,
		    os_NewSyscallError(
			"connect", syscall_Errno_Err(ECONNREFUSED)));
	case 2:
		return net_newOpError("read", "udp", ua, NULL, net_errTimeout);
	case 3:
		return net_newOpError("read", "udp", NULL, ua,
		    os_NewSyscallError("recvfrom", syscall_Errno_Err(EAGAIN)));
	case 4:
		return net_newOpError(
		    "accept", "tcp", NULL, ta, syscall_Errno_Err(ECONNRESET));
	case 5:
		return net_newOpError(
		    "accept", "tcp", NULL, ta, syscall_Errno_Err(ECONNABORTED));
	case 6:
		return net_newOpError("accept", "tcp", NULL, ta,
		    os_NewSyscallError(
			"accept4", syscall_Errno_Err(ECONNRESET)));
	case 7:
		return net_newOpError(
		    "read", "tcp", NULL, ta, syscall_Errno_Err(ECONNRESET));
	case 8:
		return net_newOpError("accept", "unix", NULL,
		    net_UnixAddr_Addr(&unix),
		    os_NewSyscallError("accept4", syscall_Errno_Err(EMFILE)));
	case 9:
		return net_newOpError("write", "", NULL, NULL, net_ErrClosed);
	case 10:
		return net_newOpError(
		    "listen", "tcp", NULL, NULL, errors_New("boom"));
	case 11:
		return net_newOpError("dial", "ip:icmp", NULL,
		    net_IPAddr_Addr(&ip), net_newUnknownNetworkError("x"));
	case 12:
		return net_newParseError("IP address", "1.2.3");
	case 13:
		return net_newAddrError("missing port in address", "1.2.3.4");
	case 14:
		return net_newAddrError("no suitable address found", "");
	case 15:
		return net_newUnknownNetworkError("l2tp");
	case 16:
		return net_newInvalidAddrError("invalid address");
	case 17:
		return net_newDNSError(
		    "no such host", "x.test", "", false, false, true);
	case 18:
		return net_newDNSError("i/o timeout", "x.test", "127.0.0.53:53",
		    true, false, false);
	case 19:
		return net_newDNSError("server misbehaving", "x.test",
		    "127.0.0.53:53", false, true, false);
	case 20:
		return net_newDNSConfigError(
		    errors_New("open /etc/resolv.conf: no such file"));
	default:
		return net_ErrClosed;
	}
}

START_TEST(testErrorMethods)
{
	runtime_error *err;
	const char    *s;
	bool	       timeout, temporary;

	err = errorMethodsValue(_i);
	s = net_Error_Error(err);
	timeout = net_Error_Timeout(err);
	temporary = net_Error_Temporary(err);
	if (strcmp(s, errorMethodTests[_i].err) != 0 ||
	    timeout != errorMethodTests[_i].timeout ||
	    temporary != errorMethodTests[_i].temporary)
		ck_abort_msg("#%d: got {%s, %d, %d}; want {%s, %d, %d}", _i, s,
		    timeout, temporary, errorMethodTests[_i].err,
		    errorMethodTests[_i].timeout,
		    errorMethodTests[_i].temporary);
	runtime_error_Free(err);
}
END_TEST

/*
 * The typed methods answer as the interface does; a nil *OpError, *AddrError
 * or *DNSError prints "<nil>" as in Go.
 */
START_TEST(testErrorTypedMethods)
{
	runtime_error *err;
	net_OpError   *oe;

	err = errorMethodsValue(4);
	oe = (net_OpError *)errors_As(err, &net_OpErrorType);
	ck_assert_ptr_nonnull(oe);
	ck_assert_str_eq(net_OpError_Error(oe), errorMethodTests[4].err);
	ck_assert(!net_OpError_Timeout(oe));
	ck_assert(net_OpError_Temporary(oe));
	ck_assert_ptr_eq(net_OpError_Unwrap(oe), syscall_Errno_Err(ECONNRESET));
	ck_assert(errors_Is(err, syscall_Errno_Err(ECONNRESET)));
	runtime_error_Free(err);

	ck_assert_str_eq(net_OpError_Error(NULL), "<nil>");
	ck_assert_str_eq(net_AddrError_Error(NULL), "<nil>");
	ck_assert_str_eq(net_DNSError_Error(NULL), "<nil>");

	err = errorMethodsValue(20);
	ck_assert_str_eq(runtime_error_Error(net_DNSConfigError_Unwrap(
			     (net_DNSConfigError *)err)),
	    "open /etc/resolv.conf: no such file");
	runtime_error_Free(err);
}
END_TEST

Suite *
net_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("net");
	tc = newTCase("errors");
	tcase_add_test(tc, TestErrors);
	tcase_add_loop_test(tc, testErrorMethods, 0, nelem(errorMethodTests));
	tcase_add_test(tc, testErrorTypedMethods);
	suite_add_tcase(s, tc);
	return s;
}
