// SPDX-License-Identifier: MIT
/*
 * The exec family. The kernel reads no files for exec: execve opens the
 * program like any file (so it can live on any scheme — `file:`, or
 * `initfs:` before `file:` exists), checks that it is a regular file the
 * caller may execute, reads it whole into anonymous memory and hands that
 * image to SYS_exec(path, argv, envp, image, size), which builds the new
 * address space from it and returns only on failure.
 *
 * A file that starts with "#!" is a script: the rest of that line names
 * an interpreter and at most one argument, and the interpreter is run
 * with the script's path in place of argv[0] (as Linux does), nesting at
 * most EXEC_SCRIPT_DEPTH deep. execvp and execlp search PATH (default
 * "/bin:/usr/bin") for names without a '/', and run a file the kernel
 * calls ENOEXEC with /bin/sh, as POSIX asks.
 */
#include "libc.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <tessera/syscall.h>
#include <unistd.h>

#define EXEC_SCRIPT_DEPTH 4
#define EXEC_SCRIPT_LINE  256
#define EXEC_ARGV_MAX     4096
#define EXEC_DEFAULT_PATH "/bin:/usr/bin"

/* Whether the caller may execute a file of this mode and owner. */
static bool exec_permitted(const struct stat *st)
{
	uid_t uid = getuid();

	if (uid == 0)
		return (st->st_mode & 0111) != 0;
	if (st->st_uid == uid)
		return st->st_mode & 0100;
	if (st->st_gid == getgid())
		return st->st_mode & 0010;
	return st->st_mode & 0001;
}

/* Reads the whole of fd (size bytes) into fresh anonymous memory. */
static void *exec_read_image(int fd, size_t size)
{
	void *image = mmap(NULL, size ? size : 1, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (image == MAP_FAILED)
		return NULL;
	for (size_t done = 0; done < size;) {
		ssize_t n = read(fd, (char *)image + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (n == 0)
				errno = EIO;    /* the file shrank under us */
			munmap(image, size ? size : 1);
			return NULL;
		}
		done += (size_t)n;
	}
	return image;
}

/* Opens path and loads it: the image and its size, or NULL and errno. */
static void *exec_load(const char *path, size_t *size)
{
	struct stat st;
	void *image = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0)
		goto out;
	if (!S_ISREG(st.st_mode) || !exec_permitted(&st)) {
		errno = EACCES;
		goto out;
	}
	*size = (size_t)st.st_size;
	image = exec_read_image(fd, *size);
out:
	{
		int saved = errno;
		close(fd);
		errno = saved;
	}
	return image;
}

static size_t exec_argc(char *const argv[])
{
	size_t n = 0;

	while (argv && argv[n])
		n++;
	return n;
}

/*
 * "#!interp [arg]": splits the first line of image in place into line
 * (a copy) and returns the argument count (1 or 2), or -1 if malformed.
 */
static int exec_script_parse(const char *image, size_t size, char line[EXEC_SCRIPT_LINE],
			     char **interp, char **arg)
{
	size_t n = 0;

	for (size_t i = 2; i < size && image[i] != '\n'; i++) {
		if (n == EXEC_SCRIPT_LINE - 1)
			return -1;
		line[n++] = image[i];
	}
	line[n] = '\0';
	char *p = line;
	while (*p == ' ' || *p == '\t')
		p++;
	if (!*p)
		return -1;
	*interp = p;
	while (*p && *p != ' ' && *p != '\t')
		p++;
	if (!*p) {
		*arg = NULL;
		return 1;
	}
	*p++ = '\0';
	while (*p == ' ' || *p == '\t')
		p++;
	/* Like Linux, everything after the interpreter is one argument. */
	size_t len = strlen(p);
	while (len && (p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == '\r'))
		p[--len] = '\0';
	*arg = len ? p : NULL;
	return *arg ? 2 : 1;
}

static int exec_at_depth(const char *path, char *const argv[], char *const envp[], int depth);

/* Runs the script at path through its interpreter. */
static int exec_script(const char *path, const char *image, size_t size, char *const argv[],
		       char *const envp[], int depth)
{
	char line[EXEC_SCRIPT_LINE], *interp, *arg;
	size_t argc = exec_argc(argv);

	if (depth >= EXEC_SCRIPT_DEPTH) {
		errno = ELOOP;
		return -1;
	}
	int words = exec_script_parse(image, size, line, &interp, &arg);
	if (words < 0 || argc > EXEC_ARGV_MAX) {
		errno = ENOEXEC;
		return -1;
	}
	/* interp, arg, path, argv[1..argc-1], NULL: argc + 3 (+1 for argc 0). */
	char **nargv = malloc((argc + 4) * sizeof(char *));
	if (!nargv)
		return -1;
	size_t n = 0;
	nargv[n++] = interp;
	if (arg)
		nargv[n++] = arg;
	nargv[n++] = (char *)path;
	for (size_t i = 1; i < argc; i++)
		nargv[n++] = argv[i];
	nargv[n] = NULL;
	exec_at_depth(interp, nargv, envp, depth + 1);
	int saved = errno;
	free(nargv);
	errno = saved;
	return -1;
}

