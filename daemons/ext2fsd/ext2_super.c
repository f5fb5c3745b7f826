// SPDX-License-Identifier: MIT
/*
 * The file system as a whole: mount, sync, unmount and statfs.
 *
 * Mounting reads the superblock (byte 1024) and the group descriptor
 * table (the block after the superblock's) straight from the device and
 * keeps both in memory: allocation changes the free counts there, and
 * ext2_super_store copies them into their cached blocks when syncing.
 * Only the primary copies are written; the backups in later groups are
 * mke2fs's and are only read by e2fsck when the primary is lost, which is
 * what Linux's ext2 does too.
 *
 * Feature flags decide what may be mounted: an incompat feature this code
 * does not know (extents, 64bit, journal recovery pending, ...) refuses
 * the mount, an unknown ro_compat one (huge_file, metadata_csum, ...)
 * mounts read-only, compat ones (dir_index, resize_inode, ext_attr,
 * has_journal) change nothing for a writer that keeps away from them.
 *
 * The state flag follows Linux: a read-write mount clears "valid" on disk
 * at once (a crash leaves the file system marked for checking) and
 * unmount puts back the state it found.
 */
#include "ext2_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

int64_t ext2_now(const ext2_fs_t *fs)
{
	return fs->cfg.now ? fs->cfg.now() : 0;
}

bool ext2_read_only(const ext2_fs_t *fs)
{
	return fs->ro;
}

uint32_t ext2_block_size(const ext2_fs_t *fs)
{
	return fs->bsize;
}

size_t ext2_dirty_blocks(const ext2_fs_t *fs)
{
	return fs->cache.dirty;
}

/* Checks the superblock read into fs->sb and derives the geometry. */
static int ext2_super_check(ext2_fs_t *fs)
{
	ext2_super_t *sb = &fs->sb;

	if (sb->s_magic != EXT2_SUPER_MAGIC || sb->s_rev_level > 1 || sb->s_log_block_size > 2)
		return -EINVAL;
	fs->log_bsize = 10 + sb->s_log_block_size;
	fs->bsize = 1u << fs->log_bsize;
	fs->ppb = fs->bsize / 4;
	fs->inode_size = sb->s_rev_level == 0 ? EXT2_GOOD_OLD_INODE_SIZE : sb->s_inode_size;
	if (sb->s_rev_level == 0) {
		sb->s_first_ino = EXT2_GOOD_OLD_FIRST_INO;
		sb->s_feature_compat = sb->s_feature_incompat = sb->s_feature_ro_compat = 0;
	}
	if (fs->inode_size < EXT2_GOOD_OLD_INODE_SIZE || fs->inode_size > fs->bsize ||
	    (fs->inode_size & (fs->inode_size - 1)))
		return -EINVAL;
	if (!sb->s_blocks_per_group || sb->s_blocks_per_group > 8 * fs->bsize ||
	    !sb->s_inodes_per_group || sb->s_inodes_per_group > 8 * fs->bsize ||
	    sb->s_first_data_block >= sb->s_blocks_count || sb->s_first_ino < 3)
		return -EINVAL;
	if (sb->s_feature_incompat & ~EXT2_INCOMPAT_SUPPORTED)
		return -EINVAL;
	fs->groups = (sb->s_blocks_count - sb->s_first_data_block + sb->s_blocks_per_group - 1) /
		     sb->s_blocks_per_group;
	if ((uint64_t)fs->groups * sb->s_inodes_per_group < sb->s_inodes_count)
		return -EINVAL;
	fs->gdt_blocks = (fs->groups * (uint32_t)sizeof(ext2_group_desc_t) + fs->bsize - 1) /
			 fs->bsize;
	fs->filetype = sb->s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE;
	if (sb->s_feature_ro_compat & ~EXT2_RO_COMPAT_SUPPORTED)
		fs->ro = true;
	return 0;
}

static int ext2_gdt_load(ext2_fs_t *fs)
{
	size_t bytes = (size_t)fs->gdt_blocks * fs->bsize;

	if (!(fs->gd = malloc(bytes)))
		return -ENOMEM;
	return fs->dev.read(fs->dev.ctx, (uint64_t)(fs->sb.s_first_data_block + 1) * fs->bsize,
			    fs->gd, bytes);
}

static void ext2_fs_free(ext2_fs_t *fs)
{
	ext2_icache_fini(fs);
	ext2_cache_fini(fs);
	free(fs->gd);
	free(fs->zero);
	free(fs);
}

