// SPDX-License-Identifier: MIT
/*
 * Tests for drivers/ahcid: the pure builders (register FIS bytes, PRDT
 * splitting, command headers), IDENTIFY decoding, error text and
 * classification, and the HBA and port state machines against a
 * simulated HBA with one small disk per port.
 *
 * The simulation keeps the register semantics that matter: PxIS, PxSERR
 * and IS are write-1-to-clear, PxCI and PxSACT write-1-to-set, CR/FR
 * follow ST/FRE, clearing ST empties PxCI/PxSACT, a DET 1->0 edge in
 * PxSCTL is a COMRESET. Commands run only when the test calls fake_run()
 * (or, with auto_run, in the driver's delays), so a test can look at what
 * is on the device at once. The device executes the command FIS it finds
 * in the command table through the PRDT, from and to a byte array, and
 * fails any command touching `fail_lba` — reporting a queued error the
 * way QEMU 7.2 does (ERR in the SDB FIS, the tag left in PxSACT, no TFES)
 * or the way the AHCI/SATA specifications describe (TFES, and the device
 * aborts every outstanding queued command).
 */
#include "scheme_call.h"
#include "unit.h"

#include <drivers/ahcid/ahci_err.h>
#include <drivers/lib/drvctl.h>
#include <drivers/ahcid/fis.h>
#include <drivers/ahcid/hba.h>
#include <drivers/ahcid/identify.h>
#include <drivers/ahcid/port.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NPORTS      2
#define ARENA_PHYS  0x40000000ull
#define ARENA_SIZE  (1u << 20)
#define DISK_SECT   256u
#define SECT        512u

typedef struct fake_dev {
	bool present, atapi, ncq;
	bool spec_errors;               /* false: QEMU 7.2's way of reporting NCQ errors */
	bool gone_after_error;          /* the device vanishes once it failed */
	int64_t fail_lba;               /* -1: none */
	uint8_t disk[DISK_SECT * SECT];
	unsigned comresets, flushes, executed;
	uint32_t max_ci;                /* most CI bits seen at once */
} fake_dev_t;

typedef struct fake {
	uint32_t regs[(0x100 + NPORTS * 0x80) / 4];
	uint8_t *arena;
	size_t arena_used;
	fake_dev_t dev[NPORTS];
	bool auto_run;
	unsigned hba_resets;
	char log[4096];
	ahci_env_t env;
} fake_t;

static uint32_t *preg(fake_t *f, unsigned port, unsigned off)
{
	return &f->regs[(AHCI_PORT_BASE(port) + off) / 4];
}

static void *virt(fake_t *f, uint64_t phys)
{
	if (phys < ARENA_PHYS || phys >= ARENA_PHYS + ARENA_SIZE)
		abort();
	return f->arena + (phys - ARENA_PHYS);
}

static uint64_t arena_alloc(fake_t *f, size_t len, uint64_t *phys)
{
	size_t off = (f->arena_used + 4095) & ~(size_t)4095;

	f->arena_used = off + len;
	*phys = ARENA_PHYS + off;
	return off;
}

static void fake_irq(fake_t *f, unsigned port, uint32_t bits)
{
	*preg(f, port, AHCI_PxIS) |= bits;
	if (*preg(f, port, AHCI_PxIS) & *preg(f, port, AHCI_PxIE))
		f->regs[AHCI_IS / 4] |= 1u << port;
}

/* The device's first D2H FIS: signature and a ready status. */
static void fake_signature(fake_t *f, unsigned port)
{
	fake_dev_t *d = &f->dev[port];

	if (!d->present)
		return;
	*preg(f, port, AHCI_PxSIG) = d->atapi ? AHCI_SIG_ATAPI : AHCI_SIG_ATA;
	*preg(f, port, AHCI_PxTFD) = 0x50;
	fake_irq(f, port, AHCI_PxIS_DHRS);
}

static void fake_port_write(fake_t *f, unsigned port, unsigned off, uint32_t v)
{
	uint32_t *r = preg(f, port, off), old = *r;

	switch (off) {
	case AHCI_PxIS:
	case AHCI_PxSERR:
		*r &= ~v;
		break;
	case AHCI_PxCI:
	case AHCI_PxSACT:
		*r |= v;
		break;
	case AHCI_PxCMD:
		*r = (v & ~(AHCI_PxCMD_CR | AHCI_PxCMD_FR)) | ((v & AHCI_PxCMD_ST) ? AHCI_PxCMD_CR : 0) |
		     ((v & AHCI_PxCMD_FRE) ? AHCI_PxCMD_FR : 0);
		if ((old & AHCI_PxCMD_ST) && !(v & AHCI_PxCMD_ST))
			*preg(f, port, AHCI_PxCI) = *preg(f, port, AHCI_PxSACT) = 0;
		if (!(old & AHCI_PxCMD_FRE) && (v & AHCI_PxCMD_FRE))
			fake_signature(f, port);
		break;
	case AHCI_PxSCTL:
		*r = v;
		if ((old & 0xf) == 1 && (v & 0xf) == 0) {
			f->dev[port].comresets++;
			*preg(f, port, AHCI_PxCI) = *preg(f, port, AHCI_PxSACT) = 0;
			*preg(f, port, AHCI_PxSERR) |= 0x04000000;      /* X: exchanged */
			fake_signature(f, port);
		}
		break;
	default:
		*r = v;
	}
}

