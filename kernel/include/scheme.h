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
struct shm_object;

/* What a file's mmap provides: pages of a shared object, or (privileged
 * drivers) a physical range. */
typedef struct mmap_source {
	struct shm_object *obj;         /* with a reference for the caller */
	uint64_t first_page;            /* index of the offset's page in obj */
	uint64_t phys;                  /* obj NULL: the physical address */
	unsigned cache;                 /* obj NULL: MMAP_CACHE_* */
} mmap_source_t;

enum { MMAP_CACHE_WB, MMAP_CACHE_UC, MMAP_CACHE_WC };

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
	/* A new open relative to f (accept on a listener: path "accept"). */
	int (*dupat)(file_t *f, const char *path, file_t *nf);
	int (*fstatvfs)(file_t *f, abi_statvfs_t *st);
	int (*fsync)(file_t *f);
	int (*ftruncate)(file_t *f, uint64_t len);
	int (*fchmod)(file_t *f, unsigned mode);
	int (*fchown)(file_t *f, unsigned uid, unsigned gid);
	/* times[0] atime, times[1] mtime (abi_timespec_t) */
	int (*futimens)(file_t *f, const void *times);
	long (*getdents)(file_t *f, uptr_t buf, size_t len);
	int (*mmap)(file_t *f, uint64_t offset, uint64_t len, unsigned prot,
		    mmap_source_t *out);
	/* Keeps the scheme's provider alive across a call by name (get) and
	 * lets it go (!get); NULL for schemes that never go away. */
	void (*hold)(scheme_t *s, bool get);
	/* By name, within the scheme: */
	int (*unlink)(scheme_t *s, const char *path);
	int (*rmdir)(scheme_t *s, const char *path);
	int (*rename)(scheme_t *s, const char *from, const char *to);
	int (*link)(scheme_t *s, const char *from, const char *to);
	/* target is any string, not a URL; path names the new link. */
	int (*symlink)(scheme_t *s, const char *target, const char *path);
} scheme_ops_t;

#define SCHEME_NAME_MAX 32
/* The longest URL a call takes, its NUL included (libc's PATH_MAX). */
#define SCHEME_URL_MAX 1024

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
	int open_flags;                 /* as given to open (O_CREAT, O_EXCL...) */
	unsigned create_mode;           /* open's mode, umask applied (O_CREAT) */
	int64_t offset;                 /* guarded by lock */
	char path[SCHEME_URL_MAX];      /* as opened, for fpath and messages */
};

/* Registers a kernel scheme; the name must be new. */
int scheme_register(const char *name, const scheme_ops_t *ops, void *priv);
/*
 * Enters s (filled in by the caller: name, ops, priv) in the registry.
 * A name that was registered before and freed gets its old id back, so
 * namespaces that held it see the new provider. -EEXIST if live.
 */
int scheme_add(scheme_t *s);
/* Frees s's name (its provider is gone); files on s stay until closed. */
void scheme_remove(scheme_t *s);
scheme_t *scheme_lookup(const char *name);
/*
 * Resolves "name:path" in the caller's namespace; the path part in *path.
 * The scheme is held (ops->hold) until scheme_release.
 */
scheme_t *scheme_resolve(const char *url, const char **path);
void scheme_release(scheme_t *s);
/* The registry id of a live scheme, or -1. */
int scheme_id(const char *name);
const char *scheme_name(int id);

/* Opens url ("scheme:path") as a new file with one reference. */
int file_open(const char *url, int flags, file_t **out);
/* The same with the mode a created file gets (umask already applied). */
int file_open_mode(const char *url, int flags, unsigned mode, file_t **out);
void file_get(file_t *f);
void file_put(file_t *f);
long file_read(file_t *f, uptr_t buf, size_t len);
long file_write(file_t *f, uptr_t buf, size_t len);
int64_t file_seek(file_t *f, int64_t offset, int whence);
int file_stat(file_t *f, abi_stat_t *st);
/* Opening ":name" registers a userspace scheme (uscheme.c). */
int uscheme_register_open(const char *name, int flags, file_t **out);
/* A new file opened relative to f (scheme dupat). */
int file_dupat(file_t *f, const char *path, int flags, file_t **out);

/* Readiness (abi/event.h) of f right now. */
unsigned file_poll(file_t *f);
/* Some file's readiness may have changed: event queues look again. */
void event_notify(void);

void scheme_debug_init(void);
void scheme_event_init(void);
void scheme_pipe_init(void);
void scheme_sys_init(void);
void scheme_initfs_init(void);
void scheme_proc_init(void);
void scheme_memory_init(void);
void scheme_time_init(void);
/* Fires due time: timers (CPU 0's timer tick). */
void time_tick(void);
void scheme_irq_init(void);
/* A connected pipe: [0] reads, [1] writes. */
int pipe_create(int flags, file_t *ends[2]);
