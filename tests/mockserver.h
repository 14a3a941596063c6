/*
 * C port of go1.19 src/net/mockserver_test.go: local listeners, servers,
 * transponders and transceivers for the socket tests, plus the pieces of
 * Go's testing package, goroutines and channels that the ported tests
 * lean on (C only, kept here so that the twins stay line-for-line).
 *
 * Also declared here, because several test files share them:
 *  - platform_test.go's testableNetwork and friends, and main_test.go's
 *    supportsIPv4/IPv6/IPv4map probes (defined in mockserver.c);
 *  - error_test.go's parseDialError and friends and error_unix_test.go's
 *    helpers (defined in error_test.c);
 *  - timeout_test.go's isDeadlineExceeded (defined in timeout_test.c);
 *  - lookup_test.go's lookupLocalhost (defined in lookup_test.c);
 *  - rawconn_unix_test.go's controlOnConnSetup (defined in mockserver.c);
 *  - net_test.go's withTCPConnPair (defined in net_test.c);
 *  - writev_test.go's consume table, which internal/poll's TestConsume
 *    repeats in Go (defined in writev_test.c).
 */
#ifndef GONET_MOCKSERVER_H
#define GONET_MOCKSERVER_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

#include "net/net.h"
#include "sync/sync.h"
#include "time/time.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * someTimeout (conn_test.go) only checks that Set*Deadline does not break
 * a connection; noDeadline is the zero time.
 */
#define someTimeout time_Hour
extern const time_Time noDeadline;

/*
 * Go's testing.T for one test.  tErrorf records a failure and goes on,
 * tFatalf records it and ends the test now, tLogf writes to stderr.  A
 * test ends with tDone, which runs the deferred closes (LIFO), joins every
 * thread started with goStart, runs the deferred frees (LIFO), removes the
 * temporary directories and then fails the test if anything was recorded.
 * newNetTCase adds the fixture that resets this state before each test.
 */
TCase *newNetTCase(const char *name, int timeout);
void   tErrorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
_Noreturn void tFatalf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
void tLogf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
bool tFailed(void);
void tDone(void);
/* tSkipf logs the reason, as Go's t.Skipf does, then ends the test. */
void tSkipf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* tDefer runs fn(arg) in tDone's first phase, tDeferFree in its last. */
void tDefer(void (*fn)(void *), void *arg);
void tDeferFree(void (*fn)(void *), void *arg);
/* Go's "defer x.Close()": Close in phase one, Free in phase three. */
void deferConn(net_Conn *c);
void deferListener(net_Listener *ln);
void deferPacketConn(net_PacketConn *c);
void deferRemove(const char *path);
/* tStr frees s (malloc'd) at tDone and returns it; NULL stays NULL. */
char *tStr(char *s);
/* tErrStr returns err's text as a tStr copy, then frees err. */
char *tErrStr(runtime_error *err);

/*
 * Goroutines: goStart starts fn(arg) on a thread, or as a goroutine in
 * goroutine mode; tDone joins each (or goJoin, once).
 */
typedef struct goroutine goroutine;

goroutine *goStart(void *(*fn)(void *), void *arg);
void	   goJoin(goroutine *g);

/*
 * chan is an unbounded Go channel of pointers: send never blocks, close
 * wakes every receiver, recv reports false once closed and drained.
 * chanRecvTimeout is a select with a timer: 1 value, 0 closed, -1 timeout.
 */
