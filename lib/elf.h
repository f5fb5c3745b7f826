// SPDX-License-Identifier: MIT
/*
 * ELF64 executables, reduced to what exec needs to build an address space.
 *
 * elf_parse checks a whole file image in memory against the System V gABI
 * and the x86-64 psABI and, only if every check passes, describes it in an
 * elf_image_t: the PT_LOAD segments sorted by address, the entry point,
 * where the program headers appear in user memory (for AT_PHDR), the TLS
 * template and whether the stack may be executable. Only static, non-PIE
 * executables (ET_EXEC without PT_INTERP or PT_DYNAMIC) are accepted.
 *
 * What a caller may rely on after a successful parse:
 *   - every segment has memsz > 0, filesz <= memsz, 0x1000 <= vaddr and
 *     vaddr + memsz <= user_limit, and file_offset + filesz <= file_size;
 *   - vaddr and file_offset are congruent modulo 4096;
 *   - segments are sorted and their byte ranges [vaddr, vaddr + memsz) are
 *     disjoint. Two segments may share a page (one's end and the next one's
 *     start, as with `ld -N` or hand-written linker scripts); they then map
 *     that page from the same file page, so a loader that copies or maps
 *     page by page sees one consistent content. Such a page should get the
 *     union of the two segments' permissions;
 *   - the entry point lies in the file-backed part of an executable segment;
 *   - a TLS template with tls_filesz > 0 lies in the file-backed part of a
 *     segment; tls_align is 0 or a power of two.
 * Everything else in the file (sections, notes, RELRO) is ignored.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ELF_MAX_SEGMENTS 16

enum { ELF_SEG_X = 1, ELF_SEG_W = 2, ELF_SEG_R = 4 };

typedef struct elf_segment {
	uint64_t vaddr;       /* p_vaddr */
	uint64_t memsz;       /* p_memsz; bytes past filesz are zero */
	uint64_t file_offset; /* p_offset */
	uint64_t filesz;      /* p_filesz */
	uint32_t flags;       /* ELF_SEG_R | ELF_SEG_W | ELF_SEG_X */
} elf_segment_t;

typedef struct elf_image {
	uint64_t entry;
	/* User address of the program headers: PT_PHDR's, or computed from
	 * the PT_LOAD whose file image holds them; 0 if not mapped. */
	uint64_t phdr_vaddr;
	uint16_t phnum, phentsize;
	size_t segment_count;
	elf_segment_t segments[ELF_MAX_SEGMENTS]; /* PT_LOAD, sorted by vaddr */
	bool has_tls; /* PT_TLS */
	uint64_t tls_vaddr, tls_filesz, tls_memsz, tls_align;
	bool stack_executable; /* PT_GNU_STACK with PF_X; default false */
	uint64_t lowest, highest; /* page-aligned bounds of all segments */
} elf_image_t;

/*
 * Parses the executable file[0..file_size). user_limit is the first address
 * user space may not use (0x0000800000000000 on x86-64). Returns 0 and fills
 * *out, or -ENOEXEC for any malformed or unsupported file, and then *out is
 * zeroed. Reads only inside the buffer, never unaligned, and keeps no
 * pointer into it.
 */
int elf_parse(const void *file, size_t file_size, uint64_t user_limit,
	      elf_image_t *out);

/*
 * The same checks when only the start of the file is in memory: head holds
 * its first head_size bytes, of file_size. The file and program headers
 * must lie inside head (else -ENOEXEC); segments are checked against
 * file_size. For loaders that read segments from elsewhere (exec copies
 * them out of the caller's memory).
 */
int elf_parse_head(const void *head, size_t head_size, size_t file_size,
		   uint64_t user_limit, elf_image_t *out);
