/* bench sieve: sieve of Eratosthenes over a byte array, repeated.
 * Measures byte loads/stores, strided writes and tight loops.
 * Usage: sieve [limit] (default 16000000), 6 passes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long sieve(unsigned char *is_comp, long limit)
{
    memset(is_comp, 0, (size_t)limit + 1);
    long count = 0;
    for (long i = 2; i <= limit; i++) {
        if (is_comp[i])
            continue;
        count++;
        for (long j = i * i; j <= limit; j += i)
            is_comp[j] = 1;
    }
    return count;
}

int main(int argc, char **argv)
{
    long limit = argc > 1 ? atol(argv[1]) : 16000000;
    unsigned char *buf = malloc((size_t)limit + 1);
    if (!buf)
        return 1;
    long count = 0, sum = 0;
    for (int pass = 0; pass < 6; pass++) {
        count = sieve(buf, limit - pass);
        sum += count;
    }
    unsigned long last = 0;
    for (long i = limit - 5; i >= 2; i--)
        if (!buf[i]) {
            last = (unsigned long)i;
            break;
        }
    printf("sieve: primes<=%ld = %ld, sum over passes %ld, largest %lu\n", limit - 5,
           count, sum, last);
    free(buf);
    return 0;
}
