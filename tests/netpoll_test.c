/*
 * gonet-only tests of runtime/netpoll.c, netpoll_epoll.c and proc.c, driven
 * through the runtime_poll* API on non-blocking pipes.  Go tests its
 * poller only through package net; these pin down the park/wake boundary
 * on its own.
 * built on: linux
 */
#include <sys/resource.h>
#include <sys/socket.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/chan.h"
#include "runtime/runtime_impl.h"
#include "tests/main_test.h"

#define ms ((int64_t)1000000)

/* A non-blocking pipe registered with the poller on its read end. */
typedef struct testPipe {
	int		  fd[2];
	runtime_pollDesc *pd;
} testPipe;

static void
openPipe(testPipe *p)
{
	int errno_;

	ck_assert_int_eq(pipe2(p->fd, O_NONBLOCK | O_CLOEXEC), 0);
	errno_ = runtime_pollOpen((uintptr_t)p->fd[0], &p->pd);
	ck_assert_msg(errno_ == 0, "pollOpen: errno %d", errno_);
}

/* closePipe is Go's close sequence: unblock, then close pd, then the fd. */
static void
closePipe(testPipe *p)
{
	runtime_pollUnblock(p->pd);
	runtime_pollClose(p->pd);
	close(p->fd[0]);
	close(p->fd[1]);
}

static void
sleepms(int n)
{
	struct timespec ts;

	ts.tv_sec = n / 1000;
	ts.tv_nsec = (long)(n % 1000) * 1000000;
	nanosleep(&ts, NULL);
}

static void
writeByte(int fd)
{
	ck_assert_int_eq(write(fd, "x", 1), 1);
}

/* waitRead is a reader thread's whole life: one pollWait for 'r'. */
typedef struct waiter {
	runtime_pollDesc *pd;
	pthread_t	  t;
	int		  res;
	int64_t		  woke;
	_Atomic int	  started;
} waiter;

static void *
waitRead(void *arg)
{
	waiter *w;

	w = arg;
	atomic_store(&w->started, 1);
	w->res = runtime_pollWait(w->pd, 'r');
	w->woke = runtime_nanotime();
	return NULL;
}

static void
startWaiter(waiter *w, runtime_pollDesc *pd)
{
	w->pd = pd;
	w->res = -1;
	atomic_store(&w->started, 0);
	ck_assert_int_eq(pthread_create(&w->t, NULL, waitRead, w), 0);
}

/* waitFlag waits until *flag is set (bounded: ~1 s); it says whether it is. */
static bool
waitFlag(_Atomic int *flag)
{
	int i;

	for (i = 0; i < 1000 && atomic_load(flag) == 0; i++)
		sleepms(1);
	return atomic_load(flag) != 0;
}

/* waitStarted gives w time to reach the poller. */
static void
waitStarted(waiter *w)
{
	waitFlag(&w->started);
	sleepms(20);
}

START_TEST(testPollWaitReady)
{
	testPipe p;
	waiter	 w;

	ck_assert_int_eq(runtime_pollServerInit(), 0);
	openPipe(&p);
	startWaiter(&w, p.pd);
	waitStarted(&w);
	writeByte(p.fd[1]);
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollNoError);
	closePipe(&p);
}
END_TEST

START_TEST(testPollDeadlineExpires)
{
	testPipe p;
	int64_t	 start, d;
	int	 res;

	openPipe(&p);
	start = runtime_nanotime();
	d = start + 50 * ms;
	runtime_pollSetDeadline(p.pd, d, 'r');
	res = runtime_pollWait(p.pd, 'r');
	ck_assert_int_eq(res, runtime_pollErrTimeout);
	ck_assert_msg(runtime_nanotime() >= d, "woke %lld ns early",
	    (long long)(d - runtime_nanotime()));
	ck_assert_msg(
	    runtime_nanotime() - start < 10000 * ms, "deadline took over 10 s");
	/* Expired stays expired until the deadline is cleared. */
	ck_assert_int_eq(runtime_pollWait(p.pd, 'r'), runtime_pollErrTimeout);
	ck_assert_int_eq(runtime_pollReset(p.pd, 'r'), runtime_pollErrTimeout);
	runtime_pollSetDeadline(p.pd, 0, 'r');
	ck_assert_int_eq(runtime_pollReset(p.pd, 'r'), runtime_pollNoError);
	writeByte(p.fd[1]);
	ck_assert_int_eq(runtime_pollWait(p.pd, 'r'), runtime_pollNoError);
	closePipe(&p);
}
END_TEST

