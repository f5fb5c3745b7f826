// SPDX-License-Identifier: MIT
/*
 * The signal-mask half of sigsetjmp/siglongjmp (the registers are
 * setjmp.S's). sigsetjmp(env, 1) tail-calls __sigsetjmp_mask, whose
 * return value is sigsetjmp's first return. The mask is read with the raw
 * call: nothing here may touch errno between the two returns.
 */
#include <setjmp.h>
#include <signal.h>
#include <stddef.h>
#include <tessera/syscall.h>

_Static_assert(offsetof(struct __jmp_buf_tag, __fpu) == 64, "setjmp.S offsets");
_Static_assert(offsetof(struct __jmp_buf_tag, __mask_saved) == 72, "setjmp.S offsets");
_Static_assert(offsetof(struct __jmp_buf_tag, __mask) == 80, "setjmp.S offsets");
_Static_assert(sizeof(sigset_t) == sizeof(((struct __jmp_buf_tag *)0)->__mask),
	       "the mask fits");

int __sigsetjmp_mask(struct __jmp_buf_tag *env);

int __sigsetjmp_mask(struct __jmp_buf_tag *env)
{
	sys_sigprocmask(SIG_BLOCK, 0, (long)&env->__mask);
	return 0;
}

void siglongjmp(sigjmp_buf env, int val)
{
	if (env->__mask_saved)
		sys_sigprocmask(SIG_SETMASK, (long)&env->__mask, 0);
	_longjmp(env, val);
}
