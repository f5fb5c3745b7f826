// SPDX-License-Identifier: MIT
/*
 * sys: — the system as text, one snapshot per open: `sys:uname`,
 * `sys:meminfo`, `sys:cpus`, `sys:schemes` (the schemes the caller can
 * see), `sys:framebuffer` (the boot framebuffer's address and layout, for
 * the display driver; ENOENT without one), and `sys:` itself lists these
 * names.
 *
 * `sys:cmdline` is the kernel's command line (GRUB's words and QEMU's
 * fw_cfg extra), where `root=LABEL` tells the boot which disk partition
 * holds the root file system.
 *
 * `sys:acpi/SIG` is the firmware's ACPI table SIG as raw bytes (`MCFG`
 * for pcid), for holders of ABI_PRIV_PHYS only: the tables describe the
 * machine's memory and devices to drivers.
 *
 * `sys:power` is the one file that takes writes: root writes "poweroff"
 * or "reboot" (a newline may follow) and the machine does it at once —
 * init stops the services first (the poweroff and reboot commands ask
 * init). Reading it lists the two words.
 */
#include <scheme.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/percpu.h>
#include <boot.h>
#include <machine.h>
#include <uaccess.h>
#include <clock.h>
#include <mm.h>
#include <platform.h>
#include <proc.h>
#include <sched.h>
#include <smp.h>
#include <string.h>
#include <textfile.h>
#include <version.h>

static void sys_uname(textbuf_t *b)
{
	textbuf_printf(b, "%s %s %s\n", TESSERA_NAME, TESSERA_VERSION, TESSERA_ARCH);
}

static void sys_meminfo(textbuf_t *b)
{
	textbuf_printf(b, "total_kib %lu\nfree_kib %lu\npage_size %u\n",
		       pmm_total_pages() * (PAGE_SIZE / 1024),
		       pmm_free_pages() * (PAGE_SIZE / 1024), PAGE_SIZE);
}

static void sys_cpus(textbuf_t *b)
{
	textbuf_printf(b, "online %u\nuptime_ns %lu\n", smp_online_count(), clock_ns());
	for (uint32_t i = 0; i < cpu_count; i++)
		textbuf_printf(b, "cpu%u apic %u online %d busy_ns %lu timer_ticks %lu\n", i,
			       cpu_table[i].apic_id, cpu_table[i].online,
			       sched_cpu_busy_ns(i), cpu_table[i].timer_ticks);
}

static void sys_schemes(textbuf_t *b)
{
	process_t *p = proc_current();

	for (int id = 0; id < 64; id++) {
		const char *name = scheme_name(id);
		if (name && (!p || (p->ns_mask & (1ull << id))))
			textbuf_printf(b, "%s\n", name);
	}
}

static void sys_framebuffer(textbuf_t *b)
{
	const boot_framebuffer_t *fb = &boot_info.fb;

	textbuf_printf(b, "address %#lx\nwidth %u\nheight %u\npitch %u\nbpp %u\n"
			  "red %u:%u\ngreen %u:%u\nblue %u:%u\n",
		       fb->addr, fb->width, fb->height, fb->pitch, fb->bpp, fb->red_pos,
		       fb->red_size, fb->green_pos, fb->green_size, fb->blue_pos, fb->blue_size);
}

static void sys_cmdline(textbuf_t *b)
{
	textbuf_printf(b, "%s\n", kernel_cmdline);
}

static void sys_power(textbuf_t *b)
{
	textbuf_printf(b, "poweroff\nreboot\n");
}

static const struct {
	const char *name;
	void (*fill)(textbuf_t *b);
} sys_files[] = {
	{ "uname", sys_uname },
	{ "meminfo", sys_meminfo },
	{ "cpus", sys_cpus },
	{ "schemes", sys_schemes },
	{ "framebuffer", sys_framebuffer },
	{ "power", sys_power },
	{ "cmdline", sys_cmdline },
};

static int sys_open_acpi(const char *sig, file_t *f)
{
	textbuf_t b = { 0 };
	size_t len;

	if (!proc_privileged(ABI_PRIV_PHYS))
		return -EPERM;
	const void *table = acpi_table_get(sig, &len);
	if (!table)
		return -ENOENT;
	textbuf_append(&b, table, len);
	return textfile_attach(f, &b);
}

static int sys_open(scheme_t *s, const char *path, file_t *f)
{
	textbuf_t b = { 0 };
	size_t n = sizeof(sys_files) / sizeof(sys_files[0]);

	(void)s;
	if (strcmp(path, "power") == 0 && (f->flags & O_ACCMODE) != O_RDONLY) {
		if (proc_current()->uid != 0)
			return -EACCES;
	} else if ((f->flags & O_ACCMODE) != O_RDONLY) {
		return -EACCES;
	}
	if (strcmp(path, "framebuffer") == 0 && !boot_info.has_framebuffer)
		return -ENOENT;
	if (strncmp(path, "acpi/", 5) == 0)
		return sys_open_acpi(path + 5, f);
	if (!*path) {
		for (size_t i = 0; i < n; i++)
			textbuf_printf(&b, "%s\n", sys_files[i].name);
		return textfile_attach(f, &b);
	}
	for (size_t i = 0; i < n; i++) {
		if (strcmp(path, sys_files[i].name) == 0) {
			sys_files[i].fill(&b);
			return textfile_attach(f, &b);
		}
	}
	return -ENOENT;
}

/* Only sys:power is ever open for writing (sys_open). */
static long sys_write(file_t *f, uptr_t buf, size_t len)
{
	char word[16] = { 0 };

	(void)f;
	if (len >= sizeof(word))
		return -EINVAL;
	if (copy_from_user(word, buf, len))
		return -EFAULT;
	if (len && word[len - 1] == '\n')
		word[len - 1] = '\0';
	if (strcmp(word, "poweroff") == 0)
		machine_power_off();
	if (strcmp(word, "reboot") == 0)
		machine_reboot();
	return -EINVAL;
}

static const scheme_ops_t sys_ops = {
	.open = sys_open, .close = textfile_close, .read = textfile_read,
	.write = sys_write, .seek = textfile_seek, .fstat = textfile_fstat,
};

void scheme_sys_init(void)
{
	scheme_register("sys", &sys_ops, NULL);
}
