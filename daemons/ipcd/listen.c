// SPDX-License-Identifier: MIT
/*
 * Listening, connecting and accepting, for the connection-oriented
 * schemes (chan: and uds_stream:).
 *
 * open("NAME", O_CREAT) makes a listener; open("NAME") connects to it.
 * Connecting builds the whole connection at once — two queues and both
 * endpoints — so the client can write before anyone accepts: the server's
 * endpoint waits in the listener's backlog, without a handle, until
 * dup(listener, "accept") gives it one. An accept with an empty backlog
 * waits on the listener, and the next connect hands its endpoint straight
 * to the oldest such accept. Everything that can fail (memory, the
 * backlog limit) is checked before anything is linked anywhere, so a
 * failed call leaves no trace.
 */
#include "net.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>

static ipcd_qmode_t ipcd_conn_mode(const ipcd_net_t *net)
{
	return net->kind == IPCD_NET_CHAN ? IPCD_QUEUE_MSG : IPCD_QUEUE_STREAM;
}

static long ipcd_conn_listen(ipcd_net_t *net, scheme_call_t *c, const char *name)
{
	ipcd_sock_t *l;
	long h;

	if (ipcd_net_find(net, name))
		return -EADDRINUSE;
	l = ipcd_sock_new(net, IPCD_SOCK_LISTENER, name);
	if (!l)
		return -ENOMEM;
	c->events = ipcd_sock_events(l);
	h = ipcd_sock_publish(l, c->events);
	if (h < 0) {
		ipcd_sock_close(l);
		return h;
	}
	ipcd_list_push(&net->names, &l->link);
	return h;
}

/* Two endpoints joined by two crossed queues; -ENOMEM leaves nothing. */
static int ipcd_conn_pair(ipcd_net_t *net, ipcd_sock_t **cli, ipcd_sock_t **srv)
{
	ipcd_queue_t *up = ipcd_queue_create(ipcd_conn_mode(net), -EPIPE);
	ipcd_queue_t *down = ipcd_queue_create(ipcd_conn_mode(net), -EPIPE);

	*cli = ipcd_sock_new(net, IPCD_SOCK_ENDPOINT, NULL);
	*srv = ipcd_sock_new(net, IPCD_SOCK_ENDPOINT, NULL);
	if (up && down && *cli && *srv) {
		ipcd_queue_get(up);
		ipcd_queue_get(down);
		ipcd_sock_attach(*cli, down, up);
		ipcd_sock_attach(*srv, up, down);
		return 0;
	}
	if (*cli)
		ipcd_sock_close(*cli);
	if (*srv)
		ipcd_sock_close(*srv);
	if (up)
		ipcd_queue_put(up);
	if (down)
		ipcd_queue_put(down);
	return -ENOMEM;
}

/* Answers a pending accept with endpoint e; false if e got no handle. */
static bool ipcd_conn_hand(ipcd_sock_t *e, ipcd_wait_t *w)
{
	/* The late answer carries no readiness: the kernel starts from none. */
	long h = ipcd_sock_publish(e, 0);

	ipcd_wait_finish(e->net->srv, w, h);
	if (h < 0)
		return false;
	ipcd_sock_refresh(e);
	return true;
}

/* The server's end of a new connection, to a waiting accept or the backlog. */
static void ipcd_conn_offer(ipcd_sock_t *l, ipcd_sock_t *e)
{
	ipcd_link_t *a = ipcd_list_first(&l->accepts);

	if (a && ipcd_conn_hand(e, IPCD_CONTAINER(a, ipcd_wait_t, link)))
		return;
	ipcd_list_push(&l->backlog, &e->link);
	l->backlog_len++;
	ipcd_sock_refresh(l);
}

static long ipcd_conn_connect(ipcd_net_t *net, scheme_call_t *c, const char *name)
{
	ipcd_sock_t *l = ipcd_net_find(net, name), *cli, *srv;
	long h;

	if (!l || l->backlog_len >= IPCD_BACKLOG_MAX)
		return -ECONNREFUSED;
	if (ipcd_conn_pair(net, &cli, &srv) < 0)
		return -ENOMEM;
	c->events = ipcd_sock_events(cli);
	h = ipcd_sock_publish(cli, c->events);
	if (h < 0) {
		ipcd_sock_close(cli);
		ipcd_sock_close(srv);
		return h;
	}
	ipcd_conn_offer(l, srv);
	return h;
}

long ipcd_conn_open(void *st, scheme_call_t *c, const char *path, int flags)
{
	if (!*path)
		return -EINVAL;
	if (flags & O_CREAT)
		return ipcd_conn_listen(st, c, path);
	return ipcd_conn_connect(st, c, path);
}

/* Gives the oldest connection in l's backlog a handle. */
static long ipcd_conn_take(ipcd_sock_t *l, scheme_call_t *c)
{
	ipcd_link_t *first = ipcd_list_first(&l->backlog);
	ipcd_sock_t *e = IPCD_CONTAINER(first, ipcd_sock_t, link);
	unsigned events = ipcd_sock_events(e);
	long h = ipcd_sock_publish(e, events);

	if (h < 0)
		return h;
	ipcd_list_remove(first);
	l->backlog_len--;
	c->events = events;
	ipcd_sock_refresh(l);
	return h;
}

long ipcd_conn_dup(void *st, scheme_call_t *c, uint64_t h, const char *path)
{
	ipcd_net_t *net = st;
	ipcd_sock_t *l = ipcd_net_sock(net, h);
	ipcd_wait_t *w;
	long res;

	if (!l)
		return -EBADF;
	if (l->kind != IPCD_SOCK_LISTENER || strcmp(path, "accept"))
		return -EINVAL;
	if (l->backlog_len)
		return ipcd_conn_take(l, c);
	w = ipcd_net_defer(net, c, l, &res);
	if (w)
		ipcd_list_push(&l->accepts, &w->link);
	return res;
}
