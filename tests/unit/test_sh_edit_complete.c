// SPDX-License-Identifier: MIT
/*
 * Tests for the line editor's Tab completion (user/sh/complete.h and
 * edit_tab.c): finding the word and its command position with the
 * shell's lexical rules, quoting names into the line, the candidates from
 * a directory tree made for each test under /tmp and from a $PATH there,
 * and what Tab does to the line and the screen (through the terminal
 * model of sh_edit_test.h).
 */
#include "unit.h"
#include "sh_edit_test.h"

#include "user/sh/complete.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- a directory tree to complete in ------------------------------------ */

static char tree[64];
static char tree_oldcwd[4096];
static char *tree_oldpath;

static void tree_file(const char *name, mode_t mode)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tree, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd >= 0)
		close(fd);
	chmod(path, mode);
}

static void tree_dir(const char *name)
{
	char path[256];
	snprintf(path, sizeof path, "%s/%s", tree, name);
	mkdir(path, 0755);
}

/*
 * alpha.txt alpine/ beta .hidden "my file" "it's" a$b exe* sub/x
 * bin1/mytool* bin2/mytool* bin2/mytest bin2/mydir/ many/f00..f11
 * Makes it the working directory, PATH=tree/bin1:tree/bin2, HOME=tree.
 */
static void tree_make(void)
{
	snprintf(tree, sizeof tree, "/tmp/sh_edit_XXXXXX");
	if (!mkdtemp(tree))
		abort();
	tree_file("alpha.txt", 0644);
	tree_dir("alpine");
	tree_file("beta", 0644);
	tree_file(".hidden", 0644);
	tree_file("my file", 0644);
	tree_file("it's", 0644);
	tree_file("a$b", 0644);
	tree_file("exe", 0755);
	tree_dir("sub");
	tree_file("sub/x", 0644);
	tree_dir("bin1");
	tree_dir("bin2");
	tree_file("bin1/mytool", 0755);
	tree_file("bin2/mytool", 0755);
	tree_file("bin2/mytest", 0644);
	tree_dir("bin2/mydir");
	tree_dir("many");
	for (int i = 0; i < 12; i++) {
		char name[32];
		snprintf(name, sizeof name, "many/f%02d", i);
		tree_file(name, 0644);
	}
	if (!getcwd(tree_oldcwd, sizeof tree_oldcwd) || chdir(tree) != 0)
		abort();
	const char *path = getenv("PATH");
	tree_oldpath = path ? strdup(path) : NULL;
	char newpath[160];
	snprintf(newpath, sizeof newpath, "%s/bin1:%s/bin2", tree, tree);
	setenv("PATH", newpath, 1);
	setenv("HOME", tree, 1);
}

static void tree_remove_dir(int at, const char *name)
{
	int fd = openat(at, name, O_RDONLY | O_DIRECTORY);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(fd, e->d_name, 0) != 0)
			tree_remove_dir(fd, e->d_name);
	}
	if (d)
		closedir(d);
	unlinkat(at, name, AT_REMOVEDIR);
}

static void tree_free(void)
{
	if (chdir(tree_oldcwd) != 0)
		abort();
	tree_remove_dir(AT_FDCWD, tree);
	if (tree_oldpath)
		setenv("PATH", tree_oldpath, 1);
	free(tree_oldpath);
	tree_oldpath = NULL;
}

/* --- the word --------------------------------------------------------- */

typedef struct word_case {
	const char *line;
	size_t start;
	bool command;
	char quote;
	const char *text;       /* NULL: refused */
} word_case_t;

