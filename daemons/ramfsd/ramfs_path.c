// SPDX-License-Identifier: MIT
/*
 * Path lookup: component by component from the root (or a directory
 * handle), checking search permission on every directory passed through.
 *
 * A symbolic link met on the way is expanded in place: the rest of the
 * path becomes "target/rest", rebuilt in the other of two buffers in the
 * file system (the daemon is single-threaded), and the walk goes on from
 * the root for an absolute target or from the link's directory for a
 * relative one. More than RAMFS_LINK_MAX expansions in one lookup is
 * ELOOP, which also ends loops. The last component is followed only when
 * asked (open without O_NOFOLLOW) or when a trailing slash requires a
 * directory. A symlink target is a path inside this file system: ramfs
 * knows no other scheme.
 *
 * "." and ".." are resolved by the walk, ".." of the root being the root.
 * Nothing resolves inside a removed directory (reachable only from a
 * handle that was open on it), not even ".." — its parent may be gone.
 * The caller gets the directory holding the last component and its name,
 * so creating, unlinking and renaming share this one lookup.
 */
#include "ramfs_int.h"

#include <errno.h>
#include <string.h>

typedef struct ramfs_walk {
	ramfs_t *fs;
	const ramfs_cred_t *cr;
	ramfs_node_t *cur;      /* the directory being walked */
	const char *p;          /* what is left of the path */
	int buf;                /* which walk_buf p is in */
	unsigned links;
} ramfs_walk_t;

/* Continues the walk at link's target followed by rest (may be ""). */
static long ramfs_walk_follow(ramfs_walk_t *w, const ramfs_node_t *link, const char *rest)
{
	char *out = w->fs->walk_buf[w->buf ^ 1];
	size_t tlen = link->link.len, rlen = strlen(rest);

	if (++w->links > RAMFS_LINK_MAX)
		return -ELOOP;
	if (tlen + 1 + rlen >= RAMFS_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(out, link->link.target, tlen);
	out[tlen] = '/';
	memcpy(out + tlen + 1, rest, rlen + 1);
	if (!*rest)
		out[tlen] = '\0';
	if (out[0] == '/')
		w->cur = w->fs->root;
	w->p = out;
	w->buf ^= 1;
	return 0;
}

/* The node `name` names in dir, and its entry (NULL for "." and ".."). */
static ramfs_node_t *ramfs_walk_child(const ramfs_walk_t *w, const char *name, size_t len,
				      ramfs_dirent_t **ent)
{
	*ent = NULL;
	if (len == 1 && name[0] == '.')
		return w->cur;
	if (len == 2 && name[0] == '.' && name[1] == '.')
		return w->cur->dir.parent;
	*ent = ramfs_dir_lookup(w->fs, w->cur, name, len);
	return *ent ? (*ent)->node : NULL;
}

/* The path was nothing but slashes: it names the current directory. */
static long ramfs_walk_self(const ramfs_walk_t *w, ramfs_lookup_t *out)
{
	out->dir = w->cur->dir.parent;
	out->node = w->cur;
	out->ent = NULL;
	out->name[0] = '\0';
	out->len = 0;
	out->slash = true;
	return 0;
}

static long ramfs_walk_last(ramfs_walk_t *w, ramfs_node_t *node, ramfs_dirent_t *ent,
			    const char *name, size_t len, bool slash, ramfs_lookup_t *out)
{
	if (slash && node && !ramfs_is_dir(node))
		return -ENOTDIR;
	out->dir = w->cur;
	out->node = node;
	out->ent = ent;
	memcpy(out->name, name, len);
	out->name[len] = '\0';
	out->len = len;
	out->slash = slash;
	return 0;
}

long ramfs_path_walk(ramfs_t *fs, const ramfs_cred_t *cr, ramfs_node_t *at, const char *path,
		     unsigned flags, ramfs_lookup_t *out)
{
	size_t plen = strnlen(path, RAMFS_PATH_MAX);
	ramfs_walk_t w = { .fs = fs, .cr = cr, .cur = at && path[0] != '/' ? at : fs->root };

	if (plen == RAMFS_PATH_MAX)
		return -ENAMETOOLONG;
	if (plen == 0)
		return -ENOENT;
	memcpy(fs->walk_buf[0], path, plen + 1);
	w.p = fs->walk_buf[0];
	for (;;) {
		const char *name, *end, *rest;
		ramfs_dirent_t *ent;
		ramfs_node_t *node;
		long err;

		while (*w.p == '/')
			w.p++;
		if (!*w.p)
			return ramfs_walk_self(&w, out);
		name = w.p;
		for (end = name; *end && *end != '/'; end++)
			;
		if (end - name > RAMFS_NAME_MAX)
			return -ENAMETOOLONG;
		for (rest = end; *rest == '/'; rest++)
			;
		if (!ramfs_is_dir(w.cur))
			return -ENOTDIR;
		if (w.cur->nlink == 0)
			return -ENOENT; /* a removed directory (a handle's): empty for good */
		if ((err = ramfs_node_access(w.cur, cr, RAMFS_MAY_EXEC)) < 0)
			return err;
		node = ramfs_walk_child(&w, name, (size_t)(end - name), &ent);
		bool last = !*rest, slash = last && *end == '/';
		if (node && ramfs_is_link(node) && (!last || slash || (flags & RAMFS_WALK_FOLLOW))) {
			if ((err = ramfs_walk_follow(&w, node, last ? (slash ? "/" : "") : rest)) < 0)
				return err;
			continue;
		}
		if (last)
			return ramfs_walk_last(&w, node, ent, name, (size_t)(end - name), slash, out);
		if (!node)
			return -ENOENT;
		w.cur = node;
		w.p = rest;
	}
}
