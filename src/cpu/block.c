/* The pre-decoded block cache: building blocks from guest memory with
 * dec_insn, a chained hash table keyed by guest pc (vm->blocks), a
 * direct-mapped front table per thread (cpu->blk_fast), flush and range
 * invalidation. Called by the interpreter (enter, build, look-up) and,
 * through interp_flush and interp_invalidate, by the VM and memory
 * management.
 *
 * Threads share the cache. Look-ups take no lock: the hash table and
 * its chains are published with release stores. Building (the insert),
 * growing, invalidating and flushing take bc->lock. Unpublished blocks
 * are not freed at once while other threads exist, since one may still
 * be running them: they are retired and freed after every thread has
 * passed a quiescent point twice (block_enter, or block_offline around
 * a blocking call); see reclaim(). A single-threaded guest frees at
 * once, as before. docs/internals.md, "Threads", has the whole story. */
#include "cpu/block.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "base/log.h"
#include "cpu/decode.h"
#include "cpu/disasm.h"
#include "cpu/fpu.h"
#include "mem/mem.h"
#include "os/hostsig.h"
#include "vm/thread.h"
#include "vm/vm.h"

/* Blocks and hash tables that are unpublished while other threads may
 * still run them wait here until it is safe to free them (see below). */
struct ptrvec {
    void **v;
    size_t n, cap;
};

/* The hash table: buckets chained through hnext. Replaced (not resized
 * in place) when it grows, so a lock-free reader always sees a mask
 * that matches its bucket array. */
struct htab {
    size_t mask;
    struct block *b[];
};

struct block_cache {
    pthread_mutex_t lock; /* inserting, growing, invalidating, reclaiming */
    struct htab *htab;    /* read without the lock (acquire loads) */
    size_t count;
    u64 gen;              /* bumped whenever blocks are unpublished */
    struct ptrvec pending; /* unpublished since the last batch closed */
    struct ptrvec waiting; /* the batch waiting for every thread to pass */
    int stage;            /* 1: waiting for the first pass, 2: the second */
    u64 batch;            /* id of the waiting batch's current snapshot */
};

static __thread struct cpu *blk_self; /* the cpu this thread runs */

static struct htab *htab_new(size_t mask)
{
    struct htab *h = calloc(1, sizeof *h + (mask + 1) * sizeof h->b[0]);
    CHECK(h);
    h->mask = mask;
    return h;
}

static struct block_cache *cache_of(struct vm *vm)
{
    struct block_cache *bc = __atomic_load_n((struct block_cache **)&vm->blocks, __ATOMIC_ACQUIRE);
    if (likely(bc))
        return bc;
    /* Created by the first thread before any other exists. */
    bc = calloc(1, sizeof *bc);
    CHECK(bc);
    pthread_mutex_init(&bc->lock, NULL);
    bc->htab = htab_new(4095);
    bc->gen = 1;
    __atomic_store_n((struct block_cache **)&vm->blocks, bc, __ATOMIC_RELEASE);
    return bc;
}

static size_t hash_pc(guest_addr pc, size_t mask)
{
    return (size_t)((pc >> 1) * 0x9e3779b97f4a7c15ull >> 32) & mask;
}

#define FAST_SIZE (1u << BLOCK_FAST_BITS)

struct block **block_enter(struct cpu *cpu)
{
    struct block_cache *bc = cache_of(cpu->vm);
    blk_self = cpu;
    /* A quiescent point: this thread holds no block from before. The
     * fence orders the count before every block read that follows. */
    __atomic_store_n(&cpu->blk_seq, cpu->blk_seq + 1, __ATOMIC_RELAXED);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    if (unlikely(!cpu->blk_fast)) {
        cpu->blk_fast = calloc(FAST_SIZE, sizeof *cpu->blk_fast);
        CHECK(cpu->blk_fast);
    }
    u64 gen = __atomic_load_n(&bc->gen, __ATOMIC_ACQUIRE);
    if (unlikely(cpu->blk_fast_gen != gen)) {
        memset(cpu->blk_fast, 0, FAST_SIZE * sizeof *cpu->blk_fast);
        cpu->blk_fast_gen = gen;
    }
    return cpu->blk_fast;
}

/* The engines call this once per entry (interp_run sets hostsig_cpu
 * first), so it is the entry hook: see block_enter. */
struct block **block_fast_table(struct vm *vm)
{
    CHECK(hostsig_cpu && hostsig_cpu->vm == vm);
    return block_enter(hostsig_cpu);
}

