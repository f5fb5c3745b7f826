// SPDX-License-Identifier: MIT
/*
 * libscheme's pure half: decoding a request, calling the daemon's
 * operation, and the outbox of answers. No system calls, so it builds
 * and runs on the host with the daemon logic under test.
 *
 * Paths arrive as the request buffer: the kernel copied them there with
 * their NUL, but a daemon must not trust that, so a buffer without a NUL
 * inside `len` is EINVAL.
 */
#include "libscheme.h"

#include <errno.h>
#include <string.h>

void scheme_server_init(scheme_server_t *s, const scheme_ops_t *ops, void *state)
{
	memset(s, 0, sizeof(*s));
	s->fd = -1;
	s->ops = ops;
	s->state = state;
}

static int scheme_outbox_put(scheme_server_t *s, const abi_scheme_response_t *r)
{
	if (s->outbox_count == SCHEME_OUTBOX_MAX && (!s->flush || s->flush(s) < 0 ||
						     s->outbox_count == SCHEME_OUTBOX_MAX))
		return -ENOSPC;
	s->outbox[s->outbox_count++] = *r;
	return 0;
}

int scheme_respond(scheme_server_t *s, uint64_t tag, long result)
{
	abi_scheme_response_t r = { .tag = tag, .result = result, .kind = SCHEME_RESP_DONE };

	return scheme_outbox_put(s, &r);
}

int scheme_notify(scheme_server_t *s, uint64_t h, unsigned events)
{
	abi_scheme_response_t r = { .handle = h, .kind = SCHEME_RESP_EVENT, .events = events };

	return scheme_outbox_put(s, &r);
}

unsigned scheme_outbox_take(scheme_server_t *s, abi_scheme_response_t *out, unsigned max)
{
	unsigned n = s->outbox_count < max ? s->outbox_count : max;

	memcpy(out, s->outbox, n * sizeof(*out));
	memmove(s->outbox, s->outbox + n, (s->outbox_count - n) * sizeof(*out));
	s->outbox_count -= n;
	return n;
}

/* The request's buffer as a path: NUL-terminated within len. */
static const char *scheme_req_path(const abi_scheme_request_t *req)
{
	const char *p = (const char *)(uintptr_t)req->buf;

	if (!p || !req->len || !memchr(p, '\0', req->len))
		return NULL;
	return p;
}

static long scheme_dispatch_path(scheme_server_t *s, scheme_call_t *c,
				 const abi_scheme_request_t *req)
{
	const scheme_ops_t *o = s->ops;
	const char *path = scheme_req_path(req);
	const char *to;

	if (!path)
		return -EINVAL;
	switch (req->opcode) {
	case SCHEME_OP_OPEN:
		return o->open ? o->open(s->state, c, path, (int)req->arg[0]) : -EOPNOTSUPP;
	case SCHEME_OP_DUP:
		return o->dup ? o->dup(s->state, c, req->handle, path) : -EOPNOTSUPP;
	case SCHEME_OP_UNLINK:
		return o->unlink ? o->unlink(s->state, c, path) : -EOPNOTSUPP;
	case SCHEME_OP_RMDIR:
		return o->rmdir ? o->rmdir(s->state, c, path) : -EOPNOTSUPP;
	case SCHEME_OP_RENAME:
	case SCHEME_OP_LINK:
	case SCHEME_OP_SYMLINK:
		to = path + strlen(path) + 1;
		if ((uint64_t)(to - path) >= req->len ||
		    !memchr(to, '\0', req->len - (uint64_t)(to - path)))
			return -EINVAL;
		if (req->opcode == SCHEME_OP_LINK)
			return o->link ? o->link(s->state, c, path, to) : -EOPNOTSUPP;
		if (req->opcode == SCHEME_OP_SYMLINK)
			return o->symlink ? o->symlink(s->state, c, path, to) : -EOPNOTSUPP;
		return o->rename ? o->rename(s->state, c, path, to) : -EOPNOTSUPP;
	}
	return -EOPNOTSUPP;
}

/* A request whose buffer must hold at least `size` bytes. */
#define SCHEME_NEED(req, size) ((req)->buf && (req)->len >= (size))

