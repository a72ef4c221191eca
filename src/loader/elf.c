/* ELF validation: reads the file header and program headers of a guest
 * program and rejects, with one clear "rvx: <path>: <why>" line, anything
 * that is not a riscv64 executable we can map: wrong class, byte order or
 * machine, truncated files, program headers out of range, misaligned,
 * overlapping or absurd segments. Called by loader_load (load.c).
 * elf_check is the same validation returning the message instead of
 * exiting (for the fuzzer, tests/fuzz/fuzz_elf.c); elf_open wraps it. */
#include "loader/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"

#define ELF_MAX_PHNUM (65536 / sizeof(Elf64_Phdr)) /* the kernel's limit */

static const char *machine_name(unsigned m)
{
    switch (m) {
    case EM_386: return "i386";
    case EM_X86_64: return "x86-64";
    case EM_ARM: return "arm";
    case EM_AARCH64: return "aarch64";
    case EM_PPC: return "ppc";
    case EM_PPC64: return "ppc64";
    case EM_S390: return "s390";
    case EM_MIPS: return "mips";
    case EM_SPARCV9: return "sparc64";
    case EM_RISCV: return "riscv";
    case 258: return "loongarch";
    default: return NULL;
    }
}

/* Records why the file is refused; always returns false. */
static bool vfail(struct elf_error *err, int code, const char *fmt, va_list ap)
{
    err->code = code;
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    return false;
}

