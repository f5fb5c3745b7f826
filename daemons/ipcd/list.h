// SPDX-License-Identifier: MIT
/*
 * Intrusive doubly linked lists with a sentinel head, as ipcd keeps its
 * queues of pending calls, backlogs and name registries. A node unlinks
 * itself without knowing which list holds it, which is what lets a
 * cancelled call leave whatever queue it waits on; an unlinked node points
 * at itself, so removing it twice is harmless.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>

typedef struct ipcd_link {
	struct ipcd_link *prev, *next;
} ipcd_link_t;

#define IPCD_CONTAINER(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))

static inline void ipcd_list_init(ipcd_link_t *head)
{
	head->prev = head->next = head;
}

static inline bool ipcd_list_empty(const ipcd_link_t *head)
{
	return head->next == head;
}

/* Appends n at the tail: lists are FIFOs. */
static inline void ipcd_list_push(ipcd_link_t *head, ipcd_link_t *n)
{
	n->prev = head->prev;
	n->next = head;
	head->prev->next = n;
	head->prev = n;
}

static inline void ipcd_list_remove(ipcd_link_t *n)
{
	n->prev->next = n->next;
	n->next->prev = n->prev;
	n->prev = n->next = n;
}

/* The oldest node, or NULL. */
static inline ipcd_link_t *ipcd_list_first(const ipcd_link_t *head)
{
	return ipcd_list_empty(head) ? NULL : head->next;
}
