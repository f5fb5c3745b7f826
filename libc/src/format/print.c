// SPDX-License-Identifier: MIT
/*
 * The printf engine: walks the format, copies plain text to the sink and
 * runs each conversion. Integers, characters, strings, pointers, %n and %m
 * are here; floating point is in print_float.c and argument handling in
 * print_args.c.
 *
 * Every conversion first works out its full length, so that the padding
 * that width asks for can be emitted before (or after, with '-') the text
 * without buffering it: a conversion's text can be arbitrarily long
 * ("%.100000f"), but is always emitted piecewise straight into the sink.
 * The count includes what the sink drops; it saturates rather than wraps,
 * and a result past INT_MAX is EOVERFLOW.
 */
#include "print.h"

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <stddef.h>


void print_bytes(print_out_t *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	out->count = out->count + n < out->count ? SIZE_MAX : out->count + n;
	if (out->failed)
		return;
	if (out->sink->write(out->sink, s, n) != n || out->sink->error)
		out->failed = true;
}

void print_repeat(print_out_t *out, char c, size_t n)
{
	char buf[64];

	memset(buf, c, n < sizeof(buf) ? n : sizeof(buf));
	while (n > 0) {
		size_t k = n < sizeof(buf) ? n : sizeof(buf);
		print_bytes(out, buf, k);
		n -= k;
		if (out->failed) { /* still count what is owed */
			out->count = out->count + n < out->count ? SIZE_MAX : out->count + n;
			return;
		}
	}
}

void print_pad_begin(print_out_t *out, const print_spec_t *spec, size_t len, bool zero_ok,
		     const char *prefix, size_t prefix_len, print_pad_t *pad)
{
	size_t total = len + prefix_len;
	size_t width = spec->width > 0 ? (size_t)spec->width : 0;

	pad->fill = width > total ? width - total : 0;
	pad->left = spec->flags & PRINT_MINUS;
	if (pad->left) {
		print_bytes(out, prefix, prefix_len);
		return;
	}
	if (zero_ok && (spec->flags & PRINT_ZERO)) {
		print_bytes(out, prefix, prefix_len);
		print_repeat(out, '0', pad->fill);
	} else {
		print_repeat(out, ' ', pad->fill);
		print_bytes(out, prefix, prefix_len);
	}
	pad->fill = 0;
}

void print_pad_end(print_out_t *out, print_pad_t *pad)
{
	print_repeat(out, ' ', pad->fill);
	pad->fill = 0;
}

/* A whole conversion that is one piece of text. */
static void print_padded(print_out_t *out, const print_spec_t *spec, const char *prefix,
			 const char *s, size_t n, bool zero_ok)
{
	print_pad_t pad;
	size_t plen = strlen(prefix);

	print_pad_begin(out, spec, n, zero_ok, prefix, plen, &pad);
	print_bytes(out, s, n);
	print_pad_end(out, &pad);
}

/* The value of an integer argument, narrowed as the length modifier says. */
static unsigned long long print_int_value(const print_spec_t *spec, long long v, bool is_signed)
{
	switch (spec->len) {
	case PRINT_LEN_HH: return is_signed ? (unsigned long long)(signed char)v : (unsigned char)v;
	case PRINT_LEN_H: return is_signed ? (unsigned long long)(short)v : (unsigned short)v;
	case PRINT_LEN_NONE: return is_signed ? (unsigned long long)(int)v : (unsigned int)v;
	default: return (unsigned long long)v;
	}
}

/* Writes u in base into the end of buf; returns where the digits start. */
static char *print_utoa(char *end, unsigned long long u, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";

	do {
		*--end = digits[u % base];
		u /= base;
	} while (u != 0);
	return end;
}

