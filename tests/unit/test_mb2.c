// SPDX-License-Identifier: MIT
/*
 * Tests for lib/mb2. Each test builds a synthetic multiboot2 information
 * structure with the small mbi_* builder below (tags appended at 8-byte
 * alignment, total_size written by mbi_finish), parses it, and checks the
 * boot_info_t, including that malformed structures are rejected.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/mb2.h>

#include <string.h>

typedef struct mbi {
	_Alignas(8) uint8_t buf[8192];
	size_t len;
} mbi_t;

static void mbi_put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void mbi_put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static void mbi_init(mbi_t *m)
{
	memset(m->buf, 0, sizeof m->buf);
	m->len = 8;
}

/* Appends a zeroed tag of the given size; returns its first byte. */
static uint8_t *mbi_tag(mbi_t *m, uint32_t type, uint32_t size)
{
	uint8_t *t = m->buf + m->len;

	mbi_put32(t, type);
	mbi_put32(t + 4, size);
	m->len += (size + 7u) & ~7u;
	return t;
}

static void mbi_string_tag(mbi_t *m, uint32_t type, const char *s)
{
	uint32_t n = (uint32_t)strlen(s) + 1;

	memcpy(mbi_tag(m, type, 8 + n) + 8, s, n);
}

static void mbi_module(mbi_t *m, uint32_t start, uint32_t end, const char *s)
{
	uint32_t n = (uint32_t)strlen(s) + 1;
	uint8_t *t = mbi_tag(m, 3, 16 + n);

	mbi_put32(t + 8, start);
	mbi_put32(t + 12, end);
	memcpy(t + 16, s, n);
}

/* A memory map tag with count entries of entry_size bytes each. */
static uint8_t *mbi_mmap(mbi_t *m, uint32_t entry_size, uint32_t count)
{
	uint8_t *t = mbi_tag(m, 6, 16 + entry_size * count);

	mbi_put32(t + 8, entry_size);
	for (uint32_t i = 0; i < count; i++) {
		uint8_t *e = t + 16 + i * entry_size;
		mbi_put64(e, 0x100000ull * i);
		mbi_put64(e + 8, 0x1000ull * (i + 1));
		mbi_put32(e + 16, i % 5 + 1);
	}
	return t;
}

static uint8_t *mbi_framebuffer(mbi_t *m, uint8_t type, uint32_t size)
{
	uint8_t *t = mbi_tag(m, 8, size);

	mbi_put64(t + 8, 0xfd000000);
	mbi_put32(t + 16, 4096);
	mbi_put32(t + 20, 1024);
	mbi_put32(t + 24, 768);
	t[28] = 32;
	t[29] = type;
	return t;
}

static void mbi_rsdp(mbi_t *m, uint32_t type, uint32_t len, uint8_t fill)
{
	memset(mbi_tag(m, type, 8 + len) + 8, fill, len);
}

static void mbi_finish(mbi_t *m)
{
	mbi_tag(m, 0, 8);
	mbi_put32(m->buf, (uint32_t)m->len);
}

static int mbi_parse(mbi_t *m, boot_info_t *bi)
{
	return mb2_parse(MB2_BOOTLOADER_MAGIC, m->buf, sizeof m->buf, bi);
}

static mbi_t m;
static boot_info_t bi;

TEST(mb2_minimal_mbi_parses_to_empty_info)
{
	mbi_init(&m);
	mbi_finish(&m);
	CHECK_EQ(mb2_total_size(m.buf), 16);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK(bi.cmdline == NULL);
	CHECK(bi.loader_name == NULL);
	CHECK_EQ(bi.mmap_count, 0);
	CHECK_EQ(bi.module_count, 0);
	CHECK(!bi.has_framebuffer);
	CHECK(bi.rsdp == NULL);
	CHECK_EQ(bi.rsdp_revision, 0);
	CHECK(!bi.efi_boot);
}

