/* C port of go1.19 src/internal/singleflight/singleflight_test.go */
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "internal/singleflight/singleflight.h"
#include "tests/main_test.h"
#include "time/time.h"

static runtime_error *
returnBar(void *arg, void **val)
{
	(void)arg;
	*val = strdup("bar");
	ck_assert_ptr_nonnull(*val);
	return NULL;
}

START_TEST(TestDo)
{
	singleflight_Group  g = { 0 };
	singleflight_Result r;

	singleflight_Group_Do(&g, "key", 3, returnBar, NULL, free, &r);
	/* Go checks "%v (%T)" = "bar (string)": the value, as a string. */
	ck_assert_ptr_nonnull(r.Val);
	if (strcmp(r.Val, "bar") != 0)
		ck_abort_msg("Do = %s; want bar", (char *)r.Val);
	if (r.Err != NULL)
		ck_abort_msg("Do error = %s", runtime_error_Error(r.Err));
	singleflight_Result_Release(&r);
}
END_TEST

static runtime_error *
returnErr(void *arg, void **val)
{
	*val = NULL;
	return arg;
}

START_TEST(TestDoErr)
{
	singleflight_Group  g = { 0 };
	singleflight_Result r;
	runtime_error	   *someErr;

	someErr = errors_New("some error");
	singleflight_Group_Do(&g, "key", 3, returnErr, someErr, NULL, &r);
	if (r.Err != someErr)
		ck_abort_msg("Do error = %s; want someErr some error",
		    r.Err == NULL ? "<nil>" : runtime_error_Error(r.Err));
	if (r.Val != NULL)
		ck_abort_msg("unexpected non-nil value %p", r.Val);
	/* The last release frees someErr: the call owned it. */
	singleflight_Result_Release(&r);
}
END_TEST

/* What TestDoDupSuppress's closures share. */
typedef struct dupSuppress {
	singleflight_Group g;
	sync_WaitGroup	   wg1, wg2;
	runtime_hchan	  *c; /* chan string */
	_Atomic int32_t	   calls;
	_Atomic int	   errors; /* the goroutines' t.Errorf */
} dupSuppress;

static runtime_error *
dupFn(void *arg, void **val)
{
	dupSuppress *t = arg;
	const char  *v;

	if (atomic_fetch_add(&t->calls, 1) + 1 == 1)
		sync_WaitGroup_Done(&t->wg1); /* the first invocation */
	runtime_chanrecv1(t->c, &v);
	/* Pump: make it available for any later calls. */
	runtime_chansend1(t->c, &v);
	/* Let more goroutines enter Do. */
	time_Sleep(10 * time_Millisecond);
	*val = (void *)v;
	return NULL;
}

static void
dupCaller(void *arg)
{
	dupSuppress	   *t = arg;
	singleflight_Result r;

	sync_WaitGroup_Done(&t->wg1);
	singleflight_Group_Do(&t->g, "key", 3, dupFn, t, NULL, &r);
	if (r.Err != NULL || r.Val == NULL || strcmp(r.Val, "bar") != 0)
		atomic_fetch_add(&t->errors, 1);
	singleflight_Result_Release(&r);
	sync_WaitGroup_Done(&t->wg2);
}

START_TEST(TestDoDupSuppress)
{
	enum { n = 10 };
	dupSuppress *t;
	const char  *bar = "bar";
	int32_t	     got;
	int	     i;

	t = calloc(1, sizeof(*t));
	ck_assert_ptr_nonnull(t);
	t->c = runtime_makechan(sizeof(const char *), 1);
	sync_WaitGroup_Add(&t->wg1, 1);
	for (i = 0; i < n; i++) {
		sync_WaitGroup_Add(&t->wg1, 1);
		sync_WaitGroup_Add(&t->wg2, 1);
		runtime_Go(dupCaller, t);
	}
	sync_WaitGroup_Wait(&t->wg1);
	/*
	 * At least one goroutine is in fn now and all of them have at
	 * least reached the line before the Do.
	 */
	runtime_chansend1(t->c, &bar);
	sync_WaitGroup_Wait(&t->wg2);
	ck_assert_msg(t->errors == 0, "%d goroutines got a wrong Do result",
	    (int)t->errors);
	got = atomic_load(&t->calls);
	if (got <= 0 || got >= n)
		ck_abort_msg(
		    "number of calls = %d; want over 0 and less than %d",
		    (int)got, n);
	runtime_hchan_Free(t->c);
	free(t);
}
END_TEST

/* What the DoChan tests' fn shares: a gate it waits on, and counts. */
typedef struct gated {
	runtime_hchan *gate; /* fn returns once this is closed */
	_Atomic int    calls;
	_Atomic int    frees;
} gated;

