/* F/D semantics (src/cpu/fpu*.c), host-only.
 *
 * 1. Edge cases with expected results and fflags derived by hand from the
 *    RISC-V spec (chapters F, D) and IEEE 754: ties and near-ties in all
 *    five rounding modes, NaNs (quiet, signalling, improperly boxed),
 *    infinities, signed zeros, subnormals, overflow, tininess after
 *    rounding, every fcvt saturation case, min/max, compares, fclass, fma.
 * 2. Random cross-checks: the exact software path against the host SSE
 *    path in RNE/RTZ/RDN/RUP, software fma against host fma, and RMM
 *    against a reference built from the directed results plus an exact
 *    comparison with the midpoint in binary128 (or double for singles).
 * Prints failures and "test_fpu: N checks, M failed"; exits non-zero on
 * any failure.
 *
 * test_fpu --edge prints the hand-derived cases of part 1 in that log's
 * format (the source of tests/fp/fpedge.expected).
 * test_fpu LOG replays a tests/fp/fprand log printed under qemu-riscv64
 * through fpu_exec instead (tests/fp/run.sh does this). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cpu/fpu.h"
#include "cpu/fpu_internal.h"

static int n_checks, n_fail;
static struct cpu cpu;

enum { NV = 16, DZ = 8, OF = 4, UF = 2, NX = 1 };
enum { RNE, RTZ, RDN, RUP, RMM };

#define B(x) (0xffffffff00000000ull | (u32)(x)) /* NaN-boxed single */
#define CS B(0x7fc00000)                       /* canonical single NaN */
#define CD 0x7ff8000000000000ull               /* canonical double NaN */

static u64 run(enum rv_op op, u64 a, u64 b, u64 c, int rm, u32 *fl)
{
    cpu.fcsr = 0;
    u64 r = fpu_exec(&cpu, op, a, b, c, rm);
    *fl = cpu.fcsr;
    return r;
}

static FILE *edge_out; /* test_fpu --edge: print the cases, do not run them */
static void edge_line(enum rv_op op, u64 a, u64 b, u64 c, int rm, u64 want, u32 wfl);

static void check(int line, enum rv_op op, u64 a, u64 b, u64 c, int rm, u64 want, u32 wfl)
{
    u32 fl;
    if (edge_out) {
        edge_line(op, a, b, c, rm, want, wfl);
        return;
    }
    u64 r = run(op, a, b, c, rm, &fl);
    n_checks++;
    if (r != want || fl != wfl) {
        n_fail++;
        printf("line %d: op %d rm %d a=%#llx b=%#llx c=%#llx: got %#llx fl %#x, want %#llx fl %#x\n",
               line, op, rm, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
               (unsigned long long)r, fl, (unsigned long long)want, wfl);
    }
}

