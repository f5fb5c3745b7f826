// SPDX-License-Identifier: MIT
/*
 * ipcd: registers shm:, chan:, uds_stream: and uds_dgram: and serves all
 * four from one thread until the kernel goes away (ipcd.h lists what each
 * is). This is the only file that makes system calls: shared memory comes
 * from MAP_SHARED anonymous mappings, whose pages the kernel can map into
 * the clients that mmap a shm: handle.
 */
#include "ipcd.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#define IPCD_SCHEMES 4

static void *ipcd_main_alloc(size_t bytes)
{
	void *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

static void ipcd_main_release(void *p, size_t bytes)
{
	munmap(p, bytes);
}

static int ipcd_main_register(scheme_server_t *s, const char *name)
{
	int err = s->state ? scheme_open(s, name) : -ENOMEM;

	if (err)
		fprintf(stderr, "ipcd: cannot register %s: %s\n", name, strerror(-err));
	return err;
}

int main(void)
{
	static scheme_server_t shm, chan, stream, dgram;
	scheme_server_t *const servers[IPCD_SCHEMES] = { &shm, &chan, &stream, &dgram };

	scheme_server_init(&shm, &ipcd_shm_ops,
			   ipcd_shm_create(&shm, ipcd_main_alloc, ipcd_main_release));
	scheme_server_init(&chan, &ipcd_chan_ops, ipcd_chan_create(&chan));
	scheme_server_init(&stream, &ipcd_uds_stream_ops, ipcd_uds_stream_create(&stream));
	scheme_server_init(&dgram, &ipcd_uds_dgram_ops, ipcd_uds_dgram_create(&dgram));
	if (ipcd_main_register(&shm, "shm") || ipcd_main_register(&chan, "chan") ||
	    ipcd_main_register(&stream, "uds_stream") || ipcd_main_register(&dgram, "uds_dgram"))
		return 1;
	scheme_ready();
	return scheme_run_many(servers, IPCD_SCHEMES) ? 1 : 0;
}
