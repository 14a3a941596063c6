/*
 * C port of go1.19 src/net/netgo_unix_test.go.
 *
 * Go's first half checks that cgoLookupIP is a placeholder in a netgo
 * build; gonet has no cgo resolver at all, so only the pure resolver's
 * half is left to check.
 */
#include <stdlib.h>

#include "net/dnsclient.h"
#include "tests/main_test.h"
#include "tests/mockserver.h"

/*
 * localhostFromFiles says whether goLookupIP answers "localhost" from the
 * hosts file without a query: the order for it reads files first and the
 * file has it.  Outside the test namespace that is the only way this test
 * may run, since a query would go to the machine's nameserver.
 */
static bool
localhostFromFiles(void)
{
	net_hostLookupOrder order;
	net_IPAddr	   *addrs;
	int		    n;

	order = net_conf_hostLookupOrder(net_systemConf(), NULL, "localhost");
	if (order != net_hostLookupCgo && order != net_hostLookupFilesDNS &&
	    order != net_hostLookupFiles)
		return false;
	addrs = net_goLookupIPFiles("localhost", &n);
	free(addrs);
	return n > 0;
}

START_TEST(TestGoLookupIP)
{
	runtime_error *err;
	net_IPAddr    *addrs = NULL;
	const char    *ns;
	int	       n;

	ns = getenv("GONET_DNSNS");
	if ((ns == NULL || ns[0] != '1') && !localhostFromFiles()) {
		tSkipf("localhost is not in the hosts file read first: a "
		       "lookup would ask the machine's nameserver");
		return;
	}
	err = net_Resolver_goLookupIP(net_DefaultResolver, context_Background(),
	    "ip", "localhost", &addrs, &n);
	sync_WaitGroup_Wait(&net_dnsWaitGroup);
	if (err != NULL)
		tErrorf("%s", runtime_error_Error(err));
	runtime_error_Free(err);
	free(addrs);
	tDone();
}
END_TEST

Suite *
netgo_unix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("netgo_unix");
	tc = newNetTCase("GoLookupIP", 30);
	tcase_add_test(tc, TestGoLookupIP);
	suite_add_tcase(s, tc);
	return s;
}
