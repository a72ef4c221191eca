/* bench hash: 64-bit integer mixing (an LCG feeding a splitmix-style
 * finaliser, rotates, multiplies, data-dependent branches). Measures the
 * plain integer ALU path. Usage: hash [millions of steps] (default 100). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static inline uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static inline uint64_t mix(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

int main(int argc, char **argv)
{
    long n = (argc > 1 ? atol(argv[1]) : 100) * 1000000L;
    uint64_t lcg = 12345, acc = 0, odd = 0;
    uint32_t acc32 = 1;
    for (long i = 0; i < n; i++) {
        lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
        uint64_t h = mix(lcg);
        if (h & 1)
            odd++;
        acc = rotl(acc ^ h, (int)(h & 31) + 1) + (h >> 7);
        acc32 = acc32 * 31u + (uint32_t)(h >> 32); /* 32-bit ops (W forms) */
    }
    printf("hash: acc=%016llx odd=%llu acc32=%08x\n", (unsigned long long)acc,
           (unsigned long long)odd, (unsigned)acc32);
    return 0;
}
