/* fflags of the inline FP ops (guest program, riscv64). Each case runs
 * 200 times in a loop, so under rvx it is interpreted first and then
 * translated (at once with --jit-threshold 0), and every run must give
 * the result and fflags derived by hand from the RISC-V spec below:
 * overflow, underflow (exact, inexact, tiny only before rounding),
 * invalid, divide by zero, inexact, NaN payloads and signaling NaNs
 * (canonical NaN results), singles with and without NaN-boxing, fused
 * ops. The shapes cover how flags reach fflags: read in the same block,
 * accrued over several ops, cleared by a write (a cleared flag must not
 * come back), partly cleared, carried over a block boundary, a system
 * call, and a helper-run op. Prints one line per case; exits 1 after
 * "FAIL" lines if any run differs from the spec. */
#include <stdio.h>
#include <stdint.h>

#define NX 0x01
#define UF 0x02
#define OF 0x04
#define DZ 0x08
#define NV 0x10

#define B(x) (0xffffffff00000000ull | (x)) /* a NaN-boxed single */
#define CANON_D 0x7ff8000000000000ull
#define CANON_S B(0x7fc00000u)
#define DMAX 0x7fefffffffffffffull
#define DINF 0x7ff0000000000000ull
#define ONE 0x3ff0000000000000ull
#define TWO 0x4000000000000000ull
#define SONE B(0x3f800000u)

typedef void (*op_fn)(uint64_t a, uint64_t b, uint64_t c, uint64_t *r, uint64_t *fl);

/* Sources in ft0 ft1 ft2, result in ft3; fflags cleared, then the op(s),
 * then read. PRE/POST wrap the op for the shapes below. */
#define FN(name, body)                                                               \
    static void name(uint64_t a, uint64_t b, uint64_t c, uint64_t *r, uint64_t *fl)    \
    {                                                                                \
        uint64_t rr, ff;                                                             \
        __asm__ volatile("fmv.d.x ft0, %[a]\n\tfmv.d.x ft1, %[b]\n\tfmv.d.x ft2, %[c]\n\t" \
                         "fsflags zero\n\t" body "\n\tfrflags %[f]\n\tfmv.x.d %[r], ft3" \
                         : [r] "=r"(rr), [f] "=&r"(ff)                               \
                         : [a] "r"(a), [b] "r"(b), [c] "r"(c)                        \
                         : "a0", "a7", "ft0", "ft1", "ft2", "ft3", "memory");              \
        *r = rr;                                                                     \
        *fl = ff;                                                                    \
    }

FN(fadd_d, "fadd.d ft3, ft0, ft1")
FN(fsub_d, "fsub.d ft3, ft0, ft1")
FN(fmul_d, "fmul.d ft3, ft0, ft1")
FN(fdiv_d, "fdiv.d ft3, ft0, ft1")
FN(fsqrt_d, "fsqrt.d ft3, ft0")
FN(fadd_s, "fadd.s ft3, ft0, ft1")
FN(fsub_s, "fsub.s ft3, ft0, ft1")
FN(fmul_s, "fmul.s ft3, ft0, ft1")
FN(fdiv_s, "fdiv.s ft3, ft0, ft1")
FN(fsqrt_s, "fsqrt.s ft3, ft0")
FN(fmadd_d, "fmadd.d ft3, ft0, ft1, ft2")
FN(fnmsub_d, "fnmsub.d ft3, ft0, ft1, ft2")
/* rm in the instruction (RNE), not frm. */
FN(fmul_d_rne, "fmul.d ft3, ft0, ft1, rne")
/* The op first in its block (after a jump): the block-entry frm check. */
FN(fdiv_d_entry, "j 1f\n1:\n\tfdiv.d ft3, ft0, ft1")
/* Two ops accrue: a op b, then the result times c. */
FN(mul2_d, "fmul.d ft3, ft0, ft1\n\tfmul.d ft3, ft3, ft2")
/* a / b, fflags written 0, then c + c: the write clears what came before. */
FN(clear_d, "fdiv.d ft3, ft0, ft1\n\tfsflags zero\n\tfadd.d ft3, ft2, ft2")
/* a / b, DZ cleared alone, then c + a: a flag cleared stays clear. */
FN(clear_dz_d, "fdiv.d ft3, ft0, ft1\n\tcsrci fflags, 8\n\tfadd.d ft3, ft2, ft0")
/* a / b, then a branch ends the block; fflags read in the next. */
FN(branch_d, "fdiv.d ft3, ft0, ft1\n\tbeq zero, zero, 1f\n1:")
/* a * b, then getpid: the flags survive leaving translated code. */
FN(ecall_d, "fmul.d ft3, ft0, ft1\n\tli a7, 172\n\tecall")
/* a * b, then fmin.d (not inline) of c, c: both sets of flags. */
FN(helper_d, "fmul.d ft3, ft0, ft1\n\tfmin.d ft2, ft2, ft2")
/* a / b, read without a write (frflags), then a * a: both, accrued. */
FN(reread_d, "fdiv.d ft3, ft0, ft1\n\tfrflags a7\n\tfmul.d ft3, ft0, ft0")
/* feq / flt of a, b (the slow path after the host compare); r = 0/1. */
FN(feq_d, "feq.d a7, ft0, ft1\n\tfmv.d.x ft3, a7")
FN(flt_d, "flt.d a7, ft0, ft1\n\tfmv.d.x ft3, a7")
/* fcvt.w.d rtz (inline unless out of range). */
FN(fcvt_w_d, "fcvt.w.d a7, ft0, rtz\n\tfmv.d.x ft3, a7")

