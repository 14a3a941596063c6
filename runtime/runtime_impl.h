/*
 * gonet runtime: declarations shared by gonet's own packages (net, syscall)
 * and not exported from the shared library.
 */
#ifndef GONET_RUNTIME_IMPL_H
#define GONET_RUNTIME_IMPL_H

#include <stdarg.h>
#include <stddef.h>

#include "runtime/runtime.h"

/*
 * Memory.  Go treats running out of memory as fatal, and so does gonet:
 * these never return NULL, they throw.  runtime_malloc zeroes, as Go's
 * allocator does, so a fresh struct is Go's zero value.
 */
void *runtime_malloc(size_t n);
void *runtime_realloc(void *p, size_t n);
char *runtime_strdup(const char *s);
char *runtime_strndup(const char *s, size_t n);
/* runtime_concatstrings joins its NULL-terminated arguments: Go's a + b + c. */
char *runtime_concatstrings(const char *s, ...);
char *runtime_sprintf(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/*
 * runtime_newError allocates a zeroed error value of size bytes whose
 * header says typ.  size is the concrete struct's sizeof.
 */
runtime_error *runtime_newError(const runtime_errorType *typ, size_t size);

/* internal/itoa: decimal and hex formatting into malloc'd strings. */
char *itoa_Itoa(long val);
char *itoa_Uitoa(unsigned long val);
char *itoa_Uitox(unsigned long val);

#endif /* GONET_RUNTIME_IMPL_H */
