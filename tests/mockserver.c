/*
 * C port of go1.19 src/net/mockserver_test.go, with the slices of Go's
 * testing package, goroutines and channels the socket tests need (C only),
 * platform_test.go's testable* checks and rawconn_unix_test.go's
 * controlOnConnSetup.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/types.h>

#include <netinet/in.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/mockserver.h"

const time_Time noDeadline = { 0, 0, 0 };

/*
 * The testing.T state of the running test.  Check forks a child per test,
 * but CK_FORK=no runs them in one process, so the fixture resets it.
 */
typedef struct deferred {
	void (*fn)(void *);
	void *arg;
} deferred;

/*
 * A goroutine is a thread in plain mode; in goroutine mode it is a real
 * goroutine (done is closed when fn returns), so a test's helpers share
 * the scheduler with its body, as in Go.
 */
struct goroutine {
	pthread_t      th;
	runtime_hchan *done;
	void *(*fn)(void *);
	void	  *arg;
	bool	   joined;
	goroutine *next;
};

static struct {
	pthread_mutex_t mu;
	char		msgs[8192];
	size_t		nmsgs;
	int		nerrs;
	deferred       *closes;
	size_t		nclose, capclose;
	deferred       *frees;
	size_t		nfree, capfree;
	goroutine      *gs;
	char	      **dirs;
	size_t		ndirs;
} T = { PTHREAD_MUTEX_INITIALIZER, { 0 }, 0, 0, NULL, 0, 0, NULL, 0, 0,
	NULL, NULL, 0 };

static void
tReset(void)
{
	pthread_mutex_lock(&T.mu);
	T.msgs[0] = '\0';
	T.nmsgs = 0;
	T.nerrs = 0;
	T.nclose = 0;
	T.nfree = 0;
	T.gs = NULL;
	T.ndirs = 0;
	pthread_mutex_unlock(&T.mu);
}

static void
tNoop(void)
{
}

TCase *
newNetTCase(const char *name, int timeout)
{
	TCase *tc;

	tc = newTCase(name);
	tcase_set_timeout(tc, timeout);
	tcase_add_checked_fixture(tc, tReset, tNoop);
	return tc;
}

static void removeDirs(void);

static void
tRecord(const char *fmt, va_list ap)
{
	char line[2048];
	int  n;

	vsnprintf(line, sizeof(line), fmt, ap);
	fprintf(stderr, "    %s\n", line);
	pthread_mutex_lock(&T.mu);
	T.nerrs++;
	n = snprintf(T.msgs + T.nmsgs, sizeof(T.msgs) - T.nmsgs, "%s%s",
	    T.nmsgs > 0 ? "; " : "", line);
	if (n > 0 && T.nmsgs + (size_t)n < sizeof(T.msgs))
		T.nmsgs += (size_t)n;
	else
		T.nmsgs = sizeof(T.msgs) - 1;
	pthread_mutex_unlock(&T.mu);
}

void
tErrorf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tRecord(fmt, ap);
	va_end(ap);
}

void
tFatalf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tRecord(fmt, ap);
	va_end(ap);
	/*
	 * The test ends here, without its deferred calls (threads may still
	 * use the objects), but its temporary directories can go.
	 */
	removeDirs();
	ck_abort_msg("%s", T.msgs);
}

void
tLogf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "    ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
}

void
tSkipf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "    SKIP: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	tDone();
}

bool
tFailed(void)
{
	bool failed;

	pthread_mutex_lock(&T.mu);
	failed = T.nerrs > 0;
	pthread_mutex_unlock(&T.mu);
	return failed;
}

static void
push(deferred **a, size_t *n, size_t *cap, void (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&T.mu);
	if (*n == *cap) {
		*cap = *cap == 0 ? 32 : *cap * 2;
		*a = realloc(*a, *cap * sizeof(**a));
		if (*a == NULL)
			runtime_throw("mockserver: out of memory");
	}
	(*a)[*n].fn = fn;
	(*a)[*n].arg = arg;
	(*n)++;
	pthread_mutex_unlock(&T.mu);
}

void
tDefer(void (*fn)(void *), void *arg)
{
	push(&T.closes, &T.nclose, &T.capclose, fn, arg);
}

void
tDeferFree(void (*fn)(void *), void *arg)
{
	push(&T.frees, &T.nfree, &T.capfree, fn, arg);
}

static void
removeAll(const char *path)
{
	DIR	      *d;
	struct dirent *e;
	char	       sub[4096];

	d = opendir(path);
	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 ||
			    strcmp(e->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, e->d_name);
			removeAll(sub);
		}
		closedir(d);
		rmdir(path);
		return;
	}
	unlink(path);
}

static void
removeDirs(void)
{
	size_t i;

	for (i = 0; i < T.ndirs; i++) {
		removeAll(T.dirs[i]);
		free(T.dirs[i]);
	}
	T.ndirs = 0;
}

