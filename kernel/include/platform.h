// SPDX-License-Identifier: MIT
/*
 * What the firmware told us about the machine, gathered once at boot from
 * the ACPI tables and read-only afterwards.
 */
#pragma once

#include <lib/acpi.h>
#include <lib/mb2.h>
#include <stdbool.h>

typedef struct platform_info {
	bool have_madt;
	acpi_madt_info_t madt;
	bool have_hpet;
	uint64_t hpet_base;
	bool have_fadt;
	acpi_fadt_info_t fadt;
	bool have_s5;                   /* \_S5 found: ACPI soft-off works */
	uint8_t s5_typa, s5_typb;
} platform_info_t;

extern platform_info_t platform;

void acpi_init(const boot_info_t *boot);
