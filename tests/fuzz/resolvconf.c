/*
 * Fuzz target for the resolv.conf reader (dnsconfig_unix.c's
 * dnsReadConfig), fed a memfd's path.  The property is Go's
 * dnsReadConfig as a small model written from resolv.conf(5) and Go's
 * rules: only a line whose first byte is ';' or '#' is a comment (a '#'
 * later in a line is a field), fields split at space, tab, CR; the first
 * three IP-literal nameservers count; the last domain or search line
 * sets the search list, each name rooted; ndots is clamped to 0..15,
 * timeout and attempts to at least 1; an unknown keyword or option sets
 * unknownOpt; the last lookup line is kept.  What the file does not set
 * is Go's default, the search list from a host name fixed here.  Fields
 * are compared as bytes, NULs included, since the config keeps them.
 */
#include "net/dnsconfig.h"
#include "tests/fuzz/fuzz.h"

enum { maxFields = 64, maxField = 1000 };

/* A field of the input: n bytes at p. */
typedef struct field {
	const char *p;
	size_t	    n;
} field;

/* The model of a dnsConfig; strings are built in buffers of their own. */
typedef struct model {
	char	  servers[3][maxField + 6];
	size_t	  serversn[3];
	int	  nservers;
	field	  search[maxFields];
	int	  nsearch;
	bool	  searchSet;
	int	  ndots;
	long long timeout; /* seconds */
	int	  attempts;
	bool	  rotate, unknownOpt, singleRequest, useTCP;
	field	  lookup[maxFields];
	int	  nlookup;
} model;

static fuzz_file file = FUZZ_FILE_INIT;

static runtime_error *
fuzzHostname(char **name)
{
	*name = strdup("host.fuzz.example");
	return NULL;
}

static bool
is(field f, const char *s)
{
	return f.n == strlen(s) && memcmp(f.p, s, f.n) == 0;
}

static bool
startsWith(field f, const char *s)
{
	return f.n >= strlen(s) && memcmp(f.p, s, strlen(s)) == 0;
}

/* number is Go's dtoi after the option's colon, 0xFFFFFF at most. */
static int
number(field f, size_t skip)
{
	size_t i;
	int    n;

	n = 0;
	for (i = skip; i < f.n && f.p[i] >= '0' && f.p[i] <= '9'; i++) {
		n = n * 10 + (f.p[i] - '0');
		if (n >= 0xFFFFFF)
			return 0xFFFFFF;
	}
	return n;
}

/*
 * ipLiteral reports whether f is an IPv4 literal, or an IPv6 one with an
 * optional zone after its last '%' (the zone may be anything, NUL bytes
 * included).  The IP itself is judged by ParseIP, which the ip fuzz
 * targets and the diff check against Go.
 */
static bool
ipLiteral(field f)
{
	char  *host;
	size_t n;
	bool   ok;
	net_IP ip;

	n = f.n;
	while (n > 0 && f.p[n - 1] != '%')
		n--;
	if (n > 0)
		n--; /* the host before the zone */
	else
		n = f.n;
	if (memchr(f.p, '\0', n) != NULL)
		return false;
	host = strndup(f.p, n);
	ip = net_ParseIP(host);
	ok = ip.len != 0 && (n == f.n || strchr(host, ':') != NULL);
	free(host);
	return ok;
}

static void
option(model *m, field s)
{
	int n;

	if (startsWith(s, "ndots:")) {
		n = number(s, 6);
		m->ndots = n > 15 ? 15 : n;
	} else if (startsWith(s, "timeout:")) {
		n = number(s, 8);
		m->timeout = n < 1 ? 1 : n;
	} else if (startsWith(s, "attempts:")) {
		n = number(s, 9);
		m->attempts = n < 1 ? 1 : n;
	} else if (is(s, "rotate"))
		m->rotate = true;
	else if (is(s, "single-request") || is(s, "single-request-reopen"))
		m->singleRequest = true;
	else if (is(s, "use-vc") || is(s, "usevc") || is(s, "tcp"))
		m->useTCP = true;
	else
		m->unknownOpt = true;
}

static void
nameserver(model *m, field f)
{
	char  *s;
	size_t n;

	if (m->nservers == 3 || !ipLiteral(f))
		return;
	s = m->servers[m->nservers];
	n = 0;
	if (memchr(f.p, ':', f.n) != NULL)
		s[n++] = '[';
	memcpy(s + n, f.p, f.n);
	n += f.n;
	if (s[0] == '[')
		s[n++] = ']';
	memcpy(s + n, ":53", 3);
	m->serversn[m->nservers++] = n + 3;
}

