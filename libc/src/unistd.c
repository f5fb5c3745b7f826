// SPDX-License-Identifier: MIT
/*
 * The rest of <unistd.h>: positional I/O, identity, limits and system
 * configuration, the host name, alarm.
 *
 * pread/pwrite have no system call yet: they save the offset, seek, do
 * the transfer and restore it, which is only atomic if no other thread
 * uses the descriptor meanwhile (docs/libc.md). There is one user and
 * group per process (no saved or supplementary ids), so the effective ids
 * are the real ones. alarm() runs a watcher thread per process that sleeps
 * on a futex until the deadline and then sends SIGALRM; a child after
 * fork has none (alarms are not inherited) and starts its own if needed.
 */
#include "libc.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <tessera/syscall.h>
#include <tessera/sys.h>
#include <time.h>
#include <unistd.h>

static ssize_t unistd_positional(int fd, void *buf, size_t count, off_t offset, bool write_it)
{
	off_t saved = lseek(fd, 0, SEEK_CUR);

	if (saved < 0)
		return -1;
	if (offset < 0) {
		errno = EINVAL;
		return -1;
	}
	if (lseek(fd, offset, SEEK_SET) < 0)
		return -1;
	ssize_t n = write_it ? write(fd, buf, count) : read(fd, buf, count);
	int err = errno;
	lseek(fd, saved, SEEK_SET);
	errno = err;
	return n;
}

ssize_t pread(int fd, void *buf, size_t count, off_t offset)
{
	return unistd_positional(fd, buf, count, offset, false);
}

ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset)
{
	return unistd_positional(fd, (void *)buf, count, offset, true);
}

int dup3(int fd, int newfd, int flags)
{
	if (fd == newfd || (flags & ~O_CLOEXEC)) {
		errno = EINVAL;
		return -1;
	}
	if (dup2(fd, newfd) < 0)
		return -1;
	if ((flags & O_CLOEXEC) && fcntl(newfd, F_SETFD, FD_CLOEXEC) < 0)
		return -1;
	return newfd;
}

int fdatasync(int fd)
{
	return fsync(fd);
}

/*
 * There is no list of file systems to walk: each daemon writes back on
 * fsync, and the root's daemon (ext2fsd on a disk) writes back all of
 * its file system for an fsync of any handle. So sync() fsyncs "/", and
 * returns when that is on the disk. POSIX gives sync() no errors to
 * report; errno is left as it was.
 */
void sync(void)
{
	int saved = errno;
	int fd = open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	errno = saved;
}

int lockf(int fd, int cmd, off_t len)
{
	struct flock fl = { .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_len = len };

	switch (cmd) {
	case F_ULOCK:
		fl.l_type = F_UNLCK;
		return fcntl(fd, F_SETLK, &fl);
	case F_LOCK:
		return fcntl(fd, F_SETLKW, &fl);
	case F_TLOCK:
		return fcntl(fd, F_SETLK, &fl);
	case F_TEST:
		return fcntl(fd, F_GETLK, &fl);
	}
	errno = EINVAL;
	return -1;
}

/* ---- identity ---------------------------------------------------------- */

uid_t geteuid(void)
{
	return getuid();
}

gid_t getegid(void)
{
	return getgid();
}

int seteuid(uid_t uid)
{
	return setuid(uid);
}

int setegid(gid_t gid)
{
	return setgid(gid);
}

int setreuid(uid_t ruid, uid_t euid)
{
	uid_t want = euid != (uid_t)-1 ? euid : ruid;

	if (ruid != (uid_t)-1 && euid != (uid_t)-1 && ruid != euid) {
		errno = EPERM;  /* one id per process: they cannot differ */
		return -1;
	}
	return want == (uid_t)-1 ? 0 : setuid(want);
}

int setregid(gid_t rgid, gid_t egid)
{
	gid_t want = egid != (gid_t)-1 ? egid : rgid;

	if (rgid != (gid_t)-1 && egid != (gid_t)-1 && rgid != egid) {
		errno = EPERM;
		return -1;
	}
	return want == (gid_t)-1 ? 0 : setgid(want);
}

int getgroups(int size, gid_t list[])
{
	if (size < 0) {
		errno = EINVAL;
		return -1;
	}
	if (size == 0)
		return 1;
	list[0] = getgid();
	return 1;
}

