// SPDX-License-Identifier: MIT
/*
 * Tests for lib/elf. Most tests build an executable in memory with the
 * img_* builder below (a file header, program headers from offset 64, and
 * payload from offset 0x1000), break one thing, and check the verdict;
 * field offsets here are written out from the gABI, independently of the
 * parser's structs. Then real static executables, linked at run time by
 * the host's gcc and clang/lld in several layouts, must parse, and this
 * (PIE, dynamic) test binary must not. Last, a seeded mutation fuzzer
 * checks that whatever elf_parse accepts satisfies its promises.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/elf.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define USER_LIMIT 0x0000800000000000ull
#define IMG_SIZE 0x4000
#define TEXT 0x401000ull

enum { PT_LOAD = 1, PT_DYNAMIC, PT_INTERP, PT_NOTE, PT_SHLIB, PT_PHDR, PT_TLS };
#define PT_GNU_STACK 0x6474e551u
enum { X = 1, W = 2, R = 4 };
enum { E_TYPE = 16, E_MACHINE = 18, E_VERSION = 20, E_ENTRY = 24,
       E_PHOFF = 32, E_EHSIZE = 52, E_PHENTSIZE = 54, E_PHNUM = 56 };
enum { P_FLAGS = 4, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32,
       P_MEMSZ = 40, P_ALIGN = 48 };

static struct {
	_Alignas(8) uint8_t buf[IMG_SIZE];
	size_t len;
} im;
static elf_image_t ei;

static void put16(size_t off, uint16_t v) { memcpy(im.buf + off, &v, 2); }
static void put32(size_t off, uint32_t v) { memcpy(im.buf + off, &v, 4); }
static void put64(size_t off, uint64_t v) { memcpy(im.buf + off, &v, 8); }

static uint16_t phnum(void)
{
	uint16_t n;

	memcpy(&n, im.buf + E_PHNUM, 2);
	return n;
}

static void img_init(uint64_t entry)
{
	memset(im.buf, 0, sizeof im.buf);
	im.len = IMG_SIZE;
	memcpy(im.buf, "\x7f" "ELF\x02\x01\x01", 7);
	put16(E_TYPE, 2);
	put16(E_MACHINE, 62);
	put32(E_VERSION, 1);
	put64(E_ENTRY, entry);
	put64(E_PHOFF, 64);
	put16(E_EHSIZE, 64);
	put16(E_PHENTSIZE, 56);
	memset(im.buf + 0x1000, 0x90, IMG_SIZE - 0x1000);
}

/* Appends a program header; returns its index. */
static int img_ph(uint32_t type, uint32_t flags, uint64_t off, uint64_t vaddr,
		  uint64_t filesz, uint64_t memsz, uint64_t align)
{
	int i = phnum();
	size_t p = 64 + 56 * (size_t)i;

	put32(p, type);
	put32(p + P_FLAGS, flags);
	put64(p + P_OFFSET, off);
	put64(p + P_VADDR, vaddr);
	put64(p + 24, vaddr); /* p_paddr */
	put64(p + P_FILESZ, filesz);
	put64(p + P_MEMSZ, memsz);
	put64(p + P_ALIGN, align);
	put16(E_PHNUM, (uint16_t)(i + 1));
	return i;
}

static void ph64(int i, size_t field, uint64_t v)
{
	put64(64 + 56 * (size_t)i + field, v);
}

static int parse(void) { return elf_parse(im.buf, im.len, USER_LIMIT, &ei); }

/* One executable segment at TEXT, the entry at its start. */
static int img_text(void)
{
	img_init(TEXT);
	return img_ph(PT_LOAD, R | X, 0x1000, TEXT, 0x100, 0x100, 0x1000);
}

/* PT_PHDR, headers, text, data + bss, TLS, stack: a typical static binary. */
static void img_full(void)
{
	img_init(TEXT + 0x10);
	img_ph(PT_PHDR, R, 64, 0x400040, 6 * 56, 6 * 56, 8);
	img_ph(PT_LOAD, R, 0, 0x400000, 0x1000, 0x1000, 0x1000);
	img_ph(PT_LOAD, R | X, 0x1000, TEXT, 0x100, 0x100, 0x1000);
	img_ph(PT_LOAD, R | W, 0x2000, 0x402000, 0x100, 0x3000, 0x1000);
	img_ph(PT_TLS, R, 0x2000, 0x402000, 0x10, 0x40, 16);
	img_ph(PT_GNU_STACK, R | W, 0, 0, 0, 0, 16);
}

