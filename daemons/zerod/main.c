// SPDX-License-Identifier: MIT
/*
 * zerod: registers zero: and serves it until the kernel goes away
 * (zero.c is the scheme).
 */
#include "zero.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static scheme_server_t s;
	static zero_state_t st;

	zero_state_init(&st);
	scheme_server_init(&s, &zero_ops, &st);
	int err = scheme_open(&s, "zero");
	if (err) {
		fprintf(stderr, "zerod: cannot register zero: %s\n", strerror(-err));
		return 1;
	}
	scheme_ready();
	return scheme_run(&s) ? 1 : 0;
}
