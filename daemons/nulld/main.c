// SPDX-License-Identifier: MIT
/*
 * nulld: registers null: and serves it until the kernel goes away
 * (null.c is the scheme).
 */
#include "null.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
	static scheme_server_t s;
	static null_state_t st;

	null_state_init(&st);
	scheme_server_init(&s, &null_ops, &st);
	int err = scheme_open(&s, "null");
	if (err) {
		fprintf(stderr, "nulld: cannot register null: %s\n", strerror(-err));
		return 1;
	}
	scheme_ready();
	return scheme_run(&s) ? 1 : 0;
}
