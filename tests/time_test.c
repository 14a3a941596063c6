/*
 * C port of go1.19 src/time/time_test.go and mono_test.go, the tests that
 * cover what time/time.c ports: Duration.String, Sub, Add and the
 * monotonic comparisons.  Times Go builds with Date are written here as
 * the Unix seconds and nanoseconds Go 1.19 reports for them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runtime/runtime_impl.h"
#include "tests/main_test.h"

static const struct {
	const char   *str;
	time_Duration d;
} durationTests[] = {
	{ "0s", 0 },
	{ "1ns", 1 * time_Nanosecond },
	{ "1.1\xc2\xb5s", 1100 * time_Nanosecond },
	{ "2.2ms", 2200 * time_Microsecond },
	{ "3.3s", 3300 * time_Millisecond },
	{ "4m5s", 4 * time_Minute + 5 * time_Second },
	{ "4m5.001s", 4 * time_Minute + 5001 * time_Millisecond },
	{ "5h6m7.001s",
	    5 * time_Hour + 6 * time_Minute + 7001 * time_Millisecond },
	{ "8m0.000000001s", 8 * time_Minute + 1 * time_Nanosecond },
	{ "2562047h47m16.854775807s", INT64_MAX },
	{ "-2562047h47m16.854775808s", INT64_MIN },
};

START_TEST(TestDurationString)
{
	char *str, *want;

	str = time_Duration_String(durationTests[_i].d);
	ck_assert_msg(strcmp(str, durationTests[_i].str) == 0,
	    "Duration(%lld).String() = %s, want %s",
	    (long long)durationTests[_i].d, str, durationTests[_i].str);
	free(str);
	if (durationTests[_i].d > 0) {
		str = time_Duration_String(-durationTests[_i].d);
		want = runtime_concatstrings(
		    "-", durationTests[_i].str, (char *)NULL);
		ck_assert_msg(strcmp(str, want) == 0,
		    "Duration(%lld).String() = %s, want %s",
		    -(long long)durationTests[_i].d, str, want);
		free(want);
		free(str);
	}
}
END_TEST

#define minDuration INT64_MIN
#define maxDuration INT64_MAX

/* A Time as Unix seconds and nanoseconds, plus a monotonic reading or 0. */
typedef struct {
	int64_t unix;
	int64_t nsec;
	int64_t mono;
} timeSpec;

#define zeroTime                                                               \
	{                                                                      \
		-62135596800LL, 0, 0                                           \
	}
#define MinMonoTime                                                            \
	{                                                                      \
		0, 0, INT64_MIN                                                \
	}
#define MaxMonoTime                                                            \
	{                                                                      \
		0, 0, INT64_MAX                                                \
	}

static time_Time
mkTime(timeSpec s)
{
	time_Time t;

	t = time_Unix(s.unix, s.nsec);
	t.mono = s.mono;
	return t;
}

static const struct {
	timeSpec      t;
	timeSpec      u;
	time_Duration d;
} subTests[] = {
	{ zeroTime, zeroTime, 0 },
	{ { 1258934400, 1, 0 }, { 1258934400, 0, 0 }, 1 },
	{ { 1258934400, 0, 0 }, { 1259020800, 0, 0 }, -24 * time_Hour },
	{ { 1259020800, 0, 0 }, { 1258934400, 0, 0 }, 24 * time_Hour },
	{ { -125536867200, 0, 0 }, { -125536953600, 0, 0 }, 24 * time_Hour },
	{ zeroTime, { 4414608000, 0, 0 }, minDuration },
	{ { 4414608000, 0, 0 }, zeroTime, maxDuration },
	{ zeroTime, { -128692627200, 0, 0 }, maxDuration },
	{ { -128692627200, 0, 0 }, zeroTime, minDuration },
	{ { 10098259200, 0, 0 }, { 946684800, 0, 0 },
	    290 * 365 * 24 * time_Hour + 71 * 24 * time_Hour },
	{ { 10413792000, 0, 0 }, { 946684800, 0, 0 }, maxDuration },
	{ { 946684800, 0, 0 }, { 10098259200, 0, 0 },
	    -290 * 365 * 24 * time_Hour - 71 * 24 * time_Hour },
	{ { 946684800, 0, 0 }, { 10413792000, 0, 0 }, minDuration },
	{ { 10789294607, 63535996, 0 }, { 1565922570, 268436582, 0 },
	    9223372036795099414LL },
	{ MinMonoTime, MaxMonoTime, minDuration },
	{ MaxMonoTime, MinMonoTime, maxDuration },
};

