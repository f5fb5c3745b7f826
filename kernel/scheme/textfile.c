// SPDX-License-Identifier: MIT
/*
 * Snapshot text files (see textfile.h). The buffer grows by doubling;
 * the file's offset indexes it like a regular file's.
 */
#include <textfile.h>

#include <abi/errno.h>
#include <lib/fmt.h>
#include <mm.h>
#include <string.h>

static bool textbuf_reserve(textbuf_t *b, size_t extra)
{
	size_t cap = b->cap ? b->cap : 256;

	while (cap < b->len + extra + 1)
		cap *= 2;
	if (cap == b->cap)
		return true;
	char *data = kmalloc(cap);
	if (!data)
		return false;
	if (b->data) {
		memcpy(data, b->data, b->len);
		kfree(b->data);
	}
	b->data = data;
	b->cap = cap;
	return true;
}

void textbuf_printf(textbuf_t *b, const char *fmt, ...)
{
	va_list ap;
	char line[256];

	va_start(ap, fmt);
	int n = fmt_vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0 || b->failed)
		return;
	size_t len = (size_t)n < sizeof(line) ? (size_t)n : sizeof(line) - 1;
	if (!textbuf_reserve(b, len)) {
		b->failed = true;
		return;
	}
	memcpy(b->data + b->len, line, len);
	b->len += len;
}

void textbuf_append(textbuf_t *b, const void *data, size_t len)
{
	if (!textbuf_reserve(b, len)) {
		b->failed = true;
		return;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
}

int textfile_attach(file_t *f, textbuf_t *b)
{
	if (b->failed || (!b->data && !textbuf_reserve(b, 0))) {
		kfree(b->data);
		return -ENOMEM;
	}
	textbuf_t *owned = kmalloc(sizeof(*owned));
	if (!owned) {
		kfree(b->data);
		return -ENOMEM;
	}
	*owned = *b;
	f->handle = owned;
	return 0;
}

long textfile_read(file_t *f, uptr_t buf, size_t len)
{
	textbuf_t *b = f->handle;
	uint64_t flags = spin_lock_irqsave(&f->lock);
	int64_t off = f->offset;
	size_t n = (uint64_t)off < b->len ? b->len - (size_t)off : 0;

	if (n > len)
		n = len;
	f->offset += (int64_t)n;
	spin_unlock_irqrestore(&f->lock, flags);
	if (n && copy_to_user(buf, b->data + off, n))
		return -EFAULT;
	return (long)n;
}

int64_t textfile_seek(file_t *f, int64_t offset, int whence)
{
	textbuf_t *b = f->handle;
	uint64_t flags = spin_lock_irqsave(&f->lock);
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->offset : (int64_t)b->len;
	int64_t pos = base + offset;

	if (pos >= 0)
		f->offset = pos;
	spin_unlock_irqrestore(&f->lock, flags);
	return pos >= 0 ? pos : -EINVAL;
}

int textfile_fstat(file_t *f, abi_stat_t *st)
{
	textbuf_t *b = f->handle;

	st->mode = ABI_S_IFREG | 0444;
	st->nlink = 1;
	st->size = (int64_t)b->len;
	return 0;
}

void textfile_close(file_t *f)
{
	textbuf_t *b = f->handle;

	kfree(b->data);
	kfree(b);
}
