/* libFuzzer target: the ELF loader on arbitrary files.
 *
 * The input is written to a memfd and goes through what loader_load does
 * with a program and its interpreter: elf_check (validation, every error
 * a message, never an exit), elf_check_place and elf_map into a 4 GiB
 * guest space, then the initial stack. If the program has a PT_INTERP,
 * the interpreter is the input from its second "\177ELF" on (so a seed
 * can be a program followed by an interpreter), else the real ld.so of
 * the sysroot when it exists. Every run unmaps what it mapped, so
 * nothing may leak and the space is fresh for the next input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "loader/elf.h"
#include "mem/mman.h"

#define SPACE (4ull << 30)
#define SYSROOT_LDSO "/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1"

static struct vm vm;
static struct cpu cpu;

static int memfd_of(const u8 *data, size_t size, char *path, size_t n)
{
    int fd = memfd_create("fuzz_elf", MFD_CLOEXEC);
    if (fd < 0 || write(fd, data, size) != (ssize_t)size)
        abort();
    snprintf(path, n, "/proc/self/fd/%d", fd);
    return fd;
}

static void unmap_all(void)
{
    while (vm.mem.nvma)
        if (mem_munmap(&vm, vm.mem.vmas[0].start, vm.mem.vmas[0].end - vm.mem.vmas[0].start))
            abort();
    vm.mem.brk_start = vm.mem.brk_cur = 0;
}

/* Validates and maps one image; false (message in err) if refused. */
static bool load_one(struct elf_image *img, const char *file, bool interp, u64 *bias,
                     struct load_info *info, struct elf_error *err)
{
    if (!elf_check(img, file, interp ? "interp" : "prog", err))
        return false;
    *bias = 0;
    if (img->eh.e_type == ET_DYN && !interp)
        *bias = ((vm.mem.size / 3 * 2) & GUEST_PAGE_MASK) - img->lo;
    if (img->eh.e_type == ET_DYN && interp) {
        /* Where the mmap allocator puts it, as load_interp does. */
        i64 a = mem_mmap(&vm, 0, img->hi - img->lo, 0, RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0);
        if (a < 0) {
            snprintf(err->msg, sizeof err->msg, "no room");
            elf_close(img);
            return false;
        }
        mem_munmap(&vm, (guest_addr)a, img->hi - img->lo);
        *bias = (u64)a - img->lo;
    }
    if (!elf_check_place(&vm, img, *bias, err)) {
        elf_close(img);
        return false;
    }
    elf_map(&vm, img, *bias, info);
    return true;
}

static void check_msg(const struct elf_error *err)
{
    size_t n = strnlen(err->msg, sizeof err->msg);
    if (n == 0 || n == sizeof err->msg)
        abort(); /* every refusal says why, in a bounded string */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
    static bool ready;
    if (!ready) {
        vm.cpu = &cpu;
        cpu.vm = &vm;
        if (mem_init(&vm.mem, SPACE))
            abort();
        ready = true;
    }
    char prog[64], ipath[64];
    int fd = memfd_of(data, size, prog, sizeof prog), ifd = -1;
    struct elf_image img, ii;
    struct elf_error err;
    struct load_info info = {0}, li = {0};
    u64 bias;
    if (!load_one(&img, prog, false, &bias, &info, &err)) {
        check_msg(&err);
        goto out;
    }
    if (img.interp) {
        const u8 *second = size > 4 ? memmem(data + 4, size - 4, ELFMAG, SELFMAG) : NULL;
        const char *file = SYSROOT_LDSO;
        if (second) {
            ifd = memfd_of(second, size - (size_t)(second - data), ipath, sizeof ipath);
            file = ipath;
        }
        if (load_one(&ii, file, true, &bias, &li, &err)) {
            info.base = bias;
            elf_close(&ii);
        } else if (access(file, F_OK) == 0) {
            check_msg(&err);
        }
    }
    elf_close(&img);
    char *argv[] = { "prog", "a", NULL }, *envp[] = { "X=1", NULL };
    stack_build(&vm, "prog", argv, envp, &info);
out:
    unmap_all();
    close(fd);
    if (ifd >= 0)
        close(ifd);
    return 0;
}
