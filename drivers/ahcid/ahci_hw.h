// SPDX-License-Identifier: MIT
/*
 * The AHCI 1.3 HBA as software sees it: the generic host registers at the
 * start of BAR 5 (ABAR), one 0x80-byte register window per port from 0x100,
 * and the three structures the HBA reads and writes in memory by DMA — the
 * command list (32 command headers), the received-FIS area and a command
 * table per slot (the command FIS, an ATAPI packet and the PRDT, the list
 * of data buffers). Only what the driver uses is named here; offsets and
 * bits follow the specification's chapter 3 and 4, and every in-memory
 * layout is checked with _Static_assert because the HBA reads it.
 */
#pragma once

#include <stdint.h>

/* --- generic host control (ABAR + off) ------------------------------------- */
#define AHCI_CAP   0x00u
#define AHCI_GHC   0x04u
#define AHCI_IS    0x08u
#define AHCI_PI    0x0cu
#define AHCI_VS    0x10u
#define AHCI_CAP2  0x24u
#define AHCI_BOHC  0x28u

#define AHCI_CAP_NP(c)    (((c) & 0x1fu) + 1)           /* ports */
#define AHCI_CAP_NCS(c)   ((((c) >> 8) & 0x1fu) + 1)    /* command slots per port */
#define AHCI_CAP_SSS      (1u << 27)                    /* staggered spin-up: software spins up */
#define AHCI_CAP_SNCQ     (1u << 30)                    /* native command queuing */
#define AHCI_CAP_S64A     (1u << 31)                    /* 64-bit DMA addresses */

#define AHCI_GHC_HR       (1u << 0)                     /* HBA reset */
#define AHCI_GHC_IE       (1u << 1)                     /* interrupt enable */
#define AHCI_GHC_AE       (1u << 31)                    /* AHCI enable */

#define AHCI_CAP2_BOH     (1u << 0)                     /* BIOS/OS handoff */
#define AHCI_BOHC_BOS     (1u << 0)                     /* BIOS owns */
#define AHCI_BOHC_OOS     (1u << 1)                     /* OS owns */
#define AHCI_BOHC_BB      (1u << 4)                     /* BIOS busy */

/* --- per port (ABAR + 0x100 + port * 0x80 + off) --------------------------- */
#define AHCI_PORT_BASE(n) (0x100u + (unsigned)(n) * 0x80u)
#define AHCI_PORTS_MAX    32u

#define AHCI_PxCLB   0x00u
#define AHCI_PxCLBU  0x04u
#define AHCI_PxFB    0x08u
#define AHCI_PxFBU   0x0cu
#define AHCI_PxIS    0x10u
#define AHCI_PxIE    0x14u
#define AHCI_PxCMD   0x18u
#define AHCI_PxTFD   0x20u
#define AHCI_PxSIG   0x24u
#define AHCI_PxSSTS  0x28u
#define AHCI_PxSCTL  0x2cu
#define AHCI_PxSERR  0x30u
#define AHCI_PxSACT  0x34u
#define AHCI_PxCI    0x38u

/* PxIS / PxIE */
#define AHCI_PxIS_DHRS (1u << 0)        /* D2H register FIS received */
#define AHCI_PxIS_PSS  (1u << 1)        /* PIO setup FIS */
#define AHCI_PxIS_DSS  (1u << 2)        /* DMA setup FIS */
#define AHCI_PxIS_SDBS (1u << 3)        /* set device bits FIS (NCQ completions) */
#define AHCI_PxIS_UFS  (1u << 4)        /* unknown FIS */
#define AHCI_PxIS_DPS  (1u << 5)        /* descriptor processed */
#define AHCI_PxIS_PCS  (1u << 6)        /* port connect change */
#define AHCI_PxIS_PRCS (1u << 22)       /* PhyRdy change */
#define AHCI_PxIS_OFS  (1u << 24)       /* overflow: the device sent more than the PRDT holds */
#define AHCI_PxIS_INFS (1u << 26)       /* interface non-fatal error */
#define AHCI_PxIS_IFS  (1u << 27)       /* interface fatal error */
#define AHCI_PxIS_HBDS (1u << 28)       /* host bus data error */
#define AHCI_PxIS_HBFS (1u << 29)       /* host bus fatal error */
#define AHCI_PxIS_TFES (1u << 30)       /* task file error: the device set ERR */

/* What stops the port's command processing until software restarts it. */
#define AHCI_PxIS_FATAL (AHCI_PxIS_TFES | AHCI_PxIS_HBFS | AHCI_PxIS_HBDS | \
			 AHCI_PxIS_IFS | AHCI_PxIS_OFS)
/* The link went away or came back: the device must be reset. */
#define AHCI_PxIS_LINK  (AHCI_PxIS_PCS | AHCI_PxIS_PRCS)
#define AHCI_PxIE_WANTED (AHCI_PxIS_DHRS | AHCI_PxIS_PSS | AHCI_PxIS_DSS | AHCI_PxIS_SDBS | \
			  AHCI_PxIS_UFS | AHCI_PxIS_DPS | AHCI_PxIS_LINK | AHCI_PxIS_INFS | \
			  AHCI_PxIS_FATAL)

