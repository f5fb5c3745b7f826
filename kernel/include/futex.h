// SPDX-License-Identifier: MIT
/*
 * Futexes: sleep while a user word holds an expected value, and wake
 * sleepers on a word. Keyed by (address space, address): private to a
 * process and its threads.
 */
#pragma once

#include <stdint.h>

struct process;

/* 0 when woken, -EAGAIN if *addr != expected, -ETIMEDOUT, -EINTR, -EFAULT. */
int futex_wait(uint64_t addr, uint32_t expected, uint64_t deadline_ns);
/* Wakes up to n waiters on addr in p; returns how many. */
int futex_wake(struct process *p, uint64_t addr, int n);
