// SPDX-License-Identifier: MIT
/*
 * Range checks in front of the architecture's fault-tolerant copy loops.
 * Ranges must lie entirely in the user half: a kernel or non-canonical
 * address is EFAULT before anything is touched.
 */
#include <uaccess.h>

#include <abi/errno.h>
#include <arch/layout.h>
#include <stdbool.h>

long arch_user_copy(void *dst, const void *src, size_t n);
long arch_user_strncpy(char *dst, const char *src, size_t max);

static bool user_range_ok(uint64_t addr, size_t n)
{
	return addr + n >= addr && addr + n <= USER_TOP;
}

int copy_from_user(void *dst, uptr_t src, size_t n)
{
	if (!user_range_ok(src.addr, n))
		return -EFAULT;
	return n ? (int)arch_user_copy(dst, (const void *)src.addr, n) : 0;
}

int copy_to_user(uptr_t dst, const void *src, size_t n)
{
	if (!user_range_ok(dst.addr, n))
		return -EFAULT;
	return n ? (int)arch_user_copy((void *)dst.addr, src, n) : 0;
}

long copy_string_from_user(char *dst, uptr_t src, size_t max)
{
	long len;

	if (src.addr >= USER_TOP || !max)
		return -EFAULT;
	if (max > USER_TOP - src.addr)
		max = USER_TOP - src.addr;
	len = arch_user_strncpy(dst, (const char *)src.addr, max);
	if (len < 0)
		return len;
	if ((size_t)len == max)
		return -ENAMETOOLONG;
	return len;
}
