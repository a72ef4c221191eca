/* loader_load: the whole start-up of a guest program. Validate the ELF,
 * choose the load bias (ET_DYN: ELF_ET_DYN_BASE), map the segments, set
 * the brk start, build the stack and the first thread's registers.
 * Dynamic programs (PT_INTERP) stop here with a clear message for now;
 * loading the interpreter will be elf_open + elf_map of it at a
 * mem_place'd bias, with info.base and the entry taken from it. */
#include "loader/loader.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "base/log.h"
#include "loader/elf.h"

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

void loader_load(struct vm *vm, const char *path, char *const argv[], char *const envp[])
{
    struct elf_image img;
    struct load_info info = {0};
    elf_open(&img, path);
    if (img.interp)
        fatal(RVX_EXIT_NOEXEC, path,
              "dynamic programs need a riscv64 sysroot (-L), not supported yet "
              "(interpreter %s)", img.interp);
    u64 bias = img.eh.e_type == ET_DYN ? dyn_base(&vm->mem) - img.lo : 0;
    elf_map(vm, &img, bias, &info);
    elf_close(&img);
    vm->mem.brk_start = vm->mem.brk_cur = info.end;
    guest_addr sp = stack_build(vm, path, argv, envp, &info);
    vm->entry = info.entry;
    char *real = realpath(path, NULL);
    vm->exe_path = real ? real : strdup(path);
    init_cpu(vm, info.entry, sp);
    if (log_on(LOG_PAGE))
        log_printf("page: loaded %s: entry %#llx sp %#llx brk %#llx\n", path,
                   (unsigned long long)info.entry, (unsigned long long)sp,
                   (unsigned long long)info.end);
}