void block_offline(struct cpu *cpu, bool offline)
{
    __atomic_store_n(&cpu->blk_offline, offline, __ATOMIC_SEQ_CST);
}

static struct block *htab_find(struct htab *h, guest_addr pc)
{
    struct block *b = __atomic_load_n(&h->b[hash_pc(pc, h->mask)], __ATOMIC_ACQUIRE);
    for (; b; b = __atomic_load_n(&b->hnext, __ATOMIC_ACQUIRE))
        if (b->pc == pc)
            return b;
    return NULL;
}

struct block *block_lookup(struct vm *vm, guest_addr pc)
{
    struct block_cache *bc = cache_of(vm);
    struct block **fast = blk_self && blk_self->vm == vm ? blk_self->blk_fast : NULL;
    struct block **slot = fast ? &fast[block_fast_index(pc)] : NULL;
    if (slot && *slot && (*slot)->pc == pc)
        return *slot;
    struct block *b = htab_find(__atomic_load_n(&bc->htab, __ATOMIC_ACQUIRE), pc);
    if (b && slot)
        *slot = b;
    return b;
}

static void ptrvec_push(struct ptrvec *pv, void *p)
{
    if (pv->n == pv->cap) {
        pv->cap = pv->cap ? 2 * pv->cap : 64;
        pv->v = realloc(pv->v, pv->cap * sizeof *pv->v);
        CHECK(pv->v);
    }
    pv->v[pv->n++] = p;
}

static void ptrvec_free_all(struct ptrvec *pv)
{
    for (size_t i = 0; i < pv->n; i++)
        free(pv->v[i]);
    pv->n = 0;
}

/* Retired memory is freed once no thread can hold a pointer to it. */
static void retire(struct block_cache *bc, void *p) { ptrvec_push(&bc->pending, p); }

static void clear_links(struct block_cache *bc)
{
    struct htab *h = bc->htab;
    for (size_t i = 0; i <= h->mask; i++)
        for (struct block *b = h->b[i]; b; b = b->hnext) {
            __atomic_store_n(&b->link[0], NULL, __ATOMIC_RELAXED);
            __atomic_store_n(&b->link[1], NULL, __ATOMIC_RELAXED);
        }
}

/* Records where every thread is, for the batch about to wait. */
static void snapshot(struct vm *vm, struct block_cache *bc)
{
    bc->batch++;
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (struct cpu *c = vm->threads; c; c = c->thread_next) {
        c->blk_snap = __atomic_load_n(&c->blk_seq, __ATOMIC_RELAXED);
        c->blk_snap_batch = bc->batch;
    }
}

/* True when every thread has entered the engine again, or sits in a
 * blocking call, since the snapshot. */
static bool all_passed(struct vm *vm, struct block_cache *bc)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    for (struct cpu *c = vm->threads; c; c = c->thread_next)
        if (c->blk_snap_batch == bc->batch && !__atomic_load_n(&c->blk_offline, __ATOMIC_SEQ_CST) &&
            __atomic_load_n(&c->blk_seq, __ATOMIC_RELAXED) == c->blk_snap)
            return false;
    return true;
}

/* Frees what is safe to free. With one thread (the caller, outside the
 * engine) everything is. Otherwise a batch waits for two passes: after
 * the first no thread holds a retired block, but one may have stored a
 * link to it in a live block just before; those links are cleared, and
 * after the second pass no thread can have followed one. Caller holds
 * bc->lock; takes the thread lock (block lock before thread lock). */
static void reclaim(struct vm *vm, struct block_cache *bc)
{
    thread_lock(vm);
    if (vm->nthreads <= 1) {
        ptrvec_free_all(&bc->pending);
        ptrvec_free_all(&bc->waiting);
        bc->stage = 0;
    } else {
        if (bc->waiting.n && all_passed(vm, bc)) {
            if (bc->stage == 1) {
                clear_links(bc);
                bc->stage = 2;
                snapshot(vm, bc);
            } else {
                ptrvec_free_all(&bc->waiting);
            }
        }
        if (!bc->waiting.n && bc->pending.n) {
            struct ptrvec t = bc->waiting;
            bc->waiting = bc->pending;
            bc->pending = t;
            bc->stage = 1;
            snapshot(vm, bc);
        }
    }
    thread_unlock(vm);
}

/* After unpublishing: every front table is stale (each thread also
 * clears its own at its next entry, by gen) and every link may point
 * at a retired block. */