static bool fail(struct elf_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool fail(struct elf_error *err, int code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(err, code, fmt, ap);
    va_end(ap);
    return false;
}

/* fail() for the usual case: not a riscv64 ELF we can run. */
static bool bad(struct elf_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static bool bad(struct elf_error *err, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfail(err, RVX_EXIT_NOEXEC, fmt, ap);
    va_end(ap);
    return false;
}

static bool open_file(struct elf_image *img, const char *file, struct elf_error *err)
{
    img->fd = open(file, O_RDONLY | O_CLOEXEC);
    if (img->fd < 0)
        return fail(err, errno == ENOENT ? RVX_EXIT_NOENT : RVX_EXIT_NOEXEC, "%s",
                    strerror(errno));
    struct stat st;
    if (fstat(img->fd, &st))
        return bad(err, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return bad(err, "Is a directory");
    if (!S_ISREG(st.st_mode))
        return bad(err, "not a regular file");
    img->file_size = (u64)st.st_size;
    return true;
}

/* Reads exactly n bytes at off, or exits: the file was checked to be long
 * enough, so a short read means it changed under us. */
static bool read_at(const struct elf_image *img, void *buf, size_t n, u64 off,
                    struct elf_error *err)
{
    ssize_t r = pread(img->fd, buf, n, (off_t)off);
    if (r != (ssize_t)n)
        return bad(err, "truncated file (read at %#llx failed)",
                   (unsigned long long)off);
    return true;
}

static bool check_ident(const struct elf_image *img, const unsigned char *id, size_t n,
                        struct elf_error *err)
{
    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG))
        return bad(err, "not an ELF file");
    if (n < sizeof(Elf64_Ehdr))
        return bad(err, "truncated file (%zu bytes, no complete ELF header)", n);
    if (id[EI_DATA] != ELFDATA2LSB)
        return bad(err, "not a riscv64 ELF (big-endian)");
    unsigned mach = img->eh.e_machine;
    const char *name = machine_name(mach);
    if (id[EI_CLASS] != ELFCLASS64)
        return bad(err, "not a riscv64 ELF (32-bit%s%s)", name ? ", machine " : "",
                   name ? name : "");
    if (mach != EM_RISCV) {
        if (name)
            return bad(err, "not a riscv64 ELF (machine %s)", name);
        return bad(err, "not a riscv64 ELF (machine %u)", mach);
    }
    return true;
}

static bool check_header(const struct elf_image *img, struct elf_error *err)
{
    const Elf64_Ehdr *e = &img->eh;
    if (e->e_type == ET_REL)
        return bad(err, "not an executable (relocatable object)");
    if (e->e_type == ET_CORE)
        return bad(err, "not an executable (core file)");
    if (e->e_type != ET_EXEC && e->e_type != ET_DYN)
        return bad(err, "not an executable (ELF type %u)", e->e_type);
    if (e->e_phentsize != sizeof(Elf64_Phdr))
        return bad(err, "bad program header size %u", e->e_phentsize);
    if (e->e_phnum == 0 || e->e_phnum > ELF_MAX_PHNUM)
        return bad(err, "bad number of program headers (%u)", e->e_phnum);
    u64 bytes = (u64)e->e_phnum * sizeof(Elf64_Phdr);
    if (e->e_phoff > img->file_size || bytes > img->file_size - e->e_phoff)
        return bad(err, "program headers out of range (e_phoff %#llx, file size %#llx)",
                   (unsigned long long)e->e_phoff, (unsigned long long)img->file_size);
    return true;
}

/* One PT_LOAD: sizes, file range, alignment, address range, order. */
static bool check_load(const struct elf_image *img, const Elf64_Phdr *ph, int idx,
                       guest_addr *prev_end, struct elf_error *err)
{
    if (ph->p_filesz > ph->p_memsz)
        return bad(err, "segment %d: file size %#llx larger than memory size %#llx",
                   idx, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    if (ph->p_offset > img->file_size || ph->p_filesz > img->file_size - ph->p_offset)
        return bad(err, "truncated file (segment %d needs %#llx bytes, file has %#llx)",
                   idx, (unsigned long long)(ph->p_offset + ph->p_filesz),
                   (unsigned long long)img->file_size);
    if ((ph->p_offset - ph->p_vaddr) & (GUEST_PAGE_SIZE - 1))
        return bad(err, "segment %d: misaligned (p_offset %#llx, p_vaddr %#llx)", idx,
                   (unsigned long long)ph->p_offset, (unsigned long long)ph->p_vaddr);
    if (ph->p_memsz > GUEST_SPACE_DEFAULT || ph->p_vaddr > UINT64_MAX - ph->p_memsz - GUEST_PAGE_SIZE)
        return bad(err, "segment %d: absurd size %#llx at %#llx", idx,
                   (unsigned long long)ph->p_memsz, (unsigned long long)ph->p_vaddr);
    if (ph->p_vaddr < *prev_end)
        return bad(err, "segment %d: overlaps or precedes the previous segment", idx);
    *prev_end = ph->p_vaddr + ph->p_memsz;
    return true;
}

static bool read_interp(struct elf_image *img, const Elf64_Phdr *ph, struct elf_error *err)
{
    if (img->interp)
        return bad(err, "more than one PT_INTERP");
    if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX || ph->p_offset > img->file_size ||
        ph->p_filesz > img->file_size - ph->p_offset)
        return bad(err, "bad PT_INTERP");
    img->interp = malloc(ph->p_filesz);
    CHECK(img->interp);
    if (!read_at(img, img->interp, ph->p_filesz, ph->p_offset, err))
        return false;
    if (img->interp[ph->p_filesz - 1] || strlen(img->interp) != ph->p_filesz - 1)
        return bad(err, "bad PT_INTERP (not a NUL-terminated path)");
    return true;
}

static bool check_segments(struct elf_image *img, struct elf_error *err)
{
    guest_addr prev_end = 0;
    bool any = false;
    img->lo = UINT64_MAX;
    img->hi = 0;
    for (int i = 0; i < img->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_INTERP && !read_interp(img, ph, err))
            return false;
        if (ph->p_type != PT_LOAD)
            continue;
        if (!check_load(img, ph, i, &prev_end, err))
            return false;
        if (!ph->p_memsz)
            continue;
        any = true;
        if ((ph->p_vaddr & GUEST_PAGE_MASK) < img->lo)
            img->lo = ph->p_vaddr & GUEST_PAGE_MASK;
        img->hi = (ph->p_vaddr + ph->p_memsz + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    }
    if (!any)
        return bad(err, "no loadable segments");
    return true;
}

static bool check_all(struct elf_image *img, const char *file, struct elf_error *err)
{
    if (!open_file(img, file, err))
        return false;
    ssize_t n = pread(img->fd, &img->eh, sizeof img->eh, 0);
    if (n < 0)
        return bad(err, "%s", strerror(errno));
    if (!check_ident(img, img->eh.e_ident, (size_t)n, err) || !check_header(img, err))
        return false;
    img->ph = calloc(img->eh.e_phnum, sizeof *img->ph);
    CHECK(img->ph);
    return read_at(img, img->ph, img->eh.e_phnum * sizeof *img->ph, img->eh.e_phoff, err) &&
           check_segments(img, err);
}

bool elf_check(struct elf_image *img, const char *file, const char *subject,
               struct elf_error *err)
{
    memset(img, 0, sizeof *img);
    img->path = subject;
    img->fd = -1;
    if (check_all(img, file, err))
        return true;
    elf_close(img);
    return false;
}

void elf_open(struct elf_image *img, const char *file, const char *path)
{
    struct elf_error err;
    if (!elf_check(img, file, path, &err))
        fatal(err.code, path, "%s", err.msg);
}

void elf_close(struct elf_image *img)
{
    if (img->fd >= 0)
        close(img->fd);
    img->fd = -1;
    free(img->ph);
    free(img->interp);
    img->ph = NULL;
    img->interp = NULL;
}
