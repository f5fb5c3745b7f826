// SPDX-License-Identifier: MIT
/*
 * Signals: handlers run and return to the interrupted code with every
 * register, flag and FPU setting intact (checked from assembly), masks
 * hold signals back and deliver them when lifted, default actions kill
 * with the right status, faults turn into SIGSEGV/SIGILL/SIGFPE, SIGCHLD
 * arrives, and kill/sigaction/sigprocmask reject bad arguments. Anything
 * that should die runs in a child.
 */
#include "utest.h"

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <tessera/syscall.h>
#include <time.h>
#include <unistd.h>

static volatile int caught_count;
static volatile int caught_signo;
static volatile int handler_depth, handler_max_depth;

static void count_handler(int sig)
{
	caught_signo = sig;
	caught_count++;
}

static void set_handler(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
}

static void reset_signal(int sig)
{
	set_handler(sig, SIG_DFL, 0);
}

/* Waits (bounded, about 10 s) until *count reaches n. */
static bool wait_count(volatile int *count, int n)
{
	for (int i = 0; i < 10000; i++) {
		if (*count >= n)
			return true;
		sched_yield();
		if (i > 100)
			utest_sleep_ms(1);
	}
	return *count >= n;
}

static void unblock_all(void)
{
	sigset_t none;

	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* ---- a handler that returns ---------------------------------------------- */

TEST(handler_runs_and_returns)
{
	volatile int after = 0;

	caught_count = 0;
	set_handler(SIGUSR1, count_handler, 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(wait_count(&caught_count, 1));
	after = 1;              /* execution continues past the signal */
	CHECK_EQ(after, 1);
	CHECK_EQ(caught_count, 1);
	CHECK_EQ(caught_signo, SIGUSR1);
	reset_signal(SIGUSR1);
}

TEST(kill_self_delivers_to_handler)
{
	caught_count = 0;
	set_handler(SIGUSR2, count_handler, 0);
	CHECK_EQ(kill(getpid(), SIGUSR2), 0);
	CHECK(wait_count(&caught_count, 1));
	CHECK_EQ(caught_signo, SIGUSR2);
	reset_signal(SIGUSR2);
}

TEST(handler_runs_once_per_signal)
{
	caught_count = 0;
	set_handler(SIGUSR1, count_handler, 0);
	for (int i = 1; i <= 20; i++) {
		CHECK_EQ(raise(SIGUSR1), 0);
		CHECK(wait_count(&caught_count, i));
	}
	CHECK_EQ(caught_count, 20);
	reset_signal(SIGUSR1);
}

/* ---- registers across a handler ------------------------------------------ */

/*
 * asm_trash_handler records rsp and rflags at entry, then overwrites every
 * general register, all 16 XMM registers, MXCSR, the x87 control word and
 * the direction flag, and returns into the restorer: only sigreturn can
 * make the interrupted code whole again.
 *
 * asm_regs_survive_signal(pid, sig) loads known values everywhere, sends
 * itself the signal with a raw kill, spins (every register live) until
 * the handler has run, then compares. It returns a bit mask of what
 * changed (0: nothing), bit 18 if the handler never ran.
 */
volatile int asm_handler_ran;
volatile uint64_t asm_handler_rsp, asm_handler_rflags;
volatile uint32_t asm_mismatch;
long asm_regs_survive_signal(long pid, long sig);
void asm_trash_handler(int sig);

__asm__(
	"	.section .rodata\n"
	"	.balign 16\n"
	"asm_xmm_patterns:\n"
	"	.rept 16\n"
	"	.quad 0x0123456789abcdef + (. - asm_xmm_patterns)\n"
	"	.quad 0xfedcba9876543210 - (. - asm_xmm_patterns)\n"
	"	.endr\n"
	"	.text\n"
	"	.globl asm_trash_handler\n"
	"	.type asm_trash_handler, @function\n"
	"asm_trash_handler:\n"
	"	mov %rsp, asm_handler_rsp(%rip)\n"
	"	pushfq\n"
	"	popq asm_handler_rflags(%rip)\n"
	"	movl $1, asm_handler_ran(%rip)\n"
	"	movabs $0xbadbadbadbadbad0, %rax\n"
	"	mov %rax, %rbx\n mov %rax, %rcx\n mov %rax, %rdx\n mov %rax, %rsi\n"
	"	mov %rax, %rdi\n mov %rax, %rbp\n mov %rax, %r8\n mov %rax, %r9\n"
	"	mov %rax, %r10\n mov %rax, %r11\n mov %rax, %r12\n mov %rax, %r13\n"
	"	mov %rax, %r14\n mov %rax, %r15\n"
	"	pcmpeqd %xmm0, %xmm0\n"
	"	movdqa %xmm0, %xmm1\n movdqa %xmm0, %xmm2\n movdqa %xmm0, %xmm3\n"
	"	movdqa %xmm0, %xmm4\n movdqa %xmm0, %xmm5\n movdqa %xmm0, %xmm6\n"
	"	movdqa %xmm0, %xmm7\n movdqa %xmm0, %xmm8\n movdqa %xmm0, %xmm9\n"
	"	movdqa %xmm0, %xmm10\n movdqa %xmm0, %xmm11\n movdqa %xmm0, %xmm12\n"
	"	movdqa %xmm0, %xmm13\n movdqa %xmm0, %xmm14\n movdqa %xmm0, %xmm15\n"
	"	movl $0x7f80, -8(%rsp)\n"               /* MXCSR: round toward zero */
	"	ldmxcsr -8(%rsp)\n"
	"	movw $0x0c7f, -16(%rsp)\n"              /* x87: round toward zero */
	"	fldcw -16(%rsp)\n"
	"	std\n"
	"	ret\n"
	"	.size asm_trash_handler, . - asm_trash_handler\n"
	"\n"
	"	.globl asm_regs_survive_signal\n"
	"	.type asm_regs_survive_signal, @function\n"
	"asm_regs_survive_signal:\n"
	"	push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
	"	sub $40, %rsp\n"
	"	mov %rdi, 0(%rsp)\n"
	"	mov %rsi, 8(%rsp)\n"
	"	stmxcsr 16(%rsp)\n"
	"	fnstcw 20(%rsp)\n"
	"	movl $0, asm_mismatch(%rip)\n"
	"	movabs $0x1111111111111111, %rbx\n"
	"	movabs $0x2222222222222222, %rbp\n"
	"	movabs $0x3333333333333333, %rdx\n"
	"	movabs $0x4444444444444444, %r8\n"
	"	movabs $0x5555555555555555, %r9\n"
	"	movabs $0x6666666666666666, %r10\n"
	"	movabs $0x7777777777777777, %r12\n"
	"	movabs $0x8888888888888888, %r13\n"
	"	movabs $0x9999999999999999, %r14\n"
	"	movabs $0xaaaaaaaaaaaaaaaa, %r15\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqa asm_xmm_patterns+16*\\n(%rip), %xmm\\n\n"
	"	.endr\n"
	"	mov $5, %eax\n"                         /* SYS_kill, checked below */
	"	syscall\n"
	"	mov $1000000000, %rcx\n"
	"1:	cmpl $0, asm_handler_ran(%rip)\n"
	"	jne 2f\n"
	"	dec %rcx\n"
	"	jnz 1b\n"
	"	orl $(1 << 18), asm_mismatch(%rip)\n"
	"2:\n"
	"	test %rax, %rax\n      jz 3f\n orl $(1 << 0), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x1111111111111111, %r11\n cmp %r11, %rbx\n je 3f\n orl $(1 << 1), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x2222222222222222, %r11\n cmp %r11, %rbp\n je 3f\n orl $(1 << 2), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x3333333333333333, %r11\n cmp %r11, %rdx\n je 3f\n orl $(1 << 3), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x4444444444444444, %r11\n cmp %r11, %r8\n  je 3f\n orl $(1 << 4), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x5555555555555555, %r11\n cmp %r11, %r9\n  je 3f\n orl $(1 << 5), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x6666666666666666, %r11\n cmp %r11, %r10\n je 3f\n orl $(1 << 6), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x7777777777777777, %r11\n cmp %r11, %r12\n je 3f\n orl $(1 << 7), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x8888888888888888, %r11\n cmp %r11, %r13\n je 3f\n orl $(1 << 8), asm_mismatch(%rip)\n3:\n"
	"	movabs $0x9999999999999999, %r11\n cmp %r11, %r14\n je 3f\n orl $(1 << 9), asm_mismatch(%rip)\n3:\n"
	"	movabs $0xaaaaaaaaaaaaaaaa, %r11\n cmp %r11, %r15\n je 3f\n orl $(1 << 10), asm_mismatch(%rip)\n3:\n"
	"	cmp 0(%rsp), %rdi\n je 3f\n orl $(1 << 11), asm_mismatch(%rip)\n3:\n"
	"	cmp 8(%rsp), %rsi\n je 3f\n orl $(1 << 12), asm_mismatch(%rip)\n3:\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	pcmpeqb asm_xmm_patterns+16*\\n(%rip), %xmm\\n\n"
	"	pmovmskb %xmm\\n, %r11d\n"
	"	cmp $0xffff, %r11d\n je 3f\n orl $(1 << 14), asm_mismatch(%rip)\n3:\n"
	"	.endr\n"
	"	stmxcsr 24(%rsp)\n"
	"	mov 24(%rsp), %r11d\n cmp 16(%rsp), %r11d\n je 3f\n orl $(1 << 15), asm_mismatch(%rip)\n3:\n"
	"	fnstcw 28(%rsp)\n"
	"	mov 28(%rsp), %r11w\n cmp 20(%rsp), %r11w\n je 3f\n orl $(1 << 16), asm_mismatch(%rip)\n3:\n"
	"	pushfq\n pop %r11\n bt $10, %r11\n jnc 3f\n orl $(1 << 17), asm_mismatch(%rip)\n cld\n3:\n"
	"	ldmxcsr 16(%rsp)\n"                     /* leave things sane either way */
	"	fldcw 20(%rsp)\n"
	"	mov asm_mismatch(%rip), %eax\n"
	"	add $40, %rsp\n"
	"	pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
	"	ret\n"
	"	.size asm_regs_survive_signal, . - asm_regs_survive_signal\n");

_Static_assert(SYS_kill == 5, "asm_regs_survive_signal hardcodes SYS_kill");
/*
 * asm_regs_survive_async_signal(): every general register but rsp holds a
 * known value while the code spins on memory alone, so the signal (sent
 * by another process) arrives through an interrupt, not a system call:
 * sigreturn must restore rcx and r11 too. *asm_async_spinning tells the
 * sender when the registers are loaded. Same result bits as above, plus
 * bit 13 for rcx/r11.
 */
volatile int *asm_async_spinning;
volatile uint64_t asm_spin_budget;
long asm_regs_survive_async_signal(void);

__asm__(
	"	.section .rodata\n"
	"	.balign 8\n"
	"asm_gpr_patterns:\n"
	"	.quad 0x0101010101010101, 0x1111111111111111, 0x2121212121212121\n" /* rax rbx rcx */
	"	.quad 0x3131313131313131, 0x4141414141414141, 0x5151515151515151\n" /* rdx rsi rdi */
	"	.quad 0x6161616161616161, 0x7171717171717171, 0x8181818181818181\n" /* rbp r8 r9 */
	"	.quad 0x9191919191919191, 0xa1a1a1a1a1a1a1a1, 0xb1b1b1b1b1b1b1b1\n" /* r10 r11 r12 */
	"	.quad 0xc1c1c1c1c1c1c1c1, 0xd1d1d1d1d1d1d1d1, 0xe1e1e1e1e1e1e1e1\n" /* r13 r14 r15 */
	"	.text\n"
	"	.globl asm_regs_survive_async_signal\n"
	"	.type asm_regs_survive_async_signal, @function\n"
	"asm_regs_survive_async_signal:\n"
	"	push %rbx\n push %rbp\n push %r12\n push %r13\n push %r14\n push %r15\n"
	"	movl $0, asm_mismatch(%rip)\n"
	"	movq $2000000000, asm_spin_budget(%rip)\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	movdqa asm_xmm_patterns+16*\\n(%rip), %xmm\\n\n"
	"	.endr\n"
	"	mov asm_async_spinning(%rip), %rax\n"
	"	movl $1, (%rax)\n"
	"	mov asm_gpr_patterns+0*8(%rip), %rax\n"
	"	mov asm_gpr_patterns+1*8(%rip), %rbx\n"
	"	mov asm_gpr_patterns+2*8(%rip), %rcx\n"
	"	mov asm_gpr_patterns+3*8(%rip), %rdx\n"
	"	mov asm_gpr_patterns+4*8(%rip), %rsi\n"
	"	mov asm_gpr_patterns+5*8(%rip), %rdi\n"
	"	mov asm_gpr_patterns+6*8(%rip), %rbp\n"
	"	mov asm_gpr_patterns+7*8(%rip), %r8\n"
	"	mov asm_gpr_patterns+8*8(%rip), %r9\n"
	"	mov asm_gpr_patterns+9*8(%rip), %r10\n"
	"	mov asm_gpr_patterns+10*8(%rip), %r11\n"
	"	mov asm_gpr_patterns+11*8(%rip), %r12\n"
	"	mov asm_gpr_patterns+12*8(%rip), %r13\n"
	"	mov asm_gpr_patterns+13*8(%rip), %r14\n"
	"	mov asm_gpr_patterns+14*8(%rip), %r15\n"
	"1:	cmpl $0, asm_handler_ran(%rip)\n"
	"	jne 2f\n"
	"	decq asm_spin_budget(%rip)\n"
	"	jnz 1b\n"
	"	orl $(1 << 18), asm_mismatch(%rip)\n"
	"2:\n"
	"	cmp asm_gpr_patterns+0*8(%rip), %rax\n je 3f\n orl $(1 << 0), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+1*8(%rip), %rbx\n je 3f\n orl $(1 << 1), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+2*8(%rip), %rcx\n je 3f\n orl $(1 << 13), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+3*8(%rip), %rdx\n je 3f\n orl $(1 << 3), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+4*8(%rip), %rsi\n je 3f\n orl $(1 << 12), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+5*8(%rip), %rdi\n je 3f\n orl $(1 << 11), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+6*8(%rip), %rbp\n je 3f\n orl $(1 << 2), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+7*8(%rip), %r8\n  je 3f\n orl $(1 << 4), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+8*8(%rip), %r9\n  je 3f\n orl $(1 << 5), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+9*8(%rip), %r10\n je 3f\n orl $(1 << 6), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+10*8(%rip), %r11\n je 3f\n orl $(1 << 13), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+11*8(%rip), %r12\n je 3f\n orl $(1 << 7), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+12*8(%rip), %r13\n je 3f\n orl $(1 << 8), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+13*8(%rip), %r14\n je 3f\n orl $(1 << 9), asm_mismatch(%rip)\n3:\n"
	"	cmp asm_gpr_patterns+14*8(%rip), %r15\n je 3f\n orl $(1 << 10), asm_mismatch(%rip)\n3:\n"
	"	.irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15\n"
	"	pcmpeqb asm_xmm_patterns+16*\\n(%rip), %xmm\\n\n"
	"	pmovmskb %xmm\\n, %r11d\n"
	"	cmp $0xffff, %r11d\n je 3f\n orl $(1 << 14), asm_mismatch(%rip)\n3:\n"
	"	.endr\n"
	"	pushfq\n pop %r11\n bt $10, %r11\n jnc 3f\n orl $(1 << 17), asm_mismatch(%rip)\n cld\n3:\n"
	"	mov asm_mismatch(%rip), %eax\n"
	"	pop %r15\n pop %r14\n pop %r13\n pop %r12\n pop %rbp\n pop %rbx\n"
	"	ret\n"
	"	.size asm_regs_survive_async_signal, . - asm_regs_survive_async_signal\n");


static void print_mismatch(long mismatch)
{
	if (mismatch)
		printf("    changed: %s%s%s%s%s%s%s%s\n",
		       mismatch & 0x1fff ? "general-registers " : "",
		       mismatch & (1 << 13) ? "rcx/r11 " : "",
		       mismatch & (1 << 14) ? "xmm " : "",
		       mismatch & (1 << 15) ? "mxcsr " : "",
		       mismatch & (1 << 16) ? "x87-control " : "",
		       mismatch & (1 << 17) ? "direction-flag " : "",
		       mismatch & (1 << 18) ? "(handler never ran) " : "",
		       mismatch & 1 ? "rax " : "");
}

TEST(registers_survive_a_handler)
{
	long mismatch;

	asm_handler_ran = 0;
	set_handler(SIGUSR1, asm_trash_handler, 0);
	mismatch = asm_regs_survive_signal(getpid(), SIGUSR1);
	reset_signal(SIGUSR1);
	print_mismatch(mismatch);
	CHECK_EQ(mismatch, 0);
	CHECK_EQ(asm_handler_ran, 1);
}

TEST(registers_survive_an_asynchronous_handler)
{
	volatile int *spinning = utest_shared(4096);
	uint32_t mxcsr_before, mxcsr_after;
	uint16_t fcw_before, fcw_after;
	pid_t parent = getpid(), pid;
	long mismatch;

	CHECK(spinning != NULL);
	asm_async_spinning = spinning;
	asm_handler_ran = 0;
	set_handler(SIGUSR1, asm_trash_handler, 0);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		/* Signal only once the registers are loaded and spinning. */
		CHILD_CHECK(utest_wait_for(spinning, 1, 60000));
		utest_sleep_ms(5);
		CHILD_CHECK(kill(parent, SIGUSR1) == 0);
		_exit(0);
	}
	__asm__ volatile("stmxcsr %0\n\tfnstcw %1" : "=m"(mxcsr_before), "=m"(fcw_before));
	mismatch = asm_regs_survive_async_signal();
	__asm__ volatile("stmxcsr %0\n\tfnstcw %1" : "=m"(mxcsr_after), "=m"(fcw_after));
	__asm__ volatile("ldmxcsr %0\n\tfldcw %1" : : "m"(mxcsr_before), "m"(fcw_before));
	reset_signal(SIGUSR1);
	print_mismatch(mismatch);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_EQ(mismatch, 0);
	CHECK_EQ(mxcsr_after, mxcsr_before);
	CHECK_EQ(fcw_after, fcw_before);
	munmap((void *)spinning, 4096);
}

TEST(handler_starts_with_aligned_stack_and_clear_df)
{
	asm_handler_ran = 0;
	set_handler(SIGUSR1, asm_trash_handler, 0);
	(void)asm_regs_survive_signal(getpid(), SIGUSR1);
	reset_signal(SIGUSR1);
	CHECK_EQ(asm_handler_ran, 1);
	/* As after a call: rsp + 8 is 16-byte aligned. */
	CHECK_EQ((asm_handler_rsp + 8) % 16, 0);
	CHECK_EQ(asm_handler_rflags & (1 << 10), 0);
}

/* ---- masks ------------------------------------------------------------------ */

TEST(blocked_signal_waits_until_unblocked)
{
	sigset_t set, old;

	caught_count = 0;
	set_handler(SIGUSR1, count_handler, 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, &set, &old), 0);
	CHECK_EQ(sigismember(&old, SIGUSR1), 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	for (int i = 0; i < 50; i++)
		sched_yield();
	utest_sleep_ms(20);
	CHECK_EQ(caught_count, 0);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, NULL), 0);
	CHECK(wait_count(&caught_count, 1));
	CHECK_EQ(caught_count, 1);
	reset_signal(SIGUSR1);
}

