// SPDX-License-Identifier: MIT
/*
 * Sockets on schemes.
 *
 * AF_UNIX maps onto ipcd: a stream socket listening on PATH is
 * `uds_stream:PATH` opened with O_CREAT, a connected one the same URL
 * opened without it, and accept is `dupat(listener, "accept")`; a bound
 * datagram socket is `uds_dgram:PATH` with O_CREAT and a connected one a
 * sender on that name. Once a socket is listening or connected, its
 * descriptor is that scheme file, and everything about it (type,
 * address) is read back from its URL (fpath), so it survives dup, fork
 * and exec like any descriptor.
 *
 * Before that, socket() must still return a descriptor: it opens `null:`
 * as a placeholder and libc notes the domain, type and bound path in
 * sock_pending[fd]. bind/listen/connect then open the real file and dup2
 * it over the placeholder, so the number the program holds stays valid.
 * A pending entry is trusted only while the descriptor still reads back
 * as `null:`.
 *
 * socketpair(AF_UNIX, SOCK_STREAM) listens on a fresh private name,
 * connects, accepts and drops the listener. AF_INET and AF_INET6 fail
 * with EAFNOSUPPORT: sock_open_inet is where the network stack's tcp:
 * and udp: schemes will plug in.
 */
#include "../libc.h"
#include "net_impl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <sys/un.h>
#include <tessera/syscall.h>
#include <unistd.h>

#define SOCK_FD_MAX 256

typedef struct sock_pending {
	unsigned char used;
	unsigned char type;             /* SOCK_STREAM or SOCK_DGRAM */
	int flags;                      /* O_NONBLOCK | O_CLOEXEC from the type */
	char path[sizeof(((struct sockaddr_un *)0)->sun_path) + 1];
} sock_pending_t;

static sock_pending_t sock_pending[SOCK_FD_MAX];

/* The pending record of fd, if fd is still its placeholder. */
static sock_pending_t *sock_get_pending(int fd)
{
	char url[16];

	if (fd < 0 || fd >= SOCK_FD_MAX || !sock_pending[fd].used)
		return NULL;
	if (sys_fpath(fd, (long)url, sizeof(url)) != 5 || memcmp(url, "null:", 5)) {
		sock_pending[fd].used = 0;
		return NULL;
	}
	return &sock_pending[fd];
}

/* What fd is: SOCK_STREAM / SOCK_DGRAM with its path, or -ENOTSOCK / -EBADF. */
static int sock_kind(int fd, char *path, size_t size)
{
	char url[160];
	sock_pending_t *p = sock_get_pending(fd);
	long n;

	if (p) {
		snprintf(path, size, "%s", p->path);
		return p->type;
	}
	n = sys_fpath(fd, (long)url, sizeof(url) - 1);
	if (n < 0)
		return n == -EBADF ? -EBADF : -ENOTSOCK;
	url[n] = 0;
	if (!strncmp(url, "uds_stream:", 11)) {
		snprintf(path, size, "%s", url + 11);
		return SOCK_STREAM;
	}
	if (!strncmp(url, "uds_dgram:", 10)) {
		snprintf(path, size, "%s", url + 10);
		return SOCK_DGRAM;
	}
	return -ENOTSOCK;
}

static int sock_open_inet(int domain, int type)
{
	(void)domain;
	(void)type;
	return (int)__syscall_ret(-EAFNOSUPPORT);
}

int socket(int domain, int type, int protocol)
{
	int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	int flags = ((type & SOCK_NONBLOCK) ? O_NONBLOCK : 0) | ((type & SOCK_CLOEXEC) ? O_CLOEXEC : 0);

	if (domain == AF_INET || domain == AF_INET6)
		return sock_open_inet(domain, type);
	if (domain != AF_UNIX)
		return (int)__syscall_ret(-EAFNOSUPPORT);
	if (base < SOCK_STREAM || base > 10)            /* Linux's SOCK_MAX */
		return (int)__syscall_ret(-EINVAL);
	if (base != SOCK_STREAM && base != SOCK_DGRAM)
		return (int)__syscall_ret(-ESOCKTNOSUPPORT);
	if (protocol != 0)
		return (int)__syscall_ret(-EPROTONOSUPPORT);
	int fd = open("null:", O_RDWR | (flags & O_CLOEXEC));
	if (fd < 0)
		return -1;
	if (fd >= SOCK_FD_MAX) {
		close(fd);
		return (int)__syscall_ret(-EMFILE);
	}
	sock_pending[fd] = (sock_pending_t){ .used = 1, .type = (unsigned char)base, .flags = flags };
	return fd;
}

