/*
 * C port of go1.19 src/sync/once_test.go (package sync_test).
 */
#include <stdbool.h>

#include "runtime/runtime.h"
#include "sync/sync.h"
#include "tests/main_test.h"

typedef struct onceRun {
	sync_Once     *once;
	int	      *o;
	runtime_hchan *c;
	_Atomic bool   failed; /* Go's t.Errorf from a goroutine */
} onceRun;

static void
increment(void *arg)
{
	(*(int *)arg)++;
}

static void
run(void *arg)
{
	onceRun *r;
	bool	 v = true;

	r = arg;
	sync_Once_Do(r->once, increment, r->o);
	if (*r->o != 1)
		r->failed = true;
	runtime_chansend1(r->c, &v);
}

START_TEST(TestOnce)
{
	enum { N = 10 };
	sync_Once once = { 0 };
	int	  o, i;
	onceRun	  r;

	o = 0;
	r.once = &once;
	r.o = &o;
	r.c = runtime_makechan(sizeof(bool), 0);
	r.failed = false;
	for (i = 0; i < N; i++)
		runtime_Go(run, &r);
	for (i = 0; i < N; i++)
		runtime_chanrecv1(r.c, NULL);
	runtime_hchan_Free(r.c);
	ck_assert_msg(!r.failed, "once failed inside run: %d is not 1", o);
	ck_assert_msg(o == 1, "once failed outside run: %d is not 1", o);
}
END_TEST

Suite *
once_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("once");
	tc = newTCase("Once");
	tcase_add_test(tc, TestOnce);
	suite_add_tcase(s, tc);
	return s;
}
