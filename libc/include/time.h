// SPDX-License-Identifier: MIT
/*
 * Clocks and sleeping. struct timespec has abi_timespec_t's layout, so it
 * goes to the kernel as is (checked in libc/src/time.c). CLOCK_MONOTONIC
 * counts from boot; CLOCK_REALTIME is whatever the kernel keeps.
 */
#pragma once

#include <abi/proc.h>
#include <stddef.h>
#include <sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

int nanosleep(const struct timespec *req, struct timespec *rem);
int clock_gettime(clockid_t clock, struct timespec *ts);
time_t time(time_t *t);
