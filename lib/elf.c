// SPDX-License-Identifier: MIT
/*
 * ELF64 executable parser.
 *
 * elf_parse validates first and reports second, in three passes. The file
 * header is copied into a local struct and checked (identification, type,
 * machine, sizes, the program header table inside the file). Then each
 * program header is copied out in turn and handled by type: PT_LOAD
 * segments are checked one by one (sizes, file range, user range,
 * alignment) and collected; PT_TLS and PT_PHDR are remembered; PT_INTERP,
 * PT_DYNAMIC and PT_SHLIB reject the file; other types are ignored. Last,
 * the checks that need every segment: sort them by address, refuse
 * overlaps, and find the entry point, the TLS template and the program
 * header table inside them. Every sum of two file-supplied numbers is
 * overflow-checked. Layouts and constants are from the System V gABI
 * ("Object Files") and the x86-64 psABI, chapter 4.
 */
#include <lib/elf.h>

#include <abi/errno.h>
#include <string.h>

#define ELF_PAGE 4096ull
#define ELF_MAX_PHNUM 64
#define ELF_TOP_PAGE (UINT64_MAX & ~(ELF_PAGE - 1)) /* highest page start */

enum { EI_CLASS = 4, EI_DATA = 5, EI_VERSION = 6, EI_NIDENT = 16 };
enum { ELFCLASS64 = 2, ELFDATA2LSB = 1, EV_CURRENT = 1 };
enum { ET_EXEC = 2, EM_X86_64 = 62 };
enum {
	PT_LOAD = 1,
	PT_DYNAMIC = 2,
	PT_INTERP = 3,
	PT_SHLIB = 5,
	PT_PHDR = 6,
	PT_TLS = 7,
	PT_GNU_STACK = 0x6474e551,
};
enum { PF_X = 1, PF_W = 2, PF_R = 4 };

typedef struct elf64_ehdr {
	uint8_t e_ident[EI_NIDENT];
	uint16_t e_type, e_machine;
	uint32_t e_version;
	uint64_t e_entry, e_phoff, e_shoff;
	uint32_t e_flags;
	uint16_t e_ehsize, e_phentsize, e_phnum;
	uint16_t e_shentsize, e_shnum, e_shstrndx;
} elf64_ehdr_t;

typedef struct elf64_phdr {
	uint32_t p_type, p_flags;
	uint64_t p_offset, p_vaddr, p_paddr, p_filesz, p_memsz, p_align;
} elf64_phdr_t;

_Static_assert(offsetof(elf64_ehdr_t, e_type) == 16, "e_type");
_Static_assert(offsetof(elf64_ehdr_t, e_entry) == 24, "e_entry");
_Static_assert(offsetof(elf64_ehdr_t, e_phoff) == 32, "e_phoff");
_Static_assert(offsetof(elf64_ehdr_t, e_flags) == 48, "e_flags");
_Static_assert(offsetof(elf64_ehdr_t, e_phnum) == 56, "e_phnum");
_Static_assert(sizeof(elf64_ehdr_t) == 64, "ELF64 file header");
_Static_assert(offsetof(elf64_phdr_t, p_offset) == 8, "p_offset");
_Static_assert(offsetof(elf64_phdr_t, p_filesz) == 32, "p_filesz");
_Static_assert(offsetof(elf64_phdr_t, p_align) == 48, "p_align");
_Static_assert(sizeof(elf64_phdr_t) == 56, "ELF64 program header");

/* What the program header pass remembers for the final checks. */
typedef struct elf_ctx {
	size_t head_size; /* bytes of the file in the buffer */
	size_t file_size;
	uint64_t user_limit;
	bool has_phdr, has_tls;
	elf64_phdr_t phdr, tls;
	elf_image_t *out;
} elf_ctx_t;

/* [off, off + len) lies inside [0, size). */
static bool elf_in_file(uint64_t off, uint64_t len, size_t size)
{
	uint64_t end;

	return !__builtin_add_overflow(off, len, &end) && end <= size;
}

/* 0 and 1 mean "no constraint" to the gABI; otherwise a power of two. */
static bool elf_align_ok(uint64_t align)
{
	return (align & (align - 1)) == 0;
}

/* [vaddr, vaddr + len) lies inside the file-backed part of s. */
static bool elf_in_file_image(const elf_segment_t *s, uint64_t vaddr,
			      uint64_t len)
{
	return vaddr >= s->vaddr && vaddr - s->vaddr <= s->filesz &&
	       len <= s->filesz - (vaddr - s->vaddr);
}

