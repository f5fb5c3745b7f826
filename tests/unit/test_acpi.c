// SPDX-License-Identifier: MIT
/*
 * Tests for lib/acpi. A fake physical memory (phys_mem, starting at
 * PHYS_BASE) stands in for the machine: tests write RSDPs and tables into
 * it with the put_* and table_* helpers below, which write fields at the
 * specification's byte offsets (not through lib/acpi's structs, so the
 * two cross-check each other) and compute checksums. The mapper refuses
 * ranges outside phys_mem and logs the lengths it was asked for.
 */
#include "unit.h"

#include <abi/errno.h>
#include <lib/acpi.h>

#include <string.h>

#define PHYS_BASE 0x7fe0000ull
#define PHYS_SIZE 0x10000u

static _Alignas(8) uint8_t phys_mem[PHYS_SIZE];
static size_t map_log[64];
static unsigned map_calls;

static const void *fake_map(void *ctx, uint64_t phys, size_t len)
{
	(void)ctx;
	if (map_calls < 64)
		map_log[map_calls] = len;
	map_calls++;
	if (phys < PHYS_BASE || phys - PHYS_BASE > PHYS_SIZE ||
	    len > PHYS_SIZE - (phys - PHYS_BASE))
		return NULL;
	return phys_mem + (phys - PHYS_BASE);
}

static uint8_t *at(uint64_t phys) { return phys_mem + (phys - PHYS_BASE); }
static void put8(uint8_t *p, uint8_t v) { *p = v; }
static void put16(uint8_t *p, uint16_t v) { memcpy(p, &v, 2); }
static void put32(uint8_t *p, uint32_t v) { memcpy(p, &v, 4); }
static void put64(uint8_t *p, uint64_t v) { memcpy(p, &v, 8); }

static uint8_t checksum_fix(const uint8_t *p, size_t len, uint8_t old)
{
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + p[i]);
	return (uint8_t)(old - sum);
}

/* Writes an SDT header (checksum left for table_seal). */
static uint8_t *table_init(uint64_t phys, const char *sig, uint32_t len)
{
	uint8_t *t = at(phys);

	memset(t, 0, len);
	memcpy(t, sig, 4);
	put32(t + 4, len);
	put8(t + 8, 1);
	memcpy(t + 10, "TESSER", 6);
	return t;
}

static void table_seal(uint8_t *t)
{
	uint32_t len;

	memcpy(&len, t + 4, 4);
	t[9] = checksum_fix(t, len, t[9]);
}

/* An RSDT or XSDT at phys listing the given tables. */
static void root_build(uint64_t phys, bool xsdt, const uint64_t *tables,
		       unsigned n)
{
	unsigned esz = xsdt ? 8 : 4;
	uint8_t *t = table_init(phys, xsdt ? "XSDT" : "RSDT", 36 + esz * n);

	for (unsigned i = 0; i < n; i++) {
		if (xsdt)
			put64(t + 36 + 8 * i, tables[i]);
		else
			put32(t + 36 + 4 * i, (uint32_t)tables[i]);
	}
	table_seal(t);
}

static void rsdp_build(uint8_t r[36], uint8_t rev, uint32_t rsdt, uint64_t xsdt)
{
	memset(r, 0, 36);
	memcpy(r, "RSD PTR ", 8);
	memcpy(r + 9, "TESSER", 6);
	put8(r + 15, rev);
	put32(r + 16, rsdt);
	put32(r + 20, 36);
	put64(r + 24, xsdt);
	r[8] = checksum_fix(r, 20, 0);
	r[32] = checksum_fix(r, 36, 0);
}

static void mem_reset(void)
{
	memset(phys_mem, 0, sizeof phys_mem);
	map_calls = 0;
}

TEST(acpi_checksum_ok_accepts_zero_sum_only)
{
	uint8_t b[4] = { 0x10, 0xf0, 0x80, 0x80 };

	CHECK(acpi_checksum_ok(b, 4));
	CHECK(acpi_checksum_ok(b, 0));
	b[3] = 0x81;
	CHECK(!acpi_checksum_ok(b, 4));
}

