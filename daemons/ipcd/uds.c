// SPDX-License-Identifier: MIT
/*
 * uds_stream: and uds_dgram: — Unix-domain sockets, named by their path
 * ("/tmp/sock"), which is only a key here: nothing is created in any
 * filesystem.
 *
 * Stream sockets are chan:'s connections over byte rings instead of
 * message queues (partial reads and writes), so they reuse listen.c.
 *
 * Datagram sockets have no connections. open("NAME", O_CREAT) binds NAME
 * to a socket that owns a message queue; open("NAME") makes a sender
 * whose tx is that same queue, so every datagram lands in the bound
 * socket's queue in the order the writes came, whoever sent it. When the
 * bound socket closes, its queue loses its reader: the name is free to
 * bind again (a new queue), and senders still holding the old queue get
 * -ECONNREFUSED, as on a Unix system. A sender has nothing to read, so
 * its reads wait until cancelled.
 */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

const scheme_ops_t ipcd_uds_stream_ops = {
	.open = ipcd_conn_open,
	.dup = ipcd_conn_dup,
	.close = ipcd_net_close,
	.read = ipcd_net_read,
	.write = ipcd_net_write,
	.fstat = ipcd_net_fstat,
	.fevent = ipcd_net_fevent,
	.cancel = ipcd_net_cancel,
};

ipcd_net_t *ipcd_uds_stream_create(scheme_server_t *srv)
{
	return ipcd_net_create(srv, IPCD_NET_STREAM);
}

ipcd_net_t *ipcd_uds_dgram_create(scheme_server_t *srv)
{
	return ipcd_net_create(srv, IPCD_NET_DGRAM);
}

static long ipcd_dgram_bind(ipcd_net_t *net, scheme_call_t *c, const char *name)
{
	ipcd_queue_t *q;
	ipcd_sock_t *s;
	long h;

	if (ipcd_net_find(net, name))
		return -EADDRINUSE;
	q = ipcd_queue_create(IPCD_QUEUE_MSG, -ECONNREFUSED);
	s = ipcd_sock_new(net, IPCD_SOCK_BOUND, name);
	if (!q || !s) {
		if (q)
			ipcd_queue_put(q);
		if (s)
			ipcd_sock_close(s);
		return -ENOMEM;
	}
	ipcd_sock_attach(s, q, NULL);
	c->events = ipcd_sock_events(s);
	h = ipcd_sock_publish(s, c->events);
	if (h < 0) {
		ipcd_sock_close(s);
		return h;
	}
	ipcd_list_push(&net->names, &s->link);
	return h;
}

static long ipcd_dgram_connect(ipcd_net_t *net, scheme_call_t *c, const char *name)
{
	ipcd_sock_t *b = ipcd_net_find(net, name), *s;
	long h;

	if (!b)
		return -ECONNREFUSED;
	s = ipcd_sock_new(net, IPCD_SOCK_SENDER, NULL);
	if (!s)
		return -ENOMEM;
	ipcd_queue_get(b->rx);
	ipcd_sock_attach(s, NULL, b->rx);
	c->events = ipcd_sock_events(s);
	h = ipcd_sock_publish(s, c->events);
	if (h < 0)
		ipcd_sock_close(s);
	return h;
}

static long ipcd_dgram_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	if (!*path)
		return -EINVAL;
	if (flags & O_CREAT)
		return ipcd_dgram_bind(st, c, path);
	return ipcd_dgram_connect(st, c, path);
}

static long ipcd_dgram_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	(void)c;
	if (!ipcd_net_sock(st, h))
		return -EBADF;
	return strcmp(path, "accept") ? -EINVAL : -EOPNOTSUPP;
}

const scheme_ops_t ipcd_uds_dgram_ops = {
	.open = ipcd_dgram_open,
	.dup = ipcd_dgram_dup,
	.close = ipcd_net_close,
	.read = ipcd_net_read,
	.write = ipcd_net_write,
	.fstat = ipcd_net_fstat,
	.fevent = ipcd_net_fevent,
	.cancel = ipcd_net_cancel,
};
