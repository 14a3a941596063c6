/*
 * C port of go1.19 src/net/unixsock_linux_test.go: autobind and abstract
 * names, which only Linux has.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
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

START_TEST(TestUnixgramAutobind)
{
	net_UnixAddr	    laddr = { .Name = "", .Net = "unixgram" };
	net_UnixConn	   *c1, *c2;
	const net_UnixAddr *autoAddr, *ra;

	mustOK(net_ListenUnixgram("unixgram", &laddr, &c1), "ListenUnixgram");
	deferConn(net_UnixConn_Conn(c1));

	/* Retrieve the autobind address. */
	autoAddr = (const net_UnixAddr *)net_UnixConn_LocalAddr(c1);
	if (autoAddr == NULL || autoAddr->addr.type != &net_UnixAddrType ||
	    autoAddr->Name == NULL || strlen(autoAddr->Name) <= 1)
		tFatalf("invalid autobind address: %s",
		    addrString(net_UnixConn_LocalAddr(c1)));
	if (autoAddr->Name[0] != '@')
		tFatalf("invalid autobind address: %s",
		    addrString(&autoAddr->addr));

	mustOK(net_DialUnix("unixgram", NULL, autoAddr, &c2), "DialUnix");
	deferConn(net_UnixConn_Conn(c2));

	ra = (const net_UnixAddr *)net_UnixConn_RemoteAddr(c2);
	if (ra == NULL || ra->addr.type != &net_UnixAddrType ||
	    strcmp(ra->Name, autoAddr->Name) != 0 ||
	    strcmp(ra->Net, autoAddr->Net) != 0)
		tFatalf("expected autobind address %s, got %s",
		    addrString(&autoAddr->addr),
		    addrString(net_UnixConn_RemoteAddr(c2)));
	tDone();
}
END_TEST

START_TEST(TestUnixAutobindClose)
{
	net_UnixAddr	  laddr = { .Name = "", .Net = "unix" };
	net_UnixListener *ln;

	mustOK(net_ListenUnix("unix", &laddr, &ln), "ListenUnix");
	runtime_error_Free(net_UnixListener_Close(ln));
	net_UnixListener_Free(ln);
	tDone();
}
END_TEST

struct abstractSend {
	char   addr[sizeof(((struct sockaddr_un *)0)->sun_path) + 1];
	size_t len;
};

/*
 * sendtoAbstract is the goroutine: Go's SockaddrUnix{Name: addr} with a
 * leading '@' is the abstract name with a NUL first byte.
 */
static void *
sendtoAbstract(void *arg)
{
	static const char    data[5] = { 1, 2, 3, 4, 5 };
	struct abstractSend *as = arg;
	struct sockaddr_un   sa = { .sun_family = AF_UNIX };
	int		     s;

	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (s < 0) {
		tErrorf("socket: %s", strerror(errno));
		return NULL;
	}
	memcpy(sa.sun_path, as->addr, as->len);
	sa.sun_path[0] = '\0';
	if (sendto(s, data, sizeof(data), 0, (struct sockaddr *)&sa,
		offsetof(struct sockaddr_un, sun_path) + as->len) < 0)
		tErrorf("sendto: %s", strerror(errno));
	close(s);
	return NULL;
}

/*
 * TestUnixgramLinuxAbstractLongName: an abstract name exactly as long as
 * RawSockaddrUnix.Path (108 bytes), which leaves no room for a NUL.  Go
 * pads "@abstract_test" with NULs to that length; a C string cannot hold
 * NULs, so gonet's name pads it with 'x' instead, which keeps the point
 * of the test: the longest name the kernel takes, unterminated.
 */
START_TEST(TestUnixgramLinuxAbstractLongName)
{
	static const char   data[5] = { 1, 2, 3, 4, 5 };
	struct abstractSend as = { .len = sizeof(as.addr) - 1 };
	net_UnixAddr	   *la;
	net_UnixConn	   *c;
	net_Addr	   *from = NULL;
	char		    b[64];
	ptrdiff_t	    n = 0;

	if (!testableNetwork("unixgram")) {
		tSkipf("abstract unix socket long name test");
		return;
	}
	memset(as.addr, 'x', as.len);
	as.addr[as.len] = '\0';
	memcpy(as.addr, "@abstract_test", 14);

	mustOK(
	    net_ResolveUnixAddr("unixgram", as.addr, &la), "ResolveUnixAddr");
	tDeferFree(free, la);
	mustOK(net_ListenUnixgram("unixgram", la, &c), "ListenUnixgram");
	deferConn(net_UnixConn_Conn(c));

	goJoin(goStart(sendtoAbstract, &as));
	net_UnixConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), 100 * time_Millisecond));
	mustOK(net_UnixConn_ReadFrom(c, b, sizeof(b), &n, &from), "ReadFrom");
	if (from != NULL) {
		tStr((char *)from);
		tFatalf("unexpected peer address: %s", addrString(from));
	}
	if (n != (int)sizeof(data) || memcmp(b, data, sizeof(data)) != 0)
		tFatalf("got %td bytes; want [1 2 3 4 5]", n);
	tDone();
}
END_TEST

Suite *
unixsock_linux_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("unixsock_linux");
	tc = newNetTCase("Autobind", 30);
	tcase_add_test(tc, TestUnixgramAutobind);
	tcase_add_test(tc, TestUnixAutobindClose);
	tcase_add_test(tc, TestUnixgramLinuxAbstractLongName);
	suite_add_tcase(s, tc);
	return s;
}
