/*
 * C port of go1.19 src/errors/errors_test.go and wrap_test.go.  Go's test
 * error types (wrapped, poser, errorT, errorUncomparable) become static
 * values with their own method tables, and Go's per-test testCases slices
 * become file-level tables named after their test.
 *
 * Left out, as C has no counterpart: the As method (poser's As rows, since
 * errors_As matches a type descriptor only), As with an interface target
 * (the Timeout rows), and os.Open's *fs.PathError, replaced here by an
 * *os.SyscallError as the error a real call returns.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "runtime/runtime_impl.h"
#include "syscall/syscall.h"
#include "tests/main_test.h"

/* wrapped is Go's wrapped: a message and the error it wraps. */
typedef struct wrapped {
	runtime_error  err;
	const char    *msg;
	runtime_error *wrapped;
} wrapped;

static char *
wrapped_Error(const runtime_error *err)
{
	return runtime_strdup(((const wrapped *)err)->msg);
}

static runtime_error *
wrapped_Unwrap(const runtime_error *err)
{
	return ((const wrapped *)err)->wrapped;
}

static const runtime_errorType wrappedType = {
	.name = "errors_test.wrapped",
	.Error = wrapped_Error,
	.Unwrap = wrapped_Unwrap,
};

#define WRAPPED(msg, err)                                                      \
	{                                                                      \
		RUNTIME_STATIC_ERROR(&wrappedType), (msg), (err)               \
	}

/* poser is Go's poser without As: its Is method is a predicate. */
typedef struct poser {
	runtime_error err;
	const char   *msg;
	bool (*f)(const runtime_error *);
} poser;

static char *
poser_Error(const runtime_error *err)
{
	return runtime_strdup(((const poser *)err)->msg);
}

static bool
poser_Is(const runtime_error *err, const runtime_error *target)
{
	return ((const poser *)err)->f(target);
}

static const runtime_errorType poserType = {
	.name = "*errors_test.poser",
	.Error = poser_Error,
	.Is = poser_Is,
};

/* errorT is Go's errorT, printed as errorT(s). */
typedef struct errorT {
	runtime_error err;
	const char   *s;
} errorT;

static char *
errorT_Error(const runtime_error *err)
{
	return runtime_sprintf("errorT(%s)", ((const errorT *)err)->s);
}

static const runtime_errorType errorTType = {
	.name = "errors_test.errorT",
	.Error = errorT_Error,
};

/*
 * errorUncomparable cannot be compared with ==, so only its Is method can
 * match, and it accepts a target of the value type, not the pointer type.
 * The two Go types get one descriptor each.
 */
typedef struct errorUncomparable {
	runtime_error err;
} errorUncomparable;

static const runtime_errorType errorUncomparableType;

static char *
errorUncomparable_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("uncomparable error");
}

static bool
errorUncomparable_Is(const runtime_error *err, const runtime_error *target)
{
	(void)err;
	return target->type == &errorUncomparableType;
}

static const runtime_errorType errorUncomparableType = {
	.name = "errors_test.errorUncomparable",
	.Error = errorUncomparable_Error,
	.Is = errorUncomparable_Is,
};

static const runtime_errorType errorUncomparablePtrType = {
	.name = "*errors_test.errorUncomparable",
	.Error = errorUncomparable_Error,
	.Is = errorUncomparable_Is,
};

#define UNCOMPARABLE                                                           \
	{                                                                      \
		RUNTIME_STATIC_ERROR(&errorUncomparableType)                   \
	}
#define UNCOMPARABLEPTR                                                        \
	{                                                                      \
		RUNTIME_STATIC_ERROR(&errorUncomparablePtrType)                \
	}

/* TestIs's values. */
static errors_errorString err1 = ERRORS_NEW_STATIC("1");
static wrapped		  erra = WRAPPED("wrap 2", &err1.err);
static wrapped		  errb = WRAPPED("wrap 3", &erra.err);
static errors_errorString err3 = ERRORS_NEW_STATIC("3");

static bool
either1or3(const runtime_error *err)
{
	return err == &err1.err || err == &err3.err;
}

static poser poserIs = { RUNTIME_STATIC_ERROR(&poserType), "either 1 or 3",
	either1or3 };

static errorUncomparable uv[6] = {
	UNCOMPARABLE,
	UNCOMPARABLE,
	UNCOMPARABLE,
	UNCOMPARABLE,
	UNCOMPARABLE,
	UNCOMPARABLE,
};
static errorUncomparable up[6] = {
	UNCOMPARABLEPTR,
	UNCOMPARABLEPTR,
	UNCOMPARABLEPTR,
	UNCOMPARABLEPTR,
	UNCOMPARABLEPTR,
	UNCOMPARABLEPTR,
};

static const struct {
	runtime_error *err;
	runtime_error *target;
	bool	       match;
} isTests[] = {
	{ NULL, NULL, true },
	{ &err1.err, NULL, false },
	{ &err1.err, &err1.err, true },
	{ &erra.err, &err1.err, true },
	{ &errb.err, &err1.err, true },
	{ &err1.err, &err3.err, false },
	{ &erra.err, &err3.err, false },
	{ &errb.err, &err3.err, false },
	{ &poserIs.err, &err1.err, true },
	{ &poserIs.err, &err3.err, true },
	{ &poserIs.err, &erra.err, false },
	{ &poserIs.err, &errb.err, false },
	{ &uv[0].err, &uv[1].err, true },
	{ &uv[2].err, &up[0].err, false },
	{ &up[1].err, &uv[3].err, true },
	{ &up[2].err, &up[3].err, false },
	{ &uv[4].err, &err1.err, false },
	{ &up[4].err, &err1.err, false },
	/* An error is itself even when its type has no Is method. */
	{ &uv[5].err, &uv[5].err, true },
};

