/* F and D instruction semantics (fpu_exec), shared by both engines.
 *
 * Fast path: add/sub/mul/div/sqrt/fma/fcvt.s.d run on the host SSE unit
 * with MXCSR set to the instruction's rounding mode for just that one
 * instruction, and the MXCSR exception flags become fflags. x86 and
 * RISC-V agree on rounding, subnormals (FTZ/DAZ stay off) and tininess
 * after rounding; where they differ the result is fixed up: every NaN
 * result becomes the canonical NaN, fma raises NV for inf*0 + qNaN,
 * min/max, compares, fclass and sign injection are done on bits
 * (fpu_cmp.c), and float<->int conversions (saturation, unsigned, RMM)
 * are exact integer code (fpu_soft.c).
 *
 * RMM (ties away from zero) has no x86 encoding: such arithmetic on
 * finite operands is computed exactly in software (fpu_soft.c). With a
 * special operand (NaN, infinity, zero divisor) the result is exact, so
 * RNE on the host gives the same answer. sqrt never needs it: a square
 * root of a p-bit number is never a midpoint of two p-bit numbers and
 * never subnormal, so RMM and RNE agree. */
#include "cpu/fpu.h"

#include "cpu/fpu_internal.h"

bool fpu_have_fma; /* host FMA3; tests may clear it to exercise software fma */

__attribute__((constructor)) static void fpu_init(void)
{
    __builtin_cpu_init();
    fpu_have_fma = __builtin_cpu_supports("fma");
}

/* ---- host SSE operations under a chosen rounding mode ---------------- */

/* MXCSR with all exceptions masked, FTZ/DAZ off, RC for RNE RTZ RDN RUP. */
static const u32 mxcsr_rc[4] = { 0x1f80, 0x7f80, 0x3f80, 0x5f80 };
static const u32 mxcsr_default = 0x1f80;

/* MXCSR IE ZE OE UE PE -> NV DZ OF UF NX; DE (bit 1) is ignored. */
#define MXF(m) (((m) & 1 ? FFLAG_NV : 0) | ((m) & 4 ? FFLAG_DZ : 0) | ((m) & 8 ? FFLAG_OF : 0) | \
                ((m) & 16 ? FFLAG_UF : 0) | ((m) & 32 ? FFLAG_NX : 0))
#define MXF4(m) MXF(m), MXF((m) + 1), MXF((m) + 2), MXF((m) + 3)
#define MXF16(m) MXF4(m), MXF4((m) + 4), MXF4((m) + 8), MXF4((m) + 12)
const u8 fpu_mxcsr_fflags[64] = { MXF16(0), MXF16(16), MXF16(32), MXF16(48) };

/* One asm statement per host op: ldmxcsr (mode, flags cleared); op;
 * stmxcsr; ldmxcsr default. Being one statement, the compiler cannot move
 * the op out of the window. Measured on the AMD EPYC build host: 7 ns per
 * op against 3.3 ns for the bare call; skipping the ldmxcsr when MXCSR
 * already held only flags the guest had set cost a second stmxcsr and
 * was slower (13 ns), so the simple form stays. */
#define HOST_BEGIN "ldmxcsr %[in]\n\t"
#define HOST_END "\n\tstmxcsr %[out]\n\tldmxcsr %[def]"
#define HOST_OUT [out] "=m"(out)
#define HOST_IN(rm) [in] "m"(mxcsr_rc[rm]), [def] "m"(mxcsr_default)

#define HOST_BINOP(name, type, insn)                                               \
    static type name(type a, type b, int rm, u32 *fl)                              \
    {                                                                              \
        u32 out;                                                                   \
        __asm__ volatile(HOST_BEGIN insn " %[b], %[a]" HOST_END                    \
                         : [a] "+x"(a), HOST_OUT : [b] "x"(b), HOST_IN(rm));     \
        *fl |= fpu_mxcsr_fflags[out & 0x3f];                                       \
        return a;                                                                  \
    }

HOST_BINOP(host_add_s, float, "addss")
HOST_BINOP(host_sub_s, float, "subss")
HOST_BINOP(host_mul_s, float, "mulss")
HOST_BINOP(host_div_s, float, "divss")
HOST_BINOP(host_add_d, double, "addsd")
HOST_BINOP(host_sub_d, double, "subsd")
HOST_BINOP(host_mul_d, double, "mulsd")
HOST_BINOP(host_div_d, double, "divsd")

