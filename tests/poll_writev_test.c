/*
 * C port of go1.19 src/internal/poll/writev_test.go: consume, which Go's
 * export_test.go exports as Consume (net_consume here).  The table is
 * writev_test.go's, shared through tests/mockserver.h.
 */
#include "tests/mockserver.h"

START_TEST(TestConsume)
{
	checkConsume(_i, net_consume);
}
END_TEST

Suite *
poll_writev_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("poll_writev");
	tc = newTCase("consume");
	tcase_add_loop_test(tc, TestConsume, 0, nconsumeTests);
	suite_add_tcase(s, tc);
	return s;
}
