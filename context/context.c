/*
 * C port of go1.19 src/context/context.go: Background, TODO, WithCancel,
 * WithDeadline, WithTimeout, WithValue, plus the AfterFunc of later Go
 * releases, the C stand-in for a goroutine selecting on ctx.Done().
 *
 * Go's collector keeps a context's parents alive as long as the context
 * is; here every derived context holds a reference to the one it was made
 * from (vparent), dropped when it is released, so a Value lookup walking
 * up the chain never meets freed memory, whatever order the owners free
 * them in.
 *
 * Go guards each cancelCtx with its own mutex.  gonet keeps one sync.Mutex
 * for the whole tree, because a child's deadline check walks up through its
 * parents and C must know that no parent is being freed meanwhile.  A
 * context with a deadline arms a time.AfterFunc timer that cancels it, as
 * Go's timerCtx does; Err, Done and the derivations also notice a passed
 * deadline themselves, so a timer delayed on a loaded machine never makes
 * them answer as if the deadline were still ahead.  Waiting is done only
 * through the runtime: the mutex, and a channel for a stop that must wait
 * for a running callback.
 */
#include <stdlib.h>

#include "context/context_impl.h"
#include "runtime/linkname.h"
#include "sync/sync.h"
#include "time/time.h"

enum { afArmed, afRunning, afDone, afStopped };

struct context_afterFunc {
	context_Context *ctx;
	void (*f)(void *);
	void		  *arg;
	int		   state;
	runtime_g	  *runner; /* the goroutine running f */
	runtime_hchan	  *ran; /* made by a stop that waits; closed after f */
	bool		   released; /* stop ran inside f: free after f */
	context_afterFunc *next;     /* in ctx's list, or in a firing batch */
};

/*
 * context_Context is Go's cancelCtx and timerCtx in one struct.  The
 * deadline is copied from the parent at creation, which is what Go's
 * embedded Context.Deadline answers for a plain cancelCtx.
 */
struct context_Context {
	context_Context	  *parent;   /* NULL once cancelled or for Background */
	context_Context	  *children; /* first child */
	context_Context	  *next, *prev; /* siblings */
	context_afterFunc *afs;
	runtime_error	  *err;	 /* set by the first cancel */
	runtime_hchan	  *done; /* Go's done: made by Done, closed by cancel */
	bool		   background;
	bool		   timer; /* a timerCtx: its own deadline cancels it */
	bool		   hasDeadline;
	time_Time	   deadline;
	time_Timer	  *t;	 /* a timerCtx's AfterFunc timer, or NULL */
	int		   refs; /* the owner's, the timer's, each child's */
	/*
	 * Values: vparent is the context this one was made from, kept for
	 * the context's lifetime (parent above is only the cancel link).
	 * A valueCtx has hasValue, key and val; an onlyValues context (net's
	 * withUnexpiredValuesPreserved) takes its values from lookupValues
	 * while that is not done, and is otherwise never cancelled.
	 */
	context_Context *vparent;
	bool		 hasValue;
	const void	*key;
	const void	*val;
	context_Context *lookupValues;
};

static sync_Mutex context_mu;

static errors_errorString context_CanceledValue =
    ERRORS_NEW_STATIC("context canceled");
runtime_error *const context_Canceled = &context_CanceledValue.err;

/* deadlineExceededError is both a timeout and temporary, as in Go. */
static char *
deadlineExceededError_Error(const runtime_error *err)
{
	(void)err;
	return runtime_strdup("context deadline exceeded");
}

static bool
deadlineExceededError_true(const runtime_error *err)
{
	(void)err;
	return true;
}

static const runtime_errorType context_deadlineExceededErrorType = {
	.name = "context.deadlineExceededError",
	.Error = deadlineExceededError_Error,
	.Timeout = deadlineExceededError_true,
	.Temporary = deadlineExceededError_true,
};

static runtime_error context_deadlineExceeded =
    RUNTIME_STATIC_ERROR(&context_deadlineExceededErrorType);
runtime_error *const context_DeadlineExceeded = &context_deadlineExceeded;

/*
 * Background and TODO are Go's two empty contexts: never cancelled, no
 * values, no deadline; two addresses so that they stay distinct values.
 */
static context_Context context_background = { .background = true };
static context_Context context_todo = { .background = true };

context_Context *
context_Background(void)
{
	return &context_background;
}

context_Context *
context_TODO(void)
{
	return &context_todo;
}