TEST(acpi_rsdp_v1_selects_rsdt)
{
	uint8_t r[36];
	uint64_t root = 0;
	bool xsdt = true;

	rsdp_build(r, 0, 0x7fe1000, 0);
	CHECK_EQ(acpi_rsdp_parse(r, 20, &root, &xsdt), 0);
	CHECK_EQ(root, 0x7fe1000);
	CHECK(!xsdt);
}

TEST(acpi_rsdp_v1_ignores_garbage_past_20_bytes)
{
	uint8_t r[36];
	uint64_t root = 0;
	bool xsdt = true;

	rsdp_build(r, 0, 0x1000, 0x2000);
	r[32] ^= 0x55;
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), 0);
	CHECK_EQ(root, 0x1000);
	CHECK(!xsdt);
}

TEST(acpi_rsdp_v2_prefers_xsdt)
{
	uint8_t r[36];
	uint64_t root = 0;
	bool xsdt = false;

	rsdp_build(r, 2, 0x1000, 0x100002000ull);
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), 0);
	CHECK_EQ(root, 0x100002000ull);
	CHECK(xsdt);
}

TEST(acpi_rsdp_v2_with_zero_xsdt_falls_back_to_rsdt)
{
	uint8_t r[36];
	uint64_t root = 0;
	bool xsdt = true;

	rsdp_build(r, 2, 0x1000, 0);
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), 0);
	CHECK_EQ(root, 0x1000);
	CHECK(!xsdt);
}

TEST(acpi_rsdp_bad_signature_or_checksums_are_rejected)
{
	uint8_t r[36];
	uint64_t root;
	bool xsdt;

	rsdp_build(r, 2, 0x1000, 0x2000);
	r[0] = 'r';
	r[8] = checksum_fix(r, 20, r[8]);
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), -EINVAL);

	rsdp_build(r, 0, 0x1000, 0);
	r[8] ^= 1;
	CHECK_EQ(acpi_rsdp_parse(r, 20, &root, &xsdt), -EINVAL);

	rsdp_build(r, 2, 0x1000, 0x2000);
	r[32] ^= 1;
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), -EINVAL);
}

TEST(acpi_rsdp_bad_lengths_are_rejected)
{
	uint8_t r[36];
	uint64_t root;
	bool xsdt;

	rsdp_build(r, 0, 0x1000, 0);
	CHECK_EQ(acpi_rsdp_parse(r, 19, &root, &xsdt), -EINVAL);

	rsdp_build(r, 2, 0x1000, 0x2000);
	CHECK_EQ(acpi_rsdp_parse(r, 20, &root, &xsdt), -EINVAL);
	CHECK_EQ(acpi_rsdp_parse(r, 35, &root, &xsdt), -EINVAL);

	put32(r + 20, 30);
	r[8] = checksum_fix(r, 20, r[8]);
	r[32] = checksum_fix(r, 36, r[32]);
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), -EINVAL);
}

TEST(acpi_rsdp_without_root_address_is_rejected)
{
	uint8_t r[36];
	uint64_t root;
	bool xsdt;

	rsdp_build(r, 0, 0, 0);
	CHECK_EQ(acpi_rsdp_parse(r, 20, &root, &xsdt), -EINVAL);
	rsdp_build(r, 2, 0, 0);
	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), -EINVAL);
}

#define ROOT PHYS_BASE
#define T1 (PHYS_BASE + 0x1000)
#define T2 (PHYS_BASE + 0x2003) /* tables need not be aligned */
#define T3 (PHYS_BASE + 0x3000)
#define T4 (PHYS_BASE + 0x4000)

static void tables_build(bool xsdt)
{
	const uint64_t list[] = { T1, T2, T3, T4 };

	mem_reset();
	table_seal(table_init(T1, "SSDT", 40));
	table_seal(table_init(T2, "HPET", 56));
	table_seal(table_init(T3, "SSDT", 48));
	table_seal(table_init(T4, "APIC", 44));
	root_build(ROOT, xsdt, list, 4);
}

