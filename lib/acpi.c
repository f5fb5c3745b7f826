// SPDX-License-Identifier: MIT
/*
 * ACPI static table parsing.
 *
 * Firmware tables are packed and often only 4-byte aligned (the XSDT's
 * 64-bit entries start at offset 36), so nothing here dereferences a
 * firmware pointer as a wider type: every structure is copied with memcpy
 * into a zeroed local of the packed layout below. Copying at most the
 * table's own length into a zeroed local is also how short, old-revision
 * FADTs are handled: fields the table does not have read as zero, which
 * every consumer already treats as "absent". Layouts are from the ACPI
 * specification (6.5): RSDP 5.2.5.3, header 5.2.6, GAS 5.2.3.2, FADT
 * 5.2.9, MADT 5.2.12, and the IA-PC HPET specification, table 3.
 */
#include <lib/acpi.h>

#include <abi/errno.h>
#include <string.h>

typedef struct __attribute__((packed)) acpi_rsdp {
	char signature[8];
	uint8_t checksum;
	char oem_id[6];
	uint8_t revision;
	uint32_t rsdt_addr;
	uint32_t length; /* revision >= 2 from here on */
	uint64_t xsdt_addr;
	uint8_t ext_checksum;
	uint8_t reserved[3];
} acpi_rsdp_t;

typedef struct __attribute__((packed)) acpi_sdt_header {
	char signature[4];
	uint32_t length;
	uint8_t revision;
	uint8_t checksum;
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} acpi_sdt_header_t;

typedef struct __attribute__((packed)) acpi_gas {
	uint8_t space_id; /* ACPI_SPACE_* */
	uint8_t bit_width;
	uint8_t bit_offset;
	uint8_t access_size;
	uint64_t address;
} acpi_gas_t;

enum { ACPI_SPACE_MEMORY = 0, ACPI_SPACE_IO = 1 };

typedef struct __attribute__((packed)) acpi_madt {
	acpi_sdt_header_t hdr;
	uint32_t lapic_addr;
	uint32_t flags;
} acpi_madt_t;

#define ACPI_MADT_PCAT_COMPAT (1u << 0)
#define ACPI_LAPIC_ENABLED (1u << 0)
#define ACPI_LAPIC_ONLINE_CAPABLE (1u << 1)

enum {
	ACPI_MADT_LAPIC = 0,
	ACPI_MADT_IOAPIC = 1,
	ACPI_MADT_ISO = 2,
	ACPI_MADT_LAPIC_ADDR = 5,
	ACPI_MADT_X2APIC = 9,
};

typedef struct __attribute__((packed)) acpi_madt_lapic {
	uint8_t type, length, acpi_uid, apic_id;
	uint32_t flags;
} acpi_madt_lapic_t;

typedef struct __attribute__((packed)) acpi_madt_ioapic {
	uint8_t type, length, id, reserved;
	uint32_t addr, gsi_base;
} acpi_madt_ioapic_t;

typedef struct __attribute__((packed)) acpi_madt_iso {
	uint8_t type, length, bus, source;
	uint32_t gsi;
	uint16_t flags;
} acpi_madt_iso_t;

typedef struct __attribute__((packed)) acpi_madt_lapic_addr {
	uint8_t type, length;
	uint16_t reserved;
	uint64_t addr;
} acpi_madt_lapic_addr_t;

typedef struct __attribute__((packed)) acpi_madt_x2apic {
	uint8_t type, length;
	uint16_t reserved;
	uint32_t x2apic_id, flags, acpi_uid;
} acpi_madt_x2apic_t;

typedef struct __attribute__((packed)) acpi_hpet {
	acpi_sdt_header_t hdr;
	uint32_t event_timer_block_id;
	acpi_gas_t base;
	uint8_t hpet_number;
	uint16_t min_tick;
	uint8_t page_protection;
} acpi_hpet_t;