/* Equal read and write deadlines share one timer; both must still fire. */
START_TEST(testPollDeadlineCombined)
{
	testPipe p;
	int64_t	 d;

	openPipe(&p);
	d = runtime_nanotime() + 30 * ms;
	runtime_pollSetDeadline(p.pd, d, 'r' + 'w');
	/* pd watches the read end: only the deadline can end this wait. */
	ck_assert_int_eq(runtime_pollWait(p.pd, 'w'), runtime_pollErrTimeout);
	ck_assert_int_eq(runtime_pollWait(p.pd, 'r'), runtime_pollErrTimeout);
	ck_assert(runtime_nanotime() >= d);
	/* Moving one deadline splits the combined timer. */
	d = runtime_nanotime() + 20 * ms;
	runtime_pollSetDeadline(p.pd, d, 'r' + 'w');
	runtime_pollSetDeadline(p.pd, d + 20 * ms, 'w');
	ck_assert_int_eq(runtime_pollWait(p.pd, 'w'), runtime_pollErrTimeout);
	ck_assert(runtime_nanotime() >= d + 20 * ms);
	closePipe(&p);
}
END_TEST

/*
 * A deadline expires on time even if nobody is parked: the next
 * non-blocking I/O must see it (what Go's TestWriteTimeout relies on).
 */
START_TEST(testPollDeadlineNoWaiter)
{
	testPipe p;
	int	 i, res;
	int64_t	 dl;

	openPipe(&p);
	dl = runtime_nanotime() + 20 * ms;
	runtime_pollSetDeadline(p.pd, dl, 'w');
	res = runtime_pollReset(p.pd, 'w');
	/*
	 * Early, the deadline must not have fired; a busy CPU may delay this
	 * check past it (seen under TSan beside a busy loop), and then the
	 * timeout is the right answer.
	 */
	if (runtime_nanotime() < dl)
		ck_assert_int_eq(res, runtime_pollNoError);
	for (i = 0; i < 5000 && res == runtime_pollNoError; i++) {
		sleepms(1);
		res = runtime_pollReset(p.pd, 'w');
	}
	ck_assert_int_eq(res, runtime_pollErrTimeout);
	closePipe(&p);
}
END_TEST

START_TEST(testPollDeadlineToPast)
{
	testPipe p;
	waiter	 w;

	openPipe(&p);
	startWaiter(&w, p.pd);
	waitStarted(&w);
	runtime_pollSetDeadline(p.pd, -1, 'r');
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollErrTimeout);
	closePipe(&p);
}
END_TEST

/* A deadline moved earlier while a waiter sleeps must re-arm its timer. */
START_TEST(testPollDeadlineMovedEarlier)
{
	testPipe p;
	waiter	 w;
	int64_t	 d;

	openPipe(&p);
	runtime_pollSetDeadline(
	    p.pd, runtime_nanotime() + 3600 * 1000 * ms, 'r');
	startWaiter(&w, p.pd);
	waitStarted(&w);
	d = runtime_nanotime() + 30 * ms;
	runtime_pollSetDeadline(p.pd, d, 'r');
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollErrTimeout);
	ck_assert(w.woke >= d);
	closePipe(&p);
}
END_TEST

START_TEST(testPollUnblock)
{
	testPipe p;
	waiter	 w;

	openPipe(&p);
	startWaiter(&w, p.pd);
	waitStarted(&w);
	runtime_pollUnblock(p.pd);
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollErrClosing);
	/* Later calls see the close at once. */
	ck_assert_int_eq(runtime_pollWait(p.pd, 'r'), runtime_pollErrClosing);
	ck_assert_int_eq(runtime_pollReset(p.pd, 'w'), runtime_pollErrClosing);
	runtime_pollSetDeadline(p.pd, -1, 'r'); /* ignored once closing */
	runtime_pollClose(p.pd);
	close(p.fd[0]);
	close(p.fd[1]);
}
END_TEST

