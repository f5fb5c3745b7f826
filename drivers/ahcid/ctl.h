// SPDX-License-Identifier: MIT
/*
 * The driver's control scheme, `disk.ahci<n>.ctl:` (n: the controller's
 * first disk), for tests of driver restart (issue 7 item 6). It has one
 * file, `crash`: root writing anything to it makes the driver dereference
 * NULL, so the kernel sees a driver fault (not a kill) and init restarts
 * it. The disk scheme itself belongs to the disk library, which offers no
 * hook for driver-specific files, hence a scheme of its own, served by a
 * second thread that touches nothing the I/O thread uses.
 *
 * The scheme operations are pure (the crash is a callback), so the host
 * test checks who may open what without crashing.
 */
#pragma once

#include <libscheme/libscheme.h>

typedef struct ahci_ctl {
	void (*crash)(void *ctx);       /* does not return, in the real driver */
	void *ctx;
} ahci_ctl_t;

#define AHCI_CTL_CRASH 1u               /* the handle of `crash` */

extern const scheme_ops_t ahci_ctl_ops;
