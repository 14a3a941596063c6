/*
 * Reading the golden files Go 1.19 wrote for the configuration tests
 * (tools/dnsconf_go119.sh): each input is a field of hex digits, so that
 * any byte, NUL and newline included, fits on one line; "-" or "~" is an
 * empty input.  Test code only.
 */
#ifndef GONET_TESTS_GOLDEN_H
#define GONET_TESTS_GOLDEN_H

#include <stddef.h>

/*
 * goldenUnhex decodes hex[0:n] into *out, malloc'd and NUL-terminated
 * (free it), and returns the number of bytes.
 */
size_t goldenUnhex(const char *hex, size_t n, char **out);

/* goldenWriteFile writes s[0:n] to the file at path. */
void goldenWriteFile(const char *path, const char *s, size_t n);

/* goldenHexFile writes the bytes a NUL-terminated hex field encodes to
 * path, and returns path. */
const char *goldenHexFile(const char *path, const char *hex);

#endif
