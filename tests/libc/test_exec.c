// SPDX-License-Identifier: MIT
/*
 * The exec family: execve of programs and of "#!" scripts, execv, execl,
 * execle, execvp's PATH search, and the errors. The interpreter the
 * scripts name is this very program: a constructor sees EXEC_TEST_ECHO in
 * the environment and prints its arguments instead of running tests
 * (glibc and Tessera's libc both hand argv to constructors).
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static char self[PATH_MAX];
static char dir[64];

__attribute__((constructor)) static void exec_test_echo(int argc, char **argv, char **envp)
{
	(void)envp;
	if (!realpath(argv[0], self))
		self[0] = '\0';
	if (!getenv("EXEC_TEST_ECHO"))
		return;
	for (int i = 0; i < argc; i++)
		printf("%s%s", i ? "|" : "", i ? argv[i] : "*");
	const char *extra = getenv("EXEC_TEST_EXTRA");
	printf("%s%s\n", extra ? "|env=" : "", extra ? extra : "");
	fflush(stdout);
	_exit(0);
}

static bool fresh_dir(void)
{
	strcpy(dir, "/tmp/exec-XXXXXX");
	return mkdtemp(dir) != NULL;
}

static bool write_file(const char *path, const char *text, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0)
		return false;
	bool ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
	return close(fd) == 0 && ok && chmod(path, mode) == 0;
}

/*
 * Forks; the child runs fn (which execs) with stdout to a pipe. Returns
 * the child's exit code and its output in out, or -1.
 */
static int run(void (*fn)(void *), void *arg, char *out, size_t size)
{
	int p[2];

	if (pipe(p) < 0)
		return -1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		close(p[0]);
		dup2(p[1], 1);
		setenv("EXEC_TEST_ECHO", "1", 1);
		fn(arg);
		_exit(errno);
	}
	close(p[1]);
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(p[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(p[0]);
	int status = utest_wait(pid);
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void do_execv(void *arg)
{
	char **argv = arg;

	execv(argv[0], argv);
}

TEST(execv_runs_a_program_with_its_arguments)
{
	char out[256];
	char *argv[] = { self, "one", "two words", NULL };

	CHECK_EQ(run(do_execv, argv, out, sizeof(out)), 0);
	CHECK_STR(out, "*|one|two words\n");
}

static void do_execl(void *arg)
{
	(void)arg;
	execl(self, "name", "a", "b", (char *)NULL);
}

TEST(execl_passes_its_list)
{
	char out[256];

	CHECK_EQ(run(do_execl, NULL, out, sizeof(out)), 0);
	CHECK_STR(out, "*|a|b\n");
}

static void do_execle(void *arg)
{
	(void)arg;
	char *envp[] = { "EXEC_TEST_ECHO=1", "EXEC_TEST_EXTRA=from-execle", NULL };
	execle(self, "name", "x", (char *)NULL, envp);
}

TEST(execle_passes_its_environment)
{
	char out[256];

	CHECK_EQ(run(do_execle, NULL, out, sizeof(out)), 0);
	CHECK_STR(out, "*|x|env=from-execle\n");
}

static void do_script(void *arg)
{
	char *script = arg;
	char *argv[] = { "ignored-argv0", "arg1", NULL };

	execv(script, argv);
}

TEST(scripts_run_through_their_interpreter)
{
	char script[PATH_MAX], text[PATH_MAX + 64], out[512], want[PATH_MAX + 64];

	CHECK(fresh_dir());
	snprintf(script, sizeof(script), "%s/script", dir);
	snprintf(text, sizeof(text), "#!%s\nbody\n", self);
	CHECK(write_file(script, text, 0755));
	CHECK_EQ(run(do_script, script, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "*|%s|arg1\n", script);
	CHECK_STR(out, want);
	/* One optional argument: the rest of the line, spaces included. */
	snprintf(text, sizeof(text), "#! %s  -x y\nbody\n", self);
	CHECK(write_file(script, text, 0755));
	CHECK_EQ(run(do_script, script, out, sizeof(out)), 0);
	snprintf(want, sizeof(want), "*|-x y|%s|arg1\n", script);
	CHECK_STR(out, want);
	unlink(script);
	rmdir(dir);
}

TEST(a_script_whose_interpreter_is_missing_fails_enoent)
{
	char script[PATH_MAX], out[64];

	CHECK(fresh_dir());
	snprintf(script, sizeof(script), "%s/script", dir);
	CHECK(write_file(script, "#!/no/such/interpreter\n", 0755));
	CHECK_EQ(run(do_script, script, out, sizeof(out)), ENOENT);
	unlink(script);
	rmdir(dir);
}

static void do_execvp(void *arg)
{
	char *argv[] = { arg, "via-path", NULL };

	execvp(arg, argv);
}

TEST(execvp_searches_path)
{
	char link_path[PATH_MAX], out[256], path_env[PATH_MAX];

	CHECK(fresh_dir());
	snprintf(link_path, sizeof(link_path), "%s/found-me", dir);
	CHECK_EQ(symlink(self, link_path), 0);
	const char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	snprintf(path_env, sizeof(path_env), "/no/such/dir:%s", dir);
	setenv("PATH", path_env, 1);
	int code = run(do_execvp, "found-me", out, sizeof(out));
	int missing = run(do_execvp, "not-anywhere", out + 128, sizeof(out) - 128);
	if (saved)
		setenv("PATH", saved, 1);
	else
		unsetenv("PATH");
	free(saved);
	CHECK_EQ(code, 0);
	CHECK_STR(out, "*|via-path\n");
	CHECK_EQ(missing, ENOENT);
	unlink(link_path);
	rmdir(dir);
}

TEST(exec_errors)
{
	char file[PATH_MAX], out[64];

	CHECK(fresh_dir());
	snprintf(file, sizeof(file), "%s/plain", dir);
	CHECK(write_file(file, "not a program\n", 0644));
	char *argv1[] = { file, NULL };
	CHECK_EQ(run(do_execv, argv1, out, sizeof(out)), EACCES);      /* no x bit */
	char *argv2[] = { dir, NULL };
	CHECK_EQ(run(do_execv, argv2, out, sizeof(out)), EACCES);      /* a directory */
	char missing[PATH_MAX];
	snprintf(missing, sizeof(missing), "%s/missing", dir);
	char *argv3[] = { missing, NULL };
	CHECK_EQ(run(do_execv, argv3, out, sizeof(out)), ENOENT);
	if (getuid() == 0) {
		/* root: the x bit lets it try; not ELF and no #!, so ENOEXEC. */
		CHECK(write_file(file, "not a program\n", 0755));
		CHECK_EQ(run(do_execv, argv1, out, sizeof(out)), ENOEXEC);
	}
	unlink(file);
	rmdir(dir);
}
