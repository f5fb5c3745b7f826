// SPDX-License-Identifier: MIT
/*
 * Shared memory objects. The object holds one reference to each frame it
 * has filled; every mapping of a page holds another, so a page stays
 * valid while mapped even if the object goes away first.
 */
#include <shm.h>

#include <abi/errno.h>
#include <mm.h>
#include <string.h>

shm_object_t *shm_create(uint64_t npages)
{
	shm_object_t *obj = kzalloc(sizeof(*obj));

	if (!obj)
		return NULL;
	obj->frames = kzalloc(npages * sizeof(uint64_t));
	if (!obj->frames) {
		kfree(obj);
		return NULL;
	}
	obj->npages = npages;
	obj->refs = 1;
	return obj;
}

void shm_get(shm_object_t *obj)
{
	__atomic_fetch_add(&obj->refs, 1, __ATOMIC_ACQ_REL);
}

void shm_put(shm_object_t *obj)
{
	if (__atomic_sub_fetch(&obj->refs, 1, __ATOMIC_ACQ_REL))
		return;
	if (obj->on_last_put) {
		obj->on_last_put(obj);
		return;
	}
	shm_destroy(obj);
}

void shm_destroy(shm_object_t *obj)
{
	for (uint64_t i = 0; i < obj->npages; i++)
		if (obj->frames[i])
			frame_put(obj->frames[i]);
	kfree(obj->frames);
	kfree(obj);
}

int shm_page(shm_object_t *obj, uint64_t index, uint64_t *phys)
{
	int err = 0;

	if (index >= obj->npages)
		return -EFAULT;
	spin_lock(&obj->lock);
	if (!obj->frames[index])
		err = frame_alloc(&obj->frames[index]);
	if (!err) {
		*phys = obj->frames[index];
		frame_get(*phys);
	}
	spin_unlock(&obj->lock);
	return err;
}

int shm_grow(shm_object_t *obj, shm_object_t *spare)
{
	if (!spare || spare->npages <= obj->npages)
		return -ENOMEM;
	spin_lock(&obj->lock);
	uint64_t *old = obj->frames, n = obj->npages;
	memcpy(spare->frames, old, n * sizeof(*old));
	memset(old, 0, n * sizeof(*old));
	obj->frames = spare->frames;
	obj->npages = spare->npages;
	spare->frames = old;            /* now empty: freeing spare frees no frame */
	spare->npages = n;
	spin_unlock(&obj->lock);
	return 0;
}
