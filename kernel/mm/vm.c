// SPDX-License-Identifier: MIT
/*
 * User address spaces (see vm.h for the model). Areas are a sorted
 * singly linked list: processes have a handful, so a list walk is cheap
 * and keeps splitting and merging simple. Page-table entries are built by
 * one rule: a page is writable iff its area is writable and the page is
 * not marked copy-on-write; executable iff its area is executable.
 */
#include <vm.h>

#include <abi/errno.h>
#include <arch/layout.h>
#include <arch/mmu.h>
#include <mm.h>
#include <panic.h>
#include <shm.h>
#include <string.h>

static unsigned vma_perms(unsigned vma_flags)
{
	return ((vma_flags & VMA_READ) ? PTE_PERM_READ : 0) |
	       ((vma_flags & VMA_WRITE) ? PTE_PERM_WRITE : 0) |
	       ((vma_flags & VMA_EXEC) ? PTE_PERM_EXEC : 0);
}

address_space_t *as_create(void)
{
	address_space_t *as = kzalloc(sizeof(*as));

	if (!as)
		return NULL;
	as->root = upt_create();
	if (!as->root) {
		kfree(as);
		return NULL;
	}
	as->refs = 1;
	return as;
}

static vm_area_t *vma_find_locked(address_space_t *as, uint64_t addr)
{
	for (vm_area_t *v = as->areas; v && v->start <= addr; v = v->next)
		if (addr < v->end)
			return v;
	return NULL;
}

static void vma_insert_locked(address_space_t *as, vm_area_t *vma)
{
	vm_area_t **pp = &as->areas;

	while (*pp && (*pp)->start < vma->start)
		pp = &(*pp)->next;
	vma->next = *pp;
	*pp = vma;
}

static bool range_free_locked(address_space_t *as, uint64_t start, uint64_t end)
{
	for (vm_area_t *v = as->areas; v; v = v->next)
		if (v->start < end && start < v->end)
			return false;
	return true;
}

static bool range_valid(uint64_t start, uint64_t end)
{
	return !(start & (PAGE_SIZE - 1)) && !(end & (PAGE_SIZE - 1)) &&
	       start < end && start >= PAGE_SIZE && end <= USER_TOP;
}

static int as_add_area_locked(address_space_t *as, uint64_t start, uint64_t end,
			      unsigned flags, shm_object_t *obj)
{
	vm_area_t *vma;

	if (!range_valid(start, end) || !range_free_locked(as, start, end))
		return -EINVAL;
	vma = kzalloc(sizeof(*vma));
	if (!vma)
		return -ENOMEM;
	vma->start = start;
	vma->end = end;
	vma->flags = flags;
	vma->shared = obj;
	vma_insert_locked(as, vma);
	return 0;
}

int as_map(address_space_t *as, uint64_t start, uint64_t end, unsigned flags)
{
	spin_lock(&as->lock);
	int err = as_add_area_locked(as, start, end, flags & ~VMA_SHARED, NULL);
	spin_unlock(&as->lock);
	return err;
}

/* Room between areas, and a guard page's gap around every stack. */
static uint64_t as_find_free_locked(address_space_t *as, uint64_t hint, uint64_t len)
{
	uint64_t start = hint ? hint : USER_MMAP_BASE;

	for (vm_area_t *v = as->areas; v; v = v->next) {
		uint64_t lo = v->flags & VMA_STACK ? v->end - USER_STACK_MAX - PAGE_SIZE : v->start;
		if (start + len <= lo)
			break;
		if (start < v->end + PAGE_SIZE)
			start = v->end + PAGE_SIZE;
	}
	if (start + len < start || start + len > USER_STACK_TOP - USER_STACK_MAX - PAGE_SIZE)
		return 0;
	return start;
}

/*
 * Unmapping in batches: clear up to UNMAP_BATCH entries, flush the TLBs,
 * and only then release the frames, so no CPU can still reach a frame
 * that has gone back to the allocator.
 */
