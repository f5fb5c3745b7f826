// SPDX-License-Identifier: MIT
/*
 * A process's descriptor table: small integers naming open files, each
 * with its own close-on-exec flag. Shared by the process's threads,
 * copied by fork (the files are shared, reference counted), trimmed at
 * exec, emptied at exit. All under the table's lock.
 */
#pragma once

#include <scheme.h>
#include <spinlock.h>
#include <stdbool.h>

#define FD_MAX 256

typedef struct fd_table {
	spinlock_t lock;
	file_t *files[FD_MAX];          /* guarded by lock */
	uint8_t cloexec[FD_MAX];        /* guarded by lock */
} fd_table_t;

struct process;

/* Lowest free descriptor >= min for f (takes over the caller's reference). */
int fd_install(struct process *p, file_t *f, int min, bool cloexec);
/* The file behind fd with a reference for the caller, or NULL. */
file_t *fd_get(struct process *p, int fd);
int fd_close(struct process *p, int fd);
/* Closes fd only if it still holds `expected` (undoing our own install). */
int fd_close_if(struct process *p, int fd, file_t *expected);
int fd_dup2(struct process *p, int oldfd, int newfd, bool cloexec);
int fd_get_cloexec(struct process *p, int fd);
int fd_set_cloexec(struct process *p, int fd, bool on);
void fd_table_copy(struct process *from, struct process *to);
void fd_close_on_exec(struct process *p);
void fd_close_all(struct process *p);