TEST(sigprocmask_reports_and_restores_the_mask)
{
	sigset_t set, cur;

	unblock_all();
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGTERM);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &set, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &cur), 0);
	CHECK_EQ(cur, set);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ(sigprocmask(SIG_UNBLOCK, &set, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR2), 1);
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR2), 0);
	CHECK_EQ(sigismember(&cur, SIGTERM), 1);
	unblock_all();
}

TEST(sigkill_and_sigstop_cannot_be_blocked)
{
	sigset_t all, cur;

	sigfillset(&all);
	CHECK_EQ(sigprocmask(SIG_SETMASK, &all, NULL), 0);
	CHECK_EQ(sigprocmask(SIG_SETMASK, NULL, &cur), 0);
	unblock_all();
	CHECK_EQ(sigismember(&cur, SIGKILL), 0);
	CHECK_EQ(sigismember(&cur, SIGSTOP), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 1);
}

TEST(sigprocmask_bad_how_fails_einval)
{
	sigset_t set;

	sigemptyset(&set);
	CHECK_ERRNO(sigprocmask(3, &set, NULL), EINVAL);
	CHECK_ERRNO(sigprocmask(-1, &set, NULL), EINVAL);
}

static void nesting_handler(int sig)
{
	handler_depth++;
	if (handler_depth > handler_max_depth)
		handler_max_depth = handler_depth;
	if (caught_count++ == 0)
		raise(sig);     /* blocked while we run: delivered after return */
	for (int i = 0; i < 20; i++)
		sched_yield();
	handler_depth--;
}

