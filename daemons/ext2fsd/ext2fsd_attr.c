// SPDX-License-Identifier: MIT
/*
 * Status and attributes through open handles: fstat, fstatvfs, fsync,
 * ftruncate, fchmod, fchown, futimens, and the time stamps — ramfsd's
 * POSIX rules (daemons/ramfsd/ramfs_attr.c): only the owner or root
 * changes the mode, only root gives a file away (the owner may change its
 * group to its own), an unprivileged chown or write clears set-user-ID
 * and set-group-ID, futimens to "now" needs ownership or write
 * permission and any other time ownership; atime follows relatime.
 *
 * Every change is copied into the inode's block at once (the block cache
 * writes it back). fsync writes back the whole file system and flushes
 * the device: simpler than tracking which blocks belong to which file,
 * and with one daemon thread no slower in the cases that matter.
 */
#include "ext2fsd_int.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

#define EXT2FSD_S_ISUID 04000
#define EXT2FSD_S_ISGID 02000
#define EXT2FSD_NS      1000000000LL
#define EXT2FSD_DAY_NS  (86400LL * EXT2FSD_NS)
#define EXT2FSD_ST_RDONLY 1

void ext2fsd_accessed(ext2fsd_t *d, ext2_inode_t *ip)
{
	int64_t now = ext2_now(d->fs), at = ext2_inode_time(ip, EXT2_ATIME);

	if (ext2_read_only(d->fs))
		return;
	if (at > ext2_inode_time(ip, EXT2_MTIME) && at > ext2_inode_time(ip, EXT2_CTIME) &&
	    now - at < EXT2FSD_DAY_NS)
		return;
	ext2_inode_time_set(ip, EXT2_ATIME, now);
	ext2_inode_dirty(d->fs, ip);
}

void ext2fsd_modified(ext2fsd_t *d, ext2_inode_t *ip, const ext2fsd_cred_t *cr)
{
	ext2_inode_touch(d->fs, ip, (1u << EXT2_MTIME) | (1u << EXT2_CTIME));
	if (cr->uid != 0)
		ip->d->i_mode &= (uint16_t)~(EXT2FSD_S_ISUID | EXT2FSD_S_ISGID);
	ext2_inode_dirty(d->fs, ip);
}

long ext2fsd_op_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2_inode_t *ip;

	(void)c;
	if (!f)
		return -EBADF;
	ip = f->ip;
	memset(out, 0, sizeof(*out));
	out->dev = d->dev;
	out->ino = ip->ino;
	out->mode = ext2_inode_mode(ip);
	out->nlink = ip->d->i_links_count;
	out->uid = ext2_inode_uid(ip);
	out->gid = ext2_inode_gid(ip);
	out->size = (int64_t)ext2_inode_size(ip);
	out->blksize = ext2_block_size(d->fs);
	out->blocks = (int64_t)ext2_inode_sectors(ip);
	out->atime_ns = ext2_inode_time(ip, EXT2_ATIME);
	out->mtime_ns = ext2_inode_time(ip, EXT2_MTIME);
	out->ctime_ns = ext2_inode_time(ip, EXT2_CTIME);
	return 0;
}

long ext2fsd_op_fstatvfs(void *st, scheme_call_t *c, uint64_t h, abi_statvfs_t *out)
{
	ext2fsd_t *d = st;
	ext2_statfs_t s;

	(void)c;
	if (!ext2fsd_file_get(d, h))
		return -EBADF;
	ext2_statfs(d->fs, &s);
	memset(out, 0, sizeof(*out));
	out->bsize = out->frsize = s.bsize;
	out->blocks = s.blocks;
	out->bfree = s.bfree;
	out->bavail = s.bavail;
	out->files = s.files;
	out->ffree = out->favail = s.ffree;
	out->fsid = s.fsid;
	out->flag = ext2_read_only(d->fs) ? EXT2FSD_ST_RDONLY : 0;
	out->namemax = EXT2_NAME_LEN;
	return 0;
}

long ext2fsd_op_fsync(void *st, scheme_call_t *c, uint64_t h)
{
	ext2fsd_t *d = st;

	(void)c;
	if (!ext2fsd_file_get(d, h))
		return -EBADF;
	return ext2_sync(d->fs);
}

long ext2fsd_op_ftruncate(void *st, scheme_call_t *c, uint64_t h, uint64_t len)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	long err;

	if (!f || (f->flags & ABI_O_PATH))
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_RDONLY || !ext2_inode_is_reg(f->ip) || (int64_t)len < 0)
		return -EINVAL;
	if ((err = ext2_file_truncate(d->fs, f->ip, len)) < 0)
		return err;
	ext2fsd_modified(d, f->ip, &cr);
	return 0;
}

