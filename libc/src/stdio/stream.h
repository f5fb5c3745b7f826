// SPDX-License-Identifier: MIT
/*
 * The FILE object and the stdio internals shared by the files of libc/src/stdio.
 *
 * A stream is in one of three directions: idle, reading or writing. While
 * reading, [rpos, rend) is input not yet consumed; while writing,
 * [buf, wpos) is output not yet delivered. The character fast paths are a
 * single comparison: getc takes *rpos while rpos < rend, putc stores at
 * wpos while wpos < wend. Whatever the direction, the pointers of the
 * other one are equal, so those tests fail and the slow path switches
 * direction (flushing output, or giving unread input back with a seek)
 * as C17 7.21.5.3 allows around fflush and the positioning calls.
 * Line-buffered and unbuffered streams keep wend == buf so that each putc
 * takes the slow path, which sends lines (or everything) at once.
 *
 * ungetc does not write into the buffer (which may be the caller's, for
 * setvbuf): pushed-back bytes go to a small array, and [rpos, rend) points
 * there until they are consumed; the buffer's window waits in saved_rpos,
 * saved_rend.
 *
 * Descriptor streams use stdio_fd_ops; memory streams and popen bring
 * their own. The operations follow read/write/lseek/close: a result, or -1
 * with errno set.
 *
 * Locking: every public function takes f->lock (recursive, so a caller
 * holding flockfile can call them) and does its work in a *_locked or
 * *_unlocked function. The list of open streams has its own lock, taken
 * before any stream's lock, never after.
 */
#pragma once

#include <stdio.h>
#include <sys/types.h>

#define STDIO_UNGET_MAX 8

/* f->flags */
#define STDIO_CAN_READ  0x001
#define STDIO_CAN_WRITE 0x002
#define STDIO_EOF       0x004
#define STDIO_ERROR     0x008
#define STDIO_APPEND    0x010
#define STDIO_OWN_BUF   0x020  /* buf came from malloc: free it */
#define STDIO_STATIC    0x040  /* stdin/stdout/stderr: never freed */
#define STDIO_UNGOT     0x080  /* [rpos, rend) is in unget[] */
#define STDIO_TTY_CHECK 0x100  /* stdout: choose line/full buffering at first write */
#define STDIO_CLOSED    0x200  /* a standard stream after fclose */

/* f->io */
#define STDIO_IO_IDLE  0
#define STDIO_IO_READ  1
#define STDIO_IO_WRITE 2

typedef struct stdio_ops {
	ssize_t (*read)(FILE *f, void *buf, size_t n);
	ssize_t (*write)(FILE *f, const void *buf, size_t n);
	off_t (*seek)(FILE *f, off_t offset, int whence);
	int (*close)(FILE *f);
} stdio_ops_t;

/*
 * A recursive lock: state is 0 (free), 1 (held) or 2 (held, maybe
 * waiters: unlock must wake). owner is the holder's thread pointer.
 */
typedef struct stdio_lock {
	volatile int state;
	int count;
	void *volatile owner;
} stdio_lock_t;

struct libc_file {
	unsigned char *rpos, *rend;    /* input not yet consumed */
	unsigned char *wpos, *wend;    /* next output byte; fast-path limit */
	unsigned char *buf;
	size_t size;                   /* of buf; 0 until allocated */
	unsigned flags;                /* STDIO_* */
	int io;                        /* STDIO_IO_* */
	int mode;                      /* _IOFBF, _IOLBF or _IONBF */
	int fd;                        /* -1 if none */
	const stdio_ops_t *ops;
	void *cookie;                  /* the ops' state */
	pid_t pid;                     /* popen's child, else 0 */
	unsigned char *saved_rpos, *saved_rend;
	unsigned char unget[STDIO_UNGET_MAX];
	unsigned char tiny;            /* the buffer of an unbuffered stream */
	stdio_lock_t lock;
	/* The open-streams list; guarded by the list lock. */
	FILE *prev, *next;
};

extern const stdio_ops_t stdio_fd_ops;
/* stdio_fd_ops' members: read and write retry on EINTR. */
ssize_t stdio_fd_read(FILE *f, void *buf, size_t n);
ssize_t stdio_fd_write(FILE *f, const void *buf, size_t n);
off_t stdio_fd_seek(FILE *f, off_t offset, int whence);
int stdio_fd_close(FILE *f);

/* --- locks (lock.c) --- */
void stdio_lock_take(stdio_lock_t *l);
int stdio_lock_try(stdio_lock_t *l);
void stdio_lock_drop(stdio_lock_t *l);
#define STDIO_LOCK(f)   stdio_lock_take(&(f)->lock)
#define STDIO_UNLOCK(f) stdio_lock_drop(&(f)->lock)

/* --- the open-streams list (file.c) --- */
void stdio_list_lock(void);
void stdio_list_unlock(void);
FILE *stdio_list_first_locked(void);
void stdio_list_add(FILE *f);
/* A zeroed stream with ops, on the list, or NULL (ENOMEM). */
FILE *stdio_file_new(int fd, unsigned flags, const stdio_ops_t *ops, void *cookie);
/* Takes f off the list and frees it (its lock must not be held by others). */
void stdio_file_free(FILE *f);

/* --- buffers and directions (buffer.c); f locked --- */
int stdio_flush_locked(FILE *f);
int stdio_begin_read(FILE *f);
int stdio_begin_write(FILE *f);
/* Bytes read ahead (buffer and pushback) that the descriptor is past. */
size_t stdio_unread(const FILE *f);
/* Forgets read-ahead input (and pushback). */
void stdio_drop_input(FILE *f);
/* Refills [rpos, rend); 0, or EOF with the EOF or error indicator set. */
int stdio_refill(FILE *f);
/* Sends n bytes through the buffer; returns how many it took. */
size_t stdio_put(FILE *f, const void *s, size_t n);
int stdio_getc_slow(FILE *f);
int stdio_putc_slow(FILE *f, int c);
int stdio_ungetc_unlocked(int c, FILE *f);
/* Offset of the stream's next byte, or -1 (f locked). */
off_t stdio_tell_locked(FILE *f);
int stdio_seek_locked(FILE *f, off_t offset, int whence);

/* The pthread fork wrapper's hook: 0 before fork, 1 parent, 2 child. */
void __stdio_atfork(int phase);

/* --- modes (fopen.c) --- */
/* open(2) flags for an fopen mode, or -1 (EINVAL). */
int stdio_mode_flags(const char *mode);
/* STDIO_CAN_* and STDIO_APPEND for open(2) flags. */
unsigned stdio_flags_for(int oflags);