void
tDone(void)
{
	goroutine *g, *next;
	deferred   d;

	for (;;) {
		pthread_mutex_lock(&T.mu);
		if (T.nclose == 0) {
			pthread_mutex_unlock(&T.mu);
			break;
		}
		d = T.closes[--T.nclose];
		pthread_mutex_unlock(&T.mu);
		d.fn(d.arg);
	}
	pthread_mutex_lock(&T.mu);
	g = T.gs;
	T.gs = NULL;
	pthread_mutex_unlock(&T.mu);
	for (; g != NULL; g = next) {
		next = g->next;
		goJoin(g);
		free(g);
	}
	for (;;) {
		pthread_mutex_lock(&T.mu);
		if (T.nfree == 0) {
			pthread_mutex_unlock(&T.mu);
			break;
		}
		d = T.frees[--T.nfree];
		pthread_mutex_unlock(&T.mu);
		d.fn(d.arg);
	}
	removeDirs();
	free(T.closes);
	free(T.frees);
	free(T.dirs);
	T.closes = T.frees = NULL;
	T.dirs = NULL;
	T.capclose = T.capfree = 0;
	if (T.nerrs > 0)
		ck_abort_msg("%s", T.msgs);
}

static void
closeConn(void *arg)
{
	runtime_error_Free(net_Conn_Close(arg));
}

static void
freeConn(void *arg)
{
	net_Conn_Free(arg);
}

void
deferConn(net_Conn *c)
{
	tDefer(closeConn, c);
	tDeferFree(freeConn, c);
}

static void
closeListener(void *arg)
{
	runtime_error_Free(net_Listener_Close(arg));
}

static void
freeListener(void *arg)
{
	net_Listener_Free(arg);
}

void
deferListener(net_Listener *ln)
{
	tDefer(closeListener, ln);
	tDeferFree(freeListener, ln);
}

static void
closePacketConn(void *arg)
{
	runtime_error_Free(net_PacketConn_Close(arg));
}

static void
freePacketConn(void *arg)
{
	net_PacketConn_Free(arg);
}

void
deferPacketConn(net_PacketConn *c)
{
	tDefer(closePacketConn, c);
	tDeferFree(freePacketConn, c);
}

static void
removePath(void *arg)
{
	if (arg != NULL && ((char *)arg)[0] != '@')
		unlink(arg);
}

void
deferRemove(const char *path)
{
	tDefer(removePath, tStr(strdup(path)));
}

char *
tStr(char *s)
{
	if (s != NULL)
		tDeferFree(free, s);
	return s;
}

char *
tErrStr(runtime_error *err)
{
	char *s;

	s = tStr(strdup(runtime_error_Error(err)));
	runtime_error_Free(err);
	return s;
}

static void
goMain(void *arg)
{
	goroutine *g;

	g = arg;
	g->fn(g->arg);
	runtime_closechan(g->done);
}

goroutine *
goStart(void *(*fn)(void *), void *arg)
{
	goroutine *g;

	g = calloc(1, sizeof(*g));
	if (g == NULL)
		runtime_throw("mockserver: out of memory");
	g->fn = fn;
	g->arg = arg;
	if (inGoroutineMode()) {
		g->done = runtime_makechan(1, 0);
		runtime_Go(goMain, g);
	} else if (pthread_create(&g->th, NULL, fn, arg) != 0)
		runtime_throw("mockserver: cannot start a thread");
	pthread_mutex_lock(&T.mu);
	g->next = T.gs;
	T.gs = g;
	pthread_mutex_unlock(&T.mu);
	return g;
}

void
goJoin(goroutine *g)
{
	if (g == NULL || g->joined)
		return;
	if (g->done != NULL) {
		runtime_chanrecv1(g->done, NULL);
		runtime_hchan_Free(g->done);
	} else
		pthread_join(g->th, NULL);
	g->joined = true;
}

/*
 * chan: a list under a sync.Mutex, and a one-slot runtime channel that
 * says "look again".  Waiting on that channel parks a goroutine where a
 * pthread condition variable would hold its thread, and lets a timer
 * take part through select.  A sender leaves a token if none is there; a
 * receiver that takes a value and sees more passes the token on, so two
 * sends that find one token still wake two receivers.  Close closes the
 * token channel, which wakes every receiver for good.
 */
typedef struct chanItem {
	void		*v;
	struct chanItem *next;
} chanItem;

struct chan {
	sync_Mutex     mu;
	runtime_hchan *ready;
	chanItem      *head, *tail;
	bool	       closed;
};

static void
freeChan(void *arg)
{
	chanFree(arg);
}

chan *
makeChan(void)
{
	chan *c;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		runtime_throw("mockserver: out of memory");
	c->ready = runtime_makechan(1, 1);
	tDeferFree(freeChan, c);
	return c;
}

static void
chanPoke(chan *c)
{
	bool tok;

	tok = true;
	runtime_selectnbsend(c->ready, &tok);
}

void
chanSend(chan *c, void *v)
{
	chanItem *it;

	it = calloc(1, sizeof(*it));
	if (it == NULL)
		runtime_throw("mockserver: out of memory");
	it->v = v;
	sync_Mutex_Lock(&c->mu);
	if (c->closed)
		runtime_throw("mockserver: send on closed channel");
	if (c->tail == NULL)
		c->head = it;
	else
		c->tail->next = it;
	c->tail = it;
	sync_Mutex_Unlock(&c->mu);
	chanPoke(c);
}

