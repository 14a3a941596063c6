/*
 * C port of go1.19 src/net/writev_test.go: net.Buffers, its consume, and
 * WriteTo over writev.
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tests/mockserver.h"

/* bytesOf makes a Buffers chunk of a string; NULL stays Go's nil. */
static net_Bytes
bytesOf(const char *s)
{
	return (net_Bytes){ s, s == NULL ? 0 : strlen(s) };
}

START_TEST(TestBuffers_read)
{
	static const char story[] = "once upon a time in Gopherland ... ";
	net_Bytes	  chunks[] = { bytesOf("once "), bytesOf("upon "),
			bytesOf("a "), bytesOf("time "), bytesOf("in "),
			bytesOf("Gopherland ... ") };
	net_Buffers	  buffers = { chunks, nelem(chunks) };
	runtime_error	 *err;
	uint8_t		 *got;
	size_t		  len;

	err = io_ReadAll(net_Buffers_Reader(&buffers), &got, &len);
	ck_assert_msg(err == NULL, "%s", runtime_error_Error(err));
	ck_assert_msg(len == strlen(story) && memcmp(got, story, len) == 0,
	    "read \"%.*s\"; want \"%s\"", (int)len, got, story);
	ck_assert_msg(
	    buffers.len == 0, "len(buffers) = %zu; want 0", buffers.len);
	free(got);
}
END_TEST

/*
 * The consume table.  Go repeats it in internal/poll's TestConsume;
 * tests/poll_writev_test.c uses this one (tests/export_test.h).
 */
const consumeTest consumeTests[] = {
	{ { "foo", "bar" }, 2, 0, { "foo", "bar" }, 2 },
	{ { "foo", "bar" }, 2, 2, { "o", "bar" }, 2 },
	{ { "foo", "bar" }, 2, 3, { "bar" }, 1 },
	{ { "foo", "bar" }, 2, 4, { "ar" }, 1 },
	{ { NULL, NULL, NULL, "bar" }, 4, 1, { "ar" }, 1 },
	{ { NULL, NULL, NULL, "foo" }, 4, 0, { "foo" }, 1 },
	{ { NULL, NULL, NULL }, 3, 0, { NULL }, 0 },
};

const size_t nconsumeTests = nelem(consumeTests);

/* checkConsume runs row i through consume (Buffers' or poll's). */
void
checkConsume(int i, void (*consume)(net_Buffers *v, int64_t n))
{
	net_Bytes   chunks[4];
	net_Buffers in;
	int	    _i = i;

	for (i = 0; i < consumeTests[_i].nin; i++)
		chunks[i] = bytesOf(consumeTests[_i].in[i]);
	in = (net_Buffers){ chunks, (size_t)consumeTests[_i].nin };
	consume(&in, consumeTests[_i].consume);
	ck_assert_msg(in.len == (size_t)consumeTests[_i].nwant,
	    "%d. after consume(%lld): %zu chunks, want %d", _i,
	    (long long)consumeTests[_i].consume, in.len,
	    consumeTests[_i].nwant);
	for (i = 0; i < consumeTests[_i].nwant; i++)
		ck_assert_msg(in.v[i].len == strlen(consumeTests[_i].want[i]) &&
			memcmp(in.v[i].p, consumeTests[_i].want[i],
			    in.v[i].len) == 0,
		    "%d. after consume(%lld): chunk %d = \"%.*s\", want \"%s\"",
		    _i, (long long)consumeTests[_i].consume, i,
		    (int)in.v[i].len, (const char *)in.v[i].p,
		    consumeTests[_i].want[i]);
}

START_TEST(TestBuffers_consume)
{
	checkConsume(_i, net_Buffers_consume);
}
END_TEST

/*
 * testBuffer_writeTo's state: the peers of withTCPConnPair take only the
 * conn, so the subtest's parameters and the hook's log live here.
 */
static struct {
	int	    chunks;
	bool	    useCopy;
	uint8_t	   *want;
	atomic_int  calls;
	atomic_long sum;
} writeTo;

static void
logWritev(int size)
{
	atomic_fetch_add(&writeTo.calls, 1);
	atomic_fetch_add(&writeTo.sum, size);
}

static char *
writeToServer(net_TCPConn *c)
{
	net_Bytes     *chunks;
	net_Buffers    buffers;
	runtime_error *err;
	io_Writer      w;
	int64_t	       n;
	char	      *msg;
	int	       i;

	chunks = calloc((size_t)writeTo.chunks + 1, sizeof *chunks);
	for (i = 0; i < writeTo.chunks; i++)
		chunks[i] = (net_Bytes){ writeTo.want + i, 1 };
	buffers = (net_Buffers){ chunks, (size_t)writeTo.chunks };
	w = net_Conn_Writer(net_TCPConn_Conn(c));
	if (writeTo.useCopy)
		err = io_Copy(w, net_Buffers_Reader(&buffers), &n);
	else
		err = net_Buffers_WriteTo(&buffers, w, &n);
	msg = NULL;
	if (err != NULL)
		msg = strdup(runtime_error_Error(err));
	else if (buffers.len != 0 &&
	    asprintf(&msg, "len(buffers) = %zu; want 0", buffers.len) < 0)
		msg = NULL;
	else if (n != writeTo.chunks &&
	    asprintf(&msg, "Buffers.WriteTo returned %lld; want %d",
		(long long)n, writeTo.chunks) < 0)
		msg = NULL;
	runtime_error_Free(err);
	free(chunks);
	return msg;
}

