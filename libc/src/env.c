// SPDX-License-Identifier: MIT
/* getenv: a linear search of environ ("NAME=value" strings). */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *getenv(const char *name)
{
	size_t n = strlen(name);

	if (!environ || n == 0 || strchr(name, '='))
		return NULL;
	for (char **e = environ; *e; e++)
		if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
