/*
 * C port of go1.19 src/internal/poll/fd_mutex_test.go, plus gonet's own
 * tests of the netFD built on the mutex (testNetFD*: Go tests netFD only
 * through the conns).
 *
 * Go's panics are runtime_throw here, which aborts: a test that expects
 * one runs the code in a forked child and reads its stderr.
 */
#include <sys/socket.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

START_TEST(TestMutexLock)
{
	net_fdMutex mu = { 0 };

	if (!net_fdMutex_incref(&mu))
		ck_abort_msg("broken");
	if (net_fdMutex_decref(&mu))
		ck_abort_msg("broken");

	if (!net_fdMutex_rwlock(&mu, true))
		ck_abort_msg("broken");
	if (net_fdMutex_rwunlock(&mu, true))
		ck_abort_msg("broken");

	if (!net_fdMutex_rwlock(&mu, false))
		ck_abort_msg("broken");
	if (net_fdMutex_rwunlock(&mu, false))
		ck_abort_msg("broken");
}
END_TEST

START_TEST(TestMutexClose)
{
	net_fdMutex mu = { 0 };

	if (!net_fdMutex_increfAndClose(&mu))
		ck_abort_msg("broken");

	if (net_fdMutex_incref(&mu))
		ck_abort_msg("broken");
	if (net_fdMutex_rwlock(&mu, true))
		ck_abort_msg("broken");
	if (net_fdMutex_rwlock(&mu, false))
		ck_abort_msg("broken");
	if (net_fdMutex_increfAndClose(&mu))
		ck_abort_msg("broken");
}
END_TEST

typedef struct closeUnblock {
	net_fdMutex mu;
	atomic_int  c;	    /* Go's channel: readers that gave up */
	atomic_bool broken; /* a reader got the lock */
} closeUnblock;

static void *
closeUnblockReader(void *arg)
{
	closeUnblock *t = arg;

	if (net_fdMutex_rwlock(&t->mu, true)) {
		atomic_store(&t->broken, true);
		return NULL;
	}
	atomic_fetch_add(&t->c, 1);
	return NULL;
}

START_TEST(TestMutexCloseUnblock)
{
	static closeUnblock t;
	goroutine	   *th[4];
	int		    i, waited;

	memset(&t, 0, sizeof(t));
	net_fdMutex_rwlock(&t.mu, true);
	for (i = 0; i < 4; i++)
		th[i] = goStart(closeUnblockReader, &t);
	/* The other readers must not get the lock. */
	time_Sleep(time_Millisecond);
	if (atomic_load(&t.c) != 0)
		ck_abort_msg("broken");
	net_fdMutex_increfAndClose(&t.mu); /* must unblock the readers */
	for (waited = 0; atomic_load(&t.c) < 4 && !atomic_load(&t.broken);
	     waited++) {
		if (waited >= 10000)
			ck_abort_msg("broken"); /* 10 seconds */
		time_Sleep(time_Millisecond);
	}
	for (i = 0; i < 4; i++)
		goJoin(th[i]);
	if (atomic_load(&t.broken))
		ck_abort_msg("broken");
	if (net_fdMutex_decref(&t.mu))
		ck_abort_msg("broken");
	if (!net_fdMutex_rwunlock(&t.mu, true))
		ck_abort_msg("broken");
	tDone();
}
END_TEST

/*
 * ensurePanics runs f on a fresh mutex in a child process and fails unless
 * the child dies of runtime_throw with a message containing want (and not
 * notwant, if given).
 */
struct mutexCall {
	void (*f)(net_fdMutex *);
};

static void
callOnFreshMutex(void *arg)
{
	net_fdMutex mu = { 0 };

	((struct mutexCall *)arg)->f(&mu);
}

