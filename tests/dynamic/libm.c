/* libm.so.6 from the sysroot: a spread of functions, printed exactly. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>

int main(void)
{
    static const double x[] = {0.5, 1.0, 2.75, 10.0, 1e-300, 123456.789};
    for (unsigned i = 0; i < sizeof x / sizeof x[0]; i++) {
        double v = x[i];
        printf("%a: sin %a cos %a exp %a log %a pow %a\n", v, sin(v), cos(v), exp(v), log(v),
               pow(v, 1.5));
        printf("%a: cbrt %a atan2 %a lgamma %a erf %a fma %a\n", v, cbrt(v), atan2(v, 3.0),
               lgamma(v), erf(v), fma(v, v, -1.0));
        printf("%a: sinf %a expf %a logf %a\n", v, sinf((float)v), expf((float)v), logf((float)v));
    }
    fesetround(FE_UPWARD);
    printf("upward: rint(2.5)=%g nearbyint(-2.5)=%g sqrt(2)=%a\n", rint(2.5), nearbyint(-2.5),
           sqrt(2.0));
    fesetround(FE_TONEAREST);
    return 0;
}
