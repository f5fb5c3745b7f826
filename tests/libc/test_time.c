// SPDX-License-Identifier: MIT
/*
 * <time.h> and <sys/time.h>: calendar conversions, time zones from POSIX
 * TZ strings, strftime's conversions, strptime, and the clocks. Every
 * expectation is a fixed fact of the calendar (no test assumes what the
 * date is today: Tessera's realtime clock starts at boot). TZ is set
 * explicitly, with rules, in each test that needs local time.
 */
#include "utest.h"

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
}

static struct tm make_tm(int year, int mon, int mday, int hour, int min, int sec)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon - 1;
	tm.tm_mday = mday;
	tm.tm_hour = hour;
	tm.tm_min = min;
	tm.tm_sec = sec;
	tm.tm_isdst = -1;
	return tm;
}

static const char *fmt(const char *format, const struct tm *tm)
{
	static char buf[256];

	if (strftime(buf, sizeof(buf), format, tm) == 0)
		buf[0] = '\0';
	return buf;
}

TEST(gmtime_of_0_is_the_epoch)
{
	time_t t = 0;
	struct tm tm;

	CHECK(gmtime_r(&t, &tm) == &tm);
	CHECK_EQ(tm.tm_year, 70);
	CHECK_EQ(tm.tm_mon, 0);
	CHECK_EQ(tm.tm_mday, 1);
	CHECK_EQ(tm.tm_hour, 0);
	CHECK_EQ(tm.tm_wday, 4);        /* Thursday */
	CHECK_EQ(tm.tm_yday, 0);
	CHECK_EQ(tm.tm_isdst, 0);
	CHECK_EQ(tm.tm_gmtoff, 0);
}

TEST(gmtime_handles_negative_times)
{
	time_t t = -1;
	struct tm tm;

	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%Y-%m-%d %H:%M:%S %a", &tm), "1969-12-31 23:59:59 Wed");
	t = -2208988800LL;      /* 1900-01-01 */
	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%Y-%m-%d %a %j", &tm), "1900-01-01 Mon 001");
	t = -62135596800LL;     /* 0001-01-01 */
	CHECK(gmtime_r(&t, &tm));
	CHECK_EQ(tm.tm_year, 1 - 1900);
	CHECK_EQ(tm.tm_wday, 1);
}

TEST(gmtime_knows_the_leap_years)
{
	time_t t;
	struct tm tm;

	t = 951782400;          /* 2000-02-29: divisible by 400 */
	CHECK(gmtime_r(&t, &tm));
	CHECK_EQ(tm.tm_mon, 1);
	CHECK_EQ(tm.tm_mday, 29);
	t = 4107542400LL;       /* 2100-03-01: 2100 is not a leap year */
	CHECK(gmtime_r(&t, &tm));
	CHECK_EQ(tm.tm_mon, 2);
	CHECK_EQ(tm.tm_mday, 1);
	CHECK_EQ(tm.tm_yday, 59);
	t -= 86400;
	CHECK(gmtime_r(&t, &tm));
	CHECK_EQ(tm.tm_mon, 1);
	CHECK_EQ(tm.tm_mday, 28);
	t = 1709164800;         /* 2024-02-29 */
	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%F %A %j", &tm), "2024-02-29 Thursday 060");
}

TEST(times_after_2038_do_not_wrap)
{
	time_t t = 2147483647;
	struct tm tm;

	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%F %T", &tm), "2038-01-19 03:14:07");
	t++;
	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%F %T", &tm), "2038-01-19 03:14:08");
	t = 32503680000LL;      /* 3000-01-01 */
	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(fmt("%F %a", &tm), "3000-01-01 Wed");
	tm = make_tm(2106, 2, 7, 6, 28, 16);
	CHECK_EQ(timegm(&tm), 4294967296LL);
}

