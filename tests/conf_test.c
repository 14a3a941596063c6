/*
 * C port of go1.19 src/net/conf_test.go.
 * built on: darwin dragonfly freebsd linux netbsd openbsd solaris
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "net/dnsconfig.h"
#include "tests/export_test.h"
#include "tests/golden.h"
#include "tests/main_test.h"

typedef struct nssHostTest {
	const char	   *host;
	const char	   *localhost;
	net_hostLookupOrder want;
} nssHostTest;

/* Which dnsConfig a row's conf points at. */
enum {
	resolvDefault, /* defaultResolvConf: a missing resolv.conf */
	resolvLookup,  /* &dnsConfig{lookup: lookup} */
	resolvUnknown  /* the defaults, with unknownOpt set */
};

/*
 * A row's conf: nss is nssStr(nss) unless NULL; nssNotExist is
 * &nssConf{err: fs.ErrNotExist}; neither leaves nss nil.  goos NULL is
 * Go's zero value "".  hostTests ends at a NULL host.
 */
typedef struct confTest {
	const char *name;
	bool	    forceCgoLookupHost, netGo, netCgo, hasMDNSAllow;
	bool	    preferGo; /* Go's resolver: &Resolver{PreferGo: true} */
	const char *goos;
	const char *nss;
	bool	    nssNotExist;
	int	    resolv;
	const char *lookup[4];
	nssHostTest hostTests[18];
} confTest;

#define CGO   net_hostLookupCgo
#define FDNS  net_hostLookupFilesDNS
#define DNSF  net_hostLookupDNSFiles
#define FILES net_hostLookupFiles
#define DNS   net_hostLookupDNS

