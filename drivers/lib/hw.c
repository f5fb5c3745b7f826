// SPDX-License-Identifier: MIT
/*
 * The kernel's driver resources as a small C interface (hw.h). Each one
 * is a descriptor of a kernel scheme; the physical address a device must
 * be given comes back in the descriptor's fpath and is parsed here. The
 * parsers are plain C, tested on the host; the rest makes Tessera system
 * calls and builds only for Tessera.
 */
#include "hw.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "0x1f" or "31" up to a '/' or the end; the rest in *end. */
static int hw_number_parse(const char *s, uint64_t *out, const char **end)
{
	char *e;

	if (*s < '0' || *s > '9')
		return -EINVAL;
	errno = 0;
	unsigned long long v = strtoull(s, &e, 0);
	if (errno || (*e && *e != '/'))
		return -EINVAL;
	*out = v;
	*end = e;
	return 0;
}

static int hw_pair_parse(const char *path, const char *prefix, uint64_t *a, uint64_t *b)
{
	const char *p;
	size_t n = strlen(prefix);

	if (strncmp(path, prefix, n) != 0)
		return -EINVAL;
	if (hw_number_parse(path + n, a, &p) || *p != '/' || hw_number_parse(p + 1, b, &p) || *p)
		return -EINVAL;
	return 0;
}

int hw_dma_path_parse(const char *path, uint64_t *phys, uint64_t *len)
{
	return hw_pair_parse(path, "memory:dma/", phys, len);
}

int hw_msi_path_parse(const char *path, uint64_t *addr, uint32_t *data)
{
	uint64_t d;
	int err = hw_pair_parse(path, "irq:msi/", addr, &d);

	if (!err && d > UINT32_MAX)
		err = -EINVAL;
	if (!err)
		*data = (uint32_t)d;
	return err;
}

#ifdef __tessera__
#include <fcntl.h>
#include <sys/mman.h>
#include <tessera/sys.h>
#include <unistd.h>

#define HW_PAGE 4096u

int hw_dma_alloc(size_t len, hw_dma_t *out)
{
	char path[96];
	uint64_t phys, got;

	len = (len + HW_PAGE - 1) & ~(size_t)(HW_PAGE - 1);
	snprintf(path, sizeof(path), "memory:dma/%zu", len);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	int err = tessera_fpath(fd, path, sizeof(path)) < 0 ? -errno : 0;
	if (!err)
		err = hw_dma_path_parse(path, &phys, &got);
	void *p = err ? MAP_FAILED : mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (!err && p == MAP_FAILED)
		err = -errno;
	if (err) {
		close(fd);
		return err;
	}
	*out = (hw_dma_t){ .virt = p, .phys = phys, .len = len, .fd = fd };
	return 0;
}

void hw_dma_free(hw_dma_t *d)
{
	if (d->virt)
		munmap(d->virt, d->len);
	if (d->fd >= 0)
		close(d->fd);
	*d = (hw_dma_t){ .fd = -1 };
}

void *hw_phys_map(uint64_t phys, size_t len, const char *cache)
{
	char path[96];
	uint64_t base = phys & ~(uint64_t)(HW_PAGE - 1);
	size_t span = (size_t)((phys + len + HW_PAGE - 1) / HW_PAGE * HW_PAGE - base);

	snprintf(path, sizeof(path), "memory:phys/%#" PRIx64 "/%zu/%s", base, span, cache);
	int fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return NULL;
	void *p = mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	int saved = errno;
	close(fd);                      /* the mapping stays */
	errno = saved;
	return p == MAP_FAILED ? NULL : (char *)p + (phys - base);
}

void hw_phys_unmap(void *p, size_t len)
{
	uintptr_t a = (uintptr_t)p, base = a & ~(uintptr_t)(HW_PAGE - 1);

	munmap((void *)base, (a + len + HW_PAGE - 1) / HW_PAGE * HW_PAGE - base);
}

int hw_irq_msi_open(hw_irq_t *out)
{
	char path[96];
	int fd = open("irq:msi", O_RDWR | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	int err = tessera_fpath(fd, path, sizeof(path)) < 0 ? -errno : 0;
	if (!err)
		err = hw_msi_path_parse(path, &out->msi_addr, &out->msi_data);
	if (err) {
		close(fd);
		return err;
	}
	out->fd = fd;
	return 0;
}

int hw_irq_wait(hw_irq_t *irq)
{
	uint64_t count;

	return read(irq->fd, &count, sizeof(count)) == sizeof(count) ? 0 : -errno;
}

int hw_irq_ack(hw_irq_t *irq)
{
	uint64_t one = 1;

	return write(irq->fd, &one, sizeof(one)) == sizeof(one) ? 0 : -errno;
}

void hw_irq_close(hw_irq_t *irq)
{
	if (irq->fd >= 0)
		close(irq->fd);
	irq->fd = -1;
}
#endif