TEST(timegm_is_the_inverse_of_gmtime)
{
	static const time_t samples[] = { 0, 1, -1, 86399, 86400, 951782400, 1709164800,
					  2147483648LL, -2208988800LL, 253402300799LL };

	for (size_t i = 0; i < sizeof(samples) / sizeof(samples[0]); i++) {
		struct tm tm;
		CHECK(gmtime_r(&samples[i], &tm));
		CHECK_EQ(timegm(&tm), samples[i]);
	}
}

TEST(gmtime_of_an_unrepresentable_year_is_eoverflow)
{
	time_t t = 0x7fffffffffffffffLL;
	struct tm tm;

	errno = 0;
	CHECK(gmtime_r(&t, &tm) == NULL);
	CHECK_EQ(errno, EOVERFLOW);
}

TEST(mktime_normalises_out_of_range_fields)
{
	struct tm tm;

	use_tz("UTC0");
	tm = make_tm(2023, 1, 40, 0, 0, 0);     /* Jan 40 = Feb 9 */
	CHECK(mktime(&tm) != -1);
	CHECK_STR(fmt("%F %a %j", &tm), "2023-02-09 Thu 040");
	tm = make_tm(2023, 13, 1, 0, 0, 0);     /* month 13 = next January */
	mktime(&tm);
	CHECK_STR(fmt("%F", &tm), "2024-01-01");
	tm = make_tm(2024, 3, 0, 0, 0, 0);      /* March 0 = last of February */
	mktime(&tm);
	CHECK_STR(fmt("%F", &tm), "2024-02-29");
	tm = make_tm(2024, 1, 1, -1, 0, 0);
	mktime(&tm);
	CHECK_STR(fmt("%F %T", &tm), "2023-12-31 23:00:00");
	tm = make_tm(2024, 1, 1, 0, 0, 3600 * 24 * 366);
	mktime(&tm);
	CHECK_STR(fmt("%F %T", &tm), "2025-01-01 00:00:00");
	tm = make_tm(2000, -11, 1, 0, -1, 60); /* month -12 of 2000, minute -1, second 60 */
	CHECK_EQ(mktime(&tm), 915148800);       /* 1999-01-01 */
	CHECK_EQ(tm.tm_yday, 0);
	CHECK_EQ(tm.tm_wday, 5);
}

TEST(localtime_follows_a_posix_tz_with_rules)
{
	time_t winter = 1704067200, summer = 1719792000;        /* 2024-01-01, 2024-07-01 UTC */
	struct tm tm;

	use_tz("EST5EDT,M3.2.0,M11.1.0");
	CHECK(localtime_r(&winter, &tm));
	CHECK_STR(fmt("%F %T %Z %z", &tm), "2023-12-31 19:00:00 EST -0500");
	CHECK_EQ(tm.tm_isdst, 0);
	CHECK_EQ(tm.tm_gmtoff, -18000);
	CHECK(localtime_r(&summer, &tm));
	CHECK_STR(fmt("%F %T %Z %z", &tm), "2024-06-30 20:00:00 EDT -0400");
	CHECK_EQ(tm.tm_isdst, 1);
	CHECK_STR(tzname[0], "EST");
	CHECK_STR(tzname[1], "EDT");
	CHECK_EQ(timezone, 18000);
	CHECK(daylight);
}

TEST(summer_time_starts_and_ends_at_the_rules_local_times)
{
	struct tm tm;
	time_t t;

	/* Europe: last Sunday of March 01:00 UTC, last Sunday of October 01:00 UTC. */
	use_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	t = 1711846800 - 1;     /* 2024-03-31 00:59:59 UTC */
	CHECK(localtime_r(&t, &tm));
	CHECK_STR(fmt("%T %Z", &tm), "01:59:59 CET");
	t++;
	CHECK(localtime_r(&t, &tm));
	CHECK_STR(fmt("%T %Z", &tm), "03:00:00 CEST");
	t = 1729990800 - 1;     /* 2024-10-27 00:59:59 UTC */
	CHECK(localtime_r(&t, &tm));
	CHECK_STR(fmt("%T %Z", &tm), "02:59:59 CEST");
	t++;
	CHECK(localtime_r(&t, &tm));
	CHECK_STR(fmt("%T %Z", &tm), "02:00:00 CET");
}