static const confTest confHostLookupOrderTests[] = {
	{ .name = "force",
	    .forceCgoLookupHost = true,
	    .nss = "foo: bar",
	    .hostTests = { { "foo.local", "myhostname", CGO },
		{ "google.com", "myhostname", CGO } } },
	{ .name = "netgo_dns_before_files",
	    .netGo = true,
	    .nss = "hosts: dns files",
	    .hostTests = { { "x.com", "myhostname", DNSF } } },
	{ .name = "netgo_fallback_on_cgo",
	    .netGo = true,
	    .nss = "hosts: dns files something_custom",
	    .hostTests = { { "x.com", "myhostname", FDNS } } },
	{ .name = "ubuntu_trusty_avahi",
	    .nss = "hosts: files mdns4_minimal [NOTFOUND=return] dns mdns4",
	    .hostTests = { { "foo.local", "myhostname", CGO },
		{ "foo.local.", "myhostname", CGO },
		{ "foo.LOCAL", "myhostname", CGO },
		{ "foo.LOCAL.", "myhostname", CGO },
		{ "google.com", "myhostname", FDNS } } },
	{ .name = "freebsdlinux_no_resolv_conf",
	    .goos = "freebsd",
	    .nss = "foo: bar",
	    .hostTests = { { "google.com", "myhostname", FDNS } } },
	/* On OpenBSD, no resolv.conf means no DNS. */
	{ .name = "openbsd_no_resolv_conf",
	    .goos = "openbsd",
	    .hostTests = { { "google.com", "myhostname", FILES } } },
	{ .name = "solaris_no_nsswitch",
	    .goos = "solaris",
	    .nssNotExist = true,
	    .hostTests = { { "google.com", "myhostname", CGO } } },
	{ .name = "openbsd_lookup_bind_file",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "bind", "file" },
	    .hostTests = { { "google.com", "myhostname", DNSF },
		{ "foo.local", "myhostname", DNSF } } },
	{ .name = "openbsd_lookup_file_bind",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "file", "bind" },
	    .hostTests = { { "google.com", "myhostname", FDNS } } },
	{ .name = "openbsd_lookup_bind",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "bind" },
	    .hostTests = { { "google.com", "myhostname", DNS } } },
	{ .name = "openbsd_lookup_file",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "file" },
	    .hostTests = { { "google.com", "myhostname", FILES } } },
	{ .name = "openbsd_lookup_yp",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "file", "bind", "yp" },
	    .hostTests = { { "google.com", "myhostname", CGO } } },
	{ .name = "openbsd_lookup_two",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .lookup = { "file", "foo" },
	    .hostTests = { { "google.com", "myhostname", CGO } } },
	{ .name = "openbsd_lookup_empty",
	    .goos = "openbsd",
	    .resolv = resolvLookup,
	    .hostTests = { { "google.com", "myhostname", DNSF } } },
	{ .name = "linux_no_nsswitch.conf",
	    .goos = "linux",
	    .nssNotExist = true,
	    .hostTests = { { "google.com", "myhostname", FDNS } } },
	{ .name = "linux_empty_nsswitch.conf",
	    .goos = "linux",
	    .nss = "",
	    .hostTests = { { "google.com", "myhostname", FDNS } } },
	{ .name = "files_mdns_dns",
	    .nss = "hosts: files mdns dns",
	    .hostTests = { { "x.com", "myhostname", FDNS },
		{ "x.local", "myhostname", CGO } } },
	{ .name = "dns_special_hostnames",
	    .nss = "hosts: dns",
	    .hostTests = { { "x.com", "myhostname", DNS },
		/* glibc's escapes and IPv6 zones go to libc. */
		{ "x\\.com", "myhostname", CGO },
		{ "foo.com%en0", "myhostname", CGO } } },
	{ .name = "mdns_allow",
	    .nss = "hosts: files mdns dns",
	    .hasMDNSAllow = true,
	    .hostTests = { { "x.com", "myhostname", CGO },
		{ "x.local", "myhostname", CGO } } },
	{ .name = "files_dns",
	    .nss = "hosts: files dns",
	    .hostTests = { { "x.com", "myhostname", FDNS },
		{ "x", "myhostname", FDNS },
		{ "x.local", "myhostname", CGO } } },
	{ .name = "dns_files",
	    .nss = "hosts: dns files",
	    .hostTests = { { "x.com", "myhostname", DNSF },
		{ "x", "myhostname", DNSF },
		{ "x.local", "myhostname", CGO } } },
	{ .name = "something_custom",
	    .nss = "hosts: dns files something_custom",
	    .hostTests = { { "x.com", "myhostname", CGO } } },
	{ .name = "myhostname",
	    .nss = "hosts: files dns myhostname",
	    .hostTests = { { "x.com", "myhostname", FDNS },
		{ "myhostname", "myhostname", CGO },
		{ "myHostname", "myhostname", CGO },
		{ "myhostname.dot", "myhostname.dot", CGO },
		{ "myHostname.dot", "myhostname.dot", CGO },
		{ "gateway", "myhostname", CGO },
		{ "Gateway", "myhostname", CGO },
		{ "localhost", "myhostname", CGO },
		{ "Localhost", "myhostname", CGO },
		{ "anything.localhost", "myhostname", CGO },
		{ "Anything.localhost", "myhostname", CGO },
		{ "localhost.localdomain", "myhostname", CGO },
		{ "Localhost.Localdomain", "myhostname", CGO },
		{ "anything.localhost.localdomain", "myhostname", CGO },
		{ "Anything.Localhost.Localdomain", "myhostname", CGO },
		{ "somehostname", "myhostname", FDNS },
		{ "", "myhostname", FDNS } } }, /* Go issue 13623 */
	{ .name = "ubuntu14.04.02",
	    .nss = "hosts: files myhostname mdns4_minimal [NOTFOUND=return] "
		   "dns mdns4",
	    .hostTests = { { "x.com", "myhostname", FDNS },
		{ "somehostname", "myhostname", FDNS },
		{ "myhostname", "myhostname", CGO } } },
	/*
	 * Debian Squeeze's "dns,files" spells out dns's default criteria and
	 * adds a redundant notfound=return to files.
	 */
	{ .name = "debian_squeeze",
	    .nss =
		"hosts: dns [success=return notfound=continue "
		"unavail=continue tryagain=continue] files [notfound=return]",
	    .hostTests = { { "x.com", "myhostname", DNSF },
		{ "somehostname", "myhostname", DNSF } } },
	{ .name = "resolv.conf-unknown",
	    .nss = "foo: bar",
	    .resolv = resolvUnknown,
	    .hostTests = { { "google.com", "myhostname", CGO } } },
	/* Android always uses cgo. */
	{ .name = "android",
	    .goos = "android",
	    .nss = "",
	    .hostTests = { { "x.com", "myhostname", CGO } } },
	/* Go issue 24393: PreferGo acts like netgo. */
	{ .name = "resolver-prefergo",
	    .preferGo = true,
	    .goos = "darwin",
	    .forceCgoLookupHost = true,
	    .resolv = resolvDefault,
	    .nss = "",
	    .netCgo = true,
	    .hostTests = { { "localhost", "myhostname", FDNS } } },
};

static const char *fakeLocalhost;

static runtime_error *
fakeHostname(char **name)
{
	*name = strdup(fakeLocalhost);
	ck_assert_ptr_nonnull(*name);
	return NULL;
}

