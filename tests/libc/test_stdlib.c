// SPDX-License-Identifier: MIT
/*
 * <stdlib.h> and <inttypes.h> apart from malloc (test_malloc.c): integer
 * parsing at its edges, sorting (including adversarial inputs and
 * qsort_r's argument), bsearch, division, the random generators (the
 * 48-bit family and random() give the same sequences as glibc for the
 * same seeds), the environment, atexit order and quick_exit, temporary
 * files, realpath and system; and <assert.h>, which follows NDEBUG at
 * every inclusion.
 */
#include "utest.h"

#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* --- strtol and friends --------------------------------------------------- */

TEST(strtol_reads_bases_prefixes_and_signs)
{
	char *end;

	CHECK_EQ(strtol("  \t\n+42xyz", &end, 10), 42);
	CHECK_STR(end, "xyz");
	CHECK_EQ(strtol("-0x1A", &end, 16), -26);
	CHECK_EQ(strtol("0x1A", &end, 0), 26);
	CHECK_EQ(strtol("0755", &end, 0), 493);
	CHECK_EQ(strtol("0", &end, 0), 0);
	CHECK_STR(end, "");
	CHECK_EQ(strtol("zz", &end, 36), 35 * 36 + 35);
	CHECK_EQ(strtol("ZZ", &end, 36), 35 * 36 + 35);
	CHECK_EQ(strtol("12", &end, 2), 1);
	CHECK_STR(end, "2");
	CHECK_EQ(strtol("1010", NULL, 2), 10);
}

TEST(strtol_0x_without_digits_reads_only_the_zero)
{
	char *end;

	CHECK_EQ(strtol("0x", &end, 16), 0);
	CHECK_STR(end, "x");
	CHECK_EQ(strtol("0xg", &end, 0), 0);
	CHECK_STR(end, "xg");
	CHECK_EQ(strtoul("0X", &end, 0), 0);
	CHECK_STR(end, "X");
}

TEST(strtol_without_digits_leaves_end_at_the_start)
{
	const char *s = "  -+5";
	char *end;

	CHECK_EQ(strtol(s, &end, 10), 0);
	CHECK(end == s);
	CHECK_EQ(strtol("", &end, 10), 0);
	CHECK_EQ(strtoul("   ", &end, 0), 0);
	s = "-";
	CHECK_EQ(strtoll(s, &end, 0), 0);
	CHECK(end == s);
}

TEST(strtol_overflow_clamps_and_sets_erange)
{
	char *end;

	errno = 0;
	CHECK_EQ(strtol("9223372036854775807", &end, 10), LONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("9223372036854775808", &end, 10), LONG_MAX);
	CHECK_EQ(errno, ERANGE);
	CHECK_STR(end, "");                     /* all digits are consumed */
	errno = 0;
	CHECK_EQ(strtol("-9223372036854775808", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtol("-9223372036854775809", NULL, 10), LONG_MIN);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoul("18446744073709551615", NULL, 10), ULONG_MAX);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoul("18446744073709551616", NULL, 10), ULONG_MAX);
	CHECK_EQ(errno, ERANGE);
	errno = 0;
	CHECK_EQ(strtoull("99999999999999999999999999", NULL, 0), ULLONG_MAX);
	CHECK_EQ(errno, ERANGE);
}

TEST(strtoul_of_a_negative_number_negates_it)
{
	errno = 0;
	CHECK_EQ(strtoul("-1", NULL, 10), ULONG_MAX);
	CHECK_EQ(strtoul("-18446744073709551615", NULL, 10), 1);
	CHECK_EQ(errno, 0);
	CHECK_EQ(strtoull("-0x10", NULL, 0), -16ULL);
}

TEST(strtol_rejects_bad_bases)
{
	char *end;
	const char *s = "123";

	errno = 0;
	CHECK_EQ(strtol(s, &end, 1), 0);
	CHECK_EQ(errno, EINVAL);
	errno = 0;
	CHECK_EQ(strtol(s, &end, 37), 0);
	CHECK_EQ(errno, EINVAL);
}

