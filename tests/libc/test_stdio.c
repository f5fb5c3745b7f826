// SPDX-License-Identifier: MIT
/*
 * stdio.h: streams on files, memory and descriptors; buffering modes;
 * direction switches on "+" streams; pushback; positioning; the printf
 * and scanf families' stream and string forms; exit-time flushing and
 * fork; <stdio_ext.h>'s view of a stream. The same expectations hold
 * on glibc and on Tessera's libc.
 *
 * Files live under /tmp with the pid in their names, so runs never meet.
 * A second descriptor on the same file shows what a stream has really
 * written, which is how the buffering tests tell "buffered" from "sent".
 */
#include "utest.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* /tmp/stdio.PID.name in a rotating static buffer (four live at once). */
static const char *tmp_path(const char *name)
{
	static char bufs[4][96];
	static int next;
	char *b = bufs[next++ % 4];

	snprintf(b, sizeof(bufs[0]), "/tmp/stdio.%d.%s", (int)getpid(), name);
	return b;
}

static int write_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	size_t n = strlen(text);

	if (fd < 0)
		return -1;
	if (write(fd, text, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	return close(fd);
}

/* The file's contents (at most size - 1 bytes) as a string; length or -1. */
static ssize_t read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n, total = 0;

	if (fd < 0)
		return -1;
	while ((size_t)total < size - 1 && (n = read(fd, buf + total, size - 1 - (size_t)total)) > 0)
		total += n;
	close(fd);
	buf[total] = '\0';
	return total;
}

/* Bytes that reached the file so far, through a descriptor of our own. */
static ssize_t file_size_now(const char *path)
{
	static char buf[8192];

	return read_file(path, buf, sizeof(buf));
}

/* Skips the calling test when /tmp cannot hold files. */
#define NEED_TMP()                                                         \
	do {                                                               \
		if (write_file(tmp_path("probe"), "x") < 0)               \
			SKIP("no writable /tmp");                          \
		unlink(tmp_path("probe"));                                 \
	} while (0)

/* --- opening and modes ---------------------------------------------------- */

TEST(fopen_w_then_r_reads_back_lines_and_reaches_eof)
{
	const char *p = tmp_path("rw");
	char line[32];
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK(fputs("hello\nworld\n", f) >= 0);
	CHECK_EQ(fclose(f), 0);
	CHECK((f = fopen(p, "r")) != NULL);
	CHECK(fgets(line, sizeof(line), f) == line);
	CHECK_STR(line, "hello\n");
	CHECK(fgets(line, sizeof(line), f) == line);
	CHECK_STR(line, "world\n");
	CHECK(!feof(f));
	CHECK(fgets(line, sizeof(line), f) == NULL);
	CHECK(feof(f));
	CHECK(!ferror(f));
	CHECK_STR(line, "world\n");     /* untouched at end of file */
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(fopen_of_a_missing_file_for_reading_is_enoent)
{
	errno = 0;
	CHECK(fopen("/tmp/stdio-no-such-dir/none", "r") == NULL);
	CHECK_EQ(errno, ENOENT);
}

TEST(fopen_with_a_bad_mode_is_einval)
{
	errno = 0;
	CHECK(fopen("/tmp/whatever", "z") == NULL);
	CHECK_EQ(errno, EINVAL);
}

TEST(fopen_x_refuses_an_existing_file)
{
	const char *p = tmp_path("excl");
	FILE *f;

	NEED_TMP();
	unlink(p);
	CHECK((f = fopen(p, "wx")) != NULL);
	CHECK_EQ(fclose(f), 0);
	errno = 0;
	CHECK(fopen(p, "wx") == NULL);
	CHECK_EQ(errno, EEXIST);
	unlink(p);
}

TEST(fopen_e_sets_close_on_exec_and_plain_does_not)
{
	const char *p = tmp_path("cloexec");
	FILE *f, *g;

	NEED_TMP();
	CHECK((f = fopen(p, "we")) != NULL);
	CHECK((g = fopen(p, "r")) != NULL);
	CHECK(fcntl(fileno(f), F_GETFD) & FD_CLOEXEC);
	CHECK(!(fcntl(fileno(g), F_GETFD) & FD_CLOEXEC));
	fclose(f);
	fclose(g);
	unlink(p);
}

TEST(fopen_w_truncates_an_existing_file)
{
	const char *p = tmp_path("trunc");
	char buf[32];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "long old contents"), 0);
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK(fputs("new", f) >= 0);
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(read_file(p, buf, sizeof(buf)), 3);
	CHECK_STR(buf, "new");
	unlink(p);
}

TEST(append_mode_writes_at_the_end_even_after_a_seek)
{
	const char *p = tmp_path("append");
	char buf[32];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "abc"), 0);
	CHECK((f = fopen(p, "a")) != NULL);
	CHECK(fputs("de", f) >= 0);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK(fputs("f", f) >= 0);
	CHECK_EQ(ftell(f), 6);
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(read_file(p, buf, sizeof(buf)), 6);
	CHECK_STR(buf, "abcdef");
	unlink(p);
}

