/*
 * gonet netprobe (C only): the Conv op, conversations on live sockets.
 * Its Go twin is opConv and the functions before it at the end of
 * tests/diff/netprobe.go, whose header documents the script language and
 * the output; the names here follow that file, method for method.
 *
 * Unlike the socket ops it needs nothing beyond the public API.  A verb
 * applies to an object when the object's Go type has the method, so the
 * object keeps every view gonet offers of it (Conn, PacketConn, Listener
 * and the concrete type) and a NULL view is Go's failed type assertion.
 */
#include <sys/socket.h>

#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "net/net.h"
#include "syscall/syscall.h"
#include "tools/netprobe.h"

enum {
	convMaxActions = 64,
	convMaxBytes = 65536,
	convShowBytes = 64,
	convMaxPorts = 32,
};

#define convMaxSleep	time_Second
#define convMaxDeadline (24 * time_Hour)
#define convSafety	(250 * time_Millisecond)

/* Argument kinds of the verbs. */
enum {
	argNone,
	argWord,
	argCount,  /* 0..convMaxBytes */
	argInt,	   /* strconv.ParseInt(s, 10, 32) */
	argBool,   /* 0 or 1 */
	argLinger, /* an int no greater than 1 */
	argDeadline,
};

/* Deadline kinds. */
enum { dlPast, dlZero, dlRel };

static const char *const convNetworks[] = { "tcp", "tcp4", "tcp6", "udp",
	"udp4", "udp6", "unix", "unixgram", "unixpacket" };

static const struct {
	const char *name;
	int	    kind;
} convVerbs[] = {
	{ "write", argWord },
	{ "writen", argCount },
	{ "read", argCount },
	{ "readfrom", argCount },
	{ "writeto", argWord },
	{ "deadline", argDeadline },
	{ "rdeadline", argDeadline },
	{ "wdeadline", argDeadline },
	{ "close", argNone },
	{ "closeread", argNone },
	{ "closewrite", argNone },
	{ "linger", argLinger },
	{ "nodelay", argBool },
	{ "keepalive", argBool },
	{ "readbuffer", argInt },
	{ "writebuffer", argInt },
	{ "local", argNone },
	{ "remote", argNone },
};

#define nelem(a) (sizeof(a) / sizeof((a)[0]))

typedef struct convAction {
	char	     *text; /* the action, trimmed */
	char	     *buf;  /* its words, NUL-separated */
	const char   *name; /* the first word: "listen", "c.read", ... */
	char	      obj;  /* 'l', 'c' or 's' for X.VERB, else 0 */
	const char   *verb;
	const char   *arg; /* the argument as written, "" when none */
	bool	      has; /* whether there is an argument */
	int	      n;
	time_Duration d;
	int	      dl;
} convAction;

/*
 * Parsing.  parseDuration is Go's time.ParseDuration (the probe's own
 * code, like the quoting: gonet has no ParseDuration to test).
 */

static bool
isDigit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
leadingInt(const char **sp, uint64_t *x)
{
	const char *s;
	uint64_t    v;

	v = 0;
	for (s = *sp; isDigit(*s); s++) {
		if (v > ((uint64_t)1 << 63) / 10)
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > (uint64_t)1 << 63)
			return false;
	}
	*x = v;
	*sp = s;
	return true;
}

/* leadingFraction stops gaining precision on overflow, as Go's does. */
static void
leadingFraction(const char **sp, uint64_t *x, double *scale)
{
	const char *s;
	uint64_t    v, y;
	bool	    overflow;

	v = 0;
	*scale = 1;
	overflow = false;
	for (s = *sp; isDigit(*s); s++) {
		if (overflow)
			continue;
		if (v > (((uint64_t)1 << 63) - 1) / 10) {
			overflow = true;
			continue;
		}
		y = v * 10 + (uint64_t)(*s - '0');
		if (y > (uint64_t)1 << 63) {
			overflow = true;
			continue;
		}
		v = y;
		*scale *= 10;
	}
	*x = v;
	*sp = s;
}

/* unitOf returns the nanoseconds of the unit in s[0:n], 0 if unknown. */
static uint64_t
unitOf(const char *s, size_t n)
{
	static const struct {
		const char *name;
		uint64_t    ns;
	} units[] = {
		{ "ns", 1 },
		{ "us", 1000 },
		{ "\xc2\xb5s", 1000 }, /* U+00B5, micro sign */
		{ "\xce\xbcs", 1000 }, /* U+03BC, Greek mu */
		{ "ms", 1000000 },
		{ "s", 1000000000 },
		{ "m", (uint64_t)60 * 1000000000 },
		{ "h", (uint64_t)3600 * 1000000000 },
	};
	size_t i;

	for (i = 0; i < nelem(units); i++)
		if (strlen(units[i].name) == n &&
		    memcmp(units[i].name, s, n) == 0)
			return units[i].ns;
	return 0;
}

