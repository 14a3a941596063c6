/*
 * Fuzz target for the nsswitch.conf parser (nss.c's parseNSSConf).  The
 * properties are the shape Go's parser gives every result, checked on
 * the structure it returns:
 *   - a source is non-empty and holds no space, no '#' and no newline;
 *     a criterion's status and action are lower case, hold no space,
 *     ']' or newline, and the status holds no '='; a database name is
 *     trimmed and holds no ':' (it is what precedes a line's first);
 *   - printed back as "db: src [!status=action ...] ." lines, a result
 *     parses again to itself, with a "." after each source: a source
 *     may end in a tab or CR, which the end of a line would trim;
 *   - parsing the same bytes twice gives the same result, and what
 *     conf.c makes of it (hostLookupOrder for a few names) is one of
 *     Go's five orders.
 * Nothing here reads a file but the parser's own input.
 */
#include <ctype.h>

#include "net/dnsconfig.h"
#include "tests/fuzz/fuzz.h"

/* buf is a growing byte buffer for the printed form. */
typedef struct buf {
	char  *p;
	size_t n, cap;
} buf;

static void
put(buf *b, const void *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = 2 * (b->n + n + 1);
		b->p = realloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
}

static bool
has(net_string s, char c)
{
	return memchr(s.p, c, s.n) != NULL;
}