TEST(signal_is_blocked_inside_its_own_handler)
{
	sigset_t cur;

	unblock_all();
	caught_count = 0;
	handler_depth = handler_max_depth = 0;
	set_handler(SIGUSR1, nesting_handler, 0);
	CHECK_EQ(raise(SIGUSR1), 0);
	CHECK(wait_count(&caught_count, 2));
	CHECK_EQ(handler_max_depth, 1);
	/* sigreturn restored the mask from before the handler. */
	CHECK_EQ(sigprocmask(SIG_BLOCK, NULL, &cur), 0);
	CHECK_EQ(sigismember(&cur, SIGUSR1), 0);
	reset_signal(SIGUSR1);
}

/* ---- sigaction -------------------------------------------------------------- */

TEST(sigaction_reports_the_previous_action)
{
	struct sigaction sa = { .sa_handler = count_handler }, old;

	sigemptyset(&sa.sa_mask);
	reset_signal(SIGUSR2);
	CHECK_EQ(sigaction(SIGUSR2, &sa, &old), 0);
	CHECK(old.sa_handler == SIG_DFL);
	CHECK_EQ(sigaction(SIGUSR2, NULL, &old), 0);
	CHECK(old.sa_handler == count_handler);
	CHECK(signal(SIGUSR2, SIG_IGN) == count_handler);
	CHECK(signal(SIGUSR2, SIG_DFL) == SIG_IGN);
}

