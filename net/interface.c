/* C port of go1.19 src/net/interface.go */
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static errors_errorString errInvalidInterface =
    ERRORS_NEW_STATIC("invalid network interface");
static errors_errorString errInvalidInterfaceIndex =
    ERRORS_NEW_STATIC("invalid network interface index");
static errors_errorString errInvalidInterfaceName =
    ERRORS_NEW_STATIC("invalid network interface name");
static errors_errorString errNoSuchInterface =
    ERRORS_NEW_STATIC("no such network interface");
static errors_errorString errNoSuchMulticastInterface =
    ERRORS_NEW_STATIC("no such multicast network interface");
runtime_error *const net_errInvalidInterface = &errInvalidInterface.err;
runtime_error *const net_errInvalidInterfaceIndex =
    &errInvalidInterfaceIndex.err;
runtime_error *const net_errInvalidInterfaceName = &errInvalidInterfaceName.err;
runtime_error *const net_errNoSuchInterface = &errNoSuchInterface.err;
runtime_error *const net_errNoSuchMulticastInterface =
    &errNoSuchMulticastInterface.err;

static const char *const flagNames[] = {
	"up",
	"broadcast",
	"loopback",
	"pointtopoint",
	"multicast",
};

char *
net_Flags_String(net_Flags f)
{
	char   buf[64];
	size_t i, n;

	n = 0;
	buf[0] = '\0';
	for (i = 0; i < sizeof(flagNames) / sizeof(flagNames[0]); i++) {
		if ((f & (1u << i)) == 0)
			continue;
		if (n != 0)
			buf[n++] = '|';
		strcpy(buf + n, flagNames[i]);
		n += strlen(flagNames[i]);
	}
	return runtime_strdup(n == 0 ? "0" : buf);
}

static bool zoneCache_update(const net_ifTable *ift, bool force);

/* routeError is the OpError every function here wraps its failures in. */
static runtime_error *
routeError(runtime_error *err)
{
	return net_newOpError("route", "ip+net", NULL, NULL, err);
}

/* The Addr view of IPNet. */
static const char *
IPNetAddr_Network(const net_Addr *a)
{
	return net_IPNet_Network(&((const net_IPNetAddr *)a)->IPNet);
}

static char *
IPNetAddr_String(const net_Addr *a)
{
	return net_IPNet_String(&((const net_IPNetAddr *)a)->IPNet);
}

static net_Addr *
IPNetAddr_clone(const net_Addr *a)
{
	net_IPNetAddr *c;

	c = runtime_malloc(sizeof(*c));
	*c = *(const net_IPNetAddr *)a;
	return &c->addr;
}

const net_addrType net_IPNetAddrType = {
	.Network = IPNetAddr_Network,
	.String = IPNetAddr_String,
	.clone = IPNetAddr_clone,
};

const net_IPNetAddr *
net_Addr_IPNet(const net_Addr *a)
{
	if (a == NULL || a->type != &net_IPNetAddrType)
		return NULL;
	return (const net_IPNetAddr *)a;
}

const net_IPAddr *
net_Addr_IPAddr(const net_Addr *a)
{
	if (a == NULL || a->type != &net_IPAddrType)
		return NULL;
	return (const net_IPAddr *)a;
}

void
net_ifAddrs_appendIPNet(net_ifAddrs *l, net_IP ip, net_IPMask mask)
{
	net_ifAddr *a;

	a = net_ifAddrs_next(l);
	a->ipnet.IPNet.IP = ip;
	a->ipnet.IPNet.Mask = mask;
	net_IPNetAddr_Addr(&a->ipnet);
}

void
net_ifAddrs_appendIPAddr(net_ifAddrs *l, net_IP ip)
{
	net_ifAddr *a;

	a = net_ifAddrs_next(l);
	a->ip.IP = ip;
	net_IPAddr_Addr(&a->ip);
}

