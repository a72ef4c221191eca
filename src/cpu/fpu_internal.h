/* Internals shared by fpu.c (dispatch, host SSE path) and fpu_soft.c
 * (exact software arithmetic). Not for use outside src/cpu/fpu*.c.
 *
 * The software path computes the exact result (or the exact result's
 * leading bits plus a sticky bit) in integers and rounds it once with
 * fpu_round_pack, in any of the five RISC-V rounding modes. It handles
 * finite operands only (zeros included); callers deal with NaN and
 * infinity first. Flags are RISC-V fflags bits (FFLAG_*), OR-ed into *fl. */
#ifndef RVX_CPU_FPU_INTERNAL_H
#define RVX_CPU_FPU_INTERNAL_H

#include "base/types.h"
#include "cpu/cpu.h"

struct fp_fmt {
    int p;      /* precision, hidden bit included: 24 or 53 */
    int mbits;  /* stored fraction bits: 23 or 52 */
    int bias;   /* 127 or 1023 */
    int emin;   /* exponent of the smallest normal: -126 or -1022 */
    int emax;   /* exponent of the largest finite: 127 or 1023 */
    int sbit;   /* sign bit position: 31 or 63 */
};

extern const struct fp_fmt fpu_fmt_s, fpu_fmt_d;

/* Host has FMA3 (set at start-up); tests clear it to exercise the software
 * fma that hosts without FMA3 use. */
extern bool fpu_have_fma;

/* Rounds (-1)^sign * (sig + sticky*epsilon) * 2^exp to the format. sticky
 * says the true value lies strictly above sig*2^exp (below its last bit).
 * Returns the raw bits (a single in the low 32 bits, unboxed). */
u64 fpu_round_pack(const struct fp_fmt *f, bool sign, int exp, u128 sig,
                   bool sticky, int rm, u32 *fl);

/* Exact-then-round operations on raw finite operands of format f. */
u64 fpu_soft_add(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl);
u64 fpu_soft_mul(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl);
u64 fpu_soft_div(const struct fp_fmt *f, u64 a, u64 b, int rm, u32 *fl); /* b != 0 */
u64 fpu_soft_fma(const struct fp_fmt *f, u64 a, u64 b, u64 c, int rm, u32 *fl);

/* Conversions. to_int: width 32 or 64; NaN, infinities and out-of-range
 * values saturate per the spec table with NV; 32-bit results come back
 * sign-extended to 64 bits (fcvt.wu too). src is a finite or special
 * value of format f. */
u64 fpu_soft_from_int(const struct fp_fmt *f, bool neg, u64 mag, int rm, u32 *fl);
u64 fpu_soft_to_int(const struct fp_fmt *f, u64 src, bool is_signed, int width,
                    int rm, u32 *fl);
/* Narrows a finite double to single (fcvt.s.d), any rounding mode. */
u64 fpu_soft_d_to_s(u64 d, int rm, u32 *fl);

#endif