/* The path of an AF_UNIX address, or -errno. */
static int sock_unix_path(const struct sockaddr *addr, socklen_t len, char *path, size_t size)
{
	const struct sockaddr_un *un = (const struct sockaddr_un *)addr;
	size_t n;

	if (!addr || len <= offsetof(struct sockaddr_un, sun_path) || len > sizeof(*un))
		return -EINVAL;
	if (un->sun_family != AF_UNIX)
		return -EAFNOSUPPORT;
	n = strnlen(un->sun_path, len - offsetof(struct sockaddr_un, sun_path));
	if (n == 0 || n >= size)
		return -EINVAL;         /* abstract names are not supported */
	memcpy(path, un->sun_path, n);
	path[n] = 0;
	return 0;
}

/* Opens scheme:path with flags and puts it in place of placeholder fd. */
static int sock_become(int fd, sock_pending_t *p, const char *path, int creat)
{
	char url[160];
	int real;

	snprintf(url, sizeof(url), "%s:%s", p->type == SOCK_STREAM ? "uds_stream" : "uds_dgram", path);
	real = open(url, O_RDWR | p->flags | (creat ? O_CREAT : 0));
	if (real < 0)
		return -1;
	int r = dup3(real, fd, p->flags & O_CLOEXEC);
	close(real);
	if (r < 0)
		return -1;
	p->used = 0;
	return 0;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	sock_pending_t *p = sock_get_pending(fd);
	char path[sizeof(p->path)];
	int err = sock_unix_path(addr, len, path, sizeof(path));

	if (!p) {
		char old[8];
		int kind = sock_kind(fd, old, sizeof(old));
		return (int)__syscall_ret(kind < 0 ? kind : -EINVAL);
	}
	if (err)
		return (int)__syscall_ret(err);
	if (p->path[0])
		return (int)__syscall_ret(-EINVAL);
	if (p->type == SOCK_DGRAM)
		return sock_become(fd, p, path, 1);
	strcpy(p->path, path);
	return 0;
}

int listen(int fd, int backlog)
{
	sock_pending_t *p = sock_get_pending(fd);
	char path[8];

	(void)backlog;                  /* ipcd's backlog is fixed (32) */
	if (!p) {
		int kind = sock_kind(fd, path, sizeof(path));
		if (kind < 0)
			return (int)__syscall_ret(kind);
		return kind == SOCK_STREAM ? 0 : (int)__syscall_ret(-EOPNOTSUPP);
	}
	if (p->type != SOCK_STREAM)
		return (int)__syscall_ret(-EOPNOTSUPP);
	if (!p->path[0])
		return (int)__syscall_ret(-EINVAL);     /* no autobind */
	char bound[sizeof(p->path)];
	strcpy(bound, p->path);
	return sock_become(fd, p, bound, 1);
}

/* Fills a sockaddr_un for path into addr/len (truncating as POSIX says). */
static void sock_fill_unix(const char *path, struct sockaddr *addr, socklen_t *len)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	size_t n = strlen(path);

	if (!addr || !len)
		return;
	if (n >= sizeof(un.sun_path))
		n = sizeof(un.sun_path) - 1;
	memcpy(un.sun_path, path, n);
	socklen_t full = (socklen_t)(offsetof(struct sockaddr_un, sun_path) + n + 1);
	memcpy(addr, &un, *len < full ? *len : full);
	*len = full;
}

int accept4(int fd, struct sockaddr *restrict addr, socklen_t *restrict len, int flags)
{
	int oflags = ((flags & SOCK_NONBLOCK) ? O_NONBLOCK : 0) | ((flags & SOCK_CLOEXEC) ? O_CLOEXEC : 0);
	char path[8];
	int kind = sock_kind(fd, path, sizeof(path));

	if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
		return (int)__syscall_ret(-EINVAL);
	if (kind < 0)
		return (int)__syscall_ret(kind);
	if (kind != SOCK_STREAM || sock_get_pending(fd))
		return (int)__syscall_ret(-EINVAL);
	int s = tessera_dupat(fd, "accept", O_RDWR | oflags);
	if (s >= 0)
		sock_fill_unix("", addr, len);  /* the peer is unnamed */
	return s;
}

