// SPDX-License-Identifier: MIT
/*
 * The two small parsers rootfs decides with (rootfs.h): kernel command
 * line words are separated by spaces, and init's own arguments follow a
 * lone `--`, so only the words before it are the kernel's. A table line
 * for a GPT partition ends with `name NAME`, the name running to the end
 * of the line.
 */
#include "rootfs.h"

#include <stdlib.h>
#include <string.h>

bool rootfs_cmdline_root(const char *cmdline, char *out, size_t size)
{
	const char *p = cmdline;
	bool found = false;

	while (*p) {
		while (*p == ' ' || *p == '\n')
			p++;
		size_t n = strcspn(p, " \n");
		if (n == 2 && strncmp(p, "--", 2) == 0)
			break;
		if (n > 5 && strncmp(p, "root=", 5) == 0 && n - 5 < size) {
			memcpy(out, p + 5, n - 5);
			out[n - 5] = '\0';
			found = true;           /* the last one wins, as in Linux */
		}
		p += n;
	}
	return found;
}

int rootfs_table_find(const char *table, const char *label)
{
	const char *line = table;

	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		if (strncmp(line, "part ", 5) == 0) {
			const char *name = NULL;
			for (const char *q = line; q + 6 <= line + len; q++)
				if (strncmp(q, " name ", 6) == 0) {
					name = q + 6;
					break;
				}
			size_t want = strlen(label);
			if (name && (size_t)(line + len - name) == want && strncmp(name, label, want) == 0)
				return atoi(line + 5);
		}
		line = end ? end + 1 : NULL;
	}
	return -1;
}