static bool
chanTake(chan *c, void **v)
{
	chanItem *it;

	it = c->head;
	if (it == NULL)
		return false;
	c->head = it->next;
	if (c->head == NULL)
		c->tail = NULL;
	if (v != NULL)
		*v = it->v;
	free(it);
	return true;
}

/*
 * chanTry takes a value (1), finds the channel closed and drained (0) or
 * empty (-1), without waiting.
 */
static int
chanTry(chan *c, void **v)
{
	bool more;
	int  r;

	sync_Mutex_Lock(&c->mu);
	r = chanTake(c, v) ? 1 : c->closed ? 0 : -1;
	more = r == 1 && c->head != NULL;
	sync_Mutex_Unlock(&c->mu);
	if (more)
		chanPoke(c);
	return r;
}

bool
chanRecv(chan *c, void **v)
{
	int r;

	while ((r = chanTry(c, v)) < 0)
		runtime_chanrecv1(c->ready, NULL);
	return r == 1;
}

int
chanRecvTimeout(chan *c, void **v, time_Duration d)
{
	time_Time stop;
	int	  r;

	stop = time_Time_Add(time_Now(), d);
	while ((r = chanTry(c, v)) < 0)
		if (!recvWithin(c->ready, NULL, time_Until(stop))) {
			r = chanTry(c, v);
			break;
		}
	return r;
}

void
chanClose(chan *c)
{
	sync_Mutex_Lock(&c->mu);
	c->closed = true;
	sync_Mutex_Unlock(&c->mu);
	runtime_closechan(c->ready);
}

void
chanFree(chan *c)
{
	while (chanTake(c, NULL))
		;
	runtime_hchan_Free(c->ready);
	free(c);
}

void
chanSendf(chan *c, const char *fmt, ...)
{
	va_list ap;
	char   *s;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0)
		runtime_throw("mockserver: out of memory");
	va_end(ap);
	chanSend(c, s);
}

void
chanSendMsg(chan *c, char *msg)
{
	if (msg != NULL)
		chanSend(c, msg);
}

void
chanSendErr(chan *c, runtime_error *err)
{
	chanSend(c, strdup(runtime_error_Error(err)));
	runtime_error_Free(err);
}

void
chanRangeErrors(chan *c, const char *prefix)
{
	void *v;

	while (chanRecv(c, &v)) {
		tErrorf("%s: %s", prefix, (char *)v);
		free(v);
	}
}

/*
 * The IP stack probe: the same three questions ipsock_posix.go's probe
 * asks the kernel, answered once per process.
 */
static struct {
	pthread_once_t once;
	bool	       v4, v6, v4map;
} ipStack = { PTHREAD_ONCE_INIT, false, false, false };

static bool
probeBind6(const struct in6_addr *a, int v6only)
{
	struct sockaddr_in6 sa;
	bool		    ok;
	int		    s;

	s = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s < 0)
		return false;
	memset(&sa, 0, sizeof(sa));
	sa.sin6_family = AF_INET6;
	sa.sin6_addr = *a;
	ok = setsockopt(s, IPPROTO_IPV6, IPV6_V6ONLY, &v6only,
		 sizeof(v6only)) == 0 &&
	    bind(s, (struct sockaddr *)&sa, sizeof(sa)) == 0;
	close(s);
	return ok;
}

static void
probe(void)
{
	struct in6_addr mapped = { { { 0 } } };
	int		s;

	s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s >= 0) {
		ipStack.v4 = true;
		close(s);
	}
	ipStack.v6 = probeBind6(&in6addr_loopback, 1);
	mapped.s6_addr[10] = 0xff;
	mapped.s6_addr[11] = 0xff;
	mapped.s6_addr[12] = 127;
	mapped.s6_addr[15] = 1;
	ipStack.v4map = probeBind6(&mapped, 0);
}

bool
supportsIPv4(void)
{
	pthread_once(&ipStack.once, probe);
	return ipStack.v4;
}

bool
supportsIPv6(void)
{
	pthread_once(&ipStack.once, probe);
	return ipStack.v6;
}

bool
supportsIPv4map(void)
{
	pthread_once(&ipStack.once, probe);
	return ipStack.v4map;
}

/* netOf is strings.Cut(network, ":")'s first half, in buf. */
static const char *
netOf(const char *network, char *buf, size_t n)
{
	size_t i;

	for (i = 0; network[i] != '\0' && network[i] != ':' && i + 1 < n; i++)
		buf[i] = network[i];
	buf[i] = '\0';
	return buf;
}

bool
testableNetwork(const char *network)
{
	char	    buf[32];
	const char *net;

	net = netOf(network, buf, sizeof(buf));
	if (strcmp(net, "ip") == 0 || strcmp(net, "ip4") == 0 ||
	    strcmp(net, "ip6") == 0) {
		if (getuid() != 0)
			return false;
	}
	if (strcmp(net, "tcp4") == 0 || strcmp(net, "udp4") == 0 ||
	    strcmp(net, "ip4") == 0)
		return supportsIPv4();
	if (strcmp(net, "tcp6") == 0 || strcmp(net, "udp6") == 0 ||
	    strcmp(net, "ip6") == 0)
		return supportsIPv6();
	return true;
}

