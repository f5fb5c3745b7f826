// SPDX-License-Identifier: MIT
/*
 * Byte order and address text.
 *
 * inet_pton takes the strict forms: IPv4 as exactly four decimal parts
 * 0..255 without leading zeros; IPv6 as eight groups of 1..4 hex digits,
 * one "::" standing for at least one zero group, and optionally a dotted
 * IPv4 address as the last 32 bits.
 *
 * inet_ntop writes IPv6 as RFC 5952 asks and glibc prints: lowercase,
 * no leading zeros, the longest run of two or more zero groups (the first
 * of equals) as "::", and an IPv4-compatible (::a.b.c.d) or IPv4-mapped
 * (::ffff:a.b.c.d) address with its last 32 bits dotted.
 *
 * inet_aton and inet_addr take the historical forms: 1 to 4 parts, each
 * decimal, octal (leading 0) or hex (0x), the last part filling the
 * remaining bytes; text may end at whitespace.
 */
#include "../libc.h"
#include "net_impl.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <string.h>

#undef htonl
#undef htons
#undef ntohl
#undef ntohs

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

uint32_t htonl(uint32_t v) { return __builtin_bswap32(v); }
uint16_t htons(uint16_t v) { return __builtin_bswap16(v); }
uint32_t ntohl(uint32_t v) { return __builtin_bswap32(v); }
uint16_t ntohs(uint16_t v) { return __builtin_bswap16(v); }

/* Parses a strict dotted quad at s (ending at NUL) into out[4]; 1 or 0. */
static int inet_pton4(const char *s, unsigned char out[4])
{
	for (int part = 0; part < 4; part++) {
		unsigned v = 0;
		int digits = 0;
		if (part && *s++ != '.')
			return 0;
		while (*s >= '0' && *s <= '9') {
			if (digits && v == 0)
				return 0;       /* a leading zero */
			v = v * 10 + (unsigned)(*s++ - '0');
			if (v > 255 || ++digits > 3)
				return 0;
		}
		if (!digits)
			return 0;
		out[part] = (unsigned char)v;
	}
	return *s == 0;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Parses one group at *s (1..4 hex digits); its value, or -1. */
static long inet_group(const char **s)
{
	long v = 0;
	int n = 0, d;

	while ((d = hex_value(**s)) >= 0) {
		if (++n > 4)
			return -1;
		v = v * 16 + d;
		(*s)++;
	}
	return n ? v : -1;
}

static int inet_pton6(const char *s, unsigned char out[16])
{
	unsigned char b[16] = { 0 };
	int n = 0, gap = -1;

	if (s[0] == ':' && s[1] == ':') {
		gap = 0;
		s += 2;
	} else if (*s == ':') {
		return 0;
	}
	while (*s) {
		const char *start = s;
		if (n == 16)
			return 0;
		long g = inet_group(&s);
		if (*s == '.' && n <= 12) {
			if (!inet_pton4(start, b + n))
				return 0;
			n += 4;
			break;
		}
		if (g < 0)
			return 0;
		b[n++] = (unsigned char)(g >> 8);
		b[n++] = (unsigned char)g;
		if (!*s)
			break;
		if (*s++ != ':')
			return 0;
		if (*s == ':') {
			if (gap >= 0)
				return 0;
			gap = n;
			s++;
		} else if (!*s) {
			return 0;               /* a trailing single ':' */
		}
	}
	if (gap < 0 ? n != 16 : n == 16)
		return 0;
	if (gap >= 0) {
		memmove(b + 16 - (n - gap), b + gap, (size_t)(n - gap));
		memset(b + gap, 0, (size_t)(16 - n));
	}
	memcpy(out, b, 16);
	return 1;
}

int inet_pton(int af, const char *restrict src, void *restrict dst)
{
	if (af == AF_INET)
		return inet_pton4(src, dst);
	if (af == AF_INET6)
		return inet_pton6(src, dst);
	errno = EAFNOSUPPORT;
	return -1;
}

static char *put_quad(char *p, const unsigned char *q)
{
	for (int i = 0; i < 4; i++) {
		unsigned v = q[i];
		if (i)
			*p++ = '.';
		if (v >= 100)
			*p++ = (char)('0' + v / 100);
		if (v >= 10)
			*p++ = (char)('0' + v / 10 % 10);
		*p++ = (char)('0' + v % 10);
	}
	*p = 0;
	return p;
}

/* The longest run of >= 2 zero groups (first of equals): *len 0 if none. */
static int zero_run(const unsigned w[8], int *len)
{
	int best = -1, best_len = 0;

	for (int i = 0; i < 8; ) {
		int j = i;
		while (j < 8 && w[j] == 0)
			j++;
		if (j - i > best_len) {
			best = i;
			best_len = j - i;
		}
		i = j == i ? i + 1 : j;
	}
	*len = best_len >= 2 ? best_len : 0;
	return best;
}

static void inet_ntop6_text(const unsigned char *a, char *out)
{
	static const char hex[] = "0123456789abcdef";
	unsigned w[8];
	int len, run, i = 0;
	char *p = out;

	for (int k = 0; k < 8; k++)
		w[k] = (unsigned)a[2 * k] << 8 | a[2 * k + 1];
	run = zero_run(w, &len);
	int dotted = run == 0 && (len == 6 || (len == 5 && w[5] == 0xffff));
	while (i < 8) {
		if (len && i == run) {
			*p++ = ':';
			*p++ = ':';
			i += len;
			continue;
		}
		if (dotted && i == 6) {
			if (p[-1] != ':')
				*p++ = ':';
			p = put_quad(p, a + 12);
			return;
		}
		if (p != out && p[-1] != ':')
			*p++ = ':';
		int started = 0;
		for (int shift = 12; shift >= 0; shift -= 4) {
			unsigned d = (w[i] >> shift) & 15;
			if (d || started || shift == 0) {
				*p++ = hex[d];
				started = 1;
			}
		}
		i++;
	}
	*p = 0;
}

static const char *inet_fail(int err)
{
	errno = err;
	return NULL;
}

const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t size)
{
	char text[INET6_ADDRSTRLEN];

	if (af == AF_INET)
		put_quad(text, src);
	else if (af == AF_INET6)
		inet_ntop6_text(src, text);
	else
		return inet_fail(EAFNOSUPPORT);
	if (strlen(text) >= size)
		return inet_fail(ENOSPC);
	return strcpy(dst, text);
}

