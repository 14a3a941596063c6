/*
 * gonet tests for context/context.c, the slice of go1.19 src/context that
 * net uses.  Go's context_test.go exercises much more of the package than
 * gonet ports, so these are gonet's own tests (testXxx).
 */
#include <pthread.h>
#include <unistd.h>

#include "runtime/runtime.h"
#include "time/time.h"
#include "tests/main_test.h"

START_TEST(testContextErrors)
{
	ck_assert_str_eq(
	    runtime_error_Error(context_Canceled), "context canceled");
	ck_assert_str_eq(runtime_error_Error(context_DeadlineExceeded),
	    "context deadline exceeded");
	ck_assert(
	    context_DeadlineExceeded->type->Timeout(context_DeadlineExceeded));
	ck_assert(context_DeadlineExceeded->type->Temporary(
	    context_DeadlineExceeded));
}
END_TEST

START_TEST(testContextBackground)
{
	context_Context *bg = context_Background();
	time_Time	 d;

	ck_assert_ptr_eq(bg, context_Background());
	ck_assert_ptr_null(context_Context_Err(bg));
	ck_assert(!context_Context_Deadline(bg, &d));
	context_Cancel(bg);
	context_Free(bg);
	ck_assert_ptr_null(context_Context_Err(bg));
}
END_TEST

START_TEST(testContextWithCancel)
{
	context_Context *parent, *child, *grandchild;

	parent = context_WithCancel(context_Background());
	child = context_WithCancel(parent);
	grandchild = context_WithCancel(child);
	ck_assert_ptr_null(context_Context_Err(grandchild));
	context_Cancel(child);
	ck_assert_ptr_null(context_Context_Err(parent));
	ck_assert_ptr_eq(context_Context_Err(child), context_Canceled);
	ck_assert_ptr_eq(context_Context_Err(grandchild), context_Canceled);
	context_Cancel(child);
	context_Free(grandchild);
	context_Free(child);
	context_Free(parent);
}
END_TEST

/* A parent freed (cancelled) first leaves its children cancelled. */
START_TEST(testContextParentFreedFirst)
{
	context_Context *parent, *child, *late;

	parent = context_WithCancel(context_Background());
	child = context_WithCancel(parent);
	context_Cancel(parent);
	late = context_WithCancel(parent);
	ck_assert_ptr_eq(context_Context_Err(late), context_Canceled);
	context_Free(parent);
	ck_assert_ptr_eq(context_Context_Err(child), context_Canceled);
	context_Free(child);
	context_Free(late);
}
END_TEST

START_TEST(testContextWithDeadline)
{
	context_Context *ctx, *later, *past;
	time_Time	 d, got;

	d = time_Time_Add(time_Now(), 50 * time_Millisecond);
	ctx = context_WithDeadline(context_Background(), d);
	ck_assert(context_Context_Deadline(ctx, &got));
	ck_assert(time_Time_Equal(got, d));
	/* A later deadline cannot extend the parent's. */
	later = context_WithDeadline(ctx, time_Time_Add(d, time_Hour));
	ck_assert(context_Context_Deadline(later, &got));
	ck_assert(time_Time_Equal(got, d));
	ck_assert_ptr_null(context_Context_Err(later));
	usleep(80 * 1000);
	ck_assert_ptr_eq(context_Context_Err(later), context_DeadlineExceeded);
	ck_assert_ptr_eq(context_Context_Err(ctx), context_DeadlineExceeded);
	context_Free(later);
	context_Free(ctx);
	past = context_WithTimeout(context_Background(), -time_Second);
	ck_assert_ptr_eq(context_Context_Err(past), context_DeadlineExceeded);
	context_Free(past);
}
END_TEST

static void
bump(void *arg)
{
	(*(int *)arg)++;
}

