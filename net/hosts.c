/* C port of go1.19 src/net/hosts.go */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/* How long a read of the hosts file is trusted without a stat. */
static const time_Duration net_cacheMaxAge = 5 * time_Second;

const char *net_testHookHostsPath = "/etc/hosts";

/*
 * net_hostsMap stands for Go's map[string][]string: a chained hash table
 * from a malloc'd key to a growing list of malloc'd strings, in the order
 * the hosts file gave them.  Hosts files can be long (blocklists run to
 * hundreds of thousands of lines), hence a hash rather than a scan.
 */
typedef struct net_hostsEntry {
	struct net_hostsEntry *next;
	char		      *key;
	char		     **vals;
	int		       n;
	int		       cap;
} net_hostsEntry;

typedef struct net_hostsMap {
	net_hostsEntry **buckets;
	size_t		 nbuckets; /* a power of two, or 0 */
	size_t		 len;
} net_hostsMap;

/*
 * The cache and what it was read from.  The mutex guards all of it, so a
 * lookup sees one consistent reading of one file.
 */
static struct {
	pthread_mutex_t mu;
	net_hostsMap	byName; /* lower-cased name -> literal IPs */
	net_hostsMap	byAddr; /* literal IP -> names as written */
	time_Time	expire;
	char	       *path;
	time_Time	mtime;
	int64_t		size;
} net_hosts = { .mu = PTHREAD_MUTEX_INITIALIZER };

