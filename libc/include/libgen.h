// SPDX-License-Identifier: MIT
/*
 * POSIX basename and dirname: they may modify their argument (trailing
 * slashes are cut) and return a pointer into it or to a static string.
 * This is the POSIX basename, not GNU's <string.h> one that never
 * modifies and returns "" for "dir/".
 */
#pragma once

char *basename(char *path);
char *dirname(char *path);
