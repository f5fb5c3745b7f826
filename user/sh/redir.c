// SPDX-License-Identifier: MIT
/*
 * Redirections (redir.h). A here-document reaches the command through a
 * pipe: a body up to PIPE_BUF is written before the command starts (it
 * fits, so the write cannot block); a longer one is written by a
 * grandchild the shell does not wait for, so it does not become one of
 * the shell's jobs.
 */
#include "redir.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "expand.h"
#include "input.h"
#include "sh.h"

typedef struct saved_fd {
	int fd;
	int copy;		/* -1: fd was closed */
} saved_fd_t;

static saved_fd_t *saved;
static int nsaved, capsaved;

int redir_depth(void)
{
	return nsaved;
}

void redir_restore_to(int depth)
{
	while (nsaved > depth) {
		saved_fd_t *s = &saved[--nsaved];

		if (s->copy >= 0) {
			dup2(s->copy, s->fd);
			close(s->copy);
		} else {
			close(s->fd);
		}
	}
}

void redir_forget_to(int depth)
{
	while (nsaved > depth) {
		saved_fd_t *s = &saved[--nsaved];

		if (s->copy >= 0)
			close(s->copy);
	}
}

/* Moves any of the shell's own descriptors that sit on fd out of the way. */
static void fd_clear_internal(int fd)
{
	input_fd_avoid(fd);
	for (int i = 0; i < nsaved; i++) {
		if (saved[i].copy == fd) {
			int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

			if (nfd >= 0) {
				close(fd);
				saved[i].copy = nfd;
			}
		}
	}
	if (fd == sh.ttyfd) {
		int nfd = fcntl(fd, F_DUPFD_CLOEXEC, 10);

		if (nfd >= 0) {
			close(fd);
			sh.ttyfd = nfd;
		}
	}
}

static void fd_save(int fd)
{
	if (nsaved == capsaved) {
		capsaved = capsaved ? capsaved * 2 : 16;
		saved = xrealloc(saved, (size_t)capsaved * sizeof(*saved));
	}
	fd_clear_internal(fd);
	saved[nsaved].fd = fd;
	saved[nsaved].copy = fcntl(fd, F_DUPFD_CLOEXEC, 10);
	nsaved++;
}

int sh_pipe(int fds[2])
{
	if (pipe(fds) < 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

int redir_open_null(void)
{
	int fd = open("/dev/null", O_RDONLY);

	if (fd < 0)
		fd = open("null:", O_RDONLY);
	return fd;
}

static int heredoc_fd(redir_t *r)
{
	const char *text = r->body ? (r->body_quoted ? r->body->parts->lit.text :
				      expand_string(r->body, 0)) : "";
	size_t len = strlen(text);
	int p[2];

	if (sh_pipe(p) < 0) {
		sh_warn("here-document: %s", strerror(errno));
		return -1;
	}
	if (len <= PIPE_BUF) {
		sh_write_all(p[1], text, len);
		close(p[1]);
		return p[0];
	}
	pid_t pid = fork();

	if (pid == 0) {
		if (fork() == 0) {
			close(p[0]);
			sh_write_all(p[1], text, len);
			_exit(0);
		}
		_exit(0);
	}
	close(p[1]);
	if (pid > 0)
		while (waitpid(pid, NULL, 0) < 0 && errno == EINTR)
			;
	return p[0];
}

static int open_target(redir_t *r, const char *path)
{
	int flags = 0;

	switch (r->kind) {
	case R_IN:
		flags = O_RDONLY;
		break;
	case R_OUT:
		if (sh.opt[OPT_NOCLOBBER]) {
			struct stat st;

			if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
				sh_warn("%s: cannot overwrite existing file", path);
				return -1;
			}
		}
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case R_CLOBBER:
		flags = O_WRONLY | O_CREAT | O_TRUNC;
		break;
	case R_APPEND:
		flags = O_WRONLY | O_CREAT | O_APPEND;
		break;
	case R_RDWR:
		flags = O_RDWR | O_CREAT;
		break;
	default:
		break;
	}
	int fd = open(path, flags | O_CLOEXEC, 0666);

	if (fd < 0)
		sh_warn("%s: %s", path, strerror(errno));
	return fd;
}

/* <&N and >&N: the descriptor to copy, -2 for "-" (close), -1 on error. */
static int dup_source(const char *word)
{
	if (strcmp(word, "-") == 0)
		return -2;
	char *end;
	long n = strtol(word, &end, 10);

	if (!*word || *end || n < 0 || n > INT_MAX) {
		sh_warn("%s: bad file descriptor number", word);
		return -1;
	}
	if (fcntl((int)n, F_GETFD) < 0) {
		sh_warn("%ld: %s", n, strerror(EBADF));
		return -1;
	}
	return (int)n;
}

static int redir_one(redir_t *r, int flags)
{
	int fd = r->fd, src;
	bool is_dup = r->kind == R_DUPIN || r->kind == R_DUPOUT;
	char *word = r->kind == R_HEREDOC ? NULL : expand_string(r->target, EXP_TILDE);

	/* Saved before opening: the open may land on fd itself if it is closed. */
	if (flags & REDIR_SAVE)
		fd_save(fd);
	else
		fd_clear_internal(fd);
	if (r->kind == R_HEREDOC)
		src = heredoc_fd(r);
	else
		src = is_dup ? dup_source(word) : open_target(r, word);
	if (src == -1)
		return -1;
	if (src == -2) {
		close(fd);
		return 0;
	}
	if (src == fd) {
		/* Opened right onto fd (it was closed): keep it, without close-on-exec. */
		if (!is_dup)
			fcntl(fd, F_SETFD, 0);
		return 0;
	}
	if (dup2(src, fd) < 0) {
		sh_warn("%d: %s", fd, strerror(errno));
		if (!is_dup)
			close(src);
		return -1;
	}
	if (!is_dup)
		close(src);
	return 0;
}

int redir_apply(redir_t *list, int flags)
{
	for (redir_t *r = list; r; r = r->next)
		if (redir_one(r, flags) < 0)
			return -1;
	return 0;
}