int ext2_mount(const ext2_dev_t *dev, const ext2_config_t *cfg, ext2_fs_t **out)
{
	ext2_fs_t *fs = calloc(1, sizeof(*fs));
	int err;

	if (!fs)
		return -ENOMEM;
	fs->dev = *dev;
	fs->cfg = *cfg;
	fs->ro = cfg->read_only;
	if ((err = dev->read(dev->ctx, EXT2_SUPER_OFFSET, &fs->sb, sizeof(fs->sb))) ||
	    (err = ext2_super_check(fs)) || (err = ext2_gdt_load(fs)) ||
	    (err = ext2_cache_init(fs)) || (err = ext2_icache_init(fs)))
		goto fail;
	if (!(fs->zero = calloc(1, fs->bsize))) {
		err = -ENOMEM;
		goto fail;
	}
	fs->mount_state = fs->sb.s_state;
	if (!fs->ro) {
		fs->sb.s_state &= (uint16_t)~EXT2_VALID_FS;
		fs->sb.s_mnt_count++;
		fs->sb.s_mtime = (uint32_t)(ext2_now(fs) / 1000000000);
		fs->sb_dirty = true;
		if ((err = ext2_sync(fs)))
			goto fail;
	}
	*out = fs;
	return 0;
fail:
	ext2_fs_free(fs);
	return err;
}

int ext2_super_store(ext2_fs_t *fs)
{
	uint32_t sblk = EXT2_SUPER_OFFSET / fs->bsize, soff = EXT2_SUPER_OFFSET % fs->bsize;
	ext2_buf_t *b;
	int err;

	fs->sb.s_wtime = (uint32_t)(ext2_now(fs) / 1000000000);
	if ((err = ext2_bread(fs, sblk, &b)))
		return err;
	memcpy(b->data + soff, &fs->sb, sizeof(fs->sb));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	for (uint32_t i = 0; i < fs->gdt_blocks; i++) {
		if ((err = ext2_bread(fs, fs->sb.s_first_data_block + 1 + i, &b)))
			return err;
		memcpy(b->data, (uint8_t *)fs->gd + (size_t)i * fs->bsize, fs->bsize);
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
	}
	fs->sb_dirty = false;
	return 0;
}

int ext2_writeback(ext2_fs_t *fs)
{
	int err;

	if (fs->ro)
		return 0;
	if (fs->sb_dirty && (err = ext2_super_store(fs)))
		return err;
	return ext2_cache_writeback(fs);
}

int ext2_sync(ext2_fs_t *fs)
{
	int err;

	if (fs->ro)
		return 0;
	if ((err = ext2_writeback(fs)))
		return err;
	return fs->dev.flush ? fs->dev.flush(fs->dev.ctx) : 0;
}

int ext2_unmount(ext2_fs_t *fs)
{
	int err = 0;

	if (!fs->ro) {
		fs->sb.s_state = fs->mount_state;
		fs->sb_dirty = true;
		err = ext2_sync(fs);
	}
	ext2_fs_free(fs);
	return err;
}

/* Whether group g holds a superblock backup (all do without sparse_super). */
static bool ext2_group_has_super(const ext2_fs_t *fs, uint32_t g)
{
	if (g <= 1 || !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return true;
	for (uint32_t p = 3; p <= 7; p += 2) {
		uint64_t x = p;
		while (x < g)
			x *= p;
		if (x == g)
			return true;
	}
	return false;
}

void ext2_statfs(const ext2_fs_t *fs, ext2_statfs_t *out)
{
	const ext2_super_t *sb = &fs->sb;
	uint64_t itable = ((uint64_t)sb->s_inodes_per_group * fs->inode_size + fs->bsize - 1) /
			  fs->bsize;
	uint64_t overhead = sb->s_first_data_block;

	/* As Linux's df shows it: metadata is not part of the size. */
	for (uint32_t g = 0; g < fs->groups; g++) {
		if (ext2_group_has_super(fs, g))
			overhead += 1 + fs->gdt_blocks + sb->s_reserved_gdt_blocks;
		overhead += 2 + itable;
	}
	memset(out, 0, sizeof(*out));
	out->bsize = fs->bsize;
	out->blocks = sb->s_blocks_count > overhead ? sb->s_blocks_count - overhead : 0;
	out->bfree = sb->s_free_blocks_count;
	out->bavail = sb->s_free_blocks_count > sb->s_r_blocks_count
			      ? sb->s_free_blocks_count - sb->s_r_blocks_count : 0;
	out->files = sb->s_inodes_count;
	out->ffree = sb->s_free_inodes_count;
	memcpy(&out->fsid, sb->s_uuid, sizeof(out->fsid));
}
