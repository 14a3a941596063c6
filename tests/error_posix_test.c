/*
 * C port of go1.19 src/net/error_posix_test.go (built on: !js && !plan9).
 */
#include <errno.h>
#include <stdbool.h>
#include <stddef.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * The table of TestSpuriousENOTAVAIL: wrap says how the Errno is
 * wrapped, as Go's literals do (the OpError has only Op and Err).
 */
enum { bare, syscallErr, opErr, opSyscallErr };

static const struct {
	int	      wrap;
	syscall_Errno errno_;
	bool	      ok;
} spuriousENOTAVAILTests[] = {
	{ bare, EADDRNOTAVAIL, true },
	{ syscallErr, EADDRNOTAVAIL, true },
	{ opErr, EADDRNOTAVAIL, true },
	{ opSyscallErr, EADDRNOTAVAIL, true },

	{ bare, EINVAL, false },
	{ syscallErr, EINVAL, false },
	{ opErr, EINVAL, false },
	{ opSyscallErr, EINVAL, false },
};

START_TEST(TestSpuriousENOTAVAIL)
{
	runtime_error *err;
	bool	       ok, want;

	err = syscall_Errno_Err(spuriousENOTAVAILTests[_i].errno_);
	switch (spuriousENOTAVAILTests[_i].wrap) {
	case syscallErr:
		err = os_NewSyscallError("syscall", err);
		break;
	case opErr:
		err = net_newOpError("op", NULL, NULL, NULL, err);
		break;
	case opSyscallErr:
		err = net_newOpError(
		    "op", NULL, NULL, NULL, os_NewSyscallError("syscall", err));
		break;
	}
	ok = net_spuriousENOTAVAIL(err);
	want = spuriousENOTAVAILTests[_i].ok;
	ck_assert_msg(ok == want, "spuriousENOTAVAIL(%s) = %s; want %s",
	    runtime_error_Error(err), ok ? "true" : "false",
	    want ? "true" : "false");
	runtime_error_Free(err);
}
END_TEST

Suite *
error_posix_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("error_posix");
	tc = newTCase("spuriousENOTAVAIL");
	tcase_add_loop_test(
	    tc, TestSpuriousENOTAVAIL, 0, nelem(spuriousENOTAVAILTests));
	suite_add_tcase(s, tc);
	return s;
}