static void
ensurePanics(void (*f)(net_fdMutex *), const char *want, const char *notwant)
{
	struct mutexCall c = { f };
	char		 out[512];
	int		 status;

	status = runChild(callOnFreshMutex, &c, out, sizeof out);
	if (!WIFSIGNALED(status) || WTERMSIG(status) != SIGABRT)
		ck_abort_msg("does not panic");
	if (strstr(out, "fatal error: ") == NULL || strstr(out, want) == NULL ||
	    (notwant != NULL && strstr(out, notwant) != NULL))
		ck_abort_msg("wrong panic message %s", out);
}

static void
panicDecref(net_fdMutex *mu)
{
	net_fdMutex_decref(mu);
}

static void
panicRUnlock(net_fdMutex *mu)
{
	net_fdMutex_rwunlock(mu, true);
}

static void
panicWUnlock(net_fdMutex *mu)
{
	net_fdMutex_rwunlock(mu, false);
}

static void
panicDecrefTwice(net_fdMutex *mu)
{
	net_fdMutex_incref(mu);
	net_fdMutex_decref(mu);
	net_fdMutex_decref(mu);
}

static void
panicRUnlockTwice(net_fdMutex *mu)
{
	net_fdMutex_rwlock(mu, true);
	net_fdMutex_rwunlock(mu, true);
	net_fdMutex_rwunlock(mu, true);
}

static void
panicWUnlockTwice(net_fdMutex *mu)
{
	net_fdMutex_rwlock(mu, false);
	net_fdMutex_rwunlock(mu, false);
	net_fdMutex_rwunlock(mu, false);
}

START_TEST(TestMutexPanic)
{
	net_fdMutex mu = { 0 };

	ensurePanics(panicDecref, "inconsistent poll.fdMutex", NULL);
	ensurePanics(panicRUnlock, "inconsistent poll.fdMutex", NULL);
	ensurePanics(panicWUnlock, "inconsistent poll.fdMutex", NULL);

	ensurePanics(panicDecrefTwice, "inconsistent poll.fdMutex", NULL);
	ensurePanics(panicRUnlockTwice, "inconsistent poll.fdMutex", NULL);
	ensurePanics(panicWUnlockTwice, "inconsistent poll.fdMutex", NULL);

	/* The mutex still works. */
	net_fdMutex_incref(&mu);
	net_fdMutex_decref(&mu);
	net_fdMutex_rwlock(&mu, true);
	net_fdMutex_rwunlock(&mu, true);
	net_fdMutex_rwlock(&mu, false);
	net_fdMutex_rwunlock(&mu, false);
}
END_TEST

static void
overflowIncref(net_fdMutex *mu1)
{
	int i;

	for (i = 0; i < 1 << 21; i++)
		net_fdMutex_incref(mu1);
}

START_TEST(TestMutexOverflowPanic)
{
	ensurePanics(overflowIncref, "too many", "inconsistent");
}
END_TEST

typedef struct mutexStress {
	net_fdMutex mu;
	uint64_t    readState[2];
	uint64_t    writeState[2];
	int	    N;
	atomic_bool broken;
} mutexStress;

/* stressWorker is one of Go's goroutines; it returns non-NULL if broken. */
static void *
stressWorker(void *arg)
{
	mutexStress *s = arg;
	unsigned int seed;
	int	     i;

	seed = (unsigned int)(uintptr_t)&seed ^ (unsigned int)time(NULL);
	for (i = 0; i < s->N; i++) {
		switch (rand_r(&seed) % 3) {
		case 0:
			if (!net_fdMutex_incref(&s->mu))
				return "broken";
			if (net_fdMutex_decref(&s->mu))
				return "broken";
			break;
		case 1:
			if (!net_fdMutex_rwlock(&s->mu, true))
				return "broken";
			/* Readers exclude one another. */
			if (s->readState[0] != s->readState[1])
				return "broken";
			s->readState[0]++;
			s->readState[1]++;
			if (net_fdMutex_rwunlock(&s->mu, true))
				return "broken";
			break;
		case 2:
			if (!net_fdMutex_rwlock(&s->mu, false))
				return "broken";
			/* So do writers. */
			if (s->writeState[0] != s->writeState[1])
				return "broken";
			s->writeState[0]++;
			s->writeState[1]++;
			if (net_fdMutex_rwunlock(&s->mu, false))
				return "broken";
			break;
		}
	}
	return NULL;
}

