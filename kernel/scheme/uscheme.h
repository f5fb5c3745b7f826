// SPDX-License-Identifier: MIT
/*
 * Userspace schemes, shared by uscheme.c (the daemon's side: registering,
 * handing out requests, taking answers, the daemon's death) and
 * uscheme_call.c (the caller's side: building a request, its buffer,
 * waiting, giving up). docs/schemes.md describes the protocol.
 *
 * A request (ureq_t) belongs to its caller while the caller waits for it.
 * A caller that gives up while the daemon holds the request marks it
 * orphaned under the scheme lock; from then on whoever finishes it — the
 * daemon's answer, or its death — frees it. Completions happen under the
 * scheme lock, and a caller looks at its request only under that lock,
 * so a request is never freed while its completer still touches it.
 *
 * Lock order: us->lock, then a wait queue's lock, then run-queue locks.
 */
#pragma once

#include <abi/scheme.h>
#include <scheme.h>
#include <sched.h>
#include <stdbool.h>
#include <vm.h>

struct shm_object;
typedef struct uscheme uscheme_t;

/* A caller's open file on a userspace scheme (file_t.handle). */
typedef struct ufile {
	uscheme_t *us;                  /* holds a reference */
	uint64_t handle;                /* the daemon's */
	volatile unsigned ready;        /* EVENT_* as the daemon last said */
	struct ufile *next;             /* us->files (us->lock) */
} ufile_t;

enum ureq_state { UREQ_QUEUED, UREQ_INFLIGHT, UREQ_DONE };
enum ubuf_dir { UBUF_NONE, UBUF_IN, UBUF_OUT };  /* IN: to the daemon */

typedef struct ureq {
	abi_scheme_request_t msg;
	struct ureq *next;
	int priority;                   /* the caller's, for ordering and inheritance */
	volatile int state;             /* UREQ_* (us->lock) */
	bool orphaned;                  /* nobody waits: the finisher frees it */
	int64_t result;
	uint32_t events;
	waitq_t done;                   /* the caller waits here */

	/* The buffer (msg.buf in the daemon, once delivered): */
	int dir;                        /* UBUF_* */
	size_t len;
	void *copy;                     /* small: the bytes, in the kernel */
	bool copy_owned;                /* allocated for this request */
	struct shm_object *pinned;      /* large: the caller's pages */
	uint64_t page_offset;           /* of the buffer in its first page */
	int slot;                       /* the daemon's copy slot, or -1 */
	uint64_t map_addr, map_len;     /* the mapping in the daemon, or 0 */
	ufile_t *file;                  /* OPEN, DUP: the new file, on success */
} ureq_t;

#define USCHEME_SLOTS 64
#define USCHEME_MAP_MAX (16ull << 20)   /* longer reads and writes are cut */

struct uscheme {
	scheme_t scheme;                /* scheme.priv == this */
	spinlock_t lock;
	/* Guarded by lock: */
	ureq_t *queue;                  /* not yet read: by priority, then FIFO */
	ureq_t *inflight;               /* read by the daemon, not yet answered */
	ufile_t *files;                 /* callers' files, for readiness */
	uint64_t slots_free;            /* a bit per copy slot */
	unsigned queued_plain;          /* queued requests needing no slot */
	uint64_t next_tag;
	bool dead;

	waitq_t daemon_waiters;         /* daemon threads in read */
	volatile int refs;
	int pid;                        /* the daemon */
	address_space_t *as;            /* the daemon's (a reference) */
	uint64_t slot_base;             /* USCHEME_SLOTS x SCHEME_COPY_MAX there */
};

void uscheme_get(uscheme_t *us);
void uscheme_put(uscheme_t *us);

/* Takes a queued request off the queue (lock held). */
void uscheme_dequeue_locked(uscheme_t *us, ureq_t *r);
/* uscheme.c: queues r (tagging it); -EIO if the daemon is gone. */
int uscheme_submit(uscheme_t *us, ureq_t *r);
/* Queues a request nobody waits for (CLOSE, CANCEL); dropped if dead. */
void uscheme_submit_async(uscheme_t *us, uint16_t opcode, uint64_t handle, uint64_t arg0);
/* Finishes r with result (us->lock held): wakes its caller or frees it. */
void uscheme_complete_locked(uscheme_t *us, ureq_t *r, int64_t result, uint32_t events,
			     bool handoff);

/* uscheme_call.c */
ureq_t *ureq_alloc(uint16_t opcode, uint64_t handle);
void ureq_free(ureq_t *r);
/* Releases what the request holds in the daemon (slot, mapping). */
void ureq_release_daemon_side(uscheme_t *us, ureq_t *r);
extern const scheme_ops_t uscheme_client_ops;
