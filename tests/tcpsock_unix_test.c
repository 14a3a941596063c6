/*
 * C port of go1.19 src/net/tcpsock_unix_test.go.
 * built on: !js && !plan9 && !windows
 *
 * Go's goroutine per dial becomes a small pool of dialers (goStart's:
 * goroutines in goroutine mode, threads otherwise) that share the attempt
 * counter, which keeps Go's concurrency (GOMAXPROCS*2 dials in flight)
 * without 10000 thread creations.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/export_test.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

static void
closeConn(net_Conn *c)
{
	runtime_error_Free(net_Conn_Close(c));
	net_Conn_Free(c);
}

/* The accepted connections' goroutines: counted so that the test can wait. */
struct spurious {
	net_Listener   *ln;
	char	       *network, *address;
	atomic_int	next;	  /* the next attempt number */
	atomic_int	handlers; /* accepted conns still being served */
	atomic_int	errors;
	int		attempts;
	time_Time	stop; /* bound on the whole run */
	char		firstError[256];
	pthread_mutex_t mu;
};

/* spuriousError is t.Errorf from a dialing thread; perr is freed. */
static void
spuriousError(struct spurious *sp, int i, char *perr, runtime_error *err)
{
	pthread_mutex_lock(&sp->mu);
	if (atomic_fetch_add(&sp->errors, 1) == 0)
		snprintf(sp->firstError, sizeof(sp->firstError),
		    "#%d: %s (original error: %s)", i,
		    perr != NULL ? perr : runtime_error_Error(err),
		    runtime_error_Error(err));
	pthread_mutex_unlock(&sp->mu);
	free(perr);
}

struct spuriousConn {
	struct spurious *sp;
	net_Conn	*c;
};

static void *
spuriousHandler(void *arg)
{
	struct spuriousConn *sc = arg;
	char		     b[1];
	ptrdiff_t	     n;

	runtime_error_Free(net_Conn_Read(sc->c, b, 1, &n));
	closeConn(sc->c);
	atomic_fetch_sub(&sc->sp->handlers, 1);
	free(sc);
	return NULL;
}

static void
spuriousHandlerGo(void *arg)
{
	spuriousHandler(arg);
}

/*
 * spuriousServe serves sc in a goroutine, or in a detached thread with a
 * small stack: goStart's joinable threads would keep up to 10000 stacks
 * mapped until tDone joined them.
 */
static bool
spuriousServe(struct spuriousConn *sc, pthread_attr_t *attr)
{
	pthread_t t;

	if (inGoroutineMode()) {
		runtime_Go(spuriousHandlerGo, sc);
		return true;
	}
	return pthread_create(&t, attr, spuriousHandler, sc) == 0;
}

static void *
spuriousAcceptor(void *arg)
{
	struct spurious	    *sp = arg;
	struct spuriousConn *sc;
	pthread_attr_t	     attr;
	net_Conn	    *c;
	runtime_error	    *err;

	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 128 * 1024);
	for (;;) {
		err = net_Listener_Accept(sp->ln, &c);
		if (err != NULL) {
			runtime_error_Free(err);
			break;
		}
		sc = malloc(sizeof(*sc));
		sc->sp = sp;
		sc->c = c;
		atomic_fetch_add(&sp->handlers, 1);
		if (!spuriousServe(sc, &attr)) {
			atomic_fetch_sub(&sp->handlers, 1);
			closeConn(c);
			free(sc);
		}
	}
	pthread_attr_destroy(&attr);
	return NULL;
}

static void *
spuriousDialer(void *arg)
{
	struct spurious *sp = arg;
	net_Dialer	 d = { .Timeout = 50 * time_Millisecond };
	net_Conn	*c;
	runtime_error	*err;
	char		 b[1] = { 0 }, *perr;
	int		 i;
	ptrdiff_t	 n;

	while ((i = atomic_fetch_add(&sp->next, 1)) < sp->attempts) {
		if (time_Time_After(time_Now(), sp->stop))
			break;
		err = net_Dialer_Dial(&d, sp->network, sp->address, &c);
		if (err != NULL) {
			if ((perr = parseDialError(err)) != NULL)
				spuriousError(sp, i, perr, err);
			runtime_error_Free(err);
			continue;
		}
		err = net_Conn_Write(c, b, 1, &n);
		if (err != NULL) {
			if ((perr = parseWriteError(err)) != NULL)
				spuriousError(sp, i, perr, err);
			if (samePlatformError(err, ENOTCONN))
				spuriousError(sp, i, NULL, err);
			runtime_error_Free(err);
		}
		closeConn(c);
	}
	return NULL;
}

/*
 * TestTCPSpuriousConnSetupCompletion (Go issue 14548): a dial whose
 * connect completes spuriously must not hand out an unconnected socket,
 * which the first Write would reveal with ENOTCONN.  Go's 1e4 attempts
 * run (Go skips the test in short mode), within a 15 s bound.
 */
