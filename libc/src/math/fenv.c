// SPDX-License-Identifier: MIT
/*
 * The floating-point environment (<fenv.h>) on both of x86_64's units:
 * MXCSR for SSE (float, double) and the x87 control/status words (long
 * double). Setters write both so the two never disagree; flag readers
 * OR them together. Flags are raised by setting them in MXCSR rather than
 * by executing operations: every trap is masked in the default
 * environment, and a program that unmasks traps with its own code gets
 * the flags it asked for all the same.
 */
#include <fenv.h>

#include "libm.h"

_Static_assert(sizeof(fenv_t) == 32, "fnstenv's 28 bytes, then MXCSR");

#define MXCSR_ROUND_SHIFT 3
#define X87_ROUND_MASK    0xc00

static unsigned mxcsr_get(void)
{
	unsigned m;
	__asm__ volatile("stmxcsr %0" : "=m"(m));
	return m;
}

static void mxcsr_set(unsigned m)
{
	__asm__ volatile("ldmxcsr %0" : : "m"(m));
}

static unsigned short x87_cw_get(void)
{
	unsigned short cw;
	__asm__ volatile("fnstcw %0" : "=m"(cw));
	return cw;
}

static unsigned short x87_sw_get(void)
{
	unsigned short sw;
	__asm__ volatile("fnstsw %0" : "=m"(sw));
	return sw;
}

/* Clears the given x87 flags, keeping the others (fnclex clears all). */
static void x87_flags_clear(int excepts)
{
	fenv_t env;
	__asm__ volatile("fnstenv %0" : "=m"(env));
	env.status_word &= (unsigned short)~excepts;
	__asm__ volatile("fldenv %0" : : "m"(env));
}

int feclearexcept(int excepts)
{
	excepts &= FE_ALL_EXCEPT;
	x87_flags_clear(excepts);
	mxcsr_set(mxcsr_get() & ~(unsigned)excepts);
	return 0;
}

int fegetexceptflag(fexcept_t *flagp, int excepts)
{
	*flagp = (fexcept_t)((x87_sw_get() | mxcsr_get()) & excepts & FE_ALL_EXCEPT);
	return 0;
}

int feraiseexcept(int excepts)
{
	mxcsr_set(mxcsr_get() | (excepts & FE_ALL_EXCEPT));
	return 0;
}

int fesetexceptflag(const fexcept_t *flagp, int excepts)
{
	excepts &= FE_ALL_EXCEPT;
	feclearexcept(excepts);
	mxcsr_set(mxcsr_get() | (*flagp & excepts));
	return 0;
}

int fetestexcept(int excepts)
{
	return (x87_sw_get() | mxcsr_get()) & excepts & FE_ALL_EXCEPT;
}

int fegetround(void)
{
	return (mxcsr_get() >> MXCSR_ROUND_SHIFT) & X87_ROUND_MASK;
}

int __libm_round_mode(void)
{
	return fegetround();
}

int fesetround(int round)
{
	if (round & ~X87_ROUND_MASK)
		return -1;
	unsigned short cw = (unsigned short)((x87_cw_get() & ~X87_ROUND_MASK) | round);
	__asm__ volatile("fldcw %0" : : "m"(cw));
	unsigned m = mxcsr_get() & ~(X87_ROUND_MASK << MXCSR_ROUND_SHIFT);
	mxcsr_set(m | ((unsigned)round << MXCSR_ROUND_SHIFT));
	return 0;
}

int fegetenv(fenv_t *envp)
{
	/* fnstenv also masks all x87 exceptions: reload to undo that. */
	__asm__ volatile("fnstenv %0\n\tfldenv %0" : "=m"(*envp));
	envp->mxcsr = mxcsr_get();
	return 0;
}

/* x87: 64-bit precision, round to nearest, all exceptions masked; MXCSR
 * likewise (0x1f80). */
static void fenv_default(fenv_t *env)
{
	fegetenv(env);
	env->control_word = 0x037f;
	env->status_word &= (unsigned short)~FE_ALL_EXCEPT;
	env->mxcsr = 0x1f80;
}

int fesetenv(const fenv_t *envp)
{
	fenv_t env;
	if (envp == FE_DFL_ENV) {
		fenv_default(&env);
		envp = &env;
	}
	__asm__ volatile("fldenv %0" : : "m"(*envp));
	mxcsr_set(envp->mxcsr);
	return 0;
}

/* Saves the environment, clears the flags and masks every trap. */
int feholdexcept(fenv_t *envp)
{
	fegetenv(envp);
	fenv_t env = *envp;
	env.control_word |= FE_ALL_EXCEPT | 0x02; /* 0x02: the denormal trap */
	env.status_word &= (unsigned short)~(FE_ALL_EXCEPT | 0x02);
	env.mxcsr = (env.mxcsr | ((FE_ALL_EXCEPT | 0x02) << 7)) & ~0x3fu;
	__asm__ volatile("fldenv %0" : : "m"(env));
	mxcsr_set(env.mxcsr);
	return 0;
}

/* Installs *envp, then raises the flags that were set before. */
int feupdateenv(const fenv_t *envp)
{
	int raised = fetestexcept(FE_ALL_EXCEPT);
	fesetenv(envp);
	feraiseexcept(raised);
	return 0;
}
