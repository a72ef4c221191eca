/* Inline FP ops with a dynamic rounding mode in blocks entered with
 * each frm: a translation checks frm once at entry and leaves a block
 * entered with another mode than RNE to the interpreter, so every
 * result below must follow the mode set by fsrm, hot or not.
 * Expected values are the exact results rounded by hand. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N(f) __attribute__((noipa)) f
N(static double add(double a, double b)) { return a + b; }
N(static double mul(double a, double b)) { return a * b; }
N(static double dv(double a, double b)) { return a / b; }
N(static double sq(double a))
{
    double r;
    __asm__("fsqrt.d %0, %1" : "=f"(r) : "f"(a)); /* no errno path */
    return r;
}
N(static double fma3(double a, double b, double c)) { return __builtin_fma(a, b, c); }
N(static double cvt(long a)) { return (double)a; }
N(static float adds(float a, float b)) { return a + b; }

static uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static uint32_t bitss(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

enum { RNE, RTZ, RDN, RUP };

static void set_frm(long m)
{
    __asm__ volatile("fsrm %0" : : "r"(m) : "memory");
}

static int fails;

static void want(const char *what, int mode, uint64_t got, uint64_t exp)
{
    if (got != exp && fails++ < 10)
        printf("%s mode %d: %016llx, want %016llx\n", what, mode, (unsigned long long)got,
               (unsigned long long)exp);
}

int main(void)
{
    static const int modes[] = { RNE, RUP, RDN, RTZ };
    const double one_ulp = 0x1p-52, e = 1 + 0x1p-52;
    for (int round = 0; round < 300; round++) {
        for (int m = 0; m < 4; m++) {
            int mode = modes[m];
            int up = mode == RUP, down = mode == RDN;
            set_frm(mode);
            want("add", mode, bits(add(1.0, 0x1p-60)), bits(up ? 1 + one_ulp : 1.0));
            want("add-", mode, bits(add(-1.0, -0x1p-60)), bits(down ? -1 - one_ulp : -1.0));
            want("mul", mode, bits(mul(e, e)), bits(up ? 1 + 0x1p-51 + 0x1p-52 : 1 + 0x1p-51));
            want("div", mode, bits(dv(1.0, 3.0)),
                 up ? 0x3fd5555555555556ull : 0x3fd5555555555555ull);
            want("sqrt", mode, bits(sq(2.0)),
                 up || mode == RNE ? 0x3ff6a09e667f3bcdull : 0x3ff6a09e667f3bccull);
            want("fma", mode, bits(fma3(e, e, -1.0)), bits(up ? 0x1p-51 + 0x1p-103 : 0x1p-51));
            want("cvt", mode, bits(cvt((1L << 53) + 1)), bits(up ? 0x1p53 + 2 : 0x1p53));
            want("adds", mode, bitss(adds(1.0f, 0x1p-30f)),
                 bitss(up ? 1 + 0x1p-23f : 1.0f));
        }
    }
    set_frm(RNE);
    return fails != 0;
}
