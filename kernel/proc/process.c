// SPDX-License-Identifier: MIT
/*
 * The process table and the parent/child tree. A process lives from
 * fork (or the creation of init) until its parent reaps it: pid slots are
 * indexed by pid, and proc_tree_lock guards them together with every
 * process's tree links, state and exit status, so waitpid, exit and
 * reparenting see one consistent tree.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <lib/fmt.h>
#include <mm.h>
#include <string.h>
#include <textfile.h>

spinlock_t proc_tree_lock = SPINLOCK_INIT;
static process_t *proc_table[PROC_PID_LIMIT];    /* by pid; guarded by proc_tree_lock */
static unsigned proc_live;              /* guarded by proc_tree_lock */

process_t *proc_current(void)
{
	thread_t *t = thread_current();

	return t ? t->proc : NULL;
}

process_t *proc_find_locked(int pid)
{
	if (pid <= 0 || pid >= (int)(sizeof(proc_table) / sizeof(proc_table[0])))
		return NULL;
	return proc_table[pid];
}

unsigned proc_count(void)
{
	return __atomic_load_n(&proc_live, __ATOMIC_RELAXED);
}

/* A new process, not yet in the tree, with pid (or a fresh one if 0). */
process_t *proc_alloc(const char *name, int pid)
{
	process_t *p = kzalloc(sizeof(*p));

	if (!p)
		return NULL;
	p->pid = pid ? pid : tid_alloc();
	if (p->pid < 0) {
		kfree(p);
		return NULL;
	}
	fmt_snprintf(p->name, sizeof(p->name), "%s", name);
	p->child_waiters = (waitq_t)WAITQ_INIT;
	p->job_stop_waiters = (waitq_t)WAITQ_INIT;
	p->umask = 022;
	memcpy(p->cwd, "file:/", sizeof("file:/"));
	return p;
}

/* Links p under parent (NULL for init) and publishes its pid. */
void proc_attach(process_t *p, process_t *parent)
{
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);

	p->parent = parent;
	if (parent) {
		p->sibling = parent->children;
		parent->children = p;
		p->pgid = parent->pgid;
		p->sid = parent->sid;
	} else {
		p->pgid = p->sid = p->pid;
	}
	proc_table[p->pid] = p;
	proc_live++;
	spin_unlock_irqrestore(&proc_tree_lock, flags);
}

/* Unlinks a reaped zombie and frees it; proc_tree_lock held. */
void proc_free_locked(process_t *p)
{
	process_t **pp = &p->parent->children;

	while (*pp != p)
		pp = &(*pp)->sibling;
	*pp = p->sibling;
	proc_table[p->pid] = NULL;
	proc_live--;
	tid_free(p->pid);
	kfree(p->io_bitmap);
	kfree(p);
}

/* Adds a thread to p's list. */
void proc_add_thread(process_t *p, thread_t *t)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);

	t->proc_next = p->threads;
	p->threads = t;
	p->thread_count++;
	spin_unlock_irqrestore(&p->lock, flags);
}

/* Removes t; returns how many threads are left. */
int proc_remove_thread(process_t *p, thread_t *t)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);
	thread_t **pp = &p->threads;

	while (*pp && *pp != t)
		pp = &(*pp)->proc_next;
	if (*pp)
		*pp = t->proc_next;
	int left = --p->thread_count;
	spin_unlock_irqrestore(&p->lock, flags);
	return left;
}

/*
 * Z zombie, T stopped, R if any thread runs or is runnable, else S (every
 * thread waits). Thread states are read without their locks: a snapshot.
 */
static char proc_state_letter(process_t *p)
{
	if (p->state == PROC_ZOMBIE)
		return 'Z';
	if (p->stopped)
		return 'T';
	uint64_t flags = spin_lock_irqsave(&p->lock);
	bool running = !p->threads;
	for (thread_t *t = p->threads; t && !running; t = t->proc_next)
		running = __atomic_load_n(&t->state, __ATOMIC_RELAXED) != THREAD_BLOCKED;
	spin_unlock_irqrestore(&p->lock, flags);
	return running ? 'R' : 'S';
}

void proc_list_text(textbuf_t *b)
{
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);

	textbuf_printf(b, "PID PPID STATE THREADS NAME\n");
	for (size_t pid = 1; pid < sizeof(proc_table) / sizeof(proc_table[0]); pid++) {
		process_t *p = proc_table[pid];
		if (p)
			textbuf_printf(b, "%d %d %c %d %s\n", p->pid,
				       p->parent ? p->parent->pid : 0, proc_state_letter(p),
				       p->thread_count, p->name);
	}
	spin_unlock_irqrestore(&proc_tree_lock, flags);
}

int proc_status_text(int pid, textbuf_t *b)
{
	uint64_t flags = spin_lock_irqsave(&proc_tree_lock);
	process_t *p = proc_find_locked(pid);

	if (p) {
		textbuf_printf(b, "pid %d\nppid %d\nname %s\nstate %c\npgid %d\nsid %d\n"
			       "uid %u\ngid %u\nthreads %d\nprivileges %u\n", p->pid,
			       p->parent ? p->parent->pid : 0, p->name, proc_state_letter(p),
			       p->pgid, p->sid, p->uid, p->gid, p->thread_count, p->privileges);
		if (p->label[0])
			textbuf_printf(b, "label %s\n", p->label);
		uint64_t tflags = spin_lock_irqsave(&p->lock);
		for (thread_t *t = p->threads; t; t = t->proc_next)
			textbuf_printf(b, "thread %d cpu %d priority %d runtime_ns %lu\n",
				       t->tid, t->cpu, t->priority, t->runtime_ns);
		spin_unlock_irqrestore(&p->lock, tflags);
	}
	spin_unlock_irqrestore(&proc_tree_lock, flags);
	return p ? 0 : -ENOENT;
}
