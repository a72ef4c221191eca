/* --profile: an exact instruction-count profile rather than a sampled
 * one. The interpreter already counts how often each pre-decoded block
 * runs (block->count); at exit every cached block contributes
 * count * instructions to the function whose ELF symbol (the program's
 * .symtab, load bias applied) contains its pc. The translator stops
 * counting a block once it takes it over, so --profile implies
 * --interp. Blocks dropped by a flush (fence.i, code unmapped) lose
 * their counts; code outside the program's symbols (the dynamic linker,
 * shared libraries, the vDSO) is reported as one line. */
#include "tools/profile.h"

#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/check.h"
#include "cpu/block.h"
#include "vm/vm.h"

#define PROFILE_TOP 25

struct prof_sym {
    u64 lo, hi;
    const char *name;
    u64 count;
};

struct prof {
    struct prof_sym *sym;
    size_t n;
    u64 other, total;
};

static int sym_by_addr(const void *a, const void *b)
{
    const struct prof_sym *x = a, *y = b;
    return x->lo < y->lo ? -1 : x->lo > y->lo;
}

static int sym_by_count(const void *a, const void *b)
{
    const struct prof_sym *x = a, *y = b;
    return x->count > y->count ? -1 : x->count < y->count;
}

/* The function symbols of the ELF image at f (size bytes), biased. */
static void load_syms(struct prof *p, const u8 *f, size_t size, u64 bias)
{
    const Elf64_Ehdr *eh = (const void *)f;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_shoff + (u64)eh->e_shnum * sizeof(Elf64_Shdr) > size)
        return;
    const Elf64_Shdr *sh = (const void *)(f + eh->e_shoff);
    for (unsigned i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_SYMTAB || sh[i].sh_link >= eh->e_shnum)
            continue;
        const Elf64_Shdr *st = &sh[sh[i].sh_link];
        if (sh[i].sh_offset + sh[i].sh_size > size || st->sh_offset + st->sh_size > size)
            return;
        const Elf64_Sym *s = (const void *)(f + sh[i].sh_offset);
        size_t n = sh[i].sh_size / sizeof *s;
        p->sym = calloc(n, sizeof *p->sym);
        CHECK(p->sym);
        for (size_t k = 0; k < n; k++) {
            if (ELF64_ST_TYPE(s[k].st_info) != STT_FUNC || !s[k].st_size ||
                s[k].st_name >= st->sh_size)
                continue;
            p->sym[p->n++] = (struct prof_sym){s[k].st_value + bias,
                                               s[k].st_value + bias + s[k].st_size,
                                               (const char *)f + st->sh_offset + s[k].st_name, 0};
        }
        qsort(p->sym, p->n, sizeof *p->sym, sym_by_addr);
        return;
    }
}

static struct prof_sym *find_sym(struct prof *p, u64 pc)
{
    size_t lo = 0, hi = p->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->sym[mid].lo <= pc)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo && pc < p->sym[lo - 1].hi ? &p->sym[lo - 1] : NULL;
}

static void add_block(const struct block *b, void *ctx)
{
    struct prof *p = ctx;
    u64 n = b->count * b->n;
    struct prof_sym *s = find_sym(p, b->pc);
    p->total += n;
    if (s)
        s->count += n;
    else
        p->other += n;
}

static void print_report(FILE *out, struct prof *p)
{
    fprintf(out, "rvx: profile: %llu guest instructions\n", (unsigned long long)p->total);
    fprintf(out, "%8s %14s  %s\n", "%", "instructions", "function");
    qsort(p->sym, p->n, sizeof *p->sym, sym_by_count);
    double total = p->total ? (double)p->total : 1.0;
    for (size_t i = 0; i < p->n && i < PROFILE_TOP && p->sym[i].count; i++)
        fprintf(out, "%7.2f%% %14llu  %s\n", 100.0 * (double)p->sym[i].count / total,
                (unsigned long long)p->sym[i].count, p->sym[i].name);
    if (p->other)
        fprintf(out, "%7.2f%% %14llu  (outside the program's symbols)\n",
                100.0 * (double)p->other / total, (unsigned long long)p->other);
}

void profile_report(struct vm *vm)
{
    struct prof p = {0};
    const u8 *f = MAP_FAILED;
    struct stat st = {0};
    int fd = vm->exe_path ? open(vm->exe_path, O_RDONLY | O_CLOEXEC) : -1;
    if (fd >= 0 && !fstat(fd, &st) && st.st_size > 0)
        f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (fd >= 0)
        close(fd);
    if (f != MAP_FAILED) {
        const Elf64_Ehdr *eh = (const void *)f;
        load_syms(&p, f, (size_t)st.st_size, vm->entry - eh->e_entry);
    }
    block_foreach(vm, add_block, &p);
    FILE *out = strcmp(vm->opt.profile, "-") ? fopen(vm->opt.profile, "we") : stderr;
    if (out) {
        print_report(out, &p);
        if (out != stderr)
            fclose(out);
    } else {
        fprintf(stderr, "rvx: %s: cannot write the profile\n", vm->opt.profile);
    }
    if (f != MAP_FAILED)
        munmap((void *)f, (size_t)st.st_size);
    free(p.sym);
}
