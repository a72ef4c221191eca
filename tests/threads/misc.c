/* Thread features, one line each: TLS, pthread_exit, detached threads,
 * gettid, robust mutexes after owner death, futex ops and errors,
 * LR/SC and AMO under contention. Output is compared verbatim. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static __thread int tls_val = 7;
static __thread char tls_buf[64];

static void *tls_thread(void *arg)
{
    long id = (long)arg;
    int first = tls_val; /* each thread starts from the initial image */
    tls_val = (int)id * 100;
    snprintf(tls_buf, sizeof tls_buf, "t%ld", id);
    usleep(1000);
    return (void *)(long)(first == 7 && tls_val == id * 100 && tls_buf[1] == '0' + id);
}

static void *exit_thread(void *arg)
{
    pthread_exit((void *)((long)arg + 1000));
    return NULL;
}

static sem_t det_sem;
static atomic_int det_done;
static void *detached(void *arg)
{
    (void)arg;
    atomic_fetch_add(&det_done, 1);
    sem_post(&det_sem);
    return NULL;
}

static pid_t tids[4];
static void *tid_thread(void *arg)
{
    tids[(long)arg] = (pid_t)syscall(SYS_gettid);
    return NULL;
}

static pthread_mutex_t robust;
static void *die_holding(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&robust);
    return NULL; /* exits holding it */
}

/* LR/SC increments and AMO adds from several threads. */
static long lrsc_word;
static int amo_word;
#define LRSC_ITERS 20000
static void *lrsc_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < LRSC_ITERS; i++) {
        long tmp;
        int fail;
        __asm__ volatile("1: lr.d %0, (%2)\n"
                         "   addi %0, %0, 1\n"
                         "   sc.d %1, %0, (%2)\n"
                         "   bnez %1, 1b\n"
                         : "=&r"(tmp), "=&r"(fail)
                         : "r"(&lrsc_word)
                         : "memory");
        __asm__ volatile("amoadd.w zero, %1, (%0)" ::"r"(&amo_word), "r"(2) : "memory");
    }
    return NULL;
}

static long futex(void *a, int op, int val, void *t, void *a2, int v3)
{
    return syscall(SYS_futex, a, op, val, t, a2, v3);
}

static int fw1, fw2;
static atomic_int fwaiting;
static void *futex_waiter(void *arg)
{
    int *w = arg;
    atomic_fetch_add(&fwaiting, 1);
    while (futex(w, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0) && errno == EINTR)
        ;
    return NULL;
}

static void futex_tests(void)
{
    /* errors */
    long r = futex((void *)8, FUTEX_WAKE, 1, NULL, NULL, 0);
    printf("futex wake bad address: %ld %s\n", r, r ? strerrorname_np(errno) : "");
    r = futex((char *)&fw1 + 1, FUTEX_WAIT, 0, NULL, NULL, 0);
    printf("futex wait misaligned: %ld %s\n", r, strerrorname_np(errno));
    fw1 = 5;
    r = futex(&fw1, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0);
    printf("futex wait value changed: %ld %s\n", r, strerrorname_np(errno));
    struct timespec ts = {0, 20 * 1000 * 1000};
    r = futex(&fw1, FUTEX_WAIT_PRIVATE, 5, &ts, NULL, 0);
    printf("futex wait timeout: %ld %s\n", r, strerrorname_np(errno));
    r = futex(&fw1, 99, 0, NULL, NULL, 0);
    printf("futex bad op: %ld %s\n", r, strerrorname_np(errno));
    struct timespec abs;
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 10 * 1000 * 1000;
    if (abs.tv_nsec >= 1000000000) abs.tv_sec++, abs.tv_nsec -= 1000000000;
    r = futex(&fw1, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 5, &abs, NULL, -1);
    printf("futex wait_bitset realtime timeout: %ld %s\n", r, strerrorname_np(errno));

    /* requeue: 3 waiters on fw1, wake 1, move 2 to fw2, then wake fw2 */
    fw1 = 0;
    fw2 = 0;
    pthread_t t[3];
    for (int i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, futex_waiter, &fw1);
    while (atomic_load(&fwaiting) < 3)
        usleep(1000);
    usleep(50000);
    r = futex(&fw1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &fw2, 1);
    printf("futex cmp_requeue wrong val: %ld %s\n", r, strerrorname_np(errno));
    r = futex(&fw1, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)2L, &fw2, 0);
    printf("futex cmp_requeue: %ld\n", r);
    /* wake_op: fw2 += 1 (old 0 == 0 so also wake uaddr2) */
    r = futex(&fw1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1L, &fw2,
              FUTEX_OP(FUTEX_OP_ADD, 1, FUTEX_OP_CMP_EQ, 0));
    printf("futex wake_op: %ld fw2=%d\n", r, fw2);
    r = futex(&fw2, FUTEX_WAKE_PRIVATE, 10, NULL, NULL, 0);
    printf("futex wake rest: %ld\n", r);
    for (int i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
}

int main(void)
{
    pthread_t t[8];
    long ok = 1;
    for (long i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, tls_thread, (void *)i);
    for (int i = 0; i < 8; i++) {
        void *r;
        pthread_join(t[i], &r);
        ok &= (long)r;
    }
    printf("tls: %s main=%d\n", ok ? "ok" : "BAD", tls_val);

    void *r;
    pthread_create(&t[0], NULL, exit_thread, (void *)5);
    pthread_join(t[0], &r);
    printf("pthread_exit value: %ld\n", (long)r);

    sem_init(&det_sem, 0, 0);
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < 20; i++)
        pthread_create(&t[0], &at, detached, NULL);
    for (int i = 0; i < 20; i++)
        sem_wait(&det_sem);
    printf("detached: %d\n", atomic_load(&det_done));

    for (long i = 0; i < 4; i++)
        pthread_create(&t[i], NULL, tid_thread, (void *)i);
    for (int i = 0; i < 4; i++)
        pthread_join(t[i], NULL);
    pid_t me = (pid_t)syscall(SYS_gettid);
    int distinct = me == getpid();
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < i; j++)
            distinct &= tids[i] != tids[j] && tids[i] != me && tids[i] > 0;
    printf("gettid distinct, main tid == pid: %d\n", distinct);

    pthread_mutexattr_t ma;
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
    pthread_mutex_init(&robust, &ma);
    pthread_create(&t[0], NULL, die_holding, NULL);
    pthread_join(t[0], NULL);
    int e = pthread_mutex_lock(&robust);
    printf("robust lock after owner death: %s\n", e == EOWNERDEAD ? "EOWNERDEAD" : strerror(e));
    printf("consistent: %d\n", pthread_mutex_consistent(&robust));
    pthread_mutex_unlock(&robust);
    printf("relock: %d\n", pthread_mutex_lock(&robust));
    pthread_mutex_unlock(&robust);

    for (int i = 0; i < 8; i++)
        pthread_create(&t[i], NULL, lrsc_thread, NULL);
    for (int i = 0; i < 8; i++)
        pthread_join(t[i], NULL);
    printf("lr/sc total %ld (want %d), amo total %d (want %d)\n", lrsc_word, 8 * LRSC_ITERS,
           amo_word, 16 * LRSC_ITERS);

    futex_tests();
    return 0;
}
