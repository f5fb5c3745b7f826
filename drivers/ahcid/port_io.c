// SPDX-License-Identifier: MIT
/*
 * Requests on a port: the queue, issuing into slots, reaping completions
 * and error recovery (the model is in port.h).
 *
 * A finished request is taken off its slot before its done callback runs,
 * so a callback that submits again finds a consistent port. Recovery
 * first completes what had finished before the error (bits already gone
 * from PxSACT, or from PxCI for a non-queued command — except the one
 * outstanding non-queued command, which is the one that failed), then
 * restarts the port, then decides the fate of the rest.
 */
#include "port_int.h"

#include "ahci_err.h"

#include <errno.h>

static bool req_queued(const ahci_port_t *p, const ahci_req_t *r)
{
	return p->ncq && (r->op == AHCI_REQ_READ || r->op == AHCI_REQ_WRITE);
}

static void req_finish(ahci_port_t *p, ahci_req_t *r, int status)
{
	r->finished = true;
	r->status = status;
	if (r->isolated) {
		r->isolated = false;
		p->isolating--;
	}
	p->completed++;
	if (!r->sync && p->done)
		p->done(p->done_ctx, r, status);
}

static void queue_push(ahci_port_t *p, ahci_req_t *r)
{
	r->next = NULL;
	if (p->tail)
		p->tail->next = r;
	else
		p->head = r;
	p->tail = r;
}

static void queue_push_front(ahci_port_t *p, ahci_req_t *r)
{
	r->next = p->head;
	p->head = r;
	if (!p->tail)
		p->tail = r;
}

static ahci_req_t *queue_pop(ahci_port_t *p)
{
	ahci_req_t *r = p->head;

	p->head = r->next;
	if (!p->head)
		p->tail = NULL;
	r->next = NULL;
	return r;
}

static bool queue_remove(ahci_port_t *p, ahci_req_t *r)
{
	ahci_req_t **pp = &p->head, *prev = NULL;

	while (*pp && *pp != r) {
		prev = *pp;
		pp = &(*pp)->next;
	}
	if (!*pp)
		return false;
	*pp = r->next;
	if (p->tail == r)
		p->tail = prev;
	r->next = NULL;
	return true;
}

static unsigned bits(uint32_t v)
{
	return (unsigned)__builtin_popcount(v);
}

static bool port_can_issue(const ahci_port_t *p, const ahci_req_t *r)
{
	if (!p->busy)
		return true;
	if (p->isolating || !req_queued(p, r) || !p->busy_queued)
		return false;
	return bits(p->busy) < p->depth;
}

static int port_free_slot(const ahci_port_t *p)
{
	unsigned limit = p->ncq ? p->depth : p->nslots;

	for (unsigned s = 0; s < limit; s++)
		if (!(p->busy & (1u << s)))
			return (int)s;
	return -1;
}

static int req_taskfile(const ahci_port_t *p, const ahci_req_t *r, unsigned slot, ata_tf_t *tf,
			uint32_t *bytes)
{
	bool write = r->op == AHCI_REQ_WRITE;

	switch (r->op) {
	case AHCI_REQ_READ:
	case AHCI_REQ_WRITE:
		*bytes = r->count * p->sector_size;
		if (r->seg.len != *bytes)
			return -EINVAL;
		if (req_queued(p, r))
			return ata_tf_rw_fpdma(tf, write, r->lba, r->count, slot);
		return ata_tf_rw_dma_ext(tf, write, r->lba, r->count);
	case AHCI_REQ_FLUSH:
		*bytes = 0;
		ata_tf_flush_ext(tf);
		return 0;
	case AHCI_REQ_IDENTIFY:
		*bytes = 512;
		if (r->seg.len != 512)
			return -EINVAL;
		ata_tf_identify(tf);
		return 0;
	}
	return -EINVAL;
}

static int port_issue(ahci_port_t *p, ahci_req_t *r, unsigned slot)
{
	ata_tf_t tf;
	uint32_t bytes, bit = 1u << slot;
	bool queued = req_queued(p, r);
	int rc = req_taskfile(p, r, slot, &tf, &bytes);

	if (rc < 0)
		return rc;
	rc = ahci_slot_build(ahci_port_cmd_header(p, slot), ahci_port_cmd_table(p, slot),
			     p->mem_phys + AHCI_MEM_TABLES + slot * sizeof(ahci_cmd_table_t), &tf,
			     r->op == AHCI_REQ_WRITE, &r->seg, bytes ? 1 : 0);
	if (rc < 0)
		return rc;
	p->slot[slot] = r;
	p->busy |= bit;
	p->busy_queued = queued;
	/* The command list and table are in ordinary memory; the HBA reads them after CI. */
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (queued)
		port_wr(p, AHCI_PxSACT, bit);
	port_wr(p, AHCI_PxCI, bit);
	return 0;
}

static void port_pump(ahci_port_t *p)
{
	while (p->head && !p->dead && port_can_issue(p, p->head)) {
		int slot = port_free_slot(p);
		if (slot < 0)
			return;
		ahci_req_t *r = queue_pop(p);
		int rc = port_issue(p, r, (unsigned)slot);
		if (rc < 0)
			req_finish(p, r, rc);
	}
	while (p->dead && p->head)
		req_finish(p, queue_pop(p), -EIO);
}

