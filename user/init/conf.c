// SPDX-License-Identifier: MIT
/*
 * Parsing /etc/init.conf (the format is in docs/init.md and at the top of
 * user/initfs/etc/init.conf).
 *
 * The text is read in logical lines: a line that starts with a space or
 * a tab continues the line before it, so a long service can be spread
 * over several. Comments run from a `#` that starts a word to the end of
 * its physical line, and go before the lines are joined, so a comment
 * never swallows a continuation. A logical line is then split into words
 * the way a shell would for the simple cases: blanks separate, '...'
 * and "..." group (neither crosses a line), a backslash outside single
 * quotes takes the next character as it is.
 *
 * Every line is parsed into the next free record and committed only when
 * all of it was good, so a bad line leaves nothing behind: it is
 * reported with its file and line number and the parse goes on.
 */
#include "service.h"

#include <abi/proc.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CONF_LINE_MAX 1024

/* What pid 1 runs when /etc/init.conf cannot be read: the daemons and a
 * shell on the serial console, enough to look into what went wrong. */
const char init_conf_builtin[] =
	"service logd ready=scheme modes=all -- initfs:/bin/logd\n"
	"service nulld needs=logd ready=scheme modes=all -- initfs:/bin/nulld\n"
	"service zerod needs=logd ready=scheme modes=all -- initfs:/bin/zerod\n"
	"service randd needs=logd ready=scheme modes=all -- initfs:/bin/randd\n"
	"service ipcd needs=logd ready=scheme modes=all -- initfs:/bin/ipcd\n"
	"service rootfs needs=logd ready=scheme modes=all -- initfs:/bin/rootfs\n"
	"service ptyd needs=rootfs ready=scheme modes=all -- /bin/ptyd\n"
	"service seriald needs=ptyd privileges=io,irq -- /bin/seriald\n"
	"service getty-console needs=seriald restart=respawn stop=HUP -- /bin/getty console\n";
#define CONF_WORDS_MAX 48

typedef struct {
	char text[128];
} conf_err_t;

static const struct {
	const char *name;
	int sig;
} conf_signals[] = {
	{ "HUP", SIGHUP },   { "INT", SIGINT },   { "QUIT", SIGQUIT }, { "KILL", SIGKILL },
	{ "USR1", SIGUSR1 }, { "USR2", SIGUSR2 }, { "TERM", SIGTERM },
};

int init_signal_number(const char *name)
{
	if (strncmp(name, "SIG", 3) == 0)
		name += 3;
	for (size_t i = 0; i < sizeof(conf_signals) / sizeof(conf_signals[0]); i++)
		if (strcmp(conf_signals[i].name, name) == 0)
			return conf_signals[i].sig;
	return 0;
}

const char *init_signal_name(int sig)
{
	for (size_t i = 0; i < sizeof(conf_signals) / sizeof(conf_signals[0]); i++)
		if (conf_signals[i].sig == sig)
			return conf_signals[i].name;
	return "?";
}

const char *init_mode_name(unsigned mode)
{
	switch (mode) {
	case INIT_MODE_SYSTEM: return "system";
	case INIT_MODE_TEST:   return "test";
	case INIT_MODE_BENCH:  return "bench";
	default:               return "?";
	}
}

/* Cuts s at a comment: a '#' that starts a word, outside quotes. */
static void conf_strip_comment(char *s)
{
	char quote = 0;

	for (char *p = s; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			else if (quote == '"' && *p == '\\' && p[1])
				p++;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '\\' && p[1]) {
			p++;
		} else if (*p == '#' && (p == s || p[-1] == ' ' || p[-1] == '\t')) {
			*p = '\0';
			return;
		}
	}
}

/*
 * Splits s in place into words (quotes and backslashes removed). The
 * count, or -1 with too many words, -2 with a quote left open.
 */