/* d i o u x X p, given the value's magnitude and sign. */
static void print_integer(print_out_t *out, const print_spec_t *spec, unsigned long long u, bool neg)
{
	char buf[32];
	char prefix[4];
	size_t plen = 0;
	unsigned base = 10;
	char conv = spec->conv;

	if (conv == 'o')
		base = 8;
	else if (conv == 'x' || conv == 'X' || conv == 'p')
		base = 16;
	char *digits = print_utoa(buf + sizeof(buf), u, base, conv == 'X');
	size_t ndig = (size_t)(buf + sizeof(buf) - digits);
	if (spec->prec == 0 && u == 0)
		ndig = 0; /* "%.0d" of 0 prints nothing */
	size_t zeros = spec->prec > 0 && (size_t)spec->prec > ndig ? (size_t)spec->prec - ndig : 0;

	if (conv == 'd' || conv == 'i' || conv == 'p') {
		if (neg)
			prefix[plen++] = '-';
		else if (spec->flags & PRINT_PLUS)
			prefix[plen++] = '+';
		else if (spec->flags & PRINT_SPACE)
			prefix[plen++] = ' ';
	}
	if (conv == 'o' && (spec->flags & PRINT_HASH) && zeros == 0 && (ndig == 0 || *digits != '0'))
		zeros = 1; /* the alternative form starts with a 0 */
	if ((conv == 'x' || conv == 'X') && (spec->flags & PRINT_HASH) && u != 0) {
		prefix[plen++] = '0';
		prefix[plen++] = conv;
	}
	if (conv == 'p') {
		prefix[plen++] = '0';
		prefix[plen++] = 'x';
	}

	print_pad_t pad;
	print_pad_begin(out, spec, zeros + ndig, spec->prec < 0, prefix, plen, &pad);
	print_repeat(out, '0', zeros);
	print_bytes(out, digits, ndig);
	print_pad_end(out, &pad);
}

static void print_int_conv(print_out_t *out, const print_spec_t *spec, long long v)
{
	bool is_signed = spec->conv == 'd' || spec->conv == 'i';
	unsigned long long u = print_int_value(spec, v, is_signed);
	bool neg = is_signed && (long long)u < 0;

	print_integer(out, spec, neg ? 0 - u : u, neg);
}

static void print_pointer(print_out_t *out, const print_spec_t *spec, void *p)
{
	if (p == NULL) {
		print_padded(out, spec, "", "(nil)", 5, false);
		return;
	}
	print_integer(out, spec, (unsigned long long)(uintptr_t)p, false);
}

/* %s: at most prec bytes, never reading past them. */
static void print_string(print_out_t *out, const print_spec_t *spec, const char *s)
{
	if (s == NULL)
		s = spec->prec < 0 || spec->prec >= 6 ? "(null)" : "";
	size_t n = 0;
	if (spec->prec < 0)
		n = strlen(s);
	else
		while (n < (size_t)spec->prec && s[n] != '\0')
			n++;
	print_padded(out, spec, "", s, n, false);
}

/* The UTF-8 length of the wide string's prefix that fits in max bytes;
 * sets *bad on a character that has no encoding. */
static size_t print_wide_length(const wchar_t *ws, size_t max, bool *bad)
{
	size_t n = 0;
	char buf[4];

	for (; *ws != 0; ws++) {
		size_t k = print_utf8_encode(buf, (uint32_t)*ws);
		if (k == 0) {
			*bad = true;
			return n;
		}
		if (n + k > max)
			break;
		n += k;
	}
	return n;
}

/* %ls and %S: the string converted to UTF-8; prec counts bytes and never
 * splits a character. */
static int print_wide_string(print_out_t *out, const print_spec_t *spec, const wchar_t *ws)
{
	if (ws == NULL) {
		print_string(out, spec, NULL);
		return 0;
	}
	bool bad = false;
	size_t len = print_wide_length(ws, spec->prec < 0 ? SIZE_MAX : (size_t)spec->prec, &bad);
	if (bad && spec->prec < 0)
		return EILSEQ;
	print_pad_t pad;
	print_pad_begin(out, spec, len, false, "", 0, &pad);
	for (size_t done = 0; done < len; ws++) {
		char buf[4];
		size_t k = print_utf8_encode(buf, (uint32_t)*ws);
		print_bytes(out, buf, k);
		done += k;
	}
	print_pad_end(out, &pad);
	return 0;
}

static int print_char(print_out_t *out, const print_spec_t *spec, long long v)
{
	char buf[4];
	size_t n = 1;

	if (spec->conv == 'C' || spec->len == PRINT_LEN_L) {
		n = print_utf8_encode(buf, (uint32_t)v);
		if (n == 0)
			return EILSEQ;
	} else {
		buf[0] = (char)(unsigned char)v;
	}
	print_padded(out, spec, "", buf, n, false);
	return 0;
}

