// SPDX-License-Identifier: MIT
/*
 * The scheme operations: handles, open, and the I/O on them.
 *
 * A handle is an index into fs->files (1-based, the lowest free one
 * reused, like descriptors) holding the node, this opening's offset and
 * its open flags. The handle keeps the node alive (opens), so reading and
 * writing an unlinked file works until the last close.
 *
 * open follows POSIX: O_CREAT makes a regular file (a directory with
 * O_DIRECTORY: that is mkdir), O_EXCL refuses an existing name without
 * following a symlink there, O_NOFOLLOW refuses a symlink (ELOOP) unless
 * O_SYMLINK or O_PATH asks for the link itself, O_TRUNC empties a regular
 * file opened for writing. Permission to read or write is checked at open only, as
 * POSIX has it; a file just created is not checked against its own mode.
 * O_APPEND is taken from each READ/WRITE (fcntl may change it), not from
 * the open.
 *
 * Directory handles read with GETDENTS: ".", "..", then the entries from
 * the handle's cookie on (ramfs_dir.c explains why that is stable).
 */
#include "ramfs_int.h"

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define RAMFS_RW (EVENT_READ | EVENT_WRITE)

/* On the host <fcntl.h> is the C library's, which may lack Tessera's flags. */
#ifdef O_SYMLINK
_Static_assert(O_SYMLINK == RAMFS_O_SYMLINK && O_PATH == RAMFS_O_PATH &&
	       O_NOFOLLOW == RAMFS_O_NOFOLLOW, "ramfs.h follows abi/fcntl.h");
#endif

/* --- handles --------------------------------------------------------------- */

ramfs_file_t *ramfs_file_get(const ramfs_t *fs, uint64_t h)
{
	return h >= 1 && h <= fs->files_cap ? fs->files[h - 1] : NULL;
}

static long ramfs_file_add(ramfs_t *fs, ramfs_node_t *n, uint64_t pos, int flags)
{
	ramfs_file_t *f = malloc(sizeof(*f));
	size_t i = fs->files_low;

	if (!f)
		return -ENOMEM;
	while (i < fs->files_cap && fs->files[i])
		i++;
	if (i == fs->files_cap) {
		size_t cap = fs->files_cap ? fs->files_cap * 2 : 16;
		ramfs_file_t **t = realloc(fs->files, cap * sizeof(*t));
		if (!t) {
			free(f);
			return -ENOMEM;
		}
		memset(t + fs->files_cap, 0, (cap - fs->files_cap) * sizeof(*t));
		fs->files = t;
		fs->files_cap = cap;
	}
	*f = (ramfs_file_t){ .node = n, .pos = pos, .flags = flags };
	fs->files[i] = f;
	fs->files_low = i + 1;
	n->opens++;
	return (long)i + 1;
}

static void ramfs_file_close(ramfs_t *fs, uint64_t h)
{
	ramfs_file_t *f = ramfs_file_get(fs, h);

	if (!f)
		return;
	fs->files[h - 1] = NULL;
	if (h - 1 < fs->files_low)
		fs->files_low = h - 1;
	f->node->opens--;
	ramfs_node_put(fs, f->node);
	free(f);
}

void ramfs_files_fini(ramfs_t *fs)
{
	for (size_t h = 1; h <= fs->files_cap; h++)
		ramfs_file_close(fs, h);
	free(fs->files);
	fs->files = NULL;
	fs->files_cap = fs->files_low = 0;
}

/* --- open -------------------------------------------------------------------- */

/* Whether flags open a symbolic link itself rather than what it names. */
static bool ramfs_open_self(int flags)
{
	return (flags & RAMFS_O_SYMLINK) ||
	       (flags & (RAMFS_O_PATH | RAMFS_O_NOFOLLOW)) == (RAMFS_O_PATH | RAMFS_O_NOFOLLOW);
}

