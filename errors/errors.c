/*
 * C port of go1.19 src/errors/errors.go.  A heap errorString owns a copy
 * of its text; a static one (ERRORS_NEW_STATIC) points at a literal and is
 * never released.
 */
#include <stdlib.h>

#include "errors/errors.h"
#include "runtime/linkname.h"

static char *errorString_Error(const runtime_error *);
static void  errorString_release(runtime_error *);

const runtime_errorType errors_errorStringType = {
	.name = "*errors.errorString",
	.Error = errorString_Error,
	.release = errorString_release,
};

/*
 * errors_New returns a distinct error on every call, even for equal text:
 * errors_Is compares identity, as Go compares the *errorString pointers.
 */
runtime_error *
errors_New(const char *text)
{
	errors_errorString *e;

	e = (errors_errorString *)runtime_newError(
	    &errors_errorStringType, sizeof(*e));
	e->s = runtime_strdup(text);
	return &e->err;
}

static char *
errorString_Error(const runtime_error *err)
{
	const errors_errorString *e = (const errors_errorString *)err;

	return runtime_strdup(e->s);
}

/* Only heap values reach here, and their text is the copy errors_New made. */
static void
errorString_release(runtime_error *err)
{
	errors_errorString *e = (errors_errorString *)err;

	free((char *)e->s);
}