struct tcase {
    const char *name;
    op_fn fn;
    uint64_t a, b, c, want, wfl;
};

static const struct tcase cases[] = {
    /* doubles */
    { "add exact", fadd_d, ONE, ONE, 0, TWO, 0 },
    { "add inexact", fadd_d, ONE, 0x3c30000000000000ull /* 2^-60 */, 0, ONE, NX },
    { "add max+1", fadd_d, DMAX, ONE, 0, DMAX, NX },
    { "add overflow", fadd_d, DMAX, DMAX, 0, DINF, OF | NX },
    { "sub x-x", fsub_d, 0x400921fb54442d18ull, 0x400921fb54442d18ull, 0, 0, 0 },
    { "add subnormals", fadd_d, 1, 1, 0, 2, 0 },
    { "sub inf-inf", fsub_d, DINF, DINF, 0, CANON_D, NV },
    { "add qnan payload", fadd_d, 0x7ff8000000001234ull, ONE, 0, CANON_D, 0 },
    { "add -qnan", fadd_d, ONE, 0xfff8000000000001ull, 0, CANON_D, 0 },
    { "add snan", fadd_d, 0x7ff0000000000001ull, ONE, 0, CANON_D, NV },
    { "mul overflow", fmul_d, DMAX, TWO, 0, DINF, OF | NX },
    /* 2^-1000 * 2^-50 = 2^-1050, an exact subnormal: tiny but exact */
    { "mul exact subnormal", fmul_d, 0x0170000000000000ull, 0x3cd0000000000000ull, 0,
      0x0000000001000000ull, 0 },
    /* (1 + 2^-52) 2^-1000 * 2^-50: tiny and inexact */
    { "mul underflow", fmul_d, 0x0170000000000001ull, 0x3cd0000000000000ull, 0,
      0x0000000001000000ull, UF | NX },
    /* 2^-1000 * 2^-100 rounds to +0 */
    { "mul underflow to 0", fmul_d, 0x0170000000000000ull, 0x39b0000000000000ull, 0, 0,
      UF | NX },
    /* (1 + 2^-52)/2 * (2 - 2^-51) 2^-1022 = 2^-1022 (1 - 2^-104): tiny
     * before rounding, not after: NX alone */
    { "mul tiny before rounding", fmul_d, 0x3fe0000000000001ull, 0x001ffffffffffffeull, 0,
      0x0010000000000000ull, NX },
    { "mul rne", fmul_d_rne, DMAX, TWO, 0, DINF, OF | NX },
    { "mul 0*inf", fmul_d, 0, DINF, 0, CANON_D, NV },
    { "div 1/0", fdiv_d, ONE, 0, 0, DINF, DZ },
    { "div -1/+0", fdiv_d, ONE | 1ull << 63, 0, 0, DINF | 1ull << 63, DZ },
    { "div 0/0", fdiv_d, 0, 0, 0, CANON_D, NV },
    { "div inf/0", fdiv_d, DINF, 0, 0, DINF, 0 },
    { "div 1/3", fdiv_d, ONE, 0x4008000000000000ull, 0, 0x3fd5555555555555ull, NX },
    { "div entry 1/0", fdiv_d_entry, ONE, 0, 0, DINF, DZ },
    { "sqrt -1", fsqrt_d, ONE | 1ull << 63, 0, 0, CANON_D, NV },
    { "sqrt -0", fsqrt_d, 1ull << 63, 0, 0, 1ull << 63, 0 },
    { "sqrt 2", fsqrt_d, TWO, 0, 0, 0x3ff6a09e667f3bcdull, NX },
    { "sqrt snan", fsqrt_d, 0x7ff4000000000000ull, 0, 0, CANON_D, NV },
    /* singles */
    { "fadd.s inexact", fadd_s, SONE, B(0x30800000u) /* 2^-30 */, 0, SONE, NX },
    { "fmul.s overflow", fmul_s, B(0x7f7fffffu), B(0x40000000u), 0, B(0x7f800000u), OF | NX },
    /* 2^-100 * 2^-40 = 2^-140: exact subnormal */
    { "fmul.s exact subnormal", fmul_s, B(0x0d800000u), B(0x2b800000u), 0, B(0x00000200u), 0 },
    { "fmul.s underflow", fmul_s, B(0x0d800001u), B(0x2b800000u), 0, B(0x00000200u), UF | NX },
    /* (1 + 2^-23)/2 * (2 - 2^-22) 2^-126: NX alone */
    { "fmul.s tiny before rounding", fmul_s, B(0x3f000001u), B(0x00fffffeu), 0,
      B(0x00800000u), NX },
    { "fdiv.s 1/0", fdiv_s, SONE, B(0), 0, B(0x7f800000u), DZ },
    { "fsub.s inf-inf", fsub_s, B(0x7f800000u), B(0x7f800000u), 0, CANON_S, NV },
    { "fsqrt.s -1", fsqrt_s, B(0xbf800000u), 0, 0, CANON_S, NV },
    { "fadd.s qnan payload", fadd_s, B(0x7fc01234u), SONE, 0, CANON_S, 0 },
    { "fadd.s snan", fadd_s, SONE, B(0x7f800001u), 0, CANON_S, NV },
    /* not NaN-boxed: reads as the canonical NaN, a quiet one */
    { "fadd.s unboxed", fadd_s, 0x000000003f800000ull, SONE, 0, CANON_S, 0 },
    { "fadd.s unboxed+snan", fadd_s, 0x000000003f800000ull, B(0x7f800001u), 0, CANON_S, NV },
    { "fsqrt.s unboxed", fsqrt_s, 0x7fffffff3f800000ull, 0, 0, CANON_S, 0 },
    /* fused */
    { "fmadd 1*1-1", fmadd_d, ONE, ONE, ONE | 1ull << 63, 0, 0 },
    { "fmadd -0*1-0", fmadd_d, 1ull << 63, ONE, 1ull << 63, 1ull << 63, 0 },
    /* (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105, exact */
    { "fmadd exact", fmadd_d, 0x3ff0000000000001ull, 0x3fefffffffffffffull,
      ONE | 1ull << 63, 0x3c9ffffffffffffeull, 0 },
    { "fmadd overflow", fmadd_d, DMAX, TWO, ONE, DINF, OF | NX },
    { "fmadd underflow", fmadd_d, 0x0170000000000001ull, 0x3cd0000000000000ull, 0,
      0x0000000001000000ull, UF | NX },
    { "fmadd inf*0+qnan", fmadd_d, DINF, 0, CANON_D, CANON_D, NV },
    { "fmadd inf*1-inf", fmadd_d, DINF, ONE, DINF | 1ull << 63, CANON_D, NV },
    { "fmadd qnan", fmadd_d, ONE, 0x7ff8000000000042ull, ONE, CANON_D, 0 },
    { "fnmsub -(1*1)+1", fnmsub_d, ONE, ONE, ONE, 0, 0 },
    /* shapes */
    { "accrue of nv", mul2_d, DMAX, TWO, 0, CANON_D, OF | NX | NV }, /* inf, then inf*0 */
    { "accrue uf nx", mul2_d, 0x0170000000000001ull, 0x3cd0000000000000ull, ONE,
      0x0000000001000000ull, UF | NX },
    { "write clears", clear_d, ONE, 0, ONE, TWO, 0 },
    { "clear dz only", clear_dz_d, ONE, 0, 0x3c30000000000000ull, ONE, NX },
    { "branch keeps", branch_d, ONE, 0, 0, DINF, DZ },
    { "ecall keeps", ecall_d, DMAX, TWO, 0, DINF, OF | NX },
    { "helper keeps", helper_d, DMAX, TWO, 0x7ff0000000000001ull, DINF, OF | NX | NV },
    { "reread accrues", reread_d, DMAX, 0, 0, DINF, DZ | OF | NX },
    { "feq snan", feq_d, 0x7ff0000000000001ull, ONE, 0, 0, NV },
    { "feq qnan", feq_d, CANON_D, ONE, 0, 0, 0 },
    { "flt qnan", flt_d, CANON_D, ONE, 0, 0, NV },
    { "flt 1<2", flt_d, ONE, TWO, 0, 1, 0 },
    { "fcvt.w.d 2.5", fcvt_w_d, 0x4004000000000000ull, 0, 0, 2, NX },
    { "fcvt.w.d 2^31", fcvt_w_d, 0x41e0000000000000ull, 0, 0, 0x7fffffff, NV },
    { "fcvt.w.d nan", fcvt_w_d, CANON_D, 0, 0, 0x7fffffff, NV },
};

int main(void)
{
    int bad = 0;
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const struct tcase *t = &cases[k];
        uint64_t r = 0, fl = 0;
        int wrong = 0;
        for (int n = 0; n < 200; n++) {
            t->fn(t->a, t->b, t->c, &r, &fl);
            if (r != t->want || fl != t->wfl)
                wrong++;
        }
        printf("%-26s %016llx %016llx %016llx -> %016llx %02llx\n", t->name,
               (unsigned long long)t->a, (unsigned long long)t->b, (unsigned long long)t->c,
               (unsigned long long)r, (unsigned long long)fl);
        if (wrong) {
            printf("FAIL %s: %d of 200 runs differ; want %016llx %02llx\n", t->name, wrong,
                   (unsigned long long)t->want, (unsigned long long)t->wfl);
            bad = 1;
        }
    }
    return bad;
}