/* What may be done with an existing node opened with flags. */
static long ramfs_open_check(const ramfs_cred_t *cr, ramfs_node_t *n, int flags)
{
	int acc = flags & O_ACCMODE;
	unsigned want = acc == O_RDONLY ? RAMFS_MAY_READ
			: acc == O_WRONLY ? RAMFS_MAY_WRITE
					  : RAMFS_MAY_READ | RAMFS_MAY_WRITE;

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if ((flags & O_DIRECTORY) && !ramfs_is_dir(n))
		return -ENOTDIR;
	if (ramfs_is_link(n)) {
		if (!ramfs_open_self(flags))
			return -ELOOP;  /* only reached with O_NOFOLLOW */
		return acc == O_RDONLY || (flags & RAMFS_O_PATH) ? 0 : -EINVAL;
	}
	if (flags & RAMFS_O_PATH)
		return 0;
	if (ramfs_is_dir(n) && (acc != O_RDONLY || (flags & (O_CREAT | O_DIRECTORY)) == O_CREAT))
		return -EISDIR;
	return ramfs_node_access(n, cr, want);
}

/* Creates the missing last component of lk for open. */
static long ramfs_open_create(ramfs_t *fs, const ramfs_cred_t *cr, ramfs_lookup_t *lk,
			      int flags, unsigned mode, ramfs_node_t **out)
{
	uint32_t type = ABI_S_IFREG;

	if (flags & O_DIRECTORY)
		type = ABI_S_IFDIR;
	else if (lk->slash)
		return -EISDIR;
	if (flags & RAMFS_O_PATH)
		return -EINVAL;
	return ramfs_name_create(fs, cr, lk, type | (mode & 07777), out);
}

long ramfs_open_at(ramfs_t *fs, scheme_call_t *c, ramfs_node_t *at, const char *path,
		   int flags, unsigned mode)
{
	ramfs_cred_t cr = ramfs_cred(c);
	bool excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
	unsigned walk = (flags & (RAMFS_O_NOFOLLOW | RAMFS_O_SYMLINK)) || excl
				? 0 : RAMFS_WALK_FOLLOW;
	ramfs_lookup_t lk;
	ramfs_node_t *n;
	long err, h;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((err = ramfs_path_walk(fs, &cr, at, path, walk, &lk)) < 0)
		return err;
	if (!lk.node) {
		if (!(flags & O_CREAT))
			return -ENOENT;
		if ((err = ramfs_open_create(fs, &cr, &lk, flags, mode, &n)) < 0)
			return err;
	} else {
		n = lk.node;
		if ((err = ramfs_open_check(&cr, n, flags)) < 0)
			return err;
		if ((flags & O_TRUNC) && ramfs_is_reg(n) && (flags & O_ACCMODE) != O_RDONLY &&
		    !(flags & RAMFS_O_PATH) && n->data.size) {
			ramfs_data_truncate(fs, &n->data, 0);
			ramfs_node_touch(fs, n);
		}
	}
	if ((h = ramfs_file_add(fs, n, 0, flags)) < 0)
		return h;
	c->events = RAMFS_RW;
	return h;
}

static long ramfs_op_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	return ramfs_open_at(st, c, NULL, path, flags, c->mode);
}

/*
 * DUP: "" is a new handle on the same node with the same flags and
 * offset; a path opens relative to a directory handle (openat), read-only
 * for now: the request does not carry the new file's flags to the op.
 */
static long ramfs_op_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	long nh;

	if (!f)
		return -EBADF;
	if (*path) {
		if (!ramfs_is_dir(f->node))
			return -ENOTDIR;
		return ramfs_open_at(fs, c, f->node, path, O_RDONLY, 0);
	}
	if ((nh = ramfs_file_add(fs, f->node, f->pos, f->flags)) >= 0)
		c->events = RAMFS_RW;
	return nh;
}

static void ramfs_op_close(void *st, scheme_call_t *c, uint64_t h)
{
	(void)c;
	ramfs_file_close(st, h);
}

/* --- reading and writing -------------------------------------------------- */

/* A handle on a symlink (O_SYMLINK) reads its target: readlink. */
static long ramfs_read_link(const ramfs_node_t *n, void *buf, size_t len)
{
	size_t cnt = n->link.len < len ? n->link.len : len;

	memcpy(buf, n->link.target, cnt);
	return (long)cnt;
}

