// SPDX-License-Identifier: MIT
/*
 * Port errors put into words for the log, and sorted into what recovery
 * must do. A port error shows in three registers: PxIS (which kind:
 * task file, host bus, interface, overflow, link change), PxTFD (the
 * device's status and error registers: ABRT, UNC, IDNF, ICRC ...) and
 * PxSERR (SATA link-level detail). Pure, host-tested.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum ahci_err_action {
	AHCI_ERR_NONE = 0,      /* no error in this interrupt */
	AHCI_ERR_RESTART,       /* stop the port, clear, start again */
	AHCI_ERR_RESET,         /* the same with a COMRESET of the link/device */
} ahci_err_action_t;

/*
 * What an interrupt status (PxIS) and the task file (PxTFD) call for.
 * NCQ errors always reset the device (`queued`): a device that reported
 * a queued-command error refuses further queued commands until the NCQ
 * error log is read or it is reset, and the driver does the latter.
 * A device still busy (BSY/DRQ) after the error also needs a reset.
 * `issued` says commands were outstanding and a status FIS just came:
 * ERR in PxTFD otherwise is stale and not an error.
 *
 * QEMU (7.2 and older) reports a failed queued command only by ERR in
 * the set-device-bits FIS, which the next completion overwrites, and by
 * setting PxSERR bit `tag`; so with queued commands outstanding any
 * PxSERR bit counts as an error as well (a reset then costs little, and
 * retrying isolates the culprit).
 */
ahci_err_action_t ahci_err_classify(uint32_t is, uint32_t tfd, uint32_t serr, bool queued,
				    bool issued);

/* "TFES (status 51 error 04: ABRT) serr 00000000": the log line's detail. */
size_t ahci_err_describe(uint32_t is, uint32_t tfd, uint32_t serr, char *buf, size_t cap);
