// SPDX-License-Identifier: MIT
/* Deliberate faults for testing the panic path (see core/crashtest.c). */
#pragma once

void crashtest_run(const char *cmdline);
