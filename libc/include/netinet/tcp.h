// SPDX-License-Identifier: MIT
/* TCP socket options (POSIX <netinet/tcp.h>), Linux's numbers. */
#pragma once

#define TCP_NODELAY   1
#define TCP_MAXSEG    2
#define TCP_CORK      3
#define TCP_KEEPIDLE  4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT   6
