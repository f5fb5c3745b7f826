// SPDX-License-Identifier: MIT
/*
 * utime, utimes and futimes: the old interfaces for a file's access and
 * modification times, over the futimens system call. A NULL times means
 * now, which is read here from CLOCK_REALTIME rather than passed as
 * UTIME_NOW, so it works with every scheme. The path calls open the file
 * with O_PATH first (Tessera has no path-based call), which needs no read
 * permission.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/time.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "../libc.h"

static int set_times(int fd, const struct timespec times[2])
{
	struct timespec now[2];

	if (!times) {
		if (clock_gettime(CLOCK_REALTIME, &now[0]) < 0)
			return -1;
		now[1] = now[0];
		times = now;
	}
	return (int)__syscall_ret(sys_futimens(fd, (long)times));
}

static int set_times_at_path(const char *path, const struct timespec times[2])
{
	int fd = open(path, O_PATH | O_CLOEXEC);
	int r, saved;

	if (fd < 0)
		return -1;
	r = set_times(fd, times);
	saved = errno;
	close(fd);
	errno = saved;
	return r;
}

/* struct timeval pairs as timespecs; false (EINVAL) for microseconds out of range. */
static bool timeval_pair(const struct timeval tv[2], struct timespec ts[2])
{
	for (int i = 0; i < 2; i++) {
		if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000) {
			errno = EINVAL;
			return false;
		}
		ts[i] = (struct timespec){ tv[i].tv_sec, (long)tv[i].tv_usec * 1000 };
	}
	return true;
}

int utime(const char *path, const struct utimbuf *times)
{
	struct timespec ts[2];

	if (!times)
		return set_times_at_path(path, NULL);
	ts[0] = (struct timespec){ times->actime, 0 };
	ts[1] = (struct timespec){ times->modtime, 0 };
	return set_times_at_path(path, ts);
}

int utimes(const char *path, const struct timeval times[2])
{
	struct timespec ts[2];

	if (!times)
		return set_times_at_path(path, NULL);
	return timeval_pair(times, ts) ? set_times_at_path(path, ts) : -1;
}

int futimes(int fd, const struct timeval times[2])
{
	struct timespec ts[2];

	if (!times)
		return set_times(fd, NULL);
	return timeval_pair(times, ts) ? set_times(fd, ts) : -1;
}
