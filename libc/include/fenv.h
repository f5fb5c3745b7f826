// SPDX-License-Identifier: MIT
/*
 * <fenv.h>: the floating-point environment of x86_64.
 *
 * Two units hold it: SSE (the MXCSR register), which float and double
 * arithmetic uses, and the x87 FPU (control and status words), which
 * long double uses. The functions here keep both in step: a rounding
 * mode is set in both, exception flags are the union of both, clearing
 * clears both. The FE_* values are the x87 bit positions (the same as
 * glibc's, so code that stores them stays compatible); MXCSR holds the
 * flags in the same low bits and the rounding mode 3 bits higher.
 */
#pragma once

#define FE_INVALID   0x01
#define FE_DIVBYZERO 0x04
#define FE_OVERFLOW  0x08
#define FE_UNDERFLOW 0x10
#define FE_INEXACT   0x20
#define FE_ALL_EXCEPT \
	(FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW | FE_INEXACT)

#define FE_TONEAREST  0x000
#define FE_DOWNWARD   0x400
#define FE_UPWARD     0x800
#define FE_TOWARDZERO 0xc00

typedef unsigned short fexcept_t;

/* The x87 environment as fnstenv stores it, then MXCSR. */
typedef struct {
	unsigned short control_word;
	unsigned short reserved1;
	unsigned short status_word;
	unsigned short reserved2;
	unsigned short tags;
	unsigned short reserved3;
	unsigned int eip;
	unsigned short cs_selector;
	unsigned short opcode;
	unsigned int data_offset;
	unsigned short data_selector;
	unsigned short reserved5;
	unsigned int mxcsr;
} fenv_t;

/* The environment a program starts with: round to nearest, no flags,
 * every exception masked. */
#define FE_DFL_ENV ((const fenv_t *)-1)

int feclearexcept(int excepts);
int fegetexceptflag(fexcept_t *flagp, int excepts);
int feraiseexcept(int excepts);
int fesetexceptflag(const fexcept_t *flagp, int excepts);
int fetestexcept(int excepts);
int fegetround(void);
int fesetround(int round);
int fegetenv(fenv_t *envp);
int feholdexcept(fenv_t *envp);
int fesetenv(const fenv_t *envp);
int feupdateenv(const fenv_t *envp);