TEST(append_plus_reads_from_the_start_and_writes_at_the_end)
{
	const char *p = tmp_path("aplus");
	char buf[32];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "123"), 0);
	CHECK((f = fopen(p, "a+")) != NULL);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), '1');
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);
	CHECK(fputs("45", f) >= 0);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(fseek(f, 0, SEEK_SET), 0);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "12345");
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(read_plus_switches_from_reading_to_writing_after_a_seek)
{
	const char *p = tmp_path("rplus");
	char buf[32];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "0123456789"), 0);
	CHECK((f = fopen(p, "r+")) != NULL);
	CHECK_EQ(fgetc(f), '0');
	CHECK_EQ(fgetc(f), '1');
	CHECK_EQ(fgetc(f), '2');
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);
	CHECK(fputs("XY", f) >= 0);
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);   /* and back to reading */
	CHECK_EQ(fgetc(f), '5');
	rewind(f);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "012XY56789");
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(write_plus_reads_back_after_fflush_and_seek)
{
	const char *p = tmp_path("wplus");
	char buf[32] = { 0 };
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w+")) != NULL);
	CHECK_EQ(fprintf(f, "%s-%d", "abc", 42), 6);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(fseek(f, 2, SEEK_SET), 0);
	CHECK_EQ(fread(buf, 1, sizeof(buf), f), 4);
	CHECK_STR(buf, "c-42");
	CHECK(feof(f));
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(reading_a_write_only_stream_fails_with_the_error_indicator)
{
	const char *p = tmp_path("wonly");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK_EQ(fgetc(f), EOF);
	CHECK(ferror(f));
	CHECK(!feof(f));
	clearerr(f);
	CHECK(!ferror(f));
	CHECK_EQ(fclose(f), 0);
	CHECK((f = fopen(p, "r")) != NULL);
	CHECK_EQ(fputc('x', f), EOF);
	CHECK(ferror(f));
	fclose(f);
	unlink(p);
}

TEST(fdopen_adopts_a_descriptor_and_checks_its_access)
{
	const char *p = tmp_path("fdopen");
	char buf[16];
	int fd;
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "xyz"), 0);
	CHECK((fd = open(p, O_RDONLY)) >= 0);
	errno = 0;
	CHECK(fdopen(fd, "w") == NULL);
	CHECK_EQ(errno, EINVAL);
	CHECK((f = fdopen(fd, "r")) != NULL);
	CHECK_EQ(fileno(f), fd);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "xyz");
	CHECK_EQ(fclose(f), 0);
	CHECK_ERRNO(close(fd), EBADF);    /* fclose closed it */
	errno = 0;
	CHECK(fdopen(-1, "r") == NULL);
	CHECK_EQ(errno, EBADF);
	unlink(p);
}

TEST(fdopen_a_sets_append_on_the_descriptor)
{
	const char *p = tmp_path("fdappend");
	int fd;
	FILE *f;

	NEED_TMP();
	CHECK((fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644)) >= 0);
	CHECK((f = fdopen(fd, "a")) != NULL);
	CHECK(fcntl(fd, F_GETFL) & O_APPEND);
	fclose(f);
	unlink(p);
}

TEST(freopen_moves_the_stream_to_another_file_and_clears_indicators)
{
	const char *p1 = tmp_path("fre1"), *p2 = tmp_path("fre2");
	char buf[16];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p1, "one"), 0);
	CHECK_EQ(write_file(p2, "two"), 0);
	CHECK((f = fopen(p1, "r")) != NULL);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_EQ(fgetc(f), EOF);
	CHECK(feof(f));
	CHECK(freopen(p2, "r", f) == f);
	CHECK(!feof(f));
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "two");
	CHECK_EQ(fclose(f), 0);
	unlink(p1);
	unlink(p2);
}

