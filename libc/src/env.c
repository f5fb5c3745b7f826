// SPDX-License-Identifier: MIT
/*
 * The environment: environ, an array of "NAME=value" strings.
 *
 * The array the process started with lives on the initial stack; the
 * first change copies it into one that libc owns and can grow (doubling).
 * Strings that setenv built are remembered in env_owned, so replacing or
 * removing one frees it; strings from putenv and the initial ones belong
 * to someone else and are only unlinked. A program that assigns environ
 * itself is respected: the next change notices the foreign array and
 * copies it again. Like glibc's, these functions are not safe to call
 * while another thread changes the environment.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char **env_array;        /* the array libc allocated, when environ is it */
static size_t env_capacity;     /* entries env_array has room for, NULL included */
static char **env_owned;        /* strings setenv allocated */
static size_t env_owned_count, env_owned_capacity;

static size_t env_count(void)
{
	size_t n = 0;

	while (environ && environ[n])
		n++;
	return n;
}

/* The index of name's entry (name is len bytes), or -1. */
static long env_find(const char *name, size_t len)
{
	for (size_t i = 0; environ && environ[i]; i++)
		if (strncmp(environ[i], name, len) == 0 && environ[i][len] == '=')
			return (long)i;
	return -1;
}

char *getenv(const char *name)
{
	size_t n = strcspn(name, "=");

	if (n == 0 || name[n])
		return NULL;
	long i = env_find(name, n);
	return i < 0 ? NULL : environ[i] + n + 1;
}

char *secure_getenv(const char *name)
{
	return getenv(name);    /* no set-user-ID programs yet */
}

/* Makes environ an array libc owns with room for `extra` more entries. */
static bool env_reserve(size_t extra)
{
	size_t n = env_count();

	if (environ == env_array && env_array && n + extra + 1 <= env_capacity)
		return true;
	size_t cap = (n + extra + 1) * 2;
	char **a = malloc(cap * sizeof(*a));
	if (!a)
		return false;
	if (n)
		memcpy(a, environ, n * sizeof(*a));
	a[n] = NULL;
	if (env_array)
		free(env_array);
	env_array = environ = a;
	env_capacity = cap;
	return true;
}

static bool env_own(char *s)
{
	if (env_owned_count == env_owned_capacity) {
		size_t cap = env_owned_capacity ? env_owned_capacity * 2 : 16;
		char **o = realloc(env_owned, cap * sizeof(*o));
		if (!o)
			return false;
		env_owned = o;
		env_owned_capacity = cap;
	}
	env_owned[env_owned_count++] = s;
	return true;
}

/* Frees s if setenv made it. */
static void env_release(char *s)
{
	for (size_t i = 0; i < env_owned_count; i++) {
		if (env_owned[i] == s) {
			env_owned[i] = env_owned[--env_owned_count];
			free(s);
			return;
		}
	}
}

/* Puts "NAME=value" string s (name is len bytes) in place of the old entry or at the end. */
static int env_put(char *s, size_t len)
{
	long i = env_find(s, len);

	if (!env_reserve(i < 0 ? 1 : 0))
		return -1;
	if (i >= 0) {
		char *old = environ[i];
		environ[i] = s;
		env_release(old);
	} else {
		size_t n = env_count();
		environ[n] = s;
		environ[n + 1] = NULL;
	}
	return 0;
}

int setenv(const char *name, const char *value, int overwrite)
{
	size_t n = name ? strcspn(name, "=") : 0;

	if (n == 0 || name[n]) {
		errno = EINVAL;
		return -1;
	}
	if (!overwrite && env_find(name, n) >= 0)
		return 0;
	size_t vlen = strlen(value);
	char *s = malloc(n + vlen + 2);
	if (!s)
		return -1;
	memcpy(s, name, n);
	s[n] = '=';
	memcpy(s + n + 1, value, vlen + 1);
	if (!env_own(s)) {
		free(s);
		return -1;
	}
	if (env_put(s, n) < 0) {
		env_release(s);
		return -1;
	}
	return 0;
}

int unsetenv(const char *name)
{
	size_t n = name ? strcspn(name, "=") : 0;
	long i;

	if (n == 0 || name[n]) {
		errno = EINVAL;
		return -1;
	}
	while ((i = env_find(name, n)) >= 0) {
		if (!env_reserve(0))
			return -1;
		char *old = environ[i];
		size_t count = env_count();
		memmove(&environ[i], &environ[i + 1], (count - (size_t)i) * sizeof(*environ));
		env_release(old);
	}
	return 0;
}

int putenv(char *string)
{
	size_t n = strcspn(string, "=");

	if (n == 0) {
		errno = EINVAL;
		return -1;
	}
	if (!string[n])
		return unsetenv(string);        /* "NAME" alone removes it, as in glibc */
	return env_put(string, n);
}

int clearenv(void)
{
	while (env_owned_count)
		free(env_owned[--env_owned_count]);
	free(env_array);
	env_array = NULL;
	env_capacity = 0;
	environ = NULL;
	return 0;
}
