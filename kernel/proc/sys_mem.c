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
#include <shm.h>

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

static long sys_map_source(address_space_t *as, mmap_source_t *src, uint64_t len,
			   unsigned vma_flags)
{
	uint64_t addr;
	int err;

	if (!src->obj)
		return as_map_phys(as, src->phys, len, vma_flags, src->cache, &addr) ?: (long)addr;
	err = as_map_object(as, src->obj, src->first_page, len, vma_flags, false, &addr);
	shm_put(src->obj);
	return err ? err : (long)addr;
}

/*
 * A shared mapping of what a descriptor's scheme offers (shared memory
 * objects, daemons' areas, device memory). Private file mappings wait
 * for the file system.
 */
static long sys_mmap_file(uint64_t len, uint64_t prot, uint64_t flags, int fd, uint64_t offset)
{
	mmap_source_t src = { 0 };
	long r;

	if (!(flags & MAP_SHARED) || (flags & MAP_FIXED) || (offset & (PAGE_SIZE - 1)))
		return -EINVAL;
	file_t *f = fd_get(proc_current(), fd);
	if (!f)
		return -EBADF;
	int acc = f->flags & O_ACCMODE;
	if ((f->open_flags & O_PATH) || acc == O_WRONLY || ((prot & PROT_WRITE) && acc == O_RDONLY))
		r = -EACCES;
	else if (!f->scheme->ops->mmap)
		r = -ENODEV;
	else if (!(r = f->scheme->ops->mmap(f, offset, len, (unsigned)prot, &src)))
		r = sys_map_source(proc_current()->as, &src, len, prot_to_vma(prot));
	file_put(f);
	return r;
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
	if (page_round_up(len) < len)
		return -ENOMEM;
	if (!(flags & MAP_ANONYMOUS))
		return sys_mmap_file(page_round_up(len), prot, flags, (int)a->a[4], a->a[5]);
	if (len > pmm_total_pages() * PAGE_SIZE)
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
