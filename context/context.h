/*
 * gonet package context: Go 1.19's, less the String methods and the
 * Contexts a program defines itself.  Public header.  runtime/runtime.h
 * includes it, so programs that include only runtime/runtime.h or
 * net/net.h still see these names.
 */
#ifndef GONET_CONTEXT_H
#define GONET_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "runtime/runtime.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * A context is cancelled explicitly (context_Cancel) or by its deadline.
 * Every derived context is a heap value released with context_Free,
 * which also cancels it (Go's deferred cancel()); context_Background and
 * context_TODO are static.  A deadline cancels the context when it
 * passes (a timer, as Go's), and Err and Done notice it even before the
 * timer has run.  A cancel runs the AfterFunc callbacks at once, on the
 * cancelling goroutine (the timer's own for a deadline): that is how a
 * blocked dial is woken.
 */
typedef struct context_Context context_Context;

extern runtime_error *const context_Canceled; /* "context canceled" */
extern runtime_error
    *const context_DeadlineExceeded; /* "context deadline exceeded" */

context_Context *context_Background(void);
/*
 * context_TODO is Go's TODO: an empty context like Background, for code
 * that does not know yet which context to pass.
 */
context_Context *context_TODO(void);
context_Context *context_WithCancel(context_Context *parent);
context_Context *context_WithDeadline(context_Context *parent, time_Time d);
context_Context *context_WithTimeout(
    context_Context *parent, time_Duration timeout);
void context_Cancel(context_Context *ctx);
void context_Free(context_Context *ctx);
/*
 * context_Context_Err returns NULL, context_Canceled or
 * context_DeadlineExceeded.
 */
runtime_error *context_Context_Err(context_Context *ctx);
/*
 * context_Context_Done is Go's Done: a channel closed when ctx is
 * cancelled (NULL, the nil channel, for Background).  It belongs to ctx
 * and is freed by context_Free.
 */
runtime_hchan *context_Context_Done(context_Context *ctx);
/*
 * context_WithValue is Go's WithValue: a child of parent carrying val for
 * key, released with context_Free.  Keys are compared as pointers: give
 * each key a static address of its own (Go compares them with ==).
 * context_Context_Value is Go's ctx.Value(key): the nearest value up the
 * chain, or NULL.  A context keeps the contexts it was made from alive
 * until it is freed itself, so they may be freed in any order.
 */
context_Context *context_WithValue(
    context_Context *parent, const void *key, const void *val);
const void *context_Context_Value(context_Context *ctx, const void *key);
/* context_Context_Deadline reports whether ctx has a deadline, and which. */
bool context_Context_Deadline(context_Context *ctx, time_Time *d);

/*
 * context_AfterFunc arranges for f(arg) to run once when ctx is cancelled
 * (immediately, on this goroutine, if it already is).  The returned stop
 * function handle disarms it: context_stop returns true if it stopped f
 * before f started; after it returns, f is either done or will never run.
 */
typedef struct context_afterFunc context_afterFunc;
context_afterFunc		*context_AfterFunc(
		  context_Context *ctx, void (*f)(void *), void *arg);
bool context_stop(context_afterFunc *af);

#ifdef __cplusplus
}
#endif

#endif /* GONET_CONTEXT_H */
