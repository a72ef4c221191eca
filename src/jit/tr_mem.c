/* Lowering of integer and FP loads and stores, and the moves between x
 * and f registers. Address: rax = rs1 + imm (64-bit wrap, like the
 * interpreter), one unsigned compare against the space size (a u64 in
 * the cache head, read rip-relative), then
 * the access at [R15 + rax]; the guard after the space catches an access
 * that starts just below the end. A failed compare leaves through a cold
 * stub with EXIT_SEGV; a host fault at the access comes back through
 * jit_fault_hook, which finds the instruction in the tb's fault table. */
#include "jit/tr_internal.h"
#include "mem/mem.h"

#define NAN_BOX32 0xffffffff00000000ull

/* The guest address rs1 + imm, checked; returns the memory operand.
 * With 0 <= imm < 2048 only rs1 is compared with the space size: then
 * rs1 + imm + 8 stays below the guard's end (host fault, guest SIGSEGV
 * at that address), and a register once compared need not be again in
 * this block until it is written (t->checked). An rs1 at or beyond the
 * size faults in the cold stub: there rs1 + imm is either beyond the
 * size too or wrapped below 2048, which is never mapped (MEM_MIN_ADDR),
 * so it is the SEGV the interpreter would give. An addi to a checked
 * register keeps it checked with the distance from the checked value
 * (t->delta, tr_alu.c): `fld fa5, 0(a5); addi a5, a5, 8; fsd fa5,
 * -8(a5)` compares a5 once. A base holding a known constant (auipc,
 * lui, li, addi of those: t->known) is compared at translation time:
 * `auipc a5, hi; ld a5, lo(a5)` is a move and a load. Otherwise rax =
 * rs1 + imm (64-bit wrap) is compared. */
_Static_assert(GUEST_GUARD >= 4096, "base-only bounds checks need a guard");
static struct x64_mem address(struct tr *t, const struct binsn *i)
{
    enum x64_reg s = tr_src(t, i->rs1, RAX);
    if (t->known >> i->rs1 & 1) { /* a constant address: checked here */
        u64 a = t->kval[i->rs1] + (u64)(i64)i->imm;
        if (a < t->cc->space && t->cc->space - a >= 8)
            return x64_mem_idx(TR_BASE, s, 1, i->imm);
    }
    if (t->checked >> i->rs1 & 1) {
        i64 off = (i64)t->delta[i->rs1] + i->imm; /* from the checked value */
        if (off >= 0 && off < 2048)
            return x64_mem_idx(TR_BASE, s, 1, i->imm);
    }
    if (i->imm >= 0 && i->imm < 2048) {
        if (!(t->checked >> i->rs1 & 1) || t->delta[i->rs1]) {
            x64_alu_rm(&t->b, ALU_CMP, W64, s, x64_mem_at(t->cc->space_at));
            size_t site = x64_jcc32(&t->b, CC_AE, NULL);
            t->cold[t->ncold++] = (typeof(t->cold[0])){
                .site = site, .pc = i->pc, .idx = i->idx, .based = true, .base = s, .imm = i->imm,
                .fmap = tr_fc_site(t) };
            t->checked |= 1u << i->rs1;
            t->delta[i->rs1] = 0;
        }
        return x64_mem_idx(TR_BASE, s, 1, i->imm);
    }
    x64_lea(&t->b, W64, RAX, x64_mem(s, i->imm));
    x64_alu_rm(&t->b, ALU_CMP, W64, RAX, x64_mem_at(t->cc->space_at));
    size_t site = x64_jcc32(&t->b, CC_AE, NULL);
    t->cold[t->ncold++] = (typeof(t->cold[0])){ .site = site, .pc = i->pc, .idx = i->idx,
                                                .fmap = tr_fc_site(t) };
    return x64_mem_idx(TR_BASE, RAX, 1, 0);
}

static void load(struct tr *t, const struct binsn *i, enum x64_width w, bool sx)
{
    struct x64_mem m = address(t, i);
    enum x64_reg d = i->rd && t->map[i->rd] >= 0 ? (enum x64_reg)t->map[i->rd] : RCX;
    tr_mark_fault(t);
    if (w == W64)
        x64_mov_rm(&t->b, W64, d, m);
    else if (sx)
        x64_movsx_rm(&t->b, W64, w, d, m);
    else if (w == W32)
        x64_mov_rm(&t->b, W32, d, m);
    else
        x64_movzx_rm(&t->b, w, d, m);
    tr_put(t, i->rd, d);
}