START_TEST(TestSub)
{
	time_Duration got;

	got = time_Time_Sub(mkTime(subTests[_i].t), mkTime(subTests[_i].u));
	ck_assert_msg(got == subTests[_i].d, "#%d: Sub: got %lld; want %lld",
	    _i, (long long)got, (long long)subTests[_i].d);
}
END_TEST

START_TEST(TestMonotonicAdd)
{
	time_Time     tm, t2, t3, t4, tn, tn1, now;
	time_Duration d;

	tm = time_Unix(1486057371, 123456);
	tm.mono = 123456789012345;

	t2 = time_Time_Add(tm, 100000000);
	ck_assert_msg(t2.nsec == 100123456,
	    "t2.Nanosecond() = %d, want 100123456", t2.nsec);
	ck_assert_msg(t2.mono == 123456889012345,
	    "t2.mono = %lld, want 123456889012345", (long long)t2.mono);

	t3 = time_Time_Add(tm, -9000000000000000000LL);
	ck_assert_msg(
	    t3.nsec == 123456, "t3.Nanosecond() = %d, want 123456", t3.nsec);
	ck_assert_msg(t3.mono == 0,
	    "t3.mono = %lld, want 0 (wall time out "
	    "of range for monotonic reading)",
	    (long long)t3.mono);

	t4 = time_Time_Add(tm, 9000000000000000000LL);
	ck_assert_msg(
	    t4.nsec == 123456, "t4.Nanosecond() = %d, want 123456", t4.nsec);
	ck_assert_msg(t4.mono == 0,
	    "t4.mono = %lld, want 0 (wall time out "
	    "of range for monotonic reading)",
	    (long long)t4.mono);

	tn = time_Now();
	tn1 = time_Time_Add(tn, 1 * time_Hour);
	usleep(100000);
	d = time_Until(tn1);
	ck_assert_msg(d >= 59 * time_Minute,
	    "Until(Now().Add(1*Hour)) = %lld, wanted at least 59m",
	    (long long)d);
	now = time_Now();
	ck_assert_msg(!time_Time_After(now, tn1),
	    "Now().After(Now().Add(1*Hour)) = true, want false");
	ck_assert_msg(time_Time_After(tn1, now),
	    "Now().Add(1*Hour).After(now) = false, want true");
	ck_assert_msg(!time_Time_Before(tn1, now),
	    "Now().Add(1*Hour).Before(Now()) = true, want false");
	ck_assert_msg(time_Time_Before(now, tn1),
	    "Now().Before(Now().Add(1*Hour)) = false, want true");
}
END_TEST

/*
 * TestMonotonicSub's tables: each pair of times, with and without
 * monotonic readings (Go strips them with AddDate(0, 0, 0); here the
 * "w" twin simply has mono 0), and the expected Sub and comparison.
 */
static const timeSpec monoTimes[3] = {
	{ 1483228799, 995000000, 123456789012345 },
	{ 1483228799, 5000000, 123456789012345 + 10000000 },
	{ 1483228799, 995000000, 123456789012345 + 1000000000 },
};

static const struct {
	int	      x, y;
	time_Duration d, dw;
	int	      c, cw;
} monotonicSubTests[] = {
	{ 0, 0, 0, 0, 0, 0 },
	{ 0, 1, -10 * time_Millisecond, 990 * time_Millisecond, -1, +1 },
	{ 0, 2, -1000 * time_Millisecond, 0, -1, 0 },
	{ 1, 0, 10 * time_Millisecond, -990 * time_Millisecond, +1, -1 },
	{ 1, 1, 0, 0, 0, 0 },
	{ 1, 2, -990 * time_Millisecond, -990 * time_Millisecond, -1, -1 },
	{ 2, 0, 1000 * time_Millisecond, 0, +1, 0 },
	{ 2, 1, 990 * time_Millisecond, 990 * time_Millisecond, +1, +1 },
	{ 2, 2, 0, 0, 0, 0 },
};

