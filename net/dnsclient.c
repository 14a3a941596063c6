/*
 * C port of go1.19 src/net/dnsclient.go: random numbers for query IDs and
 * shuffles, reverseaddr, the name checks both resolvers use, and the SRV
 * and MX orderings.
 */
#include <sys/random.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "net/dnsconfig.h"
#include "sort/sort.h"

/*
 * net_isDomainName reports whether s[0:n] is a name DNS could be asked
 * about: LDH labels plus underscore labels (Go issue 12421), at most 63
 * bytes a label and 253 in all (254 with the root dot), not all digits.
 */
bool
net_isDomainName(const char *s, size_t n)
{
	bool   nonNumeric;
	size_t i, partlen;
	char   c, last;

	/* The root is a domain name too (Go issue 45715). */
	if (n == 1 && s[0] == '.')
		return true;
	if (n == 0 || n > 254 || (n == 254 && s[n - 1] != '.'))
		return false;

	last = '.';
	nonNumeric = false;
	partlen = 0;
	for (i = 0; i < n; i++) {
		c = s[i];
		if (('a' <= c && c <= 'z') || ('A' <= c && c <= 'Z') ||
		    c == '_') {
			nonNumeric = true;
			partlen++;
		} else if ('0' <= c && c <= '9')
			partlen++;
		else if (c == '-') {
			/* A label cannot start with a dash. */
			if (last == '.')
				return false;
			partlen++;
			nonNumeric = true;
		} else if (c == '.') {
			/* Nor end with one, nor be empty. */
			if (last == '.' || last == '-')
				return false;
			if (partlen > 63 || partlen == 0)
				return false;
			partlen = 0;
		} else
			return false;
		last = c;
	}
	if (last == '-' || partlen > 63)
		return false;
	return nonNumeric;
}

/*
 * net_absDomainName makes a dotted name absolute so that hosts-file
 * answers look like DNS ones (Go issue 12189), but leaves single-label
 * names such as "localhost" alone: those are most likely local.
 */
char *
net_absDomainName(const char *s, size_t n)
{
	char *r;

	if (memchr(s, '.', n) != NULL && s[n - 1] != '.') {
		r = runtime_malloc(n + 2);
		memcpy(r, s, n);
		r[n] = '.';
		return r;
	}
	return runtime_strndup(s, n);
}

/*
 * net_randInt is Go's randInt, a non-negative pseudo-random int.  Go
 * reads the runtime's fastrand; getrandom(2) without flags gives the same
 * unpredictability a query ID needs so that an off-path attacker cannot
 * guess it (the point of randomised IDs), and never blocks once the pool
 * is up.  A failed call (no getrandom) falls back to the clock.
 */
int
net_randInt(void)
{
	unsigned int u;

	if (getrandom(&u, sizeof(u), 0) != (ssize_t)sizeof(u))
		u = (unsigned int)time_Time_UnixNano(time_Now());
	return (int)(u >> 1);
}

int
net_randIntn(int n)
{
	return net_randInt() % n;
}

/*
 * net_reverseaddr returns the in-addr.arpa or ip6.arpa name of addr's PTR
 * record (malloc'd) in *arpa, or a DNSError for a string that is no IP.
 */
runtime_error *
net_reverseaddr(const char *addr, char **arpa)
{
	static const char hexDigit[] = "0123456789abcdef";
	net_IP		  ip;
	char		 *buf, *p;
	int		  i;

	*arpa = NULL;
	ip = net_ParseIP(addr);
	if (ip.len == 0)
		return net_newDNSError(
		    "unrecognized address", addr, NULL, false, false, false);
	ip = net_IP_To16(ip);
	if (net_IP_To4(ip).len != 0) {
		buf = runtime_malloc(sizeof("255.255.255.255.in-addr.arpa."));
		sprintf(buf, "%u.%u.%u.%u.in-addr.arpa.", ip.b[15], ip.b[14],
		    ip.b[13], ip.b[12]);
		*arpa = buf;
		return NULL;
	}
	buf = runtime_malloc(16 * 4 + sizeof("ip6.arpa."));
	p = buf;
	for (i = 15; i >= 0; i--) {
		*p++ = hexDigit[ip.b[i] & 0xF];
		*p++ = '.';
		*p++ = hexDigit[ip.b[i] >> 4];
		*p++ = '.';
	}
	strcpy(p, "ip6.arpa.");
	*arpa = buf;
	return NULL;
}

