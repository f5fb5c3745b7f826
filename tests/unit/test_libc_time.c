// SPDX-License-Identifier: MIT
/*
 * libc's calendar, time-zone and formatting code (libc/src/time) on the
 * host, compared with glibc on many random values. The libc files are
 * compiled against Tessera's headers with their public names prefixed
 * tt_ (see the rule in tests/unit/unit.mk), so both implementations live
 * in one program; struct tm has the same layout in both. Time zones are
 * POSIX TZ strings with explicit rules, which glibc handles without its
 * database; it applies them only from 1970 on (before, it computes the
 * changes of 1970), so local times are compared from then.
 */
#define _GNU_SOURCE
#include "tests/unit/unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct tm *tt_gmtime_r(const time_t *t, struct tm *tm);
struct tm *tt_localtime_r(const time_t *t, struct tm *tm);
time_t tt_timegm(struct tm *tm);
time_t tt_mktime(struct tm *tm);
void tt_tzset(void);
extern char *tt_tzname[2];
extern long tt_timezone;
extern int tt_daylight;
size_t tt_strftime(char *s, size_t max, const char *fmt, const struct tm *tm);
char *tt_strptime(const char *s, const char *fmt, struct tm *tm);
char *tt_asctime_r(const struct tm *tm, char *buf);

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* Uniform in lo..hi. */
static int64_t rng_range(int64_t lo, int64_t hi)
{
	return lo + (int64_t)(rng() % (uint64_t)(hi - lo + 1));
}

static bool tm_equal(const struct tm *a, const struct tm *b)
{
	return a->tm_sec == b->tm_sec && a->tm_min == b->tm_min && a->tm_hour == b->tm_hour &&
	       a->tm_mday == b->tm_mday && a->tm_mon == b->tm_mon && a->tm_year == b->tm_year &&
	       a->tm_wday == b->tm_wday && a->tm_yday == b->tm_yday &&
	       a->tm_isdst == b->tm_isdst && a->tm_gmtoff == b->tm_gmtoff;
}

static void tm_print(const char *who, const struct tm *tm)
{
	printf("  %s: %d-%02d-%02d %02d:%02d:%02d wday %d yday %d isdst %d gmtoff %ld zone %s\n",
	       who, tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday, tm->tm_hour, tm->tm_min,
	       tm->tm_sec, tm->tm_wday, tm->tm_yday, tm->tm_isdst, tm->tm_gmtoff,
	       tm->tm_zone ? tm->tm_zone : "(null)");
}

static void use_tz(const char *tz)
{
	setenv("TZ", tz, 1);
	tzset();
	tt_tzset();
}

static const char *const zones[] = {
	"UTC0", "EST5EDT,M3.2.0,M11.1.0", "CET-1CEST,M3.5.0,M10.5.0/3",
	"AEST-10AEDT,M10.1.0,M4.1.0/3", "<+0330>-3:30", "NST3:30NDT,M3.2.0/0:01,M11.1.0/0:01",
	"XXX3YYY,J60/2,J300/2", "AAA-2BBB-3,100/1,200/1", "AAA-2BBB-3,300/1,40/1",
	"PST8PDT,M3.2.0,M11.1.0", "<-03>3<-02>,M3.5.0/-2,M10.5.0/-1",
};

TEST(gmtime_matches_glibc_on_random_times)
{
	for (int i = 0; i < 200000; i++) {
		time_t t = i < 100000 ? (time_t)rng_range(-(1LL << 40), 1LL << 40) :
					(time_t)rng_range(-(1LL << 34), 1LL << 34);
		struct tm a, b;
		memset(&a, 0, sizeof(a));
		memset(&b, 0, sizeof(b));
		CHECK(tt_gmtime_r(&t, &a) && gmtime_r(&t, &b));
		if (!tm_equal(&a, &b)) {
			printf("  t = %lld\n", (long long)t);
			tm_print("ours", &a);
			tm_print("glibc", &b);
			CHECK(0);
		}
	}
}

