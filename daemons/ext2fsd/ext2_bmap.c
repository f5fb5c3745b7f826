// SPDX-License-Identifier: MIT
/*
 * Block mapping: a file's logical block to its disk block through
 * i_block[15]: 12 direct pointers, then one singly, one doubly and one
 * triply indirect block (each indirect block holds bsize/4 pointers).
 * A zero pointer is a hole, at any level: a sparse file has neither data
 * nor indirect blocks where nothing was written, and reads zeros there.
 *
 * Allocation fills holes on the way down — indirect blocks first, zeroed
 * — and counts every block it adds in i_blocks (512-byte sectors,
 * metadata included, as e2fsck checks). New blocks go after the file's
 * last one (ip->goal), else at the start of the inode's group.
 *
 * Cutting (truncate, delete) walks the three trees depth first: data
 * blocks at or past the cut are freed, and so is every indirect block
 * left with no pointer, so a shrunk file keeps no empty metadata.
 */
#include "ext2_int.h"

#include <errno.h>

uint64_t ext2_bmap_limit(const ext2_fs_t *fs)
{
	uint64_t p = fs->ppb;

	return EXT2_NDIR_BLOCKS + p + p * p + p * p * p;
}

/* The pointer indexes from i_block down to lblk; the depth (1-4) or -EFBIG. */
static int ext2_bmap_path(const ext2_fs_t *fs, uint64_t lblk, uint32_t idx[4])
{
	uint64_t p = fs->ppb;

	if (lblk < EXT2_NDIR_BLOCKS) {
		idx[0] = (uint32_t)lblk;
		return 1;
	}
	lblk -= EXT2_NDIR_BLOCKS;
	if (lblk < p) {
		idx[0] = EXT2_IND_BLOCK;
		idx[1] = (uint32_t)lblk;
		return 2;
	}
	lblk -= p;
	if (lblk < p * p) {
		idx[0] = EXT2_DIND_BLOCK;
		idx[1] = (uint32_t)(lblk / p);
		idx[2] = (uint32_t)(lblk % p);
		return 3;
	}
	lblk -= p * p;
	if (lblk < p * p * p) {
		idx[0] = EXT2_TIND_BLOCK;
		idx[1] = (uint32_t)(lblk / (p * p));
		idx[2] = (uint32_t)(lblk / p % p);
		idx[3] = (uint32_t)(lblk % p);
		return 4;
	}
	return -EFBIG;
}

/* A new block for ip, counted in i_blocks. */
static int ext2_bmap_new(ext2_fs_t *fs, ext2_inode_t *ip, uint32_t *out)
{
	uint32_t goal = ip->goal;
	int err;

	if (!goal)
		goal = fs->sb.s_first_data_block +
		       ext2_ino_group(fs, ip->ino) * fs->sb.s_blocks_per_group;
	if ((err = ext2_block_alloc(fs, goal, out)))
		return err;
	ip->goal = *out + 1;
	ip->d->i_blocks += ext2_sectors(fs);
	return 0;
}

