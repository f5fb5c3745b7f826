// SPDX-License-Identifier: MIT
/*
 * File data: reading, writing and truncating through the block map, and
 * symbolic links.
 *
 * Invariant: the bytes of a file's last block past its size are zero.
 * Truncating down zeroes that tail; growing (by truncate or by a write
 * past the end) zeroes it again before the size moves, in case another
 * writer left garbage there, so a hole between the old end and new data
 * always reads as zeros. Blocks wholly past the end do not exist: the cut
 * frees them.
 *
 * A block about to be wholly overwritten, or just allocated, is taken
 * from the cache without reading it from the disk (ext2_bzero).
 *
 * Symbolic links shorter than 60 bytes are "fast": the target lives in
 * i_block itself and the link has no block; longer ones have one data
 * block. Either way i_size is the target's length, without a NUL.
 */
#include "ext2_int.h"

#include <errno.h>
#include <string.h>

uint64_t ext2_file_max(const ext2_fs_t *fs)
{
	uint64_t max = ext2_bmap_limit(fs) * fs->bsize;
	/* i_blocks counts 512-byte sectors in 32 bits; leave room for metadata. */
	uint64_t sectors = (1ull << 32) / 2 * 512;

	return max < sectors ? max : sectors;
}

/* How many logical blocks from lblk (up to max) follow blk on the disk. */
static uint32_t ext2_file_run(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t lblk, uint32_t blk,
			      uint32_t max)
{
	uint32_t n = 1, next;

	while (n < max && !ext2_bmap(fs, ip, lblk + n, false, &next, NULL) && next == blk + n)
		n++;
	return n;
}

/* A read of whole blocks from `at` into dst (len bytes): blocks that
 * follow each other on the disk come in one device read. Bytes done. */
static long ext2_file_read_direct(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t at, uint32_t blk,
				  uint8_t *dst, size_t len)
{
	uint32_t max = (uint32_t)(len / fs->bsize), n;
	int err;

	if (max > EXT2_DIRECT_MAX / fs->bsize)
		max = EXT2_DIRECT_MAX / fs->bsize;
	n = ext2_file_run(fs, ip, at / fs->bsize, blk, max);
	if ((err = ext2_cache_read_direct(fs, blk, n, dst)))
		return err;
	return (long)n * fs->bsize;
}

long ext2_file_read(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, void *buf, size_t len)
{
	uint64_t size = ext2_inode_size(ip);
	size_t done = 0;
	int err = 0;

	if (off >= size)
		return 0;
	if (len > size - off)
		len = (size_t)(size - off);
	while (done < len) {
		uint64_t at = off + done;
		uint32_t in = (uint32_t)(at % fs->bsize), blk;
		size_t n = fs->bsize - in;
		ext2_buf_t *b;
		if (n > len - done)
			n = len - done;
		if ((err = ext2_bmap(fs, ip, at / fs->bsize, false, &blk, NULL)))
			break;
		if (!blk) {
			memset((char *)buf + done, 0, n);
		} else if (!in && len - done >= 2 * (size_t)fs->bsize) {
			long got = ext2_file_read_direct(fs, ip, at, blk, (uint8_t *)buf + done,
							 len - done);
			if (got < 0) {
				err = (int)got;
				break;
			}
			n = (size_t)got;
		} else {
			if (!ext2_cache_has(fs, blk)) {
				uint64_t last = (size - 1) / fs->bsize, lb = at / fs->bsize;
				uint32_t max = last - lb + 1 < EXT2_RA_BLOCKS ? (uint32_t)(last - lb + 1)
									      : EXT2_RA_BLOCKS;
				ext2_cache_prefetch(fs, blk, ext2_file_run(fs, ip, lb, blk, max));
			}
			if ((err = ext2_bread(fs, blk, &b)))
				break;
			memcpy((char *)buf + done, b->data + in, n);
			ext2_brelse(fs, b);
		}
		done += n;
	}
	return done ? (long)done : err;
}

/* Zeroes the last block's bytes from `from` (a size) to its end. */
static int ext2_file_zero_tail(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t from)
{
	uint32_t in = (uint32_t)(from % fs->bsize), blk;
	ext2_buf_t *b;
	int err;

	if (!in)
		return 0;
	if ((err = ext2_bmap(fs, ip, from / fs->bsize, false, &blk, NULL)) || !blk)
		return err;
	if ((err = ext2_bread(fs, blk, &b)))
		return err;
	memset(b->data + in, 0, fs->bsize - in);
	ext2_bdirty(fs, b);
	ext2_brelse(fs, b);
	return 0;
}

