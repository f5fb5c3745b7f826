// SPDX-License-Identifier: MIT
/*
 * The job table as jobs.c and the job builtins (bi_jobs.c) share it.
 * A job is its processes (a pipeline has several), its process group
 * (with job control) and the text `jobs` shows. Statuses come from
 * waitpid through job_record; a job is running while one of its
 * processes is neither done nor stopped.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>
#include <termios.h>

#include "jobs.h"

typedef struct proc {
	pid_t pid;
	int wstatus;
	bool done, stopped;
} proc_t;

struct job {
	int id;
	pid_t pgid;		/* 0 until the first process, or without job control */
	proc_t *procs;
	int nprocs, cap;
	char *cmd;
	bool background;	/* started with & (or bg): reported when done */
	bool changed;		/* finished or stopped since last reported */
	bool have_tmodes;
	struct termios tmodes;	/* the terminal as the job left it when stopped */
	unsigned long seq;
};

extern job_t **job_table;	/* by job number - 1, with holes */
extern int job_count;		/* slots used in job_table */
extern unsigned long job_seq;	/* for the current (%+) and previous (%-) job */

void job_free(job_t *j);
bool job_running(const job_t *j);
bool job_done(const job_t *j);
/* The job's status: its last process's, or with pipefail the last failure. */
int job_status(const job_t *j);
/* The current job (0) or the previous one (1), or NULL. */
job_t *job_current(int which);
/* '+', '-' or ' ' as `jobs` marks the job. */
char job_mark(const job_t *j);
/* Records a status that waitpid returned in the job that owns pid. */
void job_record(pid_t pid, int ws);
/* One line about a job: to the builtin's output (`jobs`), or stderr (reports). */
void job_print(const job_t *j, bool with_pid, bool to_stderr);