TEST(southern_hemisphere_summer_spans_the_new_year)
{
	struct tm tm;
	time_t jan = 1704067200, jul = 1719792000;

	use_tz("AEST-10AEDT,M10.1.0,M4.1.0/3");
	CHECK(localtime_r(&jan, &tm));
	CHECK_EQ(tm.tm_isdst, 1);
	CHECK_EQ(tm.tm_gmtoff, 11 * 3600);
	CHECK(localtime_r(&jul, &tm));
	CHECK_EQ(tm.tm_isdst, 0);
	CHECK_STR(tm.tm_zone, "AEST");
}

TEST(tz_offsets_may_have_minutes_and_quoted_names)
{
	struct tm tm;
	time_t t = 0;

	use_tz("<+0530>-5:30");
	CHECK(localtime_r(&t, &tm));
	CHECK_STR(fmt("%H:%M %z %Z", &tm), "05:30 +0530 +0530");
	CHECK_EQ(timezone, -19800);
	CHECK(!daylight);
}

TEST(mktime_uses_the_isdst_hint_and_reports_the_zone)
{
	struct tm tm;

	use_tz("EST5EDT,M3.2.0,M11.1.0");
	tm = make_tm(2024, 7, 4, 12, 0, 0);
	CHECK_EQ(mktime(&tm), 1720108800);      /* 16:00 UTC */
	CHECK_EQ(tm.tm_isdst, 1);
	tm = make_tm(2024, 1, 4, 12, 0, 0);
	CHECK_EQ(mktime(&tm), 1704387600);      /* 17:00 UTC */
	CHECK_EQ(tm.tm_isdst, 0);
	tm = make_tm(2024, 1, 4, 12, 0, 0);
	tm.tm_isdst = 1;                        /* "12:00 EDT" in January: 11:00 EST */
	CHECK_EQ(mktime(&tm), 1704384000);
	CHECK_EQ(tm.tm_hour, 11);
	CHECK_EQ(tm.tm_isdst, 0);
}

TEST(mktime_and_localtime_round_trip_in_a_zone)
{
	use_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	for (time_t t = 1700000000; t < 1700000000 + 400LL * 86400; t += 7919) {
		struct tm tm;
		CHECK(localtime_r(&t, &tm));
		tm.tm_isdst = -1;
		time_t back = mktime(&tm);
		struct tm again;
		localtime_r(&back, &again);
		/* In the repeated hour of autumn either reading is right. */
		CHECK(back == t || back == t - 3600 || back == t + 3600);
		CHECK_EQ(again.tm_hour, tm.tm_hour);
	}
}

TEST(unset_or_empty_tz_is_utc)
{
	struct tm tm;
	time_t t = 1000000000;

	unsetenv("TZ");
	tzset();
	CHECK(localtime_r(&t, &tm));
	CHECK_EQ(tm.tm_gmtoff, 0);
	CHECK_EQ(tm.tm_hour, 1);
	use_tz("");
	CHECK(localtime_r(&t, &tm));
	CHECK_EQ(tm.tm_gmtoff, 0);
	CHECK_EQ(tm.tm_isdst, 0);
}

/* 2024-03-05 (Tuesday) 07:08:09, day 65 of a leap year. */
static struct tm sample_tm(void)
{
	struct tm tm;

	use_tz("UTC0");
	tm = make_tm(2024, 3, 5, 7, 8, 9);
	mktime(&tm);
	return tm;
}

