// SPDX-License-Identifier: MIT
/*
 * Allocation: one bit per block and per inode in each group's bitmaps.
 *
 * Every allocation and free updates three places at once: the bitmap
 * block (in the cache), the group descriptor's free count (and, for
 * directories, its used-directories count) and the superblock's free
 * count, so the counts e2fsck compares against the bitmaps are exact at
 * any sync.
 *
 * Placement: a block goes as near its goal as possible (the next block
 * of the same file, so files come out contiguous), then in the following
 * groups. A file's inode goes in its directory's group; a directory's in
 * the group with the fewest directories among those with at least the
 * average number of free inodes, which spreads directory trees over the
 * disk the way Linux's older allocator did.
 */
#include "ext2_int.h"

#include <errno.h>

static uint32_t ext2_group_blocks(const ext2_fs_t *fs, uint32_t g)
{
	uint32_t first = fs->sb.s_first_data_block + g * fs->sb.s_blocks_per_group;
	uint32_t left = fs->sb.s_blocks_count - first;

	return left < fs->sb.s_blocks_per_group ? left : fs->sb.s_blocks_per_group;
}

/* The first clear bit in [from, n) of map, or n. */
static uint32_t ext2_bit_find(const uint8_t *map, uint32_t from, uint32_t n)
{
	for (uint32_t i = from; i < n; i++) {
		if ((i & 7) == 0 && map[i >> 3] == 0xff) {
			i += 7;
			continue;
		}
		if (!(map[i >> 3] & (1u << (i & 7))))
			return i;
	}
	return n;
}

/* Finds, sets and returns a clear bit of the bitmap block, from `from`
 * (wrapping); -ENOSPC if none of the n bits is clear. */
static long ext2_bitmap_take(ext2_fs_t *fs, uint32_t blk, uint32_t from, uint32_t n,
			     uint32_t skip_below)
{
	ext2_buf_t *b;
	uint32_t bit;
	int err;

	if ((err = ext2_bread(fs, blk, &b)))
		return err;
	if (from < skip_below)
		from = skip_below;
	bit = ext2_bit_find(b->data, from < n ? from : n, n);
	if (bit == n)
		bit = ext2_bit_find(b->data, skip_below, n);
	if (bit == n) {
		ext2_brelse(fs, b);
		return -ENOSPC;
	}
	b->data[bit >> 3] |= (uint8_t)(1u << (bit & 7));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return bit;
}

/* Clears a bit; false if it was already clear (a double free). */
static bool ext2_bitmap_clear(ext2_fs_t *fs, uint32_t blk, uint32_t bit)
{
	ext2_buf_t *b;
	bool was;

	if (ext2_bread(fs, blk, &b))
		return false;
	was = b->data[bit >> 3] & (1u << (bit & 7));
	b->data[bit >> 3] &= (uint8_t)~(1u << (bit & 7));
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return was;
}

int ext2_block_alloc(ext2_fs_t *fs, uint32_t goal, uint32_t *out)
{
	uint32_t bpg = fs->sb.s_blocks_per_group, first = fs->sb.s_first_data_block;
	uint32_t g0 = 0, from = 0;

	if (fs->ro)
		return -EROFS;
	if (!fs->sb.s_free_blocks_count)
		return -ENOSPC;
	if (goal >= first && goal < fs->sb.s_blocks_count) {
		g0 = (goal - first) / bpg;
		from = (goal - first) % bpg;
	}
	for (uint32_t i = 0; i < fs->groups; i++) {
		uint32_t g = (g0 + i) % fs->groups;
		ext2_group_desc_t *gd = &fs->gd[g];
		if (!gd->bg_free_blocks_count)
			continue;
		long bit = ext2_bitmap_take(fs, gd->bg_block_bitmap, i ? 0 : from,
					    ext2_group_blocks(fs, g), 0);
		if (bit == -ENOSPC)
			continue;       /* the count was wrong; e2fsck will say */
		if (bit < 0)
			return (int)bit;
		gd->bg_free_blocks_count--;
		fs->sb.s_free_blocks_count--;
		fs->sb_dirty = true;
		*out = first + g * bpg + (uint32_t)bit;
		return 0;
	}
	return -ENOSPC;
}

