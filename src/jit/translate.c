/* The block translator: one pre-decoded block (cpu/block.h) -> x86-64 in
 * the code cache. Owns the register convention (tr_internal.h), the
 * entry/exit trampolines, block exits and their stubs; the per-group
 * files (tr_alu.c, tr_mem.c, tr_branch.c, tr_helper.c) lower the
 * instructions.
 *
 * Layout of one translation:
 *   entry:  cmp dword [cpu.interrupt], 0; jne int_stub
 *           ... the instructions ...
 *           exits: add [cpu.instret], n; jmp rel32 (patchable) -> stub k
 *   stubs:  cpu.pc = target; rax = &tb->exit[k]; jmp leave
 *   cold:   bounds-check failures (fault_addr, EXIT_SEGV), int_stub */
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "base/log.h"
#include "jit/tr_internal.h"
#include "vm/vm.h"

/* Nine hot guest registers: sp, a0-a5, s0-s1 (the ones GCC's code uses
 * most), in callee-saved host registers first, and instret in R14
 * (TR_INSTRET_SLOT, guest 0 here): every block adds to it, and an add to
 * a register costs a fraction of the read-modify-write of memory. */
const u8 tr_mapped_guest[TR_NMAPPED] = { 2, 10, 11, 0, 12, 13, 14, 15, 8, 9 };
const u8 tr_mapped_host[TR_NMAPPED] = { RBX, R12, R13, R14, RSI, RDI, R8, R9, R10, R11 };
const signed char tr_map[32] = {
    [0] = -1, [1] = -1, [2] = RBX, [3 ... 7] = -1, [8] = R10, [9] = R11,
    [10] = R12, [11] = R13, [12] = RSI, [13] = RDI, [14] = R8, [15] = R9,
    [16 ... 31] = -1,
};

struct x64_mem tr_slot_home(int k)
{
    return k == TR_INSTRET_SLOT ? tr_cpu(CPU_OFF(instret)) : tr_xmem(tr_mapped_guest[k]);
}

static bool host_callee_saved(int r) { return r == RBX || r == R12 || r == R13 || r == R14; }

enum x64_reg tr_src(struct tr *t, unsigned g, enum x64_reg scratch)
{
    if (g == 0) {
        x64_xor_rr(&t->b, W32, scratch, scratch);
        return scratch;
    }
    if (t->map[g] >= 0)
        return (enum x64_reg)t->map[g];
    x64_mov_rm(&t->b, W64, scratch, tr_xmem(g));
    return scratch;
}

void tr_get(struct tr *t, enum x64_reg dst, unsigned g)
{
    enum x64_reg r = tr_src(t, g, dst);
    if (r != dst)
        x64_mov_rr(&t->b, W64, dst, r);
}

void tr_put(struct tr *t, unsigned g, enum x64_reg src)
{
    if (g == 0)
        return;
    t->checked &= ~(1u << g);
    t->known &= ~(1u << g);
    if (t->map[g] >= 0) {
        if (t->map[g] != (int)src)
            x64_mov_rr(&t->b, W64, (enum x64_reg)t->map[g], src);
    } else {
        x64_mov_mr(&t->b, W64, tr_xmem(g), src);
    }
}

enum x64_reg tr_dst(struct tr *t, unsigned g)
{
    return g && t->map[g] >= 0 ? (enum x64_reg)t->map[g] : RAX;
}

/* Under a loop's map a slot may hold no guest register (slot_guest 0). */
void tr_spill(struct tr *t, bool all)
{
    x64_mov_mr(&t->b, W64, tr_cpu(CPU_OFF(instret)), TR_INSTRET); /* helpers use it */
    for (int k = 0; k < TR_NMAPPED; k++)
        if (t->slot_guest[k] && (all || !host_callee_saved(tr_mapped_host[k])))
            x64_mov_mr(&t->b, W64, tr_xmem(t->slot_guest[k]), tr_mapped_host[k]);
}

void tr_reload(struct tr *t, bool all)
{
    x64_mov_rm(&t->b, W64, TR_INSTRET, tr_cpu(CPU_OFF(instret)));
    for (int k = 0; k < TR_NMAPPED; k++)
        if (t->slot_guest[k] && (all || !host_callee_saved(tr_mapped_host[k])))
            x64_mov_rm(&t->b, W64, tr_mapped_host[k], tr_xmem(t->slot_guest[k]));
}

void tr_leave0_if_ne(struct tr *t)
{
    if ((!t->remapped && !t->npin) || !t->in_body) {
        x64_jcc(&t->b, CC_NE, t->cc->leave0);
        return;
    }
    CHECK(t->nleave_sites < ARRAY_LEN(t->leave_sites));
    t->leave_sites[t->nleave_sites++] = x64_jcc32(&t->b, CC_NE, NULL);
}

