// SPDX-License-Identifier: MIT
/*
 * The runner behind unit.h: a registry filled by constructors, a main that
 * runs the tests in registration order and reports them. A test fails when
 * any CHECK fails; the sanitizers abort the whole binary on memory errors,
 * which the harness reports as a failed binary.
 */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIT_MAX_TESTS 512

static struct {
	const char *name;
	unit_fn_t fn;
} unit_tests[UNIT_MAX_TESTS];
static int unit_count;
static bool unit_current_failed;

void unit_register(const char *name, unit_fn_t fn)
{
	if (unit_count == UNIT_MAX_TESTS) {
		fprintf(stderr, "unit: too many tests (max %d)\n", UNIT_MAX_TESTS);
		exit(2);
	}
	unit_tests[unit_count].name = name;
	unit_tests[unit_count].fn = fn;
	unit_count++;
}

void unit_fail(const char *file, int line, const char *what)
{
	unit_current_failed = true;
	printf("    %s:%d: check failed: %s\n", file, line, what);
}

void unit_fail_eq(const char *file, int line, const char *what, long long got,
		  long long want)
{
	unit_current_failed = true;
	printf("    %s:%d: check failed: %s (got %lld / 0x%llx, want %lld / 0x%llx)\n",
	       file, line, what, got, (unsigned long long)got, want,
	       (unsigned long long)want);
}

bool unit_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void unit_fail_str(const char *file, int line, const char *what,
		   const char *got, const char *want)
{
	unit_current_failed = true;
	printf("    %s:%d: check failed: %s is \"%s\", want \"%s\"\n", file, line,
	       what, got ? got : "(null)", want ? want : "(null)");
}

static bool unit_selected(const char *name, int argc, char **argv)
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

	for (int i = 0; i < unit_count; i++) {
		if (!unit_selected(unit_tests[i].name, argc, argv))
			continue;
		unit_current_failed = false;
		unit_tests[i].fn();
		printf("%s %s\n", unit_current_failed ? "FAIL" : "ok  ",
		       unit_tests[i].name);
		fflush(stdout);
		if (unit_current_failed)
			failed++;
		else
			passed++;
	}
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
