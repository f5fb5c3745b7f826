// SPDX-License-Identifier: MIT
/*
 * The builtins of the job table: jobs, fg, bg, wait, and the job ids of
 * kill. A job id is %N (its number), %+ or %% (the current job), %- (the
 * previous one), %name (the job whose command starts with name) or
 * %?text (whose command contains text); wait and kill also take pids.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "builtin.h"
#include "jobs_int.h"
#include "sh.h"
#include "trap.h"

/* --- job specifications ---------------------------------------------- */

/* Finds the job "%spec" names; NULL with a message if none or ambiguous. */
static job_t *job_find(const char *spec, const char *who)
{
	job_t *found = NULL;
	const char *s = spec + 1;

	jobs_reap();
	if (!*s || strcmp(s, "%") == 0 || strcmp(s, "+") == 0) {
		found = job_current(0);
	} else if (strcmp(s, "-") == 0) {
		found = job_current(1);
	} else if (*s >= '0' && *s <= '9') {
		int id = atoi(s);

		if (id >= 1 && id <= job_count)
			found = job_table[id - 1];
	} else {
		bool contains = *s == '?';

		if (contains)
			s++;
		for (int i = 0; i < job_count; i++) {
			job_t *j = job_table[i];

			if (!j || !(contains ? strstr(j->cmd, s) != NULL :
				    strncmp(j->cmd, s, strlen(s)) == 0))
				continue;
			if (found) {
				bi_warn("%s: %s: ambiguous job specification", who, spec);
				return NULL;
			}
			found = j;
		}
	}
	if (!found)
		bi_warn("%s: %s: no such job", who, spec);
	errno = 0;
	return found;
}

static job_t *job_by_pid(pid_t pid, int *index)
{
	for (int i = 0; i < job_count; i++) {
		job_t *j = job_table[i];

		for (int k = 0; j && k < j->nprocs; k++) {
			if (j->procs[k].pid == pid) {
				*index = k;
				return j;
			}
		}
	}
	return NULL;
}

/* --- builtins -------------------------------------------------------- */

int bi_jobs(int argc, char **argv)
{
	bool pids = false, with_pid = false;
	int i = 1, st = 0;

	for (; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		if (strcmp(argv[i], "--") == 0) {
			i++;
			break;
		}
		for (const char *o = argv[i] + 1; *o; o++) {
			if (*o == 'p')
				pids = true;
			else if (*o == 'l')
				with_pid = true;
			else
				return bi_usage("jobs [-lp] [%%job...]");
		}
	}
	jobs_reap();
	for (int k = 0; k < job_count || i < argc; k++) {
		job_t *j;

		if (i < argc) {
			if (k >= argc - i)
				break;
			j = job_find(argv[i + k], "jobs");
			if (!j) {
				st = 1;
				continue;
			}
		} else {
			j = job_table[k];
			if (!j)
				continue;
		}
		if (pids) {
			bi_printf("%ld\n", (long)(j->pgid ? j->pgid : job_last_pid(j)));
			continue;
		}
		job_print(j, with_pid, false);
		if (job_done(j))
			job_free(j);
		else if (!job_running(j))
			j->changed = false;
	}
	return st;
}

static job_t *job_arg(int argc, char **argv, const char *who)
{
	if (!sh.opt[OPT_MONITOR]) {
		bi_warn("%s: no job control", who);
		return NULL;
	}
	const char *spec = argc > 1 ? argv[1] : "%+";

	if (spec[0] != '%') {
		int index;
		job_t *j = job_by_pid((pid_t)atol(spec), &index);

		if (!j)
			bi_warn("%s: %s: no such job", who, spec);
		return j;
	}
	return job_find(spec, who);
}

static void job_continue(job_t *j)
{
	for (int i = 0; i < j->nprocs; i++)
		j->procs[i].stopped = false;
	if (j->pgid)
		kill(-j->pgid, SIGCONT);
	else
		for (int i = 0; i < j->nprocs; i++)
			kill(j->procs[i].pid, SIGCONT);
}

