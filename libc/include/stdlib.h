// SPDX-License-Identifier: MIT
/*
 * General utilities: process exit, memory allocation, number conversion,
 * sorting and searching, random numbers, the environment, temporary
 * files, multibyte characters (POSIX.1-2024 <stdlib.h>, plus the common
 * extensions programs expect: clearenv, mkstemps, malloc_usable_size).
 *
 * malloc (libc/src/malloc.c) keeps size classes in mmap'd spans with a
 * cache per thread, and maps large blocks on their own. MB_CUR_MAX follows
 * the calling thread's LC_CTYPE: 1 in "C", 4 in "C.UTF-8". strtod and its
 * relatives are defined with the printf engine (libc/src/format/).
 */
#pragma once

#include <alloca.h>
#include <stddef.h>

#define EXIT_SUCCESS 0
#define EXIT_FAILURE 1
#define RAND_MAX     2147483647

size_t __libc_mb_cur_max(void);
#define MB_CUR_MAX (__libc_mb_cur_max())

/* The wait status macros, as <sys/wait.h> has them (for system()). */
#ifndef WEXITSTATUS
#define WEXITSTATUS(s)  (((s) >> 8) & 0xff)
#define WTERMSIG(s)     ((s) & 0x7f)
#define WSTOPSIG(s)     WEXITSTATUS(s)
#define WIFEXITED(s)    (WTERMSIG(s) == 0)
#define WIFSIGNALED(s)  (WTERMSIG(s) != 0 && WTERMSIG(s) != 0x7f)
#define WIFSTOPPED(s)   (((s) & 0xff) == 0x7f)
#endif

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

/* --- process exit --------------------------------------------------------- */
__attribute__((noreturn)) void exit(int status);
__attribute__((noreturn)) void _Exit(int status);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void quick_exit(int status);
int atexit(void (*fn)(void));
int at_quick_exit(void (*fn)(void));
int system(const char *command);

/* --- memory --------------------------------------------------------------- */
void *malloc(size_t size) __attribute__((malloc, alloc_size(1)));
void *calloc(size_t n, size_t size) __attribute__((malloc, alloc_size(1, 2)));
void *realloc(void *p, size_t size) __attribute__((alloc_size(2)));
void *reallocarray(void *p, size_t n, size_t size) __attribute__((alloc_size(2, 3)));
void free(void *p);
int posix_memalign(void **out, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size) __attribute__((malloc, alloc_size(2)));
void *valloc(size_t size) __attribute__((malloc, alloc_size(1)));
void *memalign(size_t align, size_t size) __attribute__((malloc, alloc_size(2)));
size_t malloc_usable_size(void *p);

/* --- numbers -------------------------------------------------------------- */
long strtol(const char *restrict s, char **restrict end, int base);
long long strtoll(const char *restrict s, char **restrict end, int base);
unsigned long strtoul(const char *restrict s, char **restrict end, int base);
unsigned long long strtoull(const char *restrict s, char **restrict end, int base);
double strtod(const char *restrict s, char **restrict end);
float strtof(const char *restrict s, char **restrict end);
long double strtold(const char *restrict s, char **restrict end);
double atof(const char *s);
int atoi(const char *s);
long atol(const char *s);
long long atoll(const char *s);
char *l64a(long value);
long a64l(const char *s);

int abs(int x) __attribute__((const));
long labs(long x) __attribute__((const));
long long llabs(long long x) __attribute__((const));
div_t div(int num, int den) __attribute__((const));
ldiv_t ldiv(long num, long den) __attribute__((const));
lldiv_t lldiv(long long num, long long den) __attribute__((const));

/* --- sorting and searching ------------------------------------------------ */
void qsort(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *));
void qsort_r(void *base, size_t n, size_t size,
	     int (*cmp)(const void *, const void *, void *), void *arg);
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/* --- random numbers ------------------------------------------------------- */
int rand(void);
void srand(unsigned seed);
int rand_r(unsigned *seed);
long random(void);
void srandom(unsigned seed);
char *initstate(unsigned seed, char *state, size_t size);
char *setstate(char *state);
double drand48(void);
double erand48(unsigned short xsubi[3]);
long lrand48(void);
long nrand48(unsigned short xsubi[3]);
long mrand48(void);
long jrand48(unsigned short xsubi[3]);
void srand48(long seed);
unsigned short *seed48(unsigned short seed16v[3]);
void lcong48(unsigned short param[7]);

/* --- the environment ------------------------------------------------------ */
char *getenv(const char *name);
char *secure_getenv(const char *name);
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);
int putenv(char *string);
int clearenv(void);
int getsubopt(char **restrict optionp, char *const *restrict tokens,
	      char **restrict valuep);

/* --- files ---------------------------------------------------------------- */
int mkstemp(char *template);
int mkostemp(char *template, int flags);
int mkstemps(char *template, int suffix_len);
int mkostemps(char *template, int suffix_len, int flags);
char *mkdtemp(char *template);
char *realpath(const char *restrict path, char *restrict resolved);

/* --- pseudo-terminals (libc/src/io/pty.c; the pty: scheme) ---------------- */
int posix_openpt(int flags);
int grantpt(int fd);
int unlockpt(int fd);
char *ptsname(int fd);
int ptsname_r(int fd, char *buf, size_t size);

/* --- multibyte characters ------------------------------------------------- */
int mblen(const char *s, size_t n);
int mbtowc(wchar_t *restrict wc, const char *restrict s, size_t n);
int wctomb(char *s, wchar_t wc);
size_t mbstowcs(wchar_t *restrict dst, const char *restrict src, size_t n);
size_t wcstombs(char *restrict dst, const wchar_t *restrict src, size_t n);
