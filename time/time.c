/*
 * C port of go1.19 src/time/time.go, the part runtime.h declares: Now,
 * Unix, the Time arithmetic and comparisons that deadlines use, and
 * Duration.String.  Go packs wall seconds and the monotonic flag into one
 * word; here they are separate fields, but the rule that decides when a
 * Time keeps its monotonic reading (wall seconds within Go's packed range)
 * is the same, so Sub and Before choose the same clock Go would.
 */
#include <time.h>

#include "runtime/linkname.h"

enum {
	secondsPerMinute = 60,
	secondsPerHour = 60 * secondsPerMinute,
	secondsPerDay = 24 * secondsPerHour,
};

/* Seconds from year 1 to 1970 and to 1885, the start of Go's packed range. */
#define unixToInternal                                                         \
	((int64_t)(1969 * 365 + 1969 / 4 - 1969 / 100 + 1969 / 400) *          \
	    secondsPerDay)
#define wallToInternal                                                         \
	((int64_t)(1884 * 365 + 1884 / 4 - 1884 / 100 + 1884 / 400) *          \
	    secondsPerDay)
#define minWall wallToInternal

#define maxDuration ((time_Duration)INT64_MAX)
#define minDuration ((time_Duration)INT64_MIN)

/* hasMonotonic reports whether t carries a monotonic reading. */
static bool
hasMonotonic(time_Time t)
{
	return t.mono != 0;
}

/*
 * monoInRange mirrors Go's packed representation: a Time whose wall
 * seconds fall outside 33 bits counted from 1885 cannot hold a monotonic
 * reading there.
 */
static bool
monoInRange(int64_t sec)
{
	return sec >= minWall && (uint64_t)(sec - minWall) >> 33 == 0;
}

static void
stripMono(time_Time *t)
{
	t->mono = 0;
}

/* runtimeNano is the monotonic clock, biased by one so 0 stays "absent". */
static int64_t
runtimeNano(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec + 1;
}

/*
 * wrapAdd is Go's int64 a + b: it wraps on overflow.  The sum is taken in
 * uint64_t, where wrapping is defined, and converted back (GCC and Clang
 * define that conversion as modulo 2^64).
 */
static int64_t
wrapAdd(int64_t a, int64_t b)
{
	return (int64_t)((uint64_t)a + (uint64_t)b);
}

static void
addSec(time_Time *t, int64_t d)
{
	int64_t sum;

	if (hasMonotonic(*t) && !monoInRange(wrapAdd(t->sec, d)))
		stripMono(t);
	/* Saturate rather than wrap, as Go does. */
	if (__builtin_add_overflow(t->sec, d, &sum))
		sum = d > 0 ? INT64_MAX : -INT64_MAX;
	t->sec = sum;
}

time_Time
time_Time_Add(time_Time t, time_Duration d)
{
	int64_t dsec, te;
	int32_t nsec;

	dsec = d / 1000000000;
	nsec = t.nsec + (int32_t)(d % 1000000000);
	if (nsec >= 1000000000) {
		dsec++;
		nsec -= 1000000000;
	} else if (nsec < 0) {
		dsec--;
		nsec += 1000000000;
	}
	t.nsec = nsec;
	addSec(&t, dsec);
	if (hasMonotonic(t)) {
		/*
		 * A reading out of range, or one landing on the 0 that
		 * means absent, degrades the Time to wall-clock only.
		 */
		if (__builtin_add_overflow(t.mono, d, &te) || te == 0)
			stripMono(&t);
		else
			t.mono = te;
	}
	return t;
}

time_Duration
time_Time_Sub(time_Time t, time_Time u)
{
	int64_t	      te, ue;
	time_Duration d;

	if (hasMonotonic(t) && hasMonotonic(u)) {
		te = t.mono;
		ue = u.mono;
		if (__builtin_sub_overflow(te, ue, &d))
			return te > ue ? maxDuration : minDuration;
		return d;
	}
	/* Go's arithmetic wraps here; unsigned keeps that defined in C. */
	d = (time_Duration)(((uint64_t)t.sec - (uint64_t)u.sec) *
		(uint64_t)time_Second +
	    (uint64_t)(int64_t)(t.nsec - u.nsec));
	if (time_Time_Equal(time_Time_Add(u, d), t))
		return d;
	else if (time_Time_Before(t, u))
		return minDuration;
	else
		return maxDuration;
}

time_Duration
time_Since(time_Time t)
{
	time_Time now = { 0, 0, 0 };

	/* With a monotonic t, Sub reads only the monotonic clock. */
	if (hasMonotonic(t))
		now.mono = runtimeNano();
	else
		now = time_Now();
	return time_Time_Sub(now, t);
}

time_Duration
time_Until(time_Time t)
{
	time_Time now = { 0, 0, 0 };

	if (hasMonotonic(t))
		now.mono = runtimeNano();
	else
		now = time_Now();
	return time_Time_Sub(t, now);
}