void tr_mark_fault(struct tr *t)
{
    CHECK(t->nfaults < ARRAY_LEN(t->faults));
    t->faults[t->nfaults++] = (struct jit_fault){
        (u32)x64_offset(&t->b), (u16)t->ins->idx, tr_fc_site(t), t->ins->pc };
}

static void set_pc(struct tr *t, guest_addr pc)
{
    if (pc <= 0x7fffffff) {
        x64_mov_mi(&t->b, W64, tr_cpu(CPU_OFF(pc)), (i32)pc);
    } else {
        x64_mov_ri(&t->b, W64, RAX, pc);
        x64_mov_mr(&t->b, W64, tr_cpu(CPU_OFF(pc)), RAX);
    }
}

void tr_add_instret(struct tr *t, u32 n)
{
    if (n)
        x64_add_ri(&t->b, W64, TR_INSTRET, (i32)n);
}

static void leave0(struct tr *t)
{
    x64_jmp(&t->b, t->cc->leave0);
}

void tr_exit_at(struct tr *t, u32 idx, guest_addr pc, enum exit_reason r)
{
    tr_add_instret(t, idx);
    tr_loop_restore(t);
    set_pc(t, pc);
    x64_mov_mi(&t->b, W32, tr_cpu(CPU_OFF(exit)), (i32)r);
    x64_mov_mi(&t->b, W8, tr_cpu(CPU_OFF(resv_valid)), 0);
    leave0(t);
    t->done = true;
}

static void exit_record(struct tr *t, int k, guest_addr target, size_t off)
{
    struct jit_exit *e = &t->tb->exit[k];
    e->from = t->tb;
    e->target = target;
    e->forward = target >= t->tb->end;
    e->site = t->b.start + off + t->b.rx_delta;
}

void tr_exit_direct(struct tr *t, int k, guest_addr target, u32 n)
{
    tr_add_instret(t, n);
    tr_loop_restore(t);
    exit_record(t, k, target, x64_jmp32_patchable(&t->b, NULL));
    t->done = true;
}

void tr_exit_direct_if(struct tr *t, int k, enum x64_cc cc, guest_addr target)
{
    CHECK(!t->remapped && !t->npin); /* nothing to restore */
    exit_record(t, k, target, x64_jcc32_patchable(&t->b, cc, NULL));
}

void tr_jalr_probe(struct tr *t)
{
    struct x64_buf *b = &t->b;
    x64_mov_rm(b, W64, RDX, tr_cpu(CPU_OFF(jit)));
    x64_mov_rr(b, W32, RCX, RAX);
    x64_and_ri(b, W32, RCX, ((1 << JIT_FAST_BITS) - 1) << 1);
    x64_cmp_rm(b, W64, RAX, x64_mem_idx(RDX, RCX, 8, 0));
}

void tr_exit_dynamic(struct tr *t, u32 n)
{
    struct x64_buf *b = &t->b;
    tr_add_instret(t, n);
    tr_loop_restore(t);
    if (t->fast_jalr) {
        tr_jalr_probe(t); /* hit: jmp [rdx+8*rcx+8] */
        size_t miss = x64_jcc8(b, CC_NE, NULL);
        x64_jmp_m(b, x64_mem_idx(RDX, RCX, 8, 8));
        x64_bind8(b, miss);
    }
    x64_mov_mr(b, W64, tr_cpu(CPU_OFF(pc)), RAX);
    leave0(t);
    t->done = true;
}

/* An instruction this translator cannot run at all ends the block. */
static void lower_one(struct tr *t, const struct binsn *i)
{
    if (i->xop == OP_ILLEGAL || i->xop == OP_ECALL || i->xop == OP_EBREAK ||
        i->xop == OP_FENCE_I)
        tr_fc_flush(t);
    switch (i->xop) {
    case XOP_NOP:
        return;
    case OP_ILLEGAL:
        x64_mov_mi(&t->b, W32, tr_cpu(CPU_OFF(fault_insn)), (i32)i->raw);
        x64_mov_mi(&t->b, W32, tr_cpu(CPU_OFF(fault_code)), RV_ILL_ILLOPC);
        tr_exit_at(t, i->idx, i->pc, EXIT_ILLEGAL);
        return;
    case OP_ECALL:
        tr_exit_at(t, i->idx, i->pc, EXIT_ECALL);
        return;
    case OP_EBREAK:
        x64_mov_mi(&t->b, W32, tr_cpu(CPU_OFF(fault_code)), RV_TRAP_BRKPT);
        tr_exit_at(t, i->idx, i->pc, EXIT_EBREAK);
        return;
    case OP_FENCE_I: /* retires; the VM flushes and re-enters */
        tr_add_instret(t, i->idx + 1u);
        set_pc(t, i->pc + binsn_len(i));
        x64_mov_mi(&t->b, W32, tr_cpu(CPU_OFF(exit)), EXIT_FLUSH);
        leave0(t);
        t->done = true;
        return;
    case OP_FENCE: /* only fences ordering W before R get here */
        x64_mfence(&t->b);
        return;
    }
    if (tr_csr_writes_frm(i))
        t->frm_rne = false;
    if (tr_alu(t, i) || tr_muldiv(t, i) || tr_mem(t, i) || tr_branch(t, i) || tr_fp(t, i) ||
        tr_csr(t, i) || tr_amo(t, i))
        return;
    tr_fc_drop(t); /* helpers read cpu->f; C clobbers the XMM registers */
    if (tr_helper(t, i))
        return;
    fatal(RVX_EXIT_INTERNAL, "jit", "no lowering for op %u", i->op);
}

