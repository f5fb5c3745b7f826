// SPDX-License-Identifier: MIT
/*
 * event: — readiness queues, the base of poll, select and epoll. A
 * process opens "event:", writes abi_event_t records to subscribe a
 * descriptor (flags = the readiness it wants; 0 unsubscribes), and reads
 * abi_event_t records back: one per subscribed descriptor that is ready,
 * with flags = what is ready and data = the caller's cookie. Readiness is
 * level-triggered: a ready descriptor is reported on every read.
 */
#pragma once

#include <stdint.h>

#define EVENT_READ  0x1u
#define EVENT_WRITE 0x2u

typedef struct abi_event {
	uint64_t id;            /* the descriptor */
	uint32_t flags;         /* EVENT_READ | EVENT_WRITE */
	uint32_t reserved;      /* 0 */
	uint64_t data;          /* returned as given */
} abi_event_t;

_Static_assert(sizeof(abi_event_t) == 24, "abi_event_t is part of the ABI");
