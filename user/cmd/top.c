// SPDX-License-Identifier: MIT
/*
 * top: a refreshing view of the busiest processes, the load of each CPU
 * and the memory, from sysview.h (Tessera's proc: and sys:, or /proc on
 * the host).
 *
 * Use of the CPU is what changed between two samples: a process's CPU
 * time against the time that passed, a CPU's busy time against its
 * elapsed time, so the first frame comes after a short first interval.
 * On a terminal the screen is redrawn in place (cursor home, each line
 * cleared to its end) and the terminal is put in non-canonical mode
 * without echo so that `q` quits at once; it keeps ISIG, so Ctrl-C sends
 * SIGINT, which top catches to restore the terminal before it dies of
 * that signal as usual. -b (batch), or output that is not a terminal,
 * prints frames one after another with every process and no escapes —
 * what scripts and tests read.
 */
#include "cmd.h"
#include "sysview.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    top - show the busiest processes, CPU load and memory\n\n"
	"SYNOPSIS\n    top [-b] [-n iterations] [-d seconds]\n\n"
	"DESCRIPTION\n"
	"    Redraws the screen every few seconds with the uptime, the number of\n"
	"    processes, the share of time each CPU was busy, the memory, and the\n"
	"    processes sorted by their use of the CPU in the last interval\n"
	"    (%CPU: 100 is one CPU's worth). Press q to quit (Ctrl-C works too);\n"
	"    any other key redraws at once.\n\n"
	"OPTIONS\n"
	"    -b              batch mode: print frames one after another, every\n"
	"                    process, no screen control and no keys (also when\n"
	"                    the output is not a terminal)\n"
	"    -n iterations   stop after that many frames\n"
	"    -d seconds      the interval between frames (default 2; fractions\n"
	"                    allowed)\n\n"
	"EXIT STATUS\n"
	"    0, 1 if the system's figures cannot be read, 2 on a usage error.\n";

#define TOP_FIRST_INTERVAL_NS 500000000ull

typedef struct top_sample {
	sysview_proc_t *procs;
	int nprocs;
	sysview_cpus_t cpus;
	sysview_mem_t mem;
	uint64_t wall_ns;
} top_sample_t;

typedef struct top_row {
	const sysview_proc_t *proc;
	double cpu_percent;
} top_row_t;

static volatile sig_atomic_t top_signal;     /* a signal that ends top */
static volatile sig_atomic_t top_resized;
static struct termios top_saved_termios;
static bool top_raw;

static uint64_t top_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static void top_sample_take(top_sample_t *s)
{
	int err;

	s->nprocs = sysview_procs_read(&s->procs);
	if (s->nprocs < 0)
		cmd_die("cannot read the process list: %s", strerror(-s->nprocs));
	err = sysview_cpus_read(&s->cpus);
	if (!err)
		err = sysview_mem_read(&s->mem);
	if (err)
		cmd_die("cannot read the system's figures: %s", strerror(-err));
	s->wall_ns = top_now_ns();
}

static int top_cmp_pid(const void *key, const void *elem)
{
	int pid = *(const int *)key, other = ((const sysview_proc_t *)elem)->pid;

	return (pid > other) - (pid < other);
}

/* Busiest first, then most CPU time, then the lowest pid. */
static int top_cmp_rows(const void *a, const void *b)
{
	const top_row_t *x = a, *y = b;

	if (x->cpu_percent != y->cpu_percent)
		return x->cpu_percent < y->cpu_percent ? 1 : -1;
	if (x->proc->cpu_ns != y->proc->cpu_ns)
		return x->proc->cpu_ns < y->proc->cpu_ns ? 1 : -1;
	return (x->proc->pid > y->proc->pid) - (x->proc->pid < y->proc->pid);
}

