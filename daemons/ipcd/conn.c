// SPDX-License-Identifier: MIT
/*
 * The socket layer under chan:, uds_stream: and uds_dgram:.
 *
 * A socket is a handle on up to two queues (queue.c): rx, which it reads,
 * and tx, which it writes. A connection is two queues crossed between two
 * endpoints; a bound datagram socket owns one rx queue, and every socket
 * connected to its name shares that queue as its tx. So reading and
 * writing are the same code for all three schemes, and every effect of a
 * read or a write stays inside one queue: afterwards the sockets watching
 * that queue recompute their readiness, and the handle table announces
 * the ones that changed.
 *
 * Every pending call is also on the scheme's `waits` list, whatever it
 * waits on (a queue, a listener, or nothing: a datagram sender that
 * reads), so CANCEL and CLOSE find a call by its tag or by its socket
 * without knowing where it waits. Closing a socket answers its own
 * pending calls with -EBADF (the kernel ignores answers to calls it gave
 * up) and then tells its queues that one side went away, which wakes the
 * peer: EOF for its reads, dead_err for its writes.
 */
#include "net.h"

#include <abi/event.h>

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

ipcd_net_t *ipcd_net_create(scheme_server_t *srv, ipcd_net_kind_t kind)
{
	ipcd_net_t *net = calloc(1, sizeof(*net));

	if (!net)
		return NULL;
	net->srv = srv;
	net->kind = kind;
	ipcd_htab_init(&net->handles);
	ipcd_list_init(&net->names);
	ipcd_list_init(&net->waits);
	return net;
}

void ipcd_net_destroy(ipcd_net_t *net)
{
	/* Unaccepted endpoints go with their listener; everything else has a handle. */
	for (uint64_t h = 1; h <= ipcd_htab_last(&net->handles); h++) {
		ipcd_sock_t *s = ipcd_net_sock(net, h);

		if (s)
			ipcd_sock_close(s);
	}
	ipcd_htab_fini(&net->handles);
	free(net);
}

ipcd_sock_t *ipcd_sock_new(ipcd_net_t *net, ipcd_sock_kind_t kind, const char *name)
{
	ipcd_sock_t *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	if (name && !(s->name = strdup(name))) {
		free(s);
		return NULL;
	}
	s->net = net;
	s->kind = kind;
	s->rx_watch.owner = s->tx_watch.owner = s;
	ipcd_list_init(&s->rx_watch.link);
	ipcd_list_init(&s->tx_watch.link);
	ipcd_list_init(&s->link);
	ipcd_list_init(&s->backlog);
	ipcd_list_init(&s->accepts);
	return s;
}

void ipcd_sock_attach(ipcd_sock_t *s, ipcd_queue_t *rx, ipcd_queue_t *tx)
{
	s->rx = rx;
	s->tx = tx;
	if (rx)
		ipcd_list_push(&rx->watchers, &s->rx_watch.link);
	if (tx)
		ipcd_list_push(&tx->watchers, &s->tx_watch.link);
}

long ipcd_sock_publish(ipcd_sock_t *s, unsigned events)
{
	long h = ipcd_htab_add(&s->net->handles, s, events);

	if (h > 0)
		s->handle = (uint64_t)h;
	return h;
}

unsigned ipcd_sock_events(const ipcd_sock_t *s)
{
	unsigned ev = 0;

	if (s->kind == IPCD_SOCK_LISTENER)
		return s->backlog_len ? EVENT_READ : 0;
	if (s->rx && ipcd_queue_readable(s->rx))
		ev |= EVENT_READ;
	if (s->tx && ipcd_queue_writable(s->tx))
		ev |= EVENT_WRITE;
	return ev;
}

void ipcd_sock_refresh(ipcd_sock_t *s)
{
	if (s->handle)
		ipcd_htab_update(&s->net->handles, s->net->srv, s->handle, ipcd_sock_events(s));
}

/* After q changed: every socket reading or writing it may have changed. */
static void ipcd_net_refresh_queue(ipcd_queue_t *q)
{
	for (ipcd_link_t *l = q->watchers.next; l != &q->watchers; l = l->next)
		ipcd_sock_refresh(IPCD_CONTAINER(l, ipcd_watch_t, link)->owner);
}

ipcd_sock_t *ipcd_net_sock(const ipcd_net_t *net, uint64_t h)
{
	return ipcd_htab_get(&net->handles, h);
}

ipcd_sock_t *ipcd_net_find(const ipcd_net_t *net, const char *name)
{
	for (ipcd_link_t *l = net->names.next; l != &net->names; l = l->next) {
		ipcd_sock_t *s = IPCD_CONTAINER(l, ipcd_sock_t, link);

		if (!strcmp(s->name, name))
			return s;
	}
	return NULL;
}

ipcd_wait_t *ipcd_net_defer(ipcd_net_t *net, const scheme_call_t *c, ipcd_sock_t *s, long *res)
{
	ipcd_wait_t *w;

	if (c->file_flags & O_NONBLOCK) {
		*res = -EAGAIN;
		return NULL;
	}
	w = ipcd_wait_new(c->tag, s);
	if (!w) {
		*res = -ENOMEM;
		return NULL;
	}
	ipcd_list_push(&net->waits, &w->all);
	*res = SCHEME_PENDING;
	return w;
}

/*
 * Ends a pending call, answering it or not. A write leaving a queue's line
 * may let the writes behind it in, so the queue is pumped.
 */
static void ipcd_net_unpark(ipcd_net_t *net, ipcd_wait_t *w, bool answer, long result)
{
	ipcd_queue_t *q = w->queue;

	if (answer)
		ipcd_wait_finish(net->srv, w, result);
	else
		ipcd_wait_drop(w);
	if (q) {
		ipcd_queue_pump(net->srv, q);
		ipcd_net_refresh_queue(q);
	}
}