bool
testableAddress(const char *network, const char *address)
{
	/* Abstract Unix sockets ("@name") are a Linux-ism: always testable. */
	(void)network;
	(void)address;
	return true;
}

bool
testingShort(void)
{
	const char *s;

	s = getenv("GONET_TEST_SHORT");
	return s != NULL && strcmp(s, "1") == 0;
}

/*
 * hasExternalNetwork is testenv.HasExternalNetwork: Go's tests listen on
 * wildcard addresses unless -short.  Only loopback is ever dialled here.
 */
static bool
hasExternalNetwork(void)
{
	return !testingShort();
}

bool
mustHaveExternalNetwork(void)
{
	if (hasExternalNetwork())
		return false;
	tSkipf("skipping test: no external network in -short mode");
	return true;
}

static bool
isNilIP(net_IP ip)
{
	return ip.len == 0;
}

bool
testableListenArgs(const char *network, const char *address,
    const char *client)
{
	char	       buf[32];
	const char    *net;
	net_TCPAddr   *ta;
	net_UDPAddr   *ua;
	net_IPAddr    *ia;
	runtime_error *err;
	net_IP	       ip, cip;
	bool	       wildcard;

	if (!testableNetwork(network) || !testableAddress(network, address))
		return false;
	net = netOf(network, buf, sizeof(buf));
	memset(&ip, 0, sizeof(ip));
	if (strncmp(net, "tcp", 3) == 0) {
		err = net_ResolveTCPAddr("tcp", address, &ta);
		if (err != NULL) {
			runtime_error_Free(err);
			return false;
		}
		ip = ta->IP;
		free(ta);
	} else if (strncmp(net, "udp", 3) == 0) {
		err = net_ResolveUDPAddr("udp", address, &ua);
		if (err != NULL) {
			runtime_error_Free(err);
			return false;
		}
		ip = ua->IP;
		free(ua);
	} else if (strncmp(net, "ip", 2) == 0) {
		err = net_ResolveIPAddr("ip", address, &ia);
		if (err != NULL) {
			runtime_error_Free(err);
			return false;
		}
		ip = ia->IP;
		free(ia);
	} else
		return true;
	wildcard = isNilIP(ip) || net_IP_IsUnspecified(ip);

	if (wildcard && !hasExternalNetwork())
		return false;

	if (!supportsIPv4() && !isNilIP(net_IP_To4(ip)))
		return false;
	if (!supportsIPv6() && !isNilIP(net_IP_To16(ip)) &&
	    isNilIP(net_IP_To4(ip)))
		return false;
	cip = net_ParseIP(client == NULL ? "" : client);
	if (!isNilIP(cip)) {
		if (!supportsIPv4() && !isNilIP(net_IP_To4(cip)))
			return false;
		if (!supportsIPv6() && !isNilIP(net_IP_To16(cip)) &&
		    isNilIP(net_IP_To4(cip)))
			return false;
	}

	if (!supportsIPv4map() && supportsIPv4() &&
	    (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0 ||
		strcmp(network, "ip") == 0) &&
	    wildcard) {
		if (!isNilIP(net_IP_To16(ip)) && isNilIP(net_IP_To4(ip)) &&
		    !isNilIP(net_IP_To4(cip)))
			return false;
		if ((!isNilIP(net_IP_To4(ip)) || isNilIP(ip)) &&
		    !isNilIP(net_IP_To16(cip)) && isNilIP(net_IP_To4(cip)))
			return false;
	}
	return true;
}

char *
testUnixAddr(void)
{
	const char *tmp;
	char	    tmpl[256], *d, *s;

	tmp = getenv("TMPDIR");
	if (tmp == NULL || tmp[0] == '\0')
		tmp = "/tmp";
	snprintf(tmpl, sizeof(tmpl), "%s/XXXXXX", tmp);
	d = mkdtemp(tmpl);
	if (d == NULL)
		tFatalf("mkdtemp: %s", strerror(errno));
	pthread_mutex_lock(&T.mu);
	T.dirs = realloc(T.dirs, (T.ndirs + 1) * sizeof(*T.dirs));
	if (T.dirs == NULL)
		runtime_throw("mockserver: out of memory");
	T.dirs[T.ndirs++] = strdup(d);
	pthread_mutex_unlock(&T.mu);
	if (asprintf(&s, "%s/sock", d) < 0)
		runtime_throw("mockserver: out of memory");
	return tStr(s);
}

char *
addrString(const net_Addr *a)
{
	return tStr(net_Addr_String(a));
}

char *
portOf(const net_Addr *a)
{
	runtime_error *err;
	char	      *host, *port;

	err = net_SplitHostPort(addrString(a), &host, &port);
	if (err != NULL) {
		runtime_error_Free(err);
		free(host);
		free(port);
		return tStr(strdup(""));
	}
	free(host);
	return tStr(port);
}

char *
joinHostPort(const char *host, const char *port)
{
	return tStr(net_JoinHostPort(host, port));
}

static net_Listener *
listenLC(net_ListenConfig *lc, const char *net, const char *addr)
{
	net_Listener  *ln;
	runtime_error *err;

	err = net_ListenConfig_Listen(lc, context_Background(), net, addr, &ln);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	return ln;
}

