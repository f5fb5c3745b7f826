// SPDX-License-Identifier: MIT
/*
 * du: disk usage of files and trees, from st_blocks (512-byte units),
 * shown in KiB rounded up (as GNU's du and POSIX's -k; POSIX's default
 * of 512-byte units is not used). A file with several links, and with
 * -L a directory reached twice, is counted once: the (device, inode)
 * pairs seen are kept in a hash set. Symbolic links are not followed
 * unless -H (operands) or -L (all).
 */
#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char help[] =
	"NAME\n    du - estimate file space usage\n\n"
	"SYNOPSIS\n    du [-a|-s] [-chkx] [-H|-L] [FILE...]\n\n"
	"DESCRIPTION\n"
	"    Writes the space used by each FILE (the working directory if none),\n"
	"    and by every directory below it, in KiB rounded up, then a tab and\n"
	"    the name. A directory's figure includes everything in it. A file\n"
	"    with several links is counted once.\n\n"
	"OPTIONS\n"
	"    -a  write a line for files too, not only directories\n"
	"    -s  write only one line per FILE, its total\n"
	"    -c  write a grand total last, named \"total\"\n"
	"    -h  sizes for people (1.5K, 20M)\n"
	"    -k  units of 1024 bytes (the default)\n"
	"    -x  stay on the file system of each FILE\n"
	"    -H  follow symbolic links named as FILE\n"
	"    -L  follow every symbolic link\n\n"
	"EXIT STATUS\n"
	"    0 on success, 1 if anything could not be read, 2 on a usage error.\n";

typedef struct du_key {
	dev_t dev;
	ino_t ino;
} du_key_t;

typedef struct du_opts {
	bool all, summary, total, human, one_fs;
	char follow;            /* 'P', 'H' or 'L' */
	du_key_t *seen;         /* an open-addressed set of seen_cap slots */
	bool *used;             /* which slots hold a key */
	size_t seen_cap, seen_count;
} du_opts_t;

static size_t du_hash(const du_key_t *k)
{
	uint64_t h = ((uint64_t)k->dev * 0x9e3779b97f4a7c15ull) ^ (uint64_t)k->ino;

	return (size_t)(h ^ (h >> 29)) * 0xbf58476d1ce4e5b9ull;
}

static void du_seen_grow(du_opts_t *o);

/* Adds (dev, ino); false if it was there already. */
static bool du_seen_add(du_opts_t *o, dev_t dev, ino_t ino)
{
	du_key_t k = { dev, ino };

	if ((o->seen_count + 1) * 2 > o->seen_cap)
		du_seen_grow(o);
	for (size_t i = du_hash(&k) & (o->seen_cap - 1);; i = (i + 1) & (o->seen_cap - 1)) {
		if (!o->used[i]) {
			o->used[i] = true;
			o->seen[i] = k;
			o->seen_count++;
			return true;
		}
		if (o->seen[i].dev == dev && o->seen[i].ino == ino)
			return false;
	}
}

static void du_seen_grow(du_opts_t *o)
{
	du_opts_t big = *o;

	big.seen_cap = o->seen_cap ? o->seen_cap * 2 : 256;
	big.seen = fileutil_alloc(big.seen_cap * sizeof(*big.seen));
	big.used = fileutil_alloc(big.seen_cap * sizeof(*big.used));
	memset(big.used, 0, big.seen_cap * sizeof(*big.used));
	big.seen_count = 0;
	for (size_t i = 0; i < o->seen_cap; i++)
		if (o->used[i])
			du_seen_add(&big, o->seen[i].dev, o->seen[i].ino);
	free(o->seen);
	free(o->used);
	o->seen = big.seen;
	o->used = big.used;
	o->seen_cap = big.seen_cap;
	o->seen_count = big.seen_count;
}

static void du_print(const du_opts_t *o, uint64_t blocks, const char *path)
{
	char size[32];

	if (o->human)
		fileutil_human_size(blocks * 512, size, sizeof(size));
	else
		snprintf(size, sizeof(size), "%llu", (unsigned long long)((blocks + 1) / 2));
	printf("%s\t%s\n", size, path);
}

/* The blocks under path, writing lines as the options say. */
static uint64_t du_walk(du_opts_t *o, const char *path, dev_t top_dev, bool top)
{
	struct stat st;
	bool follow = o->follow == 'L' || (o->follow == 'H' && top);

	if ((follow ? stat(path, &st) : lstat(path, &st)) < 0) {
		cmd_error(path, errno);
		return 0;
	}
	/* Inode 0 is a scheme's file without an identity: nothing to compare. */
	if ((st.st_nlink > 1 || S_ISDIR(st.st_mode)) && st.st_ino != 0 &&
	    !du_seen_add(o, st.st_dev, st.st_ino))
		return 0;
	uint64_t blocks = (uint64_t)st.st_blocks;
	if (S_ISDIR(st.st_mode) && (!o->one_fs || top || st.st_dev == top_dev)) {
		char **names;
		size_t n;
		if (fileutil_dir_names(path, 0, &names, &n) < 0)
			cmd_error(path, errno);
		for (size_t i = 0; i < n; i++) {
			char *child = fileutil_path_join(path, names[i]);
			blocks += du_walk(o, child, top ? st.st_dev : top_dev, false);
			free(child);
		}
		fileutil_names_free(names, n);
	}
	if (top || (!o->summary && (o->all || S_ISDIR(st.st_mode))))
		du_print(o, blocks, path);
	return blocks;
}

int main(int argc, char **argv)
{
	du_opts_t o = { .follow = 'P' };
	uint64_t total = 0;
	int c;

	cmd_start(argc, argv, help);
	while ((c = fileutil_option_next(argc, argv, "aschkxHL")) != -1) {
		switch (c) {
		case 'a': o.all = true; break;
		case 's': o.summary = true; break;
		case 'c': o.total = true; break;
		case 'h': o.human = true; break;
		case 'k': o.human = false; break;
		case 'x': o.one_fs = true; break;
		case 'H': case 'L': o.follow = (char)c; break;
		}
	}
	if (o.all && o.summary)
		cmd_usage_error("-a and -s cannot be used together");
	if (optind >= argc)
		total += du_walk(&o, ".", 0, true);
	for (int i = optind; i < argc; i++)
		total += du_walk(&o, argv[i], 0, true);
	if (o.total)
		du_print(&o, total, "total");
	free(o.seen);
	free(o.used);
	cmd_flush_stdout();
	return cmd_status();
}
