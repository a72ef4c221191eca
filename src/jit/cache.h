/* The code cache: one region of host code, W^X at every moment.
 *
 * The region is one memfd mapped twice: a read-write view the translator
 * writes through and a read-execute view the CPU runs; no mapping is ever
 * both writable and executable. Code addresses handed out are execution
 * addresses; cc_wptr turns one into the write view.
 *
 *   region: [ entry/exit trampolines | tb code ... (bump allocated) | free ]
 *
 * Translations (struct jit_tb) are found by guest pc in a hash table and
 * by host address in an array kept in allocation (= address) order, for
 * the fault handler. A tb's direct exits can be chained: the exit's
 * patchable jmp rel32 points at its own stub (leave to the dispatcher)
 * or, once chained, at the target tb; the target keeps a list of the
 * exits that jump into it so invalidation can unchain them.
 *
 * Threads: one mutex (cc->lock) around translation, publication,
 * chaining and invalidation. Look-ups (cc_lookup) take no lock: a thread
 * counts itself in cc->active first, then walks the table, whose heads
 * and links are published with release stores. Memory is reused only by
 * a reset that waits until no thread is inside translated code or a
 * look-up (cc->active == 0); until then a full cache makes translation
 * fail and the interpreter runs, and a replaced (smaller) hash table
 * stays allocated. Invalidated tbs stay mapped (dead, unchained)
 * until that reset, so a thread still inside one runs on harmlessly to
 * its next exit. */
#ifndef RVX_JIT_CACHE_H
#define RVX_JIT_CACHE_H

#include <pthread.h>

#include "base/types.h"

struct jit_tb;

/* A direct exit of a tb (fall-through or taken branch/jal). */
struct jit_exit {
    struct jit_tb *from;
    guest_addr target;
    const u8 *site;          /* execution address of the patchable rel32 */
    const u8 *stub;          /* its unchained destination */
    struct jit_tb *to;       /* chained to, or NULL */
    struct jit_exit *next_in; /* next exit chained into the same tb */
};

/* Host code offset of a guest memory access -> the guest instruction. */
struct jit_fault {
    u32 host_off;            /* from tb->code */
    u32 idx;                 /* instructions retired before it in the block */
    guest_addr pc;
};

struct jit_tb {
    guest_addr pc, end;      /* guest bytes [pc, end) it was made from */
    const u8 *code;          /* execution address of the entry */
    u32 size;
    bool dead;               /* invalidated: no longer found, unchained */
    struct jit_tb *hnext;
    struct jit_exit exit[2];
    struct jit_exit *incoming;
    struct jit_fault *faults;
    u32 nfaults;
    void *helper_data;       /* copies of helper-run instructions */
};

/* A segment of the region: tbs are bump-allocated in the current one;
 * when it is full, the next (the oldest) is evicted and reused. */
#define CC_HEAD 512              /* the trampolines */
#define CC_NSEG 8                /* at most */
#define CC_SEG_MIN (64u << 10)   /* one segment per this much cache */
struct cc_seg {
    size_t start, end, used;     /* offsets in the region */
    struct jit_tb **order;       /* its tbs since its last reuse, by address */
    size_t norder, cap;
    bool pending;                /* killed; memory reused once active == 0 */
};

/* The pc -> tb hash table: 2^bits chained buckets. */
struct cc_table {
    unsigned bits;
    struct cc_table *retired_next;
    struct jit_tb *b[];
};

struct code_cache {
    pthread_mutex_t lock;
    int fd;
    u8 *w;                   /* writable view */
    const u8 *x;             /* executable view */
    size_t size, head;       /* head: the trampolines, never reset */
    struct cc_table *table;  /* hash by guest pc; readers take no lock */
    struct cc_table *retired; /* replaced tables, freed when active == 0 */
    size_t count;
    struct cc_seg seg[CC_NSEG];
    unsigned nseg, cur;      /* segments; the one being filled */
    u64 gen;                 /* bumped by every flush and invalidation */
    int active;              /* threads inside translated code or cc_lookup */
    bool reset_pending;      /* some segment waits for active == 0 */
    /* Trampolines (execution addresses). */
    u64 (*enter)(void *cpu, const void *code);
    const u8 *leave;         /* jmp here with rax = exit record or 0 */
    const u8 *leave0;        /* the same with rax = 0 */
    const u8 *mxcsr0;        /* a u32 0x1f80: the default MXCSR */
    struct {
        u64 translations, code_bytes, lookups, hits, chained, flushes,
            invalidations, translate_ns, failed, evictions;
    } stats;
};

bool cc_init(struct code_cache *cc, size_t size);
/* Write-view address of an execution address in the region. */
static inline u8 *cc_wptr(const struct code_cache *cc, const u8 *x)
{
    return cc->w + (x - cc->x);
}
/* The live tb for guest pc, or NULL. The caller holds the lock or is
 * counted in cc->active (which keeps the tb's memory alive). */
struct jit_tb *cc_lookup(struct code_cache *cc, guest_addr pc);
/* Free space: *x = execution address; returns bytes available. */
size_t cc_alloc(struct code_cache *cc, const u8 **x);
/* Commits size bytes at the allocation point to tb and makes it
 * findable. Caller holds the lock. */
void cc_publish(struct code_cache *cc, struct jit_tb *tb, size_t size);
/* Chains exit e (of a live tb) to tb to. Caller holds the lock. */
void cc_chain(struct code_cache *cc, struct jit_exit *e, struct jit_tb *to);
/* Kills tbs made from [start, end). Caller holds the lock. */
void cc_invalidate_range(struct code_cache *cc, guest_addr start, guest_addr end);
/* Kills the tbs of the oldest segment and makes it the current one; its
 * memory is reused once no thread is inside. Caller holds the lock. */
void cc_evict(struct code_cache *cc);
/* Kills every tb; memory is reused once no thread is inside. Caller
 * holds the lock. */
void cc_flush(struct code_cache *cc);
/* Reuses the memory if a flush is pending and no thread is inside,
 * and frees replaced hash tables. Caller holds the lock. */
void cc_maybe_reset(struct code_cache *cc);
/* In a fork child: moves both views onto a private copy of the region
 * at the same addresses (the memfd is shared with the parent). */
bool cc_fork_child(struct code_cache *cc);
/* The tb whose code contains execution address p (signal-safe read). */
struct jit_tb *cc_find_host(struct code_cache *cc, const u8 *p);

#endif