static long ramfs_op_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	long n;

	(void)c;
	if (!f)
		return -EBADF;
	if (ramfs_is_link(f->node))
		return buf || !len ? ramfs_read_link(f->node, buf, len) : -EFAULT;
	if ((f->flags & RAMFS_O_PATH) || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (ramfs_is_dir(f->node))
		return -EISDIR;
	if (len && !buf)
		return -EFAULT;
	n = ramfs_data_read(fs, &f->node->data, f->pos, buf, len);
	if (n > 0) {
		f->pos += (uint64_t)n;
		ramfs_node_accessed(fs, f->node);
	}
	return n;
}

static long ramfs_op_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	long n;

	if (!f)
		return -EBADF;
	if ((f->flags & RAMFS_O_PATH) || (f->flags & O_ACCMODE) == O_RDONLY ||
	    ramfs_is_link(f->node))
		return -EBADF;
	if (len && !buf)
		return -EFAULT;
	if (c->file_flags & O_APPEND)
		f->pos = f->node->data.size;
	if (len == 0)
		return 0;
	n = ramfs_data_write(fs, &f->node->data, f->pos, buf, len);
	if (n > 0) {
		f->pos += (uint64_t)n;
		ramfs_node_touch(fs, f->node);
		ramfs_node_written(fs, f->node, &cr);
	}
	return n;
}

static long ramfs_seek_dir(ramfs_file_t *f, int64_t off, int whence)
{
	if (whence == SEEK_SET && off >= 0)
		f->pos = (uint64_t)off;
	else if (!(whence == SEEK_CUR && off == 0))
		return -EINVAL;
	return (long)f->pos;
}

static long ramfs_op_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	ramfs_file_t *f = ramfs_file_get(st, h);
	int64_t base, pos;

	(void)c;
	if (!f)
		return -EBADF;
	if (ramfs_is_dir(f->node))
		return ramfs_seek_dir(f, off, whence);
	uint64_t size = ramfs_is_reg(f->node) ? f->node->data.size : f->node->link.len;
	if (whence == RAMFS_SEEK_DATA || whence == RAMFS_SEEK_HOLE) {
		if (!ramfs_is_reg(f->node) || off < 0)
			return off < 0 ? -ENXIO : -EINVAL;
		long r = ramfs_data_seek(&f->node->data, (uint64_t)off, whence);
		if (r >= 0)
			f->pos = (uint64_t)r;
		return r;
	}
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)f->pos;
	else if (whence == SEEK_END)
		base = (int64_t)size;
	else
		return -EINVAL;
	if (__builtin_add_overflow(base, off, &pos) || pos < 0)
		return -EINVAL;
	f->pos = (uint64_t)pos;
	return pos;
}

/* --- directories ------------------------------------------------------------ */

static uint8_t ramfs_dirent_type(const ramfs_node_t *n)
{
	return ramfs_is_dir(n) ? ABI_DT_DIR : ramfs_is_link(n) ? ABI_DT_LNK : ABI_DT_REG;
}

/* Appends one record at buf + *used if it fits; false if it does not. */
static bool ramfs_dirent_put(char *buf, size_t len, size_t *used, uint64_t ino, uint8_t type,
			     const char *name, size_t nlen)
{
	size_t head = offsetof(abi_dirent_t, name);
	size_t rec = (head + nlen + 1 + 7) & ~(size_t)7;
	char *p = buf + *used;
	uint16_t reclen = (uint16_t)rec;

	if (rec > len - *used)
		return false;
	memset(p, 0, rec);      /* the padding, so no daemon bytes leak */
	memcpy(p + offsetof(abi_dirent_t, ino), &ino, sizeof(ino));
	memcpy(p + offsetof(abi_dirent_t, reclen), &reclen, sizeof(reclen));
	memcpy(p + offsetof(abi_dirent_t, type), &type, sizeof(type));
	memcpy(p + head, name, nlen);
	*used += rec;
	return true;
}

