/*
 * gonet sockopts (C only): the C half of the socket-option table.  Its Go
 * twin, tests/diff/sockopts.go, makes the same sockets with Go 1.19's net
 * package; tools/sockopts.sh runs both and requires the same table, row
 * for row.  The output format is documented once, at the top of the twin.
 *
 * The table is the seed commit's point made visible (Go 0e3514e, "net:
 * enable SO_REUSEADDR, SO_REUSEPORT options on stream, multicast listeners
 * only"): each row is a socket made through the public API, its options
 * read back from the descriptor.  Reaching the descriptor is the one thing
 * the public API cannot do (Go uses SyscallConn), so this tool also reads
 * net/net_impl.h.  SO_DOMAIN and vasprintf are Linux's and glibc's: the
 * build's -D_GNU_SOURCE (mk/Linux.mk) makes them visible.
 */
#include <sys/socket.h>

#include <netinet/in.h>

#include <fcntl.h>
#include <ftw.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/net.h"
#include "tools/sockinfo.h"
#include "net/net_impl.h"

static char tmpdir[] = "/tmp/gonet-sockopts-XXXXXX";
static int  ports[4]; /* ports found free, hidden in error texts */
static int  nports;
static bool nojoin; /* -nojoin: make no ListenMulticastUDP calls */

static void *
xmalloc(size_t n)
{
	void *p;

	p = malloc(n);
	if (p == NULL) {
		fputs("sockopts: out of memory\n", stderr);
		exit(1);
	}
	return p;
}

/* xprintf returns a malloc'd string formatted as printf would. */
static char *xprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static char *
xprintf(const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		fputs("sockopts: out of memory\n", stderr);
		exit(1);
	}
	va_end(ap);
	return s;
}

/*
 * replaceAll returns s (which it frees) with every old replaced by new,
 * or, when digitEnd is set, only those not followed by a digit, so that
 * hiding port 80 leaves ":8080" alone.  The result is malloc'd.
 */
static char *
replaceAll(char *s, const char *old, const char *new, bool digitEnd)
{
	size_t olen, nlen, n;
	char  *out, *p, *q, *r;

	olen = strlen(old);
	nlen = strlen(new);
	/* The result is at most this long, whichever way lengths go. */
	n = strlen(s) / (olen != 0 ? olen : 1) * (nlen + 1) + strlen(s) + 1;
	out = xmalloc(n);
	r = out;
	for (p = s; (q = strstr(p, old)) != NULL; p = q + olen) {
		memcpy(r, p, (size_t)(q - p));
		r += q - p;
		if (digitEnd && q[olen] >= '0' && q[olen] <= '9') {
			memcpy(r, old, olen);
			r += olen;
		} else {
			memcpy(r, new, nlen);
			r += nlen;
		}
	}
	strcpy(r, p);
	free(s);
	return out;
}

/* hide replaces the private directory and the free ports; it frees s. */
static char *
hide(char *s)
{
	char pat[16];
	int  i;

	s = replaceAll(s, tmpdir, "TMP", false);
	for (i = 0; i < nports; i++) {
		snprintf(pat, sizeof pat, ":%d", ports[i]);
		s = replaceAll(s, pat, ":PORT", true);
	}
	return s;
}

/*
 * putq prints s as Go's %+q does for the ASCII strings this tool meets;
 * any other byte is printed as \x, which is what Go prints for it too
 * unless it is part of valid UTF-8 (no name here is).
 */
static void
putq(const char *s)
{
	const unsigned char *p;

	putchar('"');
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p >= 0x20 && *p < 0x7f)
			putchar(*p);
		else
			printf("\\x%02x", *p);
	}
	putchar('"');
}

/*
 * showAddr returns the bound address as the table shows it: an IP
 * address's port is PORT, since port 0 let the kernel choose, and the
 * private directory is TMP.  The result is malloc'd.
 */
