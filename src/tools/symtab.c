/* Guest ELF symbol tables by mapping (see tools/symtab.h).
 *
 * A file is identified by its device and inode. Its load bias comes
 * from the lowest mapping of it: that mapping holds the first PT_LOAD
 * segment (ld.so and the loader map an object as one contiguous
 * reservation from its first segment on). Aliases at one address keep
 * the global name. */
#include "tools/symtab.h"

#include <elf.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/check.h"
#include "mem/mem.h"
#include "mem/vma.h"
#include "vm/vm.h"

struct symfile {
    u64 dev, ino;
    char *module;
    u64 first_vaddr;      /* page-aligned p_vaddr of the first PT_LOAD */
    struct sym *s;
    size_t n;
    struct symfile *next;
};

static pthread_mutex_t symtab_lock = PTHREAD_MUTEX_INITIALIZER;
static struct symfile *files;

static int sym_cmp(const void *a, const void *b)
{
    const struct sym *x = a, *y = b;
    if (x->lo != y->lo)
        return x->lo < y->lo ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank - y->rank;
    return strcmp(x->name, y->name);
}

/* The ELF header of f if its program and section header tables fit. */
static const Elf64_Ehdr *elf_ok(const u8 *f, size_t size)
{
    const Elf64_Ehdr *eh = (const void *)f;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_phoff > size ||
        (u64)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff ||
        eh->e_shoff > size || (u64)eh->e_shnum * sizeof(Elf64_Shdr) > size - eh->e_shoff ||
        (eh->e_phoff | eh->e_shoff) % 8) /* the tables are read in place */
        return NULL;
    return eh;
}

/* Section i's bytes, or NULL if they are not all in the file. */
static const u8 *section(const u8 *f, size_t size, const Elf64_Shdr *sh)
{
    if (sh->sh_type == SHT_NOBITS || sh->sh_offset > size || sh->sh_size > size - sh->sh_offset)
        return NULL;
    return f + sh->sh_offset;
}

/* Global names before weak before local ones at the same address. */
static int bind_rank(int bind) { return bind == STB_GLOBAL ? 0 : bind == STB_WEAK ? 1 : 2; }

/* Reads the function symbols of f's table of type type (SHT_SYMTAB or
 * SHT_DYNSYM) into sf, replacing what it had. False if f has none. */
static bool read_syms(struct symfile *sf, const u8 *f, size_t size, unsigned type)
{
    const Elf64_Ehdr *eh = elf_ok(f, size);
    if (!eh)
        return false;
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff), *tab = NULL;
    for (unsigned i = 0; i < eh->e_shnum && !tab; i++)
        if (sh[i].sh_type == type)
            tab = &sh[i];
    if (!tab || tab->sh_link >= eh->e_shnum)
        return false;
    const Elf64_Shdr *str = &sh[tab->sh_link];
    const Elf64_Sym *s = (const void *)section(f, size, tab);
    const char *names = (const char *)section(f, size, str);
    if (!s || !names || tab->sh_offset % 8)
        return false;
    size_t n = tab->sh_size / sizeof *s, m = 0;
    struct sym *v = calloc(n + 1, sizeof *v);
    CHECK(v);
    for (size_t k = 0; k < n; k++) {
        int t = ELF64_ST_TYPE(s[k].st_info);
        if ((t != STT_FUNC && t != STT_GNU_IFUNC) || !s[k].st_size ||
            s[k].st_shndx == SHN_UNDEF || s[k].st_value + s[k].st_size < s[k].st_value ||
            s[k].st_name >= str->sh_size ||
            !memchr(names + s[k].st_name, 0, str->sh_size - s[k].st_name))
            continue;
        v[m++] = (struct sym){s[k].st_value, s[k].st_value + s[k].st_size,
                              names + s[k].st_name, bind_rank(ELF64_ST_BIND(s[k].st_info))};
    }
    qsort(v, m, sizeof *v, sym_cmp);
    size_t w = 0; /* one symbol per start address: the first by rank */
    for (size_t k = 0; k < m; k++)
        if (!w || v[w - 1].lo != v[k].lo) {
            v[w] = v[k];
            v[w].name = strdup(v[k].name);
            CHECK(v[w++].name);
        }
    for (size_t k = 0; k < sf->n; k++)
        free((void *)sf->s[k].name);
    free(sf->s);
    sf->s = v;
    sf->n = w;
    return true;
}

