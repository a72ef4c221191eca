/* A guest program for tests/disasm/run.sh: it is never run, only
 * disassembled, so it exists to make the compiler emit a wide mix of
 * RV64GC instructions: FP arithmetic and conversions in both precisions,
 * fused multiply-add, sqrt, min/max, classification, fcsr access,
 * atomics of both widths with every ordering, and integer mul/div. */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int32_t counter32;
static int64_t counter64;

__attribute__((noinline)) static double fp_mix(double a, double b, float c, float d)
{
    double r = fma(a, b, (double)c) - sqrt(fabs(a)) + fmin(a, b) + fmax(b, a);
    float s = fmaf(c, d, -c) / (d + 1.0f) + sqrtf(fabsf(d)) + fminf(c, d);
    r += (double)(int64_t)a + (double)(uint32_t)b + (float)(int32_t)c + (double)(uint64_t)d;
    r += copysign(a, b) * (double)copysignf(c, -d);
    r += isnan(a) + isinf(b) + (a < b) + (c <= d) + (a == b) + signbit(c);
    r += (double)lrint(a) + (double)llround(b) + (double)(long)ceilf(c) + floor(b);
    return r + s;
}

__attribute__((noinline)) static int64_t atomics(int64_t v)
{
    int64_t r = __atomic_fetch_add(&counter64, v, __ATOMIC_SEQ_CST);
    r += __atomic_fetch_and(&counter64, v, __ATOMIC_ACQUIRE);
    r += __atomic_fetch_or(&counter64, v, __ATOMIC_RELEASE);
    r += __atomic_fetch_xor(&counter64, v, __ATOMIC_ACQ_REL);
    r += __atomic_exchange_n(&counter64, v, __ATOMIC_RELAXED);
    r += __atomic_fetch_add(&counter32, (int32_t)v, __ATOMIC_SEQ_CST);
    r += __atomic_fetch_sub(&counter32, (int32_t)v, __ATOMIC_ACQUIRE);
    r += __atomic_exchange_n(&counter32, (int32_t)r, __ATOMIC_ACQ_REL);
    int64_t expect = r;
    __atomic_compare_exchange_n(&counter64, &expect, v, 0, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    int32_t e32 = (int32_t)r;
    __atomic_compare_exchange_n(&counter32, &e32, 7, 1, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE);
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    __atomic_thread_fence(__ATOMIC_RELEASE);
    __atomic_store_n(&counter64, r, __ATOMIC_SEQ_CST);
    return r + __atomic_load_n(&counter64, __ATOMIC_SEQ_CST) + expect + e32;
}

__attribute__((noinline)) static uint64_t int_mix(uint64_t a, uint64_t b, int32_t c)
{
    uint64_t r = a * b + (uint64_t)((unsigned __int128)a * b >> 64);
    r += (uint64_t)((__int128)(int64_t)a * (int64_t)b >> 64);
    r += b ? a / b + a % b : 0;
    r += c ? (uint64_t)(int64_t)((int32_t)a / c + (int32_t)b % c) : 0;
    r += (uint32_t)c ? (uint32_t)a / (uint32_t)c + (uint32_t)b % (uint32_t)c : 0;
    r += (a << (b & 63)) ^ (a >> (c & 63)) ^ (uint64_t)((int64_t)a >> 7) ^ (uint32_t)(c << 3);
    return r;
}

int main(int argc, char **argv)
{
    double a = argc > 1 ? atof(argv[1]) : 1.5;
    fesetround(FE_TOWARDZERO);
    double r = fp_mix(a, a * 3, (float)a, (float)-a);
    int flags = fetestexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_INEXACT);
    printf("%g %d %lld %llu\n", r, flags, (long long)atomics(argc),
           (unsigned long long)int_mix((uint64_t)argc * 77, 5, argc - 3));
    return 0;
}
