/* Exact software floating point: the result of add, mul, div and fma is
 * formed exactly in 128-bit integers (or its leading bits plus a sticky
 * bit), then rounded once by fpu_round_pack in any RISC-V rounding mode.
 *
 * Why: x86 has no round-to-nearest-ties-away (RMM), hosts may lack FMA3,
 * and float<->int conversions need the spec's saturation. fpu.c uses the
 * host SSE unit for everything else. Tininess is detected after rounding
 * (rounding to the target precision with an unbounded exponent), as the
 * RISC-V spec requires; UF is raised only when the result is tiny and
 * inexact. Only finite operands come here. */
#include "cpu/fpu_internal.h"

#include "cpu/insn.h"

const struct fp_fmt fpu_fmt_s = { 24, 23, 127, -126, 127, 31 };
const struct fp_fmt fpu_fmt_d = { 53, 52, 1023, -1022, 1023, 63 };

static int clz128(u128 v)
{
    u64 hi = (u64)(v >> 64);
    return hi ? __builtin_clzll(hi) : 64 + __builtin_clzll((u64)v);
}

/* sig >> sh rounded per rm (sig < 2^127, sh >= 1); *inex says bits were lost. */
static u128 round_shift(u128 sig, int sh, bool sticky, int rm, bool sign, bool *inex)
{
    u128 q;
    bool rnd, st;
    if (sh >= 128) {
        q = 0;
        rnd = false;
        st = sticky || sig != 0;
    } else {
        q = sig >> sh;
        rnd = (sig >> (sh - 1)) & 1;
        st = sticky || (sig & (((u128)1 << (sh - 1)) - 1)) != 0;
    }
    *inex = rnd || st;
    bool up;
    switch (rm) {
    case RM_RNE: up = rnd && (st || (q & 1)); break;
    case RM_RDN: up = *inex && sign; break;
    case RM_RUP: up = *inex && !sign; break;
    case RM_RMM: up = rnd; break;
    default: up = false; break; /* RTZ */
    }
    return q + up;
}

static u64 overflow_result(const struct fp_fmt *f, bool sign, int rm, u32 *fl)
{
    u64 inf = (u64)(2 * f->bias + 1) << f->mbits;
    bool to_inf = rm == RM_RNE || rm == RM_RMM || (rm == RM_RDN && sign) ||
                  (rm == RM_RUP && !sign);
    *fl |= FFLAG_OF | FFLAG_NX;
    return (u64)sign << f->sbit | (to_inf ? inf : inf - 1);
}

u64 fpu_round_pack(const struct fp_fmt *f, bool sign, int exp, u128 sig,
                   bool sticky, int rm, u32 *fl)
{
    u64 sgn = (u64)sign << f->sbit;
    if (sig == 0)
        return sgn;
    int sh = clz128(sig) - 1; /* bring the leading 1 to bit 126 */
    if (sh >= 0) {
        sig <<= sh;
    } else {
        sticky |= sig & 1;
        sig >>= 1;
    }
    exp -= sh;
    int e = exp + 126; /* value in [2^e, 2^(e+1)) */
    bool inex;
    u128 m = round_shift(sig, 127 - f->p, sticky, rm, sign, &inex);
    if (e < f->emin) {
        /* Tiny after rounding = below 2^emin even with unbounded exponent. */
        bool tiny = !(m >> f->p) || e + 1 < f->emin;
        m = round_shift(sig, 127 - f->p + (f->emin - e), sticky, rm, sign, &inex);
        if (inex)
            *fl |= FFLAG_NX | (tiny ? FFLAG_UF : 0);
        return sgn | (u64)m; /* m == 2^(p-1) encodes the smallest normal */
    }
    if (m >> f->p) {
        m >>= 1;
        e++;
    }
    if (e > f->emax)
        return overflow_result(f, sign, rm, fl);
    if (inex)
        *fl |= FFLAG_NX;
    return sgn | (u64)(e + f->bias) << f->mbits | ((u64)m & ((1ull << f->mbits) - 1));
}

/* Splits a finite value into sign, sig and exp: value = sig * 2^exp. */
static bool unpack(const struct fp_fmt *f, u64 bits, int *exp, u64 *sig)
{
    int e = (int)((bits >> f->mbits) & (u64)(2 * f->bias + 1));
    u64 frac = bits & ((1ull << f->mbits) - 1);
    *sig = e ? frac | 1ull << f->mbits : frac;
    *exp = (e ? e : 1) - f->bias - f->mbits;
    return (bits >> f->sbit) & 1;
}

