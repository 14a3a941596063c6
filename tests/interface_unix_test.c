/*
 * C port of go1.19 src/net/interface_unix_test.go (built on: darwin ||
 * dragonfly || freebsd || linux || netbsd || openbsd).
 *
 * Adaptations: Go adds its links to the machine it runs on; here each
 * test first moves its (forked) process into a private network namespace
 * (unshare), so the links come and go where nothing else can see them,
 * and skips saying why when that is refused.  Go's links are dummy links;
 * a kernel built without them gets ifb links instead (also broadcast
 * links that need no peer), and the test logs the substitution.
 */
#include <sys/wait.h>

#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tests/interface_test.h"
#include "tests/mockserver.h"

/*
 * privateNetwork moves the calling thread into a new network namespace,
 * or returns why it cannot.  A goroutine locks itself to its thread
 * first and never unlocks: its thread exits with the namespace when the
 * test returns, and no other goroutine runs there meanwhile.
 */
static const char *
privateNetwork(void)
{
	const char *fork;

	fork = getenv("CK_FORK");
	if (fork != NULL && strcmp(fork, "no") == 0)
		return "CK_FORK=no: unshare would move the whole runner";
	runtime_LockOSThread();
	if (unshare(CLONE_NEWNET) != 0)
		return "unshare(CLONE_NEWNET) refused: needs root";
	return NULL;
}

/*
 * run is exec.Cmd.CombinedOutput for one command line: NULL on success,
 * else Go's "args=... out=... err=..." text (freed at tDone).
 */
static char *
run(const char *cmd)
{
	char   line[256], out[1024], *s;
	FILE  *f;
	size_t n;
	int    status;

	if ((f = popen(tStr(runtime_concatstrings(cmd, " 2>&1", (char *)NULL)),
		 "r")) == NULL)
		tFatalf("popen %s", cmd);
	n = 0;
	out[0] = '\0';
	while (fgets(line, sizeof(line), f) != NULL)
		if (n + strlen(line) < sizeof(out))
			n += (size_t)sprintf(out + n, "%s", line);
	status = pclose(f);
	if (status == 0)
		return NULL;
	if (asprintf(&s, "args=[%s] out=%s err=exit status %d", cmd, out,
		WEXITSTATUS(status)) < 0)
		s = NULL;
	return tStr(s);
}

/* runAll runs cmds in order up to the first failure, whose text it returns. */
static char *
runAll(char *const *cmds, int n)
{
	char *e;
	int   i;

	for (i = 0; i < n; i++)
		if ((e = run(cmds[i])) != NULL)
			return e;
	return NULL;
}

static char *
testInterface_setup(testInterface *ti)
{
	return runAll(ti->setupCmds, ti->nsetup);
}

static char *
testInterface_teardown(testInterface *ti)
{
	return runAll(ti->teardownCmds, ti->nteardown);
}

static void
testInterface_free(testInterface *ti)
{
	int i;

	for (i = 0; i < ti->nsetup; i++)
		free(ti->setupCmds[i]);
	for (i = 0; i < ti->nteardown; i++)
		free(ti->teardownCmds[i]);
	ti->nsetup = ti->nteardown = 0;
}

static void
freeTestInterface(void *arg)
{
	testInterface_free(arg);
}

/*
 * linkKind is the link type the tests add: Go's dummy, or ifb where the
 * kernel has no dummy driver.  It asks the kernel by adding one.
 */
static const char *
linkKind(void)
{
	if (run("ip link add gonetprobe0 type dummy") == NULL) {
		(void)run("ip link delete gonetprobe0");
		return "dummy";
	}
	if (run("ip link add gonetprobe0 type ifb") == NULL) {
		(void)run("ip link delete gonetprobe0");
		tLogf("no dummy links in this kernel: using ifb links");
		return "ifb";
	}
	return NULL;
}

