// SPDX-License-Identifier: MIT
/*
 * Parsing chmod-style modes (filemode.h). A symbolic mode is applied
 * clause by clause and action by action to a running value, so that
 * "u=rwx,g=u-w" sees the result of its first clause when it copies u.
 * Each class of users owns a mask of bits: u the owner's rwx and setuid,
 * g the group's rwx and setgid, o the others' rwx and the sticky bit.
 */
#include "filemode.h"

#include <stddef.h>
#include <sys/stat.h>

#define FILEMODE_U (S_ISUID | S_IRWXU)
#define FILEMODE_G (S_ISGID | S_IRWXG)
#define FILEMODE_O (S_ISVTX | S_IRWXO)
#define FILEMODE_ALL (FILEMODE_U | FILEMODE_G | FILEMODE_O)

static bool filemode_octal(const char *s, mode_t *out)
{
	mode_t m = 0;

	for (; *s; s++) {
		if (*s < '0' || *s > '7')
			return false;
		m = m * 8 + (mode_t)(*s - '0');
		if (m > 07777)
			return false;
	}
	*out = m;
	return true;
}

/* rwx of class `from` (a mask like S_IRWXU) spread to all three classes. */
static mode_t filemode_copy(mode_t cur, mode_t from)
{
	mode_t rwx = from == S_IRWXU ? (cur & S_IRWXU) >> 6
		   : from == S_IRWXG ? (cur & S_IRWXG) >> 3 : cur & S_IRWXO;

	return rwx << 6 | rwx << 3 | rwx;
}

/* The bits a perm list names, before who's mask applies; *s is advanced past it. */
static mode_t filemode_perms(const char **s, mode_t cur, bool is_dir)
{
	mode_t bits = 0;

	switch (**s) {
	case 'u': (*s)++; return filemode_copy(cur, S_IRWXU);
	case 'g': (*s)++; return filemode_copy(cur, S_IRWXG);
	case 'o': (*s)++; return filemode_copy(cur, S_IRWXO);
	}
	for (;; (*s)++) {
		switch (**s) {
		case 'r': bits |= S_IRUSR | S_IRGRP | S_IROTH; break;
		case 'w': bits |= S_IWUSR | S_IWGRP | S_IWOTH; break;
		case 'x': bits |= S_IXUSR | S_IXGRP | S_IXOTH; break;
		case 'X':
			if (is_dir || (cur & (S_IXUSR | S_IXGRP | S_IXOTH)))
				bits |= S_IXUSR | S_IXGRP | S_IXOTH;
			break;
		case 's': bits |= S_ISUID | S_ISGID; break;
		case 't': bits |= S_ISVTX; break;
		default: return bits;
		}
	}
}

/* One clause "who op perms [op perms...]"; false on a syntax error. */
static bool filemode_clause(const char **s, mode_t *cur, mode_t umask, bool is_dir)
{
	mode_t who = 0;

	for (;; (*s)++) {
		if (**s == 'u') who |= FILEMODE_U;
		else if (**s == 'g') who |= FILEMODE_G;
		else if (**s == 'o') who |= FILEMODE_O;
		else if (**s == 'a') who |= FILEMODE_ALL;
		else break;
	}
	/* Without who, the umask's bits are neither added nor removed. */
	mode_t mask = who ? who : FILEMODE_ALL & ~(umask & 0777);
	if (**s != '+' && **s != '-' && **s != '=')
		return false;
	while (**s == '+' || **s == '-' || **s == '=') {
		char op = *(*s)++;
		mode_t bits = filemode_perms(s, *cur, is_dir) & mask;
		if (op == '+') {
			*cur |= bits;
		} else if (op == '-') {
			*cur &= ~bits;
		} else {
			/* '=' clears who's bits (all of them without who), setuid/gid of a directory aside. */
			mode_t clear = who ? who : FILEMODE_ALL;
			if (is_dir)
				clear &= ~(mode_t)(S_ISUID | S_ISGID);
			*cur = (*cur & ~clear) | bits;
		}
	}
	return true;
}

bool filemode_parse(const char *spec, mode_t base, mode_t umask, bool is_dir, mode_t *out)
{
	mode_t cur = base & 07777;

	if (*spec >= '0' && *spec <= '7')
		return filemode_octal(spec, out);
	for (;;) {
		if (!filemode_clause(&spec, &cur, umask, is_dir))
			return false;
		if (*spec == '\0')
			break;
		if (*spec++ != ',')
			return false;
	}
	*out = cur;
	return true;
}
