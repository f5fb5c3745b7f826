// SPDX-License-Identifier: MIT
/*
 * Static thread-local storage (x86_64 TLS variant II).
 *
 * A static program has one TLS segment (PT_TLS): `filesz` bytes of
 * initial data followed by zeros up to `memsz`. Each thread gets a copy
 * that ends right below its thread pointer (the TCB, what %fs points at);
 * the linker resolves `x@tpoff` as a negative offset from there, so the
 * copy must start at tp - offset, where offset is memsz rounded up such
 * that the copy has the alignment the segment asks for (musl's formula,
 * which also copes with a segment whose address is not aligned). The
 * TCB is aligned to at least 64 bytes, a multiple of the segment's
 * alignment, so the copy's alignment follows from the TCB's.
 *
 * __tls_init finds the segment through the program headers — AT_PHDR and
 * AT_PHNUM from exec, or the ELF header the linker maps at __ehdr_start
 * if the auxiliary vector lacks them. It runs before %fs is set, so it
 * must not touch errno (or any TLS). __tls_setup lays a copy and a
 * zeroed thread out in caller-provided memory: the TCB and the rest of
 * struct pthread after it (pthread/pthread_impl.h).
 */
#include "libc.h"
#include "pthread/pthread_impl.h"

#include <abi/proc.h>
#include <elf.h>
#include <string.h>

static struct {
	const void *image;
	size_t filesz;
	size_t memsz;
	size_t align;           /* the segment's alignment */
	size_t tcb_align;       /* the TCB's: the segment's, at least 64 */
	size_t offset;          /* block start = tp - offset */
} tls;

extern const Elf64_Ehdr __ehdr_start __attribute__((weak));

static const Elf64_Phdr *tls_find_phdr(void)
{
	int found;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)__libc_auxval(AT_PHDR, &found);
	size_t n = __libc_auxval(AT_PHNUM, &found);

	if (!ph || !n || !found) {
		if (!&__ehdr_start)
			return NULL;
		ph = (const Elf64_Phdr *)((const char *)&__ehdr_start + __ehdr_start.e_phoff);
		n = __ehdr_start.e_phnum;
	}
	for (size_t i = 0; i < n; i++)
		if (ph[i].p_type == PT_TLS)
			return &ph[i];
	return NULL;
}

void __tls_init(void)
{
	const Elf64_Phdr *ph = tls_find_phdr();

	tls.align = 1;
	tls.tcb_align = 64;
	if (!ph)
		return;
	if (ph->p_align > 1)
		tls.align = ph->p_align;
	if (tls.align > tls.tcb_align)
		tls.tcb_align = tls.align;
	tls.image = (const void *)ph->p_vaddr;
	tls.filesz = ph->p_filesz;
	tls.memsz = ph->p_memsz;
	tls.offset = tls.memsz +
		     ((-tls.memsz - (size_t)ph->p_vaddr) & (tls.align - 1));
}

size_t __tls_area_size(void)
{
	/* Worst-case padding to align the TCB, the block, the TCB itself. */
	return tls.tcb_align - 1 + tls.offset + sizeof(struct pthread);
}

struct tessera_thread *__tls_setup(void *area, size_t size)
{
	uintptr_t start = (uintptr_t)area;
	uintptr_t tp = (start + tls.offset + tls.tcb_align - 1) &
		       ~(uintptr_t)(tls.tcb_align - 1);
	struct tessera_thread *t = (struct tessera_thread *)tp;

	if (size < __tls_area_size())
		return NULL;
	memset((void *)(tp - tls.offset), 0, tls.offset + sizeof(struct pthread));
	if (tls.filesz)
		memcpy((void *)(tp - tls.offset), tls.image, tls.filesz);
	t->self = t;
	t->self2 = t;
	return t;
}
