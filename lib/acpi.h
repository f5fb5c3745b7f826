// SPDX-License-Identifier: MIT
/*
 * ACPI static table parsing.
 *
 * The parsers never touch physical memory themselves: acpi_table_find asks
 * a caller-supplied mapper for each range it needs, so the kernel can pass
 * its direct map while host tests pass in-memory buffers. The mapper's
 * pointers must stay valid for the duration of the call (and the returned
 * table's for as long as the caller uses it). Table parsers take a table
 * acpi_table_find returned (header length and checksum already checked),
 * read it only within its header length, and copy what the kernel needs
 * into plain structs, so the firmware's packed, unaligned layouts stay in
 * acpi.c.
 */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef const void *(*acpi_map_fn)(void *ctx, uint64_t phys, size_t len);

/* True if the bytes of p[0..len) sum to zero modulo 256. */
bool acpi_checksum_ok(const void *p, size_t len);

/*
 * Validates the RSDP at rsdp (len bytes readable): signature, the ACPI 1.0
 * checksum and, for revision >= 2, length and extended checksum. Picks the
 * XSDT when revision >= 2 and its address is nonzero, else the RSDT.
 * Returns 0 or -EINVAL (bad RSDP, or no root table address).
 */
int acpi_rsdp_parse(const void *rsdp, size_t len, uint64_t *root_phys,
		    bool *root_is_xsdt);

/*
 * The index-th (from 0) table with signature sig listed in the root table
 * whose length and checksum are valid, or NULL (also when the root table
 * itself is unmappable, mis-signed or fails its checksum).
 */
const void *acpi_table_find(acpi_map_fn map, void *ctx, uint64_t root_phys,
			    bool root_is_xsdt, const char sig[4],
			    unsigned index);

#define ACPI_MADT_MAX_CPUS 256
#define ACPI_MADT_MAX_IOAPICS 16
#define ACPI_MADT_MAX_ISOS 32

typedef struct acpi_madt_info {
	uint64_t lapic_addr; /* after any type 5 override */
	uint32_t cpu_count;
	struct {
		uint32_t apic_id;
		uint32_t acpi_uid;
		bool enabled;
		bool online_capable;
	} cpus[ACPI_MADT_MAX_CPUS];
	uint32_t ioapic_count;
	struct {
		uint32_t id;
		uint64_t addr;
		uint32_t gsi_base;
	} ioapics[ACPI_MADT_MAX_IOAPICS];
	uint32_t iso_count;
	struct {
		uint8_t bus_irq;
		uint32_t gsi;
		uint16_t flags; /* MPS INTI flags: polarity bits 0-1, trigger 2-3 */
	} isos[ACPI_MADT_MAX_ISOS];
	bool has_8259; /* PCAT_COMPAT: legacy PICs present, mask them */
} acpi_madt_info_t;

/*
 * Parses the MADT ("APIC"): local APICs (type 0) and x2APICs (type 9) into
 * cpus (one entry per APIC id), I/O APICs (1), interrupt source overrides
 * (2) and the local APIC address override (5); other types are skipped and
 * entries beyond the arrays are dropped. Returns 0, or -EINVAL for a wrong
 * signature, a short table, or an entry whose length is 0, too short for
 * its type, or runs past the table.
 */
int acpi_madt_parse(const void *madt, acpi_madt_info_t *out);

/*
 * The HPET's register block from the "HPET" table. Returns 0, or -EINVAL
 * for a wrong signature, a short table, a block outside memory space
 * (address space id 0) or a zero address.
 */
int acpi_hpet_parse(const void *hpet, uint64_t *base_phys);

typedef struct acpi_fadt_info {
	uint32_t pm_timer_port; /* 0: no PM timer */
	bool pm_timer_32bit;    /* TMR_VAL_EXT */
	uint16_t sci_irq;
	uint8_t reset_space;    /* ACPI address space id of the reset register */
	uint64_t reset_addr;
	uint8_t reset_value;
	bool has_reset;         /* RESET_REG_SUP and a nonzero reset address */
	uint32_t pm1a_cnt_port; /* 0: none */
	uint32_t pm1b_cnt_port; /* 0: none */
	uint32_t smi_cmd_port;  /* 0: ACPI mode cannot be switched (always on) */
	uint8_t acpi_enable;    /* the value written to smi_cmd to enter ACPI mode */
	uint64_t dsdt_phys;     /* X_DSDT if present, else DSDT; 0: none */
	uint8_t cmos_century;   /* CMOS register of the RTC's century; 0: none */
} acpi_fadt_info_t;

/*
 * Parses the FADT ("FACP"), any revision: fields beyond a short (old)
 * table's length read as absent. The 64-bit X_ blocks are preferred when
 * present and in I/O space. Returns 0, or -EINVAL for a wrong signature or
 * a table shorter than the ACPI 1.0 FADT (116 bytes).
 */
int acpi_fadt_parse(const void *fadt, acpi_fadt_info_t *out);

/*
 * Finds the \_S5 (soft-off) object in a DSDT's AML — Name(_S5_,
 * Package(){ SLP_TYPa, SLP_TYPb, ... }) — and returns the two sleep
 * type values written to PM1a/PM1b_CNT to power off. Returns 0, or
 * -ENOENT when the table has no such object or it is not a package of
 * two integer constants.
 */
int acpi_s5_parse(const void *dsdt, size_t len, uint8_t *slp_typa, uint8_t *slp_typb);