TEST(strftime_writes_every_c_and_posix_conversion)
{
	struct tm tm = sample_tm();
	static const struct {
		const char *format, *want;
	} cases[] = {
		{ "%a", "Tue" }, { "%A", "Tuesday" }, { "%b", "Mar" }, { "%B", "March" },
		{ "%c", "Tue Mar  5 07:08:09 2024" }, { "%C", "20" }, { "%d", "05" },
		{ "%D", "03/05/24" }, { "%e", " 5" }, { "%F", "2024-03-05" }, { "%g", "24" },
		{ "%G", "2024" }, { "%h", "Mar" }, { "%H", "07" }, { "%I", "07" }, { "%j", "065" },
		{ "%m", "03" }, { "%M", "08" }, { "%n", "\n" }, { "%p", "AM" },
		{ "%r", "07:08:09 AM" }, { "%R", "07:08" }, { "%S", "09" }, { "%t", "\t" },
		{ "%T", "07:08:09" }, { "%u", "2" }, { "%U", "09" }, { "%V", "10" }, { "%w", "2" },
		{ "%W", "10" }, { "%x", "03/05/24" }, { "%X", "07:08:09" }, { "%y", "24" },
		{ "%Y", "2024" }, { "%z", "+0000" }, { "%Z", "UTC" }, { "%%", "%" },
		{ "%s", "1709622489" }, { "%P", "am" }, { "%k", " 7" }, { "%l", " 7" },
		{ "%Ec", "Tue Mar  5 07:08:09 2024" }, { "%EC", "20" }, { "%Ex", "03/05/24" },
		{ "%EX", "07:08:09" }, { "%Ey", "24" }, { "%EY", "2024" }, { "%Od", "05" },
		{ "%Oe", " 5" }, { "%OH", "07" }, { "%OI", "07" }, { "%Om", "03" }, { "%OM", "08" },
		{ "%OS", "09" }, { "%Ou", "2" }, { "%OU", "09" }, { "%OV", "10" }, { "%Ow", "2" },
		{ "%OW", "10" }, { "%Oy", "24" }, { "<%Y|%m>", "<2024|03>" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK_STR(fmt(cases[i].format, &tm), cases[i].want);
}

TEST(strftime_12_hour_clock_at_midnight_and_noon)
{
	struct tm tm = sample_tm();

	tm.tm_hour = 0;
	CHECK_STR(fmt("%I %l %p %r", &tm), "12 12 AM 12:08:09 AM");
	tm.tm_hour = 12;
	CHECK_STR(fmt("%I %p %P", &tm), "12 PM pm");
	tm.tm_hour = 23;
	CHECK_STR(fmt("%I %H %k", &tm), "11 23 23");
}

TEST(strftime_gnu_flags_and_widths)
{
	struct tm tm = sample_tm();

	CHECK_STR(fmt("%-d %-m %-j %-H", &tm), "5 3 65 7");
	CHECK_STR(fmt("%_d %_m %0e", &tm), " 5  3 05");
	CHECK_STR(fmt("%^a %^B %#b %#p", &tm), "TUE MARCH MAR am");
	CHECK_STR(fmt("%6Y %_6Y %10B|", &tm), "002024   2024      March|");
}

TEST(strftime_returns_0_when_the_buffer_is_too_small)
{
	struct tm tm = sample_tm();
	char buf[10];

	CHECK_EQ(strftime(buf, sizeof(buf), "%Y-%m-%d", &tm), 0);  /* 10 chars + NUL */
	CHECK_EQ(strftime(buf, sizeof(buf), "%y/%m/%e", &tm), 8);
	CHECK_STR(buf, "24/03/ 5");
	CHECK_EQ(strftime(buf, 1, "x", &tm), 0);
}

/* ISO 8601 weeks: week 1 holds the year's first Thursday. */
TEST(strftime_iso_weeks_at_the_turn_of_the_year)
{
	static const struct {
		int year, mon, mday;
		const char *want;
	} cases[] = {
		{ 2008, 12, 29, "2008-12-29 2009-W01-1 09" },
		{ 2009, 1, 1, "2009-01-01 2009-W01-4 09" },
		{ 2010, 1, 3, "2010-01-03 2009-W53-7 09" },
		{ 2009, 12, 31, "2009-12-31 2009-W53-4 09" },
		{ 2005, 1, 1, "2005-01-01 2004-W53-6 04" },
		{ 2005, 1, 2, "2005-01-02 2004-W53-7 04" },
		{ 2005, 1, 3, "2005-01-03 2005-W01-1 05" },
		{ 2007, 12, 30, "2007-12-30 2007-W52-7 07" },
		{ 2007, 12, 31, "2007-12-31 2008-W01-1 08" },
		{ 2020, 12, 31, "2020-12-31 2020-W53-4 20" },
		{ 2021, 1, 3, "2021-01-03 2020-W53-7 20" },
		{ 2024, 12, 30, "2024-12-30 2025-W01-1 25" },
	};

	use_tz("UTC0");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct tm tm = make_tm(cases[i].year, cases[i].mon, cases[i].mday, 12, 0, 0);
		CHECK(mktime(&tm) != -1);
		CHECK_STR(fmt("%F %G-W%V-%u %g", &tm), cases[i].want);
	}
}

TEST(strftime_week_of_year_sunday_and_monday_based)
{
	struct tm tm;

	use_tz("UTC0");
	tm = make_tm(2023, 1, 1, 0, 0, 0);      /* a Sunday */
	mktime(&tm);
	CHECK_STR(fmt("%U %W %u %w", &tm), "01 00 7 0");
	tm = make_tm(2023, 1, 2, 0, 0, 0);
	mktime(&tm);
	CHECK_STR(fmt("%U %W", &tm), "01 01");
	tm = make_tm(2023, 12, 31, 0, 0, 0);
	mktime(&tm);
	CHECK_STR(fmt("%U %W %j", &tm), "53 52 365");
}

TEST(strftime_z_uses_the_offset_in_the_tm)
{
	struct tm tm = sample_tm();

	tm.tm_gmtoff = -(3 * 3600 + 30 * 60);
	tm.tm_isdst = 0;
	CHECK_STR(fmt("%z", &tm), "-0330");
	tm.tm_gmtoff = 5 * 3600 + 45 * 60;
	CHECK_STR(fmt("%z", &tm), "+0545");
}

TEST(strftime_of_small_and_negative_years)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_mday = 1;
	tm.tm_year = 999 - 1900;
	CHECK_STR(fmt("%Y %y %C", &tm), "999 99 9");
	tm.tm_year = -1 - 1900;
	CHECK_STR(fmt("%Y %y %C", &tm), "-1 99 -1");
	tm.tm_year = 12345 - 1900;
	CHECK_STR(fmt("%Y %y %C", &tm), "12345 45 123");
}