/* parseTerm consumes one number and its unit, adding them to *d. */
static bool
parseTerm(const char **sp, uint64_t *d)
{
	const char *s, *p;
	uint64_t    v, f, unit;
	double	    scale;
	bool	    pre, post;
	size_t	    i;

	s = *sp;
	f = 0;
	scale = 1;
	if (!(*s == '.' || isDigit(*s)))
		return false;
	p = s;
	if (!leadingInt(&s, &v))
		return false;
	pre = s != p;
	post = false;
	if (*s == '.') {
		p = ++s;
		leadingFraction(&s, &f, &scale);
		post = s != p;
	}
	if (!pre && !post)
		return false;
	for (i = 0; s[i] != '\0' && s[i] != '.' && !isDigit(s[i]); i++)
		;
	if (i == 0 || (unit = unitOf(s, i)) == 0)
		return false;
	*sp = s + i;
	if (v > ((uint64_t)1 << 63) / unit)
		return false;
	v *= unit;
	if (f > 0) {
		v += (uint64_t)((double)f * ((double)unit / scale));
		if (v > (uint64_t)1 << 63)
			return false;
	}
	*d += v;
	return *d <= (uint64_t)1 << 63;
}

static bool
parseDuration(const char *s, time_Duration *out)
{
	uint64_t d;
	bool	 neg;

	neg = false;
	if (*s == '-' || *s == '+') {
		neg = *s == '-';
		s++;
	}
	if (strcmp(s, "0") == 0) {
		*out = 0;
		return true;
	}
	if (*s == '\0')
		return false;
	d = 0;
	while (*s != '\0')
		if (!parseTerm(&s, &d))
			return false;
	if (neg) {
		/* 1<<63 wraps to the minimum, as Go's -Duration(d) does. */
		*out = d == (uint64_t)1 << 63 ? INT64_MIN : -(time_Duration)d;
		return true;
	}
	if (d > INT64_MAX)
		return false;
	*out = (time_Duration)d;
	return true;
}

/*
 * convFields splits s in place at runs of spaces, storing up to max words
 * in f; it returns how many words there are.
 */
static int
convFields(char *s, const char **f, int max)
{
	int n;

	n = 0;
	for (;;) {
		while (*s == ' ')
			*s++ = '\0';
		if (*s == '\0')
			return n;
		if (n < max)
			f[n] = s;
		n++;
		while (*s != ' ' && *s != '\0')
			s++;
	}
}

static bool
isTMP(const char *s)
{
	return hasPrefix(s, "TMP") || hasPrefix(s, "@TMP");
}

/*
 * convLocalHost reports whether host is empty, localhost, or a loopback
 * or unspecified literal (with any zone).
 */
static bool
convLocalHost(const char *host)
{
	const char *pct;
	char	   *h;
	net_IP	    ip;

	if (host[0] == '\0' || strcmp(host, "localhost") == 0)
		return true;
	pct = strrchr(host, '%');
	h = xprintf("%.*s",
	    (int)(pct != NULL ? (size_t)(pct - host) : strlen(host)), host);
	ip = net_ParseIP(h);
	free(h);
	return ip.len != 0 &&
	    (net_IP_IsLoopback(ip) || net_IP_IsUnspecified(ip));
}

static bool
convAddrOK(const char *network, const char *verb, const char *addr)
{
	runtime_error *err;
	char	      *host, *port;
	bool	       dial, ok;

	dial = strcmp(verb, "dial") == 0;
	if (isUnix(network))
		return isTMP(addr) || (dial && strcmp(addr, "CLOSED") == 0);
	if (dial && strcmp(addr, "CLOSED") == 0)
		return true;
	host = port = NULL;
	err = net_SplitHostPort(addr, &host, &port);
	ok = err == NULL;
	runtime_error_Free(err);
	if (ok && strcmp(port, "0") != 0 &&
	    (!dial ||
		(strcmp(port, "PORT") != 0 && strcmp(port, "CLOSED") != 0)))
		ok = false;
	ok = ok && convLocalHost(host);
	free(host);
	free(port);
	return ok;
}

/* convArg checks an argument of kind k; it returns the failure reason. */
static const char *
convArg(convAction *a, int k)
{
	switch (k) {
	case argCount:
	case argInt:
	case argBool:
	case argLinger:
		if (!parseInt32(a->arg, &a->n))
			return "bad integer";
		if ((k == argCount && (a->n < 0 || a->n > convMaxBytes)) ||
		    (k == argBool && a->n != 0 && a->n != 1) ||
		    (k == argLinger && a->n > 1))
			return "out of range";
		break;
	case argDeadline:
		if (strcmp(a->arg, "past") == 0)
			a->dl = dlPast;
		else if (strcmp(a->arg, "zero") == 0)
			a->dl = dlZero;
		else if (a->arg[0] == '+') {
			if (!parseDuration(a->arg + 1, &a->d))
				return "bad duration";
			if (a->d < -convMaxDeadline || a->d > convMaxDeadline)
				return "out of range";
			a->dl = dlRel;
		} else
			return "bad deadline";
		break;
	}
	return NULL;
}

/* convVerb looks up X.VERB; it returns false for an unknown action. */
static bool
convVerb(convAction *a, int *kind)
{
	size_t i;

	if (strlen(a->name) < 3 || a->name[1] != '.' ||
	    strchr("lcs", a->name[0]) == NULL)
		return false;
	for (i = 0; i < nelem(convVerbs); i++) {
		if (strcmp(convVerbs[i].name, a->name + 2) == 0) {
			a->obj = a->name[0];
			a->verb = a->name + 2;
			*kind = convVerbs[i].kind;
			return true;
		}
	}
	return false;
}