/* pollOpen of a regular file fails with epoll's EPERM and leaks nothing. */
START_TEST(testPollOpenNotPollable)
{
	runtime_pollDesc *pd;
	int		  fd, errno_;

	fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
	ck_assert_int_ge(fd, 0);
	errno_ = runtime_pollOpen((uintptr_t)fd, &pd);
	ck_assert_int_eq(errno_, EPERM);
	ck_assert_ptr_null(pd);
	close(fd);
}
END_TEST

START_TEST(testPollServerDescriptor)
{
	ck_assert_int_eq(runtime_pollServerInit(), 0);
	ck_assert(!runtime_isPollServerDescriptor(0));
	ck_assert(!runtime_isPollServerDescriptor(1));
	ck_assert(!runtime_isPollServerDescriptor(2));
}
END_TEST

enum { nmany = 64 };

START_TEST(testPollManyWaiters)
{
	testPipe p[nmany];
	waiter	 w[nmany];
	int	 order[nmany];
	int	 i, j, k;

	for (i = 0; i < nmany; i++) {
		openPipe(&p[i]);
		startWaiter(&w[i], p[i].pd);
		order[i] = i;
	}
	srand(1);
	for (i = nmany - 1; i > 0; i--) {
		j = rand() % (i + 1);
		k = order[i];
		order[i] = order[j];
		order[j] = k;
	}
	for (i = 0; i < nmany; i++)
		waitStarted(&w[i]);
	for (i = 0; i < nmany; i++) {
		writeByte(p[order[i]].fd[1]);
		if (i % 8 == 0)
			sleepms(1);
	}
	for (i = 0; i < nmany; i++) {
		pthread_join(w[i].t, NULL);
		ck_assert_int_eq(w[i].res, runtime_pollNoError);
	}
	for (i = 0; i < nmany; i++)
		closePipe(&p[i]);
}
END_TEST

/*
 * A background waiter keeps a poller parked while the test recycles one
 * pollDesc slot, each time leaving readiness and a short deadline behind;
 * the next user must see neither.
 */
START_TEST(testPollDescRecycle)
{
	testPipe	  bg, p;
	waiter		  w;
	runtime_pollDesc *old;
	int64_t		  d;
	int		  i, reused, res;

	openPipe(&bg);
	startWaiter(&w, bg.pd);
	waitStarted(&w);
	old = NULL;
	reused = 0;
	for (i = 0; i < 100; i++) {
		openPipe(&p);
		if (p.pd == old)
			reused++;
		/* The new user: no data, a deadline 10 ms ahead. */
		d = runtime_nanotime() + 10 * ms;
		runtime_pollSetDeadline(p.pd, d, 'r');
		res = runtime_pollWait(p.pd, 'r');
		ck_assert_msg(res == runtime_pollErrTimeout,
		    "iteration %d: pollWait = %d, want timeout", i, res);
		ck_assert_msg(runtime_nanotime() >= d,
		    "iteration %d: stale timer woke the new user", i);
		/* Leave an event and a near deadline to the next user. */
		runtime_pollSetDeadline(p.pd, runtime_nanotime() + ms / 2, 'r');
		writeByte(p.fd[1]);
		if (i % 2 == 0)
			sleepms(1);
		old = p.pd;
		closePipe(&p);
	}
	ck_assert_msg(reused > 0, "pollDesc never recycled");
	writeByte(bg.fd[1]);
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollNoError);
	closePipe(&bg);
}
END_TEST

/*
 * Ping-pong: pairs of threads bounce a byte over two pipes, so that the
 * poller role changes hands constantly; a lost wake-up hangs the test.
 */
enum { npairs = 8, nbounces = 1000 };

/*
 * A bouncer reads a byte from rfd (registered as pd) and writes one to
 * wfd, n times; the server writes first.
 */
typedef struct bouncer {
	int		  rfd, wfd, n;
	runtime_pollDesc *pd;
	bool		  serve; /* sends first */
	int		  res;
} bouncer;