TEST(sigaction_bad_signals_fail_einval)
{
	struct sigaction sa = { .sa_handler = count_handler };

	sigemptyset(&sa.sa_mask);
	CHECK_ERRNO(sigaction(SIGKILL, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(0, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(NSIG, &sa, NULL), EINVAL);
	CHECK_ERRNO(sigaction(-3, &sa, NULL), EINVAL);
	CHECK(signal(SIGKILL, SIG_IGN) == SIG_ERR);
}

static void ignore_then_raise(void *arg)
{
	(void)arg;
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	for (int i = 0; i < 50; i++)
		sched_yield();
	_exit(7);
}

TEST(ignored_signal_does_nothing)
{
	int status = utest_in_child(ignore_then_raise, NULL);

	CHECK(WIFEXITED(status));
	CHECK_EQ(WEXITSTATUS(status), 7);
}

/* ---- default actions and kill ----------------------------------------------- */

/* A child that waits (at most 60 s) to be killed; ready is set once it runs. */
static pid_t spawn_sleeper(volatile int *ready, bool catch_term)
{
	pid_t pid = utest_fork();

	if (pid == 0) {
		if (catch_term)
			set_handler(SIGTERM, count_handler, 0);
		__atomic_store_n(ready, 1, __ATOMIC_RELEASE);
		for (int i = 0; i < 6000; i++)
			utest_sleep_ms(10);
		_exit(0);
	}
	return pid;
}

static void check_kill_kills(int sig, bool catch_term, int *status)
{
	volatile int *ready = utest_shared(4096);
	pid_t pid;

	*status = -1;
	if (!ready)
		return;
	pid = spawn_sleeper(ready, catch_term);
	if (pid > 0) {
		if (!utest_wait_for(ready, 1, 60000) || kill(pid, sig) < 0)
			kill(pid, SIGKILL);     /* the check fails; do not leave it */
		*status = utest_wait(pid);
	}
	munmap((void *)ready, 4096);
}

TEST(sigkill_kills_a_child)
{
	int status;

	check_kill_kills(SIGKILL, false, &status);
	CHECK(status >= 0);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

TEST(sigterm_default_kills_a_child)
{
	int status;

	check_kill_kills(SIGTERM, false, &status);
	CHECK(status >= 0);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGTERM);
}

TEST(sigkill_kills_even_when_sigterm_is_caught)
{
	int status;

	check_kill_kills(SIGKILL, true, &status);
	CHECK(status >= 0);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGKILL);
}

TEST(sigusr1_default_kills)
{
	int status;

	check_kill_kills(SIGUSR1, false, &status);
	CHECK(status >= 0);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGUSR1);
}

