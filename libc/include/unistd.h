// SPDX-License-Identifier: MIT
/*
 * POSIX <unistd.h>: descriptors, files by name, processes, identity and
 * system configuration. Calls are thin wrappers over the kernel's (which
 * return -errno; these set errno and return -1). Paths follow <fcntl.h>:
 * no scheme means `file:`, relative paths start at the working directory,
 * which the kernel stores as a URL for libc (chdir/getcwd) so that it
 * survives exec. exec reads the program through its scheme (exec.c).
 */
#pragma once

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define _POSIX_VERSION  200809L
#define _POSIX2_VERSION 200809L
#define _XOPEN_VERSION  700
#define _POSIX_THREADS  200809L
#define _POSIX_THREAD_SAFE_FUNCTIONS 200809L
#define _POSIX_TIMEOUTS 200809L
#define _POSIX_MONOTONIC_CLOCK 200809L
#define _POSIX_SEMAPHORES 200809L
#define _POSIX_SPIN_LOCKS 200809L
#define _POSIX_BARRIERS 200809L
#define _POSIX_READER_WRITER_LOCKS 200809L
#define _POSIX_MAPPED_FILES 200809L
#define _POSIX_SPAWN 200809L
#define _POSIX_JOB_CONTROL 1
#define _POSIX_SAVED_IDS 1
#define _POSIX_NO_TRUNC 1
#define _POSIX_VDISABLE 0

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2
#define SEEK_DATA 3
#define SEEK_HOLE 4

#define F_OK 0
#define X_OK 1
#define W_OK 2
#define R_OK 4

#define F_ULOCK 0
#define F_LOCK  1
#define F_TLOCK 2
#define F_TEST  3

/* sysconf names (Linux's numbers, for programs that hard-code them). */
#define _SC_ARG_MAX            0
#define _SC_CHILD_MAX          1
#define _SC_CLK_TCK            2
#define _SC_NGROUPS_MAX        3
#define _SC_OPEN_MAX           4
#define _SC_STREAM_MAX         5
#define _SC_TZNAME_MAX         6
#define _SC_JOB_CONTROL        7
#define _SC_SAVED_IDS          8
#define _SC_VERSION            29
#define _SC_PAGESIZE           30
#define _SC_PAGE_SIZE          30
#define _SC_RTSIG_MAX          31
#define _SC_SEM_NSEMS_MAX      32
#define _SC_SEM_VALUE_MAX      33
#define _SC_SIGQUEUE_MAX       34
#define _SC_TIMER_MAX          35
#define _SC_BC_BASE_MAX        36
#define _SC_BC_DIM_MAX         37
#define _SC_BC_SCALE_MAX       38
#define _SC_BC_STRING_MAX      39
#define _SC_COLL_WEIGHTS_MAX   40
#define _SC_EXPR_NEST_MAX      42
#define _SC_LINE_MAX           43
#define _SC_RE_DUP_MAX         44
#define _SC_2_VERSION          46
#define _SC_IOV_MAX            60
#define _SC_THREADS            67
#define _SC_THREAD_SAFE_FUNCTIONS 68
#define _SC_GETGR_R_SIZE_MAX   69
#define _SC_GETPW_R_SIZE_MAX   70
#define _SC_LOGIN_NAME_MAX     71
#define _SC_TTY_NAME_MAX       72
#define _SC_THREAD_DESTRUCTOR_ITERATIONS 73
#define _SC_THREAD_KEYS_MAX    74
#define _SC_THREAD_STACK_MIN   75
#define _SC_THREAD_THREADS_MAX 76
#define _SC_NPROCESSORS_CONF   83
#define _SC_NPROCESSORS_ONLN   84
#define _SC_PHYS_PAGES         85
#define _SC_AVPHYS_PAGES       86
#define _SC_MONOTONIC_CLOCK    149
#define _SC_HOST_NAME_MAX      180
#define _SC_SYMLOOP_MAX        173

#define _PC_LINK_MAX           0
#define _PC_MAX_CANON          1
#define _PC_MAX_INPUT          2
#define _PC_NAME_MAX           3
#define _PC_PATH_MAX           4
#define _PC_PIPE_BUF           5
#define _PC_CHOWN_RESTRICTED   6
#define _PC_NO_TRUNC           7
#define _PC_VDISABLE           8

#define _CS_PATH 0

extern char **environ;

/* descriptors */
ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
ssize_t pread(int fd, void *buf, size_t count, off_t offset);
ssize_t pwrite(int fd, const void *buf, size_t count, off_t offset);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int dup3(int fd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int fsync(int fd);
int fdatasync(int fd);
void sync(void);
int ftruncate(int fd, off_t length);
int fchown(int fd, uid_t uid, gid_t gid);
int fchdir(int fd);
int isatty(int fd);
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t size);
int lockf(int fd, int cmd, off_t len);

/* files by name */
int access(const char *path, int mode);
int faccessat(int dirfd, const char *path, int mode, int flags);
int unlink(const char *path);
int unlinkat(int dirfd, const char *path, int flags);
int rmdir(const char *path);
int link(const char *from, const char *to);
int linkat(int fromfd, const char *from, int tofd, const char *to, int flags);
int symlink(const char *target, const char *path);
int symlinkat(const char *target, int dirfd, const char *path);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t size);
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t size);
int chown(const char *path, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int truncate(const char *path, off_t length);
int chdir(const char *path);
char *getcwd(char *buf, size_t size);
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);

/* processes */
pid_t fork(void);
pid_t _Fork(void);
pid_t vfork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int fexecve(int fd, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg0, ...);
int execlp(const char *file, const char *arg0, ...);
int execle(const char *path, const char *arg0, ...);
__attribute__((noreturn)) void _exit(int status);
unsigned alarm(unsigned seconds);
int pause(void);
unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
int nice(int incr);

/* identity */
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
pid_t getpgrp(void);
pid_t getpgid(pid_t pid);
pid_t getsid(pid_t pid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setpgrp(void);
pid_t setsid(void);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgrp);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int seteuid(uid_t uid);
int setreuid(uid_t ruid, uid_t euid);
int setgid(gid_t gid);
int setegid(gid_t gid);
int setregid(gid_t rgid, gid_t egid);
int getgroups(int size, gid_t list[]);
int setgroups(size_t size, const gid_t *list);
char *getlogin(void);
int getlogin_r(char *buf, size_t size);

/* the system */
long sysconf(int name);
size_t confstr(int name, char *buf, size_t size);
int getpagesize(void);
int gethostname(char *name, size_t size);
int sethostname(const char *name, size_t size);
int getentropy(void *buf, size_t size);
char *getpass(const char *prompt);

/* getopt (libc/src/misc) */
extern char *optarg;
extern int optind, opterr, optopt;
int getopt(int argc, char *const argv[], const char *optstring);
