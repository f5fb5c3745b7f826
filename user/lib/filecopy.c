// SPDX-License-Identifier: MIT
/*
 * Copying files and trees (filecopy.h), the way POSIX cp describes it.
 *
 * A regular file is copied into an existing destination by truncating
 * it (so its links and mode stay), or into a new file created with the
 * source's permission bits less the umask; with -f a destination that
 * cannot be opened is unlinked and created afresh. A directory is made
 * with the owner's rwx added, so the copy can fill it, and gets its final
 * mode after its contents. Symbolic links are copied as links when the
 * walk does not follow them (-P, cp -R's default). With -p the mode,
 * owner (when allowed) and access and modification times are copied too.
 *
 * The walk records the first directory it creates: a source directory
 * with the same device and inode is the copy itself (cp -R d d/sub) and
 * is not descended into, which is what stops such a copy from growing
 * forever.
 */
#include "filecopy.h"

#include "cmd.h"
#include "fileutil.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int filecopy_tree(filecopy_t *c, const char *src, const char *dst, bool top);

/* Copies the bytes of in to out; -errno on the side that failed (*on_src says which). */
static int filecopy_data(int in, int out, bool *on_src)
{
	static char buf[65536];

	for (;;) {
		ssize_t n = read(in, buf, sizeof(buf));
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			*on_src = true;
			return -errno;
		}
		if (n == 0)
			return 0;
		for (ssize_t done = 0; done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				*on_src = false;
				return -errno;
			}
			done += w;
		}
	}
}

/* -p: owner, then mode (the owner change may clear setuid), then times; through fd, or by name when fd < 0. */
static void filecopy_attrs(const filecopy_t *c, int fd, const char *dst, const struct stat *st)
{
	mode_t mode = st->st_mode & 07777;

	if (!c->preserve)
		return;
	int r = fd >= 0 ? fchown(fd, st->st_uid, st->st_gid) : chown(dst, st->st_uid, st->st_gid);
	if (r < 0)
		mode &= ~(mode_t)(S_ISUID | S_ISGID);   /* POSIX: not another user's setuid */
	if ((fd >= 0 ? fchmod(fd, mode) : chmod(dst, mode)) < 0)
		cmd_error(dst, errno);
	struct timespec times[2] = { st->st_atim, st->st_mtim };
	if ((fd >= 0 ? futimens(fd, times) : utimensat(AT_FDCWD, dst, times, 0)) < 0)
		cmd_error(dst, errno);
}

/* Opens the destination of a regular file's copy, following -f and -i. */
static int filecopy_open_dst(const filecopy_t *c, const char *dst, const struct stat *src_st,
			     bool *skipped)
{
	struct stat dst_st;
	bool exists = stat(dst, &dst_st) == 0;

	*skipped = false;
	if (exists && c->interactive && !fileutil_ask("overwrite '%s'? ", dst)) {
		*skipped = true;
		return -1;
	}
	if (exists) {
		int fd = open(dst, O_WRONLY | O_TRUNC | O_CLOEXEC);
		if (fd >= 0 || !c->force)
			return fd;
		if (unlink(dst) < 0)
			return -1;
	}
	return open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, src_st->st_mode & 0777);
}

static int filecopy_regular(filecopy_t *c, const char *src, const char *dst, const struct stat *st)
{
	bool skipped, on_src = false;
	int in = open(src, O_RDONLY | O_CLOEXEC);

	if (in < 0) {
		cmd_error(src, errno);
		return -1;
	}
	int out = filecopy_open_dst(c, dst, st, &skipped);
	if (out < 0) {
		int err = errno;
		close(in);
		if (skipped)
			return 0;
		cmd_error(dst, err);
		return -1;
	}
	int err = filecopy_data(in, out, &on_src);
	close(in);
	if (err < 0) {
		cmd_error(on_src ? src : dst, -err);
		close(out);
		return -1;
	}
	filecopy_attrs(c, out, dst, st);
	if (close(out) < 0) {
		cmd_error(dst, errno);
		return -1;
	}
	if (c->verbose)
		printf("'%s' -> '%s'\n", src, dst);
	return 0;
}