static size_t
net_hostsMap_hash(const char *s)
{
	size_t h;

	/* FNV-1a. */
	h = 14695981039346656037ULL & SIZE_MAX;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static net_hostsEntry *
net_hostsMap_get(const net_hostsMap *m, const char *key)
{
	net_hostsEntry *e;

	if (m->nbuckets == 0)
		return NULL;
	e = m->buckets[net_hostsMap_hash(key) & (m->nbuckets - 1)];
	for (; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e;
	return NULL;
}

static void
net_hostsMap_grow(net_hostsMap *m)
{
	net_hostsEntry **old, *e, *next;
	size_t		 oldn, i, b;

	old = m->buckets;
	oldn = m->nbuckets;
	m->nbuckets = oldn == 0 ? 64 : 2 * oldn;
	m->buckets = runtime_malloc(m->nbuckets * sizeof(m->buckets[0]));
	for (i = 0; i < oldn; i++) {
		for (e = old[i]; e != NULL; e = next) {
			next = e->next;
			b = net_hostsMap_hash(e->key) & (m->nbuckets - 1);
			e->next = m->buckets[b];
			m->buckets[b] = e;
		}
	}
	free(old);
}

/* net_hostsMap_append is Go's m[key] = append(m[key], val); it takes val. */
static void
net_hostsMap_append(net_hostsMap *m, const char *key, char *val)
{
	net_hostsEntry *e;
	size_t		b;

	e = net_hostsMap_get(m, key);
	if (e == NULL) {
		if (m->len >= m->nbuckets)
			net_hostsMap_grow(m);
		e = runtime_malloc(sizeof(*e));
		e->key = runtime_strdup(key);
		b = net_hostsMap_hash(key) & (m->nbuckets - 1);
		e->next = m->buckets[b];
		m->buckets[b] = e;
		m->len++;
	}
	if (e->n == e->cap) {
		e->cap = e->cap == 0 ? 2 : 2 * e->cap;
		e->vals = runtime_realloc(
		    e->vals, (size_t)e->cap * sizeof(e->vals[0]));
	}
	e->vals[e->n++] = val;
}

static void
net_hostsMap_free(net_hostsMap *m)
{
	net_hostsEntry *e, *next;
	size_t		i;
	int		j;

	for (i = 0; i < m->nbuckets; i++) {
		for (e = m->buckets[i]; e != NULL; e = next) {
			next = e->next;
			for (j = 0; j < e->n; j++)
				free(e->vals[j]);
			free(e->vals);
			free(e->key);
			free(e);
		}
	}
	free(m->buckets);
	*m = (net_hostsMap){ 0 };
}

/*
 * net_copyStrings gives the caller a copy of a cached list in the block
 * shape net_lookupStaticHost documents, so that changing the result
 * cannot change the cache (Go issue 14212).
 */
static char **
net_copyStrings(char *const *vals, int n)
{
	char **a, *p;
	size_t size, len;
	int    i;

	size = (size_t)(n + 1) * sizeof(a[0]);
	for (i = 0; i < n; i++)
		size += strlen(vals[i]) + 1;
	a = runtime_malloc(size);
	p = (char *)(a + n + 1);
	for (i = 0; i < n; i++) {
		len = strlen(vals[i]) + 1;
		memcpy(p, vals[i], len);
		a[i] = p;
		p += len;
	}
	a[n] = NULL;
	return a;
}

/*
 * net_parseLiteralIP uses parseIPZone where Go tries parseIPv4 and then
 * parseIPv6Zone: parseIPZone picks the parser by whether a '.' or a ':'
 * comes first, and a text the other parser would accept cannot start
 * that way, so both accept exactly the same texts.
 */
char *
net_parseLiteralIP(const char *addr, size_t n)
{
	const char *zone;
	size_t	    zonelen;
	char	   *s, *r;
	net_IP	    ip;

	ip = net_parseIPZone(addr, n, &zone, &zonelen);
	if (ip.len == 0)
		return NULL;
	s = net_IP_String(ip);
	if (zonelen == 0)
		return s;
	r = runtime_malloc(strlen(s) + 1 + zonelen + 1);
	strcpy(r, s);
	strcat(r, "%");
	strncat(r, zone, zonelen);
	free(s);
	return r;
}

/*
 * net_readHosts_line adds one line's address and names to the new maps
 * hs (by name) and is (by address).
 */
static void
net_readHosts_line(char *line, size_t n, net_hostsMap *hs, net_hostsMap *is)
{
	net_string *f;
	size_t	    nf, i;
	char	   *hash, *addr, *h, *key;

	/* Whatever follows a '#' is a comment. */
	if ((hash = memchr(line, '#', n)) != NULL)
		n = (size_t)(hash - line);
	f = net_getFields(line, n, &nf);
	/*
	 * Go keeps a name or a zone ("fe80::1%a\x00b") with a NUL byte
	 * whole, where no C string can ask for it; cut at the NUL it would
	 * answer for another, so it is left out.
	 */
	if (nf < 2 || memchr(f[0].p, '\0', f[0].n) != NULL)
		goto out;
	addr = net_parseLiteralIP(f[0].p, f[0].n);
	if (addr == NULL)
		goto out;
	for (i = 1; i < nf; i++) {
		if (memchr(f[i].p, '\0', f[i].n) != NULL)
			continue;
		h = runtime_strndup(f[i].p, f[i].n);
		net_lowerASCIIBytes(h, f[i].n);
		key = net_absDomainName(h, f[i].n);
		net_hostsMap_append(hs, key, runtime_strdup(addr));
		net_hostsMap_append(
		    is, addr, net_absDomainName(f[i].p, f[i].n));
		free(key);
		free(h);
	}
	free(addr);
out:
	free(f);
}

/*
 * net_readHosts refreshes the cache when it has expired or the path
 * changed, skipping the read when a stat shows the same file unchanged.
 * It runs with net_hosts.mu held.  A file that cannot be opened keeps the
 * old cache, as Go does.
 */
static void
net_readHosts(void)
{
	net_hostsMap   hs = { 0 }, is = { 0 };
	runtime_error *err;
	time_Time      now, mtime;
	net_file      *file;
	const char    *hp;
	int64_t	       size;
	char	      *line;
	size_t	       n;
	bool	       samePath;

	now = time_Now();
	hp = net_testHookHostsPath;
	samePath = net_hosts.path != NULL && strcmp(net_hosts.path, hp) == 0;

	if (time_Time_Before(now, net_hosts.expire) && samePath &&
	    net_hosts.byName.len > 0)
		return;
	err = net_stat(hp, &mtime, &size);
	if (err == NULL && samePath &&
	    time_Time_Equal(net_hosts.mtime, mtime) && net_hosts.size == size) {
		net_hosts.expire = time_Time_Add(now, net_cacheMaxAge);
		return;
	}
	runtime_error_Free(err);

	if ((err = net_open(hp, &file)) != NULL) {
		runtime_error_Free(err);
		return;
	}
	while (net_file_readLine(file, &line, &n))
		net_readHosts_line(line, n, &hs, &is);
	net_hosts.expire = time_Time_Add(now, net_cacheMaxAge);
	free(net_hosts.path);
	net_hosts.path = runtime_strdup(hp);
	net_hostsMap_free(&net_hosts.byName);
	net_hostsMap_free(&net_hosts.byAddr);
	net_hosts.byName = hs;
	net_hosts.byAddr = is;
	net_hosts.mtime = mtime;
	net_hosts.size = size;
	net_file_close(file);
}

char **
net_lookupStaticHost(const char *host, int *n)
{
	net_hostsEntry *e;
	char	       *lowerHost, *key;
	char	      **ips;

	ips = NULL;
	*n = 0;
	pthread_mutex_lock(&net_hosts.mu);
	net_readHosts();
	if (net_hosts.byName.len != 0) {
		lowerHost = runtime_strdup(host);
		if (net_hasUpperCase(host, strlen(host)))
			net_lowerASCIIBytes(lowerHost, strlen(lowerHost));
		key = net_absDomainName(lowerHost, strlen(lowerHost));
		if ((e = net_hostsMap_get(&net_hosts.byName, key)) != NULL) {
			ips = net_copyStrings(e->vals, e->n);
			*n = e->n;
		}
		free(key);
		free(lowerHost);
	}
	pthread_mutex_unlock(&net_hosts.mu);
	return ips;
}

char **
net_lookupStaticAddr(const char *addr, int *n)
{
	net_hostsEntry *e;
	char	      **hosts, *a;

	hosts = NULL;
	*n = 0;
	pthread_mutex_lock(&net_hosts.mu);
	net_readHosts();
	a = net_parseLiteralIP(addr, strlen(addr));
	if (a == NULL)
		goto out;
	if (net_hosts.byAddr.len != 0) {
		if ((e = net_hostsMap_get(&net_hosts.byAddr, a)) != NULL) {
			hosts = net_copyStrings(e->vals, e->n);
			*n = e->n;
		}
	}
	free(a);
out:
	pthread_mutex_unlock(&net_hosts.mu);
	return hosts;
}