static void random_fields(struct tm *tm, int spread)
{
	memset(tm, 0, sizeof(*tm));
	tm->tm_sec = (int)rng_range(-spread * 60, spread * 60);
	tm->tm_min = (int)rng_range(-spread * 60, spread * 60);
	tm->tm_hour = (int)rng_range(-spread * 24, spread * 24);
	tm->tm_mday = (int)rng_range(-spread * 31, spread * 31);
	tm->tm_mon = (int)rng_range(-spread * 12, spread * 12);
	tm->tm_year = (int)rng_range(-2000, 3000);
	tm->tm_wday = 99;
	tm->tm_yday = 999;
}

TEST(timegm_normalises_like_glibc)
{
	for (int i = 0; i < 200000; i++) {
		struct tm a, b;
		random_fields(&a, i % 2 ? 1 : 1000);
		b = a;
		time_t ta = tt_timegm(&a), tb = timegm(&b);
		CHECK_EQ(ta, tb);
		if (!tm_equal(&a, &b)) {
			tm_print("ours", &a);
			tm_print("glibc", &b);
			CHECK(0);
		}
	}
}

TEST(tzset_reads_posix_zones_like_glibc)
{
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		use_tz(zones[z]);
		CHECK_STR(tt_tzname[0], tzname[0]);
		CHECK_STR(tt_tzname[1], tzname[1]);
		CHECK_EQ(tt_timezone, timezone);
		CHECK_EQ(tt_daylight, daylight);
	}
}

TEST(localtime_matches_glibc_in_posix_zones)
{
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		use_tz(zones[z]);
		for (int i = 0; i < 40000; i++) {
			time_t t = (time_t)rng_range(0, 1LL << 33);
			struct tm a, b;
			CHECK(tt_localtime_r(&t, &a) && localtime_r(&t, &b));
			if (!tm_equal(&a, &b) || strcmp(a.tm_zone, b.tm_zone) != 0) {
				printf("  TZ=%s t = %lld\n", zones[z], (long long)t);
				tm_print("ours", &a);
				tm_print("glibc", &b);
				CHECK(0);
			}
		}
	}
}

/*
 * mktime: random fields with each tm_isdst hint. glibc resolves times in
 * a skipped or repeated hour by searching, and its choice there is not
 * specified; those cases are left out by checking the answer is the only
 * one (the offset is the same an hour either side). glibc also lets
 * fields out of range carry it across a change (-1000 minutes from 03:00
 * on the day summer time ends can come out an hour off the normalised
 * wall-clock time); those cases are left out too.
 */
TEST(mktime_matches_glibc_in_posix_zones)
{
	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		use_tz(zones[z]);
		for (int i = 0; i < 30000; i++) {
			struct tm a, b;
			random_fields(&a, i % 3 == 0 ? 100 : 1);
			a.tm_year = (int)rng_range(71, 300);
			a.tm_isdst = (int)rng_range(-1, 1);
			b = a;
			struct tm in = a;
			time_t ta = tt_mktime(&a), tb = mktime(&b);
			time_t off_an_hour_a = ta - 3600, off_an_hour_b = ta + 3600;
			struct tm x, y;
			localtime_r(&off_an_hour_a, &x);
			localtime_r(&off_an_hour_b, &y);
			if (x.tm_gmtoff != y.tm_gmtoff || tb < 366 * 86400)
				continue;       /* near a change, or before glibc's rules start */
			struct tm flat = in;
			timegm(&flat);
			flat.tm_isdst = in.tm_isdst;
			if (mktime(&flat) != tb)
				continue;       /* glibc's result depends on how fields are spread */
			if (ta != tb || !tm_equal(&a, &b)) {
				printf("  TZ=%s\n", zones[z]);
				tm_print("in", &in);
				tm_print("ours", &a);
				tm_print("glibc", &b);
				CHECK_EQ(ta, tb);
				CHECK(0);
			}
		}
	}
}

static void random_tm(struct tm *tm)
{
	time_t t = (time_t)rng_range(-(1LL << 36), 1LL << 36);

	if (rng() % 4 == 0)
		t = (time_t)rng_range(-(1LL << 31), 1LL << 31);
	localtime_r(&t, tm);
}

