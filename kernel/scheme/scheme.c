// SPDX-License-Identifier: MIT
/*
 * The scheme registry and the generic half of every file operation. A URL
 * is "name:path"; the name picks the scheme, which must also be in the
 * caller's namespace (a bit per scheme id), or it does not exist for that
 * process (ENOENT). Access modes are checked here once, so schemes see
 * only reads on readable files and writes on writable ones.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/event.h>
#include <lib/fmt.h>
#include <mm.h>
#include <proc.h>
#include <string.h>

#define SCHEMES_MAX 64

static spinlock_t scheme_lock = SPINLOCK_INIT;
static scheme_t *schemes[SCHEMES_MAX];          /* guarded by scheme_lock */

int scheme_register(const char *name, const scheme_ops_t *ops, void *priv)
{
	scheme_t *s = kzalloc(sizeof(*s));
	int id = -ENOSPC;

	if (!s)
		return -ENOMEM;
	if (!*name || strlen(name) >= SCHEME_NAME_MAX || strchr(name, ':')) {
		kfree(s);
		return -EINVAL;
	}
	fmt_snprintf(s->name, sizeof(s->name), "%s", name);
	s->ops = ops;
	s->priv = priv;
	uint64_t flags = spin_lock_irqsave(&scheme_lock);
	for (int i = 0; i < SCHEMES_MAX; i++)
		if (schemes[i] && strcmp(schemes[i]->name, name) == 0)
			id = -EEXIST;
	for (int i = 0; i < SCHEMES_MAX && id == -ENOSPC; i++)
		if (!schemes[i]) {
			s->id = id = i;
			schemes[i] = s;
		}
	spin_unlock_irqrestore(&scheme_lock, flags);
	if (id < 0)
		kfree(s);
	return id;
}

scheme_t *scheme_lookup(const char *name)
{
	scheme_t *found = NULL;
	uint64_t flags = spin_lock_irqsave(&scheme_lock);

	for (int i = 0; i < SCHEMES_MAX && !found; i++)
		if (schemes[i] && strcmp(schemes[i]->name, name) == 0)
			found = schemes[i];
	spin_unlock_irqrestore(&scheme_lock, flags);
	return found;
}

const char *scheme_name(int id)
{
	return id >= 0 && id < SCHEMES_MAX && schemes[id] ? schemes[id]->name : NULL;
}

static bool scheme_visible(const scheme_t *s)
{
	process_t *p = proc_current();

	return !p || (p->ns_mask & (1ull << s->id));
}

int file_open(const char *url, int flags, file_t **out)
{
	const char *colon = strchr(url, ':');
	char name[SCHEME_NAME_MAX];
	size_t len = colon ? (size_t)(colon - url) : 0;

	if (!colon || !len || len >= sizeof(name))
		return -ENOENT;
	memcpy(name, url, len);
	name[len] = '\0';
	scheme_t *s = scheme_lookup(name);
	if (!s || !scheme_visible(s))
		return -ENOENT;
	file_t *f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->refs = 1;
	f->scheme = s;
	f->flags = flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
	fmt_snprintf(f->path, sizeof(f->path), "%s", url);
	int err = s->ops->open ? s->ops->open(s, colon + 1, f) : -EOPNOTSUPP;
	if (err) {
		kfree(f);
		return err;
	}
	*out = f;
	return 0;
}

void file_get(file_t *f)
{
	__atomic_fetch_add(&f->refs, 1, __ATOMIC_ACQ_REL);
}

void file_put(file_t *f)
{
	if (__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (f->scheme->ops->close)
		f->scheme->ops->close(f);
	kfree(f);
}

static bool file_readable(const file_t *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY;
}

static bool file_writable(const file_t *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY;
}

long file_read(file_t *f, uptr_t buf, size_t len)
{
	if (!file_readable(f))
		return -EBADF;
	return f->scheme->ops->read ? f->scheme->ops->read(f, buf, len) : -EOPNOTSUPP;
}

long file_write(file_t *f, uptr_t buf, size_t len)
{
	if (!file_writable(f))
		return -EBADF;
	return f->scheme->ops->write ? f->scheme->ops->write(f, buf, len) : -EOPNOTSUPP;
}

int64_t file_seek(file_t *f, int64_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	return f->scheme->ops->seek ? f->scheme->ops->seek(f, offset, whence) : -ESPIPE;
}

int file_stat(file_t *f, abi_stat_t *st)
{
	memset(st, 0, sizeof(*st));
	return f->scheme->ops->fstat ? f->scheme->ops->fstat(f, st) : -EOPNOTSUPP;
}

unsigned file_poll(file_t *f)
{
	return f->scheme->ops->poll ? f->scheme->ops->poll(f) : EVENT_READ | EVENT_WRITE;
}
