// SPDX-License-Identifier: MIT
/*
 * proc: — processes as text, one snapshot per open. `proc:` lists every
 * process ("PID PPID STATE THREADS NAME" per line); `proc:PID` (or
 * `proc:PID/status`, or `proc:self`) describes one, with its threads.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <proc.h>
#include <string.h>
#include <textfile.h>

/* "123", "123/status" or "self": the pid, or -1. */
static int proc_path_pid(const char *path)
{
	int pid = 0;

	if (strcmp(path, "self") == 0)
		return proc_current() ? proc_current()->pid : -1;
	if (!*path)
		return -1;
	for (; *path >= '0' && *path <= '9'; path++) {
		pid = pid * 10 + (*path - '0');
		if (pid > 1000000)
			return -1;
	}
	return (!*path || strcmp(path, "/status") == 0) ? pid : -1;
}

static int proc_open(scheme_t *s, const char *path, file_t *f)
{
	textbuf_t b = { 0 };
	int err = 0;

	(void)s;
	if ((f->flags & O_ACCMODE) != O_RDONLY)
		return -EACCES;
	if (!*path) {
		proc_list_text(&b);
	} else {
		int pid = proc_path_pid(path);
		err = pid > 0 ? proc_status_text(pid, &b) : -ENOENT;
	}
	if (err) {
		textfile_attach(f, &b);
		textfile_close(f);
		return err;
	}
	return textfile_attach(f, &b);
}

static const scheme_ops_t proc_ops = TEXTFILE_SCHEME_OPS(proc_open);

void scheme_proc_init(void)
{
	scheme_register("proc", &proc_ops, NULL);
}