static void fake_write(void *ctx, volatile uint32_t *reg, uint32_t v)
{
	fake_t *f = ctx;
	unsigned off = (unsigned)((uint32_t *)reg - f->regs) * 4;

	if (off >= 0x100) {
		fake_port_write(f, (off - 0x100) / 0x80, off & 0x7f, v);
	} else if (off == AHCI_GHC && (v & AHCI_GHC_HR)) {
		f->hba_resets++;
		for (unsigned p = 0; p < NPORTS; p++)
			memset(preg(f, p, 0), 0, 0x80);
		f->regs[AHCI_GHC / 4] = AHCI_GHC_AE;
		f->regs[AHCI_IS / 4] = 0;
	} else if (off == AHCI_IS) {
		f->regs[off / 4] &= ~v;
	} else {
		f->regs[off / 4] = v;
	}
}

static uint32_t fake_read(void *ctx, volatile uint32_t *reg)
{
	fake_t *f = ctx;
	unsigned off = (unsigned)((uint32_t *)reg - f->regs) * 4;

	if (off >= 0x100 && (off & 0x7f) == AHCI_PxSSTS) {
		unsigned port = (off - 0x100) / 0x80;
		bool in_reset = (*preg(f, port, AHCI_PxSCTL) & 0xf) == 1;
		return f->dev[port].present && !in_reset ? 0x113 : 0;
	}
	return f->regs[off / 4];
}

/* --- the simulated device ------------------------------------------------------------ */

static void fake_identify_words(const fake_dev_t *d, uint8_t out[512])
{
	uint16_t w[256] = { 0 };

	w[49] = 1u << 9;
	w[83] = 0x4000 | (1u << 10) | (1u << 13);
	w[100] = DISK_SECT;
	if (d->ncq) {
		w[75] = 31;
		w[76] = 1u << 8;
	}
	for (int i = 27; i <= 46; i++)
		w[i] = 0x2020;
	w[27] = 'M' << 8 | 'o';         /* two characters per word, the first in the high byte */
	w[28] = 'd' << 8 | 'e';
	w[29] = 'l' << 8 | ' ';
	for (int i = 0; i < 256; i++) {
		out[2 * i] = (uint8_t)w[i];
		out[2 * i + 1] = (uint8_t)(w[i] >> 8);
	}
}

/* Moves len bytes between the device buffer dev and the PRDT's buffers. */
static uint32_t fake_dma(fake_t *f, const ahci_cmd_header_t *h, const ahci_cmd_table_t *t,
			 uint8_t *dev, uint32_t len, bool to_device)
{
	uint32_t done = 0;

	for (unsigned i = 0; i < h->prdtl && done < len; i++) {
		uint64_t pa = t->prdt[i].dba | (uint64_t)t->prdt[i].dbau << 32;
		uint32_t n = (t->prdt[i].dbc & 0x3fffff) + 1;
		if (n > len - done)
			n = len - done;
		if (to_device)
			memcpy(dev + done, virt(f, pa), n);
		else
			memcpy(virt(f, pa), dev + done, n);
		done += n;
	}
	return done;
}

/* Runs slot s; false when it failed. */
static bool fake_exec(fake_t *f, unsigned port, unsigned s, bool *queued)
{
	fake_dev_t *d = &f->dev[port];
	uint64_t clb = *preg(f, port, AHCI_PxCLB) | (uint64_t)*preg(f, port, AHCI_PxCLBU) << 32;
	ahci_cmd_header_t *h = (ahci_cmd_header_t *)virt(f, clb) + s;
	ahci_cmd_table_t *t = virt(f, h->ctba | (uint64_t)h->ctbau << 32);
	const uint8_t *x = t->cfis;
	uint64_t lba = x[4] | (uint64_t)x[5] << 8 | (uint64_t)x[6] << 16 | (uint64_t)x[8] << 24 |
		       (uint64_t)x[9] << 32 | (uint64_t)x[10] << 40;
	uint32_t count;
	uint8_t id[512];

	*queued = x[2] == ATA_CMD_READ_FPDMA || x[2] == ATA_CMD_WRITE_FPDMA;
	count = *queued ? (uint32_t)(x[3] | x[11] << 8) : (uint32_t)(x[12] | x[13] << 8);
	if (count == 0)
		count = 65536;
	d->executed++;
	switch (x[2]) {
	case ATA_CMD_IDENTIFY:
		fake_identify_words(d, id);
		h->prdbc = fake_dma(f, h, t, id, 512, false);
		return !d->atapi;
	case ATA_CMD_FLUSH_EXT:
		d->flushes++;
		return true;
	case ATA_CMD_READ_DMA_EXT:
	case ATA_CMD_WRITE_DMA_EXT:
	case ATA_CMD_READ_FPDMA:
	case ATA_CMD_WRITE_FPDMA:
		if (lba + count > DISK_SECT || (d->fail_lba >= 0 && (uint64_t)d->fail_lba >= lba &&
						 (uint64_t)d->fail_lba < lba + count))
			return false;
		h->prdbc = fake_dma(f, h, t, d->disk + lba * SECT, count * SECT,
				    x[2] == ATA_CMD_WRITE_DMA_EXT || x[2] == ATA_CMD_WRITE_FPDMA);
		return true;
	}
	return false;
}