static char *
showAddr(const net_Addr *a)
{
	net_TCPAddr t;
	net_UDPAddr u;
	char	   *s, *r;
	size_t	    n;

	if (a == NULL)
		return xprintf("<nil>");
	if (a->type == &net_TCPAddrType || a->type == &net_UDPAddrType) {
		/* Go prints the address with port 0, then swaps the 0. */
		if (a->type == &net_TCPAddrType) {
			t = *(const net_TCPAddr *)a;
			t.Port = 0;
			s = net_TCPAddr_String(&t);
		} else {
			u = *(const net_UDPAddr *)a;
			u.Port = 0;
			s = net_UDPAddr_String(&u);
		}
		n = strlen(s);
		if (n >= 2 && strcmp(s + n - 2, ":0") == 0)
			s[n - 2] = '\0';
		r = xprintf("%s:PORT", s);
		free(s);
		return r;
	}
	return hide(net_Addr_String(a));
}

/* fdOpts prints the option columns of fd. */
static void
fdOpts(int fd)
{
	sockinfo si;

	sockinfo_read(fd, &si);
	printf("%-9s %-9s %-9s %-6s %-9s %-8s %-7s", si.reuseaddr, si.reuseport,
	    si.broadcast, si.v6only, si.sotype, si.nonblock, si.cloexec);
}

/*
 * row prints one socket's line (fd >= 0) or the error that kept it from
 * being made; it frees kind and err.
 */
static void
row(char *kind, int fd, const net_Addr *laddr, runtime_error *err)
{
	char *s;

	printf("%-50s ", kind);
	free(kind);
	if (err != NULL) {
		printf("error=%s msg=", err->type->name);
		s = hide(xprintf("%s", runtime_error_Error(err)));
		putq(s);
		free(s);
		putchar('\n');
		runtime_error_Free(err);
		return;
	}
	fdOpts(fd);
	putchar(' ');
	s = showAddr(laddr);
	putq(s);
	free(s);
	putchar('\n');
}

static void
listeners(void)
{
	static const char *const c[][2] = {
		{ "tcp", ":0" },
		{ "tcp4", "127.0.0.1:0" },
		{ "tcp6", "[::1]:0" },
		{ "unix", "/unix.sock" },
		{ "unixpacket", "/unixpacket.sock" },
	};
	runtime_error *err;
	net_Listener  *l;
	char	      *addr;
	size_t	       i;

	for (i = 0; i < nelem(c); i++) {
		addr = c[i][1][0] == '/' ? xprintf("%s%s", tmpdir, c[i][1])
					 : xprintf("%s", c[i][1]);
		err = net_Listen(c[i][0], addr, &l);
		if (err != NULL)
			row(hide(xprintf("Listen %s %s", c[i][0], addr)), -1,
			    NULL, err);
		else {
			row(hide(xprintf("Listen %s %s", c[i][0], addr)),
			    net_Listener_sysfd(l), net_Listener_Addr(l), NULL);
			runtime_error_Free(net_Listener_Close(l));
			net_Listener_Free(l);
		}
		free(addr);
	}
}

static void
packetListeners(void)
{
	static const char *const c[][2] = {
		{ "udp", ":0" },
		{ "udp4", "127.0.0.1:0" },
		{ "udp6", "[::1]:0" },
		{ "unixgram", "/unixgram.sock" },
	};
	runtime_error  *err;
	net_PacketConn *p;
	char	       *addr;
	size_t		i;

	for (i = 0; i < nelem(c); i++) {
		addr = c[i][1][0] == '/' ? xprintf("%s%s", tmpdir, c[i][1])
					 : xprintf("%s", c[i][1]);
		err = net_ListenPacket(c[i][0], addr, &p);
		if (err != NULL)
			row(hide(xprintf("ListenPacket %s %s", c[i][0], addr)),
			    -1, NULL, err);
		else {
			row(hide(xprintf("ListenPacket %s %s", c[i][0], addr)),
			    net_PacketConn_sysfd(p),
			    net_PacketConn_LocalAddr(p), NULL);
			runtime_error_Free(net_PacketConn_Close(p));
			net_PacketConn_Free(p);
		}
		free(addr);
	}
}

