// SPDX-License-Identifier: MIT
/*
 * The user database, read from /etc/passwd (name:passwd:uid:gid:gecos:
 * dir:shell per line). The non-_r calls return static storage that the
 * next call overwrites; the _r calls fill the caller's buffer and return
 * 0 with *result NULL when there is no such user, or an error number
 * (ERANGE: the buffer is too small).
 */
#pragma once

#include <stddef.h>
#include <sys/types.h>

struct passwd {
	char *pw_name;
	char *pw_passwd;
	uid_t pw_uid;
	gid_t pw_gid;
	char *pw_gecos;
	char *pw_dir;
	char *pw_shell;
};

struct passwd *getpwnam(const char *name);
struct passwd *getpwuid(uid_t uid);
int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t size,
	       struct passwd **result);
int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t size,
	       struct passwd **result);
struct passwd *getpwent(void);
void setpwent(void);
void endpwent(void);
