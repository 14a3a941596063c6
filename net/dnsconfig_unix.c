/*
 * C port of go1.19 src/net/dnsconfig_unix.go: reading resolv.conf(5).
 * built on: !js && !windows
 */
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"

/* copyString returns a malloc'd copy of s with a NUL after it. */
static net_string
copyString(const char *s, size_t n)
{
	return (net_string){ runtime_strndup(s, n), n };
}

/* appendString is Go's *a = append(*a, s); it takes s's bytes. */
static void
appendString(net_string **a, int *n, net_string s)
{
	*a = runtime_realloc(*a, (size_t)(*n + 1) * sizeof((*a)[0]));
	(*a)[(*n)++] = s;
}

/* copyStrings returns malloc'd copies of a[0:n] (NULL for none). */
static net_string *
copyStrings(const net_string *a, int n)
{
	net_string *c;
	int	    i;

	if (n == 0)
		return NULL;
	c = runtime_malloc((size_t)n * sizeof(c[0]));
	for (i = 0; i < n; i++)
		c[i] = copyString(a[i].p, a[i].n);
	return c;
}

/*
 * joinHostPort53 is JoinHostPort(host, "53") over a Go string, which may
 * hold NUL bytes (an IPv6 zone may), so the bytes are copied by length.
 */
static net_string
joinHostPort53(const char *host, size_t n)
{
	char  *s;
	size_t i;

	s = runtime_malloc(n + 6);
	i = 0;
	if (memchr(host, ':', n) != NULL)
		s[i++] = '[';
	memcpy(s + i, host, n);
	i += n;
	if (s[0] == '[')
		s[i++] = ']';
	memcpy(s + i, ":53", 4);
	return (net_string){ s, i + 3 };
}

/*
 * addNameserver keeps a server only if it is an IP literal: a name would
 * need DNS to find DNS.  Three is resolv.conf's traditional limit.
 */
static void
addNameserver(net_dnsConfig *conf, net_string f)
{
	const char *zone;
	size_t	    zonelen;

	if (conf->nservers >= 3)
		return;
	if (net_parseIPv4(f.p, f.n).len != 0 ||
	    net_parseIPv6Zone(f.p, f.n, &zone, &zonelen).len != 0)
		appendString(
		    &conf->servers, &conf->nservers, joinHostPort53(f.p, f.n));
}

/* setSearch makes the search list f[0:n], each name rooted. */
static void
setSearch(net_dnsConfig *conf, const net_string *f, int n)
{
	int i;

	net_freeStrings(conf->search, conf->nsearch);
	conf->search = NULL;
	conf->nsearch = 0;
	for (i = 0; i < n; i++)
		appendString(&conf->search, &conf->nsearch,
		    net_ensureRooted(f[i].p, f[i].n));
}

/* optionNumber reads the decimal number after an option's colon. */
static int
optionNumber(net_string s, size_t skip)
{
	int num, i;

	net_dtoi(s.p + skip, s.n - skip, &num, &i);
	return num;
}

static bool
equal(net_string s, const char *t)
{
	return s.n == strlen(t) && memcmp(s.p, t, s.n) == 0;
}

/*
 * parseOption applies one word of an "options" line.  Out-of-range
 * numbers are clamped, not rejected, and anything unknown is remembered
 * so that conf.c can hand the name to the system's resolver.
 */
static void
parseOption(net_dnsConfig *conf, net_string s)
{
	int n;

	if (net_hasPrefix(s.p, s.n, "ndots:")) {
		n = optionNumber(s, 6);
		conf->ndots = n < 0 ? 0 : n > 15 ? 15 : n;
	} else if (net_hasPrefix(s.p, s.n, "timeout:")) {
		n = optionNumber(s, 8);
		conf->timeout = (time_Duration)(n < 1 ? 1 : n) * time_Second;
	} else if (net_hasPrefix(s.p, s.n, "attempts:")) {
		n = optionNumber(s, 9);
		conf->attempts = n < 1 ? 1 : n;
	} else if (equal(s, "rotate"))
		conf->rotate = true;
	else if (equal(s, "single-request") ||
	    equal(s, "single-request-reopen"))
		/* glibc's switch from parallel to sequential A and AAAA. */
		conf->singleRequest = true;
	else if (equal(s, "use-vc") || equal(s, "usevc") || equal(s, "tcp"))
		/* Linux's, FreeBSD's and OpenBSD's spellings of TCP only. */
		conf->useTCP = true;
	else
		conf->unknownOpt = true;
}