/* NULL if e keeps every promise of lib/elf.h for this file, else which. */
static const char *image_violation(const elf_image_t *e, size_t file_size,
				   uint64_t limit)
{
	bool entry_ok = false;

	if (e->segment_count == 0 || e->segment_count > ELF_MAX_SEGMENTS)
		return "segment count";
	for (size_t i = 0; i < e->segment_count; i++) {
		const elf_segment_t *s = &e->segments[i];

		uint64_t end = s->vaddr + s->memsz;

		if (s->memsz == 0 || s->filesz > s->memsz ||
		    s->vaddr < 0x1000 || end < s->vaddr || end > limit)
			return "segment outside user range";
		if (s->file_offset + s->filesz < s->file_offset ||
		    s->file_offset + s->filesz > file_size)
			return "segment outside file";
		if ((s->vaddr - s->file_offset) % 4096 != 0)
			return "segment not congruent";
		if (i > 0 && s->vaddr < s[-1].vaddr + s[-1].memsz)
			return "segments unsorted or overlapping";
		if ((s->flags & X) && e->entry >= s->vaddr &&
		    e->entry - s->vaddr < s->filesz)
			entry_ok = true;
		if (s->vaddr < e->lowest || s->vaddr + s->memsz > e->highest)
			return "bounds";
	}
	if (!entry_ok)
		return "entry not in executable segment";
	if (e->lowest % 4096 || e->highest % 4096)
		return "bounds not page-aligned";
	if (e->has_tls && (e->tls_filesz > e->tls_memsz ||
			   (e->tls_align & (e->tls_align - 1))))
		return "tls";
	return NULL;
}

TEST(elf_single_text_segment_parses)
{
	img_text();
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.entry, TEXT);
	CHECK_EQ(ei.segment_count, 1);
	CHECK_EQ(ei.segments[0].vaddr, TEXT);
	CHECK_EQ(ei.segments[0].file_offset, 0x1000);
	CHECK_EQ(ei.segments[0].filesz, 0x100);
	CHECK_EQ(ei.segments[0].flags, ELF_SEG_R | ELF_SEG_X);
	CHECK_EQ(ei.phnum, 1);
	CHECK_EQ(ei.phentsize, 56);
	CHECK_EQ(ei.phdr_vaddr, 0); /* the headers are not loaded */
	CHECK(!ei.has_tls);
	CHECK(!ei.stack_executable);
	CHECK_EQ(ei.lowest, TEXT);
	CHECK_EQ(ei.highest, TEXT + 0x1000);
}

TEST(elf_text_data_bss_tls_and_phdr_are_reported)
{
	img_full();
	CHECK_EQ(parse(), 0);
	CHECK_STR(image_violation(&ei, im.len, USER_LIMIT), NULL);
	CHECK_EQ(ei.segment_count, 3);
	CHECK_EQ(ei.segments[2].vaddr, 0x402000);
	CHECK_EQ(ei.segments[2].filesz, 0x100);
	CHECK_EQ(ei.segments[2].memsz, 0x3000);
	CHECK_EQ(ei.segments[2].flags, ELF_SEG_R | ELF_SEG_W);
	CHECK_EQ(ei.segments[0].flags, ELF_SEG_R);
	CHECK_EQ(ei.phdr_vaddr, 0x400040);
	CHECK(ei.has_tls);
	CHECK_EQ(ei.tls_vaddr, 0x402000);
	CHECK_EQ(ei.tls_filesz, 0x10);
	CHECK_EQ(ei.tls_memsz, 0x40);
	CHECK_EQ(ei.tls_align, 16);
	CHECK(!ei.stack_executable);
	CHECK_EQ(ei.lowest, 0x400000);
	CHECK_EQ(ei.highest, 0x405000);
}

TEST(elf_segments_are_sorted_by_vaddr)
{
	img_init(TEXT);
	img_ph(PT_LOAD, R | W, 0x2000, 0x403000, 0x10, 0x10, 0x1000);
	img_ph(PT_LOAD, R, 0x3000, 0x402000, 0x10, 0x10, 0x1000);
	img_ph(PT_LOAD, R | X, 0x1000, TEXT, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.segments[0].vaddr, TEXT);
	CHECK_EQ(ei.segments[1].vaddr, 0x402000);
	CHECK_EQ(ei.segments[2].vaddr, 0x403000);
	CHECK_EQ(ei.segments[2].flags, ELF_SEG_R | ELF_SEG_W);
}