int accept(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	return accept4(fd, addr, len, 0);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	sock_pending_t *p = sock_get_pending(fd);
	char path[sizeof(p->path)];
	int err = sock_unix_path(addr, len, path, sizeof(path));

	if (!p) {
		int kind = sock_kind(fd, path, sizeof(path));
		return (int)__syscall_ret(kind < 0 ? kind : -EISCONN);
	}
	if (err)
		return (int)__syscall_ret(err);
	if (p->path[0] && p->type == SOCK_STREAM)
		return (int)__syscall_ret(-EOPNOTSUPP);  /* a bound client: no name to give */
	return sock_become(fd, p, path, 0);
}

int socketpair(int domain, int type, int protocol, int fds[2])
{
	static int counter;
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	int l, c, s;

	if (domain != AF_UNIX)
		return (int)__syscall_ret(-EAFNOSUPPORT);
	if ((type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC)) != SOCK_STREAM)
		return (int)__syscall_ret(-EOPNOTSUPP);
	snprintf(un.sun_path, sizeof(un.sun_path), "\x01socketpair/%d/%d", getpid(),
		 __atomic_fetch_add(&counter, 1, __ATOMIC_RELAXED));
	l = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, protocol);
	if (l < 0)
		return -1;
	if (bind(l, (struct sockaddr *)&un, sizeof(un)) < 0 || listen(l, 1) < 0 ||
	    (c = socket(AF_UNIX, type, protocol)) < 0) {
		close(l);
		return -1;
	}
	if (connect(c, (struct sockaddr *)&un, sizeof(un)) < 0 ||
	    (s = accept4(l, NULL, NULL, type & (SOCK_NONBLOCK | SOCK_CLOEXEC))) < 0) {
		close(c);
		close(l);
		return -1;
	}
	close(l);
	fds[0] = c;
	fds[1] = s;
	return 0;
}

/* Runs a write with SIGPIPE held back when MSG_NOSIGNAL asks for it. */
static ssize_t sock_write(int fd, const struct iovec *iov, int n, int flags)
{
	sigset_t pipe_only, old;
	ssize_t r;

	if (!(flags & MSG_NOSIGNAL))
		return writev(fd, iov, n);
	sigemptyset(&pipe_only);
	sigaddset(&pipe_only, SIGPIPE);
	sigprocmask(SIG_BLOCK, &pipe_only, &old);
	r = writev(fd, iov, n);
	if (r < 0 && errno == EPIPE && !sigismember(&old, SIGPIPE)) {
		struct timespec zero = { 0, 0 };
		sigtimedwait(&pipe_only, NULL, &zero);  /* take back our SIGPIPE */
		errno = EPIPE;
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}

static int sock_flags_ok(int flags, int allowed)
{
	return !(flags & ~allowed);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	if (!sock_flags_ok(flags, MSG_NOSIGNAL | MSG_EOR | MSG_DONTWAIT))
		return (ssize_t)__syscall_ret(-EOPNOTSUPP);
	if (msg->msg_controllen)
		return (ssize_t)__syscall_ret(-EOPNOTSUPP);     /* no SCM_RIGHTS yet */
	if (msg->msg_name) {
		char path[120];
		int err = sock_unix_path(msg->msg_name, msg->msg_namelen, path, sizeof(path));
		if (err)
			return (ssize_t)__syscall_ret(err);
		char url[160];
		snprintf(url, sizeof(url), "uds_dgram:%s", path);
		int s = open(url, O_WRONLY | O_CLOEXEC);
		if (s < 0)
			return -1;
		ssize_t r = sock_write(s, msg->msg_iov, (int)msg->msg_iovlen, flags);
		int e = errno;
		close(s);
		errno = e;
		return r;
	}
	if (sock_get_pending(fd))
		return (ssize_t)__syscall_ret(-ENOTCONN);
	return sock_write(fd, msg->msg_iov, (int)msg->msg_iovlen, flags);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	if (!sock_flags_ok(flags, MSG_DONTWAIT | MSG_CMSG_CLOEXEC))
		return (ssize_t)__syscall_ret(-EOPNOTSUPP);
	if (sock_get_pending(fd))
		return (ssize_t)__syscall_ret(-ENOTCONN);
	ssize_t r = readv(fd, msg->msg_iov, (int)msg->msg_iovlen);
	if (r >= 0) {
		msg->msg_flags = 0;
		msg->msg_controllen = 0;
		if (msg->msg_name)
			sock_fill_unix("", msg->msg_name, &msg->msg_namelen);
	}
	return r;
}

ssize_t send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr,
	       socklen_t addrlen)
{
	struct iovec iov = { (void *)buf, len };
	struct msghdr msg = { .msg_name = (void *)addr, .msg_namelen = addrlen,
			      .msg_iov = &iov, .msg_iovlen = 1 };

	return sendmsg(fd, &msg, flags);
}

