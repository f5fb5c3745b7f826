// SPDX-License-Identifier: MIT
/*
 * strftime in the C locale: every C17 and POSIX conversion, the E and O
 * modifiers (which change nothing in this locale), and GNU's extras %k
 * %l %P %s with its flags.
 *
 * A conversion is `%[flags][width][E|O]c`. Flags are GNU's: `_` pads
 * with spaces, `0` with zeros, `-` does not pad, `^` upper-cases, `#`
 * swaps the case of names (upper for %a %A %b %B %h, lower for %p %Z);
 * POSIX's `+` pads with zeros and signs a year of more than four digits.
 * Each conversion is one of three kinds — a number with a default width
 * and pad, a string, or a composite format (%c %D %F %r %R %T %x %X)
 * expanded recursively — and flags and width apply to the kind as a
 * whole, as glibc does (so "%-6Y" is "  2024" and "%^c" upper-cases the
 * names). Unknown conversions are copied as they are.
 *
 * Output goes through one small writer that counts what would have been
 * written; when the result and its NUL do not fit, strftime returns 0 as
 * C says. Years are 64-bit: tm_year + 1900 cannot overflow here.
 */
#include "time_impl.h"

#include <string.h>

typedef struct out {
	char *s;
	size_t max, len;
} out_t;

typedef struct spec {
	char flag;      /* 0 or one of _ 0 - ^ # + */
	bool upper;     /* ^ */
	int width;      /* -1: not given */
	char conv;
} spec_t;

static void out_put(out_t *o, char c)
{
	if (o->len < o->max)
		o->s[o->len] = c;
	o->len++;
}

static char ascii_upper(char c)
{
	return c >= 'a' && c <= 'z' ? (char)(c - 'a' + 'A') : c;
}

static char ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* A string conversion: n bytes of s, padded on the left to the width, cased as asked. */
static void put_chars(out_t *o, const spec_t *sp, const char *s, size_t n, int case_shift)
{
	char pad = sp->flag == '0' || sp->flag == '+' ? '0' : ' ';

	for (int i = (int)n; i < sp->width; i++)
		out_put(o, pad);
	for (size_t i = 0; i < n; i++)
		out_put(o, sp->upper || case_shift > 0 ? ascii_upper(s[i]) :
			   case_shift < 0 ? ascii_lower(s[i]) : s[i]);
}

static void put_string(out_t *o, const spec_t *sp, const char *s, int case_shift)
{
	put_chars(o, sp, s, strlen(s), case_shift);
}

/* A number: at least width characters (sign included), padded as the flags say. */
static void put_number(out_t *o, const spec_t *sp, int64_t v, int width, char pad)
{
	char digits[24];
	int len = 0;
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;
	bool plus = sp->flag == '+' && (sp->conv == 'C' ? v > 99 : v > 9999);

	if (sp->flag == '_')
		pad = ' ';
	else if (sp->flag == '0' || sp->flag == '+')
		pad = '0';
	if (sp->width >= 0)
		width = sp->width;
	else if (sp->flag == '-')
		width = 0;
	if (sp->flag == '-')
		pad = ' ';
	do
		digits[len++] = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	int sign = v < 0 || plus;
	if (pad == ' ')
		for (int i = len + sign; i < width; i++)
			out_put(o, ' ');
	if (sign)
		out_put(o, v < 0 ? '-' : '+');
	if (pad == '0')
		for (int i = len + sign; i < width; i++)
			out_put(o, '0');
	while (len)
		out_put(o, digits[--len]);
}

