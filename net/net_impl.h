/*
 * gonet net: declarations shared between the files of net/ (and exposed to
 * the tests through tests/export_test.h), never exported from the shared
 * library.  Unexported Go names keep their Go spelling after net_.
 *
 * Internal strings follow Go's (pointer, length) shape where Go slices them,
 * so that a substring needs no copy: a function that takes `const char *s,
 * size_t n` reads exactly n bytes and does not need a NUL.
 */
#ifndef GONET_NET_IMPL_H
#define GONET_NET_IMPL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "dnsmessage/dnsmessage.h"
#include "internal/itoa/itoa.h"
#include "net/net.h"
#include "runtime/linkname.h"
#include "sync/sync.h"
#include "time/time.h"

#define nelem(x) (sizeof(x) / sizeof((x)[0]))

/* parse.c */
/*
 * net_string is a Go string inside someone else's buffer: n bytes at p,
 * not NUL-terminated.  Go's []string results become arrays of these.
 */
typedef struct net_string {
	const char *p;
	size_t	    n;
} net_string;

/*
 * net_file is Go's line reader over a small system file: the whole file is
 * read through one 64 KiB buffer, a line at a time.
 */
typedef struct net_file {
	int    fd;
	char  *data;
	size_t off; /* start of the unread data in data */
	size_t len; /* end of the read data in data */
	size_t cap;
	bool   atEOF;
} net_file;

/*
 * os_PathError is Go's *fs.PathError ("open NAME: no such file or
 * directory"), the error net_open and net_stat return.  It owns its
 * strings; Err is an errno box.
 */
typedef struct os_PathError {
	runtime_error  err;
	char	      *Op;
	char	      *Path;
	runtime_error *Err;
} os_PathError;
extern const runtime_errorType os_PathErrorType;

/* net_big bounds the numbers dtoi and xtoi accept. */
enum { net_big = 0xFFFFFF };

/* net_open opens name for net_file_readLine; *f is NULL on error. */
runtime_error *net_open(const char *name, net_file **f);
/* net_file_close closes the file and frees f. */
void net_file_close(net_file *f);
/*
 * net_file_readLine returns false at end of file; otherwise *s (n bytes,
 * NUL-terminated, without the newline) borrows f's buffer until the next
 * call, and the caller may modify it in place.
 */
bool net_file_readLine(net_file *f, char **s, size_t *n);
/* net_stat reports name's modification time and size. */
runtime_error *net_stat(const char *name, time_Time *mtime, int64_t *size);
/* net_countAnyByte counts the bytes of s[0:n] that occur in the C string t. */
int net_countAnyByte(const char *s, size_t n, const char *t);
/* net_splitAtBytes splits s[0:n] at bytes of t: a malloc'd array (free()). */
net_string *net_splitAtBytes(
    const char *s, size_t n, const char *t, size_t *nfields);
/* net_getFields splits s[0:n] at ASCII white space, as splitAtBytes. */
net_string *net_getFields(const char *s, size_t n, size_t *nfields);
/* net_dtoi reads a decimal prefix: *num, *i bytes consumed, and ok. */
bool net_dtoi(const char *s, size_t n, int *num, int *i);
/* net_xtoi reads a hexadecimal prefix, as net_dtoi. */
bool net_xtoi(const char *s, size_t n, int *num, int *i);
/* net_xtoi2 reads two hex digits that must be followed by e, if anything. */
bool net_xtoi2(const char *s, size_t n, char e, uint8_t *b);
/* net_appendHex writes i in hex at dst (up to 8 bytes), returns the end. */
char	  *net_appendHex(char *dst, uint32_t i);
int	   net_count(const char *s, size_t n, char b);
bool	   net_hasUpperCase(const char *s, size_t n);
void	   net_lowerASCIIBytes(char *x, size_t n);
char	   net_lowerASCII(char b);
net_string net_trimSpace(const char *x, size_t n);
bool	   net_isSpace(char b);
/*
 * net_last is the index of the last b in s[0:n], or -1: Go's last, a
 * backward loop there; glibc's memrchr does it a word at a time, and
 * inline here it takes a fifth off SplitHostPort's time.
 */
static inline int
net_last(const char *s, size_t n, char b)
{
	const char *p;

	p = memrchr(s, b, n);
	return p == NULL ? -1 : (int)(p - s);
}

/* net_removeComment cuts line[0:n] at its first '#'. */
net_string net_removeComment(const char *line, size_t n);
/* The callbacks get each line (with its '\n') or field and arg. */
runtime_error *net_foreachLine(const char *x, size_t		       n,
    runtime_error *(*fn)(const char *line, size_t n, void *arg), void *arg);
runtime_error *net_foreachField(const char *x, size_t			n,
    runtime_error *(*fn)(const char *field, size_t n, void *arg), void *arg);
/* Prefix and suffix arguments are C strings. */
bool net_stringsHasSuffix(const char *s, size_t n, const char *suffix);
bool net_stringsHasSuffixFold(const char *s, size_t n, const char *suffix);
bool net_stringsHasPrefix(const char *s, size_t n, const char *prefix);
bool net_stringsEqualFold(const char *s, size_t sn, const char *t, size_t tn);
/*
 * net_readFull reads fd to its end into a malloc'd, NUL-terminated buffer
 * (*all, *n); Go's version takes an io.Reader.
 */
runtime_error *net_readFull(int fd, char **all, size_t *n);

/* ip.c */
/*
 * net_parseIPZone parses s[0:n] as an IP literal with an optional IPv6 zone
 * ("fe80::1%eth0").  The zone is returned as a pointer into s and a length
 * (NULL, 0 when there is none); the IP is nil (len 0) when s is not valid.
 */
net_IP net_parseIPZone(
    const char *s, size_t n, const char **zone, size_t *zonelen);
/* net_v4InV6Prefix is the 12-byte prefix of an IPv4-mapped IPv6 address. */
extern const uint8_t net_v4InV6Prefix[12];
/* net_isZeros reports whether p[0:n] is all zero bytes. */
bool net_isZeros(const uint8_t *p, size_t n);
/* net_allFF reports whether b[0:n] is all 0xff bytes. */
bool net_allFF(const uint8_t *b, size_t n);
/* net_ubtoa writes v in decimal at dst[start:], returning the byte count. */
int net_ubtoa(char *dst, int start, uint8_t v);
/* net_hexString returns b[0:n] in lower-case hex: malloc'd (free()). */
char *net_hexString(const uint8_t *b, size_t n);
/*
 * net_allocZoned mallocs size bytes with room after them for a copy of
 * zone, and points *zp at the copy; with no zone (NULL or ""), the usual
 * case, *zp is a static "" and nothing more is allocated.  One free()
 * releases the struct and its zone.
 */
void *net_allocZoned(size_t size, const char *zone, const char **zp);
/* net_ipEmptyString is net_IP_String, but "" for a nil IP; malloc'd. */
char *net_ipEmptyString(net_IP ip);
/* net_IP_matchAddrFamily reports whether ip and x are of one family. */
bool net_IP_matchAddrFamily(net_IP ip, net_IP x);
/* net_simpleMaskLength counts a mask's leading ones, -1 if not canonical. */
int net_simpleMaskLength(net_IPMask mask);
/*
 * net_networkNumberAndMask writes n's network number and a mask of the
 * same length, or two nils when they cannot be made to match.
 */
void net_networkNumberAndMask(const net_IPNet *n, net_IP *ip, net_IPMask *m);
/* The parsers read s[0:n]; a nil IP (len 0) means s is not valid. */
net_IP net_parseIPv4(const char *s, size_t n);
net_IP net_parseIPv6(const char *s, size_t n);
net_IP net_parseIPv6Zone(
    const char *s, size_t n, const char **zone, size_t *zonelen);

/* mac.c */
/* net_hexDigit is Go's hexDigit, the lower-case hex alphabet. */
extern const char net_hexDigit[];

/*
 * fd_mutex.c: Go's fdMutex, the reference count and read/write locks of a
 * netFD.  A closed flag in state makes every later lock fail, and the last
 * reference dropped after close is what closes the descriptor, so its
 * number cannot be reused under a running call.
 */
typedef struct net_fdMutex {
	_Atomic uint64_t state;
	uint32_t	 rsema;
	uint32_t	 wsema;
} net_fdMutex;

bool net_fdMutex_incref(net_fdMutex *mu);
bool net_fdMutex_increfAndClose(net_fdMutex *mu);
bool net_fdMutex_decref(net_fdMutex *mu);
bool net_fdMutex_rwlock(net_fdMutex *mu, bool read);
bool net_fdMutex_rwunlock(net_fdMutex *mu, bool read);

/* fd_poll_runtime.c: Go's pollDesc, the netFD's handle on the poller. */
typedef struct net_pollDesc {
	runtime_pollDesc *runtimeCtx;
} net_pollDesc;

/*
 * fd_unix.c, fd_mutex.c, fd_poll_runtime.c: internal/poll's FD, the
 * descriptor with its lifetime lock and poller handle (Go's exported
 * field names).  It is embedded in a netFD and never used alone.
 */
