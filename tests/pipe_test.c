/*
 * C port of go1.19 src/net/pipe_test.go, with the conformance suite
 * TestPipe runs: golang.org/x/net/nettest's TestConn (conntest.go, as
 * vendored in Go 1.19), one subtest per iteration in Go's order.
 */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "sync/sync.h"
#include "tests/iotest.h"
#include "tests/mockserver.h"

/* conntest.go's deadlines: one long past, and none. */
static time_Time
aLongTimeAgo(void)
{
	return time_Unix(233431200, 0);
}

static const time_Time neverTimeout = { 0 };

/* The pipe under test, shared with the goroutines each subtest starts. */
static net_Conn *c1, *c2;

/* chunkedCopy copies through a 1 KiB buffer, hiding ReadFrom and WriteTo. */
static runtime_error *
chunkedCopy(io_Writer w, io_Reader r)
{
	onlyWriter ow;
	onlyReader orr;
	char	   b[1024];
	int64_t	   n;

	return io_CopyBuffer(onlyWriter_Writer(&ow, w),
	    onlyReader_Reader(&orr, r), b, sizeof b, &n);
}

/* The background copies Go starts with `go chunkedCopy(...)`. */
static void *
copyRandTo2(void *arg)
{
	uint64_t seed = 0;

	(void)arg;
	runtime_error_Free(chunkedCopy(net_Conn_Writer(c2), randReader(&seed)));
	return NULL;
}

static void *
copy2ToDiscard(void *arg)
{
	(void)arg;
	runtime_error_Free(chunkedCopy(ioDiscard(), net_Conn_Reader(c2)));
	return NULL;
}

static void *
echo2(void *arg)
{
	(void)arg;
	runtime_error_Free(
	    chunkedCopy(net_Conn_Writer(c2), net_Conn_Reader(c2)));
	return NULL;
}

/* checkForTimeoutError fails unless err is a net.Error that timed out. */
static void
checkForTimeoutError(runtime_error *err)
{
	if (err == NULL || !net_Error_Timeout(err))
		tErrorf("got error: %s, want err.Timeout() = true",
		    runtime_error_Error(err));
	runtime_error_Free(err);
}

static void
testRoundtrip(net_Conn *c)
{
	static const char s[] = "Hello, world!";
	runtime_error	 *err;
	char		  buf[sizeof s - 1];
	ptrdiff_t	  n;

	if ((err = net_Conn_SetDeadline(c, neverTimeout)) != NULL)
		tErrorf("roundtrip SetDeadline error: %s", tErrStr(err));
	memcpy(buf, s, sizeof buf);
	if ((err = net_Conn_Write(c, buf, sizeof buf, &n)) != NULL)
		tErrorf("roundtrip Write error: %s", tErrStr(err));
	if ((err = io_ReadFull(net_Conn_Reader(c), buf, sizeof buf, &n)) !=
	    NULL)
		tErrorf("roundtrip Read error: %s", tErrStr(err));
	if (memcmp(buf, s, sizeof buf) != 0)
		tErrorf("roundtrip data mismatch: got %.*s, want %s",
		    (int)sizeof buf, buf, s);
}

static void *
resyncWrite(void *arg)
{
	static const uint8_t ff = 0xff;
	ptrdiff_t	     n;

	*(runtime_error **)arg = net_Conn_Write(c1, &ff, 1, &n);
	return NULL;
}

/* resyncConn reads until the 0xff it writes comes back alone at the end. */
static void
resyncConn(net_Conn *c)
{
	runtime_error *err, *werr;
	goroutine     *g;
	uint8_t	       buf[1024];
	ptrdiff_t      n;

	net_Conn_SetDeadline(c, neverTimeout);
	g = goStart(resyncWrite, &werr);
	for (;;) {
		err = net_Conn_Read(c, buf, sizeof buf, &n);
		if (n > 0 && memchr(buf, 0xff, (size_t)n) == buf + n - 1) {
			runtime_error_Free(err);
			break;
		}
		if (err != NULL) {
			tErrorf("unexpected Read error: %s", tErrStr(err));
			break;
		}
	}
	goJoin(g);
	if (werr != NULL)
		tErrorf("unexpected Write error: %s", tErrStr(werr));
}

/* BasicIO: a megabyte one way, each side closing when done. */
typedef struct basicIO {
	uint8_t	   *want;
	size_t	    len;
	bytesBuffer got;
} basicIO;

