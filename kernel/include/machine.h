// SPDX-License-Identifier: MIT
/*
 * Whole-machine actions: stopping the other CPUs and ending a run. In test
 * mode (kernel command line `test`, implied by `selftest`) the kernel runs
 * under the test harness in QEMU and leaves through QEMU's isa-debug-exit
 * port, so the harness reads pass or fail from QEMU's exit status.
 */
#pragma once

#include <stdbool.h>

extern bool machine_test_mode;

/* Sends every other online CPU into a halt loop (used by panic). */
void machine_stop_other_cpus(void);

/* In test mode, exits QEMU with pass/fail; otherwise halts this CPU. */
__attribute__((noreturn)) void machine_finish(bool passed);

/* ACPI soft-off (S5); halts if the firmware gives no way to do it. */
__attribute__((noreturn)) void machine_power_off(void);
/* Resets the machine: the ACPI reset register, the 8042, a triple fault. */
__attribute__((noreturn)) void machine_reboot(void);

/* Installs the NMI handler used to stop CPUs. */
void machine_init(void);