TEST(freopen_of_stdin_keeps_descriptor_zero)
{
	const char *p = tmp_path("frestdin");
	pid_t pid;

	NEED_TMP();
	CHECK_EQ(write_file(p, "from file\n"), 0);
	CHECK((pid = utest_fork()) >= 0);
	if (pid == 0) {
		char line[32];

		CHILD_CHECK(freopen(p, "r", stdin) == stdin);
		CHILD_CHECK(fileno(stdin) == 0);
		CHILD_CHECK(fgets(line, sizeof(line), stdin) == line);
		CHILD_CHECK(strcmp(line, "from file\n") == 0);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	unlink(p);
}

TEST(freopen_with_a_null_path_changes_only_the_mode)
{
	const char *p = tmp_path("frenull");
	char buf[16];
	FILE *f;

	NEED_TMP();
	CHECK_EQ(write_file(p, "keep"), 0);
	CHECK((f = fopen(p, "r+")) != NULL);
	CHECK((f = freopen(NULL, "r", f)) != NULL);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "keep");
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(fclose_reports_a_failed_final_flush)
{
	const char *p = tmp_path("closefail");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK(fputs("pending", f) >= 0);
	CHECK_EQ(close(fileno(f)), 0);
	errno = 0;
	CHECK_EQ(fclose(f), EOF);
	CHECK_EQ(errno, EBADF);
	unlink(p);
}

TEST(remove_deletes_files_and_empty_directories)
{
	const char *p = tmp_path("rmfile"), *d = tmp_path("rmdir");

	NEED_TMP();
	CHECK_EQ(write_file(p, "x"), 0);
	CHECK_EQ(remove(p), 0);
	CHECK_ERRNO(open(p, O_RDONLY), ENOENT);
	CHECK_ERRNO(remove(p), ENOENT);
	CHECK_EQ(mkdir(d, 0755), 0);
	CHECK_EQ(remove(d), 0);
	CHECK_ERRNO(remove(d), ENOENT);
}

TEST(tmpfile_is_a_nameless_read_write_file)
{
	char buf[16] = { 0 };
	FILE *f;

	NEED_TMP();
	CHECK((f = tmpfile()) != NULL);
	CHECK(fputs("scratch", f) >= 0);
	rewind(f);
	CHECK_EQ(fread(buf, 1, sizeof(buf) - 1, f), 7);
	CHECK_STR(buf, "scratch");
	CHECK_EQ(fclose(f), 0);
}

TEST(tmpnam_names_differ_and_fit_l_tmpnam)
{
	char a[L_tmpnam], b[L_tmpnam];

	CHECK(tmpnam(a) == a);
	CHECK(tmpnam(b) == b);
	CHECK(strlen(a) < L_tmpnam);
	CHECK(strcmp(a, b) != 0);
}

/* --- characters, lines, blocks --------------------------------------------- */

/* A stream over text, through a file, for the reading tests. */
static FILE *open_text(const char *name, const char *text)
{
	const char *p = tmp_path(name);
	FILE *f;

	if (write_file(p, text) < 0)
		return NULL;
	f = fopen(p, "r");
	unlink(p);
	return f;
}

TEST(ungetc_pushes_back_a_byte_that_is_read_next)
{
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("unget", "abc")) != NULL);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(ungetc('z', f), 'z');
	CHECK_EQ(fgetc(f), 'z');
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(ungetc(EOF, f), EOF);
	CHECK_EQ(fgetc(f), 'c');
	fclose(f);
}

TEST(ungetc_clears_end_of_file)
{
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("ungeteof", "a")) != NULL);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(fgetc(f), EOF);
	CHECK(feof(f));
	CHECK_EQ(ungetc('q', f), 'q');
	CHECK(!feof(f));
	CHECK_EQ(fgetc(f), 'q');
	CHECK_EQ(fgetc(f), EOF);
	fclose(f);
}

TEST(ungetc_moves_the_position_back_and_a_seek_forgets_it)
{
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("ungetseek", "abcdef")) != NULL);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(fgetc(f), 'b');
	CHECK_EQ(ftell(f), 2);
	CHECK_EQ(ungetc('X', f), 'X');
	CHECK_EQ(ftell(f), 1);
	CHECK_EQ(fseek(f, 3, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), 'd');
	CHECK_EQ(ungetc('Y', f), 'Y');
	CHECK_EQ(fseek(f, 0, SEEK_CUR), 0);
	CHECK_EQ(fgetc(f), 'd');
	fclose(f);
}

TEST(fgets_with_size_one_stores_only_the_terminator)
{
	char buf[4] = "zzz";
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("fgets1", "abc\n")) != NULL);
	CHECK(fgets(buf, 1, f) == buf);
	CHECK_EQ(buf[0], '\0');
	CHECK_EQ(fgetc(f), 'a');
	fclose(f);
}

TEST(fgets_splits_a_long_line_and_ends_with_the_last_piece)
{
	char buf[4];
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("fgetslong", "abcdefg\nxy")) != NULL);
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "abc");
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "def");
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "g\n");
	CHECK(fgets(buf, sizeof(buf), f) == buf);
	CHECK_STR(buf, "xy");
	CHECK(feof(f));
	CHECK(fgets(buf, sizeof(buf), f) == NULL);
	fclose(f);
}

TEST(getline_grows_the_buffer_for_a_long_line)
{
	const char *p = tmp_path("getline");
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w+")) != NULL);
	for (int i = 0; i < 20000; i++)
		fputc('a' + i % 26, f);
	fputs("\nshort\nlast", f);
	rewind(f);
	CHECK_EQ(getline(&line, &cap, f), 20001);
	CHECK(cap > 20001);
	CHECK_EQ(line[19999], 'a' + 19999 % 26);
	CHECK_EQ(line[20000], '\n');
	CHECK_EQ(line[20001], '\0');
	CHECK_EQ(getline(&line, &cap, f), 6);
	CHECK_STR(line, "short\n");
	CHECK_EQ(getline(&line, &cap, f), 4);
	CHECK_STR(line, "last");
	CHECK_EQ(getline(&line, &cap, f), -1);
	CHECK(feof(f));
	free(line);
	fclose(f);
	unlink(p);
}

