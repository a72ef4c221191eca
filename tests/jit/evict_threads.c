/* Eviction with threads running: 1024 distinct functions, four threads
 * calling all of them in different orders while the code cache (run by
 * tests/jit/run.sh with a small --code-cache-size) keeps evicting its
 * oldest segment. Each function is pure, so every thread must get the
 * checksum the main thread computed alone first. Exits 0 when they do. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

/* f<digits>: base-4 digits make 4^5 distinct names; 0x<digits> a
 * distinct constant for each. */
#define F(n)                                                                      \
    static __attribute__((noinline)) uint64_t f##n(uint64_t x)                    \
    {                                                                             \
        x ^= x >> (0x##n % 29 + 1);                                               \
        x = x * (2 * 0x##n + 1) + 0x##n;                                          \
        if (x & 1)                                                                \
            x += (x << 7) ^ 0x##n;                                                \
        return x ^ (x >> 31);                                                     \
    }
#define F4(n) F(n##0) F(n##1) F(n##2) F(n##3)
#define F16(n) F4(n##0) F4(n##1) F4(n##2) F4(n##3)
#define F64(n) F16(n##0) F16(n##1) F16(n##2) F16(n##3)
#define F256(n) F64(n##0) F64(n##1) F64(n##2) F64(n##3)
F256(0) F256(1) F256(2) F256(3)

#define T(n) f##n,
#define T4(n) T(n##0) T(n##1) T(n##2) T(n##3)
#define T16(n) T4(n##0) T4(n##1) T4(n##2) T4(n##3)
#define T64(n) T16(n##0) T16(n##1) T16(n##2) T16(n##3)
#define T256(n) T64(n##0) T64(n##1) T64(n##2) T64(n##3)
static uint64_t (*const fn[1024])(uint64_t) = { T256(0) T256(1) T256(2) T256(3) };

#define ROUNDS 40
#define NTHREADS 4

/* The sum over all functions of f(k * round), visited in the order
 * start, start + stride, ... (mod 1024; stride odd). */
static uint64_t run(unsigned start, unsigned stride)
{
    uint64_t sum = 0;
    for (unsigned r = 0; r < ROUNDS; r++)
        for (unsigned k = 0, i = start; k < 1024; k++, i = (i + stride) & 1023)
            sum += fn[i]((uint64_t)i * 0x9e3779b97f4a7c15ull + r);
    return sum;
}

static uint64_t got[NTHREADS];

static void *worker(void *arg)
{
    unsigned t = (unsigned)(uintptr_t)arg;
    got[t] = run(t * 257, 2 * t + 3);
    return NULL;
}

int main(void)
{
    uint64_t want = run(0, 1);
    pthread_t th[NTHREADS];
    for (unsigned t = 0; t < NTHREADS; t++)
        if (pthread_create(&th[t], NULL, worker, (void *)(uintptr_t)t))
            return 2;
    int bad = 0;
    for (unsigned t = 0; t < NTHREADS; t++) {
        pthread_join(th[t], NULL);
        if (got[t] != want) {
            printf("thread %u: %016llx, want %016llx\n", t, (unsigned long long)got[t],
                   (unsigned long long)want);
            bad = 1;
        }
    }
    if (!bad)
        printf("evict_threads ok\n");
    return bad;
}