START_TEST(testContextAfterFunc)
{
	context_Context	  *parent, *ctx;
	context_afterFunc *af, *stopped, *late;
	int		   n = 0, m = 0, k = 0;

	parent = context_WithCancel(context_Background());
	ctx = context_WithCancel(parent);
	af = context_AfterFunc(ctx, bump, &n);
	stopped = context_AfterFunc(ctx, bump, &m);
	ck_assert(context_stop(stopped));
	context_Cancel(parent);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(m, 0);
	context_Cancel(ctx);
	ck_assert_int_eq(n, 1);
	ck_assert(!context_stop(af));
	late = context_AfterFunc(ctx, bump, &k);
	ck_assert_int_eq(k, 1);
	ck_assert(!context_stop(late));
	context_Free(ctx);
	context_Free(parent);
}
END_TEST

static void *
cancelLater(void *arg)
{
	usleep(20 * 1000);
	context_Cancel(arg);
	return NULL;
}

START_TEST(testContextAfterFuncThread)
{
	context_Context	  *ctx;
	context_afterFunc *af;
	pthread_t	   t;
	int		   n = 0;

	ctx = context_WithCancel(context_Background());
	af = context_AfterFunc(ctx, bump, &n);
	pthread_create(&t, NULL, cancelLater, ctx);
	pthread_join(t, NULL);
	ck_assert(!context_stop(af));
	ck_assert_int_eq(n, 1);
	context_Free(ctx);
}
END_TEST

/* isClosed reports whether a receive from c completes at once. */
static bool
isClosed(runtime_hchan *c)
{
	bool ok = true;

	return runtime_selectnbrecv(NULL, c, &ok) && !ok;
}

/* waitDone is a goroutine blocked on <-ctx.Done(); it reports on out. */
static void
waitDone(void *arg)
{
	runtime_hchan **chans = arg;
	bool		ok;

	ok = runtime_chanrecv2(chans[0], NULL);
	runtime_chansend1(chans[1], &ok);
}

/*
 * Done, as in Go: nil for Background, the same open channel until
 * cancel closes it (waking a blocked receiver), closed for a child whose
 * parent is cancelled and for a context whose deadline has passed.
 */
START_TEST(testContextDone)
{
	context_Context *ctx, *child, *dl;
	runtime_hchan	*chans[2];
	bool		 ok;

	ck_assert_ptr_null(context_Context_Done(context_Background()));
	ctx = context_WithCancel(context_Background());
	child = context_WithCancel(ctx);
	chans[0] = context_Context_Done(ctx);
	ck_assert_ptr_nonnull(chans[0]);
	ck_assert_ptr_eq(chans[0], context_Context_Done(ctx));
	ck_assert(!isClosed(chans[0]));
	ck_assert(!isClosed(context_Context_Done(child)));
	chans[1] = runtime_makechan(sizeof(bool), 0);
	runtime_Go(waitDone, chans);
	context_Cancel(ctx);
	ok = true;
	runtime_chanrecv1(chans[1], &ok);
	ck_assert(!ok);
	ck_assert(isClosed(context_Context_Done(child)));
	runtime_hchan_Free(chans[1]);
	context_Free(child);
	context_Free(ctx);

	dl = context_WithTimeout(context_Background(), time_Millisecond);
	time_Sleep(5 * time_Millisecond);
	ck_assert(isClosed(context_Context_Done(dl)));
	ck_assert_ptr_eq(context_Context_Err(dl), context_DeadlineExceeded);
	context_Free(dl);
}
END_TEST

Suite *
context_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("context");
	tc = newTCase("context");
	tcase_add_test(tc, testContextErrors);
	tcase_add_test(tc, testContextBackground);
	tcase_add_test(tc, testContextWithCancel);
	tcase_add_test(tc, testContextParentFreedFirst);
	tcase_add_test(tc, testContextWithDeadline);
	tcase_add_test(tc, testContextAfterFunc);
	tcase_add_test(tc, testContextAfterFuncThread);
	tcase_add_test(tc, testContextDone);
	suite_add_tcase(s, tc);
	return s;
}