/* removeChild unlinks c from its parent's list; context_mu is held. */
static void
context_removeChild(context_Context *c)
{
	if (c->parent == NULL)
		return;
	if (c->prev != NULL)
		c->prev->next = c->next;
	else
		c->parent->children = c->next;
	if (c->next != NULL)
		c->next->prev = c->prev;
	c->parent = NULL;
	c->next = c->prev = NULL;
}

/*
 * cancel records err in c and its whole subtree and moves every armed
 * callback found there onto *batch, which the caller runs once the lock
 * is dropped: a callback may itself take context calls.  context_mu is
 * held.  A cancelled context leaves the tree, so no later walk upwards
 * can reach a parent that is freed meanwhile.
 */
static void
context_cancel(
    context_Context *c, runtime_error *err, context_afterFunc **batch)
{
	context_Context	  *child;
	context_afterFunc *af;

	if (c->err != NULL)
		return;
	c->err = err;
	if (c->done != NULL)
		runtime_closechan(c->done);
	if (c->t != NULL && time_Timer_Stop(c->t))
		c->refs--; /* the timer will never fire: drop its reference */
	while ((af = c->afs) != NULL) {
		c->afs = af->next;
		af->state = afRunning;
		af->runner = runtime_getg();
		af->next = *batch;
		*batch = af;
	}
	while ((child = c->children) != NULL) {
		context_cancel(child, err, batch);
		context_removeChild(child);
	}
	context_removeChild(c);
}

/* runBatch runs the callbacks cancel collected; context_mu is not held. */
static void
context_runBatch(context_afterFunc *batch)
{
	context_afterFunc *af, *next;

	for (af = batch; af != NULL; af = next) {
		next = af->next;
		af->f(af->arg);
		sync_Mutex_Lock(&context_mu);
		if (af->released) {
			sync_Mutex_Unlock(&context_mu);
			free(af);
			continue;
		}
		af->state = afDone;
		/*
		 * Closed under the lock: the waiter frees af once it sees
		 * afDone.
		 */
		if (af->ran != NULL)
			runtime_closechan(af->ran);
		sync_Mutex_Unlock(&context_mu);
	}
}

static void
context_cancelAndRun(context_Context *c, runtime_error *err)
{
	context_afterFunc *batch = NULL;

	sync_Mutex_Lock(&context_mu);
	context_cancel(c, err, &batch);
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
}

/*
 * expire cancels, with DeadlineExceeded, every timerCtx on the way from c
 * to the root whose deadline has passed: what Go's timers would have done
 * by now.  context_mu is held.
 */
static void
context_expire(context_Context *c, context_afterFunc **batch)
{
	context_Context *p, *expired;
	time_Time	 now;

	now = time_Now();
	expired = NULL;
	for (p = c; p != NULL && p->err == NULL; p = p->parent) {
		if (p->timer && !time_Time_Before(now, p->deadline))
			expired = p;
	}
	/* The outermost expired context takes its descendants with it. */
	if (expired != NULL)
		context_cancel(expired, context_DeadlineExceeded, batch);
}

/*
 * newCancelCtx links a fresh context under parent, or cancels it at once
 * with the parent's error, Go's propagateCancel.  The lock is held.
 */
static context_Context *
context_newCancelCtx(context_Context *parent, context_afterFunc **batch)
{
	context_Context *c;

	if (parent == NULL)
		runtime_throw("cannot create context from nil parent");
	c = runtime_malloc(sizeof(*c));
	c->refs = 1;
	c->hasDeadline = parent->hasDeadline;
	c->deadline = parent->deadline;
	if (parent->background)
		return c;
	c->vparent = parent;
	parent->refs++;
	context_expire(parent, batch);
	if (parent->err != NULL) {
		c->err = parent->err;
		return c;
	}
	c->parent = parent;
	c->next = parent->children;
	if (c->next != NULL)
		c->next->prev = c;
	parent->children = c;
	return c;
}

context_Context *
context_WithCancel(context_Context *parent)
{
	context_afterFunc *batch = NULL;
	context_Context	  *c;

	sync_Mutex_Lock(&context_mu);
	c = context_newCancelCtx(parent, &batch);
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
	return c;
}

/*
 * release frees c once neither its owner (context_Free) nor its timer
 * refers to it any more.
 */
static void context_dropRef(context_Context *c);

