/* C port of go1.19 src/net/hosts.go */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

/* How long a read of the hosts file is trusted without a stat. */
static const time_Duration net_cacheMaxAge = 5 * time_Second;

const char *net_testHookHostsPath = "/etc/hosts";

/*
 * net_hostsMap stands for Go's map[string][]string: a chained hash table
 * from a key to a growing list of values, in the order the hosts file gave
 * them.  Keys and values are Go strings, malloc'd bytes with a length (a
 * NUL follows them but is not part of them), so that a NUL byte inside a
 * field stays in the name or zone, as in Go.  Hosts files can be long
 * (blocklists run to hundreds of thousands of lines), hence a hash rather
 * than a scan.
 */
typedef struct net_hostsEntry {
	struct net_hostsEntry *next;
	net_string	       key;
	net_string	      *vals;
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
	sync_Mutex   mu;
	net_hostsMap byName; /* lower-cased name -> literal IPs */
	net_hostsMap byAddr; /* literal IP -> names as written */
	time_Time    expire;
	char	    *path;
	time_Time    mtime;
	int64_t	     size;
} net_hosts;

static size_t
net_hostsMap_hash(net_string s)
{
	size_t h, i;

	/* FNV-1a. */
	h = 14695981039346656037ULL & SIZE_MAX;
	for (i = 0; i < s.n; i++)
		h = (h ^ (unsigned char)s.p[i]) * 1099511628211ULL;
	return h;
}

static net_hostsEntry *
net_hostsMap_get(const net_hostsMap *m, net_string key)
{
	net_hostsEntry *e;

	if (m->nbuckets == 0)
		return NULL;
	e = m->buckets[net_hostsMap_hash(key) & (m->nbuckets - 1)];
	for (; e != NULL; e = e->next)
		if (e->key.n == key.n && memcmp(e->key.p, key.p, key.n) == 0)
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

/*
 * net_hostsMap_append is Go's m[key] = append(m[key], val); key is
 * copied, val (malloc'd) is taken.
 */
static void
net_hostsMap_append(net_hostsMap *m, net_string key, net_string val)
{
	net_hostsEntry *e;
	size_t		b;

	e = net_hostsMap_get(m, key);
	if (e == NULL) {
		if (m->len >= m->nbuckets)
			net_hostsMap_grow(m);
		e = runtime_malloc(sizeof(*e));
		e->key.p = runtime_strndup(key.p, key.n);
		e->key.n = key.n;
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

/* net_string_free releases the bytes of a string this file allocated. */
static void
net_string_free(net_string s)
{
	free((char *)s.p);
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
				net_string_free(e->vals[j]);
			free(e->vals);
			net_string_free(e->key);
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
static net_string *
net_copyStrings(const net_string *vals, int n)
{
	net_string *a;
	char	   *p;
	size_t	    size;
	int	    i;

	size = (size_t)n * sizeof(a[0]);
	for (i = 0; i < n; i++)
		size += vals[i].n + 1;
	a = runtime_malloc(size);
	p = (char *)(a + n);
	for (i = 0; i < n; i++) {
		memcpy(p, vals[i].p, vals[i].n);
		p[vals[i].n] = '\0';
		a[i].p = p;
		a[i].n = vals[i].n;
		p += vals[i].n + 1;
	}
	return a;
}

/*
 * absDomainName is net_absDomainName with the result's length, for a name
 * that may hold NUL bytes: the result is s, or s and the dot it appends.
 */
static net_string
absDomainName(const char *s, size_t n)
{
	char *r;

	r = net_absDomainName(s, n);
	return (net_string){ r, r[n] == '.' ? n + 1 : n };
}

/*
 * net_parseLiteralIP uses parseIPZone where Go tries parseIPv4 and then
 * parseIPv6Zone: parseIPZone picks the parser by whether a '.' or a ':'
 * comes first, and a text the other parser would accept cannot start
 * that way, so both accept exactly the same texts.
 */
net_string
net_parseLiteralIP(const char *addr, size_t n)
{
	const char *zone;
	size_t	    zonelen, len;
	char	   *s, *r;
	net_IP	    ip;

	ip = net_parseIPZone(addr, n, &zone, &zonelen);
	if (ip.len == 0)
		return (net_string){ NULL, 0 };
	s = net_IP_String(ip);
	len = strlen(s);
	if (zonelen == 0)
		return (net_string){ s, len };
	/* The zone is copied by length: it may hold NUL bytes. */
	r = runtime_malloc(len + 1 + zonelen + 1);
	memcpy(r, s, len);
	r[len] = '%';
	memcpy(r + len + 1, zone, zonelen);
	free(s);
	return (net_string){ r, len + 1 + zonelen };
}

/*
 * net_readHosts_line adds one line's address and names to the new maps
 * hs (by name) and is (by address).
 */
static void
net_readHosts_line(char *line, size_t n, net_hostsMap *hs, net_hostsMap *is)
{
	net_string *f, addr, key;
	size_t	    nf, i;
	char	   *hash, *h;

	/* Whatever follows a '#' is a comment. */
	if ((hash = memchr(line, '#', n)) != NULL)
		n = (size_t)(hash - line);
	f = net_getFields(line, n, &nf);
	if (nf < 2)
		goto out;
	addr = net_parseLiteralIP(f[0].p, f[0].n);
	if (addr.p == NULL)
		goto out;
	for (i = 1; i < nf; i++) {
		h = runtime_strndup(f[i].p, f[i].n);
		net_lowerASCIIBytes(h, f[i].n);
		key = absDomainName(h, f[i].n);
		net_hostsMap_append(hs, key,
		    (net_string){ runtime_strndup(addr.p, addr.n), addr.n });
		net_hostsMap_append(is, addr, absDomainName(f[i].p, f[i].n));
		net_string_free(key);
		free(h);
	}
	net_string_free(addr);
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

net_string *
net_lookupStaticHost(const char *host, size_t hostlen, int *n)
{
	net_hostsEntry *e;
	net_string     *ips, key;
	char	       *lowerHost;

	ips = NULL;
	*n = 0;
	sync_Mutex_Lock(&net_hosts.mu);
	net_readHosts();
	if (net_hosts.byName.len != 0) {
		lowerHost = runtime_strndup(host, hostlen);
		if (net_hasUpperCase(host, hostlen))
			net_lowerASCIIBytes(lowerHost, hostlen);
		key = absDomainName(lowerHost, hostlen);
		if ((e = net_hostsMap_get(&net_hosts.byName, key)) != NULL) {
			ips = net_copyStrings(e->vals, e->n);
			*n = e->n;
		}
		net_string_free(key);
		free(lowerHost);
	}
	sync_Mutex_Unlock(&net_hosts.mu);
	return ips;
}

net_string *
net_lookupStaticAddr(const char *addr, size_t addrlen, int *n)
{
	net_hostsEntry *e;
	net_string     *hosts, a;

	hosts = NULL;
	*n = 0;
	sync_Mutex_Lock(&net_hosts.mu);
	net_readHosts();
	a = net_parseLiteralIP(addr, addrlen);
	if (a.p == NULL)
		goto out;
	if (net_hosts.byAddr.len != 0) {
		if ((e = net_hostsMap_get(&net_hosts.byAddr, a)) != NULL) {
			hosts = net_copyStrings(e->vals, e->n);
			*n = e->n;
		}
	}
	net_string_free(a);
out:
	sync_Mutex_Unlock(&net_hosts.mu);
	return hosts;
}
