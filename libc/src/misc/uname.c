// SPDX-License-Identifier: MIT
/*
 * uname from `sys:uname`, the kernel's "NAME VERSION ARCH" line: sysname,
 * release and machine come from its three words, version repeats the
 * release (there is no build string), nodename is the first line of
 * /etc/hostname or "tessera", domainname "(none)" as on Linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

/* The first line of a small file, or -1. */
static ssize_t read_first_line(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = '\0';
	buf[strcspn(buf, "\r\n")] = '\0';
	return (ssize_t)strlen(buf);
}

/* The next space-separated word of *s into out (truncated to the field). */
static void take_word(char **s, char out[_UTSNAME_LENGTH])
{
	size_t len;

	*s += strspn(*s, " ");
	len = strcspn(*s, " ");
	if (len >= _UTSNAME_LENGTH)
		len = _UTSNAME_LENGTH - 1;
	memcpy(out, *s, len);
	out[len] = '\0';
	*s += strcspn(*s, " ");
}

int uname(struct utsname *u)
{
	char line[256], *p = line;

	memset(u, 0, sizeof(*u));
	if (read_first_line("sys:uname", line, sizeof(line)) < 0)
		return -1;
	take_word(&p, u->sysname);
	take_word(&p, u->release);
	take_word(&p, u->machine);
	memcpy(u->version, u->release, sizeof(u->version));
	if (read_first_line("/etc/hostname", line, sizeof(line)) <= 0)
		strcpy(line, "tessera");
	line[_UTSNAME_LENGTH - 1] = '\0';
	strcpy(u->nodename, line);
	strcpy(u->domainname, "(none)");
	return 0;
}
