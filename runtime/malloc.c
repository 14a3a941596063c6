/*
 * gonet runtime (C only): the allocator net uses.  Go has no malloc that
 * can fail; these wrappers give C the same contract by throwing when the
 * system runs out of memory, so ported code needs no NULL checks Go lacks.
 */
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime_impl.h"

/*
 * runtime_malloc returns n zeroed bytes, Go's zero value for whatever is
 * built there.  A zero-byte request still yields a unique pointer.
 */
void *
runtime_malloc(size_t n)
{
	void *p;

	p = calloc(1, n == 0 ? 1 : n);
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
