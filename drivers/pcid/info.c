// SPDX-License-Identifier: MIT
/*
 * The text of pci:ADDR/info and pcid's log line for a device. The info
 * format is what drivers/lib/pcidev_info.c parses (docs/pci.md): one
 * `key value...` per line, numbers in hex except BAR indexes, sizes and
 * the interrupt pin. Lines only ever get added, never changed, so older
 * drivers keep parsing what newer pcid writes (they skip unknown keys).
 */
#include "pci.h"

#include <stdarg.h>
#include <stdio.h>

typedef struct out {
	char *buf;
	size_t cap, len;
} out_t;

__attribute__((format(printf, 2, 3))) static void out_printf(out_t *o, const char *fmt, ...)
{
	va_list ap;

	if (o->len + 1 >= o->cap)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->cap - o->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	o->len += (size_t)n;
	if (o->len >= o->cap)
		o->len = o->cap - 1;    /* cut short: what fit is kept, terminated */
}

size_t pci_info_format(const pci_dev_t *d, char *buf, size_t cap)
{
	out_t o = { buf, cap, 0 };

	if (cap == 0)
		return 0;
	buf[0] = '\0';
	out_printf(&o, "vendor %04x\ndevice %04x\nclass %02x %02x %02x\nrevision %02x\n",
		   d->vendor, d->device, d->class_, d->subclass, d->progif, d->revision);
	out_printf(&o, "irq-pin %u\nheader %02x\n", d->irq_pin, d->header_type & 0x7f);
	if ((d->header_type & 0x7f) == 1)
		out_printf(&o, "secondary-bus %02x\n", d->secondary_bus);
	for (unsigned i = 0; i < 6; i++) {
		const pcidev_bar_t *b = &d->bar[i];
		if (!b->size)
			continue;
		out_printf(&o, "bar %u %s 0x%llx %llu%s\n", i,
			   b->io ? "io" : b->mem64 ? "mem64" : "mem32", (unsigned long long)b->base,
			   (unsigned long long)b->size, b->prefetch ? " prefetch" : "");
	}
	for (unsigned i = 0; i < d->ncaps; i++) {
		const char *name = pci_cap_name(d->cap[i].id);
		if (name)
			out_printf(&o, "cap %s 0x%02x\n", name, d->cap[i].off);
		else
			out_printf(&o, "cap 0x%02x 0x%02x\n", d->cap[i].id, d->cap[i].off);
	}
	return o.len;
}

size_t pci_log_line(const pci_dev_t *d, const char *driver, const char *program, char *buf,
		    size_t cap)
{
	out_t o = { buf, cap, 0 };

	if (cap == 0)
		return 0;
	buf[0] = '\0';
	out_printf(&o, "%s %04x:%04x class %02x.%02x.%02x", d->addr, d->vendor, d->device,
		   d->class_, d->subclass, d->progif);
	if (driver)
		out_printf(&o, " -> %s (%s)", driver, program);
	else
		out_printf(&o, " -> no driver");
	return o.len;
}
