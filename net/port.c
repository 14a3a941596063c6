/* C port of go1.19 src/net/port.go */
#include <stdint.h>

#include "net/net_impl.h"

/*
 * net_parsePort reads service as a signed decimal port.  When service is
 * not a decimal number it sets *needsLookup and returns 0, leaving the
 * name lookup to the caller.  Numbers too large to be ports are still read
 * to the end and clamped, so that "65536" is rejected as a bad port rather
 * than looked up as a name (Go issue 11715); the empty string is port 0,
 * a behavior Go keeps for compatibility (Go issue 13610).
 */
int
net_parsePort(const char *service, bool *needsLookup)
{
	const uint32_t max = UINT32_MAX, cutoff = (uint32_t)1 << 30;
	uint32_t       n, nn, d;
	bool	       neg;
	int	       port;

	*needsLookup = false;
	if (service[0] == '\0')
		return 0;
	neg = false;
	if (service[0] == '+')
		service++;
	else if (service[0] == '-') {
		neg = true;
		service++;
	}
	n = 0;
	for (; *service != '\0'; service++) {
		if ('0' <= *service && *service <= '9')
			d = (uint32_t)(*service - '0');
		else {
			*needsLookup = true;
			return 0;
		}
		if (n >= cutoff) {
			n = max;
			break;
		}
		n *= 10;
		nn = n + d;
		if (nn < n || nn > max) {
			n = max;
			break;
		}
		n = nn;
	}
	if (!neg && n >= cutoff)
		port = (int)(cutoff - 1);
	else if (neg && n > cutoff)
		port = (int)cutoff;
	else
		port = (int)n;
	if (neg)
		port = -port;
	return port;
}
