// SPDX-License-Identifier: MIT
/*
 * What the file commands (ls, cp, mv, rm, stat, du, ...) share: the ways
 * they show a file (ls -l's mode string, stat's type names, human sizes,
 * owner and group names), the way they name files (joining a directory
 * and a name, POSIX basename and dirname), reading a whole directory in
 * name order, and the small parts of every command's dialogue (option
 * parsing that turns getopt's complaints into usage errors, y/n
 * prompts). Everything here is portable POSIX: it builds against glibc on
 * the host and against Tessera's libc.
 *
 * Functions that allocate never return NULL: running out of memory ends
 * the command with "cmd: out of memory", which no caller could do better.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

/* malloc/strdup that end the command on failure. */
void *fileutil_alloc(size_t size);
void *fileutil_realloc(void *p, size_t size);
char *fileutil_strdup(const char *s);

/*
 * The next option, like getopt(argc, argv, optstring), but an unknown
 * option or a missing argument is a usage error (exit 2 with "Try
 * --help"). A leading '+' in optstring stops at the first operand.
 */
int fileutil_option_next(int argc, char **argv, const char *optstring);

/* ls -l's first column: type character then rwx triples with s/S/t/T. */
void fileutil_mode_string(mode_t mode, char out[11]);
/* '-', 'd', 'l', 'c', 'b', 'p', 's' or '?'. */
char fileutil_type_char(mode_t mode);
/* "regular file", "regular empty file", "directory", "symbolic link", ... */
const char *fileutil_type_name(const struct stat *st);

/*
 * A size for people: below 1024 the number itself, above it one of
 * K M G T P E (powers of 1024), rounded up, with one decimal below 10
 * ("1.5K", "10K", "2.0M"). out has room for at least 8 bytes.
 */
void fileutil_human_size(uint64_t bytes, char *out, size_t size);

/* The name of a user or group id, or NULL when /etc/passwd or /etc/group lacks it. */
const char *fileutil_user_name(uid_t uid);
const char *fileutil_group_name(gid_t gid);

/* "dir/name" (no doubled '/'); a directory "" gives name itself. */
char *fileutil_path_join(const char *dir, const char *name);
/* POSIX basename(1) and dirname(1) of a string, newly allocated. */
char *fileutil_basename(const char *path);
char *fileutil_dirname(const char *path);
/* The name a copy of path gets inside a directory (cp, mv, ln). */
char *fileutil_entry_name(const char *path);

/* What fileutil_dir_names returns. */
#define FILEUTIL_DIR_DOTS     1 /* "." and ".." too */
#define FILEUTIL_DIR_UNSORTED 2 /* in the directory's order, not sorted */

/*
 * The names in a directory sorted by byte value (the C locale's order),
 * without "." and "..", unless flags say otherwise. Returns 0 or -errno
 * (errno is set too); *names is an array of *count strings for
 * fileutil_names_free.
 */
int fileutil_dir_names(const char *path, int flags, char ***names, size_t *count);
void fileutil_names_free(char **names, size_t count);

/* True when the path's last component is "." or "..". */
bool fileutil_is_dot_or_dotdot(const char *path);

/*
 * Asks "cmd: <question>" on stderr and reads a line from stdin: true
 * when it starts with 'y' or 'Y' (after blanks). End of input is no.
 */
bool fileutil_ask(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The process's umask, read without changing it for longer than an instant. */
mode_t fileutil_umask(void);
