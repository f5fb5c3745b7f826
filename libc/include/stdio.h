// SPDX-License-Identifier: MIT
/*
 * Buffered streams over descriptors, and printf built on lib/fmt.c (so no
 * floating-point conversions yet: "%f" is copied literally, as fmt does).
 *
 * stdout is line buffered (a full line goes out in one write), stderr is
 * unbuffered but each printf still reaches the descriptor in as few
 * writes as possible, stdin is fully buffered. exit() flushes every
 * stream; _exit() does not, so flush before fork() what the child must not
 * print again. Streams are not locked: one thread per stream for now.
 */
#pragma once

#include <stdarg.h>
#include <stddef.h>

typedef struct libc_file FILE;

extern FILE *stdin;
extern FILE *stdout;
extern FILE *stderr;
#define stdin  stdin
#define stdout stdout
#define stderr stderr

#define EOF    (-1)
#define BUFSIZ 1024

#define _IOFBF 0
#define _IOLBF 1
#define _IONBF 2

#define __LIBC_FORMAT(fmt_index, first) \
	__attribute__((format(printf, fmt_index, first)))

int printf(const char *restrict fmt, ...) __LIBC_FORMAT(1, 2);
int fprintf(FILE *restrict f, const char *restrict fmt, ...) __LIBC_FORMAT(2, 3);
int sprintf(char *restrict buf, const char *restrict fmt, ...) __LIBC_FORMAT(2, 3);
int snprintf(char *restrict buf, size_t size, const char *restrict fmt, ...)
	__LIBC_FORMAT(3, 4);
int vprintf(const char *restrict fmt, va_list ap);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap);
int vsnprintf(char *restrict buf, size_t size, const char *restrict fmt, va_list ap);

int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
int puts(const char *s);
size_t fwrite(const void *restrict p, size_t size, size_t n, FILE *restrict f);
int fflush(FILE *f);
int setvbuf(FILE *restrict f, char *restrict buf, int mode, size_t size);
void perror(const char *s);
int rename(const char *from, const char *to);

int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
char *fgets(char *restrict s, int size, FILE *restrict f);

int fileno(FILE *f);
int ferror(FILE *f);
int feof(FILE *f);
void clearerr(FILE *f);