#define UNMAP_BATCH 256

static void as_release_frames(address_space_t *as, uint64_t *frames, unsigned n)
{
	if (!n)
		return;
	tlb_flush_all(as);
	for (unsigned i = 0; i < n; i++)
		frame_put(frames[i]);
}

/* Device memory (VMA_PHYS) is not the allocator's: its frames are not put. */
static void as_unmap_range_locked(address_space_t *as, uint64_t start, uint64_t end,
				  bool owns_frames)
{
	uint64_t frames[UNMAP_BATCH];
	unsigned n = 0;

	for (uint64_t va = upt_next_mapped(as->root, start, end); va < end;
	     va = upt_next_mapped(as->root, va + PAGE_SIZE, end)) {
		pte_t *pte = upt_walk(as->root, va, false);
		if (owns_frames)
			frames[n++] = pte_phys(*pte);
		*pte = 0;
		as->resident_pages--;
		if (n == UNMAP_BATCH) {
			as_release_frames(as, frames, n);
			n = 0;
		}
	}
	as_release_frames(as, frames, n);
}

/* Splits the area containing addr so that an area starts at addr. */
static int vma_split_locked(address_space_t *as, uint64_t addr)
{
	vm_area_t *v = vma_find_locked(as, addr);

	if (!v || v->start == addr)
		return 0;
	vm_area_t *tail = kzalloc(sizeof(*tail));
	if (!tail)
		return -ENOMEM;
	*tail = *v;
	tail->start = addr;
	if (v->shared) {
		shm_get(v->shared);
		tail->shared_offset += (addr - v->start) / PAGE_SIZE;
	}
	if (v->flags & VMA_PHYS)
		tail->phys_base += addr - v->start;
	v->end = addr;
	v->next = tail;
	return 0;
}

static void vma_free(vm_area_t *v)
{
	if (v->shared)
		shm_put(v->shared);
	kfree(v);
}

static int as_unmap_locked(address_space_t *as, uint64_t start, uint64_t end)
{
	int err = vma_split_locked(as, start);

	if (!err)
		err = vma_split_locked(as, end);
	for (vm_area_t **pp = &as->areas; *pp && !err;) {
		vm_area_t *v = *pp;
		if (v->start >= start && v->end <= end) {
			as_unmap_range_locked(as, v->start, v->end, !(v->flags & VMA_PHYS));
			*pp = v->next;
			vma_free(v);
		} else {
			pp = &v->next;
		}
	}
	tlb_flush_all(as);
	return err;
}

int as_unmap(address_space_t *as, uint64_t start, uint64_t end)
{
	if (!range_valid(start, end))
		return -EINVAL;
	spin_lock(&as->lock);
	int err = as_unmap_locked(as, start, end);
	spin_unlock(&as->lock);
	return err;
}

/*
 * mmap of anonymous memory: choosing the place and claiming it happen
 * under one lock, so threads mapping at the same time never collide.
 */
int as_mmap(address_space_t *as, uint64_t hint, uint64_t len, unsigned flags,
	    bool fixed, uint64_t *addr_out)
{
	shm_object_t *obj = NULL;
	uint64_t addr;
	int err;

	if ((flags & VMA_SHARED) && !(obj = shm_create(len / PAGE_SIZE)))
		return -ENOMEM;
	spin_lock(&as->lock);
	if (fixed) {
		addr = hint;
		err = as_unmap_locked(as, addr, addr + len);
	} else {
		addr = as_find_free_locked(as, hint, len);
		err = addr ? 0 : -ENOMEM;
	}
	if (!err)
		err = as_add_area_locked(as, addr, addr + len, flags, obj);
	spin_unlock(&as->lock);
	if (err && obj)
		shm_put(obj);
	*addr_out = addr;
	return err;
}

static int as_fault_page(address_space_t *as, uint64_t addr, bool write, bool exec,
			 bool fill);