/* net_equalASCIIName compares two names, ignoring ASCII case. */
bool
net_equalASCIIName(const dnsmessage_Name *x, const dnsmessage_Name *y)
{
	uint8_t a, b;
	int	i;

	if (x->Length != y->Length)
		return false;
	for (i = 0; i < x->Length; i++) {
		a = x->Data[i];
		b = y->Data[i];
		if ('A' <= a && a <= 'Z')
			a += 0x20;
		if ('A' <= b && b <= 'Z')
			b += 0x20;
		if (a != b)
			return false;
	}
	return true;
}

/* byPriorityWeight's Less and Swap, for sort_Sort. */
static bool
net_byPriorityWeight_Less(void *data, int i, int j)
{
	const net_SRV *s = data;

	return s[i].Priority < s[j].Priority ||
	    (s[i].Priority == s[j].Priority && s[i].Weight < s[j].Weight);
}

static void
net_byPriorityWeight_Swap(void *data, int i, int j)
{
	net_SRV *s = data, t;

	t = s[i];
	s[i] = s[j];
	s[j] = t;
}

/*
 * net_byPriorityWeight_shuffleByWeight orders one priority's records by
 * RFC 2782's weighted random pick: each in turn is chosen with a chance
 * proportional to its weight among those left.
 */
void
net_byPriorityWeight_shuffleByWeight(net_SRV *addrs, int n)
{
	net_SRV t;
	int	sum, s, r, i;

	sum = 0;
	for (i = 0; i < n; i++)
		sum += addrs[i].Weight;
	while (sum > 0 && n > 1) {
		s = 0;
		r = net_randIntn(sum);
		for (i = 0; i < n; i++) {
			s += addrs[i].Weight;
			if (s > r) {
				if (i > 0) {
					t = addrs[0];
					addrs[0] = addrs[i];
					addrs[i] = t;
				}
				break;
			}
		}
		sum -= addrs[0].Weight;
		addrs++;
		n--;
	}
}

/* net_byPriorityWeight_sort orders SRV records as RFC 2782 says. */
void
net_byPriorityWeight_sort(net_SRV *addrs, int n)
{
	int i, j;

	if (n == 0)
		return;
	sort_Sort(&(sort_Interface){
	    addrs, n, net_byPriorityWeight_Less, net_byPriorityWeight_Swap });
	i = 0;
	for (j = 1; j < n; j++) {
		if (addrs[i].Priority != addrs[j].Priority) {
			net_byPriorityWeight_shuffleByWeight(addrs + i, j - i);
			i = j;
		}
	}
	net_byPriorityWeight_shuffleByWeight(addrs + i, n - i);
}

/* byPref's Less and Swap, for sort_Sort. */
static bool
net_byPref_Less(void *data, int i, int j)
{
	const net_MX *s = data;

	return s[i].Pref < s[j].Pref;
}

static void
net_byPref_Swap(void *data, int i, int j)
{
	net_MX *s = data, t;

	t = s[i];
	s[i] = s[j];
	s[j] = t;
}

/*
 * net_byPref_sort orders MX records by preference, in random order among
 * equals (RFC 5321 5.1): shuffle first, then Go's sort.
 */
void
net_byPref_sort(net_MX *s, int n)
{
	net_MX t;
	int    i, j;

	for (i = 0; i < n; i++) {
		j = net_randIntn(i + 1);
		t = s[i];
		s[i] = s[j];
		s[j] = t;
	}
	sort_Sort(&(sort_Interface){ s, n, net_byPref_Less, net_byPref_Swap });
}