START_TEST(TestMonotonicSub)
{
	time_Time     tx, txw, ty, tyw;
	time_Duration d, dw;
	int	      c, cw, x, y;

	x = monotonicSubTests[_i].x + 1;
	y = monotonicSubTests[_i].y + 1;
	tx = mkTime(monoTimes[x - 1]);
	txw = tx;
	txw.mono = 0;
	ty = mkTime(monoTimes[y - 1]);
	tyw = ty;
	tyw.mono = 0;
	d = monotonicSubTests[_i].d;
	dw = monotonicSubTests[_i].dw;
	c = monotonicSubTests[_i].c;
	cw = monotonicSubTests[_i].cw;

	ck_assert_msg(time_Time_Sub(tx, ty) == d,
	    "t%d.Sub(t%d) = %lld, "
	    "want %lld",
	    x, y, (long long)time_Time_Sub(tx, ty), (long long)d);
	ck_assert_msg(
	    time_Time_Sub(txw, ty) == dw, "t%dw.Sub(t%d) wrong", x, y);
	ck_assert_msg(
	    time_Time_Sub(tx, tyw) == dw, "t%d.Sub(t%dw) wrong", x, y);
	ck_assert_msg(
	    time_Time_Sub(txw, tyw) == dw, "t%dw.Sub(t%dw) wrong", x, y);

	ck_assert_msg(time_Time_After(tx, ty) == (c > 0),
	    "t%d.After(t%d) = %d, want %d", x, y, !(c > 0), c > 0);
	ck_assert_msg(time_Time_After(txw, ty) == (cw > 0),
	    "t%dw.After(t%d) = %d, want %d", x, y, !(cw > 0), cw > 0);
	ck_assert_msg(time_Time_After(tx, tyw) == (cw > 0),
	    "t%d.After(t%dw) = %d, want %d", x, y, !(cw > 0), cw > 0);
	ck_assert_msg(time_Time_After(txw, tyw) == (cw > 0),
	    "t%dw.After(t%dw) = %d, want %d", x, y, !(cw > 0), cw > 0);

	ck_assert_msg(time_Time_Before(tx, ty) == (c < 0),
	    "t%d.Before(t%d) = %d, want %d", x, y, !(c < 0), c < 0);
	ck_assert_msg(time_Time_Before(txw, ty) == (cw < 0),
	    "t%dw.Before(t%d) = %d, want %d", x, y, !(cw < 0), cw < 0);
	ck_assert_msg(time_Time_Before(tx, tyw) == (cw < 0),
	    "t%d.Before(t%dw) = %d, want %d", x, y, !(cw < 0), cw < 0);
	ck_assert_msg(time_Time_Before(txw, tyw) == (cw < 0),
	    "t%dw.Before(t%dw) = %d, want %d", x, y, !(cw < 0), cw < 0);

	ck_assert_msg(time_Time_Equal(tx, ty) == (c == 0),
	    "t%d.Equal(t%d) = %d, want %d", x, y, !(c == 0), c == 0);
	ck_assert_msg(time_Time_Equal(txw, ty) == (cw == 0),
	    "t%dw.Equal(t%d) = %d, want %d", x, y, !(cw == 0), cw == 0);
	ck_assert_msg(time_Time_Equal(tx, tyw) == (cw == 0),
	    "t%d.Equal(t%dw) = %d, want %d", x, y, !(cw == 0), cw == 0);
	ck_assert_msg(time_Time_Equal(txw, tyw) == (cw == 0),
	    "t%dw.Equal(t%dw) = %d, want %d", x, y, !(cw == 0), cw == 0);
}
END_TEST

/*
 * testUnixNano and testIsZero have no Go namesakes: they pin down the
 * zero Time and the Unix/UnixNano round trip that deadlines rely on,
 * with values checked against Go 1.19.
 */
