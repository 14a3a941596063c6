/*
 * C port of go1.19 src/unicode/utf8/utf8.go: FullRune, DecodeRune, EncodeRune.
 */
#include "unicode/utf8/utf8.h"

enum {
	tx = 0x80,
	t2 = 0xC0,
	t3 = 0xE0,
	t4 = 0xF0,
	maskx = 0x3F,
	mask2 = 0x1F,
	mask3 = 0x0F,
	mask4 = 0x07,
	rune1Max = (1 << 7) - 1,
	rune2Max = (1 << 11) - 1,
	rune3Max = (1 << 16) - 1,
	surrogateMin = 0xD800,
	surrogateMax = 0xDFFF,
	locb = 0x80,
	hicb = 0xBF,
	/* Go's first-byte classes: accept range index << 4 | length. */
	xx = 0xF1,
	as = 0xF0,
	s1 = 0x02,
	s2 = 0x13,
	s3 = 0x03,
	s4 = 0x23,
	s5 = 0x34,
	s6 = 0x04,
	s7 = 0x44,
};

typedef struct acceptRange {
	uint8_t lo, hi;
} acceptRange;

static const acceptRange acceptRanges[16] = {
	{ locb, hicb },
	{ 0xA0, hicb },
	{ locb, 0x9F },
	{ 0x90, hicb },
	{ locb, 0x8F },
};

/* first is Go's 256-entry table, spelled as the ranges it holds. */
static uint8_t
first(uint8_t b)
{
	if (b < 0x80)
		return as;
	if (b < 0xC2)
		return xx;
	if (b < 0xE0)
		return s1;
	if (b == 0xE0)
		return s2;
	if (b == 0xED)
		return s4;
	if (b < 0xF0)
		return s3;
	if (b == 0xF0)
		return s5;
	if (b < 0xF4)
		return s6;
	return b == 0xF4 ? s7 : xx;
}

bool
utf8_FullRune(const uint8_t *p, size_t n)
{
	acceptRange accept;
	uint8_t	    x;

	if (n == 0)
		return false;
	x = first(p[0]);
	if (n >= (size_t)(x & 7))
		return true;
	accept = acceptRanges[x >> 4];
	if (n > 1 && (p[1] < accept.lo || accept.hi < p[1]))
		return true;
	if (n > 2 && (p[2] < locb || hicb < p[2]))
		return true;
	return false;
}

int32_t
utf8_DecodeRune(const uint8_t *p, size_t n, int *size)
{
	acceptRange accept;
	uint8_t	    x;
	size_t	    sz;

	*size = 0;
	if (n < 1)
		return utf8_RuneError;
	*size = 1;
	x = first(p[0]);
	if (x >= as)
		return x == as ? p[0] : utf8_RuneError;
	sz = x & 7;
	accept = acceptRanges[x >> 4];
	if (n < sz || p[1] < accept.lo || accept.hi < p[1])
		return utf8_RuneError;
	if (sz <= 2) {
		*size = 2;
		return (int32_t)(p[0] & mask2) << 6 | (p[1] & maskx);
	}
	if (p[2] < locb || hicb < p[2])
		return utf8_RuneError;
	if (sz <= 3) {
		*size = 3;
		return (int32_t)(p[0] & mask3) << 12 | (p[1] & maskx) << 6 |
		    (p[2] & maskx);
	}
	if (p[3] < locb || hicb < p[3])
		return utf8_RuneError;
	*size = 4;
	return (int32_t)(p[0] & mask4) << 18 | (p[1] & maskx) << 12 |
	    (p[2] & maskx) << 6 | (p[3] & maskx);
}

int
utf8_EncodeRune(uint8_t *p, int32_t r)
{
	uint32_t i = (uint32_t)r;

	if (i <= rune1Max) {
		p[0] = (uint8_t)r;
		return 1;
	}
	if (i <= rune2Max) {
		p[0] = t2 | (uint8_t)(r >> 6);
		p[1] = tx | ((uint8_t)r & maskx);
		return 2;
	}
	if (i > utf8_MaxRune || (surrogateMin <= i && i <= surrogateMax)) {
		r = utf8_RuneError;
		i = utf8_RuneError;
	}
	if (i <= rune3Max) {
		p[0] = t3 | (uint8_t)(r >> 12);
		p[1] = tx | ((uint8_t)(r >> 6) & maskx);
		p[2] = tx | ((uint8_t)r & maskx);
		return 3;
	}
	p[0] = t4 | (uint8_t)(r >> 18);
	p[1] = tx | ((uint8_t)(r >> 12) & maskx);
	p[2] = tx | ((uint8_t)(r >> 6) & maskx);
	p[3] = tx | ((uint8_t)r & maskx);
	return 4;
}
