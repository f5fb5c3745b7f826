// SPDX-License-Identifier: MIT
/*
 * uname: the system's names. Tessera has no uname system call; libc reads
 * the kernel's `sys:uname` ("Tessera 0.1 x86_64") and the host name from
 * /etc/hostname ("tessera" without one).
 */
#pragma once

#define _UTSNAME_LENGTH 65

struct utsname {
	char sysname[_UTSNAME_LENGTH];
	char nodename[_UTSNAME_LENGTH];
	char release[_UTSNAME_LENGTH];
	char version[_UTSNAME_LENGTH];
	char machine[_UTSNAME_LENGTH];
	char domainname[_UTSNAME_LENGTH];
};

int uname(struct utsname *u);