#define HOST_FMA(name, type, insn)                                                 \
    static type name(type a, type b, type c, int rm, u32 *fl)                      \
    {                                                                              \
        u32 out;                                                                   \
        __asm__ volatile(HOST_BEGIN insn " %[b], %[a], %[c]" HOST_END              \
                         : [c] "+x"(c), HOST_OUT                                \
                         : [a] "x"(a), [b] "x"(b), HOST_IN(rm));                   \
        *fl |= fpu_mxcsr_fflags[out & 0x3f];                                       \
        return c;                                                                  \
    }

HOST_FMA(host_fma_s, float, "vfmadd231ss")
HOST_FMA(host_fma_d, double, "vfmadd231sd")

#define HOST_UNOP(name, rtype, atype, insn)                                        \
    static rtype name(atype a, int rm, u32 *fl)                                    \
    {                                                                              \
        u32 out;                                                                   \
        rtype r;                                                                   \
        __asm__ volatile(HOST_BEGIN insn " %[a], %[r]" HOST_END                    \
                         : [r] "=&x"(r), HOST_OUT : [a] "x"(a), HOST_IN(rm));   \
        *fl |= fpu_mxcsr_fflags[out & 0x3f];                                       \
        return r;                                                                  \
    }

HOST_UNOP(host_sqrt_s, float, float, "sqrtss")
HOST_UNOP(host_sqrt_d, double, double, "sqrtsd")
HOST_UNOP(host_cvt_s_d, float, double, "cvtsd2ss")

/* ---- arithmetic ------------------------------------------------------ */

enum arith { AR_ADD, AR_SUB, AR_MUL, AR_DIV };

/* RMM with a special operand is exact, so RNE gives the same result. */
static bool soft_rmm_s(enum arith k, u32 a, u32 b)
{
    return fin_s(a) && fin_s(b) && !(k == AR_DIV && zero_s(b));
}

static bool soft_rmm_d(enum arith k, u64 a, u64 b)
{
    return fin_d(a) && fin_d(b) && !(k == AR_DIV && zero_d(b));
}

static u64 arith_s(enum arith k, u32 a, u32 b, int rm, u32 *fl)
{
    if (unlikely(rm == RM_RMM)) {
        if (soft_rmm_s(k, a, b)) {
            const struct fp_fmt *f = &fpu_fmt_s;
            switch (k) {
            case AR_ADD: return BOX | fpu_soft_add(f, a, b, rm, fl);
            case AR_SUB: return BOX | fpu_soft_add(f, a, b ^ SIGN_S, rm, fl);
            case AR_MUL: return BOX | fpu_soft_mul(f, a, b, rm, fl);
            case AR_DIV: return BOX | fpu_soft_div(f, a, b, rm, fl);
            }
        }
        rm = RM_RNE;
    }
    float x = f_of(a), y = f_of(b);
    switch (k) {
    case AR_ADD: return ret_s(host_add_s(x, y, rm, fl));
    case AR_SUB: return ret_s(host_sub_s(x, y, rm, fl));
    case AR_MUL: return ret_s(host_mul_s(x, y, rm, fl));
    default: return ret_s(host_div_s(x, y, rm, fl));
    }
}

static u64 arith_d(enum arith k, u64 a, u64 b, int rm, u32 *fl)
{
    if (unlikely(rm == RM_RMM)) {
        if (soft_rmm_d(k, a, b)) {
            const struct fp_fmt *f = &fpu_fmt_d;
            switch (k) {
            case AR_ADD: return fpu_soft_add(f, a, b, rm, fl);
            case AR_SUB: return fpu_soft_add(f, a, b ^ SIGN_D, rm, fl);
            case AR_MUL: return fpu_soft_mul(f, a, b, rm, fl);
            case AR_DIV: return fpu_soft_div(f, a, b, rm, fl);
            }
        }
        rm = RM_RNE;
    }
    double x = d_of(a), y = d_of(b);
    switch (k) {
    case AR_ADD: return ret_d(host_add_d(x, y, rm, fl));
    case AR_SUB: return ret_d(host_sub_d(x, y, rm, fl));
    case AR_MUL: return ret_d(host_mul_d(x, y, rm, fl));
    default: return ret_d(host_div_d(x, y, rm, fl));
    }
}

