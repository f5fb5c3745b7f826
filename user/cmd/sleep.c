// SPDX-License-Identifier: MIT
/*
 * sleep: waits for the sum of its operands, each a number of seconds
 * with an optional fraction and an optional unit (s, m, h, d), or "inf".
 * The wait is nanosleep; a signal that has a handler wakes it and the
 * rest of the time is slept (sleep sets none: a signal whose default is
 * to end the process, like Ctrl-C's SIGINT, ends it as usual).
 */
#include "cmd.h"

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    sleep - wait for a time\n\n"
	"SYNOPSIS\n    sleep NUMBER[SUFFIX]...\n\n"
	"DESCRIPTION\n"
	"    Waits for the sum of the NUMBERs, in seconds. A NUMBER may have a\n"
	"    fraction (0.5) and a SUFFIX: s seconds (the default), m minutes,\n"
	"    h hours, d days. \"inf\" waits until a signal ends sleep.\n\n"
	"EXIT STATUS\n    0 after the wait, 2 on an invalid interval.\n";

/* Seconds in arg, or a negative value if it is not a valid interval. */
static double sleep_parse(const char *arg)
{
	char *end;

	if (strcmp(arg, "inf") == 0 || strcmp(arg, "infinity") == 0)
		return INFINITY;
	if (!((*arg >= '0' && *arg <= '9') || *arg == '.'))
		return -1;
	double v = strtod(arg, &end);
	if (end == arg || (end[0] && end[1]))
		return -1;
	switch (*end) {
	case '\0': case 's': return v;
	case 'm': return v * 60;
	case 'h': return v * 3600;
	case 'd': return v * 86400;
	default: return -1;
	}
}

int main(int argc, char **argv)
{
	double total = 0;

	cmd_start(argc, argv, help);
	int first = 1;
	if (argc > 1 && strcmp(argv[1], "--") == 0)
		first = 2;
	if (first >= argc)
		cmd_usage_error("missing operand");
	for (int i = first; i < argc; i++) {
		double v = sleep_parse(argv[i]);
		if (v < 0 || isnan(v))
			cmd_usage_error("invalid time interval '%s'", argv[i]);
		total += v;
	}
	if (isinf(total)) {
		for (;;)
			pause();
	}
	/* Up to about 68 years at a time keeps time_t and long happy everywhere. */
	while (total > 0) {
		double chunk = total > 2e9 ? 2e9 : total;
		struct timespec ts = { (time_t)chunk, (long)((chunk - (double)(time_t)chunk) * 1e9) };
		total -= chunk;
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
		}
	}
	return 0;
}
