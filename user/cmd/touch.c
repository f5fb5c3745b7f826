// SPDX-License-Identifier: MIT
/*
 * touch: set files' access and modification times, creating files that
 * do not exist. The time is now, or given by -t (POSIX's
 * [[CC]YY]MMDDhhmm[.SS] in local time), -d (ISO 8601's
 * YYYY-MM-DDThh:mm:SS[.frac][Z], or @SECONDS) or -r (another file's
 * times). The times are set with utimensat; times not chosen by -a or -m
 * are left as they are (UTIME_OMIT).
 */
#include "cmd.h"
#include "fileutil.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    touch - change file times, creating files\n\n"
	"SYNOPSIS\n"
	"    touch [-acm] [-t [[CC]YY]MMDDhhmm[.SS] | -d DATE | -r REF] FILE...\n\n"
	"DESCRIPTION\n"
	"    Sets the access and modification times of each FILE to now (or to\n"
	"    the time given), creating FILE as an empty regular file if it does\n"
	"    not exist.\n\n"
	"OPTIONS\n"
	"    -a       change the access time (only, unless -m is given too)\n"
	"    -c       do not create files; a missing FILE is not an error\n"
	"    -m       change the modification time (only, unless -a too)\n"
	"    -t TIME  [[CC]YY]MMDDhhmm[.SS] in local time; a two-digit year\n"
	"             69-99 is 19YY, 00-68 is 20YY; no year is this year\n"
	"    -d DATE  YYYY-MM-DDThh:mm[:SS[.frac]][Z] (a space may stand for T,\n"
	"             a comma for the point), YYYY-MM-DD (midnight); local time\n"
	"             unless Z (UTC); or @SECONDS since the Epoch\n"
	"    -r REF   the times of the file REF\n\n"
	"EXIT STATUS\n"
	"    0 if every FILE was touched, 1 otherwise, 2 on a usage error.\n";

/* n decimal digits at *s into *out; *s advanced. */
static bool touch_digits(const char **s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++, (*s)++) {
		if (!isdigit((unsigned char)**s))
			return false;
		v = v * 10 + (**s - '0');
	}
	*out = v;
	return true;
}

/* tm (a broken-down local or UTC time) as seconds; false if a field was out of range. */
static bool touch_make_time(struct tm *tm, bool utc, time_t *out)
{
	struct tm want = *tm;

	if (tm->tm_sec == 60)
		tm->tm_sec = 59;        /* a leap second: the last whole second will do */
	tm->tm_isdst = -1;
	errno = 0;
	time_t t = utc ? timegm(tm) : mktime(tm);
	if (t == (time_t)-1 && errno == EOVERFLOW)
		return false;
	/* mktime normalises Feb 30 to Mar 2: a date that moved was not a date. */
	if (tm->tm_mday != want.tm_mday || tm->tm_mon != want.tm_mon || tm->tm_year != want.tm_year ||
	    tm->tm_hour != want.tm_hour || tm->tm_min != want.tm_min)
		return false;
	*out = t + (want.tm_sec == 60);
	return true;
}

/* -t [[CC]YY]MMDDhhmm[.SS] */
static bool touch_parse_t(const char *arg, struct timespec *ts)
{
	const char *dot = strchr(arg, '.');
	size_t len = dot ? (size_t)(dot - arg) : strlen(arg);
	struct tm tm = { 0 };
	int cc = -1, yy = -1;
	const char *s = arg;
	time_t now = time(NULL);

	if (len != 8 && len != 10 && len != 12)
		return false;
	if (len == 12 && !touch_digits(&s, 2, &cc))
		return false;
	if (len >= 10 && !touch_digits(&s, 2, &yy))
		return false;
	if (!touch_digits(&s, 2, &tm.tm_mon) || !touch_digits(&s, 2, &tm.tm_mday) ||
	    !touch_digits(&s, 2, &tm.tm_hour) || !touch_digits(&s, 2, &tm.tm_min))
		return false;
	if (dot) {
		s = dot + 1;
		if (!touch_digits(&s, 2, &tm.tm_sec) || *s || tm.tm_sec > 60)
			return false;
	}
	tm.tm_mon--;
	if (yy < 0)
		tm.tm_year = localtime(&now)->tm_year;
	else if (cc >= 0)
		tm.tm_year = cc * 100 + yy - 1900;
	else
		tm.tm_year = yy + (yy < 69 ? 100 : 0);
	ts->tv_nsec = 0;
	return touch_make_time(&tm, false, &ts->tv_sec);
}

