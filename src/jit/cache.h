/* The code cache: one region of host code, W^X at every moment.
 *
 * The region is shared anonymous memory mapped twice: a read-write view
 * the translator
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
 * counts itself in (cc_enter) first, then walks the table, whose heads
 * and links are published with release stores, and stays counted while
 * it runs translated code (cc_leave). Memory (a killed segment's code
 * and tbs, a hash table replaced by a bigger one) is reused after a
 * grace period: every thread counted in before the kill has left. Two
 * counters and an epoch make it (as in SRCU): a thread counts itself in
 * active[epoch & 1]; after a kill the epoch is advanced once the other
 * counter is empty, and what was killed in epoch E is reused once
 * active[E & 1] is empty too (or the epoch is past E + 1). Until then a
 * full cache makes translation fail and the interpreter runs.
 * Invalidated tbs stay mapped (dead, unchained)
 * until their segment is reused, so a thread still inside one runs on harmlessly to
 * its next exit. */
#ifndef RVX_JIT_CACHE_H
#define RVX_JIT_CACHE_H

#include <pthread.h>

#include "base/types.h"

struct jit_tb;

/* A direct exit of a tb (fall-through or taken branch/jal, a guest
 * call's continuation): a patchable jmp rel32, or for the callee of a
 * guest call (jal linking ra/t0, jit/tr_branch.c) a patchable call
 * rel32; both are chained and unchained alike. */
struct jit_exit {
    struct jit_tb *from;
    guest_addr target;
    const u8 *site;          /* execution address of the patchable rel32 */
    const u8 *stub;          /* its unchained destination */
    struct jit_tb *to;       /* chained to, or NULL */
    struct jit_exit *next_in; /* next exit chained into the same tb */
    bool forward;            /* target at or past the end of from's guest
                                bytes: chained past the interrupt check */
};

/* Host code offset of a guest memory access -> the guest instruction,
 * and the f registers that live only in XMM registers there. */
struct jit_fault {
    u32 host_off;            /* from tb->code */
    u16 idx;                 /* instructions retired before it in the block */
    u16 fmap;                /* 1 + index in tb->fmaps, 0: cpu->f is whole */
    guest_addr pc;
};

/* Host registers that hold guest registers in translated code. */
#define JIT_SLOTS 10

/* A fault site's dirty f registers: XMM x holds f[reg[x] - 1], newer
 * than cpu->f (0: nothing). Sites with the same map share it. */
struct jit_fmap {
    u8 reg[16];
};

struct jit_tb {
    guest_addr pc, end;      /* guest bytes [pc, end) it was made from */
    const u8 *code;          /* execution address of the entry */
    u32 size;
    bool dead;               /* invalidated: no longer found, unchained */
    struct jit_tb *hnext;
    struct jit_exit *incoming;
    struct jit_fault *faults;
    struct jit_fmap *fmaps;  /* in the same allocation, after faults */
    u32 nfaults;
    void *helper_data;       /* copies of helper-run instructions */
    u8 slot_guest[JIT_SLOTS]; /* at its faults: the guest reg in each slot (0: none) */
    guest_addr lo;           /* lowest guest byte of a region's blocks (<= pc) */
    u8 check_len;            /* bytes of the entry's interrupt check */
    u32 nexit;
    struct jit_exit exit[];  /* direct exits: 2, or 2 per block of a region */
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
    bool pending;                /* killed; memory reused after a grace period */
    u64 killed;                  /* the epoch it was killed in */
};

/* The pc -> tb hash table: 2^bits chained buckets. */
struct cc_table {
    unsigned bits;
    u64 retired;                 /* the epoch it was replaced in */
    struct cc_table *retired_next;
    struct jit_tb *b[];
};

/* Why the dispatcher looks a pc up: a jalr whose target the inline
 * table lacked (or a syscall or other exit record-less return), a
 * direct exit not yet chained, or the interpreter stopping at a hot block. */
enum { CC_FROM_JALR, CC_FROM_EXIT, CC_FROM_INTERP, CC_FROM_N };

struct code_cache {
    pthread_mutex_t lock;
    u8 *w;                   /* writable view */
    const u8 *x;             /* executable view */
    size_t size, head;       /* head: the trampolines, never reset */
    struct cc_table *table;  /* hash by guest pc; readers take no lock */
    struct cc_table *retired; /* replaced tables, freed after a grace period */
    size_t count;
    struct cc_seg seg[CC_NSEG];
    unsigned nseg, cur;      /* segments; the one being filled */
    u64 gen;                 /* bumped by every flush and invalidation */
    u64 epoch;               /* see "Threads" above */
    int active[2];           /* threads inside translated code or cc_lookup */
    bool reset_pending;      /* something waits for its grace period */
    /* Trampolines (execution addresses). */
    u64 (*enter)(void *cpu, const void *code);
    const u8 *leave;         /* jmp here with rax = exit record or 0 */
    const u8 *leave0;        /* the same with rax = 0 */
    /* Shared tails of the translations' cold stubs (tr_tramp.c). */
    const u8 *exit_tail;     /* rax = exit record: cpu->pc = its target */
    const u8 *int_tail;      /* rcx = pc: EXIT_INTERRUPT there */
    const u8 *segv_tail;     /* rax = address, rcx = pc << 8 | idx */
    const u8 *mxcsr0;        /* a u32 0x1f80: the default MXCSR */
    const u8 *space_at;      /* a u64: space, for the bounds checks */
    u64 space;               /* the guest address space size (mem.size) */
    struct {
        u64 lookups[CC_FROM_N], hits[CC_FROM_N]; /* by what sent the thread */
        u64 translations, code_bytes, chained, flushes,
            invalidations, translate_ns, failed, evictions, loops,
            pinned; /* loops keeping f registers in XMM registers */
    } stats;
};

bool cc_init(struct code_cache *cc, size_t size);
/* Write-view address of an execution address in the region. */
static inline u8 *cc_wptr(const struct code_cache *cc, const u8 *x)
{
    return cc->w + (x - cc->x);
}
/* Counts the calling thread in before it looks up or runs translated
 * code; returns what cc_leave needs. */
static inline unsigned cc_enter(struct code_cache *cc)
{
    for (;;) {
        u64 e = __atomic_load_n(&cc->epoch, __ATOMIC_ACQUIRE);
        __atomic_add_fetch(&cc->active[e & 1], 1, __ATOMIC_SEQ_CST);
        /* Unchanged after the count: a grace period that began later
         * sees it (both sides: seq_cst write, then read). */
        if (__atomic_load_n(&cc->epoch, __ATOMIC_SEQ_CST) == e)
            return (unsigned)(e & 1);
        __atomic_sub_fetch(&cc->active[e & 1], 1, __ATOMIC_SEQ_CST);
    }
}
static inline void cc_leave(struct code_cache *cc, unsigned idx)
{
    __atomic_sub_fetch(&cc->active[idx], 1, __ATOMIC_RELEASE);
}
/* The live tb for guest pc, or NULL. The caller holds the lock or is
 * counted in (cc_enter, which keeps the tb's memory alive). */
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
/* Reuses killed segments and frees replaced hash tables whose grace
 * period is over. Caller holds the lock. */
void cc_maybe_reset(struct code_cache *cc);
/* In a fork child: moves both views onto new, empty shared memory at the
 * same addresses (the old region is shared with the parent). */
bool cc_fork_child(struct code_cache *cc);
/* The tb whose code contains execution address p (signal-safe read). */
struct jit_tb *cc_find_host(struct code_cache *cc, const u8 *p);

#endif
