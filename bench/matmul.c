/* bench matmul: double-precision matrix multiply C = A*B (i-k-j order),
 * n x n. Measures FP multiply/add and FP loads/stores. Built with
 * -ffp-contract=off so no fused multiply-add changes the rounding between
 * hosts; the checksum is printed with limited precision anyway.
 * Usage: matmul [n] (default 760). */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atoi(argv[1]) : 760;
    double *a = malloc(n * n * sizeof *a), *b = malloc(n * n * sizeof *b);
    double *c = calloc(n * n, sizeof *c);
    if (!a || !b || !c)
        return 1;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            a[i * n + j] = (double)((i * 7 + j * 3) % 17) / 16.0 - 0.5;
            b[i * n + j] = (double)((i * 5 + j * 11) % 13) / 8.0 - 0.75;
        }
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (size_t j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
    double trace = 0, sum = 0;
    for (size_t i = 0; i < n; i++)
        trace += c[i * n + i];
    for (size_t i = 0; i < n * n; i++)
        sum += c[i] * (double)(i % 5 + 1);
    printf("matmul: n=%zu trace=%.6f weighted sum=%.6f\n", n, trace, sum);
    free(a);
    free(b);
    free(c);
    return 0;
}
