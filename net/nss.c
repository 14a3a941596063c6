/* C port of go1.19 src/net/nss.go: reading nsswitch.conf(5). */
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"

static net_string
copyString(const char *s, size_t n)
{
	return (net_string){ runtime_strndup(s, n), n };
}

bool
net_nssSource_standardCriteria(const net_nssSource *s)
{
	int i;

	for (i = 0; i < s->ncriteria; i++)
		if (!net_nssCriterion_standardStatusAction(
			&s->criteria[i], i == s->ncriteria - 1))
			return false;
	return true;
}

static bool
is(net_string s, const char *t)
{
	return s.n == strlen(t) && memcmp(s.p, t, s.n) == 0;
}

/*
 * net_nssCriterion_standardStatusAction reports whether c says what
 * leaving it out would: return on success, continue otherwise.  A
 * "return" on the last criterion is standard too, as the lookup ends
 * there either way.
 */
bool
net_nssCriterion_standardStatusAction(const net_nssCriterion *c, bool last)
{
	const char *def;

	if (c->negate)
		return false;
	if (is(c->status, "success"))
		def = "return";
	else if (is(c->status, "notfound") || is(c->status, "unavail") ||
	    is(c->status, "tryagain"))
		def = "continue";
	else
		return false; /* a status nsswitch.conf(5) does not know */
	if (last && is(c->action, "return"))
		return true;
	return is(c->action, def);
}

net_nssConf *
net_parseNSSConfFile(const char *file)
{
	net_nssConf   *conf;
	net_file      *f;
	runtime_error *err;
	char	      *slurp;
	size_t	       n;

	err = net_open(file, &f);
	if (err == NULL) {
		err = net_readFull(f->fd, &slurp, &n);
		net_file_close(f);
	}
	if (err != NULL) {
		conf = runtime_malloc(sizeof(*conf));
		conf->err = err;
		return conf;
	}
	conf = net_parseNSSConf(slurp, n);
	free(slurp);
	return conf;
}

/* The criteria of one source while parseCriteria collects them. */
typedef struct criteriaList {
	net_nssCriterion *c;
	int		  n;
} criteriaList;

static void
freeCriteria(net_nssCriterion *c, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free((char *)c[i].status.p);
		free((char *)c[i].action.p);
	}
	free(c);
}

static runtime_error *
parseCriterion(const char *field, size_t n, void *arg)
{
	criteriaList *l = arg;
	char	     *f, *eq;
	bool not ;

	/* The buffer is parseNSSConf's own copy: lower-casing it is fine. */
	f = (char *)field;
	not = false;
	if (n > 0 && f[0] == '!') {
		not = true;
		f++;
		n--;
	}
	if (n < 3)
		return errors_New("criterion too short");
	eq = memchr(f, '=', n);
	if (eq == NULL)
		return errors_New("criterion lacks equal sign");
	net_lowerASCIIBytes(f, n);
	l->c = runtime_realloc(l->c, (size_t)(l->n + 1) * sizeof(l->c[0]));
	l->c[l->n++] = (net_nssCriterion){ not, copyString(f, (size_t)(eq - f)),
		copyString(eq + 1, n - (size_t)(eq - f) - 1) };
	return NULL;
}

/*
 * parseCriteria parses "foo=bar !foo=bar" into *c (malloc'd, *n items).
 * On error what was parsed is dropped, as the caller drops it in Go.
 */
static runtime_error *
parseCriteria(char *x, size_t n, net_nssCriterion **c, int *nc)
{
	criteriaList   l = { NULL, 0 };
	runtime_error *err;

	err = net_foreachField(x, n, parseCriterion, &l);
	if (err != NULL) {
		freeCriteria(l.c, l.n);
		l.c = NULL;
		l.n = 0;
	}
	*c = l.c;
	*nc = l.n;
	return err;
}

/* db returns conf.sources[name], adding it if it is new. */
static net_nssDB *
db(net_nssConf *conf, net_string name)
{
	int i;

	for (i = 0; i < conf->nsources; i++)
		if (conf->sources[i].name.n == name.n &&
		    memcmp(conf->sources[i].name.p, name.p, name.n) == 0)
			return &conf->sources[i];
	conf->sources = runtime_realloc(conf->sources,
	    (size_t)(conf->nsources + 1) * sizeof(conf->sources[0]));
	conf->sources[conf->nsources] =
	    (net_nssDB){ copyString(name.p, name.n), NULL, 0 };
	return &conf->sources[conf->nsources++];
}

