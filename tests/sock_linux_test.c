/*
 * C port of go1.19 src/net/sock_linux_test.go (built on: linux), plus
 * gonet's proof that the socket layer leaves on every kind of socket the
 * options Go 1.19 leaves (testDefaultSockopts, whose table
 * tests/testdata/sockopts_go119.go printed with Go 1.19).
 */
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

START_TEST(TestMaxAckBacklog)
{
	int n, major, minor, backlog, expected;

	n = 196602;
	net_kernelVersion(&major, &minor);
	backlog = net_maxAckBacklog(n);
	expected = (1 << 16) - 1;
	if (major > 4 || (major == 4 && minor >= 1))
		expected = n;
	ck_assert_msg(backlog == expected,
	    "Kernel version: \"%d.%d\", sk_max_ack_backlog mismatch, got %d, "
	    "want %d",
	    major, minor, backlog, expected);
}
END_TEST

/*
 * defaultSockoptsTests is tests/testdata/sockopts_go119.txt, what Go 1.19
 * left on each socket; which picks the second of two listeners that share
 * one multicast group and port.
 */
static const struct {
	const char *kind;
	int	    which;
	const char *want;
} defaultSockoptsTests[] = {
	{ "tcp-listener", 0,
	    "tcp-listener reuseaddr=1 reuseport=0 broadcast=0 v6only=- type=1 "
	    "nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "tcp4-listener", 0,
	    "tcp4-listener reuseaddr=1 reuseport=0 broadcast=0 v6only=- "
	    "type=1 nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "tcp6-listener", 0,
	    "tcp6-listener reuseaddr=1 reuseport=0 broadcast=0 v6only=1 "
	    "type=1 nonblock=1 cloexec=1 host=::1" },
	{ "unix-listener", 0,
	    "unix-listener reuseaddr=1 reuseport=0 broadcast=0 v6only=- "
	    "type=1 nonblock=1 cloexec=1" },
	{ "unixpacket-listener", 0,
	    "unixpacket-listener reuseaddr=1 reuseport=0 broadcast=0 v6only=- "
	    "type=5 nonblock=1 cloexec=1" },
	{ "unixgram-listener", 0,
	    "unixgram-listener reuseaddr=0 reuseport=0 broadcast=0 v6only=- "
	    "type=2 nonblock=1 cloexec=1" },
	{ "udp4-listener", 0,
	    "udp4-listener reuseaddr=0 reuseport=0 broadcast=1 v6only=- "
	    "type=2 nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "udp6-listener", 0,
	    "udp6-listener reuseaddr=0 reuseport=0 broadcast=1 v6only=1 "
	    "type=2 nonblock=1 cloexec=1 host=::1" },
	{ "udp4-multicast-listener", 0,
	    "udp4-multicast-listener reuseaddr=1 reuseport=0 broadcast=1 "
	    "v6only=- type=2 nonblock=1 cloexec=1 host=0.0.0.0" },
	{ "udp4-multicast-listener", 1,
	    "udp4-multicast-listener reuseaddr=1 reuseport=0 broadcast=1 "
	    "v6only=- type=2 nonblock=1 cloexec=1 host=0.0.0.0" },
	{ "udp6-multicast-listener", 0,
	    "udp6-multicast-listener reuseaddr=1 reuseport=0 broadcast=1 "
	    "v6only=1 type=2 nonblock=1 cloexec=1 host=::" },
	{ "udp6-multicast-listener", 1,
	    "udp6-multicast-listener reuseaddr=1 reuseport=0 broadcast=1 "
	    "v6only=1 type=2 nonblock=1 cloexec=1 host=::" },
	{ "tcp-dial", 0,
	    "tcp-dial reuseaddr=0 reuseport=0 broadcast=0 v6only=- type=1 "
	    "nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "tcp-accept", 0,
	    "tcp-accept reuseaddr=1 reuseport=0 broadcast=0 v6only=- type=1 "
	    "nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "tcp6-dial", 0,
	    "tcp6-dial reuseaddr=0 reuseport=0 broadcast=0 v6only=1 type=1 "
	    "nonblock=1 cloexec=1 host=::1" },
	{ "tcp6-accept", 0,
	    "tcp6-accept reuseaddr=1 reuseport=0 broadcast=0 v6only=1 type=1 "
	    "nonblock=1 cloexec=1 host=::1" },
	{ "udp-dial", 0,
	    "udp-dial reuseaddr=0 reuseport=0 broadcast=1 v6only=- type=2 "
	    "nonblock=1 cloexec=1 host=127.0.0.1" },
	{ "unix-dial", 0,
	    "unix-dial reuseaddr=0 reuseport=0 broadcast=0 v6only=- type=1 "
	    "nonblock=1 cloexec=1" },
	{ "unix-accept", 0,
	    "unix-accept reuseaddr=0 reuseport=0 broadcast=0 v6only=- type=1 "
	    "nonblock=1 cloexec=1" },
	{ "unixpacket-dial", 0,
	    "unixpacket-dial reuseaddr=0 reuseport=0 broadcast=0 v6only=- "
	    "type=5 nonblock=1 cloexec=1" },
	{ "unixpacket-accept", 0,
	    "unixpacket-accept reuseaddr=0 reuseport=0 broadcast=0 v6only=- "
	    "type=5 nonblock=1 cloexec=1" },
};

