/*
 * C port of go1.19 src/net/iprawsock_test.go, plus gonet's own check of
 * the IPConn read path on ICMP echoes to loopback.  Raw sockets need root
 * (CAP_NET_RAW); without it the socket tests skip, saying why.
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
 * rawSocketsDenied is what Go's testenv checks before a raw-socket test:
 * it tries socket(AF_INET, SOCK_RAW) and, when the kernel refuses for
 * lack of privilege, skips the test with the reason and returns true.
 */
static bool
rawSocketsDenied(void)
{
	int s, e;

	s = socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
	if (s >= 0) {
		close(s);
		return false;
	}
	e = errno;
	if (e != EPERM && e != EACCES)
		return false;
	tSkipf("raw sockets not permitted: socket(AF_INET, SOCK_RAW): %s",
	    strerror(e));
	return true;
}

/* mustOK is "if err != nil { t.Fatal(err) }". */
static void
mustOK(runtime_error *err)
{
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
}

typedef struct ipConnLocalNameTest {
	const char *net;
	bool	    hasAddr; /* false: a nil *IPAddr */
	net_IPAddr  laddr;
} ipConnLocalNameTest;

static const ipConnLocalNameTest ipConnLocalNameTests[] = {
	{ "ip4:icmp", true,
	    { .IP = { 16, { [10] = 0xff, 0xff, 127, 0, 0, 1 } } } },
	{ "ip4:icmp", true, { .Zone = NULL } },
	{ "ip4:icmp", false, { .Zone = NULL } },
};

START_TEST(TestIPConnLocalName)
{
	const ipConnLocalNameTest *tt;
	net_IPConn		  *c;
	size_t			   i;

	if (rawSocketsDenied())
		return;
	for (i = 0; i < nelem(ipConnLocalNameTests); i++) {
		tt = &ipConnLocalNameTests[i];
		if (!testableNetwork(tt->net)) {
			tLogf("skipping %s test", tt->net);
			continue;
		}
		mustOK(
		    net_ListenIP(tt->net, tt->hasAddr ? &tt->laddr : NULL, &c));
		deferConn(net_IPConn_Conn(c));
		if (net_IPConn_LocalAddr(c) == NULL)
			tFatalf("should not fail");
	}
	tDone();
}
END_TEST

/* ipAddrDeepEqual is reflect.DeepEqual of two *IPAddr values. */
static bool
ipAddrDeepEqual(const net_IPAddr *a, const net_Addr *b)
{
	const net_IPAddr *x;

	if (b == NULL || b->type != &net_IPAddrType)
		return false;
	x = (const net_IPAddr *)b;
	return a->IP.len == x->IP.len &&
	    memcmp(a->IP.b, x->IP.b, a->IP.len) == 0 &&
	    strcmp(a->Zone != NULL ? a->Zone : "",
		x->Zone != NULL ? x->Zone : "") == 0;
}

START_TEST(TestIPConnRemoteName)
{
	net_IPAddr  raddr = { .Zone = NULL }, laddr = { .Zone = NULL };
	net_IPConn *c;

	if (!testableNetwork("ip:tcp")) {
		tSkipf("ip:tcp test");
		return;
	}
	if (rawSocketsDenied())
		return;
	raddr.IP = net_IP_To4(net_IPv4(127, 0, 0, 1));
	laddr.IP = net_IPv4(127, 0, 0, 1);
	mustOK(net_DialIP("ip:tcp", &laddr, &raddr, &c));
	deferConn(net_IPConn_Conn(c));
	if (!ipAddrDeepEqual(&raddr, net_IPConn_RemoteAddr(c)))
		tFatalf("got %s; want %s", addrString(net_IPConn_RemoteAddr(c)),
		    addrString(net_IPAddr_Addr(&raddr)));
	tDone();
}
END_TEST

/* dialListenIPArg is Go's [2]string: network, address. */
typedef struct dialListenIPArg {
	const char *network;
	const char *address;
} dialListenIPArg;

static const dialListenIPArg dialListenIPFailArgs[] = {
	{ "ip", "127.0.0.1" },
	{ "ip:", "127.0.0.1" },
	{ "ip::", "127.0.0.1" },
	{ "ip", "::1" },
	{ "ip:", "::1" },
	{ "ip::", "::1" },
	{ "ip4", "127.0.0.1" },
	{ "ip4:", "127.0.0.1" },
	{ "ip4::", "127.0.0.1" },
	{ "ip6", "::1" },
	{ "ip6:", "::1" },
	{ "ip6::", "::1" },
};