static void *
bounce(void *arg)
{
	bouncer *b;
	char	 c;
	int	 i;

	b = arg;
	b->res = runtime_pollNoError;
	for (i = 0; i < b->n; i++) {
		if (b->serve || i > 0)
			writeByte(b->wfd);
		while (read(b->rfd, &c, 1) != 1) {
			b->res = runtime_pollWait(b->pd, 'r');
			if (b->res != runtime_pollNoError)
				return NULL;
		}
	}
	if (!b->serve)
		writeByte(b->wfd);
	return NULL;
}

START_TEST(testPollPingPong)
{
	testPipe  p[2 * npairs];
	bouncer	  b[2 * npairs];
	pthread_t t[2 * npairs];
	int	  i;

	for (i = 0; i < 2 * npairs; i++)
		openPipe(&p[i]);
	for (i = 0; i < 2 * npairs; i++) {
		b[i].rfd = p[i].fd[0];
		b[i].pd = p[i].pd;
		b[i].wfd = p[i ^ 1].fd[1];
		b[i].n = nbounces;
		b[i].serve = i % 2 == 0;
		ck_assert_int_eq(pthread_create(&t[i], NULL, bounce, &b[i]), 0);
	}
	for (i = 0; i < 2 * npairs; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(b[i].res, runtime_pollNoError);
	}
	for (i = 0; i < 2 * npairs; i++)
		closePipe(&p[i]);
}
END_TEST

/*
 * Past the eventfd budget: with the soft descriptor limit at 96, plain
 * threads may hold 24 eventfds between them, so of these 40 threads, one
 * per end of 20 socket pairs, at least 16 wait through the shared poller
 * (runtime_eventfdBudget).  They must be woken as surely as the others,
 * and the budget must hold.
 */
enum { budgetLimit = 96, budgetPairs = 20, budgetBounces = 200 };

/* countEventfds counts this process's eventfds in /proc/self/fd. */
static int
countEventfds(void)
{
	char	       path[300], link[64];
	struct dirent *de;
	DIR	      *d;
	ssize_t	       r;
	int	       n;

	d = opendir("/proc/self/fd");
	ck_assert_ptr_nonnull(d);
	n = 0;
	while ((de = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "/proc/self/fd/%s", de->d_name);
		r = readlink(path, link, sizeof link - 1);
		if (r <= 0)
			continue;
		link[r] = '\0';
		if (strcmp(link, "anon_inode:[eventfd]") == 0)
			n++;
	}
	closedir(d);
	return n;
}

/*
 * budgetBouncer is bounce on a thread that opens its own pollDesc first,
 * with runtime_pollOpenSocket: a plain thread's socket, off the poller
 * until a wait that needs it there.
 */
static void *
budgetBouncer(void *arg)
{
	bouncer *b;

	b = arg;
	b->res = runtime_pollOpenSocket((uintptr_t)b->rfd, &b->pd);
	if (b->res != 0) {
		b->pd = NULL;
		return NULL;
	}
	return bounce(b);
}

/*
 * pastEventfdBudget runs the budget test; with deferred, each thread opens
 * its own socket as a plain thread, so the threads past the budget must
 * put their sockets on the poller at their first wait.
 */
static void
pastEventfdBudget(bool deferred)
{
	bouncer	      b[2 * budgetPairs];
	pthread_t     t[2 * budgetPairs];
	struct rlimit rl;
	int	      sp[2], i, before;

	ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
	ck_assert_msg(
	    rl.rlim_cur >= budgetLimit, "soft limit below %d", budgetLimit);
	rl.rlim_cur = budgetLimit;
	ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
	ck_assert_int_eq(runtime_pollServerInit(), 0);
	for (i = 0; i < budgetPairs; i++) {
		ck_assert_int_eq(
		    socketpair(AF_UNIX,
			SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sp),
		    0);
		b[2 * i].rfd = b[2 * i].wfd = sp[0];
		b[2 * i + 1].rfd = b[2 * i + 1].wfd = sp[1];
	}
	for (i = 0; i < 2 * budgetPairs; i++) {
		if (!deferred)
			ck_assert_int_eq(
			    runtime_pollOpen((uintptr_t)b[i].rfd, &b[i].pd), 0);
		b[i].n = budgetBounces;
		b[i].serve = i % 2 == 0;
	}
	before = countEventfds(); /* the poller's own is open by now */
	for (i = 0; i < 2 * budgetPairs; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL,
				     deferred ? budgetBouncer : bounce, &b[i]),
		    0);
	for (i = 0; i < 2 * budgetPairs; i++) {
		pthread_join(t[i], NULL);
		ck_assert_int_eq(b[i].res, runtime_pollNoError);
	}
	ck_assert_int_le(countEventfds() - before, budgetLimit / 4);
	for (i = 0; i < 2 * budgetPairs; i++) {
		runtime_pollUnblock(b[i].pd);
		runtime_pollClose(b[i].pd);
		close(b[i].rfd);
	}
}