static void exit_42(int sig)
{
	(void)sig;
	_exit(42);
}

TEST(signal_reaches_another_process_handler)
{
	volatile int *ready = utest_shared(4096);
	pid_t pid;

	CHECK(ready != NULL);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0) {
		set_handler(SIGUSR2, exit_42, 0);
		__atomic_store_n(ready, 1, __ATOMIC_RELEASE);
		for (int i = 0; i < 6000; i++)
			utest_sleep_ms(10);
		_exit(0);
	}
	CHECK(utest_wait_for(ready, 1, 60000));
	CHECK_EQ(kill(pid, SIGUSR2), 0);
	CHECK_EQ(WEXITSTATUS(utest_wait(pid)), 42);
	munmap((void *)ready, 4096);
}

static void sleep_interrupted(void *arg)
{
	volatile int *ready = arg;
	struct timespec ts = { .tv_sec = 30, .tv_nsec = 0 }, rem = { 0, 0 };

	set_handler(SIGUSR1, count_handler, 0);
	__atomic_store_n(ready, 1, __ATOMIC_RELEASE);
	/* An early signal may land before the sleep; the next one will not. */
	int r = nanosleep(&ts, &rem);
	_exit(r == -1 && errno == EINTR && caught_count >= 1 &&
	      (rem.tv_sec > 0 || rem.tv_nsec > 0) ? 0 : 1);
}