static gated *gatedFreeTarget;

static void
countFree(void *val)
{
	free(val);
	atomic_fetch_add(&gatedFreeTarget->frees, 1);
}

static runtime_error *
gatedFn(void *arg, void **val)
{
	gated *t = arg;

	atomic_fetch_add(&t->calls, 1);
	runtime_chanrecv1(t->gate, NULL);
	*val = strdup("v");
	return NULL;
}

/*
 * waitFrees waits (up to a second) for the value frees to reach want:
 * the last reference may be doCall's own, dropped just after it sent.
 */
static void
waitFrees(gated *t, int want)
{
	int i;

	for (i = 0; i < 1000 && atomic_load(&t->frees) < want; i++)
		time_Sleep(time_Millisecond);
	ck_assert_int_eq(atomic_load(&t->frees), want);
}

/* recvResult receives a DoChan result and frees the channel. */
static singleflight_Result
recvResult(runtime_hchan *ch)
{
	singleflight_Result r;

	runtime_chanrecv1(ch, &r);
	runtime_hchan_Free(ch);
	return r;
}

/*
 * testDoChanShared: a second DoChan for a key in flight joins the first
 * call; both results are marked shared and hold the one value, which is
 * freed once, by the last release.
 */
START_TEST(testDoChanShared)
{
	singleflight_Group  g = { 0 };
	singleflight_Result r1, r2;
	runtime_hchan	   *ch1, *ch2;
	gated		    t = { 0 };
	bool		    first1, first2;

	gatedFreeTarget = &t;
	t.gate = runtime_makechan(0, 0);
	ch1 = singleflight_Group_DoChan(
	    &g, "k\0x", 3, gatedFn, &t, countFree, &first1);
	ch2 = singleflight_Group_DoChan(
	    &g, "k\0x", 3, gatedFn, &t, countFree, &first2);
	ck_assert(first1);
	ck_assert(!first2);
	runtime_closechan(t.gate);
	r1 = recvResult(ch1);
	r2 = recvResult(ch2);
	ck_assert_int_eq(t.calls, 1);
	ck_assert(r1.Shared && r2.Shared);
	ck_assert_ptr_eq(r1.Val, r2.Val);
	ck_assert_str_eq(r1.Val, "v");
	singleflight_Result_Release(&r1);
	ck_assert_int_eq(t.frees, 0);
	singleflight_Result_Release(&r2);
	waitFrees(&t, 1);
	runtime_hchan_Free(t.gate);
}
END_TEST

/*
 * testForgetUnshared: a call nobody else waits for can be forgotten, and
 * the next call for the key runs fn again; a shared one cannot.  Keys
 * differing after a NUL byte are different keys.
 */
START_TEST(testForgetUnshared)
{
	singleflight_Group  g = { 0 };
	singleflight_Result r1, r2, r3;
	runtime_hchan	   *ch1, *ch2, *ch3;
	gated		    t = { 0 };
	bool		    first;

	gatedFreeTarget = &t;
	t.gate = runtime_makechan(0, 0);
	ch1 = singleflight_Group_DoChan(
	    &g, "k\0a", 3, gatedFn, &t, countFree, &first);
	ck_assert(singleflight_Group_ForgetUnshared(&g, "k\0b", 3));
	ck_assert(singleflight_Group_ForgetUnshared(&g, "k\0a", 3));
	ch2 = singleflight_Group_DoChan(
	    &g, "k\0a", 3, gatedFn, &t, countFree, &first);
	ck_assert(first);
	ch3 = singleflight_Group_DoChan(
	    &g, "k\0a", 3, gatedFn, &t, countFree, &first);
	ck_assert(!first);
	ck_assert(!singleflight_Group_ForgetUnshared(&g, "k\0a", 3));
	runtime_closechan(t.gate);
	r1 = recvResult(ch1);
	r2 = recvResult(ch2);
	r3 = recvResult(ch3);
	ck_assert_int_eq(t.calls, 2);
	ck_assert(!r1.Shared);
	ck_assert(r2.Shared && r3.Shared);
	singleflight_Result_Release(&r1);
	singleflight_Result_Release(&r2);
	singleflight_Result_Release(&r3);
	waitFrees(&t, 2);
	runtime_hchan_Free(t.gate);
}
END_TEST

Suite *
singleflight_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("singleflight");
	tc = newTCase("singleflight");
	tcase_add_test(tc, TestDo);
	tcase_add_test(tc, TestDoErr);
	tcase_add_test(tc, TestDoDupSuppress);
	tcase_add_test(tc, testDoChanShared);
	tcase_add_test(tc, testForgetUnshared);
	suite_add_tcase(s, tc);
	return s;
}
