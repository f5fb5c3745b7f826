// SPDX-License-Identifier: MIT
/*
 * BSD's <sys/param.h>, which many ported programs include for a handful
 * of macros: MIN/MAX, howmany/roundup, bit-array helpers, and the old
 * names of limits (MAXPATHLEN, NOFILE...) in terms of <limits.h>.
 */
#pragma once

#include <limits.h>
#include <stddef.h>

#define MAXPATHLEN    PATH_MAX
#define MAXSYMLINKS   40
#define MAXHOSTNAMELEN 64
#define NOFILE        256
#define NGROUPS       65536
#define NBBY          8
#define DEV_BSIZE     512
#define HZ            100

#ifndef MIN
#define MIN(a, b) (((a) < (b)) ? (a) : (b))
#endif
#ifndef MAX
#define MAX(a, b) (((a) > (b)) ? (a) : (b))
#endif

#define howmany(x, y)  (((x) + ((y) - 1)) / (y))
#define roundup(x, y)  ((((x) + ((y) - 1)) / (y)) * (y))
#define rounddown(x, y) (((x) / (y)) * (y))
#define powerof2(x)    ((((x) - 1) & (x)) == 0)
#define nitems(a)      (sizeof(a) / sizeof((a)[0]))

#define setbit(a, i)   (((unsigned char *)(a))[(i) / NBBY] |= 1u << ((i) % NBBY))
#define clrbit(a, i)   (((unsigned char *)(a))[(i) / NBBY] &= ~(1u << ((i) % NBBY)))
#define isset(a, i)    ((((const unsigned char *)(a))[(i) / NBBY] >> ((i) % NBBY)) & 1u)
#define isclr(a, i)    (!isset(a, i))