TEST(mb2_wrong_magic_is_rejected)
{
	mbi_init(&m);
	mbi_finish(&m);
	CHECK_EQ(mb2_parse(0x2badb002, m.buf, sizeof m.buf, &bi), -EINVAL);
}

TEST(mb2_total_size_out_of_range_is_rejected)
{
	mbi_init(&m);
	mbi_finish(&m);
	CHECK_EQ(mb2_parse(MB2_BOOTLOADER_MAGIC, m.buf, 15, &bi), -EINVAL);
	mbi_put32(m.buf, 8);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
	mbi_put32(m.buf, 15);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
	mbi_put32(m.buf, 24);
	CHECK_EQ(mb2_parse(MB2_BOOTLOADER_MAGIC, m.buf, 23, &bi), -EINVAL);
}

TEST(mb2_cmdline_and_loader_name_point_into_buffer)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "console=ttyS0 smp=2");
	mbi_string_tag(&m, 2, "GRUB 2.06");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_STR(bi.cmdline, "console=ttyS0 smp=2");
	CHECK_STR(bi.loader_name, "GRUB 2.06");
	CHECK((const uint8_t *)bi.cmdline > m.buf);
	CHECK((const uint8_t *)bi.cmdline < m.buf + m.len);
}

TEST(mb2_empty_cmdline_is_empty_string)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_STR(bi.cmdline, "");
}

TEST(mb2_string_without_nul_is_rejected)
{
	mbi_init(&m);
	memcpy(mbi_tag(&m, 1, 8 + 4) + 8, "abcd", 4);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_tag(&m, 2, 8);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	uint8_t *t = mbi_tag(&m, 3, 16 + 3);
	memcpy(t + 16, "xyz", 3);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_modules_are_listed_in_order_with_cmdlines)
{
	mbi_init(&m);
	mbi_module(&m, 0x200000, 0x280000, "/boot/init");
	mbi_module(&m, 0x280000, 0x280000, "");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.module_count, 2);
	CHECK_EQ(bi.modules[0].start, 0x200000);
	CHECK_EQ(bi.modules[0].end, 0x280000);
	CHECK_STR(bi.modules[0].cmdline, "/boot/init");
	CHECK_EQ(bi.modules[1].start, 0x280000);
	CHECK_STR(bi.modules[1].cmdline, "");
}

TEST(mb2_modules_beyond_max_are_dropped)
{
	mbi_init(&m);
	for (uint32_t i = 0; i < BOOT_MODULES_MAX + 4; i++)
		mbi_module(&m, i * 0x1000, i * 0x1000 + 0x800, "m");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.module_count, BOOT_MODULES_MAX);
	CHECK_EQ(bi.modules[BOOT_MODULES_MAX - 1].start,
		 (BOOT_MODULES_MAX - 1) * 0x1000);
}

TEST(mb2_malformed_module_is_rejected)
{
	mbi_init(&m);
	mbi_tag(&m, 3, 12);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_module(&m, 0x2000, 0x1000, "backwards");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_basic_meminfo_is_read)
{
	mbi_init(&m);
	uint8_t *t = mbi_tag(&m, 4, 16);
	mbi_put32(t + 8, 639);
	mbi_put32(t + 12, 523264);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.mem_lower_kb, 639);
	CHECK_EQ(bi.mem_upper_kb, 523264);

	mbi_init(&m);
	mbi_tag(&m, 4, 12);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_memory_map_entries_are_copied)
{
	mbi_init(&m);
	mbi_mmap(&m, 24, 3);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.mmap_count, 3);
	CHECK_EQ(bi.mmap[0].base, 0);
	CHECK_EQ(bi.mmap[0].length, 0x1000);
	CHECK_EQ(bi.mmap[0].type, BOOT_MEM_AVAILABLE);
	CHECK_EQ(bi.mmap[2].base, 0x200000);
	CHECK_EQ(bi.mmap[2].length, 0x3000);
	CHECK_EQ(bi.mmap[2].type, BOOT_MEM_ACPI_RECLAIMABLE);
}

