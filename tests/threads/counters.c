/* Many threads bumping shared counters under a mutex, an rwlock, a
 * spin on atomics and a condvar hand-off; the totals are checked. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

#define NT 16
#define ITERS 20000

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static pthread_barrier_t bar;
static long mutex_count, rw_count;
static atomic_long atomic_count;
static _Atomic int spin;
static long spin_count;

static void *worker(void *arg)
{
    long id = (long)arg;
    pthread_barrier_wait(&bar);
    for (int i = 0; i < ITERS; i++) {
        pthread_mutex_lock(&mu);
        mutex_count++;
        pthread_mutex_unlock(&mu);
        atomic_fetch_add(&atomic_count, 1);
        if (i % 4 == 0) {
            pthread_rwlock_wrlock(&rw);
            rw_count++;
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            (void)rw_count;
            pthread_rwlock_unlock(&rw);
        }
        while (atomic_exchange_explicit(&spin, 1, memory_order_acquire))
            ;
        spin_count++;
        atomic_store_explicit(&spin, 0, memory_order_release);
    }
    pthread_barrier_wait(&bar);
    return (void *)(id * 2);
}

/* condvar ping-pong */
static pthread_mutex_t cm = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn, rounds;

static void *pong(void *arg)
{
    (void)arg;
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&cm);
        while (turn != 1)
            pthread_cond_wait(&cv, &cm);
        turn = 0;
        rounds++;
        pthread_cond_signal(&cv);
        pthread_mutex_unlock(&cm);
    }
    return NULL;
}

int main(void)
{
    pthread_t t[NT], p;
    pthread_barrier_init(&bar, NULL, NT);
    for (long i = 0; i < NT; i++)
        if (pthread_create(&t[i], NULL, worker, (void *)i))
            return 1;
    long sum = 0;
    for (int i = 0; i < NT; i++) {
        void *r;
        pthread_join(t[i], &r);
        sum += (long)r;
    }
    pthread_create(&p, NULL, pong, NULL);
    for (int i = 0; i < 1000; i++) {
        pthread_mutex_lock(&cm);
        turn = 1;
        pthread_cond_signal(&cv);
        while (turn != 0)
            pthread_cond_wait(&cv, &cm);
        pthread_mutex_unlock(&cm);
    }
    pthread_join(p, NULL);
    printf("mutex %ld atomic %ld rw %ld spin %ld ret %ld rounds %d\n", mutex_count,
           (long)atomic_count, rw_count, spin_count, sum, rounds);
    int ok = mutex_count == (long)NT * ITERS && atomic_count == (long)NT * ITERS &&
             rw_count == (long)NT * ITERS / 4 && spin_count == (long)NT * ITERS &&
             sum == NT * (NT - 1) && rounds == 1000;
    puts(ok ? "ok" : "BAD");
    return ok ? 0 : 1;
}