static const dialListenIPArg dialListenIPPrivArgs[] = {
	{ "ip4:47", "127.0.0.1" },
	{ "ip6:47", "::1" },
};

/* checkFail is "if tt.shouldFail != (err != nil) { t.Errorf(...) }". */
static void
checkFail(const char *what, const dialListenIPArg *args, bool shouldFail,
    runtime_error *err)
{
	if (shouldFail != (err != NULL))
		tErrorf("%s(\"%s\", \"%s\") = %s; want (err != nil) is %s",
		    what, args->network, args->address,
		    err != NULL ? runtime_error_Error(err) : "<nil>",
		    shouldFail ? "true" : "false");
	runtime_error_Free(err);
}

/*
 * dialListenIPArgs runs Go's inner loop body for one argument pair.  Go
 * lets the garbage collector take the conns that succeed; here each is
 * closed and freed at once.
 */
static void
dialListenIPArgs(const dialListenIPArg *args, bool shouldFail)
{
	net_Conn       *dc = NULL;
	net_PacketConn *pc = NULL;
	net_IPConn     *ic = NULL;
	net_IPAddr     *a;
	runtime_error  *err;

	err = net_Dial(args->network, args->address, &dc);
	checkFail("Dial", args, shouldFail, err);
	net_Conn_Free(dc);
	err = net_ListenPacket(args->network, args->address, &pc);
	checkFail("ListenPacket", args, shouldFail, err);
	net_PacketConn_Free(pc);
	err = net_ResolveIPAddr("ip", args->address, &a);
	if (err != NULL) {
		tErrorf("ResolveIPAddr(\"ip\", \"%s\") = %s", args->address,
		    tErrStr(err));
		return;
	}
	err = net_DialIP(args->network, NULL, a, &ic);
	checkFail("DialIP", args, shouldFail, err);
	net_IPConn_Free(ic);
	ic = NULL;
	err = net_ListenIP(args->network, a, &ic);
	checkFail("ListenIP", args, shouldFail, err);
	net_IPConn_Free(ic);
	free(a);
}

START_TEST(TestDialListenIPArgs)
{
	const dialListenIPArg *priv[nelem(dialListenIPPrivArgs)];
	net_PacketConn	      *c;
	runtime_error	      *err;
	size_t		       i, npriv = 0;

	if (testableNetwork("ip")) {
		for (i = 0; i < nelem(dialListenIPPrivArgs); i++) {
			err = net_ListenPacket(dialListenIPPrivArgs[i].network,
			    dialListenIPPrivArgs[i].address, &c);
			if (err != NULL) {
				runtime_error_Free(err);
				continue;
			}
			runtime_error_Free(net_PacketConn_Close(c));
			net_PacketConn_Free(c);
			priv[npriv++] = &dialListenIPPrivArgs[i];
		}
	}
	for (i = 0; i < nelem(dialListenIPFailArgs); i++)
		dialListenIPArgs(&dialListenIPFailArgs[i], true);
	for (i = 0; i < npriv; i++)
		dialListenIPArgs(priv[i], false);
	tDone();
}
END_TEST

/* icmpChecksum is the Internet checksum (RFC 1071) of b[0:n]. */
static uint16_t
icmpChecksum(const uint8_t *b, size_t n)
{
	uint32_t s = 0;
	size_t	 i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)b[i] << 8 | b[i + 1];
	if (n % 2 == 1)
		s += (uint32_t)b[n - 1] << 8;
	while (s >> 16 != 0)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

/*
 * testIPConnICMPEcho (gonet only) checks the read path Go's tests leave
 * to x/net: an echo request sent to 127.0.0.1 on an "ip4:icmp" conn comes
 * back (the request itself, then the kernel's reply) with the IPv4 header
 * stripped by ReadFromIP and ReadFrom but kept by ReadMsgIP, from the
 * loopback address.  The reads are bounded and have a deadline.
 */
