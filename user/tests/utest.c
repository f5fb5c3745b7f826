// SPDX-License-Identifier: MIT
/*
 * The runner behind utest.h and the helpers tests share: a registry
 * filled by constructors, a main that runs the tests in registration
 * order and reports each, and fork/wait/time helpers. The runner notices
 * a forked child that returned from a test instead of exiting and stops
 * it there.
 */
#include "utest.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define UTEST_MAX_TESTS 1024
#define UTEST_CHILD_ESCAPED 98

static struct {
	const char *name;
	utest_fn_t fn;
} utest_tests[UTEST_MAX_TESTS];
static int utest_count;
static bool utest_failed;
static const char *utest_skipped;
static const char *utest_program = "utest";

void utest_register(const char *name, utest_fn_t fn)
{
	if (utest_count == UTEST_MAX_TESTS) {
		fprintf(stderr, "utest: too many tests (max %d)\n", UTEST_MAX_TESTS);
		exit(2);
	}
	utest_tests[utest_count].name = name;
	utest_tests[utest_count].fn = fn;
	utest_count++;
}

void utest_fail(const char *file, int line, const char *what)
{
	utest_failed = true;
	printf("    %s:%d: check failed: %s\n", file, line, what);
}

void utest_fail_eq(const char *file, int line, const char *what, long long got,
		   long long want)
{
	utest_failed = true;
	printf("    %s:%d: check failed: %s (got %lld / 0x%llx, want %lld / 0x%llx)\n",
	       file, line, what, got, (unsigned long long)got, want,
	       (unsigned long long)want);
}

void utest_fail_errno(const char *file, int line, const char *what, long got, int err,
		      int want)
{
	utest_failed = true;
	printf("    %s:%d: check failed: %s should fail with %s (returned %ld, errno %d: %s)\n",
	       file, line, what, strerror(want), got, err, strerror(err));
}

bool utest_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void utest_fail_str(const char *file, int line, const char *what, const char *got,
		    const char *want)
{
	utest_failed = true;
	printf("    %s:%d: check failed: %s is \"%s\", want \"%s\"\n", file, line, what,
	       got ? got : "(null)", want ? want : "(null)");
}

void utest_skip(const char *why)
{
	utest_skipped = why;
}

void utest_child_fail(const char *file, int line, const char *what)
{
	fprintf(stderr, "    %s:%d: check failed in child %d: %s\n", file, line, getpid(), what);
	_exit(UTEST_CHILD_FAILED);
}

pid_t utest_fork(void)
{
	fflush(stdout);
	return fork();
}

int utest_wait(pid_t pid)
{
	int status;
	pid_t r;

	do
		r = waitpid(pid, &status, 0);
	while (r < 0 && errno == EINTR);
	return r == pid ? status : -1;
}

int utest_in_child(void (*fn)(void *arg), void *arg)
{
	pid_t pid = utest_fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		fn(arg);
		_exit(0);
	}
	return utest_wait(pid);
}

uint64_t utest_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void utest_sleep_ms(unsigned ms)
{
	struct timespec ts = { .tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

bool utest_wait_for(volatile int *word, int value, unsigned timeout_ms)
{
	for (unsigned i = 0; i <= timeout_ms; i++) {
		if (__atomic_load_n(word, __ATOMIC_ACQUIRE) == value)
			return true;
		utest_sleep_ms(1);
	}
	return __atomic_load_n(word, __ATOMIC_ACQUIRE) == value;
}

bool utest_kernel_log_has(const char *needle)
{
	static char log[65537];
	int fd = open("debug:", O_RDONLY);
	ssize_t n = 0, r;

	if (fd < 0)
		return false;
	while ((r = read(fd, log + n, sizeof(log) - 1 - (size_t)n)) > 0)
		n += r;
	log[n] = '\0';
	close(fd);
	return strstr(log, needle) != NULL;
}

void *utest_shared(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static bool utest_selected(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return true;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

int main(int argc, char **argv)
{
	int passed = 0, failed = 0;
	pid_t runner = getpid();

	if (argc > 0 && argv[0]) {
		const char *slash = strrchr(argv[0], '/');
		utest_program = slash ? slash + 1 : argv[0];
	}
	for (int i = 0; i < utest_count; i++) {
		if (!utest_selected(utest_tests[i].name, argc, argv))
			continue;
		utest_failed = false;
		utest_skipped = NULL;
		utest_tests[i].fn();
		if (getpid() != runner) {
			fprintf(stderr, "%s: a child of %s returned into the runner\n",
				utest_program, utest_tests[i].name);
			_exit(UTEST_CHILD_ESCAPED);
		}
		if (utest_failed)
			printf("%s: FAIL %s\n", utest_program, utest_tests[i].name);
		else if (utest_skipped)
			printf("%s: ok   %s (skipped: %s)\n", utest_program, utest_tests[i].name,
			       utest_skipped);
		else
			printf("%s: ok   %s\n", utest_program, utest_tests[i].name);
		if (utest_failed)
			failed++;
		else
			passed++;
	}
	printf("%s: %d passed, %d failed\n", utest_program, passed, failed);
	return failed ? 1 : 0;
}

/*
 * Runs argv with stdin from the file in_path, or the string in, or
 * nothing, and stderr into the same pipe as stdout when `merge`; its
 * output in out, NUL-ended. Returns the wait status (utest.h).
 */
int utest_run(char *const argv[], const char *in_path, const char *in, int merge, char *out,
	      size_t size)
{
	int to[2], from[2];

	if (pipe(to) < 0 || pipe(from) < 0)
		return -1;
	pid_t pid = utest_fork();
	if (pid == 0) {
		if (in_path) {
			int fd = open(in_path, O_RDONLY);
			if (fd < 0)
				_exit(126);
			dup2(fd, to[0]);
			close(fd);
		}
		dup2(to[0], 0);
		dup2(from[1], 1);
		if (merge)
			dup2(from[1], 2);
		close(to[0]);
		close(to[1]);
		close(from[0]);
		close(from[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(to[0]);
	close(from[1]);
	/* The strings here are small enough for the pipe: write, then read. */
	if (in)
		write(to[1], in, strlen(in));
	close(to[1]);
	size_t len = 0;
	ssize_t n;
	while (len + 1 < size && (n = read(from[0], out + len, size - 1 - len)) > 0)
		len += (size_t)n;
	out[len] = '\0';
	close(from[0]);
	return utest_wait(pid);
}