TEST(strptime_reads_dates_and_times)
{
	struct tm tm;
	char *end;

	memset(&tm, 0, sizeof(tm));
	end = strptime("2024-02-29 23:59:58 rest", "%Y-%m-%d %H:%M:%S", &tm);
	CHECK(end);
	CHECK_STR(end, " rest");
	CHECK_EQ(tm.tm_year, 124);
	CHECK_EQ(tm.tm_mon, 1);
	CHECK_EQ(tm.tm_mday, 29);
	CHECK_EQ(tm.tm_hour, 23);
	CHECK_EQ(tm.tm_min, 59);
	CHECK_EQ(tm.tm_sec, 58);
	CHECK_EQ(tm.tm_wday, 4);
	CHECK_EQ(tm.tm_yday, 59);
}

TEST(strptime_names_ignore_case_and_may_be_abbreviated)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	CHECK(strptime("tuesday MAR 5 2024", "%A %b %d %Y", &tm));
	CHECK_EQ(tm.tm_wday, 2);
	CHECK_EQ(tm.tm_mon, 2);
	CHECK(strptime("Sep", "%B", &tm));
	CHECK_EQ(tm.tm_mon, 8);
	CHECK(strptime("september", "%b", &tm));
	CHECK_EQ(tm.tm_mon, 8);
	CHECK(strptime("Foo", "%a", &tm) == NULL);
}

