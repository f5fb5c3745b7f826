// SPDX-License-Identifier: MIT
/*
 * debug: — the kernel's console and log. `debug:` (any path but
 * "console") reads the kernel log ring from the file's offset, like
 * dmesg, and what is written to it becomes kernel log lines (log:
 * forwards daemons' lines here), time-stamped like the kernel's own.
 * `debug:console` is a terminal stand-in until the pty daemon: writes go
 * to the consoles as they are, reads see end-of-file.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <log.h>
#include <mm.h>
#include <string.h>

#define DEBUG_CHUNK 256

typedef enum { DEBUG_LOG, DEBUG_CONSOLE } debug_kind_t;

static int debug_open(scheme_t *s, const char *path, file_t *f)
{
	(void)s;
	f->handle = (void *)(uintptr_t)(strcmp(path, "console") == 0 ? DEBUG_CONSOLE : DEBUG_LOG);
	return 0;
}

/* Each line (a piece cut at the chunk size counts as one) as a log line. */
static void debug_log_lines(const char *s, size_t n)
{
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t len = nl ? (size_t)(nl - s) : n;
		if (len || nl)
			klog("%.*s", (int)len, s);
		len += nl ? 1 : 0;
		s += len;
		n -= len;
	}
}

static long debug_write(file_t *f, uptr_t buf, size_t len)
{
	char chunk[DEBUG_CHUNK];
	size_t done = 0;

	if (len > 0x7fffffff)
		len = 0x7fffffff;
	while (done < len) {
		size_t n = len - done < DEBUG_CHUNK ? len - done : DEBUG_CHUNK;
		if (copy_from_user(chunk, uptr_add(buf, done), n))
			return done ? (long)done : -EFAULT;
		if ((debug_kind_t)(uintptr_t)f->handle == DEBUG_CONSOLE)
			console_write(chunk, n);
		else
			debug_log_lines(chunk, n);
		done += n;
	}
	return (long)done;
}

/* The log from this file's offset; the ring keeps the newest 64 KiB. */
static long debug_read(file_t *f, uptr_t buf, size_t len)
{
	if ((debug_kind_t)(uintptr_t)f->handle == DEBUG_CONSOLE)
		return 0;
	size_t size = 65536;
	char *log = kmalloc(size);
	if (!log)
		return -ENOMEM;
	size_t total = klog_read_ring(log, size);
	uint64_t flags = spin_lock_irqsave(&f->lock);
	int64_t off = f->offset;
	spin_unlock_irqrestore(&f->lock, flags);
	long n = 0;
	if ((uint64_t)off < total) {
		n = (long)(total - (size_t)off < len ? total - (size_t)off : len);
		if (copy_to_user(buf, log + off, (size_t)n))
			n = -EFAULT;
	}
	kfree(log);
	if (n > 0) {
		flags = spin_lock_irqsave(&f->lock);
		f->offset += n;
		spin_unlock_irqrestore(&f->lock, flags);
	}
	return n;
}

static int debug_fstat(file_t *f, abi_stat_t *st)
{
	(void)f;
	st->mode = ABI_S_IFCHR | 0620;
	st->nlink = 1;
	return 0;
}

static const scheme_ops_t debug_ops = {
	.open = debug_open,
	.read = debug_read,
	.write = debug_write,
	.fstat = debug_fstat,
};

void scheme_debug_init(void)
{
	scheme_register("debug", &debug_ops, NULL);
}
