// SPDX-License-Identifier: MIT
/*
 * The inode cache and the inode's fields.
 *
 * Every inode in memory is in one hash table by number, so two lookups of
 * the same number share one object (a hard link opened twice sees one
 * size). References count its users: path lookups, open handles. When the
 * last goes, an inode that still has links joins an LRU list of released
 * inodes, trimmed to cfg.inode_cache, so a busy directory's files are not
 * read again at each stat; an inode with no links left is deleted then —
 * not at unlink — which is what lets an unlinked file be used through
 * its open handles until the last close.
 *
 * Deleting frees the data and indirect blocks, drops the extended
 * attribute block's reference (mke2fs enables ext_attr), stamps dtime
 * and frees the inode number. Fast symbolic links keep their target in
 * i_block: those are not block numbers and are never freed as such.
 *
 * Times: the 128-byte inode has seconds; larger inodes (mke2fs makes 256
 * bytes) have *_extra words with nanoseconds and two more epoch bits,
 * used when i_extra_isize covers them. New inodes get i_extra_isize 32,
 * as mke2fs gives its own.
 */
#include "ext2_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EXT2_ITAB_CAP 4096u
#define EXT2_NS       1000000000LL
#define EXT2_EXTRA_ISIZE 32u   /* what mke2fs gives its inodes */

int ext2_icache_init(ext2_fs_t *fs)
{
	fs->itab = calloc(EXT2_ITAB_CAP, sizeof(*fs->itab));
	if (!fs->itab)
		return -ENOMEM;
	fs->itab_cap = EXT2_ITAB_CAP;
	return 0;
}

static ext2_inode_t **ext2_itab_slot(ext2_fs_t *fs, uint32_t ino)
{
	return &fs->itab[(ino * 2654435761u) & (fs->itab_cap - 1)];
}

static void ext2_itab_remove(ext2_fs_t *fs, ext2_inode_t *ip)
{
	ext2_inode_t **pp = ext2_itab_slot(fs, ip->ino);

	while (*pp && *pp != ip)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = ip->hnext;
	fs->icount--;
}

static void ext2_ilru_unlink(ext2_fs_t *fs, ext2_inode_t *ip)
{
	if (ip->lru_prev)
		ip->lru_prev->lru_next = ip->lru_next;
	else
		fs->ilru_head = ip->lru_next;
	if (ip->lru_next)
		ip->lru_next->lru_prev = ip->lru_prev;
	else
		fs->ilru_tail = ip->lru_prev;
	ip->lru_prev = ip->lru_next = NULL;
	fs->ilru_count--;
}

bool ext2_icache_fini(ext2_fs_t *fs)
{
	bool clean = true;

	for (size_t i = 0; fs->itab && i < fs->itab_cap; i++) {
		ext2_inode_t *ip = fs->itab[i], *next;
		for (; ip; ip = next) {
			next = ip->hnext;
			clean = clean && ip->refs == 0;
			free(ip);
		}
	}
	free(fs->itab);
	fs->itab = NULL;
	fs->ilru_head = fs->ilru_tail = NULL;
	fs->ilru_count = fs->icount = 0;
	return clean;
}

/* Where inode ino lives: its inode-table block and the offset in it. */
static int ext2_inode_locate(const ext2_fs_t *fs, uint32_t ino, uint32_t *blk, uint32_t *off)
{
	uint32_t g, idx;
	uint64_t byte;

	if (ino < 1 || ino > fs->sb.s_inodes_count)
		return -EXT2_ECORRUPT;
	g = ext2_ino_group(fs, ino);
	idx = (ino - 1) % fs->sb.s_inodes_per_group;
	byte = (uint64_t)idx * fs->inode_size;
	*blk = fs->gd[g].bg_inode_table + (uint32_t)(byte / fs->bsize);
	*off = (uint32_t)(byte % fs->bsize);
	return 0;
}

static ext2_inode_t *ext2_inode_alloc_mem(ext2_fs_t *fs, uint32_t ino)
{
	size_t raw = fs->inode_size > sizeof(ext2_dinode_t) ? fs->inode_size : sizeof(ext2_dinode_t);
	ext2_inode_t *ip = calloc(1, sizeof(*ip) + raw);

	if (!ip)
		return NULL;
	ip->ino = ino;
	ip->d = (ext2_dinode_t *)ip->raw;
	return ip;
}

static void ext2_itab_insert(ext2_fs_t *fs, ext2_inode_t *ip)
{
	ext2_inode_t **slot = ext2_itab_slot(fs, ip->ino);

	ip->hnext = *slot;
	*slot = ip;
	fs->icount++;
}

static ext2_inode_t *ext2_itab_find(ext2_fs_t *fs, uint32_t ino)
{
	for (ext2_inode_t *ip = *ext2_itab_slot(fs, ino); ip; ip = ip->hnext)
		if (ip->ino == ino)
			return ip;
	return NULL;
}