/* stressGoroutine runs stressWorker and records whether it broke. */
static void *
stressGoroutine(void *arg)
{
	mutexStress *s = arg;

	if (stressWorker(s) != NULL)
		atomic_store(&s->broken, true);
	return NULL;
}

START_TEST(TestMutexStress)
{
	static mutexStress s;
	goroutine	  *th[8];
	int		   P, p;

	P = 8;
	memset(&s, 0, sizeof(s));
	s.N = 1000000;
	if (testingShort()) {
		P = 4;
		s.N = 10000;
	}
	for (p = 0; p < P; p++)
		th[p] = goStart(stressGoroutine, &s);
	for (p = 0; p < P; p++)
		goJoin(th[p]);
	if (atomic_load(&s.broken))
		ck_abort_msg("broken");
	if (!net_fdMutex_increfAndClose(&s.mu))
		ck_abort_msg("broken");
	if (!net_fdMutex_decref(&s.mu))
		ck_abort_msg("broken");
	tDone();
}
END_TEST

/*
 * gonet's netFD tests.  A socketpair stands in for a connection; both
 * ends are non-blocking and close-on-exec, as the socket layer makes them.
 */
static void
newPair(net_netFD **a, int *b)
{
	int sv[2];

	ck_assert_int_eq(socketpair(AF_UNIX,
			     SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv),
	    0);
	net_newFD(sv[0], AF_UNIX, SOCK_STREAM, "unix", a);
	ck_assert_ptr_null(net_netFD_init(*a));
	*b = sv[1];
}

START_TEST(testNetFDReadWrite)
{
	net_netFD     *fd;
	runtime_error *err;
	char	       buf[16];
	int	       b;
	ptrdiff_t      n;

	newPair(&fd, &b);
	err = net_netFD_Write(fd, "hello", 5, &n);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(read(b, buf, sizeof(buf)), 5);
	ck_assert_int_eq(write(b, "world", 5), 5);
	err = net_netFD_Read(fd, buf, sizeof(buf), &n);
	ck_assert_ptr_null(err);
	ck_assert_int_eq(n, 5);
	ck_assert_int_eq(memcmp(buf, "world", 5), 0);
	/* A zero-length read is not an EOF. */
	ck_assert_ptr_null(net_netFD_Read(fd, buf, 0, &n));
	ck_assert_int_eq(n, 0);
	close(b);
	err = net_netFD_Read(fd, buf, sizeof(buf), &n);
	ck_assert_ptr_eq(err, io_EOF);
	/*
	 * Go's runtime turns SIGPIPE on a socket into EPIPE; gonet leaves
	 * signal dispositions to the program, so this test ignores it.
	 */
	signal(SIGPIPE, SIG_IGN);
	ck_assert_int_eq(n, 0);
	err = net_netFD_Write(fd, "x", 1, &n);
	ck_assert_str_eq(runtime_error_Error(err), "write: broken pipe");
	runtime_error_Free(err);
	ck_assert_ptr_null(net_netFD_Close(fd));
	ck_assert_int_eq(fd->pfd.Sysfd, -1);
	ck_assert_ptr_eq(net_netFD_Close(fd), net_ErrClosed);
	ck_assert_ptr_eq(net_netFD_Read(fd, buf, 1, &n), net_ErrClosed);
	ck_assert_ptr_eq(net_netFD_Write(fd, buf, 1, &n), net_ErrClosed);
	ck_assert_ptr_eq(net_netFD_SetDeadline(fd, time_Now()), net_ErrClosed);
	net_netFD_free(fd);
}
END_TEST

