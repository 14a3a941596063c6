/*
 * C port of go1.19 src/net/conf.go: which way a host name is looked up.
 * built on: !js
 *
 * gonet has no cgo: it is built as Go is with CGO_ENABLED=0, so netGo is
 * true and an answer of hostLookupCgo (which tests can still get from a
 * hand-made conf) makes the lookup functions use files then DNS.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "internal/godebug/godebug.h"
#include "net/dnsconfig.h"

const bool net_netGo = true;
const bool net_netCgo = false;

/* GONET_GOOS is Go's runtime.GOOS, set by mk/$(OS).mk. */
static sync_Once confOnce;
static net_conf	 confVal = { .goos = GONET_GOOS };

static void initConfVal(void *arg);

static const char *const lookupOrderName[] = {
	[net_hostLookupCgo] = "cgo",
	[net_hostLookupFilesDNS] = "files,dns",
	[net_hostLookupDNSFiles] = "dns,files",
	[net_hostLookupFiles] = "files",
	[net_hostLookupDNS] = "dns",
};

const char *
net_hostLookupOrder_String(net_hostLookupOrder o, char *buf)
{
	if ((unsigned)o < nelem(lookupOrderName))
		return lookupOrderName[o];
	snprintf(buf, 32, "hostLookupOrder=%d??", (int)o);
	return buf;
}

/*
 * underlyingErrno is os's underlyingError followed by the Errno test of
 * IsNotExist and IsPermission: the errno a path or syscall error wraps.
 */
static syscall_Errno
underlyingErrno(runtime_error *err)
{
	if (err == NULL)
		return 0;
	if (err->type == &os_PathErrorType)
		err = ((os_PathError *)err)->Err;
	else if (err->type == &os_SyscallErrorType)
		err = ((os_SyscallError *)err)->Err;
	if (err == NULL || err->type != &syscall_ErrnoType)
		return 0;
	return ((syscall_ErrnoError *)err)->Errno;
}

static bool
isNotExist(runtime_error *err)
{
	return underlyingErrno(err) == ENOENT;
}

static bool
isPermission(runtime_error *err)
{
	syscall_Errno e = underlyingErrno(err);

	return e == EACCES || e == EPERM;
}

net_conf *
net_systemConf(void)
{
	sync_Once_Do(&confOnce, initConfVal, NULL);
	return &confVal;
}

/* printDebug is the deferred report of initConfVal, on standard error. */
static void
printDebug(void)
{
	if (confVal.dnsDebugLevel > 1)
		fprintf(stderr,
		    "go package net: confVal.netCgo = %s  netGo = %s\n",
		    confVal.netCgo ? "true" : "false",
		    confVal.netGo ? "true" : "false");
	if (confVal.netGo) {
		if (net_netGo)
			fputs("go package net: built with netgo build tag; "
			      "using Go's DNS resolver\n",
			    stderr);
		else
			fputs("go package net: GODEBUG setting forcing use of "
			      "Go's resolver\n",
			    stderr);
	} else if (confVal.forceCgoLookupHost)
		fputs("go package net: using cgo DNS resolver\n", stderr);
	else
		fputs("go package net: dynamic selection of DNS resolver\n",
		    stderr);
}

static bool
isMode(net_string dnsMode, const char *m)
{
	return dnsMode.n == strlen(m) && memcmp(dnsMode.p, m, dnsMode.n) == 0;
}

/*
 * readSystemFiles is the part of initConfVal that can end early: the
 * environment variables that only libc understands force cgo, then the
 * files are read.
 */
static void
readSystemFiles(void)
{
	struct stat st;
	const char *s;

	/* An empty LOCALDOMAIN still changes libc's behaviour. */
	if (((s = getenv("RES_OPTIONS")) != NULL && s[0] != '\0') ||
	    ((s = getenv("HOSTALIASES")) != NULL && s[0] != '\0') ||
	    confVal.netCgo || getenv("LOCALDOMAIN") != NULL) {
		confVal.forceCgoLookupHost = true;
		return;
	}
	if (strcmp(confVal.goos, "openbsd") == 0 &&
	    (s = getenv("ASR_CONFIG")) != NULL && s[0] != '\0') {
		confVal.forceCgoLookupHost = true;
		return;
	}
	if (strcmp(confVal.goos, "openbsd") != 0)
		confVal.nss = net_parseNSSConfFile("/etc/nsswitch.conf");
	confVal.resolv = net_dnsReadConfig("/etc/resolv.conf");
	/* Unreadable for another reason: it may matter, let libc decide. */
	if (confVal.resolv->err != NULL && !isNotExist(confVal.resolv->err) &&
	    !isPermission(confVal.resolv->err))
		confVal.forceCgoLookupHost = true;
	if (stat("/etc/mdns.allow", &st) == 0)
		confVal.hasMDNSAllow = true;
}

