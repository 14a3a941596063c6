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
 * fuzz_cstring returns the input as a malloc'd C string, or NULL when it
 * holds a NUL byte: the C API takes C strings, so such an input has no
 * C counterpart to test.
 */
static inline char *
fuzz_cstring(const uint8_t *data, size_t size)
{
	char *s;

	if (memchr(data, '\0', size) != NULL)
		return NULL;
	s = malloc(size + 1);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
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

/*
 * fuzz_fields cuts the next line off *text and splits it the way Go's
 * readLine and getFields do, after dropping a '#' comment: it stores up
 * to max fields in f and returns how many the line has (possibly more
 * than max), or -1 when *text is used up.  It writes NULs into the text.
 */
static inline int
fuzz_fields(char **text, char **f, int max)
{
	char *line, *nl, *field, *save;
	int   n;

	if ((line = *text) == NULL)
		return -1;
	if ((nl = strchr(line, '\n')) != NULL) {
		*nl = '\0';
		*text = nl + 1;
	} else
		*text = NULL;
	if (nl == NULL && *line == '\0')
		return -1;
	line[strcspn(line, "#")] = '\0';
	n = 0;
	for (field = strtok_r(line, " \r\t", &save); field != NULL;
	     field = strtok_r(NULL, " \r\t", &save))
		if (n++ < max)
			f[n - 1] = field;
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
