// SPDX-License-Identifier: MIT
/*
 * The word under completion, read with the shell's lexical rules.
 *
 * The line is scanned from its start to the cursor, as the shell's
 * tokenizer would: blanks end words, quotes and backslashes make
 * characters ordinary, and the operators | & ; ( ) ` and < > end words
 * too. Alongside, a flag says whether the next word is in command
 * position: true at the start and after | & ; ( and an opening `, false
 * after an ordinary word and after the ) or ` that ends a command
 * substitution, unchanged after a reserved word that a command follows
 * (if then else elif do while until ! { time) or an assignment, and a word
 * after a redirection operator is its file, not a command.
 *
 * The word is then given as the shell would expand it for a file name:
 * quotes removed, a leading ~ or ~user/ and $NAME / ${NAME} replaced.
 * Command substitution cannot be completed without running it, so such a
 * word is refused, as is one that ends in a $NAME still being typed.
 */
#include "complete.h"

#include <ctype.h>
#include <pwd.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static bool complete_is_blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n';
}

static bool complete_is_operator(char ch)
{
	return ch && strchr("|&;()<>`", ch);
}

static bool complete_is_name(const char *s, size_t n)
{
	if (n == 0 || !(isalpha((unsigned char)s[0]) || s[0] == '_'))
		return false;
	for (size_t i = 1; i < n; i++)
		if (!(isalnum((unsigned char)s[i]) || s[i] == '_'))
			return false;
	return true;
}

/* What the scan up to the cursor knows besides the word itself. */
typedef struct complete_lex {
	bool cmd;               /* the next word is in command position */
	bool redirect;          /* the next word is a redirection's file */
	bool backquote;         /* inside `...` */
	int depth;              /* open parentheses */
	uint32_t subst;         /* bit d: parenthesis d opened a $( */
} complete_lex_t;

/* A word has ended: does the word after it stand in command position? */
static void complete_word_end(const char *s, size_t n, complete_lex_t *lx)
{
	static const char *const keep[] = {
		"if", "then", "else", "elif", "do", "while", "until", "!", "{", "time", NULL,
	};

	if (lx->redirect) {
		lx->redirect = false;
		return;
	}
	if (!lx->cmd)
		return;
	for (int i = 0; keep[i]; i++)
		if (strlen(keep[i]) == n && memcmp(keep[i], s, n) == 0)
			return;
	const char *eq = memchr(s, '=', n);
	if (eq && complete_is_name(s, (size_t)(eq - s)))
		return;
	lx->cmd = false;
}

/*
 * Steps over the operator at line[i] (< > may be followed by & | > < -).
 * After | & ; ( and an opening ` a command follows; after the ) or ` that
 * closes a command substitution, more arguments; after any other ) (a
 * case pattern's) a command.
 */
static size_t complete_operator(const char *line, size_t i, size_t pos, complete_lex_t *lx)
{
	char ch = line[i];

	lx->redirect = false;
	if (ch == '<' || ch == '>') {
		while (i + 1 < pos && line[i + 1] && strchr("<>&|-", line[i + 1]))
			i++;
		lx->redirect = true;
	} else if (ch == '(') {
		if (lx->depth < 32 && i > 0 && line[i - 1] == '$')
			lx->subst |= 1u << lx->depth;
		else if (lx->depth < 32)
			lx->subst &= ~(1u << lx->depth);
		lx->depth++;
		lx->cmd = true;
	} else if (ch == ')') {
		if (lx->depth > 0)
			lx->depth--;
		lx->cmd = !(lx->depth < 32 && (lx->subst & (1u << lx->depth)));
	} else if (ch == '`') {
		lx->backquote = !lx->backquote;
		lx->cmd = lx->backquote;
	} else {
		lx->cmd = true;
	}
	return i;
}

/* Appends $NAME's or ${NAME}'s value; returns bytes used from s (at '$'), 0 to refuse. */
static size_t complete_param(const char *s, size_t n, edit_buf_t *out)
{
	size_t i = 1, len;
	const char *name = s + 1;

	if (i < n && s[i] == '{') {
		name = s + 2;
		const char *close = memchr(name, '}', n - 2);
		if (!close || !complete_is_name(name, (size_t)(close - name)))
			return 0;
		len = (size_t)(close - name);
		i = len + 3;
	} else {
		for (len = 0; 1 + len < n && (isalnum((unsigned char)name[len]) || name[len] == '_');
		     len++)
			;
		if (len == 0 || isdigit((unsigned char)name[0])) {
			edit_buf_puts(out, "$");
			return 1;
		}
		if (1 + len == n)
			return 0; /* a name still being typed */
		i = len + 1;
	}
	char var[256];
	if (len >= sizeof var)
		return 0;
	memcpy(var, name, len);
	var[len] = '\0';
	const char *value = getenv(var);
	edit_buf_puts(out, value ? value : "");
	return i;
}