/* goSpace is Go's isSpace, narrower than C's: no \f, no \v. */
static bool
goSpace(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static void
checkCriterion(const net_nssCriterion *c)
{
	size_t i;

	for (i = 0; i < c->status.n; i++)
		if (isupper((unsigned char)c->status.p[i]))
			fuzz_fail("status not lower case");
	for (i = 0; i < c->action.n; i++)
		if (isupper((unsigned char)c->action.p[i]))
			fuzz_fail("action not lower case");
	if (has(c->status, ' ') || has(c->status, ']') || has(c->status, '=') ||
	    has(c->status, '\n') || has(c->action, ' ') ||
	    has(c->action, ']') || has(c->action, '\n'))
		fuzz_fail("criterion holds a separator");
	/* Go rejects a criterion shorter than 3 bytes after its '!'. */
	if (c->status.n + 1 + c->action.n < 3)
		fuzz_fail("criterion too short was kept");
}

static void
checkShape(const net_nssConf *conf)
{
	const net_nssDB *d;
	int		 i, j, k;

	for (i = 0; i < conf->nsources; i++) {
		d = &conf->sources[i];
		if (has(d->name, ':') || has(d->name, '\n') ||
		    has(d->name, '#') ||
		    (d->name.n > 0 &&
			(goSpace(d->name.p[0]) ||
			    goSpace(d->name.p[d->name.n - 1]))))
			fuzz_fail("database name %s", d->name.p);
		if (d->nsources == 0)
			fuzz_fail("database %s without sources", d->name.p);
		for (j = 0; j < d->nsources; j++) {
			if (d->sources[j].source.n == 0 ||
			    has(d->sources[j].source, ' ') ||
			    has(d->sources[j].source, '#') ||
			    has(d->sources[j].source, '\n'))
				fuzz_fail("source %s", d->sources[j].source.p);
			for (k = 0; k < d->sources[j].ncriteria; k++)
				checkCriterion(&d->sources[j].criteria[k]);
		}
	}
}

/* print writes conf back in nsswitch.conf syntax, a line per source. */
static void
print(const net_nssConf *conf, buf *b)
{
	const net_nssSource *s;
	const net_nssDB	    *d;
	int		     i, j, k;

	for (i = 0; i < conf->nsources; i++) {
		d = &conf->sources[i];
		for (j = 0; j < d->nsources; j++) {
			s = &d->sources[j];
			put(b, d->name.p, d->name.n);
			put(b, ": ", 2);
			put(b, s->source.p, s->source.n);
			if (s->ncriteria > 0)
				put(b, " [", 2);
			for (k = 0; k < s->ncriteria; k++) {
				if (k > 0)
					put(b, " ", 1);
				if (s->criteria[k].negate)
					put(b, "!", 1);
				put(b, s->criteria[k].status.p,
				    s->criteria[k].status.n);
				put(b, "=", 1);
				put(b, s->criteria[k].action.p,
				    s->criteria[k].action.n);
			}
			if (s->ncriteria > 0)
				put(b, "]", 1);
			put(b, " .\n", 3);
		}
	}
}

static bool
sameString(net_string a, net_string b)
{
	return a.n == b.n && memcmp(a.p, b.p, a.n) == 0;
}

static bool
sameSource(const net_nssSource *a, const net_nssSource *b)
{
	int k;

	if (!sameString(a->source, b->source) || a->ncriteria != b->ncriteria)
		return false;
	for (k = 0; k < a->ncriteria; k++)
		if (a->criteria[k].negate != b->criteria[k].negate ||
		    !sameString(a->criteria[k].status, b->criteria[k].status) ||
		    !sameString(a->criteria[k].action, b->criteria[k].action))
			return false;
	return true;
}

/*
 * same is reflect.DeepEqual of the two maps (errors aside), where b has
 * stride sources for each of a's: a's, then stride - 1 "." sources.
 */
static bool
same(const net_nssConf *a, const net_nssConf *b, int stride)
{
	const net_nssSource *sb;
	char		     name[256];
	int		     i, j, n;

	if (a->nsources != b->nsources)
		return false;
	for (i = 0; i < a->nsources; i++) {
		if (a->sources[i].name.n >= sizeof(name) ||
		    has(a->sources[i].name, '\0'))
			return sameString(a->sources[i].name,
			    b->sources[i].name); /* order kept */
		memcpy(name, a->sources[i].name.p, a->sources[i].name.n);
		name[a->sources[i].name.n] = '\0';
		sb = net_nssConf_sources(b, name, &n);
		if (n != stride * a->sources[i].nsources)
			return false;
		for (j = 0; j < n; j++)
			if (j % stride == 0
				? !sameSource(
				      &a->sources[i].sources[j / stride],
				      &sb[j])
				: (sb[j].source.n != 1 ||
				      sb[j].source.p[0] != '.'))
				return false;
	}
	return true;
}

/* checkOrders asks conf.c about a few names with this nsswitch.conf. */
static void
checkOrders(net_nssConf *nss)
{
	static const char *const names[] = { "x.com", "localhost", "gateway",
		"", "a.local", "fuzzhost" };
	net_dnsConfig		 resolv = { 0 };
	net_conf		 c = { 0 };
	net_hostLookupOrder	 o;
	size_t			 i;

	c.goos = "linux";
	c.nss = nss;
	c.resolv = &resolv;
	for (i = 0; i < nelem(names); i++) {
		o = net_conf_hostLookupOrder(&c, NULL, names[i]);
		if (o < net_hostLookupCgo || o > net_hostLookupDNS)
			fuzz_fail("hostLookupOrder(%s) = %d", names[i], (int)o);
	}
}

static runtime_error *
fuzzHostname(char **name)
{
	*name = strdup("fuzzhost");
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	net_nssConf *conf, *again, *printed;
	buf	     b = { 0 };

	net_getHostname = fuzzHostname;
	conf = net_parseNSSConf((const char *)data, size);
	again = net_parseNSSConf((const char *)data, size);
	if (!same(conf, again, 1) ||
	    (conf->err == NULL) != (again->err == NULL))
		fuzz_fail("two parses differ");
	checkShape(conf);
	print(conf, &b);
	printed = net_parseNSSConf(b.p == NULL ? "" : b.p, b.n);
	if (printed->err != NULL)
		fuzz_fail("printed form fails: %s",
		    runtime_error_Error(printed->err));
	if (!same(conf, printed, 2))
		fuzz_fail("printed form parses differently");
	checkOrders(conf);
	free(b.p);
	net_nssConf_free(printed);
	net_nssConf_free(again);
	net_nssConf_free(conf);
	return 0;
}