static void unpublished(struct vm *vm, struct block_cache *bc)
{
    __atomic_store_n(&bc->gen, bc->gen + 1, __ATOMIC_RELEASE);
    clear_links(bc);
    thread_lock(vm);
    for (struct cpu *c = vm->threads; c; c = c->thread_next)
        if (c->blk_fast)
            memset(c->blk_fast, 0, FAST_SIZE * sizeof *c->blk_fast);
    thread_unlock(vm);
    reclaim(vm, bc);
}

/* Doubles the bucket array when the load factor passes 1. Readers
 * walking an old chain may be led into a new one and miss a block;
 * they then build it, and block_build finds the existing one. */
static void cache_grow(struct block_cache *bc)
{
    struct htab *old = bc->htab, *nt = htab_new(old->mask * 2 + 1);
    for (size_t i = 0; i <= old->mask; i++) {
        for (struct block *b = old->b[i], *next; b; b = next) {
            next = b->hnext;
            size_t h = hash_pc(b->pc, nt->mask);
            __atomic_store_n(&b->hnext, nt->b[h], __ATOMIC_RELEASE);
            nt->b[h] = b;
        }
    }
    __atomic_store_n(&bc->htab, nt, __ATOMIC_RELEASE);
    retire(bc, old);
}

static void cache_insert(struct block_cache *bc, struct block *b)
{
    if (bc->count > bc->htab->mask)
        cache_grow(bc);
    struct htab *h = bc->htab;
    size_t i = hash_pc(b->pc, h->mask);
    b->hnext = h->b[i];
    __atomic_store_n(&h->b[i], b, __ATOMIC_RELEASE); /* b is complete before it is seen */
    bc->count++;
    if (blk_self && blk_self->blk_fast)
        blk_self->blk_fast[block_fast_index(b->pc)] = b;
}

/* Ops whose only architectural effect is writing rd: with rd = x0 they
 * are no-ops (nop, hints), which keeps x0 at zero without a store. */
static bool op_is_pure_alu(enum rv_op op)
{
    switch (op) {
    case OP_LUI: case OP_AUIPC: case OP_ADDI: case OP_SLTI: case OP_SLTIU:
    case OP_XORI: case OP_ORI: case OP_ANDI: case OP_SLLI: case OP_SRLI:
    case OP_SRAI: case OP_ADD: case OP_SUB: case OP_SLL: case OP_SLT:
    case OP_SLTU: case OP_XOR: case OP_SRL: case OP_SRA: case OP_OR:
    case OP_AND: case OP_ADDIW: case OP_SLLIW: case OP_SRLIW: case OP_SRAIW:
    case OP_ADDW: case OP_SUBW: case OP_SLLW: case OP_SRLW: case OP_SRAW:
    case OP_MUL: case OP_MULH: case OP_MULHSU: case OP_MULHU: case OP_DIV:
    case OP_DIVU: case OP_REM: case OP_REMU: case OP_MULW: case OP_DIVW:
    case OP_DIVUW: case OP_REMW: case OP_REMUW:
        return true;
    default:
        return false;
    }
}

/* FP ops without an rm field (funct3 selects the op instead). */
static bool fp_has_rm(enum rv_op op)
{
    switch (op) {
    case OP_FSGNJ_S: case OP_FSGNJN_S: case OP_FSGNJX_S: case OP_FMIN_S:
    case OP_FMAX_S: case OP_FEQ_S: case OP_FLT_S: case OP_FLE_S:
    case OP_FCLASS_S: case OP_FSGNJ_D: case OP_FSGNJN_D: case OP_FSGNJX_D:
    case OP_FMIN_D: case OP_FMAX_D: case OP_FEQ_D: case OP_FLT_D:
    case OP_FLE_D: case OP_FCLASS_D:
        return false;
    default:
        return true;
    }
}

static bool op_is_fpu_exec(enum rv_op op)
{
    if (op < OP_FLW || op > OP_FMV_D_X)
        return false;
    return op != OP_FLW && op != OP_FSW && op != OP_FLD && op != OP_FSD &&
           op != OP_FMV_X_W && op != OP_FMV_W_X && op != OP_FMV_X_D && op != OP_FMV_D_X;
}

/* FENCE on x86-TSO: only W -> R ordering needs an mfence; fence.tso
 * (fm = 1000) never does (RISCV-LINUX-ABI.md section 7). */
