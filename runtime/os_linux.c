/*
 * C port of go1.19 src/runtime/os_linux.go (futexsleep, futexwakeup,
 * getproccount) and of the nanotime and osyield of sys_linux_amd64.s.
 * built on: linux
 */
#include <linux/futex.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "runtime/runtime2.h"

/*
 * runtime_futexsleep returns at once if *addr != val, so a wake-up that
 * changes *addr before the sleep starts is never lost.  Errors (EAGAIN,
 * EINTR, ETIMEDOUT, and internal codes some kernels leak) all count as a
 * spurious wake-up: every caller re-checks its condition.
 */
void
runtime_futexsleep(_Atomic uint32_t *addr, uint32_t val, int64_t ns)
{
	struct timespec ts;

	if (ns < 0) {
		syscall(
		    SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, NULL, NULL, 0);
		return;
	}
	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	syscall(SYS_futex, addr, FUTEX_WAIT_PRIVATE, val, &ts, NULL, 0);
}

void
runtime_futexwakeup(_Atomic uint32_t *addr, uint32_t cnt)
{
	long ret;

	ret = syscall(SYS_futex, addr, FUTEX_WAKE_PRIVATE, cnt, NULL, NULL, 0);
	if (ret >= 0)
		return;
	fprintf(
	    stderr, "futexwakeup addr=%p returned %d\n", (void *)addr, errno);
	runtime_throw("runtime: futexwakeup failed");
}

int64_t
runtime_nanotime(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
runtime_osyield(void)
{
	sched_yield();
}

int64_t
runtime_threadswitches(void)
{
	struct rusage ru;

	if (getrusage(RUSAGE_THREAD, &ru) != 0)
		return -1;
	return (int64_t)ru.ru_nvcsw + ru.ru_nivcsw;
}

/* readproc reads a small /proc file into buf as a string. */
static bool
readproc(const char *path, char *buf, size_t n)
{
	ssize_t r;
	int	fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return false;
	r = read(fd, buf, n - 1);
	close(fd);
	if (r < 0)
		return false;
	buf[r] = '\0';
	return true;
}

/*
 * runnableAll reads the machine's count of runnable threads, the fourth
 * field of /proc/loadavg ("0.10 0.20 0.30 3/250 1234").
 */
static bool
runnableAll(int32_t *all)
{
	char buf[128], *p;
	int  i;

	if (!readproc("/proc/loadavg", buf, sizeof(buf)))
		return false;
	p = buf;
	for (i = 0; i < 3; i++) {
		p = strchr(p, ' ');
		if (p == NULL)
			return false;
		p++;
	}
	*all = (int32_t)atoi(p);
	return true;
}

/*
 * taskState is a task's state letter from its stat line (R running or
 * runnable, S or D asleep...), or 0 if it cannot be read.
 */
static char
taskState(const char *tid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/self/task/%s/stat", tid);
	if (!readproc(path, buf, sizeof(buf)))
		return 0;
	/* The state follows the command name, which may hold a ')'. */
	p = strrchr(buf, ')');
	return p != NULL && p[1] == ' ' ? p[2] : 0;
}

/* taskRunning says whether a task's stat line shows it runnable. */
static bool
taskRunning(const char *tid)
{
	return taskState(tid) == 'R';
}

int32_t
runtime_gettid(void)
{
	return (int32_t)syscall(SYS_gettid);
}

bool
runtime_threadsleeps(int32_t tid)
{
	char name[16], state;

	if (tid <= 0)
		return false;
	snprintf(name, sizeof(name), "%d", (int)tid);
	state = taskState(name);
	return state == 'S' || state == 'D';
}

bool
runtime_threadblocks(int32_t tid, int sig, bool *blocked)
{
	char path[64], buf[4096], *line;

	snprintf(path, sizeof(path), "/proc/self/task/%d/status", (int)tid);
	if (!readproc(path, buf, sizeof(buf)) ||
	    (line = strstr(buf, "\nSigBlk:")) == NULL)
		return false;
	*blocked = (strtoull(line + 8, NULL, 16) & (1ull << (sig - 1))) != 0;
	return true;
}

/*
 * runnableOurs counts this process's runnable threads, giving up beyond
 * runnableMaxTasks threads, where reading them all would cost more than
 * the spin it judges.
 */
enum { runnableMaxTasks = 64 };

static bool
runnableOurs(int32_t *ours)
{
	struct dirent *e;
	DIR	      *d;
	int	       n;

	d = opendir("/proc/self/task");
	if (d == NULL)
		return false;
	*ours = 0;
	n = 0;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (++n > runnableMaxTasks)
			break;
		if (taskRunning(e->d_name))
			(*ours)++;
	}
	closedir(d);
	return n <= runnableMaxTasks;
}

bool
runtime_runnable(int32_t *ours, int32_t *all)
{
	/*
	 * Ours first: one of ours that wakes between the two readings then
	 * counts as another process's thread, the side that keeps a spin
	 * late.  One that sleeps in between hides one thread of another
	 * process; on a busy machine the next late spin sees it.
	 */
	return runnableOurs(ours) && runnableAll(all);
}

static pthread_once_t ncpuOnce = PTHREAD_ONCE_INIT;
static int32_t	      ncpu;