typedef struct poll_FD {
	net_fdMutex  fdmu; /* lifetime of Sysfd; serialises Read and Write */
	int	     Sysfd;
	net_pollDesc pd;
	uint32_t     csema; /* Close waits here for the last reference */
	bool	     IsStream;
	bool	     ZeroReadIsEOF;
	bool	     isFile; /* an os.File's, not a socket: plain write(2) */
	bool	     shortDrains; /* a TCP socket: see readPrepare */
	/*
	 * rawSeen: user code has had the descriptor (a RawConn, a dup, a
	 * Control function, FileConn), and may have set options gonet does
	 * not know of; reads then keep Go's order (readPrepare).
	 */
	_Atomic bool rawSeen;
	/*
	 * inq: TCP_INQ on a shortDrains socket (fd_inq_linux.c): 0 not yet
	 * asked for, 1 on, -1 refused or turned off for good (rawSeen).
	 */
	_Atomic signed char inq;
	/*
	 * drained, gonet's: the last Read was short, or TCP_INQ said it
	 * left nothing, and nothing has read since (fd_unix.c, readPrepare).
	 * Read side only, under the read lock; every read clears it, through
	 * poll_FD_prepareRead.  It sits here rather than in pd so that a
	 * netFD fits malloc's 96-byte chunk (112 with it in pd).
	 */
	bool drained;
} poll_FD;

/*
 * poll_FD_prepareRead is pd.prepareRead for every read of fd that does
 * not go through readPrepare: it clears fd->drained first.
 */
runtime_error *poll_FD_prepareRead(poll_FD *fd);

/*
 * fd_unix.c, fd_posix.c: netFD, Go's shape (a poll.FD and what net adds).
 * A netFD is created by newFD, owned by exactly one conn or listener,
 * closed by net_netFD_Close (any thread) and released by net_netFD_free
 * once no thread uses it.
 */
typedef struct net_netFD {
	poll_FD	  pfd;
	int	  family;
	int	  sotype;
	bool	  isConnected; /* set by dial before the fd is shared */
	char	 *net;	       /* net_netFD_netName's copy of the network */
	net_Addr *laddr;       /* owned heap addresses, or NULL */
	net_Addr *raddr;
} net_netFD;

/* net.c: error constructors */
/*
 * The constructors copy their strings.  net_newOpError also clones source
 * and addr (either may be NULL) and takes ownership of err.
 */
runtime_error *net_newParseError(const char *typ, const char *text);
runtime_error *net_newAddrError(const char *err, const char *addr);
runtime_error *net_newDNSError(const char *err, const char *name,
    const char *server, bool isTimeout, bool isTemporary, bool isNotFound);
runtime_error *net_newUnknownNetworkError(const char *s);
runtime_error *net_newInvalidAddrError(const char *s);
runtime_error *net_newOpError(const char *op, const char *net,
    const net_Addr *source, const net_Addr *addr, runtime_error *err);
/* net_newDNSConfigError takes ownership of err. */
runtime_error *net_newDNSConfigError(runtime_error *err);

/* Go's unexported error values: static sentinels. */
extern runtime_error *const net_errTimeout; /* "i/o timeout" */
extern runtime_error *const net_errCanceled;
extern runtime_error *const net_errNoSuitableAddress;
extern runtime_error *const net_errMissingAddress;
extern runtime_error *const net_errNoSuchHost;

/*
 * net_addrType is the Addr interface's method table.  clone returns a copy
 * of the address as one heap block, strings included, released by free().
 */
struct net_addrType {
	const char *(*Network)(const net_Addr *);
	char *(*String)(const net_Addr *);
	net_Addr *(*clone)(const net_Addr *);
	/*
	 * Go's sockaddr interface (sockaddr_posix.c, which has the calls),
	 * implemented by TCPAddr, UDPAddr, IPAddr and UnixAddr in their
	 * *sock_posix.c files; NULL in other Addrs.  sockaddr writes
	 * Family 0 for Go's nil Sockaddr; toLocal returns a one-block heap
	 * address.
	 */
	int (*family)(const net_Addr *);
	bool (*isWildcard)(const net_Addr *);
	runtime_error *(*sockaddr)(
	    const net_Addr *, int family, syscall_Sockaddr *sa);
	net_Addr *(*toLocal)(const net_Addr *, const char *net);
};

/* net_Addr_clone returns a one-block heap copy of a, or NULL for NULL. */
net_Addr *net_Addr_clone(const net_Addr *a);
/* sockaddr_posix.c: the sockaddr interface's calls (a is not NULL). */
int	       net_sockaddr_family(const net_Addr *a);
bool	       net_sockaddr_isWildcard(const net_Addr *a);
runtime_error *net_sockaddr_sockaddr(
    const net_Addr *a, int family, syscall_Sockaddr *sa);
net_Addr *net_sockaddr_toLocal(const net_Addr *a, const char *net);

/* ipsock.c, tcpsock.c, udpsock.c, iprawsock.c, unixsock.c, dial.c */
/*
 * net_addrList is Go's addrList ([]Addr): n addresses, each a one-block
 * heap copy that the list owns.  The zero value is the nil list.
 */
/* Declared again with the lookup section; C11 allows the repeat. */
typedef struct net_Resolver net_Resolver;

typedef struct net_addrList {
	net_Addr **a;
	size_t	   n;
} net_addrList;

/*
 * Address strategies are Go's func(Addr) bool; arg carries what a Go
 * closure would capture.
 */
bool net_isIPv4(const net_Addr *addr, void *arg);
bool net_isNotIPv4(const net_Addr *addr, void *arg);
/* net_addrList_free frees every address and the array, leaving nil. */
void net_addrList_free(net_addrList *addrs);
/* first and forResolve return an address borrowed from addrs. */
const net_Addr *net_addrList_forResolve(
    const net_addrList *addrs, const char *network, const char *addr);
const net_Addr *net_addrList_first(const net_addrList *addrs,
    bool (*strategy)(const net_Addr *, void *), void *arg);
/* partition fills two new lists of copies; free each one. */
void net_addrList_partition(const net_addrList *addrs,
    bool (*strategy)(const net_Addr *, void *), void *arg,
    net_addrList *primaries, net_addrList *fallbacks);
/*
 * net_filterAddrList is Go's filterAddrList over nips addresses; inetaddr
 * returns a new heap address and gets arg.  *addrs is nil on error.
 */
runtime_error *net_filterAddrList(bool (*filter)(const net_IPAddr *),
    const net_IPAddr *ips, int				     nips,
    net_Addr *(*inetaddr)(const net_IPAddr *, void *), void *arg,
    const char *originalAddr, net_addrList *addrs);
bool	       net_ipv4only(const net_IPAddr *addr);
bool	       net_ipv6only(const net_IPAddr *addr);
void	       net_splitHostZone(
	      const char *s, size_t n, size_t *hostn, const char **zone, size_t *zonen);
runtime_error *net_Resolver_internetAddrList(net_Resolver *r,
    context_Context *ctx, const char *net, const char *addr,
    net_addrList *addrs);
net_IP	       net_loopbackIP(const char *net);

/*
 * The address constructors return one heap block (free() releases it)
 * holding a copy of zone (NULL reads as "") or of name and net.
 */
net_TCPAddr  *net_newTCPAddr(net_IP ip, int port, const char *zone);
net_UDPAddr  *net_newUDPAddr(net_IP ip, int port, const char *zone);
net_IPAddr   *net_newIPAddr(net_IP ip, const char *zone);
net_UnixAddr *net_newUnixAddr(const char *name, const char *net);
bool	      net_TCPAddr_isWildcard(const net_TCPAddr *a);
bool	      net_UDPAddr_isWildcard(const net_UDPAddr *a);
bool	      net_IPAddr_isWildcard(const net_IPAddr *a);
bool	      net_UnixAddr_isWildcard(const net_UnixAddr *a);
/* opAddr gives the Addr view, or NULL for a NULL address. */
net_Addr *net_TCPAddr_opAddr(net_TCPAddr *a);
net_Addr *net_UDPAddr_opAddr(net_UDPAddr *a);
net_Addr *net_IPAddr_opAddr(net_IPAddr *a);
net_Addr *net_UnixAddr_opAddr(net_UnixAddr *a);

/*
 * net_parseNetwork is dial.go's parseNetwork: *afnet is a malloc'd copy of
 * the network without its ":proto" suffix (NULL on error).
 */
runtime_error *net_parseNetwork(
    const char *network, bool needsProto, char **afnet, int *proto);
/*
 * net_Resolver_resolveAddrList is Go's (*Resolver).resolveAddrList; hint
 * may be NULL.  *addrs is nil on error.
 */
runtime_error *net_Resolver_resolveAddrList(net_Resolver *r,
    context_Context *ctx, const char *op, const char *network, const char *addr,
    const net_Addr *hint, net_addrList *addrs);

