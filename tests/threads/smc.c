/* Code rewritten while other threads run it: the main thread rewrites
 * a function (li a0, K; ret) and flushes the icache; worker threads
 * keep calling it and must see each new K. Exercises invalidation of
 * pre-decoded blocks while other threads may be inside them. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NW 4
#define ROUNDS 100
typedef long (*fn_t)(void);
static uint32_t *code;
static atomic_long seen[NW];
static atomic_int stop;

static void emit(long k)
{
    code[0] = 0x00000513u | ((uint32_t)(k & 0xfff) << 20); /* addi a0, zero, k */
    code[1] = 0x00008067u;                                 /* ret */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
}

static void *worker(void *arg)
{
    long id = (long)arg;
    while (!atomic_load(&stop)) {
        long v = ((fn_t)code)();
        atomic_store(&seen[id], v);
    }
    return NULL;
}

int main(void)
{
    code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    emit(1);
    pthread_t t[NW];
    for (long i = 0; i < NW; i++)
        pthread_create(&t[i], NULL, worker, (void *)i);
    int ok = 1;
    for (long k = 2; k < 2 + ROUNDS && ok; k++) {
        emit(k);
        for (int i = 0; i < NW; i++) {
            long spins = 0;
            while (atomic_load(&seen[i]) != k && spins++ < 20000000)
                ;
            if (atomic_load(&seen[i]) != k)
                ok = 0;
        }
    }
    atomic_store(&stop, 1);
    for (int i = 0; i < NW; i++)
        pthread_join(t[i], NULL);
    printf("code rewritten %d times under %d threads: %s\n", ROUNDS, NW, ok ? "ok" : "BAD");
    return !ok;
}
