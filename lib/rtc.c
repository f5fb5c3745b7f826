// SPDX-License-Identifier: MIT
/*
 * Decoding the CMOS clock (lib/rtc.h). The date arithmetic counts in
 * 400-year eras, which repeat exactly in the Gregorian calendar, with the
 * year taken to start in March so the leap day falls at its end.
 */
#include <lib/rtc.h>

int64_t rtc_days_from_civil(int64_t year, unsigned month, unsigned day)
{
	year -= month <= 2;
	int64_t era = (year >= 0 ? year : year - 399) / 400;
	int64_t yoe = year - era * 400;                                 /* [0, 399] */
	int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

static unsigned rtc_bcd(uint8_t v, bool binary)
{
	return binary ? v : (unsigned)(v >> 4) * 10 + (v & 0x0f);
}

int64_t rtc_epoch_seconds(const rtc_regs_t *r)
{
	bool binary = r->status_b & RTC_B_BINARY;
	bool pm = !(r->status_b & RTC_B_24HOUR) && (r->hour & 0x80);
	unsigned hour = rtc_bcd(r->hour & 0x7f, binary);
	unsigned sec = rtc_bcd(r->sec, binary), min = rtc_bcd(r->min, binary);
	unsigned day = rtc_bcd(r->day, binary), month = rtc_bcd(r->month, binary);
	unsigned year = rtc_bcd(r->year, binary);
	unsigned century = r->century ? rtc_bcd(r->century, binary) : 20;

	if (!(r->status_b & RTC_B_24HOUR)) {
		if (hour < 1 || hour > 12)
			return -1;
		hour = hour % 12 + (pm ? 12 : 0);
	}
	if (sec > 59 || min > 59 || hour > 23 || day < 1 || day > 31 || month < 1 ||
	    month > 12 || year > 99 || century < 19 || century > 99)
		return -1;
	int64_t days = rtc_days_from_civil((int64_t)century * 100 + year, month, day);
	return days * 86400 + hour * 3600 + min * 60 + sec;
}