/*
 * freePort returns a UDP port that was free a moment ago on the wildcard
 * address of network, where a multicast listener binds; 0 if none.
 */
static int
freePort(const char *network)
{
	runtime_error  *err;
	net_PacketConn *p;
	const net_Addr *a;
	int		port;

	err = net_ListenPacket(network, ":0", &p);
	if (err != NULL) {
		runtime_error_Free(err);
		return 0;
	}
	port = 0;
	a = net_PacketConn_LocalAddr(p);
	if (a != NULL && a->type == &net_UDPAddrType)
		port = ((const net_UDPAddr *)a)->Port;
	runtime_error_Free(net_PacketConn_Close(p));
	net_PacketConn_Free(p);
	if (nports < (int)nelem(ports))
		ports[nports++] = port;
	return port;
}

/*
 * multicast makes the multicast listeners of one family: ListenPacket on
 * the group (zone "lo" for IPv6), then ListenMulticastUDP twice on the
 * same group and port, which SO_REUSEADDR must allow.  The interface is
 * NULL, the system's choice: gonet has no Interface values yet.  Joining
 * announces the membership on the chosen link, hence -nojoin (the twin
 * says why).
 */
static void
multicast(const char *network, const char *group)
{
	runtime_error  *err;
	net_PacketConn *p;
	net_UDPConn    *c1, *c2;
	net_UDPAddr	gaddr;
	char	       *hp, *gs, *kind;
	int		port;

	port = freePort(network);
	if (strchr(group, ':') != NULL)
		hp = xprintf("[%s%%lo]:%d", group, port);
	else
		hp = xprintf("%s:%d", group, port);
	err = net_ListenPacket(network, hp, &p);
	if (err != NULL)
		row(hide(xprintf("ListenPacket %s %s", network, hp)), -1, NULL,
		    err);
	else {
		row(hide(xprintf("ListenPacket %s %s", network, hp)),
		    net_PacketConn_sysfd(p), net_PacketConn_LocalAddr(p), NULL);
		runtime_error_Free(net_PacketConn_Close(p));
		net_PacketConn_Free(p);
	}
	free(hp);

	memset(&gaddr, 0, sizeof gaddr);
	net_UDPAddr_Addr(&gaddr);
	gaddr.IP = net_ParseIP(group);
	gaddr.Port = port;
	gs = net_UDPAddr_String(&gaddr);
	kind = hide(xprintf("ListenMulticastUDP %s nil %s", network, gs));
	free(gs);
	if (nojoin) {
		printf("%-50s skipped: no private network namespace\n", kind);
		free(kind);
		return;
	}
	c1 = c2 = NULL;
	err = net_ListenMulticastUDP(network, NULL, &gaddr, &c1);
	if (err != NULL) {
		row(kind, -1, NULL, err);
		return;
	}
	row(xprintf("%s", kind), net_Conn_sysfd(net_UDPConn_Conn(c1)),
	    net_UDPConn_LocalAddr(c1), NULL);
	err = net_ListenMulticastUDP(network, NULL, &gaddr, &c2);
	if (err != NULL)
		row(xprintf("%s (2nd)", kind), -1, NULL, err);
	else
		row(xprintf("%s (2nd)", kind),
		    net_Conn_sysfd(net_UDPConn_Conn(c2)),
		    net_UDPConn_LocalAddr(c2), NULL);
	free(kind);
	printf("%-50s coexists: %s\n", "  two listeners, same group and port",
	    c2 != NULL ? "true" : "false");
	if (c2 != NULL) {
		runtime_error_Free(net_UDPConn_Close(c2));
		net_UDPConn_Free(c2);
	}
	runtime_error_Free(net_UDPConn_Close(c1));
	net_UDPConn_Free(c1);
}

/*
 * dialOne dials the loopback listener of one network and prints the dialed
 * socket; for TCP it also prints the accepted one.
 */