/* Exact (-1)^sa*A*2^ea + (-1)^sb*B*2^eb, rounded once. A, B < 2^126. */
static u64 add_exact(const struct fp_fmt *f, bool sa, int ea, u128 A, bool sb, int eb,
                     u128 B, int rm, u32 *fl)
{
    if (A == 0 && B == 0)
        return (u64)(sa == sb ? sa : rm == RM_RDN) << f->sbit;
    if (A == 0)
        return fpu_round_pack(f, sb, eb, B, false, rm, fl);
    if (B == 0)
        return fpu_round_pack(f, sa, ea, A, false, rm, fl);
    int s = clz128(A) - 2;
    A <<= s, ea -= s;
    s = clz128(B) - 2;
    B <<= s, eb -= s;
    if (ea < eb || (ea == eb && A < B)) {
        u128 t = A; A = B; B = t;
        int te = ea; ea = eb; eb = te;
        bool ts = sa; sa = sb; sb = ts;
    }
    int d = ea - eb;
    /* Bits shifted out of B are jammed into its last bit: the result's
     * rounding point lies far above it, so rounding sees the right side. */
    if (d > 125)
        B = 1;
    else if (d > 0)
        B = (B >> d) | ((B & (((u128)1 << d) - 1)) != 0);
    u128 S;
    if (sa == sb) {
        S = A + B;
    } else {
        S = A - B;
        if (S == 0) /* exact cancellation: +0, or -0 when rounding down */
            return (u64)(rm == RM_RDN) << f->sbit;
    }
    return fpu_round_pack(f, sa, ea, S, false, rm, fl);
}

u64 fpu_soft_add(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl)
{
    int ea, eb;
    u64 ma, mb;
    bool sa = unpack(f, a, &ea, &ma), sb = unpack(f, b, &eb, &mb);
    return add_exact(f, sa, ea, ma, sb, eb, mb, rm, fl);
}

u64 fpu_soft_mul(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl)
{
    int ea, eb;
    u64 ma, mb;
    bool sa = unpack(f, a, &ea, &ma), sb = unpack(f, b, &eb, &mb);
    return fpu_round_pack(f, sa ^ sb, ea + eb, (u128)ma * mb, false, rm, fl);
}

u64 fpu_soft_div(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl)
{
    int ea, eb;
    u64 ma, mb;
    bool sa = unpack(f, a, &ea, &ma), sb = unpack(f, b, &eb, &mb);
    if (ma == 0)
        return (u64)(sa ^ sb) << f->sbit;
    int la = __builtin_clzll(ma), lb = __builtin_clzll(mb);
    ma <<= la, mb <<= lb;
    u128 n = (u128)ma << 64;
    u128 q = n / mb; /* in (2^63, 2^65): at least p + 2 bits */
    bool sticky = n % mb != 0;
    return fpu_round_pack(f, sa ^ sb, ea - la - (eb - lb) - 64, q, sticky, rm, fl);
}

u64 fpu_soft_fma(const struct fp_fmt *f, u64 a, u64 b, u64 c, int rm, u32 *fl)
{
    int ea, eb, ec;
    u64 ma, mb, mc;
    bool sa = unpack(f, a, &ea, &ma), sb = unpack(f, b, &eb, &mb);
    bool sc = unpack(f, c, &ec, &mc);
    return add_exact(f, sa ^ sb, ea + eb, (u128)ma * mb, sc, ec, mc, rm, fl);
}

u64 fpu_soft_from_int(const struct fp_fmt *f, bool neg, u64 mag, int rm, u32 *fl)
{
    return fpu_round_pack(f, neg && mag, 0, mag, false, rm, fl);
}

u64 fpu_soft_d_to_s(u64 d, int rm, u32 *fl)
{
    int e;
    u64 m;
    bool s = unpack(&fpu_fmt_d, d, &e, &m);
    return fpu_round_pack(&fpu_fmt_s, s, e, m, false, rm, fl);
}

/* The spec's saturation value: NaN and too-large positives give the
 * maximum, too-large negatives the minimum (0 for unsigned). */
static u64 to_int_saturate(bool neg, bool is_signed, int width, u32 *fl)
{
    *fl |= FFLAG_NV;
    if (is_signed) {
        u64 max = (1ull << (width - 1)) - 1;
        return neg ? ~max : max; /* ~max is the sign-extended minimum */
    }
    return neg ? 0 : ~0ull; /* 32-bit max 0xffffffff sign-extends too */
}

u64 fpu_soft_to_int(const struct fp_fmt *f, u64 src, bool is_signed, int width,
                    int rm, u32 *fl)
{
    u64 emask = (u64)(2 * f->bias + 1);
    u64 frac = src & ((1ull << f->mbits) - 1);
    bool neg = (src >> f->sbit) & 1;
    if (((src >> f->mbits) & emask) == emask) /* NaN reads as positive */
        return to_int_saturate(frac ? false : neg, is_signed, width, fl);
    int exp;
    u64 sig;
    unpack(f, src, &exp, &sig);
    u128 mag;
    bool inex = false;
    if (exp >= 0) {
        if (exp > 64)
            return to_int_saturate(neg, is_signed, width, fl);
        mag = (u128)sig << exp;
    } else {
        mag = round_shift(sig, -exp, false, rm, neg, &inex);
    }
    u128 lim = is_signed ? ((u128)1 << (width - 1)) - !neg
                         : neg ? 0 : ((u128)1 << width) - 1;
    if (mag > lim)
        return to_int_saturate(neg, is_signed, width, fl);
    if (inex)
        *fl |= FFLAG_NX;
    u64 v = neg ? -(u64)mag : (u64)mag;
    return width == 32 ? (u64)(i64)(i32)(u32)v : v;
}