static long scheme_dispatch_handle(scheme_server_t *s, scheme_call_t *c,
				   const abi_scheme_request_t *req)
{
	const scheme_ops_t *o = s->ops;
	void *st = s->state, *buf = (void *)(uintptr_t)req->buf;
	uint64_t h = req->handle;

	switch (req->opcode) {
	case SCHEME_OP_READ:
		return o->read ? o->read(st, c, h, buf, req->len) : -EOPNOTSUPP;
	case SCHEME_OP_WRITE:
		return o->write ? o->write(st, c, h, buf, req->len) : -EOPNOTSUPP;
	case SCHEME_OP_SEEK:
		return o->seek ? o->seek(st, c, h, (int64_t)req->arg[0], (int)req->arg[1])
			       : -ESPIPE;
	case SCHEME_OP_FSTAT:
		if (!SCHEME_NEED(req, sizeof(abi_stat_t)))
			return -EINVAL;
		return o->fstat ? o->fstat(st, c, h, buf) : -EOPNOTSUPP;
	case SCHEME_OP_FSTATVFS:
		if (!SCHEME_NEED(req, sizeof(abi_statvfs_t)))
			return -EINVAL;
		return o->fstatvfs ? o->fstatvfs(st, c, h, buf) : -EOPNOTSUPP;
	case SCHEME_OP_FSYNC:
		return o->fsync ? o->fsync(st, c, h) : -EOPNOTSUPP;
	case SCHEME_OP_FTRUNCATE:
		return o->ftruncate ? o->ftruncate(st, c, h, req->arg[0]) : -EOPNOTSUPP;
	case SCHEME_OP_FCHMOD:
		return o->fchmod ? o->fchmod(st, c, h, (unsigned)req->arg[0]) : -EOPNOTSUPP;
	case SCHEME_OP_FCHOWN:
		return o->fchown ? o->fchown(st, c, h, (unsigned)req->arg[0],
					     (unsigned)req->arg[1])
				 : -EOPNOTSUPP;
	case SCHEME_OP_GETDENTS:
		return o->getdents ? o->getdents(st, c, h, buf, req->len) : -EOPNOTSUPP;
	case SCHEME_OP_FUTIMENS:
		if (!SCHEME_NEED(req, 2 * 16))    /* two abi_timespec_t */
			return -EINVAL;
		return o->futimens ? o->futimens(st, c, h, buf) : -EOPNOTSUPP;
	case SCHEME_OP_FEVENT:
		return o->fevent ? o->fevent(st, c, h, (unsigned)req->arg[0]) : -EOPNOTSUPP;
	case SCHEME_OP_MMAP:
		return o->mmap ? o->mmap(st, c, h, req->arg[0], req->len, (int)req->arg[1])
			       : -EOPNOTSUPP;
	}
	return -EOPNOTSUPP;
}

void scheme_dispatch(scheme_server_t *s, const abi_scheme_request_t *req)
{
	scheme_call_t c = {
		.tag = req->tag, .pid = req->pid, .uid = req->uid, .gid = req->gid,
		.pgid = req->pgid, .sid = req->sid,
		.file_flags = (unsigned)req->arg[1],
		.mode = req->opcode == SCHEME_OP_OPEN ? (unsigned)req->arg[1] : 0,
	};
	long result;

	s->served++;
	switch (req->opcode) {
	case SCHEME_OP_CLOSE:
		if (s->ops->close)
			s->ops->close(s->state, &c, req->handle);
		return;
	case SCHEME_OP_CANCEL:
		if (s->ops->cancel)
			s->ops->cancel(s->state, req->arg[0]);
		return;
	case SCHEME_OP_OPEN:
	case SCHEME_OP_DUP:
	case SCHEME_OP_UNLINK:
	case SCHEME_OP_RMDIR:
	case SCHEME_OP_RENAME:
	case SCHEME_OP_LINK:
	case SCHEME_OP_SYMLINK:
		result = scheme_dispatch_path(s, &c, req);
		break;
	default:
		result = scheme_dispatch_handle(s, &c, req);
		break;
	}
	if (result == SCHEME_PENDING)
		return;
	abi_scheme_response_t r = {
		.tag = req->tag, .result = result, .kind = SCHEME_RESP_DONE, .events = c.events,
	};
	scheme_outbox_put(s, &r);
}