static int exec_at_depth(const char *path, char *const argv[], char *const envp[], int depth)
{
	size_t size = 0;
	char *image = exec_load(path, &size);

	if (!image)
		return -1;
	if (size >= 2 && image[0] == '#' && image[1] == '!') {
		exec_script(path, image, size, argv, envp, depth);
	} else {
		long r = sys_exec((long)path, (long)argv, (long)envp, (long)image, (long)size);
		errno = (int)-r;
	}
	int saved = errno;
	munmap(image, size ? size : 1);
	errno = saved;
	return -1;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return exec_at_depth(path, argv, envp, 0);
}

int fexecve(int fd, char *const argv[], char *const envp[])
{
	char path[PATH_MAX];

	if (tessera_fpath(fd, path, sizeof(path)) < 0)
		return -1;
	return execve(path, argv, envp);
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* POSIX: a file the system cannot execute is a shell script. */
static void exec_as_shell_script(const char *path, char *const argv[], char *const envp[])
{
	size_t argc = exec_argc(argv);
	char **nargv = malloc((argc + 3) * sizeof(char *));

	if (!nargv)
		return;
	nargv[0] = "sh";
	nargv[1] = (char *)path;
	size_t n = 2;
	for (size_t i = 1; i < argc; i++)
		nargv[n++] = argv[i];
	nargv[n] = NULL;
	execve("/bin/sh", nargv, envp);
	free(nargv);
}

int execvpe(const char *file, char *const argv[], char *const envp[])
{
	if (!*file) {
		errno = ENOENT;
		return -1;
	}
	if (strchr(file, '/') || strchr(file, ':')) {
		execve(file, argv, envp);
		if (errno == ENOEXEC)
			exec_as_shell_script(file, argv, envp);
		return -1;
	}
	const char *dirs = getenv("PATH");
	char path[PATH_MAX];
	bool denied = false;

	if (!dirs)
		dirs = EXEC_DEFAULT_PATH;
	for (const char *d = dirs;; d++) {
		const char *end = strchrnul(d, ':');
		size_t dlen = (size_t)(end - d);
		if (dlen + 1 + strlen(file) + 1 <= sizeof(path)) {
			/* An empty entry is the current directory. */
			memcpy(path, dlen ? d : ".", dlen ? dlen : 1);
			size_t at = dlen ? dlen : 1;
			path[at] = '/';
			strcpy(path + at + 1, file);
			execve(path, argv, envp);
			if (errno == ENOEXEC)
				exec_as_shell_script(path, argv, envp);
			if (errno == EACCES)
				denied = true;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
		d = end;
	}
	errno = denied ? EACCES : ENOENT;
	return -1;
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* Collects execl-style arguments, after arg0, into a vector on the stack. */
#define EXEC_LIST(arg0, ap, argv, extra)                                  \
	do {                                                              \
		va_list count_ap_;                                        \
		size_t n_ = 0;  /* arguments after arg0, before the NULL */ \
		va_copy(count_ap_, ap);                                   \
		if (arg0)                                                 \
			while (va_arg(count_ap_, char *))                 \
				n_++;                                     \
		va_end(count_ap_);                                        \
		argv = __builtin_alloca((n_ + 2) * sizeof(char *));       \
		argv[0] = (char *)(arg0);                                 \
		for (size_t i_ = 1; i_ <= n_; i_++)                       \
			argv[i_] = va_arg(ap, char *);                    \
		argv[n_ + 1] = NULL;                                      \
		if (arg0)                                                 \
			(void)va_arg(ap, char *);  /* the list's NULL */  \
		extra;                                                    \
	} while (0)

int execl(const char *path, const char *arg0, ...)
{
	va_list ap;
	char **argv;

	va_start(ap, arg0);
	EXEC_LIST(arg0, ap, argv, (void)0);
	va_end(ap);
	return execve(path, argv, environ);
}

int execlp(const char *file, const char *arg0, ...)
{
	va_list ap;
	char **argv;

	va_start(ap, arg0);
	EXEC_LIST(arg0, ap, argv, (void)0);
	va_end(ap);
	return execvp(file, argv);
}

int execle(const char *path, const char *arg0, ...)
{
	va_list ap;
	char **argv, **envp;

	va_start(ap, arg0);
	EXEC_LIST(arg0, ap, argv, envp = va_arg(ap, char **));
	va_end(ap);
	return execve(path, argv, envp);
}