/* Executes every issued command of the port, as the device would. */
static void fake_run(fake_t *f, unsigned port)
{
	fake_dev_t *d = &f->dev[port];
	uint32_t *ci = preg(f, port, AHCI_PxCI), *sact = preg(f, port, AHCI_PxSACT);
	uint32_t *tfd = preg(f, port, AHCI_PxTFD);
	unsigned n = (unsigned)__builtin_popcount(*ci);

	if (n > d->max_ci)
		d->max_ci = n;
	if (!(*preg(f, port, AHCI_PxCMD) & AHCI_PxCMD_ST))
		return;
	for (unsigned s = 0; s < 32 && *ci; s++) {
		bool queued;
		if (!(*ci & (1u << s)))
			continue;
		if (fake_exec(f, port, s, &queued)) {
			*ci &= ~(1u << s);
			*sact &= ~(1u << s);
			*tfd = 0x50;
			fake_irq(f, port, queued ? AHCI_PxIS_SDBS : AHCI_PxIS_DHRS);
			continue;
		}
		*tfd = 0x51 | 0x04 << 8;        /* ERR, ABRT */
		if (d->gone_after_error)
			d->present = false;
		if (!queued) {                  /* the HBA stops with CI still set */
			fake_irq(f, port, AHCI_PxIS_TFES | AHCI_PxIS_DHRS);
			return;
		}
		*ci &= ~(1u << s);
		if (d->spec_errors) {           /* every outstanding command aborted */
			fake_irq(f, port, AHCI_PxIS_TFES | AHCI_PxIS_SDBS);
			*ci = 0;
			return;
		}
		*preg(f, port, AHCI_PxSERR) |= 1u << s; /* QEMU: SERR bit `tag` */
		fake_irq(f, port, AHCI_PxIS_SDBS);      /* the tag stays in SACT, others go on */
	}
}

static void fake_delay(void *ctx, unsigned us)
{
	fake_t *f = ctx;

	(void)us;
	if (f->auto_run)
		for (unsigned p = 0; p < NPORTS; p++)
			fake_run(f, p);
}

static void fake_log(void *ctx, const char *msg)
{
	fake_t *f = ctx;
	size_t len = strlen(f->log);

	snprintf(f->log + len, sizeof(f->log) - len, "%s\n", msg);
}

static fake_t *fake_new(void)
{
	fake_t *f = calloc(1, sizeof(*f));

	f->arena = aligned_alloc(4096, ARENA_SIZE);
	memset(f->arena, 0, ARENA_SIZE);
	f->regs[AHCI_CAP / 4] = (NPORTS - 1) | (31u << 8) | AHCI_CAP_SNCQ | AHCI_CAP_S64A;
	f->regs[AHCI_PI / 4] = (1u << NPORTS) - 1;
	f->regs[AHCI_VS / 4] = 0x10000;
	for (unsigned p = 0; p < NPORTS; p++) {
		f->dev[p].fail_lba = -1;
		for (unsigned i = 0; i < sizeof(f->dev[p].disk); i++)
			f->dev[p].disk[i] = (uint8_t)(i * 7 + i / SECT + p);
	}
	f->env = (ahci_env_t){ .delay_us = fake_delay, .log = fake_log, .reg_read = fake_read,
			       .reg_write = fake_write, .ctx = f };
	return f;
}

static void fake_free(fake_t *f)
{
	free(f->arena);
	free(f);
}

/* --- the pure builders ----------------------------------------------------------------- */

TEST(fis_read_dma_ext_bytes)
{
	ata_tf_t tf;
	uint8_t fis[FIS_H2D_LEN];
	const uint8_t want[FIS_H2D_LEN] = { 0x27, 0x80, 0x25, 0, 0x66, 0x55, 0x44, 0x40,
					    0x33, 0x22, 0x11, 0, 0x34, 0x12 };

	CHECK_EQ(ata_tf_rw_dma_ext(&tf, false, 0x112233445566ull, 0x1234), 0);
	fis_h2d_build(fis, &tf);
	CHECK(memcmp(fis, want, sizeof(want)) == 0);
	CHECK_EQ(ata_tf_rw_dma_ext(&tf, true, 0, 65536), 0);
	fis_h2d_build(fis, &tf);
	CHECK_EQ(fis[2], 0x35);
	CHECK_EQ(fis[12], 0);           /* 65536 sectors are encoded as 0 */
	CHECK_EQ(fis[13], 0);
	CHECK_EQ(ata_tf_rw_dma_ext(&tf, false, 0, 0), -EINVAL);
	CHECK_EQ(ata_tf_rw_dma_ext(&tf, false, 0, 65537), -EINVAL);
	CHECK_EQ(ata_tf_rw_dma_ext(&tf, false, (1ull << 48) - 1, 2), -EINVAL);
	CHECK_EQ(ata_tf_rw_dma_ext(&tf, false, (1ull << 48) - 1, 1), 0);
}