int setgroups(size_t size, const gid_t *list)
{
	(void)list;
	if (getuid() != 0) {
		errno = EPERM;
		return -1;
	}
	return size <= 1 ? 0 : (errno = EINVAL, -1);
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__syscall_ret(sys_getpgid(pid));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__syscall_ret(sys_getsid(pid));
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

pid_t setpgrp(void)
{
	return setpgid(0, 0);
}

int nice(int incr)
{
	int now = tessera_getpriority(0);

	if (now < 0)
		return -1;
	/* Tessera priorities grow upward; nice values grow downward. */
	int prio = now - incr;
	if (prio < PRIORITY_MIN)
		prio = PRIORITY_MIN;
	if (prio > PRIORITY_MAX)
		prio = PRIORITY_MAX;
	if (tessera_setpriority(0, prio) < 0)
		return -1;
	return PRIORITY_DEFAULT - prio;
}

/* ---- configuration ------------------------------------------------------ */

static long unistd_sysinfo(int name)
{
	abi_sysinfo_t info;

	if (tessera_sysinfo(&info) < 0)
		return -1;
	switch (name) {
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
		return (long)info.cpus_online;
	case _SC_PHYS_PAGES:
		return (long)info.total_pages;
	default:
		return (long)info.free_pages;
	}
}

long sysconf(int name)
{
	switch (name) {
	case _SC_ARG_MAX:               return ARG_MAX;
	case _SC_CHILD_MAX:             return 4096;
	case _SC_CLK_TCK:               return 100;
	case _SC_NGROUPS_MAX:           return NGROUPS_MAX;
	case _SC_OPEN_MAX:              return OPEN_MAX;
	case _SC_STREAM_MAX:            return OPEN_MAX;
	case _SC_TZNAME_MAX:            return 6;
	case _SC_JOB_CONTROL:           return 1;
	case _SC_SAVED_IDS:             return 1;
	case _SC_VERSION:               return _POSIX_VERSION;
	case _SC_2_VERSION:             return _POSIX2_VERSION;
	case _SC_PAGESIZE:              return PAGE_SIZE;
	case _SC_LINE_MAX:              return LINE_MAX;
	case _SC_IOV_MAX:               return IOV_MAX;
	case _SC_RE_DUP_MAX:            return 255;
	case _SC_BC_BASE_MAX:           return 99;
	case _SC_BC_DIM_MAX:            return 2048;
	case _SC_BC_SCALE_MAX:          return 99;
	case _SC_BC_STRING_MAX:         return 1000;
	case _SC_COLL_WEIGHTS_MAX:      return 2;
	case _SC_EXPR_NEST_MAX:         return 32;
	case _SC_THREADS:
	case _SC_THREAD_SAFE_FUNCTIONS:
	case _SC_MONOTONIC_CLOCK:       return _POSIX_VERSION;
	case _SC_GETGR_R_SIZE_MAX:
	case _SC_GETPW_R_SIZE_MAX:      return 1024;
	case _SC_LOGIN_NAME_MAX:        return LOGIN_NAME_MAX;
	case _SC_TTY_NAME_MAX:          return TTY_NAME_MAX;
	case _SC_HOST_NAME_MAX:         return HOST_NAME_MAX;
	case _SC_SYMLOOP_MAX:           return SYMLOOP_MAX;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS: return 4;
	case _SC_THREAD_KEYS_MAX:       return 128;
	case _SC_THREAD_STACK_MIN:      return 16384;
	case _SC_THREAD_THREADS_MAX:    return -1;
	case _SC_SEM_VALUE_MAX:         return INT_MAX;
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
	case _SC_PHYS_PAGES:
	case _SC_AVPHYS_PAGES:          return unistd_sysinfo(name);
	}
	errno = EINVAL;
	return -1;
}

int getpagesize(void)
{
	return PAGE_SIZE;
}

static long unistd_pathconf(int name)
{
	switch (name) {
	case _PC_LINK_MAX:              return LINK_MAX;
	case _PC_MAX_CANON:             return MAX_CANON;
	case _PC_MAX_INPUT:             return MAX_INPUT;
	case _PC_NAME_MAX:              return NAME_MAX;
	case _PC_PATH_MAX:              return PATH_MAX;
	case _PC_PIPE_BUF:              return PIPE_BUF;
	case _PC_CHOWN_RESTRICTED:      return 1;
	case _PC_NO_TRUNC:              return 1;
	case _PC_VDISABLE:              return _POSIX_VDISABLE;
	}
	errno = EINVAL;
	return -1;
}

long fpathconf(int fd, int name)
{
	struct stat st;

	if (fstat(fd, &st) < 0)
		return -1;
	return unistd_pathconf(name);
}

long pathconf(const char *path, int name)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return -1;
	return unistd_pathconf(name);
}

size_t confstr(int name, char *buf, size_t size)
{
	static const char path[] = "/bin:/usr/bin";

	if (name != _CS_PATH) {
		errno = EINVAL;
		return 0;
	}
	if (buf && size) {
		size_t n = size < sizeof(path) ? size - 1 : sizeof(path) - 1;
		memcpy(buf, path, n);
		buf[n] = '\0';
	}
	return sizeof(path);
}

/* ---- host name ---------------------------------------------------------- */

/* The first line of /etc/hostname, else "tessera". */
int gethostname(char *name, size_t size)
{
	char buf[HOST_NAME_MAX + 1] = "tessera";
	int fd = open("/etc/hostname", O_RDONLY | O_CLOEXEC);

	if (fd >= 0) {
		ssize_t n = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (n > 0) {
			buf[n] = '\0';
			buf[strcspn(buf, "\n")] = '\0';
		}
		if (!buf[0])
			strcpy(buf, "tessera");
	}
	size_t len = strlen(buf);
	if (len + 1 > size) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(name, buf, len + 1);
	return 0;
}

int sethostname(const char *name, size_t size)
{
	if (getuid() != 0) {
		errno = EPERM;
		return -1;
	}
	if (size > HOST_NAME_MAX) {
		errno = EINVAL;
		return -1;
	}
	int fd = open("/etc/hostname", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, name, size);
	if (n == (ssize_t)size)
		n = write(fd, "\n", 1);
	int err = errno;
	close(fd);
	errno = err;
	return n < 0 ? -1 : 0;
}

char *getlogin(void)
{
	static char name[LOGIN_NAME_MAX];

	return getlogin_r(name, sizeof(name)) == 0 ? name : NULL;
}

/* From $LOGNAME, as there are no login records yet. */
int getlogin_r(char *buf, size_t size)
{
	const char *name = getenv("LOGNAME");

	if (!name || !*name)
		name = getenv("USER");
	if (!name || !*name)
		return ENXIO;
	if (strlen(name) + 1 > size)
		return ERANGE;
	strcpy(buf, name);
	return 0;
}

int getentropy(void *buf, size_t size)
{
	if (size > 256) {
		errno = EIO;
		return -1;
	}
	int fd = open("rand:", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	size_t done = 0;
	while (done < size) {
		ssize_t n = read(fd, (char *)buf + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		done += (size_t)n;
	}
	close(fd);
	if (done < size) {
		errno = EIO;
		return -1;
	}
	return 0;
}