TEST(elf_phdr_vaddr_is_found_without_pt_phdr)
{
	img_init(TEXT);
	img_ph(PT_LOAD, R, 0, 0x400000, 0x400, 0x400, 0x1000);
	img_ph(PT_LOAD, R | X, 0x1000, TEXT, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.phdr_vaddr, 0x400040);
	ph64(0, P_FILESZ, 64 + 56); /* table cut short: not mapped */
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.phdr_vaddr, 0);
	ph64(0, P_FILESZ, 0x10); /* table after the file image */
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.phdr_vaddr, 0);
}

TEST(elf_gnu_stack_with_x_makes_stack_executable)
{
	img_text();
	img_ph(PT_GNU_STACK, R | W | X, 0, 0, 0, 0, 16);
	CHECK_EQ(parse(), 0);
	CHECK(ei.stack_executable);
}

TEST(elf_empty_load_is_ignored_and_wx_load_accepted)
{
	img_text();
	img_ph(PT_LOAD, R, 0xdead0000, 0, 0, 0, 0x1000);
	img_ph(PT_LOAD, R | W | X, 0x2000, 0x402000, 0x10, 0x10, 0);
	img_ph(PT_NOTE, R, 0x3000, 0x403000, 0x10, 0x10, 4);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.segment_count, 2);
	CHECK_EQ(ei.segments[1].flags, ELF_SEG_R | ELF_SEG_W | ELF_SEG_X);
}

TEST(elf_bad_identification_is_rejected)
{
	static const size_t byte[] = { 0, 1, 3, 4, 5, 6 };
	static const uint8_t bad[] = { 0x7e, 'e', 'G', 1, 2, 0 };

	for (size_t i = 0; i < sizeof byte / sizeof byte[0]; i++) {
		img_text();
		im.buf[byte[i]] = bad[i];
		CHECK_EQ(parse(), -ENOEXEC);
	}
	img_text();
	put32(E_VERSION, 2);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_short_file_is_rejected)
{
	img_text();
	CHECK_EQ(elf_parse(im.buf, 63, USER_LIMIT, &ei), -ENOEXEC);
	CHECK_EQ(elf_parse(NULL, 0, USER_LIMIT, &ei), -ENOEXEC);
}

TEST(elf_only_x86_64_static_executables_are_accepted)
{
	static const uint16_t type[] = { 0, 1, 3, 4 }; /* NONE REL DYN CORE */

	for (size_t i = 0; i < sizeof type / sizeof type[0]; i++) {
		img_text();
		put16(E_TYPE, type[i]);
		CHECK_EQ(parse(), -ENOEXEC);
	}
	img_text();
	put16(E_MACHINE, 3); /* EM_386 */
	CHECK_EQ(parse(), -ENOEXEC);
	static const uint32_t dyn[] = { PT_INTERP, PT_DYNAMIC, PT_SHLIB };
	for (size_t i = 0; i < sizeof dyn / sizeof dyn[0]; i++) {
		img_text();
		img_ph(dyn[i], R, 0x1000, TEXT, 0x10, 0x10, 1);
		CHECK_EQ(parse(), -ENOEXEC);
	}
}

TEST(elf_bad_header_sizes_are_rejected)
{
	img_text();
	put16(E_EHSIZE, 52);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text();
	put16(E_PHENTSIZE, 64);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text();
	put16(E_PHNUM, 0);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text();
	while (phnum() < 64)
		img_ph(0, 0, 0, 0, 0, 0, 0); /* PT_NULL */
	CHECK_EQ(parse(), 0);
	img_ph(0, 0, 0, 0, 0, 0, 0);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_program_headers_outside_file_are_rejected)
{
	img_text();
	put64(E_PHOFF, IMG_SIZE - 55);
	CHECK_EQ(parse(), -ENOEXEC);
	put64(E_PHOFF, IMG_SIZE - 56);
	memcpy(im.buf + IMG_SIZE - 56, im.buf + 64, 56);
	CHECK_EQ(parse(), 0);
	put64(E_PHOFF, UINT64_MAX - 8); /* offset + size wraps around */
	CHECK_EQ(parse(), -ENOEXEC);
	CHECK_EQ(ei.segment_count, 0); /* *out is cleared on failure */
}

