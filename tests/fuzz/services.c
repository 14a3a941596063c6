/*
 * Fuzz target for the services file parser (port_unix.c's readServices),
 * fed through net_testHookServicesPath; net_services_reset drops what
 * each input added before the next (and before libFuzzer counts leaks).  The
 * property is Go's readServices and lookupPortMap as a small model: after the
 * read, every name a line gives for a network looks up (in any case, under
 * tcp4/tcp6 as under tcp) to the port of the last line that gave it, and every
 * other lookup is answered as before the read.  A name or network with a NUL
 * byte is one no C string can ask for, so the reader leaves it out, and the
 * part before the NUL is one of those other lookups.
 */
#include <ctype.h>

#include "tests/fuzz/fuzz.h"

enum { maxRows = 128, maxFields = 16, maxQueries = 32 };

/* Go's maxPortBufSize: a longer service name is never found. */
enum { maxPortBufSize = sizeof("mobility-header") - 1 + 10 };

typedef struct row {
	const char *netw;
	const char *name;
	int	    port;
} row;

/* The rows of Go's map, and the cut names and networks to look up. */
typedef struct model {
	row rows[maxRows];
	int n;
	row cuts[maxRows];
	int ncuts;
} model;

static fuzz_file file = FUZZ_FILE_INIT;

/* set is Go's services[netw][name] = port; false when the model is full. */
static bool
set(model *m, const char *netw, const char *name, int port)
{
	int i;

	for (i = 0; i < m->n; i++) {
		if (strcmp(m->rows[i].netw, netw) == 0 &&
		    strcmp(m->rows[i].name, name) == 0) {
			m->rows[i].port = port;
			return true;
		}
	}
	if (m->n == maxRows)
		return false;
	m->rows[m->n++] = (row){ netw, name, port };
	return true;
}

/* dtoi is Go's dtoi: false past 0xFFFFFF or without a digit. */
static bool
dtoi(const char *s, int *n, int *i)
{
	*n = 0;
	for (*i = 0; isdigit((unsigned char)s[*i]); (*i)++) {
		*n = *n * 10 + (s[*i] - '0');
		if (*n >= 0xFFFFFF)
			return false;
	}
	return *i > 0;
}

/* addCut records a cut name or network, while there is room. */
static void
addCut(model *m, const char *netw, const char *name)
{
	if (m->ncuts < maxRows)
		m->cuts[m->ncuts++] = (row){ netw, name, 0 };
}

/* parseLine adds a line's names (nf of them in f) to m. */
static bool
parseLine(model *m, char **f, const bool *nul, int nf)
{
	char *netw;
	int   port, j, i;

	if (!dtoi(f[1], &port, &j) || port <= 0 || f[1][j] != '/')
		return true;
	netw = f[1] + j + 1;
	for (i = 0; i < nf; i++) {
		if (i == 1)
			continue;
		if (nul[1] || nul[i])
			addCut(m, netw, f[i]);
		else if (!set(m, netw, f[i], port))
			return false;
	}
	return true;
}

/* parse fills the model as readServices fills Go's map. */
static bool
parse(char *text, char *end, model *m)
{
	char *f[maxFields + 1];
	bool  nul[maxFields + 1];
	int   nf;

	m->n = m->ncuts = 0;
	while ((nf = fuzz_fields(&text, end, f, nul, maxFields + 1)) >= 0) {
		if (nf > maxFields)
			return false;
		if (nf >= 2 && !parseLine(m, f, nul, nf))
			return false;
	}
	return true;
}

/* find answers a lookup from the model; -1 when it has no row. */
static int
find(const model *m, const char *network, const char *service)
{
	char lower[maxPortBufSize + 1];
	int  i;

	if (strcmp(network, "tcp4") == 0 || strcmp(network, "tcp6") == 0)
		network = "tcp";
	else if (strcmp(network, "udp4") == 0 || strcmp(network, "udp6") == 0)
		network = "udp";
	if (strlen(service) > maxPortBufSize)
		return -1;
	for (i = 0; service[i] != '\0'; i++)
		lower[i] = (char)tolower((unsigned char)service[i]);
	lower[i] = '\0';
	for (i = 0; i < m->n; i++)
		if (strcmp(m->rows[i].netw, network) == 0 &&
		    strcmp(m->rows[i].name, lower) == 0)
			return m->rows[i].port;
	return -1;
}

/* A lookup to make, and what it gave before the file was read. */
typedef struct query {
	const char *network;
	char	    service[maxPortBufSize + 40];
	int	    port;
	char	   *err;
} query;

static void
lookup(query *q, int *port, char **err)
{
	runtime_error *e;

	e = net_lookupPortMap(q->network, q->service, port);
	*err = e != NULL ? strdup(runtime_error_Error(e)) : NULL;
	runtime_error_Free(e);
}

static void
check(const model *m, query *q)
{
	char *err;
	int   port, want;

	lookup(q, &port, &err);
	want = find(m, q->network, q->service);
	if (want < 0 &&
	    (port != q->port || (err == NULL) != (q->err == NULL) ||
		(err != NULL && strcmp(err, q->err) != 0)))
		fuzz_fail("lookupPortMap(%s, %s) = %d, %s; before the file %d, "
			  "%s",
		    q->network, q->service, port, err, q->port, q->err);
	if (want >= 0 && (port != want || err != NULL))
		fuzz_fail("lookupPortMap(%s, %s) = %d, %s; want %d", q->network,
		    q->service, port, err, want);
	free(err);
}

/*
 * queries picks names from the rows, some with their case changed, after
 * the n queries already in qs; it returns the new count.
 */
static int
queries(const row *rows, int nrows, query *qs, int n)
{
	int i;

	for (i = 0; i < nrows && n < maxQueries; i++, n++) {
		qs[n].network = rows[i].netw;
		snprintf(
		    qs[n].service, sizeof(qs[n].service), "%s", rows[i].name);
		if (i % 2 == 1)
			qs[n].service[0] =
			    (char)toupper((unsigned char)qs[n].service[0]);
		if (strcmp(qs[n].network, "tcp") == 0 && i % 3 == 0)
			qs[n].network = "tcp6";
		lookup(&qs[n], &qs[n].port, &qs[n].err);
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static model m;
	query	     qs[maxQueries];
	char	    *text;
	int	     nq, i;

	text = fuzz_copy(data, size);
	if (!parse(text, text + size, &m))
		goto out;
	nq = queries(m.cuts, m.ncuts, qs, 0);
	nq = queries(m.rows, m.n, qs, nq);
	net_testHookServicesPath = fuzz_file_write(&file, data, size);
	net_readServices();
	for (i = 0; i < nq; i++) {
		check(&m, &qs[i]);
		free(qs[i].err);
	}
	net_services_reset();
out:
	free(text);
	return 0;
}
