/* bench transpose: naive and blocked transposes of a 1024x1024 matrix of
 * 32-bit words (4 MB), back and forth. The naive one strides through
 * memory a row at a time, so it stresses the guest memory path with
 * cache-unfriendly accesses. Usage: transpose [rounds] (default 20). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define DIM 1024
#define BLK 32

static void transpose_naive(uint32_t *dst, const uint32_t *src)
{
    for (size_t i = 0; i < DIM; i++)
        for (size_t j = 0; j < DIM; j++)
            dst[j * DIM + i] = src[i * DIM + j];
}

static void transpose_blocked(uint32_t *dst, const uint32_t *src)
{
    for (size_t ii = 0; ii < DIM; ii += BLK)
        for (size_t jj = 0; jj < DIM; jj += BLK)
            for (size_t i = ii; i < ii + BLK; i++)
                for (size_t j = jj; j < jj + BLK; j++)
                    dst[j * DIM + i] = src[i * DIM + j] + 1;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 20;
    uint32_t *a = malloc(DIM * DIM * sizeof *a), *b = malloc(DIM * DIM * sizeof *b);
    if (!a || !b)
        return 1;
    for (uint32_t i = 0; i < DIM * DIM; i++)
        a[i] = i * 2654435761u;
    for (int r = 0; r < rounds; r++) {
        transpose_naive(b, a);
        transpose_blocked(a, b);
    }
    uint64_t sum = 0;
    for (uint32_t i = 0; i < DIM * DIM; i++)
        sum = sum * 31 + a[i];
    printf("transpose: a[1][2]=%u sum=%016llx\n", a[1 * DIM + 2], (unsigned long long)sum);
    free(a);
    free(b);
    return 0;
}