static bool word_check(const word_case_t *c)
{
	complete_word_t w;
	bool ok = complete_word_find(c->line, strlen(c->line), &w);
	if (!c->text) {
		if (ok)
			printf("    \"%s\": completes \"%s\", want refused\n", c->line, w.text);
		complete_word_free(&w);
		return !ok;
	}
	bool same = ok && w.start == c->start && w.command == c->command &&
		    w.quote == c->quote && strcmp(w.text, c->text) == 0;
	if (!same)
		printf("    \"%s\": got %d start %zu cmd %d quote %d \"%s\"\n", c->line, ok,
		       ok ? w.start : 0, ok && w.command, ok ? w.quote : 0, ok ? w.text : "");
	complete_word_free(&w);
	return same;
}

TEST(complete_word_command_position)
{
	static const word_case_t cases[] = {
		{ "", 0, true, 0, "" },
		{ "l", 0, true, 0, "l" },
		{ "  l", 2, true, 0, "l" },
		{ "ls fo", 3, false, 0, "fo" },
		{ "ls ", 3, false, 0, "" },
		{ "echo a | gr", 9, true, 0, "gr" },
		{ "echo a|gr", 7, true, 0, "gr" },
		{ "a && b; c", 8, true, 0, "c" },
		{ "a || b", 5, true, 0, "b" },
		{ "a & b", 4, true, 0, "b" },
		{ "(c", 1, true, 0, "c" },
		{ "(cd x", 4, false, 0, "x" },
		{ "if tr", 3, true, 0, "tr" },
		{ "if true; then ec", 14, true, 0, "ec" },
		{ "while x; do y", 12, true, 0, "y" },
		{ "! gr", 2, true, 0, "gr" },
		{ "for x", 4, false, 0, "x" },
		{ "case x in", 7, false, 0, "in" },
		{ "VAR=1 ec", 6, true, 0, "ec" },
		{ "A=1 B=2 ec", 8, true, 0, "ec" },
		{ "cat < fi", 6, false, 0, "fi" },
		{ "cat <fi", 5, false, 0, "fi" },
		{ "<in c", 4, true, 0, "c" },
		{ "ls 2>/dev/nu", 5, false, 0, "/dev/nu" },
		{ "ls >>lo", 5, false, 0, "lo" },
		{ "ls 2>&1 | gr", 10, true, 0, "gr" },
		{ "echo $(ls", 7, true, 0, "ls" },
		{ "echo `l", 6, true, 0, "l" },
		{ "echo $(ls) fo", 11, false, 0, "fo" },
		{ "$(which ls) fo", 12, false, 0, "fo" },
		{ "echo `ls` fo", 10, false, 0, "fo" },
		{ "echo $(a $(b) c", 14, false, 0, "c" },
		{ "case x in a) ec", 13, true, 0, "ec" },
		{ "(a) && b", 7, true, 0, "b" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(word_check(&cases[i]));
}

TEST(complete_word_quotes_escapes_and_expansions)
{
	setenv("HOME", "/home/u", 1);
	setenv("SH_EDIT_EMPTY", "", 1);
	static const word_case_t cases[] = {
		{ "ls 'my fi", 3, false, '\'', "my fi" },
		{ "ls my\\ fi", 3, false, 0, "my fi" },
		{ "ls \"a\\\"b", 3, false, '"', "a\"b" },
		{ "ls \"a\\b", 3, false, '"', "a\\b" },
		{ "ls \"a b\"c", 3, false, 0, "a bc" },
		{ "ls 'a|b;c' d", 11, false, 0, "d" },
		{ "ls \"x y\" z", 9, false, 0, "z" },
		{ "ls a\\|b", 3, false, 0, "a|b" },
		{ "ls $HOME/x", 3, false, 0, "/home/u/x" },
		{ "ls ${HOME}/x", 3, false, 0, "/home/u/x" },
		{ "ls \"$HOME\"/d", 3, false, 0, "/home/u/d" },
		{ "ls '$HOME'/d", 3, false, 0, "$HOME/d" },
		{ "ls x$SH_EDIT_EMPTY/y", 3, false, 0, "x/y" },
		{ "ls ~/x", 3, false, 0, "/home/u/x" },
		{ "ls ~", 3, false, 0, "~" },
		{ "ls a~/b", 3, false, 0, "a~/b" },
		{ "ls a$", 3, false, 0, "a$" },
		{ "ls $1/x", 3, false, 0, "$1/x" },
		{ "ls $HO", 0, false, 0, NULL },
		{ "ls ${HO", 0, false, 0, NULL },
		{ "ls \"$(l", 0, false, 0, NULL },
		{ "ls \"a`b", 0, false, 0, NULL },
		{ "ls a`b", 5, true, 0, "b" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		CHECK(word_check(&cases[i]));
}

TEST(complete_word_before_a_cursor_in_the_middle)
{
	complete_word_t w;
	CHECK(complete_word_find("cat fo bar", 6, &w));
	CHECK_EQ(w.start, 4);
	CHECK_STR(w.text, "fo");
	complete_word_free(&w);
}

static bool quote_check(const char *name, char quote, const char *want)
{
	edit_buf_t b = { 0 };
	complete_quote(&b, name, strlen(name), quote);
	edit_buf_put(&b, "", 0);
	bool same = strcmp(b.data, want) == 0;
	if (!same)
		printf("    quote(\"%s\", %d) is \"%s\", want \"%s\"\n", name, quote, b.data, want);
	edit_buf_free(&b);
	return same;
}

TEST(complete_quote_for_each_context)
{
	CHECK(quote_check("plain-name_1.txt", 0, "plain-name_1.txt"));
	CHECK(quote_check("my file", 0, "my\\ file"));
	CHECK(quote_check("a*b?[c]", 0, "a\\*b\\?\\[c\\]"));
	CHECK(quote_check("x;y&z|w<v>u(t)", 0, "x\\;y\\&z\\|w\\<v\\>u\\(t\\)"));
	CHECK(quote_check("$v`c`\\'\"#~", 0, "\\$v\\`c\\`\\\\\\'\\\"\\#\\~"));
	CHECK(quote_check("tab\there", 0, "tab\\\there"));
	CHECK(quote_check("nl\nx", 0, "nl'\n'x"));
	CHECK(quote_check("it's", '\'', "it'\\''s"));
	CHECK(quote_check("my file$", '\'', "my file$"));
	CHECK(quote_check("a\"$b`\\c d", '"', "a\\\"\\$b\\`\\\\c d"));
}

/* --- candidates --------------------------------------------------------- */

/* The candidates for line, as "name name/ ..." (dirs marked). */
static const char *cands(const char *line, const char *const *words, size_t *typed)
{
	static char out[1024];
	complete_word_t w;
	complete_list_t l;

	out[0] = '\0';
	if (!complete_word_find(line, strlen(line), &w))
		return "(refused)";
	if (!complete_candidates(&w, words, getenv("PATH"), &l)) {
		complete_word_free(&w);
		return "(no memory)";
	}
	for (size_t i = 0; i < l.count; i++) {
		size_t n = strlen(out);
		snprintf(out + n, sizeof out - n, "%s%s%s", i ? " " : "", l.items[i].name,
			 l.items[i].dir ? "/" : "");
	}
	if (typed)
		*typed = l.typed;
	complete_list_free(&l);
	complete_word_free(&w);
	return out;
}

TEST(complete_candidates_from_a_directory)
{
	tree_make();
	size_t typed = 99;
	CHECK_STR(cands("cat al", NULL, &typed), "alpha.txt alpine/");
	CHECK_EQ(typed, 2);
	CHECK_STR(cands("cat ", NULL, NULL),
		  "a$b alpha.txt alpine/ beta bin1/ bin2/ exe it's many/ my file sub/");
	CHECK_STR(cands("cat .h", NULL, NULL), ".hidden");
	CHECK_STR(cands("cat .", NULL, NULL), "./ ../ .hidden");
	CHECK_STR(cands("cat sub/", NULL, &typed), "x");
	CHECK_EQ(typed, 0);
	CHECK_STR(cands("cat zz", NULL, NULL), "");
	CHECK_STR(cands("cat nowhere/", NULL, NULL), "");
	char line[128];
	snprintf(line, sizeof line, "cat %s/bin2/my", tree);
	CHECK_STR(cands(line, NULL, &typed), "mydir/ mytest mytool");
	CHECK_EQ(typed, 2);
	CHECK_STR(cands("cat ~/be", NULL, NULL), "beta");
	CHECK_STR(cands("cat \"$HOME/be", NULL, NULL), "beta");
	tree_free();
}

TEST(complete_candidates_for_commands)
{
	static const char *const words[] = { "myfunc", "cd", "mytool", NULL };
	tree_make();
	/* PATH programs and words, merged without repeats; not mytest (not executable) nor mydir. */
	CHECK_STR(cands("my", words, NULL), "myfunc mytool");
	CHECK_STR(cands("x | myt", words, NULL), "mytool");
	CHECK_STR(cands("c", words, NULL), "cd");
	CHECK_STR(cands("my", NULL, NULL), "mytool");
	/* A command with a '/' is a path: only directories and executables. */
	CHECK_STR(cands("./", NULL, NULL), "alpine/ bin1/ bin2/ exe many/ sub/");
	CHECK_STR(cands("./be", NULL, NULL), "");
	setenv("PATH", "", 1); /* an empty entry is the working directory */
	CHECK_STR(cands("ex", NULL, NULL), "exe");
	tree_free();
}

TEST(complete_common_prefix_stops_at_characters)
{
	complete_item_t items[] = { { "caf\xc3\xa9s", false }, { "caf\xc3\xa8", false } };
	complete_list_t l = { .items = items, .count = 2 };
	CHECK_EQ(complete_common(&l), 3);
	items[1].name = "caf\xc3\xa9z";
	CHECK_EQ(complete_common(&l), 5);
	l.count = 1;
	CHECK_EQ(complete_common(&l), 6);
	l.count = 0;
	CHECK_EQ(complete_common(&l), 0);
}

/* --- Tab in the line --------------------------------------------------- */

static drive_t *tab_drive(int width, const char *keys)
{
	static const char *const words[] = { "myfunc", "cd", NULL };
	drive_t *d = drive_new("$ ", width);
	d->c.words = words;
	drive_keys(d, keys);
	return d;
}

TEST(tab_completes_a_single_match)
{
	tree_make();
	drive_t *d = tab_drive(80, "cat be\t");
	CHECK_STR(drive_line(d), "cat beta ");
	CHECK_STR(term_screen(&d->t), "$ cat beta");
	CHECK_CURSOR(d, 0, 11);
	CHECK_EQ(d->t.bells, 0);
	drive_free(d);
	d = tab_drive(80, "cd su\t");
	CHECK_STR(drive_line(d), "cd sub/");
	drive_keys(d, "\t");
	CHECK_STR(drive_line(d), "cd sub/x ");
	drive_free(d);
	d = tab_drive(80, "cat .h\t");
	CHECK_STR(drive_line(d), "cat .hidden ");
	drive_free(d);
	d = tab_drive(80, "myt\t");
	CHECK_STR(drive_line(d), "mytool ");
	drive_free(d);
	d = tab_drive(80, "x && myf\t");
	CHECK_STR(drive_line(d), "x && myfunc ");
	drive_free(d);
	d = tab_drive(80, "./e\t");
	CHECK_STR(drive_line(d), "./exe ");
	drive_free(d);
	tree_free();
}

TEST(tab_quotes_what_it_inserts)
{
	tree_make();
	static const struct {
		const char *keys, *line;
	} cases[] = {
		{ "cat my\t", "cat my\\ file " },
		{ "cat 'my\t", "cat 'my file' " },
		{ "cat \"my\t", "cat \"my file\" " },
		{ "cat it\t", "cat it\\'s " },
		{ "cat 'it\t", "cat 'it'\\''s' " },
		{ "cat a\\$\t", "cat a\\$b " },
		{ "cat ~/my\t", "cat ~/my\\ file " },
		{ "cat \"$HOME\"/my\t", "cat \"$HOME\"/my\\ file " },
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		drive_t *d = tab_drive(80, cases[i].keys);
		CHECK_STR(drive_line(d), cases[i].line);
		drive_free(d);
	}
	tree_free();
}

TEST(tab_in_the_middle_of_the_line)
{
	tree_make();
	drive_t *d = tab_drive(80, "cat be foo" K_LEFT K_LEFT K_LEFT K_LEFT "\t");
	CHECK_STR(drive_line(d), "cat beta foo");
	CHECK_EQ(d->c.pos, 8);
	CHECK_STR(term_screen(&d->t), "$ cat beta foo");
	CHECK_CURSOR(d, 0, 10);
	drive_free(d);
	tree_free();
}

TEST(tab_inserts_the_common_prefix_then_lists)
{
	tree_make();
	drive_t *d = tab_drive(80, "cat al\t");
	CHECK_STR(drive_line(d), "cat alp");
	CHECK_EQ(d->t.bells, 0);
	drive_keys(d, "\t");
	CHECK_STR(term_screen(&d->t), "$ cat alp\nalpha.txt  alpine/\n$ cat alp");
	CHECK_CURSOR(d, 2, 9);
	CHECK_STR(drive_line(d), "cat alp");
	drive_keys(d, "i\t");
	CHECK_STR(drive_line(d), "cat alpine/");
	drive_free(d);
	tree_free();
}

TEST(tab_with_nothing_to_add_rings_then_lists)
{
	tree_make();
	drive_t *d = tab_drive(80, "my\t");
	CHECK_EQ(d->t.bells, 1);
	CHECK_STR(term_screen(&d->t), "$ my");
	drive_keys(d, "\t");
	CHECK_STR(term_screen(&d->t), "$ my\nmyfunc  mytool\n$ my");
	CHECK_CURSOR(d, 2, 4);
	drive_keys(d, "x\t"); /* no match: the bell only */
	CHECK_EQ(d->t.bells, 2);
	CHECK_STR(drive_line(d), "myx");
	drive_keys(d, "\t"); /* a second Tab with no match lists nothing */
	CHECK_EQ(d->t.bells, 3);
	CHECK_STR(term_screen(&d->t), "$ my\nmyfunc  mytool\n$ myx");
	drive_free(d);
	tree_free();
}

TEST(tab_lists_in_columns_sorted_down)
{
	tree_make();
	drive_t *d = tab_drive(40, "ls many/\t\t");
	CHECK_STR(term_screen(&d->t),
		  "$ ls many/f\n"
		  "f00  f02  f04  f06  f08  f10\n"
		  "f01  f03  f05  f07  f09  f11\n"
		  "$ ls many/f");
	CHECK_CURSOR(d, 3, 11);
	drive_free(d);
	d = tab_drive(12, "ls many/\t\t");
	CHECK_STR(term_screen(&d->t),
		  "$ ls many/f\n"
		  "f00  f06\nf01  f07\nf02  f08\nf03  f09\nf04  f10\nf05  f11\n"
		  "$ ls many/f");
	drive_free(d);
	tree_free();
}

TEST(tab_listing_keeps_the_cursor_and_a_wrapped_line)
{
	tree_make();
	drive_t *d = tab_drive(16, "cat al extra words" K_HOME C_F C_F C_F C_F C_F C_F "\t\t");
	CHECK_STR(term_screen(&d->t),
		  "$ cat alp extra\nwords\n"
		  "alpha.txt\nalpine/\n"
		  "$ cat alp extra\nwords");
	CHECK_CURSOR(d, 4, 9);
	CHECK_STR(drive_line(d), "cat alp extra words");
	drive_free(d);
	tree_free();
}
