/*
 * gonet net: the configuration half of the pure-Go resolver, private to
 * net/ and the tests: dnsconfig.c and dnsconfig_unix.c (resolv.conf),
 * nss.c (nsswitch.conf), conf.c (which lookup order a host name gets) and
 * addrselect.c (RFC 6724 sorting).  It is net_impl.h's second part, kept
 * in its own file so that the query side (dnsclient_unix.c, lookup*.c)
 * and this side could be written at the same time; it includes
 * net_impl.h, so a file that includes it needs nothing else.
 */
#ifndef GONET_NET_DNSCONFIG_H
#define GONET_NET_DNSCONFIG_H

#include <stdatomic.h>

#include "net/net_impl.h"

/* dnsconfig.c, dnsconfig_unix.c */
/*
 * net_dnsConfig is Go's dnsConfig, field for field in Go's order.  Each
 * []string is an array of Go strings with its length: every string is
 * its own malloc'd copy with a NUL after it (so one without NUL bytes is a
 * C string as well), and the arrays are malloc'd; nil is NULL and 0.  A
 * config net_dnsReadConfig made owns all of that and err, and is released
 * by net_dnsConfig_free.  A hand-built config (the tests') may point at
 * static strings and is never freed.
 */
typedef struct net_dnsConfig {
	net_string	*servers; /* "host:port" of each server */
	int		 nservers;
	net_string	*search; /* rooted suffixes tried after a name */
	int		 nsearch;
	int		 ndots;
	time_Duration	 timeout; /* per query, retries included */
	int		 attempts;
	bool		 rotate;
	bool		 unknownOpt;
	net_string	*lookup; /* OpenBSD's "lookup" databases, in order */
	int		 nlookup;
	runtime_error	*err;	/* why resolv.conf could not be read */
	time_Time	 mtime; /* resolv.conf's modification time */
	_Atomic uint32_t soffset;
	bool		 singleRequest; /* A then AAAA, not both at once */
	bool		 useTCP;
} net_dnsConfig;

/* net_defaultNS is Go's defaultNS: 127.0.0.1:53 and [::1]:53. */
extern const net_string net_defaultNS[2];

/*
 * net_getHostname is Go's getHostname, a seam for the tests (os.Hostname
 * by default).  It writes a malloc'd name to *name, or NULL with an error.
 */
extern runtime_error *(*net_getHostname)(char **name);
runtime_error *net_osHostname(char **name);

/*
 * net_dnsReadConfig reads filename as resolv.conf(5) the way Go does.  It
 * never fails: an unreadable file gives Go's defaults with err set.  The
 * result is malloc'd; release it with net_dnsConfig_free.
 */
net_dnsConfig *net_dnsReadConfig(const char *filename);
void	       net_dnsConfig_free(net_dnsConfig *conf);
/*
 * net_dnsConfig_serverOffset is where a query starts in servers: 0, or
 * a counter that moves on at each call when rotate is set.
 */
uint32_t net_dnsConfig_serverOffset(net_dnsConfig *c);
/*
 * net_dnsDefaultSearch is the search list a config without "search" or
 * "domain" gets from the host name's domain: a malloc'd array of *n
 * strings (each malloc'd), or NULL and 0.
 */
net_string *net_dnsDefaultSearch(int *n);
/* net_ensureRooted returns s[0:n] ending in a dot, malloc'd (NUL after). */
net_string net_ensureRooted(const char *s, size_t n);
/* net_hasPrefix reports whether s[0:n] starts with the C string prefix. */
bool net_hasPrefix(const char *s, size_t n, const char *prefix);
/* net_freeStrings frees n malloc'd strings and the array holding them. */
void net_freeStrings(net_string *a, int n);

/* nss.c */
/* net_nssCriterion is one "[!STATUS=ACTION]" item, lower-cased. */
typedef struct net_nssCriterion {
	bool	   negate;
	net_string status;
	net_string action;
} net_nssCriterion;

/* net_nssSource is a source of a database and its bracketed criteria. */
typedef struct net_nssSource {
	net_string	  source;
	net_nssCriterion *criteria;
	int		  ncriteria;
} net_nssSource;

/*
 * net_nssDB is one key of Go's map[string][]nssSource: a database name
 * and its sources in the file's order.
 */
typedef struct net_nssDB {
	net_string     name;
	net_nssSource *sources;
	int	       nsources;
} net_nssDB;

/*
 * net_nssConf is Go's nssConf.  sources holds the databases in the order
 * they first appear (Go's map has none; nothing depends on it).  Strings
 * and arrays are malloc'd and owned, as are err and the conf itself:
 * release it with net_nssConf_free.
 */
typedef struct net_nssConf {
	runtime_error *err;
	net_nssDB     *sources;
	int	       nsources;
} net_nssConf;

net_nssConf *net_parseNSSConfFile(const char *file);
/* net_parseNSSConf parses the bytes of a file (Go's takes an io.Reader). */
net_nssConf *net_parseNSSConf(const char *data, size_t n);
void	     net_nssConf_free(net_nssConf *conf);
/*
 * net_nssConf_sources is Go's conf.sources[db]: the sources listed for db
 * (borrowed from conf), or NULL and 0.
 */
