/*
 * C port of go1.19 src/net/udpsock_test.go: the address tests.  The
 * UDPConn tests come with the socket layer.
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
typedef struct resolveUDPAddrTest {
	const char		*network;
	const char		*litAddrOrName;
	bool			 ok;
	const char		*ip;
	int			 port;
	const char		*zone;
	const runtime_errorType *errType;
	const char		*err;
	const char		*errAddr;
} resolveUDPAddrTest;

#define ADDR(ip, port, zone) true, (ip), (port), (zone), NULL, NULL, NULL
#define UNKNOWN(s)	     false, NULL, 0, NULL, &net_UnknownNetworkErrorType, (s), NULL
#define NOSUITABLE(a)                                                          \
	false, NULL, 0, NULL, &net_AddrErrorType, "no suitable address found", \
	    (a)

static const resolveUDPAddrTest resolveUDPAddrTests[] = {
	{ "udp", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) },
	{ "udp4", "127.0.0.1:65535", ADDR("127.0.0.1", 65535, NULL) },

	{ "udp", "[::1]:0", ADDR("::1", 0, NULL) },
	{ "udp6", "[::1]:65535", ADDR("::1", 65535, NULL) },

	{ "udp", "[::1%en0]:1", ADDR("::1", 1, "en0") },
	{ "udp6", "[::1%911]:2", ADDR("::1", 2, "911") },

	{ "", "127.0.0.1:0", ADDR("127.0.0.1", 0, NULL) }, /* Go 1.0 behavior */
	{ "", "[::1]:0", ADDR("::1", 0, NULL) },	   /* Go 1.0 behavior */

	{ "udp", ":12345", ADDR(NULL, 12345, NULL) },

	{ "http", "127.0.0.1:0", UNKNOWN("http") },

	{ "udp", "127.0.0.1:domain", ADDR("127.0.0.1", 53, NULL) },
	{ "udp", "[::ffff:127.0.0.1]:domain",
	    ADDR("::ffff:127.0.0.1", 53, NULL) },
	{ "udp", "[2001:db8::1]:domain", ADDR("2001:db8::1", 53, NULL) },
	{ "udp4", "127.0.0.1:domain", ADDR("127.0.0.1", 53, NULL) },
	{ "udp4", "[::ffff:127.0.0.1]:domain", ADDR("127.0.0.1", 53, NULL) },
	{ "udp6", "[2001:db8::1]:domain", ADDR("2001:db8::1", 53, NULL) },

	{ "udp4", "[2001:db8::1]:domain", NOSUITABLE("2001:db8::1") },
	{ "udp6", "127.0.0.1:domain", NOSUITABLE("127.0.0.1") },
	{ "udp6", "[::ffff:127.0.0.1]:domain", NOSUITABLE("::ffff:127.0.0.1") },
};

/* addrEqual is reflect.DeepEqual of a *UDPAddr and the row's address. */
static bool
addrEqual(const net_UDPAddr *a, const resolveUDPAddrTest *tt)
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
errEqual(runtime_error *err, const resolveUDPAddrTest *tt)
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

START_TEST(TestResolveUDPAddr)
{
	const resolveUDPAddrTest *tt = &resolveUDPAddrTests[_i];
	net_UDPAddr		 *addr, *addr2;
	runtime_error		 *err;
	char			 *s;

	err = net_ResolveUDPAddr(tt->network, tt->litAddrOrName, &addr);
	if (!addrEqual(addr, tt) || !errEqual(err, tt)) {
		s = net_UDPAddr_String(addr);
		ck_abort_msg("ResolveUDPAddr(\"%s\", \"%s\") = %s, %s, "
			     "want %s, %s",
		    tt->network, tt->litAddrOrName, s, runtime_error_Error(err),
		    tt->ip, tt->err);
	}
	runtime_error_Free(err);
	if (err != NULL)
		return;
	s = net_UDPAddr_String(addr);
	err = net_ResolveUDPAddr(net_UDPAddr_Network(addr), s, &addr2);
	if (!addrEqual(addr2, tt) || err != NULL)
		ck_abort_msg("(\"%s\", \"%s\"): ResolveUDPAddr(\"%s\", \"%s\") "
			     "= %p, %s, want %s, <nil>",
		    tt->network, tt->litAddrOrName, net_UDPAddr_Network(addr),
		    s, (void *)addr2, runtime_error_Error(err), tt->ip);
	free(s);
	free(addr2);
	free(addr);
}
END_TEST

/*
 * TestWriteToUDP, TestUDPConnLocalName, TestUDPConnLocalAndRemoteNames,
 * TestIPv6LinkLocalUnicastUDP, TestUDPZeroBytePayload,
 * TestUDPZeroByteBuffer, TestUDPReadSizeError, TestUDPReadTimeout,
 * TestAllocs, TestUDPIPVersionReadMsg and
 * TestIPv6WriteMsgUDPAddrPortTargetAddrIPVersion need sockets: they come
 * with the socket layer.
 */

Suite *
udpsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("udpsock");
	tc = newTCase("UDPAddr");
	tcase_add_loop_test(
	    tc, TestResolveUDPAddr, 0, nelem(resolveUDPAddrTests));
	suite_add_tcase(s, tc);
	return s;
}
