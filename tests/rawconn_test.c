/*
 * C port of go1.19 src/net/rawconn_test.go, with rawconn_unix_test.go's
 * helpers (readRawConn, writeRawConn, controlRawConn) as static functions,
 * and gonet's own check of SyscallConn on the other connection types.
 * Go's t.Run subtests are the iterations of a loop test, in Go's order.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/* mustOK is "if err != nil { t.Fatal(err) }", naming the call. */
static void
mustOK(runtime_error *err, const char *what)
{
	if (err != NULL)
		tFatalf("%s: %s", what, tErrStr(err));
}

/* The closures' captured variables. */
typedef struct rawIO {
	void	     *b;
	size_t	      len;
	ptrdiff_t     n;
	syscall_Errno operr;
} rawIO;

static bool
readRawConnFn(uintptr_t s, void *arg)
{
	rawIO *io = arg;

	io->operr = syscall_Read((int)s, io->b, io->len, &io->n);
	return io->operr != EAGAIN;
}

static runtime_error *
readRawConn(syscall_RawConn *c, void *b, size_t len, ptrdiff_t *n)
{
	rawIO	       io = { b, len, 0, 0 };
	runtime_error *err;

	err = syscall_RawConn_Read(c, readRawConnFn, &io);
	*n = io.n;
	if (err != NULL)
		return err;
	return io.operr != 0 ? syscall_Errno_Err(io.operr) : NULL;
}

static bool
writeRawConnFn(uintptr_t s, void *arg)
{
	rawIO *io = arg;

	io->operr = syscall_Write((int)s, io->b, io->len, &io->n);
	return io->operr != EAGAIN;
}

static runtime_error *
writeRawConn(syscall_RawConn *c, const void *b, size_t len)
{
	rawIO	       io = { (void *)b, len, 0, 0 };
	runtime_error *err;

	err = syscall_RawConn_Write(c, writeRawConnFn, &io);
	if (err != NULL)
		return err;
	return io.operr != 0 ? syscall_Errno_Err(io.operr) : NULL;
}

typedef struct controlArgs {
	const net_Addr *addr;
	syscall_Errno	operr;
} controlArgs;

/*
 * controlFn reads one socket option and sets one IP-level option that fits
 * the family the bound address reveals (see Go's comment on dual-stack
 * sockets: a mapped or unspecified address leaves the family open).
 */
static void
controlFn(uintptr_t s, void *arg)
{
	controlArgs	  *a = arg;
	const net_TCPAddr *ta;
	int		   v;

	a->operr = syscall_GetsockoptInt((int)s, SOL_SOCKET, SO_REUSEADDR, &v);
	if (a->operr != 0)
		return;
	if (a->addr == NULL || a->addr->type != &net_TCPAddrType)
		return;
	ta = (const net_TCPAddr *)a->addr;
	if (net_IP_To16(ta->IP).len != 0 && net_IP_To4(ta->IP).len == 0)
		a->operr = syscall_SetsockoptInt(
		    (int)s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 1);
	else if (net_IP_To16(ta->IP).len == 0 && net_IP_To4(ta->IP).len != 0)
		a->operr = syscall_SetsockoptInt((int)s, IPPROTO_IP, IP_TTL, 1);
}

static runtime_error *
controlRawConn(syscall_RawConn *c, const net_Addr *addr)
{
	controlArgs    a = { addr, 0 };
	runtime_error *err;

	if ((err = syscall_RawConn_Control(c, controlFn, &a)) != NULL)
		return err;
	return a.operr != 0 ? syscall_Errno_Err(a.operr) : NULL;
}

/* op is the test's func(uintptr) bool that records being called. */
static bool
op(uintptr_t s, void *arg)
{
	(void)s;
	*(bool *)arg = true;
	return true;
}

