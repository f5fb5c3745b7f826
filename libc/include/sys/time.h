// SPDX-License-Identifier: MIT
/*
 * struct timeval and the microsecond calls (POSIX <sys/time.h>, with the
 * BSD timeradd family every ported program expects). gettimeofday reads
 * CLOCK_REALTIME; its time zone argument is obsolete and comes back
 * zeroed. utimes changes a file's times through futimens.
 */
#pragma once

#include <sys/types.h>
#include <time.h>

struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* Obsolete: gettimeofday fills it with zeros. */
struct timezone {
	int tz_minuteswest;
	int tz_dsttime;
};

int gettimeofday(struct timeval *restrict tv, void *restrict tz);
int utimes(const char *path, const struct timeval times[2]);
int futimes(int fd, const struct timeval times[2]);

#define timerisset(t) ((t)->tv_sec || (t)->tv_usec)
#define timerclear(t) ((t)->tv_sec = (t)->tv_usec = 0)
#define timercmp(a, b, CMP)                                             \
	((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec CMP (b)->tv_usec      \
				    : (a)->tv_sec CMP (b)->tv_sec)
#define timeradd(a, b, res)                                             \
	do {                                                            \
		(res)->tv_sec = (a)->tv_sec + (b)->tv_sec;              \
		(res)->tv_usec = (a)->tv_usec + (b)->tv_usec;           \
		if ((res)->tv_usec >= 1000000) {                        \
			(res)->tv_sec++;                                \
			(res)->tv_usec -= 1000000;                      \
		}                                                       \
	} while (0)
#define timersub(a, b, res)                                             \
	do {                                                            \
		(res)->tv_sec = (a)->tv_sec - (b)->tv_sec;              \
		(res)->tv_usec = (a)->tv_usec - (b)->tv_usec;           \
		if ((res)->tv_usec < 0) {                               \
			(res)->tv_sec--;                                \
			(res)->tv_usec += 1000000;                      \
		}                                                       \
	} while (0)