TEST(fis_fpdma_puts_count_in_features_and_tag_in_count)
{
	ata_tf_t tf;
	uint8_t fis[FIS_H2D_LEN];

	CHECK_EQ(ata_tf_rw_fpdma(&tf, true, 0x0a0b0c, 0x0203, 31), 0);
	fis_h2d_build(fis, &tf);
	CHECK_EQ(fis[2], 0x61);
	CHECK_EQ(fis[3], 0x03);
	CHECK_EQ(fis[11], 0x02);
	CHECK_EQ(fis[12], 31 << 3);
	CHECK_EQ(fis[13], 0);
	CHECK_EQ(fis[7], 0x40);
	CHECK_EQ(fis[4], 0x0c);
	CHECK_EQ(fis[6], 0x0a);
	CHECK_EQ(ata_tf_rw_fpdma(&tf, false, 0, 8, 32), -EINVAL);
	ata_tf_flush_ext(&tf);
	fis_h2d_build(fis, &tf);
	CHECK_EQ(fis[2], 0xea);
	ata_tf_identify(&tf);
	fis_h2d_build(fis, &tf);
	CHECK_EQ(fis[2], 0xec);
	CHECK_EQ(fis[7], 0);
}

TEST(slot_build_splits_the_prdt_at_4_mib)
{
	static ahci_cmd_table_t table;
	ahci_cmd_header_t hdr;
	ata_tf_t tf;
	ahci_seg_t segs[2] = { { 0x123456000ull, 9u << 20 }, { 0x2000, 512 } };

	memset(&hdr, 0xff, sizeof(hdr));
	ata_tf_rw_dma_ext(&tf, true, 5, 100);
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x7f000080ull, &tf, true, segs, 2), 4);
	CHECK_EQ(hdr.flags, 5 | AHCI_CH_WRITE);
	CHECK_EQ(hdr.prdtl, 4);
	CHECK_EQ(hdr.prdbc, 0);
	CHECK_EQ(hdr.ctba, 0x7f000080u);
	CHECK_EQ(hdr.ctbau, 0);
	CHECK_EQ(hdr.reserved[0], 0);
	CHECK_EQ(table.prdt[0].dba, 0x23456000u);
	CHECK_EQ(table.prdt[0].dbau, 1);
	CHECK_EQ(table.prdt[0].dbc, (4u << 20) - 1);
	CHECK_EQ(table.prdt[1].dba, 0x23856000u);
	CHECK_EQ(table.prdt[2].dba, 0x23c56000u);
	CHECK_EQ(table.prdt[2].dbc, (1u << 20) - 1);
	CHECK_EQ(table.prdt[3].dba, 0x2000);
	CHECK_EQ(table.prdt[3].dbc, 511);
	CHECK_EQ(table.cfis[0], 0x27);
	CHECK_EQ(table.cfis[2], 0x35);

	ahci_seg_t odd = { 0x1000, 3 }, odd_addr = { 0x1001, 2 }, empty = { 0x1000, 0 };
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x1000, &tf, false, &odd, 1), -EINVAL);
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x1000, &tf, false, &odd_addr, 1), -EINVAL);
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x1000, &tf, false, &empty, 1), -EINVAL);
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x1040, &tf, false, segs, 1), -EINVAL);
	ahci_seg_t big = { 0, 33u << 20 };      /* 9 entries */
	CHECK_EQ(ahci_prdt_count(&big, 1), -EINVAL);
	big.len = 32u << 20;
	CHECK_EQ(ahci_prdt_count(&big, 1), 8);
	CHECK_EQ(ahci_slot_build(&hdr, &table, 0x1000, &tf, false, NULL, 0), 0);
	CHECK_EQ(hdr.prdtl, 0);
	CHECK_EQ(hdr.flags, 5);
}

/* --- IDENTIFY ------------------------------------------------------------------------- */

static void id_put(uint8_t *id, unsigned w, uint16_t v)
{
	id[2 * w] = (uint8_t)v;
	id[2 * w + 1] = (uint8_t)(v >> 8);
}

static void id_checksum(uint8_t *id)
{
	uint8_t sum = 0;

	id[510] = 0xa5;
	for (unsigned i = 0; i < 511; i++)
		sum = (uint8_t)(sum + id[i]);
	id[511] = (uint8_t)-sum;
}

