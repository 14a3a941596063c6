/* C port of go1.19 src/net/dnsname_test.go */
#include <stdlib.h>
#include <string.h>

#include "net/dnsclient.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

typedef struct dnsNameTest {
	const char *name;
	bool	    result;
} dnsNameTest;

static const dnsNameTest dnsNameTests[] = {
	/* RFC 2181, section 11. */
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

enum { nEmitted = nelem(dnsNameTests) + 5 };

/*
 * emitDNSNameTest is Go's generator of the table plus the length cases
 * built at run time: 63- and 64-byte labels, and names of 253 and 254
 * bytes cut from the end of five 63-byte labels and "example".  Go sends
 * them down a channel; here the case number picks one.  The result's
 * name is malloc'd.
 */
static dnsNameTest
emitDNSNameTest(int i)
{
	char   char63[64], longDomain[5 * 64 + sizeof("example")];
	char  *p;
	int    k;
	size_t l;

	if (i < (int)nelem(dnsNameTests))
		return (dnsNameTest){ runtime_strdup(dnsNameTests[i].name),
			dnsNameTests[i].result };
	memset(char63, 'a', 63);
	char63[63] = '\0';
	p = longDomain;
	for (k = 0; k < 5; k++) {
		memcpy(p, char63, 63);
		p[63] = '.';
		p += 64;
	}
	strcpy(p, "example");
	l = strlen(longDomain);
	switch (i - (int)nelem(dnsNameTests)) {
	case 0:
		return (dnsNameTest){ runtime_concatstrings(
					  char63, ".com", (char *)NULL),
			true };
	case 1:
		return (dnsNameTest){ runtime_concatstrings(
					  char63, "a.com", (char *)NULL),
			false };
	case 2:
		/* 253 is fine: the wire form is two octets longer. */
		return (
		    dnsNameTest){ runtime_strdup(longDomain + l - 253), true };
	case 3:
		/* A terminal dot does not count. */
		return (
		    dnsNameTest){ runtime_concatstrings(
				      longDomain + l - 253, ".", (char *)NULL),
			true };
	default:
		return (
		    dnsNameTest){ runtime_strdup(longDomain + l - 254), false };
	}
}

START_TEST(TestDNSName)
{
	dnsNameTest tc;
	bool	    got;

	tc = emitDNSNameTest(_i);
	got = net_isDomainName(tc.name, strlen(tc.name));
	if (got != tc.result)
		ck_abort_msg("isDomainName(\"%s\") = %d; want %d", tc.name, got,
		    tc.result);
	free((char *)tc.name);
}
END_TEST

Suite *
dnsname_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("dnsname");
	tc = newTCase("isDomainName");
	tcase_add_loop_test(tc, TestDNSName, 0, nEmitted);
	suite_add_tcase(s, tc);
	return s;
}
