// SPDX-License-Identifier: MIT
/* Unix-domain socket addresses (POSIX <sys/un.h>), Linux's layout. */
#pragma once

#include <sys/socket.h>

struct sockaddr_un {
	sa_family_t sun_family;
	char sun_path[108];
};
