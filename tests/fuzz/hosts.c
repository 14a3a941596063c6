/*
 * Fuzz target for the hosts file parser (hosts.c's readHosts), reached as
 * the hosts tests reach it: the input is written to a file that
 * net_testHookHostsPath names.  The property is Go's readHosts as a
 * small model: for every name on a line, lookupStaticHost returns the
 * addresses of exactly the lines that list it (in any case), in file
 * order, and for every address, lookupStaticAddr returns the names of
 * exactly the lines with that address.  Two file names take turns, so
 * every input is read afresh rather than served from the cache; they are
 * memfds, so the target leaves nothing behind and touches no disk.  A name
 * or address with a NUL byte is one no C string can ask for, so the
 * reader leaves it out; the part before the NUL must not find it.
 */
#include <ctype.h>

#include "tests/fuzz/fuzz.h"

enum { maxLines = 64, maxFields = 16, maxQueries = 32 };

/*
 * A line of the model: its address as written and in canonical text (the
 * key of Go's byAddr map), and its names.
 */
typedef struct modelLine {
	char *text;
	char *addr;
	char *names[maxFields];
	int   n;
} modelLine;

/*
 * The model: the lines readHosts keeps, and the parts before the NUL of
 * names and addresses holding one, to look up as well.
 */
typedef struct model {
	modelLine lines[maxLines];
	int	  nl;
	char	 *cutNames[maxLines];
	char	 *cutAddrs[maxLines];
	int	  ncutNames;
	int	  ncutAddrs;
} model;

static fuzz_file files[2] = { FUZZ_FILE_INIT, FUZZ_FILE_INIT };
static int	 turn;

/* key is the text lookupStaticHost looks up: lower case, absolute. */
static char *
key(const char *name)
{
	char  *k;
	size_t i, n;

	n = strlen(name);
	k = malloc(n + 2);
	for (i = 0; i < n; i++)
		k[i] = (char)tolower((unsigned char)name[i]);
	k[n] = '\0';
	if (strchr(k, '.') != NULL && k[n - 1] != '.')
		strcat(k, ".");
	return k;
}

static void
freeModel(model *m)
{
	int i;

	for (i = 0; i < m->nl; i++)
		free(m->lines[i].addr);
}

/* addCut records the part before a NUL, while there is room. */
static void
addCut(char **cuts, int *n, char *s)
{
	if (*n < maxLines)
		cuts[(*n)++] = s;
}

/* parseLine adds a line's address and names (nf of them in f) to m. */
static void
parseLine(model *m, char **f, const bool *nul, int nf)
{
	modelLine *l;
	int	   i;

	if (nul[0]) {
		addCut(m->cutAddrs, &m->ncutAddrs, f[0]);
		return;
	}
	l = &m->lines[m->nl];
	l->text = f[0];
	if ((l->addr = (char *)net_parseLiteralIP(f[0], strlen(f[0])).p) ==
	    NULL)
		return;
	l->n = 0;
	for (i = 1; i < nf; i++) {
		if (nul[i])
			addCut(m->cutNames, &m->ncutNames, f[i]);
		else
			l->names[l->n++] = f[i];
	}
	if (l->n == 0)
		free(l->addr);
	else
		m->nl++;
}

/*
 * parse splits text as readHosts does and keeps the lines it would; false
 * for a text too big for the model.
 */
static bool
parse(char *text, char *end, model *m)
{
	char *f[maxFields + 1];
	bool  nul[maxFields + 1];
	int   nf;

	m->nl = m->ncutNames = m->ncutAddrs = 0;
	while ((nf = fuzz_fields(&text, end, f, nul, maxFields + 1)) >= 0) {
		if (nf > maxFields || m->nl == maxLines) {
			freeModel(m);
			return false;
		}
		if (nf >= 2)
			parseLine(m, f, nul, nf);
	}
	return true;
}

/*
 * withoutNUL drops the answers holding a NUL byte, the fields the model
 * leaves out: Go keeps such a name or zone whole (so does gonet), and what
 * it answers for them is checked against Go itself by testHostsNUL.  The
 * array keeps its single allocation.
 */
