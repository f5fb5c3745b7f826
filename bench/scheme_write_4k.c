// SPDX-License-Identifier: MIT
/* scheme_write_4k: 1 MiB to the null device in 4 KiB writes (scheme_write.h). */
#define BENCH_NAME "scheme_write_4k"
#include "bench.h"

#define SCHEME_WRITE_CHUNK 4096u
#include "scheme_write.h"
