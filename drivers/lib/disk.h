// SPDX-License-Identifier: MIT
/*
 * disk: the library every disk driver serves `disk.<driver><n>:` with
 * (docs/disk.md). The driver knows its hardware; the library knows the
 * scheme, the partition tables and the bookkeeping of requests.
 *
 * The driver fills a disk_driver_t: geometry, how many requests it can
 * have in flight, the largest transfer, one DMA bounce buffer per
 * in-flight slot, and submit(), which starts one request on the device
 * and returns at once. When the device finishes (the driver sees it in
 * its interrupt handler) the driver calls disk_complete(). The library
 * never hands the device a caller's buffer: a write is copied into the
 * slot's bounce buffer before submit(), a read is copied out of it on
 * completion — and only while the caller's call is live, so a cancelled
 * call's late completion touches nothing but the driver's own memory.
 *
 * A caller's read or write becomes one or more chunks (split at the
 * driver's max transfer); a chunk waits in a FIFO queue for a free slot.
 * The scheme answers SCHEME_PENDING and responds when the last chunk of
 * the call has completed. Flushes (fsync) are barriers in that queue:
 * one is submitted only when every earlier write has completed, and
 * nothing queued after it is submitted before it completes.
 *
 * disk_complete() never calls back into the driver: it only records.
 * Queued chunks are submitted by disk_pump(), which disk_run() calls
 * after the driver's interrupt handler returns, so the driver's
 * submit() is never re-entered from inside its own interrupt handler.
 *
 * Files: disk_io.c (requests, slots, queue, completion, cancel),
 * disk_scheme.c (the scheme's operations and the `table` file),
 * disk_part.c/disk_gpt.c/disk_mbr.c (partition tables, pure),
 * disk_run.c (startup and the event loop; Tessera system calls).
 */
#pragma once

#include <libscheme/libscheme.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define DISK_SLOTS_MAX 64       /* in-flight requests per disk, at most */
#define DISK_PARTS_MAX 128      /* partitions per disk (GPT's usual array) */
#define DISK_NAME_MAX  108      /* a GPT name (36 UTF-16 units) as UTF-8, with NUL */

typedef enum disk_op {
	DISK_OP_READ = 1,       /* device -> slot buffer */
	DISK_OP_WRITE = 2,      /* slot buffer -> device */
	DISK_OP_FLUSH = 3,      /* make completed writes durable; no buffer */
} disk_op_t;

/* One request handed to the driver's submit(). Owned by the library. */
typedef struct disk_req {
	disk_op_t op;
	uint64_t lba;           /* whole-disk sector number */
	uint32_t count;         /* sectors; 0 for FLUSH */
	unsigned slot;          /* 0 .. max_inflight-1: which bounce buffer */
	void *buf;              /* the slot's buffer (virt) */
	uint64_t phys;          /* its physical address, for the device */
	struct disk_chunk *chunk;       /* the library's: what this serves; NULL = slot free */
} disk_req_t;

/* A DMA bounce buffer: max_sectors * sector_size bytes. */
typedef struct disk_buf {
	void *virt;
	uint64_t phys;
} disk_buf_t;

typedef struct disk_driver {
	const char *name;       /* the scheme: "disk.virtio0" */
	uint32_t sector_size;   /* bytes, a power of two >= 512 */
	uint64_t sectors;       /* of the whole disk */
	unsigned max_inflight;  /* slots: requests the device takes at once (<= DISK_SLOTS_MAX) */
	uint32_t max_sectors;   /* largest transfer of one request */
	bool can_flush;         /* false: FLUSH is not sent (write-through device) */
	disk_buf_t *bufs;       /* max_inflight bounce buffers */
	void *ctx;              /* passed to the callbacks */
	/*
	 * Starts r on the device and returns at once: 0, or -errno if it
	 * could not be started (the chunk then fails with that error).
	 */
	int (*submit)(void *ctx, disk_req_t *r);
	/*
	 * Blocks until the device made progress and calls disk_complete()
	 * for what finished; 0 or -errno. Used only while reading the
	 * partition table before the scheme is served (disk_start). NULL:
	 * disk_start reads irq_fd (8 bytes), acknowledges it and calls
	 * interrupt().
	 */
	int (*wait)(void *ctx);
	/* The driver's interrupt handler: calls disk_complete() for finished requests. */
	void (*interrupt)(void *ctx);
	int irq_fd;             /* irq:msi descriptor (disk_run waits on it), or -1 */
} disk_driver_t;

