/*
 * Fuzz target for net_ParseMAC.  Go's TestParseMAC table pairs each
 * address with its three spellings; the properties are that a parsed
 * address has 6, 8 or 20 octets, that its String and the '-' and '.'
 * spellings parse back to it, and that a failure is Go's AddrError for the
 * whole text.
 */
#include "tests/fuzz/fuzz.h"

static void
checkSpelling(const char *s, const char *text, net_HardwareAddr hw)
{
	runtime_error	*err;
	net_HardwareAddr hw2;

	if ((err = net_ParseMAC(text, &hw2)) != NULL)
		fuzz_fail("ParseMAC(%s): %s does not re-parse: %s", s, text,
		    runtime_error_Error(err));
	if (hw2.len != hw.len || memcmp(hw2.b, hw.b, hw.len) != 0)
		fuzz_fail(
		    "ParseMAC(%s): %s re-parses to another address", s, text);
}

/* dotted writes hw in the form 0123.4567.89ab into buf. */
static void
dotted(net_HardwareAddr hw, char *buf)
{
	int i;

	for (i = 0; i < hw.len; i += 2)
		sprintf(buf + 5 * (i / 2), "%02x%02x.", hw.b[i], hw.b[i + 1]);
	buf[5 * (hw.len / 2) - 1] = '\0';
}

static void
checkAddr(const char *s, net_HardwareAddr hw)
{
	char *str, buf[64];
	int   i;

	if (hw.len != 6 && hw.len != 8 && hw.len != 20)
		fuzz_fail("ParseMAC(%s) has %d octets", s, hw.len);
	str = net_HardwareAddr_String(hw);
	if (strlen(str) != (size_t)3 * hw.len - 1)
		fuzz_fail("ParseMAC(%s).String() = %s", s, str);
	checkSpelling(s, str, hw);
	for (i = 0; str[i] != '\0'; i++)
		if (str[i] == ':')
			str[i] = '-';
	checkSpelling(s, str, hw);
	dotted(hw, buf);
	checkSpelling(s, buf, hw);
	free(str);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	runtime_error	*err;
	net_HardwareAddr hw;
	char		*s, *want;

	if ((s = fuzz_cstring(data, size)) == NULL)
		return 0;
	if ((err = net_ParseMAC(s, &hw)) != NULL) {
		/* Go's AddrError leaves out an empty address. */
		want = malloc(size + 40);
		snprintf(want, size + 40, "%s%s%sinvalid MAC address",
		    size > 0 ? "address " : "", s, size > 0 ? ": " : "");
		if (strcmp(runtime_error_Error(err), want) != 0)
			fuzz_fail("ParseMAC(%s): error %s", s,
			    runtime_error_Error(err));
		free(want);
		runtime_error_Free(err);
	} else
		checkAddr(s, hw);
	free(s);
	return 0;
}
