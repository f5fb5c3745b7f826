// SPDX-License-Identifier: MIT
/*
 * The auxiliary vector exec leaves after envp (AT_* from abi/proc.h).
 * getauxval returns 0 and sets errno to ENOENT for a key that is absent.
 */
#pragma once

#include <abi/proc.h>

unsigned long getauxval(unsigned long type);
