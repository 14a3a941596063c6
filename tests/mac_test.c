/* C port of go1.19 src/net/mac_test.go */
#include <stdlib.h>
#include <string.h>

#include "net/net.h"
#include "tests/main_test.h"

#define HW(...)                                                                \
	{                                                                      \
		sizeof((uint8_t[]){ __VA_ARGS__ }),                            \
		{                                                              \
			__VA_ARGS__                                            \
		}                                                              \
	}

static const struct {
	const char	*in;
	net_HardwareAddr out;
	const char	*err;
} parseMACTests[] = {
	/* See RFC 7042, Section 2.1.1. */
	{ "00:00:5e:00:53:01", HW(0x00, 0x00, 0x5e, 0x00, 0x53, 0x01), "" },
	{ "00-00-5e-00-53-01", HW(0x00, 0x00, 0x5e, 0x00, 0x53, 0x01), "" },
	{ "0000.5e00.5301", HW(0x00, 0x00, 0x5e, 0x00, 0x53, 0x01), "" },

	/* See RFC 7042, Section 2.2.2. */
	{ "02:00:5e:10:00:00:00:01",
	    HW(0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01), "" },
	{ "02-00-5e-10-00-00-00-01",
	    HW(0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01), "" },
	{ "0200.5e10.0000.0001",
	    HW(0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01), "" },

	/* See RFC 4391, Section 9.1.1. */
	{
	    "00:00:00:00:fe:80:00:00:00:00:00:00:02:00:5e:10:00:00:00:01",
	    HW(0x00, 0x00, 0x00, 0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01),
	    "",
	},
	{
	    "00-00-00-00-fe-80-00-00-00-00-00-00-02-00-5e-10-00-00-00-01",
	    HW(0x00, 0x00, 0x00, 0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01),
	    "",
	},
	{
	    "0000.0000.fe80.0000.0000.0000.0200.5e10.0000.0001",
	    HW(0x00, 0x00, 0x00, 0x00, 0xfe, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x02, 0x00, 0x5e, 0x10, 0x00, 0x00, 0x00, 0x01),
	    "",
	},

	{ "ab:cd:ef:AB:CD:EF", HW(0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef), "" },
	{ "ab:cd:ef:AB:CD:EF:ab:cd",
	    HW(0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd), "" },
	{
	    "ab:cd:ef:AB:CD:EF:ab:cd:ef:AB:CD:EF:ab:cd:ef:AB:CD:EF:ab:cd",
	    HW(0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd,
		0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd, 0xef, 0xab, 0xcd),
	    "",
	},

	{ "01.02.03.04.05.06", { 0 }, "invalid MAC address" },
	{ "01:02:03:04:05:06:", { 0 }, "invalid MAC address" },
	{ "x1:02:03:04:05:06", { 0 }, "invalid MAC address" },
	{ "01002:03:04:05:06", { 0 }, "invalid MAC address" },
	{ "01:02003:04:05:06", { 0 }, "invalid MAC address" },
	{ "01:02:03004:05:06", { 0 }, "invalid MAC address" },
	{ "01:02:03:04005:06", { 0 }, "invalid MAC address" },
	{ "01:02:03:04:05006", { 0 }, "invalid MAC address" },
	{ "01-02:03:04:05:06", { 0 }, "invalid MAC address" },
	{ "01:02-03-04-05-06", { 0 }, "invalid MAC address" },
	{ "0123:4567:89AF", { 0 }, "invalid MAC address" },
	{ "0123-4567-89AF", { 0 }, "invalid MAC address" },
};

static bool
hwEqual(net_HardwareAddr a, net_HardwareAddr b)
{
	return a.len == b.len && memcmp(a.b, b.b, a.len) == 0;
}

/* match is Go's closure: no error wanted, or one containing s. */
static bool
match(runtime_error *err, const char *s)
{
	if (s[0] == '\0')
		return err == NULL;
	return err != NULL && strstr(runtime_error_Error(err), s) != NULL;
}

START_TEST(TestParseMAC)
{
	net_HardwareAddr out, out2;
	runtime_error	*err;
	char		*s;
	bool		 ok;

	err = net_ParseMAC(parseMACTests[_i].in, &out);
	ok = hwEqual(out, parseMACTests[_i].out) &&
	    match(err, parseMACTests[_i].err);
	ck_assert_msg(ok, "ParseMAC(\"%s\") = %s, %s, want %s, %s",
	    parseMACTests[_i].in, net_HardwareAddr_String(out),
	    runtime_error_Error(err),
	    net_HardwareAddr_String(parseMACTests[_i].out),
	    parseMACTests[_i].err);
	runtime_error_Free(err);
	if (parseMACTests[_i].err[0] == '\0') {
		/* A serialization must round-trip. */
		s = net_HardwareAddr_String(out);
		err = net_ParseMAC(s, &out2);
		ck_assert_msg(err == NULL, "%d. ParseMAC(\"%s\") = %s", _i, s,
		    runtime_error_Error(err));
		ck_assert_msg(hwEqual(out2, out),
		    "%d. ParseMAC(\"%s\") = %s, want %s", _i, s,
		    net_HardwareAddr_String(out2),
		    net_HardwareAddr_String(out));
		free(s);
	}
}
END_TEST

Suite *
mac_suite(void)
{
	Suite *s;
	TCase *tc;

	s = suite_create("mac");
	tc = newTCase("parseMAC");
	tcase_add_loop_test(tc, TestParseMAC, 0, nelem(parseMACTests));
	suite_add_tcase(s, tc);
	return s;
}
