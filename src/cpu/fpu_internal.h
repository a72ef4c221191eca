/* Internals shared by fpu.c (dispatch, host SSE path), fpu_cmp.c (ops
 * that never round) and fpu_soft.c (exact software arithmetic). Not for
 * use outside src/cpu/fpu*.c.
 *
 * The software path computes the exact result (or the exact result's
 * leading bits plus a sticky bit) in integers and rounds it once with
 * fpu_round_pack, in any of the five RISC-V rounding modes. It handles
 * finite operands only (zeros included); callers deal with NaN and
 * infinity first. Flags are RISC-V fflags bits (FFLAG_*), OR-ed into *fl. */
#ifndef RVX_CPU_FPU_INTERNAL_H
#define RVX_CPU_FPU_INTERNAL_H

#include <string.h>

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

#define CANON_S 0x7fc00000u
#define CANON_D 0x7ff8000000000000ull
#define BOX 0xffffffff00000000ull
#define SIGN_S 0x80000000u
#define SIGN_D 0x8000000000000000ull

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

/* fpu_cmp.c: operations that never round. kind: 0 fsgnj, 1 fsgnjn, 2 fsgnjx. */
enum fpu_cmp { CMP_EQ, CMP_LT, CMP_LE };
u64 fpu_sgnj_s(u32 a, u32 b, int kind);
u64 fpu_sgnj_d(u64 a, u64 b, int kind);
u64 fpu_minmax_s(u32 a, u32 b, bool is_max, u32 *fl);
u64 fpu_minmax_d(u64 a, u64 b, bool is_max, u32 *fl);
u64 fpu_cmp_s(u32 a, u32 b, enum fpu_cmp k, u32 *fl);
u64 fpu_cmp_d(u64 a, u64 b, enum fpu_cmp k, u32 *fl);
u64 fpu_fclass_s(u32 a);
u64 fpu_fclass_d(u64 a);

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
