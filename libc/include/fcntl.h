// SPDX-License-Identifier: MIT
/* open and fcntl; the flag values are the kernel's (abi/fcntl.h). */
#pragma once

#include <abi/fcntl.h>
#include <sys/types.h>

int open(const char *path, int flags, ...);
int fcntl(int fd, int cmd, ...);
