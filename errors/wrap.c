/*
 * C port of go1.19 src/errors/wrap.go.  Go's type assertions for the
 * Unwrap and Is methods become NULL checks on the type's method table, and
 * As matches on the type descriptor instead of reflecting on a pointer.
 */
#include "errors/errors.h"
#include "runtime/linkname.h"

/* errors_Unwrap returns a pointer borrowed from err, which still owns it. */
runtime_error *
errors_Unwrap(runtime_error *err)
{
	if (err == NULL || err->type->Unwrap == NULL)
		return NULL;
	return err->type->Unwrap(err);
}

/*
 * errors_Is reports whether target is in err's chain.  Every gonet error
 * is a pointer, so Go's comparable-equality test is pointer identity here;
 * value types such as Errno get their value equality from their Is method.
 * A nil err falls through to Unwrap, which yields nil, as in Go.
 */
bool
errors_Is(runtime_error *err, const runtime_error *target)
{
	if (target == NULL)
		return err == target;
	for (;;) {
		if (err == target)
			return true;
		if (err != NULL && err->type->Is != NULL &&
		    err->type->Is(err, target))
			return true;
		if ((err = errors_Unwrap(err)) == NULL)
			return false;
	}
}

/*
 * errors_As stands in for Go's As with a target of concrete type typ.
 * No gonet error has an As method, so only the type match remains.
 */
runtime_error *
errors_As(runtime_error *err, const runtime_errorType *typ)
{
	if (typ == NULL)
		runtime_throw("errors: target cannot be nil");
	while (err != NULL) {
		if (err->type == typ)
			return err;
		err = errors_Unwrap(err);
	}
	return NULL;
}
