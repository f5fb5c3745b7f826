// SPDX-License-Identifier: MIT
/*
 * The job table (jobs.h), forking and waiting, job control's terminal
 * handling; the builtins that use the table are in bi_jobs.c. Jobs sit in
 * an array indexed by job number - 1, with holes. The current job (%+) is the one most recently started in
 * the background, stopped or brought to the foreground (the highest
 * `seq`), the previous (%-) the one before it.
 */
#include "jobs.h"
#include "jobs_int.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "builtin.h"
#include "redir.h"
#include "sh.h"
#include "trap.h"

job_t **job_table;
int job_count;
unsigned long job_seq;
static pid_t orig_pgrp = -1;	/* the terminal's group before the shell took it */
static struct termios shell_tmodes;
static bool have_shell_tmodes;

/* --- the table ------------------------------------------------------- */

job_t *job_new(const node_t *n, bool background)
{
	stk_mark_t m = stk_mark();
	job_t *j = job_new_text(node_to_text(n), background);

	stk_release(m);
	return j;
}

/*
 * A script that starts many background jobs and never waits must not
 * grow the table without end: beyond JOBS_KEEP entries, finished jobs
 * nobody asked about are forgotten (oldest first).
 */
#define JOBS_KEEP 256


static void jobs_prune(void)
{
	if (job_count < JOBS_KEEP)
		return;
	jobs_reap();
	for (int i = 0; i < job_count && job_count >= JOBS_KEEP; i++)
		if (job_table[i] && job_done(job_table[i]))
			job_free(job_table[i]);
}

job_t *job_new_text(const char *text, bool background)
{
	int slot = 0;

	jobs_prune();
	while (slot < job_count && job_table[slot])
		slot++;
	if (slot == job_count) {
		job_table = xrealloc(job_table, (size_t)(job_count + 1) * sizeof(*job_table));
		job_table[job_count++] = NULL;
	}
	job_t *j = xcalloc(1, sizeof(*j));

	j->id = slot + 1;
	j->cmd = xstrdup(text);
	j->background = background;
	j->seq = ++job_seq;
	job_table[slot] = j;
	return j;
}

void job_free(job_t *j)
{
	job_table[j->id - 1] = NULL;
	while (job_count > 0 && !job_table[job_count - 1])
		job_count--;
	free(j->procs);
	free(j->cmd);
	free(j);
}

int job_id(const job_t *j)
{
	return j->id;
}

pid_t job_last_pid(const job_t *j)
{
	return j->nprocs ? j->procs[j->nprocs - 1].pid : 0;
}

bool job_running(const job_t *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (!j->procs[i].done && !j->procs[i].stopped)
			return true;
	return false;
}

bool job_done(const job_t *j)
{
	for (int i = 0; i < j->nprocs; i++)
		if (!j->procs[i].done)
			return false;
	return true;
}

int status_from_wait(int ws)
{
	if (WIFEXITED(ws))
		return WEXITSTATUS(ws);
	if (WIFSIGNALED(ws))
		return 128 + WTERMSIG(ws);
	if (WIFSTOPPED(ws))
		return 128 + WSTOPSIG(ws);
	return 0;
}

/* The job's status: its last process's, or with pipefail the last failure. */
int job_status(const job_t *j)
{
	int st = 0;

	if (j->nprocs == 0)
		return 0;
	if (sh.opt[OPT_PIPEFAIL]) {
		for (int i = 0; i < j->nprocs; i++) {
			int s = status_from_wait(j->procs[i].wstatus);

			if (s)
				st = s;
		}
		return st;
	}
	return status_from_wait(j->procs[j->nprocs - 1].wstatus);
}

job_t *job_current(int which)
{
	job_t *best = NULL, *second = NULL;

	for (int i = 0; i < job_count; i++) {
		job_t *j = job_table[i];

		if (!j)
			continue;
		if (!best || j->seq > best->seq) {
			second = best;
			best = j;
		} else if (!second || j->seq > second->seq) {
			second = j;
		}
	}
	return which == 0 ? best : second;
}

char job_mark(const job_t *j)
{
	if (j == job_current(0))
		return '+';
	if (j == job_current(1))
		return '-';
	return ' ';
}

/* Records a status that waitpid returned. */
void job_record(pid_t pid, int ws)
{
	for (int i = 0; i < job_count; i++) {
		job_t *j = job_table[i];

		for (int k = 0; j && k < j->nprocs; k++) {
			proc_t *p = &j->procs[k];

			if (p->pid != pid)
				continue;
			if (WIFSTOPPED(ws)) {
				p->stopped = true;
				p->wstatus = ws;
			} else if (WIFCONTINUED(ws)) {
				p->stopped = false;
			} else {
				p->done = true;
				p->stopped = false;
				p->wstatus = ws;
			}
			j->changed = true;
			return;
		}
	}
}

