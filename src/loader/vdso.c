/* The guest vDSO: a small but complete ELF shared object that rvx builds
 * at start-up (no cross compiler needed) and maps read+exec into the
 * guest, named [vdso], with AT_SYSINFO_EHDR pointing at it. Its functions
 * are the riscv64 kernel's (fact sheet 4), version LINUX_4.15, each the
 * exact syscall: `li a7,N; ecall; ret`, so they have the syscall's
 * semantics (glibc treats a vDSO result like a syscall's: -errno).
 * __vdso_rt_sigreturn is the two words `li a7,139; ecall` (0x08b00893,
 * 0x00000073) that libgcc's unwinder recognises as a signal frame; the
 * signal layer returns from handlers through it (vm->vdso_sigreturn).
 *
 * Image layout (linked at 0, file offset = address, one page):
 *   ehdr | phdrs (LOAD, DYNAMIC) | .text | .hash | .dynsym | .dynstr |
 *   .gnu.version | .gnu.version_d | .dynamic | .shstrtab | shdrs
 * glibc's setup_vdso reads the phdrs, the dynamic section, DT_HASH and,
 * for versioned look-ups, versym/verdef. Called by loader_load. */
#include <string.h>

#include "base/check.h"
#include "base/log.h"
#include "loader/elf.h"
#include "mem/copy.h"
#include "mem/mman.h"

#define VDSO_SIZE GUEST_PAGE_SIZE
#define VDSO_SONAME "linux-vdso.so.1"
#define VDSO_VERSION "LINUX_4.15"
#define RV_NR_RT_SIGRETURN 139

struct vdso_fn {
    const char *name;
    u32 nr;      /* the syscall it makes */
};

/* linux: arch/riscv/kernel/vdso/vdso.lds.S. rt_sigreturn comes first. */
static const struct vdso_fn vdso_fns[] = {
    {"__vdso_rt_sigreturn", RV_NR_RT_SIGRETURN},
    {"__vdso_gettimeofday", 169},
    {"__vdso_clock_gettime", 113},
    {"__vdso_clock_getres", 114},
    {"__vdso_getcpu", 168},
    {"__vdso_flush_icache", 259},
    {"__vdso_riscv_hwprobe", 258},
};
#define VDSO_NFN ARRAY_LEN(vdso_fns)
#define VDSO_NSYM (VDSO_NFN + 1)

enum { SEC_NULL, SEC_HASH, SEC_DYNSYM, SEC_DYNSTR, SEC_VERSYM, SEC_VERDEF, SEC_DYNAMIC,
       SEC_TEXT, SEC_SHSTRTAB, SEC_COUNT };

struct vdso_builder {
    u8 img[VDSO_SIZE];
    u64 at;                    /* next free offset */
    Elf64_Shdr sh[SEC_COUNT];
    char strtab[512];          /* .dynstr */
    u32 strsz;
};

static u32 vdso_elf_hash(const char *s)
{
    u32 h = 0;
    for (; *s; s++) {
        h = (h << 4) + (u8)*s;
        u32 g = h & 0xf0000000;
        if (g)
            h ^= g >> 24;
        h &= ~g;
    }
    return h;
}

static u32 vdso_str(struct vdso_builder *b, const char *s)
{
    u32 off = b->strsz, n = (u32)strlen(s) + 1;
    CHECK(off + n <= sizeof b->strtab);
    memcpy(b->strtab + off, s, n);
    b->strsz += n;
    return off;
}

/* Appends n bytes at alignment al as section sec; returns the offset. */
static u64 vdso_put(struct vdso_builder *b, int sec, const void *data, u64 n, u64 al)
{
    b->at = (b->at + al - 1) & ~(al - 1);
    CHECK(b->at + n <= VDSO_SIZE);
    memcpy(b->img + b->at, data, n);
    if (sec != SEC_NULL) {
        b->sh[sec].sh_offset = b->sh[sec].sh_addr = b->at;
        b->sh[sec].sh_size = n;
        b->sh[sec].sh_addralign = al;
    }
    b->at += n;
    return b->at - n;
}

static u32 vdso_li_a7(u32 nr) { return nr << 20 | 17 << 7 | 0x13; } /* addi a7, zero, nr */

