// SPDX-License-Identifier: MIT
/*
 * The text formats behind sysview.h, one parser per file kind. They only
 * read the string they are given, so they work on any platform; unknown
 * keys and extra words are skipped, since both kernels add fields over
 * time, but a record missing what the commands need is -EINVAL.
 */
#include "sysview.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The line starting at *text into buf (cut to size), *text moved past it. */
static bool sysview_next_line(const char **text, char *buf, size_t size)
{
	const char *s = *text;
	size_t len;

	if (!*s)
		return false;
	len = strcspn(s, "\n");
	*text = s[len] ? s + len + 1 : s + len;
	if (len >= size)
		len = size - 1;
	memcpy(buf, s, len);
	buf[len] = '\0';
	return true;
}

/* "key rest": true when line starts with key and a blank; *rest after it. */
static bool sysview_key(const char *line, const char *key, const char **rest)
{
	size_t n = strlen(key);

	if (strncmp(line, key, n) != 0 || (line[n] != ' ' && line[n] != '\t'))
		return false;
	*rest = line + n + strspn(line + n, " \t");
	return true;
}

/* The number after the word `word` among the blank-separated words of s. */
static bool sysview_word_value(const char *s, const char *word, uint64_t *value)
{
	size_t n = strlen(word);

	while (*s) {
		s += strspn(s, " \t");
		size_t len = strcspn(s, " \t");
		if (len == n && strncmp(s, word, n) == 0) {
			char *end;
			*value = strtoull(s + len, &end, 10);
			return end != s + len;
		}
		s += len;
	}
	return false;
}

int sysview_parse_tessera_list(const char *text, int *pids, int max)
{
	char line[256];
	int n = 0;

	while (n < max && sysview_next_line(&text, line, sizeof(line))) {
		char *end;
		long pid = strtol(line, &end, 10);
		if (end != line && pid > 0)
			pids[n++] = (int)pid;
	}
	return n;
}

int sysview_parse_tessera_proc(const char *text, sysview_proc_t *p)
{
	char line[512];
	const char *v;
	bool have_pid = false;

	memset(p, 0, sizeof(*p));
	p->state = '?';
	while (sysview_next_line(&text, line, sizeof(line))) {
		uint64_t ns;
		if (sysview_key(line, "pid", &v)) {
			p->pid = atoi(v);
			have_pid = p->pid > 0;
		} else if (sysview_key(line, "ppid", &v)) {
			p->ppid = atoi(v);
		} else if (sysview_key(line, "pgid", &v)) {
			p->pgid = atoi(v);
		} else if (sysview_key(line, "sid", &v)) {
			p->sid = atoi(v);
		} else if (sysview_key(line, "uid", &v)) {
			p->uid = (unsigned)strtoul(v, NULL, 10);
		} else if (sysview_key(line, "threads", &v)) {
			p->threads = atoi(v);
		} else if (sysview_key(line, "state", &v)) {
			p->state = *v ? *v : '?';
		} else if (sysview_key(line, "name", &v)) {
			snprintf(p->name, sizeof(p->name), "%s", v);
		} else if (sysview_key(line, "thread", &v) &&
			   sysview_word_value(v, "runtime_ns", &ns)) {
			p->cpu_ns += ns;
		}
	}
	snprintf(p->args, sizeof(p->args), "%s", p->name);
	return have_pid ? 0 : -EINVAL;
}

int sysview_parse_tessera_mem(const char *text, sysview_mem_t *m)
{
	char line[256];
	const char *v;
	bool have_total = false, have_free = false;

	memset(m, 0, sizeof(*m));
	while (sysview_next_line(&text, line, sizeof(line))) {
		if (sysview_key(line, "total_kib", &v)) {
			m->total_kib = strtoull(v, NULL, 10);
			have_total = true;
		} else if (sysview_key(line, "free_kib", &v)) {
			m->free_kib = strtoull(v, NULL, 10);
			have_free = true;
		}
	}
	/* No page cache and no swap: what is free is what is available. */
	m->available_kib = m->free_kib;
	return have_total && have_free ? 0 : -EINVAL;
}

int sysview_parse_tessera_cpus(const char *text, sysview_cpus_t *c)
{
	char line[512];
	const char *v;
	bool have_uptime = false;

	memset(c, 0, sizeof(*c));
	while (sysview_next_line(&text, line, sizeof(line))) {
		uint64_t online, busy;
		if (sysview_key(line, "uptime_ns", &v)) {
			c->uptime_ns = strtoull(v, NULL, 10);
			have_uptime = true;
		} else if (strncmp(line, "cpu", 3) == 0 && line[3] >= '0' && line[3] <= '9' &&
			   sysview_word_value(line, "online", &online) && online &&
			   sysview_word_value(line, "busy_ns", &busy) &&
			   c->count < SYSVIEW_CPUS_MAX) {
			c->busy_ns[c->count++] = busy;
		}
	}
	for (int i = 0; i < c->count; i++)
		c->total_ns[i] = c->uptime_ns;
	return have_uptime && c->count > 0 ? 0 : -EINVAL;
}