int bi_fg(int argc, char **argv)
{
	job_t *j = job_arg(argc, argv, "fg");

	if (!j)
		return 1;
	bi_printf("%s\n", j->cmd);
	bi_flush();
	if (sh.ttyfd >= 0) {
		if (j->have_tmodes)
			tcsetattr(sh.ttyfd, TCSADRAIN, &j->tmodes);
		tcsetpgrp(sh.ttyfd, j->pgid);
	}
	j->background = false;
	job_continue(j);
	return job_wait_fg(j);
}

int bi_bg(int argc, char **argv)
{
	int st = 0;

	for (int i = 1; i < argc || i == 1; i++) {
		char *args[2] = { argv[0], i < argc ? argv[i] : NULL };
		job_t *j = job_arg(args[1] ? 2 : 1, args, "bg");

		if (!j) {
			st = 1;
		} else {
			j->background = true;
			j->seq = ++job_seq;
			job_continue(j);
			bi_printf("[%d]%c %s &\n", j->id, job_mark(j), j->cmd);
		}
		if (i >= argc)
			break;
	}
	return st;
}

/* Waits for any child; returns -1 and the signal in *sig if a trap interrupted. */
static int wait_any(int *sig)
{
	int ws;
	pid_t pid;

	for (;;) {
		*sig = trap_pending_signal();
		if (*sig)
			return -1;
		pid = waitpid(-1, &ws, sh.opt[OPT_MONITOR] ? WUNTRACED : 0);
		if (pid > 0) {
			job_record(pid, ws);
			return 0;
		}
		if (errno != EINTR)
			return 1;	/* no children */
	}
}

int bi_wait(int argc, char **argv)
{
	int st = 0, sig;

	if (argc <= 1) {
		for (;;) {
			bool any = false;

			jobs_reap();
			for (int i = 0; i < job_count; i++)
				if (job_table[i] && job_running(job_table[i]))
					any = true;
			if (!any)
				break;
			int r = wait_any(&sig);

			if (r < 0)
				return 128 + sig;
			if (r > 0)
				break;
		}
		for (int i = 0; i < job_count; i++)
			if (job_table[i] && job_done(job_table[i]))
				job_free(job_table[i]);
		return 0;
	}
	for (int i = 1; i < argc; i++) {
		job_t *j;
		int index = -1;

		if (argv[i][0] == '%') {
			j = job_find(argv[i], "wait");
		} else {
			char *end;
			long pid = strtol(argv[i], &end, 10);

			if (*end || end == argv[i] || pid <= 0) {
				bi_warn("wait: %s: not a pid or valid job spec", argv[i]);
				st = 2;
				continue;
			}
			j = job_by_pid((pid_t)pid, &index);
		}
		if (!j) {
			st = 127;
			continue;
		}
		while (index >= 0 ? !j->procs[index].done : job_running(j)) {
			int r = wait_any(&sig);

			if (r < 0)
				return 128 + sig;
			if (r > 0)
				break;
		}
		st = index >= 0 ? status_from_wait(j->procs[index].wstatus) : job_status(j);
		if (job_done(j))
			job_free(j);
	}
	return st;
}

int jobs_kill(const char *target, int sig)
{
	if (target[0] == '%') {
		job_t *j = job_find(target, "kill");

		if (!j) {
			errno = 0;
			return -1;
		}
		if (j->pgid)
			return kill(-j->pgid, sig);
		int r = 0;

		for (int i = 0; i < j->nprocs; i++)
			if (!j->procs[i].done && kill(j->procs[i].pid, sig) < 0)
				r = -1;
		return r;
	}
	char *end;
	long pid = strtol(target, &end, 10);

	if (*end || end == target || (target[0] == '-' && !(target[1] >= '0' && target[1] <= '9'))) {
		bi_cmd_warn("kill: %s: invalid process ID", target);
		errno = 0;
		return -1;
	}
	return kill((pid_t)pid, sig);
}