static int as_populate_locked(address_space_t *as, vm_area_t *v)
{
	for (uint64_t va = v->start; va < v->end; va += PAGE_SIZE) {
		uint64_t phys;
		pte_t *pte = upt_walk(as->root, va, true);
		if (!pte || shm_page(v->shared, v->shared_offset + (va - v->start) / PAGE_SIZE,
				     &phys))
			return -ENOMEM;
		*pte = pte_make(phys, vma_perms(v->flags));
		as->resident_pages++;
	}
	return 0;
}

int as_map_object(address_space_t *as, shm_object_t *obj, uint64_t first, uint64_t len,
		  unsigned flags, bool populate, uint64_t *addr_out)
{
	uint64_t addr;
	int err;

	if (!len || (len & (PAGE_SIZE - 1)) || first + len / PAGE_SIZE > obj->npages ||
	    first + len / PAGE_SIZE < first)
		return -EINVAL;
	shm_get(obj);
	spin_lock(&as->lock);
	addr = as_find_free_locked(as, 0, len);
	err = addr ? as_add_area_locked(as, addr, addr + len, flags | VMA_SHARED, obj) : -ENOMEM;
	bool added = !err;
	if (added) {
		vm_area_t *v = vma_find_locked(as, addr);
		v->shared_offset = first;
		/* On failure the area goes again, and the reference with it. */
		if (populate && (err = as_populate_locked(as, v)) != 0)
			as_unmap_locked(as, addr, addr + len);
	}
	spin_unlock(&as->lock);
	if (!added)
		shm_put(obj);
	*addr_out = addr;
	return err;
}

int as_map_phys(address_space_t *as, uint64_t phys, uint64_t len, unsigned flags,
		bool uncached, uint64_t *addr_out)
{
	uint64_t addr;
	int err;

	if (!len || (len & (PAGE_SIZE - 1)) || (phys & (PAGE_SIZE - 1)) || phys + len < phys)
		return -EINVAL;
	spin_lock(&as->lock);
	addr = as_find_free_locked(as, 0, len);
	err = addr ? as_add_area_locked(as, addr, addr + len, (flags & ~VMA_SHARED) | VMA_PHYS,
					NULL)
		   : -ENOMEM;
	if (!err) {
		vm_area_t *v = vma_find_locked(as, addr);
		v->phys_base = phys;
		v->uncached = uncached;
	}
	spin_unlock(&as->lock);
	*addr_out = addr;
	return err;
}

int as_pin_page(address_space_t *as, uint64_t addr, bool write, uint64_t *phys)
{
	uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);

	/* A concurrent munmap can undo the fault before we look: retry. */
	for (int tries = 0; tries < 16; tries++) {
		int err = as_fault_page(as, page, write, false, false);
		if (err)
			return err;
		spin_lock(&as->lock);
		vm_area_t *v = vma_find_locked(as, page);
		if (!v || (v->flags & VMA_PHYS)) {     /* device memory has no frames */
			spin_unlock(&as->lock);
			return -EFAULT;
		}
		pte_t *pte = upt_walk(as->root, page, false);
		bool ok = pte && pte_present(*pte) && (pte_perms(*pte) & PTE_PERM_READ) &&
			  (!write || (pte_perms(*pte) & PTE_PERM_WRITE));
		if (ok) {
			*phys = pte_phys(*pte);
			frame_get(*phys);
		}
		spin_unlock(&as->lock);
		if (ok)
			return 0;
	}
	return -EFAULT;
}

int as_object_at(address_space_t *as, uint64_t addr, shm_object_t **obj, uint64_t *index)
{
	int err = -EINVAL;

	spin_lock(&as->lock);
	vm_area_t *v = vma_find_locked(as, addr);
	if (v && v->shared) {
		*obj = v->shared;
		*index = v->shared_offset + (addr - v->start) / PAGE_SIZE;
		shm_get(*obj);
		err = 0;
	}
	spin_unlock(&as->lock);
	return err;
}

