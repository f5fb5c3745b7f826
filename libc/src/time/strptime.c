// SPDX-License-Identifier: MIT
/*
 * strptime in the C locale: the inverse of strftime's conversions, with
 * glibc's rules where POSIX leaves room.
 *
 * The parse fills a state — the fields seen, plus the century, the
 * 12-hour clock, the week numbers — and only at the end derives what the
 * input implies: %y alone is 1969..2068, %C with %y sets the century, %I
 * with %p makes the hour, and once the date is known the weekday and the
 * day of the year are computed (or month and day from %j, or the date
 * from %U/%W with a weekday). Fields the input does not give are left as
 * the caller had them. Numbers read at most the conversion's digits,
 * after optional blanks, and must be in range; names match in full or
 * abbreviated, ignoring case. %Z reads a zone name and ignores it, %z
 * sets tm_gmtoff, %s sets everything from the local time of that second.
 */
#include "time_impl.h"

#include <string.h>

typedef struct parse {
	int century, yweek, uweek, wweek;
	bool have_century, have_y, have_year, have_mon, have_mday, have_yday, have_wday;
	bool have_uweek, have_wweek, have_12h, pm;
	bool want_date;
} parse_t;

static bool is_space(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool prefix_nocase(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != lower(word[i]))
			return false;
	return true;
}

/* Reads up to digits digits (after blanks and an optional sign if allowed) in min..max. */
static const char *get_number(const char *s, int digits, long min, long max, bool sign, int *out)
{
	long v = 0, neg = 0;

	while (is_space(*s))
		s++;
	if (sign && (*s == '+' || *s == '-'))
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return NULL;
	for (int n = 0; n < digits && *s >= '0' && *s <= '9'; n++)
		v = v * 10 + (*s++ - '0');
	if (neg)
		v = -v;
	if (v < min || v > max)
		return NULL;
	*out = (int)v;
	return s;
}

/* One of names (full, or its first three letters); its index in *out. */
static const char *get_name(const char *s, const char *const *names, int count, int *out)
{
	for (int i = 0; i < count; i++) {
		size_t n = strlen(names[i]);
		if (prefix_nocase(s, names[i], n)) {
			*out = i;
			return s + n;
		}
	}
	for (int i = 0; i < count; i++) {
		if (prefix_nocase(s, names[i], 3)) {
			*out = i;
			return s + 3;
		}
	}
	return NULL;
}

/* +hh, +hhmm, +hh:mm or Z, as seconds east of UTC. */
static const char *get_zone_offset(const char *s, long *gmtoff)
{
	int sign, hh, mm = 0;

	while (is_space(*s))
		s++;
	if (*s == 'Z') {
		*gmtoff = 0;
		return s + 1;
	}
	if (*s != '+' && *s != '-')
		return NULL;
	sign = *s++ == '-' ? -1 : 1;
	for (int i = 0; i < 2; i++)
		if (s[i] < '0' || s[i] > '9')
			return NULL;
	hh = (s[0] - '0') * 10 + (s[1] - '0');
	s += 2;
	if (*s == ':')
		s++;
	if (s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9') {
		mm = (s[0] - '0') * 10 + (s[1] - '0');
		s += 2;
	}
	if (hh > 24 || mm > 59)
		return NULL;
	*gmtoff = sign * (hh * 3600L + mm * 60L);
	return s;
}

static const char *get_epoch(const char *s, struct tm *tm)
{
	time_t t = 0;
	bool neg = false;

	while (is_space(*s))
		s++;
	if (*s == '-')
		neg = *s++ == '-';
	if (*s < '0' || *s > '9')
		return NULL;
	while (*s >= '0' && *s <= '9') {
		if (__builtin_mul_overflow(t, 10, &t) || __builtin_add_overflow(t, *s++ - '0', &t))
			return NULL;
	}
	if (neg)
		t = -t;
	return localtime_r(&t, tm) ? s : NULL;
}

