// SPDX-License-Identifier: MIT
/*
 * Address conversions (POSIX <arpa/inet.h>): inet_pton/inet_ntop for
 * IPv4 and IPv6 (RFC 5952 text, as glibc prints it), and the older
 * IPv4-only inet_addr, inet_aton, inet_ntoa.
 */
#pragma once

#include <netinet/in.h>

int inet_pton(int af, const char *restrict src, void *restrict dst);
const char *inet_ntop(int af, const void *restrict src, char *restrict dst, socklen_t size);
in_addr_t inet_addr(const char *cp);
int inet_aton(const char *cp, struct in_addr *inp);
char *inet_ntoa(struct in_addr in);