static void print_store_count(const print_spec_t *spec, void *p, size_t count)
{
	long long n = (long long)count;

	switch (spec->len) {
	case PRINT_LEN_HH: *(signed char *)p = (signed char)n; break;
	case PRINT_LEN_H: *(short *)p = (short)n; break;
	case PRINT_LEN_L: *(long *)p = (long)n; break;
	case PRINT_LEN_LL: case PRINT_LEN_BIG_L: *(long long *)p = n; break;
	case PRINT_LEN_J: *(intmax_t *)p = n; break;
	case PRINT_LEN_Z: *(size_t *)p = (size_t)n; break;
	case PRINT_LEN_T: *(ptrdiff_t *)p = (ptrdiff_t)n; break;
	default: *(int *)p = (int)n; break;
	}
}

/* Runs one conversion; returns 0 or an errno value. */
static int print_convert(print_out_t *out, print_spec_t *spec, print_args_t *args, int saved_errno)
{
	if (spec->width_pos >= 0) {
		print_arg_t a;
		print_args_get(args, spec->width_pos, PRINT_ARG_INT, &a);
		int w = (int)a.i;
		if (w < 0) {
			spec->flags |= PRINT_MINUS;
			w = w == INT_MIN ? INT_MAX : -w;
		}
		spec->width = w;
	}
	if (spec->prec_pos >= 0) {
		print_arg_t a;
		print_args_get(args, spec->prec_pos, PRINT_ARG_INT, &a);
		int p = (int)a.i;
		spec->prec = p < 0 ? -1 : p;
	}
	if (spec->width > INT_MAX || spec->prec > INT_MAX)
		return EOVERFLOW;
	print_arg_t arg;
	print_args_get(args, spec->arg_pos, print_arg_type(spec), &arg);
	switch (spec->conv) {
	case '%':
		print_bytes(out, "%", 1);
		return 0;
	case 'd': case 'i': case 'o': case 'u': case 'x': case 'X':
		print_int_conv(out, spec, arg.i);
		return 0;
	case 'p':
		print_pointer(out, spec, arg.p);
		return 0;
	case 'c': case 'C':
		return print_char(out, spec, arg.i);
	case 's': case 'S':
		if (spec->conv == 'S' || spec->len == PRINT_LEN_L)
			return print_wide_string(out, spec, arg.p);
		print_string(out, spec, arg.p);
		return 0;
	case 'm':
		print_string(out, spec, strerror(saved_errno));
		return 0;
	case 'n':
		print_store_count(spec, arg.p, out->count);
		return 0;
	default:
		return print_float(out, spec, &arg);
	}
}

/* Does fmt use positional arguments? Its first conversion says. */
static bool print_is_positional(const char *fmt)
{
	print_spec_t spec;

	while ((fmt = strchr(fmt, '%')) != NULL) {
		fmt++;
		if (!print_parse_spec(&fmt, &spec))
			return false;
		if (spec.conv != '%')
			return spec.arg_pos > 0;
	}
	return false;
}

static int print_run(print_out_t *out, const char *fmt, print_args_t *args, int saved_errno)
{
	while (*fmt) {
		const char *pct = strchr(fmt, '%');
		size_t n = pct ? (size_t)(pct - fmt) : strlen(fmt);
		print_bytes(out, fmt, n);
		if (pct == NULL)
			break;
		fmt = pct + 1;
		print_spec_t spec;
		if (!print_parse_spec(&fmt, &spec))
			return EINVAL;
		int err = print_convert(out, &spec, args, saved_errno);
		if (err)
			return err;
		if (out->failed)
			break;
	}
	return 0;
}

int format_vprint(format_sink_t *sink, const char *fmt, va_list ap)
{
	int saved_errno = errno;
	print_out_t out = { .sink = sink };
	print_arg_t local[32];
	print_args_t args = { .table = NULL };
	int err = 0;

	va_copy(args.ap, ap);
	if (print_is_positional(fmt))
		err = print_args_collect(&args, fmt, local, 32);
	if (err == 0)
		err = print_run(&out, fmt, &args, saved_errno);
	if (args.table != NULL)
		print_args_release(&args, local);
	va_end(args.ap);
	if (err == 0 && out.failed)
		err = sink->error > 0 ? sink->error : EIO;
	if (err == 0 && out.count > INT_MAX)
		err = EOVERFLOW;
	if (err != 0) {
		errno = err;
		return -1;
	}
	return (int)out.count;
}
