// SPDX-License-Identifier: MIT
/*
 * getpwnam, getpwuid, getpwent and their _r forms over /etc/passwd.
 *
 * Every lookup scans the file from the start with its own reader, so
 * lookups do not disturb a getpwent walk; the walk keeps one reader open
 * between calls. A line is parsed in place and then copied into the
 * caller's buffer (the _r calls) or into a static one sized for any line
 * (the others), so the static results need no allocation.
 */
#include <errno.h>
#include <pwd.h>
#include <string.h>

#include "db.h"

#define PASSWD_PATH "/etc/passwd"

/* The fields of a passwd line, parsed in place; false if malformed. */
static bool passwd_parse(char *line, struct passwd *pw)
{
	char *f[7];

	if (!db_split(line, f, 7) || !db_parse_id(f[2], &pw->pw_uid) ||
	    !db_parse_id(f[3], &pw->pw_gid) || !*f[0])
		return false;
	pw->pw_name = f[0];
	pw->pw_passwd = f[1];
	pw->pw_gecos = f[4];
	pw->pw_dir = f[5];
	pw->pw_shell = f[6];
	return true;
}

/* Copies the strings of in into buf; ERANGE if it is too small. */
static int passwd_copy(const struct passwd *in, struct passwd *out, char *buf, size_t size)
{
	db_buffer_t b = { buf, size };

	*out = *in;
	if (!(out->pw_name = db_buffer_copy(&b, in->pw_name)) ||
	    !(out->pw_passwd = db_buffer_copy(&b, in->pw_passwd)) ||
	    !(out->pw_gecos = db_buffer_copy(&b, in->pw_gecos)) ||
	    !(out->pw_dir = db_buffer_copy(&b, in->pw_dir)) ||
	    !(out->pw_shell = db_buffer_copy(&b, in->pw_shell)))
		return ERANGE;
	return 0;
}

/* The first entry with name (or, name NULL, with uid). */
static int passwd_lookup(const char *name, uid_t uid, struct passwd *pw, char *buf,
			 size_t size, struct passwd **result)
{
	db_file_t db = DB_FILE_CLOSED;
	char line[DB_LINE_MAX];
	struct passwd found;
	int err = 0;

	*result = NULL;
	if (!db_open(&db, PASSWD_PATH))
		return errno == ENOENT ? 0 : errno;
	while (db_next_line(&db, line)) {
		if (!passwd_parse(line, &found))
			continue;
		if (name ? strcmp(found.pw_name, name) != 0 : found.pw_uid != uid)
			continue;
		err = passwd_copy(&found, pw, buf, size);
		if (!err)
			*result = pw;
		break;
	}
	db_close(&db);
	return err;
}

int getpwnam_r(const char *name, struct passwd *pwd, char *buf, size_t size,
	       struct passwd **result)
{
	return passwd_lookup(name, 0, pwd, buf, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t size,
	       struct passwd **result)
{
	return passwd_lookup(NULL, uid, pwd, buf, size, result);
}

static struct passwd passwd_static;
static char passwd_static_buf[DB_LINE_MAX];

/* The static result, or NULL with errno set on a failure (not for "no such user"). */
static struct passwd *passwd_static_result(int err, struct passwd *result)
{
	if (err)
		errno = err;
	return result;
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *r;
	int err = getpwnam_r(name, &passwd_static, passwd_static_buf,
			     sizeof(passwd_static_buf), &r);

	return passwd_static_result(err, r);
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *r;
	int err = getpwuid_r(uid, &passwd_static, passwd_static_buf,
			     sizeof(passwd_static_buf), &r);

	return passwd_static_result(err, r);
}

static db_file_t passwd_walk = DB_FILE_CLOSED;
static bool passwd_walk_open;

void setpwent(void)
{
	passwd_walk_open = db_open(&passwd_walk, PASSWD_PATH);
}

void endpwent(void)
{
	db_close(&passwd_walk);
	passwd_walk_open = false;
}

struct passwd *getpwent(void)
{
	char line[DB_LINE_MAX];
	struct passwd found;

	if (!passwd_walk_open)
		setpwent();
	while (db_next_line(&passwd_walk, line)) {
		if (!passwd_parse(line, &found))
			continue;
		if (passwd_copy(&found, &passwd_static, passwd_static_buf,
				sizeof(passwd_static_buf)) == 0)
			return &passwd_static;
	}
	return NULL;
}