TEST(strptime_12_hour_clock_and_two_digit_years)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	CHECK(strptime("12:30:00 AM", "%r", &tm));
	CHECK_EQ(tm.tm_hour, 0);
	CHECK(strptime("12:30 pm", "%I:%M %p", &tm));
	CHECK_EQ(tm.tm_hour, 12);
	CHECK(strptime("07:00 PM", "%I:%M %p", &tm));
	CHECK_EQ(tm.tm_hour, 19);
	CHECK(strptime("68", "%y", &tm));
	CHECK_EQ(tm.tm_year, 2068 - 1900);
	CHECK(strptime("69", "%y", &tm));
	CHECK_EQ(tm.tm_year, 1969 - 1900);
	CHECK(strptime("19 05", "%C %y", &tm));
	CHECK_EQ(tm.tm_year, 5);
}

TEST(strptime_rejects_out_of_range_fields_and_mismatches)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	CHECK(strptime("13", "%m", &tm) == NULL);
	CHECK(strptime("0", "%d", &tm) == NULL);
	CHECK(strptime("24:00", "%H:%M", &tm) == NULL);
	CHECK(strptime("12-30", "%H:%M", &tm) == NULL);
	CHECK(strptime("", "%Y", &tm) == NULL);
	CHECK(strptime("x", "x", &tm) != NULL);
}

TEST(strptime_day_of_year_gives_the_date)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	CHECK(strptime("2024 060", "%Y %j", &tm));
	CHECK_EQ(tm.tm_yday, 59);
	CHECK_EQ(tm.tm_mon, 1);
	CHECK_EQ(tm.tm_mday, 29);
	CHECK_EQ(tm.tm_wday, 4);
}

TEST(strptime_round_trips_strftime)
{
	static const char *const formats[] = {
		"%Y-%m-%d %H:%M:%S", "%c", "%D %T", "%a %d %b %Y %I:%M:%S %p", "%F %R",
	};
	char text[128];

	use_tz("UTC0");
	/* 1970..2065, where a two-digit year (%y in %D) is unambiguous. */
	for (time_t t = 0; t < 3000000000LL; t += 86400 * 37 + 3671) {
		struct tm tm, back;
		CHECK(gmtime_r(&t, &tm));
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
			CHECK(strftime(text, sizeof(text), formats[f], &tm));
			memset(&back, 0, sizeof(back));
			CHECK(strptime(text, formats[f], &back));
			if (f == 4)
				back.tm_sec = tm.tm_sec;
			CHECK_EQ(timegm(&back), t);
		}
	}
}

TEST(strptime_z_sets_the_offset)
{
	struct tm tm;

	memset(&tm, 0, sizeof(tm));
	CHECK(strptime("+0530", "%z", &tm));
	CHECK_EQ(tm.tm_gmtoff, 19800);
	CHECK(strptime("-0800", "%z", &tm));
	CHECK_EQ(tm.tm_gmtoff, -28800);
	CHECK(strptime("Z", "%z", &tm));
	CHECK_EQ(tm.tm_gmtoff, 0);
}

TEST(asctime_and_ctime_use_the_c_format)
{
	struct tm tm;
	char buf[26];
	time_t t = 117000000;   /* 1973-09-16 04:00:00 UTC, a Sunday */

	use_tz("UTC0");
	CHECK(gmtime_r(&t, &tm));
	CHECK_STR(asctime_r(&tm, buf), "Sun Sep 16 04:00:00 1973\n");
	CHECK_STR(ctime_r(&t, buf), "Sun Sep 16 04:00:00 1973\n");
	CHECK_STR(asctime(&tm), "Sun Sep 16 04:00:00 1973\n");
	tm.tm_mday = 5;
	tm.tm_hour = 23;
	CHECK_STR(asctime_r(&tm, buf), "Sun Sep  5 23:00:00 1973\n");
	use_tz("XST5XDT,M3.2.0,M11.1.0");
	CHECK_STR(ctime(&t), "Sun Sep 16 00:00:00 1973\n");
}

TEST(difftime_subtracts)
{
	CHECK(difftime(10, 3) == 7.0);
	CHECK(difftime(3, 10) == -7.0);
	CHECK(difftime(0x7fffffffffffffffLL, -0x7fffffffffffffffLL) > 1e19);
}

