// SPDX-License-Identifier: MIT
/*
 * Multiboot2 boot information, reduced to what the kernel uses.
 *
 * The loader's information structure (MBI) lives in memory the kernel will
 * soon reuse, so the early boot code copies it (mb2_total_size says how
 * much) and mb2_parse turns the copy into a boot_info_t whose pointers
 * point into that copy. The parser trusts nothing: every tag is bounds-
 * checked against the buffer before it is read, so a corrupt MBI yields
 * -EINVAL rather than a wild read. boot_info_t is loader-neutral; another
 * boot protocol could fill the same structure.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MB2_BOOTLOADER_MAGIC 0x36d76289

enum {
	BOOT_MEM_AVAILABLE = 1,
	BOOT_MEM_RESERVED = 2,
	BOOT_MEM_ACPI_RECLAIMABLE = 3,
	BOOT_MEM_NVS = 4,
	BOOT_MEM_BAD = 5,
};

typedef struct boot_mmap_entry {
	uint64_t base, length;
	uint32_t type; /* BOOT_MEM_*; other values as the firmware gave them */
} boot_mmap_entry_t;

typedef struct boot_module {
	uint64_t start, end; /* physical, end exclusive */
	const char *cmdline;
} boot_module_t;

typedef struct boot_framebuffer {
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, type; /* type: 0 indexed, 1 RGB, 2 EGA text */
	/* Valid for type 1 only, zero otherwise. */
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
} boot_framebuffer_t;

#define BOOT_MMAP_MAX 128
#define BOOT_MODULES_MAX 16

typedef struct boot_info {
	const char *cmdline;     /* NULL if the loader gave none */
	const char *loader_name; /* NULL if the loader gave none */
	boot_mmap_entry_t mmap[BOOT_MMAP_MAX]; /* entries past the max dropped */
	size_t mmap_count;
	boot_module_t modules[BOOT_MODULES_MAX]; /* likewise */
	size_t module_count;
	bool has_framebuffer;
	boot_framebuffer_t fb;
	const void *rsdp; /* copy of the RSDP inside the MBI, or NULL */
	size_t rsdp_size;
	int rsdp_revision; /* 0 none, 1 from the old (ACPI 1.0) tag, 2 new */
	bool efi_boot;     /* EFI64 or EFI32 system table tag seen */
	uint32_t mem_lower_kb, mem_upper_kb;
} boot_info_t;

/*
 * Parses the MBI copy at mbi (buffer_size bytes available) into *out.
 * Returns 0, or -EINVAL for a wrong magic, a total size below 16 or above
 * buffer_size, a tag that is too short for its type or runs past the end,
 * a string without its NUL, a memory-map entry size below 24, a module
 * that ends before it starts, or a missing end tag. On error *out is partly filled and must not be used.
 */
int mb2_parse(uint32_t magic, const void *mbi, size_t buffer_size,
	      boot_info_t *out);

/* The MBI's total_size field: how many bytes to copy before parsing. */
size_t mb2_total_size(const void *mbi);
