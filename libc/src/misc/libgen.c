// SPDX-License-Identifier: MIT
/*
 * basename and dirname with POSIX's rules: a NULL or empty path is ".",
 * trailing '/'s do not count (they are cut in place), and a path of
 * only slashes is "/" (POSIX lets "//" stay itself; it is "/" here).
 */
#include <libgen.h>
#include <string.h>

char *basename(char *path)
{
	size_t end;

	if (!path || !*path)
		return (char *)".";
	end = strlen(path);
	while (end > 1 && path[end - 1] == '/')
		end--;
	if (end == 1 && path[0] == '/')
		return (char *)"/";
	path[end] = '\0';
	char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *dirname(char *path)
{
	size_t end;

	if (!path || !*path)
		return (char *)".";
	end = strlen(path);
	while (end > 1 && path[end - 1] == '/')        /* trailing slashes */
		end--;
	while (end > 0 && path[end - 1] != '/')        /* the last component */
		end--;
	if (end == 0)
		return (char *)".";
	while (end > 1 && path[end - 1] == '/')        /* the slashes before it */
		end--;
	path[end] = '\0';
	return path;
}
