// SPDX-License-Identifier: MIT
/*
 * The group database, read from /etc/group (name:passwd:gid:user,user...
 * per line), with the same static and _r conventions as <pwd.h>.
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

struct group {
	char *gr_name;
	char *gr_passwd;
	gid_t gr_gid;
	char **gr_mem;  /* member names, NULL-terminated */
};

struct group *getgrnam(const char *name);
struct group *getgrgid(gid_t gid);
int getgrnam_r(const char *name, struct group *grp, char *buf, size_t size,
	       struct group **result);
int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t size,
	       struct group **result);
struct group *getgrent(void);
void setgrent(void);
void endgrent(void);
/* gid, then every group listing user; -1 if more than *ngroups (set to the count). */
int getgrouplist(const char *user, gid_t gid, gid_t *groups, int *ngroups);