static int
getInt(int fd, int level, int opt)
{
	int	  v;
	socklen_t n;

	v = -1;
	n = sizeof(v);
	ck_assert_msg(getsockopt(fd, level, opt, &v, &n) == 0,
	    "getsockopt(%d, %d, %d): %s", fd, level, opt, strerror(errno));
	return v;
}

/*
 * sockoptsLine reads what sockopts_go119.go reads from fd and formats it
 * the same way into buf.
 */
static void
sockoptsLine(
    char *buf, size_t len, const char *kind, int fd, const net_Addr *laddr)
{
	struct sockaddr_storage ss;
	socklen_t		sslen;
	char			v6only[16], *host;
	int			fl, fdfl, n;

	sslen = sizeof(ss);
	ck_assert(getsockname(fd, (struct sockaddr *)&ss, &sslen) == 0);
	strcpy(v6only, "-");
	if (ss.ss_family == AF_INET6)
		snprintf(v6only, sizeof(v6only), "%d",
		    getInt(fd, IPPROTO_IPV6, IPV6_V6ONLY));
	fl = fcntl(fd, F_GETFL);
	fdfl = fcntl(fd, F_GETFD);
	ck_assert(fl != -1 && fdfl != -1);
	n = snprintf(buf, len,
	    "%s reuseaddr=%d reuseport=%d broadcast=%d v6only=%s type=%d "
	    "nonblock=%d cloexec=%d",
	    kind, getInt(fd, SOL_SOCKET, SO_REUSEADDR),
	    getInt(fd, SOL_SOCKET, SO_REUSEPORT),
	    getInt(fd, SOL_SOCKET, SO_BROADCAST), v6only,
	    getInt(fd, SOL_SOCKET, SO_TYPE), (fl & O_NONBLOCK) != 0,
	    (fdfl & FD_CLOEXEC) != 0);
	ck_assert(laddr != NULL);
	host = NULL;
	if (laddr->type == &net_TCPAddrType)
		host = net_IP_String(((const net_TCPAddr *)laddr)->IP);
	else if (laddr->type == &net_UDPAddrType)
		host = net_IP_String(((const net_UDPAddr *)laddr)->IP);
	if (host != NULL)
		snprintf(buf + n, len - (size_t)n, " host=%s", host);
	free(host);
}

/*
 * captureFd is a Control function that remembers the descriptor: it stays
 * the socket's own number after bind, listen and connect, so the options
 * can be read once the call has returned.
 */
static void
storeFd(uintptr_t fd, void *arg)
{
	*(int *)arg = (int)fd;
}

static runtime_error *
captureFd(
    const char *network, const char *address, syscall_RawConn *c, void *arg)
{
	(void)network;
	(void)address;
	return syscall_RawConn_Control(c, storeFd, arg);
}

/*
 * acceptedFd finds the descriptor of the connection lfd accepted: the
 * socket with lfd's local address that is not listening.
 */
static int
acceptedFd(int lfd)
{
	struct sockaddr_storage lss, ss;
	socklen_t		llen, len;
	DIR		       *d;
	struct dirent	       *e;
	int			fd, found;

	llen = sizeof(lss);
	ck_assert(getsockname(lfd, (struct sockaddr *)&lss, &llen) == 0);
	found = -1;
	d = opendir("/proc/self/fd");
	ck_assert(d != NULL);
	while ((e = readdir(d)) != NULL) {
		fd = atoi(e->d_name);
		if (e->d_name[0] == '.' || fd == lfd || fd == dirfd(d))
			continue;
		len = sizeof(ss);
		if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0 ||
		    len != llen || memcmp(&ss, &lss, len) != 0)
			continue;
		if (getInt(fd, SOL_SOCKET, SO_ACCEPTCONN) == 0)
			found = fd;
	}
	closedir(d);
	ck_assert_msg(found != -1, "no accepted socket for %d", lfd);
	return found;
}

