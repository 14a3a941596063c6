/*
 * gonet benchmarks (C only): the workloads of docs/PERFORMANCE.md on
 * gonet, with one pthread per goroutine of the Go twin
 * (tests/bench/bench.go); tools/bench_raw.c is the plain-POSIX floor.
 * Built with -DBENCH_GOROUTINES (build/bench/bench-g, the "gonet-g"
 * implementation) the same workloads run a goroutine (runtime_Go) where
 * this one starts a thread, and the workload itself runs in a goroutine
 * as a Go program's main does.
 *
 *	bench WORKLOAD [N]
 *
 * Each run prints "metric value" lines for tools/bench.sh.  Everything
 * stays on loopback and every loop is bounded by its N, except
 * http_serve, which answers until tools/bench.sh kills it.
 */
#include <sys/resource.h>
#include <sys/wait.h>

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/net.h"
/*
 * BENCH_OLD (tools/benchold.sh) builds this file against an older
 * library, from before package sync and the resolver: the workloads that
 * need them then exit 77, which tools/bench.sh records as skipped.
 */
#ifndef BENCH_OLD
#include "sync/sync.h"
#endif
#ifndef BENCH_GOROUTINES
#include "benchgate.h" /* the thread build's gate; raw C's too */
#endif

extern char **environ;

enum { streamChunk = 64 * 1024 };

static const char *self;

