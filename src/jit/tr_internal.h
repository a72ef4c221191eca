/* What the translator's files share: the host register convention, the
 * translation context and the per-group lowering entry points.
 *
 * Host registers inside translated code:
 *   RBP  struct cpu *           R15  guest memory base (mem.base)
 *   RAX, RCX, RDX  scratch
 *   RBX R12 R13 RSI RDI R8-R11  nine hot guest registers (tr_map), the
 *        same at every block boundary, so chained blocks pass them
 *        without loads or stores; cpu->x[] holds the others.
 *   R14  cpu->instret (slot TR_INSTRET_SLOT).
 *        The exit trampoline stores the ten slots back, the entry
 *        trampoline loads them.
 *        The space size for bounds checks is a constant in the cache's
 *        head (cc->space_at), read rip-relative.
 *        Inside a loop translation (tr_loop.c) some of these host
 *        registers may hold other guest registers (t->map, tb->slot_guest);
 *        its exits restore the convention.
 * Invariant at every host instruction that can fault (a guest load or
 * store): each guest register is in its host register under the
 * translation's map or, if not mapped, in cpu->x; every f register is
 * in cpu->f or, if the XMM cache of tr_fcache.c has a newer copy, in the
 * XMM register the site's fmap names; R14 holds the instret count at
 * block entry; the tb's
 * fault table names the guest instruction. jit_fault_hook rebuilds the
 * state from that, so nothing is written back before an access (a cold
 * stub writes the fmap's registers back before it exits).
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
#define TR_NMAPPED JIT_SLOTS
#define TR_INSTRET_SLOT 3        /* the slot of R14, which holds instret */
#define TR_INSTRET R14
#define TR_REGION_MAX 8          /* blocks in one region translation */

/* Guest register -> host register, or -1. */
extern const signed char tr_map[32];
/* The mapped guest registers, in host-register order of tr_host_regs. */
extern const u8 tr_mapped_guest[TR_NMAPPED];
extern const u8 tr_mapped_host[TR_NMAPPED];
/* Where slot k's value lives outside translated code: cpu->x of its
 * guest register, or cpu->instret. */
struct x64_mem tr_slot_home(int k);

#define CPU_OFF(field) ((i32)offsetof(struct cpu, field))
static inline struct x64_mem tr_cpu(i32 off) { return x64_mem(TR_CPU, off); }
static inline struct x64_mem tr_xmem(unsigned g) { return tr_cpu(CPU_OFF(x) + 8 * (i32)g); }
static inline struct x64_mem tr_fmem(unsigned g) { return tr_cpu(CPU_OFF(f) + 8 * (i32)g); }

/* Host stack room for return-address frames (16 bytes each) below
 * enter's rsp: 2048 nested guest calls; guest threads' host stacks are
 * 1 MiB (vm/thread.c), so C helpers keep plenty below it. */
#define TR_RAS_BYTES (32 << 10)

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
 * jump to the helper call; nan (if has_nan) to a load of the canonical
 * NaN into xr, the arithmetic result. fc is the cache state at the split. */
struct tr_fslow {
    const struct binsn *ins;
    size_t sites[4];
    int nsites;
    size_t nan;
    bool has_nan;
    enum x64_xmm xr;
    const u8 *done; /* where the fast path goes on */
    struct tr_fcache fc;
};

struct tr {
    struct x64_buf b;
    /* Guest register -> host register under this translation's map (the
     * fixed tr_map unless a loop borrows slots), and the guest register
     * each slot (tr_mapped_host[k]) holds. */
    signed char map[32];
    u8 slot_guest[TR_NMAPPED];
    bool remapped;                 /* map differs from tr_map */
    bool in_body;                  /* code emitted now runs under map */
    /* A region (tr_loop.c): blocks translated as one unit, region[0]
     * the head (the block asked for); loop: some edge goes back to it. */
    const struct block *region[TR_REGION_MAX];
    u32 nregion, cur;              /* blocks; the one being lowered */
    bool loop;
    const u8 *label[TR_REGION_MAX]; /* each block's code (head: after the prologue) */
    const u8 *pre[TR_REGION_MAX];   /* its interrupt check, if edges come back to it */
    struct { size_t site; u32 to; } fwd[2 * TR_REGION_MAX]; /* jumps to later blocks */
    u32 nfwd;
    struct { size_t site; guest_addr pc; } int_sites[2 * TR_REGION_MAX]; /* back edges' */
    u32 nint;
    u32 nexit;                     /* direct exits made */
    struct { size_t site; guest_addr target; u32 from; } stubs[2 * TR_REGION_MAX];
    u32 nstub;                     /* conditional edges to stubs after the blocks */
    size_t leave_sites[BLOCK_MAX + 1]; /* helper exits under map */
    u32 nleave_sites;
    struct tr_fcache fc;
    /* f registers a region keeps in fixed XMM registers for the whole
     * stay (tr_fcache.c): pin[g] is g's XMM or -1. pin_broken: a helper
     * call would have dropped them; the region is translated again
     * without (no_pins). pins_dead: the code emitted now runs after a C
     * call, where cpu->f holds them and the XMMs do not. */
    i8 pin[32];
    int npin;
    bool pin_broken, no_pins, pins_dead;
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
    struct jit_fmap fmaps[3 * BLOCK_MAX + 3]; /* of faults and cold stubs */
    u32 nfmaps;
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
        u16 fmap;                  /* f registers to write back first */
    } cold[2 * BLOCK_MAX + 2];
    u32 checked;                   /* guest registers known < space size */
    /* A checked register moved by addi since its check holds the checked
     * value + delta[g]: [g + imm] needs no check while delta + imm is in
     * [0, 2048) (tr_mem.c). */
    i32 delta[32];
    /* Guest registers holding a constant known here (lui, auipc, li and
     * addi of those): kval[g]. An access at a known address inside the
     * space needs no compare. Cleared with checked. */
    u32 known;
    u64 kval[32];
    u32 ncold;
    /* frm was checked RNE at block entry and not written since, so the
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
enum x64_reg tr_dst(struct tr *t, unsigned g);

/* instret += n (in R14). */
void tr_add_instret(struct tr *t, u32 n);

