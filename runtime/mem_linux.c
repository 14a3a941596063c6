/*
 * C port, in role, of go1.19 src/runtime/mem_linux.go's sysFault and
 * sysNoHugePage: the two things runtime/stack.c asks of the kernel about a
 * span of goroutine stacks once it is mapped.
 * built on: linux
 */
#include <errno.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "runtime/stack.h"

/* Linux 6.13's guard regions; older headers do not name them. */
#ifndef MADV_GUARD_INSTALL
#define MADV_GUARD_INSTALL 102
#endif

/*
 * PIDFD_SELF names the calling process to process_madvise without a
 * descriptor; a kernel that does not know it says EBADF.
 */
#ifndef PIDFD_SELF
#define PIDFD_SELF (-10000)
#endif

/* A span's guards go to the kernel in batches of at most this many. */
enum { faultBatch = 64 };

/*
 * guardRegions is 1 while the kernel takes MADV_GUARD_INSTALL, 0 once it
 * has refused it (older kernels say EINVAL; so may a tool that emulates
 * the system calls), and stays 0 from then on.
 */
static _Atomic int guardRegions = 1;

/*
 * runtime_sysFault makes [v, v+n) fault on any access.  Go remaps the
 * range PROT_NONE; so does mprotect, but either splits the mapping in
 * three, and with one mapping per stack and a guard below each, Linux's
 * vm.max_map_count (65530 by default) would cap a process near 32000
 * goroutines.  A guard region marks the pages in the page tables instead,
 * leaving the mapping whole, so a span of stacks stays one mapping.
 */
void
runtime_sysFault(void *v, size_t n)
{
	if (atomic_load_explicit(&guardRegions, memory_order_relaxed)) {
		if (madvise(v, n, MADV_GUARD_INSTALL) == 0)
			return;
		if (errno == EINVAL || errno == ENOSYS)
			atomic_store_explicit(
			    &guardRegions, 0, memory_order_relaxed);
	}
	if (mprotect(v, n, PROT_NONE) != 0)
		runtime_throw(
		    "runtime: cannot fault a goroutine stack's guard");
}

/*
 * guardBatches is 1 while process_madvise takes a batch of guard regions
 * for this process, and 0 once it has refused one.
 */
static _Atomic int guardBatches = 1;

/*
 * runtime_sysFaultEach makes count ranges of n bytes, stride apart from
 * v, fault as runtime_sysFault does, in one system call: a span's guards,
 * installed when the span is mapped rather than one madvise per new
 * stack.  It reports false, and the caller faults each range alone when
 * it uses it, where guards are not guard regions or the kernel refuses
 * the batch (process_madvise on the caller itself, or PIDFD_SELF, is
 * newer than guard regions); guards a refused batch installed stay, and
 * installing one again is harmless.
 */
bool
runtime_sysFaultEach(void *v, size_t stride, int count, size_t n)
{
	struct iovec iov[faultBatch];
	int	     i;

	if (count > faultBatch ||
	    !atomic_load_explicit(&guardRegions, memory_order_relaxed) ||
	    !atomic_load_explicit(&guardBatches, memory_order_relaxed))
		return false;
	for (i = 0; i < count; i++) {
		iov[i].iov_base = (char *)v + (size_t)i * stride;
		iov[i].iov_len = n;
	}
	if (syscall(SYS_process_madvise, PIDFD_SELF, iov, (size_t)count,
		MADV_GUARD_INSTALL, 0) == (long)((size_t)count * n))
		return true;
	atomic_store_explicit(&guardBatches, 0, memory_order_relaxed);
	return false;
}

void
runtime_sysFaultByMprotect(void)
{
	atomic_store_explicit(&guardRegions, 0, memory_order_relaxed);
}

bool
runtime_sysFaultKeepsMapping(void)
{
	return atomic_load_explicit(&guardRegions, memory_order_relaxed);
}

/*
 * runtime_sysNoHugePage keeps transparent huge pages out of [v, v+n): a
 * span holds many stacks, each touched only near its top, and one huge
 * page would make 2 MiB of them resident at the first touch.  Advice
 * only; a kernel without THP refuses it harmlessly.
 */
void
runtime_sysNoHugePage(void *v, size_t n)
{
	(void)madvise(v, n, MADV_NOHUGEPAGE);
}
