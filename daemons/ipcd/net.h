// SPDX-License-Identifier: MIT
/*
 * The socket layer shared by chan:, uds_stream: and uds_dgram: (conn.c
 * has the design). Internal to ipcd: listen.c, chan.c and uds.c build
 * their schemes from it.
 */
#pragma once

#include "htab.h"
#include "ipcd.h"
#include "list.h"
#include "queue.h"

#include <stdint.h>

#define IPCD_BACKLOG_MAX 32     /* connections waiting for accept */

typedef enum ipcd_net_kind {
	IPCD_NET_CHAN,          /* connections carrying messages */
	IPCD_NET_STREAM,        /* connections carrying bytes */
	IPCD_NET_DGRAM,         /* datagrams to bound names */
} ipcd_net_kind_t;

typedef enum ipcd_sock_kind {
	IPCD_SOCK_LISTENER,     /* a name taking connections */
	IPCD_SOCK_ENDPOINT,     /* one end of a connection */
	IPCD_SOCK_BOUND,        /* a name receiving datagrams */
	IPCD_SOCK_SENDER,       /* sends datagrams to a bound name */
} ipcd_sock_kind_t;

struct ipcd_net {
	scheme_server_t *srv;
	ipcd_net_kind_t kind;
	ipcd_htab_t handles;    /* ipcd_sock_t */
	ipcd_link_t names;      /* listeners and bound sockets (sock.link) */
	ipcd_link_t waits;      /* every pending call (wait.all) */
};

typedef struct ipcd_sock {
	ipcd_net_t *net;
	ipcd_sock_kind_t kind;
	uint64_t handle;        /* 0 while waiting in a backlog */
	ipcd_queue_t *rx, *tx;  /* NULL where the socket has no such side */
	ipcd_watch_t rx_watch, tx_watch;
	ipcd_link_t link;       /* in net->names, or in a listener's backlog */
	char *name;             /* listeners and bound sockets */
	/* Listeners only: */
	ipcd_link_t backlog;    /* connected endpoints not yet accepted */
	unsigned backlog_len;
	ipcd_link_t accepts;    /* pending accepts (wait.link) */
} ipcd_sock_t;

ipcd_net_t *ipcd_net_create(scheme_server_t *srv, ipcd_net_kind_t kind);

/* A socket without a handle or queues; name is copied. NULL without memory. */
ipcd_sock_t *ipcd_sock_new(ipcd_net_t *net, ipcd_sock_kind_t kind, const char *name);
/* Gives s its queues; each reference passed becomes the socket's. */
void ipcd_sock_attach(ipcd_sock_t *s, ipcd_queue_t *rx, ipcd_queue_t *tx);
/* Gives s a handle the kernel believes has readiness `events`; it or -ENOMEM. */
long ipcd_sock_publish(ipcd_sock_t *s, unsigned events);
/* Frees s (whether or not it has a handle), waking its peers. */
void ipcd_sock_close(ipcd_sock_t *s);
unsigned ipcd_sock_events(const ipcd_sock_t *s);
/* Announces s's readiness if it changed. */
void ipcd_sock_refresh(ipcd_sock_t *s);

ipcd_sock_t *ipcd_net_sock(const ipcd_net_t *net, uint64_t h);
ipcd_sock_t *ipcd_net_find(const ipcd_net_t *net, const char *name);
/*
 * A call that cannot complete now: sets *res to -EAGAIN (a non-blocking
 * file) or -ENOMEM and returns NULL, or returns a new pending call, not yet
 * waiting on anything, with *res = SCHEME_PENDING.
 */
ipcd_wait_t *ipcd_net_defer(ipcd_net_t *net, const scheme_call_t *c, ipcd_sock_t *s, long *res);

/* Operations every socket scheme shares. */
void ipcd_net_close(void *st, scheme_call_t *c, uint64_t h);
long ipcd_net_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len);
long ipcd_net_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len);
long ipcd_net_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out);
long ipcd_net_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted);
void ipcd_net_cancel(void *st, uint64_t tag);

/* listen.c: open and dup for the connection-oriented schemes. */
long ipcd_conn_open(void *st, scheme_call_t *c, const char *path, int flags);
long ipcd_conn_dup(void *st, scheme_call_t *c, uint64_t h, const char *path);