/*
 * convParseAction parses one trimmed action; it returns the reason it is
 * bad, or NULL.
 */
static const char *
convParseAction(const char *network, convAction *a)
{
	const char *f[2];
	int	    nf, kind, minArgs, maxArgs;

	a->buf = xprintf("%s", a->text);
	a->arg = "";
	nf = convFields(a->buf, f, 2);
	if (nf == 0)
		return "unknown action";
	a->name = f[0];
	if (nf > 1) {
		a->arg = f[1];
		a->has = true;
	}
	kind = argNone;
	maxArgs = 0;
	if (strcmp(a->name, "listen") == 0 || strcmp(a->name, "dial") == 0 ||
	    strcmp(a->name, "sleep") == 0)
		maxArgs = 1;
	else if (strcmp(a->name, "accept") != 0) {
		if (!convVerb(a, &kind))
			return "unknown action";
		if (kind != argNone)
			maxArgs = 1;
	}
	minArgs = maxArgs;
	if (strcmp(a->name, "listen") == 0 || strcmp(a->name, "dial") == 0)
		minArgs = 0;
	if (nf - 1 < minArgs || nf - 1 > maxArgs)
		return "wrong argument count";
	if (strcmp(a->name, "listen") == 0 || strcmp(a->name, "dial") == 0) {
		if (a->has && !convAddrOK(network, a->name, a->arg))
			return "bad address";
	} else if (strcmp(a->name, "sleep") == 0) {
		if (!parseDuration(a->arg, &a->d))
			return "bad duration";
		if (a->d < 0 || a->d > convMaxSleep)
			return "out of range";
	} else
		return convArg(a, kind);
	return NULL;
}

