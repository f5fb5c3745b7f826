// SPDX-License-Identifier: MIT
/*
 * CLOCK_REALTIME is the monotonic clock plus one offset, read from the
 * RTC at boot; nothing sets the time later (no clock_settime, no NTP),
 * so the two clocks never drift apart and a realtime deadline converts
 * to a monotonic one by subtracting the offset.
 */
#include <clock.h>

#include <lib/rtc.h>
#include <log.h>

static uint64_t realtime_offset_ns;     /* written once at boot */

void clock_realtime_init(void)
{
	int64_t epoch = rtc_read_epoch();
	uint64_t now = clock_ns();

	if (epoch > 0 && (uint64_t)epoch * 1000000000ull > now)
		realtime_offset_ns = (uint64_t)epoch * 1000000000ull - now;
	klog("rtc: realtime %ld s since the epoch", (long)(clock_realtime_ns() / 1000000000ull));
}

uint64_t clock_realtime_offset_ns(void)
{
	return realtime_offset_ns;
}

uint64_t clock_realtime_ns(void)
{
	return clock_ns() + realtime_offset_ns;
}