typedef struct chan chan;
chan *makeChan(void);
void  chanSend(chan *c, void *v);
bool  chanRecv(chan *c, void **v);
int   chanRecvTimeout(chan *c, void **v, time_Duration d);
void  chanClose(chan *c);
void  chanFree(chan *c);
/* Error channels carry malloc'd messages. */
void chanSendf(chan *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* chanSendMsg sends msg (malloc'd, may be NULL: then nothing is sent). */
void chanSendMsg(chan *c, char *msg);
/* chanSendErr sends err's text and frees err. */
void chanSendErr(chan *c, runtime_error *err);
/* chanRangeErrors is "for err := range ch { t.Errorf(prefix+": %v", err) }". */
void chanRangeErrors(chan *c, const char *prefix);

/*
 * withTCPConnPair sets up a TCP connection between two peers, then runs
 * peer1 and peer2 concurrently; it returns when both have completed.  A
 * peer returns NULL or a malloc'd failure message (tFatalf reports it).
 */
typedef char *(*tcpPeer)(net_TCPConn *c);
void withTCPConnPair(tcpPeer peer1, tcpPeer peer2);

/*
 * consumeTests: Buffers in, bytes consumed, Buffers wanted (NULL is a nil
 * chunk).  checkConsume runs row i through consume and fails the test on
 * a difference.
 */
typedef struct consumeTest {
	const char *in[4];
	int	    nin;
	int64_t	    consume;
	const char *want[2];
	int	    nwant;
} consumeTest;
extern const consumeTest consumeTests[];
extern const size_t	 nconsumeTests;
void checkConsume(int i, void (*consume)(net_Buffers *v, int64_t n));

/* main_test.go / ipsock_posix.go: the kernel's IP stack, probed once. */
bool supportsIPv4(void);
bool supportsIPv6(void);
bool supportsIPv4map(void);

/*
 * testing.Short(): GONET_TEST_SHORT=1 plays go test -short, the mode of
 * Go's ordinary and race builders (only the longtest builders run
 * without it); the TSan build runs short (see the Makefile).
 * mustHaveExternalNetwork is testenv.MustHaveExternalNetwork: in short
 * mode it skips the test (logged) and returns true.
 */
bool testingShort(void);
bool mustHaveExternalNetwork(void);

/* platform_test.go */
bool testableNetwork(const char *network);
bool testableAddress(const char *network, const char *address);
bool testableListenArgs(
    const char *network, const char *address, const char *client);

/*
 * testUnixAddr returns DIR/sock for a new mkdtemp directory that tDone
 * removes (a tStr string).
 */
char *testUnixAddr(void);

/* The address helpers return tStr strings. */
char *addrString(const net_Addr *a);
/* portOf is SplitHostPort(a.String())'s port, as a tStr string. */
char *portOf(const net_Addr *a);
char *joinHostPort(const char *host, const char *port);

/*
 * newLocalListener and newLocalPacketListener fail the test (tFatalf) when
 * they cannot listen; lc may be NULL (Go's new(ListenConfig)).  The
 * results are the caller's (see deferListener).
 */
net_Listener   *newLocalListener(const char *network, net_ListenConfig *lc);
net_PacketConn *newLocalPacketListener(
    const char *network, net_ListenConfig *lc);
/* newDualStackListener writes a tcp4 and a tcp6 listener on one port. */
runtime_error *newDualStackListener(net_TCPListener *lns[2]);
runtime_error *newDualStackPacketListener(net_UDPConn *cs[2]);

/*
 * localServer: a listener and the thread that runs a handler on it.
 * teardown closes the listener and the accepted connections, waits for the
 * handler and removes a Unix socket file; free releases what the server
 * owns (the listener only when newLocalServer made it).
 */
typedef struct localServer localServer;
typedef void (*localServerHandler)(localServer *ls, net_Listener *ln,
    void *arg);
struct localServer {
	pthread_mutex_t	   lnmu;
	net_Listener	  *Listener;
	bool		   ownsListener;
	goroutine	  *g;
	localServerHandler handler;
	void		  *arg;
	pthread_mutex_t	   clmu;
	net_Conn	  *cl[16]; /* accepted connection list */
	int		   ncl;
};
localServer *newLocalServer(const char *network);
/* streamListener{Listener: ln}.newLocalServer(): ln stays the caller's. */
localServer *streamListener_newLocalServer(net_Listener *ln);
runtime_error *localServer_buildup(localServer *ls, localServerHandler h,
    void *arg);
void	       localServer_teardown(localServer *ls);
void	       localServer_free(localServer *ls);
/* deferLocalServer is "defer ls.teardown()" plus the free. */
void deferLocalServer(localServer *ls);
/* localServer_addConn appends c to the accepted list (teardown closes it). */
void localServer_addConn(localServer *ls, net_Conn *c);

/* ls.transponder(ln, ch): accept, echo once, close ch. */
void localServer_transponder(localServer *ls, net_Listener *ln, chan *ch);
/* A localServerHandler that runs the transponder; arg is its chan. */
void transponderHandler(localServer *ls, net_Listener *ln, void *arg);
/* transceiver(c, wb, ch), on a new thread: write wb, read it back. */
goroutine *goTransceiver(net_Conn *c, const char *wb, chan *ch);

typedef struct localPacketServer localPacketServer;
typedef void (*localPacketServerHandler)(localPacketServer *ls,
    net_PacketConn *c, void *arg);
struct localPacketServer {
	pthread_mutex_t		 pcmu;
	net_PacketConn		*PacketConn;
	bool			 ownsPacketConn;
	goroutine		*g;
	localPacketServerHandler handler;
	void			*arg;
};
localPacketServer *newLocalPacketServer(const char *network);
/* packetListener{PacketConn: c}.newLocalServer(): the server owns c. */
localPacketServer *packetListener_newLocalServer(net_PacketConn *c);
runtime_error	  *localPacketServer_buildup(localPacketServer *ls,
	localPacketServerHandler h, void *arg);
void		   localPacketServer_teardown(localPacketServer *ls);
void		   localPacketServer_free(localPacketServer *ls);
void		   deferLocalPacketServer(localPacketServer *ls);

/* packetTransponder(c, ch) as a handler; arg is the chan. */
void packetTransponderHandler(localPacketServer *ls, net_PacketConn *c,
    void *arg);
/* packetTransceiver(c, wb, dst, ch) on a new thread; dst is borrowed. */
goroutine *goPacketTransceiver(net_PacketConn *c, const char *wb,
    const net_Addr *dst, chan *ch);

/* rawconn_unix_test.go */
runtime_error *controlOnConnSetup(const char *network, const char *address,
    syscall_RawConn *c, void *arg);

/*
 * The family (AF_INET, AF_INET6) of the socket behind a listener or a
 * packet conn, what Go's checkFirstListener reads from fd.family: found by
 * matching the kernel's bound address against Addr(), -1 if not found.
 */
int listenerFamily(net_Listener *ln);
int packetConnFamily(net_PacketConn *c);
/* fdNonblock is fcntl's O_NONBLOCK bit for fd: 0 when clear, -1 on error. */
int fdNonblock(uintptr_t fd);

/* error_test.go: NULL when err is a valid error, else a malloc'd reason. */
char *parseDialError(runtime_error *err);
char *parseReadError(runtime_error *err);
char *parseWriteError(runtime_error *err);
char *parseCloseError(runtime_error *err, bool isShutdown);
char *parseAcceptError(runtime_error *err);
char *parseCommonError(runtime_error *err);
/* error_unix_test.go */
bool isPlatformError(runtime_error *err);
bool samePlatformError(runtime_error *err, syscall_Errno want);
bool isENOBUFS(runtime_error *err);
/* timeout_test.go */
bool isDeadlineExceeded(runtime_error *err);
/* lookup_test.go: a testHookLookupIP; "localhost" is 127.0.0.1, ::1. */
runtime_error *lookupLocalhost(net_Resolver *r, context_Context *ctx,
    net_lookupIPFunc fn, const char *network, const char *host,
    net_IPAddr **addrs, int *naddrs);

#endif /* GONET_MOCKSERVER_H */