/* convTrim returns a copy of s[0:n] without its leading and trailing spaces. */
static char *
convTrim(const char *s, size_t n)
{
	while (n > 0 && s[0] == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return xprintf("%.*s", (int)n, s);
}

/* convOnce is the index of an action that may appear once, or -1. */
static int
convOnce(const convAction *a)
{
	static const char *const once[] = { "listen", "dial", "accept" };
	size_t			 i;

	for (i = 0; i < nelem(once); i++)
		if (a->obj == 0 && strcmp(a->name, once[i]) == 0)
			return (int)i;
	return -1;
}

/*
 * convParse parses a script into acts (*nacts of them), or returns why it
 * is bad; a bad action's reason is printed here, and "" returned.
 */
static const char *
convParse(const char *network, const char *script, convAction *acts, int *nacts)
{
	const char *p, *semi, *why;
	bool	    ok, seen[3] = { false, false, false };
	size_t	    i;
	int	    n, once;

	ok = false;
	for (i = 0; i < nelem(convNetworks); i++)
		ok = ok || strcmp(convNetworks[i], network) == 0;
	if (!ok)
		return "bad network";
	n = 1;
	for (p = script; (p = strchr(p, ';')) != NULL; p++)
		n++;
	if (n > convMaxActions)
		return "too many actions";
	for (n = 0, p = script;; p = semi + 1) {
		semi = strchr(p, ';');
		if (semi == NULL)
			semi = p + strlen(p);
		acts[n].text = convTrim(p, (size_t)(semi - p));
		*nacts = n + 1;
		why = convParseAction(network, &acts[n]);
		once = why == NULL ? convOnce(&acts[n]) : -1;
		if (once >= 0 && seen[once])
			why = "repeated";
		if (once >= 0)
			seen[once] = true;
		if (why != NULL) {
			printf("bad case: action %d ", n + 1);
			putq(acts[n].text);
			printf(": %s", why);
			return "";
		}
		if (*semi == '\0')
			return NULL;
		n++;
	}
}

/*
 * The run of a script.  A convObj holds every view of one object; the
 * view it was made as (owner) is the one that frees it.
 */
typedef struct convObj {
	net_Conn	 *conn;
	net_PacketConn	 *pc;
	net_Listener	 *lis;
	net_TCPConn	 *tcp;
	net_UDPConn	 *udp;
	net_UnixConn	 *unx;
	net_TCPListener	 *tl;
	net_UnixListener *ul;
	char		  owner; /* 'c' conn, 'p' packet conn, 'l' listener */
} convObj;

typedef struct convState {
	const char *network;
	bool	    packet;
	convObj	    l, c, s; /* owner 0: not there */
	const char *lAsked;  /* the address listen asked for */
	char	    ports[convMaxPorts][8];
	const char *portp[convMaxPorts];
	size_t	    nports;
	/* The read and write deadlines the script last set on l, c, s. */
	time_Time deadlines[3][2];
} convState;

/* objViews fills in the Conn and PacketConn views of a UDP or Unix conn. */
static void
objViews(convObj *o)
{
	if (o->udp != NULL) {
		o->conn = net_UDPConn_Conn(o->udp);
		o->pc = net_UDPConn_PacketConn(o->udp);
	} else if (o->unx != NULL) {
		o->conn = net_UnixConn_Conn(o->unx);
		o->pc = net_UnixConn_PacketConn(o->unx);
	}
}

static void
objFromConn(convObj *o, net_Conn *c)
{
	memset(o, 0, sizeof *o);
	o->owner = 'c';
	o->conn = c;
	o->tcp = net_Conn_TCPConn(c);
	o->udp = net_Conn_UDPConn(c);
	o->unx = net_Conn_UnixConn(c);
	objViews(o);
}

static void
objFromPacketConn(convObj *o, net_PacketConn *pc)
{
	memset(o, 0, sizeof *o);
	o->owner = 'p';
	o->udp = net_PacketConn_UDPConn(pc);
	o->unx = net_PacketConn_UnixConn(pc);
	objViews(o);
}

static void
objFromListener(convObj *o, net_Listener *l)
{
	memset(o, 0, sizeof *o);
	o->owner = 'l';
	o->lis = l;
	o->tl = net_Listener_TCPListener(l);
	o->ul = net_Listener_UnixListener(l);
}

static void
objFree(convObj *o)
{
	switch (o->owner) {
	case 'c':
		runtime_error_Free(net_Conn_Close(o->conn));
		net_Conn_Free(o->conn);
		break;
	case 'p':
		runtime_error_Free(net_PacketConn_Close(o->pc));
		net_PacketConn_Free(o->pc);
		break;
	case 'l':
		runtime_error_Free(net_Listener_Close(o->lis));
		net_Listener_Free(o->lis);
		break;
	}
	o->owner = 0;
}

static void
convState_see(convState *st, const net_Addr *a)
{
	size_t i;
	int    port;

	if (a == NULL ||
	    (a->type != &net_TCPAddrType && a->type != &net_UDPAddrType))
		return;
	port = addrPort(a);
	for (i = 0; i < st->nports; i++)
		if (atoi(st->ports[i]) == port)
			return;
	if (st->nports == convMaxPorts)
		return;
	snprintf(st->ports[st->nports], sizeof st->ports[0], "%d", port);
	st->portp[st->nports] = st->ports[st->nports];
	st->nports++;
}

/* convState_errString prints err as the Go twin does and frees it. */
static void
convState_errString(convState *st, runtime_error *err)
{
	runtime_error	   *e, *target;
	syscall_ErrnoError *en;
	char		   *msg;

	fputs("error=", stdout);
	for (e = err; e != NULL; e = errors_Unwrap(e))
		printf("%s%s", e == err ? "" : ">", e->type->name);
	fputs(" msg=", stdout);
	msg = hidePorts(
	    xprintf("%s", runtime_error_Error(err)), st->portp, st->nports);
	putq(msg);
	free(msg);
	if (err->type->Timeout != NULL)
		printf(" timeout=%s", tf(net_Error_Timeout(err)));
	if (err->type->Temporary != NULL)
		printf(" temporary=%s", tf(net_Error_Temporary(err)));
	printf(" eof=%s closed=%s deadline=%s", tf(errors_Is(err, io_EOF)),
	    tf(errors_Is(err, net_ErrClosed)),
	    tf(errors_Is(err, os_ErrDeadlineExceeded)));
	en = (syscall_ErrnoError *)errors_As(err, &syscall_ErrnoType);
	if (en != NULL) {
		target = syscall_Errno_Err(en->Errno);
		printf(" errno=%lu/%s", (unsigned long)en->Errno,
		    tf(errors_Is(err, target)));
		runtime_error_Free(target);
	} else
		fputs(" errno=-", stdout);
	runtime_error_Free(err);
}

/* convState_result prints "ok" or the error. */
static void
convState_result(convState *st, runtime_error *err)
{
	if (err != NULL)
		convState_errString(st, err);
	else
		fputs("ok", stdout);
}

/*
 * convData prints what a read returned: in full up to convShowBytes, else
 * its first 32 bytes, "...", its length and its FNV-1a hash.
 */
static void
convData(const char *b, size_t n)
{
	uint32_t h;
	size_t	 i;

	if (n <= convShowBytes) {
		putqn(b, n);
		return;
	}
	h = 2166136261u;
	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)b[i]) * 16777619u;
	putqn(b, 32);
	printf("...%zu/%08x", n, (unsigned)h);
}

/*
 * convState_ioResult prints a count, the data read when data is not NULL,
 * the address read from when from is set (it frees *from), then the error.
 */
static void
convState_ioResult(convState *st, ptrdiff_t n, const char *data,
    net_Addr **from, runtime_error *err)
{
	printf("n=%td", n);
	if (data != NULL) {
		fputs(" data=", stdout);
		convData(data, n > 0 ? (size_t)n : 0);
	}
	if (from != NULL) {
		convState_see(st, *from);
		fputs(" from=", stdout);
		writeAddr(*from, "x");
		free(*from);
	}
	if (err != NULL) {
		putchar(' ');
		convState_errString(st, err);
	}
}

/* convPattern is what writen writes: the alphabet over and over. */
static char *
convPattern(int n)
{
	char *b;
	int   i;

	b = xmalloc((size_t)n + 1);
	for (i = 0; i < n; i++)
		b[i] = (char)('a' + i % 26);
	return b;
}

/*
 * convState_closedPort writes a loopback port that was just closed, on the
 * family of host (or of the network when host is "").
 */
