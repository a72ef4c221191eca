/* The code cache (cache.h): the double-mapped region cut into segments,
 * the pc -> tb hash table, the address-ordered tb list of each segment
 * for the fault handler, chaining and unchaining, invalidation, eviction
 * of the oldest segment and flush. */
#include "jit/cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"
#include "jit/x64/x64.h"

static struct cc_table *table_new(unsigned bits)
{
    struct cc_table *t = calloc(1, sizeof *t + (sizeof t->b[0] << bits));
    CHECK(t);
    t->bits = bits;
    return t;
}

bool cc_init(struct code_cache *cc, size_t size)
{
    memset(cc, 0, sizeof *cc);
    pthread_mutex_init(&cc->lock, NULL);
    size = (size + 0xffff) & ~(size_t)0xffff;
    /* Shared anonymous memory, mapped a second time by mremap: no
     * descriptor for the guest to see, and Linux perf takes such
     * mappings ("/dev/zero") for JIT code and reads /tmp/perf-PID.map. */
    void *w = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return false;
    void *x = mremap(w, 0, size, MREMAP_MAYMOVE);
    if (x == MAP_FAILED || mprotect(x, size, PROT_READ | PROT_EXEC))
        return false;
    cc->w = w;
    cc->x = x;
    cc->size = size;
    cc->table = table_new(12);
    /* One segment per CC_SEG_MIN of cache, at most CC_NSEG (a 64K
     * cache is one segment: eviction is then a flush); the trampolines
     * come out of the first. */
    cc->nseg = size / CC_SEG_MIN < CC_NSEG ? (unsigned)(size / CC_SEG_MIN) : CC_NSEG;
    if (cc->nseg < 1)
        cc->nseg = 1;
    size_t seg = (size - CC_HEAD) / cc->nseg & ~(size_t)63; /* the last takes the rest */
    /* Fixed capacity, so the signal handler never sees a realloc: one tb
     * per 32 bytes of code at most (the last segment has up to 1K more).
     * calloc, not mmap: a large calloc is untouched zero pages all the
     * same, and the leak checker scans it (killed tbs waiting for their
     * segment's reuse are found only there). */
    size_t cap = (seg + 1024) / 32;
    struct jit_tb **order = calloc(cc->nseg * cap, sizeof *order);
    CHECK(cc->table && order);
    for (unsigned k = 0; k < cc->nseg; k++) {
        struct cc_seg *g = &cc->seg[k];
        g->start = g->used = CC_HEAD + k * seg;
        g->end = k + 1 == cc->nseg ? size : g->start + seg;
        g->order = order + k * cap;
        g->cap = cap;
    }
    return true;
}

/* Multiplicative (Fibonacci) hashing: the top bits of the product are
 * the well-mixed ones; low bits of it repeat for nearby pcs. */
static size_t hash_pc(guest_addr pc, unsigned bits)
{
    return (size_t)((pc >> 1) * 0x9e3779b97f4a7c15ull >> (64 - bits));
}