net_Listener *
newLocalListener(const char *network, net_ListenConfig *lc)
{
	net_ListenConfig zero = { 0 };
	net_Listener	*ln;
	runtime_error	*err;

	if (lc == NULL)
		lc = &zero;
	if (strcmp(network, "tcp") == 0) {
		if (supportsIPv4()) {
			if (!supportsIPv6())
				return listenLC(lc, "tcp4", "127.0.0.1:0");
			err = net_Listen("tcp4", "127.0.0.1:0", &ln);
			if (err == NULL)
				return ln;
			runtime_error_Free(err);
		}
		if (supportsIPv6())
			return listenLC(lc, "tcp6", "[::1]:0");
	} else if (strcmp(network, "tcp4") == 0) {
		if (supportsIPv4())
			return listenLC(lc, "tcp4", "127.0.0.1:0");
	} else if (strcmp(network, "tcp6") == 0) {
		if (supportsIPv6())
			return listenLC(lc, "tcp6", "[::1]:0");
	} else if (strcmp(network, "unix") == 0 ||
	    strcmp(network, "unixpacket") == 0)
		return listenLC(lc, network, testUnixAddr());
	tFatalf("%s is not supported", network);
}

runtime_error *
newDualStackListener(net_TCPListener *lns[2])
{
	static const char *const networks[2] = { "tcp4", "tcp6" };
	net_TCPAddr		 laddr;
	runtime_error		*err;
	int			 i, j, n, port;

	for (i = 0; i < 64; i++) {
		port = 0;
		n = 0;
		for (j = 0; j < 2; j++) {
			memset(&laddr, 0, sizeof(laddr));
			laddr.IP = j == 0 ? net_IPv4(127, 0, 0, 1) :
					    net_IPv6loopback;
			laddr.Port = port;
			err = net_ListenTCP(networks[j], &laddr, &lns[n]);
			if (err != NULL) {
				runtime_error_Free(err);
				continue;
			}
			port = ((const net_TCPAddr *)net_TCPListener_Addr(
				    lns[n]))
				   ->Port;
			n++;
		}
		if (n != 2) {
			for (j = 0; j < n; j++)
				net_TCPListener_Free(lns[j]);
			continue;
		}
		return NULL;
	}
	return errors_New("no dualstack port available");
}

runtime_error *
newDualStackPacketListener(net_UDPConn *cs[2])
{
	static const char *const networks[2] = { "udp4", "udp6" };
	net_UDPAddr		 laddr;
	runtime_error		*err;
	int			 i, j, n, port;

	for (i = 0; i < 64; i++) {
		port = 0;
		n = 0;
		for (j = 0; j < 2; j++) {
			memset(&laddr, 0, sizeof(laddr));
			laddr.IP = j == 0 ? net_IPv4(127, 0, 0, 1) :
					    net_IPv6loopback;
			laddr.Port = port;
			err = net_ListenUDP(networks[j], &laddr, &cs[n]);
			if (err != NULL) {
				runtime_error_Free(err);
				continue;
			}
			port = ((const net_UDPAddr *)net_UDPConn_LocalAddr(
				    cs[n]))
				   ->Port;
			n++;
		}
		if (n != 2) {
			for (j = 0; j < n; j++)
				net_UDPConn_Free(cs[j]);
			continue;
		}
		return NULL;
	}
	return errors_New("no dualstack port available");
}

static localServer *
allocLocalServer(net_Listener *ln, bool owns)
{
	localServer *ls;

	ls = calloc(1, sizeof(*ls));
	if (ls == NULL)
		runtime_throw("mockserver: out of memory");
	pthread_mutex_init(&ls->lnmu, NULL);
	pthread_mutex_init(&ls->clmu, NULL);
	ls->Listener = ln;
	ls->ownsListener = owns;
	return ls;
}

localServer *
newLocalServer(const char *network)
{
	return allocLocalServer(newLocalListener(network, NULL), true);
}

localServer *
streamListener_newLocalServer(net_Listener *ln)
{
	return allocLocalServer(ln, false);
}

static void *
localServerMain(void *arg)
{
	localServer *ls;

	ls = arg;
	ls->handler(ls, ls->Listener, ls->arg);
	return NULL;
}

runtime_error *
localServer_buildup(localServer *ls, localServerHandler h, void *arg)
{
	ls->handler = h;
	ls->arg = arg;
	ls->g = goStart(localServerMain, ls);
	return NULL;
}

void
localServer_teardown(localServer *ls)
{
	int i;

	pthread_mutex_lock(&ls->lnmu);
	if (ls->Listener != NULL) {
		runtime_error_Free(net_Listener_Close(ls->Listener));
		pthread_mutex_lock(&ls->clmu);
		for (i = 0; i < ls->ncl; i++)
			runtime_error_Free(net_Conn_Close(ls->cl[i]));
		pthread_mutex_unlock(&ls->clmu);
		goJoin(ls->g);
	}
	pthread_mutex_unlock(&ls->lnmu);
}

void
localServer_free(localServer *ls)
{
	int i;

	for (i = 0; i < ls->ncl; i++)
		net_Conn_Free(ls->cl[i]);
	if (ls->ownsListener && ls->Listener != NULL)
		net_Listener_Free(ls->Listener);
	pthread_mutex_destroy(&ls->lnmu);
	pthread_mutex_destroy(&ls->clmu);
	free(ls);
}