TEST(getdelim_splits_on_any_byte_and_rejects_null_arguments)
{
	char *line = NULL;
	size_t cap = 0;
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("getdelim", "a:bb:ccc")) != NULL);
	CHECK_EQ(getdelim(&line, &cap, ':', f), 2);
	CHECK_STR(line, "a:");
	CHECK_EQ(getdelim(&line, &cap, ':', f), 3);
	CHECK_STR(line, "bb:");
	CHECK_EQ(getdelim(&line, &cap, ':', f), 3);
	CHECK_STR(line, "ccc");
	CHECK_EQ(getdelim(&line, &cap, ':', f), -1);
	CHECK_ERRNO(getline(NULL, &cap, f), EINVAL);
	CHECK_ERRNO(getline(&line, NULL, f), EINVAL);
	free(line);
	fclose(f);
}

TEST(fread_and_fwrite_move_blocks_larger_than_the_buffer)
{
	const char *p = tmp_path("blocks");
	size_t n = 3 * BUFSIZ + 123, got = 0;
	unsigned char *out = malloc(n), *in = malloc(n + 10);
	FILE *f;

	NEED_TMP();
	CHECK(out && in);
	for (size_t i = 0; i < n; i++)
		out[i] = (unsigned char)(i * 7 + i / 251);
	CHECK((f = fopen(p, "w+")) != NULL);
	CHECK_EQ(fwrite(out, 1, 5, f), 5);
	CHECK_EQ(fwrite(out + 5, 1, n - 5, f), n - 5);
	rewind(f);
	/* Odd piece sizes cross the buffer's edges. */
	for (size_t piece = 1; got < n; piece = piece * 3 + 1) {
		size_t r = fread(in + got, 1, piece, f);

		got += r;
		if (r < piece)
			break;
	}
	CHECK_EQ(got, n);
	CHECK(memcmp(in, out, n) == 0);
	CHECK(feof(f));
	CHECK_EQ(fread(in, 1, 1, f), 0);
	free(out);
	free(in);
	fclose(f);
	unlink(p);
}

TEST(fread_counts_whole_elements_only)
{
	char buf[16];
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("elements", "abcdefghij")) != NULL);
	CHECK_EQ(fread(buf, 4, 3, f), 2);     /* 10 bytes: two whole elements */
	CHECK(feof(f));
	CHECK_EQ(fread(buf, 0, 3, f), 0);
	CHECK_EQ(fwrite(buf, 0, 3, stdout), 0);
	fclose(f);
}

/* --- buffering ---------------------------------------------------------------- */

TEST(full_buffering_holds_output_until_the_buffer_fills_or_fflush)
{
	const char *p = tmp_path("fbf");
	static char buf[1024];
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK_EQ(setvbuf(f, buf, _IOFBF, sizeof(buf)), 0);
	CHECK(fputs("line\n", f) >= 0);
	CHECK_EQ(file_size_now(p), 0);
	for (int i = 0; i < 1100; i++)
		fputc('x', f);
	CHECK(file_size_now(p) >= 1024);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(file_size_now(p), 1105);
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(line_buffering_sends_at_each_newline)
{
	const char *p = tmp_path("lbf");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK_EQ(setvbuf(f, NULL, _IOLBF, 0), 0);
	CHECK(fputs("ab", f) >= 0);
	CHECK_EQ(file_size_now(p), 0);
	CHECK_EQ(fputc('\n', f), '\n');
	CHECK_EQ(file_size_now(p), 3);
	CHECK_EQ(fprintf(f, "%d\n", 12), 3);
	CHECK_EQ(file_size_now(p), 6);
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(unbuffered_streams_send_every_byte_at_once)
{
	const char *p = tmp_path("nbf");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	setbuf(f, NULL);
	CHECK_EQ(fputc('x', f), 'x');
	CHECK_EQ(file_size_now(p), 1);
	CHECK_EQ(fprintf(f, "%s", "yz"), 2);
	CHECK_EQ(file_size_now(p), 3);
	CHECK_EQ(fclose(f), 0);
	unlink(p);
}

TEST(setvbuf_rejects_an_unknown_mode)
{
	const char *p = tmp_path("badmode");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK(setvbuf(f, NULL, 12345, 0) != 0);
	fclose(f);
	unlink(p);
}

TEST(fflush_null_flushes_every_output_stream)
{
	const char *p1 = tmp_path("all1"), *p2 = tmp_path("all2");
	FILE *a, *b;

	NEED_TMP();
	CHECK((a = fopen(p1, "w")) != NULL);
	CHECK((b = fopen(p2, "w")) != NULL);
	fputs("one", a);
	fputs("three", b);
	CHECK_EQ(file_size_now(p1), 0);
	CHECK_EQ(fflush(NULL), 0);
	CHECK_EQ(file_size_now(p1), 3);
	CHECK_EQ(file_size_now(p2), 5);
	fclose(a);
	fclose(b);
	unlink(p1);
	unlink(p2);
}

TEST(fflush_of_an_input_stream_moves_the_descriptor_to_the_stream_position)
{
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("syncin", "abcdef")) != NULL);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(lseek(fileno(f), 0, SEEK_CUR), 1);
	CHECK_EQ(fgetc(f), 'b');
	fclose(f);
}

