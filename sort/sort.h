/*
 * gonet sort: Go's sort.Sort, the part net needs to order records exactly
 * as Go does (equal elements included).  Private header: not installed,
 * and its names are not exported from the libraries.
 */
#ifndef GONET_SORT_H
#define GONET_SORT_H

#include <stdbool.h>
#include <stdint.h>

/*
 * sort_Interface is Go's sort.Interface over data: n elements, Less(i, j)
 * and Swap(i, j).
 */
typedef struct sort_Interface {
	void *data;
	int   n;
	bool (*Less)(void *data, int i, int j);
	void (*Swap)(void *data, int i, int j);
} sort_Interface;

/* sort_Sort is Go 1.19's Sort: pdqsort, not stable. */
void sort_Sort(const sort_Interface *data);

/* sort.c's helpers for pdqsort: Go's xorshift and nextPowerOfTwo. */
typedef uint64_t sort_xorshift;
uint64_t	 sort_xorshift_Next(sort_xorshift *r);
unsigned long	 sort_nextPowerOfTwo(int length);

/* zsortinterface.c */
void sort_pdqsort(const sort_Interface *data, int a, int b, int limit);

#endif /* GONET_SORT_H */
