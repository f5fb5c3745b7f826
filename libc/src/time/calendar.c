// SPDX-License-Identifier: MIT
/*
 * The proleptic Gregorian calendar as day counts, and the UTC conversions
 * built on it: gmtime, timegm.
 *
 * Dates are counted in 400-year eras of 146097 days, with years starting
 * on March 1 so that the leap day is the last day of its year; then a
 * month's first day is a linear function of its index ((153 m + 2) / 5)
 * and no table is needed. Every count is 64-bit: nine int fields of a
 * struct tm, however far out of range, add up to well under 2^63 seconds,
 * so normalising (mktime's "Jan 40" is Feb 9) never overflows; only the
 * final year may not fit tm_year, which is EOVERFLOW.
 */
#include "time_impl.h"

#include <errno.h>
#include <limits.h>

#define DAYS_PER_ERA    146097
#define DAYS_0000_TO_1970 719468 /* from 0000-03-01 to 1970-01-01 */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

bool __time_is_leap(int64_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

int __time_month_days(int64_t year, int month0)
{
	static const unsigned char days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return days[month0] + (month0 == 1 && __time_is_leap(year));
}

int64_t __time_days_from_civil(int64_t year, int month0, int64_t mday)
{
	int64_t y = year - (month0 < 2);
	int64_t era = floor_div(y, 400);
	int64_t year_of_era = y - era * 400;
	int64_t month_from_march = (month0 + 10) % 12;
	int64_t day_of_year = (153 * month_from_march + 2) / 5 + mday - 1;
	int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 +
			     day_of_year;

	return era * DAYS_PER_ERA + day_of_era - DAYS_0000_TO_1970;
}

int __time_yday(int64_t year, int month0, int mday)
{
	return (int)(__time_days_from_civil(year, month0, mday) -
		     __time_days_from_civil(year, 0, 1));
}

int __time_weekday(int64_t days)
{
	/* 1970-01-01 was a Thursday. */
	int64_t w = (days + 4) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

/* The date of a day count: year, month 0..11, day 1..31. */
static void civil_from_days(int64_t days, int64_t *year, int *month0, int *mday)
{
	int64_t z = days + DAYS_0000_TO_1970;
	int64_t era = floor_div(z, DAYS_PER_ERA);
	int64_t day_of_era = z - era * DAYS_PER_ERA;
	int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 -
			       day_of_era / (DAYS_PER_ERA - 1)) / 365;
	int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 -
					    year_of_era / 100);
	int64_t month_from_march = (5 * day_of_year + 2) / 153;

	*mday = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
	*month0 = (int)(month_from_march < 10 ? month_from_march + 2 : month_from_march - 10);
	*year = year_of_era + era * 400 + (*month0 < 2);
}

bool __time_split(time_t t, long gmtoff, int isdst, const char *zone, struct tm *tm)
{
	int64_t local, days, secs, year;
	int month0, mday;

	if (__builtin_add_overflow(t, (int64_t)gmtoff, &local)) {
		errno = EOVERFLOW;
		return false;
	}
	days = floor_div(local, TIME_SECS_PER_DAY);
	secs = local - days * TIME_SECS_PER_DAY;
	civil_from_days(days, &year, &month0, &mday);
	if (year - 1900 < INT_MIN || year - 1900 > INT_MAX) {
		errno = EOVERFLOW;
		return false;
	}
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = month0;
	tm->tm_mday = mday;
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = __time_weekday(days);
	tm->tm_yday = __time_yday(year, month0, mday);
	tm->tm_isdst = isdst;
	tm->tm_gmtoff = gmtoff;
	tm->tm_zone = zone;
	return true;
}

int64_t __time_join(const struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900 + floor_div(tm->tm_mon, 12);
	int month0 = (int)(tm->tm_mon - floor_div(tm->tm_mon, 12) * 12);
	int64_t days = __time_days_from_civil(year, month0, tm->tm_mday);

	return days * TIME_SECS_PER_DAY + (int64_t)tm->tm_hour * 3600 +
	       (int64_t)tm->tm_min * 60 + tm->tm_sec;
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return __time_split(*t, 0, 0, "GMT", tm) ? tm : NULL;
}

struct tm *gmtime(const time_t *t)
{
	static struct tm tm;

	return gmtime_r(t, &tm);
}

time_t timegm(struct tm *tm)
{
	int64_t t = __time_join(tm);
	struct tm out;

	if (!__time_split(t, 0, 0, "GMT", &out))
		return -1;
	*tm = out;
	return t;
}
