// SPDX-License-Identifier: MIT
/*
 * Partition-table parsing (drivers/lib/disk_gpt.c, disk_mbr.c) on disk
 * images made by tools/mkdisk.py and, independently, by sgdisk and
 * sfdisk (packages gdisk and fdisk, in tools/install-deps.sh), plus
 * hand-corrupted copies: a primary GPT whose header or entry array is
 * damaged must be read from the backup; an EBR chain that loops must
 * end. Images live in a fresh directory under /tmp.
 */
#include "unit.h"

#include <drivers/lib/disk.h>
#include <drivers/lib/disk_part.h>

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static const char *img(const char *name)
{
	static char path[128];

	if (!dir[0]) {
		strcpy(dir, "/tmp/test_disk_part.XXXXXX");
		if (!mkdtemp(dir))
			abort();
	}
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return path;
}

static int sh(const char *fmt, const char *a)
{
	char cmd[1024];

	snprintf(cmd, sizeof(cmd), fmt, a, a, a);
	return system(cmd);
}

static int file_read(void *ctx, uint64_t lba, uint32_t count, void *buf)
{
	int fd = *(int *)ctx;
	ssize_t n = pread(fd, buf, (size_t)count * 512, (off_t)(lba * 512));

	return n == (ssize_t)count * 512 ? 0 : -EIO;
}

/* Parses the image at path into t; -errno on failure. */
static int parse(const char *path, disk_table_t *t)
{
	struct stat st;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &st) < 0)
		return -errno;
	int err = disk_part_read(file_read, &fd, 512, (uint64_t)st.st_size / 512, t);
	close(fd);
	return err;
}

/* Overwrites one byte of path at off with its complement. */
static void corrupt(const char *path, off_t off)
{
	int fd = open(path, O_RDWR);
	uint8_t b;

	if (fd < 0 || pread(fd, &b, 1, off) != 1)
		abort();
	b = (uint8_t)~b;
	if (pwrite(fd, &b, 1, off) != 1)
		abort();
	close(fd);
}

static char guid_text[37];

static const char *guid(const uint8_t g[16])
{
	disk_guid_format(g, guid_text);
	return guid_text;
}

static disk_table_t tab;

TEST(disk_crc32_matches_the_standard_check_value)
{
	CHECK_EQ(disk_crc32(0, "123456789", 9), 0xcbf43926u);
	CHECK_EQ(disk_crc32(disk_crc32(0, "1234", 4), "56789", 5), 0xcbf43926u);
}

TEST(disk_gpt_from_mkdisk)
{
	const char *p = img("mk.img");
	CHECK_EQ(sh("head -c 100000 /dev/urandom > %s.bin && python3 tools/mkdisk.py %s "
		    "--part name=tessera-root,type=linux,image=%s.bin "
		    "--part 'name=Ünïcødé 𝄞,type=efi,size=2,guid=01234567-89ab-cdef-0123-456789abcdef'",
		    p), 0);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_GPT);
	CHECK(!tab.gpt_backup);
	CHECK_EQ(tab.count, 2);
	CHECK_EQ(tab.part[0].number, 1);
	CHECK_EQ(tab.part[0].first_lba, 2048);
	CHECK_EQ(tab.part[0].sectors, 2048);
	CHECK_STR(guid(tab.part[0].type_guid), "0fc63daf-8483-4772-8e79-3d69d8477de4");
	CHECK_STR(tab.part[0].name, "tessera-root");
	CHECK_EQ(tab.part[1].number, 2);
	CHECK_EQ(tab.part[1].first_lba, 4096);
	CHECK_EQ(tab.part[1].sectors, 4096);
	CHECK_STR(guid(tab.part[1].type_guid), "c12a7328-f81f-11d2-ba4b-00a0c93ec93b");
	CHECK_STR(guid(tab.part[1].guid), "01234567-89ab-cdef-0123-456789abcdef");
	CHECK_STR(tab.part[1].name, "Ünïcødé 𝄞");
}

TEST(disk_gpt_from_sgdisk_with_a_hole)
{
	const char *p = img("sg.img");
	CHECK_EQ(sh("rm -f %s && truncate -s 8M %s && sgdisk "
		    "-n 1:2048:+1M -t 1:8300 -c 1:alpha -u 1:11111111-2222-3333-4444-555555555555 "
		    "-n 3:6144:+2M -t 3:ef00 -c '3:beta gamma' %s >/dev/null", p), 0);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_GPT);
	CHECK_EQ(tab.count, 2);
	CHECK_EQ(tab.part[0].number, 1);
	CHECK_EQ(tab.part[0].first_lba, 2048);
	CHECK_EQ(tab.part[0].sectors, 2048);
	CHECK_STR(guid(tab.part[0].guid), "11111111-2222-3333-4444-555555555555");
	CHECK_STR(tab.part[0].name, "alpha");
	CHECK_EQ(tab.part[1].number, 3);
	CHECK_EQ(tab.part[1].first_lba, 6144);
	CHECK_EQ(tab.part[1].sectors, 4096);
	CHECK_STR(tab.part[1].name, "beta gamma");
}

