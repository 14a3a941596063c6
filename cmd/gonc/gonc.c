/*
 * gonc: a netcat built on gonet (C only; it has no Go twin).  It dials or
 * listens on any of Go's network names and copies standard input to the
 * connection and the connection to standard output, the way Go's netcat
 * examples do: one goroutine per direction, deadlines for the idle
 * timeout, CloseWrite when standard input ends.  Flags follow OpenBSD
 * nc(1), except -n, which names Go's network (gonet has no DNS to skip).
 * See gonc(1).
 */
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <net/net.h>

static const char usageText[] =
    "usage: gonc [-46dhkluUv] [-n network] [-w timeout] host port\n"
    "       gonc [-46dhkluUv] [-n network] [-w timeout] host:port\n"
    "       gonc -l [-46dhkuUv] [-n network] [-w timeout] [host] port\n"
    "       gonc -U [-dhkluv] [-w timeout] path\n"
    "\n"
    "  -4, -6      use tcp4/udp4 or tcp6/udp6\n"
    "  -d          do not read standard input\n"
    "  -h, --help  print this help and exit\n"
    "  -k          with -l, keep listening after a connection ends\n"
    "  -l          listen instead of dialing\n"
    "  -n network  Go's network name: tcp, tcp4, tcp6, udp, udp4, udp6,\n"
    "              unix, unixgram, unixpacket (default tcp)\n"
    "  -u          udp (with -U: unixgram)\n"
    "  -U          unix (a path instead of host and port)\n"
    "  -v          report progress and errors (Go's error texts)\n"
    "  -w timeout  give up a dial, or end a connection idle for timeout\n"
    "              seconds\n";

static struct {
	bool	      listen, keep, verbose, noStdin;
	const char   *network;
	time_Duration idle; /* 0: none */
} opt;

/*
 * stdinCh carries standard input in chunks (chan *chunk) from the one
 * goroutine that reads it; it is closed at the end of input.  One reader
 * for the process lets -k hand what is left to the next connection.
 */
struct chunk {
	size_t n;
	char   b[32 * 1024];
};
static runtime_hchan *stdinCh;

/* session is one connection or one packet conversation. */
struct session {
	net_Conn       *c;	   /* stream or dialed packet connection */
	net_PacketConn *pc;	   /* a packet listener, with peer */
	net_Addr       *peer;	   /* where pc's replies go */
	runtime_hchan  *stop;	   /* chan struct{}: closed to stop the pump */
	runtime_hchan  *done;	   /* chan int: the pump's exit status */
	bool		halfClose; /* CloseWrite at the end of input */
	bool		closed;
};

static int closeSession(struct session *s);

static bool
isUnix(const char *network)
{
	return strncmp(network, "unix", 4) == 0;
}

static bool
isPacket(const char *network)
{
	return strncmp(network, "udp", 3) == 0 ||
	    strcmp(network, "unixgram") == 0;
}

/* report prints err (Go's text) and frees it; it returns 1 for an error. */
static int
report(runtime_error *err)
{
	if (err == NULL)
		return 0;
	fprintf(stderr, "gonc: %s\n", runtime_error_Error(err));
	runtime_error_Free(err);
	return 1;
}

static void
stdinReader(void *arg)
{
	struct chunk *ck;
	ssize_t	      n;

	(void)arg;
	for (;;) {
		if ((ck = malloc(sizeof *ck)) == NULL)
			break;
		n = read(0, ck->b, sizeof ck->b);
		if (n <= 0) {
			free(ck);
			break;
		}
		ck->n = n;
		runtime_chansend1(stdinCh, &ck);
	}
	runtime_closechan(stdinCh);
}

static runtime_error *
sessionWrite(struct session *s, const void *b, size_t n)
{
	ptrdiff_t w;

	if (s->pc != NULL)
		return net_PacketConn_WriteTo(s->pc, b, n, s->peer, &w);
	return net_Conn_Write(s->c, b, n, &w);
}

static runtime_error *
closeWrite(net_Conn *c)
{
	if (net_Conn_TCPConn(c) != NULL)
		return net_TCPConn_CloseWrite(net_Conn_TCPConn(c));
	if (net_Conn_UnixConn(c) != NULL)
		return net_UnixConn_CloseWrite(net_Conn_UnixConn(c));
	return NULL;
}

/*
 * closedIsDone drops the ErrClosed of a half-close that lost the race
 * with converse: once the network side has ended and closed the session,
 * shutting its write half has nothing left to do and is no failure.
 */
static runtime_error *
closedIsDone(runtime_error *err)
{
	if (err != NULL && errors_Is(err, net_ErrClosed)) {
		runtime_error_Free(err);
		return NULL;
	}
	return err;
}

/*
 * pump copies standard input to the session until input ends (then
 * half-closes) or stop is closed.  Its status goes to done.
 */
