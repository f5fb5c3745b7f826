// SPDX-License-Identifier: MIT
/*
 * ps: report processes, as POSIX describes it, from sysview.h (Tessera's
 * proc: scheme, or /proc on the host).
 *
 * The output is a table of fields: the default PID PPID STAT TIME CMD,
 * -f's longer set, or -o's list (POSIX field names, `name=header` to
 * rename or, with an empty header, hide a heading; a line of headings is
 * printed unless every one is empty). Columns are as wide as their widest
 * cell, numbers right-aligned; the last column is not padded. Without -e
 * or -p, ps shows the processes of its own session — the closest thing
 * to POSIX's "same terminal" that both systems can tell.
 */
#include "cmd.h"
#include "sysview.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    ps - report processes\n\n"
	"SYNOPSIS\n    ps [-Aef] [-o format]... [-p pidlist]...\n\n"
	"DESCRIPTION\n"
	"    Prints one line per process, under a line of headings. Without -A, -e\n"
	"    or -p it shows the processes in its own session. In Tessera the data\n"
	"    come from proc: (state, threads and CPU time per process); on other\n"
	"    systems from /proc.\n\n"
	"OPTIONS\n"
	"    -A, -e        every process\n"
	"    -f            the full listing: UID PID PPID PGID SID NLWP STAT TIME CMD\n"
	"    -o format     the fields to show, separated by commas or blanks; each\n"
	"                  may be followed by =header (the rest of the argument);\n"
	"                  an empty header hides the heading. Fields: pid ppid pgid\n"
	"                  sid (sess) uid user stat (s, state) nlwp (thcount) time\n"
	"                  (cputime) comm (ucomm) args (cmd, command)\n"
	"    -p pidlist    only the processes whose ids are listed (commas or blanks)\n\n"
	"EXIT STATUS\n"
	"    0 when some process was shown (or none was asked for by -p), 1 when\n"
	"    none of -p's processes exists or the list cannot be read, 2 on a\n"
	"    usage error.\n";

typedef enum { PS_LEFT, PS_RIGHT } ps_align_t;

typedef struct ps_field {
	const char *name;
	const char *header;
	ps_align_t align;
	void (*format)(const sysview_proc_t *p, char *out, size_t size);
} ps_field_t;

typedef struct ps_column {
	const ps_field_t *field;
	const char *header;
	size_t width;
} ps_column_t;

#define PS_MAX_COLUMNS 32
#define PS_MAX_PIDS    256
#define PS_CELL        SYSVIEW_ARGS_MAX

static ps_column_t ps_columns[PS_MAX_COLUMNS];
static int ps_ncolumns;
static int ps_pids[PS_MAX_PIDS];
static int ps_npids;

/* The fields that print one member of the record as it is. */
#define PS_FMT_MEMBER(name, conv, member)                                     \
	static void ps_fmt_##name(const sysview_proc_t *p, char *o, size_t n) \
	{                                                                     \
		snprintf(o, n, conv, p->member);                              \
	}
PS_FMT_MEMBER(pid, "%d", pid)
PS_FMT_MEMBER(ppid, "%d", ppid)
PS_FMT_MEMBER(pgid, "%d", pgid)
PS_FMT_MEMBER(sid, "%d", sid)
PS_FMT_MEMBER(uid, "%u", uid)
PS_FMT_MEMBER(nlwp, "%d", threads)
PS_FMT_MEMBER(stat, "%c", state)
PS_FMT_MEMBER(comm, "%s", name)
PS_FMT_MEMBER(args, "%s", args)
#undef PS_FMT_MEMBER

static void ps_fmt_user(const sysview_proc_t *p, char *o, size_t n)
{
	struct passwd *pw = getpwuid(p->uid);

	if (pw)
		snprintf(o, n, "%s", pw->pw_name);
	else
		snprintf(o, n, "%u", p->uid);
}

/* POSIX's [dd-]hh:mm:ss. */
static void ps_fmt_time(const sysview_proc_t *p, char *o, size_t n)
{
	unsigned long long s = p->cpu_ns / 1000000000ull;
	unsigned long long d = s / 86400;

	if (d)
		snprintf(o, n, "%llu-%02llu:%02llu:%02llu", d, s / 3600 % 24, s / 60 % 60, s % 60);
	else
		snprintf(o, n, "%02llu:%02llu:%02llu", s / 3600, s / 60 % 60, s % 60);
}