TEST(elf_no_loads_or_too_many_are_rejected)
{
	img_init(TEXT);
	img_ph(PT_NOTE, R, 0x1000, TEXT, 0x10, 0x10, 4);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text();
	for (uint64_t i = 1; i < ELF_MAX_SEGMENTS; i++)
		img_ph(PT_LOAD, R, 0x2000, TEXT + i * 0x1000, 0x10, 0x10, 0);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.segment_count, ELF_MAX_SEGMENTS);
	img_ph(PT_LOAD, R, 0x2000, TEXT + 0x100000, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_bad_file_ranges_are_rejected)
{
	int i = img_text();

	ph64(i, P_FILESZ, 0x101); /* filesz > memsz */
	CHECK_EQ(parse(), -ENOEXEC);
	i = img_text();
	ph64(i, P_OFFSET, IMG_SIZE - 0xff);
	ph64(i, P_VADDR, TEXT + 0xf01);
	put64(E_ENTRY, TEXT + 0xf01);
	CHECK_EQ(parse(), -ENOEXEC);
	ph64(i, P_OFFSET, IMG_SIZE - 0x100);
	ph64(i, P_VADDR, TEXT + 0xf00);
	CHECK_EQ(parse(), 0);
	ph64(i, P_OFFSET, UINT64_MAX - 0xff); /* wraps */
	ph64(i, P_VADDR, TEXT + 0xf00);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_bad_user_ranges_are_rejected)
{
	int i = img_text();
	uint64_t top = USER_LIMIT - 0x1000;

	ph64(i, P_VADDR, top);
	ph64(i, P_MEMSZ, 0x1000);
	put64(E_ENTRY, top);
	CHECK_EQ(parse(), 0); /* ends exactly at the limit */
	CHECK_EQ(ei.highest, USER_LIMIT);
	ph64(i, P_MEMSZ, 0x1001);
	CHECK_EQ(parse(), -ENOEXEC);
	ph64(i, P_VADDR, UINT64_MAX & ~0xfffull);
	ph64(i, P_MEMSZ, 0x2000); /* wraps, even with no limit */
	CHECK_EQ(elf_parse(im.buf, im.len, UINT64_MAX, &ei), -ENOEXEC);
	ph64(i, P_VADDR, UINT64_MAX & ~0x1fffull);
	ph64(i, P_MEMSZ, 0x1001); /* no room to round the end up to a page */
	put64(E_ENTRY, UINT64_MAX & ~0x1fffull);
	CHECK_EQ(elf_parse(im.buf, im.len, UINT64_MAX, &ei), -ENOEXEC);
	ph64(i, P_VADDR, 0x1000);
	put64(E_ENTRY, 0x1000);
	CHECK_EQ(parse(), 0);
	ph64(i, P_VADDR, 0); /* page zero stays unmapped */
	put64(E_ENTRY, 0);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_bad_alignment_is_rejected)
{
	static const uint64_t ok[] = { 0, 1, 0x20, 0x1000, 0x200000 };
	int i = img_text();

	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		ph64(i, P_ALIGN, ok[k]);
		CHECK_EQ(parse(), 0);
	}
	ph64(i, P_ALIGN, 0x1800);
	CHECK_EQ(parse(), -ENOEXEC);
	ph64(i, P_ALIGN, 0x1000);
	ph64(i, P_VADDR, TEXT + 0x800); /* offset 0x1000: not congruent */
	put64(E_ENTRY, TEXT + 0x800);
	CHECK_EQ(parse(), -ENOEXEC);
	ph64(i, P_OFFSET, 0x1800); /* congruent again, though not aligned */
	CHECK_EQ(parse(), 0);
}

TEST(elf_overlapping_segments_are_rejected)
{
	img_text();
	img_ph(PT_LOAD, R | W, 0x1080, TEXT + 0x80, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text();
	img_ph(PT_LOAD, R | W, 0x2000, TEXT - 0x1000, 0, 0x1001, 0x1000);
	CHECK_EQ(parse(), -ENOEXEC);
	img_text(); /* same page, different file page */
	img_ph(PT_LOAD, R | W, 0x2100, TEXT + 0x100, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), -ENOEXEC);
}

