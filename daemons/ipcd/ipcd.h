// SPDX-License-Identifier: MIT
/*
 * ipcd: the IPC daemon. It serves four schemes from one thread:
 *
 *   chan:        message channels (listen, connect, accept; whole messages)
 *   uds_stream:  Unix-domain stream sockets (the same, as a byte stream)
 *   uds_dgram:   Unix-domain datagram sockets (bind, connect, datagrams)
 *   shm:         named shared memory (ftruncate, mmap, read/write)
 *
 * Each scheme is an ops table and a state made for its server; the state
 * keeps the server so that it can answer pending calls and announce
 * readiness from whichever request changes things. main.c wires them;
 * everything declared here is pure logic, tested on the host.
 */
#pragma once

#include <libscheme/libscheme.h>

#include <stddef.h>

/* chan:, uds_stream: and uds_dgram: share one state type (conn.c). */
typedef struct ipcd_net ipcd_net_t;
typedef struct ipcd_shm ipcd_shm_t;

extern const scheme_ops_t ipcd_chan_ops;
extern const scheme_ops_t ipcd_uds_stream_ops;
extern const scheme_ops_t ipcd_uds_dgram_ops;
extern const scheme_ops_t ipcd_shm_ops;

/* A scheme's state, answering through srv; NULL without memory. */
ipcd_net_t *ipcd_chan_create(scheme_server_t *srv);
ipcd_net_t *ipcd_uds_stream_create(scheme_server_t *srv);
ipcd_net_t *ipcd_uds_dgram_create(scheme_server_t *srv);
/* Closes every handle (answering what is pending) and frees the state. */
void ipcd_net_destroy(ipcd_net_t *net);

/*
 * Where shared memory comes from: alloc returns `bytes` (a multiple of
 * 4096) of page-aligned memory that can be mapped into other processes
 * (on Tessera, a MAP_SHARED area), or NULL; release gives it back.
 */
typedef void *(*ipcd_shm_alloc_t)(size_t bytes);
typedef void (*ipcd_shm_release_t)(void *p, size_t bytes);

ipcd_shm_t *ipcd_shm_create(scheme_server_t *srv, ipcd_shm_alloc_t alloc,
			    ipcd_shm_release_t release);
/* Releases every object, named or open, and frees the state. */
void ipcd_shm_destroy(ipcd_shm_t *shm);
