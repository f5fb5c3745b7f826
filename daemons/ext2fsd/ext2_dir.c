// SPDX-License-Identifier: MIT
/*
 * Directories: a directory's blocks are chains of records (ext2_disk.h),
 * each rec_len long, the last one of a block reaching its end. A record
 * with inode 0 is unused space; a record's rec_len may exceed what its
 * name needs, and that slack is where a new name goes.
 *
 *   - add: the first record whose slack (or which, unused, whose whole
 *     length) fits the new record is split; failing that the directory
 *     grows by one block holding just the new record.
 *   - remove: the record merges into the one before it in its block, or,
 *     first in its block, becomes unused (inode 0), as Linux does.
 *   - retarget: the record is re-pointed in place (rename over an
 *     existing name; a moved directory's "..").
 *
 * Hashed (htree) directories: their index blocks look like unused
 * records to this linear code, so reading them works. Any change clears
 * the directory's INDEX flag, because the index no longer describes the
 * blocks: e2fsck then sees a plain linear directory, which is valid (it
 * may rebuild the index with -D).
 *
 * Every record read is checked (length, alignment, name within it, not
 * crossing the block); a bad one is -EXT2_ECORRUPT rather than a wild read.
 */
#include "ext2_int.h"

#include <errno.h>
#include <string.h>

/* A found record: its block (held) and where it and the one before are. */
typedef struct ext2_dirloc {
	ext2_buf_t *b;
	uint32_t off;
	uint32_t prev;          /* UINT32_MAX: first in its block */
} ext2_dirloc_t;

static ext2_dirent_t *ext2_rec(const ext2_buf_t *b, uint32_t off)
{
	return (ext2_dirent_t *)(b->data + off);
}

static bool ext2_rec_ok(const ext2_fs_t *fs, const ext2_dirent_t *r, uint32_t off)
{
	return r->rec_len >= EXT2_DIRENT_HEAD + 4 && (r->rec_len & 3) == 0 &&
	       off + r->rec_len <= fs->bsize &&
	       EXT2_DIRENT_HEAD + r->name_len <= r->rec_len &&
	       (fs->filetype || r->file_type == 0);
}

static uint8_t ext2_ft(const ext2_fs_t *fs, uint16_t mode)
{
	if (!fs->filetype)
		return EXT2_FT_UNKNOWN;
	switch (mode & 0170000) {
	case 0100000: return EXT2_FT_REG_FILE;
	case 0040000: return EXT2_FT_DIR;
	case 0020000: return EXT2_FT_CHRDEV;
	case 0060000: return EXT2_FT_BLKDEV;
	case 0010000: return EXT2_FT_FIFO;
	case 0140000: return EXT2_FT_SOCK;
	case 0120000: return EXT2_FT_SYMLINK;
	}
	return EXT2_FT_UNKNOWN;
}

static uint64_t ext2_dir_blocks(const ext2_fs_t *fs, const ext2_inode_t *dir)
{
	return ext2_inode_size(dir) / fs->bsize;
}

/* The block lblk of dir (held), or NULL in *out for a hole. */
static int ext2_dir_block(ext2_fs_t *fs, ext2_inode_t *dir, uint64_t lblk, ext2_buf_t **out)
{
	uint32_t blk;
	int err;

	*out = NULL;
	if ((err = ext2_bmap(fs, dir, lblk, false, &blk, NULL)) || !blk)
		return err;
	return ext2_bread(fs, blk, out);
}

/* Finds name's record: 0 (loc->b held), -ENOENT, or -errno. */
static int ext2_dir_find(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len,
			 ext2_dirloc_t *loc)
{
	uint64_t n = ext2_dir_blocks(fs, dir);
	int err;

	for (uint64_t lblk = 0; lblk < n; lblk++) {
		ext2_buf_t *b;
		uint32_t off = 0, prev = UINT32_MAX;
		if ((err = ext2_dir_block(fs, dir, lblk, &b)))
			return err;
		while (b && off < fs->bsize) {
			ext2_dirent_t *r = ext2_rec(b, off);
			if (!ext2_rec_ok(fs, r, off)) {
				ext2_brelse(fs, b);
				return -EXT2_ECORRUPT;
			}
			if (r->inode && r->name_len == len && !memcmp(r->name, name, len)) {
				*loc = (ext2_dirloc_t){ b, off, prev };
				return 0;
			}
			prev = off;
			off += r->rec_len;
		}
		ext2_brelse(fs, b);
	}
	return -ENOENT;
}