TEST(atoi_family_and_intmax_parsers)
{
	CHECK_EQ(atoi("  -123abc"), -123);
	CHECK_EQ(atol("77"), 77);
	CHECK_EQ(atoll("-9000000000"), -9000000000LL);
	char *end;
	CHECK_EQ(strtoimax("-0x7fffffffffffffff", &end, 16), -INTMAX_MAX);
	errno = 0;
	CHECK_EQ(strtoimax("-9223372036854775809", NULL, 10), INTMAX_MIN);
	CHECK_EQ(errno, ERANGE);
	CHECK_EQ(strtoumax("0777", NULL, 0), 511);
}

TEST(inttypes_format_macros_print_every_width)
{
	char b[128];

	snprintf(b, sizeof(b), "%" PRId8 " %" PRIu16 " %" PRIx32 " %" PRId64 " %" PRIuMAX
		 " %" PRIXPTR " %" PRIdFAST16 " %" PRIuLEAST64,
		 (int8_t)-5, (uint16_t)65535, (uint32_t)0xdeadbeef, (int64_t)INT64_MIN,
		 (uintmax_t)UINTMAX_MAX, (uintptr_t)0xabc, (int_fast16_t)-300,
		 (uint_least64_t)42);
	CHECK_STR(b, "-5 65535 deadbeef -9223372036854775808 18446744073709551615 ABC -300 42");
	int8_t i8;
	uint16_t u16;
	int64_t i64;
	CHECK_EQ(sscanf("-7 60000 -99", "%" SCNd8 " %" SCNu16 " %" SCNd64, &i8, &u16, &i64), 3);
	CHECK(i8 == -7 && u16 == 60000 && i64 == -99);
}

TEST(div_and_abs_truncate_toward_zero)
{
	div_t d = div(-7, 2);
	ldiv_t ld = ldiv(7L, -2L);
	lldiv_t lld = lldiv(-7LL, -2LL);
	imaxdiv_t id = imaxdiv(INTMAX_MAX, 10);

	CHECK(d.quot == -3 && d.rem == -1);
	CHECK(ld.quot == -3 && ld.rem == 1);
	CHECK(lld.quot == 3 && lld.rem == -1);
	CHECK(id.quot == INTMAX_MAX / 10 && id.rem == 7);
	CHECK_EQ(abs(-5), 5);
	CHECK_EQ(labs(-5L), 5);
	CHECK_EQ(llabs(-LLONG_MAX), LLONG_MAX);
	CHECK_EQ(imaxabs(-3), 3);
}

/* --- qsort and bsearch ---------------------------------------------------- */

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static long comparisons;

static int cmp_int_counted(const void *a, const void *b)
{
	comparisons++;
	return cmp_int(a, b);
}

static bool sorted(const int *v, size_t n)
{
	for (size_t i = 1; i < n; i++)
		if (v[i - 1] > v[i])
			return false;
	return true;
}

TEST(qsort_sorts_random_sorted_reversed_and_equal_inputs)
{
	enum { N = 5000 };
	static int v[N];
	uint32_t r = 1;

	for (int kind = 0; kind < 6; kind++) {
		for (int n = 0; n <= N; n = n ? n * 3 : 1) {
			long sum = 0, sum2 = 0;
			for (int i = 0; i < n; i++) {
				r = r * 1103515245 + 12345;
				v[i] = kind == 0 ? (int)(r >> 8) : kind == 1 ? i : kind == 2 ? n - i
				     : kind == 3 ? 7 : kind == 4 ? (int)(r >> 28) : (i % 2 ? i : -i);
				sum += v[i];
			}
			qsort(v, (size_t)n, sizeof(int), cmp_int);
			for (int i = 0; i < n; i++)
				sum2 += v[i];
			CHECK(sorted(v, (size_t)n));
			CHECK_EQ(sum, sum2);            /* a permutation, roughly */
		}
	}
}

/* An adversary: a quicksort that picks the middle element as pivot goes quadratic here. */
TEST(qsort_stays_n_log_n_on_an_organ_pipe_input)
{
	enum { N = 20000 };
	static int v[N];

	for (int i = 0; i < N; i++)
		v[i] = i < N / 2 ? i : N - i;
	comparisons = 0;
	qsort(v, N, sizeof(int), cmp_int_counted);
	CHECK(sorted(v, N));
	CHECK(comparisons < 40L * N * 15);      /* n log2 n is ~ 286000 */
}

