/* Keeps rvx's translator busy for about argv[1] ms while the run script
 * reads /proc/<rvx>/maps: four threads run hot loops and one writes
 * fresh code into an RWX mapping, executes it (fence.i) and rewrites it,
 * so the code cache fills, flushes and invalidates under observation.
 * Prints the sum of what the generated code returned. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

static volatile int stop;

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void *spin(void *arg)
{
    unsigned long h = (uintptr_t)arg;
    while (!stop)
        for (int i = 0; i < 100000; i++)
            h = h * 6364136223846793005ul + 1442695040888963407ul;
    return (void *)h;
}

int main(int argc, char **argv)
{
    double ms = argc > 1 ? atof(argv[1]) : 1000;
    pthread_t t[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, spin, (void *)(uintptr_t)i);
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 2;
    long sum = 0, rounds = 0;
    double end = now_ms() + ms;
    while (now_ms() < end) {
        int v = (int)(rounds % 2000);
        code[0] = ((uint32_t)v << 20) | (10 << 7) | 0x13; /* addi a0, zero, v */
        code[1] = 0x00008067;                             /* ret */
        __asm__ volatile("fence.i" ::: "memory");
        for (int k = 0; k < 100; k++)
            sum += ((long (*)(void))code)();
        rounds++;
    }
    stop = 1;
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    long want = 0;
    for (long r = 0; r < rounds; r++)
        want += 100 * (r % 2000);
    printf("%s %ld rounds\n", sum == want ? "ok" : "FAIL", rounds);
    return sum != want;
}
