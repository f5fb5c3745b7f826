// SPDX-License-Identifier: MIT
/*
 * Scheduling (POSIX <sched.h>). Tessera has one scheduler: per-thread
 * priorities PRIORITY_MIN..PRIORITY_MAX (0..31, higher runs first; see
 * abi/proc.h), no real-time classes. All three policies are accepted and
 * mean that one scheduler; a sched_priority is a Tessera priority.
 * SCHED_OTHER is what every thread reports.
 */
#pragma once

#include <sys/types.h>
#include <time.h>

#define SCHED_OTHER 0
#define SCHED_FIFO  1
#define SCHED_RR    2

struct sched_param {
	int sched_priority;
};

int sched_yield(void);
/* The CPU the caller last ran on (SYS_getcpu), as in glibc. */
int sched_getcpu(void);

/* 0..31 for every policy; -1 and EINVAL for an unknown policy. */
int sched_get_priority_min(int policy);
int sched_get_priority_max(int policy);

/*
 * pid 0 (or the caller's pid) means the calling thread: there is no
 * per-process priority. Another pid fails with ESRCH.
 */
int sched_getparam(pid_t pid, struct sched_param *param);
int sched_setparam(pid_t pid, const struct sched_param *param);
int sched_getscheduler(pid_t pid);
int sched_setscheduler(pid_t pid, int policy, const struct sched_param *param);
int sched_rr_get_interval(pid_t pid, struct timespec *interval);

/*
 * CPU affinity, as in glibc (a GNU extension there too). A cpu_set_t
 * holds CPU_SETSIZE bits; Tessera has at most 64 CPUs, so bits above 63
 * never name a CPU. pid names a thread, as on Linux: 0 the calling
 * thread, a thread id one of the caller's threads, a pid the first thread
 * of that process (ESRCH if there is none). Setting another process's
 * mask takes the same user, or root (EPERM otherwise).
 * Threads and processes created later inherit the mask.
 */
#define CPU_SETSIZE 1024
#define __CPU_WORD_BITS (8 * sizeof(unsigned long))

typedef struct {
	unsigned long __bits[CPU_SETSIZE / __CPU_WORD_BITS];
} cpu_set_t;

#define CPU_ALLOC_SIZE(n) \
	((((size_t)(n) + __CPU_WORD_BITS - 1) / __CPU_WORD_BITS) * sizeof(unsigned long))
#define CPU_ALLOC(n) __sched_cpualloc(n)
#define CPU_FREE(set) __sched_cpufree(set)

#define CPU_ZERO_S(size, set) __builtin_memset((set), 0, (size))
#define CPU_SET_S(cpu, size, set) __cpu_op_s((cpu), (size), (set), 1)
#define CPU_CLR_S(cpu, size, set) __cpu_op_s((cpu), (size), (set), 0)
#define CPU_ISSET_S(cpu, size, set) __cpu_isset_s((cpu), (size), (set))
#define CPU_COUNT_S(size, set) __sched_cpucount((size), (set))
#define CPU_EQUAL_S(size, a, b) (__builtin_memcmp((a), (b), (size)) == 0)
#define CPU_AND_S(size, d, a, b) __cpu_combine((size), (d), (a), (b), '&')
#define CPU_OR_S(size, d, a, b) __cpu_combine((size), (d), (a), (b), '|')
#define CPU_XOR_S(size, d, a, b) __cpu_combine((size), (d), (a), (b), '^')

#define CPU_ZERO(set) CPU_ZERO_S(sizeof(cpu_set_t), set)
#define CPU_SET(cpu, set) CPU_SET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_CLR(cpu, set) CPU_CLR_S(cpu, sizeof(cpu_set_t), set)
#define CPU_ISSET(cpu, set) CPU_ISSET_S(cpu, sizeof(cpu_set_t), set)
#define CPU_COUNT(set) CPU_COUNT_S(sizeof(cpu_set_t), set)
#define CPU_EQUAL(a, b) CPU_EQUAL_S(sizeof(cpu_set_t), a, b)
#define CPU_AND(d, a, b) CPU_AND_S(sizeof(cpu_set_t), d, a, b)
#define CPU_OR(d, a, b) CPU_OR_S(sizeof(cpu_set_t), d, a, b)
#define CPU_XOR(d, a, b) CPU_XOR_S(sizeof(cpu_set_t), d, a, b)

static inline void __cpu_op_s(size_t cpu, size_t size, cpu_set_t *set, int on)
{
	unsigned long bit = 1ul << (cpu % __CPU_WORD_BITS);

	if (cpu / 8 >= size)
		return;
	if (on)
		set->__bits[cpu / __CPU_WORD_BITS] |= bit;
	else
		set->__bits[cpu / __CPU_WORD_BITS] &= ~bit;
}

static inline int __cpu_isset_s(size_t cpu, size_t size, const cpu_set_t *set)
{
	return cpu / 8 < size &&
	       (set->__bits[cpu / __CPU_WORD_BITS] >> (cpu % __CPU_WORD_BITS)) & 1;
}

static inline void __cpu_combine(size_t size, cpu_set_t *d, const cpu_set_t *a,
				 const cpu_set_t *b, char op)
{
	for (size_t i = 0; i < size / sizeof(unsigned long); i++)
		d->__bits[i] = op == '&' ? a->__bits[i] & b->__bits[i]
			     : op == '|' ? a->__bits[i] | b->__bits[i]
					 : a->__bits[i] ^ b->__bits[i];
}

int __sched_cpucount(size_t size, const cpu_set_t *set);
cpu_set_t *__sched_cpualloc(size_t count);
void __sched_cpufree(cpu_set_t *set);
/* EINVAL if the set names no online CPU (set) or is under 8 bytes (get). */
int sched_setaffinity(pid_t pid, size_t size, const cpu_set_t *set);
int sched_getaffinity(pid_t pid, size_t size, cpu_set_t *set);
