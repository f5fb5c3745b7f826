// SPDX-License-Identifier: MIT
/*
 * The scheme operations: handles, open, and the I/O on them — ramfsd's
 * rules (daemons/ramfsd/ramfs_ops.c) over ext2 inodes.
 *
 * A handle is an index into d->files (1-based, the lowest free one
 * reused) holding a reference on its inode, this opening's offset and its
 * open flags. open follows POSIX: O_CREAT makes a regular file (a
 * directory with O_DIRECTORY: mkdir), O_EXCL refuses an existing name
 * without following a symlink there, O_NOFOLLOW refuses a symlink (ELOOP)
 * unless O_SYMLINK or O_PATH asks for the link itself, O_TRUNC empties a
 * regular file opened for writing. Read and write permission are checked
 * at open only; a read-only mount refuses opening for writing (EROFS).
 *
 * getdents lists the directory's records from the handle's position (a
 * byte offset into the directory; "." and ".." are records like the
 * others). A record that does not fit the caller's buffer is left for the
 * next call; not even one fitting is EINVAL.
 */
#include "ext2fsd_int.h"

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#define EXT2FSD_RW (EVENT_READ | EVENT_WRITE)

/* --- handles --------------------------------------------------------------- */

ext2fsd_file_t *ext2fsd_file_get(const ext2fsd_t *d, uint64_t h)
{
	return h >= 1 && h <= d->files_cap ? d->files[h - 1] : NULL;
}

/* A new handle on ip, which it takes a reference on. */
static long ext2fsd_file_add(ext2fsd_t *d, ext2_inode_t *ip, uint64_t pos, int flags)
{
	ext2fsd_file_t *f = malloc(sizeof(*f));
	size_t i = d->files_low;

	if (!f)
		return -ENOMEM;
	while (i < d->files_cap && d->files[i])
		i++;
	if (i == d->files_cap) {
		size_t cap = d->files_cap ? d->files_cap * 2 : 16;
		ext2fsd_file_t **t = realloc(d->files, cap * sizeof(*t));
		if (!t) {
			free(f);
			return -ENOMEM;
		}
		memset(t + d->files_cap, 0, (cap - d->files_cap) * sizeof(*t));
		d->files = t;
		d->files_cap = cap;
	}
	*f = (ext2fsd_file_t){ .ip = ip, .pos = pos, .flags = flags };
	ext2_iref(ip);
	d->files[i] = f;
	d->files_low = i + 1;
	return (long)i + 1;
}

static void ext2fsd_file_close(ext2fsd_t *d, uint64_t h)
{
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);

	if (!f)
		return;
	d->files[h - 1] = NULL;
	if (h - 1 < d->files_low)
		d->files_low = h - 1;
	ext2_iput(d->fs, f->ip);
	free(f);
}

ext2fsd_t *ext2fsd_create(ext2_fs_t *fs, uint64_t dev)
{
	ext2fsd_t *d = calloc(1, sizeof(*d));

	if (d) {
		d->fs = fs;
		d->dev = dev;
	}
	return d;
}

void ext2fsd_destroy(ext2fsd_t *d)
{
	for (size_t h = 1; h <= d->files_cap; h++)
		ext2fsd_file_close(d, h);
	free(d->files);
	free(d);
}

/* --- open -------------------------------------------------------------------- */

static bool ext2fsd_open_self(int flags)
{
	return (flags & ABI_O_SYMLINK) ||
	       (flags & (ABI_O_PATH | ABI_O_NOFOLLOW)) == (ABI_O_PATH | ABI_O_NOFOLLOW);
}