static int64_t floor_div(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

static int64_t positive_mod(int64_t a, int64_t b)
{
	return a - floor_div(a, b) * b;
}

/* The yday of the Monday of ISO week 1 of the year starting at yday `off`. */
static int64_t iso_week1_monday(int64_t yday, int wday, int64_t off)
{
	int64_t monday_based = (wday + 6) % 7;

	return off + 3 - positive_mod(monday_based + off + 3 - yday, 7);
}

/* ISO 8601 week-based year and week of tm's date, from its year, yday and wday. */
static void iso_week(const struct tm *tm, int64_t *iso_year, int *week)
{
	int64_t year = (int64_t)tm->tm_year + 1900;
	int64_t d = tm->tm_yday;
	int64_t this_len = __time_is_leap(year) ? 366 : 365;
	int64_t prev_len = __time_is_leap(year - 1) ? 366 : 365;
	int64_t start = iso_week1_monday(d, tm->tm_wday, 0);
	int64_t next = iso_week1_monday(d, tm->tm_wday, this_len);

	if (d >= next) {
		*iso_year = year + 1;
		*week = 1;
	} else if (d >= start) {
		*iso_year = year;
		*week = (int)((d - start) / 7 + 1);
	} else {
		*iso_year = year - 1;
		*week = (int)((d - iso_week1_monday(d, tm->tm_wday, -prev_len)) / 7 + 1);
	}
}

/* names[i], or its first three letters (the C locale's abbreviations); "?" out of range. */
static void put_name(out_t *o, const spec_t *sp, const char *const *names, int count, int i,
		     bool abbrev)
{
	int shift = sp->flag == '#' ? 1 : 0;

	if (i < 0 || i >= count)
		put_string(o, sp, "?", 0);
	else
		put_chars(o, sp, names[i], abbrev ? 3 : strlen(names[i]), shift);
}

static size_t format(out_t *o, const char *fmt, const struct tm *tm);

/* A composite conversion: formatted on the side, then padded and cased as a string. */
static void put_composite(out_t *o, const spec_t *sp, const char *fmt, const struct tm *tm)
{
	char buf[256];
	out_t sub = { buf, sizeof(buf) - 1, 0 };

	format(&sub, fmt, tm);
	buf[sub.len < sizeof(buf) ? sub.len : sizeof(buf) - 1] = '\0';
	put_string(o, sp, buf, 0);
}

static void put_zone_offset(out_t *o, const spec_t *sp, const struct tm *tm)
{
	long off = tm->tm_gmtoff;
	long a = off < 0 ? -off : off;
	spec_t num = *sp;

	if (tm->tm_isdst < 0)
		return;
	out_put(o, off < 0 ? '-' : '+');
	num.width = sp->width > 1 ? sp->width - 1 : -1;
	num.flag = sp->flag == '+' ? '0' : sp->flag;
	put_number(o, &num, a / 3600 * 100 + a / 60 % 60, 4, '0');
}

static void put_epoch_seconds(out_t *o, const spec_t *sp, const struct tm *tm)
{
	struct tm copy = *tm;

	put_number(o, sp, mktime(&copy), 1, '0');
}

static const char *zone_name(const struct tm *tm)
{
	__tz_update();
	if (tm->tm_zone)
		return tm->tm_zone;
	return tm->tm_isdst < 0 ? "" : tzname[tm->tm_isdst > 0];
}

/* Conversions of dates and weeks; false if c is not one of them. */
static bool convert_date(out_t *o, const spec_t *sp, const struct tm *tm)
{
	int64_t year = (int64_t)tm->tm_year + 1900, iso_year;
	int week, monday_based = (tm->tm_wday + 6) % 7;

	switch (sp->conv) {
	case 'C': put_number(o, sp, floor_div(year, 100), 1, '0'); return true;
	case 'd': put_number(o, sp, tm->tm_mday, 2, '0'); return true;
	case 'e': put_number(o, sp, tm->tm_mday, 2, ' '); return true;
	case 'j': put_number(o, sp, (int64_t)tm->tm_yday + 1, 3, '0'); return true;
	case 'm': put_number(o, sp, (int64_t)tm->tm_mon + 1, 2, '0'); return true;
	case 'u': put_number(o, sp, monday_based + 1, 1, '0'); return true;
	case 'w': put_number(o, sp, tm->tm_wday, 1, '0'); return true;
	case 'y': put_number(o, sp, positive_mod(year, 100), 2, '0'); return true;
	case 'Y': put_number(o, sp, year, 1, '0'); return true;
	case 'U': put_number(o, sp, ((int64_t)tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0');
		return true;
	case 'W': put_number(o, sp, ((int64_t)tm->tm_yday + 7 - monday_based) / 7, 2, '0');
		return true;
	case 'G': case 'g': case 'V':
		iso_week(tm, &iso_year, &week);
		if (sp->conv == 'G')
			put_number(o, sp, iso_year, 1, '0');
		else if (sp->conv == 'g')
			put_number(o, sp, positive_mod(iso_year, 100), 2, '0');
		else
			put_number(o, sp, week, 2, '0');
		return true;
	default:
		return false;
	}
}

/* Conversions of the time of day and the zone; false if c is not one of them. */
static bool convert_time(out_t *o, const spec_t *sp, const struct tm *tm)
{
	int hour12 = tm->tm_hour % 12 == 0 ? 12 : tm->tm_hour % 12;
	bool pm = tm->tm_hour >= 12;

	switch (sp->conv) {
	case 'H': put_number(o, sp, tm->tm_hour, 2, '0'); return true;
	case 'k': put_number(o, sp, tm->tm_hour, 2, ' '); return true;
	case 'I': put_number(o, sp, hour12, 2, '0'); return true;
	case 'l': put_number(o, sp, hour12, 2, ' '); return true;
	case 'M': put_number(o, sp, tm->tm_min, 2, '0'); return true;
	case 'S': put_number(o, sp, tm->tm_sec, 2, '0'); return true;
	case 'p': put_string(o, sp, pm ? "PM" : "AM", sp->flag == '#' ? -1 : 0); return true;
	case 'P': put_string(o, sp, pm ? "pm" : "am", 0); return true;
	case 'z': put_zone_offset(o, sp, tm); return true;
	case 'Z': put_string(o, sp, zone_name(tm), sp->flag == '#' ? -1 : 0); return true;
	case 's': put_epoch_seconds(o, sp, tm); return true;
	default:
		return false;
	}
}

/* Names, composites and the rest; false if c is unknown. */
static bool convert_other(out_t *o, const spec_t *sp, const struct tm *tm)
{
	const char *composite = NULL;

	switch (sp->conv) {
	case 'a': case 'A':
		put_name(o, sp, __time_day_names, 7, tm->tm_wday, sp->conv == 'a');
		return true;
	case 'b': case 'h': case 'B':
		put_name(o, sp, __time_month_names, 12, tm->tm_mon, sp->conv != 'B');
		return true;
	case 'n': put_string(o, sp, "\n", 0); return true;
	case 't': put_string(o, sp, "\t", 0); return true;
	case '%': put_string(o, sp, "%", 0); return true;
	case 'c': composite = "%a %b %e %H:%M:%S %Y"; break;
	case 'D': case 'x': composite = "%m/%d/%y"; break;
	case 'F': composite = "%Y-%m-%d"; break;
	case 'r': composite = "%I:%M:%S %p"; break;
	case 'R': composite = "%H:%M"; break;
	case 'T': case 'X': composite = "%H:%M:%S"; break;
	default:
		return false;
	}
	put_composite(o, sp, composite, tm);
	return true;
}

/* Reads a conversion after its '%'; returns the character after it. */
static const char *parse_spec(const char *p, spec_t *sp)
{
	*sp = (spec_t){ .width = -1 };
	for (;; p++) {
		if (*p == '^')
			sp->upper = true;
		else if (*p == '_' || *p == '0' || *p == '-' || *p == '#' || *p == '+')
			sp->flag = *p;
		else
			break;
	}
	if (*p >= '1' && *p <= '9') {
		sp->width = 0;
		while (*p >= '0' && *p <= '9') {
			if (sp->width < 1024)
				sp->width = sp->width * 10 + (*p - '0');
			p++;
		}
	}
	if (*p == 'E' || *p == 'O')
		p++;
	sp->conv = *p;
	return *p ? p + 1 : p;
}

static size_t format(out_t *o, const char *fmt, const struct tm *tm)
{
	while (*fmt) {
		if (*fmt != '%') {
			out_put(o, *fmt++);
			continue;
		}
		const char *start = fmt;
		spec_t sp;
		fmt = parse_spec(fmt + 1, &sp);
		if (!convert_date(o, &sp, tm) && !convert_time(o, &sp, tm) &&
		    !convert_other(o, &sp, tm))
			while (start < fmt)
				out_put(o, *start++);
	}
	return o->len;
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	out_t o = { s, max, 0 };

	if (format(&o, fmt, tm) >= max) {
		if (max)
			s[0] = '\0';
		return 0;
	}
	s[o.len] = '\0';
	return o.len;
}
