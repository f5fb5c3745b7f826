// SPDX-License-Identifier: MIT
/*
 * Variables (var.h): a hash table of var_t, chained. The table is small and
 * fixed (a shell has tens of variables, rarely thousands). Function frames
 * are a linked stack; each remembers the variables made local in it and, for
 * function calls, the caller's positional parameters.
 */
#include "var.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sh.h"

#define VAR_BUCKETS 256

static var_t *var_table[VAR_BUCKETS];

static unsigned var_hash(const char *s)
{
	unsigned h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h % VAR_BUCKETS;
}

var_t *var_lookup(const char *name)
{
	for (var_t *v = var_table[var_hash(name)]; v; v = v->next)
		if (strcmp(v->name, name) == 0)
			return v;
	return NULL;
}

static var_t *var_create(const char *name)
{
	var_t *v = var_lookup(name);

	if (v)
		return v;
	unsigned h = var_hash(name);

	v = xcalloc(1, sizeof(*v));
	v->name = xstrdup(name);
	v->next = var_table[h];
	var_table[h] = v;
	return v;
}

static void var_remove(const char *name)
{
	for (var_t **pp = &var_table[var_hash(name)]; *pp; pp = &(*pp)->next) {
		var_t *v = *pp;

		if (strcmp(v->name, name) == 0) {
			*pp = v->next;
			free(v->name);
			free(v->value);
			free(v);
			return;
		}
	}
}