START_TEST(testIsZero)
{
	time_Time zero = { 0, 0, 0 };
	time_Time t;

	ck_assert_msg(time_Time_IsZero(zero), "Time{}.IsZero() = false");
	t = time_Unix(-62135596800LL, 0);
	ck_assert_msg(time_Time_IsZero(t),
	    "Unix(-62135596800, 0).IsZero() = false, want true");
	t = time_Unix(0, 0);
	ck_assert_msg(!time_Time_IsZero(t), "Unix(0, 0).IsZero() = true");
	ck_assert_msg(!time_Time_IsZero(time_Now()), "Now().IsZero() = true");
}
END_TEST

START_TEST(testUnixNano)
{
	time_Time t;

	t = time_Unix(1, -1);
	ck_assert_msg(time_Time_Unix(t) == 0 && t.nsec == 999999999,
	    "Unix(1, -1) = %lld.%09d, want 0.999999999",
	    (long long)time_Time_Unix(t), t.nsec);
	ck_assert_msg(time_Time_UnixNano(t) == 999999999,
	    "Unix(1, -1).UnixNano() = %lld, want 999999999",
	    (long long)time_Time_UnixNano(t));
	t = time_Unix(0, 3000000001LL);
	ck_assert_msg(time_Time_Unix(t) == 3 && t.nsec == 1,
	    "Unix(0, 3000000001) = %lld.%09d, want 3.000000001",
	    (long long)time_Time_Unix(t), t.nsec);
	t = time_Time_Add(
	    time_Unix(1483228799, 995000000), 10 * time_Millisecond);
	ck_assert_msg(time_Time_UnixNano(t) == 1483228800005000000LL,
	    "Add: UnixNano() = %lld, want 1483228800005000000",
	    (long long)time_Time_UnixNano(t));
}
END_TEST

/*
 * The overflow tests have no Go namesakes: near the int64 limits Go's
 * arithmetic wraps (Unix, unixTime) or saturates (Add, Sub), and gonet
 * must do the same without C's undefined signed overflow, which the
 * SANITIZE=1 build turns into an abort.  Every value was printed by Go
 * 1.19 running tests/testdata/overflow_go119.go.
 */
static const struct {
	const char   *name;
	int64_t	      sec, nsec;
	bool	      add; /* then Add(d) */
	time_Duration d;
	int64_t	      unix, unixNano;
	int32_t	      nanosecond;
} unixOverflowTests[] = {
	{ "Unix(max, 0)", INT64_MAX, 0, false, 0, INT64_MAX, -1000000000, 0 },
	{ "Unix(min, 0)", INT64_MIN, 0, false, 0, INT64_MIN, 0, 0 },
	{ "Unix(max, 1e9)", INT64_MAX, 1000000000, false, 0, INT64_MIN, 0, 0 },
	{ "Unix(max, max)", INT64_MAX, INT64_MAX, false, 0,
	    -9223372027631403773LL, 9223372035854775807LL, 854775807 },
	{ "Unix(min, -1)", INT64_MIN, -1, false, 0, INT64_MAX, -1, 999999999 },
	{ "Unix(min, min)", INT64_MIN, INT64_MIN, false, 0,
	    9223372027631403771LL, INT64_MIN, 145224192 },
	{ "Unix(max-1e9, 0).Add(max)", INT64_MAX - 1000000000, 0, true,
	    INT64_MAX, -9223372028631403773LL, 8223372035854775807LL,
	    854775807 },
	{ "Unix(0, 0).Add(max)", 0, 0, true, INT64_MAX, 9223372036, INT64_MAX,
	    854775807 },
	{ "Unix(0, 0).Add(min)", 0, 0, true, INT64_MIN, -9223372037LL,
	    INT64_MIN, 145224192 },
	{ "Unix(min, 0).Add(min)", INT64_MIN, 0, true, INT64_MIN,
	    9223372027631403771LL, INT64_MIN, 145224192 },
	{ "Unix(max, 999999999).Add(1)", INT64_MAX, 999999999, true, 1,
	    INT64_MIN, 0, 0 },
};

