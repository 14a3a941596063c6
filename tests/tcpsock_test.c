/*
 * C port of go1.19 src/net/tcpsock_test.go: the address tests.  The
 * TCPConn and listener tests come with the socket layer.
 */
#include <stdlib.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * An expected address spells its IP as ParseIP text (NULL: the nil IP).
 * An expected error gives its type and Go's fields: UnknownNetworkError's
 * string in err, or AddrError's Err and Addr.
 */
typedef struct resolveTCPAddrTest {
	const char		*network;
	const char		*litAddrOrName;
	bool			 ok;
	const char		*ip;
	int			 port;
	const char		*zone;
	const runtime_errorType *errType;
	const char		*err;
	const char		*errAddr;
} resolveTCPAddrTest;

#define ADDR(ip, port, zone) true, (ip), (port), (zone), NULL, NULL, NULL
#define UNKNOWN(s)	     false, NULL, 0, NULL, &net_UnknownNetworkErrorType, (s), NULL
#define NOSUITABLE(a)                                                          \
	false, NULL, 0, NULL, &net_AddrErrorType, "no suitable address found", \
	    (a)

static const resolveTCPAddrTest resolveTCPAddrTests[] = {
	{ "tcp", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) },
	{ "tcp4", "127.0.0.1:65535", ADDR("127.0.0.1", 65535, NULL) },

	{ "tcp", "[::1]:0", ADDR("::1", 0, NULL) },
	{ "tcp6", "[::1]:65535", ADDR("::1", 65535, NULL) },

	{ "tcp", "[::1%en0]:1", ADDR("::1", 1, "en0") },
	{ "tcp6", "[::1%911]:2", ADDR("::1", 2, "911") },

	{ "", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) }, /* Go 1.0 behavior */
	{ "", "[::1]:0", ADDR("::1", 0, NULL) },	   /* Go 1.0 behavior */

	{ "tcp", ":12345", ADDR(NULL, 12345, NULL) },

	{ "http", "127.0.0.1:0", UNKNOWN("http") },

	{ "tcp", "127.0.0.1:http", ADDR("127.0.0.1", 80, NULL) },
	{ "tcp", "[::ffff:127.0.0.1]:http",
	    ADDR("::ffff:127.0.0.1", 80, NULL) },
	{ "tcp", "[2001:db8::1]:http", ADDR("2001:db8::1", 80, NULL) },
	{ "tcp4", "127.0.0.1:http", ADDR("127.0.0.1", 80, NULL) },
	{ "tcp4", "[::ffff:127.0.0.1]:http", ADDR("127.0.0.1", 80, NULL) },
	{ "tcp6", "[2001:db8::1]:http", ADDR("2001:db8::1", 80, NULL) },

	{ "tcp4", "[2001:db8::1]:http", NOSUITABLE("2001:db8::1") },
	{ "tcp6", "127.0.0.1:http", NOSUITABLE("127.0.0.1") },
	{ "tcp6", "[::ffff:127.0.0.1]:http", NOSUITABLE("::ffff:127.0.0.1") },
};

/* addrEqual is reflect.DeepEqual of a *TCPAddr and the row's address. */
static bool
addrEqual(const net_TCPAddr *a, const resolveTCPAddrTest *tt)
{
	net_IP ip = { 0 };

	if (a == NULL || !tt->ok)
		return a == NULL && !tt->ok;
	if (tt->ip != NULL)
		ip = net_ParseIP(tt->ip);
	return a->IP.len == ip.len && memcmp(a->IP.b, ip.b, ip.len) == 0 &&
	    a->Port == tt->port &&
	    strcmp(a->Zone != NULL ? a->Zone : "",
		tt->zone != NULL ? tt->zone : "") == 0;
}

static bool
errEqual(runtime_error *err, const resolveTCPAddrTest *tt)
{
	const net_AddrError *ae;

	if (err == NULL || tt->errType == NULL)
		return err == NULL && tt->errType == NULL;
	if (err->type != tt->errType)
		return false;
	if (err->type == &net_UnknownNetworkErrorType)
		return strcmp(((net_UnknownNetworkError *)err)->s, tt->err) ==
		    0;
	ae = (const net_AddrError *)err;
	return strcmp(ae->Err, tt->err) == 0 &&
	    strcmp(ae->Addr, tt->errAddr) == 0;
}

START_TEST(TestResolveTCPAddr)
{
	const resolveTCPAddrTest *tt = &resolveTCPAddrTests[_i];
	net_TCPAddr		 *addr, *addr2;
	runtime_error		 *err;
	char			 *s;

	err = net_ResolveTCPAddr(tt->network, tt->litAddrOrName, &addr);
	if (!addrEqual(addr, tt) || !errEqual(err, tt)) {
		s = net_TCPAddr_String(addr);
		ck_abort_msg("ResolveTCPAddr(\"%s\", \"%s\") = %s, %s, "
			     "want %s, %s",
		    tt->network, tt->litAddrOrName, s, runtime_error_Error(err),
		    tt->ip, tt->err);
	}
	runtime_error_Free(err);
	if (err != NULL)
		return;
	s = net_TCPAddr_String(addr);
	err = net_ResolveTCPAddr(net_TCPAddr_Network(addr), s, &addr2);
	if (!addrEqual(addr2, tt) || err != NULL)
		ck_abort_msg("(\"%s\", \"%s\"): ResolveTCPAddr(\"%s\", \"%s\") "
			     "= %p, %s, want %s, <nil>",
		    tt->network, tt->litAddrOrName, net_TCPAddr_Network(addr),
		    s, (void *)addr2, runtime_error_Error(err), tt->ip);
	free(s);
	free(addr2);
	free(addr);
}
END_TEST