/*
 * privateLinks readies a test that adds links: namespace, then a link
 * kind; NULL with the test skipped when either is missing.
 */
static const char *
privateLinks(void)
{
	const char *why, *kind;

	if (testingShort()) {
		tSkipf("avoid external network");
		return NULL;
	}
	if (getuid() != 0) {
		tSkipf("must be root");
		return NULL;
	}
	if ((why = privateNetwork()) != NULL) {
		tSkipf("%s", why);
		return NULL;
	}
	if ((kind = linkKind()) == NULL)
		tSkipf("test requires external command: ip link add failed");
	return kind;
}

/* hasAddr says whether the interface called name carries ip. */
static bool
hasAddr(
    const net_Interface *ift, size_t n, const char *name, net_IP ip, char **got)
{
	const net_IPNetAddr *ifa;
	runtime_error	    *err;
	net_Addr	   **ifat;
	size_t		     i, j, na;

	for (i = 0; i < n; i++) {
		if (strcmp(ift[i].Name, name) != 0)
			continue;
		if ((err = net_Interface_Addrs(&ift[i], &ifat, &na)) != NULL)
			tFatalf("%s", tErrStr(err));
		tStr((char *)ifat);
		for (j = 0; j < na; j++) {
			ifa = net_Addr_IPNet(ifat[j]);
			if (ifa == NULL)
				tFatalf("%s is not an IPNet",
				    tStr(net_Addr_String(ifat[j])));
			if (net_IP_Equal(ip, ifa->IPNet.IP)) {
				*got = tStr(net_Addr_String(ifat[j]));
				return true;
			}
		}
	}
	return false;
}

START_TEST(TestPointToPointInterface)
{
	static testInterface ti;
	net_Interface	    *ift;
	const char	    *local = "169.254.0.1", *remote = "169.254.0.254";
	net_IP		     ip;
	size_t		     n;
	char		    *e, *got;
	int		     i;

	if (privateLinks() == NULL)
		return;
	ip = net_ParseIP(remote);
	tDeferFree(freeTestInterface, &ti);
	for (i = 0; i < 3; i++) {
		memset(&ti, 0, sizeof(ti));
		ti.local = local;
		ti.remote = remote;
		testInterface_setPointToPoint(&ti, 5963 + i);
		if ((e = testInterface_setup(&ti)) != NULL &&
		    strstr(e, "No such device") != NULL &&
		    strstr(e, "gre0") != NULL) {
			/*
			 * Go skips here ("no gre0 device"); a tun link is
			 * point-to-point as well, so the test runs on one.
			 */
			tLogf("no gre0 device: a tun link instead");
			testInterface_free(&ti);
			memset(&ti, 0, sizeof(ti));
			ti.local = local;
			ti.remote = remote;
			testInterface_setPointToPointTun(&ti, 5963 + i);
			e = testInterface_setup(&ti);
		}
		if (e != NULL)
			tFatalf("%s", e);
		time_Sleep(3 * time_Millisecond);
		ift = mustInterfaces(&n);
		if (hasAddr(ift, n, ti.name, ip, &got)) {
			testInterface_teardown(&ti);
			tFatalf("got %s", got);
		}
		if ((e = testInterface_teardown(&ti)) != NULL)
			tFatalf("%s", e);
		time_Sleep(3 * time_Millisecond);
		testInterface_free(&ti);
	}
	tDone();
}
END_TEST

/* logTable is Go's t.Logf("before: %v", ifi) loop. */
static void
logTable(const char *when, const net_Interface *ift, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		tLogf("%s: %s", when, ifString(&ift[i]));
}