static const char *parse(const char *s, const char *fmt, struct tm *tm, parse_t *st);

/* Conversions of names, composites and literals; NULL on a mismatch. */
static const char *convert_text(const char *s, char c, struct tm *tm, parse_t *st, bool *known)
{
	*known = true;
	switch (c) {
	case 'a': case 'A':
		st->have_wday = true;
		return get_name(s, __time_day_names, 7, &tm->tm_wday);
	case 'b': case 'B': case 'h':
		st->have_mon = st->want_date = true;
		return get_name(s, __time_month_names, 12, &tm->tm_mon);
	case 'c': return parse(s, "%a %b %e %H:%M:%S %Y", tm, st);
	case 'D': case 'x': return parse(s, "%m/%d/%y", tm, st);
	case 'F': return parse(s, "%Y-%m-%d", tm, st);
	case 'r': return parse(s, "%I:%M:%S %p", tm, st);
	case 'R': return parse(s, "%H:%M", tm, st);
	case 'T': case 'X': return parse(s, "%H:%M:%S", tm, st);
	case 'n': case 't':
		while (is_space(*s))
			s++;
		return s;
	case '%':
		while (is_space(*s))
			s++;
		return *s == '%' ? s + 1 : NULL;
	case 'p': case 'P':
		while (is_space(*s))
			s++;
		if (!prefix_nocase(s, "AM", 2) && !prefix_nocase(s, "PM", 2))
			return NULL;
		st->pm = lower(*s) == 'p';
		return s + 2;
	case 'z': return get_zone_offset(s, &tm->tm_gmtoff);
	case 'Z':
		while ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z'))
			s++;
		return s;
	case 's': return get_epoch(s, tm);
	default:
		*known = false;
		return NULL;
	}
}

/* Numeric conversions; NULL on a mismatch. */
static const char *convert_number(const char *s, char c, struct tm *tm, parse_t *st)
{
	int v, ignored;

	switch (c) {
	case 'C':
		st->have_century = st->want_date = true;
		return get_number(s, 2, 0, 99, false, &st->century);
	case 'd': case 'e':
		st->have_mday = st->want_date = true;
		return get_number(s, 2, 1, 31, false, &tm->tm_mday);
	case 'H': case 'k':
		st->have_12h = false;
		return get_number(s, 2, 0, 23, false, &tm->tm_hour);
	case 'I': case 'l':
		st->have_12h = true;
		return get_number(s, 2, 1, 12, false, &tm->tm_hour);
	case 'j':
		if (!(s = get_number(s, 3, 1, 366, false, &v)))
			return NULL;
		tm->tm_yday = v - 1;
		st->have_yday = st->want_date = true;
		return s;
	case 'm':
		if (!(s = get_number(s, 2, 1, 12, false, &v)))
			return NULL;
		tm->tm_mon = v - 1;
		st->have_mon = st->want_date = true;
		return s;
	case 'M': return get_number(s, 2, 0, 59, false, &tm->tm_min);
	case 'S': return get_number(s, 2, 0, 61, false, &tm->tm_sec);
	case 'U': st->have_uweek = true; return get_number(s, 2, 0, 53, false, &st->uweek);
	case 'W': st->have_wweek = true; return get_number(s, 2, 0, 53, false, &st->wweek);
	case 'w': st->have_wday = true; return get_number(s, 1, 0, 6, false, &tm->tm_wday);
	case 'u':
		if (!(s = get_number(s, 1, 1, 7, false, &v)))
			return NULL;
		tm->tm_wday = v % 7;
		st->have_wday = true;
		return s;
	case 'y':
		if (!(s = get_number(s, 2, 0, 99, false, &v)))
			return NULL;
		tm->tm_year = v;        /* the century is decided at the end */
		st->have_y = st->want_date = true;
		st->have_year = false;
		return s;
	case 'Y':
		if (!(s = get_number(s, 4, 0, 9999, false, &v)))
			return NULL;
		tm->tm_year = v - 1900;
		st->have_year = st->want_date = true;
		st->have_y = st->have_century = false;
		return s;
	case 'G': return get_number(s, 4, 0, 9999, false, &ignored);
	case 'g': return get_number(s, 2, 0, 99, false, &ignored);
	case 'V': return get_number(s, 2, 0, 53, false, &ignored);
	default: return NULL;
	}
}

