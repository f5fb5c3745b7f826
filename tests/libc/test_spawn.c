// SPDX-License-Identifier: MIT
/*
 * <spawn.h>: posix_spawn and posix_spawnp run a program with the given
 * arguments and environment, apply file actions (open, close, dup2) in
 * order, and attributes (process group, signal mask, default handlers);
 * an exec failure is the call's result. The program spawned is this test
 * itself: a constructor sees SPAWN_CHILD in the environment and acts as
 * the child, reporting through its exit status.
 */
#include "utest.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char *self_path;

static int child_main(const char *mode, int argc, char **argv)
{
	sigset_t now;
	char buf[32] = { 0 };

	if (!strcmp(mode, "status"))
		return argc == 3 && !strcmp(argv[1], "a1") && !strcmp(argv[2], "a2") ? 42 : 1;
	if (!strcmp(mode, "write"))
		return write(1, "spawned\n", 8) == 8 ? 0 : 1;
	if (!strcmp(mode, "mask")) {
		struct sigaction sa;
		sigprocmask(SIG_BLOCK, NULL, &now);
		sigaction(SIGUSR2, NULL, &sa);
		return sigismember(&now, SIGUSR1) * 1 + sigismember(&now, SIGUSR2) * 2 +
		       (sa.sa_handler == SIG_DFL) * 4;
	}
	if (!strcmp(mode, "pgrp"))
		return getpgrp() == getpid() ? 0 : 1;
	if (!strcmp(mode, "closed"))
		return fcntl(7, F_GETFD) < 0 && errno == EBADF ? 0 : 1;
	if (!strcmp(mode, "open"))
		return read(0, buf, sizeof(buf) - 1) == 5 && !strcmp(buf, "input") ? 0 : 1;
	return 99;
}

__attribute__((constructor)) static void maybe_child(int argc, char **argv, char **envp)
{
	const char *mode = getenv("SPAWN_CHILD");

	(void)envp;
	self_path = argv[0];
	if (mode)
		_exit(child_main(mode, argc, argv));
}

static int spawn_and_wait(const posix_spawn_file_actions_t *fa, const posix_spawnattr_t *attr,
			  const char *mode)
{
	char env[64];
	char *argv[] = { self_path, "a1", "a2", NULL };
	char *envp[] = { env, NULL };
	pid_t pid = -1;

	strcpy(env, "SPAWN_CHILD=");
	strcat(env, mode);
	if (posix_spawn(&pid, self_path, fa, attr, argv, envp) != 0)
		return -1000;
	return utest_wait(pid);
}

TEST(posix_spawn_runs_a_program_with_arguments_and_environment)
{
	int status = spawn_and_wait(NULL, NULL, "status");

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 42);
}

TEST(posix_spawn_returns_the_exec_error)
{
	char *argv[] = { "nothing", NULL };
	char *envp[] = { NULL };
	pid_t pid = 12345;

	CHECK_EQ(posix_spawn(&pid, "/nonexistent/program", NULL, NULL, argv, envp), ENOENT);
	CHECK_EQ(posix_spawnp(&pid, "no-such-program-anywhere", NULL, NULL, argv, envp), ENOENT);
}

TEST(posix_spawnp_searches_path)
{
	char *slash = strrchr(self_path, '/');
	char dir[512], *name;
	char *argv[3] = { NULL, "a1", NULL };
	char *envp[] = { "SPAWN_CHILD=pgrp", NULL };
	pid_t pid;

	CHECK(slash && (size_t)(slash - self_path) < sizeof(dir));
	memcpy(dir, self_path, (size_t)(slash - self_path));
	dir[slash - self_path] = 0;
	name = slash + 1;
	argv[0] = name;
	char *old = getenv("PATH");
	char *saved = old ? strdup(old) : NULL;
	CHECK_EQ(setenv("PATH", dir, 1), 0);
	int r = posix_spawnp(&pid, name, NULL, NULL, argv, envp);
	if (saved) {
		setenv("PATH", saved, 1);
		free(saved);
	} else {
		unsetenv("PATH");
	}
	CHECK_EQ(r, 0);
	int status = utest_wait(pid);
	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 1);       /* its own group was not asked for */
}

