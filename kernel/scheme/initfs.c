// SPDX-License-Identifier: MIT
/*
 * initfs: — the boot archive, read-only. `initfs:` is the whole image, as
 * GRUB loaded it: the RAM file system daemon reads it once and builds
 * `file:` from it (lib/initfs.c parses it there too). `initfs:/PATH` is
 * one regular file of it, which is how init runs the daemons that must
 * exist before `file:` does (ramfsd itself among them).
 *
 * Only root may open it: the archive's permission bits are enforced by
 * ramfsd, which serves the same files to everyone else.
 *
 * The image never changes or goes away, so a handle is just a window
 * (data, size) onto it plus the entry's mode, and reads copy straight
 * from the module's memory. Writes, and opens for writing, are EROFS.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/fcntl.h>
#include <abi/stat.h>
#include <initfs_boot.h>
#include <mm.h>
#include <proc.h>
#include <uaccess.h>

typedef struct initfs_handle {
	const uint8_t *data;
	uint64_t size;
	uint32_t mode, uid, gid, index;
	uint64_t mtime;
} initfs_handle_t;

static int initfs_open_entry(const char *path, initfs_handle_t *h)
{
	initfs_entry_t e;
	int err = initfs_boot_entry(path, &e);

	if (err)
		return err;
	if ((e.mode & ABI_S_IFMT) == ABI_S_IFDIR)
		return -EISDIR;
	if ((e.mode & ABI_S_IFMT) != ABI_S_IFREG)
		return -ENOENT;         /* symlinks are for ramfsd to resolve */
	*h = (initfs_handle_t){ e.data, e.size, e.mode, e.uid, e.gid, e.index, e.mtime };
	return 0;
}

static int initfs_scheme_open(scheme_t *s, const char *path, file_t *f)
{
	initfs_handle_t h;
	int err;

	(void)s;
	/* The archive's modes are ramfsd's to enforce; here only root reads. */
	if (proc_current()->uid != 0)
		return -EACCES;
	if ((f->flags & O_ACCMODE) != O_RDONLY || (f->open_flags & (O_CREAT | O_TRUNC)))
		return -EROFS;
	if (*path) {
		err = initfs_open_entry(path, &h);
	} else {
		h = (initfs_handle_t){ .mode = ABI_S_IFREG | 0444, .index = INITFS_ROOT_INDEX };
		err = initfs_boot_image(&h.data, &h.size);
	}
	if (err)
		return err;
	initfs_handle_t *owned = kmalloc(sizeof *owned);
	if (!owned)
		return -ENOMEM;
	*owned = h;
	f->handle = owned;
	return 0;
}

static void initfs_scheme_close(file_t *f)
{
	kfree(f->handle);
}

static long initfs_scheme_read(file_t *f, uptr_t buf, size_t len)
{
	const initfs_handle_t *h = f->handle;
	uint64_t flags = spin_lock_irqsave(&f->lock);
	uint64_t off = (uint64_t)f->offset;
	size_t n = off < h->size ? (size_t)(h->size - off) : 0;

	if (n > len)
		n = len;
	f->offset += (int64_t)n;
	spin_unlock_irqrestore(&f->lock, flags);
	if (n && copy_to_user(buf, h->data + off, n))
		return -EFAULT;
	return (long)n;
}

static int64_t initfs_scheme_seek(file_t *f, int64_t offset, int whence)
{
	const initfs_handle_t *h = f->handle;
	uint64_t flags = spin_lock_irqsave(&f->lock);
	int64_t base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? f->offset : (int64_t)h->size;
	int64_t pos;

	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		pos = -1;
	else if (__builtin_add_overflow(base, offset, &pos))
		pos = -1;
	if (pos >= 0)
		f->offset = pos;
	spin_unlock_irqrestore(&f->lock, flags);
	return pos >= 0 ? pos : -EINVAL;
}

static int initfs_scheme_fstat(file_t *f, abi_stat_t *st)
{
	const initfs_handle_t *h = f->handle;
	int64_t mtime_ns = (int64_t)h->mtime * 1000000000;

	st->ino = h->index == INITFS_ROOT_INDEX ? 1 : (uint64_t)h->index + 2;
	st->mode = h->mode;
	st->nlink = 1;
	st->uid = h->uid;
	st->gid = h->gid;
	st->size = (int64_t)h->size;
	st->blksize = 4096;
	st->blocks = (int64_t)((h->size + 511) / 512);
	st->atime_ns = st->mtime_ns = st->ctime_ns = mtime_ns;
	return 0;
}

static const scheme_ops_t initfs_ops = {
	.open = initfs_scheme_open, .close = initfs_scheme_close, .read = initfs_scheme_read,
	.seek = initfs_scheme_seek, .fstat = initfs_scheme_fstat,
};

void scheme_initfs_init(void)
{
	scheme_register("initfs", &initfs_ops, NULL);
}
