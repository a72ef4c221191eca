/* What the translator's files share: the host register convention, the
 * translation context and the per-group lowering entry points.
 *
 * Host registers inside translated code:
 *   RBP  struct cpu *           R15  guest memory base (mem.base)
 *   R14  guest space size       RAX, RCX, RDX  scratch
 *   RBX R12 R13 RSI RDI R8-R11  nine hot guest registers (tr_map), the
 *        same for every block, so chained blocks pass them without
 *        loads or stores; cpu->x[] holds the others. The exit trampoline
 *        stores the nine back, the entry trampoline loads them.
 * Invariant at every host instruction that can fault (a guest load or
 * store): each guest register is in its mapped host register or, if not
 * mapped, in cpu->x; every f register is in cpu->f (the XMM cache of
 * tr_fcache.c is written back first); cpu->instret is the count at
 * block entry; the tb's
 * fault table names the guest instruction. jit_fault_hook rebuilds the
 * state from that, so nothing is written back before an access.
 * x0 is never mapped: reads are the constant 0, writes are dropped. */
#ifndef RVX_JIT_TR_INTERNAL_H
#define RVX_JIT_TR_INTERNAL_H

#include <stddef.h>

#include "cpu/block.h"
#include "cpu/cpu.h"
#include "jit/cache.h"
#include "jit/x64/x64.h"

#define TR_CPU RBP
#define TR_BASE R15
#define TR_SIZE R14
#define TR_NMAPPED 9

/* Guest register -> host register, or -1. */
extern const signed char tr_map[32];
/* The mapped guest registers, in host-register order of tr_host_regs. */
extern const u8 tr_mapped_guest[TR_NMAPPED];
extern const u8 tr_mapped_host[TR_NMAPPED];

#define CPU_OFF(field) ((i32)offsetof(struct cpu, field))
static inline struct x64_mem tr_cpu(i32 off) { return x64_mem(TR_CPU, off); }
static inline struct x64_mem tr_xmem(unsigned g) { return tr_cpu(CPU_OFF(x) + 8 * (i32)g); }
static inline struct x64_mem tr_fmem(unsigned g) { return tr_cpu(CPU_OFF(f) + 8 * (i32)g); }

/* Per-thread state the translated code and helpers use (cpu->jit). */
#define JIT_FAST_BITS 17
struct jit_fast { u64 pc; const u8 *code; };
struct jit_thread {
    struct jit_fast fast[1u << JIT_FAST_BITS]; /* jalr: guest pc -> entry */
    u64 gen;                                   /* cc->gen it is valid for */
    const struct binsn *volatile helper_cur;   /* helper touching memory */
    bool recovered;                            /* jit_fault_hook ran */
};

/* Guest f registers cached in XMM registers within a block (tr_fcache.c). */
struct tr_fcache {
    i8 xmm_of[32];   /* f register -> XMM, or -1 */
    i8 reg_of[16];   /* XMM -> f register, or -1 */
    bool dirty[32];  /* the XMM copy is newer than cpu->f */
    u32 stamp[16];   /* last use, for LRU eviction */
    u32 clock;
};

/* An FP slow path, emitted after the block (tr_fp_tails): its sites
 * jump to the helper call; odd (if set) jumps to the exact-zero test of
 * an arithmetic result first. fc is the cache state at the split. */
struct tr_fslow {
    const struct binsn *ins;
    size_t sites[4];
    int nsites;
    size_t odd;
    bool has_odd;
    enum x64_xmm xa, xb, xr; /* operands and result of arithmetic */
    const u8 *store, *done;  /* where the fast path stores / goes on */
    struct tr_fcache fc;
};

struct tr {
    struct x64_buf b;
    struct tr_fcache fc;
    struct tr_fslow fslow[BLOCK_MAX + 1];
    u32 nfslow;
    struct code_cache *cc;
    struct jit_tb *tb;
    const struct block *blk;
    const struct binsn *ins;       /* the instruction being lowered */
    bool done;                     /* the block's end was emitted */
    bool chain;                    /* direct exits may be chained */
    bool fast_jalr;                /* inline jalr table look-up */
    bool lockstep;                 /* log every store first (lockstep.c) */
    struct jit_fault faults[BLOCK_MAX + 1];
    u32 nfaults;
    struct binsn *helpers;         /* = tb->helper_data: helper-run insns */
    u32 nhelpers, helpers_cap;
    /* Cold paths emitted after the block: bounds-check failures (the
     * address in rax, or base + imm when only the base was compared),
     * misaligned atomics (bus). */
    struct {
        size_t site;
        guest_addr pc;
        u32 idx;
        bool bus, based;
        enum x64_reg base;
        i32 imm;
    } cold[2 * BLOCK_MAX + 2];
    u32 checked;                   /* guest registers known < space size */
    u32 ncold;
    /* frm was checked RNE at block entry and no CSR write since, so the
     * inline FP ops with rm DYN need no check of their own. */
    bool frm_rne;
    size_t frm_site;               /* the entry check's jump, if any */
};

