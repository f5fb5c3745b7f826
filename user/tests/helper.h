// SPDX-License-Identifier: MIT
/*
 * What the exec tests and their helper programs agree on: paths, the
 * environment variables that ask helper_echo_args for checks, and the
 * exit codes it reports a failed check with (a passing run exits with
 * argc).
 */
#pragma once

#define HELPER_ECHO_ARGS "/bin/tests/helper_echo_args"
#define HELPER_TRUE      "/bin/tests/helper_true"
#define NOT_ELF          "/bin/tests/not_elf"        /* executable text */
#define TRUNCATED_ELF    "/bin/tests/truncated_elf"  /* 100 bytes of an ELF */

/* Environment variables helper_echo_args acts on. */
#define ECHO_CHECK       "ECHO_CHECK"        /* argv[1..] joined with '|' */
#define ECHO_EXPECT_PID  "ECHO_EXPECT_PID"   /* getpid() */
#define ECHO_EXPECT_PPID "ECHO_EXPECT_PPID"  /* getppid() */
#define ECHO_RAISE       "ECHO_RAISE"        /* raise this signal first */

enum helper_echo_status {
	ECHO_BAD_PAGESZ = 200,
	ECHO_BAD_ARGS = 201,
	ECHO_BAD_PID = 202,
	ECHO_BAD_PPID = 203,
	ECHO_BAD_RANDOM = 204,
	ECHO_BAD_ENTRY = 205,
	ECHO_BAD_PHDR = 206,
	ECHO_BAD_PHNUM = 207,
	ECHO_BAD_PHENT = 208,
	ECHO_BAD_ENVIRON = 209,
	ECHO_BAD_STACK = 210,
};
