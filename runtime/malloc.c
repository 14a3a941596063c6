/*
 * gonet runtime (C only): the allocator net uses.  Go has no malloc that
 * can fail; these wrappers give C the same contract by throwing when the
 * system runs out of memory, so ported code needs no NULL checks Go lacks.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime_impl.h"

/*
 * smallAlloc is the largest request glibc's per-thread cache (tcache)
 * serves: 1032 bytes.  calloc never takes from that cache, so every
 * calloc locks an arena, which glibc skips only while the process has one
 * thread; malloc and memset keep small requests in the cache, lock-free
 * with any number of threads, as Go's per-P mcache is.  Larger requests
 * go to calloc, which knows when fresh pages are already zero.
 */
enum { smallAlloc = 1032 };

/*
 * runtime_malloc returns n zeroed bytes, Go's zero value for whatever is
 * built there.  A zero-byte request still yields a unique pointer.
 */
void *
runtime_malloc(size_t n)
{
	void *p;

	if (n == 0)
		n = 1;
	if (n <= smallAlloc) {
		p = malloc(n);
		/* Else the compiler folds malloc and memset into calloc. */
		__asm__ volatile("" : : "r"(p) : "memory");
		if (p != NULL)
			memset(p, 0, n);
	} else
		p = calloc(1, n);
	if (p == NULL)
		runtime_throw("out of memory");
	return p;
}

/*
 * runtime_realloc resizes p to n bytes.  Bytes past the old size are not
 * zeroed; callers that grow a buffer track its length themselves.
 */
void *
runtime_realloc(void *p, size_t n)
{
	void *q;

	q = realloc(p, n == 0 ? 1 : n);
	if (q == NULL)
		runtime_throw("out of memory");
	return q;
}
