// SPDX-License-Identifier: MIT
/*
 * A disk driver's control scheme, `disk.<drv><n>.ctl:` (n: the driver's
 * first disk: `disk.ahci0.ctl:`, `disk.virtio0.ctl:`), for tests of driver
 * restart (docs/disk.md). It has one file, `crash`: root writing anything
 * to it makes the driver dereference NULL, so the kernel sees a driver
 * fault (not a kill) and init restarts it. The disk scheme itself belongs
 * to the disk library, which offers no hook for driver-specific files,
 * hence a scheme of its own, served by a second thread that touches
 * nothing the I/O thread uses.
 *
 * The scheme operations are pure (the crash is a callback), so host tests
 * check who may open what without crashing; drvctl_start (Tessera only)
 * registers the scheme and starts its thread.
 */
#pragma once

#include <libscheme/libscheme.h>

typedef struct drvctl {
	void (*crash)(void *ctx);       /* does not return, in the real driver */
	void *ctx;
} drvctl_t;

#define DRVCTL_CRASH 1u               /* the handle of `crash` */

extern const scheme_ops_t drvctl_ops;

/*
 * Serves `<disk>.ctl:` from a thread of its own, crash(ctx) answering a
 * write to `crash`; logs and carries on without it on failure.
 */
void drvctl_start(const char *first_disk, void (*crash)(void *ctx), void *ctx);

/* The crash itself: says so on stderr and dereferences NULL. */
void drvctl_crash_now(const char *driver);