static int conf_split(char *s, char *words[], int max)
{
	char *r = s, *w = s;
	int n = 0;

	for (;;) {
		while (*r == ' ' || *r == '\t')
			r++;
		if (!*r)
			return n;
		if (n == max)
			return -1;
		words[n++] = w;
		char quote = 0;
		while (*r && (quote || (*r != ' ' && *r != '\t'))) {
			if (quote == '\'' && *r != '\'')
				*w++ = *r++;
			else if (*r == '\\' && r[1] && quote != '\'') {
				*w++ = r[1];
				r += 2;
			} else if (*r == '\'' || *r == '"') {
				if (!quote)
					quote = *r;
				else if (quote == *r)
					quote = 0;
				else
					*w++ = *r;
				r++;
			} else {
				*w++ = *r++;
			}
		}
		if (quote)
			return -2;
		/* Words are written no further than they were read (w <= r),
		 * so the NUL may land on the blank that ended the word. */
		char *next = *r ? r + 1 : r;
		*w++ = '\0';
		r = next;
	}
}

static bool conf_name_valid(const char *s)
{
	size_t n = strlen(s);

	if (n == 0 || n >= INIT_NAME_MAX)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_' || *s == '.'))
			return false;
	return true;
}

/* "0.5", "30", "1.25" seconds -> ms (at most 3 decimals, under 1e6 s). */
static bool conf_seconds(const char *s, unsigned *ms)
{
	unsigned whole = 0, frac = 0, scale = 1000;
	const char *p = s;

	if (!*p || *p == '.')
		return false;
	for (; *p >= '0' && *p <= '9'; p++) {
		whole = whole * 10 + (unsigned)(*p - '0');
		if (whole >= 1000000)
			return false;
	}
	if (*p == '.') {
		if (!p[1])
			return false;
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (scale == 1)
				return false;
			scale /= 10;
			frac += (unsigned)(*p - '0') * scale;
		}
	}
	if (*p)
		return false;
	*ms = whole * 1000 + frac;
	return true;
}

static bool conf_positive_seconds(const char *s, unsigned *ms)
{
	return conf_seconds(s, ms) && *ms > 0;
}

static bool conf_modes(char *s, unsigned *modes)
{
	*modes = 0;
	for (char *save, *m = strtok_r(s, ",", &save); m; m = strtok_r(NULL, ",", &save)) {
		if (strcmp(m, "system") == 0)
			*modes |= INIT_MODE_SYSTEM;
		else if (strcmp(m, "test") == 0)
			*modes |= INIT_MODE_TEST;
		else if (strcmp(m, "bench") == 0)
			*modes |= INIT_MODE_BENCH;
		else if (strcmp(m, "all") == 0)
			*modes |= INIT_MODE_ALL;
		else
			return false;
	}
	return *modes != 0;
}

static bool conf_needs(char *s, init_service_t *svc, conf_err_t *err)
{
	for (char *save, *n = strtok_r(s, ",", &save); n; n = strtok_r(NULL, ",", &save)) {
		if (!conf_name_valid(n)) {
			snprintf(err->text, sizeof(err->text), "bad service name '%s' in needs", n);
			return false;
		}
		if (svc->nneeds == INIT_NEEDS_MAX) {
			snprintf(err->text, sizeof(err->text), "more than %d needs", INIT_NEEDS_MAX);
			return false;
		}
		strcpy(svc->need_names[svc->nneeds++], n);
	}
	return true;
}

/* N/SECONDS: give up after N failures within SECONDS. */
static bool conf_give_up(char *s, init_service_t *svc)
{
	char *slash = strchr(s, '/'), *end;

	if (!slash)
		return false;
	*slash = '\0';
	long n = strtol(s, &end, 10);
	if (end == s || *end || n < 1 || n > INIT_GIVE_UP_MAX)
		return false;
	svc->give_up_count = (unsigned)n;
	return conf_positive_seconds(slash + 1, &svc->give_up_window_ms);
}