/* .text: one stub per function; fills value[] with their offsets. */
static void vdso_text(struct vdso_builder *b, u64 *value)
{
    u32 code[VDSO_NFN * 3];
    size_t n = 0;
    for (size_t i = 0; i < VDSO_NFN; i++) {
        value[i] = n * 4;
        code[n++] = vdso_li_a7(vdso_fns[i].nr);
        code[n++] = 0x00000073; /* ecall */
        if (vdso_fns[i].nr != RV_NR_RT_SIGRETURN)
            code[n++] = 0x00008067; /* ret */
    }
    u64 at = vdso_put(b, SEC_TEXT, code, n * 4, 16);
    for (size_t i = 0; i < VDSO_NFN; i++)
        value[i] += at;
}

/* .hash with one bucket: bucket[0] = 1, chain i -> i+1. */
static void vdso_hash(struct vdso_builder *b)
{
    u32 h[2 + 1 + VDSO_NSYM] = {1, VDSO_NSYM, 1};
    for (u32 i = 1; i + 1 < VDSO_NSYM; i++)
        h[3 + i] = i + 1;
    vdso_put(b, SEC_HASH, h, sizeof h, 8);
}

static void vdso_dynsym(struct vdso_builder *b, const u64 *value, const u32 *name)
{
    Elf64_Sym sym[VDSO_NSYM] = {{0}};
    for (size_t i = 0; i < VDSO_NFN; i++) {
        bool sigret = vdso_fns[i].nr == RV_NR_RT_SIGRETURN;
        sym[i + 1] = (Elf64_Sym){.st_name = name[i], .st_info = ELF64_ST_INFO(STB_GLOBAL, STT_FUNC),
                                 .st_shndx = SEC_TEXT, .st_value = value[i],
                                 .st_size = sigret ? 8 : 12};
    }
    vdso_put(b, SEC_DYNSYM, sym, sizeof sym, 8);
}

/* Version 1 is the object itself (VER_FLG_BASE), 2 is LINUX_4.15. */
static void vdso_versions(struct vdso_builder *b, u32 soname, u32 version)
{
    Elf64_Half versym[VDSO_NSYM] = {0};
    for (size_t i = 1; i < VDSO_NSYM; i++)
        versym[i] = 2;
    vdso_put(b, SEC_VERSYM, versym, sizeof versym, 2);
    struct { Elf64_Verdef d; Elf64_Verdaux a; } vd[2] = {
        {{VER_DEF_CURRENT, VER_FLG_BASE, 1, 1, vdso_elf_hash(VDSO_SONAME), sizeof vd[0].d,
          sizeof vd[0]}, {soname, 0}},
        {{VER_DEF_CURRENT, 0, 2, 1, vdso_elf_hash(VDSO_VERSION), sizeof vd[0].d, 0},
         {version, 0}},
    };
    _Static_assert(sizeof vd[0] == 28, "Verdef + Verdaux are packed");
    vdso_put(b, SEC_VERDEF, vd, sizeof vd, 8);
}

static void vdso_dynamic(struct vdso_builder *b, u32 soname)
{
    const Elf64_Shdr *s = b->sh;
    Elf64_Dyn d[] = {
        {DT_HASH, {s[SEC_HASH].sh_addr}},     {DT_STRTAB, {s[SEC_DYNSTR].sh_addr}},
        {DT_SYMTAB, {s[SEC_DYNSYM].sh_addr}}, {DT_STRSZ, {b->strsz}},
        {DT_SYMENT, {sizeof(Elf64_Sym)}},     {DT_SONAME, {soname}},
        {DT_VERSYM, {s[SEC_VERSYM].sh_addr}}, {DT_VERDEF, {s[SEC_VERDEF].sh_addr}},
        {DT_VERDEFNUM, {2}},                  {DT_NULL, {0}},
    };
    vdso_put(b, SEC_DYNAMIC, d, sizeof d, 8);
}

