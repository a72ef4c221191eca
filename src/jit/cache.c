/* The code cache (cache.h): the double-mapped region, the pc -> tb hash
 * table, the address-ordered tb list for the fault handler, chaining and
 * unchaining, invalidation and flush. */
#include "jit/cache.h"

#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "base/check.h"
#include "base/log.h"
#include "jit/x64/x64.h"
#include "os/hostfd.h"

bool cc_init(struct code_cache *cc, size_t size)
{
    memset(cc, 0, sizeof *cc);
    pthread_mutex_init(&cc->lock, NULL);
    size = (size + 0xffff) & ~(size_t)0xffff;
    /* Shared anonymous memory, mapped a second time by mremap: no
     * descriptor for the guest to see, and Linux perf takes such
     * mappings ("/dev/zero") for JIT code and reads /tmp/perf-PID.map. */
    cc->fd = -1;
    void *w = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        return false;
    void *x = mremap(w, 0, size, MREMAP_MAYMOVE);
    if (x == MAP_FAILED || mprotect(x, size, PROT_READ | PROT_EXEC))
        return false;
    cc->w = w;
    cc->x = x;
    cc->size = size;
    cc->mask = 4095;
    cc->table = calloc(cc->mask + 1, sizeof *cc->table);
    /* Fixed capacity, so the signal handler never sees a realloc. From
     * the heap (a large calloc is lazily zeroed pages all the same): it
     * holds the only pointers to invalidated tbs until the next reset,
     * and LeakSanitizer scans the heap but not private mappings. */
    cc->order_cap = size / 32;
    cc->order = calloc(cc->order_cap, sizeof *cc->order);
    CHECK(cc->table && cc->order);
    return true;
}

static size_t hash_pc(guest_addr pc, size_t mask)
{
    return (size_t)((pc >> 1) * 0x9e3779b97f4a7c15ull >> 32) & mask;
}

struct jit_tb *cc_lookup(struct code_cache *cc, guest_addr pc)
{
    cc->stats.lookups++;
    for (struct jit_tb *t = cc->table[hash_pc(pc, cc->mask)]; t; t = t->hnext)
        if (t->pc == pc) {
            cc->stats.hits++;
            return t;
        }
    return NULL;
}

size_t cc_alloc(struct code_cache *cc, const u8 **x)
{
    /* 16-byte aligned entries. */
    cc->used = (cc->used + 15) & ~(size_t)15;
    *x = cc->x + cc->used;
    if (cc->reset_pending || cc->norder >= cc->order_cap)
        return 0;
    return cc->size - cc->used;
}

static void table_grow(struct code_cache *cc)
{
    size_t nmask = cc->mask * 2 + 1;
    struct jit_tb **nt = calloc(nmask + 1, sizeof *nt);
    CHECK(nt);
    for (size_t i = 0; i <= cc->mask; i++)
        for (struct jit_tb *t = cc->table[i], *next; t; t = next) {
            next = t->hnext;
            size_t h = hash_pc(t->pc, nmask);
            t->hnext = nt[h];
            nt[h] = t;
        }
    free(cc->table);
    cc->table = nt;
    cc->mask = nmask;
}

void cc_publish(struct code_cache *cc, struct jit_tb *tb, size_t size)
{
    tb->size = (u32)size;
    cc->used += size;
    if (cc->count > cc->mask)
        table_grow(cc);
    size_t h = hash_pc(tb->pc, cc->mask);
    tb->hnext = cc->table[h];
    cc->table[h] = tb;
    cc->count++;
    cc->order[cc->norder] = tb;
    __atomic_store_n(&cc->norder, cc->norder + 1, __ATOMIC_RELEASE);
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
    patch(cc, e->site, to->code);
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
    for (int k = 0; k < 2; k++) {
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
    unchain(cc, tb);
    tb->dead = true;
}

void cc_invalidate_range(struct code_cache *cc, guest_addr start, guest_addr end)
{
    if (start >= end)
        return;
    for (size_t i = 0; i <= cc->mask; i++)
        for (struct jit_tb **pp = &cc->table[i]; *pp;) {
            struct jit_tb *t = *pp;
            if (t->pc < end && t->end > start) {
                *pp = t->hnext;
                cc->count--;
                kill_tb(cc, t);
                cc->stats.invalidations++;
            } else {
                pp = &t->hnext;
            }
        }
    cc->gen++; /* the per-thread jalr tables may name killed tbs */
}

static void free_all(struct code_cache *cc)
{
    for (size_t i = 0; i < cc->norder; i++) {
        free(cc->order[i]->faults);
        free(cc->order[i]->helper_data);
        free(cc->order[i]);
    }
    __atomic_store_n(&cc->norder, 0, __ATOMIC_RELEASE);
    cc->used = cc->head;
    cc->reset_pending = false;
}

void cc_maybe_reset(struct code_cache *cc)
{
    if (cc->reset_pending && __atomic_load_n(&cc->active, __ATOMIC_ACQUIRE) == 0)
        free_all(cc);
}

void cc_flush(struct code_cache *cc)
{
    for (size_t i = 0; i < cc->norder; i++)
        if (!cc->order[i]->dead)
            kill_tb(cc, cc->order[i]);
    memset(cc->table, 0, (cc->mask + 1) * sizeof *cc->table);
    cc->count = 0;
    cc->gen++;
    cc->stats.flushes++;
    cc->reset_pending = true;
    cc_maybe_reset(cc);
}

struct jit_tb *cc_find_host(struct code_cache *cc, const u8 *p)
{
    size_t lo = 0, hi = __atomic_load_n(&cc->norder, __ATOMIC_ACQUIRE);
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        struct jit_tb *t = cc->order[mid];
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
     * cache of its own instead: remap both views onto a new memfd first,
     * so that flushing (which patches code) never touches the parent's. */
    pthread_mutex_init(&cc->lock, NULL);
    cc->active = 0;
    int fd = hostfd_hide(memfd_create("rvx-code", MFD_CLOEXEC));
    if (fd < 0 || ftruncate(fd, (off_t)cc->size) < 0)
        return false;
    if (mmap(cc->w, cc->size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED ||
        mmap((void *)cc->x, cc->size, PROT_READ | PROT_EXEC, MAP_SHARED | MAP_FIXED, fd, 0) ==
            MAP_FAILED)
        return false;
    hostfd_forget(cc->fd);
    close(cc->fd);
    cc->fd = fd;
    cc_flush(cc);
    return true;
}
