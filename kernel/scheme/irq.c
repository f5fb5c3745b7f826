// SPDX-License-Identifier: MIT
/*
 * irq: — interrupts for userspace drivers (root only). Opening `irq:N`
 * (an ISA IRQ below 16, translated through the MADT's overrides, or a
 * GSI from 16 on) routes the line to its own vector and unmasks it; one
 * driver per line (EBUSY).
 *
 * When the interrupt fires the kernel masks the line — a level-triggered
 * device would otherwise interrupt again at once, before its driver ran —
 * counts it and wakes the driver. read (8 bytes) waits until the line has
 * fired since the last acknowledgement and returns the total count so
 * far; write (any 8 bytes) acknowledges: the line is unmasked again.
 * Readiness for event: queues is "fired, not yet acknowledged". Closing
 * masks the line and frees it.
 *
 * `irq:msi` allocates a vector for a device's message-signalled
 * interrupt instead; fpath gives the message to program into the device,
 * `irq:msi/0xADDR/0xDATA` (fixed delivery, edge, to one CPU — vectors
 * are spread over the CPUs in turn). Messages are edge-triggered and not
 * shared, so nothing is masked: a message that arrives before the
 * acknowledgement is only counted. Read, write and readiness are as for
 * lines. Everything here needs ABI_PRIV_IRQ (granted by init).
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <abi/event.h>
#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/trap.h>
#include <arch/percpu.h>
#include <lib/cmdline.h>
#include <lib/fmt.h>
#include <mm.h>
#include <proc.h>
#include <sched.h>
#include <string.h>

#define IRQ_LINES 24                    /* vectors VEC_IRQ_BASE .. + 23 */

typedef struct irq_line {
	bool msi;                       /* an irq:msi vector, not an I/O APIC line */
	uint32_t gsi;
	bool level, active_low;
	volatile bool open;             /* claimed by a driver (irq_lock) */
	volatile bool pending;          /* fired, not acknowledged */
	volatile uint64_t count;
	waitq_t waiters;
} irq_line_t;

static spinlock_t irq_lock = SPINLOCK_INIT;
static irq_line_t irq_lines[IRQ_LINES];
static irq_line_t irq_msis[VEC_MSI_COUNT];
static unsigned irq_msi_next_cpu;       /* irq_lock */

static void irq_handler(trap_frame_t *frame)
{
	irq_line_t *l = &irq_lines[frame->vector - VEC_IRQ_BASE];

	ioapic_set_masked(l->gsi, true);
	__atomic_add_fetch(&l->count, 1, __ATOMIC_ACQ_REL);
	l->pending = true;
	lapic_eoi();
	waitq_wake(&l->waiters, -1);
	event_notify();
}

static void irq_msi_handler(trap_frame_t *frame)
{
	irq_line_t *l = &irq_msis[frame->vector - VEC_MSI_BASE];

	__atomic_add_fetch(&l->count, 1, __ATOMIC_ACQ_REL);
	l->pending = true;
	lapic_eoi();
	waitq_wake(&l->waiters, -1);
	event_notify();
}

static void irq_line_reset(irq_line_t *l)
{
	l->pending = false;
	l->count = 0;
	l->waiters = (waitq_t)WAITQ_INIT;
}

/* The next online CPU's APIC id, round robin (irq_lock held). */
static uint32_t irq_msi_target_locked(void)
{
	for (uint32_t tries = 0; tries < cpu_count; tries++) {
		cpu_t *c = &cpu_table[irq_msi_next_cpu++ % cpu_count];
		if (c->online)
			return c->apic_id;
	}
	return cpu_table[0].apic_id;
}

