// SPDX-License-Identifier: MIT
/*
 * What file-system daemons (ramfsd, ext2fsd) receive from libc in scheme
 * requests beyond abi/scheme.h and abi/stat.h: open flags, a mode bit,
 * lseek whences and futimens' special nanoseconds, with Linux's values as
 * libc uses them. Named ABI_* so that daemon logic built on the host
 * against glibc's headers (the unit tests) sees no clash.
 */
#pragma once

#include <stdint.h>

#define ABI_O_NOFOLLOW 00400000
#define ABI_O_PATH     010000000
#define ABI_O_SYMLINK  040000000        /* Tessera's: the link itself */
#define ABI_S_IFLNK    0120000
#define ABI_SEEK_DATA  3
#define ABI_SEEK_HOLE  4
#define ABI_UTIME_NOW  ((1L << 30) - 1)
#define ABI_UTIME_OMIT ((1L << 30) - 2)

/* abi_timespec_t's layout (FUTIMENS' times), without abi/proc.h, whose
 * names clash with host headers. */
typedef struct abi_file_timespec {
	int64_t sec;
	int64_t nsec;
} abi_file_timespec_t;