/* Returned by a translation entered with frm != RNE before any of its
 * FP ops: the dispatcher interprets that block (jit.c). */
extern struct jit_exit jit_exit_interp;

/* Register access (translate.c). */
enum x64_reg tr_src(struct tr *t, unsigned g, enum x64_reg scratch);
void tr_get(struct tr *t, enum x64_reg dst, unsigned g);
void tr_put(struct tr *t, unsigned g, enum x64_reg src);
/* The host register rd's result should be computed in (mapped or RAX). */
enum x64_reg tr_dst(unsigned g);

/* Exits (translate.c). */
void tr_exit_at(struct tr *t, u32 idx, guest_addr pc, enum exit_reason r);
/* A chainable exit k to target with instret += n (k: 0 fall-through,
 * 1 taken). */
void tr_exit_direct(struct tr *t, int k, guest_addr target, u32 n);
/* Leave with cpu->pc = rax (already computed), instret += n. */
void tr_exit_dynamic(struct tr *t, u32 n);
/* Records the next host instruction as a guest memory access. */
void tr_mark_fault(struct tr *t);
/* Calls a C helper: spills the caller-saved mapped registers (all if
 * all_regs), calls fn, reloads them. Args already in rdi/rsi/rdx... must
 * be set by the caller AFTER tr_spill: use tr_call_helper_insn. */
void tr_spill(struct tr *t, bool all);
void tr_reload(struct tr *t, bool all);

/* FP register cache (tr_fcache.c). get: the XMM holding f[g] (loaded
 * if needed); def: the XMM that will hold a new f[g]; dirty: f[g] now
 * lives in its XMM (after the value is there and any slow path is out);
 * flush: write the dirty ones back (they stay cached); drop: flush and
 * forget all (before C calls); store/load: emit the write-backs / the
 * reloads without changing the state (the two ends of a slow path). */
void tr_fc_reset(struct tr *t);
enum x64_xmm tr_fc_get(struct tr *t, unsigned g);
enum x64_xmm tr_fc_def(struct tr *t, unsigned g);
void tr_fc_dirty(struct tr *t, unsigned g);
void tr_fc_flush(struct tr *t);
void tr_fc_drop(struct tr *t);
void tr_fc_store(struct tr *t);
void tr_fc_load(struct tr *t);

/* --lockstep (lockstep.c): records the bytes a store will overwrite. */
void jit_log_store(struct cpu *cpu, guest_addr a, unsigned len);

struct jit_tb *tr_block(struct code_cache *cc, const struct block *blk, bool lockstep);
/* Emits the entry and exit trampolines at the start of the region. */
void tr_trampolines(struct code_cache *cc);

/* Lowering by group; each returns false if it does not handle the op. */
bool tr_alu(struct tr *t, const struct binsn *i);
/* Two instructions lowered as one (zext.w, sext.w idioms); true if done. */
bool tr_alu_pair(struct tr *t, const struct binsn *a, const struct binsn *b);
bool tr_muldiv(struct tr *t, const struct binsn *i);
bool tr_mem(struct tr *t, const struct binsn *i);
bool tr_branch(struct tr *t, const struct binsn *i);
bool tr_fp(struct tr *t, const struct binsn *i);
/* i is lowered inline with a dynamic rounding mode that must be RNE. */
bool tr_fp_reads_frm(const struct binsn *i);
bool tr_csr(struct tr *t, const struct binsn *i);
bool tr_amo(struct tr *t, const struct binsn *i);
bool tr_helper(struct tr *t, const struct binsn *i);
/* Emits the deferred FP slow paths (after the block's last exit). */
void tr_fp_tails(struct tr *t);
/* fcsr.NX |= MXCSR.PE (the sticky inexact of inline FP ops, tr_fp.c). */
void tr_fold_nx(struct x64_buf *b);
/* MXCSR = the default (RNE, all masked, flags clear). */
void tr_reset_mxcsr(struct x64_buf *b, const struct code_cache *cc);

#endif