int as_protect(address_space_t *as, uint64_t start, uint64_t end, unsigned prot)
{
	int err;

	if (!range_valid(start, end))
		return -EINVAL;
	spin_lock(&as->lock);
	for (uint64_t a = start; a < end;) {
		vm_area_t *v = vma_find_locked(as, a);
		if (!v) {
			spin_unlock(&as->lock);
			return -ENOMEM;         /* POSIX: part of the range is unmapped */
		}
		a = v->end;
	}
	err = vma_split_locked(as, start);
	if (!err)
		err = vma_split_locked(as, end);
	for (vm_area_t *v = as->areas; v && !err; v = v->next) {
		if (v->start < start || v->end > end)
			continue;
		v->flags = (v->flags & ~(VMA_READ | VMA_WRITE | VMA_EXEC)) | prot;
		for (uint64_t va = upt_next_mapped(as->root, v->start, v->end); va < v->end;
		     va = upt_next_mapped(as->root, va + PAGE_SIZE, v->end)) {
			pte_t *pte = upt_walk(as->root, va, false);
			*pte = pte_make(pte_phys(*pte), vma_perms(v->flags) |
					(pte_perms(*pte) & (PTE_PERM_COW | PTE_PERM_NOCACHE)));
		}
	}
	tlb_flush_all(as);
	spin_unlock(&as->lock);
	return err;
}

/* Grows a stack area down to cover addr, if within its limit. */
static vm_area_t *vma_grow_stack_locked(address_space_t *as, uint64_t addr)
{
	for (vm_area_t *v = as->areas; v; v = v->next) {
		if (!(v->flags & VMA_STACK) || addr >= v->start)
			continue;
		uint64_t limit = v->end - USER_STACK_MAX;
		uint64_t new_start = addr & ~(uint64_t)(PAGE_SIZE - 1);
		if (addr < limit || !range_free_locked(as, new_start - PAGE_SIZE, v->start))
			return NULL;
		v->start = new_start;
		return v;
	}
	return NULL;
}

static int as_fault_missing_locked(address_space_t *as, vm_area_t *v, uint64_t page,
				   pte_t *pte)
{
	uint64_t phys;

	if (v->flags & VMA_PHYS) {
		*pte = pte_make(v->phys_base + (page - v->start),
				vma_perms(v->flags) | (v->uncached ? PTE_PERM_NOCACHE : 0));
		as->resident_pages++;
		return 0;
	}
	if (v->shared) {
		uint64_t index = v->shared_offset + (page - v->start) / PAGE_SIZE;
		if (shm_page(v->shared, index, &phys))
			return -ENOMEM;
	} else if (frame_alloc(&phys)) {
		return -ENOMEM;
	}
	*pte = pte_make(phys, vma_perms(v->flags));
	as->resident_pages++;
	return 0;
}

static int as_fault_cow_locked(address_space_t *as, vm_area_t *v, uint64_t page,
			       pte_t *pte)
{
	uint64_t old = pte_phys(*pte), copy;

	if (frame_refcount(old) == 1) {
		*pte = pte_make(old, vma_perms(v->flags));
	} else {
		if (frame_alloc(&copy))
			return -ENOMEM;
		memcpy(phys_to_virt(copy), phys_to_virt(old), PAGE_SIZE);
		*pte = pte_make(copy, vma_perms(v->flags));
		tlb_flush_page(as, page);
		frame_put(old);         /* only now can no CPU still reach it */
		return 0;
	}
	tlb_flush_page(as, page);
	return 0;
}

static bool vma_allows(const vm_area_t *v, bool write, bool exec)
{
	return (v->flags & VMA_READ) && (!write || (v->flags & VMA_WRITE)) &&
	       (!exec || (v->flags & VMA_EXEC));
}

/*
 * Makes the page at addr present (and private, for a write). `fill` is the
 * kernel writing into a new program's memory: any area will do, whatever
 * its permissions.
 */
