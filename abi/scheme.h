// SPDX-License-Identifier: MIT
/*
 * The scheme protocol between the kernel and a userspace daemon
 * (docs/schemes.md, "Userspace schemes").
 *
 * A privileged daemon opens ":NAME" and gets a scheme descriptor. Reading
 * it returns whole abi_scheme_request_t records, as many as fit and are
 * queued (at least one: a read blocks until a request comes, unless the
 * descriptor is O_NONBLOCK). Writing it takes whole abi_scheme_response_t
 * records, any number per call. Each request is answered by one response
 * with the request's tag, in any order; CLOSE and CANCEL need none.
 *
 * A request's buffer (buf, len) is in the daemon's own address space and
 * valid until the daemon answers it: the kernel copied the caller's bytes
 * there, or — for large buffers — mapped the caller's pages there (zero
 * copy; writable for READ-like calls, read-only for WRITE-like ones).
 * Where a call returns data (READ, FSTAT, GETDENTS...) the daemon writes
 * it into buf before it answers; `result` says how many bytes are valid.
 */
#pragma once

#include <stdint.h>

#define SCHEME_OP_LIST(X)                                                     \
	X(OPEN, 1)      /* buf: path (NUL-terminated); arg0: O_* flags;       \
			 * arg1: mode for O_CREAT (the caller's umask applied). \
			 * result: the new handle; events: its readiness */   \
	X(CLOSE, 2)     /* handle; no response wanted */                       \
	X(READ, 3)      /* buf, len; arg1: the file's O_* flags */             \
	X(WRITE, 4)     /* buf, len; arg1: the file's O_* flags */             \
	X(SEEK, 5)      /* arg0: offset; arg1: whence. result: new offset */  \
	X(FSTAT, 6)     /* buf: abi_stat_t to fill */                         \
	X(FSTATVFS, 7)  /* buf: abi_statvfs_t to fill */                      \
	X(FSYNC, 8)                                                           \
	X(FTRUNCATE, 9) /* arg0: length */                                    \
	X(FCHMOD, 10)   /* arg0: mode */                                      \
	X(FCHOWN, 11)   /* arg0: uid; arg1: gid */                            \
	X(FUTIMENS, 12) /* buf: two abi_timespec_t (atime, mtime) */          \
	X(GETDENTS, 13) /* buf, len: abi_dirent_t records to fill */          \
	X(UNLINK, 14)   /* buf: path */                                       \
	X(RMDIR, 15)    /* buf: path */                                       \
	X(RENAME, 16)   /* buf: "old\0new\0" */                               \
	X(DUP, 17)      /* handle; buf: a path relative to it ("" = same).    \
			 * result: a new handle; events: its readiness */     \
	X(FEVENT, 18)   /* arg0: EVENT_* wanted. result: EVENT_* ready */     \
	X(MMAP, 19)     /* arg0: offset; arg1: PROT_*; len. result: the       \
			 * address of a MAP_SHARED area in the daemon whose     \
			 * pages the caller gets */                           \
	X(CANCEL, 20)   /* arg0: tag of a request whose caller went away;     \
			 * no response wanted (one to the old tag is ignored) */ \
	X(LINK, 21)     /* buf: "existing\0new\0": a hard link */             \
	X(SYMLINK, 22)  /* buf: "target\0path\0": path becomes a symbolic     \
			 * link whose contents are target (any string) */

enum scheme_opcode {
#define SCHEME_OP_ENUM(name, num) SCHEME_OP_##name = num,
	SCHEME_OP_LIST(SCHEME_OP_ENUM)
#undef SCHEME_OP_ENUM
	SCHEME_OP_MAX = 21
};

typedef struct abi_scheme_request {
	uint64_t tag;           /* the kernel's; copied into the response */
	uint16_t opcode;        /* SCHEME_OP_* */
	uint16_t flags;         /* SCHEME_REQ_* */
	int32_t pid;            /* the caller */
	uint32_t uid, gid;
	int32_t pgid, sid;      /* the caller's process group and session */
	uint32_t reserved;
	uint64_t handle;        /* the daemon's handle (from OPEN or DUP) */
	uint64_t buf;           /* in the daemon's address space; 0 if none */
	uint64_t len;
	uint64_t arg[2];
} abi_scheme_request_t;

/* The buffer is the caller's own pages, mapped (zero copy). */
#define SCHEME_REQ_MAPPED 0x1

typedef struct abi_scheme_response {
	uint64_t tag;           /* SCHEME_RESP_DONE: the request's tag */
	int64_t result;         /* >= 0, or -errno */
	uint64_t handle;        /* SCHEME_RESP_EVENT: the handle */
	uint16_t kind;          /* SCHEME_RESP_* */
	uint16_t reserved;      /* 0 */
	uint32_t events;        /* OPEN, DUP: readiness of the new handle;
				 * EVENT: the handle's readiness now */
} abi_scheme_response_t;

#define SCHEME_RESP_DONE  0     /* answers request `tag` */
#define SCHEME_RESP_EVENT 1     /* `handle`'s readiness changed to `events` */

_Static_assert(sizeof(abi_scheme_request_t) == 80, "part of the ABI");
_Static_assert(sizeof(abi_scheme_response_t) == 32, "part of the ABI");

/* Buffers up to this size are copied; larger ones are mapped. */
#define SCHEME_COPY_MAX 4096
