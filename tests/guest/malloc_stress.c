/* malloc/realloc/calloc/free stress with a checksum of the contents:
 * exercises brk and mmap (large blocks) and munmap/mremap underneath. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng = 2463534242u;
static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

int main(void)
{
    enum { SLOTS = 512, ROUNDS = 40000 };
    static unsigned char *p[SLOTS];
    static size_t sz[SLOTS];
    uint64_t sum = 0;
    for (int r = 0; r < ROUNDS; r++) {
        int i = next() % SLOTS;
        if (p[i]) {
            for (size_t k = 0; k < sz[i]; k += 61)
                sum = sum * 131 + p[i][k];
            if (next() % 3 == 0) {
                size_t n = next() % 5000 + 1;
                unsigned char *q = realloc(p[i], n);
                if (!q)
                    return 1;
                if (n > sz[i])
                    memset(q + sz[i], (int)(n & 0xff), n - sz[i]);
                p[i] = q;
                sz[i] = n;
                continue;
            }
            free(p[i]);
            p[i] = NULL;
            continue;
        }
        /* Mostly small, sometimes big enough for mmap (>= 128 KiB). */
        size_t n = next() % 64 == 0 ? 200000 + next() % 300000 : next() % 2000 + 1;
        p[i] = (next() & 1) ? calloc(1, n) : malloc(n);
        if (!p[i])
            return 1;
        sz[i] = n;
        memset(p[i], (int)(i & 0xff), n);
        p[i][n - 1] = (unsigned char)r;
    }
    size_t live = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (p[i]) {
            live += sz[i];
            sum = sum * 131 + p[i][sz[i] - 1];
        }
        free(p[i]);
    }
    printf("checksum %016llx live %zu\n", (unsigned long long)sum, live);
    /* calloc must give zeros even when it reuses memory. */
    unsigned char *z = calloc(100000, 1);
    size_t nz = 0;
    for (size_t k = 0; k < 100000; k++)
        nz += z[k] != 0;
    printf("calloc nonzero %zu\n", nz);
    free(z);
    return 0;
}