static void
initConfVal(void *arg)
{
	net_string dnsMode;
	int	   debugLevel;

	(void)arg;
	net_goDebugNetDNS(&dnsMode, &debugLevel);
	confVal.dnsDebugLevel = debugLevel;
	confVal.netGo = net_netGo || isMode(dnsMode, "go");
	confVal.netCgo = net_netCgo || isMode(dnsMode, "cgo");
	/*
	 * Go's darwin, ios, windows and plan9 cases come here; gonet's
	 * platforms are Unix systems that read the files.
	 */
	if (strcmp(confVal.goos, "darwin") == 0 ||
	    strcmp(confVal.goos, "ios") == 0)
		/* Go avoids the dialogs its own queries raise there. */
		confVal.forceCgoLookupHost = true;
	else
		readSystemFiles();
	if (confVal.dnsDebugLevel > 0)
		printDebug();
}

bool
net_conf_canUseCgo(net_conf *c)
{
	return net_conf_hostLookupOrder(c, NULL, "") == net_hostLookupCgo;
}

/*
 * openbsdOrder is the OpenBSD arm of hostLookupOrder: the order comes from
 * resolv.conf's "lookup" line, not from nsswitch.conf.
 */
static net_hostLookupOrder
openbsdOrder(net_conf *c, net_hostLookupOrder fallbackOrder)
{
	const net_string *lookup;
	int		  n;

	/* resolv.conf(5): no file means "lookup file" alone. */
	if (isNotExist(c->resolv->err))
		return net_hostLookupFiles;
	lookup = c->resolv->lookup;
	n = c->resolv->nlookup;
	/* resolv.conf(5): no lookup keyword means "bind file". */
	if (n == 0)
		return net_hostLookupDNSFiles;
	if (n < 1 || n > 2)
		return fallbackOrder;
	if (isMode(lookup[0], "bind")) {
		if (n == 2)
			return isMode(lookup[1], "file")
			    ? net_hostLookupDNSFiles
			    : fallbackOrder;
		return net_hostLookupDNS;
	}
	if (isMode(lookup[0], "file")) {
		if (n == 2)
			return isMode(lookup[1], "bind")
			    ? net_hostLookupFilesDNS
			    : fallbackOrder;
		return net_hostLookupFiles;
	}
	return fallbackOrder;
}

/*
 * myhostnameDefers reports whether the myhostname module would answer for
 * hostname[0:n] itself, which only libc can ask it to do.
 */
static bool
myhostnameDefers(const char *hostname, size_t n)
{
	runtime_error *err;
	char	      *hn;
	bool	       r;

	if (net_isLocalhost(hostname, n) || net_isGateway(hostname, n))
		return true;
	err = net_getHostname(&hn);
	if (err != NULL) {
		runtime_error_Free(err);
		return true;
	}
	r = net_stringsEqualFold(hostname, n, hn, strlen(hn));
	free(hn);
	return r;
}

/*
 * nssOrder is the nsswitch.conf arm of hostLookupOrder: files and dns
 * with standard criteria, in either order, is what Go can do alone.
 */
static net_hostLookupOrder
nssOrder(net_conf *c, const char *hostname, size_t n,
    net_hostLookupOrder fallbackOrder)
{
	const net_nssSource *srcs, *src;
	runtime_error	    *nssErr;
	net_string	     first;
	bool		     mdnsSource, filesSource, dnsSource;
	int		     nsrcs, i;

	srcs = net_nssConf_sources(c->nss, "hosts", &nsrcs);
	nssErr = c->nss == NULL ? NULL : c->nss->err;
	/* No file or no hosts line: Go's DNS will do. */
	if (isNotExist(nssErr) || (nssErr == NULL && nsrcs == 0)) {
		/* illumos's default is "nis [NOTFOUND=return] files". */
		if (strcmp(c->goos, "solaris") == 0)
			return fallbackOrder;
		return net_hostLookupFilesDNS;
	}
	if (nssErr != NULL)
		return fallbackOrder;
	mdnsSource = filesSource = dnsSource = false;
	first = (net_string){ NULL, 0 };
	for (i = 0; i < nsrcs; i++) {
		src = &srcs[i];
		if (isMode(src->source, "myhostname")) {
			if (myhostnameDefers(hostname, n))
				return fallbackOrder;
		} else if (isMode(src->source, "files") ||
		    isMode(src->source, "dns")) {
			if (!net_nssSource_standardCriteria(src))
				return fallbackOrder;
			if (isMode(src->source, "files"))
				filesSource = true;
			else
				dnsSource = true;
			if (first.p == NULL)
				first = src->source;
		} else if (net_hasPrefix(src->source.p, src->source.n, "mdns"))
			/* mdns4, mdns4_minimal: .local names left earlier. */
			mdnsSource = true;
		else
			return fallbackOrder; /* a source Go cannot emulate */
	}
	/* mdns.allow may list more domains than .local, or '*'. */
	if (mdnsSource && c->hasMDNSAllow)
		return fallbackOrder;
	if (filesSource && dnsSource)
		return isMode(first, "files") ? net_hostLookupFilesDNS
					      : net_hostLookupDNSFiles;
	if (filesSource)
		return net_hostLookupFiles;
	if (dnsSource)
		return net_hostLookupDNS;
	return fallbackOrder;
}

