// SPDX-License-Identifier: MIT
/*
 * Port error classification and text (see ahci_err.h). The names are the
 * AHCI specification's register bit names and ATA's error bit names, so a
 * log line can be read against the specifications directly.
 */
#include "ahci_err.h"

#include "ahci_hw.h"

#include <stdarg.h>
#include <stdio.h>

ahci_err_action_t ahci_err_classify(uint32_t is, uint32_t tfd, uint32_t serr, bool queued,
				    bool issued)
{
	uint32_t sts = AHCI_TFD_STS(tfd);
	bool fatal = is & AHCI_PxIS_FATAL;

	/*
	 * Some HBAs (QEMU's among them) report a failed queued command only
	 * with ERR in the set-device-bits FIS, without TFES: ERR while
	 * commands are outstanding is an error whatever PxIS says.
	 */
	if (issued && ((sts & ATA_STS_ERR) || (queued && serr)))
		fatal = true;
	if (is & AHCI_PxIS_LINK)
		return AHCI_ERR_RESET;
	if (!fatal)
		return AHCI_ERR_NONE;
	if (queued || (sts & (ATA_STS_BSY | ATA_STS_DRQ)) || (is & (AHCI_PxIS_IFS | AHCI_PxIS_HBFS)))
		return AHCI_ERR_RESET;
	return AHCI_ERR_RESTART;
}

static void err_append(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(*len < cap ? buf + *len : NULL, *len < cap ? cap - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

static const struct { uint32_t bit; const char *name; } err_is_names[] = {
	{ AHCI_PxIS_TFES, "TFES" }, { AHCI_PxIS_HBFS, "HBFS" }, { AHCI_PxIS_HBDS, "HBDS" },
	{ AHCI_PxIS_IFS, "IFS" }, { AHCI_PxIS_INFS, "INFS" }, { AHCI_PxIS_OFS, "OFS" },
	{ AHCI_PxIS_PRCS, "PRCS" }, { AHCI_PxIS_PCS, "PCS" }, { AHCI_PxIS_UFS, "UFS" },
};

static const struct { uint8_t bit; const char *name; } err_ata_names[] = {
	{ 0x80, "ICRC" }, { 0x40, "UNC" }, { 0x10, "IDNF" }, { 0x04, "ABRT" },
	{ 0x02, "EOM" }, { 0x01, "AMNF" },
};

size_t ahci_err_describe(uint32_t is, uint32_t tfd, uint32_t serr, char *buf, size_t cap)
{
	size_t len = 0;
	bool any = false;

	if (cap)
		buf[0] = '\0';
	for (size_t i = 0; i < sizeof(err_is_names) / sizeof(err_is_names[0]); i++) {
		if (is & err_is_names[i].bit) {
			err_append(buf, cap, &len, "%s%s", any ? "|" : "", err_is_names[i].name);
			any = true;
		}
	}
	err_append(buf, cap, &len, "%s(status %02x error %02x", any ? " " : "",
		   (unsigned)AHCI_TFD_STS(tfd), (unsigned)AHCI_TFD_ERR(tfd));
	any = false;
	for (size_t i = 0; i < sizeof(err_ata_names) / sizeof(err_ata_names[0]); i++) {
		if ((AHCI_TFD_STS(tfd) & ATA_STS_ERR) && (AHCI_TFD_ERR(tfd) & err_ata_names[i].bit)) {
			err_append(buf, cap, &len, "%s%s", any ? "|" : ": ", err_ata_names[i].name);
			any = true;
		}
	}
	err_append(buf, cap, &len, ") serr %08x", (unsigned)serr);
	return len;
}