static int elf_check_ehdr(const void *file, size_t size, elf64_ehdr_t *eh)
{
	static const uint8_t magic[4] = { 0x7f, 'E', 'L', 'F' };

	if (size < sizeof *eh)
		return -ENOEXEC;
	memcpy(eh, file, sizeof *eh);
	if (memcmp(eh->e_ident, magic, sizeof magic) != 0 ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT ||
	    eh->e_version != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC || eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	if (eh->e_ehsize != sizeof(elf64_ehdr_t) ||
	    eh->e_phentsize != sizeof(elf64_phdr_t))
		return -ENOEXEC;
	if (eh->e_phnum == 0 || eh->e_phnum > ELF_MAX_PHNUM)
		return -ENOEXEC;
	if (!elf_in_file(eh->e_phoff, (uint64_t)eh->e_phnum * eh->e_phentsize,
			 size))
		return -ENOEXEC;
	return 0;
}

static int elf_add_load(elf_ctx_t *c, const elf64_phdr_t *ph)
{
	elf_image_t *out = c->out;
	uint64_t end;

	if (ph->p_filesz > ph->p_memsz)
		return -ENOEXEC;
	if (ph->p_memsz == 0)
		return 0; /* maps nothing */
	if (!elf_in_file(ph->p_offset, ph->p_filesz, c->file_size))
		return -ENOEXEC;
	if (ph->p_vaddr < ELF_PAGE ||
	    __builtin_add_overflow(ph->p_vaddr, ph->p_memsz, &end) ||
	    end > c->user_limit || end > ELF_TOP_PAGE)
		return -ENOEXEC;
	if (!elf_align_ok(ph->p_align) ||
	    (ph->p_vaddr - ph->p_offset) % ELF_PAGE != 0)
		return -ENOEXEC;
	if (out->segment_count == ELF_MAX_SEGMENTS)
		return -ENOEXEC;
	out->segments[out->segment_count++] = (elf_segment_t){
		.vaddr = ph->p_vaddr,
		.memsz = ph->p_memsz,
		.file_offset = ph->p_offset,
		.filesz = ph->p_filesz,
		.flags = ((ph->p_flags & PF_R) ? ELF_SEG_R : 0) |
			 ((ph->p_flags & PF_W) ? ELF_SEG_W : 0) |
			 ((ph->p_flags & PF_X) ? ELF_SEG_X : 0),
	};
	return 0;
}

/* Remembers a program header that may occur at most once. */
static int elf_keep_once(bool *seen, elf64_phdr_t *slot,
			 const elf64_phdr_t *ph)
{
	if (*seen)
		return -ENOEXEC;
	*seen = true;
	*slot = *ph;
	return 0;
}

static int elf_add_phdr(elf_ctx_t *c, const elf64_phdr_t *ph)
{
	switch (ph->p_type) {
	case PT_LOAD:
		return elf_add_load(c, ph);
	case PT_TLS:
		return elf_keep_once(&c->has_tls, &c->tls, ph);
	case PT_PHDR:
		return elf_keep_once(&c->has_phdr, &c->phdr, ph);
	case PT_GNU_STACK:
		c->out->stack_executable = (ph->p_flags & PF_X) != 0;
		return 0;
	case PT_INTERP:  /* needs a dynamic linker */
	case PT_DYNAMIC: /* needs relocation */
	case PT_SHLIB:   /* the gABI says such programs do not conform */
		return -ENOEXEC;
	default:
		return 0;
	}
}

static void elf_sort_segments(elf_image_t *out)
{
	for (size_t i = 1; i < out->segment_count; i++) {
		elf_segment_t s = out->segments[i];
		size_t j = i;

		for (; j > 0 && out->segments[j - 1].vaddr > s.vaddr; j--)
			out->segments[j] = out->segments[j - 1];
		out->segments[j] = s;
	}
}

/*
 * Sorted segments must not overlap. One that starts in the page where the
 * previous one ends must take that page from the same file page, i.e. have
 * the same vaddr - file_offset; otherwise the page would need two contents.
 */
static int elf_check_overlap(const elf_image_t *out)
{
	for (size_t i = 1; i < out->segment_count; i++) {
		const elf_segment_t *p = &out->segments[i - 1];
		const elf_segment_t *s = &out->segments[i];
		uint64_t p_end = p->vaddr + p->memsz;

		if (s->vaddr < p_end)
			return -ENOEXEC;
		if (s->vaddr / ELF_PAGE == (p_end - 1) / ELF_PAGE &&
		    s->vaddr - s->file_offset != p->vaddr - p->file_offset)
			return -ENOEXEC;
	}
	return 0;
}

static int elf_check_entry(const elf_image_t *out)
{
	for (size_t i = 0; i < out->segment_count; i++) {
		const elf_segment_t *s = &out->segments[i];

		if ((s->flags & ELF_SEG_X) && out->entry >= s->vaddr &&
		    out->entry - s->vaddr < s->filesz)
			return 0;
	}
	return -ENOEXEC;
}

/* The segment whose file image holds [vaddr, vaddr + len), or NULL. */
static const elf_segment_t *elf_find_image(const elf_image_t *out,
					   uint64_t vaddr, uint64_t len)
{
	for (size_t i = 0; i < out->segment_count; i++)
		if (elf_in_file_image(&out->segments[i], vaddr, len))
			return &out->segments[i];
	return NULL;
}

/*
 * The initialised part of the TLS template (.tdata) is copied from user
 * memory, so it must be loaded from the same file bytes PT_TLS names. A
 * template that is all .tbss (filesz 0) may sit anywhere (lld puts it past
 * the end of a segment).
 */
static int elf_check_tls(const elf_ctx_t *c)
{
	const elf64_phdr_t *t = &c->tls;
	elf_image_t *out = c->out;
	const elf_segment_t *s;

	if (!c->has_tls)
		return 0;
	if (t->p_filesz > t->p_memsz || !elf_align_ok(t->p_align))
		return -ENOEXEC;
	if (t->p_filesz > 0) {
		s = elf_find_image(out, t->p_vaddr, t->p_filesz);
		if (!s ||
		    t->p_offset - s->file_offset != t->p_vaddr - s->vaddr)
			return -ENOEXEC;
	}
	out->has_tls = true;
	out->tls_vaddr = t->p_vaddr;
	out->tls_filesz = t->p_filesz;
	out->tls_memsz = t->p_memsz;
	out->tls_align = t->p_align;
	return 0;
}

/* PT_PHDR must name loaded memory; without it, look for the table. */
static int elf_find_phdrs(const elf_ctx_t *c, const elf64_ehdr_t *eh)
{
	uint64_t size = (uint64_t)eh->e_phnum * eh->e_phentsize;
	elf_image_t *out = c->out;

	if (c->has_phdr) {
		if (!elf_find_image(out, c->phdr.p_vaddr, c->phdr.p_memsz))
			return -ENOEXEC;
		out->phdr_vaddr = c->phdr.p_vaddr;
		return 0;
	}
	for (size_t i = 0; i < out->segment_count; i++) {
		const elf_segment_t *s = &out->segments[i];
		uint64_t rel = eh->e_phoff - s->file_offset;

		if (eh->e_phoff >= s->file_offset && rel <= s->filesz &&
		    size <= s->filesz - rel) {
			out->phdr_vaddr = s->vaddr + rel;
			break;
		}
	}
	return 0;
}

static int elf_parse_into(const uint8_t *file, elf_ctx_t *c)
{
	elf_image_t *out = c->out;
	elf64_ehdr_t eh;
	elf64_phdr_t ph;
	size_t last;
	int err;

	err = elf_check_ehdr(file, c->head_size, &eh);
	if (err)
		return err;
	for (uint16_t i = 0; i < eh.e_phnum; i++) {
		memcpy(&ph, file + eh.e_phoff + (size_t)i * eh.e_phentsize,
		       sizeof ph);
		err = elf_add_phdr(c, &ph);
		if (err)
			return err;
	}
	if (out->segment_count == 0)
		return -ENOEXEC;
	elf_sort_segments(out);
	out->entry = eh.e_entry;
	out->phnum = eh.e_phnum;
	out->phentsize = eh.e_phentsize;
	if ((err = elf_check_overlap(out)) || (err = elf_check_entry(out)) ||
	    (err = elf_check_tls(c)) || (err = elf_find_phdrs(c, &eh)))
		return err;
	last = out->segment_count - 1;
	out->lowest = out->segments[0].vaddr & ~(ELF_PAGE - 1);
	out->highest = (out->segments[last].vaddr + out->segments[last].memsz +
			ELF_PAGE - 1) & ~(ELF_PAGE - 1);
	return 0;
}

int elf_parse(const void *file, size_t file_size, uint64_t user_limit,
	      elf_image_t *out)
{
	return elf_parse_head(file, file_size, file_size, user_limit, out);
}

int elf_parse_head(const void *head, size_t head_size, size_t file_size,
		   uint64_t user_limit, elf_image_t *out)
{
	elf_ctx_t c = {
		.head_size = head_size < file_size ? head_size : file_size,
		.file_size = file_size, .user_limit = user_limit, .out = out,
	};
	const void *file = head;
	int err;

	memset(out, 0, sizeof *out);
	err = elf_parse_into(file, &c);
	if (err)
		memset(out, 0, sizeof *out);
	return err;
}
