/* The initial guest stack, built exactly as Linux's create_elf_tables
 * does for riscv64 (fact sheet 2.1-2.3), from high to low addresses:
 *
 *   stack_top  ->  8 zero bytes (bprm->p starts one pointer below the top)
 *                  AT_EXECFN string, envp strings, argv strings
 *                  (aligned down to 16)
 *                  16 random bytes                      <- AT_RANDOM
 *                  padding to 16
 *                  auxv pairs ..., AT_NULL
 *                  NULL, envp[] ; NULL, argv[] ; argc   <- sp (16-aligned)
 *
 * No randomisation: the layout is the same on every run. The stack vma
 * is an 8 MiB reserve (the default RLIMIT_STACK) named "[stack]". */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"
#include "loader/elf.h"
#include "mem/copy.h"
#include "mem/mman.h"

#define STACK_SIZE (8ull << 20)
#define STACK_ARG_MAX (STACK_SIZE / 4) /* the kernel's limit: rlimit / 4 */
#define MAX_AUXV 32

/* riscv64 auxv types (linux include/uapi/linux/auxvec.h, asm/auxvec.h). */
enum {
    RV_AT_NULL = 0, RV_AT_PHDR = 3, RV_AT_PHENT = 4, RV_AT_PHNUM = 5, RV_AT_PAGESZ = 6,
    RV_AT_BASE = 7, RV_AT_FLAGS = 8, RV_AT_ENTRY = 9, RV_AT_UID = 11, RV_AT_EUID = 12,
    RV_AT_GID = 13, RV_AT_EGID = 14, RV_AT_HWCAP = 16, RV_AT_CLKTCK = 17,
    RV_AT_SECURE = 23, RV_AT_RANDOM = 25, RV_AT_EXECFN = 31, RV_AT_SYSINFO_EHDR = 33,
    RV_AT_L1I_CACHESIZE = 40, RV_AT_L1I_CACHEGEOMETRY = 41, RV_AT_L1D_CACHESIZE = 42,
    RV_AT_L1D_CACHEGEOMETRY = 43, RV_AT_L2_CACHESIZE = 44, RV_AT_L2_CACHEGEOMETRY = 45,
    RV_AT_L3_CACHESIZE = 46, RV_AT_L3_CACHEGEOMETRY = 47, RV_AT_MINSIGSTKSZ = 51,
};

#define RV_HWCAP_RV64IMAFDC 0x112D /* 1 << (letter - 'a') for I M A F D C */
#define RV_RT_FRAME_SIZE 1088      /* rt_sigframe without V: fact sheet 3.1 */

struct stack_builder {
    struct vm *vm;
    const char *path;
    guest_addr p;          /* moves down */
};

static void push_bytes(struct stack_builder *b, const void *data, size_t n)
{
    b->p -= n;
    if (copy_to_guest(b->vm, b->p, data, n))
        fatal(RVX_EXIT_INTERNAL, b->path, "initial stack overflow");
}

static guest_addr push_string(struct stack_builder *b, const char *s)
{
    push_bytes(b, s, strlen(s) + 1);
    return b->p;
}

