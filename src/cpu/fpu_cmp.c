/* The F/D operations that never round: sign injection, IEEE 754-2019
 * minimumNumber/maximumNumber, the quiet (feq) and signalling (flt, fle)
 * compares, and fclass. Done on bits and exact host compares; x86's
 * minsd/maxsd and NaN rules differ from RISC-V's, so no SSE tricks here.
 * Called by fpu.c with singles already unboxed. */
#include "cpu/fpu_internal.h"

u64 fpu_sgnj_s(u32 a, u32 b, int kind)
{
    u32 s = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
    return BOX | (a & ~SIGN_S) | (s & SIGN_S);
}

u64 fpu_sgnj_d(u64 a, u64 b, int kind)
{
    u64 s = kind == 0 ? b : kind == 1 ? ~b : a ^ b;
    return (a & ~SIGN_D) | (s & SIGN_D);
}

/* IEEE 754-2019 minimumNumber/maximumNumber; -0 < +0; NV only for sNaN.
 * x, y are the (non-NaN) operands widened to double, which is exact.
 * Returns 1 to pick the second operand, 0 the first. */
static int minmax_pick(double x, double y, bool is_max)
{
    if (x == y) /* equal, or +0 vs -0: pick by sign */
        return (__builtin_signbit(x) != 0) == is_max;
    return (x < y) == is_max;
}

u64 fpu_minmax_s(u32 a, u32 b, bool is_max, u32 *fl)
{
    if (snan_s(a) || snan_s(b))
        *fl |= FFLAG_NV;
    if (nan_s(a) || nan_s(b))
        return BOX | (nan_s(a) ? (nan_s(b) ? CANON_S : b) : a);
    return BOX | (minmax_pick(f_of(a), f_of(b), is_max) ? b : a);
}

u64 fpu_minmax_d(u64 a, u64 b, bool is_max, u32 *fl)
{
    if (snan_d(a) || snan_d(b))
        *fl |= FFLAG_NV;
    if (nan_d(a) || nan_d(b))
        return nan_d(a) ? (nan_d(b) ? CANON_D : b) : a;
    return minmax_pick(d_of(a), d_of(b), is_max) ? b : a;
}

/* feq is a quiet compare (NV for sNaN only), flt/fle signalling (any NaN). */
static u64 compare(double x, double y, bool any_nan, bool any_snan, enum fpu_cmp k, u32 *fl)
{
    if (any_nan) {
        if (any_snan || k != CMP_EQ)
            *fl |= FFLAG_NV;
        return 0;
    }
    return k == CMP_EQ ? x == y : k == CMP_LT ? x < y : x <= y;
}

u64 fpu_cmp_s(u32 a, u32 b, enum fpu_cmp k, u32 *fl)
{
    return compare(f_of(a), f_of(b), nan_s(a) || nan_s(b), snan_s(a) || snan_s(b), k, fl);
}

u64 fpu_cmp_d(u64 a, u64 b, enum fpu_cmp k, u32 *fl)
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

u64 fpu_fclass_s(u32 a)
{
    u32 e = a & 0x7f800000u, m = a & 0x7fffffu;
    return classify(a >> 31, e == 0x7f800000u, e == 0, m == 0, a & 0x400000u);
}

u64 fpu_fclass_d(u64 a)
{
    u64 e = a & 0x7ff0000000000000ull, m = a & 0xfffffffffffffull;
    return classify(a >> 63, e == 0x7ff0000000000000ull, e == 0, m == 0,
                    a & 0x8000000000000ull);
}