/* --lockstep: jit_log_store(cpu, rs1 + imm, w) before the store. */
static void log_store(struct tr *t, const struct binsn *i, enum x64_width w)
{
    if (!t->lockstep)
        return;
    tr_fc_drop(t); /* C clobbers the XMM registers */
    enum x64_reg s = tr_src(t, i->rs1, RAX);
    x64_lea(&t->b, W64, RAX, x64_mem(s, i->imm));
    tr_spill(t, true);
    x64_mov_rr(&t->b, W64, RDI, TR_CPU);
    x64_mov_rr(&t->b, W64, RSI, RAX);
    x64_mov_ri(&t->b, W32, RDX, (u64)w);
    x64_mov_ri(&t->b, W64, RAX, (u64)(uintptr_t)jit_log_store);
    x64_call_r(&t->b, RAX);
    tr_reload(t, true);
}

static void store(struct tr *t, const struct binsn *i, enum x64_width w)
{
    log_store(t, i, w);
    enum x64_reg v = tr_src(t, i->rs2, RCX);
    struct x64_mem m = address(t, i);
    tr_mark_fault(t);
    x64_mov_mr(&t->b, w, m, v);
}

/* FP loads go straight into rd's cached XMM; flw NaN-boxes through RCX. */
static void fload(struct tr *t, const struct binsn *i, bool dbl)
{
    struct x64_mem m = address(t, i);
    enum x64_xmm xd = tr_fc_def(t, i->rd);
    tr_mark_fault(t);
    if (dbl) {
        x64_movsd_xm(&t->b, xd, m);
    } else {
        x64_mov_rm(&t->b, W32, RCX, m);
        x64_mov_ri(&t->b, W64, RDX, NAN_BOX32);
        x64_or_rr(&t->b, W64, RCX, RDX);
        x64_movd_xr(&t->b, W64, xd, RCX);
    }
    tr_fc_dirty(t, i->rd);
}

static void fstore(struct tr *t, const struct binsn *i, bool dbl)
{
    log_store(t, i, dbl ? W64 : W32);
    enum x64_xmm xs = tr_fc_get(t, i->rs2);
    struct x64_mem m = address(t, i);
    tr_mark_fault(t);
    if (dbl)
        x64_movsd_mx(&t->b, m, xs);
    else
        x64_movss_mx(&t->b, m, xs);
}

static void fmv(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    switch (i->op) {
    case OP_FMV_X_W: {
        enum x64_reg d = tr_dst(t, i->rd);
        x64_movd_rx(b, W32, d, tr_fc_get(t, i->rs1));
        x64_movsx_rr(b, W64, W32, d, d);
        tr_put(t, i->rd, d);
        break;
    }
    case OP_FMV_X_D: {
        enum x64_reg d = tr_dst(t, i->rd);
        x64_movd_rx(b, W64, d, tr_fc_get(t, i->rs1));
        tr_put(t, i->rd, d);
        break;
    }
    case OP_FMV_W_X: {
        enum x64_reg s = tr_src(t, i->rs1, RAX);
        x64_mov_rr(b, W32, RCX, s);
        x64_mov_ri(b, W64, RDX, NAN_BOX32);
        x64_or_rr(b, W64, RCX, RDX);
        x64_movd_xr(b, W64, tr_fc_def(t, i->rd), RCX);
        tr_fc_dirty(t, i->rd);
        break;
    }
    default: /* OP_FMV_D_X */
        x64_movd_xr(b, W64, tr_fc_def(t, i->rd), tr_src(t, i->rs1, RAX));
        tr_fc_dirty(t, i->rd);
        break;
    }
}

bool tr_mem(struct tr *t, const struct binsn *i)
{
    switch (i->op) {
    case OP_LB: load(t, i, W8, true); return true;
    case OP_LH: load(t, i, W16, true); return true;
    case OP_LW: load(t, i, W32, true); return true;
    case OP_LD: load(t, i, W64, false); return true;
    case OP_LBU: load(t, i, W8, false); return true;
    case OP_LHU: load(t, i, W16, false); return true;
    case OP_LWU: load(t, i, W32, false); return true;
    case OP_SB: store(t, i, W8); return true;
    case OP_SH: store(t, i, W16); return true;
    case OP_SW: store(t, i, W32); return true;
    case OP_SD: store(t, i, W64); return true;
    case OP_FLW: fload(t, i, false); return true;
    case OP_FLD: fload(t, i, true); return true;
    case OP_FSW: fstore(t, i, false); return true;
    case OP_FSD: fstore(t, i, true); return true;
    case OP_FMV_X_W: case OP_FMV_X_D: case OP_FMV_W_X: case OP_FMV_D_X:
        fmv(t, i);
        return true;
    default: return false;
    }
}
