// SPDX-License-Identifier: MIT
/*
 * helper_echo_args: prints its arguments and environment, checks what exec
 * gave it, and exits with argc — or with one of helper.h's codes for the
 * first check that failed, so the parent learns the result from the wait
 * status alone.
 *
 * Checks always made: the stack exec built (argv[argc] == NULL, environ ==
 * envp, rsp 16-byte aligned at _start) and the auxiliary vector
 * (AT_PAGESZ 4096, AT_RANDOM 16 readable bytes not all zero, AT_ENTRY ==
 * _start, AT_PHDR/AT_PHNUM/AT_PHENT matching this program's own headers).
 * Checks made when asked through the environment: see helper.h.
 */
#include "helper.h"

#include <elf.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern void _start(void);
extern const Elf64_Ehdr __ehdr_start;

static int check_auxv(void)
{
	const unsigned char *random = (const unsigned char *)getauxval(AT_RANDOM);
	const Elf64_Phdr *phdr = (const Elf64_Phdr *)((const char *)&__ehdr_start +
						      __ehdr_start.e_phoff);
	unsigned any = 0;

	if (getauxval(AT_PAGESZ) != 4096)
		return ECHO_BAD_PAGESZ;
	if (!random)
		return ECHO_BAD_RANDOM;
	for (int i = 0; i < 16; i++)
		any |= random[i];
	if (!any)
		return ECHO_BAD_RANDOM;
	if (getauxval(AT_ENTRY) != (unsigned long)_start)
		return ECHO_BAD_ENTRY;
	if (getauxval(AT_PHDR) != (unsigned long)phdr)
		return ECHO_BAD_PHDR;
	if (getauxval(AT_PHNUM) != __ehdr_start.e_phnum)
		return ECHO_BAD_PHNUM;
	if (getauxval(AT_PHENT) != 0 && getauxval(AT_PHENT) != sizeof(Elf64_Phdr))
		return ECHO_BAD_PHENT;
	return 0;
}

static int check_args(int argc, char **argv)
{
	const char *want = getenv(ECHO_CHECK);
	char got[4096] = "";
	size_t len = 0;

	if (!want)
		return 0;
	for (int i = 1; i < argc; i++) {
		int n = snprintf(got + len, sizeof(got) - len, "%s%s", i > 1 ? "|" : "", argv[i]);
		if (n < 0 || (size_t)n >= sizeof(got) - len)
			return ECHO_BAD_ARGS;
		len += (size_t)n;
	}
	return strcmp(got, want) == 0 ? 0 : ECHO_BAD_ARGS;
}

static int check_ids(void)
{
	const char *pid = getenv(ECHO_EXPECT_PID);
	const char *ppid = getenv(ECHO_EXPECT_PPID);

	if (pid && atoi(pid) != getpid())
		return ECHO_BAD_PID;
	if (ppid && atoi(ppid) != getppid())
		return ECHO_BAD_PPID;
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	const char *sig = getenv(ECHO_RAISE);
	int bad;

	printf("helper_echo_args: argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("  argv[%d] = \"%s\"\n", i, argv[i]);
	for (int i = 0; envp[i]; i++)
		printf("  envp[%d] = \"%s\"\n", i, envp[i]);

	if (argv[argc] != NULL || environ != envp)
		return ECHO_BAD_ENVIRON;
	/* _start saw rsp = &argc = argv - 1, which the ABI aligns to 16. */
	if (((unsigned long)argv - 8) % 16 != 0)
		return ECHO_BAD_STACK;
	if ((bad = check_auxv()) || (bad = check_args(argc, argv)) || (bad = check_ids())) {
		printf("helper_echo_args: check failed: %d\n", bad);
		return bad;
	}
	if (sig)
		raise(atoi(sig));
	return argc;
}