/* --- closing ------------------------------------------------------------- */

static ipcd_wait_t *ipcd_sock_first_wait(const ipcd_sock_t *s)
{
	for (ipcd_link_t *l = s->net->waits.next; l != &s->net->waits; l = l->next) {
		ipcd_wait_t *w = IPCD_CONTAINER(l, ipcd_wait_t, all);

		if (w->owner == s)
			return w;
	}
	return NULL;
}

/*
 * Searches afresh after each call it ends: ending one pumps its queue,
 * which may complete (and free) other sockets' calls on the same list.
 */
static void ipcd_sock_fail_waits(ipcd_sock_t *s)
{
	ipcd_wait_t *w;

	while ((w = ipcd_sock_first_wait(s)))
		ipcd_net_unpark(s->net, w, true, -EBADF);
}

/* Connections nobody accepted end as if the server had closed them. */
static void ipcd_sock_close_backlog(ipcd_sock_t *l)
{
	ipcd_link_t *e;

	while ((e = ipcd_list_first(&l->backlog))) {
		ipcd_list_remove(e);
		ipcd_sock_close(IPCD_CONTAINER(e, ipcd_sock_t, link));
	}
	l->backlog_len = 0;
}

static void ipcd_sock_detach(ipcd_sock_t *s)
{
	scheme_server_t *srv = s->net->srv;

	if (s->rx) {
		ipcd_list_remove(&s->rx_watch.link);
		ipcd_queue_close_reader(srv, s->rx);
		ipcd_net_refresh_queue(s->rx);
		ipcd_queue_put(s->rx);
	}
	if (s->tx) {
		ipcd_list_remove(&s->tx_watch.link);
		/* A datagram destination has other senders; a connection has none. */
		if (s->kind == IPCD_SOCK_ENDPOINT)
			ipcd_queue_close_writer(srv, s->tx);
		ipcd_net_refresh_queue(s->tx);
		ipcd_queue_put(s->tx);
	}
}

void ipcd_sock_close(ipcd_sock_t *s)
{
	if (s->handle)
		ipcd_htab_remove(&s->net->handles, s->handle);
	s->handle = 0;
	ipcd_sock_fail_waits(s);
	ipcd_sock_close_backlog(s);
	ipcd_list_remove(&s->link);
	ipcd_sock_detach(s);
	free(s->name);
	free(s);
}

/* --- operations ---------------------------------------------------------- */

void ipcd_net_close(void *st, scheme_call_t *c, uint64_t h)
{
	ipcd_sock_t *s = ipcd_net_sock(st, h);

	(void)c;
	if (s)
		ipcd_sock_close(s);
}

long ipcd_net_read(void *st, scheme_call_t *c, uint64_t h, void *buf, size_t len)
{
	ipcd_net_t *net = st;
	ipcd_sock_t *s = ipcd_net_sock(net, h);
	ipcd_wait_t *w;
	long n = -EAGAIN;

	if (!s)
		return -EBADF;
	if (s->kind == IPCD_SOCK_LISTENER)
		return -EINVAL;
	/* A datagram sender never receives: its reads wait for ever. */
	if (s->rx)
		n = ipcd_queue_read(net->srv, s->rx, buf, len);
	if (n == -EAGAIN && (w = ipcd_net_defer(net, c, s, &n))) {
		w->buf = buf;
		w->len = len;
		if (s->rx)
			ipcd_queue_park_reader(s->rx, w);
	}
	if (s->rx)
		ipcd_net_refresh_queue(s->rx);
	return n;
}

long ipcd_net_write(void *st, scheme_call_t *c, uint64_t h, const void *buf, size_t len)
{
	ipcd_net_t *net = st;
	ipcd_sock_t *s = ipcd_net_sock(net, h);
	ipcd_wait_t *w;
	long n;

	if (!s)
		return -EBADF;
	if (s->kind == IPCD_SOCK_LISTENER)
		return -EINVAL;
	if (!s->tx)
		return -ENOTCONN;       /* a bound datagram socket: no destination */
	n = ipcd_queue_write(net->srv, s->tx, buf, len);
	if (n == -EAGAIN && (w = ipcd_net_defer(net, c, s, &n))) {
		w->src = buf;
		w->len = len;
		ipcd_queue_park_writer(s->tx, w);
	}
	ipcd_net_refresh_queue(s->tx);
	return n;
}

long ipcd_net_fstat(void *st, scheme_call_t *c, uint64_t h, abi_stat_t *out)
{
	ipcd_sock_t *s = ipcd_net_sock(st, h);

	(void)c;
	if (!s)
		return -EBADF;
	memset(out, 0, sizeof(*out));
	out->mode = ABI_S_IFSOCK | 0666;
	out->nlink = 1;
	out->ino = h;
	out->blksize = 4096;
	out->size = s->rx ? (int64_t)s->rx->bytes : 0;
	return 0;
}

long ipcd_net_fevent(void *st, scheme_call_t *c, uint64_t h, unsigned wanted)
{
	ipcd_sock_t *s = ipcd_net_sock(st, h);

	(void)c;
	if (!s)
		return -EBADF;
	return ipcd_sock_events(s) & wanted;
}

void ipcd_net_cancel(void *st, uint64_t tag)
{
	ipcd_net_t *net = st;

	for (ipcd_link_t *l = net->waits.next; l != &net->waits; l = l->next) {
		ipcd_wait_t *w = IPCD_CONTAINER(l, ipcd_wait_t, all);

		if (w->tag == tag) {
			ipcd_net_unpark(net, w, false, 0);
			return;
		}
	}
}
