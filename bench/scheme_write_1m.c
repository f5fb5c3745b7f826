// SPDX-License-Identifier: MIT
/* scheme_write_1m: 1 MiB to the null device in one write (scheme_write.h). */
#define BENCH_NAME "scheme_write_1m"
#include "bench.h"

#define SCHEME_WRITE_CHUNK (1u << 20)
#include "scheme_write.h"