static net_hostLookupOrder
hostLookupOrder(net_conf *c, net_Resolver *r, const char *hostname)
{
	net_hostLookupOrder fallbackOrder;
	size_t		    n;

	fallbackOrder = net_hostLookupCgo;
	if (c->netGo || net_Resolver_preferGo(r))
		fallbackOrder = strcmp(c->goos, "windows") == 0
		    ? net_hostLookupDNS
		    : net_hostLookupFilesDNS;
	if (strcmp(c->goos, "windows") == 0 || strcmp(c->goos, "plan9") == 0)
		return fallbackOrder;
	if (c->forceCgoLookupHost || c->resolv->unknownOpt ||
	    strcmp(c->goos, "android") == 0)
		return fallbackOrder;
	/* glibc's backslash escapes and IPv6 zones are libc's business. */
	if (strchr(hostname, '\\') != NULL || strchr(hostname, '%') != NULL)
		return fallbackOrder;
	if (strcmp(c->goos, "openbsd") == 0)
		return openbsdOrder(c, fallbackOrder);
	n = strlen(hostname);
	if (net_stringsHasSuffix(hostname, n, "."))
		n--;
	/* RFC 6762's .local is for mDNS, which only libc may speak. */
	if (net_stringsHasSuffixFold(hostname, n, ".local"))
		return fallbackOrder;
	return nssOrder(c, hostname, n, fallbackOrder);
}

net_hostLookupOrder
net_conf_hostLookupOrder(net_conf *c, net_Resolver *r, const char *hostname)
{
	net_hostLookupOrder ret;
	char		    buf[32];

	ret = hostLookupOrder(c, r, hostname);
	if (c->dnsDebugLevel > 1)
		fprintf(stderr, "go package net: hostLookupOrder(%s) = %s\n",
		    hostname, net_hostLookupOrder_String(ret, buf));
	return ret;
}

void
net_goDebugNetDNS(net_string *dnsMode, int *debugLevel)
{
	const char *s;
	size_t	    n;

	s = godebug_Get("netdns", &n);
	net_parseNetDNS(s, n, dnsMode, debugLevel);
}

/* parsePart reads one side of netdns's '+': a debug level or a mode. */
static void
parsePart(const char *s, size_t n, net_string *dnsMode, int *debugLevel)
{
	int i;

	if (n == 0)
		return;
	if ('0' <= s[0] && s[0] <= '9')
		net_dtoi(s, n, debugLevel, &i);
	else
		*dnsMode = (net_string){ s, n };
}

/*
 * net_parseNetDNS reads "go", "cgo", "1", "2", "cgo+1", "2+go" and the
 * like: the two sides of a '+' in either order.
 */
void
net_parseNetDNS(
    const char *goDebug, size_t n, net_string *dnsMode, int *debugLevel)
{
	const char *plus;

	*dnsMode = (net_string){ NULL, 0 };
	*debugLevel = 0;
	plus = memchr(goDebug, '+', n);
	if (plus != NULL) {
		parsePart(
		    goDebug, (size_t)(plus - goDebug), dnsMode, debugLevel);
		parsePart(plus + 1, n - (size_t)(plus - goDebug) - 1, dnsMode,
		    debugLevel);
		return;
	}
	parsePart(goDebug, n, dnsMode, debugLevel);
}

bool
net_isLocalhost(const char *h, size_t n)
{
	return net_stringsEqualFold(h, n, "localhost", 9) ||
	    net_stringsEqualFold(h, n, "localhost.localdomain", 21) ||
	    net_stringsHasSuffixFold(h, n, ".localhost") ||
	    net_stringsHasSuffixFold(h, n, ".localhost.localdomain");
}

bool
net_isGateway(const char *h, size_t n)
{
	return net_stringsEqualFold(h, n, "gateway", 7);
}
