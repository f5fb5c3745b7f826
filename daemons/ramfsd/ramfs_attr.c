// SPDX-License-Identifier: MIT
/*
 * Status and attributes through open handles: fstat, fstatvfs, fsync,
 * ftruncate, fchmod, fchown, futimens, and the time stamps.
 *
 * The rules are POSIX's: only the owner (or root) changes the mode; only
 * root gives a file away, while the owner may set its group to its own
 * (_POSIX_CHOWN_RESTRICTED); an unprivileged chown or write clears the
 * set-user-ID and set-group-ID bits, and an unprivileged chmod of a file
 * whose group is not the caller's drops set-group-ID. futimens to "now"
 * needs ownership or write permission, any other time ownership.
 *
 * atime follows Linux's relatime: a read updates it only when it is not
 * newer than mtime and ctime, or more than a day old, so "has this been
 * read since it was written" still works while repeated reads leave it.
 * Times are kept as nanoseconds since the epoch (int64_t: until 2262);
 * futimens saturates times beyond that.
 */
#include "ramfs_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#define RAMFS_S_ISUID 04000
#define RAMFS_S_ISGID 02000
#define RAMFS_DAY_NS  (86400LL * 1000000000LL)
#define RAMFS_NS      1000000000LL

void ramfs_node_accessed(ramfs_t *fs, ramfs_node_t *n)
{
	int64_t now = ramfs_now(fs);

	if (n->atime > n->mtime && n->atime > n->ctime && now - n->atime < RAMFS_DAY_NS)
		return;
	n->atime = now;
}

void ramfs_node_written(ramfs_t *fs, ramfs_node_t *n, const ramfs_cred_t *cr)
{
	(void)fs;
	if (cr->uid != 0)
		n->mode &= ~(uint32_t)(RAMFS_S_ISUID | RAMFS_S_ISGID);
}

long ramfs_op_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	ramfs_file_t *f = ramfs_file_get(st, h);

	(void)c;
	if (!f)
		return -EBADF;
	ramfs_node_stat(st, f->node, out);
	return 0;
}

long ramfs_op_fstatvfs(void *st, scheme_call_t *c, uint64_t h, abi_statvfs_t *out)
{
	ramfs_t *fs = st;

	(void)c;
	if (!ramfs_file_get(fs, h))
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->bsize = out->frsize = RAMFS_PAGE;
	out->blocks = fs->cfg.max_pages;
	out->bfree = out->bavail = fs->cfg.max_pages - fs->pages;
	out->files = fs->cfg.max_nodes;
	out->ffree = out->favail = fs->cfg.max_nodes - fs->nodes;
	out->fsid = fs->cfg.dev;
	out->namemax = RAMFS_NAME_MAX;
	return 0;
}

long ramfs_op_fsync(void *st, scheme_call_t *c, uint64_t h)
{
	(void)c;
	return ramfs_file_get(st, h) ? 0 : -EBADF;      /* nothing is slower than RAM */
}

long ramfs_op_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	long err;

	if (!f || (f->flags & RAMFS_O_PATH))
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_RDONLY || !ramfs_is_reg(f->node) || (int64_t)len < 0)
		return -EINVAL;
	if ((err = ramfs_data_truncate(fs, &f->node->data, len)) < 0)
		return err;
	ramfs_node_touch(fs, f->node);
	ramfs_node_written(fs, f->node, &cr);
	return 0;
}

long ramfs_op_fchmod(void *st, scheme_call_t *c, uint64_t h, unsigned mode)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	ramfs_node_t *n;

	if (!f)
		return -EBADF;
	n = f->node;
	if (!ramfs_node_owner(n, &cr))
		return -EPERM;
	if (ramfs_is_link(n))
		return -EOPNOTSUPP;     /* a link's mode means nothing (as on Linux) */
	mode &= 07777;
	if (cr.uid != 0 && cr.gid != n->gid && !ramfs_is_dir(n))
		mode &= ~(unsigned)RAMFS_S_ISGID;
	n->mode = (n->mode & ABI_S_IFMT) | mode;
	n->ctime = ramfs_now(fs);
	return 0;
}

long ramfs_op_fchown(void *st, scheme_call_t *c, uint64_t h, unsigned uid, unsigned gid)
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	ramfs_node_t *n;

	if (!f)
		return -EBADF;
	n = f->node;
	if (uid == (unsigned)-1)
		uid = n->uid;
	if (gid == (unsigned)-1)
		gid = n->gid;
	if (cr.uid != 0 && (cr.uid != n->uid || uid != n->uid || (gid != n->gid && gid != cr.gid)))
		return -EPERM;
	if (cr.uid != 0 && ramfs_is_reg(n))
		n->mode &= ~(uint32_t)(RAMFS_S_ISUID | RAMFS_S_ISGID);
	n->uid = uid;
	n->gid = gid;
	n->ctime = ramfs_now(fs);
	return 0;
}

static bool ramfs_time_valid(const ramfs_timespec_t *t)
{
	return t->nsec == RAMFS_UTIME_NOW || t->nsec == RAMFS_UTIME_OMIT ||
	       (t->nsec >= 0 && t->nsec < RAMFS_NS);
}

/* The new value of a time stamp: *stamp unchanged for UTIME_OMIT. */
static void ramfs_time_set(int64_t *stamp, const ramfs_timespec_t *t, int64_t now)
{
	if (t->nsec == RAMFS_UTIME_NOW)
		*stamp = now;
	else if (t->nsec != RAMFS_UTIME_OMIT &&
		 (__builtin_mul_overflow(t->sec, RAMFS_NS, stamp) ||
		  __builtin_add_overflow(*stamp, t->nsec, stamp)))
		*stamp = t->sec < 0 ? INT64_MIN : INT64_MAX;
}

long ramfs_futimens(void *st, scheme_call_t *c, uint64_t h, const ramfs_timespec_t times[2])
{
	ramfs_t *fs = st;
	ramfs_file_t *f = ramfs_file_get(fs, h);
	ramfs_cred_t cr = ramfs_cred(c);
	bool explicit = false, omit_both;
	int64_t now;

	if (!f)
		return -EBADF;
	if (!times || !ramfs_time_valid(&times[0]) || !ramfs_time_valid(&times[1]))
		return -EINVAL;
	for (int i = 0; i < 2; i++)
		explicit |= times[i].nsec != RAMFS_UTIME_NOW && times[i].nsec != RAMFS_UTIME_OMIT;
	omit_both = times[0].nsec == RAMFS_UTIME_OMIT && times[1].nsec == RAMFS_UTIME_OMIT;
	if (omit_both)
		return 0;
	if (!ramfs_node_owner(f->node, &cr)) {
		if (explicit)
			return -EPERM;
		if (ramfs_node_access(f->node, &cr, RAMFS_MAY_WRITE) < 0)
			return -EACCES;
	}
	now = ramfs_now(fs);
	ramfs_time_set(&f->node->atime, &times[0], now);
	ramfs_time_set(&f->node->mtime, &times[1], now);
	f->node->ctime = now;
	return 0;
}
