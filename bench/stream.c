/* bench stream: memcpy, sum, and a triad (c = a + k*b) over 64-bit integer
 * arrays of 8 MB each, repeated. Measures sequential memory bandwidth and
 * the guest's memcpy. Usage: stream [passes] (default 80). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N (1u << 20) /* elements per array: 8 MB of uint64_t */

int main(int argc, char **argv)
{
    int passes = argc > 1 ? atoi(argv[1]) : 80;
    uint64_t *a = malloc(N * sizeof *a), *b = malloc(N * sizeof *b), *c = malloc(N * sizeof *c);
    if (!a || !b || !c)
        return 1;
    for (uint32_t i = 0; i < N; i++)
        a[i] = (uint64_t)i * 2654435761u;
    uint64_t sum = 0;
    for (int p = 0; p < passes; p++) {
        memcpy(b, a, N * sizeof *a);
        for (uint32_t i = 0; i < N; i++)
            c[i] = a[i] + (uint64_t)(p + 3) * b[i];
        for (uint32_t i = 0; i < N; i++)
            sum += c[i] ^ (sum >> 3);
        memcpy(a, c, N * sizeof *a);
        a[p] ^= sum;
    }
    printf("stream: sum=%016llx a[N-1]=%016llx\n", (unsigned long long)sum,
           (unsigned long long)a[N - 1]);
    free(a);
    free(b);
    free(c);
    return 0;
}