START_TEST(testPollPastEventfdBudget)
{
	pastEventfdBudget(false);
}
END_TEST

START_TEST(testPollPastEventfdBudgetDeferred)
{
	pastEventfdBudget(true);
}
END_TEST

/*
 * inEpoll reports whether fd is registered with an epoll instance of this
 * process: each epoll descriptor's fdinfo has a "tfd:" line per target.
 */
static bool
inEpoll(int fd)
{
	char	       path[300], line[256];
	struct dirent *de;
	FILE	      *f;
	DIR	      *d;
	bool	       found;
	int	       tfd;

	d = opendir("/proc/self/fdinfo");
	ck_assert_ptr_nonnull(d);
	found = false;
	while (!found && (de = readdir(d)) != NULL) {
		snprintf(path, sizeof path, "/proc/self/fdinfo/%s", de->d_name);
		if ((f = fopen(path, "r")) == NULL)
			continue;
		while (!found && fgets(line, sizeof line, f) != NULL)
			found = sscanf(line, "tfd: %d", &tfd) == 1 && tfd == fd;
		fclose(f);
	}
	closedir(d);
	return found;
}

/*
 * deferredOpen is one socket of testPollOpenSocketDeferred: its pollDesc,
 * and what a goroutine did with it (res: 1 + pollWait's result, or 1 once
 * it has opened the pollDesc; 0 until then).
 */
typedef struct deferredOpen {
	int		  fd;
	runtime_pollDesc *pd;
	_Atomic int	  res;
} deferredOpen;

static void *
deferredOpenPlain(void *arg)
{
	deferredOpen *a;

	a = arg;
	ck_assert_int_eq(runtime_pollOpenSocket((uintptr_t)a->fd, &a->pd), 0);
	return NULL;
}

static void
deferredOpenGo(void *arg)
{
	deferredOpenPlain(arg);
	atomic_store(&((deferredOpen *)arg)->res, 1);
}

static void
deferredRead(void *arg)
{
	deferredOpen *a;

	a = arg;
	atomic_store(&a->res, 1 + runtime_pollWait(a->pd, 'r'));
}

/* deferredResult waits (waitFlag's bound) for a goroutine's result. */
static int
deferredResult(deferredOpen *a)
{
	waitFlag(&a->res);
	return atomic_load(&a->res);
}

/*
 * A plain thread's socket stays off epoll (runtime_pollOpenSocket), also
 * through a plain thread's wait, which watches the socket itself; the
 * first goroutine to wait puts it on, and must see the byte that came
 * before; a goroutine's socket is put on at once.
 */
START_TEST(testPollOpenSocketDeferred)
{
	deferredOpen a = { 0 }, g = { 0 };
	pthread_t    t;
	waiter	     w;
	int	     sp[2];
	char	     c;

	ck_assert_int_eq(runtime_pollServerInit(), 0);
	ck_assert_int_eq(socketpair(AF_UNIX,
			     SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sp),
	    0);
	a.fd = sp[0];
	ck_assert_int_eq(pthread_create(&t, NULL, deferredOpenPlain, &a), 0);
	pthread_join(t, NULL);
	ck_assert_msg(!inEpoll(sp[0]), "a plain thread's socket is on epoll");
	startWaiter(&w, a.pd);
	waitStarted(&w);
	writeByte(sp[1]);
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollNoError);
	ck_assert_msg(!inEpoll(sp[0]), "a plain wait put the socket on epoll");
	ck_assert_int_eq(read(sp[0], &c, 1), 1);

	writeByte(sp[1]);
	runtime_Go(deferredRead, &a);
	ck_assert_int_eq(deferredResult(&a), 1 + runtime_pollNoError);
	ck_assert_msg(inEpoll(sp[0]), "a goroutine's wait left it off epoll");
	ck_assert_int_eq(read(sp[0], &c, 1), 1);

	g.fd = sp[1];
	runtime_Go(deferredOpenGo, &g);
	ck_assert_int_eq(deferredResult(&g), 1);
	ck_assert_msg(inEpoll(sp[1]), "a goroutine's socket is off epoll");

	runtime_pollUnblock(a.pd);
	runtime_pollClose(a.pd);
	runtime_pollUnblock(g.pd);
	runtime_pollClose(g.pd);
	close(sp[0]);
	close(sp[1]);
}
END_TEST

