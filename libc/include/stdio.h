// SPDX-License-Identifier: MIT
/*
 * Standard buffered I/O (C17 7.21, POSIX.1-2024 <stdio.h>).
 *
 * A FILE is opaque: a descriptor (or, for fmemopen, open_memstream and
 * popen, a small table of operations), a buffer, a buffering mode, the
 * error and end-of-file indicators and a recursive lock. Every function
 * locks the stream for the whole call, so threads may share a stream and
 * one printf never interleaves with another; the *_unlocked forms skip the
 * lock for callers that hold it through flockfile.
 *
 * stdout is line buffered on a terminal (and when that cannot be told),
 * fully buffered otherwise; stderr is unbuffered, though one printf still
 * reaches it as one write; files are fully buffered. exit() flushes every
 * stream; _exit() does not. The libc/src/stdio/ sources explain the rest.
 */
#pragma once

#define __need_size_t
#define __need_NULL
#include <stddef.h>
#define __need___va_list
#include <stdarg.h>

typedef struct libc_file FILE;

/* A position is an offset: streams have no multibyte shift state. */
typedef struct {
	__INT64_TYPE__ __offset;
} fpos_t;

/* The same types as <stdarg.h>'s and <sys/types.h>'s: C11 allows the
 * repeated typedef, and POSIX wants them here without the rest. */
typedef __gnuc_va_list va_list;
typedef __INT64_TYPE__ off_t;
typedef __INT64_TYPE__ ssize_t;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

#define EOF    (-1)
#define BUFSIZ 8192

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#define SEEK_SET 0
#define SEEK_CUR 1
#define SEEK_END 2

#define FILENAME_MAX 1024
#define FOPEN_MAX    16
#define TMP_MAX      238328
#define L_tmpnam     32
#define L_ctermid    16
#define P_tmpdir     "/tmp"

#define __LIBC_PRINTF(fmt_index, first) \
	__attribute__((format(printf, fmt_index, first)))
#define __LIBC_SCANF(fmt_index, first) \
	__attribute__((format(scanf, fmt_index, first)))

/* Opening and closing. */
FILE *fopen(const char *restrict path, const char *restrict mode);
FILE *fdopen(int fd, const char *mode);
FILE *freopen(const char *restrict path, const char *restrict mode,
	      FILE *restrict f);
int fclose(FILE *f);
FILE *fmemopen(void *restrict buf, size_t size, const char *restrict mode);
FILE *open_memstream(char **ptr, size_t *sizeloc);
FILE *popen(const char *command, const char *mode);
int pclose(FILE *f);
FILE *tmpfile(void);
char *tmpnam(char *s);
char *ctermid(char *s);
int remove(const char *path);
int rename(const char *from, const char *to);
int renameat(int fromfd, const char *from, int tofd, const char *to);

/* Buffering. */
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void setbuf(FILE *restrict f, char *restrict buf);
void setbuffer(FILE *restrict f, char *restrict buf, size_t size);
void setlinebuf(FILE *f);

/* Characters, lines and blocks. */
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
int ungetc(int c, FILE *f);
char *fgets(char *restrict s, int size, FILE *restrict f);
ssize_t getdelim(char **restrict line, size_t *restrict size, int delim,
		 FILE *restrict f);
ssize_t getline(char **restrict line, size_t *restrict size, FILE *restrict f);
size_t fread(void *restrict p, size_t size, size_t n, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);

/* Positioning. */
int fseek(FILE *f, long offset, int whence);
int fseeko(FILE *f, off_t offset, int whence);
long ftell(FILE *f);
off_t ftello(FILE *f);
void rewind(FILE *f);
int fgetpos(FILE *restrict f, fpos_t *restrict pos);
int fsetpos(FILE *f, const fpos_t *pos);

/* State. */
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);
int fileno(FILE *f);
void perror(const char *s);

/* Locking: recursive, per stream. */
void flockfile(FILE *f);
int ftrylockfile(FILE *f);
void funlockfile(FILE *f);
int getc_unlocked(FILE *f);
int getchar_unlocked(void);
int putc_unlocked(int c, FILE *f);
int putchar_unlocked(int c);
/* The BSD/GNU extensions of the same idea. */
int fgetc_unlocked(FILE *f);
int fputc_unlocked(int c, FILE *f);
int feof_unlocked(FILE *f);
int ferror_unlocked(FILE *f);
void clearerr_unlocked(FILE *f);
int fileno_unlocked(FILE *f);
int fflush_unlocked(FILE *f);
char *fgets_unlocked(char *restrict s, int size, FILE *restrict f);
int fputs_unlocked(const char *restrict s, FILE *restrict f);
size_t fread_unlocked(void *restrict p, size_t size, size_t n, FILE *restrict f);
size_t fwrite_unlocked(const void *restrict p, size_t size, size_t n,
		       FILE *restrict f);

/* Formatted output. */
int printf(const char *restrict fmt, ...) __LIBC_PRINTF(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __LIBC_PRINTF(2, 3);
int dprintf(int fd, const char *restrict fmt, ...) __LIBC_PRINTF(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __LIBC_PRINTF(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__LIBC_PRINTF(3, 4);
int asprintf(char **restrict strp, const char *restrict fmt, ...) __LIBC_PRINTF(2, 3);
int vprintf(const char *restrict fmt, va_list ap) __LIBC_PRINTF(1, 0);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap) __LIBC_PRINTF(2, 0);
int vdprintf(int fd, const char *restrict fmt, va_list ap) __LIBC_PRINTF(2, 0);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap) __LIBC_PRINTF(2, 0);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap)
	__LIBC_PRINTF(3, 0);
int vasprintf(char **restrict strp, const char *restrict fmt, va_list ap)
	__LIBC_PRINTF(2, 0);

/* Formatted input. */
int scanf(const char *restrict fmt, ...) __LIBC_SCANF(1, 2);
int fscanf(FILE *restrict f, const char *restrict fmt, ...) __LIBC_SCANF(2, 3);
int sscanf(const char *restrict s, const char *restrict fmt, ...) __LIBC_SCANF(2, 3);
int vscanf(const char *restrict fmt, va_list ap) __LIBC_SCANF(1, 0);
int vfscanf(FILE *restrict f, const char *restrict fmt, va_list ap) __LIBC_SCANF(2, 0);
int vsscanf(const char *restrict s, const char *restrict fmt, va_list ap)
	__LIBC_SCANF(2, 0);
