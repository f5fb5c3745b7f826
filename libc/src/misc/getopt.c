// SPDX-License-Identifier: MIT
/*
 * getopt, getopt_long and getopt_long_only, behaving as glibc's do so
 * that programs ported from Linux parse their arguments the same way
 * (see <getopt.h> for the rules).
 *
 * The scan keeps, besides optind, where it is inside a cluster of short
 * options ("-abc") and the span of operands it has stepped over,
 * [first_operand, last_operand). When it finds the next option after such
 * a span it rotates argv so the options seen so far come first, and the
 * operands wait after them; at the end optind is left at the first
 * operand. This state is reset when optind is 0, and also whenever the
 * caller has moved optind from where the last call left it (so the
 * portable "optind = 1" restart works too).
 */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *optarg;
int optind = 1, opterr = 1, optopt = '?';

typedef enum { ORDER_PERMUTE, ORDER_REQUIRE, ORDER_RETURN_IN_ORDER } order_t;

static struct {
	const char *next;       /* the rest of a cluster of short options, or NULL */
	int first_operand, last_operand;
	int left_optind;        /* optind as the last call left it */
	bool started;
} scan;

typedef struct request {
	int argc;
	char **argv;
	const char *optstring;  /* without its '+', '-' prefix */
	const struct option *longopts;
	int *longindex;
	bool long_only, quiet;
	order_t order;
} request_t;

static bool is_operand(const char *arg)
{
	return arg[0] != '-' || arg[1] == '\0';
}

static void reverse(char **a, int from, int to)
{
	while (from < --to) {
		char *t = a[from];
		a[from++] = a[to];
		a[to] = t;
	}
}

/* Moves the options in [last_operand, optind) before the operands in [first_operand, last_operand). */
static void permute(char **argv)
{
	reverse(argv, scan.first_operand, scan.last_operand);
	reverse(argv, scan.last_operand, optind);
	reverse(argv, scan.first_operand, optind);
	scan.first_operand += optind - scan.last_operand;
	scan.last_operand = optind;
}

static void start_scan(void)
{
	if (optind == 0)
		optind = 1;
	scan.next = NULL;
	scan.first_operand = scan.last_operand = optind;
	scan.started = true;
}

/* Steps over operands (permuting) and "--"; false when the options have ended. */
static bool advance(const request_t *rq)
{
	if (scan.last_operand > optind)
		scan.last_operand = optind;
	if (scan.first_operand > optind)
		scan.first_operand = optind;
	if (rq->order == ORDER_PERMUTE) {
		if (scan.first_operand != scan.last_operand && scan.last_operand != optind)
			permute(rq->argv);
		else if (scan.last_operand != optind)
			scan.first_operand = optind;
		while (optind < rq->argc && is_operand(rq->argv[optind]))
			optind++;
		scan.last_operand = optind;
	}
	if (optind != rq->argc && strcmp(rq->argv[optind], "--") == 0) {
		optind++;
		if (scan.first_operand != scan.last_operand && scan.last_operand != optind)
			permute(rq->argv);
		else if (scan.first_operand == scan.last_operand)
			scan.first_operand = optind;
		scan.last_operand = rq->argc;
		optind = rq->argc;
	}
	if (optind == rq->argc) {
		if (scan.first_operand != scan.last_operand)
			optind = scan.first_operand;
		return false;
	}
	return true;
}

static int missing_argument(const request_t *rq)
{
	return rq->optstring[0] == ':' ? ':' : '?';
}

static int short_option(const request_t *rq)
{
	char c = *scan.next++;
	const char *spec = c == ':' ? NULL : strchr(rq->optstring, c);

	if (*scan.next == '\0')
		optind++;
	if (!spec || c == '\0') {
		if (!rq->quiet)
			fprintf(stderr, "%s: invalid option -- '%c'\n", rq->argv[0], c);
		optopt = (unsigned char)c;
		return '?';
	}
	if (spec[1] != ':')
		return c;
	if (spec[2] == ':') {                           /* optional: only attached */
		if (*scan.next) {
			optarg = (char *)scan.next;
			optind++;
		}
	} else if (*scan.next) {
		optarg = (char *)scan.next;
		optind++;
	} else if (optind == rq->argc) {
		if (!rq->quiet)
			fprintf(stderr, "%s: option requires an argument -- '%c'\n",
				rq->argv[0], c);
		optopt = (unsigned char)c;
		scan.next = NULL;
		return missing_argument(rq);
	} else {
		optarg = rq->argv[optind++];
	}
	scan.next = NULL;
	return c;
}

/*
 * The long option named by name[0..len): an exact match, else the only
 * abbreviation (several that differ in what they do are ambiguous: -2).
 */
static int find_long(const struct option *opts, const char *name, size_t len)
{
	int found = -1;
	bool ambiguous = false;

	for (int i = 0; opts[i].name; i++) {
		if (strncmp(opts[i].name, name, len) != 0)
			continue;
		if (strlen(opts[i].name) == len)
			return i;
		if (found < 0)
			found = i;
		else if (opts[i].has_arg != opts[found].has_arg ||
			 opts[i].flag != opts[found].flag || opts[i].val != opts[found].val)
			ambiguous = true;
	}
	return ambiguous ? -2 : found;
}