/* resolvConf builds a row's dnsConfig into c (lookup borrows from tt). */
static void
resolvConf(const confTest *tt, net_dnsConfig *c, net_string *lookup)
{
	int n;

	memset(c, 0, sizeof(*c));
	if (tt->resolv == resolvLookup) {
		for (n = 0; tt->lookup[n] != NULL; n++)
			lookup[n] = (net_string){ tt->lookup[n],
				strlen(tt->lookup[n]) };
		c->lookup = n > 0 ? lookup : NULL;
		c->nlookup = n;
		return;
	}
	c->servers = (net_string *)net_defaultNS;
	c->nservers = 2;
	c->ndots = 1;
	c->timeout = 5;
	c->attempts = 2;
	if (tt->resolv == resolvUnknown)
		c->unknownOpt = true;
	else
		c->err = syscall_Errno_Err(ENOENT); /* fs.ErrNotExist */
}

START_TEST(TestConfHostLookupOrder)
{
	const confTest	   *tt = &confHostLookupOrderTests[_i];
	const nssHostTest  *ht;
	net_dnsConfig	    resolv;
	net_nssConf	    notExist = { 0 };
	net_string	    lookup[4];
	net_conf	    c = { 0 };
	net_Resolver	    preferGo = { .PreferGo = true };
	net_hostLookupOrder got;
	char		    b1[32], b2[32];
	int		    fails;

	c.forceCgoLookupHost = tt->forceCgoLookupHost;
	c.netGo = tt->netGo;
	c.netCgo = tt->netCgo;
	c.hasMDNSAllow = tt->hasMDNSAllow;
	c.goos = tt->goos == NULL ? "" : tt->goos;
	if (tt->nss != NULL)
		c.nss = net_parseNSSConf(tt->nss, strlen(tt->nss));
	else if (tt->nssNotExist) {
		notExist.err = syscall_Errno_Err(ENOENT);
		c.nss = &notExist;
	}
	resolvConf(tt, &resolv, lookup);
	c.resolv = &resolv;
	fails = 0;
	for (ht = tt->hostTests; ht->host != NULL; ht++) {
		fakeLocalhost = ht->localhost;
		net_getHostname = fakeHostname;
		got = net_conf_hostLookupOrder(
		    &c, tt->preferGo ? &preferGo : NULL, ht->host);
		net_getHostname = net_osHostname;
		if (got != ht->want) {
			fprintf(stderr,
			    "%s: hostLookupOrder(\"%s\") = %s; want %s\n",
			    tt->name, ht->host,
			    net_hostLookupOrder_String(got, b1),
			    net_hostLookupOrder_String(ht->want, b2));
			fails++;
		}
	}
	if (tt->nss != NULL)
		net_nssConf_free(c.nss);
	ck_assert_msg(
	    fails == 0, "%s: %d hosts got the wrong order", tt->name, fails);
}
END_TEST

START_TEST(TestSystemConf)
{
	net_conf *c;

	c = net_systemConf();
	ck_assert_ptr_nonnull(c);
	/* Read once: a second call gives the same configuration. */
	ck_assert_ptr_eq(net_systemConf(), c);
	ck_assert(c->netGo);
}
END_TEST

/*
 * What Go 1.19 built without cgo prints to standard error for each
 * GODEBUG netdns value, from tests/testdata/netdns_go119.go.  The last
 * line's order depends on the machine's nsswitch.conf, so only its
 * start is compared.
 */
static const struct {
	const char *netdns;
	const char *want;
} goDebugNetDNSTests[] = {
	{ "1",
	    "go package net: built with netgo build tag; using Go's DNS "
	    "resolver\n" },
	{ "2",
	    "go package net: confVal.netCgo = false  netGo = true\n"
	    "go package net: built with netgo build tag; using Go's DNS "
	    "resolver\n"
	    "go package net: hostLookupOrder() = " },
	{ "go+2",
	    "go package net: confVal.netCgo = false  netGo = true\n"
	    "go package net: built with netgo build tag; using Go's DNS "
	    "resolver\n"
	    "go package net: hostLookupOrder() = " },
	{ "cgo+2",
	    "go package net: confVal.netCgo = true  netGo = true\n"
	    "go package net: built with netgo build tag; using Go's DNS "
	    "resolver\n"
	    "go package net: hostLookupOrder() = " },
	{ "2+cgo",
	    "go package net: confVal.netCgo = true  netGo = true\n"
	    "go package net: built with netgo build tag; using Go's DNS "
	    "resolver\n"
	    "go package net: hostLookupOrder() = " },
	{ "0", "" },
};

/* readConf is the child of testGoDebugNetDNS: Go's LookupPort's check. */
static void
readConf(void *arg)
{
	setenv("GODEBUG", arg, 1);
	net_conf_canUseCgo(net_systemConf());
}