/* net_ifAddrs_next grows l by one zeroed entry and returns it. */
net_ifAddr *
net_ifAddrs_next(net_ifAddrs *l)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : 2 * l->cap;
		l->a = runtime_realloc(l->a, l->cap * sizeof(l->a[0]));
	}
	memset(&l->a[l->n], 0, sizeof(l->a[0]));
	return &l->a[l->n++];
}

/*
 * net_ifAddrs_pack moves l into the one block the API returns: n
 * pointers followed by the addresses they point at.  l is emptied.
 */
void
net_ifAddrs_pack(net_ifAddrs *l, net_Addr ***addrs, size_t *n)
{
	net_ifAddr *tab;
	net_Addr  **p;
	size_t	    i;

	*addrs = NULL;
	*n = l->n;
	if (l->n != 0) {
		p = runtime_malloc(l->n * (sizeof(*p) + sizeof(*tab)));
		tab = (net_ifAddr *)(p + l->n);
		memcpy(tab, l->a, l->n * sizeof(*tab));
		for (i = 0; i < l->n; i++)
			p[i] = &tab[i].addr;
		*addrs = p;
	}
	net_ifAddrs_free(l);
}

void
net_ifAddrs_free(net_ifAddrs *l)
{
	free(l->a);
	memset(l, 0, sizeof(*l));
}

/* net_ifTable_append adds ifi, with a copy of name[0:len], to t. */
void
net_ifTable_append(
    net_ifTable *t, const net_Interface *ifi, const char *name, size_t len)
{
	char *s;

	if (t->n == t->cap) {
		t->cap = t->cap == 0 ? 8 : 2 * t->cap;
		t->ift = runtime_realloc(t->ift, t->cap * sizeof(t->ift[0]));
	}
	s = runtime_malloc(len + 1);
	memcpy(s, name, len);
	t->ift[t->n] = *ifi;
	t->ift[t->n].Name = s;
	t->n++;
}

void
net_ifTable_free(net_ifTable *t)
{
	size_t i;

	for (i = 0; i < t->n; i++)
		free((char *)t->ift[i].Name);
	free(t->ift);
	memset(t, 0, sizeof(*t));
}

/*
 * packInterfaces copies n interfaces, names included, into one block
 * that free() releases; NULL when n is 0.
 */
static net_Interface *
packInterfaces(const net_Interface *ift, size_t n)
{
	net_Interface *p;
	size_t	       i, size, l;
	char	      *s;

	if (n == 0)
		return NULL;
	size = n * sizeof(*p);
	for (i = 0; i < n; i++)
		size += strlen(ift[i].Name) + 1;
	p = runtime_malloc(size);
	s = (char *)(p + n);
	for (i = 0; i < n; i++) {
		p[i] = ift[i];
		l = strlen(ift[i].Name) + 1;
		memcpy(s, ift[i].Name, l);
		p[i].Name = s;
		s += l;
	}
	return p;
}

/*
 * addrList runs one of the address tables (for ifi; NULL: every
 * interface) and hands its list out as the API's one block.
 */
static runtime_error *
addrList(runtime_error *(*table)(const net_Interface *, net_ifAddrs *),
    const net_Interface *ifi, net_Addr ***addrs, size_t *n)
{
	net_ifAddrs    l = { 0 };
	runtime_error *err;

	*addrs = NULL;
	*n = 0;
	if ((err = table(ifi, &l)) != NULL)
		return routeError(err);
	net_ifAddrs_pack(&l, addrs, n);
	return NULL;
}

runtime_error *
net_Interface_Addrs(const net_Interface *ifi, net_Addr ***addrs, size_t *n)
{
	if (ifi == NULL) {
		*addrs = NULL;
		*n = 0;
		return routeError(net_errInvalidInterface);
	}
	return addrList(net_interfaceAddrTable, ifi, addrs, n);
}

runtime_error *
net_Interface_MulticastAddrs(
    const net_Interface *ifi, net_Addr ***addrs, size_t *n)
{
	if (ifi == NULL) {
		*addrs = NULL;
		*n = 0;
		return routeError(net_errInvalidInterface);
	}
	return addrList(net_interfaceMulticastAddrTable, ifi, addrs, n);
}

