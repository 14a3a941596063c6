/*
 * C port of go1.19 src/net/udpsock_test.go: the address tests and the
 * UDPConn tests over loopback.
 */
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "tests/allocs_hook.h"
#include "tests/export_test.h"
#include "tests/interface_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

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

/* mustOK is "if err != nil { t.Fatal(err) }", naming the call. */
static void
mustOK(runtime_error *err, const char *what)
{
	if (err != NULL)
		tFatalf("%s: %s", what, tErrStr(err));
}

/* opErrIs reports whether err is an *OpError whose Err is target. */
static bool
opErrIs(runtime_error *err, const runtime_error *target)
{
	return err != NULL && err->type == &net_OpErrorType &&
	    ((net_OpError *)err)->Err == target;
}

static void
closePacketConn(net_PacketConn *c)
{
	runtime_error_Free(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
}

static void
closeConn(net_Conn *c)
{
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

static void
testWriteToConn(const char *raddr)
{
	static const char b[] = "CONNECTED-MODE SOCKET";
	net_Conn	 *c;
	net_UDPConn	 *uc;
	net_UDPAddr	 *ra;
	runtime_error	 *err;
	ptrdiff_t	  n, oobn;

	mustOK(net_Dial("udp", raddr, &c), "Dial");
	mustOK(net_ResolveUDPAddr("udp", raddr, &ra), "ResolveUDPAddr");
	uc = net_Conn_UDPConn(c);
	ck_assert_ptr_nonnull(uc);

	err = net_UDPConn_WriteToUDP(uc, b, sizeof(b) - 1, ra, &n);
	ck_assert_msg(err != NULL, "should fail");
	ck_assert_msg(opErrIs(err, net_ErrWriteToConnected),
	    "should fail as ErrWriteToConnected: %s", runtime_error_Error(err));
	runtime_error_Free(err);
	err =
	    net_UDPConn_WriteTo(uc, b, sizeof(b) - 1, net_UDPAddr_Addr(ra), &n);
	ck_assert_msg(err != NULL, "should fail");
	ck_assert_msg(opErrIs(err, net_ErrWriteToConnected),
	    "should fail as ErrWriteToConnected: %s", runtime_error_Error(err));
	runtime_error_Free(err);
	mustOK(net_Conn_Write(c, b, sizeof(b) - 1, &n), "Write");
	err = net_UDPConn_WriteMsgUDP(
	    uc, b, sizeof(b) - 1, NULL, 0, ra, &n, &oobn);
	ck_assert_msg(err != NULL, "should fail");
	ck_assert_msg(opErrIs(err, net_ErrWriteToConnected),
	    "should fail as ErrWriteToConnected: %s", runtime_error_Error(err));
	runtime_error_Free(err);
	mustOK(net_UDPConn_WriteMsgUDP(
		   uc, b, sizeof(b) - 1, NULL, 0, NULL, &n, &oobn),
	    "WriteMsgUDP");
	free(ra);
	closeConn(c);
}

static void
testWriteToPacketConn(const char *raddr)
{
	static const char b[] = "UNCONNECTED-MODE SOCKET";
	net_PacketConn	 *c;
	net_UDPConn	 *uc;
	net_UDPAddr	 *ra;
	runtime_error	 *err;
	ptrdiff_t	  n, oobn;

	mustOK(net_ListenPacket("udp", "127.0.0.1:0", &c), "ListenPacket");
	mustOK(net_ResolveUDPAddr("udp", raddr, &ra), "ResolveUDPAddr");
	uc = net_PacketConn_UDPConn(c);
	ck_assert_ptr_nonnull(uc);

	mustOK(
	    net_UDPConn_WriteToUDP(uc, b, sizeof(b) - 1, ra, &n), "WriteToUDP");
	mustOK(net_PacketConn_WriteTo(
		   c, b, sizeof(b) - 1, net_UDPAddr_Addr(ra), &n),
	    "WriteTo");
	err = net_UDPConn_Write(uc, b, sizeof(b) - 1, &n);
	ck_assert_msg(err != NULL, "should fail");
	runtime_error_Free(err);
	err = net_UDPConn_WriteMsgUDP(
	    uc, b, sizeof(b) - 1, NULL, 0, NULL, &n, &oobn);
	ck_assert_msg(err != NULL, "should fail");
	ck_assert_msg(opErrIs(err, net_errMissingAddress),
	    "should fail as errMissingAddress: %s", runtime_error_Error(err));
	runtime_error_Free(err);
	mustOK(net_UDPConn_WriteMsgUDP(
		   uc, b, sizeof(b) - 1, NULL, 0, ra, &n, &oobn),
	    "WriteMsgUDP");
	free(ra);
	closePacketConn(c);
}

START_TEST(TestWriteToUDP)
{
	net_PacketConn *c;
	char	       *s;

	mustOK(net_ListenPacket("udp", "127.0.0.1:0", &c), "ListenPacket");
	s = net_Addr_String(net_PacketConn_LocalAddr(c));
	testWriteToConn(s);
	testWriteToPacketConn(s);
	free(s);
	closePacketConn(c);
	tDone();
}
END_TEST

static const struct {
	const char *net;
	bool	    hasAddr; /* false: a nil *UDPAddr */
	const char *ip;	     /* NULL: the zero UDPAddr */
} udpConnLocalNameTests[] = {
	{ "udp4", true, "127.0.0.1" },
	{ "udp4", true, NULL },
	{ "udp4", false, NULL },
};

START_TEST(TestUDPConnLocalName)
{
	net_UDPAddr	laddr = { .Port = 0 };
	net_UDPConn    *c;
	const net_Addr *la;
	char	       *s;

	if (mustHaveExternalNetwork())
		return;
	if (udpConnLocalNameTests[_i].ip != NULL)
		laddr.IP = net_ParseIP(udpConnLocalNameTests[_i].ip);
	mustOK(net_ListenUDP(udpConnLocalNameTests[_i].net,
		   udpConnLocalNameTests[_i].hasAddr ? &laddr : NULL, &c),
	    "ListenUDP");
	la = net_UDPConn_LocalAddr(c);
	if (la == NULL || la->type != &net_UDPAddrType ||
	    ((const net_UDPAddr *)la)->Port == 0) {
		s = net_Addr_String(la);
		ck_abort_msg("got %s; expected a proper address with non-zero "
			     "port number",
		    s);
	}
	runtime_error_Free(net_UDPConn_Close(c));
	net_UDPConn_Free(c);
	tDone();
}
END_TEST

START_TEST(TestUDPConnLocalAndRemoteNames)
{
	static const char *const laddrs[] = { "", "127.0.0.1:0" };
	net_PacketConn		*c1;
	net_UDPConn		*c2;
	net_UDPAddr		*la;
	const net_Addr		*got;
	size_t			 i, j;
	char			*s;
	struct {
		const net_Addr *got;
		bool		ok;
	} connAddrs[4];

	for (i = 0; i < nelem(laddrs); i++) {
		mustOK(net_ListenPacket("udp", "127.0.0.1:0", &c1),
		    "ListenPacket");
		la = NULL;
		if (laddrs[i][0] != '\0')
			mustOK(net_ResolveUDPAddr("udp", laddrs[i], &la),
			    "ResolveUDPAddr");
		mustOK(
		    net_DialUDP("udp", la,
			(const net_UDPAddr *)net_PacketConn_LocalAddr(c1), &c2),
		    "DialUDP");
		connAddrs[0].got = net_PacketConn_LocalAddr(c1);
		connAddrs[0].ok = true;
		connAddrs[1].got =
		    net_UDPConn_RemoteAddr(net_PacketConn_UDPConn(c1));
		connAddrs[1].ok = false;
		connAddrs[2].got = net_UDPConn_LocalAddr(c2);
		connAddrs[2].ok = true;
		connAddrs[3].got = net_UDPConn_RemoteAddr(c2);
		connAddrs[3].ok = true;
		for (j = 0; j < nelem(connAddrs); j++) {
			got = connAddrs[j].got;
			if ((got != NULL && got->type == &net_UDPAddrType) !=
				connAddrs[j].ok ||
			    (got != NULL &&
				((const net_UDPAddr *)got)->Port == 0)) {
				s = net_Addr_String(got);
				ck_abort_msg(
				    "got %s; expected a proper address "
				    "with non-zero port number",
				    s);
			}
		}
		free(la);
		runtime_error_Free(net_UDPConn_Close(c2));
		net_UDPConn_Free(c2);
		closePacketConn(c1);
	}
	tDone();
}
END_TEST

/*
 * TestIPv6LinkLocalUnicastUDP runs over loopbackInterface()'s link-local
 * address, as Go's does; Linux gives lo none, so its table is usually
 * empty there (as in Go).
 */
START_TEST(TestIPv6LinkLocalUnicastUDP)
{
	ipv6LinkLocalUnicastTest tt[4];
	const net_UDPAddr	*la;
	net_PacketConn		*c1;
	localPacketServer	*ls;
	net_Conn		*c2;
	runtime_error		*err;
	size_t			 i, ntt;
	chan			*ch;

	if (!linkLocalTestable())
		return;
	ntt = ipv6LinkLocalUnicastTests("udp", tt);
	for (i = 0; i < ntt; i++) {
		if ((err = net_ListenPacket(
			 tt[i].network, tt[i].address, &c1)) != NULL) {
			tLogf("%s", tErrStr(err));
			continue;
		}
		ls = packetListener_newLocalServer(c1);
		deferLocalPacketServer(ls);
		ch = makeChan();
		if ((err = localPacketServer_buildup(
			 ls, packetTransponderHandler, ch)) != NULL)
			tFatalf("%s", tErrStr(err));
		la = (const net_UDPAddr *)net_PacketConn_LocalAddr(c1);
		mustZone(&la->addr, la->Zone, tt[i].nameLookup);
		err = net_Dial(tt[i].network,
		    addrString(net_PacketConn_LocalAddr(ls->PacketConn)), &c2);
		if (err != NULL)
			tFatalf("%s", tErrStr(err));
		deferConn(c2);
		la = (const net_UDPAddr *)net_Conn_LocalAddr(c2);
		mustZone(&la->addr, la->Zone, tt[i].nameLookup);
		la = (const net_UDPAddr *)net_Conn_RemoteAddr(c2);
		mustZone(&la->addr, la->Zone, tt[i].nameLookup);
		linkLocalExchange(c2, "UDP OVER IPV6 LINKLOCAL TEST", ch, i);
	}
	tDone();
}
END_TEST

/* The genericRead loops of Go's tests become the loop index. */
START_TEST(TestUDPZeroBytePayload)
{
	net_PacketConn *c;
	net_Addr       *from = NULL;
	runtime_error  *err;
	const char     *name;
	char		b[1];
	int		genericRead;
	ptrdiff_t	n;

	c = newLocalPacketListener("udp", NULL);
	for (genericRead = 0; genericRead < 2; genericRead++) {
		n = -1;
		mustOK(net_PacketConn_WriteTo(
			   c, NULL, 0, net_PacketConn_LocalAddr(c), &n),
		    "WriteTo");
		ck_assert_msg(n == 0, "got %td; want 0", n);
		net_PacketConn_SetReadDeadline(
		    c, time_Time_Add(time_Now(), 30 * time_Second));
		if (genericRead) {
			err = net_Conn_Read(
			    net_UDPConn_Conn(net_PacketConn_UDPConn(c)), b, 1,
			    &n);
			name = "Read";
		} else {
			err = net_PacketConn_ReadFrom(c, b, 1, &n, &from);
			free(from);
			name = "ReadFrom";
		}
		ck_assert_msg(err == NULL, "%s of zero byte packet failed: %s",
		    name, runtime_error_Error(err));
	}
	closePacketConn(c);
	tDone();
}
END_TEST

START_TEST(TestUDPZeroByteBuffer)
{
	static const char b[] = "UDP ZERO BYTE BUFFER TEST";
	net_PacketConn	 *c;
	net_Addr	 *from = NULL;
	runtime_error	 *err;
	int		  genericRead;
	ptrdiff_t	  n;

	c = newLocalPacketListener("udp", NULL);
	for (genericRead = 0; genericRead < 2; genericRead++) {
		mustOK(net_PacketConn_WriteTo(c, b, sizeof(b) - 1,
			   net_PacketConn_LocalAddr(c), &n),
		    "WriteTo");
		ck_assert_msg(n == (int)sizeof(b) - 1, "got %td; want %d", n,
		    (int)sizeof(b) - 1);
		net_PacketConn_SetReadDeadline(
		    c, time_Time_Add(time_Now(), 100 * time_Millisecond));
		if (genericRead)
			err = net_Conn_Read(
			    net_UDPConn_Conn(net_PacketConn_UDPConn(c)), NULL,
			    0, &n);
		else {
			err = net_PacketConn_ReadFrom(c, NULL, 0, &n, &from);
			free(from);
			from = NULL;
		}
		/* ReadFrom succeeds; Read may time out, by platform. */
		ck_assert_msg(err == NULL || net_Error_Timeout(err), "%s",
		    runtime_error_Error(err));
		runtime_error_Free(err);
	}
	closePacketConn(c);
	tDone();
}
END_TEST

START_TEST(TestUDPReadSizeError)
{
	static const char b1[] = "READ SIZE ERROR TEST";
	net_PacketConn	 *c1;
	net_Conn	 *c2;
	net_Addr	 *from = NULL;
	char		 *s, b2[sizeof(b1) - 2];
	int		  genericRead;
	ptrdiff_t	  n;

	c1 = newLocalPacketListener("udp", NULL);
	s = net_Addr_String(net_PacketConn_LocalAddr(c1));
	mustOK(net_Dial("udp", s, &c2), "Dial");
	free(s);
	for (genericRead = 0; genericRead < 2; genericRead++) {
		mustOK(net_Conn_Write(c2, b1, sizeof(b1) - 1, &n), "Write");
		ck_assert_msg(n == (int)sizeof(b1) - 1, "got %td; want %d", n,
		    (int)sizeof(b1) - 1);
		if (genericRead)
			mustOK(net_Conn_Read(
				   net_UDPConn_Conn(net_PacketConn_UDPConn(c1)),
				   b2, sizeof(b2), &n),
			    "Read");
		else {
			mustOK(net_PacketConn_ReadFrom(
				   c1, b2, sizeof(b2), &n, &from),
			    "ReadFrom");
			free(from);
		}
		ck_assert_msg(n == (int)sizeof(b1) - 2, "got %td; want %d", n,
		    (int)sizeof(b1) - 2);
	}
	closeConn(c2);
	closePacketConn(c1);
	tDone();
}
END_TEST

/*
 * TestUDPReadTimeout: ReadFromUDP past its deadline returns the deadline
 * error without data or an address.  Go's nil *UDPAddr is the caller's
 * UDPAddr left at its zero value.
 */
START_TEST(TestUDPReadTimeout)
{
	net_UDPAddr   *la;
	net_UDPAddr    addr = { .Port = 0 };
	net_UDPConn   *c;
	runtime_error *err;
	char	       b[1];
	ptrdiff_t      n = 0;

	mustOK(
	    net_ResolveUDPAddr("udp4", "127.0.0.1:0", &la), "ResolveUDPAddr");
	mustOK(net_ListenUDP("udp4", la, &c), "ListenUDP");
	free(la);
	net_UDPConn_SetDeadline(c, time_Now());
	err = net_UDPConn_ReadFromUDP(c, b, sizeof(b), &n, &addr);
	ck_assert_msg(isDeadlineExceeded(err),
	    "ReadFromUDP got err %s want os.ErrDeadlineExceeded",
	    runtime_error_Error(err));
	runtime_error_Free(err);
	ck_assert_msg(n == 0, "ReadFromUDP got n %td want 0", n);
	ck_assert_msg(addr.IP.len == 0 && addr.Port == 0 && addr.Zone == NULL,
	    "ReadFromUDP got addr with port %d want nil", addr.Port);
	runtime_error_Free(net_UDPConn_Close(c));
	net_UDPConn_Free(c);
	tDone();
}
END_TEST

/*
 * TestAllocs: once warm, a UDP round trip allocates nothing.  Go's third
 * run expects one allocation, the *UDPAddr ReadFromUDP returns; gonet's
 * ReadFromUDP fills the caller's UDPAddr, so it expects none.  The fourth
 * run, SetReadDeadline before each read, is gonet's addition.
 */
struct udpAllocs {
	net_UDPConn    *conn;
	const net_Addr *addr;
	netip_AddrPort	addrPort;
	char		buf[8];
	int		mode;
};

static void
udpAllocsRun(void *arg)
{
	struct udpAllocs *a = arg;
	net_UDPAddr	  from;
	netip_AddrPort	  fromAP;
	runtime_error	 *err;
	int		  flags;
	ptrdiff_t	  n, oobn;

	switch (a->mode) {
	case 0:
		err = net_UDPConn_WriteMsgUDPAddrPort(a->conn, a->buf,
		    sizeof(a->buf), NULL, 0, a->addrPort, &n, &oobn);
		if (err == NULL)
			err = net_UDPConn_ReadMsgUDPAddrPort(a->conn, a->buf,
			    sizeof(a->buf), NULL, 0, &n, &oobn, &flags,
			    &fromAP);
		break;
	case 1:
		err = net_UDPConn_WriteToUDPAddrPort(
		    a->conn, a->buf, sizeof(a->buf), a->addrPort, &n);
		if (err == NULL)
			err = net_UDPConn_ReadFromUDPAddrPort(
			    a->conn, a->buf, sizeof(a->buf), &n, &fromAP);
		break;
	default:
		err = net_UDPConn_WriteTo(
		    a->conn, a->buf, sizeof(a->buf), a->addr, &n);
		if (err == NULL && a->mode == 3)
			err = net_UDPConn_SetReadDeadline(
			    a->conn, time_Time_Add(time_Now(), time_Hour));
		if (err == NULL)
			err = net_UDPConn_ReadFromUDP(
			    a->conn, a->buf, sizeof(a->buf), &n, &from);
		break;
	}
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
}

START_TEST(TestAllocs)
{
	static const char *const what[] = {
		"WriteMsgUDPAddrPort/ReadMsgUDPAddrPort",
		"WriteToUDPAddrPort/ReadFromUDPAddrPort",
		"WriteTo/ReadFromUDP",
		"WriteTo/SetReadDeadline/ReadFromUDP",
	};
	static struct udpAllocs a;
	net_UDPAddr		laddr = { .IP = { 0 } };
	double			allocs;

	if (testing_AllocsPerRun == NULL) {
		tSkipf("built without tests/allocs_hook.c");
		return;
	}
	memset(&a, 0, sizeof(a));
	laddr.IP = net_IPv4(127, 0, 0, 1);
	mustOK(net_ListenUDP("udp4", &laddr, &a.conn), "ListenUDP");
	deferPacketConn(net_UDPConn_PacketConn(a.conn));
	a.addr = net_UDPConn_LocalAddr(a.conn);
	a.addrPort = net_UDPAddr_AddrPort((const net_UDPAddr *)a.addr);

	for (a.mode = 0; a.mode < (int)nelem(what); a.mode++) {
		allocs = testing_AllocsPerRun(1000, udpAllocsRun, &a);
		if (allocs < 0) {
			tSkipf(
			    "the allocation functions are not wrapped "
			    "(link with "
			    "-Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc)");
			return;
		}
		if (allocs != 0)
			tErrorf("%s allocated %d objects", what[a.mode],
			    (int)allocs);
	}
	tDone();
}
END_TEST

START_TEST(TestUDPIPVersionReadMsg)
{
	net_UDPAddr    laddr = { .Port = 0 }, soldaddr = { .Port = 0 };
	net_UDPConn   *conn;
	netip_AddrPort daddr, saddr;
	char	       buf[8] = { 0 };
	int	       flags;
	ptrdiff_t      n, oobn;

	laddr.IP = net_IPv4(127, 0, 0, 1);
	mustOK(net_ListenUDP("udp4", &laddr, &conn), "ListenUDP");
	daddr = net_UDPAddr_AddrPort(
	    (const net_UDPAddr *)net_UDPConn_LocalAddr(conn));
	mustOK(
	    net_UDPConn_WriteToUDPAddrPort(conn, buf, sizeof(buf), daddr, &n),
	    "WriteToUDPAddrPort");
	mustOK(net_UDPConn_ReadMsgUDPAddrPort(
		   conn, buf, sizeof(buf), NULL, 0, &n, &oobn, &flags, &saddr),
	    "ReadMsgUDPAddrPort");
	ck_assert_msg(netip_Addr_Is4(netip_AddrPort_Addr(saddr)),
	    "returned AddrPort is not IPv4");
	mustOK(
	    net_UDPConn_WriteToUDPAddrPort(conn, buf, sizeof(buf), daddr, &n),
	    "WriteToUDPAddrPort");
	mustOK(net_UDPConn_ReadMsgUDP(conn, buf, sizeof(buf), NULL, 0, &n,
		   &oobn, &flags, &soldaddr),
	    "ReadMsgUDP");
	ck_assert_msg(soldaddr.IP.len == 4, "returned UDPAddr is not IPv4");
	runtime_error_Free(net_UDPConn_Close(conn));
	net_UDPConn_Free(conn);
	tDone();
}
END_TEST

/*
 * TestIPv6WriteMsgUDPAddrPortTargetAddrIPVersion: a UDPConn listening on
 * "::" accepts IPv4, IPv4-mapped IPv6 and IPv6 targets.
 */
START_TEST(TestIPv6WriteMsgUDPAddrPortTargetAddrIPVersion)
{
	static const uint8_t v4[4] = { 127, 0, 0, 1 };
	static const uint8_t v4in6[16] = {
		[10] = 0xff, [11] = 0xff, [12] = 127, [15] = 1
	};
	static const uint8_t v6[16] = { [15] = 1 };
	net_UDPConn	    *conn;
	netip_AddrPort	     daddr4, daddr4in6, daddr6;
	char		     buf[8] = { 0 };
	ptrdiff_t	     n, oobn;

	if (!supportsIPv6()) {
		tSkipf("IPv6 is not supported");
		return;
	}
	mustOK(net_ListenUDP("udp", NULL, &conn), "ListenUDP");
	daddr4 = netip_AddrPortFrom(netip_AddrFrom4(v4), 12345);
	daddr4in6 = netip_AddrPortFrom(netip_AddrFrom16(v4in6), 12345);
	daddr6 = netip_AddrPortFrom(netip_AddrFrom16(v6), 12345);
	mustOK(net_UDPConn_WriteMsgUDPAddrPort(
		   conn, buf, sizeof(buf), NULL, 0, daddr4, &n, &oobn),
	    "WriteMsgUDPAddrPort(127.0.0.1)");
	mustOK(net_UDPConn_WriteMsgUDPAddrPort(
		   conn, buf, sizeof(buf), NULL, 0, daddr4in6, &n, &oobn),
	    "WriteMsgUDPAddrPort(::ffff:127.0.0.1)");
	mustOK(net_UDPConn_WriteMsgUDPAddrPort(
		   conn, buf, sizeof(buf), NULL, 0, daddr6, &n, &oobn),
	    "WriteMsgUDPAddrPort(::1)");
	runtime_error_Free(net_UDPConn_Close(conn));
	net_UDPConn_Free(conn);
	tDone();
}
END_TEST

static void
setPktinfo(uintptr_t fd, void *arg)
{
	*(syscall_Errno *)arg =
	    syscall_SetsockoptInt((int)fd, IPPROTO_IP, IP_PKTINFO, 1);
}

/*
 * testReadWriteMsgUDPOOB: ancillary data goes through ReadMsgUDP and
 * WriteMsgUDP untouched, as in Go.  With IP_PKTINFO on, the read's oob
 * is one IP_PKTINFO message naming 127.0.0.1; a write whose oob asks for
 * 127.0.0.1 as the source arrives from it.
 */
START_TEST(testReadWriteMsgUDPOOB)
{
	syscall_SocketControlMessage *scms;
	struct in_pktinfo	      pi;
	struct cmsghdr		      h;
	net_PacketConn		     *pc;
	net_UDPConn		     *c;
	syscall_RawConn		     *rc;
	net_UDPAddr		      from;
	syscall_Errno		      e;
	uint8_t			      oob[128], wob[64];
	char			      b[16];
	size_t			      nscms, wlen;
	ptrdiff_t		      n, oobn;
	int			      flags;

	pc = newLocalPacketListener("udp4", NULL);
	deferPacketConn(pc);
	c = net_PacketConn_UDPConn(pc);
	mustOK(net_UDPConn_SyscallConn(c, &rc), "SyscallConn");
	e = 0;
	mustOK(syscall_RawConn_Control(rc, setPktinfo, &e), "Control");
	free(rc);
	if (e != 0)
		tFatalf("setsockopt: %s", syscall_Errno_Error(e));

	memset(&pi, 0, sizeof(pi));
	pi.ipi_spec_dst.s_addr = htonl(INADDR_LOOPBACK);
	wlen = syscall_CmsgSpace(sizeof(pi));
	memset(wob, 0, sizeof(wob));
	memset(&h, 0, sizeof(h));
	h.cmsg_len = CMSG_LEN(sizeof(pi));
	h.cmsg_level = IPPROTO_IP;
	h.cmsg_type = IP_PKTINFO;
	memcpy(wob, &h, sizeof(h));
	memcpy(wob + CMSG_ALIGN(sizeof(h)), &pi, sizeof(pi));
	mustOK(net_UDPConn_WriteMsgUDP(c, "OOB", 3, wob, wlen,
		   (const net_UDPAddr *)net_UDPConn_LocalAddr(c), &n, &oobn),
	    "WriteMsgUDP");
	if (n != 3 || oobn != (ptrdiff_t)wlen)
		tErrorf("WriteMsgUDP = %td, %td; want 3, %zu", n, oobn, wlen);

	mustOK(net_UDPConn_ReadMsgUDP(
		   c, b, sizeof(b), oob, sizeof(oob), &n, &oobn, &flags, &from),
	    "ReadMsgUDP");
	if (n != 3 || memcmp(b, "OOB", 3) != 0 || flags != 0)
		tErrorf("ReadMsgUDP = %td, flags %#x", n, flags);
	if (strcmp(addrString(&from.addr),
		addrString(net_UDPConn_LocalAddr(c))) != 0)
		tErrorf("from %s; want %s", addrString(&from.addr),
		    addrString(net_UDPConn_LocalAddr(c)));
	e = syscall_ParseSocketControlMessage(oob, (size_t)oobn, &scms, &nscms);
	if (e != 0 || nscms != 1)
		tFatalf("ParseSocketControlMessage = %zu, %s", nscms,
		    syscall_Errno_Error(e));
	tDeferFree(free, scms);
	if (scms[0].Header.Level != IPPROTO_IP ||
	    scms[0].Header.Type != IP_PKTINFO || scms[0].DataLen != sizeof(pi))
		tFatalf("got level %d type %d len %zu; want IP_PKTINFO",
		    scms[0].Header.Level, scms[0].Header.Type, scms[0].DataLen);
	memcpy(&pi, scms[0].Data, sizeof(pi));
	if (ntohl(pi.ipi_addr.s_addr) != INADDR_LOOPBACK)
		tErrorf(
		    "ipi_addr %#x; want 127.0.0.1", ntohl(pi.ipi_addr.s_addr));
	tDone();
}
END_TEST

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
	tc = newNetTCase("UDPConn", 30);
	tcase_add_test(tc, TestWriteToUDP);
	tcase_add_test(tc, TestIPv6LinkLocalUnicastUDP);
	tcase_add_loop_test(
	    tc, TestUDPConnLocalName, 0, nelem(udpConnLocalNameTests));
	tcase_add_test(tc, TestUDPConnLocalAndRemoteNames);
	tcase_add_test(tc, TestUDPZeroBytePayload);
	tcase_add_test(tc, TestUDPZeroByteBuffer);
	tcase_add_test(tc, TestUDPReadSizeError);
	tcase_add_test(tc, TestUDPReadTimeout);
	tcase_add_test(tc, TestUDPIPVersionReadMsg);
	tcase_add_test(tc, TestIPv6WriteMsgUDPAddrPortTargetAddrIPVersion);
	tcase_add_test(tc, TestAllocs);
	tcase_add_test(tc, testReadWriteMsgUDPOOB);
	suite_add_tcase(s, tc);
	return s;
}