/* fma with a NaN or infinite operand (values widened to double, which
 * keeps every class): the spec's NV cases, including inf*0 + qNaN.
 * Returns 0 for the canonical NaN, else the sign (+1/-1) of the infinity. */
static int fma_special(double a, double b, double c, bool any_snan, u32 *fl)
{
    bool ai = __builtin_isinf(a), bi = __builtin_isinf(b);
    if (any_snan || (ai && b == 0) || (bi && a == 0)) {
        *fl |= FFLAG_NV;
        return 0;
    }
    if (__builtin_isnan(a) || __builtin_isnan(b) || __builtin_isnan(c))
        return 0;
    if (ai || bi) { /* infinite product: inf - inf is invalid */
        int ps = __builtin_signbit(a) != __builtin_signbit(b) ? -1 : 1;
        int cs = __builtin_signbit(c) ? -1 : 1;
        if (__builtin_isinf(c) && cs != ps) {
            *fl |= FFLAG_NV;
            return 0;
        }
        return ps;
    }
    return __builtin_signbit(c) ? -1 : 1; /* finite product, infinite c */
}

/* neg_p negates the product, neg_c the addend (fmsub, fnmsub, fnmadd). */
static u64 fma_s(u32 a, u32 b, u32 c, bool neg_p, bool neg_c, int rm, u32 *fl)
{
    a ^= neg_p ? SIGN_S : 0;
    c ^= neg_c ? SIGN_S : 0;
    if (unlikely(!fin_s(a) || !fin_s(b) || !fin_s(c))) {
        int r = fma_special(f_of(a), f_of(b), f_of(c), snan_s(a) || snan_s(b) || snan_s(c), fl);
        return BOX | (r == 0 ? CANON_S : r > 0 ? 0x7f800000u : 0xff800000u);
    }
    if (likely(fpu_have_fma && rm != RM_RMM))
        return BOX | bits_f(host_fma_s(f_of(a), f_of(b), f_of(c), rm, fl));
    return BOX | fpu_soft_fma(&fpu_fmt_s, a, b, c, rm, fl);
}

static u64 fma_d(u64 a, u64 b, u64 c, bool neg_p, bool neg_c, int rm, u32 *fl)
{
    a ^= neg_p ? SIGN_D : 0;
    c ^= neg_c ? SIGN_D : 0;
    if (unlikely(!fin_d(a) || !fin_d(b) || !fin_d(c))) {
        int r = fma_special(d_of(a), d_of(b), d_of(c), snan_d(a) || snan_d(b) || snan_d(c), fl);
        return r == 0 ? CANON_D : r > 0 ? 0x7ff0000000000000ull : 0xfff0000000000000ull;
    }
    if (likely(fpu_have_fma && rm != RM_RMM))
        return bits_d(host_fma_d(d_of(a), d_of(b), d_of(c), rm, fl));
    return fpu_soft_fma(&fpu_fmt_d, a, b, c, rm, fl);
}

static u64 sqrt_s(u32 a, int rm, u32 *fl)
{
    return ret_s(host_sqrt_s(f_of(a), rm == RM_RMM ? RM_RNE : rm, fl));
}

static u64 sqrt_d(u64 a, int rm, u32 *fl)
{
    return ret_d(host_sqrt_d(d_of(a), rm == RM_RMM ? RM_RNE : rm, fl));
}

/* ---- conversions between formats ------------------------------------- */

static u64 cvt_s_d(u64 a, int rm, u32 *fl)
{
    if (nan_d(a)) {
        *fl |= snan_d(a) ? FFLAG_NV : 0;
        return BOX | CANON_S;
    }
    if (rm == RM_RMM && fin_d(a))
        return BOX | fpu_soft_d_to_s(a, rm, fl);
    return BOX | bits_f(host_cvt_s_d(d_of(a), rm == RM_RMM ? RM_RNE : rm, fl));
}

static u64 cvt_d_s(u32 a, u32 *fl)
{
    if (nan_s(a)) {
        *fl |= snan_s(a) ? FFLAG_NV : 0;
        return CANON_D;
    }
    return bits_d((double)f_of(a)); /* exact */
}

/* ---- dispatch -------------------------------------------------------- */