/* Exits (translate.c). */
void tr_exit_at(struct tr *t, u32 idx, guest_addr pc, enum exit_reason r);
/* A chainable exit k to target with instret += n (k: 0 fall-through,
 * 1 taken). */
void tr_exit_direct(struct tr *t, int k, guest_addr target, u32 n);
/* The same as a jcc taken if cc, in a block that keeps tr_map (instret
 * already counted): a taken branch leaves through one jump. */
void tr_exit_direct_if(struct tr *t, int k, enum x64_cc cc, guest_addr target);
/* The inline jalr table look-up of rax: rdx = cpu->jit, rcx = 2 * index
 * (pc & mask << 1), so the 16-byte entry is at rdx + 8 * rcx; flags: e
 * when its pc is rax (a hit: the code pointer at [rdx + 8 * rcx + 8]). */
void tr_jalr_probe(struct tr *t);
/* Leave with cpu->pc = rax (already computed), instret += n. */
void tr_exit_dynamic(struct tr *t, u32 n);
/* Records the next host instruction as a guest memory access. */
void tr_mark_fault(struct tr *t);
/* Calls a C helper: spills the caller-saved mapped registers (all if
 * all_regs), calls fn, reloads them. Args already in rdi/rsi/rdx... must
 * be set by the caller AFTER tr_spill: use tr_call_helper_insn. */
void tr_spill(struct tr *t, bool all);
void tr_reload(struct tr *t, bool all);
/* Jumps to leave0 if the flags say ne (a helper's exit), restoring the
 * convention first in a loop translation. */
void tr_leave0_if_ne(struct tr *t);

/* Regions (tr_loop.c): a hot block and the blocks of the loop it heads
 * (at most TR_REGION_MAX blocks, BLOCK_MAX instructions) become one
 * translation whose internal edges are host jumps, with guest registers
 * the loop uses a lot held in the host registers of mapped guest
 * registers it does not use. plan: picks the blocks and fills t->map,
 * t->slot_guest (a lone block that is no loop keeps tr_map); enter: the
 * prologue (after the entry checks); label: starts block r's code;
 * restore: the convention back (before every exit under map); edge: the
 * way to guest pc target after a block (instret already counted):
 * a jump inside the region (with an interrupt check when it goes back)
 * or a chainable exit. */
size_t tr_region_plan(struct tr *t, struct vm *vm, const struct block *head);
void tr_loop_enter(struct tr *t);
void tr_region_label(struct tr *t, u32 r);
void tr_loop_restore(struct tr *t);
void tr_region_edge(struct tr *t, guest_addr target);
/* A conditional branch's two edges (taken if cc). */
void tr_region_branch(struct tr *t, enum x64_cc cc, guest_addr taken, guest_addr next);
/* Emits the conditional edges' stubs, after the last block. */
void tr_region_stubs(struct tr *t);
/* Binds the back edges' interrupt jumps to an exit (in the tails). */
void tr_region_int_tail(struct tr *t);

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
/* The dirty registers now, as an fmap of the tb (0: none), for a fault
 * table entry or a cold stub; and the write-back of one (cold stubs). */
u16 tr_fc_site(struct tr *t);
void tr_fc_store_map(struct tr *t, u16 fmap);
/* Region pins: pick them (by weighted uses per f register), the state at a
 * block's label (every pinned register in its XMM, dirty), the loads
 * after the prologue and the write-backs before leaving the body. */
void tr_fc_pick_pins(struct tr *t, const unsigned score[32]);
void tr_fc_label(struct tr *t);
void tr_fc_load_pins(struct tr *t);
void tr_fc_store_pins(struct tr *t);

/* --lockstep (lockstep.c): records the bytes a store will overwrite. */
void jit_log_store(struct cpu *cpu, guest_addr a, unsigned len);

struct jit_tb *tr_block(struct code_cache *cc, struct vm *vm, const struct block *blk,
                        bool lockstep);
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
/* i may change frm (a write of frm or fcsr). */
bool tr_csr_writes_frm(const struct binsn *i);
/* i may sit in a region: inline fflags/frm/fcsr access that keeps frm
 * (frflags/fsflags around glibc's quiet compares). */
bool tr_csr_in_region(const struct binsn *i);
bool tr_amo(struct tr *t, const struct binsn *i);
bool tr_helper(struct tr *t, const struct binsn *i);
/* Emits the deferred FP slow paths (after the block's last exit). */
void tr_fp_tails(struct tr *t);
/* fcsr.fflags |= the sticky MXCSR exception flags of the inline FP ops
 * (tr_fp.c), mapped by fpu_mxcsr_fflags; clobbers rcx, rdx. */
void tr_fold_fflags(struct x64_buf *b);
/* MXCSR = the default (RNE, all masked, flags clear). */
void tr_reset_mxcsr(struct x64_buf *b, const struct code_cache *cc);

#endif
