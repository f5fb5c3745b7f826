// SPDX-License-Identifier: MIT
/*
 * Processes: an address space, threads, a parent and children, signal
 * dispositions, credentials and (for now) the console as descriptors
 * 0-2. pid 1 is init; orphans are given to it; a process that exits
 * stays a zombie until its parent waits for it.
 *
 * Locking: proc_tree_lock guards every process's parent/children links,
 * state and exit status, and the pid table. p->lock guards the thread
 * list and signal dispositions.
 */
#pragma once

#include <abi/signal.h>
#include <fd.h>
#include <sched.h>
#include <spinlock.h>
#include <stdint.h>
#include <thread.h>
#include <vm.h>

#define PROC_MAX 4096
#define PROC_NAME_MAX 32

typedef enum proc_state {
	PROC_ALIVE,
	PROC_ZOMBIE,
} proc_state_t;

#define PROC_CWD_MAX 1024      /* SCHEME_URL_MAX */

typedef struct process {
	int pid;
	char name[PROC_NAME_MAX];
	address_space_t *as;

	/* Guarded by proc_tree_lock: */
	proc_state_t state;
	struct process *parent;
	struct process *children;       /* first child */
	struct process *sibling;        /* next child of the same parent */
	int exit_status;                /* wait status (abi/proc.h encoding) */
	int pgid, sid;
	/* A stop or continue the parent has not collected with waitpid
	 * (WUNTRACED/WCONTINUED): a wait status, or 0. */
	int job_report;

	spinlock_t lock;
	/* Guarded by lock: */
	thread_t *threads;
	int thread_count;
	abi_sigaction_t sigactions[NSIG];
	volatile abi_sigset_t sigpending;       /* process-directed signals */
	bool exiting;
	/* Stopped by a stop signal: its threads park in job_stop_waiters on
	 * their way back to user mode until SIGCONT or SIGKILL. */
	volatile bool stopped;
	waitq_t job_stop_waiters;
	/* Bumped by every SIGCONT: a stop dequeued before a SIGCONT that
	 * came meanwhile does not happen (jobctl.c). */
	volatile uint64_t job_cont_gen;

	fd_table_t fds;
	volatile uint64_t ns_mask;      /* schemes it can see: a bit per scheme id */

	waitq_t child_waiters;          /* this process waiting in waitpid */
	volatile uint64_t child_events; /* bumped when a child changes state */
	int exit_code_pending;          /* set by the first thread to exit */
	uint32_t uid, gid;
	uint32_t umask;                 /* applied by libc to modes it creates */
	/* The working directory as a URL ("file:/home"), which libc keeps
	 * canonical and prefixes to relative paths; the kernel only stores
	 * it, so it survives exec. Guarded by lock. */
	char cwd[PROC_CWD_MAX];
	uint64_t brk_hint;
	/* Ports it may use (ioperm; a set bit denies), or NULL: none. Not
	 * inherited by fork. A new id each change (cpu.io_bitmap_id). */
	uint8_t *io_bitmap;
	uint64_t io_bitmap_id;
	/* ABI_PRIV_* it holds (only ever shrinks; fork and exec keep it), and
	 * the name init gave it as a service (the kernel names a crashed
	 * driver by it; empty: its program name). Guarded by lock. */
	uint32_t privileges;
	char label[PROC_NAME_MAX];
} process_t;

/* Whether the current process holds privilege ABI_PRIV_x. */
bool proc_privileged(uint32_t priv);

#define PROC_PID_LIMIT 32768            /* pids are below this */

extern spinlock_t proc_tree_lock;

process_t *proc_current(void);
/* The live process with this pid, or NULL; takes no reference. */
process_t *proc_find_locked(int pid);

/* Creates pid 1 from the initfs and starts it. */
void proc_start_init(void);

int proc_fork(trap_frame_t *frame);
int proc_exec(const char *path, char *const argv[], char *const envp[],
	      trap_frame_t *frame);
__attribute__((noreturn)) void proc_exit(int wait_status);
int proc_waitpid(int pid, uint64_t status_uaddr, int options);
int proc_clone_thread(trap_frame_t *frame, uint64_t flags, uint64_t stack, uint64_t tls,
		      uint64_t clear_tid);
unsigned proc_count(void);

/* Signals (kernel/proc/signal.c). */
int signal_send_pid(int pid, int sig);
void signal_send_thread(thread_t *t, int sig);
void signal_send_process(process_t *p, int sig);
/* On the way back to user mode: run or act on pending signals. */
void signal_deliver(trap_frame_t *frame);
int signal_return(trap_frame_t *frame);
/* A fault in user mode: deliver sig (SIGSEGV, SIGILL...) to the thread. */
void signal_raise_fault(trap_frame_t *frame, int sig);

/* Job control (kernel/proc/jobctl.c). */
/* Sends sig to process p (proc_tree_lock held), with the side effects of
 * stop and continue signals. */
void job_signal_locked(process_t *p, int sig);
/* Sends sig to every process of group pgid the caller may signal (the
 * caller last), or with pgid -1 to every one but init and the caller. */
int job_signal_group(int pgid, int sig);
/* On the way to user mode: stop here while the process is stopped. */
void job_park_if_stopped(void);
/* A default stop action: the process stops, the parent is told — unless a
 * SIGCONT came since cont_gen was read (before the stop was dequeued). */
void job_stop(int sig, uint64_t cont_gen);

/* Text for the proc: scheme. */
struct textbuf;
void proc_list_text(struct textbuf *b);
int proc_status_text(int pid, struct textbuf *b);

/* Internals shared by the files of kernel/proc/. */
process_t *proc_alloc(const char *name, int pid);
long sys_exec_impl(uint64_t upath, uint64_t uargv, uint64_t uenvp, uint64_t uimage,
		   uint64_t size, trap_frame_t *frame);
/* Loads as's tables on this CPU (and records the CPU for TLB shootdowns). */
void as_activate(address_space_t *as);
void proc_attach(process_t *p, process_t *parent);
void proc_free_locked(process_t *p);
void proc_add_thread(process_t *p, thread_t *t);
int proc_remove_thread(process_t *p, thread_t *t);
/*
 * Ends every other thread of the caller's process and waits for them (for
 * exec); true. False if another thread is already ending the process:
 * the caller must then free what it holds and end (uthread_exit).
 */
bool proc_kill_other_threads(void);
/* Ends the calling user thread; the last one turns the process into a zombie. */
__attribute__((noreturn)) void uthread_exit(void);
/* Loads p's I/O port permissions on this CPU. */
void arch_load_io_bitmap(process_t *p);
/* Leaves the user address space (CR3 to the kernel's tables). */
void as_deactivate(void);
/* A signal the calling thread would act on is pending (syscalls return EINTR). */
bool signal_pending_unblocked(void);
