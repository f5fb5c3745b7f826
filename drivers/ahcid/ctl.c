// SPDX-License-Identifier: MIT
/*
 * The control scheme's operations (see ctl.h): open `crash` (root only,
 * -EACCES for others, -ENOENT for any other name), write to crash.
 */
#include "ctl.h"

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
	return AHCI_CTL_CRASH;
}

static long ctl_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	ahci_ctl_t *ctl = st;

	(void)c;
	(void)buf;
	if (h != AHCI_CTL_CRASH)
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

const scheme_ops_t ahci_ctl_ops = {
	.open = ctl_open,
	.read = ctl_read,
	.write = ctl_write,
};