typedef struct wide {
	char pad[13];
	int key;
} wide_t;

static int cmp_wide_desc(const void *a, const void *b, void *arg)
{
	int x = ((const wide_t *)a)->key, y = ((const wide_t *)b)->key;

	++*(int *)arg;
	return (y > x) - (y < x);
}

TEST(qsort_r_passes_its_argument_and_sorts_odd_sized_elements)
{
	wide_t w[300];
	int calls = 0;

	for (int i = 0; i < 300; i++) {
		memset(w[i].pad, 'a' + i % 26, sizeof(w[i].pad));
		w[i].key = (i * 7919) % 300;
	}
	qsort_r(w, 300, sizeof(wide_t), cmp_wide_desc, &calls);
	CHECK(calls > 0);
	for (int i = 0; i < 300; i++) {
		CHECK_EQ(w[i].key, 299 - i);
		int orig = 0;
		while ((orig * 7919) % 300 != w[i].key)
			orig++;
		CHECK_EQ(w[i].pad[12], 'a' + orig % 26);
	}
	qsort_r(w, 0, sizeof(wide_t), cmp_wide_desc, &calls);
}

TEST(bsearch_finds_present_keys_and_misses_absent_ones)
{
	int v[100];

	for (int i = 0; i < 100; i++)
		v[i] = i * 2;
	for (int k = -1; k < 201; k++) {
		int *p = bsearch(&k, v, 100, sizeof(int), cmp_int);
		if (k >= 0 && k % 2 == 0 && k < 200)
			CHECK(p && *p == k);
		else
			CHECK(p == NULL);
	}
	int k = 5;
	CHECK(bsearch(&k, v, 0, sizeof(int), cmp_int) == NULL);
}

/* --- random numbers ------------------------------------------------------- */

TEST(rand_repeats_for_a_seed_and_stays_in_range)
{
	int a[50];

	CHECK_EQ(RAND_MAX, 2147483647);
	srand(77);
	for (int i = 0; i < 50; i++) {
		a[i] = rand();
		CHECK(a[i] >= 0 && a[i] <= RAND_MAX);
	}
	srand(77);
	for (int i = 0; i < 50; i++)
		CHECK_EQ(rand(), a[i]);
	unsigned s1 = 5, s2 = 5;
	for (int i = 0; i < 50; i++) {
		int x = rand_r(&s1);
		CHECK(x >= 0 && x <= RAND_MAX);
		CHECK_EQ(rand_r(&s2), x);
	}
}

TEST(random_gives_the_classic_sequence_for_a_seed)
{
	srandom(1);
	CHECK_EQ(random(), 1804289383);
	CHECK_EQ(random(), 846930886);
	CHECK_EQ(random(), 1681692777);
	srandom(0);                     /* 0 is taken as 1 */
	CHECK_EQ(random(), 1804289383);
	static char state[64];
	char *old = initstate(42, state, sizeof(state));
	CHECK(old != NULL);
	long x = random();
	initstate(42, state, sizeof(state));
	CHECK_EQ(random(), x);
	CHECK(setstate(old) == state);
	srandom(1);
	CHECK_EQ(random(), 1804289383);
}

TEST(drand48_family_follows_the_posix_generator)
{
	srand48(1);
	CHECK_EQ(lrand48(), 89400484);
	CHECK_EQ(lrand48(), 976015093);
	srand48(1);
	CHECK_EQ(mrand48(), 178800969);
	srand48(0);
	double d = drand48();
	CHECK(d >= 0.0 && d < 1.0);
	CHECK_EQ((long long)(d * 281474976710656.0), (0x5deece66dLL * 0x330eLL + 0xb) & 0xffffffffffffLL);
	unsigned short x[3] = { 0x330e, 1, 0 };
	srand48(1);
	long want = lrand48();
	CHECK_EQ(nrand48(x), want);
	unsigned short y[3] = { 1, 2, 3 };
	long j = jrand48(y);
	CHECK(j >= INT32_MIN && j <= INT32_MAX);
	unsigned short seed[3] = { 0x330e, 1, 0 };
	unsigned short *prev = seed48(seed);
	CHECK(prev != NULL);
	srand48(1);
	long first = lrand48();
	seed48(seed);
	CHECK_EQ(lrand48(), first);
	unsigned short param[7] = { 1, 0, 0, 3, 0, 0, 5 };      /* X = 3X + 5 */
	lcong48(param);
	CHECK_EQ(lrand48(), 0);                 /* X = 8: 8 >> 17 */
	unsigned short z[3] = { 0, 0, 0x8000 };
	CHECK(erand48(z) == 0.5 + 5.0 / 281474976710656.0);   /* X = 2^47 + 5 */
	CHECK(z[0] == 5 && z[1] == 0 && z[2] == 0x8000);
	srand48(1);
}