/* The record at the handle's position; false at the end. */
static bool ramfs_getdents_next(ramfs_file_t *f, char *buf, size_t len, size_t *used)
{
	ramfs_node_t *d = f->node;
	ramfs_dirent_t *e;

	if (f->pos == RAMFS_COOKIE_DOT) {
		if (!ramfs_dirent_put(buf, len, used, d->ino, ABI_DT_DIR, ".", 1))
			return false;
		f->pos = RAMFS_COOKIE_DOTDOT;
	} else if (f->pos == RAMFS_COOKIE_DOTDOT) {
		if (!ramfs_dirent_put(buf, len, used, d->dir.parent->ino, ABI_DT_DIR, "..", 2))
			return false;
		f->pos = RAMFS_COOKIE_FIRST;
	} else {
		if (!(e = ramfs_dir_from(d, f->pos))) {
			f->pos = RAMFS_COOKIE_END;
			return false;
		}
		if (!ramfs_dirent_put(buf, len, used, e->node->ino, ramfs_dirent_type(e->node),
				      e->name, e->len))
			return false;
		f->pos = e->cookie + 1;
	}
	return true;
}

static long ramfs_op_getdents(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	size_t used = 0;

	if (!f)
		return -EBADF;
	if (!ramfs_is_dir(f->node))
		return -ENOTDIR;
	if ((f->flags & RAMFS_O_PATH) && ramfs_node_access(f->node, &cr, RAMFS_MAY_READ) < 0)
		return -EACCES; /* O_PATH skipped the check open makes */
	if (f->node->nlink == 0 || f->pos >= RAMFS_COOKIE_END)
		return 0;       /* removed directories list nothing, not even "." */
	if (!buf)
		return -EFAULT;
	while (ramfs_getdents_next(f, buf, len, &used))
		;
	if (used == 0 && f->pos != RAMFS_COOKIE_END)
		return -EINVAL; /* not even one record fits */
	ramfs_node_accessed(fs, f->node);
	return (long)used;
}

static long ramfs_op_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c;
	return ramfs_file_get(st, h) ? (long)(wanted & RAMFS_RW) : -EBADF;
}

/* --- names ------------------------------------------------------------------ */

static long ramfs_op_unlink(void *st, scheme_call_t *c, const char *path)
{
	ramfs_cred_t cr = ramfs_cred(c);

	return ramfs_unlink_path(st, &cr, path);
}

static long ramfs_op_rmdir(void *st, scheme_call_t *c, const char *path)
{
	ramfs_cred_t cr = ramfs_cred(c);

	return ramfs_rmdir_path(st, &cr, path);
}

static long ramfs_op_rename(void *st, scheme_call_t *c, const char *from, const char *to)
{
	ramfs_cred_t cr = ramfs_cred(c);

	return ramfs_rename_path(st, &cr, from, to);
}

static long ramfs_op_symlink(void *st, scheme_call_t *c, const char *target, const char *path)
{
	ramfs_cred_t cr = ramfs_cred(c);

	return ramfs_symlink_path(st, &cr, target, path);
}

static long ramfs_op_link(void *st, scheme_call_t *c, const char *from, const char *to)
{
	ramfs_cred_t cr = ramfs_cred(c);

	return ramfs_link_path(st, &cr, from, to);
}

static long ramfs_op_futimens(void *st, scheme_call_t *c, uint64_t h, const void *times)
{
	return ramfs_futimens(st, c, h, times);
}

const scheme_ops_t ramfs_ops = {
	.open = ramfs_op_open,
	.dup = ramfs_op_dup,
	.close = ramfs_op_close,
	.read = ramfs_op_read,
	.write = ramfs_op_write,
	.seek = ramfs_op_seek,
	.fstat = ramfs_op_fstat,
	.fstatvfs = ramfs_op_fstatvfs,
	.fsync = ramfs_op_fsync,
	.ftruncate = ramfs_op_ftruncate,
	.fchmod = ramfs_op_fchmod,
	.fchown = ramfs_op_fchown,
	.getdents = ramfs_op_getdents,
	.futimens = ramfs_op_futimens,
	.unlink = ramfs_op_unlink,
	.rmdir = ramfs_op_rmdir,
	.rename = ramfs_op_rename,
	.link = ramfs_op_link,
	.symlink = ramfs_op_symlink,
	.fevent = ramfs_op_fevent,
};