TEST(identify_decodes_capacity_sizes_ncq_and_strings)
{
	uint8_t id[512] = { 0 };
	ata_identify_t info;
	const char *model = "QEMU HARDDISK                           ";

	id_put(id, 49, 1u << 9);
	id_put(id, 60, 0xffff);
	id_put(id, 61, 0x0fff);
	id_put(id, 75, 31);
	id_put(id, 76, 1u << 8);
	id_put(id, 83, 0x4000 | 1u << 10 | 1u << 13);
	id_put(id, 85, 1u << 5);
	id_put(id, 100, 0x5678);
	id_put(id, 101, 0x1234);
	id_put(id, 102, 0x0002);
	id_put(id, 106, 0x4000 | 1u << 13 | 1u << 12 | 3);     /* 8 logical per physical */
	id_put(id, 117, 2048);          /* words: 4096 bytes */
	for (unsigned i = 0; i < 20; i++)
		id_put(id, 27 + i, (uint16_t)(model[2 * i] << 8 | model[2 * i + 1]));
	id_put(id, 10, ' ' << 8 | ' ');
	id_put(id, 11, 'Q' << 8 | 'M');
	for (unsigned i = 12; i < 20; i++)
		id_put(id, i, 0x2020);
	id_put(id, 23, '2' << 8 | '.');
	id_put(id, 24, '5' << 8 | '+');
	id_put(id, 25, 0x2020);
	id_put(id, 26, 0x2020);
	id_checksum(id);
	CHECK_EQ(ata_identify_parse(id, &info), 0);
	CHECK_EQ(info.sectors, 0x000212345678ull);
	CHECK_EQ(info.sector_size, 4096);
	CHECK_EQ(info.phys_sector_size, 32768);
	CHECK(info.lba48);
	CHECK(info.flush_ext);
	CHECK(info.write_cache);
	CHECK(info.ncq);
	CHECK_EQ(info.ncq_depth, 32);
	CHECK_STR(info.model, "QEMU HARDDISK");
	CHECK_STR(info.serial, "QM");
	CHECK_STR(info.firmware, "2.5+");

	id[100] ^= 1;                   /* checksum now wrong */
	CHECK_EQ(ata_identify_parse(id, &info), -EINVAL);
	id[100] ^= 1;
	id_put(id, 83, 0x4000);         /* no LBA48: the 28-bit count */
	id_put(id, 76, 0);
	id_put(id, 106, 0);
	id_checksum(id);
	CHECK_EQ(ata_identify_parse(id, &info), 0);
	CHECK(!info.lba48);
	CHECK(!info.ncq);
	CHECK_EQ(info.sectors, 0x0fffffffull);
	CHECK_EQ(info.sector_size, 512);
	id_put(id, 0, 0x8000);          /* not an ATA device */
	id_checksum(id);
	CHECK_EQ(ata_identify_parse(id, &info), -EINVAL);
	id_put(id, 0, 0);
	id_put(id, 106, 0x4000 | 1u << 12);
	id_put(id, 117, 300);           /* 600 bytes: not a power of two */
	id_checksum(id);
	CHECK_EQ(ata_identify_parse(id, &info), -EINVAL);
}

/* --- errors --------------------------------------------------------------------------- */

TEST(error_text_names_bits)
{
	char buf[160];

	ahci_err_describe(AHCI_PxIS_TFES | AHCI_PxIS_SDBS, 0x0451, 0x04000000, buf, sizeof(buf));
	CHECK_STR(buf, "TFES (status 51 error 04: ABRT) serr 04000000");
	ahci_err_describe(AHCI_PxIS_HBFS | AHCI_PxIS_IFS, 0x50, 0, buf, sizeof(buf));
	CHECK_STR(buf, "HBFS|IFS (status 50 error 00) serr 00000000");
	ahci_err_describe(0, 0x5041, 1, buf, sizeof(buf));
	CHECK_STR(buf, "(status 41 error 50: UNC|IDNF) serr 00000001");
	CHECK_EQ(ahci_err_describe(AHCI_PxIS_TFES, 0x451, 0, buf, 8), 45);
	CHECK_STR(buf, "TFES (s");
}

TEST(error_classification)
{
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_DHRS, 0x50, 0, false, true), AHCI_ERR_NONE);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_TFES, 0x451, 0, false, true), AHCI_ERR_RESTART);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_TFES, 0x451, 0, true, true), AHCI_ERR_RESET);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_TFES, 0x4d1, 0, false, true), AHCI_ERR_RESET);  /* BSY */
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_SDBS, 0x451, 0, true, true), AHCI_ERR_RESET);   /* QEMU */
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_SDBS, 0x451, 0, true, false), AHCI_ERR_NONE);   /* stale */
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_HBDS, 0x50, 0, false, false), AHCI_ERR_RESTART);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_PRCS, 0x50, 0, false, false), AHCI_ERR_RESET);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_INFS, 0x50, 0, false, true), AHCI_ERR_NONE);
	/* QEMU's queued error: only a PxSERR bit once a later completion rewrote PxTFD */
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_SDBS, 0x50, 1u << 5, true, true), AHCI_ERR_RESET);
	CHECK_EQ(ahci_err_classify(AHCI_PxIS_DHRS, 0x50, 1u << 5, false, true), AHCI_ERR_NONE);
}

/* --- HBA and port against the simulation ------------------------------------------------ */

typedef struct rig {
	fake_t *f;
	ahci_hba_t hba;
	ahci_port_t port;
	ata_identify_t id;
	ahci_req_t req[8];
	ahci_req_t *order[64];          /* completions in order */
	int status[64];
	unsigned ndone;
} rig_t;

static void rig_done(void *ctx, ahci_req_t *r, int status)
{
	rig_t *g = ctx;

	g->order[g->ndone] = r;
	g->status[g->ndone++] = status;
}

static uint8_t *buf_of(rig_t *g, const ahci_req_t *r)
{
	return virt(g->f, r->seg.phys);
}