TEST(acpi_table_find_walks_xsdt)
{
	tables_build(true);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "HPET", 0) == at(T2));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "APIC", 0) == at(T4));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "FACP", 0) == NULL);
}

TEST(acpi_table_find_walks_rsdt)
{
	tables_build(false);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, false, "HPET", 0) == at(T2));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, false, "APIC", 0) == at(T4));
}

TEST(acpi_table_find_indexes_tables_sharing_a_signature)
{
	tables_build(true);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 0) == at(T1));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 1) == at(T3));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 2) == NULL);
}

TEST(acpi_table_find_skips_tables_with_bad_checksum)
{
	tables_build(true);
	at(T1)[20] ^= 0xff;
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 0) == at(T3));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 1) == NULL);
}

TEST(acpi_table_find_skips_truncated_and_unmappable_tables)
{
	const uint64_t list[] = { 0x1000, T1, PHYS_BASE + PHYS_SIZE - 40, T3 };

	tables_build(true);
	put32(at(T1) + 4, 20); /* shorter than a header */
	table_seal(at(T1));
	table_seal(table_init(PHYS_BASE + PHYS_SIZE - 40, "SSDT", 40));
	put32(at(PHYS_BASE + PHYS_SIZE - 40) + 4, 64); /* runs off memory */
	root_build(ROOT, true, list, 4);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 0) == at(T3));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 1) == NULL);
}

TEST(acpi_table_find_rejects_corrupt_or_mismatched_root)
{
	tables_build(true);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, false, "HPET", 0) == NULL);
	at(ROOT)[10] ^= 1;
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "HPET", 0) == NULL);
	CHECK(acpi_table_find(fake_map, NULL, 0x1000, true, "HPET", 0) == NULL);
}

TEST(acpi_table_find_maps_header_before_full_table)
{
	tables_build(true);
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 0) == at(T1));
	CHECK_EQ(map_calls, 4);
	CHECK_EQ(map_log[0], 36);
	CHECK_EQ(map_log[1], 36 + 4 * 8);
	CHECK_EQ(map_log[2], 36);
	CHECK_EQ(map_log[3], 40);
}

TEST(acpi_table_find_ignores_partial_trailing_root_entry)
{
	tables_build(true);
	put32(at(ROOT) + 4, 36 + 8 + 4);
	table_seal(at(ROOT));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "SSDT", 0) == at(T1));
	CHECK(acpi_table_find(fake_map, NULL, ROOT, true, "HPET", 0) == NULL);
}

/* MADT builder: entries are appended at madt_len, which starts at 44. */
static uint8_t madt_buf[8192];
static uint32_t madt_len;

static void madt_init(uint32_t lapic_addr, uint32_t flags)
{
	memset(madt_buf, 0, sizeof madt_buf);
	memcpy(madt_buf, "APIC", 4);
	put32(madt_buf + 36, lapic_addr);
	put32(madt_buf + 40, flags);
	madt_len = 44;
	put32(madt_buf + 4, madt_len);
}

static uint8_t *madt_entry(uint8_t type, uint8_t len)
{
	uint8_t *e = madt_buf + madt_len;

	e[0] = type;
	e[1] = len;
	madt_len += len;
	put32(madt_buf + 4, madt_len);
	return e;
}

static void madt_lapic(uint8_t uid, uint8_t id, uint32_t flags)
{
	uint8_t *e = madt_entry(0, 8);

	e[2] = uid;
	e[3] = id;
	put32(e + 4, flags);
}

static void madt_ioapic(uint8_t id, uint32_t addr, uint32_t gsi_base)
{
	uint8_t *e = madt_entry(1, 12);

	e[2] = id;
	put32(e + 4, addr);
	put32(e + 8, gsi_base);
}

static void madt_iso(uint8_t irq, uint32_t gsi, uint16_t flags)
{
	uint8_t *e = madt_entry(2, 10);

	e[3] = irq;
	put32(e + 4, gsi);
	put16(e + 8, flags);
}

