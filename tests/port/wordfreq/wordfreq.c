// SPDX-License-Identifier: MIT
/*
 * wordfreq: counts words in files (or stdin) and prints the most frequent
 * ones with their share of the total. A deliberately ordinary portable C
 * program — getopt, stdio, malloc, qsort, ctype, strtol, math — kept here
 * to check that a program written for POSIX builds unchanged with
 * tools/x86_64-tessera-gcc through its own Makefile (docs/porting.md).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct word {
	char *text;
	long count;
};

static struct word *words;
static size_t nwords, capacity;
static long total;

static void count_word(const char *text)
{
	for (size_t i = 0; i < nwords; i++) {
		if (strcmp(words[i].text, text) == 0) {
			words[i].count++;
			total++;
			return;
		}
	}
	if (nwords == capacity) {
		capacity = capacity ? capacity * 2 : 64;
		words = realloc(words, capacity * sizeof(*words));
		if (!words) {
			perror("wordfreq");
			exit(2);
		}
	}
	words[nwords].text = strdup(text);
	words[nwords++].count = 1;
	total++;
}

static void count_stream(FILE *in, int fold)
{
	char buf[256];
	size_t len = 0;
	int c;

	while ((c = getc(in)) != EOF) {
		if (isalnum(c) || c == '\'') {
			if (len < sizeof(buf) - 1)
				buf[len++] = (char)(fold ? tolower(c) : c);
			continue;
		}
		if (len) {
			buf[len] = '\0';
			count_word(buf);
			len = 0;
		}
	}
	if (len) {
		buf[len] = '\0';
		count_word(buf);
	}
}

static int by_count(const void *a, const void *b)
{
	const struct word *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? 1 : -1;
	return strcmp(x->text, y->text);
}

static void usage(FILE *to)
{
	fprintf(to, "usage: wordfreq [-i] [-n COUNT] [FILE...]\n"
		    "  -i        fold case\n"
		    "  -n COUNT  print the COUNT most frequent words (default 10)\n");
}

int main(int argc, char **argv)
{
	long top = 10;
	int fold = 0, opt, status = 0;
	char *end;

	while ((opt = getopt(argc, argv, "in:h")) != -1) {
		switch (opt) {
		case 'i':
			fold = 1;
			break;
		case 'n':
			errno = 0;
			top = strtol(optarg, &end, 10);
			if (errno || *end || top < 0) {
				fprintf(stderr, "wordfreq: bad count '%s'\n", optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind == argc)
		count_stream(stdin, fold);
	for (int i = optind; i < argc; i++) {
		FILE *in = fopen(argv[i], "r");
		if (!in) {
			fprintf(stderr, "wordfreq: %s: %s\n", argv[i], strerror(errno));
			status = 1;
			continue;
		}
		count_stream(in, fold);
		fclose(in);
	}
	qsort(words, nwords, sizeof(*words), by_count);
	for (size_t i = 0; i < nwords && (long)i < top; i++)
		printf("%-12s %4ld %6.2f%% %5.2f\n", words[i].text, words[i].count,
		       100.0 * (double)words[i].count / (double)total,
		       log2((double)total / (double)words[i].count));
	printf("%ld words, %zu distinct\n", total, nwords);
	return status;
}