/* A controller with a disk (ATA, NCQ or not) on `port`, identified and configured. */
static int rig_up(rig_t *g, unsigned port, bool ncq)
{
	uint64_t phys;
	int rc;

	memset(g, 0, sizeof(*g));
	g->f = fake_new();
	g->f->dev[port].present = true;
	g->f->dev[port].ncq = ncq;
	if ((rc = ahci_hba_init(&g->hba, g->f->regs, &g->f->env)) < 0)
		return rc;
	size_t off = arena_alloc(g->f, AHCI_PORT_MEM_SIZE, &phys);
	ahci_port_hba_t caps = ahci_hba_port_caps(&g->hba);
	rc = ahci_port_init(&g->port, ahci_hba_port_regs(&g->hba, port), port, &g->f->env,
			    g->f->arena + off, phys, &caps);
	if (rc < 0)
		return rc;
	uint64_t idphys;
	arena_alloc(g->f, 512, &idphys);
	ahci_req_t r = { .op = AHCI_REQ_IDENTIFY, .seg = { idphys, 512 } };
	g->f->auto_run = true;
	rc = ahci_port_run_sync(&g->port, &r, 100);
	g->f->auto_run = false;
	if (rc < 0)
		return rc;
	if ((rc = ata_identify_parse(virt(g->f, idphys), &g->id)) < 0)
		return rc;
	ahci_port_configure(&g->port, &g->id, 0, rig_done, g);
	for (unsigned i = 0; i < 8; i++) {
		uint64_t bp;
		arena_alloc(g->f, 8 * SECT, &bp);
		g->req[i] = (ahci_req_t){ .op = AHCI_REQ_READ, .lba = i * 8, .count = 8,
					  .seg = { bp, 8 * SECT } };
	}
	return 0;
}

static void rig_down(rig_t *g)
{
	fake_free(g->f);
}

/* The port's interrupt handler, as main.c calls it. */
static void rig_irq(rig_t *g)
{
	uint32_t is = ahci_hba_pending(&g->hba);

	ahci_port_interrupt(&g->port);
	ahci_hba_ack(&g->hba, is);
}

static bool rig_read_ok(rig_t *g, unsigned i)
{
	const ahci_req_t *r = &g->req[i];

	return memcmp(buf_of(g, r), g->f->dev[g->port.no].disk + r->lba * SECT, r->count * SECT) == 0;
}

TEST(hba_reset_enables_ahci_and_reads_caps)
{
	fake_t *f = fake_new();
	ahci_hba_t h;

	f->regs[AHCI_GHC / 4] = AHCI_GHC_IE;    /* as a BIOS may leave it */
	CHECK_EQ(ahci_hba_init(&h, f->regs, &f->env), 0);
	CHECK_EQ(f->hba_resets, 1);
	CHECK_EQ(f->regs[AHCI_GHC / 4], AHCI_GHC_AE);
	CHECK_EQ(h.nslots, 32);
	CHECK_EQ(h.pi, 3);
	ahci_port_hba_t caps = ahci_hba_port_caps(&h);
	CHECK(caps.ncq);
	CHECK(!caps.sss);
	ahci_hba_irq_enable(&h, true);
	CHECK_EQ(f->regs[AHCI_GHC / 4], AHCI_GHC_AE | AHCI_GHC_IE);
	CHECK(ahci_hba_port_regs(&h, 1) == &f->regs[0x180 / 4]);
	fake_free(f);
}

TEST(port_without_device_is_enodev_and_atapi_is_recognised)
{
	fake_t *f = fake_new();
	ahci_hba_t h;
	ahci_port_t p;
	uint64_t phys;

	f->dev[1].present = true;
	f->dev[1].atapi = true;
	CHECK_EQ(ahci_hba_init(&h, f->regs, &f->env), 0);
	size_t off = arena_alloc(f, AHCI_PORT_MEM_SIZE, &phys);
	ahci_port_hba_t caps = ahci_hba_port_caps(&h);
	CHECK_EQ(ahci_port_init(&p, ahci_hba_port_regs(&h, 0), 0, &f->env, f->arena + off, phys,
				&caps), -ENODEV);
	CHECK_EQ(ahci_port_init(&p, ahci_hba_port_regs(&h, 1), 1, &f->env, f->arena + off, phys,
				&caps), 0);
	CHECK_EQ(ahci_port_signature(&p), AHCI_SIG_ATAPI);
	CHECK_EQ(*preg(f, 1, AHCI_PxCLB), (uint32_t)phys);
	CHECK_EQ(*preg(f, 1, AHCI_PxFB), (uint32_t)phys + AHCI_MEM_FIS);
	CHECK_EQ(*preg(f, 1, AHCI_PxCMD) & (AHCI_PxCMD_ST | AHCI_PxCMD_FRE),
		 AHCI_PxCMD_ST | AHCI_PxCMD_FRE);
	CHECK_EQ(*preg(f, 1, AHCI_PxIE), AHCI_PxIE_WANTED);
	CHECK_EQ(*preg(f, 1, AHCI_PxSERR), 0);
	ahci_port_shutdown(&p);
	CHECK_EQ(*preg(f, 1, AHCI_PxCMD) & AHCI_PxCMD_ST, 0);
	CHECK_EQ(*preg(f, 1, AHCI_PxIE), 0);
	fake_free(f);
}