static runtime_error *
convState_closedPort(convState *st, const char *host, char port[8])
{
	runtime_error  *err;
	net_PacketConn *c;
	net_Listener   *l;
	const char     *laddr;
	int		p;

	laddr = "127.0.0.1:0";
	if ((strchr(host, ':') != NULL && strchr(host, '.') == NULL) ||
	    (host[0] == '\0' && st->network[strlen(st->network) - 1] == '6'))
		laddr = "[::1]:0";
	if (st->packet && !isUnix(st->network)) {
		if ((err = net_ListenPacket("udp", laddr, &c)) != NULL)
			return err;
		p = addrPort(net_PacketConn_LocalAddr(c));
		runtime_error_Free(net_PacketConn_Close(c));
		net_PacketConn_Free(c);
	} else {
		if ((err = net_Listen("tcp", laddr, &l)) != NULL)
			return err;
		p = addrPort(net_Listener_Addr(l));
		runtime_error_Free(net_Listener_Close(l));
		net_Listener_Free(l);
	}
	snprintf(port, 8, "%d", p);
	if (st->nports < convMaxPorts) {
		snprintf(st->ports[st->nports], sizeof st->ports[0], "%d", p);
		st->portp[st->nports] = st->ports[st->nports];
		st->nports++;
	}
	return NULL;
}

/*
 * convState_closedUnix leaves a socket file of the network's type with
 * nothing behind it, as a process that died would, in *path (malloc'd).
 */
static runtime_error *
convState_closedUnix(convState *st, char **path)
{
	syscall_Sockaddr sa;
	syscall_Errno	 e;
	int		 typ, fd;

	typ = SOCK_STREAM;
	if (strcmp(st->network, "unixgram") == 0)
		typ = SOCK_DGRAM;
	else if (strcmp(st->network, "unixpacket") == 0)
		typ = SOCK_SEQPACKET;
	*path = unixArg("TMP/conv-closed.sock");
	if ((e = syscall_Socket(AF_UNIX, typ, 0, &fd)) != 0)
		return syscall_Errno_Err(e);
	memset(&sa, 0, sizeof sa);
	sa.Family = AF_UNIX;
	snprintf(sa.u.Unix.Name, sizeof sa.u.Unix.Name, "%s", *path);
	e = syscall_Bind(fd, &sa);
	syscall_Close(fd);
	return syscall_Errno_Err(e);
}

/* convState_lAddr is the listener's address (the packet conn's local one). */
static const net_Addr *
convState_lAddr(convState *st)
{
	switch (st->l.owner) {
	case 'l':
		return net_Listener_Addr(st->l.lis);
	case 'p':
		return net_PacketConn_LocalAddr(st->l.pc);
	}
	return NULL;
}

