// SPDX-License-Identifier: MIT
/*
 * Driving a daemon's logic in host tests: build a request, dispatch it
 * through libscheme, and take its answer from the outbox. Shared by the
 * tests of the daemons (tests/unit/test_*d.c).
 */
#pragma once

#include <libscheme/libscheme.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>

/* What sc_call returns when the request got no single, matching answer. */
#define T_NO_ANSWER LONG_MIN

static uint64_t sc_tag;

/* Sends req to srv; its result if exactly one answer with req's tag came back. */
static inline long sc_call(scheme_server_t *srv, abi_scheme_request_t req, unsigned *events)
{
	abi_scheme_response_t r[2];

	req.tag = ++sc_tag;
	scheme_dispatch(srv, &req);
	if (scheme_outbox_take(srv, r, 2) != 1 || r[0].tag != req.tag ||
	    r[0].kind != SCHEME_RESP_DONE)
		return T_NO_ANSWER;
	if (events)
		*events = r[0].events;
	return r[0].result;
}

static inline long sc_open(scheme_server_t *srv, const char *path, int flags, unsigned *events)
{
	return sc_call(srv, (abi_scheme_request_t){ .opcode = SCHEME_OP_OPEN,
						   .buf = (uint64_t)(uintptr_t)path,
						   .len = strlen(path) + 1,
						   .arg = { (uint64_t)flags } },
		       events);
}

static inline long sc_io(scheme_server_t *srv, uint16_t op, uint64_t h, const void *buf,
			 size_t len)
{
	return sc_call(srv, (abi_scheme_request_t){ .opcode = op, .handle = h,
						   .buf = (uint64_t)(uintptr_t)buf, .len = len },
		       NULL);
}
