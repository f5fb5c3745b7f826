// SPDX-License-Identifier: MIT
/*
 * libscheme: what a scheme daemon is written against. The daemon fills a
 * scheme_ops_t (any operation left NULL answers -EOPNOTSUPP), and
 * scheme_run() owns the loop: read a batch of requests from the scheme
 * descriptor, dispatch each to its operation, write the batch of
 * responses back (abi/scheme.h is the protocol).
 *
 * An operation returns its result (>= 0, or -errno) at once, or
 * SCHEME_PENDING when it cannot answer yet (a read with nothing to read);
 * it then keeps scheme_call_t.tag and answers later with scheme_respond()
 * from another operation (the write that brings the data). A caller that
 * gives up (a signal, or it died) makes the kernel send CANCEL: the
 * library calls ops->cancel(tag) so the daemon forgets the pending call.
 * Readiness changes are announced with scheme_notify().
 *
 * Answers and notifications go to an outbox that the loop flushes after
 * each batch. dispatch.c (this file's pure half: decoding, dispatching,
 * the outbox) builds on the host, so daemon logic is unit-tested there by
 * feeding requests to scheme_dispatch() and reading scheme_outbox_take();
 * server.c is the half that makes system calls.
 */
#pragma once

#include <abi/scheme.h>
#include <abi/stat.h>
#include <stddef.h>
#include <stdint.h>

#define SCHEME_PENDING (-0x10000L)

/* Who is calling, and the request's identity (valid during the call). */
typedef struct scheme_call {
	uint64_t tag;
	int pid;
	unsigned uid, gid;
	int pgid, sid;          /* the caller's process group and session */
	unsigned file_flags;    /* READ/WRITE: the file's O_* flags (O_NONBLOCK) */
	unsigned mode;          /* OPEN: the mode for O_CREAT, umask applied */
	unsigned events;        /* OPEN/DUP, out: the new handle's readiness */
} scheme_call_t;

typedef struct scheme_ops {
	/* Returns the new handle (>= 0). */
	long (*open)(void *st, scheme_call_t *c, const char *path, int flags);
	long (*dup)(void *st, scheme_call_t *c, uint64_t h, const char *path);
	/* No answer goes back; the handle is gone whatever it returns. */
	void (*close)(void *st, scheme_call_t *c, uint64_t h);
	long (*read)(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len);
	long (*write)(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len);
	long (*seek)(void *st, scheme_call_t *c, uint64_t h, int64_t off, int whence);
	long (*fstat)(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out);
	long (*fstatvfs)(void *st, scheme_call_t *c, uint64_t h, abi_statvfs_t *out);
	long (*fsync)(void *st, scheme_call_t *c, uint64_t h);
	long (*ftruncate)(void *st, scheme_call_t *c, uint64_t h, uint64_t len);
	long (*fchmod)(void *st, scheme_call_t *c, uint64_t h, unsigned mode);
	long (*fchown)(void *st, scheme_call_t *c, uint64_t h, unsigned uid, unsigned gid);
	long (*getdents)(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len);
	/* times[0] atime, times[1] mtime, each an abi_timespec_t (UTIME_NOW/OMIT). */
	long (*futimens)(void *st, scheme_call_t *c, uint64_t h, const void *times);
	long (*unlink)(void *st, scheme_call_t *c, const char *path);
	long (*rmdir)(void *st, scheme_call_t *c, const char *path);
	long (*rename)(void *st, scheme_call_t *c, const char *from, const char *to);
	/* A new name `to` for the file `from` (both paths in this scheme). */
	long (*link)(void *st, scheme_call_t *c, const char *from, const char *to);
	/* Creates path as a symbolic link holding target. */
	long (*symlink)(void *st, scheme_call_t *c, const char *target, const char *path);
	/* Returns the EVENT_* readiness of h now. */
	long (*fevent)(void *st, scheme_call_t *c, uint64_t h, unsigned wanted);
	/*
	 * Returns the address of a MAP_SHARED area of this daemon holding
	 * the bytes at `offset` of h, at least len long; the kernel maps
	 * the same pages into the caller.
	 */
	long (*mmap)(void *st, scheme_call_t *c, uint64_t h, uint64_t offset, size_t len,
		     int prot);
	/* A call answered SCHEME_PENDING will not be answered after all. */
	void (*cancel)(void *st, uint64_t tag);
} scheme_ops_t;

#define SCHEME_OUTBOX_MAX 256

typedef struct scheme_server {
	int fd;                         /* the scheme descriptor; -1 on the host */
	const scheme_ops_t *ops;
	void *state;
	abi_scheme_response_t outbox[SCHEME_OUTBOX_MAX];
	unsigned outbox_count;
	unsigned long served;           /* requests dispatched so far */
	/* Empties a full outbox (server.c: writes it to the kernel). */
	int (*flush)(struct scheme_server *s);
} scheme_server_t;

/* A server with no descriptor (host tests; scheme_open sets fd). */
void scheme_server_init(scheme_server_t *s, const scheme_ops_t *ops, void *state);

/* Dispatches one request; its answer (if any now) goes to the outbox. */
void scheme_dispatch(scheme_server_t *s, const abi_scheme_request_t *req);

/* Answers a call left SCHEME_PENDING; -ENOSPC when the outbox is full
 * (and cannot be flushed). */
int scheme_respond(scheme_server_t *s, uint64_t tag, long result);
/* Announces h's readiness (EVENT_READ | EVENT_WRITE as ready now). */
int scheme_notify(scheme_server_t *s, uint64_t h, unsigned events);

/* Moves up to max responses out of the outbox into out; how many. */
unsigned scheme_outbox_take(scheme_server_t *s, abi_scheme_response_t *out, unsigned max);

/* --- server.c: running for real (Tessera only) ------------------------- */

/* Registers scheme `name` (opens ":name"); 0 or -errno. */
int scheme_open(scheme_server_t *s, const char *name);
/*
 * Tells whoever started the daemon that it is serving: writes one byte
 * to the descriptor named by $SCHEME_READY_FD, if set, and closes it.
 */
void scheme_ready(void);
/* Serves requests until the scheme descriptor fails; returns -errno. */
int scheme_run(scheme_server_t *s);
/*
 * Serves several schemes from one thread (a daemon providing more than
 * one): waits on an event: queue for whichever scheme descriptor has
 * requests and serves a batch of it. Returns -errno when one fails.
 */
int scheme_run_many(scheme_server_t *const *servers, unsigned count);
/* Writes the outbox to the kernel now (scheme_run does it per batch). */
int scheme_flush(scheme_server_t *s);