static void
line(model *m, field *f, int nf)
{
	int i;

	if (is(f[0], "nameserver")) {
		if (nf > 1)
			nameserver(m, f[1]);
	} else if (is(f[0], "domain")) {
		if (nf > 1) {
			m->search[0] = f[1];
			m->nsearch = 1;
		}
	} else if (is(f[0], "search")) {
		for (i = 1; i < nf; i++)
			m->search[i - 1] = f[i];
		m->nsearch = nf - 1;
	} else if (is(f[0], "options")) {
		for (i = 1; i < nf; i++)
			option(m, f[i]);
	} else if (is(f[0], "lookup")) {
		for (i = 1; i < nf; i++)
			m->lookup[i - 1] = f[i];
		m->nlookup = nf - 1;
	} else
		m->unknownOpt = true;
}

/* build reads the input into m; false for a line beyond the model. */
static bool
build(model *m, const char *text, size_t size)
{
	field	    f[maxFields];
	const char *end, *p, *nl, *q;
	int	    nf;

	memset(m, 0, sizeof(*m));
	m->ndots = 1;
	m->timeout = 5;
	m->attempts = 2;
	end = text + size;
	for (p = text; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		if (nl > p && (*p == ';' || *p == '#'))
			continue;
		nf = 0;
		for (q = p; q < nl;) {
			while (
			    q < nl && (*q == ' ' || *q == '\t' || *q == '\r'))
				q++;
			if (q == nl)
				break;
			if (nf == maxFields)
				return false;
			f[nf].p = q;
			while (q < nl && *q != ' ' && *q != '\t' && *q != '\r')
				q++;
			f[nf].n = (size_t)(q - f[nf].p);
			if (f[nf].n > maxField)
				return false;
			nf++;
		}
		if (nf > 0)
			line(m, f, nf);
	}
	return true;
}

/* sameString compares got with want, rooted if root is set. */
static bool
sameString(net_string got, field want, bool root)
{
	size_t n;

	n = want.n;
	if (root && (n == 0 || want.p[n - 1] != '.'))
		return got.n == n + 1 && memcmp(got.p, want.p, n) == 0 &&
		    got.p[n] == '.';
	return got.n == n && memcmp(got.p, want.p, n) == 0;
}

static void
checkLists(const net_dnsConfig *c, const model *m)
{
	static const field defaultSearch = { "fuzz.example", 12 };
	int		   i;

	if (m->nsearch == 0) {
		if (c->nsearch != 1 ||
		    !sameString(c->search[0], defaultSearch, true))
			fuzz_fail("search: want the host's domain");
	} else {
		if (c->nsearch != m->nsearch)
			fuzz_fail("search: %d names, want %d", c->nsearch,
			    m->nsearch);
		for (i = 0; i < m->nsearch; i++)
			if (!sameString(c->search[i], m->search[i], true))
				fuzz_fail("search[%d] differs", i);
	}
	if (c->nlookup != m->nlookup)
		fuzz_fail("lookup: %d, want %d", c->nlookup, m->nlookup);
	for (i = 0; i < m->nlookup; i++)
		if (!sameString(c->lookup[i], m->lookup[i], false))
			fuzz_fail("lookup[%d] differs", i);
}

static void
check(const net_dnsConfig *c, const model *m)
{
	int i;

	if (c->err != NULL)
		fuzz_fail("err %s", runtime_error_Error(c->err));
	if (m->nservers == 0) {
		if (c->nservers != 2 ||
		    !sameString(
			c->servers[0], (field){ "127.0.0.1:53", 12 }, false) ||
		    !sameString(c->servers[1], (field){ "[::1]:53", 8 }, false))
			fuzz_fail("servers: want the default two");
	} else {
		if (c->nservers != m->nservers)
			fuzz_fail(
			    "servers: %d, want %d", c->nservers, m->nservers);
		for (i = 0; i < m->nservers; i++)
			if (!sameString(c->servers[i],
				(field){ m->servers[i], m->serversn[i] },
				false))
				fuzz_fail(
				    "servers[%d] = %s", i, c->servers[i].p);
	}
	checkLists(c, m);
	if (c->ndots != m->ndots || c->timeout != m->timeout * time_Second ||
	    c->attempts != m->attempts || c->rotate != m->rotate ||
	    c->unknownOpt != m->unknownOpt ||
	    c->singleRequest != m->singleRequest || c->useTCP != m->useTCP)
		fuzz_fail("ndots %d/%d timeout %lld/%lld attempts %d/%d "
			  "rotate %d/%d unknown %d/%d single %d/%d tcp %d/%d",
		    c->ndots, m->ndots, (long long)c->timeout,
		    m->timeout * time_Second, c->attempts, m->attempts,
		    c->rotate, m->rotate, c->unknownOpt, m->unknownOpt,
		    c->singleRequest, m->singleRequest, c->useTCP, m->useTCP);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static model   m;
	net_dnsConfig *c;

	/* Go's line reader works in 64 KiB; keep lines well inside it. */
	if (size > 60000 || !build(&m, (const char *)data, size))
		return 0;
	net_getHostname = fuzzHostname;
	c = net_dnsReadConfig(fuzz_file_write(&file, data, size));
	check(c, &m);
	net_dnsConfig_free(c);
	return 0;
}
