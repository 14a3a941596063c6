/*
 * gonet netprobe (C only): what tools/netprobe.c shares with the ops that
 * live in files of their own (tools/netprobe_conv.c).  The helpers keep
 * the names of their Go twins in tests/diff/netprobe.go.
 */
#ifndef GONET_TOOLS_NETPROBE_H
#define GONET_TOOLS_NETPROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/net.h"

/* An argument is a decoded Go string: bytes plus length, NUL-terminated. */
typedef struct arg {
	char  *s;
	size_t n;
} arg;

/* The private directory for Unix sockets, made on first use. */
extern char tmpdir[];
extern bool haveTmpdir;

void *xmalloc(size_t n);
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void  putqn(const char *s, size_t n);
void  putq(const char *s);
/* putqf prints a malloc'd string quoted and frees it. */
void putqf(char *s);
/* writeErr prints ERR and frees err. */
void writeErr(runtime_error *err);
int  unhex(unsigned char c);
/* hexArg decodes a hex argument of at most max bytes into b. */
const char *hexArg(const arg *a, uint8_t *b, size_t max, size_t *n);
void	    putHex(const uint8_t *b, size_t n);
const char *tf(bool b);
bool	    parseInt32(const char *s, int *v);
bool	    hasPrefix(const char *s, const char *prefix);
char	   *unixArg(const char *s);
bool	    isUnix(const char *network);
bool	    isPacket(const char *network);
char	   *sockAddrArg(const char *network, const char *address);
char	   *hidePorts(char *s, const char *const *ports, size_t n);
void	    writeAddr(const net_Addr *a, const char *asked);
int	    addrPort(const net_Addr *a);

/* The Conv op (tools/netprobe_conv.c). */
const char *opConv(arg *a);

/* The net/netip ops (tools/netprobe_netip.c). */
const char *opParseAddr(arg *a);
const char *opAddrFromSlice(arg *a);
const char *opAddrUnmarshalBinary(arg *a);
const char *opAddrCompare(arg *a);
const char *opParseAddrPort(arg *a);
const char *opAddrPortUnmarshalBinary(arg *a);
const char *opParsePrefix(arg *a);
const char *opPrefixFrom(arg *a);
const char *opPrefixUnmarshalBinary(arg *a);
const char *opPrefixContains(arg *a);
const char *opPrefixOverlaps(arg *a);

/* The interface ops (tools/netprobe_interface.c). */
const char *opInterfaces(arg *a);
const char *opInterfaceByName(arg *a);
const char *opInterfaceByIndex(arg *a);

/* The dnsmessage op (tools/netprobe_dns.c). */
const char *opDNSMessage(arg *a);

#endif /* GONET_TOOLS_NETPROBE_H */