static void *
basicIOWriter(void *arg)
{
	basicIO	      *b = arg;
	bytesReader    rd;
	runtime_error *err;

	err = chunkedCopy(
	    net_Conn_Writer(c1), bytesReader_Reader(&rd, b->want, b->len));
	if (err != NULL)
		tErrorf("unexpected c1.Write error: %s", tErrStr(err));
	if ((err = net_Conn_Close(c1)) != NULL)
		tErrorf("unexpected c1.Close error: %s", tErrStr(err));
	return NULL;
}

static void *
basicIOReader(void *arg)
{
	basicIO	      *b = arg;
	runtime_error *err;

	err = chunkedCopy(bytesBuffer_Writer(&b->got), net_Conn_Reader(c2));
	if (err != NULL)
		tErrorf("unexpected c2.Read error: %s", tErrStr(err));
	if ((err = net_Conn_Close(c2)) != NULL)
		tErrorf("unexpected c2.Close error: %s", tErrStr(err));
	return NULL;
}

static void
testBasicIO(void)
{
	basicIO	   b = { .len = 1 << 20 };
	goroutine *g;
	uint64_t   seed = 0;
	ptrdiff_t  n;

	b.want = malloc(b.len);
	io_Reader_Read(randReader(&seed), b.want, b.len, &n);
	g = goStart(basicIOWriter, &b);
	goJoin(goStart(basicIOReader, &b));
	goJoin(g);
	if (bytesBuffer_Len(&b.got) != b.len ||
	    memcmp(b.got.data + b.got.off, b.want, b.len) != 0)
		tErrorf("transmitted data differs");
	bytesBuffer_free(&b.got);
	free(b.want);
}

/* PingPong: a counter bounced to 1000, each side adding one. */
static void *
pingPonger(void *arg)
{
	net_Conn      *c = arg;
	runtime_error *err;
	uint8_t	       buf[8];
	uint64_t       v, prev;
	ptrdiff_t      n;
	int	       i;

	prev = 0;
	for (;;) {
		if ((err = io_ReadFull(net_Conn_Reader(c), buf, 8, &n)) !=
		    NULL) {
			if (err == io_EOF)
				break;
			tErrorf("unexpected Read error: %s", tErrStr(err));
		}
		for (v = 0, i = 7; i >= 0; i--)
			v = v << 8 | buf[i];
		for (i = 0; i < 8; i++)
			buf[i] = (uint8_t)((v + 1) >> (8 * i));
		if (prev != 0 && prev + 2 != v)
			tErrorf("mismatching value: got %llu, want %llu",
			    (unsigned long long)v,
			    (unsigned long long)prev + 2);
		prev = v;
		if (v == 1000)
			break;
		if ((err = net_Conn_Write(c, buf, 8, &n)) != NULL) {
			tErrorf("unexpected Write error: %s", tErrStr(err));
			break;
		}
	}
	if ((err = net_Conn_Close(c)) != NULL)
		tErrorf("unexpected Close error: %s", tErrStr(err));
	return NULL;
}

static void
testPingPong(void)
{
	goroutine     *g1, *g2;
	runtime_error *err;
	uint8_t	       zero[8] = { 0 };
	ptrdiff_t      n;

	g1 = goStart(pingPonger, c1);
	g2 = goStart(pingPonger, c2);
	if ((err = net_Conn_Write(c1, zero, 8, &n)) != NULL)
		tErrorf("unexpected c1.Write error: %s", tErrStr(err));
	goJoin(g1);
	goJoin(g2);
}

/* RacyRead and RacyWrite: ten goroutines racing deadlines of 1 ms. */
static void *
racyReader(void *arg)
{
	runtime_error *err;
	uint8_t	       b1[1024], b2[1024] = { 0 };
	ptrdiff_t      n;
	int	       j;

	(void)arg;
	for (j = 0; j < 100; j++) {
		err = net_Conn_Read(c1, b1, sizeof b1, &n);
		memcpy(b1, b2, sizeof b1);
		if (err != NULL) {
			checkForTimeoutError(err);
			net_Conn_SetReadDeadline(
			    c1, time_Time_Add(time_Now(), time_Millisecond));
		}
	}
	return NULL;
}