static void report_ambiguous(const request_t *rq, const char *prefix, const char *name,
			     size_t len)
{
	fprintf(stderr, "%s: option '%s%s' is ambiguous; possibilities:", rq->argv[0], prefix,
		name);
	for (int i = 0; rq->longopts[i].name; i++)
		if (strncmp(rq->longopts[i].name, name, len) == 0)
			fprintf(stderr, " '%s%s'", prefix, rq->longopts[i].name);
	fputc('\n', stderr);
}

/* The option's value once its argument is settled. */
static int long_found(const request_t *rq, int index, const char *prefix, const char *eq)
{
	const struct option *o = &rq->longopts[index];

	optind++;
	scan.next = NULL;
	if (eq) {
		if (o->has_arg == no_argument) {
			if (!rq->quiet)
				fprintf(stderr, "%s: option '%s%s' doesn't allow an argument\n",
					rq->argv[0], prefix, o->name);
			optopt = o->val;
			return '?';
		}
		optarg = (char *)eq + 1;
	} else if (o->has_arg == required_argument) {
		if (optind >= rq->argc) {
			if (!rq->quiet)
				fprintf(stderr, "%s: option '%s%s' requires an argument\n",
					rq->argv[0], prefix, o->name);
			optopt = o->val;
			return missing_argument(rq);
		}
		optarg = rq->argv[optind++];
	}
	if (rq->longindex)
		*rq->longindex = index;
	if (o->flag) {
		*o->flag = o->val;
		return 0;
	}
	return o->val;
}

/* A long option at scan.next; -1 if (long_only) it should be read as short ones instead. */
static int long_option(const request_t *rq, const char *prefix)
{
	const char *name = scan.next;
	const char *eq = strchr(name, '=');
	size_t len = eq ? (size_t)(eq - name) : strlen(name);
	int index = find_long(rq->longopts, name, len);

	if (index == -2) {
		if (!rq->quiet)
			report_ambiguous(rq, prefix, name, len);
		scan.next = NULL;
		optind++;
		optopt = 0;
		return '?';
	}
	if (index >= 0)
		return long_found(rq, index, prefix, eq);
	if (rq->long_only && prefix[1] == '\0' && strchr(rq->optstring, *name))
		return -1;
	if (!rq->quiet)
		fprintf(stderr, "%s: unrecognized option '%s%s'\n", rq->argv[0], prefix, name);
	scan.next = NULL;
	optind++;
	optopt = 0;
	return '?';
}

/* At the start of an argument: an option's value, or -1 if it is to be read as short ones. */
static int begin_argument(const request_t *rq)
{
	const char *arg = rq->argv[optind];

	if (rq->longopts && arg[1] == '-') {
		scan.next = arg + 2;
		return long_option(rq, "--");
	}
	if (rq->longopts && rq->long_only && (arg[2] || !strchr(rq->optstring, arg[1]))) {
		scan.next = arg + 1;
		int r = long_option(rq, "-");
		if (r != -1)
			return r;
	}
	scan.next = arg + 1;
	return -1;
}

static int scan_next(request_t *rq)
{
	optarg = NULL;
	if (optind == 0 || !scan.started || optind != scan.left_optind)
		start_scan();
	if (optind > rq->argc)
		return -1;
	if (!scan.next || *scan.next == '\0') {
		if (!advance(rq))
			return -1;
		if (is_operand(rq->argv[optind])) {
			if (rq->order == ORDER_REQUIRE)
				return -1;
			optarg = rq->argv[optind++];
			return 1;
		}
		int r = begin_argument(rq);
		if (r != -1)
			return r;
	}
	return short_option(rq);
}

static int getopt_common(int argc, char *const argv[], const char *optstring,
			 const struct option *longopts, int *longindex, bool long_only)
{
	request_t rq = {
		.argc = argc, .argv = (char **)argv, .longopts = longopts,
		.longindex = longindex, .long_only = long_only, .order = ORDER_PERMUTE,
	};

	if (*optstring == '-' || *optstring == '+')
		rq.order = *optstring++ == '-' ? ORDER_RETURN_IN_ORDER : ORDER_REQUIRE;
	else if (getenv("POSIXLY_CORRECT"))
		rq.order = ORDER_REQUIRE;
	rq.optstring = optstring;
	rq.quiet = !opterr || *optstring == ':';
	int r = scan_next(&rq);
	scan.left_optind = optind;
	return r;
}

int getopt(int argc, char *const argv[], const char *optstring)
{
	return getopt_common(argc, argv, optstring, NULL, NULL, false);
}

int getopt_long(int argc, char *const argv[], const char *optstring,
		const struct option *longopts, int *longindex)
{
	return getopt_common(argc, argv, optstring, longopts, longindex, false);
}

int getopt_long_only(int argc, char *const argv[], const char *optstring,
		     const struct option *longopts, int *longindex)
{
	return getopt_common(argc, argv, optstring, longopts, longindex, true);
}
