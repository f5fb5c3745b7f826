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
	uint64_t acpi_root;             /* the RSDT or XSDT */
	bool acpi_root_is_xsdt;
} platform_info_t;

extern platform_info_t platform;

void acpi_init(const boot_info_t *boot);
/*
 * The ACPI table with signature sig (the DSDT through the FADT), mapped
 * read-only, and its length from its header; NULL if the firmware has
 * none. For sys:acpi, which hands the raw tables to drivers.
 */
const void *acpi_table_get(const char *sig, size_t *len);
