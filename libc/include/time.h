// SPDX-License-Identifier: MIT
/*
 * Clocks, calendar time and time zones (C17 and POSIX.1-2024 <time.h>).
 *
 * struct timespec has abi_timespec_t's layout, so it goes to the kernel as
 * is (checked in libc/src/time.c). CLOCK_MONOTONIC counts from boot;
 * CLOCK_REALTIME is whatever the kernel keeps (today the same count: there
 * is no RTC yet). The CPU-time clocks are libc's, built from the kernel's
 * per-thread run times.
 *
 * struct tm carries tm_gmtoff and tm_zone (POSIX.1-2024), in glibc's
 * order, so strftime's %z and %Z describe the time they were made for.
 * Time zones come from the TZ variable in POSIX form only
 * ("CET-1CEST,M3.5.0,M10.5.0/3"); there is no tz database, so a name such
 * as "Europe/Paris" means UTC. Unset or empty TZ is UTC.
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

/* Also in <sys/types.h> by POSIX; an identical typedef twice is harmless. */
typedef long clock_t;
typedef void *timer_t;

#define CLOCKS_PER_SEC ((clock_t)1000000)
#define TIME_UTC 1

/* The kernel's ids (abi/proc.h) and libc's CPU-time clocks, as on Linux. */
#define CLOCK_REALTIME           0
#define CLOCK_MONOTONIC          1
#define CLOCK_PROCESS_CPUTIME_ID 2
#define CLOCK_THREAD_CPUTIME_ID  3

#define TIMER_ABSTIME 1

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

struct itimerspec {
	struct timespec it_interval;
	struct timespec it_value;
};

struct tm {
	int tm_sec;     /* 0..60 */
	int tm_min;     /* 0..59 */
	int tm_hour;    /* 0..23 */
	int tm_mday;    /* 1..31 */
	int tm_mon;     /* 0..11 */
	int tm_year;    /* years since 1900 */
	int tm_wday;    /* 0..6, Sunday = 0 */
	int tm_yday;    /* 0..365 */
	int tm_isdst;   /* > 0 summer time, 0 not, < 0 unknown */
	long tm_gmtoff; /* seconds east of UTC */
	const char *tm_zone;
};

extern char *tzname[2];
extern long timezone;
extern int daylight;

clock_t clock(void);
time_t time(time_t *t);
double difftime(time_t end, time_t start);
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
void tzset(void);

char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm) __attribute__((__format__(__strftime__, 3, 0)));
char *strptime(const char *restrict s, const char *restrict fmt, struct tm *restrict tm);

int timespec_get(struct timespec *ts, int base);
int timespec_getres(struct timespec *ts, int base);
int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *ts);
int clock_getres(clockid_t clock, struct timespec *res);
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem);
int clock_getcpuclockid(pid_t pid, clockid_t *clock);
