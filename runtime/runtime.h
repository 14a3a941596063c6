/*
 * gonet runtime: the slices of Go's builtins (the error interface), the
 * value types of package time and the runtime's fatal-error path that
 * gonet needs.  Public header; it also includes the headers of packages
 * errors, io and context (see the end of this file).
 */
#ifndef GONET_RUNTIME_H
#define GONET_RUNTIME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "runtime/chan.h"

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
 * Package time, the part deadlines use.  A Duration is nanoseconds, as in
 * Go.  A Time carries wall-clock seconds counted from January 1, year 1 UTC
 * (Go's internal epoch, so that the zero value is Go's zero Time) and, when
 * it came from time_Now, a monotonic reading that Sub, Before and After
 * prefer, exactly as Go does.
 */
typedef int64_t time_Duration;

#define time_Nanosecond	 ((time_Duration)1)
#define time_Microsecond ((time_Duration)1000 * time_Nanosecond)
#define time_Millisecond ((time_Duration)1000 * time_Microsecond)
#define time_Second	 ((time_Duration)1000 * time_Millisecond)
#define time_Minute	 ((time_Duration)60 * time_Second)
#define time_Hour	 ((time_Duration)60 * time_Minute)

typedef struct time_Time {
	int64_t sec;  /* seconds since January 1, year 1 00:00:00 UTC */
	int32_t nsec; /* [0, 999999999] */
	int64_t mono; /* CLOCK_MONOTONIC nanoseconds + 1; 0 means absent */
} time_Time;

time_Time     time_Now(void);
time_Time     time_Unix(int64_t sec, int64_t nsec);
time_Time     time_Time_Add(time_Time t, time_Duration d);
time_Duration time_Time_Sub(time_Time t, time_Time u);
bool	      time_Time_Before(time_Time t, time_Time u);
bool	      time_Time_After(time_Time t, time_Time u);
bool	      time_Time_Equal(time_Time t, time_Time u);
bool	      time_Time_IsZero(time_Time t);
int64_t	      time_Time_Unix(time_Time t);
int64_t	      time_Time_UnixNano(time_Time t);
time_Duration time_Since(time_Time t);
time_Duration time_Until(time_Time t);
/* time_Duration_String returns Go's d.String() in a malloc'd string. */
char *time_Duration_String(time_Duration d);

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
 * are included last, after the error interface and time_Time they use, so
 * that existing programs including only runtime/runtime.h (or net/net.h)
 * keep compiling; new code may include the package's own header instead.
 */
#include "errors/errors.h"
#include "io/io.h"
#include "context/context.h"

#endif /* GONET_RUNTIME_H */