static const ps_field_t ps_fields[] = {
	{ "pid", "PID", PS_RIGHT, ps_fmt_pid },
	{ "ppid", "PPID", PS_RIGHT, ps_fmt_ppid },
	{ "pgid", "PGID", PS_RIGHT, ps_fmt_pgid },
	{ "sid", "SID", PS_RIGHT, ps_fmt_sid },
	{ "sess", "SESS", PS_RIGHT, ps_fmt_sid },
	{ "uid", "UID", PS_RIGHT, ps_fmt_uid },
	{ "user", "USER", PS_LEFT, ps_fmt_user },
	{ "stat", "STAT", PS_LEFT, ps_fmt_stat },
	{ "s", "S", PS_LEFT, ps_fmt_stat },
	{ "state", "S", PS_LEFT, ps_fmt_stat },
	{ "nlwp", "NLWP", PS_RIGHT, ps_fmt_nlwp },
	{ "thcount", "THCNT", PS_RIGHT, ps_fmt_nlwp },
	{ "time", "TIME", PS_RIGHT, ps_fmt_time },
	{ "cputime", "TIME", PS_RIGHT, ps_fmt_time },
	{ "comm", "COMMAND", PS_LEFT, ps_fmt_comm },
	{ "ucomm", "COMMAND", PS_LEFT, ps_fmt_comm },
	{ "args", "COMMAND", PS_LEFT, ps_fmt_args },
	{ "cmd", "CMD", PS_LEFT, ps_fmt_args },
	{ "command", "COMMAND", PS_LEFT, ps_fmt_args },
};

static const ps_field_t *ps_field_find(const char *name, size_t len)
{
	for (size_t i = 0; i < sizeof(ps_fields) / sizeof(ps_fields[0]); i++)
		if (strlen(ps_fields[i].name) == len && strncmp(ps_fields[i].name, name, len) == 0)
			return &ps_fields[i];
	return NULL;
}

static void ps_column_add(const ps_field_t *f, const char *header)
{
	if (ps_ncolumns == PS_MAX_COLUMNS)
		cmd_usage_error("too many fields (at most %d)", PS_MAX_COLUMNS);
	ps_columns[ps_ncolumns].field = f;
	ps_columns[ps_ncolumns].header = header ? header : f->header;
	ps_ncolumns++;
}

/* One -o argument: names separated by commas or blanks, name=header ends it. */
static void ps_format_parse(char *spec)
{
	char *s = spec;

	for (;;) {
		s += strspn(s, ", \t");
		if (!*s)
			return;
		size_t len = strcspn(s, "=, \t");
		const ps_field_t *f = ps_field_find(s, len);
		if (!f)
			cmd_usage_error("unknown format field: %.*s", (int)len, s);
		if (s[len] == '=') {
			ps_column_add(f, s + len + 1);
			return;
		}
		ps_column_add(f, NULL);
		s += len;
	}
}

/* PID PPID STAT TIME CMD, or with -f UID PID PPID PGID SID NLWP STAT TIME CMD. */
static void ps_default_columns(bool full)
{
	static const char *const brief[] = { "pid", "ppid", "stat", "time", "cmd" };
	static const char *const longer[] = { "user", "pid", "ppid", "pgid", "sid",
					      "nlwp", "stat", "time", "cmd" };
	const char *const *names = full ? longer : brief;
	size_t n = full ? sizeof(longer) / sizeof(longer[0]) : sizeof(brief) / sizeof(brief[0]);

	for (size_t i = 0; i < n; i++) {
		const ps_field_t *f = ps_field_find(names[i], strlen(names[i]));
		ps_column_add(f, full && i == 0 ? "UID" : NULL);
	}
}

