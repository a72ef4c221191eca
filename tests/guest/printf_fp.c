/* printf of doubles: %g %e %f %a with edge values (zero signs, infinities,
 * NaN, subnormals, the extremes, rounding ties). */
#include <float.h>
#include <math.h>
#include <stdio.h>

int main(void)
{
    double v[] = {0.0, -0.0, 1.0, -1.5, 0.1, 1.0 / 3.0, 2.5, 3.5, 1e100, -1e-100, 123456789.125,
                  DBL_MAX, DBL_MIN, DBL_MIN / 4, DBL_TRUE_MIN, DBL_EPSILON, INFINITY, -INFINITY,
                  NAN, 9007199254740993.0, 0.5, 1e21, 1e-5, 100000.0, 1000000.0};
    for (unsigned i = 0; i < sizeof v / sizeof v[0]; i++)
        printf("%g | %e | %f | %a | %.17g | %.3e | %10.2f | %G | %E | %A\n", v[i], v[i], v[i], v[i],
               v[i], v[i], v[i], v[i], v[i], v[i]);
    printf("%.0f %.0f %.0f %.0f %.0f\n", 0.5, 1.5, 2.5, -0.5, -2.5);
    printf("%.1f %.2f %.3f\n", 0.05, 0.005, 0.0005);
    printf("%#g %#.3g %+g % g\n", 1.0, 2.0, 3.0, 4.0);
    float f = 1.1f;
    printf("%.10f %a\n", f, f);
    printf("%.20e\n", 1.0 / 7.0);
    printf("%.40f\n", DBL_MIN);
    return 0;
}
