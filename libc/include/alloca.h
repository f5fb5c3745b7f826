// SPDX-License-Identifier: MIT
/* alloca: stack memory freed when the caller returns (the compiler's builtin). */
#pragma once

#include <stddef.h>

void *alloca(size_t size);
#define alloca(size) __builtin_alloca(size)