static void ps_pids_parse(const char *list)
{
	const char *s = list;

	for (;;) {
		s += strspn(s, ", \t");
		if (!*s)
			return;
		size_t len = strcspn(s, ", \t");
		char word[32], *end;
		snprintf(word, sizeof(word), "%.*s", (int)(len < 31 ? len : 31), s);
		long pid = strtol(word, &end, 10);
		if (*end || end == word || pid <= 0 || len >= sizeof(word))
			cmd_usage_error("invalid process ID: %.*s", (int)len, s);
		if (ps_npids == PS_MAX_PIDS)
			cmd_usage_error("too many process IDs (at most %d)", PS_MAX_PIDS);
		ps_pids[ps_npids++] = (int)pid;
		s += len;
	}
}

static bool ps_selected(const sysview_proc_t *p, bool all, int sid)
{
	if (all)
		return true;
	if (ps_npids) {
		for (int i = 0; i < ps_npids; i++)
			if (ps_pids[i] == p->pid)
				return true;
		return false;
	}
	return p->sid == sid;
}

/* One line of cells, padded to the column widths, without trailing blanks. */
static void ps_print_row(char cells[][PS_CELL])
{
	char line[PS_MAX_COLUMNS * (PS_CELL + 1) + 1];
	size_t len = 0;

	for (int c = 0; c < ps_ncolumns; c++) {
		bool last = c == ps_ncolumns - 1;
		int w = (int)ps_columns[c].width;
		if (ps_columns[c].field->align == PS_RIGHT)
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%*s", w, cells[c]);
		else
			len += (size_t)snprintf(line + len, sizeof(line) - len, "%-*s",
						last ? 0 : w, cells[c]);
		if (len > sizeof(line) - 2)
			len = sizeof(line) - 2;
		if (!last)
			line[len++] = ' ';
	}
	while (len > 0 && line[len - 1] == ' ')
		len--;
	line[len] = '\0';
	puts(line);
}

/* Widths from the headings and every selected row, then the table. */
static int ps_print(const sysview_proc_t *procs, int n, bool all)
{
	char (*cells)[PS_CELL] = malloc(sizeof(*cells) * (size_t)ps_ncolumns);
	bool headers = false;
	int sid = getsid(0), shown = 0;

	if (!cells)
		cmd_die("out of memory");
	for (int c = 0; c < ps_ncolumns; c++) {
		ps_columns[c].width = strlen(ps_columns[c].header);
		if (ps_columns[c].width >= PS_CELL)
			ps_columns[c].width = PS_CELL - 1;
		headers |= ps_columns[c].header[0] != '\0';
	}
	for (int i = 0; i < n; i++) {
		if (!ps_selected(&procs[i], all, sid))
			continue;
		for (int c = 0; c < ps_ncolumns; c++) {
			ps_columns[c].field->format(&procs[i], cells[c], PS_CELL);
			size_t len = strlen(cells[c]);
			if (len > ps_columns[c].width)
				ps_columns[c].width = len;
		}
	}
	if (headers) {
		for (int c = 0; c < ps_ncolumns; c++)
			snprintf(cells[c], PS_CELL, "%s", ps_columns[c].header);
		ps_print_row(cells);
	}
	for (int i = 0; i < n; i++) {
		if (!ps_selected(&procs[i], all, sid))
			continue;
		for (int c = 0; c < ps_ncolumns; c++)
			ps_columns[c].field->format(&procs[i], cells[c], PS_CELL);
		ps_print_row(cells);
		shown++;
	}
	free(cells);
	return shown;
}

int main(int argc, char **argv)
{
	bool all = false, full = false;
	sysview_proc_t *procs;
	int opt, n;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, ":Aefo:p:")) != -1) {
		switch (opt) {
		case 'A':
		case 'e':
			all = true;
			break;
		case 'f':
			full = true;
			break;
		case 'o':
			ps_format_parse(optarg);
			break;
		case 'p':
			ps_pids_parse(optarg);
			break;
		case ':':
			cmd_usage_error("option requires an argument -- '%c'", optopt);
		default:
			cmd_usage_error("invalid option -- '%c'", optopt);
		}
	}
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	if (ps_ncolumns == 0)
		ps_default_columns(full);
	n = sysview_procs_read(&procs);
	if (n < 0)
		cmd_die("cannot read the process list: %s", strerror(-n));
	int shown = ps_print(procs, n, all);
	free(procs);
	cmd_flush_stdout();
	return ps_npids && !shown ? 1 : 0;
}
