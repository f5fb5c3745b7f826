// SPDX-License-Identifier: MIT
/*
 * The initfs boot module: found among GRUB's modules (the one whose
 * command line is "initfs"), validated once, then read in place.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <lib/initfs.h>

/* False when there is no (valid) initfs module. */
bool initfs_boot_init(void);
/* A regular file's contents: 0, -ENOENT, -EACCES (not a regular file). */
int initfs_boot_file(const char *path, const uint8_t **data, size_t *size);
/* The entry at path (symlinks not followed): 0, -ENOENT, -ENAMETOOLONG. */
int initfs_boot_entry(const char *path, initfs_entry_t *out);
/* The whole archive, as GRUB loaded it: 0, or -ENOENT without one. */
int initfs_boot_image(const uint8_t **data, size_t *size);
