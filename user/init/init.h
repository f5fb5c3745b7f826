// SPDX-License-Identifier: MIT
/* init's parts: init.c runs tests or benchmarks, daemons.c starts daemons. */
#pragma once

/* Starts the utility daemons (log, null, zero, rand, ipc), each serving
 * before the next starts. */
void init_start_daemons(void);