START_TEST(testIPConnICMPEcho)
{
	static const char payload[] = "GONET-ICMP";
	uint8_t		  wb[8 + sizeof(payload) - 1], rb[512];
	net_IPAddr	  la = { .Zone = NULL }, from;
	net_Addr	 *addr;
	net_IPConn	 *c;
	uint16_t	  sum;
	int		  i, flags;
	ptrdiff_t	  n, oobn;
	bool		  sawReply = false;

	if (!testableNetwork("ip4:icmp")) {
		tSkipf("ip4:icmp test");
		return;
	}
	if (rawSocketsDenied())
		return;
	la.IP = net_IPv4(127, 0, 0, 1);
	mustOK(net_ListenIP("ip4:icmp", &la, &c));
	deferConn(net_IPConn_Conn(c));
	mustOK(net_IPConn_SetDeadline(
	    c, time_Time_Add(time_Now(), 5 * time_Second)));

	memset(wb, 0, sizeof(wb));
	wb[0] = 8;		    /* echo request */
	wb[4] = 0x47, wb[5] = 0x4f; /* identifier */
	wb[6] = 0, wb[7] = 1;	    /* sequence */
	memcpy(wb + 8, payload, sizeof(payload) - 1);
	sum = icmpChecksum(wb, sizeof(wb));
	wb[2] = sum >> 8, wb[3] = sum & 0xff;

	mustOK(net_IPConn_WriteToIP(c, wb, sizeof(wb), &la, &n));
	if (n != (int)sizeof(wb))
		tFatalf("WriteToIP wrote %td; want %zu", n, sizeof(wb));
	for (i = 0; i < 8 && !sawReply; i++) {
		mustOK(net_IPConn_ReadFromIP(c, rb, sizeof(rb), &n, &from));
		if (!net_IP_Equal(from.IP, la.IP))
			tFatalf("ReadFromIP from %s; want 127.0.0.1",
			    addrString(net_IPAddr_Addr(&from)));
		if (n != (int)sizeof(wb) || (rb[0] != 0 && rb[0] != 8))
			continue; /* someone else's ICMP */
		if (memcmp(rb + 4, wb + 4, sizeof(wb) - 4) != 0)
			continue;
		sawReply = rb[0] == 0;
	}
	if (!sawReply)
		tFatalf("no echo reply in %d reads", i);

	/* The same echo again, read through ReadFrom and then ReadMsgIP. */
	mustOK(net_IPConn_WriteTo(c, wb, sizeof(wb), net_IPAddr_Addr(&la), &n));
	mustOK(net_IPConn_ReadFrom(c, rb, sizeof(rb), &n, &addr));
	tDeferFree(free, addr);
	if (addr == NULL || strcmp(addrString(addr), "127.0.0.1") != 0)
		tErrorf(
		    "ReadFrom address %s; want 127.0.0.1", addrString(addr));
	if (n != (int)sizeof(wb))
		tErrorf("ReadFrom n = %td; want %zu (header stripped)", n,
		    sizeof(wb));
	mustOK(net_IPConn_ReadMsgIP(
	    c, rb, sizeof(rb), NULL, 0, &n, &oobn, &flags, &from));
	if (n < 20 || rb[0] >> 4 != 4 ||
	    n != (int)((rb[0] & 0x0f) << 2) + (int)sizeof(wb))
		tErrorf("ReadMsgIP n = %td, first byte %#x; want the IPv4 "
			"header kept",
		    n, rb[0]);
	if (!net_IP_Equal(from.IP, la.IP))
		tErrorf("ReadMsgIP from %s; want 127.0.0.1",
		    addrString(net_IPAddr_Addr(&from)));
	tDone();
}
END_TEST

/* testStripIPv4Header (gonet only): stripIPv4Header's guards, as Go's. */
START_TEST(testStripIPv4Header)
{
	uint8_t b[32];

	memset(b, 0xaa, sizeof(b));
	b[0] = 0x45, b[20] = 0x01;
	ck_assert_int_eq(net_stripIPv4Header(24, b, sizeof(b)), 4);
	ck_assert_int_eq(b[0], 0x01);
	b[0] = 0x65; /* not version 4 */
	ck_assert_int_eq(net_stripIPv4Header(24, b, sizeof(b)), 24);
	b[0] = 0x44; /* header shorter than 20 */
	ck_assert_int_eq(net_stripIPv4Header(24, b, sizeof(b)), 24);
	b[0] = 0x4f; /* 60-byte header, longer than the buffer */
	ck_assert_int_eq(net_stripIPv4Header(24, b, sizeof(b)), 24);
	b[0] = 0x45;
	ck_assert_int_eq(net_stripIPv4Header(10, b, 19), 10);
}
END_TEST

Suite *
iprawsock_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("iprawsock");
	tc = newTCase("IPAddr");
	tcase_add_loop_test(
	    tc, TestResolveIPAddr, 0, nelem(resolveIPAddrTests));
	tcase_add_test(tc, testStripIPv4Header);
	suite_add_tcase(s, tc);
	tc = newNetTCase("IPConn", 30);
	tcase_add_test(tc, TestIPConnLocalName);
	tcase_add_test(tc, TestIPConnRemoteName);
	tcase_add_test(tc, TestDialListenIPArgs);
	tcase_add_test(tc, testIPConnICMPEcho);
	suite_add_tcase(s, tc);
	return s;
}
