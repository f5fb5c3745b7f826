// SPDX-License-Identifier: MIT
/*
 * Thread-specific data: PTHREAD_KEYS_MAX keys, each a slot in a global
 * table, and each thread's values in a thread-local array beside them.
 *
 * A slot carries a generation: odd while a key owns it, bumped by create
 * and delete. A thread's value counts only if it was stored under the
 * slot's current generation, so a deleted key's values vanish at once in
 * every thread (and a new key in the same slot starts at NULL) without
 * walking the threads. The values live in static TLS, so getspecific and
 * setspecific are a few loads from %fs, and only programs that use keys
 * pay for the array (this file is linked in only then; thread exit calls
 * the destructor pass through a weak reference).
 */
#include "pthread_impl.h"

#include <errno.h>

typedef struct tsd_key {
	void (*destructor)(void *);
	unsigned gen;           /* odd: in use */
} tsd_key_t;

typedef struct tsd_value {
	void *value;
	unsigned gen;
} tsd_value_t;

static tsd_key_t tsd_keys[PTHREAD_KEYS_MAX];
static volatile int tsd_lock;
static __thread tsd_value_t tsd_values[PTHREAD_KEYS_MAX];

static unsigned tsd_gen(pthread_key_t key)
{
	return __atomic_load_n(&tsd_keys[key].gen, __ATOMIC_ACQUIRE);
}

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	int err = EAGAIN;

	__pthread_spin_acquire(&tsd_lock);
	for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
		if (tsd_keys[k].gen & 1)
			continue;
		tsd_keys[k].destructor = destructor;
		__atomic_store_n(&tsd_keys[k].gen, tsd_keys[k].gen + 1, __ATOMIC_RELEASE);
		*key = k;
		err = 0;
		break;
	}
	__pthread_spin_release(&tsd_lock);
	return err;
}

int pthread_key_delete(pthread_key_t key)
{
	int err = EINVAL;

	if (key >= PTHREAD_KEYS_MAX)
		return EINVAL;
	__pthread_spin_acquire(&tsd_lock);
	if (tsd_keys[key].gen & 1) {
		__atomic_store_n(&tsd_keys[key].gen, tsd_keys[key].gen + 1, __ATOMIC_RELEASE);
		tsd_keys[key].destructor = NULL;
		err = 0;
	}
	__pthread_spin_release(&tsd_lock);
	return err;
}

void *pthread_getspecific(pthread_key_t key)
{
	if (key >= PTHREAD_KEYS_MAX || tsd_values[key].gen != tsd_gen(key))
		return NULL;
	return tsd_values[key].value;
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	unsigned gen;

	if (key >= PTHREAD_KEYS_MAX || !((gen = tsd_gen(key)) & 1))
		return EINVAL;
	tsd_values[key].value = (void *)value;
	tsd_values[key].gen = gen;
	return 0;
}

/* One pass over the keys; whether any destructor ran. */
static bool tsd_destroy_pass(void)
{
	bool ran = false;

	for (pthread_key_t k = 0; k < PTHREAD_KEYS_MAX; k++) {
		tsd_value_t *v = &tsd_values[k];
		void *value = v->value;

		if (!value || !(v->gen & 1) || v->gen != tsd_gen(k))
			continue;
		void (*destructor)(void *) = tsd_keys[k].destructor;
		v->value = NULL;
		if (destructor) {
			destructor(value);
			ran = true;
		}
	}
	return ran;
}

void __pthread_tsd_run_destructors(void)
{
	for (int i = 0; i < PTHREAD_DESTRUCTOR_ITERATIONS; i++)
		if (!tsd_destroy_pass())
			break;
}

/* fork (fork.c): the key table's lock must not be held across it. */
void __pthread_tsd_atfork(int phase)
{
	if (phase == 0)
		__pthread_spin_acquire(&tsd_lock);
	else if (phase == 1)
		__pthread_spin_release(&tsd_lock);
	else
		tsd_lock = 0;
}