static bool
hasSuffix(const char *s, const char *suffix)
{
	size_t n, m;

	n = strlen(s);
	m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* convState_dialInet is dialTarget's part for TCP and UDP addresses. */
static runtime_error *
convState_dialInet(convState *st, convAction *a, char **addr)
{
	runtime_error *err;
	char	      *host, *port, p[8];

	if (strcmp(a->arg, "CLOSED") == 0) {
		if ((err = convState_closedPort(st, "", p)) != NULL)
			return err;
		*addr = net_JoinHostPort(
		    hasSuffix(st->network, "6") ? "::1" : "127.0.0.1", p);
		return NULL;
	}
	host = port = NULL;
	runtime_error_Free(net_SplitHostPort(a->arg, &host, &port));
	err = NULL;
	if (strcmp(port, "CLOSED") == 0) {
		err = convState_closedPort(st, host, p);
		*addr = net_JoinHostPort(host, p);
	} else if (strcmp(port, "PORT") == 0) {
		convState_see(st, convState_lAddr(st));
		snprintf(p, sizeof p, "%d", addrPort(convState_lAddr(st)));
		*addr = net_JoinHostPort(host, p);
	} else
		*addr = net_JoinHostPort(host, port);
	free(host);
	free(port);
	return err;
}

/*
 * convState_dialTarget turns dial's argument into an address (*addr,
 * malloc'd); *ok is false when it needs a listener that is not there.
 */
static runtime_error *
convState_dialTarget(convState *st, convAction *a, char **addr, bool *ok)
{
	*addr = NULL;
	*ok = true;
	if (!a->has || (!isUnix(st->network) && hasSuffix(a->arg, ":PORT"))) {
		if (st->l.owner == 0) {
			*ok = false;
			return NULL;
		}
	}
	if (!a->has) {
		*addr = net_Addr_String(convState_lAddr(st));
		return NULL;
	}
	if (isUnix(st->network)) {
		if (strcmp(a->arg, "CLOSED") == 0)
			return convState_closedUnix(st, addr);
		*addr = unixArg(a->arg);
		return NULL;
	}
	return convState_dialInet(st, a, addr);
}

static void
convState_listen(convState *st, convAction *a)
{
	runtime_error  *err;
	net_Listener   *l;
	net_PacketConn *p;
	const char     *asked;
	char	       *addr;

	asked = a->arg;
	if (!a->has) {
		if (isUnix(st->network))
			asked = "TMP/conv.sock";
		else if (hasSuffix(st->network, "6"))
			asked = "[::1]:0";
		else
			asked = "127.0.0.1:0";
	}
	st->lAsked = asked;
	addr = sockAddrArg(st->network, asked);
	if (st->packet) {
		err = net_ListenPacket(st->network, addr, &p);
		if (err == NULL)
			objFromPacketConn(&st->l, p);
	} else {
		err = net_Listen(st->network, addr, &l);
		if (err == NULL)
			objFromListener(&st->l, l);
	}
	free(addr);
	if (err != NULL) {
		convState_errString(st, err);
		return;
	}
	convState_see(st, convState_lAddr(st));
	fputs("ok", stdout);
}

static void
convState_dial(convState *st, convAction *a)
{
	runtime_error *err;
	net_Conn      *c;
	char	      *addr;
	bool	       ok;

	err = convState_dialTarget(st, a, &addr, &ok);
	if (err != NULL) {
		fputs("probe-", stdout);
		convState_errString(st, err);
	} else if (!ok)
		fputs("none", stdout);
	else if ((err = net_Dial(st->network, addr, &c)) != NULL)
		convState_errString(st, err);
	else {
		objFromConn(&st->c, c);
		convState_see(st, net_Conn_LocalAddr(c));
		convState_see(st, net_Conn_RemoteAddr(c));
		fputs("ok", stdout);
	}
	free(addr);
}

static time_Time
aLongTimeAgo(void)
{
	return time_Unix(1, 0);
}

/*
 * setFor sets o's deadline for dir: 'w' its write deadline, 'r' its read
 * deadline, or a listener's only one.
 */
static void
setFor(convObj *o, char dir, time_Time t)
{
	if (dir == 'w')
		runtime_error_Free(net_Conn_SetWriteDeadline(o->conn, t));
	else if (o->conn != NULL)
		runtime_error_Free(net_Conn_SetReadDeadline(o->conn, t));
	else if (o->tl != NULL)
		runtime_error_Free(net_TCPListener_SetDeadline(o->tl, t));
	else
		runtime_error_Free(net_UnixListener_SetDeadline(o->ul, t));
}

/*
 * The watchdog: a thread that, if the call it watches has not returned
 * after convSafety, sets the object's deadline for dir in the past, which
 * ends the call's wait.  It fires under the lock, so that once watchStop
 * has the lock the deadline is set or never will be.
 */
typedef struct watchdog {
	pthread_mutex_t mu;
	pthread_cond_t	cv;
	bool		done, fired;
	convObj	       *o;
	char		dir;
	pthread_t	thr;
} watchdog;

static void *
watchdogRun(void *arg)
{
	watchdog       *w;
	struct timespec ts;
	int64_t		ns;

	w = arg;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	ns = ts.tv_nsec + convSafety;
	ts.tv_sec += ns / time_Second;
	ts.tv_nsec = ns % time_Second;
	pthread_mutex_lock(&w->mu);
	while (!w->done)
		if (pthread_cond_timedwait(&w->cv, &w->mu, &ts) == ETIMEDOUT)
			break;
	if (!w->done) {
		setFor(w->o, w->dir, aLongTimeAgo());
		w->fired = true;
	}
	pthread_mutex_unlock(&w->mu);
	return NULL;
}

/* watchStart starts watching a read ('r', or an accept) or write ('w'). */
static void
watchStart(watchdog *w, convObj *o, char dir)
{
	pthread_condattr_t ca;

	pthread_mutex_init(&w->mu, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&w->cv, &ca);
	pthread_condattr_destroy(&ca);
	w->done = false;
	w->fired = false;
	w->o = o;
	w->dir = dir;
	if (pthread_create(&w->thr, NULL, watchdogRun, w) != 0) {
		fputs("netprobe: pthread_create failed\n", stderr);
		exit(1);
	}
}

/*
 * watchStop ends the watch of a call that returned err.  A call the
 * watchdog fired on that then ends in anything but the deadline error was
 * only held up by a loaded machine, not waiting: the deadline the script
 * had set is put back.
 */
static void
watchStop(convState *st, watchdog *w, runtime_error *err)
{
	int i;

	pthread_mutex_lock(&w->mu);
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->mu);
	pthread_join(w->thr, NULL);
	pthread_cond_destroy(&w->cv);
	pthread_mutex_destroy(&w->mu);
	if (w->fired && !errors_Is(err, os_ErrDeadlineExceeded)) {
		i = w->o == &st->l ? 0 : w->o == &st->c ? 1 : 2;
		setFor(w->o, w->dir, st->deadlines[i][w->dir == 'w']);
	}
}

static void
convState_accept(convState *st)
{
	runtime_error *err;
	net_Conn      *s;
	watchdog       w;

	if (st->packet) {
		fputs("unsupported", stdout);
		return;
	}
	if (st->l.owner != 'l') {
		fputs("none", stdout);
		return;
	}
	watchStart(&w, &st->l, 'r');
	err = net_Listener_Accept(st->l.lis, &s);
	watchStop(st, &w, err);
	if (err != NULL) {
		convState_errString(st, err);
		return;
	}
	objFromConn(&st->s, s);
	convState_see(st, net_Conn_LocalAddr(s));
	convState_see(st, net_Conn_RemoteAddr(s));
	fputs("ok", stdout);
}

