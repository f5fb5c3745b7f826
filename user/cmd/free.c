// SPDX-License-Identifier: MIT
/*
 * free: how much memory is used and free, laid out as procps's free is
 * (the columns people know), from sysview.h: `sys:meminfo` in Tessera,
 * /proc/meminfo on the host. Tessera has no page cache and no swap, so
 * there shared and buff/cache are 0, available is free, and the Swap line
 * is zeros. used = total - available, as procps counts it now.
 */
#include "cmd.h"
#include "sysview.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    free - show the amount of used and free memory\n\n"
	"SYNOPSIS\n    free [-b | -k | -m | -g | -h]\n\n"
	"DESCRIPTION\n"
	"    Prints a line of headings, then Mem: total, used, free, shared,\n"
	"    buff/cache and available memory, then Swap: total, used and free.\n"
	"    In Tessera the numbers come from sys:meminfo.\n\n"
	"OPTIONS\n"
	"    -b    in bytes\n"
	"    -k    in KiB (the default)\n"
	"    -m    in MiB\n"
	"    -g    in GiB\n"
	"    -h    each number in the largest unit that keeps it below 1024,\n"
	"          with the unit's name (B, Ki, Mi, Gi, Ti)\n\n"
	"EXIT STATUS\n"
	"    0, 1 if the memory figures cannot be read, 2 on a usage error.\n";

typedef enum { FREE_B, FREE_K, FREE_M, FREE_G, FREE_HUMAN } free_unit_t;

/* kib as the unit asks, into out. Whole units are rounded down. */
static void free_format(uint64_t kib, free_unit_t unit, char *out, size_t size)
{
	static const char *const names[] = { "Ki", "Mi", "Gi", "Ti", "Pi" };

	switch (unit) {
	case FREE_B:
		snprintf(out, size, "%llu", (unsigned long long)kib * 1024);
		return;
	case FREE_K:
		snprintf(out, size, "%llu", (unsigned long long)kib);
		return;
	case FREE_M:
		snprintf(out, size, "%llu", (unsigned long long)(kib >> 10));
		return;
	case FREE_G:
		snprintf(out, size, "%llu", (unsigned long long)(kib >> 20));
		return;
	case FREE_HUMAN:
		break;
	}
	if (kib == 0) {
		snprintf(out, size, "0B");
		return;
	}
	double v = (double)kib;
	int i = 0;
	while (v >= 1024 && i < 4) {
		v /= 1024;
		i++;
	}
	if (v < 10)
		snprintf(out, size, "%.1f%s", v, names[i]);
	else
		snprintf(out, size, "%.0f%s", v, names[i]);
}

static void free_row(const char *label, const uint64_t *kib, int n, free_unit_t unit)
{
	char cell[32];

	printf("%-6s", label);
	for (int i = 0; i < n; i++) {
		free_format(kib[i], unit, cell, sizeof(cell));
		printf("%12s", cell);
	}
	putchar('\n');
}

int main(int argc, char **argv)
{
	free_unit_t unit = FREE_K;
	sysview_mem_t m;
	int opt, err;

	cmd_start(argc, argv, help);
	opterr = 0;
	while ((opt = getopt(argc, argv, "bkmgh")) != -1) {
		switch (opt) {
		case 'b': unit = FREE_B; break;
		case 'k': unit = FREE_K; break;
		case 'm': unit = FREE_M; break;
		case 'g': unit = FREE_G; break;
		case 'h': unit = FREE_HUMAN; break;
		default: cmd_usage_error("invalid option -- '%c'", optopt);
		}
	}
	if (optind < argc)
		cmd_usage_error("extra operand '%s'", argv[optind]);
	err = sysview_mem_read(&m);
	if (err)
		cmd_die("cannot read the memory figures: %s", strerror(-err));

	uint64_t used = m.total_kib - m.available_kib;
	const uint64_t mem[] = { m.total_kib, used, m.free_kib, m.shared_kib, m.cache_kib,
				 m.available_kib };
	const uint64_t swap[] = { m.swap_total_kib, m.swap_total_kib - m.swap_free_kib,
				  m.swap_free_kib };
	printf("%-6s%12s%12s%12s%12s%12s%12s\n", "", "total", "used", "free", "shared",
	       "buff/cache", "available");
	free_row("Mem:", mem, 6, unit);
	free_row("Swap:", swap, 3, unit);
	cmd_flush_stdout();
	return 0;
}
