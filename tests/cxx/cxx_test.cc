/*
 * gonet (C++ only): proves that every public header compiles as C++ (the
 * Makefile builds this file with -std=c++11 and -std=c++17) and that a C++
 * program can link libgonet and use it: a loopback echo served by a
 * goroutine, a channel, netip, dnsmessage and Go's error texts.
 */
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "bufio/bufio.h"
#include "context/context.h"
#include "dnsmessage/dnsmessage.h"
#include "errors/errors.h"
#include "io/io.h"
#include "net/net.h"
#include "net/netip/netip.h"
#include "os/os.h"
#include "runtime/chan.h"
#include "runtime/runtime.h"
#include "sync/sync.h"
#include "syscall/syscall.h"
#include "time/time.h"

static int failures;

static void
expect(bool ok, const char *what)
{
	if (!ok) {
		std::fprintf(stderr, "cxx_test: %s\n", what);
		failures++;
	}
}

struct server {
	net_Listener  *l;
	runtime_hchan *done; /* chan int: the bytes echoed */
};

/* serve echoes one connection until EOF, as a goroutine. */
static void
serve(void *arg)
{
	server	      *s = static_cast<server *>(arg);
	net_Conn      *c = NULL;
	char	       buf[64];
	ptrdiff_t      n, w;
	int	       total = 0;
	runtime_error *err = net_Listener_Accept(s->l, &c);

	while (err == NULL) {
		err = net_Conn_Read(c, buf, sizeof buf, &n);
		if (err == NULL)
			err = net_Conn_Write(c, buf, n, &w);
		if (err == NULL)
			total += static_cast<int>(n);
	}
	expect(err == io_EOF, "server: read did not end with io_EOF");
	runtime_error_Free(err);
	if (c != NULL) {
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	runtime_chansend1(s->done, &total);
}

static void
testEcho(void)
{
	static const char msg[] = "hello from C++";
	server		  s = { NULL, NULL };
	net_Conn	 *c = NULL;
	char		 *addr = NULL, got[sizeof msg];
	ptrdiff_t	  n, m = 0;
	int		  total = 0;
	runtime_error	 *err = net_Listen("tcp", "127.0.0.1:0", &s.l);

	expect(err == NULL, runtime_error_Error(err));
	if (err != NULL)
		goto out;
	s.done = runtime_makechan(sizeof(int), 0);
	runtime_Go(serve, &s);
	addr = net_Addr_String(net_Listener_Addr(s.l));
	err = net_Dial("tcp", addr, &c);
	if (err == NULL)
		err = net_Conn_Write(c, msg, sizeof msg, &n);
	while (err == NULL && m < static_cast<ptrdiff_t>(sizeof msg)) {
		err = net_Conn_Read(c, got + m, sizeof got - m, &n);
		m += n;
	}
	expect(err == NULL, runtime_error_Error(err));
	expect(
	    m == sizeof msg && std::memcmp(got, msg, m) == 0, "echo differs");
	if (c != NULL)
		runtime_error_Free(net_Conn_Close(c));
	runtime_chanrecv1(s.done, &total);
	expect(total == sizeof msg, "server saw the wrong byte count");
	runtime_hchan_Free(s.done);
	net_Conn_Free(c);
out:
	runtime_error_Free(err);
	std::free(addr);
	if (s.l != NULL) {
		runtime_error_Free(net_Listener_Close(s.l));
		net_Listener_Free(s.l);
	}
}

/* testErrors checks Go's text for a refused dial, seen from C++. */
static void
testErrors(void)
{
	net_Listener  *l = NULL;
	net_Conn      *c = NULL;
	char	      *addr;
	runtime_error *err = net_Listen("tcp", "127.0.0.1:0", &l);
	char	       want[128];

	if (err != NULL) {
		expect(false, runtime_error_Error(err));
		runtime_error_Free(err);
		return;
	}
	addr = net_Addr_String(net_Listener_Addr(l));
	runtime_error_Free(net_Listener_Close(l));
	net_Listener_Free(l);
	err = net_Dial("tcp", addr, &c);
	std::snprintf(want, sizeof want,
	    "dial tcp %s: connect: connection refused", addr);
	expect(err != NULL && std::strcmp(runtime_error_Error(err), want) == 0,
	    "refused dial: wrong error text");
	expect(errors_As(err, &net_OpErrorType) != NULL, "not an OpError");
	runtime_error_Free(err);
	std::free(addr);
}

static void
testValues(void)
{
	const uint8_t	b[4] = { 192, 0, 2, 1 };
	netip_Addr	a = netip_AddrFrom4(b);
	net_TCPAddr    *ta = net_TCPAddrFromAddrPort(netip_AddrPortFrom(a, 80));
	char	       *s = net_TCPAddr_String(ta);
	dnsmessage_Name name;
	runtime_error  *err = dnsmessage_NewName("example.com.", &name);
	char	       *t = dnsmessage_Type_String(dnsmessage_TypeAAAA);

	expect(std::strcmp(s, "192.0.2.1:80") == 0, "TCPAddr.String");
	expect(err == NULL, "NewName");
	expect(std::strcmp(t, "TypeAAAA") == 0, "Type.String");
	expect(time_Second == 1000000000, "time.Second");
	expect(std::strcmp(syscall_Errno_Error(111), "connection refused") == 0,
	    "Errno.Error");
	std::free(t);
	std::free(s);
	std::free(ta);
}

/*
 * testSyncTime uses packages sync and time: a zero Mutex and WaitGroup
 * work as declared in C++ too, and a Timer's channel delivers.
 */
static void
countDone(void *arg)
{
	sync_WaitGroup_Done(static_cast<sync_WaitGroup *>(arg));
}

static void
testSyncTime(void)
{
	sync_Mutex     mu = {};
	sync_WaitGroup wg = {};
	time_Timer    *t;
	time_Time      fired;

	sync_Mutex_Lock(&mu);
	expect(!sync_Mutex_TryLock(&mu), "TryLock of a held Mutex");
	sync_Mutex_Unlock(&mu);
	sync_WaitGroup_Add(&wg, 1);
	runtime_Go(countDone, &wg);
	sync_WaitGroup_Wait(&wg);
	t = time_NewTimer(time_Millisecond);
	runtime_chanrecv1(t->C, &fired);
	expect(!time_Timer_Stop(t), "Stop after the Timer fired");
	time_Timer_Free(t);
}

int
main()
{
	testEcho();
	testErrors();
	testValues();
	testSyncTime();
	if (failures != 0)
		return 1;
	std::printf("cxx_test: ok (C++%ld)\n", static_cast<long>(__cplusplus));
	return 0;
}