static bool fence_needs_mfence(i32 imm)
{
    unsigned fm = (imm >> 8) & 0xf, pred = (imm >> 4) & 0xf, succ = imm & 0xf;
    return fm != 8 && (pred & 1) && (succ & 2);
}

static unsigned xop_of(const struct insn *in)
{
    enum rv_op op = in->op;
    if (op_is_pure_alu(op) && in->rd == 0)
        return XOP_NOP;
    if (op == OP_FENCE && !fence_needs_mfence(in->imm))
        return XOP_NOP;
    if (op_is_fpu_exec(op)) {
        if (fpu_rd_is_int(op))
            return XOP_FPU_FX;
        return fpu_rs1_is_int(op) ? XOP_FPU_XF : XOP_FPU_FF;
    }
    return op;
}

static void binsn_fill(struct binsn *b, const struct insn *in, guest_addr pc, u32 raw,
                       unsigned idx)
{
    memset(b, 0, sizeof *b);
    b->pc = pc;
    b->imm = in->imm;
    b->raw = raw;
    b->op = (u8)in->op;
    b->xop = (u8)xop_of(in);
    b->rd = in->rd;
    b->rs1 = in->rs1;
    b->rs2 = in->rs2;
    b->rs3 = in->rs3;
    b->rm = op_is_fpu_exec(in->op) && !fp_has_rm(in->op) ? RM_RNE : in->rm;
    b->idx = (u8)idx;
}

static bool page_executable(struct vm *vm, guest_addr a)
{
    u8 f = mem_page_flags(&vm->mem, a);
    if ((f & (PAGE_X | PAGE_MAPPED)) != (PAGE_X | PAGE_MAPPED))
        return false;
    __atomic_fetch_or(&vm->mem.pages[a >> GUEST_PAGE_SHIFT], PAGE_CODE, __ATOMIC_RELAXED);
    return true;
}

/* Fetches the instruction at pc into *raw. Returns false (and the
 * failing address) if a page it needs is not executable. pc's own page
 * was checked by the caller. */
static bool fetch(struct vm *vm, guest_addr pc, u32 *raw, guest_addr *fault)
{
    u16 lo, hi = 0;
    memcpy(&lo, mem_host(&vm->mem, pc), 2);
    if ((lo & 3) == 3) {
        guest_addr a2 = pc + 2;
        if ((a2 & ~GUEST_PAGE_MASK) == 0 && !page_executable(vm, a2)) {
            *fault = a2;
            return false;
        }
        memcpy(&hi, mem_host(&vm->mem, a2), 2);
    }
    *raw = lo | (u32)hi << 16;
    return true;
}

/* -d in_asm: each instruction as it is decoded. */
static void log_insn(const struct insn *in, guest_addr pc, u32 raw)
{
    char text[128];
    disasm(text, sizeof text, in, pc);
    log_printf("  0x%llx: %0*x  %s\n", (unsigned long long)pc, in->len == 2 ? 4 : 8, raw, text);
}

static struct block *block_alloc(guest_addr start, guest_addr end, const struct binsn *ins,
                                 unsigned n)
{
    struct block *b = malloc(sizeof *b + (n + 1) * sizeof *ins);
    CHECK(b);
    memset(b, 0, sizeof *b);
    b->pc = start;
    b->end = end;
    b->n = n;
    b->target[0] = end;
    memcpy(b->ins, ins, (n + 1) * sizeof *ins);
    return b;
}

/* The jump/branch target of a block-ending direct transfer, else end. */
static guest_addr block_taken_target(const struct binsn *last, guest_addr end)
{
    switch (last->op) {
    case OP_JAL: case OP_BEQ: case OP_BNE: case OP_BLT:
    case OP_BGE: case OP_BLTU: case OP_BGEU:
        return last->pc + (i64)last->imm;
    default:
        return end;
    }
}

