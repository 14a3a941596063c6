/*
 * C port of go1.19 src/sort/zsortinterface.go: pattern-defeating
 * quicksort over a sort_Interface, step for step as Go's, so that equal
 * elements end where Go leaves them.  Only what Sort needs (no stable).
 */
#include "sort/sort.h"

typedef enum sort_sortedHint {
	sort_unknownHint,
	sort_increasingHint,
	sort_decreasingHint
} sort_sortedHint;

#define LESS(i, j) data->Less(data->data, (i), (j))
#define SWAP(i, j) data->Swap(data->data, (i), (j))

static void
sort_insertionSort(const sort_Interface *data, int a, int b)
{
	int i, j;

	for (i = a + 1; i < b; i++)
		for (j = i; j > a && LESS(j, j - 1); j--)
			SWAP(j, j - 1);
}

static void
sort_siftDown(const sort_Interface *data, int lo, int hi, int first)
{
	int root = lo, child;

	for (;;) {
		child = 2 * root + 1;
		if (child >= hi)
			return;
		if (child + 1 < hi && LESS(first + child, first + child + 1))
			child++;
		if (!LESS(first + root, first + child))
			return;
		SWAP(first + root, first + child);
		root = child;
	}
}

static void
sort_heapSort(const sort_Interface *data, int a, int b)
{
	int first = a, hi = b - a, i;

	for (i = (hi - 1) / 2; i >= 0; i--)
		sort_siftDown(data, i, hi, first);
	for (i = hi - 1; i >= 0; i--) {
		SWAP(first, first + i);
		sort_siftDown(data, 0, i, first);
	}
}

/* partition returns the pivot's new place; *already: nothing moved. */
static int
sort_partition(
    const sort_Interface *data, int a, int b, int pivot, bool *already)
{
	int i = a + 1, j = b - 1;

	SWAP(a, pivot);
	while (i <= j && LESS(i, a))
		i++;
	while (i <= j && !LESS(j, a))
		j--;
	if (i > j) {
		SWAP(j, a);
		*already = true;
		return j;
	}
	SWAP(i, j);
	i++;
	j--;
	for (;;) {
		while (i <= j && LESS(i, a))
			i++;
		while (i <= j && !LESS(j, a))
			j--;
		if (i > j)
			break;
		SWAP(i, j);
		i++;
		j--;
	}
	SWAP(j, a);
	*already = false;
	return j;
}

static int
sort_partitionEqual(const sort_Interface *data, int a, int b, int pivot)
{
	int i = a + 1, j = b - 1;

	SWAP(a, pivot);
	for (;;) {
		while (i <= j && !LESS(a, i))
			i++;
		while (i <= j && LESS(a, j))
			j--;
		if (i > j)
			break;
		SWAP(i, j);
		i++;
		j--;
	}
	return i;
}

/* shiftAround moves the pair swapped at i back and forth into place. */
static void
sort_shiftAround(const sort_Interface *data, int a, int b, int i)
{
	int j;

	if (i - a >= 2)
		for (j = i - 1; j >= 1; j--) {
			if (!LESS(j, j - 1))
				break;
			SWAP(j, j - 1);
		}
	if (b - i >= 2)
		for (j = i + 1; j < b; j++) {
			if (!LESS(j, j - 1))
				break;
			SWAP(j, j - 1);
		}
}

static bool
sort_partialInsertionSort(const sort_Interface *data, int a, int b)
{
	enum { maxSteps = 5, shortestShifting = 50 };
	int i = a + 1, step;

	for (step = 0; step < maxSteps; step++) {
		while (i < b && !LESS(i, i - 1))
			i++;
		if (i == b)
			return true;
		if (b - a < shortestShifting)
			return false;
		SWAP(i, i - 1);
		sort_shiftAround(data, a, b, i);
	}
	return false;
}

static void
sort_breakPatterns(const sort_Interface *data, int a, int b)
{
	sort_xorshift random;
	unsigned long modulus;
	int	      length = b - a, idx, other;

	if (length < 8)
		return;
	random = (sort_xorshift)length;
	modulus = sort_nextPowerOfTwo(length);
	for (idx = a + (length / 4) * 2 - 1; idx <= a + (length / 4) * 2 + 1;
	     idx++) {
		other = (int)((unsigned long)sort_xorshift_Next(&random) &
		    (modulus - 1));
		if (other >= length)
			other -= length;
		SWAP(idx, a + other);
	}
}

static void
sort_order2(const sort_Interface *data, int *a, int *b, int *swaps)
{
	int t;

	if (LESS(*b, *a)) {
		(*swaps)++;
		t = *a;
		*a = *b;
		*b = t;
	}
}

static int
sort_median(const sort_Interface *data, int a, int b, int c, int *swaps)
{
	sort_order2(data, &a, &b, swaps);
	sort_order2(data, &b, &c, swaps);
	sort_order2(data, &a, &b, swaps);
	return b;
}

static int
sort_medianAdjacent(const sort_Interface *data, int a, int *swaps)
{
	return sort_median(data, a - 1, a, a + 1, swaps);
}

static int
sort_choosePivot(
    const sort_Interface *data, int a, int b, sort_sortedHint *hint)
{
	enum { shortestNinther = 50, maxSwaps = 4 * 3 };
	int l = b - a, swaps = 0;
	int i = a + l / 4 * 1, j = a + l / 4 * 2, k = a + l / 4 * 3;

	if (l >= 8) {
		if (l >= shortestNinther) {
			i = sort_medianAdjacent(data, i, &swaps);
			j = sort_medianAdjacent(data, j, &swaps);
			k = sort_medianAdjacent(data, k, &swaps);
		}
		j = sort_median(data, i, j, k, &swaps);
	}
	*hint = swaps == 0	? sort_increasingHint
	    : swaps == maxSwaps ? sort_decreasingHint
				: sort_unknownHint;
	return j;
}

static void
sort_reverseRange(const sort_Interface *data, int a, int b)
{
	int i = a, j = b - 1;

	while (i < j) {
		SWAP(i, j);
		i++;
		j--;
	}
}

void
sort_pdqsort(const sort_Interface *data, int a, int b, int limit)
{
	enum { maxInsertion = 12 };
	sort_sortedHint hint;
	bool		wasBalanced = true, wasPartitioned = true;
	int		length, pivot, mid, leftLen, rightLen;

	for (;;) {
		length = b - a;
		if (length <= maxInsertion) {
			sort_insertionSort(data, a, b);
			return;
		}
		if (limit == 0) {
			sort_heapSort(data, a, b);
			return;
		}
		if (!wasBalanced) {
			sort_breakPatterns(data, a, b);
			limit--;
		}
		pivot = sort_choosePivot(data, a, b, &hint);
		if (hint == sort_decreasingHint) {
			sort_reverseRange(data, a, b);
			pivot = (b - 1) - (pivot - a);
			hint = sort_increasingHint;
		}
		if (wasBalanced && wasPartitioned &&
		    hint == sort_increasingHint &&
		    sort_partialInsertionSort(data, a, b))
			return;
		if (a > 0 && !LESS(a - 1, pivot)) {
			a = sort_partitionEqual(data, a, b, pivot);
			continue;
		}
		mid = sort_partition(data, a, b, pivot, &wasPartitioned);
		leftLen = mid - a;
		rightLen = b - mid;
		if (leftLen < rightLen) {
			wasBalanced = leftLen >= length / 8;
			sort_pdqsort(data, a, mid, limit);
			a = mid + 1;
		} else {
			wasBalanced = rightLen >= length / 8;
			sort_pdqsort(data, mid + 1, b, limit);
			b = mid;
		}
	}
}