/* parseLine applies the fields f[0:nf] (nf >= 1) of one line. */
static void
parseLine(net_dnsConfig *conf, const net_string *f, int nf)
{
	int i;

	if (equal(f[0], "nameserver")) {
		if (nf > 1)
			addNameserver(conf, f[1]);
	} else if (equal(f[0], "domain")) {
		if (nf > 1)
			setSearch(conf, f + 1, 1);
	} else if (equal(f[0], "search"))
		setSearch(conf, f + 1, nf - 1);
	else if (equal(f[0], "options")) {
		for (i = 1; i < nf; i++)
			parseOption(conf, f[i]);
	} else if (equal(f[0], "lookup")) {
		/* OpenBSD's database order: "bind", "file" or "yp". */
		net_freeStrings(conf->lookup, conf->nlookup);
		conf->lookup = copyStrings(f + 1, nf - 1);
		conf->nlookup = nf - 1;
	} else
		conf->unknownOpt = true;
}

/* setDefaults fills what the file did not give. */
static void
setDefaults(net_dnsConfig *conf)
{
	if (conf->nservers == 0) {
		conf->servers =
		    copyStrings(net_defaultNS, nelem(net_defaultNS));
		conf->nservers = nelem(net_defaultNS);
	}
	if (conf->nsearch == 0)
		conf->search = net_dnsDefaultSearch(&conf->nsearch);
}

net_dnsConfig *
net_dnsReadConfig(const char *filename)
{
	net_dnsConfig *conf;
	net_string    *f;
	net_file      *file;
	int64_t	       size;
	size_t	       n, nf;
	char	      *line;

	conf = runtime_malloc(sizeof(*conf));
	conf->ndots = 1;
	conf->timeout = 5 * time_Second;
	conf->attempts = 2;
	conf->err = net_open(filename, &file);
	if (conf->err != NULL)
		goto out;
	conf->err = net_stat(filename, &conf->mtime, &size);
	if (conf->err != NULL)
		goto out;
	while (net_file_readLine(file, &line, &n)) {
		if (n > 0 && (line[0] == ';' || line[0] == '#'))
			continue;
		f = net_getFields(line, n, &nf);
		if (nf >= 1)
			parseLine(conf, f, (int)nf);
		free(f);
	}
out:
	net_file_close(file);
	setDefaults(conf);
	return conf;
}

net_string *
net_dnsDefaultSearch(int *n)
{
	runtime_error *err;
	net_string    *search;
	char	      *hn, *dot;
	size_t	       len;

	*n = 0;
	search = NULL;
	err = net_getHostname(&hn);
	if (err != NULL) {
		/* Only a best effort. */
		runtime_error_Free(err);
		return NULL;
	}
	len = strlen(hn);
	dot = memchr(hn, '.', len);
	if (dot != NULL && dot < hn + len - 1)
		appendString(&search, n,
		    net_ensureRooted(dot + 1, (size_t)(hn + len - dot - 1)));
	free(hn);
	return search;
}

/* Go keeps this twin of parse.go's stringsHasPrefix; so does gonet. */
bool
net_hasPrefix(const char *s, size_t n, const char *prefix)
{
	return net_stringsHasPrefix(s, n, prefix);
}

net_string
net_ensureRooted(const char *s, size_t n)
{
	char *r;

	if (n > 0 && s[n - 1] == '.')
		return copyString(s, n);
	r = runtime_malloc(n + 2);
	memcpy(r, s, n);
	r[n] = '.';
	return (net_string){ r, n + 1 };
}
