/*
 * gonet test helper (C only): counts allocations for
 * testing_AllocsPerRun, Go's testing.AllocsPerRun, which reads
 * runtime.MemStats.Mallocs; C has no allocator statistics to read, so
 * the link wraps the allocation functions (see tests/allocs_hook.h).
 *
 * Without --wrap the __wrap_ functions are never called and the __real_
 * references, being weak, stay unresolved; testing_AllocsPerRun notices
 * and returns -1 rather than a count of zero that would prove nothing.
 */
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "tests/allocs_hook.h"

extern void *__real_malloc(size_t n) __attribute__((weak));
extern void *__real_calloc(size_t nmemb, size_t n) __attribute__((weak));
extern void *__real_realloc(void *p, size_t n) __attribute__((weak));

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t nmemb, size_t n);
void *__wrap_realloc(void *p, size_t n);

/* mallocs is MemStats.Mallocs: every allocation since the start. */
static _Atomic uint64_t mallocs;

void *
__wrap_malloc(size_t n)
{
	atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	return __real_malloc(n);
}

void *
__wrap_calloc(size_t nmemb, size_t n)
{
	atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	return __real_calloc(nmemb, n);
}

/* A realloc may move the block: Go would count a new object. */
void *
__wrap_realloc(void *p, size_t n)
{
	atomic_fetch_add_explicit(&mallocs, 1, memory_order_relaxed);
	return __real_realloc(p, n);
}

/* hooked reports whether this file's own malloc goes through the hook. */
static bool
hooked(void)
{
	/* Through a pointer, so that the compiler cannot elide the pair. */
	void *(*volatile m)(size_t) = malloc;
	uint64_t before;

	before = atomic_load(&mallocs);
	free(m(1));
	return atomic_load(&mallocs) != before;
}

double
testing_AllocsPerRun(int runs, void (*f)(void *), void *arg)
{
	uint64_t before;
	int	 i;

	if (!hooked())
		return -1;
	f(arg); /* warm-up, as Go's */
	before = atomic_load(&mallocs);
	for (i = 0; i < runs; i++)
		f(arg);
	return (double)((atomic_load(&mallocs) - before) / (uint64_t)runs);
}
