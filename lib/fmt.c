// SPDX-License-Identifier: MIT
/*
 * printf-style formatting.
 *
 * Each conversion is handled in two steps: fmt_spec_parse reads the flags,
 * width, precision and length into a fmt_spec_t (fetching '*' arguments in
 * order), then one emitter lays the field out. Every integer conversion
 * funnels into fmt_emit_int as a magnitude plus sign, so the padding rules
 * (sign, then prefix, then zeros, then digits; '-' beats '0'; a precision
 * disables '0') live in one place. The va_list is copied once and passed by
 * pointer so helpers can consume arguments portably.
 *
 * Deliberate glibc compatibility: "%p" of NULL prints "(nil)" ignoring
 * precision, "%s" of NULL prints "(null)" or nothing when the precision is
 * shorter than that, and '0' pads %s/%c/%p-NULL with spaces.
 */
#include <lib/fmt.h>

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum {
	FMT_LEFT = 1 << 0,
	FMT_ZERO = 1 << 1,
	FMT_PLUS = 1 << 2,
	FMT_SPACE = 1 << 3,
	FMT_ALT = 1 << 4,
};

typedef enum fmt_len {
	FMT_LEN_NONE,
	FMT_LEN_HH,
	FMT_LEN_H,
	FMT_LEN_L,
	FMT_LEN_LL,
	FMT_LEN_Z,
	FMT_LEN_T,
	FMT_LEN_J,
} fmt_len_t;

typedef struct fmt_spec {
	unsigned flags;
	int width;
	int prec; /* -1: none given */
	fmt_len_t len;
	char conv;
} fmt_spec_t;

typedef struct fmt_out {
	fmt_sink_t sink;
	void *ctx;
	size_t count;
} fmt_out_t;

/* Widths beyond this are clamped; nothing sane asks for more. */
#define FMT_WIDTH_MAX (1 << 24)

static void fmt_out_put(fmt_out_t *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	out->sink(out->ctx, s, n);
	out->count += n;
}

static void fmt_out_pad(fmt_out_t *out, char c, int n)
{
	static const char spaces[16] = "                ";
	static const char zeros[16] = "0000000000000000";
	const char *src = c == '0' ? zeros : spaces;

	while (n > 0) {
		int chunk = n < 16 ? n : 16;
		fmt_out_put(out, src, (size_t)chunk);
		n -= chunk;
	}
}

static int fmt_number_parse(const char **f)
{
	int v = 0;

	while (**f >= '0' && **f <= '9') {
		if (v < FMT_WIDTH_MAX)
			v = v * 10 + (**f - '0');
		(*f)++;
	}
	return v < FMT_WIDTH_MAX ? v : FMT_WIDTH_MAX;
}

static unsigned fmt_flags_parse(const char **f)
{
	unsigned flags = 0;

	for (;; (*f)++) {
		switch (**f) {
		case '-': flags |= FMT_LEFT; break;
		case '0': flags |= FMT_ZERO; break;
		case '+': flags |= FMT_PLUS; break;
		case ' ': flags |= FMT_SPACE; break;
		case '#': flags |= FMT_ALT; break;
		default: return flags;
		}
	}
}

static fmt_len_t fmt_len_parse(const char **f)
{
	char c = **f;
	fmt_len_t len;

	switch (c) {
	case 'h': len = FMT_LEN_H; break;
	case 'l': len = FMT_LEN_L; break;
	case 'z': len = FMT_LEN_Z; break;
	case 't': len = FMT_LEN_T; break;
	case 'j': len = FMT_LEN_J; break;
	default: return FMT_LEN_NONE;
	}
	(*f)++;
	if ((c == 'h' || c == 'l') && **f == c) {
		(*f)++;
		len = c == 'h' ? FMT_LEN_HH : FMT_LEN_LL;
	}
	return len;
}

