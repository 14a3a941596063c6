/*
 * C port of go1.19 src/net/dnsclient_test.go: the SRV weight shuffle
 * picks each record first with a chance proportional to its weight.
 */
#include <stdio.h>
#include <string.h>

#include "net/dnsclient.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

/*
 * checkDistribution shuffles data 10000 times and checks that data[0]
 * came first as often as its weight says, within margin.
 */
static void
checkDistribution(const net_SRV *data, int n, double margin)
{
	net_SRV d[16];
	double	expected, diff;
	int	sum, count, actual, i, j;

	sum = 0;
	for (i = 0; i < n; i++)
		sum += data[i].Weight;
	count = 10000;
	actual = 0;
	for (j = 0; j < count; j++) {
		memcpy(d, data, (size_t)n * sizeof(d[0]));
		net_byPriorityWeight_shuffleByWeight(d, n);
		if (strcmp(d[0].Target, data[0].Target) == 0)
			actual++;
	}
	expected = (double)count * data[0].Weight / sum;
	diff = actual - expected;
	if (diff < 0)
		diff = -diff;
	if (diff > expected * margin)
		ck_abort_msg(
		    "missed target weight: expected %g, %d", expected, actual);
}

static void
testUniformity(int size, double margin)
{
	static char names[16][2];
	net_SRV	    data[16];
	int	    i;

	for (i = 0; i < size; i++) {
		names[i][0] = (char)('a' + i);
		data[i] = (net_SRV){ .Target = names[i], .Weight = 1 };
	}
	checkDistribution(data, size, margin);
}

static void
testWeighting(double margin)
{
	static const net_SRV data[] = {
		{ .Target = "a", .Weight = 60 },
		{ .Target = "b", .Weight = 30 },
		{ .Target = "c", .Weight = 10 },
	};

	checkDistribution(data, nelem(data), margin);
}

START_TEST(TestDNSSRVUniformity)
{
	testUniformity(2, 0.05);
	testUniformity(3, 0.10);
	testUniformity(10, 0.20);
	testWeighting(0.05);
}
END_TEST

START_TEST(TestWeighting)
{
	testWeighting(0.05);
}
END_TEST

Suite *
dnsclient_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dnsclient");
	tc = newTCase("shuffleByWeight");
	tcase_add_test(tc, TestDNSSRVUniformity);
	tcase_add_test(tc, TestWeighting);
	suite_add_tcase(s, tc);
	return s;
}
