// SPDX-License-Identifier: MIT
/*
 * regcomp, regfree and regerror: the public face of the compiler. A
 * regex_t holds only the number of subexpressions, the flags and the
 * program; the tree is freed as soon as the program is built. After a
 * failed regcomp the regex_t holds no program, so regfree and regexec
 * on it are harmless (regexec answers REG_BADPAT).
 */
#include "regex_impl.h"

#include <string.h>

int regcomp(regex_t *restrict preg, const char *restrict pattern, int cflags)
{
	rx_tree_t tree;
	rx_prog_t *prog;

	preg->re_nsub = 0;
	preg->__re_prog = NULL;
	preg->__re_cflags = cflags;
	int err = rx_parse(pattern, cflags, &tree);
	if (err)
		return err;
	err = rx_compile(&tree, cflags, &prog);
	size_t nsub = tree.nsub;
	rx_tree_free(&tree);
	if (err)
		return err;
	preg->re_nsub = nsub;
	preg->__re_prog = prog;
	return 0;
}

void regfree(regex_t *preg)
{
	rx_prog_free(preg->__re_prog);
	preg->__re_prog = NULL;
}

size_t regerror(int errcode, const regex_t *restrict preg, char *restrict errbuf,
		size_t errbuf_size)
{
	static const char *const messages[] = {
		[0] = "Success",
		[REG_NOMATCH] = "No match",
		[REG_BADPAT] = "Invalid regular expression",
		[REG_ECOLLATE] = "Invalid collating element",
		[REG_ECTYPE] = "Invalid character class name",
		[REG_EESCAPE] = "Trailing backslash",
		[REG_ESUBREG] = "Invalid back reference",
		[REG_EBRACK] = "Unmatched [ in a bracket expression",
		[REG_EPAREN] = "Unmatched ( or )",
		[REG_EBRACE] = "Unmatched { or }",
		[REG_BADBR] = "Invalid count in { }",
		[REG_ERANGE] = "Invalid range end",
		[REG_ESPACE] = "Out of memory, or the expression is too complex",
		[REG_BADRPT] = "Nothing to repeat before * + ? or {",
	};
	const char *msg = "Unknown error";

	(void)preg;
	if (errcode >= 0 && errcode < (int)(sizeof(messages) / sizeof(messages[0])))
		msg = messages[errcode];
	size_t len = strlen(msg);
	if (errbuf_size > 0) {
		size_t n = len < errbuf_size - 1 ? len : errbuf_size - 1;
		memcpy(errbuf, msg, n);
		errbuf[n] = '\0';
	}
	return len + 1;
}