long ext2_file_write(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, const void *buf, size_t len)
{
	uint64_t max = ext2_file_max(fs), size = ext2_inode_size(ip);
	size_t done = 0;
	int err = 0;

	if (fs->ro)
		return -EROFS;
	if (off >= max)
		return len ? -EFBIG : 0;
	if (len > max - off)
		len = (size_t)(max - off);
	if (len && off > size && (err = ext2_file_zero_tail(fs, ip, size)))
		return err;
	while (done < len) {
		uint64_t at = off + done;
		uint32_t in = (uint32_t)(at % fs->bsize), blk;
		size_t n = fs->bsize - in;
		ext2_buf_t *b;
		bool fresh;
		if (n > len - done)
			n = len - done;
		if ((err = ext2_bmap(fs, ip, at / fs->bsize, true, &blk, &fresh)))
			break;
		err = fresh || n == fs->bsize ? ext2_bzero(fs, blk, &b) : ext2_bread(fs, blk, &b);
		if (err)
			break;
		memcpy(b->data + in, (const char *)buf + done, n);
		ext2_bdirty(fs, b);
		ext2_brelse(fs, b);
		done += n;
	}
	if (off + done > size)
		ext2_inode_size_set(fs, ip, off + done);
	int werr = ext2_inode_dirty(fs, ip);   /* i_block, i_blocks may have changed */
	if (!err)
		err = werr;
	return done ? (long)done : err;
}

int ext2_file_truncate(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t size)
{
	uint64_t old = ext2_inode_size(ip);
	int err;

	if (fs->ro)
		return -EROFS;
	if (size > ext2_file_max(fs))
		return -EFBIG;
	if (size < old) {
		if ((err = ext2_file_zero_tail(fs, ip, size)) ||
		    (err = ext2_bmap_cut(fs, ip, (size + fs->bsize - 1) / fs->bsize)))
			return err;
	} else if (size > old && (err = ext2_file_zero_tail(fs, ip, old))) {
		return err;
	}
	ext2_inode_size_set(fs, ip, size);
	return ext2_inode_dirty(fs, ip);
}

long ext2_file_seek_data(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t off, bool data)
{
	uint64_t size = ext2_inode_size(ip), lblk = off / fs->bsize;
	uint64_t last = (size + fs->bsize - 1) / fs->bsize;
	uint32_t blk;
	int err;

	if (off >= size)
		return -ENXIO;
	for (; lblk < last; lblk++) {
		if ((err = ext2_bmap(fs, ip, lblk, false, &blk, NULL)))
			return err;
		if ((blk != 0) == data)
			break;
	}
	if (lblk == last)
		return data ? -ENXIO : (long)size;
	uint64_t at = lblk * fs->bsize;
	return (long)(at < off ? off : at);
}

long ext2_symlink_read(ext2_fs_t *fs, ext2_inode_t *ip, char *buf, size_t len)
{
	uint64_t size = ext2_inode_size(ip);
	uint32_t ea = ip->d->i_file_acl ? ext2_sectors(fs) : 0;

	if (size >= fs->bsize)
		return -EXT2_ECORRUPT;
	if (len > size)
		len = (size_t)size;
	if (ip->d->i_blocks <= ea) {    /* fast: in i_block */
		if (size > sizeof(ip->d->i_block))
			return -EXT2_ECORRUPT;
		memcpy(buf, ip->d->i_block, len);
		return (long)len;
	}
	return ext2_file_read(fs, ip, 0, buf, len);
}

int ext2_symlink_write(ext2_fs_t *fs, ext2_inode_t *ip, const char *target, size_t len)
{
	long n;

	if (len >= fs->bsize)
		return -ENAMETOOLONG;
	if (len <= EXT2_FAST_LINK_MAX) {
		memset(ip->d->i_block, 0, sizeof(ip->d->i_block));
		memcpy(ip->d->i_block, target, len);
		ext2_inode_size_set(fs, ip, len);
		return ext2_inode_dirty(fs, ip);
	}
	n = ext2_file_write(fs, ip, 0, target, len);
	return n < 0 ? (int)n : (size_t)n == len ? 0 : -ENOSPC;
}