/* Stubs of the direct exits, the interrupt exit and the cold paths.
 * The exit stubs and the entry checks' stubs run under the convention;
 * the cold paths, helper exits and the back edge's interrupt exit under
 * the translation's map. */
static void emit_tails(struct tr *t, size_t int_site)
{
    struct x64_buf *b = &t->b;
    t->in_body = false;
    for (u32 k = 0; k < t->tb->nexit; k++) {
        struct jit_exit *e = &t->tb->exit[k];
        if (!e->site)
            continue;
        e->stub = x64_here(b);
        if (!b->overflow)
            x64_bind(b, (size_t)(e->site - (b->start + b->rx_delta)));
        x64_mov_ri(b, W64, RAX, (u64)(uintptr_t)e);
        x64_jmp(b, t->cc->exit_tail);
    }
    x64_bind(b, int_site);
    x64_mov_ri(b, W64, RCX, t->blk->pc);
    x64_jmp(b, t->cc->int_tail);
    if (t->frm_site) {
        x64_bind(b, t->frm_site);
        set_pc(t, t->blk->pc);
        x64_mov_ri(b, W64, RAX, (u64)(uintptr_t)&jit_exit_interp);
        x64_jmp(b, t->cc->leave);
    }
    t->in_body = true;
    tr_region_int_tail(t);
    if (t->nleave_sites) {
        for (u32 k = 0; k < t->nleave_sites; k++)
            x64_bind(b, t->leave_sites[k]);
        t->pins_dead = true; /* after a C call: stored before it */
        tr_loop_restore(t);
        t->pins_dead = false;
        x64_jmp(b, t->cc->leave0);
    }
    for (u32 c = 0; c < t->ncold; c++) {
        x64_bind(b, t->cold[c].site);
        tr_fc_store_map(t, t->cold[c].fmap);
        if (t->cold[c].based)
            x64_lea(b, W64, RAX, x64_mem(t->cold[c].base, t->cold[c].imm));
        if (!t->cold[c].bus) {
            CHECK(t->cold[c].pc < (1ull << 56) && t->cold[c].idx < 256);
            tr_loop_restore(t);
            x64_mov_ri(b, W64, RCX, t->cold[c].pc << 8 | t->cold[c].idx);
            x64_jmp(b, t->cc->segv_tail);
            continue;
        }
        x64_mov_ri(b, W64, RAX, t->cold[c].pc); /* as helper_amo: fault_addr = pc */
        x64_mov_mr(b, W64, tr_cpu(CPU_OFF(fault_addr)), RAX);
        x64_mov_mi(b, W32, tr_cpu(CPU_OFF(fault_code)), RV_BUS_ADRALN);
        tr_exit_at(t, t->cold[c].idx, t->cold[c].pc, EXIT_BUS);
    }
}

/* Lowers block r of the region (the block itself when there is none). */
static void tr_one_block(struct tr *t, u32 r)
{
    struct x64_buf *b = &t->b;
    const struct block *blk = t->blk = t->region[r];
    tr_region_label(t, r);
    for (u32 k = 0; k < blk->n && !t->done && !b->overflow; k++) {
        t->ins = &blk->ins[k];
        if (k + 1 < blk->n && tr_alu_pair(t, t->ins, t->ins + 1)) {
            k++;
            continue;
        }
        lower_one(t, t->ins);
    }
    if (!t->done) {
        tr_fc_flush(t);
        if (t->loop) {
            tr_add_instret(t, blk->n);
            tr_region_edge(t, blk->end);
        } else {
            tr_exit_direct(t, 0, blk->end, blk->n);
        }
    }
}

