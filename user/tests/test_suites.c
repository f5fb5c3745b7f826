// SPDX-License-Identifier: MIT
/*
 * The script suites inside Tessera. The build installs each tests/NAME/
 * that has a run.sh (the command tests, the shell tests...) as
 * /share/tests/NAME/; this program runs every one of them with Tessera's
 * own shell, `sh /share/tests/NAME/run.sh /bin`, so that the scripts that
 * test the host builds also test the real thing.
 *
 * Each suite is a test of its own, named after its directory: a
 * constructor lists /share/tests and registers one test per suite, in
 * name order, through a fixed table of small functions (utest's tests
 * take no argument). A suite's output is passed through as it comes, so
 * its "ok"/"FAIL" lines reach the console; it passes iff it exits 0 and
 * its last "... N passed, 0 failed" line names at least one test. A suite
 * runs in a process group of its own and is killed, with whatever it
 * started, if it prints nothing for SUITE_QUIET_LIMIT_MS.
 */
#include "utest.h"

#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SUITES_DIR           "/share/tests"
#define SUITES_MAX           16
#define SUITE_NAME_MAX       64
#define SUITE_QUIET_LIMIT_MS (15 * 60 * 1000)

static char suite_names[SUITES_MAX][SUITE_NAME_MAX];
static int suite_count;
static int suite_found;         /* suites on disk, even past SUITES_MAX */

typedef struct suite_result {
	bool summary;           /* a "N passed, M failed" line was seen */
	long passed, failed;
	bool quiet_too_long;
	int status;             /* the wait status */
} suite_result_t;

/* "[NAME: ]N passed, M failed": true with the numbers. */
static bool suite_summary_parse(const char *line, long *passed, long *failed)
{
	const char *mid = strstr(line, " passed, ");
	const char *s = mid;
	char *end;

	if (!mid)
		return false;
	while (s > line && s[-1] >= '0' && s[-1] <= '9')
		s--;
	/* The count starts the line or follows the suite's "NAME: ". */
	if (s == mid || (s != line && (s - line < 2 || s[-1] != ' ' || s[-2] != ':')))
		return false;
	*passed = strtol(s, NULL, 10);
	s = mid + 9;
	*failed = strtol(s, &end, 10);
	return end != s && strcmp(end, " failed") == 0;
}

/* Child: stdin from null:, stdout and stderr into the pipe, then the suite. */
static void suite_exec(const char *run_sh, int out_fd)
{
	int null_fd = open("null:", O_RDONLY);

	setpgid(0, 0);
	if (null_fd >= 0) {
		dup2(null_fd, 0);
		close(null_fd);
	}
	dup2(out_fd, 1);
	dup2(out_fd, 2);
	close(out_fd);
	execl("/bin/sh", "sh", run_sh, "/bin", (char *)NULL);
	fprintf(stderr, "test_suites: cannot run /bin/sh\n");
	_exit(127);
}

/* Each complete line of buf[0..*len) checked for the summary; the rest kept. */
static void suite_lines_scan(char *buf, size_t *len, suite_result_t *r)
{
	char *start = buf, *nl;

	while ((nl = memchr(start, '\n', *len - (size_t)(start - buf)))) {
		*nl = '\0';
		long p, f;
		if (suite_summary_parse(start, &p, &f)) {
			r->summary = true;
			r->passed = p;
			r->failed = f;
		}
		start = nl + 1;
	}
	*len -= (size_t)(start - buf);
	memmove(buf, start, *len);
}

/* Copies the suite's output to ours until it closes, noting its summary. */
static void suite_follow(int fd, pid_t pid, suite_result_t *r)
{
	char chunk[4096], line[1024];
	size_t line_len = 0;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		int ready = poll(&pfd, 1, SUITE_QUIET_LIMIT_MS);
		if (ready < 0 && errno == EINTR)
			continue;
		if (ready == 0) {
			r->quiet_too_long = true;
			kill(-pid, SIGKILL);
			return;
		}
		ssize_t n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		fwrite(chunk, 1, (size_t)n, stdout);
		fflush(stdout);
		for (ssize_t i = 0; i < n; i++) {
			if (line_len == sizeof(line) - 1)
				line_len = 0;   /* a line too long to be a summary */
			line[line_len++] = chunk[i];
			if (chunk[i] == '\n')
				suite_lines_scan(line, &line_len, r);
		}
	}
}