static void
teardownLocalServer(void *arg)
{
	localServer_teardown(arg);
}

static void
freeLocalServer(void *arg)
{
	localServer_free(arg);
}

void
deferLocalServer(localServer *ls)
{
	tDefer(teardownLocalServer, ls);
	tDeferFree(freeLocalServer, ls);
}

void
localServer_addConn(localServer *ls, net_Conn *c)
{
	pthread_mutex_lock(&ls->clmu);
	if (ls->ncl == (int)nelem(ls->cl))
		runtime_throw("mockserver: too many accepted connections");
	ls->cl[ls->ncl++] = c;
	pthread_mutex_unlock(&ls->clmu);
}

static void
setConnDeadlines(net_Conn *c)
{
	runtime_error_Free(
	    net_Conn_SetDeadline(c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_Conn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_Conn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
}

void
localServer_transponder(localServer *ls, net_Listener *ln, chan *ch)
{
	net_TCPListener	 *tl;
	net_UnixListener *ul;
	net_Conn	 *c;
	runtime_error	 *err;
	const char	 *network;
	char		  b[256];
	ptrdiff_t	  n, nw;

	if ((tl = net_Listener_TCPListener(ln)) != NULL)
		runtime_error_Free(net_TCPListener_SetDeadline(
		    tl, time_Time_Add(time_Now(), someTimeout)));
	else if ((ul = net_Listener_UnixListener(ln)) != NULL)
		runtime_error_Free(net_UnixListener_SetDeadline(
		    ul, time_Time_Add(time_Now(), someTimeout)));
	err = net_Listener_Accept(ln, &c);
	if (err != NULL) {
		chanSendMsg(ch, parseAcceptError(err));
		chanSendErr(ch, err);
		goto out;
	}
	localServer_addConn(ls, c);

	network = net_Addr_Network(net_Listener_Addr(ln));
	if (strcmp(net_Addr_Network(net_Conn_LocalAddr(c)), network) != 0 ||
	    strcmp(net_Addr_Network(net_Conn_RemoteAddr(c)), network) != 0) {
		chanSendf(ch, "got %s->%s; expected %s->%s",
		    net_Addr_Network(net_Conn_LocalAddr(c)),
		    net_Addr_Network(net_Conn_RemoteAddr(c)), network,
		    network);
		goto out;
	}
	setConnDeadlines(c);

	err = net_Conn_Read(c, b, sizeof(b), &n);
	if (err != NULL) {
		chanSendMsg(ch, parseReadError(err));
		chanSendErr(ch, err);
		goto out;
	}
	err = net_Conn_Write(c, b, (size_t)n, &nw);
	if (err != NULL) {
		chanSendMsg(ch, parseWriteError(err));
		chanSendErr(ch, err);
		goto out;
	}
out:
	chanClose(ch);
}

void
transponderHandler(localServer *ls, net_Listener *ln, void *arg)
{
	localServer_transponder(ls, ln, arg);
}

typedef struct transceiverArgs {
	net_Conn       *c;
	net_PacketConn *pc;
	const char     *wb;
	net_Addr       *dst;
	chan	       *ch;
} transceiverArgs;

static void *
transceiver(void *arg)
{
	transceiverArgs *a;
	runtime_error	*err;
	char		*rb;
	size_t		 len;
	ptrdiff_t	 n;

	a = arg;
	len = strlen(a->wb);
	rb = calloc(1, len + 1);
	setConnDeadlines(a->c);
	err = net_Conn_Write(a->c, a->wb, len, &n);
	if (err != NULL) {
		chanSendMsg(a->ch, parseWriteError(err));
		chanSendErr(a->ch, err);
		goto out;
	}
	if (n != (int)len)
		chanSendf(a->ch, "wrote %td; want %zu", n, len);
	err = net_Conn_Read(a->c, rb, len, &n);
	if (err != NULL) {
		chanSendMsg(a->ch, parseReadError(err));
		chanSendErr(a->ch, err);
		goto out;
	}
	if (n != (int)len)
		chanSendf(a->ch, "read %td; want %zu", n, len);
out:
	free(rb);
	chanClose(a->ch);
	free(a);
	return NULL;
}

goroutine *
goTransceiver(net_Conn *c, const char *wb, chan *ch)
{
	transceiverArgs *a;

	a = calloc(1, sizeof(*a));
	a->c = c;
	a->wb = wb;
	a->ch = ch;
	return goStart(transceiver, a);
}

static localPacketServer *
allocLocalPacketServer(net_PacketConn *c)
{
	localPacketServer *ls;

	ls = calloc(1, sizeof(*ls));
	if (ls == NULL)
		runtime_throw("mockserver: out of memory");
	pthread_mutex_init(&ls->pcmu, NULL);
	ls->PacketConn = c;
	ls->ownsPacketConn = true;
	return ls;
}

net_PacketConn *
newLocalPacketListener(const char *network, net_ListenConfig *lc)
{
	net_ListenConfig zero = { 0 };
	net_PacketConn	*c;
	runtime_error	*err;
	const char	*net, *addr;

	if (lc == NULL)
		lc = &zero;
	net = addr = NULL;
	if (strcmp(network, "udp") == 0) {
		if (supportsIPv4()) {
			net = "udp4";
			addr = "127.0.0.1:0";
		} else if (supportsIPv6()) {
			net = "udp6";
			addr = "[::1]:0";
		}
	} else if (strcmp(network, "udp4") == 0) {
		if (supportsIPv4()) {
			net = "udp4";
			addr = "127.0.0.1:0";
		}
	} else if (strcmp(network, "udp6") == 0) {
		if (supportsIPv6()) {
			net = "udp6";
			addr = "[::1]:0";
		}
	} else if (strcmp(network, "unixgram") == 0) {
		net = network;
		addr = testUnixAddr();
	}
	if (net == NULL)
		tFatalf("%s is not supported", network);
	err = net_ListenConfig_ListenPacket(lc, context_Background(), net,
	    addr, &c);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	return c;
}

localPacketServer *
newLocalPacketServer(const char *network)
{
	return allocLocalPacketServer(newLocalPacketListener(network, NULL));
}

localPacketServer *
packetListener_newLocalServer(net_PacketConn *c)
{
	return allocLocalPacketServer(c);
}

static void *
localPacketServerMain(void *arg)
{
	localPacketServer *ls;

	ls = arg;
	ls->handler(ls, ls->PacketConn, ls->arg);
	return NULL;
}

runtime_error *
localPacketServer_buildup(localPacketServer *ls, localPacketServerHandler h,
    void *arg)
{
	ls->handler = h;
	ls->arg = arg;
	ls->g = goStart(localPacketServerMain, ls);
	return NULL;
}

void
localPacketServer_teardown(localPacketServer *ls)
{
	pthread_mutex_lock(&ls->pcmu);
	if (ls->PacketConn != NULL) {
		runtime_error_Free(net_PacketConn_Close(ls->PacketConn));
		goJoin(ls->g);
	}
	pthread_mutex_unlock(&ls->pcmu);
}

void
localPacketServer_free(localPacketServer *ls)
{
	if (ls->ownsPacketConn && ls->PacketConn != NULL)
		net_PacketConn_Free(ls->PacketConn);
	pthread_mutex_destroy(&ls->pcmu);
	free(ls);
}

static void
teardownLocalPacketServer(void *arg)
{
	localPacketServer_teardown(arg);
}

static void
freeLocalPacketServer(void *arg)
{
	localPacketServer_free(arg);
}

void
deferLocalPacketServer(localPacketServer *ls)
{
	tDefer(teardownLocalPacketServer, ls);
	tDeferFree(freeLocalPacketServer, ls);
}

static void
setPacketConnDeadlines(net_PacketConn *c)
{
	runtime_error_Free(net_PacketConn_SetDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_PacketConn_SetReadDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
	runtime_error_Free(net_PacketConn_SetWriteDeadline(
	    c, time_Time_Add(time_Now(), someTimeout)));
}

static void
packetTransponder(net_PacketConn *c, chan *ch)
{
	net_Addr      *peer;
	net_UDPAddr   *ua;
	net_UnixAddr  *xa;
	runtime_error *err;
	const char    *network;
	char	       b[257];
	ptrdiff_t      n, nw;

	setPacketConnDeadlines(c);
	peer = NULL;
	err = net_PacketConn_ReadFrom(c, b, sizeof(b) - 1, &n, &peer);
	if (err != NULL) {
		chanSendMsg(ch, parseReadError(err));
		chanSendErr(ch, err);
		goto out;
	}
	if (peer == NULL) { /* for connected-mode sockets */
		b[n] = '\0';
		network = net_Addr_Network(net_PacketConn_LocalAddr(c));
		if (strcmp(network, "udp") == 0) {
			err = net_ResolveUDPAddr("udp", b, &ua);
			if (err == NULL)
				peer = &ua->addr;
		} else if (strcmp(network, "unixgram") == 0) {
			err = net_ResolveUnixAddr("unixgram", b, &xa);
			if (err == NULL)
				peer = &xa->addr;
		}
		if (err != NULL) {
			chanSendErr(ch, err);
			goto out;
		}
	}
	err = net_PacketConn_WriteTo(c, b, (size_t)n, peer, &nw);
	if (err != NULL) {
		chanSendMsg(ch, parseWriteError(err));
		chanSendErr(ch, err);
		goto out;
	}
out:
	free(peer);
	chanClose(ch);
}

void
packetTransponderHandler(localPacketServer *ls, net_PacketConn *c, void *arg)
{
	(void)ls;
	packetTransponder(c, arg);
}

static void *
packetTransceiver(void *arg)
{
	transceiverArgs *a;
	runtime_error	*err;
	net_Addr	*from;
	char		*rb;
	size_t		 len;
	ptrdiff_t	 n;

	a = arg;
	len = strlen(a->wb);
	rb = calloc(1, len + 1);
	setPacketConnDeadlines(a->pc);
	err = net_PacketConn_WriteTo(a->pc, a->wb, len, a->dst, &n);
	if (err != NULL) {
		chanSendMsg(a->ch, parseWriteError(err));
		chanSendErr(a->ch, err);
		goto out;
	}
	if (n != (int)len)
		chanSendf(a->ch, "wrote %td; want %zu", n, len);
	from = NULL;
	err = net_PacketConn_ReadFrom(a->pc, rb, len, &n, &from);
	free(from);
	if (err != NULL) {
		chanSendMsg(a->ch, parseReadError(err));
		chanSendErr(a->ch, err);
		goto out;
	}
	if (n != (int)len)
		chanSendf(a->ch, "read %td; want %zu", n, len);
out:
	free(rb);
	free(a->dst);
	chanClose(a->ch);
	free(a);
	return NULL;
}

goroutine *
goPacketTransceiver(net_PacketConn *c, const char *wb, const net_Addr *dst,
    chan *ch)
{
	transceiverArgs *a;

	a = calloc(1, sizeof(*a));
	a->pc = c;
	a->wb = wb;
	a->dst = net_Addr_clone(dst);
	a->ch = ch;
	return goStart(packetTransceiver, a);
}

/* controlOnConnSetup: one harmless option per family, through RawConn. */
typedef struct controlArgs {
	int	      kind; /* 0 unix, 4, 6 */
	syscall_Errno operr;
} controlArgs;

static void
controlFn(uintptr_t s, void *arg)
{
	controlArgs *a;
	int	     v;

	a = arg;
	switch (a->kind) {
	case 0:
		a->operr = syscall_GetsockoptInt(
		    (int)s, SOL_SOCKET, SO_ERROR, &v);
		break;
	case 4:
		a->operr = syscall_SetsockoptInt(
		    (int)s, IPPROTO_IP, IP_TTL, 1);
		break;
	default:
		a->operr = syscall_SetsockoptInt(
		    (int)s, IPPROTO_IPV6, IPV6_UNICAST_HOPS, 1);
		break;
	}
}

runtime_error *
controlOnConnSetup(const char *network, const char *address,
    syscall_RawConn *c, void *arg)
{
	controlArgs    a = { 0, 0 };
	runtime_error *err;
	char	       buf[64];
	size_t	       n;

	(void)address;
	(void)arg;
	if (strcmp(network, "tcp") == 0 || strcmp(network, "udp") == 0 ||
	    strcmp(network, "ip") == 0) {
		snprintf(buf, sizeof(buf), "ambiguous network: %s", network);
		return errors_New(buf);
	}
	if (strcmp(network, "unix") == 0 ||
	    strcmp(network, "unixpacket") == 0 ||
	    strcmp(network, "unixgram") == 0)
		a.kind = 0;
	else {
		n = strlen(network);
		if (n > 0 && network[n - 1] == '4')
			a.kind = 4;
		else if (n > 0 && network[n - 1] == '6')
			a.kind = 6;
		else {
			snprintf(buf, sizeof(buf), "unknown network: %s",
			    network);
			return errors_New(buf);
		}
	}
	err = syscall_RawConn_Control(c, controlFn, &a);
	if (err != NULL)
		return err;
	return syscall_Errno_Err(a.operr);
}

/*
 * socketFamily finds this process's socket of type sotype bound to port
 * (a listening one when listening) and returns its SO_DOMAIN.
 */
static int
socketFamily(int sotype, int port, bool listening)
{
	struct sockaddr_storage ss;
	struct stat		st;
	struct dirent	       *e;
	socklen_t		len;
	DIR		       *d;
	int			fd, v, family, p;

	d = opendir("/proc/self/fd");
	if (d == NULL)
		return -1;
	family = -1;
	while (family < 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		fd = atoi(e->d_name);
		if (fd == dirfd(d) || fstat(fd, &st) != 0 ||
		    !S_ISSOCK(st.st_mode))
			continue;
		len = sizeof(v);
		if (getsockopt(fd, SOL_SOCKET, SO_TYPE, &v, &len) != 0 ||
		    v != sotype)
			continue;
		if (listening) {
			len = sizeof(v);
			if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &v,
				&len) != 0 ||
			    v == 0)
				continue;
		}
		len = sizeof(ss);
		if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
			continue;
		if (ss.ss_family == AF_INET)
			p = ntohs(((struct sockaddr_in *)&ss)->sin_port);
		else if (ss.ss_family == AF_INET6)
			p = ntohs(((struct sockaddr_in6 *)&ss)->sin6_port);
		else
			continue;
		if (p == port)
			family = ss.ss_family;
	}
	closedir(d);
	return family;
}

int
listenerFamily(net_Listener *ln)
{
	const net_TCPAddr *a;

	a = (const net_TCPAddr *)net_Listener_Addr(ln);
	if (a == NULL || a->addr.type != &net_TCPAddrType)
		return -1;
	return socketFamily(SOCK_STREAM, a->Port, true);
}

int
packetConnFamily(net_PacketConn *c)
{
	const net_UDPAddr *a;

	a = (const net_UDPAddr *)net_PacketConn_LocalAddr(c);
	if (a == NULL || a->addr.type != &net_UDPAddrType)
		return -1;
	return socketFamily(SOCK_DGRAM, a->Port, false);
}

int
fdNonblock(uintptr_t fd)
{
	int flags;

	flags = fcntl((int)fd, F_GETFL);
	return flags < 0 ? -1 : flags & O_NONBLOCK;
}
