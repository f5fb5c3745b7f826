// SPDX-License-Identifier: MIT
/*
 * Finding the initfs among the boot modules. The module's memory was
 * reserved by the frame allocator and is reached through the direct map;
 * lib/initfs.c validates the whole archive before anything is read.
 */
#include <initfs_boot.h>

#include <abi/errno.h>
#include <boot.h>
#include <lib/initfs.h>
#include <log.h>
#include <mm.h>
#include <string.h>

static initfs_t initfs;
static bool initfs_ready;

bool initfs_boot_init(void)
{
	for (size_t i = 0; i < boot_info.module_count; i++) {
		const boot_module_t *m = &boot_info.modules[i];
		if (!m->cmdline || strcmp(m->cmdline, "initfs") != 0)
			continue;
		int err = initfs_open(&initfs, phys_to_virt(m->start), m->end - m->start);
		if (err) {
			klog("initfs: module at %#lx is not a valid initfs (error %d)",
			     m->start, err);
			return false;
		}
		klog("initfs: %u entries, %lu KiB", initfs.count,
		     (unsigned long)(m->end - m->start) / 1024);
		initfs_ready = true;
		return true;
	}
	klog("initfs: no boot module named 'initfs'");
	return false;
}

int initfs_boot_file(const char *path, const uint8_t **data, size_t *size)
{
	initfs_entry_t e;

	if (!initfs_ready)
		return -ENOENT;
	int err = initfs_lookup(&initfs, path, &e);
	if (err)
		return err;
	if ((e.mode & 0170000) != 0100000)
		return -EACCES;
	*data = e.data;
	*size = e.size;
	return 0;
}

int initfs_boot_entry(const char *path, initfs_entry_t *out)
{
	return initfs_ready ? initfs_lookup(&initfs, path, out) : -ENOENT;
}

int initfs_boot_image(const uint8_t **data, size_t *size)
{
	if (!initfs_ready)
		return -ENOENT;
	*data = initfs.base;
	*size = initfs.size;
	return 0;
}
