// SPDX-License-Identifier: MIT
/*
 * Path lookup, as ramfsd does it (daemons/ramfsd/ramfs_path.c): component
 * by component from the root or a directory handle, search permission
 * checked on every directory passed through, symbolic links expanded in
 * place (the rest of the path rewritten as "target/rest" in the other of
 * two buffers), at most EXT2FSD_LINK_MAX of them, the last component
 * followed only when asked or when a trailing slash requires a directory.
 *
 * The difference is that the tree is on disk: each step looks the name up
 * in the directory's records and takes a reference on the inode it
 * names, dropping the one on the directory it leaves; ".." is the
 * directory's own ".." record (the root's names the root). A directory
 * removed while a handle kept it (links 0) resolves nothing.
 *
 * Permissions are the POSIX classes (owner, group, others; the request
 * carries no supplementary groups); root may read and write anything and
 * search any directory, and execute a file with some execute bit set.
 */
#include "ext2fsd_int.h"

#include <errno.h>
#include <string.h>

bool ext2fsd_owner(const ext2_inode_t *ip, const ext2fsd_cred_t *cr)
{
	return cr->uid == 0 || cr->uid == ext2_inode_uid(ip);
}

long ext2fsd_access(const ext2_inode_t *ip, const ext2fsd_cred_t *cr, unsigned want)
{
	uint16_t mode = ext2_inode_mode(ip);
	unsigned bits;

	if (cr->uid == 0) {
		if (!(want & EXT2FSD_MAY_EXEC) || ext2_inode_is_dir(ip) || (mode & 0111))
			return 0;
		return -EACCES;
	}
	if (cr->uid == ext2_inode_uid(ip))
		bits = (mode >> 6) & 7;
	else if (cr->gid == ext2_inode_gid(ip))
		bits = (mode >> 3) & 7;
	else
		bits = mode & 7;
	return (bits & want) == want ? 0 : -EACCES;
}

long ext2fsd_parent(ext2fsd_t *d, ext2_inode_t *dir, uint32_t *ino)
{
	if (dir->ino == EXT2_ROOT_INO) {
		*ino = EXT2_ROOT_INO;
		return 0;
	}
	return ext2_dir_lookup(d->fs, dir, "..", 2, ino);
}

void ext2fsd_lookup_put(ext2fsd_t *d, ext2fsd_lookup_t *lk)
{
	ext2_iput(d->fs, lk->node);
	ext2_iput(d->fs, lk->dir);
	lk->node = lk->dir = NULL;
}

typedef struct ext2fsd_walk {
	ext2fsd_t *d;
	ext2_inode_t *cur;      /* the directory being walked (referenced) */
	const char *p;          /* what is left of the path */
	int buf;                /* which walk_buf p is in */
	unsigned links;
} ext2fsd_walk_t;

/* Moves the walk to inode ino (dropping the current directory). */
static long ext2fsd_walk_goto(ext2fsd_walk_t *w, uint32_t ino)
{
	ext2_inode_t *ip;
	long err = ext2_iget(w->d->fs, ino, &ip);

	if (err)
		return err;
	ext2_iput(w->d->fs, w->cur);
	w->cur = ip;
	return 0;
}

/* Continues the walk at link's target followed by rest (may be ""). */
static long ext2fsd_walk_follow(ext2fsd_walk_t *w, ext2_inode_t *link, const char *rest)
{
	char *out = w->d->walk_buf[w->buf ^ 1];
	size_t rlen = strlen(rest);
	long tlen;

	if (++w->links > EXT2FSD_LINK_MAX)
		return -ELOOP;
	tlen = ext2_symlink_read(w->d->fs, link, w->d->link_buf, EXT2FSD_PATH_MAX);
	if (tlen < 0)
		return tlen;
	if (tlen == 0)
		return -ENOENT;
	if ((size_t)tlen + 1 + rlen >= EXT2FSD_PATH_MAX)
		return -ENAMETOOLONG;
	memcpy(out, w->d->link_buf, (size_t)tlen);
	out[tlen] = '/';
	memcpy(out + tlen + 1, rest, rlen + 1);
	if (!*rest)
		out[tlen] = '\0';
	w->p = out;
	w->buf ^= 1;
	if (out[0] == '/')
		return ext2fsd_walk_goto(w, EXT2_ROOT_INO);
	return 0;
}