TEST(signal_interrupts_nanosleep_with_eintr)
{
	volatile int *ready = utest_shared(4096);
	pid_t pid;

	CHECK(ready != NULL);
	caught_count = 0;
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0)
		sleep_interrupted((void *)ready);
	CHECK(utest_wait_for(ready, 1, 60000));
	/* Signal every 100 ms (at most 200 times) until it has exited. */
	int status = -1;
	for (int i = 0; i < 200; i++) {
		utest_sleep_ms(100);
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
		kill(pid, SIGUSR1);
	}
	if (!WIFEXITED(status) && !WIFSIGNALED(status)) {
		kill(pid, SIGKILL);
		status = utest_wait(pid);
	}
	CHECK_EQ(status, 0);
	munmap((void *)ready, 4096);
}

TEST(sigchld_arrives_when_a_child_exits)
{
	pid_t pid;

	caught_count = 0;
	set_handler(SIGCHLD, count_handler, 0);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK(wait_count(&caught_count, 1));
	CHECK_EQ(caught_signo, SIGCHLD);
	CHECK_EQ(utest_wait(pid), 0);
	reset_signal(SIGCHLD);
}

TEST(sigchld_is_ignored_by_default)
{
	pid_t pid;

	reset_signal(SIGCHLD);
	pid = utest_fork();
	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(utest_wait(pid), 0);
	utest_sleep_ms(10);     /* still alive: that is the check */
}