/* --- positioning ----------------------------------------------------------------- */

TEST(fseek_ftell_and_fgetpos_agree_on_positions)
{
	fpos_t pos;
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("seek", "0123456789")) != NULL);
	CHECK_EQ(fseek(f, -3, SEEK_END), 0);
	CHECK_EQ(ftell(f), 7);
	CHECK_EQ(fgetc(f), '7');
	CHECK_EQ(fgetpos(f, &pos), 0);
	CHECK_EQ(fseek(f, -6, SEEK_CUR), 0);
	CHECK_EQ(ftello(f), 2);
	CHECK_EQ(fgetc(f), '2');
	CHECK_EQ(fsetpos(f, &pos), 0);
	CHECK_EQ(fgetc(f), '8');
	CHECK_ERRNO(fseek(f, -100, SEEK_SET), EINVAL);
	CHECK_ERRNO(fseek(f, 0, 12345), EINVAL);
	CHECK_EQ(ftell(f), 9);
	fclose(f);
}

TEST(a_seek_clears_end_of_file_and_rewind_clears_the_error_too)
{
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("rewind", "ab")) != NULL);
	while (fgetc(f) != EOF)
		;
	CHECK(feof(f));
	CHECK_EQ(fseek(f, 1, SEEK_SET), 0);
	CHECK(!feof(f));
	CHECK_EQ(fputc('x', f), EOF);     /* read-only: sets the error */
	CHECK(ferror(f));
	rewind(f);
	CHECK(!ferror(f));
	CHECK_EQ(fgetc(f), 'a');
	fclose(f);
}

TEST(ftell_counts_output_still_in_the_buffer)
{
	const char *p = tmp_path("tellw");
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	CHECK(fputs("12345", f) >= 0);
	CHECK_EQ(ftell(f), 5);
	CHECK_EQ(file_size_now(p), 0);
	fclose(f);
	unlink(p);
}

TEST(a_pipe_cannot_seek)
{
	int fds[2];
	FILE *f;

	CHECK_EQ(pipe(fds), 0);
	CHECK((f = fdopen(fds[0], "r")) != NULL);
	CHECK_ERRNO(fseek(f, 0, SEEK_SET), ESPIPE);
	CHECK_ERRNO(ftell(f), ESPIPE);
	fclose(f);
	close(fds[1]);
}

/* --- memory streams -------------------------------------------------------------------- */

TEST(fmemopen_reads_the_whole_buffer_nuls_included)
{
	char data[] = { 'a', '\0', 'b' };
	char buf[8];
	FILE *f;

	CHECK((f = fmemopen(data, sizeof(data), "r")) != NULL);
	CHECK_EQ(fread(buf, 1, sizeof(buf), f), 3);
	CHECK(memcmp(buf, data, 3) == 0);
	CHECK(feof(f));
	CHECK_EQ(fseek(f, 1, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), '\0');
	CHECK_EQ(fclose(f), 0);
}

TEST(fmemopen_write_ends_the_text_with_a_nul_when_it_fits)
{
	char buf[8];
	FILE *f;

	memset(buf, 'X', sizeof(buf));
	CHECK((f = fmemopen(buf, sizeof(buf), "w")) != NULL);
	CHECK_EQ(fprintf(f, "%s", "abc"), 3);
	CHECK_EQ(fflush(f), 0);
	CHECK_STR(buf, "abc");
	CHECK_EQ(buf[4], 'X');
	CHECK_EQ(ftell(f), 3);
	CHECK_EQ(fclose(f), 0);
	CHECK_STR(buf, "abc");
}

TEST(fmemopen_write_past_the_end_is_an_error)
{
	char buf[5];
	FILE *f;

	memset(buf, 'X', sizeof(buf));
	CHECK((f = fmemopen(buf, 4, "w")) != NULL);
	fputs("abcdefgh", f);
	CHECK_EQ(fflush(f), EOF);
	CHECK(ferror(f));
	CHECK(memcmp(buf, "abc", 3) == 0);
	CHECK_EQ(buf[4], 'X');
	fclose(f);
}