static void
dialOne(const char *network, const char *laddr)
{
	runtime_error  *err;
	net_Listener   *l;
	net_PacketConn *p;
	net_Conn       *conn, *a;
	const net_Addr *addr;
	char	       *as, *shown, *kind;

	l = NULL;
	p = NULL;
	if (strncmp(network, "udp", 3) == 0 ||
	    strcmp(network, "unixgram") == 0) {
		err = net_ListenPacket(network, laddr, &p);
		addr = err == NULL ? net_PacketConn_LocalAddr(p) : NULL;
	} else {
		err = net_Listen(network, laddr, &l);
		addr = err == NULL ? net_Listener_Addr(l) : NULL;
	}
	if (err != NULL) {
		row(hide(xprintf("Dial %s %s", network, laddr)), -1, NULL, err);
		return;
	}
	shown = showAddr(addr);
	kind = xprintf("Dial %s %s", network, shown);
	free(shown);
	as = net_Addr_String(addr);
	err = net_Dial(network, as, &conn);
	free(as);
	if (err != NULL)
		row(kind, -1, NULL, err);
	else {
		row(kind, net_Conn_sysfd(conn), net_Conn_LocalAddr(conn), NULL);
		if (strcmp(network, "tcp") == 0) {
			err = net_Listener_Accept(l, &a);
			if (err != NULL)
				row(xprintf("Accept tcp"), -1, NULL, err);
			else {
				row(xprintf("Accept tcp"), net_Conn_sysfd(a),
				    net_Conn_LocalAddr(a), NULL);
				runtime_error_Free(net_Conn_Close(a));
				net_Conn_Free(a);
			}
		}
		runtime_error_Free(net_Conn_Close(conn));
		net_Conn_Free(conn);
	}
	if (l != NULL) {
		runtime_error_Free(net_Listener_Close(l));
		net_Listener_Free(l);
	} else {
		runtime_error_Free(net_PacketConn_Close(p));
		net_PacketConn_Free(p);
	}
}

static void
dialed(void)
{
	static const char *const c[][2] = {
		{ "tcp", "127.0.0.1:0" },
		{ "tcp6", "[::1]:0" },
		{ "udp", "127.0.0.1:0" },
		{ "udp6", "[::1]:0" },
		{ "unix", "/dial-unix.sock" },
		{ "unixgram", "/dial-unixgram.sock" },
		{ "unixpacket", "/dial-unixpacket.sock" },
	};
	char  *addr;
	size_t i;

	for (i = 0; i < nelem(c); i++) {
		addr = c[i][1][0] == '/' ? xprintf("%s%s", tmpdir, c[i][1])
					 : xprintf("%s", c[i][1]);
		dialOne(c[i][0], addr);
		free(addr);
	}
}

static int
removeOne(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

int
main(int argc, char *argv[])
{
	nojoin = argc == 2 && strcmp(argv[1], "-nojoin") == 0;
	if (argc > 2 || (argc == 2 && !nojoin)) {
		fprintf(strcmp(argv[1], "--help") == 0 ? stdout : stderr,
		    "usage: sockopts [-nojoin]\n"
		    "Prints the options gonet sets on each kind of socket.\n"
		    "-nojoin: skip the multicast group joins.\n");
		return strcmp(argv[1], "--help") == 0 ? 0 : 2;
	}
	if (mkdtemp(tmpdir) == NULL) {
		perror("sockopts: mkdtemp");
		return 1;
	}
	printf("%-50s %-9s %-9s %-9s %-6s %-9s %-8s %-7s %s\n", "KIND",
	    "REUSEADDR", "REUSEPORT", "BROADCAST", "V6ONLY", "TYPE", "NONBLOCK",
	    "CLOEXEC", "LOCAL");
	listeners();
	packetListeners();
	multicast("udp4", "224.0.0.251");
	multicast("udp6", "ff02::114");
	dialed();
	/* Depth first, so that the directory goes after its sockets. */
	nftw(tmpdir, removeOne, 8, FTW_DEPTH | FTW_PHYS);
	if (fflush(stdout) != 0) {
		perror("sockopts");
		return 1;
	}
	return 0;
}