static u64 exec_s(enum rv_op op, u64 ra, u64 rb, u64 rc, int rm, u32 *fl)
{
    u32 a = unbox(ra), b = unbox(rb), c = unbox(rc);
    const struct fp_fmt *f = &fpu_fmt_s;
    switch (op) {
    case OP_FADD_S: return arith_s(AR_ADD, a, b, rm, fl);
    case OP_FSUB_S: return arith_s(AR_SUB, a, b, rm, fl);
    case OP_FMUL_S: return arith_s(AR_MUL, a, b, rm, fl);
    case OP_FDIV_S: return arith_s(AR_DIV, a, b, rm, fl);
    case OP_FSQRT_S: return sqrt_s(a, rm, fl);
    case OP_FMADD_S: return fma_s(a, b, c, false, false, rm, fl);
    case OP_FMSUB_S: return fma_s(a, b, c, false, true, rm, fl);
    case OP_FNMSUB_S: return fma_s(a, b, c, true, false, rm, fl);
    case OP_FNMADD_S: return fma_s(a, b, c, true, true, rm, fl);
    case OP_FSGNJ_S: return fpu_sgnj_s(a, b, 0);
    case OP_FSGNJN_S: return fpu_sgnj_s(a, b, 1);
    case OP_FSGNJX_S: return fpu_sgnj_s(a, b, 2);
    case OP_FMIN_S: return fpu_minmax_s(a, b, false, fl);
    case OP_FMAX_S: return fpu_minmax_s(a, b, true, fl);
    case OP_FEQ_S: return fpu_cmp_s(a, b, CMP_EQ, fl);
    case OP_FLT_S: return fpu_cmp_s(a, b, CMP_LT, fl);
    case OP_FLE_S: return fpu_cmp_s(a, b, CMP_LE, fl);
    case OP_FCLASS_S: return fpu_fclass_s(a);
    case OP_FCVT_W_S: return fpu_soft_to_int(f, a, true, 32, rm, fl);
    case OP_FCVT_WU_S: return fpu_soft_to_int(f, a, false, 32, rm, fl);
    case OP_FCVT_L_S: return fpu_soft_to_int(f, a, true, 64, rm, fl);
    case OP_FCVT_LU_S: return fpu_soft_to_int(f, a, false, 64, rm, fl);
    case OP_FCVT_D_S: return cvt_d_s(a, fl);
    default: return 0;
    }
}

static u64 exec_d(enum rv_op op, u64 a, u64 b, u64 c, int rm, u32 *fl)
{
    const struct fp_fmt *f = &fpu_fmt_d;
    switch (op) {
    case OP_FADD_D: return arith_d(AR_ADD, a, b, rm, fl);
    case OP_FSUB_D: return arith_d(AR_SUB, a, b, rm, fl);
    case OP_FMUL_D: return arith_d(AR_MUL, a, b, rm, fl);
    case OP_FDIV_D: return arith_d(AR_DIV, a, b, rm, fl);
    case OP_FSQRT_D: return sqrt_d(a, rm, fl);
    case OP_FMADD_D: return fma_d(a, b, c, false, false, rm, fl);
    case OP_FMSUB_D: return fma_d(a, b, c, false, true, rm, fl);
    case OP_FNMSUB_D: return fma_d(a, b, c, true, false, rm, fl);
    case OP_FNMADD_D: return fma_d(a, b, c, true, true, rm, fl);
    case OP_FSGNJ_D: return fpu_sgnj_d(a, b, 0);
    case OP_FSGNJN_D: return fpu_sgnj_d(a, b, 1);
    case OP_FSGNJX_D: return fpu_sgnj_d(a, b, 2);
    case OP_FMIN_D: return fpu_minmax_d(a, b, false, fl);
    case OP_FMAX_D: return fpu_minmax_d(a, b, true, fl);
    case OP_FEQ_D: return fpu_cmp_d(a, b, CMP_EQ, fl);
    case OP_FLT_D: return fpu_cmp_d(a, b, CMP_LT, fl);
    case OP_FLE_D: return fpu_cmp_d(a, b, CMP_LE, fl);
    case OP_FCLASS_D: return fpu_fclass_d(a);
    case OP_FCVT_W_D: return fpu_soft_to_int(f, a, true, 32, rm, fl);
    case OP_FCVT_WU_D: return fpu_soft_to_int(f, a, false, 32, rm, fl);
    case OP_FCVT_L_D: return fpu_soft_to_int(f, a, true, 64, rm, fl);
    case OP_FCVT_LU_D: return fpu_soft_to_int(f, a, false, 64, rm, fl);
    case OP_FCVT_S_D: return cvt_s_d(a, rm, fl);
    default: return 0;
    }
}