static void madt_x2apic(uint32_t id, uint32_t flags, uint32_t uid)
{
	uint8_t *e = madt_entry(9, 16);

	put32(e + 4, id);
	put32(e + 8, flags);
	put32(e + 12, uid);
}

static acpi_madt_info_t mi;

TEST(acpi_madt_reads_cpus_ioapics_and_overrides)
{
	madt_init(0xfee00000, 1);
	madt_lapic(0, 0, 1);
	madt_lapic(1, 1, 2);
	madt_lapic(2, 5, 0);
	madt_ioapic(2, 0xfec00000, 0);
	madt_iso(0, 2, 0);
	madt_iso(9, 9, 0xd);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK_EQ(mi.lapic_addr, 0xfee00000);
	CHECK(mi.has_8259);
	CHECK_EQ(mi.cpu_count, 3);
	CHECK(mi.cpus[0].enabled && !mi.cpus[0].online_capable);
	CHECK(!mi.cpus[1].enabled && mi.cpus[1].online_capable);
	CHECK_EQ(mi.cpus[1].acpi_uid, 1);
	CHECK_EQ(mi.cpus[2].apic_id, 5);
	CHECK(!mi.cpus[2].enabled && !mi.cpus[2].online_capable);
	CHECK_EQ(mi.ioapic_count, 1);
	CHECK_EQ(mi.ioapics[0].id, 2);
	CHECK_EQ(mi.ioapics[0].addr, 0xfec00000);
	CHECK_EQ(mi.iso_count, 2);
	CHECK_EQ(mi.isos[0].bus_irq, 0);
	CHECK_EQ(mi.isos[0].gsi, 2);
	CHECK_EQ(mi.isos[1].bus_irq, 9);
	CHECK_EQ(mi.isos[1].flags, 0xd);
}

TEST(acpi_madt_without_pcat_compat_has_no_8259)
{
	madt_init(0xfee00000, 0);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK(!mi.has_8259);
	CHECK_EQ(mi.cpu_count, 0);
}

TEST(acpi_madt_lapic_address_override_wins)
{
	madt_init(0xfee00000, 0);
	uint8_t *e = madt_entry(5, 12);
	put64(e + 4, 0x1fee00000ull);
	madt_lapic(0, 0, 1);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK_EQ(mi.lapic_addr, 0x1fee00000ull);
}

TEST(acpi_madt_x2apic_entries_add_cpus_once_per_apic_id)
{
	madt_init(0xfee00000, 0);
	madt_lapic(0, 0, 1);
	madt_x2apic(0, 1, 0);
	madt_x2apic(300, 1, 7);
	madt_x2apic(301, 2, 8);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK_EQ(mi.cpu_count, 3);
	CHECK_EQ(mi.cpus[1].apic_id, 300);
	CHECK_EQ(mi.cpus[1].acpi_uid, 7);
	CHECK(mi.cpus[1].enabled);
	CHECK(mi.cpus[2].online_capable && !mi.cpus[2].enabled);
}

TEST(acpi_madt_skips_unknown_entry_types)
{
	madt_init(0xfee00000, 0);
	madt_entry(4, 6);   /* LAPIC NMI */
	madt_entry(0x7f, 3);
	madt_lapic(0, 3, 1);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK_EQ(mi.cpu_count, 1);
	CHECK_EQ(mi.cpus[0].apic_id, 3);
}

TEST(acpi_madt_bad_entry_lengths_are_rejected)
{
	madt_init(0xfee00000, 0);
	madt_lapic(0, 0, 1);
	madt_entry(0, 0);
	madt_len += 8;
	put32(madt_buf + 4, madt_len);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);

	madt_init(0xfee00000, 0);
	madt_lapic(0, 0, 1);
	put32(madt_buf + 4, madt_len - 2); /* entry runs past the end */
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);

	madt_init(0xfee00000, 0);
	madt_entry(1, 8); /* too short for an I/O APIC */
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);

	madt_init(0xfee00000, 0);
	madt_lapic(0, 0, 1);
	put32(madt_buf + 4, madt_len + 1); /* one stray byte */
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);

	madt_init(0xfee00000, 0);
	madt_entry(0x20, 1);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);
}

