/* C port of go1.19 src/net/port_test.go */
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

Suite *
port_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("port");
	tc = newTCase("parsePort");
	tcase_add_loop_test(tc, TestParsePort, 0, nelem(parsePortTests));
	suite_add_tcase(s, tc);
	return s;
}
