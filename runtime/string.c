/*
 * gonet runtime (C only), in the spirit of go1.19 src/runtime/string.go:
 * Go builds strings with + and fmt.Sprint; C needs explicit helpers that
 * size, allocate and fill.  Every result is malloc'd and the caller frees
 * it; allocation failure throws.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "runtime/runtime_impl.h"

/*
 * runtime_rawstring is Go's rawstring: room for a string of n bytes and its
 * NUL, not zeroed, since its caller writes every byte.  Zeroing it first,
 * as runtime_malloc must for a struct, cost IP.String about 7% (a call to
 * memset) for a string of a dozen bytes.
 */
char *
runtime_rawstring(size_t n)
{
	char *p;

	if ((p = malloc(n + 1)) == NULL)
		runtime_throw("out of memory");
	return p;
}

char *
runtime_strdup(const char *s)
{
	return runtime_strndup(s, strlen(s));
}

/* runtime_strndup copies exactly n bytes of s, which need not be NUL-ended. */
char *
runtime_strndup(const char *s, size_t n)
{
	char *p;

	p = runtime_rawstring(n);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

/*
 * runtime_concatstrings joins s and the strings after it up to a NULL
 * argument.  Like Go's concatstrings it measures every piece first, so the
 * result is allocated once.
 */
char *
runtime_concatstrings(const char *s, ...)
{
	va_list	    ap;
	const char *a;
	size_t	    l, n;
	char	   *p, *q;

	l = 0;
	va_start(ap, s);
	for (a = s; a != NULL; a = va_arg(ap, const char *))
		l += strlen(a);
	va_end(ap);
	p = runtime_rawstring(l);
	q = p;
	va_start(ap, s);
	for (a = s; a != NULL; a = va_arg(ap, const char *)) {
		n = strlen(a);
		memcpy(q, a, n);
		q += n;
	}
	va_end(ap);
	*q = '\0';
	return p;
}

char *
runtime_sprintf(const char *fmt, ...)
{
	va_list ap;
	int	n;
	char   *p;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		runtime_throw("runtime_sprintf: bad format");
	p = runtime_rawstring((size_t)n);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}
