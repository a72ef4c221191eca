/* Host CPU features the translator may use beyond x86-64-v1 (SSE2).
 * Every feature has a fallback: the plain path must always exist. */
#ifndef RVX_JIT_X64_CPUID_H
#define RVX_JIT_X64_CPUID_H

#include "base/types.h"

struct x64_features {
    bool sse41;    /* roundss/roundsd, pextr*, ptest */
    bool avx;      /* VEX encodings usable: CPU support and OS-saved YMM state */
    bool fma;      /* FMA3 (also requires avx) */
    bool bmi1;     /* andn, tzcnt, blsr ... */
    bool bmi2;     /* shlx/shrx/sarx, rorx, pdep/pext */
    bool lzcnt;
    bool popcnt;
    /* Not a cpuid bit: guest calls and returns as host call/ret, so the
     * host's return-stack predictor serves `ret` (jit/tr_branch.c);
     * always present, listed so RVX_X64_OFF=ras can measure without it. */
    bool ras;
};

/* Asks the CPU (cpuid, and xgetbv for the OS's AVX state). */
struct x64_features x64_cpuid_probe(void);
/* The same with features turned off by a comma-separated list such as
 * "fma,bmi2" or "all" (for testing the fallbacks, e.g. from a flag). */
struct x64_features x64_features_mask(struct x64_features f, const char *off);

#endif
