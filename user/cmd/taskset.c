// SPDX-License-Identifier: MIT
/*
 * taskset: runs a command on a set of CPUs, or shows or changes the CPUs
 * a running process may use. The set is a hexadecimal mask (bit n is CPU
 * n, as sched_setaffinity's cpu_set_t) or, with -c, a list like 0,2-3.
 * A command is run by setting taskset's own mask and exec'ing it, so it
 * and everything it starts inherit the set. With -p the operand is a
 * pid; the mask of that process's first thread is what is shown or set
 * (Tessera, like Linux, keeps a mask per thread).
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    taskset - run a command on chosen CPUs, or change a process's CPUs\n\n"
	"SYNOPSIS\n"
	"    taskset [-c] MASK|LIST COMMAND [ARG...]\n"
	"    taskset -p [-c] [MASK|LIST] PID\n\n"
	"DESCRIPTION\n"
	"    The first form runs COMMAND with its ARGs on the CPUs given; what it\n"
	"    starts stays on them too. The second shows the CPUs process PID may\n"
	"    run on or, given a MASK or LIST, sets them and shows the old and the\n"
	"    new set. PID 0 is taskset itself.\n\n"
	"    A MASK is hexadecimal, bit n standing for CPU n: 1 is CPU 0, 3 CPUs 0\n"
	"    and 1, 0x5 CPUs 0 and 2. A LIST (with -c) is CPU numbers and ranges\n"
	"    separated by commas: 0,2-3.\n\n"
	"OPTIONS\n"
	"    -c, --cpu-list  the set is a LIST, and sets are shown as lists\n"
	"    -p, --pid       operate on the process PID instead of running a command\n\n"
	"EXIT STATUS\n"
	"    COMMAND's status when one is run (127 if it was not found, 126 if it\n"
	"    could not be run); otherwise 0, 1 if the set could not be read or\n"
	"    changed, 2 for a usage error.\n";

/* Parses a hexadecimal mask, lowest CPU rightmost; false if malformed. */
static bool taskset_parse_mask(const char *s, cpu_set_t *set)
{
	CPU_ZERO(set);
	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	size_t len = strlen(s);
	if (len == 0 || len > CPU_SETSIZE / 4)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[len - 1 - i];
		int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (v < 0)
			return false;
		for (int bit = 0; bit < 4; bit++)
			if (v & (1 << bit))
				CPU_SET(4 * i + (size_t)bit, set);
	}
	return true;
}

/* A CPU number at *s, advancing it; -1 if there is none or it is too big. */
static int taskset_parse_cpu(const char **s)
{
	long v = 0;

	if (**s < '0' || **s > '9')
		return -1;
	while (**s >= '0' && **s <= '9') {
		v = v * 10 + (**s - '0');
		if (v >= CPU_SETSIZE)
			return -1;
		(*s)++;
	}
	return (int)v;
}

/* Parses a list such as 0,2-3; false if malformed. */
static bool taskset_parse_list(const char *s, cpu_set_t *set)
{
	CPU_ZERO(set);
	for (;;) {
		int first = taskset_parse_cpu(&s), last = first;
		if (first < 0)
			return false;
		if (*s == '-') {
			s++;
			last = taskset_parse_cpu(&s);
			if (last < first)
				return false;
		}
		for (int cpu = first; cpu <= last; cpu++)
			CPU_SET(cpu, set);
		if (*s == '\0')
			return true;
		if (*s++ != ',')
			return false;
	}
}

static void taskset_print_mask(const cpu_set_t *set)
{
	int top = -1;

	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, set))
			top = cpu;
	for (int nibble = top < 0 ? 0 : top / 4; nibble >= 0; nibble--) {
		int v = 0;
		for (int bit = 0; bit < 4; bit++)
			v |= CPU_ISSET(4 * nibble + bit, set) ? 1 << bit : 0;
		putchar("0123456789abcdef"[v]);
	}
}

static void taskset_print_list(const cpu_set_t *set)
{
	const char *sep = "";

	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, set))
			continue;
		int last = cpu;
		while (last + 1 < CPU_SETSIZE && CPU_ISSET(last + 1, set))
			last++;
		if (last == cpu)
			printf("%s%d", sep, cpu);
		else
			printf("%s%d-%d", sep, cpu, last);
		sep = ",";
		cpu = last;
	}
}

/* "pid N's WHICH affinity mask: f" (or "list: 0-3" with -c). */
static void taskset_show(pid_t pid, const char *which, const cpu_set_t *set, bool list)
{
	printf("pid %d's %s affinity %s: ", (int)pid, which, list ? "list" : "mask");
	if (list)
		taskset_print_list(set);
	else
		taskset_print_mask(set);
	putchar('\n');
}

static pid_t taskset_parse_pid(const char *s)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (end == s || *end || errno || v < 0 || v > 0x7fffffff)
		cmd_usage_error("invalid PID '%s'", s);
	return (pid_t)v;
}

/* -p: shows PID's set and, given one, sets it and shows the new set. */
static int taskset_pid(const cpu_set_t *want, pid_t pid, bool list)
{
	cpu_set_t set;

	if (sched_getaffinity(pid, sizeof(set), &set) != 0)
		cmd_die("cannot get pid %d's affinity: %s", (int)pid, strerror(errno));
	taskset_show(pid, "current", &set, list);
	if (want) {
		if (sched_setaffinity(pid, sizeof(*want), want) != 0)
			cmd_die("cannot set pid %d's affinity: %s", (int)pid, strerror(errno));
		if (sched_getaffinity(pid, sizeof(set), &set) != 0)
			cmd_die("cannot get pid %d's affinity: %s", (int)pid, strerror(errno));
		taskset_show(pid, "new", &set, list);
	}
	cmd_flush_stdout();
	return 0;
}

int main(int argc, char **argv)
{
	bool list = false, by_pid = false;
	cpu_set_t want;
	int c;

	cmd_start(argc, argv, help);
	for (int i = 1; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--cpu-list") == 0)
			argv[i] = "-c";
		else if (strcmp(argv[i], "--pid") == 0)
			argv[i] = "-p";
	}
	while ((c = fileutil_option_next(argc, argv, "+cp")) != -1) {
		if (c == 'c')
			list = true;
		else
			by_pid = true;
	}
	int left = argc - optind;
	if (left < 1 || (!by_pid && left < 2) || (by_pid && left > 2))
		cmd_usage_error(left < 1 ? "missing operand" : by_pid ? "too many operands"
								      : "missing command");
	const char *set_arg = by_pid && left == 1 ? NULL : argv[optind];
	if (set_arg && !(list ? taskset_parse_list(set_arg, &want)
			      : taskset_parse_mask(set_arg, &want)))
		cmd_usage_error("invalid CPU %s '%s'", list ? "list" : "mask", set_arg);
	if (by_pid)
		return taskset_pid(set_arg ? &want : NULL, taskset_parse_pid(argv[argc - 1]), list);

	if (sched_setaffinity(0, sizeof(want), &want) != 0)
		cmd_die("cannot run on CPUs '%s': %s", set_arg, strerror(errno));
	char **command = argv + optind + 1;
	execvp(command[0], command);
	int err = errno;
	cmd_warn("%s: %s", command[0], strerror(err));
	return err == ENOENT ? 127 : 126;
}