TEST(identify_through_the_port)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 1, true), 0);
	CHECK_EQ(g.id.sectors, DISK_SECT);
	CHECK_EQ(g.id.sector_size, 512);
	CHECK(g.id.ncq);
	CHECK_STR(g.id.model, "Model");
	CHECK(g.port.ncq);
	CHECK_EQ(g.port.depth, 32);
	CHECK_EQ(g.f->dev[1].executed, 1);
	rig_down(&g);
}

TEST(ncq_reads_are_all_on_the_device_at_once)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	for (unsigned i = 0; i < 5; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x1f);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxSACT), 0x1f);
	ahci_cmd_table_t *t = ahci_port_cmd_table(&g.port, 3);
	CHECK_EQ(t->cfis[2], ATA_CMD_READ_FPDMA);
	CHECK_EQ(t->cfis[12], 3 << 3);  /* tag = slot */
	CHECK_EQ(t->cfis[4], 24);       /* req 3: lba 24 */
	fake_run(g.f, 0);
	CHECK_EQ(g.ndone, 0);           /* nothing before the interrupt */
	rig_irq(&g);
	CHECK_EQ(g.ndone, 5);
	for (unsigned i = 0; i < 5; i++) {
		CHECK_EQ(g.status[i], 0);
		CHECK(g.order[i] == &g.req[i]);
		CHECK(rig_read_ok(&g, i));
	}
	CHECK_EQ(g.port.busy, 0);
	CHECK_EQ(g.f->regs[AHCI_IS / 4], 0);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxIS), 0);
	rig_down(&g);
}

TEST(ncq_depth_limits_what_is_issued)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.port.depth = 2;
	for (unsigned i = 0; i < 5; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x3);
	for (unsigned round = 0; round < 3; round++) {
		fake_run(g.f, 0);
		rig_irq(&g);
	}
	CHECK_EQ(g.ndone, 5);
	CHECK_EQ(g.f->dev[0].max_ci, 2);
	for (unsigned i = 0; i < 5; i++)
		CHECK(rig_read_ok(&g, i));
	rig_down(&g);
}

TEST(without_ncq_commands_go_one_at_a_time_in_order)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 1, false), 0);
	CHECK(!g.port.ncq);
	g.req[1].op = AHCI_REQ_WRITE;
	memset(buf_of(&g, &g.req[1]), 0xab, 8 * SECT);
	for (unsigned i = 0; i < 3; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	CHECK_EQ(*preg(g.f, 1, AHCI_PxCI), 0x1);
	CHECK_EQ(*preg(g.f, 1, AHCI_PxSACT), 0);
	CHECK_EQ(ahci_port_cmd_table(&g.port, 0)->cfis[2], ATA_CMD_READ_DMA_EXT);
	for (unsigned round = 0; round < 3; round++) {
		fake_run(g.f, 1);
		rig_irq(&g);
	}
	CHECK_EQ(g.ndone, 3);
	CHECK_EQ(g.f->dev[1].max_ci, 1);
	for (unsigned i = 0; i < 3; i++)
		CHECK(g.order[i] == &g.req[i] && g.status[i] == 0);
	CHECK(rig_read_ok(&g, 0));
	CHECK(rig_read_ok(&g, 2));
	CHECK_EQ(g.f->dev[1].disk[8 * SECT], 0xab);
	CHECK_EQ(g.f->dev[1].disk[16 * SECT - 1], 0xab);
	CHECK(g.f->dev[1].disk[16 * SECT] != 0xab);
	rig_down(&g);
}

TEST(flush_waits_for_queued_commands_and_runs_alone)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.req[2] = (ahci_req_t){ .op = AHCI_REQ_FLUSH };
	for (unsigned i = 0; i < 4; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x3);        /* the flush waits */
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 2);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x1);        /* the flush, alone */
	CHECK_EQ(*preg(g.f, 0, AHCI_PxSACT), 0);
	CHECK_EQ(ahci_port_cmd_table(&g.port, 0)->cfis[2], ATA_CMD_FLUSH_EXT);
	CHECK_EQ(ahci_port_cmd_header(&g.port, 0)->prdtl, 0);
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 3);
	CHECK(g.order[2] == &g.req[2]);
	CHECK_EQ(g.f->dev[0].flushes, 1);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x1);        /* then the read after it */
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 4);
	CHECK(rig_read_ok(&g, 3));
	rig_down(&g);
}

TEST(bad_requests_fail_without_reaching_the_device)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.req[0].seg.len = 100;         /* not count * sector size */
	ahci_port_submit(&g.port, &g.req[0]);
	CHECK_EQ(g.ndone, 1);
	CHECK_EQ(g.status[0], -EINVAL);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0);
	rig_down(&g);
}

