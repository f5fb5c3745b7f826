// SPDX-License-Identifier: MIT
/*
 * The line reader behind the passwd and group databases. It reads with
 * plain read() into a fixed buffer rather than through stdio, so the
 * databases depend on nothing but descriptors and hold no FILE. A line
 * longer than the buffer is skipped whole, never split into two.
 */
#include "db.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

bool db_open(db_file_t *db, const char *path)
{
	db->start = db->end = 0;
	if (db->fd >= 0)
		return lseek(db->fd, 0, SEEK_SET) == 0;
	db->fd = open(path, O_RDONLY | O_CLOEXEC);
	return db->fd >= 0;
}

void db_close(db_file_t *db)
{
	if (db->fd >= 0)
		close(db->fd);
	db->fd = -1;
	db->start = db->end = 0;
}

/* Reads more after the unread bytes (moved to the front); false at the end or on error. */
static bool db_fill(db_file_t *db)
{
	ssize_t n;

	memmove(db->buf, db->buf + db->start, db->end - db->start);
	db->end -= db->start;
	db->start = 0;
	if (db->end == sizeof(db->buf))
		return false;
	do
		n = read(db->fd, db->buf + db->end, sizeof(db->buf) - db->end);
	while (n < 0 && errno == EINTR);
	if (n <= 0)
		return false;
	db->end += (size_t)n;
	return true;
}

/* The next raw line into line; false at the end. *too_long if it did not fit. */
static bool db_raw_line(db_file_t *db, char *line, bool *too_long)
{
	*too_long = false;
	for (;;) {
		char *nl = memchr(db->buf + db->start, '\n', db->end - db->start);
		if (nl) {
			size_t len = (size_t)(nl - (db->buf + db->start));
			memcpy(line, db->buf + db->start, len);
			line[len] = '\0';
			db->start += len + 1;
			return true;
		}
		if (db->end - db->start == sizeof(db->buf)) {
			*too_long = true;       /* drop what we have; the rest follows */
			db->start = db->end;
			continue;
		}
		if (!db_fill(db)) {
			size_t len = db->end - db->start;
			if (!len || len >= DB_LINE_MAX)
				return false;
			memcpy(line, db->buf + db->start, len);   /* last line without '\n' */
			line[len] = '\0';
			db->start = db->end;
			return true;
		}
	}
}

bool db_next_line(db_file_t *db, char line[DB_LINE_MAX])
{
	bool too_long;

	if (db->fd < 0)
		return false;
	while (db_raw_line(db, line, &too_long))
		if (!too_long && line[0] && line[0] != '#')
			return true;
	return false;
}

bool db_split(char *line, char **fields, int n)
{
	int i = 0;

	fields[i++] = line;
	for (char *p = line; *p; p++) {
		if (*p != ':')
			continue;
		if (i == n)
			return false;
		*p = '\0';
		fields[i++] = p + 1;
	}
	return i == n;
}

bool db_parse_id(const char *s, uint32_t *id)
{
	uint64_t v = 0;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return false;
	}
	*id = (uint32_t)v;
	return true;
}

char *db_buffer_copy(db_buffer_t *b, const char *s)
{
	size_t len = strlen(s) + 1;
	char *out = b->p;

	if (len > b->left)
		return NULL;
	memcpy(out, s, len);
	b->p += len;
	b->left -= len;
	return out;
}

char **db_buffer_pointers(db_buffer_t *b, size_t n)
{
	size_t pad = (sizeof(char *) - (uintptr_t)b->p % sizeof(char *)) % sizeof(char *);
	size_t need = pad + n * sizeof(char *);

	if (need > b->left)
		return NULL;
	char **out = (char **)(void *)(b->p + pad);
	b->p += need;
	b->left -= need;
	return out;
}