/* The page-aligned p_vaddr of f's first PT_LOAD. */
static void read_first_vaddr(struct symfile *sf, const u8 *f, size_t size)
{
    const Elf64_Ehdr *eh = elf_ok(f, size);
    const Elf64_Phdr *ph = eh ? (const void *)(f + eh->e_phoff) : NULL;
    for (unsigned i = 0; eh && i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            sf->first_vaddr = ph[i].p_vaddr & ~(u64)(GUEST_PAGE_SIZE - 1);
            return;
        }
}

/* The image in guest memory or the file itself. */
static void parse_elf(struct symfile *sf, const u8 *f, size_t size)
{
    read_first_vaddr(sf, f, size);
    if (!read_syms(sf, f, size, SHT_SYMTAB))
        read_syms(sf, f, size, SHT_DYNSYM);
}

struct sym *symtab_parse(const u8 *f, size_t size, size_t *n)
{
    struct symfile sf = {0};
    parse_elf(&sf, f, size);
    *n = sf.n;
    return sf.s;
}

void symtab_free(struct sym *s, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free((void *)s[k].name);
    free(s);
}

/* Maps path read-only; *size set. NULL if it cannot. */
static void *map_file(const char *path, size_t *size, u64 *dev, u64 *ino)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    void *f = NULL;
    if (fd < 0)
        return NULL;
    if (!fstat(fd, &st) && S_ISREG(st.st_mode) && st.st_size > 0) {
        f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        *size = (size_t)st.st_size;
        *dev = (u64)st.st_dev;
        *ino = (u64)st.st_ino;
    }
    close(fd);
    return f == MAP_FAILED ? NULL : f;
}

/* A stripped file's separate debug file, where gdb looks for it:
 * /usr/lib/debug/.build-id/xx/yyyy.debug (under the sysroot too), then
 * the .gnu_debuglink name next to the file, in its .debug directory and
 * under /usr/lib/debug. Its .symtab replaces the dynamic symbols. */
static void load_debug_file(struct symfile *sf, struct vm *vm, const char *path, const u8 *f,
                            size_t size)
{
    const Elf64_Ehdr *eh = elf_ok(f, size);
    if (!eh || eh->e_shstrndx >= eh->e_shnum)
        return;
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff);
    const char *shstr = (const char *)section(f, size, &sh[eh->e_shstrndx]);
    char id[2 * 64 + 1] = "", link[256] = "", cand[6][PATH_MAX];
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        const u8 *d = section(f, size, &sh[i]);
        if (!d)
            continue;
        if (sh[i].sh_type == SHT_NOTE && sh[i].sh_size >= 16) {
            u32 nsz, dsz, type;
            memcpy(&nsz, d, 4), memcpy(&dsz, d + 4, 4), memcpy(&type, d + 8, 4);
            if (type == NT_GNU_BUILD_ID && nsz == 4 && dsz >= 2 && dsz <= 64 &&
                16 + (u64)dsz <= sh[i].sh_size && !memcmp(d + 12, "GNU", 4))
                for (u32 k = 0; k < dsz; k++)
                    snprintf(id + 2 * k, 3, "%02x", d[16 + k]);
        } else if (shstr && sh[eh->e_shstrndx].sh_size > sh[i].sh_name &&
                   sh[eh->e_shstrndx].sh_size - sh[i].sh_name >= sizeof ".gnu_debuglink" &&
                   !memcmp(shstr + sh[i].sh_name, ".gnu_debuglink", sizeof ".gnu_debuglink") &&
                   memchr(d, 0, sh[i].sh_size) && !strchr((const char *)d, '/')) {
            snprintf(link, sizeof link, "%s", (const char *)d);
        }
    }
    const char *root = vm->opt.sysroot ? vm->opt.sysroot : "";
    const char *slash = strrchr(path, '/');
    int dir = slash ? (int)(slash - path) : 0, n = 0;
    if (*id) {
        snprintf(cand[n++], PATH_MAX, "%s/usr/lib/debug/.build-id/%.2s/%s.debug", root, id, id + 2);
        snprintf(cand[n++], PATH_MAX, "/usr/lib/debug/.build-id/%.2s/%s.debug", id, id + 2);
    }
    if (*link) {
        snprintf(cand[n++], PATH_MAX, "%.*s/%s", dir, path, link);
        snprintf(cand[n++], PATH_MAX, "%.*s/.debug/%s", dir, path, link);
        snprintf(cand[n++], PATH_MAX, "/usr/lib/debug%.*s/%s", dir, path, link);
    }
    for (int i = 0; i < n; i++) {
        size_t dsize;
        u64 dev, ino;
        u8 *d = map_file(cand[i], &dsize, &dev, &ino);
        if (!d)
            continue;
        bool same = dev == sf->dev && ino == sf->ino; /* the link named the file itself */
        bool ok = !same && read_syms(sf, d, dsize, SHT_SYMTAB);
        munmap(d, dsize);
        if (ok)
            return;
    }
}