const net_nssSource *net_nssConf_sources(
    const net_nssConf *conf, const char *db, int *n);
bool net_nssSource_standardCriteria(const net_nssSource *s);
bool net_nssCriterion_standardStatusAction(
    const net_nssCriterion *c, bool last);

/* conf.c */
/*
 * net_hostLookupOrder is Go's hostLookupOrder type of dnsclient_unix.go,
 * declared here beside conf.c, its one producer.  gonet has no cgo, so
 * the lookup functions treat hostLookupCgo as hostLookupFilesDNS, as a Go
 * binary built without cgo does.
 */
typedef enum net_hostLookupOrder {
	net_hostLookupCgo,
	net_hostLookupFilesDNS, /* the hosts file, then DNS */
	net_hostLookupDNSFiles,
	net_hostLookupFiles,
	net_hostLookupDNS
} net_hostLookupOrder;

/*
 * net_hostLookupOrder_String is Go's String ("files,dns"...): a static
 * string, or for a value out of range "hostLookupOrder=N??" written into
 * buf (at least 32 bytes) and returned.
 */
const char *net_hostLookupOrder_String(net_hostLookupOrder o, char *buf);

/*
 * net_conf is Go's conf.  goos is Go's runtime.GOOS (tests set others);
 * nss and resolv are owned by the system conf and borrowed in tests.
 */
typedef struct net_conf {
	bool	       forceCgoLookupHost;
	bool	       netGo;
	bool	       netCgo;
	bool	       hasMDNSAllow;
	const char    *goos;
	int	       dnsDebugLevel;
	net_nssConf   *nss;
	net_dnsConfig *resolv;
} net_conf;

/*
 * net_netGo and net_netCgo are Go's build-tag variables: gonet is built
 * as Go is without cgo (netGo true, netCgo false).
 */
extern const bool net_netGo;
extern const bool net_netCgo;

/*
 * net_systemConf is the machine's configuration, read once (environment,
 * GODEBUG, nsswitch.conf, resolv.conf, mdns.allow) and kept for the
 * process's life; never free it.
 */
net_conf *net_systemConf(void);
bool	  net_conf_canUseCgo(net_conf *c);
/* r may be NULL (no Resolver options), as Go's nil *Resolver. */
net_hostLookupOrder net_conf_hostLookupOrder(
    net_conf *c, net_Resolver *r, const char *hostname);
/*
 * net_goDebugNetDNS parses GODEBUG's netdns value: *dnsMode is "go",
 * "cgo", ... as a Go string borrowed from the environment ({ NULL, 0 }
 * for none).
 */
void net_goDebugNetDNS(net_string *dnsMode, int *debugLevel);
/* net_parseNetDNS is net_goDebugNetDNS's parse of a netdns value. */
void net_parseNetDNS(
    const char *goDebug, size_t n, net_string *dnsMode, int *debugLevel);
bool net_isLocalhost(const char *h, size_t n);
bool net_isGateway(const char *h, size_t n);
/*
 * net_Resolver_preferGo is lookup.go's (*Resolver).preferGo: r is not
 * NULL and has PreferGo set.  lookup.c defines it with the Resolver's
 * fields; until then conf.c carries a weak stand-in answering false.
 */
bool net_Resolver_preferGo(const net_Resolver *r);

/* addrselect.c */
/* net_scope is an RFC 6724 section 3.1 scope. */
typedef uint8_t net_scope;
enum {
	net_scopeInterfaceLocal = 0x1,
	net_scopeLinkLocal = 0x2,
	net_scopeAdminLocal = 0x4,
	net_scopeSiteLocal = 0x5,
	net_scopeOrgLocal = 0x8,
	net_scopeGlobal = 0xe
};

typedef struct net_ipAttr {
	net_scope Scope;
	uint8_t	  Precedence;
	uint8_t	  Label;
} net_ipAttr;

typedef struct net_policyTableEntry {
	net_IPNet Prefix;
	uint8_t	  Precedence;
	uint8_t	  Label;
} net_policyTableEntry;

/*
 * net_sortByRFC6724 sorts n addresses in place (stably) by RFC 6724's
 * destination rules, asking the kernel for each one's source address with
 * an unconnected UDP "dial" (no packet is sent).
 */
void net_sortByRFC6724(net_IPAddr *addrs, int n);
/* srcs[i] is addrs[i]'s source, a nil IP if it has none; both permuted. */
void	   net_sortByRFC6724withSrcs(net_IPAddr *addrs, net_IP *srcs, int n);
net_ipAttr net_ipAttrOf(net_IP ip);
/* net_rfc6724policyTable_Classify is Go's rfc6724policyTable.Classify. */
net_policyTableEntry net_rfc6724policyTable_Classify(net_IP ip);
net_scope	     net_classifyScope(net_IP ip);
int		     net_commonPrefixLen(net_IP a, net_IP b);

#endif /* GONET_NET_DNSCONFIG_H */