/* PxCMD */
#define AHCI_PxCMD_ST  (1u << 0)        /* start: process the command list */
#define AHCI_PxCMD_SUD (1u << 1)        /* spin-up device */
#define AHCI_PxCMD_POD (1u << 2)        /* power on device */
#define AHCI_PxCMD_FRE (1u << 4)        /* FIS receive enable */
#define AHCI_PxCMD_CCS(c) (((c) >> 8) & 0x1fu)
#define AHCI_PxCMD_FR  (1u << 14)       /* FIS receive running */
#define AHCI_PxCMD_CR  (1u << 15)       /* command list running */
#define AHCI_PxCMD_CPD (1u << 20)       /* cold presence detection */
#define AHCI_PxCMD_ATAPI (1u << 24)
#define AHCI_PxCMD_ICC_ACTIVE (1u << 28)

/* PxTFD: the device's status and error registers */
#define AHCI_TFD_STS(t)  ((t) & 0xffu)
#define AHCI_TFD_ERR(t)  (((t) >> 8) & 0xffu)
#define ATA_STS_ERR  0x01u
#define ATA_STS_DRQ  0x08u
#define ATA_STS_DF   0x20u
#define ATA_STS_BSY  0x80u

/* PxSSTS / PxSCTL */
#define AHCI_SSTS_DET(s)     ((s) & 0xfu)
#define AHCI_SSTS_DET_PRESENT 3u        /* device present, phy communication up */
#define AHCI_SCTL_IPM_NONE   0x300u     /* no partial/slumber transitions */
#define AHCI_SCTL_DET_INIT   1u         /* COMRESET while set */

/* PxSIG after the device's first D2H FIS */
#define AHCI_SIG_ATA   0x00000101u
#define AHCI_SIG_ATAPI 0xeb140101u
#define AHCI_SIG_SEMB  0xc33c0101u
#define AHCI_SIG_PM    0x96690101u

/* --- memory structures ----------------------------------------------------- */

/* Command header flags (DW0 low half). */
#define AHCI_CH_CFL(dw) ((dw) & 0x1fu)  /* command FIS length in dwords */
#define AHCI_CH_ATAPI   (1u << 5)
#define AHCI_CH_WRITE   (1u << 6)       /* data goes to the device */
#define AHCI_CH_PREFETCH (1u << 7)
#define AHCI_CH_CLEAR_BSY (1u << 10)

typedef struct ahci_cmd_header {
	uint16_t flags;
	uint16_t prdtl;                 /* PRDT entries */
	volatile uint32_t prdbc;        /* bytes transferred, written by the HBA */
	uint32_t ctba, ctbau;           /* command table, 128-byte aligned */
	uint32_t reserved[4];
} ahci_cmd_header_t;
_Static_assert(sizeof(ahci_cmd_header_t) == 32, "AHCI command header is 32 bytes");

#define AHCI_PRD_MAX_BYTES (4u << 20)   /* one PRDT entry: 22-bit byte count */
#define AHCI_PRD_IRQ       (1u << 31)   /* interrupt when this entry is done */

typedef struct ahci_prd {
	uint32_t dba, dbau;             /* data base, word aligned */
	uint32_t reserved;
	uint32_t dbc;                   /* bytes - 1 (odd: counts are even), bit 31 I */
} ahci_prd_t;
_Static_assert(sizeof(ahci_prd_t) == 16, "AHCI PRDT entry is 16 bytes");

/*
 * Eight PRDT entries make a 256-byte table and describe 32 MiB, which is
 * more than one ATA command moves (65536 sectors of 512 bytes).
 */
#define AHCI_PRDT_MAX 8u

typedef struct ahci_cmd_table {
	uint8_t cfis[64];
	uint8_t acmd[16];               /* ATAPI packet */
	uint8_t reserved[48];
	ahci_prd_t prdt[AHCI_PRDT_MAX];
} ahci_cmd_table_t;
_Static_assert(sizeof(ahci_cmd_table_t) == 256, "command table with 8 PRDs");
_Static_assert(__builtin_offsetof(ahci_cmd_table_t, prdt) == 0x80, "PRDT at 0x80");

/* Received FIS area (256 bytes): where the HBA copies each FIS type. */
#define AHCI_RFIS_DSFIS  0x00u
#define AHCI_RFIS_PSFIS  0x20u
#define AHCI_RFIS_RFIS   0x40u          /* last D2H register FIS */
#define AHCI_RFIS_SDBFIS 0x58u
#define AHCI_RFIS_SIZE   256u

/*
 * One port's DMA memory (AHCI_PORT_MEM_SIZE bytes, page aligned): the
 * command list (1 KiB aligned), the received-FIS area (256 aligned), a
 * 512-byte buffer for IDENTIFY, and the 32 command tables (128 aligned).
 */
#define AHCI_MEM_CL      0x0000u
#define AHCI_MEM_FIS     0x0400u
#define AHCI_MEM_ID      0x0600u
#define AHCI_MEM_TABLES  0x1000u
#define AHCI_SLOTS_MAX   32u
#define AHCI_PORT_MEM_SIZE (AHCI_MEM_TABLES + AHCI_SLOTS_MAX * sizeof(ahci_cmd_table_t))