/* --- partitions (disk_part.h has the parsers) ------------------------------- */

typedef enum disk_label {
	DISK_LABEL_NONE = 0,    /* no table: only `0` */
	DISK_LABEL_MBR,
	DISK_LABEL_GPT,
} disk_label_t;

typedef struct disk_part {
	unsigned number;        /* GPT: entry index + 1; MBR: 1-4 primary, 5.. logical */
	uint64_t first_lba, sectors;
	uint8_t mbr_type;       /* MBR: the type byte */
	uint8_t type_guid[16];  /* GPT: as stored (mixed endian) */
	uint8_t guid[16];       /* GPT: the partition's unique GUID */
	char name[DISK_NAME_MAX];       /* GPT: UTF-8 */
} disk_part_t;

typedef struct disk_table {
	disk_label_t label;
	bool gpt_backup;        /* GPT read from the backup header (primary corrupt) */
	uint8_t disk_guid[16];
	unsigned count;
	disk_part_t part[DISK_PARTS_MAX];
} disk_table_t;

/* --- the disk --------------------------------------------------------------- */

typedef struct disk_call disk_call_t;   /* a caller's read/write/fsync (disk_io.c) */
typedef struct disk_file disk_file_t;   /* an open handle (disk_scheme.c) */

typedef struct disk {
	disk_driver_t drv;
	disk_table_t table;
	scheme_server_t server;
	disk_req_t slot[DISK_SLOTS_MAX];
	unsigned inflight;              /* slots busy */
	unsigned writes_inflight;       /* of which writes */
	bool flush_inflight;
	/* chunks waiting for a slot, FIFO (disk_io.c) */
	struct disk_chunk *queue_head, *queue_tail;
	disk_call_t *calls;             /* live and cancelled calls with chunks outstanding */
	disk_file_t *files;             /* open handles */
	uint64_t next_handle;
	/* counters (docs/disk.md; visible to tests) */
	unsigned long submitted, completed, max_seen_inflight;
} disk_t;

/*
 * Sets d up for drv (copied) without touching the device: checks the
 * geometry and the slots (-EINVAL) and initialises the scheme server
 * state (no descriptor yet). Host tests stop here and feed requests
 * to disk->server with scheme_dispatch().
 */
int disk_init(disk_t *d, const disk_driver_t *drv);
void disk_fini(disk_t *d);

/*
 * Reads `count` sectors at whole-disk `lba` into buf synchronously
 * through submit() and wait() (or the irq). Only before the scheme is
 * served: the partition scan. 0 or -errno.
 */
int disk_read_sync(disk_t *d, uint64_t lba, uint32_t count, void *buf);

/* Reads the partition table into d->table (no table: label NONE). 0 or -errno (I/O). */
int disk_scan(disk_t *d);

/*
 * The driver calls this for each finished request r (one it was given
 * by submit), with 0 or -errno (-EIO for a device error). Only records;
 * answers go to the outbox, queued work waits for disk_pump().
 */
void disk_complete(disk_t *d, disk_req_t *r, int status);

/* Submits queued chunks to free slots. disk_run calls it after each event. */
void disk_pump(disk_t *d);

/* --- running for real (disk_run.c) ----------------------------------------- */

/*
 * disk_init + disk_scan + registers the scheme (drv->name). The driver
 * must be able to run requests (interrupts enabled) before this.
 */
int disk_start(disk_t *d, const disk_driver_t *drv);

/*
 * Serves the disks (several: one controller with many ports, sharing
 * one interrupt) until a scheme descriptor fails: waits on an event:
 * queue for scheme requests and for irq_fd; on an interrupt it reads
 * and acknowledges irq_fd, calls interrupt(ctx), then disk_pump()s
 * every disk and sends the answers. Returns -errno.
 */
int disk_run(disk_t *const *disks, unsigned count, int irq_fd,
	     void (*interrupt)(void *ctx), void *ctx);