typedef struct __attribute__((packed)) acpi_fadt {
	acpi_sdt_header_t hdr;
	uint32_t firmware_ctrl, dsdt;
	uint8_t reserved0, preferred_pm_profile;
	uint16_t sci_int;
	uint32_t smi_cmd;
	uint8_t acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
	uint32_t pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk;
	uint32_t pm2_cnt_blk, pm_tmr_blk, gpe0_blk, gpe1_blk;
	uint8_t pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;
	uint8_t gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
	uint16_t p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
	uint8_t duty_offset, duty_width, day_alrm, mon_alrm, century;
	uint16_t iapc_boot_arch;
	uint8_t reserved1;
	uint32_t flags; /* the ACPI 1.0 FADT ends here */
	acpi_gas_t reset_reg;
	uint8_t reset_value;
	uint16_t arm_boot_arch;
	uint8_t minor_version;
	uint64_t x_firmware_ctrl, x_dsdt;
	acpi_gas_t x_pm1a_evt_blk, x_pm1b_evt_blk, x_pm1a_cnt_blk;
	acpi_gas_t x_pm1b_cnt_blk, x_pm2_cnt_blk, x_pm_tmr_blk;
	acpi_gas_t x_gpe0_blk, x_gpe1_blk, sleep_control_reg, sleep_status_reg;
	uint64_t hypervisor_vendor_id;
} acpi_fadt_t;

#define ACPI_FADT_TMR_VAL_EXT (1u << 8)
#define ACPI_FADT_RESET_REG_SUP (1u << 10)
#define ACPI_FADT_V1_SIZE 116

/* True if a table of length len holds all of FADT field f. */
#define ACPI_FADT_HAS(len, f) \
	((len) >= offsetof(acpi_fadt_t, f) + sizeof(((acpi_fadt_t *)0)->f))

_Static_assert(sizeof(acpi_rsdp_t) == 36, "RSDP");
_Static_assert(offsetof(acpi_rsdp_t, length) == 20, "RSDP v1 part");
_Static_assert(offsetof(acpi_rsdp_t, xsdt_addr) == 24, "RSDP xsdt");
_Static_assert(sizeof(acpi_sdt_header_t) == 36, "SDT header");
_Static_assert(sizeof(acpi_gas_t) == 12, "GAS");
_Static_assert(sizeof(acpi_madt_t) == 44, "MADT fixed part");
_Static_assert(sizeof(acpi_madt_lapic_t) == 8, "MADT LAPIC");
_Static_assert(sizeof(acpi_madt_ioapic_t) == 12, "MADT IOAPIC");
_Static_assert(sizeof(acpi_madt_iso_t) == 10, "MADT ISO");
_Static_assert(sizeof(acpi_madt_lapic_addr_t) == 12, "MADT LAPIC addr");
_Static_assert(sizeof(acpi_madt_x2apic_t) == 16, "MADT x2APIC");
_Static_assert(sizeof(acpi_hpet_t) == 56, "HPET");
_Static_assert(offsetof(acpi_fadt_t, sci_int) == 46, "FADT SCI_INT");
_Static_assert(offsetof(acpi_fadt_t, pm_tmr_blk) == 76, "FADT PM_TMR_BLK");
_Static_assert(offsetof(acpi_fadt_t, flags) == 112, "FADT flags");
_Static_assert(offsetof(acpi_fadt_t, reset_reg) == ACPI_FADT_V1_SIZE, "v1");
_Static_assert(offsetof(acpi_fadt_t, reset_value) == 128, "FADT reset");
_Static_assert(offsetof(acpi_fadt_t, x_pm1a_cnt_blk) == 172, "FADT X_PM1a");
_Static_assert(offsetof(acpi_fadt_t, x_pm_tmr_blk) == 208, "FADT X_PM_TMR");
_Static_assert(sizeof(acpi_fadt_t) == 276, "FADT 6.x");

bool acpi_checksum_ok(const void *p, size_t len)
{
	const uint8_t *b = p;
	uint8_t sum = 0;

	for (size_t i = 0; i < len; i++)
		sum = (uint8_t)(sum + b[i]);
	return sum == 0;
}

