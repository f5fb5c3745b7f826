// SPDX-License-Identifier: MIT
/*
 * libext2: the ext2 file system (revision 1; ext2_disk.h) over a block
 * device, as a library that knows nothing of schemes or system calls, so
 * the host tests run it on image files made by mke2fs.
 *
 * The device is three functions: read and write len bytes at a byte
 * offset, and flush the device's own cache. The library works through
 *
 *   - a block cache (ext2_cache.c): every metadata and data block goes
 *     through it and stays dirty in memory until written back: on
 *     ext2_sync, when the cache needs room, or when the daemon's timer
 *     asks; write-back sorts the dirty blocks and merges runs into large
 *     device writes;
 *   - an inode cache (ext2_inode.c): in-memory inodes, counted references,
 *     the recently released ones kept for reuse; an inode changed in
 *     memory is copied into its inode-table block in the block cache at
 *     once, so the block cache is the one place that holds dirty state.
 *
 * ext2_sync writes the superblock and group descriptors (with exact free
 * block, free inode and directory counts, kept up to date by every
 * allocation) into the cache, writes every dirty block and then flushes
 * the device. Mounting read-write marks the file system "not clean" on
 * disk at once; ext2_unmount restores the state it had at mount (clean if
 * it was), as Linux does, so e2fsck sees an unclean file system after a
 * crash.
 *
 * Errors are -errno: -EIO from the device, -ENOSPC, -EFBIG, -EROFS (a
 * read-only mount: unknown ro_compat features), -EIO for corrupt
 * structures met on the way. The library is single-threaded, like its
 * daemon.
 */
#pragma once

#include "ext2_disk.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A corrupt structure met on the way (Linux's EFSCORRUPTED; Tessera has
 * no EUCLEAN, and a client can do nothing else with it than with EIO). */
#define EXT2_ECORRUPT EIO

typedef struct ext2_dev {
	void *ctx;
	int (*read)(void *ctx, uint64_t off, void *buf, size_t len);    /* 0 / -errno */
	int (*write)(void *ctx, uint64_t off, const void *buf, size_t len);
	int (*flush)(void *ctx);
} ext2_dev_t;

typedef struct ext2_config {
	size_t cache_blocks;    /* block cache size, in blocks (>= 64) */
	size_t inode_cache;     /* released inodes kept in memory */
	int64_t (*now)(void);   /* the realtime clock, ns; NULL: time 0 */
	bool read_only;
} ext2_config_t;

typedef struct ext2_fs ext2_fs_t;

/* An inode in memory. raw holds the whole on-disk inode (inode_size bytes). */
typedef struct ext2_inode {
	uint32_t ino;
	unsigned refs;
	struct ext2_inode *hnext;               /* the inode hash's chain */
	struct ext2_inode *lru_prev, *lru_next; /* released, kept for reuse */
	uint32_t goal;                          /* where its next block should go */
	ext2_dinode_t *d;                       /* == raw */
	uint8_t raw[];
} ext2_inode_t;

/* Which time stamp. */
enum { EXT2_ATIME, EXT2_MTIME, EXT2_CTIME };

/* --- the file system (ext2_super.c) --------------------------------------- */

/*
 * Reads and checks the superblock and group descriptors. Refuses (-EINVAL)
 * what is not ext2 rev 0/1 or has unknown incompat features; unknown
 * ro_compat features make the mount read-only (ext2_read_only tells), and
 * every change then fails with -EROFS.
 */
int ext2_mount(const ext2_dev_t *dev, const ext2_config_t *cfg, ext2_fs_t **out);
/* Writes everything back and flushes the device. */
int ext2_sync(ext2_fs_t *fs);
/* Writes the dirty blocks back without flushing the device (the timer's). */
int ext2_writeback(ext2_fs_t *fs);
/* ext2_sync, the state flag back to what it was, and frees everything
 * (even on error, which it returns). Open inodes must have been put. */
int ext2_unmount(ext2_fs_t *fs);
bool ext2_read_only(const ext2_fs_t *fs);
uint32_t ext2_block_size(const ext2_fs_t *fs);
/* Blocks dirty in the cache (0: nothing to write back). */
size_t ext2_dirty_blocks(const ext2_fs_t *fs);

typedef struct ext2_statfs {
	uint32_t bsize;
	uint64_t blocks, bfree, bavail, files, ffree;
	uint64_t fsid;
} ext2_statfs_t;
void ext2_statfs(const ext2_fs_t *fs, ext2_statfs_t *out);
int64_t ext2_now(const ext2_fs_t *fs);

/* --- inodes (ext2_inode.c) --------------------------------------------------- */

/* The inode ino, with a reference; -EIO (EXT2_ECORRUPT) for a number out of range. */
int ext2_iget(ext2_fs_t *fs, uint32_t ino, ext2_inode_t **out);
void ext2_iref(ext2_inode_t *ip);
/* Drops a reference; the last one of an inode with no links frees its
 * blocks and the inode itself (dtime set). */
