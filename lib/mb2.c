// SPDX-License-Identifier: MIT
/*
 * Multiboot2 boot information parser.
 *
 * mb2_parse walks the tag list once. The walk checks each tag's header
 * against the buffer (size at least 8, not past total_size), then hands
 * the tag to its handler from a table indexed by tag type; a handler
 * checks the tag is long enough for its own layout before copying it into
 * a local struct with memcpy, so nothing is read unaligned or out of
 * bounds. Unknown tag types are skipped, as the specification requires.
 * The layouts below are from the Multiboot2 specification, section 3.6.
 */
#include <lib/mb2.h>

#include <abi/errno.h>
#include <string.h>

enum {
	MB2_TAG_END = 0,
	MB2_TAG_CMDLINE = 1,
	MB2_TAG_LOADER_NAME = 2,
	MB2_TAG_MODULE = 3,
	MB2_TAG_MEMINFO = 4,
	MB2_TAG_MMAP = 6,
	MB2_TAG_FRAMEBUFFER = 8,
	MB2_TAG_EFI32 = 11,
	MB2_TAG_EFI64 = 12,
	MB2_TAG_ACPI_OLD = 14,
	MB2_TAG_ACPI_NEW = 15,
};

#define MB2_FB_TYPE_RGB 1
#define MB2_RSDP_V1_SIZE 20
#define MB2_RSDP_V2_SIZE 36

typedef struct mb2_tag {
	uint32_t type, size; /* size excludes the padding to 8 bytes */
} mb2_tag_t;

typedef struct mb2_tag_module {
	mb2_tag_t hdr;
	uint32_t mod_start, mod_end; /* a NUL-terminated string follows */
} mb2_tag_module_t;

typedef struct mb2_tag_meminfo {
	mb2_tag_t hdr;
	uint32_t mem_lower, mem_upper;
} mb2_tag_meminfo_t;

typedef struct mb2_tag_mmap {
	mb2_tag_t hdr;
	uint32_t entry_size, entry_version; /* entries follow */
} mb2_tag_mmap_t;

typedef struct mb2_mmap_entry {
	uint64_t base_addr, length;
	uint32_t type, reserved;
} mb2_mmap_entry_t;

typedef struct mb2_tag_framebuffer {
	mb2_tag_t hdr;
	uint64_t addr;
	uint32_t pitch, width, height;
	uint8_t bpp, type;
	uint16_t reserved; /* color_info follows */
} mb2_tag_framebuffer_t;

typedef struct mb2_fb_rgb {
	uint8_t red_pos, red_size, green_pos, green_size, blue_pos, blue_size;
} mb2_fb_rgb_t;

_Static_assert(sizeof(mb2_tag_t) == 8, "tag header");
_Static_assert(sizeof(mb2_tag_module_t) == 16, "module tag");
_Static_assert(sizeof(mb2_tag_meminfo_t) == 16, "meminfo tag");
_Static_assert(sizeof(mb2_tag_mmap_t) == 16, "mmap tag");
_Static_assert(sizeof(mb2_mmap_entry_t) == 24, "mmap entry");
_Static_assert(offsetof(mb2_tag_framebuffer_t, addr) == 8, "fb addr");
_Static_assert(offsetof(mb2_tag_framebuffer_t, bpp) == 28, "fb bpp");
_Static_assert(sizeof(mb2_tag_framebuffer_t) == 32, "fb common part");
_Static_assert(sizeof(mb2_fb_rgb_t) == 6, "fb rgb color info");

typedef int (*mb2_tag_fn)(const uint8_t *tag, uint32_t size, boot_info_t *out);

/* The NUL-terminated string at tag[off..size), or NULL if unterminated. */
static const char *mb2_tag_string(const uint8_t *tag, uint32_t off,
				  uint32_t size)
{
	for (uint32_t i = off; i < size; i++)
		if (tag[i] == '\0')
			return (const char *)tag + off;
	return NULL;
}

static int mb2_tag_cmdline(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	out->cmdline = mb2_tag_string(tag, sizeof(mb2_tag_t), size);
	return out->cmdline ? 0 : -EINVAL;
}

static int mb2_tag_loader_name(const uint8_t *tag, uint32_t size,
			       boot_info_t *out)
{
	out->loader_name = mb2_tag_string(tag, sizeof(mb2_tag_t), size);
	return out->loader_name ? 0 : -EINVAL;
}

static int mb2_tag_module(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	mb2_tag_module_t m;
	const char *cmdline;

	if (size < sizeof m)
		return -EINVAL;
	memcpy(&m, tag, sizeof m);
	cmdline = mb2_tag_string(tag, sizeof m, size);
	if (!cmdline || m.mod_end < m.mod_start)
		return -EINVAL;
	if (out->module_count == BOOT_MODULES_MAX)
		return 0;
	out->modules[out->module_count++] = (boot_module_t){
		.start = m.mod_start, .end = m.mod_end, .cmdline = cmdline,
	};
	return 0;
}

static int mb2_tag_meminfo(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	mb2_tag_meminfo_t m;

	if (size < sizeof m)
		return -EINVAL;
	memcpy(&m, tag, sizeof m);
	out->mem_lower_kb = m.mem_lower;
	out->mem_upper_kb = m.mem_upper;
	return 0;
}