static struct jit_tb *load_tb(struct jit_tb *const *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

struct jit_tb *cc_lookup(struct code_cache *cc, guest_addr pc)
{
    const struct cc_table *tab = __atomic_load_n(&cc->table, __ATOMIC_ACQUIRE);
    for (struct jit_tb *t = load_tb(&tab->b[hash_pc(pc, tab->bits)]); t; t = load_tb(&t->hnext))
        if (t->pc == pc) {
            return __atomic_load_n(&t->dead, __ATOMIC_ACQUIRE) ? NULL : t;
        }
    return NULL;
}

size_t cc_alloc(struct code_cache *cc, const u8 **x)
{
    struct cc_seg *g = &cc->seg[cc->cur];
    g->used = (g->used + 15) & ~(size_t)15; /* 16-byte aligned entries */
    *x = cc->x + g->used;
    if (g->pending || g->norder >= g->cap || g->used >= g->end)
        return 0;
    return g->end - g->used;
}

/* Doubles the table. Readers may still walk the old one, so it is kept
 * (on cc->retired) until no thread is inside translated code. Moving a
 * tb rewrites its hnext, so a reader in the old table may miss a tb (it
 * then takes the locked path) but never loops: moved tbs only point at
 * moved tbs. */
static void table_grow(struct code_cache *cc)
{
    struct cc_table *old = cc->table, *nt = table_new(old->bits + 1);
    for (size_t i = 0; i < (size_t)1 << old->bits; i++)
        for (struct jit_tb *t = old->b[i], *next; t; t = next) {
            next = t->hnext;
            size_t h = hash_pc(t->pc, nt->bits);
            __atomic_store_n(&t->hnext, nt->b[h], __ATOMIC_RELEASE);
            nt->b[h] = t;
        }
    __atomic_store_n(&cc->table, nt, __ATOMIC_RELEASE);
    old->retired = cc->epoch;
    cc->reset_pending = true;
    old->retired_next = cc->retired;
    cc->retired = old;
}

void cc_publish(struct code_cache *cc, struct jit_tb *tb, size_t size)
{
    struct cc_seg *g = &cc->seg[cc->cur];
    tb->size = (u32)size;
    g->used += size;
    if (cc->count >> cc->table->bits)
        table_grow(cc);
    struct jit_tb **head = &cc->table->b[hash_pc(tb->pc, cc->table->bits)];
    tb->hnext = *head;
    __atomic_store_n(head, tb, __ATOMIC_RELEASE); /* tb is complete: readers may see it */
    cc->count++;
    g->order[g->norder] = tb;
    __atomic_store_n(&g->norder, g->norder + 1, __ATOMIC_RELEASE);
    cc->stats.translations++;
    cc->stats.code_bytes += size;
}

static void patch(struct code_cache *cc, const u8 *site, const void *target)
{
    x64_patch_rel32_rx(cc_wptr(cc, site), site, target);
}

void cc_chain(struct code_cache *cc, struct jit_exit *e, struct jit_tb *to)
{
    if (e->to || e->from->dead || to->dead)
        return;
    e->to = to;
    e->next_in = to->incoming;
    to->incoming = e;
    /* A jump forward in guest pc skips the target's interrupt check:
     * every cycle of guest execution goes back somewhere (a call and its
     * return together move forward), and every backward or indirect
     * transfer still checks, so a signal waits at most one pass. */
    patch(cc, e->site, to->code + (e->forward ? to->check_len : 0));
    cc->stats.chained++;
}

/* Points every exit that jumps into tb back at its stub, and drops tb's
 * own outgoing links from their targets' lists. */
static void unchain(struct code_cache *cc, struct jit_tb *tb)
{
    for (struct jit_exit *e = tb->incoming; e; e = e->next_in) {
        patch(cc, e->site, e->stub);
        e->to = NULL;
    }
    tb->incoming = NULL;
    for (u32 k = 0; k < tb->nexit; k++) {
        struct jit_exit *e = &tb->exit[k];
        if (!e->to)
            continue;
        for (struct jit_exit **pp = &e->to->incoming; *pp; pp = &(*pp)->next_in)
            if (*pp == e) {
                *pp = e->next_in;
                break;
            }
        patch(cc, e->site, e->stub);
        e->to = NULL;
    }
}

static void kill_tb(struct code_cache *cc, struct jit_tb *tb)
{
    __atomic_store_n(&tb->dead, true, __ATOMIC_RELEASE);
    unchain(cc, tb);
}

void cc_invalidate_range(struct code_cache *cc, guest_addr start, guest_addr end)
{
    if (start >= end)
        return;
    struct cc_table *tab = cc->table;
    for (size_t i = 0; i < (size_t)1 << tab->bits; i++)
        for (struct jit_tb **pp = &tab->b[i]; *pp;) {
            struct jit_tb *t = *pp;
            if (t->lo < end && t->end > start) {
                /* A reader standing on t still finds its way on. */
                __atomic_store_n(pp, t->hnext, __ATOMIC_RELEASE);
                cc->count--;
                kill_tb(cc, t);
                cc->stats.invalidations++;
            } else {
                pp = &t->hnext;
            }
        }
    __atomic_add_fetch(&cc->gen, 1, __ATOMIC_RELEASE); /* jalr tables may name killed tbs */
}

/* Frees the tbs of a killed segment and makes its memory allocatable.
 * Only when no thread is inside translated code. */
static void seg_reuse(struct cc_seg *g)
{
    for (size_t i = 0; i < g->norder; i++) {
        free(g->order[i]->faults);
        free(g->order[i]->helper_data);
        free(g->order[i]);
    }
    __atomic_store_n(&g->norder, 0, __ATOMIC_RELEASE);
    g->used = g->start;
    g->pending = false;
}

/* Kills every live tb of segment g and marks it for reuse. */
static void seg_kill(struct code_cache *cc, struct cc_seg *g, bool unhash)
{
    for (size_t i = 0; i < g->norder; i++) {
        struct jit_tb *t = g->order[i];
        if (t->dead)
            continue;
        if (unhash) {
            struct jit_tb **pp = &cc->table->b[hash_pc(t->pc, cc->table->bits)];
            while (*pp != t)
                pp = &(*pp)->hnext;
            __atomic_store_n(pp, t->hnext, __ATOMIC_RELEASE);
            cc->count--;
        }
        kill_tb(cc, t);
    }
    g->pending = true;
    g->killed = cc->epoch;
}

/* Whether what was killed in epoch e is no longer reachable by any
 * thread (cache.h, "Threads"). The fence orders the kill before the
 * counter reads: a thread counted in later sees the killed state. */
static bool grace_over(struct code_cache *cc, u64 e)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (cc->epoch == e) {
        /* Threads of epoch e - 1 must have left before e + 1 begins. */
        if (__atomic_load_n(&cc->active[(e + 1) & 1], __ATOMIC_SEQ_CST) != 0)
            return false;
        __atomic_store_n(&cc->epoch, e + 1, __ATOMIC_SEQ_CST);
    }
    return cc->epoch > e + 1 || __atomic_load_n(&cc->active[e & 1], __ATOMIC_SEQ_CST) == 0;
}

