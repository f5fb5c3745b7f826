// SPDX-License-Identifier: MIT
/*
 * One lock serialises whole lines, so lines from different CPUs never
 * interleave. The line is formatted into a stack buffer first (with the
 * lock not yet held), then written to the consoles and the ring under the
 * lock with interrupts off, so an interrupt handler may log too.
 */
#include <log.h>

#include <clock.h>
#include <console.h>
#include <lib/fmt.h>
#include <spinlock.h>
#include <string.h>

#define LOG_LINE_MAX 256
#define LOG_RING_SIZE 65536

static spinlock_t log_lock = SPINLOCK_INIT;
static bool log_panicking;

/* log_lock guards these: */
static char log_ring[LOG_RING_SIZE];
static size_t log_ring_head;            /* total bytes ever written */

static void log_ring_append_locked(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		log_ring[(log_ring_head + i) % LOG_RING_SIZE] = s[i];
	log_ring_head += n;
}

static size_t log_format_line(char *line, const char *fmt, va_list ap)
{
	uint64_t ns = clock_ns();
	int n = fmt_snprintf(line, LOG_LINE_MAX, "[%5lu.%06lu] ",
			     (unsigned long)(ns / 1000000000),
			     (unsigned long)(ns / 1000 % 1000000));
	int m = fmt_vsnprintf(line + n, LOG_LINE_MAX - n - 1, fmt, ap);
	size_t room = (size_t)(LOG_LINE_MAX - n - 2);
	size_t len = (size_t)n + ((size_t)m < room ? (size_t)m : room);

	line[len++] = '\n';
	return len;
}

void klog_v(const char *fmt, va_list ap)
{
	char line[LOG_LINE_MAX];
	size_t len = log_format_line(line, fmt, ap);
	uint64_t flags = irq_save();
	bool locked;

	if (log_panicking) {
		/* Give a stuck holder a moment, then write regardless. */
		locked = false;
		for (int i = 0; i < 1000000 && !locked; i++)
			locked = spin_trylock(&log_lock);
	} else {
		spin_lock(&log_lock);
		locked = true;
	}
	serial_write(line, len);
	fbcon_write(line, len);
	log_ring_append_locked(line, len);
	if (locked)
		spin_unlock(&log_lock);
	irq_restore(flags);
}

void klog(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	klog_v(fmt, ap);
	va_end(ap);
}

void klog_panic_mode(void)
{
	log_panicking = true;
}

size_t klog_read_ring(char *buf, size_t size)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);
	size_t avail = log_ring_head < LOG_RING_SIZE ? log_ring_head : LOG_RING_SIZE;
	size_t n = size < avail ? size : avail;
	size_t start = log_ring_head - n;

	for (size_t i = 0; i < n; i++)
		buf[i] = log_ring[(start + i) % LOG_RING_SIZE];
	spin_unlock_irqrestore(&log_lock, flags);
	return n;
}

void klog_locked_call(void (*fn)(void *), void *arg)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);

	fn(arg);
	spin_unlock_irqrestore(&log_lock, flags);
}

void console_write(const char *s, size_t n)
{
	uint64_t flags = spin_lock_irqsave(&log_lock);

	serial_write(s, n);
	fbcon_write(s, n);
	spin_unlock_irqrestore(&log_lock, flags);
}