/* lookup.c, lookup_unix.c, dnsclient_unix.c, hosts.c, port.c, port_unix.c */
/*
 * net_withUnexpiredValuesPreserved is Go's (lookup.go): the caller's
 * values, while its context lasts, for a lookup that outlives it.
 */
context_Context *net_withUnexpiredValuesPreserved(context_Context *lookupCtx);
/*
 * net_Resolver_lookupIPAddr is Go's (*Resolver).lookupIPAddr: network is
 * "ip", "ip4" or "ip6".  On success *addrs is one malloc'd block holding
 * *naddrs IPAddr values and their zone strings (free() releases it all).
 * ctx may be NULL (Background).
 */
runtime_error *net_Resolver_lookupIPAddr(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs);
/* lookup.go's preferGo and strictErrors: r may be NULL. */
bool net_Resolver_strictErrors(const net_Resolver *r);
/*
 * net_Resolver_dial is Go's (*Resolver).dial: r's Dial hook or a plain
 * Dialer, errors passed through mapErr.
 */
runtime_error *net_Resolver_dial(net_Resolver *r, context_Context *ctx,
    const char *network, const char *server, net_Conn **c);

/*
 * hosts.c.  net_testHookHostsPath is the hosts file readHosts reads
 * ("/etc/hosts"); tests point it elsewhere.  It is read under the hosts
 * cache lock, so set it only while no lookup runs.
 */
extern const char *net_testHookHostsPath;
/*
 * net_parseLiteralIP returns addr[0:n] in canonical text with its zone
 * ("fe80::1%lo0"), which may hold NUL bytes, as a malloc'd string (a NUL
 * follows it), or { NULL, 0 } where Go returns "".
 */
net_string net_parseLiteralIP(const char *addr, size_t n);
/*
 * net_lookupStaticHost and net_lookupStaticAddr take a Go string (pointer
 * and length: it may hold NUL bytes, as the hosts file may) and return the
 * caller's own copy of the hosts file's answer: one malloc'd block holding
 * an array of *n strings and their bytes, released by one free().  Each
 * string is also followed by a NUL, so one without NUL bytes is a C
 * string too.  No entry gives NULL and 0, Go's nil slice.
 */
net_string *net_lookupStaticHost(const char *host, size_t hostlen, int *n);
net_string *net_lookupStaticAddr(const char *addr, size_t addrlen, int *n);

/* port.c */
int net_parsePort(const char *service, bool *needsLookup);

/* port_unix.c */
runtime_error *net_goLookupPort(
    const char *network, const char *service, int *port);
/*
 * The services fuzz target's seams, which Go has no need of: the file
 * net_readServices reads ("/etc/services"), net_readServices itself (which
 * goLookupPort runs once), and lookup.c's net_services_reset, which drops
 * every row read so far.  None may run while a lookup runs.
 */
extern const char *net_testHookServicesPath;
void		   net_readServices(void);
void		   net_services_reset(void);

/* lookup.c */
/*
 * net_services_set is Go's services[network][name] = port, the way
 * readServices fills the table; network and name are (pointer, length).
 */
void net_services_set(const char *netw, size_t netwlen, const char *name,
    size_t namelen, int port);
runtime_error *net_lookupProtocolMap(const char *name, int *proto);
runtime_error *net_lookupPortMap(
    const char *network, const char *service, int *port);
/* net_ipVersion returns '4', '6' or 0, Go's byte result. */
char net_ipVersion(const char *network);
/* net_lookupProtocol is lookup_unix.go's lookupProtocol (lookup_unix.c). */
runtime_error *net_lookupProtocol(const char *name, int *proto);
/*
 * net_newIPAddrs packs n IPs and their zones (zones may be NULL) into the
 * one-block IPAddr array that net_Resolver_lookupIPAddr returns.
 */
net_IPAddr *net_newIPAddrs(const net_IP *ips, const net_string *zones, int n);

/* dnsclient.c, dnsclient_unix.c */
/*
 * net_absDomainName returns s[0:n], dot-terminated if it has a dot: malloc'd.
 */
char *net_absDomainName(const char *s, size_t n);
bool  net_isDomainName(const char *s, size_t n);
int   net_randInt(void);
int   net_randIntn(int n);
/* net_reverseaddr writes the PTR name of addr (malloc'd) to *arpa. */
runtime_error *net_reverseaddr(const char *addr, char **arpa);
bool net_equalASCIIName(const dnsmessage_Name *x, const dnsmessage_Name *y);
void net_byPriorityWeight_shuffleByWeight(net_SRV *addrs, int n);
void net_byPriorityWeight_sort(net_SRV *addrs, int n);
void net_byPref_sort(net_MX *s, int n);
/*
 * net_goLookupIPFiles returns the hosts file's addresses for name in the
 * IPAddr block shape of net_Resolver_lookupIPAddr; NULL and 0 when none.
 */
net_IPAddr *net_goLookupIPFiles(const char *name, int *naddrs);
/*
 * net_Resolver_goLookupIP is Go's goLookupIP: the order conf.c picks for
 * host, then goLookupIPCNAMEOrder; results as net_Resolver_lookupIPAddr's.
 */
runtime_error *net_Resolver_goLookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs);
/*
 * net_dnsAnswer is what Go's lookup and tryOneName return besides the
 * error: a Parser positioned at the answer, the message it reads (ours:
 * free() it, or net_dnsAnswer_free) and the server that sent it.
 */
typedef struct net_dnsAnswer {
	dnsmessage_Parser p;
	uint8_t		 *msg;
	char		 *server;
} net_dnsAnswer;
void net_dnsAnswer_free(net_dnsAnswer *a);
/* net_Resolver_lookup is Go's (*Resolver).lookup: name, search list too. */
runtime_error *net_Resolver_lookup(net_Resolver *r, context_Context *ctx,
    const char *name, dnsmessage_Type qtype, net_dnsAnswer *a);
/* The rest of Go's goLookup* family, results as the public Lookup*'s. */
runtime_error *net_Resolver_goLookupHost(net_Resolver *r, context_Context *ctx,
    const char *name, char ***addrs, int *n);
runtime_error *net_Resolver_goLookupCNAME(
    net_Resolver *r, context_Context *ctx, const char *host, char **cname);
runtime_error *net_Resolver_goLookupPTR(net_Resolver *r, context_Context *ctx,
    const char *addr, char ***names, int *n);
/*
 * net_newStrings packs n strings of lens[i] bytes into one block, the
 * array then the strings (each NUL-terminated), that one free() releases;
 * NULL for n == 0.  net_stringsOf does it for Go strings.
 */
char **net_newStrings(char *const *s, const size_t *lens, int n);
char **net_stringsOf(const net_string *s, int n);

/* lookup.c: the goLookup functions of Go's lookup.go, and their helpers. */
int	       net_dnsAnswer_next(net_dnsAnswer *a, dnsmessage_Type t,
	       dnsmessage_ResourceHeader *h, const char *name, const char *errText,
	       runtime_error **err);
void	       net_growArray(void **a, int n, int *cap, size_t sz);
runtime_error *net_Resolver_goLookupSRV(net_Resolver *r, context_Context *ctx,
    const char *service, const char *proto, const char *name, char **cname,
    net_SRV **addrs, int *n);
runtime_error *net_Resolver_goLookupMX(net_Resolver *r, context_Context *ctx,
    const char *name, net_MX **mx, int *n);
runtime_error *net_Resolver_goLookupNS(net_Resolver *r, context_Context *ctx,
    const char *name, net_NS **ns, int *n);
runtime_error *net_Resolver_goLookupTXT(net_Resolver *r, context_Context *ctx,
    const char *name, char ***txt, int *n);
/* lookup.c: readProtocols' "add unless present" on protocols[name[0:n]]. */
void net_protocols_setDefault(const char *name, size_t n, int proto);

/*
 * lookup_unix.c: Go's lookupHost, lookupIP, lookupPort, lookupCNAME and
 * lookupAddr, each what lookup_unix.go does when cgo is unavailable.
 */
runtime_error *net_Resolver_lookupHost(net_Resolver *r, context_Context *ctx,
    const char *host, char ***addrs, int *n);
runtime_error *net_Resolver_lookupIP(net_Resolver *r, context_Context *ctx,
    const char *network, const char *host, net_IPAddr **addrs, int *naddrs);
runtime_error *net_Resolver_lookupPort(net_Resolver *r, context_Context *ctx,
    const char *network, const char *service, int *port);
runtime_error *net_Resolver_lookupCNAME(
    net_Resolver *r, context_Context *ctx, const char *name, char **cname);
runtime_error *net_Resolver_lookupAddr(net_Resolver *r, context_Context *ctx,
    const char *addr, char ***names, int *n);

/* fd_unix.c, fd_poll_runtime.c, fd_mutex.c, rawconn.c (netFD) */
/*
 * fd_poll_runtime.c.  Go's isFile arguments are left out (Go 1.8's shape)
 * and errClosing is always net_ErrClosed; os.File, whose FD is a netFD
 * too, turns it into net_ErrFileClosing (Go's poll.ErrFileClosing, "use
 * of closed file") itself.
 */
