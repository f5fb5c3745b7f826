// SPDX-License-Identifier: MIT
/*
 * From the kernel's initial stack to main.
 *
 * __libc_start reads argc, argv, envp and the auxiliary vector off the
 * stack _start was entered with, sets up the main thread's TLS (before
 * anything touches errno, which lives there: code that runs earlier uses
 * __libc_auxval, not getauxval), runs the constructors in .preinit_array and
 * .init_array (the linker's default script brackets them with
 * __*_array_start/_end, also with -nostdlib), then exits with main's
 * result. exit() runs .fini_array.
 */
#include "libc.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/auxv.h>

char **environ;
static uint64_t *libc_auxv;

typedef void (*init_fn_t)(int argc, char **argv, char **envp);

extern init_fn_t __preinit_array_start[], __preinit_array_end[];
extern init_fn_t __init_array_start[], __init_array_end[];

int main(int argc, char **argv, char **envp);

unsigned long __libc_auxval(unsigned long type, int *found)
{
	for (uint64_t *a = libc_auxv; a && a[0] != AT_NULL; a += 2) {
		if (a[0] == type) {
			*found = 1;
			return a[1];
		}
	}
	*found = 0;
	return 0;
}

unsigned long getauxval(unsigned long type)
{
	int found;
	unsigned long value = __libc_auxval(type, &found);

	if (!found)
		errno = ENOENT;
	return value;
}

/*
 * Without AT_TESSERA this is not Tessera's kernel — most likely a build
 * host running what it just built (autoconf does, to decide whether it
 * cross-compiles). Tessera's system-call numbers mean other things there,
 * so nothing may be called but Linux's write and exit_group (x86_64
 * numbers 1 and 231), and the program ends with status 126 ("cannot
 * execute"), which configure scripts read as "cross-compiling".
 */
static void libc_check_kernel(void)
{
	static const char msg[] = "this program was built for Tessera and cannot run here\n";
	int found;

	if (__libc_auxval(AT_TESSERA, &found) == TESSERA_ABI_VERSION && found)
		return;
	long r;
	__asm__ volatile("syscall" : "=a"(r) : "a"(1L), "D"(2L), "S"(msg), "d"(sizeof(msg) - 1)
			 : "rcx", "r11", "memory");
	for (;;)
		__asm__ volatile("syscall" : "=a"(r) : "a"(231L), "D"(126L) : "rcx", "r11", "memory");
}

__attribute__((noreturn, used)) void __libc_start(uint64_t *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	char **envp = argv + argc + 1;
	char **p = envp;

	while (*p)
		p++;
	libc_auxv = (uint64_t *)(p + 1);
	environ = envp;
	libc_check_kernel();

	__thread_init_main();

	for (init_fn_t *f = __preinit_array_start; f < __preinit_array_end; f++)
		(*f)(argc, argv, envp);
	for (init_fn_t *f = __init_array_start; f < __init_array_end; f++)
		(*f)(argc, argv, envp);

	exit(main(argc, argv, envp));
}
