/* bench retsites: one small function with a data-dependent loop, called
 * from 32 call sites picked by a pseudo-random stream, so where each
 * return goes depends on a call made many branches earlier: a return
 * stack predicts it, a per-site history predictor of indirect jumps
 * hardly can. Measures calls and returns.
 * Usage: retsites [millions of calls] (default 20). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static __attribute__((noinline)) uint64_t work(uint64_t x)
{
    uint64_t n = (x >> 7) & 7;
    for (uint64_t k = 0; k <= n; k++)
        x = x * 6364136223846793005ull + k;
    return x;
}

#define S(i)                                                                  \
    case i:                                                                   \
        acc += work(acc + i);                                                 \
        break;

int main(int argc, char **argv)
{
    long calls = (argc > 1 ? atol(argv[1]) : 20) * 1000000L;
    uint64_t seed = 88172645463325252ull, acc = 1;
    for (long it = 0; it < calls; it++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        switch (seed & 31) {
            S(0) S(1) S(2) S(3) S(4) S(5) S(6) S(7) S(8) S(9) S(10) S(11) S(12) S(13) S(14)
            S(15) S(16) S(17) S(18) S(19) S(20) S(21) S(22) S(23) S(24) S(25) S(26) S(27)
            S(28) S(29) S(30) S(31)
        }
    }
    printf("retsites: %llu\n", (unsigned long long)acc);
    return 0;
}
