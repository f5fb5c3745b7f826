// SPDX-License-Identifier: MIT
/*
 * Lookup in the kernel's embedded symbol table (made by tools/gen-ksyms.py
 * from the first link and placed in .ksyms by the second). Pure: the table
 * is any blob of this layout, so host tests build their own.
 */
#pragma once

#include <stdint.h>

typedef struct ksym_entry {
	uint64_t addr;
	uint32_t name;          /* offset into the string area */
	uint32_t size;          /* 0 when the symbol's size is unknown */
} ksym_entry_t;

typedef struct ksym_table {
	uint64_t count;
	uint64_t strings;       /* offset of the string area from the table */
	ksym_entry_t entries[];
} ksym_table_t;

_Static_assert(sizeof(ksym_entry_t) == 16, "ksym entry layout is fixed by gen-ksyms.py");

/*
 * The name of the function containing addr and addr's offset in it, or
 * NULL when addr is before the first symbol or past the end of a sized one.
 */
const char *ksym_lookup(const ksym_table_t *table, uint64_t addr, uint64_t *offset);