typedef struct blockedRead {
	net_netFD     *fd;
	runtime_error *err;
	ptrdiff_t      n;
} blockedRead;

static void *
blockedReader(void *arg)
{
	blockedRead *r = arg;
	char	     buf[8];

	r->err = net_netFD_Read(r->fd, buf, sizeof(buf), &r->n);
	return NULL;
}

START_TEST(testNetFDCloseUnblocksRead)
{
	blockedRead r;
	goroutine  *th;
	int	    b;

	memset(&r, 0, sizeof(r));
	newPair(&r.fd, &b);
	th = goStart(blockedReader, &r);
	time_Sleep(50 * time_Millisecond);
	/* Close returns only once the reader has let go of the descriptor. */
	ck_assert_ptr_null(net_netFD_Close(r.fd));
	ck_assert_int_eq(r.fd->pfd.Sysfd, -1);
	goJoin(th);
	ck_assert_ptr_eq(r.err, net_ErrClosed);
	ck_assert_int_eq(r.n, 0);
	net_netFD_free(r.fd);
	close(b);
	tDone();
}
END_TEST

START_TEST(testNetFDReadDeadline)
{
	net_netFD     *fd;
	runtime_error *err;
	time_Time      start;
	time_Duration  d;
	char	       buf[8];
	int	       b;
	ptrdiff_t      n;

	newPair(&fd, &b);
	start = time_Now();
	ck_assert_ptr_null(net_netFD_SetReadDeadline(
	    fd, time_Time_Add(start, 50 * time_Millisecond)));
	err = net_netFD_Read(fd, buf, sizeof(buf), &n);
	d = time_Since(start);
	ck_assert_ptr_eq(err, poll_ErrDeadlineExceeded);
	ck_assert_int_eq(n, 0);
	ck_assert_msg(d >= 50 * time_Millisecond && d < 5 * time_Second,
	    "woke after %lld ns", (long long)d);
	/* A deadline in the past fails at once; the zero time clears it. */
	ck_assert_ptr_null(net_netFD_SetReadDeadline(fd, time_Unix(1, 0)));
	ck_assert_ptr_eq(
	    net_netFD_Read(fd, buf, 1, &n), poll_ErrDeadlineExceeded);
	ck_assert_ptr_null(net_netFD_SetReadDeadline(fd, (time_Time){ 0 }));
	ck_assert_int_eq(write(b, "a", 1), 1);
	ck_assert_ptr_null(net_netFD_Read(fd, buf, 1, &n));
	ck_assert_int_eq(n, 1);
	/* Writes are not affected by the read deadline. */
	ck_assert_ptr_null(net_netFD_SetReadDeadline(fd, time_Unix(1, 0)));
	ck_assert_ptr_null(net_netFD_Write(fd, "b", 1, &n));
	net_netFD_free(fd);
	close(b);
}
END_TEST

static int
listenLoopback(syscall_Sockaddr *sa)
{
	int s;

	s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	ck_assert_int_ge(s, 0);
	memset(sa, 0, sizeof(*sa));
	sa->Family = AF_INET;
	sa->u.Inet4.Addr[0] = 127;
	sa->u.Inet4.Addr[3] = 1;
	ck_assert_int_eq(syscall_Bind(s, sa), 0);
	ck_assert_int_eq(syscall_Listen(s, 8), 0);
	ck_assert_int_eq(syscall_Getsockname(s, sa), 0);
	return s;
}

static net_Addr *
toTCPAddr(const syscall_Sockaddr *sa)
{
	if (sa->Family != AF_INET)
		return NULL;
	return &net_newTCPAddr(
	    net_IPv4(sa->u.Inet4.Addr[0], sa->u.Inet4.Addr[1],
		sa->u.Inet4.Addr[2], sa->u.Inet4.Addr[3]),
	    sa->u.Inet4.Port, NULL)
		    ->addr;
}

