/*
 * C port of go1.19 src/time/tick_test.go (package time_test).  Go's
 * recovered panics are fatal errors here, watched in a child process.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "runtime/runtime.h"
#include "tests/main_test.h"
#include "time/time.h"

/*
 * tickerOnce is one row of TestTicker: NULL, or Go's error text in buf.
 * An overloaded system gets half a second to recover, as in Go.
 */
static const char *
tickerOnce(int count, time_Duration delta, char *buf, size_t len)
{
	time_Ticker  *ticker;
	time_Duration dt, target, slop;
	time_Time     t0;
	const char   *err;
	int	      i;

	err = NULL;
	ticker = time_NewTicker(delta);
	t0 = time_Now();
	for (i = 0; i < count / 2; i++)
		runtime_chanrecv1(ticker->C, NULL);
	time_Ticker_Reset(ticker, delta * 2);
	for (i = count / 2; i < count; i++)
		runtime_chanrecv1(ticker->C, NULL);
	time_Ticker_Stop(ticker);
	dt = time_Since(t0);
	target = 3 * delta * (time_Duration)(count / 2);
	slop = target * 3 / 10;
	if (dt < target - slop || dt > target + slop) {
		snprintf(buf, len,
		    "%d %lld ticks then %d %lld ticks took %lld, expected "
		    "[%lld,%lld]",
		    count / 2, (long long)delta, count / 2,
		    (long long)(delta * 2), (long long)dt,
		    (long long)(target - slop), (long long)(target + slop));
		err = buf;
		if (dt > target + slop)
			time_Sleep(time_Second / 2);
		goto out;
	}
	time_Sleep(2 * delta);
	if (runtime_selectnbrecv(NULL, ticker->C, NULL))
		err = "Ticker did not shut down";
out:
	time_Ticker_Free(ticker);
	return err;
}

START_TEST(TestTicker)
{
	static const struct {
		int	      count;
		time_Duration delta;
	} tests[] = {
		{ 10, 20 * time_Millisecond },
		{ 8, 1 * time_Second },
	};
	char	    bufs[nelem(tests)][200];
	const char *errs[nelem(tests)];
	size_t	    i, nerrs;

	/* Timing-bound, as Go says: a longer second row may rescue it. */
	nerrs = 0;
	for (i = 0; i < nelem(tests); i++) {
		errs[nerrs] = tickerOnce(
		    tests[i].count, tests[i].delta, bufs[i], sizeof(bufs[i]));
		if (errs[nerrs] == NULL)
			break;
		nerrs++;
	}
	for (i = 0; i < nerrs; i++)
		fprintf(stderr, "TestTicker: %s\n", errs[i]);
	ck_assert_msg(nerrs < nelem(tests), "saw %zu errors", nerrs);
}
END_TEST

START_TEST(TestTeardown)
{
	time_Duration Delta;
	time_Ticker  *ticker;
	int	      i;

	Delta = getenv("GONET_TEST_SHORT") != NULL ? 20 * time_Millisecond
						   : 100 * time_Millisecond;
	for (i = 0; i < 3; i++) {
		ticker = time_NewTicker(Delta);
		runtime_chanrecv1(ticker->C, NULL);
		time_Ticker_Stop(ticker);
		time_Ticker_Free(ticker);
	}
}
END_TEST

START_TEST(TestTick)
{
	runtime_hchan *got;

	got = time_Tick(-1);
	ck_assert_msg(got == NULL, "Tick(-1) = %p; want nil", (void *)got);
}
END_TEST

static void
newTickerNeg(void)
{
	time_NewTicker(-1);
}

START_TEST(TestNewTickerLtZeroDuration)
{
	char *out;

	out = crashOutput(newTickerNeg);
	ck_assert_msg(out != NULL, "NewTicker(-1) should have panicked");
	free(out);
}
END_TEST

static void
tickerResetNeg(void)
{
	time_Ticker *tk;

	tk = time_NewTicker(time_Second);
	time_Ticker_Reset(tk, 0);
}

START_TEST(TestTickerResetLtZeroDuration)
{
	char *out;

	out = crashOutput(tickerResetNeg);
	ck_assert_msg(out != NULL, "Ticker.Reset(0) should have panicked");
	free(out);
}
END_TEST

Suite *
tick_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("tick");
	tc = newTCase("Ticker");
	tcase_add_test(tc, TestTicker);
	tcase_add_test(tc, TestTeardown);
	tcase_add_test(tc, TestTick);
	tcase_add_test(tc, TestNewTickerLtZeroDuration);
	tcase_add_test(tc, TestTickerResetLtZeroDuration);
	suite_add_tcase(s, tc);
	return s;
}