void jobs_reap(void)
{
	int ws;
	pid_t pid;
	int flags = WNOHANG | (sh.opt[OPT_MONITOR] ? WUNTRACED | WCONTINUED : 0);

	while ((pid = waitpid(-1, &ws, flags)) > 0)
		job_record(pid, ws);
}

/* --- forking --------------------------------------------------------- */

pid_t sh_fork(job_t *j, fork_mode_t mode)
{
	bool monitor = sh.opt[OPT_MONITOR] && mode != FORK_NOJOB && !sh.subshell;
	sigset_t all, old;

	/*
	 * Signals wait until the child has set its dispositions: a SIGINT
	 * sent to a new background job must find it already ignoring it.
	 */
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	pid_t pid = fork();

	if (pid < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		sh_error("cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		sh.subshell = true;
		sh_handler = NULL;
		if (monitor) {
			pid_t pgid = j->pgid ? j->pgid : getpid();

			setpgid(0, pgid);
			if (mode == FORK_FG && sh.ttyfd >= 0)
				tcsetpgrp(sh.ttyfd, pgid);
		}
		trap_child_reset(mode == FORK_BG && !monitor);
		sigprocmask(SIG_SETMASK, &old, NULL);
		if (mode != FORK_NOJOB) {
			/* A subshell has no jobs; $(jobs) still shows the parent's. */
			for (int i = 0; i < job_count; i++)
				job_table[i] = NULL;	/* left to _exit */
			job_count = 0;
		}
		sh.opt[OPT_MONITOR] = false;
		return 0;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (j) {
		if (monitor) {
			if (!j->pgid)
				j->pgid = pid;
			setpgid(pid, j->pgid);
		}
		if (j->nprocs == j->cap) {
			j->cap = j->cap ? j->cap * 2 : 2;
			j->procs = xrealloc(j->procs, (size_t)j->cap * sizeof(*j->procs));
		}
		j->procs[j->nprocs++] = (proc_t){ .pid = pid };
	}
	return pid;
}

int wait_pid_status(pid_t pid)
{
	int ws;

	while (waitpid(pid, &ws, 0) < 0) {
		if (errno != EINTR)
			return 127;
	}
	return status_from_wait(ws);
}

/* --- foreground ------------------------------------------------------ */

/* One line about a job: to the builtin's output (`jobs`), or stderr (reports). */
void job_print(const job_t *j, bool with_pid, bool to_stderr)
{
	stk_mark_t m = stk_mark();
	const char *state;
	int ws = j->nprocs ? j->procs[j->nprocs - 1].wstatus : 0;

	if (job_running(j)) {
		state = "Running";
	} else if (!job_done(j)) {
		state = "Stopped";
	} else if (WIFSIGNALED(ws)) {
		state = stk_printf("%s%s", strsignal(WTERMSIG(ws)),
#ifdef WCOREDUMP
				   WCOREDUMP(ws) ? " (core dumped)" :
#endif
				   "");
	} else if (WEXITSTATUS(ws)) {
		state = stk_printf("Exit %d", WEXITSTATUS(ws));
	} else {
		state = "Done";
	}
	char *line;

	if (with_pid)
		line = stk_printf("[%d]%c %ld %-24s%s%s\n", j->id, job_mark(j), (long)job_last_pid(j),
				  state, j->cmd, job_running(j) && j->background ? " &" : "");
	else
		line = stk_printf("[%d]%c  %-24s%s%s\n", j->id, job_mark(j), state, j->cmd,
				  job_running(j) && j->background ? " &" : "");
	if (to_stderr)
		sh_write_all(2, line, strlen(line));
	else
		bi_write(line, strlen(line));
	stk_release(m);
}

/* Reports how a foreground job ended if it was not a plain exit. */
static void job_report_fg(job_t *j)
{
	int ws = j->procs[j->nprocs - 1].wstatus;

	if (!job_done(j)) {
		sh_write_all(2, "\n", 1);
		stk_mark_t m = stk_mark();
		char *line = stk_printf("[%d]%c  %-24s%s\n", j->id, '+', "Stopped", j->cmd);

		sh_write_all(2, line, strlen(line));
		stk_release(m);
		return;
	}
	if (!WIFSIGNALED(ws) || !sh.interactive || sh.subshell)
		return;
	int sig = WTERMSIG(ws);

	if (sig == SIGINT) {
		sh_write_all(2, "\n", 1);
	} else if (sig != SIGPIPE) {
		stk_mark_t m = stk_mark();
		char *line = stk_printf("%s%s\n", strsignal(sig),
#ifdef WCOREDUMP
					WCOREDUMP(ws) ? " (core dumped)" :
#endif
					"");

		sh_write_all(2, line, strlen(line));
		stk_release(m);
	}
}

/* Takes the terminal back after a foreground job. */
static void terminal_reclaim(job_t *j)
{
	if (!sh.opt[OPT_MONITOR] || sh.ttyfd < 0 || sh.subshell)
		return;
	tcsetpgrp(sh.ttyfd, sh.pgrp);
	if (!job_done(j)) {
		j->have_tmodes = tcgetattr(sh.ttyfd, &j->tmodes) == 0;
	}
	if (have_shell_tmodes)
		tcsetattr(sh.ttyfd, TCSADRAIN, &shell_tmodes);
}

int job_wait_fg(job_t *j)
{
	int flags = sh.opt[OPT_MONITOR] ? WUNTRACED : 0;

	while (job_running(j)) {
		int ws;
		pid_t pid = waitpid(-1, &ws, flags);

		if (pid < 0) {
			if (errno == EINTR)
				continue;
			for (int i = 0; i < j->nprocs; i++)	/* ECHILD: nothing left to wait for */
				j->procs[i].done = true;
			break;
		}
		job_record(pid, ws);
	}
	terminal_reclaim(j);
	int st = job_status(j);
	bool interrupted = job_done(j) && j->nprocs &&
			   WIFSIGNALED(j->procs[j->nprocs - 1].wstatus) &&
			   WTERMSIG(j->procs[j->nprocs - 1].wstatus) == SIGINT;

	job_report_fg(j);
	if (job_done(j)) {
		job_free(j);
	} else {
		j->background = true;
		j->changed = false;
		j->seq = ++job_seq;
		st = 128 + WSTOPSIG(j->procs[j->nprocs - 1].wstatus);
	}
	/* A job killed by Ctrl-C interrupts the interactive shell's command too. */
	if (interrupted && sh.interactive && !sh.subshell)
		sh.int_pending = 1;
	return st;
}

void jobs_notify(void)
{
	jobs_reap();
	for (int i = 0; i < job_count; i++) {
		job_t *j = job_table[i];

		if (!j || !j->changed)
			continue;
		j->changed = false;
		if (job_done(j)) {
			if (j->background)
				job_print(j, false, true);
			job_free(j);
		} else if (!job_running(j)) {
			job_print(j, false, true);
		}
	}
}

/* --- job control set-up ---------------------------------------------- */

void jobs_init(void)
{
	int fd = isatty(0) ? 0 : isatty(2) ? 2 : -1;

	if (fd < 0 || (sh.ttyfd = fcntl(fd, F_DUPFD_CLOEXEC, 10)) < 0) {
		sh.ttyfd = -1;
		return;
	}
	for (;;) {
		pid_t tpgrp = tcgetpgrp(sh.ttyfd);

		if (tpgrp < 0) {
			sh_warn("cannot use the terminal: %s; job control turned off", strerror(errno));
			return;
		}
		if (tpgrp == getpgrp())
			break;
		/* In the background: wait to be put in the foreground. */
		kill(-getpgrp(), SIGTTIN);
	}
	orig_pgrp = getpgrp();
	sh.opt[OPT_MONITOR] = true;
	jobs_set_monitor(true);
}

void jobs_set_monitor(bool on)
{
	sh.opt[OPT_MONITOR] = on;
	if (sh.subshell)
		return;
	trap_set_monitor(on);
	if (!on || sh.ttyfd < 0)
		return;
	sh.pgrp = getpid();
	if (getpgrp() != sh.pgrp && setpgid(0, sh.pgrp) < 0) {
		sh.pgrp = getpgrp();
	}
	if (tcsetpgrp(sh.ttyfd, sh.pgrp) < 0) {
		sh_warn("cannot set the terminal's process group: %s", strerror(errno));
		sh.opt[OPT_MONITOR] = false;
		return;
	}
	have_shell_tmodes = tcgetattr(sh.ttyfd, &shell_tmodes) == 0;
}

void jobs_shutdown(void)
{
	if (sh.subshell)
		return;
	/* Stopped jobs would wait forever for a shell that is gone: hang them up. */
	for (int i = 0; i < job_count; i++) {
		job_t *j = job_table[i];

		if (j && j->pgid && !job_done(j) && !job_running(j)) {
			kill(-j->pgid, SIGHUP);
			kill(-j->pgid, SIGCONT);
		}
	}
	if (sh.ttyfd < 0 || orig_pgrp < 0)
		return;
	if (orig_pgrp != sh.pgrp) {
		tcsetpgrp(sh.ttyfd, orig_pgrp);
		setpgid(0, orig_pgrp);
	}
}
