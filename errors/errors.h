/*
 * gonet package errors: New, Unwrap, Is, As and the errorString type
 * behind New.  Public header.  runtime/runtime.h includes it (the error
 * interface and package errors were one header before errors/ had its
 * folder), so programs that include only runtime/runtime.h or net/net.h
 * still see these names.
 */
#ifndef GONET_ERRORS_H
#define GONET_ERRORS_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Package errors. */
runtime_error *errors_New(const char *text);
runtime_error *errors_Unwrap(runtime_error *err);
bool	       errors_Is(runtime_error *err, const runtime_error *target);
/*
 * errors_As walks err's chain and returns the first error whose type is
 * typ, or NULL.  The result is borrowed from err: cast it to the concrete
 * type (for example net_OpError *) and do not free it.
 */
runtime_error *errors_As(runtime_error *err, const runtime_errorType *typ);

/* errors_errorString is the type behind errors_New. */
typedef struct errors_errorString {
	runtime_error err;
	const char   *s;
} errors_errorString;
extern const runtime_errorType errors_errorStringType;

/*
 * ERRORS_NEW_STATIC defines a static sentinel like a package-level errors.New.
 */
#define ERRORS_NEW_STATIC(text)                                                \
	{                                                                      \
		RUNTIME_STATIC_ERROR(&errors_errorStringType), (text)          \
	}

#ifdef __cplusplus
}
#endif

#endif /* GONET_ERRORS_H */
