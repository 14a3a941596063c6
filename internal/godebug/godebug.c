/* C port of go1.19 src/internal/godebug/godebug.go */
#include <stdlib.h>
#include <string.h>

#include "internal/godebug/godebug.h"

const char *
godebug_Get(const char *key, size_t *n)
{
	const char *s;

	s = getenv("GODEBUG");
	return godebug_get(s == NULL ? "" : s, key, n);
}

/*
 * godebug_get takes the first "key=value" item of the comma-separated
 * list.  Like Go's, its loop bound means a key with an empty value at the
 * very end of s is not found, which reads the same: "".
 */
const char *
godebug_get(const char *s, const char *key, size_t *n)
{
	const char *val, *comma;
	size_t	    i, len, klen;

	len = strlen(s);
	klen = strlen(key);
	for (i = 0; i + klen + 1 < len; i++) {
		if (i > 0 && s[i - 1] != ',')
			continue;
		if (s[i + klen] != '=' || memcmp(s + i, key, klen) != 0)
			continue;
		val = s + i + klen + 1;
		comma = strchr(val, ',');
		*n = comma == NULL ? strlen(val) : (size_t)(comma - val);
		return val;
	}
	*n = 0;
	return "";
}
