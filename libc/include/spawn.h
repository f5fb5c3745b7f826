// SPDX-License-Identifier: MIT
/*
 * Spawning processes (POSIX.1-2024 <spawn.h>), with Linux's flag values.
 * posix_spawn is fork plus exec here (libc/src/spawn/spawn.c); an exec
 * failure comes back as posix_spawn's result, not as a child exiting
 * with 127.
 */
#pragma once

#include <sched.h>
#include <signal.h>
#include <sys/types.h>

#define POSIX_SPAWN_RESETIDS      0x01
#define POSIX_SPAWN_SETPGROUP     0x02
#define POSIX_SPAWN_SETSIGDEF     0x04
#define POSIX_SPAWN_SETSIGMASK    0x08
#define POSIX_SPAWN_SETSCHEDPARAM 0x10
#define POSIX_SPAWN_SETSCHEDULER  0x20
#define POSIX_SPAWN_USEVFORK      0x40
#define POSIX_SPAWN_SETSID        0x80

typedef struct {
	short __flags;
	pid_t __pgroup;
	sigset_t __sigdefault;
	sigset_t __sigmask;
	struct sched_param __param;
	int __policy;
} posix_spawnattr_t;

typedef struct {
	int __count;
	int __capacity;
	struct spawn_action *__actions;
} posix_spawn_file_actions_t;

int posix_spawn(pid_t *restrict pid, const char *restrict path,
		const posix_spawn_file_actions_t *actions,
		const posix_spawnattr_t *restrict attr, char *const argv[restrict],
		char *const envp[restrict]);
int posix_spawnp(pid_t *restrict pid, const char *restrict file,
		 const posix_spawn_file_actions_t *actions,
		 const posix_spawnattr_t *restrict attr, char *const argv[restrict],
		 char *const envp[restrict]);

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *actions);
int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *actions);
int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict actions, int fd,
				     const char *restrict path, int oflag, mode_t mode);
int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *actions, int fd);
int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *actions, int fd, int newfd);
int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *restrict actions,
				      const char *restrict path);
int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *actions, int fd);

int posix_spawnattr_init(posix_spawnattr_t *attr);
int posix_spawnattr_destroy(posix_spawnattr_t *attr);
int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags);
int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags);
int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup);
int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup);
int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attr,
				  sigset_t *restrict sigdefault);
int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr,
				  const sigset_t *restrict sigdefault);
int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attr,
			       sigset_t *restrict sigmask);
int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr,
			       const sigset_t *restrict sigmask);
int posix_spawnattr_getschedparam(const posix_spawnattr_t *restrict attr,
				  struct sched_param *restrict param);
int posix_spawnattr_setschedparam(posix_spawnattr_t *restrict attr,
				  const struct sched_param *restrict param);
int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *restrict attr,
				   int *restrict policy);
int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int policy);