/*
 * Timers.  Several threads arm, move and delete their timers while one
 * waiter is parked; each timer's last arming carries seq 1 and must fire
 * exactly once, and the last to fire releases the waiter.
 */
enum { ntimerThreads = 4, ntimersPer = 16, ntimerRounds = 200 };

static runtime_timer hammerTimers[ntimerThreads][ntimersPer];
static _Atomic int   finalFired[ntimerThreads][ntimersPer];
static _Atomic int   finalTotal;
static _Atomic int   timerPipeWritten;
static int	     timerPipeWr;

static void
testTimerFired(void *arg, uintptr_t seq)
{
	_Atomic int *n;

	if (seq != 1)
		return; /* an earlier arming that fired before a move */
	n = arg;
	atomic_fetch_add(n, 1);
	if (atomic_fetch_add(&finalTotal, 1) + 1 ==
	    ntimerThreads * ntimersPer) {
		writeByte(timerPipeWr);
		atomic_store(&timerPipeWritten, 1);
	}
}

static void *
timerHammer(void *arg)
{
	unsigned seed;
	int	 id, r, i, k;
	int64_t	 now;

	id = (int)(intptr_t)arg;
	seed = (unsigned)id + 1;
	for (r = 0; r < ntimerRounds; r++) {
		k = rand_r(&seed) % ntimersPer;
		now = runtime_nanotime();
		if (rand_r(&seed) % 3 == 0)
			runtime_deltimer(&hammerTimers[id][k]);
		else
			runtime_modtimer(&hammerTimers[id][k],
			    now + (rand_r(&seed) % 2000) * 1000, 0,
			    testTimerFired, &finalFired[id][k], 0);
	}
	now = runtime_nanotime();
	for (i = 0; i < ntimersPer; i++)
		runtime_modtimer(&hammerTimers[id][i],
		    now + (rand_r(&seed) % 20) * ms, 0, testTimerFired,
		    &finalFired[id][i], 1);
	return NULL;
}

START_TEST(testTimers)
{
	testPipe  p;
	waiter	  w;
	pthread_t t[ntimerThreads];
	int	  i, j;

	openPipe(&p);
	timerPipeWr = p.fd[1];
	startWaiter(&w, p.pd);
	waitStarted(&w);
	for (i = 0; i < ntimerThreads; i++)
		ck_assert_int_eq(pthread_create(&t[i], NULL, timerHammer,
				     (void *)(intptr_t)i),
		    0);
	for (i = 0; i < ntimerThreads; i++)
		pthread_join(t[i], NULL);
	pthread_join(w.t, NULL);
	ck_assert_int_eq(w.res, runtime_pollNoError);
	for (i = 0; i < ntimerThreads; i++)
		for (j = 0; j < ntimersPer; j++) {
			ck_assert_int_eq(atomic_load(&finalFired[i][j]), 1);
			ck_assert(!runtime_deltimer(&hammerTimers[i][j]));
		}
	/*
	 * The waiter woke when the byte arrived, but the callback that wrote
	 * it may still be inside write(): the pipe is closed only once it has
	 * returned, which also gives TSan, blind to the kernel's
	 * pipe-to-epoll path, the order it cannot see otherwise.
	 */
	ck_assert(waitFlag(&timerPipeWritten));
	closePipe(&p);
}
END_TEST

/* The semaphore loses no release under contention. */
enum { nsemaThreads = 8, nsemaOps = 2000 };

static uint32_t sema;
static uint32_t semaDone;