/* --- the environment ------------------------------------------------------ */

TEST(setenv_getenv_and_unsetenv)
{
	CHECK_EQ(setenv("TEST_STDLIB_A", "one", 1), 0);
	CHECK_STR(getenv("TEST_STDLIB_A"), "one");
	CHECK_EQ(setenv("TEST_STDLIB_A", "two", 0), 0);
	CHECK_STR(getenv("TEST_STDLIB_A"), "one");
	CHECK_EQ(setenv("TEST_STDLIB_A", "three", 1), 0);
	CHECK_STR(getenv("TEST_STDLIB_A"), "three");
	CHECK_EQ(setenv("TEST_STDLIB_A", "", 1), 0);
	CHECK_STR(getenv("TEST_STDLIB_A"), "");
	CHECK(getenv("TEST_STDLIB_") == NULL);
	CHECK(getenv("TEST_STDLIB_A=") == NULL);
	CHECK_EQ(unsetenv("TEST_STDLIB_A"), 0);
	CHECK(getenv("TEST_STDLIB_A") == NULL);
	CHECK_EQ(unsetenv("TEST_STDLIB_NEVER_SET"), 0);
	CHECK_ERRNO(setenv("BAD=NAME", "x", 1), EINVAL);
	CHECK_ERRNO(setenv("", "x", 1), EINVAL);
	CHECK_ERRNO(unsetenv("A=B"), EINVAL);
	for (int i = 0; i < 200; i++) {
		char name[32];
		snprintf(name, sizeof(name), "TEST_STDLIB_MANY_%d", i);
		CHECK_EQ(setenv(name, name, 1), 0);
	}
	CHECK_STR(getenv("TEST_STDLIB_MANY_123"), "TEST_STDLIB_MANY_123");
	for (int i = 0; i < 200; i++) {
		char name[32];
		snprintf(name, sizeof(name), "TEST_STDLIB_MANY_%d", i);
		CHECK_EQ(unsetenv(name), 0);
	}
	CHECK(getenv("TEST_STDLIB_MANY_0") == NULL);
}

TEST(putenv_uses_the_callers_string)
{
	static char entry[] = "TEST_STDLIB_PUT=before";

	CHECK_EQ(putenv(entry), 0);
	CHECK_STR(getenv("TEST_STDLIB_PUT"), "before");
	memcpy(entry + 16, "after!", 7);
	CHECK_STR(getenv("TEST_STDLIB_PUT"), "after!");
	CHECK_EQ(unsetenv("TEST_STDLIB_PUT"), 0);
	CHECK(getenv("TEST_STDLIB_PUT") == NULL);
}

static void clearenv_child(void *arg)
{
	(void)arg;
	setenv("TEST_STDLIB_C", "x", 1);
	CHILD_CHECK(clearenv() == 0);
	CHILD_CHECK(getenv("TEST_STDLIB_C") == NULL);
	CHILD_CHECK(getenv("PATH") == NULL);
	CHILD_CHECK(setenv("AFTER", "clear", 1) == 0);
	CHILD_CHECK(strcmp(getenv("AFTER"), "clear") == 0);
	CHILD_CHECK(environ && environ[0] && !environ[1]);
}

