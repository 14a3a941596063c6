/*
 * Fuzz target for net_SplitHostPort (and its copy-free form,
 * net_SplitHostPortView) and net_JoinHostPort.  The input is
 * split once as a whole, and once at its first newline into a host and a
 * port to join.  The properties are those of Go's TestSplitHostPort and
 * TestJoinHostPort tables: what SplitHostPort returns, JoinHostPort turns
 * back into text that splits to the same pair; a host and port free of
 * brackets (and a port free of colons) survive Join then Split; and a
 * failure is Go's AddrError naming the whole text.
 */
#include "tests/fuzz/fuzz.h"

static const char *const splitErrors[] = {
	"missing port in address",
	"too many colons in address",
	"missing ']' in address",
	"unexpected '[' in address",
	"unexpected ']' in address",
};

static void
checkError(const char *s, runtime_error *err)
{
	const char *e;
	size_t	    n, i;

	e = runtime_error_Error(err);
	n = strlen(s);
	if (n > 0) {
		if (strncmp(e, "address ", 8) != 0 ||
		    strncmp(e + 8, s, n) != 0 ||
		    strncmp(e + 8 + n, ": ", 2) != 0)
			fuzz_fail("SplitHostPort(%s): error %s", s, e);
		e += 8 + n + 2;
	}
	for (i = 0; i < sizeof(splitErrors) / sizeof(splitErrors[0]); i++)
		if (strcmp(e, splitErrors[i]) == 0)
			return;
	fuzz_fail("SplitHostPort(%s): unknown error %s", s, e);
}

/* checkJoinSplit requires JoinHostPort(host, port) to split back. */
static void
checkJoinSplit(const char *host, const char *port)
{
	runtime_error *err;
	char	      *j, *h, *p;

	j = net_JoinHostPort(host, port);
	if ((err = net_SplitHostPort(j, &h, &p)) != NULL)
		fuzz_fail("SplitHostPort(JoinHostPort(%s, %s) = %s): %s", host,
		    port, j, runtime_error_Error(err));
	if (strcmp(h, host) != 0 || strcmp(p, port) != 0)
		fuzz_fail("SplitHostPort(%s) = %s, %s; want %s, %s", j, h, p,
		    host, port);
	free(p);
	free(h);
	free(j);
}

/*
 * checkView requires SplitHostPortView to give the copies' results as
 * substrings of s, or the same error.
 */
static void
checkView(const char *s, const char *h, const char *p, runtime_error *err)
{
	const char    *vh, *vp;
	size_t	       vhn;
	runtime_error *verr;

	verr = net_SplitHostPortView(s, &vh, &vhn, &vp);
	if ((err == NULL) != (verr == NULL) || vhn != strlen(h) ||
	    strncmp(vh, h, vhn) != 0 || strcmp(vp, p) != 0)
		fuzz_fail("SplitHostPortView(%s) = %.*s, %s; copies %s, %s", s,
		    (int)vhn, vh, vp, h, p);
	if (verr == NULL && (vh < s || vp < s || vp > s + strlen(s)))
		fuzz_fail("SplitHostPortView(%s): results outside it", s);
	if (verr != NULL &&
	    strcmp(runtime_error_Error(err), runtime_error_Error(verr)) != 0)
		fuzz_fail("SplitHostPortView(%s): error %s, copies' %s", s,
		    runtime_error_Error(verr), runtime_error_Error(err));
	runtime_error_Free(verr);
}

static void
checkSplit(const char *s)
{
	runtime_error *err;
	char	      *h, *p;

	err = net_SplitHostPort(s, &h, &p);
	checkView(s, h, p, err);
	if (err != NULL) {
		if (h[0] != '\0' || p[0] != '\0')
			fuzz_fail("SplitHostPort(%s) failed with results", s);
		checkError(s, err);
		runtime_error_Free(err);
	} else
		checkJoinSplit(h, p);
	free(p);
	free(h);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s, *port;

	if ((s = fuzz_cstring(data, size)) == NULL)
		return 0;
	checkSplit(s);
	if ((port = fuzz_split(s)) != NULL && strpbrk(s, "[]") == NULL &&
	    strpbrk(port, ":[]") == NULL)
		checkJoinSplit(s, port);
	free(s);
	return 0;
}
