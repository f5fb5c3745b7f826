// SPDX-License-Identifier: MIT
/*
 * Binary search over entries sorted by address: the last entry at or
 * below the address is the candidate, accepted if the address falls inside
 * its size (symbols without a size, such as assembly labels, take all up
 * to the next symbol).
 */
#include <lib/ksym.h>

#include <stddef.h>

const char *ksym_lookup(const ksym_table_t *table, uint64_t addr, uint64_t *offset)
{
	uint64_t lo = 0, hi = table->count;

	if (!table->count || addr < table->entries[0].addr)
		return NULL;
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;
		if (table->entries[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	const ksym_entry_t *e = &table->entries[lo];
	if (e->size && addr - e->addr >= e->size)
		return NULL;
	if (offset)
		*offset = addr - e->addr;
	return (const char *)table + table->strings + e->name;
}