/* The TCP subtest's server: a listener's RawConn must refuse Read/Write. */
static void
rawConnReadWriteHandler(localServer *ls, net_Listener *ln, void *arg)
{
	syscall_RawConn *cc;
	net_Conn	*c;
	runtime_error	*err;
	char		 b[32];
	bool		 called;
	ptrdiff_t	 n;

	(void)ls;
	(void)arg;
	if ((err = net_Listener_Accept(ln, &c)) != NULL) {
		tErrorf("%s", tErrStr(err));
		return;
	}
	err = net_TCPListener_SyscallConn(net_Listener_TCPListener(ln), &cc);
	if (err != NULL) {
		tErrorf("%s", tErrStr(err));
		goto out;
	}
	called = false;
	if ((err = syscall_RawConn_Write(cc, op, &called)) == NULL)
		tErrorf("Write should return an error");
	runtime_error_Free(err);
	if (called)
		tErrorf("Write shouldn't call op");
	called = false;
	if ((err = syscall_RawConn_Read(cc, op, &called)) == NULL)
		tErrorf("Read should return an error");
	runtime_error_Free(err);
	if (called)
		tErrorf("Read shouldn't call op");
	free(cc);

	if ((err = net_Conn_Read(c, b, sizeof(b), &n)) != NULL) {
		tErrorf("%s", tErrStr(err));
		goto out;
	}
	if ((err = net_Conn_Write(c, b, (size_t)n, &n)) != NULL)
		tErrorf("%s", tErrStr(err));
out:
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

static void
rawConnReadWriteTCP(void)
{
	static const char data[] = "HELLO-R-U-THERE";
	syscall_RawConn	 *cc;
	localServer	 *ls;
	net_Conn	 *c;
	const net_Addr	 *a;
	char		  b[32];
	ptrdiff_t	  n;

	ls = newLocalServer("tcp");
	deferLocalServer(ls);
	mustOK(
	    localServer_buildup(ls, rawConnReadWriteHandler, NULL), "buildup");
	a = net_Listener_Addr(ls->Listener);
	mustOK(net_Dial(net_Addr_Network(a), addrString(a), &c), "Dial");
	deferConn(c);

	mustOK(
	    net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &cc), "SyscallConn");
	tDeferFree(free, cc);
	mustOK(writeRawConn(cc, data, sizeof(data) - 1), "writeRawConn");
	mustOK(readRawConn(cc, b, sizeof(b), &n), "readRawConn");
	if (n != (int)sizeof(data) - 1 || memcmp(b, data, (size_t)n) != 0)
		tFatalf("got \"%.*s\"; want \"%s\"", (int)n, b, data);
}

/* checkTimeout is the parse*Error and isDeadlineExceeded checks. */
static void
checkTimeout(runtime_error *err, bool write)
{
	char *perr;

	if (err == NULL)
		tFatalf("%s should fail", write ? "Write" : "Read");
	perr = write ? parseWriteError(err) : parseReadError(err);
	if (perr != NULL) {
		tErrorf("%s", perr);
		free(perr);
	}
	if (!isDeadlineExceeded(err))
		tErrorf("got %s; want timeout", runtime_error_Error(err));
	runtime_error_Free(err);
}

static void
rawConnReadWriteDeadline(void)
{
	syscall_RawConn *cc;
	net_Listener	*ln;
	net_Conn	*c;
	time_Time	 past;
	char		 b[1] = { 0 };
	ptrdiff_t	 n;

	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	mustOK(net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
		   addrString(net_Listener_Addr(ln)), &c),
	    "Dial");
	deferConn(c);
	mustOK(
	    net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &cc), "SyscallConn");
	tDeferFree(free, cc);

	runtime_error_Free(net_Conn_SetDeadline(c, noDeadline));
	past = time_Time_Add(time_Now(), -1);
	mustOK(net_Conn_SetDeadline(c, past), "SetDeadline");
	checkTimeout(writeRawConn(cc, b, sizeof(b)), true);
	checkTimeout(readRawConn(cc, b, sizeof(b), &n), false);

	runtime_error_Free(net_Conn_SetReadDeadline(c, noDeadline));
	past = time_Time_Add(time_Now(), -1);
	mustOK(net_Conn_SetReadDeadline(c, past), "SetReadDeadline");
	checkTimeout(readRawConn(cc, b, sizeof(b), &n), false);

	runtime_error_Free(net_Conn_SetWriteDeadline(c, noDeadline));
	past = time_Time_Add(time_Now(), -1);
	mustOK(net_Conn_SetWriteDeadline(c, past), "SetWriteDeadline");
	checkTimeout(writeRawConn(cc, b, sizeof(b)), true);
}

