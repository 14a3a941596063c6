/*
 * C port of go1.19 src/runtime/os_linux.go (futexsleep, futexwakeup) and
 * of the nanotime of sys_linux_amd64.s.
 * built on: linux
 */
#include <linux/futex.h>
#include <sys/syscall.h>

#include <errno.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "runtime/runtime_impl.h"

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

/*
 * runtime_getncpu is Go's ncpu (getproccount): the CPUs this process may
 * run on, read once.
 */
int32_t
runtime_getncpu(void)
{
	static _Atomic int32_t ncpu;
	cpu_set_t	       set;
	int32_t		       n;

	n = atomic_load_explicit(&ncpu, memory_order_relaxed);
	if (n != 0)
		return n;
	n = 1;
	if (sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) > 0)
		n = CPU_COUNT(&set);
	atomic_store_explicit(&ncpu, n, memory_order_relaxed);
	return n;
}

/* runtime_osyield gives up the CPU, as Go's osyield (sched_yield). */
void
runtime_osyield(void)
{
	sched_yield();
}