static void
appendSource(net_nssDB *d, net_string src, net_nssCriterion *c, int nc)
{
	d->sources = runtime_realloc(
	    d->sources, (size_t)(d->nsources + 1) * sizeof(d->sources[0]));
	d->sources[d->nsources++] =
	    (net_nssSource){ copyString(src.p, src.n), c, nc };
}

/* invalidCriteria is Go's errors.New("invalid criteria: " + x). */
static runtime_error *
invalidCriteria(const char *x, size_t n)
{
	runtime_error *err;
	char	      *s;

	/* A NUL in x ends the text: C error strings cannot hold one. */
	s = runtime_malloc(n + 19);
	memcpy(s, "invalid criteria: ", 18);
	memcpy(s + 18, x, n);
	err = errors_New(s);
	free(s);
	return err;
}

/*
 * parseSources adds the sources of srcs[0:n], a line's text after its
 * colon, to d.  Each source may be followed by criteria in brackets.
 */
static runtime_error *
parseSources(net_nssConf *conf, net_string name, char *srcs, size_t n)
{
	net_nssCriterion *criteria;
	runtime_error	 *err;
	net_string	  t, src;
	char		 *sp, *bclose;
	int		  ncriteria;

	t = net_trimSpace(srcs, n);
	while (t.n > 0) {
		sp = memchr(t.p, ' ', t.n);
		if (sp == NULL) {
			src = t;
			t.n = 0;
		} else {
			src = (net_string){ t.p, (size_t)(sp - t.p) };
			t = net_trimSpace(sp + 1, t.n - src.n - 1);
		}
		criteria = NULL;
		ncriteria = 0;
		if (t.n > 0 && t.p[0] == '[') {
			bclose = memchr(t.p, ']', t.n);
			if (bclose == NULL)
				return errors_New("unclosed criterion bracket");
			err = parseCriteria((char *)t.p + 1,
			    (size_t)(bclose - t.p) - 1, &criteria, &ncriteria);
			if (err != NULL) {
				/* Go reports the bracket, not the item. */
				runtime_error_Free(err);
				return invalidCriteria(
				    t.p + 1, (size_t)(bclose - t.p) - 1);
			}
			t.n -= (size_t)(bclose + 1 - t.p);
			t.p = bclose + 1;
		}
		appendSource(db(conf, name), src, criteria, ncriteria);
		t = net_trimSpace(t.p, t.n);
	}
	return NULL;
}

static runtime_error *
parseLine(const char *x, size_t n, void *arg)
{
	net_nssConf *conf = arg;
	net_string   line;
	char	    *colon;

	line = net_removeComment(x, n);
	line = net_trimSpace(line.p, line.n);
	if (line.n == 0)
		return NULL;
	colon = memchr(line.p, ':', line.n);
	if (colon == NULL)
		return errors_New("no colon on line");
	return parseSources(conf,
	    net_trimSpace(line.p, (size_t)(colon - line.p)), colon + 1,
	    line.n - (size_t)(colon - line.p) - 1);
}

net_nssConf *
net_parseNSSConf(const char *data, size_t n)
{
	net_nssConf *conf;
	char	    *slurp;

	/* A copy, since parseCriteria lower-cases criteria in place. */
	slurp = runtime_malloc(n + 1);
	if (n > 0)
		memcpy(slurp, data, n);
	conf = runtime_malloc(sizeof(*conf));
	conf->err = net_foreachLine(slurp, n, parseLine, conf);
	free(slurp);
	return conf;
}

const net_nssSource *
net_nssConf_sources(const net_nssConf *conf, const char *name, int *n)
{
	size_t len;
	int    i;

	*n = 0;
	if (conf == NULL)
		return NULL;
	len = strlen(name);
	for (i = 0; i < conf->nsources; i++)
		if (conf->sources[i].name.n == len &&
		    memcmp(conf->sources[i].name.p, name, len) == 0) {
			*n = conf->sources[i].nsources;
			return conf->sources[i].sources;
		}
	return NULL;
}

void
net_nssConf_free(net_nssConf *conf)
{
	net_nssDB *d;
	int	   i, j;

	if (conf == NULL)
		return;
	for (i = 0; i < conf->nsources; i++) {
		d = &conf->sources[i];
		for (j = 0; j < d->nsources; j++) {
			free((char *)d->sources[j].source.p);
			freeCriteria(
			    d->sources[j].criteria, d->sources[j].ncriteria);
		}
		free(d->sources);
		free((char *)d->name.p);
	}
	free(conf->sources);
	runtime_error_Free(conf->err);
	free(conf);
}
