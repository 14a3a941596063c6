/*
 * C port of go1.19 src/internal/intern/intern.go: GetByString only.  Go
 * keeps a map guarded by a mutex and frees values with finalizers; with no
 * collector, gonet keeps every value and makes the table lock-free: a fixed
 * array of buckets whose chains only ever grow at the head, by CAS.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "internal/intern/intern.h"
#include "runtime/linkname.h"

enum { nbuckets = 256 };

static intern_Value *_Atomic valMap[nbuckets];

static size_t
hashString(const char *s, size_t n)
{
	uint64_t h = 14695981039346656037ull; /* FNV-1a */
	size_t	 i;

	for (i = 0; i < n; i++)
		h = (h ^ (uint8_t)s[i]) * 1099511628211ull;
	return (size_t)(h % nbuckets);
}

/* find looks for s[0:n] in the chain from v up to (not including) stop. */
static intern_Value *
find(intern_Value *v, intern_Value *stop, const char *s, size_t n)
{
	for (; v != stop; v = v->next)
		if (v->len == n && memcmp(v->s, s, n) == 0)
			return v;
	return NULL;
}

const intern_Value *
intern_GetByString(const char *s, size_t n)
{
	intern_Value *_Atomic *bucket = &valMap[hashString(s, n)];
	intern_Value	      *head, *v, *stop, *nv;

	head = atomic_load_explicit(bucket, memory_order_acquire);
	if ((v = find(head, NULL, s, n)) != NULL)
		return v;
	nv = runtime_malloc(sizeof(*nv) + n + 1);
	nv->len = n;
	memcpy(nv->s, s, n);
	nv->s[n] = '\0';
	stop = NULL;
	for (;;) {
		nv->next = head;
		if (atomic_compare_exchange_weak_explicit(bucket, &head, nv,
			memory_order_acq_rel, memory_order_acquire))
			return nv;
		/* Another thread pushed: only the new heads need a look. */
		stop = nv->next;
		if ((v = find(head, stop, s, n)) != NULL) {
			free(nv);
			return v;
		}
	}
}