TEST(mb2_memory_map_honours_larger_entry_size)
{
	mbi_init(&m);
	mbi_mmap(&m, 32, 4);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.mmap_count, 4);
	CHECK_EQ(bi.mmap[3].base, 0x300000);
	CHECK_EQ(bi.mmap[3].type, BOOT_MEM_NVS);
}

TEST(mb2_memory_map_ignores_trailing_partial_entry)
{
	mbi_init(&m);
	uint8_t *t = mbi_mmap(&m, 24, 2);
	mbi_put32(t + 4, 16 + 24 * 2 + 12);
	m.len += 16;
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.mmap_count, 2);
}

TEST(mb2_memory_map_small_entry_size_is_rejected)
{
	mbi_init(&m);
	mbi_mmap(&m, 16, 2);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_mmap(&m, 0, 0);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_tag(&m, 6, 12);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_memory_map_entries_beyond_max_are_dropped)
{
	mbi_init(&m);
	mbi_mmap(&m, 24, BOOT_MMAP_MAX + 10);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.mmap_count, BOOT_MMAP_MAX);
	CHECK_EQ(bi.mmap[BOOT_MMAP_MAX - 1].base,
		 0x100000ull * (BOOT_MMAP_MAX - 1));
}

TEST(mb2_rgb_framebuffer_reads_color_info)
{
	mbi_init(&m);
	uint8_t *t = mbi_framebuffer(&m, 1, 38);
	memcpy(t + 32, (uint8_t[]){ 16, 8, 8, 8, 0, 8 }, 6);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK(bi.has_framebuffer);
	CHECK_EQ(bi.fb.addr, 0xfd000000);
	CHECK_EQ(bi.fb.pitch, 4096);
	CHECK_EQ(bi.fb.width, 1024);
	CHECK_EQ(bi.fb.height, 768);
	CHECK_EQ(bi.fb.bpp, 32);
	CHECK_EQ(bi.fb.type, 1);
	CHECK_EQ(bi.fb.red_pos, 16);
	CHECK_EQ(bi.fb.red_size, 8);
	CHECK_EQ(bi.fb.green_pos, 8);
	CHECK_EQ(bi.fb.green_size, 8);
	CHECK_EQ(bi.fb.blue_pos, 0);
	CHECK_EQ(bi.fb.blue_size, 8);
}

TEST(mb2_text_framebuffer_has_no_color_info)
{
	mbi_init(&m);
	uint8_t *t = mbi_framebuffer(&m, 2, 32);
	t[28] = 16;
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK(bi.has_framebuffer);
	CHECK_EQ(bi.fb.type, 2);
	CHECK_EQ(bi.fb.bpp, 16);
	CHECK_EQ(bi.fb.red_size, 0);
}

TEST(mb2_short_framebuffer_tag_is_rejected)
{
	mbi_init(&m);
	mbi_framebuffer(&m, 1, 36);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_tag(&m, 8, 30);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_efi_system_table_tags_mark_efi_boot)
{
	mbi_init(&m);
	mbi_tag(&m, 12, 16);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK(bi.efi_boot);

	mbi_init(&m);
	mbi_tag(&m, 11, 12);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK(bi.efi_boot);
}

TEST(mb2_old_rsdp_alone_is_revision_1)
{
	mbi_init(&m);
	mbi_rsdp(&m, 14, 20, 0xaa);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.rsdp_revision, 1);
	CHECK_EQ(bi.rsdp_size, 20);
	CHECK((const uint8_t *)bi.rsdp == m.buf + 16);
}

