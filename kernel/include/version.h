// SPDX-License-Identifier: MIT
/* The kernel's name and version, for the boot banner and sys:uname. */
#pragma once

#define TESSERA_NAME    "Tessera"
#define TESSERA_VERSION "0.1"
#define TESSERA_ARCH    "x86_64"
