/*
 * Helpers of tests/interface_test.c (Go's interface_test.go) that other
 * test files use, as Go's package-level test helpers are shared.
 */
#ifndef GONET_TESTS_INTERFACE_TEST_H
#define GONET_TESTS_INTERFACE_TEST_H

#include <stddef.h>

#include "net/net.h"

/* loopbackInterface: the first up loopback interface (free()), or NULL. */
net_Interface *loopbackInterface(void);
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

#endif /* GONET_TESTS_INTERFACE_TEST_H */
