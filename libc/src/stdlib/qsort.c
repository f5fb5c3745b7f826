// SPDX-License-Identifier: MIT
/*
 * qsort as introsort: quicksort with a median-of-three pivot, insertion
 * sort for runs of 16 or fewer elements, and heapsort for any range that
 * quicksort has split more than 2*log2(n) times. That bounds the worst
 * case at O(n log n) comparisons whatever the input, while typical input
 * sorts at quicksort speed. Equal keys are not kept in order (qsort is
 * not stable). The larger half of a partition is looped on and the
 * smaller recursed into, so the stack stays O(log n).
 *
 * Elements are swapped eight bytes at a time while they can be. qsort is
 * qsort_r with a comparison that ignores its third argument.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct sort {
	size_t size;
	int (*cmp)(const void *, const void *, void *);
	void *arg;
} sort_t;

static void sort_swap(const sort_t *s, char *a, char *b)
{
	size_t n = s->size;

	if (a == b)
		return;
	for (; n >= 8; n -= 8, a += 8, b += 8) {
		uint64_t x, y;
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		memcpy(a, &y, 8);
		memcpy(b, &x, 8);
	}
	for (; n; n--, a++, b++) {
		char t = *a;
		*a = *b;
		*b = t;
	}
}

static int sort_cmp(const sort_t *s, const char *a, const char *b)
{
	return s->cmp(a, b, s->arg);
}

static void sort_insertion(const sort_t *s, char *base, size_t n)
{
	for (size_t i = 1; i < n; i++)
		for (char *p = base + i * s->size; p > base && sort_cmp(s, p - s->size, p) > 0;
		     p -= s->size)
			sort_swap(s, p - s->size, p);
}

/* Moves element i down the max-heap of n elements at base. */
static void sort_sift_down(const sort_t *s, char *base, size_t i, size_t n)
{
	for (;;) {
		size_t child = 2 * i + 1;
		if (child >= n)
			return;
		if (child + 1 < n &&
		    sort_cmp(s, base + child * s->size, base + (child + 1) * s->size) < 0)
			child++;
		if (sort_cmp(s, base + i * s->size, base + child * s->size) >= 0)
			return;
		sort_swap(s, base + i * s->size, base + child * s->size);
		i = child;
	}
}

static void sort_heap(const sort_t *s, char *base, size_t n)
{
	for (size_t i = n / 2; i-- > 0;)
		sort_sift_down(s, base, i, n);
	for (size_t end = n - 1; end > 0; end--) {
		sort_swap(s, base, base + end * s->size);
		sort_sift_down(s, base, 0, end);
	}
}

/*
 * Partitions base[0..n) around the median of its first, middle and last
 * elements; returns the pivot's final index. Elements before it compare
 * <= pivot, elements after it >= pivot.
 */
static size_t sort_partition(const sort_t *s, char *base, size_t n)
{
	size_t z = s->size;
	char *first = base, *mid = base + (n / 2) * z, *last = base + (n - 1) * z;

	if (sort_cmp(s, mid, first) < 0)
		sort_swap(s, mid, first);
	if (sort_cmp(s, last, mid) < 0) {
		sort_swap(s, last, mid);
		if (sort_cmp(s, mid, first) < 0)
			sort_swap(s, mid, first);
	}
	sort_swap(s, mid, last - z);            /* the pivot waits at n - 2 */
	char *pivot = last - z, *lo = first, *hi = pivot;
	for (;;) {
		do
			lo += z;
		while (sort_cmp(s, lo, pivot) < 0);
		do
			hi -= z;
		while (sort_cmp(s, hi, pivot) > 0);
		if (lo >= hi)
			break;
		sort_swap(s, lo, hi);
	}
	sort_swap(s, lo, pivot);
	return (size_t)(lo - base) / z;
}

static void sort_intro(const sort_t *s, char *base, size_t n, unsigned depth)
{
	while (n > 16) {
		if (depth-- == 0) {
			sort_heap(s, base, n);
			return;
		}
		size_t p = sort_partition(s, base, n);
		char *right = base + (p + 1) * s->size;
		size_t left_n = p, right_n = n - p - 1;
		if (left_n < right_n) {
			sort_intro(s, base, left_n, depth);
			base = right;
			n = right_n;
		} else {
			sort_intro(s, right, right_n, depth);
			n = left_n;
		}
	}
	sort_insertion(s, base, n);
}

void qsort_r(void *base, size_t n, size_t size,
	     int (*cmp)(const void *, const void *, void *), void *arg)
{
	sort_t s = { size, cmp, arg };
	unsigned depth = 0;

	if (n < 2 || size == 0)
		return;
	for (size_t m = n; m > 1; m >>= 1)
		depth += 2;
	sort_intro(&s, base, n, depth);
}

static int sort_cmp_plain(const void *a, const void *b, void *arg)
{
	int (**cmp)(const void *, const void *) = arg;

	return (*cmp)(a, b);
}

void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
	qsort_r(base, n, size, sort_cmp_plain, &cmp);
}

void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *))
{
	const char *lo = base;

	while (n > 0) {
		const char *mid = lo + (n / 2) * size;
		int c = cmp(key, mid);
		if (c == 0)
			return (void *)mid;
		if (c > 0) {
			lo = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
