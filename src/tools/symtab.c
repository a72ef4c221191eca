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
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/check.h"
#include "mem/mem.h"
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
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

/* The function symbols of the ELF image f (size bytes). */
static void parse_elf(struct symfile *sf, const u8 *f, size_t size)
{
    const Elf64_Ehdr *eh = (const void *)f;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 || eh->e_phoff > size ||
        (u64)eh->e_phnum * sizeof(Elf64_Phdr) > size - eh->e_phoff ||
        eh->e_shoff > size || (u64)eh->e_shnum * sizeof(Elf64_Shdr) > size - eh->e_shoff)
        return;
    const Elf64_Phdr *ph = (const void *)(f + eh->e_phoff);
    for (unsigned i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_LOAD) {
            sf->first_vaddr = ph[i].p_vaddr & ~(u64)(GUEST_PAGE_SIZE - 1);
            break;
        }
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff);
    const Elf64_Shdr *tab = NULL;
    for (unsigned i = 0; i < eh->e_shnum; i++)
        if (sh[i].sh_type == SHT_SYMTAB || (sh[i].sh_type == SHT_DYNSYM && !tab))
            tab = &sh[i];
    if (!tab || tab->sh_link >= eh->e_shnum)
        return;
    const Elf64_Shdr *str = &sh[tab->sh_link];
    if (tab->sh_offset > size || tab->sh_size > size - tab->sh_offset ||
        str->sh_offset > size || str->sh_size > size - str->sh_offset)
        return;
    const Elf64_Sym *s = (const void *)(f + tab->sh_offset);
    const char *names = (const char *)f + str->sh_offset;
    size_t n = tab->sh_size / sizeof *s;
    sf->s = calloc(n + 1, sizeof *sf->s);
    CHECK(sf->s);
    for (size_t k = 0; k < n; k++) {
        int type = ELF64_ST_TYPE(s[k].st_info);
        if ((type != STT_FUNC && type != STT_GNU_IFUNC) || !s[k].st_size ||
            s[k].st_shndx == SHN_UNDEF || s[k].st_name >= str->sh_size ||
            !memchr(names + s[k].st_name, 0, str->sh_size - s[k].st_name))
            continue;
        const char *name = strdup(names + s[k].st_name);
        CHECK(name);
        struct sym *d = &sf->s[sf->n];
        /* A local alias after a global one at the same address loses. */
        if (sf->n && d[-1].lo == s[k].st_value && ELF64_ST_BIND(s[k].st_info) == STB_LOCAL) {
            free((void *)name);
            continue;
        }
        *d = (struct sym){s[k].st_value, s[k].st_value + s[k].st_size, name};
        sf->n++;
    }
    qsort(sf->s, sf->n, sizeof *sf->s, sym_cmp);
    size_t w = 0; /* one symbol per start address */
    for (size_t k = 0; k < sf->n; k++)
        if (!w || sf->s[w - 1].lo != sf->s[k].lo)
            sf->s[w++] = sf->s[k];
    sf->n = w;
}

static void load_path(struct symfile *sf, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0)
        return;
    if (!fstat(fd, &st) && st.st_size > 0 && (u64)st.st_dev == sf->dev &&
        (u64)st.st_ino == sf->ino) {
        void *f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (f != MAP_FAILED) {
            parse_elf(sf, f, (size_t)st.st_size);
            munmap(f, (size_t)st.st_size);
        }
    }
    close(fd);
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
        load_path(sf, v->name);
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
    size_t lo = 0, hi = m->nvma;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (m->vmas[mid].end <= a)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < m->nvma && m->vmas[lo].start <= a ? &m->vmas[lo] : NULL;
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