static const char *const formats[] = {
	"%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %m %M %n %p %r %R %S %t %T",
	"%u %U %V %w %W %x %X %y %Y %z %Z %% %s %P %k %l",
	"%Ec %EC %Ex %EX %Ey %EY %Od %Oe %OH %OI %Om %OM %OS %Ou %OU %OV %Ow %OW %Oy",
	"%_d %-d %0e %-e %_H %-j %_j %10A %010A %-10A %^a %#a %^B %#b %#p %#Z %^Z",
	"%6Y %_6Y %-6Y %010Y %5d %_5m %-y %_y %3s %_3j %^c %-l %_k %-U %_V %4u",
	"%-z %_z %Q %EQ %:z %",
	"[%5%] [%5n] %q%E%O",
};

TEST(strftime_matches_glibc_for_every_conversion)
{
	char a[512], b[512];

	for (size_t z = 0; z < sizeof(zones) / sizeof(zones[0]); z++) {
		use_tz(zones[z]);
		for (int i = 0; i < 20000; i++) {
			struct tm tm;
			random_tm(&tm);
			for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
				size_t na = tt_strftime(a, sizeof(a), formats[f], &tm);
				size_t nb = strftime(b, sizeof(b), formats[f], &tm);
				if (na != nb || strcmp(a, b) != 0) {
					tm_print("tm", &tm);
					CHECK_STR(a, b);
					CHECK_EQ(na, nb);
				}
			}
		}
	}
}

TEST(strftime_returns_0_when_the_result_does_not_fit)
{
	struct tm tm;
	time_t t = 1700000000;
	char buf[16];

	use_tz("UTC0");
	gmtime_r(&t, &tm);
	for (size_t max = 0; max <= 11; max++) {
		memset(buf, 'x', sizeof(buf));
		CHECK_EQ(tt_strftime(buf, max, "%Y-%m-%d", &tm), max == 11 ? 10 : 0);
	}
	CHECK_STR(buf, "2023-11-14");
}

TEST(strptime_reads_what_strftime_writes_like_glibc)
{
	static const char *const fmts[] = {
		"%Y-%m-%d %H:%M:%S", "%c", "%D %T", "%a, %d %b %Y %H:%M:%S %z",
		"%A %B %e %I:%M:%S %p %Y", "%j %Y", "%y %m %d", "%C%y-%m-%d",
		"%Y %U %w", "%Y %W %u", "%F %R", "%x %X", "%G %V %g %Y-%m-%d",
		"%s", "%b %d %Y %l %p",
	};
	char text[256];

	use_tz("CET-1CEST,M3.5.0,M10.5.0/3");
	for (int i = 0; i < 40000; i++) {
		struct tm tm, a, b;
		random_tm(&tm);
		if (tm.tm_year < 0 || tm.tm_year > 8099)
			continue;
		for (size_t f = 0; f < sizeof(fmts) / sizeof(fmts[0]); f++) {
			strftime(text, sizeof(text), fmts[f], &tm);
			if (text[0] == '-')
				continue;       /* glibc's %s takes no sign */
			memset(&a, 0, sizeof(a));
			memset(&b, 0, sizeof(b));
			a.tm_zone = b.tm_zone = "";
			char *ea = tt_strptime(text, fmts[f], &a);
			char *eb = strptime(text, fmts[f], &b);
			if ((ea ? ea - text : -1) != (eb ? eb - text : -1) ||
			    (ea && (!tm_equal(&a, &b) || strcmp(a.tm_zone, b.tm_zone)))) {
				printf("  \"%s\" with \"%s\"\n", text, fmts[f]);
				tm_print("ours", &a);
				tm_print("glibc", &b);
				CHECK_EQ(ea ? ea - text : -1, eb ? eb - text : -1);
				CHECK(0);
			}
		}
	}
}

TEST(asctime_matches_glibc)
{
	char a[64], b[64];

	for (int i = 0; i < 100000; i++) {
		struct tm tm;
		random_tm(&tm);
		if (tm.tm_year + 1900 > 9999 || tm.tm_year + 1900 < 0)
			continue;
		CHECK(tt_asctime_r(&tm, a) && asctime_r(&tm, b));
		CHECK_STR(a, b);
	}
}
