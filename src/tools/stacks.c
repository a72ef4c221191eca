/* --profile=folded:FILE: guest instructions by call stack, written as
 * flame-graph folded stacks ("main;work;leaf 1234" lines).
 *
 * The stack is a shadow call stack per guest thread, kept by watching
 * the last instruction of every block the interpreter enters: a jal or
 * jalr that links (rd = ra or t0) is a call, so the next block entered
 * is a callee whose return address is the call's pc + length; a
 * `jalr x0, 0(ra|t0)` is a return, which pops to the frame waiting for
 * the pc it reaches (so frames abandoned by longjmp or exceptions go at
 * the next return that matches an older one; a return matching none
 * pops nothing). Each block entry adds its instruction count to (the
 * current stack, the block's pc); at exit the frames are named by the
 * function containing each callee's entry point, the leaf by the
 * function containing the block. Limits: tail calls (a plain jump to
 * another function) show the callee as a child of the caller's frame
 * rather than replacing it; a signal handler shows under whatever was
 * running; instruction counts are whole blocks (a block left early by a
 * fault counts in full). Stacks deeper than STACK_MAX keep counting at
 * the deepest level kept. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "cpu/block.h"
#include "tools/profile.h"
#include "tools/symtab.h"
#include "vm/vm.h"

#define STACK_MAX 256

enum { END_OTHER, END_CALL, END_RET };

struct frame {
    guest_addr ret;          /* where the caller resumes */
    u32 node;
};

/* A call-tree node: (parent, callee entry pc). Node 0 is the root. */
struct node {
    u32 parent;
    guest_addr entry;
};

/* Open-addressing hash over u64 pairs; value 0 means empty. */
struct slot {
    u64 a, b, v;
};

struct table {
    struct slot *s;
    size_t cap, used;
};

/* One per guest thread, never freed before exit: its own call tree and
 * counts, so the per-block work takes no lock. */
struct shadow {
    int depth, over;         /* frames kept, frames beyond STACK_MAX */
    int pending;             /* END_* of the last block entered */
    guest_addr pending_ret;
    struct frame f[STACK_MAX];
    struct node *nodes;
    size_t nnodes, nodes_cap;
    struct table children;   /* (parent, entry) -> node + 1 */
    struct table counts;     /* (node, block pc) -> instructions */
    /* Around every reallocation (rare), so the report at exit, which
     * other threads may run alongside, never reads freed memory; plain
     * updates go without it. */
    pthread_mutex_t lock;
    struct shadow *next;
};

static pthread_mutex_t stacks_lock = PTHREAD_MUTEX_INITIALIZER; /* the list */
static struct shadow *shadows;
static __thread struct shadow *me;

static size_t slot_of(const struct table *t, u64 a, u64 b)
{
    size_t h = (size_t)((a * 0x9e3779b97f4a7c15ull ^ b) * 0xff51afd7ed558ccdull >> 17);
    size_t mask = t->cap - 1;
    for (h &= mask; t->s[h].v && (t->s[h].a != a || t->s[h].b != b); h = (h + 1) & mask)
        ;
    return h;
}

static u64 *table_get(struct table *t, u64 a, u64 b, pthread_mutex_t *lock)
{
    if (2 * (t->used + 1) > t->cap) {
        pthread_mutex_lock(lock);
        struct table n = {calloc(t->cap ? 2 * t->cap : 4096, sizeof(struct slot)),
                          t->cap ? 2 * t->cap : 4096, t->used};
        CHECK(n.s);
        for (size_t i = 0; i < t->cap; i++)
            if (t->s[i].v)
                n.s[slot_of(&n, t->s[i].a, t->s[i].b)] = t->s[i];
        free(t->s);
        *t = n;
        pthread_mutex_unlock(lock);
    }
    size_t h = slot_of(t, a, b);
    if (!t->s[h].v) {
        t->s[h].a = a;
        t->s[h].b = b;
        t->used++; /* v, set by the caller, publishes the slot (x86: in order) */
    }
    return &t->s[h].v;
}

static u32 child(struct shadow *s, u32 parent, guest_addr entry)
{
    u64 *v = table_get(&s->children, parent, entry, &s->lock);
    if (!*v) {
        if (s->nnodes == s->nodes_cap) {
            pthread_mutex_lock(&s->lock);
            s->nodes_cap = s->nodes_cap ? 2 * s->nodes_cap : 1024;
            s->nodes = realloc(s->nodes, s->nodes_cap * sizeof *s->nodes);
            CHECK(s->nodes);
            pthread_mutex_unlock(&s->lock);
        }
        s->nodes[s->nnodes] = (struct node){parent, entry};
        *v = s->nnodes + 1; /* stored + 1: 0 is an empty slot */
        s->nnodes++;
    }
    return (u32)(*v - 1);
}

