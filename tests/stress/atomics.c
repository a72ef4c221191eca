/* 64 threads hammer one word with a hand-written LR/SC loop, another with
 * amoadd.d, a 32-bit one with amoadd.w, and a counter under a pthread
 * mutex; a barrier starts them together. Every total must be exact. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 64
#define ITERS 5000

static volatile uint64_t lrsc_word, amo_word, mutex_word;
static volatile uint32_t amow_word;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t start;

static void lrsc_add(volatile uint64_t *p, uint64_t v)
{
    uint64_t old, fail;
    __asm__ volatile("1: lr.d.aq %0, (%2)\n"
                     "   add %0, %0, %3\n"
                     "   sc.d.rl %1, %0, (%2)\n"
                     "   bnez %1, 1b\n"
                     : "=&r"(old), "=&r"(fail)
                     : "r"(p), "r"(v)
                     : "memory");
}

static void *worker(void *arg)
{
    (void)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < ITERS; i++) {
        lrsc_add(&lrsc_word, 1);
        __asm__ volatile("amoadd.d zero, %1, (%0)" ::"r"(&amo_word), "r"(2ul) : "memory");
        __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"(&amow_word), "r"(3u) : "memory");
        if ((i & 7) == 0) {
            pthread_mutex_lock(&lock);
            mutex_word++;
            pthread_mutex_unlock(&lock);
        }
    }
    return NULL;
}

int main(void)
{
    pthread_t t[THREADS];
    pthread_barrier_init(&start, NULL, THREADS);
    for (int i = 0; i < THREADS; i++)
        if (pthread_create(&t[i], NULL, worker, NULL)) {
            printf("FAIL pthread_create %d\n", i);
            return 1;
        }
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    uint64_t n = (uint64_t)THREADS * ITERS;
    int ok = lrsc_word == n && amo_word == 2 * n && amow_word == (uint32_t)(3 * n) &&
             mutex_word == (uint64_t)THREADS * (ITERS / 8);
    printf("%s lrsc=%lu amo=%lu amow=%u mutex=%lu\n", ok ? "ok" : "FAIL", (unsigned long)lrsc_word,
           (unsigned long)amo_word, amow_word, (unsigned long)mutex_word);
    return !ok;
}
