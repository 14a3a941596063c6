/*
 * gonet runtime: the slices of Go's builtins (the error interface) and
 * the runtime's fatal-error path that gonet needs.  Public header; it also
 * includes the headers of packages time (Time and Duration lived here
 * once), errors, io and context (see the end of this file).
 */
#ifndef GONET_RUNTIME_H
#define GONET_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/chan.h"
#include "time/time.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * C++ has neither C11's _Atomic qualifier nor _Noreturn.  The cached Error()
 * text is only ever touched inside the library (runtime/error.c), so C++
 * sees it as a plain pointer of the same size and alignment, which
 * runtime/error.c asserts; C++ code must not touch it.
 */
#ifdef __cplusplus
typedef char *runtime_errorText;
#define RUNTIME_NORETURN [[noreturn]]
#else
typedef char *_Atomic runtime_errorText;
#define RUNTIME_NORETURN _Noreturn
#endif

/*
 * runtime_error is Go's builtin error interface.  Every concrete error type
 * embeds a runtime_error as its first member, so a pointer to the concrete
 * struct is also a pointer to its runtime_error.  NULL is the nil error.
 *
 * Ownership: a non-NULL error returned by any gonet function belongs to the
 * caller, who releases it with runtime_error_Free.  Sentinels (net_ErrClosed,
 * the i/o timeout error, the per-errno errors of syscall) are static and
 * runtime_error_Free ignores them, so callers never need to tell the two
 * apart.  An error that wraps another owns the wrapped one.
 */
typedef struct runtime_error	 runtime_error;
typedef struct runtime_errorType runtime_errorType;

/*
 * runtime_errorType is the method table of one concrete error type.  Only
 * Error is mandatory; a NULL method means the Go type has no such method,
 * which errors_Is and net_Error_Timeout observe exactly as Go's type
 * assertions would.
 */
struct runtime_errorType {
	const char *name; /* Go's dynamic type, e.g. "*net.OpError" */
	char *(*Error)(const runtime_error *); /* returns malloc'd text */
	runtime_error *(*Unwrap)(const runtime_error *);
	bool (*Timeout)(const runtime_error *);
	bool (*Temporary)(const runtime_error *);
	bool (*Is)(const runtime_error *, const runtime_error *target);
	void (*release)(runtime_error *); /* frees what the value owns */
};

struct runtime_error {
	const runtime_errorType *type;
	/* A sentinel: runtime_error_Free ignores it. */
	bool			 isstatic;
	/* The Error() text, computed on first use. */
	runtime_errorText	 text;
};

/* RUNTIME_STATIC_ERROR initialises the header of a static sentinel. */
#define RUNTIME_STATIC_ERROR(typ)                                              \
	{                                                                      \
		(typ), true, NULL                                              \
	}

/*
 * runtime_error_Error returns Go's err.Error() text.  The string belongs to
 * err and lives until err is freed; it is computed once, thread-safely.
 * For a NULL err it returns "<nil>", the text fmt prints for a nil error.
 */
const char *runtime_error_Error(runtime_error *err);

/* runtime_error_Free releases err and everything it wraps; NULL is a no-op. */
void runtime_error_Free(runtime_error *err);

/*
 * runtime_throw reports a broken invariant and aborts, as Go's throw does:
 * it prints "fatal error: " and the reason to stderr.  It never returns.
 */
RUNTIME_NORETURN void runtime_throw(const char *reason);

#ifdef __cplusplus
}
#endif

/*
 * The packages that were declared here before each had its folder.  They
 * are included last, after the error interface they use, so
 * that existing programs including only runtime/runtime.h (or net/net.h)
 * keep compiling; new code may include the package's own header instead.
 */
#include "errors/errors.h"
#include "io/io.h"
#include "context/context.h"

#endif /* GONET_RUNTIME_H */
