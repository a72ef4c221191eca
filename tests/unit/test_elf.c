/* Loader unit tests on synthetic riscv64 ELF files written to /tmp:
 * segment mapping (permissions in pages[], file bytes, the zeroed bss
 * tail of the last file page, anonymous bss pages), brk start, ET_DYN
 * load bias (ELF_ET_DYN_BASE), the initial stack (argc, argv, envp, the
 * auxv in the kernel's order, AT_RANDOM/AT_EXECFN/AT_PHDR, 16-byte sp),
 * the initial registers, and exit codes for bad files (in a child, since
 * the loader exits through fatal()). */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "loader/loader.h"
#include "mem/copy.h"

#define TEXT_VA 0x10000ull
#define DATA_VA 0x21010ull
#define FILE_SIZE 0x2000

static int failures;

#define EXPECT(cond) \
    do { if (!(cond)) { failures++; \
        fprintf(stderr, "%s:%d: %s failed\n", __FILE__, __LINE__, #cond); } } while (0)
#define EXPECT_EQ(a, b) \
    do { u64 a_ = (u64)(a), b_ = (u64)(b); if (a_ != b_) { failures++; \
        fprintf(stderr, "%s:%d: %s = %#llx, expected %#llx\n", __FILE__, __LINE__, #a, \
                (unsigned long long)a_, (unsigned long long)b_); } } while (0)

/* Two PT_LOADs: text [0, 0x200) at TEXT_VA, R-X; data 0x20 file bytes at
 * file offset 0x1010 -> DATA_VA with 0x3000 bytes of memory, RW. The
 * file bytes after the data are 0xee, so the zeroed tail shows. */
static u8 *make_elf(int type)
{
    u8 *f = calloc(1, FILE_SIZE);
    Elf64_Ehdr *e = (Elf64_Ehdr *)f;
    Elf64_Phdr *ph = (Elf64_Phdr *)(f + sizeof *e);
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = type;
    e->e_machine = 243;
    e->e_version = EV_CURRENT;
    e->e_entry = TEXT_VA + 0x100;
    e->e_phoff = sizeof *e;
    e->e_ehsize = sizeof *e;
    e->e_phentsize = sizeof *ph;
    e->e_phnum = 2;
    ph[0] = (Elf64_Phdr){PT_LOAD, PF_R | PF_X, 0, TEXT_VA, TEXT_VA, 0x200, 0x200, 0x1000};
    ph[1] = (Elf64_Phdr){PT_LOAD, PF_R | PF_W, 0x1010, DATA_VA, DATA_VA, 0x20, 0x3000, 0x1000};
    memset(f + 0x100, 0x13, 0x100);  /* "code" */
    memset(f + 0x1000, 0xee, 0x1000); /* data page: garbage beyond filesz */
    memset(f + 0x1010, 0xab, 0x20);
    return f;
}

static char *write_tmp(const u8 *data, size_t n)
{
    static char path[64];
    strcpy(path, "/tmp/rvx_test_elf_XXXXXX");
    int fd = mkstemp(path);
    EXPECT(fd >= 0 && write(fd, data, n) == (ssize_t)n);
    close(fd);
    return path;
}

static u64 rd64(struct vm *vm, guest_addr a)
{
    u64 v = 0;
    EXPECT_EQ(copy_from_guest(vm, &v, a, 8), 0);
    return v;
}

static struct vm *load(const char *path, char **argv, char **envp)
{
    struct vm *vm = calloc(1, sizeof *vm);
    EXPECT_EQ(mem_init(&vm->mem, GUEST_SPACE_DEFAULT), 0);
    loader_load(vm, path, argv, envp);
    return vm;
}

static void check_segments(struct vm *vm, u64 bias)
{
    struct mem *m = &vm->mem;
    u8 b[0x30];
    EXPECT_EQ(mem_page_flags(m, TEXT_VA + bias), PAGE_MAPPED | PAGE_R | PAGE_X);
    EXPECT_EQ(mem_page_flags(m, DATA_VA + bias), PAGE_MAPPED | PAGE_R | PAGE_W);
    EXPECT_EQ(mem_page_flags(m, DATA_VA + bias + 0x2ff0), PAGE_MAPPED | PAGE_R | PAGE_W);
    EXPECT_EQ(mem_page_flags(m, DATA_VA + bias + 0x3ff0), 0);
    EXPECT_EQ(copy_from_guest(vm, b, TEXT_VA + bias + 0x100, 4), 0);
    EXPECT_EQ(b[0], 0x13);
    EXPECT_EQ(copy_from_guest(vm, b, DATA_VA + bias, sizeof b), 0);
    EXPECT(b[0] == 0xab && b[0x1f] == 0xab && b[0x20] == 0 && b[0x2f] == 0);
    EXPECT_EQ(copy_from_guest(vm, b, DATA_VA + bias - 0x10, 1), 0);
    EXPECT_EQ(b[0], 0xee); /* before the segment: file bytes, as Linux maps them */
    EXPECT_EQ(rd64(vm, (DATA_VA + bias + 0xff8) & ~7ull), 0);
    EXPECT_EQ(m->brk_start, ((DATA_VA + 0x3000 + 0xfff) & GUEST_PAGE_MASK) + bias);
    EXPECT_EQ(m->brk_cur, m->brk_start);
}

static u64 auxv_get(struct vm *vm, u64 type)
{
    for (guest_addr a = vm->auxv_addr; a < vm->auxv_addr + vm->auxv_len; a += 16)
        if (rd64(vm, a) == type)
            return rd64(vm, a + 8);
    return ~0ull;
}

static void check_stack(struct vm *vm, const char *path, u64 bias)
{
    struct cpu *c = vm->cpu;
    u64 sp = c->x[2];
    char s[256];
    EXPECT_EQ(sp & 15, 0);
    EXPECT_EQ(c->pc, TEXT_VA + 0x100 + bias);
    EXPECT_EQ(vm->entry, c->pc);
    for (int i = 0; i < 32; i++)
        EXPECT(i == 2 || c->x[i] == 0);
    EXPECT_EQ(rd64(vm, sp), 2);
    EXPECT_EQ(copy_str_from_guest(vm, s, rd64(vm, sp + 8), sizeof s), strlen(path));
    EXPECT_EQ(copy_str_from_guest(vm, s, rd64(vm, sp + 16), sizeof s), 3);
    EXPECT_EQ(strcmp(s, "arg"), 0);
    EXPECT_EQ(rd64(vm, sp + 24), 0);
    EXPECT_EQ(copy_str_from_guest(vm, s, rd64(vm, sp + 32), sizeof s), 3);
    EXPECT_EQ(strcmp(s, "A=1"), 0);
    EXPECT_EQ(rd64(vm, sp + 40), 0);
    EXPECT_EQ(vm->auxv_addr, sp + 48);
    EXPECT_EQ(rd64(vm, vm->auxv_addr + vm->auxv_len - 16), 0); /* AT_NULL last */
    EXPECT_EQ(auxv_get(vm, AT_HWCAP), 0x112D);
    EXPECT_EQ(auxv_get(vm, AT_PAGESZ), 4096);
    EXPECT_EQ(auxv_get(vm, AT_CLKTCK), 100);
    EXPECT_EQ(auxv_get(vm, AT_PHENT), 56);
    EXPECT_EQ(auxv_get(vm, AT_PHNUM), 2);
    EXPECT_EQ(auxv_get(vm, AT_PHDR), TEXT_VA + 64 + bias);
    EXPECT_EQ(rd64(vm, auxv_get(vm, AT_PHDR)), PT_LOAD | (u64)(PF_R | PF_X) << 32);
    EXPECT_EQ(auxv_get(vm, AT_ENTRY), c->pc);
    EXPECT_EQ(auxv_get(vm, AT_BASE), 0);
    EXPECT_EQ(auxv_get(vm, AT_UID), getuid());
    /* the vDSO: first auxv entry, an ELF image mapped r-x */
    EXPECT_EQ(rd64(vm, vm->auxv_addr), AT_SYSINFO_EHDR);
    EXPECT_EQ(auxv_get(vm, AT_SYSINFO_EHDR), vm->vdso_base);
    EXPECT_EQ(rd64(vm, vm->vdso_base) & 0xffffffff, 0x464c457f);
    EXPECT_EQ(mem_page_flags(&vm->mem, vm->vdso_base), PAGE_MAPPED | PAGE_R | PAGE_X);
    u64 rnd = auxv_get(vm, AT_RANDOM), fn = auxv_get(vm, AT_EXECFN);
    EXPECT(rnd > sp && rnd + 16 <= fn);
    EXPECT_EQ(copy_str_from_guest(vm, s, fn, sizeof s), strlen(path));
    EXPECT_EQ(fn + strlen(path) + 1 + 8, vm->mem.stack_top); /* at the very top */
    EXPECT_EQ(mem_page_flags(&vm->mem, vm->mem.stack_top - (8 << 20)),
              PAGE_MAPPED | PAGE_R | PAGE_W);
    /* the kernel's order: AT_HWCAP before AT_PAGESZ ... AT_EXECFN before AT_NULL */
    EXPECT_EQ(rd64(vm, vm->auxv_addr + vm->auxv_len - 32), AT_EXECFN);
}

static void test_exec(void)
{
    u8 *f = make_elf(ET_EXEC);
    char *path = strdup(write_tmp(f, FILE_SIZE));
    char *argv[] = {path, "arg", NULL}, *envp[] = {"A=1", NULL};
    struct vm *vm = load(path, argv, envp);
    check_segments(vm, 0);
    check_stack(vm, path, 0);
    unlink(path);
    free(path);
    free(f);
}

static void test_dyn(void)
{
    u8 *f = make_elf(ET_DYN);
    char *path = strdup(write_tmp(f, FILE_SIZE));
    char *argv[] = {path, "arg", NULL}, *envp[] = {"A=1", NULL};
    struct vm *vm = load(path, argv, envp);
    u64 bias = 0x2AAAAAA000ull - TEXT_VA;
    check_segments(vm, bias);
    check_stack(vm, path, bias);
    unlink(path);
    free(path);
    free(f);
}

/* Loads a broken variant in a child; returns its exit status. */
static int load_status(void (*patch)(u8 *f), size_t size)
{
    u8 *f = make_elf(ET_EXEC);
    patch(f);
    char *path = write_tmp(f, size);
    fflush(stderr);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {path, NULL};
        freopen("/dev/null", "w", stderr);
        load(path, argv, argv + 1);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    unlink(path);
    free(f);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void p_none(u8 *f) { UNUSED(f); }
static void p_machine(u8 *f) { ((Elf64_Ehdr *)f)->e_machine = EM_X86_64; }
static void p_phoff(u8 *f) { ((Elf64_Ehdr *)f)->e_phoff = ~0ull - 8; }
static void p_filesz(u8 *f) { ((Elf64_Phdr *)(f + 64))[1].p_filesz = 0x4000; }
static void p_order(u8 *f) { ((Elf64_Phdr *)(f + 64))[1].p_vaddr = TEXT_VA + 0x10; }
static void p_align(u8 *f) { ((Elf64_Phdr *)(f + 64))[1].p_vaddr += 4; }
static void p_offset(u8 *f) { ((Elf64_Phdr *)(f + 64))[1].p_offset = FILE_SIZE + 0x10; }
static void p_low(u8 *f) { ((Elf64_Phdr *)(f + 64))[0].p_vaddr = 0; }

static void test_bad(void)
{
    EXPECT_EQ(load_status(p_none, FILE_SIZE), 0);
    EXPECT_EQ(load_status(p_none, 0x1020), 126); /* truncated */
    EXPECT_EQ(load_status(p_machine, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_phoff, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_filesz, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_order, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_align, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_offset, FILE_SIZE), 126);
    EXPECT_EQ(load_status(p_low, FILE_SIZE), 126);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        char *argv[] = {NULL};
        load("/nonexistent/rvx-test", argv, argv);
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 127);
}

/* The loader exits through fatal() in the children with its allocations
 * live, as a real start-up failure does: not a leak worth reporting. */
const char *__asan_default_options(void);
const char *__asan_default_options(void) { return "detect_leaks=0"; }

int main(void)
{
    test_exec();
    test_dyn();
    test_bad();
    printf("test_elf: %s\n", failures ? "FAILED" : "ok");
    return failures != 0;
}