START_TEST(testGoDebugNetDNS)
{
	char netdns[16], out[1024];
	int  status;

	snprintf(
	    netdns, sizeof(netdns), "netdns=%s", goDebugNetDNSTests[_i].netdns);
	status = runChild(readConf, netdns, out, sizeof(out));
	ck_assert_int_eq(status, 0);
	if (strncmp(out, goDebugNetDNSTests[_i].want,
		strlen(goDebugNetDNSTests[_i].want)) != 0)
		ck_abort_msg("GODEBUG=%s printed:\n%s\nwant:\n%s", netdns, out,
		    goDebugNetDNSTests[_i].want);
	/* Level 0 and 1 print no order line. */
	if (strstr(goDebugNetDNSTests[_i].netdns, "2") == NULL)
		ck_assert_str_eq(out, goDebugNetDNSTests[_i].want);
}
END_TEST

/* The conf a conf_go119.in line describes; see its Go twin. */
static const char *
orderOf(char **field, const char *nssPath, const char *resolvPath)
{
	static char	    buf[32];
	char		   *host, *local;
	net_nssConf	    notExist = { 0 };
	net_conf	    c = { 0 };
	net_hostLookupOrder o;

	c.goos = strcmp(field[0], "-") == 0 ? "" : field[0];
	c.forceCgoLookupHost = field[1][0] == '1';
	c.netGo = field[1][1] == '1';
	c.netCgo = field[1][2] == '1';
	c.hasMDNSAllow = field[1][3] == '1';
	notExist.err = syscall_Errno_Err(ENOENT);
	c.nss = &notExist;
	if (strcmp(field[2], "-") != 0)
		c.nss = net_parseNSSConfFile(goldenHexFile(nssPath, field[2]));
	c.resolv = net_dnsReadConfig(strcmp(field[3], "-") == 0
		? "/nonexistent-gonet-dir/missing"
		: goldenHexFile(resolvPath, field[3]));
	goldenUnhex(field[4], strlen(field[4]), &host);
	goldenUnhex(field[5], strlen(field[5]), &local);
	fakeLocalhost = local;
	net_getHostname = fakeHostname;
	o = net_conf_hostLookupOrder(&c, NULL, host);
	net_getHostname = net_osHostname;
	if (c.nss != &notExist)
		net_nssConf_free(c.nss);
	net_dnsConfig_free(c.resolv);
	free(host);
	free(local);
	return net_hostLookupOrder_String(o, buf);
}

/*
 * testConfHostLookupOrderGo runs the 3000 cases of
 * tests/testdata/conf_go119.in (goos, the conf's flags, nsswitch.conf and
 * resolv.conf texts, the name and the machine's host name, chosen at
 * random from Go's conf_test cases, the fuzz seeds and finds, and tricky
 * names) and expects the order Go 1.19's own hostLookupOrder gave
 * (tools/dnsconf_go119.sh ran it).
 */
START_TEST(testConfHostLookupOrderGo)
{
	char	    nssPath[64], resolvPath[64], *line, *field[7], *save;
	const char *got;
	size_t	    cap;
	FILE	   *f;
	int	    n, bad, i;

	snprintf(nssPath, sizeof(nssPath), "/tmp/gonet-nss-XXXXXX");
	snprintf(resolvPath, sizeof(resolvPath), "/tmp/gonet-resolv-XXXXXX");
	close(mkstemp(nssPath));
	close(mkstemp(resolvPath));
	f = fopen("tests/testdata/conf_go119.txt", "r");
	ck_assert_ptr_nonnull(f);
	line = NULL;
	cap = 0;
	n = bad = 0;
	while (getline(&line, &cap, f) > 0) {
		field[0] = strtok_r(line, " \t\n", &save);
		for (i = 1; i < 7; i++)
			field[i] = strtok_r(NULL, " \t\n", &save);
		ck_assert_ptr_nonnull(field[6]);
		got = orderOf(field, nssPath, resolvPath);
		if (strcmp(got, field[6]) != 0) {
			if (bad < 10)
				fprintf(stderr, "case %d: got %s, Go %s\n",
				    n + 1, got, field[6]);
			bad++;
		}
		n++;
	}
	free(line);
	fclose(f);
	unlink(nssPath);
	unlink(resolvPath);
	ck_assert_int_eq(n, 3000);
	ck_assert_msg(bad == 0, "%d of %d orders differ from Go", bad, n);
}
END_TEST

Suite *
conf_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("conf");
	tc = newTCase("hostLookupOrder");
	tcase_add_loop_test(
	    tc, TestConfHostLookupOrder, 0, nelem(confHostLookupOrderTests));
	tcase_add_test(tc, TestSystemConf);
	tcase_add_loop_test(
	    tc, testGoDebugNetDNS, 0, nelem(goDebugNetDNSTests));
	tcase_add_test(tc, testConfHostLookupOrderGo);
	suite_add_tcase(s, tc);
	return s;
}