static uint64_t sysview_ticks_to_ns(uint64_t ticks, long ticks_per_s)
{
	return ticks_per_s > 0 ? ticks * (1000000000ull / (uint64_t)ticks_per_s) : 0;
}

/*
 * "pid (comm) S ppid pgrp session tty tpgid flags minflt cminflt majflt
 * cmajflt utime stime cutime cstime priority nice num_threads ...": comm
 * may hold blanks and parentheses, so it ends at the last ')'.
 */
int sysview_parse_linux_stat(const char *text, long ticks_per_s, sysview_proc_t *p)
{
	const char *open = strchr(text, '('), *close = strrchr(text, ')');
	unsigned long long f[18];
	char state;

	memset(p, 0, sizeof(*p));
	if (!open || !close || close < open)
		return -EINVAL;
	p->pid = atoi(text);
	size_t len = (size_t)(close - open - 1);
	if (len >= sizeof(p->name))
		len = sizeof(p->name) - 1;
	memcpy(p->name, open + 1, len);
	p->name[len] = '\0';
	if (sscanf(close + 1, " %c %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu "
		   "%llu %llu %llu %llu %llu", &state, &f[0], &f[1], &f[2], &f[3], &f[4], &f[5],
		   &f[6], &f[7], &f[8], &f[9], &f[10], &f[11], &f[12], &f[13], &f[14], &f[15],
		   &f[16]) != 18 || p->pid <= 0)
		return -EINVAL;
	p->state = state;
	p->ppid = (int)f[0];
	p->pgid = (int)f[1];
	p->sid = (int)f[2];
	p->cpu_ns = sysview_ticks_to_ns(f[10] + f[11], ticks_per_s);
	p->threads = (int)f[16];
	snprintf(p->args, sizeof(p->args), "%s", p->name);
	return 0;
}

int sysview_parse_linux_mem(const char *text, sysview_mem_t *m)
{
	char line[256];
	const char *v;
	uint64_t buffers = 0, cached = 0, reclaimable = 0;
	bool have_total = false, have_free = false, have_available = false;

	memset(m, 0, sizeof(*m));
	while (sysview_next_line(&text, line, sizeof(line))) {
		if (sysview_key(line, "MemTotal:", &v)) {
			m->total_kib = strtoull(v, NULL, 10);
			have_total = true;
		} else if (sysview_key(line, "MemFree:", &v)) {
			m->free_kib = strtoull(v, NULL, 10);
			have_free = true;
		} else if (sysview_key(line, "MemAvailable:", &v)) {
			m->available_kib = strtoull(v, NULL, 10);
			have_available = true;
		} else if (sysview_key(line, "Buffers:", &v)) {
			buffers = strtoull(v, NULL, 10);
		} else if (sysview_key(line, "Cached:", &v)) {
			cached = strtoull(v, NULL, 10);
		} else if (sysview_key(line, "SReclaimable:", &v)) {
			reclaimable = strtoull(v, NULL, 10);
		} else if (sysview_key(line, "Shmem:", &v)) {
			m->shared_kib = strtoull(v, NULL, 10);
		} else if (sysview_key(line, "SwapTotal:", &v)) {
			m->swap_total_kib = strtoull(v, NULL, 10);
		} else if (sysview_key(line, "SwapFree:", &v)) {
			m->swap_free_kib = strtoull(v, NULL, 10);
		}
	}
	m->cache_kib = buffers + cached + reclaimable;
	if (!have_available)
		m->available_kib = m->free_kib;
	if (m->available_kib > m->total_kib)
		m->available_kib = m->total_kib;
	/* Containers can show more cache than the total they are given. */
	if (m->free_kib + m->cache_kib > m->total_kib)
		m->cache_kib = m->total_kib - m->free_kib;
	return have_total && have_free && m->free_kib <= m->total_kib ? 0 : -EINVAL;
}

int sysview_parse_linux_cpus(const char *stat, const char *uptime, long ticks_per_s,
			     sysview_cpus_t *c)
{
	char line[512];

	memset(c, 0, sizeof(*c));
	c->uptime_ns = (uint64_t)(strtod(uptime, NULL) * 1e9);
	while (sysview_next_line(&stat, line, sizeof(line))) {
		unsigned long long t[8] = { 0 };
		if (strncmp(line, "cpu", 3) != 0 || line[3] < '0' || line[3] > '9' ||
		    c->count >= SYSVIEW_CPUS_MAX)
			continue;
		/* user nice system idle iowait irq softirq steal */
		if (sscanf(line + strcspn(line, " "), "%llu %llu %llu %llu %llu %llu %llu %llu",
			   &t[0], &t[1], &t[2], &t[3], &t[4], &t[5], &t[6], &t[7]) < 4)
			return -EINVAL;
		uint64_t busy = t[0] + t[1] + t[2] + t[5] + t[6] + t[7];
		c->busy_ns[c->count] = sysview_ticks_to_ns(busy, ticks_per_s);
		c->total_ns[c->count] = sysview_ticks_to_ns(busy + t[3] + t[4], ticks_per_s);
		c->count++;
	}
	return c->count > 0 ? 0 : -EINVAL;
}
