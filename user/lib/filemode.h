// SPDX-License-Identifier: MIT
/*
 * chmod-style modes, as mkdir -m (and a future chmod) take them: an
 * octal number, or symbolic clauses "who op perms" separated by commas —
 * who is any of u g o a, op one of + - =, perms any of r w x X s t or one
 * of u g o (copy that class's bits). Without who, a clause means "a" but
 * leaves the umask's bits alone, as POSIX chmod does.
 */
#pragma once

#include <stdbool.h>
#include <sys/types.h>

/*
 * The mode `spec` makes of `base` (the file's current bits). is_dir
 * decides X; umask is used by clauses without who. False when spec is
 * not a mode.
 */
bool filemode_parse(const char *spec, mode_t base, mode_t umask, bool is_dir, mode_t *out);
