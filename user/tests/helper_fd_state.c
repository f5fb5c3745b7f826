// SPDX-License-Identifier: MIT
/*
 * For test_fds: exits 1 when descriptor argv[1] is open and argv[2] is
 * closed (what close-on-exec should leave), 2 or 3 otherwise.
 */
#include <fcntl.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	if (argc != 3)
		return 4;
	if (fcntl(atoi(argv[1]), F_GETFD) < 0)
		return 2;
	if (fcntl(atoi(argv[2]), F_GETFD) >= 0)
		return 3;
	return 1;
}
