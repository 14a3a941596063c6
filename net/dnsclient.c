/*
 * C port of go1.19 src/net/dnsclient.go: the name checks both resolvers
 * use.  The rest of Go's file (reverseaddr, the SRV and MX sorts) comes
 * with the DNS resolver.
 */
#include <string.h>

#include "net/net_impl.h"

/*
 * net_isDomainName reports whether s[0:n] is a name DNS could be asked
 * about: LDH labels plus underscore labels (Go issue 12421), at most 63
 * bytes a label and 253 in all (254 with the root dot), not all digits.
 */
bool
net_isDomainName(const char *s, size_t n)
{
	bool   nonNumeric;
	size_t i, partlen;
	char   c, last;

	/* The root is a domain name too (Go issue 45715). */
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 0 || n > 254 || (n == 254 && s[n - 1] != '.'))
		return false;

	last = '.';
	nonNumeric = false;
	partlen = 0;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') ||
		    c == '_') {
			nonNumeric = true;
			partlen++;
		} else if ('0' <= c && c <= '9')
			partlen++;
		else if (c == '-') {
			/* A label cannot start with a dash. */
			if (last == '.')
				return false;
			partlen++;
			nonNumeric = true;
		} else if (c == '.') {
			/* Nor end with one, nor be empty. */
			if (last == '.' || last == '-')
				return false;
			if (partlen > 63 || partlen == 0)
				return false;
			partlen = 0;
		} else
			return false;
		last = c;
	}
	if (last == '-' || partlen > 63)
		return false;
	return nonNumeric;
}

/*
 * net_absDomainName makes a dotted name absolute so that hosts-file
 * answers look like DNS ones (Go issue 12189), but leaves single-label
 * names such as "localhost" alone: those are most likely local.
 */
char *
net_absDomainName(const char *s, size_t n)
{
	char *r;

	if (memchr(s, '.', n) != NULL && s[n - 1] != '.') {
		r = runtime_malloc(n + 2);
		memcpy(r, s, n);
		r[n] = '.';
		return r;
	}
	return runtime_strndup(s, n);
}
