// SPDX-License-Identifier: MIT
/*
 * What ps, top and free show: the processes, the memory and the load of
 * each CPU, read from Tessera's text schemes (`proc:`, `proc:PID`,
 * `sys:meminfo`, `sys:cpus`; formats in kernel/scheme/proc.c and sys.c)
 * or, when the commands are built for the host, from Linux's /proc, so
 * that the same commands and their tests run in both places.
 *
 * Reading and parsing are kept apart: sysview.c opens the files and picks
 * the source for the platform it was built for; sysview_parse.c turns one
 * file's text into a record and is pure, so both parsers build (and can
 * be tested) anywhere. Every reader returns 0 or -errno.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

#define SYSVIEW_NAME_MAX 64
#define SYSVIEW_ARGS_MAX 256
#define SYSVIEW_CPUS_MAX 256

typedef struct sysview_proc {
	int pid, ppid, pgid, sid;
	unsigned uid;
	char state;                     /* as the system says: R, S, Z... */
	int threads;
	uint64_t cpu_ns;                /* CPU time of all its threads */
	char name[SYSVIEW_NAME_MAX];    /* the program's name */
	char args[SYSVIEW_ARGS_MAX];    /* its command line where known, else the name */
} sysview_proc_t;

typedef struct sysview_mem {
	uint64_t total_kib, free_kib, available_kib;
	uint64_t shared_kib, cache_kib; /* buffers and page cache */
	uint64_t swap_total_kib, swap_free_kib;
} sysview_mem_t;

typedef struct sysview_cpus {
	int count;
	/* Per CPU: time spent busy, and time elapsed, both since boot. */
	uint64_t busy_ns[SYSVIEW_CPUS_MAX];
	uint64_t total_ns[SYSVIEW_CPUS_MAX];
	uint64_t uptime_ns;
} sysview_cpus_t;

/* Every process, sorted by pid, into a malloc'ed array; the count or -errno. */
int sysview_procs_read(sysview_proc_t **out);
int sysview_mem_read(sysview_mem_t *m);
int sysview_cpus_read(sysview_cpus_t *c);

/* --- the parsers (sysview_parse.c) --------------------------------------- */

/* Tessera's `proc:` list: the pids it names into pids[max]; their count. */
int sysview_parse_tessera_list(const char *text, int *pids, int max);
/* Tessera's `proc:PID` ("key value" lines, then "thread ..." lines). */
int sysview_parse_tessera_proc(const char *text, sysview_proc_t *p);
int sysview_parse_tessera_mem(const char *text, sysview_mem_t *m);
int sysview_parse_tessera_cpus(const char *text, sysview_cpus_t *c);
/* Linux's /proc/PID/stat; ticks_per_s is sysconf(_SC_CLK_TCK). */
int sysview_parse_linux_stat(const char *text, long ticks_per_s, sysview_proc_t *p);
int sysview_parse_linux_mem(const char *text, sysview_mem_t *m);
/* Linux's /proc/stat and /proc/uptime's first number (seconds). */
int sysview_parse_linux_cpus(const char *stat, const char *uptime, long ticks_per_s,
			     sysview_cpus_t *c);
