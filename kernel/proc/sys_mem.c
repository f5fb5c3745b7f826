// SPDX-License-Identifier: MIT
/*
 * mmap, munmap and mprotect for anonymous memory. Mappings are lazy (pages
 * come on first touch), but a single mapping may not exceed the machine's
 * memory: there is no swap, so promising more could only end in a kill.
 */
#include <syscall.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <mm.h>
#include <proc.h>

static unsigned prot_to_vma(uint64_t prot)
{
	return ((prot & PROT_READ) ? VMA_READ : 0) |
	       ((prot & PROT_WRITE) ? VMA_WRITE | VMA_READ : 0) |
	       ((prot & PROT_EXEC) ? VMA_EXEC | VMA_READ : 0);
}

static uint64_t page_round_up(uint64_t len)
{
	return (len + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
}

long sys_mmap(const syscall_args_t *a)
{
	uint64_t addr = a->a[0], len = a->a[1], prot = a->a[2], flags = a->a[3];
	address_space_t *as = proc_current()->as;
	int sharing = flags & (MAP_SHARED | MAP_PRIVATE);

	if (!len || (addr & (PAGE_SIZE - 1)) || (prot & ~7ull) ||
	    (flags & ~(uint64_t)(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS)) ||
	    sharing == 0 || sharing == (MAP_SHARED | MAP_PRIVATE))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;         /* file mappings come with the schemes */
	if (len > pmm_total_pages() * PAGE_SIZE || page_round_up(len) < len)
		return -ENOMEM;
	len = page_round_up(len);
	if ((flags & MAP_FIXED) &&
	    (addr + len < addr || addr + len > USER_TOP || addr < PAGE_SIZE))
		return -EINVAL;
	int err = as_mmap(as, addr, len,
			  prot_to_vma(prot) | ((flags & MAP_SHARED) ? VMA_SHARED : 0),
			  flags & MAP_FIXED, &addr);
	return err ? err : (long)addr;
}

long sys_munmap(const syscall_args_t *a)
{
	uint64_t addr = a->a[0], len = page_round_up(a->a[1]);

	if (!a->a[1] || (addr & (PAGE_SIZE - 1)) || addr + len < addr || addr + len > USER_TOP)
		return -EINVAL;
	return as_unmap(proc_current()->as, addr, addr + len);
}

long sys_mprotect(const syscall_args_t *a)
{
	uint64_t addr = a->a[0], len = page_round_up(a->a[1]);

	if ((addr & (PAGE_SIZE - 1)) || (a->a[2] & ~7ull) || addr + len < addr ||
	    addr + len > USER_TOP)
		return -EINVAL;
	if (!len)
		return 0;
	return as_protect(proc_current()->as, addr, addr + len, prot_to_vma(a->a[2]));
}
