/*
 * gonet runtime (C only): the methods of Go's builtin error interface.  Go
 * calls err.Error() through the interface and lets the GC reclaim values;
 * C needs a place to keep the text it hands out and an explicit release,
 * and both live here.
 */
#include <stdatomic.h>
#include <stdlib.h>

#include "runtime/runtime_impl.h"

/* C++ sees the text field as a plain pointer (runtime/runtime.h). */
_Static_assert(sizeof(runtime_errorText) == sizeof(char *) &&
	_Alignof(runtime_errorText) == _Alignof(char *),
    "runtime_error's layout must not depend on the language");

/*
 * runtime_error_Error caches the text in err so the caller may borrow it.
 * Two threads may race to compute it: the compare-and-swap lets exactly one
 * install its copy, and the loser frees its own.
 */
const char *
runtime_error_Error(runtime_error *err)
{
	char *text, *old;

	if (err == NULL)
		return "<nil>";
	text = atomic_load(&err->text);
	if (text != NULL)
		return text;
	text = err->type->Error(err);
	old = NULL;
	if (!atomic_compare_exchange_strong(&err->text, &old, text)) {
		free(text);
		return old;
	}
	return text;
}

/*
 * runtime_error_Free releases a heap error: first what its type says it
 * owns (wrapped errors, strings), then the cached text and the value.
 * Static sentinels are shared by every caller and are never freed.
 */
void
runtime_error_Free(runtime_error *err)
{
	if (err == NULL || err->isstatic)
		return;
	if (err->type->release != NULL)
		err->type->release(err);
	free(atomic_load(&err->text));
	free(err);
}

runtime_error *
runtime_newError(const runtime_errorType *typ, size_t size)
{
	runtime_error *err;

	err = runtime_malloc(size);
	err->type = typ;
	err->isstatic = false;
	atomic_init(&err->text, NULL);
	return err;
}
