// SPDX-License-Identifier: MIT
/*
 * exec: replace the calling process's program. Everything that can fail
 * — finding the file, validating the ELF image, building the new address
 * space with its segments and its stack — happens before the old program
 * is touched, so a failed exec returns an error to a process that is
 * still intact. The kernel reads no files for exec: libc opens the
 * program through its scheme, reads it into memory and passes the image
 * (exec(path, argv, envp, image, size)); only init's own image comes from
 * the initfs module.
 *
 * The new stack follows the SysV ABI: at rsp, argc, then argv[] and a
 * NULL, envp[] and a NULL, then auxv pairs ending in AT_NULL; the
 * strings and 16 random bytes (AT_RANDOM) sit above, near the top.
 */
#include <proc.h>

#include <abi/errno.h>
#include <abi/proc.h>
#include <arch/cpu.h>
#include <arch/context.h>
#include <arch/percpu.h>
#include <boot.h>
#include <clock.h>
#include <initfs_boot.h>
#include <lib/elf.h>
#include <lib/fmt.h>
#include <mm.h>
#include <log.h>
#include <panic.h>
#include <uaccess.h>
#include <string.h>

/*
 * Where the program file is: in kernel memory (the initfs, for init), or
 * in the caller's memory (execve: libc read the file from its scheme). A
 * user image is read only through copy_from_user, before the caller's
 * address space is replaced, so a bad pointer is just -EFAULT.
 */
typedef struct exec_source {
	const uint8_t *kernel;  /* the file, or NULL */
	uint64_t user;          /* else its user address */
	size_t size;
} exec_source_t;

#define EXEC_HEAD_MAX (64 * 1024) /* ELF and program headers must lie here */

/* The process is ending, or SIGKILL waits: stop copying. */
static bool exec_must_stop(void)
{
	thread_t *t = thread_current();
	process_t *p = t->proc;

	return p->exiting || ((t->sigpending | p->sigpending) & (1ull << (SIGKILL - 1)));
}

static int exec_copy_segment(address_space_t *as, const exec_source_t *src,
			     uint64_t vaddr, uint64_t offset, uint64_t len)
{
	if (src->kernel)
		return as_write(as, vaddr, src->kernel + offset, len);
	uint8_t *bounce = kmalloc(PAGE_SIZE);
	int err = bounce ? 0 : -ENOMEM;

	for (uint64_t done = 0; !err && done < len; done += PAGE_SIZE) {
		size_t n = len - done < PAGE_SIZE ? (size_t)(len - done) : PAGE_SIZE;
		/* A big image must not hold off SIGKILL or a sibling's exit. */
		if (exec_must_stop())
			err = -EINTR;
		else if (copy_from_user(bounce, uptr(src->user + offset + done), n))
			err = -EFAULT;
		else
			err = as_write(as, vaddr + done, bounce, n);
	}
	kfree(bounce);
	return err;
}