START_TEST(TestInterfaceArrivalAndDeparture)
{
	static const int     vids[] = { 1002, 1003, 1004, 1005 };
	static testInterface ti;
	net_Interface	    *ift1, *ift2, *ift3;
	const char	    *local = "169.254.0.1", *remote = "169.254.0.254";
	const char	    *kind;
	net_IP		     ip;
	size_t		     i, n1, n2, n3;
	char		    *e, *got;

	if ((kind = privateLinks()) == NULL)
		return;
	ip = net_ParseIP(remote);
	tDeferFree(freeTestInterface, &ti);
	for (i = 0; i < nelem(vids); i++) {
		ift1 = mustInterfaces(&n1);
		memset(&ti, 0, sizeof(ti));
		ti.local = local;
		ti.remote = remote;
		ti.kind = kind;
		testInterface_setBroadcast(&ti, vids[i]);
		if ((e = testInterface_setup(&ti)) != NULL)
			tFatalf("%s", e);
		time_Sleep(3 * time_Millisecond);
		ift2 = mustInterfaces(&n2);
		if (n2 <= n1) {
			logTable("before", ift1, n1);
			logTable("after", ift2, n2);
			testInterface_teardown(&ti);
			tFatalf("got %zu; want gt %zu", n2, n1);
		}
		if (hasAddr(ift2, n2, ti.name, ip, &got)) {
			testInterface_teardown(&ti);
			tFatalf("got %s", got);
		}
		if ((e = testInterface_teardown(&ti)) != NULL)
			tFatalf("%s", e);
		time_Sleep(3 * time_Millisecond);
		ift3 = mustInterfaces(&n3);
		if (n3 >= n2) {
			logTable("before", ift2, n2);
			logTable("after", ift3, n3);
			tFatalf("got %zu; want lt %zu", n3, n2);
		}
		testInterface_free(&ti);
	}
	tDone();
}
END_TEST

/*
 * teardownOnce is Go's "defer ti.teardown()" (its error ignored), which
 * has nothing left to do once the test tore the link down itself.
 */
static bool tornDown;

static void
teardownOnce(void *arg)
{
	if (!tornDown)
		(void)testInterface_teardown(arg);
}

START_TEST(TestInterfaceArrivalAndDepartureZoneCache)
{
	static testInterface ti;
	net_Listener	    *ln;
	runtime_error	    *err;
	const char	    *kind;
	char		    *e;

	if ((kind = privateLinks()) == NULL)
		return;
	/* Ensure zoneCache is filled. */
	if ((err = net_Listen("tcp", "[fe80::1%nonexistent]:0", &ln)) == NULL) {
		runtime_error_Free(net_Listener_Close(ln));
		net_Listener_Free(ln);
	}
	runtime_error_Free(err);
	memset(&ti, 0, sizeof(ti));
	tornDown = false;
	ti.local = "fe80::1";
	ti.kind = kind;
	testInterface_setLinkLocal(&ti, 0);
	tDeferFree(freeTestInterface, &ti);
	if ((e = testInterface_setup(&ti)) != NULL)
		tFatalf("%s", e);
	tDefer(teardownOnce, &ti);
	time_Sleep(3 * time_Millisecond);
	/*
	 * If Listen fails (on Linux with "bind: invalid argument"), the zone
	 * cache was not refreshed on meeting an interface it did not know.
	 */
	err = net_Listen("tcp",
	    tStr(runtime_concatstrings(
		"[fe80::1%", ti.name, "]:0", (char *)NULL)),
	    &ln);
	if (err != NULL)
		tFatalf("%s", tErrStr(err));
	runtime_error_Free(net_Listener_Close(ln));
	net_Listener_Free(ln);
	if ((e = testInterface_teardown(&ti)) != NULL)
		tFatalf("%s", e);
	tornDown = true;
	tDone();
}
END_TEST

Suite *
interface_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("interface_unix");
	tc = newNetTCase("Links", 60);
	tcase_add_test(tc, TestPointToPointInterface);
	tcase_add_test(tc, TestInterfaceArrivalAndDeparture);
	tcase_add_test(tc, TestInterfaceArrivalAndDepartureZoneCache);
	suite_add_tcase(s, tc);
	return s;
}
