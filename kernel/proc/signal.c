// SPDX-License-Identifier: MIT
/*
 * Signals. A signal is a pending bit, on a thread (faults, thread kills)
 * or on its process (kill); it is acted on when a thread of the process
 * returns to user mode with the signal unblocked. Default actions end the
 * process (status "killed by signal") or ignore; a handler runs on the
 * user stack with the interrupted context saved below it, and
 * SYS_sigreturn restores that context, checking what it reads back: user
 * code can change the saved registers, but not leave user mode with
 * kernel segments, privileged flags or an invalid FPU control word.
 *
 * A blocked thread with a newly deliverable signal is woken with
 * `interrupted` set, so its system call returns EINTR. Stop and continue
 * signals and sending to process groups are jobctl.c's.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/cpu.h>
#include <arch/layout.h>
#include <arch/percpu.h>
#include <log.h>
#include <uaccess.h>

#define SIG_BIT(sig) (1ull << ((sig) - 1))
#define UNBLOCKABLE (SIG_BIT(SIGKILL) | SIG_BIT(SIGSTOP))
#define DEFAULT_IGNORED (SIG_BIT(SIGCHLD) | SIG_BIT(SIGCONT) | SIG_BIT(SIGWINCH) | \
			 SIG_BIT(23) /* SIGURG */)
/* Their default action stops the process (jobctl.c). */
#define DEFAULT_STOP (SIG_BIT(SIGSTOP) | SIG_BIT(SIGTSTP) | SIG_BIT(SIGTTIN) | SIG_BIT(SIGTTOU))
#define USER_RFLAGS_MASK 0x40dd5ull   /* CF PF AF ZF SF TF DF OF AC */

static bool signal_ignored_locked(process_t *p, int sig)
{
	uint64_t h = p->sigactions[sig].handler;

	if (sig == SIGKILL)
		return false;
	return h == SIG_IGN || (h == SIG_DFL && (DEFAULT_IGNORED & SIG_BIT(sig)));
}

/* Wakes t from a wait if it would now act on a pending signal. */
static void signal_kick(thread_t *t)
{
	abi_sigset_t pending = t->sigpending | (t->proc ? t->proc->sigpending : 0);

	if (!(pending & (~t->sigmask | UNBLOCKABLE)))
		return;
	/* Pairs with the full barrier in waitq_wait: see there. */
	if (__atomic_load_n(&t->state, __ATOMIC_SEQ_CST) == THREAD_BLOCKED) {
		t->interrupted = true;
		sched_wake(t);
	}
}

void signal_send_thread(thread_t *t, int sig)
{
	__atomic_fetch_or(&t->sigpending, SIG_BIT(sig), __ATOMIC_ACQ_REL);
	signal_kick(t);
}

void signal_send_process(process_t *p, int sig)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);

	if (!signal_ignored_locked(p, sig) && p->threads) {
		__atomic_fetch_or(&p->sigpending, SIG_BIT(sig), __ATOMIC_ACQ_REL);
		thread_t *target = p->threads;
		for (thread_t *t = p->threads; t; t = t->proc_next)
			if (!(t->sigmask & SIG_BIT(sig))) {
				target = t;
				break;
			}
		signal_kick(target);
	}
	spin_unlock_irqrestore(&p->lock, flags);
}

bool signal_pending_unblocked(void)
{
	thread_t *t = thread_current();
	abi_sigset_t pending = t->sigpending | (t->proc ? t->proc->sigpending : 0);

	return (pending & (~t->sigmask | UNBLOCKABLE)) != 0 || (t->proc && t->proc->exiting);
}

/* Takes the lowest deliverable signal off the pending sets; 0 if none. */
static int signal_dequeue(thread_t *t, process_t *p)
{
	abi_sigset_t allowed = ~t->sigmask | UNBLOCKABLE;
	abi_sigset_t mine = t->sigpending & allowed;
	volatile abi_sigset_t *set = mine ? &t->sigpending : &p->sigpending;
	abi_sigset_t ready = mine ? mine : (p->sigpending & allowed);

	if (!ready)
		return 0;
	int sig = __builtin_ctzll(ready) + 1;
	__atomic_fetch_and(set, ~SIG_BIT(sig), __ATOMIC_ACQ_REL);
	return sig;
}

static void signal_fill_context(abi_sigcontext_t *c, const trap_frame_t *f, thread_t *t)
{
	*c = (abi_sigcontext_t){
		.r15 = f->r15, .r14 = f->r14, .r13 = f->r13, .r12 = f->r12,
		.r11 = f->r11, .r10 = f->r10, .r9 = f->r9, .r8 = f->r8,
		.rbp = f->rbp, .rdi = f->rdi, .rsi = f->rsi, .rdx = f->rdx,
		.rcx = f->rcx, .rbx = f->rbx, .rax = f->rax, .rip = f->rip,
		.rflags = f->rflags, .rsp = f->rsp,
		.saved_mask = t->sigsuspended ? t->sigsuspend_saved : t->sigmask,
		.fs_base = t->fs_base,
	};
	t->sigsuspended = false;        /* sigreturn restores the old mask */
	__asm__ volatile("fxsave64 %0" : "=m"(c->fpu));
}

