/*
 * Helpers of tests/interface_test.c (Go's interface_test.go) that other
 * test files use, as Go's package-level test helpers are shared.
 */
#ifndef GONET_TESTS_INTERFACE_TEST_H
#define GONET_TESTS_INTERFACE_TEST_H

#include <stdbool.h>
#include <stddef.h>

#include "net/net.h"
#include "tests/mockserver.h"

/* loopbackInterface: the first up loopback interface (free()), or NULL. */
net_Interface *loopbackInterface(void);
/*
 * ipv6LinkLocalUnicastAddr is ifi's first IPv6 link-local unicast
 * address as text (freed at tDone), or "" (also for a NULL ifi).
 */
const char *ipv6LinkLocalUnicastAddr(const net_Interface *ifi);

/*
 * Go's ipv6LinkLocalUnicastTCPTests and ...UDPTests, which main_test.go's
 * setupTestData fills from loopbackInterface(): rows for proto ("tcp" or
 * "udp") written to tt (room for 4), their count returned.  Strings are
 * freed at tDone.
 */
typedef struct ipv6LinkLocalUnicastTest {
	const char *network;
	const char *address;
	bool	    nameLookup;
} ipv6LinkLocalUnicastTest;

size_t ipv6LinkLocalUnicastTests(
    const char *proto, ipv6LinkLocalUnicastTest tt[4]);

/* mustZone is the tests' "!tt.nameLookup && la.Zone == \"\"" t.Fatal. */
void mustZone(const net_Addr *a, const char *zone, bool nameLookup);

/*
 * The two link-local tests' common steps: the skips (false: skipped),
 * and the end of a row (write msg on c, read the echo, report ch's
 * errors as row i's).
 */
bool linkLocalTestable(void);
void linkLocalExchange(net_Conn *c, const char *msg, chan *ch, size_t i);

/* ifString is Go's %v of an Interface, freed at tDone. */
char *ifString(const net_Interface *ifi);
/* mustInterfaces is Interfaces or t.Fatal; the table is freed at tDone. */
net_Interface *mustInterfaces(size_t *n);

/*
 * Go's testInterface (interface_unix_test.go): a link made and removed
 * with ip(8) command lines (at most four each way), which the
 * interface_GOOS_test.c file writes.  kind is the link type of
 * setBroadcast and setLinkLocal: Go's "dummy", or "ifb" on a kernel
 * without dummy links (tests/interface_unix_test.c chooses).
 */
typedef struct testInterface {
	char	    name[32];
	const char *local;
	const char *remote;
	const char *kind;
	char	   *setupCmds[4];
	int	    nsetup;
	char	   *teardownCmds[4];
	int	    nteardown;
} testInterface;

void testInterface_setBroadcast(testInterface *ti, int suffix);
void testInterface_setLinkLocal(testInterface *ti, int suffix);
void testInterface_setPointToPoint(testInterface *ti, int suffix);
void testInterface_setPointToPointTun(testInterface *ti, int suffix);

#endif /* GONET_TESTS_INTERFACE_TEST_H */