static size_t count(char *const v[])
{
    size_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

/* The auxv in the kernel's order: ARCH_DLINFO first, then binfmt_elf's. */
static size_t auxv_fill(u64 *av, const struct vm *vm, const struct load_info *li,
                        guest_addr rnd, guest_addr execfn)
{
    static const u64 cache_types[] = {
        RV_AT_L1I_CACHESIZE, RV_AT_L1I_CACHEGEOMETRY, RV_AT_L1D_CACHESIZE,
        RV_AT_L1D_CACHEGEOMETRY, RV_AT_L2_CACHESIZE, RV_AT_L2_CACHEGEOMETRY,
        RV_AT_L3_CACHESIZE, RV_AT_L3_CACHEGEOMETRY,
    };
    size_t n = 0;
#define AUX(t, v) (av[n++] = (u64)(t), av[n++] = (u64)(v))
    if (vm->vdso_base)
        AUX(RV_AT_SYSINFO_EHDR, vm->vdso_base); /* ARCH_DLINFO's first entry */
    for (size_t i = 0; i < ARRAY_LEN(cache_types); i++)
        AUX(cache_types[i], 0); /* no cache info: the kernel still emits 0 */
    AUX(RV_AT_MINSIGSTKSZ, RV_RT_FRAME_SIZE);
    AUX(RV_AT_HWCAP, RV_HWCAP_RV64IMAFDC);
    AUX(RV_AT_PAGESZ, GUEST_PAGE_SIZE);
    AUX(RV_AT_CLKTCK, 100);
    AUX(RV_AT_PHDR, li->phdr);
    AUX(RV_AT_PHENT, li->phent);
    AUX(RV_AT_PHNUM, li->phnum);
    AUX(RV_AT_BASE, li->base);
    AUX(RV_AT_FLAGS, 0);
    AUX(RV_AT_ENTRY, li->entry);
    AUX(RV_AT_UID, getuid());
    AUX(RV_AT_EUID, geteuid());
    AUX(RV_AT_GID, getgid());
    AUX(RV_AT_EGID, getegid());
    AUX(RV_AT_SECURE, 0);
    AUX(RV_AT_RANDOM, rnd);
    AUX(RV_AT_EXECFN, execfn);
    AUX(RV_AT_NULL, 0);
#undef AUX
    CHECK(n <= 2 * MAX_AUXV);
    return n;
}

/* Executable only when PT_GNU_STACK has PF_X (riscv has no
 * READ_IMPLIES_EXEC default), as setup_arg_pages does. */
static void map_stack(struct vm *vm, const char *path, bool exec)
{
    struct mem *m = &vm->mem;
    guest_addr top = m->stack_top, bottom = top - STACK_SIZE;
    int prot = RV_PROT_READ | RV_PROT_WRITE | (exec ? RV_PROT_EXEC : 0);
    i64 r = mem_mmap(vm, bottom, STACK_SIZE, prot,
                     RV_MAP_PRIVATE | RV_MAP_ANONYMOUS | RV_MAP_FIXED, -1, 0);
    if (r < 0)
        fatal(RVX_EXIT_INTERNAL, path, "cannot map the stack: %s", strerror((int)-r));
    mem_name(m, bottom, top, "[stack]");
}

/* Copies the argv/envp strings (argv[0] lowest); fills ptrs with their
 * guest addresses in the order argv..., envp.... */
static void push_strings(struct stack_builder *b, char *const argv[], size_t argc,
                         char *const envp[], size_t envc, guest_addr *ptrs)
{
    size_t total = 0;
    for (size_t i = 0; i < argc; i++)
        total += strlen(argv[i]) + 1 + 8;
    for (size_t i = 0; i < envc; i++)
        total += strlen(envp[i]) + 1 + 8;
    if (total > STACK_ARG_MAX)
        fatal(RVX_EXIT_NOEXEC, b->path, "Argument list too long");
    for (size_t i = envc; i-- > 0;)
        ptrs[argc + i] = push_string(b, envp[i]);
    for (size_t i = argc; i-- > 0;)
        ptrs[i] = push_string(b, argv[i]);
}

/* Writes argc, argv[], NULL, envp[], NULL and the auxv at sp, the
 * lowest 16-aligned address below b->p that holds them; returns sp. */
static guest_addr push_table(struct stack_builder *b, size_t argc, size_t envc,
                             const guest_addr *ptrs, const u64 *av, size_t auxn)
{
    size_t words = 1 + (argc + 1) + (envc + 1) + auxn, k = 0;
    guest_addr sp = (b->p - words * 8) & ~15ull;
    u64 *table = calloc(words, sizeof *table);
    CHECK(table);
    table[k++] = argc;
    for (size_t i = 0; i < argc; i++)
        table[k++] = ptrs[i];
    table[k++] = 0;
    for (size_t i = 0; i < envc; i++)
        table[k++] = ptrs[argc + i];
    table[k++] = 0;
    b->vm->auxv_addr = sp + k * 8;
    b->vm->auxv_len = auxn * 8;
    memcpy(&table[k], av, auxn * 8);
    b->p = sp + words * 8;
    push_bytes(b, table, words * 8);
    free(table);
    return sp;
}

guest_addr stack_build(struct vm *vm, const char *execfn, char *const argv[],
                       char *const envp[], const struct load_info *li)
{
    struct stack_builder b = {vm, execfn, vm->mem.stack_top - 8};
    size_t argc = count(argv), envc = count(envp);
    map_stack(vm, execfn, li->exec_stack);
    guest_addr fn = push_string(&b, execfn);
    guest_addr *ptrs = calloc(argc + envc + 1, sizeof *ptrs);
    CHECK(ptrs);
    push_strings(&b, argv, argc, envp, envc, ptrs);
    /* argv then envp strings, contiguous, up to the AT_EXECFN string. */
    vm->mm.arg_start = b.p;
    vm->mm.arg_end = vm->mm.env_start = envc ? ptrs[argc] : fn;
    vm->mm.env_end = fn;
    b.p &= ~15ull; /* arch_align_stack, without its random offset */
    u8 rnd[16];
    CHECK(getrandom(rnd, sizeof rnd, 0) == sizeof rnd);
    push_bytes(&b, rnd, sizeof rnd);
    u64 av[2 * MAX_AUXV];
    size_t auxn = auxv_fill(av, vm, li, b.p, fn);
    guest_addr sp = push_table(&b, argc, envc, ptrs, av, auxn);
    vm->mm.start_stack = sp;
    free(ptrs);
    return sp;
}
