// SPDX-License-Identifier: MIT
/*
 * strerror from abi/errno.h's ERRNO_LIST, the same list the E* macros are
 * generated from. This file includes the abi enum, so not <errno.h>.
 */
#include <abi/errno.h>
#include <stdio.h>
#include <string.h>

static const char *const strerror_messages[] = {
#define STRERROR_ENTRY(name, value, message) [value] = message,
	ERRNO_LIST(STRERROR_ENTRY)
#undef STRERROR_ENTRY
};

char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum == 0)
		return (char *)"Success";
	if (errnum > 0 && (size_t)errnum < sizeof(strerror_messages) / sizeof(strerror_messages[0]) &&
	    strerror_messages[errnum])
		return (char *)strerror_messages[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}