#define T3(op, a, b, c, rm, want, fl) check(__LINE__, OP_##op, a, b, c, rm, want, fl)
#define T(op, a, b, rm, want, fl) T3(op, a, b, 0, rm, want, fl)
#define T1(op, a, rm, want, fl) T3(op, a, 0, 0, rm, want, fl)
/* Same operands in all five modes: results for RNE RTZ RDN RUP RMM. */
#define T5(op, a, b, c, r0, r1, r2, r3, r4, fl)                                    \
    do {                                                                           \
        u64 w_[5] = { r0, r1, r2, r3, r4 };                                        \
        for (int m_ = 0; m_ < 5; m_++)                                             \
            check(__LINE__, OP_##op, a, b, c, m_, w_[m_], fl);                     \
    } while (0)

static void test_rounding(void)
{
    /* 1 + 2^-24: exact tie in single; RNE keeps even 1.0, RMM goes away. */
    T5(FADD_S, B(0x3f800000), B(0x33800000), 0, B(0x3f800000), B(0x3f800000),
       B(0x3f800000), B(0x3f800001), B(0x3f800001), NX);
    /* (1+2^-23) + 2^-24: tie, even neighbour is the upper one. */
    T5(FADD_S, B(0x3f800001), B(0x33800000), 0, B(0x3f800002), B(0x3f800001),
       B(0x3f800001), B(0x3f800002), B(0x3f800002), NX);
    /* -1 - 2^-24: negative tie. */
    T5(FADD_S, B(0xbf800000), B(0xb3800000), 0, B(0xbf800000), B(0xbf800000),
       B(0xbf800001), B(0xbf800000), B(0xbf800001), NX);
    /* 1 + 2^-24(1+2^-23): just above the tie. */
    T5(FADD_S, B(0x3f800000), B(0x33800001), 0, B(0x3f800001), B(0x3f800000),
       B(0x3f800000), B(0x3f800001), B(0x3f800001), NX);
    /* 1 + 2^-24 - 2^-48 (1 - (2^-24 ... ) just below the tie: fsub. */
    T5(FSUB_S, B(0x3f800000), B(0xb37fffff), 0, B(0x3f800000), B(0x3f800000),
       B(0x3f800000), B(0x3f800001), B(0x3f800000), NX);
    /* Double 1 + 2^-53. */
    T5(FADD_D, 0x3ff0000000000000ull, 0x3ca0000000000000ull, 0, 0x3ff0000000000000ull,
       0x3ff0000000000000ull, 0x3ff0000000000000ull, 0x3ff0000000000001ull,
       0x3ff0000000000001ull, NX);
    /* (1 + 3*2^-52) * 1.5 = 1.5 + 4*2^-52 + 2^-53: tie, even is down. */
    T5(FMUL_D, 0x3ff0000000000003ull, 0x3ff8000000000000ull, 0, 0x3ff8000000000004ull,
       0x3ff8000000000004ull, 0x3ff8000000000004ull, 0x3ff8000000000005ull,
       0x3ff8000000000005ull, NX);
    /* Negative of the same. */
    T5(FMUL_D, 0xbff0000000000003ull, 0x3ff8000000000000ull, 0, 0xbff8000000000004ull,
       0xbff8000000000004ull, 0xbff8000000000005ull, 0xbff8000000000004ull,
       0xbff8000000000005ull, NX);
    /* 5*2^-1074 / 2 = 2.5 units of the subnormal grid: tie, tiny. */
    T5(FDIV_D, 5, 0x4000000000000000ull, 0, 2, 2, 2, 3, 3, UF | NX);
    T5(FDIV_S, B(5), B(0x40000000), 0, B(2), B(2), B(2), B(3), B(3), UF | NX);
    T5(FDIV_D, 0x8000000000000005ull, 0x4000000000000000ull, 0, 0x8000000000000002ull,
       0x8000000000000002ull, 0x8000000000000003ull, 0x8000000000000002ull,
       0x8000000000000003ull, UF | NX);
    /* 1/3: not a tie. */
    T5(FDIV_D, 0x3ff0000000000000ull, 0x4008000000000000ull, 0, 0x3fd5555555555555ull,
       0x3fd5555555555555ull, 0x3fd5555555555555ull, 0x3fd5555555555556ull,
       0x3fd5555555555555ull, NX);
    /* sqrt(2) = 1.41421356237309504..., the nearest double lies above. */
    T5(FSQRT_D, 0x4000000000000000ull, 0, 0, 0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bccull,
       0x3ff6a09e667f3bccull, 0x3ff6a09e667f3bcdull, 0x3ff6a09e667f3bcdull, NX);
    T5(FSQRT_D, 0x4010000000000000ull, 0, 0, 0x4000000000000000ull, 0x4000000000000000ull,
       0x4000000000000000ull, 0x4000000000000000ull, 0x4000000000000000ull, 0);
    /* x - x is +0 except in RDN. */
    T5(FSUB_D, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0, 0, 0, 1ull << 63, 0, 0, 0);
    T5(FADD_S, B(0x3f800000), B(0xbf800000), 0, B(0), B(0), B(0x80000000), B(0), B(0), 0);
}

static void test_overflow_underflow(void)
{
    u64 maxd = 0x7fefffffffffffffull, infd = 0x7ff0000000000000ull;
    T5(FMUL_D, maxd, 0x4000000000000000ull, 0, infd, maxd, maxd, infd, infd, OF | NX);
    T5(FMUL_D, maxd | 1ull << 63, 0x4000000000000000ull, 0, infd | 1ull << 63,
       maxd | 1ull << 63, infd | 1ull << 63, maxd | 1ull << 63, infd | 1ull << 63, OF | NX);
    T5(FMUL_S, B(0x7f7fffff), B(0x40000000), 0, B(0x7f800000), B(0x7f7fffff),
       B(0x7f7fffff), B(0x7f800000), B(0x7f800000), OF | NX);
    /* max + half an ulp: a tie that RNE and RMM both send to infinity. */
    T(FADD_S, B(0x7f7fffff), B(0x73000000), RNE, B(0x7f800000), OF | NX);
    T(FADD_S, B(0x7f7fffff), B(0x73000000), RMM, B(0x7f800000), OF | NX);
    T(FADD_S, B(0x7f7fffff), B(0x73000000), RTZ, B(0x7f7fffff), NX);
    /* (1-2^-24) * 2^-126 = 2^-126 - 2^-150: exact at 24 bits with
     * unbounded exponent, so tiny; on the subnormal grid a tie that rounds
     * to the smallest normal. Tiny and inexact: UF even so. */
    T5(FMUL_S, B(0x3f7fffff), B(0x00800000), 0, B(0x00800000), B(0x007fffff),
       B(0x007fffff), B(0x00800000), B(0x00800000), UF | NX);
    T5(FMUL_D, 0x3fefffffffffffffull, 0x0010000000000000ull, 0, 0x0010000000000000ull,
       0x000fffffffffffffull, 0x000fffffffffffffull, 0x0010000000000000ull,
       0x0010000000000000ull, UF | NX);
    /* 2^-126 (1 - 2^-26) to single: rounds to 2^-126 at 24 bits, so not
     * tiny when rounding up or to nearest: NX only. */
    u64 x = 0x380ffffff8000000ull;
    T1(FCVT_S_D, x, RNE, B(0x00800000), NX);
    T1(FCVT_S_D, x, RMM, B(0x00800000), NX);
    T1(FCVT_S_D, x, RUP, B(0x00800000), NX);
    T1(FCVT_S_D, x, RTZ, B(0x007fffff), UF | NX);
    T1(FCVT_S_D, x, RDN, B(0x007fffff), UF | NX);
    /* Exact subnormal results raise nothing. */
    T(FMUL_D, 2, 0x3fe0000000000000ull, RNE, 1, 0);
    T(FMUL_S, B(0x00000001), B(0x3f000000), RNE, B(0), UF | NX);
    T(FMUL_S, B(0x00000001), B(0x3f000000), RUP, B(1), UF | NX);
    T(FMUL_S, B(0x00000001), B(0x3f000000), RMM, B(1), UF | NX);
    T(FMUL_S, B(0x80000001), B(0x3f000000), RMM, B(0x80000001), UF | NX);
    T(FMUL_S, B(0x80000001), B(0x3f000000), RNE, B(0x80000000), UF | NX);
}

static void test_nan(void)
{
    u64 one = 0x3ff0000000000000ull;
    T(FADD_D, 0xfff8000000001234ull, one, RNE, CD, 0); /* payload/sign dropped */
    T(FADD_D, 0x7ff0000000000001ull, one, RNE, CD, NV); /* sNaN */
    T(FADD_D, 0x7ff0000000000001ull, one, RMM, CD, NV);
    T(FSUB_D, 0x7ff0000000000000ull, 0x7ff0000000000000ull, RNE, CD, NV);
    T(FMUL_D, 0x7ff0000000000000ull, 0, RMM, CD, NV);
    T(FDIV_D, 0, 0, RNE, CD, NV);
    T(FDIV_D, 0, 0, RMM, CD, NV);
    T(FDIV_D, one, 0, RNE, 0x7ff0000000000000ull, DZ);
    T(FDIV_D, one | 1ull << 63, 0, RMM, 0xfff0000000000000ull, DZ);
    T(FDIV_D, 0x7ff0000000000000ull, 0, RNE, 0x7ff0000000000000ull, 0);
    T(FDIV_S, B(0x3f800000), B(0x80000000), RNE, B(0xff800000), DZ);
    T1(FSQRT_D, one | 1ull << 63, RNE, CD, NV);
    T1(FSQRT_D, 1ull << 63, RNE, 1ull << 63, 0);
    T1(FSQRT_S, B(0xbf800000), RMM, CS, NV);
    T1(FSQRT_S, B(0xff800001), RNE, CS, NV);
    /* Improperly boxed singles read as the canonical (quiet) NaN. */
    T(FADD_S, 0x000000003f800000ull, B(0x3f800000), RNE, CS, 0);
    T(FADD_S, 0x7fffffff3f800000ull, B(0x3f800000), RMM, CS, 0);
    T(FADD_S, B(0x7f800001), B(0x3f800000), RNE, CS, NV);
    T(FADD_S, B(0xffc01234), B(0x3f800000), RNE, CS, 0);
    T(FMUL_S, B(0x7f800000), B(0), RNE, CS, NV);
}

static void test_sgnj_minmax(void)
{
    u64 one = 0x3ff0000000000000ull, two = 0x4000000000000000ull;
    T(FSGNJ_D, one, two | 1ull << 63, 0, one | 1ull << 63, 0);
    T(FSGNJN_D, one, two | 1ull << 63, 0, one, 0);
    T(FSGNJX_D, one | 1ull << 63, two | 1ull << 63, 0, one, 0);
    T(FSGNJ_D, 0x7ff0000000000001ull, 1ull << 63, 0, 0xfff0000000000001ull, 0); /* no NaN check */
    T(FSGNJN_S, 0x3f800000ull, 0x3f800000ull, 0, 0xffffffffffc00000ull, 0);
    T(FSGNJ_S, 0x3f800000ull, B(0x80000000), 0, 0xffffffffffc00000ull, 0);
    T(FSGNJX_S, B(0xbf800000), B(0xbf800000), 0, B(0x3f800000), 0);
    T(FSGNJN_S, B(0x7f800001), B(0x3f800000), 0, B(0xff800001), 0); /* sNaN passes, no NV */
    /* minimumNumber / maximumNumber */
    T(FMIN_S, B(0), B(0x80000000), 0, B(0x80000000), 0);
    T(FMIN_S, B(0x80000000), B(0), 0, B(0x80000000), 0);
    T(FMAX_S, B(0), B(0x80000000), 0, B(0), 0);
    T(FMAX_S, B(0x80000000), B(0), 0, B(0), 0);
    T(FMIN_D, 0, 1ull << 63, 0, 1ull << 63, 0);
    T(FMAX_D, 1ull << 63, 0, 0, 0, 0);
    T(FMIN_D, CD, one, 0, one, 0);
    T(FMIN_D, 0xfff8000000001234ull, one, 0, one, 0);
    T(FMAX_D, one, 0x7ff0000000000001ull, 0, one, NV);
    T(FMIN_D, CD, 0x7ff0000000000001ull, 0, CD, NV);
    T(FMAX_D, 0x7ff8000000000005ull, 0xfff8000000000000ull, 0, CD, 0);
    T(FMIN_D, one, two, 0, one, 0);
    T(FMAX_D, one, two, 0, two, 0);
    T(FMIN_D, 0xfff0000000000000ull, one, 0, 0xfff0000000000000ull, 0);
    T(FMAX_D, 0xfff0000000000000ull, 0x7ff0000000000000ull, 0, 0x7ff0000000000000ull, 0);
    T(FMIN_S, 0x3f800000ull, B(0x40000000), 0, B(0x40000000), 0); /* unboxed = qNaN */
    T(FMAX_S, B(0x7f800001), B(0x40000000), 0, B(0x40000000), NV);
    T(FMIN_S, B(0x7fc00000), B(0xffc00001), 0, CS, 0);
    T(FMIN_S, B(0x3f800000), B(0xbf800000), 0, B(0xbf800000), 0);
}

static void test_compare_class(void)
{
    u64 one = 0x3ff0000000000000ull, snan = 0x7ff0000000000001ull;
    T(FEQ_D, CD, one, 0, 0, 0);
    T(FEQ_D, snan, one, 0, 0, NV);
    T(FLT_D, CD, one, 0, 0, NV);
    T(FLE_D, one, CD, 0, 0, NV);
    T(FLE_D, one, one, 0, 1, 0);
    T(FLT_D, one, one, 0, 0, 0);
    T(FEQ_D, 0, 1ull << 63, 0, 1, 0);
    T(FLT_D, 1ull << 63, 0, 0, 0, 0);
    T(FLE_D, 1ull << 63, 0, 0, 1, 0);
    T(FLT_D, 0xfff0000000000000ull, one, 0, 1, 0);
    T(FEQ_S, B(0x3f800000), B(0x3f800000), 0, 1, 0);
    T(FEQ_S, 0x3f800000ull, 0x3f800000ull, 0, 0, 0); /* unboxed: quiet NaNs */
    T(FLT_S, 0x3f800000ull, B(0x3f800000), 0, 0, NV);
    T(FEQ_S, B(0xff800001), B(0x3f800000), 0, 0, NV);
    T(FLE_S, B(0xbf800000), B(0x3f800000), 0, 1, 0);
    /* fclass: one bit per class. */
    u64 dv[10] = { 0xfff0000000000000ull, 0xbff0000000000000ull, 0x800fffffffffffffull,
                   1ull << 63, 0, 1, 0x3ff0000000000000ull, 0x7ff0000000000000ull,
                   0x7ff0000000000001ull, 0x7ff8000000000000ull };
    u32 sv[10] = { 0xff800000, 0xbf800000, 0x80000001, 0x80000000, 0, 0x007fffff,
                   0x00800000, 0x7f800000, 0x7fbfffff, 0xffc00000 };
    for (int i = 0; i < 10; i++) {
        T1(FCLASS_D, dv[i], 0, 1u << i, 0);
        T1(FCLASS_S, B(sv[i]), 0, 1u << i, 0);
    }
    T1(FCLASS_S, 0x0000000000800000ull, 0, 0x200, 0); /* unboxed */
    T1(FCLASS_D, 0xfff0000000000001ull, 0, 0x100, 0);
}

static void test_fcvt_to_int(void)
{
    u64 nan = CD, pinf = 0x7ff0000000000000ull, ninf = 0xfff0000000000000ull;
    u64 smin32 = 0xffffffff80000000ull;
    for (int rm = 0; rm < 5; rm++) {
        T1(FCVT_W_D, nan, rm, 0x7fffffff, NV);
        T1(FCVT_W_D, 0xfff8000000000000ull, rm, 0x7fffffff, NV); /* NaN sign ignored */
        T1(FCVT_W_D, pinf, rm, 0x7fffffff, NV);
        T1(FCVT_W_D, ninf, rm, smin32, NV);
        T1(FCVT_W_D, 0x41dfffffffc00000ull, rm, 0x7fffffff, 0); /* 2^31-1 */
        T1(FCVT_W_D, 0xc1e0000000000000ull, rm, smin32, 0);     /* -2^31 */
        T1(FCVT_W_D, 0xc1e0000000200000ull, rm, smin32, NV);    /* -2^31-1 */
        T1(FCVT_WU_D, nan, rm, ~0ull, NV);
        T1(FCVT_WU_D, pinf, rm, ~0ull, NV);
        T1(FCVT_WU_D, ninf, rm, 0, NV);
        T1(FCVT_WU_D, 0x41efffffffe00000ull, rm, ~0ull, 0);      /* 2^32-1 */
        T1(FCVT_WU_D, 0x41f0000000000000ull, rm, ~0ull, NV);     /* 2^32 */
        T1(FCVT_WU_D, 0x41e65a0bc0000000ull, rm, 0xffffffffb2d05e00ull, 0); /* 3e9 */
        T1(FCVT_WU_D, 1ull << 63, rm, 0, 0);                      /* -0 */
        T1(FCVT_WU_D, 0xbff0000000000000ull, rm, 0, NV);          /* -1 */
        T1(FCVT_L_D, nan, rm, 0x7fffffffffffffffull, NV);
        T1(FCVT_L_D, pinf, rm, 0x7fffffffffffffffull, NV);
        T1(FCVT_L_D, ninf, rm, 1ull << 63, NV);
        T1(FCVT_L_D, 0x43e0000000000000ull, rm, 0x7fffffffffffffffull, NV); /* 2^63 */
        T1(FCVT_L_D, 0xc3e0000000000000ull, rm, 1ull << 63, 0);            /* -2^63 */
        T1(FCVT_L_D, 0x43dfffffffffffffull, rm, 0x7ffffffffffffc00ull, 0);
        T1(FCVT_LU_D, nan, rm, ~0ull, NV);
        T1(FCVT_LU_D, pinf, rm, ~0ull, NV);
        T1(FCVT_LU_D, ninf, rm, 0, NV);
        T1(FCVT_LU_D, 0x43f0000000000000ull, rm, ~0ull, NV);               /* 2^64 */
        T1(FCVT_LU_D, 0x43efffffffffffffull, rm, 0xfffffffffffff800ull, 0);
        T1(FCVT_LU_D, 0xbff0000000000000ull, rm, 0, NV);
        T1(FCVT_W_S, B(0x4f000000), rm, 0x7fffffff, NV);   /* 2^31 */
        T1(FCVT_W_S, B(0xcf000000), rm, smin32, 0);        /* -2^31 */
        T1(FCVT_WU_S, B(0x4f800000), rm, ~0ull, NV);       /* 2^32 */
        T1(FCVT_WU_S, B(0x4f7fffff), rm, 0xffffffffffffff00ull, 0);
        T1(FCVT_L_S, B(0x7f800001), rm, 0x7fffffffffffffffull, NV);
        T1(FCVT_L_S, B(0xdf000000), rm, 1ull << 63, 0);    /* -2^63 */
        T1(FCVT_L_S, B(0x5f000000), rm, 0x7fffffffffffffffull, NV);
        T1(FCVT_LU_S, B(0x5f800000), rm, ~0ull, NV);       /* 2^64 */
        T1(FCVT_LU_S, B(0x5f7fffff), rm, 0xffffff0000000000ull, 0);
        T1(FCVT_LU_S, 0x3f800000ull, rm, ~0ull, NV);       /* unboxed = NaN */
        T1(FCVT_W_S, B(0xff800000), rm, smin32, NV);
    }
    /* 2^31 - 0.5 */
    T1(FCVT_W_D, 0x41dfffffffe00000ull, RNE, 0x7fffffff, NV);
    T1(FCVT_W_D, 0x41dfffffffe00000ull, RTZ, 0x7fffffff, NX);
    T1(FCVT_W_D, 0x41dfffffffe00000ull, RDN, 0x7fffffff, NX);
    T1(FCVT_W_D, 0x41dfffffffe00000ull, RUP, 0x7fffffff, NV);
    T1(FCVT_W_D, 0x41dfffffffe00000ull, RMM, 0x7fffffff, NV);
    /* -2^31 - 0.5 */
    T1(FCVT_W_D, 0xc1e0000000100000ull, RNE, smin32, NX);
    T1(FCVT_W_D, 0xc1e0000000100000ull, RTZ, smin32, NX);
    T1(FCVT_W_D, 0xc1e0000000100000ull, RUP, smin32, NX);
    T1(FCVT_W_D, 0xc1e0000000100000ull, RDN, smin32, NV);
    T1(FCVT_W_D, 0xc1e0000000100000ull, RMM, smin32, NV);
    /* 2.5 and -2.5 */
    u64 p25 = 0x4004000000000000ull, n25 = 0xc004000000000000ull;
    T5(FCVT_L_D, p25, 0, 0, 2, 2, 2, 3, 3, NX);
    T5(FCVT_L_D, n25, 0, 0, -2ull, -2ull, -3ull, -2ull, -3ull, NX);
    T5(FCVT_W_S, B(0xc0200000), 0, 0, -2ull, -2ull, -3ull, -2ull, -3ull, NX);
    /* -0.5: rounds to (-)0 except RDN and RMM; 0 with NX for wu. */
    T1(FCVT_WU_D, 0xbfe0000000000000ull, RNE, 0, NX);
    T1(FCVT_WU_D, 0xbfe0000000000000ull, RTZ, 0, NX);
    T1(FCVT_WU_D, 0xbfe0000000000000ull, RUP, 0, NX);
    T1(FCVT_WU_D, 0xbfe0000000000000ull, RDN, 0, NV);
    T1(FCVT_WU_D, 0xbfe0000000000000ull, RMM, 0, NV);
    T1(FCVT_LU_D, 0xbfe8000000000000ull, RNE, 0, NV);  /* -0.75 -> -1 */
    T1(FCVT_LU_D, 0xbfe8000000000000ull, RUP, 0, NX);  /* -> -0 */
    T1(FCVT_L_D, 1, RUP, 1, NX);                        /* tiny subnormal */
    T1(FCVT_L_D, 1, RNE, 0, NX);
    T1(FCVT_L_D, 0x8000000000000001ull, RDN, -1ull, NX);
}

#undef T5
#define T5 T5_
#define T5_(op, a, r0, r1, r2, r3, r4, fl)                                         \
    do {                                                                           \
        u64 w_[5] = { r0, r1, r2, r3, r4 };                                        \
        for (int m_ = 0; m_ < 5; m_++)                                             \
            check(__LINE__, OP_##op, a, 0, 0, m_, w_[m_], fl);                     \
    } while (0)

static void test_fcvt_from_int(void)
{
    T5(FCVT_S_W, 0x7fffffff, B(0x4f000000), B(0x4effffff), B(0x4effffff), B(0x4f000000),
       B(0x4f000000), NX);
    T5(FCVT_S_W, 0xffffffff80000001ull, B(0xcf000000), B(0xceffffff), B(0xcf000000),
       B(0xceffffff), B(0xcf000000), NX);
    T5(FCVT_S_L, 16777217, B(0x4b800000), B(0x4b800000), B(0x4b800000), B(0x4b800001),
       B(0x4b800001), NX);
    T5(FCVT_S_L, 16777219, B(0x4b800002), B(0x4b800001), B(0x4b800001), B(0x4b800002),
       B(0x4b800002), NX);
    T5(FCVT_S_LU, ~0ull, B(0x5f800000), B(0x5f7fffff), B(0x5f7fffff), B(0x5f800000),
       B(0x5f800000), NX);
    T5(FCVT_D_L, (1ull << 53) + 1, 0x4340000000000000ull, 0x4340000000000000ull,
       0x4340000000000000ull, 0x4340000000000001ull, 0x4340000000000001ull, NX);
    T5(FCVT_D_L, -1ull, 0xbff0000000000000ull, 0xbff0000000000000ull, 0xbff0000000000000ull,
       0xbff0000000000000ull, 0xbff0000000000000ull, 0);
    T5(FCVT_D_L, 1ull << 63, 0xc3e0000000000000ull, 0xc3e0000000000000ull,
       0xc3e0000000000000ull, 0xc3e0000000000000ull, 0xc3e0000000000000ull, 0);
    T5(FCVT_D_LU, 0, 0, 0, 0, 0, 0, 0);
    T5(FCVT_S_W, 0, B(0), B(0), B(0), B(0), B(0), 0);
    T5(FCVT_D_W, 0x00000000ffffffffull, 0xbff0000000000000ull, 0xbff0000000000000ull,
       0xbff0000000000000ull, 0xbff0000000000000ull, 0xbff0000000000000ull, 0);
    T5(FCVT_D_WU, ~0ull, 0x41efffffffe00000ull, 0x41efffffffe00000ull, 0x41efffffffe00000ull,
       0x41efffffffe00000ull, 0x41efffffffe00000ull, 0);
    T5(FCVT_D_W, 0xffffffff80000000ull, 0xc1e0000000000000ull, 0xc1e0000000000000ull,
       0xc1e0000000000000ull, 0xc1e0000000000000ull, 0xc1e0000000000000ull, 0);
}

static void test_fcvt_fp(void)
{
    T5(FCVT_S_D, 0x7ff0000000000001ull, CS, CS, CS, CS, CS, NV);
    T5(FCVT_S_D, 0xfff8000000000123ull, CS, CS, CS, CS, CS, 0);
    T5(FCVT_S_D, 0x7fefffffffffffffull, B(0x7f800000), B(0x7f7fffff), B(0x7f7fffff),
       B(0x7f800000), B(0x7f800000), OF | NX);
    T5(FCVT_S_D, 0x3fd5555555555555ull, B(0x3eaaaaab), B(0x3eaaaaaa), B(0x3eaaaaaa),
       B(0x3eaaaaab), B(0x3eaaaaab), NX);
    T5(FCVT_S_D, 0x3ff0000010000000ull, B(0x3f800000), B(0x3f800000), B(0x3f800000),
       B(0x3f800001), B(0x3f800001), NX);
    T5(FCVT_S_D, 0xfff0000000000000ull, B(0xff800000), B(0xff800000), B(0xff800000),
       B(0xff800000), B(0xff800000), 0);
    T5(FCVT_S_D, 1ull << 63, B(0x80000000), B(0x80000000), B(0x80000000), B(0x80000000),
       B(0x80000000), 0);
    T5(FCVT_S_D, 1, B(0), B(0), B(0), B(1), B(0), UF | NX);
    T5(FCVT_D_S, B(0x7f800001), CD, CD, CD, CD, CD, NV);
    T5(FCVT_D_S, 0x3f800000ull, CD, CD, CD, CD, CD, 0); /* unboxed */
    T5(FCVT_D_S, B(0x00000001), 0x36a0000000000000ull, 0x36a0000000000000ull,
       0x36a0000000000000ull, 0x36a0000000000000ull, 0x36a0000000000000ull, 0);
}
#undef T5
#define T5(op, a, b, c, r0, r1, r2, r3, r4, fl)                                    \
    do {                                                                           \
        u64 w_[5] = { r0, r1, r2, r3, r4 };                                        \
        for (int m_ = 0; m_ < 5; m_++)                                             \
            check(__LINE__, OP_##op, a, b, c, m_, w_[m_], fl);                     \
    } while (0)

static void test_fma_cases(void)
{
    u64 one = 0x3ff0000000000000ull, mone = 0xbff0000000000000ull;
    u64 two = 0x4000000000000000ull, three = 0x4008000000000000ull;
    u64 inf = 0x7ff0000000000000ull;
    /* 0.1*10 - 1 with one rounding is exactly 2^-54. */
    T5(FMADD_D, 0x3fb999999999999aull, 0x4024000000000000ull, mone, 0x3c90000000000000ull,
       0x3c90000000000000ull, 0x3c90000000000000ull, 0x3c90000000000000ull,
       0x3c90000000000000ull, 0);
    T5(FMADD_D, inf, 0, CD, CD, CD, CD, CD, CD, NV);   /* inf*0 + qNaN */
    T5(FMADD_D, 0, inf, 0xfff8000000000001ull, CD, CD, CD, CD, CD, NV);
    T5(FMADD_D, inf, 0, one, CD, CD, CD, CD, CD, NV);
    T5(FMADD_D, inf, one, 0xfff0000000000000ull, CD, CD, CD, CD, CD, NV);
    T5(FMSUB_D, inf, one, inf, CD, CD, CD, CD, CD, NV);
    T5(FMADD_D, inf, one, inf, inf, inf, inf, inf, inf, 0);
    T5(FNMADD_D, inf, one, one, inf | 1ull << 63, inf | 1ull << 63, inf | 1ull << 63,
       inf | 1ull << 63, inf | 1ull << 63, 0);
    T5(FMADD_D, one, one, CD, CD, CD, CD, CD, CD, 0);
    T5(FMADD_D, one, one, 0x7ff0000000000001ull, CD, CD, CD, CD, CD, NV);
    /* max*2 - inf: product overflow does not matter, result is -inf. */
    T5(FMADD_D, 0x7fefffffffffffffull, two, 0xfff0000000000000ull, 0xfff0000000000000ull,
       0xfff0000000000000ull, 0xfff0000000000000ull, 0xfff0000000000000ull,
       0xfff0000000000000ull, 0);
    /* max*2 - max = max, exactly (no intermediate overflow). */
    T5(FMADD_D, 0x7fefffffffffffffull, two, 0xffefffffffffffffull, 0x7fefffffffffffffull,
       0x7fefffffffffffffull, 0x7fefffffffffffffull, 0x7fefffffffffffffull,
       0x7fefffffffffffffull, 0);
    T5(FMADD_D, two, three, one, 0x401c000000000000ull, 0x401c000000000000ull,
       0x401c000000000000ull, 0x401c000000000000ull, 0x401c000000000000ull, 0);
    T5(FMSUB_D, two, three, one, 0x4014000000000000ull, 0x4014000000000000ull,
       0x4014000000000000ull, 0x4014000000000000ull, 0x4014000000000000ull, 0);
    T5(FNMSUB_D, two, three, one, 0xc014000000000000ull, 0xc014000000000000ull,
       0xc014000000000000ull, 0xc014000000000000ull, 0xc014000000000000ull, 0);
    T5(FNMADD_D, two, three, one, 0xc01c000000000000ull, 0xc01c000000000000ull,
       0xc01c000000000000ull, 0xc01c000000000000ull, 0xc01c000000000000ull, 0);
    /* exact zero: +0 except RDN; -(1*1) - (-1) likewise. */
    T5(FMADD_D, one, one, mone, 0, 0, 1ull << 63, 0, 0, 0);
    T5(FNMADD_D, one, one, mone, 0, 0, 1ull << 63, 0, 0, 0);
    /* -0 + -0 = -0 in every mode; +0 + -0 depends on the mode. */
    T5(FMADD_D, 1ull << 63, one, 1ull << 63, 1ull << 63, 1ull << 63, 1ull << 63,
       1ull << 63, 1ull << 63, 0);
    T5(FMADD_D, 0, one, 1ull << 63, 0, 0, 1ull << 63, 0, 0, 0);
    /* 1*1 + 2^-53: tie. */
    T5(FMADD_D, one, one, 0x3ca0000000000000ull, one, one, one, one + 1, one + 1, NX);
    /* (1+2^-23)^2 - 1 = 2^-22 + 2^-46: tie in single. */
    T5(FMADD_S, B(0x3f800001), B(0x3f800001), B(0xbf800000), B(0x34800000), B(0x34800000),
       B(0x34800000), B(0x34800001), B(0x34800001), NX);
    T5(FMADD_S, B(0x7f800000), B(0), B(0x7fc00000), CS, CS, CS, CS, CS, NV);
    T5(FMADD_S, B(0x3f800000), B(0x3f800000), 0x3f800000ull, CS, CS, CS, CS, CS, 0);
    /* Tiny fma result: 2^-1022 * (1-2^-53) via fma with zero addend. */
    T5(FMADD_D, 0x3fefffffffffffffull, 0x0010000000000000ull, 0, 0x0010000000000000ull,
       0x000fffffffffffffull, 0x000fffffffffffffull, 0x0010000000000000ull,
       0x0010000000000000ull, UF | NX);
}

static void test_flags_accrue(void)
{
    cpu.fcsr = 0xe0 | NX; /* frm bits and an old flag stay */
    fpu_exec(&cpu, OP_FADD_D, 0x3ff0000000000000ull, 0x3ff0000000000000ull, 0, RNE);
    n_checks++;
    if (cpu.fcsr != (0xe0 | NX)) {
        n_fail++;
        printf("fcsr not preserved: %#x\n", cpu.fcsr);
    }
    fpu_exec(&cpu, OP_FDIV_D, 0x3ff0000000000000ull, 0, 0, RNE);
    n_checks++;
    if (cpu.fcsr != (0xe0 | NX | DZ)) {
        n_fail++;
        printf("fcsr not accrued: %#x\n", cpu.fcsr);
    }
    u32 m;
    __asm__ volatile("stmxcsr %0" : "=m"(m));
    n_checks++;
    if ((m & ~0x3fu) != 0x1f80) {
        n_fail++;
        printf("MXCSR not restored: %#x\n", m);
    }
}

/* ---- random cross-checks --------------------------------------------- */

static u64 rng = 0x9e3779b97f4a7c15ull;

static u64 rnd64(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

/* Operands biased to the interesting places: specials, both ends of the
 * exponent range, near 1, small integers, short significands (ties). */
static u64 gen(const struct fp_fmt *f)
{
    u64 r = rnd64(), sign = (rnd64() & 1) << f->sbit;
    u64 mmask = (1ull << f->mbits) - 1, emax = 2 * (u64)f->bias + 1;
    u64 m = rnd64() & mmask;
    if (r & 8)
        m &= ~0ull << (rnd64() % (u64)f->mbits); /* few low bits set */
    if ((r & 48) == 16)
        m |= mmask >> (rnd64() % 8);             /* long runs of ones */
    u64 e;
    switch ((r >> 8) % 8) {
    case 0: return rnd64() & (f->sbit == 31 ? 0xffffffffull : ~0ull);
    case 1: {
        u64 sp[] = { 0, 1, mmask, mmask + 1, emax << f->mbits, (emax << f->mbits) | 1,
                     (emax << f->mbits) | (1ull << (f->mbits - 1)), (u64)f->bias << f->mbits,
                     ((emax - 1) << f->mbits) | mmask };
        return sign | sp[rnd64() % ARRAY_LEN(sp)];
    }
    case 2: e = rnd64() % 4; break;
    case 3: e = emax - 1 - rnd64() % 4; break;
    case 4: case 5: e = (u64)f->bias - 4 + rnd64() % 8; break;
    case 6: e = (u64)f->bias + rnd64() % (u64)(f->mbits + 12); break;
    default: e = rnd64() % emax; break;
    }
    return sign | e << f->mbits | m;
}

static bool finite_bits(const struct fp_fmt *f, u64 x)
{
    u64 emax = 2 * (u64)f->bias + 1;
    return ((x >> f->mbits) & emax) != emax;
}

static void fail_rand(const char *what, int rm, u64 a, u64 b, u64 c, u64 got, u32 gfl,
                      u64 want, u32 wfl)
{
    n_fail++;
    if (n_fail < 40)
        printf("%s rm %d a=%#llx b=%#llx c=%#llx: got %#llx fl %#x, want %#llx fl %#x\n",
               what, rm, (unsigned long long)a, (unsigned long long)b, (unsigned long long)c,
               (unsigned long long)got, gfl, (unsigned long long)want, wfl);
}

enum rk { RK_ADD, RK_SUB, RK_MUL, RK_DIV, RK_FMA };
static const enum rv_op rk_op_s[] = { OP_FADD_S, OP_FSUB_S, OP_FMUL_S, OP_FDIV_S, OP_FMADD_S };
static const enum rv_op rk_op_d[] = { OP_FADD_D, OP_FSUB_D, OP_FMUL_D, OP_FDIV_D, OP_FMADD_D };

static u64 soft_op(const struct fp_fmt *f, enum rk k, u64 a, u64 b, u64 c, int rm, u32 *fl)
{
    switch (k) {
    case RK_ADD: return fpu_soft_add(f, a, b, rm, fl);
    case RK_SUB: return fpu_soft_add(f, a, b ^ (1ull << f->sbit), rm, fl);
    case RK_MUL: return fpu_soft_mul(f, a, b, rm, fl);
    case RK_DIV: return fpu_soft_div(f, a, b, rm, fl);
    default: return fpu_soft_fma(f, a, b, c, rm, fl);
    }
}

static __float128 q_of(const struct fp_fmt *f, u64 x)
{
    if (f->sbit == 31) {
        float v;
        u32 b = (u32)x;
        memcpy(&v, &b, 4);
        return v;
    }
    double v;
    memcpy(&v, &x, 8);
    return v;
}

/* Is the exact result of op k exactly mid? (All products below are exact
 * in binary128; sums are checked for exactness with TwoSum.) */
static bool exact_is(enum rk k, __float128 a, __float128 b, __float128 c, __float128 mid)
{
    if (k == RK_DIV)
        return mid * b == a;
    if (k == RK_MUL)
        return a * b == mid;
    __float128 x = k == RK_FMA ? a * b : a, y = k == RK_FMA ? c : k == RK_SUB ? -b : b;
    __float128 s = x + y, bb = s - x, err = (x - (s - bb)) + (y - bb);
    return err == 0 && s == mid;
}

/* c with its exponent moved next to that of a*b (when that is in range),
 * and sometimes its significand next to a*b's too. */
static u64 fma_near_product(const struct fp_fmt *f, u64 a, u64 b, u64 c)
{
    u64 emask = 2 * (u64)f->bias + 1, mmask = (1ull << f->mbits) - 1;
    long ea = (long)((a >> f->mbits) & emask), eb = (long)((b >> f->mbits) & emask);
    long ep = ea + eb - f->bias + (long)(rnd64() % 5) - 2;
    if (ep < 1 || ep >= (long)emask)
        return c;
    c = (c & ~(emask << f->mbits)) | (u64)ep << f->mbits;
    if (rnd64() & 1) { /* sign opposite to the product, close significand */
        u64 ps = ((a ^ b) >> f->sbit) & 1;
        c = (c & ~(1ull << f->sbit)) | (ps ^ 1) << f->sbit;
        c = (c & ~mmask) | ((((a & mmask) + (b & mmask)) ^ (rnd64() & 7)) & mmask);
    }
    return c;
}

/* Software (all directed modes) against the host path; RMM against the
 * directed results plus an exact tie test. */
static void random_arith(const struct fp_fmt *f, int iters)
{
    const enum rv_op *ops = f->sbit == 31 ? rk_op_s : rk_op_d;
    u64 box = f->sbit == 31 ? 0xffffffff00000000ull : 0;
    for (int i = 0; i < iters; i++) {
        enum rk k = (enum rk)(rnd64() % 5);
        u64 a = gen(f), b = gen(f), c = gen(f);
        if (k == RK_ADD || k == RK_SUB || k == RK_FMA) { /* often close magnitudes */
            if (rnd64() & 1)
                b = (b & ~(0x7ffull << f->mbits)) | (a & (0x7ffull << f->mbits) & (box ? 0xff << 23 : ~0ull));
        }
        if (k == RK_FMA && (rnd64() & 1)) /* c near a*b: cancellation */
            c = fma_near_product(f, a, b, c);
        u64 r[5];
        u32 fl[5];
        for (int rm = 0; rm < 5; rm++)
            r[rm] = run(ops[k], box | a, box | b, box | c, rm, &fl[rm]);
        bool fin = finite_bits(f, a) && finite_bits(f, b) &&
                   (k != RK_FMA || finite_bits(f, c)) &&
                   !(k == RK_DIV && !(b & ~(1ull << f->sbit)));
        for (int rm = 0; rm < 4 && fin; rm++) {
            u32 sfl = 0;
            u64 s = box | soft_op(f, k, a, b, c, rm, &sfl);
            n_checks++;
            if (s != r[rm] || sfl != fl[rm])
                fail_rand("soft vs host", rm, a, b, c, s, sfl, r[rm], fl[rm]);
        }
        /* RMM: same flags as RNE; result RNE's except on an exact tie. */
        u64 want = r[RNE];
        if (fin && r[RDN] != r[RUP] && finite_bits(f, r[RDN]) && finite_bits(f, r[RUP])) {
            __float128 lo = q_of(f, r[RDN]), hi = q_of(f, r[RUP]);
            __float128 mid = (lo + hi) / 2;
            if (exact_is(k, q_of(f, a), q_of(f, b), q_of(f, c), mid))
                want = (lo < 0 ? -lo : lo) > (hi < 0 ? -hi : hi) ? r[RDN] : r[RUP];
        }
        n_checks++;
        if (r[RMM] != want || fl[RMM] != fl[RNE])
            fail_rand("rmm", RMM, a, b, c, r[RMM], fl[RMM], want, fl[RNE]);
    }
}

/* Software fma (hosts without FMA3) against host fma, every operand kind. */
static void random_fma_nofma(const struct fp_fmt *f, int iters)
{
    static const enum rv_op fops_s[] = { OP_FMADD_S, OP_FMSUB_S, OP_FNMSUB_S, OP_FNMADD_S };
    static const enum rv_op fops_d[] = { OP_FMADD_D, OP_FMSUB_D, OP_FNMSUB_D, OP_FNMADD_D };
    u64 box = f->sbit == 31 ? 0xffffffff00000000ull : 0;
    bool saved = fpu_have_fma;
    for (int i = 0; i < iters && saved; i++) {
        enum rv_op op = (f->sbit == 31 ? fops_s : fops_d)[rnd64() % 4];
        u64 a = gen(f), b = gen(f), c = gen(f);
        if (rnd64() & 1)
            c = fma_near_product(f, a, b, c);
        a |= box, b |= box, c |= box;
        int rm = (int)(rnd64() % 4);
        u32 fh, fs;
        fpu_have_fma = true;
        u64 rh = run(op, a, b, c, rm, &fh);
        fpu_have_fma = false;
        u64 rs = run(op, a, b, c, rm, &fs);
        n_checks++;
        if (rh != rs || fh != fs)
            fail_rand("fma soft vs host", rm, a, b, c, rs, fs, rh, fh);
    }
    fpu_have_fma = saved;
}

static double round_ref(double x, int rm)
{
    switch (rm) {
    case RNE: return nearbyint(x);
    case RTZ: return trunc(x);
    case RDN: return floor(x);
    case RUP: return ceil(x);
    default: return round(x); /* ties away from zero */
    }
}

/* fcvt to integer, all modes, against C's rounding functions. */
static void random_to_int(const struct fp_fmt *f, int iters)
{
    static const enum rv_op ops_s[] = { OP_FCVT_W_S, OP_FCVT_WU_S, OP_FCVT_L_S, OP_FCVT_LU_S };
    static const enum rv_op ops_d[] = { OP_FCVT_W_D, OP_FCVT_WU_D, OP_FCVT_L_D, OP_FCVT_LU_D };
    u64 box = f->sbit == 31 ? 0xffffffff00000000ull : 0;
    for (int i = 0; i < iters; i++) {
        u64 a = gen(f);
        if (!finite_bits(f, a))
            continue;
        if (rnd64() & 1) /* values around the integer ranges */
            a = (a & ~(0x7ffull << f->mbits & (box ? 0xffull << 23 : ~0ull))) |
                (u64)(f->bias + 28 + rnd64() % 40) << f->mbits;
        int kind = (int)(rnd64() % 4), rm = (int)(rnd64() % 5);
        double x = (double)q_of(f, a), r = round_ref(x, rm);
        u64 want;
        u32 wfl = r != x ? NX : 0;
        bool neg = r < 0;
        switch (kind) {
        case 0:
            want = r >= -2147483648.0 && r <= 2147483647.0 ? (u64)(i64)r
                   : (wfl = NV, neg ? 0xffffffff80000000ull : 0x7fffffff);
            break;
        case 1:
            want = r >= 0 && r <= 4294967295.0 ? (u64)(i64)(i32)(u32)r
                   : (wfl = NV, neg ? 0 : ~0ull);
            break;
        case 2:
            want = r >= -0x1p63 && r < 0x1p63 ? (u64)(i64)r
                   : (wfl = NV, neg ? 1ull << 63 : 0x7fffffffffffffffull);
            break;
        default:
            want = r >= 0 && r < 0x1p64 ? (u64)r : (wfl = NV, neg ? 0 : ~0ull);
            break;
        }
        u32 fl;
        u64 got = run((f->sbit == 31 ? ops_s : ops_d)[kind], box | a, 0, 0, rm, &fl);
        n_checks++;
        if (got != want || fl != wfl)
            fail_rand("to_int", rm, a, (u64)kind, 0, got, fl, want, wfl);
    }
}

/* fcvt from integer in RNE against the host's conversion; sqrt never ties. */
static void random_misc(int iters)
{
    for (int i = 0; i < iters; i++) {
        u64 v = rnd64() >> (rnd64() % 64);
        if (rnd64() & 1)
            v = -v;
        u32 fl;
        double d = (double)(i64)v;
        u64 db;
        memcpy(&db, &d, 8);
        u64 got = run(OP_FCVT_D_L, v, 0, 0, RNE, &fl);
        n_checks++;
        if (got != db || fl != ((__int128)d != (i64)v ? NX : 0))
            fail_rand("fcvt.d.l", RNE, v, 0, 0, got, fl, db, 0);
        float s = (float)v;
        u32 sb;
        memcpy(&sb, &s, 4);
        got = run(OP_FCVT_S_LU, v, 0, 0, RNE, &fl);
        n_checks++;
        if (got != B(sb) || fl != ((unsigned __int128)s != v ? NX : 0))
            fail_rand("fcvt.s.lu", RNE, v, 0, 0, got, fl, B(sb), 0);
        /* sqrt: the midpoint of the directed results never squares back. */
        u64 a = gen(&fpu_fmt_d) & ~(1ull << 63);
        u64 lo = run(OP_FSQRT_D, a, 0, 0, RDN, &fl), hi = run(OP_FSQRT_D, a, 0, 0, RUP, &fl);
        if (lo != hi && finite_bits(&fpu_fmt_d, a)) {
            __float128 mid = (q_of(&fpu_fmt_d, lo) + q_of(&fpu_fmt_d, hi)) / 2;
            n_checks++;
            if (mid * mid == q_of(&fpu_fmt_d, a))
                fail_rand("sqrt tie", RMM, a, 0, 0, lo, 0, hi, 0);
        }
    }
}

static void test_random(void)
{
    random_arith(&fpu_fmt_s, 300000);
    random_arith(&fpu_fmt_d, 300000);
    random_fma_nofma(&fpu_fmt_s, 200000);
    random_fma_nofma(&fpu_fmt_d, 200000);
    random_to_int(&fpu_fmt_s, 100000);
    random_to_int(&fpu_fmt_d, 100000);
    random_misc(100000);
}

/* ---- replay of tests/fp/fprand output ---------------------------------- */

static const struct { const char *mn; enum rv_op op; } mnemonics[] = {
#define INSN(name, mn, match, mask, fmt, ext, args) { mn, OP_##name },
#include "cpu/insn.def"
#undef INSN
};

/* Recomputes every line of a fprand log (as printed under qemu) with
 * fpu_exec and reports the lines that differ: checks this file's
 * semantics against the oracle without needing a working rvx. */
static int replay(const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        perror(path);
        return 2;
    }
    char mn[32];
    int rmf;
    unsigned long frm;
    unsigned long long a, b, c, want;
    unsigned wfl;
    long lines = 0, bad = 0;
    while (fscanf(fp, "%31s %d %lu %llx %llx %llx -> %llx %x", mn, &rmf, &frm, &a, &b, &c,
                  &want, &wfl) == 8) {
        lines++;
        enum rv_op op = OP_ILLEGAL;
        for (size_t i = 0; i < ARRAY_LEN(mnemonics); i++)
            if (!strcmp(mnemonics[i].mn, mn))
                op = mnemonics[i].op;
        cpu.fcsr = (u32)frm << 5;
        int rm = rmf < 0 ? 0 : fpu_rm(&cpu, rmf);
        u32 fl;
        u64 got = run(op, a, b, c, rm, &fl);
        if (got != want || fl != wfl) {
            if (bad++ < 30)
                printf("%s rm %d frm %lu %#llx %#llx %#llx: got %#llx %02x, qemu %#llx %02x\n",
                       mn, rmf, frm, a, b, c, (unsigned long long)got, fl, want, wfl);
        }
    }
    fclose(fp);
    printf("replay %s: %ld lines, %ld differ\n", path, lines, bad);
    return lines == 0 || bad != 0;
}

/* fpu_rd_is_int / fpu_rs1_is_int against the operand letters of
 * insn.def (d: x register destination, s: x register source), and the
 * rm resolution of fpu_rm. */
static void test_operand_kinds(void)
{
    static const struct { enum rv_op op; const char *args; int ext; } info[] = {
#define INSN(name, mn, match, mask, fmt, ext, args) { OP_##name, args, EXT_##ext },
#include "cpu/insn.def"
#undef INSN
    };
    for (size_t i = 0; i < ARRAY_LEN(info); i++) {
        if ((info[i].ext != EXT_F && info[i].ext != EXT_D) || info[i].args[1] != ',' ||
            strchr(info[i].args, '('))
            continue; /* loads and stores */
        n_checks++;
        if (fpu_rd_is_int(info[i].op) != (info[i].args[0] == 'd') ||
            fpu_rs1_is_int(info[i].op) != (info[i].args[2] == 's')) {
            n_fail++;
            printf("operand kinds wrong for %s\n", mnemonics[i].mn);
        }
    }
    struct cpu c = { 0 };
    for (u32 frm = 0; frm < 8; frm++) {
        c.fcsr = frm << 5 | 0x1f;
        for (int rm = 0; rm < 8; rm++) {
            int want = rm == 7 ? (frm <= 4 ? (int)frm : -1) : rm <= 4 ? rm : -1;
            n_checks++;
            if (fpu_rm(&c, rm) != want) {
                n_fail++;
                printf("fpu_rm(frm %u, rm %d) = %d, want %d\n", frm, rm, fpu_rm(&c, rm), want);
            }
        }
    }
}

/* One hand-derived case in the fprand log format, with the rm in the
 * instruction and again as dyn with frm = rm; ops without an rm field get
 * rm -1. Operands the op does not read are printed as 0. */
static void edge_line(enum rv_op op, u64 a, u64 b, u64 c, int rm, u64 want, u32 wfl)
{
    static const struct { enum rv_op op; const char *args; } info[] = {
#define INSN(name, mn, match, mask, fmt, ext, args) { OP_##name, args },
#include "cpu/insn.def"
#undef INSN
    };
    const char *args = "", *mn = "?";
    for (size_t i = 0; i < ARRAY_LEN(info); i++)
        if (info[i].op == op)
            args = info[i].args, mn = mnemonics[i].mn;
    b = strchr(args, 'T') ? b : 0;
    c = strchr(args, 'R') ? c : 0;
    bool has_rm = strchr(args, 'm') != NULL;
    for (int dyn = 0; dyn <= has_rm; dyn++)
        fprintf(edge_out, "%s %d %d %016llx %016llx %016llx -> %016llx %02x\n", mn,
                has_rm ? (dyn ? 7 : rm) : -1, dyn ? rm : 0, (unsigned long long)a,
                (unsigned long long)b, (unsigned long long)c, (unsigned long long)want, wfl);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "--edge"))
        edge_out = stdout;
    else if (argc > 1)
        return replay(argv[1]);
    test_rounding();
    test_overflow_underflow();
    test_nan();
    test_sgnj_minmax();
    test_compare_class();
    test_fcvt_to_int();
    test_fcvt_from_int();
    test_fcvt_fp();
    test_fma_cases();
    if (edge_out)
        return 0;
    test_flags_accrue();
    test_operand_kinds();
    test_random();
    printf("test_fpu: %d checks, %d failed\n", n_checks, n_fail);
    return n_fail != 0;
}
