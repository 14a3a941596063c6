/*
 * C port of go1.19 src/net/nss_test.go.
 * built on: darwin dragonfly freebsd linux netbsd openbsd solaris
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"
#include "tests/export_test.h"
#include "tests/main_test.h"

static const char ubuntuTrustyAvahi[] =
    "# /etc/nsswitch.conf\n"
    "#\n"
    "# Example configuration of GNU Name Service Switch functionality.\n"
    "# If you have the libc-doc-reference' and nfo' packages installed, "
    "try:\n"
    "# nfo libc \"Name Service Switch\"' for information about this file.\n"
    "\n"
    "passwd:         compat\n"
    "group:          compat\n"
    "shadow:         compat\n"
    "\n"
    "hosts:          files mdns4_minimal [NOTFOUND=return] dns mdns4\n"
    "networks:       files\n"
    "\n"
    "protocols:      db files\n"
    "services:       db files\n"
    "ethers:         db files\n"
    "rpc:            db files\n"
    "\n"
    "netgroup:       nis\n";

/*
 * Go's map[string][]nssSource as a table: databases end at a NULL db,
 * sources at a NULL source, criteria at a NULL status.
 */
typedef struct critWant {
	bool	    negate;
	const char *status;
	const char *action;
} critWant;

typedef struct srcWant {
	const char *source;
	critWant    criteria[3];
} srcWant;

typedef struct dbWant {
	const char *db;
	srcWant	    srcs[5];
} dbWant;

/* A source without criteria. */
#define SRC(name)                                                              \
	{                                                                      \
		.source = (name)                                               \
	}

#define AB                                                                     \
	{                                                                      \
		"foo",                                                         \
		{                                                              \
			SRC("a"), SRC("b")                                     \
		}                                                              \
	}

static const struct {
	const char *name;
	const char *in;
	dbWant	    want[11]; /* ended by a NULL db */
} parseNSSConfTests[] = {
	{ "no_newline", "foo: a b", { AB } },
	{ "newline", "foo: a b\n", { AB } },
	{ "whitespace", "   foo:a    b    \n", { AB } },
	{ "comment1", "   foo:a    b#c\n", { AB } },
	{ "comment2", "   foo:a    b #c \n", { AB } },
	{ "crit", "   foo:a    b [!a=b    X=Y ] c#d \n",
	    { { "foo",
		{ SRC("a"),
		    { .source = "b",
			.criteria = { { true, "a", "b" },
			    { false, "x", "y" } } },
		    SRC("c") } } } },
	/* Ubuntu Trusty with avahi-daemon, libavahi-* and the like. */
	{ "ubuntu_trusty_avahi", ubuntuTrustyAvahi,
	    {
		{ "passwd", { SRC("compat") } },
		{ "group", { SRC("compat") } },
		{ "shadow", { SRC("compat") } },
		{ "hosts",
		    { SRC("files"),
			{ "mdns4_minimal",
			    { { false, "notfound", "return" } } },
			SRC("dns"), SRC("mdns4") } },
		{ "networks", { SRC("files") } },
		{ "protocols", { SRC("db"), SRC("files") } },
		{ "services", { SRC("db"), SRC("files") } },
		{ "ethers", { SRC("db"), SRC("files") } },
		{ "rpc", { SRC("db"), SRC("files") } },
		{ "netgroup", { SRC("nis") } },
	    } },
};

static bool
strEq(net_string s, const char *t)
{
	return s.n == strlen(t) && memcmp(s.p, t, s.n) == 0;
}

/* srcEqual is reflect.DeepEqual of one source and its want. */
static bool
srcEqual(const net_nssSource *got, const srcWant *w)
{
	int i;

	if (!strEq(got->source, w->source))
		return false;
	for (i = 0; i < got->ncriteria; i++) {
		if (w->criteria[i].status == NULL ||
		    got->criteria[i].negate != w->criteria[i].negate ||
		    !strEq(got->criteria[i].status, w->criteria[i].status) ||
		    !strEq(got->criteria[i].action, w->criteria[i].action))
			return false;
	}
	return w->criteria[i].status == NULL;
}

START_TEST(TestParseNSSConf)
{
	const net_nssSource *srcs;
	const dbWant	    *w;
	net_nssConf	    *conf;
	int		     ndb, n, i;

	conf = net_parseNSSConf(
	    parseNSSConfTests[_i].in, strlen(parseNSSConfTests[_i].in));
	if (conf->err != NULL)
		ck_abort_msg("%s: err %s", parseNSSConfTests[_i].name,
		    runtime_error_Error(conf->err));
	for (ndb = 0; parseNSSConfTests[_i].want[ndb].db != NULL; ndb++) {
		w = &parseNSSConfTests[_i].want[ndb];
		srcs = net_nssConf_sources(conf, w->db, &n);
		for (i = 0; i < n && w->srcs[i].source != NULL; i++)
			if (!srcEqual(&srcs[i], &w->srcs[i]))
				break;
		if (i != n || w->srcs[i].source != NULL)
			ck_abort_msg("%s: mismatch in %s at source %d",
			    parseNSSConfTests[_i].name, w->db, i);
	}
	if (conf->nsources != ndb)
		ck_abort_msg("%s: %d databases, want %d",
		    parseNSSConfTests[_i].name, conf->nsources, ndb);
	net_nssConf_free(conf);
}
END_TEST

Suite *
nss_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("nss");
	tc = newTCase("parseNSSConf");
	tcase_add_loop_test(tc, TestParseNSSConf, 0, nelem(parseNSSConfTests));
	suite_add_tcase(s, tc);
	return s;
}