static void
context_release(context_Context *c)
{
	context_Context *up;

	up = c->vparent != NULL ? c->vparent : c->lookupValues;
	time_Timer_Free(c->t);
	runtime_hchan_Free(c->done);
	free(c);
	if (up != NULL)
		context_dropRef(up);
}

/* dropRef gives up one reference to c, freeing c with the last. */
static void
context_dropRef(context_Context *c)
{
	bool last;

	sync_Mutex_Lock(&context_mu);
	last = --c->refs == 0;
	sync_Mutex_Unlock(&context_mu);
	if (last)
		context_release(c);
}

/*
 * timerFired is the timer's function, run on its own goroutine as Go's
 * AfterFunc runs it: it cancels c unless something else did first.  The
 * timer's reference keeps c alive until then, even past context_Free.
 */
static void
context_timerFired(void *arg)
{
	context_Context *c = arg;

	context_cancelAndRun(c, context_DeadlineExceeded);
	context_dropRef(c);
}

/*
 * WithDeadline never extends the parent's deadline: a later d gives a
 * plain cancel context that keeps the parent's.  A deadline already past
 * gives a context cancelled with DeadlineExceeded; a later one arms a
 * timer that cancels it then (Go's timerCtx).
 */
context_Context *
context_WithDeadline(context_Context *parent, time_Time d)
{
	context_afterFunc *batch = NULL;
	context_Context	  *c;
	time_Time	   cur;
	time_Duration	   dur;

	if (parent == NULL)
		runtime_throw("cannot create context from nil parent");
	if (context_Context_Deadline(parent, &cur) && time_Time_Before(cur, d))
		return context_WithCancel(parent);
	sync_Mutex_Lock(&context_mu);
	c = context_newCancelCtx(parent, &batch);
	c->timer = true;
	c->hasDeadline = true;
	c->deadline = d;
	dur = time_Until(d);
	if (dur <= 0)
		context_cancel(c, context_DeadlineExceeded, &batch);
	else if (c->err == NULL) {
		c->refs++;
		c->t = time_AfterFunc(dur, context_timerFired, c);
	}
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
	return c;
}

context_Context *
context_WithTimeout(context_Context *parent, time_Duration timeout)
{
	return context_WithDeadline(parent, time_Time_Add(time_Now(), timeout));
}

/* Cancel is Go's CancelFunc: later calls, and Background, do nothing. */
void
context_Cancel(context_Context *ctx)
{
	if (ctx == NULL || ctx->background)
		return;
	context_cancelAndRun(ctx, context_Canceled);
}

/*
 * Free is the deferred cancel() of Go code plus the release C needs.
 * Callbacks still registered run first; their stop handles stay valid
 * (context_stop frees them).  A timer that has already fired holds the
 * memory until its goroutine is done with it.
 */
void
context_Free(context_Context *ctx)
{
	if (ctx == NULL || ctx->background)
		return;
	context_cancelAndRun(ctx, context_Canceled);
	context_dropRef(ctx);
}

runtime_error *
context_Context_Err(context_Context *ctx)
{
	context_afterFunc *batch = NULL;
	runtime_error	  *err;

	if (ctx->background)
		return NULL;
	sync_Mutex_Lock(&context_mu);
	context_expire(ctx, &batch);
	err = ctx->err;
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
	return err;
}

/*
 * Done is Go's: a channel made on first use and closed by cancel.  One
 * asked for after the cancel is made closed, where Go hands out its
 * shared closedchan.  The deadline's timer closes it when the deadline
 * passes, waking a receiver blocked on it; asking (Done or Err) after the
 * deadline closes it at once even if the timer is late.  Background's is
 * nil.
 */
runtime_hchan *
context_Context_Done(context_Context *ctx)
{
	runtime_hchan *d;

	if (ctx->background)
		return NULL;
	/* Err cancels ctx if its deadline has passed. */
	(void)context_Context_Err(ctx);
	sync_Mutex_Lock(&context_mu);
	if (ctx->done == NULL) {
		ctx->done = runtime_makechan(0, 0);
		if (ctx->err != NULL)
			runtime_closechan(ctx->done);
	}
	d = ctx->done;
	sync_Mutex_Unlock(&context_mu);
	return d;
}

/*
 * WithValue is Go's: a context that carries val for key and is cancelled
 * with its parent.  Keys are compared as pointers (Go compares key values
 * with ==; give each key a static address of its own).
 */