runtime_error *
net_Interfaces(net_Interface **ift, size_t *n)
{
	net_ifTable    t = { 0 };
	runtime_error *err;

	*ift = NULL;
	*n = 0;
	if ((err = net_interfaceTable(0, &t)) != NULL)
		return routeError(err);
	if (t.n != 0)
		zoneCache_update(&t, false);
	*ift = packInterfaces(t.ift, t.n);
	*n = t.n;
	net_ifTable_free(&t);
	return NULL;
}

runtime_error *
net_InterfaceAddrs(net_Addr ***addrs, size_t *n)
{
	return addrList(net_interfaceAddrTable, NULL, addrs, n);
}

/* net_interfaceByIndex finds index in t: a pointer into t, or an error. */
runtime_error *
net_interfaceByIndex(const net_ifTable *t, int index, const net_Interface **ifi)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (t->ift[i].Index == index) {
			*ifi = &t->ift[i];
			return NULL;
		}
	}
	*ifi = NULL;
	return net_errNoSuchInterface;
}

runtime_error *
net_InterfaceByIndex(int index, net_Interface **ifi)
{
	net_ifTable	     t = { 0 };
	const net_Interface *p;
	runtime_error	    *err;

	*ifi = NULL;
	if (index <= 0)
		return routeError(net_errInvalidInterfaceIndex);
	if ((err = net_interfaceTable(index, &t)) != NULL)
		return routeError(err);
	if ((err = net_interfaceByIndex(&t, index, &p)) != NULL)
		err = routeError(err);
	else
		*ifi = packInterfaces(p, 1);
	net_ifTable_free(&t);
	return err;
}

runtime_error *
net_InterfaceByName(const char *name, net_Interface **ifi)
{
	net_ifTable    t = { 0 };
	runtime_error *err;
	size_t	       i;

	*ifi = NULL;
	if (name == NULL || name[0] == '\0')
		return routeError(net_errInvalidInterfaceName);
	if ((err = net_interfaceTable(0, &t)) != NULL)
		return routeError(err);
	if (t.n != 0)
		zoneCache_update(&t, false);
	for (i = 0; i < t.n && *ifi == NULL; i++)
		if (strcmp(t.ift[i].Name, name) == 0)
			*ifi = packInterfaces(&t.ift[i], 1);
	net_ifTable_free(&t);
	if (*ifi == NULL)
		return routeError(net_errNoSuchInterface);
	return NULL;
}

/*
 * zoneEntry maps one interface index to one name.  Names are interned in
 * a grow-only list (names) and never freed, so that net_zoneCache_name can
 * hand out a pointer that outlives every refresh: a UDPAddr's Zone may
 * point at it for the life of the process.
 */
typedef struct zoneEntry {
	int	    index;
	const char *name;
} zoneEntry;

typedef struct internedName {
	struct internedName *next;
	char		     name[];
} internedName;

/*
 * ipv6ZoneCache is Go's: the interface table, fetched at most once a
 * minute unless a miss forces a refresh.
 */
static struct {
	sync_RWMutex  mu;	   /* guards everything below */
	int64_t	      lastFetched; /* runtime_nanotime; 0 never */
	zoneEntry    *ent;
	size_t	      nent;
	internedName *names;
} zoneCache;

/* intern returns a copy of name[0:n] kept for the process's life. */
static const char *
intern(const char *name, size_t n)
{
	internedName *p;

	for (p = zoneCache.names; p != NULL; p = p->next)
		if (strlen(p->name) == n && memcmp(p->name, name, n) == 0)
			return p->name;
	p = runtime_malloc(sizeof(*p) + n + 1);
	memcpy(p->name, name, n);
	p->next = zoneCache.names;
	zoneCache.names = p;
	return p->name;
}

/*
 * update refreshes the table when it is older than a minute, or always
 * when force is set; it reports whether it fetched.  Like Go's it uses
 * the table a caller just read (ift) or reads one itself, and a failed
 * read keeps the old table.
 */