/* ---- faults ---------------------------------------------------------------- */

static void fault_segv(void *arg)
{
	(void)arg;
	volatile int *volatile p = NULL;
	*p = 1;                 /* both volatile, or the store is dropped */
	_exit(0);
}

static void fault_ill(void *arg)
{
	(void)arg;
	__asm__ volatile("ud2");
	_exit(0);
}

static void fault_fpe(void *arg)
{
	(void)arg;
	__asm__ volatile("xor %%edx, %%edx\n\t"
			 "mov $1, %%eax\n\t"
			 "xor %%ecx, %%ecx\n\t"
			 "idiv %%ecx"
			 : : : "eax", "ecx", "edx");
	_exit(0);
}

static void fault_abort(void *arg)
{
	(void)arg;
	abort();
}

static void fault_abort_caught(void *arg)
{
	(void)arg;
	set_handler(SIGABRT, count_handler, 0);     /* abort still kills */
	abort();
}

TEST(null_write_raises_sigsegv)
{
	int status = utest_in_child(fault_segv, NULL);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGSEGV);
}

TEST(ud2_raises_sigill)
{
	int status = utest_in_child(fault_ill, NULL);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGILL);
}

TEST(divide_by_zero_raises_sigfpe)
{
	int status = utest_in_child(fault_fpe, NULL);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGFPE);
}