void ext2_block_free(ext2_fs_t *fs, uint32_t blk)
{
	uint32_t first = fs->sb.s_first_data_block, g;

	if (blk < first || blk >= fs->sb.s_blocks_count)
		return;
	g = (blk - first) / fs->sb.s_blocks_per_group;
	ext2_bforget(fs, blk);
	if (!ext2_bitmap_clear(fs, fs->gd[g].bg_block_bitmap, (blk - first) % fs->sb.s_blocks_per_group))
		return;
	fs->gd[g].bg_free_blocks_count++;
	fs->sb.s_free_blocks_count++;
	fs->sb_dirty = true;
}

uint32_t ext2_ino_group(const ext2_fs_t *fs, uint32_t ino)
{
	return (ino - 1) / fs->sb.s_inodes_per_group;
}

/* The group for a new directory: fewest directories among the roomy ones. */
static uint32_t ext2_dir_group(const ext2_fs_t *fs, uint32_t parent_group)
{
	uint32_t avg = fs->sb.s_free_inodes_count / fs->groups, best = parent_group;
	int found = 0;

	for (uint32_t i = 0; i < fs->groups; i++) {
		uint32_t g = (parent_group + i) % fs->groups;
		const ext2_group_desc_t *gd = &fs->gd[g];
		if (!gd->bg_free_inodes_count || gd->bg_free_inodes_count < avg)
			continue;
		if (!found || gd->bg_used_dirs_count < fs->gd[best].bg_used_dirs_count ||
		    (gd->bg_used_dirs_count == fs->gd[best].bg_used_dirs_count &&
		     gd->bg_free_blocks_count > fs->gd[best].bg_free_blocks_count)) {
			best = g;
			found = 1;
		}
	}
	return best;
}

int ext2_ino_alloc(ext2_fs_t *fs, uint32_t parent, bool dir, uint32_t *out)
{
	uint32_t ipg = fs->sb.s_inodes_per_group;
	uint32_t g0 = parent ? ext2_ino_group(fs, parent) : 0;

	if (fs->ro)
		return -EROFS;
	if (!fs->sb.s_free_inodes_count)
		return -ENOSPC;
	if (dir)
		g0 = ext2_dir_group(fs, g0);
	for (uint32_t i = 0; i < fs->groups; i++) {
		uint32_t g = (g0 + i) % fs->groups, skip = 0;
		ext2_group_desc_t *gd = &fs->gd[g];
		if (!gd->bg_free_inodes_count)
			continue;
		if (g * ipg < fs->sb.s_first_ino - 1)
			skip = fs->sb.s_first_ino - 1 - g * ipg;    /* reserved inodes */
		long bit = ext2_bitmap_take(fs, gd->bg_inode_bitmap, 0, ipg, skip);
		if (bit == -ENOSPC)
			continue;
		if (bit < 0)
			return (int)bit;
		gd->bg_free_inodes_count--;
		if (dir)
			gd->bg_used_dirs_count++;
		fs->sb.s_free_inodes_count--;
		fs->sb_dirty = true;
		*out = g * ipg + (uint32_t)bit + 1;
		return 0;
	}
	return -ENOSPC;
}

void ext2_ino_free(ext2_fs_t *fs, uint32_t ino, bool dir)
{
	uint32_t g = ext2_ino_group(fs, ino);

	if (ino < 1 || ino > fs->sb.s_inodes_count)
		return;
	if (!ext2_bitmap_clear(fs, fs->gd[g].bg_inode_bitmap, (ino - 1) % fs->sb.s_inodes_per_group))
		return;
	fs->gd[g].bg_free_inodes_count++;
	if (dir && fs->gd[g].bg_used_dirs_count)
		fs->gd[g].bg_used_dirs_count--;
	fs->sb.s_free_inodes_count++;
	fs->sb_dirty = true;
}
