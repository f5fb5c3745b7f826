// SPDX-License-Identifier: MIT
/* lib/rtc.c: CMOS clock decoding, against dates worked out by hand and
 * against glibc's timegm on many days. */
#define _GNU_SOURCE
#include "unit.h"

#include <lib/rtc.h>
#include <time.h>

TEST(rtc_days_from_civil_known_dates)
{
	CHECK_EQ(rtc_days_from_civil(1970, 1, 1), 0);
	CHECK_EQ(rtc_days_from_civil(1970, 1, 2), 1);
	CHECK_EQ(rtc_days_from_civil(1969, 12, 31), -1);
	CHECK_EQ(rtc_days_from_civil(2000, 3, 1), 11017);       /* after a 400-year leap day */
	CHECK_EQ(rtc_days_from_civil(2026, 11, 24), 20781);
}

TEST(rtc_days_match_timegm_over_three_centuries)
{
	for (int64_t y = 1900; y < 2200; y++)
		for (unsigned m = 1; m <= 12; m++) {
			struct tm tm = { .tm_year = (int)(y - 1900), .tm_mon = (int)m - 1, .tm_mday = 28 };
			CHECK_EQ(rtc_days_from_civil(y, m, 28) * 86400, (long long)timegm(&tm));
		}
}

TEST(rtc_bcd_24_hour_time)
{
	rtc_regs_t r = { .sec = 0x56, .min = 0x34, .hour = 0x12, .day = 0x24, .month = 0x11,
			 .year = 0x26, .century = 0x20, .status_b = RTC_B_24HOUR };

	CHECK_EQ(rtc_epoch_seconds(&r), 20781LL * 86400 + 12 * 3600 + 34 * 60 + 56);
}

TEST(rtc_binary_12_hour_time_and_missing_century)
{
	rtc_regs_t r = { .sec = 5, .min = 0, .hour = 0x80 | 12, .day = 1, .month = 1, .year = 0,
			 .status_b = RTC_B_BINARY };

	/* 12 PM is noon; no century register means the 2000s. */
	CHECK_EQ(rtc_epoch_seconds(&r), 10957LL * 86400 + 12 * 3600 + 5);
	r.hour = 12;                    /* 12 AM is midnight */
	CHECK_EQ(rtc_epoch_seconds(&r), 10957LL * 86400 + 5);
}

TEST(rtc_garbage_registers_are_refused)
{
	rtc_regs_t r = { .sec = 0x61, .min = 0, .hour = 0, .day = 1, .month = 1, .year = 0x26,
			 .status_b = RTC_B_24HOUR };

	CHECK_EQ(rtc_epoch_seconds(&r), -1);
	r.sec = 0;
	r.month = 0x13;
	CHECK_EQ(rtc_epoch_seconds(&r), -1);
	r.month = 1;
	r.hour = 0x25;
	CHECK_EQ(rtc_epoch_seconds(&r), -1);
}
