/* Inline SSE lowering of the common F/D ops. The host computes in RNE
 * with every exception masked (the MXCSR that enter loads), which is
 * the only mode these run in (rm RNE, or DYN with frm RNE, checked).
 *
 * fflags come from the host: for add/sub/mul/div/sqrt (sd and ss) SSE
 * raises IE ZE OE UE PE exactly where RISC-V raises NV DZ OF UF NX
 * (both detect tininess after rounding and, masked, raise underflow
 * only when the result is also inexact; Intel SDM vol. 1 4.9.1, 11.5.2;
 * test_fpu checks fpu_exec, which relies on the same, against software
 * and the spec table). DE, the denormal-operand flag, has no RISC-V
 * counterpart and is dropped. MXCSR's flags are sticky: enter clears
 * them, tr_fold_fflags ORs them into fcsr before every helper call,
 * fflags/fcsr access and at leave, jit_fault_hook from the signal
 * context; a guest write of fflags clears them again.
 *
 * The one difference left is the NaN result: x86 returns the quieted
 * input NaN or its default NaN, RISC-V the canonical NaN; so each op
 * ends `ucomis r,r; jp nan`, where the tail loads the canonical NaN
 * (ucomis raises IE only for a signaling NaN, never an op's result).
 * What the host cannot do the same way takes the slow path, fpu_exec on
 * the unchanged sources: a single that is not NaN-boxed, a dynamic
 * frm other than RNE after a write of frm in the block, a fused op
 * with a NaN result (RISC-V raises NV for inf*0 + qNaN), an
 * out-of-range conversion. Whatever such an op raised on
 * the host before the split (IE for a signaling NaN, say) is a flag
 * fpu_exec raises too. */
#include <stdlib.h>
#include <string.h>

#include "base/check.h"
#include "jit/tr_internal.h"
#include "jit/x64/cpuid.h"

static bool is_single(enum rv_op op)
{
    return op == OP_FADD_S || op == OP_FSUB_S || op == OP_FMUL_S || op == OP_FDIV_S ||
           op == OP_FSQRT_S;
}

/* A slow path for i, emitted later by tr_fp_tails; the caller fills
 * its sites. The cache state is taken now, at the split. */
static struct tr_fslow *slow_path(struct tr *t, const struct binsn *i)
{
    CHECK(t->nfslow < ARRAY_LEN(t->fslow));
    struct tr_fslow *sp = &t->fslow[t->nfslow++];
    memset(sp, 0, sizeof *sp);
    sp->ins = i;
    sp->fc = t->fc;
    return sp;
}

/* Jumps to the slow path (site recorded) unless frm is RNE, for rm DYN;
 * nothing when the block's entry check still holds. */
static void check_rm(struct tr *t, const struct binsn *i, struct tr_fslow *sp)
{
    if (i->rm != RM_DYN || t->frm_rne)
        return;
    x64_test_mi(&t->b, W8, tr_cpu(CPU_OFF(fcsr)), 0xe0);
    sp->sites[sp->nsites++] = x64_jcc32(&t->b, CC_NE, NULL);
}

/* Slow unless f[g] is a NaN-boxed single (upper 32 bits all ones). */
static void check_boxed(struct tr *t, enum x64_xmm x, struct tr_fslow *sp)
{
    x64_movd_rx(&t->b, W64, RAX, x);
    x64_shr_ri(&t->b, W64, RAX, 32);
    x64_cmp_ri(&t->b, W32, RAX, -1);
    sp->sites[sp->nsites++] = x64_jcc32(&t->b, CC_NE, NULL);
}

static bool commutes(u32 sse_op)
{
    return sse_op == X64_addsd || sse_op == X64_addss || sse_op == X64_mulsd ||
           sse_op == X64_mulss;
}

/* The result goes straight into rd's XMM: once the op runs, no slow path
 * needs the sources. Singles: both inputs must be NaN-boxed (else the
 * slow path gives the canonical NaN); the result keeps the all-ones
 * upper half of the operand it was computed over, so it is boxed too.
 * The NaN tail does not care which NaN x86 picked, so add and mul may
 * swap their operands. */