/* fcvt.{s,d}.{w,wu,l,lu}: a is the x register. */
static u64 exec_from_int(enum rv_op op, u64 a, int rm, u32 *fl)
{
    const struct fp_fmt *f = (op == OP_FCVT_S_W || op == OP_FCVT_S_WU || op == OP_FCVT_S_L ||
                              op == OP_FCVT_S_LU) ? &fpu_fmt_s : &fpu_fmt_d;
    u64 box = f == &fpu_fmt_s ? BOX : 0;
    switch (op) {
    case OP_FCVT_D_W: /* exact: no rounding, no flags */
        return bits_d((double)(i32)a);
    case OP_FCVT_D_WU:
        return bits_d((double)(u32)a);
    case OP_FCVT_S_W: {
        i32 v = (i32)a;
        return box | fpu_soft_from_int(f, v < 0, v < 0 ? -(u64)(i64)v : (u64)v, rm, fl);
    }
    case OP_FCVT_S_WU:
        return box | fpu_soft_from_int(f, false, (u32)a, rm, fl);
    case OP_FCVT_S_L: case OP_FCVT_D_L:
        return box | fpu_soft_from_int(f, (i64)a < 0, (i64)a < 0 ? -a : a, rm, fl);
    default:
        return box | fpu_soft_from_int(f, false, a, rm, fl);
    }
}

/* The moves are the interpreter's own; here for completeness. fmv.x.w
 * sign-extends and does not check the NaN-box. */
static u64 fmv(enum rv_op op, u64 a)
{
    if (op == OP_FMV_X_W)
        return (u64)(i64)(i32)(u32)a;
    return op == OP_FMV_W_X ? BOX | (u32)a : a;
}

static bool op_is_single(enum rv_op op)
{
    switch (op) {
    case OP_FMADD_S: case OP_FMSUB_S: case OP_FNMSUB_S: case OP_FNMADD_S:
    case OP_FADD_S: case OP_FSUB_S: case OP_FMUL_S: case OP_FDIV_S: case OP_FSQRT_S:
    case OP_FSGNJ_S: case OP_FSGNJN_S: case OP_FSGNJX_S: case OP_FMIN_S: case OP_FMAX_S:
    case OP_FCVT_W_S: case OP_FCVT_WU_S: case OP_FCVT_L_S: case OP_FCVT_LU_S:
    case OP_FEQ_S: case OP_FLT_S: case OP_FLE_S: case OP_FCLASS_S: case OP_FCVT_D_S:
        return true;
    default:
        return false;
    }
}

u64 fpu_exec(struct cpu *cpu, enum rv_op op, u64 a, u64 b, u64 c3, int rm)
{
    u32 fl = 0;
    u64 r;
    if (unlikely(op == OP_FMV_X_W || op == OP_FMV_W_X || op == OP_FMV_X_D || op == OP_FMV_D_X))
        return fmv(op, a);
    if (fpu_rs1_is_int(op))
        r = exec_from_int(op, a, rm, &fl);
    else if (op_is_single(op))
        r = exec_s(op, a, b, c3, rm, &fl);
    else
        r = exec_d(op, a, b, c3, rm, &fl);
    cpu->fcsr |= fl;
    return r;
}

bool fpu_rd_is_int(enum rv_op op)
{
    switch (op) {
    case OP_FEQ_S: case OP_FLT_S: case OP_FLE_S: case OP_FCLASS_S:
    case OP_FEQ_D: case OP_FLT_D: case OP_FLE_D: case OP_FCLASS_D:
    case OP_FCVT_W_S: case OP_FCVT_WU_S: case OP_FCVT_L_S: case OP_FCVT_LU_S:
    case OP_FCVT_W_D: case OP_FCVT_WU_D: case OP_FCVT_L_D: case OP_FCVT_LU_D:
    case OP_FMV_X_W: case OP_FMV_X_D:
        return true;
    default:
        return false;
    }
}

bool fpu_rs1_is_int(enum rv_op op)
{
    switch (op) {
    case OP_FCVT_S_W: case OP_FCVT_S_WU: case OP_FCVT_S_L: case OP_FCVT_S_LU:
    case OP_FCVT_D_W: case OP_FCVT_D_WU: case OP_FCVT_D_L: case OP_FCVT_D_LU:
    case OP_FMV_W_X: case OP_FMV_D_X:
        return true;
    default:
        return false;
    }
}