static void
noErr(const char *what, runtime_error *err)
{
	ck_assert_msg(err == NULL, "%s: %s", what,
	    err != NULL ? runtime_error_Error(err) : "");
}

static void
closeListener(net_Listener *ln)
{
	if (ln == NULL)
		return;
	runtime_error_Free(net_Listener_Close(ln));
	net_Listener_Free(ln);
}

static void
closeConn(net_Conn *c)
{
	if (c == NULL)
		return;
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

static void
closePacketConn(net_PacketConn *c)
{
	if (c == NULL)
		return;
	runtime_error_Free(net_PacketConn_Close(c));
	net_PacketConn_Free(c);
}

/* freeUDPPort asks the kernel for a UDP port free on host's loopback. */
static int
freeUDPPort(const char *network, const char *address)
{
	net_PacketConn *c;
	int		port;

	noErr("ListenPacket", net_ListenPacket(network, address, &c));
	port = ((const net_UDPAddr *)net_PacketConn_LocalAddr(c))->Port;
	closePacketConn(c);
	return port;
}

/* One row's sockets, closed and freed after the row. */
struct sockoptsRow {
	char		dir[64];
	char		path[128];
	net_Listener   *ln;
	net_Conn       *c, *ac;
	net_PacketConn *pc[2];
};

static void
rowListen(
    struct sockoptsRow *r, const char *network, const char *address, int *fd)
{
	net_ListenConfig lc = { 0 };

	lc.Control = captureFd;
	lc.ControlArg = fd;
	noErr("Listen",
	    net_ListenConfig_Listen(
		&lc, context_Background(), network, address, &r->ln));
}

static void
rowListenPacket(struct sockoptsRow *r, int i, const char *network,
    const char *address, int *fd)
{
	net_ListenConfig lc = { 0 };

	lc.Control = captureFd;
	lc.ControlArg = fd;
	noErr("ListenPacket",
	    net_ListenConfig_ListenPacket(
		&lc, context_Background(), network, address, &r->pc[i]));
}

static void
rowDial(
    struct sockoptsRow *r, const char *network, const net_Addr *addr, int *fd)
{
	net_Dialer d = { 0 };
	char	  *s;

	d.Control = captureFd;
	d.ControlArg = fd;
	s = net_Addr_String(addr);
	noErr("Dial", net_Dialer_Dial(&d, network, s, &r->c));
	free(s);
}

static const char *
rowPath(struct sockoptsRow *r, const char *name)
{
	strcpy(r->dir, "/tmp/gonet-sockopts-XXXXXX");
	ck_assert(mkdtemp(r->dir) != NULL);
	snprintf(r->path, sizeof(r->path), "%s/%s", r->dir, name);
	return r->path;
}

static void
rowClose(struct sockoptsRow *r)
{
	closeConn(r->ac);
	closeConn(r->c);
	closeListener(r->ln);
	closePacketConn(r->pc[0]);
	closePacketConn(r->pc[1]);
	if (r->path[0] != '\0')
		unlink(r->path);
	if (r->dir[0] != '\0')
		rmdir(r->dir);
}

START_TEST(testDefaultSockopts)
{
	struct sockoptsRow r;
	const char	  *kind;
	const net_Addr	  *laddr;
	char		   got[256], addr[64];
	int		   fd, fd2;

	memset(&r, 0, sizeof(r));
	kind = defaultSockoptsTests[_i].kind;
	if (strstr(kind, "6") != NULL && !net_supportsIPv6()) {
		fprintf(stderr, "%s: skipped: IPv6 is not supported\n", kind);
		return;
	}
	fd = fd2 = -1;
	laddr = NULL;
	if (strcmp(kind, "tcp-listener") == 0 ||
	    strcmp(kind, "tcp4-listener") == 0 ||
	    strcmp(kind, "tcp6-listener") == 0) {
		strcpy(addr, kind[3] == '6' ? "[::1]:0" : "127.0.0.1:0");
		snprintf(got, sizeof(got), "%.*s",
		    (int)(strchr(kind, '-') - kind), kind);
		rowListen(&r, got, addr, &fd);
		laddr = net_Listener_Addr(r.ln);
	} else if (strcmp(kind, "unix-listener") == 0 ||
	    strcmp(kind, "unixpacket-listener") == 0) {
		snprintf(got, sizeof(got), "%.*s",
		    (int)(strchr(kind, '-') - kind), kind);
		rowListen(&r, got, rowPath(&r, got), &fd);
		laddr = net_Listener_Addr(r.ln);
	} else if (strcmp(kind, "unixgram-listener") == 0) {
		rowListenPacket(
		    &r, 0, "unixgram", rowPath(&r, "unixgram"), &fd);
		laddr = net_PacketConn_LocalAddr(r.pc[0]);
	} else if (strcmp(kind, "udp4-listener") == 0) {
		rowListenPacket(&r, 0, "udp4", "127.0.0.1:0", &fd);
		laddr = net_PacketConn_LocalAddr(r.pc[0]);
	} else if (strcmp(kind, "udp6-listener") == 0) {
		rowListenPacket(&r, 0, "udp6", "[::1]:0", &fd);
		laddr = net_PacketConn_LocalAddr(r.pc[0]);
	} else if (strcmp(kind, "udp4-multicast-listener") == 0) {
		snprintf(addr, sizeof(addr), "224.0.0.251:%d",
		    freeUDPPort("udp4", "127.0.0.1:0"));
		/*
		 * Both bind the group's port: that they coexist is the point.
		 */
		rowListenPacket(&r, 0, "udp4", addr, &fd);
		rowListenPacket(&r, 1, "udp4", addr, &fd2);
		if (defaultSockoptsTests[_i].which == 1)
			fd = fd2;
		laddr = net_PacketConn_LocalAddr(
		    r.pc[defaultSockoptsTests[_i].which]);
	} else if (strcmp(kind, "udp6-multicast-listener") == 0) {
		snprintf(addr, sizeof(addr), "[ff02::fb%%lo]:%d",
		    freeUDPPort("udp6", "[::1]:0"));
		rowListenPacket(&r, 0, "udp6", addr, &fd);
		rowListenPacket(&r, 1, "udp6", addr, &fd2);
		if (defaultSockoptsTests[_i].which == 1)
			fd = fd2;
		laddr = net_PacketConn_LocalAddr(
		    r.pc[defaultSockoptsTests[_i].which]);
	} else if (strcmp(kind, "tcp-dial") == 0 ||
	    strcmp(kind, "tcp-accept") == 0 || strcmp(kind, "tcp6-dial") == 0 ||
	    strcmp(kind, "tcp6-accept") == 0) {
		rowListen(&r, kind[3] == '6' ? "tcp6" : "tcp",
		    kind[3] == '6' ? "[::1]:0" : "127.0.0.1:0", &fd2);
		rowDial(&r, kind[3] == '6' ? "tcp6" : "tcp",
		    net_Listener_Addr(r.ln), &fd);
		laddr = net_Conn_LocalAddr(r.c);
		if (strstr(kind, "accept") != NULL) {
			noErr("Accept", net_Listener_Accept(r.ln, &r.ac));
			fd = acceptedFd(fd2);
			laddr = net_Conn_LocalAddr(r.ac);
		}
	} else if (strcmp(kind, "udp-dial") == 0) {
		rowListenPacket(&r, 0, "udp4", "127.0.0.1:0", &fd2);
		rowDial(&r, "udp", net_PacketConn_LocalAddr(r.pc[0]), &fd);
		laddr = net_Conn_LocalAddr(r.c);
	} else if (strcmp(kind, "unix-dial") == 0 ||
	    strcmp(kind, "unix-accept") == 0 ||
	    strcmp(kind, "unixpacket-dial") == 0 ||
	    strcmp(kind, "unixpacket-accept") == 0) {
		snprintf(got, sizeof(got), "%.*s",
		    (int)(strchr(kind, '-') - kind), kind);
		rowListen(&r, got, rowPath(&r, got), &fd2);
		rowDial(&r, got, net_Listener_Addr(r.ln), &fd);
		laddr = net_Conn_LocalAddr(r.c);
		if (strstr(kind, "accept") != NULL) {
			noErr("Accept", net_Listener_Accept(r.ln, &r.ac));
			fd = acceptedFd(fd2);
			laddr = net_Conn_LocalAddr(r.ac);
		}
	} else {
		ck_abort_msg("unknown kind %s", kind);
	}
	ck_assert_int_ne(fd, -1);
	sockoptsLine(got, sizeof(got), kind, fd, laddr);
	rowClose(&r);
	ck_assert_msg(strcmp(got, defaultSockoptsTests[_i].want) == 0,
	    "got  %s\nwant %s", got, defaultSockoptsTests[_i].want);
}
END_TEST

/*
 * testListenerSockaddr checks the seed's routing directly on bare
 * sockets: which kinds of address get SO_REUSEADDR, and that a multicast
 * group becomes its family's wildcard address with the group's port.
 */
START_TEST(testListenerSockaddr)
{
	net_TCPAddr	 ta = { 0 };
	net_UDPAddr	 ua = { 0 }, v;
	net_UnixAddr	 xa = { 0 };
	const net_Addr	*la;
	syscall_Sockaddr lsa;
	runtime_error	*err;
	int		 s;

	/* A TCP listener may rebind a port in TIME_WAIT. */
	ck_assert(net_sysSocket(AF_INET, SOCK_STREAM, 0, &s) == 0);
	ta.IP = net_IPv4(127, 0, 0, 1);
	la = net_TCPAddr_Addr(&ta);
	err = net_listenerSockaddr(s, AF_INET, SOCK_STREAM, &la, &v, &lsa);
	noErr("listenerSockaddr", err);
	ck_assert(la == &ta.addr);
	ck_assert_int_eq(getInt(s, SOL_SOCKET, SO_REUSEADDR), 1);
	ck_assert_int_eq(lsa.Family, AF_INET);
	close(s);

	/* A unicast UDP listener binds as asked, with no reuse. */
	ck_assert(net_sysSocket(AF_INET, SOCK_DGRAM, 0, &s) == 0);
	ua.IP = net_IPv4(127, 0, 0, 1);
	ua.Port = 5353;
	la = net_UDPAddr_Addr(&ua);
	err = net_listenerSockaddr(s, AF_INET, SOCK_DGRAM, &la, &v, &lsa);
	noErr("listenerSockaddr", err);
	ck_assert(la == &ua.addr);
	ck_assert_int_eq(getInt(s, SOL_SOCKET, SO_REUSEADDR), 0);
	ck_assert_int_eq(lsa.u.Inet4.Addr[0], 127);
	close(s);

	/* A multicast UDP listener binds the wildcard, reusably. */
	ck_assert(net_sysSocket(AF_INET, SOCK_DGRAM, 0, &s) == 0);
	ua.IP = net_IPv4(224, 0, 0, 251);
	la = net_UDPAddr_Addr(&ua);
	err = net_listenerSockaddr(s, AF_INET, SOCK_DGRAM, &la, &v, &lsa);
	noErr("listenerSockaddr", err);
	ck_assert(la == &v.addr);
	ck_assert(net_IP_Equal(v.IP, net_IPv4zero));
	ck_assert_int_eq(v.Port, 5353);
	ck_assert_int_eq(getInt(s, SOL_SOCKET, SO_REUSEADDR), 1);
	ck_assert_int_eq(lsa.Family, AF_INET);
	ck_assert_int_eq(lsa.u.Inet4.Port, 5353);
	ck_assert(memcmp(lsa.u.Inet4.Addr, "\0\0\0\0", 4) == 0);
	close(s);

	/* A unixgram listener is left alone, as Go 1.19 leaves it. */
	ck_assert(net_sysSocket(AF_UNIX, SOCK_DGRAM, 0, &s) == 0);
	xa.Name = "@gonet-test";
	xa.Net = "unixgram";
	la = net_UnixAddr_Addr(&xa);
	err = net_listenerSockaddr(s, AF_UNIX, SOCK_DGRAM, &la, &v, &lsa);
	noErr("listenerSockaddr", err);
	ck_assert_int_eq(getInt(s, SOL_SOCKET, SO_REUSEADDR), 0);
	close(s);
}
END_TEST

static syscall_Errno
failSocket(int domain, int typ, int proto, int *fd)
{
	(void)domain;
	(void)typ;
	(void)proto;
	*fd = -1;
	return EMFILE;
}

/*
 * testSocketHookError checks that a failing socket call surfaces with
 * Go's wrapping: the OpError of Listen around os.SyscallError("socket").
 */
START_TEST(testSocketHookError)
{
	syscall_Errno (*orig)(int, int, int, int *);
	net_Listener  *ln;
	runtime_error *err;

	orig = net_socketFunc;
	net_socketFunc = failSocket;
	err = net_Listen("tcp", "127.0.0.1:0", &ln);
	net_socketFunc = orig;
	ck_assert(err != NULL);
	ck_assert_str_eq(runtime_error_Error(err),
	    "listen tcp 127.0.0.1:0: socket: too many open files");
	runtime_error_Free(err);
}
END_TEST

Suite *
sock_linux_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("sock_linux");
	tc = newTCase("sock_linux");
	tcase_add_test(tc, TestMaxAckBacklog);
	tcase_add_loop_test(
	    tc, testDefaultSockopts, 0, nelem(defaultSockoptsTests));
	tcase_add_test(tc, testListenerSockaddr);
	tcase_add_test(tc, testSocketHookError);
	suite_add_tcase(s, tc);
	return s;
}