TEST(fmemopen_append_starts_at_the_first_nul)
{
	char buf[8] = "ab";
	FILE *f;

	CHECK((f = fmemopen(buf, sizeof(buf), "a")) != NULL);
	CHECK_EQ(ftell(f), 2);
	CHECK(fputs("cd", f) >= 0);
	CHECK_EQ(fclose(f), 0);
	CHECK_STR(buf, "abcd");
}

TEST(fmemopen_update_mode_reads_what_it_wrote)
{
	char buf[16] = "";
	char back[16] = { 0 };
	FILE *f;

	CHECK((f = fmemopen(buf, sizeof(buf), "w+")) != NULL);
	CHECK(fputs("hello", f) >= 0);
	rewind(f);
	CHECK_EQ(fread(back, 1, sizeof(back), f), 5);   /* stops at the length */
	CHECK_STR(back, "hello");
	CHECK_EQ(fclose(f), 0);
}

TEST(fmemopen_cannot_seek_outside_the_buffer)
{
	char buf[8] = "1234567";
	FILE *f;

	CHECK((f = fmemopen(buf, sizeof(buf), "r")) != NULL);
	CHECK_EQ(fseek(f, 8, SEEK_SET), 0);
	CHECK_EQ(fgetc(f), EOF);
	CHECK(fseek(f, 9, SEEK_SET) != 0);
	CHECK(fseek(f, -1, SEEK_SET) != 0);
	CHECK_EQ(fseek(f, -2, SEEK_END), 0);
	CHECK_EQ(fgetc(f), '7');
	CHECK_EQ(fclose(f), 0);
}

TEST(fmemopen_with_a_null_buffer_allocates_one)
{
	char back[8] = { 0 };
	FILE *f;

	CHECK((f = fmemopen(NULL, 16, "w+")) != NULL);
	CHECK(fputs("own", f) >= 0);
	rewind(f);
	CHECK(fgets(back, sizeof(back), f) == back);
	CHECK_STR(back, "own");
	CHECK_EQ(fclose(f), 0);
}

TEST(open_memstream_publishes_buffer_and_size_at_fflush)
{
	char *p = NULL;
	size_t size = 99;
	FILE *f;

	CHECK((f = open_memstream(&p, &size)) != NULL);
	CHECK_EQ(fprintf(f, "n=%d", 42), 4);
	CHECK_EQ(fflush(f), 0);
	CHECK(p != NULL);
	CHECK_EQ(size, 4);
	CHECK_STR(p, "n=42");
	for (int i = 0; i < 5000; i++)
		fputc('z', f);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(size, 5004);
	CHECK_EQ(strlen(p), 5004);
	CHECK_EQ(fclose(f), 0);
	free(p);
}

TEST(open_memstream_size_is_the_smaller_of_length_and_position)
{
	char *p = NULL;
	size_t size;
	FILE *f;

	CHECK((f = open_memstream(&p, &size)) != NULL);
	CHECK(fputs("hello", f) >= 0);
	CHECK_EQ(fseek(f, 2, SEEK_SET), 0);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(size, 2);
	CHECK_EQ(fseek(f, 8, SEEK_SET), 0);
	CHECK_EQ(fputc('Z', f), 'Z');
	CHECK_EQ(fclose(f), 0);
	CHECK_EQ(size, 9);
	CHECK(memcmp(p, "hello\0\0\0Z", 10) == 0);
	free(p);
}

/* --- formatted I/O ---------------------------------------------------------------------- */

TEST(snprintf_with_no_room_only_counts)
{
	char buf[4] = "zzz";
	/* Sizes through a volatile: GCC would rightly warn of truncation. */
	volatile size_t none = 0, one = 1, four = sizeof(buf);

	CHECK_EQ(snprintf(NULL, 0, "%d-%s", 12345, "ab"), 8);
	CHECK_EQ(snprintf(buf, none, "abc"), 3);
	CHECK_STR(buf, "zzz");
	CHECK_EQ(snprintf(buf, four, "%s", "abcdef"), 6);
	CHECK_STR(buf, "abc");
	CHECK_EQ(snprintf(buf, one, "x"), 1);
	CHECK_STR(buf, "");
}

TEST(sprintf_and_asprintf_format_into_memory)
{
	char buf[32];
	char *s = NULL;

	CHECK_EQ(sprintf(buf, "%5s|%-3d|%x", "ab", 7, 255), 12);
	CHECK_STR(buf, "   ab|7  |ff");
	CHECK_EQ(asprintf(&s, "%s %d", "long text", 12345), 15);
	CHECK_STR(s, "long text 12345");
	free(s);
}

static int call_vasprintf(char **s, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vasprintf(s, fmt, ap);
	va_end(ap);
	return r;
}

