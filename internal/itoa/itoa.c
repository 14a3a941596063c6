/*
 * C port of go1.19 src/internal/itoa/itoa.go, plus Uitox, which Go added
 * to the same file in 1.20 and which gonet uses for hex output.  Results
 * are malloc'd; the caller frees them.
 */
#include <stdlib.h>

#include "internal/itoa/itoa.h"
#include "runtime/linkname.h"

static const char hex[] = "0123456789abcdef";

char *
itoa_Itoa(long val)
{
	char *u, *s;

	if (val < 0) {
		/* Negating in unsigned arithmetic keeps LONG_MIN defined. */
		u = itoa_Uitoa(0UL - (unsigned long)val);
		s = runtime_concatstrings("-", u, (char *)NULL);
		free(u);
		return s;
	}
	return itoa_Uitoa((unsigned long)val);
}

char *
itoa_Uitoa(unsigned long val)
{
	char	      buf[20];
	int	      i;
	unsigned long q;

	if (val == 0)
		return runtime_strdup("0");
	i = (int)sizeof(buf) - 1;
	while (val >= 10) {
		q = val / 10;
		buf[i] = (char)('0' + val - q * 10);
		i--;
		val = q;
	}
	buf[i] = (char)('0' + val);
	return runtime_strndup(&buf[i], sizeof(buf) - (size_t)i);
}

/* itoa_Uitox writes val in lower-case hex with a "0x" prefix. */
char *
itoa_Uitox(unsigned long val)
{
	char	      buf[20];
	int	      i;
	unsigned long q;

	if (val == 0)
		return runtime_strdup("0x0");
	i = (int)sizeof(buf) - 1;
	while (val >= 16) {
		q = val / 16;
		buf[i] = hex[val % 16];
		i--;
		val = q;
	}
	buf[i] = hex[val % 16];
	i--;
	buf[i] = 'x';
	i--;
	buf[i] = '0';
	return runtime_strndup(&buf[i], sizeof(buf) - (size_t)i);
}