TEST(elf_segments_sharing_a_page_are_accepted)
{
	img_text(); /* same page, same file page (ld -N style) */
	img_ph(PT_LOAD, R | W, 0x1100, TEXT + 0x100, 0x10, 0x800, 0x1000);
	CHECK_EQ(parse(), 0);
	CHECK_EQ(ei.segment_count, 2);
	CHECK_EQ(ei.highest, TEXT + 0x1000);
	img_text(); /* same file page, next memory page (lld style) */
	img_ph(PT_LOAD, R | W, 0x1100, TEXT + 0x1100, 0x10, 0x10, 0x1000);
	CHECK_EQ(parse(), 0);
}

TEST(elf_entry_outside_executable_code_is_rejected)
{
	static const uint64_t bad[] = {
		TEXT - 1, TEXT + 0x100, 0x402000, 0x402800,
	};

	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		int i = img_text();
		ph64(i, P_MEMSZ, 0x1000); /* text bss at 0x401100 */
		img_ph(PT_LOAD, R | W, 0x2000, 0x402000, 0x1000, 0x1000, 0);
		put64(E_ENTRY, bad[k]);
		CHECK_EQ(parse(), -ENOEXEC);
		CHECK_EQ(ei.entry, 0);
	}
}

TEST(elf_bad_tls_is_rejected)
{
	img_full();
	ph64(4, P_ALIGN, 24);
	CHECK_EQ(parse(), -ENOEXEC);
	img_full();
	ph64(4, P_FILESZ, 0x41);
	CHECK_EQ(parse(), -ENOEXEC);
	img_full();
	ph64(4, P_VADDR, 0x4020f8); /* runs past the data's file image */
	ph64(4, P_OFFSET, 0x20f8);
	CHECK_EQ(parse(), -ENOEXEC);
	img_full();
	ph64(4, P_OFFSET, 0x2010); /* not the bytes loaded at tls_vaddr */
	CHECK_EQ(parse(), -ENOEXEC);
	img_full();
	img_ph(PT_TLS, R, 0x2000, 0x402000, 0x10, 0x40, 16);
	CHECK_EQ(parse(), -ENOEXEC);
	img_full(); /* all .tbss: may lie anywhere (lld does this) */
	ph64(4, P_FILESZ, 0);
	ph64(4, P_VADDR, 0x401104);
	CHECK_EQ(parse(), 0);
	CHECK(ei.has_tls);
}

TEST(elf_bad_pt_phdr_is_rejected)
{
	img_full();
	ph64(0, P_VADDR, 0x4010f0); /* runs past the text's file image */
	CHECK_EQ(parse(), -ENOEXEC);
	img_full();
	img_ph(PT_PHDR, R, 64, 0x400040, 56, 56, 8);
	CHECK_EQ(parse(), -ENOEXEC);
}

/* Reads a whole file into malloc'd memory; NULL if that fails. */
static uint8_t *slurp(const char *path, size_t *size)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long n;

	if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) > 0 &&
	    fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)n)) &&
	    fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	if (buf)
		*size = (size_t)n;
	if (f)
		fclose(f);
	return buf;
}

TEST(elf_host_pie_executable_is_rejected)
{
	size_t size;
	uint8_t *buf = slurp("/proc/self/exe", &size);

	CHECK(buf != NULL);
	int err = elf_parse(buf, size, USER_LIMIT, &ei);
	free(buf);
	CHECK_EQ(err, -ENOEXEC);
}

static const char *const host_links[] = {
	"gcc -fno-pie -no-pie",
	"gcc -fno-pie -no-pie -Wl,-z,noseparate-code",
	"gcc -fno-pie -no-pie -Wl,-z,max-page-size=0x200000",
	"gcc -fno-pie -no-pie -Wl,-n",
	"gcc -fno-pie -no-pie -Wl,-N",
	"clang -fno-pie -fuse-ld=lld",
	"clang -fno-pie -fuse-ld=lld -Wl,-N",
	"clang -fno-pie -fuse-ld=lld -Wl,-z,separate-loadable-segments",
};
#define HOST_LINKS (sizeof host_links / sizeof host_links[0])