TEST(vasprintf_grows_past_its_first_guess)
{
	char big[3000], *s = NULL;

	memset(big, 'q', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK_EQ(call_vasprintf(&s, "<%s>", big), 3001);
	CHECK_EQ(strlen(s), 3001);
	CHECK_EQ(s[3000], '>');
	free(s);
}

TEST(dprintf_writes_to_a_descriptor)
{
	int fds[2];
	char buf[32] = { 0 };

	CHECK_EQ(pipe(fds), 0);
	CHECK_EQ(dprintf(fds[1], "fd %d %s", 3, "ok"), 7);
	CHECK_EQ(read(fds[0], buf, sizeof(buf)), 7);
	CHECK_STR(buf, "fd 3 ok");
	close(fds[0]);
	close(fds[1]);
}

TEST(sscanf_converts_and_counts_assignments)
{
	int a = 0, b = 0;
	char word[8];

	CHECK_EQ(sscanf("12 34", "%d %d", &a, &b), 2);
	CHECK_EQ(a, 12);
	CHECK_EQ(b, 34);
	CHECK_EQ(sscanf("7 x", "%d %d", &a, &b), 1);
	CHECK_EQ(sscanf("", "%d", &a), EOF);
	CHECK_EQ(sscanf("name=val", "name=%7s", word), 1);
	CHECK_STR(word, "val");
}

TEST(fscanf_leaves_the_unmatched_byte_for_the_next_read)
{
	int a = 0, b = 0;
	FILE *f;

	NEED_TMP();
	CHECK((f = open_text("fscanf", "12 34abc")) != NULL);
	CHECK_EQ(fscanf(f, "%d%d", &a, &b), 2);
	CHECK_EQ(a + b, 46);
	CHECK_EQ(fgetc(f), 'a');
	CHECK_EQ(fscanf(f, "%d", &a), 0);
	CHECK_EQ(fgetc(f), 'b');
	fclose(f);
}

/* Runs fn in a child with stderr on a file; returns what it wrote. */
static ssize_t capture_stderr(void (*fn)(void), char *out, size_t size)
{
	const char *p = tmp_path("stderr");
	pid_t pid = utest_fork();
	ssize_t n;

	if (pid == 0) {
		int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);

		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(1);
		fn();
		_exit(0);
	}
	if (pid < 0 || utest_wait(pid) != 0)
		return -1;
	n = read_file(p, out, size);
	unlink(p);
	return n;
}

static void perror_enoent(void)
{
	errno = ENOENT;
	perror("ctx");
}

TEST(perror_prints_the_prefix_and_the_message)
{
	char got[128], want[128];

	NEED_TMP();
	snprintf(want, sizeof(want), "ctx: %s\n", strerror(ENOENT));
	CHECK(capture_stderr(perror_enoent, got, sizeof(got)) > 0);
	CHECK_STR(got, want);
}

/* --- process life ------------------------------------------------------------------------- */

