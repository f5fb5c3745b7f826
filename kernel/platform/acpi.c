// SPDX-License-Identifier: MIT
/*
 * Finds the tables the kernel itself needs — MADT (CPUs and interrupt
 * controllers), HPET and FADT (calibration timers, power-off and reset
 * registers; the DSDT's \_S5 object for powering off) — through the RSDP
 * copy GRUB put in the boot information. Parsing is lib/acpi.c; this file
 * only maps physical memory for it and keeps the results.
 */
#include <platform.h>

#include <log.h>
#include <mm.h>
#include <panic.h>
#include <string.h>

platform_info_t platform;

static const void *acpi_map(void *ctx, uint64_t phys, size_t len)
{
	(void)ctx;
	return vmm_map_phys(phys, len, VM_READ);
}

static const void *acpi_find(uint64_t root, bool xsdt, const char *sig)
{
	return acpi_table_find(acpi_map, NULL, root, xsdt, sig, 0);
}

/* The DSDT can be large; only its \_S5 package matters here. */
static void acpi_find_s5(uint64_t dsdt_phys)
{
	const uint8_t *h = acpi_map(NULL, dsdt_phys, 36);    /* the SDT header */
	uint32_t len;

	if (!h || memcmp(h, "DSDT", 4) != 0)
		return;
	memcpy(&len, h + 4, sizeof(len));
	const void *dsdt = len >= 36 ? acpi_map(NULL, dsdt_phys, len) : NULL;
	if (dsdt && !acpi_s5_parse(dsdt, len, &platform.s5_typa, &platform.s5_typb))
		platform.have_s5 = true;
}

const void *acpi_table_get(const char *sig, size_t *len)
{
	const uint8_t *h;
	uint32_t n;

	if (strlen(sig) != 4 || !platform.acpi_root)
		return NULL;
	if (strcmp(sig, "DSDT") == 0)
		h = platform.have_fadt && platform.fadt.dsdt_phys
			    ? acpi_map(NULL, platform.fadt.dsdt_phys, 36) : NULL;
	else
		h = acpi_find(platform.acpi_root, platform.acpi_root_is_xsdt, sig);
	if (!h || memcmp(h, sig, 4) != 0)
		return NULL;
	memcpy(&n, h + 4, sizeof(n));
	if (n < 36)
		return NULL;
	*len = n;
	return strcmp(sig, "DSDT") == 0 ? acpi_map(NULL, platform.fadt.dsdt_phys, n) : h;
}

void acpi_init(const boot_info_t *boot)
{
	uint64_t root;
	bool xsdt;
	const void *t;

	if (!boot->rsdp || acpi_rsdp_parse(boot->rsdp, boot->rsdp_size, &root, &xsdt))
		panic("acpi: no valid RSDP from the boot loader; cannot find the CPUs");
	klog("acpi: revision %d, root table %s at %#lx", boot->rsdp_revision,
	     xsdt ? "XSDT" : "RSDT", root);
	platform.acpi_root = root;
	platform.acpi_root_is_xsdt = xsdt;
	t = acpi_find(root, xsdt, "APIC");
	if (t && !acpi_madt_parse(t, &platform.madt))
		platform.have_madt = true;
	t = acpi_find(root, xsdt, "HPET");
	if (t && !acpi_hpet_parse(t, &platform.hpet_base))
		platform.have_hpet = true;
	t = acpi_find(root, xsdt, "FACP");
	if (t && !acpi_fadt_parse(t, &platform.fadt))
		platform.have_fadt = true;
	if (platform.have_fadt && platform.fadt.dsdt_phys)
		acpi_find_s5(platform.fadt.dsdt_phys);
	if (!platform.have_madt)
		panic("acpi: no MADT; cannot find the CPUs and interrupt controllers");
	klog("acpi: MADT: %u CPUs, %u I/O APICs, local APIC at %#lx%s%s%s",
	     platform.madt.cpu_count, platform.madt.ioapic_count,
	     platform.madt.lapic_addr, platform.have_hpet ? "; HPET" : "",
	     platform.have_fadt && platform.fadt.pm_timer_port ? "; PM timer" : "",
	     platform.have_s5 ? "; S5" : "");
}