/* A new indirect block: allocated, zeroed in the cache. */
static int ext2_bmap_new_indirect(ext2_fs_t *fs, ext2_inode_t *ip, uint32_t *out)
{
	ext2_buf_t *b;
	int err;

	if ((err = ext2_bmap_new(fs, ip, out)))
		return err;
	if ((err = ext2_bzero(fs, *out, &b))) {
		ext2_block_free(fs, *out);
		ip->d->i_blocks -= ext2_sectors(fs);
		return err;
	}
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

int ext2_bmap(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t lblk, bool alloc, uint32_t *out,
	      bool *fresh)
{
	uint32_t idx[4], blk;
	int depth = ext2_bmap_path(fs, lblk, idx), err;
	ext2_buf_t *b;

	*out = 0;
	if (fresh)
		*fresh = false;
	if (depth < 0)
		return alloc ? depth : 0;
	blk = ip->d->i_block[idx[0]];
	if (!blk) {
		if (!alloc)
			return 0;
		err = depth == 1 ? ext2_bmap_new(fs, ip, &blk) : ext2_bmap_new_indirect(fs, ip, &blk);
		if (err)
			return err;
		ip->d->i_block[idx[0]] = blk;
		if (depth == 1 && fresh)
			*fresh = true;
	}
	for (int level = 1; level < depth; level++) {
		if ((err = ext2_bread(fs, blk, &b)))
			return err;
		uint32_t *slot = (uint32_t *)b->data + idx[level];
		if (!*slot) {
			bool leaf = level == depth - 1;
			if (!alloc) {
				ext2_brelse(fs, b);
				return 0;
			}
			err = leaf ? ext2_bmap_new(fs, ip, &blk) : ext2_bmap_new_indirect(fs, ip, &blk);
			if (err) {
				ext2_brelse(fs, b);
				return err;
			}
			*slot = blk;
			ext2_bdirty(fs, b);
			if (leaf && fresh)
				*fresh = true;
		}
		blk = *slot;
		ext2_brelse(fs, b);
	}
	if (blk >= fs->sb.s_blocks_count)
		return -EXT2_ECORRUPT;
	*out = blk;
	return 0;
}

/* Frees one block of ip. */
static void ext2_bmap_release(ext2_fs_t *fs, ext2_inode_t *ip, uint32_t blk)
{
	ext2_block_free(fs, blk);
	ip->d->i_blocks -= ip->d->i_blocks >= ext2_sectors(fs) ? ext2_sectors(fs) : ip->d->i_blocks;
}

/*
 * Cuts the tree under *slot (an indirect block of `level`: 1 holds data
 * pointers) whose first logical block is base, at logical block first.
 */
static int ext2_bmap_cut_tree(ext2_fs_t *fs, ext2_inode_t *ip, uint32_t *slot, int level,
			      uint64_t base, uint64_t first)
{
	uint64_t child = 1;
	bool empty = true;
	ext2_buf_t *b;
	int err = 0;

	for (int i = 1; i < level; i++)
		child *= fs->ppb;
	if (!*slot || base + child * fs->ppb <= first)
		return 0;
	if ((err = ext2_bread(fs, *slot, &b)))
		return err;
	uint32_t *ptr = (uint32_t *)b->data;
	for (uint32_t i = 0; i < fs->ppb && !err; i++) {
		uint64_t cb = base + i * child;
		if (!ptr[i])
			continue;
		if (cb + child <= first) {
			empty = false;
		} else if (level == 1) {
			ext2_bmap_release(fs, ip, ptr[i]);
			ptr[i] = 0;
			ext2_bdirty(fs, b);
		} else {
			uint32_t before = ptr[i];
			err = ext2_bmap_cut_tree(fs, ip, &ptr[i], level - 1, cb, first);
			if (ptr[i] != before)
				ext2_bdirty(fs, b);
			if (ptr[i])
				empty = false;
		}
	}
	ext2_brelse(fs, b);
	if (empty && !err) {
		ext2_bmap_release(fs, ip, *slot);
		*slot = 0;
	}
	return err;
}

int ext2_bmap_cut(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t first)
{
	uint64_t p = fs->ppb, base = EXT2_NDIR_BLOCKS;
	int err = 0;

	for (uint64_t i = first; i < EXT2_NDIR_BLOCKS; i++) {
		if (ip->d->i_block[i]) {
			ext2_bmap_release(fs, ip, ip->d->i_block[i]);
			ip->d->i_block[i] = 0;
		}
	}
	for (int level = 1; level <= 3 && !err; level++) {
		err = ext2_bmap_cut_tree(fs, ip, &ip->d->i_block[EXT2_IND_BLOCK + level - 1], level,
					 base, first);
		base += level == 1 ? p : level == 2 ? p * p : p * p * p;
	}
	if (first == 0)
		ip->goal = 0;
	return err;
}
