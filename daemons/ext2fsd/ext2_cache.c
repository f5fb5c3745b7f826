// SPDX-License-Identifier: MIT
/*
 * The block cache: a fixed pool of block buffers, found by block number
 * through a hash table and kept on one LRU list (most recently used at
 * the head). A buffer in use has references and is never reused; a
 * released one stays cached, valid, and possibly dirty.
 *
 * Write-back is lazy: ext2_bdirty only marks. Dirty blocks reach the
 * device when ext2_cache_writeback runs — from ext2_sync, from the
 * daemon's periodic timer, or when a buffer must be reused and the least
 * recently used free one is dirty. Write-back then writes all of them at
 * once, sorted by block number, merging consecutive blocks into one
 * device write of up to EXT2_RUN_BYTES: one disk request per run rather
 * than per block, which is what makes large writes fast.
 *
 * Reading is helped two ways: a miss while a file is read brings the
 * next blocks of the file (when they follow on the disk) into the cache
 * in the same device read (read-ahead), and a read of many whole blocks
 * goes from the disk straight into the caller's buffer, cached copies
 * patched over it since they may be newer than the disk.
 *
 * A failed device write leaves the buffers dirty (a later write-back
 * tries again); a failed read leaves no buffer behind.
 */
#include "ext2_int.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define EXT2_RUN_BYTES (256u * 1024u)

static size_t ext2_hash_slot(const ext2_cache_t *c, uint32_t blk)
{
	return (blk * 2654435761u) & (c->hash_cap - 1);
}

static void ext2_lru_unlink(ext2_cache_t *c, ext2_buf_t *b)
{
	if (b->prev)
		b->prev->next = b->next;
	else
		c->head = b->next;
	if (b->next)
		b->next->prev = b->prev;
	else
		c->tail = b->prev;
	b->prev = b->next = NULL;
}

static void ext2_lru_push_head(ext2_cache_t *c, ext2_buf_t *b)
{
	b->next = c->head;
	b->prev = NULL;
	if (c->head)
		c->head->prev = b;
	c->head = b;
	if (!c->tail)
		c->tail = b;
}

static void ext2_lru_push_tail(ext2_cache_t *c, ext2_buf_t *b)
{
	b->prev = c->tail;
	b->next = NULL;
	if (c->tail)
		c->tail->next = b;
	c->tail = b;
	if (!c->head)
		c->head = b;
}

static void ext2_hash_remove(ext2_cache_t *c, ext2_buf_t *b)
{
	ext2_buf_t **pp = &c->hash[ext2_hash_slot(c, b->blk)];

	while (*pp && *pp != b)
		pp = &(*pp)->hnext;
	if (*pp)
		*pp = b->hnext;
	b->hnext = NULL;
}

static ext2_buf_t *ext2_hash_find(const ext2_cache_t *c, uint32_t blk)
{
	for (ext2_buf_t *b = c->hash[ext2_hash_slot(c, blk)]; b; b = b->hnext)
		if (b->blk == blk && b->valid)
			return b;
	return NULL;
}

int ext2_cache_init(ext2_fs_t *fs)
{
	ext2_cache_t *c = &fs->cache;
	size_t n = fs->cfg.cache_blocks < 64 ? 64 : fs->cfg.cache_blocks;

	memset(c, 0, sizeof(*c));
	c->hash_cap = 64;
	while (c->hash_cap < n)
		c->hash_cap *= 2;
	c->run_blocks = EXT2_RUN_BYTES / fs->bsize;
	c->bufs = calloc(n, sizeof(*c->bufs));
	c->mem = malloc(n * fs->bsize);
	c->hash = calloc(c->hash_cap, sizeof(*c->hash));
	c->run = malloc(EXT2_RUN_BYTES);
	c->ra = malloc((size_t)EXT2_RA_BLOCKS * fs->bsize);
	if (!c->bufs || !c->mem || !c->hash || !c->run || !c->ra) {
		ext2_cache_fini(fs);
		return -ENOMEM;
	}
	c->count = n;
	for (size_t i = 0; i < n; i++) {
		c->bufs[i].data = c->mem + i * fs->bsize;
		ext2_lru_push_tail(c, &c->bufs[i]);
	}
	return 0;
}

void ext2_cache_fini(ext2_fs_t *fs)
{
	ext2_cache_t *c = &fs->cache;

	free(c->bufs);
	free(c->mem);
	free(c->hash);
	free(c->run);
	free(c->ra);
	memset(c, 0, sizeof(*c));
}

bool ext2_cache_has(const ext2_fs_t *fs, uint32_t blk)
{
	return ext2_hash_find(&fs->cache, blk) != NULL;
}

static int ext2_buf_cmp(const void *a, const void *b)
{
	uint32_t x = (*(ext2_buf_t *const *)a)->blk, y = (*(ext2_buf_t *const *)b)->blk;

	return x < y ? -1 : x > y;
}

/* Writes list[0..n) (consecutive blocks) in one device write. */
static int ext2_write_run(ext2_fs_t *fs, ext2_buf_t **list, size_t n)
{
	const void *src = list[0]->data;
	int err;

	if (n > 1) {
		for (size_t i = 0; i < n; i++)
			memcpy(fs->cache.run + i * fs->bsize, list[i]->data, fs->bsize);
		src = fs->cache.run;
	}
	err = fs->dev.write(fs->dev.ctx, (uint64_t)list[0]->blk * fs->bsize, src,
			    n * fs->bsize);
	if (err)
		return err;
	for (size_t i = 0; i < n; i++)
		list[i]->dirty = false;
	fs->cache.dirty -= n;
	return 0;
}

