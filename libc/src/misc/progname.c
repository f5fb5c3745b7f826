// SPDX-License-Identifier: MIT
/*
 * The program's name as GNU programs expect it: program_invocation_name
 * is argv[0], program_invocation_short_name its last component. They are
 * filled by a constructor, which libc's start-up calls with (argc, argv,
 * envp) like every .init_array entry, so this file needs no hook in
 * start.c; it is linked in by whatever uses the names (err.c).
 */
#include <string.h>

char *program_invocation_name = (char *)"";
char *program_invocation_short_name = (char *)"";

__attribute__((constructor)) static void progname_init(int argc, char **argv, char **envp)
{
	(void)envp;
	if (argc < 1 || !argv[0])
		return;
	program_invocation_name = argv[0];
	char *slash = strrchr(argv[0], '/');
	program_invocation_short_name = slash ? slash + 1 : argv[0];
}