/* The inode `name` names in the current directory (referenced), or NULL. */
static long ext2fsd_walk_child(ext2fsd_walk_t *w, const char *name, size_t len,
			       ext2_inode_t **out)
{
	uint32_t ino;
	long err;

	*out = NULL;
	if (len == 1 && name[0] == '.') {
		ext2_iref(w->cur);
		*out = w->cur;
		return 0;
	}
	if (len == 2 && name[0] == '.' && name[1] == '.')
		err = ext2fsd_parent(w->d, w->cur, &ino);
	else
		err = ext2_dir_lookup(w->d->fs, w->cur, name, len, &ino);
	if (err == -ENOENT)
		return 0;
	if (err)
		return err;
	return ext2_iget(w->d->fs, ino, out);
}

/* The path was nothing but slashes: it names the current directory. */
static long ext2fsd_walk_self(ext2fsd_walk_t *w, ext2fsd_lookup_t *out)
{
	uint32_t ino;
	long err = ext2fsd_parent(w->d, w->cur, &ino);

	if (!err)
		err = ext2_iget(w->d->fs, ino, &out->dir);
	if (err) {
		ext2_iput(w->d->fs, w->cur);
		return err;
	}
	out->node = w->cur;
	out->name[0] = '\0';
	out->len = 0;
	out->slash = true;
	return 0;
}

static long ext2fsd_walk_step(ext2fsd_walk_t *w, unsigned flags, ext2fsd_lookup_t *out,
			      bool *done)
{
	const char *name = w->p, *end, *rest;
	ext2_inode_t *node;
	long err;

	for (end = name; *end && *end != '/'; end++)
		;
	if (end - name > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	for (rest = end; *rest == '/'; rest++)
		;
	if (!ext2_inode_is_dir(w->cur))
		return -ENOTDIR;
	if (w->cur->d->i_links_count == 0)
		return -ENOENT; /* a removed directory (a handle's): empty for good */
	if ((err = ext2fsd_walk_child(w, name, (size_t)(end - name), &node)) < 0)
		return err;
	bool last = !*rest, slash = last && *end == '/';
	if (node && ext2_inode_is_link(node) && (!last || slash || (flags & EXT2FSD_WALK_FOLLOW))) {
		err = ext2fsd_walk_follow(w, node, last ? (slash ? "/" : "") : rest);
		ext2_iput(w->d->fs, node);
		return err;
	}
	if (last) {
		if (slash && node && !ext2_inode_is_dir(node)) {
			ext2_iput(w->d->fs, node);
			return -ENOTDIR;
		}
		out->dir = w->cur;
		out->node = node;
		memcpy(out->name, name, (size_t)(end - name));
		out->name[end - name] = '\0';
		out->len = (size_t)(end - name);
		out->slash = slash;
		*done = true;
		return 0;
	}
	if (!node)
		return -ENOENT;
	ext2_iput(w->d->fs, w->cur);
	w->cur = node;
	w->p = rest;
	return 0;
}

long ext2fsd_path_walk(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2_inode_t *at,
		       const char *path, unsigned flags, ext2fsd_lookup_t *out)
{
	size_t plen = strnlen(path, EXT2FSD_PATH_MAX);
	ext2fsd_walk_t w = { .d = d };
	long err;

	memset(out, 0, sizeof(*out));
	if (plen == EXT2FSD_PATH_MAX)
		return -ENAMETOOLONG;
	if (plen == 0)
		return -ENOENT;
	if (at && path[0] != '/') {
		ext2_iref(at);
		w.cur = at;
	} else if ((err = ext2_iget(d->fs, EXT2_ROOT_INO, &w.cur))) {
		return err;
	}
	memcpy(d->walk_buf[0], path, plen + 1);
	w.p = d->walk_buf[0];
	for (;;) {
		bool done = false;
		while (*w.p == '/')
			w.p++;
		if (!*w.p)
			return ext2fsd_walk_self(&w, out);
		if (ext2_inode_is_dir(w.cur) && w.cur->d->i_links_count &&
		    (err = ext2fsd_access(w.cur, cr, EXT2FSD_MAY_EXEC)) < 0)
			break;
		if ((err = ext2fsd_walk_step(&w, flags, out, &done)) < 0)
			break;
		if (done)
			return 0;
	}
	ext2_iput(d->fs, w.cur);
	return err;
}
