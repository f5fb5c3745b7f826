// SPDX-License-Identifier: MIT
/* Shell pattern matching (POSIX fnmatch, with GNU's CASEFOLD and LEADING_DIR). */
#pragma once

#define FNM_NOMATCH 1

#define FNM_PATHNAME    0x01    /* '/' only matches a '/' in the pattern */
#define FNM_NOESCAPE    0x02    /* '\' is an ordinary character */
#define FNM_PERIOD      0x04    /* a leading '.' must be matched by a '.' */
#define FNM_LEADING_DIR 0x08    /* the pattern may match a leading directory */
#define FNM_CASEFOLD    0x10    /* ignore case */
#define FNM_IGNORECASE  FNM_CASEFOLD
#define FNM_FILE_NAME   FNM_PATHNAME

int fnmatch(const char *pattern, const char *string, int flags);