TEST(acpi_madt_wrong_signature_or_short_table_is_rejected)
{
	madt_init(0xfee00000, 0);
	put32(madt_buf + 4, 43);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);
	madt_init(0xfee00000, 0);
	put32(madt_buf + 4, 44);
	memcpy(madt_buf, "APIX", 4);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), -EINVAL);
}

TEST(acpi_madt_excess_entries_are_dropped)
{
	madt_init(0xfee00000, 0);
	for (unsigned i = 0; i < 300; i++)
		madt_x2apic(i, 1, i);
	for (unsigned i = 0; i < 20; i++)
		madt_ioapic((uint8_t)i, 0xfec00000 + i * 0x1000, i * 24);
	for (unsigned i = 0; i < 40; i++)
		madt_iso((uint8_t)i, i, 0);
	CHECK(madt_len <= sizeof madt_buf);
	CHECK_EQ(acpi_madt_parse(madt_buf, &mi), 0);
	CHECK_EQ(mi.cpu_count, 256);
	CHECK_EQ(mi.cpus[255].apic_id, 255);
	CHECK_EQ(mi.ioapic_count, 16);
	CHECK_EQ(mi.ioapics[15].gsi_base, 15 * 24);
	CHECK_EQ(mi.iso_count, 32);
}

static uint8_t *hpet_build(uint8_t space, uint64_t addr)
{
	uint8_t *t = table_init(T2, "HPET", 56);

	put32(t + 36, 0x8086a201);
	put8(t + 40, space);
	put8(t + 41, 64);
	put64(t + 44, addr);
	table_seal(t);
	return t;
}

TEST(acpi_hpet_returns_memory_base)
{
	uint64_t base = 0;

	mem_reset();
	CHECK_EQ(acpi_hpet_parse(hpet_build(0, 0xfed00000), &base), 0);
	CHECK_EQ(base, 0xfed00000);
}

TEST(acpi_hpet_rejects_io_space_zero_address_and_short_table)
{
	uint64_t base = 0;
	uint8_t *t;

	mem_reset();
	CHECK_EQ(acpi_hpet_parse(hpet_build(1, 0xfed00000), &base), -EINVAL);
	CHECK_EQ(acpi_hpet_parse(hpet_build(0, 0), &base), -EINVAL);
	t = hpet_build(0, 0xfed00000);
	put32(t + 4, 52);
	CHECK_EQ(acpi_hpet_parse(t, &base), -EINVAL);
	t = hpet_build(0, 0xfed00000);
	t[0] = 'X';
	CHECK_EQ(acpi_hpet_parse(t, &base), -EINVAL);
	CHECK_EQ(base, 0);
}

/* A FADT of the given length with legacy and X_ blocks filled in. */
static uint8_t *fadt_build(uint32_t len, uint8_t x_tmr_space)
{
	uint8_t *t = table_init(T3, "FACP", len);
	uint8_t full[276] = { 0 };

	put16(full + 46, 9);             /* SCI_INT */
	put32(full + 64, 0x604);         /* PM1a_CNT_BLK */
	put32(full + 76, 0x608);         /* PM_TMR_BLK */
	put8(full + 91, 4);              /* PM_TMR_LEN */
	put32(full + 112, (1u << 8) | (1u << 10)); /* TMR_VAL_EXT, RESET_REG_SUP */
	put8(full + 116, 1);             /* RESET_REG: I/O 0xcf9 */
	put64(full + 120, 0xcf9);
	put8(full + 128, 6);             /* RESET_VALUE */
	put8(full + 172, 1);             /* X_PM1a_CNT_BLK: I/O 0xb004 */
	put64(full + 176, 0xb004);
	put8(full + 208, x_tmr_space);   /* X_PM_TMR_BLK */
	put64(full + 212, 0xb008);
	memcpy(t + 36, full + 36, len - 36);
	table_seal(t);
	return t;
}

static acpi_fadt_info_t fi;