TEST(clearenv_empties_the_environment)
{
	int status = utest_in_child(clearenv_child, NULL);

	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

/* --- exit ----------------------------------------------------------------- */

static int exit_pipe = -1;

static void exit_note(char c)
{
	if (write(exit_pipe, &c, 1) != 1)
		_exit(98);
}

static void at_a(void) { exit_note('a'); }
static void at_b(void) { exit_note('b'); }
static void at_c(void) { exit_note('c'); }
static void at_nested(void) { exit_note('n'); atexit(at_c); }
static void at_quick(void) { exit_note('q'); }
static void at_many(void) { exit_note('.'); }

static void exit_child(void *arg)
{
	int quick = *(int *)arg;

	for (int i = 0; i < 40; i++)                    /* more than ATEXIT_MAX */
		CHILD_CHECK(atexit(at_many) == 0);
	CHILD_CHECK(atexit(at_a) == 0);
	CHILD_CHECK(atexit(at_nested) == 0);
	CHILD_CHECK(atexit(at_b) == 0);
	CHILD_CHECK(at_quick_exit(at_quick) == 0);
	CHILD_CHECK(dup2(exit_pipe, 1) == 1);
	printf("buffered");             /* exit flushes it after the handlers; quick_exit does not */
	if (quick)
		quick_exit(7);
	exit(5);
}

static const char *run_exit_child(int quick, int *code)
{
	static char got[128];
	int fds[2];

	if (pipe(fds) < 0)
		return NULL;
	exit_pipe = fds[1];
	int status = utest_in_child(exit_child, &quick);
	close(fds[1]);
	ssize_t n = read(fds[0], got, sizeof(got) - 1);
	close(fds[0]);
	got[n > 0 ? n : 0] = '\0';
	*code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	return got;
}

TEST(exit_runs_atexit_handlers_in_reverse_including_late_ones)
{
	int code;
	const char *got = run_exit_child(0, &code);

	CHECK_EQ(code, 5);
	CHECK_STR(got, "bnca........................................buffered");
}

TEST(quick_exit_runs_only_at_quick_exit_handlers)
{
	int code;
	const char *got = run_exit_child(1, &code);

	CHECK_EQ(code, 7);
	CHECK_STR(got, "q");
}

/* --- files ---------------------------------------------------------------- */

static const char *temp_dir(void)
{
	const char *d = getenv("TMPDIR");

	return d && *d ? d : "/tmp";
}

TEST(mkstemp_creates_unique_private_files)
{
	char a[256], b[256];

	snprintf(a, sizeof(a), "%s/stdlibXXXXXX", temp_dir());
	strcpy(b, a);
	int fa = mkstemp(a), fb = mkstemp(b);
	if (fa < 0 && errno == ENOENT)
		SKIP("no writable temporary directory");
	CHECK(fa >= 0 && fb >= 0);
	CHECK(strcmp(a, b) != 0);
	CHECK(strstr(a, "XXXXXX") == NULL);
	CHECK_EQ(write(fa, "hi", 2), 2);
	struct stat st;
	CHECK_EQ(fstat(fa, &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0600);
	close(fa);
	close(fb);
	CHECK_EQ(unlink(a), 0);
	CHECK_EQ(unlink(b), 0);
}

TEST(mkstemps_keeps_the_suffix_and_bad_templates_fail)
{
	char t[256];

	snprintf(t, sizeof(t), "%s/stdlibXXXXXX.txt", temp_dir());
	int fd = mkstemps(t, 4);
	if (fd < 0 && errno == ENOENT)
		SKIP("no writable temporary directory");
	CHECK(fd >= 0);
	CHECK(strcmp(t + strlen(t) - 4, ".txt") == 0);
	close(fd);
	unlink(t);
	char bad[] = "/tmp/stdlibXXXXX";
	CHECK_ERRNO(mkstemp(bad), EINVAL);
	char bad2[] = "/tmp/XXXXXXy";
	CHECK_ERRNO(mkstemp(bad2), EINVAL);
	char t2[256];
	snprintf(t2, sizeof(t2), "%s/stdlibXXXXXX", temp_dir());
	fd = mkostemp(t2, O_CLOEXEC);
	CHECK(fd >= 0);
	CHECK(fcntl(fd, F_GETFD) & FD_CLOEXEC);
	close(fd);
	unlink(t2);
}

TEST(mkdtemp_creates_a_private_directory)
{
	char t[256];

	snprintf(t, sizeof(t), "%s/stdlibdirXXXXXX", temp_dir());
	char *d = mkdtemp(t);
	if (!d && errno == ENOENT)
		SKIP("no writable temporary directory");
	CHECK(d == t);
	struct stat st;
	CHECK_EQ(stat(t, &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_EQ(st.st_mode & 0777, 0700);
	CHECK_EQ(rmdir(t), 0);
}

TEST(realpath_removes_dots_and_follows_links)
{
	char dir[256], path[600], link[600], out[4096];

	snprintf(dir, sizeof(dir), "%s/stdlibrpXXXXXX", temp_dir());
	if (!mkdtemp(dir))
		SKIP("no writable temporary directory");
	char *canon = realpath(dir, NULL);      /* the temporary directory may be a link */
	CHECK(canon != NULL);
	snprintf(path, sizeof(path), "%s/sub", dir);
	CHECK_EQ(mkdir(path, 0700), 0);
	snprintf(path, sizeof(path), "%s/./sub//../sub/.", dir);
	CHECK(realpath(path, out) == out);
	char want[600];
	snprintf(want, sizeof(want), "%s/sub", canon);
	CHECK_STR(out, want);
	snprintf(link, sizeof(link), "%s/ln", dir);
	if (symlink("sub", link) == 0) {
		snprintf(path, sizeof(path), "%s/ln/.", dir);
		CHECK_STR(realpath(path, out), want);
		unlink(link);
	}
	snprintf(path, sizeof(path), "%s/missing/x", dir);
	errno = 0;
	CHECK(realpath(path, out) == NULL);
	CHECK_EQ(errno, ENOENT);
	snprintf(path, sizeof(path), "%s/sub", dir);
	rmdir(path);
	rmdir(dir);
	free(canon);
	CHECK_STR(realpath("/", out), "/");
	errno = 0;
	CHECK(realpath("", out) == NULL);
	CHECK_EQ(errno, ENOENT);
}

TEST(system_runs_commands_through_the_shell)
{
	if (!system(NULL))
		SKIP("no /bin/sh");
	int s = system("exit 3");
	CHECK(WIFEXITED(s));
	CHECK_EQ(WEXITSTATUS(s), 3);
	s = system("true");
	CHECK(WIFEXITED(s) && WEXITSTATUS(s) == 0);
}

TEST(getsubopt_splits_option_lists)
{
	char *const tokens[] = { "ro", "rw", "size", NULL };
	char buf[] = "ro,size=10,bogus=1", *p = buf, *value;

	CHECK_EQ(getsubopt(&p, tokens, &value), 0);
	CHECK(value == NULL);
	CHECK_EQ(getsubopt(&p, tokens, &value), 2);
	CHECK_STR(value, "10");
	CHECK_EQ(getsubopt(&p, tokens, &value), -1);
	CHECK_STR(value, "bogus=1");
	CHECK_EQ(*p, '\0');
}

/* --- <assert.h> ----------------------------------------------------------- */

/*
 * C17 7.2: assert follows NDEBUG anew at every inclusion of <assert.h>,
 * even after an #undef (gnulib's config.h does exactly that). These
 * inclusions come last in the file, so NDEBUG is left as it started.
 */
#include <assert.h>
#undef assert
#define NDEBUG
#include <assert.h>

static int assert_ndebug_evaluated;

static void assert_with_ndebug(void)
{
	assert(++assert_ndebug_evaluated == 100);   /* not evaluated */
}

#undef NDEBUG
#include <assert.h>

TEST(assert_h_follows_ndebug_at_every_inclusion)
{
	assert_with_ndebug();
	CHECK_EQ(assert_ndebug_evaluated, 0);
	assert(assert_ndebug_evaluated == 0);       /* defined again: passes */

	int err[2];
	CHECK_EQ(pipe(err), 0);
	pid_t pid = utest_fork();
	if (pid == 0) {
		dup2(err[1], 2);
		close(err[0]);
		assert(assert_ndebug_evaluated == 1);
		_exit(0);
	}
	close(err[1]);
	char msg[512];
	size_t len = 0;
	ssize_t n;
	while (len + 1 < sizeof(msg) && (n = read(err[0], msg + len, sizeof(msg) - 1 - len)) > 0)
		len += (size_t)n;
	msg[len] = '\0';
	close(err[0]);
	int status = utest_wait(pid);
	CHECK(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT);
	CHECK(strstr(msg, "assert_ndebug_evaluated == 1") != NULL);
}
