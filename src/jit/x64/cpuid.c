/* CPU feature probe with cpuid (Intel SDM vol. 2, CPUID; AMD APM vol. 3).
 *   leaf 1 ECX: bit 12 FMA, 19 SSE4.1, 23 POPCNT, 27 OSXSAVE, 28 AVX
 *   leaf 7 subleaf 0 EBX: bit 3 BMI1, 8 BMI2
 *   leaf 0x80000001 ECX: bit 5 LZCNT (ABM)
 * AVX and FMA also need the OS to save XMM and YMM state: XCR0 bits 1 and 2
 * (read with xgetbv, allowed only when OSXSAVE is set). BMI1/BMI2 are VEX
 * encoded but work on general registers only, so they need no XCR0 bits. */
#include <cpuid.h>
#include <string.h>

#include "jit/x64/cpuid.h"

static bool bit(u32 reg, int n) { return (reg >> n) & 1; }

static u64 xgetbv0(void)
{
    u32 lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (u64)hi << 32 | lo;
}

struct x64_features x64_cpuid_probe(void)
{
    struct x64_features f = { .ras = true };
    u32 a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return f;
    f.sse41 = bit(c, 19);
    f.popcnt = bit(c, 23);
    bool ymm_saved = bit(c, 27) && (xgetbv0() & 6) == 6;
    f.avx = bit(c, 28) && ymm_saved;
    f.fma = bit(c, 12) && f.avx;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
        f.bmi1 = bit(b, 3);
        f.bmi2 = bit(b, 8);
    }
    if (__get_cpuid(0x80000001, &a, &b, &c, &d))
        f.lzcnt = bit(c, 5);
    return f;
}

static bool listed(const char *list, const char *name)
{
    size_t n = strlen(name);
    for (const char *p = list; *p; p++) {
        if ((p == list || p[-1] == ',') && !strncmp(p, name, n) &&
            (p[n] == ',' || p[n] == 0))
            return true;
    }
    return false;
}

struct x64_features x64_features_mask(struct x64_features f, const char *off)
{
    if (!off)
        return f;
    if (listed(off, "all"))
        return (struct x64_features){ 0 };
    f.sse41 &= !listed(off, "sse41");
    f.avx &= !listed(off, "avx");
    f.fma &= !listed(off, "fma") && f.avx;
    f.bmi1 &= !listed(off, "bmi1");
    f.bmi2 &= !listed(off, "bmi2");
    f.lzcnt &= !listed(off, "lzcnt");
    f.popcnt &= !listed(off, "popcnt");
    f.ras &= !listed(off, "ras");
    return f;
}