static void arith(struct tr *t, const struct binsn *i, u32 sse_op)
{
    struct x64_buf *b = &t->b;
    bool sqrt = sse_op == X64_sqrtsd || sse_op == X64_sqrtss;
    bool dbl = !is_single(i->op);
    enum x64_xmm xa = tr_fc_get(t, i->rs1);
    enum x64_xmm xb = sqrt ? xa : tr_fc_get(t, i->rs2);
    enum x64_xmm xd = tr_fc_def(t, i->rd);
    struct tr_fslow *sp = slow_path(t, i);
    check_rm(t, i, sp);
    if (!dbl) {
        check_boxed(t, xa, sp);
        if (xb != xa)
            check_boxed(t, xb, sp);
    }
    if (sqrt && dbl) {
        x64_sqrtsd_xx(b, xd, xa);
    } else if (sqrt) {
        if (xd != xa)
            x64_movapd_xx(b, xd, xa);
        x64_sse_xx(b, sse_op, xd, xd);
    } else if (xd == xa) {
        x64_sse_xx(b, sse_op, xd, xb);
    } else if (xd == xb && commutes(sse_op)) {
        x64_sse_xx(b, sse_op, xd, xa);
    } else if (xd == xb) {
        x64_movapd_xx(b, XMM0, xa);
        x64_sse_xx(b, sse_op, XMM0, xb);
        x64_movapd_xx(b, xd, XMM0);
    } else {
        x64_movapd_xx(b, xd, xa);
        x64_sse_xx(b, sse_op, xd, xb);
    }
    if (dbl)
        x64_ucomisd_xx(b, xd, xd);
    else
        x64_ucomiss_xx(b, xd, xd);
    sp->nan = x64_jcc32(b, CC_P, NULL);
    sp->has_nan = true;
    sp->xr = xd;
    sp->done = x64_here(b);
    tr_fc_dirty(t, i->rd);
}

/* Host FMA3, probed once (translation runs under the cache lock);
 * RVX_X64_OFF=fma (x64_features_mask) turns it off to test the helper
 * path. Without it the fused ops call fpu_exec. */
static bool host_fma(void)
{
    static int known = -1;
    if (known < 0) {
        struct x64_features f = x64_cpuid_probe();
        const char *off = getenv("RVX_X64_OFF");
        if (off)
            f = x64_features_mask(f, off);
        known = f.fma && f.avx;
    }
    return known;
}

/* fmadd/fmsub/fnmsub/fnmadd.d as one host FMA (one rounding, as RISC-V),
 * flags from the host as arith; a NaN result takes the slow path, since
 * RISC-V raises NV for inf*0 + qNaN where x86 need not. Any other result
 * of a non-finite operand is an exact infinity, no flags on either.
 * RISC-V fnmsub is -(a*b)+c, the host's vfnmadd; fnmadd is -(a*b)-c, the
 * host's vfnmsub. */
static void fused(struct tr *t, const struct binsn *i, u8 op132)
{
    struct x64_buf *b = &t->b;
    enum x64_xmm xa = tr_fc_get(t, i->rs1), xb = tr_fc_get(t, i->rs2);
    enum x64_xmm xc = tr_fc_get(t, i->rs3), xd = tr_fc_def(t, i->rd);
    struct tr_fslow *sp = slow_path(t, i);
    check_rm(t, i, sp);
    x64_movapd_xx(b, XMM0, xa);
    x64_fma_xxx(b, op132, FMA_213, true, XMM0, xb, xc); /* xmm0 = b*xmm0 (+-) c */
    x64_ucomisd_xx(b, XMM0, XMM0);
    sp->sites[sp->nsites++] = x64_jcc32(b, CC_P, NULL);
    x64_movapd_xx(b, xd, XMM0);
    sp->done = x64_here(b);
    tr_fc_dirty(t, i->rd);
}

/* Sign injection on bits: no flags, NaN payloads kept. */
static void sgnj(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    enum x64_xmm xa = tr_fc_get(t, i->rs1), xb = tr_fc_get(t, i->rs2);
    enum x64_xmm xd = tr_fc_def(t, i->rd);
    if (i->op == OP_FSGNJ_D && i->rs1 == i->rs2) { /* fmv.d */
        if (xd != xa)
            x64_movapd_xx(b, xd, xa);
        tr_fc_dirty(t, i->rd);
        return;
    }
    x64_movd_rx(b, W64, RAX, xa);
    x64_movd_rx(b, W64, RCX, xb);
    if (i->op == OP_FSGNJX_D)
        x64_xor_rr(b, W64, RCX, RAX);
    else if (i->op == OP_FSGNJN_D)
        x64_not_r(b, W64, RCX);
    x64_mov_ri(b, W64, RDX, 1ull << 63);
    x64_and_rr(b, W64, RCX, RDX); /* the sign to inject */
    x64_not_r(b, W64, RDX);
    x64_and_rr(b, W64, RAX, RDX); /* rs1's magnitude */
    x64_or_rr(b, W64, RAX, RCX);
    x64_movd_xr(b, W64, xd, RAX);
    tr_fc_dirty(t, i->rd);
}

