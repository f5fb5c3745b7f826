// SPDX-License-Identifier: MIT
/*
 * Time and sleeping: nanosleep, clock_gettime and what POSIX builds on
 * them (sleep, usleep, time). struct timespec is
 * abi_timespec_t's layout, checked here, so pointers go straight to the
 * kernel.
 */
#include "libc.h"

#include <errno.h>
#include <stddef.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>

_Static_assert(sizeof(struct timespec) == sizeof(abi_timespec_t) &&
	       offsetof(struct timespec, tv_sec) == offsetof(abi_timespec_t, sec) &&
	       offsetof(struct timespec, tv_nsec) == offsetof(abi_timespec_t, nsec),
	       "struct timespec is abi_timespec_t");

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(sys_nanosleep((long)req, (long)rem));
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return (int)__syscall_ret(sys_clock_gettime(clock, (long)ts));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

unsigned sleep(unsigned seconds)
{
	struct timespec ts = { .tv_sec = seconds, .tv_nsec = 0 };

	if (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		return (unsigned)ts.tv_sec + (ts.tv_nsec > 0);
	return 0;
}

int usleep(useconds_t usec)
{
	struct timespec ts = {
		.tv_sec = usec / 1000000,
		.tv_nsec = (long)(usec % 1000000) * 1000,
	};

	return nanosleep(&ts, NULL);
}