static void tr_body(struct tr *t)
{
    struct x64_buf *b = &t->b;
    tr_fc_reset(t);
    t->checked = t->known = 0;
    x64_cmp_mi(b, W32, tr_cpu(CPU_OFF(interrupt)), 0);
    size_t int_site = x64_jcc32(b, CC_NE, NULL);
    t->tb->check_len = (u8)x64_offset(b); /* forward chains enter here */
    /* One frm check for the translation instead of one per FP op; a
     * block entered with another rounding mode is interpreted. Regions
     * have no CSR instruction that may change frm. */
    t->frm_rne = false;
    t->frm_site = 0;
    for (u32 r = 0; r < t->nregion && !t->frm_site; r++)
        for (u32 k = 0; k < t->region[r]->n; k++) {
            const struct binsn *i = &t->region[r]->ins[k];
            if (tr_csr_writes_frm(i))
                break;
            if (tr_fp_reads_frm(i)) {
                x64_test_mi(b, W8, tr_cpu(CPU_OFF(fcsr)), 0xe0);
                t->frm_site = x64_jcc32(b, CC_NE, NULL);
                t->frm_rne = true;
                break;
            }
        }
    tr_loop_enter(t);
    for (u32 r = 0; r < t->nregion && !b->overflow; r++)
        tr_one_block(t, r);
    tr_region_stubs(t);
    t->blk = t->region[0];
    tr_fp_tails(t);
    tr_fc_reset(t); /* the other tails run with cpu->f whole */
    emit_tails(t, int_site);
}

/* One try at translating blk into x (room bytes); NULL if it does not
 * fit; t->tb NULL if pins had to go (pin_broken): try again with
 * no_pins. */
static struct tr *tr_try(struct code_cache *cc, struct vm *vm, const struct block *blk,
                         bool lockstep, const u8 *x, size_t room, bool no_pins)
{
    struct tr *t = calloc(1, sizeof *t);
    CHECK(t);
    t->chain = !lockstep;
    t->fast_jalr = !lockstep;
    t->lockstep = lockstep;
    t->no_pins = no_pins;
    t->cc = cc;
    size_t nexit = tr_region_plan(t, vm, blk);
    struct jit_tb *tb = calloc(1, sizeof *tb + nexit * sizeof tb->exit[0]);
    CHECK(tb);
    tb->nexit = (u32)nexit;
    x64_init_rx(&t->b, cc_wptr(cc, x), room, x);
    t->tb = tb;
    t->blk = blk;
    tb->pc = tb->lo = blk->pc;
    tb->end = blk->end;
    u32 insns = 0;
    for (u32 r = 0; r < t->nregion; r++) {
        const struct block *rb = t->region[r];
        insns += rb->n;
        if (rb->pc < tb->lo)
            tb->lo = rb->pc;
        if (rb->end > tb->end)
            tb->end = rb->end;
    }
    tb->code = x;
    /* At most one helper call per instruction; sized to the blocks, as
     * thousands of tbs each with room for BLOCK_MAX made most of rvx's
     * peak RSS on big programs. */
    t->helpers_cap = insns + 1;
    t->helpers = tb->helper_data = malloc(t->helpers_cap * sizeof *t->helpers);
    CHECK(t->helpers);
    tr_body(t);
    if (t->b.overflow || t->pin_broken) {
        free(tb->helper_data);
        free(tb);
        if (t->b.overflow) {
            free(t);
            return NULL;
        }
        t->tb = NULL;
    }
    return t;
}

/* Translates blk (and, when it heads a hot loop, the loop's blocks) into
 * the cache; NULL if it does not fit. Caller holds cc->lock. vm (for
 * the region's block look-ups) may be NULL. */
struct jit_tb *tr_block(struct code_cache *cc, struct vm *vm, const struct block *blk,
                        bool lockstep)
{
    const u8 *x;
    size_t room = cc_alloc(cc, &x);
    if (room < 256)
        return NULL;
    struct tr *t = tr_try(cc, vm, blk, lockstep, x, room, false);
    if (t && !t->tb) { /* a helper call in a region with pins */
        free(t);
        t = tr_try(cc, vm, blk, lockstep, x, room, true);
    }
    if (!t)
        return NULL;
    struct jit_tb *tb = t->tb;
    if (!t->nhelpers) {
        free(tb->helper_data); /* no code points into it */
        tb->helper_data = NULL;
    }
    memcpy(tb->slot_guest, t->slot_guest, sizeof tb->slot_guest);
    cc->stats.loops += t->loop;
    cc->stats.pinned += t->npin > 0;
    tb->nfaults = t->nfaults;
    size_t fsize = t->nfaults * sizeof *tb->faults;
    tb->faults = malloc(fsize + t->nfmaps * sizeof *tb->fmaps + 1);
    CHECK(tb->faults);
    memcpy(tb->faults, t->faults, fsize);
    tb->fmaps = (struct jit_fmap *)((char *)tb->faults + fsize);
    memcpy(tb->fmaps, t->fmaps, t->nfmaps * sizeof *tb->fmaps);
    cc_publish(cc, tb, x64_offset(&t->b));
    free(t);
    return tb;
}
