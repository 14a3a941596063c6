/*
 * Fuzz target for the hosts file parser (hosts.c's readHosts), reached as
 * the hosts tests reach it: the input is written to a file that
 * net_testHookHostsPath names.  The property is Go's readHosts as a
 * small model: for every name on a line, lookupStaticHost returns the
 * addresses of exactly the lines that list it (in any case), in file
 * order, and for every address, lookupStaticAddr returns the names of
 * exactly the lines with that address.  Two file names take turns, so
 * every input is read afresh rather than served from the cache; they are
 * memfds, so the target leaves nothing behind and touches no disk.
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
freeLines(modelLine *lines, int nl)
{
	int i;

	for (i = 0; i < nl; i++)
		free(lines[i].addr);
}

/*
 * parse splits text as readHosts does and keeps the lines it would; -1
 * for a text too big for the model.
 */
static int
parse(char *text, modelLine *lines)
{
	char *f[maxFields + 1];
	int   nl, nf, i;

	nl = 0;
	while ((nf = fuzz_fields(&text, f, maxFields + 1)) >= 0) {
		if (nf > maxFields || nl == maxLines) {
			freeLines(lines, nl);
			return -1;
		}
		if (nf < 2)
			continue;
		lines[nl].text = f[0];
		lines[nl].addr = net_parseLiteralIP(f[0], strlen(f[0]));
		if (lines[nl].addr == NULL)
			continue;
		for (i = 1; i < nf; i++)
			lines[nl].names[i - 1] = f[i];
		lines[nl].n = nf - 1;
		nl++;
	}
	return nl;
}

static void
checkHost(const modelLine *lines, int nl, const char *name)
{
	char **got, *k, *kj;
	int    n, i, j, m;

	got = net_lookupStaticHost(name, &n);
	k = key(name);
	m = 0;
	for (i = 0; i < nl; i++) {
		for (j = 0; j < lines[i].n; j++) {
			kj = key(lines[i].names[j]);
			if (strcmp(k, kj) == 0) {
				if (m >= n ||
				    strcmp(got[m], lines[i].addr) != 0)
					fuzz_fail("lookupStaticHost(%s)[%d] = "
						  "%s, want %s",
					    name, m, m < n ? got[m] : "none",
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
checkAddr(const modelLine *lines, int nl, const char *text)
{
	char **got, *want, *addr;
	int    n, i, j, m;

	got = net_lookupStaticAddr(text, &n);
	addr = net_parseLiteralIP(text, strlen(text));
	m = 0;
	for (i = 0; i < nl; i++) {
		if (addr == NULL || strcmp(lines[i].addr, addr) != 0)
			continue;
		for (j = 0; j < lines[i].n; j++) {
			want = net_absDomainName(
			    lines[i].names[j], strlen(lines[i].names[j]));
			if (m >= n || strcmp(got[m], want) != 0)
				fuzz_fail("lookupStaticAddr(%s)[%d] = %s, "
					  "want %s",
				    text, m, m < n ? got[m] : "none", want);
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
	free(net_lookupStaticHost("", &n));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	modelLine lines[maxLines];
	char	 *text, *upper;
	int	  nl, i, q;

	if ((text = fuzz_cstring(data, size)) == NULL)
		return 0;
	writeHosts(data, size);
	if ((nl = parse(text, lines)) < 0)
		goto out;
	q = 0;
	for (i = 0; i < nl && q < maxQueries; i++, q++) {
		checkHost(lines, nl, lines[i].names[0]);
		upper = key(lines[i].names[lines[i].n - 1]);
		upper[0] = (char)toupper((unsigned char)upper[0]);
		checkHost(lines, nl, upper);
		free(upper);
		checkAddr(lines, nl, lines[i].text);
	}
	freeLines(lines, nl);
out:
	free(text);
	return 0;
}
