// SPDX-License-Identifier: MIT
/*
 * One direction of data between sockets: a queue of whole messages
 * (chan:, uds_dgram:) or a ring of bytes (uds_stream:), with the calls
 * waiting on it. queue.c has the design.
 */
#pragma once

#include "list.h"

#include <libscheme/libscheme.h>

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifndef EMSGSIZE
/* Linux's value; abi/errno.h's ERRNO_LIST does not list it (yet). */
#define EMSGSIZE 90
#endif

#define IPCD_MSG_MAX      65536u        /* the largest message or datagram */
#define IPCD_MSGQ_COUNT   64u           /* messages queued per direction */
#define IPCD_MSGQ_BYTES   (256u * 1024) /* their bytes */
#define IPCD_STREAM_BYTES (64u * 1024)  /* a stream direction's buffer */

typedef enum ipcd_qmode {
	IPCD_QUEUE_MSG,
	IPCD_QUEUE_STREAM,
} ipcd_qmode_t;

struct ipcd_queue;

/* A call answered SCHEME_PENDING: a read, a write or an accept. */
typedef struct ipcd_wait {
	ipcd_link_t link;       /* in what it waits on (alone if nothing) */
	ipcd_link_t all;        /* in its scheme's list of pending calls */
	uint64_t tag;
	void *owner;            /* the socket that made the call */
	struct ipcd_queue *queue; /* the queue it waits on, or NULL */
	void *buf;              /* READ: where the bytes go */
	const void *src;        /* WRITE: the bytes */
	size_t len;
} ipcd_wait_t;

/* A socket's interest in a queue: its readiness depends on the queue. */
typedef struct ipcd_watch {
	ipcd_link_t link;       /* in the queue's watchers */
	void *owner;
} ipcd_watch_t;

typedef struct ipcd_msg {
	struct ipcd_msg *next;
	size_t len;
	unsigned char data[];
} ipcd_msg_t;

typedef struct ipcd_queue {
	ipcd_qmode_t mode;
	int dead_err;           /* what writes get once the reader is gone */
	bool reader_gone, writer_gone;
	unsigned refs;
	size_t bytes;           /* queued bytes */
	size_t count;           /* MSG: queued messages */
	ipcd_msg_t *head, *tail;
	unsigned char *ring;    /* STREAM: allocated on first use */
	size_t ring_start;
	ipcd_link_t readers;    /* pending reads, oldest first */
	ipcd_link_t writers;    /* pending writes, oldest first */
	ipcd_link_t watchers;   /* ipcd_watch_t.link */
} ipcd_queue_t;

ipcd_wait_t *ipcd_wait_new(uint64_t tag, void *owner);
/* Answers w and frees it. */
void ipcd_wait_finish(scheme_server_t *srv, ipcd_wait_t *w, long result);
/* Forgets w without an answer. */
void ipcd_wait_drop(ipcd_wait_t *w);

/* A queue with one reference; NULL without memory. */
ipcd_queue_t *ipcd_queue_create(ipcd_qmode_t mode, int dead_err);
void ipcd_queue_get(ipcd_queue_t *q);
void ipcd_queue_put(ipcd_queue_t *q);

/* Bytes read, 0 at EOF, or -EAGAIN: nothing yet (park the call). */
long ipcd_queue_read(scheme_server_t *srv, ipcd_queue_t *q, void *buf, size_t len);
/*
 * Bytes taken, -EAGAIN when nothing fits (park the call), dead_err once
 * the reader is gone, -EMSGSIZE, -ENOMEM.
 */
long ipcd_queue_write(scheme_server_t *srv, ipcd_queue_t *q, const void *src, size_t len);
void ipcd_queue_park_reader(ipcd_queue_t *q, ipcd_wait_t *w);
void ipcd_queue_park_writer(ipcd_queue_t *q, ipcd_wait_t *w);
/* Completes the pending writes that fit now. */
void ipcd_queue_pump(scheme_server_t *srv, ipcd_queue_t *q);

/* The reading side went away: drop the data, fail pending writes. */
void ipcd_queue_close_reader(scheme_server_t *srv, ipcd_queue_t *q);
/* The writing side went away: pending reads see EOF. */
void ipcd_queue_close_writer(scheme_server_t *srv, ipcd_queue_t *q);

bool ipcd_queue_readable(const ipcd_queue_t *q);
bool ipcd_queue_writable(const ipcd_queue_t *q);