static void
pump(void *arg)
{
	struct session *s = arg;
	struct chunk   *ck = NULL;
	runtime_scase	cases[] = { { stdinCh, &ck }, { s->stop, NULL } };
	bool		ok = true;
	int		rc = 0;

	while (rc == 0 && ok) {
		if (runtime_selectgo(cases, 0, 2, true, &ok) == 1)
			goto out; /* stopped: the session is over */
		if (ok)
			rc = report(sessionWrite(s, ck->b, ck->n));
		free(ck);
		ck = NULL;
	}
	if (rc == 0 && s->halfClose)
		rc = report(closedIsDone(closeWrite(s->c)));
out:
	runtime_chansend1(s->done, &rc);
}

static int
writeAll(const char *b, size_t n)
{
	ssize_t w;

	for (; n > 0; b += w, n -= w) {
		if ((w = write(1, b, n)) < 0) {
			perror("gonc: write");
			return 1;
		}
	}
	return 0;
}

/* verbose reports progress with -v: what happened, and the address. */
static void
verbose(const char *what, const net_Addr *a)
{
	char *s;

	if (!opt.verbose)
		return;
	s = net_Addr_String(a);
	fprintf(stderr, "gonc: %s %s (%s)\n", what, s, net_Addr_Network(a));
	free(s);
}

/* readOnce reads from the session, first arming the idle deadline. */
static runtime_error *
readOnce(struct session *s, char *b, size_t len, ptrdiff_t *n)
{
	runtime_error *err = NULL;
	time_Time      t = { 0, 0, 0 };
	net_Addr      *from = NULL;

	if (opt.idle > 0)
		t = time_Time_Add(time_Now(), opt.idle);
	if (s->pc == NULL) {
		if (opt.idle > 0)
			err = net_Conn_SetReadDeadline(s->c, t);
		return err != NULL ? err : net_Conn_Read(s->c, b, len, n);
	}
	if (opt.idle > 0)
		err = net_PacketConn_SetReadDeadline(s->pc, t);
	if (err == NULL)
		err = net_PacketConn_ReadFrom(s->pc, b, len, n, &from);
	/* A packet listener answers whoever spoke first, as nc -u -l does. */
	if (err == NULL && s->peer == NULL) {
		s->peer = from;
		verbose("connection from", from);
		if (stdinCh != NULL)
			runtime_Go(pump, s);
		return NULL;
	}
	free(from);
	return err;
}

/*
 * converse runs one session: the pump copies standard input out while
 * this goroutine copies the network to standard output.  A listener's
 * session ends with the network's EOF; a dialer's also waits for the end
 * of input, as nc's does.  An idle timeout ends it quietly (exit 0).
 */
static int
converse(struct session *s, bool waitInput)
{
	char	       buf[64 * 1024];
	ptrdiff_t      n;
	runtime_error *err;
	int	       rc = 0, prc = 0;
	bool	       pumping = stdinCh != NULL;

	s->stop = runtime_makechan(0, 0);
	s->done = runtime_makechan(sizeof(int), 1);
	if (pumping && s->pc == NULL)
		runtime_Go(pump, s);
	while ((err = readOnce(s, buf, sizeof buf, &n)) == NULL && rc == 0)
		rc = writeAll(buf, n);
	if (err == io_EOF || net_Error_Timeout(err))
		runtime_error_Free(err);
	else
		rc |= report(err);
	pumping = pumping && (s->pc == NULL || s->peer != NULL);
	/* Stopping early: Close also wakes a pump blocked in Write. */
	if (pumping && (!waitInput || err != io_EOF || rc != 0)) {
		runtime_closechan(s->stop);
		rc |= closeSession(s);
	}
	if (pumping)
		runtime_chanrecv1(s->done, &prc);
	if (!s->closed)
		rc |= closeSession(s);
	runtime_hchan_Free(s->stop);
	runtime_hchan_Free(s->done);
	free(s->peer);
	return rc | prc;
}

static int
closeSession(struct session *s)
{
	s->closed = true;
	if (s->pc != NULL)
		return report(net_PacketConn_Close(s->pc));
	return report(net_Conn_Close(s->c));
}