static const char *parse(const char *s, const char *fmt, struct tm *tm, parse_t *st)
{
	while (s && *fmt) {
		if (is_space(*fmt)) {
			while (is_space(*s))
				s++;
			fmt++;
			continue;
		}
		if (*fmt != '%') {
			if (*s++ != *fmt++)
				return NULL;
			continue;
		}
		fmt++;
		while (*fmt == '-' || *fmt == '_' || *fmt == '0' || *fmt == '^' || *fmt == '#')
			fmt++;
		if (*fmt == 'E' || *fmt == 'O')
			fmt++;
		if (!*fmt)
			return NULL;
		bool known;
		const char *next = convert_text(s, *fmt, tm, st, &known);
		s = known ? next : convert_number(s, *fmt, tm, st);
		fmt++;
	}
	return s;
}

/* The month and day of tm's tm_yday in tm's year. */
static void date_from_yday(struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900;
	int yday = tm->tm_yday, mon = 0;

	while (mon < 11 && yday >= __time_month_days(year, mon))
		yday -= __time_month_days(year, mon++);
	tm->tm_mon = mon;
	tm->tm_mday = yday + 1;
}

/* The date a week number (%U Sunday-based, %W Monday-based) and a weekday give. */
static void date_from_week(struct tm *tm, const parse_t *st)
{
	int64_t year = (int64_t)tm->tm_year + 1900;
	int jan1 = __time_weekday(__time_days_from_civil(year, 0, 1));
	int first = st->have_uweek ? 0 : 1;            /* the week's first day */
	int week = st->have_uweek ? st->uweek : st->wweek;
	int to_first = (first - jan1 + 7) % 7;          /* yday of week 1's first day */
	int offset = (tm->tm_wday - first + 7) % 7;

	int yday = to_first + (week - 1) * 7 + offset;

	if (yday < 0 || yday >= (__time_is_leap(year) ? 366 : 365))
		return;
	tm->tm_yday = yday;
	date_from_yday(tm);
}

static void finish(struct tm *tm, const parse_t *st)
{
	if (st->have_12h)
		tm->tm_hour = tm->tm_hour % 12 + (st->pm ? 12 : 0);
	if (st->have_y)
		tm->tm_year = st->have_century ? st->century * 100 + tm->tm_year - 1900 :
			      tm->tm_year < 69 ? tm->tm_year + 100 : tm->tm_year;
	else if (st->have_century && !st->have_year)
		tm->tm_year = st->century * 100 - 1900;
	if (!st->want_date)
		return;
	int64_t year = (int64_t)tm->tm_year + 1900;
	if ((st->have_uweek || st->have_wweek) && st->have_wday && !st->have_yday &&
	    !(st->have_mon && st->have_mday)) {
		date_from_week(tm, st);
	} else if (st->have_yday && !(st->have_mon && st->have_mday)) {
		date_from_yday(tm);
	}
	if ((unsigned)tm->tm_mon > 11 || tm->tm_mday < 1 ||
	    tm->tm_mday > __time_month_days(year, tm->tm_mon))
		return;
	if (!st->have_wday)
		tm->tm_wday = __time_weekday(__time_days_from_civil(year, tm->tm_mon, tm->tm_mday));
	if (!st->have_yday)
		tm->tm_yday = __time_yday(year, tm->tm_mon, tm->tm_mday);
}

char *strptime(const char *restrict s, const char *restrict fmt, struct tm *restrict tm)
{
	parse_t st = { 0 };

	s = parse(s, fmt, tm, &st);
	if (s)
		finish(tm, &st);
	return (char *)s;
}
