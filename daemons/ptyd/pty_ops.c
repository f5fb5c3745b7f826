// SPDX-License-Identifier: MIT
/*
 * The pty: scheme's operations: names to handles (open, dup), closing,
 * and the calls on a handle sent to what its kind does (pty.h lists the
 * names; pty_io.c and pty_ctl.c do the work).
 *
 * Closing is where pairs change most: the master's last handle hangs the
 * pair up (pty_hangup), the slave's last lets its session go and may make
 * the master read EIO, and the last handle of all frees the pair.
 *
 * Permissions: a pair belongs to whoever opened its master; its slave
 * (mode 0620, as Linux's grantpt leaves it) opens for that user and root.
 */
#include "pty.h"

#include <abi/event.h>
#include <abi/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PTY_MASTER_PREFIX "master/"

static pty_state_t *pty_st(void *st)
{
	return st;
}

/* A new handle of kind on p, with its readiness for the kernel; the handle or -ENOMEM. */
static long pty_handle_open(pty_state_t *st, scheme_call_t *c, pty_pair_t *p, pty_kind_t kind,
			    bool master_side)
{
	pty_handle_t *h = pty_handle_new(st, p, kind);

	if (!h)
		return -ENOMEM;
	h->master_side = master_side;
	h->events = p ? pty_handle_events(h) : EVENT_READ | EVENT_WRITE;
	c->events = h->events;
	return (long)h->id;
}

static long pty_open_master(pty_state_t *st, scheme_call_t *c, const char *name, int flags)
{
	long err;
	pty_pair_t *p;

	if (name && !(flags & O_CREAT))
		return pty_pair_find(st, name) ? -EEXIST : -ENOENT;
	/* Named terminals are the consoles, on which getty starts root
	 * shells: only root may create one. */
	if (name && c->uid != 0)
		return -EACCES;
	p = pty_pair_create(st, name, c, &err);
	if (!p)
		return err;
	long h = pty_handle_open(st, c, p, PTY_MASTER, true);
	if (h < 0)
		pty_pair_release(st, p);
	return h;
}

static long pty_open_slave(pty_state_t *st, scheme_call_t *c, const char *name, int flags)
{
	pty_pair_t *p = pty_pair_find(st, name);

	if (!p)
		return -ENOENT;
	if (c->uid != 0 && c->uid != p->uid)
		return -EACCES;
	long h = pty_handle_open(st, c, p, PTY_SLAVE, false);
	if (h < 0)
		return h;
	p->slave_opened = true;
	if (!(flags & O_NOCTTY))
		pty_ctty_on_open(st, p, c);
	pty_pair_kick(st, p);   /* the master no longer reads EIO */
	return h;
}

static long pty_open(void *state, scheme_call_t *c, const char *path, int flags)
{
	pty_state_t *st = pty_st(state);

	if (path[0] == '\0') {
		if ((flags & O_ACCMODE) != O_RDONLY)
			return -EISDIR;
		return pty_handle_open(st, c, NULL, PTY_DIR, false);
	}
	if ((flags & O_DIRECTORY))
		return -ENOTDIR;
	if (strcmp(path, "master") == 0)
		return pty_open_master(st, c, NULL, flags);
	if (strcmp(path, "tty") == 0) {
		/* The caller's controlling terminal (/dev/tty in libc). */
		pty_pair_t *ctty = pty_session_tty(st, c->sid);
		return ctty ? pty_open_slave(st, c, ctty->name, flags | O_NOCTTY) : -ENXIO;
	}
	if (strncmp(path, PTY_MASTER_PREFIX, strlen(PTY_MASTER_PREFIX)) == 0)
		return pty_open_master(st, c, path + strlen(PTY_MASTER_PREFIX), flags);
	return pty_open_slave(st, c, path, flags);
}

static long pty_dup(void *state, scheme_call_t *c, uint64_t id, const char *path)
{
	pty_state_t *st = pty_st(state);
	pty_handle_t *h = pty_handle_find(st, id);

	if (!h)
		return -EBADF;
	bool pair_side = h->kind == PTY_MASTER || h->kind == PTY_SLAVE || h->kind == PTY_CONTROL;
	if (path[0] == '\0')
		return pty_handle_open(st, c, h->pair, h->kind, h->master_side);
	if (strcmp(path, "termios") == 0 && pair_side)
		return pty_handle_open(st, c, h->pair, PTY_CONTROL, h->master_side);
	if (strcmp(path, "name") == 0 && h->kind == PTY_MASTER)
		return pty_handle_open(st, c, h->pair, PTY_NAME, true);
	return -ENOENT;
}

static void pty_close(void *state, scheme_call_t *c, uint64_t id)
{
	pty_state_t *st = pty_st(state);
	pty_handle_t *h = pty_handle_find(st, id);

	(void)c;
	if (!h)
		return;
	pty_pair_t *p = h->pair;
	pty_kind_t kind = h->kind;
	pty_handle_free(st, h);
	if (!p || pty_pair_release(st, p))
		return;
	if (kind == PTY_MASTER && p->masters == 0)
		pty_hangup(st, p);
	else if (kind == PTY_SLAVE && p->slaves == 0)
		pty_ctty_release(p);
	pty_pair_kick(st, p);
}

