// SPDX-License-Identifier: MIT
/*
 * Reading the colon-separated databases (/etc/passwd, /etc/group): a
 * line reader over a descriptor, the splitting of a line into fields,
 * and the copying of strings into a caller's buffer for the _r calls.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DB_LINE_MAX 1024

typedef struct db_file {
	int fd;                 /* -1 when closed */
	size_t start, end;      /* unread bytes of buf */
	char buf[DB_LINE_MAX];
} db_file_t;

#define DB_FILE_CLOSED { .fd = -1 }

/* Opens path (or rewinds it); false with errno if it cannot be opened. */
bool db_open(db_file_t *db, const char *path);
void db_close(db_file_t *db);
/*
 * The next line that is neither blank nor a comment, NUL-terminated
 * without its newline, in line[DB_LINE_MAX]; lines too long are skipped.
 * False at the end of the file.
 */
bool db_next_line(db_file_t *db, char line[DB_LINE_MAX]);
/* Splits line at ':' into exactly n fields; false if it has another count. */
bool db_split(char *line, char **fields, int n);
/* A decimal id (no sign, < 2^32); false if the field is not one. */
bool db_parse_id(const char *s, uint32_t *id);

/* Copies strings into a caller's buffer, failing once it is full. */
typedef struct db_buffer {
	char *p;
	size_t left;
} db_buffer_t;

char *db_buffer_copy(db_buffer_t *b, const char *s);
/* n pointers, aligned, from the buffer; NULL if it is full. */
char **db_buffer_pointers(db_buffer_t *b, size_t n);