int ext2_iget(ext2_fs_t *fs, uint32_t ino, ext2_inode_t **out)
{
	ext2_inode_t *ip = ext2_itab_find(fs, ino);
	uint32_t blk, off;
	ext2_buf_t *b;
	int err;

	if (ip) {
		if (ip->refs++ == 0)
			ext2_ilru_unlink(fs, ip);
		*out = ip;
		return 0;
	}
	if ((err = ext2_inode_locate(fs, ino, &blk, &off)))
		return err;
	if (!(ip = ext2_inode_alloc_mem(fs, ino)))
		return -ENOMEM;
	if ((err = ext2_bread(fs, blk, &b))) {
		free(ip);
		return err;
	}
	memcpy(ip->raw, b->data + off, fs->inode_size);
	ext2_brelse(fs, b);
	if (fs->inode_size == EXT2_GOOD_OLD_INODE_SIZE)
		ip->d->i_extra_isize = 0;       /* not on disk: keep it meaning "none" */
	ip->refs = 1;
	ext2_itab_insert(fs, ip);
	*out = ip;
	return 0;
}

void ext2_iref(ext2_inode_t *ip)
{
	ip->refs++;
}

int ext2_inode_dirty(ext2_fs_t *fs, ext2_inode_t *ip)
{
	uint32_t blk, off;
	ext2_buf_t *b;
	int err;

	if (fs->ro)
		return -EROFS;
	if ((err = ext2_inode_locate(fs, ip->ino, &blk, &off)) || (err = ext2_bread(fs, blk, &b)))
		return err;
	memcpy(b->data + off, ip->raw, fs->inode_size);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

static bool ext2_inode_fast_link(const ext2_fs_t *fs, const ext2_inode_t *ip)
{
	uint32_t ea = ip->d->i_file_acl ? ext2_sectors(fs) : 0;

	return ext2_inode_is_link(ip) && ip->d->i_blocks <= ea;
}

/* Drops the inode's reference to its extended attribute block. */
static void ext2_inode_xattr_drop(ext2_fs_t *fs, ext2_inode_t *ip)
{
	uint32_t blk = ip->d->i_file_acl;
	ext2_buf_t *b;

	if (!blk || ext2_bread(fs, blk, &b))
		return;
	uint32_t *hdr = (uint32_t *)b->data;   /* magic, refcount, blocks, ... */
	if (hdr[0] == EXT2_XATTR_MAGIC && hdr[1] > 1) {
		hdr[1]--;
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
	} else {
		ext2_brelse(fs, b);
		ext2_block_free(fs, blk);
	}
	ip->d->i_file_acl = 0;
	ip->d->i_blocks -= ip->d->i_blocks >= ext2_sectors(fs) ? ext2_sectors(fs) : ip->d->i_blocks;
}

/* The last reference to an inode without links: free it all. */
static void ext2_inode_delete(ext2_fs_t *fs, ext2_inode_t *ip)
{
	if (!ext2_inode_fast_link(fs, ip))
		ext2_bmap_cut(fs, ip, 0);
	ext2_inode_xattr_drop(fs, ip);
	ip->d->i_size = ip->d->i_size_high = 0;
	ip->d->i_dtime = (uint32_t)(ext2_now(fs) / EXT2_NS);
	ext2_inode_dirty(fs, ip);
	ext2_ino_free(fs, ip->ino, ext2_inode_is_dir(ip));
}

void ext2_iput(ext2_fs_t *fs, ext2_inode_t *ip)
{
	if (!ip || --ip->refs)
		return;
	if (ip->d->i_links_count == 0 && ip->d->i_mode && !fs->ro) {
		ext2_inode_delete(fs, ip);
		ext2_itab_remove(fs, ip);
		free(ip);
		return;
	}
	ip->lru_next = fs->ilru_head;
	ip->lru_prev = NULL;
	if (fs->ilru_head)
		fs->ilru_head->lru_prev = ip;
	fs->ilru_head = ip;
	if (!fs->ilru_tail)
		fs->ilru_tail = ip;
	fs->ilru_count++;
	while (fs->ilru_count > fs->cfg.inode_cache) {
		ext2_inode_t *old = fs->ilru_tail;
		ext2_ilru_unlink(fs, old);
		ext2_itab_remove(fs, old);
		free(old);
	}
}

int ext2_inode_new(ext2_fs_t *fs, const ext2_inode_t *parent, uint16_t mode, uint32_t uid,
		   uint32_t gid, ext2_inode_t **out)
{
	static uint32_t generation = 0x5e55e7a;
	bool dir = (mode & 0170000) == 0040000;
	ext2_inode_t *ip, *stale;
	uint32_t ino;
	int err;

	if ((err = ext2_ino_alloc(fs, parent ? parent->ino : 0, dir, &ino)))
		return err;
	if ((stale = ext2_itab_find(fs, ino)) && !stale->refs) {
		ext2_ilru_unlink(fs, stale);    /* a stale copy of a freed number */
		ext2_itab_remove(fs, stale);
		free(stale);
	}
	if (!(ip = ext2_inode_alloc_mem(fs, ino))) {
		ext2_ino_free(fs, ino, dir);
		return -ENOMEM;
	}
	ip->d->i_mode = mode;
	ext2_inode_owner_set(ip, uid, gid);
	ip->d->i_generation = generation++;
	if (fs->inode_size >= EXT2_GOOD_OLD_INODE_SIZE + EXT2_EXTRA_ISIZE)
		ip->d->i_extra_isize = EXT2_EXTRA_ISIZE;
	int64_t now = ext2_now(fs);
	for (int t = EXT2_ATIME; t <= EXT2_CTIME; t++)
		ext2_inode_time_set(ip, t, now);
	if (ip->d->i_extra_isize) {
		ip->d->i_crtime = ip->d->i_ctime;
		ip->d->i_crtime_extra = ip->d->i_ctime_extra;
	}
	ip->refs = 1;
	ext2_itab_insert(fs, ip);
	if ((err = ext2_inode_dirty(fs, ip))) {
		ext2_iput(fs, ip);
		return err;
	}
	*out = ip;
	return 0;
}

uint64_t ext2_inode_size(const ext2_inode_t *ip)
{
	return ip->d->i_size | (uint64_t)ip->d->i_size_high << 32;
}

void ext2_inode_size_set(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t size)
{
	ip->d->i_size = (uint32_t)size;
	ip->d->i_size_high = (uint32_t)(size >> 32);
	if (size > INT32_MAX && !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		fs->sb_dirty = true;
	}
}

uint32_t ext2_inode_uid(const ext2_inode_t *ip)
{
	return ip->d->i_uid | (uint32_t)ip->d->i_uid_high << 16;
}

uint32_t ext2_inode_gid(const ext2_inode_t *ip)
{
	return ip->d->i_gid | (uint32_t)ip->d->i_gid_high << 16;
}

void ext2_inode_owner_set(ext2_inode_t *ip, uint32_t uid, uint32_t gid)
{
	ip->d->i_uid = (uint16_t)uid;
	ip->d->i_uid_high = (uint16_t)(uid >> 16);
	ip->d->i_gid = (uint16_t)gid;
	ip->d->i_gid_high = (uint16_t)(gid >> 16);
}

uint64_t ext2_inode_sectors(const ext2_inode_t *ip)
{
	return ip->d->i_blocks;
}

/* The seconds word and, if the inode has room for it, the extra word. */
static void ext2_time_fields(ext2_inode_t *ip, int which, uint32_t **sec, uint32_t **extra)
{
	ext2_dinode_t *d = ip->d;
	uint32_t end;

	switch (which) {
	case EXT2_ATIME:
		*sec = &d->i_atime;
		*extra = &d->i_atime_extra;
		break;
	case EXT2_MTIME:
		*sec = &d->i_mtime;
		*extra = &d->i_mtime_extra;
		break;
	default:
		*sec = &d->i_ctime;
		*extra = &d->i_ctime_extra;
		break;
	}
	end = (uint32_t)((uint8_t *)*extra - ip->raw) + 4;
	if (end > EXT2_GOOD_OLD_INODE_SIZE + d->i_extra_isize)
		*extra = NULL;
}

int64_t ext2_inode_time(const ext2_inode_t *ip, int which)
{
	uint32_t *sec, *extra;
	int64_t s;

	ext2_time_fields((ext2_inode_t *)ip, which, &sec, &extra);
	s = (int32_t)*sec;
	if (!extra)
		return s * EXT2_NS;
	s += (int64_t)(*extra & 3) << 32;
	return s * EXT2_NS + (*extra >> 2);
}

void ext2_inode_time_set(ext2_inode_t *ip, int which, int64_t ns)
{
	int64_t s = ns / EXT2_NS, n = ns % EXT2_NS;
	uint32_t *sec, *extra;

	if (n < 0) {
		s--;
		n += EXT2_NS;
	}
	ext2_time_fields(ip, which, &sec, &extra);
	*sec = (uint32_t)s;
	if (extra)
		*extra = (uint32_t)(((s - (int32_t)(uint32_t)s) >> 32) & 3) | (uint32_t)n << 2;
}

void ext2_inode_touch(ext2_fs_t *fs, ext2_inode_t *ip, unsigned which)
{
	int64_t now = ext2_now(fs);

	for (int t = EXT2_ATIME; t <= EXT2_CTIME; t++)
		if (which & (1u << t))
			ext2_inode_time_set(ip, t, now);
}