static void *
semaWorker(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < nsemaOps; i++) {
		runtime_Semacquire(&sema);
		runtime_Semrelease(&semaDone, false);
	}
	return NULL;
}

START_TEST(testSemaphore)
{
	pthread_t t[nsemaThreads];
	int	  i;

	for (i = 0; i < nsemaThreads; i++)
		ck_assert_int_eq(
		    pthread_create(&t[i], NULL, semaWorker, NULL), 0);
	for (i = 0; i < nsemaThreads * nsemaOps; i++) {
		runtime_Semrelease(&sema, false);
		runtime_Semacquire(&semaDone);
	}
	for (i = 0; i < nsemaThreads; i++)
		pthread_join(t[i], NULL);
	ck_assert_uint_eq(atomic_load((_Atomic uint32_t *)&sema), 0);
	ck_assert_uint_eq(atomic_load((_Atomic uint32_t *)&semaDone), 0);
}
END_TEST

/*
 * A thread asleep for the timers alone (nobody waited through the poller
 * when it went to sleep) sleeps on the break eventfd, not in epoll: it
 * must be broken when a goroutine starts waiting on a descriptor.  With
 * one timer 30 s away, a goroutine parked on a pipe is woken by the byte
 * written to it, not 30 s later by the timer.
 */
static _Atomic int	 timersOnlyRes;
static runtime_pollDesc *timersOnlyPd;

static void
timersOnlyNoop(void *arg, uintptr_t seq)
{
	(void)arg;
	(void)seq;
}

static void
timersOnlyReader(void *arg)
{
	(void)arg;
	atomic_store(&timersOnlyRes, 1 + runtime_pollWait(timersOnlyPd, 'r'));
}

START_TEST(testTimersOnlySleepBrokenByWaiter)
{
	static runtime_timer t;
	testPipe	     p;
	int		     i, res;

	openPipe(&p);
	atomic_store(&timersOnlyRes, 0);
	timersOnlyPd = p.pd;
	runtime_modtimer(
	    &t, runtime_nanotime() + 30000 * ms, 0, timersOnlyNoop, NULL, 0);
	sleepms(20); /* an M goes to sleep for that timer */
	runtime_Go(timersOnlyReader, NULL);
	sleepms(20); /* the goroutine parks on the pipe */
	writeByte(p.fd[1]);
	for (i = 0; i < 2000 && atomic_load(&timersOnlyRes) == 0; i++)
		sleepms(1);
	res = atomic_load(&timersOnlyRes);
	ck_assert_msg(res == 1 + runtime_pollNoError, "the goroutine %s",
	    res == 0 ? "was not woken within 2 s" : "woke with an error");
	runtime_deltimer(&t);
	closePipe(&p);
}
END_TEST

Suite *
netpoll_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("netpoll");
	tc = newTCase("wait");
	tcase_add_test(tc, testPollWaitReady);
	tcase_add_test(tc, testPollOpenNotPollable);
	tcase_add_test(tc, testPollServerDescriptor);
	tcase_add_test(tc, testPollManyWaiters);
	tcase_add_test(tc, testPollPingPong);
	tcase_add_test(tc, testPollPastEventfdBudget);
	tcase_add_test(tc, testPollPastEventfdBudgetDeferred);
	tcase_add_test(tc, testPollOpenSocketDeferred);
	suite_add_tcase(s, tc);
	tc = newTCase("deadline");
	tcase_add_test(tc, testPollDeadlineExpires);
	tcase_add_test(tc, testPollDeadlineCombined);
	tcase_add_test(tc, testPollDeadlineNoWaiter);
	tcase_add_test(tc, testPollDeadlineToPast);
	tcase_add_test(tc, testPollDeadlineMovedEarlier);
	suite_add_tcase(s, tc);
	tc = newTCase("close");
	tcase_add_test(tc, testPollUnblock);
	tcase_add_test(tc, testPollDescRecycle);
	suite_add_tcase(s, tc);
	tc = newTCase("timer");
	tcase_add_test(tc, testTimers);
	tcase_add_test(tc, testTimersOnlySleepBrokenByWaiter);
	tcase_add_test(tc, testSemaphore);
	suite_add_tcase(s, tc);
	return s;
}
