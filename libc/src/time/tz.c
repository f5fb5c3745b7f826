// SPDX-License-Identifier: MIT
/*
 * Time zones from the TZ variable, in the POSIX form only:
 *
 *     std offset [dst [offset] [,start[/time],end[/time]]]
 *
 * e.g. "EST5EDT,M3.2.0,M11.1.0" or "CET-1CEST,M3.5.0,M10.5.0/3". Names
 * are three or more letters, or anything within <...> ("<+0330>-3:30");
 * offsets are hours[:minutes[:seconds]] west of UTC; a date is Jn (day
 * 1..365, February 29 never counted), n (day 0..365) or Mm.w.d (weekday d
 * of week w, 5 = the last, of month m); the time of a change defaults to
 * 02:00 and may be -167..167 hours (RFC 8536). A dst without rules
 * changes as in the United States ("M3.2.0,M11.1.0"). There is no tz
 * database in Tessera: TZ unset, empty, ":..." or a name with no offset
 * ("UTC", "Europe/Paris") all mean UTC, under that name when it is a
 * plain one of letters, else "UTC".
 *
 * The zone in use is a value copied in and out under a small spin lock:
 * tzset builds a new one on the side and swaps it in, so a reader never
 * sees half of it. Names are interned in a pool that is never freed,
 * because tzname[] and every tm_zone handed out point at them.
 */
#include "time_impl.h"

#include <stdlib.h>
#include <string.h>

#define TZ_NAME_MAX 15
#define TZ_ENV_MAX  128
#define TZ_POOL     32

typedef struct tz_rule {
	char kind;      /* 'J' (1..365, no leap day), 'D' (0..365), 'M' (month.week.day) */
	int day, week, month;
	long time;      /* seconds after local midnight the change happens */
} tz_rule_t;

typedef struct tz_zone {
	const char *std_name, *dst_name;
	long std_west, dst_west;        /* seconds west of UTC; dst_west is an hour
					 * less even without summer time, for mktime */
	bool has_dst;
	tz_rule_t start, end;
} tz_zone_t;

char *tzname[2] = { (char *)"UTC", (char *)"UTC" };
long timezone;
int daylight;

static tz_zone_t tz_current = { "UTC", "UTC", 0, -3600, false, { 0 }, { 0 } };
static char tz_seen[TZ_ENV_MAX];        /* the TZ the zone was made from */
static bool tz_seen_valid, tz_seen_unset;
static int tz_lock_word;