/* What may be done with an existing inode opened with flags. */
static long ext2fsd_open_check(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2_inode_t *ip,
			       int flags)
{
	int acc = flags & O_ACCMODE;
	unsigned want = acc == O_RDONLY ? EXT2FSD_MAY_READ
			: acc == O_WRONLY ? EXT2FSD_MAY_WRITE
					  : EXT2FSD_MAY_READ | EXT2FSD_MAY_WRITE;

	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	if ((flags & O_DIRECTORY) && !ext2_inode_is_dir(ip))
		return -ENOTDIR;
	if (ext2_inode_is_link(ip)) {
		if (!ext2fsd_open_self(flags))
			return -ELOOP;  /* only reached with O_NOFOLLOW */
		return acc == O_RDONLY || (flags & ABI_O_PATH) ? 0 : -EINVAL;
	}
	if (flags & ABI_O_PATH)
		return 0;
	if (ext2_inode_is_dir(ip) &&
	    (acc != O_RDONLY || (flags & (O_CREAT | O_DIRECTORY)) == O_CREAT))
		return -EISDIR;
	if (acc != O_RDONLY && ext2_read_only(d->fs))
		return -EROFS;
	return ext2fsd_access(ip, cr, want);
}

static long ext2fsd_open_create(ext2fsd_t *d, const ext2fsd_cred_t *cr, ext2fsd_lookup_t *lk,
				int flags, unsigned mode)
{
	uint16_t type = 0100000;

	if (flags & O_DIRECTORY)
		type = 0040000;
	else if (lk->slash)
		return -EISDIR;
	if (flags & ABI_O_PATH)
		return -EINVAL;
	return ext2fsd_name_create(d, cr, lk, (uint16_t)(type | (mode & 07777)));
}

static long ext2fsd_open_at(ext2fsd_t *d, scheme_call_t *c, ext2_inode_t *at, const char *path,
			    int flags, unsigned mode)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	bool excl = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
	unsigned walk = (flags & (ABI_O_NOFOLLOW | ABI_O_SYMLINK)) || excl
				? 0 : EXT2FSD_WALK_FOLLOW;
	ext2fsd_lookup_t lk;
	long err, h;

	if ((flags & O_ACCMODE) == O_ACCMODE)
		return -EINVAL;
	if ((err = ext2fsd_path_walk(d, &cr, at, path, walk, &lk)) < 0)
		return err;
	if (!lk.node) {
		err = flags & O_CREAT ? ext2fsd_open_create(d, &cr, &lk, flags, mode) : -ENOENT;
	} else if ((err = ext2fsd_open_check(d, &cr, lk.node, flags)) == 0 &&
		   (flags & O_TRUNC) && ext2_inode_is_reg(lk.node) &&
		   (flags & O_ACCMODE) != O_RDONLY && !(flags & ABI_O_PATH) &&
		   ext2_inode_size(lk.node)) {
		if ((err = ext2_file_truncate(d->fs, lk.node, 0)) == 0)
			ext2fsd_modified(d, lk.node, &cr);
	}
	h = err ? err : ext2fsd_file_add(d, lk.node, 0, flags);
	ext2fsd_lookup_put(d, &lk);
	if (h >= 0)
		c->events = EXT2FSD_RW;
	return h;
}

static long ext2fsd_op_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	return ext2fsd_open_at(st, c, NULL, path, flags, c->mode);
}

/* DUP: "" is a new handle on the same inode; a path opens relative to a
 * directory handle (openat), read-only as ramfsd does. */
static long ext2fsd_op_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	long nh;

	if (!f)
		return -EBADF;
	if (*path) {
		if (!ext2_inode_is_dir(f->ip))
			return -ENOTDIR;
		return ext2fsd_open_at(d, c, f->ip, path, O_RDONLY, 0);
	}
	if ((nh = ext2fsd_file_add(d, f->ip, f->pos, f->flags)) >= 0)
		c->events = EXT2FSD_RW;
	return nh;
}

static void ext2fsd_op_close(void *st, scheme_call_t *c, uint64_t h)
{
	(void)c;
	ext2fsd_file_close(st, h);
}

/* --- reading and writing ---------------------------------------------------- */

