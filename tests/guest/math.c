/* libm on fixed inputs, printed with %.17g (exact double round trip). */
#include <math.h>
#include <stdio.h>

int main(void)
{
    volatile double x[] = {0.0, 0.5, 1.0, 2.0, 3.0, 10.0, 0.1, 100.0, 1e-10, 123.456};
    for (unsigned i = 0; i < sizeof x / sizeof x[0]; i++) {
        double v = x[i];
        printf("x=%.17g sqrt=%.17g sin=%.17g cos=%.17g exp=%.17g log=%.17g pow=%.17g\n", v,
               sqrt(v), sin(v), cos(v), exp(v), log(v), pow(v, 1.5));
    }
    volatile double m = -2.5;
    printf("fabs %.17g floor %.17g ceil %.17g round %.17g trunc %.17g fmod %.17g\n", fabs(m),
           floor(m), ceil(m), round(m), trunc(m), fmod(7.5, 2.0));
    printf("atan2 %.17g hypot %.17g cbrt %.17g\n", atan2(1.0, 1.0), hypot(3.0, 4.0), cbrt(27.0));
    printf("sqrt(-1) %g log(0) %g exp(1000) %g\n", sqrt(m), log(0.0), exp(1000.0));
    printf("fma %.17g\n", fma(0.1, 10.0, -1.0));
    float f = 2.0f;
    printf("sqrtf %.9g sinf %.9g expf %.9g\n", sqrtf(f), sinf(f), expf(f));
    printf("lround %ld %ld %ld rint %.17g\n", lround(2.5), lround(-2.5), lround(3.49), rint(2.5));
    return 0;
}