ssize_t recvfrom(int fd, void *restrict buf, size_t len, int flags,
		 struct sockaddr *restrict addr, socklen_t *restrict addrlen)
{
	struct iovec iov = { buf, len };
	struct msghdr msg = { .msg_name = addr, .msg_namelen = addrlen ? *addrlen : 0,
			      .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t r = recvmsg(fd, &msg, flags);

	if (r >= 0 && addr && addrlen)
		*addrlen = msg.msg_namelen;
	return r;
}

int shutdown(int fd, int how)
{
	char path[8];
	int kind = sock_kind(fd, path, sizeof(path));

	if (kind < 0)
		return (int)__syscall_ret(kind);
	if (how < SHUT_RD || how > SHUT_RDWR)
		return (int)__syscall_ret(-EINVAL);
	if (sock_get_pending(fd))
		return (int)__syscall_ret(-ENOTCONN);
	return (int)__syscall_ret(-EOPNOTSUPP);         /* ipcd has no half-close */
}

int getsockopt(int fd, int level, int name, void *restrict value, socklen_t *restrict len)
{
	char path[8];
	int kind = sock_kind(fd, path, sizeof(path)), v;

	if (kind < 0)
		return (int)__syscall_ret(kind);
	if (level != SOL_SOCKET)
		return (int)__syscall_ret(-ENOPROTOOPT);
	switch (name) {
	case SO_TYPE:
		v = kind;
		break;
	case SO_DOMAIN:
		v = AF_UNIX;
		break;
	case SO_PROTOCOL:
	case SO_ERROR:
	case SO_REUSEADDR:
	case SO_KEEPALIVE:
		v = 0;
		break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		v = 64 * 1024;                  /* ipcd's buffer per direction */
		break;
	default:
		return (int)__syscall_ret(-ENOPROTOOPT);
	}
	if (*len < sizeof(int))
		return (int)__syscall_ret(-EINVAL);
	memcpy(value, &v, sizeof(v));
	*len = sizeof(int);
	return 0;
}

int setsockopt(int fd, int level, int name, const void *value, socklen_t len)
{
	char path[8];
	int kind = sock_kind(fd, path, sizeof(path));

	(void)value;
	if (kind < 0)
		return (int)__syscall_ret(kind);
	if (level != SOL_SOCKET)
		return (int)__syscall_ret(-ENOPROTOOPT);
	if (len < sizeof(int))
		return (int)__syscall_ret(-EINVAL);
	switch (name) {
	case SO_REUSEADDR:
	case SO_KEEPALIVE:
	case SO_SNDBUF:
	case SO_RCVBUF:
	case SO_LINGER:
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		return 0;       /* accepted; ipcd has nothing to tune */
	default:
		return (int)__syscall_ret(-ENOPROTOOPT);
	}
}

int getsockname(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	char path[160];
	int kind = sock_kind(fd, path, sizeof(path));

	if (kind < 0)
		return (int)__syscall_ret(kind);
	sock_fill_unix(path, addr, len);
	return 0;
}

int getpeername(int fd, struct sockaddr *restrict addr, socklen_t *restrict len)
{
	char path[160];
	int kind = sock_kind(fd, path, sizeof(path));

	if (kind < 0)
		return (int)__syscall_ret(kind);
	if (sock_get_pending(fd))
		return (int)__syscall_ret(-ENOTCONN);
	sock_fill_unix(path, addr, len);
	return 0;
}

int sockatmark(int fd)
{
	char path[8];
	int kind = sock_kind(fd, path, sizeof(path));

	return kind < 0 ? (int)__syscall_ret(kind) : 0;
}
