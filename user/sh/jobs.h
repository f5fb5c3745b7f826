// SPDX-License-Identifier: MIT
/*
 * Jobs: every command the shell forks belongs to one (a pipeline is one
 * job of several processes). With job control (set -m, on by default in
 * interactive shells) each job runs in its own process group, and a
 * foreground job is given the terminal (tcsetpgrp) and the shell takes it
 * back when the job finishes or stops. Without it, jobs stay in the
 * shell's group and asynchronous ones ignore SIGINT and SIGQUIT.
 *
 * The shell reaps children with waitpid(-1): every status that comes back
 * is recorded in the job that owns the process, so waiting for one job
 * also notices others finishing. Background jobs that finish are reported
 * before the next prompt ("[1]+  Done  cmd") and then forgotten.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

#include "ast.h"

typedef struct job job_t;

typedef enum fork_mode {
	FORK_FG,	/* a foreground job */
	FORK_BG,	/* an asynchronous job (&) */
	FORK_NOJOB,	/* a command substitution: no process group of its own */
} fork_mode_t;

/* Sets up job control for an interactive shell (terminal, process group, signals). */
void jobs_init(void);
/* set -m / set +m. */
void jobs_set_monitor(bool on);
/* Before the shell exits: gives the terminal back to the group that had it. */
void jobs_shutdown(void);

/* A new job for the command n (its text is what `jobs` shows). */
job_t *job_new(const node_t *n, bool background);
job_t *job_new_text(const char *text, bool background);
/*
 * Forks a process of job j (NULL for FORK_NOJOB). In the child (0 returned)
 * the shell is a subshell: process group and terminal set for job control,
 * signals as a command expects them, no jobs, no error handlers.
 */
pid_t sh_fork(job_t *j, fork_mode_t mode);
/* Waits for a foreground job to finish or stop; returns its status. */
int job_wait_fg(job_t *j);
/* Waits for one process forked with FORK_NOJOB; returns its status. */
int wait_pid_status(pid_t pid);
/* The pid of the job's last process (for $!). */
pid_t job_last_pid(const job_t *j);
int job_id(const job_t *j);

/* Collects the status of children that changed, without blocking. */
void jobs_reap(void);
/* Reports background jobs that finished or stopped (interactive, before a prompt). */
void jobs_notify(void);

/* Converts a wait status to an exit status (128 + signal for a signal). */
int status_from_wait(int wstatus);

/* The builtins that need the job table. */
int bi_jobs(int argc, char **argv);
int bi_fg(int argc, char **argv);
int bi_bg(int argc, char **argv);
int bi_wait(int argc, char **argv);
/* kill's target: %job to its process group (or processes), else a pid. */
int jobs_kill(const char *target, int sig);