static int irq_open_msi(file_t *f)
{
	irq_line_t *l = NULL;
	unsigned vector = 0;
	uint32_t apic = 0;
	uint64_t flags = spin_lock_irqsave(&irq_lock);

	for (unsigned i = 0; i < VEC_MSI_COUNT && !l; i++)
		if (!irq_msis[i].open) {
			l = &irq_msis[i];
			l->open = true;
			vector = VEC_MSI_BASE + i;
			apic = irq_msi_target_locked();
		}
	spin_unlock_irqrestore(&irq_lock, flags);
	if (!l)
		return -EBUSY;
	l->msi = true;
	irq_line_reset(l);
	f->handle = l;
	/* The message: address 0xFEE, destination APIC id in bits 19:12
	 * (physical mode); data = the vector, fixed delivery, edge. */
	fmt_snprintf(f->path, sizeof(f->path), "irq:msi/%#x/%#x",
		     0xfee00000u | ((apic & 0xff) << 12), vector);
	return 0;
}

static int irq_open(scheme_t *s, const char *path, file_t *f)
{
	uint64_t irq;
	uint32_t gsi;
	bool level, low;

	(void)s;
	if (!proc_privileged(ABI_PRIV_IRQ))
		return -EPERM;
	if (strcmp(path, "msi") == 0)
		return irq_open_msi(f);
	if (cmdline_u64_parse(path, strlen(path), &irq) || irq > 255 || ioapic_resolve((uint32_t)irq, &gsi, &level, &low) ||
	    gsi >= IRQ_LINES)
		return -ENOENT;
	irq_line_t *l = &irq_lines[gsi];
	uint64_t flags = spin_lock_irqsave(&irq_lock);
	bool busy = l->open;
	l->open = true;
	spin_unlock_irqrestore(&irq_lock, flags);
	if (busy)
		return -EBUSY;
	l->gsi = gsi;
	l->level = level;
	l->active_low = low;
	irq_line_reset(l);
	f->handle = l;
	ioapic_route(gsi, (uint8_t)(VEC_IRQ_BASE + gsi), level, low, false);
	return 0;
}

static void irq_close(file_t *f)
{
	irq_line_t *l = f->handle;

	if (!l->msi)
		ioapic_set_masked(l->gsi, true);
	uint64_t flags = spin_lock_irqsave(&irq_lock);
	l->open = false;
	spin_unlock_irqrestore(&irq_lock, flags);
}

static bool irq_fired(void *arg)
{
	irq_line_t *l = arg;

	return l->pending || signal_pending_unblocked();
}

static long irq_read(file_t *f, uptr_t buf, size_t len)
{
	irq_line_t *l = f->handle;

	if (len < sizeof(uint64_t))
		return -EINVAL;
	if (!l->pending && (f->flags & O_NONBLOCK))
		return -EAGAIN;
	waitq_wait(&l->waiters, irq_fired, l, 0);
	if (!l->pending)
		return -EINTR;
	uint64_t count = __atomic_load_n(&l->count, __ATOMIC_ACQUIRE);
	return copy_to_user(buf, &count, sizeof(count)) ?: (long)sizeof(count);
}

static long irq_write(file_t *f, uptr_t buf, size_t len)
{
	irq_line_t *l = f->handle;

	(void)buf;
	if (len < sizeof(uint64_t))
		return -EINVAL;
	l->pending = false;
	if (!l->msi)
		ioapic_set_masked(l->gsi, false);
	return (long)len;
}

static unsigned irq_poll(file_t *f)
{
	irq_line_t *l = f->handle;

	return (l->pending ? EVENT_READ : 0) | EVENT_WRITE;
}

static const scheme_ops_t irq_ops = {
	.open = irq_open,
	.close = irq_close,
	.read = irq_read,
	.write = irq_write,
	.poll = irq_poll,
};

void scheme_irq_init(void)
{
	for (unsigned i = 0; i < IRQ_LINES; i++)
		trap_set_handler(VEC_IRQ_BASE + i, irq_handler);
	for (unsigned i = 0; i < VEC_MSI_COUNT; i++)
		trap_set_handler(VEC_MSI_BASE + i, irq_msi_handler);
	scheme_register("irq", &irq_ops, NULL);
}