static void *
racyWriter(void *arg)
{
	runtime_error *err;
	uint8_t	       b1[1024] = { 0 }, b2[1024] = { 0 };
	ptrdiff_t      n;
	int	       j;

	(void)arg;
	for (j = 0; j < 100; j++) {
		err = net_Conn_Write(c1, b1, sizeof b1, &n);
		memcpy(b1, b2, sizeof b1);
		if (err != NULL) {
			checkForTimeoutError(err);
			net_Conn_SetWriteDeadline(
			    c1, time_Time_Add(time_Now(), time_Millisecond));
		}
	}
	return NULL;
}

static void
testRacy(void *(*bg)(void *), void *(*racer)(void *), bool read)
{
	goroutine *g[10];
	int	   i;

	goStart(bg, NULL);
	if (read)
		net_Conn_SetReadDeadline(
		    c1, time_Time_Add(time_Now(), time_Millisecond));
	else
		net_Conn_SetWriteDeadline(
		    c1, time_Time_Add(time_Now(), time_Millisecond));
	for (i = 0; i < 10; i++)
		g[i] = goStart(racer, NULL);
	for (i = 0; i < 10; i++)
		goJoin(g[i]);
}

static void
testRacyRead(void)
{
	testRacy(copyRandTo2, racyReader, true);
}

static void
testRacyWrite(void)
{
	testRacy(copy2ToDiscard, racyWriter, false);
}

static void
testReadTimeout(void)
{
	runtime_error *err;
	uint8_t	       buf[1024] = { 0 };
	ptrdiff_t      n;

	goStart(copy2ToDiscard, NULL);
	net_Conn_SetReadDeadline(c1, aLongTimeAgo());
	checkForTimeoutError(net_Conn_Read(c1, buf, sizeof buf, &n));
	if ((err = net_Conn_Write(c1, buf, sizeof buf, &n)) != NULL)
		tErrorf("unexpected Write error: %s", tErrStr(err));
}

static void
testWriteTimeout(void)
{
	runtime_error *err;
	uint8_t	       buf[1024] = { 0 };
	ptrdiff_t      n;

	goStart(copyRandTo2, NULL);
	net_Conn_SetWriteDeadline(c1, aLongTimeAgo());
	checkForTimeoutError(net_Conn_Write(c1, buf, sizeof buf, &n));
	if ((err = net_Conn_Read(c1, buf, sizeof buf, &n)) != NULL)
		tErrorf("unexpected Read error: %s", tErrStr(err));
}

static void
testPastTimeout(void)
{
	runtime_error *err;
	uint8_t	       buf[1024] = { 0 };
	ptrdiff_t      n;

	goStart(echo2, NULL);
	testRoundtrip(c1);
	net_Conn_SetDeadline(c1, aLongTimeAgo());
	err = net_Conn_Write(c1, buf, sizeof buf, &n);
	if (n != 0)
		tErrorf("unexpected Write count: got %td, want 0", n);
	checkForTimeoutError(err);
	err = net_Conn_Read(c1, buf, sizeof buf, &n);
	if (n != 0)
		tErrorf("unexpected Read count: got %td, want 0", n);
	checkForTimeoutError(err);
	testRoundtrip(c1);
}

/* PresentTimeout: deadlines moved to the past while Read and Write wait. */
static atomic_bool deadlineSet;

static void *
presentSetter(void *arg)
{
	(void)arg;
	time_Sleep(100 * time_Millisecond);
	atomic_store(&deadlineSet, true);
	net_Conn_SetReadDeadline(c1, aLongTimeAgo());
	net_Conn_SetWriteDeadline(c1, aLongTimeAgo());
	return NULL;
}

static void *
timedReader(void *arg)
{
	uint8_t	       buf[1024];
	ptrdiff_t      n;
	runtime_error *err;

	err = net_Conn_Read(c1, buf, sizeof buf, &n);
	if (n != 0)
		tErrorf("unexpected Read count: got %td, want 0", n);
	checkForTimeoutError(err);
	if (arg != NULL && !atomic_load(&deadlineSet))
		tErrorf("Read timed out before deadline is set");
	return NULL;
}

static void *
timedWriter(void *arg)
{
	uint8_t	       buf[1024] = { 0 };
	ptrdiff_t      n;
	runtime_error *err;

	while ((err = net_Conn_Write(c1, buf, sizeof buf, &n)) == NULL)
		;
	checkForTimeoutError(err);
	if (arg != NULL && !atomic_load(&deadlineSet))
		tErrorf("Write timed out before deadline is set");
	return NULL;
}