/* feq/flt/fle without a slow path: the host compare raises IE exactly
 * where RISC-V raises NV, ucomis for a signaling NaN (feq, a quiet
 * compare), comis for any NaN (flt and fle, signaling ones); an
 * unordered compare sets ZF PF CF, so flt a,b as "b above a" and fle as
 * "b above or equal a" come out 0, and feq needs "equal and not parity".
 * Singles still take the slow path when an input is not NaN-boxed. */
static void compare(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    bool single = i->op == OP_FEQ_S || i->op == OP_FLT_S || i->op == OP_FLE_S;
    enum x64_xmm xa = tr_fc_get(t, i->rs1), xb = tr_fc_get(t, i->rs2);
    struct tr_fslow *sp = NULL;
    if (single) {
        sp = slow_path(t, i);
        check_boxed(t, xa, sp);
        if (xb != xa)
            check_boxed(t, xb, sp);
    }
    x64_xor_rr(b, W32, RDX, RDX);
    if (i->op == OP_FEQ_D || i->op == OP_FEQ_S) {
        x64_xor_rr(b, W32, RAX, RAX);
        if (single)
            x64_ucomiss_xx(b, xa, xb);
        else
            x64_ucomisd_xx(b, xa, xb);
        x64_setcc(b, CC_E, RDX);
        x64_setcc(b, CC_NP, RAX);
        x64_and_rr(b, W32, RDX, RAX);
    } else {
        if (single)
            x64_comiss_xx(b, xb, xa);
        else
            x64_comisd_xx(b, xb, xa);
        x64_setcc(b, i->op == OP_FLT_D || i->op == OP_FLT_S ? CC_A : CC_AE, RDX);
    }
    tr_put(t, i->rd, RDX);
    if (sp)
        sp->done = x64_here(b);
}

/* Single sign injection: both inputs NaN-boxed (else the slow path uses
 * the canonical NaN); the result is boxed. */
static void sgnj_s(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    enum x64_xmm xa = tr_fc_get(t, i->rs1), xb = tr_fc_get(t, i->rs2);
    enum x64_xmm xd = tr_fc_def(t, i->rd);
    struct tr_fslow *sp = slow_path(t, i);
    check_boxed(t, xa, sp);
    if (xb != xa)
        check_boxed(t, xb, sp);
    if (i->op == OP_FSGNJ_S && i->rs1 == i->rs2) { /* fmv.s */
        if (xd != xa)
            x64_movapd_xx(b, xd, xa);
    } else {
        x64_movd_rx(b, W32, RAX, xa);
        x64_movd_rx(b, W32, RCX, xb);
        if (i->op == OP_FSGNJX_S)
            x64_xor_rr(b, W32, RCX, RAX);
        else if (i->op == OP_FSGNJN_S)
            x64_not_r(b, W32, RCX);
        x64_and_ri(b, W32, RCX, INT32_MIN); /* the sign to inject */
        x64_and_ri(b, W32, RAX, INT32_MAX); /* rs1's magnitude */
        x64_or_rr(b, W32, RAX, RCX);
        x64_mov_ri(b, W64, RDX, 0xffffffff00000000ull);
        x64_or_rr(b, W64, RAX, RDX);
        x64_movd_xr(b, W64, xd, RAX);
    }
    sp->done = x64_here(b);
    tr_fc_dirty(t, i->rd);
}

/* fcvt.d.w / fcvt.d.l: never special; .l may round (RNE only; an
 * invalid dynamic frm is illegal even for the exact .w). */
static void cvt_from_int(struct tr *t, const struct binsn *i)
{
    enum x64_xmm xd = tr_fc_def(t, i->rd);
    struct tr_fslow *sp = slow_path(t, i);
    check_rm(t, i, sp);
    enum x64_reg s = tr_src(t, i->rs1, RAX);
    x64_xorpd_xx(&t->b, XMM0, XMM0);
    x64_cvtsi2sd_xr(&t->b, i->op == OP_FCVT_D_W ? W32 : W64, XMM0, s);
    x64_movapd_xx(&t->b, xd, XMM0);
    sp->done = x64_here(&t->b);
    if (!sp->nsites)
        t->nfslow--; /* static RNE: no slow path */
    tr_fc_dirty(t, i->rd);
}

/* fcvt.w.d / fcvt.l.d with rtz (C casts): out of range and NaN give the
 * host's "integer indefinite" (INT_MIN), which goes the slow way. */
