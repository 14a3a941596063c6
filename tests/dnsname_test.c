/* C port of go1.19 src/net/dnsname_test.go.  built on: !js */
#include <stdio.h>
#include <string.h>

#include "tests/export_test.h"
#include "tests/main_test.h"

/* The name is held in the value, as a channel element must be. */
typedef struct dnsNameTest {
	char name[300];
	bool result;
} dnsNameTest;

/* RFC 2181, section 11. */
static const struct {
	const char *name;
	bool	    result;
} dnsNameTests[] = {
	{ "_xmpp-server._tcp.google.com", true },
	{ "foo.com", true },
	{ "1foo.com", true },
	{ "26.0.0.73.com", true },
	{ "10-0-0-1", true },
	{ "fo-o.com", true },
	{ "fo1o.com", true },
	{ "foo1.com", true },
	{ "a.b..com", false },
	{ "a.b-.com", false },
	{ "a.b.com-", false },
	{ "a.b..", false },
	{ "b.com.", true },
};

static void
emit(runtime_hchan *ch, const char *name, const char *suffix, bool result)
{
	dnsNameTest tc;

	snprintf(tc.name, sizeof(tc.name), "%s%s", name, suffix);
	tc.result = result;
	runtime_chansend1(ch, &tc);
}

static void
emitDNSNameTest(void *arg)
{
	runtime_hchan *ch = arg;
	char	       char63[64], char64[65], longDomain[330];
	size_t	       i, n;

	memset(char63, 'a', 63);
	char63[63] = '\0';
	snprintf(char64, sizeof(char64), "%sa", char63);
	longDomain[0] = '\0';
	for (i = 0; i < 5; i++)
		strcat(strcat(longDomain, char63), ".");
	strcat(longDomain, "example");
	n = strlen(longDomain);

	for (i = 0; i < nelem(dnsNameTests); i++)
		emit(ch, dnsNameTests[i].name, "", dnsNameTests[i].result);
	emit(ch, char63, ".com", true);
	emit(ch, char64, ".com", false);
	/*
	 * The wire form is two bytes longer than the text (the first and
	 * the root label's length bytes): 253 is fine, and so it is with
	 * a final dot, which does not count, but 254 is not.
	 */
	emit(ch, longDomain + n - 253, "", true);
	emit(ch, longDomain + n - 253, ".", true);
	emit(ch, longDomain + n - 254, "", false);
	runtime_closechan(ch);
}

START_TEST(TestDNSName)
{
	runtime_hchan *ch;
	dnsNameTest    tc;
	int	       bad, count;

	ch = runtime_makechan(sizeof(dnsNameTest), 0);
	runtime_Go(emitDNSNameTest, ch);
	bad = count = 0;
	while (runtime_chanrecv2(ch, &tc)) {
		count++;
		if (net_isDomainName(tc.name, strlen(tc.name)) != tc.result) {
			fprintf(stderr, "isDomainName(\"%s\") = %d; want %d\n",
			    tc.name, !tc.result, tc.result);
			bad++;
		}
	}
	runtime_hchan_Free(ch);
	ck_assert_int_eq(count, (int)nelem(dnsNameTests) + 5);
	ck_assert_msg(bad == 0, "%d names misjudged", bad);
}
END_TEST

Suite *
dnsname_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dnsname");
	tc = newTCase("isDomainName");
	tcase_add_test(tc, TestDNSName);
	suite_add_tcase(s, tc);
	return s;
}