static void
testPresentTimeout(void)
{
	goroutine *g[3];
	int	   i;

	atomic_store(&deadlineSet, false);
	g[0] = goStart(presentSetter, NULL);
	g[1] = goStart(timedReader, &deadlineSet);
	g[2] = goStart(timedWriter, &deadlineSet);
	for (i = 0; i < 3; i++)
		goJoin(g[i]);
}

static void
testFutureTimeout(void)
{
	goroutine *g1, *g2;

	net_Conn_SetDeadline(
	    c1, time_Time_Add(time_Now(), 100 * time_Millisecond));
	g1 = goStart(timedReader, NULL);
	g2 = goStart(timedWriter, NULL);
	goJoin(g1);
	goJoin(g2);
	goStart(echo2, NULL);
	resyncConn(c1);
	testRoundtrip(c1);
}

/* CloseTimeout: a Close ends a Read and a Write that have no deadline. */
static void *
delayedClose(void *arg)
{
	(void)arg;
	time_Sleep(100 * time_Millisecond);
	runtime_error_Free(net_Conn_Close(c1));
	return NULL;
}

static void *
readUntilError(void *arg)
{
	runtime_error *err;
	uint8_t	       buf[1024];
	ptrdiff_t      n;

	(void)arg;
	while ((err = net_Conn_Read(c1, buf, sizeof buf, &n)) == NULL)
		;
	runtime_error_Free(err);
	return NULL;
}

static void *
writeUntilError(void *arg)
{
	runtime_error *err;
	uint8_t	       buf[1024] = { 0 };
	ptrdiff_t      n;

	(void)arg;
	while ((err = net_Conn_Write(c1, buf, sizeof buf, &n)) == NULL)
		;
	runtime_error_Free(err);
	return NULL;
}

static void
testCloseTimeout(void)
{
	goroutine *g[3];
	int	   i;

	goStart(echo2, NULL);
	net_Conn_SetDeadline(c1, neverTimeout);
	g[0] = goStart(delayedClose, NULL);
	g[1] = goStart(readUntilError, NULL);
	g[2] = goStart(writeUntilError, NULL);
	for (i = 0; i < 3; i++)
		goJoin(g[i]);
}

/* ConcurrentMethods: every method at once, seven goroutines a round. */
static void *
concurrentMethod(void *arg)
{
	uint8_t	  buf[1024] = { 0 };
	ptrdiff_t n;

	switch ((int)(intptr_t)arg) {
	case 0:
		runtime_error_Free(net_Conn_Read(c1, buf, sizeof buf, &n));
		break;
	case 1:
		runtime_error_Free(net_Conn_Write(c1, buf, sizeof buf, &n));
		break;
	case 2:
		runtime_error_Free(net_Conn_SetDeadline(
		    c1, time_Time_Add(time_Now(), 10 * time_Millisecond)));
		break;
	case 3:
		runtime_error_Free(
		    net_Conn_SetReadDeadline(c1, aLongTimeAgo()));
		break;
	case 4:
		runtime_error_Free(
		    net_Conn_SetWriteDeadline(c1, aLongTimeAgo()));
		break;
	case 5:
		net_Conn_LocalAddr(c1);
		break;
	default:
		net_Conn_RemoteAddr(c1);
		break;
	}
	return NULL;
}

/*
 * Go starts all 700 goroutines before waiting; here each round of seven
 * is joined before the next, to bound the threads a goroutine costs
 * today.  The methods still race each other within a round.
 */
static void
testConcurrentMethods(void)
{
	goroutine *g[7];
	int	   i, j;

	goStart(echo2, NULL);
	for (i = 0; i < 100; i++) {
		for (j = 0; j < 7; j++)
			g[j] = goStart(concurrentMethod, (void *)(intptr_t)j);
		for (j = 0; j < 7; j++)
			goJoin(g[j]);
	}
	resyncConn(c1);
	testRoundtrip(c1);
}

static const struct {
	const char *name;
	void (*fn)(void);
} connTests[] = {
	{ "BasicIO", testBasicIO },
	{ "PingPong", testPingPong },
	{ "RacyRead", testRacyRead },
	{ "RacyWrite", testRacyWrite },
	{ "ReadTimeout", testReadTimeout },
	{ "WriteTimeout", testWriteTimeout },
	{ "PastTimeout", testPastTimeout },
	{ "PresentTimeout", testPresentTimeout },
	{ "FutureTimeout", testFutureTimeout },
	{ "CloseTimeout", testCloseTimeout },
	{ "ConcurrentMethods", testConcurrentMethods },
};

/*
 * timeoutWrapper's stop: close both ends, once, whether the subtest
 * finished or its minute ran out.
 */