/* How block b ends: a call (and its return address), a return, or else. */
static int block_end(const struct block *b, guest_addr *ret)
{
    if (!b->n)
        return END_OTHER;
    const struct binsn *i = &b->ins[b->n - 1];
    u32 raw = i->raw;
    if ((raw & 3) == 3) {
        unsigned op = raw & 0x7f, rd = raw >> 7 & 31, rs1 = raw >> 15 & 31;
        bool rd_link = rd == 1 || rd == 5, rs1_link = rs1 == 1 || rs1 == 5;
        *ret = i->pc + 4;
        if ((op == 0x6f || op == 0x67) && rd_link)
            return END_CALL;
        if (op == 0x67 && rd == 0 && rs1_link && !(raw >> 20))
            return END_RET;
        return END_OTHER;
    }
    /* c.jr / c.jalr: quadrant 2, funct3 100, rs2 = 0, rs1 != 0 */
    unsigned rs1 = raw >> 7 & 31;
    if ((raw & 3) != 2 || (raw >> 13 & 7) != 4 || (raw >> 2 & 31) || !rs1)
        return END_OTHER;
    *ret = i->pc + 2;
    if (raw >> 12 & 1)
        return END_CALL;
    return rs1 == 1 || rs1 == 5 ? END_RET : END_OTHER;
}

void stacks_block(const struct cpu *cpu, const struct block *b)
{
    (void)cpu;
    if (!b->n)
        return;
    struct shadow *s = me;
    if (!s) {
        s = me = calloc(1, sizeof *s);
        CHECK(s);
        pthread_mutex_init(&s->lock, NULL);
        child(s, 0, 0); /* node 0: the root */
        pthread_mutex_lock(&stacks_lock);
        s->next = shadows;
        shadows = s;
        pthread_mutex_unlock(&stacks_lock);
    }
    if (s->pending == END_CALL) {
        if (s->depth < STACK_MAX) {
            u32 parent = s->depth ? s->f[s->depth - 1].node : 0;
            s->f[s->depth] = (struct frame){s->pending_ret, child(s, parent, b->pc)};
            s->depth++;
        } else {
            s->over++;
        }
    } else if (s->pending == END_RET) {
        if (s->over)
            s->over--;
        else
            for (int k = s->depth - 1; k >= 0; k--)
                if (s->f[k].ret == b->pc) {
                    s->depth = k;
                    break;
                }
    }
    *table_get(&s->counts, s->depth ? s->f[s->depth - 1].node : 0, b->pc, &s->lock) += b->n;
    s->pending = block_end(b, &s->pending_ret);
}

/* ---- the report ---- */

struct line {
    char *text;
    u64 count;
};

static void put_name(struct vm *vm, guest_addr pc, char *buf, size_t cap)
{
    struct sym_at at;
    if (!symtab_lookup(vm, pc, &at) || !at.sym)
        snprintf(buf, cap, "0x%llx", (unsigned long long)pc);
    else if (at.main)
        snprintf(buf, cap, "%s", at.sym->name);
    else
        snprintf(buf, cap, "%s (%s)", at.sym->name, at.module);
}

/* The folded text of node (frames root first) into buf at *len. */
static void put_node(struct vm *vm, const struct node *nodes, u32 node, char *buf, size_t cap,
                     size_t *len, int depth)
{
    if (!node || depth > STACK_MAX || *len >= cap)
        return;
    put_node(vm, nodes, nodes[node].parent, buf, cap, len, depth + 1);
    char name[256];
    put_name(vm, nodes[node].entry, name, sizeof name);
    *len += (size_t)snprintf(buf + *len, cap - *len, "%s%s", *len ? ";" : "", name);
}

static int by_text(const void *a, const void *b)
{
    return strcmp(((const struct line *)a)->text, ((const struct line *)b)->text);
}

/* One text line per (stack, block) of s, appended to l. */
static size_t shadow_lines(struct vm *vm, const struct shadow *s, struct line *l, size_t n)
{
    for (size_t i = 0; i < s->counts.cap; i++) {
        const struct slot *c = &s->counts.s[i];
        if (!c->v)
            continue;
        char buf[8192], leaf[256];
        size_t len = 0;
        put_node(vm, s->nodes, (u32)c->a, buf, sizeof buf, &len, 0);
        if (len >= sizeof buf)
            len = sizeof buf - 1;
        buf[len] = 0;
        put_name(vm, c->b, leaf, sizeof leaf);
        const char *top = strrchr(buf, ';');
        top = top ? top + 1 : buf;
        if (strcmp(top, leaf)) /* the leaf is a frame of its own */
            snprintf(buf + len, sizeof buf - len, "%s%s", len ? ";" : "", leaf);
        l[n].text = strdup(buf);
        CHECK(l[n].text);
        l[n++].count = c->v;
    }
    return n;
}

void stacks_report(struct vm *vm, const char *path)
{
    pthread_mutex_lock(&stacks_lock);
    size_t total = 0, n = 0;
    for (struct shadow *s = shadows; s; s = s->next) {
        pthread_mutex_lock(&s->lock); /* held to the end: the counts stop here */
        total += s->counts.used;
    }
    struct line *l = calloc(total + 1, sizeof *l);
    CHECK(l);
    for (struct shadow *s = shadows; s; s = s->next)
        n = shadow_lines(vm, s, l, n);
    pthread_mutex_unlock(&stacks_lock);
    qsort(l, n, sizeof *l, by_text);
    FILE *out = profile_open(path);
    for (size_t i = 0; i < n; i++) {
        u64 c = l[i].count;
        while (i + 1 < n && !strcmp(l[i].text, l[i + 1].text))
            c += l[++i].count;
        if (out)
            fprintf(out, "%s %llu\n", l[i].text, (unsigned long long)c);
    }
    if (out && out != stderr)
        fclose(out);
    for (size_t i = 0; i < n; i++)
        free(l[i].text);
    free(l);
}