static int filecopy_symlink(const filecopy_t *c, const char *src, const char *dst,
			    const struct stat *st)
{
	char *target = fileutil_alloc((size_t)st->st_size + 2);
	ssize_t n = readlink(src, target, (size_t)st->st_size + 1);
	struct stat dst_st;

	if (n < 0) {
		cmd_error(src, errno);
		free(target);
		return -1;
	}
	target[n] = '\0';
	if (lstat(dst, &dst_st) == 0 && !S_ISDIR(dst_st.st_mode)) {
		if (c->interactive && !fileutil_ask("overwrite '%s'? ", dst)) {
			free(target);
			return 0;
		}
		unlink(dst);    /* symlink() below says why if this failed */
	}
	int r = symlink(target, dst);
	free(target);
	if (r < 0) {
		cmd_error(dst, errno);
		return -1;
	}
	if (c->verbose)
		printf("'%s' -> '%s'\n", src, dst);
	return 0;
}

static int filecopy_dir_contents(filecopy_t *c, const char *src, const char *dst)
{
	char **names;
	size_t n;
	int status = 0;

	if (fileutil_dir_names(src, 0, &names, &n) < 0) {
		cmd_error(src, errno);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		char *from = fileutil_path_join(src, names[i]);
		char *to = fileutil_path_join(dst, names[i]);
		if (filecopy_tree(c, from, to, false) < 0)
			status = -1;
		free(from);
		free(to);
	}
	fileutil_names_free(names, n);
	return status;
}

static int filecopy_dir(filecopy_t *c, const char *src, const char *dst, const struct stat *st)
{
	struct stat dst_st;
	bool made = false;

	if (!c->recursive) {
		cmd_warn("%s: Is a directory (not copied without -R)", src);
		return -1;
	}
	if (c->made_top && st->st_dev == c->top_dev && st->st_ino == c->top_ino) {
		cmd_warn("%s: cannot copy a directory into itself", src);
		return -1;
	}
	if (stat(dst, &dst_st) == 0) {
		if (!S_ISDIR(dst_st.st_mode)) {
			cmd_warn("%s: cannot overwrite a non-directory with directory %s", dst, src);
			return -1;
		}
	} else if (mkdir(dst, (st->st_mode & 0777) | S_IRWXU) < 0 || stat(dst, &dst_st) < 0) {
		cmd_error(dst, errno);
		return -1;
	} else {
		made = true;
		if (!c->made_top) {
			c->made_top = true;
			c->top_dev = dst_st.st_dev;
			c->top_ino = dst_st.st_ino;
		}
		if (c->verbose)
			printf("'%s' -> '%s'\n", src, dst);
	}
	int status = filecopy_dir_contents(c, src, dst);
	if (c->preserve)
		filecopy_attrs(c, -1, dst, st);
	else if (made && chmod(dst, st->st_mode & 0777 & ~c->umask) < 0)
		cmd_error(dst, errno);
	return status;
}

static int filecopy_tree(filecopy_t *c, const char *src, const char *dst, bool top)
{
	struct stat st, dst_st;
	bool follow = c->follow == 'L' || (c->follow == 'H' && top) || !c->recursive;

	if ((follow ? stat(src, &st) : lstat(src, &st)) < 0) {
		cmd_error(src, errno);
		return -1;
	}
	/* Inode 0 is a scheme's file without an identity (sys:uname), never "the same". */
	if (stat(dst, &dst_st) == 0 && st.st_ino != 0 && st.st_dev == dst_st.st_dev &&
	    st.st_ino == dst_st.st_ino && !S_ISLNK(st.st_mode)) {
		cmd_warn("'%s' and '%s' are the same file", src, dst);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return filecopy_dir(c, src, dst, &st);
	if (S_ISLNK(st.st_mode))
		return filecopy_symlink(c, src, dst, &st);
	if (S_ISREG(st.st_mode) || !c->recursive)
		return filecopy_regular(c, src, dst, &st);
	if (S_ISFIFO(st.st_mode)) {
		if (mkfifo(dst, st.st_mode & 07777) < 0) {
			cmd_error(dst, errno);
			return -1;
		}
		return 0;
	}
	cmd_warn("%s: cannot copy a special file", src);
	return -1;
}

int filecopy_path(filecopy_t *c, const char *src, const char *dst)
{
	c->made_top = false;
	return filecopy_tree(c, src, dst, true);
}
