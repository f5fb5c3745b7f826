// SPDX-License-Identifier: MIT
/*
 * date: shows the time (now, or a given one) in a strftime format.
 *
 * -d takes "@SECONDS", "now", or an ISO 8601 date "YYYY-MM-DD" with an
 * optional time "HH:MM[:SS]" after a space or 'T' and an optional "Z" or
 * " UTC" (otherwise the time is local). -R and -I are RFC 5322 and ISO
 * 8601 formats. Tessera's clock cannot be set from user space, so an
 * operand that sets the time is checked and then refused.
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    date - print the date and time\n\n"
	"SYNOPSIS\n    date [-u] [-d STRING] [-R | -I[TIMESPEC]] [+FORMAT]\n"
	"    date [-u] MMDDhhmm[[CC]YY][.ss]\n\n"
	"DESCRIPTION\n"
	"    Prints the time in FORMAT (strftime(3) conversions: %Y %m %d %H\n"
	"    %M %S %Z %s ...), by default \"%a %b %e %H:%M:%S %Z %Y\". The second\n"
	"    form would set the clock, which Tessera does not allow.\n\n"
	"OPTIONS\n"
	"    -u          use UTC instead of the local time zone (TZ)\n"
	"    -d STRING   show this time instead of now: @SECONDS (since the\n"
	"                epoch), now, or YYYY-MM-DD[{ |T}HH:MM[:SS]][Z| UTC]\n"
	"    -R          RFC 5322 format: \"%a, %d %b %Y %H:%M:%S %z\"\n"
	"    -I[SPEC]    ISO 8601: SPEC is date (the default), hours, minutes\n"
	"                or seconds\n\n"
	"EXIT STATUS\n"
	"    0, 1 for an invalid date or when asked to set the clock, 2 on a\n"
	"    usage error.\n";

/* Reads exactly n digits at *p into *v. */
static bool date_digits(const char **p, int n, int *v)
{
	*v = 0;
	for (int i = 0; i < n; i++) {
		if ((*p)[i] < '0' || (*p)[i] > '9')
			return false;
		*v = *v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	return true;
}

static bool date_parse_seconds(const char *s, time_t *t)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (end == s || *end || errno)
		return false;
	*t = (time_t)v;
	return true;
}

/* "YYYY-MM-DD[{ |T}HH:MM[:SS]][Z| UTC]" */
static bool date_parse_iso(const char *s, time_t *t)
{
	struct tm tm = { 0 };
	int y, mo, d, h = 0, mi = 0, sec = 0;
	bool utc = false;

	if (!date_digits(&s, 4, &y) || *s++ != '-' || !date_digits(&s, 2, &mo) || *s++ != '-' ||
	    !date_digits(&s, 2, &d))
		return false;
	if ((*s == ' ' || *s == 'T') && s[1] >= '0' && s[1] <= '9') {
		s++;
		if (!date_digits(&s, 2, &h) || *s++ != ':' || !date_digits(&s, 2, &mi))
			return false;
		if (*s == ':' && (s++, !date_digits(&s, 2, &sec)))
			return false;
	}
	if (strcmp(s, "Z") == 0 || strcmp(s, " UTC") == 0 || strcmp(s, "UTC") == 0)
		utc = true;
	else if (*s)
		return false;
	if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60)
		return false;
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	*t = utc ? timegm(&tm) : mktime(&tm);
	return tm.tm_mday == d;         /* normalisation moved it: no such day */
}

static bool date_parse(const char *s, time_t *t)
{
	if (strcmp(s, "now") == 0 || strcmp(s, "") == 0) {
		*t = time(NULL);
		return true;
	}
	if (s[0] == '@')
		return date_parse_seconds(s + 1, t);
	return date_parse_iso(s, t);
}

/* Whether s is MMDDhhmm[[CC]YY][.ss], the form that sets the clock. */
static bool date_is_setting(const char *s)
{
	size_t n = strspn(s, "0123456789");
	if (n != 8 && n != 10 && n != 12)
		return false;
	if (s[n] == '.')
		return strspn(s + n + 1, "0123456789") == 2 && s[n + 3] == '\0';
	return s[n] == '\0';
}

/* Prints t by fmt, with GNU's %:z (offset with a colon) added. */
static void date_print(const char *fmt, const struct tm *tm)
{
	char expanded[1024], zone[16], buf[4096];
	const char *colon = strstr(fmt, "%:z");

	if (colon && strlen(fmt) < sizeof(expanded) - 8) {
		strftime(zone, sizeof(zone), "%z", tm);     /* +hhmm */
		size_t head = (size_t)(colon - fmt);
		snprintf(expanded, sizeof(expanded), "%.*s%.3s:%s%s", (int)head, fmt, zone,
			 zone + 3, colon + 3);
		fmt = expanded;
	}
	size_t n = *fmt ? strftime(buf, sizeof(buf), fmt, tm) : 0;
	if (n == 0 && *fmt && strlen(fmt) > sizeof(buf) / 8)
		cmd_die("the format is too long");
	fwrite(buf, 1, n, stdout);
	putchar('\n');
}

static const char *date_iso_format(const char *spec)
{
	if (!spec || strcmp(spec, "date") == 0)
		return "%Y-%m-%d";
	if (strcmp(spec, "hours") == 0)
		return "%Y-%m-%dT%H%:z";
	if (strcmp(spec, "minutes") == 0)
		return "%Y-%m-%dT%H:%M%:z";
	if (strcmp(spec, "seconds") == 0)
		return "%Y-%m-%dT%H:%M:%S%:z";
	cmd_usage_error("invalid argument '%s' for -I", spec);
}

int main(int argc, char **argv)
{
	const char *when = NULL, *fmt = "%a %b %e %H:%M:%S %Z %Y";
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "ud:RI::")) != -1) {
		if (c == 'u') {
			setenv("TZ", "UTC0", 1);
		} else if (c == 'd') {
			when = optarg;
		} else if (c == 'R') {
			fmt = "%a, %d %b %Y %H:%M:%S %z";
		} else {
			fmt = date_iso_format(optarg);
		}
	}
	tzset();
	if (optind < argc) {
		const char *op = argv[optind];
		if (optind + 1 < argc)
			cmd_usage_error("extra operand '%s'", argv[optind + 1]);
		if (op[0] == '+') {
			fmt = op + 1;
		} else if (date_is_setting(op)) {
			cmd_die("cannot set the time: Operation not supported");
		} else {
			cmd_die("invalid date '%s'", op);
		}
	}
	time_t t = time(NULL);
	if (when && !date_parse(when, &t))
		cmd_die("invalid date '%s'", when);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		cmd_die("time %lld is out of range", (long long)t);
	date_print(fmt, &tm);
	cmd_flush_stdout();
	return 0;
}