/* dial connects to address and converses; unixgram binds a reply path. */
static int
dial(const char *address)
{
	struct session s = { 0 };
	net_Dialer     d = { 0 };
	net_UnixAddr  *ra = NULL, la = { { NULL }, NULL, "unixgram" };
	net_UnixConn  *uc;
	char	       path[32] = "/tmp/gonc.XXXXXX";
	runtime_error *err;
	int	       rc;

	if (strcmp(opt.network, "unixgram") == 0) {
		/* A datagram client needs an address of its own for replies. */
		if (mkdtemp(path) == NULL) {
			perror("gonc: mkdtemp");
			return 1;
		}
		la.Name = strcat(path, "/s");
		err = net_ResolveUnixAddr(opt.network, address, &ra);
		if (err == NULL)
			err = net_DialUnix(opt.network, &la, ra, &uc);
		if (err == NULL)
			s.c = net_UnixConn_Conn(uc);
		free(ra);
	} else {
		d.Timeout = opt.idle;
		err = net_Dialer_Dial(&d, opt.network, address, &s.c);
	}
	if (err != NULL) {
		/* As nc, a failed dial is silent without -v. */
		if (opt.verbose)
			report(err);
		else
			runtime_error_Free(err);
		rc = 1;
		goto out;
	}
	verbose("connected to", net_Conn_RemoteAddr(s.c));
	s.halfClose = !isPacket(opt.network);
	rc = converse(&s, true);
	net_Conn_Free(s.c);
out:
	if (la.Name != NULL) {
		unlink(la.Name);
		rmdir(dirname(path));
	}
	return rc;
}

/* listenPacket answers the first peer that speaks, until idle. */
static int
listenPacket(const char *address)
{
	struct session s = { 0 };
	runtime_error *err;
	int	       rc;

	err = net_ListenPacket(opt.network, address, &s.pc);
	if (err != NULL)
		return report(err);
	verbose("listening on", net_PacketConn_LocalAddr(s.pc));
	rc = converse(&s, false);
	net_PacketConn_Free(s.pc);
	return rc;
}

/* listenStream accepts one connection, or with -k one after another. */
static int
listenStream(const char *address)
{
	struct session s;
	net_Listener  *l;
	runtime_error *err;
	int	       rc = 0;

	err = net_Listen(opt.network, address, &l);
	if (err != NULL)
		return report(err);
	verbose("listening on", net_Listener_Addr(l));
	do {
		s = (struct session){ 0 };
		err = net_Listener_Accept(l, &s.c);
		if (err != NULL) {
			rc = report(err);
			break;
		}
		verbose("connection from", net_Conn_RemoteAddr(s.c));
		s.halfClose = true;
		rc = converse(&s, false);
		net_Conn_Free(s.c);
	} while (opt.keep);
	rc |= report(net_Listener_Close(l));
	net_Listener_Free(l);
	return rc;
}

/*
 * address joins the operands into Go's address: a path for unix
 * networks, "host port" or "host:port", and for -l a lone port.
 */
static char *
address(int argc, char **argv)
{
	if (isUnix(opt.network))
		return argc == 1 ? strdup(argv[0]) : NULL;
	if (argc == 2)
		return net_JoinHostPort(argv[0], argv[1]);
	if (argc != 1)
		return NULL;
	if (strchr(argv[0], ':') != NULL)
		return strdup(argv[0]);
	return opt.listen ? net_JoinHostPort("", argv[0]) : NULL;
}

static int
usage(int rc)
{
	fputs(usageText, rc == 0 ? stdout : stderr);
	return rc;
}

/* network picks Go's network name from -n, -u, -U, -4 and -6. */
static const char *
network(const char *n, bool udp, bool unix, char family)
{
	static char buf[8];

	if (n != NULL)
		return n;
	if (unix)
		return udp ? "unixgram" : "unix";
	snprintf(buf, sizeof buf, "%s%c", udp ? "udp" : "tcp", family);
	return buf;
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' }, { NULL, 0, NULL, 0 }
	};
	const char *n = NULL;
	char	   *addr, family = '\0', *end;
	bool	    udp = false, unix = false;
	long	    w;
	int	    ch, rc;

	while ((ch = getopt_long(
		    argc, argv, "46dhkln:uUvw:", longopts, NULL)) != -1) {
		switch (ch) {
		case '4':
		case '6':
			family = ch;
			break;
		case 'd':
			opt.noStdin = true;
			break;
		case 'h':
			return usage(0);
		case 'k':
			opt.keep = true;
			break;
		case 'l':
			opt.listen = true;
			break;
		case 'n':
			n = optarg;
			break;
		case 'u':
			udp = true;
			break;
		case 'U':
			unix = true;
			break;
		case 'v':
			opt.verbose = true;
			break;
		case 'w':
			w = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || w <= 0 ||
			    w > 1000000) {
				fprintf(
				    stderr, "gonc: bad timeout %s\n", optarg);
				return usage(1);
			}
			opt.idle = w * time_Second;
			break;
		default:
			return usage(1);
		}
	}
	opt.network = network(n, udp, unix, family);
	addr = address(argc - optind, argv + optind);
	if (addr == NULL || (opt.keep && !opt.listen))
		return usage(1);
	if (!opt.noStdin) {
		stdinCh = runtime_makechan(sizeof(struct chunk *), 0);
		runtime_Go(stdinReader, NULL);
	}
	if (!opt.listen)
		rc = dial(addr);
	else if (isPacket(opt.network))
		rc = listenPacket(addr);
	else
		rc = listenStream(addr);
	free(addr);
	/* The stdin reader may still block in read(2); exit ends it. */
	return rc;
}
