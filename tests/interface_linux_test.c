/*
 * C port of go1.19 src/net/interface_linux_test.go.
 *
 * testInterface's setBroadcast, setLinkLocal and setPointToPoint build
 * Go's ip(8) command lines (for tests/interface_unix_test.c), with the
 * link type of the first two taken from ti->kind (Go: "dummy").
 * TestParseProcNet reads Go's testdata, copied to tests/testdata.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/net_impl.h"
#include "tests/interface_test.h"
#include "tests/mockserver.h"

/* addCmd appends one ip(8) command line, as Go appends an exec.Cmd. */
static void
addCmd(char **cmds, int *n, const char *fmt, const char *name,
    const char *local, const char *remote)
{
	if (asprintf(&cmds[*n], fmt, name, local, remote) < 0)
		tFatalf("asprintf");
	(*n)++;
}

void
testInterface_setBroadcast(testInterface *ti, int suffix)
{
	snprintf(ti->name, sizeof(ti->name), "gotest%d", suffix);
	addCmd(ti->setupCmds, &ti->nsetup, "ip link add %s type %s", ti->name,
	    ti->kind, "");
	addCmd(ti->setupCmds, &ti->nsetup,
	    "ip address add %2$s peer %3$s "
	    "dev %1$s",
	    ti->name, ti->local, ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown,
	    "ip address del %2$s peer %3$s dev %1$s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown, "ip link delete %s type %s",
	    ti->name, ti->kind, "");
}

void
testInterface_setLinkLocal(testInterface *ti, int suffix)
{
	snprintf(ti->name, sizeof(ti->name), "gotest%d", suffix);
	addCmd(ti->setupCmds, &ti->nsetup, "ip link add %s type %s", ti->name,
	    ti->kind, "");
	addCmd(ti->setupCmds, &ti->nsetup, "ip address add %2$s dev %1$s",
	    ti->name, ti->local, "");
	addCmd(ti->teardownCmds, &ti->nteardown, "ip address del %2$s dev %1$s",
	    ti->name, ti->local, "");
	addCmd(ti->teardownCmds, &ti->nteardown, "ip link delete %s type %s",
	    ti->name, ti->kind, "");
}

void
testInterface_setPointToPoint(testInterface *ti, int suffix)
{
	snprintf(ti->name, sizeof(ti->name), "gotest%d", suffix);
	addCmd(ti->setupCmds, &ti->nsetup,
	    "ip tunnel add %s mode gre local %s remote %s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->setupCmds, &ti->nsetup,
	    "ip address add %2$s peer %3$s dev %1$s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown,
	    "ip address del %2$s peer %3$s dev %1$s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown,
	    "ip tunnel del %s mode gre local %s remote %s", ti->name, ti->local,
	    ti->remote);
}

/*
 * testInterface_setPointToPointTun is the same link as a tun device, for
 * kernels without gre (this machine's): a tun link is point-to-point too,
 * and its address pair (IFA_LOCAL, IFA_ADDRESS the peer) is what the
 * test is about.
 */
void
testInterface_setPointToPointTun(testInterface *ti, int suffix)
{
	snprintf(ti->name, sizeof(ti->name), "gotest%d", suffix);
	addCmd(ti->setupCmds, &ti->nsetup, "ip tuntap add dev %s mode tun",
	    ti->name, "", "");
	addCmd(ti->setupCmds, &ti->nsetup,
	    "ip address add %2$s peer %3$s dev %1$s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown,
	    "ip address del %2$s peer %3$s dev %1$s", ti->name, ti->local,
	    ti->remote);
	addCmd(ti->teardownCmds, &ti->nteardown,
	    "ip tuntap del dev %s mode tun", ti->name, "", "");
}

enum {
	numOfTestIPv4MCAddrs = 14,
	numOfTestIPv6MCAddrs = 18,
};

static const char *const igmpInterfaceTable[] = {
	"lo",
	"eth0",
	"eth1",
	"eth2",
	"eth0.100",
	"eth0.101",
	"eth0.102",
	"eth0.103",
	"device1tap2",
};

static const char *const igmp6InterfaceTable[] = {
	"lo",
	"eth0",
	"eth1",
	"eth2",
	"eth0.100",
	"eth0.101",
	"eth0.102",
	"eth0.103",
	"device1tap2",
	"pan0",
};

START_TEST(TestParseProcNet)
{
	net_Interface ifi;
	net_ifAddrs   ifmat4 = { 0 }, ifmat6 = { 0 };
	size_t	      i, n4, n6;

	memset(&ifi, 0, sizeof(ifi));
	for (i = 0; i < nelem(igmpInterfaceTable); i++) {
		ifi.Name = igmpInterfaceTable[i];
		net_parseProcNetIGMP("tests/testdata/igmp", &ifi, &ifmat4);
	}
	n4 = ifmat4.n;
	net_ifAddrs_free(&ifmat4);
	if (n4 != numOfTestIPv4MCAddrs)
		tFatalf("got %zu; want %d", n4, numOfTestIPv4MCAddrs);
	for (i = 0; i < nelem(igmp6InterfaceTable); i++) {
		ifi.Name = igmp6InterfaceTable[i];
		net_parseProcNetIGMP6("tests/testdata/igmp6", &ifi, &ifmat6);
	}
	n6 = ifmat6.n;
	net_ifAddrs_free(&ifmat6);
	if (n6 != numOfTestIPv6MCAddrs)
		tFatalf("got %zu; want %d", n6, numOfTestIPv6MCAddrs);
	tDone();
}
END_TEST

Suite *
interface_linux_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("interface_linux");
	tc = newNetTCase("ProcNet", 30);
	tcase_add_test(tc, TestParseProcNet);
	suite_add_tcase(s, tc);
	return s;
}