/* One inet_aton part: decimal, 0octal or 0xhex, at most max. */
static int aton_part(const char **s, uint32_t max, uint32_t *out)
{
	uint64_t v = 0;
	int base = 10, digits = 0, d;

	if (**s == '0') {
		base = 8;
		(*s)++;
		digits = 1;
		if (**s == 'x' || **s == 'X') {
			base = 16;
			(*s)++;
			digits = 0;
		}
	}
	while ((d = hex_value(**s)) >= 0 && d < base) {
		v = v * (unsigned)base + (unsigned)d;
		if (v > max)
			return 0;
		(*s)++;
		digits++;
	}
	*out = (uint32_t)v;
	return digits > 0;
}

int inet_aton(const char *cp, struct in_addr *inp)
{
	uint32_t parts[4], addr = 0;
	int n = 0;

	for (;;) {
		uint32_t max = n == 3 ? 0xff : 0xffffffffu;
		if (!aton_part(&cp, max, &parts[n]))
			return 0;
		n++;
		if (*cp != '.' || n == 4)
			break;
		cp++;
	}
	if (*cp && !isspace((unsigned char)*cp))
		return 0;
	for (int i = 0; i < n - 1; i++) {
		if (parts[i] > 0xff)
			return 0;
		addr |= parts[i] << (24 - 8 * i);
	}
	uint32_t last_max = n == 1 ? 0xffffffffu : (0xffffffffu >> (8 * (n - 1)));
	if (parts[n - 1] > last_max)
		return 0;
	addr |= parts[n - 1];
	if (inp)
		inp->s_addr = htonl(addr);
	return 1;
}

in_addr_t inet_addr(const char *cp)
{
	struct in_addr a;

	return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
	static _Thread_local char text[INET_ADDRSTRLEN];

	put_quad(text, (const unsigned char *)&in.s_addr);
	return text;
}