/* check ends the run on an error, naming the call that failed. */
static void
check(const char *what, runtime_error *err)
{
	if (err == NULL)
		return;
	fprintf(stderr, "bench: %s: %s\n", what, runtime_error_Error(err));
	exit(1);
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double
peakRSS(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

static long
arg(int argc, char **argv, int i, long def)
{
	if (argc > i)
		return strtol(argv[i], NULL, 10);
	return def;
}

/*
 * raiseNofile lifts the descriptor limit to its hard maximum, as Go 1.19
 * does at startup, for the workloads with thousands of connections.
 */
static void
raiseNofile(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

/* readFull is io.ReadFull: a short count is an error. */
static runtime_error *
readFull(net_Conn *c, void *p, size_t len)
{
	runtime_error *err;
	size_t	       done;
	ptrdiff_t      n;

	for (done = 0; done < len; done += (size_t)n) {
		err = net_Conn_Read(c, (char *)p + done, len - done, &n);
		if (err != NULL)
			return err;
	}
	return NULL;
}

/*
 * A task is one concurrent activity of a workload: a pthread here, a
 * goroutine under BENCH_GOROUTINES.  spawn starts f(arg) and join waits
 * for it and releases the task; spawnDetached starts one nobody joins.
 * A gate holds n tasks (gateWait); gateReady returns once all n are
 * waiting and gateOpen lets them go.  A workload reads its clock between
 * the two, the order of the Go program's ready.Wait, time.Now and
 * close(start): the tasks' dials are setup, not timed, and the clock is
 * read before any task runs, so that none of their first round trips can
 * pass while this thread waits for a CPU.
 */
typedef struct task task;

#ifdef BENCH_GOROUTINES
/*
 * A task's join is a WaitGroup inside it, not a channel of its own: the
 * Go program's goroutines are joined by WaitGroups, and a channel per
 * goroutine would add 96 bytes of heap to every connection that
 * conns10k's RSS counts against Go's.
 */
struct task {
	void *(*f)(void *);
	void	      *arg;
	sync_WaitGroup done;
	bool	       detached;
};

static void
taskRun(void *p)
{
	task *t;

	t = p;
	t->f(t->arg);
	if (t->detached)
		free(t);
	else
		sync_WaitGroup_Done(&t->done);
}

static task *
taskStart(void *(*f)(void *), void *arg, bool detached)
{
	task *t;

	t = calloc(1, sizeof(*t));
	t->f = f;
	t->arg = arg;
	t->detached = detached;
	if (!detached)
		sync_WaitGroup_Add(&t->done, 1);
	runtime_Go(taskRun, t);
	return detached ? NULL : t;
}

static void
join(task *t)
{
	sync_WaitGroup_Wait(&t->done);
	free(t);
}

typedef struct gate {
	sync_WaitGroup ready;
	runtime_hchan *open;
} gate;

static void
gateInit(gate *g, long n)
{
	memset(&g->ready, 0, sizeof(g->ready));
	sync_WaitGroup_Add(&g->ready, (int)n);
	g->open = runtime_makechan(1, 0);
}

static void
gateWait(gate *g)
{
	sync_WaitGroup_Done(&g->ready);
	runtime_chanrecv1(g->open, NULL);
}

static void
gateReady(gate *g)
{
	sync_WaitGroup_Wait(&g->ready);
}

static void
gateOpen(gate *g)
{
	runtime_closechan(g->open);
}
#else
struct task {
	pthread_t t;
};

static task *
taskStart(void *(*f)(void *), void *arg, bool detached)
{
	task *t;

	t = malloc(sizeof(*t));
	if (pthread_create(&t->t, NULL, f, arg) != 0) {
		fprintf(stderr, "bench: pthread_create failed\n");
		exit(1);
	}
	if (!detached)
		return t;
	pthread_detach(t->t);
	free(t);
	return NULL;
}

static void
join(task *t)
{
	pthread_join(t->t, NULL);
	free(t);
}

#endif

static task *
spawn(void *(*f)(void *), void *arg)
{
	return taskStart(f, arg, false);
}

static void
spawnDetached(void *(*f)(void *), void *arg)
{
	taskStart(f, arg, true);
}

/* listenAddr returns l's address as "host:port", malloc'd. */
static char *
listenAddr(net_Listener *l)
{
	return net_Addr_String(net_Listener_Addr(l));
}

/* echo answers every byte until the peer closes; it owns c. */
static void *
echo(void *arg)
{
	runtime_error *err;
	net_Conn      *c;
	char	       b[64];
	ptrdiff_t      n, nw;

	c = arg;
	for (;;) {
		err = net_Conn_Read(c, b, sizeof(b), &n);
		if (err != NULL)
			break;
		check("Write", net_Conn_Write(c, b, (size_t)n, &nw));
	}
	runtime_error_Free(err);
	net_Conn_Free(c);
	return NULL;
}

static void *
acceptEcho(void *arg)
{
	net_Conn *c;

	check("Accept", net_Listener_Accept(arg, &c));
	return echo(c);
}

/*
 * pingpong sends n one-byte messages and waits for each echo; deadline
 * calls SetReadDeadline(now + 1 s) before every Read.
 */
static double
pingpong(net_Conn *c, long n, bool deadline)
{
	double	  t0;
	char	  b;
	long	  i;
	ptrdiff_t nw;

	b = 'x';
	t0 = now();
	for (i = 0; i < n; i++) {
		check("Write", net_Conn_Write(c, &b, 1, &nw));
		if (deadline)
			check("SetReadDeadline",
			    net_Conn_SetReadDeadline(
				c, time_Time_Add(time_Now(), time_Second)));
		check("Read", readFull(c, &b, 1));
	}
	return (now() - t0) / (double)n * 1e6;
}

static void
streamPingpong(const char *name, const char *network, const char *address,
    long n, bool deadline)
{
	net_Listener *l;
	net_Conn     *c;
	task	     *t;
	char	     *addr;

	check("Listen", net_Listen(network, address, &l));
	t = spawn(acceptEcho, l);
	addr = listenAddr(l);
	check("Dial", net_Dial(network, addr, &c));
	free(addr);
	printf("%s %.3f\n", name, pingpong(c, n, deadline));
	net_Conn_Free(c);
	join(t);
	net_Listener_Free(l);
}

/*
 * spawnServer starts this program as "serve NCONN" in a child process,
 * which echoes NCONN connections and reports its address on a pipe, and
 * returns that address, malloc'd.  The child is spawned before this
 * process has any gonet thread.
 */
static char *
spawnServer(long nconn, pid_t *pid)
{
	posix_spawn_file_actions_t fa;
	char			  *argv[4];
	char			   buf[64], count[24];
	ssize_t			   r;
	int			   p[2];

	if (pipe(p) < 0) {
		perror("bench: pipe");
		exit(1);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	snprintf(count, sizeof(count), "%ld", nconn);
	argv[0] = (char *)self;
	argv[1] = (char *)"serve";
	argv[2] = count;
	argv[3] = NULL;
	if (posix_spawn(pid, self, &fa, NULL, argv, environ) != 0) {
		perror("bench: posix_spawn");
		exit(1);
	}
	posix_spawn_file_actions_destroy(&fa);
	close(p[1]);
	r = read(p[0], buf, sizeof(buf) - 1);
	if (r <= 0) {
		fprintf(stderr, "bench: no address from the server\n");
		exit(1);
	}
	buf[r] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	close(p[0]);
	return strdup(buf);
}

static void
tcpPingpong2(long n)
{
	net_Conn *c;
	char	 *addr;
	pid_t	  pid;
	int	  status;

	addr = spawnServer(1, &pid);
	check("Dial", net_Dial("tcp", addr, &c));
	free(addr);
	printf("tcp_pingpong_2proc %.3f\n", pingpong(c, n, false));
	net_Conn_Free(c);
	waitpid(pid, &status, 0);
}

/* serve is the child of spawnServer: nconn connections, each echoed. */
static void
serve(long nconn)
{
	net_Listener *l;
	net_Conn     *c;
	task	    **t;
	char	     *addr;
	long	      i;

	check("Listen", net_Listen("tcp", "127.0.0.1:0", &l));
	addr = listenAddr(l);
	printf("%s\n", addr);
	fflush(stdout);
	free(addr);
	t = calloc((size_t)nconn, sizeof(*t));
	for (i = 0; i < nconn; i++) {
		check("Accept", net_Listener_Accept(l, &c));
		t[i] = spawn(echo, c);
	}
	for (i = 0; i < nconn; i++)
		join(t[i]);
	free(t);
	net_Listener_Free(l);
}

static void *
sink(void *arg)
{
	static char    b[streamChunk];
	runtime_error *err;
	net_Conn      *c;
	ptrdiff_t      n;

	check("Accept", net_Listener_Accept(arg, &c));
	while ((err = net_Conn_Read(c, b, sizeof(b), &n)) == NULL)
		;
	runtime_error_Free(err);
	net_Conn_Free(c);
	return NULL;
}

static void
tcpStream(long mib)
{
	static char   b[streamChunk];
	net_Listener *l;
	net_Conn     *c;
	task	     *t;
	double	      t0, secs;
	char	     *addr;
	long	      i, n;
	ptrdiff_t     nw;

	check("Listen", net_Listen("tcp", "127.0.0.1:0", &l));
	t = spawn(sink, l);
	addr = listenAddr(l);
	check("Dial", net_Dial("tcp", addr, &c));
	free(addr);
	memset(b, 'x', sizeof(b));
	n = mib * 1024 * 1024 / streamChunk;
	t0 = now();
	for (i = 0; i < n; i++)
		check("Write", net_Conn_Write(c, b, sizeof(b), &nw));
	check("Close", net_Conn_Close(c));
	join(t);
	secs = now() - t0;
	printf("tcp_stream %.3f\n", (double)mib / 1024.0 / secs);
	net_Conn_Free(c);
	net_Listener_Free(l);
}

struct acceptArgs {
	net_Listener *l;
	long	      n;
	bool	      abortive;
};

static void *
acceptClose(void *arg)
{
	struct acceptArgs *a;
	net_Conn	  *c;
	long		   i;

	a = arg;
	for (i = 0; i < a->n; i++) {
		check("Accept", net_Listener_Accept(a->l, &c));
		if (a->abortive)
			check("SetLinger",
			    net_TCPConn_SetLinger(net_Conn_TCPConn(c), 0));
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	return NULL;
}

static void
connClose(const char *name, long n, bool abortive)
{
	struct acceptArgs a;
	runtime_error	 *err;
	net_Conn	 *c;
	task		 *t;
	double		  t0;
	char		 *addr;
	long		  i;

	check("Listen", net_Listen("tcp", "127.0.0.1:0", &a.l));
	a.n = n;
	a.abortive = abortive;
	addr = listenAddr(a.l);
	t0 = now();
	t = spawn(acceptClose, &a);
	for (i = 0; i < n; i++) {
		err = net_Dial("tcp", addr, &c);
		/*
		 * The server's reset may overtake a connect that is still
		 * returning; the connection was accepted all the same.
		 */
		if (err != NULL && abortive &&
		    errors_Is(err, syscall_Errno_Err(ECONNRESET))) {
			runtime_error_Free(err);
			continue;
		}
		check("Dial", err);
		if (abortive)
			check("SetLinger",
			    net_TCPConn_SetLinger(net_Conn_TCPConn(c), 0));
		runtime_error_Free(net_Conn_Close(c));
		net_Conn_Free(c);
	}
	join(t);
	printf("%s %.1f\n", name, (double)n / (now() - t0));
	free(addr);
	net_Listener_Free(a.l);
}

struct connArgs {
	const char *addr;
	long	    rounds;
	bool	    warmup;
	gate	   *start;
};

/*
 * connClient dials, then waits for every other client; with warmup, one
 * untimed round trip first proves that the server has taken the
 * connection.
 */
static void *
connClient(void *arg)
{
	struct connArgs *a;
	net_Conn	*c;
	char		 b;
	long		 i;
	ptrdiff_t	 nw;

	a = arg;
	check("Dial", net_Dial("tcp", a->addr, &c));
	b = 'x';
	if (a->warmup) {
		check("Write", net_Conn_Write(c, &b, 1, &nw));
		check("Read", readFull(c, &b, 1));
	}
	gateWait(a->start);
	for (i = 0; i < a->rounds; i++) {
		check("Write", net_Conn_Write(c, &b, 1, &nw));
		check("Read", readFull(c, &b, 1));
	}
	net_Conn_Free(c);
	return NULL;
}

/*
 * timeClients waits for the nconn clients already started in ct to be
 * ready, then starts the clock and releases them, and returns their
 * round trips per second.
 */
static double
timeClients(const struct connArgs *a, task **ct, long nconn)
{
	double t0;
	long   i;

	gateReady(a->start);
	t0 = now();
	gateOpen(a->start);
	for (i = 0; i < nconn; i++)
		join(ct[i]);
	return (double)(nconn * a->rounds) / (now() - t0);
}

static void
conns(long nconn, long rounds)
{
	struct connArgs a;
	gate		start;
	net_Listener   *l;
	net_Conn       *c;
	task	      **ct, **st;
	char	       *addr;
	long		i;

	check("Listen", net_Listen("tcp", "127.0.0.1:0", &l));
	addr = listenAddr(l);
	ct = calloc((size_t)nconn, sizeof(*ct));
	st = calloc((size_t)nconn, sizeof(*st));
	gateInit(&start, nconn);
	a.addr = addr;
	a.rounds = rounds;
	a.warmup = false;
	a.start = &start;
	for (i = 0; i < nconn; i++) {
		ct[i] = spawn(connClient, &a);
		check("Accept", net_Listener_Accept(l, &c));
		st[i] = spawn(echo, c);
	}
	printf("conns1000 %.1f\n", timeClients(&a, ct, nconn));
	for (i = 0; i < nconn; i++)
		join(st[i]);
	printf("conns1000_rss %.2f\n", peakRSS());
	free(ct);
	free(st);
	free(addr);
	net_Listener_Free(l);
}

/*
 * conns2proc is conns with the echo side in a child process ("serve"):
 * 10000 connections need more descriptors than one process may open
 * here.  The peak RSS is this process's plus the child's.
 */
static void
conns2proc(const char *name, long nconn, long rounds)
{
	struct connArgs a;
	struct rusage	ru;
	gate		start;
	task	      **ct;
	pid_t		pid;
	long		i;
	int		status;

	a.addr = spawnServer(nconn, &pid);
	a.rounds = rounds;
	a.warmup = true;
	a.start = &start;
	ct = calloc((size_t)nconn, sizeof(*ct));
	gateInit(&start, nconn);
	for (i = 0; i < nconn; i++)
		ct[i] = spawn(connClient, &a);
	printf("%s %.1f\n", name, timeClients(&a, ct, nconn));
	waitpid(pid, &status, 0);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf(
	    "%s_rss %.2f\n", name, peakRSS() + (double)ru.ru_maxrss / 1024.0);
	free(ct);
	free((char *)a.addr);
}

#ifndef BENCH_OLD
/*
 * conns100k holds nconn connections at once in this one process, both
 * ends: a client task per connection dials from 127.0.0.(2 + i % 64), so
 * that each source address needs few ephemeral ports, makes one untimed
 * round trip, waits for all others, then makes rounds timed ones; an echo
 * task per accepted connection answers.  It prints the round trips per
 * second, the peak RSS and the memory per connection (peak RSS over the
 * RSS before the first dial, divided by nconn).  Where tasks are threads
 * it cannot hold 100000 connections; it says so and exits with
 * exitSkip, which tools/bench.sh records as a skipped run.
 */
enum { exitSkip = 77, dialsAtOnce = 512, sourceAddrs = 64, probeTasks = 16 };

static struct {
	const char    *addr;
	long	       rounds;
	gate	       start;
	sync_WaitGroup clients, servers, probe;
	runtime_hchan *dials; /* a token per dial in flight */
	runtime_hchan *hold;  /* the probe tasks wait here */
	atomic_bool    closing;
} c100k;

/* currentRSS returns this process's resident set now, in MiB. */
static double
currentRSS(void)
{
	long  pages, rss;
	FILE *f;

	f = fopen("/proc/self/statm", "r");
	if (f == NULL)
		return 0;
	if (fscanf(f, "%ld %ld", &pages, &rss) != 2)
		rss = 0;
	fclose(f);
	return (double)rss * (double)sysconf(_SC_PAGESIZE) / 1048576.0;
}

static long
readLong(const char *path)
{
	long  v;
	FILE *f;

	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

static long
countThreads(void)
{
	char  line[256];
	long  n;
	FILE *f;

	n = -1;
	f = fopen("/proc/self/status", "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (strncmp(line, "Threads:", 8) == 0)
			n = strtol(line + 8, NULL, 10);
	fclose(f);
	return n;
}

static void *
probeTask(void *arg)
{
	(void)arg;
	sync_WaitGroup_Done(&c100k.probe);
	runtime_chanrecv1(c100k.hold, NULL);
	return NULL;
}

/*
 * tasksAreThreads starts probeTasks blocked tasks and reports whether
 * each one took a thread of its own.
 */
static bool
tasksAreThreads(void)
{
	task *t[probeTasks];
	long  before, during;
	int   i;

	c100k.hold = runtime_makechan(1, 0);
	before = countThreads();
	sync_WaitGroup_Add(&c100k.probe, probeTasks);
	for (i = 0; i < probeTasks; i++)
		t[i] = spawn(probeTask, NULL);
	sync_WaitGroup_Wait(&c100k.probe);
	during = countThreads();
	runtime_closechan(c100k.hold);
	for (i = 0; i < probeTasks; i++)
		join(t[i]);
	runtime_hchan_Free(c100k.hold);
	return during - before >= probeTasks;
}

/*
 * canHold reports whether this process can hold nconn connections: it
 * raises RLIMIT_NOFILE (both limits, which needs privilege) to two
 * descriptors a connection, and, where a task is a thread, checks the
 * kernel's thread limits.  GONET_BENCH_FORCE=1 skips the thread check.
 */
static bool
canHold(long nconn)
{
	const char   *force;
	struct rlimit rl;
	long	      need, tmax, maps, hard;

	need = 2 * nconn + 1024;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && (long)rl.rlim_cur < need) {
		hard = (long)rl.rlim_max;
		rl.rlim_cur = rl.rlim_max = (rlim_t)need;
		if (setrlimit(RLIMIT_NOFILE, &rl) != 0) {
			fprintf(stderr,
			    "bench: conns100k skipped: cannot raise "
			    "RLIMIT_NOFILE from its hard limit %ld to %ld: "
			    "%s; at most %ld connections fit "
			    "(bench conns100k N)\n",
			    hard, need, strerror(errno), (hard - 1024) / 2);
			return false;
		}
	}
	force = getenv("GONET_BENCH_FORCE");
	if ((force != NULL && strcmp(force, "1") == 0) || !tasksAreThreads())
		return true;
	need = 2 * nconn + 64;
	tmax = readLong("/proc/sys/kernel/threads-max");
	maps = readLong("/proc/sys/vm/max_map_count");
	if ((tmax < 0 || need <= tmax) && (maps < 0 || 2 * need <= maps))
		return true;
	fprintf(stderr,
	    "bench: conns100k skipped: every task is a thread in this "
	    "build, %ld threads are needed, kernel.threads-max is %ld and "
	    "vm.max_map_count %ld (two maps a thread); it runs once "
	    "goroutines share threads (GONET_BENCH_FORCE=1 tries anyway)\n",
	    need, tmax, maps);
	return false;
}

static void *
echo100k(void *arg)
{
	echo(arg);
	sync_WaitGroup_Done(&c100k.servers);
	return NULL;
}

static void *
acceptAll(void *arg)
{
	runtime_error *err;
	net_Listener  *l;
	net_Conn      *c;

	l = arg;
	for (;;) {
		err = net_Listener_Accept(l, &c);
		if (err != NULL) {
			/* Closed once every client is in; anything else ends
			 * the run. */
			if (!atomic_load(&c100k.closing))
				check("Accept", err);
			runtime_error_Free(err);
			break;
		}
		sync_WaitGroup_Add(&c100k.servers, 1);
		spawnDetached(echo100k, c);
	}
	return NULL;
}

static void
roundTrip(net_Conn *c)
{
	ptrdiff_t nw;
	char	  b;

	b = 'x';
	check("Write", net_Conn_Write(c, &b, 1, &nw));
	check("Read", readFull(c, &b, 1));
}

static void *
client100k(void *arg)
{
	net_TCPAddr la = { 0 };
	net_Dialer  d = { 0 };
	net_Conn   *c;
	long	    i;
	bool	    tok;

	i = (long)(intptr_t)arg;
	la.IP = net_IPv4(127, 0, 0, (uint8_t)(2 + i % sourceAddrs));
	d.LocalAddr = net_TCPAddr_Addr(&la);
	tok = true;
	runtime_chansend1(c100k.dials, &tok);
	check("Dial", net_Dialer_Dial(&d, "tcp", c100k.addr, &c));
	roundTrip(c);
	runtime_chanrecv1(c100k.dials, &tok);
	gateWait(&c100k.start);
	for (i = 0; i < c100k.rounds; i++)
		roundTrip(c);
	net_Conn_Free(c);
	sync_WaitGroup_Done(&c100k.clients);
	return NULL;
}

static void
conns100k(long nconn, long rounds)
{
	net_Listener *l;
	task	     *at;
	double	      t0, base;
	char	     *addr;
	long	      i;

	if (!canHold(nconn))
		exit(exitSkip);
	check("Listen", net_Listen("tcp", "127.0.0.1:0", &l));
	addr = listenAddr(l);
	base = currentRSS();
	c100k.addr = addr;
	c100k.rounds = rounds;
	c100k.dials = runtime_makechan(sizeof(bool), dialsAtOnce);
	gateInit(&c100k.start, nconn);
	at = spawn(acceptAll, l);
	sync_WaitGroup_Add(&c100k.clients, (int)nconn);
	for (i = 0; i < nconn; i++)
		spawnDetached(client100k, (void *)(intptr_t)i);
	gateReady(&c100k.start);
	t0 = now();
	gateOpen(&c100k.start);
	sync_WaitGroup_Wait(&c100k.clients);
	printf("conns100k %.1f\n", (double)(nconn * rounds) / (now() - t0));
	atomic_store(&c100k.closing, true);
	check("Close", net_Listener_Close(l));
	join(at);
	sync_WaitGroup_Wait(&c100k.servers);
	printf("conns100k_rss %.2f\n", peakRSS());
	printf("conns100k_kib_per_conn %.2f\n",
	    (peakRSS() - base) * 1024.0 / (double)nconn);
	runtime_hchan_Free(c100k.dials);
	free(addr);
	net_Listener_Free(l);
}

#endif /* BENCH_OLD */

static void *
udpEcho(void *arg)
{
	net_UDPAddr  from;
	net_UDPConn *c;
	char	     b[2048];
	ptrdiff_t    n, nw;

	c = arg;
	for (;;) {
		check("ReadFromUDP",
		    net_UDPConn_ReadFromUDP(c, b, sizeof(b), &n, &from));
		if (n == 0) /* the empty datagram says stop */
			break;
		check("WriteToUDP",
		    net_UDPConn_WriteToUDP(c, b, (size_t)n, &from, &nw));
	}
	return NULL;
}

static void
udpPingpong(long n)
{
	net_UDPAddr  laddr = { 0 }, from;
	net_UDPConn *s, *c;
	task	    *t;
	double	     t0;
	char	     b[64];
	long	     i;
	ptrdiff_t    nr, nw;

	laddr.IP = net_IPv4(127, 0, 0, 1);
	check("ListenUDP", net_ListenUDP("udp4", &laddr, &s));
	check("ListenUDP", net_ListenUDP("udp4", &laddr, &c));
	laddr = *(const net_UDPAddr *)net_UDPConn_LocalAddr(s);
	t = spawn(udpEcho, s);
	memset(b, 'x', sizeof(b));
	t0 = now();
	for (i = 0; i < n; i++) {
		check("WriteToUDP",
		    net_UDPConn_WriteToUDP(c, b, sizeof(b), &laddr, &nw));
		check("ReadFromUDP",
		    net_UDPConn_ReadFromUDP(c, b, sizeof(b), &nr, &from));
	}
	printf("udp_pingpong %.3f\n", (now() - t0) / (double)n * 1e6);
	check("WriteToUDP", net_UDPConn_WriteToUDP(c, b, 0, &laddr, &nw));
	join(t);
	net_UDPConn_Free(c);
	net_UDPConn_Free(s);
}

static void
unixPingpong(long n)
{
	char dir[] = "/tmp/gonetbenchXXXXXX";
	char path[64];

	if (mkdtemp(dir) == NULL) {
		perror("bench: mkdtemp");
		exit(1);
	}
	snprintf(path, sizeof(path), "%s/s", dir);
	streamPingpong("unix_pingpong", "unix", path, n, false);
	rmdir(dir);
}

/*
 * The HTTP server for wrk: every request, read up to its blank line, gets
 * the same 1 KiB response, and the connection stays open.  The Go twin
 * and bench_raw send the same bytes.
 */
enum { httpBody = 1024, httpBuf = 4096 };

static char   httpResponse[128 + httpBody];
static size_t httpResponseLen;

static void
httpInit(void)
{
	int n;

	n = snprintf(httpResponse, sizeof(httpResponse),
	    "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n"
	    "Content-Length: %d\r\n\r\n",
	    httpBody);
	memset(httpResponse + n, 'x', httpBody);
	httpResponseLen = (size_t)n + httpBody;
}

/* headerEnd returns the length of the first request in p, or 0. */
static size_t
headerEnd(const char *p, size_t n)
{
	size_t i;

	for (i = 3; i < n; i++)
		if (p[i] == '\n' && p[i - 1] == '\r' && p[i - 2] == '\n' &&
		    p[i - 3] == '\r')
			return i + 1;
	return 0;
}

static void *
httpConn(void *arg)
{
	runtime_error *err;
	net_Conn      *c;
	char	       buf[httpBuf];
	size_t	       have, req;
	ptrdiff_t      n, nw;

	c = arg;
	have = 0;
	while ((err = net_Conn_Read(c, buf + have, sizeof(buf) - have, &n)) ==
	    NULL) {
		have += (size_t)n;
		while (err == NULL && (req = headerEnd(buf, have)) != 0) {
			err = net_Conn_Write(
			    c, httpResponse, httpResponseLen, &nw);
			memmove(buf, buf + req, have - req);
			have -= req;
		}
		if (err != NULL || have == sizeof(buf))
			break;
	}
	runtime_error_Free(err);
	net_Conn_Free(c);
	return NULL;
}

/* httpServe prints its address and answers until it is killed. */
static void
httpServe(void)
{
	net_Listener *l;
	net_Conn     *c;
	char	     *addr;

	httpInit();
	check("Listen", net_Listen("tcp", "127.0.0.1:0", &l));
	addr = listenAddr(l);
	printf("%s\n", addr);
	free(addr);
	for (;;) {
		check("Accept", net_Listener_Accept(l, &c));
		spawnDetached(httpConn, c);
	}
}

/*
 * The micro-benchmarks.  Each is a loop of n calls in its own function, so
 * that the loop has no indirect call in it.  micro runs them in
 * microSlices slices of iters / microSlices calls, taking turns slice by
 * slice, and prints each one's fastest slice in ns a call.  On this VM the
 * same machine code runs at one of two speeds about 1.8x apart for
 * stretches of tens to hundreds of milliseconds (a loop of one process
 * gave 19 to 35 ns a ParseIP), and the host can only add time to a loop
 * that does no I/O: the fastest slice is the code's own figure, and
 * slices spread over the whole run give every benchmark a chance at the
 * fast speed.  A slice is milliseconds long, far past the clock's
 * granularity.
 */
enum { microSlices = 20 };

static volatile uint8_t micro_sink;
static net_IP		micro_v4, micro_v6;

static void
microParseIPv4(long n)
{
	for (long i = 0; i < n; i++)
		micro_sink = net_ParseIP("192.168.1.1").b[15];
}

static void
microParseIPv6(long n)
{
	for (long i = 0; i < n; i++)
		micro_sink = net_ParseIP("2001:db8::68").b[15];
}

static void
microIPString(net_IP ip, long n)
{
	for (long i = 0; i < n; i++) {
		char *s = net_IP_String(ip);
		micro_sink = (uint8_t)s[0];
		free(s);
	}
}

static void
microIPStringv4(long n)
{
	microIPString(micro_v4, n);
}

static void
microIPStringv6(long n)
{
	microIPString(micro_v6, n);
}

/*
 * microSplitHostPortCopy is the form that copies host and port to the
 * heap; microSplitHostPort (not in the old library) returns substrings,
 * the same work as Go's.
 */
static void
microSplitHostPortCopy(long n)
{
	char *host, *port;

	for (long i = 0; i < n; i++) {
		check("SplitHostPort",
		    net_SplitHostPort("[::1]:8080", &host, &port));
		micro_sink = (uint8_t)host[0];
		free(host);
		free(port);
	}
}

#ifndef BENCH_OLD
static void
microSplitHostPort(long n)
{
	const char *host, *port;
	size_t	    hostlen;

	for (long i = 0; i < n; i++) {
		check("SplitHostPortView",
		    net_SplitHostPortView(
			"[::1]:8080", &host, &hostlen, &port));
		micro_sink = (uint8_t)host[0];
	}
}
#endif

static void
microResolveTCPAddr(long n)
{
	net_TCPAddr *ta;

	for (long i = 0; i < n; i++) {
		check("ResolveTCPAddr",
		    net_ResolveTCPAddr("tcp", "127.0.0.1:8080", &ta));
		micro_sink = (uint8_t)ta->Port;
		free(ta);
	}
}

static const struct {
	const char *name;
	void (*loop)(long n);
} micros[] = {
	{ "micro_ParseIP_v4", microParseIPv4 },
	{ "micro_ParseIP_v6", microParseIPv6 },
	{ "micro_IPString_v4", microIPStringv4 },
	{ "micro_IPString_v6", microIPStringv6 },
#ifndef BENCH_OLD
	{ "micro_SplitHostPort", microSplitHostPort },
#endif
	{ "micro_SplitHostPort_copy", microSplitHostPortCopy },
	{ "micro_ResolveTCPAddr", microResolveTCPAddr },
};
enum { nmicro = sizeof micros / sizeof micros[0] };

static void
micro(long iters)
{
	double best[nmicro], t0, ns;
	long   slice;

	micro_v4 = net_ParseIP("192.168.1.1");
	micro_v6 = net_ParseIP("2001:db8::68");
	slice = iters / microSlices > 0 ? iters / microSlices : 1;
	for (int k = 0; k < microSlices; k++) {
		for (int j = 0; j < nmicro; j++) {
			t0 = now();
			micros[j].loop(slice);
			ns = (now() - t0) / (double)slice * 1e9;
			if (k == 0 || ns < best[j])
				best[j] = ns;
		}
	}
	for (int j = 0; j < nmicro; j++)
		printf("%s %.2f\n", micros[j].name, best[j]);
}

#ifndef BENCH_OLD
/*
 * lookupHost1 resolves lookupName once; a failure ends the run, since a
 * benchmark of errors would measure nothing.
 */
static const char lookupName[] = "both.gonet.test.";

static void
lookupHost1(void)
{
	char **addrs;
	int    n;

	/* The strings live in the same allocation as the array. */
	check("LookupHost", net_LookupHost(lookupName, &addrs, &n));
	free(addrs);
}

static void *
lookupClient(void *p)
{
	gateWait(p);
	lookupHost1();
	return NULL;
}

/*
 * lookupHost times n LookupHosts one after another (us each), then nconc
 * at once (ms for all, from the gate's opening).  The name has an A and
 * an AAAA record in tools/dnsns.sh's nsd; outside that namespace the run
 * is skipped (77), because its query must never reach the machine's
 * nameserver.
 */
static int
lookupHost(long n, long nconc)
{
	task **t;
	gate   g;
	double t0;
	long   i;

	if (getenv("GONET_DNSNS") == NULL) {
		fprintf(stderr,
		    "bench: lookup_host skipped: not inside "
		    "tools/dnsns.sh's namespace\n");
		return 77;
	}
	lookupHost1(); /* resolv.conf read, sockets warm */
	t0 = now();
	for (i = 0; i < n; i++)
		lookupHost1();
	printf("lookup_host %.2f\n", (now() - t0) / (double)n * 1e6);
	t = calloc((size_t)nconc, sizeof(*t));
	gateInit(&g, nconc);
	for (i = 0; i < nconc; i++)
		t[i] = spawn(lookupClient, &g);
	gateReady(&g);
	t0 = now();
	gateOpen(&g);
	for (i = 0; i < nconc; i++)
		join(t[i]);
	printf("lookup_host_%ld_ms %.1f\n", nconc, (now() - t0) * 1e3);
	free(t);
	return 0;
}

#endif /* BENCH_OLD */

/* benchMain runs workload w with its arguments; it returns the exit code. */
static int
benchMain(int argc, char **argv)
{
	const char *w;

	w = argv[1];
	if (strcmp(w, "serve") == 0)
		serve(arg(argc, argv, 2, 1));
	else if (strcmp(w, "http_serve") == 0)
		httpServe();
	else if (strcmp(w, "tcp_pingpong") == 0)
		streamPingpong(
		    w, "tcp", "127.0.0.1:0", arg(argc, argv, 2, 200000), false);
	else if (strcmp(w, "tcp_pingpong_2proc") == 0)
		tcpPingpong2(arg(argc, argv, 2, 200000));
	else if (strcmp(w, "tcp_pingpong_deadline") == 0)
		streamPingpong(
		    w, "tcp", "127.0.0.1:0", arg(argc, argv, 2, 200000), true);
	else if (strcmp(w, "tcp_stream") == 0)
		tcpStream(arg(argc, argv, 2, 2048));
	else if (strcmp(w, "connclose_normal") == 0)
		connClose(w, arg(argc, argv, 2, 20000), false);
	else if (strcmp(w, "connclose_abort") == 0)
		connClose(w, arg(argc, argv, 2, 20000), true);
	else if (strcmp(w, "conns1000") == 0)
		conns(arg(argc, argv, 2, 1000), arg(argc, argv, 3, 100));
	else if (strcmp(w, "conns10k") == 0)
		conns2proc(
		    w, arg(argc, argv, 2, 10000), arg(argc, argv, 3, 20));
	else if (strcmp(w, "udp_pingpong") == 0)
		udpPingpong(arg(argc, argv, 2, 200000));
	else if (strcmp(w, "unix_pingpong") == 0)
		unixPingpong(arg(argc, argv, 2, 200000));
#ifndef BENCH_OLD
	else if (strcmp(w, "conns100k") == 0)
		conns100k(arg(argc, argv, 2, 100000), arg(argc, argv, 3, 3));
#endif
	else if (strcmp(w, "micro") == 0)
		micro(arg(argc, argv, 2, 1000000));
#ifndef BENCH_OLD
	else if (strcmp(w, "lookup_host") == 0)
		return lookupHost(
		    arg(argc, argv, 2, 2000), arg(argc, argv, 3, 1000));
#else
	else if (strcmp(w, "conns100k") == 0 || strcmp(w, "lookup_host") == 0) {
		fprintf(
		    stderr, "bench: %s skipped: not in the old library\n", w);
		return 77;
	}
#endif
	else {
		fprintf(stderr, "bench: unknown workload %s\n", w);
		return 2;
	}
	return 0;
}

#ifdef BENCH_GOROUTINES
struct mainArgs {
	int	       argc;
	char	     **argv;
	int	       rc;
	runtime_hchan *done;
};

static void
goMain(void *p)
{
	struct mainArgs *a;

	a = p;
	a->rc = benchMain(a->argc, a->argv);
	runtime_closechan(a->done);
}

/* runMain runs the workload in a goroutine, as Go runs main.main. */
static int
runMain(int argc, char **argv)
{
	struct mainArgs a = { argc, argv, 0, runtime_makechan(1, 0) };

	runtime_Go(goMain, &a);
	runtime_chanrecv1(a.done, NULL);
	return a.rc;
}
#else
static int
runMain(int argc, char **argv)
{
	return benchMain(argc, argv);
}
#endif

int
main(int argc, char **argv)
{
	self = argv[0];
	if (argc < 2) {
		fprintf(stderr, "usage: bench workload [n]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	raiseNofile();
	/* A peer that leaves must fail a Write, not end the server. */
	signal(SIGPIPE, SIG_IGN);
	return runMain(argc, argv);
}