/*
 * fd.c: internal/poll's errors.  poll_ErrDeadlineExceeded ("i/o timeout",
 * *poll.DeadlineExceededError) is what an expired I/O deadline returns;
 * os_ErrDeadlineExceeded is the same value.
 */
extern runtime_error *const    net_ErrNotPollable; /* "not pollable" */
extern runtime_error *const    net_ErrNoDeadline;  /* Go's poll.ErrNoDeadline */
extern runtime_error *const    net_ErrFileClosing; /* "use of closed file" */
extern const runtime_errorType poll_DeadlineExceededErrorType;
extern runtime_error	       poll_deadlineExceeded;
extern runtime_error *const    poll_ErrDeadlineExceeded;
/*
 * net_pollServerInit starts the poller if it is not running yet; it returns
 * 0 or the errno (EMFILE) of a start that failed and will be retried.
 */
syscall_Errno net_pollServerInit(void);
/* net_pollDesc_init registers fd->Sysfd with the poller (started once). */
bool	       net_pollDesc_kernelWaits(net_pollDesc *pd);
void	       net_pollDesc_kernelWaitsOff(net_pollDesc *pd);
runtime_error *net_pollDesc_init(net_pollDesc *pd, poll_FD *fd);
void	       net_pollDesc_close(net_pollDesc *pd);
/* net_pollDesc_evict wakes every call blocked on pd (Close does this). */
void	       net_pollDesc_evict(net_pollDesc *pd);
runtime_error *net_pollDesc_prepare(net_pollDesc *pd, int mode);
runtime_error *net_pollDesc_prepareRead(net_pollDesc *pd);
runtime_error *net_pollDesc_prepareWrite(net_pollDesc *pd);
runtime_error *net_pollDesc_wait(net_pollDesc *pd, int mode);
runtime_error *net_pollDesc_waitRead(net_pollDesc *pd);
runtime_error *net_pollDesc_waitWrite(net_pollDesc *pd);
void	       net_pollDesc_waitCanceled(net_pollDesc *pd, int mode);
bool	       net_pollDesc_pollable(net_pollDesc *pd);
/*
 * net_pollDesc_setKey gives the runtime a connection's key, for its
 * write-poll, and net_pollDesc_wrote tells it of a write (both gonet's,
 * runtime/netpoll.h).
 */
void net_pollDesc_setKey(net_pollDesc *pd, uint32_t key);
void net_pollDesc_wrote(net_pollDesc *pd);
/* net_convertErr maps a runtime_poll* code to Go's static error. */
runtime_error *net_convertErr(int res);
/* Deadlines are absolute; the zero time clears.  No allocation. */
runtime_error *poll_FD_SetDeadline(poll_FD *fd, time_Time t);
runtime_error *poll_FD_SetReadDeadline(poll_FD *fd, time_Time t);
runtime_error *poll_FD_SetWriteDeadline(poll_FD *fd, time_Time t);
runtime_error *poll_setDeadlineImpl(poll_FD *fd, time_Time t, int mode);
bool	       net_IsPollDescriptor(uintptr_t fd);

/*
 * fd_unix.c.  Errors are Go's: the fd layer's own (net_ErrClosed, the
 * timeout, io_EOF) are static; a system call's failure comes wrapped by
 * net_wrapSyscallError with Go's syscall name, never in an OpError (the
 * conn methods add that).  Counts hold what was transferred even on error.
 */
/*
 * net_wrapSyscallError (error_posix.c): an Errno error becomes
 * os.SyscallError(name, err); any other error, and NULL, pass through.
 * It takes ownership of err.
 */
runtime_error *net_wrapSyscallError(const char *name, runtime_error *err);
/* net_newFD wraps sysfd (not yet polled; see init) and copies net. */
runtime_error *net_newFD(
    int sysfd, int family, int sotype, const char *net, net_netFD **fd);
/* net_netFD_init registers the fd with the poller. */
runtime_error *net_netFD_init(net_netFD *fd);
/* net_netFD_setRawSeen records that user code has had fd's descriptor. */
void net_netFD_setRawSeen(net_netFD *fd);
/* net_netFD_setAddr takes ownership of two heap addresses (or NULLs). */
void net_netFD_setAddr(net_netFD *fd, net_Addr *laddr, net_Addr *raddr);
/* net_netFD_name is "net:laddr->raddr", malloc'd (free()). */
char *net_netFD_name(net_netFD *fd);
/*
 * net_netFD_ctrlNetwork is the network Control functions see ("tcp4"),
 * borrowed: static or fd's own; Go keeps it in sock_posix.go.
 */
const char *net_netFD_ctrlNetwork(net_netFD *fd);
/*
 * internal/poll's FD (fd_mutex.c, fd_unix.c).  Reference counting and the
 * read/write locks (Go's FD.incref ...): a failed lock returns
 * net_ErrClosed; an unlock or decref that drops the last reference after
 * Close closes the descriptor (poll_FD_destroy).  The I/O calls return
 * errors unwrapped (an Errno box, or a static poller error): netFD's
 * wrappers in fd_posix.c name the system call.
 */
runtime_error *poll_FD_incref(poll_FD *fd);
runtime_error *poll_FD_decref(poll_FD *fd);
runtime_error *poll_FD_readLock(poll_FD *fd);
void	       poll_FD_readUnlock(poll_FD *fd);
runtime_error *poll_FD_writeLock(poll_FD *fd);
void	       poll_FD_writeUnlock(poll_FD *fd);
runtime_error *poll_FD_destroy(poll_FD *fd);
runtime_error *poll_FD_Init(poll_FD *fd);
/*
 * poll_FD_Close wakes blocked calls and returns once the descriptor is
 * really closed (when the last running call has let go).  A second Close
 * returns net_ErrClosed.
 */
runtime_error *poll_FD_Close(poll_FD *fd);
runtime_error *poll_FD_Shutdown(poll_FD *fd, int how);
/* poll_FD_eofError is fd_posix.go's eofError (its test needs it). */
runtime_error *poll_FD_eofError(poll_FD *fd, ptrdiff_t n, runtime_error *err);
runtime_error *poll_FD_Read(poll_FD *fd, void *p, size_t len, ptrdiff_t *n);
runtime_error *poll_FD_ReadFrom(
    poll_FD *fd, void *p, size_t len, ptrdiff_t *n, syscall_Sockaddr *from);
/* ReadMsg keeps the failed call's count (-1), as Go's does. */
runtime_error *poll_FD_ReadMsg(poll_FD *fd, void *p, size_t len, void *oob,
    size_t ooblen, int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *retflags,
    syscall_Sockaddr *sa);
runtime_error *poll_FD_Write(
    poll_FD *fd, const void *p, size_t len, ptrdiff_t *nn);
runtime_error *poll_FD_WriteTo(poll_FD *fd, const void *p, size_t len,
    const syscall_Sockaddr *sa, ptrdiff_t *n);
runtime_error *poll_FD_WriteMsg(poll_FD *fd, const void *p, size_t len,
    const void *oob, size_t ooblen, const syscall_Sockaddr *sa, ptrdiff_t *n,
    ptrdiff_t *oobn);
/*
 * poll_FD_Accept writes the new descriptor (-1 on error); *errcall names
 * the system call behind an Errno result, "" for the fd's own errors.
 */
runtime_error *poll_FD_Accept(
    poll_FD *fd, int *s, syscall_Sockaddr *rsa, const char **errcall);
/* poll_FD_Dup: *call as Accept's errcall. */
runtime_error *poll_FD_Dup(poll_FD *fd, int *ns, const char **call);
/* The Raw* calls run f on the descriptor under the matching lock. */
runtime_error *poll_FD_RawControl(
    poll_FD *fd, void (*f)(uintptr_t fd, void *arg), void *arg);
runtime_error *poll_FD_RawRead(
    poll_FD *fd, bool (*f)(uintptr_t fd, void *arg), void *arg);
runtime_error *poll_FD_RawWrite(
    poll_FD *fd, bool (*f)(uintptr_t fd, void *arg), void *arg);

/*
 * fd_posix.c: netFD's methods over its poll.FD.  net_netFD_Close returns
 * what poll_FD_Close does; the netFD stays valid until net_netFD_free.
 */
runtime_error *net_netFD_Close(net_netFD *fd);
/* net_netFD_free (fd_unix.c) closes fd if still open, then frees it. */
void net_netFD_free(net_netFD *fd);
/*
 * net_netFD_netName (fd_unix.c) keeps a network's name for a netFD;
 * net_netFD_freeNetName gives it back.
 */