static long ext2fsd_op_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	long n;

	(void)c;
	if (!f)
		return -EBADF;
	if (len && !buf)
		return -EFAULT;
	if (ext2_inode_is_link(f->ip))
		return ext2_symlink_read(d->fs, f->ip, buf, len);
	if ((f->flags & ABI_O_PATH) || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (ext2_inode_is_dir(f->ip))
		return -EISDIR;
	n = ext2_file_read(d->fs, f->ip, f->pos, buf, len);
	if (n > 0) {
		f->pos += (uint64_t)n;
		ext2fsd_accessed(d, f->ip);
	}
	return n;
}

static long ext2fsd_op_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	long n;

	if (!f)
		return -EBADF;
	if ((f->flags & ABI_O_PATH) || (f->flags & O_ACCMODE) == O_RDONLY ||
	    ext2_inode_is_link(f->ip))
		return -EBADF;
	if (len && !buf)
		return -EFAULT;
	if (c->file_flags & O_APPEND)
		f->pos = ext2_inode_size(f->ip);
	if (len == 0)
		return 0;
	if (len > INT64_MAX)
		len = INT64_MAX;
	n = ext2_file_write(d->fs, f->ip, f->pos, buf, len);
	if (n > 0) {
		f->pos += (uint64_t)n;
		ext2fsd_modified(d, f->ip, &cr);
	}
	return n;
}

static long ext2fsd_seek_dir(ext2fsd_file_t *f, int64_t off, int whence)
{
	if (whence == SEEK_SET && off >= 0)
		f->pos = (uint64_t)off;
	else if (!(whence == SEEK_CUR && off == 0))
		return -EINVAL;
	return (long)f->pos;
}

static long ext2fsd_op_seek(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	int64_t base, pos;

	(void)c;
	if (!f)
		return -EBADF;
	if (ext2_inode_is_dir(f->ip))
		return ext2fsd_seek_dir(f, off, whence);
	if (whence == ABI_SEEK_DATA || whence == ABI_SEEK_HOLE) {
		if (!ext2_inode_is_reg(f->ip) || off < 0)
			return off < 0 ? -ENXIO : -EINVAL;
		long r = ext2_file_seek_data(d->fs, f->ip, (uint64_t)off, whence == ABI_SEEK_DATA);
		if (r >= 0)
			f->pos = (uint64_t)r;
		return r;
	}
	if (whence == SEEK_SET)
		base = 0;
	else if (whence == SEEK_CUR)
		base = (int64_t)f->pos;
	else if (whence == SEEK_END)
		base = (int64_t)ext2_inode_size(f->ip);
	else
		return -EINVAL;
	if (__builtin_add_overflow(base, off, &pos) || pos < 0)
		return -EINVAL;
	f->pos = (uint64_t)pos;
	return pos;
}

/* --- directories ------------------------------------------------------------ */

static uint8_t ext2fsd_dirent_type(uint8_t ft)
{
	static const uint8_t map[] = {
		[EXT2_FT_REG_FILE] = ABI_DT_REG, [EXT2_FT_DIR] = ABI_DT_DIR,
		[EXT2_FT_CHRDEV] = ABI_DT_CHR,   [EXT2_FT_BLKDEV] = 6,
		[EXT2_FT_FIFO] = ABI_DT_FIFO,    [EXT2_FT_SOCK] = ABI_DT_SOCK,
		[EXT2_FT_SYMLINK] = ABI_DT_LNK,
	};

	return ft < sizeof(map) ? map[ft] : ABI_DT_UNKNOWN;
}

