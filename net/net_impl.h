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

#define nelem(x)	(sizeof(x) / sizeof((x)[0]))

/* parse.c */

/* ip.c */

/* mac.c */

/* net.c: error constructors */

/* ipsock.c, tcpsock.c, udpsock.c, iprawsock.c, unixsock.c, dial.c */

/* lookup.c, dnsclient_unix.c, hosts.c, port.c, port_unix.c */

#endif /* GONET_NET_IMPL_H */