char *net_netFD_netName(const char *net);
void  net_netFD_freeNetName(char *net);
/* Deadlines are absolute; the zero time clears.  No allocation. */
runtime_error *net_netFD_SetDeadline(net_netFD *fd, time_Time t);
runtime_error *net_netFD_SetReadDeadline(net_netFD *fd, time_Time t);
runtime_error *net_netFD_SetWriteDeadline(net_netFD *fd, time_Time t);
runtime_error *net_netFD_shutdown(net_netFD *fd, int how);
runtime_error *net_netFD_closeRead(net_netFD *fd);
runtime_error *net_netFD_closeWrite(net_netFD *fd);
runtime_error *net_netFD_Read(net_netFD *fd, void *p, size_t len, ptrdiff_t *n);
/* from is Family 0 when the kernel gave no address. */
runtime_error *net_netFD_readFrom(
    net_netFD *fd, void *p, size_t len, ptrdiff_t *n, syscall_Sockaddr *from);
runtime_error *net_netFD_readMsg(net_netFD *fd, void *p, size_t len, void *oob,
    size_t ooblen, int flags, ptrdiff_t *n, ptrdiff_t *oobn, int *retflags,
    syscall_Sockaddr *sa);
runtime_error *net_netFD_Write(
    net_netFD *fd, const void *p, size_t len, ptrdiff_t *nn);
runtime_error *net_netFD_writeTo(net_netFD *fd, const void *p, size_t len,
    const syscall_Sockaddr *sa, ptrdiff_t *n);
/* sa may be NULL (or Family 0) for a connected socket. */
runtime_error *net_netFD_writeMsg(net_netFD *fd, const void *p, size_t len,
    const void *oob, size_t ooblen, const syscall_Sockaddr *sa, ptrdiff_t *n,
    ptrdiff_t *oobn);
/*
 * net_netFD_accept waits for and accepts a connection; toAddr (Go's
 * addrFunc) turns a Sockaddr into a heap Addr, NULL for Family 0.  The new
 * netFD is the caller's (*netfd is NULL on error).
 */
runtime_error *net_netFD_accept(net_netFD *fd,
    net_Addr *(*toAddr)(const syscall_Sockaddr *), net_netFD **netfd);
/*
 * net_netFD_connect is Go 1.19's netFD.connect: it registers fd with the
 * poller and waits for the connection, honouring ctx's deadline and
 * cancellation.  *rsa is the peer when the poller had to be consulted,
 * Family 0 where Go returns a nil rsa.  la is unused, as in Go.
 */
runtime_error *net_netFD_connect(net_netFD *fd, context_Context *ctx,
    const syscall_Sockaddr *la, const syscall_Sockaddr *ra,
    syscall_Sockaddr *rsa);
/*
 * net_netFD_dup is Go's netFD.dup: an os.File over a new close-on-exec
 * descriptor for the socket (the caller's; *f is NULL on error).
 */
runtime_error *net_netFD_dup(net_netFD *fd, os_File **f);

/*
 * rawconn.c: a syscall.RawConn over fd (Go's rawConn), or one whose Read
 * and Write fail with EINVAL (Go's rawListener); free() releases either.
 */
syscall_RawConn *net_newRawConn(net_netFD *fd);
syscall_RawConn *net_newRawListener(net_netFD *fd);

/* sock_posix.c, sock_linux.c, sock_cloexec.c, sockopt*.c, ipsock_posix.c,
 * hook.c, hook_unix.c, interface.c (the socket layer) */
/*
 * hook_unix.c: Go's seams for fault injection (hook_unix.go and
 * internal/poll's CloseFunc/AcceptFunc).  Every socket system call the
 * socket layer and netFD make goes through these; tests swap them.
 */
extern syscall_Errno (*net_socketFunc)(int domain, int typ, int proto, int *fd);
extern syscall_Errno (*net_connectFunc)(int fd, const syscall_Sockaddr *sa);
extern syscall_Errno (*net_listenFunc)(int fd, int backlog);
extern syscall_Errno (*net_getsockoptIntFunc)(
    int fd, int level, int opt, int *value);
extern syscall_Errno (*net_closeFunc)(int fd);
extern syscall_Errno (*net_acceptFunc)(
    int fd, int flags, int *nfd, syscall_Sockaddr *sa);
/*
 * sock_cloexec.c: sysSocket (net) and accept (internal/poll): both make
 * the new descriptor non-blocking and close-on-exec in the same call.
 * net_accept reports which call failed in *errcall ("accept4").
 */
syscall_Errno net_sysSocket(int family, int sotype, int proto, int *s);
syscall_Errno net_accept(
    int s, int *ns, syscall_Sockaddr *rsa, const char **errcall);
/*
 * sockopt_linux.c: flags for every send, so that no write raises SIGPIPE
 * and none waits in the kernel (see net_recvFlags).
 */
extern const int net_sendFlags;
/*
 * sockopt_linux.c: flags for every socket read that must not wait in the
 * kernel even when a plain thread has put the socket's file in blocking
 * mode (fd_unix.c, readInKernel).
 */
extern const int net_recvFlags;

/* fd_inq_linux.c: TCP_INQ for drained reads (fd_unix.c, readPrepare). */
bool	      net_setInq(int fd, bool on);
syscall_Errno net_readInq(
    int fd, void *p, size_t len, int flags, ptrdiff_t *n, bool *empty);

/* ipsock_posix.c: Go's addrPortToSockaddrInet4/6. */
runtime_error *net_addrPortToSockaddrInet4(
    netip_AddrPort ap, syscall_SockaddrInet4 *sa);
runtime_error *net_addrPortToSockaddrInet6(
    netip_AddrPort ap, syscall_SockaddrInet6 *sa);
/* interface.c: Go's zoneCache (interface name <-> index for IPv6 zones). */
int net_zoneCache_index(const char *zone);
/* net_zoneCache_name returns a string kept for the process's life, or "". */
const char *net_zoneCache_name(int index);
/* interface.go's errors. */
extern runtime_error *const net_errInvalidInterface;
extern runtime_error *const net_errInvalidInterfaceIndex;
extern runtime_error *const net_errInvalidInterfaceName;
extern runtime_error *const net_errNoSuchInterface;
extern runtime_error *const net_errNoSuchMulticastInterface;

/*
 * net_ifAddrs is the []Addr that interface_GOOS.c builds: entries are
 * IPNet or IP addresses (no strings), grown one at a time and packed
 * into the API's one block by net_ifAddrs_pack.
 */
typedef union net_ifAddr {
	net_Addr      addr;
	net_IPNetAddr ipnet;
	net_IPAddr    ip;
} net_ifAddr;

typedef struct net_ifAddrs {
	net_ifAddr *a;
	size_t	    n, cap;
} net_ifAddrs;

net_ifAddr *net_ifAddrs_next(net_ifAddrs *l);
void	    net_ifAddrs_appendIPNet(net_ifAddrs *l, net_IP ip, net_IPMask mask);
void	    net_ifAddrs_appendIPAddr(net_ifAddrs *l, net_IP ip);
void	    net_ifAddrs_pack(net_ifAddrs *l, net_Addr ***addrs, size_t *n);
void	    net_ifAddrs_free(net_ifAddrs *l);

/* net_ifTable is the []Interface being built; each Name is malloc'd. */
typedef struct net_ifTable {
	net_Interface *ift;
	size_t	       n, cap;
} net_ifTable;

void net_ifTable_append(
    net_ifTable *t, const net_Interface *ifi, const char *name, size_t len);
void	       net_ifTable_free(net_ifTable *t);
runtime_error *net_interfaceByIndex(
    const net_ifTable *t, int index, const net_Interface **ifi);

/*
 * interface_GOOS.c: the system's tables.  interfaceTable lists every
 * interface (ifindex 0) or the one with ifindex; the address tables
 * append to *l those of ifi (NULL: of every interface).
 */
runtime_error *net_interfaceTable(int ifindex, net_ifTable *t);
runtime_error *net_interfaceAddrTable(const net_Interface *ifi, net_ifAddrs *l);
runtime_error *net_interfaceMulticastAddrTable(
    const net_Interface *ifi, net_ifAddrs *l);
/* interface_linux.c's /proc/net/igmp and igmp6 readers (for the tests). */
void net_parseProcNetIGMP(
    const char *path, const net_Interface *ifi, net_ifAddrs *l);
void net_parseProcNetIGMP6(
    const char *path, const net_Interface *ifi, net_ifAddrs *l);
/*
 * hook_unix.c and hook.c: test hooks.  testHookDialChannel and
 * testHookCanceledDial (no-ops) are for netFD.connect; a non-NULL
 * testHookDialTCP replaces dialTCP; testHookSetKeepAlive (a no-op) hears
 * the keep-alive period a dialer or listener sets.
 */
extern void (*net_testHookDialChannel)(void);
extern void (*net_testHookCanceledDial)(void);
extern runtime_error *(*net_testHookDialTCP)(context_Context *ctx,
    const char *net, const net_TCPAddr *laddr, const net_TCPAddr *raddr,
    net_TCPConn **c);
extern void (*net_testHookSetKeepAlive)(time_Duration d);
/*
 * testHookLookupIP wraps every name lookup of lookupIPAddr (literals and
 * "" never reach it), so tests can fail lookups without touching DNS.
 */