int acpi_rsdp_parse(const void *rsdp, size_t len, uint64_t *root_phys,
		    bool *root_is_xsdt)
{
	acpi_rsdp_t r = { 0 };

	if (len < offsetof(acpi_rsdp_t, length))
		return -EINVAL;
	memcpy(&r, rsdp, len < sizeof r ? len : sizeof r);
	if (memcmp(r.signature, "RSD PTR ", 8) != 0 ||
	    !acpi_checksum_ok(rsdp, offsetof(acpi_rsdp_t, length)))
		return -EINVAL;
	if (r.revision >= 2) {
		if (r.length < sizeof r || r.length > len ||
		    !acpi_checksum_ok(rsdp, r.length))
			return -EINVAL;
		if (r.xsdt_addr) {
			*root_phys = r.xsdt_addr;
			*root_is_xsdt = true;
			return 0;
		}
	}
	if (!r.rsdt_addr)
		return -EINVAL;
	*root_phys = r.rsdt_addr;
	*root_is_xsdt = false;
	return 0;
}

static uint32_t acpi_sdt_length(const void *table)
{
	acpi_sdt_header_t h;

	memcpy(&h, table, sizeof h);
	return h.length;
}

/*
 * Maps the whole table at phys if its header says sig (NULL: any) and its
 * length and checksum are valid.
 */
static const void *acpi_table_map(acpi_map_fn map, void *ctx, uint64_t phys,
				  const char *sig)
{
	const void *t = map(ctx, phys, sizeof(acpi_sdt_header_t));
	uint32_t len;

	if (!t || (sig && memcmp(t, sig, 4) != 0))
		return NULL;
	len = acpi_sdt_length(t);
	if (len < sizeof(acpi_sdt_header_t))
		return NULL;
	t = map(ctx, phys, len);
	if (!t || acpi_sdt_length(t) != len || !acpi_checksum_ok(t, len))
		return NULL;
	return t;
}

const void *acpi_table_find(acpi_map_fn map, void *ctx, uint64_t root_phys,
			    bool root_is_xsdt, const char sig[4],
			    unsigned index)
{
	const uint8_t *root = acpi_table_map(map, ctx, root_phys,
					     root_is_xsdt ? "XSDT" : "RSDT");
	size_t entry_size = root_is_xsdt ? 8 : 4;
	size_t off, len;

	if (!root)
		return NULL;
	len = acpi_sdt_length(root);
	for (off = sizeof(acpi_sdt_header_t); len - off >= entry_size;
	     off += entry_size) {
		uint64_t phys = 0;
		memcpy(&phys, root + off, entry_size); /* little-endian */
		const void *t = acpi_table_map(map, ctx, phys, sig);
		if (t && index-- == 0)
			return t;
	}
	return NULL;
}

/* Adds or updates the CPU with this APIC id; dropped when the array is full. */
static void acpi_madt_cpu_add(acpi_madt_info_t *out, uint32_t apic_id,
			      uint32_t acpi_uid, uint32_t flags)
{
	uint32_t i;

	for (i = 0; i < out->cpu_count; i++)
		if (out->cpus[i].apic_id == apic_id)
			break;
	if (i == ACPI_MADT_MAX_CPUS)
		return;
	if (i == out->cpu_count)
		out->cpu_count++;
	out->cpus[i].apic_id = apic_id;
	out->cpus[i].acpi_uid = acpi_uid;
	out->cpus[i].enabled = flags & ACPI_LAPIC_ENABLED;
	out->cpus[i].online_capable = flags & ACPI_LAPIC_ONLINE_CAPABLE;
}

static void acpi_madt_ioapic_add(acpi_madt_info_t *out,
				 const acpi_madt_ioapic_t *e)
{
	if (out->ioapic_count == ACPI_MADT_MAX_IOAPICS)
		return;
	out->ioapics[out->ioapic_count].id = e->id;
	out->ioapics[out->ioapic_count].addr = e->addr;
	out->ioapics[out->ioapic_count].gsi_base = e->gsi_base;
	out->ioapic_count++;
}

static void acpi_madt_iso_add(acpi_madt_info_t *out, const acpi_madt_iso_t *e)
{
	if (out->iso_count == ACPI_MADT_MAX_ISOS)
		return;
	out->isos[out->iso_count].bus_irq = e->source;
	out->isos[out->iso_count].gsi = e->gsi;
	out->isos[out->iso_count].flags = e->flags;
	out->iso_count++;
}

