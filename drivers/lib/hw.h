// SPDX-License-Identifier: MIT
/*
 * What a driver needs from the kernel beyond files: DMA memory with its
 * physical address (`memory:dma/LEN`), device registers (`memory:phys`)
 * and message-signalled interrupts (`irq:msi`). Each is a descriptor; the
 * addresses the device must be told come back in the descriptor's fpath,
 * which these helpers parse. All need privileges init grants
 * (docs/drivers.md). Ports are <sys/io.h>'s ioperm and in/out.
 */
#pragma once

#include <stddef.h>
#include <stdint.h>

typedef struct hw_dma {
	void *virt;
	uint64_t phys;
	size_t len;
	int fd;
} hw_dma_t;

/* len bytes (rounded up to pages) of zeroed, contiguous RAM below 4 GiB. */
int hw_dma_alloc(size_t len, hw_dma_t *out);
void hw_dma_free(hw_dma_t *d);

/* Device memory mapped with cache "uc", "wb" or "wc"; NULL and errno on failure. */
void *hw_phys_map(uint64_t phys, size_t len, const char *cache);
void hw_phys_unmap(void *p, size_t len);

typedef struct hw_irq {
	int fd;
	uint64_t msi_addr;              /* the message to program into the device */
	uint32_t msi_data;
} hw_irq_t;

int hw_irq_msi_open(hw_irq_t *out);
/* Blocks until the interrupt fired since the last acknowledgement. */
int hw_irq_wait(hw_irq_t *irq);
int hw_irq_ack(hw_irq_t *irq);
void hw_irq_close(hw_irq_t *irq);

/* Parses "memory:dma/0xADDR/LEN" and "irq:msi/0xADDR/0xDATA" (pure, tested on the host). */
int hw_dma_path_parse(const char *path, uint64_t *phys, uint64_t *len);
int hw_msi_path_parse(const char *path, uint64_t *addr, uint32_t *data);