context_Context *
context_WithValue(context_Context *parent, const void *key, const void *val)
{
	context_afterFunc *batch = NULL;
	context_Context	  *c;

	if (parent == NULL)
		runtime_throw("cannot create context from nil parent");
	if (key == NULL)
		runtime_throw("nil key");
	sync_Mutex_Lock(&context_mu);
	c = context_newCancelCtx(parent, &batch);
	c->hasValue = true;
	c->key = key;
	c->val = val;
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
	return c;
}

/*
 * context_newOnlyValues is the context net's withUnexpiredValuesPreserved
 * makes (Go's onlyValuesCtx in lookup.go): never cancelled but by its own
 * Free, no deadline, and lookupValues's values until lookupValues is
 * done.  It holds a reference to lookupValues.
 */
context_Context *
context_newOnlyValues(context_Context *lookupValues)
{
	context_Context *c;

	c = runtime_malloc(sizeof(*c));
	c->refs = 1;
	if (!lookupValues->background) {
		sync_Mutex_Lock(&context_mu);
		lookupValues->refs++;
		sync_Mutex_Unlock(&context_mu);
		c->lookupValues = lookupValues;
	}
	return c;
}

int
context_testChildren(context_Context *c)
{
	context_Context *child;
	int		 n;

	n = 0;
	sync_Mutex_Lock(&context_mu);
	for (child = c->children; child != NULL; child = child->next)
		n++;
	sync_Mutex_Unlock(&context_mu);
	return n;
}

context_Context *
context_testParent(context_Context *c)
{
	context_Context *p;

	sync_Mutex_Lock(&context_mu);
	p = c->parent;
	sync_Mutex_Unlock(&context_mu);
	return p;
}

/* Value is Go's: the nearest value for key up the chain, or NULL. */
const void *
context_Context_Value(context_Context *ctx, const void *key)
{
	context_Context *c;

	for (c = ctx; c != NULL && !c->background;) {
		if (c->hasValue && c->key == key)
			return c->val;
		if (c->vparent == NULL && c->lookupValues != NULL) {
			/* Go's select on lookupValues.Done(), default case. */
			if (context_Context_Err(c->lookupValues) != NULL)
				return NULL;
			c = c->lookupValues;
			continue;
		}
		c = c->vparent;
	}
	return NULL;
}

bool
context_Context_Deadline(context_Context *ctx, time_Time *d)
{
	if (ctx->hasDeadline && d != NULL)
		*d = ctx->deadline;
	return ctx->hasDeadline;
}

context_afterFunc *
context_AfterFunc(context_Context *ctx, void (*f)(void *), void *arg)
{
	context_afterFunc *af, *batch = NULL;

	af = runtime_malloc(sizeof(*af));
	af->ctx = ctx;
	af->f = f;
	af->arg = arg;
	if (ctx->background)
		return af; /* never cancelled: stays armed until stopped */
	sync_Mutex_Lock(&context_mu);
	context_expire(ctx, &batch);
	if (ctx->err != NULL) {
		af->state = afRunning;
		af->runner = runtime_getg();
		af->next = batch;
		batch = af;
	} else {
		af->next = ctx->afs;
		ctx->afs = af;
	}
	sync_Mutex_Unlock(&context_mu);
	context_runBatch(batch);
	return af;
}

/*
 * stop waits for a callback running on another goroutine, so that the
 * caller may free what arg points to; from inside the callback itself it
 * cannot wait and returns at once.
 */
bool
context_stop(context_afterFunc *af)
{
	context_afterFunc **pp;
	runtime_hchan	   *ran;
	bool		    stopped;

	sync_Mutex_Lock(&context_mu);
	stopped = af->state == afArmed;
	if (stopped) {
		for (pp = &af->ctx->afs; *pp != NULL; pp = &(*pp)->next) {
			if (*pp == af) {
				*pp = af->next;
				break;
			}
		}
		af->state = afStopped;
	}
	if (af->state == afRunning && af->runner == runtime_getg()) {
		/* Called from inside f: the runner still uses af. */
		af->released = true;
		sync_Mutex_Unlock(&context_mu);
		return false;
	}
	ran = NULL;
	if (af->state == afRunning) {
		if (af->ran == NULL)
			af->ran = runtime_makechan(0, 0);
		ran = af->ran;
	}
	sync_Mutex_Unlock(&context_mu);
	if (ran != NULL)
		runtime_chanrecv1(ran, NULL);
	runtime_hchan_Free(af->ran);
	free(af);
	return stopped;
}