static int as_fault_page(address_space_t *as, uint64_t addr, bool write, bool exec,
			 bool fill)
{
	uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);
	int err = 0;

	if (addr >= USER_TOP)
		return -EFAULT;
	spin_lock(&as->lock);
	vm_area_t *v = vma_find_locked(as, addr);
	if (!v)
		v = vma_grow_stack_locked(as, addr);
	if (!v || (!fill && !vma_allows(v, write, exec))) {
		spin_unlock(&as->lock);
		return -EFAULT;
	}
	pte_t *pte = upt_walk(as->root, page, true);
	if (!pte)
		err = -ENOMEM;
	else if (!pte_present(*pte))
		err = as_fault_missing_locked(as, v, page, pte);
	else if (write && (pte_perms(*pte) & PTE_PERM_COW))
		err = as_fault_cow_locked(as, v, page, pte);
	/* Otherwise another thread resolved it first. */
	spin_unlock(&as->lock);
	return err;
}

int as_fault(address_space_t *as, uint64_t addr, bool write, bool exec)
{
	return as_fault_page(as, addr, write, exec, false);
}

int as_write(address_space_t *as, uint64_t addr, const void *src, uint64_t len)
{
	const uint8_t *s = src;

	while (len) {
		uint64_t page = addr & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t off = addr - page, n = PAGE_SIZE - off < len ? PAGE_SIZE - off : len;
		int err = as_fault_page(as, page, true, false, true);
		if (err)
			return err;
		spin_lock(&as->lock);
		pte_t *pte = upt_walk(as->root, page, false);
		memcpy((uint8_t *)phys_to_virt(pte_phys(*pte)) + off, s, n);
		spin_unlock(&as->lock);
		addr += n;
		s += n;
		len -= n;
	}
	return 0;
}

/* Shares the present pages of v with the child: COW for private ones. */
static int as_clone_area_locked(address_space_t *parent, address_space_t *child,
				vm_area_t *v)
{
	for (uint64_t va = upt_next_mapped(parent->root, v->start, v->end); va < v->end;
	     va = upt_next_mapped(parent->root, va + PAGE_SIZE, v->end)) {
		pte_t *src = upt_walk(parent->root, va, false);
		pte_t *dst = upt_walk(child->root, va, true);
		if (!dst)
			return -ENOMEM;
		unsigned perms = vma_perms(v->flags);
		if (v->flags & VMA_PHYS) {
			*dst = *src;    /* device memory is shared, never counted */
			child->resident_pages++;
			continue;
		}
		if (!v->shared) {
			perms |= PTE_PERM_COW;
			*src = pte_make(pte_phys(*src), perms);
		}
		frame_get(pte_phys(*src));
		*dst = pte_make(pte_phys(*src), perms);
		child->resident_pages++;
	}
	return 0;
}

address_space_t *as_clone(address_space_t *as)
{
	address_space_t *child = as_create();
	int err = 0;

	if (!child)
		return NULL;
	spin_lock(&as->lock);
	vm_area_t **tail = &child->areas;
	for (vm_area_t *v = as->areas; v && !err; v = v->next) {
		vm_area_t *copy = kzalloc(sizeof(*copy));
		if (!copy) {
			err = -ENOMEM;
			break;
		}
		*copy = *v;
		copy->next = NULL;
		if (copy->shared)
			shm_get(copy->shared);
		*tail = copy;
		tail = &copy->next;
		err = as_clone_area_locked(as, child, v);
	}
	tlb_flush_all(as);              /* the parent's pages became read-only */
	spin_unlock(&as->lock);
	if (err) {
		as_put(child);
		return NULL;
	}
	return child;
}

void as_put(address_space_t *as)
{
	if (__atomic_sub_fetch(&as->refs, 1, __ATOMIC_ACQ_REL))
		return;
	while (as->areas) {
		vm_area_t *v = as->areas;
		as_unmap_range_locked(as, v->start, v->end, !(v->flags & VMA_PHYS));
		as->areas = v->next;
		vma_free(v);
	}
	upt_destroy(as->root);
	kfree(as);
}
