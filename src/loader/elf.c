/* ELF validation: reads the file header and program headers of a guest
 * program and rejects, with one clear "rvx: <path>: <why>" line, anything
 * that is not a riscv64 executable we can map: wrong class, byte order or
 * machine, truncated files, program headers out of range, misaligned,
 * overlapping or absurd segments. Called by loader_load (load.c). */
#include "loader/elf.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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

static int open_file(const char *file, const char *path, u64 *size)
{
    int fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        fatal(errno == ENOENT ? RVX_EXIT_NOENT : RVX_EXIT_NOEXEC, path, "%s",
              strerror(errno));
    struct stat st;
    if (fstat(fd, &st))
        fatal(RVX_EXIT_NOEXEC, path, "%s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        fatal(RVX_EXIT_NOEXEC, path, "Is a directory");
    if (!S_ISREG(st.st_mode))
        fatal(RVX_EXIT_NOEXEC, path, "not a regular file");
    *size = (u64)st.st_size;
    return fd;
}

/* Reads exactly n bytes at off, or exits: the file was checked to be long
 * enough, so a short read means it changed under us. */
static void read_at(const struct elf_image *img, void *buf, size_t n, u64 off)
{
    ssize_t r = pread(img->fd, buf, n, (off_t)off);
    if (r != (ssize_t)n)
        fatal(RVX_EXIT_NOEXEC, img->path, "truncated file (read at %#llx failed)",
              (unsigned long long)off);
}

static void check_ident(const struct elf_image *img, const unsigned char *id, size_t n)
{
    const char *p = img->path;
    if (n < SELFMAG || memcmp(id, ELFMAG, SELFMAG))
        fatal(RVX_EXIT_NOEXEC, p, "not an ELF file");
    if (n < sizeof(Elf64_Ehdr))
        fatal(RVX_EXIT_NOEXEC, p, "truncated file (%zu bytes, no complete ELF header)", n);
    if (id[EI_DATA] != ELFDATA2LSB)
        fatal(RVX_EXIT_NOEXEC, p, "not a riscv64 ELF (big-endian)");
    unsigned mach = img->eh.e_machine;
    const char *name = machine_name(mach);
    if (id[EI_CLASS] != ELFCLASS64)
        fatal(RVX_EXIT_NOEXEC, p, "not a riscv64 ELF (32-bit%s%s)", name ? ", machine " : "",
              name ? name : "");
    if (mach != EM_RISCV) {
        if (name)
            fatal(RVX_EXIT_NOEXEC, p, "not a riscv64 ELF (machine %s)", name);
        fatal(RVX_EXIT_NOEXEC, p, "not a riscv64 ELF (machine %u)", mach);
    }
}

static void check_header(const struct elf_image *img)
{
    const Elf64_Ehdr *e = &img->eh;
    const char *p = img->path;
    if (e->e_type == ET_REL)
        fatal(RVX_EXIT_NOEXEC, p, "not an executable (relocatable object)");
    if (e->e_type == ET_CORE)
        fatal(RVX_EXIT_NOEXEC, p, "not an executable (core file)");
    if (e->e_type != ET_EXEC && e->e_type != ET_DYN)
        fatal(RVX_EXIT_NOEXEC, p, "not an executable (ELF type %u)", e->e_type);
    if (e->e_phentsize != sizeof(Elf64_Phdr))
        fatal(RVX_EXIT_NOEXEC, p, "bad program header size %u", e->e_phentsize);
    if (e->e_phnum == 0 || e->e_phnum > ELF_MAX_PHNUM)
        fatal(RVX_EXIT_NOEXEC, p, "bad number of program headers (%u)", e->e_phnum);
    u64 bytes = (u64)e->e_phnum * sizeof(Elf64_Phdr);
    if (e->e_phoff > img->file_size || bytes > img->file_size - e->e_phoff)
        fatal(RVX_EXIT_NOEXEC, p, "program headers out of range (e_phoff %#llx, file size %#llx)",
              (unsigned long long)e->e_phoff, (unsigned long long)img->file_size);
}

/* One PT_LOAD: sizes, file range, alignment, address range, order. */
static void check_load(const struct elf_image *img, const Elf64_Phdr *ph, int idx,
                       guest_addr *prev_end)
{
    const char *p = img->path;
    if (ph->p_filesz > ph->p_memsz)
        fatal(RVX_EXIT_NOEXEC, p, "segment %d: file size %#llx larger than memory size %#llx",
              idx, (unsigned long long)ph->p_filesz, (unsigned long long)ph->p_memsz);
    if (ph->p_offset > img->file_size || ph->p_filesz > img->file_size - ph->p_offset)
        fatal(RVX_EXIT_NOEXEC, p, "truncated file (segment %d needs %#llx bytes, file has %#llx)",
              idx, (unsigned long long)(ph->p_offset + ph->p_filesz),
              (unsigned long long)img->file_size);
    if ((ph->p_offset - ph->p_vaddr) & (GUEST_PAGE_SIZE - 1))
        fatal(RVX_EXIT_NOEXEC, p, "segment %d: misaligned (p_offset %#llx, p_vaddr %#llx)", idx,
              (unsigned long long)ph->p_offset, (unsigned long long)ph->p_vaddr);
    if (ph->p_memsz > GUEST_SPACE_DEFAULT || ph->p_vaddr > UINT64_MAX - ph->p_memsz - GUEST_PAGE_SIZE)
        fatal(RVX_EXIT_NOEXEC, p, "segment %d: absurd size %#llx at %#llx", idx,
              (unsigned long long)ph->p_memsz, (unsigned long long)ph->p_vaddr);
    if (ph->p_vaddr < *prev_end)
        fatal(RVX_EXIT_NOEXEC, p, "segment %d: overlaps or precedes the previous segment", idx);
    *prev_end = ph->p_vaddr + ph->p_memsz;
}

static void read_interp(struct elf_image *img, const Elf64_Phdr *ph)
{
    const char *p = img->path;
    if (img->interp)
        fatal(RVX_EXIT_NOEXEC, p, "more than one PT_INTERP");
    if (ph->p_filesz < 2 || ph->p_filesz > PATH_MAX || ph->p_offset > img->file_size ||
        ph->p_filesz > img->file_size - ph->p_offset)
        fatal(RVX_EXIT_NOEXEC, p, "bad PT_INTERP");
    img->interp = malloc(ph->p_filesz);
    CHECK(img->interp);
    read_at(img, img->interp, ph->p_filesz, ph->p_offset);
    if (img->interp[ph->p_filesz - 1] || strlen(img->interp) != ph->p_filesz - 1)
        fatal(RVX_EXIT_NOEXEC, p, "bad PT_INTERP (not a NUL-terminated path)");
}

static void check_segments(struct elf_image *img)
{
    guest_addr prev_end = 0;
    bool any = false;
    img->lo = UINT64_MAX;
    img->hi = 0;
    for (int i = 0; i < img->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &img->ph[i];
        if (ph->p_type == PT_INTERP)
            read_interp(img, ph);
        if (ph->p_type != PT_LOAD)
            continue;
        check_load(img, ph, i, &prev_end);
        if (!ph->p_memsz)
            continue;
        any = true;
        if ((ph->p_vaddr & GUEST_PAGE_MASK) < img->lo)
            img->lo = ph->p_vaddr & GUEST_PAGE_MASK;
        img->hi = (ph->p_vaddr + ph->p_memsz + GUEST_PAGE_SIZE - 1) & GUEST_PAGE_MASK;
    }
    if (!any)
        fatal(RVX_EXIT_NOEXEC, img->path, "no loadable segments");
}

void elf_open(struct elf_image *img, const char *file, const char *path)
{
    memset(img, 0, sizeof *img);
    img->path = path;
    img->fd = open_file(file, path, &img->file_size);
    ssize_t n = pread(img->fd, &img->eh, sizeof img->eh, 0);
    if (n < 0)
        fatal(RVX_EXIT_NOEXEC, path, "%s", strerror(errno));
    check_ident(img, img->eh.e_ident, (size_t)n);
    check_header(img);
    img->ph = calloc(img->eh.e_phnum, sizeof *img->ph);
    CHECK(img->ph);
    read_at(img, img->ph, img->eh.e_phnum * sizeof *img->ph, img->eh.e_phoff);
    check_segments(img);
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