TEST(abort_raises_sigabrt)
{
	int status = utest_in_child(fault_abort, NULL);

	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGABRT);
	status = utest_in_child(fault_abort_caught, NULL);
	CHECK(WIFSIGNALED(status));
	CHECK_EQ(WTERMSIG(status), SIGABRT);
}

/* ---- kill's errors ---------------------------------------------------------- */

TEST(kill_bad_signal_fails_einval)
{
	CHECK_ERRNO(kill(getpid(), -1), EINVAL);
	CHECK_ERRNO(kill(getpid(), NSIG), EINVAL);
	CHECK_ERRNO(kill(getpid(), 1000), EINVAL);
}

TEST(kill_missing_process_fails_esrch)
{
	CHECK_ERRNO(kill(0x7ffffff0, SIGUSR1), ESRCH);
	CHECK_ERRNO(kill(0x7ffffff0, 0), ESRCH);
}

TEST(kill_signal_zero_only_checks)
{
	CHECK_EQ(kill(getpid(), 0), 0);
	CHECK_EQ(kill(getppid(), 0), 0);
}

TEST(kill_reaped_child_fails_esrch)
{
	pid_t pid = utest_fork();

	CHECK(pid >= 0);
	if (pid == 0)
		_exit(0);
	CHECK_EQ(utest_wait(pid), 0);
	CHECK_ERRNO(kill(pid, SIGKILL), ESRCH);
}
