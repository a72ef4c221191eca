/* bench qsort: sorts arrays of pseudo-random 32-bit keys with the C
 * library's qsort and a comparison callback, then binary-searches them.
 * Measures indirect calls into guest code from library code, branches
 * that are hard to predict, and memory moves inside the sort.
 * Usage: qsort [elements] (default 600000), 3 rounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static int cmp_u32(const void *pa, const void *pb)
{
    uint32_t a = *(const uint32_t *)pa, b = *(const uint32_t *)pb;
    return (a > b) - (a < b);
}

int main(int argc, char **argv)
{
    size_t n = argc > 1 ? (size_t)atol(argv[1]) : 600000;
    uint32_t *v = malloc(n * sizeof *v);
    if (!v)
        return 1;
    uint64_t sum = 0;
    uint32_t x = 2463534242u;
    for (int round = 0; round < 3; round++) {
        for (size_t i = 0; i < n; i++) {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            v[i] = x % (uint32_t)(n * 4);
        }
        qsort(v, n, sizeof *v, cmp_u32);
        long found = 0;
        for (uint32_t key = 0; key < n; key += 3)
            found += bsearch(&key, v, n, sizeof *v, cmp_u32) != NULL;
        for (size_t i = 0; i < n; i += 97)
            sum = sum * 1000003 + v[i];
        sum += (uint64_t)found;
    }
    printf("qsort: n=%zu median=%u checksum=%016llx\n", n, v[n / 2], (unsigned long long)sum);
    free(v);
    return 0;
}
