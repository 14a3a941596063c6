/*
 * C port of go1.19 src/net/iprawsock_test.go: the address tests.  The
 * IPConn tests come with the socket layer.
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
typedef struct resolveIPAddrTest {
	const char		*network;
	const char		*litAddrOrName;
	bool			 ok;
	const char		*ip;
	const char		*zone;
	const runtime_errorType *errType;
	const char		*err;
	const char		*errAddr;
} resolveIPAddrTest;

#define ADDR(ip, zone) true, (ip), (zone), NULL, NULL, NULL
#define UNKNOWN(s)     false, NULL, NULL, &net_UnknownNetworkErrorType, (s), NULL
#define NOSUITABLE(a)                                                          \
	false, NULL, NULL, &net_AddrErrorType, "no suitable address found", (a)

static const resolveIPAddrTest resolveIPAddrTests[] = {
	{ "ip", "127.0.0.1", ADDR("127.0.0.1", NULL) },
	{ "ip4", "127.0.0.1", ADDR("127.0.0.1", NULL) },
	{ "ip4:icmp", "127.0.0.1", ADDR("127.0.0.1", NULL) },

	{ "ip", "::1", ADDR("::1", NULL) },
	{ "ip6", "::1", ADDR("::1", NULL) },
	{ "ip6:ipv6-icmp", "::1", ADDR("::1", NULL) },
	{ "ip6:IPv6-ICMP", "::1", ADDR("::1", NULL) },

	{ "ip", "::1%en0", ADDR("::1", "en0") },
	{ "ip6", "::1%911", ADDR("::1", "911") },

	{ "", "127.0.0.1", ADDR("127.0.0.1", NULL) }, /* Go 1.0 behavior */
	{ "", "::1", ADDR("::1", NULL) },	      /* Go 1.0 behavior */

	{ "ip4:icmp", "", ADDR(NULL, NULL) },

	{ "l2tp", "127.0.0.1", UNKNOWN("l2tp") },
	{ "l2tp:gre", "127.0.0.1", UNKNOWN("l2tp:gre") },
	{ "tcp", "1.2.3.4:123", UNKNOWN("tcp") },

	{ "ip4", "2001:db8::1", NOSUITABLE("2001:db8::1") },
	{ "ip4:icmp", "2001:db8::1", NOSUITABLE("2001:db8::1") },
	{ "ip6", "127.0.0.1", NOSUITABLE("127.0.0.1") },
	{ "ip6", "::ffff:127.0.0.1", NOSUITABLE("::ffff:127.0.0.1") },
	{ "ip6:ipv6-icmp", "127.0.0.1", NOSUITABLE("127.0.0.1") },
	{ "ip6:ipv6-icmp", "::ffff:127.0.0.1", NOSUITABLE("::ffff:127.0.0.1") },
};

/* addrEqual is reflect.DeepEqual of an *IPAddr and the row's address. */
static bool
addrEqual(const net_IPAddr *a, const resolveIPAddrTest *tt)
{
	net_IP ip = { 0 };

	if (a == NULL || !tt->ok)
		return a == NULL && !tt->ok;
	if (tt->ip != NULL)
		ip = net_ParseIP(tt->ip);
	return a->IP.len == ip.len && memcmp(a->IP.b, ip.b, ip.len) == 0 &&
	    strcmp(a->Zone != NULL ? a->Zone : "",
		tt->zone != NULL ? tt->zone : "") == 0;
}

static bool
errEqual(runtime_error *err, const resolveIPAddrTest *tt)
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

/*
 * Go skips unless testableNetwork("ip+nopriv"), which holds on Linux.  Its
 * lookupLocalhost hook matters only for names, and the table has none.
 */
START_TEST(TestResolveIPAddr)
{
	const resolveIPAddrTest *tt = &resolveIPAddrTests[_i];
	net_IPAddr		*addr, *addr2;
	runtime_error		*err;
	char			*s;

	err = net_ResolveIPAddr(tt->network, tt->litAddrOrName, &addr);
	if (!addrEqual(addr, tt) || !errEqual(err, tt)) {
		s = net_IPAddr_String(addr);
		ck_abort_msg("ResolveIPAddr(\"%s\", \"%s\") = %s, %s, "
			     "want %s, %s",
		    tt->network, tt->litAddrOrName, s, runtime_error_Error(err),
		    tt->ip, tt->err);
	}
	runtime_error_Free(err);
	if (err != NULL)
		return;
	s = net_IPAddr_String(addr);
	err = net_ResolveIPAddr(net_IPAddr_Network(addr), s, &addr2);
	if (!addrEqual(addr2, tt) || err != NULL)
		ck_abort_msg("(\"%s\", \"%s\"): ResolveIPAddr(\"%s\", \"%s\") "
			     "= %p, %s, want %s, <nil>",
		    tt->network, tt->litAddrOrName, net_IPAddr_Network(addr), s,
		    (void *)addr2, runtime_error_Error(err), tt->ip);
	free(s);
	free(addr2);
	free(addr);
}
END_TEST

/*
 * TestIPConnLocalName, TestIPConnRemoteName and TestDialListenIPArgs need
 * sockets: they come with the socket layer.
 */

Suite *
iprawsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("iprawsock");
	tc = newTCase("IPAddr");
	tcase_add_loop_test(
	    tc, TestResolveIPAddr, 0, nelem(resolveIPAddrTests));
	suite_add_tcase(s, tc);
	return s;
}