typedef runtime_error *(*net_lookupIPFunc)(net_Resolver *r,
    context_Context *ctx, const char *network, const char *host,
    net_IPAddr **addrs, int *naddrs);
typedef runtime_error *(*net_testHookLookupIPFunc)(net_Resolver *r,
    context_Context *ctx, net_lookupIPFunc fn, const char *network,
    const char *host, net_IPAddr **addrs, int *naddrs);
extern net_testHookLookupIPFunc net_testHookLookupIP;

/*
 * sock_posix.c.  net_ctrlFn is Go's Control func(network, address string,
 * c syscall.RawConn) error with its closure argument; the error it
 * returns becomes the caller's.  net_toAddr is Go's addrFunc result: it
 * turns a Sockaddr into a heap Addr (free()), NULL for Family 0.
 */
typedef runtime_error *(*net_ctrlFn)(
    const char *network, const char *address, syscall_RawConn *c, void *arg);
typedef net_Addr *(*net_toAddr)(const syscall_Sockaddr *sa);
net_toAddr net_netFD_addrFunc(net_netFD *fd);
/*
 * net_socket is Go's socket(): a new socket of family, sotype and proto,
 * set up as a stream listener or datagram listener (laddr without raddr)
 * or dialed (anything else), with ctrlFn (may be NULL) run on it before
 * bind.  laddr and raddr are borrowed (either may be NULL) and must have
 * their sockaddr methods; toAddr records the socket's addresses in the
 * netFD.  *fd is the caller's on success, NULL on error.
 */
runtime_error *net_socket(context_Context *ctx, const char *net, int family,
    int sotype, int proto, bool ipv6only, const net_Addr *laddr,
    const net_Addr *raddr, net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr,
    net_netFD **fd);
/* net_listenerBacklog is maxListenerBacklog, computed once. */
int net_listenerBacklog(void);

/* sock_linux.c */
void net_kernelVersion(int *major, int *minor);
int  net_maxListenerBacklog(void);
int  net_maxAckBacklog(int n);
/*
 * net_listenerSockaddr is the seed's listenerSockaddr: it sets the
 * listener options that *la's kind (and, as Go 1.19 has it, the socket's
 * sotype) calls for on s and writes the sockaddr to bind.  For a multicast
 * UDPAddr it stores the wildcard address with the group's port in v and points
 * *la at it.
 */
runtime_error *net_listenerSockaddr(int s, int f, int sotype,
    const net_Addr **la, net_UDPAddr *v, syscall_Sockaddr *lsa);

/* sockopt_*.c, tcpsockopt_*.c: Go's option setters */
runtime_error *net_setDefaultSockopts(
    int s, int family, int sotype, bool ipv6only);
runtime_error *net_setDefaultListenerSockopts(int s);
runtime_error *net_setDefaultMulticastSockopts(int s);
int	       net_boolint(bool b);
/*
 * net_netFD_setsockopt is internal/poll's FD.Setsockopt* (one for every
 * option shape): setsockopt on fd's descriptor under a reference.  It
 * returns net_ErrClosed after Close, else the bare Errno error; wrap it
 * with net_wrapSyscallError("setsockopt", ...).
 */
runtime_error *net_netFD_setsockopt(
    net_netFD *fd, int level, int name, const void *val, size_t len);
runtime_error *net_netFD_setsockoptInt(
    net_netFD *fd, int level, int name, int arg);
/*
 * net_interfaceToIPv4Addr: ifi's first IPv4 address, the bare
 * errNoSuchInterface when it has none.
 */
runtime_error *net_interfaceToIPv4Addr(const net_Interface *ifi, net_IP *ip);
runtime_error *net_setReadBuffer(net_netFD *fd, int bytes);
runtime_error *net_setWriteBuffer(net_netFD *fd, int bytes);
runtime_error *net_setKeepAlive(net_netFD *fd, bool keepalive);
runtime_error *net_setLinger(net_netFD *fd, int sec);
runtime_error *net_setNoDelay(net_netFD *fd, bool noDelay);
runtime_error *net_setKeepAlivePeriod(net_netFD *fd, time_Duration d);

/*
 * sockoptip_posix.c, sockoptip_linux.c: multicast options.  A NULL ifi
 * means the kernel's choice of interface.
 */
runtime_error *net_setIPv4MulticastInterface(
    net_netFD *fd, const net_Interface *ifi);
runtime_error *net_setIPv4MulticastLoopback(net_netFD *fd, bool v);
runtime_error *net_joinIPv4Group(
    net_netFD *fd, const net_Interface *ifi, net_IP ip);
runtime_error *net_setIPv6MulticastInterface(
    net_netFD *fd, const net_Interface *ifi);
runtime_error *net_setIPv6MulticastLoopback(net_netFD *fd, bool v);
runtime_error *net_joinIPv6Group(
    net_netFD *fd, const net_Interface *ifi, net_IP ip);

/*
 * ipsock_posix.c.  supportsIPv4, supportsIPv6 and supportsIPv4map are
 * ipsock.go's, here beside the probe they run once.
 */
bool net_supportsIPv4(void);
bool net_supportsIPv6(void);
bool net_supportsIPv4map(void);
/* mode is "listen" or "dial". */
void net_favoriteAddrFamily(const char *network, const net_Addr *laddr,
    const net_Addr *raddr, const char *mode, int *family, bool *ipv6only);
/* net_internetSocket is Go's internetSocket; results as net_socket's. */
runtime_error *net_internetSocket(context_Context *ctx, const char *net,
    const net_Addr *laddr, const net_Addr *raddr, int sotype, int proto,
    const char *mode, net_ctrlFn ctrlFn, void *ctrlArg, net_toAddr toAddr,
    net_netFD **fd);
/*
 * net_ipToSockaddr writes ip, port and zone (NULL reads as "") as a
 * Sockaddr of family; the error is Go's *AddrError.
 */
runtime_error *net_ipToSockaddr(
    int family, net_IP ip, int port, const char *zone, syscall_Sockaddr *sa);
runtime_error *net_ipToSockaddrInet4(
    net_IP ip, int port, syscall_SockaddrInet4 *sa);
runtime_error *net_ipToSockaddrInet6(
    net_IP ip, int port, const char *zone, syscall_SockaddrInet6 *sa);

/* net.c (conn), dial.c, tcpsock*.c, udpsock*.c, unixsock*.c (the API) */
/*
 * The interface headers.  Each concrete object embeds the headers of the
 * interfaces it satisfies; the header's type pointer is the itab, so an
 * assertion compares it and a method call goes through it.
 */
typedef struct net_ConnType {
	const char *name; /* Go's dynamic type: "*net.TCPConn" */
	runtime_error *(*Read)(net_Conn *c, void *b, size_t len, ptrdiff_t *n);
	runtime_error *(*Write)(
	    net_Conn *c, const void *b, size_t len, ptrdiff_t *n);
	runtime_error *(*Close)(net_Conn *c);
	const net_Addr *(*LocalAddr)(net_Conn *c);
	const net_Addr *(*RemoteAddr)(net_Conn *c);
	runtime_error *(*SetDeadline)(net_Conn *c, time_Time t);
	runtime_error *(*SetReadDeadline)(net_Conn *c, time_Time t);
	runtime_error *(*SetWriteDeadline)(net_Conn *c, time_Time t);
	void (*Free)(net_Conn *c);
	/*
	 * PacketConn says the type also implements PacketConn, the answer
	 * to Go's type assertion c.(PacketConn) that the DNS client asks.
	 */
	bool PacketConn;
} net_ConnType;

struct net_Conn {
	const net_ConnType *type;
};

typedef struct net_PacketConnType {
	const char *name;
	runtime_error *(*ReadFrom)(net_PacketConn *c, void *b, size_t len,
	    ptrdiff_t *n, net_Addr **addr);
	runtime_error *(*WriteTo)(net_PacketConn *c, const void *b, size_t len,
	    const net_Addr *addr, ptrdiff_t *n);
	runtime_error *(*Close)(net_PacketConn *c);
	const net_Addr *(*LocalAddr)(net_PacketConn *c);
	runtime_error *(*SetDeadline)(net_PacketConn *c, time_Time t);
	runtime_error *(*SetReadDeadline)(net_PacketConn *c, time_Time t);
	runtime_error *(*SetWriteDeadline)(net_PacketConn *c, time_Time t);
	void (*Free)(net_PacketConn *c);
} net_PacketConnType;

struct net_PacketConn {
	const net_PacketConnType *type;
};

typedef struct net_ListenerType {
	const char *name;
	runtime_error *(*Accept)(net_Listener *l, net_Conn **c);
	runtime_error *(*Close)(net_Listener *l);
	const net_Addr *(*Addr)(net_Listener *l);
	void (*Free)(net_Listener *l);
} net_ListenerType;

struct net_Listener {
	const net_ListenerType *type;
};

/*
 * net_conn is Go's conn, embedded in TCPConn, UDPConn and UnixConn.  It
 * carries the Conn header and, for the packet types, the PacketConn one
 * (whose type stays NULL in a TCPConn).  fd is owned: Free releases it.
 */
