// SPDX-License-Identifier: MIT
/*
 * posix_spawn's file actions and attributes: plain records that
 * spawn.c replays in the child. File actions are a growable array, each
 * action owning a copy of its path, so the caller's strings may go away
 * before the spawn (POSIX asks for that). Errors are returned, not put
 * in errno, as everywhere in <spawn.h>.
 */
#include "spawn_impl.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int posix_spawn_file_actions_init(posix_spawn_file_actions_t *fa)
{
	*fa = (posix_spawn_file_actions_t){ 0 };
	return 0;
}

int posix_spawn_file_actions_destroy(posix_spawn_file_actions_t *fa)
{
	for (int i = 0; i < fa->__count; i++)
		free(fa->__actions[i].path);
	free(fa->__actions);
	*fa = (posix_spawn_file_actions_t){ 0 };
	return 0;
}

/* Appends a (path copied); 0 or an error number. */
static int actions_add(posix_spawn_file_actions_t *fa, struct spawn_action a)
{
	if (fa->__count == fa->__capacity) {
		int cap = fa->__capacity ? fa->__capacity * 2 : 4;
		struct spawn_action *grown = realloc(fa->__actions, (size_t)cap * sizeof(*grown));
		if (!grown)
			return ENOMEM;
		fa->__actions = grown;
		fa->__capacity = cap;
	}
	if (a.path && !(a.path = strdup(a.path)))
		return ENOMEM;
	fa->__actions[fa->__count++] = a;
	return 0;
}

int posix_spawn_file_actions_addopen(posix_spawn_file_actions_t *restrict fa, int fd,
				     const char *restrict path, int oflag, mode_t mode)
{
	if (fd < 0)
		return EBADF;
	return actions_add(fa, (struct spawn_action){ SPAWN_OPEN, fd, 0, oflag, mode,
						      (char *)path });
}

int posix_spawn_file_actions_addclose(posix_spawn_file_actions_t *fa, int fd)
{
	if (fd < 0)
		return EBADF;
	return actions_add(fa, (struct spawn_action){ SPAWN_CLOSE, fd, 0, 0, 0, NULL });
}

int posix_spawn_file_actions_adddup2(posix_spawn_file_actions_t *fa, int fd, int newfd)
{
	if (fd < 0 || newfd < 0)
		return EBADF;
	return actions_add(fa, (struct spawn_action){ SPAWN_DUP2, fd, newfd, 0, 0, NULL });
}

int posix_spawn_file_actions_addchdir(posix_spawn_file_actions_t *restrict fa,
				      const char *restrict path)
{
	return actions_add(fa, (struct spawn_action){ SPAWN_CHDIR, -1, 0, 0, 0, (char *)path });
}

int posix_spawn_file_actions_addfchdir(posix_spawn_file_actions_t *fa, int fd)
{
	if (fd < 0)
		return EBADF;
	return actions_add(fa, (struct spawn_action){ SPAWN_FCHDIR, fd, 0, 0, 0, NULL });
}

int posix_spawnattr_init(posix_spawnattr_t *attr)
{
	*attr = (posix_spawnattr_t){ 0 };
	return 0;
}

int posix_spawnattr_destroy(posix_spawnattr_t *attr)
{
	(void)attr;
	return 0;
}

int posix_spawnattr_getflags(const posix_spawnattr_t *restrict attr, short *restrict flags)
{
	*flags = attr->__flags;
	return 0;
}

int posix_spawnattr_setflags(posix_spawnattr_t *attr, short flags)
{
	if (flags & ~SPAWN_FLAGS_KNOWN)
		return EINVAL;
	attr->__flags = flags;
	return 0;
}

int posix_spawnattr_getpgroup(const posix_spawnattr_t *restrict attr, pid_t *restrict pgroup)
{
	*pgroup = attr->__pgroup;
	return 0;
}

int posix_spawnattr_setpgroup(posix_spawnattr_t *attr, pid_t pgroup)
{
	attr->__pgroup = pgroup;
	return 0;
}

int posix_spawnattr_getsigdefault(const posix_spawnattr_t *restrict attr,
				  sigset_t *restrict sigdefault)
{
	*sigdefault = attr->__sigdefault;
	return 0;
}

int posix_spawnattr_setsigdefault(posix_spawnattr_t *restrict attr,
				  const sigset_t *restrict sigdefault)
{
	attr->__sigdefault = *sigdefault;
	return 0;
}

int posix_spawnattr_getsigmask(const posix_spawnattr_t *restrict attr,
			       sigset_t *restrict sigmask)
{
	*sigmask = attr->__sigmask;
	return 0;
}

int posix_spawnattr_setsigmask(posix_spawnattr_t *restrict attr,
			       const sigset_t *restrict sigmask)
{
	attr->__sigmask = *sigmask;
	return 0;
}

int posix_spawnattr_getschedparam(const posix_spawnattr_t *restrict attr,
				  struct sched_param *restrict param)
{
	*param = attr->__param;
	return 0;
}

int posix_spawnattr_setschedparam(posix_spawnattr_t *restrict attr,
				  const struct sched_param *restrict param)
{
	attr->__param = *param;
	return 0;
}

int posix_spawnattr_getschedpolicy(const posix_spawnattr_t *restrict attr, int *restrict policy)
{
	*policy = attr->__policy;
	return 0;
}

int posix_spawnattr_setschedpolicy(posix_spawnattr_t *attr, int policy)
{
	attr->__policy = policy;
	return 0;
}
