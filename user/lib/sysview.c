// SPDX-License-Identifier: MIT
/*
 * Where sysview.h's records come from. Built for Tessera (__tessera__) it
 * reads the kernel's text schemes: `proc:` for the pids, then `proc:PID`
 * for each, `sys:meminfo` and `sys:cpus`. Built for the host it reads
 * Linux's /proc, so ps, top and free also run (and are tested) there.
 * A process may exit between the list and its own file; it is left out.
 */
#include "sysview.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The whole of a (small, text) file, NUL-ended and malloc'ed; or -errno. */
static int sysview_slurp(const char *path, char **out, size_t *out_len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	size_t len = 0, size = 4096;
	char *buf;

	if (fd < 0)
		return -errno;
	buf = malloc(size);
	for (;;) {
		if (!buf) {
			close(fd);
			return -ENOMEM;
		}
		if (size - len < 1024) {
			char *bigger = realloc(buf, size * 2);
			if (!bigger)
				free(buf);
			buf = bigger;
			size *= 2;
			continue;
		}
		ssize_t n = read(fd, buf + len, size - len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;
			free(buf);
			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	*out = buf;
	if (out_len)
		*out_len = len;
	return 0;
}

static int sysview_by_pid(const void *a, const void *b)
{
	const sysview_proc_t *x = a, *y = b;

	return (x->pid > y->pid) - (x->pid < y->pid);
}

#ifdef __tessera__

int sysview_procs_read(sysview_proc_t **out)
{
	char *text, path[32];
	int err = sysview_slurp("proc:", &text, NULL);
	int max, n, count = 0;
	int *pids;
	sysview_proc_t *procs;

	if (err)
		return err;
	max = 1;
	for (const char *s = text; *s; s++)
		max += *s == '\n';
	pids = malloc((size_t)max * sizeof(*pids));
	procs = malloc((size_t)max * sizeof(*procs));
	if (!pids || !procs) {
		free(text);
		free(pids);
		free(procs);
		return -ENOMEM;
	}
	n = sysview_parse_tessera_list(text, pids, max);
	free(text);
	for (int i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "proc:%d", pids[i]);
		if (sysview_slurp(path, &text, NULL) != 0)
			continue;       /* gone since the list was taken */
		if (sysview_parse_tessera_proc(text, &procs[count]) == 0)
			count++;
		free(text);
	}
	free(pids);
	qsort(procs, (size_t)count, sizeof(*procs), sysview_by_pid);
	*out = procs;
	return count;
}

int sysview_mem_read(sysview_mem_t *m)
{
	char *text;
	int err = sysview_slurp("sys:meminfo", &text, NULL);

	if (err)
		return err;
	err = sysview_parse_tessera_mem(text, m);
	free(text);
	return err;
}

int sysview_cpus_read(sysview_cpus_t *c)
{
	char *text;
	int err = sysview_slurp("sys:cpus", &text, NULL);

	if (err)
		return err;
	err = sysview_parse_tessera_cpus(text, c);
	free(text);
	return err;
}

#else /* the host: Linux's /proc */

/* Room for one more record in *procs (grown by doubling). */
static int sysview_grow(sysview_proc_t **procs, int count, int *cap)
{
	if (count < *cap)
		return 0;
	int want = *cap ? *cap * 2 : 64;
	sysview_proc_t *bigger = realloc(*procs, (size_t)want * sizeof(**procs));
	if (!bigger)
		return -ENOMEM;
	*procs = bigger;
	*cap = want;
	return 0;
}

/* /proc/PID/cmdline with its NULs as blanks; empty for kernel threads. */
static void sysview_linux_args(int pid, sysview_proc_t *p)
{
	char path[64], *text;
	size_t len;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	if (sysview_slurp(path, &text, &len) != 0)
		return;
	while (len > 0 && text[len - 1] == '\0')
		len--;
	for (size_t i = 0; i < len; i++)
		if (text[i] == '\0')
			text[i] = ' ';
	text[len] = '\0';
	if (len)
		snprintf(p->args, sizeof(p->args), "%s", text);
	else
		snprintf(p->args, sizeof(p->args), "[%s]", p->name);
	free(text);
}

static int sysview_linux_proc(int pid, long ticks, sysview_proc_t *p)
{
	char path[64], *text;
	struct stat st;
	int err;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	err = sysview_slurp(path, &text, NULL);
	if (err)
		return err;
	err = sysview_parse_linux_stat(text, ticks, p);
	free(text);
	if (err)
		return err;
	snprintf(path, sizeof(path), "/proc/%d", pid);
	if (stat(path, &st) == 0)
		p->uid = st.st_uid;
	sysview_linux_args(pid, p);
	return 0;
}

int sysview_procs_read(sysview_proc_t **out)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	sysview_proc_t *procs = NULL;
	int count = 0, cap = 0;
	long ticks = sysconf(_SC_CLK_TCK);

	if (!d)
		return -errno;
	while ((e = readdir(d))) {
		char *end;
		long pid = strtol(e->d_name, &end, 10);
		if (*end || end == e->d_name || pid <= 0)
			continue;
		if (sysview_grow(&procs, count, &cap) != 0) {
			closedir(d);
			free(procs);
			return -ENOMEM;
		}
		if (sysview_linux_proc((int)pid, ticks, &procs[count]) == 0)
			count++;
	}
	closedir(d);
	qsort(procs, (size_t)count, sizeof(*procs), sysview_by_pid);
	*out = procs;
	return count;
}

int sysview_mem_read(sysview_mem_t *m)
{
	char *text;
	int err = sysview_slurp("/proc/meminfo", &text, NULL);

	if (err)
		return err;
	err = sysview_parse_linux_mem(text, m);
	free(text);
	return err;
}

int sysview_cpus_read(sysview_cpus_t *c)
{
	char *stat, *uptime;
	int err = sysview_slurp("/proc/stat", &stat, NULL);

	if (err)
		return err;
	err = sysview_slurp("/proc/uptime", &uptime, NULL);
	if (err) {
		free(stat);
		return err;
	}
	err = sysview_parse_linux_cpus(stat, uptime, sysconf(_SC_CLK_TCK), c);
	free(stat);
	free(uptime);
	return err;
}

#endif
