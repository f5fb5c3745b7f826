// SPDX-License-Identifier: MIT
/*
 * sh: the POSIX shell (docs/shell.md). Everything is in the other files
 * of this directory, which also build into the host unit tests; this one
 * only answers --help and hands over to sh_main (shell.c).
 */
#include "cmd.h"
#include "sh.h"

static const char help[] =
	"NAME\n    sh - the shell: a command language interpreter\n\n"
	"SYNOPSIS\n"
	"    sh [-abCefhilmnuvx] [-o option]... [script [argument...]]\n"
	"    sh -c [options] command_string [name [argument...]]\n"
	"    sh -s [options] [argument...]\n\n"
	"DESCRIPTION\n"
	"    The POSIX shell (XCU \"Shell Command Language\"): reads commands\n"
	"    from a script, from a string (-c) or from standard input, and runs\n"
	"    them. It is interactive (prompts, job control, line editing with\n"
	"    history and Tab completion) when standard input and standard error\n"
	"    are terminals, or with -i. Builtins: . : [ alias bg break cd\n"
	"    command continue echo eval exec exit export false fg getopts hash\n"
	"    jobs kill local printf pwd read readonly return set shift test\n"
	"    times trap true type umask unalias unset wait. docs/shell.md\n"
	"    describes it and where it differs from POSIX.\n\n"
	"OPTIONS\n"
	"    -c     run command_string; name becomes $0, the arguments $1...\n"
	"    -s     read commands from standard input, arguments are $1...\n"
	"    -i     interactive             -l     login shell: read /etc/profile\n"
	"                                          and $HOME/.profile first\n"
	"    -a     export every assignment -b     report jobs at once (no-op)\n"
	"    -C     > does not overwrite    -e     exit when a command fails\n"
	"    -f     no pathname expansion   -h     (accepted, no effect)\n"
	"    -m     job control             -n     read commands, run nothing\n"
	"    -u     unset variables are an error\n"
	"    -v     write input as it is read\n"
	"    -x     trace commands on standard error\n"
	"    -o opt the same by name: allexport errexit ignoreeof monitor\n"
	"           noclobber noexec noglob nounset pipefail verbose xtrace...\n"
	"    +X, +o opt  turn the option off\n\n"
	"EXIT STATUS\n"
	"    The status of the last command run; 2 for a syntax error or an\n"
	"    error of a special builtin in a script; 126 when a command cannot\n"
	"    be run and 127 when it is not found; 128+N after signal N.\n";

int main(int argc, char **argv)
{
	cmd_start(argc, argv, help);
	return sh_main(argc, argv);
}