void cc_maybe_reset(struct code_cache *cc)
{
    if (!cc->reset_pending)
        return;
    bool left = false;
    for (struct cc_table **pp = &cc->retired; *pp;) {
        struct cc_table *t = *pp;
        if (grace_over(cc, t->retired)) {
            *pp = t->retired_next;
            free(t);
        } else {
            pp = &t->retired_next;
            left = true;
        }
    }
    for (unsigned k = 0; k < cc->nseg; k++) {
        struct cc_seg *g = &cc->seg[k];
        if (!g->pending)
            continue;
        if (grace_over(cc, g->killed))
            seg_reuse(g);
        else
            left = true;
    }
    cc->reset_pending = left;
}

void cc_evict(struct code_cache *cc)
{
    /* While the current segment still waits for its reuse, evicting
     * more would only throw code away. */
    if (!cc->seg[cc->cur].pending) {
        cc->cur = (cc->cur + 1) % cc->nseg;
        struct cc_seg *g = &cc->seg[cc->cur];
        if (!g->pending) {
            seg_kill(cc, g, true);
            __atomic_add_fetch(&cc->gen, 1, __ATOMIC_RELEASE); /* jalr tables may name its tbs */
            cc->stats.evictions++;
        }
        cc->reset_pending = true;
    }
    cc_maybe_reset(cc);
}

void cc_flush(struct code_cache *cc)
{
    for (unsigned k = 0; k < cc->nseg; k++)
        seg_kill(cc, &cc->seg[k], false);
    struct cc_table *tab = cc->table;
    for (size_t i = 0; i < (size_t)1 << tab->bits; i++)
        __atomic_store_n(&tab->b[i], NULL, __ATOMIC_RELAXED);
    cc->count = 0;
    cc->cur = 0;
    __atomic_add_fetch(&cc->gen, 1, __ATOMIC_RELEASE);
    cc->stats.flushes++;
    cc->reset_pending = true;
    cc_maybe_reset(cc);
}

struct jit_tb *cc_find_host(struct code_cache *cc, const u8 *p)
{
    if (p < cc->x + cc->seg[0].start || p >= cc->x + cc->size)
        return NULL;
    size_t k = (size_t)(p - cc->x - cc->seg[0].start) / (cc->seg[0].end - cc->seg[0].start);
    const struct cc_seg *g = &cc->seg[k < cc->nseg ? k : cc->nseg - 1];
    size_t lo = 0, hi = __atomic_load_n(&g->norder, __ATOMIC_ACQUIRE);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        struct jit_tb *t = g->order[mid];
        if (p < t->code)
            hi = mid;
        else if (p >= t->code + t->size)
            lo = mid + 1;
        else
            return t;
    }
    return NULL;
}

bool cc_fork_child(struct code_cache *cc)
{
    /* The parent keeps writing its cache (new code, chain patches, a
     * flush that reuses it) after fork, so a copy of it could be torn or
     * disagree with the child's metadata. The child starts from an empty
     * cache of its own instead: both views move onto new shared memory
     * first (as cc_init makes it), so that flushing (which patches code)
     * never touches the parent's. */
    pthread_mutex_init(&cc->lock, NULL);
    cc->active[0] = cc->active[1] = 0; /* no other thread in the child */
    void *w = mmap(cc->w, cc->size, PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if (w == MAP_FAILED)
        return false;
    void *x = mremap(w, 0, cc->size, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)cc->x);
    if (x == MAP_FAILED || mprotect(x, cc->size, PROT_READ | PROT_EXEC))
        return false;
    cc_flush(cc);
    memset(&cc->stats, 0, sizeof cc->stats); /* --stats: the child's own */
    return true;
}