static void cvt_to_int(struct tr *t, const struct binsn *i)
{
    struct x64_buf *b = &t->b;
    enum x64_width w = i->op == OP_FCVT_W_D ? W32 : W64;
    enum x64_xmm xa = tr_fc_get(t, i->rs1);
    struct tr_fslow *sp = slow_path(t, i);
    x64_cvttsd2si_rx(b, w, RAX, xa);
    if (w == W32) {
        x64_cmp_ri(b, W32, RAX, INT32_MIN);
        sp->sites[sp->nsites++] = x64_jcc32(b, CC_E, NULL);
        x64_movsx_rr(b, W64, W32, RAX, RAX);
    } else {
        x64_mov_ri(b, W64, RCX, (u64)INT64_MIN);
        x64_cmp_rr(b, W64, RAX, RCX);
        sp->sites[sp->nsites++] = x64_jcc32(b, CC_E, NULL);
    }
    tr_put(t, i->rd, RAX);
    sp->done = x64_here(b);
}

void tr_fp_tails(struct tr *t)
{
    struct x64_buf *b = &t->b;
    for (u32 k = 0; k < t->nfslow; k++) {
        struct tr_fslow *sp = &t->fslow[k];
        t->fc = sp->fc;
        if (sp->has_nan) {
            x64_bind(b, sp->nan);
            x64_mov_ri(b, W64, RAX, is_single(sp->ins->op) ? 0xffffffff7fc00000ull
                                                          : 0x7ff8000000000000ull);
            x64_movd_xr(b, W64, sp->xr, RAX);
            x64_jmp(b, sp->done);
        }
        if (!sp->nsites)
            continue;
        for (int n = 0; n < sp->nsites; n++)
            x64_bind(b, sp->sites[n]);
        tr_fc_store(t);
        tr_helper(t, sp->ins);
        tr_fc_load(t);
        x64_jmp(b, sp->done);
    }
    t->nfslow = 0;
}

bool tr_fp_reads_frm(const struct binsn *i)
{
    if (i->rm != RM_DYN)
        return false;
    switch (i->op) {
    case OP_FADD_D: case OP_FSUB_D: case OP_FMUL_D: case OP_FDIV_D: case OP_FSQRT_D:
    case OP_FADD_S: case OP_FSUB_S: case OP_FMUL_S: case OP_FDIV_S: case OP_FSQRT_S:
    case OP_FCVT_D_W: case OP_FCVT_D_L:
        return true;
    case OP_FMADD_D: case OP_FMSUB_D: case OP_FNMSUB_D: case OP_FNMADD_D:
        return host_fma();
    default:
        return false;
    }
}

bool tr_fp(struct tr *t, const struct binsn *i)
{
    bool rne = i->rm == RM_RNE || i->rm == RM_DYN;
    switch (i->op) {
    case OP_FADD_D: if (!rne) return false; arith(t, i, X64_addsd); return true;
    case OP_FSUB_D: if (!rne) return false; arith(t, i, X64_subsd); return true;
    case OP_FMUL_D: if (!rne) return false; arith(t, i, X64_mulsd); return true;
    case OP_FDIV_D: if (!rne) return false; arith(t, i, X64_divsd); return true;
    case OP_FSQRT_D: if (!rne) return false; arith(t, i, X64_sqrtsd); return true;
    case OP_FADD_S: if (!rne) return false; arith(t, i, X64_addss); return true;
    case OP_FSUB_S: if (!rne) return false; arith(t, i, X64_subss); return true;
    case OP_FMUL_S: if (!rne) return false; arith(t, i, X64_mulss); return true;
    case OP_FDIV_S: if (!rne) return false; arith(t, i, X64_divss); return true;
    case OP_FSQRT_S: if (!rne) return false; arith(t, i, X64_sqrtss); return true;
    case OP_FSGNJ_D: case OP_FSGNJN_D: case OP_FSGNJX_D: sgnj(t, i); return true;
    case OP_FMADD_D: case OP_FMSUB_D: case OP_FNMSUB_D: case OP_FNMADD_D:
        if (!rne || !host_fma())
            return false;
        fused(t, i, i->op == OP_FMADD_D ? 0x99 : i->op == OP_FMSUB_D ? 0x9b
                  : i->op == OP_FNMSUB_D ? 0x9d : 0x9f);
        return true;
    case OP_FEQ_D: case OP_FLT_D: case OP_FLE_D: compare(t, i); return true;
    case OP_FEQ_S: case OP_FLT_S: case OP_FLE_S: compare(t, i); return true;
    case OP_FSGNJ_S: case OP_FSGNJN_S: case OP_FSGNJX_S: sgnj_s(t, i); return true;
    case OP_FCVT_D_W: case OP_FCVT_D_L:
        if (!rne && (i->op == OP_FCVT_D_L || i->rm > RM_RMM))
            return false;
        cvt_from_int(t, i);
        return true;
    case OP_FCVT_W_D: case OP_FCVT_L_D:
        if (i->rm != RM_RTZ)
            return false;
        cvt_to_int(t, i);
        return true;
    default:
        return false;
    }
}
