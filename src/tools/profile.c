/* --profile: an exact instruction-count profile rather than a sampled
 * one. The interpreter already counts how often each pre-decoded block
 * runs (block->count); at exit every cached block contributes
 * count * instructions to the function that contains its pc, found in
 * the symbol table of the ELF file mapped there (tools/symtab.h: the
 * program, the dynamic linker, shared libraries, the vDSO). The
 * translator stops counting a block once it takes it over, so
 * --profile implies --interp. Blocks dropped by a flush (fence.i, code
 * unmapped, dlclose) lose their counts. --profile=folded:FILE writes
 * call stacks instead (tools/stacks.c). A fork child (it inherits the
 * counts so far) writes FILE.PID. */
#include "tools/profile.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/check.h"
#include "cpu/block.h"
#include "tools/symtab.h"
#include "vm/vm.h"

#define PROFILE_TOP 25

struct pc_count {
    guest_addr pc;
    u64 n;
};

struct pcs {
    struct pc_count *v;
    size_t n, cap;
};

/* A line of the report: a function, or the rest of a module. */
struct entry {
    const void *key;          /* struct sym or module name; NULL: no file */
    const char *name, *module;
    bool main;
    u64 count;
};

static void add_block(const struct block *b, void *ctx)
{
    struct pcs *p = ctx;
    if (!b->count || !b->n)
        return;
    if (p->n == p->cap) {
        p->cap = p->cap ? 2 * p->cap : 1024;
        p->v = realloc(p->v, p->cap * sizeof *p->v);
        CHECK(p->v);
    }
    p->v[p->n++] = (struct pc_count){b->pc, b->count * b->n};
}

static int by_count(const void *a, const void *b)
{
    const struct entry *x = a, *y = b;
    return x->count > y->count ? -1 : x->count < y->count;
}

/* Merges counts into entries keyed by function (or module). */
static struct entry *collect(struct vm *vm, const struct pcs *p, size_t *n, u64 *total)
{
    size_t cap = 256, mask = cap - 1, used = 0;
    struct entry *t = calloc(cap, sizeof *t);
    CHECK(t);
    for (size_t i = 0; i < p->n; i++) {
        struct sym_at at;
        symtab_lookup(vm, p->v[i].pc, &at);
        const void *key = at.sym ? (const void *)at.sym : (const void *)at.module;
        *total += p->v[i].n;
        if (2 * (used + 1) > cap) { /* grow: rehash */
            struct entry *o = t;
            size_t ocap = cap;
            cap *= 2;
            mask = cap - 1;
            t = calloc(cap, sizeof *t);
            CHECK(t);
            for (size_t k = 0; k < ocap; k++)
                if (o[k].count) {
                    size_t h = ((uintptr_t)o[k].key >> 3) * 0x9e3779b97f4a7c15ull >> 20 & mask;
                    while (t[h].count)
                        h = (h + 1) & mask;
                    t[h] = o[k];
                }
            free(o);
        }
        size_t h = ((uintptr_t)key >> 3) * 0x9e3779b97f4a7c15ull >> 20 & mask;
        while (t[h].count && t[h].key != key)
            h = (h + 1) & mask;
        if (!t[h].count) {
            used++;
            t[h] = (struct entry){key, at.sym ? at.sym->name : NULL, at.module, at.main, 0};
        }
        t[h].count += p->v[i].n;
    }
    size_t w = 0;
    for (size_t k = 0; k < cap; k++)
        if (t[k].count)
            t[w++] = t[k];
    qsort(t, w, sizeof *t, by_count);
    *n = w;
    return t;
}

static void print_report(FILE *out, const struct entry *e, size_t n, u64 total)
{
    fprintf(out, "rvx: profile: %llu guest instructions\n", (unsigned long long)total);
    fprintf(out, "%8s %14s  %s\n", "%", "instructions", "function");
    double t = total ? (double)total : 1.0;
    for (size_t i = 0; i < n && i < PROFILE_TOP; i++) {
        fprintf(out, "%7.2f%% %14llu  ", 100.0 * (double)e[i].count / t,
                (unsigned long long)e[i].count);
        if (e[i].name && e[i].main)
            fprintf(out, "%s\n", e[i].name);
        else if (e[i].name)
            fprintf(out, "%s (%s)\n", e[i].name, e[i].module);
        else if (e[i].module)
            fprintf(out, "(%s, outside its function symbols)\n", e[i].module);
        else
            fprintf(out, "(outside any mapped file)\n");
    }
}

static int start_pid;

void profile_start(struct vm *vm)
{
    (void)vm;
    start_pid = getpid();
}

FILE *profile_open(const char *path)
{
    char name[PATH_MAX];
    if (!strcmp(path, "-"))
        return stderr;
    if (getpid() != start_pid) { /* a fork child: a file of its own */
        snprintf(name, sizeof name, "%s.%d", path, (int)getpid());
        path = name;
    }
    FILE *f = fopen(path, "we");
    if (!f)
        fprintf(stderr, "rvx: %s: cannot write the profile: %s\n", path, strerror(errno));
    return f;
}

void profile_report(struct vm *vm)
{
    if (!strncmp(vm->opt.profile, "folded:", 7)) {
        stacks_report(vm, vm->opt.profile + 7);
        return;
    }
    struct pcs p = {0};
    block_foreach(vm, add_block, &p);
    size_t n = 0;
    u64 total = 0;
    /* Resolved after block_foreach: symbols take the map lock, which
     * is taken before the block cache lock elsewhere (munmap). */
    struct entry *e = collect(vm, &p, &n, &total);
    FILE *out = profile_open(vm->opt.profile);
    if (out) {
        print_report(out, e, n, total);
        if (out != stderr)
            fclose(out);
    }
    free(e);
    free(p.v);
}