static const struct {
	const char *name;
	void (*run)(void);
} rawConnReadWriteSubtests[] = {
	{ "TCP", rawConnReadWriteTCP },
	{ "Deadline", rawConnReadWriteDeadline },
};

START_TEST(TestRawConnReadWrite)
{
	tLogf("TestRawConnReadWrite/%s", rawConnReadWriteSubtests[_i].name);
	rawConnReadWriteSubtests[_i].run();
	tDone();
}
END_TEST

START_TEST(TestRawConnControl)
{
	syscall_RawConn *cc1, *cc2;
	net_Listener	*ln;
	net_Conn	*c;
	runtime_error	*err;

	/* t.Run("TCP", ...) */
	ln = newLocalListener("tcp", NULL);
	deferListener(ln);
	mustOK(net_TCPListener_SyscallConn(net_Listener_TCPListener(ln), &cc1),
	    "SyscallConn");
	tDeferFree(free, cc1);
	mustOK(controlRawConn(cc1, net_Listener_Addr(ln)), "controlRawConn");

	mustOK(net_Dial(net_Addr_Network(net_Listener_Addr(ln)),
		   addrString(net_Listener_Addr(ln)), &c),
	    "Dial");
	deferConn(c);
	mustOK(
	    net_TCPConn_SyscallConn(net_Conn_TCPConn(c), &cc2), "SyscallConn");
	tDeferFree(free, cc2);
	mustOK(controlRawConn(cc2, net_Conn_LocalAddr(c)), "controlRawConn");

	runtime_error_Free(net_Listener_Close(ln));
	if ((err = controlRawConn(cc1, net_Listener_Addr(ln))) == NULL)
		tFatalf("Control after Close should fail");
	runtime_error_Free(err);
	runtime_error_Free(net_Conn_Close(c));
	if ((err = controlRawConn(cc2, net_Conn_LocalAddr(c))) == NULL)
		tFatalf("Control after Close should fail");
	runtime_error_Free(err);
	tDone();
}
END_TEST

/* controlOK is a Control callback that only notes it ran. */
static void
controlOK(uintptr_t s, void *arg)
{
	*(bool *)arg = s != (uintptr_t)-1;
}

/*
 * checkSyscallConn runs Control on rc before and after closeFn(arg) and
 * frees rc: Control must work on an open conn and fail with Go's
 * "raw-control" OpError wrapping ErrClosed once it is closed.
 */
static void
checkSyscallConn(const char *what, syscall_RawConn *rc,
    runtime_error *(*closeFn)(void *), void	   *arg)
{
	runtime_error *err;
	net_OpError   *oe;
	bool	       ran = false;

	tDeferFree(free, rc);
	if ((err = syscall_RawConn_Control(rc, controlOK, &ran)) != NULL)
		tFatalf("%s: Control: %s", what, tErrStr(err));
	if (!ran)
		tErrorf("%s: Control did not run f", what);
	runtime_error_Free(closeFn(arg));
	ran = false;
	err = syscall_RawConn_Control(rc, controlOK, &ran);
	if (err == NULL || ran) {
		tErrorf("%s: Control after Close = %s, ran %d; want an error",
		    what, err != NULL ? runtime_error_Error(err) : "<nil>",
		    ran);
	} else if ((oe = (net_OpError *)errors_As(err, &net_OpErrorType)) ==
		NULL ||
	    strcmp(oe->Op, "raw-control") != 0 ||
	    !errors_Is(err, net_ErrClosed))
		tErrorf("%s: Control after Close = %s; want raw-control "
			"OpError wrapping ErrClosed",
		    what, runtime_error_Error(err));
	runtime_error_Free(err);
}

static runtime_error *
closeConn(void *c)
{
	return net_Conn_Close(c);
}

static runtime_error *
closeListener(void *l)
{
	return net_Listener_Close(l);
}

/*
 * testSyscallConn (gonet only): SyscallConn of UDPConn, UnixConn,
 * UnixListener and IPConn, with Go's EINVAL for a nil receiver and for
 * a listener's Read and Write, and a datagram round trip through
 * RawConn Read and Write.
 */
