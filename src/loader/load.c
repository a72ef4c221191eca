/* loader_load: the whole start-up of a guest program, in the order of
 * Linux's load_elf_binary. Validate the ELF, choose the load bias
 * (ET_DYN: ELF_ET_DYN_BASE), map the segments, set the brk start; for a
 * dynamic program load its interpreter (PT_INTERP, looked up through the
 * sysroot) where the mmap allocator puts it, and start there; map the
 * vDSO; build the stack and the first thread's registers. */
#include "loader/loader.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"
#include "loader/elf.h"
#include "mem/mman.h"
#include "os/path.h"

/* ELF_ET_DYN_BASE = (DEFAULT_MAP_WINDOW / 3) * 2, page-truncated: for
 * Sv39 0x2AAAAAA000 (fact sheet 2.4). */
static u64 dyn_base(const struct mem *m)
{
    return (m->size / 3 * 2) & GUEST_PAGE_MASK;
}

static void init_cpu(struct vm *vm, guest_addr pc, guest_addr sp)
{
    if (!vm->cpu) {
        vm->cpu = calloc(1, sizeof *vm->cpu);
        CHECK(vm->cpu);
        vm->cpu->vm = vm;
    }
    struct cpu *c = vm->cpu;
    /* start_thread sets only pc and sp; a0 = 0 (execve's return value),
     * everything else zero, fcsr = 0 (RNE, no flags). */
    memset(c->x, 0, sizeof c->x);
    memset(c->f, 0, sizeof c->f);
    c->fcsr = 0;
    c->pc = pc;
    c->x[2] = sp;
}

/* Where the mmap allocator puts len bytes (as load_elf_interp's first
 * mapping of the whole image): reserve, note the address, release. */
static guest_addr place(struct vm *vm, const char *subject, u64 len)
{
    i64 a = mem_mmap(vm, 0, len, 0 /* PROT_NONE */, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0);
    if (a < 0)
        fatal(RVX_EXIT_INTERNAL, subject, "no room for the interpreter: %s", strerror((int)-a));
    mem_munmap(vm, (guest_addr)a, len);
    return (guest_addr)a;
}

/* Loads the interpreter named by PT_INTERP; returns its entry and sets
 * info->base (AT_BASE, its load bias). */
static guest_addr load_interp(struct vm *vm, const char *prog, const char *interp,
                              struct load_info *info)
{
    char host[PATH_MAX], subject[PATH_MAX + 64];
    if (path_resolve(vm, interp, host) || access(host, F_OK))
        fatal(RVX_EXIT_NOENT, prog, "interpreter %s not found%s", interp,
              *vm->opt.sysroot ? "" : " (no sysroot: use -L DIR or RVX_LD_PREFIX)");
    snprintf(subject, sizeof subject, "%s: interpreter %s", prog, interp);
    struct elf_image ii;
    struct load_info li = {0};
    elf_open(&ii, host, subject);
    if (ii.interp)
        fatal(RVX_EXIT_NOEXEC, subject, "has a PT_INTERP itself");
    u64 bias = ii.eh.e_type == ET_DYN ? place(vm, subject, ii.hi - ii.lo) - ii.lo : 0;
    elf_map(vm, &ii, bias, &li);
    elf_close(&ii);
    info->base = bias;
    if (log_on(LOG_PAGE))
        log_printf("page: interpreter %s at %#llx\n", host, (unsigned long long)bias);
    return li.entry;
}

/* Records what /proc/self/stat reports about the program's image. */
static void note_image(struct vm *vm, const struct load_info *info)
{
    vm->mm.start_code = info->start_code == UINT64_MAX ? 0 : info->start_code;
    vm->mm.end_code = info->end_code;
    vm->mm.start_data = info->start_data;
    vm->mm.end_data = info->end_data;
}

/* comm is the basename of the path, as exec sets it: ps, top and the
 * guest's own /proc/self/{comm,stat,status} show the program, not rvx. */
static void set_comm(const char *path)
{
    const char *base = strrchr(path, '/');
    prctl(PR_SET_NAME, base ? base + 1 : path, 0, 0, 0);
}

void loader_load(struct vm *vm, const char *path, char *const argv[], char *const envp[])
{
    struct elf_image img;
    struct load_info info = {0};
    path_init(vm);
    elf_open(&img, path, path);
    u64 bias = img.eh.e_type == ET_DYN ? dyn_base(&vm->mem) - img.lo : 0;
    elf_map(vm, &img, bias, &info);
    note_image(vm, &info);
    vm->mem.brk_start = vm->mem.brk_cur = info.end;
    guest_addr pc = img.interp ? load_interp(vm, path, img.interp, &info) : info.entry;
    elf_close(&img);
    vdso_map(vm);
    char *real = realpath(path, NULL);
    vm->exe_path = real ? real : strdup(path);
    vm->exe_guest = path_to_guest(vm, vm->exe_path);
    /* AT_EXECFN is the name execve was given: the guest's, when a guest
     * exec started this rvx; else the command line's, as the guest sees
     * it. */
    const char *execfn = vm->opt.execfn ? vm->opt.execfn
                         : path[0] == '/' ? path_to_guest(vm, path) : path;
    guest_addr sp = stack_build(vm, execfn, argv, envp, &info);
    vm->entry = info.entry;
    set_comm(path);
    init_cpu(vm, pc, sp);
    if (log_on(LOG_PAGE))
        log_printf("page: loaded %s: entry %#llx pc %#llx sp %#llx brk %#llx\n", path,
                   (unsigned long long)info.entry, (unsigned long long)pc,
                   (unsigned long long)sp, (unsigned long long)info.end);
}
