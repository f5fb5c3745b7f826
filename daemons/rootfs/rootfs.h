// SPDX-License-Identifier: MIT
/*
 * rootfs: which program serves file:. Pure parsing, tested on the host:
 * the root= word of the kernel command line, and the partition of a disk
 * `table` file (docs/disk.md) whose GPT name is that label.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

/* The value of the root= word of cmdline into out; false if none. */
bool rootfs_cmdline_root(const char *cmdline, char *out, size_t size);

/* The number of the partition named label in a disk's table text, or -1. */
int rootfs_table_find(const char *table, const char *label);
