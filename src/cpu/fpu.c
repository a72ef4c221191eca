/* F and D instruction semantics (fpu_exec), shared by both engines.
 *
 * Fast path: add/sub/mul/div/sqrt/fma/fcvt.s.d run on the host SSE unit
 * with MXCSR set to the instruction's rounding mode for just that one
 * instruction (host_enter, the op, host_leave), and the MXCSR exception
 * flags become fflags. x86 and RISC-V agree on
 * rounding, subnormals (FTZ/DAZ stay off) and tininess-after-rounding;
 * where they differ this file fixes the result up: every NaN result
 * becomes the canonical NaN, fma raises NV for inf*0 + qNaN, min/max,
 * compares, fclass and sign injection are done in integers, and
 * float<->int conversions (saturation, unsigned) go to fpu_soft.c.
 *
 * RMM (ties away from zero) has no x86 encoding: such arithmetic on
 * finite operands is computed exactly in software (fpu_soft.c). With a
 * special operand (NaN, infinity, zero divisor) the result is exact, so
 * RNE on the host gives the same answer. sqrt never needs it: a square
 * root of a p-bit number is never a midpoint of two p-bit numbers and
 * never subnormal, so RMM and RNE agree. */
#include "cpu/fpu.h"

#include <string.h>

#include "cpu/fpu_internal.h"

#define CANON_S 0x7fc00000u
#define CANON_D 0x7ff8000000000000ull
#define BOX 0xffffffff00000000ull
#define SIGN_S 0x80000000u
#define SIGN_D 0x8000000000000000ull

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
static const u8 mxcsr_fflags[64] = { MXF16(0), MXF16(16), MXF16(32), MXF16(48) };

/* The window around one host op. ldmxcsr is the expensive part (about
 * half the cost of an op), so it is skipped when MXCSR already has the
 * wanted control bits and every exception flag it holds is already set
 * in the guest's fflags (*fl on entry): OR-ing those in again changes
 * nothing, so they need no clearing. Guests keep NX set for long
 * stretches, which makes the skip the common case. After the op, RC goes
 * back to round-to-nearest for the rest of rvx; leftover sticky flags are
 * harmless. The op itself is a separate asm volatile between the two, so
 * the compiler keeps the three in order. */
static inline void host_enter(int rm, u32 have)
{
    u32 m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    if (unlikely((m & ~0x3fu) != mxcsr_rc[rm] || (mxcsr_fflags[m & 0x3f] & ~have)))
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr_rc[rm]));
}

static inline void host_leave(int rm, u32 *fl)
{
    u32 m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    *fl |= mxcsr_fflags[m & 0x3f];
    if (rm != RM_RNE)
        __asm__ volatile("ldmxcsr %0" : : "m"(mxcsr_default));
}

#define HOST_BINOP(name, type, insn)                                               \
    static type name(type a, type b, int rm, u32 *fl)                              \
    {                                                                              \
        host_enter(rm, *fl);                                                       \
        __asm__ volatile(insn " %[b], %[a]" : [a] "+x"(a) : [b] "x"(b));           \
        host_leave(rm, fl);                                                        \
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
        host_enter(rm, *fl);                                                       \
        __asm__ volatile(insn " %[b], %[a], %[c]" : [c] "+x"(c) : [a] "x"(a), [b] "x"(b)); \
        host_leave(rm, fl);                                                        \
        return c;                                                                  \
    }

HOST_FMA(host_fma_s, float, "vfmadd231ss")
HOST_FMA(host_fma_d, double, "vfmadd231sd")

#define HOST_UNOP(name, rtype, atype, insn)                                        \
    static rtype name(atype a, int rm, u32 *fl)                                    \
    {                                                                              \
        rtype r;                                                                   \
        host_enter(rm, *fl);                                                       \
        __asm__ volatile(insn " %[a], %[r]" : [r] "=x"(r) : [a] "x"(a));           \
        host_leave(rm, fl);                                                        \
        return r;                                                                  \
    }

HOST_UNOP(host_sqrt_s, float, float, "sqrtss")
HOST_UNOP(host_sqrt_d, double, double, "sqrtsd")
HOST_UNOP(host_cvt_s_d, float, double, "cvtsd2ss")

/* ---- bits <-> values, classification -------------------------------- */

static inline float f_of(u32 b) { float f; memcpy(&f, &b, 4); return f; }
static inline u32 bits_f(float f) { u32 b; memcpy(&b, &f, 4); return b; }
static inline double d_of(u64 b) { double d; memcpy(&d, &b, 8); return d; }
static inline u64 bits_d(double d) { u64 b; memcpy(&b, &d, 8); return b; }

/* An F op reads a single that is not NaN-boxed as the canonical NaN. */
static inline u32 unbox(u64 v) { return (v >> 32) == 0xffffffffu ? (u32)v : CANON_S; }

static inline bool nan_s(u32 b) { return (b & ~SIGN_S) > 0x7f800000u; }
static inline bool nan_d(u64 b) { return (b & ~SIGN_D) > 0x7ff0000000000000ull; }
static inline bool snan_s(u32 b) { return nan_s(b) && !(b & 0x00400000u); }
static inline bool snan_d(u64 b) { return nan_d(b) && !(b & 0x0008000000000000ull); }
static inline bool fin_s(u32 b) { return (b & 0x7f800000u) != 0x7f800000u; }
static inline bool fin_d(u64 b) { return (b & 0x7ff0000000000000ull) != 0x7ff0000000000000ull; }
static inline bool zero_s(u32 b) { return !(b & ~SIGN_S); }
static inline bool zero_d(u64 b) { return !(b & ~SIGN_D); }