static bool
zoneCache_update(const net_ifTable *ift, bool force)
{
	net_ifTable    t = { 0 };
	runtime_error *err;
	int64_t	       now;
	size_t	       i;

	sync_RWMutex_Lock(&zoneCache.mu);
	now = runtime_nanotime();
	if (!force && zoneCache.lastFetched != 0 &&
	    zoneCache.lastFetched > now - 60 * time_Second) {
		sync_RWMutex_Unlock(&zoneCache.mu);
		return false;
	}
	zoneCache.lastFetched = now;
	if (ift == NULL || ift->n == 0) {
		if ((err = net_interfaceTable(0, &t)) != NULL) {
			sync_RWMutex_Unlock(&zoneCache.mu);
			runtime_error_Free(err);
			return false;
		}
		ift = &t;
	}
	free(zoneCache.ent);
	zoneCache.ent = runtime_malloc((ift->n + 1) * sizeof(zoneEntry));
	zoneCache.nent = 0;
	for (i = 0; i < ift->n; i++) {
		zoneCache.ent[i].index = ift->ift[i].Index;
		zoneCache.ent[i].name =
		    intern(ift->ift[i].Name, strlen(ift->ift[i].Name));
	}
	zoneCache.nent = ift->n;
	sync_RWMutex_Unlock(&zoneCache.mu);
	net_ifTable_free(&t);
	return true;
}

/*
 * lookupName and lookupIndex search the table under the read lock: Go's
 * toName keeps an index's first name, and toIndex a name's last index.
 */
static const char *
lookupName(int index)
{
	const char *name;
	size_t	    i;

	name = NULL;
	sync_RWMutex_RLock(&zoneCache.mu);
	for (i = 0; i < zoneCache.nent; i++) {
		if (zoneCache.ent[i].index == index) {
			name = zoneCache.ent[i].name;
			break;
		}
	}
	sync_RWMutex_RUnlock(&zoneCache.mu);
	return name;
}

static bool
lookupIndex(const char *name, int *index)
{
	bool   ok;
	size_t i;

	ok = false;
	sync_RWMutex_RLock(&zoneCache.mu);
	for (i = zoneCache.nent; i-- > 0;) {
		if (strcmp(zoneCache.ent[i].name, name) == 0) {
			*index = zoneCache.ent[i].index;
			ok = true;
			break;
		}
	}
	sync_RWMutex_RUnlock(&zoneCache.mu);
	return ok;
}

/*
 * net_zoneCache_name returns the interface name for index; an index no
 * interface has becomes its decimal text, so a zone always prints.
 */
const char *
net_zoneCache_name(int index)
{
	const char *name;
	bool	    updated;
	char	   *s;

	if (index == 0)
		return "";
	updated = zoneCache_update(NULL, false);
	name = lookupName(index);
	if (name == NULL && !updated) {
		zoneCache_update(NULL, true);
		name = lookupName(index);
	}
	if (name == NULL) {
		/* Go formats the index as unsigned. */
		s = itoa_Uitoa((unsigned long)(unsigned int)index);
		sync_RWMutex_Lock(&zoneCache.mu);
		name = intern(s, strlen(s));
		sync_RWMutex_Unlock(&zoneCache.mu);
		free(s);
	}
	return name;
}

/*
 * net_zoneCache_index returns the index of the interface called zone; a
 * name no interface has is read as a decimal index ("fe80::1%2"), and
 * anything else gives what dtoi made of its prefix.
 */
int
net_zoneCache_index(const char *zone)
{
	bool updated;
	int  index, i;

	if (zone == NULL || zone[0] == '\0')
		return 0;
	updated = zoneCache_update(NULL, false);
	if (lookupIndex(zone, &index))
		return index;
	if (!updated) {
		zoneCache_update(NULL, true);
		if (lookupIndex(zone, &index))
			return index;
	}
	net_dtoi(zone, strlen(zone), &index, &i);
	return index;
}
