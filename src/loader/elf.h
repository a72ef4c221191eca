/* Internal to src/loader/: a validated ELF file and what mapping it
 * produced. elf_open checks everything before anything is mapped, so a
 * bad file is a clear message and never a half-built address space.
 * The same two steps load the program interpreter (PT_INTERP). */
#ifndef RVX_LOADER_ELF_H
#define RVX_LOADER_ELF_H

#include <elf.h>

#include "vm/vm.h"

#ifndef EM_RISCV
#define EM_RISCV 243
#endif

struct elf_image {
    const char *path;     /* subject of messages ("prog: interpreter X") */
    int fd;               /* host fd, open until elf_close */
    u64 file_size;
    Elf64_Ehdr eh;
    Elf64_Phdr *ph;       /* eh.e_phnum entries */
    char *interp;         /* PT_INTERP path, or NULL for a static program */
    guest_addr lo, hi;    /* page range of the PT_LOADs, before the bias */
};

struct load_info {
    guest_addr entry;     /* e_entry + bias */
    guest_addr phdr;      /* program headers in guest memory, or 0 */
    u64 phent, phnum;
    guest_addr base;      /* interpreter load address (AT_BASE), 0 if none */
    guest_addr end;       /* page-aligned end of the highest segment */
    bool exec_stack;      /* PT_GNU_STACK asks for an executable stack */
    /* What the kernel records in mm_struct (bias applied). */
    guest_addr start_code, end_code, start_data, end_data;
};

/* Opens and validates file; on any problem prints "rvx: subject: why"
 * and exits (RVX_EXIT_NOENT or RVX_EXIT_NOEXEC). */
void elf_open(struct elf_image *img, const char *file, const char *subject);
/* Why a file was refused: the exit code elf_open would use and the
 * message after "rvx: subject: ". */
struct elf_error {
    int code;
    char msg[4352];
};
/* elf_open without exiting: false (img closed, *err filled) on a bad file. */
bool elf_check(struct elf_image *img, const char *file, const char *subject,
               struct elf_error *err);
void elf_close(struct elf_image *img);
/* Maps every PT_LOAD at bias; fills info. Exits on failure. */
void elf_map(struct vm *vm, const struct elf_image *img, u64 bias, struct load_info *info);
/* The checks elf_map makes before mapping anything (segments and entry
 * inside the guest space): false with *err filled if they fail. */
bool elf_check_place(const struct vm *vm, const struct elf_image *img, u64 bias,
                     struct elf_error *err);
/* Builds the initial stack (argc, argv, envp, auxv, strings) at the top
 * of the space; returns the initial sp. */
guest_addr stack_build(struct vm *vm, const char *execfn, char *const argv[],
                       char *const envp[], const struct load_info *info);
/* Builds and maps the guest vDSO page (vdso.c); sets vm->vdso_base and
 * vm->vdso_sigreturn. */
void vdso_map(struct vm *vm);

#endif
