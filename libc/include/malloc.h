// SPDX-License-Identifier: MIT
/* <malloc.h>: the allocator's extensions; the rest is declared by <stdlib.h>. */
#pragma once

#include <stdlib.h>

void *pvalloc(size_t size);