static sync_Once stopOnce;
static bool	 timedOut;

static void
stop(void *arg)
{
	(void)arg;
	runtime_error_Free(net_Conn_Close(c1));
	runtime_error_Free(net_Conn_Close(c2));
}

static void
stopOnTimeout(void *arg)
{
	(void)arg;
	timedOut = true;
	sync_Once_Do(&stopOnce, stop, NULL);
}

static void
freePipe(void *arg)
{
	(void)arg;
	net_Conn_Free(c1);
	net_Conn_Free(c2);
}

static void
deferStop(void *arg)
{
	sync_Once_Do(&stopOnce, stop, arg);
}

/* TestPipe: nettest.TestConn over net.Pipe, subtest _i. */
START_TEST(TestPipe)
{
	time_Timer *timer;

	net_Pipe(&c1, &c2);
	stopOnce = (sync_Once){ 0 };
	tDeferFree(freePipe, NULL);
	tDefer(deferStop, NULL);
	timer = time_AfterFunc(time_Minute, stopOnTimeout, NULL);
	connTests[_i].fn();
	time_Timer_Free(timer);
	if (timedOut)
		tErrorf(
		    "%s: test timed out; terminating pipe", connTests[_i].name);
	tDone();
}
END_TEST

START_TEST(TestPipeCloseError)
{
	net_Conn      *c1, *c2;
	runtime_error *err;
	ptrdiff_t      n;

	net_Pipe(&c1, &c2);
	net_Conn_Close(c1);
	if ((err = net_Conn_Read(c1, NULL, 0, &n)) != io_ErrClosedPipe)
		tErrorf("c1.Read() = %s, want io.ErrClosedPipe", tErrStr(err));
	if ((err = net_Conn_Write(c1, NULL, 0, &n)) != io_ErrClosedPipe)
		tErrorf("c1.Write() = %s, want io.ErrClosedPipe", tErrStr(err));
	if ((err = net_Conn_SetDeadline(c1, neverTimeout)) != io_ErrClosedPipe)
		tErrorf("c1.SetDeadline() = %s, want io.ErrClosedPipe",
		    tErrStr(err));
	if ((err = net_Conn_Read(c2, NULL, 0, &n)) != io_EOF)
		tErrorf("c2.Read() = %s, want io.EOF", tErrStr(err));
	if ((err = net_Conn_Write(c2, NULL, 0, &n)) != io_ErrClosedPipe)
		tErrorf("c2.Write() = %s, want io.ErrClosedPipe", tErrStr(err));
	if ((err = net_Conn_SetDeadline(c2, neverTimeout)) != io_ErrClosedPipe)
		tErrorf("c2.SetDeadline() = %s, want io.ErrClosedPipe",
		    tErrStr(err));
	net_Conn_Free(c1);
	net_Conn_Free(c2);
	tDone();
}
END_TEST

/*
 * gonet's own: the pipe's addresses and error texts against Go's (a
 * three-line Go program prints "pipe pipe", "read pipe: i/o timeout" and
 * "io: read/write on closed pipe").
 */
START_TEST(testPipeAddrAndErrors)
{
	net_Conn      *a, *b;
	runtime_error *err;
	char	       buf[1];
	ptrdiff_t      n;

	net_Pipe(&a, &b);
	ck_assert_str_eq(net_Addr_Network(net_Conn_LocalAddr(a)), "pipe");
	ck_assert_str_eq(tStr(net_Addr_String(net_Conn_RemoteAddr(a))), "pipe");
	net_Conn_SetReadDeadline(a, aLongTimeAgo());
	err = net_Conn_Read(a, buf, 1, &n);
	ck_assert(isDeadlineExceeded(err));
	ck_assert_str_eq(tErrStr(err), "read pipe: i/o timeout");
	net_Conn_Close(b);
	err = net_Conn_Write(a, buf, 1, &n);
	ck_assert_str_eq(tErrStr(err), "io: read/write on closed pipe");
	net_Conn_Free(a);
	net_Conn_Free(b);
	tDone();
}
END_TEST

Suite *
pipe_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("pipe");
	tc = newNetTCase("Pipe", 120);
	tcase_add_loop_test(tc, TestPipe, 0, nelem(connTests));
	tcase_add_test(tc, TestPipeCloseError);
	tcase_add_test(tc, testPipeAddrAndErrors);
	suite_add_tcase(s, tc);
	return s;
}
