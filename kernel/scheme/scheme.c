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

/* The name each slot was last registered under ("" = never used). */
static char slot_names[SCHEMES_MAX][SCHEME_NAME_MAX];   /* guarded by scheme_lock */

static int scheme_pick_slot_locked(const char *name)
{
	int fresh = -1, any = -1;

	for (int i = 0; i < SCHEMES_MAX; i++) {
		if (schemes[i] && strcmp(schemes[i]->name, name) == 0)
			return -EEXIST;
		if (schemes[i])
			continue;
		if (strcmp(slot_names[i], name) == 0)
			return i;
		if (!slot_names[i][0] && fresh < 0)
			fresh = i;
		if (any < 0)
			any = i;
	}
	return fresh >= 0 ? fresh : any >= 0 ? any : -ENOSPC;
}

int scheme_add(scheme_t *s)
{
	size_t len = strnlen(s->name, SCHEME_NAME_MAX);

	if (!len || len >= SCHEME_NAME_MAX || strchr(s->name, ':') || strchr(s->name, '/'))
		return -EINVAL;
	uint64_t flags = spin_lock_irqsave(&scheme_lock);
	int id = scheme_pick_slot_locked(s->name);
	if (id >= 0) {
		s->id = id;
		schemes[id] = s;
		memcpy(slot_names[id], s->name, len + 1);
	}
	spin_unlock_irqrestore(&scheme_lock, flags);
	return id;
}

void scheme_remove(scheme_t *s)
{
	uint64_t flags = spin_lock_irqsave(&scheme_lock);

	if (schemes[s->id] == s)
		schemes[s->id] = NULL;
	spin_unlock_irqrestore(&scheme_lock, flags);
}

int scheme_register(const char *name, const scheme_ops_t *ops, void *priv)
{
	scheme_t *s = kzalloc(sizeof(*s));

	if (!s)
		return -ENOMEM;
	fmt_snprintf(s->name, sizeof(s->name), "%s", name);
	s->ops = ops;
	s->priv = priv;
	int id = strlen(name) < SCHEME_NAME_MAX ? scheme_add(s) : -EINVAL;
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

scheme_t *scheme_resolve(const char *url, const char **path)
{
	const char *colon = strchr(url, ':');
	char name[SCHEME_NAME_MAX];
	size_t len = colon ? (size_t)(colon - url) : 0;
	scheme_t *found = NULL;

	if (!colon || !len || len >= sizeof(name))
		return NULL;
	memcpy(name, url, len);
	name[len] = '\0';
	/* Held under the registry lock: a provider that dies meanwhile is
	 * removed under the same lock, so it cannot be freed under us. */
	uint64_t flags = spin_lock_irqsave(&scheme_lock);
	for (int i = 0; i < SCHEMES_MAX && !found; i++)
		if (schemes[i] && strcmp(schemes[i]->name, name) == 0)
			found = schemes[i];
	if (found && !scheme_visible(found))
		found = NULL;
	if (found && found->ops->hold)
		found->ops->hold(found, true);
	spin_unlock_irqrestore(&scheme_lock, flags);
	*path = colon + 1;
	return found;
}

void scheme_release(scheme_t *s)
{
	if (s->ops->hold)
		s->ops->hold(s, false);
}

int scheme_id(const char *name)
{
	int id = -1;
	uint64_t flags = spin_lock_irqsave(&scheme_lock);

	for (int i = 0; i < SCHEMES_MAX && id < 0; i++)
		if (schemes[i] && strcmp(schemes[i]->name, name) == 0)
			id = i;
	spin_unlock_irqrestore(&scheme_lock, flags);
	return id;
}

static file_t *file_alloc(scheme_t *s, int flags, const char *url)
{
	file_t *f = kzalloc(sizeof(*f));

	if (!f)
		return NULL;
	f->refs = 1;
	f->scheme = s;
	f->flags = flags & (O_ACCMODE | O_APPEND | O_NONBLOCK);
	f->open_flags = flags;
	fmt_snprintf(f->path, sizeof(f->path), "%s", url);
	return f;
}

int file_open(const char *url, int flags, file_t **out)
{
	return file_open_mode(url, flags, 0, out);
}

int file_open_mode(const char *url, int flags, unsigned mode, file_t **out)
{
	const char *path;

	if (url[0] == ':')
		return uscheme_register_open(url + 1, flags, out);
	scheme_t *s = scheme_resolve(url, &path);
	if (!s)
		return -ENOENT;
	file_t *f = file_alloc(s, flags, url);
	if (f)
		f->create_mode = mode;
	int err = !f ? -ENOMEM : s->ops->open ? s->ops->open(s, path, f) : -EOPNOTSUPP;
	scheme_release(s);      /* an open file holds its scheme itself */
	if (err) {
		kfree(f);
		return err;
	}
	*out = f;
	return 0;
}

int file_dupat(file_t *f, const char *path, int flags, file_t **out)
{
	char url[sizeof(f->path)];

	fmt_snprintf(url, sizeof(url), "%s/%s", f->path, path);
	file_t *nf = file_alloc(f->scheme, flags, url);
	if (!nf)
		return -ENOMEM;
	int err = f->scheme->ops->dupat ? f->scheme->ops->dupat(f, path, nf) : -EOPNOTSUPP;
	if (err) {
		kfree(nf);
		return err;
	}
	*out = nf;
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

/* An O_PATH descriptor names a file for its metadata only. */
static bool file_readable(const file_t *f)
{
	return (f->flags & O_ACCMODE) != O_WRONLY && !(f->open_flags & O_PATH);
}

static bool file_writable(const file_t *f)
{
	return (f->flags & O_ACCMODE) != O_RDONLY && !(f->open_flags & O_PATH);
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
