/* The golden files' hex fields (golden.h). */
#include "tests/golden.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
unhexDigit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	ck_assert_msg(c >= 'a' && c <= 'f', "golden: bad hex digit %#x", c);
	return c - 'a' + 10;
}

size_t
goldenUnhex(const char *hex, size_t n, char **out)
{
	size_t i;

	*out = malloc(n / 2 + 1);
	ck_assert_ptr_nonnull(*out);
	if (n == 1 && (hex[0] == '-' || hex[0] == '~'))
		n = 0;
	ck_assert_uint_eq(n % 2, 0);
	for (i = 0; i < n; i += 2)
		(*out)[i / 2] =
		    (char)(unhexDigit(hex[i]) << 4 | unhexDigit(hex[i + 1]));
	(*out)[n / 2] = '\0';
	return n / 2;
}

void
goldenWriteFile(const char *path, const char *s, size_t n)
{
	FILE *f;

	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(s, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

const char *
goldenHexFile(const char *path, const char *hex)
{
	char  *s;
	size_t n;

	n = goldenUnhex(hex, strlen(hex), &s);
	goldenWriteFile(path, s, n);
	free(s);
	return path;
}
