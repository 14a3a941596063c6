/*
 * gonet internal/godebug: reading a key of the GODEBUG environment
 * variable.  Private header, as Go's internal packages are.
 */
#ifndef GONET_INTERNAL_GODEBUG_H
#define GONET_INTERNAL_GODEBUG_H

#include <stddef.h>

/*
 * godebug_Get returns key's value in GODEBUG, borrowed from the
 * environment: n bytes at the result, not NUL-terminated.  An absent
 * key gives "" (a pointer to an empty string and n = 0).
 */
const char *godebug_Get(const char *key, size_t *n);
/* godebug_get is Get on a given GODEBUG value s. */
const char *godebug_get(const char *s, const char *key, size_t *n);

#endif /* GONET_INTERNAL_GODEBUG_H */