static void load_path(struct symfile *sf, struct vm *vm, const char *path)
{
    size_t size;
    u64 dev, ino;
    u8 *f = map_file(path, &size, &dev, &ino);
    if (!f)
        return;
    if (dev == sf->dev && ino == sf->ino) { /* still the file that was mapped */
        read_first_vaddr(sf, f, size);
        if (!read_syms(sf, f, size, SHT_SYMTAB)) {
            read_syms(sf, f, size, SHT_DYNSYM);
            load_debug_file(sf, vm, path, f, size);
        }
    }
    munmap(f, size);
}

static struct symfile *get_file(const struct vma *v, const struct vma *lowest, struct vm *vm)
{
    bool vdso = !v->ino && v->name && !strcmp(v->name, "[vdso]");
    for (struct symfile *sf = files; sf; sf = sf->next)
        if (sf->dev == v->dev && sf->ino == v->ino && (v->ino || vdso))
            return sf;
    struct symfile *sf = calloc(1, sizeof *sf);
    CHECK(sf);
    sf->dev = v->dev;
    sf->ino = v->ino;
    const char *slash = strrchr(v->name, '/');
    sf->module = strdup(slash ? slash + 1 : v->name);
    CHECK(sf->module);
    if (vdso) /* an ELF image in guest memory */
        parse_elf(sf, mem_host(&vm->mem, lowest->start), lowest->end - lowest->start);
    else
        load_path(sf, vm, v->name);
    sf->next = files;
    files = sf;
    return sf;
}

static const struct sym *find(const struct symfile *sf, u64 a)
{
    size_t lo = 0, hi = sf->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (sf->s[mid].lo <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && a < sf->s[lo - 1].hi ? &sf->s[lo - 1] : NULL;
}

/* The vma containing a, or NULL. Caller holds the map lock. */
static const struct vma *vma_at(const struct mem *m, guest_addr a)
{
    long i = vma_find(m, a);
    return i < 0 ? NULL : &m->vmas[i];
}

bool symtab_lookup(struct vm *vm, guest_addr pc, struct sym_at *out)
{
    struct mem *m = &vm->mem;
    memset(out, 0, sizeof *out);
    bool found = false;
    pthread_mutex_lock(&symtab_lock);
    mem_lock(m);
    const struct vma *v = vma_at(m, pc);
    if (v && v->name && (v->ino || !strcmp(v->name, "[vdso]"))) {
        const struct vma *low = v;
        for (size_t i = 0; i < m->nvma; i++)
            if (m->vmas[i].dev == v->dev && m->vmas[i].ino == v->ino && m->vmas[i].name &&
                !strcmp(m->vmas[i].name, v->name)) {
                low = &m->vmas[i];
                break;
            }
        struct symfile *sf = get_file(v, low, vm);
        u64 a = pc - low->start + sf->first_vaddr;
        out->sym = find(sf, a);
        out->off = out->sym ? a - out->sym->lo : 0;
        out->module = sf->module;
        const struct vma *code = vma_at(m, vm->mm.start_code);
        out->main = v->ino && code && code->dev == v->dev && code->ino == v->ino;
        found = true;
    }
    mem_unlock(m);
    pthread_mutex_unlock(&symtab_lock);
    return found;
}

void symtab_format(struct vm *vm, guest_addr pc, char *buf, size_t cap)
{
    struct sym_at at;
    if (!symtab_lookup(vm, pc, &at) || !at.sym)
        snprintf(buf, cap, "0x%llx", (unsigned long long)pc);
    else if (at.main)
        snprintf(buf, cap, "%s+0x%llx", at.sym->name, (unsigned long long)at.off);
    else
        snprintf(buf, cap, "%s+0x%llx (%s)", at.sym->name, (unsigned long long)at.off,
                 at.module);
}