START_TEST(TestTCPSpuriousConnSetupCompletion)
{
	enum { maxWorkers = 16 };
	struct spurious sp = { .attempts = 10000 };
	goroutine      *acceptor, *dialers[maxWorkers];
	long		ncpu;
	int		i, nworkers, tries;

	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	nworkers = ncpu < 1 ? 2 : (int)ncpu * 2;
	if (nworkers > maxWorkers)
		nworkers = maxWorkers;
	pthread_mutex_init(&sp.mu, NULL);
	atomic_init(&sp.next, 0);
	atomic_init(&sp.handlers, 0);
	atomic_init(&sp.errors, 0);
	sp.stop = time_Time_Add(time_Now(), 15 * time_Second);
	sp.ln = newLocalListener("tcp", NULL);
	sp.network = strdup(net_Addr_Network(net_Listener_Addr(sp.ln)));
	sp.address = net_Addr_String(net_Listener_Addr(sp.ln));
	acceptor = goStart(spuriousAcceptor, &sp);
	for (i = 0; i < nworkers; i++)
		dialers[i] = goStart(spuriousDialer, &sp);
	for (i = 0; i < nworkers; i++)
		goJoin(dialers[i]);
	runtime_error_Free(net_Listener_Close(sp.ln));
	goJoin(acceptor);
	for (tries = 0; atomic_load(&sp.handlers) > 0 && tries < 1000; tries++)
		time_Sleep(10 * time_Millisecond);
	ck_assert_msg(atomic_load(&sp.handlers) == 0,
	    "%d accepted connections still open", atomic_load(&sp.handlers));
	net_Listener_Free(sp.ln);
	free(sp.network);
	free(sp.address);
	fprintf(stderr, "TestTCPSpuriousConnSetupCompletion: %d attempts\n",
	    atomic_load(&sp.next) < sp.attempts ? atomic_load(&sp.next)
						: sp.attempts);
	ck_assert_msg(atomic_load(&sp.errors) == 0, "%d errors, first: %s",
	    atomic_load(&sp.errors), sp.firstError);
	pthread_mutex_destroy(&sp.mu);
	tDone();
}
END_TEST

struct cancelTry {
	context_Context *ctx;
	unsigned	 seed;
};

static void *
cancelAfterRandomSleep(void *arg)
{
	struct cancelTry *ct = arg;

	time_Sleep(rand_r(&ct->seed) % 5000 * time_Microsecond);
	context_Cancel(ct->ctx);
	return NULL;
}

struct cancelDials {
	const char *address;
	atomic_int  next;
	atomic_int  succeeded;
	int	    tries;
	time_Time   stop;
};

static void *
cancelDialer(void *arg)
{
	struct cancelDials *cd = arg;
	struct cancelTry    ct;
	net_Dialer	    dialer = { .Timeout = 0 };
	goroutine	   *t;
	net_Conn	   *c;
	runtime_error	   *err;
	int		    i;

	while ((i = atomic_fetch_add(&cd->next, 1)) < cd->tries) {
		if (time_Time_After(time_Now(), cd->stop))
			break;
		ct.ctx = context_WithCancel(context_Background());
		ct.seed = (unsigned)i;
		t = goStart(cancelAfterRandomSleep, &ct);
		err = net_Dialer_DialContext(
		    &dialer, ct.ctx, "tcp", cd->address, &c);
		if (err == NULL) {
			atomic_fetch_add(&cd->succeeded, 1);
			closeConn(c);
		}
		runtime_error_Free(err);
		goJoin(t);
		context_Free(ct.ctx);
	}
	return NULL;
}

/*
 * TestTCPSpuriousConnSetupCompletionWithCancel (Go issue 19289): a
 * cancelled dial must not make a later dial to an unbound port succeed.
 * Go dials golang.org:3; gonet never leaves loopback, so the unbound port
 * is a loopback port whose listener was just closed.  Go's 10000 tries
 * with 5 in flight become 2000 (each waits up to 5 ms for its cancel),
 * bounded to 15 s.
 */
START_TEST(TestTCPSpuriousConnSetupCompletionWithCancel)
{
	enum { workers = 5 };
	struct cancelDials cd = { .tries = 2000 };
	goroutine	  *t[workers];
	net_Listener	  *ln;
	char		  *address;
	int		   i;

	ln = newLocalListener("tcp", NULL);
	address = net_Addr_String(net_Listener_Addr(ln));
	runtime_error_Free(net_Listener_Close(ln));
	net_Listener_Free(ln);
	cd.address = address;
	atomic_init(&cd.next, 0);
	atomic_init(&cd.succeeded, 0);
	cd.stop = time_Time_Add(time_Now(), 15 * time_Second);
	for (i = 0; i < workers; i++)
		t[i] = goStart(cancelDialer, &cd);
	for (i = 0; i < workers; i++)
		goJoin(t[i]);
	free(address);
	ck_assert_msg(atomic_load(&cd.succeeded) == 0,
	    "Dial to unbound port succeeded %d times",
	    atomic_load(&cd.succeeded));
	tDone();
}
END_TEST

Suite *
tcpsock_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("tcpsock_unix");
	tc = newNetTCase("SpuriousConnSetup", 60);
	tcase_add_test(tc, TestTCPSpuriousConnSetupCompletion);
	tcase_add_test(tc, TestTCPSpuriousConnSetupCompletionWithCancel);
	suite_add_tcase(s, tc);
	return s;
}