/* A changed attribute: ctime, and the inode written. */
static long ext2fsd_changed(ext2fsd_t *d, ext2_inode_t *ip)
{
	ext2_inode_touch(d->fs, ip, 1u << EXT2_CTIME);
	return ext2_inode_dirty(d->fs, ip);
}

long ext2fsd_op_fchmod(void *st, scheme_call_t *c, uint64_t h, unsigned mode)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	ext2_inode_t *ip;

	if (!f)
		return -EBADF;
	ip = f->ip;
	if (!ext2fsd_owner(ip, &cr))
		return -EPERM;
	if (ext2_inode_is_link(ip))
		return -EOPNOTSUPP;     /* a link's mode means nothing (as on Linux) */
	if (ext2_read_only(d->fs))
		return -EROFS;
	mode &= 07777;
	if (cr.uid != 0 && cr.gid != ext2_inode_gid(ip) && !ext2_inode_is_dir(ip))
		mode &= ~(unsigned)EXT2FSD_S_ISGID;
	ip->d->i_mode = (uint16_t)((ext2_inode_mode(ip) & 0170000) | mode);
	return ext2fsd_changed(d, ip);
}

long ext2fsd_op_fchown(void *st, scheme_call_t *c, uint64_t h, unsigned uid, unsigned gid)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	ext2_inode_t *ip;

	if (!f)
		return -EBADF;
	ip = f->ip;
	if (uid == (unsigned)-1)
		uid = ext2_inode_uid(ip);
	if (gid == (unsigned)-1)
		gid = ext2_inode_gid(ip);
	if (cr.uid != 0 && (cr.uid != ext2_inode_uid(ip) || uid != ext2_inode_uid(ip) ||
			    (gid != ext2_inode_gid(ip) && gid != cr.gid)))
		return -EPERM;
	if (ext2_read_only(d->fs))
		return -EROFS;
	if (cr.uid != 0 && ext2_inode_is_reg(ip))
		ip->d->i_mode &= (uint16_t)~(EXT2FSD_S_ISUID | EXT2FSD_S_ISGID);
	ext2_inode_owner_set(ip, uid, gid);
	return ext2fsd_changed(d, ip);
}

static bool ext2fsd_time_valid(const abi_file_timespec_t *t)
{
	return t->nsec == ABI_UTIME_NOW || t->nsec == ABI_UTIME_OMIT ||
	       (t->nsec >= 0 && t->nsec < EXT2FSD_NS);
}

/* Sets one stamp from t (UTIME_NOW, UTIME_OMIT or a time). */
static void ext2fsd_time_apply(ext2_inode_t *ip, int which, const abi_file_timespec_t *t,
			       int64_t now)
{
	int64_t ns;

	if (t->nsec == ABI_UTIME_OMIT)
		return;
	if (t->nsec == ABI_UTIME_NOW)
		ns = now;
	else if (__builtin_mul_overflow(t->sec, EXT2FSD_NS, &ns) ||
		 __builtin_add_overflow(ns, t->nsec, &ns))
		ns = t->sec < 0 ? INT64_MIN : INT64_MAX;
	ext2_inode_time_set(ip, which, ns);
}

long ext2fsd_op_futimens(void *st, scheme_call_t *c, uint64_t h, const void *arg)
{
	ext2fsd_t *d = st;
	ext2fsd_file_t *f = ext2fsd_file_get(d, h);
	ext2fsd_cred_t cr = ext2fsd_cred(c);
	abi_file_timespec_t times[2];
	bool explicit = false;

	if (!f)
		return -EBADF;
	if (!arg)
		return -EINVAL;
	memcpy(times, arg, sizeof(times));
	if (!ext2fsd_time_valid(&times[0]) || !ext2fsd_time_valid(&times[1]))
		return -EINVAL;
	for (int i = 0; i < 2; i++)
		explicit |= times[i].nsec != ABI_UTIME_NOW && times[i].nsec != ABI_UTIME_OMIT;
	if (times[0].nsec == ABI_UTIME_OMIT && times[1].nsec == ABI_UTIME_OMIT)
		return 0;
	if (!ext2fsd_owner(f->ip, &cr)) {
		if (explicit)
			return -EPERM;
		if (ext2fsd_access(f->ip, &cr, EXT2FSD_MAY_WRITE) < 0)
			return -EACCES;
	}
	if (ext2_read_only(d->fs))
		return -EROFS;
	int64_t now = ext2_now(d->fs);
	ext2fsd_time_apply(f->ip, EXT2_ATIME, &times[0], now);
	ext2fsd_time_apply(f->ip, EXT2_MTIME, &times[1], now);
	return ext2fsd_changed(d, f->ip);
}