static net_string *
withoutNUL(net_string *got, int *n)
{
	int i, k;

	for (i = k = 0; i < *n; i++)
		if (memchr(got[i].p, '\0', got[i].n) == NULL)
			got[k++] = got[i];
	*n = k;
	return got;
}

static void
checkHost(const model *md, const char *name)
{
	const modelLine *lines = md->lines;
	int		 nl = md->nl;
	net_string	*got;
	char		*k, *kj;
	int		 n, i, j, m;

	got = withoutNUL(net_lookupStaticHost(name, strlen(name), &n), &n);
	k = key(name);
	m = 0;
	for (i = 0; i < nl; i++) {
		for (j = 0; j < lines[i].n; j++) {
			kj = key(lines[i].names[j]);
			if (strcmp(k, kj) == 0) {
				if (m >= n ||
				    strcmp(got[m].p, lines[i].addr) != 0)
					fuzz_fail("lookupStaticHost(%s)[%d] = "
						  "%s, want %s",
					    name, m, m < n ? got[m].p : "none",
					    lines[i].addr);
				m++;
			}
			free(kj);
		}
	}
	if (m != n)
		fuzz_fail(
		    "lookupStaticHost(%s): %d addresses, want %d", name, n, m);
	free(k);
	free(got);
}

/*
 * checkAddr looks up an address as a line wrote it, not in its canonical
 * text, which need not parse again: "::ffff:1.2.3.4%eth0" is kept as
 * "1.2.3.4%eth0", which Go's lookupStaticAddr rejects.
 */
static void
checkAddr(const model *md, const char *text)
{
	const modelLine *lines = md->lines;
	int		 nl = md->nl;
	net_string	*got;
	char		*want, *addr;
	int		 n, i, j, m;

	got = withoutNUL(net_lookupStaticAddr(text, strlen(text), &n), &n);
	addr = (char *)net_parseLiteralIP(text, strlen(text)).p;
	m = 0;
	for (i = 0; i < nl; i++) {
		if (addr == NULL || strcmp(lines[i].addr, addr) != 0)
			continue;
		for (j = 0; j < lines[i].n; j++) {
			want = net_absDomainName(
			    lines[i].names[j], strlen(lines[i].names[j]));
			if (m >= n || strcmp(got[m].p, want) != 0)
				fuzz_fail("lookupStaticAddr(%s)[%d] = %s, "
					  "want %s",
				    text, m, m < n ? got[m].p : "none", want);
			free(want);
			m++;
		}
	}
	if (m != n)
		fuzz_fail(
		    "lookupStaticAddr(%s): %d names, want %d", text, n, m);
	free(addr);
	free(got);
}

/*
 * writeHosts writes the input to the file whose turn it is and makes the
 * cache read it: a lookup on every input keeps the two files alternating
 * under the cache, which would trust an unread file of the same name.
 */
static void
writeHosts(const uint8_t *data, size_t size)
{
	int n;

	turn = 1 - turn;
	net_testHookHostsPath = fuzz_file_write(&files[turn], data, size);
	free(net_lookupStaticHost("", 0, &n));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static model m;
	char	    *text, *upper;
	int	     i;

	text = fuzz_copy(data, size);
	writeHosts(data, size);
	if (!parse(text, text + size, &m))
		goto out;
	for (i = 0; i < m.nl && i < maxQueries; i++) {
		checkHost(&m, m.lines[i].names[0]);
		upper = key(m.lines[i].names[m.lines[i].n - 1]);
		upper[0] = (char)toupper((unsigned char)upper[0]);
		checkHost(&m, upper);
		free(upper);
		checkAddr(&m, m.lines[i].text);
	}
	for (i = 0; i < m.ncutNames; i++)
		checkHost(&m, m.cutNames[i]);
	for (i = 0; i < m.ncutAddrs; i++)
		checkAddr(&m, m.cutAddrs[i]);
	freeModel(&m);
out:
	free(text);
	return 0;
}