void ahci_port_submit(ahci_port_t *p, ahci_req_t *r)
{
	r->finished = false;
	r->status = 0;
	r->isolated = false;
	queue_push(p, r);
	port_pump(p);
}

/* Takes the requests in `mask` off their slots and completes them with status. */
static void port_complete(ahci_port_t *p, uint32_t mask, int status)
{
	for (unsigned s = 0; mask; s++) {
		if (!(mask & (1u << s)))
			continue;
		mask &= ~(1u << s);
		ahci_req_t *r = p->slot[s];
		p->slot[s] = NULL;
		p->busy &= ~(1u << s);
		if (r)
			req_finish(p, r, status);
	}
}

/* Requeues the requests in `mask` at the head, to be retried one at a time. */
static void port_isolate(ahci_port_t *p, uint32_t mask)
{
	for (int s = 31; s >= 0; s--) {
		if (!(mask & (1u << s)))
			continue;
		ahci_req_t *r = p->slot[s];
		p->slot[s] = NULL;
		p->busy &= ~(1u << s);
		if (!r)
			continue;
		if (r->isolated) {      /* it already failed alone once */
			req_finish(p, r, -EIO);
			continue;
		}
		r->isolated = true;
		p->isolating++;
		queue_push_front(p, r);
	}
}

static void port_recover(ahci_port_t *p, uint32_t is, uint32_t tfd, ahci_err_action_t act)
{
	char detail[160];
	uint32_t ci = port_rd(p, AHCI_PxCI), sact = port_rd(p, AHCI_PxSACT);
	uint32_t serr = port_rd(p, AHCI_PxSERR);
	uint32_t left = p->busy_queued ? (ci | sact) & p->busy : p->busy;
	bool device_said = (is & AHCI_PxIS_TFES) || (AHCI_TFD_STS(tfd) & ATA_STS_ERR) ||
			   (p->busy_queued && serr && !(is & (AHCI_PxIS_LINK | AHCI_PxIS_IFS)));
	int rc;

	p->errors++;
	ahci_err_describe(is, tfd, serr, detail, sizeof(detail));
	port_log(p, "error: %s; %u command(s) outstanding, %s", detail, bits(left),
		 act == AHCI_ERR_RESET ? "resetting the device" : "restarting the port");
	port_complete(p, p->busy & ~left, 0);
	rc = port_stop(p);
	port_clear_errors(p);
	if (rc == 0 && act == AHCI_ERR_RESET)
		rc = port_comreset(p);
	else if (rc < 0 || (AHCI_TFD_STS(port_rd(p, AHCI_PxTFD)) & (ATA_STS_BSY | ATA_STS_DRQ)))
		rc = port_comreset(p);
	if (rc < 0) {
		port_log(p, "device lost (%d): failing every request", rc);
		p->dead = true;
		port_complete(p, p->busy, -EIO);
		return;
	}
	port_clear_errors(p);
	port_start(p);
	if (bits(left) == 1 && device_said)
		port_complete(p, left, -EIO);
	else
		port_isolate(p, left);
}

static void port_reap(ahci_port_t *p)
{
	uint32_t pending = port_rd(p, AHCI_PxCI);

	if (p->busy_queued)
		pending |= port_rd(p, AHCI_PxSACT);
	port_complete(p, p->busy & ~pending, 0);
}

void ahci_port_interrupt(ahci_port_t *p)
{
	uint32_t is = port_rd(p, AHCI_PxIS);
	ahci_err_action_t act;

	if (is)
		port_wr(p, AHCI_PxIS, is);
	if (p->dead)
		return;
	act = ahci_err_classify(is, port_rd(p, AHCI_PxTFD), port_rd(p, AHCI_PxSERR),
				p->busy && p->busy_queued,
				p->busy && (is & (AHCI_PxIS_SDBS | AHCI_PxIS_DHRS | AHCI_PxIS_PSS)));
	if (act != AHCI_ERR_NONE)
		port_recover(p, is, port_rd(p, AHCI_PxTFD), act);
	else
		port_reap(p);
	port_pump(p);
}

int ahci_port_run_sync(ahci_port_t *p, ahci_req_t *r, unsigned timeout_ms)
{
	r->sync = true;
	ahci_port_submit(p, r);
	for (unsigned waited = 0; !r->finished; waited += 100) {
		if (waited >= timeout_ms * 1000u) {
			port_log(p, "command %d timed out", (int)r->op);
			port_recover(p, AHCI_PxIS_IFS, port_rd(p, AHCI_PxTFD), AHCI_ERR_RESET);
			if (!r->finished && queue_remove(p, r))  /* requeued to be retried */
				req_finish(p, r, -ETIMEDOUT);
			if (!r->finished) {     /* still on the device: the port is dead */
				r->finished = true;
				r->status = -ETIMEDOUT;
			}
			break;
		}
		p->env->delay_us(p->env->ctx, 100);
		ahci_port_interrupt(p);
	}
	r->sync = false;
	return r->status;
}

void ahci_port_shutdown(ahci_port_t *p)
{
	port_wr(p, AHCI_PxIE, 0);
	port_stop(p);
	port_clear_errors(p);
}
