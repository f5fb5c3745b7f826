// SPDX-License-Identifier: MIT
/*
 * chan: — message channels. A listener is open("NAME", O_CREAT), a
 * client open("NAME"), the server's end dup(listener, "accept"); each
 * write is one message (up to 64 KiB, empty ones too) and each read takes
 * one whole message, truncated to the reader's buffer. All of it is the
 * shared socket layer (conn.c, listen.c) over message queues: this file
 * only names the pieces.
 */
#include "net.h"

const scheme_ops_t ipcd_chan_ops = {
	.open = ipcd_conn_open,
	.dup = ipcd_conn_dup,
	.close = ipcd_net_close,
	.read = ipcd_net_read,
	.write = ipcd_net_write,
	.fstat = ipcd_net_fstat,
	.fevent = ipcd_net_fevent,
	.cancel = ipcd_net_cancel,
};

ipcd_net_t *ipcd_chan_create(scheme_server_t *srv)
{
	return ipcd_net_create(srv, IPCD_NET_CHAN);
}