START_TEST(testSyscallConn)
{
	static const char data[] = "RAWCONN";
	syscall_RawConn	 *rc;
	net_UDPConn	 *uc;
	net_UnixConn	 *xc;
	net_UnixListener *xl;
	net_UnixAddr	 *xa;
	net_IPConn	 *ic;
	net_IPAddr	  la = { .Zone = NULL };
	runtime_error	 *err;
	char		  b[16], *path;
	bool		  called = false;
	int		  s;
	ptrdiff_t	  n;

	if (net_UDPConn_SyscallConn(NULL, &rc) != syscall_Errno_Err(EINVAL) ||
	    rc != NULL)
		tErrorf("UDPConn(nil).SyscallConn: want EINVAL");
	if (net_UnixListener_SyscallConn(NULL, &rc) !=
	    syscall_Errno_Err(EINVAL))
		tErrorf("UnixListener(nil).SyscallConn: want EINVAL");

	uc = net_PacketConn_UDPConn(newLocalPacketListener("udp4", NULL));
	deferConn(net_UDPConn_Conn(uc));
	mustOK(net_UDPConn_SyscallConn(uc, &rc), "UDPConn.SyscallConn");
	tDeferFree(free, rc);
	mustOK(net_UDPConn_WriteTo(
		   uc, data, sizeof(data) - 1, net_UDPConn_LocalAddr(uc), &n),
	    "WriteTo");
	mustOK(readRawConn(rc, b, sizeof(b), &n), "readRawConn");
	if (n != (int)sizeof(data) - 1 || memcmp(b, data, (size_t)n) != 0)
		tErrorf(
		    "readRawConn got \"%.*s\"; want \"%s\"", (int)n, b, data);
	mustOK(net_UDPConn_SyscallConn(uc, &rc), "UDPConn.SyscallConn");
	checkSyscallConn("UDPConn", rc, closeConn, net_UDPConn_Conn(uc));

	path = testUnixAddr();
	mustOK(net_ResolveUnixAddr("unix", path, &xa), "ResolveUnixAddr");
	tDeferFree(free, xa);
	mustOK(net_ListenUnix("unix", xa, &xl), "ListenUnix");
	deferListener(net_UnixListener_Listener(xl));
	mustOK(net_DialUnix("unix", NULL, xa, &xc), "DialUnix");
	deferConn(net_UnixConn_Conn(xc));
	mustOK(net_UnixListener_SyscallConn(xl, &rc), "SyscallConn");
	err = syscall_RawConn_Read(rc, op, &called);
	if (err != syscall_Errno_Err(EINVAL) || called)
		tErrorf("UnixListener RawConn.Read = %s; want bare EINVAL",
		    err != NULL ? runtime_error_Error(err) : "<nil>");
	runtime_error_Free(err);
	checkSyscallConn(
	    "UnixListener", rc, closeListener, net_UnixListener_Listener(xl));
	mustOK(net_UnixConn_SyscallConn(xc, &rc), "SyscallConn");
	checkSyscallConn("UnixConn", rc, closeConn, net_UnixConn_Conn(xc));

	s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (s < 0) {
		tLogf("skipping IPConn: socket(AF_INET, SOCK_RAW): %s",
		    strerror(errno));
		tDone();
		return;
	}
	close(s);
	la.IP = net_IPv4(127, 0, 0, 1);
	mustOK(net_ListenIP("ip4:icmp", &la, &ic), "ListenIP");
	deferConn(net_IPConn_Conn(ic));
	mustOK(net_IPConn_SyscallConn(ic, &rc), "IPConn.SyscallConn");
	checkSyscallConn("IPConn", rc, closeConn, net_IPConn_Conn(ic));
	tDone();
}
END_TEST

Suite *
rawconn_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("rawconn");
	tc = newNetTCase("RawConn", 30);
	tcase_add_loop_test(
	    tc, TestRawConnReadWrite, 0, nelem(rawConnReadWriteSubtests));
	tcase_add_test(tc, TestRawConnControl);
	tcase_add_test(tc, testSyscallConn);
	suite_add_tcase(s, tc);
	return s;
}