/* Parses the text after '%' up to and including the conversion char. */
static void fmt_spec_parse(const char **f, va_list *ap, fmt_spec_t *spec)
{
	spec->flags = fmt_flags_parse(f);
	spec->width = 0;
	if (**f == '*') {
		int w = va_arg(*ap, int);
		(*f)++;
		if (w < 0) {
			spec->flags |= FMT_LEFT;
			w = w < -FMT_WIDTH_MAX ? FMT_WIDTH_MAX : -w;
		}
		spec->width = w < FMT_WIDTH_MAX ? w : FMT_WIDTH_MAX;
	} else {
		spec->width = fmt_number_parse(f);
	}
	spec->prec = -1;
	if (**f == '.') {
		(*f)++;
		if (**f == '*') {
			int p = va_arg(*ap, int);
			(*f)++;
			spec->prec = p < 0 ? -1 : p;
		} else {
			spec->prec = fmt_number_parse(f);
		}
	}
	spec->len = fmt_len_parse(f);
	spec->conv = **f;
	if (**f)
		(*f)++;
}

static int64_t fmt_arg_signed(va_list *ap, fmt_len_t len)
{
	switch (len) {
	case FMT_LEN_HH: return (signed char)va_arg(*ap, int);
	case FMT_LEN_H: return (short)va_arg(*ap, int);
	case FMT_LEN_L: return va_arg(*ap, long);
	case FMT_LEN_LL: return va_arg(*ap, long long);
	case FMT_LEN_Z: return va_arg(*ap, ptrdiff_t); /* signed size_t */
	case FMT_LEN_T: return va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J: return va_arg(*ap, intmax_t);
	default: return va_arg(*ap, int);
	}
}

static uint64_t fmt_arg_unsigned(va_list *ap, fmt_len_t len)
{
	switch (len) {
	case FMT_LEN_HH: return (unsigned char)va_arg(*ap, unsigned);
	case FMT_LEN_H: return (unsigned short)va_arg(*ap, unsigned);
	case FMT_LEN_L: return va_arg(*ap, unsigned long);
	case FMT_LEN_LL: return va_arg(*ap, unsigned long long);
	case FMT_LEN_Z: return va_arg(*ap, size_t);
	case FMT_LEN_T: return (uint64_t)va_arg(*ap, ptrdiff_t);
	case FMT_LEN_J: return va_arg(*ap, uintmax_t);
	default: return va_arg(*ap, unsigned);
	}
}

/* Writes v's digits right-aligned into buf[0..24); returns the count. */
static int fmt_digits(char buf[24], uint64_t v, unsigned base, bool upper)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	int n = 0;

	while (v) {
		buf[23 - n++] = digits[v % base];
		v /= base;
	}
	return n;
}

static void fmt_emit_int(fmt_out_t *out, const fmt_spec_t *spec, uint64_t mag,
			 char sign, const char *prefix)
{
	char buf[24];
	unsigned base = spec->conv == 'o' ? 8 : spec->conv == 'u' ||
			spec->conv == 'd' || spec->conv == 'i' ? 10 : 16;
	int ndig = fmt_digits(buf, mag, base, spec->conv == 'X');
	int prec = spec->prec < 0 ? 1 : spec->prec;
	int nsign = sign ? 1 : 0;
	int npre = (int)strlen(prefix);

	if (spec->conv == 'o' && (spec->flags & FMT_ALT) && prec <= ndig)
		prec = ndig + 1; /* '#' makes the first octal digit a 0 */
	int zeros = prec > ndig ? prec - ndig : 0;
	int body = nsign + npre + zeros + ndig;
	if (spec->prec < 0 && (spec->flags & (FMT_ZERO | FMT_LEFT)) == FMT_ZERO &&
	    spec->width > body) {
		zeros += spec->width - body;
		body = spec->width;
	}
	if (!(spec->flags & FMT_LEFT))
		fmt_out_pad(out, ' ', spec->width - body);
	fmt_out_put(out, &sign, (size_t)nsign);
	fmt_out_put(out, prefix, (size_t)npre);
	fmt_out_pad(out, '0', zeros);
	fmt_out_put(out, buf + 24 - ndig, (size_t)ndig);
	if (spec->flags & FMT_LEFT)
		fmt_out_pad(out, ' ', spec->width - body);
}

static void fmt_emit_str(fmt_out_t *out, const fmt_spec_t *spec,
			 const char *s, size_t n)
{
	int pad = spec->width > (int)n ? spec->width - (int)n : 0;

	if (!(spec->flags & FMT_LEFT))
		fmt_out_pad(out, ' ', pad);
	fmt_out_put(out, s, n);
	if (spec->flags & FMT_LEFT)
		fmt_out_pad(out, ' ', pad);
}