TEST(disk_gpt_corrupt_primary_header_uses_the_backup)
{
	const char *p = img("bad_hdr.img");
	CHECK_EQ(sh("rm -f %s && truncate -s 8M %s && sgdisk -n 1:2048:+1M -c 1:one "
		    "-n 2:0:+1M -c 2:two %s >/dev/null", p), 0);
	corrupt(p, 512 + 40);           /* first_usable: the header CRC no longer matches */
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_GPT);
	CHECK(tab.gpt_backup);
	CHECK_EQ(tab.count, 2);
	CHECK_STR(tab.part[1].name, "two");
	CHECK_EQ(tab.part[1].first_lba, 4096);
}

TEST(disk_gpt_corrupt_primary_entries_use_the_backup)
{
	const char *p = img("bad_ent.img");
	CHECK_EQ(sh("rm -f %s && truncate -s 8M %s && sgdisk -n 1:2048:+1M -c 1:one %s "
		    ">/dev/null", p), 0);
	corrupt(p, 1024 + 56);          /* the name of entry 0 in the primary array */
	CHECK_EQ(parse(p, &tab), 0);
	CHECK(tab.gpt_backup);
	CHECK_EQ(tab.count, 1);
	CHECK_STR(tab.part[0].name, "one");
}

TEST(disk_gpt_both_corrupt_is_no_table)
{
	const char *p = img("bad_both.img");
	CHECK_EQ(sh("rm -f %s && truncate -s 8M %s && sgdisk -n 1:2048:+1M %s >/dev/null", p), 0);
	corrupt(p, 512 + 40);
	corrupt(p, 8 * 1024 * 1024 - 512 + 40);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_NONE);
	CHECK_EQ(tab.count, 0);
}

TEST(disk_mbr_from_sfdisk_with_logicals)
{
	const char *p = img("sf.img");
	CHECK_EQ(sh("rm -f %s && truncate -s 16M %s && printf '%%s\\n' 'label: dos' "
		    "'start=2048, size=4096, type=83' 'start=6144, size=2048, type=c' "
		    "'start=8192, size=20480, type=5' 'start=10240, size=4096, type=83' "
		    "'start=16384, size=2048, type=82' | sfdisk -q %s", p), 0);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_MBR);
	CHECK_EQ(tab.count, 4);
	const unsigned num[] = { 1, 2, 5, 6 }, type[] = { 0x83, 0x0c, 0x83, 0x82 };
	const uint64_t first[] = { 2048, 6144, 10240, 16384 }, size[] = { 4096, 2048, 4096, 2048 };
	for (int i = 0; i < 4; i++) {
		CHECK_EQ(tab.part[i].number, num[i]);
		CHECK_EQ(tab.part[i].mbr_type, type[i]);
		CHECK_EQ(tab.part[i].first_lba, first[i]);
		CHECK_EQ(tab.part[i].sectors, size[i]);
	}
}

TEST(disk_mbr_from_mkdisk_matches_sfdisk)
{
	const char *p = img("mkm.img");
	CHECK_EQ(sh("python3 tools/mkdisk.py %s --mbr --part type=0x83,size=1 "
		    "--part type=0x0c,size=2,logical --part type=0x83,size=1,logical && "
		    "sfdisk -V %s >/dev/null", p), 0);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.count, 3);
	CHECK_EQ(tab.part[0].number, 1);
	CHECK_EQ(tab.part[0].first_lba, 2048);
	CHECK_EQ(tab.part[1].number, 5);
	CHECK_EQ(tab.part[1].first_lba, 3 * 2048);
	CHECK_EQ(tab.part[1].sectors, 4096);
	CHECK_EQ(tab.part[1].mbr_type, 0x0c);
	CHECK_EQ(tab.part[2].number, 6);
	CHECK_EQ(tab.part[2].first_lba, 6 * 2048);
}

TEST(disk_mbr_looping_ebr_chain_ends)
{
	const char *p = img("loop.img");
	CHECK_EQ(sh("python3 tools/mkdisk.py %s --mbr --part type=0x83,size=1,logical "
		    "--part type=0x83,size=1,logical", p), 0);
	/* The second EBR (at 3 MiB) links back to the first (relative 0 -> forbidden). */
	int fd = open(p, O_RDWR);
	uint8_t e[16];
	CHECK(pread(fd, e, 16, 3 * 1048576 + 446 + 16) == 16);
	e[4] = 0x05;
	uint32_t back = 1;      /* one sector into the extended partition: behind itself */
	memcpy(e + 8, &back, 4);
	CHECK(pwrite(fd, e, 16, 3 * 1048576 + 446 + 16) == 16);
	close(fd);
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.count, 2);
	CHECK_EQ(tab.part[1].number, 6);
}

TEST(disk_protective_mbr_alone_is_not_read_as_mbr)
{
	const char *p = img("pmbr.img");
	CHECK_EQ(sh("python3 tools/mkdisk.py %s --part size=1", p), 0);
	corrupt(p, 512);                /* "EFI PART" gone at the primary */
	corrupt(p, 2 * 1048576 + 1048576 - 512);        /* and at the backup (last LBA) */
	CHECK_EQ(parse(p, &tab), 0);
	CHECK_EQ(tab.label, DISK_LABEL_NONE);           /* not an MBR with one 0xee partition */
}

TEST(disk_part_cleanup)
{
	if (dir[0])
		CHECK_EQ(sh("rm -rf %s", dir), 0);
}