bool
time_Time_After(time_Time t, time_Time u)
{
	if (hasMonotonic(t) && hasMonotonic(u))
		return t.mono > u.mono;
	return t.sec > u.sec || (t.sec == u.sec && t.nsec > u.nsec);
}

bool
time_Time_Before(time_Time t, time_Time u)
{
	if (hasMonotonic(t) && hasMonotonic(u))
		return t.mono < u.mono;
	return t.sec < u.sec || (t.sec == u.sec && t.nsec < u.nsec);
}

bool
time_Time_Equal(time_Time t, time_Time u)
{
	if (hasMonotonic(t) && hasMonotonic(u))
		return t.mono == u.mono;
	return t.sec == u.sec && t.nsec == u.nsec;
}

bool
time_Time_IsZero(time_Time t)
{
	return t.sec == 0 && t.nsec == 0;
}

time_Time
time_Now(void)
{
	struct timespec ts;
	time_Time	t;

	clock_gettime(CLOCK_REALTIME, &ts);
	t.sec = (int64_t)ts.tv_sec + unixToInternal;
	t.nsec = (int32_t)ts.tv_nsec;
	t.mono = monoInRange(t.sec) ? runtimeNano() : 0;
	return t;
}

static time_Time
unixTime(int64_t sec, int32_t nsec)
{
	time_Time t;

	/* Go's sum wraps for sec near the int64 limits. */
	t.sec = wrapAdd(sec, unixToInternal);
	t.nsec = nsec;
	t.mono = 0;
	return t;
}

/* Like Go's, the result wraps for times near the int64 limits. */
int64_t
time_Time_Unix(time_Time t)
{
	return (int64_t)((uint64_t)t.sec - (uint64_t)unixToInternal);
}

int64_t
time_Time_UnixNano(time_Time t)
{
	/* Out of range results wrap as Go's do. */
	return (int64_t)((uint64_t)time_Time_Unix(t) * 1000000000 +
	    (uint64_t)t.nsec);
}

time_Time
time_Unix(int64_t sec, int64_t nsec)
{
	int64_t n;

	/* Near the int64 limits sec wraps, as Go's does. */
	if (nsec < 0 || nsec >= 1000000000) {
		n = nsec / 1000000000;
		sec = wrapAdd(sec, n);
		nsec -= n * 1000000000;
		if (nsec < 0) {
			nsec += 1000000000;
			sec = wrapAdd(sec, -1);
		}
	}
	return unixTime(sec, (int32_t)nsec);
}

/*
 * fmtFrac writes the low prec digits of v before buf[w] as a fraction,
 * dropping trailing zeros and the point itself when nothing remains.
 */
static int
fmtFrac(char *buf, int w, uint64_t *v, int prec)
{
	bool	 print;
	int	 i;
	uint64_t digit;

	print = false;
	for (i = 0; i < prec; i++) {
		digit = *v % 10;
		print = print || digit != 0;
		if (print)
			buf[--w] = (char)digit + '0';
		*v /= 10;
	}
	if (print)
		buf[--w] = '.';
	return w;
}

static int
fmtInt(char *buf, int w, uint64_t v)
{
	if (v == 0)
		buf[--w] = '0';
	else {
		while (v > 0) {
			buf[--w] = (char)(v % 10) + '0';
			v /= 10;
		}
	}
	return w;
}

char *
time_Duration_String(time_Duration d)
{
	char	 buf[32];
	int	 w, prec;
	uint64_t u;
	bool	 neg;

	w = sizeof(buf);
	u = (uint64_t)d;
	neg = d < 0;
	if (neg)
		u = -u;
	if (u < (uint64_t)time_Second) {
		/* Below a second Go switches to ns, µs or ms units. */
		buf[--w] = 's';
		w--;
		if (u == 0)
			return runtime_strdup("0s");
		else if (u < (uint64_t)time_Microsecond) {
			prec = 0;
			buf[w] = 'n';
		} else if (u < (uint64_t)time_Millisecond) {
			prec = 3;
			/* U+00B5, the micro sign, is two bytes in UTF-8. */
			w--;
			buf[w] = (char)0xc2;
			buf[w + 1] = (char)0xb5;
		} else {
			prec = 6;
			buf[w] = 'm';
		}
		w = fmtFrac(buf, w, &u, prec);
		w = fmtInt(buf, w, u);
	} else {
		buf[--w] = 's';
		w = fmtFrac(buf, w, &u, 9);
		w = fmtInt(buf, w, u % 60);
		u /= 60;
		if (u > 0) {
			buf[--w] = 'm';
			w = fmtInt(buf, w, u % 60);
			u /= 60;
			/* Hours are the largest unit: days vary in length. */
			if (u > 0) {
				buf[--w] = 'h';
				w = fmtInt(buf, w, u);
			}
		}
	}
	if (neg)
		buf[--w] = '-';
	return runtime_strndup(&buf[w], sizeof(buf) - (size_t)w);
}