/* convState_object returns the object X names, or NULL. */
static convObj *
convState_object(convState *st, char x)
{
	convObj *o;

	o = NULL;
	if (x == 'l' || (x == 's' && st->packet))
		o = &st->l;
	else if (x == 'c')
		o = &st->c;
	else if (x == 's')
		o = &st->s;
	return o->owner != 0 ? o : NULL;
}

/*
 * convState_peerAddr is where writeto sends: the dialed conn sends to its
 * remote address, the others to the dialed conn's local address.
 */
static const net_Addr *
convState_peerAddr(convState *st, char x)
{
	if (x == 'c')
		return net_Conn_RemoteAddr(st->c.conn);
	if (st->c.owner == 0)
		return NULL;
	return net_Conn_LocalAddr(st->c.conn);
}

static time_Time
deadlineOf(convAction *a)
{
	time_Time zero;

	switch (a->dl) {
	case dlPast:
		return aLongTimeAgo();
	case dlRel:
		return time_Time_Add(time_Now(), a->d);
	}
	memset(&zero, 0, sizeof zero);
	return zero;
}

/*
 * The verbs: each returns false, having printed nothing, when o lacks the
 * method.
 */

static bool
convState_readVerb(convState *st, convAction *a, convObj *o)
{
	runtime_error *err;
	net_Addr      *from;
	watchdog       w;
	char	      *b;
	ptrdiff_t      n;

	if (strcmp(a->verb, "read") == 0 ? o->conn == NULL : o->pc == NULL)
		return false;
	b = xmalloc((size_t)a->n + 1);
	n = 0;
	from = NULL;
	watchStart(&w, o, 'r');
	if (strcmp(a->verb, "read") == 0)
		err = net_Conn_Read(o->conn, b, (size_t)a->n, &n);
	else
		err =
		    net_PacketConn_ReadFrom(o->pc, b, (size_t)a->n, &n, &from);
	watchStop(st, &w, err);
	convState_ioResult(
	    st, n, b, strcmp(a->verb, "read") == 0 ? NULL : &from, err);
	free(b);
	return true;
}

static bool
convState_writeVerb(convState *st, convAction *a, convObj *o)
{
	runtime_error *err;
	watchdog       w;
	char	      *b;
	size_t	       len;
	ptrdiff_t      n;

	if (strcmp(a->verb, "writeto") == 0 ? o->pc == NULL : o->conn == NULL)
		return false;
	if (strcmp(a->verb, "writen") == 0) {
		b = convPattern(a->n);
		len = (size_t)a->n;
	} else {
		b = xprintf("%s", a->arg);
		len = strlen(b);
	}
	n = 0;
	watchStart(&w, o, 'w');
	if (strcmp(a->verb, "writeto") == 0)
		err = net_PacketConn_WriteTo(
		    o->pc, b, len, convState_peerAddr(st, a->obj), &n);
	else
		err = net_Conn_Write(o->conn, b, len, &n);
	watchStop(st, &w, err);
	convState_ioResult(st, n, NULL, NULL, err);
	free(b);
	return true;
}

static runtime_error *
setDeadline(convObj *o, time_Time t)
{
	if (o->conn != NULL)
		return net_Conn_SetDeadline(o->conn, t);
	if (o->tl != NULL)
		return net_TCPListener_SetDeadline(o->tl, t);
	return net_UnixListener_SetDeadline(o->ul, t);
}

/*
 * convState_deadlineVerb runs deadline, rdeadline or wdeadline, recording
 * what it set for the watchdog (watchStop).
 */
static bool
convState_deadlineVerb(convState *st, convAction *a, convObj *o)
{
	runtime_error *err;
	time_Time     *d, t;

	d = st->deadlines[o == &st->l ? 0 : o == &st->c ? 1 : 2];
	t = deadlineOf(a);
	if (strcmp(a->verb, "deadline") == 0) {
		d[0] = d[1] = t;
		err = setDeadline(o, t);
	} else if (o->conn != NULL && strcmp(a->verb, "rdeadline") == 0) {
		d[0] = t;
		err = net_Conn_SetReadDeadline(o->conn, t);
	} else if (o->conn != NULL && strcmp(a->verb, "wdeadline") == 0) {
		d[1] = t;
		err = net_Conn_SetWriteDeadline(o->conn, t);
	} else
		return false;
	convState_result(st, err);
	return true;
}

static bool
convState_setVerb(convState *st, convAction *a, convObj *o)
{
	runtime_error *err;
	const char    *v;

	v = a->verb;
	if (strstr(v, "deadline") != NULL)
		return convState_deadlineVerb(st, a, o);
	else if (strcmp(v, "close") == 0)
		err = o->conn != NULL ? net_Conn_Close(o->conn)
				      : net_Listener_Close(o->lis);
	else if (o->tcp != NULL && strcmp(v, "closeread") == 0)
		err = net_TCPConn_CloseRead(o->tcp);
	else if (o->unx != NULL && strcmp(v, "closeread") == 0)
		err = net_UnixConn_CloseRead(o->unx);
	else if (o->tcp != NULL && strcmp(v, "closewrite") == 0)
		err = net_TCPConn_CloseWrite(o->tcp);
	else if (o->unx != NULL && strcmp(v, "closewrite") == 0)
		err = net_UnixConn_CloseWrite(o->unx);
	else
		return false;
	convState_result(st, err);
	return true;
}

