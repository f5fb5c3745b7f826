// SPDX-License-Identifier: MIT
/*
 * disk library internals shared by its files (not for drivers).
 *
 * A caller's read, write or fsync is a disk_call_t; it owns one or more
 * chunks (disk_chunk_t), each at most the driver's max transfer. A
 * chunk is first in d's FIFO queue, then in a slot (disk_req_t.chunk)
 * while the device runs it. The call lives on d->calls until its last
 * chunk is done; then it is answered (a cancelled one with EINTR, which
 * the kernel drops) and freed.
 * Cancelling a call takes its queued chunks out of the queue at once;
 * chunks already on the device stay until the driver completes them,
 * but their data is no longer copied to the caller.
 */
#pragma once

#include "disk.h"

typedef struct disk_chunk {
	struct disk_chunk *next;        /* in d's queue */
	disk_call_t *call;
	disk_op_t op;
	uint64_t lba;
	uint32_t count;
	size_t byte_off;                /* into the call's buffer */
} disk_chunk_t;

/* What happens when a call is done (result: bytes or -errno). */
typedef void disk_call_done_fn(disk_t *d, disk_call_t *c, long result);

struct disk_call {
	disk_call_t *next;              /* on d->calls */
	uint64_t tag;                   /* the scheme request it answers */
	disk_op_t op;
	uint8_t *buf;                   /* the caller's buffer (never after a cancel) */
	size_t len;                     /* bytes, the result on success */
	unsigned outstanding;           /* chunks queued or on the device */
	int error;                      /* the first chunk error */
	bool cancelled;
	disk_call_done_fn *done;        /* NULL: scheme_respond(tag) */
	void *done_ctx;
};

/*
 * Starts a call: `sectors` sectors at whole-disk lba into/from buf
 * (FLUSH: none), split into chunks and queued, then pumps. Returns
 * SCHEME_PENDING (answered later through done or the scheme) or -errno
 * at once (ENOMEM). A zero-length READ/WRITE is answered 0 at once.
 */
long disk_io_start(disk_t *d, uint64_t tag, disk_op_t op, uint64_t lba, uint64_t sectors,
		   void *buf, disk_call_done_fn *done, void *done_ctx);

/* The scheme's cancel: drops call `tag`'s queued chunks; answers it EINTR
 * once none of its chunks is left on the device. */
void disk_io_cancel(disk_t *d, uint64_t tag);

/* Frees every call and chunk (disk_fini). */
void disk_io_drop_all(disk_t *d);

/* disk_scheme.c */
extern const scheme_ops_t disk_scheme_ops;
void disk_files_free(disk_t *d);
/* The `table` file's text into buf (size cap); its length, or the length needed. */
size_t disk_table_format(const disk_t *d, char *buf, size_t cap);