TEST(file_actions_dup2_a_pipe_onto_stdout)
{
	posix_spawn_file_actions_t fa;
	int p[2];
	char buf[32] = { 0 };

	CHECK_EQ(pipe(p), 0);
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_adddup2(&fa, p[1], 1), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, p[0]), 0);
	int status = spawn_and_wait(&fa, NULL, "write");
	close(p[1]);
	CHECK_EQ(WEXITSTATUS(status), 0);
	CHECK_EQ(read(p[0], buf, sizeof(buf)), 8);
	CHECK_STR(buf, "spawned\n");
	close(p[0]);
	posix_spawn_file_actions_destroy(&fa);
}

TEST(file_actions_close_and_open_in_order)
{
	posix_spawn_file_actions_t fa;
	char name[] = "/tmp/test_spawn.in";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		SKIP("no writable /tmp");
	CHECK_EQ(write(fd, "input", 5), 5);
	close(fd);
	int seven = dup2(2, 7);
	CHECK_EQ(seven, 7);
	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, 7), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 0, name, O_RDONLY, 0), 0);
	CHECK_EQ(WEXITSTATUS(spawn_and_wait(&fa, NULL, "closed")), 0);
	CHECK_EQ(WEXITSTATUS(spawn_and_wait(&fa, NULL, "open")), 0);
	close(7);
	posix_spawn_file_actions_destroy(&fa);
	unlink(name);
}

TEST(a_failing_file_action_is_the_result)
{
	posix_spawn_file_actions_t fa;
	char *argv[] = { self_path, NULL };
	char *envp[] = { "SPAWN_CHILD=status", NULL };
	pid_t pid;

	CHECK_EQ(posix_spawn_file_actions_init(&fa), 0);
	CHECK_EQ(posix_spawn_file_actions_addopen(&fa, 3, "/nonexistent/dir/file", O_RDONLY, 0), 0);
	CHECK_EQ(posix_spawn(&pid, self_path, &fa, NULL, argv, envp), ENOENT);
	posix_spawn_file_actions_destroy(&fa);
	CHECK_EQ(posix_spawn_file_actions_addclose(&fa, -1), EBADF);
}

TEST(attributes_set_the_process_group)
{
	posix_spawnattr_t attr;

	CHECK_EQ(posix_spawnattr_init(&attr), 0);
	CHECK_EQ(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP), 0);
	CHECK_EQ(posix_spawnattr_setpgroup(&attr, 0), 0);
	CHECK_EQ(WEXITSTATUS(spawn_and_wait(NULL, &attr, "pgrp")), 0);
	posix_spawnattr_destroy(&attr);
}

static void on_usr2(int sig)
{
	(void)sig;
}

TEST(attributes_set_the_mask_and_default_handlers)
{
	posix_spawnattr_t attr;
	sigset_t mask, def;
	short flags;

	CHECK(signal(SIGUSR2, on_usr2) != SIG_ERR);
	sigemptyset(&mask);
	sigaddset(&mask, SIGUSR1);
	sigemptyset(&def);
	sigaddset(&def, SIGUSR2);
	CHECK_EQ(posix_spawnattr_init(&attr), 0);
	CHECK_EQ(posix_spawnattr_setsigmask(&attr, &mask), 0);
	CHECK_EQ(posix_spawnattr_setsigdefault(&attr, &def), 0);
	CHECK_EQ(posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF), 0);
	CHECK_EQ(posix_spawnattr_getflags(&attr, &flags), 0);
	CHECK_EQ(flags, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
	/* SIGUSR1 blocked, SIGUSR2 not, SIGUSR2's handler the default. */
	CHECK_EQ(WEXITSTATUS(spawn_and_wait(NULL, &attr, "mask")), 1 + 4);
	/* Without attributes the parent's mask is inherited. */
	sigprocmask(SIG_BLOCK, &def, NULL);
	CHECK_EQ(WEXITSTATUS(spawn_and_wait(NULL, NULL, "mask")), 2 + 4);
	sigprocmask(SIG_UNBLOCK, &def, NULL);
	signal(SIGUSR2, SIG_DFL);
	posix_spawnattr_destroy(&attr);
}