typedef struct net_conn {
	net_Conn       Conn;
	net_PacketConn PacketConn;
	net_netFD     *fd;
} net_conn;

struct net_TCPConn {
	net_conn conn;
};

struct net_UDPConn {
	net_conn conn;
};

struct net_UnixConn {
	net_conn conn;
};

struct net_IPConn {
	net_conn conn;
};

struct net_TCPListener {
	net_Listener	 Listener;
	net_netFD	*fd;
	net_ListenConfig lc;
};

/* path is owned; unlink and unlinkOnce are atomic (Go's sync.Once). */
struct net_UnixListener {
	net_Listener Listener;
	net_netFD   *fd;
	char	    *path;
	_Atomic bool unlink;
	_Atomic bool unlinkDone;
};

extern const net_ConnType	net_TCPConnType;
extern const net_ConnType	net_UDPConnType;
extern const net_ConnType	net_UnixConnType;
extern const net_PacketConnType net_UDPPacketConnType;
extern const net_PacketConnType net_UnixPacketConnType;
extern const net_ConnType	net_IPConnType;
extern const net_PacketConnType net_IPPacketConnType;
extern const net_ListenerType	net_TCPListenerType;
extern const net_ListenerType	net_UnixListenerType;

/*
 * The shared interface slots (net.c).  Every Conn and PacketConn slot but
 * PacketConn's ReadFrom and WriteTo is a promoted conn method, the same
 * for every type, so one adapter per slot serves all four types: it finds
 * the embedded conn from the interface header (conn is each type's first
 * and only member, so Free releases the whole object).  A type's table
 * then names only its dynamic type and what differs:
 *
 *	const net_ConnType net_TCPConnType = {
 *		.name = "*net.TCPConn", NET_CONN_CONN_SLOTS };
 *
 * A promoted method that an interface gains is one adapter in net.c and
 * one line in the macro, and every type has it.
 */
net_conn      *net_connOfConn(net_Conn *c);
net_conn      *net_connOfPacketConn(net_PacketConn *c);
runtime_error *net_connConn_Read(
    net_Conn *c, void *b, size_t len, ptrdiff_t *n);
runtime_error *net_connConn_Write(
    net_Conn *c, const void *b, size_t len, ptrdiff_t *n);
runtime_error  *net_connConn_Close(net_Conn *c);
const net_Addr *net_connConn_LocalAddr(net_Conn *c);
const net_Addr *net_connConn_RemoteAddr(net_Conn *c);
runtime_error  *net_connConn_SetDeadline(net_Conn *c, time_Time t);
runtime_error  *net_connConn_SetReadDeadline(net_Conn *c, time_Time t);
runtime_error  *net_connConn_SetWriteDeadline(net_Conn *c, time_Time t);
void		net_connConn_Free(net_Conn *c);
runtime_error  *net_connPacketConn_Close(net_PacketConn *c);
const net_Addr *net_connPacketConn_LocalAddr(net_PacketConn *c);
runtime_error  *net_connPacketConn_SetDeadline(net_PacketConn *c, time_Time t);
runtime_error  *net_connPacketConn_SetReadDeadline(
     net_PacketConn *c, time_Time t);
runtime_error *net_connPacketConn_SetWriteDeadline(
    net_PacketConn *c, time_Time t);
void net_connPacketConn_Free(net_PacketConn *c);

#define NET_CONN_CONN_SLOTS                                                    \
	.Read = net_connConn_Read, .Write = net_connConn_Write,                \
	.Close = net_connConn_Close, .LocalAddr = net_connConn_LocalAddr,      \
	.RemoteAddr = net_connConn_RemoteAddr,                                 \
	.SetDeadline = net_connConn_SetDeadline,                               \
	.SetReadDeadline = net_connConn_SetReadDeadline,                       \
	.SetWriteDeadline = net_connConn_SetWriteDeadline,                     \
	.Free = net_connConn_Free

/* Every PacketConn slot but ReadFrom and WriteTo. */
#define NET_CONN_PACKETCONN_SLOTS                                              \
	.Close = net_connPacketConn_Close,                                     \
	.LocalAddr = net_connPacketConn_LocalAddr,                             \
	.SetDeadline = net_connPacketConn_SetDeadline,                         \
	.SetReadDeadline = net_connPacketConn_SetReadDeadline,                 \
	.SetWriteDeadline = net_connPacketConn_SetWriteDeadline,               \
	.Free = net_connPacketConn_Free

/* The conn methods (net.go); a NULL c or fd gives EINVAL, as Go's ok(). */
bool	       net_conn_ok(net_conn *c);
runtime_error *net_conn_Read(net_conn *c, void *b, size_t len, ptrdiff_t *n);
runtime_error *net_conn_Write(
    net_conn *c, const void *b, size_t len, ptrdiff_t *n);
runtime_error  *net_conn_Close(net_conn *c);
const net_Addr *net_conn_LocalAddr(net_conn *c);
const net_Addr *net_conn_RemoteAddr(net_conn *c);
runtime_error  *net_conn_SetDeadline(net_conn *c, time_Time t);
runtime_error  *net_conn_SetReadDeadline(net_conn *c, time_Time t);
runtime_error  *net_conn_SetWriteDeadline(net_conn *c, time_Time t);
runtime_error  *net_conn_SetReadBuffer(net_conn *c, int bytes);
runtime_error  *net_conn_SetWriteBuffer(net_conn *c, int bytes);
/* net_conn_free closes the fd if needed and frees it (not c itself). */
void net_conn_free(net_conn *c);
/* net_mapErr turns context errors into net's (errCanceled, errTimeout). */
runtime_error *net_mapErr(runtime_error *err);
/* net_genericReadFrom is io.Copy from r to c's Write. */
runtime_error *net_genericReadFrom(net_conn *c, io_Reader r, int64_t *n);

/* The constructors take ownership of fd. */
net_TCPConn  *net_newTCPConn(net_netFD *fd);
net_UDPConn  *net_newUDPConn(net_netFD *fd);
net_UnixConn *net_newUnixConn(net_netFD *fd);
net_IPConn   *net_newIPConn(net_netFD *fd);

/*
 * dial.c: Go's sysDialer and sysListener.  A sysDialer copies the Dialer;
 * network and address are borrowed for the call.
 */
typedef struct net_sysDialer {
	net_Dialer  Dialer;
	const char *network;
	const char *address;
} net_sysDialer;

typedef struct net_sysListener {
	net_ListenConfig ListenConfig;
	const char	*network;
	const char	*address;
} net_sysListener;

extern const time_Duration net_defaultTCPKeepAlive;
time_Time		   net_Dialer_deadline(
		     const net_Dialer *d, context_Context *ctx, time_Time now);
runtime_error *net_partialDeadline(
    time_Time now, time_Time deadline, int addrsRemaining, time_Time *t);
/*
 * net_sysDialer_dialParallel races primaries against fallbacks (Happy
 * Eyeballs); both lists stay the caller's.  Exposed for its test.
 */
runtime_error *net_sysDialer_dialParallel(net_sysDialer *sd,
    context_Context *ctx, const net_addrList *primaries,
    const net_addrList *fallbacks, net_Conn **c);

/* tcpsock.c */
net_Addr *net_TCPAddr_opAddrCopy(const net_TCPAddr *a, net_TCPAddr *tmp);

/* tcpsock_posix.c */
int	       net_TCPAddr_family(const net_TCPAddr *a);
runtime_error *net_TCPAddr_sockaddr(
    const net_TCPAddr *a, int family, syscall_Sockaddr *sa);
net_Addr      *net_TCPAddr_toLocal(const net_TCPAddr *a, const char *net);
runtime_error *net_TCPConn_readFrom(net_TCPConn *c, io_Reader r, int64_t *n);
runtime_error *net_TCPListener_accept(net_TCPListener *ln, net_TCPConn **c);
runtime_error *net_TCPListener_close(net_TCPListener *ln);
net_Addr      *net_sockaddrToTCP(const syscall_Sockaddr *sa);
runtime_error *net_sysDialer_dialTCP(net_sysDialer *sd, context_Context *ctx,
    const net_TCPAddr *laddr, const net_TCPAddr *raddr, net_TCPConn **c);
runtime_error *net_sysDialer_doDialTCP(net_sysDialer *sd, context_Context *ctx,
    const net_TCPAddr *laddr, const net_TCPAddr *raddr, net_TCPConn **c);
bool	       net_selfConnect(net_netFD *fd, runtime_error *err);
bool	       net_spuriousENOTAVAIL(runtime_error *err);
runtime_error *net_sysListener_listenTCP(net_sysListener *sl,
    context_Context *ctx, const net_TCPAddr *laddr, net_TCPListener **l);

/* udpsock.c */
net_Addr *net_UDPAddr_opAddrCopy(const net_UDPAddr *a, net_UDPAddr *tmp);

/* udpsock_posix.c */
int	       net_UDPAddr_family(const net_UDPAddr *a);
runtime_error *net_UDPAddr_sockaddr(
    const net_UDPAddr *a, int family, syscall_Sockaddr *sa);