/* FIRST[/MAX]: the first restart delay, and the most it doubles to. */
static bool conf_backoff(char *s, init_service_t *svc)
{
	char *slash = strchr(s, '/');

	if (slash)
		*slash = '\0';
	if (!conf_positive_seconds(s, &svc->backoff_first_ms))
		return false;
	if (!slash) {
		if (svc->backoff_max_ms < svc->backoff_first_ms)
			svc->backoff_max_ms = svc->backoff_first_ms;
		return true;
	}
	return conf_positive_seconds(slash + 1, &svc->backoff_max_ms) &&
	       svc->backoff_max_ms >= svc->backoff_first_ms;
}

static bool conf_enum(const char *v, const char *const names[], int count, int *out)
{
	for (int i = 0; i < count; i++)
		if (strcmp(v, names[i]) == 0) {
			*out = i;
			return true;
		}
	return false;
}

/* "io,irq,phys" or "none": the driver privileges granted (abi/proc.h). */
static bool conf_privileges(char *s, unsigned *out)
{
	static const struct { const char *name; unsigned bit; } privs[] = {
		{ "io", ABI_PRIV_IO }, { "irq", ABI_PRIV_IRQ }, { "phys", ABI_PRIV_PHYS },
	};
	char *save = NULL;

	*out = 0;
	if (strcmp(s, "none") == 0)
		return true;
	for (char *w = strtok_r(s, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
		size_t i = 0;
		while (i < sizeof(privs) / sizeof(privs[0]) && strcmp(w, privs[i].name) != 0)
			i++;
		if (i == sizeof(privs) / sizeof(privs[0]))
			return false;
		*out |= privs[i].bit;
	}
	return *out != 0;
}

/* One KEY=VALUE option into svc; false with err set if it is bad. */
static bool conf_option(char *word, init_service_t *svc, conf_err_t *err)
{
	static const char *const readies[] = { "start", "scheme", "exit" };
	static const char *const restarts[] = { "always", "on-failure", "never", "respawn" };
	char *value = strchr(word, '=');
	char shown[64];
	bool ok;
	int e = 0;

	if (!value || value == word) {
		snprintf(err->text, sizeof(err->text), "'%s' is not KEY=VALUE", word);
		return false;
	}
	*value++ = '\0';
	snprintf(shown, sizeof(shown), "%s", value);    /* parsing cuts value up */
	if (strcmp(word, "needs") == 0)
		return conf_needs(value, svc, err);
	if (strcmp(word, "ready") == 0) {
		ok = conf_enum(value, readies, 3, &e);
		svc->ready = (init_ready_t)e;
	} else if (strcmp(word, "restart") == 0) {
		ok = conf_enum(value, restarts, 4, &e);
		svc->restart = (init_restart_t)e;
	} else if (strcmp(word, "modes") == 0) {
		ok = conf_modes(value, &svc->modes);
	} else if (strcmp(word, "stop") == 0) {
		svc->stop_signal = init_signal_number(value);
		ok = svc->stop_signal != 0;
	} else if (strcmp(word, "timeout") == 0) {
		ok = conf_positive_seconds(value, &svc->ready_timeout_ms);
	} else if (strcmp(word, "backoff") == 0) {
		ok = conf_backoff(value, svc);
	} else if (strcmp(word, "give-up") == 0) {
		ok = conf_give_up(value, svc);
	} else if (strcmp(word, "privileges") == 0) {
		ok = conf_privileges(value, &svc->privileges);
	} else {
		snprintf(err->text, sizeof(err->text), "unknown key '%s'", word);
		return false;
	}
	if (!ok)
		snprintf(err->text, sizeof(err->text), "bad value '%s' for %s", shown, word);
	return ok;
}

/* The program and its arguments, packed into svc->args. */
static bool conf_program(char **words, int n, init_service_t *svc, conf_err_t *err)
{
	size_t used = 0;

	if (n == 0) {
		snprintf(err->text, sizeof(err->text), "no program after '--'");
		return false;
	}
	if (words[0][0] != '/' && !strchr(words[0], ':')) {
		snprintf(err->text, sizeof(err->text),
			 "program '%s' is neither an absolute path nor a URL", words[0]);
		return false;
	}
	if (n > INIT_ARGV_MAX) {
		snprintf(err->text, sizeof(err->text), "more than %d words of program and arguments",
			 INIT_ARGV_MAX);
		return false;
	}
	for (int i = 0; i < n; i++) {
		size_t len = strlen(words[i]) + 1;
		if (used + len > sizeof(svc->args)) {
			snprintf(err->text, sizeof(err->text), "program and arguments too long");
			return false;
		}
		memcpy(svc->args + used, words[i], len);
		used += len;
	}
	svc->argc = n;
	return true;
}

static void conf_defaults(init_service_t *svc, int line)
{
	memset(svc, 0, sizeof(*svc));
	svc->ready = INIT_READY_START;
	svc->restart = INIT_RESTART_ALWAYS;
	svc->modes = INIT_MODE_SYSTEM;
	svc->stop_signal = SIGTERM;
	svc->ready_timeout_ms = INIT_READY_TIMEOUT_MS;
	svc->backoff_first_ms = INIT_BACKOFF_FIRST_MS;
	svc->backoff_max_ms = INIT_BACKOFF_MAX_MS;
	svc->give_up_count = INIT_GIVE_UP_COUNT;
	svc->give_up_window_ms = INIT_GIVE_UP_WINDOW_MS;
	svc->line = line;
	svc->ready_fd = -1;
}

static int conf_find(const init_conf_t *c, const char *name)
{
	for (int i = 0; i < c->count; i++)
		if (strcmp(c->svc[i].name, name) == 0)
			return i;
	return -1;
}

/* `service NAME [KEY=VALUE...] -- PROGRAM [ARG...]` into the next record. */
static bool conf_service(init_conf_t *c, char **w, int n, int line, conf_err_t *err)
{
	init_service_t *svc = &c->svc[c->count];
	int i;

	if (strcmp(w[0], "service") != 0) {
		snprintf(err->text, sizeof(err->text), "unknown directive '%s'", w[0]);
		return false;
	}
	if (n < 2 || strcmp(w[1], "--") == 0) {
		snprintf(err->text, sizeof(err->text), "a service needs a name");
		return false;
	}
	if (!conf_name_valid(w[1])) {
		snprintf(err->text, sizeof(err->text),
			 "bad service name '%s' (letters, digits, '-', '_', '.'; at most %d)",
			 w[1], INIT_NAME_MAX - 1);
		return false;
	}
	if (conf_find(c, w[1]) >= 0) {
		snprintf(err->text, sizeof(err->text), "service '%s' is already defined", w[1]);
		return false;
	}
	if (c->count == INIT_SERVICES_MAX) {
		snprintf(err->text, sizeof(err->text), "more than %d services", INIT_SERVICES_MAX);
		return false;
	}
	conf_defaults(svc, line);
	strcpy(svc->name, w[1]);
	for (i = 2; i < n && strcmp(w[i], "--") != 0; i++)
		if (!conf_option(w[i], svc, err))
			return false;
	if (i == n) {
		snprintf(err->text, sizeof(err->text), "no '-- PROGRAM' at the end");
		return false;
	}
	if (!conf_program(w + i + 1, n - i - 1, svc, err))
		return false;
	c->count++;
	return true;
}

/* One logical line; false (err set) if it is bad. */
static bool conf_line(init_conf_t *c, char *text, int line, conf_err_t *err)
{
	char *words[CONF_WORDS_MAX];
	int n = conf_split(text, words, CONF_WORDS_MAX);

	if (n == -1) {
		snprintf(err->text, sizeof(err->text), "more than %d words", CONF_WORDS_MAX);
		return false;
	}
	if (n == -2) {
		snprintf(err->text, sizeof(err->text), "a quote is not closed");
		return false;
	}
	return n == 0 || conf_service(c, words, n, line, err);
}

/* The physical line at *p (without its '\n'), comment stripped, appended
 * to buf; *p moves past it. False if buf would overflow. */
static bool conf_append(char *buf, size_t *len, const char **p)
{
	const char *nl = strchr(*p, '\n');
	size_t n = nl ? (size_t)(nl - *p) : strlen(*p);
	char piece[CONF_LINE_MAX];
	bool fits = n < sizeof(piece);

	if (fits) {
		memcpy(piece, *p, n);
		piece[n] = '\0';
		conf_strip_comment(piece);
		size_t m = strlen(piece);
		fits = *len + m + 2 <= CONF_LINE_MAX;
		if (fits) {
			if (*len)
				buf[(*len)++] = ' ';
			memcpy(buf + *len, piece, m + 1);
			*len += m;
		}
	}
	*p += n + (nl ? 1 : 0);
	return fits;
}

int init_conf_parse(init_conf_t *c, const char *file, const char *text)
{
	char buf[CONF_LINE_MAX];
	const char *p = text;
	int lineno = 0, skipped = 0;

	memset(c, 0, sizeof(*c));
	while (*p) {
		int first = ++lineno;
		size_t len = 0;
		bool fits = conf_append(buf, &len, &p);
		while (*p == ' ' || *p == '\t') {
			lineno++;
			fits = conf_append(buf, &len, &p) && fits;
		}
		conf_err_t err = { "line too long" };
		if (!fits || !conf_line(c, buf, first, &err)) {
			init_log("%s:%d: %s; line skipped", file, first, err.text);
			skipped++;
		}
	}
	return skipped;
}

/* The new last service's needs, as indexes; false if one is not there. */
static bool conf_add_needs(init_conf_t *c, init_service_t *v, char *err, size_t size)
{
	for (int k = 0; k < v->nneeds; k++) {
		v->needs[k] = conf_find(c, v->need_names[k]);
		if (v->needs[k] < 0 || v->needs[k] == c->count - 1) {
			snprintf(err, size, "it needs '%s', which is not a service", v->need_names[k]);
			return false;
		}
	}
	return true;
}

int init_conf_add(init_conf_t *c, const char *text, unsigned caller_privileges, char *err,
		  size_t size)
{
	char buf[CONF_LINE_MAX];
	size_t len = strlen(text);
	conf_err_t e = { "" };

	while (len && text[len - 1] == '\n')
		len--;
	if (len >= sizeof(buf) || memchr(text, '\n', len)) {
		snprintf(err, size, len >= sizeof(buf) ? "line too long" : "one line, please");
		return -EINVAL;
	}
	memcpy(buf, text, len);
	buf[len] = '\0';
	conf_strip_comment(buf);
	int before = c->count;
	bool ok = conf_line(c, buf, 0, &e);
	if (!ok || c->count == before) {
		snprintf(err, size, "%s", ok ? "no service on the line" : e.text);
		if (strstr(e.text, "already defined"))
			return -EEXIST;
		return c->count == INIT_SERVICES_MAX ? -ENOSPC : -EINVAL;
	}
	init_service_t *v = &c->svc[c->count - 1];
	int rc = 0;
	if (v->privileges & ~caller_privileges) {
		snprintf(err, size, "it would get privileges its requester does not hold");
		rc = -EPERM;
	} else if (!conf_add_needs(c, v, err, size)) {
		rc = -ENOENT;
	}
	if (rc) {
		c->count--;
		return rc;
	}
	/* Before the first service still waiting: a driver pcid asks for
	 * while it starts comes before what waits for pcid (the file system
	 * that needs the driver's disk), since init starts one at a time. */
	int at = 0;
	while (at < c->norder && c->svc[c->order[at]].state != INIT_SVC_WAITING)
		at++;
	memmove(&c->order[at + 1], &c->order[at], (size_t)(c->norder - at) * sizeof(c->order[0]));
	c->order[at] = c->count - 1;
	c->norder++;
	v->state = INIT_SVC_WAITING;
	return c->count - 1;
}

void init_conf_argv(const init_service_t *s, char *argv[INIT_ARGV_MAX + 1])
{
	const char *p = s->args;

	for (int i = 0; i < s->argc; i++) {
		argv[i] = (char *)p;
		p += strlen(p) + 1;
	}
	argv[s->argc] = NULL;
}