TEST(clocks_advance_and_have_a_resolution)
{
	struct timespec a, b, res;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &a), 0);
	CHECK_EQ(clock_getres(CLOCK_MONOTONIC, &res), 0);
	CHECK(res.tv_sec == 0 && res.tv_nsec > 0);
	CHECK_EQ(clock_getres(CLOCK_REALTIME, &res), 0);
	struct timespec nap = { 0, 2000000 };
	CHECK_EQ(nanosleep(&nap, NULL), 0);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &b), 0);
	CHECK((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) >= 2000000);
	CHECK_ERRNO(clock_gettime((clockid_t)12345, &a), EINVAL);
	CHECK_ERRNO(clock_getres((clockid_t)12345, &res), EINVAL);
}

TEST(time_agrees_with_the_realtime_clock)
{
	struct timespec ts;
	time_t t1, t2;

	t1 = time(&t2);
	CHECK_EQ(t1, t2);
	CHECK_EQ(clock_gettime(CLOCK_REALTIME, &ts), 0);
	CHECK(ts.tv_sec >= t1 && ts.tv_sec - t1 < 5);
	CHECK_EQ(timespec_get(&ts, TIME_UTC), TIME_UTC);
	CHECK(ts.tv_sec >= t1 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
}

TEST(cpu_time_clocks_count_work)
{
	struct timespec a, b;
	clock_t c0, c1;
	volatile unsigned long sink = 0;

	c0 = clock();
	CHECK(c0 != (clock_t)-1);
	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a), 0);
	uint64_t start = utest_now_ns();
	while (utest_now_ns() - start < 30000000ull)
		sink++;
	CHECK_EQ(clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b), 0);
	CHECK((b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec) > 0);
	c1 = clock();
	CHECK(c1 > c0);
	CHECK_EQ(clock_gettime(CLOCK_THREAD_CPUTIME_ID, &a), 0);
	CHECK(a.tv_sec > 0 || a.tv_nsec > 0);
}

TEST(clock_nanosleep_waits_until_an_absolute_time)
{
	struct timespec now, until, after;

	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &now), 0);
	until = now;
	until.tv_nsec += 5000000;
	if (until.tv_nsec >= 1000000000) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000;
	}
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &until, NULL), 0);
	CHECK_EQ(clock_gettime(CLOCK_MONOTONIC, &after), 0);
	CHECK(after.tv_sec > until.tv_sec ||
	      (after.tv_sec == until.tv_sec && after.tv_nsec >= until.tv_nsec));
	/* A time already past returns at once; errors come back, not in errno. */
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &now, NULL), 0);
	struct timespec bad = { 0, 1000000000 };
	CHECK_EQ(clock_nanosleep(CLOCK_MONOTONIC, 0, &bad, NULL), EINVAL);
}

TEST(gettimeofday_and_the_timeval_macros)
{
	struct timeval tv, a = { 1, 900000 }, b = { 2, 200000 }, r;

	CHECK_EQ(gettimeofday(&tv, NULL), 0);
	CHECK(tv.tv_usec >= 0 && tv.tv_usec < 1000000);
	timeradd(&a, &b, &r);
	CHECK(r.tv_sec == 4 && r.tv_usec == 100000);
	timersub(&a, &b, &r);
	CHECK(r.tv_sec == -1 && r.tv_usec == 700000);
	CHECK(timercmp(&a, &b, <));
	CHECK(!timercmp(&a, &b, >=));
	CHECK(timerisset(&a));
	timerclear(&a);
	CHECK(!timerisset(&a));
}

TEST(times_reports_cpu_time_in_ticks)
{
	struct tms t;
	clock_t r = times(&t);

	CHECK(r != (clock_t)-1);
	CHECK(t.tms_utime >= 0 && t.tms_stime >= 0 && t.tms_cutime >= 0 && t.tms_cstime >= 0);
}