START_TEST(testUnixOverflow)
{
	time_Time t;

	t = time_Unix(unixOverflowTests[_i].sec, unixOverflowTests[_i].nsec);
	if (unixOverflowTests[_i].add)
		t = time_Time_Add(t, unixOverflowTests[_i].d);
	ck_assert_msg(time_Time_Unix(t) == unixOverflowTests[_i].unix &&
		t.nsec == unixOverflowTests[_i].nanosecond &&
		time_Time_UnixNano(t) == unixOverflowTests[_i].unixNano,
	    "%s: Unix %lld Nanosecond %d UnixNano %lld, want %lld %d %lld",
	    unixOverflowTests[_i].name, (long long)time_Time_Unix(t), t.nsec,
	    (long long)time_Time_UnixNano(t),
	    (long long)unixOverflowTests[_i].unix,
	    unixOverflowTests[_i].nanosecond,
	    (long long)unixOverflowTests[_i].unixNano);
}
END_TEST

static const struct {
	int64_t	      t, u; /* Unix seconds */
	time_Duration d;
} subOverflowTests[] = {
	{ INT64_MAX, 0, minDuration },
	{ INT64_MIN, 0, minDuration },
	{ INT64_MAX, INT64_MIN, -1 * time_Second },
	{ 0, INT64_MAX, maxDuration },
};

START_TEST(testSubOverflow)
{
	time_Time     t, u;
	time_Duration got;

	t = time_Unix(subOverflowTests[_i].t, 0);
	u = time_Unix(subOverflowTests[_i].u, 0);
	got = time_Time_Sub(t, u);
	ck_assert_msg(got == subOverflowTests[_i].d,
	    "Unix(%lld, 0).Sub(Unix(%lld, 0)) = %lld, want %lld",
	    (long long)subOverflowTests[_i].t,
	    (long long)subOverflowTests[_i].u, (long long)got,
	    (long long)subOverflowTests[_i].d);
}
END_TEST

START_TEST(testUntilOverflow)
{
	time_Time far;

	ck_assert(time_Until(time_Unix(INT64_MAX, 0)) == minDuration);
	ck_assert(time_Until(time_Unix(INT64_MIN, 0)) == minDuration);
	ck_assert(time_Since(time_Unix(INT64_MAX, 0)) == maxDuration);
	ck_assert(time_Since(time_Unix(INT64_MIN, 0)) == maxDuration);
	ck_assert_msg(
	    time_Time_Before(time_Unix(INT64_MAX, 0), time_Unix(0, 0)),
	    "Unix(max, 0).Before(Unix(0, 0)) = false, want true");
	far = time_Time_Add(time_Now(), maxDuration);
	ck_assert_msg(time_Time_After(far, time_Now()),
	    "Now().Add(max).After(Now()) = false, want true");
	ck_assert_msg(time_Until(far) > 290 * 365 * 24 * time_Hour,
	    "Until(Now().Add(max)) = %lld, want over 290 years",
	    (long long)time_Until(far));
}
END_TEST

Suite *
time_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("time");
	tc = newTCase("Duration");
	tcase_add_loop_test(tc, TestDurationString, 0, nelem(durationTests));
	suite_add_tcase(s, tc);
	tc = newTCase("Time");
	tcase_add_loop_test(tc, TestSub, 0, nelem(subTests));
	tcase_add_test(tc, testIsZero);
	tcase_add_test(tc, testUnixNano);
	tcase_add_loop_test(tc, testUnixOverflow, 0, nelem(unixOverflowTests));
	tcase_add_loop_test(tc, testSubOverflow, 0, nelem(subOverflowTests));
	tcase_add_test(tc, testUntilOverflow);
	suite_add_tcase(s, tc);
	tc = newTCase("Monotonic");
	tcase_add_test(tc, TestMonotonicAdd);
	tcase_add_loop_test(tc, TestMonotonicSub, 0, nelem(monotonicSubTests));
	suite_add_tcase(s, tc);
	return s;
}
