// SPDX-License-Identifier: MIT
/*
 * The ext2 on-disk format, revision 1 (as e2fsprogs' mke2fs -t ext2 writes
 * it): the superblock at byte 1024, the group descriptor table in the
 * block after it, per group a block bitmap, an inode bitmap and an inode
 * table, and directories as chains of variable-length records. Every
 * number on disk is little-endian; the structures below are read and
 * written as they are, which is right on x86_64 (the only target and the
 * only test host), and the _Static_asserts pin each field's offset to
 * the specification's.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define EXT2_SUPER_OFFSET 1024u
#define EXT2_SUPER_MAGIC  0xEF53u
#define EXT2_ROOT_INO     2u
#define EXT2_GOOD_OLD_INODE_SIZE 128u
#define EXT2_GOOD_OLD_FIRST_INO  11u
#define EXT2_NDIR_BLOCKS  12u
#define EXT2_IND_BLOCK    12u
#define EXT2_DIND_BLOCK   13u
#define EXT2_TIND_BLOCK   14u
#define EXT2_N_BLOCKS     15u
#define EXT2_NAME_LEN     255u
#define EXT2_LINK_MAX     65000u
#define EXT2_FAST_LINK_MAX 59u  /* targets shorter than i_block (60 bytes) live there */

/* s_state */
#define EXT2_VALID_FS 0x1u      /* cleanly unmounted */
#define EXT2_ERROR_FS 0x2u

/* Features. Unknown incompat ones refuse any mount, unknown ro_compat ones
 * a read-write mount; unknown compat ones are harmless by definition. */
#define EXT2_FEATURE_COMPAT_DIR_INDEX    0x0020u
#define EXT2_FEATURE_INCOMPAT_FILETYPE   0x0002u
#define EXT2_FEATURE_INCOMPAT_RECOVER    0x0004u
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER 0x0001u
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE   0x0002u
#define EXT2_INCOMPAT_SUPPORTED  EXT2_FEATURE_INCOMPAT_FILETYPE
#define EXT2_RO_COMPAT_SUPPORTED \
	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | EXT2_FEATURE_RO_COMPAT_LARGE_FILE)

/* i_flags */
#define EXT2_INDEX_FL 0x00001000u       /* hashed (htree) directory */

/* Directory entry file types (with the filetype feature). */
#define EXT2_FT_UNKNOWN  0
#define EXT2_FT_REG_FILE 1
#define EXT2_FT_DIR      2
#define EXT2_FT_CHRDEV   3
#define EXT2_FT_BLKDEV   4
#define EXT2_FT_FIFO     5
#define EXT2_FT_SOCK     6
#define EXT2_FT_SYMLINK  7

typedef struct ext2_super {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algo_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	uint8_t s_rest[1024 - 208];     /* journal, hash seed, ...: kept as read */
} ext2_super_t;

_Static_assert(sizeof(ext2_super_t) == 1024, "the superblock is 1 KiB");
_Static_assert(offsetof(ext2_super_t, s_magic) == 56, "s_magic");
_Static_assert(offsetof(ext2_super_t, s_first_ino) == 84, "s_first_ino");
_Static_assert(offsetof(ext2_super_t, s_feature_compat) == 92, "features");
_Static_assert(offsetof(ext2_super_t, s_reserved_gdt_blocks) == 206, "reserved gdt");

typedef struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_flags;
	uint8_t bg_reserved[12];
} ext2_group_desc_t;

_Static_assert(sizeof(ext2_group_desc_t) == 32, "a group descriptor is 32 bytes");

/* The first 128 bytes of every inode, and the large inode's times after. */
typedef struct ext2_dinode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;      /* 512-byte sectors, metadata blocks included */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;
	uint32_t i_faddr;
	uint16_t i_blocks_hi;   /* Linux's osd2 (huge_file: not supported) */
	uint16_t i_file_acl_high;
	uint16_t i_uid_high;
	uint16_t i_gid_high;
	uint16_t i_checksum_lo;
	uint16_t i_reserved2;
	/* Inodes larger than 128 bytes, valid up to 128 + i_extra_isize: */
	uint16_t i_extra_isize;
	uint16_t i_checksum_hi;
	uint32_t i_ctime_extra; /* epoch bits 0-1, nanoseconds << 2 */
	uint32_t i_mtime_extra;
	uint32_t i_atime_extra;
	uint32_t i_crtime;
	uint32_t i_crtime_extra;
} ext2_dinode_t;

_Static_assert(offsetof(ext2_dinode_t, i_block) == 40, "i_block");
_Static_assert(offsetof(ext2_dinode_t, i_uid_high) == 120, "i_uid_high");
_Static_assert(offsetof(ext2_dinode_t, i_gid_high) == 122, "i_gid_high");
_Static_assert(offsetof(ext2_dinode_t, i_extra_isize) == 128, "i_extra_isize");
_Static_assert(sizeof(ext2_dinode_t) == 152, "ext2_dinode_t");

/* A directory record: 8 bytes, the name, padding to 4 bytes (rec_len). */
typedef struct ext2_dirent {
	uint32_t inode;         /* 0: an unused record */
	uint16_t rec_len;
	uint8_t name_len;
	uint8_t file_type;      /* the high byte of name_len without filetype */
	char name[];
} ext2_dirent_t;

#define EXT2_DIRENT_HEAD 8u
/* The space a record with a name of len bytes needs. */
#define EXT2_DIRENT_SIZE(len) ((EXT2_DIRENT_HEAD + (len) + 3u) & ~3u)

/* An extended attribute block's header (only its reference count is used). */
#define EXT2_XATTR_MAGIC 0xEA020000u
