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
	const char	*network;
	const char	*litAddrOrName;
	bool		 ok;
	const char	*ip;
	int		 port;
	const char	*zone;
	const runtime_errorType	*errType;
	const char	*err;
	const char	*errAddr;
} resolveTCPAddrTest;

#define ADDR(ip, port, zone)	true, (ip), (port), (zone), NULL, NULL, NULL
#define UNKNOWN(s)	false, NULL, 0, NULL, \
	&net_UnknownNetworkErrorType, (s), NULL
#define NOSUITABLE(a)	false, NULL, 0, NULL, &net_AddrErrorType, \
	"no suitable address found", (a)

static const resolveTCPAddrTest resolveTCPAddrTests[] = {
	{ "tcp", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) },
	{ "tcp4", "127.0.0.1:65535", ADDR("127.0.0.1", 65535, NULL) },

	{ "tcp", "[::1]:0", ADDR("::1", 0, NULL) },
	{ "tcp6", "[::1]:65535", ADDR("::1", 65535, NULL) },

	{ "tcp", "[::1%en0]:1", ADDR("::1", 1, "en0") },
	{ "tcp6", "[::1%911]:2", ADDR("::1", 2, "911") },

	{ "", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) },	/* Go 1.0 behavior */
	{ "", "[::1]:0", ADDR("::1", 0, NULL) },		/* Go 1.0 behavior */

	{ "tcp", ":12345", ADDR(NULL, 12345, NULL) },

	{ "http", "127.0.0.1:0", UNKNOWN("http") },

	{ "tcp", "127.0.0.1:http", ADDR("127.0.0.1", 80, NULL) },
	{ "tcp", "[::ffff:127.0.0.1]:http", ADDR("::ffff:127.0.0.1", 80, NULL) },
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
	    a->Port == tt->port && strcmp(a->Zone != NULL ? a->Zone : "",
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
		return strcmp(((net_UnknownNetworkError *)err)->s,
		    tt->err) == 0;
	ae = (const net_AddrError *)err;
	return strcmp(ae->Err, tt->err) == 0 &&
	    strcmp(ae->Addr, tt->errAddr) == 0;
}

START_TEST(TestResolveTCPAddr)
{
	const resolveTCPAddrTest *tt = &resolveTCPAddrTests[_i];
	net_TCPAddr *addr, *addr2;
	runtime_error *err;
	char *s;

	err = net_ResolveTCPAddr(tt->network, tt->litAddrOrName, &addr);
	if (!addrEqual(addr, tt) || !errEqual(err, tt)) {
		s = net_TCPAddr_String(addr);
		ck_abort_msg("ResolveTCPAddr(\"%s\", \"%s\") = %s, %s, "
		    "want %s, %s", tt->network, tt->litAddrOrName, s,
		    runtime_error_Error(err), tt->ip, tt->err);
	}
	runtime_error_Free(err);
	if (err != NULL)
		return;
	s = net_TCPAddr_String(addr);
	err = net_ResolveTCPAddr(net_TCPAddr_Network(addr), s, &addr2);
	if (!addrEqual(addr2, tt) || err != NULL)
		ck_abort_msg("(\"%s\", \"%s\"): ResolveTCPAddr(\"%s\", \"%s\") "
		    "= %p, %s, want %s, <nil>", tt->network, tt->litAddrOrName,
		    net_TCPAddr_Network(addr), s, (void *)addr2,
		    runtime_error_Error(err), tt->ip);
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

Suite *
tcpsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("tcpsock");
	tc = newTCase("TCPAddr");
	tcase_add_loop_test(tc, TestResolveTCPAddr, 0,
	    nelem(resolveTCPAddrTests));
	suite_add_tcase(s, tc);
	return s;
}