static bool
convState_optVerb(convState *st, convAction *a, convObj *o)
{
	runtime_error *err;
	const char    *v;

	v = a->verb;
	if (o->tcp != NULL && strcmp(v, "linger") == 0)
		err = net_TCPConn_SetLinger(o->tcp, a->n);
	else if (o->tcp != NULL && strcmp(v, "nodelay") == 0)
		err = net_TCPConn_SetNoDelay(o->tcp, a->n == 1);
	else if (o->tcp != NULL && strcmp(v, "keepalive") == 0)
		err = net_TCPConn_SetKeepAlive(o->tcp, a->n == 1);
	else if (strcmp(v, "readbuffer") == 0 && o->tcp != NULL)
		err = net_TCPConn_SetReadBuffer(o->tcp, a->n);
	else if (strcmp(v, "readbuffer") == 0 && o->udp != NULL)
		err = net_UDPConn_SetReadBuffer(o->udp, a->n);
	else if (strcmp(v, "readbuffer") == 0 && o->unx != NULL)
		err = net_UnixConn_SetReadBuffer(o->unx, a->n);
	else if (strcmp(v, "writebuffer") == 0 && o->tcp != NULL)
		err = net_TCPConn_SetWriteBuffer(o->tcp, a->n);
	else if (strcmp(v, "writebuffer") == 0 && o->udp != NULL)
		err = net_UDPConn_SetWriteBuffer(o->udp, a->n);
	else if (strcmp(v, "writebuffer") == 0 && o->unx != NULL)
		err = net_UnixConn_SetWriteBuffer(o->unx, a->n);
	else
		return false;
	convState_result(st, err);
	return true;
}

static bool
convState_addrVerb(convState *st, convAction *a, convObj *o)
{
	const net_Addr *addr;
	const char     *asked;
	bool		local;

	local = strcmp(a->verb, "local") == 0;
	if (o->conn != NULL)
		addr = local ? net_Conn_LocalAddr(o->conn)
			     : net_Conn_RemoteAddr(o->conn);
	else if (local)
		addr = net_Listener_Addr(o->lis);
	else
		return false;
	convState_see(st, addr);
	asked = "x";
	if ((a->obj == 'l' || (a->obj == 's' && st->packet)) && local)
		asked = st->lAsked;
	writeAddr(addr, asked);
	return true;
}

static void
convState_verb(convState *st, convAction *a)
{
	convObj *o;
	bool	 ok;

	if ((o = convState_object(st, a->obj)) == NULL) {
		fputs("none", stdout);
		return;
	}
	if (strcmp(a->verb, "read") == 0 || strcmp(a->verb, "readfrom") == 0)
		ok = convState_readVerb(st, a, o);
	else if (strcmp(a->verb, "write") == 0 ||
	    strcmp(a->verb, "writen") == 0 || strcmp(a->verb, "writeto") == 0)
		ok = convState_writeVerb(st, a, o);
	else if (strcmp(a->verb, "local") == 0 ||
	    strcmp(a->verb, "remote") == 0)
		ok = convState_addrVerb(st, a, o);
	else
		ok = convState_setVerb(st, a, o) || convState_optVerb(st, a, o);
	if (!ok)
		fputs("unsupported", stdout);
}

static int
removeEntry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/*
 * convState_cleanup closes whatever the script made and empties the
 * private directory of the socket files it left.
 */
static void
convState_cleanup(convState *st)
{
	objFree(&st->c);
	objFree(&st->s);
	objFree(&st->l);
	if (haveTmpdir)
		nftw(tmpdir, removeEntry, 8, FTW_DEPTH | FTW_PHYS);
}

static void
convSleep(time_Duration d)
{
	struct timespec ts;

	ts.tv_sec = d / time_Second;
	ts.tv_nsec = d % time_Second;
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

static void
convState_run(convState *st, convAction *a)
{
	if (strcmp(a->name, "listen") == 0)
		convState_listen(st, a);
	else if (strcmp(a->name, "dial") == 0)
		convState_dial(st, a);
	else if (strcmp(a->name, "accept") == 0)
		convState_accept(st);
	else if (strcmp(a->name, "sleep") == 0) {
		convSleep(a->d);
		fputs("ok", stdout);
	} else
		convState_verb(st, a);
}

const char *
opConv(arg *a)
{
	convAction  acts[convMaxActions];
	convState   st;
	const char *bad;
	int	    i, n;

	memset(acts, 0, sizeof acts);
	n = 0;
	bad = convParse(a[0].s, a[1].s, acts, &n);
	if (bad == NULL) {
		memset(&st, 0, sizeof st);
		st.network = a[0].s;
		st.packet = isPacket(a[0].s);
		for (i = 0; i < n; i++) {
			printf("%s%s: ", i > 0 ? "; " : "", acts[i].name);
			convState_run(&st, &acts[i]);
		}
		convState_cleanup(&st);
	}
	for (i = 0; i < n; i++) {
		free(acts[i].text);
		free(acts[i].buf);
	}
	return bad != NULL && bad[0] != '\0' ? bad : NULL;
}
