/*
 * C port of go1.19 src/internal/poll/fd_posix_test.go (built on: aix
 * darwin dragonfly freebsd linux netbsd openbsd solaris windows).
 * FD.eofError is poll_FD_eofError and ErrNetClosing is net_ErrClosed.
 */
#include <stdbool.h>
#include <stddef.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * eofErrorTests: err and expected point at the sentinel (NULL for nil),
 * since the sentinels are not constant expressions; zeroReadIsEOF is
 * Go's &FD{ZeroReadIsEOF: ...}.
 */
static const struct {
	int		      n;
	runtime_error *const *err;
	bool		      zeroReadIsEOF;
	runtime_error *const *expected;
} eofErrorTests[] = {
	{ 100, NULL, true, NULL },
	{ 100, &io_EOF, true, &io_EOF },
	{ 100, &net_ErrClosed, true, &net_ErrClosed },
	{ 0, NULL, true, &io_EOF },
	{ 0, &io_EOF, true, &io_EOF },
	{ 0, &net_ErrClosed, true, &net_ErrClosed },

	{ 100, NULL, false, NULL },
	{ 100, &io_EOF, false, &io_EOF },
	{ 100, &net_ErrClosed, false, &net_ErrClosed },
	{ 0, NULL, false, NULL },
	{ 0, &io_EOF, false, &io_EOF },
	{ 0, &net_ErrClosed, false, &net_ErrClosed },
};

static runtime_error *
sentinel(runtime_error *const *p)
{
	return p != NULL ? *p : NULL;
}

START_TEST(TestEOFError)
{
	poll_FD fd = { .ZeroReadIsEOF = eofErrorTests[_i].zeroReadIsEOF };
	runtime_error *err, *expected, *actual;

	err = sentinel(eofErrorTests[_i].err);
	expected = sentinel(eofErrorTests[_i].expected);
	actual = poll_FD_eofError(&fd, eofErrorTests[_i].n, err);
	ck_assert_msg(actual == expected,
	    "eofError(%d, %s, %s): expected %s, actual %s", eofErrorTests[_i].n,
	    runtime_error_Error(err), fd.ZeroReadIsEOF ? "true" : "false",
	    runtime_error_Error(expected), runtime_error_Error(actual));
}
END_TEST

Suite *
fd_posix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("fd_posix");
	tc = newTCase("eofError");
	tcase_add_loop_test(tc, TestEOFError, 0, nelem(eofErrorTests));
	suite_add_tcase(s, tc);
	return s;
}
