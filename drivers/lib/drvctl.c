// SPDX-License-Identifier: MIT
/*
 * The control scheme's operations (see drvctl.h): open `crash` (root only,
 * -EACCES for others, -ENOENT for any other name), write to crash.
 */
#include "drvctl.h"

#include <errno.h>
#include <string.h>

static long ctl_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	(void)st;
	(void)flags;
	if (strcmp(path, "crash") != 0)
		return -ENOENT;
	if (c->uid != 0)
		return -EACCES;
	return DRVCTL_CRASH;
}

static long ctl_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	drvctl_t *ctl = st;

	(void)c;
	(void)buf;
	if (h != DRVCTL_CRASH)
		return -EBADF;
	ctl->crash(ctl->ctx);
	return (long)len;
}

static long ctl_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	(void)st;
	(void)c;
	(void)h;
	(void)buf;
	(void)len;
	return 0;
}

const scheme_ops_t drvctl_ops = {
	.open = ctl_open,
	.read = ctl_read,
	.write = ctl_write,
};

#ifdef __tessera__
#include <pthread.h>
#include <stdio.h>

static void *drvctl_thread(void *arg)
{
	scheme_run(arg);
	return NULL;
}

void drvctl_start(const char *first_disk, void (*crash)(void *ctx), void *ctx)
{
	static drvctl_t ctl;
	static scheme_server_t s;
	char name[48];
	pthread_t t;
	int rc;

	ctl = (drvctl_t){ .crash = crash, .ctx = ctx };
	snprintf(name, sizeof(name), "%s.ctl", first_disk);
	scheme_server_init(&s, &drvctl_ops, &ctl);
	if ((rc = scheme_open(&s, name)) < 0) {
		fprintf(stderr, "%s: %s\n", name, strerror(-rc));
		return;
	}
	if ((rc = pthread_create(&t, NULL, drvctl_thread, &s)) != 0)
		fprintf(stderr, "%s: thread: %s\n", name, strerror(rc));
}

void drvctl_crash_now(const char *driver)
{
	volatile int *volatile nowhere = NULL;

	fprintf(stderr, "%s: crashing on request (a write to crash)\n", driver);
	*nowhere = 1;
}
#endif
