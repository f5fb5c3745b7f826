// SPDX-License-Identifier: MIT
/*
 * Copying and parsing the multiboot2 information. GRUB may place it
 * anywhere in free memory, even between the kernel's segments, so it is
 * copied into the kernel's .bss first; every pointer in boot_info points
 * into that copy.
 */
#include <boot.h>

#include <lib/fmt.h>
#include <mm.h>
#include <panic.h>
#include <string.h>

#define MBI_COPY_SIZE 65536
#define CMDLINE_SIZE  1024

boot_info_t boot_info;
char kernel_cmdline[CMDLINE_SIZE];
static uint8_t mbi_copy[MBI_COPY_SIZE] __attribute__((aligned(8)));

static void boot_cmdline_build(void)
{
	char extra[CMDLINE_SIZE / 2];
	const char *loader = boot_info.cmdline ? boot_info.cmdline : "";

	if (fwcfg_read_file("opt/tessera/cmdline", extra, sizeof(extra)) < 0)
		extra[0] = '\0';
	fmt_snprintf(kernel_cmdline, sizeof(kernel_cmdline), "%s%s%s", loader,
		     *loader && *extra ? " " : "", extra);
}

void boot_info_load(uint32_t magic, uint64_t mbi_phys)
{
	const void *mbi = phys_to_virt(mbi_phys);   /* boot tables map 4 GiB */
	size_t size;
	int err;

	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("boot: not started by a multiboot2 loader (magic %#x)", magic);
	size = mb2_total_size(mbi);
	if (size > sizeof(mbi_copy))
		panic("boot: multiboot2 information too large (%zu bytes)", size);
	memcpy(mbi_copy, mbi, size);
	err = mb2_parse(magic, mbi_copy, sizeof(mbi_copy), &boot_info);
	if (err)
		panic("boot: malformed multiboot2 information (error %d)", err);
	boot_cmdline_build();
}
