// SPDX-License-Identifier: MIT
/*
 * POSIX process and descriptor calls. Each is a thin wrapper over one
 * system call (abi/syscall.h): on failure it sets errno and returns -1.
 * exec is Tessera's SYS_exec(path, argv, envp), i.e. execve; there is no
 * PATH search yet.
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO  0
#define STDOUT_FILENO 1
#define STDERR_FILENO 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

extern char **environ;

ssize_t read(int fd, void *buf, size_t count);
ssize_t write(int fd, const void *buf, size_t count);
int close(int fd);
off_t lseek(int fd, off_t offset, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int unlink(const char *path);
int rmdir(const char *path);
int fsync(int fd);
int ftruncate(int fd, off_t length);
int fchown(int fd, uid_t uid, gid_t gid);

pid_t fork(void);
int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
__attribute__((noreturn)) void _exit(int status);

pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
gid_t getgid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int setpgid(pid_t pid, pid_t pgid);
pid_t setsid(void);

unsigned sleep(unsigned seconds);
int usleep(useconds_t usec);