static int exec_load_segments(address_space_t *as, const exec_source_t *src,
			      const elf_image_t *img)
{
	uint64_t mapped_end = 0;

	for (size_t i = 0; i < img->segment_count; i++) {
		const elf_segment_t *s = &img->segments[i];
		uint64_t start = s->vaddr & ~(uint64_t)(PAGE_SIZE - 1);
		uint64_t end = (s->vaddr + s->memsz + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
		unsigned flags = ((s->flags & ELF_SEG_R) ? VMA_READ : 0) |
				 ((s->flags & ELF_SEG_W) ? VMA_WRITE | VMA_READ : 0) |
				 ((s->flags & ELF_SEG_X) ? VMA_EXEC | VMA_READ : 0);
		/* A page shared with the previous segment keeps its mapping. */
		if (start < mapped_end)
			start = mapped_end;
		if (start < end) {
			int err = as_map(as, start, end, flags);
			if (err)
				return err == -EINVAL ? -ENOEXEC : err;
			mapped_end = end;
		}
		if (s->filesz) {
			int err = exec_copy_segment(as, src, s->vaddr, s->file_offset, s->filesz);
			if (err)
				return err;
		}
	}
	return 0;
}

/* Checks the ELF headers of src into *img. */
static int exec_parse(const exec_source_t *src, elf_image_t *img)
{
	uint64_t limit = USER_STACK_TOP - USER_STACK_MAX - PAGE_SIZE;

	if (src->kernel)
		return elf_parse(src->kernel, src->size, limit, img);
	size_t head_size = src->size < EXEC_HEAD_MAX ? src->size : EXEC_HEAD_MAX;
	uint8_t *head = kmalloc(head_size ? head_size : 1);
	int err = head ? 0 : -ENOMEM;

	if (!err && copy_from_user(head, uptr(src->user), head_size))
		err = -EFAULT;
	if (!err)
		err = elf_parse_head(head, head_size, src->size, limit, img);
	kfree(head);
	return err;
}

/* The packed strings of argv and envp, copied in from the caller. */
typedef struct exec_args {
	char *buf;
	size_t used;
	int argc, envc;
} exec_args_t;

#define EXEC_ARGS_MAX (128 * 1024)
#define EXEC_VEC_MAX 4096
#define EXEC_AUXV_COUNT 10

static void exec_random_bytes(uint8_t out[16])
{
	uint64_t a = rdtsc() ^ 0x9e3779b97f4a7c15ull, b = clock_ns() * 0xbf58476d1ce4e5b9ull;

	for (int i = 0; i < 16; i++) {
		a ^= a << 13;
		a ^= a >> 7;
		a ^= b;
		out[i] = (uint8_t)(a >> 24);
	}
}

/* Builds the initial stack image in a kernel buffer, then copies it up. */
static int exec_build_stack(address_space_t *as, const exec_args_t *args,
			    const elf_image_t *img, const char *path, uint64_t *rsp_out)
{
	/* argc, argv + NULL, envp + NULL, 9 auxv pairs + AT_NULL. */
	int nptrs = 1 + args->argc + 1 + args->envc + 1 + 2 * (EXEC_AUXV_COUNT + 1);
	size_t path_len = strlen(path) + 1;
	uint64_t strings_at = USER_STACK_TOP - ((args->used + path_len + 16 + 15) & ~15ull);
	uint64_t rsp = (strings_at - (uint64_t)nptrs * 8) & ~15ull;
	size_t size = USER_STACK_TOP - rsp;
	uint8_t *image = kzalloc(size);
	int err;

	if (!image)
		return -ENOMEM;
	uint64_t *vec = (uint64_t *)image;
	uint8_t *strings = image + (strings_at - rsp);
	memcpy(strings, args->buf, args->used);
	memcpy(strings + args->used, path, path_len);
	exec_random_bytes(strings + args->used + path_len);

	uint64_t str = strings_at;
	*vec++ = (uint64_t)args->argc;
	for (int i = 0; i < args->argc + args->envc; i++) {
		*vec++ = str;
		str += strlen((const char *)strings + (str - strings_at)) + 1;
		if (i == args->argc - 1)
			*vec++ = 0;             /* the end of argv */
	}
	if (args->argc == 0)
		*vec++ = 0;
	*vec++ = 0;                             /* the end of envp */
	uint64_t auxv[][2] = {
		{ AT_PAGESZ, PAGE_SIZE }, { AT_PHDR, img->phdr_vaddr },
		{ AT_PHENT, img->phentsize }, { AT_PHNUM, img->phnum },
		{ AT_ENTRY, img->entry }, { AT_UID, 0 }, { AT_GID, 0 },
		{ AT_RANDOM, strings_at + args->used + path_len },
		{ AT_EXECFN, strings_at + args->used },
		{ AT_TESSERA, TESSERA_ABI_VERSION },
	};
	_Static_assert(sizeof(auxv) == EXEC_AUXV_COUNT * 16, "auxv count");
	memcpy(vec, auxv, sizeof(auxv));
	vec += 2 * EXEC_AUXV_COUNT;
	vec[0] = AT_NULL;
	vec[1] = 0;
	err = as_map(as, USER_STACK_TOP - USER_STACK_INITIAL, USER_STACK_TOP,
		     VMA_READ | VMA_WRITE | VMA_STACK);
	if (!err)
		err = as_write(as, rsp, image, size);
	kfree(image);
	*rsp_out = rsp;
	return err;
}

static int exec_build(const char *path, const exec_source_t *src, const exec_args_t *args,
		      address_space_t **as_out, uint64_t *entry, uint64_t *rsp)
{
	elf_image_t img;
	int err = exec_parse(src, &img);

	if (err)
		return err;
	address_space_t *as = as_create();
	if (!as)
		return -ENOMEM;
	err = exec_load_segments(as, src, &img);
	if (!err)
		err = exec_build_stack(as, args, &img, path, rsp);
	if (err) {
		as_put(as);
		return err;
	}
	*as_out = as;
	*entry = img.entry;
	return 0;
}

static void exec_reset_signals(process_t *p)
{
	uint64_t flags = spin_lock_irqsave(&p->lock);

	for (int s = 1; s < NSIG; s++)
		if (p->sigactions[s].handler != SIG_IGN)
			p->sigactions[s] = (abi_sigaction_t){ 0 };
	spin_unlock_irqrestore(&p->lock, flags);
}

static void exec_commit(process_t *p, address_space_t *as, const char *path,
			uint64_t entry, uint64_t rsp, trap_frame_t *frame)
{
	thread_t *t = thread_current();
	address_space_t *old = p->as;
	const char *base = path;

	for (const char *c = path; *c; c++)
		if (*c == '/' && c[1])
			base = c + 1;

	p->as = as;
	as_activate(as);
	if (old)
		as_put(old);
	fmt_snprintf(p->name, sizeof(p->name), "%s", base);
	fmt_snprintf(t->name, sizeof(t->name), "%s", base);
	exec_reset_signals(p);
	t->fs_base = 0;
	wrmsr(MSR_FS_BASE, 0);
	arch_fpu_init_state(t->fpu_state);
	__asm__ volatile("fxrstor64 %0" : : "m"(t->fpu_state));
	*frame = (trap_frame_t){
		.rip = entry, .rsp = rsp, .rflags = RFLAGS_IF,
		.cs = SEL_USER_CODE | 3, .ss = SEL_USER_DATA | 3,
	};
}

static int proc_exec_args(const char *path, const exec_source_t *src, const exec_args_t *args,
			  trap_frame_t *frame)
{
	process_t *p = proc_current();
	address_space_t *as;
	uint64_t entry, rsp;
	int err = exec_build(path, src, args, &as, &entry, &rsp);

	if (err)
		return err;
	if (p->thread_count > 1) {
		if (!proc_kill_other_threads()) {
			as_put(as);     /* another thread is ending the process */
			uthread_exit();
		}
		p->exiting = false;     /* only the others were to go */
	}
	exec_commit(p, as, path, entry, rsp, frame);
	fd_close_on_exec(p);
	return 0;
}

/* Copies a NULL-terminated vector of user strings into args. */
static int exec_copy_vector(exec_args_t *args, uint64_t uvec, int *count)
{
	for (*count = 0; uvec; (*count)++) {
		uint64_t str;
		if (*count == EXEC_VEC_MAX)
			return -E2BIG;
		if (copy_from_user(&str, uptr(uvec + (uint64_t)*count * 8), 8))
			return -EFAULT;
		if (!str)
			return 0;
		long len = copy_string_from_user(args->buf + args->used, uptr(str),
						 EXEC_ARGS_MAX - args->used);
		if (len < 0)
			return len == -ENAMETOOLONG ? -E2BIG : (int)len;
		args->used += (size_t)len + 1;
	}
	return 0;
}

long sys_exec_impl(uint64_t upath, uint64_t uargv, uint64_t uenvp, uint64_t uimage,
		   uint64_t size, trap_frame_t *frame)
{
	char path[SCHEME_URL_MAX];
	exec_args_t args = { 0 };
	exec_source_t src = { .user = uimage, .size = size };
	long err = copy_string_from_user(path, uptr(upath), sizeof(path));

	if (err < 0)
		return err;
	if (!uimage || size > USER_STACK_TOP || uimage + size > USER_STACK_TOP || uimage + size < uimage)
		return -EFAULT;
	args.buf = kmalloc(EXEC_ARGS_MAX);
	if (!args.buf)
		return -ENOMEM;
	err = exec_copy_vector(&args, uargv, &args.argc);
	if (!err)
		err = exec_copy_vector(&args, uenvp, &args.envc);
	if (!err)
		err = proc_exec_args(path, &src, &args, frame);
	kfree(args.buf);
	return err;
}

/*
 * init's arguments: its path, then the words after " -- " on the kernel
 * command line (as Linux hands unknown words to init), e.g. `-- bench`.
 */
static void init_args_build(exec_args_t *args, char *buf, size_t size)
{
	static const char path[] = "/bin/init";
	const char *rest, *dashes = NULL;

	for (const char *c = kernel_cmdline; *c; c++)
		if ((c == kernel_cmdline || c[-1] == ' ') && c[0] == '-' && c[1] == '-' &&
		    (c[2] == ' ' || !c[2]))
			dashes = c;
	rest = dashes ? dashes + 2 : "";
	memcpy(buf, path, sizeof(path));
	*args = (exec_args_t){ buf, sizeof(path), 1, 0 };
	while (*rest) {
		while (*rest == ' ')
			rest++;
		size_t len = 0;
		while (rest[len] && rest[len] != ' ')
			len++;
		if (!len || args->used + len + 1 > size)
			break;
		memcpy(buf + args->used, rest, len);
		buf[args->used + len] = '\0';
		args->used += len + 1;
		args->argc++;
		rest += len;
	}
}

/* init's descriptors 0, 1 and 2: the console, until the pty daemon. */
static void init_open_console(process_t *p)
{
	static const int modes[3] = { O_RDONLY, O_WRONLY, O_WRONLY };

	for (int fd = 0; fd < 3; fd++) {
		file_t *f;
		if (file_open("debug:console", modes[fd], &f) || fd_install(p, f, fd, false) != fd)
			panic("init: cannot open debug:console as descriptor %d", fd);
	}
}

/* Starts init: pid 1 from /bin/init in the initfs. */
void proc_start_init(void)
{
	static char argbuf[512];
	exec_args_t args;
	address_space_t *as;
	uint64_t entry, rsp;
	trap_frame_t frame;

	init_args_build(&args, argbuf, sizeof(argbuf));
	process_t *p = proc_alloc("init", 1);
	if (!p)
		panic("init: out of memory");
	exec_source_t src = { 0 };
	int err = initfs_boot_file("/bin/init", &src.kernel, &src.size);
	if (!err)
		err = exec_build("/bin/init", &src, &args, &as, &entry, &rsp);
	if (err)
		panic("init: cannot run /bin/init from the initfs (error %d)", err);
	p->as = as;
	fmt_snprintf(p->name, sizeof(p->name), "init");
	frame = (trap_frame_t){
		.rip = entry, .rsp = rsp, .rflags = RFLAGS_IF,
		.cs = SEL_USER_CODE | 3, .ss = SEL_USER_DATA | 3,
	};
	thread_t *t = uthread_create_with_tid(p, &frame, PRIORITY_DEFAULT, p->pid);
	if (!t)
		panic("init: out of memory");
	p->ns_mask = ~0ull;
	p->privileges = ABI_PRIV_ALL;   /* init hands them out (docs/drivers.md) */
	init_open_console(p);
	proc_add_thread(p, t);
	proc_attach(p, NULL);
	klog("init: started /bin/init as pid %d", p->pid);
	sched_start(t);
}
