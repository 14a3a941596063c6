/*
 * Shared helpers of the libFuzzer targets (tests/fuzz/NAME.c, see
 * docs/DESIGN.md).  Each target is one file defining
 * LLVMFuzzerTestOneInput; what it checks are properties Go's own tests
 * state, so a failure is a bug even when nothing crashed.
 */
#ifndef GONET_FUZZ_H
#define GONET_FUZZ_H

#include <sys/mman.h>

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/export_test.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * fuzz_fail reports a broken property and aborts, which libFuzzer records
 * as a crash with the input saved beside it.
 */
static inline void
fuzz_fail(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fprintf(stderr, "fuzz: property failed: ");
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\n");
	va_end(ap);
	abort();
}

/*
 * fuzz_copy returns the input as a malloc'd text with a NUL after it, for
 * targets that read it as a file, where a NUL byte is just a byte.
 */
static inline char *
fuzz_copy(const uint8_t *data, size_t size)
{
	char *s;

	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * fuzz_cstring returns the input as a malloc'd C string, or NULL when it
 * holds a NUL byte: the C API takes C strings, so such an input has no
 * C counterpart to test.
 */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	if (memchr(data, '\0', size) != NULL)
		return NULL;
	return fuzz_copy(data, size);
}

/*
 * fuzz_split cuts s at its first newline into s (before) and the
 * returned rest, for targets that take two strings; NULL when there is
 * no newline.
 */
static inline char *
fuzz_split(char *s)
{
	char *nl;

	if ((nl = strchr(s, '\n')) == NULL)
		return NULL;
	*nl = '\0';
	return nl + 1;
}

static inline bool
fuzz_isSpace(char c)
{
	return c == ' ' || c == '\r' || c == '\t';
}

/*
 * fuzz_fields cuts the next line off the text from *text to end and splits
 * it the way Go's readLine and getFields do, after dropping a '#'
 * comment.  It stores up to max fields in f, each ended by a NUL it
 * writes, with nul[i] telling whether the field held a NUL byte of its
 * own (as a C string, f[i] is then the part before it).  It returns how
 * many fields the line has (possibly more than max), or -1 at the end.
 */
static inline int
fuzz_fields(char **text, char *end, char **f, bool *nul, int max)
{
	char *line, *stop, *p, *q;
	int   n;

	if ((line = *text) == end)
		return -1;
	if ((stop = memchr(line, '\n', (size_t)(end - line))) != NULL)
		*text = stop + 1;
	else
		*text = stop = end;
	if ((p = memchr(line, '#', (size_t)(stop - line))) != NULL)
		stop = p;
	n = 0;
	for (p = line; p < stop; p = q + 1) {
		while (p < stop && fuzz_isSpace(*p))
			p++;
		if (p == stop)
			break;
		for (q = p; q < stop && !fuzz_isSpace(*q); q++)
			;
		if (n < max) {
			f[n] = p;
			nul[n] = memchr(p, '\0', (size_t)(q - p)) != NULL;
		}
		n++;
		*q = '\0';
	}
	return n;
}

/*
 * fuzz_file is a file in memory (a memfd) that a target hands to a reader
 * taking a path: nothing touches the disk and nothing is left behind.
 * Initialise it with FUZZ_FILE_INIT.
 */
typedef struct fuzz_file {
	int  fd;
	char path[32];
} fuzz_file;

#define FUZZ_FILE_INIT                                                         \
	{                                                                      \
		-1, ""                                                         \
	}

/* fuzz_file_write replaces the file's content and returns its path. */
static inline const char *
fuzz_file_write(fuzz_file *f, const uint8_t *data, size_t size)
{
	if (f->fd < 0) {
		if ((f->fd = memfd_create("gonet-fuzz", 0)) < 0)
			fuzz_fail("memfd_create: %s", strerror(errno));
		snprintf(f->path, sizeof(f->path), "/proc/self/fd/%d", f->fd);
	}
	if (ftruncate(f->fd, 0) != 0 ||
	    pwrite(f->fd, data, size, 0) != (ssize_t)size)
		fuzz_fail("writing %s: %s", f->path, strerror(errno));
	return f->path;
}

#endif /* GONET_FUZZ_H */
