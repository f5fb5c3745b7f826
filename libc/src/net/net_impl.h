// SPDX-License-Identifier: MIT
/*
 * What the socket files share.
 */
#pragma once

#include <errno.h>