/* getproccount counts the CPUs this process may run on, at least 1. */
static void
getproccount(void)
{
	cpu_set_t set;

	ncpu = 1;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		ncpu = CPU_COUNT(&set);
}

int32_t
runtime_getncpu(void)
{
	pthread_once(&ncpuOnce, getproccount);
	return ncpu;
}

int
runtime_eventfdOpen(void)
{
	return eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
}

int
runtime_eventfdBudget(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
		return 0;
	if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur / 4 > INT32_MAX)
		return INT32_MAX;
	return (int)(rl.rlim_cur / 4);
}

/*
 * libcsyscall6 is runtime_syscall6's sanitizer path: the libc function
 * for each call gonet makes, whose interceptors ASan and TSan watch.
 */
static long
libcsyscall6(long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3, uintptr_t a4,
    uintptr_t a5, uintptr_t a6)
{
	switch (trap) {
	case SYS_read:
		return read((int)a1, (void *)a2, a3);
	case SYS_write:
		return write((int)a1, (const void *)a2, a3);
	case SYS_epoll_pwait:
		return epoll_pwait((int)a1, (struct epoll_event *)a2, (int)a3,
		    (int)a4, (const sigset_t *)a5);
	case SYS_ppoll:
		return ppoll((struct pollfd *)a1, (nfds_t)a2,
		    (const struct timespec *)a3, (const sigset_t *)a4);
	case SYS_connect:
		return connect(
		    (int)a1, (const struct sockaddr *)a2, (socklen_t)a3);
	case SYS_accept4:
		return accept4(
		    (int)a1, (struct sockaddr *)a2, (socklen_t *)a3, (int)a4);
	case SYS_recvfrom:
		return recvfrom((int)a1, (void *)a2, a3, (int)a4,
		    (struct sockaddr *)a5, (socklen_t *)a6);
	case SYS_sendto:
		return sendto((int)a1, (const void *)a2, a3, (int)a4,
		    (const struct sockaddr *)a5, (socklen_t)a6);
	case SYS_recvmsg:
		return recvmsg((int)a1, (struct msghdr *)a2, (int)a3);
	case SYS_sendmsg:
		return sendmsg((int)a1, (const struct msghdr *)a2, (int)a3);
	}
	return syscall(trap, a1, a2, a3, a4, a5, a6);
}

long
runtime_syscall6(long trap, uintptr_t a1, uintptr_t a2, uintptr_t a3,
    uintptr_t a4, uintptr_t a5, uintptr_t a6)
{
	long r;

	if (runtime_raceenabled || runtime_asanenabled)
		r = libcsyscall6(trap, a1, a2, a3, a4, a5, a6);
	else
		r = syscall(trap, a1, a2, a3, a4, a5, a6);
	return r == -1 ? -errno : r;
}

long
runtime_read(int fd, void *p, size_t n)
{
	return runtime_syscall6(
	    SYS_read, (uintptr_t)fd, (uintptr_t)p, n, 0, 0, 0);
}

long
runtime_write1(int fd, const void *p, size_t n)
{
	return runtime_syscall6(
	    SYS_write, (uintptr_t)fd, (uintptr_t)p, n, 0, 0, 0);
}

/* Go's epollwait is epoll_pwait with no signal mask, as here. */
int
runtime_epollwait(int epfd, struct epoll_event *ev, int nev, int ms)
{
	return (int)runtime_syscall6(SYS_epoll_pwait, (uintptr_t)epfd,
	    (uintptr_t)ev, (uintptr_t)nev, (uintptr_t)ms, 0, 0);
}

/* Go's usleep: nanosleep(2) directly, no cancellation point. */
void
runtime_usleep(uint32_t usec)
{
	struct timespec ts;

	ts.tv_sec = usec / 1000000;
	ts.tv_nsec = (long)(usec % 1000000) * 1000;
	runtime_syscall6(SYS_nanosleep, (uintptr_t)&ts, 0, 0, 0, 0, 0);
}

int
runtime_ppoll(struct pollfd *p, unsigned long n, int64_t ns)
{
	struct timespec ts;

	if (ns < 0)
		return (int)runtime_syscall6(
		    SYS_ppoll, (uintptr_t)p, (uintptr_t)n, 0, 0, 0, 0);
	ts.tv_sec = ns / 1000000000;
	ts.tv_nsec = ns % 1000000000;
	return (int)runtime_syscall6(
	    SYS_ppoll, (uintptr_t)p, (uintptr_t)n, (uintptr_t)&ts, 0, 0, 0);
}

void
runtime_eventfdWrite(int efd)
{
	uint64_t one;

	one = 1;
	while (runtime_write1(efd, &one, sizeof(one)) == -EINTR)
		;
}

int
runtime_pollfd(uintptr_t fd, int32_t mode, int efd, bool block)
{
	struct pollfd p[2];
	uint64_t      v;
	int	      r;

	p[0].fd = (int)fd;
	p[0].events = mode == 'r' ? POLLIN : POLLOUT;
	p[0].revents = 0;
	p[1].fd = efd;
	p[1].events = POLLIN;
	p[1].revents = 0;
	r = runtime_ppoll(p, 2, block ? -1 : 0);
	if (r < 0)
		return -1;
	if (p[1].revents != 0 && runtime_read(efd, &v, sizeof(v)) < 0)
		v = 0; /* already drained by an earlier wake-up */
	return p[0].revents != 0;
}