START_TEST(testNetFDConnectAccept)
{
	net_netFD	*ln, *c, *a, *a2;
	syscall_Sockaddr sa, rsa;
	runtime_error	*err;
	char		*name;
	char		 buf[4];
	int		 s;
	ptrdiff_t	 n;

	s = listenLoopback(&sa);
	net_newFD(s, AF_INET, SOCK_STREAM, "tcp", &ln);
	ck_assert_ptr_null(net_netFD_init(ln));
	ck_assert_int_eq(net_sysSocket(AF_INET, SOCK_STREAM, 0, &s), 0);
	net_newFD(s, AF_INET, SOCK_STREAM, "tcp", &c);
	err = net_netFD_connect(c, context_Background(), NULL, &sa, &rsa);
	ck_assert_msg(err == NULL, "connect: %s", runtime_error_Error(err));
	err = net_netFD_accept(ln, toTCPAddr, &a);
	ck_assert_msg(err == NULL, "accept: %s", runtime_error_Error(err));
	name = net_netFD_name(a);
	ck_assert_msg(strncmp(name, "tcp:127.0.0.1:", 14) == 0, "%s", name);
	free(name);
	ck_assert_str_eq(net_netFD_ctrlNetwork(a), "tcp4");
	ck_assert_ptr_null(net_netFD_Write(c, "ping", 4, &n));
	ck_assert_ptr_null(net_netFD_Read(a, buf, 4, &n));
	ck_assert_int_eq(n, 4);
	ck_assert_ptr_null(net_netFD_closeWrite(c));
	ck_assert_ptr_eq(net_netFD_Read(a, buf, 4, &n), io_EOF);
	/* Accept on a closed listener reports the closed fd, unwrapped. */
	ck_assert_ptr_null(net_netFD_Close(ln));
	ck_assert_ptr_eq(net_netFD_accept(ln, toTCPAddr, &a2), net_ErrClosed);
	ck_assert_ptr_null(a2);
	net_netFD_free(ln);
	net_netFD_free(c);
	net_netFD_free(a);
}
END_TEST

START_TEST(testNetFDConnectCanceled)
{
	net_netFD	*c;
	context_Context *ctx;
	syscall_Sockaddr sa, rsa;
	runtime_error	*err;
	int		 ls, s;

	ls = listenLoopback(&sa);
	ctx = context_WithCancel(context_Background());
	context_Cancel(ctx);
	ck_assert_int_eq(net_sysSocket(AF_INET, SOCK_STREAM, 0, &s), 0);
	net_newFD(s, AF_INET, SOCK_STREAM, "tcp", &c);
	/* Whatever the connect call says, a cancelled dial fails. */
	err = net_netFD_connect(c, ctx, NULL, &sa, &rsa);
	ck_assert_ptr_eq(err, net_errCanceled);
	net_netFD_free(c);
	context_Free(ctx);
	close(ls);
}
END_TEST

Suite *
fd_mutex_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("fd_mutex");
	tc = newNetTCase("mutex", 60);
	tcase_add_test(tc, TestMutexLock);
	tcase_add_test(tc, TestMutexClose);
	tcase_add_test(tc, TestMutexCloseUnblock);
	tcase_add_test(tc, TestMutexPanic);
	tcase_add_test(tc, TestMutexOverflowPanic);
	tcase_add_test(tc, TestMutexStress);
	suite_add_tcase(s, tc);
	tc = newNetTCase("netFD", 60);
	tcase_add_test(tc, testNetFDReadWrite);
	tcase_add_test(tc, testNetFDCloseUnblocksRead);
	tcase_add_test(tc, testNetFDReadDeadline);
	tcase_add_test(tc, testNetFDConnectAccept);
	tcase_add_test(tc, testNetFDConnectCanceled);
	suite_add_tcase(s, tc);
	return s;
}
