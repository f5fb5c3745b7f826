// SPDX-License-Identifier: MIT
/*
 * Schemes and open files. A scheme is a named provider of resources
 * (`debug:`, `pipe:` in the kernel; daemons later) with a table of
 * operations; an operation a scheme leaves NULL fails with EOPNOTSUPP.
 * An open file (file_t) is one open of a resource: its scheme, the
 * scheme's handle, the open flags and an offset, shared by every
 * descriptor that dup or fork made from it (reference counted).
 *
 * Operations get user buffers as uptr_t and copy themselves, so a
 * scheme moves data once, straight between the user and its storage.
 */
#pragma once

#include <abi/fcntl.h>
#include <spinlock.h>
#include <stddef.h>
#include <stdint.h>
#include <uaccess.h>

typedef struct file file_t;
typedef struct scheme scheme_t;

typedef struct scheme_ops {
	/* Fills f->handle (and may adjust f->flags); -ENOENT etc. */
	int (*open)(scheme_t *s, const char *path, file_t *f);
	void (*close)(file_t *f);
	long (*read)(file_t *f, uptr_t buf, size_t len);
	long (*write)(file_t *f, uptr_t buf, size_t len);
	/* The new offset; schemes without one leave seek NULL (ESPIPE). */
	int64_t (*seek)(file_t *f, int64_t offset, int whence);
	int (*fstat)(file_t *f, abi_stat_t *st);
	/* EVENT_READ | EVENT_WRITE as ready now; NULL: always both. */
	unsigned (*poll)(file_t *f);
} scheme_ops_t;

#define SCHEME_NAME_MAX 32

struct scheme {
	char name[SCHEME_NAME_MAX];
	const scheme_ops_t *ops;
	void *priv;
	int id;                         /* index in the registry */
};

struct file {
	volatile int refs;
	scheme_t *scheme;
	void *handle;
	spinlock_t lock;
	int flags;                      /* O_ACCMODE, O_APPEND, O_NONBLOCK (guarded by lock) */
	int64_t offset;                 /* guarded by lock */
	char path[64];                  /* as opened, for fpath and messages */
};

/* Registers a kernel scheme; the name must be new. */
int scheme_register(const char *name, const scheme_ops_t *ops, void *priv);
scheme_t *scheme_lookup(const char *name);
const char *scheme_name(int id);

/* Opens url ("scheme:path") as a new file with one reference. */
int file_open(const char *url, int flags, file_t **out);
void file_get(file_t *f);
void file_put(file_t *f);
long file_read(file_t *f, uptr_t buf, size_t len);
long file_write(file_t *f, uptr_t buf, size_t len);
int64_t file_seek(file_t *f, int64_t offset, int whence);
int file_stat(file_t *f, abi_stat_t *st);

/* Readiness (abi/event.h) of f right now. */
unsigned file_poll(file_t *f);
/* Some file's readiness may have changed: event queues look again. */
void event_notify(void);

void scheme_debug_init(void);
void scheme_event_init(void);
void scheme_pipe_init(void);
void scheme_sys_init(void);
void scheme_proc_init(void);
/* A connected pipe: [0] reads, [1] writes. */
int pipe_create(int flags, file_t *ends[2]);