TEST(mb2_new_rsdp_is_preferred_in_either_order)
{
	mbi_init(&m);
	mbi_rsdp(&m, 14, 20, 0xaa);
	mbi_rsdp(&m, 15, 36, 0xbb);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.rsdp_revision, 2);
	CHECK_EQ(bi.rsdp_size, 36);
	CHECK_EQ(((const uint8_t *)bi.rsdp)[0], 0xbb);

	mbi_init(&m);
	mbi_rsdp(&m, 15, 36, 0xbb);
	mbi_rsdp(&m, 14, 20, 0xaa);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_EQ(bi.rsdp_revision, 2);
	CHECK_EQ(((const uint8_t *)bi.rsdp)[0], 0xbb);
}

TEST(mb2_short_rsdp_tags_are_rejected)
{
	mbi_init(&m);
	mbi_rsdp(&m, 14, 19, 0);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	mbi_init(&m);
	mbi_rsdp(&m, 15, 20, 0);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_unknown_tags_are_skipped)
{
	mbi_init(&m);
	mbi_tag(&m, 21, 12);
	mbi_tag(&m, 9, 20);
	mbi_tag(&m, 0x7fffffff, 8);
	mbi_string_tag(&m, 1, "after");
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_STR(bi.cmdline, "after");
}

TEST(mb2_tag_past_end_is_rejected)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "abc");
	mbi_finish(&m);
	mbi_put32(m.buf + 8 + 4, 200);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_tag_smaller_than_header_is_rejected)
{
	mbi_init(&m);
	mbi_finish(&m);
	mbi_put32(m.buf + 8 + 4, 4);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_missing_end_tag_is_rejected)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "no end");
	mbi_put32(m.buf, (uint32_t)m.len);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);

	/* total_size cuts the end tag's header short */
	mbi_init(&m);
	mbi_string_tag(&m, 1, "x");
	mbi_finish(&m);
	mbi_put32(m.buf, (uint32_t)m.len - 4);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_last_tag_padding_past_total_size_is_rejected)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "abc"); /* size 12, padded to 16 */
	mbi_put32(m.buf, 8 + 12);
	CHECK_EQ(mbi_parse(&m, &bi), -EINVAL);
}

TEST(mb2_parse_is_alignment_safe)
{
	static _Alignas(8) uint8_t shifted[sizeof m.buf + 4];

	mbi_init(&m);
	mbi_mmap(&m, 24, 2);
	mbi_framebuffer(&m, 1, 38);
	mbi_finish(&m);
	memcpy(shifted + 4, m.buf, m.len);
	CHECK_EQ(mb2_parse(MB2_BOOTLOADER_MAGIC, shifted + 4, m.len, &bi), 0);
	CHECK_EQ(bi.mmap_count, 2);
	CHECK(bi.has_framebuffer);
}

TEST(mb2_full_grub_like_mbi_parses)
{
	mbi_init(&m);
	mbi_string_tag(&m, 1, "quiet");
	mbi_string_tag(&m, 2, "GRUB");
	mbi_module(&m, 0x400000, 0x500000, "initrd");
	uint8_t *t = mbi_tag(&m, 4, 16);
	mbi_put32(t + 8, 640);
	mbi_mmap(&m, 24, 6);
	mbi_tag(&m, 5, 20);
	mbi_framebuffer(&m, 1, 38);
	mbi_tag(&m, 12, 16);
	mbi_rsdp(&m, 14, 20, 1);
	mbi_finish(&m);
	CHECK_EQ(mbi_parse(&m, &bi), 0);
	CHECK_STR(bi.cmdline, "quiet");
	CHECK_STR(bi.loader_name, "GRUB");
	CHECK_EQ(bi.module_count, 1);
	CHECK_EQ(bi.mem_lower_kb, 640);
	CHECK_EQ(bi.mmap_count, 6);
	CHECK_EQ(bi.mmap[5].type, BOOT_MEM_AVAILABLE);
	CHECK(bi.has_framebuffer);
	CHECK(bi.efi_boot);
	CHECK_EQ(bi.rsdp_revision, 1);
}
