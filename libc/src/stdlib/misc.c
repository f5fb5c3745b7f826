// SPDX-License-Identifier: MIT
/*
 * Small <stdlib.h> leftovers: getsubopt (parsing "name=value,flag"
 * option lists, as mount options are written) and the radix-64 pair
 * a64l/l64a ('.', '/', digits, 'A'-'Z', 'a'-'z' for 0..63, least
 * significant digit first, at most six digits for 32 bits).
 */
#include <stdlib.h>
#include <string.h>

int getsubopt(char **restrict optionp, char *const *restrict tokens, char **restrict valuep)
{
	char *s = *optionp, *end = strchrnul(s, ','), *eq;

	*optionp = *end ? end + 1 : end;
	*end = '\0';
	eq = strchr(s, '=');
	*valuep = eq ? eq + 1 : NULL;
	size_t len = eq ? (size_t)(eq - s) : strlen(s);
	for (int i = 0; tokens[i]; i++)
		if (strncmp(tokens[i], s, len) == 0 && tokens[i][len] == '\0')
			return i;
	*valuep = s;            /* an unknown option: POSIX hands back all of it */
	return -1;
}

static const char a64_digits[] =
	"./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

long a64l(const char *s)
{
	unsigned long v = 0;

	for (int i = 0; i < 6 && s[i]; i++) {
		const char *d = strchr(a64_digits, s[i]);
		if (!d || !s[i])
			break;
		v |= (unsigned long)(d - a64_digits) << (6 * i);
	}
	return (long)(int)(unsigned)v;
}

char *l64a(long value)
{
	static __thread char buf[7];
	unsigned long v = (unsigned long)value & 0xffffffffu;
	int i = 0;

	for (; v && i < 6; i++, v >>= 6)
		buf[i] = a64_digits[v & 63];
	buf[i] = '\0';
	return buf;
}
