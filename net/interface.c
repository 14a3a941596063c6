/*
 * C port of go1.19 src/net/interface.go: for now only ipv6ZoneCache and the
 * two interface errors; Interface and its table arrive with interfaces.
 */
#include <net/if.h>

#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"

static errors_errorString errNoSuchInterface =
    ERRORS_NEW_STATIC("no such network interface");
static errors_errorString errNoSuchMulticastInterface =
    ERRORS_NEW_STATIC("no such multicast network interface");
runtime_error *const net_errNoSuchInterface = &errNoSuchInterface.err;
runtime_error *const net_errNoSuchMulticastInterface =
    &errNoSuchMulticastInterface.err;

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
 * when force is set; it reports whether it fetched.  Go reads the table
 * through interfaceTable (netlink); if_nameindex asks the same kernel
 * table.  A failed fetch keeps the old table, as Go's does.
 */
static bool
zoneCache_update(bool force)
{
	struct if_nameindex *ift, *ifi;
	int64_t		     now;
	size_t		     n;

	sync_RWMutex_Lock(&zoneCache.mu);
	now = runtime_nanotime();
	if (!force && zoneCache.lastFetched != 0 &&
	    zoneCache.lastFetched > now - 60 * time_Second) {
		sync_RWMutex_Unlock(&zoneCache.mu);
		return false;
	}
	zoneCache.lastFetched = now;
	if ((ift = if_nameindex()) == NULL) {
		sync_RWMutex_Unlock(&zoneCache.mu);
		return false;
	}
	for (n = 0; ift[n].if_index != 0; n++)
		;
	free(zoneCache.ent);
	zoneCache.ent = runtime_malloc((n + 1) * sizeof(zoneEntry));
	zoneCache.nent = 0;
	for (ifi = ift; ifi->if_index != 0; ifi++) {
		zoneCache.ent[zoneCache.nent].index = (int)ifi->if_index;
		zoneCache.ent[zoneCache.nent].name =
		    intern(ifi->if_name, strlen(ifi->if_name));
		zoneCache.nent++;
	}
	if_freenameindex(ift);
	sync_RWMutex_Unlock(&zoneCache.mu);
	return true;
}

/* lookupName and lookupIndex search the table under the read lock. */
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
	for (i = 0; i < zoneCache.nent; i++) {
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
	updated = zoneCache_update(false);
	name = lookupName(index);
	if (name == NULL && !updated) {
		zoneCache_update(true);
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
	updated = zoneCache_update(false);
	if (lookupIndex(zone, &index))
		return index;
	if (!updated) {
		zoneCache_update(true);
		if (lookupIndex(zone, &index))
			return index;
	}
	net_dtoi(zone, strlen(zone), &index, &i);
	return index;
}
