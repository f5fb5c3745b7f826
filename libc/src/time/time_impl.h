// SPDX-License-Identifier: MIT
/*
 * What the calendar, time-zone and formatting files of libc/src/time share:
 * proleptic Gregorian day arithmetic on 64-bit counts (so any time_t and
 * any int fields of a struct tm are in range), the local-time rules of the
 * current TZ, and the C locale's names.
 */
#pragma once

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define TIME_SECS_PER_DAY 86400

bool __time_is_leap(int64_t year);
int __time_month_days(int64_t year, int month0);
/* Days from 1970-01-01 to year-(month0 + 1)-mday; month0 0..11, mday any. */
int64_t __time_days_from_civil(int64_t year, int month0, int64_t mday);
/* Day of the year (0-based) of year-(month0 + 1)-mday, mday in range. */
int __time_yday(int64_t year, int month0, int mday);
/* Weekday (0 = Sunday) of a day count from 1970-01-01. */
int __time_weekday(int64_t days);
/*
 * The broken-down time of t + gmtoff (seconds east), with tm_isdst,
 * tm_gmtoff and tm_zone as given; false (EOVERFLOW) when the year does not
 * fit tm_year.
 */
bool __time_split(time_t t, long gmtoff, int isdst, const char *zone, struct tm *tm);
/*
 * tm's fields, normalised as mktime does, as seconds since the epoch read
 * as UTC; no field is changed.
 */
int64_t __time_join(const struct tm *tm);

/* Local time of t under TZ (re-read when it changed): offset, summer time, zone name. */
void __tz_describe(time_t t, long *gmtoff, int *isdst, const char **zone);
/* Re-reads TZ if it changed since the last look (what tzset does). */
void __tz_update(void);
/* mktime's core: the time whose local fields are tm's, with tm_isdst's hint. */
bool __tz_local_to_utc(int64_t local, int isdst_hint, time_t *t);

extern const char *const __time_day_names[7];
extern const char *const __time_month_names[12];
