// SPDX-License-Identifier: MIT
/*
 * Unique temporary files and directories from a template ending (before
 * an optional suffix) in "XXXXXX". The six X's become letters and digits
 * drawn from the rand: scheme (randd's ChaCha20 stream); if that cannot
 * be read, from a per-process counter mixed with the clock and the pid,
 * which is still unique in practice because O_EXCL (or mkdir) refuses
 * an existing name and a collision just draws again. After 1000 names
 * in use, it gives up with EEXIST.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_ATTEMPTS 1000

static const char temp_alphabet[] =
	"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

/* A mixing function (splitmix64's finaliser): nearby inputs, unrelated outputs. */
static uint64_t temp_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ull;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

static uint64_t temp_random(void)
{
	static uint64_t counter;
	uint64_t v;
	int fd = open("rand:", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t n = read(fd, &v, sizeof(v));
		close(fd);
		if (n == (ssize_t)sizeof(v))
			return v;
	}
	struct timespec ts = { 0, 0 };
	clock_gettime(CLOCK_MONOTONIC, &ts);
	uint64_t c = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
	return temp_mix(c ^ temp_mix((uint64_t)ts.tv_nsec ^ (uint64_t)ts.tv_sec << 30 ^
				     (uint64_t)getpid() << 48));
}

/* The six X's of template before a suffix of suffix_len bytes, or NULL (EINVAL). */
static char *temp_slots(char *template, int suffix_len)
{
	size_t len = strlen(template);

	if (suffix_len < 0 || len < 6 || (size_t)suffix_len > len - 6) {
		errno = EINVAL;
		return NULL;
	}
	char *x = template + len - (size_t)suffix_len - 6;
	if (memcmp(x, "XXXXXX", 6) != 0) {
		errno = EINVAL;
		return NULL;
	}
	return x;
}

static void temp_fill(char *x)
{
	uint64_t r = temp_random();

	for (int i = 0; i < 6; i++, r /= 62)
		x[i] = temp_alphabet[r % 62];
}

/* Tries names until make(template) succeeds or fails with other than EEXIST. */
static int temp_make(char *template, int suffix_len, int (*make)(const char *, int), int flags)
{
	char *x = temp_slots(template, suffix_len);

	if (!x)
		return -1;
	for (int i = 0; i < TEMP_ATTEMPTS; i++) {
		temp_fill(x);
		int r = make(template, flags);
		if (r >= 0 || errno != EEXIST)
			return r;
	}
	memcpy(x, "XXXXXX", 6);
	errno = EEXIST;
	return -1;
}

static int temp_open(const char *path, int flags)
{
	return open(path, O_RDWR | O_CREAT | O_EXCL | flags, 0600);
}

static int temp_mkdir(const char *path, int flags)
{
	(void)flags;
	return mkdir(path, 0700);
}

int mkostemps(char *template, int suffix_len, int flags)
{
	flags &= O_APPEND | O_CLOEXEC;          /* the ones that make sense here */
	return temp_make(template, suffix_len, temp_open, flags);
}

int mkstemps(char *template, int suffix_len)
{
	return mkostemps(template, suffix_len, 0);
}

int mkostemp(char *template, int flags)
{
	return mkostemps(template, 0, flags);
}

int mkstemp(char *template)
{
	return mkostemps(template, 0, 0);
}

char *mkdtemp(char *template)
{
	return temp_make(template, 0, temp_mkdir, 0) < 0 ? NULL : template;
}