/* Minimum entry length per MADT entry type we parse; 0 for others. */
static size_t acpi_madt_entry_min(uint8_t type)
{
	switch (type) {
	case ACPI_MADT_LAPIC: return sizeof(acpi_madt_lapic_t);
	case ACPI_MADT_IOAPIC: return sizeof(acpi_madt_ioapic_t);
	case ACPI_MADT_ISO: return sizeof(acpi_madt_iso_t);
	case ACPI_MADT_LAPIC_ADDR: return sizeof(acpi_madt_lapic_addr_t);
	case ACPI_MADT_X2APIC: return sizeof(acpi_madt_x2apic_t);
	default: return 0;
	}
}

/* Applies one entry already checked to be at least its type's size. */
static void acpi_madt_entry_apply(const uint8_t *p, acpi_madt_info_t *out)
{
	union {
		acpi_madt_lapic_t lapic;
		acpi_madt_ioapic_t ioapic;
		acpi_madt_iso_t iso;
		acpi_madt_lapic_addr_t addr;
		acpi_madt_x2apic_t x2apic;
	} e;

	memcpy(&e, p, acpi_madt_entry_min(p[0]));
	switch (p[0]) {
	case ACPI_MADT_LAPIC:
		acpi_madt_cpu_add(out, e.lapic.apic_id, e.lapic.acpi_uid,
				  e.lapic.flags);
		break;
	case ACPI_MADT_X2APIC:
		acpi_madt_cpu_add(out, e.x2apic.x2apic_id, e.x2apic.acpi_uid,
				  e.x2apic.flags);
		break;
	case ACPI_MADT_IOAPIC: acpi_madt_ioapic_add(out, &e.ioapic); break;
	case ACPI_MADT_ISO: acpi_madt_iso_add(out, &e.iso); break;
	case ACPI_MADT_LAPIC_ADDR: out->lapic_addr = e.addr.addr; break;
	}
}

int acpi_madt_parse(const void *madt, acpi_madt_info_t *out)
{
	const uint8_t *base = madt;
	acpi_madt_t m;

	memcpy(&m.hdr, madt, sizeof m.hdr);
	if (memcmp(m.hdr.signature, "APIC", 4) != 0 || m.hdr.length < sizeof m)
		return -EINVAL;
	memcpy(&m, madt, sizeof m);
	memset(out, 0, sizeof *out);
	out->lapic_addr = m.lapic_addr;
	out->has_8259 = m.flags & ACPI_MADT_PCAT_COMPAT;
	for (size_t off = sizeof m; off < m.hdr.length; off += base[off + 1]) {
		if (m.hdr.length - off < 2)
			return -EINVAL;
		uint8_t type = base[off], len = base[off + 1];
		if (len < 2 || len > m.hdr.length - off ||
		    len < acpi_madt_entry_min(type))
			return -EINVAL;
		acpi_madt_entry_apply(base + off, out);
	}
	return 0;
}

int acpi_hpet_parse(const void *hpet, uint64_t *base_phys)
{
	acpi_hpet_t h;

	memcpy(&h.hdr, hpet, sizeof h.hdr);
	if (memcmp(h.hdr.signature, "HPET", 4) != 0 || h.hdr.length < sizeof h)
		return -EINVAL;
	memcpy(&h, hpet, sizeof h);
	if (h.base.space_id != ACPI_SPACE_MEMORY || h.base.address == 0)
		return -EINVAL;
	*base_phys = h.base.address;
	return 0;
}

/* An I/O port from a 64-bit X_ block if it names one, else legacy. */
static uint32_t acpi_fadt_port(acpi_gas_t x, uint32_t legacy)
{
	if (x.address && x.space_id == ACPI_SPACE_IO)
		return (uint32_t)x.address;
	return legacy;
}

