// SPDX-License-Identifier: MIT
/*
 * libext2's internals, shared by its files:
 *
 *   ext2_cache.c   the block cache and write-back
 *   ext2_super.c   mount, sync, unmount, statfs
 *   ext2_alloc.c   block and inode bitmaps, the free counts
 *   ext2_inode.c   the inode cache, reading and writing inodes
 *   ext2_bmap.c    logical to physical blocks: direct, 1-, 2-, 3-indirect
 *   ext2_file.c    file data, truncate, symbolic links
 *   ext2_dir.c     directory records
 */
#pragma once

#include "ext2.h"

typedef struct ext2_buf {
	uint32_t blk;
	unsigned refs;
	bool dirty, valid;
	struct ext2_buf *hnext;
	struct ext2_buf *prev, *next;   /* LRU: most recently used first */
	uint8_t *data;
} ext2_buf_t;

typedef struct ext2_cache {
	ext2_buf_t *bufs;
	uint8_t *mem;
	size_t count;
	ext2_buf_t **hash;
	size_t hash_cap;
	ext2_buf_t *head, *tail;        /* the LRU list */
	size_t dirty;
	uint8_t *run;                   /* write-back merges runs here */
	size_t run_blocks;
	uint8_t *ra;                    /* read-ahead lands here */
} ext2_cache_t;

struct ext2_fs {
	ext2_dev_t dev;
	ext2_config_t cfg;
	ext2_super_t sb;
	ext2_group_desc_t *gd;
	uint32_t groups;
	uint32_t bsize, log_bsize;      /* bytes per block, log2 */
	uint32_t ppb;                   /* block numbers per block */
	uint32_t inode_size;
	uint32_t gdt_blocks;
	uint16_t mount_state;           /* s_state at mount, restored at unmount */
	bool ro;
	bool filetype;                  /* records carry a file type */
	bool sb_dirty;                  /* superblock or descriptors changed */
	ext2_cache_t cache;
	/* The inode cache: all in-memory inodes by number, and the released
	 * ones (refs 0) in LRU order, trimmed to cfg.inode_cache. */
	ext2_inode_t **itab;
	size_t itab_cap, icount;
	ext2_inode_t *ilru_head, *ilru_tail;
	size_t ilru_count;
	uint8_t *zero;                  /* a block of zeros */
};

/* --- ext2_cache.c ---------------------------------------------------------- */

int ext2_cache_init(ext2_fs_t *fs);
void ext2_cache_fini(ext2_fs_t *fs);
/* Block blk with a reference, read from the device if not cached. */
int ext2_bread(ext2_fs_t *fs, uint32_t blk, ext2_buf_t **out);
/* Block blk with a reference, contents zeroed and not read (a new block,
 * or one about to be wholly overwritten). */
int ext2_bzero(ext2_fs_t *fs, uint32_t blk, ext2_buf_t **out);
void ext2_bdirty(ext2_fs_t *fs, ext2_buf_t *b);
void ext2_brelse(ext2_fs_t *fs, ext2_buf_t *b);
/* A freed block: its cached copy, if any, need not be written. */
void ext2_bforget(ext2_fs_t *fs, uint32_t blk);
/* Writes every dirty block (sorted, runs merged). */
int ext2_cache_writeback(ext2_fs_t *fs);
/* Whether blk is cached (then reads must come from the cache). */
bool ext2_cache_has(const ext2_fs_t *fs, uint32_t blk);
/* Reads blocks [blk, blk + count) into dst in one device read, cached
 * copies (possibly newer) taking precedence: large reads bypass the cache. */
int ext2_cache_read_direct(ext2_fs_t *fs, uint32_t blk, uint32_t count, void *dst);
/* Brings up to EXT2_RA_BLOCKS blocks from blk into the cache in one read. */
void ext2_cache_prefetch(ext2_fs_t *fs, uint32_t blk, uint32_t count);
#define EXT2_RA_BLOCKS 32u
#define EXT2_DIRECT_MAX (1024u * 1024u)   /* bytes per direct read */

/* --- ext2_super.c ------------------------------------------------------------ */

/* Copies the superblock and descriptors into their cached blocks. */
int ext2_super_store(ext2_fs_t *fs);

/* --- ext2_alloc.c ------------------------------------------------------------ */

/* A free block, marked used, near goal (0: anywhere); -ENOSPC. */
int ext2_block_alloc(ext2_fs_t *fs, uint32_t goal, uint32_t *out);
void ext2_block_free(ext2_fs_t *fs, uint32_t blk);
/* A free inode for a directory (spread out) or a file (near parent). */
int ext2_ino_alloc(ext2_fs_t *fs, uint32_t parent, bool dir, uint32_t *out);
void ext2_ino_free(ext2_fs_t *fs, uint32_t ino, bool dir);
uint32_t ext2_ino_group(const ext2_fs_t *fs, uint32_t ino);

/* --- ext2_bmap.c --------------------------------------------------------------- */

/*
 * The physical block of logical block lblk: 0 for a hole. With alloc, a
 * hole gets a new zeroed block (and the indirect blocks on the way), the
 * inode's i_blocks counting them; *fresh says the block is new.
 */
int ext2_bmap(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t lblk, bool alloc, uint32_t *out,
	      bool *fresh);
/* Frees every block at or past logical block first (and emptied indirect
 * blocks). */
int ext2_bmap_cut(ext2_fs_t *fs, ext2_inode_t *ip, uint64_t first);
/* Logical blocks the mapping can address. */
uint64_t ext2_bmap_limit(const ext2_fs_t *fs);
/* i_blocks in 512-byte sectors per block. */
static inline uint32_t ext2_sectors(const ext2_fs_t *fs)
{
	return fs->bsize / 512;
}

/* --- ext2_inode.c -------------------------------------------------------------- */

int ext2_icache_init(ext2_fs_t *fs);
/* Frees every cached inode; false if some still had references. */
bool ext2_icache_fini(ext2_fs_t *fs);