/* The rows of cur, each with its share of the CPU since prev. */
static top_row_t *top_rows(const top_sample_t *prev, const top_sample_t *cur)
{
	top_row_t *rows = calloc((size_t)cur->nprocs + 1, sizeof(*rows));
	double wall = (double)(cur->wall_ns - prev->wall_ns);

	if (!rows)
		cmd_die("out of memory");
	for (int i = 0; i < cur->nprocs; i++) {
		const sysview_proc_t *p = &cur->procs[i];
		const sysview_proc_t *old = bsearch(&p->pid, prev->procs, (size_t)prev->nprocs,
						    sizeof(*old), top_cmp_pid);
		uint64_t before = old && old->cpu_ns <= p->cpu_ns ? old->cpu_ns : 0;
		rows[i].proc = p;
		rows[i].cpu_percent = wall > 0 ? (double)(p->cpu_ns - before) * 100.0 / wall : 0;
	}
	qsort(rows, (size_t)cur->nprocs, sizeof(*rows), top_cmp_rows);
	return rows;
}

static double top_cpu_percent(const top_sample_t *prev, const top_sample_t *cur, int i)
{
	if (i >= prev->cpus.count)
		return 0;
	uint64_t busy = cur->cpus.busy_ns[i] - prev->cpus.busy_ns[i];
	uint64_t total = cur->cpus.total_ns[i] - prev->cpus.total_ns[i];
	double pct = total ? (double)busy * 100.0 / (double)total : 0;

	return pct > 100 ? 100 : pct;
}

/* One output line: cut to the screen's width when there is a screen. */
static void top_line(bool screen, int cols, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void top_line(bool screen, int cols, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (screen) {
		if (cols > 0 && cols < (int)sizeof(line))
			line[cols] = '\0';
		printf("%s\033[K\n", line);
	} else {
		printf("%s\n", line);
	}
}

static void top_header(const top_sample_t *prev, const top_sample_t *cur, bool screen, int cols)
{
	uint64_t up = cur->cpus.uptime_ns / 1000000000ull;
	double all = 0;
	char cpus[512];
	size_t len = 0;

	for (int i = 0; i < cur->cpus.count; i++)
		all += top_cpu_percent(prev, cur, i);
	top_line(screen, cols, "top - up %llu:%02llu:%02llu, %d processes, %d CPUs, %.1f%% busy",
		 (unsigned long long)(up / 3600), (unsigned long long)(up / 60 % 60),
		 (unsigned long long)(up % 60), cur->nprocs, cur->cpus.count,
		 cur->cpus.count ? all / cur->cpus.count : 0);
	for (int i = 0; i < cur->cpus.count; i++) {
		len += (size_t)snprintf(cpus + len, sizeof(cpus) - len, "%scpu%-3d %5.1f%%",
					i % 4 ? "   " : "", i, top_cpu_percent(prev, cur, i));
		if (i % 4 == 3 || i == cur->cpus.count - 1) {
			top_line(screen, cols, "%s", cpus);
			len = 0;
		}
	}
	const sysview_mem_t *m = &cur->mem;
	top_line(screen, cols, "KiB Mem: %llu total, %llu used, %llu free, %llu available",
		 (unsigned long long)m->total_kib,
		 (unsigned long long)(m->total_kib - m->available_kib),
		 (unsigned long long)m->free_kib, (unsigned long long)m->available_kib);
	top_line(screen, cols, "%s", "");
}

static void top_frame(const top_sample_t *prev, const top_sample_t *cur, bool screen)
{
	struct winsize ws = { 0 };
	int rows_left = -1, cols = 0;
	top_row_t *rows = top_rows(prev, cur);

	if (screen) {
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) < 0 || ws.ws_row == 0)
			ws.ws_row = 24, ws.ws_col = 80;
		cols = ws.ws_col;
		printf("\033[H");
	}
	top_header(prev, cur, screen, cols);
	if (screen)
		rows_left = ws.ws_row - 6 - (cur->cpus.count + 3) / 4;
	top_line(screen, cols, "%5s %5s %-1s %4s %6s %8s %s", "PID", "PPID", "S", "NLWP", "%CPU",
		 "TIME", "COMMAND");
	for (int i = 0; i < cur->nprocs && rows_left != 0; i++, rows_left--) {
		const sysview_proc_t *p = rows[i].proc;
		unsigned long long s = p->cpu_ns / 1000000000ull;
		top_line(screen, cols, "%5d %5d %c %4d %6.1f %02llu:%02llu:%02llu %s", p->pid,
			 p->ppid, p->state, p->threads, rows[i].cpu_percent, s / 3600,
			 s / 60 % 60, s % 60, p->name);
	}
	if (screen)
		printf("\033[J");
	else
		putchar('\n');
	fflush(stdout);
	free(rows);
}