static inline u64 ret_s(float r) { u32 b = bits_f(r); return BOX | (nan_s(b) ? CANON_S : b); }
static inline u64 ret_d(double r) { u64 b = bits_d(r); return nan_d(b) ? CANON_D : b; }

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
 * keeps every class): the spec's NV cases, including inf*0 + qNaN. */
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

/* ---- sign injection, min/max, compares, fclass ---------------------- */

static u64 sgnj_s(u32 a, u32 b, int kind)
{
    u32 s = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
    return BOX | (a & ~SIGN_S) | (s & SIGN_S);
}

static u64 sgnj_d(u64 a, u64 b, int kind)
{
    u64 s = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
    return (a & ~SIGN_D) | (s & SIGN_D);
}

/* IEEE 754-2019 minimumNumber/maximumNumber; -0 < +0; NV only for sNaN.
 * x, y are the operands widened to double (exact), xb/yb their signs. */
static int minmax_pick(double x, double y, bool is_max)
{
    if (x == y) /* equal, or +0 vs -0: pick by sign */
        return (__builtin_signbit(x) != 0) == is_max;
    return (x < y) == is_max; /* 0 picks x, 1 picks y */
}

static u64 minmax_s(u32 a, u32 b, bool is_max, u32 *fl)
{
    if (snan_s(a) || snan_s(b))
        *fl |= FFLAG_NV;
    if (nan_s(a) || nan_s(b))
        return BOX | (nan_s(a) ? (nan_s(b) ? CANON_S : b) : a);
    return BOX | (minmax_pick(f_of(a), f_of(b), is_max) ? b : a);
}

static u64 minmax_d(u64 a, u64 b, bool is_max, u32 *fl)
{
    if (snan_d(a) || snan_d(b))
        *fl |= FFLAG_NV;
    if (nan_d(a) || nan_d(b))
        return nan_d(a) ? (nan_d(b) ? CANON_D : b) : a;
    return minmax_pick(d_of(a), d_of(b), is_max) ? b : a;
}

enum cmp { CMP_EQ, CMP_LT, CMP_LE };

/* feq is a quiet compare (NV for sNaN only), flt/fle signalling (any NaN). */
static u64 compare(double x, double y, bool any_nan, bool any_snan, enum cmp k, u32 *fl)
{
    if (any_nan) {
        if (any_snan || k != CMP_EQ)
            *fl |= FFLAG_NV;
        return 0;
    }
    return k == CMP_EQ ? x == y : k == CMP_LT ? x < y : x <= y;
}

static u64 cmp_s(u32 a, u32 b, enum cmp k, u32 *fl)
{
    return compare(f_of(a), f_of(b), nan_s(a) || nan_s(b), snan_s(a) || snan_s(b), k, fl);
}

static u64 cmp_d(u64 a, u64 b, enum cmp k, u32 *fl)
{
    return compare(d_of(a), d_of(b), nan_d(a) || nan_d(b), snan_d(a) || snan_d(b), k, fl);
}

/* One bit: 0 -inf, 1 -normal, 2 -subnormal, 3 -0, 4 +0, 5 +subnormal,
 * 6 +normal, 7 +inf, 8 sNaN, 9 qNaN. */
static u64 classify(bool neg, bool exp_all1, bool exp_zero, bool frac_zero, bool quiet)
{
    if (exp_all1)
        return frac_zero ? (neg ? 1 : 0x80) : quiet ? 0x200 : 0x100;
    int bit = exp_zero ? (frac_zero ? 3 : 2) : 1;
    return neg ? 1u << bit : 1u << (7 - bit);
}

static u64 fclass_s(u32 a)
{
    u32 e = a & 0x7f800000u, m = a & 0x7fffffu;
    return classify(a >> 31, e == 0x7f800000u, e == 0, m == 0, a & 0x400000u);
}

static u64 fclass_d(u64 a)
{
    u64 e = a & 0x7ff0000000000000ull, m = a & 0xfffffffffffffull;
    return classify(a >> 63, e == 0x7ff0000000000000ull, e == 0, m == 0,
                    a & 0x8000000000000ull);
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
    case OP_FSGNJ_S: return sgnj_s(a, b, 0);
    case OP_FSGNJN_S: return sgnj_s(a, b, 1);
    case OP_FSGNJX_S: return sgnj_s(a, b, 2);
    case OP_FMIN_S: return minmax_s(a, b, false, fl);
    case OP_FMAX_S: return minmax_s(a, b, true, fl);
    case OP_FEQ_S: return cmp_s(a, b, CMP_EQ, fl);
    case OP_FLT_S: return cmp_s(a, b, CMP_LT, fl);
    case OP_FLE_S: return cmp_s(a, b, CMP_LE, fl);
    case OP_FCLASS_S: return fclass_s(a);
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
    case OP_FSGNJ_D: return sgnj_d(a, b, 0);
    case OP_FSGNJN_D: return sgnj_d(a, b, 1);
    case OP_FSGNJX_D: return sgnj_d(a, b, 2);
    case OP_FMIN_D: return minmax_d(a, b, false, fl);
    case OP_FMAX_D: return minmax_d(a, b, true, fl);
    case OP_FEQ_D: return cmp_d(a, b, CMP_EQ, fl);
    case OP_FLT_D: return cmp_d(a, b, CMP_LT, fl);
    case OP_FLE_D: return cmp_d(a, b, CMP_LE, fl);
    case OP_FCLASS_D: return fclass_d(a);
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
    case OP_FCVT_S_W: case OP_FCVT_D_W: {
        i32 v = (i32)a;
        return box | fpu_soft_from_int(f, v < 0, v < 0 ? -(u64)(i64)v : (u64)v, rm, fl);
    }
    case OP_FCVT_S_WU: case OP_FCVT_D_WU:
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
    u32 fl = cpu->fcsr & 0x1f; /* what is already set (see host_enter) */
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
