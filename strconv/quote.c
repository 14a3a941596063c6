/*
 * C port of go1.19 src/strconv/quote.go: Quote and IsPrint, with the UTF-8
 * decoding Go's range loop does (a bad byte is one RuneError, printed \x).
 * The quoted text is built twice, once to count and once to fill, so one
 * exact allocation holds it.
 */
#include <string.h>

#include "runtime/linkname.h"
#include "strconv/strconv.h"

static const char lowerhex[] = "0123456789abcdef";

typedef struct quoteBuf {
	char  *b; /* NULL while counting */
	size_t n;
} quoteBuf;

static void
put(quoteBuf *q, const char *s, size_t n)
{
	if (q->b != NULL)
		memcpy(q->b + q->n, s, n);
	q->n += n;
}

/* decodeRune is utf8.DecodeRuneInString; it returns 0 for an invalid rune. */
static int
decodeRune(const uint8_t *s, size_t n, int32_t *r)
{
	uint32_t min, c;
	int	 w, i;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	w = s[0] < 0xe0 ? 2 : s[0] < 0xf0 ? 3 : 4;
	if ((size_t)w > n)
		return 0;
	c = s[0] & (0x7f >> w);
	for (i = 1; i < w; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	min = w == 2 ? 0x80 : w == 3 ? 0x800 : 0x10000;
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*r = (int32_t)c;
	return w;
}

static void
putHex(quoteBuf *q, const char *prefix, uint32_t r, int ndigits)
{
	char d;
	int  s;

	put(q, prefix, 2);
	for (s = 4 * (ndigits - 1); s >= 0; s -= 4) {
		d = lowerhex[r >> s & 0xf];
		put(q, &d, 1);
	}
}

static void
appendEscapedRune(quoteBuf *q, int32_t r, const char *raw, size_t w)
{
	static const char esc[] = "\a\b\f\n\r\t\v", escc[] = "abfnrtv";
	char		  c[2] = { '\\', 0 };

	if (r == '"' || r == '\\') {
		c[1] = (char)r;
		put(q, c, 2);
	} else if (strconv_IsPrint(r))
		put(q, raw, w);
	else if (r > 0 && r < 0x80 && strchr(esc, r) != NULL) {
		c[1] = escc[strchr(esc, r) - esc];
		put(q, c, 2);
	} else if (r < ' ' || r == 0x7f)
		putHex(q, "\\x", (uint32_t)r, 2);
	else if (r < 0x10000)
		putHex(q, "\\u", (uint32_t)r, 4);
	else
		putHex(q, "\\U", (uint32_t)r, 8);
}

static void
appendQuoted(quoteBuf *q, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t	       r;
	size_t	       i;
	int	       w;

	put(q, "\"", 1);
	for (i = 0; i < n; i += (size_t)w) {
		r = p[i];
		w = 1;
		if (r >= 0x80 && (w = decodeRune(p + i, n - i, &r)) == 0) {
			w = 1;
			putHex(q, "\\x", p[i], 2);
			continue;
		}
		appendEscapedRune(q, r, s + i, (size_t)w);
	}
	put(q, "\"", 1);
}

char *
strconv_Quote(const char *s, size_t n)
{
	quoteBuf q = { NULL, 0 };

	appendQuoted(&q, s, n);
	q.b = runtime_malloc(q.n + 1);
	q.n = 0;
	appendQuoted(&q, s, n);
	return q.b;
}

/* bsearch16 and bsearch32 return the smallest i with a[i] >= x. */
static size_t
bsearch16(const uint16_t *a, size_t n, uint16_t x)
{
	size_t i = 0, j = n, h;

	while (i < j) {
		h = i + (j - i) / 2;
		if (a[h] < x)
			i = h + 1;
		else
			j = h;
	}
	return i;
}

static size_t
bsearch32(const uint32_t *a, size_t n, uint32_t x)
{
	size_t i = 0, j = n, h;

	while (i < j) {
		h = i + (j - i) / 2;
		if (a[h] < x)
			i = h + 1;
		else
			j = h;
	}
	return i;
}

/*
 * IsPrint is unicode.IsPrint from Go's compact tables: a rune is printable
 * when a range of isPrint holds it and isNotPrint does not list it.
 */
bool
strconv_IsPrint(int32_t r)
{
	size_t	 i, j;
	uint16_t rr16;
	uint32_t rr;

	if (r <= 0xff) {
		if (0x20 <= r && r <= 0x7e)
			return true;
		if (0xa1 <= r && r <= 0xff)
			return r != 0xad;
		return false;
	}
	if (r < 0x10000) {
		rr16 = (uint16_t)r;
		i = bsearch16(strconv_isPrint16, strconv_isPrint16_len, rr16);
		if (i >= strconv_isPrint16_len ||
		    rr16 < strconv_isPrint16[i & ~(size_t)1] ||
		    strconv_isPrint16[i | 1] < rr16)
			return false;
		j = bsearch16(
		    strconv_isNotPrint16, strconv_isNotPrint16_len, rr16);
		return j >= strconv_isNotPrint16_len ||
		    strconv_isNotPrint16[j] != rr16;
	}
	rr = (uint32_t)r;
	i = bsearch32(strconv_isPrint32, strconv_isPrint32_len, rr);
	if (i >= strconv_isPrint32_len ||
	    rr < strconv_isPrint32[i & ~(size_t)1] ||
	    strconv_isPrint32[i | 1] < rr)
		return false;
	if (r >= 0x20000)
		return true;
	rr16 = (uint16_t)(r - 0x10000);
	j = bsearch16(strconv_isNotPrint32, strconv_isNotPrint32_len, rr16);
	return j >= strconv_isNotPrint32_len || strconv_isNotPrint32[j] != rr16;
}
