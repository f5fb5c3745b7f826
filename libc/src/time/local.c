// SPDX-License-Identifier: MIT
/*
 * Local time: localtime, mktime and the small functions around them
 * (asctime, ctime, difftime). The zone rules live in tz.c; here a
 * broken-down local time is a UTC split at the zone's offset, and mktime
 * is timegm's normalisation followed by tz.c's choice of offset.
 *
 * asctime's format is the one C fixes ("Sun Sep 16 01:03:52 1973\n");
 * as in glibc, a year that does not fit the 26 bytes of the buffer is
 * EOVERFLOW, and out-of-range weekday or month names print as "???".
 */
#include "time_impl.h"

#include <errno.h>
#include <string.h>

const char *const __time_day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};

const char *const __time_month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long gmtoff;
	int isdst;
	const char *zone;

	__tz_describe(*t, &gmtoff, &isdst, &zone);
	return __time_split(*t, gmtoff, isdst, zone, tm) ? tm : NULL;
}

struct tm *localtime(const time_t *t)
{
	static struct tm tm;

	return localtime_r(t, &tm);
}

time_t mktime(struct tm *tm)
{
	time_t t;
	struct tm out;

	if (!__tz_local_to_utc(__time_join(tm), tm->tm_isdst, &t) || !localtime_r(&t, &out)) {
		errno = EOVERFLOW;
		return -1;
	}
	*tm = out;
	return t;
}

double difftime(time_t end, time_t start)
{
	time_t d;

	if (!__builtin_sub_overflow(end, start, &d))
		return (double)d;
	return (double)end - (double)start;
}

/* Writes n in decimal, padded on the left with pad to width characters. */
static char *put_number(char *p, long long n, int width, char pad)
{
	char digits[24];
	int len = 0;
	unsigned long long u = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

	do
		digits[len++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (n < 0)
		digits[len++] = '-';
	for (int i = len; i < width; i++)
		*p++ = pad;
	while (len)
		*p++ = digits[--len];
	return p;
}

static const char *short_name(const char *const *names, int count, int i)
{
	return i >= 0 && i < count ? names[i] : "???";
}

char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	long long year = (long long)tm->tm_year + 1900;
	char *p = buf;

	if (year > 9999 || year < -999 || tm->tm_mday < -99 || tm->tm_mday > 999 ||
	    (unsigned)tm->tm_hour > 99 || (unsigned)tm->tm_min > 99 || (unsigned)tm->tm_sec > 99) {
		errno = EOVERFLOW;
		return NULL;
	}
	memcpy(p, short_name(__time_day_names, 7, tm->tm_wday), 3);
	p[3] = ' ';
	memcpy(p + 4, short_name(__time_month_names, 12, tm->tm_mon), 3);
	p += 7;
	p = put_number(p, tm->tm_mday, 3, ' ');
	*p++ = ' ';
	p = put_number(p, tm->tm_hour, 2, '0');
	*p++ = ':';
	p = put_number(p, tm->tm_min, 2, '0');
	*p++ = ':';
	p = put_number(p, tm->tm_sec, 2, '0');
	*p++ = ' ';
	p = put_number(p, year, 0, '0');
	*p++ = '\n';
	*p = '\0';
	return buf;
}

char *asctime(const struct tm *tm)
{
	static char buf[26];

	return asctime_r(tm, buf);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	struct tm *tm = localtime(t);

	return tm ? asctime(tm) : NULL;
}