/* A change to dir's records: the hash index, if any, is stale now. */
static void ext2_dir_changed(ext2_inode_t *dir)
{
	dir->d->i_flags &= ~EXT2_INDEX_FL;
}

int ext2_dir_lookup(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len,
		    uint32_t *ino)
{
	ext2_dirloc_t loc;
	int err = ext2_dir_find(fs, dir, name, len, &loc);

	if (err)
		return err;
	*ino = ext2_rec(loc.b, loc.off)->inode;
	ext2_brelse(fs, loc.b);
	return 0;
}

int ext2_dir_remove(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len)
{
	ext2_dirloc_t loc;
	int err;

	if (fs->ro)
		return -EROFS;
	if ((err = ext2_dir_find(fs, dir, name, len, &loc)))
		return err;
	ext2_dirent_t *r = ext2_rec(loc.b, loc.off);
	if (loc.prev != UINT32_MAX)
		ext2_rec(loc.b, loc.prev)->rec_len += r->rec_len;
	else
		r->inode = 0;
	ext2_bdirty(fs, loc.b);
	ext2_brelse(fs, loc.b);
	ext2_dir_changed(dir);
	return ext2_inode_dirty(fs, dir);
}

int ext2_dir_retarget(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len,
		      uint32_t ino, uint16_t mode)
{
	ext2_dirloc_t loc;
	int err;

	if (fs->ro)
		return -EROFS;
	if ((err = ext2_dir_find(fs, dir, name, len, &loc)))
		return err;
	ext2_dirent_t *r = ext2_rec(loc.b, loc.off);
	r->inode = ino;
	r->file_type = ext2_ft(fs, mode);
	ext2_bdirty(fs, loc.b);
	ext2_brelse(fs, loc.b);
	ext2_dir_changed(dir);
	return ext2_inode_dirty(fs, dir);
}

static void ext2_rec_fill(const ext2_fs_t *fs, ext2_dirent_t *r, const char *name, size_t len,
			  uint32_t ino, uint16_t mode)
{
	r->inode = ino;
	r->name_len = (uint8_t)len;
	r->file_type = ext2_ft(fs, mode);
	memcpy(r->name, name, len);
}

/* Puts the record in b's slack if some record there has room: true if so. */
static bool ext2_dir_fit(ext2_fs_t *fs, ext2_buf_t *b, const char *name, size_t len,
			 uint32_t ino, uint16_t mode, int *err)
{
	uint32_t need = EXT2_DIRENT_SIZE(len), off = 0;

	while (off < fs->bsize) {
		ext2_dirent_t *r = ext2_rec(b, off);
		if (!ext2_rec_ok(fs, r, off)) {
			*err = -EXT2_ECORRUPT;
			return false;
		}
		uint32_t used = r->inode ? EXT2_DIRENT_SIZE(r->name_len) : 0;
		if (r->rec_len >= used + need) {
			if (used) {
				ext2_dirent_t *n = ext2_rec(b, off + used);
				n->rec_len = (uint16_t)(r->rec_len - used);
				r->rec_len = (uint16_t)used;
				r = n;
			}
			ext2_rec_fill(fs, r, name, len, ino, mode);
			ext2_bdirty(fs, b);
			return true;
		}
		off += r->rec_len;
	}
	return false;
}