static char *
writeToClient(net_TCPConn *c)
{
	runtime_error *err;
	uint8_t	      *all;
	size_t	       len;
	char	      *msg;
	int	       wantMinCalls, v;

	err = io_ReadAll(net_Conn_Reader(net_TCPConn_Conn(c)), &all, &len);
	msg = NULL;
	if (len != (size_t)writeTo.chunks ||
	    memcmp(all, writeTo.want, len) != 0 || err != NULL) {
		if (asprintf(&msg, "client read %zu bytes, %s; want %d, nil",
			len, runtime_error_Error(err), writeTo.chunks) < 0)
			msg = NULL;
		goto out;
	}
	wantMinCalls = 0;
	for (v = writeTo.chunks; v > 0; v -= 1024)
		wantMinCalls++;
	if (atomic_load(&writeTo.calls) < wantMinCalls)
		tErrorf("write calls = %d < wanted min %d",
		    atomic_load(&writeTo.calls), wantMinCalls);
	if (atomic_load(&writeTo.sum) != writeTo.chunks)
		tErrorf("writev call sum  = %ld; want %d",
		    atomic_load(&writeTo.sum), writeTo.chunks);
out:
	runtime_error_Free(err);
	free(all);
	return msg;
}

/* The subtests: WriteTo then Copy, each over 0, 10, 1023, 1024, 1025 chunks. */
START_TEST(TestBuffers_WriteTo)
{
	static const int sizes[] = { 0, 10, 1023, 1024, 1025 };
	int		 i;

	writeTo.useCopy = _i >= (int)nelem(sizes);
	writeTo.chunks = sizes[_i % nelem(sizes)];
	writeTo.want = malloc((size_t)writeTo.chunks + 1);
	for (i = 0; i < writeTo.chunks; i++)
		writeTo.want[i] = (uint8_t)i;
	net_testHookDidWritev = logWritev;
	withTCPConnPair(writeToServer, writeToClient);
	net_testHookDidWritev = NULL;
	free(writeTo.want);
	tDone();
}
END_TEST

typedef struct acceptOne {
	net_Listener *ln;
	net_Conn     *c;
} acceptOne;

static void *
acceptOneConn(void *arg)
{
	acceptOne     *a = arg;
	runtime_error *err;

	if ((err = net_Listener_Accept(a->ln, &a->c)) != NULL) {
		tErrorf("%s", tErrStr(err));
		a->c = NULL;
	}
	return NULL;
}

/*
 * A gigabyte of writev to a peer that has closed must fail (EPIPE or
 * ECONNRESET), and not kill the process with SIGPIPE.
 */
START_TEST(TestWritevError)
{
	acceptOne      a = { 0 };
	goroutine     *g;
	net_Conn      *c1;
	net_Bytes     *buffers;
	net_Buffers    v;
	runtime_error *err;
	char	      *buf;
	int64_t	       n;
	int	       i;

	a.ln = newLocalListener("tcp", NULL);
	deferListener(a.ln);
	g = goStart(acceptOneConn, &a);
	err = net_Dial("tcp", addrString(net_Listener_Addr(a.ln)), &c1);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	deferConn(c1);
	goJoin(g);
	if (a.c == NULL)
		tFatalf("no server side connection");
	runtime_error_Free(net_Conn_Close(a.c));
	net_Conn_Free(a.c);

	buf = calloc(1, 1 << 20);
	buffers = calloc(1 << 10, sizeof *buffers);
	for (i = 0; i < 1 << 10; i++)
		buffers[i] = (net_Bytes){ buf, 1 << 20 };
	v = (net_Buffers){ buffers, 1 << 10 };
	err = net_Buffers_WriteTo(&v, net_Conn_Writer(c1), &n);
	if (err == NULL)
		tErrorf("Buffers.WriteTo(closed conn) succeeded, want error");
	runtime_error_Free(err);
	free(buffers);
	free(buf);
	tDone();
}
END_TEST

Suite *
writev_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("writev");
	tc = newNetTCase("Buffers", 60);
	tcase_add_test(tc, TestBuffers_read);
	tcase_add_loop_test(tc, TestBuffers_consume, 0, nelem(consumeTests));
	tcase_add_loop_test(tc, TestBuffers_WriteTo, 0, 10);
	tcase_add_test(tc, TestWritevError);
	suite_add_tcase(s, tc);
	return s;
}
