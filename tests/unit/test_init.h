// SPDX-License-Identifier: MIT
/*
 * What the tests of init's pure half (user/init/service.h) share: an
 * init_log() that collects every line, so a test can check what init
 * would have reported, and a table built from configuration text.
 */
#pragma once

#include <user/init/service.h>

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char t_logged[1 << 16];
static size_t t_logged_len;

void init_log(const char *fmt, ...)
{
	va_list ap;
	size_t room = sizeof(t_logged) - t_logged_len;
	int n = snprintf(t_logged + t_logged_len, room, "init: ");

	va_start(ap, fmt);
	n += vsnprintf(t_logged + t_logged_len + n, room - (size_t)n, fmt, ap);
	va_end(ap);
	t_logged_len += (size_t)n;
	if (t_logged_len + 2 < sizeof(t_logged))
		t_logged[t_logged_len++] = '\n';
	t_logged[t_logged_len] = '\0';
}

static inline void t_log_clear(void)
{
	t_logged_len = 0;
	t_logged[0] = '\0';
}

/* Whether some logged line is exactly `line` (without "init: " and '\n'). */
static inline bool t_log_has(const char *line)
{
	char want[1024];

	snprintf(want, sizeof(want), "\ninit: %s\n", line);
	return strncmp(t_logged, want + 1, strlen(want + 1)) == 0 || strstr(t_logged, want);
}

static inline int t_log_lines(void)
{
	int n = 0;

	for (const char *p = t_logged; *p; p++)
		n += *p == '\n';
	return n;
}

static init_conf_t t_conf;

/* Parses text into t_conf (log cleared first); the lines skipped. */
static inline int t_parse(const char *text)
{
	t_log_clear();
	return init_conf_parse(&t_conf, "t.conf", text);
}

static inline int t_index(const char *name)
{
	for (int i = 0; i < t_conf.count; i++)
		if (strcmp(t_conf.svc[i].name, name) == 0)
			return i;
	return -1;
}

static inline init_service_t *t_svc(const char *name)
{
	int i = t_index(name);

	return i >= 0 ? &t_conf.svc[i] : NULL;
}

/* The run order as names separated by spaces. */
static inline const char *t_order(void)
{
	static char buf[INIT_SERVICES_MAX * INIT_NAME_MAX];
	size_t len = 0;

	buf[0] = '\0';
	for (int o = 0; o < t_conf.norder; o++)
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s", o ? " " : "",
					t_conf.svc[t_conf.order[o]].name);
	return buf;
}