/* .frac or ,frac after the seconds: up to nanoseconds, further digits ignored. */
static bool touch_fraction(const char **s, long *nsec)
{
	long scale = 100000000;

	*nsec = 0;
	if (**s != '.' && **s != ',')
		return true;
	(*s)++;
	if (!isdigit((unsigned char)**s))
		return false;
	for (; isdigit((unsigned char)**s); (*s)++, scale /= 10)
		*nsec += (**s - '0') * scale;
	return true;
}

/* -d: YYYY-MM-DD[Thh:mm[:SS[.frac]]][Z] or @SECONDS[.frac] */
static bool touch_parse_d(const char *arg, struct timespec *ts)
{
	struct tm tm = { 0 };
	const char *s = arg;
	char *end;

	if (*s == '@') {
		errno = 0;
		long long sec = strtoll(s + 1, &end, 10);
		s = end;
		if (errno || end == arg + 1 || !touch_fraction(&s, &ts->tv_nsec) || *s)
			return false;
		ts->tv_sec = (time_t)sec;
		return true;
	}
	errno = 0;
	long year = strtol(s, &end, 10);
	if (errno || end - s < 4 || *end != '-' || year > 99999)
		return false;
	s = end + 1;
	tm.tm_year = (int)year - 1900;
	if (!touch_digits(&s, 2, &tm.tm_mon) || *s++ != '-' || !touch_digits(&s, 2, &tm.tm_mday))
		return false;
	tm.tm_mon--;
	ts->tv_nsec = 0;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if (!touch_digits(&s, 2, &tm.tm_hour) || *s++ != ':' || !touch_digits(&s, 2, &tm.tm_min))
			return false;
		if (*s == ':') {
			s++;
			if (!touch_digits(&s, 2, &tm.tm_sec) || tm.tm_sec > 60 ||
			    !touch_fraction(&s, &ts->tv_nsec))
				return false;
		}
	}
	bool utc = *s == 'Z' || *s == 'z';
	if (utc)
		s++;
	return *s == '\0' && touch_make_time(&tm, utc, &ts->tv_sec);
}

static void touch_file(const char *path, const struct timespec times[2], bool no_create)
{
	if (utimensat(AT_FDCWD, path, times, 0) == 0)
		return;
	if (errno != ENOENT) {
		cmd_error(path, errno);
		return;
	}
	if (no_create)
		return;
	int fd = open(path, O_WRONLY | O_CREAT | O_NOCTTY | O_CLOEXEC, 0666);
	if (fd < 0) {
		cmd_error(path, errno);
		return;
	}
	if (futimens(fd, times) < 0)
		cmd_error(path, errno);
	close(fd);
}

int main(int argc, char **argv)
{
	bool set_a = false, set_m = false, no_create = false;
	const char *t_arg = NULL, *d_arg = NULL, *ref = NULL;
	struct timespec when = { .tv_nsec = UTIME_NOW };
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "acmt:d:r:")) != -1) {
		switch (c) {
		case 'a': set_a = true; break;
		case 'c': no_create = true; break;
		case 'm': set_m = true; break;
		case 't': t_arg = optarg; break;
		case 'd': d_arg = optarg; break;
		case 'r': ref = optarg; break;
		}
	}
	if ((t_arg != NULL) + (d_arg != NULL) + (ref != NULL) > 1)
		cmd_usage_error("only one of -t, -d and -r may be given");
	if (optind >= argc)
		cmd_usage_error("missing file operand");
	if (t_arg && !touch_parse_t(t_arg, &when))
		cmd_die("invalid date format '%s'", t_arg);
	if (d_arg && !touch_parse_d(d_arg, &when))
		cmd_die("invalid date format '%s'", d_arg);
	struct timespec times[2] = { when, when };
	if (ref) {
		struct stat st;
		if (stat(ref, &st) < 0) {
			cmd_error(ref, errno);
			return 1;
		}
		times[0] = st.st_atim;
		times[1] = st.st_mtim;
	}
	if (!set_a && !set_m)
		set_a = set_m = true;
	if (!set_a)
		times[0].tv_nsec = UTIME_OMIT;
	if (!set_m)
		times[1].tv_nsec = UTIME_OMIT;
	for (int i = optind; i < argc; i++)
		touch_file(argv[i], times, no_create);
	cmd_flush_stdout();
	return cmd_status();
}
