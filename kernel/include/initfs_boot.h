// SPDX-License-Identifier: MIT
/*
 * The initfs boot module: found among GRUB's modules (the one whose
 * command line is "initfs"), validated once, then read in place.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* False when there is no (valid) initfs module. */
bool initfs_boot_init(void);
/* A regular file's contents: 0, -ENOENT, -EACCES (not a regular file). */
int initfs_boot_file(const char *path, const uint8_t **data, size_t *size);
