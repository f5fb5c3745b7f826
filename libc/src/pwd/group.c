// SPDX-License-Identifier: MIT
/*
 * getgrnam, getgrgid, getgrent, their _r forms and getgrouplist over
 * /etc/group, built like passwd.c. A group's member list is split in
 * place at ',' and laid out in the result buffer as a NULL-terminated
 * array of pointers followed by the strings.
 */
#include <errno.h>
#include <grp.h>
#include <string.h>

#include "db.h"

#define GROUP_PATH "/etc/group"
#define GROUP_MEMBERS_MAX (DB_LINE_MAX / 2)

typedef struct group_line {
	struct group gr;
	char *members[GROUP_MEMBERS_MAX + 1];
} group_line_t;

static bool group_parse(char *line, group_line_t *g)
{
	char *f[4];
	size_t n = 0;

	if (!db_split(line, f, 4) || !db_parse_id(f[2], &g->gr.gr_gid) || !*f[0])
		return false;
	g->gr.gr_name = f[0];
	g->gr.gr_passwd = f[1];
	for (char *p = f[3]; *p && n < GROUP_MEMBERS_MAX;) {
		char *comma = strchr(p, ',');
		if (comma)
			*comma = '\0';
		if (*p)
			g->members[n++] = p;
		if (!comma)
			break;
		p = comma + 1;
	}
	g->members[n] = NULL;
	g->gr.gr_mem = g->members;
	return true;
}

static int group_copy(const group_line_t *in, struct group *out, char *buf, size_t size)
{
	db_buffer_t b = { buf, size };
	size_t n = 0;

	while (in->members[n])
		n++;
	*out = in->gr;
	if (!(out->gr_mem = db_buffer_pointers(&b, n + 1)))
		return ERANGE;
	for (size_t i = 0; i < n; i++)
		if (!(out->gr_mem[i] = db_buffer_copy(&b, in->members[i])))
			return ERANGE;
	out->gr_mem[n] = NULL;
	if (!(out->gr_name = db_buffer_copy(&b, in->gr.gr_name)) ||
	    !(out->gr_passwd = db_buffer_copy(&b, in->gr.gr_passwd)))
		return ERANGE;
	return 0;
}

static int group_lookup(const char *name, gid_t gid, struct group *grp, char *buf,
			size_t size, struct group **result)
{
	db_file_t db = DB_FILE_CLOSED;
	char line[DB_LINE_MAX];
	group_line_t found;
	int err = 0;

	*result = NULL;
	if (!db_open(&db, GROUP_PATH))
		return errno == ENOENT ? 0 : errno;
	while (db_next_line(&db, line)) {
		if (!group_parse(line, &found))
			continue;
		if (name ? strcmp(found.gr.gr_name, name) != 0 : found.gr.gr_gid != gid)
			continue;
		err = group_copy(&found, grp, buf, size);
		if (!err)
			*result = grp;
		break;
	}
	db_close(&db);
	return err;
}

int getgrnam_r(const char *name, struct group *grp, char *buf, size_t size,
	       struct group **result)
{
	return group_lookup(name, 0, grp, buf, size, result);
}

int getgrgid_r(gid_t gid, struct group *grp, char *buf, size_t size, struct group **result)
{
	return group_lookup(NULL, gid, grp, buf, size, result);
}

/* Room for any line: its strings plus a pointer per possible member. */
static struct group group_static;
static char group_static_buf[DB_LINE_MAX + (GROUP_MEMBERS_MAX + 2) * sizeof(char *)];

static struct group *group_static_result(int err, struct group *result)
{
	if (err)
		errno = err;
	return result;
}

struct group *getgrnam(const char *name)
{
	struct group *r;
	int err = getgrnam_r(name, &group_static, group_static_buf, sizeof(group_static_buf), &r);

	return group_static_result(err, r);
}

struct group *getgrgid(gid_t gid)
{
	struct group *r;
	int err = getgrgid_r(gid, &group_static, group_static_buf, sizeof(group_static_buf), &r);

	return group_static_result(err, r);
}

static db_file_t group_walk = DB_FILE_CLOSED;
static bool group_walk_open;

void setgrent(void)
{
	group_walk_open = db_open(&group_walk, GROUP_PATH);
}

void endgrent(void)
{
	db_close(&group_walk);
	group_walk_open = false;
}

struct group *getgrent(void)
{
	char line[DB_LINE_MAX];
	group_line_t found;

	if (!group_walk_open)
		setgrent();
	while (db_next_line(&group_walk, line)) {
		if (group_parse(line, &found) &&
		    group_copy(&found, &group_static, group_static_buf,
			       sizeof(group_static_buf)) == 0)
			return &group_static;
	}
	return NULL;
}

static void group_list_add(gid_t gid, gid_t *groups, int max, int *count)
{
	for (int i = 0; i < *count && i < max; i++)
		if (groups[i] == gid)
			return;
	if (*count < max)
		groups[*count] = gid;
	(*count)++;
}

int getgrouplist(const char *user, gid_t gid, gid_t *groups, int *ngroups)
{
	db_file_t db = DB_FILE_CLOSED;
	char line[DB_LINE_MAX];
	group_line_t found;
	int count = 0, max = *ngroups;

	group_list_add(gid, groups, max, &count);
	if (db_open(&db, GROUP_PATH)) {
		while (db_next_line(&db, line)) {
			if (!group_parse(line, &found))
				continue;
			for (char **m = found.members; *m; m++)
				if (strcmp(*m, user) == 0)
					group_list_add(found.gr.gr_gid, groups, max, &count);
		}
		db_close(&db);
	}
	*ngroups = count;
	return count > max ? -1 : count;
}