TEST(acpi_fadt_prefers_x_blocks_in_io_space)
{
	mem_reset();
	CHECK_EQ(acpi_fadt_parse(fadt_build(276, 1), &fi), 0);
	CHECK_EQ(fi.sci_irq, 9);
	CHECK_EQ(fi.pm_timer_port, 0xb008);
	CHECK(fi.pm_timer_32bit);
	CHECK_EQ(fi.pm1a_cnt_port, 0xb004);
	CHECK(fi.has_reset);
	CHECK_EQ(fi.reset_space, 1);
	CHECK_EQ(fi.reset_addr, 0xcf9);
	CHECK_EQ(fi.reset_value, 6);
}

TEST(acpi_fadt_x_timer_outside_io_space_falls_back_to_legacy)
{
	mem_reset();
	CHECK_EQ(acpi_fadt_parse(fadt_build(244, 0), &fi), 0);
	CHECK_EQ(fi.pm_timer_port, 0x608);
	CHECK_EQ(fi.pm1a_cnt_port, 0xb004);
}

TEST(acpi_fadt_v1_table_uses_legacy_blocks_and_has_no_reset)
{
	mem_reset();
	CHECK_EQ(acpi_fadt_parse(fadt_build(116, 1), &fi), 0);
	CHECK_EQ(fi.pm_timer_port, 0x608);
	CHECK(fi.pm_timer_32bit);
	CHECK_EQ(fi.pm1a_cnt_port, 0x604);
	CHECK(!fi.has_reset);
	CHECK_EQ(fi.reset_addr, 0);
}

TEST(acpi_fadt_fields_cut_by_table_length_are_ignored)
{
	mem_reset();
	CHECK_EQ(acpi_fadt_parse(fadt_build(124, 1), &fi), 0);
	CHECK(!fi.has_reset);
	CHECK_EQ(acpi_fadt_parse(fadt_build(216, 1), &fi), 0);
	CHECK(fi.has_reset);
	CHECK_EQ(fi.pm_timer_port, 0x608);
	CHECK_EQ(fi.pm1a_cnt_port, 0xb004);
}

TEST(acpi_fadt_without_pm_timer_reports_port_zero)
{
	uint8_t *t;

	mem_reset();
	t = fadt_build(244, 0);
	put8(t + 91, 0); /* PM_TMR_LEN 0: no legacy timer */
	CHECK_EQ(acpi_fadt_parse(t, &fi), 0);
	CHECK_EQ(fi.pm_timer_port, 0);
	CHECK(!fi.pm_timer_32bit);
}

TEST(acpi_fadt_wrong_signature_or_too_short_is_rejected)
{
	uint8_t *t;

	mem_reset();
	t = fadt_build(116, 1);
	put32(t + 4, 115);
	CHECK_EQ(acpi_fadt_parse(t, &fi), -EINVAL);
	t = fadt_build(116, 1);
	memcpy(t, "FADT", 4);
	CHECK_EQ(acpi_fadt_parse(t, &fi), -EINVAL);
}

TEST(acpi_fadt_gives_the_power_off_registers_and_dsdt)
{
	uint8_t *t;

	mem_reset();
	t = fadt_build(244, 1);
	put32(t + 40, 0x7fe0000);       /* DSDT */
	put32(t + 48, 0xb2);            /* SMI_CMD */
	put8(t + 52, 0xf1);             /* ACPI_ENABLE */
	put32(t + 68, 0x620);           /* PM1b_CNT_BLK */
	CHECK_EQ(acpi_fadt_parse(t, &fi), 0);
	CHECK_EQ(fi.dsdt_phys, 0x7fe0000);
	CHECK_EQ(fi.smi_cmd_port, 0xb2);
	CHECK_EQ(fi.acpi_enable, 0xf1);
	CHECK_EQ(fi.pm1b_cnt_port, 0x620);
	put64(t + 140, 0x17fe0000);     /* X_DSDT wins */
	CHECK_EQ(acpi_fadt_parse(t, &fi), 0);
	CHECK_EQ(fi.dsdt_phys, 0x17fe0000);
}

