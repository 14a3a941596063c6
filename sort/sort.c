/*
 * C port of go1.19 src/sort/sort.go: Sort, and the xorshift generator
 * and nextPowerOfTwo that pdqsort's breakPatterns uses.
 */
#include "sort/sort.h"

/* bitsLen is math/bits.Len: the bits needed to write n. */
static int
sort_bitsLen(unsigned long n)
{
	int l = 0;

	while (n != 0) {
		l++;
		n >>= 1;
	}
	return l;
}

void
sort_Sort(const sort_Interface *data)
{
	int n = data->n;

	if (n <= 1)
		return;
	sort_pdqsort(data, 0, n, sort_bitsLen((unsigned long)n));
}

uint64_t
sort_xorshift_Next(sort_xorshift *r)
{
	*r ^= *r << 13;
	*r ^= *r >> 17;
	*r ^= *r << 5;
	return *r;
}

unsigned long
sort_nextPowerOfTwo(int length)
{
	return 1UL << sort_bitsLen((unsigned long)length);
}