size_t var_name_len(const char *s)
{
	size_t n = 0;

	if (!(s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z')))
		return 0;
	while (s[n] == '_' || (s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9'))
		n++;
	return n;
}

bool var_name_valid(const char *s, size_t n)
{
	return n > 0 && var_name_len(s) == n;
}

void var_init(char **envp)
{
	for (; envp && *envp; envp++) {
		const char *eq = strchr(*envp, '=');

		if (!eq || !var_name_valid(*envp, (size_t)(eq - *envp)))
			continue;
		char *name = xstrndup(*envp, (size_t)(eq - *envp));

		var_set(name, eq + 1, V_EXPORT);
		free(name);
	}
}

const char *var_get(const char *name)
{
	if (name[0] == 'L' && strcmp(name, "LINENO") == 0) {
		static char buf[24];

		snprintf(buf, sizeof(buf), "%d", sh.lineno);
		return buf;
	}
	var_t *v = var_lookup(name);

	return v ? v->value : NULL;
}

int var_set(const char *name, const char *value, int flags)
{
	var_t *v = var_lookup(name);

	if (v && (v->flags & V_READONLY)) {
		sh_warn("%s: is read only", name);
		return -1;
	}
	if (!v)
		v = var_create(name);
	if (value) {
		char *copy = xstrdup(value);

		free(v->value);
		v->value = copy;
		if (sh.opt[OPT_ALLEXPORT])
			flags |= V_EXPORT;
	} else {
		free(v->value);
		v->value = NULL;
	}
	v->flags |= flags;
	return 0;
}

void var_assign(const char *name, const char *value)
{
	if (var_set(name, value, 0) < 0) {
		sh.status = 2;
		sh_raise(EXC_ERROR);
	}
}

int var_unset(const char *name)
{
	var_t *v = var_lookup(name);

	if (!v)
		return 0;
	if (v->flags & V_READONLY) {
		sh_warn("%s: is read only", name);
		return -1;
	}
	var_remove(name);
	return 0;
}

int var_set_flags(const char *name, int flags)
{
	var_t *v = var_create(name);

	v->flags |= flags;
	return 0;
}

char **var_environ(void)
{
	pvec_t env;

	pvec_init(&env);
	for (int i = 0; i < VAR_BUCKETS; i++)
		for (var_t *v = var_table[i]; v; v = v->next)
			if ((v->flags & V_EXPORT) && v->value)
				pvec_push(&env, stk_printf("%s=%s", v->name, v->value));
	return (char **)env.v;
}

static int var_cmp(const void *a, const void *b)
{
	return strcmp((*(var_t *const *)a)->name, (*(var_t *const *)b)->name);
}

var_t **var_sorted(int flags, size_t *count)
{
	pvec_t all;

	pvec_init(&all);
	for (int i = 0; i < VAR_BUCKETS; i++)
		for (var_t *v = var_table[i]; v; v = v->next)
			if ((v->flags & flags) == flags)
				pvec_push(&all, v);
	qsort(all.v, all.n, sizeof(void *), var_cmp);
	*count = all.n;
	return (var_t **)all.v;
}

/* --- frames ---------------------------------------------------------- */

typedef struct saved_var {
	struct saved_var *next;
	char *name;
	char *value;
	int flags;
	bool existed;
} saved_var_t;

typedef struct frame {
	struct frame *prev;
	saved_var_t *saved;
	bool has_params;
	params_t params;
} frame_t;

static frame_t *frame_top;
static int frame_count;
params_t sh_params;

void frame_push(void)
{
	frame_t *f = xcalloc(1, sizeof(*f));

	f->prev = frame_top;
	frame_top = f;
	frame_count++;
}

static void params_free(params_t *p)
{
	for (int i = 0; i < p->n; i++)
		free(p->v[i]);
	free(p->v);
	p->v = NULL;
	p->n = 0;
}

void frame_pop(void)
{
	frame_t *f = frame_top;

	while (f->saved) {
		saved_var_t *s = f->saved;

		f->saved = s->next;
		if (s->existed) {
			var_t *v = var_create(s->name);

			free(v->value);
			v->value = s->value;
			v->flags = s->flags;
		} else {
			var_remove(s->name);
			free(s->value);
		}
		free(s->name);
		free(s);
	}
	if (f->has_params) {
		params_free(&sh_params);
		sh_params = f->params;
	}
	frame_top = f->prev;
	frame_count--;
	free(f);
}

int frame_depth(void)
{
	return frame_count;
}

void frame_pop_to(int depth)
{
	while (frame_count > depth)
		frame_pop();
}

bool var_make_local(const char *name)
{
	if (!frame_top)
		return false;
	for (saved_var_t *s = frame_top->saved; s; s = s->next)
		if (strcmp(s->name, name) == 0)
			return true;
	saved_var_t *s = xcalloc(1, sizeof(*s));
	var_t *v = var_lookup(name);

	s->name = xstrdup(name);
	if (v) {
		s->existed = true;
		s->value = v->value ? xstrdup(v->value) : NULL;
		s->flags = v->flags;
	}
	s->next = frame_top->saved;
	frame_top->saved = s;
	return true;
}

/* --- positional parameters ------------------------------------------- */

static params_t params_copy(int n, char *const *args)
{
	params_t p = { .n = n, .v = xcalloc((size_t)n + 1, sizeof(char *)) };

	for (int i = 0; i < n; i++)
		p.v[i] = xstrdup(args[i]);
	return p;
}

void params_set(int n, char *const *args)
{
	params_t p = params_copy(n, args);

	params_free(&sh_params);
	sh_params = p;
}

void params_push(int n, char *const *args)
{
	frame_top->has_params = true;
	frame_top->params = sh_params;
	sh_params = params_copy(n, args);
}

void params_shift(int n)
{
	for (int i = 0; i < n; i++)
		free(sh_params.v[i]);
	memmove(sh_params.v, sh_params.v + n, (size_t)(sh_params.n - n + 1) * sizeof(char *));
	sh_params.n -= n;
}

/* --- functions ------------------------------------------------------- */

static func_t *func_list;

func_t *func_lookup(const char *name)
{
	for (func_t *f = func_list; f; f = f->next)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}

void func_ref(func_t *f)
{
	f->refs++;
}

void func_unref(func_t *f)
{
	if (--f->refs > 0)
		return;
	arena_unref(f->arena);
	free(f->name);
	free(f);
}

void func_unset(const char *name)
{
	for (func_t **pp = &func_list; *pp; pp = &(*pp)->next) {
		if (strcmp((*pp)->name, name) == 0) {
			func_t *f = *pp;

			*pp = f->next;
			func_unref(f);
			return;
		}
	}
}

void func_define(const char *name, node_t *body, arena_t *arena)
{
	func_t *f = xcalloc(1, sizeof(*f));

	func_unset(name);
	f->name = xstrdup(name);
	f->body = body;
	f->arena = arena;
	arena_ref(arena);
	f->refs = 1;
	f->next = func_list;
	func_list = f;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char **func_names(void)
{
	pvec_t names;

	pvec_init(&names);
	for (func_t *f = func_list; f; f = f->next)
		pvec_push(&names, f->name);
	qsort(names.v, names.n, sizeof(void *), str_cmp);
	return (const char **)names.v;
}
