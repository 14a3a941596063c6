/* C port of go1.19 src/net/mac.go */
#include <string.h>

#include "net/net_impl.h"

const char net_hexDigit[] = "0123456789abcdef";

/* net_HardwareAddr_String gives colon-separated hex, "" for a nil address. */
char *
net_HardwareAddr_String(net_HardwareAddr a)
{
	char  *buf;
	size_t i, n;

	if (a.len == 0)
		return runtime_strdup("");
	buf = runtime_malloc((size_t)a.len * 3);
	n = 0;
	for (i = 0; i < a.len; i++) {
		if (i > 0)
			buf[n++] = ':';
		buf[n++] = net_hexDigit[a.b[i] >> 4];
		buf[n++] = net_hexDigit[a.b[i] & 0xF];
	}
	buf[n] = '\0';
	return buf;
}

/*
 * net_ParseMAC reads a 6-, 8- or 20-octet link-layer address (MAC-48,
 * EUI-48, EUI-64, InfiniBand) written with ':' or '-' between octets or
 * '.' between groups of four digits.  *hw is nil on error.
 */
runtime_error *
net_ParseMAC(const char *s, net_HardwareAddr *hw)
{
	size_t len, n, i, x;

	*hw = (net_HardwareAddr){ 0 };
	len = strlen(s);
	if (len < 14)
		goto error;

	if (s[2] == ':' || s[2] == '-') {
		if ((len + 1) % 3 != 0)
			goto error;
		n = (len + 1) / 3;
		if (n != 6 && n != 8 && n != 20)
			goto error;
		hw->len = (uint8_t)n;
		for (x = 0, i = 0; i < n; i++) {
			if (!net_xtoi2(s + x, len - x, s[2], &hw->b[i]))
				goto error;
			x += 3;
		}
	} else if (s[4] == '.') {
		if ((len + 1) % 5 != 0)
			goto error;
		n = 2 * (len + 1) / 5;
		if (n != 6 && n != 8 && n != 20)
			goto error;
		hw->len = (uint8_t)n;
		for (x = 0, i = 0; i < n; i += 2) {
			if (!net_xtoi2(s + x, 2, 0, &hw->b[i]))
				goto error;
			if (!net_xtoi2(
				s + x + 2, len - x - 2, s[4], &hw->b[i + 1]))
				goto error;
			x += 5;
		}
	} else
		goto error;
	return NULL;

error:
	*hw = (net_HardwareAddr){ 0 };
	return net_newAddrError("invalid MAC address", s);
}