/* Checks one linked binary; returns NULL or what went wrong. */
static const char *check_host_binary(const char *path)
{
	size_t size;
	uint8_t *buf = slurp(path, &size);
	const char *why = NULL;
	uint64_t entry, phoff;

	if (!buf || size < 64) {
		free(buf);
		return "unreadable";
	}
	memcpy(&entry, buf + E_ENTRY, 8);
	memcpy(&phoff, buf + E_PHOFF, 8);
	if (elf_parse(buf, size, USER_LIMIT, &ei) != 0)
		why = "rejected";
	else if ((why = image_violation(&ei, size, USER_LIMIT)))
		;
	else if (ei.entry != entry || !ei.has_tls || ei.stack_executable)
		why = "entry, TLS or stack";
	for (size_t i = 0; !why && ei.phdr_vaddr && i < ei.segment_count; i++) {
		const elf_segment_t *s = &ei.segments[i];
		uint64_t rel = ei.phdr_vaddr - s->vaddr;

		if (ei.phdr_vaddr >= s->vaddr && rel < s->filesz &&
		    s->file_offset + rel != phoff)
			why = "phdr_vaddr does not map to e_phoff";
	}
	free(buf);
	return why;
}

/* Links src in dir every way host_links knows; returns how many failed. */
static int link_and_check(const char *dir, const char *src, int *built)
{
	char path[64], cmd[512];
	int failed = 0;
	FILE *f;

	snprintf(path, sizeof path, "%s/p.c", dir);
	if (!(f = fopen(path, "w")))
		return 1;
	fputs(src, f);
	fclose(f);
	snprintf(path, sizeof path, "%s/p", dir);
	for (size_t i = 0; i < HOST_LINKS; i++) {
		snprintf(cmd, sizeof cmd,
			 "%s -static -nostdlib -nostartfiles -O1 "
			 "-o %s/p %s/p.c >/dev/null 2>&1",
			 host_links[i], dir, dir);
		if (system(cmd) != 0)
			continue; /* that toolchain is not installed */
		(*built)++;
		const char *why = check_host_binary(path);
		if (why) {
			printf("    %s: %s\n", host_links[i], why);
			failed++;
		}
	}
	return failed;
}

TEST(elf_host_static_binaries_parse)
{
	static const char *const src[] = {
		"__thread int t = 3; int d = 1; int b[1000];\n"
		"void _start(void) { for (;;) b[d++ & 511] = t; }\n",
		"__thread int t; int d = 1; int b;\n" /* .tbss only */
		"void _start(void) { for (;;) b += t + d++; }\n",
	};
	char dir[] = "/tmp/tessera-elf-XXXXXX", cmd[64];
	int built = 0, failed = 0;

	CHECK(mkdtemp(dir) != NULL);
	for (size_t i = 0; i < sizeof src / sizeof src[0]; i++)
		failed += link_and_check(dir, src[i], &built);
	snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
	CHECK_EQ(system(cmd), 0);
	CHECK_EQ(failed, 0);
	if (built == 0)
		printf("    (no host toolchain: skipped)\n");
}

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Overwrites a byte, writes an edge value into a field, or flips a bit. */
static void mutate(uint64_t *seed, size_t hdrs)
{
	static const uint64_t interesting[] = {
		0, 1, 0xfff, 0x1000, 0x400000, TEXT, USER_LIMIT - 0x1000,
		USER_LIMIT, 1ull << 63, UINT64_MAX, UINT64_MAX - 0xfff,
	};
	uint64_t r = xorshift(seed), v = r >> 32, at = (r >> 8) % hdrs;

	if (r % 3 == 0)
		im.buf[at] = (uint8_t)v;
	else if (r % 3 == 1)
		put64(at & ~7ull, interesting[v % (sizeof interesting / 8)]);
	else
		im.buf[at] ^= (uint8_t)(1u << v % 8);
}

TEST(elf_mutated_images_keep_the_promises)
{
	static uint8_t base[IMG_SIZE];
	const size_t hdrs = 64 + 6 * 56; /* the header and img_full's phdrs */
	uint64_t seed = 0x7e55e7a5eed;
	int accepted = 0;

	img_full();
	memcpy(base, im.buf, IMG_SIZE);
	for (int iter = 0; iter < 20000; iter++) {
		memcpy(im.buf, base, IMG_SIZE);
		im.len = IMG_SIZE;
		for (int n = 1 + (int)(xorshift(&seed) % 4); n > 0; n--)
			mutate(&seed, hdrs);
		if (xorshift(&seed) % 16 == 0)
			im.len = xorshift(&seed) % (IMG_SIZE + 1);
		int err = parse();
		if (err == 0) {
			accepted++;
			CHECK_STR(image_violation(&ei, im.len, USER_LIMIT),
				  NULL);
		} else {
			CHECK_EQ(err, -ENOEXEC);
		}
	}
	CHECK(accepted > 1000); /* the mutations do reach the success path */
}
