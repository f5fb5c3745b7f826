// SPDX-License-Identifier: MIT
/*
 * Clocks and sleeping: nanosleep, clock_gettime and what POSIX builds on
 * them (clock_getres, clock_nanosleep, timespec_get, clock, gettimeofday,
 * times, sleep, usleep, time). struct timespec is abi_timespec_t's
 * layout, checked here, so pointers go straight to the kernel.
 *
 * The kernel keeps CLOCK_REALTIME and CLOCK_MONOTONIC (with nanosecond
 * resolution). The CPU-time clocks are built here from what the kernel
 * counts per thread: the caller's own run time (threadinfo) for
 * CLOCK_THREAD_CPUTIME_ID, and that plus the other live threads' (the
 * `thread ... runtime_ns N` lines of proc:self) for
 * CLOCK_PROCESS_CPUTIME_ID, clock() and times(). Time spent by threads
 * that have ended is lost, and there is no user/system split: times()
 * reports it all as user time, and nothing for children.
 */
#include "libc.h"

#include <abi/proc.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/time.h>
#include <sys/times.h>
#include <tessera/syscall.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

_Static_assert(sizeof(struct timespec) == sizeof(abi_timespec_t) &&
	       offsetof(struct timespec, tv_sec) == offsetof(abi_timespec_t, sec) &&
	       offsetof(struct timespec, tv_nsec) == offsetof(abi_timespec_t, nsec),
	       "struct timespec is abi_timespec_t");

#define NSEC_PER_SEC 1000000000LL
/* times() counts in the ticks sysconf(_SC_CLK_TCK) reports, 100 as on Linux. */
#define TIMES_HZ 100

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return (int)__syscall_ret(sys_nanosleep((long)req, (long)rem));
}

static uint64_t parse_u64(const char **p)
{
	uint64_t v = 0;

	while (**p >= '0' && **p <= '9')
		v = v * 10 + (uint64_t)(*(*p)++ - '0');
	return v;
}

/*
 * The summed run time of the process's other live threads, from the
 * "thread TID cpu N priority N runtime_ns N" lines of proc:self. Those
 * counts stop at each thread's last switch, so the caller's own comes
 * from threadinfo, which includes the slice it is running now.
 */
static int other_threads_cpu_ns(long self_tid, uint64_t *ns)
{
	char buf[4096];
	ssize_t n, got = 0;
	int fd = (int)sys_open((long)"proc:self", O_RDONLY, 0);

	if (fd < 0)
		return fd;
	while (got < (ssize_t)sizeof(buf) - 1 &&
	       (n = sys_read(fd, (long)(buf + got), (long)(sizeof(buf) - 1 - got))) > 0)
		got += n;
	sys_close(fd);
	buf[got] = '\0';
	*ns = 0;
	for (const char *line = buf; *line;) {
		const char *eol = strchr(line, '\n');
		const char *p = line;
		if (strncmp(line, "thread ", 7) == 0 && (p += 7, (long)parse_u64(&p) != self_tid)) {
			const char *rt = strstr(p, "runtime_ns ");
			if (rt && (!eol || rt < eol)) {
				rt += 11;
				*ns += parse_u64(&rt);
			}
		}
		if (!eol)
			break;
		line = eol + 1;
	}
	return 0;
}

static int cpu_clock_ns(clockid_t clock, uint64_t *ns)
{
	abi_threadinfo_t info;
	uint64_t others = 0;
	long r;

	*ns = 0;
	r = sys_threadinfo(0, (long)&info);
	if (r < 0)
		return (int)r;
	if (clock == CLOCK_PROCESS_CPUTIME_ID && (r = other_threads_cpu_ns(info.tid, &others)) < 0)
		return (int)r;
	*ns = info.runtime_ns + others;
	return 0;
}

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	uint64_t ns;
	int r;

	if (clock != CLOCK_PROCESS_CPUTIME_ID && clock != CLOCK_THREAD_CPUTIME_ID)
		return (int)__syscall_ret(sys_clock_gettime(clock, (long)ts));
	if ((r = cpu_clock_ns(clock, &ns)) < 0)
		return (int)__syscall_ret(r);
	ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
	return 0;
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	if (clock < CLOCK_REALTIME || clock > CLOCK_THREAD_CPUTIME_ID) {
		errno = EINVAL;
		return -1;
	}
	if (res)
		*res = (struct timespec){ 0, 1 };
	return 0;
}

int clock_getcpuclockid(pid_t pid, clockid_t *clock)
{
	if (pid != 0 && pid != getpid())
		return EPERM;
	*clock = CLOCK_PROCESS_CPUTIME_ID;
	return 0;
}

/* req - now, or false when req has passed. */
static bool time_until(const struct timespec *req, const struct timespec *now,
		       struct timespec *left)
{
	int64_t secs = req->tv_sec - now->tv_sec, ns;

	if (secs > 0x7fffffff)
		secs = 0x7fffffff;      /* sleeps of 68 years are cut short, then resumed */
	if (secs < -1)
		return false;
	ns = secs * NSEC_PER_SEC + (req->tv_nsec - now->tv_nsec);
	if (ns <= 0)
		return false;
	*left = (struct timespec){ (time_t)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };
	return true;
}

/* POSIX: returns an error number rather than setting errno. */
int clock_nanosleep(clockid_t clock, int flags, const struct timespec *req,
		    struct timespec *rem)
{
	struct timespec now, left;
	long r;

	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return clock == CLOCK_PROCESS_CPUTIME_ID || clock == CLOCK_THREAD_CPUTIME_ID ?
			       ENOTSUP : EINVAL;
	if (req->tv_nsec < 0 || req->tv_nsec >= NSEC_PER_SEC)
		return EINVAL;
	if (!(flags & TIMER_ABSTIME)) {
		r = sys_nanosleep((long)req, (long)rem);
		return r < 0 ? (int)-r : 0;
	}
	/* The realtime clock never jumps yet, so a relative sleep measured now is exact. */
	for (;;) {
		if ((r = sys_clock_gettime(clock, (long)&now)) < 0)
			return (int)-r;
		if (!time_until(req, &now, &left))
			return 0;
		if ((r = sys_nanosleep((long)&left, 0)) < 0)
			return (int)-r;
	}
}

int timespec_get(struct timespec *ts, int base)
{
	return base == TIME_UTC && clock_gettime(CLOCK_REALTIME, ts) == 0 ? base : 0;
}

int timespec_getres(struct timespec *ts, int base)
{
	return base == TIME_UTC && clock_getres(CLOCK_REALTIME, ts) == 0 ? base : 0;
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

clock_t clock(void)
{
	uint64_t ns;

	if (cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID, &ns) < 0)
		return (clock_t)-1;
	return (clock_t)(ns / (NSEC_PER_SEC / CLOCKS_PER_SEC));
}

clock_t times(struct tms *buf)
{
	struct timespec now;
	uint64_t ns;

	if (cpu_clock_ns(CLOCK_PROCESS_CPUTIME_ID, &ns) < 0 ||
	    clock_gettime(CLOCK_MONOTONIC, &now) < 0)
		return (clock_t)-1;
	*buf = (struct tms){ .tms_utime = (clock_t)(ns / (NSEC_PER_SEC / TIMES_HZ)) };
	return (clock_t)(now.tv_sec * TIMES_HZ + now.tv_nsec / (NSEC_PER_SEC / TIMES_HZ));
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	if (tz)
		memset(tz, 0, 2 * sizeof(int));        /* struct timezone, obsolete */
	if (!tv)
		return 0;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / 1000;
	return 0;
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