/* Appends one record at buf + *used if it fits; false if it does not. */
static bool ext2fsd_dirent_put(char *buf, size_t len, size_t *used, const ext2_entry_t *e)
{
	size_t head = offsetof(abi_dirent_t, name);
	size_t rec = (head + e->len + 1 + 7) & ~(size_t)7;
	char *p = buf + *used;
	uint64_t ino = e->ino;
	uint16_t reclen = (uint16_t)rec;
	uint8_t type = ext2fsd_dirent_type(e->type);

	if (rec > len - *used)
		return false;
	memset(p, 0, rec);      /* the padding, so no daemon bytes leak */
	memcpy(p + offsetof(abi_dirent_t, ino), &ino, sizeof(ino));
	memcpy(p + offsetof(abi_dirent_t, reclen), &reclen, sizeof(reclen));
	memcpy(p + offsetof(abi_dirent_t, type), &type, sizeof(type));
	memcpy(p + head, e->name, e->len);
	*used += rec;
	return true;
}

static long ext2fsd_op_getdents(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	size_t used = 0;
	ext2_entry_t e;
	int r = 0;

	if (!f)
		return -EBADF;
	if (!ext2_inode_is_dir(f->ip))
		return -ENOTDIR;
	if ((f->flags & ABI_O_PATH) && ext2fsd_access(f->ip, &cr, EXT2FSD_MAY_READ) < 0)
		return -EACCES; /* O_PATH skipped the check open makes */
	if (f->ip->d->i_links_count == 0)
		return 0;       /* removed directories list nothing, not even "." */
	if (!buf)
		return -EFAULT;
	for (;;) {
		uint64_t pos = f->pos;
		if ((r = ext2_dir_next(d->fs, f->ip, &pos, &e)) <= 0)
			break;
		if (!ext2fsd_dirent_put(buf, len, &used, &e))
			break;
		f->pos = pos;
	}
	if (r < 0 && used == 0)
		return r;
	if (used == 0 && r > 0)
		return -EINVAL; /* not even one record fits */
	ext2fsd_accessed(d, f->ip);
	return (long)used;
}

static long ext2fsd_op_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	(void)c;
	return ext2fsd_file_get(st, h) ? (long)(wanted & EXT2FSD_RW) : -EBADF;
}

/* --- names ------------------------------------------------------------------ */

static long ext2fsd_op_unlink(void *st, scheme_call_t *c, const char *path)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);

	return ext2fsd_unlink_path(st, &cr, path);
}

static long ext2fsd_op_rmdir(void *st, scheme_call_t *c, const char *path)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);

	return ext2fsd_rmdir_path(st, &cr, path);
}

static long ext2fsd_op_rename(void *st, scheme_call_t *c, const char *from, const char *to)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);

	return ext2fsd_rename_path(st, &cr, from, to);
}

static long ext2fsd_op_link(void *st, scheme_call_t *c, const char *from, const char *to)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);

	return ext2fsd_link_path(st, &cr, from, to);
}

static long ext2fsd_op_symlink(void *st, scheme_call_t *c, const char *target, const char *path)
{
	ext2fsd_cred_t cr = ext2fsd_cred(c);

	return ext2fsd_symlink_path(st, &cr, target, path);
}

const scheme_ops_t ext2fsd_ops = {
	.open = ext2fsd_op_open,
	.dup = ext2fsd_op_dup,
	.close = ext2fsd_op_close,
	.read = ext2fsd_op_read,
	.write = ext2fsd_op_write,
	.seek = ext2fsd_op_seek,
	.fstat = ext2fsd_op_fstat,
	.fstatvfs = ext2fsd_op_fstatvfs,
	.fsync = ext2fsd_op_fsync,
	.ftruncate = ext2fsd_op_ftruncate,
	.fchmod = ext2fsd_op_fchmod,
	.fchown = ext2fsd_op_fchown,
	.getdents = ext2fsd_op_getdents,
	.futimens = ext2fsd_op_futimens,
	.unlink = ext2fsd_op_unlink,
	.rmdir = ext2fsd_op_rmdir,
	.rename = ext2fsd_op_rename,
	.link = ext2fsd_op_link,
	.symlink = ext2fsd_op_symlink,
	.fevent = ext2fsd_op_fevent,
};