TEST(task_file_error_without_ncq_fails_that_request_only)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 1, false), 0);
	g.f->dev[1].fail_lba = 9;       /* inside req 1 */
	for (unsigned i = 0; i < 3; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	for (unsigned round = 0; round < 3; round++) {
		fake_run(g.f, 1);
		rig_irq(&g);
	}
	CHECK_EQ(g.ndone, 3);
	CHECK(g.order[0] == &g.req[0] && g.status[0] == 0);
	CHECK(g.order[1] == &g.req[1] && g.status[1] == -EIO);
	CHECK(g.order[2] == &g.req[2] && g.status[2] == 0);
	CHECK(rig_read_ok(&g, 2));
	CHECK_EQ(g.port.errors, 1);
	CHECK_EQ(g.f->dev[1].comresets, 0);     /* a restart was enough */
	CHECK(*preg(g.f, 1, AHCI_PxCMD) & AHCI_PxCMD_ST);
	CHECK(strstr(g.f->log, "port 1: error: TFES (status 51 error 04: ABRT)") != NULL);
	rig_down(&g);
}

TEST(ncq_error_reported_as_qemu_does_fails_only_the_culprit)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.f->dev[0].fail_lba = 17;      /* req 2 */
	for (unsigned i = 0; i < 4; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 4);
	for (unsigned i = 0; i < 4; i++) {
		int want = g.order[i] == &g.req[2] ? -EIO : 0;
		CHECK_EQ(g.status[i], want);
	}
	CHECK_EQ(g.f->dev[0].comresets, 1);
	CHECK(rig_read_ok(&g, 3));
	/* the port works afterwards */
	g.f->dev[0].fail_lba = -1;
	ahci_port_submit(&g.port, &g.req[2]);
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 5);
	CHECK_EQ(g.status[4], 0);
	CHECK(rig_read_ok(&g, 2));
	rig_down(&g);
}

TEST(ncq_error_aborting_everything_retries_each_alone)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.f->dev[0].spec_errors = true;
	g.f->dev[0].fail_lba = 1;       /* req 0: the device aborts 1..4 with it */
	for (unsigned i = 0; i < 5; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 0);
	CHECK_EQ(g.port.isolating, 5);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x1);        /* retried one at a time */
	for (unsigned round = 0; round < 5; round++) {
		CHECK_EQ(__builtin_popcount(*preg(g.f, 0, AHCI_PxCI)), 1);
		fake_run(g.f, 0);
		rig_irq(&g);
	}
	CHECK_EQ(g.ndone, 5);
	for (unsigned i = 0; i < 5; i++) {
		int want = g.order[i] == &g.req[0] ? -EIO : 0;
		CHECK_EQ(g.status[i], want);
	}
	CHECK_EQ(g.port.isolating, 0);
	for (unsigned i = 1; i < 5; i++)
		CHECK(rig_read_ok(&g, i));
	/* and queueing is back */
	for (unsigned i = 0; i < 3; i++)
		ahci_port_submit(&g.port, &g.req[5 + i]);
	CHECK_EQ(*preg(g.f, 0, AHCI_PxCI), 0x7);
	rig_down(&g);
}

TEST(a_lost_device_fails_everything_then_and_later)
{
	rig_t g;

	CHECK_EQ(rig_up(&g, 0, true), 0);
	g.f->dev[0].fail_lba = 0;
	g.f->dev[0].gone_after_error = true;
	for (unsigned i = 0; i < 3; i++)
		ahci_port_submit(&g.port, &g.req[i]);
	fake_run(g.f, 0);
	rig_irq(&g);
	CHECK_EQ(g.ndone, 3);
	for (unsigned i = 0; i < 3; i++) {   /* 1 and 2 had finished before the error */
		int want = g.order[i] == &g.req[0] ? -EIO : 0;
		CHECK_EQ(g.status[i], want);
	}
	CHECK(g.port.dead);
	ahci_port_submit(&g.port, &g.req[4]);
	CHECK_EQ(g.ndone, 4);
	CHECK_EQ(g.status[3], -EIO);
	CHECK(strstr(g.f->log, "device lost") != NULL);
	rig_down(&g);
}

/* --- the control scheme ---------------------------------------------------------------- */

static void ctl_crash_count(void *ctx)
{
	++*(int *)ctx;
}

static long ctl_open_as(scheme_server_t *srv, const char *path, unsigned uid)
{
	return sc_call(srv, (abi_scheme_request_t){ .opcode = SCHEME_OP_OPEN, .uid = uid,
						   .buf = (uint64_t)(uintptr_t)path,
						   .len = strlen(path) + 1, .arg = { 1 } },
		       NULL);
}

TEST(control_crash_is_roots_only)
{
	int crashes = 0;
	drvctl_t ctl = { .crash = ctl_crash_count, .ctx = &crashes };
	scheme_server_t srv;

	scheme_server_init(&srv, &drvctl_ops, &ctl);
	CHECK_EQ(ctl_open_as(&srv, "crash", 1000), -EACCES);
	CHECK_EQ(ctl_open_as(&srv, "other", 0), -ENOENT);
	long h = ctl_open_as(&srv, "crash", 0);
	CHECK_EQ(h, DRVCTL_CRASH);
	CHECK_EQ(crashes, 0);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_WRITE, (uint64_t)h, "1\n", 2), 2);
	CHECK_EQ(crashes, 1);
	CHECK_EQ(sc_io(&srv, SCHEME_OP_WRITE, 7, "1", 1), -EBADF);
	CHECK_EQ(crashes, 1);
}