/* A DSDT with `aml` after the header. */
static size_t dsdt_build(uint8_t *buf, const uint8_t *aml, size_t n)
{
	memset(buf, 0, 36);
	memcpy(buf, "DSDT", 4);
	memcpy(buf + 36, aml, n);
	return 36 + n;
}

TEST(acpi_s5_parse_reads_both_sleep_types)
{
	/* ... Name(_S5_, Package(4){ 0x05, Zero, Zero, Zero }) */
	static const uint8_t aml[] = { 0x10, 0x20, 'x', 0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04,
				       0x0a, 0x05, 0x00, 0x00, 0x00 };
	uint8_t buf[128], a = 99, b = 99;
	size_t len = dsdt_build(buf, aml, sizeof(aml));

	CHECK_EQ(acpi_s5_parse(buf, len, &a, &b), 0);
	CHECK_EQ(a, 5);
	CHECK_EQ(b, 0);
}

TEST(acpi_s5_parse_takes_root_prefix_and_one_op)
{
	static const uint8_t aml[] = { 0x08, '\\', '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x01,
				       0x0a, 0x07 };
	uint8_t buf[128], a = 99, b = 99;
	size_t len = dsdt_build(buf, aml, sizeof(aml));

	CHECK_EQ(acpi_s5_parse(buf, len, &a, &b), 0);
	CHECK_EQ(a, 1);
	CHECK_EQ(b, 7);
}

TEST(acpi_s5_parse_rejects_missing_or_malformed_objects)
{
	/* _S5_ used as a method name, a package of non-constants, none, cut short */
	static const uint8_t method[] = { 0x14, 0x06, '_', 'S', '5', '_', 0x00 };
	static const uint8_t odd[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x70, 0x70 };
	static const uint8_t none[] = { 0x08, '_', 'S', '4', '_', 0x12, 0x04, 0x02, 0x00, 0x00 };
	static const uint8_t cut[] = { 0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x0a };
	uint8_t buf[128], a, b;

	CHECK_EQ(acpi_s5_parse(buf, dsdt_build(buf, method, sizeof(method)), &a, &b), -ENOENT);
	CHECK_EQ(acpi_s5_parse(buf, dsdt_build(buf, odd, sizeof(odd)), &a, &b), -ENOENT);
	CHECK_EQ(acpi_s5_parse(buf, dsdt_build(buf, none, sizeof(none)), &a, &b), -ENOENT);
	CHECK_EQ(acpi_s5_parse(buf, dsdt_build(buf, cut, sizeof(cut)), &a, &b), -ENOENT);
}

TEST(acpi_rsdp_to_parsed_tables_end_to_end)
{
	const uint64_t list[] = { T2, T3, T4 };
	uint8_t *r = at(PHYS_BASE + 0x5000);
	uint64_t root, hpet_base;
	bool xsdt;

	mem_reset();
	hpet_build(0, 0xfed00000);
	fadt_build(276, 1);
	madt_init(0xfee00000, 1);
	madt_lapic(0, 0, 1);
	madt_lapic(1, 1, 1);
	memcpy(at(T4), madt_buf, madt_len);
	table_seal(at(T4));
	root_build(ROOT, true, list, 3);
	rsdp_build(r, 2, 0, ROOT);

	CHECK_EQ(acpi_rsdp_parse(r, 36, &root, &xsdt), 0);
	const void *madt = acpi_table_find(fake_map, NULL, root, xsdt, "APIC", 0);
	const void *fadt = acpi_table_find(fake_map, NULL, root, xsdt, "FACP", 0);
	const void *hpet = acpi_table_find(fake_map, NULL, root, xsdt, "HPET", 0);
	CHECK(madt && fadt && hpet);
	CHECK_EQ(acpi_madt_parse(madt, &mi), 0);
	CHECK_EQ(mi.cpu_count, 2);
	CHECK_EQ(acpi_fadt_parse(fadt, &fi), 0);
	CHECK_EQ(fi.pm_timer_port, 0xb008);
	CHECK_EQ(acpi_hpet_parse(hpet, &hpet_base), 0);
	CHECK_EQ(hpet_base, 0xfed00000);
}
