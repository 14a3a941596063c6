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

#include "net/net.h"
#include "runtime/runtime_impl.h"

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
char *net_appendHex(char *dst, uint32_t i);
int   net_count(const char *s, size_t n, char b);
/* net_last is the index of the last b in s[0:n], or -1. */
int	   net_last(const char *s, size_t n, char b);
bool	   net_hasUpperCase(const char *s, size_t n);
void	   net_lowerASCIIBytes(char *x, size_t n);
char	   net_lowerASCII(char b);
net_string net_trimSpace(const char *x, size_t n);
bool	   net_isSpace(char b);
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
 * fd_unix.c: netFD, Go 1.8's shape (internal/poll's FD folded in, as Go
 * 1.2-1.8 kept it in package net).  A netFD is created by newFD, owned by
 * exactly one conn or listener, closed by net_netFD_Close (any thread) and
 * released by net_netFD_free once no thread uses it.
 */
typedef struct net_netFD {
	net_fdMutex  fdmu; /* lifetime of sysfd; serialises Read and Write */
	int	     sysfd;
	int	     family;
	int	     sotype;
	bool	     isStream;
	bool	     zeroReadIsEOF;
	bool	     isConnected; /* set by dial before the fd is shared */
	uint32_t     csema;	  /* Close waits here for the last reference */
	char	    *net;	  /* owned copy of the network name */
	net_Addr    *laddr;	  /* owned heap addresses, or NULL */
	net_Addr    *raddr;
	net_pollDesc pd;
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
	 * Go's sockaddr interface (sock_posix.go), implemented by TCPAddr,
	 * UDPAddr, IPAddr and UnixAddr in their *sock_posix.c files; NULL
	 * until those exist.  sockaddr writes Family 0 for Go's nil
	 * Sockaddr; toLocal returns a one-block heap address.
	 */
	int (*family)(const net_Addr *);
	bool (*isWildcard)(const net_Addr *);
	runtime_error *(*sockaddr)(const net_Addr *, int family,
	    syscall_Sockaddr *sa);
	net_Addr *(*toLocal)(const net_Addr *, const char *net);
};

/* net_Addr_clone returns a one-block heap copy of a, or NULL for NULL. */
net_Addr *net_Addr_clone(const net_Addr *a);

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
runtime_error *net_Resolver_internetAddrList(
    net_Resolver *r, const char *net, const char *addr, net_addrList *addrs);
net_IP net_loopbackIP(const char *net);

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
runtime_error *net_Resolver_resolveAddrList(net_Resolver *r, const char *op,
    const char *network, const char *addr, const net_Addr *hint,
    net_addrList *addrs);

/* lookup.c, dnsclient_unix.c, hosts.c, port.c, port_unix.c */
/*
 * net_Resolver stands for Go's *Resolver; NULL is DefaultResolver.  Its
 * fields arrive with the DNS resolver.
 */
typedef struct net_Resolver net_Resolver;

/*
 * net_Resolver_lookupIPAddr is Go's (*Resolver).lookupIPAddr: network is
 * "ip", "ip4" or "ip6".  On success *addrs is one malloc'd block holding
 * *naddrs IPAddr values and their zone strings (free() releases it all);
 * until the DNS resolver exists, a name the hosts file does not know fails
 * with Go's DNSError for a host not found.
 */
runtime_error *net_Resolver_lookupIPAddr(net_Resolver *r, const char *network,
    const char *host, net_IPAddr **addrs, int *naddrs);
/* net_Resolver_LookupPort is Go's (*Resolver).LookupPort. */
runtime_error *net_Resolver_LookupPort(
    net_Resolver *r, const char *network, const char *service, int *port);

/*
 * hosts.c.  net_testHookHostsPath is the hosts file readHosts reads
 * ("/etc/hosts"); tests point it elsewhere.  It is read under the hosts
 * cache lock, so set it only while no lookup runs.
 */
extern const char *net_testHookHostsPath;
/*
 * net_parseLiteralIP returns addr[0:n] in canonical text with its zone
 * ("fe80::1%lo0") as a malloc'd string, or NULL where Go returns "".
 */
char *net_parseLiteralIP(const char *addr, size_t n);
/*
 * net_lookupStaticHost and net_lookupStaticAddr return the caller's own
 * copy of the hosts file's answer: one malloc'd block holding a
 * NULL-terminated array of *n strings and the strings themselves, released
 * by one free().  No entry gives NULL and 0, Go's nil slice.
 */
char **net_lookupStaticHost(const char *host, int *n);
char **net_lookupStaticAddr(const char *addr, int *n);

/* port.c */
int net_parsePort(const char *service, bool *needsLookup);

/* port_unix.c */
runtime_error *net_goLookupPort(
    const char *network, const char *service, int *port);

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
/* net_lookupProtocol is lookup_unix.go's lookupProtocol (no context). */
runtime_error *net_lookupProtocol(const char *name, int *proto);
/*
 * net_newIPAddrs packs n IPs and their zones (zones may be NULL) into the
 * one-block IPAddr array that net_Resolver_lookupIPAddr returns.
 */
net_IPAddr *net_newIPAddrs(const net_IP *ips, const net_string *zones, int n);

/* dnsclient_unix.c (and the two helpers of dnsclient.go it needs) */
/* net_absDomainName returns s[0:n], dot-terminated if it has a dot: malloc'd. */
char *net_absDomainName(const char *s, size_t n);
bool  net_isDomainName(const char *s, size_t n);
/*
 * net_goLookupIPFiles returns the hosts file's addresses for name in the
 * IPAddr block shape of net_Resolver_lookupIPAddr; NULL and 0 when none.
 */
net_IPAddr *net_goLookupIPFiles(const char *name, int *naddrs);
/*
 * net_Resolver_goLookupIP is Go's goLookupIP with the files-then-DNS
 * order; results as net_Resolver_lookupIPAddr's.
 */
runtime_error *net_Resolver_goLookupIP(net_Resolver *r, const char *network,
    const char *host, net_IPAddr **addrs, int *naddrs);

/* fd_unix.c, fd_poll_runtime.c, fd_mutex.c, rawconn.c (netFD) */
/* rawconn.c: a syscall.RawConn over fd; free() releases it. */
syscall_RawConn *net_newRawConn(net_netFD *fd);

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
extern syscall_Errno (*net_getsockoptIntFunc)(int fd, int level, int opt,
    int *value);
extern syscall_Errno (*net_closeFunc)(int fd);
extern syscall_Errno (*net_acceptFunc)(int fd, int flags, int *nfd,
    syscall_Sockaddr *sa);
/*
 * sock_cloexec.c: sysSocket (net) and accept (internal/poll): both make
 * the new descriptor non-blocking and close-on-exec in the same call.
 * net_accept reports which call failed in *errcall ("accept4").
 */
syscall_Errno net_sysSocket(int family, int sotype, int proto, int *s);
syscall_Errno net_accept(int s, int *ns, syscall_Sockaddr *rsa,
    const char **errcall);
/* interface.c: Go's zoneCache (interface name <-> index for IPv6 zones). */
int   net_zoneCache_index(const char *zone);
/* net_zoneCache_name returns a string kept for the process's life, or "". */
const char *net_zoneCache_name(int index);

/* net.c (conn), dial.c, tcpsock*.c, udpsock*.c, unixsock*.c (the API) */

#endif /* GONET_NET_IMPL_H */