static int mb2_tag_mmap(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	mb2_tag_mmap_t h;
	mb2_mmap_entry_t e;

	if (size < sizeof h)
		return -EINVAL;
	memcpy(&h, tag, sizeof h);
	if (h.entry_size < sizeof e)
		return -EINVAL;
	out->mmap_count = 0; /* a later map replaces an earlier one */
	for (uint32_t off = sizeof h; size - off >= h.entry_size;
	     off += h.entry_size) {
		if (out->mmap_count == BOOT_MMAP_MAX)
			break;
		memcpy(&e, tag + off, sizeof e);
		out->mmap[out->mmap_count++] = (boot_mmap_entry_t){
			.base = e.base_addr, .length = e.length, .type = e.type,
		};
	}
	return 0;
}

static int mb2_tag_framebuffer(const uint8_t *tag, uint32_t size,
			       boot_info_t *out)
{
	mb2_tag_framebuffer_t f;
	mb2_fb_rgb_t rgb = { 0 };

	if (size < sizeof f)
		return -EINVAL;
	memcpy(&f, tag, sizeof f);
	if (f.type == MB2_FB_TYPE_RGB) {
		if (size < sizeof f + sizeof rgb)
			return -EINVAL;
		memcpy(&rgb, tag + sizeof f, sizeof rgb);
	}
	out->has_framebuffer = true;
	out->fb = (boot_framebuffer_t){
		.addr = f.addr, .pitch = f.pitch, .width = f.width,
		.height = f.height, .bpp = f.bpp, .type = f.type,
		.red_pos = rgb.red_pos, .red_size = rgb.red_size,
		.green_pos = rgb.green_pos, .green_size = rgb.green_size,
		.blue_pos = rgb.blue_pos, .blue_size = rgb.blue_size,
	};
	return 0;
}

static int mb2_tag_efi(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	(void)tag;
	(void)size;
	out->efi_boot = true;
	return 0;
}

static int mb2_tag_rsdp(const uint8_t *tag, uint32_t size, boot_info_t *out,
			int revision, uint32_t min_size)
{
	uint32_t len = size - (uint32_t)sizeof(mb2_tag_t);

	if (len < min_size)
		return -EINVAL;
	if (out->rsdp_revision > revision)
		return 0; /* keep the new RSDP whatever the tag order */
	out->rsdp = tag + sizeof(mb2_tag_t);
	out->rsdp_size = len;
	out->rsdp_revision = revision;
	return 0;
}

static int mb2_tag_acpi_old(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	return mb2_tag_rsdp(tag, size, out, 1, MB2_RSDP_V1_SIZE);
}

static int mb2_tag_acpi_new(const uint8_t *tag, uint32_t size, boot_info_t *out)
{
	return mb2_tag_rsdp(tag, size, out, 2, MB2_RSDP_V2_SIZE);
}

static const mb2_tag_fn mb2_tag_handlers[] = {
	[MB2_TAG_CMDLINE] = mb2_tag_cmdline,
	[MB2_TAG_LOADER_NAME] = mb2_tag_loader_name,
	[MB2_TAG_MODULE] = mb2_tag_module,
	[MB2_TAG_MEMINFO] = mb2_tag_meminfo,
	[MB2_TAG_MMAP] = mb2_tag_mmap,
	[MB2_TAG_FRAMEBUFFER] = mb2_tag_framebuffer,
	[MB2_TAG_EFI32] = mb2_tag_efi,
	[MB2_TAG_EFI64] = mb2_tag_efi,
	[MB2_TAG_ACPI_OLD] = mb2_tag_acpi_old,
	[MB2_TAG_ACPI_NEW] = mb2_tag_acpi_new,
};

size_t mb2_total_size(const void *mbi)
{
	uint32_t total;

	memcpy(&total, mbi, sizeof total);
	return total;
}

static int mb2_tag_dispatch(const uint8_t *tag, mb2_tag_t hdr, boot_info_t *out)
{
	size_t n = sizeof mb2_tag_handlers / sizeof mb2_tag_handlers[0];

	if (hdr.type >= n || !mb2_tag_handlers[hdr.type])
		return 0; /* unknown tags are skipped */
	return mb2_tag_handlers[hdr.type](tag, hdr.size, out);
}

int mb2_parse(uint32_t magic, const void *mbi, size_t buffer_size,
	      boot_info_t *out)
{
	const uint8_t *base = mbi;
	size_t total, off, step;
	mb2_tag_t tag;

	if (magic != MB2_BOOTLOADER_MAGIC || !mbi || buffer_size < 16)
		return -EINVAL;
	total = mb2_total_size(mbi);
	if (total < 16 || total > buffer_size)
		return -EINVAL;
	memset(out, 0, sizeof *out);
	for (off = 8; total - off >= sizeof tag; off += step) {
		memcpy(&tag, base + off, sizeof tag);
		if (tag.size < sizeof tag || tag.size > total - off)
			return -EINVAL;
		if (tag.type == MB2_TAG_END)
			return 0;
		int err = mb2_tag_dispatch(base + off, tag, out);
		if (err)
			return err;
		step = ((size_t)tag.size + 7) & ~(size_t)7;
		if (step > total - off)
			break; /* the padding runs past the end */
	}
	return -EINVAL; /* no end tag */
}