/* Section types, links and the section-name table. */
static void vdso_sections(struct vdso_builder *b)
{
    static const char names[] =
        "\0.hash\0.dynsym\0.dynstr\0.gnu.version\0.gnu.version_d\0.dynamic\0.text\0.shstrtab";
    static const struct { u32 name, type, flags, link, info, entsize; } info[SEC_COUNT] = {
        [SEC_HASH] = {1, SHT_HASH, SHF_ALLOC, SEC_DYNSYM, 0, 4},
        [SEC_DYNSYM] = {7, SHT_DYNSYM, SHF_ALLOC, SEC_DYNSTR, 1, sizeof(Elf64_Sym)},
        [SEC_DYNSTR] = {15, SHT_STRTAB, SHF_ALLOC, 0, 0, 0},
        [SEC_VERSYM] = {23, SHT_GNU_versym, SHF_ALLOC, SEC_DYNSYM, 0, 2},
        [SEC_VERDEF] = {36, SHT_GNU_verdef, SHF_ALLOC, SEC_DYNSTR, 2, 0},
        [SEC_DYNAMIC] = {51, SHT_DYNAMIC, SHF_ALLOC | SHF_WRITE, SEC_DYNSTR, 0, sizeof(Elf64_Dyn)},
        [SEC_TEXT] = {60, SHT_PROGBITS, SHF_ALLOC | SHF_EXECINSTR, 0, 0, 0},
        [SEC_SHSTRTAB] = {66, SHT_STRTAB, 0, 0, 0, 0},
    };
    vdso_put(b, SEC_SHSTRTAB, names, sizeof names, 1);
    b->sh[SEC_SHSTRTAB].sh_addr = 0; /* not allocated */
    for (int i = 1; i < SEC_COUNT; i++) {
        Elf64_Shdr *s = &b->sh[i];
        s->sh_name = info[i].name;
        s->sh_type = info[i].type;
        s->sh_flags = info[i].flags;
        s->sh_link = info[i].link;
        s->sh_info = info[i].info;
        s->sh_entsize = info[i].entsize;
    }
}

static void vdso_headers(struct vdso_builder *b, u64 shoff)
{
    Elf64_Ehdr eh = {
        .e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
                    ELFOSABI_SYSV},
        .e_type = ET_DYN, .e_machine = EM_RISCV, .e_version = EV_CURRENT,
        .e_phoff = sizeof eh, .e_shoff = shoff,
        .e_flags = 0x5, /* EF_RISCV_RVC | EF_RISCV_FLOAT_ABI_DOUBLE */
        .e_ehsize = sizeof eh, .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 2,
        .e_shentsize = sizeof(Elf64_Shdr), .e_shnum = SEC_COUNT, .e_shstrndx = SEC_SHSTRTAB,
    };
    const Elf64_Shdr *dyn = &b->sh[SEC_DYNAMIC];
    Elf64_Phdr ph[2] = {
        {PT_LOAD, PF_R | PF_X, 0, 0, 0, b->at, b->at, GUEST_PAGE_SIZE},
        {PT_DYNAMIC, PF_R, dyn->sh_offset, dyn->sh_addr, dyn->sh_addr, dyn->sh_size,
         dyn->sh_size, 8},
    };
    memcpy(b->img, &eh, sizeof eh);
    memcpy(b->img + sizeof eh, ph, sizeof ph);
}

/* Builds the image into b; returns the offset of __vdso_rt_sigreturn. */
static u64 vdso_build(struct vdso_builder *b)
{
    memset(b, 0, sizeof *b);
    b->at = sizeof(Elf64_Ehdr) + 2 * sizeof(Elf64_Phdr);
    u32 name[VDSO_NFN];
    vdso_str(b, "");
    u32 soname = vdso_str(b, VDSO_SONAME), version = vdso_str(b, VDSO_VERSION);
    for (size_t i = 0; i < VDSO_NFN; i++)
        name[i] = vdso_str(b, vdso_fns[i].name);
    u64 value[VDSO_NFN];
    vdso_text(b, value);
    vdso_hash(b);
    vdso_dynsym(b, value, name);
    vdso_put(b, SEC_DYNSTR, b->strtab, b->strsz, 1);
    vdso_versions(b, soname, version);
    vdso_dynamic(b, soname);
    vdso_sections(b);
    b->at = (b->at + 7) & ~7ull;
    u64 shoff = b->at;
    CHECK(shoff + sizeof b->sh <= VDSO_SIZE);
    memcpy(b->img + shoff, b->sh, sizeof b->sh);
    vdso_headers(b, shoff);
    return value[0];
}

void vdso_map(struct vm *vm)
{
    static struct vdso_builder b;
    u64 sigret = vdso_build(&b);
    i64 a = mem_mmap(vm, 0, VDSO_SIZE, RV_PROT_READ | RV_PROT_WRITE,
                     RV_MAP_PRIVATE | RV_MAP_ANONYMOUS, -1, 0);
    if (a < 0 || copy_to_guest(vm, (guest_addr)a, b.img, VDSO_SIZE) ||
        mem_mprotect(vm, (guest_addr)a, VDSO_SIZE, RV_PROT_READ | RV_PROT_EXEC))
        fatal(RVX_EXIT_INTERNAL, "vdso", "cannot map the vDSO page");
    mem_name(&vm->mem, (guest_addr)a, (guest_addr)a + VDSO_SIZE, "[vdso]");
    vm->vdso_base = (guest_addr)a;
    vm->vdso_sigreturn = (guest_addr)a + sigret;
}