struct block *block_build(struct vm *vm, guest_addr pc, const void *const *handlers,
                          guest_addr *fault_addr)
{
    struct binsn buf[BLOCK_MAX + 1];
    unsigned n = 0, max = vm->opt.one_insn ? 1 : BLOCK_MAX;
    guest_addr start = pc, page = pc & GUEST_PAGE_MASK;
    if (!page_executable(vm, pc)) {
        *fault_addr = pc;
        return NULL;
    }
    bool show = log_on(LOG_IN_ASM) && log_pc_ok(pc); /* -d in_asm, -dfilter */
    if (show)
        log_printf("IN: block 0x%llx\n", (unsigned long long)pc);
    while (n < max && (pc & GUEST_PAGE_MASK) == page) {
        struct insn in;
        u32 raw;
        if (!fetch(vm, pc, &raw, fault_addr)) {
            if (n == 0)
                return NULL;
            break;
        }
        int len = dec_insn(&in, raw);
        raw &= len == 2 ? 0xffff : 0xffffffff;
        if (show)
            log_insn(&in, pc, raw);
        binsn_fill(&buf[n], &in, pc, raw, n);
        n++;
        pc += len;
        if (in.op == OP_ILLEGAL || insn_ends_block(in.op))
            break;
    }
    struct binsn *ft = &buf[n];
    memset(ft, 0, sizeof *ft);
    ft->pc = pc;
    ft->xop = XOP_FALLTHROUGH;
    ft->idx = (u8)n;
    ft->raw = 3;
    for (unsigned i = 0; handlers && i <= n; i++)
        buf[i].handler = handlers[buf[i].xop];
    struct block *b = block_alloc(start, pc, buf, n);
    b->target[1] = block_taken_target(&buf[n - 1], pc);
    /* Decoding ran unlocked (a fetch fault longjmps out of it); another
     * thread may have built the same block meanwhile. */
    struct block_cache *bc = cache_of(vm);
    pthread_mutex_lock(&bc->lock);
    struct block *old = htab_find(bc->htab, start);
    if (old) {
        free(b);
        b = old;
    } else {
        cache_insert(bc, b);
        vm->stats.blocks_decoded++;
        vm->stats.insns_decoded += n;
    }
    if (bc->waiting.n || bc->pending.n)
        reclaim(vm, bc);
    pthread_mutex_unlock(&bc->lock);
    return b;
}

void block_foreach(struct vm *vm, void (*fn)(const struct block *b, void *ctx), void *ctx)
{
    struct block_cache *bc = vm->blocks;
    if (!bc)
        return;
    pthread_mutex_lock(&bc->lock);
    for (size_t i = 0; i <= bc->htab->mask; i++)
        for (struct block *b = bc->htab->b[i]; b; b = b->hnext)
            fn(b, ctx);
    pthread_mutex_unlock(&bc->lock);
}

void block_flush(struct vm *vm)
{
    struct block_cache *bc = vm->blocks;
    if (!bc)
        return;
    pthread_mutex_lock(&bc->lock);
    struct htab *old = bc->htab;
    for (size_t i = 0; i <= old->mask; i++)
        for (struct block *b = old->b[i]; b; b = b->hnext)
            retire(bc, b);
    __atomic_store_n(&bc->htab, htab_new(4095), __ATOMIC_RELEASE);
    retire(bc, old);
    bc->count = 0;
    vm->stats.block_flushes++;
    /* The old blocks' links too: a thread still in them leaves soon. */
    for (size_t i = 0; i <= old->mask; i++)
        for (struct block *b = old->b[i]; b; b = b->hnext)
            b->link[0] = b->link[1] = NULL;
    unpublished(vm, bc);
    pthread_mutex_unlock(&bc->lock);
}

void block_invalidate(struct vm *vm, guest_addr start, guest_addr end)
{
    struct block_cache *bc = vm->blocks;
    bool dropped = false;
    if (!bc || start >= end)
        return;
    pthread_mutex_lock(&bc->lock);
    struct htab *h = bc->htab;
    for (size_t i = 0; i <= h->mask; i++) {
        for (struct block **pp = &h->b[i]; *pp;) {
            struct block *b = *pp;
            if (b->pc < end && b->end > start) {
                __atomic_store_n(pp, b->hnext, __ATOMIC_RELEASE);
                retire(bc, b);
                bc->count--;
                dropped = true;
            } else {
                pp = &b->hnext;
            }
        }
    }
    if (dropped)
        unpublished(vm, bc);
    pthread_mutex_unlock(&bc->lock);
}

void block_fork_prepare(struct vm *vm) { pthread_mutex_lock(&cache_of(vm)->lock); }
void block_fork_parent(struct vm *vm) { pthread_mutex_unlock(&cache_of(vm)->lock); }

void block_fork_child(struct vm *vm)
{
    struct block_cache *bc = cache_of(vm);
    pthread_mutex_init(&bc->lock, NULL);
    pthread_mutex_lock(&bc->lock);
    reclaim(vm, bc); /* one thread now: frees every retired block */
    pthread_mutex_unlock(&bc->lock);
}