START_TEST(TestIs)
{
	bool got;

	got = errors_Is(isTests[_i].err, isTests[_i].target);
	ck_assert_msg(got == isTests[_i].match, "Is(%s, %s) = %d, want %d",
	    runtime_error_Error(isTests[_i].err),
	    runtime_error_Error(isTests[_i].target), got, isTests[_i].match);
}
END_TEST

/* TestAs's values. */
static errorT		  errTT = { RUNTIME_STATIC_ERROR(&errorTType), "T" };
static wrapped		  pitied = WRAPPED("pitied the fool", &errTT.err);
static errorT		  errTZero = { RUNTIME_STATIC_ERROR(&errorTType), "" };
static wrapped		  wrappedNil = WRAPPED("wrapped", NULL);
static errors_errorString errErr = ERRORS_NEW_STATIC("err");
static syscall_ErrnoError enoent = { RUNTIME_STATIC_ERROR(&syscall_ErrnoType),
	ENOENT };
static os_SyscallError	  errF = { RUNTIME_STATIC_ERROR(&os_SyscallErrorType),
	   "open", &enoent.err };
static wrapped		  pathError = WRAPPED("path error", &errF.err);

static const struct {
	runtime_error		*err;
	const runtime_errorType *target;
	bool			 match;
	runtime_error		*want;
} asTests[] = {
	{ NULL, &os_SyscallErrorType, false, NULL },
	{ &pitied.err, &errorTType, true, &errTT.err },
	{ &errF.err, &os_SyscallErrorType, true, &errF.err },
	{ &errTZero.err, &os_SyscallErrorType, false, NULL },
	{ &wrappedNil.err, &errorTType, false, NULL },
	{ &errErr.err, &os_SyscallErrorType, false, NULL },
	{ &pathError.err, &os_SyscallErrorType, true, &errF.err },
};

START_TEST(TestAs)
{
	runtime_error *got;

	got = errors_As(asTests[_i].err, asTests[_i].target);
	ck_assert_msg((got != NULL) == asTests[_i].match,
	    "%d:As(Errorf(..., %s), %s): match: got %d; want %d", _i,
	    runtime_error_Error(asTests[_i].err), asTests[_i].target->name,
	    got != NULL, asTests[_i].match);
	ck_assert_msg(got == asTests[_i].want, "got %s, want %s",
	    runtime_error_Error(got), runtime_error_Error(asTests[_i].want));
}
END_TEST

/* A nil target is a programming error: Go panics, gonet throws. */
START_TEST(TestAsValidation)
{
	runtime_error *err;

	err = errors_New("error");
	errors_As(err, NULL);
	ck_abort_msg("As(err, nil) did not panic");
}
END_TEST

/* TestUnwrap's values. */
static wrapped wrap3 = WRAPPED("wrap 3", &erra.err);

static const struct {
	runtime_error *err;
	runtime_error *want;
} unwrapTests[] = {
	{ NULL, NULL },
	{ &wrappedNil.err, NULL },
	{ &err1.err, NULL },
	{ &erra.err, &err1.err },
	{ &wrap3.err, &erra.err },
};

START_TEST(TestUnwrap)
{
	runtime_error *got;

	got = errors_Unwrap(unwrapTests[_i].err);
	ck_assert_msg(got == unwrapTests[_i].want, "Unwrap(%s) = %s, want %s",
	    runtime_error_Error(unwrapTests[_i].err), runtime_error_Error(got),
	    runtime_error_Error(unwrapTests[_i].want));
}
END_TEST

START_TEST(TestNewEqual)
{
	runtime_error *a, *b, *err;

	a = errors_New("abc");
	b = errors_New("abc");
	ck_assert_msg(
	    a != b && !errors_Is(a, b), "New(\"abc\") == New(\"abc\")");
	runtime_error_Free(b);
	b = errors_New("xyz");
	ck_assert_msg(
	    a != b && !errors_Is(a, b), "New(\"abc\") == New(\"xyz\")");
	runtime_error_Free(b);
	runtime_error_Free(a);

	err = errors_New("jkl");
	ck_assert_msg(errors_Is(err, err), "err != err");
	runtime_error_Free(err);
}
END_TEST

START_TEST(TestErrorMethod)
{
	runtime_error *err;

	err = errors_New("abc");
	ck_assert_msg(strcmp(runtime_error_Error(err), "abc") == 0,
	    "New(\"abc\").Error() = \"%s\", want \"abc\"",
	    runtime_error_Error(err));
	/* The cached text is stable across calls. */
	ck_assert_ptr_eq(runtime_error_Error(err), runtime_error_Error(err));
	runtime_error_Free(err);
	ck_assert_str_eq(runtime_error_Error(NULL), "<nil>");
}
END_TEST

Suite *
errors_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("errors");
	tc = newTCase("errors");
	tcase_add_test(tc, TestNewEqual);
	tcase_add_test(tc, TestErrorMethod);
	suite_add_tcase(s, tc);
	tc = newTCase("wrap");
	tcase_add_loop_test(tc, TestIs, 0, nelem(isTests));
	tcase_add_loop_test(tc, TestAs, 0, nelem(asTests));
	tcase_add_loop_test(tc, TestUnwrap, 0, nelem(unwrapTests));
	suite_add_tcase(s, tc);
	/* No leak fixture: the throwing test dies before teardown. */
	tc = tcase_create("wrapPanics");
	tcase_add_test_raise_signal(tc, TestAsValidation, SIGABRT);
	suite_add_tcase(s, tc);
	return s;
}