void ext2_iput(ext2_fs_t *fs, ext2_inode_t *ip);
/* Copies the in-memory inode into its block (in the cache); 0 / -errno. */
int ext2_inode_dirty(ext2_fs_t *fs, ext2_inode_t *ip);
/*
 * A new inode of `mode` (type and permissions) owned by uid/gid, with no
 * links yet (links_count 0; the caller links it), times now, near the
 * directory `parent` (for the allocation goal). -ENOSPC when none is free.
 */
int ext2_inode_new(ext2_fs_t *fs, const ext2_inode_t *parent, uint16_t mode, uint32_t uid,
		   uint32_t gid, ext2_inode_t **out);

uint64_t ext2_inode_size(const ext2_inode_t *ip);
void ext2_inode_size_set(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t size);
uint32_t ext2_inode_uid(const ext2_inode_t *ip);
uint32_t ext2_inode_gid(const ext2_inode_t *ip);
void ext2_inode_owner_set(ext2_inode_t *ip, uint32_t uid, uint32_t gid);
/* Time stamps in ns since the epoch (ns kept where the inode has room). */
int64_t ext2_inode_time(const ext2_inode_t *ip, int which);
void ext2_inode_time_set(ext2_inode_t *ip, int which, int64_t ns);
/* Sets the named stamps (bit 1 << EXT2_*TIME) to now. */
void ext2_inode_touch(ext2_fs_t *fs, ext2_inode_t *ip, unsigned which);
/* 512-byte sectors in use (st_blocks). */
uint64_t ext2_inode_sectors(const ext2_inode_t *ip);

static inline uint16_t ext2_inode_mode(const ext2_inode_t *ip)
{
	return ip->d->i_mode;
}

static inline bool ext2_inode_is_dir(const ext2_inode_t *ip)
{
	return (ip->d->i_mode & 0170000) == 0040000;
}

static inline bool ext2_inode_is_reg(const ext2_inode_t *ip)
{
	return (ip->d->i_mode & 0170000) == 0100000;
}

static inline bool ext2_inode_is_link(const ext2_inode_t *ip)
{
	return (ip->d->i_mode & 0170000) == 0120000;
}

/* --- file data (ext2_file.c, ext2_bmap.c) ---------------------------------- */

/* Reads up to len bytes at off (holes are zeros); bytes read, or -errno. */
long ext2_file_read(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, void *buf, size_t len);
/* Writes at off, allocating blocks; bytes written (short on ENOSPC after
 * some), or -errno. Grows the size; does not touch the time stamps. */
long ext2_file_write(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, const void *buf,
		     size_t len);
/* Sets the size: blocks wholly past it are freed (indirect ones too), the
 * tail of the last one zeroed; growing leaves a hole. */
int ext2_file_truncate(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t size);
/* The largest file size this block size allows. */
uint64_t ext2_file_max(const ext2_fs_t *fs);
/* The next data (SEEK_DATA) or hole (SEEK_HOLE: data=false) at or after
 * off: the offset, or -ENXIO past the end. */
long ext2_file_seek_data(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, bool data);

/* A symbolic link's target into buf (up to len); its length, or -errno. */
long ext2_symlink_read(ext2_fs_t *fs, ext2_inode_t *ip, char *buf, size_t len);
/* Stores the target of a new, empty link inode (fast below 60 bytes). */
int ext2_symlink_write(ext2_fs_t *fs, ext2_inode_t *ip, const char *target, size_t len);

/* --- directories (ext2_dir.c) ---------------------------------------------- */

typedef struct ext2_entry {
	uint32_t ino;
	uint8_t type;           /* EXT2_FT_*, or EXT2_FT_UNKNOWN */
	uint8_t len;
	char name[EXT2_NAME_LEN + 1];
} ext2_entry_t;

/* The inode `name` names in dir: 0 and *ino, -ENOENT, or -errno. */
int ext2_dir_lookup(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len,
		    uint32_t *ino);
/* Adds name -> ino (of mode's type), growing dir by a block if needed. */
int ext2_dir_add(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len, uint32_t ino,
		 uint16_t mode);
/* Removes the name's record; -ENOENT. */
int ext2_dir_remove(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len);
/* Points the existing record `name` at ino (rename's replacement, ".."). */
int ext2_dir_retarget(ext2_fs_t *fs, ext2_inode_t *dir, const char *name, size_t len,
		      uint32_t ino, uint16_t mode);
/* 1 if dir holds nothing but "." and "..", 0 if it does, or -errno. */
int ext2_dir_is_empty(ext2_fs_t *fs, ext2_inode_t *dir);
/*
 * The first used record at byte offset >= *pos ("." and ".." included):
 * 1 with *out filled and *pos moved past it, 0 at the end, or -errno.
 * Positions are byte offsets, stable while others come and go: a record
 * never moves.
 */
int ext2_dir_next(ext2_fs_t *fs, ext2_inode_t *dir, uint64_t *pos, ext2_entry_t *out);
/* Makes a new directory's first block: "." -> dir, ".." -> parent. */
int ext2_dir_init(ext2_fs_t *fs, ext2_inode_t *dir, uint32_t parent);
