/* C port of go1.19 src/net/port_test.go */
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

static const struct {
	const char *service;
	int	    port;
	bool	    needsLookup;
} parsePortTests[] = {
	{ "", 0, false },

	/* Decimal number literals. */
	{ "-1073741825", -(1 << 30), false },
	{ "-1073741824", -(1 << 30), false },
	{ "-1073741823", -((1 << 30) - 1), false },
	{ "-123456789", -123456789, false },
	{ "-1", -1, false },
	{ "-0", 0, false },
	{ "0", 0, false },
	{ "+0", 0, false },
	{ "+1", 1, false },
	{ "65535", 65535, false },
	{ "65536", 65536, false },
	{ "123456789", 123456789, false },
	{ "1073741822", (1 << 30) - 2, false },
	{ "1073741823", (1 << 30) - 1, false },
	{ "1073741824", (1 << 30) - 1, false },
	{ "1073741825", (1 << 30) - 1, false },

	/* Others. */
	{ "abc", 0, true },
	{ "9pfs", 0, true },
	{ "123badport", 0, true },
	{ "bad123port", 0, true },
	{ "badport123", 0, true },
	{ "123456789badport", 0, true },
	{ "-2147483649badport", 0, true },
	{ "2147483649badport", 0, true },
};

START_TEST(TestParsePort)
{
	int  port;
	bool needsLookup;

	port = net_parsePort(parsePortTests[_i].service, &needsLookup);
	ck_assert_msg(port == parsePortTests[_i].port &&
		needsLookup == parsePortTests[_i].needsLookup,
	    "parsePort(\"%s\") = %d, %s; want %d, %s",
	    parsePortTests[_i].service, port, needsLookup ? "true" : "false",
	    parsePortTests[_i].port,
	    parsePortTests[_i].needsLookup ? "true" : "false");
}
END_TEST

/*
 * testReadServicesNUL: Go's readServices keys a name or network with a
 * NUL byte whole, so "nul" and the network "tc" stay unknown while the
 * line's alias is read.  The C reader used to cut both at the NUL.
 */
START_TEST(testReadServicesNUL)
{
	runtime_error *err;
	int	       port;

	net_testHookServicesPath = "tests/testdata/nul-services";
	net_services_reset();
	net_readServices();
	err = net_lookupPortMap("tcp", "nul", &port);
	ck_assert_msg(err != NULL &&
		strcmp(runtime_error_Error(err),
		    "address tcp/nul: unknown port") == 0,
	    "lookupPortMap(tcp, nul) = %d, %s", port,
	    err != NULL ? runtime_error_Error(err) : "nil");
	runtime_error_Free(err);
	err = net_lookupPortMap("tc", "proto", &port);
	ck_assert_msg(err != NULL, "lookupPortMap(tc, proto) = %d", port);
	runtime_error_Free(err);
	err = net_lookupPortMap("tcp", "alias", &port);
	ck_assert_msg(err == NULL && port == 4242,
	    "lookupPortMap(tcp, alias) = %d, want 4242", port);
	net_testHookServicesPath = "/etc/services";
	net_services_reset();
	net_readServices();
}
END_TEST

Suite *
port_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("port");
	tc = newTCase("parsePort");
	tcase_add_loop_test(tc, TestParsePort, 0, nelem(parsePortTests));
	suite_add_tcase(s, tc);
	tc = newTCase("readServices");
	tcase_add_test(tc, testReadServicesNUL);
	suite_add_tcase(s, tc);
	return s;
}