/* Sets up the handler's frame; false if the user stack is unusable. */
static bool signal_run_handler(trap_frame_t *f, thread_t *t, int sig,
			       const abi_sigaction_t *act)
{
	abi_sigframe_t frame;
	uint64_t sp = ((f->rsp - 128 - sizeof(abi_sigframe_t)) & ~15ull) - 8;

	signal_fill_context(&frame.context, f, t);
	frame.return_address = act->restorer;
	frame.signo = (uint64_t)sig;
	if (!act->restorer || copy_to_user(uptr(sp), &frame, sizeof(frame)))
		return false;
	f->rip = act->handler;
	f->rsp = sp;
	f->rdi = (uint64_t)sig;
	f->rsi = 0;
	f->rdx = sp + __builtin_offsetof(abi_sigframe_t, context);
	f->rflags &= ~((1ull << 10) | (1ull << 8));     /* DF, TF clear */
	t->sigmask |= act->mask | ((act->flags & SA_NODEFER) ? 0 : SIG_BIT(sig));
	t->sigmask &= ~UNBLOCKABLE;
	return true;
}

void signal_deliver(trap_frame_t *f)
{
	thread_t *t = thread_current();
	process_t *p = t->proc;
	int sig;

	if (!p)
		return;
	if (p->exiting)
		uthread_exit();
	job_park_if_stopped();
	if (p->exiting)
		uthread_exit();
	for (;;) {
		uint64_t cont_gen = __atomic_load_n(&p->job_cont_gen, __ATOMIC_ACQUIRE);
		if (!(sig = signal_dequeue(t, p)))
			break;
		uint64_t flags = spin_lock_irqsave(&p->lock);
		abi_sigaction_t act = p->sigactions[sig];
		if (act.flags & SA_RESETHAND)
			p->sigactions[sig].handler = SIG_DFL;
		bool ignored = signal_ignored_locked(p, sig);
		spin_unlock_irqrestore(&p->lock, flags);
		if (ignored)
			continue;
		if (sig == SIGSTOP || (act.handler == SIG_DFL && (DEFAULT_STOP & SIG_BIT(sig)))) {
			job_stop(sig, cont_gen);
			if (p->exiting)
				uthread_exit();
			continue;
		}
		if (sig == SIGKILL || act.handler == SIG_DFL)
			proc_exit(ABI_WSTATUS_SIGNALED(sig));
		if (!signal_run_handler(f, t, sig, &act))
			proc_exit(ABI_WSTATUS_SIGNALED(SIGSEGV));
		return;
	}
	if (t->sigsuspended) {          /* only ignored signals woke sigsuspend */
		t->sigmask = t->sigsuspend_saved;
		t->sigsuspended = false;
	}
}

int signal_return(trap_frame_t *f)
{
	thread_t *t = thread_current();
	abi_sigframe_t frame;
	abi_sigcontext_t *c = &frame.context;

	if (copy_from_user(&frame, uptr(f->rsp - 8), sizeof(frame)))
		proc_exit(ABI_WSTATUS_SIGNALED(SIGSEGV));
	*(uint32_t *)(c->fpu + 24) &= 0xffbf;   /* MXCSR: no reserved bits */
	__asm__ volatile("fxrstor64 %0" : : "m"(c->fpu));
	f->r15 = c->r15; f->r14 = c->r14; f->r13 = c->r13; f->r12 = c->r12;
	f->r11 = c->r11; f->r10 = c->r10; f->r9 = c->r9; f->r8 = c->r8;
	f->rbp = c->rbp; f->rdi = c->rdi; f->rsi = c->rsi; f->rdx = c->rdx;
	f->rcx = c->rcx; f->rbx = c->rbx; f->rax = c->rax;
	if (c->rip >= USER_TOP)         /* iretq to it would fault in the kernel */
		proc_exit(ABI_WSTATUS_SIGNALED(SIGSEGV));
	f->rip = c->rip;
	f->rsp = c->rsp;
	f->rflags = (c->rflags & USER_RFLAGS_MASK) | RFLAGS_IF;
	f->cs = SEL_USER_CODE | 3;
	f->ss = SEL_USER_DATA | 3;
	t->sigmask = c->saved_mask & ~UNBLOCKABLE;
	if (c->fs_base < USER_TOP) {
		t->fs_base = c->fs_base;
		wrmsr(MSR_FS_BASE, t->fs_base);
	}
	return (int)f->rax;
}

void signal_raise_fault(trap_frame_t *f, int sig)
{
	thread_t *t = thread_current();
	process_t *p = t->proc;
	uint64_t flags = spin_lock_irqsave(&p->lock);

	/* A fault cannot be blocked or ignored: it would repeat forever. */
	if ((t->sigmask & SIG_BIT(sig)) || p->sigactions[sig].handler == SIG_IGN) {
		t->sigmask &= ~SIG_BIT(sig);
		p->sigactions[sig].handler = SIG_DFL;
	}
	bool fatal = p->sigactions[sig].handler == SIG_DFL;
	spin_unlock_irqrestore(&p->lock, flags);
	if (fatal)
		klog("%s[%d]: killed by signal %d (%s at %#lx, error %#lx, fault address %#lx)",
		     p->name, p->pid, sig, trap_exception_name(f->vector), f->rip,
		     f->error_code, f->vector == 14 ? read_cr2() : 0);
	__atomic_fetch_or(&t->sigpending, SIG_BIT(sig), __ATOMIC_ACQ_REL);
	signal_deliver(f);
}