static void suite_run(int index)
{
	char run_sh[sizeof(SUITES_DIR) + SUITE_NAME_MAX + 16];
	suite_result_t r = { 0 };
	int fds[2];

	snprintf(run_sh, sizeof(run_sh), "%s/%s/run.sh", SUITES_DIR, suite_names[index]);
	CHECK(pipe(fds) == 0);
	pid_t pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		suite_exec(run_sh, fds[1]);
	}
	setpgid(pid, pid);      /* as the child does: whichever runs first */
	close(fds[1]);
	suite_follow(fds[0], pid, &r);
	close(fds[0]);
	r.status = utest_wait(pid);
	if (r.quiet_too_long)
		printf("    %s printed nothing for %d minutes and was killed\n", run_sh,
		       SUITE_QUIET_LIMIT_MS / 60000);
	CHECK(!r.quiet_too_long);
	CHECK(r.summary);
	CHECK_EQ(r.failed, 0);
	CHECK(r.passed > 0);
	CHECK(WIFEXITED(r.status));
	CHECK_EQ(WEXITSTATUS(r.status), 0);
}

#define SUITE_FN(n) \
	static void suite_##n(void) { suite_run(n); }
SUITE_FN(0) SUITE_FN(1) SUITE_FN(2) SUITE_FN(3) SUITE_FN(4) SUITE_FN(5) SUITE_FN(6)
SUITE_FN(7) SUITE_FN(8) SUITE_FN(9) SUITE_FN(10) SUITE_FN(11) SUITE_FN(12)
SUITE_FN(13) SUITE_FN(14) SUITE_FN(15)
#undef SUITE_FN

static const utest_fn_t suite_fns[SUITES_MAX] = {
	suite_0, suite_1, suite_2, suite_3, suite_4, suite_5, suite_6, suite_7,
	suite_8, suite_9, suite_10, suite_11, suite_12, suite_13, suite_14, suite_15,
};

static int suite_name_cmp(const void *a, const void *b)
{
	return strcmp(a, b);
}

/* A directory of /share/tests with a run.sh in it. */
static bool suite_dir_is_suite(const char *name)
{
	char path[sizeof(SUITES_DIR) + SUITE_NAME_MAX + 16];
	struct stat st;

	if (name[0] == '.' || strlen(name) >= SUITE_NAME_MAX)
		return false;
	snprintf(path, sizeof(path), "%s/%s/run.sh", SUITES_DIR, name);
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

__attribute__((constructor)) static void suites_register(void)
{
	DIR *d = opendir(SUITES_DIR);
	struct dirent *e;

	if (!d)
		return;         /* suites_are_installed fails */
	while ((e = readdir(d))) {
		if (!suite_dir_is_suite(e->d_name))
			continue;
		suite_found++;
		if (suite_count < SUITES_MAX)
			snprintf(suite_names[suite_count++], SUITE_NAME_MAX, "%s", e->d_name);
	}
	closedir(d);
	qsort(suite_names, (size_t)suite_count, sizeof(suite_names[0]), suite_name_cmp);
	for (int i = 0; i < suite_count; i++)
		utest_register(suite_names[i], suite_fns[i]);
}

TEST(suites_are_installed)
{
	CHECK(suite_found > 0);
	if (suite_found > SUITES_MAX)
		printf("    %d suites in %s; test_suites runs the first %d (SUITES_MAX)\n",
		       suite_found, SUITES_DIR, SUITES_MAX);
	CHECK(suite_found <= SUITES_MAX);
}