int ext2_cache_writeback(ext2_fs_t *fs)
{
	ext2_cache_t *c = &fs->cache;
	ext2_buf_t **list;
	size_t n = 0;
	int err = 0;

	if (!c->dirty)
		return 0;
	if (!(list = malloc(c->dirty * sizeof(*list))))
		return -ENOMEM;
	for (size_t i = 0; i < c->count && n < c->dirty; i++)
		if (c->bufs[i].dirty)
			list[n++] = &c->bufs[i];
	qsort(list, n, sizeof(*list), ext2_buf_cmp);
	for (size_t i = 0; i < n && !err;) {
		size_t run = 1;
		while (i + run < n && run < c->run_blocks &&
		       list[i + run]->blk == list[i]->blk + run)
			run++;
		err = ext2_write_run(fs, list + i, run);
		i += run;
	}
	free(list);
	return err;
}

/* A buffer for blk: the cached one, or the least recently used free one. */
static int ext2_buf_get(ext2_fs_t *fs, uint32_t blk, ext2_buf_t **out, bool *hit)
{
	ext2_cache_t *c = &fs->cache;
	ext2_buf_t *b = ext2_hash_find(c, blk);
	int err;

	*hit = b != NULL;
	if (!b) {
		for (b = c->tail; b && b->refs; b = b->prev)
			;
		if (!b)
			return -ENOMEM; /* every buffer in use: a caller leaks */
		if (b->dirty && (err = ext2_cache_writeback(fs)) < 0)
			return err;
		if (b->valid)
			ext2_hash_remove(c, b);
		b->valid = false;
		b->blk = blk;
	}
	ext2_lru_unlink(c, b);
	ext2_lru_push_head(c, b);
	b->refs++;
	*out = b;
	return 0;
}

static void ext2_buf_publish(ext2_cache_t *c, ext2_buf_t *b)
{
	size_t s = ext2_hash_slot(c, b->blk);

	b->valid = true;
	b->hnext = c->hash[s];
	c->hash[s] = b;
}

int ext2_bread(ext2_fs_t *fs, uint32_t blk, ext2_buf_t **out)
{
	ext2_buf_t *b;
	bool hit;
	int err;

	if (blk >= fs->sb.s_blocks_count)
		return -EXT2_ECORRUPT;
	if ((err = ext2_buf_get(fs, blk, &b, &hit)) < 0)
		return err;
	if (!hit) {
		err = fs->dev.read(fs->dev.ctx, (uint64_t)blk * fs->bsize, b->data, fs->bsize);
		if (err) {
			b->refs--;
			ext2_lru_unlink(&fs->cache, b);
			ext2_lru_push_tail(&fs->cache, b);
			return err;
		}
		ext2_buf_publish(&fs->cache, b);
	}
	*out = b;
	return 0;
}

int ext2_bzero(ext2_fs_t *fs, uint32_t blk, ext2_buf_t **out)
{
	ext2_buf_t *b;
	bool hit;
	int err;

	if (blk >= fs->sb.s_blocks_count)
		return -EXT2_ECORRUPT;
	if ((err = ext2_buf_get(fs, blk, &b, &hit)) < 0)
		return err;
	memset(b->data, 0, fs->bsize);
	if (!hit)
		ext2_buf_publish(&fs->cache, b);
	*out = b;
	return 0;
}

void ext2_bdirty(ext2_fs_t *fs, ext2_buf_t *b)
{
	if (!b->dirty) {
		b->dirty = true;
		fs->cache.dirty++;
	}
}

void ext2_brelse(ext2_fs_t *fs, ext2_buf_t *b)
{
	(void)fs;
	if (b)
		b->refs--;
}

void ext2_bforget(ext2_fs_t *fs, uint32_t blk)
{
	ext2_cache_t *c = &fs->cache;
	ext2_buf_t *b = ext2_hash_find(c, blk);

	if (!b || b->refs)
		return;
	if (b->dirty) {
		b->dirty = false;
		c->dirty--;
	}
	ext2_hash_remove(c, b);
	b->valid = false;
	ext2_lru_unlink(c, b);
	ext2_lru_push_tail(c, b);
}

int ext2_cache_read_direct(ext2_fs_t *fs, uint32_t blk, uint32_t count, void *dst)
{
	int err;

	if (blk + (uint64_t)count > fs->sb.s_blocks_count)
		return -EXT2_ECORRUPT;
	err = fs->dev.read(fs->dev.ctx, (uint64_t)blk * fs->bsize, dst, (size_t)count * fs->bsize);
	if (err)
		return err;
	for (uint32_t i = 0; i < count; i++) {
		ext2_buf_t *b = ext2_hash_find(&fs->cache, blk + i);
		if (b)
			memcpy((uint8_t *)dst + (size_t)i * fs->bsize, b->data, fs->bsize);
	}
	return 0;
}

void ext2_cache_prefetch(ext2_fs_t *fs, uint32_t blk, uint32_t count)
{
	ext2_cache_t *c = &fs->cache;

	if (count > EXT2_RA_BLOCKS)
		count = EXT2_RA_BLOCKS;
	if (count > c->count / 4)
		count = (uint32_t)(c->count / 4);       /* never flush the cache for it */
	if (count < 2 || blk + (uint64_t)count > fs->sb.s_blocks_count ||
	    fs->dev.read(fs->dev.ctx, (uint64_t)blk * fs->bsize, c->ra, (size_t)count * fs->bsize))
		return;
	for (uint32_t i = 0; i < count; i++) {
		ext2_buf_t *b;
		bool hit;
		if (ext2_hash_find(c, blk + i) || ext2_buf_get(fs, blk + i, &b, &hit))
			continue;
		memcpy(b->data, c->ra + (size_t)i * fs->bsize, fs->bsize);
		ext2_buf_publish(c, b);
		b->refs--;
	}
}