static char fmt_sign_char(unsigned flags, bool negative)
{
	if (negative)
		return '-';
	if (flags & FMT_PLUS)
		return '+';
	if (flags & FMT_SPACE)
		return ' ';
	return 0;
}

static void fmt_conv_signed(fmt_out_t *out, const fmt_spec_t *spec, va_list *ap)
{
	int64_t v = fmt_arg_signed(ap, spec->len);
	uint64_t mag = v < 0 ? -(uint64_t)v : (uint64_t)v;

	fmt_emit_int(out, spec, mag, fmt_sign_char(spec->flags, v < 0), "");
}

static void fmt_conv_unsigned(fmt_out_t *out, const fmt_spec_t *spec,
			      va_list *ap)
{
	uint64_t v = fmt_arg_unsigned(ap, spec->len);
	const char *prefix = "";

	if ((spec->flags & FMT_ALT) && v != 0 && spec->conv != 'o' &&
	    spec->conv != 'u')
		prefix = spec->conv == 'X' ? "0X" : "0x";
	fmt_emit_int(out, spec, v, 0, prefix);
}

static void fmt_conv_pointer(fmt_out_t *out, const fmt_spec_t *spec,
			     va_list *ap)
{
	uintptr_t v = (uintptr_t)va_arg(*ap, void *);

	if (v == 0) {
		fmt_emit_str(out, spec, "(nil)", 5);
		return;
	}
	fmt_emit_int(out, spec, v, fmt_sign_char(spec->flags, false), "0x");
}

static void fmt_conv_string(fmt_out_t *out, const fmt_spec_t *spec,
			    va_list *ap)
{
	const char *s = va_arg(*ap, const char *);
	size_t n = 0;

	if (!s)
		s = spec->prec < 0 || spec->prec >= 6 ? "(null)" : "";
	while (s[n] && (spec->prec < 0 || n < (size_t)spec->prec))
		n++;
	fmt_emit_str(out, spec, s, n);
}

/* Emits one conversion; returns false if the conversion is unknown. */
static bool fmt_conv(fmt_out_t *out, const fmt_spec_t *spec, va_list *ap)
{
	char c;

	switch (spec->conv) {
	case 'd':
	case 'i': fmt_conv_signed(out, spec, ap); return true;
	case 'u':
	case 'o':
	case 'x':
	case 'X': fmt_conv_unsigned(out, spec, ap); return true;
	case 'p': fmt_conv_pointer(out, spec, ap); return true;
	case 's': fmt_conv_string(out, spec, ap); return true;
	case 'c':
		c = (char)va_arg(*ap, int);
		fmt_emit_str(out, spec, &c, 1);
		return true;
	case '%': fmt_out_put(out, "%", 1); return true;
	default: return false;
	}
}

int fmt_vformat(fmt_sink_t sink, void *ctx, const char *f, va_list ap)
{
	fmt_out_t out = { .sink = sink, .ctx = ctx, .count = 0 };
	va_list args;

	va_copy(args, ap);
	while (*f) {
		const char *lit = f;
		while (*f && *f != '%')
			f++;
		fmt_out_put(&out, lit, (size_t)(f - lit));
		if (!*f)
			break;
		const char *start = f++;
		fmt_spec_t spec;
		fmt_spec_parse(&f, &args, &spec);
		if (!fmt_conv(&out, &spec, &args))
			fmt_out_put(&out, start, (size_t)(f - start));
	}
	va_end(args);
	return (int)out.count;
}

typedef struct fmt_buf {
	char *buf;
	size_t size;
	size_t pos;
} fmt_buf_t;

static void fmt_buf_sink(void *ctx, const char *s, size_t n)
{
	fmt_buf_t *b = ctx;

	if (b->pos + 1 < b->size) {
		size_t room = b->size - 1 - b->pos;
		memcpy(b->buf + b->pos, s, n < room ? n : room);
	}
	b->pos += n;
}

int fmt_vsnprintf(char *buf, size_t size, const char *f, va_list ap)
{
	fmt_buf_t b = { .buf = buf, .size = size, .pos = 0 };
	int n = fmt_vformat(fmt_buf_sink, &b, f, ap);

	if (size > 0)
		buf[b.pos < size ? b.pos : size - 1] = '\0';
	return n;
}

int fmt_snprintf(char *buf, size_t size, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = fmt_vsnprintf(buf, size, f, ap);
	va_end(ap);
	return n;
}