static void top_on_signal(int sig)
{
	if (sig == SIGWINCH)
		top_resized = 1;
	else
		top_signal = sig;
}

/* Also from atexit, so that cmd_die leaves the terminal as it was. */
static void top_terminal_restore(void)
{
	if (top_raw)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &top_saved_termios);
	top_raw = false;
}

static void top_terminal_setup(bool keys)
{
	struct sigaction sa = { 0 };
	struct termios t;

	sa.sa_handler = top_on_signal;  /* no SA_RESTART: waits end early */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGWINCH, &sa, NULL);
	if (!keys || tcgetattr(STDIN_FILENO, &top_saved_termios) < 0)
		return;
	t = top_saved_termios;
	t.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	top_raw = tcsetattr(STDIN_FILENO, TCSAFLUSH, &t) == 0;
	atexit(top_terminal_restore);
}

/*
 * Waits up to ns for a key (when keys is true); false when top should
 * stop (q, or a signal).
 */
static bool top_wait(uint64_t ns, bool *keys)
{
	uint64_t end = top_now_ns() + ns;

	while (!top_signal) {
		if (top_resized) {
			top_resized = 0;
			return true;    /* redraw for the new size now */
		}
		uint64_t now = top_now_ns();
		if (now >= end)
			return true;
		int ms = (int)((end - now + 999999) / 1000000);
		if (!*keys) {
			struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (ms % 1000) * 1000000L };
			nanosleep(&ts, NULL);
			continue;
		}
		struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
		int r = poll(&pfd, 1, ms);
		if (r <= 0)
			continue;       /* timeout, or EINTR: the loop decides */
		char c;
		ssize_t n = read(STDIN_FILENO, &c, 1);
		if (n <= 0) {
			*keys = false;  /* end of input: just keep time */
			continue;
		}
		if (c == 'q' || c == 'Q' || c == 4)
			return false;
		return true;            /* any other key: redraw now */
	}
	return false;
}

static double top_parse_seconds(const char *s)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v > 0) || v > 86400)
		cmd_usage_error("%s: invalid interval (seconds above 0)", s);
	return v;
}

static long top_parse_count(const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (end == s || *end || v <= 0)
		cmd_usage_error("%s: invalid number of iterations", s);
	return v;
}

int main(int argc, char **argv)
{
	bool batch = false, keys, screen;
	long iterations = 0;        /* 0: until q */
	double delay = 2;
	top_sample_t prev, cur;
	int opt;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, ":bn:d:")) != -1) {
		switch (opt) {
		case 'b': batch = true; break;
		case 'n': iterations = top_parse_count(optarg); break;
		case 'd': delay = top_parse_seconds(optarg); break;
		case ':': cmd_usage_error("option requires an argument -- '%c'", optopt);
		default: cmd_usage_error("invalid option -- '%c'", optopt);
		}
	}
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	screen = !batch && isatty(STDOUT_FILENO);
	keys = screen && isatty(STDIN_FILENO);
	top_terminal_setup(keys);
	if (screen)
		printf("\033[H\033[2J");

	uint64_t interval = (uint64_t)(delay * 1e9);
	uint64_t first = interval < TOP_FIRST_INTERVAL_NS ? interval : TOP_FIRST_INTERVAL_NS;
	top_sample_take(&prev);
	bool go_on = top_wait(first, &keys);
	for (long frame = 0; go_on; frame++) {
		top_sample_take(&cur);
		top_frame(&prev, &cur, screen);
		free(prev.procs);
		prev = cur;
		if (iterations && frame + 1 >= iterations)
			break;
		go_on = top_wait(interval, &keys);
	}
	free(prev.procs);
	top_terminal_restore();
	if (top_signal) {
		signal(top_signal, SIG_DFL);
		raise(top_signal);
	}
	return 0;
}
