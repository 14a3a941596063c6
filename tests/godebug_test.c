/* C port of go1.19 src/internal/godebug/godebug_test.go */
#include <string.h>

#include "internal/godebug/godebug.h"
#include "tests/main_test.h"

static const struct {
	const char *godebug;
	const char *key;
	const char *want;
} getTests[] = {
	{ "", "", "" },
	{ "", "foo", "" },
	{ "foo=bar", "foo", "bar" },
	{ "foo=bar,after=x", "foo", "bar" },
	{ "before=x,foo=bar,after=x", "foo", "bar" },
	{ "before=x,foo=bar", "foo", "bar" },
	{ ",,,foo=bar,,,", "foo", "bar" },
	{ "foodecoy=wrong,foo=bar", "foo", "bar" },
	{ "foo=", "foo", "" },
	{ "foo", "foo", "" },
	{ ",foo", "foo", "" },
	{ "foo=bar,baz", "loooooooong", "" },
};

START_TEST(TestGet)
{
	const char *got;
	size_t	    n;

	got = godebug_get(getTests[_i].godebug, getTests[_i].key, &n);
	if (n != strlen(getTests[_i].want) ||
	    memcmp(got, getTests[_i].want, n) != 0)
		ck_abort_msg("get(\"%s\", \"%s\") = \"%.*s\"; want \"%s\"",
		    getTests[_i].godebug, getTests[_i].key, (int)n, got,
		    getTests[_i].want);
}
END_TEST

Suite *
godebug_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("godebug");
	tc = newTCase("get");
	tcase_add_loop_test(tc, TestGet, 0, nelem(getTests));
	suite_add_tcase(s, tc);
	return s;
}