/* NAME: "pty:NAME", from the handle's offset. */
static long pty_name_read(pty_handle_t *h, void *buf, size_t len)
{
	char path[PTY_NAME_MAX + 8];
	size_t n = (size_t)snprintf(path, sizeof(path), "pty:%s", h->pair->name);

	if (h->offset >= n)
		return 0;
	n -= h->offset;
	if (n > len)
		n = len;
	memcpy(buf, path + h->offset, n);
	h->offset += n;
	return (long)n;
}

static long pty_read(void *state, scheme_call_t *c, uint64_t id, void *buf, size_t len)
{
	pty_state_t *st = pty_st(state);
	pty_handle_t *h = pty_handle_find(st, id);

	if (!h)
		return -EBADF;
	switch (h->kind) {
	case PTY_MASTER:
		return pty_master_read(st, c, h, buf, len);
	case PTY_SLAVE:
		return pty_slave_read(st, c, h, buf, len);
	case PTY_CONTROL:
		return pty_control_read(st, c, h, buf, len);
	case PTY_NAME:
		return pty_name_read(h, buf, len);
	default:
		return -EISDIR;
	}
}

static long pty_write(void *state, scheme_call_t *c, uint64_t id, const void *buf, size_t len)
{
	pty_state_t *st = pty_st(state);
	pty_handle_t *h = pty_handle_find(st, id);

	if (!h)
		return -EBADF;
	switch (h->kind) {
	case PTY_MASTER:
		return pty_master_write(st, c, h, buf, len);
	case PTY_SLAVE:
		return pty_slave_write(st, c, h, buf, len);
	case PTY_CONTROL:
		return pty_control_write(st, c, h, buf, len);
	default:
		return -EBADF;
	}
}

static long pty_fstat(void *state, scheme_call_t *c, uint64_t id, abi_stat_t *out)
{
	pty_handle_t *h = pty_handle_find(pty_st(state), id);
	const pty_pair_t *p;

	(void)c;
	if (!h)
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->nlink = 1;
	out->blksize = 1024;
	if (!(p = h->pair)) {
		out->mode = ABI_S_IFDIR | 0755;
		out->ino = 1;
		return 0;
	}
	out->uid = p->uid;
	out->gid = p->gid;
	/* Linux's numbers: slaves are major 136, the master is /dev/ptmx (5, 2). */
	if (h->master_side) {
		out->mode = ABI_S_IFCHR | 0666;
		out->rdev = (5 << 8) | 2;
		out->ino = p->id * 2;
	} else {
		out->mode = ABI_S_IFCHR | 0620;
		out->rdev = (136u << 8) | (unsigned)(p->id & 0xff);
		out->ino = p->id * 2 + 1;
	}
	return 0;
}

/* Appends one listing record for p at buf + *used; false if it does not fit. */
static bool pty_dirent_put(char *buf, size_t len, size_t *used, const pty_pair_t *p)
{
	size_t head = offsetof(abi_dirent_t, name), nlen = strlen(p->name) + 1;
	size_t rec = (head + nlen + 7) & ~(size_t)7;
	uint64_t ino = p->id * 2 + 1;
	uint16_t reclen = (uint16_t)rec;
	uint8_t type = ABI_DT_CHR;
	char *d = buf + *used;

	if (rec > len - *used)
		return false;
	memset(d, 0, rec);
	memcpy(d + offsetof(abi_dirent_t, ino), &ino, sizeof(ino));
	memcpy(d + offsetof(abi_dirent_t, reclen), &reclen, sizeof(reclen));
	memcpy(d + offsetof(abi_dirent_t, type), &type, sizeof(type));
	memcpy(d + head, p->name, nlen);
	*used += rec;
	return true;
}

/* The listing: one character device per attached pair, resumed after the last id listed. */
static long pty_getdents(void *state, scheme_call_t *c, uint64_t id, void *buf, size_t len)
{
	pty_state_t *st = pty_st(state);
	pty_handle_t *h = pty_handle_find(st, id);
	size_t used = 0;

	(void)c;
	if (!h)
		return -EBADF;
	if (h->kind != PTY_DIR)
		return -ENOTDIR;
	for (pty_pair_t *p = st->pairs; p; p = p->next) {
		if (p->id <= h->offset || !p->attached)
			continue;
		if (!pty_dirent_put(buf, len, &used, p))
			return used ? (long)used : -EINVAL;
		h->offset = p->id;
	}
	return (long)used;
}

static void pty_cancel(void *state, uint64_t tag)
{
	pty_state_t *st = pty_st(state);

	for (pty_pair_t *p = st->pairs; p; p = p->next)
		for (int k = 0; k < PTY_W_KINDS; k++)
			for (pty_wait_t **pp = &p->waits[k]; *pp; pp = &(*pp)->next)
				if ((*pp)->tag == tag) {
					pty_wait_t *w = *pp;
					*pp = w->next;
					free(w);
					pty_pair_kick(st, p);   /* a write behind it may go on */
					return;
				}
}

const scheme_ops_t pty_ops = {
	.open = pty_open,
	.dup = pty_dup,
	.close = pty_close,
	.read = pty_read,
	.write = pty_write,
	.fstat = pty_fstat,
	.getdents = pty_getdents,
	.cancel = pty_cancel,
};