TEST(exit_flushes_streams_and_underscore_exit_does_not)
{
	const char *p1 = tmp_path("exit1"), *p2 = tmp_path("exit2");
	pid_t pid;

	NEED_TMP();
	if ((pid = utest_fork()) == 0) {
		FILE *f = fopen(p1, "w");

		fputs("kept", f);
		exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	if ((pid = utest_fork()) == 0) {
		FILE *f = fopen(p2, "w");

		fputs("lost", f);
		_exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(file_size_now(p1), 4);
	CHECK_EQ(file_size_now(p2), 0);
	unlink(p1);
	unlink(p2);
}

TEST(a_child_does_not_repeat_output_flushed_before_fork)
{
	const char *p = tmp_path("forkflush");
	char buf[64];
	pid_t pid;
	FILE *f;

	NEED_TMP();
	CHECK((f = fopen(p, "w")) != NULL);
	fputs("parent\n", f);
	CHECK_EQ(fflush(f), 0);
	if ((pid = utest_fork()) == 0) {
		fputs("child\n", f);
		exit(0);
	}
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(fclose(f), 0);
	CHECK(read_file(p, buf, sizeof(buf)) > 0);
	CHECK_STR(buf, "parent\nchild\n");
	unlink(p);
}

TEST(flockfile_is_recursive_and_unlocked_calls_work_under_it)
{
	char *p = NULL;
	size_t size;
	FILE *f;

	CHECK((f = open_memstream(&p, &size)) != NULL);
	flockfile(f);
	CHECK_EQ(ftrylockfile(f), 0);
	flockfile(f);
	CHECK_EQ(putc_unlocked('a', f), 'a');
	CHECK_EQ(fputc('b', f), 'b');
	CHECK_EQ(fprintf(f, "c"), 1);
	funlockfile(f);
	funlockfile(f);
	funlockfile(f);
	CHECK_EQ(ftrylockfile(f), 0);
	funlockfile(f);
	CHECK_EQ(fclose(f), 0);
	CHECK_STR(p, "abc");
	free(p);
}

#define WRITERS 4
#define LINES   300

static void *writer_thread(void *arg)
{
	FILE *f = arg;

	for (int i = 0; i < LINES; i++)
		fprintf(f, "<%p:%04d:%s>\n", (void *)pthread_self(), i,
			"0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop");
	return NULL;
}

TEST(threads_sharing_a_stream_never_interleave_within_a_call)
{
	char *p = NULL, *line, *save = NULL;
	size_t size;
	pthread_t t[WRITERS];
	int lines = 0;
	FILE *f;

	CHECK((f = open_memstream(&p, &size)) != NULL);
	CHECK_EQ(setvbuf(f, NULL, _IOFBF, 64), 0);   /* many flushes mid-line */
	for (int i = 0; i < WRITERS; i++)
		if (pthread_create(&t[i], NULL, writer_thread, f) != 0)
			SKIP("no threads");
	for (int i = 0; i < WRITERS; i++)
		pthread_join(t[i], NULL);
	CHECK_EQ(fclose(f), 0);
	for (line = strtok_r(p, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		size_t n = strlen(line);

		CHECK(line[0] == '<' && line[n - 1] == '>');
		CHECK(strchr(line + 1, '<') == NULL);
		lines++;
	}
	CHECK_EQ(lines, WRITERS * LINES);
	free(p);
}

TEST(header_constants_have_posix_values)
{
	CHECK_EQ(EOF, -1);
	CHECK_EQ(SEEK_SET, 0);
	CHECK_EQ(SEEK_CUR, 1);
	CHECK_EQ(SEEK_END, 2);
	CHECK(BUFSIZ >= 256);
	CHECK(FOPEN_MAX >= 8);
	CHECK(TMP_MAX >= 10000);
	CHECK(FILENAME_MAX > 0);
	CHECK(L_tmpnam > 0);
	CHECK(_IOFBF != _IOLBF && _IOLBF != _IONBF && _IOFBF != _IONBF);
	CHECK(strcmp(P_tmpdir, "/tmp") == 0);
	CHECK(sizeof(off_t) == 8);
}

/* --- <stdio_ext.h> -------------------------------------------------------- */

TEST(stdio_ext_reports_direction_and_pending_output)
{
	const char *path = tmp_path("ext");
	FILE *f = fopen(path, "w+");

	CHECK(f != NULL);
	CHECK(__freadable(f) && __fwritable(f));
	CHECK(!__freading(f) && !__fwriting(f));
	CHECK_EQ(setvbuf(f, NULL, _IOFBF, 4096), 0);
	CHECK(!__flbf(f));
	CHECK(fputs("hello", f) >= 0);
	CHECK(__fwriting(f) && !__freading(f));
	CHECK_EQ(__fpending(f), 5);
	CHECK(__fbufsize(f) >= 5);
	CHECK_EQ(fflush(f), 0);
	CHECK_EQ(__fpending(f), 0);
	rewind(f);
	CHECK_EQ(fgetc(f), 'h');
	CHECK(__freading(f) && !__fwriting(f));
	CHECK_EQ(__fpending(f), 0);
	CHECK_EQ(__fsetlocking(f, FSETLOCKING_QUERY), FSETLOCKING_INTERNAL);
	fclose(f);

	f = fopen(path, "r");
	CHECK(f != NULL);
	CHECK(__freading(f) && !__fwriting(f) && !__fwritable(f));
	fclose(f);
	f = fopen(path, "a");
	CHECK(f != NULL);
	CHECK(__fwriting(f) && !__freading(f) && !__freadable(f));
	fclose(f);
	unlink(path);
}

TEST(stdio_ext_fpurge_discards_buffered_output_and_input)
{
	const char *path = tmp_path("purge");
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	CHECK_EQ(setvbuf(f, NULL, _IOFBF, 4096), 0);
	fputs("lost", f);
	__fpurge(f);
	CHECK_EQ(__fpending(f), 0);
	fputs("kept", f);
	CHECK_EQ(fclose(f), 0);

	char buf[16] = "";
	f = fopen(path, "r");
	CHECK(f != NULL);
	CHECK(fgets(buf, sizeof(buf), f) != NULL);
	CHECK_STR(buf, "kept");
	rewind(f);
	CHECK_EQ(ungetc('x', f), 'x');
	__fpurge(f);
	CHECK(fgetc(f) != 'x');
	fclose(f);
	unlink(path);
}

TEST(stdio_ext_flushlbf_sends_line_buffered_output)
{
	const char *path = tmp_path("lbf");
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	CHECK_EQ(setvbuf(f, NULL, _IOLBF, 256), 0);
	CHECK(__flbf(f));
	fputs("no newline", f);
	_flushlbf();
	CHECK_EQ(__fpending(f), 0);
	struct stat st;
	CHECK_EQ(stat(path, &st), 0);
	CHECK_EQ(st.st_size, 10);
	fclose(f);
	unlink(path);
}
