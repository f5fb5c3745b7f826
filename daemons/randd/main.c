// SPDX-License-Identifier: MIT
/*
 * randd: seeds the generator from the CPU (entropy.c), stirs in the
 * clocks and its pid for good measure (they differ between boots and
 * between restarts of the daemon), then registers rand: and serves it.
 */
#include "entropy.h"
#include "rand.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static void randd_mix_clocks(rng_t *r)
{
	struct timespec ts[2] = { 0 };
	pid_t pid = getpid();

	clock_gettime(CLOCK_REALTIME, &ts[0]);
	clock_gettime(CLOCK_MONOTONIC, &ts[1]);
	rng_mix(r, ts, sizeof(ts));
	rng_mix(r, &pid, sizeof(pid));
}

int main(void)
{
	static scheme_server_t s;
	static rand_state_t st;

	rand_state_init(&st, entropy_gather, NULL);
	randd_mix_clocks(&st.rng);
	scheme_server_init(&s, &rand_ops, &st);
	int err = scheme_open(&s, "rand");
	if (err) {
		fprintf(stderr, "randd: cannot register rand: %s\n", strerror(-err));
		return 1;
	}
	scheme_ready();
	return scheme_run(&s) ? 1 : 0;
}