/* A leading ~ or ~user before a '/': appends the home directory, returns bytes used. */
static size_t complete_tilde(const char *s, size_t n, edit_buf_t *out)
{
	const char *slash = memchr(s, '/', n);
	const char *home = NULL;

	if (n == 0 || s[0] != '~' || !slash)
		return 0;
	size_t len = (size_t)(slash - s) - 1;
	if (len == 0) {
		home = getenv("HOME");
	} else {
		char user[256];
		if (len >= sizeof user)
			return 0;
		memcpy(user, s + 1, len);
		user[len] = '\0';
		struct passwd *pw = getpwnam(user);
		home = pw ? pw->pw_dir : NULL;
	}
	if (!home)
		return 0;
	edit_buf_puts(out, home);
	return len + 1;
}

/* The word s[0, n) after quote removal and expansion; false to refuse. */
static bool complete_unquote(const char *s, size_t n, edit_buf_t *out)
{
	char q = 0;

	for (size_t i = complete_tilde(s, n, out); i < n; i++) {
		char ch = s[i];
		if (q == '\'') {
			if (ch == '\'')
				q = 0;
			else
				edit_buf_put(out, &ch, 1);
		} else if (ch == '\\') {
			if (i + 1 >= n)
				break;
			char next = s[++i];
			if (q == '"' && !strchr("\\\"$`\n", next))
				edit_buf_puts(out, "\\");
			if (next != '\n')
				edit_buf_put(out, &next, 1);
		} else if (ch == '\'' && q == 0) {
			q = '\'';
		} else if (ch == '"') {
			q = q ? 0 : '"';
		} else if (ch == '`') {
			return false;
		} else if (ch == '$') {
			if (i + 1 < n && s[i + 1] == '(')
				return false;
			size_t used = complete_param(s + i, n - i, out);
			if (used == 0)
				return false;
			i += used - 1;
		} else {
			edit_buf_put(out, &ch, 1);
		}
	}
	return true;
}

bool complete_word_find(const char *line, size_t pos, complete_word_t *w)
{
	complete_lex_t lx = { .cmd = true };
	bool in_word = false;
	size_t start = pos;
	char quote = 0;

	for (size_t i = 0; i < pos; i++) {
		char ch = line[i];
		if (quote == '\'') {
			if (ch == '\'')
				quote = 0;
		} else if (quote == '"') {
			if (ch == '\\')
				i++;
			else if (ch == '"')
				quote = 0;
		} else if (complete_is_blank(ch) || complete_is_operator(ch)) {
			if (in_word)
				complete_word_end(line + start, i - start, &lx);
			in_word = false;
			if (complete_is_operator(ch))
				i = complete_operator(line, i, pos, &lx);
		} else {
			if (!in_word)
				start = i;
			in_word = true;
			if (ch == '\\')
				i++;
			else if (ch == '\'' || ch == '"')
				quote = ch;
		}
	}
	if (!in_word)
		start = pos;
	edit_buf_t text = { 0 };
	*w = (complete_word_t){ .start = start, .command = lx.cmd && !lx.redirect,
				   .quote = quote };
	if (!complete_unquote(line + start, pos - start, &text) || !edit_buf_put(&text, "", 0)) {
		edit_buf_free(&text);
		return false;
	}
	w->text = text.data;
	return true;
}

void complete_word_free(complete_word_t *w)
{
	free(w->text);
	w->text = NULL;
}

void complete_quote(edit_buf_t *out, const char *s, size_t n, char quote)
{
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (quote == '\'') {
			edit_buf_puts(out, ch == '\'' ? "'\\''" : (char[]){ ch, 0 });
			continue;
		}
		if (quote == '"') {
			if (strchr("\\\"$`", ch))
				edit_buf_puts(out, "\\");
		} else if (ch == '\n') {
			edit_buf_puts(out, "'\n'"); /* backslash-newline would join lines */
			continue;
		} else if (strchr(" \t|&;<>()$`\\\"'*?[]#~", ch)) {
			edit_buf_puts(out, "\\");
		}
		edit_buf_put(out, &ch, 1);
	}
}