net_Addr *net_UDPAddr_toLocal(const net_UDPAddr *a, const char *net);
/* readFrom fills *addr (type set) only on success. */
runtime_error *net_UDPConn_readFrom(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, net_UDPAddr *addr);
runtime_error *net_UDPConn_readFromAddrPort(
    net_UDPConn *c, void *b, size_t len, ptrdiff_t *n, netip_AddrPort *addr);
runtime_error *net_UDPConn_readMsg(net_UDPConn *c, void *b, size_t len,
    void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    netip_AddrPort *addr);
runtime_error *net_UDPConn_writeTo(net_UDPConn *c, const void *b, size_t len,
    const net_UDPAddr *addr, ptrdiff_t *n);
runtime_error *net_UDPConn_writeToAddrPort(net_UDPConn *c, const void *b,
    size_t len, netip_AddrPort addr, ptrdiff_t *n);
runtime_error *net_UDPConn_writeMsg(net_UDPConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_UDPAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn);
runtime_error *net_UDPConn_writeMsgAddrPort(net_UDPConn *c, const void *b,
    size_t len, const void *oob, size_t ooblen, netip_AddrPort addr,
    ptrdiff_t *n, ptrdiff_t *oobn);
net_Addr      *net_sockaddrToUDP(const syscall_Sockaddr *sa);
runtime_error *net_sysDialer_dialUDP(net_sysDialer *sd, context_Context *ctx,
    const net_UDPAddr *laddr, const net_UDPAddr *raddr, net_UDPConn **c);
runtime_error *net_sysListener_listenUDP(net_sysListener *sl,
    context_Context *ctx, const net_UDPAddr *laddr, net_UDPConn **c);
runtime_error *net_sysListener_listenMulticastUDP(net_sysListener *sl,
    context_Context *ctx, const net_Interface *ifi, const net_UDPAddr *gaddr,
    net_UDPConn **c);

/* unixsock.c */
net_Addr *net_UnixAddr_opAddrCopy(const net_UnixAddr *a, net_UnixAddr *tmp);

/* unixsock_posix.c */
int	       net_UnixAddr_family(const net_UnixAddr *a);
runtime_error *net_UnixAddr_sockaddr(
    const net_UnixAddr *a, int family, syscall_Sockaddr *sa);
net_Addr *net_UnixAddr_toLocal(const net_UnixAddr *a, const char *net);
/* readFrom and readMsg write a heap address, or NULL (even on error). */
runtime_error *net_UnixConn_readFrom(
    net_UnixConn *c, void *b, size_t len, ptrdiff_t *n, net_UnixAddr **addr);
runtime_error *net_UnixConn_readMsg(net_UnixConn *c, void *b, size_t len,
    void *oob, size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags,
    net_UnixAddr **addr);
runtime_error *net_UnixConn_writeTo(net_UnixConn *c, const void *b, size_t len,
    const net_UnixAddr *addr, ptrdiff_t *n);
runtime_error *net_UnixConn_writeMsg(net_UnixConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_UnixAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn);
runtime_error *net_UnixListener_accept(net_UnixListener *ln, net_UnixConn **c);
runtime_error *net_UnixListener_close(net_UnixListener *ln);
net_Addr      *net_sockaddrToUnix(const syscall_Sockaddr *sa);
net_Addr      *net_sockaddrToUnixgram(const syscall_Sockaddr *sa);
net_Addr      *net_sockaddrToUnixpacket(const syscall_Sockaddr *sa);
const char    *net_sotypeToNet(int sotype);
runtime_error *net_unixSocket(context_Context *ctx, const char *net,
    const net_Addr *laddr, const net_Addr *raddr, const char *mode,
    net_ctrlFn ctrlFn, void *ctrlArg, net_netFD **fd);
runtime_error *net_sysDialer_dialUnix(net_sysDialer *sd, context_Context *ctx,
    const net_UnixAddr *laddr, const net_UnixAddr *raddr, net_UnixConn **c);
runtime_error *net_sysListener_listenUnix(net_sysListener *sl,
    context_Context *ctx, const net_UnixAddr *laddr, net_UnixListener **l);
runtime_error *net_sysListener_listenUnixgram(net_sysListener *sl,
    context_Context *ctx, const net_UnixAddr *laddr, net_UnixConn **c);

/*
 * unixsock_readmsg_*.c: the recvmsg flags readMsg passes, and what it
 * does after a read that brought control messages when they are 0 (mark
 * received descriptors close-on-exec).
 */
extern const int net_readMsgFlags;
void		 net_setReadMsgCloseOnExec(const void *oob, size_t len);

/* iprawsock.c */
net_Addr *net_IPAddr_opAddrCopy(const net_IPAddr *a, net_IPAddr *tmp);

/* iprawsock_posix.c */
net_Addr      *net_sockaddrToIP(const syscall_Sockaddr *sa);
int	       net_IPAddr_family(const net_IPAddr *a);
runtime_error *net_IPAddr_sockaddr(
    const net_IPAddr *a, int family, syscall_Sockaddr *sa);
net_Addr *net_IPAddr_toLocal(const net_IPAddr *a, const char *net);
/* readFrom and readMsg fill *addr (type set) only when there is one. */
runtime_error *net_IPConn_readFrom(
    net_IPConn *c, void *b, size_t len, ptrdiff_t *n, net_IPAddr *addr);
ptrdiff_t      net_stripIPv4Header(ptrdiff_t n, uint8_t *b, size_t len);
runtime_error *net_IPConn_readMsg(net_IPConn *c, void *b, size_t len, void *oob,
    size_t ooblen, ptrdiff_t *n, ptrdiff_t *oobn, int *flags, net_IPAddr *addr);
runtime_error *net_IPConn_writeTo(net_IPConn *c, const void *b, size_t len,
    const net_IPAddr *addr, ptrdiff_t *n);
runtime_error *net_IPConn_writeMsg(net_IPConn *c, const void *b, size_t len,
    const void *oob, size_t ooblen, const net_IPAddr *addr, ptrdiff_t *n,
    ptrdiff_t *oobn);
runtime_error *net_sysDialer_dialIP(net_sysDialer *sd, context_Context *ctx,
    const net_IPAddr *laddr, const net_IPAddr *raddr, net_IPConn **c);
runtime_error *net_sysListener_listenIP(net_sysListener *sl,
    context_Context *ctx, const net_IPAddr *laddr, net_IPConn **c);

/* file.c: the type of fileAddr, the Addr a File* error names. */
extern const net_addrType net_fileAddrType;
/* file_unix.c: Go's fileConn, fileListener and filePacketConn. */
runtime_error *net_fileConn(os_File *f, net_Conn **c);
runtime_error *net_fileListener(os_File *f, net_Listener **l);
runtime_error *net_filePacketConn(os_File *f, net_PacketConn **c);
/* net.c: conn.File, which TCPConn, UDPConn, UnixConn and IPConn promote. */
runtime_error *net_conn_File(net_conn *c, os_File **f);

/*
 * sendfile_linux.c and splice_linux.c: Go's sendFile and splice, which
 * TCPConn.readFrom tries before the generic copy.  When *handled is false
 * the caller copies instead and frees what they returned.
 */
runtime_error *net_sendFile(
    net_netFD *c, io_Reader r, int64_t *written, bool *handled);
runtime_error *net_splice(
    net_netFD *c, io_Reader r, int64_t *written, bool *handled);
/* net.c: the Conn behind a Reader that net_Conn_Reader made, or NULL. */
net_Conn *net_Conn_fromReader(io_Reader r);

/* For tests: the socket descriptor behind an interface value. */
int net_Conn_sysfd(net_Conn *c);
int net_Listener_sysfd(net_Listener *l);
int net_PacketConn_sysfd(net_PacketConn *c);

/*
 * Buffers and writev: net.c (Buffers.consume), fd.c (poll's consume),
 * writev.c (poll's FD.Writev), fd_writev_unix.c (the system call),
 * writev_unix.c (conn.writeBuffers).  consume drops n bytes from the
 * front of v.  Writev writes every chunk of v, consuming what was written,
 * in writev calls of at most 1024 chunks; the count is written even on
 * error.  net_testHookDidWritev (Go's TestHookDidWritev, NULL by default)
 * is told each call's byte count.
 */
void net_Buffers_consume(net_Buffers *v, int64_t n);
void net_consume(net_Buffers *v, int64_t n);
extern void (*net_testHookDidWritev)(int wrote);
runtime_error *poll_FD_Writev(poll_FD *fd, net_Buffers *v, int64_t *n);
syscall_Errno  net_writev(int fd, const void *iovecs, int n, ptrdiff_t *wrote);
runtime_error *net_netFD_writeBuffers(
    net_netFD *fd, net_Buffers *v, int64_t *n);
runtime_error *net_conn_writeBuffers(net_conn *c, net_Buffers *v, int64_t *n);

#endif /* GONET_NET_IMPL_H */