int ext2_dir_add(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint32_t ino,
		 uint16_t mode)
{
	uint64_t n = ext2_dir_blocks(fs, dir);
	uint32_t blk;
	ext2_buf_t *b;
	bool fresh;
	int err = 0;

	if (fs->ro)
		return -EROFS;
	if (!len || len > EXT2_NAME_LEN)
		return len ? -ENAMETOOLONG : -ENOENT;
	ext2_dir_changed(dir);
	for (uint64_t lblk = 0; lblk < n; lblk++) {
		if ((err = ext2_dir_block(fs, dir, lblk, &b)))
			return err;
		if (!b)
			continue;
		bool done = ext2_dir_fit(fs, b, name, len, ino, mode, &err);
		ext2_brelse(fs, b);
		if (err)
			return err;
		if (done)
			return ext2_inode_dirty(fs, dir);
	}
	if ((err = ext2_bmap(fs, dir, n, true, &blk, &fresh)) || (err = ext2_bzero(fs, blk, &b))) {
		ext2_inode_dirty(fs, dir);      /* i_blocks may count an indirect block */
		return err;
	}
	ext2_dirent_t *r = ext2_rec(b, 0);
	r->rec_len = (uint16_t)fs->bsize;
	ext2_rec_fill(fs, r, name, len, ino, mode);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	ext2_inode_size_set(fs, dir, (n + 1) * fs->bsize);
	return ext2_inode_dirty(fs, dir);
}

int ext2_dir_next(ext2_fs_t *fs, ext2_inode_t *dir, uint64_t *pos, ext2_entry_t *out)
{
	uint64_t n = ext2_dir_blocks(fs, dir);
	uint32_t start = (uint32_t)(*pos % fs->bsize);
	int err;

	for (uint64_t lblk = *pos / fs->bsize; lblk < n; lblk++, start = 0) {
		ext2_buf_t *b;
		uint32_t off = 0;
		if ((err = ext2_dir_block(fs, dir, lblk, &b)))
			return err;
		while (b && off < fs->bsize) {
			ext2_dirent_t *r = ext2_rec(b, off);
			if (!ext2_rec_ok(fs, r, off)) {
				ext2_brelse(fs, b);
				return -EXT2_ECORRUPT;
			}
			if (r->inode && off >= start) {
				out->ino = r->inode;
				out->type = fs->filetype ? r->file_type : EXT2_FT_UNKNOWN;
				out->len = r->name_len;
				memcpy(out->name, r->name, r->name_len);
				out->name[r->name_len] = '\0';
				*pos = lblk * fs->bsize + off + r->rec_len;
				ext2_brelse(fs, b);
				return 1;
			}
			off += r->rec_len;
		}
		ext2_brelse(fs, b);
	}
	*pos = n * fs->bsize;
	return 0;
}

int ext2_dir_is_empty(ext2_fs_t *fs, ext2_inode_t *dir)
{
	ext2_entry_t e;
	uint64_t pos = 0;
	int r;

	while ((r = ext2_dir_next(fs, dir, &pos, &e)) == 1) {
		bool dot = (e.len == 1 && e.name[0] == '.') ||
			   (e.len == 2 && e.name[0] == '.' && e.name[1] == '.');
		if (!dot)
			return 0;
	}
	return r < 0 ? r : 1;
}

int ext2_dir_init(ext2_fs_t *fs, ext2_inode_t *dir, uint32_t parent)
{
	uint32_t blk;
	ext2_buf_t *b;
	bool fresh;
	int err;

	if ((err = ext2_bmap(fs, dir, 0, true, &blk, &fresh)) || (err = ext2_bzero(fs, blk, &b)))
		return err;
	ext2_dirent_t *dot = ext2_rec(b, 0);
	dot->rec_len = 12;
	ext2_rec_fill(fs, dot, ".", 1, dir->ino, 0040000);
	ext2_dirent_t *dotdot = ext2_rec(b, 12);
	dotdot->rec_len = (uint16_t)(fs->bsize - 12);
	ext2_rec_fill(fs, dotdot, "..", 2, parent, 0040000);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	ext2_inode_size_set(fs, dir, fs->bsize);
	return ext2_inode_dirty(fs, dir);
}