/* Clears the fields we use that a truncated table holds only in part. */
static void acpi_fadt_drop_partial(acpi_fadt_t *f, uint32_t len)
{
	static const acpi_gas_t none;

	if (!ACPI_FADT_HAS(len, reset_value)) {
		f->reset_reg = none;
		f->reset_value = 0;
	}
	if (!ACPI_FADT_HAS(len, x_pm1a_cnt_blk))
		f->x_pm1a_cnt_blk = none;
	if (!ACPI_FADT_HAS(len, x_pm_tmr_blk))
		f->x_pm_tmr_blk = none;
}

int acpi_fadt_parse(const void *fadt, acpi_fadt_info_t *out)
{
	acpi_fadt_t f = { 0 };
	uint32_t len;

	memcpy(&f.hdr, fadt, sizeof f.hdr);
	if (memcmp(f.hdr.signature, "FACP", 4) != 0 ||
	    f.hdr.length < ACPI_FADT_V1_SIZE)
		return -EINVAL;
	len = f.hdr.length < sizeof f ? f.hdr.length : sizeof f;
	memcpy(&f, fadt, len);
	acpi_fadt_drop_partial(&f, len);

	memset(out, 0, sizeof *out);
	out->sci_irq = f.sci_int;
	out->pm_timer_port = acpi_fadt_port(f.x_pm_tmr_blk,
					    f.pm_tmr_len == 4 ? f.pm_tmr_blk : 0);
	out->pm_timer_32bit = out->pm_timer_port &&
			      (f.flags & ACPI_FADT_TMR_VAL_EXT);
	out->pm1a_cnt_port = acpi_fadt_port(f.x_pm1a_cnt_blk, f.pm1a_cnt_blk);
	out->pm1b_cnt_port = acpi_fadt_port(f.x_pm1b_cnt_blk, f.pm1b_cnt_blk);
	out->smi_cmd_port = f.smi_cmd;
	out->acpi_enable = f.acpi_enable;
	out->dsdt_phys = f.x_dsdt ? f.x_dsdt : f.dsdt;
	out->cmos_century = f.century;
	out->reset_space = f.reset_reg.space_id;
	out->reset_addr = f.reset_reg.address;
	out->reset_value = f.reset_value;
	out->has_reset = (f.flags & ACPI_FADT_RESET_REG_SUP) &&
			 f.reset_reg.address != 0;
	return 0;
}

/* AML encodings used by \_S5 (ACPI spec, "ACPI Machine Language"). */
#define AML_NAME_OP    0x08
#define AML_PACKAGE_OP 0x12
#define AML_ZERO_OP    0x00
#define AML_ONE_OP     0x01
#define AML_BYTE_PREFIX 0x0a
#define AML_ROOT_CHAR  0x5c

/* One integer constant at p (at most end); its size, 0 if not one. */
static size_t acpi_aml_small_int(const uint8_t *p, const uint8_t *end, uint8_t *value)
{
	if (p >= end)
		return 0;
	if (*p == AML_ZERO_OP || *p == AML_ONE_OP) {
		*value = *p;
		return 1;
	}
	if (*p == AML_BYTE_PREFIX && p + 1 < end) {
		*value = p[1];
		return 2;
	}
	return 0;
}

int acpi_s5_parse(const void *dsdt, size_t len, uint8_t *slp_typa, uint8_t *slp_typb)
{
	const uint8_t *t = dsdt, *end = t + len;

	for (const uint8_t *p = t + sizeof(acpi_sdt_header_t); p + 4 < end; p++) {
		if (memcmp(p, "_S5_", 4) != 0)
			continue;
		/* Name(_S5_ ...) or Name(\_S5_ ...) */
		bool named = (p > t && p[-1] == AML_NAME_OP) ||
			     (p > t + 1 && p[-1] == AML_ROOT_CHAR && p[-2] == AML_NAME_OP);
		const uint8_t *q = p + 4;
		if (!named || q >= end || *q++ != AML_PACKAGE_OP || q >= end)
			continue;
		q += 1 + (*q >> 6);     /* PkgLength: the lead byte says how many follow */
		q++;                    /* NumElements */
		size_t n = acpi_aml_small_int(q, end, slp_typa);
		if (!n)
			continue;
		if (!acpi_aml_small_int(q + n, end, slp_typb))
			continue;
		return 0;
	}
	return -ENOENT;
}