static void tz_lock(void)
{
	while (__atomic_exchange_n(&tz_lock_word, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(&tz_lock_word, __ATOMIC_RELAXED))
			__builtin_ia32_pause();
}

static void tz_unlock(void)
{
	__atomic_store_n(&tz_lock_word, 0, __ATOMIC_RELEASE);
}

/* A stable copy of name (n bytes); the pool wraps around after TZ_POOL names. */
static const char *tz_intern_locked(const char *name, size_t n)
{
	static char pool[TZ_POOL][TZ_NAME_MAX + 1];
	static int used, next;

	for (int i = 0; i < used; i++)
		if (strncmp(pool[i], name, n) == 0 && pool[i][n] == '\0')
			return pool[i];
	char *slot = pool[next];
	memcpy(slot, name, n);
	slot[n] = '\0';
	next = (next + 1) % TZ_POOL;
	if (used < TZ_POOL)
		used++;
	return slot;
}

/* --- parsing ------------------------------------------------------------- */

static bool tz_is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool tz_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A zone name at *s: its start and length; false if there is none. */
static bool tz_parse_name(const char **s, const char **name, size_t *len)
{
	const char *p = *s;

	if (*p == '<') {
		const char *end = strchr(p + 1, '>');
		if (!end)
			return false;
		*name = p + 1;
		*len = (size_t)(end - p - 1);
		*s = end + 1;
	} else {
		while (tz_is_alpha(*p))
			p++;
		*name = *s;
		*len = (size_t)(p - *s);
		*s = p;
	}
	return *len >= 3 && *len <= TZ_NAME_MAX;
}

static bool tz_parse_number(const char **s, long min, long max, long *out)
{
	long v = 0;
	const char *p = *s;

	if (!tz_is_digit(*p))
		return false;
	while (tz_is_digit(*p) && v <= max)
		v = v * 10 + (*p++ - '0');
	if (v < min || v > max)
		return false;
	*s = p;
	*out = v;
	return true;
}

/* [+-]hh[:mm[:ss]] as seconds, hours at most max_hours. */
static bool tz_parse_time(const char **s, long max_hours, long *out)
{
	long sign = 1, h, m = 0, sec = 0;

	if (**s == '+' || **s == '-')
		sign = *(*s)++ == '-' ? -1 : 1;
	if (!tz_parse_number(s, 0, max_hours, &h))
		return false;
	if (**s == ':') {
		(*s)++;
		if (!tz_parse_number(s, 0, 59, &m))
			return false;
		if (**s == ':') {
			(*s)++;
			if (!tz_parse_number(s, 0, 59, &sec))
				return false;
		}
	}
	*out = sign * (h * 3600 + m * 60 + sec);
	return true;
}

static bool tz_parse_rule(const char **s, tz_rule_t *r)
{
	long a, b, c;

	r->time = 2 * 3600;
	if (**s == 'M') {
		(*s)++;
		if (!tz_parse_number(s, 1, 12, &a) || *(*s)++ != '.' ||
		    !tz_parse_number(s, 1, 5, &b) || *(*s)++ != '.' ||
		    !tz_parse_number(s, 0, 6, &c))
			return false;
		*r = (tz_rule_t){ 'M', (int)c, (int)b, (int)a - 1, r->time };
	} else if (**s == 'J') {
		(*s)++;
		if (!tz_parse_number(s, 1, 365, &a))
			return false;
		*r = (tz_rule_t){ 'J', (int)a, 0, 0, r->time };
	} else {
		if (!tz_parse_number(s, 0, 365, &a))
			return false;
		*r = (tz_rule_t){ 'D', (int)a, 0, 0, r->time };
	}
	if (**s == '/') {
		(*s)++;
		return tz_parse_time(s, 167, &r->time);
	}
	return true;
}

/* The zone a POSIX TZ string describes; false if it is not one. */
static bool tz_parse(const char *s, tz_zone_t *z)
{
	const char *name;
	size_t len;

	if (!tz_parse_name(&s, &name, &len) || !tz_parse_time(&s, 24, &z->std_west))
		return false;
	z->std_name = tz_intern_locked(name, len);
	z->dst_name = z->std_name;
	z->dst_west = z->std_west - 3600;
	z->has_dst = false;
	if (!*s)
		return true;
	if (!tz_parse_name(&s, &name, &len))
		return false;
	z->dst_name = tz_intern_locked(name, len);
	z->has_dst = true;
	z->dst_west = z->std_west - 3600;
	if (*s && *s != ',' && !tz_parse_time(&s, 24, &z->dst_west))
		return false;
	if (!*s)
		s = ",M3.2.0,M11.1.0";
	if (*s++ != ',' || !tz_parse_rule(&s, &z->start) || *s++ != ',' ||
	    !tz_parse_rule(&s, &z->end))
		return false;
	return *s == '\0';
}

/* UTC under the name TZ gives, when it is a plain name of letters. */
static void tz_fallback(const char *s, tz_zone_t *z)
{
	size_t n = 0;

	while (s && tz_is_alpha(s[n]))
		n++;
	if (!s || s[n] != '\0' || n < 3 || n > TZ_NAME_MAX)
		s = "UTC", n = 3;
	*z = (tz_zone_t){ .std_name = tz_intern_locked(s, n), .dst_west = -3600 };
	z->dst_name = z->std_name;
}

void __tz_update(void)
{
	const char *env = getenv("TZ");
	tz_zone_t z;

	tz_lock();
	if (tz_seen_valid && (env ? !tz_seen_unset && strcmp(env, tz_seen) == 0 : tz_seen_unset)) {
		tz_unlock();
		return;
	}
	if (!env || !*env || *env == ':' || !tz_parse(env, &z))
		tz_fallback(env && *env != ':' ? env : NULL, &z);
	tz_current = z;
	tz_seen_unset = !env;
	tz_seen_valid = !env || strlen(env) < sizeof(tz_seen);
	if (env && tz_seen_valid)
		strcpy(tz_seen, env);
	tzname[0] = (char *)z.std_name;
	tzname[1] = (char *)z.dst_name;
	timezone = z.std_west;
	daylight = z.has_dst;
	tz_unlock();
}

void tzset(void)
{
	__tz_update();
}

/* --- rules --------------------------------------------------------------- */

/* When r's change happens in year, as local seconds since the epoch. */
static int64_t tz_rule_local(const tz_rule_t *r, int64_t year)
{
	int64_t days;

	if (r->kind == 'J') {
		days = __time_days_from_civil(year, 0, r->day);
		if (__time_is_leap(year) && r->day >= 60)
			days++;
	} else if (r->kind == 'D') {
		days = __time_days_from_civil(year, 0, 1 + r->day);
	} else {
		int64_t first = __time_days_from_civil(year, r->month, 1);
		int mday = 1 + (r->day - __time_weekday(first) + 7) % 7 + 7 * (r->week - 1);
		if (mday > __time_month_days(year, r->month))
			mday -= 7;
		days = first + mday - 1;
	}
	return days * TIME_SECS_PER_DAY + r->time;
}

static int64_t tz_year_of(int64_t local)
{
	struct tm tm;

	if (!__time_split(local, 0, 0, NULL, &tm))
		return 0;
	return (int64_t)tm.tm_year + 1900;
}

/* Whether UTC time t is summer time in z. */
static bool tz_is_dst(const tz_zone_t *z, int64_t t)
{
	if (!z->has_dst)
		return false;
	int64_t year = tz_year_of(t - z->std_west);
	int64_t start = tz_rule_local(&z->start, year) + z->std_west;
	int64_t end = tz_rule_local(&z->end, year) + z->dst_west;

	if (start < end)
		return t >= start && t < end;
	return t >= start || t < end;   /* southern hemisphere: summer spans the new year */
}

static tz_zone_t tz_snapshot(void)
{
	tz_zone_t z;

	__tz_update();
	tz_lock();
	z = tz_current;
	tz_unlock();
	return z;
}

void __tz_describe(time_t t, long *gmtoff, int *isdst, const char **zone)
{
	tz_zone_t z = tz_snapshot();
	bool dst = tz_is_dst(&z, t);

	*isdst = dst;
	*gmtoff = -(dst ? z.dst_west : z.std_west);
	*zone = dst ? z.dst_name : z.std_name;
}

/*
 * The UTC time whose local fields are `local`. With a hint (isdst >= 0)
 * the fields are read in that offset, as POSIX asks; without one, in the
 * offset that is in effect then. In the hour skipped in spring neither
 * is, and the fields are read as standard time (2:30 becomes 3:30 DST);
 * in the hour repeated in autumn the standard-time reading wins.
 */
bool __tz_local_to_utc(int64_t local, int isdst_hint, time_t *t)
{
	tz_zone_t z = tz_snapshot();
	int64_t as_std, as_dst;

	if (__builtin_add_overflow(local, (int64_t)z.std_west, &as_std) ||
	    __builtin_add_overflow(local, (int64_t)z.dst_west, &as_dst))
		return false;
	if (isdst_hint == 0)
		*t = as_std;
	else if (isdst_hint > 0)
		*t = as_dst;    /* even without summer time, as glibc: an hour ahead */
	else if (!z.has_dst)
		*t = as_std;
	else if (tz_is_dst(&z, as_std) && tz_is_dst(&z, as_dst))
		*t = as_dst;
	else
		*t = as_std;
	return true;
}