/*
 * TestTCPListenerName, TestIPv6LinkLocalUnicastTCP, TestTCPConcurrentAccept,
 * TestTCPReadWriteAllocs, TestTCPStress, TestTCPBig and TestCopyPipeIntoTCP
 * need sockets: they come with the socket layer.
 */

/*
 * TCPAddr.AddrPort and TCPAddrFromAddrPort.  The expectations were printed
 * by Go 1.19 (a program building the same TCPAddr values); note that a
 * 16-byte IPv4 address becomes an IPv6 (mapped) netip.Addr, and that the
 * port is truncated to 16 bits.
 */
static const struct {
	const char *ip;	   /* ParseIP input; NULL for a nil *TCPAddr */
	int	    iplen; /* 4: use To4; 3: three raw bytes */
	int	    port;
	const char *zone;
	bool	    valid, is4, is6;
	const char *wantZone;
	int	    wantPort;
} tcpAddrPortTests[] = {
	{ NULL, 0, 0, NULL, false, false, false, "", 0 },
	{ "1.2.3.4", 16, 80, NULL, true, false, true, "", 80 },
	{ "1.2.3.4", 4, 443, NULL, true, true, false, "", 443 },
	{ "fe80::1", 16, 8080, "eth0", true, false, true, "eth0", 8080 },
	{ "1.2.3.4", 16, 80, "eth0", true, false, true, "eth0", 80 },
	{ "1.2.3.4", 3, 70000, NULL, false, false, false, "", 4464 },
};

START_TEST(testTCPAddrAddrPort)
{
	net_TCPAddr    a = { .Port = tcpAddrPortTests[_i].port };
	netip_AddrPort ap;
	netip_Addr     ip;

	if (tcpAddrPortTests[_i].ip != NULL) {
		a.IP = net_ParseIP(tcpAddrPortTests[_i].ip);
		if (tcpAddrPortTests[_i].iplen == 4)
			a.IP = net_IP_To4(a.IP);
		else if (tcpAddrPortTests[_i].iplen == 3)
			a.IP.len = 3;
		a.Zone = tcpAddrPortTests[_i].zone;
	}
	ap = net_TCPAddr_AddrPort(tcpAddrPortTests[_i].ip != NULL ? &a : NULL);
	ip = netip_AddrPort_Addr(ap);
	ck_assert_int_eq(netip_Addr_IsValid(ip), tcpAddrPortTests[_i].valid);
	ck_assert_int_eq(netip_Addr_Is4(ip), tcpAddrPortTests[_i].is4);
	ck_assert_int_eq(netip_Addr_Is6(ip), tcpAddrPortTests[_i].is6);
	ck_assert_str_eq(netip_Addr_Zone(ip), tcpAddrPortTests[_i].wantZone);
	ck_assert_int_eq(
	    netip_AddrPort_Port(ap), tcpAddrPortTests[_i].wantPort);
}
END_TEST

START_TEST(testTCPAddrFromAddrPort)
{
	static const uint8_t v4[4] = { 1, 2, 3, 4 };
	static const uint8_t v6[16] = { [15] = 1 };
	netip_AddrPort	     zero = { .port = 0 };
	struct {
		netip_AddrPort ap;
		const char    *want;
		int	       wantLen;
	} tests[3];
	net_TCPAddr *a;
	char	    *s;
	size_t	     i;

	tests[0].ap = zero;
	tests[0].want = ":0";
	tests[0].wantLen = 0;
	tests[1].ap = netip_AddrPortFrom(netip_AddrFrom4(v4), 80);
	tests[1].want = "1.2.3.4:80";
	tests[1].wantLen = 4;
	tests[2].ap = netip_AddrPortFrom(
	    netip_Addr_WithZone(netip_AddrFrom16(v6), "lo"), 53);
	tests[2].want = "[::1%lo]:53";
	tests[2].wantLen = 16;
	for (i = 0; i < nelem(tests); i++) {
		a = net_TCPAddrFromAddrPort(tests[i].ap);
		s = net_TCPAddr_String(a);
		ck_assert_msg(strcmp(s, tests[i].want) == 0 &&
			a->IP.len == tests[i].wantLen,
		    "TCPAddrFromAddrPort = %s (len %d), want %s (len %d)", s,
		    a->IP.len, tests[i].want, tests[i].wantLen);
		free(s);
		free(a);
	}
}
END_TEST

Suite *
tcpsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("tcpsock");
	tc = newTCase("TCPAddr");
	tcase_add_loop_test(
	    tc, TestResolveTCPAddr, 0, nelem(resolveTCPAddrTests));
	suite_add_tcase(s, tc);
	tc = newTCase("AddrPort");
	tcase_add_loop_test(
	    tc, testTCPAddrAddrPort, 0, nelem(tcpAddrPortTests));
	tcase_add_test(tc, testTCPAddrFromAddrPort);
	suite_add_tcase(s, tc);
	return s;
}
