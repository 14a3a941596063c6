/*
 * gonet internal/intern: Go 1.19's internal/intern, the string half
 * (GetByString) that net/netip uses for zones.  Private to gonet.
 */
#ifndef GONET_INTERN_H
#define GONET_INTERN_H

#include <stddef.h>

/*
 * intern_Value is the handle of one interned string: equal strings give
 * the same pointer, so pointer equality is string equality.  s is
 * NUL-terminated and len counts its bytes (it may hold NULs of its own).
 */
typedef struct intern_Value {
	struct intern_Value *next; /* the bucket chain */
	size_t		     len;
	char		     s[];
} intern_Value;

/*
 * intern_GetByString returns the Value for s[0:n].  Values live as long as
 * the process: Go drops unused ones at garbage collection, C has no
 * collector, so memory grows with the number of distinct strings.
 * Thread-safe and lock-free; allocates only the first time a string is seen.
 */
const intern_Value *intern_GetByString(const char *s, size_t n);

#endif /* GONET_INTERN_H */
